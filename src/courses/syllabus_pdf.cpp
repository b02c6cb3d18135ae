#include "courses/syllabus_pdf.hpp"

#include <utility>

#include "platform/pdf/pdf.hpp"

namespace oqu::courses::detail {

namespace pdf = platform::pdf;

core::Result<std::string> SyllabusPdf(const Syllabus& s, const Word& word, const std::string& share_message) {
    const Course& c = s.course;
    const std::string hours = " " + word("courses.hours_short");
    pdf::Document doc;
    doc.title = word("courses.syllabus_title") + ": " + c.discipline_code + " " + c.discipline_name;
    std::string teachers;
    for (const CourseTeacher& t : c.teachers) teachers += (teachers.empty() ? "" : ", ") + t.name;
    doc.subtitle = {word("courses.programme") + ": " + c.programme_code + " · " + word("courses.period") +
                        ": " + c.period_year + " · " + word("courses.period_" + c.period_kind) + " (" +
                        c.period_start + ")",
                    word("courses.credits") + ": " + std::to_string(c.credits) + " (" +
                        std::to_string(c.planned_hours) + hours + ") · " + word("courses.language") + ": " +
                        word("courses.language_" + c.language) + " · " + word("courses.form") + ": " +
                        word(c.online ? "courses.form_online" : "courses.form_full_time"),
                    word("courses.teachers") + ": " + (teachers.empty() ? std::string("—") : teachers)};

    doc.Heading(word("courses.outcomes"));
    if (s.structure.outcomes.empty()) {
        doc.Paragraph(word("courses.no_outcomes"));
    } else {
        pdf::Table outcomes;
        outcomes.headers = {word("courses.outcome_code"), word("courses.outcome_text"),
                            word("courses.programme_outcome")};
        outcomes.widths = {1, 6, 1.5};
        for (const Outcome& o : s.structure.outcomes) {
            outcomes.rows.push_back({o.code, o.text, o.programme_outcome});
        }
        doc.AddTable(std::move(outcomes));
    }

    doc.Heading(word("courses.schedule"));
    if (s.structure.weeks.empty()) {
        doc.Paragraph(word("courses.no_weeks"));
    } else {
        pdf::Table schedule;
        schedule.headers = {word("courses.week"), word("courses.week_topic"), word("courses.elements")};
        schedule.widths = {0.8, 3, 5};
        schedule.align = {pdf::Align::kCenter, pdf::Align::kLeft, pdf::Align::kLeft};
        for (const Week& w : s.structure.weeks) {
            std::string elements;
            for (const Element& e : w.elements) {
                std::string codes;
                for (std::int64_t id : e.outcome_ids) {
                    for (const Outcome& o : s.structure.outcomes) {
                        if (o.id == id) codes += "; " + o.code;
                    }
                }
                if (!elements.empty()) elements += '\n';
                elements.append(word("courses.kind_" + std::string(ElementKindName(e.kind))))
                    .append(": ")
                    .append(e.title)
                    .append(" (")
                    .append(word(e.synchronous ? "courses.format_sync" : "courses.format_async"))
                    .append(", ")
                    .append(std::to_string(e.hours))
                    .append(hours)
                    .append(codes)
                    .append(")");
            }
            schedule.rows.push_back({std::to_string(w.number), w.topic, elements});
        }
        doc.AddTable(std::move(schedule));
    }

    doc.Heading(word("courses.policy"));
    pdf::Table policy;
    policy.headers = {word("courses.policy_part"), word("courses.weight")};
    policy.widths = {4, 1};
    policy.align = {pdf::Align::kLeft, pdf::Align::kRight};
    policy.rows = {{word("courses.part_current"), std::to_string(s.weights.current) + " %"},
                   {word("courses.part_rk1"), std::to_string(s.weights.rk1) + " %"},
                   {word("courses.part_rk2"), std::to_string(s.weights.rk2) + " %"},
                   {word("courses.part_exam"), std::to_string(s.weights.exam) + " %"}};
    doc.AddTable(std::move(policy));
    if (s.weights_default) doc.Paragraph(word("courses.policy_default"));
    doc.Paragraph(word("courses.policy_criteria"));

    doc.Heading(word("courses.literature"));
    if (s.literature.empty()) {
        doc.Paragraph(word("courses.no_literature"));
    } else {
        for (std::size_t i = 0; i < s.literature.size(); ++i) {
            doc.Paragraph(std::to_string(i + 1) + ". " + s.literature[i]);
        }
    }

    doc.Heading(word("courses.ratio"));
    const int total = s.synchronous_hours + s.asynchronous_hours;
    doc.Paragraph(word("courses.format_sync") + ": " + std::to_string(s.synchronous_hours) + hours + " (" +
                  core::Percent(s.synchronous_hours, total) + " %) · " + word("courses.format_async") + ": " +
                  std::to_string(s.asynchronous_hours) + hours + " · " + word("courses.total") + ": " +
                  std::to_string(total) + hours);
    if (!share_message.empty()) doc.Paragraph(share_message);

    auto bytes = pdf::Render(doc);
    if (!bytes) {
        return core::MakeError(core::ErrorCode::kUnavailable, "platform.storage_unavailable",
                               bytes.error().detail);
    }
    return bytes;
}

}  // namespace oqu::courses::detail
