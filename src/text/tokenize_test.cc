// Tokenisation: kinds, separators, and original offsets that slice exactly.
#include <gtest/gtest.h>

#include "rasd/text.h"

namespace rasd::text {
namespace {

struct Tokens {
  std::string orig;
  NormalizedText nt;
  std::vector<Token> toks;
  Segmenter seg;
  explicit Tokens(std::string s, Segmenter sg = Segmenter()) : orig(std::move(s)), seg(std::move(sg)) {
    Normalize(orig, &nt);
    Tokenize(nt, 0, static_cast<uint32_t>(nt.text.size()), seg, &toks);
  }
  std::vector<std::string> Orig() const {
    std::vector<std::string> r;
    for (const Token& t : toks) r.push_back(orig.substr(t.span.begin, t.span.size()));
    return r;
  }
  std::vector<std::string> Norm() const {
    std::vector<std::string> r;
    for (const Token& t : toks) r.emplace_back(t.norm);
    return r;
  }
  std::vector<TokenKind> Kinds() const {
    std::vector<TokenKind> r;
    for (const Token& t : toks) r.push_back(t.kind);
    return r;
  }
};

using V = std::vector<std::string>;

TEST(Tokenize, ArabicWordsAndPunctuation) {
  Tokens t("قال الوزير، إن الحوار مستمر.");
  EXPECT_EQ(t.Orig(), (V{"قال", "الوزير", "،", "إن", "الحوار", "مستمر", "."}));
  EXPECT_EQ(t.Norm(), (V{"قال", "الوزير", ",", "ان", "الحوار", "مستمر", "."}));
  EXPECT_EQ(t.Kinds()[0], TokenKind::kArabic);
  EXPECT_EQ(t.Kinds()[2], TokenKind::kPunct);
}

TEST(Tokenize, NumbersWithSeparators) {
  Tokens t("قتل 1,200 شخص بنسبة 3.5 في 16/2/2016 عند 10:30 و5+5");
  EXPECT_EQ(t.Orig(), (V{"قتل", "1,200", "شخص", "بنسبة", "3.5", "في", "16/2/2016", "عند", "10:30", "و", "5",
                         "+", "5"}));
  EXPECT_EQ(t.Kinds()[1], TokenKind::kNumber);
  EXPECT_EQ(t.Kinds()[4], TokenKind::kNumber);
  EXPECT_EQ(t.Kinds()[6], TokenKind::kNumber);
}

TEST(Tokenize, TrailingSeparatorIsNotPartOfTheNumber) {
  Tokens t("عام 2016. ثم 5, 6");
  EXPECT_EQ(t.Orig(), (V{"عام", "2016", ".", "ثم", "5", ",", "6"}));
}

TEST(Tokenize, ArabicIndicDigitsBecomeOneNumber) {
  Tokens t("في ١٦ فبراير ٢٠١٦ و٣٫٥");
  EXPECT_EQ(t.Orig(), (V{"في", "١٦", "فبراير", "٢٠١٦", "و", "٣٫٥"}));
  EXPECT_EQ(t.Norm(), (V{"في", "16", "فبراير", "2016", "و", "3.5"}));
  EXPECT_EQ(t.Kinds()[1], TokenKind::kNumber);
}

TEST(Tokenize, LatinWordsAndAlphanumerics) {
  Tokens t("أعلنت NATO وBBC عن شبكة 5G");
  EXPECT_EQ(t.Orig(), (V{"أعلنت", "NATO", "و", "BBC", "عن", "شبكة", "5G"}));
  EXPECT_EQ(t.Norm()[1], "nato");
  EXPECT_EQ(t.Kinds()[1], TokenKind::kLatin);
  EXPECT_EQ(t.Kinds()[6], TokenKind::kLatin);
}

TEST(Tokenize, QuotesAreTokensOfTheirOwn) {
  Tokens t("«نرفض» “التدخل”");
  EXPECT_EQ(t.Orig(), (V{"«", "نرفض", "»", "“", "التدخل", "”"}));
}

TEST(Tokenize, OffsetsKeepDiacriticsAndTatweelInsideWords) {
  Tokens t("قالَ الوزيـــرُ الجَزائريُّ");
  EXPECT_EQ(t.Orig(), (V{"قالَ", "الوزيـــرُ", "الجَزائريُّ"}));
  EXPECT_EQ(t.Norm(), (V{"قال", "الوزير", "الجزائري"}));
}

TEST(Tokenize, ZeroWidthMarksInsideAndAroundWords) {
  // RLM before the word, ZWNJ inside, ZWJ at the end.
  Tokens t("زار \u200fال\u200cجزائر\u200d اليوم");
  ASSERT_EQ(t.toks.size(), 3u);
  EXPECT_EQ(t.Norm()[1], "الجزائر");
  const std::string word = t.Orig()[1];
  EXPECT_NE(word.find("ال\u200cجزائر"), std::string::npos);
  EXPECT_EQ(word.find(' '), std::string::npos);  // Never crosses a space.
  EXPECT_EQ(t.Orig()[2], "اليوم");
}

TEST(Tokenize, EveryTokenSlicesTheOriginal) {
  const std::string text =
      "وأكّدَ المتحدّثُ – في بيانٍ صدرَ اليومَ (الثلاثاء) – أنّ «الوفدَ» سيزورُ ١٢ مدينة‌ً، و‏قال: "
      "نعم!";
  Tokens t(text);
  ASSERT_FALSE(t.toks.empty());
  uint32_t prev_end = 0;
  for (const Token& tok : t.toks) {
    ASSERT_LE(tok.span.begin, tok.span.end);
    ASSERT_LE(tok.span.end, text.size());
    EXPECT_GE(tok.span.begin, prev_end);  // In order, not overlapping.
    prev_end = tok.span.end;
    // The original slice normalises back to the token's normalised form.
    EXPECT_EQ(NormalizeString(text.substr(tok.span.begin, tok.span.size())), std::string(tok.norm));
    // Slices start on a character boundary.
    EXPECT_NE(static_cast<unsigned char>(text[tok.span.begin]) & 0xC0, 0x80u);
  }
}

TEST(Tokenize, SubRange) {
  const std::string text = "جملة أولى. جملة ثانية.";
  NormalizedText nt;
  Normalize(text, &nt);
  std::vector<Token> toks;
  const auto b = static_cast<uint32_t>(nt.text.find(NormalizeString("جملة ثانية")));
  Tokenize(nt, b, static_cast<uint32_t>(nt.text.size()), Segmenter(), &toks);
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(text.substr(toks[0].span.begin, toks[0].span.size()), "جملة");
}

TEST(Tokenize, HashtagWordsAreSeparateTokens) {
  // #مجلس_الأمن is the phrase مجلس الأمن: # and _ separate like spaces and
  // leave no tokens of their own; spans still slice the original text.
  Tokens t("فرض #مجلس_الأمن عقوبات");
  EXPECT_EQ(t.Orig(), (V{"فرض", "مجلس", "الأمن", "عقوبات"}));
}

}  // namespace
}  // namespace rasd::text
