// Clitic segmentation and verb candidates, with a small known-stem set.
#include <gtest/gtest.h>

#include <set>

#include "rasd/text.h"

namespace rasd::text {
namespace {

Segmenter Known(std::initializer_list<const char*> words) {
  auto set = std::make_shared<std::set<std::string>>();
  for (const char* w : words) set->insert(NormalizeString(w));
  return Segmenter([set](std::string_view s) { return set->count(std::string(s)) > 0; });
}

// A word list and, among its words, the dictionary keys (Segmenter's
// `preferred` lookup).
Segmenter KnownWithKeys(std::initializer_list<const char*> words, std::initializer_list<const char*> keys) {
  auto known = std::make_shared<std::set<std::string>>();
  for (const char* w : words) known->insert(NormalizeString(w));
  auto preferred = std::make_shared<std::set<std::string>>();
  for (const char* w : keys) preferred->insert(NormalizeString(w));
  return Segmenter([known](std::string_view s) { return known->count(std::string(s)) > 0; },
                   [preferred](std::string_view s) { return preferred->count(std::string(s)) > 0; });
}

const Segmenter& Lexicon() {
  static const Segmenter seg = Known({"جزائر", "جيش", "زياره", "يزور", "بلد", "ولايه", "كبير", "وزير",
                                      "حكومه", "رئيس", "وزاره", "دفاع", "ليبيا"});
  return seg;
}

struct Parts {
  uint8_t proclitics;
  std::string stem;
  std::string enclitic;
};

Parts Seg(std::string_view word, const Segmenter& seg = Lexicon()) {
  static NormalizedText nt;
  static std::vector<Token> toks;
  toks.clear();
  Normalize(word, &nt);
  Tokenize(nt, 0, static_cast<uint32_t>(nt.text.size()), seg, &toks);
  EXPECT_EQ(toks.size(), 1u) << word;
  if (toks.empty()) return {};
  return {toks[0].proclitics, std::string(toks[0].stem), std::string(toks[0].enclitic)};
}

TEST(Segmenter, ConjunctionPrepositionArticle) {
  const Parts p = Seg("وبالجزائر");
  EXPECT_EQ(p.proclitics, kConjWa | kPrepBi | kDefArticle);
  EXPECT_EQ(p.stem, "جزائر");
  EXPECT_EQ(p.enclitic, "");
}

TEST(Segmenter, LamLamIsPrepositionAndArticle) {
  const Parts p = Seg("للجيش");
  EXPECT_EQ(p.proclitics, kPrepLi | kDefArticle);
  EXPECT_EQ(p.stem, "جيش");
}

TEST(Segmenter, EncliticAfterTaMarbutaWrittenTa) {
  const Parts p = Seg("وزيارته");
  EXPECT_EQ(p.proclitics, kConjWa);
  EXPECT_EQ(p.stem, "زيارت");
  EXPECT_EQ(p.enclitic, "ه");
}

TEST(Segmenter, FutureSin) {
  const Parts p = Seg("سيزور");
  EXPECT_EQ(p.proclitics, kFutureSa);
  EXPECT_EQ(p.stem, "يزور");
  const Parts q = Seg("وسيزور");
  EXPECT_EQ(q.proclitics, kConjWa | kFutureSa);
  EXPECT_EQ(q.stem, "يزور");
}

TEST(Segmenter, KnownWholeWordsAreNotSplit) {
  for (const char* w : {"بلد", "ولاية", "كبير", "وزير"}) {
    const Parts p = Seg(w);
    EXPECT_EQ(p.proclitics, 0) << w;
    EXPECT_EQ(p.stem, NormalizeString(w)) << w;
    EXPECT_EQ(p.enclitic, "") << w;
  }
}

TEST(Segmenter, ArticleOnKnownWordIsStillStripped) {
  const Parts p = Seg("الوزير");
  EXPECT_EQ(p.proclitics, kDefArticle);
  EXPECT_EQ(p.stem, "وزير");
}

TEST(Segmenter, UnknownWordsOnlyLoseAnArticleChain) {
  Parts p = Seg("والمتظاهرين");  // Not in the lexicon.
  EXPECT_EQ(p.proclitics, kConjWa | kDefArticle);
  EXPECT_EQ(p.stem, "متظاهرين");
  EXPECT_EQ(p.enclitic, "");
  p = Seg("وصلت");  // Unknown, no article: untouched (و is a root letter here).
  EXPECT_EQ(p.proclitics, 0);
  EXPECT_EQ(p.stem, "وصلت");
  p = Seg("بيروت");
  EXPECT_EQ(p.proclitics, 0);
  EXPECT_EQ(p.stem, "بيروت");
  p = Seg("الطب");  // Article chain would leave fewer than three letters.
  EXPECT_EQ(p.proclitics, 0);
  EXPECT_EQ(p.stem, "الطب");
}

// A name that starts like the article (ألمانيا) is keyed without it; after و
// it must be split the same way, even when the word list knows the whole
// name, or وألمانيا would miss the dictionary entry ألمانيا finds.
TEST(Segmenter, ConjunctionBeforeArticleLikeNameSplitsLikeTheBareName) {
  const Segmenter seg = KnownWithKeys({"ألمانيا", "مانيا"}, {"مانيا"});
  const Parts bare = Seg("ألمانيا", seg);
  const Parts conj = Seg("وألمانيا", seg);
  EXPECT_EQ(bare.proclitics, kDefArticle);
  EXPECT_EQ(conj.proclitics, kConjWa | kDefArticle);
  EXPECT_EQ(conj.stem, bare.stem);
  // Without a dictionary key for the article-less stem, و alone comes off
  // (والتقى = و + التقى).
  const Parts verb = Seg("والتقى", Known({"التقى"}));
  EXPECT_EQ(verb.proclitics, kConjWa);
  EXPECT_EQ(verb.stem, NormalizeString("التقى"));
}

// A dictionary verb with an object pronoun that starts with ف keeps its ف:
// فرضتها is فرضت + ها "imposed it", not ف + رضت + ها.
TEST(Segmenter, VerbWithPronounStartingWithFaIsNotSplit) {
  const Segmenter seg = KnownWithKeys({"رضت", "فرض"}, {"فرض"});
  const Parts p = Seg("فرضتها", seg);
  EXPECT_EQ(p.proclitics, 0);
  EXPECT_EQ(p.stem, NormalizeString("فرضتها"));
  // Without the dictionary verb the conjunction still comes off (فرضت is unknown here).
  const Parts q = Seg("فرضتها", Known({"رضت"}));
  EXPECT_EQ(q.proclitics, kConjFa);
}

// A defective perfect loses its final letter before the suffix (دعا -> دعت):
// after و it is split off even when the word list knows the whole (ودع،
// "bade farewell"), because the restored verb is a dictionary word.
TEST(Segmenter, ConjunctionBeforeDefectivePerfectIsSplit) {
  const Segmenter seg = KnownWithKeys({"ودع", "دعت", "دعا"}, {"دعا"});
  const Parts p = Seg("ودعت", seg);
  EXPECT_EQ(p.proclitics, kConjWa);
  EXPECT_EQ(p.stem, NormalizeString("دعت"));
  // Without the dictionary verb, the known word stays whole.
  const Parts q = Seg("ودعت", Known({"ودع", "دعت"}));
  EXPECT_EQ(q.proclitics, 0);
}

TEST(Segmenter, ShortWordsAreNeverSplit) {
  for (const char* w : {"في", "من", "لم", "ول"}) {
    const Parts p = Seg(w);
    EXPECT_EQ(p.proclitics, 0) << w;
  }
}

TEST(Segmenter, InflectedFormsOfKnownWordsAreNotSplit) {
  const Segmenter seg = Known({"فتح", "فرنسي", "وزاره"});
  for (const char* w : {"فتحوا", "فرنسيين", "وزارات"}) {
    const Parts p = Seg(w, seg);
    EXPECT_EQ(p.proclitics, 0) << w;
    EXPECT_EQ(p.stem, NormalizeString(w)) << w;
  }
}

TEST(Segmenter, NoLexiconStripsArticlesOnly) {
  const Segmenter none;
  Parts p = Seg("بالحكومة", none);
  EXPECT_EQ(p.proclitics, kPrepBi | kDefArticle);
  EXPECT_EQ(p.stem, "حكومه");
  p = Seg("وزيارته", none);
  EXPECT_EQ(p.proclitics, 0);
  EXPECT_EQ(p.stem, "وزيارته");
}

TEST(Segmenter, NonArabicTokensAreLeftAlone) {
  const Parts p = Seg("2016");
  EXPECT_EQ(p.proclitics, 0);
  EXPECT_EQ(p.stem, "2016");
}

std::vector<std::string> Candidates(std::string_view stem) {
  std::vector<std::string> out;
  VerbCandidates(NormalizeString(stem), &out);
  return out;
}

bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), NormalizeString(s)) != v.end();
}

