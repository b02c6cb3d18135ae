#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "courses/api.hpp"

namespace oqu::platform::db {
class Session;
}

namespace oqu::courses {

/// A courses_course row.
struct CourseRow {
    std::int64_t id = 0;
    std::int64_t discipline_id = 0, curriculum_id = 0, programme_id = 0, faculty_id = 0;
    std::optional<std::int64_t> department_id;
    std::int64_t period_id = 0;
    std::string language = "kk";
    bool online = false;
    std::optional<CourseWeights> weights;
    std::optional<std::int64_t> copied_from;
    std::optional<core::Instant> act_signed_at;
};

/// A readiness act.
struct ActRow {
    core::Instant signed_at{};
    std::int64_t signer_teacher_id = 0;
};

/// The only code that reads and writes the courses_ tables (sql_store.cpp).
class Store {
public:
    explicit Store(platform::db::Session& session) : session_(session) {}

    std::int64_t InsertCourse(const CourseRow& row, std::int64_t by, core::Instant at);
    void UpdateCourse(std::int64_t id, std::int64_t period_id, const std::string& language, bool online);
    std::optional<CourseRow> FindCourse(std::int64_t id);
    /// Every course (of a period), id order.
    std::vector<CourseRow> Courses(std::optional<std::int64_t> period_id);
    /// Ids of the courses a teacher teaches.
    std::vector<std::int64_t> CoursesOfTeacher(std::int64_t teacher_id);
    /// Ids of the courses one of these groups attends.
    std::vector<std::int64_t> CoursesOfGroups(const std::vector<std::int64_t>& group_ids);

    std::vector<std::int64_t> Teachers(std::int64_t course_id);
    /// False when already assigned.
    bool InsertTeacher(std::int64_t course_id, std::int64_t teacher_id, core::Instant at);
    bool DeleteTeacher(std::int64_t course_id, std::int64_t teacher_id);
    /// (group id, kind) in group id order.
    std::vector<std::pair<std::int64_t, std::string>> Groups(std::int64_t course_id);
    /// True when one of `group_ids` (non-empty) studies in the course: one indexed probe.
    bool HasAnyGroup(std::int64_t course_id, const std::vector<std::int64_t>& group_ids);
    bool InsertGroup(std::int64_t course_id, std::int64_t group_id, const std::string& kind);
    bool DeleteGroup(std::int64_t course_id, std::int64_t group_id);
    void SetWeights(std::int64_t course_id, const CourseWeights& weights);

    std::vector<Outcome> Outcomes(std::int64_t course_id);
    /// nullopt when the code is taken.
    std::optional<std::int64_t> InsertOutcome(std::int64_t course_id, const Outcome& outcome);
    bool DeleteOutcome(std::int64_t course_id, std::int64_t outcome_id);
    /// Weeks in number order, without elements.
    std::vector<Week> Weeks(std::int64_t course_id);
    /// nullopt when the number is taken.
    std::optional<std::int64_t> InsertWeek(std::int64_t course_id, int number, const std::string& topic);
    /// Elements of the course in id order, with their outcome ids.
    std::vector<Element> Elements(std::int64_t course_id);
    std::int64_t InsertElement(std::int64_t course_id, const Element& element, core::Instant at);
    bool DeleteElement(std::int64_t course_id, std::int64_t element_id);
    bool SetCaptions(std::int64_t course_id, std::int64_t element_id, const std::string& sha256);
    /// The sniffed type of a file of the course ("text/vtt" for captions); nullopt when none.
    std::optional<std::string> FileType(std::int64_t course_id, const std::string& sha256);

    /// Whether the module's migrations have run (schema_migrations, read-only here).
    bool Installed();
    std::optional<ActRow> Act(std::int64_t course_id);
    bool InsertAct(std::int64_t course_id, std::int64_t by, std::int64_t teacher_id, core::Instant at);

private:
    platform::db::Session& session_;
};

}  // namespace oqu::courses
