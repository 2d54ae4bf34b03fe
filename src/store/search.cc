#include "store/search.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "rasd/text.h"

namespace rasd::store {
namespace {

// Normalised single-letter proclitics (two bytes each in UTF-8).
constexpr std::string_view kConjunctions[] = {"\xd9\x88", "\xd9\x81"};              // و ف
constexpr std::string_view kPrepositions[] = {"\xd8\xa8", "\xd9\x84", "\xd9\x83"};  // ب ل ك
constexpr std::string_view kArticle = "\xd8\xa7\xd9\x84";                           // ال

size_t Letters(std::string_view s) { return text::CountCodePoints(s); }

// Adds `s` and what is left of it after removing a leading article (ال) when
// at least three letters remain.
void AddWithArticle(std::string_view s, std::vector<std::string>* out) {
  out->emplace_back(s);
  if (s.substr(0, kArticle.size()) == kArticle && Letters(s.substr(kArticle.size())) >= 3) {
    out->emplace_back(s.substr(kArticle.size()));
  }
  // لل = preposition ل + article with its alef elided (للجزائر).
  if (s.substr(0, 4) == "\xd9\x84\xd9\x84" && Letters(s.substr(4)) >= 3) out->emplace_back(s.substr(4));
}

// Keeps (*out)[0] == norm first and removes repeats.
void Dedupe(std::string_view norm, std::vector<std::string>* out) {
  std::sort(out->begin() + 1, out->end());
  out->erase(std::unique(out->begin() + 1, out->end()), out->end());
  out->erase(std::remove(out->begin() + 1, out->end(), std::string(norm)), out->end());
}

// Forms of one token: its normalised form, its segmenter stem, the form
// without an article, and the forms with a leading conjunction (و ف) or
// preposition (ب ل ك) stripped, each only when three letters remain.
// Documents (`document`) also get conjunction + preposition (وب، فل ...);
// a query strips one layer only, so that a query word's own letters are not
// eaten twice (ولاية -> لايه, not ايه).
void TokenForms(const text::Token& tok, bool document, std::vector<std::string>* out) {
  out->clear();
  if (tok.kind != text::TokenKind::kArabic) {
    // Latin words and numbers: ASCII letters and digits only (3.5 -> 35), so
    // that every form is one token to the FTS5 'ascii' tokenizer.
    std::string f;
    for (char c : tok.norm) {
      if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)))
        f.push_back(c);
    }
    if (!f.empty()) out->push_back(std::move(f));
    return;
  }
  out->emplace_back(tok.norm);
  if (!tok.stem.empty() && tok.stem != tok.norm) out->emplace_back(tok.stem);
  const std::string_view w = tok.norm;
  AddWithArticle(w, out);
  auto strip = [](std::string_view s, std::string_view prefix) -> std::string_view {
    if (s.substr(0, prefix.size()) == prefix && Letters(s.substr(prefix.size())) >= 3)
      return s.substr(prefix.size());
    return {};
  };
  for (std::string_view c : kConjunctions) {
    const std::string_view rest = strip(w, c);
    if (rest.empty()) continue;
    AddWithArticle(rest, out);
    if (!document) continue;
    for (std::string_view p : kPrepositions) {
      const std::string_view rest2 = strip(rest, p);
      if (!rest2.empty()) AddWithArticle(rest2, out);
    }
  }
  for (std::string_view p : kPrepositions) {
    const std::string_view rest = strip(w, p);
    if (!rest.empty()) AddWithArticle(rest, out);
  }
  Dedupe(tok.norm, out);
}

bool Searchable(const text::Token& t) {
  return t.kind == text::TokenKind::kArabic || t.kind == text::TokenKind::kLatin ||
         t.kind == text::TokenKind::kNumber;
}

void TokenizeText(std::string_view s, text::NormalizedText* nt, std::vector<text::Token>* toks) {
  static const text::Segmenter kSegmenter;  // Default: no stem list, article chains only.
  text::Normalize(s, nt);
  toks->clear();
  text::Tokenize(*nt, 0, static_cast<uint32_t>(nt->text.size()), kSegmenter, toks);
}

bool FormMatches(const std::string& form, const QueryWord& w) {
  for (const std::string& f : w.forms) {
    if (w.prefix ? form.compare(0, f.size(), f) == 0 : form == f) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> IndexTerms(std::string_view s) {
  std::string valid;
  text::SanitizeUtf8(s, &valid);
  text::NormalizedText nt;
  std::vector<text::Token> toks;
  TokenizeText(valid, &nt, &toks);
  std::unordered_set<std::string> seen;
  std::vector<std::string> terms, forms;
  for (const text::Token& t : toks) {
    if (!Searchable(t)) continue;
    TokenForms(t, /*document=*/true, &forms);
    for (std::string& f : forms) {
      if (seen.insert(f).second) terms.push_back(std::move(f));
    }
  }
  return terms;
}

Result<std::vector<QueryWord>> ParseSearchQuery(std::string_view q) {
  std::string valid;
  text::SanitizeUtf8(q, &valid);
  text::NormalizedText nt;
  std::vector<text::Token> toks;
  TokenizeText(valid, &nt, &toks);
  std::vector<QueryWord> words;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (!Searchable(toks[i])) continue;
    QueryWord w;
    TokenForms(toks[i], /*document=*/false, &w.forms);
    if (w.forms.empty()) continue;
    // '*' directly after the word (no space) makes it a prefix.
    if (i + 1 < toks.size() && toks[i + 1].norm == "*" && toks[i + 1].nbegin == toks[i].nend) w.prefix = true;
    words.push_back(std::move(w));
    if (words.size() > 32) return Status::InvalidArgument("too many words (at most 32)");
  }
  if (words.empty()) return Status::InvalidArgument("no searchable word in '" + valid + "'");
  return words;
}

std::string Fts5Expression(const std::vector<QueryWord>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += " AND ";
    out += '(';
    for (size_t j = 0; j < words[i].forms.size(); ++j) {
      if (j) out += " OR ";
      out += '"';
      for (char c : words[i].forms[j]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
      if (words[i].prefix) out += '*';
    }
    out += ')';
  }
  return out;
}

std::string PgArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::optional<std::pair<size_t, size_t>> FirstMatch(std::string_view s, const std::vector<QueryWord>& words) {
  text::NormalizedText nt;
  std::vector<text::Token> toks;
  TokenizeText(s, &nt, &toks);
  std::vector<std::string> forms;
  for (const text::Token& t : toks) {
    if (!Searchable(t)) continue;
    TokenForms(t, /*document=*/true, &forms);
    for (const std::string& f : forms) {
      for (const QueryWord& w : words) {
        if (FormMatches(f, w)) {
          return std::make_pair(text::CountCodePoints(s.substr(0, t.span.begin)),
                                text::CountCodePoints(s.substr(0, t.span.end)));
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace rasd::store
