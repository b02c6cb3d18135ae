#include <string>

#include "assessment/domain/question.hpp"
#include "assessment/domain/text.hpp"

namespace oqu::assessment {
namespace {

Issue LineIssue(int line, std::string key) {
    return {"line " + std::to_string(line), std::move(key), {}};
}

/// The offset of the first `c` in `s` from `from` that is not escaped by a backslash.
std::size_t FindUnescaped(std::string_view s, char c, std::size_t from = 0) {
    for (std::size_t i = from; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (s[i] == c) {
            return i;
        }
    }
    return std::string_view::npos;
}

/// GIFT's escapes resolved: \~ \= \# \{ \} \: \\ and \n (a line break).
std::string Unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char next = s[++i];
            out += next == 'n' ? '\n' : next;
        } else {
            out += s[i];
        }
    }
    return std::string(TrimSpace(out));
}

/// One answer of an answer block: its prefix ('=' or '~'), weight, text and feedback.
struct Token {
    char prefix = '=';
    std::optional<double> weight;  ///< %50% as 0.5.
    std::string_view body;         ///< Text (with its escapes), feedback removed.
    std::string_view feedback;
};

/// Splits an answer block at unescaped '=' and '~' (and reads %weight% and #feedback).
/// False when a weight is malformed.
bool Tokenize(std::string_view block, std::vector<Token>& tokens) {
    std::size_t i = 0;
    while (i < block.size()) {
        while (i < block.size() && block[i] != '=' && block[i] != '~') {
            if (block[i] == '\\') ++i;
            ++i;
        }
        if (i >= block.size()) break;
        Token token;
        token.prefix = block[i++];
        std::size_t end = i;
        while (end < block.size() && block[end] != '=' && block[end] != '~') {
            if (block[end] == '\\') ++end;
            // "->" of a matching pair is not a new answer: '-' then '>' never starts one anyway.
            ++end;
        }
        // A '=' right after "-" is part of nothing in GIFT; the split above is what Moodle does.
        std::string_view part = block.substr(i, std::min(end, block.size()) - i);
        part = TrimSpace(part);
        if (part.starts_with('%')) {
            const std::size_t close = part.find('%', 1);
            if (close == std::string_view::npos) return false;
            const auto value = ParseNumber(part.substr(1, close - 1));
            if (!value) return false;
            token.weight = *value / 100.0;
            part = TrimSpace(part.substr(close + 1));
        }
        if (const std::size_t hash = FindUnescaped(part, '#'); hash != std::string_view::npos) {
            token.feedback = part.substr(hash + 1);
            part = part.substr(0, hash);
        }
        token.body = part;
        tokens.push_back(token);
        i = end;
    }
    return true;
}

/// Reads a numerical answer "3.14:0.01", "1..5" or "3" into `answer`.
bool NumericalAnswer(std::string_view s, Answer& answer) {
    s = TrimSpace(s);
    if (const std::size_t range = s.find(".."); range != std::string_view::npos) {
        const auto low = ParseNumber(s.substr(0, range));
        const auto high = ParseNumber(s.substr(range + 2));
        if (!low || !high || *high < *low) return false;
        answer.text = std::to_string((*low + *high) / 2.0);
        answer.tolerance = (*high - *low) / 2.0;
        return true;
    }
    const std::size_t colon = s.find(':');
    const auto value = ParseNumber(s.substr(0, colon));
    if (!value) return false;
    answer.text = std::string(TrimSpace(s.substr(0, colon)));
    if (colon != std::string_view::npos) {
        const auto tolerance = ParseNumber(s.substr(colon + 1));
        if (!tolerance || *tolerance < 0) return false;
        answer.tolerance = *tolerance;
    } else {
        answer.tolerance = 0.0;
    }
    return true;
}

