#include "platform/auth/password.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sodium.h>

#include "platform/web/tests/resource_dir.hpp"

namespace oqu::platform::auth {
namespace {

using std::chrono::milliseconds;

// The smallest parameters libsodium accepts keep tests fast; one test proves the defaults.
constexpr PasswordHashParams kFast{.memory_bytes = 64u << 10, .passes = 1};

std::filesystem::path ListPath() {
    return web::testing::ResourceDir() / "platform/auth/data/common-passwords.txt";
}

/// The defaults are OWASP's floor for Argon2id: 19 MiB (m=19456 KiB), 2 passes, 1 lane.
TEST(PasswordHasherTest, DefaultParametersAreAtLeast19MiBAndTwoPasses) {
    const PasswordHasher hasher;
    const auto encoded = hasher.Hash("correct horse battery staple");
    ASSERT_TRUE(encoded.has_value());
    unsigned memory_kib = 0;
    unsigned passes = 0;
    unsigned lanes = 0;
    ASSERT_EQ(std::sscanf(encoded->c_str(), "$argon2id$v=19$m=%u,t=%u,p=%u$", &memory_kib, &passes, &lanes),
              3)
        << *encoded;
    EXPECT_GE(memory_kib, 19456u);  // 19 MiB
    EXPECT_GE(passes, 2u);
    EXPECT_EQ(lanes, 1u);
    EXPECT_TRUE(encoded->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << *encoded;
    EXPECT_TRUE(hasher.Verify(*encoded, "correct horse battery staple").value());
    EXPECT_FALSE(hasher.NeedsRehash(*encoded));
}

TEST(PasswordHasherTest, VerifiesOnlyTheRightPassword) {
    const PasswordHasher hasher(kFast);
    const auto encoded = hasher.Hash("Жаңа құпиясөз 2026");
    ASSERT_TRUE(encoded.has_value());
    EXPECT_TRUE(hasher.Verify(*encoded, "Жаңа құпиясөз 2026").value());
    EXPECT_FALSE(hasher.Verify(*encoded, "жаңа құпиясөз 2026").value());
    EXPECT_FALSE(hasher.Verify(*encoded, "Жаңа құпиясөз 2026 ").value());
    EXPECT_FALSE(hasher.Verify(*encoded, "").value());
    // Two hashes of one password differ by their salt.
    EXPECT_NE(*encoded, *hasher.Hash("Жаңа құпиясөз 2026"));
}

TEST(PasswordHasherTest, MalformedHashesVerifyFalse) {
    const PasswordHasher hasher(kFast);
    for (const char* bad :
         {"", "$argon2id$", "$argon2id$v=19$m=64,t=1,p=1$garbage",
          "$2y$10$abcdefghijklmnopqrstuuJ0Zz0Z0Z0Z0Z0Z0Z0Z0Z0Z0Z0Z0Z0Z0", "plain text password"}) {
        const auto verified = hasher.Verify(bad, "plain text password");
        ASSERT_TRUE(verified.has_value()) << bad;
        EXPECT_FALSE(*verified) << bad;
    }
    EXPECT_FALSE(hasher.Verify(std::string(200, 'x'), "x").value());
}

/// The same characters typed precomposed or decomposed (й or и + U+0306) are one password.
TEST(PasswordHasherTest, NormalisesUnicodeBeforeHashing) {
    const PasswordHasher hasher(kFast);
    const auto encoded = hasher.Hash("мой-йогурт-2026");
    ASSERT_TRUE(encoded.has_value());
    EXPECT_TRUE(hasher.Verify(*encoded, "мой-и\xCC\x86огурт-2026").value());
    // Full-width digits are compatibility forms of the ASCII ones.
    const auto digits = hasher.Hash("пароль-１２３");
    EXPECT_TRUE(hasher.Verify(*digits, "пароль-123").value());
}

/// Bytes that are not UTF-8 are hashed as they are, never merged into one replacement character.
TEST(PasswordHasherTest, HashesInvalidUtf8AsBytes) {
    const PasswordHasher hasher(kFast);
    const auto encoded = hasher.Hash("abc\xFF\xFE");
    ASSERT_TRUE(encoded.has_value());
    EXPECT_TRUE(hasher.Verify(*encoded, "abc\xFF\xFE").value());
    EXPECT_FALSE(hasher.Verify(*encoded, "abc\xFE\xFF").value());
    EXPECT_FALSE(hasher.Verify(*encoded, "abc\xEF\xBF\xBD\xEF\xBF\xBD").value());
}

TEST(PasswordHasherTest, NeedsRehashWhenParametersOrAlgorithmDiffer) {
    const PasswordHasher fast(kFast);
    const PasswordHasher stronger(PasswordHashParams{.memory_bytes = 128u << 10, .passes = 2});
    const std::string encoded = fast.Hash("some long password").value();
    EXPECT_FALSE(fast.NeedsRehash(encoded));
    EXPECT_TRUE(stronger.NeedsRehash(encoded));
    EXPECT_TRUE(fast.NeedsRehash("garbage"));

    char argon2i[crypto_pwhash_STRBYTES];
    // Argon2i needs at least 3 passes.
    ASSERT_EQ(crypto_pwhash_str_alg(argon2i, "pw", 2, 3, kFast.memory_bytes, crypto_pwhash_ALG_ARGON2I13), 0);
    EXPECT_TRUE(fast.NeedsRehash(argon2i));
}

/// With one slot, many threads hashing at once never have two hashes in flight.
TEST(PasswordHasherTest, CapsConcurrentHashes) {
    // 4 MiB per hash: long enough (milliseconds) for the sampler to see each one in flight.
    const PasswordHasher hasher(PasswordHashParams{.memory_bytes = 4u << 20, .passes = 1}, 1,
                                std::chrono::seconds(60));
    std::atomic<bool> done{false};
    std::atomic<unsigned> max_seen{0};
    std::atomic<int> hashed{0};
    std::thread sampler([&] {
        while (!done.load()) {
            const unsigned now = hasher.InFlight();
            unsigned prev = max_seen.load();
            while (now > prev && !max_seen.compare_exchange_weak(prev, now)) {
            }
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> workers;
    workers.reserve(8);
    for (int t = 0; t < 8; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < 4; ++i) {
                if (hasher.Hash("password of thread " + std::to_string(t)).has_value()) ++hashed;
            }
        });
    }
    for (auto& w : workers) w.join();
    done = true;
    sampler.join();
    EXPECT_EQ(hashed.load(), 32);
    EXPECT_EQ(max_seen.load(), 1u);
    EXPECT_EQ(hasher.InFlight(), 0u);
}

/// The cap is a count: with two slots, four threads never have more than two hashes in flight.
TEST(PasswordHasherTest, CapOfTwoHolds) {
    const PasswordHasher hasher(PasswordHashParams{.memory_bytes = 8u << 20, .passes = 1}, 2,
                                std::chrono::seconds(60));
    std::atomic<bool> done{false};
    std::atomic<unsigned> max_seen{0};
    std::thread sampler([&] {
        while (!done.load()) {
            max_seen = std::max(max_seen.load(), hasher.InFlight());
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> workers;
    workers.reserve(4);
    for (int t = 0; t < 4; ++t) {
        workers.emplace_back([&] {
            for (int i = 0; i < 4; ++i) EXPECT_TRUE(hasher.Hash("x").has_value());
        });
    }
    for (auto& w : workers) w.join();
    done = true;
    sampler.join();
    EXPECT_LE(max_seen.load(), 2u);
    EXPECT_GE(max_seen.load(), 1u);
}

/// A caller that cannot get a slot within max_wait is told the service is busy.
TEST(PasswordHasherTest, BusyWhenNoSlotFreesUpInTime) {
    // One slot held by a slow hash (64 MiB, 3 passes: hundreds of milliseconds) and no wait at all.
    const PasswordHasher hasher(PasswordHashParams{.memory_bytes = 64u << 20, .passes = 3}, 1,
                                milliseconds(0));
    const std::string other = PasswordHasher(kFast).Hash("other password").value();
    std::thread slow([&] { EXPECT_TRUE(hasher.Hash("slow password").has_value()); });
    while (hasher.InFlight() == 0) std::this_thread::yield();
    const auto hashed = hasher.Hash("another password");
    const auto verified = hasher.Verify(other, "other password");
    slow.join();  // before any assertion can return

    ASSERT_FALSE(hashed.has_value());
    EXPECT_EQ(hashed.error().code, core::ErrorCode::kUnavailable);
    EXPECT_EQ(hashed.error().message_key, "auth.busy");
    ASSERT_FALSE(verified.has_value());
    EXPECT_EQ(verified.error().message_key, "auth.busy");
    EXPECT_EQ(hasher.InFlight(), 0u);
    EXPECT_TRUE(hasher.Verify(other, "other password").value());
}

class PasswordPolicyTest : public ::testing::Test {
protected:
    void SetUp() override { SetPasswordListPath(ListPath()); }
    void TearDown() override { SetPasswordListPath(ListPath()); }
};

std::string Outcome(const core::Status& status) {
    return status.has_value() ? "ok" : status.error().message_key;
}

TEST_F(PasswordPolicyTest, Table) {
    struct Case {
        std::string password;
        std::string login;
        std::string expected;
    };
    std::string long_ok;
    for (int i = 0; i < 1024; ++i) long_ok.push_back(static_cast<char>('a' + (i * 7 + i / 26) % 26));
    const std::vector<Case> cases{
        {"battery staple horse", "", "ok"},
        {"маржан-көктем-ақпан", "", "ok"},
        {"әліппе-кітап", "", "ok"},                      // 12 code points, 23 bytes
        {"әліппекітап", "", "auth.password_too_short"},  // 11 code points, 22 bytes
        {"abcdefghijk", "", "auth.password_too_short"},
        {"", "", "auth.password_too_short"},
        {"и\xCC\x86и\xCC\x86и\xCC\x86и\xCC\x86и\xCC\x86и\xCC\x86", "",
         "auth.password_too_short"},  // 6 after NFC
        {long_ok, "", "ok"},
        {long_ok + "b", "", "auth.password_invalid"},  // 1025 bytes
        {"\xC3\x28"
         "abcdefghijklmn",
         "", "auth.password_invalid"},  // broken sequence
        {"\xC0\xAF"
         "abcdefghijklmn",
         "", "auth.password_invalid"},  // overlong '/'
        {"\xED\xA0\x80"
         "abcdefghijklmn",
         "", "auth.password_invalid"},  // surrogate
        {"good password\n12", "", "auth.password_invalid"},
        {std::string("good password\0"
                     "12",
                     16),
         "", "auth.password_invalid"},
        {"A.Seitkali-2024!", "a.seitkali", "auth.password_is_login"},
        {"aigerim.seitkali", "Aigerim.Seitkali", "auth.password_is_login"},
        {"АЙГЕРИМ-ЖАҢА-2026", "айгерим", "auth.password_is_login"},
        {"kimberly-flowers", "kim", "ok"},  // a login under 4 characters is refused only as the whole
        {"password1234", "", "auth.password_common"},
        {"PassWord1234", "", "auth.password_common"},
        {"ЙЦУКЕНГШЩЗХЪ", "", "auth.password_common"},
        {"qwertyuiop123", "", "auth.password_common"},
        {"1q2w3e4r5t6y", "", "auth.password_common"},
        {"administrator", "", "auth.password_common"},
        {"１２３４５６７８９０１２", "", "auth.password_common"},  // full-width digits
        {"aaaaaaaaaaaaaaaaaaaa", "", "auth.password_common"},      // one character repeated
        {"жжжжжжжжжжжжжж", "", "auth.password_common"},
        {"xyxyxyxyxyxyxy", "", "auth.password_common"},
        {"abcdabcdabcdabcd", "", "auth.password_common"},  // a pattern of 4 repeated
        {"abcdeabcdeabcde", "", "ok"},                     // 5 is long enough to count as chosen
        {"34567890123456", "", "auth.password_common"},    // ascending digits
        {"98765432109876", "", "auth.password_common"},    // descending digits
        {"13579135791357", "", "ok"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(Outcome(CheckPasswordPolicy(c.password, c.login)), c.expected) << c.password;
    }
}

TEST_F(PasswordPolicyTest, ErrorsAreInvalidInput) {
    const auto status = CheckPasswordPolicy("short", "");
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidInput);
}

/// Every entry of the shipped list is read and refused.
TEST_F(PasswordPolicyTest, EveryListedPasswordIsRefused) {
    EXPECT_GT(CommonPasswordCount(), 1000u);
    std::ifstream in(ListPath());
    ASSERT_TRUE(in) << ListPath();
    std::string line;
    int entries = 0;
    while (std::getline(in, line)) {
        if (line.starts_with("# ")) continue;
        ++entries;
        EXPECT_EQ(Outcome(CheckPasswordPolicy(line, "")), "auth.password_common") << line;
    }
    EXPECT_EQ(static_cast<std::size_t>(entries), CommonPasswordCount());
}

/// Without the list the other checks still hold.
TEST_F(PasswordPolicyTest, MissingListKeepsOtherChecks) {
    SetPasswordListPath("/nonexistent/common-passwords.txt");
    EXPECT_EQ(CommonPasswordCount(), 0u);
    EXPECT_EQ(Outcome(CheckPasswordPolicy("password1234", "")), "ok");
    EXPECT_EQ(Outcome(CheckPasswordPolicy("aaaaaaaaaaaa", "")), "auth.password_common");
    EXPECT_EQ(Outcome(CheckPasswordPolicy("short", "")), "auth.password_too_short");
    EXPECT_EQ(Outcome(CheckPasswordPolicy("a.seitkali-2024", "a.seitkali")), "auth.password_is_login");
}

TEST_F(PasswordPolicyTest, ListPathCanBeChanged) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("oqu-auth-list-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "list.txt") << "# a comment line\nmy own weak phrase\r\nОҚУ-ПОРТАЛ-ПАРОЛЬ\n\n";
    SetPasswordListPath(dir / "list.txt");
    EXPECT_EQ(CommonPasswordCount(), 2u);
    EXPECT_EQ(Outcome(CheckPasswordPolicy("My Own Weak Phrase", "")), "auth.password_common");
    EXPECT_EQ(Outcome(CheckPasswordPolicy("оқу-портал-пароль", "")), "auth.password_common");
    EXPECT_EQ(Outcome(CheckPasswordPolicy("password1234", "")), "ok");
    EXPECT_EQ(Outcome(CheckPasswordPolicy("# a comment line", "")), "ok");
    std::filesystem::remove_all(dir);
}

TEST(GeneratePasswordTest, SatisfiesThePolicy) {
    SetPasswordListPath(ListPath());
    const std::string a = GeneratePassword();
    const std::string b = GeneratePassword();
    EXPECT_EQ(a.size(), 16u);
    EXPECT_NE(a, b);
    EXPECT_TRUE(CheckPasswordPolicy(a, "").has_value());
    EXPECT_EQ(a.find_first_of("01lIoO"), std::string::npos);
}

}  // namespace
}  // namespace oqu::platform::auth
