// The NER's document consistency pass.
#include "tag/ner_propagate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tag/ner.h"

namespace rasd::tag {
namespace {

const std::vector<std::string> kLabels = {"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG"};

int Label(const std::string& s) {
  for (size_t y = 0; y < kLabels.size(); ++y)
    if (kLabels[y] == s) return static_cast<int>(y);
  return -1;
}

// A document of sentences given as "word/TAG" (TAG omitted for O).
struct Doc {
  NerScratch scratch;
  std::vector<uint32_t> bounds = {0};
  std::vector<int> tags;
  explicit Doc(const std::vector<std::vector<std::string>>& sentences) {
    std::vector<std::string> words;
    for (const auto& sent : sentences) {
      for (const std::string& wt : sent) {
        const size_t slash = wt.find('/');
        words.push_back(wt.substr(0, slash));
        tags.push_back(slash == std::string::npos ? 0 : Label(wt.substr(slash + 1)));
      }
      bounds.push_back(static_cast<uint32_t>(words.size()));
    }
    PrepareTokens(std::span<const std::string>(words), text::Segmenter(), &scratch);
  }
  void Propagate(uint32_t window = 20) {
    PropagateEntities(scratch.tokens, bounds, kLabels, window, &scratch, &tags);
  }
  std::vector<std::string> Tags(size_t from, size_t to) const {
    std::vector<std::string> out;
    for (size_t i = from; i < to; ++i) out.push_back(kLabels[static_cast<size_t>(tags[i])]);
    return out;
  }
};

using V = std::vector<std::string>;

TEST(NerPropagate, TagsTheSameWordsWhereTheyRecurUntagged) {
  Doc d({{"قال", "المدرب", "أرسين/B-PERS", "فينغر/I-PERS", "إن", "الفريق", "جاهز"},
         {"وأضاف", "أرسين", "فينغر", "أن", "فينغر", "سعيد"}});
  d.Propagate();
  // The whole name recurs; the surname alone was never tagged as an entity.
  EXPECT_EQ(d.Tags(7, 13), (V{"O", "B-PERS", "I-PERS", "O", "O", "O"}));
  // Tags already there are kept.
  EXPECT_EQ(d.Tags(0, 7), (V{"O", "O", "B-PERS", "I-PERS", "O", "O", "O"}));
}

TEST(NerPropagate, LongestSequenceFirstThenTheMostFrequentType) {
  Doc d({{"زار", "فينغر/B-PERS", "لندن/B-LOC"},
         {"في", "بنك/B-ORG", "فينغر/I-ORG"},
         {"وصل", "فينغر/B-PERS", "أمس"},
         {"أعلن", "بنك", "فينغر", "و", "فينغر"}});
  d.Propagate();
  // "بنك فينغر" as a whole is an ORG; the lone "فينغر" is PERS (2 votes to 0).
  EXPECT_EQ(d.Tags(9, 14), (V{"O", "B-ORG", "I-ORG", "O", "B-PERS"}));
}

TEST(NerPropagate, StaysWithinTheWindowAndOffOtherEntities) {
  std::vector<std::vector<std::string>> sents = {{"زار", "سالمي/B-PERS", "المدينة"}};
  for (int k = 0; k < 5; ++k) sents.push_back({"لا", "شيء", "هنا"});
  sents.push_back({"قال", "سالمي"});
  // An untagged occurrence followed by an entity's inside is left alone.
  sents.push_back({"في", "سالمي/B-ORG", "سالمي/I-ORG"});
  Doc d(sents);
  Doc far = d;
  far.Propagate(3);
  EXPECT_EQ(far.Tags(18, 20), (V{"O", "O"}));
  d.Propagate(20);
  EXPECT_EQ(d.Tags(18, 20), (V{"O", "B-PERS"}));
  EXPECT_EQ(d.Tags(20, 23), (V{"O", "B-ORG", "I-ORG"}));
}

TEST(NerPropagate, IgnoresPunctuationNumbersAndBadInput) {
  Doc d({{"2006/B-ORG", "،/B-PERS", "كأس/B-ORG"}, {"2006", "،", "كأس", "العالم"}});
  d.Propagate();
  EXPECT_EQ(d.Tags(3, 7), (V{"O", "O", "B-ORG", "O"}));
  // Mismatched sizes: nothing happens, nothing breaks.
  std::vector<int> short_tags = {0};
  PropagateEntities(d.scratch.tokens, d.bounds, kLabels, 20, &d.scratch, &short_tags);
  EXPECT_EQ(short_tags, std::vector<int>{0});
  // Sentence bounds past the end, or going backwards: left as they are.
  std::vector<int> tags = d.tags;
  const std::vector<uint32_t> past = {0, 3, 99}, back = {0, 5, 3, 7};
  PropagateEntities(d.scratch.tokens, past, kLabels, 20, &d.scratch, &tags);
  PropagateEntities(d.scratch.tokens, back, kLabels, 20, &d.scratch, &tags);
  EXPECT_EQ(tags, d.tags);
}

TEST(NerPropagate, RepetitiveDocumentsStayCheapAndLongEntitiesStayPut) {
  // 50 sentences of 400 words, every other one tagged: all become names.
  std::vector<std::vector<std::string>> sents(50);
  for (auto& sent : sents)
    for (int k = 0; k < 400; ++k) sent.push_back(k % 2 == 0 ? "سالم/B-PERS" : "سالم");
  // A tagged run of ten words is longer than the pass looks for.
  std::vector<std::string> long_run = {"في"}, copy = {"في"};
  for (int k = 0; k < 10; ++k) {
    long_run.push_back(k == 0 ? "كريم/B-ORG" : "كريم/I-ORG");
    copy.push_back("كريم");
  }
  copy.push_back("عاد");
  sents.push_back(long_run);
  sents.push_back(copy);
  Doc d(sents);
  d.Propagate();
  EXPECT_EQ(std::count(d.tags.begin(), d.tags.begin() + 20000, Label("B-PERS")), 20000);
  EXPECT_EQ(d.Tags(20011, 20023), V(12, "O"));
}

TEST(NerPropagate, RunsInTagDocumentUnlessSwitchedOff) {
  NerTagger t;
  EXPECT_TRUE(t.propagate());
  t.set_propagate(false);
  EXPECT_FALSE(t.propagate());
}

}  // namespace
}  // namespace rasd::tag
