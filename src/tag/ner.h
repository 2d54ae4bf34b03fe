// Statistical named-entity recognition: PERS, LOC, ORG, MISC in BIO tags.
//
// A linear-chain model trained as an averaged structured perceptron and
// decoded with Viterbi under BIO constraints (an I-X only after B-X or I-X).
// Each token's score for a label is the sum of the weights of its hashed
// observation features (ner_features.h) for that label; a transition matrix
// scores label bigrams. Weights live in a fixed table of 2^bits slots, one
// row of int16 weights (all labels) per slot, so a feature costs one cache
// line. The model file carries everything the features need (gazetteer,
// word clusters), so it is one self-contained, versioned artefact. Training:
// ner_train.h; design, figures and the file format: docs/ner.md.
//
// Thread-safety: a loaded NerTagger is immutable; Tag() is const and may run
// on many threads at once, each with its own NerScratch.
#ifndef RASD_TAG_NER_H_
#define RASD_TAG_NER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/huge_pages.h"
#include "rasd/document.h"
#include "rasd/pipeline.h"
#include "rasd/status.h"
#include "rasd/text.h"
#include "tag/ner_features.h"
#include "tag/ner_lstm.h"
#include "tag/ner_resources.h"

namespace rasd::tag {

// "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC".
const std::vector<std::string>& NerLabels();
inline constexpr int kMaxNerLabels = 32;

// A document for the tagger: its tokens and where each sentence starts
// (bounds[k] .. bounds[k + 1] is sentence k; bounds.back() == tokens.size()).
struct NerDocument {
  std::span<const text::Token> tokens;
  std::span<const uint32_t> bounds;
};

// One linear model: hashed feature weights per label, label transitions.
struct NerStage {
  uint32_t groups = kFeatAll;
  float scale = 1.0f;
  std::vector<int16_t> weights;  // [slot * labels + label] * scale
  std::vector<float> trans;      // [(labels + 1) * labels], row `labels` = sentence start
};

class NerTagger {
 public:
  // Version 4: Viterbi stages with transitions, optional document stage,
  // embedded gazetteer and clusters, zstd-compressed int16 weights, and an
  // optional neural scorer (ner_lstm.h). Version 3 files (no neural
  // section) are still read.
  static constexpr uint32_t kFormatVersion = 4;

  // An untrained one-stage model (all weights zero: tags everything O).
  NerTagger();
  // Never throws: a missing, truncated, damaged or foreign file, or another
  // format version, is a Status naming the path and the reason.
  static Result<NerTagger> Load(const std::string& path);
  // The same from bytes in memory; `name` is used in messages.
  static Result<NerTagger> FromBytes(std::string_view data, const std::string& name);
  Status Save(const std::string& path) const;
  std::string Serialize() const;

  const std::vector<std::string>& labels() const { return labels_; }
  // The entity type of a label ("PERS"), empty for O.
  std::string_view Type(int label) const;
  bool IsBegin(int label) const { return labels_[label][0] == 'B'; }
  // True when label `to` may follow `from` (-1: sentence start) under BIO.
  bool Allowed(int from, int to) const;
  // The same as a table [from * labels + to], row `labels` the sentence start.
  const std::vector<int8_t>& allowed() const { return allowed_; }

  // Tags a whole document: the first stage tags each sentence; a second
  // stage, when the model has one, tags again knowing what the first said
  // about the same words elsewhere within doc_window() sentences; then,
  // unless set_propagate(false), the consistency pass (ner_propagate.h).
  // tags receives label indices (0 = O) for all tokens.
  void TagDocument(const NerDocument& doc, NerScratch* scratch, std::vector<int>* tags) const;
  // One sentence as a document of its own. Tokens carry norm/stem/proclitics
  // from a Segmenter, as the pipeline's Tokenize makes them.
  void Tag(std::span<const text::Token> toks, NerScratch* scratch, std::vector<int>* tags) const;
  // Convenience over raw words: normalises and segments them with
  // segmenter() first. Uses a thread-local scratch.
  void Tag(const std::vector<std::string_view>& words, std::vector<int>* tags) const;

  // The segmenter used by the word-based Tag (injectable: the CLI passes the
  // lexicon-backed one the pipeline uses; default: article stripping only).
  void set_segmenter(text::Segmenter seg) { segmenter_ = std::move(seg); }
  const text::Segmenter& segmenter() const { return segmenter_; }

  NerFeatureExtractor extractor() const {
    return NerFeatureExtractor(gaz_.get(), clusters_.get(), stages_[0].groups);
  }
  uint32_t hash_bits() const { return bits_; }
  size_t stages() const { return stages_.size(); }
  uint32_t doc_window() const { return doc_window_; }
  const Gazetteer* gazetteer() const { return gaz_.get(); }
  const WordClusters* clusters() const { return clusters_.get(); }
  // Weight rows with a non-zero weight, over all stages (for reports).
  size_t UsedSlots() const;

