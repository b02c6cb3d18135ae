// The CSV import pages of programmes and of a curriculum's disciplines: upload, a preview of every
// row with its translated problems, then an all-or-nothing commit.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
namespace csv = platform::csv;
using nlohmann::json;

// The commit form carries the checked file back as one text field, which platform/http caps at
// 1 MiB; several thousand programmes or disciplines fit well below that.
constexpr std::size_t kMaxCsvBytes = 1'000'000;
constexpr std::uint64_t kMaxUploadBody = 2ULL << 20;

/// Which import a page serves: programmes, or the disciplines of one curriculum.
struct Target {
    std::optional<CurriculumId> curriculum;  ///< Set for disciplines.
    std::string lead;                        ///< Translated: the curriculum and its programme.

    std::string Base() const {
        return curriculum ? "/academics/curricula/" + std::to_string(curriculum->value) + "/import"
                          : std::string("/academics/programmes/import");
    }
    std::string Back() const {
        return curriculum ? "/academics/curricula/" + std::to_string(curriculum->value)
                          : std::string("/academics/programmes");
    }
    std::string TitleKey() const {
        return curriculum ? "academics.disciplines_import" : "academics.programmes_import";
    }
    const csv::ImportSpec& Spec() const {
        return curriculum ? DisciplineImportSpec() : ProgrammeImportSpec();
    }
};

// The target of the request when the actor may import into it; the error otherwise.
core::Result<Target> ProgrammesTarget(const auth::Principal& who) {
    if (auth::ScopesWith(who, kEditProgramme).empty()) return auth::Require(who, kEditProgramme).error();
    return Target{};
}

core::Result<Target> DisciplinesTarget(platform::Services& s, const http::Request& request,
                                       const auth::Principal& who, CurriculumId id) {
    auto curriculum = FindCurriculum(who, s.db, id);
    if (!curriculum) return curriculum.error();
    auto programme = FindProgramme(who, s.db, curriculum->programme_id);
    if (!programme) return programme.error();
    if (auto allowed = auth::Require(who, kEditCurriculum, ScopePath(programme.value())); !allowed) {
        return allowed.error();
    }
    const Texts t(s, request);
    return Target{id, programme->code + " " + t.Name(programme->names) + " · " +
                          t.Format("academics.curriculum_of_year",
                                   {{"year", std::to_string(curriculum->admission_year)}})};
}

// The label of a column in the page language, with its CSV name: "Faculty (faculty_code)".
std::string ColumnTitle(const Texts& t, const std::string& column) {
    static const std::pair<std::string_view, std::string_view> kLabels[] = {
        {"code", "academics.code_label"},
        {"name_kk", "academics.name_kk_label"},
        {"name_ru", "academics.name_ru_label"},
        {"name_en", "academics.name_en_label"},
        {"level", "academics.level_label"},
        {"credits", "academics.credits_label"},
        {"direction_code", "academics.direction_label"},
        {"faculty_code", "academics.faculty_label"},
        {"department_code", "academics.department_label"},
        {"languages", "academics.languages_label"},
        {"status", "academics.status_label"},
        {"cycle", "academics.cycle_label"},
        {"component", "academics.component_label"},
        {"semester", "academics.semester_label"},
        {"control", "academics.control_label"}};
    for (const auto& [key, label] : kLabels) {
        if (key == column) return t.Get(label) + " (" + column + ")";
    }
    if (column.starts_with("hours_")) return t.Get(EnumKey("hours", column.substr(6))) + " (" + column + ")";
    return column;
}

json ErrorJson(const Texts& t, const csv::FieldError& e) {
    return {{"row", e.row},
            {"has_column", !e.column.empty()},
            {"column", e.column.empty() ? std::string{} : ColumnTitle(t, e.column)},
            {"message", t.Message(e.message_key, e.args)}};
}

// The columns a file may have, for the upload page: "code*, name_kk*, ..., department_code".
std::string ColumnList(const csv::ImportSpec& spec) {
    std::string out;
    for (const auto& c : spec.columns) {
        if (!out.empty()) out += ", ";
        out += c.key;
        if (c.required) out += '*';
    }
    return out;
}

