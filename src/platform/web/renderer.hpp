#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "platform/web/language.hpp"
#include "platform/web/strings.hpp"

namespace oqu::platform::http {
struct Request;
}

namespace oqu::platform::web {

/// Builds the "session" context of a page (signed-in user, CSRF token, navigation) from its
/// request; installed by platform/auth so that every page and form sees it.
using PageSessionFn = std::function<nlohmann::json(const http::Request& request)>;

/// Renders Mustache templates read from the modules' `templates/` folders. Every render sees
/// the page context plus `t` (the strings of the page language, nested by dotted key, e.g.
/// `{{t.web.home_title}}`), `lang` and `languages`. Thread-safe.
class Renderer {
public:
    /// `dirs` maps a module prefix ("web") to its templates folder; template "web/home" is
    /// `<dir of web>/home.mustache`. Templates are read once and kept in memory.
    Renderer(const std::map<std::string, std::filesystem::path>& dirs,
             std::shared_ptr<const Strings> strings);
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    /// Renders one template; an unknown or invalid template is Error kNotFound / kInvalidInput
    /// (a bug, reported as 500 by the caller).
    core::Result<std::string> Render(std::string_view name, const nlohmann::json& context,
                                     Language lang) const;

    /// Renders `name` and wraps it in the layout template "web/layout" (title, language switch,
    /// skip link); `page_path` is the current path, used for the language switch links.
    /// `session` (when not null) is given to the layout as "session".
    core::Result<std::string> RenderPage(std::string_view name, const nlohmann::json& context, Language lang,
                                         std::string_view title_key, std::string_view page_path,
                                         const nlohmann::json* session = nullptr) const;

    /// Installs the page-session builder (call before serving). Pages rendered through
    /// web::RenderPage get its result as "session" in both the page and the layout.
    void SetPageSession(PageSessionFn fn) { page_session_ = std::move(fn); }
    const PageSessionFn& page_session() const { return page_session_; }

    /// Renders like Render but also returns every name the template looked up and did not
    /// find; tests use it to prove example contexts are complete.
    core::Result<std::string> RenderChecked(std::string_view name, const nlohmann::json& context,
                                            Language lang, std::vector<std::string>& missing) const;

    /// Names of every template found ("web/home"), sorted.
    std::vector<std::string> TemplateNames() const;

    /// The example context JSON from a template's `{{! ... Example context (json): {...} }}`
    /// header, or an Error when the template has none.
    core::Result<std::string> ExampleContext(std::string_view name) const;

    const Strings& strings() const { return *strings_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::shared_ptr<const Strings> strings_;
    PageSessionFn page_session_;
};

}  // namespace oqu::platform::web
