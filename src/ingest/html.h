// Main-content extraction from HTML pages (gumbo). Internal to src/ingest/.
#ifndef RASD_INGEST_HTML_H_
#define RASD_INGEST_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "rasd/status.h"

namespace rasd::ingest {

struct HtmlContent {
  std::string title;      // og:title, else <title>, else the first <h1>.
  std::string text;       // Main content, one paragraph a line, boilerplate removed.
  std::string published;  // From <meta>, JSON-LD or <time datetime>: "YYYY-MM-DD" or empty.
  std::string dateline;   // A date written in the visible text, or empty.
};

// Limits on the markup handed to the HTML parser. gumbo's tree building is
// quadratic in the nesting depth (and its duplicate-attribute check in the
// attributes of a tag), and freeing a deep tree recurses: 300,000 nested
// <div>s take minutes and 350,000 unclosed formatting elements overflow the
// stack. Real pages nest a few dozen levels and carry a few attributes a tag.
inline constexpr size_t kMaxHtmlDepth = 1000;
inline constexpr size_t kMaxHtmlAttributes = 1000;

// Checks the limits above in one linear pass over the markup (an estimate of
// the nesting depth: start tags minus end tags, not counting void elements,
// elements whose end tag is optional, raw text and comments).
// InvalidArgument saying which limit and the byte offset where it was passed.
Status CheckHtmlLimits(std::string_view html);

// `html` should be valid UTF-8 (the reader sanitises first). Fails (leaving
// *out empty) only when CheckHtmlLimits does.
Status ExtractHtml(std::string_view html, HtmlContent* out);

}  // namespace rasd::ingest

#endif  // RASD_INGEST_HTML_H_
