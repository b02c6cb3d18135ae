#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assessment/domain/question.hpp"

// Properties checked on every input, for each hand-written importer: it never crashes or reads
// out of bounds; a question it returns has a line inside the file; when it reports no problem,
// every answer's share and penalty are within 0..1 and a choice question has a right answer.
namespace {

void Check(const oqu::assessment::ParseResult& r, std::string_view text) {
    const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n') +
                                        std::count(text.begin(), text.end(), '\r') + 1);
    for (const auto& q : r.questions) {
        if (q.line < 1 || q.line > lines) __builtin_trap();
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Check(oqu::assessment::ParseGift(text), text);
    Check(oqu::assessment::ParseAiken(text), text);
    Check(oqu::assessment::ParseKzText(text), text);
    (void)oqu::assessment::DetectFormat("file.txt", text);
    return 0;
}
