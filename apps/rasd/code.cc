// `rasd code` and `rasd annotate`: documents in, events out (JSON lines, CSV
// or GDELT rows; optionally deduplicated across articles; optionally one
// shard of the inputs).
#include <cstdio>
#include <iostream>

#include "command.h"
#include "rasd/export.h"
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
  bool neural_ner = false;
  bool partial = false;
  bool no_filter = false;
  std::string dedup;  // --dedup[=DAYS]; empty: no deduplication.
  std::string shard;
};

int RunCode(const CodeOptions& o, const GlobalOptions& g, bool annotate) {
  PipelineOptions popts;
  popts.data_dir = g.data_dir;
  popts.use_ner = !o.no_ner;
  popts.ner_neural = o.neural_ner;
  popts.partial_events = o.partial;
  popts.use_report_filter = !o.no_filter;
  RunOptions ropts;
  ropts.threads = o.threads;
  ropts.progress = !g.quiet;
  if (!o.shard.empty()) {
    auto sh = ParseShard(o.shard);
    if (!sh.ok()) {
      std::fprintf(stderr, "rasd: --shard: %s\n", sh.status().message().c_str());
      return kExitUsage;
    }
    ropts.shard = *sh;
  }
  const int dedup_days = DedupDays(o.dedup);
  if (dedup_days == -2) {
    std::fprintf(stderr, "rasd: --dedup=%s: expected a number of days from 0 to 3650\n", o.dedup.c_str());
    return kExitUsage;
  }
  if (annotate && (o.format != "jsonl" || dedup_days >= 0)) {
    std::fprintf(stderr, "rasd: annotate writes JSON lines only (no --format csv/gdelt, no --dedup)\n");
    return kExitUsage;
  }
  auto pipeline = Pipeline::Load(popts);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "rasd: %s\n", pipeline.status().message().c_str());
    return kExitFatal;
  }
  const bool csv = o.format == "csv", gdelt = o.format == "gdelt";
  const bool dedup = dedup_days >= 0;
  EventDeduplicator dedupe(DedupOptions{dedup_days});
  RunStats stats;
  CodePointIndex cpi;
  std::string line;
  bool write_ok = true;
  if (csv) {
    line = EventCsvHeader(dedup);
    write_ok = std::fwrite(line.data(), 1, line.size(), stdout) == line.size();
  }
  RunPipeline(**pipeline, o.paths, ropts,
              [&](const AnnotatedDocument& ad) {
                if (ad.events.empty() && !annotate) return write_ok;
                cpi.Build(ad.doc.text);
                line.clear();
                if (annotate) {
                  AppendAnnotationJson(ad, cpi, &line);
                  line.push_back('\n');
                } else if (dedup) {
                  const std::string outlet = OutletOf(ad.doc.source, ad.doc.url);
                  for (const Event& ev : ad.events) dedupe.Add(ToStoredEvent(ev, ad.doc, cpi), outlet);
                  return write_ok;
                } else if (csv || gdelt) {
                  for (const Event& ev : ad.events) {
                    const StoredEvent se = ToStoredEvent(ev, ad.doc, cpi);
                    if (csv)
                      AppendEventCsv(se, nullptr, &line);
                    else
                      AppendGdeltRow(se, nullptr, &line);
                  }
                } else {
                  for (const Event& ev : ad.events) {
                    AppendEventJson(ev, ad.doc, cpi, &line);
                    line.push_back('\n');
                  }
                }
                write_ok = std::fwrite(line.data(), 1, line.size(), stdout) == line.size();
                return write_ok;
              },
              &stats);
  if (dedup && write_ok) {
    for (const EventGroup& grp : dedupe.groups()) {
      line.clear();
      if (csv) {
        AppendEventCsv(grp.event, &grp, &line);
      } else if (gdelt) {
        AppendGdeltRow(grp.event, &grp, &line);
      } else {
        AppendGroupJson(grp, &line);
        line.push_back('\n');
      }
      if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size()) {
        write_ok = false;
        break;
      }
    }
  }
  if (std::fflush(stdout) != 0) write_ok = false;
  if (!write_ok) {
    std::fprintf(stderr, "rasd: cannot write the output\n");
    return kExitFatal;
  }
  if (dedup && !g.quiet)
    std::fprintf(stderr, "rasd: %zu event mentions -> %zu events (window %d days)\n", dedupe.mentions(),
                 dedupe.groups().size(), dedup_days);
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
  if (annotate) {
    sub->add_option("--format", o->format, "output format (jsonl)")->check(CLI::IsMember({"jsonl"}));
  } else {
    sub->add_option("--format", o->format,
                    "output format: jsonl (shared/spec/EVENTS.md), csv (the columns of rasd export), gdelt "
                    "(GDELT 2.0 event table, tab-separated; docs/export.md)")
        ->check(CLI::IsMember({"jsonl", "csv", "gdelt"}));
    sub->add_flag("--dedup{1}", o->dedup,
                  "merge the same event reported by several articles (same source, target, CAMEO code and "
                  "place, dates at most DAYS apart; --dedup alone: 1 day) into one with mentions, sources "
                  "and articles")
        ->type_name("DAYS");
  }
  sub->add_option("--shard", o->shard,
                  "process only share K of N of the inputs (0 <= K < N), deterministically: N processes "
                  "with 0/N ... N-1/N cover every record once (docs/scale.md)")
      ->type_name("K/N");
  sub->add_option("-j,--threads", o->threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  sub->add_flag("--no-ner", o->no_ner, "skip the statistical NER stage");
  sub->add_flag("--neural-ner", o->neural_ner, kNeuralNerHelp);
  sub->add_flag("--no-filter", o->no_filter,
                "keep every violent event the rules find (skip the report filter that drops background mentions)");
  sub->add_flag("--partial", o->partial,
                "also emit events whose source or target is missing or a bare role (e.g. protests without a target)");
  sub->callback([o, g, exit_code, annotate]() { *exit_code = RunCode(*o, *g, annotate); });
}

const CommandRegistrar kCode(
    "code",
    "Code events: one JSON object per event (format: shared/spec/EVENTS.md), or CSV / GDELT rows.\n"
    "  rasd code --format gdelt --dedup=2 corpus.jsonl.zst > events.tsv\n"
    "Exit status: 0 ok, 1 some records failed (reported on stderr, others coded), 2 usage, 3 fatal.",
    10, [](CLI::App* sub, const GlobalOptions* g, int* rc) { Setup(sub, g, rc, false); });

const CommandRegistrar kAnnotate(
    "annotate",
    "Everything the engine recognised, one JSON object per document: sentences,\n"
    "mentions (actors, places, dates, triggers, entities) and events.",
    20, [](CLI::App* sub, const GlobalOptions* g, int* rc) { Setup(sub, g, rc, true); });

}  // namespace
}  // namespace rasd::cli
