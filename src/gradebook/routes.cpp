#include "gradebook/routes.hpp"

#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gradebook/api.hpp"
#include "gradebook/documents.hpp"
#include "gradebook/permissions.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/content_disposition.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/http/static_files.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/pages.hpp"

namespace oqu::gradebook::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
namespace web = platform::web;
using nlohmann::json;
using Services = platform::Services;

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

Change ChangeOf(const Services& services, const http::Request& request) {
    return Change{services.db, Now(), request.remote_address};
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value <= 0) return std::nullopt;
    return value;
}

std::string Field(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) return {};
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

std::string Lang(const http::Request& request) {
    return std::string(web::LanguageTag(web::RequestLanguage(request)));
}

/// Translations of the request's language.
class Words {
public:
    Words(const Services& services, const http::Request& request)
        : strings_(services.renderer.strings()), lang_(web::RequestLanguage(request)) {}
    std::string operator()(std::string_view key) const {
        return strings_.Get(lang_, "gradebook." + std::string(key));
    }
    std::string Format(std::string_view key, const std::map<std::string, std::string>& args) const {
        return strings_.Format(lang_, "gradebook." + std::string(key), args);
    }
    std::string Of(const core::Error& error) const {
        const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
        return strings_.Format(lang_, error.message_key, args);
    }
    std::string Period(std::string_view kind) const {
        return strings_.Get(lang_, "academics.period_" + std::string(kind));
    }

private:
    const web::Strings& strings_;
    web::Language lang_;
};

http::Response NoStore(http::Response response) {
    response.SetHeader("Cache-Control", "no-store");  // Marks are personal data: never cached.
    return response;
}

http::Response Page(const Services& services, const http::Request& request, std::string_view name,
                    const json& context, std::string_view title_key, int status = 200) {
    auto response = web::RenderPage(services.renderer, request, name, context, title_key);
    response.status = status;
    return NoStore(std::move(response));
}

http::Response Error(const Services& services, const http::Request& request, const core::Error& error) {
    return NoStore(web::RenderError(services.renderer, request, error));
}

http::Response Json(const json& body, int status = 200) {
    return NoStore(http::Response::Json(body.dump(), status));
}

http::Response ApiError(const Services& services, const http::Request& request, const core::Error& error) {
    return NoStore(http::ErrorResponse(error, Words(services, request).Of(error)));
}

core::Error NotFoundError() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

std::string JournalHref(std::int64_t id) {
    return "/gradebook/journals/" + std::to_string(id);
}

std::string TranscriptHref(std::int64_t id) {
    return "/gradebook/students/" + std::to_string(id) + "/transcript";
}

std::string Points(double points) {
    return fmt::format("{:.2f}", points);
}

json OptJson(const std::optional<int>& v) {
    return v ? json(*v) : json(nullptr);
}

std::string OptText(const std::optional<int>& v) {
    return v ? std::to_string(*v) : std::string();
}

json JournalJson(const Journal& j, const Words& w, std::string_view lang) {
    return {{"id", j.id},
            {"href", JournalHref(j.id)},
            {"group_id", j.group_id},
            {"group_code", j.group_code},
            {"discipline_id", j.discipline_id},
            {"discipline_code", j.discipline_code},
            {"discipline_name", DisciplineName(j, lang)},
            {"credits", j.credits},
            {"period_id", j.period_id},
            {"period_kind", j.period_kind},
            {"period_label", w.Period(j.period_kind)},
            {"period_start", j.period_start},
            {"period_end", j.period_end},
            {"weeks", j.weeks},
            {"weights",
             {{"current", j.policy.weights.current},
              {"rk1", j.policy.weights.rk1},
              {"rk2", j.policy.weights.rk2},
              {"exam", j.policy.weights.exam}}},
            {"min_admission", j.policy.min_admission},
            {"min_exam", j.policy.min_exam},
            {"closed", j.closed},
            {"status_label", w(j.closed ? "status_closed" : "status_open")}};
}

json ResultJson(const RowResult& r, const Words& w) {
    const Result& res = r.result;
    return {{"current", OptJson(r.current)},
            {"admission", OptJson(res.admission)},
            {"final", OptJson(res.final_mark)},
            {"letter", res.letter ? json(std::string(res.letter->name)) : json(nullptr)},
            {"points", res.letter ? json(res.letter->points) : json(nullptr)},
            {"points_text", res.letter ? Points(res.letter->points) : std::string()},
            {"outcome", OutcomeName(res.outcome)},
            {"outcome_label", w("outcome_" + std::string(OutcomeName(res.outcome)))}};
}

