#pragma once

// The integrity (borrowing-check) module's interface to other modules and to the command line
// (R-O20, R-A1): text extraction from the documents students submit, the normaliser that undoes
// look-alike letters, hidden characters and Kazakh transliteration, and the aligner that finds
// borrowed passages with offsets on both sides. Checks run locally (R-O10). The persistent index
// of documents in the database is index_store.hpp; the checks of students' works through the job
// queue, with their report pages, are checks.hpp.
#include "integrity/checks.hpp"        // IWYU pragma: export
#include "integrity/domain/check.hpp"  // IWYU pragma: export
#include "integrity/extract.hpp"       // IWYU pragma: export
#include "integrity/index_store.hpp"   // IWYU pragma: export

namespace oqu::platform {
class ModuleRegistry;
}

namespace oqu::integrity {

/// Declares the module (its schema, strings), `oqu integrity check` and `oqu integrity index`.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::integrity
