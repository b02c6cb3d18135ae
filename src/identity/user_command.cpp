#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "identity/accounts.hpp"
#include "identity/api.hpp"
#include "identity/routes.hpp"
#include "platform/auth/password.hpp"
#include "platform/db/database.hpp"
#include "platform/module/flags.hpp"
#include "platform/module/open_database.hpp"
#include "platform/module/registry.hpp"

// `oqu user add|reset-password|disable|enable|grant|list`: account administration from the
// command line, as the system principal. The outputs and exit codes are a stable interface for
// scripts, documented in docs/CLI.md.
namespace oqu::identity {

namespace {

namespace po = boost::program_options;
namespace auth = platform::auth;
namespace db = platform::db;

// The English text of an expected failure for the one stderr line (commands are not translated).
std::string EnglishMessage(const core::Error& error) {
    static constexpr std::pair<std::string_view, std::string_view> kMessages[] = {
        {"identity.login_taken", "login taken"},
        {"identity.login_invalid", "invalid login: 3-64 characters of a-z, 0-9, '.', '_', '-', '@'"},
        {"identity.name_invalid", "invalid name: 1-200 characters of text"},
        {"identity.email_invalid", "invalid email address"},
        {"identity.lang_invalid", "invalid language: kk, ru or en"},
        {"identity.scope_invalid",
         "invalid scope: institution takes no id, faculty/programme/course need one"},
        {"identity.cannot_disable_self", "cannot disable one's own account"},
        {"auth.password_too_short", "password too short: at least 12 characters"},
        {"auth.password_common", "password too easy to guess"},
        {"auth.password_is_login", "password must not contain the login"},
        {"auth.password_invalid", "password too long or with invalid characters"},
        {"auth.forbidden", "not permitted"},
        {"auth.busy", "password hashing is busy, try again"},
        {"web.error_404", "no such user"},
    };
    for (const auto& [key, text] : kMessages) {
        if (error.message_key == key) return std::string(text);
    }
    return error.detail.empty() ? error.message_key : error.detail;
}

int Failed(const platform::CommandContext& ctx, const core::Error& error) {
    return platform::Fail(1, fmt::format("{}: {}", ctx.name, EnglishMessage(error)));
}

int Usage(const platform::CommandContext& ctx, std::string_view message) {
    return platform::Fail(2, fmt::format("{}: {} (see 'oqu {} --help')", ctx.name, message, ctx.name));
}

// "teacher", "deans_office:faculty:3", "it_admin:institution" (institution: id 0 or none).
std::optional<auth::Grant> ParseRoleSpec(std::string_view spec) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const auto colon = spec.find(':', start);
        parts.push_back(
            spec.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
        if (colon == std::string_view::npos) break;
        start = colon + 1;
    }
    if (parts.size() > 3) return std::nullopt;
    const auto role = auth::ParseRole(parts[0]);
    if (!role) return std::nullopt;
    auth::Scope scope = auth::kInstitution;
    if (parts.size() >= 2) {
        const auto kind = auth::ParseScopeKind(parts[1]);
        if (!kind) return std::nullopt;
        scope.kind = *kind;
    }
    if (parts.size() == 3) {
        std::int64_t id = 0;
        const auto id_text = parts[2];
        const auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
        if (id_text.empty() || ec != std::errc{} || ptr != id_text.data() + id_text.size()) {
            return std::nullopt;
        }
        scope.id = id;
    }
    // Institution: no id or 0; a faculty, programme or course: a positive id.
    if ((scope.kind == auth::ScopeKind::kInstitution) != (scope.id == 0) || scope.id < 0) return std::nullopt;
    return auth::Grant{*role, scope};
}

std::string RoleSpec(const auth::Grant& grant) {
    if (grant.scope.kind == auth::ScopeKind::kInstitution) return std::string(auth::RoleName(grant.role));
    return fmt::format("{}:{}:{}", auth::RoleName(grant.role), auth::ScopeKindName(grant.scope.kind),
                       grant.scope.id);
}

constexpr const char* kRoleHelp =
    "ROLE[:SCOPE:ID]: ROLE is student, teacher, adviser, deans_office, registrar, quality_officer, "
    "librarian, "
    "researcher, dormitory_office, proctor, it_admin or ministry_auditor; SCOPE is institution (default), "
    "faculty, programme or course";

// The hasher of commands: default (production) parameters, the installation's password list.
std::unique_ptr<auth::PasswordHasher> MakeHasher(const platform::CommandContext& ctx) {
    auth::SetPasswordListPath(ctx.config.resource_dir / "platform/auth/data/common-passwords.txt");
    return std::make_unique<auth::PasswordHasher>();
}

// The id and stored login of the account `login`, or nullopt.
std::optional<UserSummary> FindAccount(db::Database& database, std::string_view login) {
    return database.Read([&](db::Session& s) { return FindUserByLogin(s, login); });
}

// Runs `body` with the migrated database, turning database failures into exit code 1.
template <typename F>
int WithDatabase(const platform::CommandContext& ctx, F body) {
    std::unique_ptr<db::Database> database;
    try {
        database = platform::OpenAndMigrate(*ctx.registry, ctx.config, nullptr);
        return body(*database);
    } catch (const db::DbError& e) {
        return platform::Fail(1, fmt::format("{}: {}", ctx.name, e.what()));
    }
}

int RunAdd(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    flags.add_options()("login", po::value<std::string>()->value_name("LOGIN"), "the new account's login")(
        "name", po::value<std::string>()->value_name("NAME"), "display name (required)")(
        "email", po::value<std::string>()->value_name("E")->default_value(""), "email address")(
        "lang", po::value<std::string>()->value_name("kk|ru|en")->default_value("kk"), "interface language")(
        "role", po::value<std::vector<std::string>>()->value_name("ROLE[:SCOPE:ID]")->composing(), kRoleHelp)(
        "password-stdin", "read the password from the first line of stdin instead of generating one");
    po::positional_options_description positional;
    positional.add("login", 1);
    po::variables_map values;
    if (auto exit = platform::ParseFlags(
            ctx, flags, positional, values,
            "LOGIN --name NAME [--email E] [--lang kk|ru|en] [--role ROLE[:SCOPE:ID]]... [--password-stdin] "
            "[--db URL]")) {
        return *exit;
    }
    if (values.count("login") == 0U) return Usage(ctx, "LOGIN is required");
    if (values.count("name") == 0U) return Usage(ctx, "--name is required");
    const std::string lang = values["lang"].as<std::string>();
    if (lang != "kk" && lang != "ru" && lang != "en") return Usage(ctx, "--lang must be kk, ru or en");
    std::vector<auth::Grant> grants;
    if (values.count("role") != 0U) {
        for (const auto& spec : values["role"].as<std::vector<std::string>>()) {
            const auto grant = ParseRoleSpec(spec);
            if (!grant) return Usage(ctx, fmt::format("bad --role '{}'", spec));
            grants.push_back(*grant);
        }
    }
    std::string password;
    if (values.count("password-stdin") != 0U) {
        std::getline(std::cin, password);
        if (!password.empty() && password.back() == '\r') password.pop_back();
        if (password.empty()) return Usage(ctx, "--password-stdin: no password on stdin");
    }

    const auto hasher = MakeHasher(ctx);
    return WithDatabase(ctx, [&](db::Database& database) {
        const auto system = auth::SystemPrincipal();
        std::string generated;
        const accounts::NewUserInput input{values["login"].as<std::string>(),
                                           values["name"].as<std::string>(),
                                           values["email"].as<std::string>(),
                                           lang,
                                           password,
                                           &generated};
        auto id = accounts::Create(database, *hasher, system, input, Now(), {});
        if (!id) return Failed(ctx, id.error());
        for (const auto& grant : grants) {
            if (auto granted = accounts::Grant(database, system, id.value(), grant, Now(), {}); !granted) {
                return Failed(ctx, granted.error());
            }
        }
        const auto created = accounts::Get(database, system, id.value());
        std::cout << fmt::format("created user {} (id {})\n", created ? created->user.login : input.login,
                                 id.value());
        if (!generated.empty()) std::cout << "password: " << generated << '\n';
        return 0;
    });
}

// Parses `LOGIN [--db URL]` (and the extra positional ROLE for grant).
std::optional<int> ParseLoginCommand(platform::CommandContext& ctx, po::variables_map& values, bool with_role,
                                     const char* usage) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    flags.add_options()("login", po::value<std::string>()->value_name("LOGIN"), "the account's login");
    po::positional_options_description positional;
    positional.add("login", 1);
    if (with_role) {
        flags.add_options()("role", po::value<std::string>()->value_name("ROLE[:SCOPE:ID]"), kRoleHelp);
        positional.add("role", 1);
    }
    if (auto exit = platform::ParseFlags(ctx, flags, positional, values, usage)) return exit;
    if (values.count("login") == 0U) return Usage(ctx, "LOGIN is required");
    if (with_role && values.count("role") == 0U) return Usage(ctx, "ROLE is required");
    return std::nullopt;
}

