#include "assessment/bank.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "assessment/moodle_xml.hpp"
#include "courses/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"

namespace oqu::assessment {
namespace {

namespace db = platform::db;
using db::Row;
using db::Session;

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxText = 20000;

core::Error NotFound(std::string detail) {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", std::move(detail));
}

core::Error Invalid(std::string key, std::string field) {
    return core::MakeError(core::ErrorCode::kInvalidInput, std::move(key), std::move(field));
}

std::string Trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    std::int64_t v = 0;
    const auto t = Trim(text);
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size() || v <= 0) return std::nullopt;
    return v;
}

std::optional<double> ParseNumber(std::string_view text) {
    std::string t = Trim(text);
    std::replace(t.begin(), t.end(), ',', '.');
    if (t.empty()) return std::nullopt;
    double v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// The audit act of one change, in its transaction (R-D6 footprint too).
void Record(Session& session, const platform::auth::Principal& actor, const BankChange& change,
            std::string_view action, std::string_view object_type, std::int64_t object_id,
            const nlohmann::json& detail) {
    platform::audit::AuditEntry entry;
    entry.at = change.now;
    entry.actor_user_id = actor.user_id;
    entry.actor_login = actor.login;
    entry.action = std::string(action);
    entry.object_type = std::string(object_type);
    entry.object_id = std::to_string(object_id);
    entry.detail_json = detail.dump();
    entry.address = change.address;
    platform::audit::RecordAct(session, entry);
}

core::Result<BankRights> Need(const platform::auth::Principal& actor, db::Database& database,
                              std::int64_t course_id, bool edit) {
    auto rights = RightsOn(actor, database, course_id);
    if (!rights) return rights.error();
    if (edit && !rights->edit) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course");
    }
    return rights;
}

struct CategoryRow {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent;
    std::string name;
    int position = 0;
};

std::vector<CategoryRow> CategoryRows(Session& session, std::int64_t course_id) {
    std::vector<CategoryRow> out;
    for (const Row& r : session.Query("SELECT id, parent_id, name, position FROM assessment_category "
                                      "WHERE course_id = ? ORDER BY position, name, id",
                                      {course_id})) {
        out.push_back({r.Int(0), r.OptInt(1), r.Text(2), static_cast<int>(r.Int(3))});
    }
    return out;
}

// Tree order with paths and depths.
std::vector<Category> Tree(Session& session, std::int64_t course_id) {
    const auto rows = CategoryRows(session, course_id);
    std::map<std::int64_t, int> counts, children, rules;
    for (const Row& r :
         session.Query("SELECT category_id, COUNT(*) FROM assessment_question WHERE course_id = ? "
                       "AND retired = 0 GROUP BY category_id",
                       {course_id})) {
        counts[r.Int(0)] = static_cast<int>(r.Int(1));
    }
    for (const Row& r :
         session.Query("SELECT category_id, COUNT(*) FROM assessment_question WHERE course_id = ? "
                       "GROUP BY category_id",
                       {course_id})) {
        rules[r.Int(0)] += static_cast<int>(r.Int(1));
    }
    for (const Row& r : session.Query("SELECT r.category_id, COUNT(*) FROM assessment_quiz_rule r JOIN "
                                      "assessment_quiz q ON q.id = r.quiz_id WHERE q.course_id = ? AND "
                                      "r.category_id IS NOT NULL GROUP BY r.category_id",
                                      {course_id})) {
        rules[r.Int(0)] += static_cast<int>(r.Int(1));
    }
    for (const auto& c : rows) {
        if (c.parent) ++children[*c.parent];
    }
    std::vector<Category> out;
    const auto walk = [&](const auto& self, std::optional<std::int64_t> parent, const std::string& prefix,
                          int depth) -> void {
        if (depth > 32) return;
        for (const auto& c : rows) {
            if (c.parent != parent) continue;
            Category cat;
            cat.id = c.id;
            cat.parent_id = c.parent;
            cat.name = c.name;
            cat.path = prefix.empty() ? c.name : prefix + " / " + c.name;
            cat.depth = depth;
            cat.questions = counts[c.id];
            cat.removable = rules[c.id] == 0 && children[c.id] == 0;
            out.push_back(cat);
            self(self, c.id, cat.path, depth + 1);
        }
    };
    walk(walk, std::nullopt, "", 0);
    return out;
}

