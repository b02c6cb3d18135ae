#pragma once

#include <functional>
#include <string>

#include "core/result.hpp"
#include "courses/api.hpp"

// The syllabus as a PDF document through platform/pdf (not part of the module's API).
namespace oqu::courses::detail {

/// Translates a key of the courses strings ("courses.outcomes", "courses.kind_lecture", ...).
using Word = std::function<std::string(const std::string& key)>;

/// The syllabus (R-A4, R-O5, R-O6) as A4 PDF: the course, the learning outcomes, the schedule of
/// topics with their elements, the assessment policy and criteria, the literature and the
/// synchronous/asynchronous ratio with its verdict (`share_message`, translated). kUnavailable
/// when cairo fails.
core::Result<std::string> SyllabusPdf(const Syllabus& syllabus, const Word& word,
                                      const std::string& share_message);

}  // namespace oqu::courses::detail