http::Response UploadPage(platform::Services& s, const http::Request& request, const Target& target,
                          const std::string& error, int status) {
    const Texts t(s, request);
    json errors = json::array();
    if (!error.empty()) errors.push_back({{"message", error}});
    return Page(s, request, "academics/import",
                {{"heading", t.Get(target.TitleKey())},
                 {"has_lead", !target.lead.empty()},
                 {"lead", target.lead},
                 {"back_href", target.Back()},
                 {"action", target.Base()},
                 {"columns", ColumnList(target.Spec())},
                 {"has_errors", !errors.empty()},
                 {"errors", errors}},
                target.TitleKey(), status);
}

std::string LabelOf(const Texts& t, const ProgrammeSpec& spec) {
    return spec.code + " " + t.Name(spec.names);
}

std::string LabelOf(const Texts& t, const DisciplineSpec& spec) {
    return spec.code + " " + t.Name(spec.names);
}

template <typename T>
http::Response PreviewPage(platform::Services& s, const http::Request& request, const Target& target,
                           const csv::Preview<T>& preview, std::string_view csv_text) {
    const Texts t(s, request);
    json file_errors = json::array();
    for (const auto& e : preview.file_errors) file_errors.push_back(ErrorJson(t, e));
    json rows = json::array();
    for (const auto& r : preview.rows) {
        json errors = json::array();
        for (const auto& e : r.errors) errors.push_back(ErrorJson(t, e));
        std::string label;
        if (r.value) {
            label = LabelOf(t, *r.value);
        } else {
            for (const auto& cell : r.cells) {
                if (cell.empty()) continue;
                if (!label.empty()) label += " ";
                label += cell;
                if (label.size() > 60) break;
            }
        }
        const std::string status(csv::RowStatusName(r.status));
        rows.push_back({{"row", r.row},
                        {"label", label},
                        {"status", t.Get(EnumKey("import_status", status))},
                        {"is_error", r.status == csv::RowStatus::kError},
                        {"is_new", r.status == csv::RowStatus::kNew},
                        {"errors", errors},
                        {"has_errors", !errors.empty()}});
    }
    std::string unknown;
    for (const auto& column : preview.unknown_columns) unknown += (unknown.empty() ? "" : ", ") + column;
    using csv::RowStatus;
    const bool importable = preview.Importable();
    return Page(s, request, "academics/import_preview",
                {{"heading", t.Get(target.TitleKey())},
                 {"has_lead", !target.lead.empty()},
                 {"lead", target.lead},
                 {"again_href", target.Base()},
                 {"summary", t.Format("academics.import_summary",
                                      {{"new", std::to_string(preview.Count(RowStatus::kNew))},
                                       {"update", std::to_string(preview.Count(RowStatus::kUpdate))},
                                       {"unchanged", std::to_string(preview.Count(RowStatus::kUnchanged))},
                                       {"error", std::to_string(preview.Count(RowStatus::kError))}})},
                 {"has_file_errors", !file_errors.empty()},
                 {"file_errors", file_errors},
                 {"has_unknown", !unknown.empty()},
                 {"unknown", t.Format("academics.import_unknown_columns", {{"columns", unknown}})},
                 {"has_rows", !rows.empty()},
                 {"rows", rows},
                 {"importable", importable},
                 {"commit_action", target.Base() + "/commit"},
                 {"csv", importable ? std::string(csv_text) : std::string{}},
                 {"cancel_href", target.Back()}},
                "academics.import_preview_title", importable ? 200 : 422);
}

// The uploaded file's text, or the translated reason it cannot be read.
std::optional<std::string> UploadedText(http::Request& request, std::string& problem, const Texts& t) {
    auto form = request.Form();
    if (!form) {
        problem = t.Get("academics.import_file_required");
        return std::nullopt;
    }
    const auto* file = form.value()->File("file");
    if (file == nullptr || file->size == 0) {
        problem = t.Get("academics.import_file_required");
        return std::nullopt;
    }
    if (file->size > kMaxCsvBytes) {
        problem = t.Format("academics.import_too_large", {{"max", std::to_string(kMaxCsvBytes / 1000)}});
        return std::nullopt;
    }
    auto content = file->ReadAll();
    if (!content) {
        problem = t.Get("academics.import_file_required");
        return std::nullopt;
    }
    return std::move(content.value());
}

// ----- programmes ------------------------------------------------------------------------------

