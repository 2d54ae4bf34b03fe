#include "tag/ner_features.h"

#include <algorithm>
#include <array>
#include <type_traits>

#include "core/string_memo.h"
#include "lexicon/key_memo.h"

namespace rasd::tag {
namespace {

// A feature template: its name and the hash seed derived from it at compile time.
struct Tmpl {
  const char* name;
  uint64_t seed;
};
consteval Tmpl T(const char* name) { return Tmpl{name, Fnv1a(name)}; }

class HashSink {
 public:
  explicit HashSink(std::vector<uint64_t>* out) : out_(out) {}
  void Add(Tmpl t, std::string_view a) { out_->push_back(Fnv1a(a, t.seed)); }
  void Add(Tmpl t, std::string_view a, std::string_view b) {
    out_->push_back(Fnv1a(b, Fnv1a("|", Fnv1a(a, t.seed))));
  }
  void AddId(Tmpl t, uint64_t v) { out_->push_back(Mix64(t.seed ^ (v * 0x9E3779B97F4A7C15ull))); }
  // A feature hash computed beforehand (ContextHashes), equal to what Add
  // would give.
  void AddHash(uint64_t h) { out_->push_back(h); }

 private:
  std::vector<uint64_t>* out_;
};

// FNV-1a of one string under K seeds at once: the same values as K calls of
// Fnv1a(s, seed[k]), but the K multiply chains run side by side instead of
// one after another (FNV is one dependent multiply per byte).
template <size_t K>
void Fnv1aMulti(std::string_view s, uint64_t* h) {
  for (char c : s) {
    const uint64_t b = static_cast<unsigned char>(c);
    for (size_t k = 0; k < K; ++k) h[k] = (h[k] ^ b) * 1099511628211ull;
  }
}

// Seeds of the context templates hashed per token by ContextHashes.
constexpr size_t kWordSeeds = 5, kPairSeeds = 4;

class NameSink {
 public:
  explicit NameSink(std::vector<std::string>* out) : out_(out) {}
  void Add(Tmpl t, std::string_view a) { out_->push_back(std::string(t.name) + "=" + std::string(a)); }
  void Add(Tmpl t, std::string_view a, std::string_view b) {
    out_->push_back(std::string(t.name) + "=" + std::string(a) + "|" + std::string(b));
  }
  void AddId(Tmpl t, uint64_t v) { out_->push_back(std::string(t.name) + "=" + std::to_string(v)); }

