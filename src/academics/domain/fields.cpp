#include "academics/domain/fields.hpp"

#include <string>

namespace oqu::academics {

namespace {

// Field errors ride in core::Error::args as "field.<name>" → key and "field.<name>.<arg>" → value;
// the Strings formatter ignores arguments its pattern does not name.
constexpr std::string_view kPrefix = "field.";

void Append(core::Error& error, const FieldError& field) {
    const std::string base = std::string(kPrefix) + field.field;
    error.args.emplace_back(base, field.message_key);
    for (const auto& [name, value] : field.args) {
        std::string key = base;
        key += '.';
        key += name;
        error.args.emplace_back(std::move(key), value);
    }
}

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

core::Error InvalidFields(const FieldErrors& errors, std::string requirement) {
    std::string detail = "invalid fields:";
    for (const auto& e : errors) detail += " " + e.field + "=" + e.message_key;
    core::Error error = core::MakeError(core::ErrorCode::kInvalidInput, "academics.form_invalid",
                                        std::move(detail), std::move(requirement));
    error.args.emplace_back("count", std::to_string(errors.size()));
    for (const auto& e : errors) Append(error, e);
    return error;
}

core::Error FieldFailure(core::ErrorCode code, std::string field, std::string message_key,
                         std::string detail) {
    core::Error error = core::MakeError(code, message_key, std::move(detail));
    Append(error, FieldError{std::move(field), std::move(message_key), {}});
    return error;
}

FieldErrors FieldErrorsOf(const core::Error& error) {
    FieldErrors out;
    for (const auto& [name, value] : error.args) {
        if (name.rfind(kPrefix, 0) != 0) continue;
        const std::string rest = name.substr(kPrefix.size());
        const auto dot = rest.find('.');
        if (dot == std::string::npos) {
            out.push_back(FieldError{rest, value, {}});
        } else {
            const std::string field = rest.substr(0, dot);
            for (auto it = out.rbegin(); it != out.rend(); ++it) {
                if (it->field == field) {
                    it->args.emplace_back(rest.substr(dot + 1), value);
                    break;
                }
            }
        }
    }
    return out;
}

bool IsTrimmedNonEmpty(std::string_view text) {
    return !text.empty() && !IsSpace(text.front()) && !IsSpace(text.back());
}

std::string Trim(std::string_view text) {
    while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
    return std::string(text);
}

}  // namespace oqu::academics
