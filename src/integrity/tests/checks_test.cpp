// Checks of students' works in the portal on SQLite and PostgreSQL (R-O20): QueueCheck -> job
// "integrity.check" -> result recorded and the work indexed; an idempotent re-run; a broken file;
// exclusions, decisions (audited), the report page's permissions and its PDF, through the real
// auth gate and router.
#include "integrity/checks.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <poppler-document.h>
#include <poppler-page.h>
#include <unistd.h>

#include "courses/tests/fixture.hpp"
#include "integrity/checks_internal.hpp"
#include "integrity/index_store.hpp"
#include "integrity/routes.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::integrity {
namespace {

namespace http = platform::http;
namespace auth = platform::auth;
namespace db = platform::db;
using courses::testing::CoursesDbTest;
using people::testing::As;

const std::string kSource =
    "Оның отыздан астамы — күн электр станциялары. Жалпы жасыл экономикаға өту концепциясы бойынша "
    "Қазақстанда баламалы энергия көздерінен алынатын қуат көлемі. Мемлекет басшысы Қазақстандағы "
    "жаңартылған қуат көзін пайдаланудың сөйтіп жасыл экономикаға өтудің маңыздылығын атап өтті.";
const std::string kOwn =
    "Студенттер кітапханада сабаққа дайындалды, ал оқытушылар келесі аптаның жоспарын талқылап, емтихан "
    "кестесін бекітті.";
const std::string kUnique =
    "Реляционная модель данных описывает данные как набор отношений, каждое из которых состоит из "
    "кортежей с одинаковым набором атрибутов. Нормализация устраняет избыточность и аномалии обновления, "
    "а транзакции с уровнями изоляции защищают целостность при одновременной работе многих пользователей "
    "с одной и той же базой данных университета.";
const std::string kOther =
    "The committee reviewed the annual budget and approved new funding for the university library, "
    "including longer opening hours during the examination period and more reading rooms for students.";

std::string TokenOf(const std::string& name) {
    static const std::map<std::string, char> kDigits = {{"teacher", 'a'},    {"dean", 'b'},
                                                        {"other_dean", 'c'}, {"head", 'd'},
                                                        {"author", 'e'},     {"student", 'f'}};
    return std::string(64, kDigits.at(name));
}

class FakeSessions : public auth::SessionResolver {
public:
    std::map<std::string, std::shared_ptr<const auth::SessionState>> sessions;
    std::shared_ptr<const auth::SessionState> Resolve(std::string_view token, core::Instant) override {
        const auto it = sessions.find(std::string(token));
        return it != sessions.end() ? it->second : nullptr;
    }
    void SaveLanguage(std::int64_t, std::string_view) override {}
    void Add(const std::string& name, auth::Principal principal) {
        auto state = std::make_shared<auth::SessionState>();
        state->principal = std::move(principal);
        state->csrf_token = "c0ffee";
        sessions[TokenOf(name)] = state;
    }
};

/// Course 1 taught by teacher 1 (account 601) to group ИС-26-1 (the author, account 504); the
/// head of department (603) teaches another course; the other student is 505.
class ChecksTest : public CoursesDbTest {
protected:
    void SetUp() override {
        CoursesDbTest::SetUp();
        if (IsSkipped()) return;
        const auto root = people::testing::ResourceDir();
        for (const auto& [module, dir] : std::vector<std::pair<std::string, std::string>>{
                 {"jobs", "platform/jobs/schema"}, {"integrity", "integrity/schema"}}) {
            (void)db::Migrate(*db_, db::LoadMigrations(module, root / dir, db_->dialect()));
        }
        ForgetIndexCaches();
        course_ = MakeCourse();
        ASSERT_TRUE(courses::AssignTeacher(Dean1(), Cc(), course_, teacher1_).has_value());
        ASSERT_TRUE(courses::AttachGroup(Dean1(), Cc(), course_, group1_, "stream").has_value());
        other_course_ = MakeCourse(false, period2_);
        ASSERT_TRUE(courses::AssignTeacher(Dean1(), Cc(), other_course_, head_).has_value());

        renderer_ = std::make_unique<platform::web::Renderer>(
            std::map<std::string, std::filesystem::path>{{"web", root / "platform/web/templates"},
                                                         {"integrity", root / "integrity/templates"}},
            platform::web::Strings::Load(
                {root / "platform/web/strings", root / "platform/auth/strings", root / "integrity/strings"}));
        files_dir_ =
            std::filesystem::temp_directory_path() / ("oqu_integrity_checks_" + std::to_string(::getpid()));
        files_ = std::make_unique<platform::files::FileStore>(files_dir_);
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        services_ = std::make_unique<platform::Services>(
            platform::Services{config_, *db_, *renderer_, *files_, *jobs_, navigation_});
        detail::AddRoutes(router_, *services_);
        sessions_ = std::make_shared<FakeSessions>();
        sessions_->Add("teacher", Teacher1());
        sessions_->Add("dean", Dean1());
        sessions_->Add("other_dean", Dean2());
        sessions_->Add("head", Head());
        sessions_->Add("author", StudentFull());
        sessions_->Add("student", StudentOnline());
        auth::InstallGate(router_, sessions_, *renderer_, navigation_, {.secure_cookies = false});
    }

