#include "rasd/runner.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "rasd/ingest.h"

namespace rasd {
namespace {

// Total size of the inputs as stored, when every input is a regular file (an
// ETA needs it); 0 when unknown (directories, stdin).
uint64_t TotalInputBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-" || !std::filesystem::is_regular_file(p, ec)) return 0;
    const auto size = std::filesystem::file_size(p, ec);
    if (ec) return 0;
    total += size;
  }
  return total;
}

std::string Duration(double secs) {
  char buf[32];
  const auto s = static_cast<long>(secs + 0.5);
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// Worker threads that live for the whole run. The per-thread memos and
// scratch buffers of the stages (clitic segmentation, dictionary keys, NER
// buffers) then serve every batch; with a new thread per batch of 64
// documents they started cold on each one (docs/performance.md).
class WorkerPool {
 public:
  explicit WorkerPool(int n) {
    for (int w = 0; w < n; ++w) threads_.emplace_back([this, w] { Loop(w); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      quit_ = true;
    }
    work_cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs job(w) once on every worker w; returns at once. Only after Wait().
  void Start(std::function<void(int)> job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      job_ = std::move(job);
      busy_ = threads_.size();
      ++seq_;
    }
    work_cv_.notify_all();
  }
  // Until every worker has finished the job started last.
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, [this] { return busy_ == 0; });
  }

 private:
  void Loop(int w) {
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] { return quit_ || seq_ != seen; });
        if (seq_ == seen) return;  // quit, nothing left to run
        seen = seq_;
      }
      job_(w);  // job_ changes only in Start, after Wait
      std::lock_guard<std::mutex> lock(mu_);
      if (--busy_ == 0) done_cv_.notify_all();
    }
  }

  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::function<void(int)> job_;
  size_t busy_ = 0;
  uint64_t seq_ = 0;
  bool quit_ = false;
};

// One batch: documents in, annotations out. Two of them alternate, so that
// the workers fill one while the caller drains the other.
struct Batch {
  std::vector<Document> docs;
  std::vector<AnnotatedDocument> results;  // Kept across batches: buffers are reused.
  size_t size = 0;
  size_t bytes = 0;  // Text bytes of the documents in it.
};

// Batches are cut by count and by bytes, so that large documents (up to
// kMaxDocumentBytes each) do not pile up in memory 64 at a time: analysis
// needs about 70 bytes per byte of text, whatever the thread count.
constexpr size_t kMaxBatchBytes = size_t{4} << 20;

}  // namespace

void RunPipeline(const Pipeline& pipeline, const std::vector<std::string>& paths, const RunOptions& opts,
                 const AnnotationSink& sink, RunStats* stats) {
  const auto t0 = std::chrono::steady_clock::now();
  int threads = opts.threads > 0 ? opts.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (threads < 1) threads = 1;
  std::vector<Workspace> workspaces(threads);
  Batch batches[2];
  Batch* filling = &batches[0];
  Batch* running = nullptr;  // Being annotated by the pool.
  std::atomic<size_t> next{0};
  WorkerPool pool(threads);  // after what its jobs use: it ends first
  bool stop = false;
  const bool show = opts.progress && isatty(STDERR_FILENO);
  const uint64_t total_bytes = show ? TotalInputBytes(paths) : 0;
  const DocumentReader* reader_ptr = nullptr;
  auto last_report = t0;

  auto report = [&](bool final) {
    if (!show) return;
    const auto now = std::chrono::steady_clock::now();
    const double secs = std::chrono::duration<double>(now - t0).count();
    if (!final && (std::chrono::duration<double>(now - last_report).count() < 0.5 || secs < 1.0)) return;
    last_report = now;
    const double rate = secs > 0 ? stats->documents / secs : 0.0;
    std::string eta;
    if (total_bytes > 0 && reader_ptr != nullptr && !final) {
      const double done = static_cast<double>(reader_ptr->input_position()) / total_bytes;
      if (done > 0.001 && done <= 1.0)
        eta = ", " + std::to_string(static_cast<int>(done * 100)) + "%, ETA " +
              Duration(secs * (1 - done) / done);
    }
    std::fprintf(stderr, "\rrasd: %zu documents, %zu events, %zu errors, %.0f docs/s%s%s\033[K%s",
                 stats->documents, stats->events, stats->record_errors, rate, eta.c_str(),
                 final ? (", " + Duration(secs) + " elapsed").c_str() : "", final ? "\n" : "");
  };

  // Buffers grown by a very large document are released, not kept for the
  // rest of the run (only while no worker uses them).
  auto release_large = [&]() {
    for (Workspace& w : workspaces)
      if (w.tokens.capacity() > (size_t{1} << 18)) w = Workspace();
  };
  auto done_with = [&](Batch* b) {
    if (b->bytes >= kMaxBatchBytes) b->results.clear();
    b->size = 0;
    b->bytes = 0;
  };

  // Waits for the running batch and hands its results to the sink.
  auto finish_running = [&]() {
    if (running == nullptr) return;
    pool.Wait();
    release_large();
    for (size_t i = 0; i < running->size && !stop; ++i) {
      stats->documents++;
      stats->events += running->results[i].events.size();
      if (!sink(running->results[i])) stop = true;
    }
    done_with(running);
    running = nullptr;
    report(false);
  };

  // Starts the pool on the filled batch; returns at once.
  auto launch = [&]() {
    Batch* b = filling;
    if (b->size == 0) return;
    if (b->results.size() < b->size) b->results.resize(b->size);
    next = 0;
    auto work = [&pipeline, &workspaces, &next, b](int w) {
      for (size_t i = next++; i < b->size; i = next++)
        pipeline.Annotate(std::move(b->docs[i]), &workspaces[w], &b->results[i]);
    };
    pool.Start(work);
    running = b;
    filling = (b == &batches[0]) ? &batches[1] : &batches[0];
  };

  // A full batch: wait for the previous one, start this one, then deliver
  // the previous results while the workers run.
  auto dispatch = [&]() {
    if (filling->size == 0) return;
    Batch* previous = running;
    if (previous != nullptr) {
      pool.Wait();
      running = nullptr;
      release_large();
    }
    launch();
    if (previous != nullptr) {
      for (size_t i = 0; i < previous->size && !stop; ++i) {
        stats->documents++;
        stats->events += previous->results[i].events.size();
        if (!sink(previous->results[i])) stop = true;
      }
      done_with(previous);
      report(false);
    }
  };

  DocumentReader reader(
      [&](Document&& doc) {
        if (filling->docs.size() <= filling->size) filling->docs.resize(filling->size + 1);
        filling->bytes += doc.text.size();
        filling->docs[filling->size++] = std::move(doc);
        if (filling->size >= opts.batch || filling->bytes >= kMaxBatchBytes) dispatch();
        return !stop;
      },
      [&](const Status& st) {
        stats->record_errors++;
        if (opts.report_errors) {
          if (show) std::fprintf(stderr, "\r\033[K");
          std::fprintf(stderr, "rasd: error: %s\n", st.message().c_str());
        }
      });
  reader.SetShard(opts.shard);
  reader_ptr = &reader;
  for (const auto& p : paths) {
    if (stop) break;
    reader.Read(p);
  }
  if (!stop) dispatch();
  finish_running();
  stats->bytes = reader.stats().bytes;
  stats->skipped = reader.stats().skipped;
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (stats->seconds >= 1.0) report(true);
}

}  // namespace rasd
