#pragma once

#include <nlohmann/json_fwd.hpp>

#include "academics/api.hpp"

// JSON shapes of the module's objects (the API of openapi.json and the audit details).
namespace oqu::academics {

/// {"kk": ..., "ru": ..., "en": ...}.
nlohmann::json ToJson(const Names& names);
/// A faculty as in openapi.json #/components/schemas/AcademicsFaculty.
nlohmann::json ToJson(const Faculty& faculty);
/// A department (AcademicsDepartment).
nlohmann::json ToJson(const Department& department);
/// A classifier row (AcademicsDirection), with needs_confirmation.
nlohmann::json ToJson(const Direction& direction);
/// A programme (AcademicsProgramme), with its inherited regime and scope ids.
nlohmann::json ToJson(const Programme& programme);
/// A discipline (AcademicsDiscipline) with hours by class kind and their total.
nlohmann::json ToJson(const Discipline& discipline);
/// A curriculum (AcademicsCurriculum) with disciplines, credits per semester and the total.
nlohmann::json ToJson(const Curriculum& curriculum);
/// A period (AcademicsPeriod).
nlohmann::json ToJson(const Period& period);
/// A break (AcademicsHoliday).
nlohmann::json ToJson(const Holiday& holiday);
/// An academic year (AcademicsYear) with periods and holidays.
nlohmann::json ToJson(const AcademicYear& year);

/// A day of the national calendar (AcademicsPublicDay): date, kind, names, source, confirmed.
nlohmann::json ToJson(const PublicDay& day);

/// The text of a JSON member as a form would carry it: strings as is, numbers in decimal,
/// absent or null as "". Other types give "\x01" so that validation refuses them.
std::string MemberText(const nlohmann::json& body, const char* name);

/// Drafts from JSON bodies (members named like the form fields; names as name_kk... or
/// "names": {"kk", "ru", "en"}).
FacultyDraft FacultyDraftFromJson(const nlohmann::json& body);
DepartmentDraft DepartmentDraftFromJson(const nlohmann::json& body);           ///< See FacultyDraftFromJson.
ProgrammeDraft ProgrammeDraftFromJson(const nlohmann::json& body);             ///< See FacultyDraftFromJson.
DisciplineDraft DisciplineDraftFromJson(const nlohmann::json& body);           ///< See FacultyDraftFromJson.
CurriculumDraft CurriculumDraftFromJson(const nlohmann::json& body);           ///< See FacultyDraftFromJson.
YearDraft YearDraftFromJson(const nlohmann::json& body);                       ///< See FacultyDraftFromJson.
PeriodDraft PeriodDraftFromJson(const nlohmann::json& body);                   ///< See FacultyDraftFromJson.
HolidayDraft HolidayDraftFromJson(const nlohmann::json& body);                 ///< See FacultyDraftFromJson.
DirectionSettingsDraft DirectionSettingsFromJson(const nlohmann::json& body);  ///< See FacultyDraftFromJson.
/// A calendar day of `date` (from the path) with the body's kind, names and source.
PublicDayDraft PublicDayDraftFromJson(const nlohmann::json& body, std::string date);

}  // namespace oqu::academics
