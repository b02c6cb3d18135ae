#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

/// Pure rules of the people module: study groups, students, teachers. No I/O, no clock.
namespace oqu::people {

/// A student's id (people_student.id).
struct StudentId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const StudentId&, const StudentId&) = default;
};

/// A study group's id (people_group.id).
struct GroupId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const GroupId&, const GroupId&) = default;
};

/// A teacher's id (people_teacher.id).
struct TeacherId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const TeacherId&, const TeacherId&) = default;
};

/// Form of study (R-O1..R-O3): full-time, or online (OL) where the direction allows it (R-O2).
enum class StudyForm : std::uint8_t { kFullTime, kOnline };
/// Who pays for the study.
enum class Funding : std::uint8_t { kStateGrant, kPaid };
/// Where a student stands.
enum class StudentStatus : std::uint8_t { kActive, kAcademicLeave, kExpelled, kGraduated };
/// A teacher's post.
enum class Position : std::uint8_t {
    kAssistant,
    kSeniorLecturer,
    kAssociateProfessor,
    kProfessor,
    kHeadOfDepartment
};
/// A teacher's academic degree.
enum class Degree : std::uint8_t { kNone, kMaster, kCandidate, kDoctor, kPhd };
/// The level of a programme, which bounds the course year.
enum class ProgrammeLevel : std::uint8_t { kBachelor, kMaster, kDoctorate, kResidency };
/// What the classifier says of online study for a programme's direction (R-O2).
enum class OnlineFlag : std::uint8_t { kUnknown, kAllowed, kForbidden };

/// Stored codes: "full_time", "online".
std::string_view StudyFormName(StudyForm form);
/// The form of a stored code; nullopt when unknown.
std::optional<StudyForm> ParseStudyForm(std::string_view code);
/// Stored codes: "state_grant", "paid".
std::string_view FundingName(Funding funding);
/// The funding of a stored code; nullopt when unknown.
std::optional<Funding> ParseFunding(std::string_view code);
/// Stored codes: "active", "academic_leave", "expelled", "graduated".
std::string_view StudentStatusName(StudentStatus status);
/// The status of a stored code; nullopt when unknown.
std::optional<StudentStatus> ParseStudentStatus(std::string_view code);
/// Stored codes: "assistant", "senior_lecturer", "associate_professor", "professor", "head_of_department".
std::string_view PositionName(Position position);
/// The position of a stored code; nullopt when unknown.
std::optional<Position> ParsePosition(std::string_view code);
/// Stored codes: "none", "master", "candidate", "doctor", "phd".
std::string_view DegreeName(Degree degree);
/// The degree of a stored code; nullopt when unknown.
std::optional<Degree> ParseDegree(std::string_view code);

/// The values of a code list, for select boxes and the OpenAPI enums.
std::vector<std::string_view> StudyFormCodes();
/// See StudyFormCodes.
std::vector<std::string_view> FundingCodes();
/// See StudyFormCodes.
std::vector<std::string_view> StudentStatusCodes();
/// See StudyFormCodes.
std::vector<std::string_view> PositionCodes();
/// See StudyFormCodes.
std::vector<std::string_view> DegreeCodes();

/// One refused field of a form, JSON body or CSV row.
struct FieldError {
    std::string field;                                      ///< Field / JSON member / column key ("iin").
    std::string message_key;                                ///< Strings key ("people.iin_checksum").
    std::vector<std::pair<std::string, std::string>> args;  ///< ICU arguments ("max" → "4").
    /// Field-wise equality (tests).
    friend bool operator==(const FieldError&, const FieldError&) = default;
};

/// The refused fields of one input; empty when acceptable.
using FieldErrors = std::vector<FieldError>;

/// kInvalidInput "people.form_invalid" carrying `errors` (decode with FieldErrorsOf); the
/// requirement of the first rule-based error is kept (R-O2).
core::Error InvalidFields(const FieldErrors& errors, std::string requirement = {});

/// The field errors carried by an Error of InvalidFields; for any other error, one entry with
/// an empty field and the error's own key and args.
FieldErrors FieldErrorsOf(const core::Error& error);

/// A person's name as in the identity document, plus an optional Latin spelling (passport).
struct FullName {
    std::string surname;     ///< Тегі / Фамилия.
    std::string given_name;  ///< Аты / Имя.
    std::string patronymic;  ///< Әкесінің аты / Отчество; optional.
    std::string latin;       ///< "NURLANOVA ALIYA"; optional.
    /// Field-wise equality.
    friend bool operator==(const FullName&, const FullName&) = default;
};

/// "Surname Given Patronymic" (patronymic left out when empty).
std::string DisplayName(const FullName& name);

/// Checks a name: surname and given name required, each part at most 100 bytes, letters of any
/// script with spaces, hyphens and apostrophes; the Latin spelling only ASCII letters, spaces,
/// hyphens, apostrophes. Appends "people.name_required" / "people.name_invalid" /
/// "people.latin_invalid" on fields surname, given_name, patronymic, latin_name.
void CheckFullName(const FullName& name, FieldErrors& errors);

/// Checks a group code ("ИС-21-1", "IS-21-1"): 1..32 bytes of letters, digits, '-', '_', '/',
/// '.'; "people.group_code_invalid" on field "code".
void CheckGroupCode(std::string_view code, FieldErrors& errors);

/// Checks a student number (зачётная книжка): 1..32 bytes of ASCII letters, digits, '-', '/';
/// "people.student_number_invalid" on field "student_number".
void CheckStudentNumber(std::string_view number, FieldErrors& errors);

/// The highest course year of a programme: the credits divided by 60 per year, rounded up
/// (240 → 4, 300 → 5, 360 → 6), or the level's usual length when credits are unknown; capped
/// at 6 (bachelor), 2 (master), 3 (doctorate), 4 (residency).
int MaxCourseYear(ProgrammeLevel level, int credits);

/// "people.course_year_range" {max} on field "course_year" unless 1 <= year <= MaxCourseYear.
void CheckCourseYear(int year, ProgrammeLevel level, int credits, FieldErrors& errors);

/// Parses a yes/no cell: "1", "yes", "true", "да", "иә", "y" (any case) → true; "", "0",
/// "no", "false", "нет", "жоқ" → false; nullopt for anything else.
std::optional<bool> ParseYesNo(std::string_view text);

/// Parses a whole decimal number in [min, max]; nullopt for anything else.
std::optional<int> ParseIntIn(std::string_view text, int min, int max);

/// Checks a language of instruction code ("kk", "ru", "en"); "people.language_invalid" on "language".
void CheckLanguage(std::string_view code, FieldErrors& errors);

}  // namespace oqu::people
