#!/usr/bin/env bash
# Load test of `rasd serve` on loopback (bench/README.md, "API load test").
#
#   bench/load_test.sh [path/to/rasd]
#
# 1. Ingests the ant-multisource-2018 corpus (31,525 articles) into a SQLite
#    store (kept as $LOAD_DB between runs; LOAD_FRESH=1 rebuilds it). Needs at
#    least 30,000 documents.
# 2. Serves it on 127.0.0.1 (any free port, --threads $LOAD_SERVER_THREADS).
# 3. Runs wrk (Debian package `wrk`, in scripts/setup) against /api/events:
#    one mixed run rotating over every query shape below for $LOAD_SECONDS,
#    then each shape alone for $LOAD_SHAPE_SECONDS.
# Prints requests/s and latency percentiles per run; exits 1 on any socket
# error or non-2xx response. Not part of ctest (it takes a minute or more).
#
# Environment: CORPUS (default ../shared/corpora/ant-multisource-2018.jsonl.zst),
# LOAD_DB (default build/load-test.db), LOAD_SECONDS (15), LOAD_SHAPE_SECONDS (5,
# 0 to skip), LOAD_CONNECTIONS (16), LOAD_WRK_THREADS (2), LOAD_SERVER_THREADS (8).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RASD=${1:-$ROOT/build/rasd}
CORPUS=${CORPUS:-$ROOT/../shared/corpora/ant-multisource-2018.jsonl.zst}
DB=${LOAD_DB:-$ROOT/build/load-test.db}
SECONDS_MIXED=${LOAD_SECONDS:-15}
SECONDS_SHAPE=${LOAD_SHAPE_SECONDS:-5}
CONNS=${LOAD_CONNECTIONS:-16}
WRK_THREADS=${LOAD_WRK_THREADS:-2}
SERVER_THREADS=${LOAD_SERVER_THREADS:-8}
MIN_DOCS=30000

[ -x "$RASD" ] || { echo "load_test: no rasd binary at $RASD (build first)" >&2; exit 2; }
if [ ! -f "$CORPUS" ]; then
  echo "SKIP: corpus $CORPUS is absent (set CORPUS=/path/to/ant-multisource-2018.jsonl.zst)"
  exit 0
fi
command -v wrk >/dev/null || { echo "load_test: wrk is not installed (apt-get install wrk; scripts/setup does)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "load_test: sqlite3 is not installed (scripts/setup)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rasd-load.XXXXXX")
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# ---- the store ----
docs=0
if [ "${LOAD_FRESH:-0}" = 1 ]; then rm -f "$DB" "$DB-wal" "$DB-shm"; fi
if [ -f "$DB" ]; then docs=$(sqlite3 "$DB" "SELECT COUNT(*) FROM documents" 2>/dev/null || echo 0); fi
if [ "$docs" -lt "$MIN_DOCS" ]; then
  echo "== ingesting $CORPUS into $DB"
  start=$(date +%s.%N)
  "$RASD" -q ingest --db "$DB" "$CORPUS" || { rc=$?; [ "$rc" = 1 ] || exit "$rc"; }
  end=$(date +%s.%N)
  docs=$(sqlite3 "$DB" "SELECT COUNT(*) FROM documents")
  printf 'ingest: %d documents in %.1f s\n' "$docs" "$(echo "$end - $start" | bc -l 2>/dev/null || python3 -c "print($end - $start)")"
fi
[ "$docs" -ge "$MIN_DOCS" ] || { echo "load_test: only $docs documents in $DB (need $MIN_DOCS)" >&2; exit 1; }
events=$(sqlite3 "$DB" "SELECT COUNT(*) FROM events")
echo "store: $docs documents, $events events ($DB, $(du -m "$DB" | cut -f1) MB)"

# ---- the server ----
"$RASD" serve --db "$DB" --port 0 --threads "$SERVER_THREADS" --web "$TMP/no-web" >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER_PID=$!
for _ in $(seq 200); do
  grep -q 'serving http' "$TMP/serve.out" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/serve.err" >&2; exit 1; }
  sleep 0.05
done
BASE=$(sed -n 's|^rasd: serving \(http://[^ ]*\)/ .*|\1|p' "$TMP/serve.out")
[ -n "$BASE" ] || { echo "load_test: server did not start" >&2; cat "$TMP/serve.err" >&2; exit 1; }

# ---- query shapes (a word that occurs in the corpus for the full-text one) ----
word=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("ليبيا"))')
SHAPES=(
  "/api/events"                                   # first page, newest first
  "/api/events?offset=1000&limit=50"              # a deeper page
  "/api/events?country=LBY"                       # country filter
  "/api/events?actor=USA&root=19,18"              # actor + CAMEO roots
  "/api/events?from=2018-03-01&to=2018-03-31"     # a month
  "/api/events?q=$word"                           # full-text search
)
for s in "${SHAPES[@]}"; do
  code=$(curl -s -o "$TMP/probe" -w '%{http_code}' "$BASE$s")
  [ "$code" = 200 ] || { echo "load_test: $s answered $code: $(head -c 200 "$TMP/probe")" >&2; exit 1; }
  total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$TMP/probe")
  echo "shape $s: $total matching events"
done

cat >"$TMP/shapes.lua" <<'LUA'
-- Rotates over the paths in $LOAD_PATHS (one a line) and prints one RESULT line.
local paths = {}
for p in string.gmatch(os.getenv("LOAD_PATHS") or "/api/events", "[^\n]+") do paths[#paths + 1] = p end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "errors=%d connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect + e.read + e.write + e.timeout + e.status,
    e.connect, e.read, e.write, e.timeout, e.status))
end
LUA

failed=0
# run NAME SECONDS PATH... : one wrk run; appends a row to $TMP/table.
run() {
  local name=$1 secs=$2
  shift 2
  local paths
  paths=$(printf '%s\n' "$@")
  LOAD_PATHS=$paths wrk -t "$WRK_THREADS" -c "$CONNS" -d "${secs}s" --timeout 10s -s "$TMP/shapes.lua" "$BASE" >"$TMP/wrk.out" 2>&1 ||
    { cat "$TMP/wrk.out" >&2; failed=1; return; }
  local line
  line=$(grep '^RESULT' "$TMP/wrk.out" | tail -n 1)
  [ -n "$line" ] || { cat "$TMP/wrk.out" >&2; failed=1; return; }
  # shellcheck disable=SC2086
  local $(echo "${line#RESULT }")
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$requests" "$rps" "$p50_ms" "$p90_ms" "$p99_ms" "$errors" >>"$TMP/table"
  [ "$errors" = 0 ] || { echo "load_test: $name: $line" >&2; failed=1; }
}

echo "== wrk: $WRK_THREADS threads, $CONNS connections; server: $SERVER_THREADS threads; $(nproc) cores"
printf '| run | requests | requests/s | p50 ms | p90 ms | p99 ms | errors |\n| --- | --- | --- | --- | --- | --- | --- |\n' >"$TMP/table"
run "mixed (all shapes), ${SECONDS_MIXED} s" "$SECONDS_MIXED" "${SHAPES[@]}"
if [ "$SECONDS_SHAPE" != 0 ]; then
  for s in "${SHAPES[@]}"; do run "\`${s//$word/ليبيا}\`, ${SECONDS_SHAPE} s" "$SECONDS_SHAPE" "$s"; done
fi
cat "$TMP/table"
kill -0 "$SERVER_PID" 2>/dev/null || { echo "load_test: the server died" >&2; exit 1; }
if [ "$failed" != 0 ]; then echo "load_test: FAILED (errors above)" >&2; exit 1; fi
echo "load_test: ok, no errors"
