// The persistent index on SQLite (file and memory) and PostgreSQL: AddToIndex in the caller's
// transaction, CheckAgainstIndex through the in-process postings kept in step with the rows,
// IndexedText, and `oqu integrity index|check --db` end to end.
#include "integrity/index_store.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integrity/api.hpp"
#include "integrity/icu_tables.hpp"
#include "platform/db/tests/backends.hpp"
#include "platform/module/registry.hpp"

namespace oqu::integrity {
namespace {

namespace fs = std::filesystem;
namespace db = platform::db;
using db::testing::Backend;
using namespace std::string_view_literals;

const std::string kSource =
    "Оның отыздан астамы — күн электр станциялары. Жалпы жасыл экономикаға өту концепциясы бойынша "
    "Қазақстанда баламалы энергия көздерінен алынатын қуат көлемі. Мемлекет басшысы Қазақстандағы "
    "жаңартылған қуат көзін пайдаланудың сөйтіп жасыл экономикаға өтудің маңыздылығын атап өтті.";
const std::string kOther =
    "The committee reviewed the annual budget and approved new funding for the university library, "
    "including longer opening hours during the examination period and more reading rooms for students.";
const std::string kOwn =
    "Студенттер кітапханада сабаққа дайындалды, ал оқытушылар келесі аптаның жоспарын талқылап, емтихан "
    "кестесін бекітті.";

PreparedText Prepare(const std::string& utf8) {
    return PrepareText(DecodeUtf8(utf8), Icu());
}

core::Instant Now() {
    return core::FromMicros(1'790'000'000'000'000);
}

class IndexStoreTest : public db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        ForgetIndexCaches();
        db_ = Open();
        db::testing::MigrateModules(*db_, {{"integrity", "integrity/schema"}});
    }

    std::int64_t Add(db::Database& database, const std::string& utf8, const std::string& ref) {
        const PreparedText text = Prepare(utf8);
        return database.Transact([&](db::Session& s) {
            auto id = AddToIndex(s, text, {.origin = "reference", .title = ref, .ref = ref}, Now());
            EXPECT_TRUE(id.has_value());
            return id.value_or(0);
        });
    }

    std::unique_ptr<db::Database> db_;
};

TEST_P(IndexStoreTest, AddThenCheckFindsThePassageWithOffsets) {  // R-O20
    const std::int64_t other = Add(*db_, kOther, "refs/other.txt");
    const std::int64_t law = Add(*db_, kSource, "refs/law.txt");
    EXPECT_NE(other, law);
    const std::string work = kOwn + "\n\n" + kSource + "\n";
    auto checked = CheckAgainstIndex(*db_, Prepare(work), {});
    ASSERT_TRUE(checked.has_value());
    ASSERT_EQ(checked->report.matches.size(), 1U);
    const Match& m = checked->report.matches[0];
    ASSERT_EQ(checked->sources.size(), 1U);
    EXPECT_EQ(checked->sources[m.source].id, law);
    EXPECT_EQ(checked->sources[m.source].ref, "refs/law.txt");
    EXPECT_EQ(checked->sources[m.source].origin, "reference");
    const std::u32string text = DecodeUtf8(work);
    EXPECT_EQ(EncodeUtf8(text.substr(m.offset, m.length)), kSource);
    EXPECT_EQ(m.source_offset, 0U);
    EXPECT_EQ(m.source_length, DecodeUtf8(kSource).size());
    EXPECT_LT(checked->report.originality, 0.5);
    // The side-by-side view reads the stored text back.
    const auto stored = db_->Read([&](db::Session& s) { return IndexedText(s, law); });
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(EncodeUtf8(*stored), kSource);
    const auto missing = db_->Read([&](db::Session& s) { return IndexedText(s, law + 100); });
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
    // Clean text: nothing found.
    auto clean = CheckAgainstIndex(*db_, Prepare(kOwn), {});
    ASSERT_TRUE(clean.has_value());
    EXPECT_TRUE(clean->report.matches.empty());
    EXPECT_EQ(clean->report.originality, 1.0);
}

TEST_P(IndexStoreTest, TheStoredTextComesBackCodePointForCodePoint) {  // R-O20
    // Cyrillic and Kazakh letters take one byte in the store, the rest is escaped: all must
    // come back as they were, or the offsets of the side-by-side view would drift.
    std::u32string text =
        DecodeUtf8(kSource + " Qazaqstan Respublikasy: äğıñöşūü çj — «тырнақша» “x” … № 5 ") +
        std::u32string(U"\U0001F600 \u00A0\u200B\x01\x02\x1F\t\n\r\x00 ӘҒҚҢӨҰҮҺІ ЁЀѿ Ԁ\uFFFD end"sv);
    const std::string utf8 = EncodeUtf8(text);
    const std::int64_t id = db_->Transact([&](db::Session& s) {
        return AddToIndex(s, PrepareText(text, Icu()), {.origin = "submission", .title = "t", .ref = ""},
                          Now())
            .value_or(0);
    });
    const auto stored = db_->Read([&](db::Session& s) { return IndexedText(s, id); });
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(*stored, text);
    EXPECT_EQ(db_->Read([&](db::Session& s) { return IndexedIdsWithHash(s, ContentSha256(utf8)); }),
              std::vector<std::int64_t>{id});
}

TEST_P(IndexStoreTest, ARolledBackTransactionLeavesNoTrace) {  // R-O20
    Add(*db_, kOther, "refs/other.txt");
    // The postings are loaded before the failed add, so a stale cache would show it.
    ASSERT_TRUE(CheckAgainstIndex(*db_, Prepare(kOwn), {}).has_value());
    EXPECT_THROW(db_->Transact([&](db::Session& s) {
        ASSERT_TRUE(AddToIndex(s, Prepare(kSource),
                               {.origin = "submission", .title = "w", .ref = "assignment:1"}, Now())
                        .has_value());
        throw std::runtime_error("the rest of the transaction failed");
    }),
                 std::runtime_error);
    auto checked = CheckAgainstIndex(*db_, Prepare(kOwn + "\n\n" + kSource), {});
    ASSERT_TRUE(checked.has_value());
    EXPECT_TRUE(checked->report.matches.empty());
    EXPECT_TRUE(checked->sources.empty());
    EXPECT_EQ(db_->Read([](db::Session& s) { return IndexStatistics(s); }).documents, 1);
    // A bad origin is refused and writes nothing.
    const auto refused = db_->Transact([&](db::Session& s) {
        return AddToIndex(s, Prepare(kSource), {.origin = "elsewhere", .title = "w", .ref = "x"}, Now());
    });
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message_key, "integrity.index.bad_origin");
    EXPECT_EQ(db_->Read([](db::Session& s) { return IndexStatistics(s); }).documents, 1);
}

