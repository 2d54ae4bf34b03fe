// BiLSTM-CRF over hashed feature bags (ner_lstm.h).
#include "tag/ner_lstm.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>

#include "core/hash.h"
#include "tag/ner_io.h"

namespace rasd::tag {
namespace {

constexpr float kForbidden = -1e4f;
constexpr uint32_t kMaxBits = 24, kMaxWidth = 1024, kMaxLabels = 32;

// tanh as a rational function on [-7.9, 7.9] (beyond, +-1 to float
// precision): the approximation Eigen uses, within a few ulp, and free of
// calls, so the loops over units vectorize. Training and tagging both use it.
__attribute__((always_inline)) inline float FastTanh(float x) {
  constexpr float kClamp = 7.90531110763549805f;
  x = x < -kClamp ? -kClamp : (x > kClamp ? kClamp : x);
  const float x2 = x * x;
  float p = -2.76076847742355e-16f;
  p = p * x2 + 2.00018790482477e-13f;
  p = p * x2 + -8.60467152213735e-11f;
  p = p * x2 + 5.12229709037114e-08f;
  p = p * x2 + 1.48572235717979e-05f;
  p = p * x2 + 6.37261928875436e-04f;
  p = p * x2 + 4.89352455891786e-03f;
  float q = 1.19825839466702e-06f;
  q = q * x2 + 1.18534705686654e-04f;
  q = q * x2 + 2.26843463243900e-03f;
  q = q * x2 + 4.89352518554385e-03f;
  return x * p / q;
}
__attribute__((always_inline)) inline float Sigmoid(float v) { return 0.5f + 0.5f * FastTanh(0.5f * v); }

// z[0, m) += w[j * m + r] * x[j] over j < k (w holds k columns of m). In
// blocks of 16 outputs kept in registers across all columns.
__attribute__((always_inline)) inline void AddMatVec(const float* __restrict w, const float* __restrict x,
                                                     size_t k, size_t m, float* __restrict z) {
  size_t r0 = 0;
  for (; r0 + 16 <= m; r0 += 16) {
    float acc[16];
    for (size_t q = 0; q < 16; ++q) acc[q] = z[r0 + q];
    for (size_t j = 0; j < k; ++j) {
      const float xj = x[j];
      const float* col = w + j * m + r0;
      for (size_t q = 0; q < 16; ++q) acc[q] += col[q] * xj;
    }
    for (size_t q = 0; q < 16; ++q) z[r0 + q] = acc[q];
  }
  for (size_t j = 0; j < k && r0 < m; ++j) {
    const float xj = x[j];
    const float* col = w + j * m;
    for (size_t r = r0; r < m; ++r) z[r] += col[r] * xj;
  }
}

// out[j] += sum_r w[j * m + r] * d[r] over j < k (the transpose product).
inline void AddMatTVec(const float* w, const float* d, size_t k, size_t m, float* out) {
  for (size_t j = 0; j < k; ++j) {
    const float* col = w + j * m;
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t r = 0;
    for (; r + 8 <= m; r += 8)
      for (size_t q = 0; q < 8; ++q) acc[q] += col[r + q] * d[r + q];
    float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; r < m; ++r) sum += col[r] * d[r];
    out[j] += sum;
  }
}

// g[j * m + r] += x[j] * d[r] (outer product).
inline void AddOuter(const float* x, const float* d, size_t k, size_t m, float* g) {
  for (size_t j = 0; j < k; ++j) {
    const float xj = x[j];
    if (xj == 0.0f) continue;
    float* col = g + j * m;
    for (size_t r = 0; r < m; ++r) col[r] += xj * d[r];
  }
}

// One LSTM step from z (pre-activations, overwritten with the gates i, f,
// g, o) and the previous cell state; writes the new cell and hidden state.
__attribute__((always_inline)) inline void LstmCell(float* __restrict z, const float* __restrict c_prev,
                                                    size_t H, float* __restrict c, float* __restrict h) {
  // Simple loops, one activation each, so that they vectorize.
  for (size_t r = 0; r < 2 * H; ++r) z[r] = Sigmoid(z[r]);
  for (size_t r = 2 * H; r < 3 * H; ++r) z[r] = FastTanh(z[r]);
  for (size_t r = 3 * H; r < 4 * H; ++r) z[r] = Sigmoid(z[r]);
  const float *i = z, *f = z + H, *g = z + 2 * H, *o = z + 3 * H;
  for (size_t u = 0; u < H; ++u) c[u] = f[u] * c_prev[u] + i[u] * g[u];
  for (size_t u = 0; u < H; ++u) h[u] = o[u] * FastTanh(c[u]);
}

double LogSumExp(const double* v, size_t n) {
  double m = v[0];
  for (size_t k = 1; k < n; ++k) m = std::max(m, v[k]);
  double s = 0;
  for (size_t k = 0; k < n; ++k) s += std::exp(v[k] - m);
  return m + std::log(s);
}

}  // namespace

