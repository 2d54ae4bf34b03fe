// HTML -> main text. The rule (docs/readers.md): drop elements that are never
// article text (script, style, nav, header, footer, aside, form, menus, and
// anything whose class, id or role names navigation, sharing, comments or
// ads); take the <article> or, failing that, the element whose direct <p>
// children hold the most text; render block elements as lines.
#include "ingest/html.h"

#include <gumbo.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "rasd/ingest.h"

namespace rasd::ingest {
namespace {

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return r;
}

const char* Attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

bool IsElement(const GumboNode* n, GumboTag tag) {
  return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag;
}

// class / id / role words that mark page furniture.
bool BoilerplateWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "nav",      "navbar",  "navigation", "menu",        "menubar",       "breadcrumb", "breadcrumbs",
      "sidebar",  "footer",  "header",     "masthead",    "share",         "sharing",    "social",
      "comments", "comment", "related",    "advert",      "advertisement", "ads",        "ad",
      "banner",   "cookie",  "cookies",    "newsletter",  "subscribe",     "popup",      "modal",
      "widget",   "tags",    "pagination", "contentinfo", "complementary", "search",     "login"};
  for (auto k : kWords)
    if (w == k) return true;
  return false;
}

bool HasBoilerplateName(const GumboNode* n) {
  for (const char* name : {"class", "id", "role"}) {
    const char* v = Attr(n, name);
    if (v == nullptr) continue;
    const std::string s = Lower(v);
    size_t b = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || s[i] == ' ' || s[i] == '-' || s[i] == '_' || s[i] == '\t') {
        if (i > b && BoilerplateWord(std::string_view(s).substr(b, i - b))) return true;
        b = i + 1;
      }
    }
  }
  return false;
}

// True for elements whose content is never article text. `in_article`: a
// <header> inside an <article> holds its headline and dateline, keep it.
bool IsDropped(const GumboNode* n, bool in_article) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  switch (n->v.element.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_CANVAS:
      return true;
    case GUMBO_TAG_HEADER:
      return !in_article;
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_MAIN:
      return false;  // Never judged by class: "article-header" on <article> is still the article.
    default:
      break;
  }
  if (Attr(n, "hidden") != nullptr) return true;
  return HasBoilerplateName(n);
}

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

class Extractor {
 public:
  explicit Extractor(HtmlContent* out) : out_(out) {}

  void Run(const GumboNode* root) {
    Scan(root, false);
    const GumboNode* content = ChooseContent();
    std::string raw;
    if (content) Render(content, IsElement(content, GUMBO_TAG_ARTICLE), &raw);
    std::string body = Lines(raw);
    out_->title = !og_title_.empty() ? og_title_ : !title_.empty() ? title_ : h1_;
    out_->title = Lines(out_->title);
    for (char& c : out_->title) c = c == '\n' ? ' ' : c;
    // Headline first, as for JSONL, unless the body already starts with it.
    const std::string_view head = std::string_view(body).substr(0, body.find('\n'));
    if (!out_->title.empty() && !head.empty() &&
        (out_->title.find(head) != std::string::npos || head.find(out_->title) != std::string_view::npos)) {
      out_->text = std::move(body);
    } else if (!out_->title.empty()) {
      out_->text = out_->title + (body.empty() ? "" : "\n" + body);
    } else {
      out_->text = std::move(body);
    }
    out_->published = best_rank_ < kNoDate ? best_date_ : time_date_;
    out_->dateline = FindDateline(out_->text);
  }

 private:
  static constexpr int kNoDate = 100;
  // Real pages nest a few dozen levels; deeper input is hostile or broken.
  static constexpr int kMaxDepth = 400;

  void OfferDate(const char* value, int rank) {
    if (value == nullptr || rank >= best_rank_) return;
    std::string d = ParsePublishedDate(value);
    if (d.empty()) return;
    best_rank_ = rank;
    best_date_ = std::move(d);
  }

  void Meta(const GumboNode* n) {
    const char* content = Attr(n, "content");
    if (content == nullptr) return;
    for (const char* key : {"property", "name", "itemprop"}) {
      const char* k = Attr(n, key);
      if (k == nullptr) continue;
      const std::string lk = Lower(k);
      if (lk == "og:title" && og_title_.empty()) og_title_ = content;
      if (lk == "article:published_time")
        OfferDate(content, 0);
      else if (lk == "datepublished")
        OfferDate(content, 1);
      else if (lk == "og:published_time" || lk == "pubdate" || lk == "publishdate" || lk == "publish-date" ||
               lk == "publish_date" || lk == "parsely-pub-date" || lk == "sailthru.date")
        OfferDate(content, 3);
      else if (lk == "date" || lk == "dc.date" || lk == "dc.date.issued" || lk == "dcterms.date" ||
               lk == "dcterms.created")
        OfferDate(content, 4);
    }
  }