    void TearDown() override {
        services_.reset();
        jobs_.reset();
        files_.reset();
        if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
        CoursesDbTest::TearDown();
    }

    /// Queues a check of `text` (or of a file `name` with these bytes) by the author (504).
    std::int64_t Queue(std::int64_t owner, const std::string& text, bool may_view = false,
                       const std::string& file_name = {}, const std::string& bytes = {},
                       std::int64_t course = 0) {
        CheckRequest r;
        r.owner_kind = "assignment";
        r.owner_id = owner;
        r.course_id = course != 0 ? course : course_;
        r.author_user_id = 504;
        r.title = "Essay " + std::to_string(owner);
        r.student_may_view = may_view;
        if (!file_name.empty()) {
            auto stored = files_->Put(bytes);
            EXPECT_TRUE(stored.has_value());
            r.file_sha256 = stored->sha256;
            r.file_name = file_name;
        } else {
            r.text = text;
        }
        return db_->Transact([&](db::Session& s) {
            auto id = QueueCheck(s, *jobs_, r, Now());
            EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message_key);
            return id.value_or(0);
        });
    }

    /// Claims and runs every due job as `oqu serve`'s runner would; returns how many ran.
    int RunJobs() {
        int ran = 0;
        while (auto job = jobs_->ClaimNext("test", std::chrono::minutes{1}, Now())) {
            EXPECT_EQ(job->kind, "integrity.check");
            auto ok = detail::HandleCheckJob(*job, *services_);
            EXPECT_TRUE(ok.has_value()) << (ok ? "" : ok.error().message_key + ": " + ok.error().detail);
            EXPECT_TRUE(jobs_->Complete(*job, Now()).has_value());
            ++ran;
        }
        return ran;
    }

    std::int64_t Count(const std::string& sql) {
        return db_->Read([&](db::Session& s) { return s.Query(sql)[0].Int(0); });
    }

