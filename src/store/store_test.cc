// The store's behaviour, run against SQLite and against a real local
// PostgreSQL server (skipped, with the reason, where none can be started).
#include "rasd/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "rasd/output.h"
#include "rasd/text.h"
#include "store/store_testing.h"

namespace rasd {
namespace {

using store_testing::AddEvent;
using store_testing::EventSpec;
using store_testing::MakeDoc;

// Three hand-built documents with five events between them.
AnnotatedDocument DocA() {
  auto ad = MakeDoc("doc-a",
                    "روسيا تدعو الجزائر إلى الحوار\n"
                    "وزار وفد أمريكي مستشفى في طرابلس يوم الثلاثاء",
                    "2016-02-16");
  EventSpec e1{.id = "a1",
               .trigger = "تدعو",
               .source = "روسيا",
               .source_code = "RUS",
               .target = "الجزائر",
               .target_code = "DZA",
               .cameo = "0212",
               .root = "02",
               .goldstein = 3.0,
               .quad = 1,
               .plover = "REQUEST",
               .date = "2016-02-16"};
  AddEvent(&ad, e1);
  EventSpec e2{.id = "a2",
               .trigger = "زار",
               .source = "أمريكي",
               .source_code = "USAGOV",
               .cameo = "042",
               .root = "04",
               .goldstein = 1.9,
               .quad = 1,
               .plover = "CONSULT",
               .modality = Modality::kReported,
               .attribution = AttributionKind::kAnonymous,
               .attribution_text = "وفد",
               .date = "2016-02-17",
               .place = "طرابلس",
               .place_country = "LBY",
               .lat = 32.9,
               .lon = 13.2};
  AddEvent(&ad, e2);
  return ad;
}

AnnotatedDocument DocB() {
  auto ad = MakeDoc("doc-b", "قصفت القوات الأمريكية مواقع لتنظيم داعش في سرت", "2016-02-20");
  EventSpec e{.id = "b1",
              .trigger = "قصفت",
              .source = "القوات الأمريكية",
              .source_code = "USAMIL",
              .target = "داعش",
              .target_code = "IMGISI",
              .cameo = "195",
              .root = "19",
              .goldstein = -10,
              .quad = 4,
              .plover = "ASSAULT",
              .date = "2016-02-19",
              .place = "سرت",
              .place_country = "LBY",
              .lat = 31.2,
              .lon = 16.6};
  AddEvent(&ad, e);
  EventSpec e2{.id = "b2",
               .trigger = "قصفت",
               .source = "القوات الأمريكية",
               .source_code = "USAMIL",
               .target = "داعش",
               .target_code = "IMGISI",
               .cameo = "190",
               .root = "19",
               .goldstein = -10,
               .quad = 4,
               .plover = "ASSAULT",
               .date = "2016-02-22"};
  AddEvent(&ad, e2);
  return ad;
}

AnnotatedDocument DocC() {
  auto ad = MakeDoc("doc-c", "قالت أمريكا إن المستشفى لم يتعرض لهجوم", "2016-03-01");
  EventSpec e{.id = "c1",
              .trigger = "قالت",
              .source = "أمريكا",
              .source_code = "USA",
              .cameo = "010",
              .root = "01",
              .goldstein = 0,
              .quad = 1,
              .modality = Modality::kNegated,
              .attribution = AttributionKind::kOfficial,
              .attribution_text = "أمريكا"};
  AddEvent(&ad, e);  // No date: its date is the publication date.
  return ad;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    temp_ = std::make_unique<store_testing::TempStore>(GetParam(), &why);
    if (temp_->get() == nullptr) {
      if (GetParam() == "sqlite") FAIL() << why;
      GTEST_SKIP() << "PostgreSQL suite skipped: " << why;
    }
    store_ = temp_->get();
  }

  void PutAll() {
    for (const auto& ad : {DocA(), DocB(), DocC()}) {
      auto r = store_->PutDocument(ad);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ASSERT_EQ(*r, PutOutcome::kNew);
    }
  }

  std::vector<std::string> Ids(const EventFilter& f, size_t offset = 0, size_t limit = 50) {
    auto evs = store_->ListEvents(f, offset, limit);
    EXPECT_TRUE(evs.ok()) << evs.status().ToString();
    std::vector<std::string> ids;
    if (evs.ok()) {
      for (const auto& e : *evs) ids.push_back(e.event_id);
    }
    return ids;
  }

