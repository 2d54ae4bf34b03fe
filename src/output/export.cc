// Deduplication across articles, CSV and GDELT 2.0 rows (docs/export.md).
#include "rasd/export.h"

#include <climits>
#include <cstdio>

#include "core/civil_date.h"
#include "core/hash.h"
#include "rasd/output.h"
#include "server/api.h"

namespace rasd {
namespace {

std::string_view Slice(const Document& doc, Span s) {
  if (s.end > doc.text.size() || s.begin > s.end) return {};
  return std::string_view(doc.text).substr(s.begin, s.size());
}

bool Digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// The day a mention counts for: its event date to the day, else the
// publication date.
std::string MentionDate(const StoredEvent& e) {
  int64_t d;
  if (DayNumber(e.date, &d)) return e.date;
  if (DayNumber(e.published, &d)) return e.published;
  return "";
}

void AddUnique(std::vector<std::string>* list, std::string_view v) {
  if (v.empty()) return;
  for (const auto& x : *list)
    if (x == v) return;
  list->emplace_back(v);
}

void AppendCsvCell(std::string_view s, std::string* out) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string Join(const std::vector<std::string>& v, char sep) {
  std::string r;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) r.push_back(sep);
    r += v[i];
  }
  return r;
}

// A GDELT cell: tabs and line breaks would break the row.
void AppendTsvCell(std::string_view s, std::string* out) {
  for (char c : s) out->push_back((c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
}

void AppendNum(double v, const char* fmt, std::string* out) {
  char buf[40];
  const int n = std::snprintf(buf, sizeof buf, fmt, v);
  out->append(buf, n);
}

// Three-letter codes that are not countries when they head an actor code.
bool NonCountryPrefix(std::string_view p) {
  static const char* const kCodes[] = {"IGO", "IMG", "NGO", "NGM", "MNC", "UAF", "GOV", "MIL", "SPY", "COP",
                                       "JUD", "LEG", "REB", "INS", "OPP", "CVL", "REF", "MED", "BUS", "REL",
                                       "ELI", "AGR", "EDU", "HLH", "LAB", "MOD", "RAD", "SEP", "UIS", "CRM"};
  for (const char* c : kCodes)
    if (p == c) return true;
  return false;
}

// Actor1/Actor2 columns: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
// Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code.
void AppendGdeltActor(std::string_view code, std::string_view name, std::string* out) {
  std::string_view country, group;
  std::vector<std::string_view> types;
  std::string_view rest = code;
  if (rest.size() >= 3) {
    const std::string_view head = rest.substr(0, 3);
    if ((head == "IGO" || head == "IMG" || head == "NGO") && rest.size() >= 6) {
      group = rest.substr(3, 3);
      rest.remove_prefix(6);
    } else if (!NonCountryPrefix(head)) {
      country = head;
      rest.remove_prefix(3);
    }
  }
  while (rest.size() >= 3 && types.size() < 3) {
    types.push_back(rest.substr(0, 3));
    rest.remove_prefix(3);
  }
  AppendTsvCell(code, out);
  out->push_back('\t');
  AppendTsvCell(name, out);
  out->push_back('\t');
  out->append(country);
  out->push_back('\t');
  out->append(group);
  out->append("\t\t\t\t");  // Ethnic, Religion1, Religion2: not coded by rasd.
  for (size_t i = 0; i < 3; ++i) {
    if (i < types.size()) out->append(types[i]);
    out->push_back('\t');
  }
}

}  // namespace

bool DayNumber(std::string_view s, int64_t* day) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !Digits(s.substr(0, 4)) || !Digits(s.substr(5, 2)) ||
      !Digits(s.substr(8, 2)))
    return false;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1] + (m == 2 && Leap(y))) return false;
  *day = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

StoredEvent ToStoredEvent(const Event& ev, const Document& doc, const CodePointIndex& cpi) {
  StoredEvent e;
  e.event_id = ev.event_id;
  e.doc_id = ev.doc_id;
  e.doc_title = doc.title;
  e.published = doc.published;
  e.doc_source = doc.source;
  e.doc_url = doc.url;
  e.sentence_index = ev.sentence_index;
  e.sentence = Slice(doc, ev.sentence);
  e.sentence_start = cpi(ev.sentence.begin);
  e.sentence_end = cpi(ev.sentence.end);
  e.trigger_text = Slice(doc, ev.trigger);
  if (ev.source) {
    e.source_code = ev.source->code;
    e.source_text = Slice(doc, ev.source->span);
  }
  if (ev.target) {
    e.target_code = ev.target->code;
    e.target_text = Slice(doc, ev.target->span);
  }
  e.cameo = ev.cameo;
  e.cameo_root = ev.cameo_root;
  e.goldstein = ev.goldstein;
  e.quad_class = ev.quad_class;
  e.plover_event = ev.plover_event;
  e.plover_mode = ev.plover_mode;
  e.modality = ModalityName(ev.modality);
  e.attribution_kind = AttributionKindName(ev.attribution_kind);
  if (!ev.attribution.empty()) e.attribution_text = Slice(doc, ev.attribution);
  e.date = ev.date;
  e.date_precision = ev.date_precision;
  if (ev.location) {
    e.location_text = Slice(doc, ev.location->span);
    e.location_name_en = ev.location->name_en;
    e.location_country = ev.location->country;
    e.lat = ev.location->lat;
    e.lon = ev.location->lon;
  }
  e.confidence = ev.confidence;
  e.rule = ev.rule;
  AppendEventJson(ev, doc, cpi, &e.json);
  return e;
}

