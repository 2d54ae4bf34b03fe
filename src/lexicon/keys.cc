#include "lexicon/keys.h"

#include "lexicon/lexicon.h"

namespace rasd::lexicon {
namespace {

bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
size_t Letters(std::string_view s) { return text::CountCodePoints(s); }

}  // namespace

std::string EntryTokenKey(std::string_view word) {
  std::string n = text::NormalizeString(word);
  if (n.rfind("ال", 0) == 0 && Letters(n) >= 5) n.erase(0, 4);  // ال + at least three letters
  return n;
}

std::vector<std::string> EntryWords(std::string_view phrase) {
  const std::string n = text::NormalizeString(phrase);
  std::vector<std::string> words;
  std::string cur;
  size_t pos = 0;
  while (pos < n.size()) {
    const size_t start = pos;
    const char32_t cp = text::DecodeUtf8(n, &pos);
    const bool word_char = text::IsArabicLetter(cp) || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z');
    if (word_char) {
      cur.append(n, start, pos - start);
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  for (size_t i = 0; i < words.size(); ++i) {
    std::string& w = words[i];
    // Inside a phrase, ب/و/ل + the article (القائم بالأعمال، البوسنة والهرسك،
    // الهيئة العامة للرياضة): the segmenter takes these clitics off the text's
    // token (a word starting like an article chain is never looked up whole),
    // so the entry's word loses them too (at least four letters left). A
    // phrase's first word is a name as written (باليرمو، والنوت).
    if (i > 0 && (w.rfind("بال", 0) == 0 || w.rfind("وال", 0) == 0) && Letters(w) >= 7) w.erase(0, 6);
    else if (i > 0 && w.rfind("لل", 0) == 0 && Letters(w) >= 6) w.erase(0, 4);
    else w = EntryTokenKey(w);
  }
  return words;
}

void NounReductions(std::string_view s, std::vector<std::string>* out) {
  const size_t n = Letters(s);
  auto add = [&](std::string v) {
    if (v.empty() || v == s) return;
    for (const auto& o : *out)
      if (o == v) return;
    out->push_back(std::move(v));
  };
  auto cut = [&](size_t letters) { return std::string(s.substr(0, s.size() - 2 * letters)); };
  if (EndsWith(s, "تان") && n >= 5) add(cut(3) + "ه");
  if (EndsWith(s, "تين") && n >= 5) add(cut(3) + "ه");
  if (EndsWith(s, "ات") && n >= 4) {
    add(cut(2) + "ه");
    add(cut(2));
  }
  if ((EndsWith(s, "ون") || EndsWith(s, "ين") || EndsWith(s, "ان")) && n >= 5) add(cut(2));
  if (EndsWith(s, "يه") && n >= 4) add(cut(1));
  if (EndsWith(s, "ه") && n >= 4) add(cut(1));
  if (EndsWith(s, "ا") && n >= 4) add(cut(1));
  // A ta marbuta before a pronoun suffix the segmenter left on (سيطرته،
  // زيارتها، قواتهم): restore the noun (سيطره، زياره).
  for (std::string_view enc : {"تهما", "تهم", "تها", "ته", "تنا", "تكم"}) {
    if (EndsWith(s, enc) && n >= Letters(enc) + 2) {
      add(std::string(s.substr(0, s.size() - enc.size())) + "ه");
      break;
    }
  }
}

void TokenKeys(const text::Token& tok, std::vector<TokenKey>* out, std::vector<std::string>* scratch) {
  out->clear();
  if (tok.kind == text::TokenKind::kNumber || tok.kind == text::TokenKind::kLatin) {
    out->push_back({std::string(tok.norm), kMatchExact});
    return;
  }
  if (tok.kind != text::TokenKind::kArabic) return;
  std::string stem(tok.stem);
  if (!tok.enclitic.empty() && EndsWith(stem, "ت") && Letters(stem) >= 3) {
    stem.resize(stem.size() - 2);
    stem += "ه";  // ta marbuta before a pronoun suffix: زيارته -> زياره
  }
  auto add_noun_keys = [&](const std::string& s) {
    out->push_back({s, kMatchExact});
    scratch->clear();
    NounReductions(s, scratch);
    const bool fem = EndsWith(s, "ه") && !EndsWith(s, "يه");
    for (auto& k : *scratch) {
      const bool fem_cut = fem && k.size() + 2 == s.size() && s.compare(0, k.size(), k) == 0;
      out->push_back({std::move(k), fem_cut ? kMatchFem : kMatchNoun});
    }
  };
  add_noun_keys(stem);
  if (tok.has(text::kDefArticle)) {
    // A word that itself begins with أل/ال (ألماني، ألبانيا) loses those letters
    // in its dictionary key (EntryTokenKey strips them as an article), so its
    // definite form (الألماني -> stem الماني) is also looked up without them.
    if (stem.rfind("ال", 0) == 0 && Letters(stem) >= 5) add_noun_keys(stem.substr(4));
    // ... except the inflected perfect of a form VIII verb whose root starts
    // with ل (التقت، التقوا، التزمت، التحقوا): its ال is no article, and its
    // dictionary key (التقى -> تقي) lost the same two letters.
    const std::string_view st = tok.stem;
    const bool only_article = (tok.proclitics & ~(text::kDefArticle | text::kConjWa | text::kConjFa)) == 0;
    if (!only_article || !st.starts_with("ت") || Letters(st) > 5 ||
        !((EndsWith(st, "ت") && !EndsWith(st, "ات")) || EndsWith(st, "وا")))
      return;  // a definite word is not a verb
    scratch->clear();
    text::VerbCandidates(st, scratch);
    for (auto& k : *scratch) {
      if (k == st) continue;  // (the inflected form itself is a noun key already)
      bool dup = false;
      for (const auto& o : *out) dup |= (o.key == k);
      if (!dup) out->push_back({std::move(k), kMatchVerb});
    }
    return;
  }
  scratch->clear();
  text::VerbCandidates(tok.stem, scratch);
  // (a form VIII verb the segmenter left whole after و: والتقت = و + التقت,
  // whose dictionary key lost its ال like every entry's)
  if (tok.stem.starts_with("ال") && Letters(tok.stem) >= 5) text::VerbCandidates(tok.stem.substr(4), scratch);
  // An object pronoun the segmenter leaves on a verb (اعتقلته، استهدفها،
  // قتلوه، التقاه): the verb without it. Before a pronoun the plural وا
  // loses its alef and a final ى is written ا.
  const std::string_view st = tok.stem;
  const size_t letters = Letters(st);
  for (std::string_view pron : {"هما", "هم", "ها", "ه"}) {
    if (!EndsWith(st, pron) || letters < Letters(pron) + 3) continue;
    const std::string core(st.substr(0, st.size() - pron.size()));
    text::VerbCandidates(core, scratch);
    if (EndsWith(core, "و")) text::VerbCandidates(core + "ا", scratch);
    if (EndsWith(core, "ا")) text::VerbCandidates(core.substr(0, core.size() - 2) + "ي", scratch);
    break;
  }
  // An imperfect base the noun reductions already gave (يطالبون -> يطالب، يصلان ->
  // يصل) is added again as a verb: a noun key does not match a verb form.
  // (Other shared keys stay nouns: صادرات is no صادر، دعما no دعم.)
  const bool plural_imperfect =
      (st.starts_with("ي") || st.starts_with("ت") || st.starts_with("ن")) &&
      (EndsWith(st, "ون") || EndsWith(st, "ين") || EndsWith(st, "ان") || EndsWith(st, "وا"));
  for (auto& k : *scratch) {
    bool dup = false;
    for (const auto& o : *out)
      dup |= o.key == k && (!plural_imperfect || !k.starts_with("ي") || (o.cls != kMatchNoun && o.cls != kMatchFem));
    if (!dup) out->push_back({std::move(k), kMatchVerb});
  }
}

}  // namespace rasd::lexicon
