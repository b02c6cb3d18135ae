#include "tests/support/child_process.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace oqu::testing {

namespace {

using Clock = std::chrono::steady_clock;

int RemainingMs(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv,
                           const std::map<std::string, std::string>& env) {
    int out_pipe[2];
    int err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));  // NOLINT: execv's signature
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    out_fd_ = out_pipe[0];
    err_fd_ = err_pipe[0];
}

ChildProcess::~ChildProcess() {
    if (!status_ && pid_ > 0) {
        kill(pid_, SIGKILL);
        int st = 0;
        waitpid(pid_, &st, 0);
    }
    if (out_fd_ >= 0) close(out_fd_);
    if (err_fd_ >= 0) close(err_fd_);
}

std::optional<std::string> ChildProcess::WaitForLine(const std::string& needle,
                                                     std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    std::size_t scanned = 0;
    while (true) {
        for (auto nl = out_.find('\n', scanned); nl != std::string::npos; nl = out_.find('\n', scanned)) {
            std::string line = out_.substr(scanned, nl - scanned);
            scanned = nl + 1;
            if (line.find(needle) != std::string::npos) return line;
        }
        if (RemainingMs(deadline) == 0) return std::nullopt;
        pollfd p{out_fd_, POLLIN, 0};
        if (poll(&p, 1, RemainingMs(deadline)) <= 0) continue;
        char buf[4096];
        const ssize_t n = read(out_fd_, buf, sizeof buf);
        if (n <= 0) return std::nullopt;
        out_.append(buf, static_cast<std::size_t>(n));
    }
}

void ChildProcess::Signal(int signo) {
    if (pid_ > 0 && !status_) kill(pid_, signo);
}

void ChildProcess::Drain(int fd, std::string& into, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, RemainingMs(deadline)) <= 0) return;
        char buf[4096];
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return;
        into.append(buf, static_cast<std::size_t>(n));
    }
}

std::optional<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
    if (status_) return status_;
    const auto deadline = Clock::now() + timeout;
    while (true) {
        // Keep the pipes flowing so a chatty child cannot block on a full pipe while we wait.
        Drain(out_fd_, out_, std::chrono::milliseconds(0));
        Drain(err_fd_, err_, std::chrono::milliseconds(0));
        int st = 0;
        const pid_t r = waitpid(pid_, &st, WNOHANG);
        if (r == pid_) {
            status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            Drain(out_fd_, out_, std::chrono::milliseconds(200));
            Drain(err_fd_, err_, std::chrono::milliseconds(200));
            return status_;
        }
        if (RemainingMs(deadline) == 0) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

RunResult RunCommand(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                     std::chrono::milliseconds timeout) {
    ChildProcess child(argv, env);
    RunResult result;
    auto code = child.Wait(timeout);
    result.code = code.value_or(-1);
    result.out = child.out();
    result.err = child.err();
    return result;
}

}  // namespace oqu::testing
