// Hostile input to the readers (docs/robustness.md): decompression bombs,
// oversized records, HTML the parser cannot afford, a broken first line that
// looks like a JSON array. Each is an error naming the input, and reading
// goes on with the next record or file. Inputs are generated here.
#include <gtest/gtest.h>
#include <zlib.h>

#include "ingest/html.h"
#include "ingest/test_util.h"
#include "rasd/ingest.h"

namespace rasd {
namespace {

using ingest::kMaxHtmlAttributes;
using ingest::kMaxHtmlDepth;
using testing::ReadAll;
using testing::TempDir;

// `n` bytes of `unit` repeated, gzip-compressed without building them whole.
std::string GzipBomb(const std::string& prefix, const std::string& unit, size_t n) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out, buf(1 << 16, '\0');
  std::string block = prefix;
  while (block.size() < (1 << 20)) block += unit;
  size_t left = n;
  while (true) {
    const size_t take = std::min(left, block.size());
    left -= take;
    z.next_in = reinterpret_cast<Bytef*>(block.data());
    z.avail_in = static_cast<uInt>(take);
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf.data());
      z.avail_out = static_cast<uInt>(buf.size());
      deflate(&z, left == 0 ? Z_FINISH : Z_NO_FLUSH);
      out.append(buf.data(), buf.size() - z.avail_out);
    } while (z.avail_out == 0);
    if (left == 0) break;
  }
  deflateEnd(&z);
  return out;
}

const char kGood[] = "زار وزير الخارجية الجزائري تونس أمس.";

TEST(HostileInput, DecompressionBombInATextFileIsSkipped) {
  TempDir dir;
  const size_t n = kMaxDocumentBytes + (size_t{8} << 20);
  const std::string bomb = dir.Write("bomb.txt.gz", GzipBomb("", "ا ", n));
  ASSERT_LT(bomb.size(), n / 100);  // Really a bomb.
  const std::string good = dir.Write("good.txt", kGood);
  auto r = ReadAll(std::vector<std::string>{bomb, good});
  EXPECT_EQ(r.ids(), std::vector<std::string>{"good"});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find(bomb + ": larger than 8 MiB"), std::string::npos)
      << r.errors[0].message();

  std::string out;
  const Status st = ReadFileContents(bomb, &out, size_t{1} << 20);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(out.empty());
}

TEST(HostileInput, DecompressionBombInAJsonlLineIsSkipped) {
  TempDir dir;
  const std::string path = dir.Write(
      "bomb.jsonl.gz", GzipBomb("{\"text\": \"", "ب", kMaxDocumentBytes + 1000) + [] {
        // A second gzip member with a good record: reading goes on after the long line.
        std::string tail = "\"}\n{\"id\": \"after\", \"text\": \"" + std::string(kGood) + "\"}\n";
        return GzipBomb("", tail, tail.size());
      }());
  auto r = ReadAll(path);
  EXPECT_EQ(r.ids(), std::vector<std::string>{"after"});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message(), path + ":1: line too long, skipped");
}

TEST(HostileInput, BytesReaderCapsDecompressedDocuments) {
  size_t errors = 0, docs = 0;
  DocumentReader reader([&](Document&&) { return ++docs, true; },
                        [&](const Status& st) {
                          ++errors;
                          EXPECT_NE(st.message().find("up.html.gz: document larger than"), std::string::npos)
                              << st.message();
                        });
  reader.ReadBytes(GzipBomb("<p>", "ا ", kMaxDocumentBytes + 1), "up.html.gz");
  EXPECT_EQ(errors, 1u);
  EXPECT_EQ(docs, 0u);
}

TEST(HostileInput, HugeWarcRecordIsSkippedAndTheNextOneRead) {
  TempDir dir;
  const std::string page = "<html><body><p>" + std::string(kGood) + "</p></body></html>";
  auto record = [](const std::string& uri, const std::string& block) {
    return "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: " + uri +
           "\r\nContent-Type: text/html\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" +
           block + "\r\n\r\n";
  };
  std::string big = "<p>";
  big.resize(kMaxDocumentBytes + 10, 'x');
  const std::string path =
      dir.Write("crawl.warc", record("http://a.example/big", big) + record("http://a.example/ok", page));
  auto r = ReadAll(path);
  EXPECT_EQ(r.ids(), std::vector<std::string>{"http://a.example/ok"});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find(path + ": record 1: record of"), std::string::npos)
      << r.errors[0].message();

  // A Content-Length far beyond the file: skipped to the end, reported once.
  const std::string cut = dir.Write("cut.warc",
                                    "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
                                    "Content-Length: 999999999999999\r\n\r\n<p>short</p>");
  r = ReadAll(cut);
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("(and truncated)"), std::string::npos) << r.errors[0].message();
}

