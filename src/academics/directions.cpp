// Use cases of the classifier of directions of training: seed, browse, set regime, confirm.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "academics/api.hpp"
#include "academics/permissions.hpp"
#include "academics/store.hpp"
#include "academics/support.hpp"
#include "platform/csv/csv.hpp"

namespace oqu::academics {

namespace auth = platform::auth;
namespace db = platform::db;

bool NeedsConfirmation(const Direction& direction) {
    return NeedsConfirmation(direction.status, direction.justification, direction.confirmed.has_value());
}

std::vector<auth::Scope> ScopePath(const Programme& programme) {
    return detail::ProgrammePath(programme.faculty_id, programme.id);
}

namespace {

core::Error SeedInvalid(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "academics.seed_invalid", std::move(detail));
}

// Checks one seed row with the domain's vocabularies, so a corrupt file cannot put values in
// the table that the pages cannot show.
bool SeedRowValid(const DirectionSeedRow& r) {
    const auto type = ParseRowType(r.row_type);
    const auto regime = ParseDlRegime(r.dl_regime);
    return !r.code.empty() && ParseLevel(r.level) && type && regime && ParseOnlineForm(r.online_form) &&
           ParseDataStatus(r.status) && CheckRegimeForRow(*type, *regime).has_value() && !r.name_kk.empty() &&
           !r.name_ru.empty() && !r.name_en.empty();
}

}  // namespace

core::Result<int> SeedDirections(db::Database& database, const std::filesystem::path& csv) {
    std::ifstream in(csv, std::ios::binary);
    if (!in) return SeedInvalid("cannot read " + csv.string());
    std::stringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    auto table = platform::csv::Parse(content);
    if (!table) return SeedInvalid(csv.string() + ": " + table.error().detail);
    static constexpr const char* kColumns[] = {
        "code",      "level",       "row_type",      "name_kk", "name_ru", "name_en",    "parent_code",
        "dl_regime", "online_form", "justification", "status",  "note",    "name_origin"};
    std::vector<std::size_t> index;
    for (const char* column : kColumns) {
        const auto it = std::find(table->header.begin(), table->header.end(), column);
        if (it == table->header.end()) return SeedInvalid(csv.string() + ": no column " + column);
        index.push_back(static_cast<std::size_t>(it - table->header.begin()));
    }
    std::vector<DirectionSeedRow> rows;
    rows.reserve(table->rows.size());
    for (const auto& record : table->rows) {
        auto cell = [&](std::size_t i) {
            return index[i] < record.fields.size() ? record.fields[index[i]] : "";
        };
        DirectionSeedRow row{cell(0), cell(1), cell(2), cell(3),  cell(4),  cell(5), cell(6),
                             cell(7), cell(8), cell(9), cell(10), cell(11), cell(12)};
        if (!SeedRowValid(row)) return SeedInvalid(csv.string() + ": bad row " + std::to_string(record.row));
        rows.push_back(std::move(row));
    }
    // One transaction: a second run (or a concurrent server start) inserts nothing twice.
    return database.Transact([&](db::Session& s) {
        Store store(s);
        int inserted = 0;
        for (const auto& row : rows) inserted += store.InsertDirectionIfAbsent(row) ? 1 : 0;
        return inserted;
    });
}

core::Result<std::vector<Direction>> ListDirections(const auth::Principal& actor, db::Database& database,
                                                    const DirectionQuery& query) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    return database.Read([&](db::Session& s) { return Store(s).ListDirections(query); });
}

core::Result<Direction> FindDirection(const auth::Principal& actor, db::Database& database,
                                      std::string_view code) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    auto direction = database.Read([&](db::Session& s) { return Store(s).FindDirection(code); });
    if (!direction) return detail::NotFound("no direction " + std::string(code));
    return *direction;
}

core::Status SetDirectionSettings(const auth::Principal& actor, const Change& change, std::string_view code,
                                  const DirectionSettingsDraft& draft) {
    if (auto seen = FindDirection(actor, change.db, code); !seen) return seen.error();
    if (auto ok = auth::Require(actor, kEditDirections); !ok) return ok.error();
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto before = store.FindDirection(code);
        if (!before) return detail::NotFound("direction vanished");
        FieldErrors errors;
        const auto regime = ParseDlRegime(Trim(draft.dl_regime));
        if (!regime) {
            errors.push_back({"dl_regime", "academics.choose_one", {}});
        } else if (auto fits = CheckRegimeForRow(before->row_type, *regime); !fits) {
            // R-D7: a group row classifies programmes and needs a definite regime.
            errors.push_back({"dl_regime", fits.error().message_key, {}});
        }
        const auto form = ParseOnlineForm(Trim(draft.online_form));
        if (!form) errors.push_back({"online_form", "academics.choose_one", {}});
        if (!errors.empty()) return InvalidFields(errors, "R-D7");
        store.SetDirectionSettings(code, *regime, *form, change.now);
        detail::RecordChange(
            s, actor, change, "academics.set_direction_settings", "direction", std::string(code),
            detail::ChangeDetail(detail::JsonText(*before), detail::JsonText(*store.FindDirection(code))));
        return core::OkStatus();
    });
}

core::Status ConfirmDirection(const auth::Principal& actor, const Change& change, std::string_view code) {
    if (auto seen = FindDirection(actor, change.db, code); !seen) return seen.error();
    if (auto ok = auth::Require(actor, kConfirmDirections); !ok) return ok.error();
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto before = store.FindDirection(code);
        if (!before) return detail::NotFound("direction vanished");
        store.ConfirmDirection(code, Confirmation{actor.user_id, actor.login, change.now});
        detail::RecordChange(
            s, actor, change, "academics.confirm_direction", "direction", std::string(code),
            detail::ChangeDetail(detail::JsonText(*before), detail::JsonText(*store.FindDirection(code))));
        return core::OkStatus();
    });
}

}  // namespace oqu::academics