bool CategoryOfCourse(Session& session, std::int64_t course_id, std::int64_t category_id) {
    return !session
                .Query("SELECT 1 FROM assessment_category WHERE id = ? AND course_id = ?",
                       {category_id, course_id})
                .empty();
}

bool SiblingNamed(Session& session, std::int64_t course_id, std::optional<std::int64_t> parent,
                  const std::string& name, std::int64_t except) {
    const auto rows =
        parent ? session.Query(
                     "SELECT id FROM assessment_category WHERE course_id = ? AND parent_id = ? AND "
                     "name = ? AND id <> ?",
                     {course_id, *parent, name, except})
               : session.Query(
                     "SELECT id FROM assessment_category WHERE course_id = ? AND parent_id IS NULL "
                     "AND name = ? AND id <> ?",
                     {course_id, name, except});
    return !rows.empty();
}

std::int64_t InsertCategory(Session& session, std::int64_t course_id, std::optional<std::int64_t> parent,
                            const std::string& name) {
    const auto next = session
                          .Query(
                              "SELECT COALESCE(MAX(position), 0) + 1 FROM assessment_category WHERE "
                              "course_id = ?",
                              {course_id})[0]
                          .Int(0);
    return session
        .Query(
            "INSERT INTO assessment_category (course_id, name, parent_id, position) VALUES (?, ?, ?, ?) "
            "RETURNING id",
            {course_id, name, parent ? db::Value(*parent) : db::Value(), next})[0]
        .Int(0);
}

std::string PathOf(const std::vector<Category>& tree, std::int64_t id) {
    for (const auto& c : tree) {
        if (c.id == id) return c.path;
    }
    return {};
}

bool LooksBlank(const AnswerDraft& a) {
    return Trim(a.text).empty() && Trim(a.match).empty() && Trim(a.fraction).empty() &&
           Trim(a.tolerance).empty() && Trim(a.feedback).empty();
}

std::string_view Typed(const Question& q) {
    return TypeName(q.type);
}

std::int64_t Micros(core::Instant t) {
    return core::ToMicros(t);
}

}  // namespace

core::Result<BankRights> RightsOn(const platform::auth::Principal& actor, db::Database& database,
                                  std::int64_t course_id) {
    auto access = courses::AccessTo(actor, database, course_id);
    if (!access) return access.error();
    BankRights rights;
    rights.edit = access->edit;
    rights.accommodate = access->edit || access->manage;
    rights.grade = access->edit || access->manage;  // As CanGrade (attempt_service.cpp).
    // Staff who see the course (courses:view) read; a student of it does not see the bank.
    rights.read = access->edit || access->manage || !access->study;
    if (!rights.read) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "a student of the course");
    }
    return rights;
}

// --- categories ---------------------------------------------------------------------------------

core::Result<std::vector<Category>> ListCategories(const platform::auth::Principal& actor,
                                                   db::Database& database, std::int64_t course_id) {
    if (auto ok = Need(actor, database, course_id, false); !ok) return ok.error();
    return database.Read([&](Session& session) { return Tree(session, course_id); });
}

core::Result<std::int64_t> AddCategory(const platform::auth::Principal& actor, const BankChange& change,
                                       std::int64_t course_id, std::string_view name,
                                       std::string_view parent) {
    if (auto ok = Need(actor, change.db, course_id, true); !ok) return ok.error();
    const std::string clean = Trim(name);
    if (clean.empty() || clean.size() > kMaxName || clean.find('/') != std::string::npos) {
        return Invalid("assessment.bank.name_required", "name");
    }
    std::optional<std::int64_t> parent_id;
    if (!Trim(parent).empty()) {
        parent_id = ParseId(parent);
        if (!parent_id) return Invalid("assessment.bank.category_invalid", "parent");
    }
    return change.db.Transact([&](Session& session) -> core::Result<std::int64_t> {
        if (parent_id && !CategoryOfCourse(session, course_id, *parent_id)) {
            return Invalid("assessment.bank.category_invalid", "parent");
        }
        if (SiblingNamed(session, course_id, parent_id, clean, 0)) {
            return core::MakeError(core::ErrorCode::kConflict, "assessment.bank.category_exists", "name");
        }
        const std::int64_t id = InsertCategory(session, course_id, parent_id, clean);
        Record(session, actor, change, "assessment.category_added", "assessment_category", id,
               {{"course_id", course_id}, {"name", clean}});
        return id;
    });
}