http::Response ProgrammesUploadPage(platform::Services& s, http::Request& request) {
    auto target = ProgrammesTarget(*auth::CurrentPrincipal(request));
    if (!target) return Error(s, request, target.error());
    return UploadPage(s, request, target.value(), "", 200);
}

http::Response ProgrammesPreview(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto target = ProgrammesTarget(who);
    if (!target) return Error(s, request, target.error());
    std::string problem;
    const auto text = UploadedText(request, problem, Texts(s, request));
    if (!text) return UploadPage(s, request, target.value(), problem, 422);
    auto preview = PreviewProgrammeImport(who, s.db, *text);
    if (!preview) return Error(s, request, preview.error());
    return PreviewPage(s, request, target.value(), preview.value(), *text);
}

http::Response ProgrammesCommit(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto target = ProgrammesTarget(who);
    if (!target) return Error(s, request, target.error());
    const std::string text = FormField(request, "csv");
    if (text.empty()) {
        return UploadPage(s, request, target.value(), Texts(s, request).Get("academics.import_file_required"),
                          422);
    }
    auto result = ImportProgrammes(who, {s.db, Now(), request.remote_address}, text);
    if (!result) return Error(s, request, result.error());
    if (!result->committed) return PreviewPage(s, request, target.value(), result.value(), "");
    return http::Response::Redirect("/academics/programmes?imported=" + std::to_string(result->rows.size()));
}

// ----- disciplines -----------------------------------------------------------------------------

http::Response DisciplinesUploadPage(platform::Services& s, http::Request& request, CurriculumId id) {
    auto target = DisciplinesTarget(s, request, *auth::CurrentPrincipal(request), id);
    if (!target) return Error(s, request, target.error());
    return UploadPage(s, request, target.value(), "", 200);
}

http::Response DisciplinesPreview(platform::Services& s, http::Request& request, CurriculumId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto target = DisciplinesTarget(s, request, who, id);
    if (!target) return Error(s, request, target.error());
    std::string problem;
    const auto text = UploadedText(request, problem, Texts(s, request));
    if (!text) return UploadPage(s, request, target.value(), problem, 422);
    auto preview = PreviewDisciplineImport(who, s.db, id, *text);
    if (!preview) return Error(s, request, preview.error());
    return PreviewPage(s, request, target.value(), preview.value(), *text);
}

http::Response DisciplinesCommit(platform::Services& s, http::Request& request, CurriculumId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto target = DisciplinesTarget(s, request, who, id);
    if (!target) return Error(s, request, target.error());
    const std::string text = FormField(request, "csv");
    if (text.empty()) {
        return UploadPage(s, request, target.value(), Texts(s, request).Get("academics.import_file_required"),
                          422);
    }
    auto result = ImportDisciplines(who, {s.db, Now(), request.remote_address}, id, text);
    if (!result) return Error(s, request, result.error());
    if (!result->committed) return PreviewPage(s, request, target.value(), result.value(), "");
    return http::Response::Redirect(target->Back() + "?imported=" + std::to_string(result->rows.size()));
}

}  // namespace

void AddImportRoutes(http::Router& router, platform::Services& services) {
    auto& s = services;
    const http::RouteOptions upload{.max_body = kMaxUploadBody};
    router.Add(http::Method::kGet, "/academics/programmes/import",
               [&s](http::Request& r) { return ProgrammesUploadPage(s, r); });
    router.Add(
        http::Method::kPost, "/academics/programmes/import",
        [&s](http::Request& r) { return ProgrammesPreview(s, r); }, upload);
    router.Add(
        http::Method::kPost, "/academics/programmes/import/commit",
        [&s](http::Request& r) { return ProgrammesCommit(s, r); }, upload);
    router.Add(http::Method::kGet, "/academics/curricula/{id}/import",
               IdHandler<CurriculumId>(s, DisciplinesUploadPage));
    router.Add(http::Method::kPost, "/academics/curricula/{id}/import",
               IdHandler<CurriculumId>(s, DisciplinesPreview), upload);
    router.Add(http::Method::kPost, "/academics/curricula/{id}/import/commit",
               IdHandler<CurriculumId>(s, DisciplinesCommit), upload);
}

}  // namespace oqu::academics::detail
