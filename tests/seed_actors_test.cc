// The actors and places of the two seed articles (tests/golden/seed_actors.tsv)
// must be recognised with the right codes. Reads the articles from ../shared at
// run time; skips with a message when they are absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "rasd/ingest.h"
#include "rasd/pipeline.h"
#include "rasd/text.h"

namespace rasd {
namespace {

TEST(SeedArticles, EveryMarkedActorAndPlaceIsRecognised) {
  const std::string corpora = std::string(RASD_SOURCE_DIR) + "/../shared/corpora";
  if (!std::filesystem::exists(corpora + "/000_ab0cdb139f012ad3.txt")) {
    GTEST_SKIP() << corpora << " not found: the seed articles are read from ../shared at run time";
  }
  PipelineOptions opts;
  opts.data_dir = std::string(RASD_BUILD_DIR) + "/data";
  opts.use_ner = false;
  auto pipeline = Pipeline::Load(opts);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  std::map<std::string, AnnotatedDocument> docs;
  DocumentReader reader(
      [&](Document&& d) {
        Workspace ws;
        AnnotatedDocument ad;
        (*pipeline)->Annotate(d, &ws, &ad);
        docs[ad.doc.id] = std::move(ad);
        return true;
      },
      [](const Status& st) { ADD_FAILURE() << st.ToString(); });
  reader.Read(corpora + "/000_ab0cdb139f012ad3.txt");
  reader.Read(corpora + "/002_1f17ec285280fdb7.txt");

  std::ifstream in(std::string(RASD_SOURCE_DIR) + "/tests/golden/seed_actors.tsv");
  std::string line;
  size_t checks = 0, failed = 0;
  std::ostringstream report;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> c;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) c.push_back(col);
    ASSERT_EQ(c.size(), 4u) << line;
    ++checks;
    const AnnotatedDocument& ad = docs[c[0]];
    const std::string want = text::NormalizeString(c[2]);
    bool ok = false;
    for (const Mention& m : ad.mentions) {
      if (c[1] != MentionKindName(m.kind)) continue;
      const std::string got = text::NormalizeString(ad.doc.text.substr(m.span.begin, m.span.size()));
      if (got.find(want) == std::string::npos) continue;
      ok |= (m.kind == MentionKind::kPlace ? m.country : m.code) == c[3];
    }
    if (!ok) {
      ++failed;
      report << "\n  " << line;
    }
  }
  ASSERT_GT(checks, 40u);
  EXPECT_EQ(failed, 0u) << failed << " of " << checks << " seed mentions not recognised with the right code:"
                        << report.str();
}

}  // namespace
}  // namespace rasd
