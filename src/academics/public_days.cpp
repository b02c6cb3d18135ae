// Use cases of Kazakhstan's public-holiday / working-day calendar (R-O12): seed, list, edit,
// confirm, propose a year from the law, and the WorkingCalendar other modules count with.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "academics/permissions.hpp"
#include "academics/store.hpp"
#include "academics/support.hpp"
#include "platform/csv/csv.hpp"

namespace oqu::academics {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

core::Error SeedInvalid(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "academics.seed_invalid", std::move(detail));
}

core::Day FirstDay(int year) {
    return core::Day{std::chrono::year{year} / std::chrono::January / 1};
}

core::Day LastDay(int year) {
    return core::Day{std::chrono::year{year} / std::chrono::December / 31};
}

int YearOf(core::Day day) {
    return static_cast<int>(std::chrono::year_month_day{day}.year());
}

std::string JsonText(const PublicDay& d) {
    return nlohmann::json{{"date", core::FormatIsoDay(d.date)},
                          {"kind", DayKindName(d.kind)},
                          {"name_kk", d.names.kk},
                          {"name_ru", d.names.ru},
                          {"name_en", d.names.en},
                          {"source", d.source},
                          {"confirmed", d.confirmed}}
        .dump();
}

// Names of the days StatutoryDaysOff gives, by month and day (the law's list).
Names StatutoryName(core::Day day, DayKind kind) {
    if (kind == DayKind::kDayOff) {
        return {"Ауыстырылған демалыс күні", "Перенесённый выходной", "Day off in lieu"};
    }
    const std::chrono::year_month_day ymd{day};
    const auto m = static_cast<unsigned>(ymd.month());
    const auto d = static_cast<unsigned>(ymd.day());
    if (m == 1 && d <= 2) {
        return {"Жаңа жыл", "Новый год", "New Year"};
    }
    if (m == 1 && d == 7) {
        return {"Православие Рождествосы", "Православное Рождество", "Orthodox Christmas"};
    }
    if (m == 3 && d == 8) {
        return {"Халықаралық әйелдер күні", "Международный женский день", "International Women's Day"};
    }
    if (m == 3 && d == 15) {
        return {"Конституция күні", "День Конституции", "Constitution Day"};
    }
    if (m == 3 && d >= 21 && d <= 23) {
        return {"Наурыз мейрамы", "Наурыз мейрамы", "Nauryz Meyramy"};
    }
    if (m == 5 && d == 1) {
        return {"Қазақстан халқының бірлігі мерекесі", "Праздник единства народа Казахстана",
                "Kazakhstan People's Unity Day"};
    }
    if (m == 5 && d == 7) {
        return {"Отан қорғаушы күні", "День защитника Отечества", "Defender of the Fatherland Day"};
    }
    if (m == 5 && d == 9) {
        return {"Жеңіс күні", "День Победы", "Victory Day"};
    }
    if (m == 7 && d == 6) {
        return {"Елорда күні", "День Столицы", "Capital City Day"};
    }
    if (m == 8 && d == 30) {
        return {"Конституция күні", "День Конституции", "Constitution Day"};
    }
    if (m == 10 && d == 25) {
        return {"Республика күні", "День Республики", "Republic Day"};
    }
    if (m == 12 && d == 16) {
        return {"Тәуелсіздік күні", "День Независимости", "Independence Day"};
    }
    return {"Мереке күні", "Праздничный день", "Public holiday"};
}

core::Status CheckDraft(const PublicDayDraft& draft, PublicDay& out) {
    FieldErrors errors;
    const auto date = core::ParseIsoDay(Trim(draft.date));
    if (Trim(draft.date).empty()) {
        errors.push_back({"date", "academics.date_required", {}});
    } else if (!date || YearOf(*date) < kFirstYear || YearOf(*date) > kLastYear) {
        errors.push_back({"date", "academics.date_invalid", {}});
    }
    const auto kind = ParseDayKind(Trim(draft.kind));
    if (!kind) {
        errors.push_back({"kind", "academics.choose_one", {}});
    }
    Names names = draft.names;
    CheckNames(names, errors);
    const std::string source = Trim(draft.source);
    if (source.empty()) {
        errors.push_back({"source", "academics.source_required", {}});
    }
    if (!errors.empty()) {
        return InvalidFields(errors, "R-O12");
    }
    out = PublicDay{*date, *kind, names, source, true};
    return core::OkStatus();
}

}  // namespace

