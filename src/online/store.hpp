#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "online/api.hpp"

namespace oqu::platform::db {
class Session;
}

namespace oqu::online {

/// Where a student's record sits (copied into every row for scope filters).
struct StudentScope {
    std::int64_t student_id = 0;
    std::int64_t faculty_id = 0;
    std::int64_t programme_id = 0;
};

/// A MOOC or transfer with the scope it was written under.
template <typename T>
struct Scoped {
    T value;
    StudentScope scope;
};

/// A stored entry of an individual plan (R-O3).
struct StoredEntry {
    std::int64_t discipline_id = 0;
    std::string mode;  ///< "online", "mooc".
    int synchronous_hours = 0;
    std::optional<std::int64_t> mooc_id;
};

/// A stored individual plan with its schedule.
struct StoredPlan {
    std::int64_t curriculum_id = 0;
    std::optional<core::Instant> approved_at;
    std::string approver;
    std::vector<StoredEntry> entries;
    std::vector<ScheduleRow> schedule;  ///< Weekday, start time order; code left empty.
};

/// The only code that reads and writes the online_ tables (sql_store.cpp).
class Store {
public:
    explicit Store(platform::db::Session& session) : session_(session) {}

    /// The latest version of each kind, kind order.
    std::vector<Document> CurrentDocuments();
    /// The next version number of a kind (1 for the first).
    int NextVersion(DocumentKind kind);
    /// Inserts a version; returns its id.
    std::int64_t InsertDocument(const Document& document, std::int64_t by);

    /// Every acceptance of a student, newest first.
    std::vector<Acceptance> History(std::int64_t student_id);
    /// Ids of the document versions the student has accepted and not withdrawn.
    std::vector<std::int64_t> InForce(std::int64_t student_id);
    /// Records an acceptance.
    void InsertAcceptance(const StudentScope& scope, std::int64_t document_id, core::Instant at);
    /// Withdraws the personal-data acceptances in force; returns how many.
    std::int64_t WithdrawPersonalData(std::int64_t student_id, core::Instant at);

    /// Inserts a MOOC (status submitted); returns its id.
    std::int64_t InsertMooc(const Mooc& mooc, const StudentScope& scope, std::int64_t by, core::Instant at);
    /// A MOOC with its scope.
    std::optional<Scoped<Mooc>> FindMooc(std::int64_t id);
    /// Sets a submitted MOOC's status; false when it was not submitted.
    bool DecideMooc(std::int64_t id, const std::string& status, std::int64_t by, core::Instant at);
    /// A student's MOOCs, newest first.
    std::vector<Mooc> Moocs(std::int64_t student_id);

    /// Inserts a course; returns its id.
    std::int64_t InsertCourse(const QualificationCourse& course, std::int64_t faculty_id, std::int64_t by,
                              core::Instant at);
    /// A teacher's courses, newest end first.
    std::vector<QualificationCourse> Courses(std::int64_t teacher_id);

    /// Inserts a transfer request; returns its id.
    std::int64_t InsertTransfer(const Transfer& transfer, const StudentScope& scope, std::int64_t by,
                                core::Instant at);
    /// A transfer with its scope.
    std::optional<Scoped<Transfer>> FindTransfer(std::int64_t id);
    /// Whether the student has a request still open.
    bool HasOpenTransfer(std::int64_t student_id);
    /// Sets the payment mark.
    void SetPaid(std::int64_t id, bool paid);
    /// Closes a request as approved or refused; false when it was not open.
    bool CloseTransfer(std::int64_t id, const std::string& status, std::int64_t by, core::Instant at);
    /// A student's transfers, newest first.
    std::vector<Transfer> Transfers(std::int64_t student_id);

    /// The plan of a student, or nullopt.
    std::optional<StoredPlan> FindPlan(std::int64_t student_id);
    /// Creates or replaces the plan's entries (clearing its approval).
    void SavePlan(const StudentScope& scope, std::int64_t curriculum_id,
                  const std::vector<StoredEntry>& entries, core::Instant at);
    /// Adds a schedule row to a stored plan (clearing its approval); returns its id.
    std::int64_t InsertScheduleRow(std::int64_t student_id, const ScheduleRow& row, core::Instant at);
    /// Deletes a schedule row of the student (clearing the approval); false when none.
    bool DeleteScheduleRow(std::int64_t student_id, std::int64_t row_id, core::Instant at);
    /// Approves an unapproved plan; false when it is approved already.
    bool ApprovePlan(std::int64_t student_id, std::int64_t by, const std::string& login, core::Instant at);
    /// Students with a stored plan.
    std::vector<std::int64_t> PlannedStudents();
    /// See ReportApprovedPlans.
    std::vector<std::int64_t> ApprovedPlans();

    /// See ReportMoocCredits.
    std::vector<StudentCredits> ApprovedCredits(std::optional<std::int64_t> student_id);
    /// See ReportConsentedStudents.
    std::vector<std::int64_t> ConsentedStudents();
    /// See ReportQualificationHours.
    std::vector<TeacherHours> HoursSince(const std::string& first_day, const std::string& last_day);
    /// See ReportTransfers.
    std::vector<Transfer> AllTransfers();

private:
    platform::db::Session& session_;
};

}  // namespace oqu::online
