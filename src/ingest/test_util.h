// Helpers for the reader tests: a temporary directory and a collecting reader.
#ifndef RASD_INGEST_TEST_UTIL_H_
#define RASD_INGEST_TEST_UTIL_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "rasd/ingest.h"

namespace rasd::testing {

// A fresh directory under $TMPDIR, removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "rasd-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) std::abort();
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `bytes` to <dir>/<name> (creating subdirectories); returns the path.
  std::string Write(const std::string& name, const std::string& bytes) const {
    const std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::string path() const { return path_.string(); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Everything a DocumentReader produced for some paths.
struct ReadResult {
  std::vector<Document> docs;
  std::vector<Status> errors;
  ReadStats stats;
  std::vector<std::string> ids() const {
    std::vector<std::string> r;
    for (const auto& d : docs) r.push_back(d.id);
    return r;
  }
};

inline ReadResult ReadAll(const std::vector<std::string>& paths) {
  ReadResult r;
  DocumentReader reader(
      [&](Document&& d) {
        r.docs.push_back(std::move(d));
        return true;
      },
      [&](const Status& s) { r.errors.push_back(s); });
  for (const auto& p : paths) reader.Read(p);
  r.stats = reader.stats();
  return r;
}

inline ReadResult ReadAll(const std::string& path) { return ReadAll(std::vector<std::string>{path}); }

}  // namespace rasd::testing

#endif  // RASD_INGEST_TEST_UTIL_H_
