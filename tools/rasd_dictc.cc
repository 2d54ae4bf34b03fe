// rasd-dictc: compiles data/ dictionary sources into the binary rasd.lex.
// Run by the build (cmake/data.cmake); usable by hand after editing data/.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "lexicon/compiler.h"
#include "lexicon/lexicon.h"

int main(int argc, char** argv) {
  rasd::lexicon::CompileOptions opts;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--data")) opts.data_dir = argv[i + 1];
    else if (!std::strcmp(argv[i], "--hunspell")) opts.hunspell_dic = argv[i + 1];
    else if (!std::strcmp(argv[i], "--out")) out = argv[i + 1];
  }
  if (opts.data_dir.empty() || out.empty()) {
    std::fprintf(stderr, "usage: rasd-dictc --data DATA_DIR [--hunspell ar.dic] --out rasd.lex\n");
    return 2;
  }
  std::string image;
  rasd::lexicon::CompileStats stats;
  if (auto st = rasd::lexicon::CompileLexicon(opts, &image, &stats); !st.ok()) {
    std::fprintf(stderr, "rasd-dictc: %s\n", st.message().c_str());
    return 1;
  }
  // Validate by loading before writing.
  if (auto lex = rasd::lexicon::Lexicon::FromBuffer(image, out); !lex.ok()) {
    std::fprintf(stderr, "rasd-dictc: internal error: %s\n", lex.status().message().c_str());
    return 1;
  }
  const std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f.write(image.data(), static_cast<std::streamsize>(image.size()));
    if (!f) {
      std::fprintf(stderr, "rasd-dictc: cannot write %s\n", tmp.c_str());
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) {
    std::fprintf(stderr, "rasd-dictc: cannot rename %s\n", tmp.c_str());
    return 1;
  }
  std::printf("rasd-dictc: %zu entries, %zu phrase keys, %zu known stems, %zu bytes -> %s\n", stats.entries,
              stats.phrase_keys, stats.stems, image.size(), out.c_str());
  return 0;
}
