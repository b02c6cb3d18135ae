#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "dl/api.hpp"
#include "dl/permissions.hpp"
#include "dl/store.hpp"
#include "dl/support.hpp"
#include "platform/db/database.hpp"

namespace oqu::dl {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

core::Error Invalid(const char* key) {
    return core::MakeError(core::ErrorCode::kInvalidInput, key, key);
}

}  // namespace

core::Result<std::vector<EmergencyOrder>> ListEmergencies(const auth::Principal& actor,
                                                          db::Database& database) {
    if (auto ok = detail::RequireSomewhere(actor, kViewList); !ok) {
        return ok.error();
    }
    return database.Read([&](db::Session& s) { return Store(s).Emergencies(); });
}

core::Result<EmergencyOrder> FindEmergency(const auth::Principal& actor, db::Database& database,
                                           std::int64_t id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewList); !ok) {
        return detail::NotFound("no dl:view_list");
    }
    for (auto& e : database.Read([&](db::Session& s) { return Store(s).Emergencies(); })) {
        if (e.id == id) {
            return e;
        }
    }
    return detail::NotFound("no emergency order " + std::to_string(id));
}

core::Result<std::vector<Postponement>> ListPostponements(const auth::Principal& actor,
                                                          db::Database& database, std::int64_t emergency_id) {
    if (auto found = FindEmergency(actor, database, emergency_id); !found) {
        return found.error();
    }
    return database.Read([&](db::Session& s) { return Store(s).Postponements(emergency_id); });
}

std::optional<EmergencyOrder> EmergencyInForce(db::Database& database, core::Day day) {
    // Newest first: the latest order in force speaks for the day.
    for (auto& e : database.Read([&](db::Session& s) { return Store(s).Emergencies(); })) {
        if (e.start <= day && day <= e.end) {
            return e;
        }
    }
    return std::nullopt;
}

core::Result<std::int64_t> RecordEmergency(const auth::Principal& actor, const Change& change,
                                           const EmergencyDraft& draft) {
    if (auto ok = auth::Require(actor, kManageEmergency); !ok) {
        return ok.error();
    }
    auto spec = CheckEmergency(draft);
    if (!spec) {
        return spec.error();
    }
    return change.db.Transact([&](db::Session& s) -> core::Result<std::int64_t> {
        const std::int64_t id = Store(s).InsertEmergency(*spec, actor.user_id, change.now);
        detail::RecordChange(
            s, actor, change, "dl.record_emergency", "dl_emergency", id,
            nlohmann::json{{"number", spec->number},
                           {"date", core::FormatIsoDay(spec->date)},
                           {"period", {core::FormatIsoDay(spec->start), core::FormatIsoDay(spec->end)}}}
                .dump());
        return id;
    });
}

core::Result<std::int64_t> Postpone(const auth::Principal& actor, const Change& change,
                                    std::int64_t emergency_id, std::int64_t discipline_id,
                                    const std::string& class_kind, const std::string& moved_to) {
    if (auto ok = auth::Require(actor, kManageEmergency); !ok) {
        return ok.error();
    }
    if (auto found = FindEmergency(actor, change.db, emergency_id); !found) {
        return found.error();
    }
    // R-D14: only what cannot be done online moves: practice, laboratory and studio classes.
    if (!IsPostponable(class_kind)) {
        return Invalid("dl.kind_not_postponable");
    }
    if (moved_to.empty() || moved_to.size() > 200) {
        return Invalid("dl.moved_to_required");
    }
    auto discipline =
        academics::FindDiscipline(auth::SystemPrincipal(), change.db, academics::DisciplineId{discipline_id});
    if (!discipline) {
        return Invalid("dl.discipline_unknown");
    }
    int hours = 0;
    for (const auto kind : academics::kClassKinds) {
        if (academics::ClassKindName(kind) == class_kind) {
            hours = discipline->hours.by_kind[static_cast<std::size_t>(kind)];
        }
    }
    if (hours <= 0) {
        return Invalid("dl.no_such_classes");
    }
    // R-D13: the hours move whole, as the curriculum plans them.
    const Postponement p{0,
                         discipline_id,
                         discipline->code,
                         discipline->names.kk,
                         discipline->names.ru,
                         discipline->names.en,
                         class_kind,
                         hours,
                         moved_to};
    return change.db.Transact([&](db::Session& s) -> core::Result<std::int64_t> {
        auto id = Store(s).InsertPostponement(emergency_id, p);
        if (!id) {
            return id.error();
        }
        detail::RecordChange(s, actor, change, "dl.postpone", "dl_emergency", emergency_id,
                             nlohmann::json{{"discipline_id", discipline_id},
                                            {"class_kind", class_kind},
                                            {"hours", hours},
                                            {"moved_to", moved_to}}
                                 .dump());
        return *id;
    });
}

}  // namespace oqu::dl
