#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

// IMS Common Cartridge packages of a course (not part of the module's API): reading a package
// into a plan (cartridge_read.cpp, pure: no database, fuzzed in fuzz/courses_cartridge_fuzz.cpp)
// and writing one (cartridge_write.cpp).
namespace oqu::courses::detail {

/// The limits a package is read under (a hostile zip: bomb, many entries, huge manifest).
struct CartridgeLimits {
    std::size_t max_entries = 2000;
    std::uint64_t max_part_bytes = 100ull << 20;      ///< One file (as an audio/video element).
    std::uint64_t max_unpacked_bytes = 300ull << 20;  ///< All parts read together.
    double max_ratio = 200.0;                         ///< Unpacked/packed for parts over 1 MiB.
    std::uint64_t max_manifest_bytes = 4ull << 20;
    std::size_t max_weeks = 30;
    std::size_t max_elements = 1000;
};

/// An element the package would create.
struct PlannedElement {
    std::string kind;  ///< "lecture", "practical", "laboratory", "library", "file" (any stored file), "link".
    std::string title;
    std::string body;       ///< Markdown of a page.
    std::string url;        ///< A link's http(s) URL.
    std::string reference;  ///< A library reference.
    std::string file_name;  ///< A file's name (no folders).
    std::string file_bytes;
};

/// A week (an organisation item of the top level) the package would create.
struct PlannedWeek {
    std::string topic;
    std::vector<PlannedElement> elements;
};

/// What a package holds, in organisation order.
struct CartridgePlan {
    std::string title;    ///< The package's title (metadata or organisation), may be empty.
    std::string version;  ///< "1.1.0", "1.2.0", "1.3.0" (or empty when not declared).
    std::vector<PlannedWeek> weeks;
    int skipped = 0;  ///< Items of kinds Oqu does not take (quizzes, LTI links, discussions...).
};

/// Reads a Common Cartridge (1.0 to 1.3, as Moodle and Canvas export): top-level organisation
/// items become weeks, their leaves elements (webcontent HTML pages: lectures; other webcontent
/// files: files; weblinks: links). Every refusal is kInvalidInput (or kTooLarge) with a
/// "courses.cartridge_*" key: not a zip, an entry name that leaves the package, a DOCTYPE or
/// entity in XML, an encrypted, oversize or too well compressed part, no manifest, a manifest
/// that is not IMS CC, nothing to import, too many weeks or elements.
core::Result<CartridgePlan> ReadCartridge(std::string_view zip, const CartridgeLimits& limits = {});

/// A file of an element as the writer needs it.
struct CartridgeFile {
    std::string zip_name;  ///< "files/<sha-prefix>_<name>".
    std::string bytes;
};
/// An element to write.
struct CartridgeItem {
    std::string identifier;  ///< Unique in the package ("e17").
    std::string kind;        ///< Oqu's kind name.
    std::string title;
    std::string markdown, html;  ///< A page's source and rendering.
    std::string url;             ///< A link or session.
    std::string reference;       ///< A library reference.
    CartridgeFile file;          ///< A stored file (file, audio, video, image).
};
/// A week to write.
struct CartridgeWeek {
    std::string topic;
    std::vector<CartridgeItem> items;
};
/// Writes an IMS CC 1.3 package: imsmanifest.xml (one organisation, one item per week, its
/// elements under it), pages as webcontent HTML (with their Markdown), files as webcontent,
/// links and sessions as weblinks (imswl_xmlv1p3). kUnavailable when the zip cannot be made.
core::Result<std::string> WriteCartridge(const std::string& title, const std::string& language,
                                         const std::vector<CartridgeWeek>& weeks);

}  // namespace oqu::courses::detail
