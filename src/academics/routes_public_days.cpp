// Kazakhstan's public-holiday / working-day calendar (R-O12): the years listed, a year's days with
// a month view of its working days, the forms that add, change, remove and confirm a day or
// propose a year from the law, and the JSON API under /api/v1/academics/calendar.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "academics/json.hpp"
#include "academics/permissions.hpp"
#include "academics/routes_support.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

namespace oqu::academics::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using nlohmann::json;

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

const std::vector<std::string_view> kDayKinds = {"public_holiday", "day_off_transfer", "working_saturday"};

// Full keys, so that the strings test finds each one in the source.
constexpr const char* kMonthKeys[] = {"academics.month_1",  "academics.month_2",  "academics.month_3",
                                      "academics.month_4",  "academics.month_5",  "academics.month_6",
                                      "academics.month_7",  "academics.month_8",  "academics.month_9",
                                      "academics.month_10", "academics.month_11", "academics.month_12"};
constexpr const char* kWeekdayKeys[] = {"academics.weekday_1", "academics.weekday_2", "academics.weekday_3",
                                        "academics.weekday_4", "academics.weekday_5", "academics.weekday_6",
                                        "academics.weekday_7"};
constexpr const char* kWeekdayShortKeys[] = {"academics.weekday_short_1", "academics.weekday_short_2",
                                             "academics.weekday_short_3", "academics.weekday_short_4",
                                             "academics.weekday_short_5", "academics.weekday_short_6",
                                             "academics.weekday_short_7"};

std::string CalendarHref(int year) {
    return "/academics/calendar/" + std::to_string(year);
}

std::string DayHref(core::Day date) {
    return CalendarHref(static_cast<int>(std::chrono::year_month_day{date}.year())) + "/days/" +
           core::FormatIsoDay(date);
}

const auth::Principal& Who(const http::Request& request) {
    return *auth::CurrentPrincipal(request);
}

Change ChangeOf(platform::Services& s, const http::Request& request) {
    return Change{s.db, Now(), request.remote_address};
}

// The {year} of the path (2000..2100); nullopt otherwise (404).
std::optional<int> PathYear(const http::Request& request) {
    const auto year = ParseNumber(request.Param("year"));
    if (!year || *year < kFirstYear || *year > kLastYear) return std::nullopt;
    return static_cast<int>(*year);
}

// The {date} of the path when it is a date of {year}; nullopt otherwise.
std::optional<core::Day> PathDate(const http::Request& request, int year) {
    const auto date = core::ParseIsoDay(request.Param("date"));
    if (!date || static_cast<int>(std::chrono::year_month_day{*date}.year()) != year) return std::nullopt;
    return date;
}

// ISO weekday, 1 (Monday) to 7 (Sunday).
unsigned IsoWeekday(core::Day date) {
    return std::chrono::weekday{date}.iso_encoding();
}

std::string KindBadge(DayKind kind) {
    return kind == DayKind::kWorkingDay ? "badge-ok" : "badge-warn";
}

// ----- the list of years -----------------------------------------------------------------------

http::Response YearsPage(platform::Services& s, http::Request& request, const std::string& year_value,
                         const FormErrors& errors, int status) {
    const auto& who = Who(request);
    const Texts t(s, request);
    auto list = ListPublicYears(who, s.db);
    if (!list) return Error(s, request, list.error());
    json years = json::array();
    for (const auto& y : list.value()) {
        years.push_back({{"year", y.year},
                         {"href", CalendarHref(y.year)},
                         {"days", y.days},
                         {"working_days", y.working_days},
                         {"has_unconfirmed", y.unconfirmed > 0},
                         {"unconfirmed",
                          t.Format("academics.days_to_check", {{"count", std::to_string(y.unconfirmed)}})}});
    }
    const std::string saved = SavedMessage(t, request);
    return Page(s, request, "academics/public_years",
                {{"saved", !saved.empty()},
                 {"saved_message", saved},
                 {"can_edit", auth::Allows(who, kEditCalendar, {})},
                 {"has_years", !years.empty()},
                 {"years", years},
                 {"has_errors", !errors.Empty()},
                 {"errors", errors.Summary()},
                 {"year_field", errors.Field("year", year_value)}},
                "academics.public_days_title", status);
}