    http::Response Call(http::Method method, const std::string& target, const std::string& user,
                        const std::string& body = {}) {
        http::Request request;
        request.method = method;
        request.target = target;
        const auto q = target.find('?');
        request.path = target.substr(0, q);
        request.query = q == std::string::npos ? "" : target.substr(q + 1);
        request.remote_address = "192.0.2.7";
        request.headers.emplace_back("Cookie", "oqu_session=" + TokenOf(user));
        request.headers.emplace_back("Accept", "text/html");
        request.headers.emplace_back("Accept-Language", "en");
        if (method != http::Method::kGet) {
            request.headers.emplace_back("X-CSRF-Token", "c0ffee");
            request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
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

    static bool Has(const http::Response& r, std::string_view text) {
        return r.body.find(text) != std::string::npos;
    }

    std::int64_t course_ = 0, other_course_ = 0;
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

TEST_P(ChecksTest, QueuedCheckRunsRecordsAndIndexesTheWork) {  // R-O20
    const std::int64_t first = Queue(1, kOwn + "\n\n" + kSource);
    EXPECT_EQ(Queue(1, "ignored: the same owner"), first);  // One check per work.
    auto queued = CheckFor(*db_, "assignment", 1);
    ASSERT_TRUE(queued.has_value());
    EXPECT_EQ(queued->status, "queued");
    EXPECT_EQ(queued->report_href, "/integrity/checks/" + std::to_string(first));
    EXPECT_EQ(RunJobs(), 1);
    auto done = CheckFor(*db_, "assignment", 1);
    ASSERT_TRUE(done.has_value());
    EXPECT_EQ(done->status, "done");
    ASSERT_TRUE(done->originality.has_value());
    EXPECT_DOUBLE_EQ(*done->originality, 1.0);  // Nothing indexed before it.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_document WHERE origin = 'submission'"), 1);

    // A second work borrowing the first one's passage matches it.
    const std::int64_t second = Queue(2, kSource + "\n\n" + kOther);
    EXPECT_EQ(RunJobs(), 1);
    auto matched = CheckFor(*db_, "assignment", 2);
    ASSERT_TRUE(matched.has_value());
    EXPECT_EQ(matched->status, "done");
    ASSERT_TRUE(matched->originality.has_value());
    EXPECT_LT(*matched->originality, 0.8);
    const auto row = db_->Read([&](db::Session& s) { return detail::FindCheck(s, second); });
    ASSERT_TRUE(row.has_value());
    const auto sources = nlohmann::json::parse(row->sources_json);
    ASSERT_EQ(sources.size(), 1U);
    EXPECT_EQ(sources[0]["title"], "Essay 1");
    EXPECT_EQ(sources[0]["origin"], "submission");
    EXPECT_GT(sources[0]["share"].get<double>(), 0.2);
    EXPECT_FALSE(nlohmann::json::parse(row->matches_json).empty());
}

TEST_P(ChecksTest, RepeatedJobRunChangesNothing) {  // R-O20
    const std::int64_t id = Queue(1, kOwn + "\n\n" + kSource);
    auto job = jobs_->ClaimNext("test", std::chrono::minutes{1}, Now());
    ASSERT_TRUE(job.has_value());
    ASSERT_TRUE(detail::HandleCheckJob(*job, *services_).has_value());
    const auto before = db_->Read([&](db::Session& s) { return detail::FindCheck(s, id); });
    // At-least-once: the same job delivered again (a lost lease) finds the check done.
    ASSERT_TRUE(detail::HandleCheckJob(*job, *services_).has_value());
    ASSERT_TRUE(detail::RunCheck(*db_, *files_, id, Now()).has_value());
    const auto after = db_->Read([&](db::Session& s) { return detail::FindCheck(s, id); });
    ASSERT_TRUE(before && after);
    EXPECT_EQ(after->status, "done");
    EXPECT_EQ(after->document_id, before->document_id);
    EXPECT_EQ(after->finished_at, before->finished_at);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_document"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs_job"), 1);
}

TEST_P(ChecksTest, BrokenFileFailsWithTheTranslatedExtractionError) {  // R-O20
    const std::int64_t id = Queue(3, "", false, "essay.pdf", "%PDF-1.4 this is not a PDF at all");
    EXPECT_EQ(RunJobs(), 1);
    auto failed = CheckFor(*db_, "assignment", 3);
    ASSERT_TRUE(failed.has_value());
    EXPECT_EQ(failed->status, "failed");
    EXPECT_FALSE(failed->originality.has_value());
    const auto row = db_->Read([&](db::Session& s) { return detail::FindCheck(s, id); });
    EXPECT_EQ(row->error_key, "integrity.extract.broken");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_document"), 0);
    const auto page = Call(http::Method::kGet, "/integrity/checks/" + std::to_string(id), "teacher");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page, "The file is damaged or is not in the format its name says."));
    // An unknown extension and an invalid request are refused or failed likewise.
    const std::int64_t odd = Queue(4, "", false, "essay.exe", "MZ binary");
    EXPECT_EQ(RunJobs(), 1);
    EXPECT_EQ(db_->Read([&](db::Session& s) { return detail::FindCheck(s, odd); })->error_key,
              "integrity.check.unsupported_format");
    auto invalid =
        db_->Transact([&](db::Session& s) { return QueueCheck(s, *jobs_, CheckRequest{}, Now()); });
    ASSERT_FALSE(invalid.has_value());
    EXPECT_EQ(invalid.error().message_key, "integrity.check.invalid_request");
}

