// The API handlers over a SQLite store of hand-built documents: shapes,
// filters, errors, exports, and a little fuzzing of query strings.
#include "server/api.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "rasd/text.h"
#include "server/server.h"
#include "store/store_testing.h"

namespace rasd::server {
namespace {

using nlohmann::json;
using store_testing::AddEvent;
using store_testing::EventSpec;
using store_testing::MakeDoc;

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    temp_ = std::make_unique<store_testing::TempStore>("sqlite", &why);
    ASSERT_NE(temp_->get(), nullptr) << why;
    auto a =
        MakeDoc("doc-a", "روسيا تدعو الجزائر إلى الحوار\nوزار وفد أمريكي مستشفى في طرابلس", "2016-02-16");
    AddEvent(&a, EventSpec{.id = "a1",
                           .trigger = "تدعو",
                           .source = "روسيا",
                           .source_code = "RUS",
                           .target = "الجزائر",
                           .target_code = "DZA",
                           .cameo = "0212",
                           .root = "02",
                           .goldstein = 3,
                           .plover = "REQUEST",
                           .date = "2016-02-16"});
    AddEvent(&a, EventSpec{.id = "a2",
                           .trigger = "زار",
                           .source = "أمريكي",
                           .source_code = "USAGOV",
                           .cameo = "042",
                           .root = "04",
                           .goldstein = 1.9,
                           .plover = "CONSULT",
                           .modality = Modality::kReported,
                           .attribution = AttributionKind::kAnonymous,
                           .attribution_text = "وفد",
                           .date = "2016-02-17",
                           .place = "طرابلس",
                           .place_country = "LBY",
                           .lat = 32.9,
                           .lon = 13.2});
    auto b = MakeDoc("doc-b", "قصفت القوات الأمريكية مواقع لتنظيم داعش في سرت", "2016-02-20");
    AddEvent(&b, EventSpec{.id = "b1",
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
                           .lon = 16.6});
    ASSERT_TRUE(temp_->get()->PutDocument(a).ok());
    ASSERT_TRUE(temp_->get()->PutDocument(b).ok());
  }

  ApiResponse Get(const std::string& path, const Params& params = {}) {
    return HandleApi(temp_->get(), path, params);
  }

  json GetJson(const std::string& path, const Params& params = {}, int status = 200) {
    ApiResponse r = Get(path, params);
    EXPECT_EQ(r.status, status) << path << ": " << r.body;
    EXPECT_EQ(r.content_type, kJsonType);
    return json::parse(r.body);
  }

  std::unique_ptr<store_testing::TempStore> temp_;
};

TEST_F(ApiTest, EventsListHasTheContractShape) {
  json j = GetJson("/api/events");
  EXPECT_EQ(j["total"], 3);
  EXPECT_EQ(j["offset"], 0);
  EXPECT_EQ(j["limit"], 50);
  ASSERT_EQ(j["events"].size(), 3u);
  const json& e = j["events"][0];
  EXPECT_EQ(e["event_id"], "b1");
  EXPECT_EQ(e["doc_title"], "قصفت القوات الأمريكية مواقع لتنظيم داعش في سرت");
  EXPECT_EQ(e["published"], "2016-02-20");
  for (const char* k : {"doc_id", "sentence_index", "sentence", "trigger", "source", "target", "cameo",
                        "cameo_root", "goldstein", "quad_class", "plover", "modality", "attribution", "date",
                        "date_precision", "location", "confidence", "rule"}) {
    EXPECT_TRUE(e.contains(k)) << k;
  }
  EXPECT_EQ(e["source"]["code"], "USAMIL");
  EXPECT_EQ(e["location"]["country"], "LBY");
  EXPECT_EQ(j["events"][2]["target"]["text"], "الجزائر");
  // Paging, and limits clamped to 1000.
  j = GetJson("/api/events", {{"offset", "1"}, {"limit", "1"}});
  EXPECT_EQ(j["total"], 3);
  ASSERT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["event_id"], "a2");
  EXPECT_EQ(GetJson("/api/events", {{"limit", "5000"}})["limit"], 1000);
}

