// The report filter: a logistic-regression model over features of a candidate
// event and its sentence (trigger form and kind, tense, modality cues, time and
// place anchors, casualty words, relative clauses, neighbouring words) that
// estimates whether the sentence REPORTS the event, as opposed to mentioning
// violence or protest as background, opinion, history or metaphor.
//
// Trained by `rasd train report-filter` (scripts/train-report-filter) on the
// development half of the Arabic event GSR (assault.jsonl); applied to
// candidate events of CAMEO roots 18-20. File format (docs/coding.md):
//   "RASDRPT\0" u32 version u32 hash_bits f32 bias f32 threshold
//   f32 weights[1 << hash_bits]  u64 FNV-1a checksum of all preceding bytes
#ifndef RASD_EXTRACT_REPORT_MODEL_H_
#define RASD_EXTRACT_REPORT_MODEL_H_

#include <string>
#include <vector>

#include "rasd/status.h"

namespace rasd::extract {

class ReportModel {
 public:
  static constexpr uint32_t kVersion = 1;

  static Result<ReportModel> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // Probability that the features describe a reported event.
  double Score(const std::vector<std::string>& features) const;
  double threshold() const { return threshold_; }

  struct TrainOptions {
    int epochs = 12;
    double l2 = 1e-5;
    double rate = 0.2;
    uint32_t hash_bits = 18;
    uint32_t seed = 7;
  };
  // Logistic regression with AdaGrad; `labels` are 0/1.
  static ReportModel Train(const std::vector<std::vector<std::string>>& examples, const std::vector<int>& labels,
                           const TrainOptions& opts);
  void set_threshold(double t) { threshold_ = static_cast<float>(t); }

 private:
  uint32_t bits_ = 0;
  float bias_ = 0;
  float threshold_ = 0.5f;
  std::vector<float> w_;
};

}  // namespace rasd::extract

#endif  // RASD_EXTRACT_REPORT_MODEL_H_
