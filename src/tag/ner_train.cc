#include "tag/ner_train.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <numeric>
#include <random>

namespace rasd::tag {

Status PrepareNerCorpus(const ConllCorpus& conll, const text::Segmenter& seg, NerCorpus* out) {
  const auto& labels = NerLabels();
  const size_t total = conll.tokens();
  out->norms.clear();
  out->norms.reserve(total);  // never reallocated below: the tokens view these strings
  for (const auto& sent : conll.words)
    for (const auto& w : sent) out->norms.push_back(text::NormalizeString(w));
  out->tokens.clear();
  out->tokens.reserve(total);
  out->bounds.assign(1, 0);
  out->gold.clear();
  out->gold_tags = conll.tags;
  NerScratch scratch;
  size_t k = 0;
  for (size_t s = 0; s < conll.words.size(); ++s) {
    for (size_t i = 0; i < conll.words[s].size(); ++i, ++k) {
      text::Token t;
      t.norm = out->norms[k];
      PrepareTokens(std::span<const std::string>(&conll.words[s][i], 1), seg, &scratch);
      // Same classification and segmentation, re-pointed at our own copy.
      const text::Token& p = scratch.tokens[0];
      t.kind = p.kind;
      t.proclitics = p.proclitics;
      t.stem = t.norm.substr(p.stem.data() - p.norm.data(), p.stem.size());
      if (!p.enclitic.empty()) t.enclitic = t.norm.substr(p.enclitic.data() - p.norm.data(), p.enclitic.size());
      out->tokens.push_back(t);
      const auto it = std::find(labels.begin(), labels.end(), conll.tags[s][i]);
      if (it == labels.end())
        return Status::InvalidArgument("sentence " + std::to_string(s + 1) + ": unknown NER tag '" +
                                       conll.tags[s][i] + "'");
      out->gold.push_back(static_cast<int>(it - labels.begin()));
    }
    out->bounds.push_back(static_cast<uint32_t>(out->tokens.size()));
  }
  return Status::Ok();
}

EntityScorer EvaluateNer(const NerTagger& model, const NerCorpus& corpus, double* seconds,
                         std::vector<std::vector<std::string>>* predicted) {
  NerScratch scratch;
  std::vector<int> ids;
  if (seconds) {
    // Timed on warm buffers, as in the pipeline, where a scratch serves many documents.
    model.TagDocument(corpus.document(), &scratch, &ids);
    const auto t0 = std::chrono::steady_clock::now();
    model.TagDocument(corpus.document(), &scratch, &ids);
    *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  } else {
    model.TagDocument(corpus.document(), &scratch, &ids);
  }
  EntityScorer scorer;
  std::vector<std::string> pred;
  for (size_t s = 0; s < corpus.sentences(); ++s) {
    pred.clear();
    for (uint32_t i = corpus.bounds[s]; i < corpus.bounds[s + 1]; ++i) pred.push_back(model.labels()[ids[i]]);
    scorer.Add(corpus.gold_tags[s], pred);
    if (predicted) predicted->push_back(pred);
  }
  return scorer;
}

void LstmFeatures(const NerTagger& base, const NerCorpus& corpus, uint32_t bits, LstmCorpus* out) {
  NerScratch scratch;
  const NerFeatureExtractor fx = base.extractor();
  fx.ExtractDocument(corpus.tokens, corpus.bounds, &scratch);
  out->slots.resize(scratch.feats.size());
  for (size_t k = 0; k < scratch.feats.size(); ++k) out->slots[k] = NerSlot(scratch.feats[k], bits);
  out->offsets.assign(scratch.offsets.begin(), scratch.offsets.begin() + corpus.tokens.size() + 1);
  out->bounds = corpus.bounds;
  out->stems.resize(corpus.tokens.size());
  for (size_t i = 0; i < corpus.tokens.size(); ++i) out->stems[i] = Fnv1a(corpus.tokens[i].stem);
  // Gold paths the CRF can score: an I-X that follows no X starts one (as
  // conlleval reads it), so it becomes B-X.
  out->gold = corpus.gold;
  for (size_t k = 0; k + 1 < corpus.bounds.size(); ++k)
    for (uint32_t i = corpus.bounds[k]; i < corpus.bounds[k + 1]; ++i) {
      const int prev = i == corpus.bounds[k] ? -1 : out->gold[i - 1];
      const int y = out->gold[i];
      if (!base.Allowed(prev, y)) {
        const std::string begin = "B-" + std::string(base.Type(y));
        for (size_t l = 0; l < base.labels().size(); ++l)
          if (base.labels()[l] == begin) out->gold[i] = static_cast<int>(l);
      }
    }
  out->identity = fx.IdentityFeatures();
}

EntityScorer EvaluateNeural(const NerTagger& base, const LstmNer& neural, float linear_weight,
                            const NerCorpus& corpus) {
  return EvaluateNeural(base, {std::make_shared<LstmNer>(neural)}, linear_weight, corpus);
}

EntityScorer EvaluateNeural(const NerTagger& base, const std::vector<std::shared_ptr<const LstmNer>>& neural,
                            float linear_weight, const NerCorpus& corpus) {
  NerTagger mixed = base;
  mixed.set_neural(neural, linear_weight);
  return EvaluateNer(mixed, corpus);
}

namespace {

// Hashed features of a corpus, as weight-table rows: token i's are
// slots[offsets[i], offsets[i + 1]), then `extra` per token from extra_slots.
struct Features {
  std::vector<uint32_t> slots, offsets;
  std::vector<uint32_t> extra_slots;
  uint32_t extra = 0;
  uint32_t identity = 0;  // leading features that word dropout may hide
};

// One averaged perceptron over a label lattice.
class StageTrainer {
 public:
  StageTrainer(uint32_t bits, const NerCorpus& corpus, const Features& f, const NerTrainOptions& opts,
               uint32_t seed)
      : L_(NerLabels().size()), corpus_(corpus), f_(f), opts_(opts), rng_(seed), drop_rng_(seed + 1) {
    const size_t size = L_ << bits, tsize = (L_ + 1) * L_;
    w_.assign(size, 0.0f);
    u_.assign(size, 0.0);
    t_.assign(tsize, 0.0f);
    tu_.assign(tsize, 0.0);
    forbid_.assign(tsize, 0.0f);
    const NerTagger shape;
    for (size_t from = 0; from <= L_; ++from)
      for (size_t to = 0; to < L_; ++to)
        if (!shape.Allowed(from == L_ ? -1 : static_cast<int>(from), static_cast<int>(to)))
          forbid_[from * L_ + to] = -1e30f;
  }

