// Use cases of curricula and their disciplines.
#include "academics/api.hpp"
#include "academics/permissions.hpp"
#include "academics/store.hpp"
#include "academics/support.hpp"

namespace oqu::academics {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

// The curriculum and its programme, visible to the actor; kNotFound otherwise.
struct Owned {
    Curriculum curriculum;
    Programme programme;
};

core::Result<Owned> LoadCurriculum(const auth::Principal& actor, db::Database& database, CurriculumId id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    auto loaded = database.Read([&](db::Session& s) -> std::optional<Owned> {
        Store store(s);
        auto curriculum = store.FindCurriculum(id);
        if (!curriculum) return std::nullopt;
        auto programme = store.FindProgramme(curriculum->programme_id);
        if (!programme) return std::nullopt;
        return Owned{std::move(*curriculum), std::move(*programme)};
    });
    if (!loaded) return detail::NotFound("no curriculum " + std::to_string(id.value));
    if (auto ok = auth::Require(actor, kViewStructure, ScopePath(loaded->programme)); !ok) return ok.error();
    return std::move(*loaded);
}

// Loads the curriculum for a change and checks academics:edit_curriculum on its programme.
core::Result<Owned> LoadForChange(const auth::Principal& actor, db::Database& database, CurriculumId id) {
    auto owned = LoadCurriculum(actor, database, id);
    if (!owned) return owned.error();
    if (auto ok = auth::Require(actor, kEditCurriculum, ScopePath(owned->programme)); !ok) return ok.error();
    return owned;
}

}  // namespace

core::Result<std::vector<Curriculum>> ListCurricula(const auth::Principal& actor, db::Database& database,
                                                    ProgrammeId programme) {
    if (auto seen = FindProgramme(actor, database, programme); !seen) return seen.error();
    return database.Read([&](db::Session& s) { return Store(s).ListCurricula(programme); });
}

core::Result<Curriculum> FindCurriculum(const auth::Principal& actor, db::Database& database,
                                        CurriculumId id) {
    auto owned = LoadCurriculum(actor, database, id);
    if (!owned) return owned.error();
    return std::move(owned->curriculum);
}

core::Result<Curriculum> CurriculumForIntake(const auth::Principal& actor, db::Database& database,
                                             ProgrammeId programme, int admission_year) {
    auto curricula = ListCurricula(actor, database, programme);
    if (!curricula) return curricula.error();
    if (curricula->empty()) {
        return core::MakeError(core::ErrorCode::kNotFound, "academics.no_curriculum",
                               "programme " + std::to_string(programme.value) + " has no curriculum");
    }
    const Curriculum* best = nullptr;
    for (const auto& c : *curricula) {
        if (c.admission_year == admission_year) {
            best = &c;
            break;
        }
        if (c.admission_year < admission_year &&
            (best == nullptr || c.admission_year > best->admission_year)) {
            best = &c;
        }
    }
    // Only later curricula: the earliest of them (admission year order).
    return FindCurriculum(actor, database, best != nullptr ? best->id : curricula->front().id);
}

core::Result<CurriculumId> CreateCurriculum(const auth::Principal& actor, const Change& change,
                                            ProgrammeId programme, const CurriculumDraft& draft) {
    auto owner = FindProgramme(actor, change.db, programme);
    if (!owner) return owner.error();
    if (auto ok = auth::Require(actor, kEditCurriculum, ScopePath(*owner)); !ok) return ok.error();
    auto year = CheckCurriculum(draft);
    if (!year) return year.error();
    return detail::Guarded(
        [&]() -> core::Result<CurriculumId> {
            return change.db.Transact([&](db::Session& s) {
                Store store(s);
                const CurriculumId id = store.InsertCurriculum(programme, *year, change.now);
                detail::RecordChange(
                    s, actor, change, "academics.create_curriculum", "curriculum", std::to_string(id.value),
                    detail::ChangeDetail("null", detail::JsonText(*store.FindCurriculum(id))));
                return id;
            });
        },
        "admission_year", "academics.curriculum_exists");
}

