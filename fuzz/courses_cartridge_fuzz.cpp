#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "courses/cartridge.hpp"

// The IMS Common Cartridge reader (courses/cartridge_read.cpp) on arbitrary bytes, with small
// limits so that a generated zip reaches them: it never crashes or reads out of bounds; an
// accepted package stays within the limits (weeks, elements, file sizes), has something to
// import, and every link is http(s). Each input is also tried as the manifest of a minimal zip,
// so the XML walk is fuzzed without the zip layer having to be guessed.
namespace {

void Check(const oqu::courses::detail::CartridgePlan& plan,
           const oqu::courses::detail::CartridgeLimits& limits) {
    if (plan.weeks.size() > limits.max_weeks) __builtin_trap();
    std::size_t elements = 0;
    for (const auto& w : plan.weeks) {
        for (const auto& e : w.elements) {
            ++elements;
            if (e.file_bytes.size() > limits.max_part_bytes) __builtin_trap();
            if (e.kind == "link" && !(e.url.starts_with("https://") || e.url.starts_with("http://"))) {
                __builtin_trap();
            }
            if (e.title.empty() || e.title.size() > 300) __builtin_trap();
        }
    }
    if (elements == 0 || elements > limits.max_elements) __builtin_trap();
}

// A stored (uncompressed) zip with one entry "imsmanifest.xml" holding `xml`, written by hand
// (local header, data, central directory, end record; CRC-32 computed).
std::string ZipOf(std::string_view xml) {
    std::uint32_t crc = 0xFFFFFFFFU;
    for (unsigned char c : xml) {
        crc ^= c;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1U) ^ (0xEDB88320U & (0U - (crc & 1U)));
    }
    crc ^= 0xFFFFFFFFU;
    const std::string name = "imsmanifest.xml";
    const auto size = static_cast<std::uint32_t>(xml.size());
    std::string out;
    const auto u16 = [&](std::uint32_t v) {
        out += static_cast<char>(v & 0xFFU);
        out += static_cast<char>((v >> 8U) & 0xFFU);
    };
    const auto u32 = [&](std::uint32_t v) {
        u16(v & 0xFFFFU);
        u16(v >> 16U);
    };
    u32(0x04034b50U), u16(20), u16(0), u16(0), u16(0), u16(0), u32(crc), u32(size), u32(size);
    u16(static_cast<std::uint32_t>(name.size())), u16(0);
    out += name;
    out.append(xml);
    const auto central = static_cast<std::uint32_t>(out.size());
    u32(0x02014b50U), u16(20), u16(20), u16(0), u16(0), u16(0), u16(0), u32(crc), u32(size), u32(size);
    u16(static_cast<std::uint32_t>(name.size())), u16(0), u16(0), u16(0), u16(0), u32(0), u32(0);
    out += name;
    const auto central_size = static_cast<std::uint32_t>(out.size()) - central;
    u32(0x06054b50U), u16(0), u16(0), u16(1), u16(1), u32(central_size), u32(central), u16(0);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > (1U << 20U)) return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    oqu::courses::detail::CartridgeLimits limits;
    limits.max_entries = 64;
    limits.max_part_bytes = 1U << 20U;
    limits.max_unpacked_bytes = 4U << 20U;
    limits.max_manifest_bytes = 1U << 20U;
    limits.max_weeks = 8;
    limits.max_elements = 32;
    for (const std::string& input : {std::string(bytes), ZipOf(bytes)}) {
        auto plan = oqu::courses::detail::ReadCartridge(input, limits);
        if (plan) Check(*plan, limits);
    }
    return 0;
}
