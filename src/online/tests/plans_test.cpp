#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "academics/api.hpp"
#include "online/routes.hpp"
#include "online/tests/fixture.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::online {
namespace {

namespace auth = platform::auth;
namespace db_testing = platform::db::testing;

/// The fixture plus a curriculum of the online student's programme with two disciplines of 150
/// hours (5 credits) in semesters 1 and 2, and an approved 5-credit MOOC of the student.
class PlanTest : public testing::OnlineDbTest {
protected:
    void SetUp() override {
        OnlineDbTest::SetUp();
        if (IsSkipped()) return;
        const auto system = auth::SystemPrincipal();
        const academics::Change change{*db_, Now(), ""};
        const auto curriculum =
            academics::CreateCurriculum(system, change, academics::ProgrammeId{programme1_}, {"2025"});
        ASSERT_TRUE(curriculum.has_value()) << curriculum.error().detail;
        for (const auto& [code, semester] : {std::pair{"Fil 1101", "1"}, std::pair{"Inf 1202", "2"}}) {
            academics::DisciplineDraft d;
            d.code = code;
            d.names = {code, code, code};
            d.credits = "5";
            d.cycle = "general";
            d.component = "required";
            d.semester = semester;
            d.control = "exam";
            d.hours = {"15", "30", "", "", "", "30", "75"};
            auto id = academics::AddDiscipline(system, change, *curriculum, d);
            ASSERT_TRUE(id.has_value()) << id.error().detail;
            disciplines_.push_back(id->value);
        }
        auto mooc = SubmitMooc(
            Student1(), Ch(), student1_,
            {"coursera", "Machine Learning", "https://www.coursera.org/learn/ml", "5", "2026-05-30", ""});
        ASSERT_TRUE(mooc.has_value());
        ASSERT_TRUE(DecideMooc(Dean(faculty1_), Ch(), *mooc, "approve").has_value());
        mooc_ = *mooc;
    }

    PlanEntryDraft Online(std::size_t i, const std::string& hours) const {
        return {std::to_string(disciplines_[i]), "online", hours, ""};
    }
    PlanEntryDraft ByMooc(std::size_t i) const {
        return {std::to_string(disciplines_[i]), "mooc", "", std::to_string(mooc_)};
    }
    ScheduleDraft Monday() const {
        return {std::to_string(disciplines_[0]), "1", "09:00", "10:30", "synchronous"};
    }
    std::size_t Audits(const std::string& action) {
        return platform::audit::ListAudit(*db_, 1000, 0, action).size();
    }
    bool Approved(std::int64_t student) {
        const auto ids = ReportApprovedPlans(*db_);
        return std::find(ids.begin(), ids.end(), student) != ids.end();
    }

