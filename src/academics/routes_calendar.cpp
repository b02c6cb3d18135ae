// The academic calendar pages: years, their periods and breaks, with the forms that change them.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
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

constexpr int kListAll = 500;

std::string YearHref(YearId id) {
    return "/academics/years/" + std::to_string(id.value);
}

std::string PeriodHref(PeriodId id) {
    return "/academics/periods/" + std::to_string(id.value);
}

bool MayEditCalendar(const auth::Principal& who) {
    return auth::Allows(who, kEditCalendar, {});
}

std::string OptionalIso(const std::optional<Date>& date) {
    return date ? FormatIsoDate(*date) : std::string{};
}

// ----- lists -----------------------------------------------------------------------------------

http::Response YearsPage(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    auto list = ListYears(who, s.db, {.after = 0, .limit = kListAll});
    if (!list) return Error(s, request, list.error());
    json years = json::array();
    for (const auto& y : list.value()) {
        years.push_back({{"href", YearHref(y.id)},
                         {"name", y.name},
                         {"start", FormatDisplayDate(y.start)},
                         {"end", FormatDisplayDate(y.end)},
                         {"edit_href", YearHref(y.id) + "/edit"},
                         {"edit_label", t.Format("academics.edit_item", {{"item", y.name}})}});
    }
    const std::string saved = SavedMessage(t, request);
    return Page(s, request, "academics/years",
                {{"saved", !saved.empty()},
                 {"saved_message", saved},
                 {"can_edit", MayEditCalendar(who)},
                 {"has_years", !years.empty()},
                 {"years", years}},
                "academics.years_title");
}

http::Response YearPage(platform::Services& s, http::Request& request, YearId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    auto found = FindYear(who, s.db, id);
    if (!found) return Error(s, request, found.error());
    const auto& y = found.value();
    json periods = json::array();
    for (const auto& p : y.periods) {
        const std::string kind = t.Get(EnumKey("period", PeriodKindName(p.kind)));
        periods.push_back({{"kind", kind},
                           {"start", FormatDisplayDate(p.start)},
                           {"end", FormatDisplayDate(p.end)},
                           {"has_exams", p.exam_start.has_value() && p.exam_end.has_value()},
                           {"exam_start", p.exam_start ? FormatDisplayDate(*p.exam_start) : std::string{}},
                           {"exam_end", p.exam_end ? FormatDisplayDate(*p.exam_end) : std::string{}},
                           {"edit_href", PeriodHref(p.id) + "/edit"},
                           {"edit_label", t.Format("academics.edit_item", {{"item", kind}})},
                           {"remove_href", PeriodHref(p.id) + "/remove"},
                           {"remove_label", t.Format("academics.remove_item", {{"item", kind}})}});
    }
    json holidays = json::array();
    for (const auto& h : y.holidays) {
        const std::string& name = t.Name(h.names);
        holidays.push_back(
            {{"name", name},
             {"start", FormatDisplayDate(h.start)},
             {"end", FormatDisplayDate(h.end)},
             {"remove_href", YearHref(id) + "/holidays/" + std::to_string(h.id.value) + "/remove"},
             {"remove_label", t.Format("academics.remove_item", {{"item", name}})}});
    }
    const bool can_edit = MayEditCalendar(who);
    const std::string saved = SavedMessage(t, request);
    return Page(s, request, "academics/year",
                {{"saved", !saved.empty()},
                 {"saved_message", saved},
                 {"name", y.name},
                 {"start", FormatDisplayDate(y.start)},
                 {"end", FormatDisplayDate(y.end)},
                 {"can_edit", can_edit},
                 {"can_delete", can_edit && y.periods.empty() && y.holidays.empty()},
                 {"edit_href", YearHref(id) + "/edit"},
                 {"delete_href", YearHref(id) + "/delete"},
                 {"new_period_href", YearHref(id) + "/periods/new"},
                 {"new_holiday_href", YearHref(id) + "/holidays/new"},
                 {"has_periods", !periods.empty()},
                 {"periods", periods},
                 {"has_holidays", !holidays.empty()},
                 {"holidays", holidays}},
                "academics.years_title");
}