std::string OutletOf(std::string_view source, std::string_view url) {
  if (!source.empty()) return std::string(source);
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (const size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  host = host.substr(0, host.find(':'));
  std::string r(host);
  for (char& c : r) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  if (r.starts_with("www.")) r.erase(0, 4);
  return r;
}

void EventDeduplicator::Add(StoredEvent ev, std::string_view outlet) {
  ++mentions_;
  key_.clear();
  for (const std::string* part :
       {&ev.source_code, &ev.target_code, &ev.cameo, &ev.location_country, &ev.location_name_en}) {
    key_ += *part;
    key_.push_back('\x1f');
  }
  const std::string date = MentionDate(ev);
  int64_t day = INT64_MIN;
  if (!date.empty()) DayNumber(date, &day);
  auto& members = by_key_[key_];
  size_t gi = groups_.size();
  for (const Member& m : members) {
    const bool match = (m.day == INT64_MIN && day == INT64_MIN) ||
                       (m.day != INT64_MIN && day != INT64_MIN &&
                        (day > m.day ? day - m.day : m.day - day) <= opts_.window_days);
    if (match) {
      gi = m.group;
      break;
    }
  }
  if (gi == groups_.size()) {
    members.push_back(Member{gi, day});
    groups_.emplace_back();
    groups_.back().event = std::move(ev);
    groups_.back().first_date = groups_.back().last_date = date;
    EventGroup& g = groups_.back();
    g.mentions = 1;
    AddUnique(&g.sources, outlet);
    AddUnique(&g.articles, g.event.doc_id);
    return;
  }
  EventGroup& g = groups_[gi];
  g.mentions++;
  AddUnique(&g.sources, outlet);
  AddUnique(&g.articles, ev.doc_id);
  if (!date.empty()) {
    if (g.first_date.empty() || date < g.first_date) g.first_date = date;
    if (g.last_date.empty() || date > g.last_date) g.last_date = date;
  }
}

void AppendGroupJson(const EventGroup& g, std::string* out) {
  std::string_view json = g.event.json;
  while (!json.empty() && json.back() != '}') json.remove_suffix(1);
  if (json.empty()) json = "{}";
  json.remove_suffix(1);
  out->append(json);
  if (json.size() > 1) out->push_back(',');
  out->append("\"mentions\":");
  out->append(std::to_string(g.mentions));
  for (const auto* list : {&g.sources, &g.articles}) {
    out->append(list == &g.sources ? ",\"sources\":[" : ",\"articles\":[");
    for (size_t i = 0; i < list->size(); ++i) {
      if (i) out->push_back(',');
      AppendJsonString((*list)[i], out);
    }
    out->push_back(']');
  }
  out->append(",\"first_date\":");
  if (g.first_date.empty())
    out->append("null");
  else
    AppendJsonString(g.first_date, out);
  out->append(",\"last_date\":");
  if (g.last_date.empty())
    out->append("null");
  else
    AppendJsonString(g.last_date, out);
  out->push_back('}');
}

std::string EventCsvHeader(bool grouped) {
  std::string h = server::CsvHeader();
  if (grouped) {
    h.pop_back();
    h += ",mentions,sources,articles\n";
  }
  return h;
}

void AppendEventCsv(const StoredEvent& e, const EventGroup* group, std::string* out) {
  server::AppendCsvRow(e, out);
  if (group == nullptr) return;
  out->pop_back();  // '\n'
  out->push_back(',');
  out->append(std::to_string(group->mentions));
  out->push_back(',');
  AppendCsvCell(Join(group->sources, ';'), out);
  out->push_back(',');
  AppendCsvCell(Join(group->articles, ';'), out);
  out->push_back('\n');
}

const std::vector<std::string>& GdeltColumns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> c = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"};
    for (const char* a : {"Actor1", "Actor2"})
      for (const char* f : {"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                            "Religion2Code", "Type1Code", "Type2Code", "Type3Code"})
        c.push_back(std::string(a) + f);
    for (const char* f : {"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"})
      c.push_back(f);
    for (const char* g : {"Actor1Geo_", "Actor2Geo_", "ActionGeo_"})
      for (const char* f :
           {"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"})
        c.push_back(std::string(g) + f);
    c.push_back("DATEADDED");
    c.push_back("SOURCEURL");
    return c;
  }();
  return kColumns;
}

void AppendGdeltRow(const StoredEvent& e, const EventGroup* group, std::string* out) {
  // GLOBALEVENTID: a stable integer from the event id (below 2^53, so that
  // loaders that read numbers as doubles keep it exact).
  out->append(std::to_string(Fnv1a(e.event_id) & ((uint64_t{1} << 53) - 1)));
  out->push_back('\t');
  // SQLDATE, MonthYear, Year, FractionDate: the event's date, completed to
  // a day (a month-precision date counts as its first day), else the
  // publication date.
  std::string day;
  if (group != nullptr && !group->first_date.empty()) {
    day = group->first_date;
  } else if (e.date.size() >= 4 && Digits(e.date.substr(0, 4))) {
    day = e.date;
    if (day.size() == 4) day += "-01";
    if (day.size() == 7) day += "-01";
  } else {
    day = e.published;
  }
  int64_t dn;
  if (DayNumber(day, &dn)) {
    const std::string ymd = day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2);
    const int y = std::stoi(day.substr(0, 4));
    const int64_t doy = dn - DaysFromCivil(y, 1, 1) + 1;
    out->append(ymd);
    out->push_back('\t');
    out->append(ymd.substr(0, 6));
    out->push_back('\t');
    out->append(ymd.substr(0, 4));
    out->push_back('\t');
    AppendNum(y + static_cast<double>(doy) / (Leap(y) ? 366 : 365), "%.4f", out);
    out->push_back('\t');
  } else {
    out->append("\t\t\t\t");
  }
  AppendGdeltActor(e.source_code, e.source_text, out);
  AppendGdeltActor(e.target_code, e.target_text, out);
  // IsRootEvent: in the lead (the title or the first sentence of the body).
  out->append(e.sentence_index <= 1 ? "1\t" : "0\t");
  out->append(e.cameo);
  out->push_back('\t');
  out->append(e.cameo.substr(0, std::min<size_t>(3, e.cameo.size())));
  out->push_back('\t');
  out->append(e.cameo_root);
  out->push_back('\t');
  out->append(std::to_string(e.quad_class));
  out->push_back('\t');
  AppendNum(e.goldstein, "%.1f", out);
  out->push_back('\t');
  const size_t mentions = group ? group->mentions : 1;
  const size_t sources = group ? std::max<size_t>(1, group->sources.size()) : 1;
  const size_t articles = group ? std::max<size_t>(1, group->articles.size()) : 1;
  out->append(std::to_string(mentions) + "\t" + std::to_string(sources) + "\t" + std::to_string(articles) +
              "\t");
  out->push_back('\t');  // AvgTone: rasd measures no tone.
  // Actor1Geo_*, Actor2Geo_*: rasd places events, not actors.
  for (int i = 0; i < 2; ++i) out->append("0\t\t\t\t\t\t\t\t");
  // ActionGeo_*: the event's place. Type is left empty (rasd does not yet
  // pass on whether a place is a country or a city); CountryCode is ISO
  // 3166 alpha-3, not GDELT's FIPS 10-4 (docs/export.md).
  if (!e.location_country.empty() || !e.location_name_en.empty()) {
    out->push_back('\t');
    AppendTsvCell(e.location_name_en, out);
    out->push_back('\t');
    out->append(e.location_country);
    out->append("\t\t\t");
    if (e.lat && e.lon) {
      AppendNum(*e.lat, "%.4f", out);
      out->push_back('\t');
      AppendNum(*e.lon, "%.4f", out);
    } else {
      out->push_back('\t');
    }
    out->append("\t\t");
  } else {
    out->append("0\t\t\t\t\t\t\t\t");
  }
  // DATEADDED: the publication date at midnight (deterministic; GDELT uses
  // the time it processed the article).
  if (DayNumber(e.published, &dn)) {
    out->append(e.published.substr(0, 4) + e.published.substr(5, 2) + e.published.substr(8, 2) + "000000");
  }
  out->push_back('\t');
  AppendTsvCell(!e.doc_url.empty() ? e.doc_url : e.doc_id, out);
  out->push_back('\n');
}

}  // namespace rasd
