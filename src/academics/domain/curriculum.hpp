#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "academics/domain/classifier.hpp"
#include "academics/domain/structure.hpp"
#include "core/result.hpp"

namespace oqu::academics {

/// Cycle of disciplines: ООД/ЖББП general education, БД/БП basic, ПД/КП profile.
enum class Cycle : std::uint8_t { kGeneral, kBasic, kProfile };
/// "general", "basic", "profile".
std::string_view CycleName(Cycle cycle);
/// The cycle of a stored name; nullopt when unknown.
std::optional<Cycle> ParseCycle(std::string_view name);

/// Component: obligatory (ОК/МК), university (ВК/ЖООК), elective (КВ/ТК).
enum class Component : std::uint8_t { kRequired, kUniversity, kElective };
/// "required", "university", "elective".
std::string_view ComponentName(Component component);
/// The component of a stored name; nullopt when unknown.
std::optional<Component> ParseComponent(std::string_view name);

/// Form of final control of a discipline: exam, credit (зачёт/сынақ), coursework.
enum class Control : std::uint8_t { kExam, kCredit, kCoursework };
/// "exam", "credit", "coursework".
std::string_view ControlName(Control control);
/// The form of control of a stored name; nullopt when unknown.
std::optional<Control> ParseControl(std::string_view name);

/// The kinds of classes of a discipline, in display order.
enum class ClassKind : std::uint8_t { kLecture, kSeminar, kLaboratory, kStudio, kPractice, kSrop, kSro };
/// Every class kind, in display order.
inline constexpr std::array<ClassKind, 7> kClassKinds{
    ClassKind::kLecture,  ClassKind::kSeminar, ClassKind::kLaboratory, ClassKind::kStudio,
    ClassKind::kPractice, ClassKind::kSrop,    ClassKind::kSro};
/// "lecture", "seminar" (seminar or practical), "laboratory", "studio", "practice", "srop"
/// (independent work with a teacher, СРОП/СОӨЖ), "sro" (independent work, СРО/СӨЖ). Also the
/// form field and JSON member "hours_<name>".
std::string_view ClassKindName(ClassKind kind);

/// Academic hours of each class kind, indexed by ClassKind.
struct Hours {
    std::array<int, 7> by_kind{};  ///< Hours per ClassKind.
    /// Hours of one kind.
    int Of(ClassKind kind) const { return by_kind[static_cast<std::size_t>(kind)]; }
    /// The sum over every kind.
    int Total() const;
    /// Field-wise equality.
    friend bool operator==(const Hours&, const Hours&) = default;
};

/// One academic credit is 30 academic hours of the student's work (credit technology of study).
inline constexpr int kHoursPerCredit = 30;
/// The largest credit count of one discipline (a final attestation or long practice).
inline constexpr int kMaxDisciplineCredits = 60;

/// A discipline of a curriculum as typed (every field as text, hours by class kind).
struct DisciplineDraft {
    std::string code;  ///< "Fil 1101"
    Names names;
    std::string credits;               ///< ECTS credits.
    std::string cycle;                 ///< "general", "basic", "profile".
    std::string component;             ///< "required", "university", "elective".
    std::string semester;              ///< 1..MaxSemester(level).
    std::string control;               ///< "exam", "credit", "coursework".
    std::array<std::string, 7> hours;  ///< By ClassKind; empty means 0.
};

/// A discipline draft that passed CheckDiscipline.
struct DisciplineSpec {
    std::string code;
    Names names;
    int credits = 0;
    Cycle cycle = Cycle::kGeneral;
    Component component = Component::kRequired;
    int semester = 1;
    Control control = Control::kExam;
    Hours hours;
};

/// Checks a discipline of a curriculum of a programme of `level`: code, names, credits 1..60,
/// cycle, component, semester 1..MaxSemester(level), form of control, hours 0..2000 each, and,
/// when any hours are given, hours total = credits × 30 (field "hours_total", args expected and
/// total). kInvalidInput with field errors, else the spec.
core::Result<DisciplineSpec> CheckDiscipline(DisciplineDraft draft, Level level);

/// A curriculum as typed: the programme's study plan for the students admitted in one year.
struct CurriculumDraft {
    std::string admission_year;  ///< "2026": year of admission of the cohort it governs.
};

/// Checks a curriculum draft: admission year 2000..2100; kInvalidInput with field errors.
core::Result<int> CheckCurriculum(const CurriculumDraft& draft);

/// Credits of one semester of a curriculum.
struct SemesterCredits {
    int semester = 0;  ///< 1-based.
    int credits = 0;   ///< Sum of its disciplines' credits.
    int disciplines = 0;
};

/// Credits per semester (ascending, only semesters that have disciplines) from (semester,
/// credits) pairs; the overall total is their sum.
std::vector<SemesterCredits> CreditsBySemester(const std::vector<std::pair<int, int>>& semester_credits);

}  // namespace oqu::academics