// ----- the forms -------------------------------------------------------------------------------

/// One field of a calendar form.
struct FieldSpec {
    std::string name;        ///< Form field and element id.
    std::string label_key;   ///< Strings key of the label.
    std::string type;        ///< "text", "date" or "select".
    std::string hint_key;    ///< Strings key of the hint; empty for none.
    std::string lang;        ///< lang attribute of a name; empty for none.
    json options = nullptr;  ///< The options of a select.
};

/// What a calendar form shows around its fields.
struct FormFrame {
    std::string title_key;   ///< Title and heading.
    std::string lead;        ///< Translated line under the heading (the year); may be empty.
    std::string action;      ///< POST target.
    std::string submit_key;  ///< Button text key.
    std::string cancel_href;
};

// Renders academics/calendar_form with `values` by field name.
http::Response CalendarFormPage(platform::Services& s, http::Request& request, const FormFrame& frame,
                                const std::vector<FieldSpec>& specs,
                                const std::map<std::string, std::string>& values, const FormErrors& errors,
                                int status) {
    const Texts t(s, request);
    json fields = json::array();
    for (const auto& f : specs) {
        const auto it = values.find(f.name);
        json field = errors.Field(f.name, it != values.end() ? it->second : std::string{});
        field["name"] = f.name;
        field["label"] = t.Get(f.label_key);
        field["is_select"] = f.type == "select";
        field["input_type"] = f.type;
        field["options"] = f.options.is_array() ? f.options : json::array();
        field["has_hint"] = !f.hint_key.empty();
        field["hint"] = f.hint_key.empty() ? std::string{} : t.Get(f.hint_key);
        field["has_lang"] = !f.lang.empty();
        field["lang"] = f.lang;
        fields.push_back(field);
    }
    return Page(s, request, "academics/calendar_form",
                {{"heading", t.Get(frame.title_key)},
                 {"has_lead", !frame.lead.empty()},
                 {"lead", frame.lead},
                 {"action", frame.action},
                 {"submit", t.Get(frame.submit_key)},
                 {"cancel_href", frame.cancel_href},
                 {"has_errors", !errors.Empty()},
                 {"errors", errors.Summary()},
                 {"fields", fields}},
                frame.title_key, status);
}

// Re-renders a form after a refused change, or answers the error page when it is not about the form.
template <typename Render>
http::Response Refused(platform::Services& s, http::Request& request, const core::Error& error,
                       Render render) {
    if (!IsFormError(error)) return Error(s, request, error);
    FormErrors errors;
    errors.AddAll(error, Texts(s, request));
    return render(errors, FormStatus(error));
}

// ----- years -----------------------------------------------------------------------------------

std::vector<FieldSpec> YearFields() {
    return {{"name", "academics.year_label", "text", "academics.year_name_hint", "", nullptr},
            {"start_date", "academics.start_label", "date", "academics.date_hint", "", nullptr},
            {"end_date", "academics.end_label", "date", "academics.date_hint", "", nullptr}};
}

std::map<std::string, std::string> YearValues(const YearDraft& d) {
    return {{"name", d.name}, {"start_date", d.start_date}, {"end_date", d.end_date}};
}

YearDraft YearDraftOf(http::Request& request) {
    return {FormField(request, "name"), FormField(request, "start_date"), FormField(request, "end_date")};
}

http::Response YearForm(platform::Services& s, http::Request& request, std::optional<YearId> id,
                        const YearDraft& draft, const FormErrors& errors, int status) {
    const FormFrame frame{id ? "academics.year_edit_title" : "academics.year_new_title", "",
                          id ? YearHref(*id) : "/academics/years",
                          id ? "academics.save_submit" : "academics.create_submit",
                          id ? YearHref(*id) : "/academics/years"};
    return CalendarFormPage(s, request, frame, YearFields(), YearValues(draft), errors, status);
}

