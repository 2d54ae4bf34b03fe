// Pipeline assembly: loads the compiled resources and runs the stages in order.
#include "rasd/pipeline.h"

#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>

#include "pipeline/stages.h"

namespace rasd {
namespace {

bool IsDir(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string ExeDir() {
  char buf[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  std::string p(buf, n);
  const auto slash = p.rfind('/');
  return slash == std::string::npos ? "." : p.substr(0, slash);
}

}  // namespace

std::string ResolveDataDir(const std::string& requested) {
  if (!requested.empty()) return requested;
  if (const char* env = std::getenv("RASD_DATA"); env && *env) return env;
  const std::string next_to_binary = ExeDir() + "/data";
  if (IsDir(next_to_binary)) return next_to_binary;
  const std::string build_tree = std::string(RASD_SOURCE_DIR) + "/build/data";
  if (IsDir(build_tree)) return build_tree;
  return next_to_binary;
}

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Load(const PipelineOptions& opts) {
  auto impl = std::make_unique<Impl>();
  impl->data_dir = ResolveDataDir(opts.data_dir);
  if (Status st = impl->LoadResources(opts); !st.ok()) return st;
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

const std::string& Pipeline::data_dir() const { return impl_->data_dir; }

void Pipeline::Annotate(const Document& doc, Workspace* ws, AnnotatedDocument* out) const {
  out->doc = doc;
  Run(ws, out);
}

void Pipeline::Annotate(Document&& doc, Workspace* ws, AnnotatedDocument* out) const {
  out->doc = std::move(doc);
  Run(ws, out);
}

void Pipeline::Run(Workspace* ws, AnnotatedDocument* out) const {
  const Document& doc = out->doc;
  out->sentences.clear();
  out->mentions.clear();
  out->events.clear();
  ws->clear();
  impl_->AnalyzeText(doc, ws);
  for (const Sentence& s : ws->sentences) out->sentences.push_back(s.span);
  if (doc.text.size() <= kMaxRecognitionBytes) {
    impl_->Recognize(doc, ws, out);
    impl_->Extract(doc, ws, out);
    return;
  }
  // A long document (no news article is): recognise and code it a run of
  // whole sentences at a time. Some of the lexicon and coding stages compare
  // every trigger with every actor of the document, which on a 3 MB text
  // takes minutes; per chunk the cost is linear in the document's length.
  std::vector<Sentence> all;
  all.swap(ws->sentences);
  AnnotatedDocument part;
  for (size_t first = 0; first < all.size();) {
    size_t last = first, bytes = 0;
    while (last < all.size() && (last == first || bytes + all[last].span.size() <= kMaxRecognitionBytes))
      bytes += all[last++].span.size();
    ws->sentences.assign(all.begin() + first, all.begin() + last);
    part.mentions.clear();
    part.events.clear();
    impl_->Recognize(doc, ws, &part);
    impl_->Extract(doc, ws, &part);
    for (Mention& m : part.mentions) out->mentions.push_back(std::move(m));
    for (Event& e : part.events) {
      e.sentence_index += static_cast<uint32_t>(first);  // Chunk-relative -> document.
      e.event_id = extract::MakeEventId(e);
      out->events.push_back(std::move(e));
    }
    first = last;
  }
  ws->sentences.swap(all);
}

void Pipeline::Impl::AnalyzeText(const Document& doc, Workspace* ws) const {
  text::Normalize(doc.text, &ws->nt);
  std::vector<Span> nspans;
  text::SplitSentences(ws->nt.text, &nspans);
  for (const Span& ns : nspans) {
    Sentence s;
    s.nbegin = ns.begin;
    s.nend = ns.end;
    s.span = ws->nt.ToOriginal(ns.begin, ns.end);
    // The original span ends at the last kept character's end, not at the
    // origin of the following (possibly deleted) characters.
    s.tok_begin = static_cast<uint32_t>(ws->tokens.size());
    text::Tokenize(ws->nt, ns.begin, ns.end, segmenter, &ws->tokens);
    s.tok_end = static_cast<uint32_t>(ws->tokens.size());
    ws->sentences.push_back(s);
  }
}

}  // namespace rasd
