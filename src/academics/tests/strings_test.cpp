#include "platform/web/strings.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
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
    // std::regex trips GCC 12's -Wmaybe-uninitialized under -O1; a hand scan is enough here.
    const std::string marker = "\"academics.";
    const char* const kActionVerbs[] = {"create_", "update_",  "delete_", "add_",    "remove_",
                                        "set_",    "confirm_", "import_", "propose_"};
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
        for (auto pos = source.find(marker); pos != std::string::npos; pos = source.find(marker, pos + 1)) {
            auto end = pos + marker.size();
            while (end < source.size() && ((source[end] >= 'a' && source[end] <= 'z') || source[end] == '_' ||
                                           (source[end] >= '0' && source[end] <= '9'))) {
                ++end;
            }
            if (end >= source.size() || source[end] != '"') continue;
            const std::string k = source.substr(pos + 1, end - pos - 1);
            const std::string rest = k.substr(std::string("academics.").size());
            if (std::any_of(std::begin(kActionVerbs), std::end(kActionVerbs),
                            [&](const char* verb) { return rest.rfind(verb, 0) == 0; })) {
                continue;
            }
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
