// Matching keys: how dictionary phrases and text tokens meet.
//
// A dictionary entry's token becomes its key by normalisation and removal of
// a leading definite article (EntryTokenKey). A text token offers a short list
// of keys (TokenKeys): its clitic-free stem (exact), the stem with regular
// noun inflections removed (noun: ة ات ون ين ان تان تين and accusative ا),
// and verb analyses from text::VerbCandidates (verb). Each entry says which
// key classes may reach it, so names only match exactly while nisba
// adjectives, role nouns and triggers also match their inflected forms.
#ifndef RASD_LEXICON_KEYS_H_
#define RASD_LEXICON_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/text.h"

namespace rasd::lexicon {

// Key of one word of a dictionary phrase ("الدفاع" -> "دفاع").
std::string EntryTokenKey(std::string_view word);
// Splits a dictionary phrase into normalised words (letters and digits).
std::vector<std::string> EntryWords(std::string_view phrase);
// Regular noun-inflection reductions of a key (without the key itself).
void NounReductions(std::string_view key, std::vector<std::string>* out);

struct TokenKey {
  std::string key;
  uint8_t cls;  // MatchClass bit
};

// Keys of a text token, most literal first. `out` is cleared; its strings
// keep their capacity between calls.
void TokenKeys(const text::Token& tok, std::vector<TokenKey>* out, std::vector<std::string>* scratch);

}  // namespace rasd::lexicon

#endif  // RASD_LEXICON_KEYS_H_