 private:
  std::vector<std::string>* out_;
};

// The first / last n code points of s.
std::string_view Prefix(std::string_view s, size_t n) {
  size_t pos = 0;
  for (size_t k = 0; k < n && pos < s.size(); ++k) text::DecodeUtf8(s, &pos);
  return s.substr(0, pos);
}
std::string_view Suffix(std::string_view s, size_t n) {
  size_t pos = s.size();
  for (size_t k = 0; k < n && pos > 0; ++k) {
    --pos;
    while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  }
  return s.substr(pos);
}

// Script and length: kind * 8 + length bucket.
uint64_t ShapeCode(const text::Token& t, size_t len) {
  static constexpr std::array<uint8_t, 10> kBucket = {0, 0, 1, 2, 3, 4, 5, 6, 6, 7};
  return static_cast<uint64_t>(t.kind) * 8 + (len < kBucket.size() ? kBucket[len] : 7);
}

// The memo key of a token's own features (Emit's kOwnPart): everything they
// read, which is the token's kind, proclitics, norm, stem and enclitic (the
// lexicon's token memo key) and the feature groups, appended at a fixed width.
void OwnKey(const text::Token& t, uint32_t groups, std::string* key) {
  lexicon::TokenMemoKey(t, key);
  key->append(reinterpret_cast<const char*>(&groups), sizeof groups);
}

constexpr std::array<const char*, 10> kGroupNames = {"word",   "affix",     "ngram",   "shape",    "context",
                                                     "bigram", "gazetteer", "cluster", "document", "prior"};

}  // namespace

bool ParseFeatureGroups(std::string_view list, uint32_t* groups) {
  if (list == "all") {
    *groups = kFeatSentence;
    return true;
  }
  *groups = 0;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    bool found = false;
    for (size_t b = 0; b < kGroupNames.size(); ++b)
      if (name == kGroupNames[b]) *groups |= 1u << b, found = true;
    if (!found) return false;
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return true;
}

std::string FeatureGroupNames(uint32_t groups) {
  std::string out;
  for (size_t b = 0; b < kGroupNames.size(); ++b) {
    if (!(groups & (1u << b))) continue;
    if (!out.empty()) out += ',';
    out += kGroupNames[b];
  }
  return out;
}

void NerFeatureExtractor::Prepare(std::span<const text::Token> toks, NerScratch* s) const {
  const size_t n = toks.size();
  s->lengths.resize(n);
  for (size_t i = 0; i < n; ++i) s->lengths[i] = static_cast<uint16_t>(text::CountCodePoints(toks[i].norm));
  if ((groups_ & kFeatGazetteer) && gaz_ != nullptr)
    gaz_->Match(toks, &s->gazetteer);
  else
    s->gazetteer.assign(n * Gazetteer::kTypes, 0);
  // The stems' cells in the cluster and prior tables are scattered over
  // memory: hash all stems and start fetching their cells first, then look
  // them up, and start fetching the entries the features will read.
  const bool cl = (groups_ & kFeatCluster) && clusters_ != nullptr && clusters_->size() > 0;
  const bool pr = (groups_ & kFeatPrior) && clusters_ != nullptr && clusters_->priors() > 0;
  s->stem_hashes.resize(n);
  if (cl || pr)
    for (size_t i = 0; i < n; ++i) {
      s->stem_hashes[i] = Fnv1a(toks[i].stem);
      clusters_->Prefetch(s->stem_hashes[i]);
    }
  s->clusters.assign(n, nullptr);
  if (cl) {
    for (size_t i = 0; i < n; ++i) {
      const WordClusters::Entry* e = clusters_->FindHash(s->stem_hashes[i]);
      if (e == nullptr && toks[i].stem != toks[i].norm) e = clusters_->Find(toks[i].norm);
      if (e != nullptr) __builtin_prefetch(e);
      s->clusters[i] = e;
    }
  }
  s->priors.assign(n, 0);
  if (pr)
    for (size_t i = 0; i < n; ++i) s->priors[i] = clusters_->PriorHash(s->stem_hashes[i]);
  if (groups_ & (kFeatWord | kFeatContext | kFeatBigram)) ContextHashes(toks, s);
}

// For the positions k = -2 .. n+1 of the sentence padded with <s> <s> and
// </s> </s> (e = k + 2): the word and the stem at k hashed under the seeds
// of w-1 w+1 w-2 w+2 w and s-1 s+1 s-2 s+2 s, and the stem pair (k, k+1)
// under those of s-1|s s|s+1 s-2|s-1 s+1|s+2, as Emit's Add calls would
// hash them. Every (string, seed) Emit needs is hashed once either way;
// here several seeds share one pass over the bytes.
void NerFeatureExtractor::ContextHashes(std::span<const text::Token> toks, NerScratch* s) {
  static constexpr std::array<Tmpl, kWordSeeds> kW = {T("w-1"), T("w+1"), T("w-2"), T("w+2"), T("w")};
  static constexpr std::array<Tmpl, kWordSeeds> kS = {T("s-1"), T("s+1"), T("s-2"), T("s+2"), T("s")};
  static constexpr std::array<Tmpl, kPairSeeds> kP = {T("s-1|s"), T("s|s+1"), T("s-2|s-1"), T("s+1|s+2")};
  const long n = static_cast<long>(toks.size());
  auto word = [&](long k) -> std::string_view { return k < 0 ? "<s>" : k >= n ? "</s>" : toks[k].norm; };
  auto stem = [&](long k) -> std::string_view { return k < 0 ? "<s>" : k >= n ? "</s>" : toks[k].stem; };
  const size_t ext = toks.size() + 4;
  s->word_hashes.resize(ext * kWordSeeds);
  s->stem_ctx_hashes.resize(ext * kWordSeeds);
  s->pair_hashes.resize(ext * kPairSeeds);
  for (long k = -2; k <= n + 1; ++k) {
    const size_t e = static_cast<size_t>(k + 2);
    uint64_t* w = &s->word_hashes[e * kWordSeeds];
    uint64_t* st = &s->stem_ctx_hashes[e * kWordSeeds];
    for (size_t x = 0; x < kWordSeeds; ++x) w[x] = kW[x].seed, st[x] = kS[x].seed;
    Fnv1aMulti<kWordSeeds>(word(k), w);
    Fnv1aMulti<kWordSeeds>(stem(k), st);
    uint64_t* p = &s->pair_hashes[e * kPairSeeds];
    if (k > n) continue;  // no pair starts at n+1
    for (size_t x = 0; x < kPairSeeds; ++x) p[x] = kP[x].seed;
    Fnv1aMulti<kPairSeeds>(stem(k), p);
    Fnv1aMulti<kPairSeeds>("|", p);
    Fnv1aMulti<kPairSeeds>(stem(k + 1), p);
  }
}

template <typename Sink>
void NerFeatureExtractor::Emit(std::span<const text::Token> toks, size_t i, const NerScratch& s, Sink* out,
                               unsigned parts) const {
  const long n = static_cast<long>(toks.size());
  const long j = static_cast<long>(i);
  const text::Token& t = toks[i];
  auto word = [&](long k) -> std::string_view { return k < 0 ? "<s>" : k >= n ? "</s>" : toks[k].norm; };
  auto stem = [&](long k) -> std::string_view { return k < 0 ? "<s>" : k >= n ? "</s>" : toks[k].stem; };

  // Positions in ContextHashes' arrays (HashSink only; other sinks need the strings).
  constexpr bool kHashed = std::is_same_v<Sink, HashSink>;
  auto wh = [&](long k, size_t x) { return s.word_hashes[static_cast<size_t>(k + 2) * kWordSeeds + x]; };
  auto sh = [&](long k, size_t x) { return s.stem_ctx_hashes[static_cast<size_t>(k + 2) * kWordSeeds + x]; };
  auto ph = [&](long k, size_t x) { return s.pair_hashes[static_cast<size_t>(k + 2) * kPairSeeds + x]; };
  // The word's identity comes first: training may hide it (IdentityFeatures()).
  if ((parts & kOwnPart) && (groups_ & kFeatWord)) {
    if constexpr (kHashed) {
      out->AddHash(wh(j, 4));
      out->AddHash(sh(j, 4));
    } else {
      out->Add(T("w"), t.norm);
      out->Add(T("s"), t.stem);
    }
  }
  if (parts & kOwnPart) {
    out->Add(T("bias"), "");
    if (groups_ & kFeatWord) {
      out->AddId(T("pro"), t.proclitics);
      out->Add(T("enc"), t.enclitic);
    }
    if (groups_ & kFeatAffix) {
      static constexpr std::array<Tmpl, 4> kWp = {T("wp1"), T("wp2"), T("wp3"), T("wp4")};
      static constexpr std::array<Tmpl, 4> kWs = {T("ws1"), T("ws2"), T("ws3"), T("ws4")};
      static constexpr std::array<Tmpl, 3> kSp = {T("sp1"), T("sp2"), T("sp3")};
      static constexpr std::array<Tmpl, 3> kSs = {T("ss1"), T("ss2"), T("ss3")};
      const size_t len = s.lengths[i];
      for (size_t k = 1; k <= 4 && k < len; ++k) {
        out->Add(kWp[k - 1], Prefix(t.norm, k));
        out->Add(kWs[k - 1], Suffix(t.norm, k));
      }
      if (t.stem != t.norm) {
        for (size_t k = 1; k <= 3; ++k) {
          out->Add(kSp[k - 1], Prefix(t.stem, k));
          out->Add(kSs[k - 1], Suffix(t.stem, k));
        }
      }
    }
    if ((groups_ & kFeatNgram) && t.kind == text::TokenKind::kArabic) {
      // Trigrams of "^stem$" (the markers anchor the first and last).
      const std::string_view st = t.stem;
      std::array<size_t, 64> cut{};  // byte offset of each code point, then the end
      size_t m = 0, pos = 0;
      while (pos < st.size() && m + 1 < cut.size()) {
        cut[m++] = pos;
        text::DecodeUtf8(st, &pos);
      }
      cut[m] = pos;
      if (m >= 2) {
        out->Add(T("c3^"), st.substr(0, cut[2]));
        for (size_t k = 0; k + 3 <= m; ++k) out->Add(T("c3"), st.substr(cut[k], cut[k + 3] - cut[k]));
        out->Add(T("c3$"), st.substr(cut[m - 2], cut[m] - cut[m - 2]));
      }
    }
    if (groups_ & kFeatShape) out->AddId(T("shape"), ShapeCode(t, s.lengths[i]));
  }
  if (!(parts & kContextPart)) return;
  if (groups_ & kFeatContext) {
    if constexpr (kHashed) {
      out->AddHash(wh(j - 1, 0));
      out->AddHash(wh(j + 1, 1));
      out->AddHash(wh(j - 2, 2));
      out->AddHash(wh(j + 2, 3));
      out->AddHash(sh(j - 1, 0));
      out->AddHash(sh(j + 1, 1));
      out->AddHash(sh(j - 2, 2));
      out->AddHash(sh(j + 2, 3));
    } else {
      out->Add(T("w-1"), word(j - 1));
      out->Add(T("w+1"), word(j + 1));
      out->Add(T("w-2"), word(j - 2));
      out->Add(T("w+2"), word(j + 2));
      out->Add(T("s-1"), stem(j - 1));
      out->Add(T("s+1"), stem(j + 1));
      out->Add(T("s-2"), stem(j - 2));
      out->Add(T("s+2"), stem(j + 2));
    }
    out->Add(T("ss2-1"), j > 0 ? Suffix(toks[i - 1].stem, 2) : "<s>");
    out->Add(T("ss2+1"), j + 1 < n ? Suffix(toks[i + 1].stem, 2) : "</s>");
    out->AddId(T("pro-1"), j > 0 ? toks[i - 1].proclitics : 255);
    out->AddId(T("pro+1"), j + 1 < n ? toks[i + 1].proclitics : 255);
  }
  if (groups_ & kFeatBigram) {
    if constexpr (kHashed) {
      out->AddHash(ph(j - 1, 0));
      out->AddHash(ph(j, 1));
      out->AddHash(ph(j - 2, 2));
      out->AddHash(ph(j + 1, 3));
    } else {
      out->Add(T("s-1|s"), stem(j - 1), t.stem);
      out->Add(T("s|s+1"), t.stem, stem(j + 1));
      out->Add(T("s-2|s-1"), stem(j - 2), stem(j - 1));
      out->Add(T("s+1|s+2"), stem(j + 1), stem(j + 2));
    }
  }
  if (groups_ & kFeatGazetteer) {
    auto gcode = [&](long k) -> uint64_t {
      if (k < 0 || k >= n) return 99;
      const uint8_t* m = &s.gazetteer[static_cast<size_t>(k) * Gazetteer::kTypes];
      return m[0] + 3 * m[1] + 9 * m[2];
    };
    out->AddId(T("gz"), gcode(j));
    out->AddId(T("gz-1"), gcode(j - 1));
    out->AddId(T("gz+1"), gcode(j + 1));
    out->AddId(T("gz-1|gz"), gcode(j - 1) * 100 + gcode(j));
  }
  if (groups_ & kFeatCluster) {
    static constexpr std::array<std::array<Tmpl, 5>, 3> kCl = {{
        {T("c0@-2"), T("c0@-1"), T("c0@0"), T("c0@+1"), T("c0@+2")},
        {T("c1@-2"), T("c1@-1"), T("c1@0"), T("c1@+1"), T("c1@+2")},
        {T("c2@-2"), T("c2@-1"), T("c2@0"), T("c2@+1"), T("c2@+2")},
    }};
    const size_t levels = clusters_ == nullptr ? 0 : std::min<size_t>(clusters_->levels().size(), 3);
    auto cid = [&](long k, size_t level) -> uint64_t {
      if (k < 0) return 0x10000;
      if (k >= n) return 0x10001;
      const WordClusters::Entry* e = s.clusters[k];
      return e == nullptr ? WordClusters::kUnknown : e->id[level];
    };
    for (size_t l = 0; l < levels; ++l)
      for (long d = -2; d <= 2; ++d) out->AddId(kCl[l][d + 2], cid(j + d, l));
    if (levels >= 2) {
      out->AddId(T("c1@-1|c1"), cid(j - 1, 1) * 0x20000 + cid(j, 1));
      out->AddId(T("c1|c1@+1"), cid(j, 1) * 0x20000 + cid(j + 1, 1));
    }
    auto freq = [&](long k) -> uint64_t {
      if (k < 0 || k >= n) return 98;
      return s.clusters[k] == nullptr ? 99 : s.clusters[k]->freq;
    };
    out->AddId(T("f"), freq(j));
    out->AddId(T("f-1"), freq(j - 1));
    out->AddId(T("f+1"), freq(j + 1));
  }
  if (groups_ & kFeatPrior) {
    auto prior = [&](long k) -> uint64_t { return k < 0 || k >= n ? 255 : s.priors[k]; };
    out->AddId(T("pr"), prior(j));
    out->AddId(T("pr-1"), prior(j - 1));
    out->AddId(T("pr+1"), prior(j + 1));
    out->AddId(T("pr|pr+1"), prior(j) * 256 + prior(j + 1));
  }
}

void NerFeatureExtractor::Extract(std::span<const text::Token> toks, NerScratch* s) const {
  const uint32_t bounds[2] = {0, static_cast<uint32_t>(toks.size())};
  ExtractDocument(toks, bounds, s);
}

void NerFeatureExtractor::ExtractDocument(std::span<const text::Token> toks, std::span<const uint32_t> bounds,
                                          NerScratch* s) const {
  s->feats.clear();
  s->offsets.resize(toks.size() + 1);
  HashSink sink(&s->feats);
  // A token's own features depend on its text alone, and news text repeats
  // its words: each thread remembers them per distinct token.
  thread_local StringMemo<std::vector<uint64_t>> own_memo{16384};
  thread_local std::string key;
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    const std::span<const text::Token> sent = toks.subspan(bounds[k], bounds[k + 1] - bounds[k]);
    Prepare(sent, s);
    for (size_t i = 0; i < sent.size(); ++i) {
      s->offsets[bounds[k] + i] = static_cast<uint32_t>(s->feats.size());
      OwnKey(sent[i], groups_, &key);
      const std::vector<uint64_t>& own = own_memo.Get(key, [&](std::vector<uint64_t>* v) {
        v->clear();
        HashSink own_sink(v);
        Emit(sent, i, *s, &own_sink, kOwnPart);
      });
      s->feats.insert(s->feats.end(), own.begin(), own.end());
      Emit(sent, i, *s, &sink, kContextPart);
    }
  }
  s->offsets[toks.size()] = static_cast<uint32_t>(s->feats.size());
}

