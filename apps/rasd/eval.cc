// `rasd eval events` and `rasd eval gsr`: accuracy figures, misses and false positives.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "command.h"
#include "rasd/eval.h"
#include "rasd/pipeline.h"
#include "rasd/runner.h"

namespace rasd::cli {
namespace {

struct EventsOptions {
  std::string gold, pred;
  std::vector<std::string> inputs;
  int show = 50;
  bool no_ner = false;
  bool neural_ner = false;
};

int RunEvalEvents(const EventsOptions& o, const GlobalOptions& g) {
  std::vector<GoldDocument> gold;
  if (Status st = ReadGoldEvents(o.gold, &gold); !st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitFatal;
  }
  std::vector<PredictedEvent> pred;
  if (!o.pred.empty()) {
    if (Status st = ReadPredictedEvents(o.pred, &pred); !st.ok()) {
      std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
      return kExitFatal;
    }
  } else {
    if (o.inputs.empty()) {
      std::fprintf(stderr, "rasd: give --pred EVENTS.jsonl (output of rasd code) or the documents to code\n");
      return kExitUsage;
    }
    PipelineOptions popts;
    popts.data_dir = g.data_dir;
    popts.use_ner = !o.no_ner;
    popts.ner_neural = o.neural_ner;
    auto pipeline = Pipeline::Load(popts);
    if (!pipeline.ok()) {
      std::fprintf(stderr, "rasd: %s\n", pipeline.status().message().c_str());
      return kExitFatal;
    }
    RunOptions ropts;
    ropts.progress = !g.quiet;
    RunStats stats;
    RunPipeline(**pipeline, o.inputs, ropts,
                [&](const AnnotatedDocument& ad) {
                  for (const Event& ev : ad.events) {
                    PredictedEvent p;
                    p.doc_id = ev.doc_id;
                    p.source = ev.source ? ev.source->code : "";
                    p.target = ev.target ? ev.target->code : "";
                    p.root = ev.cameo_root;
                    p.modality = ModalityName(ev.modality);
                    p.date = ev.date;
                    p.location_country = ev.location ? ev.location->country : "";
                    p.sentence = ad.doc.text.substr(ev.sentence.begin, ev.sentence.size());
                    p.trigger = ad.doc.text.substr(ev.trigger.begin, ev.trigger.size());
                    pred.push_back(std::move(p));
                  }
                  return true;
                },
                &stats);
  }
  const EventScore s = ScoreEvents(gold, pred);
  std::printf("documents %zu  required tuples %zu  predicted tuples %zu (%zu matched only optional gold)\n",
              gold.size(), s.required, s.predicted, s.optional_only);
  std::printf("precision %.3f  recall %.3f  F1 %.3f  (TP %zu, FP %zu, recalled %zu/%zu)\n", s.precision(),
              s.recall(), s.f1(), s.true_pos, s.false_pos, s.matched_required, s.required);
  if (s.loc_checked) std::printf("location accuracy %.3f (%zu/%zu)\n", double(s.loc_correct) / s.loc_checked, s.loc_correct, s.loc_checked);
  if (s.date_checked) std::printf("date accuracy %.3f (%zu/%zu)\n", double(s.date_correct) / s.date_checked, s.date_correct, s.date_checked);
  int shown = 0;
  for (const auto& m : s.misses)
    if (shown++ < o.show) std::printf("MISS  %s\n", m.c_str());
  shown = 0;
  for (const auto& f : s.false_positives)
    if (shown++ < o.show) std::printf("FP    %s\n", f.c_str());
  return kExitOk;
}

struct GsrOptions {
  std::string dir;
  int show = 0;
  int threads = 0;
  bool no_ner = false;
  bool neural_ner = false;
  bool no_filter = false;
};

struct GsrRow {
  std::string id, type, label, text;
};

int RunEvalGsr(const GsrOptions& o, const GlobalOptions& g) {
  PipelineOptions popts;
  popts.data_dir = g.data_dir;
  // Sentence-level detection does not need both actors identified.
  popts.partial_events = true;
  popts.use_ner = !o.no_ner;
  popts.ner_neural = o.neural_ner;
  popts.use_report_filter = !o.no_filter;
  auto pipeline = Pipeline::Load(popts);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "rasd: %s\n", pipeline.status().message().c_str());
    return kExitFatal;
  }
  int rc = kExitOk;
  for (const char* type : {"assault", "protest"}) {
    const std::string path = o.dir + "/" + type + ".jsonl";
    std::ifstream in(path);
    if (!in) {
      std::fprintf(stderr, "rasd: %s: cannot open (is ../shared present?)\n", path.c_str());
      rc = kExitFatal;
      continue;
    }
    std::vector<GsrRow> rows;
    std::string line;
    int ln = 0;
    while (std::getline(in, line)) {
      ++ln;
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string()) {
        std::fprintf(stderr, "rasd: %s:%d: not a GSR record, skipped\n", path.c_str(), ln);
        continue;
      }
      rows.push_back({j.value("id", ""), j.value("event_type", ""), j.value("label", ""), j["text"].get<std::string>()});
    }
    size_t tp = 0, fp = 0, fn = 0, tn = 0, skipped = 0;
    std::vector<std::string> errors;
    Workspace ws;
    AnnotatedDocument ad;
    const bool assault = std::string(type) == "assault";
    for (const GsrRow& r : rows) {
      if (r.label != "yes" && r.label != "no") {
        ++skipped;
        continue;
      }
      Document doc;
      doc.id = r.id;
      doc.text = r.text;
      (*pipeline)->Annotate(doc, &ws, &ad);
      bool positive = false;
      for (const Event& ev : ad.events) {
        if (ev.modality == Modality::kNegated || ev.modality == Modality::kHypothetical) continue;
        const int root = std::atoi(ev.cameo_root.c_str());
        if (assault ? (ev.plover_event == "ASSAULT" || (root >= 18 && root <= 20))
                    : (ev.plover_event == "PROTEST" || root == 14))
          positive = true;
      }
      const bool gold = r.label == "yes";
      if (positive && gold) ++tp;
      else if (positive && !gold) ++fp, errors.push_back("FP  " + r.id + "  " + r.text.substr(0, 300));
      else if (!positive && gold) ++fn, errors.push_back("FN  " + r.id + "  " + r.text.substr(0, 300));
      else ++tn;
    }
    const double p = tp + fp ? double(tp) / (tp + fp) : 0, rcl = tp + fn ? double(tp) / (tp + fn) : 0;
    const double f1 = p + rcl > 0 ? 2 * p * rcl / (p + rcl) : 0;
    std::printf("%-8s sentences %zu (skipped ambiguous %zu)  TP %zu FP %zu FN %zu TN %zu  P %.3f R %.3f F1 %.3f\n",
                type, tp + fp + fn + tn, skipped, tp, fp, fn, tn, p, rcl, f1);
    for (int i = 0; i < o.show && i < static_cast<int>(errors.size()); ++i) std::printf("  %s\n", errors[i].c_str());
  }
  return rc;
}