  void Epoch(std::vector<size_t>* order) {
    std::shuffle(order->begin(), order->end(), rng_);
    for (size_t s : *order) Learn(s);
  }

  // Viterbi labels of sentence s under the current (not averaged) weights.
  void Decode(size_t s, bool dropout, std::vector<int>* pred) {
    const uint32_t b = corpus_.bounds[s], e = corpus_.bounds[s + 1];
    const size_t n = e - b;
    for (size_t k = 0; k < trans_.size(); ++k) trans_[k] = t_[k] + forbid_[k];
    emit_.assign(n * L_, 0.0f);
    first_.resize(n);
    std::uniform_real_distribution<double> coin(0, 1);
    for (size_t i = 0; i < n; ++i)
      first_[i] = f_.offsets[b + i] + (dropout && opts_.word_dropout > 0 && coin(drop_rng_) < opts_.word_dropout
                                           ? f_.identity
                                           : 0);
    for (size_t i = 0; i < n; ++i) {
      float* out = &emit_[i * L_];
      auto add = [&](uint32_t slot) {
        const float* row = &w_[static_cast<size_t>(slot) * L_];
        for (size_t y = 0; y < L_; ++y) out[y] += row[y];
      };
      for (uint32_t k = first_[i]; k < f_.offsets[b + i + 1]; ++k) add(f_.slots[k]);
      for (uint32_t k = 0; k < f_.extra; ++k) add(f_.extra_slots[static_cast<size_t>(b + i) * f_.extra + k]);
    }
    if (dropout && opts_.margin > 0)  // cost-augmented: the gold label must win by a margin
      for (size_t i = 0; i < n; ++i)
        for (size_t y = 0; y < L_; ++y)
          if (static_cast<int>(y) != corpus_.gold[b + i]) emit_[i * L_ + y] += opts_.margin;
    ViterbiDecode(emit_.data(), n, L_, trans_.data(), &scratch_, pred);
  }

  NerModelBuilder::FloatStage Averaged(uint32_t groups) const {
    NerModelBuilder::FloatStage st;
    st.groups = groups;
    st.weights.resize(w_.size());
    st.trans.resize(t_.size());
    for (size_t k = 0; k < w_.size(); ++k) st.weights[k] = static_cast<float>(w_[k] - u_[k] / c_);
    for (size_t k = 0; k < t_.size(); ++k) st.trans[k] = static_cast<float>(t_[k] - tu_[k] / c_);
    return st;
  }

