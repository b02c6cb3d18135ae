#include "platform/http/multipart.hpp"

#include <filesystem>

#include <gtest/gtest.h>

namespace oqu::platform::http {
namespace {

const std::string kType = "multipart/form-data; boundary=XyZ";

std::string Part(std::string_view name, std::string_view value) {
    return "--XyZ\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n\r\n" +
           std::string(value) + "\r\n";
}

std::string FilePart(std::string_view name, std::string_view filename, std::string_view data) {
    return "--XyZ\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"; filename=\"" +
           std::string(filename) + "\"\r\nContent-Type: text/plain\r\n\r\n" + std::string(data) + "\r\n";
}

core::Result<Form> Parse(const std::string& body, FormLimits limits = {}, std::size_t chunk = 0) {
    auto boundary = BoundaryFromContentType(kType);
    MultipartParser p(*boundary, std::filesystem::temp_directory_path(), limits);
    if (chunk == 0) chunk = body.size() + 1;
    for (std::size_t i = 0; i < body.size(); i += chunk) {
        if (auto st = p.Feed(std::string_view(body).substr(i, chunk)); !st) return st.error();
    }
    return p.Finish();
}

/// Fields and small files stay in memory, whatever the chunking.
TEST(MultipartTest, SmallBody) {
    const std::string body = "preamble\r\n" + Part("title", "Essay") +
                             FilePart("doc", "a.txt", "hello\r\n--XyNot") + Part("title", "Second") +
                             "--XyZ--\r\nepilogue";
    for (std::size_t chunk : {0, 1, 3, 7}) {
        auto form = Parse(body, {}, chunk);
        ASSERT_TRUE(form) << chunk << " " << form.error().detail;
        EXPECT_EQ(form->fields.count("title"), 2u);
        EXPECT_EQ(*form->Field("title"), "Essay");
        const UploadedFile* f = form->File("doc");
        ASSERT_NE(f, nullptr);
        EXPECT_EQ(f->filename, "a.txt");
        EXPECT_EQ(f->content_type, "text/plain");
        EXPECT_EQ(f->data, "hello\r\n--XyNot");
        EXPECT_EQ(f->size, 14u);
        EXPECT_TRUE(f->path.empty());
    }
}

/// A file above the memory threshold is written to a temp file, removed with the Form.
TEST(MultipartTest, SpillsLargeFileToDisk) {
    std::string data(200000, 'x');
    for (std::size_t i = 0; i < data.size(); i += 97) data[i] = static_cast<char>('a' + i % 26);
    std::filesystem::path path;
    {
        auto form = Parse(FilePart("doc", "big.bin", data) + "--XyZ--", {}, 4096);
        ASSERT_TRUE(form);
        const UploadedFile* f = form->File("doc");
        ASSERT_NE(f, nullptr);
        EXPECT_FALSE(f->path.empty());
        EXPECT_TRUE(f->data.empty());
        EXPECT_EQ(f->size, data.size());
        EXPECT_EQ(*f->ReadAll(), data);
        path = f->path;
        EXPECT_TRUE(std::filesystem::exists(path));
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

/// Many parts parse; more than max_parts is kTooLarge.
TEST(MultipartTest, ManyPartsAndPartLimit) {
    std::string body;
    for (int i = 0; i < 50; ++i) body += Part("f" + std::to_string(i), std::to_string(i));
    body += "--XyZ--";
    auto form = Parse(body);
    ASSERT_TRUE(form);
    EXPECT_EQ(form->fields.size(), 50u);
    EXPECT_EQ(*form->Field("f49"), "49");
    auto limited = Parse(body, FormLimits{.max_parts = 10});
    ASSERT_FALSE(limited);
    EXPECT_EQ(limited.error().code, core::ErrorCode::kTooLarge);
}

/// Missing boundary, wrong type, truncation and garbage are kInvalidInput.
TEST(MultipartTest, Malformed) {
    EXPECT_FALSE(BoundaryFromContentType("multipart/form-data"));
    EXPECT_FALSE(BoundaryFromContentType("text/plain; boundary=x"));
    EXPECT_EQ(*BoundaryFromContentType("Multipart/Form-Data; boundary=\"a b\""), "a b");
    auto truncated = Parse(Part("a", "1") + "--XyZ");
    ASSERT_FALSE(truncated);
    EXPECT_EQ(truncated.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_FALSE(Parse(Part("a", "1")));
    EXPECT_FALSE(Parse("--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--"));
    EXPECT_FALSE(Parse("--XyZ\r\nContent-Disposition: attachment\r\n\r\nx\r\n--XyZ--"));
    EXPECT_FALSE(Parse("--XyZjunk"));
    auto huge_header =
        Parse("--XyZ\r\nX: " + std::string(10000, 'a'), FormLimits{.max_part_header_bytes = 100});
    ASSERT_FALSE(huge_header);
    EXPECT_EQ(huge_header.error().code, core::ErrorCode::kTooLarge);
    auto total = Parse(Part("a", std::string(100, 'x')) + "--XyZ--", FormLimits{.max_total_bytes = 50});
    ASSERT_FALSE(total);
    EXPECT_EQ(total.error().code, core::ErrorCode::kTooLarge);
}

/// Request::Form parses urlencoded and multipart bodies lazily and reports a bad body as a value.
TEST(MultipartTest, RequestForm) {
    Request r;
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    r.body = "a=1&b=%D0%90";
    r.body_size = r.body.size();
    auto form = r.Form();
    ASSERT_TRUE(form);
    EXPECT_EQ(*(*form)->Field("b"), "\xD0\x90");
    Request bad;
    bad.headers = {{"Content-Type", kType}};
    bad.body = "garbage";
    bad.body_size = bad.body.size();
    auto err = bad.Form();
    ASSERT_FALSE(err);
    EXPECT_EQ(err.error().code, core::ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace oqu::platform::http
