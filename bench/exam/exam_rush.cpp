// The exam-day load generator of bench/exam (issue 5): N simulated students, each on its own
// keep-alive connection, sign in like a browser (GET /login for the form's CSRF token, POST
// /login, GET /api/v1/me for the session's token), then start the quiz inside a window of
// --start-window seconds, save an answer every --save-interval seconds (jittered per student)
// through the attempts API of docs/QUIZZES.md, and submit. Every non-2xx answer or network
// failure is an error; nothing is retried, so "0 errors" means every request of every student
// succeeded the first time. Prints one JSON object: counts and latency percentiles per step.
// Not part of the product.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

namespace {

struct Options {
    std::string host = "127.0.0.1";
    std::string port = "8080";
    int students = 100;
    std::string login_prefix = "bench.student.";
    std::string password;
    std::int64_t quiz = 0;
    int login_parallel = 8;     // Sign-ins in flight at once (Argon2id is CPU-bound on the server).
    double start_window = 60;   // Seconds over which the students start, after all signed in.
    double save_interval = 30;  // Seconds between a student's saves.
    int saves = 10;             // Saves per student before submitting.
};

// Latencies (milliseconds) and error counts of one step.
struct Step {
    std::vector<double> ms;
    std::map<std::string, int> errors;
    void Add(Clock::time_point since) {
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - since).count());
    }
    [[nodiscard]] int ErrorCount() const {
        int n = 0;
        for (const auto& [kind, count] : errors) n += count;
        return n;
    }
    [[nodiscard]] Json Summary() {
        std::sort(ms.begin(), ms.end());
        const auto pct = [&](double p) {
            if (ms.empty()) return 0.0;
            const auto index = static_cast<std::size_t>(p * static_cast<double>(ms.size() - 1) + 0.5);
            return ms[std::min(index, ms.size() - 1)];
        };
        Json errs = Json::object();
        for (const auto& [kind, count] : errors) errs[kind] = count;
        return {{"ok", ms.size()},
                {"errors", ErrorCount()},
                {"error_kinds", errs},
                {"p50_ms", pct(0.50)},
                {"p95_ms", pct(0.95)},
                {"p99_ms", pct(0.99)},
                {"max_ms", ms.empty() ? 0.0 : ms.back()}};
    }
};

struct Stats {
    Step login, start, save, submit;
    int finished = 0;
};

// A failed request: the step's error kind ("http_409", "network", "parse").
struct Failure {
    std::string kind;
};

// One student's connection and session.
class Client {
public:
    Client(asio::any_io_executor executor, const Options& options) : options_(options), stream_(executor) {}

    awaitable<http::response<http::string_body>> Send(http::verb verb, std::string target,
                                                      std::string body = {},
                                                      std::string_view content_type = {}) {
        for (int attempt = 0;; ++attempt) {
            if (!connected_) {
                asio::ip::tcp::resolver resolver(stream_.get_executor());
                auto endpoints = co_await resolver.async_resolve(options_.host, options_.port, use_awaitable);
                stream_.expires_after(std::chrono::seconds(30));
                co_await stream_.async_connect(endpoints, use_awaitable);
                connected_ = true;
            }
            http::request<http::string_body> request{verb, target, 11};
            request.set(http::field::host, options_.host);
            request.set(http::field::accept, "application/json");
            request.keep_alive(true);
            std::string cookies;
            for (const auto& [name, value] : cookies_) {
                if (!cookies.empty()) cookies += "; ";
                cookies += name + "=" + value;
            }
            if (!cookies.empty()) request.set(http::field::cookie, cookies);
            if (!csrf_.empty()) request.set("X-CSRF-Token", csrf_);
            if (!content_type.empty()) request.set(http::field::content_type, std::string(content_type));
            request.body() = body;
            request.prepare_payload();
            stream_.expires_after(std::chrono::seconds(60));
            beast::error_code ec;
            co_await http::async_write(stream_, request, asio::redirect_error(use_awaitable, ec));
            http::response<http::string_body> response;
            if (!ec)
                co_await http::async_read(stream_, buffer_, response,
                                          asio::redirect_error(use_awaitable, ec));
            if (ec) {
                // A keep-alive connection the server closed between requests is reopened once;
                // anything else is the step's network error.
                connected_ = false;
                stream_.close();
                if (attempt == 0 && (ec == http::error::end_of_stream ||
                                     ec == asio::error::connection_reset || ec == asio::error::eof)) {
                    continue;
                }
                throw Failure{"network"};
            }
            for (const auto& field : response) {
                if (field.name() != http::field::set_cookie) continue;
                const std::string text(field.value());
                const auto eq = text.find('=');
                const auto end = text.find(';');
                if (eq == std::string::npos) continue;
                cookies_[text.substr(0, eq)] =
                    text.substr(eq + 1, end == std::string::npos ? std::string::npos : end - eq - 1);
            }
            if (!response.keep_alive()) {
                connected_ = false;
                stream_.close();
            }
            co_return response;
        }
    }

