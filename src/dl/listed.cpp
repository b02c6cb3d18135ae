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

core::Result<std::vector<ListOrder>> ListOrders(const auth::Principal& actor, db::Database& database) {
    if (auto ok = detail::RequireSomewhere(actor, kViewList); !ok) {
        return ok.error();
    }
    return database.Read([&](db::Session& s) { return Store(s).Orders(); });
}

core::Result<ListOrder> FindOrder(const auth::Principal& actor, db::Database& database, std::int64_t id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewList); !ok) {
        return detail::NotFound("no dl:view_list");
    }
    auto order = database.Read([&](db::Session& s) { return Store(s).FindOrder(id); });
    if (!order) {
        return detail::NotFound("no order " + std::to_string(id));
    }
    return *order;
}

core::Result<std::vector<ListedDiscipline>> ListListed(const auth::Principal& actor, db::Database& database,
                                                       std::optional<std::int64_t> order_id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewList); !ok) {
        return ok.error();
    }
    return database.Read([&](db::Session& s) { return Store(s).Listed(order_id); });
}

core::Result<std::int64_t> RecordListOrder(const auth::Principal& actor, const Change& change,
                                           const OrderDraft& draft, const std::string& scan_sha,
                                           const std::string& scan_name) {
    // R-D5: the list is the institution's, approved by its head: institution scope only.
    if (auto ok = auth::Require(actor, kManageList); !ok) {
        return ok.error();
    }
    if (auto ok = CheckOrder(draft); !ok) {
        return ok.error();
    }
    const auto date = core::ParseIsoDay(draft.date.substr(draft.date.find_first_not_of(' ')));
    const std::string number = draft.number.substr(draft.number.find_first_not_of(' '));
    return change.db.Transact([&](db::Session& s) -> core::Result<std::int64_t> {
        const std::int64_t id = Store(s).InsertOrder(number, date.value_or(core::Day{}), scan_sha, scan_name,
                                                     actor.user_id, change.now);
        detail::RecordChange(
            s, actor, change, "dl.record_list_order", "dl_order", id,
            nlohmann::json{{"number", number}, {"date", draft.date}, {"scan", scan_sha}}.dump());
        return id;
    });
}

core::Status AddListed(const auth::Principal& actor, const Change& change, std::int64_t order_id,
                       std::int64_t discipline_id) {
    if (auto ok = auth::Require(actor, kManageList); !ok) {
        return ok.error();
    }
    const auto system = auth::SystemPrincipal();
    auto discipline = academics::FindDiscipline(system, change.db, academics::DisciplineId{discipline_id});
    if (!discipline) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "dl.discipline_unknown", "no discipline");
    }
    auto curriculum = academics::FindCurriculum(system, change.db, discipline->curriculum_id);
    if (!curriculum) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "dl.discipline_unknown", "no curriculum");
    }
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        if (!store.FindOrder(order_id)) {
            return detail::NotFound("no order " + std::to_string(order_id));
        }
        const ListedDiscipline listed{order_id,
                                      discipline_id,
                                      curriculum->programme_id.value,
                                      discipline->code,
                                      discipline->names.kk,
                                      discipline->names.ru,
                                      discipline->names.en};
        if (auto ok = store.InsertListed(listed, change.now); !ok) {
            return ok.error();
        }
        detail::RecordChange(
            s, actor, change, "dl.add_listed", "dl_order", order_id,
            nlohmann::json{{"discipline_id", discipline_id}, {"code", discipline->code}}.dump());
        return core::OkStatus();
    });
}

core::Status RemoveListed(const auth::Principal& actor, const Change& change, std::int64_t order_id,
                          std::int64_t discipline_id) {
    if (auto ok = auth::Require(actor, kManageList); !ok) {
        return ok.error();
    }
    return change.db.Transact([&](db::Session& s) -> core::Status {
        if (!Store(s).DeleteListed(order_id, discipline_id)) {
            return detail::NotFound("not listed");
        }
        detail::RecordChange(s, actor, change, "dl.remove_listed", "dl_order", order_id,
                             nlohmann::json{{"discipline_id", discipline_id}}.dump());
        return core::OkStatus();
    });
}

}  // namespace oqu::dl
