// Use cases of faculties and departments.
#include "academics/api.hpp"
#include "academics/permissions.hpp"
#include "academics/store.hpp"
#include "academics/support.hpp"

namespace oqu::academics {

namespace auth = platform::auth;
namespace db = platform::db;
using detail::FacultyPath;

core::Result<std::vector<Faculty>> ListFaculties(const auth::Principal& actor, db::Database& database,
                                                 const PageRequest& page) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    const Visibility visibility = detail::VisibleTo(actor, kViewStructure);
    return database.Read([&](db::Session& s) { return Store(s).ListFaculties(visibility, page); });
}

core::Result<Faculty> FindFaculty(const auth::Principal& actor, db::Database& database, FacultyId id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    auto faculty = database.Read([&](db::Session& s) { return Store(s).FindFaculty(id); });
    if (!faculty) return detail::NotFound("no faculty " + std::to_string(id.value));
    if (auto ok = auth::Require(actor, kViewStructure, FacultyPath(id)); !ok) return ok.error();
    return *faculty;
}

core::Result<FacultyId> CreateFaculty(const auth::Principal& actor, const Change& change,
                                      const FacultyDraft& draft) {
    if (auto ok = auth::Require(actor, kEditStructure); !ok) return ok.error();
    auto spec = CheckFaculty(draft);
    if (!spec) return spec.error();
    return detail::Guarded(
        [&]() -> core::Result<FacultyId> {
            return change.db.Transact([&](db::Session& s) {
                Store store(s);
                const FacultyId id = store.InsertFaculty(*spec, change.now);
                detail::RecordChange(s, actor, change, "academics.create_faculty", "faculty",
                                     std::to_string(id.value),
                                     detail::ChangeDetail("null", detail::JsonText(*store.FindFaculty(id))));
                return id;
            });
        },
        "code", "academics.code_taken");
}

core::Status UpdateFaculty(const auth::Principal& actor, const Change& change, FacultyId id,
                           const FacultyDraft& draft) {
    if (auto seen = FindFaculty(actor, change.db, id); !seen) return seen.error();
    if (auto ok = auth::Require(actor, kEditStructure, FacultyPath(id)); !ok) return ok.error();
    auto spec = CheckFaculty(draft);
    if (!spec) return spec.error();
    return detail::Guarded(
        [&]() -> core::Status {
            return change.db.Transact([&](db::Session& s) -> core::Status {
                Store store(s);
                auto before = store.FindFaculty(id);
                if (!before) return detail::NotFound("faculty vanished");
                store.UpdateFaculty(id, *spec, change.now);
                detail::RecordChange(s, actor, change, "academics.update_faculty", "faculty",
                                     std::to_string(id.value),
                                     detail::ChangeDetail(detail::JsonText(*before),
                                                          detail::JsonText(*store.FindFaculty(id))));
                return core::OkStatus();
            });
        },
        "code", "academics.code_taken");
}

core::Status DeleteFaculty(const auth::Principal& actor, const Change& change, FacultyId id) {
    if (auto seen = FindFaculty(actor, change.db, id); !seen) return seen.error();
    if (auto ok = auth::Require(actor, kEditStructure, FacultyPath(id)); !ok) return ok.error();
    return detail::Guarded(
        [&]() -> core::Status {
            return change.db.Transact([&](db::Session& s) -> core::Status {
                Store store(s);
                auto before = store.FindFaculty(id);
                if (!before) return detail::NotFound("faculty vanished");
                if (before->departments > 0 || before->programmes > 0) {
                    return core::MakeError(core::ErrorCode::kConflict, "academics.faculty_not_empty",
                                           "faculty has departments or programmes");
                }
                store.DeleteFaculty(id);
                detail::RecordChange(s, actor, change, "academics.delete_faculty", "faculty",
                                     std::to_string(id.value),
                                     detail::ChangeDetail(detail::JsonText(*before), "null"));
                return core::OkStatus();
            });
        },
        "code", "academics.code_taken");
}

core::Result<std::vector<Department>> ListDepartments(const auth::Principal& actor, db::Database& database,
                                                      std::optional<FacultyId> faculty,
                                                      const PageRequest& page) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    const Visibility visibility = detail::VisibleTo(actor, kViewStructure);
    return database.Read([&](db::Session& s) { return Store(s).ListDepartments(visibility, faculty, page); });
}

