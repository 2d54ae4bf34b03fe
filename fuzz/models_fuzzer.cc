// libFuzzer target: the model loaders, NerTagger::Load (ner.model) and
// ReportModel::Load (report.model), through their public load functions on a
// temporary file, then a use of whatever loaded (with its neural scorers, if
// the NER model has any).
//
// Input: byte 0 picks the model (bit 0: 0 = NER, 1 = report filter) and
// whether to repair the checksum first (bit 1), so that the fuzzer gets past
// the checksum to the header and table checks behind it; the rest is the file.
//
// Seeds: RASD_FUZZ_MAKE_SEEDS=DIR ./models_fuzzer writes small valid models
// (trained here on sentences of our own) into DIR and exits.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "extract/report_model.h"
#include "fuzz_util.h"
#include "tag/ner.h"

namespace {

using rasd::fuzz::Check;

uint64_t Fnv(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void MakeSeeds(const std::string& dir) {
  // NER: an untrained model (every label, zero weights, the empty gazetteer
  // and clusters sections): the structure the loader checks.
  const rasd::tag::NerTagger ner;
  const std::string tmp = rasd::fuzz::TempPath("seed.model");
  Check(ner.Save(tmp).ok());
  std::string bytes = ReadFile(tmp);
  WriteFile(dir + "/ner-valid", std::string(1, '\x02') + bytes);
  WriteFile(dir + "/ner-checksum", std::string(1, '\x00') + bytes);
  // With a small neural scorer (model format 4), and one with word vectors.
  rasd::tag::NerTagger with_neural;
  with_neural.set_neural(std::make_shared<rasd::tag::LstmNer>(rasd::tag::LstmDims{6, 4, 3, 9}, 1), 0.5f);
  Check(with_neural.Save(tmp).ok());
  WriteFile(dir + "/ner-neural", std::string(1, '\x02') + ReadFile(tmp));
  rasd::tag::WordVectors vectors;
  vectors.dim = 2;
  vectors.keys = {Fnv("الجزائر"), Fnv("وزير")};
  std::sort(vectors.keys.begin(), vectors.keys.end());
  vectors.scale = {0.01f, 0.02f};
  vectors.q = {100, -50, 7, 127};
  rasd::tag::LstmNer scorer(rasd::tag::LstmDims{6, 4, 3, 9}, 2);
  scorer.SetVectors(vectors, 2);
  with_neural.set_neural(std::make_shared<rasd::tag::LstmNer>(std::move(scorer)), 0.1f);
  Check(with_neural.Save(tmp).ok());
  WriteFile(dir + "/ner-neural-vectors", std::string(1, '\x02') + ReadFile(tmp));

  rasd::extract::ReportModel::TrainOptions ropts;
  ropts.hash_bits = 8;
  ropts.epochs = 2;
  const auto rep =
      rasd::extract::ReportModel::Train({{"trig=هجوم", "past"}, {"trig=حرب", "opinion"}}, {1, 0}, ropts);
  Check(rep.Save(tmp).ok());
  bytes = ReadFile(tmp);
  WriteFile(dir + "/report-valid", std::string(1, '\x03') + bytes);
  WriteFile(dir + "/report-checksum", std::string(1, '\x01') + bytes);
  std::remove(tmp.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("RASD_FUZZ_MAKE_SEEDS")) {
    MakeSeeds(dir);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool report = data[0] & 1;
  std::string file(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 2) && file.size() >= 16) {
    const uint64_t sum = Fnv(std::string_view(file.data(), file.size() - 8));
    std::memcpy(file.data() + file.size() - 8, &sum, 8);
  }
  static const std::string path = rasd::fuzz::TempPath("model");
  WriteFile(path, file);

  if (report) {
    auto m = rasd::extract::ReportModel::Load(path);
    if (!m.ok()) {
      Check(m.status().message().find(path) != std::string::npos);
      return 0;
    }
    const double p = m->Score({"trig=هجوم", "past", ""});
    Check(p != p || (p >= 0 && p <= 1));  // NaN weights give NaN, never a crash.
    return 0;
  }
  auto m = rasd::tag::NerTagger::Load(path);
  if (!m.ok()) {
    Check(m.status().message().find(path) != std::string::npos);
    return 0;
  }
  const std::vector<std::string_view> words = {"زار", "وزير", "الخارجية", "الجزائر", "", "x"};
  std::vector<int> tags;
  m->Tag(words, &tags);
  Check(tags.size() == words.size());
  for (int t : tags) Check(t >= 0 && static_cast<size_t>(t) < m->labels().size());
  return 0;
}
