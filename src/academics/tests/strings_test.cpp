#include "platform/web/strings.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "academics/domain/fields.hpp"

namespace oqu::academics {
namespace {

using platform::web::Language;
using platform::web::Strings;

std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

/// kk, ru and en define the same keys.
TEST(StringsTest, LanguagesAgree) {
    const auto strings = Strings::Load({ResourceDir() / "academics/strings"});
    EXPECT_TRUE(strings->Mismatches().empty()) << strings->Mismatches().front();
    EXPECT_FALSE(strings->All(Language::kKk).empty());
}

/// Every "academics.*" message key the code can return is translated (audit action names,
/// which are verbs, are not messages).
TEST(StringsTest, EveryMessageKeyIsTranslated) {
    const auto strings = Strings::Load({ResourceDir() / "academics/strings"});
    const std::regex key(R"re("(academics\.[a-z0-9_]+)")re");
    const std::regex action(R"(academics\.(create|update|delete|add|remove|set|confirm|import)_.*)");
    std::set<std::string> missing;
    int seen = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(ResourceDir() / "academics")) {
        const auto ext = entry.path().extension();
        if (ext != ".cpp" && ext != ".hpp") continue;
        if (entry.path().parent_path().filename() == "tests") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (std::sregex_iterator it(source.begin(), source.end(), key), end; it != end; ++it) {
            const std::string k = (*it)[1];
            if (std::regex_match(k, action)) continue;
            ++seen;
            for (Language lang : platform::web::kLanguages) {
                if (strings->Get(lang, k) == k) missing.insert(k);
            }
        }
    }
    EXPECT_GT(seen, 30);
    EXPECT_TRUE(missing.empty()) << *missing.begin();
}

/// The summary message of invalid forms is pluralised per language.
TEST(StringsTest, FormInvalidPlurals) {
    const auto strings = Strings::Load({ResourceDir() / "academics/strings"});
    const core::Error error =
        InvalidFields({{"a", "academics.code_required", {}}, {"b", "academics.code_required", {}}});
    const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
    EXPECT_EQ(strings->Format(Language::kRu, error.message_key, args), "2 поля нужно исправить");
    EXPECT_EQ(strings->Format(Language::kEn, error.message_key, args), "2 fields need correcting");
    EXPECT_EQ(strings->Format(Language::kEn, "academics.number_range", {{"min", "240"}, {"max", "360"}}),
              "The number must be between 240 and 360");
}

}  // namespace
}  // namespace oqu::academics
