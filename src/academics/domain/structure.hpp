#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "academics/domain/classifier.hpp"
#include "academics/domain/fields.hpp"
#include "academics/domain/ids.hpp"
#include "core/result.hpp"

namespace oqu::academics {

/// A name in the three languages of the portal.
struct Names {
    std::string kk;  ///< Kazakh (the state language).
    std::string ru;  ///< Russian.
    std::string en;  ///< English.
    /// Field-wise equality.
    friend bool operator==(const Names&, const Names&) = default;
};

/// Longest accepted name, in bytes of UTF-8 (about 250 Cyrillic letters).
inline constexpr std::size_t kMaxNameBytes = 500;
/// Longest accepted code of a faculty, department or discipline, in bytes.
inline constexpr std::size_t kMaxCodeBytes = 32;

/// Adds an error per missing, padded or over-long name to `errors` (fields name_kk, name_ru,
/// name_en); the names are trimmed first.
void CheckNames(Names& names, FieldErrors& errors);

/// A short code of a faculty, department or discipline: 1–32 bytes, trimmed, no control
/// characters, inner single spaces allowed ("ФИТ", "IT-2", "Fil 1101"). Adds to `errors` under `field`.
void CheckShortCode(std::string& code, std::string_view field, FieldErrors& errors);

/// A whole number in [min, max] from form text; adds "academics.number_invalid" or
/// "academics.number_range" (args min, max) to `errors` and returns nullopt otherwise.
std::optional<int> ReadInt(std::string_view text, std::string_view field, int min, int max,
                           FieldErrors& errors);

/// A database id from form text ("12"); nullopt (and "academics.choose_one" on `field`) when not positive.
std::optional<std::int64_t> ReadId(std::string_view text, std::string_view field, FieldErrors& errors);

/// A faculty as typed in a form or JSON body.
struct FacultyDraft {
    std::string code;  ///< "FIT"
    Names names;
};

/// A faculty draft that passed CheckFaculty (trimmed).
struct FacultySpec {
    std::string code;
    Names names;
};

/// Checks a faculty draft: kInvalidInput with field errors, else the trimmed spec.
core::Result<FacultySpec> CheckFaculty(FacultyDraft draft);

/// A department (кафедра) as typed; belongs to one faculty.
struct DepartmentDraft {
    std::string faculty_id;  ///< Id of the faculty, as text.
    std::string code;
    Names names;
};

/// A department draft that passed CheckDepartment.
struct DepartmentSpec {
    FacultyId faculty_id;
    std::string code;
    Names names;
};

/// Checks a department draft: kInvalidInput with field errors, else the spec.
core::Result<DepartmentSpec> CheckDepartment(DepartmentDraft draft);

/// Whether a programme admits students.
enum class ProgrammeStatus : std::uint8_t { kActive, kClosed };
/// "active", "closed".
std::string_view ProgrammeStatusName(ProgrammeStatus status);
/// The status of a stored name; nullopt when unknown.
std::optional<ProgrammeStatus> ParseProgrammeStatus(std::string_view name);

/// The languages of study offered on the portal ("kk", "ru", "en").
inline constexpr std::string_view kStudyLanguages[] = {"kk", "ru", "en"};

/// The accepted total credits (ECTS) of a programme of a level: bachelor 240–360 (240 is the
/// usual four years; five- and six-year programmes reach 300–360), master 60–120 (profile 60–90,
/// scientific-pedagogical 120), doctorate 180–240 (the standard's 180, with room for longer
/// programmes). Residency is not a programme level of this module.
struct CreditRange {
    int min = 0;  ///< Smallest accepted total.
    int max = 0;  ///< Largest accepted total.
};
/// The credit range of `level`; {0, 0} for residency.
CreditRange ProgrammeCredits(Level level);

/// The largest semester number of a curriculum of `level` (bachelor 12, master 4, doctorate 6).
int MaxSemester(Level level);

/// An educational programme as typed.
struct ProgrammeDraft {
    std::string code;  ///< "6B06101": level digit, level letter, five digits.
    Names names;
    std::string level;                   ///< "bachelor", "master", "doctorate".
    std::string credits;                 ///< Total ECTS credits, as text.
    std::string direction_code;          ///< Group of the classifier ("B057").
    std::string faculty_id;              ///< As text.
    std::string department_id;           ///< As text; empty for none.
    std::vector<std::string> languages;  ///< "kk", "ru", "en"; at least one.
    std::string status = "active";       ///< "active" or "closed".
};

/// A programme draft that passed CheckProgramme.
struct ProgrammeSpec {
    std::string code;
    Names names;
    Level level = Level::kBachelor;
    int credits = 0;
    std::string direction_code;
    FacultyId faculty_id;
    std::optional<DepartmentId> department_id;
    std::vector<std::string> languages;  ///< In kStudyLanguages order, no repeats.
    ProgrammeStatus status = ProgrammeStatus::kActive;
};

/// Checks a programme draft on its own (code pattern and its agreement with the level, credit
/// range of the level, group code letter of the level, languages): kInvalidInput with field
/// errors, else the spec. Whether the group and faculty exist is the use case's question.
core::Result<ProgrammeSpec> CheckProgramme(ProgrammeDraft draft);

/// R-D7: a programme is classified by a group row of its own level (a bachelor programme by a
/// B group). Adds "academics.direction_not_group" / "academics.direction_level" on direction_code.
void CheckProgrammeGroup(Level programme_level, RowType row_type, Level row_level, FieldErrors& errors);

}  // namespace oqu::academics
