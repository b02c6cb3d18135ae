#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace oqu::people {

/// Checks an IIN (Kazakhstan individual identification number): exactly 12 ASCII digits whose
/// last digit is the control digit of the public algorithm (weights 1..11, and when that sum
/// mod 11 is 10, weights 3..11,1,2; a second 10 is never issued). kInvalidInput
/// "people.iin_format" or "people.iin_checksum".
core::Status CheckIin(std::string_view iin);

/// The control digit of the first 11 digits, or -1 when the number cannot be issued (both
/// passes give 10). `first11` must be 11 ASCII digits.
int IinControlDigit(std::string_view first11);

/// The IIN as shown to roles without the personal-data capability: the first 2 and the last
/// digit kept ("86*********4"); empty stays empty.
std::string MaskIin(std::string_view iin);

}  // namespace oqu::people
