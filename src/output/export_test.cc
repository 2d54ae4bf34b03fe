// Deduplication across articles, CSV and GDELT rows, with synthetic events.
#include "rasd/export.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace rasd {
namespace {

StoredEvent Ev(std::string doc, std::string src, std::string tgt, std::string cameo, std::string date,
               std::string place = "", std::string published = "") {
  StoredEvent e;
  e.event_id = doc + "-" + cameo + "-" + date;
  e.doc_id = std::move(doc);
  e.source_code = std::move(src);
  e.target_code = std::move(tgt);
  e.cameo = cameo;
  e.cameo_root = cameo.substr(0, 2);
  e.date = std::move(date);
  e.date_precision = e.date.size() == 10 ? "day" : "";
  e.published = std::move(published);
  if (!place.empty()) {
    e.location_name_en = place;
    e.location_country = "LBY";
    e.location_text = "سرت";
    e.lat = 31.2;
    e.lon = 16.6;
  }
  e.json = "{\"doc_id\":\"" + e.doc_id + "\",\"cameo\":\"" + cameo + "\"}";
  return e;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

TEST(DayNumber, CountsDaysAndRejectsNonDays) {
  int64_t a, b;
  ASSERT_TRUE(DayNumber("1970-01-01", &a));
  EXPECT_EQ(a, 0);
  ASSERT_TRUE(DayNumber("2016-03-01", &a));
  ASSERT_TRUE(DayNumber("2016-02-28", &b));
  EXPECT_EQ(a - b, 2);  // 2016 is a leap year.
  for (const char* bad : {"", "2016-02", "2016", "2015-02-29", "2016-13-01", "2016-1-01", "abcd-ef-gh"})
    EXPECT_FALSE(DayNumber(bad, &a)) << bad;
}

TEST(OutletOf, SourceFieldElseUrlHost) {
  EXPECT_EQ(OutletOf("alarabia", "http://www.alarabiya.net/x"), "alarabia");
  EXPECT_EQ(OutletOf("", "https://WWW.Example.COM:8080/a?b"), "example.com");
  EXPECT_EQ(OutletOf("", "http://user@news.example/"), "news.example");
  EXPECT_EQ(OutletOf("", "not a url"), "");
  EXPECT_EQ(OutletOf("", ""), "");
}

TEST(Dedup, SameEventFromSeveralOutletsWithinTheWindowIsOne) {
  EventDeduplicator d(DedupOptions{1});
  d.Add(Ev("a1", "RUS", "DZA", "020", "2016-02-16"), "outletA");
  d.Add(Ev("b7", "RUS", "DZA", "020", "2016-02-17"), "outletB");
  d.Add(Ev("a1", "RUS", "DZA", "020", "2016-02-16"), "outletA");  // Same article again.
  d.Add(Ev("c2", "RUS", "DZA", "020", "2016-02-20"), "outletC");  // Outside the window.
  d.Add(Ev("c3", "RUS", "DZA", "021", "2016-02-16"), "outletC");  // Another code.
  d.Add(Ev("c4", "DZA", "RUS", "020", "2016-02-16"), "outletC");  // Reversed dyad.
  ASSERT_EQ(d.groups().size(), 4u);
  EXPECT_EQ(d.mentions(), 6u);
  const EventGroup& g = d.groups()[0];
  EXPECT_EQ(g.mentions, 3u);
  EXPECT_EQ(g.sources, (std::vector<std::string>{"outletA", "outletB"}));
  EXPECT_EQ(g.articles, (std::vector<std::string>{"a1", "b7"}));
  EXPECT_EQ(g.first_date, "2016-02-16");
  EXPECT_EQ(g.last_date, "2016-02-17");
  EXPECT_EQ(g.event.doc_id, "a1");  // The first mention stands for the group.
  EXPECT_EQ(d.groups()[1].articles, std::vector<std::string>{"c2"});
}

TEST(Dedup, WindowIsConfigurable) {
  for (int window : {0, 3, 10}) {
    EventDeduplicator d(DedupOptions{window});
    for (const char* day : {"2016-02-10", "2016-02-11", "2016-02-13", "2016-02-20"})
      d.Add(Ev(std::string("x") + day, "USAMIL", "IMGISI", "195", day), "o");
    const size_t expected = window == 0 ? 4 : window == 3 ? 2 : 1;
    EXPECT_EQ(d.groups().size(), expected) << "window " << window;
  }
}

TEST(Dedup, PlaceIsPartOfTheKeyAndPublicationDateStandsInForAMissingDate) {
  EventDeduplicator d(DedupOptions{1});
  d.Add(Ev("p1", "USAMIL", "IMGISI", "195", "", "Sirte", "2016-02-19"), "o1");
  d.Add(Ev("p2", "USAMIL", "IMGISI", "195", "2016-02-20", "Sirte"), "o2");
  d.Add(Ev("p3", "USAMIL", "IMGISI", "195", "2016-02-20", "Derna"), "o3");
  d.Add(Ev("p4", "USAMIL", "IMGISI", "195", "2016-02", "", ""),
        "o4");  // Undated (month only, no publication).
  d.Add(Ev("p5", "USAMIL", "IMGISI", "195", "", "", ""), "o5");
  ASSERT_EQ(d.groups().size(), 3u);
  EXPECT_EQ(d.groups()[0].articles, (std::vector<std::string>{"p1", "p2"}));
  EXPECT_EQ(d.groups()[0].first_date, "2016-02-19");
  EXPECT_EQ(d.groups()[2].articles, (std::vector<std::string>{"p4", "p5"}));
  EXPECT_EQ(d.groups()[2].first_date, "");
}

TEST(Dedup, GroupJsonAddsFieldsToTheEventObject) {
  EventDeduplicator d;
  d.Add(Ev("a1", "RUS", "DZA", "020", "2016-02-16"), "outletA");
  d.Add(Ev("b\"2", "RUS", "DZA", "020", "2016-02-16"), "");
  std::string out;
  AppendGroupJson(d.groups()[0], &out);
  EXPECT_EQ(out,
            "{\"doc_id\":\"a1\",\"cameo\":\"020\",\"mentions\":2,\"sources\":[\"outletA\"],"
            "\"articles\":[\"a1\",\"b\\\"2\"],\"first_date\":\"2016-02-16\",\"last_date\":\"2016-02-16\"}");
}

TEST(Csv, GroupedRowsCarryThreeMoreColumns) {
  const std::string plain = EventCsvHeader(false), grouped = EventCsvHeader(true);
  EXPECT_EQ(grouped.substr(0, plain.size() - 1), plain.substr(0, plain.size() - 1));
  EXPECT_TRUE(grouped.ends_with(",mentions,sources,articles\n"));
  EventDeduplicator d;
  d.Add(Ev("a1", "RUS", "DZA", "020", "2016-02-16"), "outlet, A");
  d.Add(Ev("a2", "RUS", "DZA", "020", "2016-02-16"), "B");
  std::string row;
  AppendEventCsv(d.groups()[0].event, &d.groups()[0], &row);
  EXPECT_TRUE(row.ends_with(",2,\"outlet, A;B\",a1;a2\n")) << row;
  std::string single;
  AppendEventCsv(d.groups()[0].event, nullptr, &single);
  EXPECT_EQ(Split(single, ',').size() + 3, Split(row, ',').size() - 1);  // One comma inside quotes.
}

TEST(Gdelt, SixtyOneColumnsWithCodesSplitLikeGdelt) {
  ASSERT_EQ(GdeltColumns().size(), 61u);
  EXPECT_EQ(GdeltColumns()[0], "GLOBALEVENTID");
  EXPECT_EQ(GdeltColumns()[26], "EventCode");
  EXPECT_EQ(GdeltColumns()[56], "ActionGeo_Lat");
  EXPECT_EQ(GdeltColumns()[60], "SOURCEURL");
  StoredEvent e = Ev("a1", "USAMILGOV", "IGOUNO", "0212", "2016-02-16", "Sirte", "2016-02-17");
  e.source_text = "القوات\tالأمريكية";
  e.goldstein = 3.4;
  e.quad_class = 1;
  e.sentence_index = 3;
  e.doc_url = "http://n.example/a1";
  std::string row;
  AppendGdeltRow(e, nullptr, &row);
  ASSERT_TRUE(row.ends_with("\n"));
  row.pop_back();
  const auto c = Split(row, '\t');
  ASSERT_EQ(c.size(), 61u) << row;
  auto col = [&](const std::string& name) {
    const auto& names = GdeltColumns();
    return c[std::find(names.begin(), names.end(), name) - names.begin()];
  };
  EXPECT_EQ(col("SQLDATE"), "20160216");
  EXPECT_EQ(col("MonthYear"), "201602");
  EXPECT_EQ(col("Year"), "2016");
  EXPECT_EQ(col("FractionDate"), "2016.1284");  // Day 47 of 366.
  EXPECT_EQ(col("Actor1Code"), "USAMILGOV");
  EXPECT_EQ(col("Actor1Name"), "القوات الأمريكية");  // The tab became a space.
  EXPECT_EQ(col("Actor1CountryCode"), "USA");
  EXPECT_EQ(col("Actor1Type1Code"), "MIL");
  EXPECT_EQ(col("Actor1Type2Code"), "GOV");
  EXPECT_EQ(col("Actor2CountryCode"), "");
  EXPECT_EQ(col("Actor2KnownGroupCode"), "UNO");
  EXPECT_EQ(col("IsRootEvent"), "0");
  EXPECT_EQ(col("EventCode"), "0212");
  EXPECT_EQ(col("EventBaseCode"), "021");
  EXPECT_EQ(col("EventRootCode"), "02");
  EXPECT_EQ(col("QuadClass"), "1");
  EXPECT_EQ(col("GoldsteinScale"), "3.4");
  EXPECT_EQ(col("NumMentions"), "1");
  EXPECT_EQ(col("ActionGeo_FullName"), "Sirte");
  EXPECT_EQ(col("ActionGeo_CountryCode"), "LBY");
  EXPECT_EQ(col("ActionGeo_Lat"), "31.2000");
  EXPECT_EQ(col("ActionGeo_Long"), "16.6000");
  EXPECT_EQ(col("DATEADDED"), "20160217000000");
  EXPECT_EQ(col("SOURCEURL"), "http://n.example/a1");
  // A stable integer id.
  std::string again;
  AppendGdeltRow(e, nullptr, &again);
  EXPECT_EQ(again.substr(0, again.find('\t')), c[0]);
  EXPECT_EQ(c[0].find_first_not_of("0123456789"), std::string::npos);
}

TEST(Gdelt, GroupCountsAndMonthDates) {
  EventDeduplicator d;
  d.Add(Ev("a1", "RUS", "DZA", "020", "2016-02-16"), "A");
  d.Add(Ev("a2", "RUS", "DZA", "020", "2016-02-16"), "B");
  d.Add(Ev("a2", "RUS", "DZA", "020", "2016-02-16"), "B");
  std::string row;
  AppendGdeltRow(d.groups()[0].event, &d.groups()[0], &row);
  auto c = Split(row.substr(0, row.size() - 1), '\t');
  ASSERT_EQ(c.size(), 61u);
  EXPECT_EQ(c[31], "3");  // NumMentions
  EXPECT_EQ(c[32], "2");  // NumSources
  EXPECT_EQ(c[33], "2");  // NumArticles
  row.clear();
  AppendGdeltRow(Ev("m", "RUS", "DZA", "020", "2016-05", "", "2016-06-02"), nullptr, &row);
  c = Split(row.substr(0, row.size() - 1), '\t');
  EXPECT_EQ(c[1], "20160501");  // A month-precision date counts as its first day.
  EXPECT_EQ(c[5], "RUS");
  EXPECT_EQ(c[7], "RUS");
}

}  // namespace
}  // namespace rasd
