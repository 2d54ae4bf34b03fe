#include "tag/conll.h"

#include <gtest/gtest.h>

#include <sstream>

namespace rasd::tag {
namespace {

TEST(Conll, ReadsTokensTagsAndSentences) {
  std::istringstream in("زار\tO\nخالد\tX\tB-PERS\n\n\n\nوهران\tB-LOC\r\n");
  ConllCorpus c;
  ASSERT_TRUE(ReadConll(in, "t", true, &c).ok());
  ASSERT_EQ(c.words.size(), 2u);
  EXPECT_EQ(c.words[0][1], "خالد");
  EXPECT_EQ(c.tags[0][1], "B-PERS");  // the last column
  EXPECT_EQ(c.tags[1][0], "B-LOC");
  std::istringstream bad("زار\n");
  EXPECT_FALSE(ReadConll(bad, "t", true, &c).ok());
}

TEST(Conll, EntitiesAreReadAsConllevalDoes) {
  const auto e = BioEntities({"B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-ORG", "B-ORG", "I-MISC"});
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0], (EntitySpan{0, 2, "PERS"}));
  EXPECT_EQ(e[1], (EntitySpan{3, 5, "LOC"}));  // I- after O starts an entity
  EXPECT_EQ(e[2], (EntitySpan{5, 6, "ORG"}));
  EXPECT_EQ(e[3], (EntitySpan{6, 7, "ORG"}));
  EXPECT_EQ(e[4], (EntitySpan{7, 8, "MISC"}));
}

TEST(Conll, ScoresExactSpansPerType) {
  EntityScorer s;
  s.Add({"B-PERS", "I-PERS", "O", "B-LOC"}, {"B-PERS", "O", "O", "B-LOC"});
  s.Add({"B-ORG", "I-ORG"}, {"B-ORG", "I-ORG"});
  EXPECT_EQ(s.overall().gold, 3u);
  EXPECT_EQ(s.overall().predicted, 3u);
  EXPECT_EQ(s.overall().correct, 2u);
  EXPECT_EQ(s.by_type().at("PERS").correct, 0u);
  EXPECT_DOUBLE_EQ(s.by_type().at("LOC").f1(), 1.0);
  EXPECT_NE(s.Report().find("overall"), std::string::npos);
}

}  // namespace
}  // namespace rasd::tag