http::Response NewYearPage(platform::Services& s, http::Request& request) {
    if (auto allowed = auth::Require(*auth::CurrentPrincipal(request), kEditCalendar); !allowed) {
        return Error(s, request, allowed.error());
    }
    return YearForm(s, request, std::nullopt, {}, FormErrors{}, 200);
}

http::Response CreateYearAction(platform::Services& s, http::Request& request) {
    const auto draft = YearDraftOf(request);
    auto id = CreateYear(*auth::CurrentPrincipal(request), {s.db, Now(), request.remote_address}, draft);
    if (!id) {
        return Refused(s, request, id.error(), [&](const FormErrors& errors, int status) {
            return YearForm(s, request, std::nullopt, draft, errors, status);
        });
    }
    return http::Response::Redirect(YearHref(id.value()) + "?saved=1");
}

// The year when the actor may change the calendar.
core::Result<AcademicYear> YearForChange(platform::Services& s, const auth::Principal& who, YearId id) {
    auto year = FindYear(who, s.db, id);
    if (!year) return year.error();
    if (auto allowed = auth::Require(who, kEditCalendar); !allowed) return allowed.error();
    return year;
}

http::Response EditYearPage(platform::Services& s, http::Request& request, YearId id) {
    auto year = YearForChange(s, *auth::CurrentPrincipal(request), id);
    if (!year) return Error(s, request, year.error());
    const YearDraft draft{year->name, FormatIsoDate(year->start), FormatIsoDate(year->end)};
    return YearForm(s, request, id, draft, FormErrors{}, 200);
}

http::Response UpdateYearAction(platform::Services& s, http::Request& request, YearId id) {
    const auto draft = YearDraftOf(request);
    if (auto status =
            UpdateYear(*auth::CurrentPrincipal(request), {s.db, Now(), request.remote_address}, id, draft);
        !status) {
        return Refused(s, request, status.error(), [&](const FormErrors& errors, int code) {
            return YearForm(s, request, id, draft, errors, code);
        });
    }
    return http::Response::Redirect(YearHref(id) + "?saved=1");
}

RemovalPrompt YearRemoval(const Texts& t, const AcademicYear& year) {
    RemovalPrompt prompt{"academics.year_delete_title",
                         t.Format("academics.year_delete_question", {{"year", year.name}}),
                         YearHref(year.id) + "/delete",
                         t.Get("academics.year_delete_title"),
                         YearHref(year.id),
                         "",
                         200};
    if (!year.periods.empty() || !year.holidays.empty()) {
        prompt.refusal = t.Get("academics.year_not_empty");
        prompt.status = 409;
    }
    return prompt;
}

http::Response DeleteYearPage(platform::Services& s, http::Request& request, YearId id) {
    auto year = YearForChange(s, *auth::CurrentPrincipal(request), id);
    if (!year) return Error(s, request, year.error());
    return RemovalPage(s, request, YearRemoval(Texts(s, request), year.value()));
}

http::Response DeleteYearAction(platform::Services& s, http::Request& request, YearId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto year = YearForChange(s, who, id);
    if (!year) return Error(s, request, year.error());
    if (auto status = DeleteYear(who, {s.db, Now(), request.remote_address}, id); !status) {
        if (status.error().code != core::ErrorCode::kConflict) return Error(s, request, status.error());
        return RemovalPage(s, request, YearRemoval(Texts(s, request), year.value()));
    }
    return http::Response::Redirect("/academics/years?saved=1");
}

// ----- periods ---------------------------------------------------------------------------------

std::vector<FieldSpec> PeriodFields(const Texts& t, const std::string& kind) {
    return {{"kind", "academics.period_label", "select", "", "",
             EnumOptions(t, "period", {"semester1", "semester2", "summer"}, kind)},
            {"start_date", "academics.start_label", "date", "academics.date_hint", "", nullptr},
            {"end_date", "academics.end_label", "date", "academics.date_hint", "", nullptr},
            {"exam_start", "academics.exam_start_label", "date", "academics.exam_dates_hint", "", nullptr},
            {"exam_end", "academics.exam_end_label", "date", "academics.exam_dates_hint", "", nullptr}};
}

