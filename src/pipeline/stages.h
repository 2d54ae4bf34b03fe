// Internal: the pipeline's resources and stage entry points.
#ifndef RASD_PIPELINE_STAGES_H_
#define RASD_PIPELINE_STAGES_H_

#include <memory>
#include <string>

#include "extract/coder.h"
#include "lexicon/lexicon.h"
#include "lexicon/recognizer.h"
#include "tag/ner.h"
#include "rasd/pipeline.h"

namespace rasd {

struct Pipeline::Impl {
  std::string data_dir;
  std::unique_ptr<lexicon::Lexicon> lexicon;
  text::Segmenter segmenter;
  std::unique_ptr<lexicon::Recognizer> recognizer;
  std::unique_ptr<extract::EventCoder> coder;
  std::unique_ptr<extract::ReportModel> report_filter;
  std::unique_ptr<tag::NerTagger> ner;  // null when disabled or absent

  Status LoadResources(const PipelineOptions& opts);
  void AnalyzeText(const Document& doc, Workspace* ws) const;
  // Lexicon matching and NER: fills out->mentions.
  void Recognize(const Document& doc, Workspace* ws, AnnotatedDocument* out) const;
  // Event coding: fills out->events.
  void Extract(const Document& doc, Workspace* ws, AnnotatedDocument* out) const;
};

}  // namespace rasd

#endif  // RASD_PIPELINE_STAGES_H_
