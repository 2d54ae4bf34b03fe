// `rasd ingest`: code documents and keep them in a store (docs/store.md).
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

#include "command.h"
#include "rasd/pipeline.h"
#include "rasd/runner.h"
#include "rasd/store.h"

namespace rasd::cli {
namespace {

struct IngestOptions {
  std::vector<std::string> paths;
  std::string db = "rasd.db";
  int threads = 0;
  size_t batch = 256;
  bool force = false;
  bool no_ner = false;
  bool neural_ner = false;
  std::string shard;
};

// Stores documents on a thread of its own, so that coding the next batch
// (RunPipeline's worker threads) overlaps with writing this one.
class StoreWriter {
 public:
  StoreWriter(Store* store, size_t batch, bool force) : store_(store), batch_(batch), force_(force) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~StoreWriter() { Finish(); }

  // Queues `ad` (moved from); false once writing has failed for good.
  bool Push(AnnotatedDocument& ad) {
    std::unique_lock<std::mutex> lock(mu_);
    // Bounded by count and by text bytes (hostile input: docs/robustness.md).
    space_.wait(lock, [&] {
      return (queue_.size() < kMaxQueued && queued_bytes_ < kMaxQueuedBytes) || queue_.empty() || !fatal_.ok();
    });
    if (!fatal_.ok()) return false;
    queued_bytes_ += ad.doc.text.size();
    queue_.push_back(std::move(ad));
    ready_.notify_one();
    return true;
  }

  // Waits for the queue to drain and commits. Returns the fatal error, if any.
  Status Finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
      ready_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    return fatal_;
  }

  size_t counts[3] = {0, 0, 0};  // new, replaced, unchanged (read after Finish)
  size_t errors = 0;

 private:
  static constexpr size_t kMaxQueued = 512;
  static constexpr size_t kMaxQueuedBytes = size_t{8} << 20;

  void Loop() {
    size_t in_batch = 0;
    while (true) {
      std::deque<AnnotatedDocument> work;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [&] { return !queue_.empty() || done_; });
        if (queue_.empty()) break;
        work.swap(queue_);
        queued_bytes_ = 0;
        space_.notify_all();
      }
      for (const AnnotatedDocument& ad : work) {
        Status st;
        if (in_batch == 0) st = store_->Begin();
        if (st.ok()) {
          auto r = store_->PutDocument(ad, force_);
          if (r.ok()) {
            counts[static_cast<int>(*r)]++;
          } else {
            ++errors;
            std::fprintf(stderr, "rasd: error: %s: %s\n",
                         ad.doc.origin.empty() ? ad.doc.id.c_str() : ad.doc.origin.c_str(),
                         r.status().message().c_str());
          }
          if (++in_batch >= batch_) {
            in_batch = 0;
            st = store_->Commit();
          }
        }
        if (!st.ok()) {
          (void)store_->Rollback();
          std::lock_guard<std::mutex> lock(mu_);
          fatal_ = st;
          queue_.clear();
          space_.notify_all();
          return;
        }
      }
    }
    if (in_batch > 0) {
      Status st = store_->Commit();
      if (!st.ok()) {
        (void)store_->Rollback();
        std::lock_guard<std::mutex> lock(mu_);
        fatal_ = st;
      }
    }
  }

  Store* store_;
  size_t batch_;
  bool force_;
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<AnnotatedDocument> queue_;
  size_t queued_bytes_ = 0;
  bool done_ = false;
  Status fatal_;
  std::thread thread_;
};

int RunIngest(const IngestOptions& o, const GlobalOptions& g) {
  Shard shard;
  if (!o.shard.empty()) {
    auto sh = ParseShard(o.shard);
    if (!sh.ok()) {
      std::fprintf(stderr, "rasd: --shard: %s\n", sh.status().message().c_str());
      return kExitUsage;
    }
    shard = *sh;
  }
  PipelineOptions popts;
  popts.data_dir = g.data_dir;
  popts.use_ner = !o.no_ner;
  popts.ner_neural = o.neural_ner;
  auto pipeline = Pipeline::Load(popts);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "rasd: %s\n", pipeline.status().message().c_str());
    return kExitFatal;
  }
  auto store = Store::Open(o.db);
  if (!store.ok()) {
    std::fprintf(stderr, "rasd: %s\n", store.status().message().c_str());
    return kExitFatal;
  }
  RunOptions ropts;
  ropts.threads = o.threads;
  ropts.progress = !g.quiet;
  ropts.shard = shard;
  RunStats stats;
  StoreWriter writer(store->get(), o.batch, o.force);
  RunPipeline(
      **pipeline, o.paths, ropts, [&](AnnotatedDocument& ad) { return writer.Push(ad); }, &stats);
  Status fatal = writer.Finish();
  if (!fatal.ok()) {
    std::fprintf(stderr, "rasd: cannot write %s: %s\n", RedactedUrl(o.db).c_str(), fatal.message().c_str());
    return kExitFatal;
  }
  const size_t* counts = writer.counts;
  const size_t errors = stats.record_errors + writer.errors;
  std::printf(
      "ingested %zu documents (%zu new, %zu replaced, %zu unchanged), %zu events, %zu record errors into "
      "%s\n",
      counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2], stats.events, errors,
      RedactedUrl(o.db).c_str());
  std::fflush(stdout);
  return errors > 0 ? kExitRecordErrors : kExitOk;
}

const CommandRegistrar kIngest(
    "ingest",
    "Code documents and store them (documents, sentences, mentions, events) in a database:\n"
    "a SQLite file (default rasd.db) or postgresql://... Re-ingesting an unchanged document\n"
    "changes nothing; a changed one replaces its events. See docs/store.md.\n"
    "Exit status: 0 ok, 1 some records failed (others stored), 3 fatal.",
    50, [](CLI::App* sub, const GlobalOptions* g, int* exit_code) {
      auto o = std::make_shared<IngestOptions>();
      sub->add_option(
             "paths", o->paths,
             "input files or directories: .txt .html .jsonl .jsonl.gz .jsonl.zst .warc(.gz); '-' for stdin")
          ->required();
      sub->add_option("--db", o->db, "database: SQLite file or postgresql://user@host/db")
          ->capture_default_str();
      sub->add_option("-j,--threads", o->threads, "worker threads (default: all cores)")
          ->check(CLI::NonNegativeNumber);
      sub->add_option("--batch", o->batch, "documents per transaction")
          ->capture_default_str()
          ->check(CLI::Range(1, 100000));
      sub->add_flag("--force", o->force, "replace documents even when unchanged");
      sub->add_flag("--no-ner", o->no_ner, "skip the statistical NER stage");
      sub->add_flag("--neural-ner", o->neural_ner, kNeuralNerHelp);
      sub->add_option("--shard", o->shard,
                      "store only share K of N of the inputs (0 <= K < N): N processes or machines with "
                      "0/N ... N-1/N fill one PostgreSQL store without overlap (docs/scale.md)")
          ->type_name("K/N");
      sub->callback([o, g, exit_code]() { *exit_code = RunIngest(*o, *g); });
    });

}  // namespace
}  // namespace rasd::cli