TEST_P(ChecksTest, ACheckWhoseJobDiedIsRetriedAndAtLastGivenUp) {  // R-O20
    using std::chrono::minutes;
    auto running = [&](std::int64_t id) {
        // What RunCheck does first; then the process "dies" holding the job's lease.
        db_->Transact([&](db::Session& s) {
            s.Exec("UPDATE integrity_check SET status = 'running' WHERE id = ?", {id});
        });
    };
    // 1. The job died once: when its lease runs out the queue hands it out again and it finishes.
    const std::int64_t retried = Queue(1, kOwn + "\n\n" + kSource);
    auto first = jobs_->ClaimNext("dying", minutes{1}, Now());
    ASSERT_TRUE(first.has_value());
    running(retried);
    EXPECT_FALSE(jobs_->ClaimNext("test", minutes{1}, Now()).has_value());  // still leased
    auto again = jobs_->ClaimNext("test", minutes{1}, Now() + minutes{2});
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->attempts, 2);
    ASSERT_TRUE(detail::HandleCheckJob(*again, *services_).has_value());
    ASSERT_TRUE(jobs_->Complete(*again, Now() + minutes{2}).has_value());
    EXPECT_EQ(CheckFor(*db_, "assignment", 1)->status, "done");

    // 2. It dies on every attempt: once the queue gives up (dead), the check is failed for good
    //    with a translated reason instead of "running" forever.
    const std::int64_t doomed = Queue(2, kUnique);
    core::Instant t = Now();
    int claims = 0;
    while (auto job = jobs_->ClaimNext("dying", minutes{1}, t)) {
        ++claims;
        running(doomed);
        t += minutes{2};
    }
    EXPECT_EQ(claims, 5);
    EXPECT_EQ(CheckFor(*db_, "assignment", 2)->status, "running");
    const auto page = Call(http::Method::kGet, "/integrity/checks/" + std::to_string(doomed), "teacher");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page, "The check was given up: it failed on every attempt."));
    EXPECT_EQ(CheckFor(*db_, "assignment", 2)->status, "failed");
    EXPECT_EQ(db_->Read([&](db::Session& s) { return detail::FindCheck(s, doomed); })->error_key,
              "integrity.check.gave_up");
    // A later sweep (start-up, the next job) changes nothing more; the finished check is untouched.
    EXPECT_EQ(RecoverAbandonedChecks(*db_, *jobs_, Now() + minutes{60}), 0);
    EXPECT_EQ(CheckFor(*db_, "assignment", 1)->status, "done");
}

TEST_P(ChecksTest, TheSweepFindsAbandonedChecksWithoutTheReport) {  // R-O20
    const std::int64_t doomed = Queue(3, kUnique);
    core::Instant t = Now();
    while (jobs_->ClaimNext("dying", std::chrono::minutes{1}, t)) t += std::chrono::minutes{2};
    // Not yet older than a minute by the clock given: left alone; then recorded once.
    EXPECT_EQ(RecoverAbandonedChecks(*db_, *jobs_, Now()), 0);
    EXPECT_EQ(RecoverAbandonedChecks(*db_, *jobs_, t), 1);
    EXPECT_EQ(db_->Read([&](db::Session& s) { return detail::FindCheck(s, doomed); })->status, "failed");
    EXPECT_EQ(RecoverAbandonedChecks(*db_, *jobs_, t), 0);
}

