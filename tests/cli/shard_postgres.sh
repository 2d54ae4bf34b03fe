#!/usr/bin/env bash
# Past one machine, locally: N `rasd ingest --shard K/N` processes write into
# one PostgreSQL store at once, with no coordination beyond the database; the
# store then holds every document and event exactly once, the same as one
# process writes (docs/scale.md). Starts a throwaway server with
# scripts/pg-test-server; prints SKIP and passes where none can be started.
# Usage: tests/cli/shard_postgres.sh path/to/rasd
set -euo pipefail
RASD=${1:?usage: $0 path/to/rasd}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
PG=$(mktemp -d /tmp/rasd-pg-XXXXXX)
cleanup() {
  "$SRC/scripts/pg-test-server" stop "$PG" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

set +e
URL=$("$SRC/scripts/pg-test-server" start "$PG" 2>"$TMP/pg.err")
rc=$?
set -e
if [ "$rc" = 77 ]; then
  echo "SKIP: sharded PostgreSQL ingest: $(cat "$TMP/pg.err")"
  exit 0
fi
[ "$rc" = 0 ] || fail "pg-test-server exited $rc: $(cat "$TMP/pg.err")"

# 90 JSONL stories (one broken line) and a directory of 20 text files.
python3 - "$TMP/in" <<'PY'
import json, os, sys
root = sys.argv[1]
os.makedirs(os.path.join(root, "texts", "x"))
sentences = [
    ("روسيا تدعو الجزائر إلى الحوار", "دعت روسيا الجزائر إلى استئناف الحوار مع ليبيا."),
    ("قصف في سرت", "قصفت القوات الأمريكية مواقع لتنظيم داعش في مدينة سرت الليبية."),
    ("زيارة", "استقبل الرئيس الجزائري وزير الخارجية الفرنسي في الجزائر."),
]
with open(os.path.join(root, "wire.jsonl"), "w") as f:
    for i in range(90):
        if i == 45:
            f.write('{"id": "broken\n')
            continue
        t, b = sentences[i % 3]
        f.write(json.dumps({"id": f"w{i}", "source": f"outlet{i % 4}", "published": f"2016-02-{1 + i % 28:02d}",
                            "title": t, "text": f"{b} ({i})"}, ensure_ascii=False) + "\n")
for i in range(20):
    t, b = sentences[i % 3]
    sub = "x" if i % 2 else ""
    with open(os.path.join(root, "texts", sub, f"t{i}.txt"), "w") as f:
        f.write(f"{t}\n{b} ({i})\n")
PY
INPUTS=("$TMP/in/wire.jsonl" "$TMP/in/texts")

N=3
pids=()
for k in $(seq 0 $((N - 1))); do
  "$RASD" -q ingest -j 1 --batch 7 --shard "$k/$N" --db "$URL" "${INPUTS[@]}" >"$TMP/shard$k.out" 2>"$TMP/shard$k.err" &
  pids+=($!)
done
total=0
errors=0
for k in $(seq 0 $((N - 1))); do
  set +e
  wait "${pids[$k]}"
  rc=$?
  set -e
  # Exit 1: the broken line, reported by the one shard that owns it.
  [ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "shard $k exited $rc: $(cat "$TMP/shard$k.err")"
  n=$(sed -n 's/^ingested \([0-9]*\) documents.*/\1/p' "$TMP/shard$k.out")
  e=$(sed -n 's/.*events, \([0-9]*\) record errors.*/\1/p' "$TMP/shard$k.out")
  [ -n "$n" ] && [ "$n" -gt 0 ] || fail "shard $k stored nothing: $(cat "$TMP/shard$k.out" "$TMP/shard$k.err")"
  total=$((total + n))
  errors=$((errors + e))
done
[ "$total" = 109 ] || fail "the shards stored $total documents, expected 109"
[ "$errors" = 1 ] || fail "the broken line was reported $errors times, expected once"

# One process into SQLite: the reference.
set +e
"$RASD" -q ingest -j 2 --db "$TMP/one.db" "${INPUTS[@]}" >"$TMP/one.out" 2>/dev/null
set -e
grep -q '^ingested 109 documents' "$TMP/one.out" || fail "single process: $(cat "$TMP/one.out")"

"$RASD" export --db "$URL" --format csv | tail -n +2 | cut -d, -f1,2 | sort >"$TMP/pg.ids"
"$RASD" export --db "$TMP/one.db" --format csv | tail -n +2 | cut -d, -f1,2 | sort >"$TMP/one.ids"
[ -s "$TMP/one.ids" ] || fail "no events at all"
[ "$(uniq -d "$TMP/pg.ids" | wc -l)" = 0 ] || fail "duplicate events in the sharded store"
cmp -s "$TMP/pg.ids" "$TMP/one.ids" ||
  fail "sharded store differs from one process: $(diff "$TMP/pg.ids" "$TMP/one.ids" | head -5)"
docs=$("$RASD" export --db "$URL" --format csv | tail -n +2 | cut -d, -f2 | sort -u | wc -l)
echo "shard_postgres: ok ($N shards, $total documents, $(wc -l <"$TMP/pg.ids") events from $docs documents)"
