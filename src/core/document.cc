#include "rasd/document.h"

namespace rasd {

const char* MentionKindName(MentionKind kind) {
  switch (kind) {
    case MentionKind::kActor: return "actor";
    case MentionKind::kPlace: return "place";
    case MentionKind::kDate: return "date";
    case MentionKind::kTrigger: return "trigger";
    case MentionKind::kEntity: return "entity";
  }
  return "?";
}

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kReported: return "reported";
    case Modality::kPlanned: return "planned";
    case Modality::kConditional: return "conditional";
    case Modality::kHypothetical: return "hypothetical";
    case Modality::kNegated: return "negated";
  }
  return "?";
}

const char* AttributionKindName(AttributionKind k) {
  switch (k) {
    case AttributionKind::kNone: return "none";
    case AttributionKind::kNamed: return "named";
    case AttributionKind::kAnonymous: return "anonymous";
    case AttributionKind::kOfficial: return "official";
    case AttributionKind::kMedia: return "media";
  }
  return "?";
}

void CodePointIndex::Build(std::string_view utf8) {
  cp_.resize(utf8.size() + 1);
  uint32_t n = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    cp_[i] = n;
    // A continuation byte maps to the code point it belongs to.
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) {
      cp_[i] = n++;
    } else {
      cp_[i] = n - 1;
    }
  }
  cp_[utf8.size()] = n;
}

}  // namespace rasd
