#include <fstream>

#include <gtest/gtest.h>

#include "academics/tests/fixture.hpp"

namespace oqu::academics {
namespace {

using testing::Admin;
namespace db_testing = platform::db::testing;

class SeedTest : public testing::AcademicsDbTest {
protected:
    SeedTest() { seed_ = false; }
    std::filesystem::path Csv() const { return testing::ResourceDir() / "academics/seed/directions.csv"; }
    std::int64_t Count(const std::string& where = "1 = 1") {
        return db_->Read([&](platform::db::Session& s) {
            return s.Query("SELECT COUNT(*) FROM academics_direction WHERE " + where)[0].Int(0);
        });
    }
};

INSTANTIATE_TEST_SUITE_P(Backends, SeedTest,
                         ::testing::Values(db_testing::Backend::kSqliteFile, db_testing::Backend::kPostgres),
                         db_testing::BackendName);

/// 670 rows with the counts of the data README; a second run inserts nothing.
TEST_P(SeedTest, LoadsAllRowsIdempotently) {  // R-D7 R-O2
    auto first = SeedDirections(*db_, Csv());
    ASSERT_TRUE(first.has_value()) << first.error().detail;
    EXPECT_EQ(*first, 670);
    EXPECT_EQ(Count(), 670);
    EXPECT_EQ(Count("dl_regime = 'forbidden'"), 172);
    EXPECT_EQ(Count("dl_regime = 'limit20'"), 84);
    EXPECT_EQ(Count("dl_regime = 'limit50'"), 393);
    EXPECT_EQ(Count("dl_regime = 'mixed'"), 21);
    EXPECT_EQ(Count("dl_regime = 'mixed' AND row_type = 'group'"), 0);
    EXPECT_EQ(Count("online_form = 'unknown'"), 670);
    EXPECT_EQ(Count("status = 'corroborated'"), 258);
    EXPECT_EQ(Count("status = 'single_source'"), 357);
    EXPECT_EQ(Count("status = 'conflicting'"), 1);
    EXPECT_EQ(Count("justification LIKE 'JUDGEMENT:%'"), 97);
    auto second = SeedDirections(*db_, Csv());
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(*second, 0);
    EXPECT_EQ(Count(), 670);
}

/// An administrator's changes survive a re-seed (serve runs it at every start).
TEST_P(SeedTest, ReseedKeepsAdministratorChanges) {  // R-O2
    ASSERT_TRUE(SeedDirections(*db_, Csv()).has_value());
    ASSERT_TRUE(SetDirectionSettings(Admin(), At(), "B057", {"limit20", "forbidden"}).has_value());
    ASSERT_TRUE(ConfirmDirection(Admin(), At(), "B089").has_value());
    ASSERT_TRUE(SeedDirections(*db_, Csv()).has_value());
    auto b057 = FindDirection(Admin(), *db_, "B057");
    EXPECT_EQ(b057->dl_regime, DlRegime::kLimit20);
    EXPECT_EQ(b057->online_form, OnlineForm::kForbidden);
    auto b089 = FindDirection(Admin(), *db_, "B089");
    EXPECT_EQ(b089->status, DataStatus::kConflicting);
    EXPECT_TRUE(b089->confirmed.has_value());
}

/// A malformed file writes nothing.
TEST_P(SeedTest, MalformedFileWritesNothing) {
    const auto path = std::filesystem::temp_directory_path() / db_testing::UniqueName("directions") += ".csv";
    {
        std::ofstream out(path);
        out << "code,level,row_type,name_kk,name_ru,name_en,parent_code,dl_regime,online_form,justification,"
               "status,"
               "note,name_origin\n"
               "B001,bachelor,group,a,b,c,6B011,forbidden,unknown,x,corroborated,,\n"
               "B002,bachelor,group,a,b,c,6B011,mixed,unknown,x,corroborated,,\n";
    }
    auto result = SeedDirections(*db_, path);
    std::filesystem::remove(path);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().message_key, "academics.seed_invalid");
    EXPECT_EQ(Count(), 0);
    EXPECT_FALSE(SeedDirections(*db_, "/nonexistent/directions.csv").has_value());
}

}  // namespace
}  // namespace oqu::academics
