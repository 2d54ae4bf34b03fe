// --shard K/N: disjoint, complete and deterministic shares of the inputs;
// directories streamed past the sorted-listing limit; input position.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "ingest/test_util.h"
#include "rasd/ingest.h"

namespace rasd {
namespace {

using testing::TempDir;

struct Collected {
  std::vector<std::string> ids;
  size_t errors = 0;
  ReadStats stats;
};

Collected ReadShard(const std::vector<std::string>& paths, Shard shard, size_t dir_limit = 0) {
  Collected c;
  DocumentReader reader(
      [&](Document&& d) {
        c.ids.push_back(d.id);
        return true;
      },
      [&](const Status&) { c.errors++; });
  reader.SetShard(shard);
  if (dir_limit) reader.set_sorted_directory_limit(dir_limit);
  for (const auto& p : paths) reader.Read(p);
  c.stats = reader.stats();
  return c;
}

std::string JsonlLines(int n, int bad_every = 0) {
  std::string s;
  for (int i = 1; i <= n; ++i) {
    if (bad_every && i % bad_every == 0) {
      s += "{\"id\": \"broken\n";
      continue;
    }
    s += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"اجتمع الوزير بالسفير رقم " +
         std::to_string(i) + ".\"}\n";
  }
  return s;
}

TEST(Shard, ParsesKOverN) {
  auto s = ParseShard("2/5");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 5u);
  EXPECT_TRUE(ParseShard("0/1")->all());
  for (const char* bad : {"", "5/5", "1/0", "-1/3", "a/b", "1/", "/3", "3", "1/2/3", "0/99999999"})
    EXPECT_FALSE(ParseShard(bad).ok()) << bad;
}

TEST(Shard, JsonlRecordsAreSplitDisjointlyAndCompletely) {
  TempDir dir;
  const std::string a = dir.Write("a.jsonl", JsonlLines(50, 7));  // 7 broken lines.
  const std::string b = dir.Write("b.jsonl", JsonlLines(23));
  const auto all = ReadShard({a, b}, Shard{});
  ASSERT_EQ(all.ids.size(), 43u + 23u);
  ASSERT_EQ(all.errors, 7u);
  for (uint32_t n : {2u, 3u, 8u}) {
    std::multiset<std::string> seen;
    size_t errors = 0, skipped = 0;
    for (uint32_t k = 0; k < n; ++k) {
      const auto part = ReadShard({a, b}, Shard{k, n});
      // Balanced: JSONL records are dealt round-robin.
      EXPECT_LE(part.ids.size(), all.ids.size() / n + 3) << k << "/" << n;
      seen.insert(part.ids.begin(), part.ids.end());
      errors += part.errors;
      skipped += part.stats.skipped;
      // Deterministic: the same share twice.
      EXPECT_EQ(ReadShard({a, b}, Shard{k, n}).ids, part.ids);
    }
    EXPECT_EQ(seen.size(), all.ids.size()) << n;  // Complete (ids are distinct except "broken").
    EXPECT_EQ(std::multiset<std::string>(all.ids.begin(), all.ids.end()), seen) << n;  // Disjoint.
    EXPECT_EQ(errors, all.errors) << "each bad record is reported by one shard only";
    EXPECT_EQ(skipped, (n - 1) * (all.ids.size() + all.errors));
  }
}

TEST(Shard, DirectoryFilesAreSplitByRelativePath) {
  TempDir one, two;
  // The same tree under two different mount points: shares must agree.
  for (const TempDir* d : {&one, &two}) {
    for (int i = 0; i < 40; ++i)
      d->Write("corpus/" + std::string(i % 2 ? "x/" : "y/") + "f" + std::to_string(i) + ".txt",
               "خبر رقم " + std::to_string(i));
  }
  const auto all = ReadShard({one / "corpus"}, Shard{});
  ASSERT_EQ(all.ids.size(), 40u);
  std::set<std::string> seen;
  size_t total = 0;
  for (uint32_t k = 0; k < 3; ++k) {
    const auto p1 = ReadShard({one / "corpus"}, Shard{k, 3});
    const auto p2 = ReadShard({two / "corpus/"}, Shard{k, 3});
    EXPECT_EQ(p1.ids, p2.ids) << "shard " << k << " depends on where the corpus is mounted";
    EXPECT_GT(p1.ids.size(), 0u);
    total += p1.ids.size();
    seen.insert(p1.ids.begin(), p1.ids.end());
  }
  EXPECT_EQ(total, 40u);
  EXPECT_EQ(seen.size(), 40u);
}

TEST(Shard, WarcRecordsAreSplit) {
  std::string warc;
  for (int i = 0; i < 9; ++i) {
    const std::string html =
        "<html><body><p>وصل الوفد رقم " + std::to_string(i) + " إلى العاصمة.</p></body></html>";
    warc += "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://n.example/" + std::to_string(i) +
            "\r\nContent-Type: text/html\r\nContent-Length: " + std::to_string(html.size()) + "\r\n\r\n" +
            html + "\r\n\r\n";
  }
  TempDir dir;
  const std::string path = dir.Write("n.warc", warc);
  std::set<std::string> seen;
  size_t total = 0;
  for (uint32_t k = 0; k < 2; ++k) {
    const auto part = ReadShard({path}, Shard{k, 2});
    total += part.ids.size();
    seen.insert(part.ids.begin(), part.ids.end());
  }
  EXPECT_EQ(total, 9u);
  EXPECT_EQ(seen.size(), 9u);
}

TEST(DirectoryReader, LargeDirectoriesStreamInsteadOfSorting) {
  TempDir dir;
  for (int i = 0; i < 30; ++i) dir.Write("big/n" + std::to_string(i) + ".txt", "نص " + std::to_string(i));
  dir.Write("big/.hidden.txt", "مخفي");
  dir.Write("big/notes.xyz", "غير معروف");
  const auto sorted = ReadShard({dir / "big"}, Shard{});
  ASSERT_EQ(sorted.ids.size(), 30u);
  EXPECT_TRUE(std::is_sorted(sorted.ids.begin(), sorted.ids.end()));
  // Past the limit every file is still read once, hidden and unknown ones skipped.
  const auto streamed = ReadShard({dir / "big"}, Shard{}, 4);
  EXPECT_EQ(std::set<std::string>(streamed.ids.begin(), streamed.ids.end()),
            std::set<std::string>(sorted.ids.begin(), sorted.ids.end()));
  EXPECT_EQ(streamed.ids.size(), 30u);
  EXPECT_EQ(streamed.errors, 0u);
}

TEST(DocumentReader, InputPositionCountsStoredBytes) {
  TempDir dir;
  const std::string body = JsonlLines(200);
  const std::string path = dir.Write("p.jsonl", body);
  uint64_t mid = 0;
  size_t n = 0;
  DocumentReader* self = nullptr;
  DocumentReader reader(
      [&](Document&&) {
        if (++n == 100) mid = self->input_position();
        return true;
      },
      nullptr);
  self = &reader;
  reader.Read(path);
  EXPECT_EQ(reader.input_position(), body.size());
  // Mid-file the position is somewhere inside the file (read-ahead included).
  EXPECT_GT(mid, 0u);
  EXPECT_LE(mid, body.size());
}

}  // namespace
}  // namespace rasd
