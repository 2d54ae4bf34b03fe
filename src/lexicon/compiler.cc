#include "lexicon/compiler.h"

#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <unordered_set>

#include "lexicon/keys.h"
#include "lexicon/lexicon.h"

namespace rasd::lexicon {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  for (auto& c : cols) {  // trim spaces and CR
    while (!c.empty() && (c.back() == ' ' || c.back() == '\r')) c.pop_back();
    size_t b = 0;
    while (b < c.size() && c[b] == ' ') ++b;
    c.erase(0, b);
  }
  return cols;
}

int32_t ParseDate(const std::string& s, bool* ok) {
  *ok = true;
  if (s.empty() || s == "-") return 0;
  int y, m, d;
  char tail;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
    return y * 10000 + m * 100 + d;
  }
  if (std::sscanf(s.c_str(), "%4d%c", &y, &tail) == 1 && y > 1800) return y * 10000 + 101;
  *ok = false;
  return 0;
}

class Builder {
 public:
  explicit Builder(CompileStats* stats) : stats_(stats) {}

  uint32_t AddSource(const std::string& name) {
    sources_ += name + "\n";
    return nfiles_++;
  }

  // Adds an entry reachable by the phrase `phrase`. For entries that accept
  // noun inflection, the first and last words are also indexed under their
  // reduced forms so an inflected dictionary form (الحوثيون) meets an
  // inflected text form (الحوثيين) through the shared base (حوثي).
  void Add(std::string_view phrase, EntryRecord rec) {
    std::vector<std::string> words = EntryWords(phrase);
    if (words.empty() || words.size() > 12) return;
    rec.ntokens = static_cast<uint8_t>(words.size());
    // Names keep their definiteness: مالي (Mali) is not المالي (financial),
    // القاعدة (al-Qaeda) is not قاعدة (a rule), حماس is not الحماس.
    const std::string first = text::NormalizeString(phrase.substr(0, phrase.find(' ')));
    const bool article = first.rfind("ال", 0) == 0 && first != words[0];
    const auto cat = static_cast<Category>(rec.category);
    const bool name = cat == Category::kPlace || cat == Category::kOrg || cat == Category::kPerson ||
                      (cat == Category::kCountry && rec.kind != static_cast<uint8_t>(CountryKind::kNisba));
    rec.reserved = (article ? kHasArticle : 0) | (name ? kArticleMustAgree : 0);
    const uint32_t idx = static_cast<uint32_t>(entries_.size());
    entries_.push_back(rec);
    std::vector<std::vector<std::string>> alts(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
      alts[i].push_back(words[i]);
      // A name ending in ان is rarely a dual (طالبان is not طالب "student",
      // لبنان، السودان): no reduced form for it.
      const bool an_name = name && words[i].size() >= 4 && words[i].substr(words[i].size() - 4) == "ان";
      if ((rec.match & kMatchNoun) && (i == 0 || i + 1 == words.size()) && !an_name) {
        // Only plural and dual endings are reduced on the dictionary side: a
        // final ة or ا there is usually part of the word (طلبة is not طلب،
        // دولة is not دول), while the text side reduces them to meet nisbas.
        std::vector<std::string> red;
        NounReductions(words[i], &red);
        for (auto& w : red)
          if (words[i].size() - w.size() >= 4 || (words[i].size() >= 4 && words[i].substr(words[i].size() - 4) == "يه"))
            alts[i].push_back(std::move(w));
      }
      // A one-letter preposition inside a phrase (الأمين العام لمجلس التعاون):
      // the segmenter takes it off the text's word when the rest is a
      // dictionary word, so the entry also answers to the rest, and the
      // prefixed form itself does not count as a dictionary word (tier 2).
      const std::string& w = words[i];
      const bool prep = i > 0 && (w.rfind("ل", 0) == 0 || w.rfind("ب", 0) == 0) && w.rfind("لل", 0) != 0 &&
                        text::CountCodePoints(w) >= 5;
      if (prep) alts[i].push_back(w.substr(2));
      uint8_t& tier = stems_[w];
      tier = prep && tier != 1 ? 2 : 1;
    }
    std::vector<size_t> pick(words.size(), 0);
    while (true) {
      std::string key;
      for (size_t i = 0; i < words.size(); ++i) {
        if (i) {
          prefixes_.insert(key);
          key += ' ';
        }
        key += alts[i][pick[i]];
      }
      Link(key, idx);
      size_t i = 0;
      while (i < pick.size() && ++pick[i] == alts[i].size()) pick[i++] = 0;
      if (i == pick.size()) break;
    }
  }

