// The bank and quiz-settings pages and API behind the real auth gate, on each backend (R-A5,
// R-A7), and the templates in kk, ru and en.
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "assessment/attempt_routes.hpp"
#include "assessment/bank_web.hpp"
#include "assessment/tests/bank_fixture.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::assessment::testing {
namespace {

namespace http = platform::http;
using nlohmann::json;

std::string TokenOf(const std::string& name) {
    static const std::map<std::string, char> kDigits = {{"dean", 'a'},     {"other", 'b'},
                                                        {"teacher", 'c'},  {"student", 'd'},
                                                        {"teacher2", 'e'}, {"quality", 'f'}};
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

std::filesystem::path Root() {
    return people::testing::ResourceDir();
}

std::unique_ptr<platform::web::Renderer> MakeRenderer() {
    const auto root = Root();
    return std::make_unique<platform::web::Renderer>(
        std::map<std::string, std::filesystem::path>{{"web", root / "platform/web/templates"},
                                                     {"assessment", root / "assessment/templates"}},
        platform::web::Strings::Load(
            {root / "platform/web/strings", root / "platform/auth/strings", root / "assessment/strings"}));
}

/// "dean" (dean's office of faculty 1), "other" (of faculty 2), "teacher" (teacher 1 of course_),
/// "teacher2" (teacher of other_course_ only), "student" (of ИС-26-1).
class BankRoutesTest : public BankDbTest {
protected:
    void SetUp() override {
        BankDbTest::SetUp();
        if (IsSkipped()) return;
        renderer_ = MakeRenderer();
        files_dir_ =
            std::filesystem::temp_directory_path() / ("oqu_bank_routes_" + std::to_string(::getpid()));
        files_ = std::make_unique<platform::files::FileStore>(files_dir_);
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        services_ = std::make_unique<platform::Services>(
            platform::Services{config_, *db_, *renderer_, *files_, *jobs_, navigation_});
        bank_web::AddBankRoutes(router_, *services_);
        bank_web::AddQuizSettingsRoutes(router_, *services_);
        detail::AddAttemptRoutes(router_, *services_);
        detail::AddGradingRoutes(router_, *services_);
        sessions_ = std::make_shared<FakeSessions>();
        sessions_->Add("dean", As(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, faculty1_}, 11));
        sessions_->Add("other", As(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, faculty2_}, 12));
        sessions_->Add("teacher", Teacher1());
        sessions_->Add("teacher2", Teacher2());
        sessions_->Add("student", StudentFull());
        sessions_->Add("quality", As(auth::Role::kQualityOfficer, {auth::ScopeKind::kInstitution, 0}, 13));
        auth::InstallGate(router_, sessions_, *renderer_, navigation_, {.secure_cookies = false});
    }

    void TearDown() override {
        services_.reset();
        jobs_.reset();
        files_.reset();
        if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
        BankDbTest::TearDown();
    }

