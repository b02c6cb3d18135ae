#include "dl/domain/application.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

namespace oqu::dl {

namespace {

core::Error Invalid(const char* key, std::string field) {
    return core::MakeError(core::ErrorCode::kInvalidInput, key, std::move(field));
}

std::string Trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

bool IsTime(std::string_view t) {
    if (t.size() != 5 || t[2] != ':') {
        return false;
    }
    for (const std::size_t i : {0U, 1U, 3U, 4U}) {
        if (t[i] < '0' || t[i] > '9') {
            return false;
        }
    }
    const int hours = (t[0] - '0') * 10 + (t[1] - '0');
    const int minutes = (t[3] - '0') * 10 + (t[4] - '0');
    return hours < 24 && minutes < 60;
}

}  // namespace

std::string_view CategoryName(Category category) {
    switch (category) {
        case Category::kMedical:
            return "medical";
        case Category::kEvent:
            return "event";
        case Category::kListed:
            return "listed";
    }
    return "medical";
}

std::optional<Category> ParseCategory(std::string_view text) {
    if (text == "medical" || text == "1") {
        return Category::kMedical;
    }
    if (text == "event" || text == "2") {
        return Category::kEvent;
    }
    if (text == "listed" || text == "3") {
        return Category::kListed;
    }
    return std::nullopt;
}

bool NeedsIndividualPlan(Category category) {
    return category == Category::kMedical || category == Category::kEvent;
}

std::string_view StageName(Stage stage) {
    switch (stage) {
        case Stage::kSubmitted:
            return "submitted";
        case Stage::kReviewed:
            return "reviewed";
        case Stage::kApproved:
            return "approved";
        case Stage::kRefused:
            return "refused";
        case Stage::kWithdrawn:
            return "withdrawn";
    }
    return "submitted";
}

std::optional<Stage> ParseStage(std::string_view text) {
    for (const Stage s :
         {Stage::kSubmitted, Stage::kReviewed, Stage::kApproved, Stage::kRefused, Stage::kWithdrawn}) {
        if (StageName(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

bool Undecided(Stage stage) {
    return stage == Stage::kSubmitted || stage == Stage::kReviewed;
}

std::string_view StateName(State state) {
    switch (state) {
        case State::kSubmitted:
            return "submitted";
        case State::kReviewed:
            return "reviewed";
        case State::kRefused:
            return "refused";
        case State::kWithdrawn:
            return "withdrawn";
        case State::kUpcoming:
            return "upcoming";
        case State::kActive:
            return "active";
        case State::kEnded:
            return "ended";
    }
    return "submitted";
}

State StateOf(Stage stage, std::optional<core::Day> start, std::optional<core::Day> end, core::Day today) {
    switch (stage) {
        case Stage::kSubmitted:
            return State::kSubmitted;
        case Stage::kReviewed:
            return State::kReviewed;
        case Stage::kRefused:
            return State::kRefused;
        case Stage::kWithdrawn:
            return State::kWithdrawn;
        case Stage::kApproved:
            break;
    }
    if (start && today < *start) {
        return State::kUpcoming;
    }
    // The last day of the period is still a day of distance learning.
    if (end && today > *end) {
        return State::kEnded;
    }
    return State::kActive;
}

core::Result<ApplicationSpec> CheckApplication(const ApplicationDraft& draft) {
    ApplicationSpec spec;
    const auto category = ParseCategory(Trim(draft.category));
    if (!category) {
        return Invalid("dl.category_invalid", "category");
    }
    spec.category = *category;
    const auto start = core::ParseIsoDay(Trim(draft.period_start));
    const auto end = core::ParseIsoDay(Trim(draft.period_end));
    if (!start) {
        return Invalid("dl.period_start_invalid", "period_start");
    }
    if (!end) {
        return Invalid("dl.period_end_invalid", "period_end");
    }
    if (*end < *start) {
        return Invalid("dl.period_reversed", "period_end");
    }
    if (*end - *start > std::chrono::days{731}) {
        return Invalid("dl.period_too_long", "period_end");
    }
    spec.period_start = *start;
    spec.period_end = *end;
    spec.discipline_ids = draft.discipline_ids;
    std::sort(spec.discipline_ids.begin(), spec.discipline_ids.end());
    spec.discipline_ids.erase(std::unique(spec.discipline_ids.begin(), spec.discipline_ids.end()),
                              spec.discipline_ids.end());
    if (spec.discipline_ids.empty() || spec.discipline_ids.front() <= 0) {
        return Invalid("dl.disciplines_required", "disciplines");
    }
    if (spec.category == Category::kMedical) {
        // R-D4: the MCC conclusion is the basis: its number, date and the document itself.
        spec.mcc_number = Trim(draft.mcc_number);
        if (spec.mcc_number.empty() || spec.mcc_number.size() > 64) {
            return Invalid("dl.mcc_number_required", "mcc_number");
        }
        spec.mcc_date = core::ParseIsoDay(Trim(draft.mcc_date));
        if (!spec.mcc_date) {
            return Invalid("dl.mcc_date_invalid", "mcc_date");
        }
        if (*spec.mcc_date > spec.period_start) {
            return Invalid("dl.mcc_date_after_period", "mcc_date");
        }
        if (draft.document_sha.size() != 64) {
            return Invalid("dl.document_required", "document");
        }
        spec.document_sha = draft.document_sha;
        spec.document_name = draft.document_name.substr(0, 200);
    }
    if (spec.category == Category::kEvent) {
        // R-D2: a free-form application to the head of the HEI stating the dates of participation.
        spec.statement = Trim(draft.statement);
        if (spec.statement.empty()) {
            return Invalid("dl.statement_required", "statement");
        }
        if (spec.statement.size() > kMaxText) {
            return Invalid("dl.text_too_long", "statement");
        }
    }
    return spec;
}

core::Result<DecisionSpec> CheckDecision(const DecisionDraft& draft, core::Day asked_start,
                                         core::Day asked_end) {
    DecisionSpec spec;
    const std::string outcome = Trim(draft.outcome);
    if (outcome != "approve" && outcome != "refuse") {
        return Invalid("dl.outcome_invalid", "outcome");
    }
    spec.approve = outcome == "approve";
    spec.comment = Trim(draft.comment);
    if (spec.comment.size() > kMaxText) {
        return Invalid("dl.text_too_long", "comment");
    }
    if (!spec.approve) {
        if (spec.comment.empty()) {
            return Invalid("dl.comment_required", "comment");
        }
        return spec;
    }
    spec.grant_start = asked_start;
    spec.grant_end = asked_end;
    if (!Trim(draft.grant_start).empty()) {
        const auto start = core::ParseIsoDay(Trim(draft.grant_start));
        if (!start) {
            return Invalid("dl.period_start_invalid", "grant_start");
        }
        spec.grant_start = *start;
    }
    if (!Trim(draft.grant_end).empty()) {
        const auto end = core::ParseIsoDay(Trim(draft.grant_end));
        if (!end) {
            return Invalid("dl.period_end_invalid", "grant_end");
        }
        spec.grant_end = *end;
    }
    if (spec.grant_end < spec.grant_start) {
        return Invalid("dl.period_reversed", "grant_end");
    }
    spec.art_37_2_number = Trim(draft.art_37_2_number);
    const std::string art_date = Trim(draft.art_37_2_date);
    if (!spec.art_37_2_number.empty() || !art_date.empty()) {
        spec.art_37_2_date = core::ParseIsoDay(art_date);
        if (spec.art_37_2_number.empty() || spec.art_37_2_number.size() > 64 || !spec.art_37_2_date) {
            return Invalid("dl.art_37_2_incomplete", "art_37_2_number");
        }
    }
    return spec;
}

std::string_view PlanKindName(PlanKind kind) {
    return kind == PlanKind::kPlan ? "plan" : "schedule";
}

std::optional<PlanKind> ParsePlanKind(std::string_view text) {
    if (text == "plan") {
        return PlanKind::kPlan;
    }
    if (text == "schedule") {
        return PlanKind::kSchedule;
    }
    return std::nullopt;
}

core::Result<PlanRowSpec> CheckPlanRow(const PlanRowDraft& draft, const std::vector<std::int64_t>& granted,
                                       core::Day from, core::Day to) {
    PlanRowSpec spec;
    const auto kind = ParsePlanKind(Trim(draft.kind));
    if (!kind) {
        return Invalid("dl.plan_kind_invalid", "kind");
    }
    spec.kind = *kind;
    const std::string id_text = Trim(draft.discipline_id);
    std::int64_t id = 0;
    for (const char c : id_text) {
        if (c < '0' || c > '9' || id > 1'000'000'000'000) {
            return Invalid("dl.plan_discipline_invalid", "discipline_id");
        }
        id = id * 10 + (c - '0');
    }
    if (std::find(granted.begin(), granted.end(), id) == granted.end()) {
        return Invalid("dl.plan_discipline_invalid", "discipline_id");
    }
    spec.discipline_id = id;
    spec.activity = Trim(draft.activity);
    if (spec.activity.empty() || spec.activity.size() > 300) {
        return Invalid("dl.activity_required", "activity");
    }
    if (spec.kind == PlanKind::kPlan) {
        spec.start_date = core::ParseIsoDay(Trim(draft.start_date));
        spec.end_date = core::ParseIsoDay(Trim(draft.end_date));
        if (!spec.start_date || !spec.end_date || *spec.end_date < *spec.start_date) {
            return Invalid("dl.plan_dates_invalid", "start_date");
        }
        if (*spec.start_date < from || *spec.end_date > to) {
            return Invalid("dl.plan_dates_outside", "start_date");
        }
        return spec;
    }
    const std::string weekday = Trim(draft.weekday);
    if (weekday.size() != 1 || weekday[0] < '1' || weekday[0] > '7') {
        return Invalid("dl.weekday_invalid", "weekday");
    }
    spec.weekday = weekday[0] - '0';
    spec.time = Trim(draft.time);
    if (!IsTime(spec.time)) {
        return Invalid("dl.time_invalid", "time");
    }
    return spec;
}

core::Status CheckOrder(const OrderDraft& draft) {
    const std::string number = Trim(draft.number);
    if (number.empty() || number.size() > 64) {
        return Invalid("dl.order_number_required", "number");
    }
    if (!core::ParseIsoDay(Trim(draft.date))) {
        return Invalid("dl.order_date_invalid", "date");
    }
    return core::OkStatus();
}

core::Result<EmergencySpec> CheckEmergency(const EmergencyDraft& draft) {
    if (auto ok = CheckOrder({draft.number, draft.date}); !ok) {
        return ok.error();
    }
    EmergencySpec spec;
    spec.number = Trim(draft.number);
    spec.date = *core::ParseIsoDay(Trim(draft.date));
    const auto start = core::ParseIsoDay(Trim(draft.start));
    const auto end = core::ParseIsoDay(Trim(draft.end));
    if (!start) {
        return Invalid("dl.period_start_invalid", "start");
    }
    if (!end) {
        return Invalid("dl.period_end_invalid", "end");
    }
    if (*end < *start) {
        return Invalid("dl.period_reversed", "end");
    }
    spec.start = *start;
    spec.end = *end;
    return spec;
}

bool IsPostponable(std::string_view class_kind) {
    return class_kind == "laboratory" || class_kind == "studio" || class_kind == "practice";
}

}  // namespace oqu::dl