LstmNer::LstmNer(const LstmDims& dims, uint32_t seed) : dims_(dims) {
  const size_t E = dims.emb, D = E + dims.vec, H = dims.hidden, L = dims.labels;
  emb_.assign((size_t{1} << dims.bits) * E, 0.0f);
  std::mt19937 rng(seed);
  auto uniform = [&](std::vector<float>* v, size_t n, float range) {
    std::uniform_real_distribution<float> u(-range, range);
    v->resize(n);
    for (float& x : *v) x = u(rng);
  };
  for (int d = 0; d < 2; ++d) {
    uniform(&wx_[d], D * 4 * H, std::sqrt(6.0f / static_cast<float>(D + 4 * H)));
    uniform(&wh_[d], H * 4 * H, std::sqrt(6.0f / static_cast<float>(H + 4 * H)));
    b_[d].assign(4 * H, 0.0f);
    for (size_t u = 0; u < H; ++u) b_[d][H + u] = 1.0f;  // forget gate: remember at first
  }
  uniform(&wo_, 2 * H * L, std::sqrt(6.0f / static_cast<float>(2 * H + L)));
  bo_.assign(L, 0.0f);
  trans_.assign((L + 1) * L, 0.0f);
}

template <typename Row>
void LstmNer::Forward(std::span<const uint32_t> slots, std::span<const uint32_t> offsets,
                      std::span<const uint64_t> stems, const Row& row, LstmScratch* s, float* emit) const {
  const size_t n = offsets.size() - 1, E = dims_.emb, D = E + dims_.vec, H = dims_.hidden, L = dims_.labels;
  s->x.assign(n * D, 0.0f);
  if (dims_.vec && stems.size() == n)
    for (size_t t = 0; t < n; ++t) AddVector(stems[t], &s->x[t * D + E]);
  for (size_t t = 0; t < n; ++t)
    for (uint32_t k = offsets[t]; k < offsets[t + 1]; ++k) {
      // Rows are scattered over the table: ask for one a few features ahead.
      if (k + 8 < offsets[n]) row.prefetch(slots[k + 8]);
      row(slots[k], &s->x[t * D]);
    }
  RunLstms(s->x.data(), n, &s->gates, &s->cells, &s->hidden, &s->z);
  for (size_t t = 0; t < n; ++t) {
    float* e = emit + t * L;
    std::copy(bo_.begin(), bo_.end(), e);
    AddMatVec(wo_.data(), &s->hidden[t * H], H, L, e);
    AddMatVec(wo_.data() + H * L, &s->hidden[(n + t) * H], H, L, e);
  }
}

void LstmNer::RunLstms(const float* x, size_t n, std::vector<float>* gates, std::vector<float>* cells,
                       std::vector<float>* hidden, std::vector<float>* zero) const {
  const size_t D = dims_.emb + dims_.vec, H = dims_.hidden;
  gates->resize(2 * n * 4 * H);
  cells->resize(2 * n * H);
  hidden->resize(2 * n * H);
  zero->assign(H, 0.0f);  // the cell state before the first token
  for (int d = 0; d < 2; ++d)
    for (size_t step = 0; step < n; ++step) {
      const size_t t = d == 0 ? step : n - 1 - step, prev = d == 0 ? t - 1 : t + 1;
      float* z = &(*gates)[(d * n + t) * 4 * H];
      std::copy(b_[d].begin(), b_[d].end(), z);
      AddMatVec(wx_[d].data(), x + t * D, D, 4 * H, z);
      if (step) AddMatVec(wh_[d].data(), &(*hidden)[(d * n + prev) * H], H, 4 * H, z);
      LstmCell(z, step ? &(*cells)[(d * n + prev) * H] : zero->data(), H, &(*cells)[(d * n + t) * H],
               &(*hidden)[(d * n + t) * H]);
    }
}

