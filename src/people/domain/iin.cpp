#include "people/domain/iin.hpp"

#include <algorithm>
#include <array>

namespace oqu::people {

int IinControlDigit(std::string_view first11) {
    constexpr std::array<int, 11> kFirst{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    constexpr std::array<int, 11> kSecond{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    const auto weighted = [first11](const std::array<int, 11>& weights) {
        int sum = 0;
        for (std::size_t i = 0; i < weights.size(); ++i) sum += weights[i] * (first11[i] - '0');
        return sum % 11;
    };
    int control = weighted(kFirst);
    if (control == 10) control = weighted(kSecond);
    return control == 10 ? -1 : control;
}

core::Status CheckIin(std::string_view iin) {
    const bool digits =
        iin.size() == 12 && std::all_of(iin.begin(), iin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "people.iin_format", "IIN is not 12 digits");
    }
    if (IinControlDigit(iin.substr(0, 11)) != iin[11] - '0') {
        return core::MakeError(core::ErrorCode::kInvalidInput, "people.iin_checksum",
                               "IIN control digit mismatch");
    }
    return core::OkStatus();
}

std::string MaskIin(std::string_view iin) {
    if (iin.size() < 4) return std::string(iin.size(), '*');
    std::string out(iin);
    std::fill(out.begin() + 2, out.end() - 1, '*');
    return out;
}

}  // namespace oqu::people
