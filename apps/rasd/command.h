// Subcommand registry for the rasd CLI. Each apps/rasd/<name>.cc file
// registers one subcommand with a static CommandRegistrar, so commands are
// added without touching main.cc.
#ifndef RASD_APPS_COMMAND_H_
#define RASD_APPS_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace rasd::cli {

// Options shared by every subcommand.
struct GlobalOptions {
  std::string data_dir;  // --data
  bool quiet = false;    // --quiet: no progress on stderr
};

// Configures `sub` (options, callback). The callback returns the exit status.
using CommandSetup = std::function<void(CLI::App* sub, const GlobalOptions* global, int* exit_code)>;

struct CommandInfo {
  std::string parent;  // Empty for top-level commands; e.g. "eval" for `rasd eval ner`.
  std::string name;
  std::string help;
  int order;  // Position in `rasd --help`.
  CommandSetup setup;
};

std::vector<CommandInfo>& Commands();

struct CommandRegistrar {
  CommandRegistrar(std::string name, std::string help, int order, CommandSetup setup) {
    Commands().push_back(CommandInfo{"", std::move(name), std::move(help), order, std::move(setup)});
  }
  // A nested command such as `rasd eval ner`: the parent group is created on
  // first use and needs no setup of its own.
  CommandRegistrar(std::string parent, std::string name, std::string help, int order, CommandSetup setup) {
    Commands().push_back(
        CommandInfo{std::move(parent), std::move(name), std::move(help), order, std::move(setup)});
  }
};

// Help text of command groups (`rasd eval`, `rasd dict`).
std::string GroupHelp(const std::string& group);

// The window of --dedup[=DAYS]: -1 when `value` is empty (not given), the
// number of days (0..3650), or -2 when it is not such a number.
inline int DedupDays(const std::string& value) {
  if (value.empty()) return -1;
  if (value.size() > 4) return -2;
  int n = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return -2;
    n = n * 10 + (c - '0');
  }
  return n <= 3650 ? n : -2;
}

// Help of --neural-ner, which code, ingest and eval events|gsr all take.
inline constexpr const char* kNeuralNerHelp =
    "NER with its neural scorer too: higher entity F1 for about twice the CPU time of the "
    "whole run (figures: docs/ner.md)";

// Exit statuses shared by all commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRecordErrors = 1;  // Finished, but some records failed.
inline constexpr int kExitUsage = 2;         // Bad command line.
inline constexpr int kExitFatal = 3;         // Could not run at all (missing data, I/O).

}  // namespace rasd::cli

#endif  // RASD_APPS_COMMAND_H_