 private:
  void Learn(size_t s) {
    const uint32_t b = corpus_.bounds[s], e = corpus_.bounds[s + 1];
    if (e == b) return;
    Decode(s, true, &pred_);
    // Averaging by the standard trick: avg = w - u / c, where every update d
    // at step c also adds c * d to u.
    auto update = [&](uint32_t slot, int y, float d) {
      const size_t k = static_cast<size_t>(slot) * L_ + y;
      w_[k] += d;
      u_[k] += c_ * d;
    };
    for (uint32_t i = 0; i < e - b; ++i) {
      const int g = corpus_.gold[b + i], p = pred_[i];
      if (g != p) {
        for (uint32_t k = first_[i]; k < f_.offsets[b + i + 1]; ++k) update(f_.slots[k], g, 1), update(f_.slots[k], p, -1);
        for (uint32_t k = 0; k < f_.extra; ++k) {
          const uint32_t slot = f_.extra_slots[static_cast<size_t>(b + i) * f_.extra + k];
          update(slot, g, 1), update(slot, p, -1);
        }
      }
      const size_t gp = i == 0 ? L_ : static_cast<size_t>(corpus_.gold[b + i - 1]);
      const size_t pp = i == 0 ? L_ : static_cast<size_t>(pred_[i - 1]);
      if (gp != pp || g != p) {
        t_[gp * L_ + g] += 1, tu_[gp * L_ + g] += c_;
        t_[pp * L_ + p] -= 1, tu_[pp * L_ + p] -= c_;
      }
    }
    c_ += 1;
  }

  const size_t L_;
  const NerCorpus& corpus_;
  const Features& f_;
  const NerTrainOptions& opts_;
  std::mt19937 rng_, drop_rng_;
  std::vector<float> w_, t_, forbid_, trans_ = std::vector<float>((L_ + 1) * L_), emit_;
  std::vector<double> u_, tu_;
  std::vector<uint32_t> first_;
  std::vector<int> pred_;
  NerScratch scratch_;
  double c_ = 1;
};

// Several perceptrons on differently shuffled data (seeds seed, seed + 1000,
// ...), their averaged weights averaged again: a cheap, deterministic bag.
class Ensemble {
 public:
  Ensemble(uint32_t bits, const NerCorpus& corpus, const Features& f, const NerTrainOptions& opts) {
    for (int k = 0; k < std::max(1, opts.ensemble); ++k)
      members_.push_back(std::make_unique<StageTrainer>(bits, corpus, f, opts, opts.seed + 1000u * k));
  }
  void Epoch(const std::vector<size_t>& order) {
    for (auto& m : members_) {
      std::vector<size_t> o = order;
      m->Epoch(&o);
    }
  }
  NerModelBuilder::FloatStage Averaged(uint32_t groups) const {
    NerModelBuilder::FloatStage out = members_[0]->Averaged(groups);
    for (size_t k = 1; k < members_.size(); ++k) {
      const auto st = members_[k]->Averaged(groups);
      for (size_t i = 0; i < out.weights.size(); ++i) out.weights[i] += st.weights[i];
      for (size_t i = 0; i < out.trans.size(); ++i) out.trans[i] += st.trans[i];
    }
    const float inv = 1.0f / static_cast<float>(members_.size());
    for (float& w : out.weights) w *= inv;
    for (float& w : out.trans) w *= inv;
    return out;
  }