TEST_P(ChecksTest, ExcludingASourceRecomputesTheOriginality) {  // R-O20
    Queue(1, kUnique + "\n\n" + kSource);
    const std::int64_t second = Queue(2, kSource + "\n\n" + kOther);
    EXPECT_EQ(RunJobs(), 2);
    const auto row = db_->Read([&](db::Session& s) { return detail::FindCheck(s, second); });
    const double before = row->originality.value_or(1.0);
    ASSERT_LT(before, 0.8);
    const std::int64_t source = nlohmann::json::parse(row->sources_json)[0]["doc"].get<std::int64_t>();
    const std::string href = "/integrity/checks/" + std::to_string(second);

    // Only the course's teacher may exclude; the dean's office reads.
    EXPECT_EQ(Call(http::Method::kPost, href + "/exclusions", "dean", "document_id=" + std::to_string(source))
                  .status,
              403);
    EXPECT_EQ(Call(http::Method::kPost, href + "/exclusions", "head", "document_id=" + std::to_string(source))
                  .status,
              404);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_exclusion"), 0);
    const auto bad = Call(http::Method::kPost, href + "/exclusions", "teacher", "document_id=999999");
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(Has(bad, "This document is not a source of this check."));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_exclusion"), 0);

    const auto ok =
        Call(http::Method::kPost, href + "/exclusions", "teacher", "document_id=" + std::to_string(source));
    EXPECT_EQ(ok.status, 303);
    const auto after = db_->Read([&](db::Session& s) { return detail::FindCheck(s, second); });
    EXPECT_DOUBLE_EQ(after->originality.value_or(0), 1.0);
    EXPECT_EQ(Audited("integrity.exclude_source"), 1);
    const auto page = Call(http::Method::kGet, href, "teacher");
    EXPECT_TRUE(Has(page, "Sources excluded for this course"));
    EXPECT_TRUE(Has(page, "Essay 1"));

    // A later check of the course leaves the excluded source out too (kUnique is only in Essay 1);
    // another course's check still finds it.
    Queue(5, kUnique);
    Queue(6, kUnique, false, {}, {}, other_course_);
    EXPECT_EQ(RunJobs(), 2);
    EXPECT_DOUBLE_EQ(CheckFor(*db_, "assignment", 5)->originality.value_or(0), 1.0);
    EXPECT_LT(CheckFor(*db_, "assignment", 6)->originality.value_or(1), 0.5);

    // The exclusion is undone by a teacher of the course only (audited): this check is recomputed
    // with the source again (and the course's later checks count it: CourseExclusions is empty).
    const std::string remove = href + "/exclusions/remove";
    const std::string field = "document_id=" + std::to_string(source);
    EXPECT_TRUE(Has(page, "Count again: Essay 1"));
    EXPECT_EQ(Call(http::Method::kPost, remove, "dean", field).status, 403);
    EXPECT_EQ(Call(http::Method::kPost, remove, "head", field).status, 404);
    const auto not_excluded = Call(http::Method::kPost, remove, "teacher", "document_id=999999");
    EXPECT_EQ(not_excluded.status, 422);
    EXPECT_TRUE(Has(not_excluded, "This document is not excluded from the course"));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_exclusion"), 1);
    EXPECT_EQ(Call(http::Method::kPost, remove, "teacher", field).status, 303);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_exclusion"), 0);
    EXPECT_EQ(Audited("integrity.include_source"), 1);
    const auto restored = db_->Read([&](db::Session& s) { return detail::FindCheck(s, second); });
    EXPECT_DOUBLE_EQ(restored->originality.value_or(1.0), before);
    EXPECT_FALSE(Has(Call(http::Method::kGet, href, "teacher"), "Count again: Essay 1"));
    // Undoing it twice is refused and changes nothing.
    EXPECT_EQ(Call(http::Method::kPost, remove, "teacher", field).status, 422);
    EXPECT_EQ(Audited("integrity.include_source"), 1);
}

