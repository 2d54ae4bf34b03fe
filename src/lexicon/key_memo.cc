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

// This thread's memo: each entry is a range of `arena`, the keys packed as
// [cls][length: 4 bytes][bytes] (one buffer instead of a string per key).
struct KeyMemo {
  StringMemo<std::pair<uint32_t, uint32_t>> memo{8192};
  std::string arena;
  uint64_t clears = 0;
};
KeyMemo& ThreadMemo() {
  thread_local KeyMemo m;
  return m;
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

StringMemo<std::pair<uint32_t, uint32_t>>& ThreadTokenKeyMemo() { return ThreadMemo().memo; }

void MemoTokenKeys(const text::Token& tok, std::vector<TokenKey>* out, std::vector<std::string>* scratch) {
  KeyMemo& m = ThreadMemo();
  thread_local std::string key;
  thread_local std::vector<TokenKey> fresh;
  TokenMemoKey(tok, &key);
  const auto [off, len] = m.memo.Get(key, [&](std::pair<uint32_t, uint32_t>* v) {
    if (m.memo.clears() != m.clears) {  // the memo started over: so does its arena
      m.arena.clear();
      m.clears = m.memo.clears();
    }
    TokenKeys(tok, &fresh, scratch);
    v->first = static_cast<uint32_t>(m.arena.size());
    for (const TokenKey& k : fresh) {
      m.arena.push_back(static_cast<char>(k.cls));
      PutLength(k.key.size(), &m.arena);
      m.arena.append(k.key);
    }
    v->second = static_cast<uint32_t>(m.arena.size()) - v->first;
  });
  // Unpack into out's strings, reusing their buffers.
  size_t count = 0;
  for (size_t p = off, end = off + len; p < end; ++count) {
    if (out->size() <= count) out->emplace_back();
    TokenKey& k = (*out)[count];
    k.cls = static_cast<uint8_t>(m.arena[p]);
    uint32_t n = 0;
    std::memcpy(&n, m.arena.data() + p + 1, sizeof n);
    k.key.assign(m.arena, p + 1 + sizeof n, n);
    p += 1 + sizeof n + n;
  }
  out->resize(count);
}

}  // namespace rasd::lexicon
