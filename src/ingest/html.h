// Main-content extraction from HTML pages (gumbo). Internal to src/ingest/.
#ifndef RASD_INGEST_HTML_H_
#define RASD_INGEST_HTML_H_

#include <string>
#include <string_view>

namespace rasd::ingest {

struct HtmlContent {
  std::string title;      // og:title, else <title>, else the first <h1>.
  std::string text;       // Main content, one paragraph a line, boilerplate removed.
  std::string published;  // From <meta>, JSON-LD or <time datetime>: "YYYY-MM-DD" or empty.
  std::string dateline;   // A date written in the visible text, or empty.
};

// `html` should be valid UTF-8 (the reader sanitises first).
void ExtractHtml(std::string_view html, HtmlContent* out);

}  // namespace rasd::ingest

#endif  // RASD_INGEST_HTML_H_
