// The event coder: triggers + actors + cues of each sentence -> CAMEO/PLOVER
// events with source, target, modality, attribution, date, location,
// confidence and the rule that fired. Design and how to add a pattern:
// docs/coding.md.
#ifndef RASD_EXTRACT_CODER_H_
#define RASD_EXTRACT_CODER_H_

#include "lexicon/recognizer.h"
#include "rasd/document.h"
#include "rasd/pipeline.h"

namespace rasd::extract {

class EventCoder {
 public:
  explicit EventCoder(const lexicon::Lexicon& lex) : lex_(lex) {}
  // Appends the events of a recognised document (ws->recognition filled).
  void Code(const Document& doc, const Workspace& ws, const std::vector<Mention>& mentions,
            std::vector<Event>* events) const;

 private:
  const lexicon::Lexicon& lex_;
};

// Stable id: FNV-1a over doc id, sentence index, trigger span and codes.
std::string MakeEventId(const Event& ev);

}  // namespace rasd::extract

#endif  // RASD_EXTRACT_CODER_H_
