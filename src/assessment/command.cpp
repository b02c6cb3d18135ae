#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assessment/api.hpp"
#include "assessment/moodle_xml.hpp"
#include "platform/module/flags.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/language.hpp"
#include "platform/web/strings.hpp"

namespace oqu::assessment {
namespace {

namespace po = boost::program_options;
namespace web = platform::web;

/// Files over this size are refused: a course's bank is a few megabytes at most.
constexpr std::uintmax_t kMaxFileBytes = 32U << 20U;

struct Input {
    std::string file;
    ImportFormat format = ImportFormat::kAuto;
    web::Language lang = web::Language::kKk;
    std::shared_ptr<const web::Strings> strings;
    ImportResult result;
};

/// Parses the shared flags, reads and imports the file; an exit code when the command must stop.
std::optional<int> Prepare(platform::CommandContext& ctx, po::options_description& flags,
                           po::variables_map& values, const char* usage, Input& in) {
    flags.add_options()("help,h", "show this help and exit")("file", po::value<std::string>(),
                                                             "the question file")(
        "format", po::value<std::string>()->default_value("auto"),
        "auto | moodle-xml | gift | aiken | kz-text")("lang", po::value<std::string>()->default_value("kk"),
                                                      "language of the error messages: kk | ru | en");
    po::positional_options_description positional;
    positional.add("file", 1);
    if (auto exit = platform::ParseFlags(ctx, flags, positional, values, usage)) return exit;
    if (values.count("file") == 0U) {
        return platform::Fail(2, fmt::format("{}: name a question file", ctx.name));
    }
    in.file = values["file"].as<std::string>();
    const auto format = ParseImportFormat(values["format"].as<std::string>());
    if (!format) {
        return platform::Fail(
            2, fmt::format("{}: unknown --format {} (auto, moodle-xml, gift, aiken or kz-text)", ctx.name,
                           values["format"].as<std::string>()));
    }
    in.format = *format;
    const auto lang = web::ParseLanguage(values["lang"].as<std::string>());
    if (!lang) return platform::Fail(2, fmt::format("{}: --lang must be kk, ru or en", ctx.name));
    in.lang = *lang;
    std::error_code ec;
    const auto size = std::filesystem::file_size(in.file, ec);
    if (ec) return platform::Fail(1, fmt::format("{}: cannot read {}: {}", ctx.name, in.file, ec.message()));
    if (size > kMaxFileBytes) {
        return platform::Fail(
            1, fmt::format("{}: {} is larger than {} MiB", ctx.name, in.file, kMaxFileBytes >> 20U));
    }
    std::ifstream stream(in.file, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
    if (!stream.good() && !stream.eof()) {
        return platform::Fail(1, fmt::format("{}: cannot read {}", ctx.name, in.file));
    }
    std::vector<std::filesystem::path> string_dirs;
    for (const auto& m : ctx.registry->modules()) {
        if (!m.strings_dir.empty()) string_dirs.push_back(ctx.config.resource_dir / m.strings_dir);
    }
    try {
        in.strings = web::Strings::Load(string_dirs);
    } catch (const std::exception& e) {
        return platform::Fail(1, fmt::format("{}: {}", ctx.name, e.what()));
    }
    in.result = ReadQuestions(std::filesystem::path(in.file).filename().string(), bytes, in.format);
    return std::nullopt;
}

// `oqu questions import FILE --dry-run`: the stable JSON preview. Exit 0 when the file has no
// problem, 1 when it has (the JSON lists them), 2 for a usage error.
int RunImport(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    flags.add_options()("dry-run", "print what would be imported, as JSON; save nothing");
    po::variables_map values;
    Input in;
    if (auto exit =
            Prepare(ctx, flags, values,
                    "FILE --dry-run [--format auto|moodle-xml|gift|aiken|kz-text] [--lang kk|ru|en]", in)) {
        return *exit;
    }
    if (values.count("dry-run") == 0U) {
        // Saving into a course's question bank comes with the courses module; until then the
        // command previews only, and says so rather than pretending to save.
        return platform::Fail(
            2, "questions import: only --dry-run is available until course question banks exist");
    }
    std::cout << ResultJson(in.result, *in.strings, in.lang).dump(2) << "\n";
    return in.result.parsed.issues.empty() ? 0 : 1;
}

// `oqu questions convert FILE --to moodle-xml`: a file of any supported format as Moodle XML,
// for teachers moving a bank to or from Moodle. Problems go to stderr (exit 1), nothing printed.
int RunConvert(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    flags.add_options()("to", po::value<std::string>()->default_value("moodle-xml"), "moodle-xml")(
        "output", po::value<std::string>(), "write to FILE instead of standard output");
    po::variables_map values;
    Input in;
    if (auto exit =
            Prepare(ctx, flags, values, "FILE [--to moodle-xml] [--output FILE] [--format ...]", in)) {
        return *exit;
    }
    if (values["to"].as<std::string>() != "moodle-xml") {
        return platform::Fail(2, "questions convert: --to must be moodle-xml");
    }
    if (!in.result.parsed.issues.empty()) {
        for (const auto& e : ResultJson(in.result, *in.strings, in.lang)["errors"]) {
            std::cerr << e["where"].get<std::string>() << ": " << e["message"].get<std::string>() << "\n";
        }
        return 1;
    }
    const std::string xml = ToMoodleXml(in.result.parsed.questions);
    if (values.count("output") != 0U) {
        std::ofstream out(values["output"].as<std::string>(), std::ios::binary);
        out << xml;
        if (!out) return platform::Fail(1, "questions convert: cannot write the output file");
    } else {
        std::cout << xml;
    }
    return 0;
}

}  // namespace

void RegisterQuestionCommands(platform::ModuleRegistry& registry) {
    registry.AddCommand(
        {.name = "questions import",
         .summary = "read a question file (Moodle XML, GIFT, Aiken, kz-text) and print it as JSON",
         .run = RunImport});
    registry.AddCommand(
        {.name = "questions convert", .summary = "convert a question file to Moodle XML", .run = RunConvert});
}

}  // namespace oqu::assessment
