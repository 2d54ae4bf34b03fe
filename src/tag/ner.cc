#include "tag/ner.h"

#include <zstd.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "tag/ner_io.h"
#include "tag/ner_propagate.h"

namespace rasd::tag {
namespace {

constexpr char kMagic[8] = {'R', 'A', 'S', 'D', 'N', 'E', 'R', '\0'};
constexpr float kForbidden = -1e30f;

bool IsLatin(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F); }

text::TokenKind KindOf(std::string_view norm) {
  size_t pos = 0;
  if (norm.empty()) return text::TokenKind::kSymbol;
  const char32_t cp = text::DecodeUtf8(norm, &pos);
  if (text::IsArabicLetter(cp)) return text::TokenKind::kArabic;
  if (cp >= '0' && cp <= '9') {
    while (pos < norm.size())
      if (IsLatin(text::DecodeUtf8(norm, &pos))) return text::TokenKind::kLatin;
    return text::TokenKind::kNumber;
  }
  if (IsLatin(cp)) return text::TokenKind::kLatin;
  return (cp < 0x80 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xAB || cp == 0xBB) ? text::TokenKind::kPunct
                                                                                   : text::TokenKind::kSymbol;
}

template <typename Words>
void PrepareWords(const Words& words, const text::Segmenter& seg, NerScratch* s) {
  // All strings first, then the views: growing `storage` would move them.
  s->storage.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) s->storage[i] = text::NormalizeString(words[i]);
  s->tokens.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    text::Token& t = s->tokens[i];
    t = text::Token();
    t.norm = s->storage[i];
    t.kind = KindOf(t.norm);
    seg.Segment(&t);
  }
}

}  // namespace

