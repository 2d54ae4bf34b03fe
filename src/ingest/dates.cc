// Publication dates: ParsePublishedDate (metadata values) and FindDateline
// (a date written near the top of an article). Month names: docs/readers.md.
#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "rasd/ingest.h"
#include "rasd/text.h"

namespace rasd {
namespace {

// Month names in every regional form, as written; normalised (hamza on alef,
// ta marbuta, alef maqsura folded; lowercase) before use.
struct MonthName {
  const char* name;
  int month;
};
constexpr MonthName kMonths[] = {
    // Egypt, Gulf, most of the press (from the Latin names).
    {"يناير", 1},
    {"فبراير", 2},
    {"مارس", 3},
    {"أبريل", 4},
    {"إبريل", 4},
    {"مايو", 5},
    {"يونيو", 6},
    {"يونيه", 6},
    {"يوليو", 7},
    {"يوليه", 7},
    {"أغسطس", 8},
    {"سبتمبر", 9},
    {"أكتوبر", 10},
    {"نوفمبر", 11},
    {"ديسمبر", 12},
    {"فبرير", 2},
    {"اغسطس", 8},
    {"أغسطوس", 8},
    // Levant and Iraq (Syriac names).
    {"كانون الثاني", 1},
    {"شباط", 2},
    {"آذار", 3},
    {"نيسان", 4},
    {"أيار", 5},
    {"مايس", 5},
    {"حزيران", 6},
    {"تموز", 7},
    {"آب", 8},
    {"أيلول", 9},
    {"تشرين الأول", 10},
    {"تشرين الثاني", 11},
    {"كانون الأول", 12},
    {"كانون ثاني", 1},
    {"تشرين أول", 10},
    {"تشرين ثاني", 11},
    {"كانون أول", 12},
    // Algeria and Tunisia (from French).
    {"جانفي", 1},
    {"جانفييه", 1},
    {"فيفري", 2},
    {"أفريل", 4},
    {"ماي", 5},
    {"جوان", 6},
    {"جويلية", 7},
    {"جويلة", 7},
    {"أوت", 8},
    {"سيبتمبر", 9},
    {"أوكتوبر", 10},
    {"ديسمبر", 12},
    // Morocco.
    {"ينير", 1},
    {"يوليوز", 7},
    {"غشت", 8},
    {"شتنبر", 9},
    {"نونبر", 11},
    {"دجنبر", 12},
    // English and French.
    {"january", 1},
    {"jan", 1},
    {"february", 2},
    {"feb", 2},
    {"march", 3},
    {"mar", 3},
    {"april", 4},
    {"apr", 4},
    {"may", 5},
    {"june", 6},
    {"jun", 6},
    {"july", 7},
    {"jul", 7},
    {"august", 8},
    {"aug", 8},
    {"september", 9},
    {"sep", 9},
    {"sept", 9},
    {"october", 10},
    {"oct", 10},
    {"november", 11},
    {"nov", 11},
    {"december", 12},
    {"dec", 12},
    {"janvier", 1},
    {"février", 2},
    {"fevrier", 2},
    {"mars", 3},
    {"avril", 4},
    {"mai", 5},
    {"juin", 6},
    {"juillet", 7},
    {"août", 8},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"décembre", 12},
    {"decembre", 12},
};

const std::unordered_map<std::string, int>& MonthTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, int>;
    for (const MonthName& m : kMonths) (*t)[text::NormalizeString(m.name)] = m.month;
    return t;
  }();
  return *table;
}

enum class Kind { kNumber, kWord, kPunct };
struct Tok {
  Kind kind;
  std::string_view s;  // Into the normalised string.
  char32_t punct = 0;
};

bool IsLatinLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F); }

void Lex(std::string_view s, std::vector<Tok>* out) {
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    const char32_t cp = text::DecodeUtf8(s, &pos);
    if (cp == ' ' || cp == '\n') continue;
    auto extend = [&](auto pred) {
      while (pos < s.size()) {
        size_t q = pos;
        if (!pred(text::DecodeUtf8(s, &q))) break;
        pos = q;
      }
    };
    if (cp >= '0' && cp <= '9') {
      extend([](char32_t c) { return c >= '0' && c <= '9'; });
      out->push_back({Kind::kNumber, s.substr(start, pos - start)});
    } else if (text::IsArabicLetter(cp) || IsLatinLetter(cp)) {
      extend([](char32_t c) { return text::IsArabicLetter(c) || IsLatinLetter(c); });
      out->push_back({Kind::kWord, s.substr(start, pos - start)});
    } else {
      out->push_back({Kind::kPunct, s.substr(start, pos - start), cp});
    }
  }
}

