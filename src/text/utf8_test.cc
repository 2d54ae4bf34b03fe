// UTF-8 decoding edge cases (normalize_test.cc covers SanitizeUtf8 basics).
#include <gtest/gtest.h>

#include "rasd/text.h"

namespace rasd::text {
namespace {

TEST(Utf8, DecodesAllLengths) {
  const std::string s = "a\u00e9\u0628\U0001F600";
  size_t pos = 0;
  bool ok = false;
  EXPECT_EQ(DecodeUtf8(s, &pos, &ok), U'a');
  EXPECT_TRUE(ok);
  EXPECT_EQ(DecodeUtf8(s, &pos, &ok), U'\u00e9');
  EXPECT_EQ(DecodeUtf8(s, &pos, &ok), U'\u0628');
  EXPECT_EQ(DecodeUtf8(s, &pos, &ok), U'\U0001F600');
  EXPECT_TRUE(ok);
  EXPECT_EQ(pos, s.size());
}

TEST(Utf8, TruncatedSequenceAdvancesOneByte) {
  const std::string s("\xd8", 1);
  size_t pos = 0;
  bool ok = true;
  EXPECT_EQ(DecodeUtf8(s, &pos, &ok), kReplacementChar);
  EXPECT_FALSE(ok);
  EXPECT_EQ(pos, 1u);
}

TEST(Utf8, RejectsAboveUnicodeRange) {
  std::string out;
  EXPECT_EQ(SanitizeUtf8(std::string("\xf4\x90\x80\x80", 4), &out), 4u);
}

TEST(Utf8, NulBecomesSpace) {
  std::string out;
  EXPECT_EQ(SanitizeUtf8(std::string("a\0b", 3), &out), 0u);
  EXPECT_EQ(out, "a b");
}

TEST(Utf8, AppendRoundTrip) {
  std::string s;
  for (char32_t cp : {U'A', U'\u0671', U'\uFFFD', U'\U00010348'}) AppendUtf8(cp, &s);
  std::string out;
  EXPECT_EQ(SanitizeUtf8(s, &out), 0u);
  EXPECT_EQ(out, s);
  EXPECT_EQ(CountCodePoints(s), 4u);
}

TEST(Utf8, SanitizeReusesOutput) {
  std::string out = "leftover";
  SanitizeUtf8("جديد", &out);
  EXPECT_EQ(out, "جديد");
}

}  // namespace
}  // namespace rasd::text
