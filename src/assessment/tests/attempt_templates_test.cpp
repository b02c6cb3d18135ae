#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::assessment {
namespace {

using platform::web::Language;
using platform::web::Renderer;
using platform::web::Strings;

std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

/// Every attempt and grading template renders its example context in kk, ru and en with no name
/// unresolved, and every form posting carries the CSRF field.
TEST(AttemptTemplatesTest, EveryTemplateRendersItsExampleContext) {  // R-A5
    const auto root = ResourceDir();
    const Renderer renderer(
        {{"web", root / "platform/web/templates"}, {"assessment", root / "assessment/templates"}},
        Strings::Load({root / "platform/web/strings", root / "assessment/strings"}));
    int seen = 0;
    for (const auto& name : renderer.TemplateNames()) {
        if (!name.starts_with("assessment/attempt") && !name.starts_with("assessment/grading")) continue;
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
            std::size_t forms = 0, csrf = 0;
            for (auto pos = html->find("method=\"post\""); pos != std::string::npos;
                 pos = html->find("method=\"post\"", pos + 1)) {
                ++forms;
            }
            for (auto pos = html->find("name=\"_csrf\""); pos != std::string::npos;
                 pos = html->find("name=\"_csrf\"", pos + 1)) {
                ++csrf;
            }
            EXPECT_EQ(forms, csrf) << name;
        }
    }
    EXPECT_EQ(seen, 7);
}

/// The attempt page's script stays small (no framework): under 8 KB.
TEST(AttemptTemplatesTest, ScriptIsSmall) {  // R-A5
    std::ifstream in(ResourceDir() / "assessment/static/attempt.js", std::ios::binary | std::ios::ate);
    ASSERT_TRUE(in.good());
    EXPECT_LT(static_cast<long>(in.tellg()), 8 * 1024);
}

}  // namespace
}  // namespace oqu::assessment
