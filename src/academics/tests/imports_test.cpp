#include <gtest/gtest.h>

#include "academics/tests/fixture.hpp"

namespace oqu::academics {
namespace {

using platform::auth::Role;
using platform::auth::ScopeKind;
using platform::csv::RowStatus;
using testing::Admin;
using testing::Grantee;
namespace db_testing = platform::db::testing;

class ImportsTest : public testing::AcademicsDbTest {};

INSTANTIATE_TEST_SUITE_P(Backends, ImportsTest,
                         ::testing::Values(db_testing::Backend::kSqliteMemory,
                                           db_testing::Backend::kPostgres),
                         db_testing::BackendName);

const char* const kHeader =
    "code,name_kk,name_ru,name_en,level,credits,direction_code,faculty_code,department_code,languages,"
    "status\n";

/// The preview reports each row; committing creates them all, audited, and a re-import is unchanged.
TEST_P(ImportsTest, ProgrammesPreviewThenCommit) {
    MakeFaculty("FIT");
    const std::string csv =
        std::string(kHeader) +
        "6B06101,Ақпараттық жүйелер,Информационные системы,Information systems,bachelor,240,B057,"
        "FIT,,kk;ru,active\n"
        "6B04201,Құқықтану,Юриспруденция,Law,bachelor,240,B049,FIT,,ru,\n";
    auto preview = PreviewProgrammeImport(Admin(), *db_, csv);
    ASSERT_TRUE(preview.has_value()) << preview.error().detail;
    ASSERT_EQ(preview->rows.size(), 2U);
    EXPECT_TRUE(preview->Importable());
    EXPECT_EQ(preview->Count(RowStatus::kNew), 2U);
    EXPECT_TRUE(ListProgrammes(Admin(), *db_)->empty());

    auto committed = ImportProgrammes(Admin(), At(), csv);
    ASSERT_TRUE(committed.has_value());
    EXPECT_TRUE(committed->committed);
    EXPECT_EQ(ListProgrammes(Admin(), *db_)->size(), 2U);
    EXPECT_EQ(FindProgrammeByCode(Admin(), *db_, "6B04201")->dl_regime, DlRegime::kLimit20);  // R-D7
    EXPECT_EQ(Audit("academics.import_programme").size(), 2U);

    auto again = PreviewProgrammeImport(Admin(), *db_, csv);
    EXPECT_EQ(again->Count(RowStatus::kUnchanged), 2U);
}

/// One bad row: the preview names its row and column, and the commit changes nothing.
TEST_P(ImportsTest, BadRowChangesNothing) {
    MakeFaculty("FIT");
    const std::string csv =
        std::string(kHeader) +
        "6B06101,Ақпараттық жүйелер,Информационные системы,Information systems,bachelor,240,B057,"
        "FIT,,kk,active\n"
        "6B06102,А,Б,C,bachelor,100,B057,FIT,,kk,active\n"
        "6B06103,А,Б,C,bachelor,240,B057,NOPE,,kk,active\n";
    auto preview = PreviewProgrammeImport(Admin(), *db_, csv);
    ASSERT_TRUE(preview.has_value());
    EXPECT_FALSE(preview->Importable());
    ASSERT_EQ(preview->rows.size(), 3U);
    EXPECT_EQ(preview->rows[0].status, RowStatus::kNew);
    EXPECT_EQ(preview->rows[1].status, RowStatus::kError);
    ASSERT_FALSE(preview->rows[1].errors.empty());
    EXPECT_EQ(preview->rows[1].errors[0].row, 3U);
    EXPECT_EQ(preview->rows[1].errors[0].column, "credits");
    EXPECT_EQ(preview->rows[2].errors[0].column, "faculty_code");

    auto committed = ImportProgrammes(Admin(), At(), csv);
    ASSERT_TRUE(committed.has_value());
    EXPECT_FALSE(committed->committed);
    EXPECT_TRUE(ListProgrammes(Admin(), *db_)->empty());
    EXPECT_EQ(Audit("academics.import_programme").size(), 0U);
}

/// A dean's office may import into its own faculty only: the other faculty's row is an error.
TEST_P(ImportsTest, RowsCheckedAgainstActorsScope) {
    const FacultyId own = MakeFaculty("OWN");
    MakeFaculty("OTHER");
    const auto dean = Grantee(Role::kDeansOffice, {ScopeKind::kFaculty, own.value});
    const std::string csv = std::string(kHeader) + "6B06101,А,Б,C,bachelor,240,B057,OWN,,kk,active\n" +
                            "6B06102,А,Б,C,bachelor,240,B057,OTHER,,kk,active\n";
    auto committed = ImportProgrammes(dean, At(), csv);
    ASSERT_TRUE(committed.has_value());
    EXPECT_FALSE(committed->committed);
    EXPECT_EQ(committed->rows[1].errors[0].message_key, "academics.import_forbidden");
    EXPECT_TRUE(ListProgrammes(Admin(), *db_)->empty());
    const auto student = Grantee(Role::kStudent, platform::auth::kInstitution);
    EXPECT_FALSE(PreviewProgrammeImport(student, *db_, csv).has_value());
}

/// Disciplines of a curriculum: a new and an updated row in one commit; hours are checked.
TEST_P(ImportsTest, Disciplines) {
    const ProgrammeId programme = MakeProgramme(MakeFaculty("FIT"));
    auto curriculum = CreateCurriculum(Admin(), At(), programme, {"2026"});
    ASSERT_TRUE(curriculum.has_value());
    ASSERT_TRUE(AddDiscipline(Admin(), At(), *curriculum, DisciplineDraftOf("Fil 1101")).has_value());
    const std::string header =
        "code,name_kk,name_ru,name_en,credits,cycle,component,semester,control,hours_lecture,hours_seminar,"
        "hours_laboratory,hours_studio,hours_practice,hours_srop,hours_sro\n";
    const std::string bad =
        header + "Fil 1101,Философия,Философия,Philosophy,5,general,required,2,exam,15,30,,,,30,74\n";
    auto refused = ImportDisciplines(Admin(), At(), *curriculum, bad);
    ASSERT_TRUE(refused.has_value());
    EXPECT_FALSE(refused->committed);
    ASSERT_FALSE(refused->rows[0].errors.empty());
    EXPECT_EQ(refused->rows[0].errors[0].message_key, "academics.hours_total_mismatch");

    const std::string good =
        header +
        "Fil 1101,Философия,Философия,Philosophy,5,general,required,2,exam,15,30,,,,30,75\n"
        "IKT 1102,АКТ,ИКТ,ICT,5,general,required,1,exam,15,,30,,,30,75\n";
    auto preview = PreviewDisciplineImport(Admin(), *db_, *curriculum, good);
    ASSERT_TRUE(preview.has_value());
    EXPECT_EQ(preview->Count(RowStatus::kUpdate), 1U);
    EXPECT_EQ(preview->Count(RowStatus::kNew), 1U);
    auto committed = ImportDisciplines(Admin(), At(), *curriculum, good);
    ASSERT_TRUE(committed.has_value());
    EXPECT_TRUE(committed->committed);
    auto found = FindCurriculum(Admin(), *db_, *curriculum);
    ASSERT_EQ(found->disciplines.size(), 2U);
    EXPECT_EQ(found->disciplines[1].semester, 2);
    EXPECT_EQ(Audit("academics.import_discipline").size(), 2U);
}

}  // namespace
}  // namespace oqu::academics