TEST_F(ApiTest, EventFiltersFromTheQueryString) {
  auto ids = [&](const Params& p) {
    std::vector<std::string> out;
    const json j = GetJson("/api/events", p);
    for (const auto& e : j["events"]) out.push_back(e["event_id"]);
    return out;
  };
  EXPECT_EQ(ids({{"actor", "usa"}}), (std::vector<std::string>{"b1", "a2"}));
  EXPECT_EQ(ids({{"source", "RUS"}}), std::vector<std::string>{"a1"});
  EXPECT_EQ(ids({{"target", "IMG"}}), std::vector<std::string>{"b1"});
  EXPECT_EQ(ids({{"country", "lby"}}), (std::vector<std::string>{"b1", "a2"}));
  EXPECT_EQ(ids({{"cameo", "04"}}), std::vector<std::string>{"a2"});
  EXPECT_EQ(ids({{"root", "2,19"}}), (std::vector<std::string>{"b1", "a1"}));
  EXPECT_EQ(ids({{"root", "02"}, {"root", "04"}}), (std::vector<std::string>{"a2", "a1"}));
  EXPECT_EQ(ids({{"plover", "assault"}}), std::vector<std::string>{"b1"});
  EXPECT_EQ(ids({{"modality", "reported"}}), std::vector<std::string>{"a2"});
  EXPECT_EQ(ids({{"attribution", "none"}}), (std::vector<std::string>{"b1", "a1"}));
  EXPECT_EQ(ids({{"from", "2016-02-17"}, {"to", "2016-02-18"}}), std::vector<std::string>{"a2"});
  EXPECT_EQ(ids({{"bbox", "12,30,14,34"}}), std::vector<std::string>{"a2"});
  EXPECT_EQ(ids({{"q", "والجزائر"}}), (std::vector<std::string>{"a2", "a1"}));
  EXPECT_EQ(ids({{"doc", "doc-b"}}), std::vector<std::string>{"b1"});
  EXPECT_EQ(ids({{"actor", ""}, {"q", " "}}).size(), 3u);  // Empty values do not filter.
}

