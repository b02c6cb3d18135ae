#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace oqu::academics {

/// One refused field of a form or JSON body: which field, and why (a strings key with arguments).
struct FieldError {
    std::string field;        ///< Form field and JSON member name ("code", "credits").
    std::string message_key;  ///< Strings key of the reason ("academics.code_invalid").
    std::vector<std::pair<std::string, std::string>> args;  ///< ICU arguments ("min" → "240").
    /// Field-wise equality (tests).
    friend bool operator==(const FieldError&, const FieldError&) = default;
};

/// The refused fields of one form; empty when the input is acceptable.
using FieldErrors = std::vector<FieldError>;

/// An Error kInvalidInput "academics.form_invalid" that carries `errors` in its args, so the
/// use case's ordinary Result can tell the page which fields to mark (decode with FieldErrorsOf).
core::Error InvalidFields(const FieldErrors& errors, std::string requirement = {});

/// An error with `code` and `message_key` that also marks `field` as the culprit (a duplicate
/// code is kConflict on field "code").
core::Error FieldFailure(core::ErrorCode code, std::string field, std::string message_key,
                         std::string detail);

/// The field errors carried by an Error built with InvalidFields or FieldFailure; empty for others.
FieldErrors FieldErrorsOf(const core::Error& error);

/// True when `text` has no leading or trailing ASCII space and is not empty.
bool IsTrimmedNonEmpty(std::string_view text);

/// `text` without leading and trailing ASCII whitespace.
std::string Trim(std::string_view text);

}  // namespace oqu::academics
