// CoNLL files for the NER (ANERcorp and `rasd tag --format conll`): one token
// a line, its first column the word and (with tags) its last column the BIO
// tag; a blank line between sentences. And conlleval-style entity scoring:
// exact span and type, per type and overall.
#ifndef RASD_TAG_CONLL_H_
#define RASD_TAG_CONLL_H_

#include <array>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/status.h"

namespace rasd::tag {

struct ConllCorpus {
  std::vector<std::vector<std::string>> words;
  std::vector<std::vector<std::string>> tags;  // "O" for every word when read without tags
  // The file line (1-based) of each sentence's first token, as ReadConll
  // found it; a sentence's tokens are on consecutive lines. May be shorter
  // than `words` for sentences added in memory.
  std::vector<size_t> lines;
  size_t tokens() const;
};

// The first (1 - holdout) of the sentences into *head, the rest into *tail.
void SplitConll(const ConllCorpus& all, double holdout, ConllCorpus* head, ConllCorpus* tail);

// Reads `path` ("-": standard input). Invalid UTF-8 bytes become U+FFFD.
Status ReadConll(const std::string& path, bool with_tags, ConllCorpus* out);
Status ReadConll(std::istream& in, const std::string& name, bool with_tags, ConllCorpus* out);

// The columns of one CoNLL line (tab-separated when it has a tab, else
// space-separated); empty for a blank line.
std::vector<std::string_view> ConllColumns(std::string_view line);

// Entities of a BIO sequence as conlleval reads it: B-X starts one, I-X
// continues an X entity and starts one after anything else.
struct EntitySpan {
  size_t begin, end;  // token range
  std::string type;
  bool operator==(const EntitySpan&) const = default;
};
std::vector<EntitySpan> BioEntities(const std::vector<std::string>& tags);

// Why a gold entity was not found, or a predicted one is wrong. conlleval
// counts each as a false negative or a false positive; this says which:
//   missed    no predicted entity overlaps the gold one
//   type      a predicted entity has the gold span but another type
//   boundary  predicted entities overlap it, none with its exact span
//   spurious  a predicted entity that overlaps no gold entity
// A wrong predicted entity that overlaps a gold one is reported with that gold
// entity (type or boundary), not again as spurious.
enum class EntityErrorKind { kMissed, kType, kBoundary, kSpurious };
inline constexpr std::array<const char*, 4> kEntityErrorKindNames = {"missed", "type", "boundary",
                                                                     "spurious"};
struct EntityError {
  EntityErrorKind kind;
  EntitySpan entity;                    // the gold entity; for kSpurious, the predicted one
  std::vector<EntitySpan> overlapping;  // predicted entities overlapping the gold one
};
// In token order of the entity's start.
std::vector<EntityError> EntityErrors(const std::vector<std::string>& gold,
                                      const std::vector<std::string>& predicted);

class EntityScorer {
 public:
  struct Counts {
    size_t correct = 0, predicted = 0, gold = 0;
    double precision() const { return predicted ? double(correct) / predicted : 0; }
    double recall() const { return gold ? double(correct) / gold : 0; }
    double f1() const {
      const double p = precision(), r = recall();
      return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
  };
  void Add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted);
  const Counts& overall() const { return all_; }
  const std::map<std::string, Counts>& by_type() const { return types_; }
  // conlleval-like table: one line per type, then "overall".
  std::string Report() const;

 private:
  Counts all_;
  std::map<std::string, Counts> types_;
};

}  // namespace rasd::tag

#endif  // RASD_TAG_CONLL_H_
