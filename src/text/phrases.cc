// Small syntactic tests over segmented tokens shared by the recognizer and the
// coder (docs/coding.md).
#include "rasd/text.h"

namespace rasd::text {

bool InLocativePhrase(const Token* toks, uint32_t tb, uint32_t sent_begin) {
  if (toks[tb].has(kPrepBi)) return true;
  for (uint32_t k = tb; k > sent_begin && tb - k <= 3; --k) {
    const Token& q = toks[k - 1];
    if (q.norm == "في") return true;  // the whole word, not وفي (a new clause)
    const std::string_view w = q.stem;
    const bool geo = w == "عاصمه" || w == "مدينه" || w == "منطقه" || w == "محافظه" || w == "ولايه" ||
                     w == "جزيره" || w == "بلده" || w == "قريه" || w == "اقليم";
    const bool nisba =
        q.has(kDefArticle) && q.proclitics == kDefArticle && (w.ends_with("يه") || w.ends_with("ي"));
    if (!geo && !nisba) return false;
    if (geo && q.has(kPrepBi)) return true;  // بالعاصمة الألمانية برلين
  }
  return false;
}

}  // namespace rasd::text
