// Use cases of the academic calendar: years, periods, breaks.
#include "academics/api.hpp"
#include "academics/permissions.hpp"
#include "academics/store.hpp"
#include "academics/support.hpp"

namespace oqu::academics {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

std::vector<DateRange> OtherPeriods(const AcademicYear& year, std::optional<PeriodId> except) {
    std::vector<DateRange> out;
    for (const auto& p : year.periods) {
        if (!except || p.id != *except) out.push_back({p.start, p.end});
    }
    return out;
}

// A year for a change: visible, and the actor holds academics:edit_calendar (institution).
core::Result<AcademicYear> YearForChange(const auth::Principal& actor, db::Database& database, YearId id) {
    auto year = FindYear(actor, database, id);
    if (!year) return year.error();
    if (auto ok = auth::Require(actor, kEditCalendar); !ok) return ok.error();
    return year;
}

}  // namespace

core::Result<std::vector<AcademicYear>> ListYears(const auth::Principal& actor, db::Database& database,
                                                  const PageRequest& page) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    return database.Read([&](db::Session& s) { return Store(s).ListYears(page); });
}

core::Result<AcademicYear> FindYear(const auth::Principal& actor, db::Database& database, YearId id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    auto year = database.Read([&](db::Session& s) { return Store(s).FindYear(id); });
    if (!year) return detail::NotFound("no year " + std::to_string(id.value));
    return *year;
}

core::Result<Period> FindPeriod(const auth::Principal& actor, db::Database& database, PeriodId id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    auto period = database.Read([&](db::Session& s) { return Store(s).FindPeriod(id); });
    if (!period) return detail::NotFound("no period " + std::to_string(id.value));
    return *period;
}

core::Result<YearId> CreateYear(const auth::Principal& actor, const Change& change, const YearDraft& draft) {
    if (auto ok = auth::Require(actor, kEditCalendar); !ok) return ok.error();
    auto spec = CheckYear(draft);
    if (!spec) return spec.error();
    return detail::Guarded(
        [&]() -> core::Result<YearId> {
            return change.db.Transact([&](db::Session& s) {
                Store store(s);
                const YearId id = store.InsertYear(*spec, change.now);
                detail::RecordChange(s, actor, change, "academics.create_year", "year",
                                     std::to_string(id.value),
                                     detail::ChangeDetail("null", detail::JsonText(*store.FindYear(id))));
                return id;
            });
        },
        "name", "academics.year_exists");
}

core::Status UpdateYear(const auth::Principal& actor, const Change& change, YearId id,
                        const YearDraft& draft) {
    auto current = YearForChange(actor, change.db, id);
    if (!current) return current.error();
    auto spec = CheckYear(draft);
    if (!spec) return spec.error();
    return detail::Guarded(
        [&]() -> core::Status {
            return change.db.Transact([&](db::Session& s) -> core::Status {
                Store store(s);
                auto before = store.FindYear(id);
                if (!before) return detail::NotFound("year vanished");
                FieldErrors errors;
                auto outside = [&](Date start, Date end) { return start < spec->start || spec->end < end; };
                for (const auto& p : before->periods) {
                    if (outside(p.start, p.end)) {
                        errors.push_back({"start_date", "academics.year_excludes_periods", {}});
                    }
                }
                for (const auto& h : before->holidays) {
                    if (outside(h.start, h.end)) {
                        errors.push_back({"end_date", "academics.year_excludes_periods", {}});
                    }
                }
                if (!errors.empty()) return InvalidFields({errors.front()});
                store.UpdateYear(id, *spec, change.now);
                detail::RecordChange(
                    s, actor, change, "academics.update_year", "year", std::to_string(id.value),
                    detail::ChangeDetail(detail::JsonText(*before), detail::JsonText(*store.FindYear(id))));
                return core::OkStatus();
            });
        },
        "name", "academics.year_exists");
}

core::Status DeleteYear(const auth::Principal& actor, const Change& change, YearId id) {
    auto current = YearForChange(actor, change.db, id);
    if (!current) return current.error();
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto before = store.FindYear(id);
        if (!before) return detail::NotFound("year vanished");
        if (!before->periods.empty() || !before->holidays.empty()) {
            return core::MakeError(core::ErrorCode::kConflict, "academics.year_not_empty",
                                   "year has periods");
        }
        store.DeleteYear(id);
        detail::RecordChange(s, actor, change, "academics.delete_year", "year", std::to_string(id.value),
                             detail::ChangeDetail(detail::JsonText(*before), "null"));
        return core::OkStatus();
    });
}