const std::vector<std::string>& NerLabels() {
  static const std::vector<std::string> kLabels = {"O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
                                                   "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};
  return kLabels;
}

NerTagger::NerTagger() : labels_(NerLabels()) {
  gaz_ = std::make_shared<Gazetteer>();
  clusters_ = std::make_shared<WordClusters>();
  NerStage st;
  st.weights.assign(labels_.size() << bits_, 0);
  st.trans.assign((labels_.size() + 1) * labels_.size(), 0.0f);
  stages_.push_back(std::move(st));
  FinishLabels();
}

void NerTagger::FinishLabels() {
  const size_t L = labels_.size();
  allowed_.assign((L + 1) * L, 1);
  for (size_t from = 0; from <= L; ++from)
    for (size_t to = 0; to < L; ++to) {
      const std::string& t = labels_[to];
      bool ok = true;
      if (t[0] == 'I') ok = from < L && labels_[from].size() > 2 && labels_[from].substr(2) == t.substr(2);
      allowed_[from * L + to] = ok;
      if (!ok)
        for (NerStage& st : stages_) st.trans[from * L + to] = kForbidden;
    }
  BuildJointTable();
}

std::string_view NerTagger::Type(int label) const {
  const std::string& l = labels_[label];
  return l.size() > 2 ? std::string_view(l).substr(2) : std::string_view();
}

bool NerTagger::Allowed(int from, int to) const {
  const size_t L = labels_.size();
  return allowed_[(from < 0 ? L : static_cast<size_t>(from)) * L + static_cast<size_t>(to)];
}

void NerTagger::set_neural(std::vector<std::shared_ptr<const LstmNer>> neural, float linear_weight) {
  neural_ = std::move(neural);
  linear_weight_ = linear_weight;
  mixed_trans_.clear();
  any_vectors_ = std::any_of(neural_.begin(), neural_.end(), [](const auto& m) { return m->dims().vec > 0; });
  if (neural_.empty()) return;
  const size_t L = labels_.size();
  const std::vector<float>& lin = stages_.back().trans;
  const float share = 1.0f / static_cast<float>(neural_.size());
  mixed_trans_.assign((L + 1) * L, kForbidden);
  for (size_t k = 0; k < mixed_trans_.size(); ++k) {
    if (!allowed_[k]) continue;
    float t = linear_weight_ != 0 ? linear_weight_ * lin[k] : 0.0f;
    for (const auto& m : neural_) t += share * m->transitions()[k];
    mixed_trans_[k] = t;
  }
}

size_t NerTagger::UsedSlots() const {
  const size_t L = labels_.size();
  size_t used = 0;
  for (const NerStage& st : stages_)
    for (size_t r = 0; r < st.weights.size(); r += L)
      for (size_t y = 0; y < L; ++y)
        if (st.weights[r + y] != 0) {
          ++used;
          break;
        }
  return used;
}

void NerTagger::BuildJointTable() {
  const size_t L = labels_.size(), S = stages_.size();
  joint_stride_ = static_cast<uint32_t>((S * L + 7) / 8 * 8);
  const size_t slots = size_t{1} << bits_;
  joint_.assign(slots * joint_stride_, 0);
  for (size_t st = 0; st < S; ++st) {
    const std::vector<int16_t>& w = stages_[st].weights;
    if (w.size() != slots * L) continue;  // defensive: an inconsistent stage scores 0
    for (size_t r = 0; r < slots; ++r)
      std::copy(w.begin() + r * L, w.begin() + (r + 1) * L, joint_.begin() + r * joint_stride_ + st * L);
  }
}

namespace {

// Sums, for each of `ntok` tokens, the joint rows rows[k] for k in
// [start, ends[i]) (ends[i - 1] .. ends[i] after the first) into
// out[i * 8C .. (i + 1) * 8C) as int32. The rows of a sentence are scattered
// over a table larger than the caches: prefetch a few rows ahead so the
// memory fetches overlap instead of queueing. A row of 8C int16 may straddle
// two cache lines: both are prefetched.
constexpr size_t kAhead = 32;

template <int C>
void SumRowsScalar(const int16_t* table, const uint32_t* rows, size_t start, const uint32_t* ends, size_t ntok,
                   size_t m, int32_t* out) {
  constexpr size_t R = 8 * C;
  size_t k = start;
  for (size_t i = 0; i < ntok; ++i) {
    int32_t acc[R] = {};
    for (const size_t stop = ends[i]; k < stop; ++k) {
      if (k + kAhead < m) {
        const int16_t* p = table + static_cast<size_t>(rows[k + kAhead]) * R;
        __builtin_prefetch(p);
        __builtin_prefetch(p + R - 1);
      }
      const int16_t* w = table + static_cast<size_t>(rows[k]) * R;
      for (size_t y = 0; y < R; ++y) acc[y] += w[y];
    }
    std::copy(acc, acc + R, out + i * R);
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RASD_NER_AVX2 1
template <int C>
__attribute__((target("avx2"))) void SumRowsAvx2(const int16_t* table, const uint32_t* rows, size_t start,
                                                  const uint32_t* ends, size_t ntok, size_t m, int32_t* out) {
  constexpr size_t R = 8 * C;
  size_t k = start;
  for (size_t i = 0; i < ntok; ++i) {
    __m256i acc[C];
    for (int c = 0; c < C; ++c) acc[c] = _mm256_setzero_si256();
    for (const size_t stop = ends[i]; k < stop; ++k) {
      if (k + kAhead < m) {
        const int16_t* p = table + static_cast<size_t>(rows[k + kAhead]) * R;
        __builtin_prefetch(p);
        __builtin_prefetch(p + R - 1);
      }
      const int16_t* w = table + static_cast<size_t>(rows[k]) * R;
      for (int c = 0; c < C; ++c)
        acc[c] = _mm256_add_epi32(
            acc[c], _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + 8 * c))));
    }
    for (int c = 0; c < C; ++c) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i * R + 8 * c), acc[c]);
  }
}

bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

