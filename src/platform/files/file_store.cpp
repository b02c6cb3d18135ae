#include "platform/files/file_store.hpp"

#include <cerrno>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <magic.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace oqu::platform::files {

namespace fs = std::filesystem;

// libmagic's cookie is not thread-safe: one per store, behind a mutex. Sniffing reads at most
// the head of the file, so holding the lock is short.
class ContentSniffer {
public:
    ContentSniffer() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
        if (cookie_ == nullptr) {
            throw std::runtime_error("files: magic_open failed");
        }
        if (magic_load(cookie_, nullptr) != 0) {
            std::string message = std::string("files: magic_load failed: ") + magic_error(cookie_);
            magic_close(cookie_);
            throw std::runtime_error(message);
        }
    }
    ~ContentSniffer() { magic_close(cookie_); }
    ContentSniffer(const ContentSniffer&) = delete;
    ContentSniffer& operator=(const ContentSniffer&) = delete;

    std::string Sniff(const fs::path& path) {
        std::lock_guard lock(mutex_);
        const char* type = magic_file(cookie_, path.c_str());
        // An unrecognised or unreadable head is served as an opaque download, the safe choice.
        return type == nullptr ? std::string("application/octet-stream") : std::string(type);
    }

private:
    magic_t cookie_;
    std::mutex mutex_;
};

namespace {

constexpr std::size_t kChunkBytes = 256 * 1024;

[[noreturn]] void ThrowErrno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), "files: " + what);
}

void InitSodiumOnce() {
    static const int kInit = sodium_init();
    if (kInit < 0) {
        throw std::runtime_error("files: sodium_init failed");
    }
}

void FsyncDirectory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        ThrowErrno("open directory " + dir.string());
    }
    const int rc = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    if (rc != 0) {
        errno = saved;
        ThrowErrno("fsync directory " + dir.string());
    }
}

core::Error TooLarge(std::uint64_t max_bytes) {
    return core::MakeError(core::ErrorCode::kTooLarge, "files.too_large",
                           "object exceeds max_bytes=" + std::to_string(max_bytes));
}

// A temp file in root/tmp being filled and hashed; unlinked on destruction unless released.
class TempObject {
public:
    explicit TempObject(const fs::path& tmp_dir) {
        std::string pattern = (tmp_dir / "put-XXXXXX").string();
        fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (fd_ < 0) {
            ThrowErrno("mkstemp in " + tmp_dir.string());
        }
        path_ = pattern;
        if (crypto_hash_sha256_init(&state_) != 0) {
            throw std::runtime_error("files: crypto_hash_sha256_init failed");
        }
    }
    ~TempObject() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        if (!released_) {
            std::error_code ignored;  // Best effort: the object is being abandoned anyway.
            fs::remove(path_, ignored);
        }
    }
    TempObject(const TempObject&) = delete;
    TempObject& operator=(const TempObject&) = delete;

    void Append(const char* data, std::size_t n) {
        if (crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(data), n) != 0) {
            throw std::runtime_error("files: crypto_hash_sha256_update failed");
        }
        size_ += n;
        while (n > 0) {
            const ssize_t written = ::write(fd_, data, n);
            if (written < 0) {
                if (errno == EINTR) {
                    continue;
                }
                ThrowErrno("write " + path_.string());
            }
            data += written;
            n -= static_cast<std::size_t>(written);
        }
    }

    /// Flushes the bytes to disk and returns the hex SHA-256 of everything appended.
    std::string Finish() {
        if (::fsync(fd_) != 0) {
            ThrowErrno("fsync " + path_.string());
        }
        const int rc = ::close(fd_);
        fd_ = -1;
        if (rc != 0) {
            ThrowErrno("close " + path_.string());
        }
        unsigned char digest[crypto_hash_sha256_BYTES];
        if (crypto_hash_sha256_final(&state_, digest) != 0) {
            throw std::runtime_error("files: crypto_hash_sha256_final failed");
        }
        char hex[crypto_hash_sha256_BYTES * 2 + 1];
        sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
        return std::string(hex, crypto_hash_sha256_BYTES * 2);
    }

    std::uint64_t size() const noexcept { return size_; }
    const fs::path& path() const noexcept { return path_; }
    void Release() noexcept { released_ = true; }

private:
    int fd_ = -1;
    fs::path path_;
    crypto_hash_sha256_state state_{};
    std::uint64_t size_ = 0;
    bool released_ = false;
};

// Moves `from` to `to` unless `to` exists; returns false when it existed (identical content).
bool RenameNoReplace(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
        return true;
    }
    if (errno == EEXIST) {
        return false;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        ThrowErrno("rename " + from.string() + " to " + to.string());
    }
    // The filesystem lacks RENAME_NOREPLACE: a hard link refuses to replace as well.
    if (::link(from.c_str(), to.c_str()) == 0) {
        // The object now has its final name; the temp name would otherwise linger in tmp/.
        ::unlink(from.c_str());
        return true;
    }
    if (errno == EEXIST) {
        return false;
    }
    ThrowErrno("link " + from.string() + " to " + to.string());
}

}  // namespace

