#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "core/verdict.hpp"
#include "distance/api.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform {
class ModuleRegistry;
namespace db {
class Database;
}
}  // namespace oqu::platform

/// The online form of study (Order 137 chapter 3): the student's contract and consents (R-O7),
/// MOOC records (R-O14, R-D17), the teachers' qualification register (R-O16) and transfers
/// between the full-time and online forms (R-O25). Other modules use only this header.
///
/// Every function takes the acting principal first. A student acts on his own records only
/// (another student's id is kNotFound); staff act within the scope of their grant on the
/// student's {institution, faculty, programme} or the teacher's {institution, faculty}: outside
/// it the record is kNotFound. Each change is one transaction with an audit record and a
/// footprint event. Bad input is kInvalidInput with a "online.*" key and the field in `detail`.
namespace oqu::online {

/// Where and when a change happens (as people::Change).
struct Change {
    platform::db::Database& db;  ///< The database the change is made in.
    core::Instant now{};         ///< The time of the change.
    std::string address;         ///< Client IP for the audit record.
};

// --- R-O7 contract and consents --------------------------------------------------------------

/// The three documents of the online student's contract (R-O7).
enum class DocumentKind : std::uint8_t { kTechnicalRequirements, kPersonalData, kUserAgreement };
/// "technical_requirements", "personal_data", "user_agreement".
std::string_view DocumentKindName(DocumentKind kind);
/// The kind of a stored code; nullopt when unknown.
std::optional<DocumentKind> ParseDocumentKind(std::string_view code);
/// Every kind, in display order.
inline constexpr DocumentKind kDocumentKinds[] = {DocumentKind::kTechnicalRequirements,
                                                  DocumentKind::kPersonalData, DocumentKind::kUserAgreement};

/// One published version of a document.
struct Document {
    std::int64_t id = 0;
    DocumentKind kind = DocumentKind::kTechnicalRequirements;
    int version = 0;  ///< 1, 2, ... per kind.
    std::string text_kk, text_ru, text_en;
    core::Instant published_at{};
};

/// The texts of a new version as typed (each 1..100,000 bytes).
struct DocumentDraft {
    std::string kind;  ///< DocumentKindName.
    std::string text_kk, text_ru, text_en;
};

/// Publishes the next version of a document (online:publish_documents); the students must
/// accept it again. kInvalidInput "online.text_required" / "online.kind_invalid".
core::Result<Document> PublishDocument(const platform::auth::Principal& actor, const Change& change,
                                       const DocumentDraft& draft);
/// The current (latest) version of each kind that has been published, in kind order.
std::vector<Document> CurrentDocuments(platform::db::Database& db);

/// One acceptance of a document version by a student (history row).
struct Acceptance {
    DocumentKind kind = DocumentKind::kTechnicalRequirements;
    int version = 0;
    core::Instant accepted_at{};
    std::optional<core::Instant> withdrawn_at;  ///< Personal-data consent withdrawn.
};

/// A student's consent state: which current versions he has accepted (and not withdrawn).
struct ConsentState {
    std::int64_t student_id = 0;
    bool online = false;              ///< The student studies in the online form.
    bool complete = false;            ///< Every published current version accepted and not withdrawn.
    std::vector<Document> current;    ///< Current versions (texts included).
    std::vector<bool> accepted;       ///< Parallel to `current`.
    std::vector<Acceptance> history;  ///< Newest first.
};

/// The consent state of a student: his own (student principal) or, for staff, with
/// online:view_records on his scope; kNotFound otherwise.
core::Result<ConsentState> ConsentStateOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                          std::int64_t student_id);
/// The student record linked to the actor's account; kNotFound "online.not_a_student" when none.
core::Result<std::int64_t> OwnStudentId(const platform::auth::Principal& actor, platform::db::Database& db);
/// The student accepts the listed current document versions (his own record only);
/// kConflict "online.version_outdated" when an id is not a current version.
core::Status AcceptDocuments(const platform::auth::Principal& actor, const Change& change,
                             const std::vector<std::int64_t>& document_ids);
/// The student withdraws his consent to personal-data processing (R-O7); recorded with its time.
/// kConflict "online.nothing_to_withdraw" when none is in force.
core::Status WithdrawPersonalDataConsent(const platform::auth::Principal& actor, const Change& change);
/// Whether the student has accepted every current published version and not withdrawn any.
bool HasAcceptedConsents(platform::db::Database& db, std::int64_t student_id);
/// For other modules' online-form pages: OK unless the actor is an online student without the
/// current consents, then kForbidden "online.consents_required" (R-O7).
core::Status RequireOnlineConsents(const platform::auth::Principal& actor, platform::db::Database& db);

