// Throughput of the whole pipeline (read excluded) on the shared corpus.
//
//   build/bench_pipeline [--docs=N] [--benchmark_filter=...]
//
// Reads the first N articles (default 2000) of
// ../shared/corpora/ant-multisource-2018.jsonl.zst into memory, then times
// Pipeline::Annotate on one thread, and the full parallel run on all cores.
// Skips with a clear message when ../shared is absent.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include "rasd/ingest.h"
#include "rasd/pipeline.h"
#include "rasd/runner.h"

namespace {

std::vector<rasd::Document>* g_docs = nullptr;
std::unique_ptr<rasd::Pipeline> g_pipeline;
std::string g_corpus;
size_t g_limit = 2000;

void BM_AnnotateOneThread(benchmark::State& state) {
  rasd::Workspace ws;
  rasd::AnnotatedDocument ad;
  size_t bytes = 0, docs = 0, tokens = 0, events = 0;
  for (auto _ : state) {
    for (const auto& d : *g_docs) {
      g_pipeline->Annotate(d, &ws, &ad);
      bytes += d.text.size();
      tokens += ws.tokens.size();
      events += ad.events.size();
      ++docs;
    }
  }
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["events/doc"] = static_cast<double>(events) / std::max<size_t>(docs, 1);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_ReadOnly(benchmark::State& state) {
  // The serial part of RunPipeline: decompression, JSON parsing, UTF-8
  // checks. With reading overlapped with annotation (runner.cc), this rate
  // bounds how many worker threads can be kept busy.
  size_t docs = 0, bytes = 0;
  for (auto _ : state) {
    rasd::DocumentReader reader([&](rasd::Document&& d) {
      bytes += d.text.size();
      return ++docs % g_limit != 0;
    }, [](const rasd::Status&) {});
    reader.Read(g_corpus);
  }
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_RunAllCores(benchmark::State& state) {
  // End to end including decompression and JSON parsing, all cores.
  size_t docs = 0, bytes = 0;
  for (auto _ : state) {
    rasd::RunOptions ro;
    ro.progress = false;
    rasd::RunStats st;
    size_t n = 0;
    rasd::RunPipeline(*g_pipeline, {g_corpus}, ro, [&](const rasd::AnnotatedDocument&) { return ++n < g_limit; },
                      &st);
    docs += st.documents;
    bytes += st.bytes;
  }
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
  state.counters["threads"] = std::thread::hardware_concurrency();
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--docs=", 7) == 0) g_limit = std::strtoul(argv[i] + 7, nullptr, 10);
  g_corpus = std::string(RASD_SOURCE_DIR) + "/../shared/corpora/ant-multisource-2018.jsonl.zst";
  if (!std::filesystem::exists(g_corpus)) {
    std::fprintf(stderr, "bench_pipeline: SKIP: %s not found (the shared corpus is needed)\n", g_corpus.c_str());
    return 0;
  }
  auto p = rasd::Pipeline::Load({});
  if (!p.ok()) {
    std::fprintf(stderr, "bench_pipeline: %s\n", p.status().message().c_str());
    return 1;
  }
  g_pipeline = std::move(p.value());
  g_docs = new std::vector<rasd::Document>();
  rasd::DocumentReader reader([](rasd::Document&& d) {
    g_docs->push_back(std::move(d));
    return g_docs->size() < g_limit;
  }, [](const rasd::Status&) {});
  reader.Read(g_corpus);
  std::fprintf(stderr, "bench_pipeline: %zu documents loaded\n", g_docs->size());
  benchmark::RegisterBenchmark("annotate/1thread", BM_AnnotateOneThread)->Unit(benchmark::kMillisecond)->Iterations(1);
  benchmark::RegisterBenchmark("read/1thread", BM_ReadOnly)->Unit(benchmark::kMillisecond)->Iterations(1);
  benchmark::RegisterBenchmark("read+annotate/all_cores", BM_RunAllCores)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::fprintf(stderr, "bench_pipeline: peak RSS %.1f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