core::Result<Department> FindDepartment(const auth::Principal& actor, db::Database& database,
                                        DepartmentId id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    auto department = database.Read([&](db::Session& s) { return Store(s).FindDepartment(id); });
    if (!department) return detail::NotFound("no department " + std::to_string(id.value));
    if (auto ok = auth::Require(actor, kViewStructure, FacultyPath(department->faculty_id)); !ok) {
        return ok.error();
    }
    return *department;
}

namespace {

// The new faculty of a department must exist and be the actor's to edit.
core::Status RequireDepartmentFaculty(const auth::Principal& actor, db::Database& database,
                                      FacultyId faculty) {
    if (auto seen = FindFaculty(actor, database, faculty); !seen) {
        return InvalidFields({{"faculty_id", "academics.faculty_unknown", {}}});
    }
    return auth::Require(actor, kEditStructure, FacultyPath(faculty));
}

}  // namespace

core::Result<DepartmentId> CreateDepartment(const auth::Principal& actor, const Change& change,
                                            const DepartmentDraft& draft) {
    if (auto ok = detail::RequireSomewhere(actor, kEditStructure); !ok) return ok.error();
    auto spec = CheckDepartment(draft);
    if (!spec) return spec.error();
    if (auto ok = RequireDepartmentFaculty(actor, change.db, spec->faculty_id); !ok) return ok.error();
    return detail::Guarded(
        [&]() -> core::Result<DepartmentId> {
            return change.db.Transact([&](db::Session& s) {
                Store store(s);
                const DepartmentId id = store.InsertDepartment(*spec, change.now);
                detail::RecordChange(
                    s, actor, change, "academics.create_department", "department", std::to_string(id.value),
                    detail::ChangeDetail("null", detail::JsonText(*store.FindDepartment(id))));
                return id;
            });
        },
        "code", "academics.code_taken");
}

core::Status UpdateDepartment(const auth::Principal& actor, const Change& change, DepartmentId id,
                              const DepartmentDraft& draft) {
    auto current = FindDepartment(actor, change.db, id);
    if (!current) return current.error();
    if (auto ok = auth::Require(actor, kEditStructure, FacultyPath(current->faculty_id)); !ok) {
        return ok.error();
    }
    auto spec = CheckDepartment(draft);
    if (!spec) return spec.error();
    if (spec->faculty_id != current->faculty_id) {
        if (auto ok = RequireDepartmentFaculty(actor, change.db, spec->faculty_id); !ok) return ok.error();
    }
    return detail::Guarded(
        [&]() -> core::Status {
            return change.db.Transact([&](db::Session& s) -> core::Status {
                Store store(s);
                auto before = store.FindDepartment(id);
                if (!before) return detail::NotFound("department vanished");
                store.UpdateDepartment(id, *spec, change.now);
                detail::RecordChange(s, actor, change, "academics.update_department", "department",
                                     std::to_string(id.value),
                                     detail::ChangeDetail(detail::JsonText(*before),
                                                          detail::JsonText(*store.FindDepartment(id))));
                return core::OkStatus();
            });
        },
        "code", "academics.code_taken");
}

core::Status DeleteDepartment(const auth::Principal& actor, const Change& change, DepartmentId id) {
    auto current = FindDepartment(actor, change.db, id);
    if (!current) return current.error();
    if (auto ok = auth::Require(actor, kEditStructure, FacultyPath(current->faculty_id)); !ok) {
        return ok.error();
    }
    return detail::Guarded(
        [&]() -> core::Status {
            return change.db.Transact([&](db::Session& s) -> core::Status {
                Store store(s);
                auto before = store.FindDepartment(id);
                if (!before) return detail::NotFound("department vanished");
                if (store.CountDepartmentProgrammes(id) > 0) {
                    return core::MakeError(core::ErrorCode::kConflict, "academics.department_in_use",
                                           "programmes name the department");
                }
                store.DeleteDepartment(id);
                detail::RecordChange(s, actor, change, "academics.delete_department", "department",
                                     std::to_string(id.value),
                                     detail::ChangeDetail(detail::JsonText(*before), "null"));
                return core::OkStatus();
            });
        },
        "code", "academics.code_taken");
}

}  // namespace oqu::academics
