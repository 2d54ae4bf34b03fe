// `rasd eval ner`: entity-level (exact span and type) precision, recall and F1
// per type and overall, conlleval style, plus the tagger's speed.
#include <cstdio>
#include <string>

#include "command.h"
#include "ner_cli.h"
#include "rasd/pipeline.h"
#include "tag/conll.h"
#include "tag/ner.h"
#include "tag/ner_segmenter.h"
#include "tag/ner_train.h"

namespace rasd::cli {
namespace {

int RunEvalNer(const std::string& gold_path, const std::string& model_arg, bool fast,
               const GlobalOptions& g) {
  auto loaded = LoadCliNer(model_arg, g);
  if (!loaded) return kExitFatal;
  if (fast) loaded->tagger.set_neural(nullptr);
  const tag::NerTagger* ner = &loaded->tagger;
  const tag::NerSegmenter& seg = loaded->seg;
  tag::ConllCorpus conll;
  tag::NerCorpus corpus;
  Status st = tag::ReadConll(gold_path, true, &conll);
  if (st.ok()) st = tag::PrepareNerCorpus(conll, seg.segmenter, &corpus);
  if (!st.ok()) {
    std::fprintf(stderr, "rasd: %s: %s\n", gold_path.c_str(), st.message().c_str());
    return kExitFatal;
  }
  double seconds = 0;
  const tag::EntityScorer scores = tag::EvaluateNer(*ner, corpus, &seconds);
  std::fputs(scores.Report().c_str(), stdout);
  const size_t ntok = conll.tokens();
  std::printf("%zu tokens, %zu sentences; %.0f tokens/s (tagging only, one thread)\n", ntok, corpus.sentences(),
              seconds > 0 ? ntok / seconds : 0.0);
  return kExitOk;
}

const CommandRegistrar kEvalNer(
    "eval", "ner",
    "Entity-level (exact span) precision, recall and F1 per type and overall on a CoNLL\n"
    "gold file (token<TAB>...<TAB>BIO tag), and tagging speed.\n"
    "Example: rasd eval ner --gold ../shared/gold/anercorp/test.conll",
    30, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto gold = std::make_shared<std::string>();
      auto model = std::make_shared<std::string>();
      sub->add_option("--gold", *gold, "CoNLL file: token<TAB>gold tag")->required();
      auto fast = std::make_shared<bool>(false);
      sub->add_option("--model", *model, "NER model file (default: <data>/ner.model)");
      sub->add_flag("--fast-ner", *fast, "the model's linear part only (skips its neural scorer)");
      sub->callback([gold, model, fast, g, rc]() { *rc = RunEvalNer(*gold, *model, *fast, *g); });
    });

}  // namespace
}  // namespace rasd::cli
