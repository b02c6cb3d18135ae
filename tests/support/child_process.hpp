#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace oqu::testing {

/// A child process with its stdout and stderr captured through pipes. Kills the child (SIGKILL)
/// on destruction if it still runs.
class ChildProcess {
public:
    /// Starts `argv[0]` with the given arguments and extra environment; throws on failure.
    explicit ChildProcess(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// Reads stdout until a line containing `needle` arrives; returns that line, or nullopt on
    /// EOF or after `timeout`.
    std::optional<std::string> WaitForLine(const std::string& needle, std::chrono::milliseconds timeout);
    /// Sends a signal.
    void Signal(int signo);
    /// Waits for exit; returns the exit code (128+signal when killed), or nullopt on timeout.
    std::optional<int> Wait(std::chrono::milliseconds timeout);
    /// Everything read from stdout so far, and the whole of stderr once the child has exited.
    const std::string& out() const { return out_; }
    const std::string& err() const { return err_; }
    pid_t pid() const { return pid_; }

private:
    void Drain(int fd, std::string& into, std::chrono::milliseconds timeout);
    pid_t pid_ = -1;
    int out_fd_ = -1;
    int err_fd_ = -1;
    std::string out_;
    std::string err_;
    std::optional<int> status_;
};

/// Runs a command to completion; returns {exit code, stdout, stderr}.
struct RunResult {
    int code = -1;
    std::string out;
    std::string err;
};
RunResult RunCommand(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                     std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace oqu::testing
