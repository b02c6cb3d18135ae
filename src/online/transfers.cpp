#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "distance/api.hpp"
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

core::Day DayOf(const academics::Date& d) {
    return std::chrono::sys_days{std::chrono::year{d.year} /
                                 std::chrono::month{static_cast<unsigned>(d.month)} /
                                 std::chrono::day{static_cast<unsigned>(d.day)}};
}

// The breaks of the academic calendar: its holidays and the gaps between consecutive periods
// (the winter and summer vacations), read with the system's authority: the calendar is public.
std::vector<distance::DayRange> Breaks(db::Database& database) {
    std::vector<distance::DayRange> out;
    std::vector<std::pair<core::Day, core::Day>> periods;
    for (std::int64_t after = 0;;) {
        auto page = academics::ListYears(auth::SystemPrincipal(), database, {.after = after, .limit = 100});
        if (!page || page->empty()) break;
        for (const academics::AcademicYear& listed : *page) {
            after = listed.id.value;
            auto year = academics::FindYear(auth::SystemPrincipal(), database, listed.id);
            if (!year) continue;
            for (const auto& h : year->holidays) out.push_back({DayOf(h.start), DayOf(h.end)});
            for (const auto& p : year->periods) periods.emplace_back(DayOf(p.start), DayOf(p.end));
        }
        if (page->size() < 100) break;
    }
    std::sort(periods.begin(), periods.end());
    for (std::size_t i = 1; i < periods.size(); ++i) {
        const core::Day first = periods[i - 1].second + std::chrono::days{1};
        const core::Day last = periods[i].first - std::chrono::days{1};
        if (first <= last) out.push_back({first, last});
    }
    return out;
}

core::Result<Scoped<Transfer>> OpenTransfer(const auth::Principal& actor, db::Database& database,
                                            std::int64_t id) {
    auto transfer = database.Read([&](db::Session& s) { return Store(s).FindTransfer(id); });
    if (!transfer) return detail::NotFound("no transfer " + std::to_string(id));
    const auto path = StudentPath(transfer->scope.faculty_id, transfer->scope.programme_id);
    if (!auth::Allows(actor, kViewRecords, path) && !auth::Allows(actor, kDecide, path)) {
        return detail::NotFound("outside the actor's scopes");
    }
    if (auto ok = auth::Require(actor, kDecide, path); !ok) return ok.error();
    if (transfer->value.status != "requested") {
        return core::MakeError(core::ErrorCode::kConflict, "online.already_decided", "transfer closed");
    }
    return *transfer;
}

}  // namespace

core::Result<std::int64_t> RequestTransfer(const auth::Principal& actor, const Change& change,
                                           std::int64_t student_id, std::string_view effective_on) {
    auto student = detail::Student(actor, change.db, student_id, kDecide);
    if (!student) return student.error();
    const auto day = detail::Day(effective_on);
    if (!day || *day < core::KazakhstanDay(change.now)) {
        return detail::Invalid("online.transfer_date_invalid", "effective_on");
    }
    Transfer t;
    t.student_id = student_id;
    t.from_form = student->online ? "online" : "full_time";
    t.to_form = student->online ? "full_time" : "online";
    t.effective_on = core::FormatIsoDay(*day);
    return change.db.Transact([&](db::Session& session) -> core::Result<std::int64_t> {
        Store store(session);
        if (store.HasOpenTransfer(student_id)) {
            return core::MakeError(core::ErrorCode::kConflict, "online.transfer_pending", "open request");
        }
        const std::int64_t id = store.InsertTransfer(t, student->scope, actor.user_id, change.now);
        detail::RecordChange(
            session, actor, change, "online.request_transfer", "online_transfer", id,
            nlohmann::json{{"student_id", student_id}, {"to", t.to_form}, {"on", t.effective_on}}.dump());
        return id;
    });
}

core::Status MarkTransferPaid(const auth::Principal& actor, const Change& change, std::int64_t transfer_id,
                              std::string_view paid_text) {
    auto transfer = OpenTransfer(actor, change.db, transfer_id);
    if (!transfer) return transfer.error();
    if (paid_text != "yes" && paid_text != "no") return detail::Invalid("online.decision_invalid", "paid");
    const bool paid = paid_text == "yes";
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store(session).SetPaid(transfer_id, paid);
        // R-O25: a transfer is made on a paid basis.
        detail::RecordChange(session, actor, change, "online.mark_transfer_paid", "online_transfer",
                             transfer_id, nlohmann::json{{"paid", paid}}.dump());
        return core::OkStatus();
    });
}

core::Status DecideTransfer(const auth::Principal& actor, const Change& change, std::int64_t transfer_id,
                            std::string_view decision) {
    auto transfer = OpenTransfer(actor, change.db, transfer_id);
    if (!transfer) return transfer.error();
    if (decision != "approve" && decision != "refuse") {
        return detail::Invalid("online.decision_invalid", "decision");
    }
    const bool approve = decision == "approve";
    if (approve) {
        const auto day = detail::Day(transfer->value.effective_on);
        if (!day) return detail::Invalid("online.transfer_date_invalid", "effective_on");
        // R-O25: during holidays and paid.
        const core::Verdict verdict =
            distance::CheckFormTransfer(*day, Breaks(change.db), transfer->value.paid);
        if (verdict.violated()) return core::Refusal(verdict);
        // people audits the change of form in its own transaction; R-O2 applies when going online.
        const auto form =
            transfer->value.to_form == "online" ? people::StudyForm::kOnline : people::StudyForm::kFullTime;
        if (auto ok = people::ChangeStudyForm(actor, {change.db, change.now, change.address},
                                              people::StudentId{transfer->scope.student_id}, form);
            !ok) {
            return ok.error();
        }
    }
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).CloseTransfer(transfer_id, approve ? "approved" : "refused", actor.user_id,
                                          change.now)) {
            return core::MakeError(core::ErrorCode::kConflict, "online.already_decided", "transfer closed");
        }
        detail::RecordChange(session, actor, change,
                             approve ? "online.approve_transfer" : "online.refuse_transfer",
                             "online_transfer", transfer_id,
                             nlohmann::json{{"student_id", transfer->scope.student_id}}.dump());
        return core::OkStatus();
    });
}

core::Result<std::vector<Transfer>> ListTransfers(const auth::Principal& actor, db::Database& database,
                                                  std::int64_t student_id) {
    auto student = detail::Student(actor, database, student_id, kViewRecords);
    if (!student) return student.error();
    return database.Read([&](db::Session& s) { return Store(s).Transfers(student_id); });
}

std::vector<Transfer> ReportTransfers(db::Database& database) {
    return database.Read([](db::Session& s) { return Store(s).AllTransfers(); });
}

std::vector<distance::DayRange> ReportBreaks(db::Database& database) {
    return Breaks(database);
}

}  // namespace oqu::online
