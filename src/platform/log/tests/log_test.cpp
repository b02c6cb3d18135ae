#include "platform/log/log.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace oqu::platform::log {
namespace {

core::Instant FixedTime() {
    return core::FromMicros(1764150371000000);
}

/// A record is one JSON object with ts, level, event, then the fields in order.
TEST(LogTest, FormatsOneJsonLine) {
    const std::vector<Field> fields{{"route", "/courses/{id}"}, {"status", 200}, {"ok", true}, {"ms", 1.5}};
    EXPECT_EQ(FormatRecord(FixedTime(), Level::kInfo, "http_request", fields),
              "{\"ts\":\"2025-11-26T09:46:11.000000Z\",\"level\":\"info\",\"event\":\"http_request\","
              "\"route\":\"/courses/{id}\",\"status\":200,\"ok\":true,\"ms\":1.5}");
}

/// Quotes, control characters and invalid UTF-8 cannot break the line.
TEST(LogTest, EscapesStrings) {
    std::string out;
    AppendJsonEscaped(out, "a\"b\\c\nd\x01 \xD0\x90 \xFF");
    EXPECT_EQ(out, "a\\\"b\\\\c\\nd\\u0001 \xD0\x90 \xEF\xBF\xBD");
}

/// Null C strings and non-finite doubles become JSON null.
TEST(LogTest, NullValues) {
    const char* nothing = nullptr;
    const std::vector<Field> fields{{"a", nothing}, {"b", 1.0 / 0.0}};
    EXPECT_EQ(
        FormatRecord(FixedTime(), Level::kWarn, "x", fields),
        "{\"ts\":\"2025-11-26T09:46:11.000000Z\",\"level\":\"warn\",\"event\":\"x\",\"a\":null,\"b\":null}");
}

/// Records below the minimum level are dropped; others are written to the configured stream.
TEST(LogTest, MinimumLevelAndOutput) {
    std::FILE* tmp = std::tmpfile();
    ASSERT_NE(tmp, nullptr);
    SetOutput(tmp);
    SetMinLevel(Level::kWarn);
    EXPECT_FALSE(Enabled(Level::kInfo));
    LogEvent(Level::kInfo, "dropped", {{"k", 1}});
    LogEvent(Level::kError, "kept", {{"user_id", std::int64_t{7}}});
    SetOutput(nullptr);
    SetMinLevel(Level::kInfo);
    std::rewind(tmp);
    char buf[512] = {};
    const std::size_t n = std::fread(buf, 1, sizeof(buf) - 1, tmp);
    std::fclose(tmp);
    const std::string text(buf, n);
    EXPECT_EQ(text.find("dropped"), std::string::npos);
    EXPECT_NE(text.find("\"event\":\"kept\",\"user_id\":7}\n"), std::string::npos);
}

}  // namespace
}  // namespace oqu::platform::log