http::Response ProposeAction(platform::Services& s, http::Request& request) {
    const std::string typed = FormField(request, "year");
    // Not a number (or absurdly large): year 0, which the use case refuses after checking the
    // actor's right, so that someone who may not propose learns nothing more.
    const auto parsed = ParseNumber(typed);
    const int year = parsed && *parsed <= kLastYear ? static_cast<int>(*parsed) : 0;
    auto added = ProposePublicYear(Who(request), ChangeOf(s, request), year);
    if (!added) {
        const core::Error& error = added.error();
        const Texts t(s, request);
        FormErrors errors;
        if (error.code == core::ErrorCode::kConflict) {
            errors.Add("year", t.Get(error.message_key));
        } else if (error.code == core::ErrorCode::kInvalidInput) {
            errors.Add("year", t.Get("academics.calendar_year_invalid"));
        } else {
            return Error(s, request, error);
        }
        return YearsPage(s, request, typed, errors, FormStatus(error));
    }
    return http::Response::Redirect(CalendarHref(year) + "?saved=1");
}

// ----- one year --------------------------------------------------------------------------------

// The month view: per month its weeks (Monday first), each day marked working or not.
json MonthsOf(const Texts& t, int year, const WorkingCalendar& calendar, const std::vector<int>& counts) {
    json months = json::array();
    for (unsigned m = 1; m <= 12; ++m) {
        const std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{m}};
        const core::Day first{ym / 1};
        const core::Day last{ym / std::chrono::last};
        json weeks = json::array();
        json cells = json::array();
        for (unsigned i = 1; i < IsoWeekday(first); ++i) cells.push_back({{"blank", true}});
        for (core::Day d = first; d <= last; d += std::chrono::days{1}) {
            const bool weekend = IsoWeekday(d) >= 6;
            const bool working = calendar.IsWorkingDay(d);
            cells.push_back({{"blank", false},
                             {"day", static_cast<unsigned>(std::chrono::year_month_day{d}.day())},
                             {"plain", working && !weekend},
                             {"weekend", !working && weekend},
                             {"off", !working && !weekend},
                             {"worked", working && weekend}});
            if (IsoWeekday(d) == 7) {
                weeks.push_back({{"cells", cells}});
                cells = json::array();
            }
        }
        if (!cells.empty()) {
            while (cells.size() < 7) cells.push_back({{"blank", true}});
            weeks.push_back({{"cells", cells}});
        }
        const int count = counts.at(m - 1);
        months.push_back(
            {{"id", "month-" + std::to_string(m)},
             {"name", t.Get(kMonthKeys[m - 1])},
             {"working_days", count},
             {"caption", t.Format("academics.month_working_days",
                                  {{"month", t.Get(kMonthKeys[m - 1])}, {"count", std::to_string(count)}})},
             {"weeks", weeks}});
    }
    return months;
}

json WeekdayHeaders(const Texts& t) {
    json out = json::array();
    for (int i = 1; i <= 7; ++i) {
        out.push_back({{"short", t.Get(kWeekdayShortKeys[i - 1])}, {"full", t.Get(kWeekdayKeys[i - 1])}});
    }
    return out;
}

http::Response YearPage(platform::Services& s, http::Request& request) {
    const auto year = PathYear(request);
    if (!year) return Error(s, request, PageNotFound());
    const auto& who = Who(request);
    const Texts t(s, request);
    auto days = ListPublicDays(who, s.db, *year);
    if (!days) return Error(s, request, days.error());
    auto calendar = LoadWorkingCalendar(who, s.db, *year, *year);
    if (!calendar) return Error(s, request, calendar.error());
    auto counts = CountWorkingDaysByMonth(who, s.db, *year);
    if (!counts) return Error(s, request, counts.error());
    const bool can_edit = auth::Allows(who, kEditCalendar, {});
    json rows = json::array();
    int unconfirmed = 0;
    for (const auto& d : days.value()) {
        const std::string iso = core::FormatIsoDay(d.date);
        const std::string display = DisplayDate(iso);
        unconfirmed += d.confirmed ? 0 : 1;
        rows.push_back({{"iso", iso},
                        {"date", display},
                        {"weekday", t.Get(kWeekdayKeys[IsoWeekday(d.date) - 1])},
                        {"kind", t.Get(EnumKey("day_kind", DayKindName(d.kind)))},
                        {"kind_badge", KindBadge(d.kind)},
                        {"name_kk", d.names.kk},
                        {"name_ru", d.names.ru},
                        {"name_en", d.names.en},
                        {"confirmed", d.confirmed},
                        {"source", d.source},
                        {"edit_href", DayHref(d.date) + "/edit"},
                        {"edit_label", t.Format("academics.edit_item", {{"item", display}})},
                        {"remove_href", DayHref(d.date) + "/remove"},
                        {"remove_label", t.Format("academics.remove_item", {{"item", display}})},
                        {"confirm_action", DayHref(d.date) + "/confirm"},
                        {"confirm_label", t.Format("academics.day_confirm_item", {{"date", display}})}});
    }
    int total = 0;
    for (int c : counts.value()) total += c;
    const std::string saved = SavedMessage(t, request);
    const std::string year_text = std::to_string(*year);
    return Page(s, request, "academics/public_year",
                {{"saved", !saved.empty()},
                 {"saved_message", saved},
                 {"heading", t.Format("academics.public_year_heading", {{"year", year_text}})},
                 {"year", *year},
                 {"has_prev", *year > kFirstYear},
                 {"prev_href", CalendarHref(*year - 1)},
                 {"prev_label", std::to_string(*year - 1)},
                 {"has_next", *year < kLastYear},
                 {"next_href", CalendarHref(*year + 1)},
                 {"next_label", std::to_string(*year + 1)},
                 {"can_edit", can_edit},
                 {"new_href", CalendarHref(*year) + "/days/new"},
                 {"has_days", !rows.empty()},
                 {"days", rows},
                 {"has_unconfirmed", unconfirmed > 0},
                 {"unconfirmed_message",
                  t.Format("academics.days_to_check_notice", {{"count", std::to_string(unconfirmed)}})},
                 {"can_propose", can_edit && rows.empty() && *year >= 2023},
                 {"working_total", t.Format("academics.year_working_days",
                                            {{"year", year_text}, {"count", std::to_string(total)}})},
                 {"weekdays", WeekdayHeaders(t)},
                 {"months", MonthsOf(t, *year, calendar.value(), counts.value())}},
                "academics.public_days_title");
}

