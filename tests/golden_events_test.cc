// Runs tests/golden/events.golden through the real pipeline and compiled data.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rasd/pipeline.h"

namespace rasd {
namespace {

struct Expect {
  bool must = true;  // '=' or '!'
  std::string src, tgt, root, modality, attr, date, loc, by, line;
};

struct Case {
  std::string name, published;
  std::string text;
  std::vector<Expect> expects;
};

std::vector<Case> LoadCases(const std::string& path) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string line;
  std::string published;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      cases.push_back(Case{line.substr(3), published, "", {}});
    } else if (line.rfind("@published ", 0) == 0) {
      published = line.substr(11);
      if (!cases.empty()) cases.back().published = published;
    } else if (line.rfind("> ", 0) == 0 && !cases.empty()) {
      if (!cases.back().text.empty()) cases.back().text += "\n";
      cases.back().text += line.substr(2);
    } else if ((line.rfind("= ", 0) == 0 || line.rfind("! ", 0) == 0) && !cases.empty()) {
      Expect e;
      e.must = line[0] == '=';
      e.line = line;
      std::istringstream ss(line.substr(2));
      ss >> e.src >> e.tgt >> e.root;
      std::string tok;
      while (ss >> tok) {
        if (tok.rfind("attr=", 0) == 0)
          e.attr = tok.substr(5);
        else if (tok.rfind("date=", 0) == 0)
          e.date = tok.substr(5);
        else if (tok.rfind("loc=", 0) == 0)
          e.loc = tok.substr(4);
        else if (tok.rfind("by=", 0) == 0) {  // the attribution's exact text, _ for a space
          e.by = tok.substr(3);
          for (char& ch : e.by)
            if (ch == '_') ch = ' ';
        } else
          e.modality = tok;
      }
      cases.back().expects.push_back(e);
    }
  }
  return cases;
}

bool ActorOk(const std::string& want, const std::optional<ActorRef>& got) {
  if (want == "*") return true;
  if (want == "-") return !got.has_value();
  if (!got) return false;
  if (want.size() == 3) return got->code.compare(0, 3, want) == 0;
  return got->code == want;
}

bool Matches(const Expect& e, const Event& ev, const std::string& text) {
  if (!ActorOk(e.src, ev.source) || !ActorOk(e.tgt, ev.target)) return false;
  if (ev.cameo.compare(0, e.root.size(), e.root) != 0) return false;
  if (!e.modality.empty() && e.modality != ModalityName(ev.modality)) return false;
  if (e.modality.empty() && !e.must &&
      (ev.modality == Modality::kNegated || ev.modality == Modality::kHypothetical))
    return false;
  if (!e.attr.empty() && e.attr != AttributionKindName(ev.attribution_kind)) return false;
  if (!e.date.empty() && e.date != ev.date) return false;
  if (!e.loc.empty() && (!ev.location || ev.location->country != e.loc)) return false;
  if (!e.by.empty() &&
      (ev.attribution.end > text.size() || text.substr(ev.attribution.begin, ev.attribution.size()) != e.by))
    return false;
  return true;
}

TEST(GoldenEvents, AllCases) {
  PipelineOptions opts;
  opts.data_dir = std::string(RASD_BUILD_DIR) + "/data";
  opts.partial_events = true;  // cases also check events with a bare role or a missing target
  auto pipeline = Pipeline::Load(opts);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  const auto cases = LoadCases(std::string(RASD_SOURCE_DIR) + "/tests/golden/events.golden");
  ASSERT_GT(cases.size(), 30u);
  size_t failed = 0, checks = 0;
  std::ostringstream report;
  for (const Case& c : cases) {
    Document doc;
    doc.id = "golden";
    doc.text = c.text;
    doc.published = c.published;
    Workspace ws;
    AnnotatedDocument ad;
    (*pipeline)->Annotate(doc, &ws, &ad);
    for (const Expect& e : c.expects) {
      ++checks;
      bool found = false;
      for (const Event& ev : ad.events) found |= Matches(e, ev, c.text);
      if (found != e.must) {
        ++failed;
        report << "\n[" << c.name << "] " << e.line << "\n  text: " << c.text << "\n  events:";
        for (const Event& ev : ad.events)
          report << "\n    " << (ev.source ? ev.source->code : "-") << " "
                 << (ev.target ? ev.target->code : "-") << " " << ev.cameo << " " << ModalityName(ev.modality)
                 << " attr=" << AttributionKindName(ev.attribution_kind) << " date=" << ev.date
                 << " loc=" << (ev.location ? ev.location->country : "-") << "  (" << ev.rule << ")";
      }
    }
  }
  EXPECT_EQ(failed, 0u) << failed << " of " << checks << " golden checks failed:" << report.str();
}

}  // namespace
}  // namespace rasd
