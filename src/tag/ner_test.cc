#include "tag/ner.h"

#include "lexicon/lexicon.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace rasd::tag {
namespace {

std::vector<NerToken> Prepare(const std::vector<std::string>& words, std::vector<std::string>* storage) {
  std::vector<NerToken> toks;
  PrepareTokens(words, text::Segmenter(), storage, &toks);
  return toks;
}

TEST(NerFeatures, DescribeTheWordAndItsContext) {
  std::vector<std::string> storage;
  const auto toks = Prepare({"قال", "الرئيس", "عمر", "البشير"}, &storage);
  std::vector<uint64_t> hashes;
  std::vector<std::string> names;
  const std::vector<int> prev = {0, 0, 0, 0};
  NerTagger::Features(toks, 2, prev, NerTagger().labels(), nullptr, &hashes, &names);
  ASSERT_EQ(hashes.size(), names.size());
  auto has = [&](const std::string& f) { return std::find(names.begin(), names.end(), f) != names.end(); };
  EXPECT_TRUE(has("w=عمر"));
  EXPECT_TRUE(has("w-1=الرئيس"));
  EXPECT_TRUE(has("w+1=البشير"));
  EXPECT_TRUE(has("t-1=O"));
  EXPECT_TRUE(has("x1=ر"));
}

TEST(NerDecoding, NeverStartsAnEntityWithI) {
  const NerTagger t;
  const auto& l = t.labels();
  auto id = [&](const char* s) { return static_cast<int>(std::find(l.begin(), l.end(), s) - l.begin()); };
  EXPECT_FALSE(NerTagger::Allowed(l, id("O"), id("I-PERS")));
  EXPECT_FALSE(NerTagger::Allowed(l, -1, id("I-LOC")));
  EXPECT_FALSE(NerTagger::Allowed(l, id("B-LOC"), id("I-PERS")));
  EXPECT_TRUE(NerTagger::Allowed(l, id("B-PERS"), id("I-PERS")));
  EXPECT_TRUE(NerTagger::Allowed(l, id("I-ORG"), id("I-ORG")));
  EXPECT_TRUE(NerTagger::Allowed(l, id("O"), id("B-MISC")));
}

// A handful of sentences of our own; the model must learn them.
struct Toy {
  std::vector<std::vector<std::string>> words, tags;
  Toy() {
    Add({"زار", "خالد", "منصور", "مدينة", "وهران", "أمس"}, {"O", "B-PERS", "I-PERS", "O", "B-LOC", "O"});
    Add({"التقى", "سمير", "حداد", "في", "عنابة"}, {"O", "B-PERS", "I-PERS", "O", "B-LOC"});
    Add({"أعلنت", "شركة", "سوناطراك", "أرباحها"}, {"O", "O", "B-ORG", "O"});
    Add({"وصل", "خالد", "منصور", "إلى", "عنابة"}, {"O", "B-PERS", "I-PERS", "O", "B-LOC"});
    Add({"انتقدت", "سوناطراك", "القرار"}, {"O", "B-ORG", "O"});
  }
  void Add(std::vector<std::string> w, std::vector<std::string> t) {
    words.push_back(std::move(w));
    tags.push_back(std::move(t));
  }
};

NerTagger TrainToy(const Toy& toy, std::vector<std::vector<std::string>>* storage) {
  std::vector<std::vector<NerToken>> sents;
  storage->resize(toy.words.size());
  for (size_t i = 0; i < toy.words.size(); ++i) sents.push_back(Prepare(toy.words[i], &(*storage)[i]));
  NerTagger::TrainOptions opts;
  opts.epochs = 10;
  opts.hash_bits = 12;
  return NerTagger::Train(sents, toy.tags, nullptr, opts);
}

TEST(NerTraining, LearnsASmallCorpus) {
  const Toy toy;
  std::vector<std::vector<std::string>> storage;
  const NerTagger m = TrainToy(toy, &storage);
  for (size_t s = 0; s < toy.words.size(); ++s) {
    std::vector<std::string> st;
    std::vector<int> tags;
    m.Tag(Prepare(toy.words[s], &st), nullptr, &tags);
    for (size_t i = 0; i < tags.size(); ++i) EXPECT_EQ(m.labels()[tags[i]], toy.tags[s][i]) << s << ":" << i;
  }
}

class NerFileTest : public ::testing::Test {
 protected:
  std::string path = (std::filesystem::temp_directory_path() / ("rasd_ner_" + std::to_string(getpid()))).string();
  void TearDown() override { std::filesystem::remove(path); }
  std::string Bytes() {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  void Write(const std::string& b) { std::ofstream(path, std::ios::binary) << b; }
};

TEST_F(NerFileTest, SaveAndLoadGiveTheSameTags) {
  const Toy toy;
  std::vector<std::vector<std::string>> storage;
  const NerTagger m = TrainToy(toy, &storage);
  ASSERT_TRUE(m.Save(path).ok());
  auto loaded = NerTagger::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  std::vector<std::string> st;
  const auto toks = Prepare(toy.words[0], &st);
  std::vector<int> a, b;
  m.Tag(toks, nullptr, &a);
  loaded->Tag(toks, nullptr, &b);
  EXPECT_EQ(a, b);
}

TEST_F(NerFileTest, DamagedFilesAreClearErrors) {
  const Toy toy;
  std::vector<std::vector<std::string>> storage;
  ASSERT_TRUE(TrainToy(toy, &storage).Save(path).ok());
  const std::string good = Bytes();

  Write(good.substr(0, good.size() / 2));
  auto r = NerTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos) << r.status().message();

