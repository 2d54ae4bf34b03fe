// `rasd tag --format conll`: named entities on pre-tokenised text (EVENTS.md).
// The input is read whole and tagged as one document (the model's second
// stage and the consistency pass look at nearby sentences); every input line
// gets one output line, blank lines kept.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "command.h"
#include "ner_cli.h"
#include "rasd/pipeline.h"
#include "tag/conll.h"
#include "tag/ner.h"
#include "tag/ner_segmenter.h"

namespace rasd::cli {
namespace {

int RunTag(const std::string& model_arg, bool no_propagate, const GlobalOptions& g) {
  auto loaded = LoadCliNer(model_arg, g);
  if (!loaded) return kExitFatal;
  if (no_propagate) loaded->tagger.set_propagate(false);
  const tag::NerTagger* ner = &loaded->tagger;
  const tag::NerSegmenter& seg = loaded->seg;

  // The whole input is one document (the second stage looks at nearby
  // sentences), so it is read first. Each line is a token or a blank.
  std::vector<std::string> words, clean_words;
  std::vector<int> line_token;     // per input line: token index, or -1 for a blank line
  std::vector<uint32_t> bounds = {0};
  std::string line, clean;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto cols = tag::ConllColumns(line);
    if (cols.empty()) {
      line_token.push_back(-1);
      if (bounds.back() != words.size()) bounds.push_back(static_cast<uint32_t>(words.size()));
      continue;
    }
    text::SanitizeUtf8(cols[0], &clean);
    line_token.push_back(static_cast<int>(words.size()));
    words.emplace_back(cols[0]);
    clean_words.push_back(clean);
  }
  if (bounds.back() != words.size()) bounds.push_back(static_cast<uint32_t>(words.size()));
  tag::NerScratch scratch;
  tag::PrepareTokens(std::span<const std::string>(clean_words), seg.segmenter, &scratch);
  const std::vector<text::Token> tokens = scratch.tokens;  // views into scratch.storage, which stays put
  std::vector<int> tags;
  ner->TagDocument(tag::NerDocument{tokens, bounds}, &scratch, &tags);
  std::string out;
  for (int t : line_token) {
    if (t >= 0) out.append(words[t]).append("\t").append(ner->labels()[tags[t]]);
    out += '\n';
    if (out.size() > (1 << 16)) std::fwrite(out.data(), 1, out.size(), stdout), out.clear();
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? kExitOk : kExitFatal;
}

const CommandRegistrar kTag(
    "tag",
    "Named entities on pre-tokenised text: CoNLL on stdin (one token a line, first column;\n"
    "extra columns ignored; blank line between sentences) -> token<TAB>BIO tag\n"
    "(B-/I- PERS LOC ORG MISC, or O), one line per input line, blank lines kept.\n"
    "Example: rasd tag --format conll < ../shared/gold/anercorp/test.conll (a gold file's tags are\n"
    "ignored; `cut -f1` would turn a line whose token is empty into a sentence break)",
    40, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto model = std::make_shared<std::string>();
      auto format = std::make_shared<std::string>("conll");
      sub->add_option("--format", *format, "input/output format (conll)")->check(CLI::IsMember({"conll"}));
      sub->add_option("--model", *model, "NER model file (default: <data>/ner.model)");
      auto no_propagate = std::make_shared<bool>(false);
      sub->add_flag("--no-propagate", *no_propagate,
                    "skip the consistency pass that tags a name again where it recurs within 20 sentences "
                    "(the input is one document: use it when the sentences are unrelated)");
      sub->callback([model, format, no_propagate, g, rc]() { *rc = RunTag(*model, *no_propagate, *g); });
    });

}  // namespace
}  // namespace rasd::cli
