#include <gtest/gtest.h>

#include "rasd/text.h"

namespace rasd::text {
namespace {

TEST(Normalize, DropsTatweelAndDiacritics) {
  EXPECT_EQ(NormalizeString("الجـــزائر"), "الجزائر");
  EXPECT_EQ(NormalizeString("كَتَبَ"), "كتب");
  EXPECT_EQ(NormalizeString("مُحَمَّدٌ"), "محمد");
}

TEST(Normalize, FoldsAlefVariants) {
  EXPECT_EQ(NormalizeString("أإآٱا"), "ااااا");
}

TEST(Normalize, FoldsYaAndTaMarbutaOnlyWhenAsked) {
  EXPECT_EQ(NormalizeString("مستشفى الدولة"), "مستشفي الدوله");
  NormalizeOptions keep;
  keep.fold_ya_ta_marbuta = false;
  EXPECT_EQ(NormalizeString("مستشفى الدولة", keep), "مستشفى الدولة");
}

TEST(Normalize, MapsArabicIndicAndPersianDigits) {
  EXPECT_EQ(NormalizeString("٢٠١٦ ۲۰۱۸"), "2016 2018");
}

TEST(Normalize, MapsArabicPunctuation) { EXPECT_EQ(NormalizeString("نعم، لا؛ لماذا؟"), "نعم, لا; لماذا?"); }

TEST(Normalize, RemovesZeroWidthAndBidiMarks) {
  EXPECT_EQ(NormalizeString("ال\u200Fجزائر\u200B\u202B\u202C\uFEFF"), "الجزائر");
}

TEST(Normalize, DecomposesPresentationForms) {
  // U+FEFB is the lam-alef ligature.
  EXPECT_EQ(NormalizeString("\uFEFB"), "لا");
}

TEST(Normalize, OffsetMapPointsIntoOriginal) {
  const std::string orig = "قالَ الوزيـرُ";
  NormalizedText nt;
  Normalize(orig, &nt);
  ASSERT_EQ(nt.text, "قال الوزير");
  ASSERT_EQ(nt.orig.size(), nt.text.size() + 1);
  // The second word in normalised text maps back to its original bytes,
  // including the tatweel inside and the damma at the end.
  const auto b = static_cast<uint32_t>(nt.text.find("الوزير"));
  const Span s = nt.ToOriginal(b, static_cast<uint32_t>(nt.text.size()));
  EXPECT_EQ(orig.substr(s.begin, s.size()), "الوزيـرُ");
}

TEST(Utf8, InvalidBytesAreReplacedAndCounted) {
  std::string out;
  EXPECT_EQ(SanitizeUtf8(std::string("a\xff" "b\xd8", 4), &out), 2u);
  EXPECT_EQ(out, "a\uFFFDb\uFFFD");
  EXPECT_EQ(SanitizeUtf8("سلام", &out), 0u);
  EXPECT_EQ(out, "سلام");
}

TEST(Utf8, RejectsOverlongAndSurrogates) {
  std::string out;
  EXPECT_EQ(SanitizeUtf8(std::string("\xc0\xaf", 2), &out), 2u);
  EXPECT_EQ(SanitizeUtf8(std::string("\xed\xa0\x80", 3), &out), 3u);
}

}  // namespace
}  // namespace rasd::text
