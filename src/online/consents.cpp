#include <algorithm>

#include <nlohmann/json.hpp>

#include "online/api.hpp"
#include "online/permissions.hpp"
#include "online/store.hpp"
#include "online/support.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

namespace oqu::online {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

constexpr std::size_t kMaxText = 100'000;

bool Complete(const std::vector<Document>& current, const std::vector<std::int64_t>& in_force) {
    if (current.empty()) return false;  // Nothing published yet: the contract cannot be shown.
    return std::all_of(current.begin(), current.end(), [&](const Document& d) {
        return std::find(in_force.begin(), in_force.end(), d.id) != in_force.end();
    });
}

}  // namespace

std::string_view DocumentKindName(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::kPersonalData:
            return "personal_data";
        case DocumentKind::kUserAgreement:
            return "user_agreement";
        case DocumentKind::kTechnicalRequirements:
            break;
    }
    return "technical_requirements";
}

std::optional<DocumentKind> ParseDocumentKind(std::string_view code) {
    for (DocumentKind kind : kDocumentKinds) {
        if (DocumentKindName(kind) == code) return kind;
    }
    return std::nullopt;
}

core::Result<Document> PublishDocument(const auth::Principal& actor, const Change& change,
                                       const DocumentDraft& draft) {
    if (auto ok = auth::Require(actor, kPublishDocuments); !ok) return ok.error();
    const auto kind = ParseDocumentKind(draft.kind);
    if (!kind) return detail::Invalid("online.kind_invalid", "kind");
    for (const auto& [field, text] :
         {std::pair{"text_kk", &draft.text_kk}, std::pair{"text_ru", &draft.text_ru},
          std::pair{"text_en", &draft.text_en}}) {
        if (text->find_first_not_of(" \t\r\n") == std::string::npos || text->size() > kMaxText) {
            return detail::Invalid("online.text_required", field);
        }
    }
    return change.db.Transact([&](db::Session& session) -> core::Result<Document> {
        Store store(session);
        Document d{0,         *kind, store.NextVersion(*kind), draft.text_kk, draft.text_ru, draft.text_en,
                   change.now};
        d.id = store.InsertDocument(d, actor.user_id);
        detail::RecordChange(
            session, actor, change, "online.publish_document", "online_document", d.id,
            nlohmann::json{{"kind", DocumentKindName(d.kind)}, {"version", d.version}}.dump());
        return d;
    });
}

std::vector<Document> CurrentDocuments(db::Database& database) {
    return database.Read([](db::Session& s) { return Store(s).CurrentDocuments(); });
}

core::Result<std::int64_t> OwnStudentId(const auth::Principal& actor, db::Database& database) {
    auto student = people::FindStudentByUser(auth::SystemPrincipal(), database, actor.user_id);
    if (!student || actor.system) {
        return core::MakeError(core::ErrorCode::kNotFound, "online.not_a_student", "no linked student");
    }
    return student->id.value;
}

core::Result<ConsentState> ConsentStateOf(const auth::Principal& actor, db::Database& database,
                                          std::int64_t student_id) {
    auto student = detail::Student(actor, database, student_id, kViewRecords);
    if (!student) return student.error();
    return database.Read([&](db::Session& s) {
        Store store(s);
        ConsentState state;
        state.student_id = student_id;
        state.online = student->online;
        state.current = store.CurrentDocuments();
        const auto in_force = store.InForce(student_id);
        for (const Document& d : state.current) {
            state.accepted.push_back(std::find(in_force.begin(), in_force.end(), d.id) != in_force.end());
        }
        state.complete = Complete(state.current, in_force);
        state.history = store.History(student_id);
        return state;
    });
}

core::Status AcceptDocuments(const auth::Principal& actor, const Change& change,
                             const std::vector<std::int64_t>& document_ids) {
    auto own = OwnStudentId(actor, change.db);
    if (!own) return own.error();
    auto student = detail::Student(actor, change.db, *own, kViewRecords);
    if (!student) return student.error();
    if (document_ids.empty()) return detail::Invalid("online.accept_none", "document");
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store store(session);
        const auto current = store.CurrentDocuments();
        const auto in_force = store.InForce(*own);
        for (std::int64_t id : document_ids) {
            const bool is_current =
                std::any_of(current.begin(), current.end(), [&](const Document& d) { return d.id == id; });
            if (!is_current) {
                return core::MakeError(core::ErrorCode::kConflict, "online.version_outdated",
                                       "document " + std::to_string(id) + " is not current", "R-O7");
            }
        }
        for (std::int64_t id : document_ids) {
            if (std::find(in_force.begin(), in_force.end(), id) != in_force.end()) continue;
            // R-O7: each version's acceptance is recorded with its time.
            store.InsertAcceptance(student->scope, id, change.now);
            detail::RecordChange(session, actor, change, "online.accept_document", "online_document", id,
                                 nlohmann::json{{"student_id", *own}}.dump());
        }
        return core::OkStatus();
    });
}

core::Status WithdrawPersonalDataConsent(const auth::Principal& actor, const Change& change) {
    auto own = OwnStudentId(actor, change.db);
    if (!own) return own.error();
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store store(session);
        if (store.WithdrawPersonalData(*own, change.now) == 0) {
            return core::MakeError(core::ErrorCode::kConflict, "online.nothing_to_withdraw",
                                   "no consent in force");
        }
        // R-O7: the withdrawal is recorded with its time; the online pages are blocked from now on.
        detail::RecordChange(session, actor, change, "online.withdraw_consent", "student", *own, "{}");
        return core::OkStatus();
    });
}

bool HasAcceptedConsents(db::Database& database, std::int64_t student_id) {
    return database.Read([&](db::Session& s) {
        Store store(s);
        return Complete(store.CurrentDocuments(), store.InForce(student_id));
    });
}

core::Status RequireOnlineConsents(const auth::Principal& actor, db::Database& database) {
    if (actor.system) return core::OkStatus();
    auto student = people::FindStudentByUser(auth::SystemPrincipal(), database, actor.user_id);
    if (!student || student->form != people::StudyForm::kOnline) return core::OkStatus();
    if (HasAcceptedConsents(database, student->id.value)) return core::OkStatus();
    // R-O7: an online student works on the portal only under the accepted contract.
    return core::MakeError(core::ErrorCode::kForbidden, "online.consents_required",
                           "online student without the current consents", "R-O7");
}

std::vector<std::int64_t> ReportConsentedStudents(db::Database& database) {
    return database.Read([](db::Session& s) { return Store(s).ConsentedStudents(); });
}

}  // namespace oqu::online