core::Status RenameCategory(const platform::auth::Principal& actor, const BankChange& change,
                            std::int64_t course_id, std::int64_t category_id, std::string_view name) {
    if (auto ok = Need(actor, change.db, course_id, true); !ok) return ok.error();
    const std::string clean = Trim(name);
    if (clean.empty() || clean.size() > kMaxName || clean.find('/') != std::string::npos) {
        return Invalid("assessment.bank.name_required", "name");
    }
    return change.db.Transact([&](Session& session) -> core::Status {
        auto rows = session.Query("SELECT parent_id FROM assessment_category WHERE id = ? AND course_id = ?",
                                  {category_id, course_id});
        if (rows.empty()) return NotFound("no such category");
        if (SiblingNamed(session, course_id, rows[0].OptInt(0), clean, category_id)) {
            return core::MakeError(core::ErrorCode::kConflict, "assessment.bank.category_exists", "name");
        }
        session.Exec("UPDATE assessment_category SET name = ? WHERE id = ?", {clean, category_id});
        Record(session, actor, change, "assessment.category_renamed", "assessment_category", category_id,
               {{"course_id", course_id}, {"name", clean}});
        return core::OkStatus();
    });
}

core::Status RemoveCategory(const platform::auth::Principal& actor, const BankChange& change,
                            std::int64_t course_id, std::int64_t category_id) {
    if (auto ok = Need(actor, change.db, course_id, true); !ok) return ok.error();
    return change.db.Transact([&](Session& session) -> core::Status {
        if (!CategoryOfCourse(session, course_id, category_id)) return NotFound("no such category");
        const auto used = session
                              .Query(
                                  "SELECT (SELECT COUNT(*) FROM assessment_question WHERE category_id = ?) + "
                                  "(SELECT COUNT(*) FROM assessment_category WHERE parent_id = ?) + "
                                  "(SELECT COUNT(*) FROM assessment_quiz_rule WHERE category_id = ?)",
                                  {category_id, category_id, category_id})[0]
                              .Int(0);
        if (used > 0) {
            return core::MakeError(core::ErrorCode::kConflict, "assessment.bank.category_not_empty",
                                   "category has questions, sub-categories or quiz rules");
        }
        session.Exec("DELETE FROM assessment_category WHERE id = ?", {category_id});
        Record(session, actor, change, "assessment.category_removed", "assessment_category", category_id,
               {{"course_id", course_id}});
        return core::OkStatus();
    });
}

// --- questions ----------------------------------------------------------------------------------

