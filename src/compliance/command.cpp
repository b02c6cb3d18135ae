#include "compliance/command.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compliance/api.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/module/flags.hpp"
#include "platform/module/open_database.hpp"
#include "platform/web/renderer.hpp"

namespace oqu::compliance {

namespace {

namespace po = boost::program_options;
namespace web = platform::web;

nlohmann::json HtmlContext(const Report& report, const web::Strings& strings) {
    nlohmann::json groups = nlohmann::json::array();
    for (char group : {'A', 'D', 'O'}) {
        nlohmann::json rules = nlohmann::json::array();
        for (const auto& r : report.rules) {
            if (r.group != group) continue;
            nlohmann::json violations = nlohmann::json::array();
            for (const auto& v : r.violations) {
                violations.push_back({{"subject", v.subject}, {"detail", v.detail}});
            }
            rules.push_back({{"id", r.id},
                             {"title", r.title},
                             {"status", StatusName(r.status)},
                             {"status_label", strings.Get(report.lang, fmt::format("compliance.status.{}",
                                                                                   StatusName(r.status)))},
                             {"summary", r.summary},
                             {"violations", violations},
                             {"has_violations", !r.violations.empty()}});
        }
        groups.push_back({{"title", strings.Get(report.lang, fmt::format("compliance.group.{}", group))},
                          {"rules", rules}});
    }
    return {{"groups", groups}, {"generated_at", core::FormatUtc(report.generated_at)}};
}

int Run(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    flags.add_options()("format", po::value<std::string>()->default_value("json"), "json | xlsx | html")(
        "output", po::value<std::string>(), "write to FILE instead of standard output")(
        "lang", po::value<std::string>()->default_value("kk"),
        "language of titles and details: kk | ru | en")("faculty", po::value<std::int64_t>(),
                                                        "only this faculty's subjects (its id)");
    po::variables_map values;
    if (auto exit =
            platform::ParseFlags(ctx, flags, {}, values,
                                 "[--db URL] [--format json|xlsx|html] [--output FILE] [--lang kk|ru|en] "
                                 "[--faculty ID] [--config FILE]")) {
        return *exit;
    }
    const std::string format = values["format"].as<std::string>();
    if (format != "json" && format != "xlsx" && format != "html") {
        return platform::Fail(2, fmt::format("compliance: unknown --format {} (json, xlsx or html)", format));
    }
    const auto lang = web::ParseLanguage(values["lang"].as<std::string>());
    if (!lang) return platform::Fail(2, "compliance: --lang must be kk, ru or en");
    ReportScope scope;
    if (values.count("faculty") != 0U) scope.faculty_id = values["faculty"].as<std::int64_t>();

    std::vector<std::filesystem::path> string_dirs;
    std::map<std::string, std::filesystem::path> template_dirs;
    for (const auto& m : ctx.registry->modules()) {
        if (!m.strings_dir.empty()) string_dirs.push_back(ctx.config.resource_dir / m.strings_dir);
        if (!m.templates_dir.empty()) {
            template_dirs.emplace(m.name, ctx.config.resource_dir / m.templates_dir);
        }
    }
    try {
        const auto strings = web::Strings::Load(string_dirs);
        const auto database = platform::OpenAndMigrate(*ctx.registry, ctx.config, nullptr);
        const auto now =
            std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
        auto report = BuildReport(platform::auth::SystemPrincipal(), *database, *strings, *lang, now, scope);
        if (!report) return platform::Fail(1, fmt::format("compliance: {}", report.error().detail));
        std::string out;
        if (format == "json") {
            out = ReportJson(report.value()).dump(2) + "\n";
        } else if (format == "xlsx") {
            auto bytes = ReportXlsx(report.value());
            if (!bytes) return platform::Fail(1, fmt::format("compliance: {}", bytes.error().detail));
            out = std::move(bytes.value());
        } else {
            const web::Renderer renderer(template_dirs, strings);
            auto html = renderer.Render("compliance/report", HtmlContext(report.value(), *strings), *lang);
            if (!html) return platform::Fail(1, fmt::format("compliance: {}", html.error().detail));
            out = std::move(html.value());
        }
        if (values.count("output") != 0U) {
            std::ofstream file(values["output"].as<std::string>(), std::ios::binary | std::ios::trunc);
            file << out;
            if (!file.flush()) {
                return platform::Fail(
                    1, fmt::format("compliance: cannot write {}", values["output"].as<std::string>()));
            }
        } else {
            std::cout << out << std::flush;
        }
        return 0;
    } catch (const std::exception& e) {
        return platform::Fail(1, fmt::format("compliance: {}", e.what()));
    }
}

}  // namespace

void RegisterCommand(platform::ModuleRegistry& registry) {
    registry.AddCommand({.name = "compliance",
                         .summary = "the Order 137 compliance report (--format json|xlsx|html)",
                         .run = Run});
}

}  // namespace oqu::compliance
