// Memoised TokenKeys: the keys of a text token depend only on the token's
// own text (kind, norm, stem, enclitic, proclitics), and news text repeats
// its words, so each thread remembers the keys of the words it has seen
// (a bounded StringMemo, src/core/string_memo.h). The keys are computed by
// TokenKeys itself on a miss, so any change to the key rules in keys.cc
// takes effect here unchanged. docs/performance.md.
#ifndef RASD_LEXICON_KEY_MEMO_H_
#define RASD_LEXICON_KEY_MEMO_H_

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/string_memo.h"
#include "lexicon/keys.h"

namespace rasd::lexicon {

// Exactly TokenKeys(tok, out, scratch), from this thread's memo when the same
// token text was seen before.
void MemoTokenKeys(const text::Token& tok, std::vector<TokenKey>* out, std::vector<std::string>* scratch);

// One key of a token, as a view (DocumentKeys).
struct KeyView {
  std::string_view key;
  uint8_t cls;  // MatchClass bit
};

// The keys of every token of a document, computed once (MemoTokenKeys) for
// all the passes that match dictionary phrases, as views into one buffer:
// no string per key and per pass.
class DocumentKeys {
 public:
  // Computes the keys of toks; keeps its buffers for the next document.
  void Build(std::span<const text::Token> toks, std::vector<std::string>* scratch);
  // Token t's keys, in TokenKeys order; valid until the next Build.
  std::span<const KeyView> operator[](size_t t) const {
    return std::span<const KeyView>(views_.data() + first_[t], first_[t + 1] - first_[t]);
  }

 private:
  std::string packed_;
  std::vector<KeyView> views_;
  std::vector<uint32_t> first_;  // per token, into views_, and the end
};

// The memo key of a token: every field TokenKeys may read except positions.
void TokenMemoKey(const text::Token& tok, std::string* key);

// This thread's memo (tests: hits, misses, size); values are the keys packed
// into one string.
StringMemo<std::string>& ThreadTokenKeyMemo();

}  // namespace rasd::lexicon

#endif  // RASD_LEXICON_KEY_MEMO_H_
