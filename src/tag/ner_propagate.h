// Document consistency for the NER: a word sequence the tagger labelled as an
// entity in one sentence is the same entity where it recurs untagged nearby.
#ifndef RASD_TAG_NER_PROPAGATE_H_
#define RASD_TAG_NER_PROPAGATE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "rasd/text.h"
#include "tag/ner_features.h"

namespace rasd::tag {

// After tagging a document (`tags`: label indices into `labels`, 0 = O, valid
// BIO): wherever a token sequence whose words (normalised forms) equal those
// of an entity tagged within `window` sentences either side stands entirely
// untagged, it becomes an entity of that type (a hard form of "one label per
// document", Krishnan & Manning 2006). At each position the longest such
// sequence wins; when its nearby occurrences carry different types, the most
// frequent one (ties: the earliest). A sequence is left alone when the token
// after it continues an entity. Sequences must start with an Arabic or Latin
// word and have at most 8 of them; a position weighs at most 64 nearby
// entities starting with its word, so the cost stays linear in the document.
// Only O tokens change; tags stay valid BIO. No allocation once scratch's
// buffers have grown.
void PropagateEntities(std::span<const text::Token> toks, std::span<const uint32_t> bounds,
                       const std::vector<std::string>& labels, uint32_t window, NerScratch* scratch,
                       std::vector<int>* tags);

}  // namespace rasd::tag

#endif  // RASD_TAG_NER_PROPAGATE_H_
