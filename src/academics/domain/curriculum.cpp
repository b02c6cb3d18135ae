#include "academics/domain/curriculum.hpp"

#include <numeric>
#include <utility>

namespace oqu::academics {

namespace {

template <typename E, std::size_t N>
std::optional<E> Find(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name) {
    for (const auto& [value, text] : table) {
        if (text == name) return value;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [v, text] : table) {
        if (v == value) return text;
    }
    return {};
}

constexpr std::array<std::pair<Cycle, std::string_view>, 3> kCycles{
    {{Cycle::kGeneral, "general"}, {Cycle::kBasic, "basic"}, {Cycle::kProfile, "profile"}}};
constexpr std::array<std::pair<Component, std::string_view>, 3> kComponents{
    {{Component::kRequired, "required"},
     {Component::kUniversity, "university"},
     {Component::kElective, "elective"}}};
constexpr std::array<std::pair<Control, std::string_view>, 3> kControls{
    {{Control::kExam, "exam"}, {Control::kCredit, "credit"}, {Control::kCoursework, "coursework"}}};
constexpr std::array<std::pair<ClassKind, std::string_view>, 7> kKinds{
    {{ClassKind::kLecture, "lecture"},
     {ClassKind::kSeminar, "seminar"},
     {ClassKind::kLaboratory, "laboratory"},
     {ClassKind::kStudio, "studio"},
     {ClassKind::kPractice, "practice"},
     {ClassKind::kSrop, "srop"},
     {ClassKind::kSro, "sro"}}};

// Hours of one class kind over a whole discipline; 60 credits × 30 h is 1800, so 2000 is ample.
constexpr int kMaxHours = 2000;

}  // namespace

std::string_view CycleName(Cycle cycle) {
    return NameOf(kCycles, cycle);
}
std::optional<Cycle> ParseCycle(std::string_view name) {
    return Find(kCycles, name);
}
std::string_view ComponentName(Component component) {
    return NameOf(kComponents, component);
}
std::optional<Component> ParseComponent(std::string_view name) {
    return Find(kComponents, name);
}
std::string_view ControlName(Control control) {
    return NameOf(kControls, control);
}
std::optional<Control> ParseControl(std::string_view name) {
    return Find(kControls, name);
}
std::string_view ClassKindName(ClassKind kind) {
    return NameOf(kKinds, kind);
}

int Hours::Total() const {
    return std::accumulate(by_kind.begin(), by_kind.end(), 0);
}

core::Result<DisciplineSpec> CheckDiscipline(DisciplineDraft draft, Level level) {
    FieldErrors errors;
    DisciplineSpec spec;
    CheckShortCode(draft.code, "code", errors);
    spec.code = std::move(draft.code);
    CheckNames(draft.names, errors);
    spec.names = std::move(draft.names);
    const auto credits = ReadInt(draft.credits, "credits", 1, kMaxDisciplineCredits, errors);
    if (credits) spec.credits = *credits;
    if (auto cycle = ParseCycle(Trim(draft.cycle))) {
        spec.cycle = *cycle;
    } else {
        errors.push_back({"cycle", "academics.choose_one", {}});
    }
    if (auto component = ParseComponent(Trim(draft.component))) {
        spec.component = *component;
    } else {
        errors.push_back({"component", "academics.choose_one", {}});
    }
    if (auto semester = ReadInt(draft.semester, "semester", 1, MaxSemester(level), errors)) {
        spec.semester = *semester;
    }
    if (auto control = ParseControl(Trim(draft.control))) {
        spec.control = *control;
    } else {
        errors.push_back({"control", "academics.choose_one", {}});
    }
    bool hours_ok = true;
    for (ClassKind kind : kClassKinds) {
        const std::string& text = draft.hours[static_cast<std::size_t>(kind)];
        if (Trim(text).empty()) continue;
        const std::string field = "hours_" + std::string(ClassKindName(kind));
        if (auto h = ReadInt(text, field, 0, kMaxHours, errors)) {
            spec.hours.by_kind[static_cast<std::size_t>(kind)] = *h;
        } else {
            hours_ok = false;
        }
    }
    // One credit is 30 hours of the student's work: the class kinds must add up to it exactly.
    // All-zero hours mean the breakdown is not entered yet, which a draft curriculum may have.
    const int total = spec.hours.Total();
    if (credits && hours_ok && total != 0 && total != *credits * kHoursPerCredit) {
        errors.push_back(
            {"hours_total",
             "academics.hours_total_mismatch",
             {{"expected", std::to_string(*credits * kHoursPerCredit)}, {"total", std::to_string(total)}}});
    }
    if (!errors.empty()) return InvalidFields(errors);
    return spec;
}

core::Result<int> CheckCurriculum(const CurriculumDraft& draft) {
    FieldErrors errors;
    const auto year = ReadInt(draft.admission_year, "admission_year", 2000, 2100, errors);
    if (!errors.empty()) return InvalidFields(errors);
    return *year;
}

std::vector<SemesterCredits> CreditsBySemester(const std::vector<std::pair<int, int>>& semester_credits) {
    std::map<int, SemesterCredits> by;
    for (const auto& [semester, credits] : semester_credits) {
        auto& s = by[semester];
        s.semester = semester;
        s.credits += credits;
        ++s.disciplines;
    }
    std::vector<SemesterCredits> out;
    out.reserve(by.size());
    for (auto& [semester, s] : by) out.push_back(s);
    return out;
}

}  // namespace oqu::academics
