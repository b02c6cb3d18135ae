#include "platform/web/format.hpp"

#include <memory>

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/simpletz.h>
#include <unicode/smpdtfmt.h>

namespace oqu::platform::web {

namespace {

std::string Format(core::Instant at, Language lang, bool with_time) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale(std::string(LanguageTag(lang)).c_str());
    // Kazakh and Russian write dates as 26.11.2026; English gets ICU's medium style.
    const char* pattern = nullptr;
    if (lang != Language::kEn) pattern = with_time ? "dd.MM.yyyy, HH:mm" : "dd.MM.yyyy";
    std::unique_ptr<icu::DateFormat> format;
    if (pattern != nullptr) {
        format = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern), locale, status);
    } else if (with_time) {
        format.reset(icu::DateFormat::createDateTimeInstance(icu::DateFormat::kMedium,
                                                             icu::DateFormat::kShort, locale));
    } else {
        format.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, locale));
    }
    if (U_FAILURE(status) || !format) return core::FormatUtc(at);
    format->adoptTimeZone(new icu::SimpleTimeZone(kAlmatyOffsetMinutes * 60 * 1000, "Asia/Almaty"));
    const auto millis = static_cast<UDate>(core::ToMicros(at)) / 1000.0;
    icu::UnicodeString out;
    format->format(millis, out);
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

}  // namespace

std::string FormatDateTime(core::Instant at, Language lang) {
    return Format(at, lang, true);
}

std::string FormatDate(core::Instant at, Language lang) {
    return Format(at, lang, false);
}

}  // namespace oqu::platform::web
