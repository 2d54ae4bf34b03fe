// JSONL reader: fields, ids, errors with file:line, compression round trips.
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "ingest/test_util.h"
#include "rasd/ingest.h"

namespace rasd {
namespace {

using testing::ReadAll;
using testing::TempDir;

std::string Gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

const char* kThree =
    R"({"id": "wire-1", "title": "وزير الخارجية يصل إلى عمّان", "text": "وصل الوزير صباح اليوم.", "published": "2017-05-02T08:00:00Z", "url": "https://example.org/1", "source": "وكالة تجريبية"})"
    "\n"
    R"({"id": "wire-2", "text": "بيان بلا عنوان.", "published": "Tue, 16 Feb 2016 10:00:00 GMT"})"
    "\n"
    R"({"id": "wire-3", "title": "", "text": "نص ثالث.", "published": "16/02/2016"})"
    "\n";

TEST(JsonlReader, ReadsFieldsAndJoinsTitleAndText) {
  TempDir dir;
  auto r = ReadAll(dir.Write("wire.jsonl", kThree));
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.docs.size(), 3u);
  const Document& d = r.docs[0];
  EXPECT_EQ(d.id, "wire-1");
  EXPECT_EQ(d.title, "وزير الخارجية يصل إلى عمّان");
  EXPECT_EQ(d.text, "وزير الخارجية يصل إلى عمّان\nوصل الوزير صباح اليوم.");
  EXPECT_EQ(d.published, "2017-05-02");
  EXPECT_EQ(d.url, "https://example.org/1");
  EXPECT_EQ(d.source, "وكالة تجريبية");
  EXPECT_EQ(d.origin, dir / "wire.jsonl:1");
  EXPECT_EQ(r.docs[1].text, "بيان بلا عنوان.");  // No title: no leading newline.
  EXPECT_EQ(r.docs[1].published, "2016-02-16");
  EXPECT_EQ(r.docs[2].text, "نص ثالث.");
  EXPECT_EQ(r.docs[2].published, "2016-02-16");
  EXPECT_EQ(r.stats.documents, 3u);
  EXPECT_EQ(r.stats.errors, 0u);
  EXPECT_EQ(r.stats.bytes, std::string(kThree).size());
}

TEST(JsonlReader, MalformedLineInTheMiddleIsReportedAndSkipped) {
  TempDir dir;
  const std::string path = dir.Write("feed.jsonl",
                                     "{\"id\": \"a\", \"text\": \"أول\"}\n"
                                     "{\"id\": \"b\", \"text\": \"ثان\"}\n"
                                     "{\"id\": \"c\", \"text\": \"مكسور\n"
                                     "{\"id\": \"d\", \"text\": \"رابع\"}\n");
  auto r = ReadAll(path);
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"a", "b", "d"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find(path + ":3"), std::string::npos) << r.errors[0].message();
  EXPECT_NE(r.errors[0].message().find("malformed JSON"), std::string::npos);
  EXPECT_EQ(r.errors[0].message().find("[json.exception"), std::string::npos);
  EXPECT_EQ(r.stats.errors, 1u);
  EXPECT_EQ(r.docs[2].origin, path + ":4");
}

TEST(JsonlReader, MissingOrNonStringTextIsAnError) {
  TempDir dir;
  const std::string path = dir.Write("bad.jsonl",
                                     "{\"id\": \"1\", \"title\": \"عنوان فقط\"}\n"
                                     "{\"id\": \"2\", \"text\": 42}\n"
                                     "{\"id\": \"3\", \"text\": null}\n"
                                     "[\"not\", \"an\", \"object\"]\n"
                                     "{\"id\": \"5\", \"text\": \"سليم\"}\n");
  auto r = ReadAll(path);
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"5"}));
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].message(), path + ":1: missing field 'text'");
  EXPECT_EQ(r.errors[1].message(), path + ":2: field 'text' is not a string");
  EXPECT_EQ(r.errors[2].message(), path + ":3: field 'text' is not a string");
  EXPECT_EQ(r.errors[3].message(), path + ":4: not a JSON object");
}

