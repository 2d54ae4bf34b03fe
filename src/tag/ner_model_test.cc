// The NER model file: round trip, and clear errors for damaged files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tag/ner.h"
#include "tag/ner_train.h"

namespace rasd::tag {
namespace {

NerTagger SmallModel() {
  ConllCorpus c;
  c.words = {{"زار", "خالد", "منصور", "وهران"}, {"التقى", "سمير", "حداد", "في", "عنابة"}};
  c.tags = {{"O", "B-PERS", "I-PERS", "B-LOC"}, {"O", "B-PERS", "I-PERS", "O", "B-LOC"}};
  NerCorpus corpus;
  EXPECT_TRUE(PrepareNerCorpus(c, text::Segmenter(), &corpus).ok());
  auto gaz = std::make_shared<Gazetteer>();
  gaz->Add("وهران", 1);
  auto clusters = std::make_shared<WordClusters>();
  clusters->SetLevels({8, 32});
  clusters->Add("خالد", 40, {1, 5});
  NerTrainOptions opts;
  opts.epochs = 4;
  opts.first_stage_epochs = 4;
  opts.hash_bits = 10;
  opts.folds = 2;
  return TrainNer(corpus, gaz, clusters, opts);
}

class NerModelFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("rasd_ner_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".model"))
                .string();
    ASSERT_TRUE(model_.Save(path_).ok());
    std::ifstream in(path_, std::ios::binary);
    bytes_.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  void TearDown() override { std::filesystem::remove(path_); }
  void Write(const std::string& bytes) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  NerTagger model_ = SmallModel();
  std::string path_, bytes_;
};

TEST_F(NerModelFile, RoundTrips) {
  auto loaded = NerTagger::Load(path_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->Serialize(), bytes_);
  EXPECT_EQ(loaded->stages(), 2u);
  EXPECT_EQ(loaded->hash_bits(), 10u);
  EXPECT_EQ(loaded->labels(), NerLabels());
  EXPECT_EQ(loaded->gazetteer()->size(), 1u);
  ASSERT_NE(loaded->clusters()->Find("خالد"), nullptr);
  EXPECT_EQ(loaded->clusters()->Find("خالد")->id[1], 5);
  std::vector<int> a, b;
  const std::vector<std::string_view> words = {"زار", "خالد", "منصور", "وهران"};
  model_.Tag(words, &a);
  loaded->Tag(words, &b);
  EXPECT_EQ(a, b);
}

TEST_F(NerModelFile, MissingFileIsNotFound) {
  auto r = NerTagger::Load(path_ + ".absent");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
}

TEST_F(NerModelFile, WrongMagicIsCorrupt) {
  std::string b = bytes_;
  b[0] = 'X';
  Write(b);
  auto r = NerTagger::Load(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorrupt);
  EXPECT_NE(r.status().message().find("bad magic"), std::string::npos);
  Write("");
  EXPECT_EQ(NerTagger::Load(path_).status().code(), Status::Code::kCorrupt);
  Write("hello, world");
  EXPECT_EQ(NerTagger::Load(path_).status().code(), Status::Code::kCorrupt);
}

TEST_F(NerModelFile, OtherVersionIsUnsupported) {
  std::string b = bytes_;
  const uint32_t v = NerTagger::kFormatVersion + 1;
  std::memcpy(&b[8], &v, 4);
  Write(b);
  auto r = NerTagger::Load(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(r.status().message().find("version " + std::to_string(v)), std::string::npos);
  EXPECT_NE(r.status().message().find(path_), std::string::npos);
}

TEST_F(NerModelFile, TruncationIsCorruptAtEveryLength) {
  for (size_t n : {size_t{8}, size_t{12}, size_t{20}, bytes_.size() / 3, bytes_.size() / 2, bytes_.size() - 9,
                   bytes_.size() - 1}) {
    auto r = NerTagger::FromBytes(std::string_view(bytes_).substr(0, n), "m");
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.status().code(), Status::Code::kCorrupt) << n << ": " << r.status().message();
  }
}

TEST_F(NerModelFile, DamageIsCaughtByTheChecksum) {
  for (size_t at : {size_t{30}, bytes_.size() / 2, bytes_.size() - 20}) {
    std::string b = bytes_;
    b[at] ^= 0x5A;
    Write(b);
    auto r = NerTagger::Load(path_);
    ASSERT_FALSE(r.ok()) << at;
    EXPECT_EQ(r.status().code(), Status::Code::kCorrupt);
    EXPECT_NE(r.status().message().find("checksum"), std::string::npos);
  }
}

}  // namespace
}  // namespace rasd::tag
