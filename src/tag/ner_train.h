// Training the NER: averaged structured perceptrons (Collins 2002) with
// Viterbi decoding under the same BIO constraints as tagging. Deterministic:
// the sentence order of each epoch and word dropout come from seeded
// generators.
//
// With document features, training is stacked (Krishnan & Manning 2006):
// the first stage is trained k times on k-1 folds of the data to label the
// held-out fold, so the second stage learns from first-stage labels as noisy
// as the ones it will see on new text; then both stages are trained on all
// of it.
#ifndef RASD_TAG_NER_TRAIN_H_
#define RASD_TAG_NER_TRAIN_H_

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "rasd/status.h"
#include "rasd/text.h"
#include "tag/conll.h"
#include "tag/ner.h"

namespace rasd::tag {

// A CoNLL corpus made ready for the tagger, as one document: normalised,
// segmented tokens (views into `norms`), sentence bounds and label indices.
// Not copyable (the views).
struct NerCorpus {
  NerCorpus() = default;
  NerCorpus(const NerCorpus&) = delete;
  NerCorpus& operator=(const NerCorpus&) = delete;
  NerCorpus(NerCorpus&&) = default;
  NerCorpus& operator=(NerCorpus&&) = default;

  std::vector<std::string> norms;
  std::vector<text::Token> tokens;
  std::vector<uint32_t> bounds = {0};  // sentence starts, then the end
  std::vector<int> gold;               // indices into NerLabels()
  std::vector<std::vector<std::string>> gold_tags;  // per sentence
  size_t sentences() const { return bounds.size() - 1; }
  NerDocument document() const { return NerDocument{tokens, bounds}; }
};

// Fails on a tag outside NerLabels().
Status PrepareNerCorpus(const ConllCorpus& conll, const text::Segmenter& seg, NerCorpus* out);

// Tags `corpus` as one document and scores it against its gold tags;
// *seconds (optional) receives the time spent tagging, *predicted (optional)
// the predicted tags, one vector a sentence.
EntityScorer EvaluateNer(const NerTagger& model, const NerCorpus& corpus, double* seconds = nullptr,
                         std::vector<std::vector<std::string>>* predicted = nullptr);

// The neural scorer's training data: `base`'s sentence features of every
// token of `corpus`, as rows of a 2^bits embedding table, with gold labels.
void LstmFeatures(const NerTagger& base, const NerCorpus& corpus, uint32_t bits, LstmCorpus* out);

// Scores `corpus` tagged by `base` with `neural` mixed in (neural +
// linear_weight * linear; 0: the neural scorer alone), or with several
// (their mean + linear_weight * linear).
EntityScorer EvaluateNeural(const NerTagger& base, const LstmNer& neural, float linear_weight,
                            const NerCorpus& corpus);
EntityScorer EvaluateNeural(const NerTagger& base, const std::vector<std::shared_ptr<const LstmNer>>& neural,
                            float linear_weight, const NerCorpus& corpus);

struct NerTrainOptions {
  int epochs = 12;                 // the last stage's epochs
  int first_stage_epochs = 8;      // the first stage's, when there are two
  uint32_t hash_bits = 18;
  uint32_t groups = kFeatAll;      // of the first stage
  bool document = true;            // train a second, document-level stage
  uint32_t doc_window = 20;        // sentences either side
  int folds = 5;                   // for the first stage's held-out labels
  uint32_t seed = 1;
  // Perceptrons per stage, trained on different shuffles and averaged.
  int ensemble = 1;
  // Probability of hiding a token's identity features (form, stem) during
  // training, so that context, affixes and clusters learn to carry names the
  // model has never seen.
  double word_dropout = 0.2;
  // Cost-augmented training: while learning, every wrong label gets this
  // bonus, so updates go on until the gold path wins by a margin.
  float margin = 0.0f;
  // Corpus priors, when `groups` has kFeatPrior: `corpus` calls its argument
  // once for every document of an unlabelled corpus. First-stage taggers
  // without priors (one on all the data, one per fold for the folds' own
  // features) label it, and each stem's label shares become its prior.
  using CorpusVisitor = std::function<void(const NerDocument&)>;
  std::function<void(const CorpusVisitor&)> corpus;
  // Called after each epoch of the last stage with the averaged model so far;
  // return false to stop early (the model returned is then that epoch's).
  std::function<bool(int epoch, const NerTagger& model)> on_epoch;
  // Progress lines (optional).
  std::function<void(const std::string&)> progress;
};

NerTagger TrainNer(const NerCorpus& train, std::shared_ptr<const Gazetteer> gazetteer,
                   std::shared_ptr<const WordClusters> clusters, const NerTrainOptions& opts);

}  // namespace rasd::tag

#endif  // RASD_TAG_NER_TRAIN_H_