  std::set<std::string> Docs(const std::string& q) {
    auto docs = store_->ListDocuments(q, 0, 100);
    EXPECT_TRUE(docs.ok()) << q << ": " << docs.status().ToString();
    std::set<std::string> ids;
    if (docs.ok()) {
      for (const auto& d : *docs) ids.insert(d.id);
    }
    auto n = store_->CountDocuments(q);
    EXPECT_TRUE(n.ok());
    if (n.ok()) {
      EXPECT_EQ(*n, static_cast<int64_t>(ids.size())) << q;
    }
    return ids;
  }

  int64_t Count(const EventFilter& f) {
    auto n = store_->CountEvents(f);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  std::unique_ptr<store_testing::TempStore> temp_;
  Store* store_ = nullptr;
};

TEST_P(StoreTest, MigratesToTheLatestSchema) {
  auto v = store_->SchemaVersion();
  ASSERT_TRUE(v.ok());
  EXPECT_GE(*v, 1);
  // Reopening runs no migration twice.
  auto again = Store::Open(temp_->url());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*(*again)->SchemaVersion(), *v);
}

TEST_P(StoreTest, StoresAndReadsBackADocumentInCodePoints) {
  const AnnotatedDocument a = DocA();
  ASSERT_TRUE(store_->PutDocument(a).ok());
  auto doc = store_->GetDocument("doc-a");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, a.doc.text);
  EXPECT_EQ(doc->published, "2016-02-16");
  ASSERT_EQ(doc->sentences.size(), 2u);
  CodePointIndex cpi;
  cpi.Build(a.doc.text);
  EXPECT_EQ(doc->sentences[1].first, cpi(a.sentences[1].begin));
  EXPECT_EQ(doc->sentences[1].second, cpi(a.sentences[1].end));
  ASSERT_EQ(doc->mentions.size(), a.mentions.size());
  // Mentions come back ordered by start, with code-point offsets.
  for (size_t i = 1; i < doc->mentions.size(); ++i) {
    EXPECT_LE(doc->mentions[i - 1].start, doc->mentions[i].start);
  }
  const std::u32string text32 = [&] {
    std::u32string s;
    for (size_t p = 0; p < a.doc.text.size();) s.push_back(text::DecodeUtf8(a.doc.text, &p));
    return s;
  }();
  for (const auto& m : doc->mentions) {
    std::string slice;
    for (int64_t i = m.start; i < m.end; ++i) text::AppendUtf8(text32[i], &slice);
    EXPECT_EQ(slice, m.text) << m.kind;
  }
  ASSERT_EQ(doc->events.size(), 2u);
  // The stored JSON is exactly what `rasd code` prints.
  std::string json;
  AppendEventJson(a.events[0], a.doc, cpi, &json);
  EXPECT_EQ(doc->events[0].json, json);
  EXPECT_EQ(doc->events[1].location_country, "LBY");
  EXPECT_EQ(doc->events[1].attribution_kind, "anonymous");
  EXPECT_EQ(doc->events[1].attribution_text, "وفد");
  EXPECT_EQ(doc->events[1].modality, "reported");
  ASSERT_TRUE(doc->events[1].lat.has_value());
  EXPECT_DOUBLE_EQ(*doc->events[1].lat, 32.9);

  auto ev = store_->GetEvent("a1");
  ASSERT_TRUE(ev.ok());
  EXPECT_EQ(ev->source_code, "RUS");
  EXPECT_EQ(ev->target_text, "الجزائر");
  EXPECT_EQ(ev->doc_title, "روسيا تدعو الجزائر إلى الحوار");
  EXPECT_EQ(store_->GetEvent("nope").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->GetDocument("nope").status().code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, ReingestingTheSameDocumentChangesNothing) {
  PutAll();
  auto before = store_->Stats();
  ASSERT_TRUE(before.ok());
  for (const auto& ad : {DocA(), DocB(), DocC()}) {
    auto r = store_->PutDocument(ad);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, PutOutcome::kUnchanged) << ad.doc.id;
  }
  auto after = store_->Stats();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->documents, 3);
  EXPECT_EQ(after->events, before->events);
  EXPECT_EQ(after->mentions, before->mentions);
  EXPECT_EQ(after->sentences, before->sentences);
  EXPECT_EQ(Count({}), 5);
  // force replaces even an unchanged document, still without duplicates.
  auto forced = store_->PutDocument(DocA(), /*force=*/true);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(*forced, PutOutcome::kReplaced);
  EXPECT_EQ(Count({}), 5);
}

