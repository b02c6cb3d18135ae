#include "platform/files/file_store.hpp"

#include <atomic>
#include <cstdlib>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "platform/files/content_disposition.hpp"

namespace oqu::platform::files {
namespace {

namespace fs = std::filesystem;

// SHA-256 of the empty string and of "abc" (FIPS 180-2 test vectors).
constexpr const char* kEmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr const char* kAbcSha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

class FileStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "oqu-files-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        root_ = pattern;
    }
    void TearDown() override { fs::remove_all(root_); }

    std::size_t CountFiles(const fs::path& dir) const {
        std::size_t n = 0;
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            n += entry.is_regular_file() ? 1 : 0;
        }
        return n;
    }

    std::string ReadAll(FileStore& store, const std::string& sha256) {
        auto in = store.Open(sha256);
        EXPECT_TRUE(in.has_value());
        std::ostringstream out;
        out << in->rdbuf();
        return out.str();
    }

    fs::path root_;
};

/// Put names an object by its SHA-256 and reads back the same bytes.
TEST_F(FileStoreTest, PutRoundTrip) {
    FileStore store(root_);
    auto stored = store.Put("abc");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->sha256, kAbcSha);
    EXPECT_EQ(stored->size, 3U);
    EXPECT_EQ(stored->content_type, "text/plain");
    EXPECT_TRUE(fs::is_regular_file(root_ / "sha256" / "ba" / "78" / kAbcSha));
    EXPECT_EQ(ReadAll(store, kAbcSha), "abc");
    EXPECT_TRUE(store.Exists(kAbcSha));
    auto path = store.PathOf(kAbcSha);
    ASSERT_TRUE(path.has_value());
    EXPECT_EQ(*path, root_ / "sha256" / "ba" / "78" / kAbcSha);
}

/// The empty object is valid and has the well-known empty hash.
TEST_F(FileStoreTest, EmptyObject) {
    FileStore store(root_);
    auto stored = store.Put("");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->sha256, kEmptySha);
    EXPECT_EQ(stored->size, 0U);
}

/// Identical content is stored once, whichever way it arrives.
TEST_F(FileStoreTest, Dedup) {
    FileStore store(root_);
    ASSERT_TRUE(store.Put("abc").has_value());
    std::istringstream in("abc");
    auto again = store.PutStream(in);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->sha256, kAbcSha);
    const fs::path source = root_ / "upload.bin";
    std::ofstream(source) << "abc";
    auto from_file = store.PutFile(source);
    ASSERT_TRUE(from_file.has_value());
    EXPECT_EQ(from_file->sha256, kAbcSha);
    EXPECT_TRUE(fs::exists(source));
    EXPECT_EQ(CountFiles(root_ / "sha256"), 1U);
    EXPECT_EQ(CountFiles(root_ / "tmp"), 0U);
}

/// A 10 MiB stream is hashed and stored in chunks.
TEST_F(FileStoreTest, StreamedTenMebibytes) {
    FileStore store(root_);
    std::string big(10 * 1024 * 1024, '\0');
    std::mt19937 random(42);
    for (auto& c : big) {
        c = static_cast<char>(random() & 0xff);
    }
    std::istringstream in(big);
    auto stored = store.PutStream(in);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->size, big.size());
    auto direct = store.Put(big);
    ASSERT_TRUE(direct.has_value());
    EXPECT_EQ(direct->sha256, stored->sha256);
    EXPECT_EQ(ReadAll(store, stored->sha256), big);
}

/// Over the limit: kTooLarge and no temp file or object left behind, for every kind of Put.
TEST_F(FileStoreTest, TooLargeLeavesNothing) {
    FileStore store(root_, FileStoreOptions{.max_bytes = 1000});
    const std::string big(1001, 'x');

    auto from_bytes = store.Put(big);
    ASSERT_FALSE(from_bytes.has_value());
    EXPECT_EQ(from_bytes.error().code, core::ErrorCode::kTooLarge);
    EXPECT_EQ(from_bytes.error().message_key, "files.too_large");

    std::istringstream in(big);
    auto from_stream = store.PutStream(in);
    ASSERT_FALSE(from_stream.has_value());
    EXPECT_EQ(from_stream.error().code, core::ErrorCode::kTooLarge);

    const fs::path source = root_ / "upload.bin";
    std::ofstream(source) << big;
    auto from_file = store.PutFile(source);
    ASSERT_FALSE(from_file.has_value());
    EXPECT_EQ(from_file.error().code, core::ErrorCode::kTooLarge);

    EXPECT_EQ(CountFiles(root_ / "tmp"), 0U);
    EXPECT_EQ(CountFiles(root_ / "sha256"), 0U);
    EXPECT_TRUE(store.Put(std::string(1000, 'x')).has_value());
}