BuiltQuestion BuildQuestion(const QuestionDraft& draft) {
    BuiltQuestion out;
    Question& q = out.question;
    const auto type = ParseTypeName(draft.type);
    if (!type) {
        out.issues.push_back({"type", "assessment.bank.type_invalid", {}});
        return out;
    }
    q.type = *type;
    q.name = Trim(draft.name);
    q.text = draft.text;
    q.feedback = draft.feedback;
    q.format = draft.format == "html"       ? TextFormat::kHtml
               : draft.format == "markdown" ? TextFormat::kMarkdown
                                            : TextFormat::kPlain;
    if (q.name.size() > kMaxName) out.issues.push_back({"name", "assessment.bank.name_too_long", {}});
    if (q.text.size() > kMaxText) out.issues.push_back({"text", "assessment.bank.text_too_long", {}});
    if (q.type == QuestionType::kTrueFalse) {
        if (draft.right != "true" && draft.right != "false") {
            out.issues.push_back({"right", "assessment.bank.right_required", {}});
        }
        q.answers.push_back({.text = "true", .fraction = draft.right == "true" ? 1.0 : 0.0});
        q.answers.push_back({.text = "false", .fraction = draft.right == "false" ? 1.0 : 0.0});
    } else if (q.type != QuestionType::kEssay) {
        int row = 0;
        for (const AnswerDraft& a : draft.answers) {
            ++row;
            if (LooksBlank(a)) continue;
            Answer answer;
            answer.text = Trim(a.text);
            answer.match = Trim(a.match);
            answer.feedback = Trim(a.feedback);
            const std::string where = "answer " + std::to_string(row);
            if (q.type == QuestionType::kSingleChoice || q.type == QuestionType::kMultipleChoice) {
                const auto percent =
                    Trim(a.fraction).empty() ? std::optional<double>(0.0) : ParseNumber(a.fraction);
                if (!percent || *percent < -100.0 || *percent > 100.0) {
                    out.issues.push_back({where, "assessment.import.bad_fraction", {}});
                } else if (*percent < 0) {
                    answer.penalty = -*percent / 100.0;
                } else {
                    answer.fraction = *percent / 100.0;
                }
            } else {
                // Matching, ordering, short answer and numerical: every row is a right one.
                answer.fraction = 1.0;
                if ((q.type == QuestionType::kShortAnswer || q.type == QuestionType::kNumerical) &&
                    !Trim(a.fraction).empty()) {
                    const auto percent = ParseNumber(a.fraction);
                    if (!percent || *percent < 0.0 || *percent > 100.0) {
                        out.issues.push_back({where, "assessment.import.bad_fraction", {}});
                    } else {
                        answer.fraction = *percent / 100.0;
                    }
                }
            }
            if (q.type == QuestionType::kNumerical) {
                if (!ParseNumber(answer.text)) {
                    out.issues.push_back({where, "assessment.import.not_a_number", {}});
                }
                if (!Trim(a.tolerance).empty()) {
                    const auto tolerance = ParseNumber(a.tolerance);
                    if (!tolerance || *tolerance < 0) {
                        out.issues.push_back({where, "assessment.import.not_a_number", {}});
                    } else {
                        answer.tolerance = *tolerance;
                    }
                }
            }
            q.answers.push_back(std::move(answer));
        }
        if (q.type == QuestionType::kShortAnswer || q.type == QuestionType::kNumerical ||
            q.type == QuestionType::kOrdering) {
            if (q.answers.empty()) out.issues.push_back({"answers", "assessment.bank.answers_required", {}});
        }
    }
    std::vector<Issue> domain;
    ValidateQuestions({q}, domain);
    for (Issue& issue : domain) out.issues.push_back(std::move(issue));
    return out;
}

core::Result<std::vector<BankQuestion>> ListQuestions(const platform::auth::Principal& actor,
                                                      db::Database& database, std::int64_t course_id,
                                                      std::optional<std::int64_t> category_id,
                                                      bool with_retired) {
    if (auto ok = Need(actor, database, course_id, false); !ok) return ok.error();
    return database.Read([&](Session& session) {
        const auto tree = Tree(session, course_id);
        std::vector<std::int64_t> ids;
        const std::string sql = std::string("SELECT id FROM assessment_question WHERE course_id = ?") +
                                (category_id ? " AND category_id = ?" : "") +
                                (with_retired ? "" : " AND retired = 0") + " ORDER BY id";
        db::Params params{course_id};
        if (category_id) params.emplace_back(*category_id);
        for (const Row& r : session.Query(sql, params)) ids.push_back(r.Int(0));
        std::vector<BankQuestion> out;
        for (auto& s : LoadQuestions(session, course_id, ids)) {
            BankQuestion b{std::move(s), {}};
            b.category_path = PathOf(tree, b.stored.category_id);
            out.push_back(std::move(b));
        }
        return out;
    });
}

core::Result<BankQuestion> FindQuestion(const platform::auth::Principal& actor, db::Database& database,
                                        std::int64_t course_id, std::int64_t question_id) {
    if (auto ok = Need(actor, database, course_id, false); !ok) return ok.error();
    return database.Read([&](Session& session) -> core::Result<BankQuestion> {
        const std::int64_t ids[] = {question_id};
        auto found = LoadQuestions(session, course_id, ids);
        if (found.empty()) return NotFound("no such question");
        BankQuestion b{std::move(found[0]), {}};
        b.category_path = PathOf(Tree(session, course_id), b.stored.category_id);
        return b;
    });
}

