#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "people/domain/people.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform::db {
class Database;
}

namespace oqu::people {

/// What the people module needs to know of a programme (from the academics module).
struct ProgrammeInfo {
    std::int64_t id = 0;
    std::string code;
    std::string name_kk, name_ru, name_en;
    std::int64_t faculty_id = 0;
    ProgrammeLevel level = ProgrammeLevel::kBachelor;
    int credits = 0;
    OnlineFlag online = OnlineFlag::kUnknown;  ///< R-O2 flag of the programme's direction.
    std::vector<std::string> languages;        ///< Languages of study.
    std::string direction_code;                ///< Its group of the classifier ("B057"), for R-O2 messages.
};

/// What the people module needs to know of a department.
struct DepartmentInfo {
    std::int64_t id = 0;
    std::string code;
    std::string name_kk, name_ru, name_en;
    std::int64_t faculty_id = 0;
};

/// The programmes and departments the actor may see, read once through academics/api.hpp before
/// a use case opens its own transaction (the academics functions run their own reads, so they
/// are never called inside one of ours). Besides directory.cpp, only students.cpp includes
/// academics/api.hpp (one programme's code for one student).
class Directory {
public:
    /// Reads every programme and department visible to `actor` (none when it has no
    /// academics:view anywhere).
    static Directory Load(const platform::auth::Principal& actor, platform::db::Database& db);

    /// The programme with this code or id, or null.
    const ProgrammeInfo* ProgrammeByCode(std::string_view code) const;
    /// See ProgrammeByCode.
    const ProgrammeInfo* ProgrammeById(std::int64_t id) const;
    /// The department with this code or id, or null.
    const DepartmentInfo* DepartmentByCode(std::string_view code) const;
    /// See DepartmentByCode.
    const DepartmentInfo* DepartmentById(std::int64_t id) const;

    /// Every visible programme, in id order.
    const std::vector<ProgrammeInfo>& programmes() const { return programmes_; }
    /// Every visible department, in id order.
    const std::vector<DepartmentInfo>& departments() const { return departments_; }

    /// Adds entries directly (tests without the academics tables).
    void AddProgramme(ProgrammeInfo programme) { programmes_.push_back(std::move(programme)); }
    /// See AddProgramme.
    void AddDepartment(DepartmentInfo department) { departments_.push_back(std::move(department)); }

private:
    std::vector<ProgrammeInfo> programmes_;
    std::vector<DepartmentInfo> departments_;
};

}  // namespace oqu::people
