#include "platform/auth/totp.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>
#include <new>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <qrencode.h>
#include <sodium.h>

#include "platform/auth/tokens.hpp"

namespace oqu::platform::auth {

namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::int64_t kStepSeconds = 30;
constexpr int kDigits = 6;
constexpr std::uint32_t kModulus = 1'000'000;  // 10^kDigits
constexpr std::size_t kSecretBytes = 20;       // 160 bits, RFC 4226's recommendation.
constexpr int kQuietZone = 4;                  // Modules of white around the symbol (ISO 18004).
constexpr int kPixelsPerModule = 5;
// No 0/o, 1/l/i: codes are written on paper and typed back.
constexpr std::string_view kRecoveryAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";
constexpr int kRecoveryGroups = 3;
constexpr int kRecoveryGroupLength = 4;

int Base32Value(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto pos = kBase32Alphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// RFC 3986 percent-encoding of everything but the unreserved characters.
std::string PercentEncode(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out.push_back(static_cast<char>(c));
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return out;
}

std::string XmlEscape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

// RFC 4226 section 5.3: HMAC-SHA1 of the big-endian counter, dynamically truncated.
std::string HotpCode(const std::string& key, std::uint64_t counter) {
    std::array<unsigned char, 8> message{};
    for (int i = 7; i >= 0; --i) {
        message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xFFU);
        counter >>= 8U;
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int mac_length = 0;
    if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(), mac.data(),
             &mac_length) == nullptr ||
        mac_length != 20) {
        throw std::runtime_error("OpenSSL HMAC-SHA1 failed");
    }
    const std::size_t offset = mac[19] & 0x0FU;
    const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7FU) << 24U) |
                                 (static_cast<std::uint32_t>(mac[offset + 1]) << 16U) |
                                 (static_cast<std::uint32_t>(mac[offset + 2]) << 8U) |
                                 static_cast<std::uint32_t>(mac[offset + 3]);
    return fmt::format("{:0{}}", binary % kModulus, kDigits);
}

}  // namespace

std::string Base32Encode(std::string_view bytes, bool pad) {
    std::string out;
    out.reserve((bytes.size() + 4) / 5 * 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char byte : bytes) {
        buffer = (buffer << 8U) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(kBase32Alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU]);
        }
    }
    if (bits > 0) out.push_back(kBase32Alphabet[(buffer << static_cast<unsigned>(5 - bits)) & 0x1FU]);
    if (pad) {
        while (out.size() % 8 != 0) out.push_back('=');
    }
    return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
    if (text.size() % 8 == 0) {
        // Padding is optional, but when present it fills the last group exactly (at most 6 '=').
        const auto data_end = text.find_last_not_of('=');
        const std::size_t padding =
            data_end == std::string_view::npos ? text.size() : text.size() - data_end - 1;
        if (padding > 6) return std::nullopt;
        text.remove_suffix(padding);
    }
    // A final group of 1, 3 or 6 characters cannot come from whole bytes.
    switch (text.size() % 8) {
        case 1:
        case 3:
        case 6:
            return std::nullopt;
        default:
            break;
    }
    std::string out;
    out.reserve(text.size() * 5 / 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int value = Base32Value(c);
        if (value < 0) return std::nullopt;
        buffer = (buffer << 5U) | static_cast<std::uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
        }
    }
    // The leftover bits only pad the last character; a canonical encoding leaves them zero.
    if ((buffer & ((1U << static_cast<unsigned>(bits)) - 1U)) != 0) return std::nullopt;
    return out;
}

std::string NewTotpSecret() {
    InitSodium();
    std::array<unsigned char, kSecretBytes> secret{};
    randombytes_buf(secret.data(), secret.size());
    std::string encoded =
        Base32Encode(std::string_view(reinterpret_cast<const char*>(secret.data()), secret.size()));
    sodium_memzero(secret.data(), secret.size());
    return encoded;
}

std::optional<std::string> TotpCode(std::string_view secret_base32, std::int64_t step) {
    auto key = Base32Decode(secret_base32);
    if (!key || key->empty()) return std::nullopt;
    std::string code = HotpCode(*key, static_cast<std::uint64_t>(step));
    sodium_memzero(key->data(), key->size());
    return code;
}

