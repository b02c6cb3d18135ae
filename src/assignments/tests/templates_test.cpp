#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::assignments {
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
    return Renderer(
        {{"web", root / "platform/web/templates"}, {"assignments", root / "assignments/templates"}},
        Strings::Load(
            {root / "platform/web/strings", root / "platform/auth/strings", root / "assignments/strings"}));
}

/// Every assignments template renders its example context in kk, ru and en with no name unresolved,
/// and every form posting carries the CSRF field.
TEST(AssignmentsTemplatesTest, EveryTemplateRendersItsExampleContext) {
    const Renderer renderer = MakeRenderer();
    int seen = 0;
    for (const auto& name : renderer.TemplateNames()) {
        if (!name.starts_with("assignments/")) continue;
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
    EXPECT_EQ(seen, 4);
}

/// The kk, ru and en strings files have the same keys.
TEST(AssignmentsTemplatesTest, StringsHaveTheSameKeys) {
    std::vector<std::set<std::string>> keys;
    for (const char* lang : {"kk", "ru", "en"}) {
        std::ifstream in(ResourceDir() / "assignments/strings" / (std::string(lang) + ".json"));
        const auto json = nlohmann::json::parse(in);
        std::set<std::string> k;
        for (const auto& [key, value] : json.items()) k.insert(key);
        keys.push_back(k);
    }
    EXPECT_EQ(keys[0], keys[1]);
    EXPECT_EQ(keys[0], keys[2]);
}

}  // namespace
}  // namespace oqu::assignments