  // Adds an entry under a literal key (internal tables such as CAMEO codes).
  void AddRaw(const std::string& key, EntryRecord rec) {
    rec.ntokens = 1;
    entries_.push_back(rec);
    Link(key, static_cast<uint32_t>(entries_.size() - 1));
  }

  void AddStem(std::string stem) { stems_.emplace(std::move(stem), 0); }
  uint32_t Str(std::string_view s) { return blob_.Intern(s); }
  size_t entry_count() const { return entries_.size(); }

  std::string Serialize() {
    FlatTableBuilder phrases, stems;
    std::vector<uint32_t> postings;
    for (const auto& [key, list] : postings_) {
      const auto off = static_cast<uint32_t>(postings.size());
      postings.push_back(static_cast<uint32_t>(list.size()));
      postings.insert(postings.end(), list.begin(), list.end());
      phrases.Put(key, blob_.Intern(key), off | (prefixes_.count(key) ? 0x80000000u : 0));
    }
    for (const auto& key : prefixes_)
      if (!postings_.count(key)) phrases.Put(key, blob_.Intern(key), kPrefixOnly);
    for (const auto& [st, tier] : stems_) stems.Put(st, blob_.Intern(st), tier);
    std::string sec_entries(reinterpret_cast<const char*>(entries_.data()), entries_.size() * sizeof(EntryRecord));
    std::string sec_postings(reinterpret_cast<const char*>(postings.data()), postings.size() * 4);
    std::string sec_phrases, sec_stems;
    phrases.Serialize(&sec_phrases);
    stems.Serialize(&sec_stems);
    std::string sec_blob = blob_.bytes();
    stats_->entries = entries_.size();
    stats_->phrase_keys = postings_.size();
    stats_->stems = stems_.size();

    const std::vector<std::pair<uint32_t, const std::string*>> secs = {
        {1, &sec_blob}, {2, &sec_entries}, {3, &sec_phrases}, {4, &sec_stems}, {5, &sources_}, {6, &sec_postings}};
    const size_t header = 24 + secs.size() * 12;
    std::string table(secs.size() * 12, '\0');
    std::string payload;
    for (size_t i = 0; i < secs.size(); ++i) {
      while ((header + payload.size()) % 4) payload.push_back('\0');
      const uint32_t rec[3] = {secs[i].first, static_cast<uint32_t>(header + payload.size()),
                               static_cast<uint32_t>(secs[i].second->size())};
      std::memcpy(table.data() + i * 12, rec, 12);
      payload += *secs[i].second;
    }
    const std::string body = table + payload;
    std::string out(kMagic, 8);
    const uint32_t version = kFormatVersion, n = static_cast<uint32_t>(secs.size());
    const uint64_t checksum = HashKey(body);
    out.append(reinterpret_cast<const char*>(&version), 4);
    out.append(reinterpret_cast<const char*>(&n), 4);
    out.append(reinterpret_cast<const char*>(&checksum), 8);
    out += body;
    return out;
  }

 private:
  void Link(const std::string& key, uint32_t idx) {
    auto& list = postings_[key];
    for (uint32_t e : list)
      if (e == idx) return;
    list.push_back(idx);
  }

  CompileStats* stats_;
  StringBlobBuilder blob_;
  std::vector<EntryRecord> entries_;
  std::unordered_map<std::string, std::vector<uint32_t>> postings_;
  std::unordered_set<std::string> prefixes_;
  std::unordered_map<std::string, uint8_t>
      stems_;  // stem -> 1 dictionary word, 2 inside phrases after ل/ب, 0 word list only
  std::string sources_;
  uint32_t nfiles_ = 0;
};

EntryRecord Blank() {
  EntryRecord r;
  std::memset(&r, 0, sizeof r);
  return r;
}

// Reads a TSV file; calls fn(cols, line) for each data line. A missing file
// is an error unless optional.
Status ForEachLine(const std::string& path, bool optional,
                   const std::function<Status(const std::vector<std::string>&, int)>& fn) {
  std::ifstream in(path);
  if (!in) return optional ? Status::Ok() : Status::NotFound(path + ": cannot open dictionary source");
  std::string line;
  int lineno = 0;
  bool first = true;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    // The first data line may be a header of lowercase column names.
    if (first && line.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_ \t\r") == std::string::npos) {
      first = false;
      continue;
    }
    first = false;
    RASD_RETURN_IF_ERROR(fn(SplitTabs(line), lineno));
  }
  return Status::Ok();
}