int RunResetPassword(platform::CommandContext& ctx) {
    po::variables_map values;
    if (auto exit = ParseLoginCommand(ctx, values, false, "LOGIN [--db URL] [--config FILE]")) return *exit;
    const auto hasher = MakeHasher(ctx);
    return WithDatabase(ctx, [&](db::Database& database) {
        const auto user = FindAccount(database, values["login"].as<std::string>());
        if (!user) return platform::Fail(1, fmt::format("{}: no such user", ctx.name));
        auto password =
            accounts::ResetPassword(database, *hasher, auth::SystemPrincipal(), user->id, Now(), {});
        if (!password) return Failed(ctx, password.error());
        std::cout << "password: " << password.value() << '\n';
        return 0;
    });
}

int RunSetDisabled(platform::CommandContext& ctx, bool disabled) {
    po::variables_map values;
    if (auto exit = ParseLoginCommand(ctx, values, false, "LOGIN [--db URL] [--config FILE]")) return *exit;
    return WithDatabase(ctx, [&](db::Database& database) {
        const auto user = FindAccount(database, values["login"].as<std::string>());
        if (!user) return platform::Fail(1, fmt::format("{}: no such user", ctx.name));
        if (auto status =
                accounts::SetDisabled(database, auth::SystemPrincipal(), user->id, disabled, Now(), {});
            !status) {
            return Failed(ctx, status.error());
        }
        std::cout << fmt::format("{} user {}\n", disabled ? "disabled" : "enabled", user->login);
        return 0;
    });
}