PeriodDraft PeriodDraftOf(http::Request& request) {
    return {FormField(request, "kind"), FormField(request, "start_date"), FormField(request, "end_date"),
            FormField(request, "exam_start"), FormField(request, "exam_end")};
}

http::Response PeriodForm(platform::Services& s, http::Request& request, const AcademicYear& year,
                          std::optional<PeriodId> id, const PeriodDraft& d, const FormErrors& errors,
                          int status) {
    const Texts t(s, request);
    const FormFrame frame{id ? "academics.period_edit_title" : "academics.period_new_title", year.name,
                          id ? PeriodHref(*id) : YearHref(year.id) + "/periods",
                          id ? "academics.save_submit" : "academics.period_add_submit", YearHref(year.id)};
    return CalendarFormPage(s, request, frame, PeriodFields(t, d.kind),
                            {{"kind", d.kind},
                             {"start_date", d.start_date},
                             {"end_date", d.end_date},
                             {"exam_start", d.exam_start},
                             {"exam_end", d.exam_end}},
                            errors, status);
}

http::Response NewPeriodPage(platform::Services& s, http::Request& request, YearId id) {
    auto year = YearForChange(s, *auth::CurrentPrincipal(request), id);
    if (!year) return Error(s, request, year.error());
    PeriodDraft draft;
    draft.kind = "semester1";
    return PeriodForm(s, request, year.value(), std::nullopt, draft, FormErrors{}, 200);
}

http::Response AddPeriodAction(platform::Services& s, http::Request& request, YearId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const auto draft = PeriodDraftOf(request);
    auto added = AddPeriod(who, {s.db, Now(), request.remote_address}, id, draft);
    if (!added) {
        return Refused(s, request, added.error(), [&](const FormErrors& errors, int status) {
            auto year = FindYear(who, s.db, id);
            if (!year) return Error(s, request, year.error());
            return PeriodForm(s, request, year.value(), std::nullopt, draft, errors, status);
        });
    }
    return http::Response::Redirect(YearHref(id) + "?saved=1");
}

// The period and its year, when the actor may change the calendar.
struct PeriodOfYear {
    Period period;
    AcademicYear year;
};

core::Result<PeriodOfYear> PeriodForChange(platform::Services& s, const auth::Principal& who, PeriodId id) {
    auto period = FindPeriod(who, s.db, id);
    if (!period) return period.error();
    auto year = YearForChange(s, who, period->year_id);
    if (!year) return year.error();
    return PeriodOfYear{period.value(), std::move(year.value())};
}

http::Response EditPeriodPage(platform::Services& s, http::Request& request, PeriodId id) {
    auto found = PeriodForChange(s, *auth::CurrentPrincipal(request), id);
    if (!found) return Error(s, request, found.error());
    const Period& p = found->period;
    const PeriodDraft draft{std::string(PeriodKindName(p.kind)), FormatIsoDate(p.start), FormatIsoDate(p.end),
                            OptionalIso(p.exam_start), OptionalIso(p.exam_end)};
    return PeriodForm(s, request, found->year, id, draft, FormErrors{}, 200);
}

http::Response UpdatePeriodAction(platform::Services& s, http::Request& request, PeriodId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const auto draft = PeriodDraftOf(request);
    auto found = FindPeriod(who, s.db, id);
    if (!found) return Error(s, request, found.error());
    if (auto status = UpdatePeriod(who, {s.db, Now(), request.remote_address}, id, draft); !status) {
        return Refused(s, request, status.error(), [&](const FormErrors& errors, int code) {
            auto year = FindYear(who, s.db, found->year_id);
            if (!year) return Error(s, request, year.error());
            return PeriodForm(s, request, year.value(), id, draft, errors, code);
        });
    }
    return http::Response::Redirect(YearHref(found->year_id) + "?saved=1");
}

