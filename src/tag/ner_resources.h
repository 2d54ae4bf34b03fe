// Word-level knowledge the NER carries inside its model file, so that a model
// is one self-contained artefact:
//
//  - Gazetteer: names of people, places and organisations (Benajiba's ANERcorp
//    gazetteers, data/ner/gazetteer-*.txt), matched over token sequences
//    (longest match per type; the first token may also match by its
//    clitic-free stem, so وبغداد finds بغداد).
//  - WordClusters: distributional clusters of stems at several granularities,
//    learnt from an unlabelled news corpus (`rasd train ner-clusters`,
//    data/ner/clusters.tsv), plus a log-frequency bucket. They let the tagger
//    generalise to names it never saw in training.
//
// Both are keyed by 64-bit FNV-1a hashes of normalised text; words themselves
// are not stored in the model. Thread-safety: immutable after building; const
// methods may be called concurrently.
#ifndef RASD_TAG_NER_RESOURCES_H_
#define RASD_TAG_NER_RESOURCES_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/status.h"
#include "rasd/text.h"
#include "tag/ner_hash.h"
#include "tag/ner_io.h"

namespace rasd::tag {

class Gazetteer {
 public:
  static constexpr int kTypes = 3;  // PERS, LOC, ORG (bit 1 << type)
  static constexpr const char* kTypeNames[kTypes] = {"PERS", "LOC", "ORG"};
  static constexpr int kMaxWords = 8;

  // Adds a name of type `type` (0..kTypes-1): normalised here, split on spaces.
  // Names without an Arabic or Latin letter are ignored.
  void Add(std::string_view name, int type);
  // One name a line; lines starting with '#' are comments.
  Status LoadFile(const std::string& path, int type);
  // Names from column `column` (0-based) of a TSV file, optionally only rows
  // whose column `filter_column` is one of `filter_values`; names without an
  // Arabic letter (headers, glosses) are skipped.
  Status LoadTsvColumn(const std::string& path, int type, size_t column, int filter_column = -1,
                       const std::vector<std::string>& filter_values = {});

  // For each token i and type t, marks[i * kTypes + t] is 0 (no name), 1 (first
  // token of a name) or 2 (later token), from the longest name of that type at
  // each position, left to right. `marks` is resized to toks.size() * kTypes.
  void Match(std::span<const text::Token> toks, std::vector<uint8_t>* marks) const;

  size_t size() const { return names_; }
  void Serialize(ByteWriter* w) const;
  bool Parse(ByteReader* r);

 private:
  static constexpr uint8_t kPrefix = 0x80;  // a proper prefix of some name
  static uint64_t Step(uint64_t h, std::string_view word) { return Fnv1a("\x1f", Fnv1a(word, h)); }
  FlatMap<uint8_t> phrases_;  // hash of the word sequence -> type bits | kPrefix
  size_t names_ = 0;
  uint32_t max_words_ = 0;
};

class WordClusters {
 public:
  static constexpr int kMaxLevels = 4;
  static constexpr uint16_t kUnknown = 0xFFFF;
  struct Entry {
    std::array<uint16_t, kMaxLevels> id{kUnknown, kUnknown, kUnknown, kUnknown};
    uint8_t freq = 0;  // floor(log2(corpus count))
  };

  // Cluster counts per level, coarse to fine (e.g. 64, 256, 1024).
  void SetLevels(std::vector<uint32_t> sizes) { sizes_ = std::move(sizes); }
  const std::vector<uint32_t>& levels() const { return sizes_; }
  void Add(std::string_view word, uint64_t count, const std::vector<uint16_t>& ids);
  const Entry* Find(std::string_view word) const { return map_.Find(Fnv1a(word)); }
  // The same by Fnv1a(word), and a prefetch hint for it (with the prior).
  const Entry* FindHash(uint64_t h) const { return map_.Find(h); }
  void Prefetch(uint64_t h) const {
    map_.Prefetch(h);
    priors_.Prefetch(h);
  }
  size_t size() const { return map_.size(); }

  // TSV: "# levels: 64 256 1024", then word<TAB>count<TAB>id per level.
  Status LoadTsv(const std::string& path);

  // Corpus priors: how a first tagger labelled each stem across an unlabelled
  // corpus (PriorCode), 0 when unknown. Keyed like clusters.
  void SetPrior(uint64_t key, uint8_t code) { *priors_.Insert(key) = code; }
  uint8_t Prior(std::string_view word) const { return PriorHash(Fnv1a(word)); }
  uint8_t PriorHash(uint64_t h) const {
    const uint8_t* p = priors_.Find(h);
    return p ? *p : 0;
  }
  size_t priors() const { return priors_.size(); }
  // Label counts of one stem -> code: 1 rarely seen, 2 mostly O, then
  // 3 + type * 4 + share bucket (under 20%, 20-50%, 50-80%, over 80%).
  static uint8_t PriorCode(uint32_t o_count, const uint32_t* type_counts, int types);
  void Serialize(ByteWriter* w) const;
  bool Parse(ByteReader* r);

 private:
  std::vector<uint32_t> sizes_;
  FlatMap<Entry> map_;
  FlatMap<uint8_t> priors_;
};

}  // namespace rasd::tag

#endif  // RASD_TAG_NER_RESOURCES_H_