std::int64_t TotpStep(core::Instant at) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count();
    // Floor division, so that instants before 1970 fall into the step that contains them.
    return seconds >= 0 ? seconds / kStepSeconds : -((-seconds + kStepSeconds - 1) / kStepSeconds);
}

std::optional<std::int64_t> VerifyTotp(std::string_view secret_base32, std::string_view code,
                                       core::Instant now, std::int64_t last_used_step) {
    // Apps show "287 082"; people type it with or without the space.
    std::string typed;
    for (char c : code) {
        if (c == ' ') continue;
        if (c < '0' || c > '9') return std::nullopt;
        typed.push_back(c);
    }
    if (typed.size() != kDigits) return std::nullopt;
    auto key = Base32Decode(secret_base32);
    if (!key || key->empty()) return std::nullopt;
    const std::int64_t current = TotpStep(now);
    std::optional<std::int64_t> matched;
    // Every candidate is computed and compared, so the time taken says nothing about which matched.
    for (std::int64_t step = current - 1; step <= current + 1; ++step) {
        const bool equal = ConstantTimeEquals(HotpCode(*key, static_cast<std::uint64_t>(step)), typed);
        // A code of a step already used (or older) is a replay.
        if (equal && step > last_used_step && !matched) matched = step;
    }
    sodium_memzero(key->data(), key->size());
    return matched;
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
    // Key URI format of Google Authenticator: the label is "issuer:account", the issuer repeated.
    return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={}&period={}",
                       PercentEncode(issuer), PercentEncode(account), secret_base32, PercentEncode(issuer),
                       kDigits, kStepSeconds);
}

core::Result<std::string> QrSvg(std::string_view text, std::string_view title) {
    errno = 0;
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()),
                          0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) {
        if (errno == ERANGE) {
            return core::MakeError(core::ErrorCode::kTooLarge, "auth.qr_too_long",
                                   fmt::format("{} bytes do not fit in a QR code", text.size()));
        }
        if (errno == ENOMEM) throw std::bad_alloc();
        throw std::runtime_error(fmt::format("QRcode_encodeData failed: errno {}", errno));
    }
    const int width = code->width;
    const int size = width + 2 * kQuietZone;
    // Presentation attributes only (fill, shape-rendering): the site's CSP forbids inline style.
    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {0} {0}" width="{1}" height="{1}" )"
        R"(shape-rendering="crispEdges"><title>{2}</title><rect width="{0}" height="{0}" fill="#fff"/><path fill="#000" d=")",
        size, size * kPixelsPerModule, XmlEscape(title));
    // One sub-path per horizontal run of dark modules keeps the document small.
    for (int y = 0; y < width; ++y) {
        int x = 0;
        while (x < width) {
            const auto dark = [&](int col) { return (code->data[y * width + col] & 1U) != 0; };
            if (!dark(x)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < width && dark(x)) ++x;
            svg += fmt::format("M{} {}h{}v1h-{}z", start + kQuietZone, y + kQuietZone, x - start, x - start);
        }
    }
    svg += R"("/></svg>)";
    return svg;
}

std::vector<std::string> NewRecoveryCodes(int count) {
    InitSodium();
    std::vector<std::string> codes;
    if (count <= 0) return codes;
    codes.reserve(static_cast<std::size_t>(count));
    while (codes.size() < static_cast<std::size_t>(count)) {
        std::string code;
        for (int group = 0; group < kRecoveryGroups; ++group) {
            if (group > 0) code.push_back('-');
            for (int i = 0; i < kRecoveryGroupLength; ++i) {
                code.push_back(kRecoveryAlphabet[randombytes_uniform(
                    static_cast<std::uint32_t>(kRecoveryAlphabet.size()))]);
            }
        }
        // Codes of one set are distinct, so that using one never uses another.
        if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(std::move(code));
    }
    return codes;
}

std::string NormaliseRecoveryCode(std::string_view typed) {
    std::string out;
    out.reserve(typed.size());
    for (char c : typed) {
        if (c == '-' || c == ' ' || c == '\t') continue;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

}  // namespace oqu::platform::auth
