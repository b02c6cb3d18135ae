#include "platform/auth/totp.hpp"

#include <set>

#include <gtest/gtest.h>

namespace oqu::platform::auth {
namespace {

// RFC 6238 appendix B and RFC 4226 appendix D: the ASCII secret "12345678901234567890".
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

// xxxx-xxxx-xxxx over the unambiguous alphabet (no 0, 1, i, l, o).
bool IsRecoveryCode(const std::string& code) {
    constexpr std::string_view kAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";
    if (code.size() != 14 || code[4] != '-' || code[9] != '-') return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i != 4 && i != 9 && kAlphabet.find(code[i]) == std::string_view::npos) return false;
    }
    return true;
}

core::Instant At(std::int64_t unix_seconds) {
    return core::FromMicros(unix_seconds * 1'000'000);
}

/// RFC 4648 section 10 test vectors.
TEST(Base32Test, EncodesRfc4648Vectors) {
    EXPECT_EQ(Base32Encode("", true), "");
    EXPECT_EQ(Base32Encode("f", true), "MY======");
    EXPECT_EQ(Base32Encode("fo", true), "MZXQ====");
    EXPECT_EQ(Base32Encode("foo", true), "MZXW6===");
    EXPECT_EQ(Base32Encode("foob", true), "MZXW6YQ=");
    EXPECT_EQ(Base32Encode("fooba", true), "MZXW6YTB");
    EXPECT_EQ(Base32Encode("foobar", true), "MZXW6YTBOI======");
    EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
    EXPECT_EQ(Base32Encode("12345678901234567890"), kRfcSecret);
}

TEST(Base32Test, DecodesRfc4648VectorsWithOrWithoutPadding) {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""},
        {"f", "MY======"},
        {"fo", "MZXQ===="},
        {"foo", "MZXW6==="},
        {"foob", "MZXW6YQ="},
        {"fooba", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI======"},
    };
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(Base32Decode(encoded), plain) << encoded;
        std::string unpadded(encoded);
        unpadded.erase(unpadded.find_last_not_of('=') + 1);
        EXPECT_EQ(Base32Decode(unpadded), plain) << unpadded;
    }
    EXPECT_EQ(Base32Decode("mzxw6ytboi"), "foobar");
}

TEST(Base32Test, RefusesMalformedText) {
    EXPECT_EQ(Base32Decode("MZXW1YTB"), std::nullopt);   // 1 is not in the alphabet
    EXPECT_EQ(Base32Decode("MZXW6YQ"), "foob");          // 7 characters: 4 bytes, valid
    EXPECT_EQ(Base32Decode("MZXW6YT"), std::nullopt);    // ...but only with the unused bits zero
    EXPECT_EQ(Base32Decode("M"), std::nullopt);          // 1 character is not a whole byte
    EXPECT_EQ(Base32Decode("MZX"), std::nullopt);        // nor 3
    EXPECT_EQ(Base32Decode("MZXW6Y"), std::nullopt);     // nor 6
    EXPECT_EQ(Base32Decode("MZ======"), std::nullopt);   // non-zero unused bits
    EXPECT_EQ(Base32Decode("MY====="), std::nullopt);    // padding not to a multiple of 8
    EXPECT_EQ(Base32Decode("M=Y====="), std::nullopt);   // padding in the middle
    EXPECT_EQ(Base32Decode("========"), std::nullopt);   // padding alone
    EXPECT_EQ(Base32Decode("MZXW 6YTB"), std::nullopt);  // spaces
}

TEST(Base32Test, RoundTripsEveryLength) {
    std::string bytes;
    for (int n = 0; n < 40; ++n) {
        EXPECT_EQ(Base32Decode(Base32Encode(bytes)), bytes) << n;
        EXPECT_EQ(Base32Decode(Base32Encode(bytes, true)), bytes) << n;
        bytes.push_back(static_cast<char>(n * 37 + 200));
    }
}

/// RFC 6238 appendix B, SHA-1 rows: the 8-digit codes end in our 6-digit ones.
TEST(TotpTest, MatchesRfc6238Vectors) {
    const std::pair<std::int64_t, const char*> vectors[] = {
        {59, "287082"},           // 94287082
        {1111111109, "081804"},   // 07081804
        {1111111111, "050471"},   // 14050471
        {1234567890, "005924"},   // 89005924
        {2000000000, "279037"},   // 69279037
        {20000000000, "353130"},  // 65353130
    };
    for (const auto& [seconds, code] : vectors) {
        EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(At(seconds))), code) << seconds;
    }
}

/// RFC 4226 appendix D: HOTP values for counters 0 to 9 (a TOTP step is the counter).
TEST(TotpTest, MatchesRfc4226Vectors) {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (int counter = 0; counter < 10; ++counter) {
        EXPECT_EQ(TotpCode(kRfcSecret, counter), expected[counter]) << counter;
    }
}

TEST(TotpTest, StepIsThirtySeconds) {
    EXPECT_EQ(TotpStep(At(0)), 0);
    EXPECT_EQ(TotpStep(At(29)), 0);
    EXPECT_EQ(TotpStep(At(30)), 1);
    EXPECT_EQ(TotpStep(At(59)), 1);
    EXPECT_EQ(TotpStep(At(60) - std::chrono::microseconds(1)), 1);
    EXPECT_EQ(TotpStep(At(1111111109)), 37037036);
    EXPECT_EQ(TotpStep(At(-1)), -1);
}

TEST(TotpTest, InvalidSecretHasNoCode) {
    EXPECT_EQ(TotpCode("not base32!", 1), std::nullopt);
    EXPECT_EQ(TotpCode("", 1), std::nullopt);
}

