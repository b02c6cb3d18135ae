#include "platform/auth/password.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include <sodium.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "core/assert.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/log/log.hpp"

namespace oqu::platform::auth {

namespace {

constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::int32_t kMinPasswordChars = 12;
constexpr std::int32_t kMinLoginCharsForContains = 4;
constexpr std::size_t kMaxRepeatedPattern = 4;
constexpr std::string_view kArgon2idPrefix = "$argon2id$";

core::Error Invalid(const char* key, const char* detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, key, detail);
}

// True when `text` is well-formed UTF-8 (ICU's U8_NEXT refuses overlong forms, surrogates and
// code points beyond U+10FFFF).
bool IsValidUtf8(std::string_view text) {
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) return false;
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    std::int32_t i = 0;
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0) return false;
    }
    return true;
}

// NFKC of valid UTF-8, so that the same characters typed on different keyboards or systems
// compare equal (NIST SP 800-63B 5.1.1.2).
icu::UnicodeString Nfkc(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC normaliser unavailable");
    icu::UnicodeString normal = nfkc->normalize(
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size()))),
        status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC normalisation failed");
    return normal;
}

std::string ToUtf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

// The form that is hashed: NFKC for valid UTF-8, the bytes themselves otherwise (so that two
// different malformed inputs never collapse into one through replacement characters).
std::string HashInput(std::string_view password) {
    if (!IsValidUtf8(password)) return std::string(password);
    return ToUtf8(Nfkc(password));
}

// The case-folded NFKC form in which passwords are compared with the list and the login.
std::string Folded(std::string_view utf8) {
    icu::UnicodeString text = Nfkc(utf8);
    text.foldCase();
    return ToUtf8(text);
}

std::u32string CodePoints(const icu::UnicodeString& text) {
    std::u32string out;
    out.reserve(static_cast<std::size_t>(text.length()));
    for (std::int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
        out.push_back(static_cast<char32_t>(text.char32At(i)));
    }
    return out;
}

// One character repeated ("aaaaaaaaaaaa") or a pattern of up to 4 repeated ("abcabcabcabc").
bool IsRepeatedPattern(const std::u32string& chars) {
    for (std::size_t period = 1; period <= kMaxRepeatedPattern && period < chars.size(); ++period) {
        bool periodic = true;
        for (std::size_t i = period; i < chars.size() && periodic; ++i) {
            periodic = chars[i] == chars[i - period];
        }
        if (periodic) return true;
    }
    return false;
}

// Digits that each go up by one ("123456789012") or each go down by one ("987654321098").
bool IsDigitRun(const std::u32string& chars) {
    for (char32_t c : chars) {
        if (c < U'0' || c > U'9') return false;
    }
    bool up = true;
    bool down = true;
    for (std::size_t i = 1; i < chars.size(); ++i) {
        const int prev = static_cast<int>(chars[i - 1] - U'0');
        const int cur = static_cast<int>(chars[i] - U'0');
        up = up && cur == (prev + 1) % 10;
        down = down && cur == (prev + 9) % 10;
    }
    return up || down;
}

bool HasControlCharacter(const std::u32string& chars) {
    for (char32_t c : chars) {
        if (u_iscntrl(static_cast<UChar32>(c)) != 0) return true;
    }
    return false;
}

using WordSet = std::unordered_set<std::string>;

struct PasswordList {
    std::mutex mu;
    std::optional<std::filesystem::path> path;  // Set by SetPasswordListPath.
    std::shared_ptr<const WordSet> words;       // Null until first read.
};

PasswordList& List() {
    static PasswordList list;
    return list;
}

std::optional<std::filesystem::path> DefaultListPath() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    if (dir == nullptr || *dir == '\0') return std::nullopt;
    return std::filesystem::path(dir) / "platform/auth/data/common-passwords.txt";
}

std::shared_ptr<const WordSet> ReadList(const std::optional<std::filesystem::path>& path) {
    auto words = std::make_shared<WordSet>();
    std::ifstream in;
    if (path) in.open(*path);
    if (!in) {
        log::LogEvent(log::Level::kWarn, "auth_password_list_unreadable",
                      {{"path", path ? path->string() : std::string("(OQU_RESOURCE_DIR unset)")},
                       {"effect", "common passwords are not refused"}});
        return words;
    }
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        // "# " starts a comment line; no common password of 12 characters starts that way.
        if (line.empty() || line.starts_with("# ") || !IsValidUtf8(line)) continue;
        words->insert(Folded(line));
    }
    return words;
}

std::shared_ptr<const WordSet> CommonPasswords() {
    PasswordList& list = List();
    const std::lock_guard lock(list.mu);
    if (!list.words) list.words = ReadList(list.path ? list.path : DefaultListPath());
    return list.words;
}

// Structural weaknesses that need no list: a repeated pattern or a run of digits.
bool IsStructurallyWeak(const std::u32string& chars) {
    return IsRepeatedPattern(chars) || IsDigitRun(chars);
}

}  // namespace

struct PasswordHasher::Impl {
    PasswordHashParams params;
    unsigned max_concurrent;
    std::chrono::milliseconds max_wait;
    std::mutex mu;
    std::condition_variable freed;
    std::atomic<unsigned> in_flight{0};
};

namespace {

// One of the hasher's max_concurrent slots, held for the duration of one Argon2id computation.
class Slot {
public:
    explicit Slot(PasswordHasher::Impl& impl) : impl_(impl) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() {
        if (!held_) return;
        {
            const std::lock_guard lock(impl_.mu);
            impl_.in_flight.fetch_sub(1);
        }
        impl_.freed.notify_one();
    }