TEST(HostileInput, JsonlWhoseFirstLineLooksLikeAnArrayKeepsItsRecords) {
  TempDir dir;
  const std::string path =
      dir.Write("feed.jsonl", std::string(100000, '[') + "\n{\"id\": \"b\", \"text\": \"" + kGood +
                                  "\"}\n{\"id\": \"c\", \"text\": \"نص\"}\n");
  auto r = ReadAll(path);
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"b", "c"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find(path + ":1: malformed JSON"), std::string::npos)
      << r.errors[0].message();

  // A .json file stays one array: one error for the whole file.
  const std::string json = dir.Write("list.json", "[{\"text\": \"أ\"},\n{\"text\": \"ب\"\n");
  r = ReadAll(json);
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find(json + ": malformed JSON"), std::string::npos);
}

TEST(HostileInput, DeeplyNestedJsonIsAnErrorNotACrash) {
  TempDir dir;
  const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  const std::string path =
      dir.Write("deep.jsonl", "{\"text\": " + deep + "}\n" + "{\"id\": \"ok\", \"text\": \"نص\"}\n" +
                                  std::string(500000, '{') + "\n");
  auto r = ReadAll(path);
  EXPECT_EQ(r.ids(), std::vector<std::string>{"ok"});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].message().find(path + ":1: field 'text' is not a string"), std::string::npos)
      << r.errors[0].message();
  EXPECT_NE(r.errors[1].message().find(path + ":3: malformed JSON"), std::string::npos)
      << r.errors[1].message();
}

TEST(HostileInput, HtmlTooDeepOrWithTooManyAttributesIsRefused) {
  TempDir dir;
  std::string deep;
  for (size_t i = 0; i <= kMaxHtmlDepth; ++i) deep += "<div>";
  std::string formatting;
  for (int i = 0; i < 200; ++i) formatting += "<b><i><u><s><em><strong>";
  std::string attrs = "<p";
  for (size_t i = 0; i <= kMaxHtmlAttributes; ++i) attrs += " a" + std::to_string(i) + "=\"x y\"";
  attrs += ">نص</p>";
  auto r =
      ReadAll(std::vector<std::string>{dir.Write("deep.html", deep + "نص"), dir.Write("fmt.html", formatting),
                                       dir.Write("attrs.html", attrs), dir.Write("ok.html", kGood)});
  EXPECT_EQ(r.ids(), std::vector<std::string>{"ok"});
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_NE(r.errors[0].message().find("deep.html: HTML nested more than 1000 elements deep"),
            std::string::npos)
      << r.errors[0].message();
  EXPECT_NE(r.errors[1].message().find("fmt.html: HTML nested more than"), std::string::npos);
  EXPECT_NE(r.errors[2].message().find("attrs.html: HTML tag with more than 1000 attributes"),
            std::string::npos)
      << r.errors[2].message();
}

TEST(HostileInput, HtmlLimitsLetOrdinaryPagesThrough) {
  // Thousands of elements whose end tags are optional or absent (p, li, td,
  // br, img), markup inside scripts and comments, and balanced nesting: none
  // of it counts towards the depth.
  std::string page =
      "<!DOCTYPE html><html><head><title><div><div></title>"
      "<script>var s = '";
  for (int i = 0; i < 3000; ++i) page += "<div>";
  page += "';</script><!-- ";
  for (int i = 0; i < 3000; ++i) page += "<span>";
  page += " --></head><body><table>";
  for (int i = 0; i < 3000; ++i) page += "<tr><td>خلية<td><img src=x><br>";
  page += "</table><ul>";
  for (int i = 0; i < 3000; ++i) page += "<li><p>بند";
  page += "</ul>";
  for (int i = 0; i < 3000; ++i) page += "<div><section><span>نص</span></section></div><hr/>";
  page += "<svg><path d='M0 0'/><path/></svg></body></html>";
  EXPECT_TRUE(ingest::CheckHtmlLimits(page).ok()) << ingest::CheckHtmlLimits(page).message();
  std::string nested;
  for (size_t i = 0; i < kMaxHtmlDepth; ++i) nested += "<div>";
  EXPECT_TRUE(ingest::CheckHtmlLimits(nested).ok());
  EXPECT_FALSE(ingest::CheckHtmlLimits(nested + "<div>").ok());
  // Unterminated constructs end the scan quietly.
  for (const char* s : {"<", "<div", "<div a='", "<!--", "<!doctype", "<script>", "</", "<p a=\"x\" b"})
    EXPECT_TRUE(ingest::CheckHtmlLimits(s).ok()) << s;
}

}  // namespace
}  // namespace rasd
