#include "tag/ner_resources.h"

#include <algorithm>
#include <bit>
#include <fstream>

namespace rasd::tag {
namespace {

bool HasLetter(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = text::DecodeUtf8(s, &pos);
    if (text::IsArabicLetter(cp) || (cp >= 'a' && cp <= 'z')) return true;
  }
  return false;
}

std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

void Gazetteer::Add(std::string_view name, int type) {
  if (type < 0 || type >= kTypes) return;
  const std::string norm = text::NormalizeString(name);
  const auto words = SplitSpaces(norm);
  if (words.empty() || words.size() > kMaxWords || !HasLetter(norm)) return;
  uint64_t h = kFnvOffset;
  for (size_t k = 0; k < words.size(); ++k) {
    h = Step(h, words[k]);
    uint8_t* v = phrases_.Insert(h);
    if (k + 1 < words.size()) {
      *v |= kPrefix;
    } else {
      if (!(*v & (1u << type))) ++names_;
      *v |= static_cast<uint8_t>(1u << type);
    }
  }
  max_words_ = std::max<uint32_t>(max_words_, static_cast<uint32_t>(words.size()));
}

Status Gazetteer::LoadFile(const std::string& path, int type) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open gazetteer");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::string clean;
    text::SanitizeUtf8(line, &clean);
    Add(clean, type);
  }
  return Status::Ok();
}

Status Gazetteer::LoadTsvColumn(const std::string& path, int type, size_t column, int filter_column,
                                const std::vector<std::string>& filter_values) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open gazetteer");
  std::string line, clean;
  std::vector<std::string_view> cols;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    text::SanitizeUtf8(line, &clean);
    cols.clear();
    size_t start = 0;
    while (start <= clean.size()) {
      size_t end = clean.find('\t', start);
      if (end == std::string::npos) end = clean.size();
      cols.push_back(std::string_view(clean).substr(start, end - start));
      start = end + 1;
    }
    if (column >= cols.size()) continue;
    if (filter_column >= 0) {
      if (static_cast<size_t>(filter_column) >= cols.size()) continue;
      if (std::find(filter_values.begin(), filter_values.end(), cols[filter_column]) == filter_values.end()) continue;
    }
    bool arabic = false;
    size_t pos = 0;
    while (pos < cols[column].size() && !arabic) arabic = text::IsArabicLetter(text::DecodeUtf8(cols[column], &pos));
    if (arabic) Add(cols[column], type);
  }
  return Status::Ok();
}

void Gazetteer::Match(std::span<const text::Token> toks, std::vector<uint8_t>* marks) const {
  const size_t n = toks.size();
  marks->assign(n * kTypes, 0);
  if (names_ == 0) return;
  std::array<size_t, kTypes> covered{};  // end of the last name marked, per type
  for (size_t i = 0; i < n; ++i) {
    std::array<size_t, kTypes> best{};  // longest name length per type
    // The first word as written, and by its clitic-free stem.
    for (int variant = 0; variant < 2; ++variant) {
      const std::string_view first = variant == 0 ? toks[i].norm : toks[i].stem;
      if (variant == 1 && first == toks[i].norm) break;
      uint64_t h = Step(kFnvOffset, first);
      for (size_t j = i; j < n && j - i < max_words_;) {
        const uint8_t* v = phrases_.Find(h);
        if (v == nullptr) break;
        for (int t = 0; t < kTypes; ++t)
          if (*v & (1u << t)) best[t] = std::max(best[t], j - i + 1);
        if (!(*v & kPrefix) || ++j >= n) break;
        h = Step(h, toks[j].norm);
      }
    }
    for (int t = 0; t < kTypes; ++t) {
      if (best[t] == 0 || i < covered[t]) continue;
      for (size_t k = 0; k < best[t]; ++k) (*marks)[(i + k) * kTypes + t] = k == 0 ? 1 : 2;
      covered[t] = i + best[t];
    }
  }
}

void Gazetteer::Serialize(ByteWriter* w) const {
  const auto entries = phrases_.Sorted();
  w->Put<uint32_t>(max_words_);
  w->Put<uint64_t>(names_);
  w->Put<uint64_t>(entries.size());
  for (const auto& [k, v] : entries) {
    w->Put<uint64_t>(k);
    w->Put<uint8_t>(v);
  }
}

bool Gazetteer::Parse(ByteReader* r) {
  uint64_t count = 0, names = 0;
  if (!r->Get(&max_words_) || max_words_ > kMaxWords || !r->Get(&names) || !r->Get(&count) ||
      count > r->remaining() / 9)
    return false;
  phrases_ = FlatMap<uint8_t>();
  phrases_.Reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t k = 0;
    uint8_t v = 0;
    if (!r->Get(&k) || !r->Get(&v)) return false;
    *phrases_.Insert(k) = v;
  }
  names_ = names;
  return true;
}

