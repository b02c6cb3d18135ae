#include "compliance/api.hpp"

namespace oqu::compliance {

std::string_view StatusName(Status status) {
    switch (status) {
        case Status::kMet:
            return "met";
        case Status::kViolated:
            return "violated";
        case Status::kNotApplicable:
            return "not_applicable";
        case Status::kNotCovered:
            return "not_covered";
    }
    return "not_covered";
}

const std::vector<Requirement>& Requirements() {
    // ../shared/REQUIREMENTS.md, in its order: Annex 1 (A), chapter 2 (D), chapter 3 (O).
    static const std::vector<Requirement> kAll = [] {
        std::vector<Requirement> all;
        static const char* const kA[] = {"R-A1", "R-A2", "R-A3", "R-A4", "R-A5", "R-A6", "R-A7", "R-A8"};
        static const char* const kD[] = {"R-D1",  "R-D2",  "R-D3",  "R-D4",  "R-D5",  "R-D6",
                                         "R-D7",  "R-D8",  "R-D9",  "R-D10", "R-D11", "R-D12",
                                         "R-D13", "R-D14", "R-D15", "R-D16", "R-D17"};
        static const char* const kO[] = {"R-O1",  "R-O2",  "R-O3",  "R-O4",  "R-O5",  "R-O6",  "R-O7",
                                         "R-O8",  "R-O9",  "R-O10", "R-O11", "R-O12", "R-O13", "R-O14",
                                         "R-O15", "R-O16", "R-O17", "R-O18", "R-O19", "R-O20", "R-O21",
                                         "R-O22", "R-O23", "R-O24", "R-O25", "R-O26", "R-O27", "R-O28"};
        for (const char* id : kA) all.push_back({id, 'A'});
        for (const char* id : kD) all.push_back({id, 'D'});
        for (const char* id : kO) all.push_back({id, 'O'});
        return all;
    }();
    return kAll;
}

}  // namespace oqu::compliance
