#include "tag/ner.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <numeric>
#include <random>

#include "lexicon/lexicon.h"

namespace rasd::tag {
namespace {

constexpr char kMagic[8] = {'R', 'A', 'S', 'D', 'N', 'E', 'R', '\0'};
const std::vector<std::string> kLabels = {"O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
                                          "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};

uint64_t Fnv(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// One slot per feature; its weights for all labels are contiguous
// (w[slot * labels + label]), so scoring a token reads one cache line per feature.
uint32_t Slot(uint64_t feature, uint32_t bits) {
  uint64_t h = feature;
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  return static_cast<uint32_t>(h & ((1u << bits) - 1));
}

// First and last n code points.
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

std::string Shape(std::string_view s) {
  bool digit = false, latin = false, arabic = false;
  size_t pos = 0, n = 0;
  while (pos < s.size()) {
    const char32_t cp = text::DecodeUtf8(s, &pos);
    ++n;
    digit |= cp >= '0' && cp <= '9';
    latin |= (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    arabic |= text::IsArabicLetter(cp);
  }
  std::string out;
  out += digit ? 'd' : '-';
  out += latin ? 'l' : '-';
  out += arabic ? 'a' : '-';
  out += n <= 2 ? 's' : n <= 5 ? 'm' : 'L';
  return out;
}

// What the compiled lexicon knows about a stem: PER/LOC/ORG/CTR, or empty.
std::string LexClass(const lexicon::Lexicon* lex, std::string_view stem) {
  if (lex == nullptr || stem.empty()) return "";
  const uint32_t v = lex->FindPhrase(stem);
  std::string out;
  if (lexicon::Lexicon::IsPrefix(v)) out += "P";
  uint32_t n = 0;
  const uint32_t* p = lex->Postings(v, &n);
  for (uint32_t i = 0; i < n; ++i) {
    switch (static_cast<lexicon::Category>(lex->entry(p[i]).category)) {
      case lexicon::Category::kPerson: out += "h"; break;
      case lexicon::Category::kPlace: out += "l"; break;
      case lexicon::Category::kOrg: out += "o"; break;
      case lexicon::Category::kCountry: out += "c"; break;
      case lexicon::Category::kAgent: out += "a"; break;
      case lexicon::Category::kGazetteer: {
        const std::string_view t = lex->str(lex->entry(p[i]).code);
        out += t == "PERS" ? "G" : t == "LOC" ? "L" : "O";
        break;
      }
      default: break;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

NerTagger::NerTagger() : labels_(kLabels) {}

bool NerTagger::Allowed(const std::vector<std::string>& labels, int from, int to) {
  const std::string& t = labels[to];
  if (t[0] != 'I') return true;
  if (from < 0) return false;
  const std::string& f = labels[from];
  return f.size() > 1 && f.substr(2) == t.substr(2);
}

void NerTagger::LexInfos(const std::vector<NerToken>& toks, const lexicon::Lexicon* lex, std::vector<LexInfo>* out) {
  out->resize(toks.size());
  for (size_t i = 0; i < toks.size(); ++i) {
    (*out)[i].cls = LexClass(lex, toks[i].stem);
    (*out)[i].known = lex == nullptr ? "" : !lex->IsKnownStem(toks[i].stem) ? "unk"
                                          : lex->IsDictionaryKey(toks[i].stem) ? "dict" : "word";
    (*out)[i].cluster = lex == nullptr ? std::string_view() : lex->Cluster(toks[i].stem);
  }
}

void NerTagger::Features(const std::vector<NerToken>& toks, size_t i, const std::vector<int>& prev_tags,
                         const std::vector<std::string>& labels, const lexicon::Lexicon* lex,
                         std::vector<uint64_t>* out, std::vector<std::string>* names,
                         const std::vector<LexInfo>* info) {
  out->clear();
  std::vector<LexInfo> local;
  if (info == nullptr) {
    LexInfos(toks, lex, &local);
    info = &local;
  }
  // Hashes name=a|b without building strings on the hot path.
  auto add2 = [&](std::string_view name, std::string_view a, std::string_view b) {
    uint64_t h = Fnv(name);
    h = Fnv("=", h);
    h = Fnv(a, h);
    if (!b.empty()) {
      h = Fnv("|", h);
      h = Fnv(b, h);
    }
    out->push_back(h);
    if (names) {
      std::string n(name);
      n.append("=").append(a);
      if (!b.empty()) n.append("|").append(b);
      names->push_back(std::move(n));
    }
  };
  auto add = [&](std::string_view name, std::string_view value) { add2(name, value, {}); };
  auto word = [&](long k) -> std::string_view {
    return k < 0 ? "<s>" : k >= static_cast<long>(toks.size()) ? "</s>" : toks[k].norm;
  };
  auto stem = [&](long k) -> std::string_view {
    return k < 0 ? "<s>" : k >= static_cast<long>(toks.size()) ? "</s>" : toks[k].stem;
  };
  const long j = static_cast<long>(i);
  const NerToken& t = toks[i];
  add("bias", "");
  add("w", t.norm);
  add("s", t.stem);
  static const char* const kPre[] = {"p1", "p2", "p3"};
  static const char* const kSuf[] = {"x1", "x2", "x3"};
  for (size_t n = 1; n <= 3; ++n) {
    add(kPre[n - 1], Prefix(t.stem, n));
    add(kSuf[n - 1], Suffix(t.stem, n));
  }
  add("shape", Shape(t.norm));
  for (size_t n = 1; n <= 4; ++n) {
    static const char* const kWp[] = {"wp1", "wp2", "wp3", "wp4"};
    static const char* const kWs[] = {"ws1", "ws2", "ws3", "ws4"};
    add(kWp[n - 1], Prefix(t.norm, n));
    add(kWs[n - 1], Suffix(t.norm, n));
  }

  add("x3+1", j + 1 < static_cast<long>(toks.size()) ? Suffix(toks[i + 1].stem, 3) : "</s>");
  add("x3-1", j > 0 ? Suffix(toks[i - 1].stem, 3) : "<s>");
  add("al", (t.proclitics & text::kDefArticle) ? "1" : "0");
  add("w-1", word(j - 1));
  add("w+1", word(j + 1));
  add("w-2", word(j - 2));
  add("w+2", word(j + 2));
  add("s-1", stem(j - 1));
  add("s+1", stem(j + 1));
  add2("s-1s", stem(j - 1), t.stem);
  add2("ss+1", t.stem, stem(j + 1));
  // Proper names are mostly missing from the general word list.
  if (lex != nullptr) {
    auto known = [&](long k) -> std::string_view {
      return k < 0 || k >= static_cast<long>(toks.size()) ? "edge" : (*info)[k].known;
    };
    add("known", known(j));
    add2("known-1", known(j - 1), known(j));
    add2("known+1", known(j), known(j + 1));
  }
  auto cluster = [&](long k) -> std::string_view {
    if (k < 0 || k >= static_cast<long>(toks.size())) return "edge";
    return (*info)[k].cluster.empty() ? std::string_view("none") : (*info)[k].cluster;
  };
  add("cl", cluster(j));
  add("cl-1", cluster(j - 1));
  add("cl+1", cluster(j + 1));
  add2("cl-1cl", cluster(j - 1), cluster(j));
  add("lex", (*info)[i].cls);
  add("lex-1", j > 0 ? std::string_view((*info)[i - 1].cls) : "<s>");
  add("lex+1", i + 1 < toks.size() ? std::string_view((*info)[i + 1].cls) : "</s>");
  const std::string_view p1 = i >= 1 ? std::string_view(labels[prev_tags[i - 1]]) : "<s>";
  const std::string_view p2 = i >= 2 ? std::string_view(labels[prev_tags[i - 2]]) : "<s>";
  add("t-1", p1);
  add2("t-2t-1", p2, p1);
  add2("t-1w", p1, t.stem);
}

void NerTagger::Tag(const std::vector<NerToken>& toks, const lexicon::Lexicon* lex, std::vector<int>* tags) const {
  tags->assign(toks.size(), 0);
  std::vector<uint64_t> feats;
  std::vector<LexInfo> info;
  LexInfos(toks, lex, &info);
  for (size_t i = 0; i < toks.size(); ++i) {
    Features(toks, i, *tags, labels_, lex, &feats, nullptr, &info);
    const size_t L = labels_.size();
    float scores[32] = {0};
    for (uint64_t f : feats) {
      const float* w = &w_[static_cast<size_t>(Slot(f, bits_)) * L];
      for (size_t y = 0; y < L; ++y) scores[y] += w[y];
    }
    int best = 0;
    float best_score = -1e30f;
    for (int y = 0; y < static_cast<int>(L); ++y) {
      if (!Allowed(labels_, i ? (*tags)[i - 1] : -1, y)) continue;
      if (scores[y] > best_score) best_score = scores[y], best = y;
    }
    (*tags)[i] = best;
  }
}

NerTagger NerTagger::Train(const std::vector<std::vector<NerToken>>& sents,
                           const std::vector<std::vector<std::string>>& gold, const lexicon::Lexicon* lex,
                           const TrainOptions& opts) {
  NerTagger m;
  m.bits_ = opts.hash_bits;
  const size_t L = m.labels_.size(), size = L << m.bits_;
  m.w_.assign(size, 0.0f);
  std::vector<float> total(size, 0.0f);      // sum of updates weighted by time
  std::vector<uint32_t> stamp(size, 0);       // last update time (lazy averaging)
  std::vector<float> acc(size, 0.0f);
  uint32_t now = 1;
  auto index = [&](int y, uint64_t f) { return static_cast<size_t>(Slot(f, m.bits_)) * L + y; };
  auto update = [&](size_t k, float delta) {
    acc[k] += static_cast<float>(now - stamp[k]) * m.w_[k];
    stamp[k] = now;
    m.w_[k] += delta;
  };
  std::vector<int> gold_ids;
  std::vector<size_t> order(sents.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(opts.seed);
  std::vector<uint64_t> feats;
  std::vector<int> tags;
  std::vector<LexInfo> info;
  for (int epoch = 0; epoch < opts.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t si : order) {
      const auto& toks = sents[si];
      gold_ids.assign(toks.size(), 0);
      for (size_t i = 0; i < toks.size(); ++i) {
        auto it = std::find(m.labels_.begin(), m.labels_.end(), gold[si][i]);
        gold_ids[i] = it == m.labels_.end() ? 0 : static_cast<int>(it - m.labels_.begin());
      }
      // Greedy decoding with gold history (the decoder sees its own history at
      // test time; training on gold history is the standard, stable choice).
      // The history is the tagger's own previous decisions, as at test time,
      // so it learns to recover from its mistakes.
      tags.assign(toks.size(), 0);
      LexInfos(toks, lex, &info);
      for (size_t i = 0; i < toks.size(); ++i) {
        Features(toks, i, tags, m.labels_, lex, &feats, nullptr, &info);
        int best = 0;
        float best_score = -1e30f;
        for (int y = 0; y < static_cast<int>(L); ++y) {
          if (!Allowed(m.labels_, i ? tags[i - 1] : -1, y)) continue;
          float score = 0;
          for (uint64_t f : feats) score += m.w_[index(y, f)];
          if (score > best_score) best_score = score, best = y;
        }
        if (best != gold_ids[i]) {
          for (uint64_t f : feats) {
            update(index(gold_ids[i], f), 1.0f);
            update(index(best, f), -1.0f);
          }
        }
        // Continue with the gold tag when the prediction breaks BIO with it.
        tags[i] = Allowed(m.labels_, i ? tags[i - 1] : -1, gold_ids[i]) ? best : best;
        ++now;
      }
    }
  }
  // Averaged weights.
  for (size_t k = 0; k < size; ++k) {
    acc[k] += static_cast<float>(now - stamp[k]) * m.w_[k];
    m.w_[k] = acc[k] / static_cast<float>(now);
  }
  (void)total;
  return m;
}

Status NerTagger::Save(const std::string& path) const {
  std::string buf(kMagic, 8);
  auto put = [&](const void* p, size_t n) { buf.append(static_cast<const char*>(p), n); };
  const uint32_t version = kNerVersion, n = static_cast<uint32_t>(labels_.size());
  put(&version, 4);
  put(&bits_, 4);
  put(&n, 4);
  for (const auto& l : labels_) {
    const uint16_t len = static_cast<uint16_t>(l.size());
    put(&len, 2);
    put(l.data(), l.size());
  }
  float maxabs = 1e-9f;
  for (float x : w_) maxabs = std::max(maxabs, std::fabs(x));
  const float scale = maxabs / 32767.0f;
  put(&scale, 4);
  for (float x : w_) {
    const int16_t q = static_cast<int16_t>(std::lround(x / scale));
    put(&q, 2);
  }
  const uint64_t sum = Fnv(buf);
  put(&sum, 8);
  std::ofstream out(path, std::ios::binary);
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  if (!out) return Status::IoError(path + ": cannot write NER model");
  return Status::Ok();
}

Result<NerTagger> NerTagger::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open NER model");
  const std::string buf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (buf.size() < 8 + 12 + 4 + 8 || std::memcmp(buf.data(), kMagic, 8) != 0)
    return Status::Corrupt(path + ": not a rasd NER model (bad magic)");
  size_t pos = 8;
  auto get = [&](void* p, size_t n) {
    if (pos + n > buf.size()) return false;
    std::memcpy(p, buf.data() + pos, n);
    pos += n;
    return true;
  };
  uint32_t version = 0, bits = 0, n = 0;
  get(&version, 4);
  if (version != kNerVersion)
    return Status::Unsupported(path + ": NER model version " + std::to_string(version) + ", this rasd reads version " +
                               std::to_string(kNerVersion));
  uint64_t sum;
  std::memcpy(&sum, buf.data() + buf.size() - 8, 8);
  if (Fnv(std::string_view(buf.data(), buf.size() - 8)) != sum)
    return Status::Corrupt(path + ": checksum mismatch (truncated or damaged NER model)");
  if (!get(&bits, 4) || !get(&n, 4) || bits < 8 || bits > 24 || n == 0 || n > 32)
    return Status::Corrupt(path + ": bad NER model header");
  NerTagger m;
  m.bits_ = bits;
  m.labels_.clear();
  for (uint32_t i = 0; i < n; ++i) {
    uint16_t len = 0;
    if (!get(&len, 2) || pos + len > buf.size()) return Status::Corrupt(path + ": truncated label table");
    m.labels_.emplace_back(buf.data() + pos, len);
    pos += len;
  }
  if (m.labels_[0] != "O") return Status::Corrupt(path + ": first label must be O");
  // BIO labels: Allowed() reads the type after "B-" / "I-".
  for (size_t i = 1; i < m.labels_.size(); ++i) {
    const std::string& l = m.labels_[i];
    if (l.size() < 3 || (l[0] != 'B' && l[0] != 'I') || l[1] != '-')
      return Status::Corrupt(path + ": label " + std::to_string(i) + " is not B-<type> or I-<type>");
  }
  float scale = 0;
  const size_t count = static_cast<size_t>(n) << bits;
  if (!get(&scale, 4) || pos + count * 2 + 8 != buf.size()) return Status::Corrupt(path + ": truncated weights");
  m.w_.resize(count);
  for (size_t k = 0; k < count; ++k) {
    int16_t q;
    std::memcpy(&q, buf.data() + pos + 2 * k, 2);
    m.w_[k] = q * scale;
  }
  return m;
}

void PrepareTokens(const std::vector<std::string>& words, const text::Segmenter& seg,
                   std::vector<std::string>* storage, std::vector<NerToken>* out) {
  storage->clear();
  storage->reserve(words.size());
  out->clear();
  for (const auto& w : words) storage->push_back(text::NormalizeString(w));
  for (const auto& n : *storage) {
    text::Token t;
    t.norm = n;
    size_t pos = 0;
    const char32_t cp = n.empty() ? 0 : text::DecodeUtf8(n, &pos);
    t.kind = text::IsArabicLetter(cp) ? text::TokenKind::kArabic : text::TokenKind::kSymbol;
    seg.Segment(&t);
    out->push_back(NerToken{t.norm, t.stem, t.proclitics});
  }
}

void AppendEntityMentions(const NerTagger& ner, const lexicon::Lexicon* lex, const Workspace& ws,
                          std::vector<Mention>* out) {
  std::vector<NerToken> toks;
  std::vector<int> tags;
  const auto& labels = ner.labels();
  for (const Sentence& s : ws.sentences) {
    toks.clear();
    for (uint32_t t = s.tok_begin; t < s.tok_end; ++t)
      toks.push_back(NerToken{ws.tokens[t].norm, ws.tokens[t].stem, ws.tokens[t].proclitics});
    ner.Tag(toks, lex, &tags);
    for (size_t i = 0; i < tags.size();) {
      if (tags[i] == 0) {
        ++i;
        continue;
      }
      const std::string type = labels[tags[i]].substr(2);
      size_t j = i + 1;
      while (j < tags.size() && labels[tags[j]] == "I-" + type) ++j;
      Mention m;
      m.kind = MentionKind::kEntity;
      m.span = Span{ws.tokens[s.tok_begin + i].span.begin, ws.tokens[s.tok_begin + j - 1].span.end};
      m.type = type;
      m.rule = "ner";
      out->push_back(std::move(m));
      i = j;
    }
  }
}

Status ReadConll(const std::string& path, bool with_tags, std::vector<std::vector<std::string>>* words,
                 std::vector<std::vector<std::string>>* tags) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path);
    if (!file) return Status::NotFound(path + ": cannot open CoNLL file");
    in = &file;
  }
  words->assign(1, {});
  tags->assign(1, {});
  std::string line;
  int ln = 0;
  while (std::getline(*in, line)) {
    ++ln;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!words->back().empty()) words->emplace_back(), tags->emplace_back();
      continue;
    }
    // Tab-separated columns when there is a tab (a token may then be empty),
    // else whitespace-separated.
    std::vector<std::string> cols;
    const char* seps = line.find('\t') != std::string::npos ? "\t" : " ";
    size_t start = 0;
    while (start <= line.size()) {
      size_t end = line.find_first_of(seps, start);
      if (end == std::string::npos) end = line.size();
      if (end > start || seps[0] == '\t') cols.push_back(line.substr(start, end - start));
      start = end + 1;
    }
    if (cols.empty()) continue;
    if (with_tags && cols.size() < 2)
      return Status::InvalidArgument(path + ":" + std::to_string(ln) + ": expected 'token<TAB>tag'");
    std::string sanitized;
    text::SanitizeUtf8(cols[0], &sanitized);
    words->back().push_back(sanitized);
    tags->back().push_back(with_tags ? cols.back() : "O");
  }
  if (words->back().empty()) words->pop_back(), tags->pop_back();
  return Status::Ok();
}

}  // namespace rasd::tag
