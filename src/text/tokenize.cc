// Tokenisation and clitic segmentation over normalised text. Rules: docs/text.md.
#include <array>
#include <atomic>

#include "core/string_memo.h"
#include "rasd/text.h"

namespace rasd::text {
namespace {

struct Chain {
  std::string_view form;  // Normalised proclitic letters.
  uint8_t flags;
};

// Longest first so that وبال is tried before وب and و.
constexpr std::array<Chain, 28> kChains = {{
    {"وبال", kConjWa | kPrepBi | kDefArticle},
    {"فبال", kConjFa | kPrepBi | kDefArticle},
    {"وكال", kConjWa | kPrepKa | kDefArticle},
    {"فكال", kConjFa | kPrepKa | kDefArticle},
    {"ولل", kConjWa | kPrepLi | kDefArticle},
    {"فلل", kConjFa | kPrepLi | kDefArticle},
    {"وال", kConjWa | kDefArticle},
    {"فال", kConjFa | kDefArticle},
    {"بال", kPrepBi | kDefArticle},
    {"كال", kPrepKa | kDefArticle},
    {"لل", kPrepLi | kDefArticle},
    {"ال", kDefArticle},
    {"وس", kConjWa | kFutureSa},
    {"فس", kConjFa | kFutureSa},
    {"وب", kConjWa | kPrepBi},
    {"ول", kConjWa | kPrepLi},
    {"وك", kConjWa | kPrepKa},
    {"فب", kConjFa | kPrepBi},
    {"فل", kConjFa | kPrepLi},
    {"فك", kConjFa | kPrepKa},
    {"و", kConjWa},
    {"ف", kConjFa},
    {"ب", kPrepBi},
    {"ل", kPrepLi},
    {"ك", kPrepKa},
    {"س", kFutureSa},
    {"", 0},
    {"", 0},
}};

// Longest first; the empty enclitic is tried before all of them.
constexpr std::array<std::string_view, 11> kEnclitics = {"هما", "كما", "هم", "هن", "كم", "كن",
                                                         "نا",  "ها",  "ه",  "ك",  "ي"};

size_t Letters(std::string_view s) { return CountCodePoints(s); }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// س marks the future only before an imperfect prefix (سيزور، ستزور، سنزور، سازور).
bool FutureOk(std::string_view rest) {
  return StartsWith(rest, "ي") || StartsWith(rest, "ت") || StartsWith(rest, "ن") || StartsWith(rest, "ا");
}

}  // namespace

uint64_t Segmenter::NewMemoId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

void Segmenter::Segment(Token* tok) const {
  if (tok->kind != TokenKind::kArabic || tok->norm.size() < 6) {  // under 3 letters: nothing to split
    SegmentUncached(tok);
    return;
  }
  // Where in the norm the stem and enclitic lie (both are views into it).
  struct Cut {
    uint8_t proclitics;
    uint32_t stem_begin, stem_size, enc_begin, enc_size;
  };
  // Two memos a thread (the pipeline's segmenter, and one more such as the
  // NER's own); a memo that meets another segmenter starts over.
  struct Slot {
    uint64_t id = 0;
    StringMemo<Cut> memo{32768};
  };
  thread_local Slot slots[2];
  thread_local unsigned next_victim = 0;
  Slot* slot = slots[0].id == memo_id_ ? &slots[0] : slots[1].id == memo_id_ ? &slots[1] : nullptr;
  if (slot == nullptr) {
    slot = &slots[next_victim];
    next_victim ^= 1;
    slot->memo.Clear();
    slot->id = memo_id_;
  }
  const std::string_view w = tok->norm;
  const Cut& cut = slot->memo.Get(w, [&](Cut* c) {
    SegmentUncached(tok);
    c->proclitics = tok->proclitics;
    c->stem_begin = static_cast<uint32_t>(tok->stem.data() - w.data());
    c->stem_size = static_cast<uint32_t>(tok->stem.size());
    c->enc_begin = tok->enclitic.empty() ? 0 : static_cast<uint32_t>(tok->enclitic.data() - w.data());
    c->enc_size = static_cast<uint32_t>(tok->enclitic.size());
  });
  tok->proclitics = cut.proclitics;
  tok->stem = w.substr(cut.stem_begin, cut.stem_size);
  tok->enclitic = cut.enc_size == 0 ? std::string_view() : w.substr(cut.enc_begin, cut.enc_size);
}

void Segmenter::SegmentUncached(Token* tok) const {
  const std::string_view w = tok->norm;
  tok->proclitics = 0;
  tok->stem = w;
  tok->enclitic = {};
  if (tok->kind != TokenKind::kArabic || Letters(w) < 3) return;
  // Words that start like an article chain are not looked up whole: the word
  // list holds many article-prefixed forms (اليمن، للجيش), while dictionary
  // keys never include the article. Verbs such as التقى lose their ال to the
  // same rule on both sides, and the coder knows them as verbs.
  const bool def_start = StartsWith(w, "ال") || StartsWith(w, "وال") || StartsWith(w, "بال") ||
                         StartsWith(w, "لل") || StartsWith(w, "فال") || StartsWith(w, "كال");
  // A word explained by a known word or its inflectional base (فتحوا: فتح;
  // فرنسيين: فرنسي; وزارات: وزاره) is not split: proclitic letters are only
  // peeled off when the word itself cannot be explained — or when only the
  // general word list explains it while a conjunction split gives a
  // dictionary word (وزاروا: و + زاروا, not وزار + وا).
  auto explains = [&](std::string_view x, bool preferred_only) {
    auto ok = [&](std::string_view y) { return preferred_only ? Preferred(y) : Known(y); };
    if (ok(x)) return true;
    // One buffer per thread: a fresh vector here cost ~60 allocations per
    // document (docs/performance.md).
    thread_local std::vector<std::string> bases;
    bases.clear();
    VerbCandidates(x, &bases);
    // Only plain truncations count (زاروا -> زار); restored defective forms
    // (وزاروا -> وزاري) would explain too much.
    for (size_t i = 1; i < bases.size(); ++i)
      if (StartsWith(x, bases[i]) && ok(bases[i])) return true;
    for (std::string_view suf : {"ين", "ون", "ات", "ه", "ا", "ان"})
      if (EndsWith(x, suf) && Letters(x) - Letters(suf) >= 3 && ok(x.substr(0, x.size() - suf.size())))
        return true;
    return false;
  };
  // A dictionary verb with an object pronoun (فرضتها "imposed it", not ف +
  // رضت + ها) is explained too: the key builder strips the pronoun itself.
  auto verb_with_pronoun = [&] {
    for (std::string_view pron : {"هما", "هم", "ها", "ه"}) {
      if (!EndsWith(w, pron) || Letters(w) < Letters(pron) + 3) continue;
      std::string_view core = w.substr(0, w.size() - pron.size());
      if (explains(core, true)) return true;
      // (a perfect 3rd feminine: فرضت + ها)
      if (EndsWith(core, "ت") && Letters(core) >= 4 && explains(core.substr(0, core.size() - 2), true))
        return true;
      return false;
    }
    return false;
  };
  if (!def_start && (explains(w, false) || (StartsWith(w, "ف") && verb_with_pronoun()))) {
    bool conj_split = false;
    if (!explains(w, true)) {
      for (std::string_view conj : {"و", "ف"})
        if (StartsWith(w, conj) && Letters(w) >= 3 && explains(w.substr(conj.size()), true))
          conj_split = true;
      // ... also before a defective perfect whose final letter fell before the
      // suffix (ودعت = و + دعت of دعا, not ودّعت "bade farewell"; ونفت = و + نفت).
      if (!conj_split && StartsWith(w, "و")) {
        const std::string_view rest = w.substr(std::string_view("و").size());
        for (std::string_view suf : {"ت", "وا"}) {
          if (!EndsWith(rest, suf) || Letters(rest) != Letters(suf) + 2) continue;
          std::string base(rest.substr(0, rest.size() - suf.size()));
          base += "ا";
          if (Preferred(base)) conj_split = true;
        }
      }
      // The same for a one-letter preposition before a dictionary noun of
      // four letters or more (لمجلس = ل + مجلس, as in لمجلس الأمن).
      for (std::string_view prep : {"ل", "ب"})
        if (StartsWith(w, prep) && Letters(w) >= 5 && Preferred(w.substr(prep.size()))) conj_split = true;
    }
    if (!conj_split) return;
  }

  std::string buf;
  auto known_stem = [&](std::string_view s, bool has_enclitic) {
    if (Known(s)) return true;
    if (has_enclitic && EndsWith(s, "ت")) {  // زيارت+ه -> زياره (ة written ت before a suffix)
      buf.assign(s.substr(0, s.size() - 2));
      buf += "ه";
      return Known(buf);
    }
    return false;
  };

  // Shortest proclitic chain first: peel off as little as explains the word
  // (والتقى = و + التقى, not و + ال + تقى; بالجزائر = بال + جزائر).
  // The empty chain (an enclitic alone) comes last: زيارته = زياره + ه, but
  // الشمالية is ال + شمالية, not الشمالي + ه.
  for (size_t k = 0; k < kChains.size(); ++k) {
    const Chain& c = k + 2 < kChains.size() ? kChains[kChains.size() - 3 - k] : kChains[k];
    if (!StartsWith(w, c.form)) continue;
    const std::string_view rest = w.substr(c.form.size());
    const bool def = c.flags & kDefArticle;
    if (Letters(rest) < (def ? 3u : 2u)) continue;
    if ((c.flags & kFutureSa) && !FutureOk(rest)) continue;
    // After future س the verb is imperfect: its third-person form (يزور for
    // تزور/نزور) is what a word list knows.
    bool future_known = false;
    if ((c.flags & kFutureSa) && !known_stem(rest, false)) {
      size_t q = 0;
      DecodeUtf8(rest, &q);
      buf.assign("ي");
      buf.append(rest.substr(q));
      future_known = Known(buf);
    }
    // A rest that starts like the article is split like the bare word would
    // be when the article-less stem is a dictionary key: وألمانيا is و + ال +
    // مانيا, as ألمانيا is ال + مانيا, so both meet the same dictionary entry.
    if (!def && StartsWith(rest, "ال") && Letters(rest) >= 5 &&
        Preferred(rest.substr(std::string_view("ال").size())))
      continue;
    if (!c.form.empty() && (future_known || known_stem(rest, false) || explains(rest, true))) {
      tok->proclitics = c.flags, tok->stem = rest;
      return;
    }
    for (std::string_view e : kEnclitics) {
      if (!EndsWith(rest, e)) continue;
      const std::string_view s = rest.substr(0, rest.size() - e.size());
      if (Letters(s) < 2) continue;
      if (known_stem(s, true)) {
        tok->proclitics = c.flags, tok->stem = s, tok->enclitic = rest.substr(s.size());
        return;
      }
    }
  }
  // Fallback: strip a definite-article chain when three letters remain.
  for (const Chain& c : kChains) {
    if (!(c.flags & kDefArticle) || !StartsWith(w, c.form)) continue;
    const std::string_view rest = w.substr(c.form.size());
    if (Letters(rest) >= 3) {
      tok->proclitics = c.flags, tok->stem = rest;
      return;
    }
  }
}

void Tokenize(const NormalizedText& nt, uint32_t nbegin, uint32_t nend, const Segmenter& seg,
              std::vector<Token>* out) {
  const std::string_view s(nt.text);
  size_t pos = nbegin;
  auto is_digit = [](char32_t c) { return c >= '0' && c <= '9'; };
  auto is_latin = [](char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F);
  };
  while (pos < nend) {
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(s, &pos);
    // Hashtags (#مجلس_الأمن، #ميليشيات_الحوثي) are words separated by
    // underscores: # and _ separate like spaces.
    if (cp == ' ' || cp == '\n' || cp == '_' || cp == '#') continue;
    Token t;
    if (IsArabicLetter(cp)) {
      t.kind = TokenKind::kArabic;
      while (pos < nend) {
        size_t q = pos;
        if (!IsArabicLetter(DecodeUtf8(s, &q))) break;
        pos = q;
      }
    } else if (is_digit(cp)) {
      t.kind = TokenKind::kNumber;
      while (pos < nend) {
        size_t q = pos;
        const char32_t c = DecodeUtf8(s, &q);
        if (is_digit(c)) {
          pos = q;
          continue;
        }
        // Internal separators between digits: 3.5  1,000  10:30  16/2/2016
        if ((c == '.' || c == ',' || c == ':' || c == '/') && q < nend &&
            is_digit(static_cast<unsigned char>(s[q]))) {
          pos = q;
          continue;
        }
        if (is_latin(c)) {  // 5g, 3d: alphanumeric token
          t.kind = TokenKind::kLatin;
          pos = q;
          continue;
        }
        break;
      }
    } else if (is_latin(cp)) {
      t.kind = TokenKind::kLatin;
      while (pos < nend) {
        size_t q = pos;
        const char32_t c = DecodeUtf8(s, &q);
        if (!is_latin(c) && !is_digit(c)) break;
        pos = q;
      }
    } else {
      t.kind = (cp < 0x80 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xAB || cp == 0xBB) ? TokenKind::kPunct
                                                                                         : TokenKind::kSymbol;
    }
    t.nbegin = static_cast<uint32_t>(start);
    t.nend = static_cast<uint32_t>(pos);
    // Original span: from the first character's origin to the next kept
    // character's origin, but never across a space (keeps trailing marks).
    t.span = Span{nt.orig[start], nt.orig[pos]};
    t.norm = s.substr(start, pos - start);
    seg.Segment(&t);
    out->push_back(t);
  }
}

