#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.hpp"

namespace oqu::academics {

/// Level of higher and postgraduate education (the classifier's prefixes 6B, 7M, 8D, 7R).
enum class Level : std::uint8_t { kBachelor, kMaster, kDoctorate, kResidency };

/// "bachelor", "master", "doctorate", "residency".
std::string_view LevelName(Level level);
/// The level of a stored name; nullopt when unknown.
std::optional<Level> ParseLevel(std::string_view name);

/// Layer of the national classifier of directions of training.
enum class RowType : std::uint8_t {
    kField,      ///< Field of education (6B01).
    kDirection,  ///< Direction of training (6B011).
    kGroup,      ///< Group of educational programmes (B001); a programme belongs to one group.
};

/// "field", "direction", "group".
std::string_view RowTypeName(RowType type);
/// The row type of a stored name; nullopt when unknown.
std::optional<RowType> ParseRowType(std::string_view name);

/// Distance-learning regime of Order 137 p.11 (R-D7).
enum class DlRegime : std::uint8_t {
    kForbidden,  ///< No distance learning (medical, pharmaceutical, pedagogical programmes).
    kLimit20,    ///< At most 20 % of the disciplines over the whole period of study.
    kLimit50,    ///< At most 50 % of the disciplines.
    kMixed,      ///< Only on fields/directions whose groups differ: read the group row.
};

/// "forbidden", "limit20", "limit50", "mixed".
std::string_view DlRegimeName(DlRegime regime);
/// The regime of a stored name; nullopt when unknown.
std::optional<DlRegime> ParseDlRegime(std::string_view name);

/// R-D7: the largest share (percent of the disciplines over the whole period of study) that may
/// be taught by distance learning; nullopt for kMixed, which classifies no programme.
std::optional<int> MaxDlSharePercent(DlRegime regime);

/// R-D7: kMixed is allowed only on field and direction rows; a group row (which classifies
/// programmes) needs a definite regime. kInvalidInput "academics.regime_mixed_on_group" otherwise.
core::Status CheckRegimeForRow(RowType type, DlRegime regime);

/// Whether the online learning form is allowed for a direction (R-O2, the list of order No. 530).
enum class OnlineForm : std::uint8_t {
    kUnknown,    ///< The list of order No. 530 has not been entered: R-O2 cannot be enforced.
    kAllowed,    ///< Not on the list.
    kForbidden,  ///< On the list: no online form.
};

/// "unknown", "allowed", "forbidden".
std::string_view OnlineFormName(OnlineForm form);
/// The value of a stored name; nullopt when unknown.
std::optional<OnlineForm> ParseOnlineForm(std::string_view name);

/// Evidence for a classifier row, from the seed's `status` column (data/kz/README.md §1.3).
enum class DataStatus : std::uint8_t {
    kCorroborated,     ///< Agrees with an independent source.
    kSingleSource,     ///< Only in the 2020 transcription.
    kNotInLaterList,   ///< The *088 interdisciplinary rows; code format unverified.
    kChangedLater,     ///< A later source shows a new name or code.
    kLaterAmendment,   ///< Only in later sources.
    kSupersededLater,  ///< Replaced later; kept for older cohorts.
    kConflicting,      ///< Sources disagree.
};

/// "corroborated", "single_source", "not_in_later_list", "changed_later", "later_amendment",
/// "superseded_later", "conflicting".
std::string_view DataStatusName(DataStatus status);
/// The status of a stored name; nullopt when unknown.
std::optional<DataStatus> ParseDataStatus(std::string_view name);

/// True when an administrator should confirm the row before relying on it: its evidence is not
/// corroborated, or its DL regime is our reading of the order (justification "JUDGEMENT: ...")
/// — and nobody has confirmed it yet.
bool NeedsConfirmation(DataStatus status, std::string_view justification, bool confirmed);

/// The letter a group code of a level starts with ('B', 'M', 'D', 'R').
char GroupLetter(Level level);

}  // namespace oqu::academics