json MarksJson(const Row& row) {
    json out = json::object();
    for (const auto& [week, mark] : row.weeks) out["w" + std::to_string(week)] = mark;
    out["rk1"] = OptJson(row.rk1);
    out["rk2"] = OptJson(row.rk2);
    out["exam"] = OptJson(row.exam);
    out["reexam"] = OptJson(row.re_exam);
    return out;
}

std::string WeightsLine(const Journal& j, const Words& w) {
    const Weights& x = j.policy.weights;
    return w.Format("weights_line", {{"current", std::to_string(x.current)},
                                     {"rk1", std::to_string(x.rk1)},
                                     {"rk2", std::to_string(x.rk2)},
                                     {"exam", std::to_string(x.exam)}});
}

/// The cells of a journal's columns, in grid order.
std::vector<Cell> Columns(int weeks) {
    std::vector<Cell> cells;
    for (int week = 1; week <= weeks; ++week) cells.push_back({Part::kWeek, week});
    for (Part part : {Part::kRk1, Part::kRk2, Part::kExam, Part::kReExam}) cells.push_back({part, 0});
    return cells;
}

std::string ColumnLabel(Cell cell, const Words& w) {
    switch (cell.part) {
        case Part::kWeek:
            return w.Format("week_label", {{"week", std::to_string(cell.week)}});
        case Part::kRk1:
            return w("col_rk1");
        case Part::kRk2:
            return w("col_rk2");
        case Part::kExam:
            return w("col_exam");
        case Part::kReExam:
            return w("col_reexam");
    }
    return {};
}

// ----- the journal list and the opening form ------------------------------------------------

http::Response JournalsPage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const bool reads =
        !auth::ScopesWith(who, kViewJournal).empty() || !auth::ScopesWith(who, kEnterMarks).empty();
    JournalQuery query;
    query.curated = request.Query("curated").value_or("") == "1";
    if (!reads) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "journals"));
    }
    const auto journals = ListJournals(who, services.db, query);
    const Words w(services, request);
    const std::string lang = Lang(request);
    json rows = json::array();
    for (const Journal& j : journals) rows.push_back(JournalJson(j, w, lang));
    json context{{"journals", rows},
                 {"has_journals", !rows.empty()},
                 {"curated", query.curated},
                 {"can_open", !auth::ScopesWith(who, kEnterMarks).empty()},
                 {"is_adviser", who.HasRole(auth::Role::kAdviser) || who.HasRole(auth::Role::kTeacher)}};
    return Page(services, request, "gradebook/journals", context, "gradebook.journals_title");
}

json ChoicesJson(const JournalChoices& choices, const Words& w, std::string_view lang) {
    json groups = json::array();
    for (const Choice& g : choices.groups) {
        groups.push_back({{"id", g.id},
                          {"label", g.code + (g.detail.empty() ? "" : " (" + g.detail + ")")},
                          {"selected", choices.group_id && *choices.group_id == g.id}});
    }
    json disciplines = json::array();
    for (const Choice& d : choices.disciplines) {
        const std::string name = lang == "ru" ? d.name_ru : lang == "en" ? d.name_en : d.name_kk;
        disciplines.push_back(
            {{"id", d.id},
             {"label", d.code + " " + name + " · " + w.Format("semester_label", {{"n", d.detail}})}});
    }
    json periods = json::array();
    for (const Choice& p : choices.periods) {
        periods.push_back({{"id", p.id}, {"label", w.Period(p.code) + " · " + p.detail}});
    }
    return {{"groups", groups},
            {"has_groups", !groups.empty()},
            {"group_chosen", choices.group_id.has_value()},
            {"group_id", choices.group_id.value_or(0)},
            {"disciplines", disciplines},
            {"has_disciplines", !disciplines.empty()},
            {"periods", periods},
            {"has_periods", !periods.empty()}};
}

