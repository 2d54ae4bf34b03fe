// The per-thread memos of docs/performance.md: hits and misses, bounded
// size, and results identical to the uncached functions.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/string_memo.h"
#include "lexicon/key_memo.h"
#include "lexicon/keys.h"
#include "rasd/text.h"
#include "tag/ner.h"
#include "tag/ner_features.h"

namespace rasd {
namespace {

TEST(StringMemo, ComputesOncePerKeyAndCountsHits) {
  StringMemo<std::string> memo(16);
  int calls = 0;
  auto upper = [&](std::string_view k) {
    return memo.Get(k, [&](std::string* v) {
      ++calls;
      v->assign(k);
      for (char& c : *v) c = static_cast<char>(c - 'a' + 'A');
    });
  };
  EXPECT_EQ(upper("abc"), "ABC");
  EXPECT_EQ(upper("xyz"), "XYZ");
  EXPECT_EQ(upper("abc"), "ABC");
  EXPECT_EQ(upper("abc"), "ABC");
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(memo.misses(), 2u);
  EXPECT_EQ(memo.hits(), 2u);
  EXPECT_EQ(memo.size(), 2u);
  // A key that is a prefix of another is a different key.
  EXPECT_EQ(upper("ab"), "AB");
  EXPECT_EQ(calls, 3);
}

TEST(StringMemo, StaysBoundedAndEvictsWhenFull) {
  StringMemo<int> memo(8);
  ASSERT_EQ(memo.capacity(), 8u);
  for (int i = 0; i < 100; ++i) {
    const std::string key = "k" + std::to_string(i);
    EXPECT_EQ(memo.Get(key, [&](int* v) { *v = i * 3; }), i * 3);
    EXPECT_LE(memo.size(), memo.capacity());
  }
  EXPECT_EQ(memo.misses(), 100u);
  EXPECT_GE(memo.evictions(), 100u - 8);
  // An evicted key is computed again (and gets its value again).
  int calls = 0;
  EXPECT_EQ(memo.Get("k0", [&](int* v) { ++calls, *v = 0; }), 0);
  EXPECT_EQ(calls, 1);
  // A recent key is still there.
  EXPECT_EQ(memo.Get("k0", [&](int* v) { ++calls, *v = -1; }), 0);
  EXPECT_EQ(calls, 1);
  // Clear forgets everything.
  memo.Clear();
  EXPECT_EQ(memo.size(), 0u);
  EXPECT_EQ(memo.Get("k0", [&](int* v) { ++calls, *v = 7; }), 7);
  EXPECT_EQ(calls, 2);
}

TEST(StringMemo, FrequentKeysSurviveAStreamOfRareOnes) {
  // Least recently used goes first: a key used again after every two new
  // keys (fewer than the 4 ways of its set) stays, however many pass through.
  StringMemo<int> memo(64);
  int calls = 0;
  for (int i = 0; i < 10000; ++i) {
    memo.Get("rare" + std::to_string(i), [&](int* v) { *v = i; });
    if (i % 2 == 0) memo.Get("frequent", [&](int* v) { ++calls, *v = 1; });
  }
  EXPECT_EQ(calls, 1);
  // Long keys (not stored inline) work the same.
  const std::string long_key(100, 'x');
  EXPECT_EQ(memo.Get(long_key, [&](int* v) { *v = 5; }), 5);
  EXPECT_EQ(memo.Get(long_key, [&](int* v) { *v = 6; }), 5);
}

TEST(StringMemo, ReusedValueIsOverwrittenCompletely) {
  StringMemo<std::vector<int>> memo(8);
  for (int round = 0; round < 5; ++round)
    for (int i = 0; i < 20; ++i) {
      const std::string key(static_cast<size_t>(i + 1), 'a');
      const std::vector<int>& v = memo.Get(key, [&](std::vector<int>* out) { out->assign(i, i); });
      EXPECT_EQ(v, std::vector<int>(i, i)) << i;
    }
}

// A segmenter over a small word list, as in src/text/segment_test.cc.
text::Segmenter Known(std::initializer_list<const char*> words) {
  auto set = std::make_shared<std::set<std::string>>();
  for (const char* w : words) set->insert(text::NormalizeString(w));
  return text::Segmenter([set](std::string_view s) { return set->count(std::string(s)) > 0; });
}

// Words written for this test: clitics, articles, pronoun suffixes, verbs.
const std::vector<std::string>& Words() {
  static const std::vector<std::string> words = {
      "والجيش",  "بالجزائر", "وزيارته",  "سيزور",    "وزارات", "الحكومة", "للرئيس", "فرنسيين",
      "اعتقلته", "قواتهم",   "وبالبلد",  "والتقى",   "ليبيا",  "كبير",    "الدفاع", "ووزير",
      "زاروا",   "مفاوضات",  "الألماني", "استهدفها", "ب",      "في",      "2018",   "abc",
  };
  return words;
}

std::vector<text::Token> TokensOf(const std::string& sentence, const text::Segmenter& seg,
                                  text::NormalizedText* nt) {
  std::vector<text::Token> toks;
  text::Normalize(sentence, nt);
  text::Tokenize(*nt, 0, static_cast<uint32_t>(nt->text.size()), seg, &toks);
  return toks;
}

TEST(SegmentMemo, SameAnalysisAsUncachedOnFirstAndRepeatedUse) {
  const text::Segmenter seg = Known({"جزائر", "جيش", "زياره", "يزور", "بلد", "وزاره", "دفاع", "وزير", "حكومه",
                                     "رئيس", "فرنسي", "قوات", "اعتقل", "استهدف", "التقى", "الماني"});
  text::NormalizedText nt;
  for (int round = 0; round < 3; ++round) {
    for (const std::string& w : Words()) {
      for (text::Token t : TokensOf(w, seg, &nt)) {
        text::Token u = t;
        seg.SegmentUncached(&u);
        seg.Segment(&t);
        EXPECT_EQ(t.proclitics, u.proclitics) << w;
        EXPECT_EQ(t.stem, u.stem) << w;
        EXPECT_EQ(t.enclitic, u.enclitic) << w;
        // Views into the token's own norm, not into an earlier word's.
        EXPECT_GE(t.stem.data(), t.norm.data());
        EXPECT_LE(t.stem.data() + t.stem.size(), t.norm.data() + t.norm.size());
      }
    }
  }
}

TEST(SegmentMemo, TwoSegmentersDoNotShareAnalyses) {
  // The same word splits differently under different word lists: a memo
  // filled by one segmenter must not answer for the other.
  const text::Segmenter whole = Known({"وزير"});
  const text::Segmenter split = Known({"زير"});
  const text::Segmenter third = Known({});
  text::NormalizedText nt;
  for (int round = 0; round < 3; ++round) {
    for (const text::Segmenter* seg : {&whole, &split, &third}) {
      std::vector<text::Token> toks = TokensOf("ووزير", *seg, &nt);
      ASSERT_EQ(toks.size(), 1u);
      text::Token u = toks[0];
      seg->SegmentUncached(&u);
      EXPECT_EQ(toks[0].stem, u.stem);
      EXPECT_EQ(toks[0].proclitics, u.proclitics);
    }
  }
  EXPECT_NE(TokensOf("ووزير", whole, &nt)[0].stem, TokensOf("ووزير", split, &nt)[0].stem);
}

TEST(TokenKeyMemo, SameKeysAsTokenKeysAndHitsOnRepeats) {
  const text::Segmenter seg =
      Known({"جزائر", "جيش", "زياره", "وزاره", "فرنسي", "قوات", "اعتقل", "استهدف", "الماني"});
  text::NormalizedText nt;
  std::vector<lexicon::TokenKey> cached, plain;
  std::vector<std::string> scratch;
  auto& memo = lexicon::ThreadTokenKeyMemo();
  const uint64_t hits0 = memo.hits();
  size_t checked = 0;
  for (int round = 0; round < 2; ++round) {
    for (const std::string& w : Words()) {
      for (const text::Token& t : TokensOf(w, seg, &nt)) {
        lexicon::MemoTokenKeys(t, &cached, &scratch);
        lexicon::TokenKeys(t, &plain, &scratch);
        ASSERT_EQ(cached.size(), plain.size()) << w;
        for (size_t k = 0; k < plain.size(); ++k) {
          EXPECT_EQ(cached[k].key, plain[k].key) << w;
          EXPECT_EQ(cached[k].cls, plain[k].cls) << w;
        }
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 2 * Words().size());
  // The second round finds every token again.
  EXPECT_GE(memo.hits() - hits0, Words().size());
}

TEST(TokenKeyMemo, KeyTellsApartTokensWithTheSameNorm) {
  // One norm, two segmentations (different stems and clitics): different keys.
  text::Token a, b;
  const std::string norm = text::NormalizeString("وزيارته");
  a.kind = b.kind = text::TokenKind::kArabic;
  a.norm = b.norm = norm;
  a.stem = std::string_view(norm).substr(2, norm.size() - 4);  // زيارت, enclitic ه
  a.enclitic = std::string_view(norm).substr(norm.size() - 2);
  a.proclitics = text::kConjWa;
  b.stem = norm;
  std::string ka, kb;
  lexicon::TokenMemoKey(a, &ka);
  lexicon::TokenMemoKey(b, &kb);
  EXPECT_NE(ka, kb);
  std::vector<lexicon::TokenKey> ca, cb, pa, pb;
  std::vector<std::string> scratch;
  lexicon::MemoTokenKeys(a, &ca, &scratch);
  lexicon::MemoTokenKeys(b, &cb, &scratch);
  lexicon::TokenKeys(a, &pa, &scratch);
  lexicon::TokenKeys(b, &pb, &scratch);
  ASSERT_FALSE(ca.empty());
  ASSERT_FALSE(cb.empty());
  EXPECT_EQ(ca.front().key, pa.front().key);
  EXPECT_EQ(cb.front().key, pb.front().key);
  EXPECT_NE(ca.front().key, cb.front().key);
}

}  // namespace
}  // namespace rasd

// ---- NER decoding (the AVX2 path where the CPU has it) -----------------

namespace rasd::tag {
namespace {

// The recursion as the scalar definition reads, for comparison.
std::vector<int> ReferenceViterbi(const std::vector<float>& emit, size_t n, size_t L,
                                  const std::vector<float>& trans) {
  std::vector<float> prev(L), cur(L);
  std::vector<uint8_t> back(n * L);
  for (size_t y = 0; y < L; ++y) prev[y] = trans[L * L + y] + emit[y];
  for (size_t i = 1; i < n; ++i) {
    for (size_t y = 0; y < L; ++y) {
      float best = -std::numeric_limits<float>::infinity();
      uint8_t arg = 0;
      for (size_t p = 0; p < L; ++p) {
        const float v = prev[p] + trans[p * L + y];
        if (v > best) best = v, arg = static_cast<uint8_t>(p);
      }
      cur[y] = best + emit[i * L + y];
      back[i * L + y] = arg;
    }
    std::swap(prev, cur);
  }
  std::vector<int> tags(n);
  size_t y = 0;
  for (size_t k = 1; k < L; ++k)
    if (prev[k] > prev[y]) y = k;
  for (size_t i = n; i-- > 0;) {
    tags[i] = static_cast<int>(y);
    if (i > 0) y = back[i * L + y];
  }
  return tags;
}

TEST(NerViterbi, MatchesTheScalarDefinitionIncludingTies) {
  uint64_t state = 12345;
  auto next = [&]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  NerScratch scratch;
  std::vector<int> tags;
  for (size_t L : {3u, 8u, 9u, 13u, 17u}) {
    for (int round = 0; round < 40; ++round) {
      const size_t n = 1 + next() % 30;
      std::vector<float> emit(n * L), trans((L + 1) * L);
      // Few distinct values, so equal scores (ties) are common; some
      // transitions forbidden as the BIO constraints make them.
      for (float& e : emit) e = static_cast<float>(static_cast<int>(next() % 5) - 2);
      for (float& t : trans)
        t = next() % 7 == 0 ? -1e30f : static_cast<float>(static_cast<int>(next() % 3) - 1) * 0.5f;
      ViterbiDecode(emit.data(), n, L, trans.data(), &scratch, &tags);
      EXPECT_EQ(tags, ReferenceViterbi(emit, n, L, trans)) << "L=" << L << " n=" << n;
    }
  }
}

}  // namespace
}  // namespace rasd::tag

namespace rasd::tag {
namespace {

// The context features hashed several seeds at a time (ContextHashes) are
// the hashes the string templates define, at every position including the
// sentence edges.
TEST(NerContextHashes, EqualTheTemplateHashesAtEveryPosition) {
  const NerFeatureExtractor ex(nullptr, nullptr, kFeatWord | kFeatContext | kFeatBigram);
  text::NormalizedText nt;
  const text::Segmenter seg;
  std::vector<text::Token> toks;
  text::Normalize("قال الوزير إن الوفد سيزور العاصمة غدا", &nt);
  text::Tokenize(nt, 0, static_cast<uint32_t>(nt.text.size()), seg, &toks);
  ASSERT_GE(toks.size(), 5u);
  NerScratch s;
  ex.Extract(toks, &s);
  const long n = static_cast<long>(toks.size());
  auto word = [&](long k) -> std::string_view { return k < 0 ? "<s>" : k >= n ? "</s>" : toks[k].norm; };
  auto stem = [&](long k) -> std::string_view { return k < 0 ? "<s>" : k >= n ? "</s>" : toks[k].stem; };
  auto one = [](const char* tmpl, std::string_view a) { return Fnv1a(a, Fnv1a(tmpl)); };
  auto two = [](const char* tmpl, std::string_view a, std::string_view b) {
    return Fnv1a(b, Fnv1a("|", Fnv1a(a, Fnv1a(tmpl))));
  };
  for (long j = 0; j < n; ++j) {
    const std::vector<uint64_t> f(s.feats.begin() + s.offsets[j], s.feats.begin() + s.offsets[j + 1]);
    ASSERT_GE(f.size(), 2u);
    EXPECT_EQ(f[0], one("w", word(j))) << j;  // identity features first (IdentityFeatures)
    EXPECT_EQ(f[1], one("s", stem(j))) << j;
    const std::vector<uint64_t> want = {
        one("w-1", word(j - 1)),
        one("w+1", word(j + 1)),
        one("w-2", word(j - 2)),
        one("w+2", word(j + 2)),
        one("s-1", stem(j - 1)),
        one("s+1", stem(j + 1)),
        one("s-2", stem(j - 2)),
        one("s+2", stem(j + 2)),
        two("s-1|s", stem(j - 1), stem(j)),
        two("s|s+1", stem(j), stem(j + 1)),
        two("s-2|s-1", stem(j - 2), stem(j - 1)),
        two("s+1|s+2", stem(j + 1), stem(j + 2)),
    };
    for (size_t x = 0; x < want.size(); ++x)
      EXPECT_NE(std::find(f.begin(), f.end(), want[x]), f.end()) << "token " << j << " feature " << x;
  }
}

}  // namespace
}  // namespace rasd::tag
