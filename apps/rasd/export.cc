// `rasd export`: events of a store as CSV or JSON lines, with the filters of
// /api/events (docs/api.md).
#include <cstdio>

#include "command.h"
#include "rasd/store.h"
#include "server/api.h"

namespace rasd::cli {
namespace {

struct ExportOptions {
  std::string db = "rasd.db";
  std::string format = "csv";
  std::string out;
  std::vector<std::string> filters;  // name=value
  std::string dedup;  // --dedup[=DAYS]; empty: none.
};

int RunExport(const ExportOptions& o) {
  server::Params params;
  params.emplace("format", o.format);
  const int dedup_days = DedupDays(o.dedup);
  if (dedup_days == -2) {
    std::fprintf(stderr, "rasd: --dedup=%s: expected a number of days from 0 to 3650\n", o.dedup.c_str());
    return kExitUsage;
  }
  if (dedup_days >= 0) params.emplace("dedup", std::to_string(dedup_days));
  for (const std::string& f : o.filters) {
    const size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "rasd: filter '%s': expected NAME=VALUE (e.g. actor=USA, from=2016-01-01)\n",
                   f.c_str());
      return kExitUsage;
    }
    params.emplace(f.substr(0, eq), f.substr(eq + 1));
  }
  server::ExportQuery q;
  Status st = server::ParseExportQuery(params, &q);
  if (!st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitUsage;
  }
  StoreOptions so;
  so.create_if_missing = false;
  auto store = Store::Open(o.db, so);
  if (!store.ok()) {
    std::fprintf(stderr, "rasd: %s\n", store.status().message().c_str());
    return kExitFatal;
  }
  FILE* out = stdout;
  if (!o.out.empty() && o.out != "-") {
    out = std::fopen(o.out.c_str(), "wb");
    if (out == nullptr) {
      std::perror(("rasd: " + o.out).c_str());
      return kExitFatal;
    }
  }
  bool write_ok = true;
  st = server::WriteExport(store->get(), q, [&](std::string_view chunk) {
    write_ok = std::fwrite(chunk.data(), 1, chunk.size(), out) == chunk.size();
    return write_ok;
  });
  if (out != stdout)
    write_ok = std::fclose(out) == 0 && write_ok;
  else
    std::fflush(stdout);
  if (!st.ok() || !write_ok) {
    std::fprintf(stderr, "rasd: export failed: %s\n", st.ok() ? "write error" : st.message().c_str());
    return kExitFatal;
  }
  return kExitOk;
}

const CommandRegistrar kExport(
    "export",
    "Write stored events as CSV, JSON lines or GDELT 2.0 rows, filtered like /api/events:\n"
    "  rasd export --db rasd.db --format csv actor=USA root=19 from=2016-01-01 > events.csv\n"
    "  rasd export --db rasd.db --format gdelt --dedup=2 > events.gdelt.tsv",
    55, [](CLI::App* sub, const GlobalOptions* /*g*/, int* exit_code) {
      auto o = std::make_shared<ExportOptions>();
      sub->add_option(
          "filters", o->filters,
          "filters NAME=VALUE: actor source target country cameo root plover modality attribution "
          "from to bbox q doc offset limit");
      sub->add_option("--db", o->db, "database: SQLite file or postgresql://...")->capture_default_str();
      sub->add_option("--format", o->format, "csv, jsonl or gdelt (GDELT 2.0 event table; docs/export.md)")
          ->capture_default_str()
          ->check(CLI::IsMember({"csv", "jsonl", "gdelt"}));
      sub->add_flag("--dedup{1}", o->dedup,
                    "merge the same event reported by several articles (same source, target, CAMEO code and "
                    "place, dates at most DAYS apart; --dedup alone: 1 day)")
          ->type_name("DAYS");
      sub->add_option("-o,--output", o->out, "output file (default: standard output)");
      sub->callback([o, exit_code]() { *exit_code = RunExport(*o); });
    });

}  // namespace
}  // namespace rasd::cli