TEST(JsonlReader, MissingIdsComeFromFileStemAndLine) {
  TempDir dir;
  auto r = ReadAll(
      dir.Write("batch.jsonl",
                "{\"text\": \"أ\"}\n\n{\"id\": 17, \"text\": \"ب\"}\n{\"id\": \"\", \"text\": \"ج\"}\n"));
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"batch:1", "17", "batch:4"}));
}

TEST(JsonlReader, BlankLinesAndCrLfAreSkipped) {
  TempDir dir;
  auto r = ReadAll(dir.Write(
      "crlf.jsonl", "\r\n{\"id\": \"x\", \"text\": \"نص\"}\r\n   \n\n{\"id\": \"y\", \"text\": \"آخر\"}"));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(r.docs[1].origin, dir / "crlf.jsonl:5");
}

TEST(JsonlReader, InvalidUtf8IsCountedAndReplaced) {
  TempDir dir;
  // "نص" then a stray 0xFF, then a truncated two-byte sequence at the end.
  auto r = ReadAll(dir.Write("bytes.jsonl", std::string("{\"text\": \"نص\xff و\xd8\"}\n")));
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].invalid_utf8, 2u);
  EXPECT_EQ(r.docs[0].text, "نص\uFFFD و\uFFFD");
}

TEST(JsonlReader, EscapedNulBecomesSpace) {
  TempDir dir;
  auto r = ReadAll(dir.Write("nul.jsonl", "{\"text\": \"a\\u0000b\"}\n"));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text, "a b");
}

TEST(JsonlReader, UnparseablePublishedLeavesDateEmpty) {
  TempDir dir;
  auto r = ReadAll(dir.Write(
      "d.jsonl",
      "{\"text\": \"x\", \"published\": \"soon\"}\n{\"text\": \"y\", \"published\": 1455580800}\n"));
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].published, "");
  EXPECT_EQ(r.docs[1].published, "2016-02-16");
}

TEST(JsonlReader, EmptyFileHasNoDocumentsAndNoErrors) {
  TempDir dir;
  auto r = ReadAll(dir.Write("empty.jsonl", ""));
  EXPECT_TRUE(r.docs.empty());
  EXPECT_TRUE(r.errors.empty());
}

TEST(JsonlReader, GzipRoundTrip) {
  TempDir dir;
  const std::string path = dir.Write("wire.jsonl.gz", Gzip(kThree));
  auto r = ReadAll(path);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message();
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"wire-1", "wire-2", "wire-3"}));
  EXPECT_EQ(r.docs[1].origin, path + ":2");
  EXPECT_EQ(r.stats.bytes, std::string(kThree).size());  // Uncompressed bytes.
}

TEST(JsonlReader, ConcatenatedGzipMembers) {
  TempDir dir;
  auto r = ReadAll(dir.Write("two.jsonl.gz", Gzip("{\"text\": \"أ\"}\n") + Gzip("{\"text\": \"ب\"}\n")));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"two:1", "two:2"}));
}

TEST(JsonlReader, ZstdRoundTripIncludingSeveralFrames) {
  TempDir dir;
  std::string big;
  for (int i = 0; i < 2000; ++i)
    big += "{\"id\": \"n" + std::to_string(i) + "\", \"text\": \"خبر رقم " + std::to_string(i) + "\"}\n";
  const std::string path = dir.Write("big.jsonl.zst", Zstd(big) + Zstd(kThree));
  auto r = ReadAll(path);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message();
  ASSERT_EQ(r.docs.size(), 2003u);
  EXPECT_EQ(r.docs[1999].id, "n1999");
  EXPECT_EQ(r.docs[1999].text, "خبر رقم 1999");
  EXPECT_EQ(r.docs[2002].id, "wire-3");
}

