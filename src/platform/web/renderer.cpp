#include "platform/web/renderer.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace oqu::platform::web {

namespace mustache = kainjow::mustache;

namespace {

std::atomic<std::uint64_t> next_renderer_id{1};

mustache::data ToData(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object: {
            mustache::data obj{mustache::data::type::object};
            for (const auto& [key, value] : j.items()) obj.set(key, ToData(value));
            return obj;
        }
        case nlohmann::json::value_t::array: {
            mustache::data list{mustache::data::type::list};
            for (const auto& value : j) list.push_back(ToData(value));
            return list;
        }
        case nlohmann::json::value_t::string:
            return mustache::data{j.get<std::string>()};
        case nlohmann::json::value_t::boolean:
            return j.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                                 : mustache::data{mustache::data::type::bool_false};
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float:
            return mustache::data{j.dump()};
        case nlohmann::json::value_t::null:
        case nlohmann::json::value_t::binary:
        case nlohmann::json::value_t::discarded:
            return mustache::data{mustache::data::type::bool_false};
    }
    return mustache::data{mustache::data::type::bool_false};
}

// Builds {"web": {"home_title": "..."}} from the flat "web.home_title" keys.
mustache::data NestStrings(const std::map<std::string, std::string, std::less<>>& flat) {
    nlohmann::json nested = nlohmann::json::object();
    for (const auto& [key, value] : flat) {
        nlohmann::json* node = &nested;
        std::size_t start = 0;
        while (true) {
            const auto dot = key.find('.', start);
            const std::string part =
                key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
            if (dot == std::string::npos) {
                (*node)[part] = value;
                break;
            }
            node = &(*node)[part];
            start = dot + 1;
        }
    }
    return ToData(nested);
}

// Wraps a context and records every name it could not resolve (the test of example contexts).
class TrackingContext : public mustache::basic_context<std::string> {
public:
    explicit TrackingContext(std::vector<std::string>& missing) : missing_(missing) {}
    void push(const mustache::data* data) override { inner_.push(data); }
    void pop() override { inner_.pop(); }
    const mustache::data* get(const std::string& name) const override {
        const auto* found = inner_.get(name);
        if (found == nullptr) missing_.push_back(name);
        return found;
    }
    const mustache::data* get_partial(const std::string& name) const override {
        const auto* found = inner_.get_partial(name);
        if (found == nullptr) missing_.push_back(">" + name);
        return found;
    }

private:
    mustache::context<std::string> inner_;
    std::vector<std::string>& missing_;
};

}  // namespace

struct Renderer::Impl {
    std::uint64_t id = next_renderer_id++;
    std::map<std::string, std::string, std::less<>> sources;  // name -> template text
    // Per language, {"t": strings nested by dotted key, "lang": tag}: built once and pushed on the
    // render context by pointer (copying the ~2,000 strings into every render was most of a
    // page's cost).
    mustache::data common_by_lang[3];
    mustache::data partials{mustache::data::type::object};

    // kainjow's render walks the parsed tree through non-const members, so compiled templates
    // are not shared between threads: each worker thread keeps its own compiled copy.
    mustache::mustache* Compiled(std::string_view name) const {
        thread_local std::unordered_map<std::string, std::unique_ptr<mustache::mustache>> cache;
        const std::string key = fmt::format("{}:{}", id, name);
        if (auto it = cache.find(key); it != cache.end()) return it->second.get();
        auto src = sources.find(name);
        if (src == sources.end()) return nullptr;
        auto compiled = std::make_unique<mustache::mustache>(src->second);
        auto* raw = compiled.get();
        cache.emplace(key, std::move(compiled));
        return raw;
    }