/// A malformed hash never reaches the filesystem; an unknown one is kNotFound.
TEST_F(FileStoreTest, MalformedAndUnknownHash) {
    FileStore store(root_);
    const std::string malformed[] = {
        "",
        "abc",
        std::string(64, 'g'),
        std::string(kAbcSha).substr(0, 63),
        std::string(kAbcSha) + "0",
        "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        "../../../../../../../../../../../../../../../../../../etc/passwd",
        std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a") + '\0',
    };
    for (const auto& hash : malformed) {
        auto path = store.PathOf(hash);
        ASSERT_FALSE(path.has_value()) << hash;
        EXPECT_EQ(path.error().code, core::ErrorCode::kInvalidInput);
        EXPECT_EQ(path.error().message_key, "files.invalid_hash");
        EXPECT_FALSE(store.Open(hash).has_value());
        EXPECT_FALSE(store.Exists(hash));
        EXPECT_EQ(store.Remove(hash).error().code, core::ErrorCode::kInvalidInput);
    }
    auto unknown = store.Open(kAbcSha);
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(store.Remove(kAbcSha).error().code, core::ErrorCode::kNotFound);
}

/// Remove deletes the object; it is then unknown.
TEST_F(FileStoreTest, Remove) {
    FileStore store(root_);
    ASSERT_TRUE(store.Put("abc").has_value());
    EXPECT_TRUE(store.Remove(kAbcSha).has_value());
    EXPECT_FALSE(store.Exists(kAbcSha));
}

/// The type comes from the bytes: a PDF named .png is a PDF, HTML and SVG are recognised.
TEST_F(FileStoreTest, SniffsContentType) {
    FileStore store(root_);
    const std::string pdf =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    // A 1x1 transparent PNG.
    const unsigned char png_bytes[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
        0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
        0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
        0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
    const std::string png(reinterpret_cast<const char*>(png_bytes), sizeof png_bytes);
    const std::string html =
        "<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n";
    const std::string svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">"
        "<script>alert(1)</script></svg>\n";

    const fs::path misnamed = root_ / "photo.png";
    std::ofstream(misnamed, std::ios::binary) << pdf;
    auto stored_pdf = store.PutFile(misnamed);
    ASSERT_TRUE(stored_pdf.has_value());
    EXPECT_EQ(stored_pdf->content_type, "application/pdf");
    EXPECT_FALSE(IsSafeInline(stored_pdf->content_type));  // PDF can carry JavaScript

    auto stored_png = store.Put(png);
    ASSERT_TRUE(stored_png.has_value());
    EXPECT_EQ(stored_png->content_type, "image/png");

    auto stored_html = store.Put(html);
    ASSERT_TRUE(stored_html.has_value());
    EXPECT_EQ(stored_html->content_type, "text/html");

    auto stored_svg = store.Put(svg);
    ASSERT_TRUE(stored_svg.has_value());
    EXPECT_EQ(stored_svg->content_type, "image/svg+xml");

    auto stat = store.Stat(stored_png->sha256);
    ASSERT_TRUE(stat.has_value());
    EXPECT_EQ(stat->content_type, "image/png");
    EXPECT_EQ(stat->size, png.size());
}

/// Four threads storing the same bytes at once end with one object and no temp files.
TEST_F(FileStoreTest, ConcurrentPutsOfSameContent) {
    FileStore store(root_);
    const std::string content(300 * 1024, 'q');
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (int round = 0; round < 5; ++round) {
                auto stored = store.Put(content);
                if (stored.has_value() && stored->size == content.size()) {
                    ++ok;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(ok.load(), 20);
    EXPECT_EQ(CountFiles(root_ / "sha256"), 1U);
    EXPECT_EQ(CountFiles(root_ / "tmp"), 0U);
}

}  // namespace
}  // namespace oqu::platform::files