    http::Response Call(http::Method method, const std::string& target, const std::string& user,
                        const std::string& body = {}, bool json_client = false,
                        const std::string& boundary = {}) {
        http::Request request;
        request.method = method;
        request.target = target;
        const auto q = target.find('?');
        request.path = target.substr(0, q);
        request.query = q == std::string::npos ? "" : target.substr(q + 1);
        request.remote_address = "192.0.2.7";
        request.headers.emplace_back("Cookie", "oqu_session=" + TokenOf(user));
        request.headers.emplace_back("Accept", json_client ? "application/json" : "text/html");
        request.headers.emplace_back("Accept-Language", "en");
        if (method != http::Method::kGet) {
            request.headers.emplace_back("X-CSRF-Token", "c0ffee");
            if (json_client) {
                request.headers.emplace_back("Content-Type", "application/json");
            } else if (!boundary.empty()) {
                request.headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
            } else {
                request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
            }
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

    http::Response Upload(const std::string& target, const std::string& file_name, const std::string& content,
                          const std::map<std::string, std::string>& fields) {
        const std::string b = "b0undary";
        std::string body;
        for (const auto& [k, v] : fields) {
            body.append("--").append(b).append("\r\nContent-Disposition: form-data; name=\"");
            body.append(k).append("\"\r\n\r\n").append(v).append("\r\n");
        }
        body += "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
                "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + b + "--\r\n";
        return Call(http::Method::kPost, target, "teacher", body, false, b);
    }

    std::string Base() const { return "/courses/" + std::to_string(course_); }

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

bool Has(const http::Response& response, std::string_view text) {
    return response.body.find(text) != std::string::npos;
}

std::string Encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

TEST_P(BankRoutesTest, TeacherAuthorsTheBankThroughTheForms) {  // R-A5
    auto made =
        Call(http::Method::kPost, Base() + "/questions/categories", "teacher", "name=" + Encode("Апта 1"));
    ASSERT_EQ(made.status, 303) << made.body;
    const auto cat = Scalar("SELECT id FROM assessment_category WHERE course_id = ?", {course_});
    auto dup =
        Call(http::Method::kPost, Base() + "/questions/categories", "teacher", "name=" + Encode("Апта 1"));
    EXPECT_EQ(dup.status, 409);
    EXPECT_TRUE(Has(dup, "error-summary"));
    for (const char* type : {"single_choice", "multiple_choice", "true_false", "matching", "ordering",
                             "short_answer", "numerical", "essay"}) {
        auto form = Call(http::Method::kGet, Base() + "/questions/new?type=" + type, "teacher");
        EXPECT_EQ(form.status, 200) << type;
        EXPECT_TRUE(Has(form, "name=\"_csrf\"")) << type;
        EXPECT_TRUE(Has(form, "name=\"type\" value=\"" + std::string(type) + "\"")) << type;
    }
    // A bad question: 422 with the problem listed, nothing saved.
    const std::string bad = "type=single_choice&category_id=" + std::to_string(cat) +
                            "&text=" + Encode("Астана?") + "&answer_text_1=" + Encode("Астана") +
                            "&answer_fraction_1=0&answer_text_2=" + Encode("Алматы") + "&answer_fraction_2=0";
    auto refused = Call(http::Method::kPost, Base() + "/questions", "teacher", bad);
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(Has(refused, "No answer is marked right."));
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 0);
    const std::string good = "type=single_choice&category_id=" + std::to_string(cat) +
                             "&text=" + Encode("Астана?") + "&answer_text_1=" + Encode("Астана") +
                             "&answer_fraction_1=100&answer_text_2=" + Encode("Алматы") +
                             "&answer_fraction_2=0";
    auto saved = Call(http::Method::kPost, Base() + "/questions", "teacher", good);
    ASSERT_EQ(saved.status, 303) << saved.body;
    const auto q = Scalar("SELECT id FROM assessment_question");
    const std::string href = Base() + "/questions/" + std::to_string(q);
    auto edit = Call(http::Method::kGet, href, "teacher");
    EXPECT_EQ(edit.status, 200);
    EXPECT_TRUE(Has(edit, "value=\"Астана\""));
    ASSERT_EQ(Call(http::Method::kPost, href, "teacher", good + "&name=" + Encode("Астана")).status, 303);
    EXPECT_EQ(Scalar("SELECT version FROM assessment_question"), 2);
    auto preview = Call(http::Method::kGet, href + "/preview", "dean");
    EXPECT_EQ(preview.status, 200);
    EXPECT_TRUE(Has(preview, "type=\"radio\""));
    EXPECT_TRUE(Has(preview, "Алматы"));
    ASSERT_EQ(Call(http::Method::kPost, href + "/retire", "teacher", "retired=1").status, 303);
    EXPECT_EQ(Scalar("SELECT retired FROM assessment_question"), 1);
    auto bank = Call(http::Method::kGet, Base() + "/questions?retired=1", "dean");
    EXPECT_EQ(bank.status, 200);
    EXPECT_TRUE(Has(bank, "Астана"));
    EXPECT_FALSE(Has(bank, "/questions/categories\""));  // the dean's office reads only
}

TEST_P(BankRoutesTest, OthersGetNotFoundAndChangeNothing) {  // R-A5
    const auto cat = Category("Апта 1");
    const auto q = AddQuestion(Teacher1(), Bc(), course_, cat, Choice("Астана?"));
    ASSERT_TRUE(q.has_value());
    const std::string href = Base() + "/questions/" + std::to_string(*q);
    for (const std::string user : {"teacher2", "other"}) {
        EXPECT_EQ(Call(http::Method::kGet, Base() + "/questions", user).status, 404) << user;
        EXPECT_EQ(Call(http::Method::kGet, href + "/preview", user).status, 404) << user;
        EXPECT_EQ(Call(http::Method::kGet, Base() + "/quizzes", user).status, 404) << user;
        EXPECT_EQ(Call(http::Method::kGet, Base() + "/questions/export.xml", user).status, 404) << user;
        EXPECT_EQ(Call(http::Method::kPost, href + "/retire", user, "retired=1").status, 404) << user;
        EXPECT_EQ(Call(http::Method::kPost, Base() + "/questions/categories", user, "name=x").status, 404)
            << user;
        EXPECT_EQ(Call(http::Method::kGet, "/api/v1/courses/" + std::to_string(course_) + "/questions", user,
                       "", true)
                      .status,
                  404)
            << user;
    }
    // The question is not reachable through the other course either.
    EXPECT_EQ(
        Call(http::Method::kGet,
             "/courses/" + std::to_string(other_course_) + "/questions/" + std::to_string(*q) + "/preview",
             "teacher2")
            .status,
        404);
    EXPECT_EQ(Call(http::Method::kGet, Base() + "/questions", "student").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, href + "/retire", "dean", "retired=1").status, 403);
    EXPECT_EQ(Scalar("SELECT retired FROM assessment_question"), 0);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_category"), 1);
}

TEST_P(BankRoutesTest, ImportPreviewsEveryProblemBeforeSavingAnything) {  // R-A5
    const auto cat = Category("Импорт");
    const std::map<std::string, std::string> fields{{"format", "auto"}, {"category_id", std::to_string(cat)}};
    // A file with one good and one bad question: the preview lists both and every problem, in
    // the reader's language, and offers no commit.
    const std::string bad =
        "<question>Қазақстанның астанасы?\n<variant>Астана\n<variant>Алматы\n"
        "<question>Жалғыз нұсқа\n<variant>бір\n";
    auto preview = Upload(Base() + "/questions/import", "test.txt", bad, fields);
    EXPECT_EQ(preview.status, 422);
    EXPECT_TRUE(Has(preview, "Қазақстанның астанасы?"));
    EXPECT_TRUE(Has(preview, "Жалғыз нұсқа"));
    EXPECT_TRUE(Has(preview, "A choice question needs at least two variants."));
    EXPECT_FALSE(Has(preview, "/questions/import/commit"));
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 0);
    // Even a forged commit of that file changes nothing.
    const std::string sha = files_->Put(bad)->sha256;
    auto forged =
        Call(http::Method::kPost, Base() + "/questions/import/commit", "teacher",
             "sha256=" + sha + "&format=kz-text&file_name=t.txt&category_id=" + std::to_string(cat));
    EXPECT_EQ(forged.status, 422);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 0);
    // A good Aiken file (Latin and Cyrillic): preview, then commit.
    const std::string good =
        "Qazaqstannyñ astanasy?\nA. Astana\nB. Almaty\nANSWER: A\n\n"
        "Столица Казахстана?\nA) Алматы\nB) Астана\nANSWER: B\n";
    auto ok = Upload(Base() + "/questions/import", "aiken.txt", good, fields);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_TRUE(Has(ok, "Столица Казахстана?"));
    EXPECT_TRUE(Has(ok, "/questions/import/commit"));
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 0);
    const std::string sha2 = files_->Put(good)->sha256;
    // The file's hash alone commits nothing: the commit needs the receipt of this session's preview
    // for this course (platform/auth/receipt.hpp), which the preview's form carries.
    const std::string form =
        "sha256=" + sha2 + "&format=aiken&file_name=aiken.txt&category_id=" + std::to_string(cat);
    EXPECT_EQ(Call(http::Method::kPost, Base() + "/questions/import/commit", "teacher", form).status, 422);
    EXPECT_EQ(
        Call(http::Method::kPost, Base() + "/questions/import/commit", "teacher", form + "&receipt=" + sha2)
            .status,
        422);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 0);
    const std::string marker = "name=\"receipt\" value=\"";
    const auto at = ok.body.find(marker);
    ASSERT_NE(at, std::string::npos);
    const std::string receipt = ok.body.substr(at + marker.size(), 64);
    auto commit = Call(http::Method::kPost, Base() + "/questions/import/commit", "teacher",
                       form + "&receipt=" + receipt);
    ASSERT_EQ(commit.status, 303) << commit.body;
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question WHERE category_id = ?", {cat}), 2);
    // Export: Moodle XML of the category.
    auto xml =
        Call(http::Method::kGet, Base() + "/questions/export.xml?category=" + std::to_string(cat), "teacher");
    EXPECT_EQ(xml.status, 200);
    EXPECT_TRUE(Has(xml, "<quiz>"));
    EXPECT_TRUE(Has(xml, "Столица Казахстана?"));
}

