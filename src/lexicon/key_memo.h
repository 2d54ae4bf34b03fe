// Memoised TokenKeys: the keys of a text token depend only on the token's
// own text (kind, norm, stem, enclitic, proclitics), and news text repeats
// its words, so each thread remembers the keys of the words it has seen
// (a bounded StringMemo, src/core/string_memo.h). The keys are computed by
// TokenKeys itself on a miss, so any change to the key rules in keys.cc
// takes effect here unchanged. docs/performance.md.
#ifndef RASD_LEXICON_KEY_MEMO_H_
#define RASD_LEXICON_KEY_MEMO_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/string_memo.h"
#include "lexicon/keys.h"

namespace rasd::lexicon {

// Exactly TokenKeys(tok, out, scratch), from this thread's memo when the same
// token text was seen before.
void MemoTokenKeys(const text::Token& tok, std::vector<TokenKey>* out, std::vector<std::string>* scratch);

// The memo key of a token: every field TokenKeys may read except positions.
void TokenMemoKey(const text::Token& tok, std::string* key);

// This thread's memo (tests: hits, misses, size); values are the keys packed
// into one string.
StringMemo<std::string>& ThreadTokenKeyMemo();

}  // namespace rasd::lexicon

#endif  // RASD_LEXICON_KEY_MEMO_H_
