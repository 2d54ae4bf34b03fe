#include "extract/report_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>

namespace rasd::extract {
namespace {

constexpr char kMagic[8] = {'R', 'A', 'S', 'D', 'R', 'P', 'T', '\0'};

uint64_t Fnv(const char* p, size_t n, uint64_t h = 1469598103934665603ull) {
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(p[i]);
    h *= 1099511628211ull;
  }
  return h;
}

uint32_t Slot(const std::string& f, uint32_t bits) {
  const uint64_t h = Fnv(f.data(), f.size());
  return static_cast<uint32_t>((h ^ (h >> 32)) & ((1u << bits) - 1));
}

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-std::clamp(z, -30.0, 30.0))); }

}  // namespace

double ReportModel::Score(const std::vector<std::string>& features) const {
  if (w_.empty()) return 1.0;
  double z = bias_;
  for (const auto& f : features) z += w_[Slot(f, bits_)];
  return Sigmoid(z);
}

ReportModel ReportModel::Train(const std::vector<std::vector<std::string>>& examples, const std::vector<int>& labels,
                               const TrainOptions& opts) {
  ReportModel m;
  m.bits_ = opts.hash_bits;
  m.w_.assign(1u << m.bits_, 0.0f);
  std::vector<float> g2(m.w_.size(), 1e-6f);
  double bias_g2 = 1e-6;
  // Pre-hash.
  std::vector<std::vector<uint32_t>> x(examples.size());
  for (size_t i = 0; i < examples.size(); ++i)
    for (const auto& f : examples[i]) x[i].push_back(Slot(f, m.bits_));
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(opts.seed);
  for (int epoch = 0; epoch < opts.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) {
      double z = m.bias_;
      for (uint32_t s : x[i]) z += m.w_[s];
      const double g = Sigmoid(z) - labels[i];
      bias_g2 += g * g;
      m.bias_ -= static_cast<float>(opts.rate * g / std::sqrt(bias_g2));
      for (uint32_t s : x[i]) {
        const double gs = g + opts.l2 * m.w_[s];
        g2[s] += static_cast<float>(gs * gs);
        m.w_[s] -= static_cast<float>(opts.rate * gs / std::sqrt(g2[s]));
      }
    }
  }
  return m;
}

Status ReportModel::Save(const std::string& path) const {
  std::string buf(kMagic, 8);
  auto put = [&](const void* p, size_t n) { buf.append(static_cast<const char*>(p), n); };
  const uint32_t version = kVersion;
  put(&version, 4);
  put(&bits_, 4);
  put(&bias_, 4);
  put(&threshold_, 4);
  put(w_.data(), w_.size() * sizeof(float));
  const uint64_t sum = Fnv(buf.data(), buf.size());
  put(&sum, 8);
  std::ofstream out(path, std::ios::binary);
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  if (!out) return Status::IoError(path + ": cannot write report model");
  return Status::Ok();
}

Result<ReportModel> ReportModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open report model");
  std::string buf;  // in blocks, not a character at a time
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0) buf.append(block, static_cast<size_t>(in.gcount()));
  if (buf.size() < 8 + 16 + 8 || std::memcmp(buf.data(), kMagic, 8) != 0)
    return Status::Corrupt(path + ": not a rasd report model (bad magic)");
  uint32_t version, bits;
  std::memcpy(&version, buf.data() + 8, 4);
  std::memcpy(&bits, buf.data() + 12, 4);
  if (version != kVersion)
    return Status::Unsupported(path + ": report model version " + std::to_string(version) + ", expected " +
                               std::to_string(kVersion));
  if (bits < 8 || bits > 24 || buf.size() != 8 + 16 + (size_t{1} << bits) * 4 + 8)
    return Status::Corrupt(path + ": truncated or malformed report model");
  uint64_t sum;
  std::memcpy(&sum, buf.data() + buf.size() - 8, 8);
  if (Fnv(buf.data(), buf.size() - 8) != sum) return Status::Corrupt(path + ": checksum mismatch");
  ReportModel m;
  m.bits_ = bits;
  std::memcpy(&m.bias_, buf.data() + 16, 4);
  std::memcpy(&m.threshold_, buf.data() + 20, 4);
  m.w_.resize(size_t{1} << bits);
  std::memcpy(m.w_.data(), buf.data() + 24, m.w_.size() * 4);
  return m;
}

}  // namespace rasd::extract
