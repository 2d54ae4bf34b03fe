// WARC reader: HTML responses become documents; everything else is skipped.
#include <gtest/gtest.h>
#include <zlib.h>

#include "ingest/test_util.h"
#include "rasd/ingest.h"

namespace rasd {
namespace {

using testing::ReadAll;
using testing::TempDir;

std::string Record(const std::string& type, const std::string& uri, const std::string& content_type,
                   const std::string& block) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2018-03-04T05:06:07Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: " +
         content_type + "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block +
         "\r\n\r\n";
}

std::string Http(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

std::string GzipMember(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::vector<std::string> Records() {
  const std::string dated =
      "<html><head><meta property=\"article:published_time\" content=\"2017-11-20\"></head>"
      "<body><article><p>أعلنت الحكومة عن خطة جديدة.</p></article></body></html>";
  const std::string undated = "<html><body><p>نص بلا تاريخ.</p></body></html>";
  return {
      Record("warcinfo", "", "application/warc-fields", "software: test\r\n"),
      Record("request", "http://example.org/a", "application/http; msgtype=request",
             "GET /a HTTP/1.1\r\n\r\n"),
      Record("response", "http://example.org/a", "application/http; msgtype=response",
             Http("200 OK", "Content-Type: text/html; charset=utf-8\r\n", dated)),
      Record("response", "<http://example.org/b>", "application/http; msgtype=response",
             Http(
                 "200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                 "10\r\n" + undated.substr(0, 16) + "\r\n" +
                     [&] {
                       char hex[16];
                       std::snprintf(hex, sizeof hex, "%zx", undated.size() - 16);
                       return std::string(hex);
                     }() +
                     "\r\n" + undated.substr(16) + "\r\n0\r\n\r\n")),
      Record("response", "http://example.org/moved", "application/http; msgtype=response",
             Http("301 Moved Permanently", "Content-Type: text/html\r\n", "<p>moved</p>")),
      Record("response", "http://example.org/logo.png", "application/http; msgtype=response",
             Http("200 OK", "Content-Type: image/png\r\n", "\x89PNG")),
      Record("response", "http://example.org/c", "application/http; msgtype=response",
             Http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                  GzipMember("<p>صفحة مضغوطة 3 مارس 2018.</p>"))),
  };
}

void ExpectThreePages(const testing::ReadResult& r) {
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message();
  ASSERT_EQ(r.ids(), (std::vector<std::string>{"http://example.org/a", "http://example.org/b",
                                               "http://example.org/c"}));
  EXPECT_EQ(r.docs[0].published, "2017-11-20");  // The page's own date.
  EXPECT_EQ(r.docs[0].text, "أعلنت الحكومة عن خطة جديدة.");
  EXPECT_EQ(r.docs[0].url, "http://example.org/a");
  EXPECT_EQ(r.docs[1].published, "2018-03-04");  // WARC-Date.
  EXPECT_EQ(r.docs[1].text, "نص بلا تاريخ.");
  EXPECT_EQ(r.docs[2].published, "2018-03-03");  // Visible dateline.
  EXPECT_EQ(r.docs[2].text, "صفحة مضغوطة 3 مارس 2018.");
}

TEST(WarcReader, HtmlResponsesOnly) {
  TempDir dir;
  std::string warc;
  for (const auto& r : Records()) warc += r;
  ExpectThreePages(ReadAll(dir.Write("crawl.warc", warc)));
}

TEST(WarcReader, GzipPerRecord) {
  TempDir dir;
  std::string warc;
  for (const auto& r : Records()) warc += GzipMember(r);
  ExpectThreePages(ReadAll(dir.Write("crawl.warc.gz", warc)));
}

TEST(WarcReader, TruncatedRecordIsAnError) {
  TempDir dir;
  const auto recs = Records();
  const std::string warc = recs[2] + recs[3].substr(0, recs[3].size() / 2);
  const std::string path = dir.Write("cut.warc", warc);
  auto r = ReadAll(path);
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"http://example.org/a"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find(path + ": record 2"), std::string::npos) << r.errors[0].message();
}

TEST(WarcReader, GarbageIsReportedOnce) {
  TempDir dir;
  auto r = ReadAll(dir.Write("junk.warc", "not a warc\nat all\n" + Records()[2]));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"http://example.org/a"}));
}

}  // namespace
}  // namespace rasd