int RunGrant(platform::CommandContext& ctx) {
    po::variables_map values;
    if (auto exit =
            ParseLoginCommand(ctx, values, true, "LOGIN ROLE[:SCOPE:ID] [--db URL] [--config FILE]")) {
        return *exit;
    }
    const auto spec = values["role"].as<std::string>();
    const auto grant = ParseRoleSpec(spec);
    if (!grant) return Usage(ctx, fmt::format("bad ROLE '{}'", spec));
    return WithDatabase(ctx, [&](db::Database& database) {
        const auto user = FindAccount(database, values["login"].as<std::string>());
        if (!user) return platform::Fail(1, fmt::format("{}: no such user", ctx.name));
        if (auto status = accounts::Grant(database, auth::SystemPrincipal(), user->id, *grant, Now(), {});
            !status) {
            return Failed(ctx, status.error());
        }
        std::cout << fmt::format("granted {} to {}\n", RoleSpec(*grant), user->login);
        return 0;
    });
}

int RunList(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    flags.add_options()("json", "print one JSON array instead of tab-separated lines");
    po::variables_map values;
    if (auto exit = platform::ParseFlags(ctx, flags, {}, values, "[--json] [--db URL] [--config FILE]")) {
        return *exit;
    }
    const bool as_json = values.count("json") != 0U;
    return WithDatabase(ctx, [&](db::Database& database) {
        const auto system = auth::SystemPrincipal();
        constexpr int kBatch = 500;
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        for (int offset = 0;; offset += kBatch) {
            auto page = accounts::List(database, system, "", kBatch, offset);
            if (!page) return Failed(ctx, page.error());
            std::vector<std::int64_t> ids;
            for (const auto& user : page->users) ids.push_back(user.id);
            auto grants = accounts::GrantsOf(database, system, ids);
            if (!grants) return Failed(ctx, grants.error());
            for (const auto& user : page->users) {
                std::vector<std::string> specs;
                nlohmann::ordered_json grant_list = nlohmann::ordered_json::array();
                for (const auto& [user_id, row] : grants.value()) {
                    if (user_id != user.id) continue;
                    specs.push_back(RoleSpec(row.grant));
                    grant_list.push_back({{"role", auth::RoleName(row.grant.role)},
                                          {"scope", auth::ScopeKindName(row.grant.scope.kind)},
                                          {"scope_id", row.grant.scope.id}});
                }
                if (as_json) {
                    all.push_back({{"id", user.id},
                                   {"login", user.login},
                                   {"name", user.display_name},
                                   {"email", user.email},
                                   {"lang", user.lang},
                                   {"disabled", user.disabled},
                                   {"second_factor", !user.totp_secret.empty()},
                                   {"grants", grant_list}});
                } else {
                    std::string joined;
                    for (const auto& spec : specs) joined += (joined.empty() ? "" : ",") + spec;
                    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", user.id, user.login,
                                             user.disabled ? "disabled" : "active",
                                             joined.empty() ? "-" : joined, user.display_name);
                }
            }
            if (page->users.size() < static_cast<std::size_t>(kBatch)) break;
        }
        if (as_json) std::cout << all.dump() << '\n';
        return 0;
    });
}

}  // namespace

void RegisterUserCommands(platform::ModuleRegistry& registry) {
    registry.AddCommand({"user add", "create an account (prints a generated password once)", RunAdd});
    registry.AddCommand({"user reset-password", "set a new temporary password and end the account's sessions",
                         RunResetPassword});
    registry.AddCommand({"user disable", "disable an account and end its sessions",
                         [](platform::CommandContext& ctx) { return RunSetDisabled(ctx, true); }});
    registry.AddCommand({"user enable", "enable a disabled account",
                         [](platform::CommandContext& ctx) { return RunSetDisabled(ctx, false); }});
    registry.AddCommand({"user grant", "grant a role in a scope to an account", RunGrant});
    registry.AddCommand({"user list", "list accounts with their status and roles", RunList});
}

}  // namespace oqu::identity
