// `rasd code` and `rasd annotate`: documents in, JSON lines out.
#include <cstdio>
#include <iostream>

#include "command.h"
#include "rasd/output.h"
#include "rasd/pipeline.h"
#include "rasd/runner.h"

namespace rasd::cli {
namespace {

struct CodeOptions {
  std::vector<std::string> paths;
  std::string format = "jsonl";
  int threads = 0;
  bool no_ner = false;
  bool partial = false;
  bool no_filter = false;
};

int RunCode(const CodeOptions& o, const GlobalOptions& g, bool annotate) {
  PipelineOptions popts;
  popts.data_dir = g.data_dir;
  popts.use_ner = !o.no_ner;
  popts.partial_events = o.partial;
  popts.use_report_filter = !o.no_filter;
  auto pipeline = Pipeline::Load(popts);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "rasd: %s\n", pipeline.status().message().c_str());
    return kExitFatal;
  }
  RunOptions ropts;
  ropts.threads = o.threads;
  ropts.progress = !g.quiet;
  RunStats stats;
  CodePointIndex cpi;
  std::string line;
  RunPipeline(**pipeline, o.paths, ropts,
              [&](const AnnotatedDocument& ad) {
                cpi.Build(ad.doc.text);
                line.clear();
                if (annotate) {
                  AppendAnnotationJson(ad, cpi, &line);
                  line.push_back('\n');
                } else {
                  for (const Event& ev : ad.events) {
                    AppendEventJson(ev, ad.doc, cpi, &line);
                    line.push_back('\n');
                  }
                }
                return std::fwrite(line.data(), 1, line.size(), stdout) == line.size();
              },
              &stats);
  std::fflush(stdout);
  if (stats.record_errors > 0) {
    std::fprintf(stderr, "rasd: %zu record(s) failed; %zu document(s) processed\n", stats.record_errors,
                 stats.documents);
    return kExitRecordErrors;
  }
  return kExitOk;
}

void Setup(CLI::App* sub, const GlobalOptions* g, int* exit_code, bool annotate) {
  auto o = std::make_shared<CodeOptions>();
  sub->add_option("paths", o->paths,
                  "input files or directories: .txt .html .jsonl .jsonl.gz .jsonl.zst .warc(.gz); '-' for stdin")
      ->required();
  sub->add_option("--format", o->format, "output format (jsonl)")->check(CLI::IsMember({"jsonl"}));
  sub->add_option("-j,--threads", o->threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  sub->add_flag("--no-ner", o->no_ner, "skip the statistical NER stage");
  sub->add_flag("--no-filter", o->no_filter,
                "keep every violent event the rules find (skip the report filter that drops background mentions)");
  sub->add_flag("--partial", o->partial,
                "also emit events whose source or target is missing or a bare role (e.g. protests without a target)");
  sub->callback([o, g, exit_code, annotate]() { *exit_code = RunCode(*o, *g, annotate); });
}

const CommandRegistrar kCode(
    "code",
    "Code events: one JSON object per event (format: shared/spec/EVENTS.md).\n"
    "Exit status: 0 ok, 1 some records failed (reported on stderr, others coded), 3 fatal.",
    10, [](CLI::App* sub, const GlobalOptions* g, int* rc) { Setup(sub, g, rc, false); });

const CommandRegistrar kAnnotate(
    "annotate",
    "Everything the engine recognised, one JSON object per document: sentences,\n"
    "mentions (actors, places, dates, triggers, entities) and events.",
    20, [](CLI::App* sub, const GlobalOptions* g, int* rc) { Setup(sub, g, rc, true); });

}  // namespace
}  // namespace rasd::cli
