#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_env.hpp"
#include "tests/support/child_process.hpp"

namespace oqu {
namespace {

using testing::RunCommand;

class IntegrityCliTest : public testing::TempDirTest {};

std::vector<nlohmann::json> Lines(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

/// `oqu integrity index DIR --db URL` then `oqu integrity check FILE --db URL`, in two processes
/// (the second loads the collection from the database): the documented JSON lines (docs/CLI.md).
TEST_F(IntegrityCliTest, IndexAFolderThenCheckAgainstTheDatabase) {  // R-O20
    const std::string source =
        "Мемлекет басшысы Қазақстандағы жаңартылған қуат көзін пайдаланудың сөйтіп жасыл экономикаға өтудің "
        "маңыздылығын атап өтті. Жалпы жасыл экономикаға өту концепциясы бойынша Қазақстанда баламалы "
        "энергия "
        "көздерінен алынатын қуат көлемі артады.";
    const std::string own =
        "The students prepared for the seminar in the library while the lecturers discussed the plan of the "
        "next week.";
    std::filesystem::create_directories(dir_ / "refs");
    std::ofstream(dir_ / "refs" / "law.txt") << source;
    // A second reference the work does not borrow from: only law.txt is reported.
    std::ofstream(dir_ / "refs" / "other.txt")
        << "Алгоритмдер мен деректер құрылымдары пәні бойынша зертханалық жұмыстар кестесі семестр "
           "басында жарияланады.";
    std::ofstream(dir_ / "work.txt") << own << "\n\n" << source << "\n";

    auto run =
        RunCommand({OQU_BINARY, "integrity", "index", (dir_ / "refs").string(), "--db", SqliteUrl()}, Env());
    ASSERT_EQ(run.code, 0) << run.err;
    auto lines = Lines(run.out);
    ASSERT_EQ(lines.size(), 3U);
    EXPECT_EQ(lines[0]["status"], "indexed");
    EXPECT_EQ(lines[2]["indexed"], 2);

    run = RunCommand({OQU_BINARY, "integrity", "check", (dir_ / "work.txt").string(), "--db", SqliteUrl()},
                     Env());
    ASSERT_EQ(run.code, 0) << run.err;
    lines = Lines(run.out);
    ASSERT_EQ(lines.size(), 1U);
    ASSERT_EQ(lines[0]["matches"].size(), 1U) << run.out;
    const auto& m = lines[0]["matches"][0];
    EXPECT_EQ(m["source"], (dir_ / "refs" / "law.txt").string());
    EXPECT_EQ(m["source_offset"], 0);
    EXPECT_GT(m["offset"].get<int>(), 100);
    EXPECT_LT(lines[0]["originality"].get<double>(), 0.7);

    // The --against mode still works the same way on the same folder.
    run = RunCommand({OQU_BINARY, "integrity", "check", (dir_ / "work.txt").string(), "--against",
                      (dir_ / "refs").string()},
                     Env());
    ASSERT_EQ(run.code, 0) << run.err;
    const auto against = Lines(run.out);
    ASSERT_EQ(against.size(), 1U);
    EXPECT_EQ(against[0]["matches"], lines[0]["matches"]);
    EXPECT_EQ(against[0]["originality"], lines[0]["originality"]);
}

}  // namespace
}  // namespace oqu
