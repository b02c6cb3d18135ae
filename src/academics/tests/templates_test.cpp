#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::academics {
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
    return Renderer({{"web", root / "platform/web/templates"}, {"academics", root / "academics/templates"}},
                    Strings::Load({root / "platform/web/strings", root / "academics/strings"}));
}

/// Every academics template renders its own example context in every language, with no name left
/// unresolved (strings included).
TEST(AcademicsTemplatesTest, EveryTemplateRendersItsExampleContext) {
    const Renderer renderer = MakeRenderer();
    int seen = 0;
    for (const auto& name : renderer.TemplateNames()) {
        if (!name.starts_with("academics/")) continue;
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
            EXPECT_FALSE(html->empty());
        }
    }
    EXPECT_GE(seen, 9);
}

/// Every scrollable table is a focusable region labelled by its caption; every POST form carries
/// the CSRF field.
TEST(AcademicsTemplatesTest, TablesAreLabelledAndFormsCarryCsrf) {
    const Renderer renderer = MakeRenderer();
    for (const auto& name : renderer.TemplateNames()) {
        if (!name.starts_with("academics/")) continue;
        const auto context = nlohmann::json::parse(renderer.ExampleContext(name).value());
        const auto html = renderer.Render(name, context, Language::kKk).value();
        for (auto pos = html.find("class=\"table-wrap\""); pos != std::string::npos;
             pos = html.find("class=\"table-wrap\"", pos + 1)) {
            const auto tag = html.substr(pos, html.find('>', pos) - pos);
            EXPECT_NE(tag.find("tabindex=\"0\""), std::string::npos) << name;
            EXPECT_NE(tag.find("role=\"region\""), std::string::npos) << name;
            const auto label = tag.find("aria-labelledby=\"");
            ASSERT_NE(label, std::string::npos) << name;
            const auto start = label + 17;
            const auto id = tag.substr(start, tag.find('"', start) - start);
            EXPECT_NE(html.find("<caption id=\"" + id + "\""), std::string::npos) << name << " " << id;
        }
        for (auto pos = html.find("method=\"post\""); pos != std::string::npos;
             pos = html.find("method=\"post\"", pos + 1)) {
            const auto end = html.find("</form>", pos);
            EXPECT_NE(html.substr(pos, end - pos).find("name=\"_csrf\" value=\"ab12\""), std::string::npos)
                << name;
        }
        EXPECT_EQ(html.find("<script"), std::string::npos) << name;
    }
}

}  // namespace
}  // namespace oqu::academics
