#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/web/language.hpp"

namespace oqu::platform::web {

/// The user-visible strings of every module in kk, ru and en, read from
/// `<module>/strings/{kk,ru,en}.json` (flat objects of "<module>.<key>": "ICU message").
/// Immutable after loading, so it is shared by all threads without locks.
class Strings {
public:
    /// Reads and merges the strings of each folder; throws std::runtime_error naming the file
    /// when a file is missing, malformed, or a key is defined twice.
    static std::shared_ptr<const Strings> Load(const std::vector<std::filesystem::path>& dirs);

    /// The raw message for `key` in `lang`; falls back to English, then to the key itself, so a
    /// missing string is visible but never crashes a page.
    const std::string& Get(Language lang, std::string_view key) const;

    /// The message formatted with ICU MessageFormat and named arguments (plurals, numbers):
    /// Format(kRu, "web.rows", {{"count", "3"}}). Numeric-looking values are passed as numbers.
    std::string Format(Language lang, std::string_view key,
                       const std::map<std::string, std::string>& args) const;

    /// Keys present in one language but not in another ("ru: web.title missing"); empty when
    /// the three files of every folder agree.
    std::vector<std::string> Mismatches() const;

    /// All messages of a language, by key.
    const std::map<std::string, std::string, std::less<>>& All(Language lang) const;

private:
    std::map<std::string, std::string, std::less<>> by_lang_[3];
};

}  // namespace oqu::platform::web
