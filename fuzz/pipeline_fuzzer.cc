// libFuzzer target: one document through the whole engine with the real
// compiled lexicon and models of this build (text layer, lexicon matching,
// NER, event coding) and both JSON outputs. Covers what `rasd code` and
// `rasd annotate` do to a stranger's text after reading it.
//
// Input: the document text (invalid UTF-8 is sanitised, as the readers do).
// The data directory is $RASD_DATA, else <build dir>/data.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "rasd/output.h"
#include "rasd/pipeline.h"

namespace {

using rasd::fuzz::Check;
using rasd::fuzz::InText;

const rasd::Pipeline* ThePipeline() {
  static const rasd::Pipeline* p = [] {
    rasd::PipelineOptions opts;
    const char* env = std::getenv("RASD_DATA");
    opts.data_dir = env && *env ? env : RASD_BUILD_DIR "/data";
    auto r = rasd::Pipeline::Load(opts);
    if (!r.ok()) {
      std::fprintf(stderr, "pipeline_fuzzer: %s\n", r.status().message().c_str());
      std::exit(2);
    }
    return r.value().release();
  }();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ThePipeline();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rasd::Document doc;
  doc.id = "fuzz";
  rasd::text::SanitizeUtf8(std::string_view(reinterpret_cast<const char*>(data), size), &doc.text);
  doc.published = rasd::FindDateline(doc.text);
  if (doc.published.empty()) doc.published = "2016-02-16";

  static rasd::Workspace ws;  // Reused, as the runner does.
  rasd::AnnotatedDocument ad;
  ThePipeline()->Annotate(doc, &ws, &ad);

  const std::string& t = doc.text;
  for (const auto& s : ad.sentences) Check(InText(s, t));
  for (const auto& m : ad.mentions) Check(InText(m.span, t));
  for (const auto& e : ad.events) {
    Check(InText(e.sentence, t) && InText(e.trigger, t));
    Check(e.trigger.begin >= e.sentence.begin && e.trigger.end <= e.sentence.end);
    if (e.source) Check(InText(e.source->span, t));
    if (e.target) Check(InText(e.target->span, t));
    if (e.location) Check(InText(e.location->span, t));
    Check(InText(e.attribution, t));
    Check(!e.cameo.empty());
  }

  rasd::CodePointIndex cpi;
  cpi.Build(t);
  std::string out;
  rasd::AppendAnnotationJson(ad, cpi, &out);
  for (const auto& e : ad.events) rasd::AppendEventJson(e, ad.doc, cpi, &out);
  Check(rasd::fuzz::ValidUtf8(out));
  return 0;
}