TEST(JsonlReader, TruncatedCompressedStreamReportsAnErrorAfterGoodRecords) {
  TempDir dir;
  std::string data;
  // Enough lines for several zstd blocks (128 KiB each), so some decode before the cut.
  for (int i = 0; i < 5000; ++i)
    data += "{\"text\": \"سطر " + std::to_string(i) + " من نص طويل بما يكفي\"}\n";
  const std::string z = Zstd(data);
  const std::string gz = Gzip(data);
  for (const std::string& path : {dir.Write("cut.jsonl.zst", z.substr(0, z.size() / 2)),
                                  dir.Write("cut.jsonl.gz", gz.substr(0, gz.size() / 2))}) {
    auto r = ReadAll(path);
    // The cut line itself may also be reported as malformed JSON; the stream
    // error comes last.
    ASSERT_GE(r.errors.size(), 1u) << path;
    ASSERT_LE(r.errors.size(), 2u) << path;
    EXPECT_NE(r.errors.back().message().find(path), std::string::npos);
    EXPECT_NE(r.errors.back().message().find("truncated"), std::string::npos) << r.errors.back().message();
    EXPECT_GT(r.docs.size(), 0u);
    EXPECT_LT(r.docs.size(), 5000u);
  }
}

TEST(JsonlReader, CorruptCompressedDataIsAnError) {
  TempDir dir;
  auto r = ReadAll(dir.Write("junk.jsonl.gz", "this is not gzip at all"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Status::Code::kCorrupt);
  EXPECT_TRUE(r.docs.empty());
}

TEST(JsonlReader, CallbackCanStopEarly) {
  TempDir dir;
  const std::string path = dir.Write("wire.jsonl", kThree);
  std::vector<std::string> seen;
  DocumentReader reader(
      [&](Document&& d) {
        seen.push_back(d.id);
        return false;
      },
      nullptr);
  reader.Read(path);
  reader.Read(path);
  EXPECT_EQ(seen, (std::vector<std::string>{"wire-1"}));
}

TEST(JsonlReader, JsonArrayFileIsReadAsRecords) {
  TempDir dir;
  const std::string path = dir.Write(
      "list.json", "[\n {\"id\": \"a\", \"text\": \"أ\"},\n {\"text\": 5},\n {\"text\": \"ب\"}\n]\n");
  auto r = ReadAll(path);
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"a", "list:3"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message(), path + "[1]: field 'text' is not a string");
}

TEST(JsonlReader, HighlyCompressibleStreamsDecodeFully) {
  // Compressed input far smaller than one read buffer: the decoders must keep
  // flushing output after the input is exhausted.
  TempDir dir;
  std::string data;
  const std::string line = "{\"text\": \"" + std::string(2000, 'a') + "\"}\n";
  while (data.size() < (size_t{3} << 20)) data += line;
  const size_t n = data.size() / line.size();
  for (const std::string& path :
       {dir.Write("rep.jsonl.zst", Zstd(data)), dir.Write("rep.jsonl.gz", Gzip(data))}) {
    auto r = ReadAll(path);
    EXPECT_TRUE(r.errors.empty()) << path << ": " << (r.errors.empty() ? "" : r.errors[0].message());
    EXPECT_EQ(r.docs.size(), n) << path;
    EXPECT_EQ(r.stats.bytes, data.size()) << path;
  }
}

TEST(ReadFileContents, DecompressesByExtension) {
  TempDir dir;
  const std::string text = "نص مضغوط\n";
  std::string out;
  ASSERT_TRUE(ReadFileContents(dir.Write("a.txt.gz", Gzip(text)), &out).ok());
  EXPECT_EQ(out, text);
  ASSERT_TRUE(ReadFileContents(dir.Write("a.txt.zst", Zstd(text)), &out).ok());
  EXPECT_EQ(out, text);
  ASSERT_TRUE(ReadFileContents(dir.Write("a.txt", text), &out).ok());
  EXPECT_EQ(out, text);
  EXPECT_EQ(ReadFileContents(dir / "missing.txt", &out).code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace rasd
