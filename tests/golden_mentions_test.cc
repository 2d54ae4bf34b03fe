// Runs tests/golden/mentions.golden through the real pipeline and dictionaries.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rasd/pipeline.h"
#include "rasd/text.h"

namespace rasd {
namespace {

struct Expect {
  std::string kind, text, value, line;
};
struct Case {
  std::string name, published, text;
  std::vector<Expect> expects;
};

std::vector<Case> LoadCases(const std::string& path) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string line, published;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      cases.push_back(Case{line.substr(3), published, "", {}});
    } else if (line.rfind("@published ", 0) == 0) {
      published = line.substr(11);
      if (!cases.empty()) cases.back().published = published;
    } else if (line.rfind("> ", 0) == 0 && !cases.empty()) {
      cases.back().text += line.substr(2);
    } else if (!cases.empty() && !line.empty() && line[0] != '#') {
      const size_t sp = line.find(' '), eq = line.rfind(" = ");
      if (sp == std::string::npos || eq == std::string::npos || eq < sp) continue;
      cases.back().expects.push_back({line.substr(0, sp), line.substr(sp + 1, eq - sp - 1), line.substr(eq + 3), line});
    }
  }
  return cases;
}

TEST(GoldenMentions, AllCases) {
  PipelineOptions opts;
  opts.data_dir = std::string(RASD_BUILD_DIR) + "/data";
  opts.use_ner = false;
  auto pipeline = Pipeline::Load(opts);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  const auto cases = LoadCases(std::string(RASD_SOURCE_DIR) + "/tests/golden/mentions.golden");
  ASSERT_GE(cases.size(), 15u);
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
      const std::string want_text = text::NormalizeString(e.text);
      bool found = false;
      for (const Mention& m : ad.mentions) {
        if (e.kind != MentionKindName(m.kind)) continue;
        const std::string got_text = text::NormalizeString(c.text.substr(m.span.begin, m.span.size()));
        if (got_text.find(want_text) == std::string::npos) continue;
        const std::string& got = m.kind == MentionKind::kPlace ? m.country : m.kind == MentionKind::kDate ? m.value : m.code;
        // A three-letter country code also accepts that country's actors (DZA ~ DZAGOV).
        found |= got == e.value || (e.kind == "actor" && e.value.size() == 3 && got.compare(0, 3, e.value) == 0);
      }
      if (!found) {
        ++failed;
        report << "\n[" << c.name << "] " << e.line << "\n  got:";
        for (const Mention& m : ad.mentions)
          if (e.kind == MentionKindName(m.kind))
            report << " {" << c.text.substr(m.span.begin, m.span.size()) << " = "
                   << (m.kind == MentionKind::kPlace ? m.country : m.kind == MentionKind::kDate ? m.value : m.code) << "}";
      }
    }
  }
  EXPECT_EQ(failed, 0u) << failed << " of " << checks << " golden mention checks failed:" << report.str();
}

}  // namespace
}  // namespace rasd

namespace rasd {
namespace {

// The NER finds what no dictionary lists: an unknown minister joins the role
// actor before him, an unknown village becomes a place without coordinates.
TEST(EntitiesInThePipeline, ExtendActorsAndAddPlaces) {
  PipelineOptions opts;
  opts.data_dir = std::string(RASD_BUILD_DIR) + "/data";
  auto pipeline = Pipeline::Load(opts);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  Document doc;
  doc.id = "ner";
  doc.text = "قال وزير الدفاع الجزائري مراد بن سالم إن الجيش وصل إلى قرية تيغزرت القريبة من بومرداس.";
  Workspace ws;
  AnnotatedDocument ad;
  (*pipeline)->Annotate(doc, &ws, &ad);
  bool person = false, actor = false, village = false, false_place = false;
  for (const Mention& m : ad.mentions) {
    const std::string t = doc.text.substr(m.span.begin, m.span.size());
    if (m.kind == MentionKind::kEntity && m.type == "PERS" && t.find("مراد") != std::string::npos) person = true;
    if (m.kind == MentionKind::kActor && m.code == "DZAMIL" && t.find("مراد بن سالم") != std::string::npos) actor = true;
    if (m.kind == MentionKind::kPlace && t == "تيغزرت") village = m.country == "DZA" && !m.has_coords;
    if (m.kind == MentionKind::kPlace && t == "سالم") false_place = true;
  }
  ASSERT_TRUE(person) << "the NER model no longer finds the name";
  EXPECT_TRUE(actor);
  EXPECT_TRUE(village);
  EXPECT_FALSE(false_place);
}

}  // namespace
}  // namespace rasd
