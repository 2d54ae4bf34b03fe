// Runs the pipeline over input paths with N threads, delivering annotated
// documents to a sink in input order, with progress on stderr.
//
// Reading, annotating and delivering overlap: while the workers annotate
// batch i, the calling thread hands batch i-1 to the sink and reads batch
// i+1 (docs/performance.md).
//
// Thread-safety: RunPipeline calls the sink from the calling thread only.
#ifndef RASD_RUNNER_H_
#define RASD_RUNNER_H_

#include <functional>
#include <string>
#include <vector>

#include "rasd/document.h"
#include "rasd/ingest.h"
#include "rasd/pipeline.h"
#include "rasd/status.h"

namespace rasd {

struct RunOptions {
  int threads = 0;          // Worker threads; 0: all hardware threads.
  size_t batch = 64;        // Documents analysed per parallel batch.
  bool progress = true;     // Progress line on stderr (documents, docs/s, ETA), only when stderr is a terminal.
  bool report_errors = true;  // Print each bad record on stderr.
  Shard shard;              // Only this share of the inputs (DocumentReader::SetShard).
};

struct RunStats {
  size_t documents = 0;
  size_t skipped = 0;  // Records left to other shards.
  size_t events = 0;
  size_t record_errors = 0;
  size_t bytes = 0;
  double seconds = 0;
};

// The sink returns false to stop early. It may move from the document (it is
// not used again), e.g. to queue it for a store writer.
using AnnotationSink = std::function<bool(AnnotatedDocument&)>;

void RunPipeline(const Pipeline& pipeline, const std::vector<std::string>& paths, const RunOptions& opts,
                 const AnnotationSink& sink, RunStats* stats);

}  // namespace rasd

#endif  // RASD_RUNNER_H_