TEST_F(ApiTest, BadParametersAre400sNamingTheParameter) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"from", "2016-13-01"}, {"from", "16/02/2016"}, {"to", "2016-02-30"}, {"country", "Libya"},
      {"actor", "US A"},      {"cameo", "04x"},       {"root", "123"},      {"modality", "sure"},
      {"attribution", "x"},   {"bbox", "1,2,3"},      {"bbox", "a,b,c,d"},  {"bbox", "0,95,1,96"},
      {"offset", "-1"},       {"limit", "ten"},       {"format", "xml"},    {"q", "!!!"},
      {"plover", "A;DROP"}};
  for (const auto& [name, value] : bad) {
    ApiResponse r = Get("/api/events", {{name, value}});
    EXPECT_EQ(r.status, 400) << name << "=" << value << ": " << r.body;
    json j = json::parse(r.body);
    EXPECT_NE(j["error"].get<std::string>().find("'" + name + "'"), std::string::npos) << j["error"];
  }
  ApiResponse r = Get("/api/events", {{"from", "2016-03-01"}, {"to", "2016-02-01"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Get("/api/timeline", {{"interval", "month"}}).status, 400);
  EXPECT_EQ(Get("/api/timeline", {{"by", "actor"}}).status, 400);
  EXPECT_EQ(Get("/api/actors", {{"role", "both"}}).status, 400);
  EXPECT_EQ(Get("/api/network", {{"min", "-2"}}).status, 400);
  EXPECT_EQ(Get("/api/documents", {{"q", "؟؟"}}).status, 400);
}

TEST_F(ApiTest, EventAndDocumentById) {
  json j = GetJson("/api/events/a2");
  EXPECT_EQ(j["event"]["event_id"], "a2");
  EXPECT_EQ(j["event"]["attribution"]["kind"], "anonymous");
  const json& d = j["document"];
  EXPECT_EQ(d["id"], "doc-a");
  EXPECT_EQ(d["sentences"].size(), 2u);
  EXPECT_EQ(d["events"].size(), 2u);
  EXPECT_TRUE(d["url"].is_null());
  bool place = false;
  for (const auto& m : d["mentions"]) {
    for (const char* k : {"kind", "text", "start", "end"}) EXPECT_TRUE(m.contains(k));
    if (m["kind"] == "place") {
      place = true;
      EXPECT_EQ(m["country"], "LBY");
      EXPECT_DOUBLE_EQ(m["lat"].get<double>(), 32.9);
    }
    if (m["kind"] == "trigger") {
      EXPECT_TRUE(m.contains("cameo"));
    }
  }
  EXPECT_TRUE(place);
  // Offsets are code points into the document text.
  std::u32string text32;
  const std::string text = d["text"];
  for (size_t p = 0; p < text.size();) text32.push_back(text::DecodeUtf8(text, &p));
  const json& trig = j["event"]["trigger"];
  std::string slice;
  for (int i = trig["start"]; i < trig["end"].get<int>(); ++i) text::AppendUtf8(text32[i], &slice);
  EXPECT_EQ(slice, "زار");

  EXPECT_EQ(GetJson("/api/documents/doc-b")["events"].size(), 1u);
  json missing = GetJson("/api/events/nope", {}, 404);
  EXPECT_NE(missing["error"].get<std::string>().find("nope"), std::string::npos);
  GetJson("/api/documents/nope", {}, 404);
  GetJson("/api/nothing", {}, 404);
  GetJson("/api", {}, 404);
}

TEST_F(ApiTest, DocumentsActorsTimelineNetworkStatsHealth) {
  json j = GetJson("/api/documents", {{"q", "مستشفي"}});
  EXPECT_EQ(j["total"], 1);
  ASSERT_EQ(j["documents"].size(), 1u);
  const json& d = j["documents"][0];
  EXPECT_EQ(d["id"], "doc-a");
  EXPECT_EQ(d["events"], 2);
  EXPECT_TRUE(d["snippet"].is_string());
  EXPECT_TRUE(d["match"].is_object());
  EXPECT_EQ(GetJson("/api/documents")["total"], 2);

  j = GetJson("/api/actors", {{"role", "source"}});
  ASSERT_EQ(j["actors"].size(), 3u);
  for (const auto& a : j["actors"]) {
    EXPECT_EQ(a["count"], a["as_source"]);
    EXPECT_TRUE(a.contains("as_target"));
  }

  j = GetJson("/api/timeline", {{"interval", "week"}, {"by", "quad"}});
  EXPECT_EQ(j["interval"], "week");
  ASSERT_EQ(j["series"].size(), 2u);
  EXPECT_EQ(j["series"][0]["key"], "1");
  EXPECT_EQ(j["series"][0]["points"][0]["date"], "2016-02-15");
  EXPECT_EQ(j["series"][0]["points"][0]["count"], 2);

  j = GetJson("/api/network");
  ASSERT_EQ(j["edges"].size(), 2u);
  EXPECT_TRUE(j["edges"][0].contains("goldstein"));
  EXPECT_EQ(j["nodes"].size(), 4u);
  EXPECT_EQ(GetJson("/api/network", {{"min", "2"}})["edges"].size(), 0u);

  j = GetJson("/api/stats");
  EXPECT_EQ(j["documents"], 2);
  EXPECT_EQ(j["events"], 3);
  EXPECT_EQ(j["roots"]["19"], 1);
  EXPECT_EQ(j["first_date"], "2016-02-16");
  EXPECT_EQ(j["last_date"], "2016-02-19");
  EXPECT_EQ(j["engine"], "rasd " RASD_VERSION);
  EXPECT_EQ(GetJson("/api/health")["ok"], true);
}

TEST_F(ApiTest, ExportsCsvAndJsonl) {
  ApiResponse r = Get("/api/events", {{"format", "csv"}, {"actor", "USA"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.filename, "rasd-events.csv");
  ASSERT_TRUE(r.export_query.has_value());
  std::string csv;
  ASSERT_TRUE(WriteExport(temp_->get(), *r.export_query, [&](std::string_view s) {
                csv += s;
                return true;
              }).ok());
  EXPECT_EQ(csv.substr(0, csv.find('\n') + 1), CsvHeader());
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);  // Header + 2 events.
  EXPECT_NE(csv.find("b1,doc-b,"), std::string::npos);

  r = Get("/api/events", {{"format", "jsonl"}, {"limit", "1"}});
  ASSERT_TRUE(r.export_query.has_value());
  std::string lines;
  ASSERT_TRUE(WriteExport(temp_->get(), *r.export_query, [&](std::string_view s) {
                lines += s;
                return true;
              }).ok());
  EXPECT_EQ(json::parse(lines.substr(0, lines.find('\n')))["event_id"], "b1");
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 1);
}

TEST_F(ApiTest, RandomQueryStringsNeverCrash) {
  std::mt19937 rng(42);
  const std::vector<std::string> names = {
      "actor",       "source",   "target", "country", "cameo", "root", "plover", "modality",
      "attribution", "from",     "to",     "bbox",    "q",     "doc",  "offset", "limit",
      "format",      "interval", "by",     "role",    "min",   "x"};
  const std::vector<std::string> paths = {"/api/events",      "/api/documents", "/api/actors",
                                          "/api/timeline",    "/api/network",   "/api/events/",
                                          "/api/documents/x", "/api/stats"};
  const std::string alphabet = "aZ09-,.:*%'\";\\/ \x01\xff\xd8\xa7\xd9\x84";
  for (int i = 0; i < 400; ++i) {
    Params p;
    const int n = rng() % 4;
    for (int k = 0; k < n; ++k) {
      std::string v;
      const int len = rng() % 12;
      for (int c = 0; c < len; ++c) v.push_back(alphabet[rng() % alphabet.size()]);
      p.emplace(names[rng() % names.size()], v);
    }
    ApiResponse r = Get(paths[rng() % paths.size()], p);
    EXPECT_TRUE(r.status == 200 || r.status == 400 || r.status == 404) << r.status << " " << r.body;
    if (!r.export_query) {
      EXPECT_TRUE(json::accept(r.body)) << r.body;
    }
  }
}

// ---- Writes -------------------------------------------------------------------

const Pipeline& SharedPipeline() {
  static std::unique_ptr<Pipeline> pipeline = [] {
    PipelineOptions opts;
    opts.data_dir = std::string(RASD_BUILD_DIR) + "/data";
    auto p = Pipeline::Load(opts);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(p.value()) : nullptr;
  }();
  return *pipeline;
}

TEST(WriteAuth, TokenIsRequiredAndComparedExactly) {
  const std::string token = "s3cret-token-0123456789";
  // No configured token: writes are off for everyone.
  EXPECT_EQ(CheckWriteAuth("", "Bearer " + token).status, 403);
  EXPECT_EQ(CheckWriteAuth("", "").status, 403);
  // Missing, malformed or wrong credentials.
  EXPECT_EQ(CheckWriteAuth(token, "").status, 401);
  EXPECT_EQ(CheckWriteAuth(token, token).status, 401);  // No scheme.
  EXPECT_EQ(CheckWriteAuth(token, "Basic " + token).status, 401);
  EXPECT_EQ(CheckWriteAuth(token, "Bearer").status, 401);
  EXPECT_EQ(CheckWriteAuth(token, "Bearer ").status, 401);
  EXPECT_EQ(CheckWriteAuth(token, "Bearer " + token.substr(0, token.size() - 1)).status, 401);  // Prefix.
  EXPECT_EQ(CheckWriteAuth(token, "Bearer " + token + "x").status, 401);                        // Longer.
  std::string flipped = token;
  flipped[5] ^= 1;
  EXPECT_EQ(CheckWriteAuth(token, "Bearer " + flipped).status, 401);
  // The right one, with the scheme in any case and surrounding spaces.
  EXPECT_EQ(CheckWriteAuth(token, "Bearer " + token).status, 0);
  EXPECT_EQ(CheckWriteAuth(token, "  bearer   " + token + " ").status, 0);
  EXPECT_EQ(CheckWriteAuth(token, "BEARER " + token).status, 0);

  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcabc"));  // Same bytes repeated.
  EXPECT_FALSE(ConstantTimeEquals("abc", ""));
  EXPECT_FALSE(ConstantTimeEquals("", ""));  // An empty secret never matches.

  EXPECT_TRUE(IsWriteRequest("POST", "/api/documents"));
  EXPECT_TRUE(IsWriteRequest("DELETE", "/api/documents/x"));
  EXPECT_TRUE(IsWriteRequest("PUT", "/api/events"));
  EXPECT_FALSE(IsWriteRequest("GET", "/api/documents"));
  EXPECT_FALSE(IsWriteRequest("POST", "/index.html"));
  EXPECT_FALSE(IsWriteRequest("POST", "/apix"));
}

TEST_F(ApiTest, PostDocumentsCodesAndStoresThem) {
  const Pipeline& pipeline = SharedPipeline();
  Store* store = temp_->get();
  const std::string one =
      R"({"id": "up-1", "title": "روسيا تدعو الجزائر إلى الحوار", "text": "دعت روسيا اليوم الثلاثاء الجزائر إلى استئناف الحوار مع ليبيا.", "published": "2016-02-16", "url": "https://example.com/1", "source": "وكالة"})";
  ApiResponse r = HandleApiWrite(store, pipeline, "POST", "/api/documents", one);
  ASSERT_EQ(r.status, 201) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["new"], 1);
  ASSERT_EQ(j["documents"].size(), 1u);
  EXPECT_EQ(j["documents"][0]["id"], "up-1");
  EXPECT_EQ(j["documents"][0]["outcome"], "new");
  const int events = j["documents"][0]["events"];
  EXPECT_GT(events, 0) << "the coder finds the request event in the uploaded sentence";
  // Readable through the GET API, coded as `rasd ingest` would code it.
  json doc = GetJson("/api/documents/up-1");
  EXPECT_EQ(doc["title"], "روسيا تدعو الجزائر إلى الحوار");
  EXPECT_EQ(doc["url"], "https://example.com/1");
  EXPECT_EQ(doc["published"], "2016-02-16");
  EXPECT_EQ(static_cast<int>(doc["events"].size()), events);
  EXPECT_EQ(GetJson("/api/documents", {{"q", "استئناف"}})["total"], 1);

  // The same again: unchanged (200, not 201); an array and JSON lines work too.
  r = HandleApiWrite(store, pipeline, "POST", "/api/documents", "[" + one + "]");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["unchanged"], 1);
  r = HandleApiWrite(store, pipeline, "POST", "/api/documents",
                     R"({"id": "up-2", "text": "أدانت فرنسا الهجوم على السفارة في باريس."})"
                     "\n\n"
                     R"({"id": 17, "text": "تظاهر مئات المحتجين في تونس."})"
                     "\n");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["new"], 2);
  EXPECT_EQ(GetJson("/api/documents/17")["text"], "تظاهر مئات المحتجين في تونس.");
  EXPECT_EQ(GetJson("/api/stats")["documents"], 5);
}