void LstmNer::Emissions(std::span<const uint32_t> slots, std::span<const uint32_t> offsets,
                        std::span<const uint64_t> stems, LstmScratch* s, float* emit) const {
  if (offsets.size() < 2) return;
  const size_t D = dims_.emb;  // the embedding rows' width
  const uint32_t mask = (1u << dims_.bits) - 1;
  struct QuantizedRows {
    const int8_t* q;
    const float* scale;
    size_t D;
    uint32_t mask;
    void prefetch(uint32_t slot) const {
      __builtin_prefetch(q + static_cast<size_t>(slot & mask) * D);
      __builtin_prefetch(scale + (slot & mask));
    }
    void operator()(uint32_t slot, float* __restrict x) const {
      slot &= mask;
      const int8_t* r = q + static_cast<size_t>(slot) * D;
      const float sc = scale[slot];
      for (size_t j = 0; j < D; ++j) x[j] += sc * static_cast<float>(r[j]);
    }
  };
  struct FloatRows {
    const float* e;
    size_t D;
    uint32_t mask;
    void prefetch(uint32_t slot) const { __builtin_prefetch(e + static_cast<size_t>(slot & mask) * D); }
    void operator()(uint32_t slot, float* __restrict x) const {
      const float* r = e + static_cast<size_t>(slot & mask) * D;
      for (size_t j = 0; j < D; ++j) x[j] += r[j];
    }
  };
  if (!emb_q_.empty())
    Forward(slots, offsets, stems, QuantizedRows{emb_q_.data(), emb_scale_.data(), D, mask}, s, emit);
  else
    Forward(slots, offsets, stems, FloatRows{emb_.data(), D, mask}, s, emit);
}

void LstmNer::AddVector(uint64_t stem, float* x) const {
  const long w = vectors_.Find(stem);
  if (w < 0) return;
  const size_t V = vectors_.dim;
  const int8_t* q = &vectors_.q[static_cast<size_t>(w) * V];
  const float sc = vectors_.scale[static_cast<size_t>(w)];
  for (size_t j = 0; j < V; ++j) x[j] += sc * static_cast<float>(q[j]);
}

void LstmNer::SetVectors(WordVectors vectors, uint32_t seed) {
  LstmDims dims = dims_;
  dims.vec = vectors.dim;
  LstmNer fresh(dims, seed);
  fresh.vectors_ = std::move(vectors);
  *this = std::move(fresh);
}

long WordVectors::Find(uint64_t key) const {
  const auto it = std::lower_bound(keys.begin(), keys.end(), key);
  return it != keys.end() && *it == key ? static_cast<long>(it - keys.begin()) : -1;
}

Result<WordVectors> WordVectors::LoadTsv(const std::string& path, size_t max_words) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open word vectors");
  std::string line;
  size_t lineno = 1;
  WordVectors out;
  if (!std::getline(in, line) || line.rfind("# dim ", 0) != 0)
    return Status::Corrupt(path + ":1: expected '# dim N'");
  out.dim = static_cast<uint32_t>(std::strtoul(line.c_str() + 6, nullptr, 10));
  if (out.dim == 0 || out.dim > kMaxWidth) return Status::Corrupt(path + ":1: bad vector width");
  std::vector<std::pair<uint64_t, std::vector<float>>> rows;
  std::vector<float> v(out.dim);
  while (rows.size() < max_words && std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0)
      return Status::Corrupt(path + ":" + std::to_string(lineno) + ": expected word<TAB>components");
    const char* p = line.c_str() + tab + 1;
    for (uint32_t j = 0; j < out.dim; ++j) {
      char* end = nullptr;
      v[j] = std::strtof(p, &end);
      if (end == p || !std::isfinite(v[j]))
        return Status::Corrupt(path + ":" + std::to_string(lineno) + ": expected " + std::to_string(out.dim) +
                               " numbers after the word");
      p = end;
    }
    rows.emplace_back(Fnv1a(std::string_view(line).substr(0, tab)), v);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  rows.erase(
      std::unique(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
      rows.end());
  for (const auto& [key, x] : rows) {
    float m = 0;
    for (float c : x) m = std::max(m, std::fabs(c));
    const float sc = m > 0 ? m / 127.0f : 0.0f;
    out.keys.push_back(key);
    out.scale.push_back(sc);
    for (float c : x) out.q.push_back(sc > 0 ? static_cast<int8_t>(std::lround(c / sc)) : 0);
  }
  return out;
}