TEST_P(IndexStoreTest, ADocumentIsFoundAfterReopeningTheDatabase) {  // R-O20
    if (!Shared()) GTEST_SKIP() << "a private in-memory database does not outlive its handle";
    const std::int64_t law = Add(*db_, kSource, "refs/law.txt");
    db_.reset();
    ForgetIndexCaches();  // as a new process
    const auto reopened = Open();
    auto checked = CheckAgainstIndex(*reopened, Prepare(kOwn + "\n\n" + kSource), {});
    ASSERT_TRUE(checked.has_value());
    ASSERT_EQ(checked->sources.size(), 1U);
    EXPECT_EQ(checked->sources[0].id, law);
    // A document another handle (another process) commits later is seen by the next check.
    const auto second = Open();
    const std::int64_t other = Add(*second, kOther, "refs/other.txt");
    auto again = CheckAgainstIndex(*reopened, Prepare(kOwn + "\n\n" + kOther), {});
    ASSERT_TRUE(again.has_value());
    ASSERT_EQ(again->sources.size(), 1U);
    EXPECT_EQ(again->sources[0].id, other);
}

TEST_P(IndexStoreTest, ExcludedDocumentsAreNotReported) {  // R-O20
    const std::int64_t first = Add(*db_, kSource, "refs/law.txt");
    const std::int64_t copy = Add(*db_, kSource, "refs/law-copy.txt");
    const std::vector<std::int64_t> one{first};
    auto checked = CheckAgainstIndex(*db_, Prepare(kSource), one);
    ASSERT_TRUE(checked.has_value());
    ASSERT_FALSE(checked->report.matches.empty());
    for (const auto& doc : checked->sources) EXPECT_EQ(doc.id, copy);
    const std::vector<std::int64_t> both{first, copy};
    auto none = CheckAgainstIndex(*db_, Prepare(kSource), both);
    ASSERT_TRUE(none.has_value());
    EXPECT_TRUE(none->report.matches.empty());
    EXPECT_EQ(none->report.originality, 1.0);
}

