// libFuzzer target: the compiled-lexicon loader (Lexicon::FromBuffer, the
// same validation Lexicon::Load runs on a mapped file), then every accessor
// the recognisers use, and the text, recognition and coding stages over a
// sentence of our own with the loaded lexicon.
//
// Input: byte 0 says whether to repair the checksum first (bit 0), so that the
// fuzzer reaches the section and table checks behind it; the rest is the file.
//
// Seeds: RASD_FUZZ_MAKE_SEEDS=DIR ./lexicon_fuzzer compiles a small dictionary
// of our own into DIR and exits.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_util.h"
#include "lexicon/compiler.h"
#include "lexicon/lexicon.h"
#include "pipeline/stages.h"

namespace {

using rasd::fuzz::Check;
namespace fs = std::filesystem;

void WriteFile(const fs::path& p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void MakeSeeds(const std::string& dir) {
  const fs::path d = rasd::fuzz::TempPath("lexsrc");
  WriteFile(d / "lexicon/countries.tsv",
            "DZA\tname\tالجزائر\tAlgeria\nDZA\tnisba\tجزائري\nFRA\tname\tفرنسا\n");
  WriteFile(d / "lexicon/agents.tsv", "GOV\tوزير الخارجية\nMIL\tجيش\n");
  WriteFile(d / "lexicon/organizations.tsv", "IGOUNO\tالأمم المتحدة\n");
  WriteFile(d / "lexicon/people.tsv", "DZAGOV\t2012-09-03\t2017-05-24\tعبد المالك سلال\n");
  WriteFile(d / "lexicon/places-curated.tsv", "وهران\tOran\tDZA\t35.7\t-0.63\tcity\t800000\n");
  WriteFile(d / "lexicon/dates.tsv", "month\t2\tفبراير\nrelative\tday:-1\tأمس\nunit\tweek\tأسبوع\n");
  WriteFile(d / "cameo/codes.tsv",
            "cameo\troot\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\n"
            "042\t04\tMake a visit\t1.9\t1\tCONSULT\tvisit\n190\t19\tFight\t-10\t4\tASSAULT\t\n");
  WriteFile(d / "triggers/verbs.tsv", "042\tزار\tيزور\tزيارة\tobj\t\n010\tقال\tيقول\t-\tnone\tspeech\n");
  WriteFile(d / "triggers/nouns.tsv", "190\tشن+هجوم\tlight\t\n");
  WriteFile(d / "triggers/cues.tsv", "speech\tقال\t\nnegation\tلم\t\n");
  rasd::lexicon::CompileOptions opts;
  opts.data_dir = d.string();
  rasd::lexicon::CompileStats stats;
  std::string image;
  Check(rasd::lexicon::CompileLexicon(opts, &image, &stats).ok());
  fs::remove_all(d);
  WriteFile(fs::path(dir) / "lexicon-valid", std::string(1, '\x01') + image);
  WriteFile(fs::path(dir) / "lexicon-checksum", std::string(1, '\x00') + image);
}

const char kText[] =
    "زار وزير الخارجية الجزائري فرنسا أمس، وقال إن الجيش لم يشن هجوما في وهران.\n"
    "التقى عبد المالك سلال بممثل الأمم المتحدة في 3 فبراير 2016.";

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("RASD_FUZZ_MAKE_SEEDS")) {
    MakeSeeds(dir);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string image(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 1) && image.size() >= 24) {
    const uint64_t sum = rasd::lexicon::HashKey(std::string_view(image).substr(24));
    std::memcpy(image.data() + 16, &sum, 8);
  }
  auto lex = rasd::lexicon::Lexicon::FromBuffer(std::move(image), "fuzz.lex");
  if (!lex.ok()) {
    Check(lex.status().message().find("fuzz.lex") != std::string::npos);
    return 0;
  }
  const rasd::lexicon::Lexicon& l = **lex;
  // Every entry's strings, its source and its postings are readable.
  for (uint32_t i = 0; i < l.entry_count() && i < 4096; ++i) {
    const auto& e = l.entry(i);
    (void)l.str(e.code).size();
    (void)l.str(e.name).size();
    (void)l.str(e.extra).size();
    (void)l.Source(e);
  }
  for (const char* key : {"جزائر", "وزير خارجيه", "زار", "",
                          "\x01"
                          "042",
                          "042"}) {
    const uint32_t v = l.FindPhrase(key);
    uint32_t n = 0;
    const uint32_t* p = l.Postings(v, &n);
    for (uint32_t k = 0; k < n; ++k) Check(p[k] < l.entry_count());
    (void)l.IsKnownStem(key);
    (void)l.IsDictionaryKey(key);
    if (const auto* c = l.Cameo(key)) (void)l.str(c->name);
  }

  // The stages that read the lexicon, over our own sentences.
  rasd::Pipeline::Impl impl;
  impl.lexicon = std::move(lex.value());
  const rasd::lexicon::Lexicon* lp = impl.lexicon.get();
  impl.segmenter = rasd::text::Segmenter([lp](std::string_view s) { return lp->IsKnownStem(s); },
                                         [lp](std::string_view s) { return lp->IsDictionaryKey(s); });
  impl.recognizer = std::make_unique<rasd::lexicon::Recognizer>(*lp);
  impl.coder = std::make_unique<rasd::extract::EventCoder>(*lp, rasd::extract::EventCoder::Options{});
  rasd::Document doc;
  doc.id = "fuzz";
  doc.text = kText;
  doc.published = "2016-02-16";
  rasd::Workspace ws;
  rasd::AnnotatedDocument ad;
  ad.doc = doc;
  impl.AnalyzeText(doc, &ws);
  impl.Recognize(doc, &ws, &ad);
  impl.Extract(doc, &ws, &ad);
  for (const auto& m : ad.mentions) Check(rasd::fuzz::InText(m.span, doc.text));
  for (const auto& e : ad.events) Check(rasd::fuzz::InText(e.trigger, doc.text));
  return 0;
}
