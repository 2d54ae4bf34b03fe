// `rasd train ner-neural`: trains the NER's neural scorer (a BiLSTM-CRF over
// the linear model's hashed features, src/tag/ner_lstm.h) and adds it to a
// model file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "command.h"
#include "ner_cli.h"
#include "tag/conll.h"
#include "tag/ner.h"
#include "tag/ner_lstm.h"
#include "tag/ner_train.h"

namespace rasd::cli {
namespace {

struct NeuralArgs {
  std::string train, out, model, test, vectors, extra;
  size_t vector_words = 50000;
  double holdout = 0.1;
  float linear_weight = 0.1f;
  int ensemble = 1;
  bool mix_scores = false;
  bool train_all = false;
  bool keep_best = false;
  tag::LstmTrainOptions opts;
};

double Secs(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int RunTrainNeural(NeuralArgs& a, const GlobalOptions& g) {
  const auto t0 = std::chrono::steady_clock::now();
  auto loaded = LoadCliNer(a.model, g);
  if (!loaded) return kExitFatal;
  tag::NerTagger& base = loaded->tagger;
  const text::Segmenter& seg = loaded->seg.segmenter;
  tag::ConllCorpus conll;
  if (Status st = tag::ReadConll(a.train, true, &conll); !st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitFatal;
  }
  tag::ConllCorpus head, tail;
  tag::SplitConll(conll, a.holdout, &head, &tail);
  size_t extra_sentences = 0;
  tag::ConllCorpus more;
  if (!a.extra.empty()) {
    if (Status st = tag::ReadConll(a.extra, true, &more); !st.ok()) {
      std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
      return kExitFatal;
    }
    extra_sentences = more.words.size();
    head.words.insert(head.words.end(), more.words.begin(), more.words.end());
    head.tags.insert(head.tags.end(), more.tags.begin(), more.tags.end());
  }
  tag::NerCorpus part, held, test;
  Status st = tag::PrepareNerCorpus(head, seg, &part);
  if (st.ok()) st = tag::PrepareNerCorpus(tail, seg, &held);
  if (st.ok() && !a.test.empty()) {
    tag::ConllCorpus t;
    st = tag::ReadConll(a.test, true, &t);
    if (st.ok()) st = tag::PrepareNerCorpus(t, seg, &test);
  }
  if (!st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitFatal;
  }
  a.opts.dims.labels = static_cast<uint32_t>(base.labels().size());
  a.opts.allowed = base.allowed();
  if (!a.vectors.empty()) {
    auto v = tag::WordVectors::LoadTsv(a.vectors, a.vector_words);
    if (!v.ok()) {
      std::fprintf(stderr, "rasd: %s\n", v.status().message().c_str());
      return kExitFatal;
    }
    a.opts.vectors = std::move(v.value());
    std::printf("word vectors: %zu words, %u wide\n", a.opts.vectors.size(), a.opts.vectors.dim);
  }
  tag::LstmCorpus train_c;
  tag::LstmFeatures(base, part, a.opts.dims.bits, &train_c);
  std::printf(
      "neural: %zu sentences (%zu of them from --extra), %zu tokens, %.1f features a token; held out %zu "
      "sentences\n",
      part.sentences(), extra_sentences, part.tokens.size(),
      static_cast<double>(train_c.slots.size()) / static_cast<double>(part.tokens.size()), held.sentences());
  a.opts.progress = [&](const std::string& m) {
    if (!g.quiet) std::fprintf(stderr, "rasd: %s (%.0f s)\n", m.c_str(), Secs(t0));
  };
  // The epoch is chosen on the neural scorer alone; --mix-scores also prints
  // the held-out F1 of mixes with the linear model, which means something only
  // when --model was trained without the held-out part (docs/ner.md).
  const float kMixes[] = {0.05f, 0.1f, 0.2f, 0.3f, 0.5f, 1.0f};
  auto report = [&](const std::vector<std::shared_ptr<const tag::LstmNer>>& scorers) {
    const double f = tag::EvaluateNeural(base, scorers, 0.0f, held).overall().f1();
    std::printf("held-out F1 %.4f (neural alone)", f);
    if (a.mix_scores)
      for (float w : kMixes)
        std::printf(", %.4f (%.2g)", tag::EvaluateNeural(base, scorers, w, held).overall().f1(), w);
    if (!a.test.empty())
      std::printf("; test %.4f (alone), %.4f (mixed at %.2g)",
                  tag::EvaluateNeural(base, scorers, 0.0f, test).overall().f1(),
                  tag::EvaluateNeural(base, scorers, a.linear_weight, test).overall().f1(), a.linear_weight);
    std::printf("\n");
    std::fflush(stdout);
    return f;
  };
  a.opts.on_epoch = [&](int epoch, const tag::LstmNer& m) {
    std::printf("  epoch %2d: ", epoch);
    return report({std::make_shared<tag::LstmNer>(m)});
  };
  std::vector<std::shared_ptr<const tag::LstmNer>> models;
  std::vector<int> best_epochs;
  std::vector<double> best_scores;
  std::vector<uint32_t> seeds;
  const uint32_t seed = a.opts.seed;
  for (int k = 0; k < a.ensemble; ++k) {
    a.opts.seed = seed + static_cast<uint32_t>(k);
    if (a.ensemble > 1) std::printf("scorer %d of %d (seed %u):\n", k + 1, a.ensemble, a.opts.seed);
    int best_epoch = 0;
    double best = -1;
    auto report_epoch = a.opts.on_epoch;
    a.opts.on_epoch = [&](int epoch, const tag::LstmNer& m) {
      const double f = report_epoch(epoch, m);
      if (f > best) best = f, best_epoch = epoch;
      return f;
    };
    tag::LstmNer model = tag::TrainLstmNer(train_c, a.opts);
    a.opts.on_epoch = report_epoch;
    std::printf("best: epoch %d (held-out F1 %.4f, neural alone)\n", best_epoch, best);
    best_epochs.push_back(best_epoch);
    best_scores.push_back(best);
    seeds.push_back(a.opts.seed);
    model.Quantize();
    models.push_back(std::make_shared<tag::LstmNer>(std::move(model)));
  }
  if (a.ensemble > 1 && a.keep_best) {
    // One scorer, chosen on the held-out part alone: the seed moves held-out
    // F1 by a point or more (docs/ner.md).
    const size_t k =
        static_cast<size_t>(std::max_element(best_scores.begin(), best_scores.end()) - best_scores.begin());
    std::printf("keeping scorer %zu of %d (seed %u, held-out F1 %.4f)\n", k + 1, a.ensemble, seeds[k],
                best_scores[k]);
    models = {models[k]};
    best_epochs = {best_epochs[k]};
    seeds = {seeds[k]};
  } else if (a.ensemble > 1) {
    std::printf("all %d scorers: ", a.ensemble);
    report(models);
  }
  if (a.train_all) {
    // The shipped scorers: the same training again on all of --train (and
    // --extra), each for the number of epochs its held-out run chose.
    conll.words.insert(conll.words.end(), more.words.begin(), more.words.end());
    conll.tags.insert(conll.tags.end(), more.tags.begin(), more.tags.end());
    tag::NerCorpus everything;
    if (Status s2 = tag::PrepareNerCorpus(conll, seg, &everything); !s2.ok()) {
      std::fprintf(stderr, "rasd: %s\n", s2.message().c_str());
      return kExitFatal;
    }
    tag::LstmCorpus all_c;
    tag::LstmFeatures(base, everything, a.opts.dims.bits, &all_c);
    a.opts.on_epoch = nullptr;
    const int epochs = a.opts.epochs;
    for (size_t k = 0; k < models.size(); ++k) {
      a.opts.seed = seeds[k];
      a.opts.epochs = best_epochs[k];
      std::printf("training on all %zu sentences for %d epochs (seed %u)\n", everything.sentences(),
                  a.opts.epochs, a.opts.seed);
      std::fflush(stdout);
      tag::LstmNer model = tag::TrainLstmNer(all_c, a.opts);
      model.Quantize();
      models[k] = std::make_shared<tag::LstmNer>(std::move(model));
    }
    a.opts.epochs = epochs;
    if (!a.test.empty())
      std::printf("trained on all: test %.4f (alone), %.4f (mixed at %.2g)\n",
                  tag::EvaluateNeural(base, models, 0.0f, test).overall().f1(),
                  tag::EvaluateNeural(base, models, a.linear_weight, test).overall().f1(), a.linear_weight);
  }
  std::printf("trained in %.0f s\n", Secs(t0));
  if (!a.out.empty()) {
    base.set_neural(std::move(models), a.linear_weight);
    if (Status s2 = base.Save(a.out); !s2.ok()) {
      std::fprintf(stderr, "rasd: %s\n", s2.message().c_str());
      return kExitFatal;
    }
  }
  return kExitOk;
}

const CommandRegistrar kTrainNeural(
    "train", "ner-neural",
    "Train the NER's neural scorer (BiLSTM-CRF over the linear model's features) on CoNLL\n"
    "data, choosing the epoch on the last --holdout of it, and add it to a model file.\n"
    "Example: rasd train ner-neural --train ../shared/gold/anercorp/train.conll \\\n"
    "           --model data/models/ner.model --out data/models/ner.model",
    11, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto a = std::make_shared<NeuralArgs>();
      sub->add_option("--train", a->train, "CoNLL training file")->required();
      sub->add_option("--model", a->model,
                      "the linear model whose features it reads (default <data>/ner.model)");
      sub->add_option("--out", a->out, "model file to write (the linear model plus the neural scorer)");
      sub->add_option("--extra", a->extra,
                      "more CoNLL training data added to the training part, never held out (e.g. corpus "
                      "sentences tagged by a teacher model: scripts/train-ner)");
      sub->add_flag(
          "--train-all", a->train_all,
          "after choosing each scorer's epoch on the held-out part, train it again on all of --train "
          "for that many epochs (the held-out figures printed are then those of the first run)");
      sub->add_option("--test", a->test, "CoNLL file scored after every epoch (report only)");
      sub->add_option(
             "--linear-weight", a->linear_weight,
             "weight of the linear model's scores in the mix (default 0.1; 0: the neural scorer alone)")
          ->check(CLI::Range(0.0, 100.0));
      sub->add_flag(
          "--mix-scores", a->mix_scores,
          "also print held-out F1 of mixes with the linear model (to choose --linear-weight; honest only "
          "when --model was trained without the held-out part)");
      sub->add_option(
          "--vectors", a->vectors,
          "fixed word vectors read beside the features (rasd train ner-clusters --vectors; default none)");
      sub->add_option("--vector-words", a->vector_words,
                      "keep the first N words of --vectors (default 50000)");
      sub->add_option("--holdout", a->holdout,
                      "final fraction of --train to choose the epoch on (default 0.1)");
      sub->add_option("--epochs", a->opts.epochs, "passes over the data (default 20)");
      sub->add_option("--bits", a->opts.dims.bits, "log2 of the embedding rows (default 16)")
          ->check(CLI::Range(8, 22));
      sub->add_option("--emb", a->opts.dims.emb, "embedding width (default 32)")->check(CLI::Range(4, 512));
      sub->add_option("--hidden", a->opts.dims.hidden, "LSTM units per direction (default 32)")
          ->check(CLI::Range(4, 512));
      sub->add_option("--lr", a->opts.lr, "Adam step for the dense weights (default 0.001)");
      sub->add_option("--emb-lr", a->opts.emb_lr, "Adagrad step for the embeddings (default 0.05)");
      sub->add_option("--dropout", a->opts.dropout, "dropout on the LSTM input and output (default 0.5)")
          ->check(CLI::Range(0.0, 0.9));
      sub->add_option("--word-dropout", a->opts.word_dropout,
                      "probability of hiding a token's form and stem (default 0.2)")
          ->check(CLI::Range(0.0, 0.9));
      sub->add_option("--seed", a->opts.seed, "seed (default 1; scorer k of an ensemble gets seed + k - 1)");
      sub->add_option("--ensemble", a->ensemble,
                      "neural scorers to train and average, or to pick one from with --keep-best (default 1)")
          ->check(CLI::Range(1, 16));
      sub->add_flag("--keep-best", a->keep_best,
                    "with --ensemble N: keep only the scorer with the best held-out F1 instead of averaging "
                    "all N (the seed alone moves it by a point or more)");
      sub->add_option(
          "--average-from", a->opts.average_from,
          "from this epoch on, use the mean of the weights at the end of each epoch (default 0: off)");
      sub->add_option("--feature-dropout", a->opts.feature_dropout,
                      "probability of hiding each feature of a token in training (default 0.3)")
          ->check(CLI::Range(0.0, 0.9));
      sub->callback([a, g, rc]() { *rc = RunTrainNeural(*a, *g); });
    });

}  // namespace
}  // namespace rasd::cli
