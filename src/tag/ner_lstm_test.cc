// The NER's neural scorer: CRF gradients against finite differences and
// brute force, learning a toy corpus, and its bytes in the model file.
#include "tag/ner_lstm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/hash.h"
#include "tag/ner.h"
#include "tag/ner_train.h"

namespace rasd::tag {
namespace {

// -log P(gold) by enumerating every path (small n and L only).
double BruteNll(const std::vector<float>& emit, size_t n, size_t L, const std::vector<float>& trans,
                const std::vector<int>& gold) {
  auto score = [&](const std::vector<int>& y) {
    double s = trans[L * L + y[0]] + emit[y[0]];
    for (size_t t = 1; t < n; ++t) s += trans[y[t - 1] * L + y[t]] + emit[t * L + y[t]];
    return s;
  };
  std::vector<int> y(n, 0);
  double z = 0;
  for (;;) {
    z += std::exp(score(y));
    size_t t = 0;
    while (t < n && ++y[t] == static_cast<int>(L)) y[t++] = 0;
    if (t == n) break;
  }
  return std::log(z) - score(gold);
}

TEST(CrfLoss, MatchesBruteForceAndFiniteDifferences) {
  const size_t n = 4, L = 3;
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> emit(n * L), trans((L + 1) * L);
  for (float& v : emit) v = u(rng);
  for (float& v : trans) v = u(rng);
  trans[0 * L + 2] = -1e4f;  // a forbidden pair
  const std::vector<int> gold = {1, 2, 0, 1};
  std::vector<float> de(n * L, 0), dt((L + 1) * L, 0);
  const double nll = CrfLoss(emit.data(), n, L, trans.data(), gold.data(), de.data(), dt.data());
  EXPECT_NEAR(nll, BruteNll(emit, n, L, trans, gold), 1e-4);
  EXPECT_GT(nll, 0);
  // Central differences of the loss in one coordinate of emit or trans.
  const float h = 1e-2f;
  auto numeric = [&](std::vector<float>* x, size_t k) {
    std::vector<float> s1(n * L), s2((L + 1) * L);
    const float keep = (*x)[k];
    (*x)[k] = keep + h;
    const double up = CrfLoss(emit.data(), n, L, trans.data(), gold.data(), s1.data(), s2.data());
    (*x)[k] = keep - h;
    const double down = CrfLoss(emit.data(), n, L, trans.data(), gold.data(), s1.data(), s2.data());
    (*x)[k] = keep;
    return (up - down) / (2 * h);
  };
  for (size_t k = 0; k < emit.size(); ++k) EXPECT_NEAR(de[k], numeric(&emit, k), 2e-3) << "emit " << k;
  for (size_t k = 0; k < trans.size(); ++k) {
    if (trans[k] < -1e3f) continue;  // forbidden: not a parameter
    EXPECT_NEAR(dt[k], numeric(&trans, k), 2e-3) << "trans " << k;
  }
}

// A toy corpus over 3 labels: features 1..9 are "words"; a word's label
// depends on its neighbour (word 5 is label 1 after word 2, label 2 after
// word 3), which only the context can tell.
LstmCorpus ToyCorpus() {
  LstmCorpus c;
  c.bounds = {0};
  c.offsets = {0};
  const std::vector<std::vector<std::pair<uint32_t, int>>> sents = {
      {{2, 0}, {5, 1}, {7, 0}}, {{3, 0}, {5, 2}, {7, 0}}, {{7, 0}, {2, 0}, {5, 1}}, {{3, 0}, {5, 2}}};
  for (int rep = 0; rep < 5; ++rep)
    for (const auto& s : sents) {
      for (auto [w, y] : s) {
        c.slots.push_back(w);
        c.slots.push_back(100 + w);  // a second feature per token
        c.offsets.push_back(static_cast<uint32_t>(c.slots.size()));
        c.gold.push_back(y);
      }
      c.bounds.push_back(static_cast<uint32_t>(c.gold.size()));
    }
  return c;
}

std::vector<int> Decode(const LstmNer& m, const LstmCorpus& c, size_t s) {
  const uint32_t b = c.bounds[s], e = c.bounds[s + 1];
  std::vector<uint32_t> slots(c.slots.begin() + c.offsets[b], c.slots.begin() + c.offsets[e]);
  std::vector<uint32_t> offs;
  for (uint32_t i = b; i <= e; ++i) offs.push_back(c.offsets[i] - c.offsets[b]);
  LstmScratch scratch;
  std::vector<float> emit((e - b) * m.dims().labels);
  m.Emissions(slots, offs, {}, &scratch, emit.data());
  NerScratch ns;
  std::vector<int> tags;
  ViterbiDecode(emit.data(), e - b, m.dims().labels, m.transitions().data(), &ns, &tags);
  return tags;
}

LstmNer TrainToy(const LstmCorpus& c) {
  LstmTrainOptions o;
  o.dims = LstmDims{8, 8, 8, 3};
  o.epochs = 30;
  o.lr = 0.01f;
  o.emb_lr = 0.2f;
  o.dropout = 0;
  o.word_dropout = 0;
  return TrainLstmNer(c, o);
}

TEST(LstmNer, LearnsLabelsThatDependOnContext) {
  const LstmCorpus c = ToyCorpus();
  const LstmNer m = TrainToy(c);
  for (size_t s = 0; s < 4; ++s) {
    const std::vector<int> gold(c.gold.begin() + c.bounds[s], c.gold.begin() + c.bounds[s + 1]);
    EXPECT_EQ(Decode(m, c, s), gold) << "sentence " << s;
  }
  // An untrained model has no preference, so this is learnt.
  const LstmNer untrained(LstmDims{8, 8, 8, 3}, 1);
  bool differs = false;
  for (size_t s = 0; s < 4; ++s)
    differs |= Decode(untrained, c, s) !=
               std::vector<int>(c.gold.begin() + c.bounds[s], c.gold.begin() + c.bounds[s + 1]);
  EXPECT_TRUE(differs);
}

TEST(LstmNer, BytesRoundTripAndQuantizedScoresAgree) {
  const LstmCorpus c = ToyCorpus();
  LstmNer m = TrainToy(c);
  std::string bytes;
  m.Serialize(&bytes);
  auto parsed = LstmNer::Parse(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  m.Quantize();
  std::string again;
  parsed->Serialize(&again);
  EXPECT_EQ(again, bytes);
  for (size_t s = 0; s < 4; ++s) EXPECT_EQ(Decode(*parsed, c, s), Decode(m, c, s));
}

TEST(LstmNer, DamagedBytesAreErrors) {
  LstmNer m(LstmDims{8, 4, 4, 3}, 1);
  std::string bytes;
  m.Serialize(&bytes);
  EXPECT_FALSE(LstmNer::Parse(std::string_view(bytes).substr(0, 10)).ok());
  EXPECT_FALSE(LstmNer::Parse(std::string_view(bytes).substr(0, bytes.size() - 1)).ok());
  std::string b = bytes;
  const uint32_t huge = 99;
  std::memcpy(&b[0], &huge, 4);  // bits out of range
  auto r = LstmNer::Parse(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorrupt);
  b = bytes;
  const float nan = std::nanf("");
  std::memcpy(&b[b.size() - 4], &nan, 4);  // the last transition weight
  r = LstmNer::Parse(b);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("finite"), std::string::npos);
}

TEST(LstmNer, TaggerWithNeuralScorerRoundTripsThroughItsFile) {
  NerTagger base;  // untrained linear model: all O on its own
  LstmCorpus c;
  // Teach the scorer that feature rows of "خالد" mean B-PERS: train on the
  // tagger's own features of a tiny corpus.
  ConllCorpus conll;
  conll.words = {{"زار", "خالد", "وهران"}, {"قال", "خالد", "اليوم"}};
  conll.tags = {{"O", "B-PERS", "O"}, {"O", "B-PERS", "O"}};
  NerCorpus corpus;
  ASSERT_TRUE(PrepareNerCorpus(conll, text::Segmenter(), &corpus).ok());
  LstmFeatures(base, corpus, 10, &c);
  LstmTrainOptions o;
  o.dims = LstmDims{10, 8, 8, static_cast<uint32_t>(base.labels().size())};
  o.epochs = 40;
  o.lr = 0.01f;
  o.emb_lr = 0.2f;
  o.dropout = 0;
  o.word_dropout = 0;
  base.set_neural(std::make_shared<LstmNer>(TrainLstmNer(c, o)), 0.5f);
  const std::string bytes = base.Serialize();
  auto loaded = NerTagger::FromBytes(bytes, "m");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_NE(loaded->neural(), nullptr);
  EXPECT_EQ(loaded->neural()->dims().hidden, 8u);
  EXPECT_FLOAT_EQ(loaded->linear_weight(), 0.5f);
  EXPECT_EQ(loaded->Serialize(), bytes);
  std::vector<int> tags;
  loaded->Tag(std::vector<std::string_view>{"زار", "خالد", "وهران"}, &tags);
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(loaded->labels()[tags[1]], "B-PERS");
  EXPECT_EQ(tags[0], 0);

  // Two scorers (an ensemble) are kept in order and averaged: the trained
  // one twice tags as it does alone; with an untrained one beside it, the
  // mean still carries what it learnt, and the file keeps both.
  auto trained = std::make_shared<LstmNer>(*loaded->neural());
  base.set_neural({trained, trained}, 0.5f);
  std::vector<int> twice;
  base.Tag(std::vector<std::string_view>{"زار", "خالد", "وهران"}, &twice);
  EXPECT_EQ(twice, tags);
  base.set_neural({trained, std::make_shared<LstmNer>(LstmDims{10, 8, 8, 9}, 3)}, 0.5f);
  auto pair = NerTagger::FromBytes(base.Serialize(), "m2");
  ASSERT_TRUE(pair.ok()) << pair.status().message();
  EXPECT_EQ(pair->neural_count(), 2u);
  EXPECT_EQ(pair->neural(1)->dims().bits, 10u);
  EXPECT_EQ(pair->neural(2), nullptr);
}

class WordVectorFile : public ::testing::Test {
 protected:
  std::string Write(const std::string& text) {
    path_ = (std::filesystem::temp_directory_path() /
             ("rasd_vectors_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".tsv"))
                .string();
    std::ofstream(path_) << text;
    return path_;
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string path_;
};

TEST_F(WordVectorFile, LoadsAndErrorsNameTheLine) {
  auto v = WordVectors::LoadTsv(Write("# dim 2\nخالد\t0.5 -1\nوهران\t0.25 0.25\n"), 10);
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->dim, 2u);
  EXPECT_EQ(v->size(), 2u);
  const long w = v->Find(Fnv1a("خالد"));
  ASSERT_GE(w, 0);
  EXPECT_NEAR(v->scale[w] * v->q[w * 2 + 1], -1.0f, 1e-2);
  EXPECT_EQ(v->Find(Fnv1a("زار")), -1);
  EXPECT_EQ(WordVectors::LoadTsv(Write("# dim 2\nخالد\t0.5 -1\nوهران\t0.25 0.25\n"), 1)->size(), 1u);

  auto bad = WordVectors::LoadTsv(Write("# dim 2\nخالد\t0.5 -1\nوهران\t0.25\n"), 10);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(path_ + ":3:"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(WordVectors::LoadTsv(Write("خالد\t0.5 -1\n"), 10).ok());
  EXPECT_EQ(WordVectors::LoadTsv(path_ + ".absent", 10).status().code(), Status::Code::kNotFound);
}

TEST_F(WordVectorFile, ScorerWithVectorsReadsThemAndRoundTrips) {
  auto v = WordVectors::LoadTsv(Write("# dim 2\nخالد\t1 0\nوهران\t0 1\n"), 10);
  ASSERT_TRUE(v.ok());
  LstmNer m(LstmDims{8, 4, 4, 3}, 1);
  m.SetVectors(*v, 1);
  EXPECT_EQ(m.dims().vec, 2u);
  const std::vector<uint32_t> slots = {1, 2};
  const std::vector<uint32_t> offs = {0, 1, 2};
  LstmScratch scratch;
  std::vector<float> with(2 * 3), without(2 * 3), other(2 * 3);
  const std::vector<uint64_t> known = {Fnv1a("خالد"), Fnv1a("وهران")}, unknown = {Fnv1a("زار"), Fnv1a("قال")};
  m.Emissions(slots, offs, known, &scratch, with.data());
  m.Emissions(slots, offs, unknown, &scratch, without.data());
  EXPECT_NE(with, without);  // the vectors reach the scores
  std::string bytes;
  m.Serialize(&bytes);
  auto parsed = LstmNer::Parse(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  parsed->Emissions(slots, offs, known, &scratch, other.data());
  for (size_t k = 0; k < other.size(); ++k) EXPECT_NEAR(other[k], with[k], 1e-5);
  EXPECT_FALSE(LstmNer::Parse(std::string_view(bytes).substr(0, 40)).ok());
}

}  // namespace
}  // namespace rasd::tag
