#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/time.hpp"

/// The rules of a quiz attempt (R-A5, R-A7), the part of exam day that must never fail: the
/// server's clock is the only timer, every answer is saved as given with a sequence number so a
/// retried request neither loses nor duplicates it, and an attempt past its deadline is
/// submitted by the server with what was saved. Pure: `now` is an argument.
namespace oqu::assessment {

using Minutes = std::chrono::minutes;
using Seconds = std::chrono::seconds;

/// When a quiz may be taken.
struct QuizWindow {
    core::Instant opens{};
    core::Instant closes{};
    std::optional<Minutes> time_limit;  ///< None: until the quiz closes.
    int attempts_allowed = 1;           ///< 0: unlimited.
};

/// A student's accommodations (R-A7: special educational needs) or an individual extension.
struct Accommodation {
    int extra_time_percent = 0;           ///< Added to the time limit (25, 50, 100 ...).
    std::optional<core::Instant> closes;  ///< A later closing time for this student.
};

/// The moment an attempt started at `started` must be submitted: the start plus the time limit
/// (with the extra time), but never after the quiz (or the student's extension) closes.
core::Instant Deadline(const QuizWindow& quiz, const Accommodation& accommodation, core::Instant started);

/// What a student asking to start gets.
enum class StartDecision : std::uint8_t {
    kStart,       ///< A new attempt begins now.
    kResume,      ///< The open attempt continues (a closed browser, a lost network, a restart).
    kNotOpenYet,  ///< Before the quiz opens.
    kClosed,      ///< After the quiz (or the student's extension) closed.
    kNoAttempts,  ///< Every allowed attempt used.
};

/// "start", "resume", "not_open_yet", "closed", "no_attempts".
std::string_view StartDecisionName(StartDecision decision);

/// Decides a start request. `open_attempt_deadline` is the deadline of the student's attempt in
/// progress, if any; `finished_attempts` counts submitted ones. An open attempt whose deadline
/// has passed is not resumed (the server submits it); the student may then start another if
/// attempts remain.
StartDecision DecideStart(const QuizWindow& quiz, const Accommodation& accommodation, core::Instant now,
                          int finished_attempts, std::optional<core::Instant> open_attempt_deadline);

/// Saves arriving this long after the deadline are still taken: requests sent before the deadline
/// on a slow connection must not be lost. Later ones are refused.
inline constexpr Seconds kSaveGrace{20};

/// What to do with an answer save carrying `seq` for one question of an attempt.
enum class SaveDecision : std::uint8_t {
    kApply,      ///< Newer than what is stored: store it.
    kDuplicate,  ///< The same sequence number again (a retried request): acknowledge, change nothing.
    kStale,      ///< Older than what is stored (requests reordered): acknowledge, keep the newer answer.
    kTooLate,    ///< After the deadline and its grace, or the attempt is submitted: refuse.
};

/// "apply", "duplicate", "stale", "too_late".
std::string_view SaveDecisionName(SaveDecision decision);

/// Decides a save: `stored_seq` is the sequence number of the stored answer to that question
/// (none yet: nullopt). Sequence numbers are per question and increase with each change the
/// student makes in the page.
SaveDecision DecideSave(std::optional<std::int64_t> stored_seq, std::int64_t seq, bool submitted,
                        core::Instant deadline, core::Instant now);

/// True when the server must submit the attempt itself: not yet submitted and the deadline plus
/// the save grace has passed (so every save the grace admits is in first).
bool DueForAutoSubmit(bool submitted, core::Instant deadline, core::Instant now);

}  // namespace oqu::assessment
