#pragma once

#include <string>

#include "core/time.hpp"
#include "platform/web/language.hpp"

namespace oqu::platform::web {

/// Kazakhstan's single time zone since 1 March 2024 (UTC+5). Fixed rather than looked up in
/// ICU's "Asia/Almaty", because the ICU data of Debian 12 predates the change and says UTC+6.
inline constexpr int kAlmatyOffsetMinutes = 5 * 60;

/// "26.11.2026, 18:05" (kk, ru) / "26 Nov 2026, 18:05" (en): an instant shown in Asia/Almaty
/// time, formatted by ICU for the language.
std::string FormatDateTime(core::Instant at, Language lang);
/// "26.11.2026" / "26 Nov 2026".
std::string FormatDate(core::Instant at, Language lang);

}  // namespace oqu::platform::web