TEST_P(ChecksTest, DecisionIsRecordedAndAudited) {  // R-O20
    const std::int64_t id = Queue(1, kOwn);
    EXPECT_EQ(RunJobs(), 1);
    const std::string href = "/integrity/checks/" + std::to_string(id);
    // A return needs a comment: a clear error, nothing stored.
    const auto missing =
        Call(http::Method::kPost, href + "/decisions", "teacher", "decision=returned&comment=+");
    EXPECT_EQ(missing.status, 422);
    EXPECT_TRUE(Has(missing, "Write why the work is returned or referred to the commission."));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_decision"), 0);
    EXPECT_EQ(Call(http::Method::kPost, href + "/decisions", "teacher", "decision=pardoned&comment=x").status,
              422);
    EXPECT_EQ(Call(http::Method::kPost, href + "/decisions", "dean", "decision=accepted&comment=").status,
              403);
    EXPECT_EQ(Call(http::Method::kPost, href + "/decisions", "author", "decision=accepted&comment=").status,
              404);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_decision"), 0);

    const auto ok = Call(http::Method::kPost, href + "/decisions", "teacher",
                         "decision=referred&comment=Copied+from+a+classmate");
    EXPECT_EQ(ok.status, 303);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM integrity_decision WHERE decision = 'referred'"), 1);
    EXPECT_EQ(Audited("integrity.decide"), 1);
    const auto page = Call(http::Method::kGet, href, "dean");
    EXPECT_TRUE(Has(page, "Referred to the academic integrity commission"));
    EXPECT_TRUE(Has(page, "Copied from a classmate"));
    EXPECT_FALSE(Has(page, "action=\"" + href + "/decisions\""));  // The dean's office reads only.
}

TEST_P(ChecksTest, ReportIsVisibleToTheCourseOnly) {  // R-O20
    Queue(1, kOwn + "\n\n" + kSource);
    const std::int64_t hidden = Queue(2, kSource + "\n\n" + kOther, false);
    const std::int64_t shown = Queue(3, kSource + "\n\n" + kOwn, true);
    EXPECT_EQ(RunJobs(), 3);
    const std::string href = "/integrity/checks/" + std::to_string(hidden);
    const auto teacher = Call(http::Method::kGet, href, "teacher");
    EXPECT_EQ(teacher.status, 200);
    EXPECT_TRUE(Has(teacher, "class=\"m-borrowing\""));
    EXPECT_TRUE(Has(teacher, "[Borrowing 1]"));  // A text label, not colour alone.
    EXPECT_TRUE(Has(teacher, "In the source"));  // Side by side.
    EXPECT_TRUE(Has(teacher, "Essay 1"));
    EXPECT_TRUE(Has(teacher, "name=\"_csrf\""));
    EXPECT_EQ(Call(http::Method::kGet, href, "dean").status, 200);
    EXPECT_EQ(Call(http::Method::kGet, href, "other_dean").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, href, "head").status, 404);  // Another course's teacher.
    EXPECT_EQ(Call(http::Method::kGet, href, "student").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, href, "author").status, 404);  // Not allowed for this work.
    EXPECT_EQ(Call(http::Method::kGet, href + "/report.pdf", "author").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, "/integrity/checks/999999", "teacher").status, 404);

    // The author reads his report when allowed, without another student's name or text.
    const auto own = Call(http::Method::kGet, "/integrity/checks/" + std::to_string(shown), "author");
    EXPECT_EQ(own.status, 200);
    EXPECT_TRUE(Has(own, "Another student&apos;s work"));
    EXPECT_FALSE(Has(own, "Essay 1"));
    EXPECT_FALSE(Has(own, "name=\"decision\""));
    EXPECT_EQ(Call(http::Method::kGet, "/integrity/checks/" + std::to_string(shown), "student").status, 404);

    // The staff list: the course's checks for its teacher and dean's office, nothing for others.
    const auto list = Call(http::Method::kGet, "/integrity", "teacher");
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(Has(list, href));
    EXPECT_FALSE(Has(Call(http::Method::kGet, "/integrity", "head"), href));
    EXPECT_FALSE(Has(Call(http::Method::kGet, "/integrity", "other_dean"), href));
    EXPECT_TRUE(Has(Call(http::Method::kGet, "/integrity", "dean"), href));
    EXPECT_EQ(Call(http::Method::kGet, "/integrity", "student").status, 403);
}