Status Bad(const std::string& file, int line, const std::string& what) {
  return Status::InvalidArgument(file + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

Status CompileLexicon(const CompileOptions& opts, std::string* image, CompileStats* stats) {
  Builder b(stats);
  // The Arabic word list: known stems for the segmenter, and common words that
  // a small generated gazetteer place must not shadow (في إطار is not Atar).
  std::unordered_set<std::string> words;
  if (!opts.hunspell_dic.empty()) {
    std::ifstream in(opts.hunspell_dic);
    if (!in) {
      return Status::NotFound(opts.hunspell_dic +
                              ": Arabic word list not found; install Debian's hunspell-ar (scripts/setup)");
    }
    std::string line;
    while (std::getline(in, line)) {
      const size_t cut = line.find_first_of("/\t ");
      std::string w = text::NormalizeString(line.substr(0, cut));
      if (w.empty() || static_cast<unsigned char>(w[0]) < 0x80) continue;  // counts, headers
      words.insert(std::move(w));
    }
  }
  const std::string lex = opts.data_dir + "/lexicon/";
  const std::string trig = opts.data_dir + "/triggers/";
  auto count_from = [&](const std::string& name, size_t before) {
    stats->per_file.emplace_back(name, b.entry_count() - before);
  };

  // Countries: iso3 kind arabic english
  {
    const std::string f = lex + "countries.tsv";
    const uint32_t src = b.AddSource("countries.tsv");
    const size_t before = b.entry_count();
    RASD_RETURN_IF_ERROR(ForEachLine(f, false, [&](const std::vector<std::string>& c, int ln) -> Status {
      if (c.size() < 3) return Bad(f, ln, "expected iso3<TAB>kind<TAB>arabic[<TAB>english]");
      if (c[0].size() != 3) return Bad(f, ln, "country code '" + c[0] + "' is not ISO alpha-3");
      EntryRecord r = Blank();
      r.category = static_cast<uint8_t>(Category::kCountry);
      if (c[1] == "name") r.kind = static_cast<uint8_t>(CountryKind::kName);
      else if (c[1] == "nisba") r.kind = static_cast<uint8_t>(CountryKind::kNisba);
      else if (c[1] == "capital") r.kind = static_cast<uint8_t>(CountryKind::kCapital);
      else if (c[1] == "metonym") r.kind = static_cast<uint8_t>(CountryKind::kMetonym);
      else return Bad(f, ln, "unknown kind '" + c[1] + "' (name, nisba, capital, metonym)");
      r.match = c[1] == "nisba" ? (kMatchExact | kMatchNoun) : kMatchExact;
      r.code = b.Str(c[0]);
      r.name = b.Str(c.size() > 3 ? c[3] : "");
      r.source = (src << 20) | ln;
      b.Add(c[2], r);
      return Status::Ok();
    }));
    count_from("countries.tsv", before);
  }
  // Agents (ROLE arabic english) and organisations (CODE arabic english).
  auto code_table = [&](const char* name, Category cat, bool role) -> Status {
    const std::string f = lex + name;
    const uint32_t src = b.AddSource(name);
    const size_t before = b.entry_count();
    RASD_RETURN_IF_ERROR(ForEachLine(f, false, [&](const std::vector<std::string>& c, int ln) -> Status {
      if (c.size() < 2 || (role ? c[0].size() != 3 : c[0].size() < 3))
        return Bad(f, ln, role ? "expected ROLE<TAB>arabic[<TAB>english]" : "expected CODE<TAB>arabic[<TAB>english]");
      EntryRecord r = Blank();
      r.category = static_cast<uint8_t>(cat);
      r.match = kMatchExact | kMatchNoun;
      r.code = b.Str(c[0]);
      r.name = b.Str(c.size() > 2 ? c[2] : "");
      r.source = (src << 20) | ln;
      // Role words may carry notes in a fourth column: `exact` (no inflected
      // or reduced forms: المشير "field marshal" is not مشيرا "pointing out"),
      // `unless:W` (not a role when the word W follows: القضاء على "eliminating").
      if (role && c.size() > 3 && !c[3].empty()) {
        if (c[3].find("exact") != std::string::npos) r.match = kMatchExact;
        r.extra = b.Str(c[3]);
      }
      b.Add(c[1], r);
      return Status::Ok();
    }));
    count_from(name, before);
    return Status::Ok();
  };
  RASD_RETURN_IF_ERROR(code_table("agents.tsv", Category::kAgent, true));
  RASD_RETURN_IF_ERROR(code_table("organizations.tsv", Category::kOrg, false));
  // People: code from to arabic english
  {
    const std::string f = lex + "people.tsv";
    const uint32_t src = b.AddSource("people.tsv");
    const size_t before = b.entry_count();
    RASD_RETURN_IF_ERROR(ForEachLine(f, false, [&](const std::vector<std::string>& c, int ln) -> Status {
      if (c.size() < 4) return Bad(f, ln, "expected CODE<TAB>from<TAB>to<TAB>arabic[<TAB>english]");
      bool ok1, ok2;
      EntryRecord r = Blank();
      r.category = static_cast<uint8_t>(Category::kPerson);
      r.match = kMatchExact;
      r.code = b.Str(c[0]);
      r.from = ParseDate(c[1], &ok1);
      r.to = ParseDate(c[2], &ok2);
      if (!ok1 || !ok2) return Bad(f, ln, "dates must be YYYY-MM-DD (or empty for open)");
      r.name = b.Str(c.size() > 4 ? c[4] : "");
      r.source = (src << 20) | ln;
      b.Add(c[3], r);
      return Status::Ok();
    }));
    count_from("people.tsv", before);
  }
  // Places: arabic english iso3 lat lon kind population (curated file last so
  // its rows come first in file order? No: curated rows are added first so
  // they head the chains and win ties).
  size_t dropped_common = 0;
  for (const char* name : {"places-curated.tsv", "places.tsv"}) {
    const std::string f = lex + name;
    const uint32_t src = b.AddSource(name);
    const size_t before = b.entry_count();
    RASD_RETURN_IF_ERROR(ForEachLine(f, true, [&](const std::vector<std::string>& c, int ln) -> Status {
      if (c.size() < 6) return Bad(f, ln, "expected arabic<TAB>english<TAB>iso3<TAB>lat<TAB>lon<TAB>kind[<TAB>population]");
      EntryRecord r = Blank();
      r.category = static_cast<uint8_t>(Category::kPlace);
      r.match = kMatchExact;
      char* end = nullptr;
      r.lat = std::strtof(c[3].c_str(), &end);
      if (end == c[3].c_str() || r.lat < -90 || r.lat > 90) return Bad(f, ln, "bad latitude '" + c[3] + "'");
      r.lon = std::strtof(c[4].c_str(), &end);
      if (end == c[4].c_str() || r.lon < -180 || r.lon > 180) return Bad(f, ln, "bad longitude '" + c[4] + "'");
      const std::string& k = c[5];
      if (k == "country") r.kind = static_cast<uint8_t>(PlaceKind::kCountry);
      else if (k == "capital") r.kind = static_cast<uint8_t>(PlaceKind::kCapital);
      else if (k == "city") r.kind = static_cast<uint8_t>(PlaceKind::kCity);
      else if (k == "region") r.kind = static_cast<uint8_t>(PlaceKind::kRegion);
      else if (k == "site") r.kind = static_cast<uint8_t>(PlaceKind::kSite);
      else return Bad(f, ln, "unknown place kind '" + k + "'");
      r.from = c.size() > 6 ? std::atoi(c[6].c_str()) : 0;
      if (std::string(name) == "places.tsv" && r.from < 300000 && r.kind != static_cast<uint8_t>(PlaceKind::kCountry) &&
          r.kind != static_cast<uint8_t>(PlaceKind::kCapital)) {
        const std::vector<std::string> pw = EntryWords(c[0]);
        std::vector<std::string> forms;
        if (pw.size() == 1) {
          forms.push_back(pw[0]);
          NounReductions(pw[0], &forms);
        }
        bool common = false;
        for (const auto& f : forms) common |= words.count(f) > 0;
        if (common) {
          ++dropped_common;
          return Status::Ok();
        }
      }
      r.code = b.Str(c[2]);
      r.name = b.Str(c[1]);
      r.source = (src << 20) | ln;
      b.Add(c[0], r);
      return Status::Ok();
    }));
    count_from(name, before);
  }
  // Dates: kind value arabic
  {
    const std::string f = lex + "dates.tsv";
    const uint32_t src = b.AddSource("dates.tsv");
    const size_t before = b.entry_count();
    RASD_RETURN_IF_ERROR(ForEachLine(f, false, [&](const std::vector<std::string>& c, int ln) -> Status {
      if (c.size() < 3) return Bad(f, ln, "expected kind<TAB>value<TAB>arabic");
      static const std::pair<const char*, DateKind> kinds[] = {
          {"month", DateKind::kMonth},       {"hijri_month", DateKind::kHijriMonth},
          {"weekday", DateKind::kWeekday},   {"relative", DateKind::kRelative},
          {"unit", DateKind::kUnit},         {"number", DateKind::kNumber},
          {"past_marker", DateKind::kPastMarker}, {"future_marker", DateKind::kFutureMarker}};
      EntryRecord r = Blank();
      r.category = static_cast<uint8_t>(Category::kDate);
      for (const auto& [n, k] : kinds)
        if (c[0] == n) r.kind = static_cast<uint8_t>(k);
      if (r.kind == 0) return Bad(f, ln, "unknown date kind '" + c[0] + "'");
      r.match = (c[0] == "unit" || c[0] == "number") ? (kMatchExact | kMatchNoun | kMatchFem) : kMatchExact;
      r.code = b.Str(c[1]);
      r.source = (src << 20) | ln;
      b.Add(c[2], r);
      return Status::Ok();
    }));
    count_from("dates.tsv", before);
  }
  // CAMEO codebook: cameo root name goldstein quad plover_event plover_mode
  {
    const std::string f = opts.data_dir + "/cameo/codes.tsv";
    const uint32_t src = b.AddSource("cameo/codes.tsv");
    const size_t before = b.entry_count();
    RASD_RETURN_IF_ERROR(ForEachLine(f, false, [&](const std::vector<std::string>& c, int ln) -> Status {
      if (c.size() < 5) return Bad(f, ln, "expected cameo<TAB>root<TAB>name<TAB>goldstein<TAB>quad_class[<TAB>plover_event<TAB>plover_mode]");
      if (c[0] == "cameo") return Status::Ok();  // header row
      EntryRecord r = Blank();
      r.category = static_cast<uint8_t>(Category::kCameo);
      r.code = b.Str(c[0]);
      r.name = b.Str(c[2]);
      r.lat = std::strtof(c[3].c_str(), nullptr);
      r.from = std::atoi(c[4].c_str());
      r.extra = b.Str(c.size() > 5 ? c[5] : "");
      r.to = static_cast<int32_t>(b.Str(c.size() > 6 ? c[6] : ""));
      r.source = (src << 20) | ln;
      r.match = kMatchExact;
      // Stored under "\x01<code>", outside the Arabic key space.
      b.AddRaw("\x01" + c[0], r);
      return Status::Ok();
    }));
    count_from("cameo/codes.tsv", before);
  }
  // Verb triggers: cameo perfect imperfect masdar frame note
  {
    const std::string f = trig + "verbs.tsv";
    const uint32_t src = b.AddSource("triggers/verbs.tsv");
    const size_t before = b.entry_count();
    RASD_RETURN_IF_ERROR(ForEachLine(f, false, [&](const std::vector<std::string>& c, int ln) -> Status {
      if (c.size() < 4) return Bad(f, ln, "expected cameo<TAB>perfect<TAB>imperfect<TAB>masdar[<TAB>frame<TAB>note]");
      if (c[0] == "cameo") return Status::Ok();
      EntryRecord r = Blank();
      r.category = static_cast<uint8_t>(Category::kTrigger);
      r.code = b.Str(c[0]);
      r.name = b.Str(c.size() > 4 ? c[4] : "");
      r.extra = b.Str(c.size() > 5 ? c[5] : "");
      r.source = (src << 20) | ln;
      r.kind = static_cast<uint8_t>(TriggerKind::kVerb);
      r.match = kMatchExact | kMatchVerb;
      // `from` = 1: the verb itself starts with ال (التقى، التزم), so an
      // article-like prefix on the text token does not make it a noun.
      const std::string perfect = text::NormalizeString(c[1]);
      r.from = perfect.rfind("ال", 0) == 0 ? 1 : 0;
      for (int i = 1; i <= 2; ++i)
        if (!c[i].empty() && c[i] != "-") b.Add(c[i], r);
      r.from = 0;
      r.kind = static_cast<uint8_t>(TriggerKind::kMasdar);
      r.match = kMatchExact | kMatchNoun | kMatchVerb | kMatchFem;
      std::stringstream ms(c[3]);
      std::string m;
      while (std::getline(ms, m, '|'))
        if (!m.empty() && m != "-") b.Add(m, r);
      return Status::Ok();
    }));
    count_from("triggers/verbs.tsv", before);
  }
  // Nominal and light-verb triggers: cameo phrase kind note
  {
    const std::string f = trig + "nouns.tsv";
    const uint32_t src = b.AddSource("triggers/nouns.tsv");
    const size_t before = b.entry_count();
    RASD_RETURN_IF_ERROR(ForEachLine(f, false, [&](const std::vector<std::string>& c, int ln) -> Status {
      if (c.size() < 3) return Bad(f, ln, "expected cameo<TAB>phrase<TAB>kind[<TAB>note]");
      if (c[0] == "cameo") return Status::Ok();
      EntryRecord r = Blank();
      r.category = static_cast<uint8_t>(Category::kTrigger);
      r.code = b.Str(c[0]);
      r.extra = b.Str(c.size() > 3 ? c[3] : "");
      r.source = (src << 20) | ln;
      if (c[2] == "noun") {
        r.kind = static_cast<uint8_t>(TriggerKind::kNoun);
        r.match = kMatchExact | kMatchNoun | kMatchFem;
      } else if (c[2] == "light") {
        r.kind = static_cast<uint8_t>(TriggerKind::kLight);
        r.match = kMatchExact | kMatchNoun | kMatchVerb | kMatchFem;
      } else {
        return Bad(f, ln, "unknown trigger kind '" + c[2] + "' (noun, light)");
      }
      std::string phrase = c[1];
      for (size_t p; (p = phrase.find('+')) != std::string::npos;) phrase[p] = ' ';
      b.Add(phrase, r);
      if (r.kind == static_cast<uint8_t>(TriggerKind::kLight)) {
        // Light verbs are written in the perfect; also index the imperfect
        // (فرض -> يفرض، ارتكب -> يرتكب، أجرى -> يجري) so يفرض عقوبات matches.
        std::string verb = text::NormalizeString(phrase.substr(0, phrase.find(' ')));
        const std::string rest = phrase.find(' ') == std::string::npos ? "" : phrase.substr(phrase.find(' '));
        if (verb.rfind("ا", 0) == 0) verb = "ي" + verb.substr(2);
        else verb = "ي" + verb;
        b.Add(verb + rest, r);
      }
      return Status::Ok();
    }));
    count_from("triggers/nouns.tsv", before);
  }
  // Modality and attribution cues: kind phrase note
  {
    const std::string f = trig + "cues.tsv";
    const uint32_t src = b.AddSource("triggers/cues.tsv");
    const size_t before = b.entry_count();
    static const std::pair<const char*, CueKind> kinds[] = {
        {"future", CueKind::kFuture},       {"negation", CueKind::kNegation},
        {"hypothetical", CueKind::kHypothetical}, {"conditional", CueKind::kConditional},
        {"reported", CueKind::kReported},   {"speech", CueKind::kSpeech},
        {"anonymous", CueKind::kAnonymous}, {"media", CueKind::kMedia},
        {"official", CueKind::kOfficial},   {"opinion", CueKind::kOpinion},
        {"history", CueKind::kHistory}};
    RASD_RETURN_IF_ERROR(ForEachLine(f, false, [&](const std::vector<std::string>& c, int ln) -> Status {
      if (c.size() < 2) return Bad(f, ln, "expected kind<TAB>phrase[<TAB>note]");
      if (c[0] == "kind") return Status::Ok();
      EntryRecord r = Blank();
      r.category = static_cast<uint8_t>(Category::kCue);
      for (const auto& [n, k] : kinds)
        if (c[0] == n) r.kind = static_cast<uint8_t>(k);
      if (r.kind == 0) return Bad(f, ln, "unknown cue kind '" + c[0] + "'");
      const size_t letters = text::CountCodePoints(c[1]);
      r.match = kMatchExact;
      if (c[0] == "speech" || c[0] == "opinion" || c[0] == "negation") r.match |= kMatchVerb;
      if (letters >= 4 && c[0] != "negation") r.match |= kMatchNoun | kMatchFem;
      r.extra = b.Str(c.size() > 2 ? c[2] : "");
      r.source = (src << 20) | ln;
      b.Add(c[1], r);
      return Status::Ok();
    }));
    count_from("triggers/cues.tsv", before);
  }
  // Known stems for the clitic segmenter.
  for (const auto& w : words) b.AddStem(w);
  if (!words.empty()) stats->per_file.emplace_back("hunspell-ar stems", words.size());
  stats->per_file.emplace_back("generated places dropped as common words", dropped_common);
  *image = b.Serialize();
  return Status::Ok();
}

}  // namespace rasd::lexicon
