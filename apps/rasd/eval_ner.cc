// `rasd eval ner`: entity-level (exact span and type) precision, recall and F1
// per type and overall, conlleval style, plus the tagger's speed; with
// --errors, every error with its line, kind and context.
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
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
  std::string gold, model, errors;
  bool fast = false, no_propagate = false;
};

// "TYPE w1 w2" for an entity of a sentence.
std::string EntityText(const tag::EntitySpan& e, const std::vector<std::string>& words) {
  std::string out = e.type;
  for (size_t i = e.begin; i < e.end && i < words.size(); ++i) out += ' ' + words[i];
  return out;
}

// Up to three words either side, the entity's words between [[ and ]].
std::string Context(const tag::EntitySpan& e, const std::vector<std::string>& words) {
  std::string out;
  const size_t from = e.begin >= 3 ? e.begin - 3 : 0, to = std::min(words.size(), e.end + 3);
  for (size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    if (i == e.begin) out += "[[";
    out += words[i];
    if (i + 1 == e.end) out += "]]";
  }
  return out;
}

// Prints the error counts per kind and type, then writes one TSV line per
// error (line, kind, gold, predicted, context) to `file`, opened on `path`
// ("-": after the counts on standard output; `file` is then unused).
bool ReportErrors(const std::string& path, std::ofstream* file, const tag::ConllCorpus& conll,
                  const std::vector<std::vector<std::string>>& predicted) {
  std::string tsv = "line\tkind\tgold\tpredicted\tcontext\n";
  std::map<std::string, std::array<size_t, 4>> counts;
  std::array<size_t, 4> all{};
  for (size_t s = 0; s < conll.words.size() && s < predicted.size(); ++s) {
    const auto& words = conll.words[s];
    for (const tag::EntityError& e : tag::EntityErrors(conll.tags[s], predicted[s])) {
      const size_t k = static_cast<size_t>(e.kind);
      ++counts[e.entity.type][k];
      ++all[k];
      const bool spurious = e.kind == tag::EntityErrorKind::kSpurious;
      std::string pred = spurious ? EntityText(e.entity, words) : "";
      for (const auto& q : e.overlapping) pred += (pred.empty() ? "" : " | ") + EntityText(q, words);
      tsv += (s < conll.lines.size() ? std::to_string(conll.lines[s] + e.entity.begin) : "?") + '\t' +
             tag::kEntityErrorKindNames[k] + '\t' + (spurious ? "" : EntityText(e.entity, words)) + '\t' +
             pred + '\t' + Context(e.entity, words) + '\n';
    }
  }
  std::printf("\nerrors (gold type; spurious: predicted type)\n%-8s %9s %9s %9s %9s\n", "type", "missed",
              "type", "boundary", "spurious");
  auto row = [](const std::string& name, const std::array<size_t, 4>& c) {
    std::printf("%-8s %9zu %9zu %9zu %9zu\n", name.c_str(), c[0], c[1], c[2], c[3]);
  };
  for (const auto& [type, c] : counts) row(type, c);
  row("all", all);
  if (path == "-") {
    std::fputs(tsv.c_str(), stdout);
    return true;
  }
  *file << tsv;
  if (!file->flush()) {
    std::fprintf(stderr, "rasd: %s: cannot write the error list\n", path.c_str());
    return false;
  }
  std::printf("error list: %s (%zu errors)\n", path.c_str(), all[0] + all[1] + all[2] + all[3]);
  return true;
}

int RunEvalNer(const EvalNerArgs& a, const GlobalOptions& g) {
  // The error list's file is opened first, so that a path that cannot be
  // written fails before the tagging.
  std::ofstream errors;
  if (!a.errors.empty() && a.errors != "-") {
    errors.open(a.errors, std::ios::binary);
    if (!errors) {
      std::fprintf(stderr, "rasd: %s: cannot write the error list\n", a.errors.c_str());
      return kExitFatal;
    }
  }
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
  std::vector<std::vector<std::string>> predicted;
  const tag::EntityScorer scores =
      tag::EvaluateNer(*ner, corpus, &seconds, a.errors.empty() ? nullptr : &predicted);
  std::fputs(scores.Report().c_str(), stdout);
  const size_t ntok = conll.tokens();
  std::printf("%zu tokens, %zu sentences; %.0f tokens/s (tagging only, one thread)\n", ntok, corpus.sentences(),
              seconds > 0 ? ntok / seconds : 0.0);
  if (!a.errors.empty() && !ReportErrors(a.errors, &errors, conll, predicted)) return kExitFatal;
  return kExitOk;
}

const CommandRegistrar kEvalNer(
    "eval", "ner",
    "Entity-level (exact span) precision, recall and F1 per type and overall on a CoNLL\n"
    "gold file (token<TAB>...<TAB>BIO tag), and tagging speed.\n"
    "Example: rasd eval ner --gold ../shared/gold/anercorp/test.conll\n"
    "         rasd eval ner --gold ../shared/gold/anercorp/test.conll --errors errors.tsv",
    30, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto a = std::make_shared<EvalNerArgs>();
      sub->add_option("--gold", a->gold, "CoNLL file: token<TAB>gold tag")->required();
      sub->add_option("--model", a->model, "NER model file (default: <data>/ner.model)");
      sub->add_flag("--fast-ner", a->fast, "the model's linear part only (skips its neural scorer)");
      sub->add_option(
          "--errors", a->errors,
          "write every error to this TSV ('-': standard output): the gold file's line, the kind "
          "(missed, type, boundary, spurious), the gold and predicted entities and three words of "
          "context either side; and print the counts per kind and type");
      sub->add_flag("--no-propagate", a->no_propagate,
                    "skip the document consistency pass (an entity tagged once is tagged where its "
                    "words recur untagged within 20 sentences; docs/ner.md)");
      sub->callback([a, g, rc]() { *rc = RunEvalNer(*a, *g); });
    });

}  // namespace
}  // namespace rasd::cli
