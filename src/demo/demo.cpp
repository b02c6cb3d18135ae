#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "assessment/api.hpp"
#include "assignments/api.hpp"
#include "courses/api.hpp"
#include "demo/api.hpp"
#include "demo/data.hpp"
#include "gradebook/api.hpp"
#include "identity/api.hpp"
#include "online/api.hpp"
#include "people/api.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/principal.hpp"
#include "platform/auth/roles.hpp"
#include "platform/auth/totp.hpp"
#include "platform/csv/csv.hpp"
#include "platform/db/database.hpp"
#include "platform/module/flags.hpp"
#include "platform/module/open_database.hpp"
#include "platform/module/registry.hpp"

namespace oqu::demo {

namespace {

namespace auth = platform::auth;
namespace db = platform::db;
namespace po = boost::program_options;

constexpr int kSumOwnCredits = [] {
    int sum = 0;
    for (const int c : data::kCredits) sum += c;
    return sum;
}();
static_assert(kSumOwnCredits == 184, "own credits + 56 general credits must make 240");

constexpr int kStudents = 600;         // Students in all.
constexpr int kMasterGroupSize = 8;    // Students per master's group.
constexpr int kBachelorGroupMin = 12;  // Students per bachelor's group before the remainder.
constexpr std::uint32_t kSeed = 137;   // Order No. 137.

// --- Deterministic people ------------------------------------------------------------------

struct Person {
    std::string surname;
    std::string given_name;
    std::string patronymic;
    bool female = false;
    [[nodiscard]] std::string Display() const { return surname + " " + given_name + " " + patronymic; }
};

template <typename T, std::size_t N>
const T& Pick(std::mt19937& rng, const std::array<T, N>& list) {
    return list[rng() % N];
}

Person MakePerson(std::mt19937& rng) {
    Person p;
    p.female = rng() % 2 == 1;
    const int index = p.female ? 1 : 0;
    if (rng() % 100 < 15) {  // A Russian name.
        p.surname = std::string(Pick(rng, data::kRussianSurnames)[index]);
        p.given_name =
            std::string(p.female ? Pick(rng, data::kRussianFemale) : Pick(rng, data::kRussianMale));
        p.patronymic = std::string(Pick(rng, data::kRussianPatronymics)[index]);
        return p;
    }
    p.given_name = std::string(p.female ? Pick(rng, data::kFemaleNames) : Pick(rng, data::kMaleNames));
    const std::string father(Pick(rng, data::kFatherNames));
    p.patronymic = father + (p.female ? "қызы" : "ұлы");
    if (rng() % 100 < 25) {
        p.surname = std::string(Pick(rng, data::kOtherSurnames)[index]);
    } else {
        // The grandfather's name with -ов / -ова.
        p.surname = std::string(Pick(rng, data::kFatherNames)) + (p.female ? "ова" : "ов");
    }
    return p;
}

// A valid IIN: birth date YYMMDD, century-and-sex digit, four digits, control digit.
std::string MakeIin(std::mt19937& rng, const Person& person, int birth_year, std::set<std::string>& used) {
    for (;;) {
        const int month = static_cast<int>(rng() % 12) + 1;
        const int day = static_cast<int>(rng() % 28) + 1;
        const int century = birth_year >= 2000 ? (person.female ? 6 : 5) : (person.female ? 4 : 3);
        const auto serial = static_cast<int>(rng() % 10000);
        const std::string first11 =
            fmt::format("{:02}{:02}{:02}{}{:04}", birth_year % 100, month, day, century, serial);
        const int control = people::IinControlDigit(first11);
        if (control < 0) continue;
        std::string iin = first11 + static_cast<char>('0' + control);
        if (used.insert(iin).second) return iin;
    }
}

// --- The plan: every record of the demo, computed before anything is written --------------

struct TeacherPlan {
    Person person;
    std::string department;
    std::string position;
    std::string degree;
    std::string login;
};

struct GroupPlan {
    std::string code;
    std::string programme;
    int admission_year = 0;
    std::string language;
    std::string department;  // Its curator comes from here.
    std::string login;       // The curator's login when the curator is a demo account.
};

struct StudentPlan {
    Person person;
    std::string iin;
    std::string number;
    std::string programme;
    std::string group;
    int course_year = 1;
    std::string form;
    std::string funding;
    std::string login;
};

struct AccountPlan {
    auth::Role role = auth::Role::kStudent;
    std::string login;
    std::string name;
};

struct Plan {
    int year = 0;
    std::vector<TeacherPlan> teachers;
    std::vector<GroupPlan> groups;
    std::vector<StudentPlan> students;
    std::vector<AccountPlan> accounts;
};

constexpr std::string_view kPositions[] = {"associate_professor", "senior_lecturer", "senior_lecturer",
                                           "assistant"};
constexpr std::string_view kDegrees[] = {"phd", "candidate", "master", "master"};

constexpr std::pair<auth::Role, std::string_view> kLogins[] = {
    {auth::Role::kStudent, "demo.student"},
    {auth::Role::kTeacher, "demo.teacher"},
    {auth::Role::kAdviser, "demo.adviser"},
    {auth::Role::kDeansOffice, "demo.dean"},
    {auth::Role::kRegistrar, "demo.registrar"},
    {auth::Role::kQualityOfficer, "demo.quality"},
    {auth::Role::kLibrarian, "demo.librarian"},
    {auth::Role::kResearcher, "demo.researcher"},
    {auth::Role::kDormitoryOffice, "demo.dormitory"},
    {auth::Role::kProctor, "demo.proctor"},
    {auth::Role::kItAdmin, "demo.admin"},
    {auth::Role::kMinistryAuditor, "demo.auditor"},
};

/// A second student account: a first-year Law student, whose requests the demo's dean's office
/// (granted in the Law faculty) decides — distance learning under the 20 % limit (R-D7).
constexpr std::string_view kLawStudentLogin = "demo.law.student";
/// A third student account: a first-year Information systems student in the online form, who
/// meets the contract and its consents (R-O7) at the first sign-in.
constexpr std::string_view kOnlineStudentLogin = "demo.online.student";

std::string_view LoginOf(auth::Role role) {
    for (const auto& [r, login] : kLogins) {
        if (r == role) return login;
    }
    return {};
}

Plan MakePlan(int year) {
    std::mt19937 rng(kSeed);
    Plan plan;
    plan.year = year;

    // Teachers: the first of each department heads it; the demo teacher and adviser teach
    // information systems.
    for (const auto& faculty : data::kFaculties) {
        for (std::size_t d = 0; d < faculty.department_codes.size(); ++d) {
            for (int i = 0; i < faculty.teachers.at(d); ++i) {
                TeacherPlan t;
                t.person = MakePerson(rng);
                t.department = std::string(faculty.department_codes.at(d));
                t.position = i == 0 ? "head_of_department" : std::string(kPositions[(i - 1) % 4]);
                t.degree = i == 0 ? (rng() % 2 == 0 ? "doctor" : "phd") : std::string(kDegrees[(i - 1) % 4]);
                plan.teachers.push_back(std::move(t));
            }
        }
    }
    int is_teachers = 0;
    for (auto& t : plan.teachers) {
        if (t.department != "IT-IS" || t.position == "head_of_department") continue;
        t.login = std::string(LoginOf(is_teachers == 0 ? auth::Role::kTeacher : auth::Role::kAdviser));
        if (++is_teachers == 2) break;
    }

    // Groups: bachelor cohorts of four years, master cohorts of two.
    for (const auto& p : data::kProgrammes) {
        const int years = p.level == "master" ? 2 : 4;
        const auto faculty = data::kFaculties.at(static_cast<std::size_t>(p.faculty));
        std::vector<std::string> languages;
        for (std::size_t start = 0; start < p.languages.size();) {
            const auto end = std::min(p.languages.find(';', start), p.languages.size());
            languages.emplace_back(p.languages.substr(start, end - start));
            start = end + 1;
        }
        for (int course = 1; course <= years; ++course) {
            const int admission = year - course + 1;
            for (int n = 1; n <= p.groups_per_year; ++n) {
                GroupPlan g;
                g.code = fmt::format("{}-{:02}-{}", p.group_prefix, admission % 100, n);
                g.programme = std::string(p.code);
                g.admission_year = admission;
                g.language = languages.at(static_cast<std::size_t>(n + course - 2) % languages.size());
                g.department =
                    std::string(faculty.department_codes.at(static_cast<std::size_t>(p.department)));
                plan.groups.push_back(std::move(g));
            }
        }
    }
    // The adviser curates the first-year information systems group.
    for (auto& g : plan.groups) {
        if (g.programme == "6B06101" && g.admission_year == year) {
            g.login = std::string(LoginOf(auth::Role::kAdviser));
            break;
        }
    }

    // Group sizes: masters fixed, bachelors a base size plus the remainder spread by the seed.
    std::vector<int> sizes;
    int total = 0;
    std::vector<std::size_t> bachelor;
    for (std::size_t i = 0; i < plan.groups.size(); ++i) {
        const bool master = plan.groups[i].programme.starts_with("7M");
        sizes.push_back(master ? kMasterGroupSize : kBachelorGroupMin);
        total += sizes.back();
        if (!master) bachelor.push_back(i);
    }
    while (total < kStudents) {
        ++sizes[bachelor[rng() % bachelor.size()]];
        ++total;
    }

    std::set<std::string> iins;
    std::map<std::string, int> numbers;  // Per admission year.
    for (std::size_t i = 0; i < plan.groups.size(); ++i) {
        const auto& g = plan.groups[i];
        const auto* programme = &data::kProgrammes[0];
        for (const auto& p : data::kProgrammes) {
            if (p.code == g.programme) programme = &p;
        }
        const bool master = programme->level == "master";
        for (int k = 0; k < sizes[i]; ++k) {
            StudentPlan s;
            s.person = MakePerson(rng);
            s.course_year = year - g.admission_year + 1;
            const int birth_year = g.admission_year - (master ? 22 : 18) - static_cast<int>(rng() % 2);
            s.iin = MakeIin(rng, s.person, birth_year, iins);
            s.number = fmt::format("{}{:04}", g.admission_year, ++numbers[std::to_string(g.admission_year)]);
            s.programme = g.programme;
            s.group = g.code;
            s.form = programme->online && rng() % 10 == 0 ? "online" : "full_time";
            s.funding = rng() % 100 < 60 ? "state_grant" : "paid";
            plan.students.push_back(std::move(s));
        }
    }
    // The demo student: the first student of the adviser's group.
    for (auto& s : plan.students) {
        if (s.programme == "6B06101" && s.course_year == 1) {
            s.login = std::string(LoginOf(auth::Role::kStudent));
            s.form = "full_time";
            break;
        }
    }

    for (auto& s : plan.students) {
        if (s.programme == "6B04201" && s.course_year == 1 && s.login.empty()) {
            s.login = std::string(kLawStudentLogin);
            s.form = "full_time";
            break;
        }
    }

    for (auto& s : plan.students) {
        if (s.programme == "6B06101" && s.course_year == 1 && s.login.empty()) {
            s.login = std::string(kOnlineStudentLogin);
            s.form = "online";
            break;
        }
    }

    // Accounts: the student, teacher and adviser carry their records' names.
    for (const auto& [role, login] : kLogins) {
        AccountPlan a{role, std::string(login), {}};
        for (const auto& s : plan.students) {
            if (s.login == login) a.name = s.person.Display();
        }
        for (const auto& t : plan.teachers) {
            if (t.login == login) a.name = t.person.Display();
        }
        if (a.name.empty()) a.name = MakePerson(rng).Display();
        plan.accounts.push_back(std::move(a));
    }
    for (const auto& s : plan.students) {
        if (s.login == kLawStudentLogin || s.login == kOnlineStudentLogin) {
            plan.accounts.push_back({auth::Role::kStudent, s.login, s.person.Display()});
        }
    }
    return plan;
}

// --- Writing -------------------------------------------------------------------------------

// A failure with the step it happened in.
core::Error Failure(const core::Error& error, std::string_view step) {
    core::Error out = error;
    out.detail =
        fmt::format("{}: {}{}{}", step, error.message_key, error.detail.empty() ? "" : ": ", error.detail);
    return out;
}

template <typename T>
core::Error ImportFailure(const platform::csv::Preview<T>& preview, std::string_view step) {
    std::string detail;
    for (const auto& e : preview.AllErrors()) {
        detail += fmt::format("{}row {} {} {}", detail.empty() ? "" : "; ", e.row, e.column, e.message_key);
        if (detail.size() > 400) break;
    }
    return core::MakeError(core::ErrorCode::kInvalidInput, "demo.import_failed",
                           fmt::format("{}: {}", step, detail));
}

std::string Csv(const std::vector<std::vector<std::string>>& rows) {
    std::string out;
    for (const auto& row : rows) out += platform::csv::FormatRecord(row);
    return out;
}

std::string Iso(int year, int month, int day) {
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

// The component, control and hours of a discipline of `credits`.
std::vector<std::string> DisciplineRow(const std::string& code, const data::DisciplineData& d, int credits,
                                       std::string_view cycle, int semester) {
    std::string component = "required";
    std::string control = "exam";
    // lecture, seminar, laboratory, studio, practice, srop, sro
    std::array<int, 7> hours{credits * 3, credits * 6, 0, 0, 0, credits * 7, credits * 14};
    switch (d.kind) {
        case data::Kind::kRequired:
            break;
        case data::Kind::kUniversity:
            component = "university";
            break;
        case data::Kind::kElective:
            component = "elective";
            break;
        case data::Kind::kLab:
            hours = {credits * 3, 0, credits * 6, 0, 0, credits * 7, credits * 14};
            break;
        case data::Kind::kPractice:
            control = "credit";
            hours = {0, 0, 0, 0, credits * 30, 0, 0};
            break;
        case data::Kind::kFinal:
            hours = {0, 0, 0, 0, 0, credits * 10, credits * 20};
            break;
        case data::Kind::kSport:
            control = "credit";
            hours = {0, credits * 15, 0, 0, 0, 0, credits * 15};
            break;
    }
    std::vector<std::string> row{code,
                                 std::string(d.names.kk),
                                 std::string(d.names.ru),
                                 std::string(d.names.en),
                                 std::to_string(credits),
                                 std::string(cycle),
                                 component,
                                 std::to_string(semester),
                                 control};
    for (const int h : hours) row.push_back(std::to_string(h));
    return row;
}

// The discipline CSV of a bachelor curriculum: the general part and the programme's own.
std::string CurriculumCsv(const data::CurriculumData& c, int& count) {
    std::vector<std::vector<std::string>> rows{{"code", "name_kk", "name_ru", "name_en", "credits", "cycle",
                                                "component", "semester", "control", "hours_lecture",
                                                "hours_seminar", "hours_laboratory", "hours_studio",
                                                "hours_practice", "hours_srop", "hours_sro"}};
    std::map<int, int> next;  // Per semester.
    for (const auto& g : data::kGeneral) {
        const auto code = fmt::format("GEN {}{}{:02}", (g.semester + 1) / 2, g.semester, ++next[g.semester]);
        rows.push_back(DisciplineRow(code, g.discipline, g.credits, "general", g.semester));
    }
    std::size_t i = 0;
    for (int semester = 1; semester <= 8; ++semester) {
        for (int k = 0; k < data::kPerSemester.at(static_cast<std::size_t>(semester - 1)); ++k, ++i) {
            const auto code = fmt::format("{} {}{}{:02}", c.code_prefix, (semester + 1) / 2, semester, k + 1);
            rows.push_back(DisciplineRow(code, c.disciplines.at(i), data::kCredits.at(i),
                                         semester <= 4 ? "basic" : "profile", semester));
        }
    }
    count += static_cast<int>(rows.size()) - 1;
    return Csv(rows);
}

class Writer {
public:
    Writer(db::Database& db, const Options& options, const Plan& plan)
        : db_(db), options_(options), plan_(plan), system_(auth::SystemPrincipal()) {}

    core::Result<Summary> Run() {
        Summary summary;
        summary.academic_year = fmt::format("{}-{}", plan_.year, plan_.year + 1);
        if (auto seeded =
                academics::SeedDirections(db_, options_.resource_dir / "academics/seed/directions.csv");
            !seeded) {
            return Failure(seeded.error(), "classifier");
        }
        if (auto days = academics::SeedPublicDays(db_, options_.resource_dir / "academics/seed/holidays.csv");
            !days) {
            return Failure(days.error(), "public holidays");
        }
        if (auto s = Structure(summary.counts); !s) return s.error();
        if (auto s = Programmes(summary.counts); !s) return s.error();
        if (auto s = OnlineDirections(); !s) return s.error();
        if (auto s = Curricula(summary.counts); !s) return s.error();
        if (auto s = Calendar(summary.counts); !s) return s.error();
        auto accounts = Accounts();
        if (!accounts) return accounts.error();
        summary.accounts = std::move(accounts.value());
        if (auto s = People(summary.counts); !s) return s.error();
        if (auto s = ClassifierCorrection(); !s) return s.error();
        if (auto s = OnlineContract(); !s) return s.error();
        if (auto s = Gradebook(summary.counts); !s) return s.error();
        if (auto s = Courses(summary.counts); !s) return s.error();
        if (auto s = LearningItems(); !s) return s.error();
        return summary;
    }

private:
    academics::Change AChange() const { return {db_, options_.now, ""}; }
    people::Change PChange() const { return {db_, options_.now, ""}; }

    core::Status Structure(Counts& counts) {
        auto faculties = academics::ListFaculties(system_, db_, {0, 500});
        if (!faculties) return Failure(faculties.error(), "faculties");
        auto departments = academics::ListDepartments(system_, db_, std::nullopt, {0, 500});
        if (!departments) return Failure(departments.error(), "departments");
        std::map<std::string, std::int64_t> department_ids;
        for (const auto& d : departments.value()) department_ids[d.code] = d.id.value;
        for (const auto& f : data::kFaculties) {
            std::int64_t faculty_id = 0;
            for (const auto& existing : faculties.value()) {
                if (existing.code == f.code) faculty_id = existing.id.value;
            }
            if (faculty_id == 0) {
                auto id = academics::CreateFaculty(
                    system_, AChange(),
                    {std::string(f.code),
                     {std::string(f.names.kk), std::string(f.names.ru), std::string(f.names.en)}});
                if (!id) return Failure(id.error(), fmt::format("faculty {}", f.code));
                faculty_id = id.value().value;
            }
            faculty_ids_[std::string(f.code)] = faculty_id;
            ++counts.faculties;
            for (std::size_t d = 0; d < f.department_codes.size(); ++d) {
                const std::string code(f.department_codes.at(d));
                ++counts.departments;
                if (department_ids.contains(code)) continue;
                const auto& n = f.department_names.at(d);
                auto id =
                    academics::CreateDepartment(system_, AChange(),
                                                {std::to_string(faculty_id),
                                                 code,
                                                 {std::string(n.kk), std::string(n.ru), std::string(n.en)}});
                if (!id) return Failure(id.error(), fmt::format("department {}", code));
            }
        }
        return core::OkStatus();
    }

    core::Status Programmes(Counts& counts) {
        std::vector<std::vector<std::string>> rows{{"code", "name_kk", "name_ru", "name_en", "level",
                                                    "credits", "direction_code", "faculty_code",
                                                    "department_code", "languages", "status"}};
        for (const auto& p : data::kProgrammes) {
            const auto& f = data::kFaculties.at(static_cast<std::size_t>(p.faculty));
            rows.push_back({std::string(p.code), std::string(p.names.kk), std::string(p.names.ru),
                            std::string(p.names.en), std::string(p.level), std::to_string(p.credits),
                            std::string(p.direction), std::string(f.code),
                            std::string(f.department_codes.at(static_cast<std::size_t>(p.department))),
                            std::string(p.languages), "active"});
        }
        auto imported = academics::ImportProgrammes(system_, AChange(), Csv(rows));
        if (!imported) return Failure(imported.error(), "programmes");
        if (!imported.value().committed) return ImportFailure(imported.value(), "programmes");
        counts.programmes = static_cast<int>(data::kProgrammes.size());
        auto programmes = academics::ListProgrammes(system_, db_, std::nullopt, {0, 500});
        if (!programmes) return Failure(programmes.error(), "programmes");
        for (const auto& p : programmes.value()) programme_ids_[p.code] = p.id.value;
        return core::OkStatus();
    }

    // R-O2: the quality officer confirms that the online form is allowed for the directions of
    // the programmes that admit online students, before they are admitted (admission checks it).
    core::Status OnlineDirections() {
        std::set<std::string> directions;
        for (const auto& p : data::kProgrammes) {
            if (p.online) directions.emplace(p.direction);
        }
        for (const auto& code : directions) {
            auto direction = academics::FindDirection(system_, db_, code);
            if (!direction) return Failure(direction.error(), fmt::format("direction {}", code));
            const academics::DirectionSettingsDraft draft{
                std::string(academics::DlRegimeName(direction.value().dl_regime)), "allowed"};
            if (auto set = academics::SetDirectionSettings(system_, AChange(), code, draft); !set) {
                return Failure(set.error(), fmt::format("direction {}", code));
            }
            if (auto confirmed = academics::ConfirmDirection(system_, AChange(), code); !confirmed) {
                return Failure(confirmed.error(), fmt::format("direction {}", code));
            }
        }
        return core::OkStatus();
    }

    // A violation for the compliance dashboard to find, as it happens in a real university: after
    // the online students of International relations were admitted, the classifier row of its
    // direction was corrected to "online form not allowed". Their admission stands; the report
    // (R-O2) lists them for the dean's office to transfer or the row to be reviewed.
    core::Status ClassifierCorrection() {
        const std::string code(data::kCorrectedDirection);
        auto direction = academics::FindDirection(system_, db_, code);
        if (!direction) return Failure(direction.error(), fmt::format("direction {}", code));
        const academics::DirectionSettingsDraft draft{
            std::string(academics::DlRegimeName(direction.value().dl_regime)), "forbidden"};
        if (auto set = academics::SetDirectionSettings(system_, AChange(), code, draft); !set) {
            return Failure(set.error(), fmt::format("direction {}", code));
        }
        return core::OkStatus();
    }

    // R-O7: the quality officer publishes the online student's contract — the technical
    // requirements, the consent to personal-data processing and the user agreement — once; a
    // forced second run leaves the published versions alone.
    core::Status OnlineContract() {
        if (!online::CurrentDocuments(db_).empty()) return core::OkStatus();
        const online::Change change{db_, options_.now, ""};
        for (const auto& d : data::kContract) {
            auto published = online::PublishDocument(
                system_, change,
                {std::string(d.kind), std::string(d.kk), std::string(d.ru), std::string(d.en)});
            if (!published) return Failure(published.error(), fmt::format("contract {}", d.kind));
        }
        return core::OkStatus();
    }

    core::Status Curricula(Counts& counts) {
        for (const auto& c : data::kCurricula) {
            const academics::ProgrammeId programme{programme_ids_[std::string(c.programme)]};
            auto existing = academics::ListCurricula(system_, db_, programme);
            if (!existing) return Failure(existing.error(), "curricula");
            std::optional<academics::CurriculumId> id;
            for (const auto& e : existing.value()) {
                if (e.admission_year == plan_.year) id = e.id;
            }
            if (!id) {
                auto created =
                    academics::CreateCurriculum(system_, AChange(), programme, {std::to_string(plan_.year)});
                if (!created) return Failure(created.error(), fmt::format("curriculum {}", c.programme));
                id = created.value();
            }
            ++counts.curricula;
            auto imported =
                academics::ImportDisciplines(system_, AChange(), *id, CurriculumCsv(c, counts.disciplines));
            if (!imported) return Failure(imported.error(), fmt::format("disciplines {}", c.programme));
            if (!imported.value().committed) {
                return ImportFailure(imported.value(), fmt::format("disciplines {}", c.programme));
            }
        }
        return core::OkStatus();
    }

    core::Status Calendar(Counts& counts) {
        const int y = plan_.year;
        const std::string name = fmt::format("{}-{}", y, y + 1);
        counts.periods = 2;
        auto years = academics::ListYears(system_, db_, {0, 500});
        if (!years) return Failure(years.error(), "academic year");
        for (const auto& existing : years.value()) {
            if (existing.name == name) return core::OkStatus();  // Kept as it is.
        }
        auto year = academics::CreateYear(system_, AChange(), {name, Iso(y, 9, 1), Iso(y + 1, 6, 30)});
        if (!year) return Failure(year.error(), "academic year");
        // Autumn: classes from 1 September, examinations from mid-December to 10 January.
        auto autumn = academics::AddPeriod(
            system_, AChange(), year.value(),
            {"semester1", Iso(y, 9, 1), Iso(y + 1, 1, 10), Iso(y, 12, 16), Iso(y + 1, 1, 10)});
        if (!autumn) return Failure(autumn.error(), "autumn semester");
        auto winter = academics::AddHoliday(
            system_, AChange(), year.value(),
            {{"Қысқы демалыс", "Зимние каникулы", "Winter holidays"}, Iso(y + 1, 1, 11), Iso(y + 1, 1, 25)});
        if (!winter) return Failure(winter.error(), "winter holidays");
        // Spring: classes from late January, examinations from mid-May to early June.
        auto spring = academics::AddPeriod(
            system_, AChange(), year.value(),
            {"semester2", Iso(y + 1, 1, 26), Iso(y + 1, 6, 6), Iso(y + 1, 5, 18), Iso(y + 1, 6, 6)});
        if (!spring) return Failure(spring.error(), "spring semester");
        return core::OkStatus();
    }

    // Every account in one transaction: created (or, with --force, given a new password),
    // granted its role, and a second factor for the administrative roles.
    core::Result<std::vector<Account>> Accounts() {
        struct Prepared {
            Account account;
            identity::PreparedUser user;
            auth::Grant grant;
        };
        std::vector<Prepared> prepared;
        for (const auto& a : plan_.accounts) {
            Prepared p;
            p.account.role = std::string(auth::RoleName(a.role));
            p.account.login = a.login;
            p.account.name = a.name;
            p.account.password = auth::GeneratePassword();
            if (auth::IsAdministrative(a.role)) p.account.totp_secret = auth::NewTotpSecret();
            auto user = identity::PrepareUser(
                *options_.hasher, {.login = a.login, .display_name = a.name, .password = p.account.password});
            if (!user) return Failure(user.error(), fmt::format("account {}", a.login));
            p.user = std::move(user.value());
            p.grant = {a.role, auth::kInstitution};
            if (a.role == auth::Role::kDeansOffice) {
                p.grant.scope = {auth::ScopeKind::kFaculty, faculty_ids_["LAW"]};
            }
            prepared.push_back(std::move(p));
        }
        struct Abort {
            core::Error error;
        };
        try {
            db_.Transact([&](db::Session& s) {
                for (const auto& p : prepared) {
                    const auto fail = [&](const core::Error& e) {
                        throw Abort{Failure(e, fmt::format("account {}", p.account.login))};
                    };
                    std::int64_t id = 0;
                    if (auto existing = identity::FindUserByLogin(s, p.account.login)) {
                        id = existing->id;
                        if (auto ok = identity::SetPassword(s, system_, id, p.user, options_.now); !ok) {
                            fail(ok.error());
                        }
                    } else {
                        auto created = identity::CreateUser(s, system_, p.user, options_.now);
                        if (!created) fail(created.error());
                        id = created.value();
                    }
                    if (auto ok = identity::GrantRole(s, system_, id, p.grant, options_.now); !ok) {
                        fail(ok.error());
                    }
                    if (!p.account.totp_secret.empty()) {
                        if (auto ok = identity::SetSecondFactor(s, system_, id, p.account.totp_secret,
                                                                options_.now);
                            !ok) {
                            fail(ok.error());
                        }
                    }
                }
            });
        } catch (const Abort& abort) {
            return abort.error;
        }
        std::vector<Account> out;
        out.reserve(prepared.size());
        for (auto& p : prepared) out.push_back(std::move(p.account));
        return out;
    }

    core::Status People(Counts& counts) {
        // Teachers.
        std::vector<std::vector<std::string>> rows{
            {"surname", "given_name", "patronymic", "department", "position", "degree", "login"}};
        for (const auto& t : plan_.teachers) {
            rows.push_back({t.person.surname, t.person.given_name, t.person.patronymic, t.department,
                            t.position, t.degree, t.login});
        }
        auto teachers = people::CommitImport(system_, PChange(), people::ImportKind::kTeachers, Csv(rows));
        if (!teachers) return Failure(teachers.error(), "teachers");
        if (!teachers.value().committed) return ImportFailure(teachers.value(), "teachers");
        counts.teachers = static_cast<int>(plan_.teachers.size());

        // Curators: the teachers of each group's department in turn, the adviser for its group.
        std::map<std::string, std::vector<std::int64_t>> by_department;
        std::map<std::string, std::int64_t> by_login;
        const auto adviser = db_.Read(
            [](db::Session& s) { return identity::FindUserByLogin(s, LoginOf(auth::Role::kAdviser)); });
        for (int offset = 0;; offset += 500) {
            auto page = people::ListTeachers(system_, db_, {.offset = offset, .limit = 500});
            if (!page) return Failure(page.error(), "teachers");
            for (const auto& t : page.value().items) {
                if (adviser && t.user_id == adviser->id) {
                    by_login[std::string(LoginOf(auth::Role::kAdviser))] = t.id.value;
                    continue;  // Curates only its own group.
                }
                by_department[t.department_code].push_back(t.id.value);
            }
            if (page.value().items.size() < 500) break;
        }
        rows = {{"code", "programme", "admission_year", "language", "curator"}};
        std::map<std::string, std::size_t> turn;
        for (const auto& g : plan_.groups) {
            std::string curator;
            if (!g.login.empty() && by_login.contains(g.login)) {
                curator = std::to_string(by_login[g.login]);
            } else if (const auto& list = by_department[g.department]; !list.empty()) {
                curator = std::to_string(list[turn[g.department]++ % list.size()]);
            }
            rows.push_back({g.code, g.programme, std::to_string(g.admission_year), g.language, curator});
        }
        auto groups = people::CommitImport(system_, PChange(), people::ImportKind::kGroups, Csv(rows));
        if (!groups) return Failure(groups.error(), "groups");
        if (!groups.value().committed) return ImportFailure(groups.value(), "groups");
        counts.groups = static_cast<int>(plan_.groups.size());

        rows = {{"surname", "given_name", "patronymic", "iin", "student_number", "programme", "group",
                 "course_year", "study_form", "funding", "status", "login"}};
        for (const auto& s : plan_.students) {
            rows.push_back({s.person.surname, s.person.given_name, s.person.patronymic, s.iin, s.number,
                            s.programme, s.group, std::to_string(s.course_year), s.form, s.funding, "active",
                            s.login});
        }
        auto students = people::CommitImport(system_, PChange(), people::ImportKind::kStudents, Csv(rows));
        if (!students) return Failure(students.error(), "students");
        if (!students.value().committed) return ImportFailure(students.value(), "students");
        counts.students = static_cast<int>(plan_.students.size());
        return core::OkStatus();
    }

    // The e-journal (R-O22): for the groups of the demo student accounts, a journal of each
    // first-semester discipline in the autumn semester, with current-control marks for the weeks
    // taught by `now` (at most 15) and RK1 from the eighth week, but not the demo student's RK1:
    // it stays empty until he writes the demo quiz (LearningItems), whose best graded attempt goes
    // to its course's RK1 and would never replace a typed mark. A second run keeps what exists.
    core::Status Gradebook(Counts& counts) {
        if (!gradebook::SchemaInstalled(db_)) return core::OkStatus();  // Migrated without the gradebook.
        std::set<std::int64_t> groups;
        std::int64_t quiz_taker = 0;
        for (const std::string_view login : {LoginOf(auth::Role::kStudent), kLawStudentLogin}) {
            const auto user = db_.Read([&](db::Session& s) { return identity::FindUserByLogin(s, login); });
            if (!user) continue;
            const auto student = people::FindStudentByUser(system_, db_, user->id);
            if (student && student->group) groups.insert(student->group->value);
            if (student && login == LoginOf(auth::Role::kStudent)) quiz_taker = student->id.value;
        }
        auto years = academics::ListYears(system_, db_, {0, 500});
        if (!years) return Failure(years.error(), "gradebook");
        std::optional<academics::Period> autumn;
        for (const auto& y : years.value()) {
            if (y.name != fmt::format("{}-{}", plan_.year, plan_.year + 1)) continue;
            auto year = academics::FindYear(system_, db_, y.id);
            if (!year) return Failure(year.error(), "gradebook");
            for (const auto& p : year.value().periods) {
                if (p.kind == academics::PeriodKind::kSemester1) autumn = p;
            }
        }
        if (!autumn) return core::OkStatus();
        const auto start = core::ParseIsoDay(academics::FormatIsoDate(autumn->start));
        const auto days = start ? (core::KazakhstanDay(options_.now) - *start).count() : 0;
        const int weeks = static_cast<int>(std::clamp<std::int64_t>(days / 7, 0, gradebook::kDefaultWeeks));
        const gradebook::Change change{db_, options_.now, ""};
        std::mt19937 rng(kSeed);
        for (const std::int64_t group_id : groups) {
            auto group = people::FindGroup(system_, db_, people::GroupId{group_id});
            if (!group) return Failure(group.error(), "gradebook");
            auto curricula =
                academics::ListCurricula(system_, db_, academics::ProgrammeId{group->programme_id});
            if (!curricula) return Failure(curricula.error(), "gradebook");
            people::StudentQuery query;
            query.group = people::GroupId{group_id};
            query.limit = 500;
            auto students = people::ListStudents(system_, db_, query);
            if (!students) return Failure(students.error(), "gradebook");
            for (const auto& c : curricula.value()) {
                if (c.admission_year != group->admission_year) continue;
                auto curriculum = academics::FindCurriculum(system_, db_, c.id);
                if (!curriculum) return Failure(curriculum.error(), "gradebook");
                for (const auto& d : curriculum.value().disciplines) {
                    if (d.semester != 1) continue;
                    auto opened =
                        gradebook::OpenJournal(system_, change,
                                               {std::to_string(group_id), std::to_string(d.id.value),
                                                std::to_string(autumn->id.value), ""});
                    if (!opened) {
                        if (opened.error().code == core::ErrorCode::kConflict) continue;  // Kept as it is.
                        return Failure(opened.error(), "gradebook");
                    }
                    ++counts.journals;
                    std::vector<gradebook::MarkEntry> entries;
                    for (const auto& s : students.value().items) {
                        // A student keeps a level across the weeks, with some scatter.
                        const int level = 55 + static_cast<int>(rng() % 43);
                        const auto mark = [&] {
                            return std::to_string(
                                std::clamp(level + static_cast<int>(rng() % 21) - 10, 0, 100));
                        };
                        for (int w = 1; w <= weeks; ++w) {
                            entries.push_back({s.id.value, fmt::format("w{}", w), mark(), ""});
                        }
                        if (weeks >= 8 && s.id.value != quiz_taker) {
                            entries.push_back({s.id.value, "rk1", mark(), ""});
                        }
                    }
                    if (entries.empty()) continue;
                    auto saved = gradebook::EnterMarks(system_, change, *opened, entries);
                    if (!saved) return Failure(saved.error(), "gradebook");
                    counts.marks += static_cast<int>(entries.size());
                }
            }
        }
        return core::OkStatus();
    }

    // Courses (issue 5): a course of each discipline of the demo journals in its period, taught by
    // the demo teacher (with 72 h of qualification courses, R-O16) to the journals' groups, with
    // three learning outcomes, three weeks of a lecture and a synchronous session each, a library
    // reference, and the assessment policy set (which the journals take). The head of the
    // department signs the readiness act of every other course two weeks before the period
    // starts (R-O12); the rest stay unsigned. A second run keeps the courses that exist.
    core::Status Courses(Counts& counts) {
        if (!courses::SchemaInstalled(db_) || !gradebook::SchemaInstalled(db_)) return core::OkStatus();
        const auto user = db_.Read(
            [&](db::Session& s) { return identity::FindUserByLogin(s, LoginOf(auth::Role::kTeacher)); });
        if (!user) return core::OkStatus();
        auth::Principal teacher_account;
        teacher_account.user_id = user->id;
        teacher_account.login = std::string(LoginOf(auth::Role::kTeacher));
        teacher_account.grants = {{auth::Role::kTeacher, auth::kInstitution}};
        const auto teacher = online::OwnTeacherId(teacher_account, db_);
        if (!teacher) return Failure(teacher.error(), "courses");
        const online::Change oc{db_, options_.now, ""};
        const auto standing = online::QualificationOf(system_, db_, *teacher, options_.now);
        if (standing && standing->verdict.status != core::RuleStatus::kMet) {
            const auto today = core::KazakhstanDay(options_.now);
            auto recorded = online::RecordQualification(
                system_, oc, *teacher,
                {"Онлайн оқыту әдістемесі", "Orleu", "72", core::FormatIsoDay(today - std::chrono::days(120)),
                 core::FormatIsoDay(today - std::chrono::days(90)), ""});
            if (!recorded) return Failure(recorded.error(), "courses");
        }
        // (discipline, period) -> its journals' groups, in journal order.
        std::map<std::pair<std::int64_t, std::int64_t>, std::vector<gradebook::Journal>> taught;
        std::vector<std::pair<std::int64_t, std::int64_t>> order;
        for (const auto& j : gradebook::ListJournals(system_, db_)) {
            const std::pair key{j.discipline_id, j.period_id};
            if (!taught.contains(key)) order.push_back(key);
            taught[key].push_back(j);
        }
        std::set<std::pair<std::int64_t, std::int64_t>> existing;
        for (const auto& c : courses::ListCourses(system_, db_, {})) {
            existing.insert({c.discipline_id, c.period_id});
        }
        const courses::Change change{db_, options_.now, ""};
        static constexpr std::string_view kTopics[] = {"Кіріспе және негізгі ұғымдар", "Әдістер мен құралдар",
                                                       "Практикалық қолдану"};
        int made = 0;
        for (const auto& key : order) {
            if (existing.contains(key)) continue;
            const auto& journals = taught[key];
            const gradebook::Journal& first = journals.front();
            auto id = courses::CreateCourse(
                system_, change, {std::to_string(key.first), std::to_string(key.second), "kk", "no", ""});
            if (!id) return Failure(id.error(), "courses");
            if (auto ok = courses::AssignTeacher(system_, change, *id, *teacher); !ok) {
                return Failure(ok.error(), "courses");
            }
            for (const auto& j : journals) {
                if (auto ok = courses::AttachGroup(system_, change, *id, j.group_id, "stream"); !ok) {
                    return Failure(ok.error(), "courses");
                }
            }
            std::vector<std::int64_t> outcomes;
            for (int n = 1; n <= 3; ++n) {
                auto outcome = courses::AddOutcome(
                    teacher_account, change, *id,
                    {fmt::format("LO{}", n),
                     fmt::format("{} пәнінің {}-тақырыбының әдістерін қолдана алады", first.discipline_kk, n),
                     fmt::format("PO{}", n)});
                if (!outcome) return Failure(outcome.error(), "courses");
                outcomes.push_back(*outcome);
            }
            const auto start = core::ParseIsoDay(first.period_start);
            for (int n = 1; n <= 3; ++n) {
                auto week = courses::AddWeek(teacher_account, change, *id, std::to_string(n), kTopics[n - 1]);
                if (!week) return Failure(week.error(), "courses");
                courses::ElementDraft lecture;
                lecture.kind = "lecture";
                lecture.title = fmt::format("{}-дәріс. {}", n, kTopics[n - 1]);
                lecture.body = fmt::format("# {}\n\n{}: дәріс мәтіні, сұрақтар және өзіндік жұмыс.",
                                           kTopics[n - 1], first.discipline_kk);
                lecture.synchronous = "no";
                lecture.hours = "4";
                lecture.outcome_ids = {outcomes[static_cast<std::size_t>(n - 1)]};
                if (auto e = courses::AddElement(teacher_account, change, *id, *week, lecture); !e) {
                    return Failure(e.error(), "courses");
                }
                courses::ElementDraft session;
                session.kind = "session";
                session.title = fmt::format("{}-семинар", n);
                session.url = fmt::format("https://meet.jit.si/oqu-demo-{}-{}", *id, n);
                session.starts_at = (start ? core::FormatIsoDay(*start + std::chrono::days(7 * (n - 1) + 1))
                                           : first.period_start) +
                                    "T10:00";
                session.synchronous = "yes";
                session.hours = "2";
                if (auto e = courses::AddElement(teacher_account, change, *id, *week, session); !e) {
                    return Failure(e.error(), "courses");
                }
                if (n == 1) {
                    courses::ElementDraft book;
                    book.kind = "library";
                    book.title = "Негізгі әдебиет";
                    book.reference = fmt::format("{}: оқу құралы. Алматы: Oqu баспасы, {}",
                                                 first.discipline_kk, plan_.year - 1);
                    book.synchronous = "no";
                    book.hours = "2";
                    if (auto e = courses::AddElement(teacher_account, change, *id, *week, book); !e) {
                        return Failure(e.error(), "courses");
                    }
                }
            }
            if (auto ok = courses::SetWeights(teacher_account, change, *id, {30, 15, 15, 40}); !ok) {
                return Failure(ok.error(), "courses");
            }
            if (made % 2 == 0 && start) {
                // Signed at 10:00 Almaty two weeks before the period: on time for R-O12.
                const courses::Change signed_at{
                    db_, core::Instant{*start - std::chrono::days(14) + std::chrono::hours(5)}, ""};
                if (auto ok = courses::SignReadinessAct(system_, signed_at, *id); !ok) {
                    return Failure(ok.error(), "courses");
                }
            }
            ++made;
        }
        counts.courses += made;
        return core::OkStatus();
    }

    // Whether a module's migrations ran (a partial setup, like the demo's own tests, may lack some).
    bool Installed(std::string_view module) {
        return db_.Read([&](db::Session& s) {
            // schema_migrations is the migration runner's record (platform/db), read-only here.
            return s.Query("SELECT COUNT(*) FROM schema_migrations WHERE module = ?",
                           {std::string(module)})[0]
                       .Int(0) > 0;
        });
    }

    // The testing system and written work (issue 5 §2-3): in the demo student's course (the
    // first one of his group whose period holds `now`, else the first one of his group), a
    // published quiz of seven questions of six types with an essay, open for a month, in the RK1
    // column of the journal (its marks go there once graded), and an essay assignment due in two
    // weeks in the RK2 column (its grades go there), both made by the demo teacher, so a newcomer
    // signing in as the student sees them. A second run keeps them (the quiz's category and the
    // assignment's title exist).
    core::Status LearningItems() {
        if (!courses::SchemaInstalled(db_) || !Installed("assessment") || !Installed("assignments")) {
            return core::OkStatus();
        }
        const auto student_user = db_.Read(
            [&](db::Session& s) { return identity::FindUserByLogin(s, LoginOf(auth::Role::kStudent)); });
        const auto teacher_user = db_.Read(
            [&](db::Session& s) { return identity::FindUserByLogin(s, LoginOf(auth::Role::kTeacher)); });
        if (!student_user || !teacher_user) return core::OkStatus();
        const auto student = people::FindStudentByUser(system_, db_, student_user->id);
        if (!student || !student->group) return core::OkStatus();
        std::optional<std::int64_t> course_id;
        const std::string today = core::FormatIsoDay(core::KazakhstanDay(options_.now));
        for (const auto& c : courses::ListCourses(system_, db_, {})) {
            auto course = courses::FindCourse(system_, db_, c.id);
            if (!course) return Failure(course.error(), "quiz");
            const bool ours = std::any_of(course->groups.begin(), course->groups.end(),
                                          [&](const auto& g) { return g.group_id == student->group->value; });
            if (!ours) continue;
            const bool now_on = course->period_start <= today && today <= course->period_end;
            if (!course_id || now_on) course_id = course->id;
            if (now_on) break;
        }
        if (!course_id) return core::OkStatus();
        auth::Principal teacher;
        teacher.user_id = teacher_user->id;
        teacher.login = std::string(LoginOf(auth::Role::kTeacher));
        teacher.grants = {{auth::Role::kTeacher, auth::kInstitution}};
        // "YYYY-MM-DDTHH:MM" in Asia/Almaty (UTC+5), as the forms take it.
        const auto local = [](core::Instant t) {
            return core::FormatUtc(t + std::chrono::hours(5)).substr(0, 16);
        };
        assessment::QuizFromText quiz;
        quiz.category = "Демо: АБ1";
        quiz.file_name = "demo.gift";
        quiz.text =
            "::Кортеж:: Реляциялық кестенің бір жолы қалай аталады? {=Кортеж (жазба) ~Атрибут ~Домен}\n\n"
            "::1НФ:: Бірінші қалыпты форманың (1НФ) талаптары қайсы? {~%50%Әр ұяшықта бір ғана мән "
            "~%50%Қайталанатын топтар жоқ ~%-100%Кестеде бір ғана баған}\n\n"
            "::SELECT:: SQL тіліндегі SELECT операторы кестедегі деректерді өзгертеді.{F}\n\n"
            "::DELETE:: Кестеден жолдарды жоятын SQL операторын жазыңыз. {=DELETE}\n\n"
            "::Есеп:: 2 + 3 × 4 өрнегінің мәні неге тең? {#14}\n\n"
            "::Кілттер:: Ұғымдарды сәйкестендіріңіз. {=PRIMARY KEY -> Жолдың бірегей идентификаторы "
            "=FOREIGN KEY -> Басқа кестеге сілтеме =INDEX -> Іздеуді жылдамдату}\n\n"
            "::Нормализация:: Деректер қорын қалыпқа келтірудің мақсатын өз сөзіңізбен түсіндіріңіз. {}\n";
        quiz.title = "АБ1: деректер қорының негіздері";
        quiz.intro =
            "Жеті сұрақ, 40 минут, екі әрекет. Эссені оқытушы бағалайды; ең жақсы әрекет журналдың "
            "АБ1 бағанына түседі.";
        quiz.opens_at = local(options_.now - std::chrono::hours(24));
        quiz.closes_at = local(options_.now + std::chrono::hours(24 * 30));
        quiz.time_limit_minutes = "40";
        quiz.attempts_allowed = "2";
        quiz.review = "after_submit";
        quiz.grade_column = "rk1";
        auto made = assessment::CreateQuizFromText(teacher, db_, options_.now, *course_id, quiz);
        if (!made && made.error().message_key != "assessment.bank.category_exists") {
            return Failure(made.error(), "quiz");
        }
        const assignments::Change change{db_, options_.now, ""};
        const std::string title = "Деректер қорының жобасы";
        auto existing = assignments::ListAssignments(teacher, db_, *course_id);
        if (!existing) return Failure(existing.error(), "assignment");
        if (std::none_of(existing->begin(), existing->end(),
                         [&](const auto& a) { return a.assignment.title == title; })) {
            assignments::AssignmentDraft draft;
            draft.title = title;
            draft.instructions =
                "Кітапхананың деректер қорын жобалаңыз: ER-диаграмма, 3НФ-тағы кестелер және бес SQL "
                "сұранысы. "
                "Мәтінді осы бетке жазыңыз немесе PDF файл жүктеңіз.";
            draft.submission_type = "both";
            draft.file_types = "pdf, docx";
            draft.max_file_mb = "10";
            draft.opens_at = local(options_.now - std::chrono::hours(24));
            draft.due_at = local(options_.now + std::chrono::hours(24 * 14));
            draft.late_policy = "penalty";
            draft.penalty_per_day = "10";
            draft.penalty_cap = "50";
            draft.max_mark = "100";
            draft.group_mode = "none";
            draft.report_visible = "yes";
            draft.grade_column = "rk2";  // Its grades go to the journal's RK2 column (R-O22).
            if (auto a = assignments::CreateAssignment(teacher, change, *course_id, draft); !a) {
                return Failure(a.error(), "assignment");
            }
        }
        return core::OkStatus();
    }

    db::Database& db_;
    const Options& options_;
    const Plan& plan_;
    auth::Principal system_;
    std::map<std::string, std::int64_t> faculty_ids_;
    std::map<std::string, std::int64_t> programme_ids_;
};

// --- The command ---------------------------------------------------------------------------

std::string Table(const Summary& summary) {
    std::string out = fmt::format(
        "Demo university created for the academic year {}: {} faculties, {} departments, {} programmes, "
        "{} curricula ({} disciplines), {} teachers, {} groups, {} students, {} journals ({} marks), {} "
        "courses.\n\n",
        summary.academic_year, summary.counts.faculties, summary.counts.departments,
        summary.counts.programmes, summary.counts.curricula, summary.counts.disciplines,
        summary.counts.teachers, summary.counts.groups, summary.counts.students, summary.counts.journals,
        summary.counts.marks, summary.counts.courses);
    out +=
        "Demo accounts, one per role (for local evaluation only: the passwords are random and shown once;\n"
        "the administrative roles sign in with a TOTP code: add the secret to an authenticator app):\n\n";
    out += fmt::format("{:<18} {:<17} {:<18} {}\n", "role", "login", "password", "TOTP secret");
    for (const auto& a : summary.accounts) {
        out += fmt::format("{:<18} {:<17} {:<18} {}\n", a.role, a.login, a.password,
                           a.totp_secret.empty() ? "-" : a.totp_secret);
    }
    return out;
}

int Run(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    flags.add_options()("force", "proceed on a database that is not empty (existing items are kept)")(
        "json", "print only a JSON document {\"accounts\": [...], \"university\": {...}}");
    po::variables_map values;
    if (auto exit =
            platform::ParseFlags(ctx, flags, {}, values, "[--db URL] [--force] [--json] [--config FILE]")) {
        return *exit;
    }
    auth::SetPasswordListPath(ctx.config.resource_dir / "platform/auth/data/common-passwords.txt");
    const auth::PasswordHasher hasher;
    Options options;
    options.resource_dir = ctx.config.resource_dir;
    options.now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    options.force = values.count("force") != 0U;
    options.hasher = &hasher;
    try {
        const auto database = platform::OpenAndMigrate(*ctx.registry, ctx.config, nullptr);
        auto summary = CreateDemo(*database, options);
        if (!summary) {
            if (summary.error().message_key == "demo.not_empty") {
                return platform::Fail(1,
                                      "demo: the database is not empty (it has accounts or faculties); "
                                      "use --force to add the demo university anyway");
            }
            return platform::Fail(
                1, fmt::format("demo: {}", summary.error().detail.empty() ? summary.error().message_key
                                                                          : summary.error().detail));
        }
        std::cout << (values.count("json") != 0U ? SummaryJson(summary.value()) + "\n"
                                                 : Table(summary.value()));
        return 0;
    } catch (const db::DbError& e) {
        return platform::Fail(1, fmt::format("demo: {}", e.what()));
    }
}

}  // namespace

int AcademicYearStart(core::Instant now) {
    const auto local = std::chrono::floor<std::chrono::days>(now + core::kKazakhstanOffset);
    const std::chrono::year_month_day date(local);
    const int year = static_cast<int>(date.year());
    return date.month() >= std::chrono::September ? year : year - 1;
}

core::Result<Summary> CreateDemo(db::Database& db, const Options& options) {
    if (options.hasher == nullptr) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "demo.no_hasher", "no password hasher");
    }
    if (!options.force) {
        const auto users = db.Read([](db::Session& s) { return identity::CountUsers(s); });
        auto faculties = academics::ListFaculties(auth::SystemPrincipal(), db, {0, 1});
        if (users > 0 || !faculties || !faculties.value().empty()) {
            return core::MakeError(core::ErrorCode::kConflict, "demo.not_empty",
                                   "the database has accounts or faculties");
        }
    }
    const Plan plan = MakePlan(AcademicYearStart(options.now));
    return Writer(db, options, plan).Run();
}

std::string SummaryJson(const Summary& summary) {
    nlohmann::json accounts = nlohmann::json::array();
    for (const auto& a : summary.accounts) {
        accounts.push_back(
            {{"role", a.role},
             {"login", a.login},
             {"password", a.password},
             {"totp_secret", a.totp_secret.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.totp_secret)},
             {"name", a.name}});
    }
    const auto& c = summary.counts;
    nlohmann::json university = {{"academic_year", summary.academic_year},
                                 {"faculties", c.faculties},
                                 {"departments", c.departments},
                                 {"programmes", c.programmes},
                                 {"curricula", c.curricula},
                                 {"disciplines", c.disciplines},
                                 {"periods", c.periods},
                                 {"teachers", c.teachers},
                                 {"groups", c.groups},
                                 {"students", c.students},
                                 {"journals", c.journals},
                                 {"marks", c.marks},
                                 {"courses", c.courses}};
    return nlohmann::json{{"accounts", accounts}, {"university", university}}.dump();
}

void RegisterDemoCommand(platform::ModuleRegistry& registry) {
    registry.AddCommand(
        {"demo", "create a demo university with one account per role (local evaluation)", Run});
}

}  // namespace oqu::demo
