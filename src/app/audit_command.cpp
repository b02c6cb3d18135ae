#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"
#include "platform/module/flags.hpp"

namespace oqu::app {
namespace {

namespace po = boost::program_options;

int RunAuditVerify(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    flags.add_options()("json", "print the result as one JSON object");
    po::variables_map values;
    if (auto exit = platform::ParseFlags(ctx, flags, {}, values, "[--db URL] [--config FILE] [--json]")) {
        return *exit;
    }
    platform::audit::AuditVerification result;
    try {
        auto db = OpenAndMigrate(*ctx.registry, ctx.config, nullptr);
        result = platform::audit::VerifyAuditChain(*db);
    } catch (const platform::db::DbError& e) {
        return platform::Fail(1, e.what());
    }
    if (values.count("json") != 0U) {
        nlohmann::ordered_json out;
        out["ok"] = result.ok;
        out["records"] = result.records;
        out["first_bad_seq"] = result.first_bad_seq ? nlohmann::ordered_json(*result.first_bad_seq) : nullptr;
        out["problem"] = result.problem;
        out["last_hash"] = result.last_hash;
        std::cout << out.dump() << '\n';
    } else if (result.ok) {
        std::cout << fmt::format("audit log intact: {} records, last hash {}\n", result.records,
                                 result.last_hash);
    } else {
        std::cout << "audit log TAMPERED: " << result.problem << '\n';
    }
    return result.ok ? 0 : 1;
}

}  // namespace

void RegisterAuditCommand(platform::ModuleRegistry& registry) {
    registry.AddCommand(
        {"audit verify",
         "recompute the hash chain of the audit log; exit 1 when a record was edited or deleted",
         RunAuditVerify});
}

}  // namespace oqu::app
