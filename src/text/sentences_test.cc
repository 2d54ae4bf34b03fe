// Sentence splitting on Arabic news text.
#include <gtest/gtest.h>

#include "rasd/text.h"

namespace rasd::text {
namespace {

std::vector<std::string> Split(std::string_view s) {
  std::vector<Span> spans;
  SplitSentences(s, &spans);
  std::vector<std::string> out;
  for (const Span& sp : spans) out.emplace_back(s.substr(sp.begin, sp.size()));
  return out;
}

using V = std::vector<std::string>;

TEST(SplitSentences, ArabicTerminators) {
  EXPECT_EQ(Split("وصل الوفد إلى القاهرة. وبدأت المحادثات فورا؟ نعم! ثم انتهت…"),
            (V{"وصل الوفد إلى القاهرة.", "وبدأت المحادثات فورا؟", "نعم!", "ثم انتهت…"}));
}

TEST(SplitSentences, RunsOfTerminatorsStayTogether) {
  EXPECT_EQ(Split("هل انتهت الأزمة؟! لا أحد يعرف..."), (V{"هل انتهت الأزمة؟!", "لا أحد يعرف..."}));
}

TEST(SplitSentences, ArabicFullStop) {
  EXPECT_EQ(Split("جملة أولى۔ جملة ثانية"), (V{"جملة أولى۔", "جملة ثانية"}));
}

TEST(SplitSentences, AbbreviationsAndInitialsDoNotEndSentences) {
  EXPECT_EQ(Split("قال د. أحمد السالم إن الوضع مستقر. وأضاف أن الحوار مستمر."),
            (V{"قال د. أحمد السالم إن الوضع مستقر.", "وأضاف أن الحوار مستمر."}));
  EXPECT_EQ(Split("التقى م. خالد بالوفد. ثم غادر."), (V{"التقى م. خالد بالوفد.", "ثم غادر."}));
  EXPECT_EQ(Split("He met Dr. Smith in the U.S. capital. Then he left."),
            (V{"He met Dr. Smith in the U.S. capital.", "Then he left."}));
}

TEST(SplitSentences, DecimalsAndNumbersStayInside) {
  EXPECT_EQ(Split("ارتفع النمو إلى 3.5 بالمئة هذا العام. وتراجع التضخم."),
            (V{"ارتفع النمو إلى 3.5 بالمئة هذا العام.", "وتراجع التضخم."}));
  EXPECT_EQ(Split("اجتمعت دول مبادرة 5+5 في تونس. وناقشت الأمن."),
            (V{"اجتمعت دول مبادرة 5+5 في تونس.", "وناقشت الأمن."}));
  EXPECT_EQ(Split("بلغت النسبة ٣٫٥ و٢.٧ على التوالي."), (V{"بلغت النسبة ٣٫٥ و٢.٧ على التوالي."}));
}

TEST(SplitSentences, ClosingQuotesBelongToTheirSentence) {
  EXPECT_EQ(Split("وقال الوزير: «لن نتراجع.» ثم غادر القاعة."),
            (V{"وقال الوزير: «لن نتراجع.»", "ثم غادر القاعة."}));
  EXPECT_EQ(Split("وقالت المتحدثة: “الحوار هو الحل.” وانتهى المؤتمر."),
            (V{"وقالت المتحدثة: “الحوار هو الحل.”", "وانتهى المؤتمر."}));
  EXPECT_EQ(Split("وسأل: \"متى تنتهي الحرب؟\" فلم يجبه أحد."),
            (V{"وسأل: \"متى تنتهي الحرب؟\"", "فلم يجبه أحد."}));
  EXPECT_EQ(Split("(انتهى الاجتماع.) وصدر بيان."), (V{"(انتهى الاجتماع.)", "وصدر بيان."}));
}

TEST(SplitSentences, NewlinesSeparateHeadlinesAndParagraphs) {
  EXPECT_EQ(Split("الجيش يعلن السيطرة على المدينة\n\nأعلن الجيش اليوم سيطرته على المدينة.\nوقال مصدر إن"),
            (V{"الجيش يعلن السيطرة على المدينة", "أعلن الجيش اليوم سيطرته على المدينة.", "وقال مصدر إن"}));
}

TEST(SplitSentences, SpansAreTrimmed) {
  const std::string s = "  \t جملة أولى.   \r\n \u00a0 جملة ثانية  \n\n   ";
  std::vector<Span> spans;
  SplitSentences(s, &spans);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(s.substr(spans[0].begin, spans[0].size()), "جملة أولى.");
  EXPECT_EQ(s.substr(spans[1].begin, spans[1].size()), "جملة ثانية");
}

TEST(SplitSentences, NumberOrDomainBeforeTheFinalDotIsNotAnAbbreviation) {
  // Regression: a dotted word of up to 8 bytes used to count as initials, so
  // a sentence ending in a decimal never ended.
  EXPECT_EQ(Split("ارتفع النمو بنسبة 3.5. وتراجع التضخم."), (V{"ارتفع النمو بنسبة 3.5.", "وتراجع التضخم."}));
  EXPECT_EQ(Split("بلغ المؤشر ٢.٧. ثم تراجع."), (V{"بلغ المؤشر ٢.٧.", "ثم تراجع."}));
  EXPECT_EQ(Split("راجع موقع gov.dz. ثم اتصل."), (V{"راجع موقع gov.dz.", "ثم اتصل."}));
  // Dotted initials still hold the sentence together.
  EXPECT_EQ(Split("قال أ.د. سالم إن الأمر انتهى. ثم غادر."),
            (V{"قال أ.د. سالم إن الأمر انتهى.", "ثم غادر."}));
}

TEST(SplitSentences, EmptyAndBlankInput) {
  EXPECT_TRUE(Split("").empty());
  EXPECT_TRUE(Split(" \n\n \t ").empty());
}

TEST(SplitSentences, UrlsAndEmailsAreNotSplit) {
  EXPECT_EQ(Split("راجع الموقع www.example.org للمزيد. شكرا."),
            (V{"راجع الموقع www.example.org للمزيد.", "شكرا."}));
}

TEST(SplitSentences, AppendsToExistingSpans) {
  std::vector<Span> spans{Span{0, 1}};
  SplitSentences("نعم. لا.", &spans);
  EXPECT_EQ(spans.size(), 3u);
}

// Hostile input (docs/robustness.md): a line of megabytes without
// punctuation must not become one sentence, or the later stages, which are
// quadratic in the words of a sentence, take minutes.
TEST(SplitSentences, OverLongSentencesAreCutAtSpacesOrCommas) {
  std::string line;
  while (line.size() < 5 * kMaxSentenceBytes) line += "زار وزير الخارجية الجزائري تونس أمس ";
  line += "وانتهى";
  std::vector<Span> spans;
  SplitSentences(line, &spans);
  ASSERT_GE(spans.size(), 5u);
  std::string joined;
  for (const Span& sp : spans) {
    EXPECT_LE(sp.size(), kMaxSentenceBytes);
    if (&sp != &spans.back()) {
      EXPECT_GE(sp.size(), kMaxSentenceBytes / 2);  // Cut near the limit.
    }
    const std::string piece = line.substr(sp.begin, sp.size());
    EXPECT_NE(piece.back(), ' ');
    EXPECT_TRUE(piece.ends_with("أمس") || piece.ends_with("وانتهى")) << piece.substr(piece.size() - 20);
    joined += piece + " ";
  }
  EXPECT_EQ(joined, line + " ");  // Nothing lost: the pieces are the words in order.

  // After a comma when there is one in the second half.
  std::string commas;
  while (commas.size() < 2 * kMaxSentenceBytes) commas += "قال الوزير إن البلدين، سيوقعان اتفاقا ";
  spans.clear();
  SplitSentences(commas, &spans);
  ASSERT_GE(spans.size(), 2u);
  EXPECT_TRUE(commas.substr(spans[0].begin, spans[0].size()).ends_with("البلدين،"));
}

TEST(SplitSentences, OverLongWordIsCutAtCharacterBoundaries) {
  std::string word;
  for (size_t i = 0; i < 3 * kMaxSentenceBytes; ++i) word += "ب";  // Two bytes each.
  std::vector<Span> spans;
  SplitSentences(word, &spans);
  ASSERT_EQ(spans.size(), 6u);
  for (const Span& sp : spans) {
    EXPECT_EQ(sp.size(), kMaxSentenceBytes);
    EXPECT_EQ(static_cast<unsigned char>(word[sp.begin]), 0xD8);  // A lead byte: no character split.
  }
}

TEST(SplitSentences, RunsOfDottedLettersAreCut) {
  // "ب.ب.ب." looks like an abbreviation at every dot (so no boundary); the
  // word before each dot is looked at only 32 bytes back, not to the start
  // of the run, which made 3 MB of it quadratic.
  std::string dots;
  for (int i = 0; i < 200000; ++i) dots += "ب.";
  std::vector<Span> spans;
  SplitSentences(dots, &spans);
  ASSERT_GE(spans.size(), dots.size() / kMaxSentenceBytes);
  ASSERT_LE(spans.size(), dots.size() / (kMaxSentenceBytes - 3) + 1);
  for (const Span& sp : spans) EXPECT_LE(sp.size(), kMaxSentenceBytes);
  EXPECT_EQ(spans.back().end, dots.size());
}

}  // namespace
}  // namespace rasd::text
