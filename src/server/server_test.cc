// The HTTP layer of `rasd serve` over real sockets (docs/security.md): loopback
// bind unless allowed, security headers on every response (errors included),
// tokens on write endpoints, bounded bodies and request targets, Host checks
// against DNS rebinding, no CORS by default.
#include "server/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "server/api.h"
#include "store/store_testing.h"

#if __has_include(<httplib.h>)
#include <httplib.h>
#define RASD_TEST_HTTP 1
#endif

namespace rasd::server {
namespace {

using nlohmann::json;

TEST(ServerAddress, OnlyLoopbackHostsAreLocal) {
  for (const char* h :
       {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(IsLoopbackHost(h)) << h;
  }
  for (const char* h : {"0.0.0.0", "::", "", "192.168.1.10", "10.0.0.1", "128.0.0.1", "example.com",
                        "localhost.example.com", "::ffff:10.0.0.1", "fe80::1"}) {
    EXPECT_FALSE(IsLoopbackHost(h)) << h;
  }
  for (const char* h : {"", "localhost", "localhost:8080", "127.0.0.1:1", "[::1]:8080", "[::1]"}) {
    EXPECT_TRUE(IsLoopbackHostHeader(h)) << h;
  }
  for (const char* h : {"evil.example:8080", "evil.example", "127.0.0.1.evil.example", "[::1]x", "[::1",
                        "localhost:80x", "10.0.0.1:8080", "[fe80::1]:80"}) {
    EXPECT_FALSE(IsLoopbackHostHeader(h)) << h;
  }
}

TEST(ServerAddress, NonLoopbackBindNeedsAllowRemoteAndTokensMustBeStrong) {
  std::string why;
  store_testing::TempStore temp("sqlite", &why);
  ASSERT_NE(temp.get(), nullptr) << why;
  ServerOptions o;
  o.db = temp.url();
  o.host = "0.0.0.0";
  auto s = Server::Create(o);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("--allow-remote"), std::string::npos) << s.status().message();
  o.allow_remote = true;
  EXPECT_TRUE(Server::Create(o).ok());
  o.host = "127.0.0.1";
  o.allow_remote = false;
  o.token = "short";
  s = Server::Create(o);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("too short"), std::string::npos) << s.status().message();
  o.token = "has a space in the middle";
  EXPECT_FALSE(Server::Create(o).ok());
}

#ifdef RASD_TEST_HTTP

constexpr const char* kToken = "test-token-5f2a9c1e77d04b3a";

// A server on a free loopback port over a store with no documents, running on
// a thread of its own.
class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override { Start({}); }
  void TearDown() override { StopServer(); }

