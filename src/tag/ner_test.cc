// The NER: features, decoding constraints, training on a handmade corpus,
// the pipeline hook, and the shipped model on the ANERcorp test split.
#include "tag/ner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tag/conll.h"
#include "tag/ner_segmenter.h"
#include "tag/ner_train.h"

namespace rasd::tag {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Tokens of raw words with the default segmenter (article chains only).
struct Words {
  NerScratch scratch;
  explicit Words(const std::vector<std::string>& w) { PrepareTokens(std::span<const std::string>(w), text::Segmenter(), &scratch); }
  std::span<const text::Token> tokens() const { return scratch.tokens; }
};

TEST(NerFeatures, NameTheWordItsPartsAndItsContext) {
  const Words w({"قال", "الرئيس", "عمر", "والجزائر"});
  const NerFeatureExtractor fx(nullptr, nullptr, kFeatAll);
  const auto f = fx.Describe(w.tokens(), 2);
  EXPECT_TRUE(Has(f, "w=عمر"));
  EXPECT_TRUE(Has(f, "w-1=الرئيس"));
  EXPECT_TRUE(Has(f, "w-2=قال"));
  EXPECT_TRUE(Has(f, "w+1=والجزائر"));
  EXPECT_TRUE(Has(f, "s+1=جزائر"));  // clitic-free stem of the next word
  EXPECT_TRUE(Has(f, "ws1=ر"));
  EXPECT_TRUE(Has(f, "wp2=عم"));
  EXPECT_TRUE(Has(f, "c3^=عم"));
  EXPECT_TRUE(Has(f, "s-1|s=رئيس|عمر"));
  // Proclitic flags of والجزائر: conjunction و and the article.
  const auto g = fx.Describe(w.tokens(), 3);
  EXPECT_TRUE(Has(g, "s=جزائر"));
  EXPECT_TRUE(Has(g, "pro=" + std::to_string(text::kConjWa | text::kDefArticle)));
  EXPECT_TRUE(Has(g, "w+1=</s>"));
  // A Latin word and a number have shapes of their own.
  const Words latin({"IBM", "2006"});
  const auto l0 = fx.Describe(latin.tokens(), 0), l1 = fx.Describe(latin.tokens(), 1);
  EXPECT_TRUE(Has(l0, "w=ibm"));
  EXPECT_FALSE(Has(l0, "c3^=ib"));  // character trigrams are for Arabic words
  EXPECT_NE(std::find_if(l0.begin(), l0.end(), [](auto& s) { return s.rfind("shape=", 0) == 0; }), l0.end());
  EXPECT_FALSE(Has(l1, *std::find_if(l0.begin(), l0.end(), [](auto& s) { return s.rfind("shape=", 0) == 0; })));
}

TEST(NerFeatures, GroupsCanBeSwitchedOff) {
  const Words w({"زار", "خالد", "وهران"});
  const NerFeatureExtractor fx(nullptr, nullptr, kFeatWord);
  const auto f = fx.Describe(w.tokens(), 1);
  EXPECT_TRUE(Has(f, "w=خالد"));
  EXPECT_FALSE(Has(f, "w-1=زار"));
  uint32_t groups = 0;
  EXPECT_TRUE(ParseFeatureGroups("word,cluster", &groups));
  EXPECT_EQ(groups, kFeatWord | kFeatCluster);
  EXPECT_EQ(FeatureGroupNames(groups), "word,cluster");
  EXPECT_FALSE(ParseFeatureGroups("word,colour", &groups));
}

TEST(NerFeatures, GazetteerMatchesNamesOfSeveralWordsAndStems) {
  Gazetteer gaz;
  gaz.Add("عمر البشير", 0);
  gaz.Add("الخرطوم", 1);
  gaz.Add("الأمم المتحدة", 2);
  const Words w({"التقى", "عمر", "البشير", "وفد", "الامم", "المتحدة", "في", "والخرطوم", "عمر"});
  std::vector<uint8_t> m;
  gaz.Match(w.tokens(), &m);
  auto mark = [&](size_t i, int type) { return m[i * Gazetteer::kTypes + type]; };
  EXPECT_EQ(mark(1, 0), 1);
  EXPECT_EQ(mark(2, 0), 2);
  EXPECT_EQ(mark(4, 2), 1);  // أ folded to ا by normalisation
  EXPECT_EQ(mark(5, 2), 2);
  EXPECT_EQ(mark(7, 1), 0);  // والخرطوم: stem خرطوم, not الخرطوم
  EXPECT_EQ(mark(8, 0), 0);  // عمر alone is not the name
  gaz.Add("خرطوم", 1);
  gaz.Match(w.tokens(), &m);
  EXPECT_EQ(mark(7, 1), 1);  // matched by its clitic-free stem
  const NerFeatureExtractor fx(&gaz, nullptr, kFeatAll);
  EXPECT_TRUE(Has(fx.Describe(w.tokens(), 1), "gz=1"));
  EXPECT_TRUE(Has(fx.Describe(w.tokens(), 2), "gz=2"));
  EXPECT_TRUE(Has(fx.Describe(w.tokens(), 3), "gz-1=2"));
}

TEST(NerFeatures, ClustersOfTheWordAndItsNeighbours) {
  WordClusters cl;
  cl.SetLevels({4, 16});
  cl.Add("خالد", 1000, {3, 12});
  cl.Add("زار", 5, {1, 2});
  const Words w({"زار", "خالد", "وهران"});
  const NerFeatureExtractor fx(nullptr, &cl, kFeatAll);
  const auto f = fx.Describe(w.tokens(), 1);
  EXPECT_TRUE(Has(f, "c0@0=3"));
  EXPECT_TRUE(Has(f, "c1@0=12"));
  EXPECT_TRUE(Has(f, "c0@-1=1"));
  EXPECT_TRUE(Has(f, "c0@+1=" + std::to_string(WordClusters::kUnknown)));
  EXPECT_TRUE(Has(f, "f=9"));  // floor(log2(1000))
}

TEST(NerFeatures, DocumentCodesSummariseOtherMentions) {
  const Words w({"قال", "ديمورا", "امس", "ان", "ديمورا", "سيسافر"});
  const uint32_t bounds[] = {0, 3, 6};
  const auto& labels = NerLabels();
  const std::vector<int> tags = {0, 1, 0, 0, 0, 0};  // the first ديمورا tagged B-PERS
  NerScratch s;
  NerFeatureExtractor::DocumentCodes(w.tokens(), bounds, tags, labels, 5, &s);
  EXPECT_EQ(NerFeatureExtractor::DescribeDocumentCode(s.doc_codes[4]), "type1|major|B");  // the other is PERS
  EXPECT_EQ(NerFeatureExtractor::DescribeDocumentCode(s.doc_codes[1]), "O");     // the other is O
  EXPECT_EQ(NerFeatureExtractor::DescribeDocumentCode(s.doc_codes[0]), "single");
  // Out of the window: no other occurrence.
  NerFeatureExtractor::DocumentCodes(w.tokens(), bounds, tags, labels, 0, &s);
  EXPECT_EQ(NerFeatureExtractor::DescribeDocumentCode(s.doc_codes[4]), "single");
}

TEST(NerDecoding, NeverPutsAnIAfterO) {
  const NerTagger t;
  const auto& l = t.labels();
  auto id = [&](const char* s) { return static_cast<int>(std::find(l.begin(), l.end(), s) - l.begin()); };
  EXPECT_FALSE(t.Allowed(id("O"), id("I-PERS")));
  EXPECT_FALSE(t.Allowed(-1, id("I-LOC")));
  EXPECT_FALSE(t.Allowed(id("B-LOC"), id("I-PERS")));
  EXPECT_TRUE(t.Allowed(id("B-PERS"), id("I-PERS")));
  EXPECT_TRUE(t.Allowed(id("I-ORG"), id("I-ORG")));
  EXPECT_TRUE(t.Allowed(id("O"), id("B-MISC")));
  // Emissions that want I-PERS everywhere, O strongly at position 1.
  const size_t L = l.size(), n = 4;
  std::vector<float> emit(n * L, 0.0f), trans((L + 1) * L, 0.0f);
  for (size_t i = 0; i < n; ++i) emit[i * L + id("I-PERS")] = 5;
  emit[1 * L + id("O")] = 20;
  for (size_t from = 0; from <= L; ++from)
    for (size_t to = 0; to < L; ++to)
      if (!t.Allowed(from == L ? -1 : static_cast<int>(from), static_cast<int>(to))) trans[from * L + to] = -1e30f;
  NerScratch s;
  std::vector<int> tags;
  ViterbiDecode(emit.data(), n, L, trans.data(), &s, &tags);
  ASSERT_EQ(tags.size(), n);
  for (size_t i = 0; i < n; ++i) EXPECT_TRUE(t.Allowed(i ? tags[i - 1] : -1, tags[i])) << i;
  EXPECT_EQ(tags[1], id("O"));
}

// A few sentences of our own; the model must learn them.
ConllCorpus Toy() {
  ConllCorpus c;
  auto add = [&](std::vector<std::string> w, std::vector<std::string> t) {
    c.words.push_back(std::move(w));
    c.tags.push_back(std::move(t));
  };
  add({"زار", "خالد", "منصور", "مدينة", "وهران", "أمس"}, {"O", "B-PERS", "I-PERS", "O", "B-LOC", "O"});
  add({"التقى", "سمير", "حداد", "في", "عنابة", "بوفد", "من", "الاتحاد", "الأفريقي"},
      {"O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "O", "B-ORG", "I-ORG"});
  add({"أعلنت", "شركة", "سوناطراك", "أرباحها", "في", "مهرجان", "قرطاج"},
      {"O", "O", "B-ORG", "O", "O", "B-MISC", "I-MISC"});
  add({"وصل", "خالد", "منصور", "إلى", "عنابة"}, {"O", "B-PERS", "I-PERS", "O", "B-LOC"});
  add({"انتقدت", "سوناطراك", "قرار", "الاتحاد", "الأفريقي"}, {"O", "B-ORG", "O", "B-ORG", "I-ORG"});
  return c;
}

NerTagger TrainToy(const NerCorpus& corpus, bool document) {
  NerTrainOptions opts;
  opts.epochs = 8;
  opts.first_stage_epochs = 8;
  opts.hash_bits = 12;
  opts.document = document;
  opts.folds = 2;
  return TrainNer(corpus, std::make_shared<Gazetteer>(), std::make_shared<WordClusters>(), opts);
}

TEST(NerTraining, LearnsASmallCorpus) {
  const ConllCorpus toy = Toy();
  NerCorpus corpus;
  ASSERT_TRUE(PrepareNerCorpus(toy, text::Segmenter(), &corpus).ok());
  for (bool document : {false, true}) {
    const NerTagger m = TrainToy(corpus, document);
    EXPECT_EQ(m.stages(), document ? 2u : 1u);
    const EntityScorer score = EvaluateNer(m, corpus);
    EXPECT_EQ(score.overall().f1(), 1.0) << score.Report();
    // Sentence by sentence through the word-based convenience call too.
    std::vector<int> tags;
    const std::vector<std::string_view> words(toy.words[0].begin(), toy.words[0].end());
    m.Tag(words, &tags);
    ASSERT_EQ(tags.size(), words.size());
    EXPECT_EQ(m.labels()[tags[1]], "B-PERS");
    EXPECT_EQ(m.labels()[tags[2]], "I-PERS");
    EXPECT_EQ(m.labels()[tags[4]], "B-LOC");
  }
  // An unknown tag is an error, not a crash.
  ConllCorpus bad = toy;
  bad.tags[0][1] = "B-PER";
  NerCorpus c2;
  EXPECT_FALSE(PrepareNerCorpus(bad, text::Segmenter(), &c2).ok());
}

TEST(NerTraining, IsDeterministic) {
  NerCorpus corpus;
  ASSERT_TRUE(PrepareNerCorpus(Toy(), text::Segmenter(), &corpus).ok());
  EXPECT_EQ(TrainToy(corpus, true).Serialize(), TrainToy(corpus, true).Serialize());
}

TEST(NerPipeline, EntityMentionsCoverTheOriginalText) {
  NerCorpus corpus;
  ASSERT_TRUE(PrepareNerCorpus(Toy(), text::Segmenter(), &corpus).ok());
  const NerTagger m = TrainToy(corpus, true);
  Document doc;
  doc.text = "زارَ خالد منصور مدينة وهران أمس.";  // a diacritic the normaliser drops
  Workspace ws;
  text::Normalize(doc.text, &ws.nt);
  Sentence s;
  s.tok_begin = 0;
  text::Tokenize(ws.nt, 0, static_cast<uint32_t>(ws.nt.text.size()), text::Segmenter(), &ws.tokens);
  s.tok_end = static_cast<uint32_t>(ws.tokens.size());
  ws.sentences.push_back(s);
  std::vector<Mention> out;
  AppendEntityMentions(m, doc, ws, &out);
  auto find = [&](const std::string& type) -> std::string {
    for (const Mention& m : out)
      if (m.kind == MentionKind::kEntity && m.type == type && m.rule == "ner")
        return doc.text.substr(m.span.begin, m.span.size());
    return "";
  };
  EXPECT_EQ(find("PERS"), "خالد منصور");
  EXPECT_EQ(find("LOC"), "وهران");
}

// The shipped model on the whole ANERcorp test split (25 k tokens, a fraction
// of a second), with and without its neural scorer: floors about two points
// under the figures docs/ner.md reports, so that a damaged or mis-built model
// fails while retraining noise does not. (The first 2,000 tokens alone, 135
// entities, swing by more than that between equally good models.)
TEST(NerShippedModel, ScoresOnTheTestSplit) {
  std::string gold;
  for (const char* dir : {"/work/shared", RASD_SOURCE_DIR "/../shared"})
    if (std::filesystem::exists(std::string(dir) + "/gold/anercorp/test.conll")) gold = std::string(dir) + "/gold/anercorp/test.conll";
  if (gold.empty()) GTEST_SKIP() << "shared/gold/anercorp/test.conll not found (../shared absent): not scoring the model";
  const std::string data = std::string(RASD_BUILD_DIR) + "/data";
  auto model = NerTagger::Load(data + "/ner.model");
  ASSERT_TRUE(model.ok()) << model.status().message();
  ConllCorpus all;
  ASSERT_TRUE(ReadConll(gold, true, &all).ok());
  std::string warning;
  const NerSegmenter seg = LoadNerSegmenter(data, &warning);
  NerCorpus corpus;
  ASSERT_TRUE(PrepareNerCorpus(all, seg.segmenter, &corpus).ok());
  const EntityScorer whole = EvaluateNer(*model, corpus);
  EXPECT_GT(whole.overall().f1(), 0.74) << whole.Report();
  NerTagger linear = std::move(model.value());
  linear.set_neural(nullptr);
  const EntityScorer fast = EvaluateNer(linear, corpus);
  EXPECT_GT(fast.overall().f1(), 0.72) << fast.Report();
}

}  // namespace
}  // namespace rasd::tag
