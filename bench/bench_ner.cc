// Tagging speed of the NER on one core over the ANERcorp test split: the
// whole model (with its neural scorer) and its linear part alone.
//
//   build/bench_ner [--benchmark_filter=...]
//
// Loads <data>/ner.model (as `rasd` finds it) and ../shared/gold/anercorp/test.conll,
// then times NerTagger::TagDocument over the whole split (both stages; the
// document stage looks 20 sentences either side), and the first stage alone
// per sentence. Tokens are normalised and segmented beforehand, as the
// pipeline does before the NER stage. Skips with a clear message when
// ../shared is absent.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>

#include "rasd/pipeline.h"
#include "tag/conll.h"
#include "tag/ner.h"
#include "tag/ner_segmenter.h"
#include "tag/ner_train.h"

namespace {

rasd::tag::NerTagger* g_model = nullptr;
rasd::tag::NerTagger* g_linear = nullptr;  // the same without its neural scorers (what the pipeline runs)
rasd::tag::NerCorpus* g_corpus = nullptr;

void BM_TagDocument(benchmark::State& state, const rasd::tag::NerTagger* model) {
  rasd::tag::NerScratch scratch;
  std::vector<int> tags;
  size_t tokens = 0;
  for (auto _ : state) {
    model->TagDocument(g_corpus->document(), &scratch, &tags);
    benchmark::DoNotOptimize(tags.data());
    tokens += g_corpus->tokens.size();
  }
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}

void BM_TagSentences(benchmark::State& state) {
  // Sentence by sentence, each its own document: what a caller without
  // document context gets.
  rasd::tag::NerScratch scratch;
  std::vector<int> tags;
  size_t tokens = 0;
  for (auto _ : state) {
    for (size_t s = 0; s < g_corpus->sentences(); ++s) {
      const uint32_t b = g_corpus->bounds[s], e = g_corpus->bounds[s + 1];
      g_model->Tag(std::span<const rasd::text::Token>(g_corpus->tokens).subspan(b, e - b), &scratch, &tags);
      benchmark::DoNotOptimize(tags.data());
    }
    tokens += g_corpus->tokens.size();
  }
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}

}  // namespace

int main(int argc, char** argv) {
  std::string gold;
  for (std::string dir : {std::string(RASD_SOURCE_DIR) + "/../shared", std::string("/work/shared")})
    if (gold.empty() && std::filesystem::exists(dir + "/gold/anercorp/test.conll")) gold = dir + "/gold/anercorp/test.conll";
  if (gold.empty()) {
    std::fprintf(stderr, "bench_ner: SKIP: ../shared/gold/anercorp/test.conll not found (the shared gold data is needed)\n");
    return 0;
  }
  const std::string data = rasd::ResolveDataDir("");
  auto model = rasd::tag::NerTagger::Load(data + "/ner.model");
  if (!model.ok()) {
    std::fprintf(stderr, "bench_ner: %s\n", model.status().message().c_str());
    return 1;
  }
  g_model = new rasd::tag::NerTagger(std::move(model.value()));
  g_linear = new rasd::tag::NerTagger(*g_model);
  g_linear->set_neural(nullptr);
  std::string warning;
  static const rasd::tag::NerSegmenter seg = rasd::tag::LoadNerSegmenter(data, &warning);
  if (!warning.empty()) std::fprintf(stderr, "bench_ner: warning: %s\n", warning.c_str());
  rasd::tag::ConllCorpus conll;
  g_corpus = new rasd::tag::NerCorpus();
  rasd::Status st = rasd::tag::ReadConll(gold, true, &conll);
  if (st.ok()) st = rasd::tag::PrepareNerCorpus(conll, seg.segmenter, g_corpus);
  if (!st.ok()) {
    std::fprintf(stderr, "bench_ner: %s\n", st.message().c_str());
    return 1;
  }
  std::fprintf(stderr,
               "bench_ner: %zu tokens, %zu sentences; model %s (%zu stages, 2^%u rows, %zu neural scorers)\n",
               g_corpus->tokens.size(), g_corpus->sentences(), (data + "/ner.model").c_str(),
               g_model->stages(), g_model->hash_bits(), g_model->neural_count());
  benchmark::RegisterBenchmark("ner/document", BM_TagDocument, g_model)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("ner/document-linear", BM_TagDocument, g_linear)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("ner/sentences", BM_TagSentences)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
