#include "pipeline/stages.h"

namespace rasd {

Status Pipeline::Impl::LoadResources(const PipelineOptions& opts) {
  auto lex = lexicon::Lexicon::Load(data_dir + "/rasd.lex");
  if (!lex.ok()) return lex.status();
  lexicon = std::move(lex.value());
  const lexicon::Lexicon* l = lexicon.get();
  segmenter = text::Segmenter([l](std::string_view s) { return l->IsKnownStem(s); });
  recognizer = std::make_unique<lexicon::Recognizer>(*lexicon);
  coder = std::make_unique<extract::EventCoder>(*lexicon, opts.partial_events);
  return Status::Ok();
}

void Pipeline::Impl::Recognize(const Document& doc, Workspace* ws, AnnotatedDocument* out) const {
  recognizer->Run(doc, ws, &out->mentions);
}

void Pipeline::Impl::Extract(const Document& doc, Workspace* ws, AnnotatedDocument* out) const {
  coder->Code(doc, *ws, out->mentions, &out->events);
}

}  // namespace rasd
