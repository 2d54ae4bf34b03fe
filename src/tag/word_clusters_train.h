// Learning distributional word clusters from unlabelled text, for the NER's
// cluster features (ner_resources.h): skip-gram word vectors with negative
// sampling (Mikolov et al. 2013), then spherical k-means at several
// granularities (k-means++ seeding). Words are the stems the tagger sees.
// Deterministic for a given seed and corpus order (one training thread;
// k-means assignment is split over threads without changing its result).
#ifndef RASD_TAG_WORD_CLUSTERS_TRAIN_H_
#define RASD_TAG_WORD_CLUSTERS_TRAIN_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rasd/status.h"

namespace rasd::tag {

struct WordClusterOptions {
  int dim = 100;
  int window = 5;
  int negative = 5;
  int epochs = 3;
  uint64_t min_count = 5;
  size_t max_vocab = 100000;
  double sample = 1e-4;
  float alpha = 0.025f;
  std::vector<uint32_t> levels = {64, 256, 1024};
  int kmeans_iterations = 15;
  int threads = 2;  // k-means assignment only
  uint32_t seed = 1;
};

class WordClusterTrainer {
 public:
  explicit WordClusterTrainer(WordClusterOptions opts) : opts_(std::move(opts)) {}
  // One document or sentence of words, in order.
  void AddText(std::span<const std::string_view> words);
  size_t tokens() const { return stream_.size(); }
  // Learns vectors and clusters; `progress` (optional) receives one line per stage.
  Status Train(const std::function<void(const std::string&)>& progress);
  // "# levels: ...", then word<TAB>count<TAB>cluster id per level, most frequent first.
  Status WriteTsv(const std::string& path, const std::string& header_comment) const;
  // The word vectors: "# dim N", then word<TAB>space-separated components
  // (unit length), most frequent first. For the NER's neural scorer
  // (`rasd train ner-neural --vectors`).
  Status WriteVectors(const std::string& path) const;

 private:
  void TrainVectors(const std::function<void(const std::string&)>& progress);
  std::vector<uint16_t> KMeans(uint32_t k, uint32_t seed) const;

  WordClusterOptions opts_;
  std::unordered_map<std::string, uint32_t> ids_;  // every word seen
  std::vector<std::string> words_;
  std::vector<uint64_t> counts_;
  std::vector<uint32_t> stream_;  // word ids; UINT32_MAX between texts
  // After Train: the vocabulary (indices into words_, by frequency), vectors, clusters.
  std::vector<uint32_t> vocab_;
  std::vector<float> vectors_;  // [vocab * dim], unit length
  std::vector<std::vector<uint16_t>> clusters_;  // [level][vocab]
};

}  // namespace rasd::tag

#endif  // RASD_TAG_WORD_CLUSTERS_TRAIN_H_
