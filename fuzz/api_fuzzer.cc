// libFuzzer target: API request parsing and answering, as `rasd serve` does
// after the HTTP layer: the request path and its decoded query parameters go
// to HandleApi over a small SQLite store of our own (filters, paging, search
// queries, ids reach SQL), the export parser, and the static-file path
// resolver. Every API answer must be valid JSON (or CSV for exports) with a
// 2xx/4xx/5xx status.
//
// Input: "PATH?QUERY" exactly as on the request line, e.g.
// "/api/events?actor=DZA&from=2016-01-01&limit=5"; QUERY is split on '&' and
// '=' and percent-decoded ('+' is a space), as the HTTP layer does.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_util.h"
#include "rasd/store.h"
#include "server/api.h"
#include "server/server.h"
#include "store/store_testing.h"

namespace {

using rasd::fuzz::Check;

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

rasd::Store* TheStore() {
  static rasd::Store* store = [] {
    const std::string path = rasd::fuzz::TempPath("api.db");
    std::filesystem::remove(path);
    auto s = rasd::Store::Open(path);
    if (!s.ok()) {
      std::fprintf(stderr, "api_fuzzer: %s\n", s.status().message().c_str());
      std::exit(2);
    }
    using rasd::store_testing::AddEvent;
    using rasd::store_testing::EventSpec;
    auto a = rasd::store_testing::MakeDoc(
        "doc-a", "روسيا تدعو الجزائر إلى الحوار\nوزار وفد أمريكي مستشفى في طرابلس", "2016-02-16");
    AddEvent(&a, EventSpec{.id = "a1",
                           .trigger = "تدعو",
                           .source = "روسيا",
                           .source_code = "RUS",
                           .target = "الجزائر",
                           .target_code = "DZA",
                           .cameo = "013",
                           .root = "01",
                           .goldstein = 0.4,
                           .quad = 1,
                           .plover = "CONSULT",
                           .date = "2016-02-16"});
    AddEvent(&a, EventSpec{.id = "a2",
                           .trigger = "زار",
                           .source = "وفد أمريكي",
                           .source_code = "USAGOV",
                           .target = "مستشفى",
                           .target_code = "LBYHLH",
                           .cameo = "042",
                           .root = "04",
                           .goldstein = 1.9,
                           .quad = 1,
                           .plover = "CONSULT",
                           .modality = rasd::Modality::kReported,
                           .attribution = rasd::AttributionKind::kAnonymous,
                           .place = "طرابلس",
                           .place_country = "LBY",
                           .lat = 32.9,
                           .lon = 13.2});
    auto b = rasd::store_testing::MakeDoc("doc-b", "هاجم مسلحون قافلة عسكرية قرب بنغازي", "2016-03-01");
    AddEvent(&b, EventSpec{.id = "b1",
                           .trigger = "هاجم",
                           .source = "مسلحون",
                           .source_code = "LBYREB",
                           .target = "قافلة عسكرية",
                           .target_code = "LBYMIL",
                           .cameo = "190",
                           .root = "19",
                           .goldstein = -10,
                           .quad = 4,
                           .plover = "ASSAULT"});
    for (const auto* d : {&a, &b}) {
      auto r = (*s)->PutDocument(*d);
      if (!r.ok()) {
        std::fprintf(stderr, "api_fuzzer: %s\n", r.status().message().c_str());
        std::exit(2);
      }
    }
    return s.value().release();
  }();
  return store;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  TheStore();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view req(reinterpret_cast<const char*>(data), size);
  const size_t qmark = req.find('?');
  const std::string path = Decode(req.substr(0, qmark));
  rasd::server::Params params;
  if (qmark != std::string_view::npos) {
    std::string_view q = req.substr(qmark + 1);
    while (!q.empty()) {
      const size_t amp = q.find('&');
      const std::string_view kv = q.substr(0, amp);
      const size_t eq = kv.find('=');
      if (!kv.empty())
        params.emplace(Decode(kv.substr(0, eq)),
                       eq == std::string_view::npos ? "" : Decode(kv.substr(eq + 1)));
      if (amp == std::string_view::npos) break;
      q.remove_prefix(amp + 1);
    }
  }

  rasd::server::ApiResponse r = rasd::server::HandleApi(TheStore(), path, params);
  Check(r.status >= 200 && r.status < 600);
  if (r.export_query) {
    std::string body;
    const rasd::Status st = rasd::server::WriteExport(TheStore(), *r.export_query, [&](std::string_view s) {
      body.append(s);
      return true;
    });
    Check(st.ok());
    if (r.export_query->format == rasd::server::ExportFormat::kJsonl) {
      size_t b = 0;
      for (size_t e; (e = body.find('\n', b)) != std::string::npos; b = e + 1)
        Check(nlohmann::json::accept(body.substr(b, e - b)));
    }
  } else if (r.content_type == rasd::server::kJsonType) {
    Check(nlohmann::json::accept(r.body));
  }

  rasd::server::ExportQuery eq;
  const rasd::Status st = rasd::server::ParseExportQuery(params, &eq);
  Check(st.ok() || !st.message().empty());

  // The static-file resolver never leaves its root.
  auto file = rasd::server::ResolveStaticPath("/srv/web", path);
  if (file.ok()) {
    Check(file->rfind("/srv/web/", 0) == 0 || *file == "/srv/web");
    Check(file->find("/../") == std::string::npos && file->find('\0') == std::string::npos);
  }
  return 0;
}
