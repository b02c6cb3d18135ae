#include "assessment/moodle_xml.hpp"

#include <cmath>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "assessment/domain/text.hpp"

namespace oqu::assessment {
namespace {

Issue QuestionIssue(std::size_t index, const std::string& name, std::string key) {
    std::string where = fmt::format("question {}", index);
    if (!name.empty()) where += fmt::format(" ({})", name);
    return {std::move(where), std::move(key), {}};
}

std::string TextOf(const pugi::xml_node& node) {
    return std::string(TrimSpace(node.child("text").text().get()));
}

TextFormat FormatOf(const pugi::xml_node& node) {
    const std::string_view format = node.attribute("format").as_string("html");
    if (format == "markdown") return TextFormat::kMarkdown;
    if (format == "plain_text" || format == "moodle_auto_format") return TextFormat::kPlain;
    return TextFormat::kHtml;
}

/// A Moodle fraction (percent, may be negative) as a share and a penalty.
void SetFraction(const pugi::xml_node& answer, Answer& out) {
    const double percent = answer.attribute("fraction").as_double(0.0);
    if (percent < 0) {
        out.penalty = -percent / 100.0;
    } else {
        out.fraction = percent / 100.0;
    }
}

}  // namespace

ParseResult ParseMoodleXml(std::string_view text) {
    ParseResult out;
    text = StripBom(text);
    // pugixml never expands external entities; internal DOCTYPE entities are refused outright so
    // no "billion laughs" file reaches the parser.
    if (text.find("<!DOCTYPE") != std::string_view::npos || text.find("<!ENTITY") != std::string_view::npos) {
        out.issues.push_back({"line 1", "assessment.import.xml_doctype", {}});
        return out;
    }
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
        int line = 1;
        for (std::ptrdiff_t i = 0; i < parsed.offset && static_cast<std::size_t>(i) < text.size(); ++i) {
            if (text[static_cast<std::size_t>(i)] == '\n') ++line;
        }
        Issue issue{fmt::format("line {}", line), "assessment.import.xml_malformed", {}};
        issue.args.emplace_back("detail", parsed.description());
        out.issues.push_back(std::move(issue));
        return out;
    }
    const pugi::xml_node quiz = doc.child("quiz");
    if (!quiz) {
        out.issues.push_back({"line 1", "assessment.import.xml_not_a_quiz", {}});
        return out;
    }
    std::string category;
    std::size_t index = 0;
    for (const pugi::xml_node& node : quiz.children("question")) {
        ++index;
        const std::string type = node.attribute("type").as_string();
        if (type == "category") {
            category = TextOf(node.child("category"));
            if (category.starts_with("$course$/")) category = category.substr(9);
            if (category.starts_with("top/")) category = category.substr(4);
            continue;
        }
        if (type == "description") continue;
        Question q{.name = TextOf(node.child("name")),
                   .category = category,
                   .text = TextOf(node.child("questiontext")),
                   .format = FormatOf(node.child("questiontext")),
                   .feedback = TextOf(node.child("generalfeedback"))};
        if (type == "multichoice") {
            const std::string_view single = node.child("single").text().as_string("true");
            q.type = single == "false" || single == "0" ? QuestionType::kMultipleChoice
                                                        : QuestionType::kSingleChoice;
        } else if (type == "truefalse") {
            q.type = QuestionType::kTrueFalse;
        } else if (type == "shortanswer") {
            q.type = QuestionType::kShortAnswer;
        } else if (type == "numerical") {
            q.type = QuestionType::kNumerical;
        } else if (type == "matching") {
            q.type = QuestionType::kMatching;
        } else if (type == "ordering") {
            q.type = QuestionType::kOrdering;
        } else if (type == "essay") {
            q.type = QuestionType::kEssay;
        } else {
            Issue issue = QuestionIssue(index, q.name, "assessment.import.unsupported_type");
            issue.args.emplace_back("type", type);
            out.issues.push_back(std::move(issue));
            continue;
        }
        if (q.type == QuestionType::kMatching) {
            for (const pugi::xml_node& sub : node.children("subquestion")) {
                Answer pair{.text = TextOf(sub), .fraction = 1.0, .match = TextOf(sub.child("answer"))};
                // Moodle allows extra wrong right-hand items: a subquestion with no text.
                if (pair.text.empty()) continue;
                q.answers.push_back(std::move(pair));
            }
        } else {
            for (const pugi::xml_node& a : node.children("answer")) {
                Answer answer{.text = TextOf(a), .feedback = TextOf(a.child("feedback"))};
                if (q.type == QuestionType::kOrdering) {
                    answer.fraction = 1.0;
                } else {
                    SetFraction(a, answer);
                }
                if (q.type == QuestionType::kNumerical) {
                    answer.tolerance = a.child("tolerance").text().as_double(0.0);
                }
                if (q.type == QuestionType::kTrueFalse) answer.text = AsciiLower(answer.text);
                q.answers.push_back(std::move(answer));
            }
        }
        std::vector<Issue> issues;
        ValidateQuestions({q}, issues);
        for (Issue& issue : issues) {
            issue.where = QuestionIssue(index, q.name, "").where;
            out.issues.push_back(std::move(issue));
        }
        out.questions.push_back(std::move(q));
    }
    if (out.questions.empty() && out.issues.empty()) {
        out.issues.push_back({"line 1", "assessment.import.no_questions", {}});
    }
    return out;
}