http::Response NewJournalPage(const Services& services, http::Request& request, const std::string& error = {},
                              int status = 200) {
    const auto& who = *auth::CurrentPrincipal(request);
    std::optional<std::int64_t> group = ParseId(request.Query("group_id").value_or(""));
    if (!group) group = ParseId(Field(request, "group_id"));
    auto choices = ChoicesFor(who, services.db, group);
    if (!choices) return Error(services, request, choices.error());
    json context = ChoicesJson(*choices, Words(services, request), Lang(request));
    context["error"] = error;
    context["has_error"] = !error.empty();
    context["weeks"] = kDefaultWeeks;
    return Page(services, request, "gradebook/new", context, "gradebook.new_title", status);
}

http::Response NewJournalGet(const Services& services, http::Request& request) {
    return NewJournalPage(services, request);
}

http::Response OpenJournalPost(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    JournalDraft draft{Field(request, "group_id"), Field(request, "discipline_id"),
                       Field(request, "period_id"), Field(request, "weeks")};
    auto made = OpenJournal(who, ChangeOf(services, request), draft);
    if (!made) {
        if (made.error().code == core::ErrorCode::kInvalidInput ||
            made.error().code == core::ErrorCode::kConflict) {
            return NewJournalPage(services, request, Words(services, request).Of(made.error()),
                                  http::HttpStatus(made.error().code));
        }
        return Error(services, request, made.error());
    }
    return http::Response::Redirect(JournalHref(*made) + "?opened=1");
}

// ----- the marks grid ------------------------------------------------------------------------

/// A grid re-shown after a refused save: the values as typed and the error.
struct Typed {
    std::map<std::string, std::string> values;  ///< "m.<student>.<cell>" → text.
    std::string error;
    std::string reason;
};

http::Response GridPage(const Services& services, http::Request& request, std::int64_t id,
                        const Typed* typed = nullptr, int status = 200) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto sheet = LoadSheet(who, services.db, id);
    if (!sheet) return Error(services, request, sheet.error());
    const Words w(services, request);
    const std::string lang = Lang(request);
    const Journal& j = sheet->journal;
    const auto columns = Columns(j.weeks);
    json heads = json::array();
    for (const Cell& c : columns) {
        heads.push_back({{"label", c.part == Part::kWeek ? std::to_string(c.week) : ColumnLabel(c, w)},
                         {"title", ColumnLabel(c, w)}});
    }
    json rows = json::array();
    int r = 0;
    for (const SheetRow& row : sheet->rows) {
        json cells = json::array();
        int c = 0;
        for (const Cell& cell : columns) {
            const std::string code = CellCode(cell);
            const std::string name = "m." + std::to_string(row.student_id) + "." + code;
            const std::string stored = OptText(row.marks.Get(cell));
            std::string value = stored;
            if (typed != nullptr) {
                if (auto it = typed->values.find(name); it != typed->values.end()) value = it->second;
            }
            cells.push_back({{"name", name},
                             {"orig_name", "o." + std::to_string(row.student_id) + "." + code},
                             {"value", value},
                             {"orig", stored},
                             {"cell", code},
                             {"r", r},
                             {"c", c++},
                             {"label", row.name + " — " + ColumnLabel(cell, w)}});
        }
        json result = ResultJson(row.result, w);
        rows.push_back({{"student_id", row.student_id},
                        {"name", row.name},
                        {"student_number", row.student_number},
                        {"in_group", row.in_group},
                        {"cells", cells},
                        {"result", result},
                        {"transcript_href", TranscriptHref(row.student_id)}});
        ++r;
    }
    json context = JournalJson(j, w, lang);
    context["heads"] = heads;
    context["rows"] = rows;
    context["has_rows"] = !rows.empty();
    context["weights_line"] = WeightsLine(j, w);
    context["can_enter"] = sheet->can_enter;
    context["can_close"] = sheet->can_close;
    context["needs_reason"] = sheet->can_enter && j.closed;
    context["api"] = "/api/v1/gradebook/journals/" + std::to_string(j.id) + "/marks";
    context["saved"] = request.Query("saved").has_value();
    context["opened"] = request.Query("opened").has_value();
    context["error"] = typed != nullptr ? typed->error : std::string();
    context["has_error"] = typed != nullptr && !typed->error.empty();
    context["reason"] = typed != nullptr ? typed->reason : std::string();
    context["sheet_pdf"] = JournalHref(j.id) + "/sheet.pdf";
    context["sheet_xlsx"] = JournalHref(j.id) + "/sheet.xlsx";
    context["history_href"] = sheet->can_history ? JournalHref(j.id) + "/history" : std::string();
    return Page(services, request, "gradebook/journal", context, "gradebook.journal_title", status);
}