TEST_P(IndexStoreTest, ABatchInsertKeepsTheOrderAndIsAllOrNothing) {  // R-O20
    // 300 documents: more than one multi-row statement (125 rows each), the last one short.
    std::vector<EncodedDocument> encoded;
    std::vector<IndexedDocument> docs;
    for (int k = 0; k < 300; ++k) {
        const std::string body = fmt::format("{} Документ нөмірі {} жеке сөздері {} {}",
                                             k == 0 ? kSource : kOther, k, k * 7919, k * 104729);
        encoded.push_back(EncodeForIndex(Prepare(body)));
        docs.push_back(
            {.origin = "reference", .title = fmt::format("doc {}", k), .ref = fmt::format("ref:{}", k)});
    }
    // A failure later in the transaction leaves none of them.
    EXPECT_THROW(db_->Transact([&](db::Session& s) {
        ASSERT_TRUE(AddEncodedBatchToIndex(s, encoded, docs, Now()).has_value());
        throw std::runtime_error("the rest of the transaction failed");
    }),
                 std::runtime_error);
    EXPECT_EQ(db_->Read([](db::Session& s) { return IndexStatistics(s); }).documents, 0);
    const auto ids =
        db_->Transact([&](db::Session& s) { return AddEncodedBatchToIndex(s, encoded, docs, Now()); });
    ASSERT_TRUE(ids.has_value());
    ASSERT_EQ(ids->size(), docs.size());
    for (std::size_t k = 0; k < docs.size(); ++k) {
        const auto rows = db_->Read([&](db::Session& s) {
            return s.Query("SELECT ref, words FROM integrity_document WHERE id = ?", {(*ids)[k]});
        });
        ASSERT_EQ(rows.size(), 1U);
        EXPECT_EQ(rows[0].Text(0), docs[k].ref);
        EXPECT_EQ(rows[0].Int(1), encoded[k].words);
    }
    // The batch is found like single adds, and a bad origin or a size mismatch writes nothing.
    auto checked = CheckAgainstIndex(*db_, Prepare(kOwn + "\n\n" + kSource), {});
    ASSERT_TRUE(checked.has_value());
    ASSERT_EQ(checked->sources.size(), 1U);
    EXPECT_EQ(checked->sources[0].id, ids->front());
    EXPECT_EQ(checked->sources[0].ref, "ref:0");
    docs[299].origin = "elsewhere";
    const auto refused =
        db_->Transact([&](db::Session& s) { return AddEncodedBatchToIndex(s, encoded, docs, Now()); });
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message_key, "integrity.index.bad_origin");
    docs.pop_back();
    const auto mismatch =
        db_->Transact([&](db::Session& s) { return AddEncodedBatchToIndex(s, encoded, docs, Now()); });
    ASSERT_FALSE(mismatch.has_value());
    EXPECT_EQ(db_->Read([](db::Session& s) { return IndexStatistics(s); }).documents, 300);
}

TEST_P(IndexStoreTest, AnEarlierIdCommittedLaterIsFound) {  // R-O20
    if (!IsPostgres()) GTEST_SKIP() << "SQLite serialises writers: ids commit in order";
    // Transaction A takes the first id and commits after B (PostgreSQL identities are handed out
    // before commit); the postings loaded between must not lose A.
    std::atomic<int> stage{0};
    db::testing::TestThread a([&] {
        const auto other = Open();
        other->Transact([&](db::Session& s) {
            ASSERT_TRUE(
                AddToIndex(s, Prepare(kSource), {.origin = "reference", .title = "a", .ref = "a"}, Now())
                    .has_value());
            stage = 1;
            ASSERT_TRUE(db::testing::WaitUntil([&] { return stage.load() == 2; }));
        });
    });
    ASSERT_TRUE(db::testing::WaitUntil([&] { return stage.load() == 1; }));
    Add(*db_, kOther, "b");
    auto before = CheckAgainstIndex(*db_, Prepare(kOwn + "\n\n" + kOther), {});
    ASSERT_TRUE(before.has_value());
    EXPECT_EQ(before->sources.size(), 1U);
    stage = 2;
    a.Join();
    auto after = CheckAgainstIndex(*db_, Prepare(kOwn + "\n\n" + kSource), {});
    ASSERT_TRUE(after.has_value());
    ASSERT_EQ(after->sources.size(), 1U);
    EXPECT_EQ(after->sources[0].ref, "a");
}

// ---- `oqu integrity index|check --db` ----------------------------------------------------

struct Outcome {
    int code = -1;
    std::vector<nlohmann::json> lines;
    std::string err;
};

fs::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    if (dir != nullptr && *dir != '\0') return dir;
    return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