void VerbCandidates(std::string_view stem, std::vector<std::string>* out) {
  out->emplace_back(stem);
  const size_t n = Letters(stem);
  auto add = [&](std::string v) {
    for (const auto& o : *out)
      if (o == v) return;
    out->push_back(std::move(v));
  };
  // Perfect-tense subject suffixes: زاروا تمت التقيا اجتمعن. Defective verbs
  // lose their final letter before them (دعا -> دعت، دعوا; نفى -> نفت; التقى ->
  // التقت), so the base is also tried with ا and ي restored.
  for (std::string_view suf : {"وا", "تما", "تم", "تن", "تا", "نا", "ت", "ن", "ا"}) {
    if (EndsWith(stem, suf) && n - Letters(suf) >= 2) {
      const std::string base(stem.substr(0, stem.size() - suf.size()));
      add(base);
      if (suf == "ت" || suf == "وا" || suf == "تا") {
        add(base + "ا");
        add(base + "ي");
      }
    }
  }
  // Imperfect: any person prefix -> ي, dropping mood/number suffixes.
  for (std::string_view pre : {"ي", "ت", "ن", "ا"}) {
    if (!StartsWith(stem, pre) || n < 3) continue;
    std::string base = "ي";
    base += stem.substr(pre.size());
    const std::string_view b(base);
    for (std::string_view suf : {"ون", "ين", "ان", "وا", "ن"}) {
      if (EndsWith(b, suf) && Letters(b) - Letters(suf) >= 3)
        add(std::string(b.substr(0, b.size() - suf.size())));
    }
    add(base);
  }
  // Verbal nouns: ت before a removed suffix is a ta marbuta; plural ات.
  if (EndsWith(stem, "ت") && n >= 3) add(std::string(stem.substr(0, stem.size() - 2)) + "ه");
  if (EndsWith(stem, "ات") && n >= 4) add(std::string(stem.substr(0, stem.size() - 4)) + "ه");
  if (EndsWith(stem, "ات") && n >= 4) add(std::string(stem.substr(0, stem.size() - 4)));
}

}  // namespace rasd::text