TEST_P(BankRoutesTest, ApiListsCreatesAndImportsWithDryRun) {  // R-A5
    const auto cat = Category("API");
    const std::string api = "/api/v1/courses/" + std::to_string(course_) + "/questions";
    json create{{"category_id", cat},
                {"type", "multiple_choice"},
                {"text", "Жай сандар?"},
                {"answers",
                 {{{"text", "2"}, {"fraction", 0.5}}, {{"text", "3"}, {"fraction", 0.5}}, {{"text", "4"}}}}};
    auto made = Call(http::Method::kPost, api, "teacher", create.dump(), true);
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(json::parse(made.body)["version"], 1);
    json broken = create;
    broken["answers"] = json::array({{{"text", "2"}}});
    auto refused = Call(http::Method::kPost, api, "teacher", broken.dump(), true);
    EXPECT_EQ(refused.status, 422);
    EXPECT_FALSE(json::parse(refused.body)["errors"].empty());
    const std::string gift = "::Q1:: Иә ма? {T}\n\n::Q2:: Жауапсыз {~a ~b}\n";
    json dry{{"file_name", "q.gift"}, {"content", gift}, {"dry_run", true}};
    auto preview = Call(http::Method::kPost, api + "/import", "teacher", dry.dump(), true);
    EXPECT_EQ(preview.status, 422);
    const auto body = json::parse(preview.body);
    EXPECT_EQ(body["questions"].size(), 2U);
    EXPECT_FALSE(body["errors"].empty());
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 1);
    json commit{{"file_name", "q.gift"}, {"content", "::Q1:: Иә ма? {T}\n"}, {"category_id", cat}};
    auto saved = Call(http::Method::kPost, api + "/import", "teacher", commit.dump(), true);
    ASSERT_EQ(saved.status, 201) << saved.body;
    EXPECT_EQ(json::parse(saved.body)["saved"], 1);
    auto list = Call(http::Method::kGet, api, "dean", "", true);
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(json::parse(list.body)["questions"].size(), 2U);
    EXPECT_EQ(Call(http::Method::kPost, api, "dean", create.dump(), true).status, 403);
}