void NerFeatureExtractor::DocumentCodes(std::span<const text::Token> toks, std::span<const uint32_t> bounds,
                                        std::span<const int> tags, const std::vector<std::string>& labels,
                                        uint32_t window, NerScratch* s) {
  const size_t n = toks.size(), L = labels.size();
  s->doc_codes.assign(n, 0);
  // Entity type index of each label (0 for O), in order of first appearance.
  std::array<uint8_t, 64> type_of{};
  std::vector<std::string_view> types;
  for (size_t l = 1; l < L && l < type_of.size(); ++l) {
    const std::string_view t = std::string_view(labels[l]).substr(2);
    auto it = std::find(types.begin(), types.end(), t);
    if (it == types.end()) it = types.insert(types.end(), t);
    type_of[l] = static_cast<uint8_t>(it - types.begin() + 1);
  }
  // Every keyed token: (stem hash, sentence, token), sorted by key then position.
  auto& occ = s->occurrences;
  occ.clear();
  for (size_t k = 0; k + 1 < bounds.size(); ++k)
    for (uint32_t i = bounds[k]; i < bounds[k + 1]; ++i) {
      const text::Token& t = toks[i];
      if ((t.kind != text::TokenKind::kArabic && t.kind != text::TokenKind::kLatin) ||
          text::CountCodePoints(t.stem) < 2)
        continue;
      const uint64_t h = Fnv1a(t.stem);
      occ.push_back({static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(h), static_cast<uint32_t>(k), i});
    }
  std::sort(occ.begin(), occ.end());
  // Per group of equal keys, label counts over a sliding window of sentences.
  std::array<uint32_t, kMaxDocLabels> count{};
  for (size_t a = 0; a < occ.size();) {
    size_t b = a;
    while (b < occ.size() && occ[b][0] == occ[a][0] && occ[b][1] == occ[a][1]) ++b;
    size_t lo = a, hi = a;  // window [lo, hi) of members
    count.fill(0);
    for (size_t m = a; m < b; ++m) {
      const uint32_t sent = occ[m][2];
      while (hi < b && occ[hi][2] <= sent + window)
        ++count[std::min<size_t>(tags[occ[hi++][3]], kMaxDocLabels - 1)];
      while (occ[lo][2] + window < sent) --count[std::min<size_t>(tags[occ[lo++][3]], kMaxDocLabels - 1)];
      const size_t self = std::min<size_t>(tags[occ[m][3]], kMaxDocLabels - 1);
      const uint32_t others = static_cast<uint32_t>(hi - lo) - 1;
      uint16_t code = 1;  // no other occurrence
      if (others > 0) {
        std::array<uint32_t, 16> by_type{}, begins{};
        for (size_t l = 1; l < L && l < kMaxDocLabels; ++l) {
          const uint32_t c = count[l] - (l == self ? 1 : 0);
          by_type[type_of[l]] += c;
          if (labels[l][0] == 'B') begins[type_of[l]] += c;
        }
        size_t best = 1;
        for (size_t t = 2; t <= types.size() && t < by_type.size(); ++t)
          if (by_type[t] > by_type[best]) best = t;
        if (by_type[best] == 0) {
          code = 2;  // all O
        } else {
          code = static_cast<uint16_t>(3 + (best - 1) * 4 + (2 * by_type[best] >= others ? 2 : 0) +
                                       (2 * begins[best] >= by_type[best] ? 1 : 0));
        }
      }
      s->doc_codes[occ[m][3]] = code;
    }
    a = b;
  }
}

