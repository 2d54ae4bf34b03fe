#include "lexicon/key_memo.h"

#include <cstdint>

namespace rasd::lexicon {
namespace {

void PutLength(size_t n, std::string* key) {
  const uint32_t v = static_cast<uint32_t>(n);
  key->append(reinterpret_cast<const char*>(&v), sizeof v);
}

}  // namespace

void TokenMemoKey(const text::Token& tok, std::string* key) {
  key->clear();
  key->push_back(static_cast<char>(tok.kind));
  key->push_back(static_cast<char>(tok.proclitics));
  // Lengths first, so that no two different field splits give one key.
  PutLength(tok.norm.size(), key);
  PutLength(tok.stem.size(), key);
  PutLength(tok.enclitic.size(), key);
  key->append(tok.norm);
  key->append(tok.stem);
  key->append(tok.enclitic);
}

StringMemo<std::vector<TokenKey>>& ThreadTokenKeyMemo() {
  thread_local StringMemo<std::vector<TokenKey>> memo(32768);
  return memo;
}

void MemoTokenKeys(const text::Token& tok, std::vector<TokenKey>* out, std::vector<std::string>* scratch) {
  thread_local std::string key;
  TokenMemoKey(tok, &key);
  const std::vector<TokenKey>& keys =
      ThreadTokenKeyMemo().Get(key, [&](std::vector<TokenKey>* v) { TokenKeys(tok, v, scratch); });
  // Copy into out's strings, reusing their buffers.
  out->resize(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    (*out)[i].key.assign(keys[i].key);
    (*out)[i].cls = keys[i].cls;
  }
}

}  // namespace rasd::lexicon
