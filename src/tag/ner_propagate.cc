#include "tag/ner_propagate.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "tag/ner_hash.h"

namespace rasd::tag {
namespace {

// Words match on their normalised form, clitics included: on held-out data,
// matching on clitic-free stems did no better.
std::string_view Key(const text::Token& t) { return t.norm; }

// Entities longer than this are not looked for elsewhere, and a position
// looks at no more than kMaxCandidates nearby entities starting with its word:
// the pass stays linear in the document however repetitive it is.
constexpr uint32_t kMaxWords = 8;
constexpr int kMaxCandidates = 64;

bool Word(const text::Token& t) {
  return t.kind == text::TokenKind::kArabic || t.kind == text::TokenKind::kLatin;
}

}  // namespace

void PropagateEntities(std::span<const text::Token> toks, std::span<const uint32_t> bounds,
                       const std::vector<std::string>& labels, uint32_t window, NerScratch* s,
                       std::vector<int>* tags) {
  const size_t n = toks.size(), L = labels.size();
  if (n == 0 || bounds.size() < 2 || L > NerFeatureExtractor::kMaxDocLabels || tags->size() != n) return;
  for (size_t k = 0; k + 1 < bounds.size(); ++k)
    if (bounds[k] > bounds[k + 1] || bounds[k + 1] > n) return;
  // Per label: its type's B and I labels (-1 for O), and whether it is an I.
  std::array<int, NerFeatureExtractor::kMaxDocLabels> begin_of{}, inside_of{};
  std::array<bool, NerFeatureExtractor::kMaxDocLabels> inside{};
  for (size_t y = 0; y < L; ++y) {
    begin_of[y] = inside_of[y] = -1;
    if (labels[y].size() < 3) continue;
    inside[y] = labels[y][0] == 'I';
    const std::string_view type = std::string_view(labels[y]).substr(2);
    for (size_t z = 0; z < L; ++z) {
      if (labels[z].size() < 3 || std::string_view(labels[z]).substr(2) != type) continue;
      (labels[z][0] == 'B' ? begin_of[y] : inside_of[y]) = static_cast<int>(z);
    }
  }
  std::vector<int>& t = *tags;
  // The document's entities: begin, end, sentence, B label.
  auto& ents = s->entities;
  ents.clear();
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    for (uint32_t i = bounds[k]; i < bounds[k + 1];) {
      const int y = t[i];
      if (y <= 0 || static_cast<size_t>(y) >= L || begin_of[y] < 0) {
        ++i;
        continue;
      }
      uint32_t e = i + 1;
      while (e < bounds[k + 1] && t[e] == inside_of[y]) ++e;
      if (Word(toks[i]) && e - i <= kMaxWords)
        ents.push_back({i, e, static_cast<uint32_t>(k), static_cast<uint32_t>(begin_of[y])});
      i = e;
    }
  }
  // Entities by the hash of their first word, then by position (the index
  // in the low 24 bits; a document with more entities is left as it is).
  constexpr uint64_t kIndex = (uint64_t{1} << 24) - 1;
  if (ents.empty() || ents.size() > kIndex) return;
  auto& keys = s->entity_keys;
  keys.clear();
  for (size_t x = 0; x < ents.size(); ++x) keys.push_back((Fnv1a(Key(toks[ents[x][0]])) & ~kIndex) | x);
  std::sort(keys.begin(), keys.end());
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    const uint32_t end = bounds[k + 1];
    for (uint32_t i = bounds[k]; i < end;) {
      if (t[i] != 0 || !Word(toks[i])) {
        ++i;
        continue;
      }
      // The entities starting with this word, in document order: from the
      // first within the window, at most kMaxCandidates of them.
      const uint64_t h = Fnv1a(Key(toks[i])) & ~kIndex;
      const auto group = std::lower_bound(keys.begin(), keys.end(), h);
      const uint64_t lo_sent = k > window ? k - window : 0, hi_sent = static_cast<uint64_t>(k) + window;
      auto it = std::partition_point(group, keys.end(), [&](uint64_t key) {
        return (key & ~kIndex) == h && ents[key & kIndex][2] < lo_sent;
      });
      uint32_t best_len = 0;
      std::array<uint32_t, NerFeatureExtractor::kMaxDocLabels> votes{};
      uint32_t first_label = 0;
      for (int seen = 0; it != keys.end() && (*it & ~kIndex) == h && seen < kMaxCandidates; ++it, ++seen) {
        const auto& en = ents[*it & kIndex];
        if (en[2] > hi_sent) break;
        const uint32_t len = en[1] - en[0];
        if (len < best_len || i + len > end) continue;
        bool match = true;
        for (uint32_t j = 0; j < len && match; ++j)
          match = t[i + j] == 0 && Key(toks[i + j]) == Key(toks[en[0] + j]);
        if (!match) continue;
        if (len > best_len) {
          best_len = len;
          votes.fill(0);
          first_label = en[3];
        }
        ++votes[en[3]];
      }
      if (best_len == 0) {
        ++i;
        continue;
      }
      uint32_t label = first_label;
      for (size_t y = 0; y < L; ++y)
        if (votes[y] > votes[label]) label = static_cast<uint32_t>(y);
      const uint32_t after = i + best_len;
      if (after < end && t[after] > 0 && static_cast<size_t>(t[after]) < L &&
          inside[static_cast<size_t>(t[after])]) {
        ++i;
        continue;
      }
      t[i] = static_cast<int>(label);
      for (uint32_t j = 1; j < best_len; ++j) t[i + j] = inside_of[label];
      i = after;
    }
  }
}

}  // namespace rasd::tag