    void SetCsrf(std::string token) { csrf_ = std::move(token); }

private:
    const Options& options_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    bool connected_ = false;
    std::map<std::string, std::string> cookies_;
    std::string csrf_;
};

std::string UrlEncode(std::string_view text) {
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

void Expect2xx(const http::response<http::string_body>& response) {
    const auto code = response.result_int();
    if (code < 200 || code > 299) throw Failure{"http_" + std::to_string(code)};
}

// A response in the shapes of docs/QUIZZES.md ("Responses by question type").
Json ResponseFor(const Json& question, int k) {
    const std::string type = question.value("type", "");
    const Json answers = question.value("answers", Json::array());
    if (type == "numerical") return {{"text", std::to_string(k)}};
    if (type == "short_answer" || type == "essay") return {{"text", "жауап " + std::to_string(k)}};
    Json ids = Json::array();
    for (const auto& answer : answers) ids.push_back(answer.value("id", 0));
    if (type == "multiple_choice") return {{"chosen", ids}};
    if (type == "ordering") return {{"order", ids}};
    if (type == "matching") {
        const Json choices = question.value("choices", Json::array());
        Json pairs = Json::object();
        for (std::size_t i = 0; i < answers.size() && !choices.empty(); ++i) {
            pairs[std::to_string(answers[i].value("id", 0))] =
                choices[(i + static_cast<std::size_t>(k)) % choices.size()];
        }
        return {{"pairs", pairs}};
    }
    if (ids.empty()) return Json::object();
    return {{"chosen", Json::array({ids[static_cast<std::size_t>(k) % ids.size()]})}};
}

struct Shared {
    const Options& options;
    Stats& stats;
    std::vector<std::unique_ptr<Client>> clients;
    std::vector<bool> signed_in;
    int next = 0;             // The next student to sign in.
    int signing_workers = 0;  // Sign-in workers still running.
    Clock::time_point start_at{};
};

awaitable<void> Sleep(Clock::duration duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(duration);
    co_await timer.async_wait(use_awaitable);
}

// Signs student `index` in like a browser; true when every request succeeded.
awaitable<bool> SignIn(int index, Client& client, Shared& shared) {
    const Options& options = shared.options;
    const auto since = Clock::now();
    try {
        auto page = co_await client.Send(http::verb::get, "/login");
        Expect2xx(page);
        const std::string& html = page.body();
        const std::string marker = "name=\"_csrf\" value=\"";
        const auto at = html.find(marker);
        if (at == std::string::npos) throw Failure{"parse"};
        const auto begin = at + marker.size();
        const std::string form_token = html.substr(begin, html.find('"', begin) - begin);
        const std::string form = "_csrf=" + UrlEncode(form_token) +
                                 "&login=" + UrlEncode(options.login_prefix + std::to_string(index)) +
                                 "&password=" + UrlEncode(options.password);
        auto posted =
            co_await client.Send(http::verb::post, "/login", form, "application/x-www-form-urlencoded");
        if (posted.result_int() != 303 && posted.result_int() != 302) {
            throw Failure{"login_" + std::to_string(posted.result_int())};
        }
        auto me = co_await client.Send(http::verb::get, "/api/v1/me");
        Expect2xx(me);
        client.SetCsrf(Json::parse(me.body()).at("csrf_token").get<std::string>());
        shared.stats.login.Add(since);
        co_return true;
    } catch (const Failure& failure) {
        ++shared.stats.login.errors[failure.kind];
    } catch (const std::exception&) {
        ++shared.stats.login.errors["exception"];
    }
    co_return false;
}

// One student's exam: start inside the window, save an answer every interval, submit.
awaitable<void> Exam(int index, Shared& shared) {
    const Options& options = shared.options;
    Stats& stats = shared.stats;
    Client& client = *shared.clients[static_cast<std::size_t>(index)];
    std::mt19937_64 random(static_cast<std::uint64_t>(index) * 7919U + 17U);
    std::uniform_real_distribution<double> window(0.0, options.start_window);
    co_await Sleep(
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(window(random))));
    Json questions;
    std::int64_t attempt = 0;
    auto since = Clock::now();
    try {
        auto started = co_await client.Send(http::verb::post,
                                            "/api/v1/quizzes/" + std::to_string(options.quiz) + "/attempts",
                                            "{}", "application/json");
        Expect2xx(started);
        const Json body = Json::parse(started.body());
        attempt = body.at("attempt").get<std::int64_t>();
        questions = body.at("questions");
        stats.start.Add(since);
    } catch (const Failure& failure) {
        ++stats.start.errors[failure.kind];
        co_return;
    } catch (const std::exception&) {
        ++stats.start.errors["parse"];
        co_return;
    }
    if (questions.empty()) {
        ++stats.start.errors["no_questions"];
        co_return;
    }
    // The first save after a random part of the interval, so that saves spread evenly.
    std::uniform_real_distribution<double> offset(0.0, options.save_interval);
    co_await Sleep(
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(offset(random))));
    for (int k = 0; k < options.saves; ++k) {
        const Json& question = questions[static_cast<std::size_t>(k) % questions.size()];
        const int slot = question.value("slot", k + 1);
        const Json payload = {{"seq", k + 1}, {"response", ResponseFor(question, k)}};
        since = Clock::now();
        try {
            auto saved = co_await client.Send(
                http::verb::put,
                "/api/v1/attempts/" + std::to_string(attempt) + "/responses/" + std::to_string(slot),
                payload.dump(), "application/json");
            Expect2xx(saved);
            stats.save.Add(since);
        } catch (const Failure& failure) {
            ++stats.save.errors[failure.kind];
        }
        if (k + 1 < options.saves) {
            co_await Sleep(std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double>(options.save_interval)));
        }
    }
    since = Clock::now();
    try {
        auto submitted =
            co_await client.Send(http::verb::post, "/api/v1/attempts/" + std::to_string(attempt) + "/submit",
                                 "{}", "application/json");
        Expect2xx(submitted);
        stats.submit.Add(since);
        ++stats.finished;
    } catch (const Failure& failure) {
        ++stats.submit.errors[failure.kind];
    }
}