template <int C>
void SumRows(const int16_t* table, const uint32_t* rows, size_t start, const uint32_t* ends, size_t ntok, size_t m,
             int32_t* out) {
#ifdef RASD_NER_AVX2
  if (HasAvx2()) return SumRowsAvx2<C>(table, rows, start, ends, ntok, m, out);
#endif
  SumRowsScalar<C>(table, rows, start, ends, ntok, m, out);
}

}  // namespace

namespace {

// One step of the Viterbi recursion for all labels, as the scalar loop
// defines it: for each label y the best previous label p (the first of equal
// scores, p ascending), cur[y] = best + emit[y].
void ViterbiStepScalar(const float* prev, const float* trans, const float* emit, size_t L, float* cur,
                       uint8_t* back) {
  for (size_t y = 0; y < L; ++y) {
    float best = -std::numeric_limits<float>::infinity();
    uint8_t arg = 0;
    for (size_t p = 0; p < L; ++p) {
      const float v = prev[p] + trans[p * L + y];
      if (v > best) best = v, arg = static_cast<uint8_t>(p);
    }
    cur[y] = best + emit[y];
    back[y] = arg;
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The same, eight labels at a time: the same additions and the same strict
// comparisons in the same order of p, so the same results bit for bit.
// `tpad` is trans with rows padded to `Lp` (a multiple of 8) columns.
__attribute__((target("avx2"))) void ViterbiStepAvx2(const float* prev, const float* tpad, const float* emit,
                                                     size_t L, size_t Lp, float* cur, uint8_t* back) {
  for (size_t y0 = 0; y0 < Lp; y0 += 8) {
    __m256 best = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
    __m256i arg = _mm256_setzero_si256();
    for (size_t p = 0; p < L; ++p) {
      const __m256 v = _mm256_add_ps(_mm256_set1_ps(prev[p]), _mm256_loadu_ps(tpad + p * Lp + y0));
      const __m256 gt = _mm256_cmp_ps(v, best, _CMP_GT_OQ);
      best = _mm256_blendv_ps(best, v, gt);
      arg = _mm256_blendv_epi8(arg, _mm256_set1_epi32(static_cast<int>(p)), _mm256_castps_si256(gt));
    }
    alignas(32) float b[8];
    alignas(32) int32_t a[8];
    _mm256_store_ps(b, best);
    _mm256_store_si256(reinterpret_cast<__m256i*>(a), arg);
    for (size_t k = 0; k < 8 && y0 + k < L; ++k) {
      cur[y0 + k] = b[k] + emit[y0 + k];
      back[y0 + k] = static_cast<uint8_t>(a[k]);
    }
  }
}
#endif

}  // namespace

void ViterbiDecode(const float* emit, size_t n, size_t L, const float* trans, NerScratch* s,
                   std::vector<int>* tags) {
  tags->assign(n, 0);
  if (n == 0) return;
  s->scores.resize(2 * L);
  s->back.resize(n * L);
  float* prev = s->scores.data();
  float* cur = prev + L;
  for (size_t y = 0; y < L; ++y) prev[y] = trans[L * L + y] + emit[y];
#ifdef RASD_NER_AVX2
  if (n > 1 && HasAvx2()) {
    const size_t Lp = (L + 7) / 8 * 8;
    thread_local std::vector<float> tpad;
    tpad.assign(L * Lp, 0.0f);
    for (size_t p = 0; p < L; ++p) std::copy(trans + p * L, trans + (p + 1) * L, tpad.begin() + p * Lp);
    for (size_t i = 1; i < n; ++i) {
      ViterbiStepAvx2(prev, tpad.data(), emit + i * L, L, Lp, cur, &s->back[i * L]);
      std::swap(prev, cur);
    }
  } else
#endif
  {
    for (size_t i = 1; i < n; ++i) {
      ViterbiStepScalar(prev, trans, emit + i * L, L, cur, &s->back[i * L]);
      std::swap(prev, cur);
    }
  }
  size_t y = 0;
  for (size_t k = 1; k < L; ++k)
    if (prev[k] > prev[y]) y = k;
  for (size_t i = n; i-- > 0;) {
    (*tags)[i] = static_cast<int>(y);
    if (i > 0) y = s->back[i * L + y];
  }
}

void NerTagger::SumJointRows(NerScratch* s, uint32_t begin, uint32_t end) const {
  const uint32_t* ends = s->offsets.data() + begin + 1;
  const size_t start = s->offsets[begin], m = s->rows.size(), ntok = end - begin;
  int32_t* out = s->sums.data() + static_cast<size_t>(begin) * joint_stride_;
  const int16_t* t = joint_.data();
  const uint32_t* rows = s->rows.data();
  // Up to 2 stages x 32 labels: 1 to 8 chunks of 8 int16.
  switch (joint_stride_ / 8) {
    case 1: return SumRows<1>(t, rows, start, ends, ntok, m, out);
    case 2: return SumRows<2>(t, rows, start, ends, ntok, m, out);
    case 3: return SumRows<3>(t, rows, start, ends, ntok, m, out);
    case 4: return SumRows<4>(t, rows, start, ends, ntok, m, out);
    case 5: return SumRows<5>(t, rows, start, ends, ntok, m, out);
    case 6: return SumRows<6>(t, rows, start, ends, ntok, m, out);
    case 7: return SumRows<7>(t, rows, start, ends, ntok, m, out);
    default: return SumRows<8>(t, rows, start, ends, ntok, m, out);
  }
}

const float* NerTagger::MixNeural(std::span<const text::Token> toks, uint32_t b, uint32_t e,
                                  NerScratch* s) const {
  const size_t L = labels_.size(), n = e - b;
  for (size_t k = 0; k < n * L; ++k) s->emit[k] *= linear_weight_;
  const float share = 1.0f / static_cast<float>(neural_.size());
  s->neural_offsets.resize(n + 1);
  for (uint32_t i = b; i <= e; ++i) s->neural_offsets[i - b] = s->offsets[i] - s->offsets[b];
  s->neural_slots.resize(s->offsets[e] - s->offsets[b]);
  s->neural_emit.resize(n * L);
  s->neural_stems.clear();  // read only by scorers with word vectors
  if (any_vectors_)
    for (uint32_t i = b; i < e; ++i) s->neural_stems.push_back(Fnv1a(toks[i].stem));
  for (const auto& m : neural_) {
    const uint32_t nbits = m->dims().bits;
    for (uint32_t k = s->offsets[b]; k < s->offsets[e]; ++k)
      s->neural_slots[k - s->offsets[b]] = NerSlot(s->feats[k], nbits);
    m->Emissions(s->neural_slots, s->neural_offsets, s->neural_stems, &s->lstm, s->neural_emit.data());
    for (size_t k = 0; k < n * L; ++k) s->emit[k] += share * s->neural_emit[k];
  }
  return mixed_trans_.data();
}

void NerTagger::TagDocument(const NerDocument& doc, NerScratch* s, std::vector<int>* tags) const {
  const size_t n = doc.tokens.size(), L = labels_.size(), R = joint_stride_;
  tags->assign(n, 0);
  if (n == 0 || doc.bounds.size() < 2) return;
  extractor().ExtractDocument(doc.tokens, doc.bounds, s);
  // Each feature's slot once, and its weights for both stages in one fetch:
  // the second stage scores the same sentence features plus four document
  // features a token, so its sums start from what the first pass collected.
  // Integer sums are exact, so the scores equal per-stage summation.
  s->rows.resize(s->feats.size());
  for (size_t k = 0; k < s->feats.size(); ++k) s->rows[k] = NerSlot(s->feats[k], bits_);
  s->sums.resize(n * R);
  std::vector<int>& path = s->first_tags;  // one sentence's path
  const NerStage& st0 = stages_[0];
  for (size_t k = 0; k + 1 < doc.bounds.size(); ++k) {
    const uint32_t b = doc.bounds[k], e = doc.bounds[k + 1];
    if (e <= b) continue;
    SumJointRows(s, b, e);
    s->emit.resize(static_cast<size_t>(e - b) * L);
    for (uint32_t i = b; i < e; ++i)
      for (size_t y = 0; y < L; ++y)
        s->emit[(i - b) * L + y] = static_cast<float>(s->sums[i * R + y]) * st0.scale;
    const float* trans = st0.trans.data();
    if (!neural_.empty() && stages_.size() == 1) trans = MixNeural(doc.tokens, b, e, s);
    ViterbiDecode(s->emit.data(), e - b, L, trans, s, &path);
    std::copy(path.begin(), path.end(), tags->begin() + b);
  }
  if (stages_.size() >= 2) TagDocumentStage(doc, s, tags);
  if (propagate_) PropagateEntities(doc.tokens, doc.bounds, labels_, kPropagateWindow, s, tags);
}

void NerTagger::TagDocumentStage(const NerDocument& doc, NerScratch* s, std::vector<int>* tags) const {
  const size_t L = labels_.size(), R = joint_stride_;
  std::vector<int>& path = s->first_tags;  // one sentence's path
  NerFeatureExtractor::DocumentCodes(doc.tokens, doc.bounds, *tags, labels_, doc_window_, s);
  NerFeatureExtractor::DocumentFeatures(s->doc_codes, doc.bounds, &s->doc_feats);
  const NerStage& st1 = stages_[1];
  constexpr uint32_t kExtra = NerFeatureExtractor::kDocFeaturesPerToken;
  for (size_t k = 0; k + 1 < doc.bounds.size(); ++k) {
    const uint32_t b = doc.bounds[k], e = doc.bounds[k + 1];
    if (e <= b) continue;
    s->emit.resize(static_cast<size_t>(e - b) * L);
    for (uint32_t i = b; i < e; ++i) {
      int32_t acc[kMaxNerLabels];
      std::copy(s->sums.begin() + i * R + L, s->sums.begin() + i * R + 2 * L, acc);
      for (uint32_t x = 0; x < kExtra; ++x) {
        const int16_t* w =
            joint_.data() + static_cast<size_t>(NerSlot(s->doc_feats[static_cast<size_t>(i) * kExtra + x], bits_)) * R + L;
        for (size_t y = 0; y < L; ++y) acc[y] += w[y];
      }
      for (size_t y = 0; y < L; ++y) s->emit[(i - b) * L + y] = static_cast<float>(acc[y]) * st1.scale;
    }
    ViterbiDecode(s->emit.data(), e - b, L,
                  !neural_.empty() ? MixNeural(doc.tokens, b, e, s) : st1.trans.data(), s, &path);
    std::copy(path.begin(), path.end(), tags->begin() + b);
  }
}

void NerTagger::Tag(std::span<const text::Token> toks, NerScratch* s, std::vector<int>* tags) const {
  const uint32_t bounds[2] = {0, static_cast<uint32_t>(toks.size())};
  TagDocument(NerDocument{toks, bounds}, s, tags);
}

void NerTagger::Tag(const std::vector<std::string_view>& words, std::vector<int>* tags) const {
  thread_local NerScratch scratch;
  PrepareTokens(std::span<const std::string_view>(words), segmenter_, &scratch);
  Tag(scratch.tokens, &scratch, tags);
}

void PrepareTokens(std::span<const std::string> words, const text::Segmenter& seg, NerScratch* scratch) {
  PrepareWords(words, seg, scratch);
}
void PrepareTokens(std::span<const std::string_view> words, const text::Segmenter& seg, NerScratch* scratch) {
  PrepareWords(words, seg, scratch);
}

// ---- Model file -------------------------------------------------------------

NerTagger NerModelBuilder::Build(uint32_t bits, uint32_t doc_window, std::shared_ptr<const Gazetteer> gaz,
                                 std::shared_ptr<const WordClusters> clusters,
                                 const std::vector<FloatStage>& stages) {
  NerTagger m;
  m.bits_ = bits;
  m.doc_window_ = doc_window;
  m.gaz_ = std::move(gaz);
  m.clusters_ = std::move(clusters);
  m.stages_.clear();
  for (const FloatStage& fs : stages) {
    NerStage st;
    st.groups = fs.groups;
    float maxabs = 1e-12f;
    for (float x : fs.weights) maxabs = std::max(maxabs, std::fabs(x));
    st.scale = maxabs / 32767.0f;
    st.weights.resize(fs.weights.size());
    for (size_t k = 0; k < fs.weights.size(); ++k)
      st.weights[k] = static_cast<int16_t>(std::lround(fs.weights[k] / st.scale));
    st.trans = fs.trans;
    m.stages_.push_back(std::move(st));
  }
  m.FinishLabels();
  return m;
}

std::string NerTagger::Serialize() const {
  ByteWriter w;
  w.PutBytes(kMagic, sizeof kMagic);
  w.Put<uint32_t>(kFormatVersion);
  w.Put<uint32_t>(bits_);
  w.Put<uint32_t>(doc_window_);
  w.Put<uint32_t>(static_cast<uint32_t>(labels_.size()));
  for (const auto& l : labels_) w.PutString(l);
  w.Put<uint32_t>(static_cast<uint32_t>(stages_.size()));
  for (const NerStage& st : stages_) {
    w.Put<uint32_t>(st.groups);
    for (float t : st.trans) w.Put<float>(t <= kForbidden ? 0.0f : t);
    w.Put<float>(st.scale);
    const size_t raw = st.weights.size() * sizeof(int16_t);
    std::string packed(ZSTD_compressBound(raw), '\0');
    const size_t z = ZSTD_compress(packed.data(), packed.size(), st.weights.data(), raw, 12);
    packed.resize(ZSTD_isError(z) ? 0 : z);
    w.Put<uint64_t>(raw);
    w.Put<uint64_t>(packed.size());
    w.PutBytes(packed.data(), packed.size());
  }
  ByteWriter section;
  gaz_->Serialize(&section);
  w.Put<uint64_t>(section.buffer().size());
  w.PutBytes(section.buffer().data(), section.buffer().size());
  section.buffer().clear();
  clusters_->Serialize(&section);
  w.Put<uint64_t>(section.buffer().size());
  w.PutBytes(section.buffer().data(), section.buffer().size());
  // Version 4: the neural scorers, each zstd-compressed.
  w.Put<uint32_t>(static_cast<uint32_t>(neural_.size()));
  for (const auto& m : neural_) {
    std::string neural;
    m->Serialize(&neural);
    std::string packed(ZSTD_compressBound(neural.size()), '\0');
    const size_t z = ZSTD_compress(packed.data(), packed.size(), neural.data(), neural.size(), 12);
    packed.resize(ZSTD_isError(z) ? 0 : z);
    w.Put<uint64_t>(neural.size());
    w.Put<uint64_t>(packed.size());
    w.PutBytes(packed.data(), packed.size());
  }
  w.Put<float>(linear_weight_);
  w.Put<uint64_t>(Fnv1a(w.buffer()));
  return std::move(w.buffer());
}

Status NerTagger::Save(const std::string& path) const {
  const std::string bytes = Serialize();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::IoError(path + ": cannot write NER model");
  return Status::Ok();
}

Result<NerTagger> NerTagger::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open NER model");
  // In blocks (a character at a time, 3 MB took about 15 instructions a byte).
  std::string data;
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0)
    data.append(block, static_cast<size_t>(in.gcount()));
  if (in.bad()) return Status::IoError(path + ": cannot read NER model");
  return FromBytes(data, path);
}

