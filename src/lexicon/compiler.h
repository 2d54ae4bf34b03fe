// Compiles the human-editable dictionary sources in data/ into rasd.lex.
// Every malformed line is an error naming file:line; nothing is skipped
// silently.
#ifndef RASD_LEXICON_COMPILER_H_
#define RASD_LEXICON_COMPILER_H_

#include <string>
#include <vector>

#include "rasd/status.h"

namespace rasd::lexicon {

struct CompileOptions {
  std::string data_dir;       // The repository's data/ directory.
  std::string hunspell_dic;   // /usr/share/hunspell/ar.dic (optional: empty = skip).
};

struct CompileStats {
  std::vector<std::pair<std::string, size_t>> per_file;  // file -> entries
  size_t entries = 0, phrase_keys = 0, stems = 0;
};

// Builds the lexicon image in memory.
Status CompileLexicon(const CompileOptions& opts, std::string* image, CompileStats* stats);

}  // namespace rasd::lexicon

#endif  // RASD_LEXICON_COMPILER_H_