void OnCrash(Stats& stats, const std::exception_ptr& error) {
    if (error) ++stats.submit.errors["crash"];
}

// A sign-in worker: signs students in one after another (sign-in is CPU-bound on the server's
// Argon2id); the last worker to finish opens the exam for everyone signed in.
awaitable<void> SignInWorker(Shared& shared) {
    while (shared.next < shared.options.students) {
        const int index = shared.next++;
        shared.signed_in[static_cast<std::size_t>(index)] =
            co_await SignIn(index, *shared.clients[static_cast<std::size_t>(index)], shared);
    }
    if (--shared.signing_workers > 0) co_return;
    shared.start_at = Clock::now();
    auto executor = co_await asio::this_coro::executor;
    for (int i = 0; i < shared.options.students; ++i) {
        if (!shared.signed_in[static_cast<std::size_t>(i)]) continue;
        asio::co_spawn(executor, Exam(i, shared),
                       [&shared](const std::exception_ptr& error) { OnCrash(shared.stats, error); });
    }
}

int Usage() {
    std::cerr << "usage: oqu_bench_exam_rush --port P --quiz ID --password PW [--students N]\n"
                 "  [--host H] [--login-prefix P] [--login-parallel K] [--start-window S]\n"
                 "  [--save-interval S] [--saves K]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--host")
            options.host = value;
        else if (flag == "--port")
            options.port = value;
        else if (flag == "--students")
            options.students = std::atoi(value.c_str());
        else if (flag == "--login-prefix")
            options.login_prefix = value;
        else if (flag == "--password")
            options.password = value;
        else if (flag == "--quiz")
            options.quiz = std::atoll(value.c_str());
        else if (flag == "--login-parallel")
            options.login_parallel = std::atoi(value.c_str());
        else if (flag == "--start-window")
            options.start_window = std::atof(value.c_str());
        else if (flag == "--save-interval")
            options.save_interval = std::atof(value.c_str());
        else if (flag == "--saves")
            options.saves = std::atoi(value.c_str());
        else
            return Usage();
    }
    if ((argc - 1) % 2 != 0 || options.quiz <= 0 || options.password.empty() || options.students <= 0) {
        return Usage();
    }
    asio::io_context io;
    Stats stats;
    Shared shared{options, stats, {}, std::vector<bool>(static_cast<std::size_t>(options.students), false)};
    for (int i = 0; i < options.students; ++i) {
        shared.clients.push_back(std::make_unique<Client>(io.get_executor(), options));
    }
    const auto began = Clock::now();
    shared.signing_workers = std::max(1, options.login_parallel);
    for (int w = 0; w < shared.signing_workers; ++w) {
        asio::co_spawn(io, SignInWorker(shared),
                       [&stats](const std::exception_ptr& error) { OnCrash(stats, error); });
    }
    io.run();
    const double sign_in_seconds = std::chrono::duration<double>(shared.start_at - began).count();
    const int errors = stats.login.ErrorCount() + stats.start.ErrorCount() + stats.save.ErrorCount() +
                       stats.submit.ErrorCount();
    const Json out = {{"students", options.students},
                      {"finished", stats.finished},
                      {"errors", errors},
                      {"sign_in_seconds", sign_in_seconds},
                      {"total_seconds", std::chrono::duration<double>(Clock::now() - began).count()},
                      {"login", stats.login.Summary()},
                      {"start", stats.start.Summary()},
                      {"save", stats.save.Summary()},
                      {"submit", stats.submit.Summary()}};
    std::cout << out.dump(2) << "\n";
    return errors == 0 ? 0 : 1;
}