  void JsonLd(const GumboNode* n) {
    std::string s;
    AllText(n, &s);
    auto find = [&](const nlohmann::json& j, auto& self, int depth) -> void {
      if (depth > 8 || best_rank_ <= 2) return;
      if (j.is_object()) {
        auto it = j.find("datePublished");
        if (it != j.end() && it->is_string()) OfferDate(it->get_ref<const std::string&>().c_str(), 2);
        for (const auto& [k, v] : j.items()) self(v, self, depth + 1);
      } else if (j.is_array()) {
        for (const auto& v : j) self(v, self, depth + 1);
      }
    };
    try {
      const auto j = nlohmann::json::parse(s);
      find(j, find, 0);
    } catch (const nlohmann::json::exception&) {
      // Broken JSON-LD is common; ignore it.
    }
  }

  static void AllText(const GumboNode* n, std::string* out, int depth = 0) {
    if (depth > kMaxDepth) return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      out->append(n->v.text.text);
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return;
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i)
      AllText(static_cast<const GumboNode*>(ch.data[i]), out, depth + 1);
  }

  // Visible text length, skipping dropped elements.
  static size_t TextLen(const GumboNode* n, bool in_article, int depth = 0) {
    if (depth > kMaxDepth) return 0;
    if (n->type == GUMBO_NODE_TEXT) {
      size_t k = 0;
      for (const char* p = n->v.text.text; *p; ++p) k += !IsSpace(*p);
      return k;
    }
    if (n->type != GUMBO_NODE_ELEMENT || IsDropped(n, in_article)) return 0;
    size_t total = 0;
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i)
      total += TextLen(static_cast<const GumboNode*>(ch.data[i]), in_article, depth + 1);
    return total;
  }

  // One pass over the tree: metadata, candidates for the content element.
  void Scan(const GumboNode* n, bool dropped, int depth = 0) {
    if (n->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;
    const GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_META) Meta(n);
    if (tag == GUMBO_TAG_TITLE && title_.empty()) AllText(n, &title_);
    if (tag == GUMBO_TAG_SCRIPT) {
      const char* type = Attr(n, "type");
      if (type && Lower(type) == "application/ld+json") JsonLd(n);
      return;
    }
    if (tag == GUMBO_TAG_BODY) body_ = n;
    const bool drop = dropped || IsDropped(n, in_article_ > 0);
    if (!drop) {
      if (tag == GUMBO_TAG_H1 && h1_.empty()) AllText(n, &h1_);
      if (tag == GUMBO_TAG_TIME && time_date_.empty()) {
        if (const char* dt = Attr(n, "datetime")) time_date_ = ParsePublishedDate(dt);
      }
      if (const char* ip = Attr(n, "itemprop"); ip && Lower(ip) == "datepublished") {
        const char* v = Attr(n, "datetime");
        OfferDate(v ? v : Attr(n, "content"), 1);
      }
      if (tag == GUMBO_TAG_ARTICLE) {
        const size_t len = TextLen(n, true);
        if (len > article_len_) article_ = n, article_len_ = len;
      }
      size_t pscore = 0;
      const GumboVector& ch = n->v.element.children;
      for (unsigned i = 0; i < ch.length; ++i) {
        const auto* c = static_cast<const GumboNode*>(ch.data[i]);
        if (IsElement(c, GUMBO_TAG_P)) pscore += TextLen(c, in_article_ > 0);
      }
      if (pscore > best_pscore_) best_p_ = n, best_pscore_ = pscore;
    }
    if (tag == GUMBO_TAG_ARTICLE) ++in_article_;
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i) Scan(static_cast<const GumboNode*>(ch.data[i]), drop, depth + 1);
    if (tag == GUMBO_TAG_ARTICLE) --in_article_;
  }

  const GumboNode* ChooseContent() const {
    if (article_ && (article_len_ * 2 >= best_pscore_)) return article_;
    if (best_p_) return best_p_;
    return body_;
  }

  void Render(const GumboNode* n, bool in_article, std::string* out, int depth = 0) const {
    if (depth > kMaxDepth) return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      for (const char* p = n->v.text.text; *p; ++p) {
        if (IsSpace(*p)) {
          if (!out->empty() && out->back() != ' ' && out->back() != '\n') out->push_back(' ');
        } else {
          out->push_back(*p);
        }
      }
      return;
    }
    if (n->type == GUMBO_NODE_WHITESPACE) {
      if (!out->empty() && out->back() != ' ' && out->back() != '\n') out->push_back(' ');
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT || IsDropped(n, in_article)) return;
    const GumboTag tag = n->v.element.tag;
    const bool block = IsBlock(tag);
    if (block) out->push_back('\n');
    const bool art = in_article || tag == GUMBO_TAG_ARTICLE;
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i)
      Render(static_cast<const GumboNode*>(ch.data[i]), art, out, depth + 1);
    if (block) out->push_back('\n');
  }

  // Trims every line and drops the empty ones.
  static std::string Lines(std::string_view raw) {
    std::string out;
    size_t b = 0;
    while (b <= raw.size()) {
      size_t e = raw.find('\n', b);
      if (e == std::string_view::npos) e = raw.size();
      std::string_view line = raw.substr(b, e - b);
      while (!line.empty() && IsSpace(line.front())) line.remove_prefix(1);
      while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
      if (!line.empty()) {
        if (!out.empty()) out.push_back('\n');
        out.append(line);
      }
      b = e + 1;
    }
    return out;
  }

  HtmlContent* out_;
  std::string title_, og_title_, h1_, time_date_, best_date_;
  int best_rank_ = kNoDate;
  int in_article_ = 0;
  const GumboNode* body_ = nullptr;
  const GumboNode* article_ = nullptr;
  size_t article_len_ = 0;
  const GumboNode* best_p_ = nullptr;
  size_t best_pscore_ = 0;
};

}  // namespace

