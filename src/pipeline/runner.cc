#include "rasd/runner.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "rasd/ingest.h"

namespace rasd {

void RunPipeline(const Pipeline& pipeline, const std::vector<std::string>& paths, const RunOptions& opts,
                 const AnnotationSink& sink, RunStats* stats) {
  const auto t0 = std::chrono::steady_clock::now();
  int threads = opts.threads > 0 ? opts.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (threads < 1) threads = 1;
  std::vector<Workspace> workspaces(threads);
  std::vector<Document> batch;
  std::vector<AnnotatedDocument> results;
  bool stop = false;
  const bool tty = isatty(STDERR_FILENO);
  auto last_report = t0;

  auto report = [&](bool final) {
    if (!opts.progress) return;
    const auto now = std::chrono::steady_clock::now();
    const double secs = std::chrono::duration<double>(now - t0).count();
    if (!final && std::chrono::duration<double>(now - last_report).count() < (tty ? 0.5 : 10.0)) return;
    if (!final && secs < 2.0) return;
    last_report = now;
    std::fprintf(stderr, "%srasd: %zu documents, %zu events, %zu errors, %.0f docs/s%s", tty ? "\r" : "",
                 stats->documents, stats->events, stats->record_errors, secs > 0 ? stats->documents / secs : 0.0,
                 (tty && !final) ? "" : "\n");
  };

  auto flush = [&]() {
    if (batch.empty()) return;
    results.resize(batch.size());
    std::atomic<size_t> next{0};
    auto work = [&](int w) {
      for (size_t i = next++; i < batch.size(); i = next++) {
        pipeline.Annotate(batch[i], &workspaces[w], &results[i]);
      }
    };
    if (threads == 1 || batch.size() == 1) {
      work(0);
    } else {
      std::vector<std::thread> pool;
      for (int w = 0; w < threads; ++w) pool.emplace_back(work, w);
      for (auto& t : pool) t.join();
    }
    for (size_t i = 0; i < batch.size() && !stop; ++i) {
      stats->documents++;
      stats->events += results[i].events.size();
      if (!sink(results[i])) stop = true;
    }
    batch.clear();
    // Buffers grown by a very large document are released, not kept for the
    // rest of the run.
    results.clear();
    for (Workspace& w : workspaces)
      if (w.tokens.capacity() > (size_t{1} << 18)) w = Workspace();
    report(false);
  };

  // Batches are cut by count and by bytes, so that large documents (up to
  // kMaxDocumentBytes each) do not pile up in memory 64 at a time: analysis
  // needs about 70 bytes per byte of text, whatever the thread count.
  constexpr size_t kMaxBatchBytes = size_t{4} << 20;
  size_t batch_bytes = 0;
  DocumentReader reader(
      [&](Document&& doc) {
        batch_bytes += doc.text.size();
        batch.push_back(std::move(doc));
        if (batch.size() >= opts.batch || batch_bytes >= kMaxBatchBytes) {
          flush();
          batch_bytes = 0;
        }
        return !stop;
      },
      [&](const Status& st) {
        stats->record_errors++;
        if (opts.report_errors) std::fprintf(stderr, "rasd: error: %s\n", st.message().c_str());
      });
  for (const auto& p : paths) {
    if (stop) break;
    reader.Read(p);
  }
  flush();
  stats->bytes = reader.stats().bytes;
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (stats->seconds >= 2.0) report(true);
}

}  // namespace rasd
