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

TEST(Conll, KeepsEachSentencesFirstLine) {
  std::istringstream in("\n\nزار\tO\nخالد\tB-PERS\n\n\nوهران\tB-LOC\n\nقال\tO\n");
  ConllCorpus c;
  ASSERT_TRUE(ReadConll(in, "t", true, &c).ok());
  EXPECT_EQ(c.lines, (std::vector<size_t>{3, 7, 9}));
  ConllCorpus head, tail;
  SplitConll(c, 0.34, &head, &tail);
  EXPECT_EQ(head.lines, (std::vector<size_t>{3}));
  EXPECT_EQ(tail.lines, (std::vector<size_t>{7, 9}));
}

TEST(Conll, SaysWhyEachEntityIsWrong) {
  const std::vector<std::string> gold = {"B-PERS", "I-PERS", "O", "B-LOC", "O",
                                         "B-ORG",  "I-ORG",  "O", "B-MISC"};
  const std::vector<std::string> pred = {"B-PERS", "O",     "B-PERS", "B-ORG", "O",
                                         "B-ORG",  "I-ORG", "B-LOC",  "O"};
  const auto e = EntityErrors(gold, pred);
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].kind, EntityErrorKind::kBoundary);  // PERS 0-2 predicted as 0-1 (and a PERS at 2)
  EXPECT_EQ(e[0].entity, (EntitySpan{0, 2, "PERS"}));
  ASSERT_EQ(e[0].overlapping.size(), 1u);
  EXPECT_EQ(e[0].overlapping[0], (EntitySpan{0, 1, "PERS"}));
  EXPECT_EQ(e[1].kind, EntityErrorKind::kSpurious);  // PERS at 2 overlaps nothing gold
  EXPECT_EQ(e[1].entity, (EntitySpan{2, 3, "PERS"}));
  EXPECT_EQ(e[2].kind, EntityErrorKind::kType);      // LOC at 3 predicted ORG
  EXPECT_EQ(e[3].kind, EntityErrorKind::kSpurious);  // LOC at 7; the ORG at 5-7 is right
  EXPECT_EQ(e[3].entity, (EntitySpan{7, 8, "LOC"}));
  EXPECT_EQ(e[4].kind, EntityErrorKind::kMissed);  // the MISC at 8: nothing predicted there
  EXPECT_TRUE(e[4].overlapping.empty());
  EXPECT_STREQ(kEntityErrorKindNames[static_cast<size_t>(e[2].kind)], "type");
  const auto m = EntityErrors({"O", "B-MISC"}, {"O", "O"});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].kind, EntityErrorKind::kMissed);
  EXPECT_TRUE(EntityErrors(gold, gold).empty());
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
