// The event coder: triggers + actors + cues of each sentence -> CAMEO/PLOVER
// events with source, target, modality, attribution, date, location,
// confidence and the rule that fired. Design and how to add a pattern:
// docs/coding.md.
#ifndef RASD_EXTRACT_CODER_H_
#define RASD_EXTRACT_CODER_H_

#include "extract/report_model.h"
#include "lexicon/recognizer.h"
#include "rasd/document.h"
#include "rasd/pipeline.h"

namespace rasd::extract {

class EventCoder {
 public:
  struct Options {
    bool partial = false;                   // Emit events with a missing or role-only actor too.
    bool collect_features = false;          // Keep report-filter features on each event.
    const ReportModel* filter = nullptr;    // Report filter for roots 14 and 18-20, or none.
  };
  EventCoder(const lexicon::Lexicon& lex, const Options& opts)
      : lex_(lex), partial_(opts.partial), collect_(opts.collect_features), filter_(opts.filter) {}
  // Appends the events of a recognised document (ws->recognition filled).
  void Code(const Document& doc, const Workspace& ws, const std::vector<Mention>& mentions,
            std::vector<Event>* events) const;

 private:
  const lexicon::Lexicon& lex_;
  bool partial_;
  bool collect_;
  const ReportModel* filter_;
};

// Stable id: FNV-1a over doc id, sentence index, trigger span and codes.
std::string MakeEventId(const Event& ev);

}  // namespace rasd::extract

#endif  // RASD_EXTRACT_CODER_H_
