#include <gtest/gtest.h>

#include "courses/api.hpp"
#include "courses/domain/checklist.hpp"
#include "courses/markdown.hpp"

namespace oqu::courses {
namespace {

/// Each item of the checklist fails on its own: an empty week, an outcome no element forms, a
/// missing policy, an uncaptioned video; a course without weeks or outcomes is not ready.
TEST(Checklist, EachItemFailsOnItsOwn) {  // R-O13
    const CourseFacts ready{{{1, 2}, {2, 1}}, {{"LO1", 1}, {"LO2", 3}}, true, 2, 2};
    EXPECT_TRUE(CheckReadiness(ready).complete());

    CourseFacts empty_week = ready;
    empty_week.weeks[1].elements = 0;
    const Checklist a = CheckReadiness(empty_week);
    EXPECT_FALSE(a.weeks_filled);
    EXPECT_EQ(a.empty_weeks, std::vector<int>{2});
    EXPECT_FALSE(a.complete());

    CourseFacts unmapped = ready;
    unmapped.outcomes[0].links = 0;
    const Checklist b = CheckReadiness(unmapped);
    EXPECT_FALSE(b.outcomes_mapped);
    EXPECT_EQ(b.unmapped_outcomes, std::vector<std::string>{"LO1"});

    CourseFacts no_policy = ready;
    no_policy.policy_set = false;
    EXPECT_FALSE(CheckReadiness(no_policy).complete());

    CourseFacts uncaptioned = ready;
    uncaptioned.captioned = 1;
    const Checklist c = CheckReadiness(uncaptioned);
    EXPECT_FALSE(c.media_captioned);
    EXPECT_EQ(c.uncaptioned, 1);

    EXPECT_FALSE(CheckReadiness({{}, {{"LO1", 1}}, true, 0, 0}).has_weeks);
    EXPECT_FALSE(CheckReadiness({{{1, 1}}, {}, true, 0, 0}).outcomes_mapped);
    EXPECT_TRUE(
        CheckReadiness({{{1, 1}}, {{"LO1", 1}}, true, 0, 0}).complete());  // no media: nothing to caption
}

/// Lectures are Markdown rendered on the server: tables and emphasis work; raw HTML and script
/// links never reach the page.
TEST(Markdown, RendersSafely) {
    const std::string html = detail::RenderMarkdown(
        "# Тақырып\n\n**маңызды** ~~ескі~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) "
        "[ok](https://oqu.kz)\n");
    // A teacher's "# Heading" is one level below the page's own <h1>.
    EXPECT_NE(html.find("<h2>Тақырып</h2>"), std::string::npos) << html;
    EXPECT_NE(html.find("<strong>маңызды</strong>"), std::string::npos);
    EXPECT_NE(html.find("<del>ескі</del>"), std::string::npos);
    EXPECT_NE(html.find("<table>"), std::string::npos);
    EXPECT_NE(html.find("href=\"https://oqu.kz\""), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
}

/// Every kind name parses back; an unknown one does not (there is no "assignment" or "quiz" yet).
TEST(ElementKinds, NamesRoundTrip) {
    for (ElementKind kind : kElementKinds) EXPECT_EQ(ParseElementKind(ElementKindName(kind)), kind);
    EXPECT_FALSE(ParseElementKind("assignment").has_value());
    EXPECT_FALSE(ParseElementKind("quiz").has_value());
}

}  // namespace
}  // namespace oqu::courses
