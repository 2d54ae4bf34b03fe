#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "rasd/eval.h"

namespace rasd {
namespace {

using nlohmann::json;

std::vector<std::string> StringList(const json& j) {
  std::vector<std::string> out;
  if (j.is_string()) out.push_back(j.get<std::string>());
  if (j.is_array())
    for (const auto& x : j)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

bool IsRole(std::string_view c) {
  static const std::set<std::string_view> roles = {"GOV", "MIL", "SPY", "COP", "JUD", "LEG", "REB", "INS", "OPP",
                                                   "CVL", "REF", "MED", "BUS", "REL", "ELI", "NGO", "UAF"};
  return roles.count(c) > 0;
}

bool ActorMatches(const std::vector<std::string>& gold, const std::string& key) {
  for (const auto& g : gold) {
    if (g == "*") return true;
    if (!key.empty() && ActorKey(g) == key) return true;
  }
  return false;
}

bool TupleMatches(const GoldTuple& g, const PredictedEvent& p) {
  bool root_ok = false;
  for (const auto& r : g.root) root_ok |= (r == p.root);
  if (!root_ok) return false;
  const std::string s = ActorKey(p.source), t = ActorKey(p.target);
  if (ActorMatches(g.source, s) && ActorMatches(g.target, t)) return true;
  return g.symmetric && ActorMatches(g.source, t) && ActorMatches(g.target, s);
}

}  // namespace

std::string ActorKey(const std::string& code) {
  if (code.size() >= 6 && (code.compare(0, 3, "IGO") == 0 || code.compare(0, 3, "IMG") == 0)) return code.substr(0, 6);
  if (code.size() >= 3 && !IsRole(code.substr(0, 3))) return code.substr(0, 3);
  return code;
}

Status ReadGoldEvents(const std::string& path, std::vector<GoldDocument>* out) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open gold file");
  std::string line;
  int ln = 0;
  while (std::getline(in, line)) {
    ++ln;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument(path + ":" + std::to_string(ln) + ": not a JSON object");
    GoldDocument d;
    d.doc_id = Str(j, "doc_id");
    d.published = Str(j, "published");
    if (d.doc_id.empty()) return Status::InvalidArgument(path + ":" + std::to_string(ln) + ": missing doc_id");
    auto ev = j.find("events");
    if (ev == j.end() || !ev->is_array()) return Status::InvalidArgument(path + ":" + std::to_string(ln) + ": missing events array");
    for (const auto& e : *ev) {
      GoldTuple g;
      g.source = StringList(e.value("source", json()));
      g.target = StringList(e.value("target", json()));
      g.root = StringList(e.value("root", json()));
      g.symmetric = e.value("symmetric", false);
      g.required = e.value("required", true);
      g.location_country = Str(e, "location_country");
      g.date = Str(e, "date");
      g.modality = Str(e, "modality");
      g.note = Str(e, "note");
      if (g.source.empty() || g.target.empty() || g.root.empty())
        return Status::InvalidArgument(path + ":" + std::to_string(ln) + ": an event lacks source, target or root");
      d.tuples.push_back(std::move(g));
    }
    out->push_back(std::move(d));
  }
  return Status::Ok();
}

Status ReadPredictedEvents(const std::string& path, std::vector<PredictedEvent>* out) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path);
    if (!file) return Status::NotFound(path + ": cannot open predictions");
    in = &file;
  }
  std::string line;
  int ln = 0;
  while (std::getline(*in, line)) {
    ++ln;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument(path + ":" + std::to_string(ln) + ": not a JSON object");
    PredictedEvent p;
    p.doc_id = Str(j, "doc_id");
    auto code = [&](const char* k) {
      auto it = j.find(k);
      return (it != j.end() && it->is_object()) ? Str(*it, "code") : std::string();
    };
    p.source = code("source");
    p.target = code("target");
    p.root = Str(j, "cameo_root");
    p.modality = Str(j, "modality");
    p.date = Str(j, "date");
    p.sentence = Str(j, "sentence");
    if (auto t = j.find("trigger"); t != j.end() && t->is_object()) p.trigger = Str(*t, "text");
    if (auto l = j.find("location"); l != j.end() && l->is_object()) p.location_country = Str(*l, "country");
    out->push_back(std::move(p));
  }
  return Status::Ok();
}

EventScore ScoreEvents(const std::vector<GoldDocument>& gold, const std::vector<PredictedEvent>& pred) {
  EventScore s;
  std::map<std::string, std::vector<const PredictedEvent*>> by_doc;
  for (const auto& p : pred)
    if (p.modality != "negated" && p.modality != "hypothetical") by_doc[p.doc_id].push_back(&p);
  for (const GoldDocument& d : gold) {
    const auto& ps = by_doc[d.doc_id];
    for (const GoldTuple& g : d.tuples) {
      if (!g.required) continue;
      ++s.required;
      const PredictedEvent* hit = nullptr;
      for (const auto* p : ps)
        if (TupleMatches(g, *p)) {
          hit = p;
          break;
        }
      if (!hit) {
        s.misses.push_back(d.doc_id + ": " + (g.source.empty() ? "" : g.source[0]) + " -> " +
                           (g.target.empty() ? "" : g.target[0]) + " root " + (g.root.empty() ? "" : g.root[0]) +
                           " (" + g.note + ")");
        continue;
      }
      ++s.matched_required;
      if (!g.location_country.empty()) {
        ++s.loc_checked;
        for (const auto* p : ps)
          if (TupleMatches(g, *p) && p->location_country == g.location_country) {
            ++s.loc_correct;
            break;
          }
      }
      if (!g.date.empty()) {
        ++s.date_checked;
        for (const auto* p : ps)
          if (TupleMatches(g, *p) && p->date == g.date) {
            ++s.date_correct;
            break;
          }
      }
    }
    // Precision over distinct predicted tuples.
    std::set<std::tuple<std::string, std::string, std::string>> tuples;
    for (const auto* p : ps) {
      if (!tuples.insert({ActorKey(p->source), ActorKey(p->target), p->root}).second) continue;
      ++s.predicted;
      bool req = false, opt = false;
      for (const GoldTuple& g : d.tuples)
        if (TupleMatches(g, *p)) (g.required ? req : opt) = true;
      if (req) ++s.true_pos;
      else if (opt) ++s.optional_only;
      else {
        ++s.false_pos;
        s.false_positives.push_back(d.doc_id + ": " + (p->source.empty() ? "null" : p->source) + " -> " +
                                    (p->target.empty() ? "null" : p->target) + " root " + p->root + " [" + p->trigger +
                                    "] " + p->sentence.substr(0, 240));
      }
    }
  }
  return s;
}

}  // namespace rasd