core::Result<std::int64_t> AddQuestion(const platform::auth::Principal& actor, const BankChange& change,
                                       std::int64_t course_id, std::int64_t category_id,
                                       const QuestionDraft& draft) {
    if (auto ok = Need(actor, change.db, course_id, true); !ok) return ok.error();
    auto built = BuildQuestion(draft);
    if (!built.issues.empty()) return Invalid(built.issues[0].key, built.issues[0].where);
    return change.db.Transact([&](Session& session) -> core::Result<std::int64_t> {
        if (!CategoryOfCourse(session, course_id, category_id)) {
            return Invalid("assessment.bank.category_invalid", "category");
        }
        const Question& q = built.question;
        const std::int64_t id =
            session
                .Query(
                    "INSERT INTO assessment_question (course_id, category_id, type, name, body, version, "
                    "retired, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, ?, ?, ?) "
                    "RETURNING id",
                    {course_id, category_id, std::string(Typed(q)), q.name, QuestionJson(q), actor.user_id,
                     Micros(change.now), Micros(change.now)})[0]
                .Int(0);
        Record(session, actor, change, "assessment.question_added", "assessment_question", id,
               {{"course_id", course_id}, {"type", Typed(q)}});
        return id;
    });
}

core::Status EditQuestion(const platform::auth::Principal& actor, const BankChange& change,
                          std::int64_t course_id, std::int64_t question_id, const QuestionDraft& draft) {
    if (auto ok = Need(actor, change.db, course_id, true); !ok) return ok.error();
    return change.db.Transact([&](Session& session) -> core::Status {
        auto rows =
            session.Query("SELECT type, version FROM assessment_question WHERE id = ? AND course_id = ?",
                          {question_id, course_id});
        if (rows.empty()) return NotFound("no such question");
        QuestionDraft typed = draft;
        typed.type = rows[0].Text(0);
        auto built = BuildQuestion(typed);
        if (!built.issues.empty()) return Invalid(built.issues[0].key, built.issues[0].where);
        const std::int64_t version = rows[0].Int(1) + 1;
        session.Exec(
            "UPDATE assessment_question SET name = ?, body = ?, version = ?, updated_at = ? WHERE id = ?",
            {built.question.name, QuestionJson(built.question), version, Micros(change.now), question_id});
        Record(session, actor, change, "assessment.question_edited", "assessment_question", question_id,
               {{"course_id", course_id}, {"version", version}});
        return core::OkStatus();
    });
}

core::Status RetireQuestion(const platform::auth::Principal& actor, const BankChange& change,
                            std::int64_t course_id, std::int64_t question_id, bool retired) {
    if (auto ok = Need(actor, change.db, course_id, true); !ok) return ok.error();
    return change.db.Transact([&](Session& session) -> core::Status {
        const auto n = session.Exec(
            "UPDATE assessment_question SET retired = ?, updated_at = ? WHERE id = ? AND "
            "course_id = ?",
            {std::int64_t{retired ? 1 : 0}, Micros(change.now), question_id, course_id});
        if (n == 0) return NotFound("no such question");
        Record(session, actor, change,
               retired ? "assessment.question_retired" : "assessment.question_restored",
               "assessment_question", question_id, {{"course_id", course_id}});
        return core::OkStatus();
    });
}

core::Status MoveQuestion(const platform::auth::Principal& actor, const BankChange& change,
                          std::int64_t course_id, std::int64_t question_id, std::int64_t category_id) {
    if (auto ok = Need(actor, change.db, course_id, true); !ok) return ok.error();
    return change.db.Transact([&](Session& session) -> core::Status {
        if (!CategoryOfCourse(session, course_id, category_id)) {
            return Invalid("assessment.bank.category_invalid", "category");
        }
        const auto n = session.Exec(
            "UPDATE assessment_question SET category_id = ?, updated_at = ? WHERE id = ? "
            "AND course_id = ?",
            {category_id, Micros(change.now), question_id, course_id});
        if (n == 0) return NotFound("no such question");
        Record(session, actor, change, "assessment.question_moved", "assessment_question", question_id,
               {{"course_id", course_id}, {"category_id", category_id}});
        return core::OkStatus();
    });
}