    core::Result<std::string> Run(std::string_view name, const nlohmann::json& context, Language lang,
                                  mustache::basic_context<std::string>& ctx) const {
        auto* tmpl = Compiled(name);
        if (tmpl == nullptr) {
            return core::MakeError(core::ErrorCode::kNotFound, "web.error_500",
                                   fmt::format("no template {}", name));
        }
        if (!tmpl->is_valid()) {
            return core::MakeError(core::ErrorCode::kInvalidInput, "web.error_500",
                                   fmt::format("template {}: {}", name, tmpl->error_message()));
        }
        const mustache::data page = ToData(context);
        ctx.push(&partials);
        ctx.push(&common_by_lang[static_cast<std::size_t>(lang)]);
        ctx.push(&page);
        std::string out = tmpl->render(ctx);
        ctx.pop();
        ctx.pop();
        ctx.pop();
        return out;
    }
};

Renderer::Renderer(const std::map<std::string, std::filesystem::path>& dirs,
                   std::shared_ptr<const Strings> strings)
    : impl_(std::make_unique<Impl>()), strings_(std::move(strings)) {
    for (const auto& [prefix, dir] : dirs) {
        if (!std::filesystem::is_directory(dir)) continue;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (entry.path().extension() != ".mustache") continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string name = fmt::format("{}/{}", prefix, entry.path().stem().string());
            impl_->sources.emplace(name, text.str());
        }
    }
    for (Language lang : kLanguages) {
        auto& common = impl_->common_by_lang[static_cast<std::size_t>(lang)];
        common = mustache::data{mustache::data::type::object};
        common.set("t", NestStrings(strings_->All(lang)));
        common.set("lang", std::string(LanguageTag(lang)));
    }
    for (const auto& [name, text] : impl_->sources) {
        impl_->partials.set(name, mustache::partial{[text = text]() { return text; }});
    }
}

Renderer::~Renderer() = default;

core::Result<std::string> Renderer::Render(std::string_view name, const nlohmann::json& context,
                                           Language lang) const {
    mustache::context<std::string> ctx;
    return impl_->Run(name, context, lang, ctx);
}

core::Result<std::string> Renderer::RenderChecked(std::string_view name, const nlohmann::json& context,
                                                  Language lang, std::vector<std::string>& missing) const {
    TrackingContext ctx(missing);
    return impl_->Run(name, context, lang, ctx);
}

core::Result<std::string> Renderer::RenderPage(std::string_view name, const nlohmann::json& context,
                                               Language lang, std::string_view title_key,
                                               std::string_view page_path,
                                               const nlohmann::json* session) const {
    auto body = Render(name, context, lang);
    if (!body) return body;
    nlohmann::json layout;
    layout["title"] = strings_->Get(lang, title_key);
    layout["content"] = std::move(body.value());
    nlohmann::json switch_links = nlohmann::json::array();
    for (Language other : kLanguages) {
        switch_links.push_back({{"tag", std::string(LanguageTag(other))},
                                {"label", strings_->Get(other, "web.language_name")},
                                {"href", fmt::format("{}?lang={}", page_path, LanguageTag(other))},
                                {"current", other == lang}});
    }
    layout["languages"] = std::move(switch_links);
    if (session != nullptr) layout["session"] = *session;
    return Render("web/layout", layout, lang);
}

std::vector<std::string> Renderer::TemplateNames() const {
    std::vector<std::string> names;
    for (const auto& [name, text] : impl_->sources) names.push_back(name);
    return names;
}

core::Result<std::string> Renderer::ExampleContext(std::string_view name) const {
    auto src = impl_->sources.find(name);
    if (src == impl_->sources.end()) {
        return core::MakeError(core::ErrorCode::kNotFound, "web.error_500",
                               fmt::format("no template {}", name));
    }
    const std::string_view text = src->second;
    const std::string_view marker = "Example context (json):";
    const auto pos = text.find(marker);
    const auto close = text.find("\n}}", pos);
    if (pos == std::string_view::npos || close == std::string_view::npos) {
        return core::MakeError(core::ErrorCode::kNotFound, "web.error_500",
                               fmt::format("template {} has no example context", name));
    }
    // The header comment closes with "}}" on a line of its own; the JSON is what lies between.
    return std::string(text.substr(pos + marker.size(), close - pos - marker.size()));
}

}  // namespace oqu::platform::web
