// Statistical named-entity recognition (PERS, LOC, ORG, MISC; BIO tags).
//
// An averaged perceptron with greedy left-to-right decoding under BIO
// constraints, over hashed features of the token and its context: normalised
// form, clitic-free stem, affixes, shape, neighbouring words and stems, the
// previous tags, and whether the compiled lexicon knows the stem as a person,
// place, organisation or country. Chosen for accuracy per CPU cost: one pass,
// ~30 feature lookups per token, no allocation per token. See docs/ner.md.
//
// Model file (data/models/ner.model): "RASDNER\0", u32 version, u32 hash bits,
// u32 label count, labels (u16 length + bytes), f32 scale, i16 weights
// [slot * labels + label], u64 FNV-1a checksum of all preceding bytes.
//
// Thread-safety: a loaded NerTagger is immutable; Tag() is const.
#ifndef RASD_TAG_NER_H_
#define RASD_TAG_NER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/document.h"
#include "rasd/pipeline.h"
#include "rasd/status.h"
#include "rasd/text.h"

namespace rasd::lexicon {
class Lexicon;
}

namespace rasd::tag {

inline constexpr uint32_t kNerVersion = 2;  // 2: weights laid out [slot][label]

// One token as the tagger sees it.
struct NerToken {
  std::string_view norm;  // normalised form
  std::string_view stem;  // clitic-free stem
  uint8_t proclitics = 0;
};

class NerTagger {
 public:
  NerTagger();
  static Result<NerTagger> Load(const std::string& path);
  Status Save(const std::string& path) const;

  const std::vector<std::string>& labels() const { return labels_; }
  // Tags a sentence; `tags` receives label indices (0 = "O").
  void Tag(const std::vector<NerToken>& toks, const lexicon::Lexicon* lex, std::vector<int>* tags) const;

  struct TrainOptions {
    int epochs = 8;
    uint32_t hash_bits = 17;
    uint32_t seed = 13;
  };
  // Sentences of tokens with gold label strings (BIO).
  static NerTagger Train(const std::vector<std::vector<NerToken>>& sents,
                         const std::vector<std::vector<std::string>>& gold, const lexicon::Lexicon* lex,
                         const TrainOptions& opts);

  // Feature hashes of token i (without the label), for tests and training.
  // What the lexicon says of each token, computed once per sentence.
  struct LexInfo {
    std::string cls;   // letters: h person, l place, o org, c country, a role, G/L/O gazetteer, P prefix
    std::string_view known;  // "dict", "word", "unk"
    std::string_view cluster;  // distributional cluster ("k17"), or empty
  };
  static void LexInfos(const std::vector<NerToken>& toks, const lexicon::Lexicon* lex, std::vector<LexInfo>* out);
  static void Features(const std::vector<NerToken>& toks, size_t i, const std::vector<int>& prev_tags,
                       const std::vector<std::string>& labels, const lexicon::Lexicon* lex,
                       std::vector<uint64_t>* out, std::vector<std::string>* names = nullptr,
                       const std::vector<LexInfo>* info = nullptr);
  // True when label `to` may follow label `from` under BIO.
  static bool Allowed(const std::vector<std::string>& labels, int from, int to);

 private:
  uint32_t bits_ = 17;
  std::vector<std::string> labels_;
  std::vector<float> w_;  // [label][slot]
};

// Tags every sentence of an analysed document and appends kEntity mentions.
void AppendEntityMentions(const NerTagger& ner, const lexicon::Lexicon* lex, const Workspace& ws,
                          std::vector<Mention>* out);

// Reads CoNLL (token first column, blank line between sentences). Gold tags
// from the last column when `with_tags`.
Status ReadConll(const std::string& path, bool with_tags, std::vector<std::vector<std::string>>* words,
                 std::vector<std::vector<std::string>>* tags);

// Segments raw words into NerTokens (normalised, clitic-free) with the
// segmenter; `storage` keeps the strings alive.
void PrepareTokens(const std::vector<std::string>& words, const text::Segmenter& seg,
                   std::vector<std::string>* storage, std::vector<NerToken>* out);

}  // namespace rasd::tag

#endif  // RASD_TAG_NER_H_