core::Result<PeriodId> AddPeriod(const auth::Principal& actor, const Change& change, YearId year,
                                 const PeriodDraft& draft) {
    auto owner = YearForChange(actor, change.db, year);
    if (!owner) return owner.error();
    auto spec = CheckPeriod(draft, {owner->start, owner->end}, OtherPeriods(*owner, std::nullopt));
    if (!spec) return spec.error();
    return detail::Guarded(
        [&]() -> core::Result<PeriodId> {
            return change.db.Transact([&](db::Session& s) {
                Store store(s);
                const PeriodId id = store.InsertPeriod(year, *spec, change.now);
                detail::RecordChange(s, actor, change, "academics.add_period", "period",
                                     std::to_string(id.value),
                                     detail::ChangeDetail("null", detail::JsonText(*store.FindPeriod(id))));
                return id;
            });
        },
        "kind", "academics.period_exists");
}

core::Status UpdatePeriod(const auth::Principal& actor, const Change& change, PeriodId id,
                          const PeriodDraft& draft) {
    auto current = FindPeriod(actor, change.db, id);
    if (!current) return current.error();
    auto owner = YearForChange(actor, change.db, current->year_id);
    if (!owner) return owner.error();
    auto spec = CheckPeriod(draft, {owner->start, owner->end}, OtherPeriods(*owner, id));
    if (!spec) return spec.error();
    return detail::Guarded(
        [&]() -> core::Status {
            return change.db.Transact([&](db::Session& s) -> core::Status {
                Store store(s);
                auto before = store.FindPeriod(id);
                if (!before) return detail::NotFound("period vanished");
                store.UpdatePeriod(id, *spec, change.now);
                detail::RecordChange(
                    s, actor, change, "academics.update_period", "period", std::to_string(id.value),
                    detail::ChangeDetail(detail::JsonText(*before), detail::JsonText(*store.FindPeriod(id))));
                return core::OkStatus();
            });
        },
        "kind", "academics.period_exists");
}

core::Status RemovePeriod(const auth::Principal& actor, const Change& change, PeriodId id) {
    auto current = FindPeriod(actor, change.db, id);
    if (!current) return current.error();
    if (auto owner = YearForChange(actor, change.db, current->year_id); !owner) return owner.error();
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto before = store.FindPeriod(id);
        if (!before) return detail::NotFound("period vanished");
        store.DeletePeriod(id);
        detail::RecordChange(s, actor, change, "academics.remove_period", "period", std::to_string(id.value),
                             detail::ChangeDetail(detail::JsonText(*before), "null"));
        return core::OkStatus();
    });
}

core::Result<HolidayId> AddHoliday(const auth::Principal& actor, const Change& change, YearId year,
                                   const HolidayDraft& draft) {
    auto owner = YearForChange(actor, change.db, year);
    if (!owner) return owner.error();
    auto spec = CheckHoliday(draft, {owner->start, owner->end});
    if (!spec) return spec.error();
    return change.db.Transact([&](db::Session& s) {
        Store store(s);
        const HolidayId id = store.InsertHoliday(year, *spec, change.now);
        detail::RecordChange(s, actor, change, "academics.add_holiday", "holiday", std::to_string(id.value),
                             detail::ChangeDetail("null", detail::JsonText(*store.FindHoliday(id))));
        return core::Result<HolidayId>(id);
    });
}

core::Status RemoveHoliday(const auth::Principal& actor, const Change& change, HolidayId id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    auto holiday = change.db.Read([&](db::Session& s) { return Store(s).FindHoliday(id); });
    if (!holiday) return detail::NotFound("no holiday " + std::to_string(id.value));
    if (auto ok = auth::Require(actor, kEditCalendar); !ok) return ok.error();
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto before = store.FindHoliday(id);
        if (!before) return detail::NotFound("holiday vanished");
        store.DeleteHoliday(id);
        detail::RecordChange(s, actor, change, "academics.remove_holiday", "holiday",
                             std::to_string(id.value),
                             detail::ChangeDetail(detail::JsonText(*before), "null"));
        return core::OkStatus();
    });
}

}  // namespace oqu::academics
