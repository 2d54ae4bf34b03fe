// ParsePublishedDate and FindDateline, including every regional month name.
#include <gtest/gtest.h>

#include "rasd/ingest.h"

namespace rasd {
namespace {

TEST(ParsePublishedDate, IsoForms) {
  EXPECT_EQ(ParsePublishedDate("2016-02-16"), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("2016-02-16T10:00:00Z"), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("2016-02-16T23:30:00-05:00"), "2016-02-16");  // Local date as written.
  EXPECT_EQ(ParsePublishedDate("2016-2-6 08:00"), "2016-02-06");
  EXPECT_EQ(ParsePublishedDate("2016/02/16"), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("  2016-02-16  "), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("20160216"), "2016-02-16");
}

TEST(ParsePublishedDate, Rfc2822) {
  EXPECT_EQ(ParsePublishedDate("Tue, 16 Feb 2016 10:00:00 GMT"), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("Sun, 18 Feb 2018 21:35:43 +0400"), "2018-02-18");
  EXPECT_EQ(ParsePublishedDate("1 Mar 2017 00:00:00 +0000"), "2017-03-01");
}

TEST(ParsePublishedDate, DayMonthYear) {
  EXPECT_EQ(ParsePublishedDate("16/02/2016"), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("16-02-2016"), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("16.02.2016"), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("5/3/2017"), "2017-03-05");    // Day first.
  EXPECT_EQ(ParsePublishedDate("02/16/2016"), "2016-02-16");  // Month first only when it must be.
  EXPECT_EQ(ParsePublishedDate("February 16, 2016"), "2016-02-16");
}

TEST(ParsePublishedDate, ArabicIndicDigitsAndUnixTime) {
  EXPECT_EQ(ParsePublishedDate("٢٠١٦-٠٢-١٦"), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("۱۶/۰۲/۲۰۱۶"), "2016-02-16");
  EXPECT_EQ(ParsePublishedDate("1455580800"), "2016-02-16");     // Seconds.
  EXPECT_EQ(ParsePublishedDate("1455580800000"), "2016-02-16");  // Milliseconds.
}

TEST(ParsePublishedDate, RejectsNonDates) {
  EXPECT_EQ(ParsePublishedDate(""), "");
  EXPECT_EQ(ParsePublishedDate("soon"), "");
  EXPECT_EQ(ParsePublishedDate("2016-02-30"), "");  // No such day.
  EXPECT_EQ(ParsePublishedDate("2016-13-01"), "");
  EXPECT_EQ(ParsePublishedDate("2015-02-29"), "");  // Not a leap year.
  EXPECT_EQ(ParsePublishedDate("2016-02-29"), "2016-02-29");
  EXPECT_EQ(ParsePublishedDate("3.5"), "");
  EXPECT_EQ(ParsePublishedDate("1/2/3"), "");
  EXPECT_EQ(ParsePublishedDate("16 Feb"), "");  // No year: not a full date.
}

struct MonthCase {
  const char* name;
  int month;
};

// Every regional form FindDateline must know, as newspapers write them.
const MonthCase kMonthForms[] = {
    // Egypt, the Gulf and most pan-Arab outlets.
    {"يناير", 1},
    {"فبراير", 2},
    {"مارس", 3},
    {"أبريل", 4},
    {"إبريل", 4},
    {"ابريل", 4},
    {"مايو", 5},
    {"يونيو", 6},
    {"يونيه", 6},
    {"يوليو", 7},
    {"يوليه", 7},
    {"أغسطس", 8},
    {"اغسطس", 8},
    {"سبتمبر", 9},
    {"أكتوبر", 10},
    {"اكتوبر", 10},
    {"نوفمبر", 11},
    {"ديسمبر", 12},
    // Maghreb (Algeria, Tunisia).
    {"جانفي", 1},
    {"فيفري", 2},
    {"أفريل", 4},
    {"ماي", 5},
    {"جوان", 6},
    {"جويلية", 7},
    {"أوت", 8},
    // Levant and Iraq.
    {"كانون الثاني", 1},
    {"شباط", 2},
    {"آذار", 3},
    {"نيسان", 4},
    {"أيار", 5},
    {"حزيران", 6},
    {"تموز", 7},
    {"آب", 8},
    {"أيلول", 9},
    {"تشرين الأول", 10},
    {"تشرين الثاني", 11},
    {"كانون الأول", 12},
    // Morocco.
    {"يوليوز", 7},
    {"غشت", 8},
    {"شتنبر", 9},
    {"نونبر", 11},
    {"دجنبر", 12},
    // English and French.
    {"January", 1},
    {"Feb", 2},
    {"March", 3},
    {"April", 4},
    {"May", 5},
    {"June", 6},
    {"July", 7},
    {"August", 8},
    {"Sept", 9},
    {"October", 10},
    {"November", 11},
    {"December", 12},
    {"février", 2},
    {"juillet", 7},
    {"août", 8},
};

std::string Want(int month, int day = 9) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "2017-%02d-%02d", month, day);
  return buf;
}