Outcome RunCommand(const std::string& name, const std::vector<std::string>& args) {
    platform::ModuleRegistry registry;
    Register(registry);
    const auto& commands = registry.commands();
    const auto command = std::find_if(commands.begin(), commands.end(),
                                      [&](const platform::Command& c) { return c.name == name; });
    EXPECT_NE(command, commands.end());
    platform::CommandContext ctx;
    ctx.program = "oqu";
    ctx.name = name;
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

TEST_P(IndexStoreTest, CommandLineIndexThenCheck) {  // R-O20
    if (!Shared()) GTEST_SKIP() << "the command opens its own handle";
    const fs::path dir = db::testing::MakeTempDir();
    fs::create_directories(dir / "refs" / "sub");
    std::ofstream(dir / "refs" / "law.txt", std::ios::binary) << kSource;
    std::ofstream(dir / "refs" / "sub" / "other.md", std::ios::binary) << kOther;
    std::ofstream(dir / "refs" / "broken.docx", std::ios::binary) << "PK\x03\x04 not really";
    std::ofstream(dir / "refs" / "notes.xyz", std::ios::binary) << kSource;  // not a document type
    const std::string work = kOwn + "\n\n" + kSource + "\n";
    std::ofstream(dir / "work.txt", std::ios::binary) << work;

    const auto indexed =
        RunCommand("integrity index", {(dir / "refs").string(), "--db", url_, "--lang", "en"});
    EXPECT_EQ(indexed.code, 1) << indexed.err;  // the broken file
    ASSERT_EQ(indexed.lines.size(), 4U);
    EXPECT_EQ(indexed.lines[0]["file"], (dir / "refs" / "broken.docx").string());
    EXPECT_EQ(indexed.lines[0]["status"], "failed");
    EXPECT_EQ(indexed.lines[0]["error"]["key"], "integrity.extract.broken");
    EXPECT_EQ(indexed.lines[1]["status"], "indexed");
    EXPECT_EQ(indexed.lines[2]["status"], "indexed");
    EXPECT_EQ(indexed.lines[3]["summary"], true);
    EXPECT_EQ(indexed.lines[3]["indexed"], 2);
    EXPECT_EQ(indexed.lines[3]["failed"], 1);
    EXPECT_EQ(indexed.lines[3]["documents"], 2);

    // Again: already indexed by content hash.
    fs::remove(dir / "refs" / "broken.docx");
    const auto again = RunCommand("integrity index", {(dir / "refs").string(), "--db", url_});
    EXPECT_EQ(again.code, 0) << again.err;
    ASSERT_EQ(again.lines.size(), 3U);
    EXPECT_EQ(again.lines[0]["status"], "skipped");
    EXPECT_EQ(again.lines[0]["document"], indexed.lines[1]["document"]);
    EXPECT_EQ(again.lines[2]["indexed"], 0);
    EXPECT_EQ(again.lines[2]["skipped"], 2);

    ForgetIndexCaches();
    const auto checked = RunCommand(
        "integrity check", {(dir / "work.txt").string(), (dir / "refs" / "law.txt").string(), "--db", url_});
    EXPECT_EQ(checked.code, 0) << checked.err;
    ASSERT_EQ(checked.lines.size(), 2U);
    const auto& w = checked.lines[0];
    EXPECT_EQ(w["file"], (dir / "work.txt").string());
    ASSERT_EQ(w["matches"].size(), 1U);
    EXPECT_EQ(w["matches"][0]["source"], (dir / "refs" / "law.txt").string());
    const std::u32string text = DecodeUtf8(work);
    EXPECT_EQ(EncodeUtf8(text.substr(w["matches"][0]["offset"].get<std::size_t>(),
                                     w["matches"][0]["length"].get<std::size_t>())),
              kSource);
    EXPECT_EQ(w["matches"][0]["source_offset"], 0);
    EXPECT_EQ(w["matches"][0]["source_length"], DecodeUtf8(kSource).size());
    EXPECT_LT(w["originality"].get<double>(), 0.5);
    EXPECT_TRUE(w["flags"].is_array());
    // An indexed file is not its own source.
    EXPECT_TRUE(checked.lines[1]["matches"].empty());
    EXPECT_EQ(checked.lines[1]["originality"], 1.0);

    // Usage: --against and --db together, neither, no folder.
    EXPECT_EQ(
        RunCommand("integrity check", {(dir / "work.txt").string(), "--db", url_, "--against", dir.string()})
            .code,
        2);
    EXPECT_EQ(RunCommand("integrity check", {(dir / "work.txt").string()}).code, 2);
    EXPECT_EQ(RunCommand("integrity index", {(dir / "missing").string(), "--db", url_}).code, 2);
    EXPECT_EQ(RunCommand("integrity index", {(dir / "refs").string()}).code, 2);
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, IndexStoreTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory, Backend::kPostgres),
                         db::testing::BackendName);

}  // namespace
}  // namespace oqu::integrity
