#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assessment/decode.hpp"
#include "assessment/domain/question.hpp"
#include "assessment/moodle_xml.hpp"

// Properties checked on every input, for each importer (GIFT, Aiken, the Kazakhstan text format,
// Moodle XML with pugixml) and the decoder of uploaded bytes (UTF-8, UTF-16, Windows-1251): it never
// crashes or reads out of bounds; a question a text importer returns has a line inside the file;
// when it reports no problem, every answer's share and penalty are within 0..1 and a choice
// question has a right answer; and a clean import exported to Moodle XML reads back as many
// questions without a problem (the bank's export/import round trip).
namespace {

void Check(const oqu::assessment::ParseResult& r, std::string_view text, bool lines_known = true) {
    const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n') +
                                        std::count(text.begin(), text.end(), '\r') + 1);
    for (const auto& q : r.questions) {
        if (lines_known && (q.line < 1 || q.line > lines)) __builtin_trap();
        if (!r.issues.empty()) continue;
        bool right = false;
        for (const auto& a : q.answers) {
            if (!(a.fraction >= 0.0 && a.fraction <= 1.0) || !(a.penalty >= 0.0 && a.penalty <= 1.0)) {
                __builtin_trap();
            }
            right = right || a.fraction > 0.0;
        }
        if ((q.type == oqu::assessment::QuestionType::kSingleChoice ||
             q.type == oqu::assessment::QuestionType::kMultipleChoice) &&
            !right) {
            __builtin_trap();
        }
    }
    if (r.questions.empty() && r.issues.empty()) __builtin_trap();
}

// XML 1.0 cannot carry C0 control characters other than tab and line ends.
bool XmlSafe(std::string_view s) {
    return std::none_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 && u != '\t' && u != '\n' && u != '\r';
    });
}

// A clean result written as Moodle XML reads back with the same number of questions.
void RoundTrip(const oqu::assessment::ParseResult& r) {
    if (!r.issues.empty() || r.questions.empty()) return;
    for (const auto& q : r.questions) {
        if (!XmlSafe(q.text) || !XmlSafe(q.name) || !XmlSafe(q.category) || !XmlSafe(q.feedback)) return;
        for (const auto& a : q.answers) {
            if (!XmlSafe(a.text) || !XmlSafe(a.match) || !XmlSafe(a.feedback)) return;
        }
    }
    const auto back = oqu::assessment::ParseMoodleXml(oqu::assessment::ToMoodleXml(r.questions));
    if (back.questions.size() != r.questions.size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto gift = oqu::assessment::ParseGift(text);
    Check(gift, text);
    RoundTrip(gift);
    const auto aiken = oqu::assessment::ParseAiken(text);
    Check(aiken, text);
    RoundTrip(aiken);
    const auto kz = oqu::assessment::ParseKzText(text);
    Check(kz, text);
    RoundTrip(kz);
    // Moodle XML reports no line numbers.
    Check(oqu::assessment::ParseMoodleXml(text), text, false);
    (void)oqu::assessment::DetectFormat("file.txt", text);
    // Uploaded bytes in any encoding, then detection and the importer it picks.
    if (auto decoded = oqu::assessment::DecodeQuestionFile(text)) {
        (void)oqu::assessment::DetectFormat("file.xml", *decoded);
    }
    return 0;
}
