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

struct EvalNerArgs {
  std::string gold, model;
  bool fast = false, no_propagate = false;
};

int RunEvalNer(const EvalNerArgs& a, const GlobalOptions& g) {
  auto loaded = LoadCliNer(a.model, g);
  if (!loaded) return kExitFatal;
  if (a.fast) loaded->tagger.set_neural(nullptr);
  if (a.no_propagate) loaded->tagger.set_propagate(false);
  const tag::NerTagger* ner = &loaded->tagger;
  const tag::NerSegmenter& seg = loaded->seg;
  tag::ConllCorpus conll;
  tag::NerCorpus corpus;
  Status st = tag::ReadConll(a.gold, true, &conll);
  if (st.ok()) st = tag::PrepareNerCorpus(conll, seg.segmenter, &corpus);
  if (!st.ok()) {
    std::fprintf(stderr, "rasd: %s: %s\n", a.gold.c_str(), st.message().c_str());
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
      auto a = std::make_shared<EvalNerArgs>();
      sub->add_option("--gold", a->gold, "CoNLL file: token<TAB>gold tag")->required();
      sub->add_option("--model", a->model, "NER model file (default: <data>/ner.model)");
      sub->add_flag("--fast-ner", a->fast, "the model's linear part only (skips its neural scorer)");
      sub->add_flag("--no-propagate", a->no_propagate,
                    "skip the document consistency pass (an entity tagged once is tagged where its "
                    "words recur untagged within 20 sentences; docs/ner.md)");
      sub->callback([a, g, rc]() { *rc = RunEvalNer(*a, *g); });
    });

}  // namespace
}  // namespace rasd::cli