void NerFeatureExtractor::DocumentFeatures(std::span<const uint16_t> codes, std::span<const uint32_t> bounds,
                                           std::vector<uint64_t>* out) {
  out->clear();
  HashSink sink(out);
  constexpr uint64_t kEdge = 0xFFFF;
  for (size_t k = 0; k + 1 < bounds.size(); ++k)
    for (uint32_t i = bounds[k]; i < bounds[k + 1]; ++i) {
      const uint64_t prev = i > bounds[k] ? codes[i - 1] : kEdge;
      const uint64_t next = i + 1 < bounds[k + 1] ? codes[i + 1] : kEdge;
      sink.AddId(T("doc"), codes[i]);
      sink.AddId(T("doc-1"), prev);
      sink.AddId(T("doc+1"), next);
      sink.AddId(T("doc-1|doc"), prev * 0x10000 + codes[i]);
    }
}

std::string NerFeatureExtractor::DescribeDocumentCode(uint16_t code) {
  if (code == 0) return "none";
  if (code == 1) return "single";
  if (code == 2) return "O";
  const uint16_t c = code - 3;
  return "type" + std::to_string(c / 4 + 1) + ((c & 2) ? "|major" : "|minor") + ((c & 1) ? "|B" : "|I");
}

std::vector<std::string> NerFeatureExtractor::Describe(std::span<const text::Token> toks, size_t i) const {
  NerScratch s;
  Prepare(toks, &s);
  std::vector<std::string> names;
  NameSink sink(&names);
  if (i < toks.size()) Emit(toks, i, s, &sink);
  return names;
}

}  // namespace rasd::tag
