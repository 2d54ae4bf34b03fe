#include "tag/ner_segmenter.h"

#include "lexicon/lexicon.h"

namespace rasd::tag {

NerSegmenter LoadNerSegmenter(const std::string& data_dir, std::string* warning) {
  NerSegmenter out;
  auto lex = lexicon::Lexicon::Load(data_dir + "/rasd.lex");
  if (!lex.ok()) {
    if (warning) *warning = lex.status().message() + "; segmenting clitics without the lexicon";
    return out;
  }
  std::shared_ptr<const lexicon::Lexicon> l = std::move(lex.value());
  const lexicon::Lexicon* p = l.get();
  out.lexicon = std::move(l);
  out.segmenter = text::Segmenter([p](std::string_view s) { return p->IsKnownStem(s); },
                                  [p](std::string_view s) { return p->IsDictionaryKey(s); });
  return out;
}

}  // namespace rasd::tag
