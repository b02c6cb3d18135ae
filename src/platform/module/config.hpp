#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace oqu::platform {

/// The settings of one Oqu installation. Precedence, highest first: command-line flag, environment
/// variable (OQU_DB, OQU_LISTEN, OQU_DATA_DIR, OQU_RESOURCE_DIR, OQU_LOG_LEVEL,
/// OQU_INSECURE_COOKIES), the config file
/// (`--config PATH`, OQU_CONFIG, or ./oqu.toml when present), built-in defaults.
struct Config {
    std::string db_url = "sqlite:data/oqu.db";  ///< [database] url
    int db_pool_size = 8;                       ///< [database] pool_size
    int db_statement_timeout_ms = 30000;        ///< [database] statement_timeout_ms (PostgreSQL)
    std::string listen = "127.0.0.1:8080";      ///< [server] listen, "host:port" ("[::1]:8080" for IPv6)
    int io_threads = 2;                         ///< [server] io_threads (one per core of a small server)
    int worker_threads = 8;                     ///< [server] worker_threads (handlers; may block on the DB)
    bool behind_tls = false;                    ///< [server] behind_tls: a TLS proxy in front, send HSTS
    /// [server] insecure_cookies (env OQU_INSECURE_COOKIES=1): session cookies without Secure and
    /// the __Host- prefix, for plain-HTTP local runs; refused unless listening on a loopback address.
    bool insecure_cookies = false;
    int max_upload_mb = 100;                  ///< [server] max_upload_mb
    int job_threads = 2;                      ///< [jobs] threads
    std::filesystem::path data_dir = "data";  ///< [paths] data: uploads, temp files
    std::filesystem::path resource_dir;       ///< [paths] resources: templates, strings, schema
    std::string log_level = "info";           ///< [log] level: debug, info, warn, error
    std::filesystem::path source;             ///< The config file read, empty when none.
};

/// Reads the config file (if any) and environment over the defaults; `explicit_file` is the
/// `--config` flag (empty when absent). An unreadable or malformed file, an unknown key or a
/// bad value is Error kInvalidInput whose detail is one line naming the file and key.
core::Result<Config> LoadConfig(const std::filesystem::path& explicit_file);

/// Splits "host:port" / "[v6]:port"; kInvalidInput with a one-line detail when malformed.
core::Result<std::pair<std::string, unsigned short>> ParseListen(const std::string& listen);

}  // namespace oqu::platform
