#include "platform/auth/receipt.hpp"

#include <gtest/gtest.h>

namespace oqu::platform::auth {
namespace {

constexpr std::string_view kSha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

TEST(UploadReceiptTest, OnlyTheSessionPurposeAndFileOfThePreviewPass) {
    const std::string receipt = UploadReceipt("csrf-of-session-a", "courses.cartridge:12", kSha);
    EXPECT_EQ(receipt.size(), 64U);
    EXPECT_TRUE(CheckUploadReceipt("csrf-of-session-a", "courses.cartridge:12", kSha, receipt));
    // Another session, another target, another file, a forged or missing receipt: refused.
    EXPECT_FALSE(CheckUploadReceipt("csrf-of-session-b", "courses.cartridge:12", kSha, receipt));
    EXPECT_FALSE(CheckUploadReceipt("csrf-of-session-a", "courses.cartridge:13", kSha, receipt));
    EXPECT_FALSE(CheckUploadReceipt("csrf-of-session-a", "assessment.questions:12", kSha, receipt));
    std::string other_sha(kSha);
    other_sha.back() = '9';
    EXPECT_FALSE(CheckUploadReceipt("csrf-of-session-a", "courses.cartridge:12", other_sha, receipt));
    EXPECT_FALSE(CheckUploadReceipt("csrf-of-session-a", "courses.cartridge:12", kSha, std::string(kSha)));
    EXPECT_FALSE(CheckUploadReceipt("csrf-of-session-a", "courses.cartridge:12", kSha, ""));
}

TEST(UploadReceiptTest, NoSessionNoReceipt) {
    EXPECT_FALSE(CheckUploadReceipt("", "courses.cartridge:12", kSha,
                                    UploadReceipt("", "courses.cartridge:12", kSha)));
}

TEST(UploadReceiptTest, PartsCannotBeShiftedIntoOneAnother) {
    EXPECT_NE(UploadReceipt("ab", "c", kSha), UploadReceipt("a", "bc", kSha));
}

}  // namespace
}  // namespace oqu::platform::auth