  // The neural scorers (none: the linear model alone). With some, the last
  // stage's label scores become the mean of the scorers' + linear_weight *
  // linear (and so do the transitions).
  void set_neural(std::vector<std::shared_ptr<const LstmNer>> neural, float linear_weight = 1.0f);
  void set_neural(std::shared_ptr<const LstmNer> neural, float linear_weight = 1.0f) {
    std::vector<std::shared_ptr<const LstmNer>> v;
    if (neural) v.push_back(std::move(neural));
    set_neural(std::move(v), linear_weight);
  }
  // The document consistency pass after tagging (ner_propagate.h), within
  // kPropagateWindow sentences; on by default.
  static constexpr uint32_t kPropagateWindow = 20;
  void set_propagate(bool on) { propagate_ = on; }
  bool propagate() const { return propagate_; }

  const LstmNer* neural(size_t k = 0) const { return k < neural_.size() ? neural_[k].get() : nullptr; }
  size_t neural_count() const { return neural_.size(); }
  float linear_weight() const { return linear_weight_; }

 private:
  friend class NerModelBuilder;
  void FinishLabels();
  // Builds joint_ from the stages' weights (after any change to them).
  void BuildJointTable();
  // Integer row sums of tokens [begin, end) over all stages at once:
  // scratch->sums[token * joint_stride_ + stage * labels + label].
  void SumJointRows(NerScratch* s, uint32_t begin, uint32_t end) const;
  // The second stage over a document the first has tagged (*tags): reads
  // the first stage's row sums left in *s and retags every sentence.
  void TagDocumentStage(const NerDocument& doc, NerScratch* s, std::vector<int>* tags) const;
  // Replaces s->emit (the last stage's scores for tokens [b, e)) by the mix
  // with the neural scorer's; returns the mixed transitions.
  const float* MixNeural(std::span<const text::Token> toks, uint32_t b, uint32_t e, NerScratch* s) const;

  uint32_t bits_ = 10;
  uint32_t doc_window_ = 0;
  std::vector<std::string> labels_;
  std::vector<int8_t> allowed_;  // [(L + 1) * L], row L = sentence start
  std::shared_ptr<const Gazetteer> gaz_;
  std::shared_ptr<const WordClusters> clusters_;
  std::vector<NerStage> stages_;  // 1 or 2
  // The stages' weight rows interleaved, one joint row per slot: [slot *
  // joint_stride_ + stage * labels + label], padded with zeros to a multiple
  // of 8, so one fetch gives a feature's weights for both stages
  // (docs/performance.md). Derived from stages_ by BuildJointTable().
  // In huge pages where the system allows (src/core/huge_pages.h).
  std::vector<int16_t, HugePageAllocator<int16_t>> joint_;
  uint32_t joint_stride_ = 0;
  text::Segmenter segmenter_;
  std::vector<std::shared_ptr<const LstmNer>> neural_;
  float linear_weight_ = 1.0f;
  std::vector<float> mixed_trans_;  // mean of the neural scorers' + linear_weight * last stage's
  bool any_vectors_ = false;        // a scorer reads word vectors (needs the stems' hashes)
  bool propagate_ = true;
};

// Builds a NerTagger from trained float weights (ner_train.cc).
class NerModelBuilder {
 public:
  struct FloatStage {
    uint32_t groups = kFeatAll;
    std::vector<float> weights, trans;
  };
  static NerTagger Build(uint32_t bits, uint32_t doc_window, std::shared_ptr<const Gazetteer> gaz,
                         std::shared_ptr<const WordClusters> clusters, const std::vector<FloatStage>& stages);
};

// Slot of a feature hash in a table of 2^bits rows.
inline uint32_t NerSlot(uint64_t feature, uint32_t bits) {
  return static_cast<uint32_t>(Mix64(feature) >> (64 - bits));
}

// Viterbi over `n` tokens and `L` labels: emit [n * L], trans [(L + 1) * L]
// (row L = sentence start; -inf forbids). Writes the best path to *tags.
void ViterbiDecode(const float* emit, size_t n, size_t L, const float* trans, NerScratch* scratch,
                   std::vector<int>* tags);

// Normalises and segments raw words into scratch->tokens (views into
// scratch->storage), classifying each word's script as the tokenizer would.
void PrepareTokens(std::span<const std::string> words, const text::Segmenter& seg, NerScratch* scratch);
void PrepareTokens(std::span<const std::string_view> words, const text::Segmenter& seg, NerScratch* scratch);

// Tags every sentence of an analysed document (tokens as the pipeline made
// them) and appends kEntity mentions (type PERS/LOC/ORG/MISC, rule "ner")
// whose spans cover the original text.
void AppendEntityMentions(const NerTagger& ner, const Document& doc, const Workspace& ws,
                          std::vector<Mention>* out);

}  // namespace rasd::tag

#endif  // RASD_TAG_NER_H_
