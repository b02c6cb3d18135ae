#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace oqu::platform::files {

/// Limits of a FileStore.
struct FileStoreOptions {
    std::uint64_t max_bytes = 256ULL * 1024 * 1024;  ///< Largest object accepted, in bytes.
};

/// An object in the store: its name, its size and the type sniffed from its bytes.
struct StoredFile {
    std::string sha256{};        ///< 64 lower-case hex digits; the object's only name.
    std::uint64_t size = 0;      ///< Bytes.
    std::string content_type{};  ///< MIME type sniffed by libmagic, never the client's claim.
};

class ContentSniffer;

/// Content-addressed, write-once file store: `root/sha256/ab/cd/<64 hex>`, written through
/// `root/tmp/` with fsync and an atomic rename, so a crash never leaves a partial object.
/// Identical content is stored once. Thread-safe; several processes may share one root.
class FileStore {
public:
    /// Creates `root/tmp` and `root/sha256` if needed and loads the libmagic database; throws
    /// std::system_error or std::runtime_error when the root or libmagic is unusable.
    explicit FileStore(std::filesystem::path root, FileStoreOptions options = {});
    /// Releases the libmagic cookie; stored objects stay on disk.
    ~FileStore();
    /// Not copyable: owns the libmagic cookie.
    FileStore(const FileStore&) = delete;
    /// Not copyable: owns the libmagic cookie.
    FileStore& operator=(const FileStore&) = delete;

    /// Stores `bytes`; kTooLarge (`files.too_large`) over max_bytes. Throws on I/O failure.
    core::Result<StoredFile> Put(std::string_view bytes);

    /// Stores a copy of the file at `source` (e.g. an upload spilled to disk), streamed in
    /// chunks; `source` is left in place. kTooLarge over max_bytes; throws when unreadable.
    core::Result<StoredFile> PutFile(const std::filesystem::path& source);

    /// Stores everything `in` yields until EOF, streamed in chunks; kTooLarge over max_bytes
    /// (nothing is left behind). Throws on a stream or disk error.
    core::Result<StoredFile> PutStream(std::istream& in);

    /// The object's path; kInvalidInput (`files.invalid_hash`) for a malformed hash,
    /// kNotFound (`files.not_found`) when no such object exists.
    core::Result<std::filesystem::path> PathOf(std::string_view sha256) const;

    /// The object opened for binary reading; same errors as PathOf.
    core::Result<std::ifstream> Open(std::string_view sha256) const;

    /// The object's size and sniffed type; same errors as PathOf.
    core::Result<StoredFile> Stat(std::string_view sha256) const;

    /// True when a well-formed hash names a stored object; false otherwise.
    bool Exists(std::string_view sha256) const;

    /// Deletes an object (garbage collection); kInvalidInput or kNotFound as PathOf.
    core::Status Remove(std::string_view sha256);

    /// The store's root directory.
    const std::filesystem::path& root() const noexcept { return root_; }

private:
    core::Result<StoredFile> Commit(const std::filesystem::path& temp_path, std::string sha256,
                                    std::uint64_t size);
    std::filesystem::path ObjectPath(std::string_view sha256) const;

    std::filesystem::path root_;
    FileStoreOptions options_;
    std::unique_ptr<ContentSniffer> sniffer_;
};

/// True for exactly 64 lower-case hex digits, the only hash strings that reach the filesystem.
bool IsValidSha256(std::string_view sha256);

}  // namespace oqu::platform::files
