#include "lexicon/recognizer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/civil_date.h"
#include "lexicon/key_memo.h"

namespace rasd::lexicon {
namespace {

constexpr uint32_t kMaxPhraseTokens = 12;

bool Matchable(const text::Token& t) {
  return t.kind == text::TokenKind::kArabic || t.kind == text::TokenKind::kLatin ||
         t.kind == text::TokenKind::kNumber;
}

int DocDate(const Document& doc, int* y, int* m, int* d) { return ParseIsoDate(doc.published, y, m, d); }

// yyyymmdd of the document, or 0.
int32_t DocDateInt(const Document& doc) {
  int y, m, d;
  return DocDate(doc, &y, &m, &d) ? y * 10000 + m * 100 + d : 0;
}

}  // namespace

int64_t DaysFromCivil(int y, int m, int d) {
  return rasd::DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yy + (*m <= 2));
}

bool ParseIsoDate(const std::string& s, int* y, int* m, int* d) {
  if (s.size() < 10) return false;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d", y, m, d) != 3) return false;
  return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

std::string FormatDate(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

void Recognizer::MatchSentence(const Workspace& ws, const Sentence& s, Recognition* r) const {
  // Keys per token of the document, computed once (Run).
  const uint32_t n = s.tok_end - s.tok_begin;
  using Frame = Recognition::Frame;
  std::vector<Frame>& stack = r->frames;
  std::string& buf = r->key_buf;
  for (uint32_t i = 0; i < n;) {
    // Depth-first over token key alternatives; prefix entries prune the search.
    uint32_t best_len = 0, best_val = kNone;
    uint8_t best_cls = 0;
    stack.clear();
    stack.push_back({i, std::string(), 0});
    while (!stack.empty()) {
      Frame f = std::move(stack.back());
      stack.pop_back();
      if (f.j >= n || f.j - i >= kMaxPhraseTokens) continue;
      const text::Token& tj = ws.tokens[s.tok_begin + f.j];
      if (!Matchable(tj)) continue;
      for (const KeyView& k : r->doc_keys[s.tok_begin + f.j]) {
        std::string_view key = k.key;
        if (!f.key.empty()) {
          buf.assign(f.key);
          buf += ' ';
          buf.append(k.key);
          key = buf;
        }
        const uint32_t v = lex_.FindPhrase(key);
        if (v == kNone) continue;
        const uint8_t cls = f.cls | k.cls;
        if (Lexicon::HasEntries(v)) {
          // Keep only if some entry accepts the classes used.
          uint32_t cnt = 0;
          const uint32_t* p = lex_.Postings(v, &cnt);
          bool ok = false;
          const bool article = ws.tokens[s.tok_begin + i].has(text::kDefArticle);
          for (uint32_t e = 0; e < cnt && !ok; ++e)
            ok = (lex_.entry(p[e]).match & cls) == cls && ArticleAgrees(lex_.entry(p[e]), article);
          const uint32_t len = f.j - i + 1;
          // Longer wins; at equal length, the more literal analysis wins.
          if (ok && (len > best_len || (len == best_len && cls < best_cls))) {
            best_len = len, best_val = v, best_cls = cls;
          }
        }
        if (Lexicon::IsPrefix(v)) stack.push_back({f.j + 1, std::string(key), cls});
      }
    }
    if (best_len == 0) {
      ++i;
      continue;
    }
    PhraseMatch m;
    m.tb = s.tok_begin + i;
    m.te = s.tok_begin + i + best_len;
    m.cls = best_cls;
    m.first = static_cast<uint32_t>(r->pool.size());
    uint32_t cnt = 0;
    const uint32_t* p = lex_.Postings(best_val, &cnt);
    for (uint32_t e = 0; e < cnt; ++e)
      if ((lex_.entry(p[e]).match & best_cls) == best_cls &&
          ArticleAgrees(lex_.entry(p[e]), ws.tokens[m.tb].has(text::kDefArticle)))
        r->pool.push_back(p[e]);
    m.count = static_cast<uint32_t>(r->pool.size()) - m.first;
    r->matches.push_back(m);
    i += best_len;
  }
}

namespace {

// An actor atom from one phrase match.
struct Atom {
  uint32_t tb, te;
  char type;  // 'C' country, 'A' agent role, 'O' organisation, 'P' person
  std::string code;
  bool nisba = false;
  std::string rule;
};

// Roles in order of specificity when several agents stack (مسؤولين عسكريين).
int RoleRank(std::string_view role) {
  if (role == "GOV") return 1;
  if (role == "CVL" || role == "ELI") return 0;
  return 2;
}

}  // namespace

void Recognizer::ComposeActors(const Document& doc, const Workspace& ws, uint32_t si, size_t mfirst,
                               Recognition* r) const {
  const int32_t date = DocDateInt(doc);
  std::vector<Atom> atoms;
  for (size_t mi = mfirst; mi < r->matches.size(); ++mi) {
    const PhraseMatch& m = r->matches[mi];
    // Pick the best actor reading of this match.
    Atom best{m.tb, m.te, 0, "", false, ""};
    int best_score = -1;
    int32_t best_gap = INT32_MAX;
    for (uint32_t k = 0; k < m.count; ++k) {
      const uint32_t ei = r->pool[m.first + k];
      const EntryRecord& e = lex_.entry(ei);
      const auto cat = static_cast<Category>(e.category);
      int score = -1;
      Atom a{m.tb, m.te, 0, std::string(lex_.str(e.code)), false, lex_.Source(e)};
      if (cat == Category::kPerson) {
        // Valid at the document date (open ranges allowed); otherwise the
        // closest range gives only the country.
        const bool valid = date == 0 || ((e.from == 0 || e.from <= date) && (e.to == 0 || date <= e.to));
        const int32_t gap =
            valid ? 0 : std::min(std::abs(date - e.from), std::abs(date - (e.to ? e.to : date)));
        if (!valid && a.code.size() > 3 && a.code.compare(0, 3, "IGO") != 0 &&
            a.code.compare(0, 3, "IMG") != 0)
          a.code.resize(3);
        score = valid ? 5 : 3;
        if (score < best_score || (score == best_score && gap >= best_gap)) continue;
        best_gap = gap;
        a.type = 'P';
      } else if (cat == Category::kOrg) {
        // القاعدة before an adjective is a base (القاعدة الجوية، القاعدة
        // الأمريكية في قطر), not al-Qaeda.
        if (m.te == m.tb + 1 && ws.tokens[m.tb].stem == "قاعده" && m.te < ws.sentences[si].tok_end &&
            ws.tokens[m.te].has(text::kDefArticle) && ws.tokens[m.te].stem.ends_with("يه"))
          continue;
        a.type = 'O', score = 4;
      } else if (cat == Category::kCountry) {
        a.type = 'C', score = 2;
        a.nisba = e.kind == static_cast<uint8_t>(CountryKind::kNisba);
      } else if (cat == Category::kAgent) {
        // unless:W in the role's note: another sense when W follows (القضاء على).
        if (const std::string_view note = lex_.str(e.extra);
            !note.empty() && m.te < ws.sentences[si].tok_end) {
          if (const size_t u = note.find("unless:"); u != std::string_view::npos) {
            std::string_view w = note.substr(u + 7);
            w = w.substr(0, w.find_first_of(" ;,"));
            if (ws.tokens[m.te].proclitics == 0 && ws.tokens[m.te].stem == text::NormalizeString(w)) continue;
          }
        }
        a.type = 'A', score = 1;
      } else {
        continue;
      }
      if (score > best_score || (score == best_score && a.type == 'P')) best = a, best_score = score;
    }
    if (best.type) atoms.push_back(std::move(best));
  }
  auto span_of = [&](uint32_t tb, uint32_t te) {
    return Span{ws.tokens[tb].span.begin, ws.tokens[te - 1].span.end};
  };
  // Roles may be linked to what follows through من/في after at most one
  // adjective: "جنرال من قيادة القوات الأمريكية", "مسؤولين كبارا في روسيا".
  // (Not past "backed/funded by": in الحوثي الإرهابية المدعومة من إيران Iran is the
  // backer, not the group's country.)
  auto linked = [&](const Atom& a, const Atom& b) {
    if (b.tb == a.te) return true;
    if (b.tb < a.te + 1 || b.tb > a.te + 2) return false;
    if (b.tb == a.te + 2) {
      const std::string_view adj = ws.tokens[a.te].stem;
      if (adj.starts_with("مدعوم") || adj.starts_with("ممول")) return false;
      // (a و-word of another definiteness starts another phrase: جماعة
      // إرهابية والتدرب في سوريا; صحفيين ومراقبين من أمريكا is one)
      if (ws.tokens[a.te].has(text::kConjWa) &&
          ws.tokens[a.te].has(text::kDefArticle) != ws.tokens[a.te - 1].has(text::kDefArticle))
        return false;
    }
    const std::string_view p = ws.tokens[b.tb - 1].norm;
    return p == "من" || p == "في";
  };
  for (size_t i = 0; i < atoms.size();) {
    ActorMention am;
    am.sentence = si;
    am.tb = atoms[i].tb;
    size_t j = i;
    if (atoms[i].type == 'A') {
      // Stack of adjacent roles, then an optional country, person or organisation.
      std::string role = atoms[i].code;
      std::string rule = "role:" + atoms[i].rule;
      // Only the last noun of a construct chain takes the article: a definite
      // role followed by an indefinite one (المتظاهرين قوات مكافحة الشغب) is
      // two noun phrases, not one.
      // Nor does a sound plural that keeps its ن (مسلحون): a construct head
      // drops it, and an adjective after it agrees in case (مسؤولين عسكريين),
      // so in قتل مسلحون صحفيا the journalist is another phrase.
      auto visible_case = [](const text::Token& t) -> char {
        if (text::CountCodePoints(t.stem) < 5 || t.has(text::kDefArticle)) return 0;
        if (t.stem.ends_with("ون")) return 'N';
        if (t.stem.ends_with("ين")) return 'G';
        if (t.stem.ends_with("يا") || t.stem.ends_with("ا")) return 'A';
        return 0;
      };
      auto new_phrase = [&](const Atom& a, const Atom& b) {
        if (b.tb != a.te) return false;
        const text::Token& last = ws.tokens[a.te - 1];
        if (last.has(text::kDefArticle) && !ws.tokens[b.tb].has(text::kDefArticle)) return true;
        const char c1 = visible_case(last), c2 = visible_case(ws.tokens[b.tb]);
        return (c1 == 'N' || c1 == 'G') && c2 != 0 && c1 != c2;
      };
      while (j + 1 < atoms.size() && atoms[j + 1].type == 'A' && !new_phrase(atoms[j], atoms[j + 1]) &&
             (atoms[j + 1].tb == atoms[j].te || (j == i && linked(atoms[j], atoms[j + 1])))) {
        ++j;
        if (RoleRank(atoms[j].code) >= RoleRank(role)) role = atoms[j].code;
      }
      // A definite role takes no genitive: in انتقد الوزير إيران the country is
      // the object, not the minister's (وزير إيران، الوزير الإيراني are one actor).
      auto trigger_at = [&](uint32_t t) {
        for (size_t mi = mfirst; mi < r->matches.size(); ++mi) {
          const PhraseMatch& m = r->matches[mi];
          if (m.tb > t || m.te <= t) continue;
          for (uint32_t k = 0; k < m.count; ++k)
            if (lex_.entry(r->pool[m.first + k]).category == static_cast<uint8_t>(Category::kTrigger))
              return true;
        }
        return false;
      };
      const bool definite_role = ws.tokens[atoms[j].te - 1].has(text::kDefArticle);
      // One plain adjective may stand between a role and its nisba when both
      // agree in definiteness (مقاتلات جوية قطرية، الطائرات الحربية الإسرائيلية).
      auto adjective_between = [&](const Atom& a, const Atom& b) {
        if (!b.nisba || b.tb != a.te + 1) return false;
        const text::Token& mid = ws.tokens[a.te];
        if (mid.kind != text::TokenKind::kArabic || (mid.proclitics & ~text::kDefArticle) != 0) return false;
        if (mid.has(text::kDefArticle) != ws.tokens[b.tb].has(text::kDefArticle)) return false;
        const std::string_view st = mid.stem;
        if (!(st.ends_with("يه") || st.ends_with("ي") || st.ends_with("ه"))) return false;
        return !trigger_at(a.te);
      };
      std::string country;
      if (j + 1 < atoms.size() && atoms[j + 1].type == 'C' &&
          ((atoms[j + 1].tb == atoms[j].te &&
            (atoms[j + 1].nisba || !definite_role ||
             // السعودية is both the name and the adjective: السلطات السعودية.
             ws.tokens[atoms[j + 1].te - 1].stem.ends_with("يه"))) ||
           (!atoms[j + 1].nisba && atoms[j + 1].tb != atoms[j].te && linked(atoms[j], atoms[j + 1])) ||
           adjective_between(atoms[j], atoms[j + 1]))) {
        ++j;
        country = atoms[j].code;
        rule += "+country:" + atoms[j].rule;
      }
      // One word may stand between (a title: السيد، الشيخ), but not a trigger:
      // in الجيش الليبي يحاصر تنظيم القاعدة the verb separates two actors.
      // (An organisation must follow directly: in الطائرات الإسرائيلية مواقع
      // حماس the word between is the object, not a title.)
      // (A definite role complete with its nisba takes no organisation after
      // it: in اتهم الجيش الروسي الخوذ البيضاء the group is the object.)
      if (j + 1 < atoms.size() && atoms[j + 1].tb <= atoms[j].te + 1 &&
          (atoms[j + 1].type == 'P' || (atoms[j + 1].type == 'O' && !(definite_role && !country.empty()))) &&
          (atoms[j + 1].tb == atoms[j].te ||
           // (not a coordinated name after a comma: الحكومة، ورياك مشار)
           (!trigger_at(atoms[j].te) && !ws.tokens[atoms[j + 1].tb].has(text::kConjWa) &&
            (atoms[j + 1].type == 'P' || ws.tokens[atoms[j].te].norm == "من" ||
             ws.tokens[atoms[j].te].norm == "في" ||
             // (an ل-genitive past an adjective: قائد
             // عسكري لحركة حماس; not past a noun:
             // قصفت القوات مواقع لتنظيم داعش)
             (ws.tokens[atoms[j + 1].tb].has(text::kPrepLi) &&
              (atoms[j + 1].tb == atoms[j].te || ws.tokens[atoms[j].te].has(text::kDefArticle) ||
               // (تابعة لـ، مبايع لـ، موالية لـ: belonging to)
               ws.tokens[atoms[j].te].stem.starts_with("تابع") ||
               ws.tokens[atoms[j].te].stem.starts_with("مبايع") ||
               ws.tokens[atoms[j].te].stem.starts_with("موال") ||
               ws.tokens[atoms[j].te].stem.starts_with("سابق") ||
               ws.tokens[atoms[j].te].stem.ends_with("ي") ||
               ws.tokens[atoms[j].te].stem.ends_with("يه"))))))) {
        ++j;
        am.code = atoms[j].code;
        if (atoms[j].type == 'O' && atoms[j].code.size() == 3) am.code += role;  // bare org country code
        rule += (atoms[j].type == 'P' ? "+person:" : "+org:") + atoms[j].rule;
        am.strength = 3;
      } else if (!country.empty()) {
        am.code = country + role;
        am.strength = 3;
      } else if (const uint32_t t = atoms[j].te;
                 (t < ws.sentences[si].tok_end && ws.tokens[t].stem == "احتلال" &&
                  ws.tokens[t].proclitics == text::kDefArticle) ||
                 (ws.tokens[t - 1].stem == "احتلال" && ws.tokens[t - 1].proclitics == text::kDefArticle)) {
        // "The occupation's" forces (قوات الاحتلال، بحرية الاحتلال الإسرائيلي):
        // the occupier named by the nisba after it, else Israel, as the
        // Arabic press uses the phrase.
        std::string who = "ISR";
        const bool inside = ws.tokens[t - 1].stem == "احتلال";  // the role entry itself (قوات الاحتلال)
        uint32_t end = inside ? t : t + 1;
        if (j + 1 < atoms.size() && atoms[j + 1].type == 'C' && atoms[j + 1].nisba &&
            atoms[j + 1].tb == end) {
          ++j;
          who = atoms[j].code;
          end = atoms[j].te;
        }
        am.code = who + role;
        am.strength = 2;
        rule += "+occupation:" + who;
        am.rule = rule;
        am.te = end;
        am.span = span_of(am.tb, am.te);
        r->actors.push_back(std::move(am));
        i = j + 1;
        continue;
      } else {
        am.code = role;
        am.strength = 1;
        am.role_only = true;
      }
      am.rule = rule;
    } else {
      am.code = atoms[i].code;
      am.rule = std::string(atoms[i].type == 'P'   ? "person:"
                            : atoms[i].type == 'O' ? "org:"
                                                   : "country:") +
                atoms[i].rule;
      am.strength = atoms[i].type == 'C' ? (atoms[i].nisba ? 1 : 2) : 3;
      am.nisba_only = atoms[i].type == 'C' && atoms[i].nisba;
      // "الرئيس الجزائري عبد العزيز بوتفليقة" without a role atom: country then person.
      // (A country's name before another country's person is two parties:
      // تعارض تركيا الأسد.)
      if (atoms[i].type == 'C' && j + 1 < atoms.size() && atoms[j + 1].tb == atoms[j].te &&
          atoms[j + 1].type == 'P' &&
          (atoms[i].nisba || atoms[j + 1].code.compare(0, 3, atoms[i].code, 0, 3) == 0)) {
        ++j;
        am.code = atoms[j].code;
        am.rule += "+person:" + atoms[j].rule;
        am.strength = 3, am.nisba_only = false;
      }
    }
    am.te = atoms[j].te;
    am.span = span_of(am.tb, am.te);
    // A title and name right after a role of the same country is its
    // apposition (ولي العهد السعودي الأمير محمد بن سلمان): one actor, coded
    // as the person.
    if (!r->actors.empty()) {
      ActorMention& prev = r->actors.back();
      if (prev.sentence == si && prev.te == am.tb && !ws.tokens[am.tb].has(text::kConjWa) &&
          prev.rule.starts_with("role:") && prev.rule.find("person:") == std::string::npos &&
          am.rule.find("person:") != std::string::npos && !prev.role_only && prev.code.size() >= 3 &&
          am.code.size() >= 3 && prev.code.compare(0, 3, am.code, 0, 3) == 0) {
        prev.te = am.te;
        prev.span = span_of(prev.tb, prev.te);
        prev.code = am.code;
        prev.rule += "+apposition:" + am.rule;
        i = j + 1;
        continue;
      }
    }
    r->actors.push_back(std::move(am));
    i = j + 1;
  }
  // A bare state role (الشرطة، الجيش، البرلمان) in a sentence that names one
  // country before it belongs to that country.
  const size_t first = [&] {
    size_t k = r->actors.size();
    while (k > 0 && r->actors[k - 1].sentence == si) --k;
    return k;
  }();
  for (size_t k = first; k < r->actors.size(); ++k) {
    ActorMention& a = r->actors[k];
    if (!a.role_only) continue;
    // القوات غير السورية, القوات الأجنبية: no one's organs in particular.
    if (a.te < ws.sentences[si].tok_end &&
        (ws.tokens[a.te].norm == "غير" || ws.tokens[a.te].stem == "اجنبيه" ||
         ws.tokens[a.te].stem == "اجنبي"))
      continue;
    // Only organs of a state belong to the state named before them; rebels,
    // opponents, civilians or media near "the Russian air force" are not Russian.
    static const char* const kStateRoles[] = {"GOV", "MIL", "COP", "LEG", "SPY", "JUD"};
    if (std::none_of(std::begin(kStateRoles), std::end(kStateRoles),
                     [&](const char* r) { return a.code == r; }))
      continue;
    std::string country;
    bool unique = true;
    for (size_t q = first; q < k; ++q) {
      const std::string& c = r->actors[q].code;
      if (r->actors[q].role_only || c.size() < 3 || c.compare(0, 3, "IGO") == 0 ||
          c.compare(0, 3, "IMG") == 0 || c.compare(0, 3, "UAF") == 0)
        continue;
      if (country.empty())
        country = c.substr(0, 3);
      else if (country != c.substr(0, 3))
        unique = false;
    }
    if (!country.empty() && unique) {
      a.code = country + a.code;
      a.role_only = false;
      a.strength = 2;
      a.rule += "+country from context:" + country;
    }
  }
}

void Recognizer::ResolveHomeland(const Workspace& ws, Recognition* r) const {
  // بلاده / بلادها / بلادهم ("his / her / their country") is the country of
  // the nearest actor before it with one, in this sentence or the previous:
  // قال ماكرون إن بلاده هاجمت ... -> FRA.
  std::vector<ActorMention> found;
  for (uint32_t si = 0; si < ws.sentences.size(); ++si) {
    const Sentence& s = ws.sentences[si];
    for (uint32_t t = s.tok_begin; t < s.tok_end; ++t) {
      const text::Token& k = ws.tokens[t];
      if (k.kind != text::TokenKind::kArabic) continue;
      const std::string_view st = k.stem, en = k.enclitic;
      const bool homeland = (st == "بلاد" && (en == "ه" || en == "ها" || en == "هم" || en == "هما")) ||
                            st == "بلاده" || st == "بلادها" || st == "بلادهم" || st == "بلادهما";
      if (!homeland) continue;
      const ActorMention* best = nullptr;
      for (const ActorMention& a : r->actors) {
        if (a.role_only || a.code.size() < 3 || a.code.starts_with("IGO") || a.code.starts_with("IMG"))
          continue;
        const bool before = (a.sentence == si && a.te <= t) || a.sentence + 1 == si;
        if (!before) continue;
        if (best == nullptr || a.sentence > best->sentence ||
            (a.sentence == best->sentence && a.te > best->te))
          best = &a;
      }
      if (best == nullptr) continue;
      // A role right before it takes the country (جيش بلاده، حكومة بلاده).
      bool joined = false;
      for (ActorMention& a : r->actors)
        if (a.sentence == si && a.te == t && a.rule.starts_with("role:") &&
            (a.role_only || a.code.compare(0, 3, best->code, 0, 3) == 0)) {
          if (a.role_only) a.code = best->code.substr(0, 3) + a.code;
          a.role_only = false;
          a.strength = 2;
          a.te = t + 1;
          a.span.end = k.span.end;
          a.rule += "+homeland of " + best->code;
          joined = true;
        }
      if (joined) continue;
      ActorMention m;
      m.sentence = si;
      m.tb = t, m.te = t + 1;
      m.span = k.span;
      m.code = best->code.substr(0, 3);
      m.rule = "homeland of " + best->code;
      m.strength = 2;
      found.push_back(std::move(m));
    }
  }
  for (auto& m : found) r->actors.push_back(std::move(m));
  std::stable_sort(r->actors.begin(), r->actors.end(), [](const ActorMention& a, const ActorMention& b) {
    return a.sentence != b.sentence ? a.sentence < b.sentence : a.tb < b.tb;
  });
}

void Recognizer::MarkDatelines(const Workspace& ws, Recognition* r) const {
  // A dateline opens a sentence: place names and commas, then an agency in
  // parentheses or a dash: "بيروت (رويترز) -", "دبي، الإمارات (CNN) --",
  // "القاهرة - ".
  // Only at the start of a document (after the title, if any).
  for (uint32_t si = 0; si < ws.sentences.size() && si < 3; ++si) {
    const Sentence& s = ws.sentences[si];
    uint32_t end = 0;  // first token after the dateline's places
    for (uint32_t t = s.tok_begin; t < s.tok_end && t < s.tok_begin + 10; ++t) {
      const std::string_view n = ws.tokens[t].norm;
      if (n == "(" || n == "-" || n == "–" || n == "—") {
        end = t;
        break;
      }
    }
    if (end == 0 || end == s.tok_begin) continue;
    // Everything before the marker must be places and commas.
    bool only_places = true;
    for (uint32_t t = s.tok_begin; t < end && only_places; ++t) {
      if (ws.tokens[t].norm == ",") continue;
      bool in_place = false;
      for (const PlaceMention& p : r->places)
        if (p.sentence == si && p.tb <= t && t < p.te) in_place = true;
      only_places = in_place;
    }
    if (!only_places) continue;
    // ... and the marker must be an agency in parentheses or a dash.
    const std::string_view m = ws.tokens[end].norm;
    bool agency = m != "(";
    uint32_t stop = end;  // the agency in parentheses is no party either
    if (m == "(")
      for (uint32_t t = end + 1; t < s.tok_end && t < end + 6; ++t)
        if (ws.tokens[t].norm == ")") {
          agency = t + 1 < s.tok_end && (ws.tokens[t + 1].norm == "-" || ws.tokens[t + 1].norm == "–" ||
                                         ws.tokens[t + 1].norm == "—" || ws.tokens[t + 1].norm == ":");
          stop = t;
          break;
        }
    if (!agency) continue;
    for (PlaceMention& p : r->places)
      if (p.sentence == si && p.te <= end) p.dateline = true;
    r->actors.erase(std::remove_if(r->actors.begin(), r->actors.end(),
                                   [&](const ActorMention& a) { return a.sentence == si && a.te <= stop; }),
                    r->actors.end());
    // A bare role that took its country from the dateline (دبي، الإمارات
    // (CNN)— وصلت قوات ...) is bare again: the dateline names no party.
    for (ActorMention& a : r->actors) {
      if (a.sentence != si) continue;
      const size_t c = a.rule.find("+country from context:");
      if (c == std::string::npos || a.code.size() < 6) continue;
      bool dateline_country = false;
      for (const PlaceMention& p : r->places)
        if (p.sentence == si && p.dateline && lex_.str(lex_.entry(p.entry).code) == a.code.substr(0, 3))
          dateline_country = true;
      if (!dateline_country) continue;
      a.code = a.code.substr(3);
      a.role_only = true;
      a.strength = 1;
      a.rule.erase(c);
    }
  }
}

void Recognizer::ResolvePlaces(const Workspace& ws, Recognition* r) const {
  // Document context: how often each country is named (actors and unambiguous places).
  std::map<std::string, int> weight;
  for (const ActorMention& a : r->actors)
    if (a.code.size() >= 3 && a.code.compare(0, 3, "IGO") && a.code.compare(0, 3, "IMG"))
      weight[a.code.substr(0, 3)]++;
  for (const PhraseMatch& m : r->matches) {
    int places = 0;
    std::string only;
    for (uint32_t k = 0; k < m.count; ++k) {
      const EntryRecord& e = lex_.entry(r->pool[m.first + k]);
      if (e.category == static_cast<uint8_t>(Category::kPlace))
        ++places, only = std::string(lex_.str(e.code));
    }
    if (places == 1) weight[only]++;
  }
  for (const PhraseMatch& m : r->matches) {
    // A role word or a name of an organisation or person is not a place
    // (الأمن is security before it is Emmen).
    bool other_reading = false;
    for (uint32_t k = 0; k < m.count; ++k) {
      const auto c = static_cast<Category>(lex_.entry(r->pool[m.first + k]).category);
      other_reading |= c == Category::kAgent || c == Category::kOrg || c == Category::kPerson ||
                       c == Category::kTrigger || c == Category::kCue || c == Category::kDate;
    }
    if (other_reading) continue;
    uint32_t best = kNone, second = kNone;
    double best_score = -1e9, second_score = -1e9;
    int readings = 0;
    for (uint32_t k = 0; k < m.count; ++k) {
      const uint32_t ei = r->pool[m.first + k];
      const EntryRecord& e = lex_.entry(ei);
      if (e.category != static_cast<uint8_t>(Category::kPlace)) continue;
      ++readings;
      const std::string country(lex_.str(e.code));
      auto it = weight.find(country);
      const double ctx = it == weight.end() ? 0 : it->second;
      double score = 10.0 * ctx + std::log10(1.0 + std::max(0, e.from));
      if (e.kind == static_cast<uint8_t>(PlaceKind::kCountry)) score += 30;
      if (e.kind == static_cast<uint8_t>(PlaceKind::kCapital)) score += 6;
      if (e.kind == static_cast<uint8_t>(PlaceKind::kSite) ||
          e.kind == static_cast<uint8_t>(PlaceKind::kRegion))
        score += 3;
      if (score > best_score) {
        second = best, second_score = best_score;
        best = ei, best_score = score;
      } else if (score > second_score) {
        second = ei, second_score = score;
      }
    }
    if (best == kNone) continue;
    PlaceMention p;
    p.tb = m.tb, p.te = m.te;
    p.span = Span{ws.tokens[m.tb].span.begin, ws.tokens[m.te - 1].span.end};
    for (uint32_t si = 0; si < ws.sentences.size(); ++si)
      if (m.tb >= ws.sentences[si].tok_begin && m.tb < ws.sentences[si].tok_end) p.sentence = si;
    p.entry = best;
    if (readings > 1 && second != kNone) {
      const std::string c1(lex_.str(lex_.entry(best).code)), c2(lex_.str(lex_.entry(second).code));
      if (c1 != c2) {
        auto w = [&](const std::string& c) {
          auto it = weight.find(c);
          return it == weight.end() ? 0 : it->second;
        };
        p.note = "ambiguous (" + std::to_string(readings) + " readings): chose " + c1 + " over " + c2 + ": " +
                 std::to_string(w(c1)) + " vs " + std::to_string(w(c2)) + " other mentions in the document";
      }
    }
    r->places.push_back(std::move(p));
  }
}

}  // namespace rasd::lexicon

namespace rasd::lexicon {

// Light-verb constructions are discontinuous in verb-first clauses: the
// subject stands between the verb and its noun (شنت الطائرات الروسية غارات،
// فرض الاتحاد الأوروبي عقوبات). For each single-token verb trigger, look for
// the rest of a light entry within five tokens; the verb's trigger takes the
// construction's code.
void Recognizer::FindGappedLightVerbs(const Workspace& ws, Recognition* r) const {
  // Candidate verbs: every token not already inside a multi-word trigger.
  const size_t existing = r->triggers.size();
  for (uint32_t si = 0; si < ws.sentences.size(); ++si) {
    const Sentence& s = ws.sentences[si];
    for (uint32_t t = s.tok_begin; t < s.tok_end; ++t) {
      if (ws.tokens[t].kind != text::TokenKind::kArabic || ws.tokens[t].has(text::kDefArticle)) continue;
      bool covered = false;
      size_t at = existing;
      for (size_t k = 0; k < existing; ++k) {
        const TriggerMatch& o = r->triggers[k];
        if (o.tb <= t && t < o.te) {
          covered = o.te != o.tb + 1;
          at = k;
        }
      }
      if (covered) continue;
      const std::span<const KeyView> vkeys = r->doc_keys[t];
      bool any_prefix = false;
      for (const KeyView& vk : vkeys)
        any_prefix |= vk.cls != kMatchNoun && Lexicon::IsPrefix(lex_.FindPhrase(vk.key));
      if (!any_prefix) continue;
      if (at == existing) {
        TriggerMatch fresh{si, t, t + 1, ws.tokens[t].span, kNone, kMatchVerb};
        r->triggers.push_back(fresh);
        at = r->triggers.size() - 1;
      }
      TriggerMatch* cur = &r->triggers[at];
      const uint32_t before = cur->entry;
      FindGappedFrom(ws, s, vkeys, cur, r);
      if (cur->entry == kNone && before == kNone) r->triggers.pop_back();
    }
  }
  std::sort(r->triggers.begin(), r->triggers.end(), [](const TriggerMatch& a, const TriggerMatch& b) {
    return a.sentence != b.sentence ? a.sentence < b.sentence : a.tb < b.tb;
  });
  RemoveLightNouns(r);
}

void Recognizer::FindGappedFrom(const Workspace& ws, const Sentence& s, std::span<const KeyView> vkeys,
                                TriggerMatch* tmp, Recognition* r) const {
  TriggerMatch& tm = *tmp;
  {
    bool done = false;
    for (const KeyView& vk : vkeys) {
      if (done || vk.cls == kMatchNoun || !Lexicon::IsPrefix(lex_.FindPhrase(vk.key))) continue;
      for (uint32_t start = tm.te + 1; start < std::min(s.tok_end, tm.te + 13) && !done; ++start) {
        // What stands between verb and noun must be the subject: tokens of
        // actor mentions only (شنت الطائرات الروسية غارات), or a date (فرضت
        // أمس عقوبات، شنت الطائرات الثلاثاء غارات).
        // A quantifier before the noun counts too (فرضت الولايات المتحدة مجموعة
        // من العقوبات، شنت موجة من الغارات، أجرى جولة من المحادثات).
        auto quantifier = [&](uint32_t g) {
          const std::string_view st = ws.tokens[g].stem;
          return st == "مجموعه" || st == "سلسله" || st == "حزمه" || st == "جمله" || st == "عددا" ||
                 st == "مزيدا" || st == "مزيد" || st == "جوله" || st == "موجه";
        };
        // ... and so does a count (أطلقوا أكثر من 180 صاروخا، شنت 12 غارة).
        auto count = [&](uint32_t g) {
          const text::Token& k = ws.tokens[g];
          if (k.kind == text::TokenKind::kNumber) return true;
          const std::string_view st = k.stem;
          return st == "اكثر" || st == "نحو" || st == "قرابه" || st == "حوالي" || st == "عشرات" ||
                 st == "مئات" || (st == "من" && g > tm.te && ws.tokens[g - 1].stem == "اكثر");
        };
        bool gap_is_actor = true;
        for (uint32_t g = tm.te; g < start && gap_is_actor; ++g) {
          // (a comma of a parenthesis inside the subject: وقعت الجزائر وتونس، اليوم، على;
          // an apposition between commas: أجرى الفريق أحمد قايد صالح، نائب وزير الدفاع
          // الوطني، محادثات; a rank before the name: الفريق، اللواء)
          const std::string_view gs = ws.tokens[g].stem;
          bool covered = quantifier(g) || (g > tm.te && ws.tokens[g].norm == "من" && quantifier(g - 1)) ||
                         count(g) || (ws.tokens[g].norm == "," && g > tm.te) || gs == "فريق" ||
                         gs == "لواء" || gs == "عميد" || gs == "عقيد" || gs == "مشير" || gs == "جنرال" ||
                         gs == "اميرال";
          if (!covered && g > tm.te) {  // inside a comma pair that follows the subject
            uint32_t open = g, close = g;
            while (open > tm.te && ws.tokens[open - 1].norm != ",") --open;
            while (close < start && ws.tokens[close].norm != ",") ++close;
            covered = open > tm.te && close < start && close - open <= 6;
          }
          for (const ActorMention& a : r->actors)
            covered |= a.sentence == tm.sentence && a.tb <= g && g < a.te;
          for (const DateMention& d : r->dates) covered |= d.sentence == tm.sentence && d.tb <= g && g < d.te;
          gap_is_actor = covered;
        }
        if (!gap_is_actor) continue;
        // Extend word by word from `start`, contiguously.
        std::string key(vk.key);
        std::string& cand = r->key_buf;
        for (uint32_t j = start; j < std::min(s.tok_end, start + 4) && !done; ++j) {
          bool extended = false;
          for (const KeyView& nk : r->doc_keys[j]) {
            cand.assign(key);
            cand += ' ';
            cand.append(nk.key);
            const uint32_t v = lex_.FindPhrase(cand);
            if (v == kNone) continue;
            if (Lexicon::HasEntries(v)) {
              uint32_t cnt = 0;
              const uint32_t* p = lex_.Postings(v, &cnt);
              for (uint32_t e = 0; e < cnt; ++e) {
                const EntryRecord& er = lex_.entry(p[e]);
                if (er.category == static_cast<uint8_t>(Category::kTrigger) &&
                    er.kind == static_cast<uint8_t>(TriggerKind::kLight)) {
                  tm.entry = p[e];
                  done = true;
                  break;
                }
              }
            }
            if (!done && Lexicon::IsPrefix(v)) {
              key = cand;
              extended = true;
              break;
            }
          }
          if (!extended) break;
        }
      }
    }
  }
}

// The nouns of constructions found by FindGappedFrom are not triggers of their own.
void Recognizer::RemoveLightNouns(Recognition* r) const {
  for (size_t i = 0; i < r->triggers.size(); ++i) {
    const TriggerMatch& tm = r->triggers[i];
    if (tm.entry == kNone || lex_.entry(tm.entry).kind != static_cast<uint8_t>(TriggerKind::kLight) ||
        tm.te != tm.tb + 1)
      continue;
    for (size_t j = 0; j < r->triggers.size(); ++j) {
      TriggerMatch& o = r->triggers[j];
      if (j != i && o.entry != kNone && o.sentence == tm.sentence && o.tb > tm.tb && o.tb <= tm.tb + 9 &&
          lex_.entry(o.entry).kind != static_cast<uint8_t>(TriggerKind::kVerb) &&
          lex_.str(lex_.entry(o.entry).code).substr(0, 2) == lex_.str(lex_.entry(tm.entry).code).substr(0, 2))
        o.entry = kNone;  // marked for removal
    }
  }
  r->triggers.erase(std::remove_if(r->triggers.begin(), r->triggers.end(),
                                   [](const TriggerMatch& t) { return t.entry == kNone; }),
                    r->triggers.end());
}

// What the statistical NER found beyond the dictionaries (entity mentions are
// already in `mentions` when the NER stage ran):
//  - a person right after a role actor is that actor (وزير الدفاع الجزائري
//    فلان: the span grows to the name, the code stays DZAMIL);
//  - a location no gazetteer knows becomes a place mention without
//    coordinates, in the country the document names most, for a geocoder.
void Recognizer::UseEntities(const Workspace& ws, Recognition* r, std::vector<Mention>* mentions) const {
  std::map<std::string, int> weight;
  for (const ActorMention& a : r->actors)
    if (a.code.size() >= 3 && a.code.compare(0, 3, "IGO") && a.code.compare(0, 3, "IMG") && !a.role_only)
      weight[a.code.substr(0, 3)]++;
  for (const PlaceMention& p : r->places) weight[std::string(lex_.str(lex_.entry(p.entry).code))]++;
  std::string home;
  int best = 0;
  for (const auto& [c, n] : weight)
    if (n > best) best = n, home = c;
  std::vector<Mention> extra;
  for (const Mention& e : *mentions) {
    if (e.kind != MentionKind::kEntity) continue;
    if (e.type == "PERS") {
      // A gazetteer place inside a person's name (سالم in مراد بن سالم) is not a place.
      r->places.erase(std::remove_if(r->places.begin(), r->places.end(),
                                     [&](const PlaceMention& p) {
                                       return p.span.begin >= e.span.begin && p.span.end <= e.span.end &&
                                              !(p.span.begin == e.span.begin && p.span.end == e.span.end);
                                     }),
                      r->places.end());
      // A bare nisba inside a person's name is the name (ويلبور روس is Wilbur
      // Ross, not "Russians"; عبد الله المصري).
      r->actors.erase(std::remove_if(r->actors.begin(), r->actors.end(),
                                     [&](const ActorMention& a) {
                                       return a.nisba_only && a.span.begin > e.span.begin &&
                                              a.span.end <= e.span.end;
                                     }),
                      r->actors.end());
      // A known surname inside a longer name that starts earlier is someone
      // else's (جيم كيم of the World Bank is not Kim Jong-un).
      r->actors.erase(
          std::remove_if(r->actors.begin(), r->actors.end(),
                         [&](const ActorMention& a) {
                           if (!a.rule.starts_with("person:") || a.span.begin <= e.span.begin ||
                               a.span.end > e.span.end)
                             return false;
                           // ... unless the entity just runs two known names together
                           // (واتهم نتانياهو عباس، قمة كيم ترمب).
                           for (const ActorMention& b : r->actors)
                             if (&b != &a && b.span.begin >= e.span.begin && b.span.end <= a.span.begin)
                               return false;
                           return true;
                         }),
          r->actors.end());
      // An entity that is (or holds) a known actor names that actor, not the
      // actor before it (الحزب اللبناني للبوليساريو: two parties).
      bool holds_actor = false;
      for (const ActorMention& b : r->actors)
        holds_actor |= b.span.begin < e.span.end && e.span.begin < b.span.end;
      if (holds_actor) continue;
      for (ActorMention& a : r->actors) {
        // The name starts right after the actor (only spaces between).
        if (a.span.end > e.span.begin || a.rule.find("person:") != std::string::npos) continue;
        bool adjacent = a.te < ws.tokens.size() && ws.tokens[a.te].span.begin == e.span.begin;
        if (!adjacent || a.role_only) continue;
        a.span.end = e.span.end;
        a.rule += "+ner:PERS";
      }
    } else if (e.type == "LOC" && !home.empty()) {
      bool known = false;
      for (const PlaceMention& p : r->places) known |= p.span.begin < e.span.end && e.span.begin < p.span.end;
      for (const ActorMention& a : r->actors) known |= a.span.begin < e.span.end && e.span.begin < a.span.end;
      if (known) continue;
      Mention m;
      m.kind = MentionKind::kPlace;
      m.span = e.span;
      m.country = home;
      m.rule = "ner:LOC";
      m.note = "not in the gazetteer: no coordinates; country from the document (" + home + ", named " +
               std::to_string(best) + " times)";
      extra.push_back(std::move(m));
    }
  }
  for (auto& m : extra) mentions->push_back(std::move(m));
}

void Recognizer::Run(const Document& doc, Workspace* ws, std::vector<Mention>* mentions) const {
  if (!ws->recognition) ws->recognition = std::make_shared<Recognition>();
  Recognition* r = ws->recognition.get();
  r->clear();
  r->doc_keys.Build(ws->tokens, &r->scratch);
  for (uint32_t si = 0; si < ws->sentences.size(); ++si) {
    const size_t mfirst = r->matches.size();
    MatchSentence(*ws, ws->sentences[si], r);
    ComposeActors(doc, *ws, si, mfirst, r);
    FindDates(doc, *ws, si, mfirst, r);
    for (size_t mi = mfirst; mi < r->matches.size(); ++mi) {
      const PhraseMatch& m = r->matches[mi];
      const Span span{ws->tokens[m.tb].span.begin, ws->tokens[m.te - 1].span.end};
      bool have_trigger = false;
      for (uint32_t k = 0; k < m.count; ++k) {
        const uint32_t ei = r->pool[m.first + k];
        const EntryRecord& e = lex_.entry(ei);
        if (e.category == static_cast<uint8_t>(Category::kTrigger) && !have_trigger) {
          r->triggers.push_back(TriggerMatch{si, m.tb, m.te, span, ei, m.cls});
          have_trigger = true;
        } else if (e.category == static_cast<uint8_t>(Category::kCue)) {
          r->cues.push_back(CueMatch{si, m.tb, m.te, span, static_cast<CueKind>(e.kind), ei});
        }
      }
    }
  }
  FindGappedLightVerbs(*ws, r);
  ResolvePlaces(*ws, r);
  MarkDatelines(*ws, r);
  UseEntities(*ws, r, mentions);
  // No actors: a nisba negated by غير (خبراء غير يمنيين "non-Yemeni experts"),
  // a name after a street or square word (شارع صدام، ميدان جمال عبد الناصر).
  r->actors.erase(std::remove_if(r->actors.begin(), r->actors.end(),
                                 [&](const ActorMention& a) {
                                   if (a.tb <= ws->sentences[a.sentence].tok_begin) return false;
                                   const text::Token& p = ws->tokens[a.tb - 1];
                                   if (a.nisba_only && (p.norm == "غير" || p.norm == "وغير")) return true;
                                   const std::string_view st = p.stem;
                                   return st == "شارع" || st == "ميدان" || st == "جاده" || st == "نهج";
                                 }),
                  r->actors.end());
  // A bare nisba joined by و right after a role with its nisba shares the role
  // (الجهاديين الصينيين والروس، نظيريه النمساوي والمجري، الرئيسان الأمريكي
  // والكوري الشمالي): Russian jihadists, the Hungarian counterpart.
  for (size_t i = 0; i + 1 < r->actors.size(); ++i) {
    const ActorMention& a = r->actors[i];
    ActorMention& b = r->actors[i + 1];
    if (a.sentence != b.sentence || a.role_only || a.nisba_only || a.code.size() != 6 ||
        a.rule.rfind("role:", 0) != 0 || a.rule.find("+country:") == std::string::npos || !b.nisba_only ||
        b.code.size() != 3 || b.tb != a.te || !ws->tokens[b.tb].has(text::kConjWa))
      continue;
    b.code += a.code.substr(3);
    b.nisba_only = false;
    b.strength = 3;
    b.rule += "+role of the conjunct before:" + a.code.substr(3);
  }
  ResolveHomeland(*ws, r);
  // Civilians, rebels, opponents and the like belong to the country where the
  // sentence places them (مجزرة بحق المدنيين في الغوطة -> SYRCVL), not to
  // whoever acts on them: one country among the sentence's places.
  for (ActorMention& a : r->actors) {
    if (!a.role_only) continue;
    if (a.te < ws->tokens.size() && a.te < ws->sentences[a.sentence].tok_end &&
        (ws->tokens[a.te].norm == "غير" || ws->tokens[a.te].stem == "اجنبيه" ||
         ws->tokens[a.te].stem == "اجنبي"))
      continue;  // القوات غير السورية، القوات الأجنبية
    {
      // Envoys and ambassadors serve where the sentence places them (المبعوث
      // الدولي إلى سوريا، السفير في بيروت): that is not their country.
      const std::string_view st = ws->tokens[a.tb].stem;
      if (st.starts_with("مبعوث") || st.starts_with("سفير") || st.starts_with("سفراء") ||
          st.starts_with("مندوب") || st.starts_with("موفد"))
        continue;
    }
    std::string country;
    bool unique = true;
    for (const PlaceMention& p : r->places) {
      if (p.sentence != a.sentence || p.dateline) continue;
      // A place that is itself an actor outside a locative phrase is a party
      // (انتقد الوزير إيران), not where the role stands (في إيران، بدمشق، في
      // العاصمة الألمانية برلين).
      if (p.tb > 0 && ws->tokens[p.tb - 1].stem != "في" &&
          !text::InLocativePhrase(ws->tokens.data(), p.tb, ws->sentences[p.sentence].tok_begin)) {
        bool party = false;
        for (const ActorMention& b : r->actors)
          party |= b.sentence == p.sentence && b.tb == p.tb && b.te == p.te;
        if (party) continue;
      }
      const std::string c(lex_.str(lex_.entry(p.entry).code));
      if (c.size() != 3) continue;
      if (country.empty())
        country = c;
      else if (country != c)
        unique = false;
    }
    if (!country.empty() && unique) {
      // "The coalition" in Yemen is the Saudi-led one, in Syria and Iraq the
      // US-led one (طائرات التحالف، قوات التحالف): its leader, not the country
      // it fights in.
      bool coalition = false;
      for (uint32_t t = a.tb; t < a.te + 1 && t < ws->sentences[a.sentence].tok_end; ++t)
        coalition |= ws->tokens[t].stem == "تحالف";
      std::string who = country;
      if (coalition && country == "YEM") who = "SAU";
      if (coalition && (country == "SYR" || country == "IRQ")) who = "USA";
      a.code = who + a.code;
      a.role_only = false;
      a.strength = 2;
      a.rule += who == country ? "+country from place:" + country : "+coalition in " + country + ":" + who;
    }
  }

  for (const ActorMention& a : r->actors) {
    Mention m;
    m.kind = MentionKind::kActor;
    m.span = a.span;
    m.code = a.code;
    m.rule = a.rule;
    mentions->push_back(std::move(m));
  }
  for (const PlaceMention& p : r->places) {
    const EntryRecord& e = lex_.entry(p.entry);
    Mention m;
    m.kind = MentionKind::kPlace;
    m.span = p.span;
    m.country = std::string(lex_.str(e.code));
    m.name_en = std::string(lex_.str(e.name));
    m.lat = e.lat, m.lon = e.lon, m.has_coords = true;
    m.rule = "place:" + lex_.Source(e);
    m.note = p.note;
    mentions->push_back(std::move(m));
  }
  for (const DateMention& d : r->dates) {
    Mention m;
    m.kind = MentionKind::kDate;
    m.span = d.span;
    m.value = d.value;
    m.rule = d.relative ? "date:relative" : "date:absolute";
    mentions->push_back(std::move(m));
  }
  for (const TriggerMatch& t : r->triggers) {
    const EntryRecord& e = lex_.entry(t.entry);
    Mention m;
    m.kind = MentionKind::kTrigger;
    m.span = t.span;
    m.code = std::string(lex_.str(e.code));
    m.rule = "trigger:" + lex_.Source(e);
    mentions->push_back(std::move(m));
  }
  // Stably by start: sort indices, then move each mention once (a Mention
  // holds six strings; sorting them in place moved each many times).
  std::vector<uint32_t>& order = r->order;
  order.resize(mentions->size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return (*mentions)[a].span.begin < (*mentions)[b].span.begin;
  });
  std::vector<Mention>& sorted = r->sorted;
  sorted.clear();
  for (uint32_t i : order) sorted.push_back(std::move((*mentions)[i]));
  mentions->swap(sorted);
}

}  // namespace rasd::lexicon
