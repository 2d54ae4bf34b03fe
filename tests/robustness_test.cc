// Regression tests for what the lexicon fuzzer found (docs/robustness.md):
// a compiled lexicon whose checksum is right but whose entries point outside
// the string section, or whose CAMEO key leads to another kind of entry, must
// be refused at load or ignored, never read out of bounds. The dictionary is
// our own, compiled here.
#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "lexicon/compiler.h"
#include "lexicon/flat_table.h"
#include "lexicon/lexicon.h"
#include "tag/ner.h"

namespace rasd::lexicon {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << s;
}

std::string CompileSmall() {
  const fs::path d = fs::temp_directory_path() / ("rasd_robust_lex_" + std::to_string(getpid()));
  Write(d / "lexicon/countries.tsv", "DZA\tname\tالجزائر\tAlgeria\nFRA\tname\tفرنسا\n");
  Write(d / "lexicon/agents.tsv", "GOV\tوزير الخارجية\n");
  Write(d / "lexicon/organizations.tsv", "IGOUNO\tالأمم المتحدة\n");
  Write(d / "lexicon/people.tsv", "DZAGOV\t2012-09-03\t2017-05-24\tعبد المالك سلال\n");
  Write(d / "lexicon/places-curated.tsv", "وهران\tOran\tDZA\t35.7\t-0.63\tcity\t800000\n");
  Write(d / "lexicon/dates.tsv", "month\t2\tفبراير\n");
  Write(d / "cameo/codes.tsv",
        "cameo\troot\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\n042\t04\tMake a "
        "visit\t1.9\t1\tCONSULT\tvisit\n");
  Write(d / "triggers/verbs.tsv", "042\tزار\tيزور\tزيارة\tobj\t\n");
  Write(d / "triggers/nouns.tsv", "");
  Write(d / "triggers/cues.tsv", "speech\tقال\t\n");
  CompileOptions opts;
  opts.data_dir = d.string();
  CompileStats stats;
  std::string image;
  const Status st = CompileLexicon(opts, &image, &stats);
  fs::remove_all(d);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return image;
}

// The entry records of an image, to damage them in place.
EntryRecord* Entries(std::string* image, uint32_t* count) {
  uint32_t nsections;
  std::memcpy(&nsections, image->data() + 12, 4);
  for (uint32_t i = 0; i < nsections; ++i) {
    uint32_t sec[3];
    std::memcpy(sec, image->data() + 24 + 12 * i, 12);
    if (sec[0] == 2) {  // ENTRIES
      *count = sec[2] / sizeof(EntryRecord);
      return reinterpret_cast<EntryRecord*>(image->data() + sec[1]);
    }
  }
  *count = 0;
  return nullptr;
}

// Damage with a valid checksum: what only a hostile file has.
void RepairChecksum(std::string* image) {
  const uint64_t sum = HashKey(std::string_view(*image).substr(24));
  std::memcpy(image->data() + 16, &sum, 8);
}

EntryRecord* Find(EntryRecord* e, uint32_t n, Category c) {
  for (uint32_t i = 0; i < n; ++i)
    if (e[i].category == static_cast<uint8_t>(c)) return &e[i];
  return nullptr;
}

TEST(LexiconHostile, IntactImageLoads) {
  auto lex = Lexicon::FromBuffer(CompileSmall(), "ok.lex");
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const EntryRecord* c = (*lex)->Cameo("042");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ((*lex)->str(static_cast<uint32_t>(c->to)), "visit");
}

TEST(LexiconHostile, EntryStringOutsideTheBlobIsRefused) {
  std::string image = CompileSmall();
  uint32_t n = 0;
  EntryRecord* e = Entries(&image, &n);
  ASSERT_GT(n, 0u);
  e[n / 2].name = 0xFFFFFF00u;
  RepairChecksum(&image);
  auto lex = Lexicon::FromBuffer(image, "bad.lex");
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("bad.lex: entry"), std::string::npos) << lex.status().message();
  EXPECT_NE(lex.status().message().find("outside the string section"), std::string::npos);
}

TEST(LexiconHostile, CameoModeOutsideTheBlobIsRefused) {
  std::string image = CompileSmall();
  uint32_t n = 0;
  EntryRecord* all = Entries(&image, &n);
  EntryRecord* cameo = Find(all, n, Category::kCameo);
  ASSERT_NE(cameo, nullptr);
  cameo->to = INT_MAX;
  RepairChecksum(&image);
  EXPECT_FALSE(Lexicon::FromBuffer(image, "bad.lex").ok());
}

TEST(LexiconHostile, PersonValidityDatesAreChecked) {
  std::string image = CompileSmall();
  uint32_t n = 0;
  EntryRecord* all = Entries(&image, &n);
  EntryRecord* person = Find(all, n, Category::kPerson);
  ASSERT_NE(person, nullptr);
  person->from = INT_MIN;  // date - from would overflow in the recogniser
  RepairChecksum(&image);
  auto lex = Lexicon::FromBuffer(image, "bad.lex");
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("bad validity date"), std::string::npos);
}

TEST(LexiconHostile, CameoKeyLeadingToAnotherKindOfEntryIsIgnored) {
  std::string image = CompileSmall();
  uint32_t n = 0;
  EntryRecord* all = Entries(&image, &n);
  EntryRecord* cameo = Find(all, n, Category::kCameo);
  ASSERT_NE(cameo, nullptr);
  cameo->category = static_cast<uint8_t>(Category::kCue);
  cameo->to = INT_MAX;  // Not a string offset for this category.
  RepairChecksum(&image);
  auto lex = Lexicon::FromBuffer(image, "odd.lex");
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_EQ((*lex)->Cameo("042"), nullptr);
}

// A NER model whose labels are not BIO ("I" alone) made the tagger's
// transition check call substr(2) on a one-letter label: std::out_of_range
// through Tag(), std::terminate. The loader refuses such a model.
TEST(NerModelHostile, NonBioLabelsAreRefused) {
  const tag::NerTagger model;  // untrained: every label present, weights zero
  std::string bytes = model.Serialize();
  ASSERT_TRUE(tag::NerTagger::FromBytes(bytes, "good.model").ok());

  // The second label (u32 length + bytes) becomes "I"; the bytes it loses go
  // before the checksum, and the checksum (FNV-1a of everything before it)
  // is made right again, so only the label check can refuse the file.
  const std::string second = model.labels()[1];
  const size_t at = bytes.find(second);
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at - 4, 4 + second.size(), std::string("\x01\x00\x00\x00I", 5));
  bytes.insert(bytes.size() - 8, std::string(second.size() - 1, '\0'));
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i + 8 < bytes.size(); ++i) {
    h ^= static_cast<unsigned char>(bytes[i]);
    h *= 1099511628211ull;
  }
  std::memcpy(bytes.data() + bytes.size() - 8, &h, 8);
  auto loaded = tag::NerTagger::FromBytes(bytes, "odd.model");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("bad label 'I'"), std::string::npos) << loaded.status().message();
}

}  // namespace
}  // namespace rasd::lexicon