TEST_P(BankRoutesTest, QuizFormValidatesAndAccommodationsAreAudited) {  // R-A7
    const auto cat = Category("Апта 1");
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(AddQuestion(Teacher1(), Bc(), course_, cat, Choice("Q" + std::to_string(i))));
    }
    const std::string form =
        "title=" + Encode("РК1") + "&opens_at=2026-10-01T09%3A00&closes_at=2026-10-01T08%3A00" +
        "&attempts_allowed=1&review=after_close&rule_kind_1=draw&rule_category_1=" + std::to_string(cat) +
        "&rule_count_1=5&rule_mark_1=5&published=1";
    auto refused = Call(http::Method::kPost, Base() + "/quizzes", "teacher", form);
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(Has(refused, "The quiz must close after it opens."));
    EXPECT_TRUE(Has(refused, "which has 2 available"));
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_quiz"), 0);
    std::string fixed = form;
    fixed.replace(fixed.find("closes_at=2026-10-01T08"), 23, "closes_at=2026-10-01T12");
    fixed.replace(fixed.find("rule_count_1=5"), 14, "rule_count_1=2");
    auto saved = Call(http::Method::kPost, Base() + "/quizzes", "teacher", fixed);
    ASSERT_EQ(saved.status, 303) << saved.body;
    const auto quiz = Scalar("SELECT id FROM assessment_quiz");
    auto page = Call(http::Method::kGet, Base() + "/quizzes/" + std::to_string(quiz), "dean");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page, "value=\"2026-10-01T09:00\""));
    EXPECT_TRUE(Has(page, "disabled"));  // the dean's office reads the settings
    // The grading link only for those who may open it: the dean's office may; a quality officer
    // reads the quiz but not the students' attempts (the page would answer 404).
    const std::string grading = "/assessment/quizzes/" + std::to_string(quiz) + "/grading";
    EXPECT_TRUE(Has(page, grading));
    auto read_only = Call(http::Method::kGet, Base() + "/quizzes/" + std::to_string(quiz), "quality");
    EXPECT_EQ(read_only.status, 200);
    EXPECT_FALSE(Has(read_only, grading));
    EXPECT_EQ(Call(http::Method::kGet, grading, "quality").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, Base() + "/quizzes", "teacher").status, 200);
    // Accommodations: the dean's office sets one; an empty reason is refused; audited.
    auto bad = Call(http::Method::kPost, Base() + "/accommodations", "dean",
                    "student_id=" + std::to_string(student_full_) + "&extra_time_percent=50&reason=");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(Audited("assessment.accommodation_set"), 0);
    auto set = Call(http::Method::kPost, Base() + "/accommodations", "dean",
                    "student_id=" + std::to_string(student_full_) + "&quiz_id=" + std::to_string(quiz) +
                        "&extra_time_percent=50&reason=" + Encode("ЕБҚ: дәрігер анықтамасы"));
    ASSERT_EQ(set.status, 303) << set.body;
    EXPECT_EQ(Audited("assessment.accommodation_set"), 1);
    auto list = Call(http::Method::kGet, Base() + "/accommodations", "teacher");
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(Has(list, "ЕБҚ: дәрігер анықтамасы"));
    EXPECT_EQ(Call(http::Method::kPost, Base() + "/accommodations", "teacher2",
                   "student_id=" + std::to_string(student_full_) + "&extra_time_percent=50&reason=x")
                  .status,
              404);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_accommodation"), 1);
}