namespace {

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':';
}
bool IsTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool OneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (name == n) return true;
  return false;
}

// Elements that never hold children, or whose end tag may be left out (the
// parser closes them itself): neither deepens the tree.
bool DoesNotNest(std::string_view name) {
  return OneOf(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                      "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image", "p", "li",
                      "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc", "thead",
                      "tbody", "tfoot", "colgroup", "caption", "html", "head", "body"});
}

// Elements whose content is text up to their end tag.
bool IsRawText(std::string_view name) {
  return OneOf(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

}  // namespace

Status CheckHtmlLimits(std::string_view h) {
  size_t depth = 0;
  size_t i = 0;
  char name[16];
  while ((i = h.find('<', i)) != std::string_view::npos) {
    if (h.substr(i, 4) == "<!--") {
      const size_t end = h.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (i + 1 < h.size() && (h[i + 1] == '!' || h[i + 1] == '?')) {
      i = h.find('>', i);
      continue;
    }
    const bool closing = i + 1 < h.size() && h[i + 1] == '/';
    size_t j = i + 1 + closing;
    size_t n = 0;
    while (j < h.size() && IsNameChar(h[j])) {
      if (n < sizeof name) name[n] = LowerAscii(h[j]);
      ++n, ++j;
    }
    if (n == 0) {  // A '<' in text.
      ++i;
      continue;
    }
    const std::string_view tag(name, n < sizeof name ? n : 0);  // Long names: an unknown element.
    // The rest of the tag, counting attributes outside quoted values.
    size_t attrs = 0;
    char quote = 0;
    bool gap = true;
    for (; j < h.size(); ++j) {
      const char c = h[j];
      if (quote != 0) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '>') break;
      if (c == '"' || c == '\'') {
        quote = c;
      } else if (IsTagSpace(c)) {
        gap = true;
      } else if (gap && c != '=' && c != '/') {
        if (++attrs > kMaxHtmlAttributes) {
          return Status::InvalidArgument("HTML tag with more than " + std::to_string(kMaxHtmlAttributes) +
                                         " attributes at byte " + std::to_string(i) + "; not parsed");
        }
        gap = false;
      } else {
        gap = c == '=';
      }
    }
    if (j >= h.size()) break;
    const bool self_closing = h[j - 1] == '/';
    i = j + 1;
    if (closing) {
      if (!DoesNotNest(tag) && depth > 0) --depth;
      continue;
    }
    if (!DoesNotNest(tag) && !self_closing && ++depth > kMaxHtmlDepth) {
      return Status::InvalidArgument("HTML nested more than " + std::to_string(kMaxHtmlDepth) +
                                     " elements deep at byte " + std::to_string(i) + "; not parsed");
    }
    if (IsRawText(tag)) {  // Its content is text: skip to its end tag.
      size_t k = i;
      while ((k = h.find("</", k)) != std::string_view::npos) {
        size_t m = 0;
        while (m < tag.size() && k + 2 + m < h.size() && LowerAscii(h[k + 2 + m]) == tag[m]) ++m;
        if (m == tag.size()) break;
        k += 2;
      }
      if (k == std::string_view::npos) break;
      i = k;  // The end tag is read as an ordinary closing tag next.
    }
  }
  return Status::Ok();
}

Status ExtractHtml(std::string_view html, HtmlContent* out) {
  *out = HtmlContent{};
  if (Status st = CheckHtmlLimits(html); !st.ok()) return st;
  GumboOptions opts = kGumboDefaultOptions;
  opts.max_errors = 0;  // We never look at parse errors; don't collect them.
  GumboOutput* g = gumbo_parse_with_options(&opts, html.data(), html.size());
  if (g == nullptr) return Status::Ok();
  Extractor(out).Run(g->root);
  gumbo_destroy_output(&opts, g);
  return Status::Ok();
}

}  // namespace rasd::ingest