core::Result<int> SeedPublicDays(db::Database& database, const std::filesystem::path& csv) {
    std::ifstream in(csv, std::ios::binary);
    if (!in) {
        return SeedInvalid("cannot read " + csv.string());
    }
    std::stringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    auto table = platform::csv::Parse(content);
    if (!table) {
        return SeedInvalid(csv.string() + ": " + table.error().detail);
    }
    static constexpr const char* kColumns[] = {"date", "name_kk", "name_ru", "name_en",
                                               "kind", "status",  "source"};
    std::vector<std::size_t> index;
    for (const char* column : kColumns) {
        const auto it = std::find(table->header.begin(), table->header.end(), column);
        if (it == table->header.end()) {
            return SeedInvalid(csv.string() + ": no column " + column);
        }
        index.push_back(static_cast<std::size_t>(it - table->header.begin()));
    }
    std::vector<PublicDay> days;
    for (const auto& record : table->rows) {
        auto cell = [&](std::size_t i) {
            return index[i] < record.fields.size() ? record.fields[index[i]] : "";
        };
        const auto date = core::ParseIsoDay(cell(0));
        const auto kind = ParseDayKind(cell(4));
        if (!date || !kind || cell(1).empty() || cell(2).empty() || cell(3).empty()) {
            return SeedInvalid(csv.string() + ": bad row " + std::to_string(record.row));
        }
        // Only rows the seed marks confirmed (announced by the government) start confirmed; derived
        // and expected rows wait for an administrator. An expected row's source says so.
        const bool expected = cell(5) == "expected";
        days.push_back({*date,
                        *kind,
                        {cell(1), cell(2), cell(3)},
                        expected ? "expected" : cell(6),
                        cell(5) == "confirmed"});
    }
    return database.Transact([&](db::Session& s) {
        Store store(s);
        int inserted = 0;
        for (const auto& day : days) {
            inserted += store.InsertPublicDayIfAbsent(day, core::Instant{}) ? 1 : 0;
        }
        return inserted;
    });
}

core::Result<std::vector<PublicDay>> ListPublicDays(const auth::Principal& actor, db::Database& database,
                                                    int year) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) {
        return ok.error();
    }
    if (year < kFirstYear || year > kLastYear) {
        return detail::NotFound("year out of range");
    }
    return database.Read(
        [&](db::Session& s) { return Store(s).ListPublicDays(FirstDay(year), LastDay(year)); });
}

namespace {

// SavePublicDay and AddPublicDay: `add` refuses a listed date instead of replacing it.
core::Status WritePublicDay(const auth::Principal& actor, const Change& change, const PublicDayDraft& draft,
                            bool add) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) {
        return ok.error();
    }
    if (auto ok = auth::Require(actor, kEditCalendar); !ok) {
        return ok.error();
    }
    PublicDay day;
    if (auto ok = CheckDraft(draft, day); !ok) {
        return ok.error();
    }
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        const auto before = store.FindPublicDay(day.date);
        if (before && add) {
            return FieldFailure(core::ErrorCode::kConflict, "date", "academics.day_listed",
                                "calendar day " + core::FormatIsoDay(day.date) + " already listed");
        }
        store.SavePublicDay(day, change.now);
        detail::RecordChange(s, actor, change,
                             before ? "academics.update_public_day" : "academics.add_public_day",
                             "public_day", core::FormatIsoDay(day.date),
                             detail::ChangeDetail(before ? JsonText(*before) : "null", JsonText(day)));
        return core::OkStatus();
    });
}

}  // namespace

core::Status SavePublicDay(const auth::Principal& actor, const Change& change, const PublicDayDraft& draft) {
    return WritePublicDay(actor, change, draft, false);
}

core::Status AddPublicDay(const auth::Principal& actor, const Change& change, const PublicDayDraft& draft) {
    return WritePublicDay(actor, change, draft, true);
}

core::Result<std::vector<PublicYear>> ListPublicYears(const auth::Principal& actor, db::Database& database) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) {
        return ok.error();
    }
    return database.Read([&](db::Session& s) {
        Store store(s);
        auto years = store.ListPublicYears();
        for (auto& y : years) {
            if (y.year < kFirstYear || y.year > kLastYear) {
                continue;
            }
            std::vector<CalendarDay> days;
            for (const auto& d : store.ListPublicDays(FirstDay(y.year), LastDay(y.year))) {
                days.push_back({d.date, d.kind});
            }
            y.working_days =
                WorkingCalendar(std::move(days)).CountWorkingDays(FirstDay(y.year), LastDay(y.year));
        }
        return years;
    });
}

