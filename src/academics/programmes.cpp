// Use cases of educational programmes.
#include "academics/api.hpp"
#include "academics/permissions.hpp"
#include "academics/store.hpp"
#include "academics/support.hpp"

namespace oqu::academics {

namespace auth = platform::auth;
namespace db = platform::db;

core::Result<std::vector<Programme>> ListProgrammes(const auth::Principal& actor, db::Database& database,
                                                    std::optional<FacultyId> faculty,
                                                    const PageRequest& page) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    const Visibility visibility = detail::VisibleTo(actor, kViewStructure);
    return database.Read([&](db::Session& s) { return Store(s).ListProgrammes(visibility, faculty, page); });
}

namespace {

core::Result<Programme> Visible(const auth::Principal& actor, std::optional<Programme> programme,
                                const std::string& what) {
    if (!programme) return detail::NotFound("no programme " + what);
    if (auto ok = auth::Require(actor, kViewStructure, ScopePath(*programme)); !ok) return ok.error();
    return *programme;
}

// The checks that need the database: the group row of the classifier (R-D7) and the
// department's faculty. Adds field errors.
void CheckReferences(Store& store, const ProgrammeSpec& spec, FieldErrors& errors) {
    if (auto group = store.FindDirection(spec.direction_code)) {
        CheckProgrammeGroup(spec.level, group->row_type, group->level, errors);
    } else {
        errors.push_back({"direction_code", "academics.direction_unknown", {}});
    }
    if (spec.department_id) {
        auto department = store.FindDepartment(*spec.department_id);
        if (!department || department->faculty_id != spec.faculty_id) {
            errors.push_back({"department_id", "academics.department_other_faculty", {}});
        }
    }
}

// The faculty a programme is put in must be one the actor sees and may fill.
core::Status RequireProgrammeFaculty(const auth::Principal& actor, db::Database& database,
                                     FacultyId faculty) {
    if (auto seen = FindFaculty(actor, database, faculty); !seen) {
        return InvalidFields({{"faculty_id", "academics.faculty_unknown", {}}});
    }
    return auth::Require(actor, kEditProgramme, detail::FacultyPath(faculty));
}

}  // namespace

core::Result<Programme> FindProgramme(const auth::Principal& actor, db::Database& database, ProgrammeId id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    return Visible(actor, database.Read([&](db::Session& s) { return Store(s).FindProgramme(id); }),
                   std::to_string(id.value));
}

core::Result<Programme> FindProgrammeByCode(const auth::Principal& actor, db::Database& database,
                                            std::string_view code) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    return Visible(actor, database.Read([&](db::Session& s) { return Store(s).FindProgrammeByCode(code); }),
                   std::string(code));
}

core::Result<ProgrammeId> CreateProgramme(const auth::Principal& actor, const Change& change,
                                          const ProgrammeDraft& draft) {
    if (auto ok = detail::RequireSomewhere(actor, kEditProgramme); !ok) return ok.error();
    auto spec = CheckProgramme(draft);
    if (!spec) return spec.error();
    if (auto ok = RequireProgrammeFaculty(actor, change.db, spec->faculty_id); !ok) return ok.error();
    return detail::Guarded(
        [&]() -> core::Result<ProgrammeId> {
            return change.db.Transact([&](db::Session& s) -> core::Result<ProgrammeId> {
                Store store(s);
                FieldErrors errors;
                CheckReferences(store, *spec, errors);
                if (!errors.empty()) return InvalidFields(errors, "R-D7");
                const ProgrammeId id = store.InsertProgramme(*spec, change.now);
                detail::RecordChange(
                    s, actor, change, "academics.create_programme", "programme", std::to_string(id.value),
                    detail::ChangeDetail("null", detail::JsonText(*store.FindProgramme(id))));
                return id;
            });
        },
        "code", "academics.code_taken");
}

core::Status UpdateProgramme(const auth::Principal& actor, const Change& change, ProgrammeId id,
                             const ProgrammeDraft& draft) {
    auto current = FindProgramme(actor, change.db, id);
    if (!current) return current.error();
    if (auto ok = auth::Require(actor, kEditProgramme, ScopePath(*current)); !ok) return ok.error();
    auto spec = CheckProgramme(draft);
    if (!spec) return spec.error();
    if (spec->faculty_id != current->faculty_id) {
        if (auto ok = RequireProgrammeFaculty(actor, change.db, spec->faculty_id); !ok) return ok.error();
    }
    return detail::Guarded(
        [&]() -> core::Status {
            return change.db.Transact([&](db::Session& s) -> core::Status {
                Store store(s);
                auto before = store.FindProgramme(id);
                if (!before) return detail::NotFound("programme vanished");
                FieldErrors errors;
                CheckReferences(store, *spec, errors);
                if (!errors.empty()) return InvalidFields(errors, "R-D7");
                store.UpdateProgramme(id, *spec, change.now);
                detail::RecordChange(s, actor, change, "academics.update_programme", "programme",
                                     std::to_string(id.value),
                                     detail::ChangeDetail(detail::JsonText(*before),
                                                          detail::JsonText(*store.FindProgramme(id))));
                return core::OkStatus();
            });
        },
        "code", "academics.code_taken");
}

core::Status DeleteProgramme(const auth::Principal& actor, const Change& change, ProgrammeId id) {
    auto current = FindProgramme(actor, change.db, id);
    if (!current) return current.error();
    if (auto ok = auth::Require(actor, kEditProgramme, ScopePath(*current)); !ok) return ok.error();
    return detail::Guarded(
        [&]() -> core::Status {
            return change.db.Transact([&](db::Session& s) -> core::Status {
                Store store(s);
                auto before = store.FindProgramme(id);
                if (!before) return detail::NotFound("programme vanished");
                if (!store.ListCurricula(id).empty()) {
                    return core::MakeError(core::ErrorCode::kConflict, "academics.programme_has_curricula",
                                           "programme has curricula");
                }
                store.DeleteProgramme(id);
                detail::RecordChange(s, actor, change, "academics.delete_programme", "programme",
                                     std::to_string(id.value),
                                     detail::ChangeDetail(detail::JsonText(*before), "null"));
                return core::OkStatus();
            });
        },
        "code", "academics.code_taken");
}

}  // namespace oqu::academics
