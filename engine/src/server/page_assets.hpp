// The what-if page's files (page/index.html, page/app.css, page/app.js), embedded in the binary
// at build time by engine/cmake/embed_page.cmake: the page works offline and the server never
// reads a file to serve it.
#pragma once

#include <string_view>

namespace jobaward::server_detail {

struct PageAsset {
  std::string_view path;          ///< URL path, e.g. "/app.js" ("/" for index.html).
  std::string_view content_type;  ///< e.g. "text/javascript; charset=utf-8".
  std::string_view content;
};

/// The asset served at `path`, or nullptr.
[[nodiscard]] const PageAsset* FindPageAsset(std::string_view path);

}  // namespace jobaward::server_detail
