// What `rasd tag` and `rasd eval ner` both need: the NER model (--model, else
// <data>/ner.model) and the lexicon-backed segmenter the pipeline uses.
#ifndef RASD_APPS_RASD_NER_CLI_H_
#define RASD_APPS_RASD_NER_CLI_H_

#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "command.h"
#include "tag/ner.h"
#include "tag/ner_segmenter.h"

namespace rasd::cli {

struct CliNer {
  tag::NerTagger tagger;
  tag::NerSegmenter seg;
};

// Prints why on stderr and returns nothing when the model cannot be loaded; a
// missing lexicon is only a warning (the segmenter then strips articles only).
inline std::optional<CliNer> LoadCliNer(const std::string& model_arg, const GlobalOptions& g) {
  const std::string data = ResolveDataDir(g.data_dir);
  auto ner = tag::NerTagger::Load(model_arg.empty() ? data + "/ner.model" : model_arg);
  if (!ner.ok()) {
    std::fprintf(stderr, "rasd: %s\n", ner.status().message().c_str());
    return std::nullopt;
  }
  std::string warning;
  CliNer out{std::move(ner.value()), tag::LoadNerSegmenter(data, &warning)};
  if (!warning.empty() && !g.quiet) std::fprintf(stderr, "rasd: warning: %s\n", warning.c_str());
  return out;
}

}  // namespace rasd::cli

#endif  // RASD_APPS_RASD_NER_CLI_H_
