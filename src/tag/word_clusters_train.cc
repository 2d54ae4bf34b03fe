#include "tag/word_clusters_train.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <random>
#include <thread>

namespace rasd::tag {
namespace {

constexpr uint32_t kBreak = UINT32_MAX;

// word2vec's linear congruential generator: fast and reproducible.
struct Lcg {
  uint64_t s;
  uint64_t Next() { return s = s * 25214903917ull + 11; }
  float Uniform() { return static_cast<float>((Next() >> 16) & 0xFFFF) / 65536.0f; }
};

}  // namespace

void WordClusterTrainer::AddText(std::span<const std::string_view> words) {
  for (std::string_view w : words) {
    auto [it, added] = ids_.try_emplace(std::string(w), static_cast<uint32_t>(words_.size()));
    if (added) {
      words_.emplace_back(w);
      counts_.push_back(0);
    }
    ++counts_[it->second];
    stream_.push_back(it->second);
  }
  stream_.push_back(kBreak);
}

void WordClusterTrainer::TrainVectors(const std::function<void(const std::string&)>& progress) {
  const size_t V = vocab_.size(), D = static_cast<size_t>(opts_.dim);
  std::vector<uint32_t> local(words_.size(), kBreak);  // word id -> vocab index
  for (size_t v = 0; v < V; ++v) local[vocab_[v]] = static_cast<uint32_t>(v);
  // The corpus as vocabulary indices; rare words dropped, text breaks kept.
  std::vector<uint32_t> seq;
  seq.reserve(stream_.size());
  uint64_t total = 0;
  for (uint32_t id : stream_) {
    if (id == kBreak) {
      seq.push_back(kBreak);
    } else if (local[id] != kBreak) {
      seq.push_back(local[id]);
      ++total;
    }
  }
  // Negative-sampling table over counts^0.75.
  std::vector<uint32_t> table(1 << 22);
  {
    double norm = 0;
    for (uint32_t w : vocab_) norm += std::pow(static_cast<double>(counts_[w]), 0.75);
    size_t v = 0;
    double cum = std::pow(static_cast<double>(counts_[vocab_[0]]), 0.75) / norm;
    for (size_t i = 0; i < table.size(); ++i) {
      table[i] = static_cast<uint32_t>(v);
      if (static_cast<double>(i + 1) / table.size() > cum && v + 1 < V) {
        ++v;
        cum += std::pow(static_cast<double>(counts_[vocab_[v]]), 0.75) / norm;
      }
    }
  }
  std::vector<float> keep(V);  // subsampling: probability of keeping each word
  for (size_t v = 0; v < V; ++v) {
    const double f = static_cast<double>(counts_[vocab_[v]]), t = opts_.sample * total;
    keep[v] = static_cast<float>(std::min(1.0, (std::sqrt(f / t) + 1) * t / f));
  }
  constexpr int kSigTable = 1000;
  constexpr float kMaxExp = 6;
  std::vector<float> sig(kSigTable);
  for (int i = 0; i < kSigTable; ++i) {
    const float x = std::exp((static_cast<float>(i) / kSigTable * 2 - 1) * kMaxExp);
    sig[i] = x / (x + 1);
  }
  Lcg rng{opts_.seed};
  std::vector<float> in(V * D), out(V * D, 0.0f), grad(D);
  for (auto& x : in) x = (rng.Uniform() - 0.5f) / static_cast<float>(D);
  const uint64_t steps = static_cast<uint64_t>(opts_.epochs) * seq.size();
  uint64_t step = 0;
  std::vector<uint32_t> sent;
  for (int epoch = 0; epoch < opts_.epochs; ++epoch) {
    size_t pos = 0;
    while (pos < seq.size()) {
      // One text (up to the next break), subsampled.
      sent.clear();
      for (; pos < seq.size() && seq[pos] != kBreak; ++pos, ++step)
        if (keep[seq[pos]] >= 1 || keep[seq[pos]] > rng.Uniform()) sent.push_back(seq[pos]);
      ++pos;
      const float alpha = std::max(opts_.alpha * 1e-4f, opts_.alpha * (1 - static_cast<float>(step) / steps));
      for (size_t i = 0; i < sent.size(); ++i) {
        const int b = static_cast<int>(rng.Next() % opts_.window);
        for (int d = -opts_.window + b; d <= opts_.window - b; ++d) {
          const long c = static_cast<long>(i) + d;
          if (d == 0 || c < 0 || c >= static_cast<long>(sent.size())) continue;
          float* vin = &in[sent[c] * D];
          std::fill(grad.begin(), grad.end(), 0.0f);
          for (int k = 0; k <= opts_.negative; ++k) {
            uint32_t target;
            float label;
            if (k == 0) {
              target = sent[i], label = 1;
            } else {
              target = table[(rng.Next() >> 16) % table.size()];
              if (target == sent[i]) continue;
              label = 0;
            }
            float* vout = &out[target * D];
            float dot = 0;
            for (size_t j = 0; j < D; ++j) dot += vin[j] * vout[j];
            const float p = dot > kMaxExp ? 1 : dot < -kMaxExp ? 0 : sig[static_cast<int>((dot + kMaxExp) * (kSigTable / kMaxExp / 2))];
            const float g = (label - p) * alpha;
            for (size_t j = 0; j < D; ++j) grad[j] += g * vout[j];
            for (size_t j = 0; j < D; ++j) vout[j] += g * vin[j];
          }
          for (size_t j = 0; j < D; ++j) vin[j] += grad[j];
        }
      }
    }
    if (progress) progress("word vectors: epoch " + std::to_string(epoch + 1) + " of " + std::to_string(opts_.epochs));
  }
  for (size_t v = 0; v < V; ++v) {
    float n = 0;
    for (size_t j = 0; j < D; ++j) n += in[v * D + j] * in[v * D + j];
    n = n > 0 ? 1 / std::sqrt(n) : 0;
    for (size_t j = 0; j < D; ++j) in[v * D + j] *= n;
  }
  vectors_ = std::move(in);
}

std::vector<uint16_t> WordClusterTrainer::KMeans(uint32_t k, uint32_t seed) const {
  const size_t V = vocab_.size(), D = static_cast<size_t>(opts_.dim);
  k = static_cast<uint32_t>(std::min<size_t>(k, V));
  std::mt19937_64 rng(seed);
  // k-means++ seeding (cosine distance on unit vectors: 1 - dot).
  std::vector<float> centers(k * D), dist(V, 2.0f);
  auto dot = [&](const float* a, const float* b) {
    float s = 0;
    for (size_t j = 0; j < D; ++j) s += a[j] * b[j];
    return s;
  };
  size_t first = rng() % V;
  std::copy_n(&vectors_[first * D], D, &centers[0]);
  for (uint32_t c = 1; c < k; ++c) {
    double sum = 0;
    const float* prev = &centers[(c - 1) * D];
    for (size_t v = 0; v < V; ++v) {
      dist[v] = std::min(dist[v], std::max(0.0f, 1 - dot(&vectors_[v * D], prev)));
      sum += static_cast<double>(dist[v]) * dist[v];
    }
    double r = std::uniform_real_distribution<double>(0, sum)(rng);
    size_t pick = V - 1;
    for (size_t v = 0; v < V; ++v) {
      r -= static_cast<double>(dist[v]) * dist[v];
      if (r <= 0) {
        pick = v;
        break;
      }
    }
    std::copy_n(&vectors_[pick * D], D, &centers[c * D]);
  }
  std::vector<uint16_t> assign(V, 0);
  const int threads = std::max(1, opts_.threads);
  for (int it = 0; it < opts_.kmeans_iterations; ++it) {
    auto work = [&](size_t lo, size_t hi) {
      for (size_t v = lo; v < hi; ++v) {
        float best = -2;
        uint16_t arg = 0;
        for (uint32_t c = 0; c < k; ++c) {
          const float s = dot(&vectors_[v * D], &centers[c * D]);
          if (s > best) best = s, arg = static_cast<uint16_t>(c);
        }
        assign[v] = arg;
      }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, V * t / threads, V * (t + 1) / threads);
    for (auto& th : pool) th.join();
    std::vector<double> sum(k * D, 0.0);
    std::vector<size_t> n(k, 0);
    for (size_t v = 0; v < V; ++v) {
      ++n[assign[v]];
      for (size_t j = 0; j < D; ++j) sum[assign[v] * D + j] += vectors_[v * D + j];
    }
    for (uint32_t c = 0; c < k; ++c) {
      if (n[c] == 0) continue;  // keep the old centre
      double norm = 0;
      for (size_t j = 0; j < D; ++j) norm += sum[c * D + j] * sum[c * D + j];
      norm = norm > 0 ? 1 / std::sqrt(norm) : 0;
      for (size_t j = 0; j < D; ++j) centers[c * D + j] = static_cast<float>(sum[c * D + j] * norm);
    }
  }
  return assign;
}

Status WordClusterTrainer::Train(const std::function<void(const std::string&)>& progress) {
  vocab_.clear();
  for (uint32_t w = 0; w < words_.size(); ++w)
    if (counts_[w] >= opts_.min_count) vocab_.push_back(w);
  std::stable_sort(vocab_.begin(), vocab_.end(), [&](uint32_t a, uint32_t b) {
    return counts_[a] != counts_[b] ? counts_[a] > counts_[b] : words_[a] < words_[b];
  });
  if (vocab_.size() > opts_.max_vocab) vocab_.resize(opts_.max_vocab);
  if (vocab_.size() < 2) return Status::InvalidArgument("corpus too small: fewer than 2 words occur often enough");
  if (progress)
    progress(std::to_string(stream_.size()) + " tokens, " + std::to_string(words_.size()) + " types, vocabulary " +
             std::to_string(vocab_.size()));
  TrainVectors(progress);
  clusters_.clear();
  for (size_t l = 0; l < opts_.levels.size(); ++l) {
    clusters_.push_back(KMeans(opts_.levels[l], opts_.seed + 17 * static_cast<uint32_t>(l + 1)));
    if (progress) progress("k-means: " + std::to_string(opts_.levels[l]) + " clusters");
  }
  return Status::Ok();
}

Status WordClusterTrainer::WriteTsv(const std::string& path, const std::string& header_comment) const {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status::IoError(path + ": cannot write word clusters");
  out << header_comment;
  out << "# levels:";
  for (uint32_t k : opts_.levels) out << ' ' << std::min<size_t>(k, vocab_.size());
  out << '\n';
  for (size_t v = 0; v < vocab_.size(); ++v) {
    out << words_[vocab_[v]] << '\t' << counts_[vocab_[v]];
    for (const auto& level : clusters_) out << '\t' << level[v];
    out << '\n';
  }
  out.close();
  if (!out) return Status::IoError(path + ": cannot write word clusters");
  return Status::Ok();
}

Status WordClusterTrainer::WriteVectors(const std::string& path) const {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status::IoError(path + ": cannot write word vectors");
  const size_t dim = static_cast<size_t>(opts_.dim);
  out << "# dim " << dim << '\n';
  char buf[32];
  for (size_t v = 0; v < vocab_.size(); ++v) {
    out << words_[vocab_[v]] << '\t';
    for (size_t j = 0; j < dim; ++j) {
      std::snprintf(buf, sizeof buf, j ? " %.4f" : "%.4f", static_cast<double>(vectors_[v * dim + j]));
      out << buf;
    }
    out << '\n';
  }
  out.close();
  if (!out) return Status::IoError(path + ": cannot write word vectors");
  return Status::Ok();
}

}  // namespace rasd::tag
