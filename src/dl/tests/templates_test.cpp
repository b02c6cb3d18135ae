#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::dl {
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
    return Renderer({{"web", root / "platform/web/templates"}, {"dl", root / "dl/templates"}},
                    Strings::Load({root / "platform/web/strings", root / "dl/strings"}));
}

/// Every dl template renders its own example context in every language, with no name left
/// unresolved (strings included).
TEST(DlTemplatesTest, EveryTemplateRendersItsExampleContext) {
    const Renderer renderer = MakeRenderer();
    int seen = 0;
    for (const auto& name : renderer.TemplateNames()) {
        if (!name.starts_with("dl/")) continue;
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
    EXPECT_GE(seen, 5);
}

/// Every scrollable table is a focusable, labelled region; every form posting carries the CSRF field.
TEST(DlTemplatesTest, TablesAreLabelledAndFormsCarryCsrf) {
    const Renderer renderer = MakeRenderer();
    for (const auto& name : renderer.TemplateNames()) {
        if (!name.starts_with("dl/")) continue;
        const auto context = nlohmann::json::parse(renderer.ExampleContext(name).value());
        const auto html = renderer.Render(name, context, Language::kKk).value();
        for (auto pos = html.find("class=\"table-wrap\""); pos != std::string::npos;
             pos = html.find("class=\"table-wrap\"", pos + 1)) {
            const auto tag_end = html.find('>', pos);
            const auto tag = html.substr(pos, tag_end - pos);
            EXPECT_NE(tag.find("tabindex=\"0\""), std::string::npos) << name;
            EXPECT_NE(tag.find("role=\"region\""), std::string::npos) << name;
            const auto label = tag.find("aria-labelledby=\"");
            ASSERT_NE(label, std::string::npos) << name;
            const auto id_start = label + std::string("aria-labelledby=\"").size();
            const auto id = tag.substr(id_start, tag.find('"', id_start) - id_start);
            EXPECT_NE(html.find("<caption id=\"" + id + "\""), std::string::npos) << name << " " << id;
        }
        for (auto pos = html.find("method=\"post\""); pos != std::string::npos;
             pos = html.find("method=\"post\"", pos + 1)) {
            const auto form_end = html.find("</form>", pos);
            EXPECT_NE(html.substr(pos, form_end - pos).find("name=\"_csrf\""), std::string::npos) << name;
        }
    }
}

/// kk, ru and en define the same keys.
TEST(DlStringsTest, LanguagesAgree) {
    const auto strings = Strings::Load({ResourceDir() / "dl/strings"});
    EXPECT_TRUE(strings->Mismatches().empty()) << strings->Mismatches().front();
}

/// The R-D7 refusal names the direction and the numbers in each language.
TEST(DlStringsTest, ShareRefusalNamesTheDirection) {  // R-D7
    const auto strings = Strings::Load({ResourceDir() / "dl/strings"});
    const std::map<std::string, std::string> args{
        {"count", "3"},        {"total", "10"},         {"share", "30"},           {"limit", "20"},
        {"direction", "B049"}, {"direction_en", "Law"}, {"direction_ru", "Право"}, {"direction_kk", "Құқық"},
        {"application", "5"}};
    EXPECT_EQ(strings->Format(Language::kEn, "dl.rd7_exceeded", args),
              "Law (B049): 3 of 10 disciplines, 30%, would exceed the 20% limit (R-D7). Application 5 is not "
              "decided.");
    EXPECT_NE(strings->Format(Language::kRu, "dl.rd7_exceeded", args).find("Право (B049): 3 из 10"),
              std::string::npos);
    EXPECT_NE(strings->Format(Language::kKk, "dl.rd7_exceeded", args).find("Құқық (B049)"),
              std::string::npos);
}

}  // namespace
}  // namespace oqu::dl