TEST_F(ApiTest, BadUploadsStoreNothing) {
  const Pipeline& pipeline = SharedPipeline();
  Store* store = temp_->get();
  const std::string good = R"({"id": "ok-1", "text": "دعت روسيا الجزائر إلى الحوار."})";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"", "empty body"},
      {"   \n ", "empty body"},
      {"not json", "not valid JSON"},
      {"[]", "no documents"},
      {"42", "not a JSON object"},
      {R"({"text": "بلا معرف"})", "'id'"},
      {R"({"id": "", "text": "x"})", "'id'"},
      {R"({"id": ["a"], "text": "x"})", "'id'"},
      {R"({"id": "x"})", "'text'"},
      {R"({"id": "x", "text": 5})", "'text'"},
      {"{\"id\": \"" + std::string(kMaxIdBytes + 1, 'a') + "\", \"text\": \"x\"}", "longer than"},
      // One bad document among good ones: the good ones are not stored either.
      {good + "\n" + R"({"id": "ok-2"})", "document 2"},
      {good + "\n" + good, "given twice"},
      {good + "\n{broken", "line 2"},
  };
  for (const auto& [body, why] : bad) {
    ApiResponse r = HandleApiWrite(store, pipeline, "POST", "/api/documents", body);
    EXPECT_EQ(r.status, 400) << body.substr(0, 80) << ": " << r.body;
    ASSERT_TRUE(json::accept(r.body)) << r.body;
    EXPECT_NE(json::parse(r.body)["error"].get<std::string>().find(why), std::string::npos)
        << why << " in " << r.body;
  }
  EXPECT_EQ(GetJson("/api/stats")["documents"], 2);
  EXPECT_EQ(Get("/api/documents/ok-1").status, 404);
  // More documents than one request may carry.
  std::string many;
  for (size_t i = 0; i <= kMaxUploadDocuments; ++i)
    many += "{\"id\": \"m" + std::to_string(i) + "\", \"text\": \"x\"}\n";
  ApiResponse r = HandleApiWrite(store, pipeline, "POST", "/api/documents", many);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("at most"), std::string::npos) << r.body;
  EXPECT_EQ(GetJson("/api/stats")["documents"], 2);
}

