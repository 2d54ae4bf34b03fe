// A neural scorer for the NER: a bidirectional LSTM over bags of the same
// hashed features the linear model uses (ner_features.h), with a CRF output
// layer (Lample et al. 2016, with feature-bag inputs in place of word and
// character embeddings).
//
// Token t's input is the sum of the embeddings of its features' slots in a
// table of 2^bits rows (x_t, `emb` wide); a forward and a backward LSTM of
// `hidden` units each read the sentence; a linear layer turns [h_fwd; h_bwd]
// into one score per label, and a label transition matrix scores label pairs.
// The linear model sees each feature alone; this one learns how they combine
// and what the whole sentence says around a token.
//
// Inference keeps the embedding table as int8 rows with one scale a row; the
// rest is float. Training (TrainLstmNer) is plain C++ on one thread: exact
// gradients by backpropagation through time and the CRF's forward-backward,
// Adam for the dense weights and row-wise Adagrad for the embeddings.
//
// Thread-safety: a trained LstmNer is immutable; Emissions() is const and may
// run on many threads at once, each with its own LstmScratch.
#ifndef RASD_TAG_NER_LSTM_H_
#define RASD_TAG_NER_LSTM_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/status.h"

namespace rasd::tag {

struct LstmDims {
  uint32_t bits = 16;    // embedding rows: 2^bits
  uint32_t emb = 32;     // embedding width (LSTM input)
  uint32_t hidden = 32;  // units per direction
  uint32_t labels = 9;
  uint32_t vec = 0;  // width of the fixed word vectors beside the features (0: none)
};

// Fixed (pretrained) word vectors, looked up by the FNV-1a hash of a token's
// stem: int8 components with one scale a word, keys sorted.
struct WordVectors {
  uint32_t dim = 0;
  std::vector<uint64_t> keys;
  std::vector<int8_t> q;     // [word * dim]
  std::vector<float> scale;  // [word]
  size_t size() const { return keys.size(); }
  // The word's index, or -1.
  long Find(uint64_t key) const;
  // "# dim N" then word<TAB>components (rasd train ner-clusters --vectors);
  // the first max_words words. Errors name the file and line.
  static Result<WordVectors> LoadTsv(const std::string& path, size_t max_words);
};

// Per-thread buffers for Emissions (reused; no allocation once grown).
struct LstmScratch {
  std::vector<float> x, gates, cells, hidden, z;
};

class LstmNer {
 public:
  LstmNer() = default;
  // A model with every weight zero except the LSTMs', which start at small
  // seeded random values (training's starting point).
  LstmNer(const LstmDims& dims, uint32_t seed);

  const LstmDims& dims() const { return dims_; }
  bool empty() const { return dims_.labels == 0 || wo_.empty(); }

  // Label scores of a sentence of n tokens: token i's features are the
  // embedding rows slots[offsets[i], offsets[i + 1]) (offsets has n + 1
  // entries, relative to slots); stems[i] is the FNV-1a hash of its stem
  // (read only when the model has word vectors). Writes emit[i * labels + label].
  void Emissions(std::span<const uint32_t> slots, std::span<const uint32_t> offsets,
                 std::span<const uint64_t> stems, LstmScratch* s, float* emit) const;
  // Sets the fixed word vectors (dims().vec becomes their width; the input
  // weights are re-drawn). Before training only.
  void SetVectors(WordVectors vectors, uint32_t seed);
  // Transition scores [(labels + 1) * labels], the last row the sentence start.
  const std::vector<float>& transitions() const { return trans_; }

  // The parameters as bytes (dimensions, int8 embedding rows with scales,
  // float dense weights), for embedding in the NER model file; Parse reads
  // them back, reporting any inconsistency as a Status.
  void Serialize(std::string* out) const;
  static Result<LstmNer> Parse(std::string_view data);

  // Replaces the float embedding table by its int8 form (what Serialize
  // writes), so that scores are those a saved and reloaded model gives.
  void Quantize();

 private:
  friend class LstmTrainer;
  template <typename Row>
  void Forward(std::span<const uint32_t> slots, std::span<const uint32_t> offsets,
               std::span<const uint64_t> stems, const Row& row, LstmScratch* s, float* emit) const;
  // Both LSTMs over n inputs x[n * (emb + vec)]: gates (after activation),
  // cells and hidden states per direction and token; zero: scratch.
  void RunLstms(const float* x, size_t n, std::vector<float>* gates, std::vector<float>* cells,
                std::vector<float>* hidden, std::vector<float>* zero) const;
  // Adds the word vector of the stem with this hash, if any, to x (dims_.vec wide).
  void AddVector(uint64_t stem, float* x) const;

  LstmDims dims_{0, 0, 0, 0};
  // Embeddings: float while training; int8 with a scale a row once quantized.
  std::vector<float> emb_;
  std::vector<int8_t> emb_q_;
  std::vector<float> emb_scale_;
  WordVectors vectors_;
  // Per direction d: wx_[d] [emb][4 * hidden] (column of z per input), wh_[d]
  // [hidden][4 * hidden], b_[d] [4 * hidden]; gates in the order i, f, g, o.
  std::vector<float> wx_[2], wh_[2], b_[2];
  std::vector<float> wo_;     // [2 * hidden][labels]
  std::vector<float> bo_;     // [labels]
  std::vector<float> trans_;  // [(labels + 1) * labels]
};

// Training data: a corpus's features as embedding rows and gold labels.
struct LstmCorpus {
  std::vector<uint32_t> slots;    // all tokens' feature rows
  std::vector<uint32_t> offsets;  // token i: slots[offsets[i], offsets[i + 1])
  std::vector<uint32_t> bounds;   // sentence starts, then the end
  std::vector<uint64_t> stems;    // FNV-1a of each token's stem (word vectors)
  std::vector<int> gold;          // label per token
  uint32_t identity = 0;          // leading features per token that word dropout may hide
};

struct LstmTrainOptions {
  LstmDims dims;
  int epochs = 20;
  float lr = 1e-3f;              // Adam, dense weights
  float emb_lr = 0.05f;          // Adagrad, embedding rows
  float dropout = 0.5f;          // on the LSTM input and output
  double word_dropout = 0.2;     // hide the identity features of a token
  float feature_dropout = 0.3f;  // hide each feature of a token on its own
  float clip = 5.0f;             // gradient norm clip per sentence (dense weights)
  // From this epoch on, the model scored and returned is the running mean of
  // the weights at the end of each epoch since (0: the last weights only).
  int average_from = 0;
  uint32_t seed = 1;
  WordVectors vectors;  // fixed word vectors beside the feature bag (empty: none)
  // allowed[from * labels + to]: BIO constraints; row `labels` is the
  // sentence start (the layout of the transitions).
  std::vector<int8_t> allowed;
  // After each epoch with the model so far; returns its score (higher is
  // better, e.g. F1 on held-out data). The best epoch's model is returned.
  std::function<double(int epoch, const LstmNer& model)> on_epoch;
  std::function<void(const std::string&)> progress;
};

LstmNer TrainLstmNer(const LstmCorpus& train, const LstmTrainOptions& opts);

// The CRF's log-likelihood gradient for one sentence (exposed for tests):
// emissions emit[n * L], transitions trans[(L + 1) * L] (-inf or a very
// negative value forbids), gold labels. Returns the negative log-likelihood;
// adds d(NLL)/d(emit) to demit and d(NLL)/d(trans) to dtrans.
double CrfLoss(const float* emit, size_t n, size_t L, const float* trans, const int* gold, float* demit,
               float* dtrans);

}  // namespace rasd::tag

#endif  // RASD_TAG_NER_LSTM_H_
