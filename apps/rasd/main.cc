// rasd: Arabic news -> structured political event data. A thin CLI over the
// library; each subcommand lives in its own file (see command.h).
#include <algorithm>
#include <iostream>
#include <map>

#include "command.h"

namespace rasd::cli {
std::vector<CommandInfo>& Commands() {
  static std::vector<CommandInfo> commands;
  return commands;
}
std::string GroupHelp(const std::string& group) {
  if (group == "eval") return "Score output against gold standards and print P/R/F1 (events, gsr, ner).";
  if (group == "train") return "Train the statistical models shipped in data/models (ner, report-filter).";
  if (group == "dict") return "Inspect the compiled dictionaries (stats, lookup).";
  return group + " commands";
}
}  // namespace rasd::cli

int main(int argc, char** argv) {
  using namespace rasd::cli;
  CLI::App app{
      "rasd (رصد) codes Arabic news into political event data: who did what to whom,\n"
      "where, when, who says so and how certain (CAMEO + PLOVER).\n\n"
      "Examples:\n"
      "  rasd code --format jsonl article.txt          events, one JSON object a line\n"
      "  rasd annotate --format jsonl corpus.jsonl.zst  everything recognised, per document\n"
      "  rasd ingest --db rasd.db docs/ && rasd serve --db rasd.db\n",
      "rasd"};
  app.set_version_flag("--version", std::string("rasd ") + RASD_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions global;
  app.add_option("--data", global.data_dir,
                 "directory of compiled dictionaries and models (default: $RASD_DATA, else next to the binary)");
  app.add_flag("-q,--quiet", global.quiet, "no progress messages on stderr");
  int exit_code = kExitOk;
  auto& commands = Commands();
  std::sort(commands.begin(), commands.end(),
            [](const CommandInfo& a, const CommandInfo& b) {
              // Top-level commands first (by order), then the groups (eval, dict, train).
              if (a.parent.empty() != b.parent.empty()) return a.parent.empty();
              return a.order < b.order;
            });
  std::map<std::string, CLI::App*> groups;
  for (const CommandInfo& c : commands) {
    CLI::App* parent = &app;
    if (!c.parent.empty()) {
      parent = groups[c.parent];
      if (parent == nullptr) {
        parent = app.add_subcommand(c.parent, GroupHelp(c.parent));
        parent->require_subcommand(1);
        parent->fallthrough();
        groups[c.parent] = parent;
      }
    }
    CLI::App* sub = parent->add_subcommand(c.name, c.help);
    c.setup(sub, &global, &exit_code);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  return exit_code;
}
