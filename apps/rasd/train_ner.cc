// `rasd train ner`: trains the NER (averaged structured perceptron, fixed
// seed) on CoNLL data and writes a self-contained model file.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "command.h"
#include "rasd/ingest.h"
#include "rasd/pipeline.h"
#include "rasd/text.h"
#include "tag/conll.h"
#include "tag/ner.h"
#include "tag/ner_segmenter.h"
#include "tag/ner_train.h"
#include "tag/word_clusters_train.h"

namespace rasd::cli {
namespace {

struct TrainNerArgs {
  std::string train, out, dev, resources = std::string(RASD_SOURCE_DIR) + "/data/ner", clusters, features = "all";
  std::string lexicon_dir = std::string(RASD_SOURCE_DIR) + "/data/lexicon";
  std::vector<std::string> corpus = {std::string(RASD_SOURCE_DIR) + "/../shared/corpora/ant-multisource-2018.jsonl.zst"};
  size_t corpus_docs = 0;
  int epochs = 12, first_epochs = 8;
  double holdout = 0, dropout = 0.2;
  float margin = 0;
  int ensemble = 1;
  bool no_document = false;
  uint32_t window = 20;
  uint32_t bits = 18, seed = 1;
};

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int Fail(const std::string& msg) {
  std::fprintf(stderr, "rasd: %s\n", msg.c_str());
  return kExitFatal;
}

int RunTrainNer(const TrainNerArgs& a, const GlobalOptions& g) {
  const auto t0 = std::chrono::steady_clock::now();
  std::string warning;
  const tag::NerSegmenter seg = tag::LoadNerSegmenter(ResolveDataDir(g.data_dir), &warning);
  if (!warning.empty()) std::fprintf(stderr, "rasd: warning: %s\n", warning.c_str());

  // Resources carried by the model.
  auto gaz = std::make_shared<tag::Gazetteer>();
  auto clusters = std::make_shared<tag::WordClusters>();
  uint32_t groups = 0;
  if (!tag::ParseFeatureGroups(a.features, &groups)) return Fail("--features: unknown group in '" + a.features + "'");
  groups &= ~static_cast<uint32_t>(tag::kFeatDocument);  // the second stage has its own switch
  if (groups & tag::kFeatGazetteer) {
    for (int t = 0; t < tag::Gazetteer::kTypes; ++t) {
      std::string type = tag::Gazetteer::kTypeNames[t];
      for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const std::string p = a.resources + "/gazetteer-" + type + ".txt";
      if (Status st = gaz->LoadFile(p, t); !st.ok()) return Fail(st.message());
    }
    // The project's own name lists (data/lexicon, see data/NOTICE*).
    if (!a.lexicon_dir.empty()) {
      const std::string& d = a.lexicon_dir;
      constexpr int kPers = 0, kLoc = 1, kOrg = 2;
      Status st = gaz->LoadTsvColumn(d + "/people.tsv", kPers, 3);
      if (st.ok()) st = gaz->LoadTsvColumn(d + "/organizations.tsv", kOrg, 1);
      if (st.ok()) st = gaz->LoadTsvColumn(d + "/places.tsv", kLoc, 0);
      if (st.ok()) st = gaz->LoadTsvColumn(d + "/places-curated.tsv", kLoc, 0);
      if (st.ok()) st = gaz->LoadTsvColumn(d + "/countries.tsv", kLoc, 2, 1, {"name", "capital"});
      if (!st.ok()) return Fail(st.message() + " (or pass --lexicon-dir '')");
    }
  }
  if (groups & tag::kFeatCluster) {
    const std::string p = a.clusters.empty() ? a.resources + "/clusters.tsv" : a.clusters;
    if (Status st = clusters->LoadTsv(p); !st.ok()) return Fail(st.message() + " (or pass --features without cluster)");
  }

  tag::ConllCorpus conll;
  if (Status st = tag::ReadConll(a.train, true, &conll); !st.ok()) return Fail(st.message());
  tag::NerCorpus all;
  if (Status st = tag::PrepareNerCorpus(conll, seg.segmenter, &all); !st.ok()) return Fail(a.train + ": " + st.message());
  tag::NerCorpus dev;
  if (!a.dev.empty()) {
    tag::ConllCorpus d;
    Status st = tag::ReadConll(a.dev, true, &d);
    if (st.ok()) st = tag::PrepareNerCorpus(d, seg.segmenter, &dev);
    if (!st.ok()) return Fail(a.dev + ": " + st.message());
  }

  tag::NerTrainOptions opts;
  opts.epochs = a.epochs;
  opts.hash_bits = a.bits;
  opts.groups = groups;
  opts.seed = a.seed;
  opts.word_dropout = a.dropout;
  opts.margin = a.margin;
  opts.ensemble = a.ensemble;
  opts.first_stage_epochs = a.first_epochs;
  opts.document = !a.no_document;
  opts.doc_window = a.window;
  if (groups & tag::kFeatPrior) {
    for (const auto& p : a.corpus)
      if (!std::filesystem::exists(p))
        return Fail(p + ": corpus not found (needed for the prior features; or pass --features without prior)");
    opts.corpus = [&](const tag::NerTrainOptions::CorpusVisitor& visit) {
      text::NormalizedText nt;
      std::vector<Span> spans;
      std::vector<text::Token> toks;
      std::vector<uint32_t> bounds;
      DocumentReader reader(
          [&](Document&& d) {
            text::Normalize(d.text, &nt);
            spans.clear();
            text::SplitSentences(nt.text, &spans);
            toks.clear();
            bounds.assign(1, 0);
            for (const Span& sp : spans) {
              text::Tokenize(nt, sp.begin, sp.end, seg.segmenter, &toks);
              if (toks.size() != bounds.back()) bounds.push_back(static_cast<uint32_t>(toks.size()));
            }
            visit(tag::NerDocument{toks, bounds});
            return a.corpus_docs == 0 || reader.stats().documents + 1 < a.corpus_docs;
          },
          [](const Status&) {});
      for (const auto& p : a.corpus) reader.Read(p);
    };
  }
  opts.progress = [&](const std::string& m) {
    if (!g.quiet) std::fprintf(stderr, "rasd: %s (%.0f s)\n", m.c_str(), Seconds(t0));
  };
  std::printf("features: %s%s; gazetteer: %zu names; clusters: %zu words; 2^%u slots\n",
              tag::FeatureGroupNames(groups).c_str(), opts.document ? " + document stage" : "", gaz->size(),
              clusters->size(), a.bits);

  int epochs = a.epochs;
  if (a.holdout > 0) {
    // Choose the number of epochs on the last part of the training data,
    // then train on all of it.
    tag::ConllCorpus head, tail;
    tag::SplitConll(conll, a.holdout, &head, &tail);
    tag::NerCorpus part, held;
    if (Status st = tag::PrepareNerCorpus(head, seg.segmenter, &part); !st.ok()) return Fail(st.message());
    if (Status st = tag::PrepareNerCorpus(tail, seg.segmenter, &held); !st.ok()) return Fail(st.message());
    double best = -1;
    opts.on_epoch = [&](int epoch, const tag::NerTagger& m) {
      const double f = tag::EvaluateNer(m, held).overall().f1();
      std::printf("  epoch %2d: held-out F1 %.4f\n", epoch, f);
      std::fflush(stdout);
      if (f > best) best = f, epochs = epoch;
      return true;
    };
    std::printf("choosing epochs on the last %.0f%% of %s (%zu sentences):\n", a.holdout * 100, a.train.c_str(),
                held.sentences());
    tag::TrainNer(part, gaz, clusters, opts);
    std::printf("best: %d epochs (held-out F1 %.4f)\n", epochs, best);
    opts.epochs = epochs;
  }
  opts.on_epoch = nullptr;
  if (!a.dev.empty()) {
    opts.on_epoch = [&](int epoch, const tag::NerTagger& m) {
      const tag::EntityScorer s = tag::EvaluateNer(m, dev);
      std::printf("  epoch %2d: dev P %.4f R %.4f F1 %.4f\n", epoch, s.overall().precision(), s.overall().recall(),
                  s.overall().f1());
      std::fflush(stdout);
      return true;
    };
  }
  const auto t1 = std::chrono::steady_clock::now();
  const tag::NerTagger model = tag::TrainNer(all, gaz, clusters, opts);
  const double train_secs = Seconds(t1);
  if (Status st = model.Save(a.out); !st.ok()) return Fail(st.message());
  std::printf("trained on %zu sentences (%zu tokens), %d epochs, %.1f s (%.1f s in all) -> %s (%zu of 2^%u slots used)\n",
              all.sentences(), conll.tokens(), opts.epochs, train_secs, Seconds(t0), a.out.c_str(), model.UsedSlots(),
              a.bits);
  return kExitOk;
}

const CommandRegistrar kTrainNer(
    "train", "ner",
    "Train the NER (averaged structured perceptron, Viterbi, fixed seed: reproducible) on\n"
    "CoNLL data; the model carries its gazetteer and word clusters (data/ner/).\n"
    "Example: rasd train ner --train ../shared/gold/anercorp/train.conll --holdout 0.1 \\\n"
    "           --out data/models/ner.model",
    10, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto a = std::make_shared<TrainNerArgs>();
      sub->add_option("--train", a->train, "CoNLL training file (token<TAB>...<TAB>BIO tag)")->required();
      sub->add_option("--out", a->out, "model file to write")->required();
      sub->add_option("--epochs", a->epochs, "passes over the data (default 12; with --holdout, the most tried)");
      sub->add_option("--holdout", a->holdout,
                      "choose the epoch count on this final fraction of --train (e.g. 0.1), then train on all");
      sub->add_option("--dev", a->dev, "CoNLL file scored after every epoch (report only)");
      sub->add_option("--resources", a->resources, "directory of gazetteer-{pers,loc,org}.txt and clusters.tsv");
      sub->add_option("--lexicon-dir", a->lexicon_dir,
                      "also take names from the project's people/organizations/places/countries TSVs here "
                      "(default data/lexicon; '' for none)");
      sub->add_option("--corpus", a->corpus, "unlabelled documents for the prior features (default: the shared corpus)");
      sub->add_option("--corpus-docs", a->corpus_docs, "read at most this many corpus documents (default all)");
      sub->add_option("--clusters", a->clusters, "word clusters TSV (default: <resources>/clusters.tsv)");
      sub->add_option("--features", a->features, "feature groups: all, or a list of word,affix,ngram,shape,"
                                                  "context,bigram,gazetteer,cluster");
      sub->add_option("--bits", a->bits, "log2 of the weight-table rows (default 18)")->check(CLI::Range(8, 24));
      sub->add_option("--seed", a->seed, "shuffling seed (default 1)");
      sub->add_option("--ensemble", a->ensemble, "perceptrons per stage, averaged (default 1)")->check(CLI::Range(1, 16));
      sub->add_option("--margin", a->margin, "cost-augmented training: bonus of every wrong label (default 0)");
      sub->add_option("--first-epochs", a->first_epochs, "epochs of the first stage when there are two (default 8)");
      sub->add_flag("--no-document", a->no_document, "one sentence-level stage only");
      sub->add_option("--doc-window", a->window, "document stage: sentences either side (default 20)");
      sub->add_option("--word-dropout", a->dropout, "probability of hiding a token's form and stem in training (default 0.2)")
          ->check(CLI::Range(0.0, 0.9));
      sub->callback([a, g, rc]() { *rc = RunTrainNer(*a, *g); });
    });

struct ClusterArgs {
  std::vector<std::string> corpus;
  std::string out, vectors;
  tag::WordClusterOptions opts;
};

int RunTrainClusters(const ClusterArgs& a, const GlobalOptions& g) {
  const auto t0 = std::chrono::steady_clock::now();
  std::string warning;
  const tag::NerSegmenter seg = tag::LoadNerSegmenter(ResolveDataDir(g.data_dir), &warning);
  if (!warning.empty()) std::fprintf(stderr, "rasd: warning: %s\n", warning.c_str());
  tag::WordClusterTrainer trainer(a.opts);
  text::NormalizedText nt;
  std::vector<text::Token> toks;
  std::vector<std::string_view> stems;
  size_t docs = 0, errors = 0;
  DocumentReader reader(
      [&](Document&& d) {
        text::Normalize(d.text, &nt);
        toks.clear();
        text::Tokenize(nt, 0, static_cast<uint32_t>(nt.text.size()), seg.segmenter, &toks);
        stems.clear();
        for (const auto& t : toks) stems.push_back(t.stem);
        trainer.AddText(stems);
        if (!g.quiet && ++docs % 5000 == 0) std::fprintf(stderr, "rasd: %zu documents read\n", docs);
        return true;
      },
      [&](const Status&) { ++errors; });
  for (const auto& p : a.corpus) reader.Read(p);
  if (reader.stats().documents == 0) return Fail("no documents read from the corpus");
  auto progress = [&](const std::string& m) {
    if (!g.quiet) std::fprintf(stderr, "rasd: %s (%.0f s)\n", m.c_str(), Seconds(t0));
  };
  if (Status st = trainer.Train(progress); !st.ok()) return Fail(st.message());
  std::string header = "# Distributional word clusters for the NER (stem<TAB>corpus count<TAB>cluster per level),\n"
                       "# generated by `rasd train ner-clusters` (skip-gram vectors + spherical k-means) from:\n";
  for (const auto& p : a.corpus) header += "#   " + p + "\n";
  header += "# " + std::to_string(reader.stats().documents) + " documents, " + std::to_string(trainer.tokens()) +
            " tokens; dim " + std::to_string(a.opts.dim) + ", window " + std::to_string(a.opts.window) +
            ", epochs " + std::to_string(a.opts.epochs) + ", seed " + std::to_string(a.opts.seed) +
            ". Do not edit; regenerate.\n";
  if (Status st = trainer.WriteTsv(a.out, header); !st.ok()) return Fail(st.message());
  if (!a.vectors.empty())
    if (Status st = trainer.WriteVectors(a.vectors); !st.ok()) return Fail(st.message());
  std::printf("%zu documents (%zu unreadable), %zu tokens -> %s in %.0f s\n", reader.stats().documents, errors,
              trainer.tokens(), a.out.c_str(), Seconds(t0));
  return kExitOk;
}

const CommandRegistrar kTrainNerClusters(
    "train", "ner-clusters",
    "Learn distributional word clusters for the NER from unlabelled text (skip-gram word\n"
    "vectors, then k-means at several granularities; deterministic for a seed).\n"
    "Example: rasd train ner-clusters --corpus ../shared/corpora/ant-multisource-2018.jsonl.zst \\\n"
    "           --out data/ner/clusters.tsv",
    11, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto a = std::make_shared<ClusterArgs>();
      sub->add_option("--corpus", a->corpus, "documents (any format rasd reads)")->required();
      sub->add_option("--out", a->out, "TSV to write")->required();
      sub->add_option("--vectors", a->vectors,
                      "also write the word vectors here (for rasd train ner-neural --vectors)");
      sub->add_option("--dim", a->opts.dim, "vector size (default 100)")->check(CLI::Range(8, 512));
      sub->add_option("--window", a->opts.window, "context window (default 5)")->check(CLI::Range(1, 20));
      sub->add_option("--epochs", a->opts.epochs, "passes over the corpus (default 3)")->check(CLI::Range(1, 50));
      sub->add_option("--min-count", a->opts.min_count, "ignore rarer words (default 5)");
      sub->add_option("--vocab", a->opts.max_vocab, "keep the most frequent words (default 100000)");
      sub->add_option("--levels", a->opts.levels, "cluster counts, coarse to fine (default 64 256 1024)")
          ->check(CLI::Range(2, 65000));
      sub->add_option("--seed", a->opts.seed, "random seed (default 1)");
      sub->callback([a, g, rc]() { *rc = RunTrainClusters(*a, *g); });
    });

}  // namespace
}  // namespace rasd::cli
