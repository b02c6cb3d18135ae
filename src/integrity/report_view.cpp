#include "integrity/report_view.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "integrity/domain/normalise.hpp"
#include "integrity/index_store.hpp"
#include "platform/db/database.hpp"
#include "platform/pdf/pdf.hpp"
#include "platform/web/format.hpp"
#include "platform/web/strings.hpp"

namespace oqu::integrity::detail {

namespace db = platform::db;
namespace web = platform::web;
using nlohmann::json;

namespace {

// A passage longer than this is cut (with an ellipsis) in the side-by-side view.
constexpr std::uint32_t kMaxPassage = 1200;

std::string Slice(const std::u32string& text, std::uint32_t offset, std::uint32_t length) {
    if (offset >= text.size()) return {};
    const std::uint32_t n = std::min<std::uint32_t>(length, static_cast<std::uint32_t>(text.size()) - offset);
    std::string out = EncodeUtf8(std::u32string_view(text).substr(offset, std::min(n, kMaxPassage)));
    if (n > kMaxPassage) out += "…";
    return out;
}

std::string Word(const web::Strings& strings, web::Language lang, const std::string& key) {
    return strings.Get(lang, "integrity.report." + key);
}

}  // namespace

std::string Percent(double share) {
    return fmt::format("{:.1f}", std::clamp(share, 0.0, 1.0) * 100.0);
}

ReportData LoadReport(db::Database& database, const CheckRow& check, bool for_author) {
    ReportData out;
    out.check = check;
    std::u32string text;
    std::map<std::int64_t, std::u32string> source_texts;
    const json matches = json::parse(check.matches_json, nullptr, false);
    const json sources = json::parse(check.sources_json, nullptr, false);
    const json flags = json::parse(check.flags_json, nullptr, false);
    std::set<std::int64_t> excluded;
    database.Read([&](db::Session& s) {
        if (check.document_id) {
            if (auto stored = IndexedText(s, *check.document_id)) {
                text = std::move(*stored);
                out.text_available = true;
            }
        }
        if (matches.is_array()) {
            for (const auto& m : matches) {
                const std::int64_t doc = m.value("doc", std::int64_t{0});
                if (source_texts.contains(doc)) continue;
                if (auto stored = IndexedText(s, doc)) source_texts.emplace(doc, std::move(*stored));
            }
        }
        out.exclusions = ExclusionsOf(s, check.course_id);
        out.decisions = DecisionsOf(s, check.id);
    });
    for (const Exclusion& e : out.exclusions) excluded.insert(e.document_id);

    std::map<std::int64_t, int> source_number;
    std::set<std::int64_t> hidden;  // Sources the author may not read.
    if (sources.is_array()) {
        for (const auto& s : sources) {
            SourceView v;
            v.number = static_cast<int>(out.sources.size()) + 1;
            v.doc = s.value("doc", std::int64_t{0});
            v.origin = s.value("origin", "");
            v.title = s.value("title", "");
            v.share = s.value("share", 0.0);
            v.excluded = excluded.contains(v.doc);
            if (for_author && v.origin == "submission") {
                v.title.clear();
                hidden.insert(v.doc);
            }
            source_number[v.doc] = v.number;
            out.sources.push_back(std::move(v));
        }
    }
    if (flags.is_array()) {
        for (const auto& f : flags) out.flags.push_back({f.value("kind", ""), f.value("count", 0)});
    }

    // Each code point belongs to the first match (in offset order) that covers it.
    std::vector<int> owner(text.size(), 0);
    if (matches.is_array()) {
        for (const auto& m : matches) {
            MatchView v;
            v.number = static_cast<int>(out.matches.size()) + 1;
            v.kind = m.value("kind", "borrowing");
            v.doc = m.value("doc", std::int64_t{0});
            v.source_number = source_number.contains(v.doc) ? source_number[v.doc] : 0;
            v.transliterated = m.value("transliterated", false);
            const auto offset = m.value("offset", std::uint32_t{0});
            const auto length = m.value("length", std::uint32_t{0});
            v.passage = Slice(text, offset, length);
            if (!hidden.contains(v.doc) && source_texts.contains(v.doc)) {
                v.source_passage = Slice(source_texts[v.doc], m.value("source_offset", std::uint32_t{0}),
                                         m.value("source_length", std::uint32_t{0}));
            }
            for (std::size_t p = offset; p < text.size() && p < std::size_t{offset} + length; ++p) {
                if (owner[p] == 0) owner[p] = v.number;
            }
            out.matches.push_back(std::move(v));
        }
    }
    for (std::size_t p = 0; p < text.size();) {
        std::size_t q = p;
        while (q < text.size() && owner[q] == owner[p]) ++q;
        Segment seg;
        seg.text = EncodeUtf8(std::u32string_view(text).substr(p, q - p));
        seg.match = owner[p];
        if (seg.match > 0) seg.kind = out.matches[static_cast<std::size_t>(seg.match - 1)].kind;
        out.segments.push_back(std::move(seg));
        p = q;
    }
    // The marker of a match follows its last run.
    std::set<int> seen;
    for (auto it = out.segments.rbegin(); it != out.segments.rend(); ++it) {
        if (it->match > 0 && seen.insert(it->match).second) it->last = true;
    }
    return out;
}

core::Result<std::string> ReportPdf(const ReportData& report, const web::Strings& strings,
                                    web::Language lang) {
    const auto w = [&](const std::string& key) { return Word(strings, lang, key); };
    namespace pdf = platform::pdf;
    pdf::Document doc;
    doc.title = w("pdf_title");
    doc.subtitle.push_back(report.check.title);
    doc.subtitle.push_back(w("created") + ": " + web::FormatDateTime(report.check.created_at, lang));
    doc.page_label = "{page} / {pages}";
    if (report.check.status != "done") {
        doc.Paragraph(w("status") + ": " +
                      strings.Get(lang, "integrity.check.status_" + report.check.status));
        if (!report.check.error_key.empty()) doc.Paragraph(strings.Get(lang, report.check.error_key));
    } else {
        doc.Paragraph(w("originality") + ": " + Percent(report.check.originality.value_or(1.0)) + " %");
    }
    if (!report.sources.empty()) {
        doc.Heading(w("sources_heading"));
        pdf::Table t;
        t.headers = {"№", w("source"), w("origin"), w("share")};
        t.widths = {0.6, 6, 2, 1.4};
        t.align = {pdf::Align::kRight, pdf::Align::kLeft, pdf::Align::kLeft, pdf::Align::kRight};
        for (const SourceView& s : report.sources) {
            std::string title = s.title.empty() ? w("anonymous_submission") : s.title;
            if (s.excluded) title += " (" + w("excluded") + ")";
            t.rows.push_back(
                {std::to_string(s.number), title, w("origin_" + s.origin), Percent(s.share) + " %"});
        }
        doc.AddTable(std::move(t));
    }
    doc.Heading(w("flags_heading"));
    if (report.flags.empty()) doc.Paragraph(w("flags_none"));
    for (const FlagView& f : report.flags) {
        doc.Paragraph(
            strings.Format(lang, "integrity.report.flag_" + f.kind, {{"count", std::to_string(f.count)}}));
    }
    if (!report.matches.empty()) {
        doc.Heading(w("matches_heading"));
        pdf::Table t;
        t.headers = {"№", w("kind"), w("passage"), w("source_passage")};
        t.widths = {0.6, 1.6, 4, 4};
        t.align = {pdf::Align::kRight};
        for (const MatchView& m : report.matches) {
            std::string source = m.source_passage.empty() ? w("passage_hidden") : m.source_passage;
            t.rows.push_back({std::to_string(m.number),
                              w("kind_" + m.kind) + " [" + std::to_string(m.source_number) + "]", m.passage,
                              source});
        }
        doc.AddTable(std::move(t));
    }
    if (!report.exclusions.empty()) {
        doc.Heading(w("exclusions_heading"));
        for (const Exclusion& e : report.exclusions) doc.Paragraph(e.title);
    }
    if (!report.decisions.empty()) {
        doc.Heading(w("decisions_heading"));
        for (const Decision& d : report.decisions) {
            doc.Paragraph(web::FormatDateTime(d.decided_at, lang) + " — " + w("decision_" + d.decision) +
                          " (" + d.decider + ")" + (d.comment.empty() ? "" : ": " + d.comment));
        }
    }
    if (report.text_available) {
        doc.Heading(w("text_heading"));
        std::string text;
        for (const Segment& s : report.segments) {
            if (s.match > 0) text += "[";
            text += s.text;
            if (s.match > 0) text += "]" + (s.last ? std::to_string(s.match) : std::string{});
        }
        // One paragraph per line of the work.
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t end = text.find('\n', start);
            std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (line.find_first_not_of(" \t\r") != std::string::npos) doc.Paragraph(std::move(line));
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
    auto bytes = pdf::Render(doc);
    if (!bytes) {
        return core::MakeError(core::ErrorCode::kUnavailable, "integrity.report.pdf_unavailable",
                               bytes.error().detail);
    }
    return bytes;
}

}  // namespace oqu::integrity::detail