void LstmNer::Quantize() {
  if (emb_.empty()) return;
  const size_t D = dims_.emb, rows = size_t{1} << dims_.bits;
  emb_q_.assign(rows * D, 0);
  emb_scale_.assign(rows, 0.0f);
  for (size_t r = 0; r < rows; ++r) {
    const float* e = &emb_[r * D];
    float m = 0;
    for (size_t j = 0; j < D; ++j) m = std::max(m, std::fabs(e[j]));
    if (m == 0) continue;
    const float sc = m / 127.0f;
    emb_scale_[r] = sc;
    for (size_t j = 0; j < D; ++j) emb_q_[r * D + j] = static_cast<int8_t>(std::lround(e[j] / sc));
  }
  emb_.clear();
  emb_.shrink_to_fit();
}

void LstmNer::Serialize(std::string* out) const {
  LstmNer q;
  const LstmNer* m = this;
  if (emb_q_.empty()) {
    q = *this;
    q.Quantize();
    m = &q;
  }
  ByteWriter w;
  w.Put<uint32_t>(dims_.bits);
  w.Put<uint32_t>(dims_.emb);
  w.Put<uint32_t>(dims_.hidden);
  w.Put<uint32_t>(dims_.labels);
  w.Put<uint32_t>(dims_.vec);
  if (dims_.vec) {
    w.Put<uint32_t>(static_cast<uint32_t>(m->vectors_.size()));
    w.PutBytes(m->vectors_.keys.data(), m->vectors_.keys.size() * sizeof(uint64_t));
    w.PutBytes(m->vectors_.scale.data(), m->vectors_.scale.size() * sizeof(float));
    w.PutBytes(m->vectors_.q.data(), m->vectors_.q.size());
  }
  w.PutBytes(m->emb_scale_.data(), m->emb_scale_.size() * sizeof(float));
  w.PutBytes(m->emb_q_.data(), m->emb_q_.size());
  auto floats = [&](const std::vector<float>& v) { w.PutBytes(v.data(), v.size() * sizeof(float)); };
  for (int d = 0; d < 2; ++d) {
    floats(m->wx_[d]);
    floats(m->wh_[d]);
    floats(m->b_[d]);
  }
  floats(m->wo_);
  floats(m->bo_);
  floats(m->trans_);
  out->append(w.buffer());
}

