// The clitic segmenter the NER's command-line tools share with the pipeline:
// backed by the compiled lexicon's known stems (data_dir/rasd.lex), so that
// `rasd train ner`, `rasd tag` and `rasd annotate` see the same stems. Without
// the lexicon it falls back to article stripping only, with a warning.
#ifndef RASD_TAG_NER_SEGMENTER_H_
#define RASD_TAG_NER_SEGMENTER_H_

#include <memory>
#include <string>

#include "rasd/text.h"

namespace rasd::lexicon {
class Lexicon;
}

namespace rasd::tag {

struct NerSegmenter {
  std::shared_ptr<const lexicon::Lexicon> lexicon;  // keeps the lookups valid
  text::Segmenter segmenter;
};

// *warning receives a message when the lexicon could not be loaded.
NerSegmenter LoadNerSegmenter(const std::string& data_dir, std::string* warning);

}  // namespace rasd::tag

#endif  // RASD_TAG_NER_SEGMENTER_H_
