#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::compliance {
namespace {

using platform::web::Language;
using platform::web::Renderer;
using platform::web::Strings;

std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

Renderer MakeRenderer() {
    const auto root = ResourceDir();
    return Renderer({{"web", root / "platform/web/templates"}, {"compliance", root / "compliance/templates"}},
                    Strings::Load({root / "platform/web/strings", root / "compliance/strings"}));
}

/// Every compliance template renders its own example context in every language, with no name
/// left unresolved (strings included).
TEST(ComplianceTemplatesTest, EveryTemplateRendersItsExampleContext) {  // R-A8
    const Renderer renderer = MakeRenderer();
    int seen = 0;
    for (const auto& name : renderer.TemplateNames()) {
        if (!name.starts_with("compliance/")) {
            continue;
        }
        ++seen;
        auto example = renderer.ExampleContext(name);
        ASSERT_TRUE(example.has_value()) << name << ": " << example.error().detail;
        const auto context = nlohmann::json::parse(example.value());
        for (Language lang : platform::web::kLanguages) {
            std::vector<std::string> missing;
            auto html = renderer.RenderChecked(name, context, lang, missing);
            ASSERT_TRUE(html.has_value()) << name << ": " << html.error().detail;
            EXPECT_TRUE(missing.empty())
                << name << " in " << platform::web::LanguageTag(lang) << " misses " << missing.front();
        }
    }
    EXPECT_GE(seen, 1);
}

/// The dashboard: status in words (not colour alone), tables with captions and headers, each
/// offending subject linked to its page, the downloads of the same report.
TEST(ComplianceTemplatesTest, DashboardIsAccessible) {  // R-A8
    const Renderer renderer = MakeRenderer();
    const auto context = nlohmann::json::parse(renderer.ExampleContext("compliance/dashboard").value());
    const auto html = renderer.Render("compliance/dashboard", context, Language::kEn).value();
    EXPECT_NE(html.find("<caption id=\"group-O-caption\">"), std::string::npos);
    EXPECT_NE(html.find("aria-labelledby=\"group-O-caption\""), std::string::npos);
    EXPECT_NE(html.find("<th scope=\"col\">"), std::string::npos);
    EXPECT_NE(html.find(">violated</span>"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"/people/students/12\">"), std::string::npos);
    EXPECT_NE(html.find("href=\"/compliance/report.xlsx?faculty=1\""), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

/// kk, ru and en define the same keys.
TEST(ComplianceStringsTest, LanguagesAgree) {
    const auto strings = Strings::Load({ResourceDir() / "compliance/strings"});
    EXPECT_TRUE(strings->Mismatches().empty()) << strings->Mismatches().front();
}

}  // namespace
}  // namespace oqu::compliance
