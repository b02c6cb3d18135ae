#include "platform/module/config.hpp"

#include <cstdlib>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#ifndef OQU_DEFAULT_RESOURCE_DIR
#define OQU_DEFAULT_RESOURCE_DIR "src"
#endif

namespace oqu::platform {

namespace {

core::Error Bad(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "platform.config_invalid", std::move(detail));
}

const std::set<std::string>& KnownKeys() {
    static const std::set<std::string> keys = {"database.url",
                                               "database.pool_size",
                                               "database.statement_timeout_ms",
                                               "server.listen",
                                               "server.io_threads",
                                               "server.worker_threads",
                                               "server.behind_tls",
                                               "server.max_upload_mb",
                                               "jobs.threads",
                                               "paths.data",
                                               "paths.resources",
                                               "log.level",
                                               "server.insecure_cookies"};
    return keys;
}

core::Status ReadFile(const std::filesystem::path& file, Config& config) {
    toml::table table;
    try {
        table = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        return Bad(fmt::format("config {}:{}: {}", file.string(), e.source().begin.line, e.description()));
    }
    // An unknown key is most likely a typo that would silently keep a default: refuse it.
    for (const auto& [section, node] : table) {
        const auto* sub = node.as_table();
        if (sub == nullptr) {
            return Bad(fmt::format("config {}: '{}' must be a [section]", file.string(), section.str()));
        }
        for (const auto& [key, value] : *sub) {
            const std::string full = fmt::format("{}.{}", section.str(), key.str());
            if (!KnownKeys().contains(full)) {
                return Bad(fmt::format("config {}: unknown key '{}'", file.string(), full));
            }
        }
    }
    auto str = [&](const char* path, std::string& out) -> core::Status {
        auto node = table.at_path(path);
        if (!node) return core::OkStatus();
        if (!node.is_string()) {
            return Bad(fmt::format("config {}: '{}' must be a string", file.string(), path));
        }
        out = *node.value<std::string>();
        return core::OkStatus();
    };
    auto num = [&](const char* path, int& out, int lo, int hi) -> core::Status {
        auto node = table.at_path(path);
        if (!node) return core::OkStatus();
        auto v = node.value<std::int64_t>();
        if (!node.is_integer() || !v || *v < lo || *v > hi) {
            return Bad(
                fmt::format("config {}: '{}' must be an integer from {} to {}", file.string(), path, lo, hi));
        }
        out = static_cast<int>(*v);
        return core::OkStatus();
    };
    std::string data;
    std::string resources;
    for (auto status :
         {str("database.url", config.db_url), num("database.pool_size", config.db_pool_size, 1, 512),
          num("database.statement_timeout_ms", config.db_statement_timeout_ms, 100, 3600000),
          str("server.listen", config.listen), num("server.io_threads", config.io_threads, 1, 64),
          num("server.worker_threads", config.worker_threads, 1, 1024),
          num("server.max_upload_mb", config.max_upload_mb, 1, 10240),
          num("jobs.threads", config.job_threads, 0, 64), str("paths.data", data),
          str("paths.resources", resources), str("log.level", config.log_level)}) {
        if (!status) return status;
    }
    if (auto node = table.at_path("server.behind_tls")) {
        if (!node.is_boolean()) {
            return Bad(fmt::format("config {}: 'server.behind_tls' must be true or false", file.string()));
        }
        config.behind_tls = *node.value<bool>();
    }
    if (auto node = table.at_path("server.insecure_cookies")) {
        if (!node.is_boolean()) {
            return Bad(
                fmt::format("config {}: 'server.insecure_cookies' must be true or false", file.string()));
        }
        config.insecure_cookies = *node.value<bool>();
    }
    // Relative paths in a config file are relative to the file, not to wherever oqu was started.
    const auto base = file.parent_path();
    if (!data.empty()) {
        config.data_dir =
            std::filesystem::path(data).is_absolute() ? std::filesystem::path(data) : base / data;
    }
    if (!resources.empty()) {
        config.resource_dir = std::filesystem::path(resources).is_absolute()
                                  ? std::filesystem::path(resources)
                                  : base / resources;
    }
    return core::OkStatus();
}

}  // namespace

core::Result<Config> LoadConfig(const std::filesystem::path& explicit_file) {
    Config config;
    config.resource_dir = OQU_DEFAULT_RESOURCE_DIR;
    std::filesystem::path file = explicit_file;
    if (file.empty()) {
        if (const char* env = std::getenv("OQU_CONFIG"); env != nullptr && *env != '\0') file = env;
    }
    if (file.empty() && std::filesystem::exists("oqu.toml")) file = "oqu.toml";
    if (!file.empty()) {
        if (!std::filesystem::exists(file)) {
            return Bad(fmt::format("config file {} does not exist", file.string()));
        }
        if (auto status = ReadFile(file, config); !status) return status.error();
        config.source = file;
    }
    auto env = [](const char* name, auto&& apply) {
        if (const char* v = std::getenv(name); v != nullptr && *v != '\0') apply(std::string(v));
    };
    env("OQU_DB", [&](std::string v) { config.db_url = std::move(v); });
    env("OQU_LISTEN", [&](std::string v) { config.listen = std::move(v); });
    env("OQU_DATA_DIR", [&](std::string v) { config.data_dir = std::move(v); });
    env("OQU_RESOURCE_DIR", [&](std::string v) { config.resource_dir = std::move(v); });
    env("OQU_LOG_LEVEL", [&](std::string v) { config.log_level = std::move(v); });
    env("OQU_INSECURE_COOKIES",
        [&](const std::string& v) { config.insecure_cookies = v == "1" || v == "true"; });
    if (config.log_level != "debug" && config.log_level != "info" && config.log_level != "warn" &&
        config.log_level != "error") {
        return Bad(fmt::format("log level '{}' is not one of debug, info, warn, error", config.log_level));
    }
    return config;
}

core::Result<std::pair<std::string, unsigned short>> ParseListen(const std::string& listen) {
    std::string host;
    std::string port;
    if (!listen.empty() && listen.front() == '[') {
        const auto close = listen.find(']');
        if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
            return Bad(fmt::format("listen address '{}' must look like [::1]:8080", listen));
        }
        host = listen.substr(1, close - 1);
        port = listen.substr(close + 2);
    } else {
        const auto colon = listen.rfind(':');
        if (colon == std::string::npos || colon == 0) {
            return Bad(fmt::format("listen address '{}' must look like 127.0.0.1:8080", listen));
        }
        host = listen.substr(0, colon);
        port = listen.substr(colon + 1);
    }
    char* end = nullptr;
    const long value = std::strtol(port.c_str(), &end, 10);
    if (port.empty() || *end != '\0' || value < 0 || value > 65535) {
        return Bad(fmt::format("listen port '{}' must be a number from 0 to 65535", port));
    }
    return std::pair{host, static_cast<unsigned short>(value)};
}

}  // namespace oqu::platform