TEST(VerbCandidates, PerfectPlural) {
  const auto c = Candidates("زاروا");
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c[0], "زاروا");  // Most literal first.
  EXPECT_TRUE(Has(c, "زار"));
}

TEST(VerbCandidates, FutureAfterSegmentation) {
  // ستزور -> س + تزور; the stem's person prefix is mapped to ي.
  const Parts p = Seg("ستزور", Known({"يزور"}));
  EXPECT_EQ(p.proclitics, kFutureSa);
  EXPECT_EQ(p.stem, "تزور");
  EXPECT_TRUE(Has(Candidates(p.stem), "يزور"));
}

TEST(VerbCandidates, ImperfectPlural) {
  const auto c = Candidates("يزورون");
  EXPECT_EQ(c[0], "يزورون");
  EXPECT_TRUE(Has(c, "يزور"));
}

TEST(VerbCandidates, VerbalNouns) {
  EXPECT_TRUE(Has(Candidates("زيارات"), "زيارة"));
  EXPECT_TRUE(Has(Candidates("زيارت"), "زيارة"));  // After an enclitic split: زيارته.
}

TEST(VerbCandidates, NoDuplicates) {
  const auto c = Candidates("تزورون");
  std::set<std::string> unique(c.begin(), c.end());
  EXPECT_EQ(unique.size(), c.size());
}

}  // namespace
}  // namespace rasd::text
