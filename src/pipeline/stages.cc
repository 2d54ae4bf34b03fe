#include "pipeline/stages.h"

#include <unistd.h>

namespace rasd {

Status Pipeline::Impl::LoadResources(const PipelineOptions& opts) {
  auto lex = lexicon::Lexicon::Load(data_dir + "/rasd.lex");
  if (!lex.ok()) return lex.status();
  lexicon = std::move(lex.value());
  const lexicon::Lexicon* l = lexicon.get();
  segmenter = text::Segmenter([l](std::string_view s) { return l->IsKnownStem(s); },
                              [l](std::string_view s) { return l->IsDictionaryKey(s); });
  recognizer = std::make_unique<lexicon::Recognizer>(*lexicon);
  extract::EventCoder::Options copts;
  copts.partial = opts.partial_events;
  copts.collect_features = opts.collect_report_features;
  if (opts.use_report_filter) {
    const std::string path = data_dir + "/report.model";
    if (access(path.c_str(), R_OK) == 0) {
      auto m = extract::ReportModel::Load(path);
      if (!m.ok()) return m.status();
      report_filter = std::make_unique<extract::ReportModel>(std::move(m.value()));
      copts.filter = report_filter.get();
    }
  }
  coder = std::make_unique<extract::EventCoder>(*lexicon, copts);
  if (opts.use_ner) {
    const std::string path = data_dir + "/ner.model";
    if (access(path.c_str(), R_OK) == 0) {
      auto m = tag::NerTagger::Load(path);
      if (!m.ok()) return m.status();
      ner = std::make_unique<tag::NerTagger>(std::move(m.value()));
      if (!opts.ner_neural) ner->set_neural(nullptr);
    }
  }
  return Status::Ok();
}

void Pipeline::Impl::Recognize(const Document& doc, Workspace* ws, AnnotatedDocument* out) const {
  if (ner) tag::AppendEntityMentions(*ner, doc, *ws, &out->mentions);
  recognizer->Run(doc, ws, &out->mentions);
}

void Pipeline::Impl::Extract(const Document& doc, Workspace* ws, AnnotatedDocument* out) const {
  coder->Code(doc, *ws, out->mentions, &out->events);
}

}  // namespace rasd