/// One step of drift either way is accepted, two are not.
TEST(TotpTest, VerifyAcceptsOneStepOfDrift) {
    const auto now = At(65);  // step 2
    EXPECT_EQ(VerifyTotp(kRfcSecret, "359152", now, -1), 2);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "287082", now, -1), 1);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "969429", now, -1), 3);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "755224", now, -1), std::nullopt);  // step 0: too old
    EXPECT_EQ(VerifyTotp(kRfcSecret, "338314", now, -1), std::nullopt);  // step 4: too new
    EXPECT_EQ(VerifyTotp(kRfcSecret, "000000", now, -1), std::nullopt);
}

/// A code is good once: its step, or an older one, cannot be used again.
TEST(TotpTest, VerifyRefusesReplay) {
    const auto now = At(65);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "359152", now, 2), std::nullopt);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "287082", now, 2), std::nullopt);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "287082", now, 1), std::nullopt);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "359152", now, 1), 2);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "969429", now, 2), 3);
}

TEST(TotpTest, VerifyReadsTypedCodes) {
    const auto now = At(65);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "359 152", now, -1), 2);
    EXPECT_EQ(VerifyTotp(kRfcSecret, " 359152 ", now, -1), 2);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "35915", now, -1), std::nullopt);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "3591522", now, -1), std::nullopt);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "35915a", now, -1), std::nullopt);
    EXPECT_EQ(VerifyTotp(kRfcSecret, "", now, -1), std::nullopt);
    EXPECT_EQ(VerifyTotp("!!", "359152", now, -1), std::nullopt);
}

TEST(TotpTest, NewSecretIs160RandomBits) {
    const std::string a = NewTotpSecret();
    const std::string b = NewTotpSecret();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
    const auto bytes = Base32Decode(a);
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(bytes->size(), 20u);
    EXPECT_TRUE(TotpCode(a, 1).has_value());
}

TEST(TotpTest, UriFollowsKeyUriFormat) {
    EXPECT_EQ(
        TotpUri("Oqu", "a.seitkali", "JBSWY3DPEHPK3PXP"),
        "otpauth://totp/Oqu:a.seitkali?secret=JBSWY3DPEHPK3PXP&issuer=Oqu&algorithm=SHA1&digits=6&period=30");
    EXPECT_EQ(
        TotpUri("Oqu University", "user@kaznu.kz", "AA"),
        "otpauth://totp/Oqu%20University:user%40kaznu.kz?secret=AA&issuer=Oqu%20University&algorithm=SHA1&"
        "digits=6&period=30");
    // A login in Cyrillic is UTF-8, percent-encoded byte by byte.
    EXPECT_EQ(TotpUri("Oqu", "ә", "AA").substr(0, 26), "otpauth://totp/Oqu:%D3%99?");
}

TEST(QrSvgTest, DrawsAnAccessibleSvgWithoutInlineStyle) {
    const auto svg = QrSvg(TotpUri("Oqu", "a.seitkali", NewTotpSecret()), "QR code <for> \"Oqu\" & app");
    ASSERT_TRUE(svg.has_value()) << svg.error().detail;
    EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
    EXPECT_TRUE(svg->ends_with("</svg>"));
    EXPECT_NE(svg->find("<title>QR code &lt;for&gt; &quot;Oqu&quot; &amp; app</title>"), std::string::npos);
    EXPECT_EQ(svg->find("style"), std::string::npos);
    EXPECT_EQ(svg->find("script"), std::string::npos);
    EXPECT_EQ(svg->find(" on"), std::string::npos);  // no event handler attributes

    // Size: 21 + 4k modules plus a quiet zone of 4 on each side.
    const std::string_view view_box = "viewBox=\"0 0 ";
    const auto at = svg->find(view_box);
    ASSERT_NE(at, std::string::npos);
    const int size = std::stoi(svg->substr(at + view_box.size()));
    EXPECT_NE(svg->find("viewBox=\"0 0 " + std::to_string(size) + " " + std::to_string(size) + "\""),
              std::string::npos);
    EXPECT_GE(size, 21 + 8);
    EXPECT_EQ((size - 8 - 21) % 4, 0) << size;
    // The top-left finder pattern: its top row is 7 dark modules starting inside the quiet zone.
    EXPECT_NE(svg->find("d=\"M4 4h7v1h-7z"), std::string::npos);
}

TEST(QrSvgTest, TextTooLongForAQrCodeIsRefused) {
    const auto svg = QrSvg(std::string(3000, 'x'), "too long");
    ASSERT_FALSE(svg.has_value());
    EXPECT_EQ(svg.error().code, core::ErrorCode::kTooLarge);
    EXPECT_EQ(svg.error().message_key, "auth.qr_too_long");
}

TEST(RecoveryCodesTest, TenDistinctCodesInGroupsOfFour) {
    const auto codes = NewRecoveryCodes();
    ASSERT_EQ(codes.size(), 10u);
    for (const auto& code : codes) EXPECT_TRUE(IsRecoveryCode(code)) << code;
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
    EXPECT_EQ(NewRecoveryCodes(3).size(), 3u);
    EXPECT_TRUE(NewRecoveryCodes(0).empty());
}

TEST(RecoveryCodesTest, NormalisesTypedCodes) {
    EXPECT_EQ(NormaliseRecoveryCode("k7m2-9qxd-4tpa"), "k7m29qxd4tpa");
    EXPECT_EQ(NormaliseRecoveryCode(" K7M2 9QXD-4TPA "), "k7m29qxd4tpa");
    EXPECT_EQ(NormaliseRecoveryCode("k7m29qxd4tpa"), "k7m29qxd4tpa");
    const auto code = NewRecoveryCodes(1).front();
    EXPECT_EQ(NormaliseRecoveryCode(code).size(), 12u);
}

}  // namespace
}  // namespace oqu::platform::auth
