#include "tag/conll.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "rasd/text.h"

namespace rasd::tag {

size_t ConllCorpus::tokens() const {
  size_t n = 0;
  for (const auto& s : words) n += s.size();
  return n;
}

std::vector<std::string_view> ConllColumns(std::string_view line) {
  std::vector<std::string_view> cols;
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return cols;
  const bool tabs = line.find('\t') != std::string_view::npos;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find(tabs ? '\t' : ' ', start);
    if (end == std::string_view::npos) end = line.size();
    if (tabs || end > start) cols.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return cols;
}

Status ReadConll(std::istream& in, const std::string& name, bool with_tags, ConllCorpus* out) {
  out->words.assign(1, {});
  out->tags.assign(1, {});
  out->lines.clear();
  std::string line, clean;
  size_t ln = 0;
  while (std::getline(in, line)) {
    ++ln;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto cols = ConllColumns(line);
    if (cols.empty()) {
      if (!out->words.back().empty()) out->words.emplace_back(), out->tags.emplace_back();
      continue;
    }
    if (out->words.back().empty()) out->lines.push_back(ln);
    if (with_tags && cols.size() < 2)
      return Status::InvalidArgument(name + ":" + std::to_string(ln) + ": expected 'token<TAB>tag'");
    text::SanitizeUtf8(cols[0], &clean);
    out->words.back().push_back(clean);
    out->tags.back().emplace_back(with_tags ? cols.back() : "O");
  }
  if (out->words.back().empty()) out->words.pop_back(), out->tags.pop_back();
  return Status::Ok();
}

Status ReadConll(const std::string& path, bool with_tags, ConllCorpus* out) {
  if (path == "-") return ReadConll(std::cin, "<stdin>", with_tags, out);
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open CoNLL file");
  return ReadConll(in, path, with_tags, out);
}

std::vector<EntitySpan> BioEntities(const std::vector<std::string>& tags) {
  std::vector<EntitySpan> out;
  for (size_t i = 0; i < tags.size();) {
    const std::string& t = tags[i];
    if (t.size() < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-') {
      ++i;
      continue;
    }
    const std::string_view type = std::string_view(t).substr(2);
    size_t j = i + 1;
    while (j < tags.size() && tags[j].size() > 2 && tags[j][0] == 'I' && tags[j][1] == '-' &&
           std::string_view(tags[j]).substr(2) == type)
      ++j;
    out.push_back({i, j, std::string(type)});
    i = j;
  }
  return out;
}

std::vector<EntityError> EntityErrors(const std::vector<std::string>& gold,
                                      const std::vector<std::string>& predicted) {
  const auto g = BioEntities(gold), p = BioEntities(predicted);
  auto overlap = [](const EntitySpan& a, const EntitySpan& b) { return a.begin < b.end && b.begin < a.end; };
  std::vector<EntityError> out;
  for (const auto& e : g) {
    EntityError err{EntityErrorKind::kMissed, e, {}};
    bool exact = false, same_span = false;
    for (const auto& q : p) {
      if (!overlap(e, q)) continue;
      err.overlapping.push_back(q);
      if (q.begin == e.begin && q.end == e.end) (q.type == e.type ? exact : same_span) = true;
    }
    if (exact) continue;
    if (same_span)
      err.kind = EntityErrorKind::kType;
    else if (!err.overlapping.empty())
      err.kind = EntityErrorKind::kBoundary;
    out.push_back(std::move(err));
  }
  for (const auto& q : p)
    if (std::none_of(g.begin(), g.end(), [&](const EntitySpan& e) { return overlap(e, q); }))
      out.push_back({EntityErrorKind::kSpurious, q, {}});
  std::stable_sort(out.begin(), out.end(), [](const EntityError& a, const EntityError& b) {
    return a.entity.begin < b.entity.begin;
  });
  return out;
}

void EntityScorer::Add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted) {
  const auto g = BioEntities(gold), p = BioEntities(predicted);
  for (const auto& e : g) ++all_.gold, ++types_[e.type].gold;
  for (const auto& e : p) ++all_.predicted, ++types_[e.type].predicted;
  size_t k = 0;  // both lists are sorted by begin
  for (const auto& e : p) {
    while (k < g.size() && g[k].begin < e.begin) ++k;
    if (k < g.size() && g[k] == e) ++all_.correct, ++types_[e.type].correct;
  }
}

std::string EntityScorer::Report() const {
  std::string out;
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-8s %9s %9s %9s %8s %9s\n", "type", "precision", "recall", "F1", "gold",
                "predicted");
  out += buf;
  auto line = [&](const std::string& name, const Counts& c) {
    std::snprintf(buf, sizeof buf, "%-8s %9.4f %9.4f %9.4f %8zu %9zu\n", name.c_str(), c.precision(), c.recall(),
                  c.f1(), c.gold, c.predicted);
    out += buf;
  };
  for (const auto& [type, c] : types_) line(type, c);
  line("overall", all_);
  return out;
}

void SplitConll(const ConllCorpus& all, double holdout, ConllCorpus* head, ConllCorpus* tail) {
  const size_t keep = static_cast<size_t>(static_cast<double>(all.words.size()) * (1 - holdout));
  head->words.assign(all.words.begin(), all.words.begin() + keep);
  head->tags.assign(all.tags.begin(), all.tags.begin() + keep);
  tail->words.assign(all.words.begin() + keep, all.words.end());
  tail->tags.assign(all.tags.begin() + keep, all.tags.end());
  const size_t cut = std::min(keep, all.lines.size());
  head->lines.assign(all.lines.begin(), all.lines.begin() + cut);
  tail->lines.assign(all.lines.begin() + cut, all.lines.end());
}

}  // namespace rasd::tag
