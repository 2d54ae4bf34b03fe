// HTML reader: main content without boilerplate, title, dates.
#include "ingest/html.h"

#include <gtest/gtest.h>

#include "ingest/test_util.h"
#include "rasd/ingest.h"

namespace rasd {
namespace {

using testing::ReadAll;
using testing::TempDir;

const char* kPage = R"(<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8">
<title>وزير الخارجية يزور تونس | موقع الأخبار</title>
<meta property="og:title" content="وزير الخارجية يزور تونس">
<meta property="article:published_time" content="2017-03-05T09:15:00+01:00">
<style>.menu { color: red }</style>
<script>var label = "سكربت لا يظهر";</script>
</head><body>
<header><a href="/">الرئيسية</a><nav><ul><li>سياسة</li><li>اقتصاد</li><li>رياضة</li></ul></nav></header>
<div class="sidebar"><p>الأكثر قراءة: عنوان خبر آخر لا علاقة له بالموضوع الأصلي على الإطلاق</p></div>
<article>
  <h1>وزير الخارجية يزور تونس</h1>
  <p>وصل وزير الخارجية الجزائري اليوم الأحد إلى تونس في زيارة رسمية تستغرق يومين.</p>
  <p>وقال الوزير للصحفيين إن &quot;العلاقات&quot; بين البلدين <b>ممتازة</b>،
     وإنه سيلتقي نظيره التونسي غدا.</p>
  <div class="share-buttons">شارك على فيسبوك</div>
  <form><input value="ابحث"><button>بحث</button></form>
</article>
<aside>إعلان</aside>
<footer>جميع الحقوق محفوظة 2017</footer>
<noscript>فعّل جافاسكربت</noscript>
</body></html>)";

TEST(HtmlReader, ExtractsArticleWithoutBoilerplate) {
  TempDir dir;
  auto r = ReadAll(dir.Write("visit.html", kPage));
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.docs.size(), 1u);
  const Document& d = r.docs[0];
  EXPECT_EQ(d.id, "visit");
  EXPECT_EQ(d.title, "وزير الخارجية يزور تونس");
  EXPECT_EQ(d.published, "2017-03-05");
  EXPECT_EQ(d.text,
            "وزير الخارجية يزور تونس\n"
            "وصل وزير الخارجية الجزائري اليوم الأحد إلى تونس في زيارة رسمية تستغرق يومين.\n"
            "وقال الوزير للصحفيين إن \"العلاقات\" بين البلدين ممتازة، وإنه سيلتقي نظيره التونسي غدا.");
  for (const char* junk :
       {"سياسة", "الأكثر قراءة", "سكربت", "شارك", "بحث", "إعلان", "الحقوق", "جافاسكربت", "color"}) {
    EXPECT_EQ(d.text.find(junk), std::string::npos) << junk;
  }
}

TEST(HtmlReader, WithoutArticleTakesTheBlockWithMostParagraphText) {
  const char* page = R"(<html><head><title>عنوان الصفحة</title></head><body>
    <div id="top-menu"><p>روابط</p></div>
    <div class="teasers"><p>خبر قصير</p></div>
    <div class="story">
      <p>الفقرة الأولى من الخبر الرئيسي وهي طويلة نسبيا.</p>
      <p>الفقرة الثانية تكمل القصة بتفاصيل إضافية.</p>
    </div>
    <div class="footer-links"><p>اتصل بنا</p></div>
  </body></html>)";
  ingest::HtmlContent c;
  ingest::ExtractHtml(page, &c);
  EXPECT_EQ(c.title, "عنوان الصفحة");
  EXPECT_EQ(c.text,
            "عنوان الصفحة\n"
            "الفقرة الأولى من الخبر الرئيسي وهي طويلة نسبيا.\n"
            "الفقرة الثانية تكمل القصة بتفاصيل إضافية.");
}

TEST(HtmlReader, TitleFallsBackToH1AndBreaksBecomeNewlines) {
  ingest::HtmlContent c;
  ingest::ExtractHtml("<body><h1>عنوان رئيسي</h1><div>سطر أول<br>سطر ثان</div></body>", &c);
  EXPECT_EQ(c.title, "عنوان رئيسي");
  EXPECT_EQ(c.text, "عنوان رئيسي\nسطر أول\nسطر ثان");
}

TEST(HtmlReader, MetaDateForms) {
  struct Case {
    const char* head;
    const char* want;
  };
  const Case cases[] = {
      {R"(<meta name="date" content="2016-02-16">)", "2016-02-16"},
      {R"(<meta name="pubdate" content="20160216">)", "2016-02-16"},
      {R"(<meta name="PublishDate" content="16/02/2016">)", "2016-02-16"},
      {R"(<meta name="DC.date" content="2016-02-16T12:00">)", "2016-02-16"},
      {R"(<meta itemprop="datePublished" content="2016-02-16">)", "2016-02-16"},
      {R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2016-02-16T08:00:00Z"}</script>)",
       "2016-02-16"},
      // article:published_time wins over a plain date.
      {R"(<meta name="date" content="2015-01-01"><meta property="article:published_time" content="2016-02-16">)",
       "2016-02-16"},
  };
  for (const Case& c : cases) {
    ingest::HtmlContent out;
    ingest::ExtractHtml(std::string("<html><head>") + c.head + "</head><body><p>نص</p></body></html>", &out);
    EXPECT_EQ(out.published, c.want) << c.head;
  }
}

TEST(HtmlReader, TimeElementAndVisibleDateline) {
  ingest::HtmlContent c;
  ingest::ExtractHtml(
      R"(<body><article><time datetime="2018-07-03T10:00">قبل ساعة</time><p>نص</p></article></body>)", &c);
  EXPECT_EQ(c.published, "2018-07-03");

  TempDir dir;
  auto r =
      ReadAll(dir.Write("d.htm", "<body><p>الجزائر، 9 فيفري 2016 - أعلنت الوزارة عن اجتماع.</p></body>"));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].published, "2016-02-09");
}

TEST(HtmlReader, EntitiesAndInvalidBytes) {
  TempDir dir;
  auto r = ReadAll(dir.Write("e.html", std::string("<p>أ &amp; ب &#x0628; \xff</p>")));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text, "أ & ب ب \uFFFD");
  EXPECT_EQ(r.docs[0].invalid_utf8, 1u);
}

TEST(HtmlReader, EmptyAndBrokenPagesDoNotFail) {
  TempDir dir;
  auto r = ReadAll(std::vector<std::string>{dir.Write("empty.html", ""),
                                            dir.Write("broken.html", "<div><p>نص <b>غير مغلق")});
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].text, "");
  EXPECT_EQ(r.docs[1].text, "نص غير مغلق");
}

TEST(HtmlReader, DeepNestingIsBounded) {
  std::string page;
  for (int i = 0; i < 3000; ++i) page += "<div>";
  page += "عميق";
  ingest::HtmlContent c;
  ingest::ExtractHtml(page, &c);  // Must not overflow the stack.
  SUCCEED();
}

}  // namespace
}  // namespace rasd