void WordClusters::Add(std::string_view word, uint64_t count, const std::vector<uint16_t>& ids) {
  Entry* e = map_.Insert(Fnv1a(word));
  for (size_t l = 0; l < ids.size() && l < kMaxLevels; ++l) e->id[l] = ids[l];
  e->freq = count == 0 ? 0 : static_cast<uint8_t>(std::bit_width(count) - 1);
}

Status WordClusters::LoadTsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open word clusters");
  std::string line;
  int ln = 0;
  std::vector<uint16_t> ids;
  while (std::getline(in, line)) {
    ++ln;
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line.rfind("# levels:", 0) == 0) {
        sizes_.clear();
        for (auto tok : SplitSpaces(std::string_view(line).substr(9)))
          sizes_.push_back(static_cast<uint32_t>(std::stoul(std::string(tok))));
      }
      continue;
    }
    if (sizes_.empty() || sizes_.size() > kMaxLevels)
      return Status::Corrupt(path + ": missing or bad '# levels:' header");
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) return Status::Corrupt(path + ":" + std::to_string(ln) + ": expected word<TAB>count<TAB>ids");
    std::vector<std::string> cols;
    size_t start = tab + 1;
    while (start <= line.size()) {
      size_t end = line.find('\t', start);
      if (end == std::string::npos) end = line.size();
      cols.push_back(line.substr(start, end - start));
      start = end + 1;
    }
    if (cols.size() != sizes_.size() + 1)
      return Status::Corrupt(path + ":" + std::to_string(ln) + ": expected " + std::to_string(sizes_.size()) + " cluster ids");
    ids.clear();
    try {
      const uint64_t count = std::stoull(cols[0]);
      for (size_t l = 0; l < sizes_.size(); ++l) {
        const unsigned long id = std::stoul(cols[l + 1]);
        if (id >= sizes_[l]) return Status::Corrupt(path + ":" + std::to_string(ln) + ": cluster id out of range");
        ids.push_back(static_cast<uint16_t>(id));
      }
      Add(std::string_view(line).substr(0, tab), count, ids);
    } catch (const std::exception&) {
      return Status::Corrupt(path + ":" + std::to_string(ln) + ": not a number");
    }
  }
  if (sizes_.empty()) return Status::Corrupt(path + ": missing '# levels:' header");
  return Status::Ok();
}

uint8_t WordClusters::PriorCode(uint32_t o_count, const uint32_t* type_counts, int types) {
  uint64_t total = o_count;
  int best = 0;
  for (int t = 0; t < types; ++t) {
    total += type_counts[t];
    if (type_counts[t] > type_counts[best]) best = t;
  }
  if (total < 3) return 1;
  const double share = static_cast<double>(type_counts[best]) / static_cast<double>(total);
  if (share < 0.05) return 2;
  const int bucket = share < 0.2 ? 0 : share < 0.5 ? 1 : share < 0.8 ? 2 : 3;
  return static_cast<uint8_t>(3 + best * 4 + bucket);
}

void WordClusters::Serialize(ByteWriter* w) const {
  w->Put<uint32_t>(static_cast<uint32_t>(sizes_.size()));
  for (uint32_t s : sizes_) w->Put<uint32_t>(s);
  const auto entries = map_.Sorted();
  w->Put<uint64_t>(entries.size());
  for (const auto& [k, e] : entries) {
    w->Put<uint64_t>(k);
    for (size_t l = 0; l < sizes_.size(); ++l) w->Put<uint16_t>(e.id[l]);
    w->Put<uint8_t>(e.freq);
  }
  const auto priors = priors_.Sorted();
  w->Put<uint64_t>(priors.size());
  for (const auto& [k, code] : priors) {
    w->Put<uint64_t>(k);
    w->Put<uint8_t>(code);
  }
}

bool WordClusters::Parse(ByteReader* r) {
  uint32_t levels = 0;
  if (!r->Get(&levels) || levels > kMaxLevels) return false;
  sizes_.assign(levels, 0);
  for (auto& s : sizes_)
    if (!r->Get(&s) || s == 0 || s >= kUnknown) return false;
  uint64_t count = 0;
  const size_t entry_bytes = 8 + 2 * levels + 1;
  if (!r->Get(&count) || count > r->remaining() / entry_bytes) return false;
  map_ = FlatMap<Entry>();
  map_.Reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t k = 0;
    Entry e;
    if (!r->Get(&k)) return false;
    for (uint32_t l = 0; l < levels; ++l)
      if (!r->Get(&e.id[l]) || (e.id[l] >= sizes_[l] && e.id[l] != kUnknown)) return false;
    if (!r->Get(&e.freq)) return false;
    *map_.Insert(k) = e;
  }
  uint64_t npriors = 0;
  if (!r->Get(&npriors) || npriors > r->remaining() / 9) return false;
  priors_ = FlatMap<uint8_t>();
  priors_.Reserve(npriors);
  for (uint64_t i = 0; i < npriors; ++i) {
    uint64_t k = 0;
    uint8_t code = 0;
    if (!r->Get(&k) || !r->Get(&code)) return false;
    *priors_.Insert(k) = code;
  }
  return true;
}

}  // namespace rasd::tag