core::Status DeleteCurriculum(const auth::Principal& actor, const Change& change, CurriculumId id) {
    auto owned = LoadForChange(actor, change.db, id);
    if (!owned) return owned.error();
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto before = store.FindCurriculum(id);
        if (!before) return detail::NotFound("curriculum vanished");
        store.DeleteCurriculum(id);
        detail::RecordChange(s, actor, change, "academics.delete_curriculum", "curriculum",
                             std::to_string(id.value),
                             detail::ChangeDetail(detail::JsonText(*before), "null"));
        return core::OkStatus();
    });
}

core::Result<Discipline> FindDiscipline(const auth::Principal& actor, db::Database& database,
                                        DisciplineId id) {
    if (auto ok = detail::RequireSomewhere(actor, kViewStructure); !ok) return ok.error();
    auto discipline = database.Read([&](db::Session& s) { return Store(s).FindDiscipline(id); });
    if (!discipline) return detail::NotFound("no discipline " + std::to_string(id.value));
    if (auto owned = LoadCurriculum(actor, database, discipline->curriculum_id); !owned) return owned.error();
    return *discipline;
}

core::Result<DisciplineId> AddDiscipline(const auth::Principal& actor, const Change& change,
                                         CurriculumId curriculum, const DisciplineDraft& draft) {
    auto owned = LoadForChange(actor, change.db, curriculum);
    if (!owned) return owned.error();
    auto spec = CheckDiscipline(draft, owned->programme.level);
    if (!spec) return spec.error();
    return detail::Guarded(
        [&]() -> core::Result<DisciplineId> {
            return change.db.Transact([&](db::Session& s) {
                Store store(s);
                const DisciplineId id = store.InsertDiscipline(curriculum, *spec, change.now);
                detail::RecordChange(
                    s, actor, change, "academics.add_discipline", "discipline", std::to_string(id.value),
                    detail::ChangeDetail("null", detail::JsonText(*store.FindDiscipline(id))));
                return id;
            });
        },
        "code", "academics.code_taken");
}

core::Status UpdateDiscipline(const auth::Principal& actor, const Change& change, DisciplineId id,
                              const DisciplineDraft& draft) {
    auto current = FindDiscipline(actor, change.db, id);
    if (!current) return current.error();
    auto owned = LoadForChange(actor, change.db, current->curriculum_id);
    if (!owned) return owned.error();
    auto spec = CheckDiscipline(draft, owned->programme.level);
    if (!spec) return spec.error();
    return detail::Guarded(
        [&]() -> core::Status {
            return change.db.Transact([&](db::Session& s) -> core::Status {
                Store store(s);
                auto before = store.FindDiscipline(id);
                if (!before) return detail::NotFound("discipline vanished");
                store.UpdateDiscipline(id, *spec, change.now);
                detail::RecordChange(s, actor, change, "academics.update_discipline", "discipline",
                                     std::to_string(id.value),
                                     detail::ChangeDetail(detail::JsonText(*before),
                                                          detail::JsonText(*store.FindDiscipline(id))));
                return core::OkStatus();
            });
        },
        "code", "academics.code_taken");
}

core::Status RemoveDiscipline(const auth::Principal& actor, const Change& change, DisciplineId id) {
    auto current = FindDiscipline(actor, change.db, id);
    if (!current) return current.error();
    if (auto owned = LoadForChange(actor, change.db, current->curriculum_id); !owned) return owned.error();
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto before = store.FindDiscipline(id);
        if (!before) return detail::NotFound("discipline vanished");
        store.DeleteDiscipline(id);
        detail::RecordChange(s, actor, change, "academics.remove_discipline", "discipline",
                             std::to_string(id.value),
                             detail::ChangeDetail(detail::JsonText(*before), "null"));
        return core::OkStatus();
    });
}

}  // namespace oqu::academics
