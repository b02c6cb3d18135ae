#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "dl/api.hpp"

namespace oqu::platform::db {
class Session;
}

namespace oqu::dl {

/// The scopes a list query is limited to.
struct ScopeFilter {
    bool all = false;                      ///< The caller holds the capability institution-wide.
    std::vector<std::int64_t> faculties;   ///< Faculty scopes of the caller's grants.
    std::vector<std::int64_t> programmes;  ///< Programme scopes of the caller's grants.
    std::optional<std::int64_t> user_id;   ///< Only the applications of this account (a student).
};

/// The only code that reads and writes the dl_ tables (sql_store.cpp).
class Store {
public:
    explicit Store(platform::db::Session& session) : session_(session) {}

    std::vector<ListOrder> Orders();
    std::optional<ListOrder> FindOrder(std::int64_t id);
    std::int64_t InsertOrder(const std::string& number, core::Day date, const std::string& scan_sha,
                             const std::string& scan_name, std::int64_t by, core::Instant now);
    std::vector<ListedDiscipline> Listed(std::optional<std::int64_t> order_id);
    /// True when the discipline is on some order's list.
    bool IsListed(std::int64_t discipline_id);
    /// The first undecided (submitted or reviewed) application of the student whose period
    /// overlaps [start, end]: {id, period_start, period_end}; nullopt when none.
    std::optional<std::tuple<std::int64_t, core::Day, core::Day>> PendingOverlap(std::int64_t student_id,
                                                                                 core::Day start,
                                                                                 core::Day end);
    /// kConflict "dl.already_listed" when it is on the order already.
    core::Status InsertListed(const ListedDiscipline& listed, core::Instant now);
    /// False when it was not on the order.
    bool DeleteListed(std::int64_t order_id, std::int64_t discipline_id);

    /// The application without its plan (disciplines included), state not computed.
    std::optional<Application> FindApplication(std::int64_t id);
    std::vector<Application> ListApplications(const ScopeFilter& scope, const ApplicationQuery& query);
    std::int64_t InsertApplication(const Application& application, core::Instant now);
    /// Writes stage, review and decision columns.
    void UpdateApplication(const Application& application, core::Instant now);
    /// Distinct disciplines of the student's approved applications (any period).
    std::vector<std::int64_t> GrantedDisciplines(std::int64_t student_id);
    /// The plan and schedule rows of an application.
    std::vector<PlanRow> PlanRows(std::int64_t application_id);
    std::int64_t InsertPlanRow(std::int64_t application_id, const PlanRowSpec& row);
    bool DeletePlanRow(std::int64_t application_id, std::int64_t row_id);
    std::vector<EmergencyOrder> Emergencies();
    std::int64_t InsertEmergency(const EmergencySpec& spec, std::int64_t by, core::Instant now);
    std::vector<Postponement> Postponements(std::int64_t emergency_id);
    /// kConflict "dl.already_postponed" when the discipline's classes of that kind are moved already.
    core::Result<std::int64_t> InsertPostponement(std::int64_t emergency_id, const Postponement& p);
    /// Approved applications in `scope`, with their disciplines: one aggregating query.
    std::vector<DlGrantSummary> Grants(const ScopeFilter& scope);

private:
    platform::db::Session& session_;
};

}  // namespace oqu::dl