Result<LstmNer> LstmNer::Parse(std::string_view data) {
  ByteReader r(data);
  LstmDims d;
  if (!r.Get(&d.bits) || !r.Get(&d.emb) || !r.Get(&d.hidden) || !r.Get(&d.labels) || !r.Get(&d.vec))
    return Status::Corrupt("neural section: truncated header");
  if (d.bits == 0 || d.bits > kMaxBits || d.emb == 0 || d.emb > kMaxWidth || d.hidden == 0 ||
      d.hidden > kMaxWidth || d.labels == 0 || d.labels > kMaxLabels || d.vec > kMaxWidth)
    return Status::Corrupt("neural section: dimensions out of range");
  const size_t E = d.emb, D = E + d.vec, H = d.hidden, L = d.labels, rows = size_t{1} << d.bits;
  LstmNer m;
  m.dims_ = d;
  std::string_view v;
  if (d.vec) {
    uint32_t count = 0;
    if (!r.Get(&count) || r.remaining() / (sizeof(uint64_t) + sizeof(float) + d.vec) < count)
      return Status::Corrupt("neural section: truncated word vectors");
    WordVectors& wv = m.vectors_;
    wv.dim = d.vec;
    wv.keys.resize(count);
    wv.scale.resize(count);
    wv.q.resize(static_cast<size_t>(count) * d.vec);
    r.GetBytes(count * sizeof(uint64_t), &v);
    std::memcpy(wv.keys.data(), v.data(), v.size());
    r.GetBytes(count * sizeof(float), &v);
    std::memcpy(wv.scale.data(), v.data(), v.size());
    r.GetBytes(wv.q.size(), &v);
    std::memcpy(wv.q.data(), v.data(), v.size());
    if (!std::is_sorted(wv.keys.begin(), wv.keys.end()) ||
        !std::all_of(wv.scale.begin(), wv.scale.end(), [](float f) { return std::isfinite(f); }))
      return Status::Corrupt("neural section: bad word vectors");
  }
  const size_t need = rows * sizeof(float) + rows * E +
                      sizeof(float) * (2 * (D * 4 * H + H * 4 * H + 4 * H) + 2 * H * L + L + (L + 1) * L);
  if (r.remaining() != need) return Status::Corrupt("neural section: size does not match its dimensions");
  auto floats = [&](std::vector<float>* out, size_t n) {
    r.GetBytes(n * sizeof(float), &v);
    out->resize(n);
    std::memcpy(out->data(), v.data(), v.size());
  };
  floats(&m.emb_scale_, rows);
  r.GetBytes(rows * E, &v);
  m.emb_q_.resize(rows * E);
  std::memcpy(m.emb_q_.data(), v.data(), v.size());
  for (int k = 0; k < 2; ++k) {
    floats(&m.wx_[k], D * 4 * H);
    floats(&m.wh_[k], H * 4 * H);
    floats(&m.b_[k], 4 * H);
  }
  floats(&m.wo_, 2 * H * L);
  floats(&m.bo_, L);
  floats(&m.trans_, (L + 1) * L);
  auto finite = [](const std::vector<float>& x) {
    return std::all_of(x.begin(), x.end(), [](float f) { return std::isfinite(f); });
  };
  bool ok = finite(m.emb_scale_) && finite(m.wo_) && finite(m.bo_) && finite(m.trans_);
  for (int k = 0; k < 2; ++k) ok = ok && finite(m.wx_[k]) && finite(m.wh_[k]) && finite(m.b_[k]);
  if (!ok) return Status::Corrupt("neural section: a weight is not a finite number");
  return m;
}

double CrfLoss(const float* emit, size_t n, size_t L, const float* trans, const int* gold, float* demit,
               float* dtrans) {
  if (n == 0) return 0;
  std::vector<double> alpha(n * L), beta(n * L), tmp(L);
  for (size_t y = 0; y < L; ++y) alpha[y] = trans[L * L + y] + emit[y];
  for (size_t t = 1; t < n; ++t)
    for (size_t y = 0; y < L; ++y) {
      for (size_t p = 0; p < L; ++p) tmp[p] = alpha[(t - 1) * L + p] + trans[p * L + y];
      alpha[t * L + y] = LogSumExp(tmp.data(), L) + emit[t * L + y];
    }
  for (size_t y = 0; y < L; ++y) beta[(n - 1) * L + y] = 0;
  for (size_t t = n - 1; t-- > 0;)
    for (size_t y = 0; y < L; ++y) {
      for (size_t q = 0; q < L; ++q)
        tmp[q] = trans[y * L + q] + emit[(t + 1) * L + q] + beta[(t + 1) * L + q];
      beta[t * L + y] = LogSumExp(tmp.data(), L);
    }
  const double logz = LogSumExp(&alpha[(n - 1) * L], L);
  double gold_score = trans[L * L + gold[0]] + emit[gold[0]];
  for (size_t t = 1; t < n; ++t) gold_score += trans[gold[t - 1] * L + gold[t]] + emit[t * L + gold[t]];
  for (size_t t = 0; t < n; ++t)
    for (size_t y = 0; y < L; ++y)
      demit[t * L + y] += static_cast<float>(std::exp(alpha[t * L + y] + beta[t * L + y] - logz));
  for (size_t y = 0; y < L; ++y)
    dtrans[L * L + y] += static_cast<float>(std::exp(trans[L * L + y] + emit[y] + beta[y] - logz));
  for (size_t t = 1; t < n; ++t)
    for (size_t p = 0; p < L; ++p)
      for (size_t y = 0; y < L; ++y)
        dtrans[p * L + y] += static_cast<float>(
            std::exp(alpha[(t - 1) * L + p] + trans[p * L + y] + emit[t * L + y] + beta[t * L + y] - logz));
  for (size_t t = 0; t < n; ++t) demit[t * L + gold[t]] -= 1.0f;
  dtrans[L * L + gold[0]] -= 1.0f;
  for (size_t t = 1; t < n; ++t) dtrans[gold[t - 1] * L + gold[t]] -= 1.0f;
  return logz - gold_score;
}

