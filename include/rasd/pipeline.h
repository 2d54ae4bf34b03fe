// The rasd pipeline: Document -> AnnotatedDocument.
//
//   read (ingest/) -> normalise + split + tokenise + segment (text/)
//     -> lexicon matching: actors, places, dates (lexicon/)
//     -> named entities (tag/) -> event coding (extract/) -> output (output/)
//
// A Pipeline holds the loaded, immutable resources (compiled dictionaries,
// trained models) and may be shared by many threads; each thread passes its
// own Workspace, whose buffers are reused from one document to the next.
#ifndef RASD_PIPELINE_H_
#define RASD_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "rasd/document.h"
#include "rasd/status.h"
#include "rasd/text.h"

namespace rasd {

struct PipelineOptions {
  // Directory holding the compiled resources (rasd.lex, ner.model ...).
  // Empty: $RASD_DATA, else <dir of the rasd binary>/data, else the build tree.
  std::string data_dir;
  bool use_ner = true;  // Run the statistical NER stage when its model exists.
  // With use_ner: also the NER model's neural scorer, when it has one (+0.8
  // entity F1 on ANERcorp for about 2.4x the CPU time of the whole pipeline,
  // with no change in event scores; docs/ner.md). Off: the linear model alone.
  bool ner_neural = false;
  // Also emit events whose source or target is missing or only a role without
  // a country (e.g. a protest with no target). Off by default: coded event
  // data are dyads of identified actors.
  bool partial_events = false;
  // Apply the report filter (data/models/report.model, see
  // src/extract/report_model.h) to violence and protest events when present.
  bool use_report_filter = true;
  // Keep each event's report-filter features (training only).
  bool collect_report_features = false;
};

// One sentence of the document under analysis.
struct Sentence {
  Span span;                   // Original bytes.
  uint32_t nbegin = 0, nend = 0;  // Normalised bytes.
  uint32_t tok_begin = 0, tok_end = 0;  // Range in Workspace::tokens.
};

// Internal per-document recognition state (src/pipeline/stages.h).
struct Recognition;

// Per-thread scratch state, reused across documents.
struct Workspace {
  text::NormalizedText nt;
  std::vector<Sentence> sentences;
  std::vector<text::Token> tokens;
  std::vector<std::string> scratch;
  std::shared_ptr<Recognition> recognition;  // Created by the pipeline on first use.
  void clear() {
    nt.clear();
    sentences.clear();
    tokens.clear();
  }
};

inline constexpr size_t kMaxRecognitionBytes = size_t{64} << 10;

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Load(const PipelineOptions& opts);
  ~Pipeline();

  // Analyses one document. Never fails on content: odd input yields fewer
  // mentions and events, not errors. A document longer than
  // kMaxRecognitionBytes is recognised and coded in runs of whole sentences of
  // at most that size, which keeps the cost linear (docs/robustness.md).
  void Annotate(const Document& doc, Workspace* ws, AnnotatedDocument* out) const;
  // The same, moving the document into out->doc instead of copying it.
  void Annotate(Document&& doc, Workspace* ws, AnnotatedDocument* out) const;

  // The directory the resources were loaded from (for --version / messages).
  const std::string& data_dir() const;

  struct Impl;

 private:
  explicit Pipeline(std::unique_ptr<Impl> impl);
  void Run(Workspace* ws, AnnotatedDocument* out) const;  // Annotates out->doc.
  std::unique_ptr<Impl> impl_;
};

// Where the compiled resources live (see PipelineOptions::data_dir).
std::string ResolveDataDir(const std::string& requested);

}  // namespace rasd

#endif  // RASD_PIPELINE_H_
