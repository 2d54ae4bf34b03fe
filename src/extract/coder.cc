#include "extract/coder.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <tuple>

#include "lexicon/keys.h"

namespace rasd::extract {
namespace {

using lexicon::ActorMention;
using lexicon::Category;
using lexicon::CueKind;
using lexicon::CueMatch;
using lexicon::EntryRecord;

using lexicon::TriggerKind;
using lexicon::TriggerMatch;

bool IsBoundaryToken(const text::Token& t) {
  if (t.kind == text::TokenKind::kPunct) {
    const std::string_view n = t.norm;
    return n == "," || n == ";" || n == ":" || n == "?" || n == "!" || n == "(" || n == ")" || n == "\"" ||
           n == "«" || n == "»" || n == "-" || n == "–";
  }
  // Complementisers open a new clause: قال ... إن/أن ...
  const std::string_view s = t.stem;
  if (t.kind == text::TokenKind::kArabic &&
      (s == "ان" || s == "انه" || s == "انها" || s == "بان" || s == "لان"))
    return t.proclitics == 0 || t.has(text::kPrepBi) || t.has(text::kConjWa);
  // So do contrast and time conjunctions: ... ولكنه منح كندا ...، بينما ...، بعدما ...
  if (t.kind == text::TokenKind::kArabic && (t.proclitics == 0 || t.has(text::kConjWa)) &&
      (s == "لكن" || s == "لكنه" || s == "لكنها" || s == "ولكن" || s == "ولكنه" || s == "ولكنها" ||
       s == "بينما" || s == "فيما" || s == "عندما" || s == "بعدما" || s == "حيث" || s == "كما" ||
       s == "حين" || s == "حينما"))
    return true;
  return false;
}

// Prepositions that make the following verbal noun a topic.
bool IsTopicPreposition(const text::Token& t) {
  if (t.kind != text::TokenKind::kArabic) return false;
  // The whole word: the segmenter reads إلى as ال+ي and بشأن as ب+شأن.
  const std::string_view p = t.norm;
  return p == "من" || p == "في" || p == "مع" || p == "عن" || p == "علي" || p == "الي" || p == "حول" ||
         p == "بشان" || p == "ضد" || p == "ازاء" || p == "لدي" || p == "منذ";
}

// Nouns that make a following verbal noun their complement: the charge of
// kidnapping, the anniversary of an assassination, a plan to attack.
bool IsFrameNoun(const text::Token& t) {
  if (t.kind != text::TokenKind::kArabic) return false;
  static const char* const kFrames[] = {"تهمه", "تهم", "جريمه", "جرائم", "ذكري", "محاكمه", "قضيه", "ملف",
                                        "خطر", "خطه", "مخطط", "احتمال", "امكانيه", "شبح", "مسلسل", "فيلم",
                                        "كتاب", "روايه", "قانون", "مشروع", "سيناريو", "خيار",
                                        // Intentions and plans (دراسة شن ضربة، نية غزو).
                                        "دراسه", "نيه", "فكره", "استعداد",
                                        // Topics of talks and policy prose (بحث سبل التعاون، آفاق
                                        // التعاون، ضرورة دعم الشركات، أهمية تعزيز العلاقات).
                                        "سبل", "افاق", "اتجاهات", "اوجه", "ضروره", "اهميه", "فرص"};
  for (const char* f : kFrames)
    if (t.stem == f) return true;
  return false;
}

// تعرض / يتعرض / تعرضت (was subjected to) before a verbal noun with ل.
bool SubjectedTo(const text::Token& t) {
  const std::string_view s = t.stem;
  return s.rfind("تعرض", 0) == 0 || s.rfind("يتعرض", 0) == 0;
}

// Casualty words: a sentence that counts dead or wounded reports violence.
bool HasCasualties(const std::vector<text::Token>& toks, uint32_t tb, uint32_t te) {
  for (uint32_t t = tb; t < te; ++t) {
    const std::string_view st = toks[t].stem;
    if (st == "قتيل" || st == "قتلي" || st == "جريح" || st == "جرحي" || st == "مقتل" || st == "مصرع" ||
        st == "اصابه" || st == "ضحايا" || st == "بجروح" || st == "جروح" || st == "استشهاد" || st == "قتل")
      return true;
  }
  return false;
}

bool IsQuestion(const std::vector<text::Token>& toks, uint32_t tb, uint32_t te) {
  if (te > tb && (toks[te - 1].norm == "?" || (te - tb > 1 && toks[te - 2].norm == "?"))) return true;
  return toks[tb].stem == "هل" || (te > tb + 1 && toks[tb + 1].stem == "هل");
}

// A subject is never governed by a preposition: فيه، بالجزائر، إلى الجزائر.
bool GovernedByPreposition(const text::Token* toks, uint32_t tb, uint32_t sent_begin) {
  if (toks[tb].has(text::kPrepBi) || toks[tb].has(text::kPrepLi) || toks[tb].has(text::kPrepKa)) return true;
  if (tb <= sent_begin) return false;
  if (IsTopicPreposition(toks[tb - 1])) return true;
  // Prepositions of place and passage govern an actor too (يسافرون عبر
  // الجزائر إلى المغرب), though a verbal noun after them is still an event
  // (خلال زيارته).
  const std::string_view p = toks[tb - 1].norm;
  return p == "عبر" || p == "قرب" || p == "داخل" || p == "نحو" || p == "باتجاه" || p == "عند" || p == "خارج";
}

// Whether one of the prepositions of a trigger's frame ("prep:على|prep:مع")
// governs the actor at `tb`: a proclitic ب/ل or the word before it.
bool GovernedByFramePreposition(const text::Token* toks, uint32_t tb, uint32_t sent_begin,
                                std::string_view frame) {
  for (size_t p = frame.find("prep:"); p != std::string_view::npos; p = frame.find("prep:", p + 5)) {
    std::string_view prep = frame.substr(p + 5);
    prep = prep.substr(0, prep.find('|'));
    const std::string n = text::NormalizeString(prep);
    if (n == "ب"   ? toks[tb].has(text::kPrepBi)
        : n == "ل" ? toks[tb].has(text::kPrepLi)
                   : tb > sent_begin && toks[tb - 1].norm == n)
      return true;
  }
  return false;
}

// Case endings visible in writing: accusative tanween alef (جنرالا) and the
// oblique sound plural (عسكريين). Such a noun is not a subject.
// Names (روسيا، أمريكا) end in alef by themselves and say nothing.
bool IsAccusative(const ActorMention& a, const text::Token& t, bool oblique_plural) {
  if (a.strength == 2 || a.rule.find("person:") != std::string::npos || a.rule.find("org:") == 0)
    return false;
  const std::string_view st = t.stem;
  if (text::CountCodePoints(st) < 4) return false;
  return (oblique_plural && st.substr(st.size() - 4) == "ين") || st.substr(st.size() - 2) == "ا";
}

// Events below this confidence are not emitted (see the confidence notes in
// docs/coding.md).
constexpr double kMinConfidence = 0.3;

bool IsRelativePronoun(const text::Token& t) {
  const std::string_view n = t.norm;
  return n == "الذي" || n == "التي" || n == "الذين" || n == "اللذين" || n == "اللتين" || n == "اللواتي" ||
         n == "اللذان" || n == "اللتان";
}

struct Clause {
  uint32_t tb, te;
};

bool IsCoordinator(const text::Token& t) {
  return t.kind == text::TokenKind::kArabic && (t.norm == "و" || t.norm == "او");
}

// Number words that count victims (قتل أربعة جنود، اثنان من المدنيين).
bool IsNumberWord(std::string_view st) {
  static const char* const kNumbers[] = {"اثنان", "اثنين", "اثنتين", "ثلاث",   "ثلاثه",  "اربع",
                                         "اربعه", "خمس",   "خمسه",   "ست",     "سته",    "سبع",
                                         "سبعه",  "ثماني", "ثمانيه", "تسع",    "تسعه",   "عشر",
                                         "عشره",  "عشرين", "عشرون",  "ثلاثين", "اربعين", "خمسين"};
  for (const char* w : kNumbers)
    if (st == w) return true;
  return false;
}

// Whether an actor mention can be a party of the event of `tm` at all, or
// only names where it happens:
// - meetings, agreements and cooperation (roots 03-08) happen in a place: an
//   actor after في is where (قمة ترامب وكيم في سنغافورة);
// - a bare nisba after a geographic noun that a preposition governs is a
//   location (قرب الحدود التركية، في الشمال السوري); for meetings also a
//   country (في هلسنكي عاصمة فنلندا);
// - a city right after a summit or conference noun is its venue (قمة هلسنكي،
//   مؤتمر باريس), unless coordinated with another party.
// A single-word role with nothing attached (no country, person or
// organisation): the kind of actor that may be a mere adjective.
bool LoneRoleWord(const ActorMention& a) {
  return a.te == a.tb + 1 && a.rule.starts_with("role:") && a.rule.find("+country:") == std::string::npos &&
         a.rule.find("+person:") == std::string::npos && a.rule.find("+org:") == std::string::npos;
}

// The actor of the sentence that ends right before token `t`, if any.
const ActorMention* ActorEndingAt(const Recognition& r, uint32_t sentence, uint32_t t) {
  for (const ActorMention& b : r.actors)
    if (b.sentence == sentence && b.te == t) return &b;
  return nullptr;
}
bool ActorEndsAt(const Recognition& r, uint32_t sentence, uint32_t t) {
  return ActorEndingAt(r, sentence, t);
}

// Where the coordinated run an actor belongs to begins (إلى جانب فرنسا
// وبريطانيا: بريطانيا's run begins at فرنسا): markers before the run apply to
// all its members.
uint32_t CoordinationHead(const ActorMention& a, const std::vector<text::Token>& toks, uint32_t sb,
                          const Recognition& r) {
  uint32_t hb = a.tb;
  while (hb > sb && toks[hb].has(text::kConjWa)) {
    const ActorMention* prev = ActorEndingAt(r, a.sentence, hb);
    if (prev == nullptr) break;
    hb = prev->tb;
  }
  return hb;
}

// Roles that carry no arms: their holder is a victim of killing, not a killer.
bool UnarmedCode(std::string_view c) {
  return c.ends_with("MED") || c.ends_with("CVL") || c.ends_with("REF") || c.ends_with("REL") ||
         c.ends_with("ELI") || c.ends_with("BUS") || c.ends_with("NGO");
}

bool IsParty(const ActorMention& a, const TriggerMatch& tm, int root, bool verbal, const Workspace& ws,
             const Recognition& r, const lexicon::Lexicon& lex) {
  const auto& toks = ws.tokens;
  const uint32_t sb = ws.sentences[tm.sentence].tok_begin;
  // The interviewer or outlet of a statement is no party (انتقد ظريف في مقابلة
  // مع صحيفة "اعتماد" التطرف الأوروبي، قال في حديث لقناة ...).
  // (only media: تصريحات للرئيس عباس are Abbas's, حوار مع روسيا is with Russia)
  if (root != 4 && a.tb >= sb + 2 && a.code.ends_with("MED")) {
    auto statement = [](std::string_view st) {
      return st == "مقابله" || st == "حوار" || st == "حديث" || st == "تصريح" || st == "تصريحات";
    };
    if (toks[a.tb - 1].norm == "مع" && statement(toks[a.tb - 2].stem)) return false;
    if (toks[a.tb].has(text::kPrepLi) && statement(toks[a.tb - 1].stem)) return false;
  }
  // (the whole coordinated run after في: يدعم الإرهاب في سوريا والعراق واليمن)
  if (root >= 3 && root <= 8) {
    const uint32_t hb = CoordinationHead(a, toks, sb, r);
    if (hb > sb && toks[hb - 1].norm == "في" && toks[hb - 1].proclitics == 0) return false;
  }
  // ... also past a geographic noun and its nisba (في العاصمة الأرجنتينية
  // بوينس آيرس، في مدينة جدة).
  if (root >= 3 && root <= 8 && a.code.size() == 3 && a.tb >= sb + 2 && !toks[a.tb].has(text::kPrepBi) &&
      text::InLocativePhrase(toks.data(), a.tb, sb))
    return false;
  // An actor a group is loyal to, affiliated with or backed by qualifies that
  // group (فصائل سورية موالية لأنقرة، ميليشيات مدعومة من إيران): no party.
  if (a.tb > sb) {
    std::string_view q = toks[a.tb - 1].stem;
    if (toks[a.tb].has(text::kPrepLi) || (a.tb > sb + 1 && (toks[a.tb - 1].norm == "من"))) {
      if (toks[a.tb - 1].norm == "من" && a.tb > sb + 1) q = toks[a.tb - 2].stem;
      if (q == "مواليه" || q == "موالي" || q == "موالين" || q == "الموالين" || q == "موالون" ||
          q == "مدعومه" || q == "مدعوم" || q == "مدعومين" || q == "مقربه" || q == "مقرب" || q == "مقربين")
        return false;
      // تابعة لـ right after a group is its affiliation (ميليشيات تابعة لإيران);
      // after a thing it names the owner, a party (مواقع تابعة للحوثيين).
      if ((q == "تابعه" || q == "تابع" || q == "تابعين") && a.tb >= sb + 2) {
        const uint32_t qpos = toks[a.tb - 1].norm == "من" ? a.tb - 2 : a.tb - 1;
        for (const ActorMention& b : r.actors)
          if (b.sentence == tm.sentence && b.te == qpos) return false;
      }
    }
  }
  // A helper is no party: بفضل روسيا وإيران "thanks to"، بدعم من روسيا،
  // بمساعدة من ... (co-agents at most); nor is the country across a border
  // (قرب الحدود مع العراق: where, not whom).
  if (const uint32_t hb = CoordinationHead(a, toks, sb, r); hb > sb + 1) {  // (بفضل روسيا وإيران: both)
    const text::Token& p1 = toks[hb - 1];
    const text::Token& p2 = toks[hb - 2];
    if (p1.has(text::kPrepBi) && p1.stem == "فضل") return false;
    if (p1.norm == "من" && p2.has(text::kPrepBi) &&
        (p2.stem == "دعم" || p2.stem == "مساعده" || p2.stem == "مسانده"))
      return false;
    if (p1.norm == "مع" && (p2.stem == "حدود" || p2.stem == "حدوده" || p2.stem == "حدودها")) return false;
  }
  // حماس alone is also "enthusiasm": بحماس "enthusiastically", and before a
  // genitive actor (حماس الشعب المغربي، حماس الجماهير) it is a noun.
  if (a.code == "PSEREB" && toks[a.te - 1].stem == "حماس" &&
      (a.te == a.tb + 1 || toks[a.te - 1].has(text::kConjWa))) {
    if (toks[a.te - 1].has(text::kPrepBi)) return false;
    if (a.te < ws.sentences[tm.sentence].tok_end && toks[a.te].has(text::kDefArticle) &&
        !toks[a.te].has(text::kConjWa))
      for (const ActorMention& b : r.actors)
        if (b.sentence == a.sentence && b.tb == a.te && !b.nisba_only) return false;
  }
  // A bare role word without the article right after a noun trigger is its
  // adjective (زيارة خارجية، مساعدات عسكرية): no party.
  // (shaped like a nisba adjective: خارجية، عسكري; a noun such as أطفال in
  // تجنيد أطفال is the object)
  if (!verbal && a.tb == tm.te && LoneRoleWord(a) && !toks[a.tb].has(text::kDefArticle) && a.tb > sb &&
      !toks[a.tb].has(text::kConjWa) && !toks[a.tb].has(text::kPrepLi) && !toks[a.tb].has(text::kPrepBi) &&
      (toks[a.tb].norm.ends_with("يه") || toks[a.tb].norm.ends_with("ي") || toks[a.tb].norm.ends_with("يا")))
    return false;
  // The ranks of a group are where a member serves (تقاتل في صفوف تنظيم داعش،
  // انشق عن صفوف الجيش): the group is no other party.
  if (a.tb > sb && toks[a.tb - 1].stem == "صفوف") return false;
  // بقيادة "led by" introduces the leader; the word is no actor itself.
  if (a.te == a.tb + 1 && toks[a.tb].has(text::kPrepBi) && toks[a.tb].stem == "قياده") return false;
  // A clause that opens with في + a country is set there (ففي الصومال وجهت
  // اتهامات لإريتريا): the country is where, not who, for the verbal roots.
  if (root <= 13 && a.tb > sb && a.code.size() == 3) {
    const std::string_view q = toks[a.tb - 1].norm;
    if (q == "وفي" || q == "ففي") return false;
  }
  // The geographic noun must itself say where: after a preposition or a
  // locative adverb (قرب الحدود التركية، إلى العاصمة الإثيوبية)، not as the
  // object of the verb (قصفت الطائرات العاصمة السورية: Syria is the target).
  auto geographic = [&](uint32_t t) {
    const std::string_view p = toks[t].stem;
    const bool geo = p == "حدود" || p == "سواحل" || p == "ساحل" || p == "اراضي" || p == "مياه" ||
                     p == "اجواء" || p == "شواطئ" || p == "شمال" || p == "جنوب" || p == "شرق" || p == "غرب" ||
                     p == "وسط" || p == "عاصمه" || p == "مدينه" || p == "مدن" || p == "منطقه" ||
                     p == "مناطق" || p == "محافظه" || p == "بلده" || p == "قريه";
    if (!geo) return false;
    if (toks[t].has(text::kPrepBi) || toks[t].has(text::kPrepLi)) return true;
    if (t == sb) return false;
    const std::string_view q = toks[t - 1].norm;  // whole word (إلى is ال+ي to the segmenter)
    return q == "في" || q == "قرب" || q == "علي" || q == "عند" || q == "داخل" || q == "عبر" || q == "من" ||
           q == "الي" || q == "باتجاه" || q == "نحو" || q == "بالقرب" || q == "خارج" || q == "حتي";
  };
  if (a.tb > sb && geographic(a.tb - 1) && (a.nisba_only || (root >= 3 && root <= 8 && a.code.size() == 3)))
    return false;
  // ب after a place names a wider place (في نواكشوط بموريتانيا), not a partner.
  if (root >= 3 && root <= 8 && a.code.size() == 3 && toks[a.tb].has(text::kPrepBi) && a.tb > sb)
    for (const auto& p : r.places)
      if (p.sentence == a.sentence && p.te == a.tb && p.tb > sb &&
          text::InLocativePhrase(toks.data(), p.tb, sb))
        return false;
  // Who says so is no party (وفق المرصد، بحسب الأمم المتحدة، نقلا عن مصادر،
  // وفق ما أعلنت السلطات).
  if (a.tb > sb) {
    const std::string_view q = toks[a.tb - 1].norm;
    if (q == "وفق" || q == "وفقا" || q == "بحسب" || q == "حسب" || q == "حسبما" || q == "بحسبما" ||
        (q == "عن" && a.tb > sb + 1 && toks[a.tb - 2].norm == "نقلا"))
      return false;
    if (a.tb > sb + 1 && (toks[a.tb - 2].norm == "حسبما" || toks[a.tb - 2].norm == "بحسبما")) return false;
    if (a.tb > sb + 2 && toks[a.tb - 2].norm == "ما") {
      const std::string_view p = toks[a.tb - 3].norm;
      if (p == "وفق" || p == "وفقا" || p == "بحسب" || p == "حسب") return false;
    }
  }
  // Security as a state of affairs is no police force (إعادة الأمن والاستقرار،
  // حفظ الأمن، زعزعة الأمن).
  if (toks[a.tb].stem == "امن" && a.rule.starts_with("role:") &&
      a.rule.find("+person:") == std::string::npos && a.rule.find("+org:") == std::string::npos) {
    const std::string_view nx =
        a.tb + 1 < ws.sentences[tm.sentence].tok_end ? toks[a.tb + 1].norm : std::string_view();
    const std::string_view pv = a.tb > sb ? toks[a.tb - 1].stem : std::string_view();
    if (nx == "والاستقرار" || nx == "والسلام" || nx == "والامان" || nx == "الاقليمي" || nx == "الدولي" ||
        pv == "اعاده" || pv == "حفظ" || pv == "تحقيق" || pv == "استتباب" || pv == "زعزعه" ||
        pv == "استعاده" || pv == "تعزيز" || pv == "ضمان" || pv == "بسط" || pv == "انعدام" || pv == "غياب")
      return false;
  }
  // "Administration" or "leadership" of a thing (تحسين إدارة الموارد، قيادة
  // السيارات) is an activity, not an actor: a bare one before a noun that
  // names no actor.
  if (a.te == a.tb + 1 && a.rule.starts_with("role:") && a.rule.find('+') == std::string::npos &&
      (toks[a.tb].stem == "اداره" || toks[a.tb].stem == "قياده") &&
      a.te < ws.sentences[tm.sentence].tok_end && toks[a.te].kind == text::TokenKind::kArabic &&
      toks[a.te].has(text::kDefArticle)) {
    bool actor_next = false;
    for (const ActorMention& b : r.actors) actor_next |= b.sentence == a.sentence && b.tb == a.te;
    if (!actor_next) return false;
  }
  // What an event responds to is its cause, not its party (ستتوجه إلى أسواق
  // جديدة ردا على العقوبات الأمريكية) — except for sanctions and force, which
  // are aimed at whoever they answer (تفرض رسوما ردا على الإجراءات الأميركية).
  for (uint32_t k = a.tb; root < 16 && k > sb + 1 && a.tb - k < 4; --k) {
    if (IsBoundaryToken(toks[k - 1])) break;
    if (toks[k - 1].stem == "علي" && (toks[k - 2].norm == "ردا" || toks[k - 2].norm == "رداً") &&
        tm.te <= k - 2)
      return false;
  }
  // A label after a named party (ميليشيا الحوثي الإرهابية، الانقلابية) describes
  // it: no second party.
  if (LoneRoleWord(a) && a.tb > sb) {
    const std::string_view w = toks[a.tb].stem;
    if ((w.starts_with("ارهابي") || w.starts_with("انقلابي") || w.starts_with("متطرف") ||
         w.starts_with("جهادي") || w.starts_with("متشدد") || w == "مسلحه") &&
        ActorEndsAt(r, a.sentence, a.tb))
      return false;
  }
  // Who backs or funds a party is no party itself (مليشيا الحوثي المدعومة من
  // إيران، جبهة النصرة الممولة من قطر).
  if (a.tb > sb + 1 && toks[a.tb - 1].norm == "من") {
    const std::string_view w = toks[a.tb - 2].stem;
    if (w.starts_with("مدعوم") || w.starts_with("ممول")) return false;
  }
  // The posting in an envoy's title (مبعوث الأمم المتحدة إلى سوريا، سفير الكويت
  // لدى واشنطن) is no party of the envoy's acts.
  if (a.tb > sb + 1 && (toks[a.tb - 1].norm == "الي" || toks[a.tb - 1].norm == "لدي")) {
    for (uint32_t k = a.tb - 1; k > sb && a.tb - k <= 4; --k) {
      const std::string_view w = toks[k - 1].stem;
      if (w.starts_with("مبعوث") || w.starts_with("سفير") || w.starts_with("ممثل") || w.starts_with("مندوب"))
        return false;
    }
  }
  // Whose support an act had (استعادت القوات المنطقة بإسناد من التحالف، بدعم
  // من) is a co-agent, no target.
  if (a.tb > sb + 1 && toks[a.tb - 1].norm == "من") {
    const std::string_view w = toks[a.tb - 2].norm;
    if (w == "باسناد" || w == "بدعم" || w == "بمساندة" || w == "بمسانده" || w == "بغطاء" || w == "بمشاركة" ||
        w == "بمشاركه")
      return false;
  }
  // On whose behalf (يقاتل نيابة عن طهران، بالوكالة عن إيران) is no party.
  if (a.tb > sb + 1 && toks[a.tb - 1].norm == "عن") {
    const std::string_view w = toks[a.tb - 2].norm;
    if (w == "نيابه" || w == "نيابة" || w == "بالنيابه" || w == "بالوكاله" || w == "وكاله") return false;
  }
  // An origin (رجل وزوجته من أصول إيرانية) describes a person: no party.
  // (أصول alone is also "assets": ستستهدف أصول روسيا.)
  if (a.tb > sb + 1 && (toks[a.tb - 1].stem == "اصول" || toks[a.tb - 1].stem == "اصل") &&
      toks[a.tb - 2].norm == "من")
    return false;
  // Force "with" an ally is done together (غارات شنتها دمشق مع حليفتها موسكو،
  // تشن أنقرة مع فصائل سورية موالية هجوما): the one after مع is no target,
  // unless the verb itself takes مع (اشتبك مع، تعاون مع).
  // (The first of a coordinated run decides: إلى جانب فرنسا وبريطانيا.)
  const uint32_t hb = CoordinationHead(a, toks, sb, r);
  const bool after_ma =
      hb > sb && (toks[hb - 1].norm == "مع" ||
                  // إلى جانب فرنسا وبريطانيا "alongside"
                  (hb > sb + 1 && toks[hb - 1].stem == "جانب" && toks[hb - 2].norm == "الي") ||
                  (hb > sb + 1 && toks[hb - 2].norm == "مع" && toks[hb - 1].stem.starts_with("حليف")));
  if (root >= 15 && after_ma && tm.tb < a.tb) {
    const std::string frame(lex.str(lex.entry(tm.entry).name));
    if (frame.find("prep:مع") == std::string::npos) {
      bool ally = false;
      for (uint32_t t = hb - 1; t < std::min<uint32_t>(a.te + 2, ws.sentences[tm.sentence].tok_end); ++t) {
        const std::string_view w = toks[t].stem;
        ally |= w.starts_with("حليف") || w.starts_with("موالي") || w == "مواليه";
      }
      if (ally || toks[hb - 1].stem == "جانب") return false;
    }
  }
  // Where someone comes from is no party (سيصل الوفد قادما من كندا).
  if (a.tb > sb + 1 && toks[a.tb - 1].norm == "من" && toks[a.tb - 2].stem.starts_with("قادم")) return false;
  // What an event is about is no party (مؤتمر حول ليبيا، محادثات بشأن
  // سوريا، صمت العالم حيال ...), nor what is excepted (مستثنيا كندا
  // والمكسيك: also the actors coordinated after the first).
  if (hb > sb) {
    const std::string_view q = toks[hb - 1].norm;
    if (q == "حول" || q == "بشان" || q == "حيال" || q == "ازاء" || q == "مستثنيا" || q == "باستثناء" ||
        q == "عدا")
      return false;
  }
  // A nisba that qualifies a ب-phrase (بموافقة صينية، بدعم إيراني) says how,
  // never who.
  // (The ب-word may be the trigger itself, بدعم روسي "with Russian support",
  // or an agent phrase, بنيران إسرائيلية: there the nisba is the doer.)
  if (a.nisba_only && a.tb > sb && toks[a.tb - 1].has(text::kPrepBi) && a.tb != tm.te) {
    const std::string_view m = toks[a.tb - 1].stem;
    if (m != "نيران" && m != "رصاص" && m != "قذائف" && m != "ايدي" && m != "يد") return false;
  }
  // Before whom is the forum, not a party (شكوى أمام منظمة التجارة العالمية،
  // مثل أمام المحكمة، كلمة أمام الجمعية العامة).
  if (a.tb > sb && (toks[a.tb - 1].norm == "امام" || toks[a.tb - 1].norm == "وامام")) return false;
  // A role adjective on its own after a definite noun that is no actor
  // qualifies that noun (الصناعات العسكرية، الزي العسكري، الألغام البحرية).
  if (LoneRoleWord(a) && a.tb > sb && toks[a.tb].has(text::kDefArticle) && !toks[a.tb].has(text::kConjWa) &&
      (toks[a.tb].stem.ends_with("ي") || toks[a.tb].stem.ends_with("يه")) &&
      (toks[a.tb - 1].has(text::kDefArticle) || toks[a.tb - 1].norm.starts_with("ال")) &&
      toks[a.tb - 1].kind == text::TokenKind::kArabic && !ActorEndsAt(r, a.sentence, a.tb))
    return false;
  // ... and so does a feminine one after an indefinite plural of things
  // (علاقات دبلوماسية، مناورات عسكرية، عمليات أمنية), and an accusative
  // one after an accusative noun (تدريبا عسكريا).
  if (LoneRoleWord(a) && a.tb > sb && toks[a.tb].proclitics == 0 && !toks[a.tb - 1].has(text::kDefArticle) &&
      toks[a.tb - 1].kind == text::TokenKind::kArabic &&
      ((toks[a.tb].stem.ends_with("يه") && toks[a.tb - 1].stem.ends_with("ات")) ||
       // ... or an accusative one after an accusative noun (تلقوا تدريبا عسكريا)
       (toks[a.tb].stem.ends_with("يا") && toks[a.tb - 1].stem.ends_with("ا") &&
        text::CountCodePoints(toks[a.tb - 1].stem) >= 4)) &&
      !ActorEndsAt(r, a.sentence, a.tb))
    return false;
  // ... and a masculine one right after an indefinite event noun qualifies
  // the event (هجوم عسكري واسع لقوات النظام، تحرك عسكري).
  if (LoneRoleWord(a) && a.tb > sb && toks[a.tb].proclitics == 0 && toks[a.tb].stem.ends_with("ي") &&
      !toks[a.tb - 1].has(text::kDefArticle)) {
    for (const TriggerMatch& o : r.triggers)
      if (o.sentence == a.sentence && o.te == a.tb && o.entry != lexicon::kNone &&
          static_cast<TriggerKind>(lex.entry(o.entry).kind) !=
              TriggerKind::kVerb)  // (not هاجم انتحاري: a subject)
        return false;
  }
  // A nisba that is a first name (تركي آل الشيخ، سعودي بن ...) is a person.
  if (a.nisba_only && a.te < ws.sentences[tm.sentence].tok_end) {
    const std::string_view n = toks[a.te].norm;
    if (n == "ال" || n == "بن" || n == "ابن" || n == "ابو") return false;
  }
  // A nisba after a currency names the money, not a party (50 ألف دولار
  // أمريكي، مليار يورو أوروبي).
  if (a.nisba_only && a.tb > sb) {
    const std::string_view q = toks[a.tb - 1].stem;
    if (q == "دولار" || q == "دولارا" || q == "دولارات" || q == "يورو" || q == "جنيه" || q == "جنيها" ||
        q == "دينار" || q == "دينارا" || q == "ريال" || q == "ريالا" || q == "درهم" || q == "درهما" ||
        q == "ليره" || q == "روبل" || q == "يوان" || q == "ين" || q == "فرنك" || q == "روبيه" || q == "تومان")
      return false;
  }
  // An actor after a topic noun (ملفات إيران وسوريا، أزمة قطر، مصير الأسد) is
  // what is discussed, not a party.
  if (a.tb > sb && ((toks[a.tb - 1].proclitics & ~text::kDefArticle) == 0 || toks[a.tb - 1].stem == "دون")) {
    const std::string_view q = toks[a.tb - 1].stem;
    if (q == "ملف" || q == "ملفات" || q == "قضيه" || q == "قضايا" || q == "مساله" || q == "مسائل" ||
        q == "ازمه" || q == "شؤون" || q == "مصير" || q == "اوضاع" || q == "مستقبل" ||
        // ... nor one an era is named after (في عهد أوباما) or that is absent
        // (طائرة بدون طيار، دون مشاركة روسيا).
        (q == "عهد" && !toks[a.tb - 1].has(text::kDefArticle)) || q == "دون" || q == "بدون" || q == "بلا")
      return false;
  }
  // A definite bare nisba right after another actor or a place qualifies it
  // (ميليشيات الحوثي الإيرانية "the Iranian Houthi militias", البقاع اللبناني):
  // not a party of its own.
  // An indefinite one is a new noun (اعتقلت الشرطة التركية بريطانيين).
  if (a.nisba_only && toks[a.tb].has(text::kDefArticle) && !toks[a.tb].has(text::kConjWa)) {
    for (const ActorMention& b : r.actors)
      if (b.sentence == a.sentence && b.te == a.tb && &b != &a) return false;
    // ... or after a place (في البقاع اللبناني), except where force is used:
    // there the place's country is the target (سيطر داعش على مدينة سرت الليبية),
    // unless the nisba names another country than the place's: then it is a
    // plain adjective (منطقة السويداء الصحراوية "desert", not Sahrawi).
    for (const auto& p : r.places)
      if (p.sentence == a.sentence && p.te == a.tb &&
          (root < 17 || std::string_view(lex.str(lex.entry(p.entry).code)) != std::string_view(a.code)))
        return false;
  }
  // ... and so is a city after such a noun that is not the trigger: مؤتمر
  // عمّان يطالب is the Amman conference, not Jordan.
  if (a.code.size() == 3 && a.tb > sb && (a.tb - 1 < tm.tb || a.tb - 1 >= tm.te) &&
      toks[a.tb - 1].proclitics == 0) {
    const std::string_view h = toks[a.tb - 1].stem;
    if (h == "قمه" || h == "مؤتمر" || h == "موتمر" || h == "منتدي" || h == "اجتماع" || h == "اجتماعات" ||
        h == "محادثات" || h == "مفاوضات" || h == "مباحثات" || h == "اتفاق" || h == "اتفاقيه" ||
        h == "اعلان" || h == "مسار" || h == "معاهده")
      for (const auto& p : r.places)
        if (p.tb == a.tb && p.sentence == a.sentence) {
          const EntryRecord& e = lex.entry(p.entry);
          // (a conference's name may be a country reading of its city: عمّان)
          if (e.kind == static_cast<uint8_t>(lexicon::PlaceKind::kCapital) ||
              e.kind == static_cast<uint8_t>(lexicon::PlaceKind::kCity) ||
              ((h == "مؤتمر" || h == "موتمر" || h == "منتدي") && a.rule.starts_with("country:") &&
               p.te == a.te))
            return false;
        }
  }
  if (!verbal && root == 4 && a.tb == tm.te && a.code.size() == 3) {
    const std::string_view h = toks[tm.tb].stem;
    const bool venue_noun = h == "قمه" || h == "مؤتمر" || h == "موتمر" || h == "منتدي" || h == "اجتماع" ||
                            h == "اجتماعات" || h == "محادثات" || h == "مفاوضات" || h == "مباحثات" ||
                            h == "لقاء";
    const bool coordinated = a.te < ws.sentences[tm.sentence].tok_end && toks[a.te].has(text::kConjWa);
    if (venue_noun && !coordinated)
      for (const auto& p : r.places)
        if (p.tb == a.tb && p.sentence == a.sentence) {
          const EntryRecord& e = lex.entry(p.entry);
          if (e.kind == static_cast<uint8_t>(lexicon::PlaceKind::kCapital) ||
              e.kind == static_cast<uint8_t>(lexicon::PlaceKind::kCity))
            return false;
        }
  }
  return true;
}

// Sport: the 2018 news is full of national teams that "meet", "beat" and
// "knock out" each other (تلتقي الأرجنتين مع نيجيريا، هزمت السعودية أمام
// روسيا). A token that marks a sports report: match, World Cup, player,
// coach, stadium, goalkeeper, penalty kick, draw, qualification, a score
// (2-صفر), football, or a national team (منتخب, but not الرئيس المنتخب, the
// president-elect, where the word follows an actor).
bool IsSportsToken(const std::vector<text::Token>& toks, uint32_t t, uint32_t sb, uint32_t se,
                   const std::vector<ActorMention>& actors) {
  const text::Token& k = toks[t];
  if (k.kind != text::TokenKind::kArabic) return false;
  const std::string_view st = k.stem;
  if (st.starts_with("مونديال") || st.starts_with("مبارا") || st == "مباريات" || st.starts_with("لاعب") ||
      st.starts_with("ملعب") || st.starts_with("ملاعب") || st == "مدرب" || st == "مدربا" ||
      st.starts_with("ركل") || st == "مرمي" || st == "فيفا" || st == "تعادل" || st == "شوط" ||
      st == "الشوط" || st.starts_with("تاهل") || st.starts_with("يتاهل") || st.starts_with("تتاهل") ||
      st.starts_with("اولمب") || st == "منتخبات")
    return true;
  if (st == "كاس") return true;  // a cup: كأس العالم، كأس آسيا، كأس الملك

  // A league, a club, a coach (المدير الفني، الدوري الإنجليزي، نادي الاتحاد).
  if (st == "دوري" || st == "نادي" || st == "بطوله" || st == "بطولات" || st == "تصفيات" || st == "ميداليه" ||
      st == "منافسات")
    return true;
  if (st == "فني" && t > sb && toks[t - 1].stem == "مدير") return true;
  if (st == "كره" && t + 1 < se) {
    const std::string_view nx = toks[t + 1].stem;
    if (nx == "قدم" || nx == "سله" || nx == "يد" || nx == "طائره") return true;
  }
  if (st == "صفر" && t > sb && toks[t - 1].norm == "-") return true;
  if (st == "منتخب" || st == "منتخبا") {
    for (const ActorMention& a : actors)
      if (a.te == t || (a.tb <= t && t < a.te)) {
        // Inside or right after an actor: "elected" (الرئيس المنتخب), unless
        // the actor is the team itself (منتخب البرازيل).
        if (a.tb != t) return false;
      }
    return true;
  }
  return false;
}

// Entertainment reads like sport (a film's heroes "save the world", a singer
// "beats" a rival in the charts): films, series, singers, artists.
bool IsEntertainmentToken(const text::Token& k) {
  if (k.kind != text::TokenKind::kArabic) return false;
  const std::string_view st = k.stem;
  return st == "فيلم" || st == "افلام" || st == "مسلسل" || st == "مسلسلات" || st == "فنان" || st == "فنانه" ||
         st == "فنانين" || st == "فنانون" || st == "مطرب" || st == "مطربه" || st == "مغني" || st == "مغنيه" ||
         st == "غناء" || st == "اغنيه" || st == "اغاني" || st == "البوم" || st == "سينما" ||
         st == "سينمائي" || st == "سينمائيه" || st == "ممثله" || st == "الممثله";
}

uint64_t Fnv(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string MakeEventId(const Event& ev) {
  uint64_t h = Fnv(ev.doc_id);
  char buf[64];
  std::snprintf(buf, sizeof buf, "|%u|%u|%u|", ev.sentence_index, ev.trigger.begin, ev.trigger.end);
  h = Fnv(buf, h);
  h = Fnv(ev.cameo, h);
  h = Fnv(ev.source ? ev.source->code : "-", h);
  h = Fnv("|", h);
  h = Fnv(ev.target ? ev.target->code : "-", h);
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

void EventCoder::Code(const Document& doc, const Workspace& ws, const std::vector<Mention>& mentions,
                      std::vector<Event>* events) const {
  if (!ws.recognition) return;
  const Recognition& r = *ws.recognition;
  int py = 0, pm = 0, pd = 0;
  const bool have_pub = lexicon::ParseIsoDate(doc.published, &py, &pm, &pd);
  const int64_t pub_days = have_pub ? lexicon::DaysFromCivil(py, pm, pd) : 0;
  std::set<std::tuple<uint32_t, std::string, std::string, std::string>> seen;  // sentence, src, tgt, root
  std::vector<std::string> feats;
  const ActorMention* last_source = nullptr;
  uint32_t last_source_sentence = 0;
  const ActorMention* last_any_source = nullptr;  // also bare nisbas (الروس) for plural pro-drop
  uint32_t last_any_source_sentence = 0;
  // Sentences about sport, and whether the whole document is a sports report
  // (its first sentence, the title, is, or at least three sentences are).
  std::vector<char> sports(ws.sentences.size(), 0);
  size_t sports_sentences = 0;
  for (size_t si = 0; si < ws.sentences.size(); ++si) {
    const Sentence& s = ws.sentences[si];
    for (uint32_t t = s.tok_begin; t < s.tok_end && !sports[si]; ++t)
      sports[si] = IsSportsToken(ws.tokens, t, s.tok_begin, s.tok_end, r.actors);
    sports_sentences += sports[si];
    // An entertainment sentence is treated like sport, unless it counts
    // casualties (a bomb outside a cinema is news).
    if (!sports[si]) {
      bool arts = false;
      for (uint32_t t = s.tok_begin; t < s.tok_end && !arts; ++t) arts = IsEntertainmentToken(ws.tokens[t]);
      if (arts && !HasCasualties(ws.tokens, s.tok_begin, s.tok_end)) sports[si] = 1;
    }
  }
  const bool sports_doc = (!sports.empty() && sports[0]) || sports_sentences >= 3;

  // The current sentence's triggers and actors: the loops below ask about them
  // per token and per candidate, and scanning the whole document's lists there
  // made long documents (a 3 MB line) quadratic in their size.
  std::vector<const TriggerMatch*> sent_trig;
  std::vector<const ActorMention*> sent_actors;
  uint32_t cached_sentence = UINT32_MAX;
  for (const TriggerMatch& tm : r.triggers) {
    if (tm.sentence != cached_sentence) {
      cached_sentence = tm.sentence;
      sent_trig.clear();
      sent_actors.clear();
      for (const TriggerMatch& o : r.triggers)
        if (o.sentence == tm.sentence) sent_trig.push_back(&o);
      for (const ActorMention& a : r.actors)
        if (a.sentence == tm.sentence) sent_actors.push_back(&a);
    }
    const EntryRecord& te = lex_.entry(tm.entry);
    const std::string note(lex_.str(te.extra));
    if (note.find("speech") != std::string::npos) continue;  // statements feed attribution, not events
    const std::string cameo(lex_.str(te.code));
    const EntryRecord* info = lex_.Cameo(cameo);
    if (info == nullptr) continue;
    const Sentence& sent = ws.sentences[tm.sentence];
    const auto kind = static_cast<TriggerKind>(te.kind);
    bool verbal = kind == TriggerKind::kVerb || kind == TriggerKind::kLight;
    const text::Token& head = ws.tokens[tm.tb];
    if (cameo.compare(0, 2, "01") == 0) continue;  // statements: attribution, not events
    // مظاهر "aspects" is no inflection of مظاهرة/مظاهرات, and مقاتلات "fighter
    // jets" no plural of the verbal noun مقاتلة "fighting" (which has none).
    if (tm.te == tm.tb + 1 && (head.stem == "مظاهر" || head.stem.starts_with("مقاتلات"))) continue;
    bool noun_after_preposition = false;  // a three-letter verb form after في، على ...
    if (kind == TriggerKind::kVerb) {
      // ما يصل إلى "up to" (ما يصل إلى 400 مليون دولار) is a quantity, no arrival;
      // so is يصل إلى + a number (نموا يصل إلى 80 مليار دولار).
      if ((head.stem == "يصل" || head.stem == "تصل" || head.stem == "وصل" || head.stem == "وصلت") &&
          ((tm.tb > sent.tok_begin && ws.tokens[tm.tb - 1].norm == "ما") ||
           (tm.te + 1 < sent.tok_end && ws.tokens[tm.te].norm == "الي" &&
            (ws.tokens[tm.te + 1].kind == text::TokenKind::kNumber ||
             IsNumberWord(ws.tokens[tm.te + 1].stem)))))
        continue;
      // A present-tense verb whose object is a pronoun back to a noun before
      // it describes that noun (بلدات تسيطر عليها المعارضة "towns the
      // opposition controls"): a state, not an event.
      if (tm.te < sent.tok_end && (head.stem.starts_with("ي") || head.stem.starts_with("ت")) &&
          !head.has(text::kFutureSa)) {
        const std::string_view n = ws.tokens[tm.te].norm;
        if ((n == "عليها" || n == "عليه" || n == "عليهم") && cameo.compare(0, 2, "19") == 0) continue;
      }
      // No verb ends in ة: normalisation writes it ه, which the key builder
      // may read as an object pronoun (أسلحة is not أ+سلح+ه "I arm him").
      if (head.span.end <= doc.text.size() && head.span.size() >= 2 &&
          std::string_view(doc.text).substr(head.span.begin, head.span.size()).ends_with("ة"))
        continue;
      // Normalisation also merges هنأ "congratulated" with هنا "here" and تحدّى
      // "defied" with تحدٍّ/تحدي "a challenge": the original spelling tells them
      // apart (news writes the hamza and the alif maqsura).
      if (head.span.end <= doc.text.size() && tm.te == tm.tb + 1) {
        const std::string_view orig = std::string_view(doc.text).substr(head.span.begin, head.span.size());
        if (head.stem == "هنا" && orig.find("أ") == std::string_view::npos) continue;
        if (head.stem == "تحدي" && !orig.ends_with("ى")) continue;
      }
      // No finite verb follows a preposition: the form is a noun that looks
      // like one (بين طالب كويتي وآخر مصري: a student, not "demanded"). A
      // three-letter form is also the verbal noun of its verb (نجح في قتل
      // العشرات) and stays; longer ones are other nouns.
      if (head.proclitics == 0 && tm.tb > sent.tok_begin) {
        const std::string_view p = ws.tokens[tm.tb - 1].norm;
        if (p == "بين" || p == "في" || p == "علي" || p == "الي" || p == "عن" || p == "مع" || p == "حول" ||
            p == "ضد" || p == "لدي" || p == "عند" || p == "امام" || p == "خلال" || p == "عبر" || p == "نحو") {
          if (tm.te != tm.tb + 1 || text::CountCodePoints(head.stem) != 3) continue;
          noun_after_preposition = true;  // (so no subject before it: قتل فلسطيني في قصف إسرائيلي)
        }
      }
      // ... nor stands inside a name (المغني المصري تامر حسني، الرئيسة بارك).
      bool in_name = false;
      for (const ActorMention& a : r.actors)
        if (a.sentence == tm.sentence && a.span.begin <= head.span.begin &&
            ws.tokens[tm.te - 1].span.end <= a.span.end &&  // the span: a name the NER joined on
            (a.rule.find("person:") != std::string::npos || a.rule.find("ner:PERS") != std::string::npos))
          in_name = true;
      if (in_name) continue;
    }
    // After ل a verb or verbal noun states a purpose (لبحث، لمناقشة، ليبحث): an
    // intention the sentence describes, not an event it reports.
    // ... except after تعرض (was subjected to): تعرض لهجوم reports the attack.
    // تعرض (X) لـ (was subjected to) is not عرض (offer): the event is the
    // verbal noun after it, possibly past the subject (تعرض المعارضون للقمع).
    auto subjected_before = [&](uint32_t t) {
      for (uint32_t k = t; k > sent.tok_begin && t - k < 5; --k)
        if (SubjectedTo(ws.tokens[k - 1])) return true;
      return false;
    };
    const bool after_subjected = tm.tb > sent.tok_begin && subjected_before(tm.tb);
    if (SubjectedTo(head)) {
      bool li = false;
      for (uint32_t k = tm.te; k < std::min(sent.tok_end, tm.te + 5) && !li; ++k)
        li = ws.tokens[k].has(text::kPrepLi);
      if (li) continue;
    }
    if (head.has(text::kPrepLi) && !after_subjected) continue;
    // A form with ال, ب or ك in front is a noun whatever the dictionary says.
    const bool article_verb = kind == TriggerKind::kVerb && te.from == 1;  // التقى
    // Support verbs make the verbal noun after them a finite event: قام بـ
    // (قامت القوات بقصف، قام متظاهرون بالاحتجاج) and أقدم على (أقدم
    // محتجون على قطع الطريق). The subject is the support verb's.
    // Aspectual verbs do the same: شرع في / بدأ في / بدأ بـ (شرعوا في التعاون).
    enum Support { kQama, kAqdama, kBegin, kManage };
    auto support_before = [&](uint32_t end, Support kind) {
      // The subject may stand between (قامت القوات الإسرائيلية بقصف، أقدم متظاهرون
      // غاضبون في البقاع على قطع الطريق).
      const uint32_t lo = end >= sent.tok_begin + 7 ? end - 7 : sent.tok_begin;
      for (uint32_t t = lo; t < end; ++t) {
        const std::string_view st = ws.tokens[t].stem;
        const bool begin = st.starts_with("شرع") || st.starts_with("يشرع") || st.starts_with("تشرع") ||
                           st.starts_with("بدات") || st.starts_with("بداو") || st == "بدا" ||
                           st.starts_with("يبدا") || st.starts_with("تبدا");
        // (ردت روسيا بطرد ... "responded by expelling" works the same way.)
        // تمكن من / نجح في (managed to): the verbal noun happened (تمكنت قوات الجيش
        // من القضاء على ثلاثة إرهابيين، نجح الجيش في تحرير المدينة).
        const bool manage = st.starts_with("تمكن") || st.starts_with("يتمكن") || st.starts_with("تتمكن") ||
                            st.starts_with("نجح") || st.starts_with("ينجح") || st.starts_with("تنجح");
        if (kind == kQama ? (st.starts_with("قام") || st.starts_with("يقوم") || st.starts_with("تقوم") ||
                             begin || st == "رد" || st == "ردت" || st == "يرد" || st == "ترد" || st == "ردوا")
            : kind == kAqdama ? (st.starts_with("اقدم") || st.starts_with("يقدمون"))
            : kind == kManage ? manage
                              : begin)
          return true;
      }
      return false;
    };
    auto prev_word = [&](std::string_view w) {
      return tm.tb > sent.tok_begin + 1 && ws.tokens[tm.tb - 1].stem == w &&
             ws.tokens[tm.tb - 1].proclitics == 0;
    };
    const bool supported = (head.has(text::kPrepBi) && support_before(tm.tb, kQama)) ||
                           (prev_word("علي") && support_before(tm.tb - 1, kAqdama)) ||
                           (prev_word("في") && support_before(tm.tb - 1, kBegin)) ||
                           (prev_word("من") && support_before(tm.tb - 1, kManage)) ||
                           (prev_word("في") && support_before(tm.tb - 1, kManage));
    // A verbal noun right after a verb of intent or decision is its
    // infinitive (يعتزم زيارة زعيم كوريا الشمالية، قررت طرد السفير، تريد شراء
    // أسلحة): that verb's subject acts, and the genitive is the object.
    bool intended = false;
    if (kind != TriggerKind::kVerb && head.proclitics == 0 && tm.tb > sent.tok_begin) {
      uint32_t at = tm.tb - 1;  // (past the intending subject: يعتزم الرئيس السوري زيارة)
      if (const ActorMention* subj = ActorEndingAt(r, tm.sentence, tm.tb); subj && subj->tb > sent.tok_begin)
        at = subj->tb - 1;
      const std::string_view pv = ws.tokens[at].stem;
      for (std::string_view v : {"يعتزم", "تعتزم", "اعتزم", "اعتزمت", "ينوي",    "تنوي",  "نوي",   "نوت",
                                 "يخطط",  "تخطط",  "قرر",   "قررت",   "يقرر",    "تقرر",  "يريد",  "تريد",
                                 "اراد",  "ارادت", "يرغب",  "ترغب",   "يعتزمون", "ينوون", "قرروا", "يريدون"})
        intended |= pv == v;
    }
    if (supported || intended)
      verbal = true;
    else if ((head.has(text::kDefArticle) && !article_verb) || head.has(text::kPrepBi) ||
             head.has(text::kPrepKa))
      verbal = false;
    // A form with a pronoun suffix after a verb of stating (جدد العاهل المغربي
    // رفضه، أكد دعمه، أبدت استعدادها) is the verbal noun "his rejection", whose
    // agent is that verb's subject, not a finite verb.
    if (verbal && kind == TriggerKind::kVerb && !head.enclitic.empty() && tm.te == tm.tb + 1) {
      for (uint32_t t = tm.tb; t > sent.tok_begin && tm.tb - t < 8; --t) {
        const text::Token& k = ws.tokens[t - 1];
        if (IsBoundaryToken(k) || IsRelativePronoun(k)) break;  // (الحملة التي تشنها: a clause of its own)
        const std::string_view st = k.stem;
        if (st == "جدد" || st == "جددت" || st == "يجدد" || st == "تجدد" || st == "اكد" || st == "اكدت" ||
            st == "يؤكد" || st == "تؤكد" || st == "اعلن" || st == "اعلنت" || st == "يعلن" || st == "تعلن" ||
            st == "ابدي" || st == "ابدت" || st == "يبدي" || st == "تبدي" || st == "اعرب" || st == "اعربت" ||
            st == "يعرب" || st == "تعرب" || st == "واصل" || st == "واصلت" || st == "يواصل" || st == "تواصل") {
          verbal = false;
          break;
        }
      }
    }
    // Right after a relative pronoun comes a clause, never a bare noun: a
    // verbal noun with a pronoun (عرقلته "its obstruction") is there the
    // feminine verb with an object pronoun (القرار الذي عرقلته روسيا "the draft
    // that Russia blocked").
    if (!verbal && kind == TriggerKind::kMasdar && tm.te == tm.tb + 1 && head.proclitics == 0 &&
        tm.tb > sent.tok_begin && IsRelativePronoun(ws.tokens[tm.tb - 1]) &&
        (head.norm.ends_with("ته") || head.norm.ends_with("تها") || head.norm.ends_with("تهم")))
      verbal = true;
    // "The occupation" (الاحتلال الإسرائيلي، قوات الاحتلال) names a standing
    // state, not an event; an occupation is reported by its verb (احتلت).
    if (!verbal && cameo == "192" && head.has(text::kDefArticle) && head.stem == "احتلال") continue;
    // A verbal noun governed by a preposition (مع تهديد، على موافقة، من التهديد)
    // names a topic, not an event.
    // (Temporal ones, بعد سيطرته, introduce real past events and stay.)
    // A verbal noun with a pronoun suffix names its own agent (في زيارته،
    // بعد سيطرته): an event, not a topic. The segmenter may leave the suffix
    // on when the ت-form is a word of its own (سيطرته), hence the ending test.
    auto ends = [](std::string_view w, std::string_view e) {
      return w.size() > e.size() + 2 && w.substr(w.size() - e.size()) == e;
    };
    // The original spelling tells a pronoun ه from a ta marbuta ة that
    // normalisation merged (تزويده "his supplying", not تزويدة): a one-word
    // verbal noun written with a final ه, ها or هم after a consonant.
    auto original_pronoun = [&]() {
      if (tm.te != tm.tb + 1 || head.has(text::kDefArticle) || head.span.end > doc.text.size() ||
          head.span.begin >= head.span.end)
        return false;  // (a definite noun has no possessive: التوجه is "the heading")
      std::string_view o = std::string_view(doc.text).substr(head.span.begin, head.span.size());
      for (std::string_view suf : {"هما", "هم", "ها", "ه"})
        if (o.size() > suf.size() + 6 && o.ends_with(suf)) {
          const std::string_view rest = o.substr(0, o.size() - suf.size());
          return !rest.ends_with("ا") && !rest.ends_with("ي") && !rest.ends_with("و");
        }
      return false;
    };
    const bool has_pronoun =
        !head.enclitic.empty() ||
        (!verbal && (ends(head.stem, "ته") || ends(head.stem, "تها") || ends(head.stem, "تهم") ||
                     ends(head.stem, "تهما") || original_pronoun()));
    // Violence reported through its toll (مقتل خمسة في هجوم انتحاري) is an
    // event even behind في.
    const bool violent =
        cameo.compare(0, 2, "18") == 0 || cameo.compare(0, 2, "19") == 0 || cameo.compare(0, 2, "20") == 0;
    // A war or campaign that is commercial, economic, verbal or in the media
    // is no violence (شن حربا تجارية، هجوم إعلامي، حملة كلامية).
    if (violent) {
      bool figurative = false;
      for (uint32_t t = tm.tb; t + 1 < sent.tok_end && t < tm.te + 3 && !figurative; ++t) {
        const std::string_view w = ws.tokens[t].stem;
        if (!(w.starts_with("حرب") || w.starts_with("هجوم") || w.starts_with("هجم") || w.starts_with("حمل") ||
              w.starts_with("معرك") || w == "حروب"))
          continue;
        const std::string_view q = ws.tokens[t + 1].stem;
        for (std::string_view f : {"تجاري", "اقتصادي", "اعلامي", "كلامي", "لفظي", "دبلوماسي", "سياسي",
                                   "انتخابي", "دعائي", "نفسي", "جمركي"})
          if (q.starts_with(f)) figurative = true;
      }
      // شن حملة (launch a campaign) is violence only when the campaign is
      // military, aerial, a security sweep or arrests.
      const std::string_view hs0 = head.stem;
      if (!figurative && (hs0.starts_with("شن") || hs0.starts_with("يشن") || hs0.starts_with("تشن")))
        for (uint32_t t = tm.te; t + 1 < sent.tok_end && t < tm.te + 3; ++t) {
          const std::string_view w = ws.tokens[t].stem;
          if (!(w.starts_with("حمل") || w.starts_with("حرب"))) continue;
          const std::string_view q = ws.tokens[t + 1].stem;
          if (!(q.starts_with("عسكري") || q.starts_with("جوي") || q.starts_with("امني") ||
                q.starts_with("اعتقال") || q.starts_with("مداهم") || q.starts_with("قصف") ||
                q.starts_with("شرس") || q.starts_with("بري") || q.starts_with("واسع")))
            figurative = true;
          break;
        }
      if (figurative) continue;
    }
    const bool toll = violent && tm.tb > sent.tok_begin && ws.tokens[tm.tb - 1].norm == "في" &&
                      HasCasualties(ws.tokens, sent.tok_begin, sent.tok_end);
    // ... but reaching one (توصل/التوصل إلى اتفاق، وقف لإطلاق النار) reports it.
    // (A parenthesis may stand between: التوصل، برعاية مصر، إلى اتفاق.)
    auto reached = [&]() {
      if (tm.tb < sent.tok_begin + 2 || ws.tokens[tm.tb - 1].norm != "الي") return false;
      uint32_t at = tm.tb - 2;
      if (ws.tokens[at].norm == ",")
        for (uint32_t u = at; u > sent.tok_begin && at - u < 6; --u)
          if (ws.tokens[u - 1].norm == ",") {
            at = u >= sent.tok_begin + 2 ? u - 2 : at;
            break;
          }
      const std::string_view v = ws.tokens[at].stem;
      return v.starts_with("توصل") || v.starts_with("يتوصل") || v.starts_with("تتوصل") ||
             v.starts_with("نتوصل");
    };
    if (tm.tb > sent.tok_begin && IsTopicPreposition(ws.tokens[tm.tb - 1]) && !has_pronoun && !toll &&
        !supported && !reached())
      continue;
    // (Also a form the dictionary reads as a verb: دراسة شن ضربة.)
    if (tm.tb > sent.tok_begin && IsFrameNoun(ws.tokens[tm.tb - 1]) && ws.tokens[tm.tb - 1].proclitics == 0 &&
        (head.proclitics & ~text::kDefArticle) == 0)
      continue;
    // ... also through a verbal noun of doing (إمكانية إجراء مفاوضات، احتمال
    // عقد لقاء، خطة بدء هجوم).
    if (tm.tb > sent.tok_begin + 1 && IsFrameNoun(ws.tokens[tm.tb - 2])) {
      const std::string_view d = ws.tokens[tm.tb - 1].stem;
      if (d == "اجراء" || d == "عقد" || d == "تنظيم" || d == "توصل" || d == "بدء" || d == "اطلاق" ||
          d == "شن")
        continue;
    }
    // A verbal noun after a copula pronoun is the predicate of a definition
    // (الأول هو موافقة الجزائر، الهدف هو تحرير المدينة): a topic, not a report.
    if (!verbal && tm.tb > sent.tok_begin && ws.tokens[tm.tb - 1].proclitics == 0 &&
        (ws.tokens[tm.tb - 1].stem == "هو" || ws.tokens[tm.tb - 1].stem == "هي"))
      continue;
    // A verbal noun with ي after a plain indefinite noun is its nisba adjective,
    // not "my X" (حل تفاوضي "a negotiated solution", موقف دفاعي); protest
    // adjectives still report a protest (إضراب احتجاجي).
    // (the original spelling: ي, not the ى of أجرى، تبنى)
    if (kind != TriggerKind::kLight && tm.te == tm.tb + 1 && tm.tb > sent.tok_begin &&
        cameo.compare(0, 2, "14") != 0 && head.span.end <= doc.text.size() &&
        std::string_view(doc.text).substr(head.span.begin, head.span.size()).ends_with("ي")) {
      const text::Token& n = ws.tokens[tm.tb - 1];
      // (a noun, not a preposition: عن هجومي واغادوغو "the two attacks")
      // (and neither an imperfect verb — يلتقي، يلغي — nor one before it: يعلن تصدي)
      auto imperfect = [](std::string_view w) {
        return w.starts_with("ي") || w.starts_with("ن") || w.starts_with("ا");
      };
      if (n.kind == text::TokenKind::kArabic && n.proclitics == 0 && n.enclitic.empty() &&
          !IsTopicPreposition(n) && n.norm != "بين" && n.norm != "بعد" && n.norm != "قبل" &&
          n.norm != "خلال" && !imperfect(n.norm) && !imperfect(head.stem) &&
          !(n.norm.starts_with("ت") && n.norm.size() <= 8) && !ActorEndsAt(r, tm.sentence, tm.tb))
        continue;
    }
    // A word right after a geographic noun is a place name (مديرية حرض، منفذ
    // حرض، قرية الهجوم), not an event.
    // (the geographic noun in construct, without ال: القرية خرجوا is a clause)
    if (tm.tb > sent.tok_begin && tm.te == tm.tb + 1 && head.proclitics == 0 &&
        !ws.tokens[tm.tb - 1].has(text::kDefArticle)) {
      const std::string_view g = ws.tokens[tm.tb - 1].stem;
      if (g == "مديريه" || g == "مدينه" || g == "محافظه" || g == "قريه" || g == "بلده" || g == "منفذ" ||
          g == "مخيم" || g == "ناحيه")
        continue;
    }
    // X الدين is a name (تقي الدين، نصر الدين، صلاح الدين), not a verb.
    if (tm.te == tm.tb + 1 && tm.te < sent.tok_end && ws.tokens[tm.te].norm == "الدين") continue;
    // A question asks; it reports nothing.
    if (IsQuestion(ws.tokens, sent.tok_begin, sent.tok_end)) continue;
    // A verbal noun that is the object of another trigger in its clause
    // (أدانت الهجوم، استنكر التفجيرات) is what that event is about.
    if (!verbal) {
      bool object_of_trigger = false;
      for (const TriggerMatch& o : r.triggers)
        if (o.sentence == tm.sentence && o.te <= tm.tb && tm.tb - o.te <= 2 && &o != &tm) {
          // (A verb of stating is no event: what it states is — جدد العاهل
          // المغربي رفضه، أعلنت دعمها.)
          const EntryRecord& oe = lex_.entry(o.entry);
          if (lex_.str(oe.code).starts_with("01") ||
              lex_.str(oe.extra).find("speech") != std::string_view::npos)
            continue;
          object_of_trigger = true;
        }
      if (object_of_trigger) continue;
    }
    // An indefinite accusative verbal noun followed by its preposition states
    // the motive of another action (مفعول لأجله: قاطعوا الألعاب احتجاجاً على،
    // تظاهروا تنديداً بـ), not an event of its own. Protest and disapproval
    // nouns are the ones used so; the action itself is coded from its verb.
    if (!verbal && !head.has(text::kDefArticle) && head.enclitic.empty() &&
        (cameo.compare(0, 2, "14") == 0 || cameo.compare(0, 2, "11") == 0) && tm.te == tm.tb + 1 &&
        head.stem.size() > 6 && head.stem.substr(head.stem.size() - 2) == "ا" && tm.te < sent.tok_end) {
      const text::Token& nx = ws.tokens[tm.te];
      if (nx.stem == "علي" || nx.stem == "ضد" || nx.stem == "مع" || nx.has(text::kPrepBi) ||
          nx.has(text::kPrepLi))
        continue;
    }
    // A definite verbal noun without an adjacent genitive actor is a topic
    // (التهديد، الطلب، التعاون), not a report; checked below with the actors.
    // Form VIII verbal nouns of roots beginning with ل (التزام، التقاء،
    // التفاف) begin with ال themselves: التزام فرنسا is not definite.
    const bool root_al = head.stem.size() == 8 && head.stem.starts_with("ت") && head.stem.substr(4, 2) == "ا";
    const bool definite_noun =
        !verbal && head.has(text::kDefArticle) && !article_verb && !root_al;  // supported nouns are verbal
    // needs:W1/W2/... in the note: one of the words (dictionary keys) must
    // stand within four tokens after the trigger or three before it. Verbs of
    // gathering (تجمع، خرج) report a protest only with a crowd as their subject.
    if (const size_t np = note.find("needs:"); np != std::string::npos) {
      // These verbs are intransitive: with a pronoun suffix the word is the
      // noun (أثناء تجمعهم "while they gathered"), and right after a relative
      // pronoun (المتظاهرين الذين تجمعوا) it only says who the crowd is.
      if (!head.enclitic.empty()) continue;
      if (tm.tb > sent.tok_begin && IsRelativePronoun(ws.tokens[tm.tb - 1])) continue;
      std::string want = note.substr(np + 6);
      want = want.substr(0, want.find_first_of(" ;,"));
      bool found = false;
      const uint32_t lo = tm.tb >= sent.tok_begin + 3 ? tm.tb - 3 : sent.tok_begin;
      const uint32_t hi = std::min(sent.tok_end, tm.te + 4);
      for (size_t p = 0; p <= want.size() && !found;) {
        size_t q = want.find('/', p);
        if (q == std::string::npos) q = want.size();
        const std::string key = lexicon::EntryTokenKey(std::string_view(want).substr(p, q - p));
        p = q + 1;
        if (key.empty()) continue;
        for (uint32_t t = lo; t < hi && !found; ++t)
          if (t < tm.tb || t >= tm.te) found = ws.tokens[t].stem.substr(0, key.size()) == key;
      }
      if (!found) continue;
    }
    // not:W1/W2 in the note: these very words only look like the verb
    // (نصيب "share; Nasib" is no form of أصاب).
    if (const size_t np = note.find("not:"); np != std::string::npos) {
      std::string words = note.substr(np + 4);
      words = words.substr(0, words.find_first_of(" ;,"));
      bool hit = false;
      for (size_t p = 0; p <= words.size() && !hit;) {
        size_t q = words.find('/', p);
        if (q == std::string::npos) q = words.size();
        hit = tm.te == tm.tb + 1 &&
              head.norm == text::NormalizeString(std::string_view(words).substr(p, q - p));
        p = q + 1;
      }
      if (hit) continue;
    }
    // unless:W in the note: the trigger followed directly by W is another sense
    // (قطع الطريق على ... "thwart", not a road block).
    if (const size_t np = note.find("unless:"); np != std::string::npos) {
      std::string bad = note.substr(np + 7);
      bad = bad.substr(0, bad.find_first_of(" ;,"));
      uint32_t nx = tm.te;  // (past a closing quote: "حررت" رهينة)
      if (nx + 1 < sent.tok_end && (ws.tokens[nx].norm == "\"" || ws.tokens[nx].norm == "»")) ++nx;
      // (and past a date: سيعرض غدا أدلة)
      for (bool moved = true; moved && nx < sent.tok_end;) {
        moved = false;
        for (const lexicon::DateMention& d : r.dates)
          if (d.sentence == tm.sentence && d.tb == nx && d.te > nx) nx = d.te, moved = true;
      }
      bool hit = false;  // unless:W1/W2 (المراحل: مراحل)
      for (size_t p = 0; p <= bad.size() && nx < sent.tok_end && !hit;) {
        size_t q = bad.find('/', p);
        if (q == std::string::npos) q = bad.size();
        hit = ws.tokens[nx].stem == lexicon::EntryTokenKey(std::string_view(bad).substr(p, q - p));
        p = q + 1;
      }
      if (hit) continue;
    }

    // The clause around the trigger.
    Clause cl{sent.tok_begin, sent.tok_end};
    // A word in quotes (إن الصين "نهبت" الولايات المتحدة) is no clause of
    // its own: its quotes do not bound it.
    const auto is_quote = [&](uint32_t t) {
      const std::string_view n = ws.tokens[t].norm;
      return n == "\"" || n == "«" || n == "»";
    };
    const bool quoted_word =
        tm.tb > sent.tok_begin && tm.te < sent.tok_end && is_quote(tm.tb - 1) && is_quote(tm.te);
    // A short insert between commas — a date, a manner adverb, في + a
    // statement noun — is a parenthesis, not a clause (أعلنت الولايات
    // المتحدة، الخميس، فرض عقوبات؛ وسيزور بومبيو، الخميس والجمعة، بنما؛ اتهمت
    // الصين، في بيان، الولايات المتحدة): its commas bound nothing. [a, b) are
    // the tokens between two commas.
    auto date_only = [&](uint32_t a, uint32_t b) {
      if (a >= b || b - a > 6) return false;
      // في + a statement noun (في بيان، في تصريح لقناة)
      const std::string_view st0 = ws.tokens[a].stem;
      if (b - a <= 3 && ws.tokens[a].norm == "في" && a + 1 < b) {
        const std::string_view n = ws.tokens[a + 1].stem;
        if (n == "بيان" || n == "تصريح" || n == "تصريحات" || n == "تغريده" || n == "رساله" || n == "كلمه" ||
            n == "مؤتمر" || n == "حديث" || n == "مقابله")
          return true;
      }
      // a manner adverb (مجددا، أيضا، بشدة، مرارا، رسميا، بدوره)
      if (b - a == 1 &&
          (st0 == "مجددا" || st0 == "ايضا" || st0 == "شده" || st0 == "مرارا" || st0 == "رسميا" ||
           st0 == "بدوره" || st0 == "بدورها" || st0 == "مجدداً" || st0 == "كذلك"))
        return true;
      // a place after ب or في (، بالجزائر العاصمة،، في باريس،)
      if (ws.tokens[a].has(text::kPrepBi) || ws.tokens[a].norm == "في") {
        const uint32_t pb = ws.tokens[a].norm == "في" ? a + 1 : a;
        for (const auto& pl : r.places)
          if (pl.sentence == tm.sentence && pl.tb == pb && pl.te == b) return true;
      }
      // an apposition that names the actor before the first comma (أجرى الفريق
      // أحمد قايد صالح، نائب وزير الدفاع الوطني، محادثات ...)
      // (the actor may end an adjective or two early: نائب وزير الدفاع الوطني)
      if (a >= sent.tok_begin + 2 && ActorEndsAt(r, tm.sentence, a - 1))
        for (const ActorMention* xp : sent_actors) {
          const ActorMention& x = *xp;
          if (x.tb == a && x.te <= b && b - x.te <= 2 && !x.nisba_only) {
            bool plain = true;
            for (uint32_t g = x.te; g < b; ++g) {
              plain &= ws.tokens[g].kind == text::TokenKind::kArabic && ws.tokens[g].has(text::kDefArticle);
              for (const ActorMention* y : sent_actors) plain &= !(y->tb <= g && g < y->te);
            }
            if (plain) return true;
          }
        }
      for (uint32_t g = a; g < b; ++g) {
        bool in_date = ws.tokens[g].norm == "و" || ws.tokens[g].norm == "في";
        for (const lexicon::DateMention& d : r.dates)
          in_date |= d.sentence == tm.sentence && d.tb <= g && g < d.te;
        if (!in_date) return false;
      }
      return true;
    };
    auto parenthetical_comma = [&](uint32_t t) {  // token t is one of the two commas
      if (ws.tokens[t].norm != ",") return false;
      // (a comma inside an actor's apposition: الرئيس الأمريكي، دونالد ترامب)
      for (const ActorMention* a : sent_actors)
        if (a->tb < t && t < a->te) return true;
      for (uint32_t u = t + 1; u < sent.tok_end && u <= t + 6; ++u)
        if (ws.tokens[u].norm == ",") return date_only(t + 1, u);
      for (uint32_t u = t; u > sent.tok_begin && t - u < 6; --u)
        if (ws.tokens[u - 1].norm == ",") return date_only(u, t);
      return false;
    };
    for (uint32_t t = quoted_word ? tm.tb - 1 : tm.tb; t > sent.tok_begin; --t)
      if (IsBoundaryToken(ws.tokens[t - 1]) && !parenthetical_comma(t - 1)) {
        cl.tb = t;
        break;
      }
    // Forward, a relative clause (الذي، التي ...) also ends what the verb governs.
    // A dash between two actors joins them (بوتين – نتنياهو), it ends nothing.
    auto joining_dash = [&](uint32_t t) {
      const std::string_view n = ws.tokens[t].norm;
      if (n != "-" && n != "–") return false;
      bool before = false, after = false;
      for (const ActorMention& a : r.actors)
        if (a.sentence == tm.sentence) before |= a.te == t, after |= a.tb == t + 1;
      return before && after;
    };
    // So does another event verb joined by و (دعا الاتحاد الأوروبي إلى ضبط
    // النفس ونددت باريس: Paris is the second clause's subject, not the call's
    // target).
    auto joined_verb = [&](uint32_t t) {
      const text::Token& k = ws.tokens[t];
      // (also و + a subject + its verb: غارات على غزة والأمم المتحدة تدعو)
      if (k.has(text::kConjWa))
        for (const ActorMention* a : sent_actors)
          if (a->tb == t && a->te < sent.tok_end && !a->nisba_only)
            for (const TriggerMatch* op : sent_trig) {
              const TriggerMatch& o = *op;
              if (&o != &tm && o.tb == a->te && o.entry != lexicon::kNone &&
                  static_cast<TriggerKind>(lex_.entry(o.entry).kind) == TriggerKind::kVerb &&
                  !ws.tokens[o.tb].has(text::kDefArticle) && ws.tokens[o.tb].proclitics == 0 &&
                  (ws.tokens[o.tb].stem.starts_with("ي") || ws.tokens[o.tb].stem.starts_with("ت")))
                return true;
            }
      if (!k.has(text::kConjWa) || k.has(text::kDefArticle)) return false;
      for (const TriggerMatch* op : sent_trig)
        if (const TriggerMatch& o = *op;
            &o != &tm && o.tb == t && o.entry != lexicon::kNone &&
            static_cast<TriggerKind>(lex_.entry(o.entry).kind) == TriggerKind::kVerb &&
            lex_.str(lex_.entry(o.entry).code).substr(0, 2) != "01" &&  // (يوما ونصف: no وصف)
            // (قتل فلسطيني وأصيب آخر في قصف: the wounded share the cause)
            !k.stem.starts_with("اصيب") && !k.stem.starts_with("استشهد"))
          return true;
      return false;
    };
    for (uint32_t t = quoted_word ? tm.te + 1 : tm.te; t < sent.tok_end; ++t)
      if ((IsBoundaryToken(ws.tokens[t]) || IsRelativePronoun(ws.tokens[t]) || joined_verb(t)) &&
          (t > (quoted_word ? tm.te + 1 : tm.te) || ws.tokens[t].norm == ",") && !joining_dash(t) &&
          !parenthetical_comma(t)) {
        cl.te = t;
        break;
      }
    // An actor in apposition between commas names the noun before the first
    // comma (التعاون مع صديقهم الجديد، رئيس مصر، ...): the clause takes it in
    // when no actor stands between the trigger and the comma.
    const ActorMention* appositive = nullptr;  // takes the role of the noun it names
    if (cl.te + 1 < sent.tok_end && ws.tokens[cl.te].norm == ",") {
      bool actor_before = false;
      for (const ActorMention& a : r.actors)
        if (a.sentence == tm.sentence && a.tb >= tm.te && a.te <= cl.te) actor_before = true;
      if (!actor_before)
        for (const ActorMention& a : r.actors)
          if (a.sentence == tm.sentence && a.tb == cl.te + 1 &&
              (a.te == sent.tok_end || ws.tokens[a.te].norm == "." || ws.tokens[a.te].norm == ",")) {
            cl.te = a.te;
            appositive = &a;
            break;
          }
    }
    // A verb right after a relative pronoun has the antecedent as subject,
    // also with one adverb or auxiliary between (الذي طالما اتهم، التي كانت
    // هاجمت). The antecedent may stand before a comma (ترامب، الذي ...).
    uint32_t rel = UINT32_MAX;
    if (verbal && tm.tb > sent.tok_begin) {
      if (IsRelativePronoun(ws.tokens[tm.tb - 1])) {
        rel = tm.tb - 1;
      } else if (tm.tb > sent.tok_begin + 1 && IsRelativePronoun(ws.tokens[tm.tb - 2])) {
        const std::string_view m = ws.tokens[tm.tb - 1].norm;
        if (m == "طالما" || m == "لطالما" || m == "قد" || m == "كان" || m == "كانت" || m == "كانوا" ||
            m == "سبق" || m == "دائما" || m == "بدوره" || m == "بدورها")
          rel = tm.tb - 2;
      }
    }
    // A relative clause that says "in which" (القمة التي هاجم فيها ترامب
    // الحلفاء) has a time or place as antecedent: the subject follows the verb.
    bool in_which = false;
    if (verbal && tm.te < sent.tok_end && tm.tb > sent.tok_begin) {
      const std::string_view n = ws.tokens[tm.te].norm;
      const std::string_view b = ws.tokens[tm.tb - 1].norm;
      in_which = (rel != UINT32_MAX || b == "والتي" || b == "والذي") &&
                 (n == "فيه" || n == "فيها" || n == "فيهم" || n == "خلاله" || n == "خلالها" || n == "عندها");
      if (in_which) rel = UINT32_MAX;
    }
    const bool relative_verb = rel != UINT32_MAX;
    if (relative_verb && rel == cl.tb + 0 && rel >= sent.tok_begin + 2 && ws.tokens[rel - 1].norm == ",")
      for (const ActorMention& a : r.actors)
        if (a.sentence == tm.sentence && a.te == rel - 1) cl.tb = std::min(cl.tb, a.tb);

    // A present-tense verb right after a plain indefinite noun describes it or
    // has it as subject (مشاريع قرارات عدة تدين النظام السوري، فلان يدين إسرائيل):
    // the actor after the verb is its object, never its subject.
    auto adjectival_clause = [&] {
      if (kind != TriggerKind::kVerb || head.proclitics != 0 || tm.tb <= sent.tok_begin) return false;
      // (an imperfect: ي، or ت where the ي-form is the same verb — not
      // the perfect of form V/VI: تعهد، تعاون، توجه; no object pronoun:
      // حصار تفرضه إسرائيل has its subject after it)
      const std::string_view hst = head.stem;
      if (!head.enclitic.empty() || hst.ends_with("ه") || hst.ends_with("ها") || hst.ends_with("هم"))
        return false;
      if (!hst.starts_with("ي")) {
        if (!hst.starts_with("ت")) return false;
        const uint32_t v = lex_.FindPhrase("ي" + std::string(hst.substr(std::string_view("ت").size())));
        if (!lexicon::Lexicon::HasEntries(v)) return false;
        uint32_t n = 0;
        const uint32_t* ids = lex_.Postings(v, &n);
        bool same = false;
        for (uint32_t k = 0; k < n; ++k) same |= lex_.entry(ids[k]).source == te.source;
        if (!same) return false;
      }
      const text::Token& p = ws.tokens[tm.tb - 1];
      if (p.kind != text::TokenKind::kArabic || p.proclitics != 0 || IsBoundaryToken(p) ||
          IsRelativePronoun(p) || ActorEndsAt(r, tm.sentence, tm.tb))
        return false;
      for (const lexicon::DateMention& d : r.dates)
        if (d.sentence == tm.sentence && d.te == tm.tb) return false;
      for (const CueMatch& c : r.cues)
        if (c.sentence == tm.sentence && c.te == tm.tb) return false;
      for (const TriggerMatch& o : r.triggers)
        if (&o != &tm && o.sentence == tm.sentence && o.te == tm.tb) return false;
      static const char* const kParticles[] = {
          "لا",     "لم",    "لن",     "قد",     "سوف",    "ان",    "انه",   "انها",   "كي",    "حتي",
          "لكي",    "ثم",    "بل",     "ما",     "كما",    "فيما",  "بينما", "حيث",    "عندما", "لعل",
          "ربما",   "هل",    "اذ",     "اذا",    "لو",     "كان",   "كانت",  "يكون",   "تكون",  "ظل",
          "ظلت",    "بات",   "باتت",   "اخذ",    "اخذت",   "بدا",   "بدات",  "عاد",    "عادت",  "مازال",
          "لازال",  "زال",   "زالت",   "ليس",    "ليست",   "ايضا",  "مجددا", "دائما",  "فقط",   "بدوره",
          "بدورها", "الا",   "منذ",    "عندها",  "بعدما",  "قبلما", "طالما", "لطالما", "كلما",  "اليوم",
          "امس",    "غدا",   "حاليا",  "مازالت", "لازالت", "كذلك",  "لقد",   "وقد",    "فقد",   "اذن",
          "عاده",   "غالبا", "احيانا", "مرارا",  "رسميا"};
      for (const char* w : kParticles)
        if (p.norm == w) return false;
      return true;
    };
    // Actors of this sentence, outside the trigger. A subject before a verb
    // stands close to it (no other trigger between, at most two tokens gap).
    std::vector<const ActorMention*> before, after;
    const ActorMention* resumptive_object = nullptr;  // antecedent of a relative clause, as object
    const int trigger_root = std::atoi(cameo.substr(0, 2).c_str());
    // بين after another event noun opens that noun's parties (يدعو إلى حوار
    // بين السعودية وإيران: the dialogue's, not the call's).
    uint32_t others_between = UINT32_MAX;
    for (const TriggerMatch& o : r.triggers)
      if (&o != &tm && o.sentence == tm.sentence && o.tb >= tm.te && o.te < sent.tok_end &&
          ws.tokens[o.te].norm == "بين")
        others_between = std::min(others_between, o.te);
    // An accusation's charge follows ب (اتهمت بريطانيا روسيا بالوقوف وراء
    // الهجمات): the accused stands before it, never inside it (اتهمت الصين
    // بزعزعة العلاقات بين جانبي مضيق تايوان: Taiwan is not accused).
    uint32_t charge = UINT32_MAX;
    if (cameo.compare(0, 3, "112") == 0)
      for (uint32_t t = tm.te; t < sent.tok_end && charge == UINT32_MAX; ++t)
        if (ws.tokens[t].has(text::kPrepBi)) {
          const std::string_view w = ws.tokens[t].stem;  // manner: باللغة العبرية، بشدة، بصراحة
          if (w != "لغه" && w != "شده" && w != "صراحه" && w != "وضوح" && w != "اسم") charge = t;
        }
    for (const ActorMention& a : r.actors) {
      if (a.sentence != tm.sentence) continue;
      if (a.tb > others_between) continue;
      if (a.tb >= charge && a.tb > tm.te) continue;
      if (!IsParty(a, tm, trigger_root, verbal, ws, r, lex_)) continue;
      if (a.te <= tm.tb && a.tb >= cl.tb) before.push_back(&a);
      if (a.tb >= tm.te && a.tb < cl.te) after.push_back(&a);  // (an apposition may run past a comma)
    }
    // (Only a verb of taking part right before the preposition makes the
    // verbal noun its own event with that verb's subject: الجيش نجح في قتل
    // عشرات المسلحين; elsewhere it is a noun: لحساب الموساد والمشاركة في قتل
    // علماء إيرانيين has no subject before it.)
    if (noun_after_preposition && !before.empty()) {
      const std::string_view pv =
          tm.tb >= sent.tok_begin + 2 ? ws.tokens[tm.tb - 2].stem : std::string_view();
      bool taking_part = false;
      // (perfect and imperfect, any person: نجحت، ينجح، يشاركون)
      for (std::string_view v : {"نجح",   "ينجح",  "تنجح",  "فشل",   "يفشل",  "تفشل",  "شارك",  "يشارك",
                                 "تشارك", "ساهم",  "يساهم", "تساهم", "استمر", "يستمر", "تستمر", "تورط",
                                 "يتورط", "تتورط", "تسبب",  "يتسبب", "تتسبب", "اسهم",  "يسهم",  "تسهم"})
        taking_part |= pv.starts_with(v);
      if (!taking_part && !supported) before.clear();
    }
    if (verbal && !before.empty()) {
      // A prepositional phrase may qualify the subject (سفير الكويت لدى الأمم
      // المتحدة يدين): the subject is the actor the phrase hangs on.
      if (before.size() >= 2) {
        const ActorMention* pp = before.back();
        const ActorMention* head_actor = before[before.size() - 2];
        if (pp->tb == head_actor->te + 1 && pp->te + 0 == tm.tb &&
            GovernedByPreposition(ws.tokens.data(), pp->tb, sent.tok_begin) &&
            !GovernedByPreposition(ws.tokens.data(), head_actor->tb, sent.tok_begin) && !pp->nisba_only) {
          const std::string_view p = ws.tokens[pp->tb - 1].norm;
          if (p == "لدي" || p == "في" || p == "من" || p == "عن") before.pop_back();
        }
      }
      const ActorMention* last = before.back();
      bool blocked = tm.tb - last->te > 4;
      for (const TriggerMatch& o : r.triggers)
        if (o.sentence == tm.sentence && o.tb >= last->te && o.te <= tm.tb) blocked = true;
      if (GovernedByPreposition(ws.tokens.data(), last->tb, sent.tok_begin)) blocked = true;
      // ... also through its coordination (والتدرب في العراق وإيران ومحاولة قتل:
      // Iran is a place of the training, not the doer).
      // (في or من: after مع or ب the run may still act with a plural verb —
      // اتصالات مع ماكرون وميركل واتفقوا)
      if (const uint32_t hb = CoordinationHead(*last, ws.tokens, sent.tok_begin, r);
          hb != last->tb && hb > sent.tok_begin &&
          (ws.tokens[hb - 1].norm == "في" || ws.tokens[hb - 1].norm == "من"))
        blocked = true;
      // An object of an earlier verb, unless إنّ/أنّ put the subject in the accusative.
      const bool after_inna = last->tb > sent.tok_begin && ws.tokens[last->tb - 1].stem == "ان";
      if (IsAccusative(*last, ws.tokens[last->tb], false) && !after_inna) blocked = true;
      // كما/ثم/فيما/حيث before the verb open a clause of their own (اتفقت على
      // رفض عودة روسيا كما طلب الرئيس الأمريكي: Russia is not the subject).
      if (tm.tb > sent.tok_begin) {
        const std::string_view p = ws.tokens[tm.tb - 1].norm;
        if (p == "كما" || p == "ثم" || p == "فيما" || p == "حيث" || p == "وكما") blocked = true;
      }
      // After a relative pronoun the subject is the antecedent right before
      // it (الحوثيين الذين استهدفوا), never an actor further back (الأمطار التي
      // قتلت ...: rain is no actor).
      // ... whatever governs the antecedent (أشاد بالحوثيين الذين هاجموا).
      // (also past a pronoun of emphasis: قوات النظام السوري هي التي أطلقت)
      if (relative_verb) {
        const std::string_view q = ws.tokens[rel - 1].norm;
        blocked = last->te != rel &&
                  !(last->te + 1 == rel && (q == "," || q == "هي" || q == "هو" || q == "هم" || q == "هن"));
      }
      if (in_which) blocked = true;
      // Across a parenthesis (، الأربعاء،) an actor right after the verb is
      // its subject (أبلغ العراق أنقرة، الأربعاء، رفض بغداد لقيام أنقرة ...).
      if (!blocked && tm.tb > last->te + 1 && ws.tokens[tm.tb - 1].norm == ",")
        for (const ActorMention& a : r.actors)
          if (a.sentence == tm.sentence && a.tb == tm.te && !a.nisba_only &&
              !GovernedByPreposition(ws.tokens.data(), a.tb, sent.tok_begin))
            blocked = true;
      if (blocked) before.clear();
      // A verb joined by و to an earlier one shares its subject: in كوريا
      // الشمالية تحذر واشنطن وتهدد بتعليق المفاوضات, Washington is the first
      // verb's object, not the second one's subject.
      if (!before.empty() && head.has(text::kConjWa) && kind == TriggerKind::kVerb) {
        const TriggerMatch* prev_verb = nullptr;
        for (const TriggerMatch& o : r.triggers)
          if (&o != &tm && o.sentence == tm.sentence && o.te <= before.back()->tb && o.tb >= cl.tb &&
              o.entry != lexicon::kNone &&
              static_cast<TriggerKind>(lex_.entry(o.entry).kind) == TriggerKind::kVerb &&
              !ws.tokens[o.tb].has(text::kDefArticle))
            prev_verb = &o;  // the last one before the actor
        // ... unless the verb names its own subject right after it: after a
        // verb-first clause (دعا الاتحاد الأوروبي إلى ضبط النفس ونددت باريس)
        // the actors before belong to the first verb.
        bool own_subject = false;
        if (prev_verb != nullptr && before.back()->tb >= prev_verb->te)
          for (const ActorMention& a : r.actors)
            if (a.sentence == tm.sentence && a.tb == tm.te && !a.nisba_only &&
                !IsAccusative(a, ws.tokens[a.tb], false) &&
                !GovernedByPreposition(ws.tokens.data(), a.tb, sent.tok_begin) &&
                IsParty(a, tm, trigger_root, verbal, ws, r, lex_))
              own_subject = true;
        if (own_subject) {
          before.clear();
        } else if (prev_verb != nullptr && before.back()->tb >= prev_verb->te) {
          const ActorMention* subj = nullptr;
          for (const ActorMention* a : before)
            if (a->te <= prev_verb->tb && prev_verb->tb - a->te <= 2) subj = a;  // SVO before the first verb
          if (subj == nullptr) {
            std::vector<const ActorMention*> after_first;
            for (const ActorMention* a : before)
              if (a->tb >= prev_verb->te && !GovernedByPreposition(ws.tokens.data(), a->tb, sent.tok_begin))
                after_first.push_back(a);
            if (after_first.size() >= 2) subj = after_first[0];  // VSO: subject, then object
          }
          if (subj != nullptr && subj != before.back()) before = {subj};
        }
      }
    }
    // A relative clause whose verb carries a pronoun back to the antecedent
    // (القس الذي أفرجت عنه السلطات التركية، الرجل الذي اعتقلته الشرطة) has the
    // antecedent as object and its own subject after the verb.
    // So does a fronted object with a pronoun on the verb and the subject
    // right after it (والتونسي سامي العيدوي طردته برلين).
    const bool fronted = verbal && !relative_verb && !before.empty() && !after.empty() &&
                         after[0]->tb == tm.te && tm.tb - before.back()->te <= 2;
    // الذي قُتل في انفجار: a killing verb in a relative clause followed by
    // where or how it happened is passive; the antecedent is the victim.
    bool relative_passive = false;
    if (relative_verb && !before.empty() && trigger_root >= 18 && tm.te < sent.tok_end &&
        kind == TriggerKind::kVerb &&
        tm.te == tm.tb + 1) {  // (a light construction is active: التي أطلقت الصواريخ على)
      const text::Token& n = ws.tokens[tm.te];
      const std::string_view q = n.norm;
      relative_passive = q == "في" || q == "خلال" || q == "جراء" || q == "اثر" || q == "برصاص" ||
                         q == "بنيران" || q == "بقصف" || q == "بانفجار" || q == "بهجوم" || q == "علي";
      if (relative_passive) {
        resumptive_object = before.back();
        before.clear();
      }
    }
    if ((relative_verb || fronted) && !before.empty() && !after.empty()) {
      // The segmenter leaves these pronouns on (اعتقلته، عنه), so test the words.
      // (ته، وه after two letters at least: دعته "invited him"; not داهم)
      auto ends = [](std::string_view w, std::string_view e) {
        const size_t extra = e.starts_with("ت") || e.starts_with("و") ? 4 : 5;
        return w.size() >= e.size() + extra && w.ends_with(e);
      };
      const std::string_view vn = head.norm;
      std::string_view pronoun_word;  // a preposition carrying the pronoun (عنه)
      bool resumptive =
          !head.enclitic.empty() || ends(vn, "ته") || ends(vn, "تها") || ends(vn, "تهم") || ends(vn, "وه") ||
          ends(vn, "وها") || ends(vn, "وهم") || ends(vn, "ها") || ends(vn, "هم") ||
          // an imperfect with an object pronoun (الذي تعتقله الحكومة)
          // (not a root ending in ه: يتوجه، يوجه، يتجه، ينبه)
          (ends(vn, "ه") && (vn.starts_with("ت") || vn.starts_with("ي")) && !vn.ends_with("وجه") &&
           !vn.ends_with("تجه") && !vn.ends_with("نبه") && !vn.ends_with("شبه"));
      if (tm.te < sent.tok_end) {
        static const char* const kPrepPronouns[] = {
            "عنه",  "عنها", "عنهم", "عليه", "عليها", "عليهم", "له",    "لها", "لهم", "معه", "معها",
            "معهم", "منه",  "منها", "منهم", "اليه",  "اليها", "اليهم", "به",  "بها", "بهم"};
        for (const char* w : kPrepPronouns)
          if (ws.tokens[tm.te].norm == w) resumptive = true, pronoun_word = ws.tokens[tm.te].norm;
        // ... or the noun of a light verb after the subject (الجواسيس الذين
        // أطلقت الولايات المتحدة سراحهم).
        for (uint32_t t = tm.te; t < std::min(sent.tok_end, tm.te + 5) && !resumptive; ++t) {
          const std::string_view n = ws.tokens[t].norm;
          if (n == "سراحه" || n == "سراحها" || n == "سراحهم" || n == "سراحهما")
            resumptive = true, pronoun_word = n;
        }
      }
      // The pronoun must agree with the relative pronoun to point back to
      // the antecedent: in الميليشيات التي اختطفته (fem. relative, masc.
      // pronoun) it is someone else, and the antecedent is the subject.
      if (resumptive && relative_verb) {
        auto pron_class = [](std::string_view w) -> char {
          if (w.ends_with("هما")) return 'D';
          if (w.ends_with("هم")) return 'P';
          if (w.ends_with("ها")) return 'F';
          if (w.ends_with("ه")) return 'M';
          return 0;
        };
        const std::string_view rp = ws.tokens[rel].norm;
        const char want = rp == "الذي"      ? 'M'
                          : rp == "التي"    ? 'F'
                          : rp == "الذين"   ? 'P'
                          : rp == "اللواتي" ? 0
                                            : 'D';
        const char have =
            pron_class(pronoun_word.empty() ? (head.enclitic.empty() ? vn : head.enclitic) : pronoun_word);
        if (want && have && want != have) resumptive = false;
      }
      if (resumptive) {
        resumptive_object = before.back();
        before.clear();
      }
    }
    // In verb-first order the subject is the first actor after the verb that
    // no preposition governs; governed actors before it stay as targets.
    std::vector<const ActorMention*> after_subjects;
    uint32_t next_trigger = UINT32_MAX;
    for (const TriggerMatch& o : r.triggers)
      if (&o != &tm && o.sentence == tm.sentence && o.tb >= tm.te &&
          std::none_of(r.actors.begin(), r.actors.end(), [&](const ActorMention& a) {
            return a.sentence == o.sentence && a.tb <= o.tb && o.tb < a.te;  // an actor word (المحاكم)
          }))
        next_trigger = std::min(next_trigger, o.tb);
    // Coordination carries the preposition: in مع حكومات ألمانيا وبريطانيا
    // وإيطاليا every member is governed by مع, none is a subject.
    {
      const ActorMention* prev = nullptr;
      bool prev_governed = false;
      for (const ActorMention* a : after) {
        bool governed = GovernedByPreposition(ws.tokens.data(), a->tb, sent.tok_begin);
        if (!governed && prev && prev_governed) {
          const bool coord = (a->tb == prev->te && ws.tokens[a->tb].has(text::kConjWa)) ||
                             (a->tb == prev->te + 1 &&
                              (IsCoordinator(ws.tokens[prev->te]) || ws.tokens[prev->te].norm == ","));
          governed = coord;
        }
        // The subject stands before the next event word: past it an actor
        // belongs to that event (قطع علاقاتها مع إيران على خلفية دعم الحزب
        // اللبناني: Lebanon is دعم's, not قطع's).
        // A visibly accusative noun (استهدف جنودا رومانيين) is the object.
        const bool accusative = a->tb == tm.te && IsAccusative(*a, ws.tokens[a->tb], false);
        if (!governed && a != appositive && a->tb < next_trigger && !accusative) after_subjects.push_back(a);
        prev = a, prev_governed = governed;
      }
    }
    // Coordinated run starting at after[i]: X و Y و Z.
    // After a noun trigger, an actor of the same country right after another,
    // with no و or preposition, is an apposition describing it (زيارة إسماعيل
    // هنية رئيس المكتب السياسي لحماس، زيارة الأمير محمد بن سلمان ولي العهد
    // السعودي), not a second party. (After a verb it is the direct object:
    // اتهم الرئيس سلفا كير نائبه السابق.)
    auto apposition_of = [&](const ActorMention* a, const ActorMention* b) {
      if (verbal || a == nullptr || b == nullptr || a->sentence != b->sentence || a->code.size() < 6 ||
          b->code.size() < 6 || a->code.compare(0, 3, b->code, 0, 3) != 0 || !a->code.compare(0, 3, "IGO") ||
          !a->code.compare(0, 3, "NGO") || !a->code.compare(0, 3, "IMG"))
        return false;
      uint32_t a_end = a->te;
      while (a_end < sent.tok_end && ws.tokens[a_end].span.begin < a->span.end) ++a_end;
      const text::Token& k = ws.tokens[b->tb];
      return a_end == b->tb && !k.has(text::kConjWa) && !k.has(text::kPrepBi) && !k.has(text::kPrepLi);
    };
    auto run_from = [&](const std::vector<const ActorMention*>& v, size_t i, size_t* next) {
      std::vector<const ActorMention*> out{v[i]};
      size_t j = i + 1;
      while (j < v.size()) {
        const ActorMention* prev = out.back();
        const ActorMention* cur = v[j];
        bool coord = false;
        // (an actor whose span the NER extended over a name ends after it:
        // البريطانية ميريد مغواير واليمنية توكل كرمان)
        uint32_t prev_end = prev->te;
        while (prev_end < sent.tok_end && ws.tokens[prev_end].span.begin < prev->span.end) ++prev_end;
        if ((cur->tb == prev->te || cur->tb == prev_end) && ws.tokens[cur->tb].has(text::kConjWa))
          coord = true;
        // (across one unknown conjunct: الإسرائيليون والأميركيون والأوروبيون
        // والأمم المتحدة)
        if (cur->tb == prev_end + 1 && cur->tb < sent.tok_end && ws.tokens[cur->tb].has(text::kConjWa) &&
            ws.tokens[prev_end].kind == text::TokenKind::kArabic && ws.tokens[prev_end].has(text::kConjWa) &&
            ws.tokens[prev_end].has(text::kDefArticle) &&
            std::none_of(sent_trig.begin(), sent_trig.end(),
                         [&](const TriggerMatch* o) { return o->tb <= prev_end && prev_end < o->te; }))
          coord = true;
        if (cur->tb == prev->te + 1 &&
            (IsCoordinator(ws.tokens[prev->te]) || ws.tokens[prev->te].norm == ","))
          coord = true;
        // A dash joins the two sides of a meeting in headline style (لقاء
        // بوتين - الأسد، محادثات الرئيس الروسي – رئيس الوزراء الإسرائيلي).
        if (cur->tb == prev->te + 1 && (ws.tokens[prev->te].norm == "-" || ws.tokens[prev->te].norm == "–"))
          coord = true;
        // Nisbas in a row qualify one noun together (ضربات أمريكية بريطانية
        // فرنسية): the countries act together.
        if (cur->tb == prev->te && cur->nisba_only && prev->nisba_only && cur->code != prev->code)
          coord = true;
        // ... and so does an ally named as such (الحكومة السورية وحليفتها موسكو).
        if (cur->tb == prev->te + 1) {
          const std::string_view a = ws.tokens[prev->te].norm;
          if (a.starts_with("وحليف") || a.starts_with("وحلفاء") || a.starts_with("وشريك") ||
              a.starts_with("وشركاء"))
            coord = true;
        }
        if (!coord) break;
        out.push_back(cur);
        ++j;
      }
      *next = j;
      return out;
    };

    // When a verb's object pronoun fills its direct object, only an actor behind
    // a preposition of direction (على، ضد، إلى، مع، بين، ل، ب، بحق, or the nisba of
    // a noun so governed: على مواقع إيرانية) can still be its target.
    auto directed_target = [&](const ActorMention* a) {
      const uint32_t hb = CoordinationHead(*a, ws.tokens, sent.tok_begin, r);
      auto directed = [&](uint32_t t) {
        const text::Token& p = ws.tokens[t > sent.tok_begin ? t - 1 : t];
        return ws.tokens[t].has(text::kPrepLi) || ws.tokens[t].has(text::kPrepBi) || p.norm == "علي" ||
               p.norm == "ضد" || p.norm == "الي" || p.norm == "مع" || p.norm == "بين" ||
               (p.has(text::kPrepBi) && p.stem == "حق");
      };
      if (directed(hb)) return true;
      // (or behind one or two plain words that are: على مواقع قوات الجيش، على نحو
      // مليوني فلسطيني)
      for (uint32_t k = 1; k <= 2 && hb >= sent.tok_begin + k + 1; ++k) {
        const text::Token& w = ws.tokens[hb - k];
        if (w.kind != text::TokenKind::kArabic || ActorEndsAt(r, tm.sentence, hb - k + 1)) break;
        if (directed(hb - k)) return true;
      }
      return false;
    };
    // The object among candidate actors: verbs whose frame is a direct object
    // take the first actor no preposition governs; prepositional frames and
    // light-verb constructions (قطع العلاقات مع، فرض عقوبات على) the first one
    // a preposition introduces. Either falls back on the other.
    const std::string frame(lex_.str(te.name));
    const bool prefer_governed = kind == TriggerKind::kLight || (frame.rfind("prep:", 0) == 0);
    const int root_of_trigger = std::atoi(cameo.substr(0, 2).c_str());
    auto pick_target = [&](const std::vector<const ActorMention*>& all_cands) {
      // An envoy's لدى-phrase says where it is accredited (البعثة الكويتية لدى
      // الأمم المتحدة): no party, unless the verb takes لدى (احتجت مصر لدى إيران).
      std::vector<const ActorMention*> cands;
      for (const ActorMention* a : all_cands) {
        bool accredited = false;
        if (a->tb >= sent.tok_begin + 2 && ws.tokens[a->tb - 1].norm == "لدي" &&
            frame.find("لدى") == std::string::npos)
          if (const ActorMention* envoy = ActorEndingAt(r, tm.sentence, a->tb - 1))
            for (uint32_t t = envoy->tb; t < envoy->te; ++t) {
              const std::string_view st = ws.tokens[t].stem;
              accredited |= st.starts_with("سفير") || st.starts_with("سفار") || st.starts_with("مندوب") ||
                            st.starts_with("بعثه") || st.starts_with("ممثل") || st.starts_with("بعثات");
            }
        // ... and one "with" the subject, for a verb that takes no مع, acts
        // with it (وشنت واشنطن مع باريس ولندن ضربات): a co-agent, no target.
        bool co_agent = false;
        if (frame.find("مع") == std::string::npos && note.find("sym") == std::string::npos) {
          const uint32_t hb = CoordinationHead(*a, ws.tokens, sent.tok_begin, r);
          const ActorMention* subject = hb >= sent.tok_begin + 2 && ws.tokens[hb - 1].norm == "مع"
                                            ? ActorEndingAt(r, tm.sentence, hb - 1)
                                            : nullptr;
          co_agent = subject != nullptr && subject->tb == tm.te;  // (verb, subject, مع ...)
        }
        // ... and for meetings and cooperation (roots 03-08) an actor past a
        // purpose (لمناقشة، لبحث) is the topic's: قرر مجلس الأمن عقد اجتماع لمناقشة
        // الهجوم الكيماوي للنظام السوري has no Syrian party.
        bool topic = false;
        if (root_of_trigger >= 3 && root_of_trigger <= 8)
          for (const TriggerMatch* o : sent_trig)
            if (o != &tm && o->tb >= tm.te && o->tb < a->tb && ws.tokens[o->tb].has(text::kPrepLi) &&
                !ws.tokens[o->tb].has(text::kDefArticle))
              topic = true;
        if (!accredited && !co_agent && !topic) cands.push_back(a);
      }
      // في introduces where, not whom: such actors are the last resort.
      std::vector<const ActorMention*> governed, bare, locative;
      // For meetings, agreements and cooperation ب names the partner (التقى
      // ترامب برئيسة الوزراء); في-places never reach here (IsParty). Force,
      // in contrast, is used against places (غارات في سوريا).
      const int root = std::atoi(cameo.substr(0, 2).c_str());
      const bool cooperative = root >= 3 && root <= 8;
      const bool bi_frame = frame.find("prep:ب") != std::string::npos;  // ندد بـ، رحب بـ
      for (const ActorMention* a : cands) {
        // في and ب introduce where and how (بموافقة صينية), not whom.
        bool fi =
            a->tb > sent.tok_begin && !ws.tokens[a->tb].has(text::kPrepBi) &&
            text::InLocativePhrase(ws.tokens.data(), a->tb, sent.tok_begin);  // (IsParty: not for 03-08)
        // A city after ب is where a meeting is held (التقى مساهل نظيره الفرنسي
        // بباريس), not the partner, which a person or a role names.
        if (!fi && cooperative && ws.tokens[a->tb].has(text::kPrepBi) && a->rule.starts_with("country:"))
          for (const auto& p : r.places)
            if (p.sentence == a->sentence && p.tb == a->tb && p.te == a->te) {
              const EntryRecord& e = lex_.entry(p.entry);
              fi |= e.kind == static_cast<uint8_t>(lexicon::PlaceKind::kCapital) ||
                    e.kind == static_cast<uint8_t>(lexicon::PlaceKind::kCity);
            }
        // A nisba right after a place qualifies the place (في مدينة سرت الليبية).
        if (!fi && a->nisba_only && !ws.tokens[a->tb].has(text::kConjWa))
          for (const auto& p : r.places)
            if (p.sentence == a->sentence && p.te == a->tb) fi = true;
        const bool in = fi || (ws.tokens[a->tb].has(text::kPrepBi) && !cooperative && !bi_frame);
        // A و-conjunct right after a governed actor is governed too
        // (بنظرائه الفرنسي والألماني والياباني).
        bool conjunct_of_governed = false;
        if (!governed.empty() && ws.tokens[a->tb].has(text::kConjWa)) {
          const ActorMention* g = governed.back();
          uint32_t g_end = g->te;
          while (g_end < sent.tok_end && ws.tokens[g_end].span.begin < g->span.end) ++g_end;
          // (not in a place phrase, في سوريا والعراق، في كل من هولندا وكندا, nor
          // in a كل من list, which is often the subject: عارضته كل من موسكو ودمشق)
          const bool kull_min = g->tb >= sent.tok_begin + 2 && ws.tokens[g->tb - 1].norm == "من" &&
                                ws.tokens[g->tb - 2].stem == "كل";
          conjunct_of_governed =
              g_end == a->tb && !kull_min && !(g->tb > sent.tok_begin && ws.tokens[g->tb - 1].norm == "في");
        }
        (in                                                                                       ? locative
         : GovernedByPreposition(ws.tokens.data(), a->tb, sent.tok_begin) || conjunct_of_governed ? governed
                                                                                                  : bare)
            .push_back(a);
      }
      // ... except a name right after a light construction: its genitive is
      // the party it concerns (عرض مساعدة الجزائر "offer Algeria help").
      // (a count may stand between: بطرد 23 دبلوماسيا بريطانيا)
      uint32_t after_count = tm.te;
      while (after_count < sent.tok_end && (ws.tokens[after_count].kind == text::TokenKind::kNumber ||
                                            IsNumberWord(ws.tokens[after_count].stem)))
        ++after_count;
      // (or the construction's own noun begins the actor past the subject: وطردت
      // أكثر من 24 دولة وحلف الناتو دبلوماسيين روسا دعما لبريطانيا)
      const std::string_view bare_head = bare.empty() ? std::string_view() : ws.tokens[bare[0]->tb].stem;
      const bool envoy_noun = (bare_head.starts_with("سفير") || bare_head.starts_with("دبلوماسي") ||
                               bare_head.starts_with("مبعوث") || bare_head == "قائم") &&
                              !bare_head.ends_with("يه");  // (not the adjective: العلاقات الدبلوماسية)
      const bool adjacent_genitive = prefer_governed && kind == TriggerKind::kLight && !bare.empty() &&
                                     (bare[0]->tb == tm.te || bare[0]->tb == after_count || envoy_noun) &&
                                     !bare[0]->nisba_only && !bare[0]->role_only;
      const auto& first = prefer_governed && !adjacent_genitive ? governed : bare;
      const auto& second = prefer_governed && !adjacent_genitive ? bare : governed;
      // Only force is aimed at a place (غارات في سوريا، نشر قوات في سوريا);
      // a protest, meeting or statement in a city is merely held there.
      const bool at_place = root == 15 || root >= 18;
      static const std::vector<const ActorMention*> kNone;
      // A verb's own preposition names its object; an actor behind another
      // preposition belongs to a noun in between (يحقق في انتقادات ترمب لوزير
      // العدل: the inquiry is into Trump's criticism, not into the minister),
      // so a bare genitive before it is the object (for verbs that take no
      // direct object).
      if (kind != TriggerKind::kLight && frame.rfind("prep:", 0) == 0 &&
          frame.find("obj") == std::string::npos && !governed.empty() && !bare.empty() &&
          bare[0]->tb < governed[0]->tb) {
        bool own = false;
        for (const ActorMention* a : governed)
          own |= GovernedByFramePreposition(ws.tokens.data(), a->tb, sent.tok_begin, frame);
        if (!own) {
          size_t nb;
          return run_from(bare, 0, &nb);
        }
      }
      // A verb taking an object or a preposition (دعا X إلى، طالب X بـ، هدد X
      // بـ، حذر X من) whose clause goes on with that preposition and no actor
      // after it calls for, demands or threatens an action: a bare noun
      // further on is a genitive inside that action (دعت الصين إلى تعزيز
      // التبادل تزامنا مع مساعي الولايات المتحدة), not the verb's object. The
      // action's own target, behind a preposition, stays the target (هدد
      // بتوجيه ضربة للنظام، دعا إلى فرض عقوبات على روسيا).
      if (kind == TriggerKind::kVerb && frame.find("obj") != std::string::npos) {
        uint32_t p = tm.te;
        for (bool moved = true; moved && p < cl.te;) {  // past the subject (and its coordinated run),
          moved = false;                                // its لدى-phrase and a date
          for (const ActorMention& a : r.actors)
            if (a.sentence == tm.sentence && a.tb == p && a.te > p) p = a.te, moved = true;
          for (const lexicon::DateMention& d : r.dates)
            if (d.sentence == tm.sentence && d.tb == p && d.te > p) p = d.te, moved = true;
          if (!moved && p + 1 < cl.te && ws.tokens[p].norm == "لدي") ++p, moved = true;
        }
        bool own_prep = false;
        if (p + 1 < cl.te && std::none_of(r.actors.begin(), r.actors.end(), [&](const ActorMention& a) {
              return a.sentence == tm.sentence && a.tb <= p + 1 && p + 1 < a.te;
            })) {
          const text::Token& k = ws.tokens[p];
          const std::string_view n = k.norm;
          own_prep = (n == "الي" && frame.find("prep:إلى") != std::string::npos) ||
                     (n == "من" && frame.find("prep:من") != std::string::npos) ||
                     (n == "علي" && frame.find("prep:على") != std::string::npos);
          const bool actor_here = std::any_of(r.actors.begin(), r.actors.end(), [&](const ActorMention& a) {
            return a.sentence == tm.sentence && a.tb <= p && p < a.te;
          });
          // (A threat's action is aimed at the threatened: هدد جيش الاحتلال
          // باستهداف قادة الفصائل، هدد بفرض رسوم على واردات من الصين.)
          if (!actor_here && k.kind == text::TokenKind::kArabic && k.proclitics == text::kPrepBi &&
              frame.find("prep:ب") != std::string::npos && cameo.compare(0, 2, "13") != 0)
            own_prep = true, --p;  // the preposition is the word's own clitic
        }
        if (own_prep) {
          std::vector<const ActorMention*> kept;
          // (the target of an action: ل، ب، على، ضد before it, or before the
          // noun its nisba qualifies: بفرض رسوم على منتجات صينية)
          auto aimed_at = [&](uint32_t t) {
            const text::Token& k = ws.tokens[t];
            if (k.has(text::kPrepLi) || k.has(text::kPrepBi)) return true;
            return t > sent.tok_begin && (ws.tokens[t - 1].norm == "علي" || ws.tokens[t - 1].norm == "ضد");
          };
          for (const ActorMention* a : cands)
            if (a->tb <= p || aimed_at(a->tb) || (a->nisba_only && a->tb > p + 1 && aimed_at(a->tb - 1)))
              kept.push_back(a);
          if (kept.size() < cands.size()) {
            size_t nk;
            return kept.empty() ? std::vector<const ActorMention*>{} : run_from(kept, 0, &nk);
          }
        }
      }
      const auto& v = !first.empty() ? first : !second.empty() ? second : at_place ? locative : kNone;
      size_t nx;
      return v.empty() ? std::vector<const ActorMention*>{} : run_from(v, 0, &nx);
    };
    std::vector<const ActorMention*> sources, targets;
    std::string how;
    bool symmetric_between = false;
    // بين must belong to the trigger (اشتباكات عنيفة بين ...), not to a noun
    // further on (تساند الخطة العربية للسلام بين إسرائيل وفلسطين).
    if (!after.empty() && after[0]->tb > tm.te && after[0]->tb - 1 >= tm.te &&
        after[0]->tb - 1 <= tm.te + 2 && ws.tokens[after[0]->tb - 1].stem == "بين" &&
        // ... nor to another trigger between (يدعو إلى حوار بين السعودية وإيران:
        // the parties are the dialogue's, not the call's).
        std::none_of(r.triggers.begin(), r.triggers.end(), [&](const TriggerMatch& o) {
          return &o != &tm && o.sentence == tm.sentence && o.tb >= tm.te && o.te < after[0]->tb;
        })) {
      size_t nx;
      sources = run_from(after, 0, &nx);
      symmetric_between = sources.size() >= 2;
      how = "between";
    }
    if (!symmetric_between) {
      sources.clear();
      if (!before.empty() && verbal) {
        // Subject before the verb: the nearest actor (and its coordinated run).
        size_t k = before.size() - 1;
        // ... except before a singular relative pronoun, which takes the last
        // conjunct alone (بين الدوحة وإيران التي تدعم الحوثيين: Iran supports).
        const uint32_t rel = before[k]->te;
        const bool singular_relative =
            rel < tm.tb && (ws.tokens[rel].norm == "التي" || ws.tokens[rel].norm == "الذي");
        while (!singular_relative && k > 0 && before[k - 1]->te == before[k]->tb &&
               ws.tokens[before[k]->tb].has(text::kConjWa))
          --k;
        size_t nx;
        sources = run_from(before, k, &nx);
        targets = pick_target(after);
        how = "SVO";
      } else if (!verbal && has_pronoun && !before.empty()) {
        // سيطرته على ...: the pronoun refers back to the nearest actor.
        size_t nx;
        sources = run_from(before, before.size() - 1, &nx);
        if (!after.empty()) targets = run_from(after, 0, &nx);
        how = "noun+pronoun";
        // A coercion or assault noun's pronoun is its victim (اعتقاله "his
        // arrest"، اغتيالها، اختطافهم): the doer is not named by it.
        const int rootp = std::atoi(cameo.substr(0, 2).c_str());
        if ((rootp == 17 || rootp == 18) && frame.rfind("obj", 0) == 0) {
          targets = sources;
          sources.clear();
          how = "noun+pronoun (victim)";
        }
      } else if (relative_passive) {
        targets = {resumptive_object};
        how = "relative clause, passive";
      } else if ((relative_verb || fronted) && !after.empty() && resumptive_object) {
        size_t nx;
        sources = run_from(after, 0, &nx);
        targets = {resumptive_object};
        how = "relative clause, antecedent object";
      } else if (relative_verb && !after.empty() && kind == TriggerKind::kVerb && tm.te == tm.tb + 1 &&
                 !GovernedByPreposition(ws.tokens.data(), after[0]->tb, sent.tok_begin) &&
                 (head.norm.ends_with("ته") || head.norm.ends_with("تها") || head.norm.ends_with("تهم") ||
                  (head.norm.size() > 8 && (head.norm.ends_with("ها") || head.norm.ends_with("هم"))))) {
        // The verb carries a pronoun back to an antecedent that is no actor
        // (العقوبات التي فرضتها الولايات المتحدة على إيران): the actor after
        // it is its subject, and the rest its targets.
        // (The pronoun is the direct object: only an actor behind a preposition
        // of direction is a target — على، ضد، إلى، مع، ل، ب — not من إيطاليا.)
        size_t nx;
        sources = run_from(after, 0, &nx);
        std::vector<const ActorMention*> rest;
        for (size_t k = nx; k < after.size(); ++k)
          if (directed_target(after[k])) rest.push_back(after[k]);
        targets = pick_target(rest);
        how = "relative clause, subject after the verb";
      } else if (relative_verb && !after.empty()) {
        size_t nx;
        targets = run_from(after, 0, &nx);
        how = "relative clause";
      } else if (verbal && kind == TriggerKind::kVerb && !after.empty() && head.enclitic.empty() &&
                 head.norm.ends_with("وا") && text::CountCodePoints(head.stem) >= 4) {
        // A verb before its subject stays singular (طالب الأعضاء): a plural
        // one (وطالبوا إدارة ترامب) carries its subject as a pronoun, and the
        // actors after it are objects.
        targets = pick_target(after);
        how = "VSO (plural verb, pronoun subject)";
      } else if (verbal && !after_subjects.empty() && adjectival_clause()) {
        targets = pick_target(after);
        how = "VSO (adjectival clause: no subject after the verb)";
      } else if (verbal && !after_subjects.empty()) {
        size_t nx;
        sources = run_from(after_subjects, 0, &nx);
        // The object: the next actor after the subject (behind a preposition of
        // direction when the verb's pronoun is its object: حيث استهدفته طائرات
        // العدوان الأمريكي السعودي).
        // (a pronoun only if the verb without it is still this verb: استهدفته
        // is استهدفت + ه, but تتهم and اتهم end in their own root letters)
        bool object_pronoun = false;
        if (kind == TriggerKind::kVerb && tm.te == tm.tb + 1) {
          const std::string_view vn2 = head.norm;
          for (std::string_view pron : {"هما", "هم", "ها", "ه"}) {
            if (!vn2.ends_with(pron) || vn2.size() < pron.size() + 6) continue;
            thread_local std::vector<std::string> cands;
            cands.clear();
            text::VerbCandidates(vn2.substr(0, vn2.size() - pron.size()), &cands);
            for (const std::string& c : cands) {
              const uint32_t v = lex_.FindPhrase(c);
              if (!lexicon::Lexicon::HasEntries(v)) continue;
              uint32_t n = 0;
              const uint32_t* ids = lex_.Postings(v, &n);
              for (uint32_t k = 0; k < n; ++k) object_pronoun |= lex_.entry(ids[k]).source == te.source;
            }
            break;
          }
        }
        // (and not past another finite event verb: تناقش لجنة ... مشروع قانون يستهدف
        // فرض عقوبات على الحرس الثوري — the Guards are the bill's target)
        // (Force keeps its target: نفذ الجيش هجوما على مواقع تسيطر عليها الميليشيات.)
        auto past_verb = [&](const ActorMention* a) {
          if (violent) return false;
          for (const TriggerMatch* op : sent_trig)
            if (const TriggerMatch& o = *op;
                &o != &tm && o.tb >= sources.back()->te && o.te <= a->tb && o.entry != lexicon::kNone &&
                o.te == o.tb + 1 && ws.tokens[o.tb].proclitics == 0 &&
                static_cast<TriggerKind>(lex_.entry(o.entry).kind) == TriggerKind::kVerb &&
                lex_.str(lex_.entry(o.entry).code).substr(0, 2) != "01" &&
                (ws.tokens[o.tb].stem.starts_with("ي") || ws.tokens[o.tb].stem.starts_with("ت")))
              return true;
          return false;
        };
        std::vector<const ActorMention*> rest;
        for (const ActorMention* a : after)
          if (a->tb >= sources.back()->te && a->code != sources[0]->code &&
              (!object_pronoun || directed_target(a)) && !past_verb(a))
            rest.push_back(a);
        targets = pick_target(rest);
        how = "VSO";
      } else if (verbal && !after.empty() &&
                 GovernedByPreposition(ws.tokens.data(), after[0]->tb, sent.tok_begin)) {
        // A verb whose only actors follow a preposition has no subject in
        // its clause (يريد عقد لقاء مع حكومات ألمانيا وبريطانيا): they are
        // the other party.
        size_t nx;
        targets = run_from(after, 0, &nx);
        how = "VSO (no subject)";
        // An intransitive verb has no object: a crowd counted with من after it
        // is its subject (خرج مئات من المتظاهرين).
        if (frame == "none" && after[0]->tb > sent.tok_begin + 1 &&
            ws.tokens[after[0]->tb - 1].norm == "من") {
          const std::string_view q = ws.tokens[after[0]->tb - 2].stem;
          if (q == "مئات" || q == "الاف" || q == "عشرات" || q == "الوف" || q == "ملايين" || q == "عدد" ||
              q == "حشود" || q == "مئه" || q == "الف" || q == "بعض")
            sources = targets, targets.clear(), how = "VSO (counted subject)";
        }
      } else if (!after.empty() && after[0] == appositive) {
        // Only the apposition of a prepositional phrase: a target.
        size_t nx;
        targets = run_from(after, 0, &nx);
        how = verbal ? "VSO" : "noun+apposition";
      } else if (verbal && !after.empty() && after[0]->tb == tm.te &&
                 IsAccusative(*after[0], ws.tokens[after[0]->tb], false)) {
        // Only an accusative object after the verb (تفجير استهدف جنودا رومانيين):
        // the subject is elsewhere.
        size_t nx;
        targets = run_from(after, 0, &nx);
        how = "VSO (object only)";
      } else if (!verbal && !after.empty() &&
                 GovernedByPreposition(ws.tokens.data(), after[0]->tb, sent.tok_begin)) {
        // A noun followed by a preposition has no genitive: the actor there
        // is its object (الإفراج عن جنديين يونانيين، الهجوم على غزة).
        size_t nx;
        targets = run_from(after, 0, &nx);
        how = "noun+prepositional object";
        // ... except an armed group after ل, which owns the attack (مقتل عشرة
        // جنود أفغان في هجوم لطالبان): the doer; the counted dead before it are
        // its victims.
        const std::string& ac = targets.empty() ? std::string() : targets[0]->code;
        const bool armed = !ac.empty() && (ac.ends_with("REB") || ac.ends_with("INS") ||
                                           ac.ends_with("MIL") || ac.starts_with("IMG") || ac == "UAF");
        if (violent && armed && ws.tokens[targets[0]->tb].has(text::kPrepLi) && targets[0]->tb == tm.te) {
          sources = {targets[0]};
          targets.clear();
          if (!before.empty() && HasCasualties(ws.tokens, sent.tok_begin, sent.tok_end))
            targets = {before.back()};
          how = "noun+ل owner";
        }
      } else if (!after.empty() &&
                 std::any_of(r.triggers.begin(), r.triggers.end(), [&](const TriggerMatch& o) {
                   // Another event word before the first actor has it (ستجتمع لبحث
                   // اتهامات بريطانيا، ويحضرها ... لمناقشة انسحاب الولايات المتحدة).
                   return &o != &tm && o.sentence == tm.sentence && o.tb >= tm.te && o.te <= after[0]->tb &&
                          !(o.tb == tm.te && ws.tokens[o.tb].has(text::kConjWa));
                 })) {
        how = verbal ? "VSO (actors of a later event)" : "noun (actors of a later event)";
      } else if (!after.empty()) {
        size_t nx;
        sources = run_from(after, 0, &nx);
        if (nx < after.size()) {
          // Another event between the two parties has its own object
          // (إحباط هجمات داعش ومواجهة محاولات روسيا).
          bool crossed = false;
          for (const TriggerMatch& o : r.triggers)
            if (&o != &tm && o.sentence == tm.sentence && o.tb >= sources.back()->te && o.te <= after[nx]->tb)
              crossed = true;
          size_t nx2;
          // (past the source's appositions)
          // (and the owner of one, after ل: رئيس المكتب السياسي لحماس)
          for (const ActorMention* last = sources.back();
               nx < after.size() && apposition_of(last, after[nx]);) {
            last = after[nx++];
            uint32_t last_end = last->te;
            while (last_end < sent.tok_end && ws.tokens[last_end].span.begin < last->span.end) ++last_end;
            if (nx >= after.size() || after[nx]->tb < last_end || after[nx]->tb > last_end + 3 ||
                !ws.tokens[after[nx]->tb].has(text::kPrepLi) ||
                after[nx]->code.compare(0, 3, last->code, 0, 3))
              continue;
            bool plain = true;  // (up to three plain words between: رئيس المكتب السياسي لحماس)
            for (uint32_t t = last_end; t < after[nx]->tb; ++t)
              plain &= ws.tokens[t].kind == text::TokenKind::kArabic && !ws.tokens[t].has(text::kConjWa);
            if (plain) last = after[nx++];
          }
          if (!crossed && nx < after.size()) targets = run_from(after, nx, &nx2);
        }
        how = verbal ? "VSO" : "noun+genitive";
        // A nisba that qualifies the noun right after a verbal noun of
        // disapproval, demand, rejection, threat, reduction or coercion names
        // whose thing is acted on (تقليص النفوذ الإيراني، انتقاد السياسة التركية،
        // رفض القرار الأمريكي): the patient, not the doer.
        {
          const int rootg = std::atoi(cameo.substr(0, 2).c_str());
          const text::Token& obj = ws.tokens[tm.te];
          if (!verbal && frame.rfind("obj", 0) == 0 &&
              ((rootg >= 10 && rootg <= 13) || rootg == 16 || rootg == 17) && sources[0]->nisba_only &&
              sources[0]->tb == tm.te + 1 && obj.kind == text::TokenKind::kArabic &&
              obj.has(text::kDefArticle) && !ActorEndsAt(r, tm.sentence, tm.te + 1)) {
            targets = sources;
            sources.clear();
            how = "noun+qualified object";
          }
        }
        // The genitive of a verbal noun whose verb takes a direct object is
        // usually that object when it is a country or place (غزو العراق،
        // قصف حلب), unless an ل-phrase names the object (غزو العراق للكويت).
        // Forces and groups stay agents (قصف الطيران الروسي).
        if (!verbal && frame.rfind("obj", 0) == 0 && sources[0]->strength == 2 && !sources[0]->role_only &&
            sources[0]->code.size() == 3) {
          const bool li_object = !targets.empty() && ws.tokens[targets[0]->tb].has(text::kPrepLi);
          if (!li_object) {
            targets = sources;
            sources.clear();
            how = "noun+object genitive";
          }
        }
        // Coercion and assault nouns (اعتقال، توقيف، ترحيل، اغتيال، خطف) take
        // their victim in the genitive whatever it is (اعتقال الصحفيين، توقيف
        // نيكولا ساركوزي), unless it is a force (اقتحام الجيش: the doer) or an
        // ل-phrase or a second party follows (قمع الشرطة للمتظاهرين).
        const int rootn = std::atoi(cameo.substr(0, 2).c_str());
        const bool second_party = !targets.empty() && !sources.empty() &&
                                  targets[0]->tb <= sources.back()->te + 1 && !targets[0]->nisba_only &&
                                  !text::InLocativePhrase(ws.tokens.data(), targets[0]->tb, sent.tok_begin);
        // After تم / جرى (the passive of the verbal noun: تم قتل عناصر حوثية)
        // the genitive is the patient, forces included, for any transitive root.
        const std::string_view before_noun =
            tm.tb > sent.tok_begin ? ws.tokens[tm.tb - 1].stem : std::string_view();
        const bool passive_noun = before_noun == "تم" || before_noun == "جري" || before_noun == "يتم" ||
                                  before_noun == "سيتم" || before_noun == "جرى";
        // Whoever is "released" in the genitive (إطلاق سراح جنديين يونانيين، الإفراج
        // الصحفيين) is the released, forces included; a following party is
        // the released's own (والمدير المحلي لمنظمة العفو).
        if (!verbal && cameo.compare(0, 3, "084") == 0 && !sources.empty()) {
          targets = sources;
          sources.clear();
          how = "noun+released genitive";
        } else if (!verbal && frame.rfind("obj", 0) == 0 && !sources.empty() && !second_party &&
                   passive_noun) {
          targets = sources;
          sources.clear();
          how = "noun+passive genitive";
        } else if (!verbal && rootn == 16 && !sources.empty() &&
                   (!second_party ||
                    (targets[0]->tb > sent.tok_begin && ws.tokens[targets[0]->tb - 1].norm == "من")) &&
                   sources[0]->rule.starts_with("role:") && sources[0]->code.ends_with("GOV")) {
          // A diplomat in the genitive of a relations noun is its patient
          // (طرد السفير الكندي، استدعاء القائم بالأعمال الأمريكي); the country
          // he is expelled from is the one that expels (بطرد 60 دبلوماسيا روسيا
          // من الولايات المتحدة → USA → RUS).
          const bool from_country = second_party;
          const ActorMention* expeller = from_country ? targets[0] : nullptr;
          targets = sources;
          sources.clear();
          if (expeller) sources = {expeller};
          how = from_country ? "noun+diplomat genitive+expelled from" : "noun+diplomat genitive";
        } else if (!verbal && frame.rfind("obj", 0) == 0 && rootn == 19 && !sources.empty() &&
                   !second_party && (head.stem == "مهاجمه" || head.stem == "استهداف") &&
                   !sources[0]->role_only &&
                   !sources[0]->nisba_only &&  // (استهداف صاروخ إسرائيلي لمنصة: the weapon's owner)
                   std::none_of(targets.begin(), targets.end(),
                                [&](const ActorMention* t) { return ws.tokens[t->tb].has(text::kPrepLi); }) &&
                   !(sources[0]->code.ends_with("MIL") || sources[0]->code.ends_with("REB") ||
                     sources[0]->code.ends_with("INS") || sources[0]->code.starts_with("IMG") ||
                     sources[0]->code == "UAF")) {
          // The verbal nouns مهاجمة and استهداف take their object in the
          // genitive (مهاجمة السفارة التركية "attacking the Turkish embassy"),
          // unlike هجوم (هجوم الجيش "the army's attack"). Armed forces and
          // groups there, a weapon's nisba, or an ل-phrase naming the object
          // keep the genitive as the doer.
          targets = sources;
          sources.clear();
          how = "noun+object genitive";
        } else if (!verbal && frame.rfind("obj", 0) == 0 && (rootn == 17 || rootn == 18) &&
                   !sources.empty() && !second_party && !sources[0]->role_only) {
          const std::string& c = sources[0]->code;
          const bool force = c.ends_with("MIL") || c.ends_with("COP") || c.ends_with("SPY") ||
                             c.ends_with("REB") || c.ends_with("INS") || c == "UAF" || c.starts_with("IMG");
          if (!force) {
            targets = sources;
            sources.clear();
            how = "noun+victim genitive";
          }
        }
      } else if (!before.empty() && !verbal) {
        // "... هجوم" with the actor earlier in the clause
        size_t nx;
        sources = run_from(before, before.size() - 1, &nx);
        how = "noun+preceding";
      }
    }
    // An unarmed subject of قتل with only a place after it was killed there
    // (بأن المواطن السعودي جمال خاشقجي قد قُتل في القنصلية).
    if (verbal && how == "SVO" && !sources.empty() && tm.te == tm.tb + 1 &&
        (head.stem == "قتل" || head.stem == "اغتيل" || head.stem == "قتلت")) {
      const std::string& c = sources[0]->code;
      const bool unarmed = UnarmedCode(c);
      bool victim_after = false;
      for (const ActorMention* a : targets)
        victim_after |= !text::InLocativePhrase(ws.tokens.data(), a->tb, sent.tok_begin);
      if (unarmed && !victim_after) {
        targets = {sources[0]};
        sources.clear();
        how += "+passive (unarmed subject)";
      }
    }
    // Victims counted right after a violent verb (قُتل 14 مدنيا في غارات
    // نفذتها قوات النظام) make it a passive: the counted actor is the target,
    // and the doer, when named, follows the verb of the means (نفذتها، شنها).
    if (verbal && how == "VSO" && violent && !sources.empty() && sources[0]->tb >= tm.te) {
      bool counted = false;
      for (uint32_t t = tm.te; t < sources[0]->tb && !counted; ++t) {
        const std::string_view st = ws.tokens[t].stem;
        counted = ws.tokens[t].kind == text::TokenKind::kNumber || st == "عشرات" || st == "مئات" ||
                  st == "الاف" || IsNumberWord(st);
      }
      // ... as does a form that is only passive (أُصيب، يُصاب: "was wounded").
      const std::string_view hs = head.stem;
      if (tm.te == tm.tb + 1 &&
          (hs == "اصيب" || hs == "اصيبت" || hs == "اصيبوا" || hs == "يصاب" || hs == "تصاب" ||
           hs == "يصابون" || hs == "استشهد" || hs == "استشهدت" || hs == "استشهدوا"))
        counted = true;
      // ... and so does an unarmed person right after قتل with only a place
      // after it (قتل خاشقجي داخل القنصلية: he was killed, the consulate did
      // nothing): journalists, civilians, refugees, clerics and named people
      // are the killed, not killers, when no victim follows.
      if (!counted && tm.te == tm.tb + 1 && (hs == "قتل" || hs == "اغتيل" || hs == "قتلت")) {
        const std::string& c = sources[0]->code;
        const bool unarmed =
            UnarmedCode(c) || (sources[0]->rule.starts_with("person:") && !c.ends_with("MIL") &&
                               !c.ends_with("REB") && !c.ends_with("INS"));
        bool victim_after = false;
        for (const ActorMention* a : targets)
          victim_after |= !text::InLocativePhrase(ws.tokens.data(), a->tb, sent.tok_begin) &&
                          !(a->tb > sent.tok_begin &&
                            (ws.tokens[a->tb - 1].norm == "داخل" || ws.tokens[a->tb - 1].norm == "قرب"));
        if (unarmed && !victim_after) counted = true;
      }
      if (counted) {
        targets = sources;
        sources.clear();
        for (size_t k = 0; k < after.size(); ++k) {
          const ActorMention* a = after[k];
          if (a->tb <= targets.back()->te) continue;
          const std::string_view v = ws.tokens[a->tb - 1].stem;
          if (v.starts_with("نفذ") || v.starts_with("شن")) {
            size_t nx;
            sources = run_from(after, k, &nx);
            break;
          }
        }
        how += "+counted victims";
      }
    }
    // A killing verb followed by "in which" (مواجهات قتل فيها فلسطينيان) is
    // the passive of a clause about the place or time: the actor after it is
    // the victim.
    if (verbal && violent && tm.te == tm.tb + 1 && tm.te < sent.tok_end && !sources.empty() &&
        sources[0]->tb > tm.te) {
      const std::string_view hs = head.stem;
      const std::string_view nx = ws.tokens[tm.te].norm;
      if ((hs == "قتل" || hs == "قتلت" || hs == "قتلوا" || hs == "اصيب" || hs == "اصيبت" || hs == "اصيبوا" ||
           hs == "جرح" || hs == "اغتيل") &&
          (nx == "فيه" || nx == "فيها" || nx == "فيهما" || nx == "خلاله" || nx == "خلالها")) {
        targets = sources;
        sources.clear();
        how += "+passive (in which)";
      }
    }
    // Diseases and natural forces wound and kill without a doer (مرض غامض يصيب أحد
    // موظفي السفارة، زلزال يضرب، الأمطار تقتل): no force is used by anyone.
    if (verbal && violent && kind == TriggerKind::kVerb) {
      auto natural = [&](uint32_t t) {
        const std::string_view w = ws.tokens[t].stem;
        return w == "مرض" || w == "فيروس" || w == "وباء" || w == "زلزال" || w == "اعصار" || w == "عاصفه" ||
               w == "فيضانات" || w == "سيول" || w == "امطار" || w == "حريق" || w == "حرائق" ||
               w == "انهيار" || w == "كوليرا" || w == "غامض";
      };
      bool nature = false;
      for (uint32_t t = tm.tb; t > sent.tok_begin && tm.tb - t < 3 && !nature; --t) nature = natural(t - 1);
      if (!nature && tm.te < sent.tok_end) nature = natural(tm.te);
      if (nature) continue;
    }
    // قتل with an indefinite subject right after it and no victim after it
    // is the passive (قُتل فلسطيني وأصيب آخر في قصف إسرائيلي، قتل جندي فرنسي
    // في تحطم مروحية): the subject is the victim, and the actor that
    // qualifies the cause (قصف إسرائيلي، غارة للتحالف) did it. An active
    // indefinite subject names its victims (قتل مسلحون ثلاثة جنود).
    if (verbal && violent && tm.te == tm.tb + 1 && how.rfind("VSO", 0) == 0 && !sources.empty() &&
        sources[0]->tb == tm.te && (sources[0]->nisba_only || sources[0]->rule.starts_with("role:")) &&
        std::none_of(ws.tokens.begin() + sources[0]->tb, ws.tokens.begin() + sources[0]->te,
                     [](const text::Token& k) { return k.has(text::kDefArticle); })) {
      const std::string_view hs = head.stem;
      if (hs == "قتل" || hs == "قتلت" || hs == "قتلوا" || hs == "اغتيل") {
        auto cause_noun = [](std::string_view st) {
          return st == "قصف" || st == "غاره" || st == "غارات" || st == "هجوم" || st == "هجمات" ||
                 st == "انفجار" || st == "تفجير" || st == "اشتباكات" || st == "ضربه" || st == "ضربات" ||
                 st == "رصاص" || st == "نيران" || st == "قذيفه" || st == "قذائف" || st == "عمليه" ||
                 st == "كمين";
        };
        size_t agent = after.size();
        bool victim_after = false;
        bool counted_after = false;  // قتل مسلحون ثلاثة جنود
        if (const uint32_t t = sources.back()->te; t < cl.te)
          counted_after = ws.tokens[t].kind == text::TokenKind::kNumber || IsNumberWord(ws.tokens[t].stem);
        for (size_t k = 0; k < after.size(); ++k) {
          const ActorMention* a = after[k];
          if (a->tb < sources.back()->te || a->tb == 0) continue;
          if (cause_noun(ws.tokens[a->tb - 1].stem)) {
            if (agent == after.size()) agent = k;
          } else if (a->tb <= sources.back()->te + 2 &&
                     !GovernedByPreposition(ws.tokens.data(), a->tb, sent.tok_begin) &&
                     !text::InLocativePhrase(ws.tokens.data(), a->tb, sent.tok_begin) &&
                     ws.tokens[a->tb - 1].norm != "قرب" && ws.tokens[a->tb - 1].norm != "داخل") {
            victim_after = true;  // the object, close after the subject (قتل مسلحون الجمعة جنديين)
          }
        }
        if (!victim_after && !counted_after) {
          targets = sources;
          sources.clear();
          size_t nx;
          if (agent < after.size()) sources = run_from(after, agent, &nx);
          how += "+passive (indefinite victim)";
        }
      }
    }
    // A form that is only passive (أُصيب، استشهد) with its subject before it
    // (فلسطيني ... وأصيب): the subject is the victim, never the doer.
    if (verbal && violent && how == "SVO" && tm.te == tm.tb + 1 && !sources.empty()) {
      const std::string_view hs = head.stem;
      if (hs == "اصيب" || hs == "اصيبت" || hs == "اصيبوا" || hs == "يصاب" || hs == "تصاب" || hs == "يصابون" ||
          hs == "استشهد" || hs == "استشهدت" || hs == "استشهدوا") {
        targets = sources;
        sources.clear();
        how += "+passive form";
      }
    }
    // A group that claims the attack before it (تبنى تنظيم داعش، الأربعاء،
    // الهجوم الذي استهدف مدينة لييج البلجيكية) is its doer when the attack
    // names none.
    if (violent && sources.empty() && !symmetric_between) {
      for (uint32_t t = tm.tb; t > sent.tok_begin && sources.empty(); --t) {
        std::string_view w = ws.tokens[t - 1].stem;
        if (!(w == "تبني" || w == "تبنت" || w == "يتبني" || w == "تتبني" || w == "تبنوا")) continue;
        for (const ActorMention& a : r.actors)
          if (a.sentence == tm.sentence && a.tb >= t && a.tb <= t + 1 && a.te <= tm.tb && !a.role_only) {
            sources = {&a};
            how += "+claimed by";
            break;
          }
        break;
      }
    }
    // An attack "claimed by" a group (اعتداءات وقعت جنوب فرنسا تبناها داعش،
    // هجوم تبنته حركة الشباب): the claimant is the doer.
    if (violent && !verbal && !symmetric_between) {
      for (const ActorMention* a : after) {
        if (a->tb <= tm.te || a->tb >= cl.te) continue;
        std::string_view w = ws.tokens[a->tb - 1].norm;
        if (w.starts_with("و")) w.remove_prefix(std::string_view("و").size());
        if (!(w.starts_with("تبنا") || w.starts_with("تبنت"))) continue;
        std::vector<const ActorMention*> others;
        for (const ActorMention* o : sources)
          if (o != a) others.push_back(o);
        for (const ActorMention* o : targets)
          if (o != a) others.push_back(o);
        sources = {a};
        targets = others;
        how += "+claimed by";
        break;
      }
    }
    // An agent phrase after the trigger marks a passive or a nominal event
    // with its doer: قُتل 149 فلسطينيا بنيران إسرائيلية، اعتقل ناشطون من قبل
    // الشرطة، قمع المعارضين من قبل النظام، على يد مسلحين. The actor right
    // after the marker is the source; the event's other party its target.
    if (!symmetric_between) {
      // The marker may also stand one plain noun before the actor: برصاص قناص
      // إسرائيلي، على يد كوماندوز أمريكي.
      auto marked_at = [&](uint32_t k, bool gap) {  // marker ends right before token k
        if (k < tm.te + 1) return false;
        const text::Token& m1 = ws.tokens[k - 1];
        const text::Token* m0 = k >= tm.te + 2 ? &ws.tokens[k - 2] : nullptr;
        const std::string_view st = m1.stem;
        const bool by_means = m1.has(text::kPrepBi) && m1.proclitics == text::kPrepBi &&
                              (st == "نيران" || st == "رصاص" || st == "قذائف" || st == "ايدي" || st == "يد");
        // (من قبل only right before its actor: ... من قبل مزاعم بريطانيا is "before".)
        const bool two_word =
            m0 != nullptr &&
            ((m0->proclitics == 0 && ((m0->stem == "من" && st == "قبل" && !gap) ||
                                      (m0->stem == "علي" && (st == "يد" || st == "ايدي")))) ||
             // برصاصة من قناص، بقذيفة من دبابة
             (m0->proclitics == text::kPrepBi && m1.norm == "من" &&
              (m0->stem == "رصاصه" || m0->stem == "قذيفه" || m0->stem == "نيران")));
        return by_means || two_word;
      };
      for (const ActorMention* a : after) {
        if (a->tb < tm.te + 1 || a->te > cl.te) continue;
        const text::Token& gap = ws.tokens[a->tb - 1];
        const bool one_noun = gap.kind == text::TokenKind::kArabic && gap.proclitics == 0 &&
                              !IsBoundaryToken(gap) && !IsTopicPreposition(gap);
        if (!marked_at(a->tb, false) && !(one_noun && marked_at(a->tb - 1, true))) continue;
        // من قبل before an ل-phrase is "before, previously" (اقترحت الفكرة من
        // قبل لإدارة أوباما): no agent.
        if (ws.tokens[a->tb].has(text::kPrepLi)) continue;
        // Where the marker starts: بنيران is one token, من قبل / على يد two.
        const uint32_t marker = marked_at(a->tb, false) ? a->tb : a->tb - 1;
        const uint32_t marker_begin = marker - (ws.tokens[marker - 1].has(text::kPrepBi) ? 1 : 2);
        // The phrase belongs to the nearest event before it: in أدانت الوزارة
        // إطلاق صواريخ من قبل الحوثيين the Houthis launched, not condemned.
        // (An event noun coordinated right after the trigger shares it:
        // القبض واحتجاز المواطن من قبل السلطات.)
        if (std::any_of(r.triggers.begin(), r.triggers.end(), [&](const TriggerMatch& o) {
              return &o != &tm && o.sentence == tm.sentence && o.tb >= tm.te && o.te <= marker_begin &&
                     !(o.tb == tm.te && ws.tokens[o.tb].has(text::kConjWa));
            }))
          break;
        // ... and stands close to the verb's first party: past a longer phrase
        // (... الكويتية إطلاق 7 صواريخ من قبل) it belongs to that phrase.
        if (verbal) {
          uint32_t from = tm.te;
          for (const ActorMention* o : after)
            if (o != a && o->te <= a->tb && o->te > from) from = o->te;
          if (marker_begin >= from + 3) break;
        }
        std::vector<const ActorMention*> others;
        for (const ActorMention* s2 : sources)
          if (s2 != a) others.push_back(s2);
        if (others.empty())
          for (const ActorMention* t2 : targets)
            if (t2 != a) others.push_back(t2);
        size_t nx;
        std::vector<const ActorMention*> agent =
            run_from(after, std::find(after.begin(), after.end(), a) - after.begin(), &nx);
        sources = agent;
        targets = others;
        how += "+agent phrase";
        break;
      }
    }
    // Reciprocal verbs with a coordinated subject and no object: the
    // participants act with each other (اجتمعت مصر وروسيا، اشتبك الجيش والمسلحون).
    // Another actor later in the clause is what they agree on or meet about
    // (اتفق كير ومشار على تقاسم السلطة، اتفقت واشنطن وسيول على تعليق
    // مناورات ... مع كوريا الشمالية), unless مع introduces it as the partner.
    auto partner = [&](const ActorMention* a) {
      if (a->tb <= sent.tok_begin || ws.tokens[a->tb - 1].norm != "مع" || a->role_only) return false;
      const uint32_t anchor = std::max(tm.te, sources.empty() ? 0u : sources.back()->te);
      return a->tb <= anchor + 3;  // right after the verb or its subject, not a later noun's مع
    };
    if (!symmetric_between && sources.size() >= 2 && std::none_of(targets.begin(), targets.end(), partner) &&
        (targets.empty() || (how == "SVO" || how == "VSO")) &&
        (note.find("sym") != std::string::npos ||
         std::string(lex_.str(te.name)).find("مع") != std::string::npos)) {
      targets.clear();
      symmetric_between = true;
      how += "+reciprocal";
    }
    // Pro-drop: when the first actor after a verb is marked as an object
    // (accusative جنرالا، عسكريين), the subject is the previous event's source
    // in this or the previous sentence (استقبلت الجزائر ... كما تستقبل عسكريين).
    // Only a verb that opens its clause continues an earlier subject; after a
    // noun (مشروع قرار ... يدعو) that noun is the subject.
    const std::string_view before_verb = tm.tb > cl.tb ? ws.tokens[tm.tb - 1].norm : std::string_view();
    const bool opens_clause = tm.tb == cl.tb || head.has(text::kConjWa) || head.has(text::kConjFa) ||
                              before_verb == "كما" || before_verb == "ثم" || before_verb == "و" ||
                              before_verb == "قد" || before_verb == "وقد" || before_verb == "لقد" ||
                              before_verb == "حيث" || before_verb == "فيما";
    // A verb in the plural with no subject of its own (كما شرعوا في التعاون
    // مع ...، وأرسلوا ...) continues the plural subject of an earlier event
    // of this sentence, or of the previous one after كما/ثم.
    // A verb in the first person plural (ندعم، نرفض، أفشلنا) has the speaker
    // as subject: the speaker of the speech verb before it in the sentence
    // (قال الجبير: "ندعم ..."), else nobody; the actors after it are objects.
    if (kind == TriggerKind::kVerb && tm.te == tm.tb + 1 && !symmetric_between) {
      const std::string_view st = head.stem;
      auto same_verb = [&](const std::string& key) {
        const uint32_t v = lex_.FindPhrase(key);
        if (!lexicon::Lexicon::HasEntries(v)) return false;
        uint32_t n = 0;
        const uint32_t* ids = lex_.Postings(v, &n);
        for (uint32_t k = 0; k < n; ++k)
          if (lex_.entry(ids[k]).source == te.source) return true;
        return false;
      };
      bool we = false;
      if (st.starts_with("ن") && text::CountCodePoints(st) >= 3)
        we = same_verb("ي" + std::string(st.substr(2)));
      if (!we && st.ends_with("نا") && text::CountCodePoints(st) >= 4)
        we = same_verb(std::string(st.substr(0, st.size() - 4)));
      // The speaker: the actor right after the last speech verb before.
      auto speaker = [&]() -> const ActorMention* {
        const ActorMention* found = nullptr;
        for (const CueMatch& c : r.cues)
          if (c.sentence == tm.sentence && c.kind == CueKind::kSpeech && c.te <= tm.tb)
            for (const ActorMention& a : r.actors)
              if (a.sentence == tm.sentence && a.tb >= c.te && a.tb <= c.te + 1 && a.te <= tm.tb) found = &a;
        return found;
      };
      // إنها / أنه + verb (قالت حماس إنها تستنكر استمرار الجبير ...): the
      // pronoun is the speaker, the subject of the verb.
      bool speaker_pronoun = false;
      if (!we && tm.tb > sent.tok_begin) {
        uint32_t k = tm.tb - 1;  // (past an opening quote: إنها "تستنكر)
        const std::string_view q0 = ws.tokens[k].norm;
        if ((q0 == "\"" || q0 == "«") && k > sent.tok_begin) --k;
        // (and past قد/سوف/لن: إنه قد يدعو، إنها لن تسمح)
        const std::string_view q1 = ws.tokens[k].norm;
        if ((q1 == "قد" || q1 == "سوف" || q1 == "لن" || q1 == "لم" || q1 == "لا") && k > sent.tok_begin) --k;
        const std::string_view p = ws.tokens[k].norm;
        speaker_pronoun =
            p == "انها" || p == "انه" || p == "انهم" || p == "بانها" || p == "بانه" || p == "بانهم";
        // (أنه before a passive is "it": أنه أصيب 10 مواطنين.)
        const std::string_view hs1 = head.stem;
        if (hs1 == "اصيب" || hs1 == "اصيبت" || hs1 == "اصيبوا" || hs1 == "قتل" || hs1 == "استشهد" ||
            hs1 == "تم" || hs1 == "جري")
          speaker_pronoun = false;
      }
      const ActorMention* who = (we || speaker_pronoun) ? speaker() : nullptr;
      if (we || (speaker_pronoun && who)) {
        std::vector<const ActorMention*> objs;
        for (const ActorMention* a : after)
          // (not an actor of a later event: أنها ستجتمع لبحث اتهامات بريطانيا; a
          // statement noun is no event, and an intent is about the event after
          // it: إنه يتطلع إلى الاجتماع مع ترودو)
          if (a != who && (cameo.compare(0, 2, "03") == 0 ||
                           std::none_of(r.triggers.begin(), r.triggers.end(), [&](const TriggerMatch& o) {
                             return &o != &tm && o.sentence == tm.sentence && o.tb >= tm.te &&
                                    o.te <= a->tb && !(o.tb == tm.te && ws.tokens[o.tb].has(text::kConjWa)) &&
                                    o.entry != lexicon::kNone &&
                                    lex_.str(lex_.entry(o.entry).code).substr(0, 2) != "01";
                           })))
            objs.push_back(a);
        sources.clear();
        if (who) sources = {who};
        size_t nx;
        targets = objs.empty() ? std::vector<const ActorMention*>{} : run_from(objs, 0, &nx);
        if (who && !targets.empty() && targets[0]->code == who->code) targets.clear();
        how = we ? (sources.empty() ? "first person" : "first person, speaker") : "speaker pronoun";
      }
    }
    // A nisba right after a light construction whose noun is a person (طرد
    // السفير الكندي، طرد الدبلوماسيين الروس) says whose person: the patient.
    if (kind == TriggerKind::kLight && !sources.empty() && sources[0]->nisba_only &&
        sources[0]->tb == tm.te) {
      const std::string_view n = ws.tokens[tm.te - 1].stem;
      if (n.starts_with("سفير") || n.starts_with("دبلوماسي") || n.starts_with("مراقب") ||
          n.starts_with("مفتش")) {
        targets = {sources[0]};
        sources.clear();
        // The subject before the verb, if any (أعلنت السعودية طرد السفير الكندي).
        if (!before.empty()) sources = {before.back()};
        how += "+person noun's nisba";
      }
    }
    if (verbal && sources.empty() && last_any_source && !symmetric_between) {
      uint32_t vpos = tm.tb;
      if (supported)
        for (uint32_t t = tm.tb; t > cl.tb && tm.tb - t < 4; --t) {
          const std::string_view st = ws.tokens[t - 1].stem;
          if (st.starts_with("شرع") || st.starts_with("قام") || st.starts_with("اقدم") ||
              st.starts_with("بدا") || st.starts_with("يقوم") || st.starts_with("يشرع") ||
              st.starts_with("يبدا")) {
            vpos = t - 1;
            break;
          }
        }
      const std::string_view vn = ws.tokens[vpos].norm;
      const bool plural = vn.ends_with("وا") || (vn.size() > 6 && vn.ends_with("ون"));
      const std::string_view prev = vpos > cl.tb ? ws.tokens[vpos - 1].norm : std::string_view();
      const bool continues = prev == "كما" || prev == "ثم";
      const bool opens = vpos == cl.tb || ws.tokens[vpos].has(text::kConjWa) || continues;
      const bool near = last_any_source_sentence == tm.sentence ||
                        (continues && last_any_source_sentence + 1 == tm.sentence);
      bool self = false;
      for (const ActorMention* t : targets) self |= t->code == last_any_source->code;
      if (plural && opens && near && !self && last_any_source->te <= tm.tb) {
        sources = {last_any_source};
        how += "+pro-drop";
      }
    }
    // An accusation joined by و whose only actor stands right before the charge
    // (ندد الاتحاد الأوروبي بالهجوم واتهم النظام السوري بالمسؤولية عنه) accuses
    // that actor: the subject is the earlier verb's.
    // So does a call joined by و whose only actor stands right before what it
    // calls for (قال حفتر إن الجيش سيقاتل، ودعا سكان المدينة لدعم الجيش).
    if (verbal && how == "VSO" && kind == TriggerKind::kVerb && head.has(text::kConjWa) &&
        sources.size() == 1 && (targets.empty() || cameo.compare(0, 2, "02") == 0) && last_source &&
        last_source_sentence == tm.sentence && last_source->te <= tm.tb &&
        last_source->code != sources[0]->code && sources[0]->tb == tm.te && sources[0]->te < sent.tok_end) {
      const text::Token& nx = ws.tokens[sources[0]->te];
      const bool charge = cameo.compare(0, 3, "112") == 0 && nx.has(text::kPrepBi);
      const bool call =
          cameo.compare(0, 2, "02") == 0 && (nx.norm == "الي" || nx.norm == "علي" || nx.has(text::kPrepLi));
      if (charge || call) {
        targets = sources;
        sources = {last_source};
        how = charge ? "VSO (accused object)+shared subject" : "VSO (called object)+shared subject";
      }
    }
    if (verbal && how == "VSO" && opens_clause && !sources.empty() && last_source &&
        last_source_sentence + 1 >= tm.sentence && last_source->code != sources[0]->code) {
      if (IsAccusative(*sources[0], ws.tokens[sources[0]->tb], true)) {
        targets = sources;
        sources = {last_source};
        how = "pro-drop";
      }
    }
    if (sources.empty() && targets.empty()) {
      // Without actors (only with --partial) a verb still reports; a noun
      // needs an anchor in time or space to be more than a topic.
      if (!partial_) continue;
      bool anchored = verbal;
      for (const auto& d : r.dates) anchored |= d.sentence == tm.sentence;
      for (const auto& p : r.places) anchored |= p.sentence == tm.sentence;
      if (!anchored || definite_noun) continue;
    }
    // Noun triggers need an actor right next to them (a genitive or subject).
    if (!verbal && !symmetric_between && !(sources.empty() && targets.empty())) {
      // Nothing but an adjective may stand between a noun and its genitive:
      // after a preposition (اجتماع حول خطة الحكومة) the actor is the topic's.
      bool gap_prep = false;
      if (!after.empty() && how == "noun+genitive")
        for (uint32_t t = tm.te; t < after[0]->tb; ++t) gap_prep |= IsTopicPreposition(ws.tokens[t]);
      const bool after_near = !after.empty() && after[0]->tb <= tm.te + 2 && !gap_prep;
      const bool near = how == "noun+genitive"
                            ? after_near
                            : after_near || (!before.empty() && before.back()->te + 3 >= tm.tb);
      if (!near) continue;
      // A definite noun has no genitive: what follows it is an adjective
      // (الهجوم الإسرائيلي) or a prepositional phrase (الهجوم على غزة), never
      // a name (دفع الهجوم الكيميائي الولايات المتحدة: the object of دفع).
      auto attaches = [&](const ActorMention* a) {
        if (a->tb > tm.te + 1) return false;
        if (a->nisba_only || GovernedByPreposition(ws.tokens.data(), a->tb, sent.tok_begin)) return true;
        if (a->tb > sent.tok_begin && ws.tokens[a->tb - 1].stem == "بين") return true;  // المفاوضات بين X و Y
        // A definite role with its nisba agrees like an adjective (الهجوم العسكري التركي).
        return a->rule.starts_with("role:") && ws.tokens[a->tb].has(text::kDefArticle);
      };
      if (definite_noun && !(!after.empty() && attaches(after[0]))) continue;
    }
    if (!sources.empty() && !sources[0]->role_only) {
      last_any_source = sources[0];
      last_any_source_sentence = tm.sentence;
    }
    if (!sources.empty() && sources[0]->strength >= 2) {
      last_source = sources[0];
      last_source_sentence = tm.sentence;
    }

    // Modality from cues in the sentence before the trigger.
    lexicon::CueKind strongest = CueKind::kSpeech;
    bool negated = false, hypothetical = false, conditional = false, planned = false, reported = false,
         opinion = false;
    const CueMatch* speech = nullptr;
    const CueMatch* reported_cue = nullptr;
    // Cues act within the trigger's clause, or from the clause that governs it
    // through إنّ/أنّ (نفى أن ...، يتوقع أن ...). A cue elsewhere in a long
    // run-on sentence says nothing about this event.
    uint32_t gov_tb = cl.tb;
    if (cl.tb > sent.tok_begin && ws.tokens[cl.tb - 1].stem.substr(0, 4) == "ان") {
      gov_tb = cl.tb - 1;
      while (gov_tb > sent.tok_begin && !IsBoundaryToken(ws.tokens[gov_tb - 1])) --gov_tb;
    }
    for (const CueMatch& c : r.cues) {
      if (c.sentence != tm.sentence) continue;
      const bool prior = c.te <= tm.tb;
      const uint32_t dist = prior ? tm.tb - c.te : 99;
      const bool same = c.tb >= cl.tb && c.te <= cl.te;
      const bool gov = gov_tb < cl.tb && c.tb >= gov_tb && c.te <= cl.tb;
      const bool verb_cue = lex_.str(lex_.entry(c.entry).extra).find("verb") != std::string_view::npos;
      switch (c.kind) {
        case CueKind::kNegation:
          // Particles (لم، لن، لا، عدم) negate what follows them closely; only
          // negating verbs (نفى) reach across the clause or into an أنّ clause.
          if ((same && prior && (dist <= 2 || verb_cue)) || (gov && verb_cue)) {
            // A negating verb denies its own object, not a later verb's
            // (ينفي تدريب البوليساريو وينتقد قطع المغرب للعلاقات: the cut is real).
            // Nor a verb coordinated after it (... وينتقد): a clause of its own.
            bool other_verb = verb_cue && dist >= 1 && kind == TriggerKind::kVerb && head.has(text::kConjWa);
            if (verb_cue && dist > 2)
              for (const TriggerMatch& o : r.triggers)
                if (&o != &tm && o.sentence == tm.sentence && o.tb >= c.te && o.te <= tm.tb &&
                    static_cast<TriggerKind>(lex_.entry(o.entry).kind) == TriggerKind::kVerb &&
                    !ws.tokens[o.tb].has(text::kDefArticle))
                  other_verb = true;
            // "Was not without" asserts (لم تخلُ الزيارة من، لا يخلو من).
            if (c.te < sent.tok_end) {
              const std::string_view nx = ws.tokens[c.te].stem;
              if (nx == "تخل" || nx == "يخل" || nx == "تخلو" || nx == "يخلو") other_verb = true;
            }
            if (!other_verb) negated = true;
          }
          break;
        case CueKind::kHypothetical:
          if (prior && (same || gov)) hypothetical = true;
          break;
        case CueKind::kConditional:
          if ((same && prior && dist <= 6) || gov) conditional = true;
          break;
        case CueKind::kFuture: {
          // After the trigger only time words (في الأيام القادمة، الأسبوع المقبل)
          // put the event in the future; التحضير لـ later in the clause does not.
          bool time_word = false;
          for (uint32_t t = c.tb; t < c.te; ++t) {
            const std::string_view st = ws.tokens[t].stem;
            time_word |=
                st.find("قادم") != std::string_view::npos || st.find("مقبل") != std::string_view::npos;
          }
          if ((same && (prior || time_word)) || (gov && verb_cue)) planned = true;
          break;
        }
        case CueKind::kReported:
          reported = true, reported_cue = &c;
          break;
        case CueKind::kSpeech:
          if (prior) speech = &c;
          break;
        case CueKind::kOpinion:
          if (prior && (same || gov)) opinion = true;
          break;
        default:
          break;
      }
    }
    (void)strongest;
    if (opinion) continue;  // forecasts and opinions are not events
    // Future س on the trigger or on the verb governing it (ستواصل دعم).
    for (uint32_t t = tm.tb > sent.tok_begin + 2 ? tm.tb - 2 : sent.tok_begin; t <= tm.tb; ++t)
      if (ws.tokens[t].has(text::kFutureSa)) planned = true;
    // لم/لن/لا directly before the verb (the cue list may lack a form).
    if (tm.tb > sent.tok_begin) {
      const std::string_view p = ws.tokens[tm.tb - 1].norm;
      if (p == "لم" || p == "لن" || p == "لا" || p == "ولم" || p == "ولن" || p == "ولا" || p == "عدم")
        negated = true;
      if (p == "سوف" || p == "وسوف") planned = true;
      // قد before an imperfect is "may" (قد يعرض الرئيس هدنة): a possibility,
      // not a report; before a perfect it asserts (قد التقى، قد توجه).
      if ((p == "قد" || p == "وقد" || p == "فقد") && verbal && kind == TriggerKind::kVerb &&
          !head.has(text::kFutureSa) &&
          // (ي or تت: a single ت also begins perfects such as توجه، تعهد)
          (head.stem.starts_with("ي") || head.stem.starts_with("تت")))
        hypothetical = true;
    }

    // Set in a world war (إبان الحرب العالمية الثانية، أثناء الحرب العالمية
    // الأولى): history, not news.
    {
      bool old_war = false;
      for (uint32_t t = sent.tok_begin + 1; t + 1 < sent.tok_end && !old_war; ++t) {
        if (ws.tokens[t].stem != "حرب" || ws.tokens[t + 1].stem != "عالميه") continue;
        const std::string_view p = ws.tokens[t - 1].norm;
        old_war = p == "ابان" || p == "اثناء" || p == "خلال" || p == "في" || p == "وفي";
      }
      if (old_war) continue;
    }
    // Date: the nearest date mention in the sentence.
    const lexicon::DateMention* best_date = nullptr;
    uint32_t best_dist = UINT32_MAX;
    for (const auto& d : r.dates) {
      if (d.sentence != tm.sentence || d.value.empty()) continue;
      const uint32_t dist = d.tb >= tm.te ? d.tb - tm.te : tm.tb - std::min(tm.tb, d.te);
      // A date a long way off in the sentence belongs to another clause
      // (… بتهمة دعم جماعة … محاولة الانقلاب في 15 يوليو 2016), unless it
      // opens the sentence before a comma: then it dates the whole sentence
      // (وفي العام 1996، حين حاولت …، أجبر الاتحاد الأوروبي واشنطن).
      const bool fronted = d.tb <= sent.tok_begin + 2 && d.te < sent.tok_end && ws.tokens[d.te].norm == ",";
      if (dist > 15 && !fronted) continue;
      if (dist < best_dist) best_dist = dist, best_date = &d;
    }
    std::string date, precision;
    if (best_date) {
      date = best_date->value, precision = best_date->precision;
      // A day and month without a year take the sentence's explicit year
      // (في 2 سبتمبر ... عام 1945), not the publication's.
      bool day_number = false;  // في 2 سبتمبر, not الأربعاء or أمس
      for (uint32_t t = best_date->tb; t < best_date->te; ++t)
        day_number |= ws.tokens[t].kind == text::TokenKind::kNumber;
      if (best_date->relative && day_number && precision == "day" && date.size() == 10)
        for (const auto& d : r.dates)
          if (d.sentence == tm.sentence && !d.relative && d.precision == "year" && d.value.size() == 4) {
            date = d.value + date.substr(4);
            break;
          }
      if (best_date->future) planned = true;
      int y, m, d;
      if (have_pub && lexicon::ParseIsoDate(date, &y, &m, &d)) {
        const int64_t days = lexicon::DaysFromCivil(y, m, d);
        if (days > pub_days) planned = true;
        if (days < pub_days - 400) continue;  // background history, not news
      } else if (have_pub && (date.size() == 7 || date.size() == 4) &&
                 std::isdigit(static_cast<unsigned char>(date[0]))) {
        // A month (2005-08) or a year (2011): its last day decides.
        y = std::atoi(date.substr(0, 4).c_str());
        m = date.size() == 7 ? std::atoi(date.substr(5, 2).c_str()) : 12;
        if (y > 0 && m >= 1 && m <= 12 && lexicon::DaysFromCivil(y, m, 28) < pub_days - 400) continue;
      }
    } else if (have_pub && !planned) {
      date = doc.published.substr(0, 10), precision = "day";
    }

    // Attribution: who says so.
    AttributionKind akind = AttributionKind::kNone;
    Span aspan;
    const CueMatch* acue = speech ? speech : reported_cue;
    if (acue) {
      // The speaker follows the verb (قال مصدر أمني) up to إنّ/أنّ or
      // punctuation; when nothing does (تسريبات تشير إلى أن), it precedes it.
      uint32_t b = acue->te;
      while (b < sent.tok_end && (ws.tokens[b].stem == "الي" || ws.tokens[b].stem == "ل")) ++b;
      uint32_t e = b;
      while (e < sent.tok_end && e < b + 7 && !IsBoundaryToken(ws.tokens[e])) ++e;
      // ... and stops before a date (قالت الحكومة المكسيكية الاثنين إن: the
      // speaker is the government, not "the government Monday").
      for (const lexicon::DateMention& d : r.dates)
        if (d.sentence == tm.sentence && d.tb > b && d.tb < e) e = d.tb;
      if (e == b && acue->kind == CueKind::kSpeech) {
        e = acue->tb;
        b = e;
        while (b > sent.tok_begin && b + 4 > e && !IsBoundaryToken(ws.tokens[b - 1])) --b;
      }
      if (e > b) {
        aspan = Span{ws.tokens[b].span.begin, ws.tokens[e - 1].span.end};
        bool anon = false, media = false, official = false, person = false;
        // An honorific before a name: السيد، الشيخ، الدكتور، العقيد ...
        for (uint32_t t = b; t < e; ++t) {
          const std::string_view st = ws.tokens[t].stem;
          if (st == "سيد" || st == "سيده" || st == "شيخ" || st == "دكتور" || st == "عقيد" || st == "لواء" ||
              st == "مستشار" || st == "رئيس" || st == "وزير")
            person |= t + 1 < e && ws.tokens[t + 1].kind == text::TokenKind::kArabic;
        }
        for (const CueMatch& c : r.cues)
          if (c.sentence == tm.sentence && c.tb >= b && c.tb < e) {
            anon |= c.kind == CueKind::kAnonymous;
            media |= c.kind == CueKind::kMedia;
            official |= c.kind == CueKind::kOfficial;
          }
        for (const ActorMention& a : r.actors)
          if (a.sentence == tm.sentence && a.tb >= b && a.tb < e) {
            if (a.rule.find("person:") != std::string::npos)
              person = true;
            else if (!a.role_only || a.code == "GOV")
              official = true;
          }
        for (const Mention& m : mentions)
          if (m.kind == MentionKind::kEntity && m.type == "PERS" && m.span.begin >= aspan.begin &&
              m.span.end <= aspan.end)
            person = true;
        if (anon)
          akind = AttributionKind::kAnonymous;
        else if (media)
          akind = AttributionKind::kMedia;
        else if (person)
          akind = AttributionKind::kNamed;
        else if (official)
          akind = AttributionKind::kOfficial;
        else
          aspan = Span{};  // nobody identifiable: no attribution
      }
    }
    if (akind == AttributionKind::kAnonymous) reported = true;
    // What an analyst or academic says will happen is a forecast, not a plan
    // (قال فواز جرجس، رئيس قسم الشرق الأوسط في كلية لندن للاقتصاد، إن إيران
    // ستنسحب).
    if (planned && acue && acue->kind == CueKind::kSpeech) {
      bool expert = false;
      for (uint32_t t = acue->te; t < std::min(sent.tok_end, acue->te + 20) && ws.tokens[t].stem != "ان";
           ++t) {
        const std::string_view st = ws.tokens[t].stem;
        expert |= st.starts_with("محلل") || st.starts_with("خبير") || st == "خبراء" ||
                  st.starts_with("باحث") || st == "استاذ" || st.starts_with("اكاديمي") || st == "كليه" ||
                  st == "جامعه" || st == "معهد";
      }
      if (expert) continue;
    }
    // An event inside an accusation's charge is alleged, not asserted (اتهمت
    // بريطانيا روسيا بشن هجمات، متهمة بمحاولة منح إيران، بتهمة قتل): reported.
    if (cameo.compare(0, 3, "112") != 0) {
      bool charge = false;
      for (uint32_t t = tm.tb + 1; t > sent.tok_begin && tm.tb + 1 - t < 7 && !charge; --t) {
        const text::Token& k = ws.tokens[t - 1];
        if (t - 1 < tm.tb && IsBoundaryToken(k)) break;
        if (!k.has(text::kPrepBi)) continue;
        // The ب-phrase opens the charge when an accusation word stands
        // right before it (or is it: بتهمة).
        for (uint32_t q = t; q > sent.tok_begin && t - q < 4 && !charge; --q) {
          const std::string_view st = ws.tokens[q - 1].stem;
          charge = st.starts_with("اتهم") || st.starts_with("يتهم") || st.starts_with("تتهم") ||
                   st.starts_with("متهم") || st == "تهمه" || st == "تهم";
        }
      }
      if (charge) reported = true;
    }

    // ألا (أن لا) right before the verb negates it (ألا يزور رئيس روسي الولايات
    // المتحدة); normalised it is spelled like إلا "except", so the original tells.
    if (!negated && tm.tb > sent.tok_begin) {
      const text::Token& pk = ws.tokens[tm.tb - 1];
      if (pk.norm == "الا" && pk.span.end <= doc.text.size() &&
          std::string_view(doc.text).substr(pk.span.begin, pk.span.size()).starts_with("أ"))
        negated = true;
    }
    Modality modality = Modality::kAsserted;
    if (negated)
      modality = Modality::kNegated;
    else if (hypothetical)
      modality = Modality::kHypothetical;
    else if (conditional)
      modality = Modality::kConditional;
    else if (planned)
      modality = Modality::kPlanned;
    else if (reported)
      modality = Modality::kReported;
    if (modality == Modality::kPlanned && best_date == nullptr) date.clear(), precision.clear();

    // Location: a place in the sentence, preferring one introduced by في.
    const lexicon::PlaceMention* loc = nullptr;
    int loc_score = -1;
    for (const auto& p : r.places) {
      if (p.sentence != tm.sentence || p.dateline) continue;
      // A place in the trigger's own clause counts most; في or ب marks a
      // location; the source's own name is not where it acted.
      const bool in_clause = p.tb >= cl.tb && p.te <= cl.te;
      int score = in_clause ? 2 : 0;
      if (ws.tokens[p.tb].has(text::kPrepBi) || (p.tb > 0 && ws.tokens[p.tb - 1].norm == "في")) score += 1;
      for (const ActorMention* s : sources)
        if (s->tb == p.tb) score = -1;
      if (score > loc_score) loc_score = score, loc = &p;
    }

    // Evidence about whether this sentence reports the event (see confidence).
    double report_evidence = 0;
    {
      if (verbal)
        report_evidence += 0.1;
      else
        report_evidence -= 0.1;
      if (definite_noun) report_evidence -= 0.1;
      bool dated = false, placed = false, casualties = false, relative_clause = false;
      for (const auto& d : r.dates) dated |= d.sentence == tm.sentence;
      for (const auto& p : r.places) placed |= p.sentence == tm.sentence;
      casualties = HasCasualties(ws.tokens, sent.tok_begin, sent.tok_end);
      for (uint32_t t = tm.tb > sent.tok_begin + 3 ? tm.tb - 3 : sent.tok_begin; t < tm.tb; ++t) {
        const std::string_view st = ws.tokens[t].norm;
        if (st == "الذي" || st == "التي" || st == "الذين" || st == "اللذين" || st == "اللتين" ||
            st == "اللواتي")
          relative_clause = true;
      }
      if (dated) report_evidence += 0.1;
      if (placed) report_evidence += 0.05;
      if (casualties) report_evidence += 0.1;
      if (relative_clause) report_evidence -= 0.15;
      // Features for the report filter (report_model.h).
      auto F = [&](std::string f) { feats.push_back(std::move(f)); };
      feats.clear();
      const std::string root = cameo.substr(0, 2);
      F("root=" + root);
      F("code=" + cameo);
      F("kind=" + std::to_string(te.kind) + (verbal ? "v" : "n"));
      F("trig=" + std::string(ws.tokens[tm.tb].stem));
      F("trig_root=" + std::string(ws.tokens[tm.tb].stem) + "|" + root);
      if (definite_noun) F("definite");
      if (head.has(text::kPrepBi)) F("prep_bi");
      if (head.has(text::kConjWa) || head.has(text::kConjFa)) F("conj");
      if (!head.enclitic.empty()) F("enclitic");
      if (head.has(text::kFutureSa)) F("future_sa");
      const std::string_view hs = head.stem;
      if (verbal && !hs.empty() && (hs.substr(0, 2) == "ي" || hs.substr(0, 2) == "ت")) F("imperfect_prefix");
      if (dated) F("dated");
      if (placed) F("placed");
      if (casualties) F("casualties");
      if (relative_clause) F("relative_clause");
      if (tm.te - tm.tb > 1) F("multiword");
      for (uint32_t t = sent.tok_begin; t < sent.tok_end; ++t)
        if (ws.tokens[t].kind == text::TokenKind::kNumber) {
          F("number");
          break;
        }
      const uint32_t len = sent.tok_end - sent.tok_begin;
      F(std::string("len=") + (len < 15 ? "s" : len < 35 ? "m" : len < 60 ? "l" : "xl"));
      const uint32_t posn = tm.tb - sent.tok_begin;
      F(std::string("pos=") + (posn < 2 ? "0" : posn < 6 ? "1" : posn < 15 ? "2" : "3"));
      F("prev=" + std::string(tm.tb > sent.tok_begin ? ws.tokens[tm.tb - 1].stem : std::string_view("<s>")));
      F("prev2=" +
        std::string(tm.tb > sent.tok_begin + 1 ? ws.tokens[tm.tb - 2].stem : std::string_view("<s>")));
      F("next=" + std::string(tm.te < sent.tok_end ? ws.tokens[tm.te].stem : std::string_view("</s>")));
      F("next2=" +
        std::string(tm.te + 1 < sent.tok_end ? ws.tokens[tm.te + 1].stem : std::string_view("</s>")));
      F("first=" + std::string(ws.tokens[sent.tok_begin].stem));
      // The words of the sentence: reports of violence share a vocabulary
      // (أمس، مسلحون، جرحى، الشرطة) that background and opinion lack.
      for (uint32_t t = sent.tok_begin; t < sent.tok_end; ++t)
        if (ws.tokens[t].kind == text::TokenKind::kArabic && ws.tokens[t].stem.size() >= 6)
          F("w=" + std::string(ws.tokens[t].stem));
      if (planned) F("planned");
      if (reported) F("reported");
      if (conditional) F("conditional");
      if (speech) F("speech_before");
      for (const CueMatch& c : r.cues)
        if (c.sentence == tm.sentence) F("cue=" + std::to_string(static_cast<int>(c.kind)));
      // Other triggers of the sentence.
      int others = 0;
      for (const TriggerMatch& o : r.triggers)
        if (o.sentence == tm.sentence && &o != &tm) ++others;
      F("others=" + std::to_string(std::min(others, 3)));
      F("how=" + how);
    }

    // Visits and meetings happen where the host is: fall back on a place that
    // is also an actor of the event (الجزائر as target of زار).
    auto location_for = [&](const ActorMention* src,
                            const ActorMention* tgt) -> const lexicon::PlaceMention* {
      if (loc && loc_score >= 3) return loc;  // a marked place in the clause
      const bool consult = cameo.compare(0, 2, "04") == 0 || cameo.compare(0, 2, "03") == 0;
      const ActorMention* host = cameo == "043" ? src : tgt;
      if (consult && host) {
        for (const auto& p : r.places)
          if (p.sentence == tm.sentence && p.tb == host->tb) return &p;
      }
      return loc;
    };

    auto make = [&](const ActorMention* src, const ActorMention* tgt) {
      if (src && tgt && src->code == tgt->code) return;
      // A country and one of its own organs (TUN, TUNCVL) are one party here:
      // the event has no other party.
      if (src && tgt && (src->code.size() == 3 || tgt->code.size() == 3) &&
          src->code.compare(0, 3, tgt->code, 0, 3) == 0)
        tgt = nullptr;
      if (apposition_of(src, tgt)) tgt = nullptr;  // (see above)
      // Fighters, migrants and refugees who arrive somewhere make no visit
      // (042): الجهاديون الروس يصلون إلى ليبيا، المهاجرون الذين يصلون إلى ألمانيا.
      // (A group's delegation still visits: زار وفد من طالبان أوزبكستان.)
      if (cameo == "042" && src && src->code.size() >= 3) {
        const std::string& c = src->code;
        const std::string_view hs = head.stem;
        const bool visit = hs.find("زار") != std::string_view::npos || hs.find("زور") != std::string_view::npos ||
                           hs.find("زيار") != std::string_view::npos;
        if (c.ends_with("REF") ||
            (!visit && (c.ends_with("INS") || c.ends_with("REB") || c == "UAF" || c.starts_with("IMG"))))
          return;
      }
      if (!partial_ && (!src || !tgt || src->role_only || tgt->role_only)) return;
      // In a sports report, countries and their people are teams and fans: an
      // event needs a state organ, a named leader or an organisation as a party
      // (التقى بوتين ولي العهد السعودي على هامش افتتاح المونديال stays).
      if (sports[tm.sentence] || sports_doc) {
        auto official = [&](const ActorMention* a) {
          // (a lone role word there is the club's: إدارة النصر، السفير)
          if (a == nullptr || a->role_only || LoneRoleWord(*a)) return false;
          // A counterpart is what its referent is: a team's is a team
          // (المنتخب الفرنسي ونظيره البلجيكي).
          const std::string_view first = ws.tokens[a->tb].stem;
          if (first.starts_with("نظير") || first == "نظراء") return false;
          if (a->code.size() == 3) return false;  // a bare country: the team
          return !a->code.ends_with("CVL") && !a->code.ends_with("MED") && !a->code.ends_with("BUS");
        };
        if (!official(src) && !official(tgt)) return;
      }
      // A state that protests (احتجت مصر لدى إيران) lodges a diplomatic
      // complaint (114); root 14 is for demonstrators, strikers and crowds.
      std::string code = cameo;
      const EntryRecord* cinfo = info;
      if (code == "140" && src && !src->role_only &&
          (src->code.size() == 3 || src->code.compare(3, 3, "GOV") == 0)) {
        if (const EntryRecord* official = lex_.Cameo("114")) code = "114", cinfo = official;
      }
      // Withdrawing from an agreement (انسحاب أميركا من الاتفاق النووي) or
      // from talks is not a military retreat: 160 / 164, as the light verbs
      // انسحب+من+الاتفاق say.
      if (code == "0874") {
        for (uint32_t t = tm.te; t + 1 < sent.tok_end && t < tm.te + 6; ++t) {
          if (ws.tokens[t].norm != "من") continue;
          const std::string_view w = ws.tokens[t + 1].stem;
          // (also an international body: انسحبت من مجلس حقوق الإنسان، من منظمة اليونسكو)
          const char* to = (w == "اتفاق" || w == "اتفاقيه" || w == "معاهده" || w == "اتفاقات" ||
                            w == "مجلس" || w == "منظمه" || w == "عضويه" || w == "هيئه")
                               ? "160"
                           : (w == "مفاوضات" || w == "محادثات") ? "164"
                                                                : nullptr;
          if (to)
            if (const EntryRecord* ci = lex_.Cameo(to)) code = to, cinfo = ci;
          break;
        }
      }
      // A verb whose object pronoun points back to a light construction's noun
      // before it (عقوبات ظلت تفرضها على الخرطوم، المساعدات التي قدمتها) is that
      // construction: its code, not the bare verb's.
      if (kind == TriggerKind::kVerb && tm.te == tm.tb + 1 &&
          (head.norm.ends_with("ه") || head.norm.ends_with("ها") || head.norm.ends_with("هم"))) {
        bool done = false;
        for (uint32_t g = tm.tb; g > sent.tok_begin && tm.tb - g < 4 && !done; --g) {
          for (const lexicon::KeyView& vk : r.doc_keys[tm.tb]) {
            if (done || vk.cls == lexicon::kMatchNoun) continue;
            for (const lexicon::KeyView& nk : r.doc_keys[g - 1]) {
              const uint32_t v = lex_.FindPhrase(std::string(vk.key) + " " + std::string(nk.key));
              if (!lexicon::Lexicon::HasEntries(v)) continue;
              uint32_t n = 0;
              const uint32_t* ids = lex_.Postings(v, &n);
              for (uint32_t k = 0; k < n && !done; ++k) {
                const EntryRecord& le = lex_.entry(ids[k]);
                if (le.category != static_cast<uint8_t>(lexicon::Category::kTrigger) ||
                    le.kind != static_cast<uint8_t>(TriggerKind::kLight))
                  continue;
                const std::string lc(lex_.str(le.code));
                if (const EntryRecord* ci = lex_.Cameo(lc)) code = lc, cinfo = ci, done = true;
              }
              if (done) break;
            }
          }
        }
      }
      // Demonstrators who travel somewhere march there (توجه المتظاهرون إلى مقر
      // رئيس الوزراء): a demonstration, 141.
      if (code == "042" && verbal && src && src->tb < src->te && !ws.tokens[tm.tb].has(text::kDefArticle)) {
        bool crowd = false;
        for (uint32_t t = src->tb; t < src->te; ++t) {
          const std::string_view w = ws.tokens[t].stem;
          // (a subject: before the verb, or the nominative متظاهرون after it;
          // خشية توجه المتظاهرين is a verbal noun with its genitive)
          crowd |=
              (w.starts_with("متظاهر") || w.starts_with("محتج")) && (src->te <= tm.tb || w.ends_with("ون"));
        }
        if (crowd)
          if (const EntryRecord* ci = lex_.Cameo("141")) code = "141", cinfo = ci;
      }
      // Journalists' travel is coverage, not diplomacy (توجه عشرات الصحافيين
      // إلى مدينة وونسان، زيارة خاشقجي إلى القنصلية).
      if (code == "042" && src && src->code.ends_with("MED")) return;
      // Police, soldiers and spies do not demonstrate: a road they close
      // (أغلقت الشرطة الطريق) is a security measure, not a protest.
      if (code.compare(0, 2, "14") == 0 && src &&
          (src->code.ends_with("COP") || src->code.ends_with("MIL") || src->code.ends_with("SPY")))
        return;
      // verbal:CODE in the note: a politician or an institution that
      // "attacks" without force in the sentence attacks with words (هاجم
      // ترامب مكتب التحقيقات الفيدرالي: 111, not 190).
      if (const size_t vp = note.find("verbal:"); vp != std::string::npos && src && !src->role_only) {
        const std::string& c = src->code;
        const bool armed = c.ends_with("MIL") || c.ends_with("COP") || c.ends_with("SPY") ||
                           c.ends_with("REB") || c.ends_with("INS") || c == "UAF" || c.starts_with("IMG") ||
                           c.size() == 3;
        if (!armed && !HasCasualties(ws.tokens, sent.tok_begin, sent.tok_end)) {
          const std::string vcode = note.substr(vp + 7, note.find_first_of(" ;,", vp + 7) - (vp + 7));
          if (const EntryRecord* verbal_info = lex_.Cameo(vcode)) code = vcode, cinfo = verbal_info;
        }
      }
      const std::string skey = src ? src->code : "-", tkey = tgt ? tgt->code : "-";
      if (!seen.insert({tm.sentence, skey, tkey, std::string(lex_.str(cinfo->code)).substr(0, 2)}).second)
        return;
      Event ev;
      ev.doc_id = doc.id;
      ev.sentence_index = tm.sentence;
      ev.sentence = sent.span;
      ev.trigger = tm.span;
      if (src) ev.source = ActorRef{src->span, src->code};
      if (tgt) ev.target = ActorRef{tgt->span, tgt->code};
      ev.cameo = code;
      ev.cameo_root = code.substr(0, 2);
      ev.goldstein = cinfo->lat;
      ev.quad_class = cinfo->from;
      ev.plover_event = std::string(lex_.str(cinfo->extra));
      ev.plover_mode = std::string(lex_.str(static_cast<uint32_t>(cinfo->to)));
      ev.modality = modality;
      ev.attribution_kind = akind;
      ev.attribution = aspan;
      ev.date = date;
      ev.date_precision = precision;
      if (const lexicon::PlaceMention* where = location_for(src, tgt)) {
        const EntryRecord& pe = lex_.entry(where->entry);
        ev.location = Location{where->span, std::string(lex_.str(pe.name)), std::string(lex_.str(pe.code)),
                               pe.lat, pe.lon};
      }
      // Confidence that the sentence reports this event: actors identified,
      // a finite verb, anchors in time and space, casualties; lowered by the
      // marks of background mentions (a definite noun, a relative clause).
      double conf = 0.45 + report_evidence;
      if (src && src->strength >= 2) conf += 0.15;
      if (tgt && tgt->strength >= 2) conf += 0.15;
      if ((src && src->role_only) || (tgt && tgt->role_only)) conf -= 0.1;
      if (!src || !tgt) conf -= 0.15;
      ev.confidence = std::clamp(conf, 0.05, 0.99);
      // Violence (roots 18-20): the report filter decides whether the sentence
      // reports the event; its probability becomes the confidence.
      const int rootn = std::atoi(ev.cameo_root.c_str());
      // A clear dyad (a finite verb with identified source and target) is coded
      // as it stands; the filter weighs the weaker candidates: verbal nouns and
      // events with a missing or bare-role actor.
      const bool clear_dyad = src && tgt && !src->role_only && !tgt->role_only;
      const bool filtered = rootn >= 18 && rootn <= 20 && !clear_dyad;
      std::vector<std::string> ev_feats;
      double filter_p = -1;
      if (filtered && (filter_ || collect_)) {
        ev_feats = feats;
        ev_feats.push_back(src ? (src->role_only ? "src=role" : "src=yes") : "src=none");
        ev_feats.push_back(tgt ? (tgt->role_only ? "tgt=role" : "tgt=yes") : "tgt=none");
        ev_feats.push_back(std::string("modality=") + ModalityName(modality));
      }
      if (filtered && filter_) {
        const double p = filter_->Score(ev_feats);
        if (p < filter_->threshold()) return;
        ev.confidence = std::clamp(p, 0.05, 0.99);
        filter_p = p;
      } else if (ev.confidence < kMinConfidence) {
        return;
      }
      if (collect_) ev.report_features = std::move(ev_feats);
      ev.rule = "trigger " + lex_.Source(te) + " (" +
                std::string(ws.nt.text.substr(ws.tokens[tm.tb].nbegin,
                                              ws.tokens[tm.te - 1].nend - ws.tokens[tm.tb].nbegin)) +
                ") " + how;
      if (src) ev.rule += "; source " + src->rule;
      if (tgt) ev.rule += "; target " + tgt->rule;
      if (filter_p >= 0) ev.rule += "; report filter p=" + std::to_string(filter_p).substr(0, 4);
      ev.event_id = MakeEventId(ev);
      events->push_back(std::move(ev));
    };
    if (symmetric_between) {
      for (size_t i = 0; i < sources.size(); ++i)
        for (size_t j = i + 1; j < sources.size(); ++j) make(sources[i], sources[j]);
      continue;
    }
    if (sources.empty() && targets.empty()) {
      make(nullptr, nullptr);
      continue;
    }
    if (sources.empty()) {
      for (const ActorMention* t : targets) make(nullptr, t);
      continue;
    }
    for (const ActorMention* s : sources) {
      if (targets.empty()) {
        make(s, nullptr);
      } else {
        for (const ActorMention* t : targets) make(s, t);
      }
    }
  }
}

}  // namespace rasd::extract
