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
    // Read back with the same delimiter: every record comes back field for field.
    oqu::platform::csv::Reader reader(again, table->delimiter, limits);
    oqu::platform::csv::Record record;
    // The header is never all empty (such a line is skipped as blank), so it comes back first.
    auto header = reader.Next(record);
    if (!header || !*header) __builtin_trap();
    std::size_t index = 0;
    for (; index < table->rows.size(); ++index) {
        auto more = reader.Next(record);
        if (!more || !*more || record.fields != table->rows[index].fields) __builtin_trap();
    }
    auto end = reader.Next(record);
    if (!end || *end) __builtin_trap();
    // Parsing the formatted text detects the same delimiter whenever the header has a delimiter.
    if (table->header.size() > 1) {
        auto reparsed = oqu::platform::csv::Parse(again, limits);
        if (!reparsed || reparsed->delimiter != table->delimiter) __builtin_trap();
    }
    return 0;
}