// When a mark changed, in Asia/Almaty (UTC+5) to the minute: "2026-09-07 10:15".
std::string LocalMinute(core::Instant at) {
    std::string text = core::FormatUtc(at + std::chrono::hours(5));
    text = text.substr(0, 16);
    if (text.size() > 10) text[10] = ' ';
    return text;
}

http::Response HistoryPage(const Services& services, http::Request& request, std::int64_t id) {
    auto history = HistoryOf(*auth::CurrentPrincipal(request), services.db, id);
    if (!history) return Error(services, request, history.error());
    const Words w(services, request);
    const Journal& j = history->journal;
    json changes = json::array();
    for (const MarkChange& c : history->changes) {
        const auto cell = ParseCell(c.cell, j.weeks);
        changes.push_back(
            {{"at", core::FormatUtc(c.at)},
             {"at_local", LocalMinute(c.at)},
             {"who", c.by_login.empty() ? "#" + std::to_string(c.by_user_id) : c.by_login},
             {"student", c.student_name.empty() ? "#" + std::to_string(c.student_id) : c.student_name},
             {"cell", cell ? ColumnLabel(*cell, w) : c.cell},
             {"old", c.old_mark ? std::to_string(*c.old_mark) : "—"},
             {"new", c.new_mark ? std::to_string(*c.new_mark) : "—"},
             {"after_close", c.after_close},
             {"reason", c.reason},
             {"from_quiz", c.source.rfind("quiz:", 0) == 0},
             {"from_assignment", c.source.rfind("assignment:", 0) == 0},
             {"source_title", c.source_title}});
    }
    json context = JournalJson(j, w, Lang(request));
    context["changes"] = changes;
    context["has_changes"] = !changes.empty();
    context["journal_href"] = JournalHref(j.id);
    return Page(services, request, "gradebook/history", context, "gradebook.history_title");
}

http::Response GridGet(const Services& services, http::Request& request, std::int64_t id) {
    return GridPage(services, request, id);
}

http::Response MarksPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto form = request.Form();
    if (!form) return Error(services, request, form.error());
    // The cells whose value differs from the one the page was rendered with ("o." fields): a
    // cell another user changed meanwhile is not overwritten with the stale value.
    Typed typed;
    typed.reason = Field(request, "reason");
    std::vector<MarkEntry> entries;
    for (const auto& [name, value] : form.value()->fields) {
        if (!name.starts_with("m.")) continue;
        typed.values[name] = value;
        const std::string* orig = form.value()->Field("o." + name.substr(2));
        if (orig != nullptr && *orig == value) continue;
        const auto dot = name.find('.', 2);
        const auto student =
            dot == std::string::npos ? std::nullopt : ParseId(std::string_view(name).substr(2, dot - 2));
        if (!student) continue;
        entries.push_back({*student, name.substr(dot + 1), value, typed.reason});
    }
    if (entries.empty()) return http::Response::Redirect(JournalHref(id) + "?saved=1");
    auto saved = EnterMarks(who, ChangeOf(services, request), id, entries);
    if (!saved) {
        const auto code = saved.error().code;
        if (code == core::ErrorCode::kInvalidInput || code == core::ErrorCode::kRuleViolation) {
            typed.error = Words(services, request).Of(saved.error());
            return GridPage(services, request, id, &typed, http::HttpStatus(code));
        }
        return Error(services, request, saved.error());
    }
    return http::Response::Redirect(JournalHref(id) + "?saved=1");
}

http::Response ClosePost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto ok = CloseJournal(who, ChangeOf(services, request), id); !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(JournalHref(id) + "?saved=1");
}

// ----- documents -------------------------------------------------------------------------------

detail::Words DocumentWords(const Words& w) {
    detail::Words out;
    for (std::size_t i = 0; i < kDocumentWordCount; ++i) out[kDocumentWords[i]] = w(kDocumentWords[i]);
    return out;
}

http::Response Download(std::string bytes, std::string_view type, const std::string& name) {
    http::Response response;
    response.body = std::move(bytes);
    response.SetHeader("Content-Type", type);
    response.SetHeader("Content-Disposition", platform::files::DispositionFor(type, name));
    response.SetHeader("X-Content-Type-Options", "nosniff");
    return NoStore(std::move(response));
}

