// `rasd train clusters`: distributional word clusters from a corpus, a feature
// of the NER for words it never saw in training. Each frequent stem gets a
// random-indexing context vector (its left and right neighbours among the
// most frequent stems, projected onto 64 random ±1 directions), and k-means
// (cosine, k-means++ seeding, fixed seed) groups the vectors.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <unordered_map>

#include "command.h"
#include "lexicon/lexicon.h"
#include "rasd/ingest.h"
#include "rasd/pipeline.h"
#include "rasd/text.h"

namespace rasd::cli {
namespace {

constexpr int kDim = 64;

struct Options {
  std::vector<std::string> corpus;
  std::string out;
  int vocab = 40000, contexts = 1000, k = 256, iterations = 12, min_count = 5;
};

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

int Run(const Options& o, const GlobalOptions& g) {
  auto lex = lexicon::Lexicon::Load(ResolveDataDir(g.data_dir) + "/rasd.lex");
  if (!lex.ok()) {
    std::fprintf(stderr, "rasd: %s\n", lex.status().message().c_str());
    return kExitFatal;
  }
  const lexicon::Lexicon* l = lex->get();
  const text::Segmenter seg([l](std::string_view s) { return l->IsKnownStem(s); },
                            [l](std::string_view s) { return l->IsDictionaryKey(s); });
  // Pass over the corpus once, keeping each document's stem ids.
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> words;
  std::vector<uint64_t> freq;
  std::vector<std::vector<uint32_t>> docs;
  text::NormalizedText nt;
  std::vector<text::Token> toks;
  size_t errors = 0;
  DocumentReader reader(
      [&](Document&& d) {
        text::Normalize(d.text, &nt);
        toks.clear();
        text::Tokenize(nt, 0, static_cast<uint32_t>(nt.text.size()), seg, &toks);
        std::vector<uint32_t> seq;
        seq.reserve(toks.size());
        for (const auto& t : toks) {
          if (t.kind != text::TokenKind::kArabic) {
            seq.push_back(UINT32_MAX);
            continue;
          }
          auto [it, added] = ids.emplace(std::string(t.stem), static_cast<uint32_t>(words.size()));
          if (added) words.emplace_back(t.stem), freq.push_back(0);
          freq[it->second]++;
          seq.push_back(it->second);
        }
        docs.push_back(std::move(seq));
        if (!g.quiet && docs.size() % 5000 == 0) std::fprintf(stderr, "rasd: %zu documents read\n", docs.size());
        return true;
      },
      [&](const Status&) { ++errors; });
  for (const auto& p : o.corpus) reader.Read(p);
  if (docs.empty()) {
    std::fprintf(stderr, "rasd: no documents read\n");
    return kExitFatal;
  }
  std::vector<uint32_t> order(words.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return freq[a] != freq[b] ? freq[a] > freq[b] : words[a] < words[b]; });
  std::vector<int> row(words.size(), -1), ctx(words.size(), -1);
  int nv = 0;
  for (uint32_t i = 0; i < order.size() && nv < o.vocab && freq[order[i]] >= static_cast<uint64_t>(o.min_count); ++i)
    row[order[i]] = nv++;
  for (int i = 0; i < o.contexts && i < static_cast<int>(order.size()); ++i) ctx[order[i]] = i;
  // Random-indexing context vectors.
  std::vector<float> vec(static_cast<size_t>(nv) * kDim, 0.0f);
  auto add_context = [&](int r, int c, int side) {
    const uint64_t h = Mix(static_cast<uint64_t>(c) * 2 + side);
    float* v = &vec[static_cast<size_t>(r) * kDim];
    for (int d = 0; d < kDim; ++d) v[d] += ((h >> d) & 1) ? 1.0f : -1.0f;
  };
  for (const auto& seq : docs)
    for (size_t i = 0; i < seq.size(); ++i) {
      if (seq[i] == UINT32_MAX || row[seq[i]] < 0) continue;
      if (i > 0 && seq[i - 1] != UINT32_MAX && ctx[seq[i - 1]] >= 0) add_context(row[seq[i]], ctx[seq[i - 1]], 0);
      if (i + 1 < seq.size() && seq[i + 1] != UINT32_MAX && ctx[seq[i + 1]] >= 0)
        add_context(row[seq[i]], ctx[seq[i + 1]], 1);
    }
  for (int r = 0; r < nv; ++r) {
    float* v = &vec[static_cast<size_t>(r) * kDim];
    double n = 0;
    for (int d = 0; d < kDim; ++d) n += v[d] * v[d];
    n = std::sqrt(n) + 1e-9;
    for (int d = 0; d < kDim; ++d) v[d] = static_cast<float>(v[d] / n);
  }
  // k-means++ seeding, then Lloyd iterations on cosine similarity.
  std::mt19937 rng(17);
  const int k = std::min(o.k, nv);
  std::vector<float> cent(static_cast<size_t>(k) * kDim);
  std::vector<double> dist(nv, 1e9);
  auto dot = [&](const float* a, const float* b) {
    double s = 0;
    for (int d = 0; d < kDim; ++d) s += a[d] * b[d];
    return s;
  };
  int first = static_cast<int>(rng() % nv);
  std::copy_n(&vec[static_cast<size_t>(first) * kDim], kDim, &cent[0]);
  for (int c = 1; c < k; ++c) {
    double total = 0;
    for (int r = 0; r < nv; ++r) {
      const double dd = 1 - dot(&vec[static_cast<size_t>(r) * kDim], &cent[static_cast<size_t>(c - 1) * kDim]);
      dist[r] = std::min(dist[r], std::max(0.0, dd));
      total += dist[r];
    }
    double pick = std::uniform_real_distribution<double>(0, total)(rng);
    int chosen = nv - 1;
    for (int r = 0; r < nv; ++r) {
      pick -= dist[r];
      if (pick <= 0) {
        chosen = r;
        break;
      }
    }
    std::copy_n(&vec[static_cast<size_t>(chosen) * kDim], kDim, &cent[static_cast<size_t>(c) * kDim]);
  }
  std::vector<int> assign(nv, 0);
  for (int it = 0; it < o.iterations; ++it) {
    for (int r = 0; r < nv; ++r) {
      double best = -2;
      for (int c = 0; c < k; ++c) {
        const double s = dot(&vec[static_cast<size_t>(r) * kDim], &cent[static_cast<size_t>(c) * kDim]);
        if (s > best) best = s, assign[r] = c;
      }
    }
    std::fill(cent.begin(), cent.end(), 0.0f);
    for (int r = 0; r < nv; ++r)
      for (int d = 0; d < kDim; ++d) cent[static_cast<size_t>(assign[r]) * kDim + d] += vec[static_cast<size_t>(r) * kDim + d];
    for (int c = 0; c < k; ++c) {
      float* v = &cent[static_cast<size_t>(c) * kDim];
      double n = 0;
      for (int d = 0; d < kDim; ++d) n += v[d] * v[d];
      n = std::sqrt(n) + 1e-9;
      for (int d = 0; d < kDim; ++d) v[d] = static_cast<float>(v[d] / n);
    }
    if (!g.quiet) std::fprintf(stderr, "rasd: k-means iteration %d/%d\n", it + 1, o.iterations);
  }
  std::ofstream out(o.out);
  out << "# Distributional word clusters (stem<TAB>cluster), generated by `rasd train clusters`\n"
         "# from the corpus named below; a feature of the NER (docs/ner.md). Do not edit.\n"
         "# corpus: ";
  for (const auto& p : o.corpus) out << p << ' ';
  out << "\n# " << docs.size() << " documents, " << nv << " stems, " << k << " clusters\n";
  for (uint32_t i = 0; i < words.size(); ++i)
    if (row[i] >= 0) out << words[i] << '\t' << 'k' << assign[row[i]] << '\n';
  if (!out) {
    std::fprintf(stderr, "rasd: cannot write %s\n", o.out.c_str());
    return kExitFatal;
  }
  std::printf("%zu documents, %d stems in %d clusters -> %s\n", docs.size(), nv, k, o.out.c_str());
  return errors ? kExitRecordErrors : kExitOk;
}

const CommandRegistrar kTrainClusters(
    "train", "clusters",
    "Distributional word clusters from a corpus (features of the NER for unseen words).\n"
    "Example: rasd train clusters --corpus ../shared/corpora/ant-multisource-2018.jsonl.zst --out data/lexicon/clusters.tsv",
    30, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto o = std::make_shared<Options>();
      sub->add_option("--corpus", o->corpus, "documents (any input rasd reads)")->required();
      sub->add_option("--out", o->out, "TSV to write")->required();
      sub->add_option("--k", o->k, "number of clusters (default 256)");
      sub->add_option("--vocab", o->vocab, "stems to cluster, most frequent first (default 40000)");
      sub->callback([o, g, rc]() { *rc = Run(*o, *g); });
    });

}  // namespace
}  // namespace rasd::cli