 private:
  std::vector<std::unique_ptr<StageTrainer>> members_;
};

}  // namespace

namespace {

// Viterbi labels of sentence s from cached feature slots and float weights.
void DecodeCached(const NerModelBuilder::FloatStage& st, const Features& f, const NerCorpus& corpus, size_t s,
                  uint32_t /*bits*/, std::vector<int>* tags) {
  const size_t L = NerLabels().size();
  const uint32_t b = corpus.bounds[s], e = corpus.bounds[s + 1];
  std::vector<float> emit(static_cast<size_t>(e - b) * L, 0.0f), trans = st.trans;
  const NerTagger shape;
  for (size_t from = 0; from <= L; ++from)
    for (size_t to = 0; to < L; ++to)
      if (!shape.Allowed(from == L ? -1 : static_cast<int>(from), static_cast<int>(to))) trans[from * L + to] = -1e30f;
  for (uint32_t i = b; i < e; ++i)
    for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
      const float* row = &st.weights[static_cast<size_t>(f.slots[k]) * L];
      for (size_t y = 0; y < L; ++y) emit[(i - b) * L + y] += row[y];
    }
  NerScratch scratch;
  ViterbiDecode(emit.data(), e - b, L, trans.data(), &scratch, tags);
}

// Label counts per stem over a corpus, for one tagger.
class PriorCounter {
 public:
  void Add(const NerDocument& doc, const std::vector<int>& tags, FlatMap<uint32_t>* index,
           std::vector<uint64_t>* keys) {
    for (size_t i = 0; i < doc.tokens.size(); ++i) {
      const text::Token& t = doc.tokens[i];
      if ((t.kind != text::TokenKind::kArabic && t.kind != text::TokenKind::kLatin) || t.stem.size() < 3) continue;
      const uint64_t key = Fnv1a(t.stem);
      uint32_t* slot = index->Insert(key);
      if (*slot == 0) {
        keys->push_back(key);
        *slot = static_cast<uint32_t>(keys->size());  // 1-based
      }
      if (counts_.size() < *slot) counts_.resize(keys->size());
      const int y = tags[i];
      ++counts_[*slot - 1][y == 0 ? 0 : 1 + (y - 1) / 2];
    }
  }
  // Priors into a copy of `base`.
  std::shared_ptr<WordClusters> Priors(const WordClusters& base, const std::vector<uint64_t>& keys) const {
    auto out = std::make_shared<WordClusters>(base);
    for (size_t k = 0; k < counts_.size(); ++k) {
      const auto& c = counts_[k];
      if (c[0] + c[1] + c[2] + c[3] + c[4] < 3) continue;
      out->SetPrior(keys[k], WordClusters::PriorCode(c[0], &c[1], 4));
    }
    return out;
  }

 private:
  std::vector<std::array<uint32_t, 5>> counts_;  // O, PERS, LOC, ORG, MISC
};

}  // namespace