namespace {

std::string_view MoodleType(QuestionType type) {
    switch (type) {
        case QuestionType::kSingleChoice:
        case QuestionType::kMultipleChoice:
            return "multichoice";
        case QuestionType::kTrueFalse:
            return "truefalse";
        case QuestionType::kMatching:
            return "matching";
        case QuestionType::kOrdering:
            return "ordering";
        case QuestionType::kShortAnswer:
            return "shortanswer";
        case QuestionType::kNumerical:
            return "numerical";
        case QuestionType::kEssay:
            return "essay";
    }
    return "multichoice";
}

std::string_view MoodleFormat(TextFormat format) {
    switch (format) {
        case TextFormat::kPlain:
            return "plain_text";
        case TextFormat::kHtml:
            return "html";
        case TextFormat::kMarkdown:
            return "markdown";
    }
    return "html";
}

void AddText(pugi::xml_node parent, const char* name, const std::string& text) {
    parent.append_child(name).append_child("text").text().set(text.c_str());
}

/// A percent as Moodle writes it: integers bare, others with up to 5 decimals.
std::string Percent(double share) {
    const double percent = share * 100.0;
    if (std::fabs(percent - std::round(percent)) < 1e-9) return fmt::format("{}", std::lround(percent));
    return fmt::format("{:.5f}", percent);
}

}  // namespace

std::string ToMoodleXml(const std::vector<Question>& questions) {
    pugi::xml_document doc;
    auto declaration = doc.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    pugi::xml_node quiz = doc.append_child("quiz");
    std::optional<std::string> category;
    for (const Question& q : questions) {
        if (!category || *category != q.category) {
            category = q.category;
            pugi::xml_node c = quiz.append_child("question");
            c.append_attribute("type") = "category";
            AddText(c, "category", "$course$/top" + (q.category.empty() ? "" : "/" + q.category));
        }
        pugi::xml_node node = quiz.append_child("question");
        node.append_attribute("type") = std::string(MoodleType(q.type)).c_str();
        AddText(node, "name", q.name.empty() ? q.text.substr(0, 60) : q.name);
        pugi::xml_node text = node.append_child("questiontext");
        text.append_attribute("format") = std::string(MoodleFormat(q.format)).c_str();
        text.append_child("text").text().set(q.text.c_str());
        if (!q.feedback.empty()) AddText(node, "generalfeedback", q.feedback);
        if (q.type == QuestionType::kSingleChoice || q.type == QuestionType::kMultipleChoice) {
            node.append_child("single").text().set(q.type == QuestionType::kSingleChoice ? "true" : "false");
            node.append_child("shuffleanswers").text().set("true");
        }
        for (const Answer& a : q.answers) {
            if (q.type == QuestionType::kMatching) {
                pugi::xml_node sub = node.append_child("subquestion");
                sub.append_attribute("format") = "html";
                sub.append_child("text").text().set(a.text.c_str());
                AddText(sub, "answer", a.match);
                continue;
            }
            pugi::xml_node answer = node.append_child("answer");
            const double share = a.penalty > 0 ? -a.penalty : a.fraction;
            answer.append_attribute("fraction") = Percent(share).c_str();
            answer.append_child("text").text().set(a.text.c_str());
            if (!a.feedback.empty()) AddText(answer, "feedback", a.feedback);
            if (a.tolerance) {
                answer.append_child("tolerance").text().set(fmt::format("{}", *a.tolerance).c_str());
            }
        }
    }
    std::ostringstream xml;
    doc.save(xml, "  ", pugi::format_default, pugi::encoding_utf8);
    return xml.str();
}

}  // namespace oqu::assessment