  std::string bad = good;
  bad[0] = 'X';
  Write(bad);
  r = NerTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad magic"), std::string::npos);

  bad = good;
  bad[8] = 7;  // version
  Write(bad);
  r = NerTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("version 7"), std::string::npos);

  r = NerTagger::Load(path + ".missing");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
}

TEST(NerShippedModel, TagsHeldOutAnercorp) {
  const std::string test = std::string(RASD_SOURCE_DIR) + "/../shared/gold/anercorp/test.conll";
  if (!std::filesystem::exists(test)) GTEST_SKIP() << test << " not found: the shipped model is checked against ../shared";
  auto m = NerTagger::Load(std::string(RASD_BUILD_DIR) + "/data/ner.model");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto lex = lexicon::Lexicon::Load(std::string(RASD_BUILD_DIR) + "/data/rasd.lex");
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const lexicon::Lexicon* l = lex->get();
  const text::Segmenter seg([l](std::string_view s) { return l->IsKnownStem(s); },
                            [l](std::string_view s) { return l->IsDictionaryKey(s); });
  std::vector<std::vector<std::string>> words, gold;
  ASSERT_TRUE(ReadConll(test, true, &words, &gold).ok());
  size_t tp = 0, pred = 0, want = 0, tokens = 0;
  for (size_t s = 0; s < words.size() && tokens < 5000; ++s) {
    std::vector<std::string> st;
    std::vector<NerToken> toks;
    PrepareTokens(words[s], seg, &st, &toks);
    std::vector<int> tags;
    m->Tag(toks, l, &tags);
    tokens += toks.size();
    // Entity starts with their type: a cheap entity-level agreement.
    for (size_t i = 0; i < tags.size(); ++i) {
      const std::string& p = m->labels()[tags[i]];
      const bool pb = p[0] == 'B', gb = gold[s][i][0] == 'B';
      pred += pb;
      want += gb;
      tp += pb && gb && p == gold[s][i];
    }
  }
  ASSERT_GT(want, 200u);
  const double precision = double(tp) / pred, recall = double(tp) / want;
  EXPECT_GT(2 * precision * recall / (precision + recall), 0.55);
}

}  // namespace
}  // namespace rasd::tag
