#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integrity/api.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/strings.hpp"

namespace oqu::integrity {
namespace {

namespace fs = std::filesystem;

fs::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    if (dir != nullptr && *dir != '\0') return dir;
    return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

/// kk, ru and en define the same keys, and every "integrity.*" key of the code is among them.
TEST(IntegrityStrings, EveryKeyInEveryLanguage) {
    const auto strings = platform::web::Strings::Load({ResourceDir() / "integrity/strings"});
    ASSERT_TRUE(strings->Mismatches().empty()) << strings->Mismatches().front();
    const std::string marker = "\"integrity.";
    std::set<std::string> keys;
    for (const auto& entry : fs::directory_iterator(ResourceDir() / "integrity")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (auto pos = source.find(marker); pos != std::string::npos; pos = source.find(marker, pos + 1)) {
            const auto end = source.find('"', pos + 1);
            const std::string key = source.substr(pos + 1, end - pos - 1);
            // A prefix the code completes ("integrity.report.kind_" + kind) is not a key itself.
            if (!key.ends_with('.') && !key.ends_with('_')) keys.insert(key);
        }
    }
    EXPECT_GE(keys.size(), 9U);
    for (const auto& key : keys) {
        for (const auto lang :
             {platform::web::Language::kKk, platform::web::Language::kRu, platform::web::Language::kEn}) {
            EXPECT_NE(strings->Get(lang, key), key) << key;
        }
    }
}

struct Outcome {
    int code = -1;
    std::vector<nlohmann::json> lines;
    std::string err;
};

/// Runs `oqu integrity check ARGS...` in-process, capturing its output.
Outcome RunCheck(const std::vector<std::string>& args) {
    platform::ModuleRegistry registry;
    Register(registry);
    const auto& commands = registry.commands();
    const auto command = std::find_if(commands.begin(), commands.end(),
                                      [](const platform::Command& c) { return c.name == "integrity check"; });
    EXPECT_NE(command, commands.end());
    platform::CommandContext ctx;
    ctx.program = "oqu";
    ctx.name = "integrity check";
    ctx.args = args;
    ctx.config.resource_dir = ResourceDir();
    ctx.registry = &registry;
    std::ostringstream out;
    std::ostringstream err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    Outcome outcome;
    outcome.code = command->run(ctx);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) outcome.lines.push_back(nlohmann::json::parse(line));
    outcome.err = err.str();
    return outcome;
}

class CheckCommand : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("oqu-integrity-cmd-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "sources");
    }
    void TearDown() override { fs::remove_all(dir_); }
    void Write(const fs::path& rel, const std::string& text) {
        std::ofstream(dir_ / rel, std::ios::binary) << text;
    }
    fs::path dir_;
};

const std::string kSource =
    "Оның отыздан астамы — күн электр станциялары. Жалпы жасыл экономикаға өту концепциясы бойынша "
    "Қазақстанда баламалы энергия көздерінен алынатын қуат көлемі. Мемлекет басшысы Қазақстандағы "
    "жаңартылған қуат көзін пайдаланудың сөйтіп жасыл экономикаға өтудің маңыздылығын атап өтті.";
const std::string kCopy =
    "Onyñ otyzdan astamy — kün elektr stantsiialary. Jalpy jasyl ekonomikağa ötu kontseptsiiasy boiynşa "
    "Qazaqstanda balamaly energiia közderınen alynatyn quat kölemı. Memleket basşysy Qazaqstandağy "
    "jañartylğan quat közın paidalanudyñ söitıp jasyl ekonomikağa ötudıñ mañyzdylyğyn atap öttı.";
const std::string kOwn =
    "Студенттер кітапханада сабаққа дайындалды, ал оқытушылар келесі аптаның жоспарын талқылап, емтихан "
    "кестесін бекітті.";

TEST_F(CheckCommand, PrintsOneJsonObjectPerFileWithCodePointOffsets) {  // R-O20
    Write("sources/law.txt", kSource);
    Write("sources/other.txt", "Мүлдем басқа мәтін: ауа райы туралы хабарлама, ертең жаңбыр жауады.");
    Write("sources/broken.docx", "PK\x03\x04 not really");
    Write("work.txt", "\xEF\xBB\xBF" + kOwn + "\n\n" + kCopy + "\n");
    Write("clean.txt", kOwn);
    const auto r = RunCheck({(dir_ / "work.txt").string(), (dir_ / "clean.txt").string(), "--against",
                             (dir_ / "sources").string(), "--lang", "ru"});
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.err.find("broken.docx"), std::string::npos);  // skipped, said once on stderr
    EXPECT_NE(r.err.find("повреждён"), std::string::npos);
    ASSERT_EQ(r.lines.size(), 2U);
    const auto& work = r.lines[0];
    ASSERT_EQ(work["matches"].size(), 1U);
    const nlohmann::json m = work["matches"][0];
    EXPECT_EQ(m["source"], (dir_ / "sources/law.txt").string());
    // Code points of the file as it is: the BOM is 1, the Kazakh letters 1 each.
    const std::u32string text = DecodeUtf8("\xEF\xBB\xBF" + kOwn + "\n\n" + kCopy + "\n");
    EXPECT_EQ(EncodeUtf8(text.substr(m["offset"].get<std::size_t>(), m["length"].get<std::size_t>())), kCopy);
    EXPECT_EQ(m["source_offset"], 0);
    EXPECT_EQ(m["source_length"], DecodeUtf8(kSource).size());
    EXPECT_LT(work["originality"].get<double>(), 0.6);
    EXPECT_EQ(work["flags"][0]["type"], "transliteration");
    EXPECT_EQ(r.lines[1]["originality"], 1.0);
    EXPECT_TRUE(r.lines[1]["matches"].empty());
}

TEST_F(CheckCommand, AFileInTheFolderIsNotItsOwnSource) {
    Write("sources/a.txt", kSource);
    Write("sources/b.txt", kSource);
    const auto r = RunCheck({(dir_ / "sources/a.txt").string(), "--against", (dir_ / "sources").string()});
    ASSERT_EQ(r.lines.size(), 1U);
    ASSERT_EQ(r.lines[0]["matches"].size(), 1U);
    EXPECT_EQ(r.lines[0]["matches"][0]["source"], (dir_ / "sources/b.txt").string());
}

TEST_F(CheckCommand, UnreadableFilesAndUsageErrors) {
    Write("sources/law.txt", kSource);
    Write("locked.pdf", "%PDF-1.7 nothing");
    const auto r = RunCheck({(dir_ / "locked.pdf").string(), (dir_ / "x.doc").string(), "--against",
                             (dir_ / "sources").string(), "--lang", "en"});
    EXPECT_EQ(r.code, 1);
    ASSERT_EQ(r.lines.size(), 2U);
    EXPECT_EQ(r.lines[0]["error"]["key"], "integrity.extract.broken");
    EXPECT_EQ(r.lines[1]["error"]["key"], "integrity.extract.unsupported_format");
    EXPECT_FALSE(r.lines[1]["error"]["message"].get<std::string>().empty());
    EXPECT_EQ(RunCheck({(dir_ / "locked.pdf").string()}).code, 2);                     // no --against
    EXPECT_EQ(RunCheck({"--against", (dir_ / "sources").string()}).code, 2);           // no FILE
    EXPECT_EQ(RunCheck({"a.txt", "--against", (dir_ / "missing").string()}).code, 2);  // not a folder
    EXPECT_EQ(RunCheck({"a.txt", "--against", (dir_ / "sources").string(), "--lang", "de"}).code,
              2);  // bad language
}

}  // namespace
}  // namespace oqu::integrity
