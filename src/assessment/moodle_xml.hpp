#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assessment/domain/question.hpp"

/// Moodle XML (docs.moodle.org/en/Moodle_XML_format), read and written with pugixml.
namespace oqu::assessment {

/// Reads a Moodle XML quiz export: category, multichoice, truefalse, shortanswer, numerical,
/// matching, ordering and essay questions (fractions in percent become 0..1, negative ones a
/// penalty); "description" entries are skipped; any other type is an issue naming it. Entity
/// declarations (DOCTYPE) are refused, never expanded.
ParseResult ParseMoodleXml(std::string_view text);

/// Writes questions as a Moodle XML document, one category entry before each change of category.
std::string ToMoodleXml(const std::vector<Question>& questions);

}  // namespace oqu::assessment