    std::vector<std::int64_t> disciplines_;
    std::int64_t mooc_ = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, PlanTest,
                         ::testing::Values(db_testing::Backend::kSqliteMemory,
                                           db_testing::Backend::kPostgres),
                         db_testing::BackendName);

/// The dean's office sets how each discipline is taken, builds the schedule and approves; the
/// student sees his approved plan; a later change needs a new approval.
TEST_P(PlanTest, DeanApprovesPlanAndSchedule) {  // R-O3
    if (IsSkipped()) return;
    const auto dean = Dean(faculty1_);
    ASSERT_TRUE(SavePlan(dean, Ch(), student1_, {Online(0, "30")}).has_value());
    EXPECT_EQ(ApprovePlan(dean, Ch(), student1_).error().message_key, "online.plan_incomplete");
    ASSERT_TRUE(SavePlan(dean, Ch(), student1_, {Online(0, "30"), ByMooc(1)}).has_value());
    EXPECT_EQ(ApprovePlan(dean, Ch(), student1_).error().message_key, "online.schedule_missing");
    ASSERT_TRUE(AddScheduleRow(dean, Ch(), student1_, Monday()).has_value());
    EXPECT_FALSE(Approved(student1_));
    ASSERT_TRUE(ApprovePlan(dean, Ch(), student1_).has_value());
    EXPECT_TRUE(Approved(student1_));
    EXPECT_EQ(ApprovePlan(dean, Ch(), student1_).error().message_key, "online.plan_already_approved");
    EXPECT_EQ(Audits("online.approve_plan"), 1U);
    EXPECT_EQ(Audits("online.save_plan"), 2U);

    auto own = StudyPlanOf(Student1(), *db_, student1_, Now());
    ASSERT_TRUE(own.has_value()) << own.error().message_key;
    EXPECT_TRUE(own->approved);
    EXPECT_EQ(own->approver, dean.login);
    ASSERT_EQ(own->entries.size(), 2U);
    EXPECT_EQ(own->entries[0].semester, 1);
    EXPECT_EQ(own->entries[0].credits, 5);
    EXPECT_EQ(own->entries[0].synchronous_hours, 30);
    EXPECT_FALSE(own->entries[0].synchronous.violated());
    EXPECT_EQ(own->entries[1].mode, "mooc");
    EXPECT_EQ(own->entries[1].mooc_title, "Machine Learning");
    ASSERT_EQ(own->schedule.size(), 1U);
    EXPECT_EQ(own->schedule[0].code, "Fil 1101");

    // Any change clears the approval: the compliance report no longer counts the student.
    ASSERT_TRUE(AddScheduleRow(dean, Ch(), student1_,
                               {std::to_string(disciplines_[1]), "3", "14:00", "15:00", "asynchronous"})
                    .has_value());
    EXPECT_FALSE(Approved(student1_));
    EXPECT_FALSE(StudyPlanOf(dean, *db_, student1_, Now())->approved);
    ASSERT_TRUE(ApprovePlan(dean, Ch(), student1_).has_value());
    const auto row = StudyPlanOf(dean, *db_, student1_, Now())->schedule.back().id;
    ASSERT_TRUE(RemoveScheduleRow(dean, Ch(), student1_, row).has_value());
    EXPECT_FALSE(Approved(student1_));
    EXPECT_EQ(RemoveScheduleRow(dean, Ch(), student1_, row).error().code, core::ErrorCode::kNotFound);
}

/// An online discipline under 20 % synchronous is refused with R-O6 and the numbers; bad input is
/// refused too; nothing is written or audited.
TEST_P(PlanTest, RefusalsChangeNothing) {  // R-O6
    if (IsSkipped()) return;
    const auto dean = Dean(faculty1_);
    auto short_sync = SavePlan(dean, Ch(), student1_, {Online(0, "29"), ByMooc(1)});
    ASSERT_FALSE(short_sync.has_value());
    EXPECT_EQ(short_sync.error().code, core::ErrorCode::kRuleViolation);
    EXPECT_EQ(short_sync.error().message_key, "online.plan_ro6_short");
    EXPECT_EQ(short_sync.error().requirement, "R-O6");
    EXPECT_EQ(SavePlan(dean, Ch(), student1_, {Online(0, "151")}).error().message_key,
              "online.plan_hours_invalid");
    EXPECT_EQ(SavePlan(dean, Ch(), student1_, {Online(0, "x")}).error().code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(SavePlan(dean, Ch(), student1_, {Online(0, "30"), Online(0, "30")}).error().message_key,
              "online.plan_discipline_invalid");
    EXPECT_EQ(SavePlan(dean, Ch(), student1_, {{"999999", "online", "30", ""}}).error().message_key,
              "online.plan_discipline_invalid");
    // A MOOC still waiting for approval cannot carry a discipline.
    auto pending = SubmitMooc(Student1(), Ch(), student1_,
                              {"edx", "CS50", "https://cs50.edx.org", "5", "2026-06-01", ""});
    ASSERT_TRUE(pending.has_value());
    EXPECT_EQ(SavePlan(dean, Ch(), student1_,
                       {{std::to_string(disciplines_[1]), "mooc", "", std::to_string(*pending)}})
                  .error()
                  .message_key,
              "online.plan_mooc_invalid");
    EXPECT_EQ(SavePlan(dean, Ch(), student1_, {{std::to_string(disciplines_[1]), "hybrid", "", ""}})
                  .error()
                  .message_key,
              "online.plan_mode_invalid");
    EXPECT_EQ(AddScheduleRow(dean, Ch(), student1_, Monday()).error().message_key, "online.plan_not_saved");
    EXPECT_EQ(Count("online_plan"), 0);
    EXPECT_EQ(Count("online_plan_discipline"), 0);
    EXPECT_EQ(Audits("online.save_plan"), 0U);

    ASSERT_TRUE(SavePlan(dean, Ch(), student1_, {Online(0, "30")}).has_value());
    auto bad_time = Monday();
    bad_time.end_time = "08:00";
    EXPECT_EQ(AddScheduleRow(dean, Ch(), student1_, bad_time).error().message_key,
              "online.schedule_end_invalid");
    auto not_planned = Monday();
    not_planned.discipline_id = std::to_string(disciplines_[1]);
    EXPECT_EQ(AddScheduleRow(dean, Ch(), student1_, not_planned).error().message_key,
              "online.schedule_discipline_invalid");
    EXPECT_EQ(Count("online_plan_schedule"), 0);
}

/// Only the dean's office of the student's faculty changes or approves his plan; the student
/// and readers of online records see it; a full-time student has none.
TEST_P(PlanTest, OnlyTheDeansOfficeOfTheFacultyDecides) {  // R-O3
    if (IsSkipped()) return;
    const std::vector<PlanEntryDraft> plan{Online(0, "30"), ByMooc(1)};
    EXPECT_EQ(SavePlan(Dean(faculty2_), Ch(), student1_, plan).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(SavePlan(Student1(), Ch(), student1_, plan).error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(SavePlan(Quality(), Ch(), student1_, plan).error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(SavePlan(Student2(), Ch(), student1_, plan).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(ApprovePlan(Quality(), Ch(), student1_).error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(Count("online_plan"), 0);
    EXPECT_TRUE(StudyPlanOf(Quality(), *db_, student1_, Now()).has_value());
    EXPECT_EQ(StudyPlanOf(Dean(faculty2_), *db_, student1_, Now()).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(StudyPlanOf(Student2(), *db_, student1_, Now()).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(SavePlan(Dean(faculty2_), Ch(), student2_, {}).error().message_key,
              "online.not_online_student");
}

/// The staff list shows the online students of the reader's scope with their contract and plan.
TEST_P(PlanTest, ListOfOnlineStudents) {  // R-O3
    if (IsSkipped()) return;
    auto list = ListOnlineStudents(Dean(faculty1_), *db_, {});
    ASSERT_TRUE(list.has_value()) << list.error().message_key;
    ASSERT_EQ(list->total, 1);
    EXPECT_EQ(list->items[0].student_id, student1_);
    EXPECT_EQ(list->items[0].plan, "none");
    EXPECT_FALSE(list->items[0].consented);
    ASSERT_TRUE(SavePlan(Dean(faculty1_), Ch(), student1_, {Online(0, "30"), ByMooc(1)}).has_value());
    EXPECT_EQ(ListOnlineStudents(Quality(), *db_, {})->items.at(0).plan, "draft");
    EXPECT_EQ(ListOnlineStudents(Dean(faculty2_), *db_, {})->total, 0);
    EXPECT_EQ(ListOnlineStudents(Dean(faculty1_), *db_, {.programme_id = programme2_})->total, 0);
    EXPECT_EQ(ListOnlineStudents(Teacher1(), *db_, {}).error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(ListOnlineStudents(Student1(), *db_, {}).error().code, core::ErrorCode::kForbidden);
}

// ----- the pages and the API -----------------------------------------------------------------------

namespace http = platform::http;
using nlohmann::json;

// Sessions by cookie token: "dean" (faculty 1), "other" (dean of faculty 2), "quality", "student"
// (account 501, the online student).
class FakeSessions : public auth::SessionResolver {
public:
    std::map<std::string, std::shared_ptr<const auth::SessionState>> sessions;
    std::shared_ptr<const auth::SessionState> Resolve(std::string_view token, core::Instant) override {
        const auto it = sessions.find(std::string(token));
        return it != sessions.end() ? it->second : nullptr;
    }
    void SaveLanguage(std::int64_t, std::string_view) override {}
    void Add(const std::string& token, auth::Principal principal) {
        auto state = std::make_shared<auth::SessionState>();
        state->principal = std::move(principal);
        state->csrf_token = "c0ffee";
        sessions[token] = state;
    }
};

std::string Token(const std::string& name) {
    static const std::map<std::string, char> kDigits = {
        {"dean", 'a'}, {"other", 'b'}, {"quality", 'c'}, {"student", 'd'}};
    return std::string(64, kDigits.at(name));
}

/// The plan fixture with the module's routes behind the real gate.
class PlanRoutesTest : public PlanTest {
protected:
    void SetUp() override {
        PlanTest::SetUp();
        if (IsSkipped()) return;
        const auto root = people::testing::ResourceDir();
        renderer_ = std::make_unique<platform::web::Renderer>(
            std::map<std::string, std::filesystem::path>{{"web", root / "platform/web/templates"},
                                                         {"online", root / "online/templates"}},
            platform::web::Strings::Load({root / "platform/web/strings", root / "platform/auth/strings",
                                          root / "distance/strings", root / "online/strings"}));
        files_dir_ =
            std::filesystem::temp_directory_path() / ("oqu_online_routes_" + std::to_string(::getpid()));
        files_ = std::make_unique<platform::files::FileStore>(files_dir_);
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        services_ = std::make_unique<platform::Services>(
            platform::Services{config_, *db_, *renderer_, *files_, *jobs_, navigation_});
        detail::AddRoutes(router_, *services_);
        sessions_ = std::make_shared<FakeSessions>();
        sessions_->Add(Token("dean"), Dean(faculty1_));
        sessions_->Add(Token("other"), Dean(faculty2_));
        sessions_->Add(Token("quality"), Quality());
        sessions_->Add(Token("student"), Student1());
        auth::InstallGate(router_, sessions_, *renderer_, navigation_, {.secure_cookies = false});
    }

    void TearDown() override {
        services_.reset();
        jobs_.reset();
        files_.reset();
        if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
        PlanTest::TearDown();
    }

    // A page (form body) or, with `api`, the JSON API, as `who`.
    http::Response Call(http::Method method, const std::string& target, const std::string& who,
                        std::string body = {}, bool api = false) {
        http::Request request;
        request.method = method;
        request.target = target;
        const auto q = target.find('?');
        request.path = target.substr(0, q);
        request.query = q == std::string::npos ? "" : target.substr(q + 1);
        request.remote_address = "192.0.2.7";
        request.headers.emplace_back("Cookie", "oqu_session=" + Token(who));
        request.headers.emplace_back("Accept", api ? "application/json" : "text/html");
        request.headers.emplace_back("Accept-Language", "en");
        if (method != http::Method::kGet) {
            request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
            body = "_csrf=c0ffee" + std::string(body.empty() ? "" : "&") + body;
        }
        request.body = body;
        request.body_size = body.size();
        const auto match = router_.Find(method, request.path);
        EXPECT_EQ(match.kind, http::RouteMatch::Kind::kFound) << target;
        if (match.kind != http::RouteMatch::Kind::kFound) return http::Response::Text("no route", 599);
        request.path_params = match.params;
        request.route = match.pattern;
        return (*match.handler)(request);
    }

    std::string PlanForm(const std::string& first_sync) const {
        const std::string a = std::to_string(disciplines_[0]);
        const std::string b = std::to_string(disciplines_[1]);
        return "discipline=" + a + "&way_" + a + "=online&sync_" + a + "=" + first_sync + "&discipline=" + b +
               "&way_" + b + "=mooc%3A" + std::to_string(mooc_);
    }

    static bool Has(const http::Response& response, std::string_view text) {
        return response.body.find(text) != std::string::npos;
    }

    platform::Config config_;
    std::unique_ptr<platform::web::Renderer> renderer_;
    std::filesystem::path files_dir_;
    std::unique_ptr<platform::files::FileStore> files_;
    std::unique_ptr<platform::jobs::JobQueue> jobs_;
    auth::Navigation navigation_;
    std::unique_ptr<platform::Services> services_;
    http::Router router_;
    std::shared_ptr<FakeSessions> sessions_;
};

INSTANTIATE_TEST_SUITE_P(Backends, PlanRoutesTest,
                         ::testing::Values(db_testing::Backend::kSqliteMemory,
                                           db_testing::Backend::kPostgres),
                         db_testing::BackendName);

/// The dean's office lists its online students, keeps the plan and schedule through the plan
/// page (an R-O6 refusal shows the numbers and saves nothing) and approves; the student sees the
/// approved plan on his own page; the API answers the same plan.
TEST_P(PlanRoutesTest, PlanThroughThePages) {  // R-O3, R-O6
    if (IsSkipped()) return;
    const std::string student = "/online/students/" + std::to_string(student1_);
    auto list = Call(http::Method::kGet, "/online/students", "dean");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_TRUE(Has(list, "href=\"" + student + "\""));
    EXPECT_FALSE(Has(Call(http::Method::kGet, "/online/students", "other"), student));
    EXPECT_EQ(Call(http::Method::kGet, "/online/students", "student").status, 403);

    EXPECT_EQ(Call(http::Method::kGet, student + "/plan", "quality").status, 403);
    EXPECT_EQ(Call(http::Method::kGet, student + "/plan", "other").status, 404);
    auto page = Call(http::Method::kGet, student + "/plan", "dean");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page, "name=\"way_" + std::to_string(disciplines_[0]) + "\""));
    EXPECT_TRUE(Has(page, "Machine Learning"));

    auto refused = Call(http::Method::kPost, student + "/plan", "dean", PlanForm("10"));
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(Has(refused, "Fil 1101: only 10 of 150 hours synchronous")) << refused.body;
    EXPECT_EQ(Count("online_plan"), 0);
    EXPECT_EQ(Call(http::Method::kPost, student + "/plan", "quality", PlanForm("30")).status, 403);
    EXPECT_EQ(Call(http::Method::kPost, student + "/plan", "other", PlanForm("30")).status, 404);
    EXPECT_EQ(Count("online_plan"), 0);

    ASSERT_EQ(Call(http::Method::kPost, student + "/plan", "dean", PlanForm("30")).status, 303);
    auto early = Call(http::Method::kPost, student + "/plan/approve", "dean");
    EXPECT_EQ(early.status, 409);
    EXPECT_TRUE(Has(early, "the individual schedule is empty"));
    ASSERT_EQ(Call(http::Method::kPost, student + "/plan/schedule", "dean",
                   "discipline_id=" + std::to_string(disciplines_[0]) +
                       "&weekday=2&start_time=09%3A00&end_time=10%3A30&format=synchronous")
                  .status,
              303);
    auto approved = Call(http::Method::kPost, student + "/plan/approve", "dean");
    ASSERT_EQ(approved.status, 303) << approved.body;
    EXPECT_EQ(approved.Header("Location"), student + "?saved=1");
    EXPECT_TRUE(Approved(student1_));

    // The student accepts the contract and sees his approved plan and schedule.
    PublishAll();
    auto state = ConsentStateOf(Student1(), *db_, student1_);
    ASSERT_TRUE(state.has_value());
    std::vector<std::int64_t> ids;
    for (const auto& d : state->current) ids.push_back(d.id);
    ASSERT_TRUE(AcceptDocuments(Student1(), Ch(), ids).has_value());
    auto own = Call(http::Method::kGet, student, "student");
    ASSERT_EQ(own.status, 200);
    EXPECT_TRUE(Has(own, "<strong>approved</strong>")) << own.body;
    EXPECT_TRUE(Has(own, "09:00–10:30"));
    EXPECT_FALSE(Has(own, student + "/plan\""));  // no edit link for the student
    EXPECT_EQ(Call(http::Method::kGet, student + "/plan", "student").status, 403);

    auto api = Call(http::Method::kGet, "/api/v1/online/students/" + std::to_string(student1_) + "/plan",
                    "quality", {}, true);
    ASSERT_EQ(api.status, 200) << api.body;
    const auto doc = json::parse(api.body);
    EXPECT_EQ(doc["status"], "approved");
    EXPECT_EQ(doc["entries"].size(), 2U);
    EXPECT_EQ(doc["entries"][0]["synchronous_hours"], 30);
    EXPECT_EQ(doc["entries"][1]["mode"], "mooc");
    EXPECT_EQ(doc["schedule"][0]["weekday"], 2);
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/online/students/" + std::to_string(student1_) + "/plan",
                   "other", {}, true)
                  .status,
              404);
}

}  // namespace
}  // namespace oqu::online
