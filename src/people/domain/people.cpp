#include "people/domain/people.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace oqu::people {
namespace {

// Stored in the database and sent in the API: never rename an entry, only add.
constexpr std::array<std::pair<StudyForm, std::string_view>, 2> kStudyForms{{
    {StudyForm::kFullTime, "full_time"},
    {StudyForm::kOnline, "online"},
}};
constexpr std::array<std::pair<Funding, std::string_view>, 2> kFundings{{
    {Funding::kStateGrant, "state_grant"},
    {Funding::kPaid, "paid"},
}};
constexpr std::array<std::pair<StudentStatus, std::string_view>, 4> kStatuses{{
    {StudentStatus::kActive, "active"},
    {StudentStatus::kAcademicLeave, "academic_leave"},
    {StudentStatus::kExpelled, "expelled"},
    {StudentStatus::kGraduated, "graduated"},
}};
constexpr std::array<std::pair<Position, std::string_view>, 5> kPositions{{
    {Position::kAssistant, "assistant"},
    {Position::kSeniorLecturer, "senior_lecturer"},
    {Position::kAssociateProfessor, "associate_professor"},
    {Position::kProfessor, "professor"},
    {Position::kHeadOfDepartment, "head_of_department"},
}};
constexpr std::array<std::pair<Degree, std::string_view>, 5> kDegrees{{
    {Degree::kNone, "none"},
    {Degree::kMaster, "master"},
    {Degree::kCandidate, "candidate"},
    {Degree::kDoctor, "doctor"},
    {Degree::kPhd, "phd"},
}};

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [v, name] : table) {
        if (v == value) return name;
    }
    return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view code) {
    for (const auto& [v, name] : table) {
        if (name == code) return v;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
std::vector<std::string_view> CodesOf(const std::array<std::pair<E, std::string_view>, N>& table) {
    std::vector<std::string_view> out;
    out.reserve(N);
    for (const auto& entry : table) out.push_back(entry.second);
    return out;
}

bool IsAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

// Letters of any script: every byte of a multi-byte UTF-8 sequence counts (Cyrillic, Kazakh,
// Latin with diacritics); ASCII only letters and the joiners of compound names.
bool NamePartValid(std::string_view part) {
    if (part.front() == ' ' || part.back() == ' ' || part.front() == '-' || part.back() == '-') return false;
    return std::all_of(part.begin(), part.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x80 || IsAsciiLetter(c) || c == ' ' || c == '-' || c == '\'';
    });
}

void CheckPart(std::string_view value, std::string_view field, bool required, FieldErrors& errors) {
    if (value.empty()) {
        if (required) errors.push_back({std::string(field), "people.name_required", {}});
        return;
    }
    if (value.size() > 100 || !NamePartValid(value)) {
        errors.push_back({std::string(field), "people.name_invalid", {}});
    }
}

std::string AsciiLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

}  // namespace

std::string_view StudyFormName(StudyForm form) {
    return NameOf(kStudyForms, form);
}
std::optional<StudyForm> ParseStudyForm(std::string_view code) {
    return Parse(kStudyForms, code);
}
std::string_view FundingName(Funding funding) {
    return NameOf(kFundings, funding);
}
std::optional<Funding> ParseFunding(std::string_view code) {
    return Parse(kFundings, code);
}
std::string_view StudentStatusName(StudentStatus status) {
    return NameOf(kStatuses, status);
}
std::optional<StudentStatus> ParseStudentStatus(std::string_view code) {
    return Parse(kStatuses, code);
}
std::string_view PositionName(Position position) {
    return NameOf(kPositions, position);
}
std::optional<Position> ParsePosition(std::string_view code) {
    return Parse(kPositions, code);
}
std::string_view DegreeName(Degree degree) {
    return NameOf(kDegrees, degree);
}
std::optional<Degree> ParseDegree(std::string_view code) {
    return Parse(kDegrees, code);
}
std::vector<std::string_view> StudyFormCodes() {
    return CodesOf(kStudyForms);
}
std::vector<std::string_view> FundingCodes() {
    return CodesOf(kFundings);
}
std::vector<std::string_view> StudentStatusCodes() {
    return CodesOf(kStatuses);
}
std::vector<std::string_view> PositionCodes() {
    return CodesOf(kPositions);
}
std::vector<std::string_view> DegreeCodes() {
    return CodesOf(kDegrees);
}