http::Response RemovePeriodPage(platform::Services& s, http::Request& request, PeriodId id) {
    auto found = PeriodForChange(s, *auth::CurrentPrincipal(request), id);
    if (!found) return Error(s, request, found.error());
    const Texts t(s, request);
    const std::string kind = t.Get(EnumKey("period", PeriodKindName(found->period.kind)));
    return RemovalPage(
        s, request,
        {"academics.period_remove_title",
         t.Format("academics.period_remove_question", {{"period", kind}, {"year", found->year.name}}),
         PeriodHref(id) + "/remove", t.Get("academics.period_remove_title"), YearHref(found->year.id), "",
         200});
}

http::Response RemovePeriodAction(platform::Services& s, http::Request& request, PeriodId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto found = FindPeriod(who, s.db, id);
    if (!found) return Error(s, request, found.error());
    if (auto status = RemovePeriod(who, {s.db, Now(), request.remote_address}, id); !status) {
        return Error(s, request, status.error());
    }
    return http::Response::Redirect(YearHref(found->year_id) + "?saved=1");
}

// ----- breaks ----------------------------------------------------------------------------------

std::vector<FieldSpec> HolidayFields() {
    return {{"name_kk", "academics.name_kk_label", "text", "", "kk", nullptr},
            {"name_ru", "academics.name_ru_label", "text", "", "ru", nullptr},
            {"name_en", "academics.name_en_label", "text", "", "en", nullptr},
            {"start_date", "academics.start_label", "date", "academics.date_hint", "", nullptr},
            {"end_date", "academics.end_label", "date", "academics.date_hint", "", nullptr}};
}

HolidayDraft HolidayDraftOf(http::Request& request) {
    return {{FormField(request, "name_kk"), FormField(request, "name_ru"), FormField(request, "name_en")},
            FormField(request, "start_date"),
            FormField(request, "end_date")};
}

http::Response HolidayForm(platform::Services& s, http::Request& request, const AcademicYear& year,
                           const HolidayDraft& d, const FormErrors& errors, int status) {
    const FormFrame frame{"academics.holiday_new_title", year.name, YearHref(year.id) + "/holidays",
                          "academics.holiday_add_submit", YearHref(year.id)};
    return CalendarFormPage(s, request, frame, HolidayFields(),
                            {{"name_kk", d.names.kk},
                             {"name_ru", d.names.ru},
                             {"name_en", d.names.en},
                             {"start_date", d.start_date},
                             {"end_date", d.end_date}},
                            errors, status);
}

http::Response NewHolidayPage(platform::Services& s, http::Request& request, YearId id) {
    auto year = YearForChange(s, *auth::CurrentPrincipal(request), id);
    if (!year) return Error(s, request, year.error());
    return HolidayForm(s, request, year.value(), {}, FormErrors{}, 200);
}

http::Response AddHolidayAction(platform::Services& s, http::Request& request, YearId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const auto draft = HolidayDraftOf(request);
    auto added = AddHoliday(who, {s.db, Now(), request.remote_address}, id, draft);
    if (!added) {
        return Refused(s, request, added.error(), [&](const FormErrors& errors, int status) {
            auto year = FindYear(who, s.db, id);
            if (!year) return Error(s, request, year.error());
            return HolidayForm(s, request, year.value(), draft, errors, status);
        });
    }
    return http::Response::Redirect(YearHref(id) + "?saved=1");
}

// The break {holiday} of year {id}, when the actor may change the calendar; 404 when the year has
// no such break.
core::Result<std::pair<AcademicYear, Holiday>> HolidayForChange(platform::Services& s, http::Request& request,
                                                                YearId id) {
    const auto holiday_id = ParseId(request.Param("holiday"));
    if (!holiday_id) return PageNotFound();
    auto year = YearForChange(s, *auth::CurrentPrincipal(request), id);
    if (!year) return year.error();
    for (const auto& h : year->holidays) {
        if (h.id.value == *holiday_id) return std::make_pair(year.value(), h);
    }
    return PageNotFound();
}