// ----- the forms of a day ----------------------------------------------------------------------

PublicDayDraft DraftOf(http::Request& request, std::string date) {
    return {std::move(date),
            FormField(request, "kind"),
            {FormField(request, "name_kk"), FormField(request, "name_ru"), FormField(request, "name_en")},
            FormField(request, "source")};
}

// The form of a new day (`existing` nullopt, the date is a field) or of a listed one.
http::Response DayForm(platform::Services& s, http::Request& request, int year,
                       const std::optional<core::Day>& existing, const PublicDayDraft& d,
                       const FormErrors& errors, int status) {
    const Texts t(s, request);
    const std::string back = CalendarHref(year);
    json fields = json::array();
    const auto field = [&](const std::string& name, const std::string& label_key, const std::string& type,
                           const std::string& hint_key, const std::string& lang, const std::string& value,
                           const json& options) {
        json f = errors.Field(name, value);
        f["name"] = name;
        f["label"] = t.Get(label_key);
        f["is_select"] = type == "select";
        f["input_type"] = type;
        f["options"] = options.is_array() ? options : json::array();
        f["has_hint"] = !hint_key.empty();
        f["hint"] = hint_key.empty() ? std::string{} : t.Get(hint_key);
        f["has_lang"] = !lang.empty();
        f["lang"] = lang;
        fields.push_back(f);
    };
    if (!existing) {
        field("date", "academics.day_date_label", "date", "academics.date_hint", "", d.date, nullptr);
    }
    field("kind", "academics.day_kind_label", "select", "", "", d.kind,
          EnumOptions(t, "day_kind", kDayKinds, d.kind));
    field("name_kk", "academics.name_kk_label", "text", "", "kk", d.names.kk, nullptr);
    field("name_ru", "academics.name_ru_label", "text", "", "ru", d.names.ru, nullptr);
    field("name_en", "academics.name_en_label", "text", "", "en", d.names.en, nullptr);
    field("source", "academics.day_source_label", "text", "academics.day_source_hint", "", d.source, nullptr);
    const std::string heading_key = existing ? "academics.day_edit_title" : "academics.day_new_title";
    const std::string lead = existing ? DisplayDate(core::FormatIsoDay(*existing)) : std::to_string(year);
    return Page(s, request, "academics/calendar_form",
                {{"heading", t.Get(heading_key)},
                 {"has_lead", true},
                 {"lead", lead},
                 {"action", existing ? DayHref(*existing) : back + "/days"},
                 {"submit", t.Get(existing ? "academics.save_submit" : "academics.day_add_submit")},
                 {"cancel_href", back},
                 {"has_errors", !errors.Empty()},
                 {"errors", errors.Summary()},
                 {"fields", fields}},
                heading_key, status);
}

// OK when the actor may see the calendar and change it (a reader gets 403, anyone else 404).
core::Status MayEdit(const auth::Principal& who) {
    if (auth::ScopesWith(who, kViewStructure).empty()) return PageNotFound();
    return auth::Require(who, kEditCalendar);
}