core::Error InvalidFields(const FieldErrors& errors, std::string requirement) {
    core::Error error = core::MakeError(core::ErrorCode::kInvalidInput, "people.form_invalid",
                                        "refused fields", std::move(requirement));
    // Encoding: one ("field", key) pair per error, followed by its ICU arguments as ("=name", value).
    for (const FieldError& e : errors) {
        error.args.emplace_back(e.field.empty() ? "_" : e.field, e.message_key);
        for (const auto& [name, value] : e.args) error.args.emplace_back("=" + name, value);
    }
    if (!errors.empty()) {
        error.detail = "refused field " + errors.front().field + ": " + errors.front().message_key;
    }
    return error;
}

FieldErrors FieldErrorsOf(const core::Error& error) {
    FieldErrors out;
    if (error.message_key != "people.form_invalid") {
        out.push_back({"", error.message_key, error.args});
        return out;
    }
    for (const auto& [name, value] : error.args) {
        if (!name.empty() && name.front() == '=') {
            if (!out.empty()) out.back().args.emplace_back(name.substr(1), value);
            continue;
        }
        out.push_back({name == "_" ? std::string() : name, value, {}});
    }
    return out;
}

std::string DisplayName(const FullName& name) {
    std::string out = name.surname;
    if (!name.given_name.empty()) out += (out.empty() ? "" : " ") + name.given_name;
    if (!name.patronymic.empty()) out += " " + name.patronymic;
    return out;
}

void CheckFullName(const FullName& name, FieldErrors& errors) {
    CheckPart(name.surname, "surname", true, errors);
    CheckPart(name.given_name, "given_name", true, errors);
    CheckPart(name.patronymic, "patronymic", false, errors);
    if (!name.latin.empty()) {
        const bool ok =
            name.latin.size() <= 200 && std::all_of(name.latin.begin(), name.latin.end(), [](char c) {
                return IsAsciiLetter(c) || c == ' ' || c == '-' || c == '\'';
            });
        if (!ok) errors.push_back({"latin_name", "people.latin_invalid", {}});
    }
}

void CheckGroupCode(std::string_view code, FieldErrors& errors) {
    const bool ok = !code.empty() && code.size() <= 32 && std::all_of(code.begin(), code.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x80 || IsAsciiLetter(c) || IsDigit(c) || c == '-' ||
               c == '_' || c == '/' || c == '.';
    });
    if (!ok) errors.push_back({"code", "people.group_code_invalid", {}});
}

void CheckStudentNumber(std::string_view number, FieldErrors& errors) {
    const bool ok =
        !number.empty() && number.size() <= 32 && std::all_of(number.begin(), number.end(), [](char c) {
            return IsAsciiLetter(c) || IsDigit(c) || c == '-' || c == '/';
        });
    if (!ok) errors.push_back({"student_number", "people.student_number_invalid", {}});
}

int MaxCourseYear(ProgrammeLevel level, int credits) {
    int usual = 4;
    int cap = 6;
    switch (level) {
        case ProgrammeLevel::kBachelor:
            break;
        case ProgrammeLevel::kMaster:
            usual = 2;
            cap = 2;
            break;
        case ProgrammeLevel::kDoctorate:
            usual = 3;
            cap = 3;
            break;
        case ProgrammeLevel::kResidency:
            usual = 2;
            cap = 4;
            break;
    }
    // One academic year is 60 ECTS credits; a part year still needs a course of its own.
    const int years = credits > 0 ? (credits + 59) / 60 : usual;
    return std::clamp(years, 1, cap);
}

void CheckCourseYear(int year, ProgrammeLevel level, int credits, FieldErrors& errors) {
    const int max = MaxCourseYear(level, credits);
    if (year < 1 || year > max) {
        errors.push_back({"course_year", "people.course_year_range", {{"max", std::to_string(max)}}});
    }
}

std::optional<bool> ParseYesNo(std::string_view text) {
    const std::string lower = AsciiLower(text);
    for (std::string_view yes : {"1", "y", "yes", "true", "да", "Да", "ДА", "иә", "Иә", "ИӘ"}) {
        if (lower == yes) return true;
    }
    for (std::string_view no : {"", "0", "n", "no", "false", "нет", "Нет", "НЕТ", "жоқ", "Жоқ", "ЖОҚ"}) {
        if (lower == no) return false;
    }
    return std::nullopt;
}

std::optional<int> ParseIntIn(std::string_view text, int min, int max) {
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) return std::nullopt;
    return value;
}

void CheckLanguage(std::string_view code, FieldErrors& errors) {
    if (code != "kk" && code != "ru" && code != "en") {
        errors.push_back({"language", "people.language_invalid", {}});
    }
}

}  // namespace oqu::people