http::Response SheetDownload(const Services& services, http::Request& request, std::int64_t id, bool xlsx) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto sheet = LoadSheet(who, services.db, id);
    if (!sheet) return Error(services, request, sheet.error());
    const Words w(services, request);
    auto words = DocumentWords(w);
    words["weights_line"] = WeightsLine(sheet->journal, w);
    words["period_label"] = w.Period(sheet->journal.period_kind);
    const std::string lang = Lang(request);
    const std::string base = "vedomost-" + std::to_string(id);
    if (xlsx) {
        auto bytes = ExamSheetXlsx(*sheet, words, lang);
        if (!bytes) return Error(services, request, bytes.error());
        return Download(std::move(bytes.value()),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", base + ".xlsx");
    }
    auto bytes = ExamSheetPdf(*sheet, words, lang);
    if (!bytes) return Error(services, request, bytes.error());
    return Download(std::move(bytes.value()), "application/pdf", base + ".pdf");
}

http::Response SheetPdf(const Services& services, http::Request& request, std::int64_t id) {
    return SheetDownload(services, request, id, false);
}

http::Response SheetXlsx(const Services& services, http::Request& request, std::int64_t id) {
    return SheetDownload(services, request, id, true);
}

// ----- the student's marks and transcripts -------------------------------------------------------

json TranscriptJson(const Transcript& t, const Words& w, std::string_view lang) {
    json lines = json::array();
    for (const TranscriptLine& line : t.lines) {
        json l = JournalJson(line.journal, w, lang);
        l["marks"] = MarksJson(line.marks);
        l["result"] = ResultJson(line.result, w);
        lines.push_back(l);
    }
    return {{"student_id", t.student_id},
            {"name", t.name},
            {"student_number", t.student_number},
            {"group_code", t.group_code},
            {"programme_code", t.programme_code},
            {"lines", lines},
            {"has_lines", !lines.empty()},
            {"credits", t.credits},
            {"gpa", t.gpa},
            {"gpa_text", Points(t.gpa)}};
}

std::string GpaLine(const Transcript& t, const Words& w) {
    return w.Format("gpa_line", {{"gpa", Points(t.gpa)}, {"credits", std::to_string(t.credits)}});
}

http::Response MyPage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto own = OwnStudentId(who, services.db);
    if (!own) return Error(services, request, own.error());
    auto transcript = TranscriptOf(who, services.db, *own);
    if (!transcript) return Error(services, request, transcript.error());
    const Words w(services, request);
    json context = TranscriptJson(*transcript, w, Lang(request));
    context["gpa_line"] = GpaLine(*transcript, w);
    context["transcript_href"] = TranscriptHref(*own);
    return Page(services, request, "gradebook/my", context, "gradebook.my_title");
}

http::Response TranscriptPage(const Services& services, http::Request& request, std::int64_t id) {
    auto transcript = TranscriptOf(*auth::CurrentPrincipal(request), services.db, id);
    if (!transcript) return Error(services, request, transcript.error());
    const Words w(services, request);
    json context = TranscriptJson(*transcript, w, Lang(request));
    context["gpa_line"] = GpaLine(*transcript, w);
    context["pdf_href"] = TranscriptHref(id) + ".pdf";
    return Page(services, request, "gradebook/transcript", context, "gradebook.transcript_title");
}

http::Response TranscriptPdfGet(const Services& services, http::Request& request, std::int64_t id) {
    auto transcript = TranscriptOf(*auth::CurrentPrincipal(request), services.db, id);
    if (!transcript) return Error(services, request, transcript.error());
    const Words w(services, request);
    auto words = DocumentWords(w);
    words["gpa_line"] = GpaLine(*transcript, w);
    auto bytes = TranscriptPdf(*transcript, words, Lang(request));
    if (!bytes) return Error(services, request, bytes.error());
    return Download(std::move(bytes.value()), "application/pdf", "transcript-" + std::to_string(id) + ".pdf");
}

// ----- JSON API ----------------------------------------------------------------------------------

json Body(const http::Request& request) {
    auto body = json::parse(request.body, nullptr, false);
    // A body that is no JSON object has no fields: the use case checks access first, then refuses them.
    return body.is_discarded() || !body.is_object() ? json::object() : body;
}