http::Response NewDayPage(platform::Services& s, http::Request& request) {
    const auto year = PathYear(request);
    if (!year) return Error(s, request, PageNotFound());
    if (auto ok = MayEdit(Who(request)); !ok) return Error(s, request, ok.error());
    PublicDayDraft draft;
    draft.kind = "public_holiday";
    return DayForm(s, request, *year, std::nullopt, draft, FormErrors{}, 200);
}

http::Response AddDayAction(platform::Services& s, http::Request& request) {
    const auto year = PathYear(request);
    if (!year) return Error(s, request, PageNotFound());
    const auto draft = DraftOf(request, FormField(request, "date"));
    if (auto status = AddPublicDay(Who(request), ChangeOf(s, request), draft); !status) {
        if (!IsFormError(status.error())) return Error(s, request, status.error());
        FormErrors errors;
        errors.AddAll(status.error(), Texts(s, request));
        return DayForm(s, request, *year, std::nullopt, draft, errors, FormStatus(status.error()));
    }
    const auto date = core::ParseIsoDay(draft.date);
    const int saved_year = date ? static_cast<int>(std::chrono::year_month_day{*date}.year()) : *year;
    return http::Response::Redirect(CalendarHref(saved_year) + "?saved=1");
}

// The listed day of the path, when the actor may change the calendar.
core::Result<PublicDay> DayForChange(platform::Services& s, http::Request& request) {
    const auto year = PathYear(request);
    if (!year) return PageNotFound();
    const auto date = PathDate(request, *year);
    if (!date) return PageNotFound();
    auto days = ListPublicDays(Who(request), s.db, *year);
    if (!days) return days.error();
    if (auto ok = MayEdit(Who(request)); !ok) return ok.error();
    for (const auto& d : days.value()) {
        if (d.date == *date) return d;
    }
    return PageNotFound();
}

http::Response EditDayPage(platform::Services& s, http::Request& request) {
    auto day = DayForChange(s, request);
    if (!day) return Error(s, request, day.error());
    const PublicDayDraft draft{core::FormatIsoDay(day->date), std::string(DayKindName(day->kind)), day->names,
                               day->source};
    return DayForm(s, request, *PathYear(request), day->date, draft, FormErrors{}, 200);
}

http::Response UpdateDayAction(platform::Services& s, http::Request& request) {
    auto day = DayForChange(s, request);
    if (!day) return Error(s, request, day.error());
    const auto draft = DraftOf(request, core::FormatIsoDay(day->date));
    if (auto status = SavePublicDay(Who(request), ChangeOf(s, request), draft); !status) {
        if (!IsFormError(status.error())) return Error(s, request, status.error());
        FormErrors errors;
        errors.AddAll(status.error(), Texts(s, request));
        return DayForm(s, request, *PathYear(request), day->date, draft, errors, FormStatus(status.error()));
    }
    return http::Response::Redirect(CalendarHref(*PathYear(request)) + "?saved=1");
}

http::Response RemoveDayPage(platform::Services& s, http::Request& request) {
    auto day = DayForChange(s, request);
    if (!day) return Error(s, request, day.error());
    const Texts t(s, request);
    return RemovalPage(
        s, request,
        {"academics.day_remove_title",
         t.Format("academics.day_remove_question",
                  {{"date", DisplayDate(core::FormatIsoDay(day->date))}, {"name", t.Name(day->names)}}),
         DayHref(day->date) + "/remove", t.Get("academics.day_remove_title"),
         CalendarHref(*PathYear(request)), "", 200});
}

http::Response RemoveDayAction(platform::Services& s, http::Request& request) {
    auto day = DayForChange(s, request);
    if (!day) return Error(s, request, day.error());
    if (auto status = RemovePublicDay(Who(request), ChangeOf(s, request), day->date); !status) {
        return Error(s, request, status.error());
    }
    return http::Response::Redirect(CalendarHref(*PathYear(request)) + "?saved=1");
}

http::Response ConfirmDayAction(platform::Services& s, http::Request& request) {
    auto day = DayForChange(s, request);
    if (!day) return Error(s, request, day.error());
    if (auto status = ConfirmPublicDay(Who(request), ChangeOf(s, request), day->date); !status) {
        return Error(s, request, status.error());
    }
    return http::Response::Redirect(CalendarHref(*PathYear(request)) + "?saved=1");
}

// ----- JSON API --------------------------------------------------------------------------------

