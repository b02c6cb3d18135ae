#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "distance/api.hpp"
#include "online/api.hpp"
#include "online/permissions.hpp"
#include "online/store.hpp"
#include "online/support.hpp"
#include "platform/db/database.hpp"

namespace oqu::online {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

constexpr std::string_view kPlatforms[] = {"coursera", "edx", "futurelearn", "udacity", "own", "other"};

bool ValidUrl(std::string_view url) {
    return (url.starts_with("https://") || url.starts_with("http://")) && url.size() <= 2000 &&
           url.find_first_of(" \t\r\n<>\"") == std::string_view::npos;
}

}  // namespace

std::string_view MoocPlatformName(MoocPlatform platform) {
    return kPlatforms[static_cast<std::size_t>(platform)];
}

std::optional<MoocPlatform> ParseMoocPlatform(std::string_view code) {
    for (std::size_t i = 0; i < std::size(kPlatforms); ++i) {
        if (kPlatforms[i] == code) return static_cast<MoocPlatform>(i);
    }
    return std::nullopt;
}

core::Result<std::int64_t> SubmitMooc(const auth::Principal& actor, const Change& change,
                                      std::int64_t student_id, const MoocDraft& draft) {
    auto student = detail::Student(actor, change.db, student_id, kDecide);
    if (!student) return student.error();
    Mooc m;
    const auto platform = ParseMoocPlatform(draft.platform);
    if (!platform) return detail::Invalid("online.mooc_platform_invalid", "platform");
    m.platform = *platform;
    if (draft.title.find_first_not_of(' ') == std::string::npos || draft.title.size() > 300) {
        return detail::Invalid("online.mooc_title_required", "title");
    }
    m.title = draft.title;
    if (!ValidUrl(draft.url)) return detail::Invalid("online.mooc_url_invalid", "url");
    m.url = draft.url;
    int credits = 0;
    for (char c : draft.credits) {
        if (c < '0' || c > '9' || credits > 1000) {
            return detail::Invalid("online.mooc_credits_invalid", "credits");
        }
        credits = credits * 10 + (c - '0');
    }
    if (credits < 1 || credits > 60) return detail::Invalid("online.mooc_credits_invalid", "credits");
    m.credits = credits;
    const auto completed = detail::Day(draft.completed_on);
    if (!completed || *completed > core::KazakhstanDay(change.now)) {
        return detail::Invalid("online.mooc_date_invalid", "completed_on");
    }
    m.completed_on = core::FormatIsoDay(*completed);
    m.certificate_sha256 = draft.certificate_sha256;
    return change.db.Transact([&](db::Session& session) -> core::Result<std::int64_t> {
        const std::int64_t id = Store(session).InsertMooc(m, student->scope, actor.user_id, change.now);
        detail::RecordChange(session, actor, change, "online.submit_mooc", "online_mooc", id,
                             nlohmann::json{{"student_id", student_id}, {"credits", m.credits}}.dump());
        return id;
    });
}

core::Status DecideMooc(const auth::Principal& actor, const Change& change, std::int64_t mooc_id,
                        std::string_view decision) {
    auto mooc = change.db.Read([&](db::Session& s) { return Store(s).FindMooc(mooc_id); });
    if (!mooc) return detail::NotFound("no mooc " + std::to_string(mooc_id));
    const auto path = StudentPath(mooc->scope.faculty_id, mooc->scope.programme_id);
    if (!auth::Allows(actor, kViewRecords, path) && !auth::Allows(actor, kDecide, path)) {
        return detail::NotFound("outside the actor's scopes");
    }
    if (auto ok = auth::Require(actor, kDecide, path); !ok) return ok.error();
    if (decision != "approve" && decision != "reject") {
        return detail::Invalid("online.decision_invalid", "decision");
    }
    const bool approve = decision == "approve";
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).DecideMooc(mooc_id, approve ? "approved" : "rejected", actor.user_id,
                                       change.now)) {
            return core::MakeError(core::ErrorCode::kConflict, "online.already_decided", "mooc decided");
        }
        // R-O14 / R-D17: only approved credits count.
        detail::RecordChange(
            session, actor, change, approve ? "online.approve_mooc" : "online.reject_mooc", "online_mooc",
            mooc_id,
            nlohmann::json{{"student_id", mooc->scope.student_id}, {"credits", mooc->value.credits}}.dump());
        return core::OkStatus();
    });
}

core::Result<std::vector<Mooc>> ListMoocs(const auth::Principal& actor, db::Database& database,
                                          std::int64_t student_id) {
    auto student = detail::Student(actor, database, student_id, kViewRecords);
    if (!student) return student.error();
    return database.Read([&](db::Session& s) { return Store(s).Moocs(student_id); });
}

core::Result<MoocShares> MoocSharesOf(const auth::Principal& actor, db::Database& database,
                                      std::int64_t student_id) {
    auto student = detail::Student(actor, database, student_id, kViewRecords);
    if (!student) return student.error();
    MoocShares shares;
    shares.online = student->online;
    const auto credits = database.Read([&](db::Session& s) { return Store(s).ApprovedCredits(student_id); });
    shares.approved_credits = credits.empty() ? 0 : credits[0].credits;
    auto programme = academics::FindProgramme(auth::SystemPrincipal(), database,
                                              academics::ProgrammeId{student->scope.programme_id});
    shares.programme_credits = programme ? programme->credits : 0;
    shares.nonformal = distance::CheckNonFormalCredits(shares.approved_credits, shares.programme_credits);
    if (shares.online) {
        shares.mooc = distance::CheckMoocCredits(shares.approved_credits, shares.programme_credits);
    } else {
        shares.mooc = {.rule = "R-O14",
                       .status = core::RuleStatus::kNotApplicable,
                       .message_key = "online.ro14_full_time",
                       .args = {}};
    }
    return shares;
}

std::vector<StudentCredits> ReportMoocCredits(db::Database& database) {
    return database.Read([](db::Session& s) { return Store(s).ApprovedCredits(std::nullopt); });
}

}  // namespace oqu::online