core::Result<std::vector<int>> CountWorkingDaysByMonth(const auth::Principal& actor, db::Database& database,
                                                       int year) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) {
        return ok.error();
    }
    if (year < kFirstYear || year > kLastYear) {
        return detail::NotFound("year out of range");
    }
    auto calendar = LoadWorkingCalendar(std::nullopt, database, year, year);
    if (!calendar) {
        return calendar.error();
    }
    std::vector<int> months;
    for (unsigned m = 1; m <= 12; ++m) {
        const std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{m}};
        months.push_back(calendar->CountWorkingDays(core::Day{ym / 1}, core::Day{ym / std::chrono::last}));
    }
    return months;
}

core::Status RemovePublicDay(const auth::Principal& actor, const Change& change, core::Day date) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) {
        return ok.error();
    }
    if (auto ok = auth::Require(actor, kEditCalendar); !ok) {
        return ok.error();
    }
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        const auto before = store.FindPublicDay(date);
        if (!before) {
            return detail::NotFound("no calendar day " + core::FormatIsoDay(date));
        }
        store.DeletePublicDay(date);
        detail::RecordChange(s, actor, change, "academics.remove_public_day", "public_day",
                             core::FormatIsoDay(date), detail::ChangeDetail(JsonText(*before), "null"));
        return core::OkStatus();
    });
}

core::Status ConfirmPublicDay(const auth::Principal& actor, const Change& change, core::Day date) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) {
        return ok.error();
    }
    if (auto ok = auth::Require(actor, kEditCalendar); !ok) {
        return ok.error();
    }
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        const auto before = store.FindPublicDay(date);
        if (!before) {
            return detail::NotFound("no calendar day " + core::FormatIsoDay(date));
        }
        store.ConfirmPublicDay(date, change.now);
        detail::RecordChange(s, actor, change, "academics.confirm_public_day", "public_day",
                             core::FormatIsoDay(date),
                             detail::ChangeDetail(JsonText(*before), JsonText(*store.FindPublicDay(date))));
        return core::OkStatus();
    });
}

core::Result<int> ProposePublicYear(const auth::Principal& actor, const Change& change, int year) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) {
        return ok.error();
    }
    if (auto ok = auth::Require(actor, kEditCalendar); !ok) {
        return ok.error();
    }
    // StatutoryDaysOff knows the law from 2023 on.
    if (year < 2023 || year > kLastYear) {
        return FieldFailure(core::ErrorCode::kInvalidInput, "year", "academics.date_invalid",
                            "year out of range");
    }
    return change.db.Transact([&](db::Session& s) -> core::Result<int> {
        Store store(s);
        if (!store.ListPublicDays(FirstDay(year), LastDay(year)).empty()) {
            return core::MakeError(core::ErrorCode::kConflict, "academics.year_listed",
                                   "year " + std::to_string(year) + " already listed");
        }
        // Kurban Ait moves each year: it is not proposed, the administrator enters it.
        int added = 0;
        for (const auto& day : StatutoryDaysOff(year, std::nullopt)) {
            PublicDay row{day.date, day.kind, StatutoryName(day.date, day.kind), "expected", false};
            added += store.InsertPublicDayIfAbsent(row, change.now) ? 1 : 0;
        }
        detail::RecordChange(s, actor, change, "academics.propose_public_year", "public_year",
                             std::to_string(year), detail::ChangeDetail("null", std::to_string(added)));
        return added;
    });
}

core::Result<WorkingCalendar> LoadWorkingCalendar(const std::optional<auth::Principal>& actor,
                                                  db::Database& database, int from_year, int to_year) {
    if (actor) {
        if (auto ok = detail::RequireSomewhere(*actor, kViewStructure); !ok) {
            return ok.error();
        }
    }
    if (from_year < kFirstYear || to_year > kLastYear || to_year < from_year) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "academics.date_invalid", "bad year range");
    }
    auto days = database.Read(
        [&](db::Session& s) { return Store(s).ListPublicDays(FirstDay(from_year), LastDay(to_year)); });
    std::vector<CalendarDay> calendar;
    calendar.reserve(days.size());
    for (const auto& d : days) {
        calendar.push_back({d.date, d.kind});
    }
    return WorkingCalendar(std::move(calendar));
}

}  // namespace oqu::academics