TEST(FindDateline, EveryRegionalMonthFormDayFirst) {
  for (const MonthCase& m : kMonthForms) {
    const std::string text =
        std::string("الجزائر - الأحد 9 ") + m.name + " 2017\nقال المتحدث إن الاجتماع انتهى.";
    EXPECT_EQ(FindDateline(text), Want(m.month)) << m.name;
  }
}

TEST(FindDateline, EveryRegionalMonthFormMonthFirst) {
  for (const MonthCase& m : kMonthForms) {
    const std::string text = std::string(m.name) + " 9, 2017\nنص الخبر.";
    EXPECT_EQ(FindDateline(text), Want(m.month)) << m.name;
  }
}

TEST(FindDateline, WrittenForms) {
  EXPECT_EQ(FindDateline("عنوان الخبر\n\nفبراير 16, 2016\nنص"), "2016-02-16");
  EXPECT_EQ(FindDateline("الثلاثاء 16 فبراير 2016"), "2016-02-16");
  EXPECT_EQ(FindDateline("نشر في 2016-02-16 على الموقع"), "2016-02-16");
  EXPECT_EQ(FindDateline("بتاريخ 16/02/2016 أعلنت"), "2016-02-16");
  EXPECT_EQ(FindDateline("دمشق، 16 شباط/فبراير 2016"), "2016-02-16");
  EXPECT_EQ(FindDateline("بيروت في 16 شباط (فبراير) 2016"), "2016-02-16");
  EXPECT_EQ(FindDateline("السبت ١٦ فبراير ٢٠١٦"), "2016-02-16");
  EXPECT_EQ(FindDateline("١٦/٠٢/٢٠١٦"), "2016-02-16");
  EXPECT_EQ(FindDateline("16 من فبراير 2016"), "2016-02-16");
  EXPECT_EQ(FindDateline("2016م 16 فبرايـــر 2016م"), "2016-02-16");  // Tatweel inside the month.
  EXPECT_EQ(FindDateline("الخميس، 3 تشرين الثاني، 2016"), "2016-11-03");
  EXPECT_EQ(FindDateline("Posted on 16th February 2016"), "2016-02-16");
  EXPECT_EQ(FindDateline("Feb. 16, 2016 - ALGIERS"), "2016-02-16");
}

TEST(FindDateline, FirstValidDateWins) {
  EXPECT_EQ(FindDateline("31 فبراير 2016 خطأ ثم 1 مارس 2016"), "2016-03-01");
  EXPECT_EQ(FindDateline("أولا 2 يناير 2017 ثم 3 يناير 2017"), "2017-01-02");
}

TEST(FindDateline, NoDate) {
  EXPECT_EQ(FindDateline(""), "");
  EXPECT_EQ(FindDateline("زار الوزير الجزائر في فبراير الماضي"), "");
  EXPECT_EQ(FindDateline("في عام 2011 بدأت الأزمة"), "");
  EXPECT_EQ(FindDateline("مبادرة 5+5 و 3.5 بالمئة"), "");
}

TEST(FindDateline, OnlyLooksInsideTheWindow) {
  const std::string text = std::string(3000, ' ') + "16 فبراير 2016";
  EXPECT_EQ(FindDateline(text), "");
  EXPECT_EQ(FindDateline(text, 4000), "2016-02-16");
  // A window that ends inside a multi-byte character is cut before it.
  const std::string arabic = "نص 16 فبراير 2016";
  EXPECT_EQ(FindDateline(arabic, 3), "");
}

}  // namespace
}  // namespace rasd
