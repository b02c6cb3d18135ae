#pragma once

#include <compare>
#include <cstdint>

namespace oqu::academics {

/// A faculty's id (academics_faculty.id).
struct FacultyId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const FacultyId&, const FacultyId&) = default;
};

/// A department's id (academics_department.id).
struct DepartmentId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const DepartmentId&, const DepartmentId&) = default;
};

/// An educational programme's id (academics_programme.id).
struct ProgrammeId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const ProgrammeId&, const ProgrammeId&) = default;
};

/// A curriculum's id (academics_curriculum.id).
struct CurriculumId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const CurriculumId&, const CurriculumId&) = default;
};

/// A discipline's id within a curriculum (academics_discipline.id).
struct DisciplineId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const DisciplineId&, const DisciplineId&) = default;
};

/// An academic year's id (academics_year.id).
struct YearId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const YearId&, const YearId&) = default;
};

/// An academic period's id (academics_period.id).
struct PeriodId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const PeriodId&, const PeriodId&) = default;
};

/// A holiday range's id (academics_holiday.id).
struct HolidayId {
    std::int64_t value = 0;  ///< Database id; 0 means none.
    /// Ordered and compared by value.
    friend auto operator<=>(const HolidayId&, const HolidayId&) = default;
};

}  // namespace oqu::academics
