#include "people/directory.hpp"

#include "academics/api.hpp"

namespace oqu::people {
namespace {

ProgrammeLevel LevelOf(academics::Level level) {
    switch (level) {
        case academics::Level::kMaster:
            return ProgrammeLevel::kMaster;
        case academics::Level::kDoctorate:
            return ProgrammeLevel::kDoctorate;
        case academics::Level::kResidency:
            return ProgrammeLevel::kResidency;
        case academics::Level::kBachelor:
            break;
    }
    return ProgrammeLevel::kBachelor;
}

OnlineFlag FlagOf(academics::OnlineForm form) {
    switch (form) {
        case academics::OnlineForm::kAllowed:
            return OnlineFlag::kAllowed;
        case academics::OnlineForm::kForbidden:
            return OnlineFlag::kForbidden;
        case academics::OnlineForm::kUnknown:
            break;
    }
    return OnlineFlag::kUnknown;
}

// Pages of the academics lists (their largest page).
constexpr int kPage = 500;

}  // namespace

Directory Directory::Load(const platform::auth::Principal& actor, platform::db::Database& db) {
    Directory out;
    for (std::int64_t after = 0;;) {
        auto page = academics::ListProgrammes(actor, db, std::nullopt, {.after = after, .limit = kPage});
        // No academics:view anywhere: the actor sees no programme, and so no student either.
        if (!page || page->empty()) break;
        for (const academics::Programme& p : *page) {
            out.programmes_.push_back({p.id.value, p.code, p.names.kk, p.names.ru, p.names.en,
                                       p.faculty_id.value, LevelOf(p.level), p.credits, FlagOf(p.online_form),
                                       p.languages, p.direction_code});
            after = p.id.value;
        }
        if (static_cast<int>(page->size()) < kPage) break;
    }
    for (std::int64_t after = 0;;) {
        auto page = academics::ListDepartments(actor, db, std::nullopt, {.after = after, .limit = kPage});
        if (!page || page->empty()) break;
        for (const academics::Department& d : *page) {
            out.departments_.push_back(
                {d.id.value, d.code, d.names.kk, d.names.ru, d.names.en, d.faculty_id.value});
            after = d.id.value;
        }
        if (static_cast<int>(page->size()) < kPage) break;
    }
    return out;
}

const ProgrammeInfo* Directory::ProgrammeByCode(std::string_view code) const {
    for (const auto& p : programmes_) {
        if (p.code == code) return &p;
    }
    return nullptr;
}

const ProgrammeInfo* Directory::ProgrammeById(std::int64_t id) const {
    for (const auto& p : programmes_) {
        if (p.id == id) return &p;
    }
    return nullptr;
}

const DepartmentInfo* Directory::DepartmentByCode(std::string_view code) const {
    for (const auto& d : departments_) {
        if (d.code == code) return &d;
    }
    return nullptr;
}

const DepartmentInfo* Directory::DepartmentById(std::int64_t id) const {
    for (const auto& d : departments_) {
        if (d.id == id) return &d;
    }
    return nullptr;
}

}  // namespace oqu::people