std::string Text(const json& body, const char* key) {
    if (!body.contains(key)) return {};
    const json& v = body[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    // Anything else is sent on as not a number, so that the use case refuses it.
    return v.is_null() ? std::string() : v.dump();
}

http::Response ApiJournals(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auth::ScopesWith(who, kViewJournal).empty() && auth::ScopesWith(who, kEnterMarks).empty() &&
        !who.HasRole(auth::Role::kAdviser)) {
        return ApiError(services, request,
                        core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "journals"));
    }
    JournalQuery query;
    query.curated = request.Query("curated").value_or("") == "1";
    query.group_id = ParseId(request.Query("group_id").value_or(""));
    const Words w(services, request);
    const std::string lang = Lang(request);
    json items = json::array();
    for (const Journal& j : ListJournals(who, services.db, query)) items.push_back(JournalJson(j, w, lang));
    return Json({{"items", items}});
}

http::Response ApiOpen(const Services& services, http::Request& request) {
    const json body = Body(request);
    JournalDraft draft{Text(body, "group_id"), Text(body, "discipline_id"), Text(body, "period_id"),
                       Text(body, "weeks")};
    auto made = OpenJournal(*auth::CurrentPrincipal(request), ChangeOf(services, request), draft);
    if (!made) return ApiError(services, request, made.error());
    return Json({{"id", *made}, {"href", JournalHref(*made)}}, 201);
}

http::Response ApiJournal(const Services& services, http::Request& request, std::int64_t id) {
    auto sheet = LoadSheet(*auth::CurrentPrincipal(request), services.db, id);
    if (!sheet) return ApiError(services, request, sheet.error());
    const Words w(services, request);
    json out = JournalJson(sheet->journal, w, Lang(request));
    json rows = json::array();
    for (const SheetRow& row : sheet->rows) {
        rows.push_back({{"student_id", row.student_id},
                        {"name", row.name},
                        {"student_number", row.student_number},
                        {"in_group", row.in_group},
                        {"marks", MarksJson(row.marks)},
                        {"result", ResultJson(row.result, w)}});
    }
    out["rows"] = rows;
    out["can_enter"] = sheet->can_enter;
    out["can_close"] = sheet->can_close;
    return Json(out);
}

// One cell {"student_id", "cell", "mark", "reason", "client", "seq"}, or {"marks": [cells...]}.
http::Response ApiMarks(const Services& services, http::Request& request, std::int64_t id) {
    const json body = Body(request);
    std::vector<MarkEntry> entries;
    const auto entry = [](const json& e) {
        const auto student = e.contains("student_id") && e["student_id"].is_number_integer()
                                 ? e["student_id"].get<std::int64_t>()
                                 : std::int64_t{0};
        return MarkEntry{student, Text(e, "cell"), Text(e, "mark"), Text(e, "reason")};
    };
    if (body.contains("marks") && body["marks"].is_array()) {
        for (const json& e : body["marks"]) entries.push_back(entry(e.is_object() ? e : json::object()));
    } else {
        entries.push_back(entry(body));
    }
    std::optional<SaveKey> key;
    if (body.contains("client") || body.contains("seq")) {
        key = SaveKey{Text(body, "client"), body.contains("seq") && body["seq"].is_number_integer()
                                                ? body["seq"].get<std::int64_t>()
                                                : 0};
    }
    auto saved = EnterMarks(*auth::CurrentPrincipal(request), ChangeOf(services, request), id, entries, key);
    if (!saved) return ApiError(services, request, saved.error());
    const Words w(services, request);
    json items = json::array();
    for (std::size_t i = 0; i < saved->size(); ++i) {
        const Saved& s = (*saved)[i];
        items.push_back({{"student_id", entries[i].student_id},
                         {"cell", entries[i].cell},
                         {"mark", OptJson(s.mark)},
                         {"changed", s.changed},
                         {"duplicate", s.duplicate},
                         {"result", ResultJson(s.result, w)}});
    }
    return Json({{"items", items}, {"saved", w("state_saved")}});
}

http::Response ApiClose(const Services& services, http::Request& request, std::int64_t id) {
    if (auto ok = CloseJournal(*auth::CurrentPrincipal(request), ChangeOf(services, request), id); !ok) {
        return ApiError(services, request, ok.error());
    }
    return Json({{"id", id}, {"closed", true}});
}