TEST_F(ApiTest, DeleteRemovesADocumentAndOtherWritesAre405) {
  const Pipeline& pipeline = SharedPipeline();
  Store* store = temp_->get();
  ApiResponse r = HandleApiWrite(store, pipeline, "DELETE", "/api/documents/doc-b", "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["deleted"], "doc-b");
  EXPECT_EQ(Get("/api/documents/doc-b").status, 404);
  EXPECT_EQ(Get("/api/events/b1").status, 404);
  EXPECT_EQ(GetJson("/api/events")["total"], 2);
  r = HandleApiWrite(store, pipeline, "DELETE", "/api/documents/doc-b", "");
  EXPECT_EQ(r.status, 404) << r.body;
  r = HandleApiWrite(store, pipeline, "DELETE", "/api/documents/" + std::string(kMaxIdBytes + 1, 'x'), "");
  EXPECT_EQ(r.status, 400) << r.body;
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"DELETE", "/api/documents"},
                                                        {"PUT", "/api/documents"},
                                                        {"POST", "/api/documents/doc-a"},
                                                        {"POST", "/api/events"},
                                                        {"DELETE", "/api/events/a1"},
                                                        {"PATCH", "/api/stats"}}) {
    r = HandleApiWrite(store, pipeline, method, path, "{}");
    EXPECT_EQ(r.status, 405) << method << " " << path << ": " << r.body;
  }
  EXPECT_EQ(GetJson("/api/events")["total"], 2);
}