TEST_P(StoreTest, AChangedDocumentReplacesItsEvents) {
  PutAll();
  auto changed = MakeDoc("doc-a", "فرنسا تدين الهجوم على السفارة في باريس", "2016-02-16");
  AddEvent(&changed, EventSpec{.id = "a9",
                               .trigger = "تدين",
                               .source = "فرنسا",
                               .source_code = "FRA",
                               .cameo = "111",
                               .root = "11",
                               .goldstein = -2,
                               .quad = 3,
                               .date = "2016-02-18"});
  auto r = store_->PutDocument(changed);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, PutOutcome::kReplaced);
  EventFilter f;
  f.doc_id = "doc-a";
  EXPECT_EQ(Ids(f), std::vector<std::string>{"a9"});
  EXPECT_EQ(store_->GetEvent("a1").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(Count({}), 4);
  auto doc = store_->GetDocument("doc-a");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->sentences.size(), 1u);
  EXPECT_EQ(doc->mentions.size(), 2u);
  // The search index follows the new text.
  EXPECT_EQ(Docs("الجزائر"), std::set<std::string>{});
  EXPECT_EQ(Docs("باريس"), std::set<std::string>{"doc-a"});
  // A new engine version changes the content hash too.
  StoreOptions newer;
  newer.engine = "rasd 9.9.9";
  auto other = Store::Open(temp_->url(), newer);
  ASSERT_TRUE(other.ok());
  auto r2 = (*other)->PutDocument(changed);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(*r2, PutOutcome::kReplaced);
}

TEST_P(StoreTest, BatchesCommitOrRollBackTogether) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutDocument(DocA()).ok());
  ASSERT_TRUE(store_->PutDocument(DocB()).ok());
  // A bad document fails alone; the batch goes on.
  AnnotatedDocument bad = DocC();
  bad.doc.id.clear();
  EXPECT_FALSE(store_->PutDocument(bad).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Count({}), 4);
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutDocument(DocC()).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(store_->GetDocument("doc-c").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(Docs("امريكا"), std::set<std::string>{});
}

TEST_P(StoreTest, DeleteRemovesADocumentWithEverythingItHad) {
  PutAll();
  ASSERT_EQ(Count({}), 5);
  auto r = store_->DeleteDocument("doc-a");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(*r);
  EXPECT_EQ(store_->GetDocument("doc-a").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->GetEvent("a1").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(Count({}), 3);
  EXPECT_EQ(Docs("الجزائر"), std::set<std::string>{});  // Gone from the search index too.
  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 2);
  auto b = store_->GetDocument("doc-b");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(stats->sentences,
            static_cast<int64_t>(b->sentences.size() + store_->GetDocument("doc-c")->sentences.size()));
  // Absent ids (including SQL-looking ones) are not an error, just false.
  for (const char* id : {"doc-a", "no-such", "' OR 1=1 --", "doc-b'; DROP TABLE documents; --"}) {
    auto again = store_->DeleteDocument(id);
    ASSERT_TRUE(again.ok()) << id;
    EXPECT_FALSE(*again) << id;
  }
  EXPECT_EQ(Count({}), 3);
  // A deleted document can be stored again, as new.
  auto back = store_->PutDocument(DocA());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, PutOutcome::kNew);
  EXPECT_EQ(Docs("الجزائر"), std::set<std::string>{"doc-a"});
  EXPECT_EQ(Count({}), 5);
  // Inside a batch a delete rolls back with it.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(*store_->DeleteDocument("doc-b"));
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_TRUE(store_->GetDocument("doc-b").ok());
  EXPECT_EQ(Docs("قوات سرت"), std::set<std::string>{"doc-b"});
}

