// Feature extraction for the NER: each token of a sentence becomes a list of
// hashed, label-independent observation features (the label and the previous
// label are combined with them by the model, see ner.h).
//
// Feature groups (bits of `NerFeatures`), all documented in docs/ner.md:
//   word     normalised form, clitic-free stem, proclitic flags, enclitic
//   affix    prefixes and suffixes of 1-4 letters (word) and 1-3 (stem)
//   ngram    character trigrams of the stem
//   shape    script, digits, length
//   context  words and stems at -2..+2, neighbours' affixes and clitics
//   bigram   stem bigrams around the token
//   gazetteer  multi-token gazetteer matches at -1..+1, stem in a name list
//   cluster  distributional clusters at -2..+2 (three granularities), corpus
//            frequency bucket
//   prior    the corpus prior of the stem and its neighbours (WordClusters)
//   document (second stage) the first stage's labels for other occurrences of
//            the same stem within a window of sentences, at -1..+1
//
// Thread-safety: an extractor is immutable; each thread passes its own scratch.
#ifndef RASD_TAG_NER_FEATURES_H_
#define RASD_TAG_NER_FEATURES_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/text.h"
#include "tag/ner_hash.h"
#include "tag/ner_lstm.h"
#include "tag/ner_resources.h"

namespace rasd::tag {

enum NerFeatures : uint32_t {
  kFeatWord = 1u << 0,
  kFeatAffix = 1u << 1,
  kFeatNgram = 1u << 2,
  kFeatShape = 1u << 3,
  kFeatContext = 1u << 4,
  kFeatBigram = 1u << 5,
  kFeatGazetteer = 1u << 6,
  kFeatCluster = 1u << 7,
  kFeatAll = (1u << 8) - 1,  // the groups of a sentence-level model
  // Second stage only: what the first stage said about other occurrences of
  // the token's stem nearby in the document (DocumentCodes).
  kFeatDocument = 1u << 8,
  // How a first tagger labelled the stem across an unlabelled corpus
  // (WordClusters::Prior), at -1..+1.
  kFeatPrior = 1u << 9,
  kFeatSentence = kFeatAll | kFeatPrior,  // every group a first stage may use
};
// "word,affix,..." <-> bits; ParseFeatureGroups returns false on an unknown name.
bool ParseFeatureGroups(std::string_view list, uint32_t* groups);
std::string FeatureGroupNames(uint32_t groups);

// Per-thread buffers reused from sentence to sentence (no allocation per
// token once they have grown).
struct NerScratch {
  std::vector<uint64_t> feats;                       // all tokens' feature hashes
  std::vector<uint32_t> offsets;                     // token i: feats[offsets[i], offsets[i + 1])
  std::vector<uint64_t> doc_feats;                   // second stage: document features, 4 a token
  std::vector<uint16_t> doc_codes;                   // DocumentCodes
  std::vector<std::array<uint32_t, 4>> occurrences;  // DocumentCodes: key hi, key lo, sentence, token
  std::vector<int> first_tags;                       // first-stage labels
  std::vector<uint8_t> gazetteer;                    // Gazetteer::Match marks
  std::vector<const WordClusters::Entry*> clusters;
  std::vector<uint8_t> priors;
  std::vector<uint64_t> stem_hashes;  // Fnv1a of each token's stem (Prepare)
  // ContextHashes: per padded position, word and stem under 5 seeds, stem pairs under 4.
  std::vector<uint64_t> word_hashes, stem_ctx_hashes, pair_hashes;
  std::vector<uint16_t> lengths;     // code points per token
  std::vector<float> emit;           // emission scores [token * labels + label]
  std::vector<uint32_t> rows;        // weight-table slot of each of feats
  std::vector<int32_t> sums;         // joint row sums [token * stride + stage * labels + label]
  std::vector<float> scores;         // decoder: path scores
  std::vector<uint8_t> back;         // decoder: back pointers
  std::vector<std::string> storage;  // PrepareTokens: normalised words
  std::vector<text::Token> tokens;
  // Neural scorer: a sentence's embedding rows, their offsets, its scores.
  std::vector<uint32_t> neural_slots, neural_offsets;
  std::vector<uint64_t> neural_stems;  // FNV-1a of each token's stem
  std::vector<float> neural_emit;
  LstmScratch lstm;
  // PropagateEntities: the document's entities (begin, end, sentence, label)
  // and their first words' hashes with the entity's index in the low bits.
  std::vector<std::array<uint32_t, 4>> entities;
  std::vector<uint64_t> entity_keys;
};

class NerFeatureExtractor {
 public:
  NerFeatureExtractor(const Gazetteer* gazetteer, const WordClusters* clusters, uint32_t groups)
      : gaz_(gazetteer), clusters_(clusters), groups_(groups) {}

  // Fills scratch->feats and scratch->offsets for the sentence.
  void Extract(std::span<const text::Token> toks, NerScratch* scratch) const;
  // The same for every sentence of a document (bounds: sentence starts, then
  // the end), appending: offsets index all the document's tokens.
  void ExtractDocument(std::span<const text::Token> toks, std::span<const uint32_t> bounds,
                       NerScratch* scratch) const;
  // The features of token i as readable "name=value" strings (tests, debugging).
  std::vector<std::string> Describe(std::span<const text::Token> toks, size_t i) const;

  uint32_t groups() const { return groups_; }

  // Second stage. For each token, a code summarising the first-stage labels
  // (`tags`, label indices into `labels`) of the other tokens with the same
  // stem within `window` sentences: no key (short or punctuation), no other
  // occurrence, all O, or the most frequent entity type with whether it is
  // the majority and whether it mostly begins an entity.
  static void DocumentCodes(std::span<const text::Token> toks, std::span<const uint32_t> bounds,
                            std::span<const int> tags, const std::vector<std::string>& labels,
                            uint32_t window, NerScratch* scratch);
  // Four hashed features a token from the codes: its own, its neighbours',
  // and its own with the previous one. Fills scratch->doc_feats.
  static void DocumentFeatures(std::span<const uint16_t> codes, std::span<const uint32_t> bounds,
                               std::vector<uint64_t>* out);
  static constexpr uint32_t kDocFeaturesPerToken = 4;
  static constexpr size_t kMaxDocLabels = 32;
  static std::string DescribeDocumentCode(uint16_t code);
  // How many of each token's features, at its start, name the word itself
  // (its form and stem); training hides them at random to learn from context.
  uint32_t IdentityFeatures() const { return (groups_ & kFeatWord) ? 2 : 0; }

 private:
  void Prepare(std::span<const text::Token> toks, NerScratch* s) const;
  static void ContextHashes(std::span<const text::Token> toks, NerScratch* s);
  // Emit's two parts: the features of the token alone (word, affixes,
  // n-grams, shape), which ExtractDocument remembers per distinct token, and
  // those of its context.
  static constexpr unsigned kOwnPart = 1, kContextPart = 2;
  template <typename Sink>
  void Emit(std::span<const text::Token> toks, size_t i, const NerScratch& s, Sink* sink,
            unsigned parts = kOwnPart | kContextPart) const;

  const Gazetteer* gaz_;
  const WordClusters* clusters_;
  uint32_t groups_;
};

}  // namespace rasd::tag

#endif  // RASD_TAG_NER_FEATURES_H_