const CommandRegistrar kEvalEvents(
    "eval", "events",
    "Score events against a gold file (format: shared/spec/EVENTS.md): P/R/F1 on\n"
    "(source, target, CAMEO root) tuples, location and date accuracy, misses and false positives.\n"
    "Example: rasd eval events --gold ../shared/gold/seeds.events.jsonl ../shared/corpora/*.txt",
    10, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto o = std::make_shared<EventsOptions>();
      sub->add_option("--gold", o->gold, "gold events JSONL")->required();
      sub->add_option("--pred", o->pred, "predicted events: output of `rasd code` ('-' = stdin)");
      sub->add_option("inputs", o->inputs, "documents to code instead of --pred");
      sub->add_option("--show", o->show, "how many misses and false positives to print (default 50)");
      sub->add_flag("--no-ner", o->no_ner, "code the inputs without the statistical NER stage");
      sub->add_flag("--neural-ner", o->neural_ner, kNeuralNerHelp);
      sub->callback([o, g, rc]() { *rc = RunEvalEvents(*o, *g); });
    });

const CommandRegistrar kEvalGsr(
    "eval", "gsr",
    "Sentence-level ASSAULT / PROTEST detection on the Arabic event GSR: a sentence is\n"
    "positive if it yields a non-negated event with PLOVER ASSAULT or CAMEO root 18-20\n"
    "(PROTEST or root 14). Rows labelled ambiguous are skipped.\n"
    "Example: rasd eval gsr --dir ../shared/gold/arabic_event_gsr",
    20, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto o = std::make_shared<GsrOptions>();
      sub->add_option("--dir", o->dir, "directory with assault.jsonl and protest.jsonl")->required();
      sub->add_option("--show", o->show, "print this many false positives / negatives per type");
      sub->add_flag("--no-ner", o->no_ner, "skip the statistical NER stage");
      sub->add_flag("--neural-ner", o->neural_ner, kNeuralNerHelp);
      sub->add_flag("--no-filter", o->no_filter, "code violence without the report filter (rules only)");
      sub->callback([o, g, rc]() { *rc = RunEvalGsr(*o, *g); });
    });

}  // namespace
}  // namespace rasd::cli
