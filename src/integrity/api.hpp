#pragma once

// The integrity (borrowing-check) module's interface to other modules and to the command line
// (R-O20, R-A1): text extraction from the documents students submit, the normaliser that undoes
// look-alike letters, hidden characters and Kazakh transliteration, and the aligner that finds
// borrowed passages with offsets on both sides. Checks run locally (R-O10). The persistent index
// in the database and the portal pages come next (issue 6).
#include "integrity/domain/check.hpp"  // IWYU pragma: export
#include "integrity/extract.hpp"       // IWYU pragma: export

namespace oqu::platform {
class ModuleRegistry;
}

namespace oqu::integrity {

/// Declares the module (its strings) and `oqu integrity check`.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::integrity