TEST_F(ApiTest, RequestValuesAreBounded) {
  // Ids and full-text queries have a maximum length; limits are clamped.
  EXPECT_EQ(Get("/api/documents/" + std::string(kMaxIdBytes + 1, 'd')).status, 400);
  EXPECT_EQ(Get("/api/events/" + std::string(kMaxIdBytes + 1, 'e')).status, 400);
  const std::string long_q(1001, 'a');
  EXPECT_EQ(Get("/api/documents", {{"q", long_q}}).status, 400);
  EXPECT_EQ(Get("/api/events", {{"q", long_q}}).status, 400);
  EXPECT_EQ(GetJson("/api/documents", {{"limit", "999999"}})["limit"], 1000);
  EXPECT_EQ(GetJson("/api/events", {{"limit", "999999"}})["limit"], 1000);
  EXPECT_EQ(Get("/api/events", {{"offset", "99999999999"}}).status, 400);
}

TEST(StaticFiles, PathsStayInsideTheWebDirectory) {
  const std::string root = std::filesystem::temp_directory_path() / "rasd-web-test";
  std::filesystem::create_directories(root + "/assets");
  std::ofstream(root + "/index.html") << "<html></html>";
  std::ofstream(root + "/assets/app.js") << "x";
  EXPECT_EQ(*ResolveStaticPath(root, "/"), std::filesystem::weakly_canonical(root + "/index.html").string());
  EXPECT_EQ(*ResolveStaticPath(root, "/assets/app.js"),
            std::filesystem::weakly_canonical(root + "/assets/app.js").string());
  for (const char* bad :
       {"/../etc/passwd", "/assets/../../x", "/./index.html", "/a\\..\\b", "/..", "/assets/.."}) {
    EXPECT_FALSE(ResolveStaticPath(root, bad).ok()) << bad;
  }
  std::filesystem::remove_all(root);
  EXPECT_STREQ(MimeType("a/b.woff2"), "font/woff2");
  EXPECT_STREQ(MimeType("x.MJS"), "text/javascript; charset=utf-8");
  EXPECT_STREQ(MimeType("index.html"), "text/html; charset=utf-8");
  EXPECT_STREQ(MimeType("x.svg"), "image/svg+xml");
  EXPECT_STREQ(MimeType("dir.v1/file"), "application/octet-stream");
}

}  // namespace
}  // namespace rasd::server