TEST_P(StoreTest, SearchIgnoresDiacriticsHamzaYaAndClitics) {
  PutAll();
  const std::set<std::string> a = {"doc-a"};
  EXPECT_EQ(Docs("الجزائر"), a);
  EXPECT_EQ(Docs("والجزائر"), a);
  EXPECT_EQ(Docs("بالجزائر"), a);
  EXPECT_EQ(Docs("الجزائرُ"), a);  // Damma.
  EXPECT_EQ(Docs("جزائر"), a);
  EXPECT_EQ(Docs("حوار"), a);
  EXPECT_EQ(Docs("مستشفي"), (std::set<std::string>{"doc-a", "doc-c"}));  // ى/ي, and المستشفى in doc-c.
  EXPECT_EQ(Docs("امريكا"), std::set<std::string>{"doc-c"});             // أمريكا
  EXPECT_EQ(Docs("أمريكي"), a);
  EXPECT_EQ(Docs("امري*"), (std::set<std::string>{"doc-a", "doc-b", "doc-c"}));  // امريكي الامريكيه امريكا
  EXPECT_EQ(Docs("زار"), a);  // Written وزار: the conjunction is stripped in the index.
  EXPECT_EQ(Docs("طرابلس سرت"), std::set<std::string>{});  // Every word must occur.
  EXPECT_EQ(Docs("قوات سرت"), std::set<std::string>{"doc-b"});
  EXPECT_EQ(Docs("باريس"), std::set<std::string>{});
  EXPECT_EQ(store_->ListDocuments("!!", 0, 10).status().code(), Status::Code::kInvalidArgument);

  // Events of matching documents.
  EventFilter f;
  f.q = "وسرت";
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"b2", "b1"}));

  // The snippet shows the original word the query matched.
  auto docs = store_->ListDocuments("طرابلس", 0, 10);
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 1u);
  const auto& s = (*docs)[0];
  ASSERT_TRUE(s.match.has_value());
  std::u32string cps;
  for (size_t p = 0; p < s.snippet.size();) cps.push_back(text::DecodeUtf8(s.snippet, &p));
  std::string word;
  for (int64_t i = s.match->first; i < s.match->second; ++i) text::AppendUtf8(cps[i], &word);
  EXPECT_EQ(word, "طرابلس");
  EXPECT_EQ(s.events, 2);
}

TEST_P(StoreTest, FiltersAndPaging) {
  PutAll();
  // Newest first; undated events use the publication date (c1: 2016-03-01).
  EXPECT_EQ(Ids({}), (std::vector<std::string>{"c1", "b2", "b1", "a2", "a1"}));
  EXPECT_EQ(Ids({}, 1, 2), (std::vector<std::string>{"b2", "b1"}));
  EXPECT_EQ(Ids({}, 5, 2), std::vector<std::string>{});
  EXPECT_EQ(Count({}), 5);

  EventFilter f;
  f.actor = "USA";  // Prefix: USA, USAGOV, USAMIL.
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"c1", "b2", "b1", "a2"}));
  f = {};
  f.actor = "USAMIL";
  EXPECT_EQ(Count(f), 2);
  f = {};
  f.target = "IMG";
  EXPECT_EQ(Count(f), 2);
  f = {};
  f.source = "DZA";
  EXPECT_EQ(Count(f), 0);
  f = {};
  f.country = "DZA";  // As target.
  EXPECT_EQ(Ids(f), std::vector<std::string>{"a1"});
  f.country = "LBY";  // As location.
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"b1", "a2"}));
  f = {};
  f.cameo = "19";
  EXPECT_EQ(Count(f), 2);
  f.cameo = "195";
  EXPECT_EQ(Ids(f), std::vector<std::string>{"b1"});
  f = {};
  f.roots = {"01", "02"};
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"c1", "a1"}));
  f = {};
  f.plover = {"ASSAULT"};
  EXPECT_EQ(Count(f), 2);
  f = {};
  f.modalities = {"negated", "reported"};
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"c1", "a2"}));
  f = {};
  f.attributions = {"anonymous"};
  EXPECT_EQ(Ids(f), std::vector<std::string>{"a2"});
  f = {};
  f.from = "2016-02-17";
  f.to = "2016-02-19";
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"b1", "a2"}));
  f = {};
  f.bbox = BoundingBox{12, 30, 14, 34};  // Around Tripoli only.
  EXPECT_EQ(Ids(f), std::vector<std::string>{"a2"});
  f.bbox = BoundingBox{10, 25, 20, 35};
  EXPECT_EQ(Count(f), 2);
  f = {};
  f.doc_id = "doc-b";
  f.actor = "USA";
  f.roots = {"19"};
  f.from = "2016-02-20";
  EXPECT_EQ(Ids(f), std::vector<std::string>{"b2"});
}