http::Response RemoveHolidayPage(platform::Services& s, http::Request& request, YearId id) {
    auto found = HolidayForChange(s, request, id);
    if (!found) return Error(s, request, found.error());
    const Texts t(s, request);
    const auto& [year, holiday] = found.value();
    return RemovalPage(s, request,
                       {"academics.holiday_remove_title",
                        t.Format("academics.holiday_remove_question",
                                 {{"holiday", t.Name(holiday.names)}, {"year", year.name}}),
                        YearHref(id) + "/holidays/" + std::to_string(holiday.id.value) + "/remove",
                        t.Get("academics.holiday_remove_title"), YearHref(id), "", 200});
}

http::Response RemoveHolidayAction(platform::Services& s, http::Request& request, YearId id) {
    auto found = HolidayForChange(s, request, id);
    if (!found) return Error(s, request, found.error());
    if (auto status = RemoveHoliday(*auth::CurrentPrincipal(request), {s.db, Now(), request.remote_address},
                                    found->second.id);
        !status) {
        return Error(s, request, status.error());
    }
    return http::Response::Redirect(YearHref(id) + "?saved=1");
}

}  // namespace

void AddCalendarRoutes(http::Router& router, platform::Services& services) {
    auto& s = services;
    router.Add(http::Method::kGet, "/academics/years", [&s](http::Request& r) { return YearsPage(s, r); });
    router.Add(http::Method::kGet, "/academics/years/new",
               [&s](http::Request& r) { return NewYearPage(s, r); });
    router.Add(http::Method::kPost, "/academics/years",
               [&s](http::Request& r) { return CreateYearAction(s, r); });
    router.Add(http::Method::kGet, "/academics/years/{id}", IdHandler<YearId>(s, YearPage));
    router.Add(http::Method::kPost, "/academics/years/{id}", IdHandler<YearId>(s, UpdateYearAction));
    router.Add(http::Method::kGet, "/academics/years/{id}/edit", IdHandler<YearId>(s, EditYearPage));
    router.Add(http::Method::kGet, "/academics/years/{id}/delete", IdHandler<YearId>(s, DeleteYearPage));
    router.Add(http::Method::kPost, "/academics/years/{id}/delete", IdHandler<YearId>(s, DeleteYearAction));
    router.Add(http::Method::kGet, "/academics/years/{id}/periods/new", IdHandler<YearId>(s, NewPeriodPage));
    router.Add(http::Method::kPost, "/academics/years/{id}/periods", IdHandler<YearId>(s, AddPeriodAction));
    router.Add(http::Method::kGet, "/academics/periods/{id}/edit", IdHandler<PeriodId>(s, EditPeriodPage));
    router.Add(http::Method::kPost, "/academics/periods/{id}", IdHandler<PeriodId>(s, UpdatePeriodAction));
    router.Add(http::Method::kGet, "/academics/periods/{id}/remove",
               IdHandler<PeriodId>(s, RemovePeriodPage));
    router.Add(http::Method::kPost, "/academics/periods/{id}/remove",
               IdHandler<PeriodId>(s, RemovePeriodAction));
    router.Add(http::Method::kGet, "/academics/years/{id}/holidays/new",
               IdHandler<YearId>(s, NewHolidayPage));
    router.Add(http::Method::kPost, "/academics/years/{id}/holidays", IdHandler<YearId>(s, AddHolidayAction));
    router.Add(http::Method::kGet, "/academics/years/{id}/holidays/{holiday}/remove",
               IdHandler<YearId>(s, RemoveHolidayPage));
    router.Add(http::Method::kPost, "/academics/years/{id}/holidays/{holiday}/remove",
               IdHandler<YearId>(s, RemoveHolidayAction));
}

}  // namespace oqu::academics::detail
