// Plain-text files, directories, unknown types, stdin and the line reader.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "ingest/source.h"
#include "ingest/test_util.h"
#include "rasd/ingest.h"

namespace rasd {
namespace {

using testing::ReadAll;
using testing::TempDir;

TEST(TextReader, IdIsFileStemAndDateComesFromDateline) {
  TempDir dir;
  const std::string body = "الثلاثاء 16 فبراير 2016\nزار وزير الخارجية العاصمة أمس.\n";
  const std::string path = dir.Write("report-7.txt", body);
  auto r = ReadAll(path);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "report-7");
  EXPECT_EQ(r.docs[0].text, body);  // The whole file, untouched.
  EXPECT_EQ(r.docs[0].published, "2016-02-16");
  EXPECT_EQ(r.docs[0].origin, path);
  EXPECT_EQ(r.stats.bytes, body.size());
}

TEST(TextReader, NoDatelineMeansUnknownDate) {
  TempDir dir;
  auto r = ReadAll(dir.Write("a.txt", "خبر بلا تاريخ عن اجتماع في المدينة."));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].published, "");
}

TEST(TextReader, InvalidUtf8IsCountedAndReplaced) {
  TempDir dir;
  auto r = ReadAll(dir.Write("b.txt", std::string("قال\xc3 الناطق\xff\xfe")));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].invalid_utf8, 3u);
  EXPECT_EQ(r.docs[0].text, "قال\uFFFD الناطق\uFFFD\uFFFD");
}

TEST(TextReader, EmptyFileIsAnEmptyDocument) {
  TempDir dir;
  auto r = ReadAll(dir.Write("empty.txt", ""));
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "empty");
  EXPECT_EQ(r.docs[0].text, "");
}

TEST(DirectoryReader, RecursesInSortedOrderSkippingHiddenAndUnknown) {
  TempDir dir;
  dir.Write("b.txt", "ب");
  dir.Write("a/z.txt", "ز");
  dir.Write("a/b.txt", "ب");
  dir.Write("a/.secret.txt", "مخفي");
  dir.Write(".git/c.txt", "مخفي");
  dir.Write("c.jsonl", "{\"id\": \"c1\", \"text\": \"ج\"}\n{\"id\": \"c2\", \"text\": \"ج\"}\n");
  dir.Write("notes.md", "# not a document");
  dir.Write("image.png", "\x89PNG");
  dir.Write("A.txt", "capital sorts first");
  auto r = ReadAll(dir.path());
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"A", "b", "z", "b", "c1", "c2"}));
  EXPECT_EQ(r.docs[1].origin, dir / "a/b.txt");
  EXPECT_EQ(r.docs[3].origin, dir / "b.txt");
}

TEST(DirectoryReader, ExplicitUnknownFileIsAnError) {
  TempDir dir;
  const std::string path = dir.Write("notes.md", "text");
  auto r = ReadAll(path);
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Status::Code::kUnsupported);
  EXPECT_NE(r.errors[0].message().find(path), std::string::npos);
}

TEST(DirectoryReader, MissingPathIsNotFound) {
  TempDir dir;
  auto r = ReadAll(std::vector<std::string>{dir / "nope.txt", dir.Write("ok.txt", "نص")});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Status::Code::kNotFound);
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"ok"}));
  EXPECT_EQ(r.stats.errors, 1u);
}

TEST(DirectoryReader, ExtensionsAreCaseInsensitive) {
  TempDir dir;
  dir.Write("UPPER.TXT", "نص");
  dir.Write("page.HTM", "<p>فقرة</p>");
  auto r = ReadAll(dir.path());
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"UPPER", "page"}));
}

// Runs the reader on "-" with standard input redirected from a file.
testing::ReadResult ReadStdinFrom(const std::string& path) {
  const int saved = dup(STDIN_FILENO);
  const int fd = open(path.c_str(), O_RDONLY);
  dup2(fd, STDIN_FILENO);
  close(fd);
  clearerr(stdin);
  auto r = ReadAll("-");
  dup2(saved, STDIN_FILENO);
  close(saved);
  clearerr(stdin);
  return r;
}

TEST(StdinReader, JsonlWhenFirstByteIsBrace) {
  TempDir dir;
  auto r = ReadStdinFrom(dir.Write("in", "\n  {\"text\": \"أ\"}\n{\"text\": \"ب\"\n"));
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"stdin:2"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("stdin:3"), std::string::npos);
}

TEST(StdinReader, OtherwiseOneTextDocument) {
  TempDir dir;
  auto r = ReadStdinFrom(dir.Write("in", "16 فبراير 2016\nنص عادي"));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "stdin");
  EXPECT_EQ(r.docs[0].text, "16 فبراير 2016\nنص عادي");
  EXPECT_EQ(r.docs[0].published, "2016-02-16");
}

TEST(LineReader, SplitsLinesAcrossChunksAndSkipsOverlongOnes) {
  std::string data = "short\n" + std::string(300, 'x') + "\nafter\nlast";
  ingest::LineReader lines(ingest::MemorySource(data), /*max_line=*/100);
  std::string line;
  bool too_long = false;
  ASSERT_TRUE(lines.ReadLine(&line, &too_long));
  EXPECT_EQ(line, "short");
  ASSERT_TRUE(lines.ReadLine(&line, &too_long));
  EXPECT_TRUE(too_long);
  EXPECT_EQ(line, "");
  ASSERT_TRUE(lines.ReadLine(&line, &too_long));
  EXPECT_FALSE(too_long);
  EXPECT_EQ(line, "after");
  ASSERT_TRUE(lines.ReadLine(&line, &too_long));
  EXPECT_EQ(line, "last");
  EXPECT_FALSE(lines.ReadLine(&line, &too_long));
  EXPECT_EQ(lines.bytes(), data.size());
}

TEST(LineReader, LongLinesSpanManyBuffers) {
  const std::string big(1 << 20, 'a');
  const std::string data = big + "\n" + big;
  ingest::LineReader lines(ingest::MemorySource(data));
  std::string line;
  ASSERT_TRUE(lines.ReadLine(&line));
  EXPECT_EQ(line.size(), big.size());
  ASSERT_TRUE(lines.ReadLine(&line));
  EXPECT_EQ(line.size(), big.size());
  EXPECT_FALSE(lines.ReadLine(&line));
}

}  // namespace
}  // namespace rasd
