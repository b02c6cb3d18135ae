#include "courses/markdown.hpp"

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace oqu::courses::detail {

namespace {

struct ParserFree {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CharFree {
    void operator()(char* c) const {
        std::free(c);
    }  // NOLINT(cppcoreguidelines-no-malloc): cmark allocates with malloc.
};

}  // namespace

std::string RenderMarkdown(std::string_view markdown) {
    // Safe: CMARK_OPT_UNSAFE is never set, so raw HTML and dangerous URLs do not reach the page.
    constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    cmark_gfm_core_extensions_ensure_registered();
    std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(kOptions));
    if (!parser) throw std::runtime_error("cmark_parser_new failed");
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
        cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
        if (extension == nullptr || cmark_parser_attach_syntax_extension(parser.get(), extension) == 0) {
            throw std::runtime_error(std::string("cmark-gfm extension missing: ") + name);
        }
    }
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    std::unique_ptr<cmark_node, NodeFree> document(cmark_parser_finish(parser.get()));
    if (!document) throw std::runtime_error("cmark_parser_finish failed");
    // The page's title is its only <h1>: a teacher's "# Heading" becomes an <h2>, and so on down.
    cmark_iter* iter = cmark_iter_new(document.get());
    for (cmark_event_type event = cmark_iter_next(iter); event != CMARK_EVENT_DONE;
         event = cmark_iter_next(iter)) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
            const int level = cmark_node_get_heading_level(node);
            cmark_node_set_heading_level(node, level < 6 ? level + 1 : 6);
        }
    }
    cmark_iter_free(iter);
    std::unique_ptr<char, CharFree> html(
        cmark_render_html(document.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get())));
    if (!html) throw std::runtime_error("cmark_render_html failed");
    return std::string(html.get());
}

}  // namespace oqu::courses::detail

namespace oqu::courses {

std::string RenderTeacherMarkdown(std::string_view markdown) {
    return detail::RenderMarkdown(markdown);
}

}  // namespace oqu::courses