/// Reads the answer block (between the braces) into `q`; false with an issue key when malformed.
std::optional<std::string> ReadAnswers(std::string_view block, Question& q) {
    block = TrimSpace(block);
    if (const std::size_t general = block.find("####"); general != std::string_view::npos) {
        q.feedback = Unescape(block.substr(general + 4));
        block = TrimSpace(block.substr(0, general));
    }
    if (block.empty()) {
        q.type = QuestionType::kEssay;
        return std::nullopt;
    }
    if (block.front() == '#') {
        q.type = QuestionType::kNumerical;
        std::string_view rest = TrimSpace(block.substr(1));
        if (!rest.starts_with('=')) {
            Answer answer{.fraction = 1.0};
            const std::size_t hash = FindUnescaped(rest, '#');
            if (hash != std::string_view::npos) {
                answer.feedback = Unescape(rest.substr(hash + 1));
                rest = rest.substr(0, hash);
            }
            if (!NumericalAnswer(rest, answer)) return "assessment.import.not_a_number";
            q.answers.push_back(std::move(answer));
            return std::nullopt;
        }
        std::vector<Token> tokens;
        if (!Tokenize(rest, tokens)) return "assessment.import.bad_weight";
        for (const Token& t : tokens) {
            Answer answer{.fraction = t.weight.value_or(t.prefix == '=' ? 1.0 : 0.0),
                          .feedback = Unescape(t.feedback)};
            if (!NumericalAnswer(t.body, answer)) return "assessment.import.not_a_number";
            q.answers.push_back(std::move(answer));
        }
        return std::nullopt;
    }
    {
        std::string_view head = block;
        std::string_view feedback;
        if (const std::size_t hash = FindUnescaped(block, '#'); hash != std::string_view::npos) {
            head = TrimSpace(block.substr(0, hash));
            feedback = block.substr(hash + 1);
        }
        const std::string word = AsciiLower(head);
        if (word == "t" || word == "true" || word == "f" || word == "false") {
            const bool truth = word.front() == 't';
            q.type = QuestionType::kTrueFalse;
            q.answers.push_back({.text = "true", .fraction = truth ? 1.0 : 0.0});
            q.answers.push_back({.text = "false", .fraction = truth ? 0.0 : 1.0});
            (truth ? q.answers[0] : q.answers[1]).feedback = Unescape(feedback);
            return std::nullopt;
        }
    }
    std::vector<Token> tokens;
    if (!Tokenize(block, tokens)) return "assessment.import.bad_weight";
    if (tokens.empty()) return "assessment.import.no_answers";
    bool matching = false;
    bool any_wrong = false;
    int rights = 0;
    bool weighted = false;
    for (const Token& t : tokens) {
        if (t.body.find("->") != std::string_view::npos) matching = true;
        if (t.prefix == '~') any_wrong = true;
        if (t.prefix == '=') ++rights;
        if (t.weight && *t.weight > 0 && t.prefix == '~') weighted = true;
    }
    if (matching) {
        q.type = QuestionType::kMatching;
        for (const Token& t : tokens) {
            const std::size_t arrow = t.body.find("->");
            if (arrow == std::string_view::npos || t.prefix != '=') {
                return "assessment.import.pair_without_match";
            }
            q.answers.push_back({.text = Unescape(t.body.substr(0, arrow)),
                                 .fraction = 1.0,
                                 .match = Unescape(t.body.substr(arrow + 2))});
        }
        return std::nullopt;
    }
    if (!any_wrong) {
        q.type = QuestionType::kShortAnswer;
        for (const Token& t : tokens) {
            q.answers.push_back({.text = Unescape(t.body),
                                 .fraction = t.weight.value_or(1.0),
                                 .feedback = Unescape(t.feedback)});
        }
        return std::nullopt;
    }
    q.type = weighted || rights > 1 ? QuestionType::kMultipleChoice : QuestionType::kSingleChoice;
    for (const Token& t : tokens) {
        const double weight = t.weight.value_or(t.prefix == '=' ? 1.0 : 0.0);
        Answer answer{.text = Unescape(t.body), .feedback = Unescape(t.feedback)};
        if (weight < 0) {
            answer.penalty = -weight;
        } else {
            answer.fraction = weight;
        }
        q.answers.push_back(std::move(answer));
    }
    return std::nullopt;
}

/// Parses one question block (its lines joined) into `out`.
void ParseBlock(std::string_view block, int line, const std::string& category, ParseResult& out) {
    Question q{.category = category, .line = line};
    block = TrimSpace(block);
    if (block.starts_with("::")) {
        const std::size_t close = block.find("::", 2);
        if (close == std::string_view::npos) {
            out.issues.push_back(LineIssue(line, "assessment.import.unclosed_title"));
            return;
        }
        q.name = Unescape(block.substr(2, close - 2));
        block = TrimSpace(block.substr(close + 2));
    }
    if (block.starts_with('[')) {
        const std::size_t close = block.find(']');
        const std::string format =
            close == std::string_view::npos ? "" : AsciiLower(block.substr(1, close - 1));
        if (format == "html") q.format = TextFormat::kHtml;
        if (format == "markdown") q.format = TextFormat::kMarkdown;
        if (format == "html" || format == "markdown" || format == "plain" || format == "moodle") {
            block = TrimSpace(block.substr(close + 1));
        }
    }
    const std::size_t open = FindUnescaped(block, '{');
    if (open == std::string_view::npos) {
        out.issues.push_back(LineIssue(line, "assessment.import.no_answer_block"));
        return;
    }
    const std::size_t close = FindUnescaped(block, '}', open + 1);
    if (close == std::string_view::npos) {
        out.issues.push_back(LineIssue(line, "assessment.import.unclosed_answers"));
        return;
    }
    const std::string before = Unescape(block.substr(0, open));
    const std::string after = Unescape(block.substr(close + 1));
    q.text = after.empty() ? before : before + " _____ " + after;
    if (auto problem = ReadAnswers(block.substr(open + 1, close - open - 1), q)) {
        out.issues.push_back(LineIssue(line, *problem));
        return;
    }
    out.questions.push_back(std::move(q));
}

}  // namespace

ParseResult ParseGift(std::string_view text) {
    ParseResult out;
    std::string category;
    std::string block;
    int block_line = 0;
    const auto flush = [&] {
        if (!TrimSpace(block).empty()) {
            const std::size_t before = out.questions.size();
            ParseBlock(block, block_line, category, out);
            if (out.questions.size() > before) {
                ValidateQuestions({out.questions.back()}, out.issues);
            }
        }
        block.clear();
        block_line = 0;
    };
    for (const Line& line : SplitLines(text)) {
        const std::string_view t = TrimSpace(line.text);
        if (t.starts_with("//")) continue;
        // A blank line ends a question, as in Moodle (an answer block may span lines, not blank ones).
        if (t.empty()) {
            flush();
            continue;
        }
        if (block.empty() && t.starts_with("$CATEGORY:")) {
            category = std::string(TrimSpace(t.substr(10)));
            if (category.starts_with("$course$/")) category = category.substr(9);
            if (category.starts_with("top/")) category = category.substr(4);
            continue;
        }
        if (block_line == 0) block_line = line.number;
        block += line.text;
        block += '\n';
    }
    flush();
    if (out.questions.empty() && out.issues.empty()) {
        out.issues.push_back(LineIssue(1, "assessment.import.no_questions"));
    }
    return out;
}

}  // namespace oqu::assessment