// --- R-O14 / R-D17 MOOC records ---------------------------------------------------------------

/// Where the MOOC was taken.
enum class MoocPlatform : std::uint8_t { kCoursera, kEdx, kFutureLearn, kUdacity, kOwn, kOther };
/// "coursera", "edx", "futurelearn", "udacity", "own", "other".
std::string_view MoocPlatformName(MoocPlatform platform);
/// The platform of a stored code; nullopt when unknown.
std::optional<MoocPlatform> ParseMoocPlatform(std::string_view code);

/// A MOOC as typed.
struct MoocDraft {
    std::string platform, title, url;
    std::string credits;             ///< "1".."60".
    std::string completed_on;        ///< "2026-05-30", not after today.
    std::string certificate_sha256;  ///< Of an upload kept in the file store; may be empty.
};

/// A MOOC record.
struct Mooc {
    std::int64_t id = 0;
    std::int64_t student_id = 0;
    MoocPlatform platform = MoocPlatform::kOther;
    std::string title, url;
    int credits = 0;
    std::string completed_on;
    std::string certificate_sha256;
    std::string status;  ///< "submitted", "approved", "rejected".
    core::Instant submitted_at{};
};

/// Records a MOOC for a student: the student himself or the dean's office (online:decide on his
/// scope). kInvalidInput "online.mooc_*" with the field in `detail`.
core::Result<std::int64_t> SubmitMooc(const platform::auth::Principal& actor, const Change& change,
                                      std::int64_t student_id, const MoocDraft& draft);
/// The dean's office approves or rejects a submitted MOOC (online:decide); `decision` is
/// "approve" or "reject" (else kInvalidInput "online.decision_invalid", checked after access);
/// kConflict "online.already_decided" when it is not submitted.
core::Status DecideMooc(const platform::auth::Principal& actor, const Change& change, std::int64_t mooc_id,
                        std::string_view decision);
/// The MOOCs of a student, newest first (visibility as ConsentStateOf).
core::Result<std::vector<Mooc>> ListMoocs(const platform::auth::Principal& actor, platform::db::Database& db,
                                          std::int64_t student_id);

/// A student's approved MOOC credits against his programme: R-O14 (online students, ≥10 %) and
/// R-D17 (≤20 %).
struct MoocShares {
    int approved_credits = 0;
    int programme_credits = 0;
    bool online = false;
    core::Verdict mooc;       ///< CheckMoocCredits (not applicable for a full-time student).
    core::Verdict nonformal;  ///< CheckNonFormalCredits.
};
/// The shares of a student (visibility as ConsentStateOf).
core::Result<MoocShares> MoocSharesOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                      std::int64_t student_id);

// --- R-O16 teacher qualification register -------------------------------------------------------

/// A professional-development course as typed.
struct QualificationDraft {
    std::string title, provider;
    std::string hours;     ///< "1".."2000".
    std::string start_on;  ///< ISO day.
    std::string end_on;    ///< ISO day, not before start_on, not after today.
    std::string certificate_sha256;
};

/// A course of the register.
struct QualificationCourse {
    std::int64_t id = 0;
    std::int64_t teacher_id = 0;
    std::string title, provider;
    int hours = 0;
    std::string start_on, end_on;
    std::string certificate_sha256;
};

/// Records a course for a teacher: the teacher himself, or the dean's office / it_admin
/// (online:edit_qualifications on the teacher's faculty).
core::Result<std::int64_t> RecordQualification(const platform::auth::Principal& actor, const Change& change,
                                               std::int64_t teacher_id, const QualificationDraft& draft);
/// The teacher linked to the actor's account; kNotFound "online.not_a_teacher" when none.
core::Result<std::int64_t> OwnTeacherId(const platform::auth::Principal& actor, platform::db::Database& db);

/// A teacher's register and R-O16 standing on a day.
struct QualificationStanding {
    std::int64_t teacher_id = 0;
    std::vector<QualificationCourse> courses;  ///< Newest first.
    core::Verdict verdict;                     ///< distance::CheckTeacherQualification.
    int hours_in_window = 0;
    std::string window_start;  ///< ISO day.
    std::string valid_until;   ///< Last day he still qualifies with the courses held; empty if not.
};
/// The register of a teacher (himself, or online:view_records on his faculty).
core::Result<QualificationStanding> QualificationOf(const platform::auth::Principal& actor,
                                                    platform::db::Database& db, std::int64_t teacher_id,
                                                    core::Instant now);
