// `rasd dict stats` and `rasd dict lookup`: inspect the compiled dictionaries.
#include <cstdio>
#include <map>

#include "command.h"
#include "lexicon/keys.h"
#include "lexicon/lexicon.h"
#include "lexicon/recognizer.h"
#include "rasd/pipeline.h"

namespace rasd::cli {
namespace {

using lexicon::Category;

const char* CategoryName(uint8_t c) {
  switch (static_cast<Category>(c)) {
    case Category::kCountry: return "countries (names, nisbas, capitals, metonyms)";
    case Category::kAgent: return "roles/agents";
    case Category::kOrg: return "organisations and armed groups";
    case Category::kPerson: return "people (role periods)";
    case Category::kPlace: return "places (gazetteer)";
    case Category::kDate: return "date words";
    case Category::kTrigger: return "event triggers";
    case Category::kCue: return "modality/attribution cues";
    case Category::kCameo: return "CAMEO codes";
  }
  return "?";
}

Result<std::unique_ptr<lexicon::Lexicon>> LoadLex(const GlobalOptions& g) {
  return lexicon::Lexicon::Load(ResolveDataDir(g.data_dir) + "/rasd.lex");
}

int Stats(const GlobalOptions& g) {
  auto lex = LoadLex(g);
  if (!lex.ok()) {
    std::fprintf(stderr, "rasd: %s\n", lex.status().message().c_str());
    return kExitFatal;
  }
  std::map<uint8_t, size_t> counts;
  for (uint32_t i = 0; i < (*lex)->entry_count(); ++i) counts[(*lex)->entry(i).category]++;
  std::printf("%-48s %8s\n", "category", "entries");
  for (const auto& [c, n] : counts) std::printf("%-48s %8zu\n", CategoryName(c), n);
  std::printf("%-48s %8u\n", "phrase keys (incl. inflection variants)", (*lex)->phrase_count());
  std::printf("%-48s %8u\n", "known stems (segmenter)", (*lex)->stem_count());
  return kExitOk;
}

int Lookup(const std::vector<std::string>& words, const GlobalOptions& g) {
  PipelineOptions popts;
  popts.data_dir = g.data_dir;
  popts.use_ner = false;
  auto pipeline = Pipeline::Load(popts);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "rasd: %s\n", pipeline.status().message().c_str());
    return kExitFatal;
  }
  for (const std::string& w : words) {
    Document doc;
    doc.id = "lookup";
    doc.text = w;
    Workspace ws;
    AnnotatedDocument ad;
    (*pipeline)->Annotate(doc, &ws, &ad);
    std::printf("%s\n", w.c_str());
    std::vector<lexicon::TokenKey> keys;
    std::vector<std::string> scratch;
    for (const auto& t : ws.tokens) {
      lexicon::TokenKeys(t, &keys, &scratch);
      std::printf("  token %.*s: stem %.*s", static_cast<int>(t.norm.size()), t.norm.data(),
                  static_cast<int>(t.stem.size()), t.stem.data());
      if (!t.enclitic.empty()) std::printf(" +%.*s", static_cast<int>(t.enclitic.size()), t.enclitic.data());
      std::printf("  keys:");
      for (const auto& k : keys)
        std::printf(" %s%s", k.key.c_str(), k.cls == 1 ? "" : k.cls == 2 ? "(noun)" : k.cls == 8 ? "(fem)" : "(verb)");
      std::printf("\n");
    }
    for (const Mention& m : ad.mentions) {
      std::printf("  %-8s %s", MentionKindName(m.kind), ad.doc.text.substr(m.span.begin, m.span.size()).c_str());
      if (!m.code.empty()) std::printf("  code=%s", m.code.c_str());
      if (!m.country.empty()) std::printf("  country=%s (%s) %.2f,%.2f", m.country.c_str(), m.name_en.c_str(), m.lat, m.lon);
      if (!m.value.empty()) std::printf("  value=%s", m.value.c_str());
      std::printf("  [%s]\n", m.rule.c_str());
    }
  }
  return kExitOk;
}

const CommandRegistrar kDictStats("dict", "stats", "Entry counts per dictionary category.", 10,
                                  [](CLI::App* sub, const GlobalOptions* g, int* rc) {
                                    sub->callback([g, rc]() { *rc = Stats(*g); });
                                  });

const CommandRegistrar kDictLookup(
    "dict", "lookup",
    "Show how words and phrases are segmented, which keys they offer and what they match.\n"
    "Example: rasd dict lookup 'وزارة الدفاع الجزائرية' 'ستزور'",
    20, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto words = std::make_shared<std::vector<std::string>>();
      sub->add_option("phrases", *words, "Arabic words or phrases")->required();
      sub->callback([words, g, rc]() { *rc = Lookup(*words, *g); });
    });

}  // namespace
}  // namespace rasd::cli