// Training: per-sentence updates with dropout masks, backpropagation
// through time, Adam on the dense weights, row-wise Adagrad on the table.
class LstmTrainer {
 public:
  LstmTrainer(const LstmCorpus& c, const LstmTrainOptions& o)
      : c_(c), o_(o), m_(o.dims, o.seed), rng_(o.seed * 7919u + 17u) {
    if (o.vectors.size() > 0) m_.SetVectors(o.vectors, o.seed);
    const size_t L = o.dims.labels;
    forbid_.assign((L + 1) * L, 0.0f);
    if (o.allowed.size() == forbid_.size())
      for (size_t k = 0; k < forbid_.size(); ++k)
        if (!o.allowed[k]) forbid_[k] = kForbidden;
    params_ = {&m_.wx_[0], &m_.wh_[0], &m_.b_[0], &m_.wx_[1], &m_.wh_[1],
               &m_.b_[1],  &m_.wo_,    &m_.bo_,   &m_.trans_};
    for (auto* p : params_) {
      grads_.emplace_back(p->size(), 0.0f);
      adam_m_.emplace_back(p->size(), 0.0f);
      adam_v_.emplace_back(p->size(), 0.0f);
    }
    ada_.assign(size_t{1} << o.dims.bits, 0.0f);
    for (size_t k = 0; k < forbid_.size(); ++k)
      if (forbid_[k] != 0) m_.trans_[k] = kForbidden;
  }