/// R-O16 gate for the courses module: OK when the teacher has ≥72 h in the 3 years up to `now`,
/// else kRuleViolation "distance.ro16_short". kNotFound when the actor may not see him.
core::Status CheckCanTeachOnline(const platform::auth::Principal& actor, platform::db::Database& db,
                                 std::int64_t teacher_id, core::Instant now);

// --- R-O25 transfer between forms ----------------------------------------------------------------

/// A transfer request.
struct Transfer {
    std::int64_t id = 0;
    std::int64_t student_id = 0;
    std::string from_form, to_form;  ///< "full_time" / "online".
    std::string effective_on;        ///< ISO day.
    bool paid = false;
    std::string status;  ///< "requested", "approved", "refused".
    core::Instant requested_at{};
};
/// The student (for himself) or the dean's office requests a transfer to the other form taking
/// effect on `effective_on`. kConflict "online.transfer_pending" when one is open.
core::Result<std::int64_t> RequestTransfer(const platform::auth::Principal& actor, const Change& change,
                                           std::int64_t student_id, std::string_view effective_on);
/// The dean's office records whether the transfer has been paid (online:decide); `paid` is "yes"
/// or "no" (else kInvalidInput "online.decision_invalid", checked after access).
core::Status MarkTransferPaid(const platform::auth::Principal& actor, const Change& change,
                              std::int64_t transfer_id, std::string_view paid);
/// The dean's office decides: approval checks distance::CheckFormTransfer against the academic
/// calendar's breaks (holidays and gaps between periods) and the payment mark, then changes the
/// student's form through people (R-O2 applies when going online). Refusal just closes it.
/// `decision` is "approve" or "refuse" (else kInvalidInput "online.decision_invalid").
core::Status DecideTransfer(const platform::auth::Principal& actor, const Change& change,
                            std::int64_t transfer_id, std::string_view decision);
/// The transfers of a student, newest first (visibility as ConsentStateOf).
core::Result<std::vector<Transfer>> ListTransfers(const platform::auth::Principal& actor,
                                                  platform::db::Database& db, std::int64_t student_id);

// --- R-O3 individual study plan and schedule ----------------------------------------------------

/// One discipline of the student's curriculum in his individual plan (R-O3).
struct PlanEntry {
    std::int64_t discipline_id = 0;
    std::string code;
    std::string name_kk, name_ru, name_en;
    int semester = 0;                     ///< The academic period of the curriculum.
    int credits = 0;                      ///< As in the curriculum (R-D13: the plan keeps them).
    int total_hours = 0;                  ///< As in the curriculum.
    bool set = false;                     ///< The plan says how it is taken.
    std::string mode;                     ///< "online" or "mooc" when set.
    int synchronous_hours = 0;            ///< Online: hours of synchronous classes (R-O6).
    std::optional<std::int64_t> mooc_id;  ///< MOOC: the approved MOOC record it is mastered through.
    std::string mooc_title;               ///< Its title.
    core::Verdict synchronous;            ///< distance::CheckSynchronousShare of the entry.
};

/// A row of the individual schedule (weekly, Asia/Almaty time).
struct ScheduleRow {
    std::int64_t id = 0;
    std::int64_t discipline_id = 0;
    std::string code;        ///< The discipline's code.
    int weekday = 1;         ///< 1 (Monday) .. 7.
    std::string start_time;  ///< "HH:MM".
    std::string end_time;    ///< "HH:MM", after start_time.
    std::string format;      ///< "synchronous" or "asynchronous".
};

/// A student's individual study plan and schedule (R-O3).
struct StudyPlan {
    std::int64_t student_id = 0;
    bool online = false;                ///< The student studies in the online form.
    bool has_curriculum = true;         ///< False when his programme has no curriculum (nothing to plan).
    std::int64_t curriculum_id = 0;     ///< The curriculum it follows.
    int admission_year = 0;             ///< Of that curriculum.
    std::vector<PlanEntry> entries;     ///< Semester, then code order.
    std::vector<ScheduleRow> schedule;  ///< Weekday, then time order.
    std::vector<Mooc> approved_moocs;   ///< The student's approved MOOCs (the choices of a MOOC entry).
    bool saved = false;                 ///< A plan has been saved.
    bool complete = false;              ///< Every discipline of the curriculum is set.
    bool approved = false;              ///< Approved and unchanged since.
    std::optional<core::Instant> approved_at;
    std::string approver;  ///< Login of the dean's office member.
};

/// The plan of a student (visibility as ConsentStateOf) over the curriculum he studies by (the
/// saved plan's; else his group's intake, or the one his course implies at `now`); without a
/// curriculum, has_curriculum is false and the plan lists nothing.
core::Result<StudyPlan> StudyPlanOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                    std::int64_t student_id, core::Instant now);