TEST_P(ChecksTest, ReportPdfReadsBack) {  // R-O20
    Queue(1, kOwn + "\n\n" + kSource);
    const std::int64_t id = Queue(2, kSource + "\n\n" + kOther);
    EXPECT_EQ(RunJobs(), 2);
    const auto pdf =
        Call(http::Method::kGet, "/integrity/checks/" + std::to_string(id) + "/report.pdf", "teacher");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.Header("Content-Type"), "application/pdf");
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.body.data(), static_cast<int>(pdf.body.size())));
    ASSERT_NE(doc, nullptr);
    std::string text;
    for (int i = 0; i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        const auto utf8 = page->text().to_utf8();
        text.append(utf8.begin(), utf8.end());
    }
    EXPECT_NE(text.find("Borrowing check report"), std::string::npos);
    EXPECT_NE(text.find("Originality"), std::string::npos);
    EXPECT_NE(text.find("Essay 1"), std::string::npos);
    EXPECT_NE(text.find("станциялары"), std::string::npos);  // Kazakh text set in DejaVu Sans.
}

/// Every integrity template renders its example context in kk, ru and en with no string missing,
/// and every form posting carries the CSRF field; the three strings files have the same keys.
TEST(IntegrityTemplatesTest, EveryTemplateRendersItsExampleContext) {  // R-O20
    const auto root = people::testing::ResourceDir();
    const platform::web::Renderer renderer(
        {{"web", root / "platform/web/templates"}, {"integrity", root / "integrity/templates"}},
        platform::web::Strings::Load({root / "platform/web/strings", root / "integrity/strings"}));
    int seen = 0;
    for (const auto& name : renderer.TemplateNames()) {
        if (!name.starts_with("integrity/")) continue;
        ++seen;
        auto example = renderer.ExampleContext(name);
        ASSERT_TRUE(example.has_value()) << name << ": " << example.error().detail;
        const auto context = nlohmann::json::parse(example.value());
        for (platform::web::Language lang : platform::web::kLanguages) {
            std::vector<std::string> missing;
            auto html = renderer.RenderChecked(name, context, lang, missing);
            ASSERT_TRUE(html.has_value()) << name << ": " << html.error().detail;
            EXPECT_TRUE(missing.empty())
                << name << " in " << platform::web::LanguageTag(lang) << " misses " << missing.front();
            std::size_t forms = 0, csrf = 0;
            for (auto pos = html->find("method=\"post\""); pos != std::string::npos;
                 pos = html->find("method=\"post\"", pos + 1)) {
                ++forms;
            }
            for (auto pos = html->find("name=\"_csrf\""); pos != std::string::npos;
                 pos = html->find("name=\"_csrf\"", pos + 1)) {
                ++csrf;
            }
            EXPECT_EQ(forms, csrf) << name;
        }
    }
    EXPECT_EQ(seen, 2);
    const auto strings = platform::web::Strings::Load({root / "integrity/strings"});
    EXPECT_TRUE(strings->Mismatches().empty()) << strings->Mismatches().front();
}

INSTANTIATE_TEST_SUITE_P(Backends, ChecksTest, people::testing::Backends(), db::testing::BackendName);

}  // namespace
}  // namespace oqu::integrity