/// Every /api/ route of the module is described in its OpenAPI fragment (same path and method),
/// the fragment names no other, and every schema it points at is defined (app merges the fragment
/// into /api/openapi.json).
TEST_P(BankRoutesTest, EveryApiRouteIsInTheOpenApiFragment) {  // R-A5
    std::ifstream in(people::testing::ResourceDir() / "assessment/openapi.json");
    ASSERT_TRUE(in) << "assessment/openapi.json missing";
    const auto doc = json::parse(in);
    std::set<std::pair<std::string, std::string>> registered;
    for (const auto& route : router_.Routes()) {
        if (!route.pattern.starts_with("/api/")) continue;
        std::string method(http::MethodName(route.method));
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        registered.emplace(route.pattern, method);
        ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
        EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << method << " " << route.pattern;
    }
    EXPECT_EQ(registered.size(), 7U);
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, operation] : item.items()) {
            EXPECT_TRUE(registered.contains({path, method})) << method << " " << path << " is not a route";
        }
    }
    const std::string dump = doc.dump();
    const std::string marker = "#/components/schemas/";
    for (auto pos = dump.find(marker); pos != std::string::npos; pos = dump.find(marker, pos + 1)) {
        const auto start = pos + marker.size();
        const auto name = dump.substr(start, dump.find('"', start) - start);
        EXPECT_TRUE(name == "Error" || doc["components"]["schemas"].contains(name)) << name;
    }
}

