// `rasd tag`, `rasd eval ner`, `rasd train ner`: the statistical NER.
#include <chrono>
#include <cstdio>
#include <map>

#include "command.h"
#include "lexicon/lexicon.h"
#include "rasd/pipeline.h"
#include "tag/ner.h"

namespace rasd::cli {
namespace {

// The compiled lexicon (segmenter stems, gazetteer features); null if absent.
std::unique_ptr<lexicon::Lexicon> LoadLexicon(const GlobalOptions& g) {
  auto lex = lexicon::Lexicon::Load(ResolveDataDir(g.data_dir) + "/rasd.lex");
  if (!lex.ok()) {
    std::fprintf(stderr, "rasd: warning: %s; tagging without the lexicon\n", lex.status().message().c_str());
    return nullptr;
  }
  return std::move(lex.value());
}

text::Segmenter MakeSegmenter(const lexicon::Lexicon* l) {
  if (l == nullptr) return text::Segmenter();
  return text::Segmenter([l](std::string_view s) { return l->IsKnownStem(s); },
                         [l](std::string_view s) { return l->IsDictionaryKey(s); });
}

std::string ModelPath(const std::string& given, const GlobalOptions& g) {
  return given.empty() ? ResolveDataDir(g.data_dir) + "/ner.model" : given;
}

struct Entity {
  size_t begin, end;
  std::string type;
  bool operator<(const Entity& o) const { return std::tie(begin, end, type) < std::tie(o.begin, o.end, o.type); }
};

std::vector<Entity> Entities(const std::vector<std::string>& tags) {
  std::vector<Entity> out;
  for (size_t i = 0; i < tags.size();) {
    if (tags[i].size() < 3 || (tags[i][0] != 'B' && tags[i][0] != 'I')) {
      ++i;
      continue;
    }
    const std::string type = tags[i].substr(2);
    size_t j = i + 1;
    while (j < tags.size() && tags[j] == "I-" + type) ++j;
    out.push_back({i, j, type});
    i = j;
  }
  return out;
}

int RunTag(const std::string& model_path, const GlobalOptions& g) {
  auto lex = LoadLexicon(g);
  auto ner = tag::NerTagger::Load(ModelPath(model_path, g));
  if (!ner.ok()) {
    std::fprintf(stderr, "rasd: %s\n", ner.status().message().c_str());
    return kExitFatal;
  }
  std::vector<std::vector<std::string>> words, unused;
  if (Status st = tag::ReadConll("-", false, &words, &unused); !st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitFatal;
  }
  const text::Segmenter seg = MakeSegmenter(lex.get());
  std::vector<std::string> storage;
  std::vector<tag::NerToken> toks;
  std::vector<int> tags;
  for (size_t s = 0; s < words.size(); ++s) {
    tag::PrepareTokens(words[s], seg, &storage, &toks);
    ner->Tag(toks, lex.get(), &tags);
    for (size_t i = 0; i < words[s].size(); ++i)
      std::printf("%s\t%s\n", words[s][i].c_str(), ner->labels()[tags[i]].c_str());
    std::printf("\n");
  }
  return kExitOk;
}

int RunEval(const std::string& gold_path, const std::string& model_path, const GlobalOptions& g) {
  auto lex = LoadLexicon(g);
  auto ner = tag::NerTagger::Load(ModelPath(model_path, g));
  if (!ner.ok()) {
    std::fprintf(stderr, "rasd: %s\n", ner.status().message().c_str());
    return kExitFatal;
  }
  std::vector<std::vector<std::string>> words, gold;
  if (Status st = tag::ReadConll(gold_path, true, &words, &gold); !st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitFatal;
  }
  const text::Segmenter seg = MakeSegmenter(lex.get());
  std::map<std::string, std::array<size_t, 3>> counts;  // type -> tp, predicted, gold
  std::vector<std::string> storage;
  std::vector<tag::NerToken> toks;
  std::vector<int> ids;
  size_t ntok = 0;
  double tag_seconds = 0;
  for (size_t s = 0; s < words.size(); ++s) {
    tag::PrepareTokens(words[s], seg, &storage, &toks);
    const auto t0 = std::chrono::steady_clock::now();
    ner->Tag(toks, lex.get(), &ids);
    tag_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ntok += toks.size();
    std::vector<std::string> pred;
    for (int id : ids) pred.push_back(ner->labels()[id]);
    const auto pe = Entities(pred), ge = Entities(gold[s]);
    for (const auto& e : pe) counts[e.type][1]++, counts["ALL"][1]++;
    for (const auto& e : ge) counts[e.type][2]++, counts["ALL"][2]++;
    for (const auto& e : pe)
      for (const auto& f : ge)
        if (e.begin == f.begin && e.end == f.end && e.type == f.type) counts[e.type][0]++, counts["ALL"][0]++;
  }
  std::printf("%-6s %9s %9s %9s %8s %8s\n", "type", "precision", "recall", "F1", "gold", "predicted");
  for (const auto& [type, c] : counts) {
    const double p = c[1] ? double(c[0]) / c[1] : 0, r = c[2] ? double(c[0]) / c[2] : 0;
    std::printf("%-6s %9.3f %9.3f %9.3f %8zu %8zu\n", type.c_str(), p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, c[2],
                c[1]);
  }
  std::printf("%zu tokens, %.0f tokens/s (tagging only, one thread)\n", ntok, tag_seconds > 0 ? ntok / tag_seconds : 0);
  return kExitOk;
}

int RunTrain(const std::string& train_path, const std::string& out, int epochs, const GlobalOptions& g) {
  auto lex = LoadLexicon(g);
  std::vector<std::vector<std::string>> words, gold;
  if (Status st = tag::ReadConll(train_path, true, &words, &gold); !st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitFatal;
  }
  const text::Segmenter seg = MakeSegmenter(lex.get());
  std::vector<std::vector<std::string>> storage(words.size());
  std::vector<std::vector<tag::NerToken>> sents(words.size());
  for (size_t s = 0; s < words.size(); ++s) tag::PrepareTokens(words[s], seg, &storage[s], &sents[s]);
  tag::NerTagger::TrainOptions opts;
  opts.epochs = epochs;
  const auto t0 = std::chrono::steady_clock::now();
  const tag::NerTagger model = tag::NerTagger::Train(sents, gold, lex.get(), opts);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (Status st = model.Save(out); !st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitFatal;
  }
  std::printf("trained on %zu sentences, %d epochs, %.1f s -> %s\n", sents.size(), epochs, secs, out.c_str());
  return kExitOk;
}

const CommandRegistrar kTag(
    "tag",
    "Named entities on pre-tokenised text: CoNLL on stdin (one token a line, first column;\n"
    "blank line between sentences) -> token<TAB>BIO tag (PERS LOC ORG MISC).\n"
    "Example: cut -f1 test.conll | rasd tag --format conll",
    40, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto model = std::make_shared<std::string>();
      auto format = std::make_shared<std::string>("conll");
      sub->add_option("--format", *format, "input/output format (conll)")->check(CLI::IsMember({"conll"}));
      sub->add_option("--model", *model, "model file (default: <data>/ner.model)");
      sub->callback([model, g, rc]() { *rc = RunTag(*model, *g); });
    });

const CommandRegistrar kEvalNer(
    "eval", "ner",
    "Entity-level (exact span) precision, recall and F1 per type and overall on a CoNLL gold file.\n"
    "Example: rasd eval ner --gold ../shared/gold/anercorp/test.conll",
    30, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto gold = std::make_shared<std::string>();
      auto model = std::make_shared<std::string>();
      sub->add_option("--gold", *gold, "CoNLL file: token<TAB>gold tag")->required();
      sub->add_option("--model", *model, "model file (default: <data>/ner.model)");
      sub->callback([gold, model, g, rc]() { *rc = RunEval(*gold, *model, *g); });
    });

const CommandRegistrar kTrainNer(
    "train", "ner",
    "Train the NER (averaged perceptron) on CoNLL data; deterministic (fixed seed).\n"
    "Example: rasd train ner --train ../shared/gold/anercorp/train.conll --out data/models/ner.model",
    10, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto train = std::make_shared<std::string>();
      auto out = std::make_shared<std::string>();
      auto epochs = std::make_shared<int>(8);
      sub->add_option("--train", *train, "CoNLL training file")->required();
      sub->add_option("--out", *out, "model file to write")->required();
      sub->add_option("--epochs", *epochs, "passes over the data (default 8)");
      sub->callback([train, out, epochs, g, rc]() { *rc = RunTrain(*train, *out, *epochs, *g); });
    });

}  // namespace
}  // namespace rasd::cli
