#include "lexicon/key_memo.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace rasd::lexicon {
namespace {

void PutLength(size_t n, std::string* key) {
  const uint32_t v = static_cast<uint32_t>(n);
  key->append(reinterpret_cast<const char*>(&v), sizeof v);
}

}  // namespace

namespace {

bool Inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

// This thread's memo: each entry holds the token's keys packed as
// [cls][length: 4 bytes][bytes] (one buffer instead of a string per key).
StringMemo<std::string>& ThreadMemo() {
  thread_local StringMemo<std::string> memo{32768};
  return memo;
}

}  // namespace

void TokenMemoKey(const text::Token& tok, std::string* key) {
  key->clear();
  key->push_back(static_cast<char>(tok.kind));
  key->push_back(static_cast<char>(tok.proclitics));
  const std::string_view norm = tok.norm;
  if (norm.size() < 255 && Inside(tok.stem, norm) && (tok.enclitic.empty() || Inside(tok.enclitic, norm))) {
    // The usual token: stem and enclitic are views into the norm, so the
    // norm and where they lie say everything.
    key->push_back('v');
    key->push_back(static_cast<char>(tok.stem.data() - norm.data()));
    key->push_back(static_cast<char>(tok.stem.size()));
    key->push_back(static_cast<char>(tok.enclitic.empty() ? 0 : tok.enclitic.data() - norm.data()));
    key->push_back(static_cast<char>(tok.enclitic.size()));
    key->append(norm);
    return;
  }
  key->push_back('s');
  // Lengths first, so that no two different field splits give one key.
  PutLength(norm.size(), key);
  PutLength(tok.stem.size(), key);
  PutLength(tok.enclitic.size(), key);
  key->append(norm);
  key->append(tok.stem);
  key->append(tok.enclitic);
}

StringMemo<std::string>& ThreadTokenKeyMemo() { return ThreadMemo(); }

namespace {

// The keys of tok packed as [cls][length: 4 bytes][bytes], from this
// thread's memo; valid until the next call.
const std::string& PackedTokenKeys(const text::Token& tok, std::vector<std::string>* scratch) {
  thread_local std::string key;
  thread_local std::vector<TokenKey> fresh;
  TokenMemoKey(tok, &key);
  return ThreadMemo().Get(key, [&](std::string* v) {
    TokenKeys(tok, &fresh, scratch);
    v->clear();
    for (const TokenKey& k : fresh) {
      v->push_back(static_cast<char>(k.cls));
      PutLength(k.key.size(), v);
      v->append(k.key);
    }
  });
}

}  // namespace

void MemoTokenKeys(const text::Token& tok, std::vector<TokenKey>* out, std::vector<std::string>* scratch) {
  const std::string& packed = PackedTokenKeys(tok, scratch);
  // Unpack into out's strings, reusing their buffers.
  size_t count = 0;
  for (size_t p = 0, end = packed.size(); p < end; ++count) {
    if (out->size() <= count) out->emplace_back();
    TokenKey& k = (*out)[count];
    k.cls = static_cast<uint8_t>(packed[p]);
    uint32_t n = 0;
    std::memcpy(&n, packed.data() + p + 1, sizeof n);
    k.key.assign(packed, p + 1 + sizeof n, n);
    p += 1 + sizeof n + n;
  }
  out->resize(count);
}

void DocumentKeys::Build(std::span<const text::Token> toks, std::vector<std::string>* scratch) {
  packed_.clear();
  first_.assign(toks.size() + 1, 0);
  // Pack all first (the buffer moves as it grows), then point into it.
  std::vector<uint32_t>& ends = first_;
  for (size_t t = 0; t < toks.size(); ++t) {
    packed_.append(PackedTokenKeys(toks[t], scratch));
    ends[t + 1] = static_cast<uint32_t>(packed_.size());
  }
  views_.clear();
  size_t p = 0;
  for (size_t t = 0; t < toks.size(); ++t) {
    const size_t end = ends[t + 1];
    first_[t] = static_cast<uint32_t>(views_.size());
    while (p < end) {
      uint32_t n = 0;
      std::memcpy(&n, packed_.data() + p + 1, sizeof n);
      views_.push_back(
          KeyView{std::string_view(packed_).substr(p + 1 + sizeof n, n), static_cast<uint8_t>(packed_[p])});
      p += 1 + sizeof n + n;
    }
  }
  first_[toks.size()] = static_cast<uint32_t>(views_.size());
}

}  // namespace rasd::lexicon
