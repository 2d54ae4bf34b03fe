// Internal: the pipeline's resources and stage entry points.
#ifndef RASD_PIPELINE_STAGES_H_
#define RASD_PIPELINE_STAGES_H_

#include <memory>
#include <string>

#include "rasd/pipeline.h"

namespace rasd {

struct Pipeline::Impl {
  std::string data_dir;
  text::Segmenter segmenter;

  Status LoadResources(const PipelineOptions& opts);
  void AnalyzeText(const Document& doc, Workspace* ws) const;
  // Lexicon matching and NER: fills out->mentions.
  void Recognize(const Document& doc, Workspace* ws, AnnotatedDocument* out) const;
  // Event coding: fills out->events.
  void Extract(const Document& doc, Workspace* ws, AnnotatedDocument* out) const;
};

}  // namespace rasd

#endif  // RASD_PIPELINE_STAGES_H_
