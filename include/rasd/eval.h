// Evaluation against gold standards (shared/spec/EVENTS.md, "How output is
// scored"): event tuples per document, and sentence-level detection on the
// Arabic event GSR.
#ifndef RASD_EVAL_H_
#define RASD_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "rasd/status.h"

namespace rasd {

// A predicted event reduced to what scoring looks at.
struct PredictedEvent {
  std::string doc_id, source, target, root, modality, location_country, date, sentence, trigger;
};

struct GoldTuple {
  std::vector<std::string> source, target, root;  // "*" = any actor
  bool symmetric = false, required = true;
  std::string location_country, date, modality, note;
};

struct GoldDocument {
  std::string doc_id, published;
  std::vector<GoldTuple> tuples;
};

// Reads gold JSONL (one document a line). Errors name file:line.
Status ReadGoldEvents(const std::string& path, std::vector<GoldDocument>* out);
// Reads `rasd code` JSONL output. Errors name file:line.
Status ReadPredictedEvents(const std::string& path, std::vector<PredictedEvent>* out);

// The scoring key of an actor code: ISO3 countries -> 3 letters, IGO/IMG -> 6, else whole.
std::string ActorKey(const std::string& code);

struct EventScore {
  size_t required = 0, matched_required = 0;  // recall
  size_t predicted = 0, true_pos = 0, false_pos = 0, optional_only = 0;  // precision over distinct tuples
  size_t loc_checked = 0, loc_correct = 0, date_checked = 0, date_correct = 0;
  std::vector<std::string> misses, false_positives;
  double precision() const { return true_pos + false_pos ? double(true_pos) / (true_pos + false_pos) : 0; }
  double recall() const { return required ? double(matched_required) / required : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Scores predictions for the documents in `gold` (predictions of other
// documents are ignored). Negated and hypothetical events are not claims.
EventScore ScoreEvents(const std::vector<GoldDocument>& gold, const std::vector<PredictedEvent>& pred);

}  // namespace rasd

#endif  // RASD_EVAL_H_