  LstmNer Train() {
    std::vector<size_t> order(c_.bounds.size() - 1);
    std::iota(order.begin(), order.end(), 0);
    LstmNer best = m_;
    double best_score = -1;
    for (int epoch = 1; epoch <= o_.epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng_);
      double loss = 0;
      for (size_t s : order) loss += Learn(s);
      if (o_.progress)
        o_.progress("neural epoch " + std::to_string(epoch) + ": loss " +
                    std::to_string(loss / static_cast<double>(order.size())));
      const LstmNer* current = &m_;
      if (o_.average_from > 0 && epoch >= o_.average_from) {
        if (epoch == o_.average_from) {
          avg_ = m_;
        } else {
          const float w = 1.0f / static_cast<float>(epoch - o_.average_from + 1);
          auto mean = [w](std::vector<float>* a, const std::vector<float>& x) {
            for (size_t k = 0; k < a->size(); ++k) (*a)[k] += w * (x[k] - (*a)[k]);
          };
          mean(&avg_.emb_, m_.emb_);
          for (int d = 0; d < 2; ++d) {
            mean(&avg_.wx_[d], m_.wx_[d]);
            mean(&avg_.wh_[d], m_.wh_[d]);
            mean(&avg_.b_[d], m_.b_[d]);
          }
          mean(&avg_.wo_, m_.wo_);
          mean(&avg_.bo_, m_.bo_);
          mean(&avg_.trans_, m_.trans_);
          for (size_t k = 0; k < forbid_.size(); ++k)
            if (forbid_[k] != 0) avg_.trans_[k] = kForbidden;
        }
        current = &avg_;
      }
      if (o_.on_epoch) {
        const double score = o_.on_epoch(epoch, *current);
        if (score > best_score) {
          best_score = score;
          best = *current;
        }
      } else {
        best = *current;
      }
    }
    return best;
  }

 private:
  double Learn(size_t sidx) {
    const uint32_t b = c_.bounds[sidx], e = c_.bounds[sidx + 1];
    const size_t n = e - b, E = m_.dims_.emb, D = E + m_.dims_.vec, H = m_.dims_.hidden, L = m_.dims_.labels;
    if (n == 0) return 0;
    std::uniform_real_distribution<float> coin(0, 1);
    const float keep = 1.0f - o_.dropout, inv = keep > 0 ? 1.0f / keep : 0.0f;
    // Inputs: feature bags (identity features hidden at random), dropped out.
    first_.resize(n);
    kept_.assign(c_.offsets[e] - c_.offsets[b], 1);
    x_.assign(n * D, 0.0f);
    mx_.resize(n * D);
    for (size_t t = 0; t < n; ++t) {
      const uint32_t lo = c_.offsets[b + t], hi = c_.offsets[b + t + 1];
      first_[t] =
          lo + (o_.word_dropout > 0 && coin(rng_) < o_.word_dropout ? std::min(c_.identity, hi - lo) : 0);
      float* x = &x_[t * D];
      for (uint32_t k = first_[t]; k < hi; ++k) {
        if (o_.feature_dropout > 0) {
          kept_[k - c_.offsets[b]] = coin(rng_) >= o_.feature_dropout;
          if (!kept_[k - c_.offsets[b]]) continue;
        }
        const float* row = &m_.emb_[static_cast<size_t>(c_.slots[k]) * E];
        for (size_t j = 0; j < E; ++j) x[j] += row[j];
      }
      if (m_.dims_.vec && c_.stems.size() > b + t) m_.AddVector(c_.stems[b + t], x + E);
      for (size_t j = 0; j < D; ++j) {
        mx_[t * D + j] = coin(rng_) < keep ? inv : 0.0f;
        x[j] *= mx_[t * D + j];
      }
    }
    // The two LSTMs.
    m_.RunLstms(x_.data(), n, &gates_, &cells_, &hid_, &zero_);
    // Output layer on dropped-out [h_fwd; h_bwd].
    hcat_.resize(n * 2 * H);
    mh_.resize(n * 2 * H);
    emit_.assign(n * L, 0.0f);
    for (size_t t = 0; t < n; ++t) {
      for (size_t u = 0; u < H; ++u) {
        hcat_[t * 2 * H + u] = hid_[t * H + u];
        hcat_[t * 2 * H + H + u] = hid_[(n + t) * H + u];
      }
      for (size_t k = 0; k < 2 * H; ++k) {
        mh_[t * 2 * H + k] = coin(rng_) < keep ? inv : 0.0f;
        hcat_[t * 2 * H + k] *= mh_[t * 2 * H + k];
      }
      std::copy(m_.bo_.begin(), m_.bo_.end(), &emit_[t * L]);
      AddMatVec(m_.wo_.data(), &hcat_[t * 2 * H], 2 * H, L, &emit_[t * L]);
    }
    // CRF.
    for (auto& g : grads_) std::fill(g.begin(), g.end(), 0.0f);
    demit_.assign(n * L, 0.0f);
    std::vector<float>& dtrans = grads_[8];
    const double loss =
        CrfLoss(emit_.data(), n, L, m_.trans_.data(), &c_.gold[b], demit_.data(), dtrans.data());
    for (size_t k = 0; k < dtrans.size(); ++k)
      if (forbid_[k] != 0) dtrans[k] = 0;
    // Output layer.
    dh_.assign(n * 2 * H, 0.0f);
    for (size_t t = 0; t < n; ++t) {
      const float* de = &demit_[t * L];
      for (size_t y = 0; y < L; ++y) grads_[7][y] += de[y];
      AddOuter(&hcat_[t * 2 * H], de, 2 * H, L, grads_[6].data());
      AddMatTVec(m_.wo_.data(), de, 2 * H, L, &dh_[t * 2 * H]);
      for (size_t k = 0; k < 2 * H; ++k) dh_[t * 2 * H + k] *= mh_[t * 2 * H + k];
    }
    // Backpropagation through time.
    dx_.assign(n * D, 0.0f);
    dhn_.resize(H);
    dcn_.resize(H);
    dz_.resize(4 * H);
    for (int d = 0; d < 2; ++d) {
      std::vector<float>&gwx = grads_[3 * d], &gwh = grads_[3 * d + 1], &gb = grads_[3 * d + 2];
      std::fill(dhn_.begin(), dhn_.end(), 0.0f);
      std::fill(dcn_.begin(), dcn_.end(), 0.0f);
      for (size_t step = n; step-- > 0;) {
        const size_t t = d == 0 ? step : n - 1 - step, prev = d == 0 ? t - 1 : t + 1;
        const float* gt = &gates_[(d * n + t) * 4 * H];
        const float* c = &cells_[(d * n + t) * H];
        const float* cp = step ? &cells_[(d * n + prev) * H] : nullptr;
        for (size_t u = 0; u < H; ++u) {
          const float dh = dh_[t * 2 * H + d * H + u] + dhn_[u];
          const float i = gt[u], f = gt[H + u], g = gt[2 * H + u], o = gt[3 * H + u];
          const float tc = FastTanh(c[u]);
          const float dc = dh * o * (1 - tc * tc) + dcn_[u];
          dz_[3 * H + u] = dh * tc * o * (1 - o);
          dz_[H + u] = cp ? dc * cp[u] * f * (1 - f) : 0.0f;
          dz_[u] = dc * g * i * (1 - i);
          dz_[2 * H + u] = dc * i * (1 - g * g);
          dcn_[u] = dc * f;
        }
        for (size_t r = 0; r < 4 * H; ++r) gb[r] += dz_[r];
        AddOuter(&x_[t * D], dz_.data(), D, 4 * H, gwx.data());
        AddMatTVec(m_.wx_[d].data(), dz_.data(), D, 4 * H, &dx_[t * D]);
        std::fill(dhn_.begin(), dhn_.end(), 0.0f);
        if (step) {
          AddOuter(&hid_[(d * n + prev) * H], dz_.data(), H, 4 * H, gwh.data());
          AddMatTVec(m_.wh_[d].data(), dz_.data(), H, 4 * H, dhn_.data());
        }
      }
    }
    // Dense weights: clip, then Adam.
    double norm = 0;
    for (const auto& g : grads_)
      for (float v : g) norm += static_cast<double>(v) * v;
    norm = std::sqrt(norm);
    const float scale = norm > o_.clip ? static_cast<float>(o_.clip / norm) : 1.0f;
    ++step_;
    const float b1 = 0.9f, b2 = 0.999f;
    const float c1 = 1.0f - std::pow(b1, static_cast<float>(step_)),
                c2 = 1.0f - std::pow(b2, static_cast<float>(step_));
    const float lr = o_.lr * std::sqrt(c2) / c1;
    for (size_t p = 0; p < params_.size(); ++p) {
      std::vector<float>& w = *params_[p];
      const std::vector<float>& g = grads_[p];
      std::vector<float>&mm = adam_m_[p], &vv = adam_v_[p];
      for (size_t k = 0; k < w.size(); ++k) {
        const float gk = g[k] * scale;
        mm[k] = b1 * mm[k] + (1 - b1) * gk;
        vv[k] = b2 * vv[k] + (1 - b2) * gk * gk;
        w[k] -= lr * mm[k] / (std::sqrt(vv[k]) + 1e-8f);
      }
    }
    for (size_t k = 0; k < forbid_.size(); ++k)
      if (forbid_[k] != 0) m_.trans_[k] = kForbidden;
    // Embedding rows: Adagrad, one accumulator a row.
    for (size_t t = 0; t < n; ++t) {
      float* g = &dx_[t * D];
      double sq = 0;
      for (size_t j = 0; j < E; ++j) {
        g[j] *= mx_[t * D + j];
        sq += static_cast<double>(g[j]) * g[j];
      }
      if (sq == 0) continue;
      const float msq = static_cast<float>(sq / static_cast<double>(E));
      for (uint32_t k = first_[t]; k < c_.offsets[b + t + 1]; ++k) {
        if (!kept_[k - c_.offsets[b]]) continue;
        const uint32_t slot = c_.slots[k];
        ada_[slot] += msq;
        const float step = o_.emb_lr / std::sqrt(ada_[slot] + 1e-6f);
        float* row = &m_.emb_[static_cast<size_t>(slot) * E];
        for (size_t j = 0; j < E; ++j) row[j] -= step * g[j];
      }
    }
    return loss;
  }

  const LstmCorpus& c_;
  const LstmTrainOptions& o_;
  LstmNer m_, avg_;
  std::mt19937 rng_;
  std::vector<float> forbid_;
  std::vector<std::vector<float>*> params_;
  std::vector<std::vector<float>> grads_, adam_m_, adam_v_;
  std::vector<float> ada_;
  uint64_t step_ = 0;
  std::vector<uint32_t> first_;
  std::vector<uint8_t> kept_;  // features of the sentence not dropped
  std::vector<float> zero_;
  std::vector<float> x_, mx_, gates_, cells_, hid_, hcat_, mh_, emit_, demit_, dh_, dx_, dhn_, dcn_, dz_;
};

LstmNer TrainLstmNer(const LstmCorpus& train, const LstmTrainOptions& opts) {
  LstmTrainer trainer(train, opts);
  return trainer.Train();
}

}  // namespace rasd::tag
