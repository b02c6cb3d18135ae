#include "platform/files/content_disposition.hpp"

#include <gtest/gtest.h>

namespace oqu::platform::files {
namespace {

struct InlineCase {
    const char* content_type;
    bool safe;
};

/// Only types a browser cannot run script from are served inline.
TEST(IsSafeInlineTest, Table) {
    const InlineCase cases[] = {
        {"image/png", true},
        {"image/jpeg", true},
        {"image/gif", true},
        {"image/webp", true},
        {"image/avif", true},
        {"audio/mpeg", true},
        {"audio/ogg", true},
        {"audio/x-wav", true},
        {"audio/webm", true},
        {"video/mp4", true},
        {"video/webm", true},
        {"text/plain", true},
        {"text/plain; charset=utf-8", true},
        {"Application/PDF", false},
        {"text/html", false},
        {"image/svg+xml", false},
        {"application/xml", false},
        {"text/xml", false},
        {"application/xhtml+xml", false},
        {"application/javascript", false},
        {"text/javascript", false},
        {"application/octet-stream", false},
        {"application/x-empty", false},
        {"", false},
        {"image/png-but-not-really", false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(IsSafeInline(c.content_type), c.safe) << c.content_type;
    }
}

/// Safe types are inline; everything else is a download.
TEST(DispositionForTest, InlineOrAttachment) {
    EXPECT_EQ(DispositionFor("image/png", ""), "inline");
    EXPECT_EQ(DispositionFor("text/html", ""), "attachment");
    EXPECT_EQ(DispositionFor("image/png", "photo.png"),
              "inline; filename=\"photo.png\"; filename*=UTF-8''photo.png");
    // PDF can carry JavaScript: downloaded, never shown from the portal's origin.
    EXPECT_EQ(DispositionFor("application/pdf", "report.pdf"),
              "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
}

/// A Kazakh file name is percent-encoded as UTF-8, with an ASCII fallback.
TEST(DispositionForTest, KazakhFilename) {
    EXPECT_EQ(DispositionFor("text/html", "Есеп_2026.pdf"),
              "attachment; filename=\"_____2026.pdf\"; "
              "filename*=UTF-8''%D0%95%D1%81%D0%B5%D0%BF_2026.pdf");
}

/// Quotes, CR and LF cannot break out of the header value or inject a header.
TEST(DispositionForTest, QuotesAndCrlfAreStripped) {
    const std::string value = DispositionFor("application/zip", "a\"b\r\nSet-Cookie: x=1\\.zip");
    EXPECT_EQ(value.find('\r'), std::string::npos);
    EXPECT_EQ(value.find('\n'), std::string::npos);
    EXPECT_EQ(value,
              "attachment; filename=\"abSet-Cookie: x=1.zip\"; "
              "filename*=UTF-8''a%22bSet-Cookie%3A%20x%3D1%5C.zip");
}

/// Path separators never survive into the fallback name.
TEST(DispositionForTest, PathSeparatorsReplaced) {
    EXPECT_EQ(DispositionFor("text/plain", "../../etc/passwd"),
              "inline; filename=\".._.._etc_passwd\"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd");
}

}  // namespace
}  // namespace oqu::platform::files