  void Start(ServerOptions o) {
    std::string why;
    if (!temp_) temp_ = std::make_unique<store_testing::TempStore>("sqlite", &why);
    ASSERT_NE(temp_->get(), nullptr) << why;
    web_ = std::filesystem::temp_directory_path() / ("rasd-http-test-" + std::to_string(getpid()));
    std::filesystem::create_directories(web_ + "/assets");
    std::ofstream(web_ + "/index.html") << "<!doctype html><title>t</title>";
    std::ofstream(web_ + "/assets/app.js") << "console.log(1)";
    o.db = temp_->url();
    o.web_dir = web_;
    o.port = 0;
    o.threads = 2;
    o.pipeline.data_dir = std::string(RASD_BUILD_DIR) + "/data";
    auto s = Server::Create(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(s.value());
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(30);
    for (int i = 0; i < 100 && !client_->Get("/api/health"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  void StopServer() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    client_.reset();
    if (!web_.empty()) std::filesystem::remove_all(web_);
  }

  void Restart(ServerOptions o) {
    StopServer();
    Start(std::move(o));
  }

  static void ExpectSecurityHeaders(const httplib::Result& r, const std::string& what) {
    ASSERT_TRUE(r) << what << ": no response";
    for (const auto& [name, value] : SecurityHeaders()) {
      EXPECT_EQ(r->get_header_value(name), value) << what << " (" << r->status << "): " << name;
    }
    const std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << what;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << what;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << what;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << what;
  }

  static std::string Error(const httplib::Result& r) {
    if (!r || !json::accept(r->body)) return "<not JSON>";
    return json::parse(r->body).value("error", "<no error field>");
  }

  httplib::Headers Auth(const std::string& token = kToken) { return {{"Authorization", "Bearer " + token}}; }

  std::unique_ptr<store_testing::TempStore> temp_;
  std::string web_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(HttpTest, EveryResponseCarriesTheSecurityHeaders) {
  ExpectSecurityHeaders(client_->Get("/api/health"), "GET /api/health");
  ExpectSecurityHeaders(client_->Get("/api/events?limit=5"), "GET /api/events");
  ExpectSecurityHeaders(client_->Get("/"), "GET / (the UI)");
  ExpectSecurityHeaders(client_->Get("/assets/app.js"), "GET a script");
  ExpectSecurityHeaders(client_->Get("/missing.png"), "404 static");
  ExpectSecurityHeaders(client_->Get("/api/nope"), "404 API");
  ExpectSecurityHeaders(client_->Get("/api/events?from=bad"), "400");
  ExpectSecurityHeaders(client_->Options("/api/events"), "405");
  ExpectSecurityHeaders(client_->Post("/api/documents", "{}", "application/json"), "403 writes disabled");
  ExpectSecurityHeaders(client_->Get("/api/events?q=" + std::string(5000, 'a')), "414");
  // Errors httplib answers itself: a body over the limit, a request line over its own limit.
  ExpectSecurityHeaders(client_->Post("/api/documents", std::string((1 << 20) + 10, 'x'), "application/json"),
                        "413");
  ExpectSecurityHeaders(client_->Get("/" + std::string(9000, 'a')), "httplib 414");
  // No CORS by default: other web sites cannot read the API from a browser.
  auto r = client_->Get("/api/stats", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
}

TEST_F(HttpTest, WritesAreOffWithoutAToken) {
  auto r = client_->Post("/api/documents", R"({"id":"x","text":"y"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(Error(r).find("--token"), std::string::npos) << r->body;
  r = client_->Delete("/api/documents/x", Auth());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  r = client_->Get("/api/stats");
  ASSERT_TRUE(r);
  EXPECT_EQ(json::parse(r->body)["documents"], 0);
}

TEST_F(HttpTest, WritesNeedTheTokenAndBodiesAndTargetsAreBounded) {
  ServerOptions o;
  o.token = kToken;
  o.max_body_bytes = 64 << 10;
  o.cors_origin = "https://dashboard.example";
  Restart(o);
  const std::string doc =
      R"({"id": "h1", "title": "زيارة", "text": "زار وزير الخارجية الروسي الجزائر اليوم الثلاثاء.", "published": "2016-02-16"})";
  // No token, a wrong one, a near miss: 401 with a Bearer challenge; nothing stored.
  for (const httplib::Headers& h :
       {httplib::Headers{}, Auth("wrong-token-0000000000000"), Auth(std::string(kToken) + "x"),
        httplib::Headers{{"Authorization", kToken}}}) {
    auto r = client_->Post("/api/documents", h, doc, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << r->body;
    EXPECT_EQ(r->get_header_value("WWW-Authenticate").rfind("Bearer", 0), 0u);
    ExpectSecurityHeaders(r, "401");
  }
  EXPECT_EQ(json::parse(client_->Get("/api/stats")->body)["documents"], 0);
  // The token: stored, then readable.
  auto r = client_->Post("/api/documents", Auth(), doc, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "https://dashboard.example");
  r = client_->Get("/api/documents/h1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["title"], "زيارة");
  // A body over --max-body is refused before it is read whole.
  r = client_->Post("/api/documents", Auth(), std::string((64 << 10) + 1, ' '), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(Error(r).find("larger than 65536 bytes"), std::string::npos) << r->body;
  // Deleting needs the token too.
  r = client_->Delete("/api/documents/h1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = client_->Delete("/api/documents/h1", Auth());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(client_->Get("/api/documents/h1")->status, 404);
  // Methods that are never allowed.
  r = client_->Put("/api/documents", Auth(), doc, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  r = client_->Post("/index.html", Auth(), "x", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  // Long request targets: 414 with a JSON error.
  r = client_->Get("/api/events?q=" + std::string(4100, 'a'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 414);
  EXPECT_NE(Error(r).find("longer than 4096"), std::string::npos) << r->body;
}

TEST_F(HttpTest, ForeignHostHeadersAreRefused) {
  // A page on evil.example whose name now resolves to 127.0.0.1 sends its own Host.
  auto r = client_->Get("/api/stats", {{"Host", "evil.example:" + std::to_string(port_)}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 421);
  ExpectSecurityHeaders(r, "421");
  r = client_->Get("/", {{"Host", "evil.example"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 421);
  r = client_->Get("/api/stats", {{"Host", "localhost:" + std::to_string(port_)}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

#endif  // RASD_TEST_HTTP

}  // namespace
}  // namespace rasd::server
