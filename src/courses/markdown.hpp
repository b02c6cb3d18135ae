#pragma once

#include <string>
#include <string_view>

namespace oqu::courses::detail {

/// Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks) to HTML with cmark-gfm in
/// its safe mode: raw HTML is dropped ("<!-- raw HTML omitted -->") and javascript:, vbscript:,
/// file: and non-image data: links are removed, so the result may be inserted unescaped.
std::string RenderMarkdown(std::string_view markdown);

}  // namespace oqu::courses::detail
