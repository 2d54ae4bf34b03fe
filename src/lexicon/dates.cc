// Date expressions: absolute (16 فبراير 2016، فبراير 16, 2016، 2016/02/16),
// month + year, weekdays (الثلاثاء الماضي), relative words (أمس، اليوم) and
// offsets (بعد أسبوعين، قبل ثلاثة أيام), resolved against the publication date.
#include <cstdlib>

#include "lexicon/recognizer.h"

namespace rasd::lexicon {
namespace {

struct Item {
  uint32_t tb, te;
  DateKind kind;
  int value = 0;      // month/weekday/number
  std::string rel;    // relative value ("day:-1")
  bool dual = false;  // unit in the dual (أسبوعين)
};

bool IsInt(std::string_view s, int* v) {
  if (s.empty() || s.size() > 4) return false;
  int x = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    x = x * 10 + (c - '0');
  }
  *v = x;
  return true;
}

int DaysInMonth(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[m - 1];
}

}  // namespace

void Recognizer::FindDates(const Document& doc, const Workspace& ws, uint32_t si, size_t mfirst,
                           Recognition* r) const {
  int py = 0, pm = 0, pd = 0;
  const bool have_pub = ParseIsoDate(doc.published, &py, &pm, &pd);
  const int64_t pub = have_pub ? DaysFromCivil(py, pm, pd) : 0;
  const Sentence& s = ws.sentences[si];
  // Date items in token order: dictionary date words and plain numbers.
  std::vector<Item> items;
  size_t mi = mfirst;
  for (uint32_t t = s.tok_begin; t < s.tok_end;) {
    while (mi < r->matches.size() && r->matches[mi].tb < t) ++mi;
    if (mi < r->matches.size() && r->matches[mi].tb == t) {
      const PhraseMatch& m = r->matches[mi];
      for (uint32_t k = 0; k < m.count; ++k) {
        const EntryRecord& e = lex_.entry(r->pool[m.first + k]);
        if (e.category != static_cast<uint8_t>(Category::kDate)) continue;
        Item it{m.tb, m.te, static_cast<DateKind>(e.kind)};
        const std::string v(lex_.str(e.code));
        it.value = std::atoi(v.c_str());
        it.rel = v;
        const std::string_view norm = ws.tokens[m.te - 1].stem;
        it.dual = it.kind == DateKind::kUnit && norm.size() > 4 && norm.substr(norm.size() - 4) == "ين";
        items.push_back(std::move(it));
        break;
      }
      t = m.te;
      continue;
    }
    int v;
    if (ws.tokens[t].kind == text::TokenKind::kNumber && IsInt(ws.tokens[t].norm, &v)) {
      items.push_back(Item{t, t + 1, DateKind::kNumber, v});
    } else if (ws.tokens[t].kind == text::TokenKind::kNumber) {
      // 16/02/2016 or 2016/02/16 or 2016-02-16
      int a, b, c;
      const std::string n(ws.tokens[t].norm);
      if (std::sscanf(n.c_str(), "%d/%d/%d", &a, &b, &c) == 3) {
        int y = a > 31 ? a : c, d = a > 31 ? c : a;
        if (y > 1900 && y < 2100 && b >= 1 && b <= 12 && d >= 1 && d <= DaysInMonth(y, b)) {
          DateMention dm{si, t, t + 1, ws.tokens[t].span, FormatDate(y, b, d), "day"};
          r->dates.push_back(dm);
        }
      }
    }
    ++t;
  }
  // A month named twice, in its Levantine and its Western form (حزيران/يونيو،
  // مايو (أيار)), is one month: merge the two items so the day before and the
  // year after still join it (7 حزيران/يونيو 2017).
  for (size_t i = 0; i + 1 < items.size(); ++i) {
    Item& m1 = items[i];
    const Item& m2 = items[i + 1];
    if (m1.kind != DateKind::kMonth || m2.kind != DateKind::kMonth || m1.value != m2.value) continue;
    const std::string_view g1 =
        m1.te < s.tok_end ? std::string_view(ws.tokens[m1.te].norm) : std::string_view();
    const bool slash = m2.tb == m1.te + 1 && (g1 == "/" || g1 == "-");
    const bool paren = m2.tb == m1.te + 1 && g1 == "(" && m2.te < s.tok_end && ws.tokens[m2.te].norm == ")";
    if (!slash && !paren) continue;
    m1.te = paren ? m2.te + 1 : m2.te;
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  }
  auto span = [&](uint32_t tb, uint32_t te) {
    return Span{ws.tokens[tb].span.begin, ws.tokens[te - 1].span.end};
  };
  auto adjacent = [&](size_t i, size_t j) {
    // Items j directly follows i, allowing one comma token between.
    if (items[j].tb == items[i].te) return true;
    return items[j].tb == items[i].te + 1 && ws.tokens[items[i].te].norm == ",";
  };
  auto emit = [&](uint32_t tb, uint32_t te, std::string value, const char* precision, bool relative,
                  bool future) {
    DateMention dm;
    dm.sentence = si, dm.tb = tb, dm.te = te, dm.span = span(tb, te);
    dm.value = std::move(value);
    dm.precision = precision;
    dm.relative = relative;
    dm.future = future;
    r->dates.push_back(std::move(dm));
  };
  auto from_days = [&](int64_t days) {
    int y, m, d;
    CivilFromDays(days, &y, &m, &d);
    return FormatDate(y, m, d);
  };
  auto prev_token = [&](uint32_t tb) -> std::string_view {
    return tb > s.tok_begin ? ws.tokens[tb - 1].stem : std::string_view();
  };
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& a = items[i];
    const bool n1 = i + 1 < items.size() && adjacent(i, i + 1);
    const bool n2 = n1 && i + 2 < items.size() && adjacent(i + 1, i + 2);
    // day month [year]
    if (a.kind == DateKind::kNumber && a.value >= 1 && a.value <= 31 && n1 &&
        items[i + 1].kind == DateKind::kMonth) {
      const int m = items[i + 1].value;
      int y = py;
      uint32_t te = items[i + 1].te;
      const uint32_t month_te = te;
      if (n2 && items[i + 2].kind == DateKind::kNumber && items[i + 2].value > 1900) {
        y = items[i + 2].value, te = items[i + 2].te, i += 1;
      } else if (!have_pub) {
        i += 1;
        continue;
      }
      // Without a year of its own the year is the publication's: relative.
      if (m >= 1 && m <= 12 && a.value <= DaysInMonth(y, m))
        emit(a.tb, te, FormatDate(y, m, a.value), "day", te == month_te, false);
      i += 1;
      continue;
    }
    if (a.kind == DateKind::kMonth) {
      // month day, year
      if (n2 && items[i + 1].kind == DateKind::kNumber && items[i + 1].value <= 31 &&
          items[i + 2].kind == DateKind::kNumber && items[i + 2].value > 1900) {
        const int y = items[i + 2].value, d = items[i + 1].value;
        if (d >= 1 && d <= DaysInMonth(y, a.value))
          emit(a.tb, items[i + 2].te, FormatDate(y, a.value, d), "day", false, false);
        i += 2;
        continue;
      }
      // month year
      if (n1 && items[i + 1].kind == DateKind::kNumber && items[i + 1].value > 1900) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", items[i + 1].value, a.value);
        emit(a.tb, items[i + 1].te, buf, "month", false, false);
        ++i;
        continue;
      }
      continue;
    }
    if (a.kind == DateKind::kRelative) {
      // e.g. day:-1, week:+1, month:-1, year:0, past:days, future:days
      const std::string& rel = a.rel;
      const size_t colon = rel.find(':');
      const std::string unit = rel.substr(0, colon);
      const int off = colon == std::string::npos ? 0 : std::atoi(rel.c_str() + colon + 1);
      uint32_t te = a.te;
      // "اليوم الثلاثاء": a weekday right after a relative day word belongs to it.
      if (n1 && items[i + 1].kind == DateKind::kWeekday) te = items[++i].te;
      if (!have_pub) {
        emit(a.tb, te, "", unit == "day" ? "day" : unit.c_str(), true, off > 0);
        continue;
      }
      if (unit == "day") {
        emit(a.tb, te, from_days(pub + off), "day", true, off > 0);
      } else if (unit == "week") {
        emit(a.tb, te, from_days(pub + 7 * off), "week", true, off > 0);
      } else if (unit == "month") {
        int y = py, m = pm + off;
        while (m < 1) m += 12, --y;
        while (m > 12) m -= 12, ++y;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
        emit(a.tb, te, buf, "month", true, off > 0);
      } else if (unit == "year") {
        emit(a.tb, te, std::to_string(py + off), "year", true, off > 0);
      } else if (unit == "past" || unit == "future") {
        emit(a.tb, te, "", "", true, unit == "future");
      }
      continue;
    }
    if (a.kind == DateKind::kWeekday) {
      bool future = false;
      uint32_t te = a.te;
      if (n1 &&
          (items[i + 1].kind == DateKind::kPastMarker || items[i + 1].kind == DateKind::kFutureMarker)) {
        future = items[i + 1].kind == DateKind::kFutureMarker;
        te = items[++i].te;
      }
      if (!have_pub) {
        emit(a.tb, te, "", "day", true, future);
        continue;
      }
      // 1970-01-01 was a Thursday (weekday 4 with Sunday = 0).
      const int pub_wd = static_cast<int>(((pub % 7) + 7 + 4) % 7);
      int64_t day;
      if (future) {
        int delta = (a.value - pub_wd + 7) % 7;
        day = pub + (delta == 0 ? 7 : delta);
      } else {
        day = pub - (pub_wd - a.value + 7) % 7;
        if (te != a.te && day == pub) day -= 7;  // "الثلاثاء الماضي" on a Tuesday: last week
      }
      emit(a.tb, te, from_days(day), "day", true, future);
      continue;
    }
    if (a.kind == DateKind::kUnit ||
        (a.kind == DateKind::kNumber && n1 && items[i + 1].kind == DateKind::kUnit)) {
      // [قبل|بعد|منذ|خلال] [N] unit
      size_t ui = a.kind == DateKind::kUnit ? i : i + 1;
      int count = a.kind == DateKind::kUnit ? (items[ui].dual ? 2 : 1) : a.value;
      const std::string_view prep = prev_token(a.tb);
      int sign = 0;
      // خلال N unit is a span, not a point, and reads both ways: "over the
      // past ten years" (خلال عشر سنوات، خلال 24 ساعة) as often as "within
      // two days": no date. Only بعد and في غضون point forward.
      if (prep == "قبل" || prep == "منذ") sign = -1;
      if (prep == "بعد" || prep == "غضون") sign = +1;
      // ... من: counted from another event, not from the publication date
      // (بعد أسابيع من القتال، قبل يومين من الانتخابات).
      const uint32_t after = items[ui].te;
      if (after < s.tok_end && ws.tokens[after].kind == text::TokenKind::kArabic &&
          ws.tokens[after].norm == "من")
        sign = 0;
      if (sign == 0 || count <= 0 || count > 400) {
        i = ui;
        continue;
      }
      const std::string& unit = items[ui].rel;
      const int days = unit == "day"     ? 1
                       : unit == "week"  ? 7
                       : unit == "month" ? 30
                       : unit == "year"  ? 365
                                         : 0;
      if (days == 0) {
        i = ui;
        continue;
      }
      const uint32_t tb = a.tb - 1;
      if (!have_pub) {
        emit(tb, items[ui].te, "", "day", true, sign > 0);
      } else {
        emit(tb, items[ui].te, from_days(pub + sign * count * days),
             days >= 30 ? (days == 30 ? "month" : "year") : "day", true, sign > 0);
      }
      i = ui;
      continue;
    }
    if (a.kind == DateKind::kNumber && a.value >= 1900 && a.value <= 2100) {
      const std::string_view prep = prev_token(a.tb);
      if (prep == "عام" || prep == "سنه" || prep == "العام")
        emit(a.tb - 1, a.te, std::to_string(a.value), "year", false, false);
      continue;
    }
  }
}

}  // namespace rasd::lexicon
