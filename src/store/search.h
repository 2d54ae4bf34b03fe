// Arabic-aware full-text search terms, shared by both backends so they match
// exactly the same documents (docs/store.md, "Full-text search").
//
// A document is indexed under, for every word: its normalised form
// (text::NormalizeString rules), its stem from text::Tokenize with a default
// text::Segmenter (the article chain ال/وال/بال/لل... stripped), and the forms
// left after stripping a leading conjunction (و ف) and/or preposition (ب ل ك)
// when at least three letters remain. A query word matches when any of its own
// forms (the same, but stripping at most one of و ف ب ل ك) is among a
// document's terms, so والجزائر, الجزائرُ, جزائر and وسرت find الجزائر / سرت,
// and الجزائر finds وبالجزائر.
//
// Internal to src/store/. Thread-safety: free functions, reentrant.
#ifndef RASD_STORE_SEARCH_H_
#define RASD_STORE_SEARCH_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rasd/status.h"

namespace rasd::store {

// Distinct index terms of a text, in first-seen order.
std::vector<std::string> IndexTerms(std::string_view text);

struct QueryWord {
  std::vector<std::string> forms;  // Any of these matches (OR).
  bool prefix = false;             // Trailing '*': forms are prefixes.
};

// Splits and normalises a query. Every word must match (AND). InvalidArgument
// when nothing searchable remains (only punctuation, say).
Result<std::vector<QueryWord>> ParseSearchQuery(std::string_view q);

// FTS5 MATCH expression for the words: ("a" OR "b") AND ("c"*).
std::string Fts5Expression(const std::vector<QueryWord>& words);

// PostgreSQL text[] literal: {"a","b"}.
std::string PgArrayLiteral(const std::vector<std::string>& items);

// The first word of `text` that matches one of `words`, as a code-point range
// into `text`; nullopt when none does.
std::optional<std::pair<size_t, size_t>> FirstMatch(std::string_view text,
                                                    const std::vector<QueryWord>& words);

}  // namespace rasd::store

#endif  // RASD_STORE_SEARCH_H_
