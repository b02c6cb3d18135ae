#include "academics/domain/structure.hpp"

#include <algorithm>
#include <charconv>

namespace oqu::academics {

namespace {

void Add(FieldErrors& errors, std::string_view field, std::string key,
         std::vector<std::pair<std::string, std::string>> args = {}) {
    errors.push_back(FieldError{std::string(field), std::move(key), std::move(args)});
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

void CheckName(std::string& name, std::string_view field, FieldErrors& errors) {
    name = Trim(name);
    if (name.empty()) {
        Add(errors, field, "academics.name_required");
    } else if (name.size() > kMaxNameBytes) {
        Add(errors, field, "academics.name_too_long", {{"max", std::to_string(kMaxNameBytes)}});
    } else if (std::any_of(name.begin(), name.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        Add(errors, field, "academics.name_invalid");
    }
}

}  // namespace

void CheckNames(Names& names, FieldErrors& errors) {
    CheckName(names.kk, "name_kk", errors);
    CheckName(names.ru, "name_ru", errors);
    CheckName(names.en, "name_en", errors);
}

void CheckShortCode(std::string& code, std::string_view field, FieldErrors& errors) {
    code = Trim(code);
    if (code.empty()) {
        Add(errors, field, "academics.code_required");
        return;
    }
    bool bad = code.size() > kMaxCodeBytes;
    for (std::size_t i = 0; i < code.size() && !bad; ++i) {
        const auto c = static_cast<unsigned char>(code[i]);
        // Inner single spaces are allowed ("Fil 1101"); tabs, newlines and runs are not.
        if (c < 0x20 || c == 0x7f || (c == ' ' && i > 0 && code[i - 1] == ' ')) bad = true;
        if (c == '/' || c == '?' || c == '#' || c == '%') bad = true;
    }
    if (bad) Add(errors, field, "academics.code_invalid", {{"max", std::to_string(kMaxCodeBytes)}});
}

std::optional<int> ReadInt(std::string_view text, std::string_view field, int min, int max,
                           FieldErrors& errors) {
    const std::string trimmed = Trim(text);
    int value = 0;
    const auto* end = trimmed.data() + trimmed.size();
    const auto [ptr, ec] = std::from_chars(trimmed.data(), end, value);
    if (trimmed.empty() || ec != std::errc{} || ptr != end) {
        Add(errors, field, "academics.number_invalid");
        return std::nullopt;
    }
    if (value < min || value > max) {
        Add(errors, field, "academics.number_range",
            {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> ReadId(std::string_view text, std::string_view field, FieldErrors& errors) {
    const std::string trimmed = Trim(text);
    std::int64_t value = 0;
    const auto* end = trimmed.data() + trimmed.size();
    const auto [ptr, ec] = std::from_chars(trimmed.data(), end, value);
    if (trimmed.empty() || ec != std::errc{} || ptr != end || value <= 0) {
        Add(errors, field, "academics.choose_one");
        return std::nullopt;
    }
    return value;
}

core::Result<FacultySpec> CheckFaculty(FacultyDraft draft) {
    FieldErrors errors;
    CheckShortCode(draft.code, "code", errors);
    CheckNames(draft.names, errors);
    if (!errors.empty()) return InvalidFields(errors);
    return FacultySpec{std::move(draft.code), std::move(draft.names)};
}

core::Result<DepartmentSpec> CheckDepartment(DepartmentDraft draft) {
    FieldErrors errors;
    const auto faculty = ReadId(draft.faculty_id, "faculty_id", errors);
    CheckShortCode(draft.code, "code", errors);
    CheckNames(draft.names, errors);
    if (!errors.empty()) return InvalidFields(errors);
    return DepartmentSpec{FacultyId{*faculty}, std::move(draft.code), std::move(draft.names)};
}

std::string_view ProgrammeStatusName(ProgrammeStatus status) {
    return status == ProgrammeStatus::kActive ? "active" : "closed";
}

std::optional<ProgrammeStatus> ParseProgrammeStatus(std::string_view name) {
    if (name == "active") return ProgrammeStatus::kActive;
    if (name == "closed") return ProgrammeStatus::kClosed;
    return std::nullopt;
}

CreditRange ProgrammeCredits(Level level) {
    switch (level) {
        case Level::kBachelor:
            return {240, 360};
        case Level::kMaster:
            return {60, 120};
        case Level::kDoctorate:
            return {180, 240};
        case Level::kResidency:
            break;
    }
    return {0, 0};
}

int MaxSemester(Level level) {
    switch (level) {
        case Level::kBachelor:
            return 12;
        case Level::kMaster:
            return 4;
        case Level::kDoctorate:
        case Level::kResidency:
            break;
    }
    return 6;
}

core::Result<ProgrammeSpec> CheckProgramme(ProgrammeDraft draft) {
    FieldErrors errors;
    ProgrammeSpec spec;
    spec.code = Trim(draft.code);
    const auto level = ParseLevel(Trim(draft.level));
    if (!level || *level == Level::kResidency) {
        Add(errors, "level", "academics.level_invalid");
    } else {
        spec.level = *level;
    }
    // "6B06101": level digit and letter (6B bachelor, 7M master, 8D doctorate), then the
    // direction's three digits and the programme's two.
    const std::string& c = spec.code;
    const bool shaped = c.size() == 7 && std::all_of(c.begin() + 2, c.end(), IsDigit);
    if (!shaped ||
        !((c[0] == '6' && c[1] == 'B') || (c[0] == '7' && c[1] == 'M') || (c[0] == '8' && c[1] == 'D'))) {
        Add(errors, "code", "academics.programme_code_invalid");
    } else if (level && *level != Level::kResidency && c[1] != GroupLetter(*level)) {
        Add(errors, "code", "academics.programme_code_level");
    }
    CheckNames(draft.names, errors);
    spec.names = std::move(draft.names);
    if (level && *level != Level::kResidency) {
        const CreditRange range = ProgrammeCredits(*level);
        if (auto credits = ReadInt(draft.credits, "credits", range.min, range.max, errors)) {
            spec.credits = *credits;
        }
    }
    spec.direction_code = Trim(draft.direction_code);
    if (spec.direction_code.empty()) {
        Add(errors, "direction_code", "academics.direction_required");
    } else if (level && *level != Level::kResidency && spec.direction_code[0] != GroupLetter(*level)) {
        Add(errors, "direction_code", "academics.direction_level");
    }
    if (auto faculty = ReadId(draft.faculty_id, "faculty_id", errors)) spec.faculty_id = FacultyId{*faculty};
    if (!Trim(draft.department_id).empty()) {
        if (auto department = ReadId(draft.department_id, "department_id", errors)) {
            spec.department_id = DepartmentId{*department};
        }
    }
    for (std::string_view lang : kStudyLanguages) {
        if (std::find(draft.languages.begin(), draft.languages.end(), lang) != draft.languages.end()) {
            spec.languages.emplace_back(lang);
        }
    }
    const bool unknown_language =
        std::any_of(draft.languages.begin(), draft.languages.end(), [](const auto& l) {
            return std::find(std::begin(kStudyLanguages), std::end(kStudyLanguages), l) ==
                   std::end(kStudyLanguages);
        });
    if (spec.languages.empty() || unknown_language) Add(errors, "languages", "academics.languages_invalid");
    const auto status = ParseProgrammeStatus(Trim(draft.status));
    if (!status) {
        Add(errors, "status", "academics.status_invalid");
    } else {
        spec.status = *status;
    }
    if (!errors.empty()) return InvalidFields(errors);
    return spec;
}

void CheckProgrammeGroup(Level programme_level, RowType row_type, Level row_level, FieldErrors& errors) {
    // R-D7: the regime that limits a programme's DL share is read from its group row.
    if (row_type != RowType::kGroup) {
        Add(errors, "direction_code", "academics.direction_not_group");
    } else if (row_level != programme_level) {
        Add(errors, "direction_code", "academics.direction_level");
    }
}

}  // namespace oqu::academics