int ToInt(std::string_view d) {
  int v = 0;
  for (char c : d) v = v * 10 + (c - '0');
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::string Format(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return "";
  if (d > kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0)) return "";
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

class Matcher {
 public:
  explicit Matcher(const std::vector<Tok>& t) : t_(t) {}

  std::string At(size_t i) const {
    std::string r = Numeric(i);
    if (r.empty()) r = DayMonthYear(i);
    if (r.empty()) r = MonthDayYear(i);
    return r;
  }

 private:
  bool Num(size_t i, size_t min_len, size_t max_len) const {
    return i < t_.size() && t_[i].kind == Kind::kNumber && t_[i].s.size() >= min_len &&
           t_[i].s.size() <= max_len;
  }
  bool Punct(size_t i, char32_t c) const {
    return i < t_.size() && t_[i].kind == Kind::kPunct && t_[i].punct == c;
  }
  bool Word(size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].kind == Kind::kWord && t_[i].s == w;
  }

  // A month name at i (one or two words); returns the month and moves *next.
  int Month(size_t i, size_t* next) const {
    if (i >= t_.size() || t_[i].kind != Kind::kWord) return 0;
    const auto& table = MonthTable();
    if (i + 1 < t_.size() && t_[i + 1].kind == Kind::kWord) {
      std::string two(t_[i].s);
      two += ' ';
      two += t_[i + 1].s;
      if (auto it = table.find(two); it != table.end()) {
        *next = i + 2;
        return it->second;
      }
    }
    if (auto it = table.find(std::string(t_[i].s)); it != table.end()) {
      *next = i + 1;
      return it->second;
    }
    return 0;
  }

  // 2016-02-16, 2016/2/16, 16/02/2016, 16-2-2016, 16.02.2016.
  std::string Numeric(size_t i) const {
    if (!Num(i, 1, 4) || !Num(i + 2, 1, 2) || !Num(i + 4, 1, 4)) return "";
    if (i + 3 >= t_.size() || t_[i + 1].kind != Kind::kPunct) return "";
    const char32_t sep = t_[i + 1].punct;
    if ((sep != '-' && sep != '/' && sep != '.') || !Punct(i + 3, sep)) return "";
    const int a = ToInt(t_[i].s), b = ToInt(t_[i + 2].s), c = ToInt(t_[i + 4].s);
    if (t_[i].s.size() == 4 && t_[i + 4].s.size() <= 2) return Format(a, b, c);
    if (t_[i].s.size() <= 2 && t_[i + 4].s.size() == 4) {
      std::string r = Format(c, b, a);                   // dd/mm/yyyy, the Arab and European order
      if (r.empty() && sep == '/') r = Format(c, a, b);  // mm/dd/yyyy when dd/mm cannot be
      return r;
    }
    return "";
  }

  size_t SkipOrdinal(size_t j) const {
    if (Word(j, "st") || Word(j, "nd") || Word(j, "rd") || Word(j, "th")) return j + 1;
    return j;
  }

  // 16 فبراير 2016, 16 شباط/فبراير 2016, Tue, 16 Feb 2016, 16th of February, 2016.
  std::string DayMonthYear(size_t i) const {
    if (!Num(i, 1, 2)) return "";
    size_t j = SkipOrdinal(i + 1);
    if (Word(j, "من") || Word(j, "of")) ++j;
    size_t k;
    const int m = Month(j, &k);
    if (m == 0) return "";
    if ((Punct(k, '/') || Punct(k, '-') || Punct(k, '('))) {
      size_t k2;
      if (Month(k + 1, &k2) != 0) {
        k = k2;
        if (Punct(k, ')')) ++k;
      }
    }
    if (Punct(k, '.')) ++k;
    if (Punct(k, ',')) ++k;
    if (!Num(k, 4, 4)) return "";
    return Format(ToInt(t_[k].s), m, ToInt(t_[i].s));
  }

  // فبراير 16, 2016, February 16, 2016, Feb. 16 2016.
  std::string MonthDayYear(size_t i) const {
    size_t j;
    const int m = Month(i, &j);
    if (m == 0) return "";
    if (Punct(j, '.')) ++j;
    if (!Num(j, 1, 2)) return "";
    const int d = ToInt(t_[j].s);
    size_t k = SkipOrdinal(j + 1);
    if (Punct(k, ',')) ++k;
    if (!Num(k, 4, 4)) return "";
    return Format(ToInt(t_[k].s), m, d);
  }

  const std::vector<Tok>& t_;
};

std::string FirstDate(std::string_view raw) {
  const std::string norm = text::NormalizeString(raw);
  std::vector<Tok> toks;
  Lex(norm, &toks);
  Matcher m(toks);
  for (size_t i = 0; i < toks.size(); ++i) {
    std::string r = m.At(i);
    if (!r.empty()) return r;
  }
  return "";
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string ParsePublishedDate(std::string_view value) {
  value = Trim(value);
  if (value.empty() || value.size() > 200) return "";
  bool digits = true;
  for (char c : value) digits = digits && c >= '0' && c <= '9';
  if (digits && value.size() == 8) {  // 20160216
    return Format(ToInt(value.substr(0, 4)), ToInt(value.substr(4, 2)), ToInt(value.substr(6, 2)));
  }
  if (digits && (value.size() == 9 || value.size() == 10 || value.size() == 13)) {  // Unix time (s or ms)
    long long secs = std::stoll(std::string(value));
    if (value.size() == 13) secs /= 1000;
    const std::chrono::sys_days day{std::chrono::days{secs / 86400}};
    const std::chrono::year_month_day ymd{day};
    return Format(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                  static_cast<int>(static_cast<unsigned>(ymd.day())));
  }
  return FirstDate(value);
}

std::string FindDateline(std::string_view text, size_t window) {
  if (text.size() > window) {
    size_t w = window;
    while (w > 0 && (static_cast<unsigned char>(text[w]) & 0xC0) == 0x80) --w;
    text = text.substr(0, w);
  }
  return FirstDate(text);
}

}  // namespace rasd