http::Response CalendarApi(platform::Services& s, http::Request& request) {
    const auto year = PathYear(request);
    if (!year) return Error(s, request, PageNotFound());
    auto days = ListPublicDays(Who(request), s.db, *year);
    if (!days) return Error(s, request, days.error());
    auto counts = CountWorkingDaysByMonth(Who(request), s.db, *year);
    if (!counts) return Error(s, request, counts.error());
    json list = json::array();
    for (const auto& d : days.value()) list.push_back(ToJson(d));
    json months = json::array();
    int total = 0;
    for (std::size_t i = 0; i < counts->size(); ++i) {
        months.push_back({{"month", i + 1}, {"working_days", counts->at(i)}});
        total += counts->at(i);
    }
    return JsonResponse({{"year", *year}, {"days", list}, {"months", months}, {"working_days", total}});
}

// The {date} of an API path: a date of {year}, else kInvalidInput on field "date" (nothing changes).
core::Result<core::Day> ApiDate(const http::Request& request) {
    const auto year = PathYear(request);
    if (!year) return PageNotFound();
    const auto date = core::ParseIsoDay(request.Param("date"));
    if (!date) {
        return FieldFailure(core::ErrorCode::kInvalidInput, "date", "academics.date_invalid", "bad date");
    }
    if (static_cast<int>(std::chrono::year_month_day{*date}.year()) != *year) {
        return FieldFailure(core::ErrorCode::kInvalidInput, "date", "academics.day_outside_year",
                            "date outside the path's year");
    }
    return *date;
}

http::Response PutDayApi(platform::Services& s, http::Request& request) {
    // The right first: someone who may not change the calendar learns nothing about the date.
    if (auto ok = MayEdit(Who(request)); !ok) return Error(s, request, ok.error());
    auto date = ApiDate(request);
    if (!date) return Error(s, request, date.error());
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    const auto draft = PublicDayDraftFromJson(body.value(), core::FormatIsoDay(*date));
    if (auto status = SavePublicDay(Who(request), ChangeOf(s, request), draft); !status) {
        return Error(s, request, status.error());
    }
    auto days = ListPublicDays(Who(request), s.db, *PathYear(request));
    if (!days) return Error(s, request, days.error());
    for (const auto& d : days.value()) {
        if (d.date == *date) return JsonResponse(ToJson(d));
    }
    return Error(s, request, PageNotFound());
}

http::Response DeleteDayApi(platform::Services& s, http::Request& request) {
    // The right first: someone who may not change the calendar learns nothing about the date.
    if (auto ok = MayEdit(Who(request)); !ok) return Error(s, request, ok.error());
    auto date = ApiDate(request);
    if (!date) return Error(s, request, date.error());
    if (auto status = RemovePublicDay(Who(request), ChangeOf(s, request), *date); !status) {
        return Error(s, request, status.error());
    }
    auto response = http::Response::NoContent();
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

}  // namespace

void AddPublicDayRoutes(http::Router& router, platform::Services& services) {
    auto& s = services;
    const auto handle = [&s](http::Response (*f)(platform::Services&, http::Request&)) {
        return [&s, f](http::Request& r) { return f(s, r); };
    };
    router.Add(http::Method::kGet, "/academics/calendar",
               [&s](http::Request& r) { return YearsPage(s, r, "", FormErrors{}, 200); });
    router.Add(http::Method::kPost, "/academics/calendar/propose", handle(ProposeAction));
    router.Add(http::Method::kGet, "/academics/calendar/{year}", handle(YearPage));
    router.Add(http::Method::kGet, "/academics/calendar/{year}/days/new", handle(NewDayPage));
    router.Add(http::Method::kPost, "/academics/calendar/{year}/days", handle(AddDayAction));
    router.Add(http::Method::kGet, "/academics/calendar/{year}/days/{date}/edit", handle(EditDayPage));
    router.Add(http::Method::kPost, "/academics/calendar/{year}/days/{date}", handle(UpdateDayAction));
    router.Add(http::Method::kGet, "/academics/calendar/{year}/days/{date}/remove", handle(RemoveDayPage));
    router.Add(http::Method::kPost, "/academics/calendar/{year}/days/{date}/remove", handle(RemoveDayAction));
    router.Add(http::Method::kPost, "/academics/calendar/{year}/days/{date}/confirm",
               handle(ConfirmDayAction));
    const std::string api = "/api/v1/academics/calendar/{year}";
    router.Add(http::Method::kGet, api, handle(CalendarApi));
    router.Add(http::Method::kPut, api + "/days/{date}", handle(PutDayApi));
    router.Add(http::Method::kDelete, api + "/days/{date}", handle(DeleteDayApi));
}

}  // namespace oqu::academics::detail