/// How one discipline is taken, as typed.
struct PlanEntryDraft {
    std::string discipline_id;
    std::string mode;               ///< "online" or "mooc".
    std::string synchronous_hours;  ///< Online: 0..total hours; at least 20 % of them (R-O6).
    std::string mooc_id;            ///< MOOC: an approved MOOC record of the student.
};

/// The dean's office (online:decide) saves the plan of an online student: the entries replace
/// the stored ones, each a discipline of his curriculum. kInvalidInput "online.plan_*" with the
/// field in `detail`; kRuleViolation "distance.ro6_*" (R-O6) when an online entry's synchronous
/// hours are under 20 %; kConflict "online.not_online_student". Clears an approval. All or nothing.
core::Status SavePlan(const platform::auth::Principal& actor, const Change& change, std::int64_t student_id,
                      const std::vector<PlanEntryDraft>& entries);

/// A schedule row as typed.
struct ScheduleDraft {
    std::string discipline_id;         ///< A discipline of the plan.
    std::string weekday;               ///< "1".."7".
    std::string start_time, end_time;  ///< "HH:MM".
    std::string format;                ///< "synchronous", "asynchronous".
};

/// Adds a row to the schedule of a saved plan (online:decide); kInvalidInput "online.schedule_*";
/// kConflict "online.plan_not_saved". Clears an approval. Returns its id.
core::Result<std::int64_t> AddScheduleRow(const platform::auth::Principal& actor, const Change& change,
                                          std::int64_t student_id, const ScheduleDraft& draft);
/// Removes a row of the schedule (online:decide); kNotFound when it is not the student's. Clears
/// an approval.
core::Status RemoveScheduleRow(const platform::auth::Principal& actor, const Change& change,
                               std::int64_t student_id, std::int64_t row_id);

/// The dean's office approves the plan and schedule (online:decide, audited): kConflict
/// "online.plan_incomplete" while a discipline of the curriculum is not set,
/// "online.schedule_missing" without a schedule row, "online.plan_already_approved" when approved already.
core::Status ApprovePlan(const platform::auth::Principal& actor, const Change& change,
                         std::int64_t student_id);

/// One online student in the staff list, with his R-O7 and R-O3 standing.
struct OnlineStudentRow {
    std::int64_t student_id = 0;
    std::string name;  ///< Surname, given name, patronymic.
    std::string student_number;
    std::int64_t programme_id = 0;
    std::string programme_code;
    std::string group_code;
    int course_year = 0;
    bool consented = false;  ///< HasAcceptedConsents.
    std::string plan;        ///< "none", "draft" or "approved".
};

/// Filters of the list.
struct OnlineStudentQuery {
    std::optional<std::int64_t> programme_id;
    std::optional<std::int64_t> group_id;
    int offset = 0;
    int limit = 50;  ///< 1..200.
};

/// A page of online students the actor may see (online:view_records in some scope, else
/// kForbidden), surname order, with the total number of matches.
struct OnlineStudentPage {
    std::vector<OnlineStudentRow> items;
    std::int64_t total = 0;
};
core::Result<OnlineStudentPage> ListOnlineStudents(const platform::auth::Principal& actor,
                                                   platform::db::Database& db,
                                                   const OnlineStudentQuery& query);

// --- Read API of the compliance report (one query each, no per-student loop) --------------------

/// Approved MOOC credits of one student.
struct StudentCredits {
    std::int64_t student_id = 0;
    int credits = 0;
};
/// Approved MOOC credits per student (students with none are absent).
std::vector<StudentCredits> ReportMoocCredits(platform::db::Database& db);
/// Students (any form) whose acceptances cover every current version, not withdrawn.
std::vector<std::int64_t> ReportConsentedStudents(platform::db::Database& db);
/// R-O3: students whose individual plan and schedule are approved and unchanged since.
std::vector<std::int64_t> ReportApprovedPlans(platform::db::Database& db);
/// Counted qualification hours of one teacher.
struct TeacherHours {
    std::int64_t teacher_id = 0;
    int hours = 0;
};
/// Hours per teacher of the courses that ended in the R-O16 window up to `today`.
std::vector<TeacherHours> ReportQualificationHours(platform::db::Database& db, core::Day today);
/// Every transfer request with its dates, payment mark and status.
std::vector<Transfer> ReportTransfers(platform::db::Database& db);
/// The breaks of the academic calendar a transfer may take effect in (R-O25): its holidays and
/// the gaps between consecutive periods; the calendar is public.
std::vector<distance::DayRange> ReportBreaks(platform::db::Database& db);

/// Registers the module: schema, templates, strings, OpenAPI fragment, routes and navigation.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::online
