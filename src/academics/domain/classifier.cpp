#include "academics/domain/classifier.hpp"

#include <array>
#include <utility>

namespace oqu::academics {

namespace {

template <typename E, std::size_t N>
std::optional<E> Find(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name) {
    for (const auto& [value, text] : table) {
        if (text == name) return value;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [v, text] : table) {
        if (v == value) return text;
    }
    return {};
}

constexpr std::array<std::pair<Level, std::string_view>, 4> kLevels{{{Level::kBachelor, "bachelor"},
                                                                     {Level::kMaster, "master"},
                                                                     {Level::kDoctorate, "doctorate"},
                                                                     {Level::kResidency, "residency"}}};
constexpr std::array<std::pair<RowType, std::string_view>, 3> kRowTypes{
    {{RowType::kField, "field"}, {RowType::kDirection, "direction"}, {RowType::kGroup, "group"}}};
constexpr std::array<std::pair<DlRegime, std::string_view>, 4> kRegimes{{{DlRegime::kForbidden, "forbidden"},
                                                                         {DlRegime::kLimit20, "limit20"},
                                                                         {DlRegime::kLimit50, "limit50"},
                                                                         {DlRegime::kMixed, "mixed"}}};
constexpr std::array<std::pair<OnlineForm, std::string_view>, 3> kOnlineForms{
    {{OnlineForm::kUnknown, "unknown"},
     {OnlineForm::kAllowed, "allowed"},
     {OnlineForm::kForbidden, "forbidden"}}};
constexpr std::array<std::pair<DataStatus, std::string_view>, 7> kStatuses{
    {{DataStatus::kCorroborated, "corroborated"},
     {DataStatus::kSingleSource, "single_source"},
     {DataStatus::kNotInLaterList, "not_in_later_list"},
     {DataStatus::kChangedLater, "changed_later"},
     {DataStatus::kLaterAmendment, "later_amendment"},
     {DataStatus::kSupersededLater, "superseded_later"},
     {DataStatus::kConflicting, "conflicting"}}};

}  // namespace

std::string_view LevelName(Level level) {
    return NameOf(kLevels, level);
}
std::optional<Level> ParseLevel(std::string_view name) {
    return Find(kLevels, name);
}
std::string_view RowTypeName(RowType type) {
    return NameOf(kRowTypes, type);
}
std::optional<RowType> ParseRowType(std::string_view name) {
    return Find(kRowTypes, name);
}
std::string_view DlRegimeName(DlRegime regime) {
    return NameOf(kRegimes, regime);
}
std::optional<DlRegime> ParseDlRegime(std::string_view name) {
    return Find(kRegimes, name);
}
std::string_view OnlineFormName(OnlineForm form) {
    return NameOf(kOnlineForms, form);
}
std::optional<OnlineForm> ParseOnlineForm(std::string_view name) {
    return Find(kOnlineForms, name);
}
std::string_view DataStatusName(DataStatus status) {
    return NameOf(kStatuses, status);
}
std::optional<DataStatus> ParseDataStatus(std::string_view name) {
    return Find(kStatuses, name);
}

std::optional<int> MaxDlSharePercent(DlRegime regime) {
    // R-D7: Order 137 p.11 (as amended by order No. 241 of 21 May 2024).
    switch (regime) {
        case DlRegime::kForbidden:
            return 0;
        case DlRegime::kLimit20:
            return 20;
        case DlRegime::kLimit50:
            return 50;
        case DlRegime::kMixed:
            break;
    }
    return std::nullopt;
}

core::Status CheckRegimeForRow(RowType type, DlRegime regime) {
    // R-D7: a programme takes the regime of its group, so a group row must say which one.
    if (type == RowType::kGroup && regime == DlRegime::kMixed) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "academics.regime_mixed_on_group",
                               "a group row needs forbidden, limit20 or limit50", "R-D7");
    }
    return core::OkStatus();
}

bool NeedsConfirmation(DataStatus status, std::string_view justification, bool confirmed) {
    if (confirmed) return false;
    return status != DataStatus::kCorroborated || justification.rfind("JUDGEMENT:", 0) == 0;
}

char GroupLetter(Level level) {
    switch (level) {
        case Level::kBachelor:
            return 'B';
        case Level::kMaster:
            return 'M';
        case Level::kDoctorate:
            return 'D';
        case Level::kResidency:
            break;
    }
    return 'R';
}

}  // namespace oqu::academics
