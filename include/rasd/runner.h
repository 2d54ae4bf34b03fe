// Runs the pipeline over input paths with N threads, delivering annotated
// documents to a sink in input order, with progress on stderr.
//
// Thread-safety: RunPipeline calls the sink from the calling thread only.
#ifndef RASD_RUNNER_H_
#define RASD_RUNNER_H_

#include <functional>
#include <string>
#include <vector>

#include "rasd/document.h"
#include "rasd/pipeline.h"
#include "rasd/status.h"

namespace rasd {

struct RunOptions {
  int threads = 0;          // 0: all hardware threads.
  size_t batch = 64;        // Documents analysed per parallel batch.
  bool progress = true;     // Progress lines on stderr (only when stderr is a terminal or for long runs).
  bool report_errors = true;  // Print each bad record on stderr.
};

struct RunStats {
  size_t documents = 0;
  size_t events = 0;
  size_t record_errors = 0;
  size_t bytes = 0;
  double seconds = 0;
};

// The sink returns false to stop early.
using AnnotationSink = std::function<bool(const AnnotatedDocument&)>;

void RunPipeline(const Pipeline& pipeline, const std::vector<std::string>& paths, const RunOptions& opts,
                 const AnnotationSink& sink, RunStats* stats);

}  // namespace rasd

#endif  // RASD_RUNNER_H_
