#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "platform/web/renderer.hpp"
#include "platform/web/tests/resource_dir.hpp"

namespace oqu::platform::web {
namespace {

Renderer MakeRenderer() {
    const auto root = testing::ResourceDir();
    return Renderer({{"web", root / "platform/web/templates"}},
                    Strings::Load({root / "platform/web/strings"}));
}

/// Every template renders its own example context in every language, with no name left unresolved.
TEST(TemplatesTest, EveryTemplateRendersItsExampleContext) {
    Renderer renderer = MakeRenderer();
    ASSERT_FALSE(renderer.TemplateNames().empty());
    for (const auto& name : renderer.TemplateNames()) {
        auto example = renderer.ExampleContext(name);
        ASSERT_TRUE(example.has_value()) << name << ": " << example.error().detail;
        const auto context = nlohmann::json::parse(example.value());
        for (Language lang : kLanguages) {
            std::vector<std::string> missing;
            auto html = renderer.RenderChecked(name, context, lang, missing);
            ASSERT_TRUE(html.has_value()) << name << ": " << html.error().detail;
            EXPECT_TRUE(missing.empty())
                << name << " in " << LanguageTag(lang) << " misses " << missing.front();
            EXPECT_FALSE(html->empty());
        }
    }
}

/// Values are HTML-escaped; the layout carries lang, the skip link and the language switch.
TEST(TemplatesTest, PageIsEscapedAndLocalised) {
    Renderer renderer = MakeRenderer();
    nlohmann::json ctx = {
        {"status", 404}, {"heading", "<script>alert(1)</script>"}, {"message", "m"}, {"request_id", "r1"}};
    auto html = renderer.RenderPage("web/error", ctx, Language::kRu, "web.error_404_title", "/x");
    ASSERT_TRUE(html.has_value());
    EXPECT_NE(html->find("<html lang=\"ru\">"), std::string::npos);
    EXPECT_NE(html->find("&lt;script&gt;"), std::string::npos);
    EXPECT_EQ(html->find("<script>"), std::string::npos);
    EXPECT_NE(html->find("Перейти к содержанию"), std::string::npos);
    EXPECT_NE(html->find("Страница не найдена"), std::string::npos);
    EXPECT_NE(html->find("href=\"/x?lang=kk\""), std::string::npos);
}

/// The completeness check itself notices a name the context lacks.
TEST(TemplatesTest, MissingNamesAreReported) {
    Renderer renderer = MakeRenderer();
    std::vector<std::string> missing;
    auto html = renderer.RenderChecked("web/home", {{"backend", "SQLite"}}, Language::kEn, missing);
    ASSERT_TRUE(html.has_value());
    EXPECT_NE(std::find(missing.begin(), missing.end(), "migrations"), missing.end());
}

TEST(TemplatesTest, UnknownTemplateIsAnError) {
    Renderer renderer = MakeRenderer();
    auto html = renderer.Render("web/nope", nlohmann::json::object(), Language::kEn);
    ASSERT_FALSE(html.has_value());
    EXPECT_EQ(html.error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace oqu::platform::web