/// The grading page of a quiz with a journal column states the rule; its teacher sends the marks
/// again (audited, the page shows the counts); the dean's office reads the rule but may not send,
/// a student gets 404; a quiz without a column has no journal part.
TEST_P(BankRoutesTest, GradingPageSendsTheMarksToTheJournal) {  // R-O22
    const auto quiz = db_->Transact([&](platform::db::Session& s) {
        return s
            .Query(
                "INSERT INTO assessment_quiz (course_id, title, opens_at, closes_at, attempts_allowed, "
                "shuffle_questions, shuffle_answers, review, grade_column, max_mark, published, created_by, "
                "created_at, updated_at) VALUES (?, 'RK1 quiz', 0, 1, 1, 0, 0, 'after_submit', 'rk1', 0, 1, "
                "0, 0, 0) RETURNING id",
                {course_})[0]
            .Int(0);
    });
    const std::string href = "/assessment/quizzes/" + std::to_string(quiz);
    auto page = Call(http::Method::kGet, href + "/grading", "teacher");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page, "Marks in the e-journal"));
    EXPECT_TRUE(Has(page, "Midterm 1 (RK1)"));
    EXPECT_TRUE(Has(page, "A mark typed in the journal by hand is never replaced"));
    EXPECT_TRUE(Has(page, "Send the marks to the journal again"));
    auto sent = Call(http::Method::kPost, href + "/journal", "teacher");
    ASSERT_EQ(sent.status, 303) << sent.body;
    const std::string location(sent.Header("Location"));
    EXPECT_EQ(location.rfind(href + "/grading?sent=0", 0), 0U) << location;
    auto result = Call(http::Method::kGet, location.substr(0, location.find('#')), "teacher");
    EXPECT_TRUE(Has(result, "Sent to the journal: 0 written")) << result.body;
    EXPECT_EQ(Audited("assessment.send_marks"), 1);

    auto dean = Call(http::Method::kGet, href + "/grading", "dean");
    ASSERT_EQ(dean.status, 200);
    EXPECT_TRUE(Has(dean, "Marks in the e-journal"));
    EXPECT_FALSE(Has(dean, "Send the marks to the journal again"));
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal", "dean").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal", "student").status, 404);
    EXPECT_EQ(Audited("assessment.send_marks"), 1);

    db_->Transact([&](platform::db::Session& s) {
        s.Exec("UPDATE assessment_quiz SET grade_column = NULL WHERE id = ?", {quiz});
    });
    EXPECT_FALSE(Has(Call(http::Method::kGet, href + "/grading", "teacher"), "Marks in the e-journal"));
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal", "teacher").status, 409);
}

INSTANTIATE_TEST_SUITE_P(Backends, BankRoutesTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

/// Every bank and quiz-settings template renders its example context in kk, ru and en with no
/// name unresolved, and every form posting carries the CSRF field.
TEST(BankTemplatesTest, EveryTemplateRendersItsExampleContext) {  // R-A5
    const auto renderer = MakeRenderer();
    int seen = 0;
    for (const auto& name : renderer->TemplateNames()) {
        if (!name.starts_with("assessment/bank") && !name.starts_with("assessment/quiz_")) continue;
        ++seen;
        auto example = renderer->ExampleContext(name);
        ASSERT_TRUE(example.has_value()) << name << ": " << example.error().detail;
        const auto context = json::parse(example.value());
        for (auto lang : platform::web::kLanguages) {
            std::vector<std::string> missing;
            auto html = renderer->RenderChecked(name, context, lang, missing);
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
    EXPECT_EQ(seen, 7);
}

/// The bank's strings exist in kk, ru and en, and every key the code builds from a type or
/// format is there.
TEST(BankTemplatesTest, EveryBankStringIsTranslated) {  // R-A5
    const auto strings = platform::web::Strings::Load({Root() / "assessment/strings"});
    EXPECT_TRUE(strings->Mismatches().empty()) << strings->Mismatches().front();
    for (auto lang : platform::web::kLanguages) {
        for (const char* t : {"single_choice", "multiple_choice", "true_false", "matching", "ordering",
                              "short_answer", "numerical", "essay"}) {
            EXPECT_TRUE(strings->All(lang).contains("assessment.bank.type_" + std::string(t))) << t;
            EXPECT_TRUE(strings->All(lang).contains("assessment.bank.hint_" + std::string(t))) << t;
        }
        for (const char* f : {"auto", "moodle-xml", "gift", "aiken", "kz-text"}) {
            EXPECT_TRUE(strings->All(lang).contains("assessment.bank.import_format_" + std::string(f))) << f;
        }
    }
}

}  // namespace
}  // namespace oqu::assessment::testing