TEST_P(StoreTest, ActorsTimelineNetworkAndStats) {
  PutAll();
  auto actors = store_->Actors({}, ActorRole::kAny, 10);
  ASSERT_TRUE(actors.ok()) << actors.status().ToString();
  ASSERT_GE(actors->size(), 2u);
  EXPECT_EQ((*actors)[0].code, "IMGISI");  // 2 as target; ties broken by code.
  EXPECT_EQ((*actors)[0].as_target, 2);
  EXPECT_EQ((*actors)[1].code, "USAMIL");
  EXPECT_EQ((*actors)[1].as_source, 2);
  auto targets = store_->Actors({}, ActorRole::kTarget, 10);
  ASSERT_TRUE(targets.ok());
  ASSERT_EQ(targets->size(), 2u);  // IMGISI, DZA
  EXPECT_EQ((*targets)[1].code, "DZA");
  EXPECT_EQ((*targets)[1].as_source, 0);

  auto days = store_->Timeline({}, TimelineInterval::kDay, TimelineKey::kRoot);
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 4u);  // 01 02 04 19
  const TimelineSeries& r19 = (*days)[3];
  EXPECT_EQ(r19.key, "19");
  EXPECT_EQ(r19.total, 2);
  ASSERT_EQ(r19.points.size(), 2u);
  EXPECT_EQ(r19.points[0], (std::pair<std::string, int64_t>{"2016-02-19", 1}));
  auto weeks = store_->Timeline({}, TimelineInterval::kWeek, TimelineKey::kQuad);
  ASSERT_TRUE(weeks.ok());
  ASSERT_EQ(weeks->size(), 2u);  // Quad 1 and 4.
  EXPECT_EQ((*weeks)[0].key, "1");
  // 2016-02-16 (Tue) and -17 fall in the week of Monday 2016-02-15; 03-01 is a Tuesday.
  EXPECT_EQ((*weeks)[0].points,
            (std::vector<std::pair<std::string, int64_t>>{{"2016-02-15", 2}, {"2016-02-29", 1}}));
  // 02-19 (Fri) -> week of 02-15; 02-22 is a Monday.
  EXPECT_EQ((*weeks)[1].points,
            (std::vector<std::pair<std::string, int64_t>>{{"2016-02-15", 1}, {"2016-02-22", 1}}));
  auto plover = store_->Timeline({}, TimelineInterval::kDay, TimelineKey::kPlover);
  ASSERT_TRUE(plover.ok());
  EXPECT_EQ(plover->back().key, "none");  // c1 has no PLOVER type.

  auto net = store_->ActorNetwork({}, 1, 100);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  ASSERT_EQ(net->edges.size(), 2u);
  EXPECT_EQ(net->edges[0].source, "USAMIL");
  EXPECT_EQ(net->edges[0].target, "IMGISI");
  EXPECT_EQ(net->edges[0].count, 2);
  EXPECT_DOUBLE_EQ(net->edges[0].goldstein, -10);
  EXPECT_EQ(net->nodes.size(), 4u);
  EXPECT_EQ(net->nodes[0].count, 2);
  auto strong = store_->ActorNetwork({}, 2, 100);
  ASSERT_TRUE(strong.ok());
  EXPECT_EQ(strong->edges.size(), 1u);

  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 3);
  EXPECT_EQ(stats->events, 5);
  EXPECT_EQ(stats->sentences, 4);
  EXPECT_EQ(stats->roots.at("19"), 2);
  EXPECT_EQ(stats->first_date, "2016-02-16");
  EXPECT_EQ(stats->last_date, "2016-03-01");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(ContentHash, DependsOnTextPublishedAndEngine) {
  Document d;
  d.id = "x";
  d.text = "نص";
  d.published = "2016-01-01";
  const std::string h = DocumentContentHash(d, "rasd 1");
  EXPECT_EQ(h.size(), 32u);
  EXPECT_EQ(h, DocumentContentHash(d, "rasd 1"));
  EXPECT_NE(h, DocumentContentHash(d, "rasd 2"));
  Document e = d;
  e.published = "2016-01-02";
  EXPECT_NE(h, DocumentContentHash(e, "rasd 1"));
  e = d;
  e.text += " ";
  EXPECT_NE(h, DocumentContentHash(e, "rasd 1"));
}

TEST(RedactedUrl, HidesPasswords) {
  EXPECT_EQ(RedactedUrl("postgresql://u:secret@db:5432/x"), "postgresql://u:***@db:5432/x");
  EXPECT_EQ(RedactedUrl("postgresql://u@db/x"), "postgresql://u@db/x");
  EXPECT_EQ(RedactedUrl("rasd.db"), "rasd.db");
}

TEST(StoreOpen, RefusesAMissingFileWhenAskedNotToCreate) {
  StoreOptions opts;
  opts.create_if_missing = false;
  auto s = Store::Open("/nonexistent-dir/x.db", opts);
  EXPECT_EQ(s.status().code(), Status::Code::kNotFound);
  auto bad = Store::Open("postgresql://nobody@/nodb?host=/nonexistent&port=1");
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace rasd