Result<NerTagger> NerTagger::FromBytes(std::string_view data, const std::string& name) {
  auto corrupt = [&](const std::string& why) { return Status::Corrupt(name + ": " + why); };
  if (data.size() < sizeof kMagic + 4 || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    return corrupt("not a rasd NER model (bad magic)");
  uint32_t version = 0;
  std::memcpy(&version, data.data() + sizeof kMagic, 4);
  if (version != kFormatVersion && version != 3)
    return Status::Unsupported(name + ": NER model format version " + std::to_string(version) +
                               ", this rasd reads versions 3 and " + std::to_string(kFormatVersion) +
                               " (retrain with `rasd train ner`)");
  if (data.size() < sizeof kMagic + 4 + 8) return corrupt("truncated NER model");
  uint64_t sum = 0;
  std::memcpy(&sum, data.data() + data.size() - 8, 8);
  if (Fnv1a(data.substr(0, data.size() - 8)) != sum)
    return corrupt("checksum mismatch (truncated or damaged NER model)");

  ByteReader r(data.substr(sizeof kMagic + 4, data.size() - 8 - sizeof kMagic - 4));
  NerTagger m;
  uint32_t bits = 0, window = 0, nlabels = 0, nstages = 0;
  if (!r.Get(&bits) || !r.Get(&window) || !r.Get(&nlabels)) return corrupt("truncated header");
  if (bits < 4 || bits > 26) return corrupt("hash bits " + std::to_string(bits) + " out of range");
  if (nlabels < 3 || nlabels > kMaxNerLabels) return corrupt("bad label count");
  m.labels_.assign(nlabels, "");
  for (auto& l : m.labels_)
    if (!r.GetString(&l, 64)) return corrupt("truncated label table");
  if (m.labels_[0] != "O") return corrupt("first label must be O");
  for (size_t i = 1; i < m.labels_.size(); ++i) {
    const std::string& l = m.labels_[i];
    if (l.size() < 3 || (l[0] != 'B' && l[0] != 'I') || l[1] != '-') return corrupt("bad label '" + l + "'");
  }
  m.bits_ = bits;
  m.doc_window_ = window;
  if (!r.Get(&nstages) || nstages < 1 || nstages > 2) return corrupt("bad stage count");
  m.stages_.assign(nstages, NerStage());
  for (uint32_t k = 0; k < nstages; ++k) {
    NerStage& st = m.stages_[k];
    const uint32_t allowed = k == 0 ? kFeatSentence : kFeatSentence | kFeatDocument;
    if (!r.Get(&st.groups) || (st.groups & ~allowed)) return corrupt("unknown feature groups");
    st.trans.assign((nlabels + 1) * nlabels, 0.0f);
    for (float& t : st.trans)
      if (!r.Get(&t) || !std::isfinite(t)) return corrupt("bad transition weights");
    uint64_t raw = 0, packed = 0;
    std::string_view blob;
    if (!r.Get(&st.scale) || !std::isfinite(st.scale) || !r.Get(&raw) || !r.Get(&packed) ||
        !r.GetBytes(packed, &blob))
      return corrupt("truncated weights");
    if (raw != (static_cast<uint64_t>(nlabels) << bits) * sizeof(int16_t))
      return corrupt("weight table size mismatch");
    st.weights.resize(raw / sizeof(int16_t));
    const size_t got = ZSTD_decompress(st.weights.data(), raw, blob.data(), blob.size());
    if (ZSTD_isError(got) || got != raw) return corrupt("cannot decompress the weights");
  }
  if (nstages == 2 && (m.stages_[1].groups & ~kFeatDocument) != m.stages_[0].groups)
    return corrupt("the stages' feature groups disagree");
  std::string_view section;
  uint64_t size = 0;
  auto gaz = std::make_shared<Gazetteer>();
  if (!r.Get(&size) || !r.GetBytes(size, &section)) return corrupt("truncated gazetteer");
  ByteReader gr(section);
  if (!gaz->Parse(&gr) || gr.remaining() != 0) return corrupt("bad gazetteer section");
  auto clusters = std::make_shared<WordClusters>();
  if (!r.Get(&size) || !r.GetBytes(size, &section)) return corrupt("truncated word clusters");
  ByteReader cr(section);
  if (!clusters->Parse(&cr) || cr.remaining() != 0) return corrupt("bad word-cluster section");
  std::vector<std::shared_ptr<const LstmNer>> neural;
  float linear_weight = 1.0f;
  if (version >= 4) {
    uint32_t count = 0;
    if (!r.Get(&count) || count > 16) return corrupt("bad neural scorer count");
    for (uint32_t k = 0; k < count; ++k) {
      uint64_t raw = 0, packed = 0;
      std::string_view blob;
      if (!r.Get(&raw) || !r.Get(&packed) || !r.GetBytes(packed, &blob))
        return corrupt("truncated neural section");
      // Bounded before anything is allocated: the frame must announce the
      // same size, and no scorer the loader accepts comes near 256 MB.
      if (raw == 0 || raw > (uint64_t{1} << 28) || ZSTD_getFrameContentSize(blob.data(), blob.size()) != raw)
        return corrupt("bad neural section size");
      std::string bytes(raw, '\0');
      const size_t got = ZSTD_decompress(bytes.data(), raw, blob.data(), blob.size());
      if (ZSTD_isError(got) || got != raw) return corrupt("cannot decompress the neural section");
      auto parsed = LstmNer::Parse(bytes);
      if (!parsed.ok()) return corrupt(parsed.status().message());
      if (parsed.value().dims().labels != nlabels) return corrupt("neural section: label count differs");
      neural.push_back(std::make_shared<LstmNer>(std::move(parsed.value())));
    }
    if (!r.Get(&linear_weight)) return corrupt("truncated neural section");
    if (!std::isfinite(linear_weight) || linear_weight < 0 || linear_weight > 1e3f)
      return corrupt("bad linear weight of the neural mix");
  }
  if (r.remaining() != 0) return corrupt("trailing bytes before the checksum");
  m.gaz_ = std::move(gaz);
  m.clusters_ = std::move(clusters);
  m.FinishLabels();
  if (!neural.empty()) m.set_neural(std::move(neural), linear_weight);
  return m;
}

// ---- Pipeline integration -----------------------------------------------

void AppendEntityMentions(const NerTagger& ner, const Document& /*doc*/, const Workspace& ws,
                          std::vector<Mention>* out) {
  thread_local NerScratch scratch;
  thread_local std::vector<uint32_t> bounds;
  thread_local std::vector<int> tags;
  // Sentences are consecutive runs of ws.tokens; the document is tagged as a whole.
  bounds.clear();
  for (const Sentence& s : ws.sentences) {
    if (s.tok_end <= s.tok_begin) continue;
    if (bounds.empty()) bounds.push_back(s.tok_begin);
    if (s.tok_begin != bounds.back()) bounds.push_back(s.tok_begin);  // defensive: skip a gap
    bounds.push_back(s.tok_end);
  }
  if (bounds.size() < 2) return;
  const uint32_t first = bounds.front();
  for (auto& b : bounds) b -= first;
  const std::span<const text::Token> toks(ws.tokens.data() + first, bounds.back());
  ner.TagDocument(NerDocument{toks, bounds}, &scratch, &tags);
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    for (size_t i = bounds[k]; i < bounds[k + 1];) {
      if (tags[i] == 0) {
        ++i;
        continue;
      }
      const std::string_view type = ner.Type(tags[i]);
      size_t j = i + 1;
      while (j < bounds[k + 1] && !ner.IsBegin(tags[j]) && ner.Type(tags[j]) == type) ++j;
      Mention m;
      m.kind = MentionKind::kEntity;
      m.span = Span{toks[i].span.begin, toks[j - 1].span.end};
      m.type = std::string(type);
      m.rule = "ner";
      out->push_back(std::move(m));
      i = j;
    }
  }
}

}  // namespace rasd::tag