// --- import and export --------------------------------------------------------------------------

core::Result<int> CommitImport(const platform::auth::Principal& actor, const BankChange& change,
                               std::int64_t course_id, std::int64_t category_id, const ImportResult& result) {
    if (auto ok = Need(actor, change.db, course_id, true); !ok) return ok.error();
    if (!result.parsed.issues.empty()) return Invalid("assessment.bank.import_has_errors", "file");
    if (result.parsed.questions.empty()) return Invalid("assessment.import.no_questions", "file");
    return change.db.Transact([&](Session& session) -> core::Result<int> {
        if (!CategoryOfCourse(session, course_id, category_id)) {
            return Invalid("assessment.bank.category_invalid", "category");
        }
        std::map<std::string, std::int64_t> made{{"", category_id}};
        const auto category_for = [&](const std::string& path) {
            if (auto it = made.find(path); it != made.end()) return it->second;
            std::int64_t parent = category_id;
            std::string so_far;
            std::size_t start = 0;
            while (start <= path.size()) {
                auto end = path.find('/', start);
                if (end == std::string::npos) end = path.size();
                std::string part = Trim(std::string_view(path).substr(start, end - start));
                start = end + 1;
                if (part.empty()) continue;
                if (part.size() > kMaxName) part.resize(kMaxName);
                so_far += "/" + part;
                if (auto it = made.find(so_far); it != made.end()) {
                    parent = it->second;
                    continue;
                }
                auto rows = session.Query(
                    "SELECT id FROM assessment_category WHERE course_id = ? AND parent_id = ? "
                    "AND name = ?",
                    {course_id, parent, part});
                parent = rows.empty() ? InsertCategory(session, course_id, parent, part) : rows[0].Int(0);
                made[so_far] = parent;
            }
            made[path] = parent;
            return parent;
        };
        int saved = 0;
        for (const Question& q : result.parsed.questions) {
            const std::int64_t target = category_for(q.category);
            session.Exec(
                "INSERT INTO assessment_question (course_id, category_id, type, name, body, version, "
                "retired, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, ?, ?, ?)",
                {course_id, target, std::string(Typed(q)), q.name.substr(0, kMaxName), QuestionJson(q),
                 actor.user_id, Micros(change.now), Micros(change.now)});
            ++saved;
        }
        Record(session, actor, change, "assessment.questions_imported", "courses_course", course_id,
               {{"category_id", category_id},
                {"format", ImportFormatName(result.format)},
                {"questions", saved}});
        return saved;
    });
}

core::Result<std::string> ExportBank(const platform::auth::Principal& actor, db::Database& database,
                                     std::int64_t course_id, std::optional<std::int64_t> category_id) {
    if (auto ok = Need(actor, database, course_id, false); !ok) return ok.error();
    return database.Read([&](Session& session) -> core::Result<std::string> {
        const auto tree = Tree(session, course_id);
        std::set<std::int64_t> chosen;
        std::string base;
        if (category_id) {
            const auto root = std::find_if(tree.begin(), tree.end(),
                                           [&](const Category& c) { return c.id == *category_id; });
            if (root == tree.end()) return NotFound("no such category");
            base = root->path;
            chosen.insert(root->id);
            for (const auto& c : tree) {
                if (c.path.starts_with(base + " / ")) chosen.insert(c.id);
            }
        }
        std::vector<Question> out;
        for (const auto& c : tree) {
            if (category_id && !chosen.contains(c.id)) continue;
            // Moodle paths use "/" between levels.
            const std::string& path = c.path;
            std::string slash;
            for (std::size_t i = 0; i < path.size(); ++i) {
                if (path.compare(i, 3, " / ") == 0) {
                    slash += '/';
                    i += 2;
                } else {
                    slash += path[i];
                }
            }
            for (auto& s : CategoryQuestions(session, c.id)) {
                s.question.category = slash;
                out.push_back(std::move(s.question));
            }
        }
        return ToMoodleXml(out);
    });
}

}  // namespace oqu::assessment