    /// False when no slot freed up within max_wait.
    bool Acquire() {
        std::unique_lock lock(impl_.mu);
        if (!impl_.freed.wait_for(lock, impl_.max_wait,
                                  [&] { return impl_.in_flight.load() < impl_.max_concurrent; })) {
            return false;
        }
        impl_.in_flight.fetch_add(1);
        held_ = true;
        return true;
    }

private:
    PasswordHasher::Impl& impl_;
    bool held_ = false;
};

core::Error Busy(const PasswordHasher::Impl& impl) {
    return core::MakeError(core::ErrorCode::kUnavailable, "auth.busy",
                           "all " + std::to_string(impl.max_concurrent) +
                               " password hashing slots stayed busy past the wait limit");
}

// Checks the parameters before anything is allocated, so that a failed check leaks nothing.
PasswordHasher::Impl* NewImpl(PasswordHashParams params, unsigned max_concurrent,
                              std::chrono::milliseconds max_wait) {
    InitSodium();
    OQU_ASSERT(max_concurrent > 0, "PasswordHasher needs at least one slot");
    OQU_ASSERT(params.memory_bytes >= crypto_pwhash_MEMLIMIT_MIN,
               "Argon2id memory below libsodium's minimum");
    OQU_ASSERT(params.passes >= crypto_pwhash_OPSLIMIT_MIN, "Argon2id passes below libsodium's minimum");
    return new PasswordHasher::Impl{params, max_concurrent, max_wait};
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordHashParams params, unsigned max_concurrent,
                               std::chrono::milliseconds max_wait)
    : impl_(NewImpl(params, max_concurrent, max_wait)) {}

PasswordHasher::~PasswordHasher() {
    delete impl_;
}

core::Result<std::string> PasswordHasher::Hash(std::string_view password) const {
    Slot slot(*impl_);
    if (!slot.Acquire()) return Busy(*impl_);
    const std::string input = HashInput(password);
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, input.data(), input.size(), impl_->params.passes,
                              impl_->params.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        // libsodium fails here only when it cannot allocate the memory: the machine is overloaded.
        return core::MakeError(core::ErrorCode::kUnavailable, "auth.busy",
                               "Argon2id could not allocate its memory");
    }
    return std::string(encoded);
}

core::Result<bool> PasswordHasher::Verify(std::string_view encoded, std::string_view password) const {
    // A malformed hash is refused before it takes a slot; libsodium checks the rest.
    if (!encoded.starts_with(kArgon2idPrefix) || encoded.size() >= crypto_pwhash_STRBYTES) return false;
    Slot slot(*impl_);
    if (!slot.Acquire()) return Busy(*impl_);
    const std::string terminated(encoded);  // libsodium reads a NUL-terminated string.
    const std::string input = HashInput(password);
    return crypto_pwhash_str_verify(terminated.c_str(), input.data(), input.size()) == 0;
}

bool PasswordHasher::NeedsRehash(std::string_view encoded) const {
    // libsodium would also accept an Argon2i hash with matching parameters; we want Argon2id.
    if (!encoded.starts_with(kArgon2idPrefix) || encoded.size() >= crypto_pwhash_STRBYTES) return true;
    const std::string terminated(encoded);
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), impl_->params.passes,
                                          impl_->params.memory_bytes) != 0;
}

unsigned PasswordHasher::InFlight() const {
    return impl_->in_flight.load();
}

void SetPasswordListPath(std::filesystem::path path) {
    PasswordList& list = List();
    const std::lock_guard lock(list.mu);
    list.path = std::move(path);
    list.words.reset();
}

std::size_t CommonPasswordCount() {
    return CommonPasswords()->size();
}

core::Status CheckPasswordPolicy(std::string_view password, std::string_view login) {
    if (password.size() > kMaxPasswordBytes) {
        return Invalid("auth.password_invalid", "password longer than 1024 bytes");
    }
    if (!IsValidUtf8(password)) return Invalid("auth.password_invalid", "password is not valid UTF-8");
    const icu::UnicodeString normal = Nfkc(password);
    const std::u32string chars = CodePoints(normal);
    if (HasControlCharacter(chars)) {
        return Invalid("auth.password_invalid", "password contains a control character");
    }
    if (normal.countChar32() < kMinPasswordChars) {
        return Invalid("auth.password_too_short", "password shorter than 12 characters");
    }
    if (!login.empty() && IsValidUtf8(login)) {
        const std::string folded = Folded(password);
        const std::string folded_login = Folded(login);
        const bool long_login = Nfkc(login).countChar32() >= kMinLoginCharsForContains;
        if (folded == folded_login || (long_login && folded.find(folded_login) != std::string::npos)) {
            return Invalid("auth.password_is_login", "password contains the login");
        }
    }
    if (IsStructurallyWeak(chars)) {
        return Invalid("auth.password_common", "password is a repeated pattern or a run of digits");
    }
    if (CommonPasswords()->contains(Folded(password))) {
        return Invalid("auth.password_common", "password is on the common-passwords list");
    }
    return core::OkStatus();
}

std::string GeneratePassword() {
    InitSodium();
    // No 0/O, 1/l/I: the password may be read aloud or copied from paper.
    static constexpr std::string_view kAlphabet = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    constexpr std::size_t kLength = 16;
    for (;;) {
        std::string password(kLength, ' ');
        for (char& c : password) {
            c = kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
        }
        std::u32string chars(password.begin(), password.end());
        // About one draw in 10^24 is a repeated pattern; draw again rather than hand it out.
        if (!IsStructurallyWeak(chars)) return password;
    }
}

}  // namespace oqu::platform::auth