NerTagger TrainNer(const NerCorpus& train, std::shared_ptr<const Gazetteer> gazetteer,
                   std::shared_ptr<const WordClusters> clusters, const NerTrainOptions& opts) {
  const uint32_t bits = opts.hash_bits;
  auto say = [&](const std::string& m) {
    if (opts.progress) opts.progress(m);
  };
  const size_t S = train.sentences();
  const int folds = std::max(2, opts.folds);
  auto fold_lo = [&](int k) { return S * k / folds; };
  // Hashed features of sentences [lo, hi), appended to f.
  auto extract = [&](const WordClusters* cl, uint32_t groups, size_t lo, size_t hi, Features* f) {
    const NerFeatureExtractor fx(gazetteer.get(), cl, groups);
    NerScratch scratch;
    const uint32_t b = train.bounds[lo], e = train.bounds[hi];
    std::vector<uint32_t> bounds(train.bounds.begin() + lo, train.bounds.begin() + hi + 1);
    for (auto& x : bounds) x -= b;
    fx.ExtractDocument(std::span<const text::Token>(train.tokens).subspan(b, e - b), bounds, &scratch);
    if (f->offsets.empty()) f->offsets.push_back(0);
    const uint32_t base = static_cast<uint32_t>(f->slots.size());
    for (uint64_t h : scratch.feats) f->slots.push_back(NerSlot(h, bits));
    for (size_t i = 1; i < scratch.offsets.size(); ++i) f->offsets.push_back(base + scratch.offsets[i]);
    f->identity = fx.IdentityFeatures();
  };
  auto build = [&](const std::vector<NerModelBuilder::FloatStage>& stages, std::shared_ptr<const WordClusters> cl) {
    return NerModelBuilder::Build(bits, opts.document ? opts.doc_window : 0, gazetteer, std::move(cl), stages);
  };
  std::vector<size_t> all(S);
  std::iota(all.begin(), all.end(), 0);
  auto others = [&](int k) {
    std::vector<size_t> rest;
    for (size_t s = 0; s < S; ++s)
      if (s < fold_lo(k) || s >= fold_lo(k + 1)) rest.push_back(s);
    return rest;
  };

  // Features never change during training: hash them once. With corpus
  // priors, each fold's features use priors from taggers that never saw it.
  Features base;
  std::shared_ptr<const WordClusters> shipped = clusters;
  if ((opts.groups & kFeatPrior) && opts.corpus) {
    const uint32_t plain = opts.groups & ~static_cast<uint32_t>(kFeatPrior);
    Features f0;
    extract(clusters.get(), plain, 0, S, &f0);
    std::vector<NerTagger> taggers;  // [0]: all data; [1 + k]: without fold k
    for (int k = -1; k < folds; ++k) {
      Ensemble t(bits, train, f0, opts);
      const std::vector<size_t> order = k < 0 ? all : others(k);
      for (int epoch = 1; epoch <= opts.first_stage_epochs; ++epoch) t.Epoch(order);
      NerTagger m = NerModelBuilder::Build(bits, 0, gazetteer, clusters, {t.Averaged(plain)});
      m.set_propagate(false);  // the priors count each occurrence's own label
      taggers.push_back(std::move(m));
    }
    say("prior taggers trained; labelling the corpus");
    FlatMap<uint32_t> index;
    std::vector<uint64_t> keys;
    std::vector<PriorCounter> counters(taggers.size());
    NerScratch scratch;
    std::vector<int> tags;
    size_t docs = 0, tokens = 0;
    opts.corpus([&](const NerDocument& doc) {
      for (size_t m = 0; m < taggers.size(); ++m) {
        taggers[m].TagDocument(doc, &scratch, &tags);
        counters[m].Add(doc, tags, &index, &keys);
      }
      ++docs;
      tokens += doc.tokens.size();
    });
    say("corpus priors from " + std::to_string(docs) + " documents, " + std::to_string(tokens) + " tokens, " +
        std::to_string(keys.size()) + " stems");
    shipped = counters[0].Priors(*clusters, keys);
    for (int k = 0; k < folds; ++k) {
      const auto fold_clusters = counters[1 + k].Priors(*clusters, keys);
      extract(fold_clusters.get(), opts.groups, fold_lo(k), fold_lo(k + 1), &base);
    }
  } else {
    extract(clusters.get(), opts.groups & ~static_cast<uint32_t>(kFeatPrior), 0, S, &base);
  }
  const uint32_t groups = (opts.groups & kFeatPrior) && opts.corpus ? opts.groups : opts.groups & ~kFeatPrior;

  auto train_stage = [&](const Features& f, uint32_t stage_groups, int epochs, bool last,
                         std::vector<NerModelBuilder::FloatStage> before) {
    Ensemble t(bits, train, f, opts);
    NerTagger model;
    bool built = false;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      t.Epoch(all);
      if (last && opts.on_epoch) {
        auto stages = before;
        stages.push_back(t.Averaged(stage_groups));
        model = build(stages, shipped);
        built = true;
        if (!opts.on_epoch(epoch, model)) break;
      }
    }
    if (!built) {
      before.push_back(t.Averaged(stage_groups));
      model = build(before, shipped);
    }
    return std::make_pair(model, t.Averaged(stage_groups));
  };

  if (!opts.document) return train_stage(base, groups, opts.epochs, true, {}).first;

  // First-stage labels of every training sentence from models that did not
  // see it (contiguous folds keep document context together).
  std::vector<int> held(train.tokens.size(), 0);
  for (int k = 0; k < folds; ++k) {
    const size_t lo = fold_lo(k), hi = fold_lo(k + 1);
    const std::vector<size_t> rest = others(k);
    Ensemble t(bits, train, base, opts);
    for (int epoch = 1; epoch <= opts.first_stage_epochs; ++epoch) t.Epoch(rest);
    // Decode the held-out fold with the averaged weights (its features as cached).
    const auto avg = t.Averaged(groups);
    for (size_t s = lo; s < hi; ++s) {
      std::vector<int> tags;
      DecodeCached(avg, base, train, s, bits, &tags);
      std::copy(tags.begin(), tags.end(), held.begin() + train.bounds[s]);
    }
    say("first stage, fold " + std::to_string(k + 1) + " of " + std::to_string(folds));
  }
  Features second = base;
  {
    NerScratch scratch;
    NerFeatureExtractor::DocumentCodes(train.tokens, train.bounds, held, NerLabels(), opts.doc_window, &scratch);
    std::vector<uint64_t> doc;
    NerFeatureExtractor::DocumentFeatures(scratch.doc_codes, train.bounds, &doc);
    second.extra = NerFeatureExtractor::kDocFeaturesPerToken;
    second.extra_slots.resize(doc.size());
    for (size_t k = 0; k < doc.size(); ++k) second.extra_slots[k] = NerSlot(doc[k], bits);
  }
  auto first = train_stage(base, groups, opts.first_stage_epochs, false, {}).second;
  say("first stage trained on all sentences");
  return train_stage(second, groups | kFeatDocument, opts.epochs, true, {first}).first;
}

}  // namespace rasd::tag
