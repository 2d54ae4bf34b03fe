// `rasd train report-filter`: trains the report filter (src/extract/report_model.h)
// on the Arabic event GSR and prints cross-validated sentence-level scores.
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "command.h"
#include "extract/report_model.h"
#include "rasd/pipeline.h"

namespace rasd::cli {
namespace {

struct Options {
  std::string dir, out;
  int epochs = 3;
  double l2 = 1e-5;
};

struct Sentence {
  std::string id, label, type;
  std::vector<std::vector<std::string>> candidates;  // features of each filtered candidate event
  bool unfiltered_positive = false;  // a clear dyad the filter does not judge
};

bool Wanted(const Event& ev, const std::string& type) {
  if (ev.modality == Modality::kNegated || ev.modality == Modality::kHypothetical) return false;
  const int root = std::atoi(ev.cameo_root.c_str());
  return type == "assault" ? (ev.plover_event == "ASSAULT" || (root >= 18 && root <= 20))
                           : (ev.plover_event == "PROTEST" || root == 14);
}

// Sentence-level F1 of a model on sentences, per type.
void Score(const extract::ReportModel& m, const std::vector<const Sentence*>& sents, double threshold,
           std::map<std::string, std::array<int, 3>>* counts) {
  for (const Sentence* s : sents) {
    double best = s->unfiltered_positive ? 1.0 : 0.0;
    for (const auto& f : s->candidates) best = std::max(best, m.Score(f));
    const bool pred = best >= threshold, gold = s->label == "yes";
    auto& c = (*counts)[s->type];
    if (pred && gold) ++c[0];
    else if (pred) ++c[1];
    else if (gold) ++c[2];
  }
}

double F1(const std::array<int, 3>& c) {
  const double p = c[0] + c[1] ? double(c[0]) / (c[0] + c[1]) : 0, r = c[0] + c[2] ? double(c[0]) / (c[0] + c[2]) : 0;
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

int Run(const Options& o, const GlobalOptions& g) {
  PipelineOptions popts;
  popts.data_dir = g.data_dir;
  popts.partial_events = true;
  popts.use_report_filter = false;
  popts.collect_report_features = true;
  auto pipeline = Pipeline::Load(popts);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "rasd: %s\n", pipeline.status().message().c_str());
    return kExitFatal;
  }
  std::vector<Sentence> sents;
  Workspace ws;
  AnnotatedDocument ad;
  for (const char* type : {"assault"}) {
    const std::string path = o.dir + "/" + type + ".jsonl";
    std::ifstream in(path);
    if (!in) {
      std::fprintf(stderr, "rasd: %s: cannot open\n", path.c_str());
      return kExitFatal;
    }
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string()) continue;
      Sentence s{j.value("id", ""), j.value("label", ""), type, {}};
      if (s.label != "yes" && s.label != "no") continue;
      Document doc;
      doc.id = s.id;
      doc.text = j["text"].get<std::string>();
      (*pipeline)->Annotate(doc, &ws, &ad);
      for (const Event& ev : ad.events) {
        if (!Wanted(ev, type)) continue;
        if (ev.report_features.empty()) s.unfiltered_positive = true;
        else s.candidates.push_back(ev.report_features);
      }
      sents.push_back(std::move(s));
    }
  }
  // Two-fold cross-validation by sentence parity, then a model on everything.
  auto train_on = [&](const std::vector<const Sentence*>& train) {
    std::vector<std::vector<std::string>> x;
    std::vector<int> y;
    for (const Sentence* s : train)
      for (const auto& f : s->candidates) {
        x.push_back(f);
        y.push_back(s->label == "yes");
      }
    extract::ReportModel::TrainOptions topts;
    topts.epochs = o.epochs;
    topts.l2 = o.l2;
    return extract::ReportModel::Train(x, y, topts);
  };
  std::vector<const Sentence*> fold[2], all;
  for (size_t i = 0; i < sents.size(); ++i) {
    fold[i % 2].push_back(&sents[i]);
    all.push_back(&sents[i]);
  }
  const double thresholds[] = {0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5};
  double best_t = 0.5, best_f = -1;
  std::printf("two-fold cross-validation (train on one half of the sentences, score the other):\n");
  for (double t : thresholds) {
    std::map<std::string, std::array<int, 3>> counts;
    for (int k = 0; k < 2; ++k) {
      const auto m = train_on(fold[1 - k]);
      Score(m, fold[k], t, &counts);
    }
    const double fa = F1(counts["assault"]);
    std::printf("  threshold %.2f  ASSAULT F1 %.3f (TP %d FP %d FN %d)\n", t, fa, counts["assault"][0],
                counts["assault"][1], counts["assault"][2]);
    if (fa > best_f) best_f = fa, best_t = t;
  }
  auto model = train_on(all);
  model.set_threshold(best_t);
  if (Status st = model.Save(o.out); !st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitFatal;
  }
  std::printf("trained on %zu sentences; threshold %.2f (best cross-validated mean F1); model -> %s\n", sents.size(),
              best_t, o.out.c_str());
  return kExitOk;
}

const CommandRegistrar kTrainReport(
    "train", "report-filter",
    "Train the report filter that separates reported violence (CAMEO 18-20) from\n"
    "background mentions, on the Arabic event GSR (assault.jsonl); prints two-fold\n"
    "cross-validated sentence-level F1 and keeps the best threshold.\n"
    "Example: rasd train report-filter --gsr ../shared/gold/arabic_event_gsr --out data/models/report.model",
    20, [](CLI::App* sub, const GlobalOptions* g, int* rc) {
      auto o = std::make_shared<Options>();
      sub->add_option("--gsr", o->dir, "directory with assault.jsonl and protest.jsonl")->required();
      sub->add_option("--out", o->out, "model file to write")->required();
      sub->add_option("--epochs", o->epochs, "training epochs (default 3)");
      sub->add_option("--l2", o->l2, "L2 penalty per update (default 1e-5; larger generalises more, fits less)");
      sub->callback([o, g, rc]() { *rc = Run(*o, *g); });
    });

}  // namespace
}  // namespace rasd::cli