http::Response ApiMy(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto own = OwnStudentId(who, services.db);
    if (!own) return ApiError(services, request, own.error());
    auto transcript = TranscriptOf(who, services.db, *own);
    if (!transcript) return ApiError(services, request, transcript.error());
    return Json(TranscriptJson(*transcript, Words(services, request), Lang(request)));
}

http::Response ApiTranscript(const Services& services, http::Request& request, std::int64_t id) {
    auto transcript = TranscriptOf(*auth::CurrentPrincipal(request), services.db, id);
    if (!transcript) return ApiError(services, request, transcript.error());
    return Json(TranscriptJson(*transcript, Words(services, request), Lang(request)));
}

using Fn = http::Response (*)(const Services&, http::Request&);
using IdFn = http::Response (*)(const Services&, http::Request&, std::int64_t);

http::Handler Bind(Services& services, Fn fn) {
    return [&services, fn](http::Request& request) { return fn(services, request); };
}

http::Handler BindId(Services& services, IdFn fn, bool api) {
    return [&services, fn, api](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) {
            return api ? ApiError(services, request, NotFoundError())
                       : Error(services, request, NotFoundError());
        }
        return fn(services, request, *id);
    };
}

}  // namespace

void AddRoutes(platform::http::Router& router, platform::Services& services) {
    services.navigation.Add({.href = "/gradebook",
                             .label_key = "gradebook.nav_journals",
                             .description_key = "gradebook.nav_journals_description",
                             .capability = &kViewJournal,
                             .order = 30});
    services.navigation.Add({.href = "/gradebook/my",
                             .label_key = "gradebook.nav_my",
                             .description_key = "gradebook.nav_my_description",
                             .capability = &kOwnMarks,
                             .order = 15});

    // Pages; every route but the script is Audience::kSignedIn (the default).
    router.Add(http::Method::kGet, "/gradebook", Bind(services, JournalsPage));
    router.Add(http::Method::kGet, "/gradebook/journals/new", Bind(services, NewJournalGet));
    router.Add(http::Method::kPost, "/gradebook/journals", Bind(services, OpenJournalPost));
    router.Add(http::Method::kGet, "/gradebook/journals/{id}", BindId(services, GridGet, false));
    router.Add(http::Method::kPost, "/gradebook/journals/{id}/marks", BindId(services, MarksPost, false));
    router.Add(http::Method::kPost, "/gradebook/journals/{id}/close", BindId(services, ClosePost, false));
    router.Add(http::Method::kGet, "/gradebook/journals/{id}/history", BindId(services, HistoryPage, false));
    router.Add(http::Method::kGet, "/gradebook/journals/{id}/sheet.pdf", BindId(services, SheetPdf, false));
    router.Add(http::Method::kGet, "/gradebook/journals/{id}/sheet.xlsx", BindId(services, SheetXlsx, false));
    router.Add(http::Method::kGet, "/gradebook/my", Bind(services, MyPage));
    router.Add(http::Method::kGet, "/gradebook/students/{id}/transcript",
               BindId(services, TranscriptPage, false));
    router.Add(http::Method::kGet, "/gradebook/students/{id}/transcript.pdf",
               BindId(services, TranscriptPdfGet, false));
    router.Add(http::Method::kGet, "/gradebook/static/{path*}",
               http::ServeStatic(services.config.resource_dir / "gradebook/static"),
               {.audience = http::Audience::kStateless});

    // JSON API (described in gradebook/openapi.json).
    router.Add(http::Method::kGet, "/api/v1/gradebook/journals", Bind(services, ApiJournals));
    router.Add(http::Method::kPost, "/api/v1/gradebook/journals", Bind(services, ApiOpen));
    router.Add(http::Method::kGet, "/api/v1/gradebook/journals/{id}", BindId(services, ApiJournal, true));
    router.Add(http::Method::kPost, "/api/v1/gradebook/journals/{id}/marks",
               BindId(services, ApiMarks, true));
    router.Add(http::Method::kPost, "/api/v1/gradebook/journals/{id}/close",
               BindId(services, ApiClose, true));
    router.Add(http::Method::kGet, "/api/v1/gradebook/my", Bind(services, ApiMy));
    router.Add(http::Method::kGet, "/api/v1/gradebook/students/{id}/transcript",
               BindId(services, ApiTranscript, true));
}

}  // namespace oqu::gradebook::detail
