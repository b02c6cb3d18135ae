#include "assessment/domain/attempt.hpp"

#include <algorithm>

namespace oqu::assessment {

core::Instant Deadline(const QuizWindow& quiz, const Accommodation& accommodation, core::Instant started) {
    const core::Instant closes = std::max(quiz.closes, accommodation.closes.value_or(quiz.closes));
    if (!quiz.time_limit) return closes;
    // Extra time in whole seconds, rounded up: 45 min + 25 % = 56 min 15 s.
    const auto limit = std::chrono::duration_cast<Seconds>(*quiz.time_limit);
    const auto extra = Seconds{(limit.count() * accommodation.extra_time_percent + 99) / 100};
    return std::min(closes, started + limit + extra);
}

std::string_view StartDecisionName(StartDecision decision) {
    switch (decision) {
        case StartDecision::kStart:
            return "start";
        case StartDecision::kResume:
            return "resume";
        case StartDecision::kNotOpenYet:
            return "not_open_yet";
        case StartDecision::kClosed:
            return "closed";
        case StartDecision::kNoAttempts:
            return "no_attempts";
    }
    return "closed";
}

StartDecision DecideStart(const QuizWindow& quiz, const Accommodation& accommodation, core::Instant now,
                          int finished_attempts, std::optional<core::Instant> open_attempt_deadline) {
    if (open_attempt_deadline && now < *open_attempt_deadline) return StartDecision::kResume;
    // An expired open attempt counts as finished: the server submits it.
    const int used = finished_attempts + (open_attempt_deadline ? 1 : 0);
    if (now < quiz.opens) return StartDecision::kNotOpenYet;
    if (now >= std::max(quiz.closes, accommodation.closes.value_or(quiz.closes))) {
        return StartDecision::kClosed;
    }
    if (quiz.attempts_allowed > 0 && used >= quiz.attempts_allowed) return StartDecision::kNoAttempts;
    return StartDecision::kStart;
}

std::string_view SaveDecisionName(SaveDecision decision) {
    switch (decision) {
        case SaveDecision::kApply:
            return "apply";
        case SaveDecision::kDuplicate:
            return "duplicate";
        case SaveDecision::kStale:
            return "stale";
        case SaveDecision::kTooLate:
            return "too_late";
    }
    return "too_late";
}

SaveDecision DecideSave(std::optional<std::int64_t> stored_seq, std::int64_t seq, bool submitted,
                        core::Instant deadline, core::Instant now) {
    // A retry of what is stored is acknowledged even after the deadline: the client must learn
    // that its answer is safe.
    if (stored_seq && seq == *stored_seq) return SaveDecision::kDuplicate;
    if (submitted || now > deadline + kSaveGrace) return SaveDecision::kTooLate;
    if (stored_seq && seq < *stored_seq) return SaveDecision::kStale;
    return SaveDecision::kApply;
}

bool DueForAutoSubmit(bool submitted, core::Instant deadline, core::Instant now) {
    return !submitted && now > deadline + kSaveGrace;
}

}  // namespace oqu::assessment
