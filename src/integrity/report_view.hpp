#pragma once

// The report of one check as the page and its PDF show it (not part of the module's API): the
// work's text cut into plain and matched segments, each match with its source passage, the
// sources with their shares, the flags, the course's exclusions and the decisions.
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "integrity/checks_internal.hpp"
#include "platform/web/language.hpp"

namespace oqu::platform::web {
class Strings;
}

namespace oqu::integrity::detail {

/// A run of the work's text: plain (match 0) or inside match `match` (1-based).
struct Segment {
    std::string text;
    int match = 0;
    std::string kind;   ///< "borrowing", "quotation", "reference"; empty when plain.
    bool last = false;  ///< The last run of its match: the marker follows it.
};

/// A matched passage with its source passage.
struct MatchView {
    int number = 0;
    std::string kind;
    std::int64_t doc = 0;
    int source_number = 0;  ///< 1-based position in `sources`.
    std::string passage;
    std::string source_passage;  ///< Empty when hidden from the reader (another student's work).
    bool transliterated = false;
};

/// A source of the check.
struct SourceView {
    int number = 0;
    std::int64_t doc = 0;
    std::string title;  ///< Empty when hidden from the reader.
    std::string origin;
    double share = 0;
    bool excluded = false;  ///< Excluded from the course's checks.
};

/// A flag of the check.
struct FlagView {
    std::string kind;
    int count = 0;
};

/// Everything the report shows.
struct ReportData {
    CheckRow check;
    bool text_available = false;
    std::vector<Segment> segments;
    std::vector<MatchView> matches;
    std::vector<SourceView> sources;
    std::vector<FlagView> flags;
    std::vector<Exclusion> exclusions;
    std::vector<Decision> decisions;
};

/// Loads the report of `check`. For the author (`for_author`), other students' works stay
/// anonymous: their titles and passages are not shown, only that the source is a submission.
ReportData LoadReport(platform::db::Database& db, const CheckRow& check, bool for_author);

/// The report as a PDF (platform/pdf) in `lang`.
core::Result<std::string> ReportPdf(const ReportData& report, const platform::web::Strings& strings,
                                    platform::web::Language lang);

/// "73.4" for 0.734.
std::string Percent(double share);

}  // namespace oqu::integrity::detail