bool IsValidSha256(std::string_view sha256) {
    if (sha256.size() != 64) {
        return false;
    }
    for (const char c : sha256) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

FileStore::FileStore(fs::path root, FileStoreOptions options)
    : root_(std::move(root)), options_(options), sniffer_(std::make_unique<ContentSniffer>()) {
    InitSodiumOnce();
    fs::create_directories(root_ / "tmp");
    fs::create_directories(root_ / "sha256");
}

FileStore::~FileStore() = default;

core::Result<StoredFile> FileStore::Put(std::string_view bytes) {
    if (bytes.size() > options_.max_bytes) {
        return TooLarge(options_.max_bytes);
    }
    TempObject temp(root_ / "tmp");
    temp.Append(bytes.data(), bytes.size());
    std::string sha256 = temp.Finish();
    auto stored = Commit(temp.path(), std::move(sha256), temp.size());
    temp.Release();
    return stored;
}

core::Result<StoredFile> FileStore::PutFile(const fs::path& source) {
    const int fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        ThrowErrno("open " + source.string());
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        ThrowErrno("fstat " + source.string());
    }
    if (static_cast<std::uint64_t>(info.st_size) > options_.max_bytes) {
        return TooLarge(options_.max_bytes);
    }
    TempObject temp(root_ / "tmp");
    std::vector<char> buffer(kChunkBytes);
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            ThrowErrno("read " + source.string());
        }
        if (n == 0) {
            break;
        }
        // The source may grow while we copy it: the limit holds on what is actually read.
        if (temp.size() + static_cast<std::uint64_t>(n) > options_.max_bytes) {
            return TooLarge(options_.max_bytes);
        }
        temp.Append(buffer.data(), static_cast<std::size_t>(n));
    }
    std::string sha256 = temp.Finish();
    auto stored = Commit(temp.path(), std::move(sha256), temp.size());
    temp.Release();
    return stored;
}

core::Result<StoredFile> FileStore::PutStream(std::istream& in) {
    TempObject temp(root_ / "tmp");
    std::vector<char> buffer(kChunkBytes);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::uint64_t>(in.gcount());
        if (in.bad()) {
            throw std::runtime_error("files: read error on input stream");
        }
        if (temp.size() + n > options_.max_bytes) {
            return TooLarge(options_.max_bytes);
        }
        temp.Append(buffer.data(), static_cast<std::size_t>(n));
    }
    std::string sha256 = temp.Finish();
    auto stored = Commit(temp.path(), std::move(sha256), temp.size());
    temp.Release();
    return stored;
}

core::Result<StoredFile> FileStore::Commit(const fs::path& temp_path, std::string sha256,
                                           std::uint64_t size) {
    std::string content_type = sniffer_->Sniff(temp_path);
    const fs::path target = ObjectPath(sha256);
    const fs::path shard = target.parent_path();
    const bool created_shard = fs::create_directories(shard);
    if (!RenameNoReplace(temp_path, target)) {
        // Dedup: the existing object has the same name, hence the same bytes; keep it.
        fs::remove(temp_path);
        return StoredFile{std::move(sha256), size, std::move(content_type)};
    }
    FsyncDirectory(shard);
    if (created_shard) {
        // New shard directories are entries of their parents: make those durable as well.
        FsyncDirectory(shard.parent_path());
        FsyncDirectory(root_ / "sha256");
    }
    return StoredFile{std::move(sha256), size, std::move(content_type)};
}

fs::path FileStore::ObjectPath(std::string_view sha256) const {
    return root_ / "sha256" / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2, 2)) /
           std::string(sha256);
}

core::Result<fs::path> FileStore::PathOf(std::string_view sha256) const {
    if (!IsValidSha256(sha256)) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "files.invalid_hash",
                               "not 64 lower-case hex digits");
    }
    fs::path path = ObjectPath(sha256);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        return core::MakeError(core::ErrorCode::kNotFound, "files.not_found",
                               "no object " + std::string(sha256));
    }
    return path;
}

core::Result<std::ifstream> FileStore::Open(std::string_view sha256) const {
    auto path = PathOf(sha256);
    if (!path) {
        return std::move(path).error();
    }
    std::ifstream in(*path, std::ios::binary);
    if (!in) {
        // Removed between the check and the open (garbage collection): same as never stored.
        return core::MakeError(core::ErrorCode::kNotFound, "files.not_found",
                               "object vanished " + std::string(sha256));
    }
    return in;
}

core::Result<StoredFile> FileStore::Stat(std::string_view sha256) const {
    auto path = PathOf(sha256);
    if (!path) {
        return std::move(path).error();
    }
    return StoredFile{std::string(sha256), fs::file_size(*path), sniffer_->Sniff(*path)};
}

bool FileStore::Exists(std::string_view sha256) const {
    return PathOf(sha256).has_value();
}

core::Status FileStore::Remove(std::string_view sha256) {
    auto path = PathOf(sha256);
    if (!path) {
        return std::move(path).error();
    }
    if (!fs::remove(*path)) {
        return core::MakeError(core::ErrorCode::kNotFound, "files.not_found",
                               "object vanished " + std::string(sha256));
    }
    return core::OkStatus();
}

}  // namespace oqu::platform::files
