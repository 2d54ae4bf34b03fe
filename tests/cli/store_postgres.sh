#!/usr/bin/env bash
# The store on PostgreSQL through the CLI: `rasd ingest --db postgresql://...`
# (idempotent), `rasd serve` and `rasd export` on it. Starts a throwaway local
# server with scripts/pg-test-server; prints SKIP and passes where none can be
# started. Usage: tests/cli/store_postgres.sh path/to/rasd
set -euo pipefail
RASD=${1:?usage: $0 path/to/rasd}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
PG=$(mktemp -d /tmp/rasd-pg-XXXXXX)  # Its own directory: the server runs as another user when we are root.
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
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
  echo "SKIP: PostgreSQL store test: $(cat "$TMP/pg.err")"
  exit 0
fi
[ "$rc" = 0 ] || fail "pg-test-server exited $rc: $(cat "$TMP/pg.err")"

cat >"$TMP/wire.jsonl" <<'J'
{"id": "p1", "title": "روسيا تدعو الجزائر إلى الحوار", "text": "دعت روسيا اليوم الثلاثاء الجزائر إلى استئناف الحوار مع ليبيا.", "published": "2016-02-16"}
{"id": "p2", "title": "قصف في سرت", "text": "قصفت القوات الأمريكية مواقع لتنظيم داعش في مدينة سرت الليبية.", "published": "2016-02-19"}
J
"$RASD" -q ingest --db "$URL" "$TMP/wire.jsonl" >"$TMP/out" || fail "ingest exited $?"
grep -Eq '^ingested 2 documents \(2 new, 0 replaced, 0 unchanged\)' "$TMP/out" || fail "ingest: $(cat "$TMP/out")"
"$RASD" -q ingest --db "$URL" "$TMP/wire.jsonl" >"$TMP/out" || fail "re-ingest exited $?"
grep -Eq '^ingested 2 documents \(0 new, 0 replaced, 2 unchanged\)' "$TMP/out" || fail "re-ingest: $(cat "$TMP/out")"

"$RASD" serve --db "$URL" --port 0 --web "$TMP/no-web" >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER_PID=$!
for _ in $(seq 100); do
  grep -q 'serving http' "$TMP/serve.out" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited: $(cat "$TMP/serve.err")"
  sleep 0.05
done
BASE=$(sed -n 's|^rasd: serving \(http://[^ ]*\)/ .*|\1|p' "$TMP/serve.out")
curl -s "$BASE/api/stats" | grep -q '"documents":2,.*"backend":"postgresql"' || fail "stats on PostgreSQL: $(curl -s "$BASE/api/stats")"
# والجزائر (clitic + article) finds p1 through the normalised search terms.
curl -s "$BASE/api/documents?q=%D9%88%D8%A7%D9%84%D8%AC%D8%B2%D8%A7%D8%A6%D8%B1" | grep -q '"total":1,.*"id":"p1"' ||
  fail "search on PostgreSQL"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/events?from=2016-02-30")
[ "$code" = 400 ] || fail "bad date on PostgreSQL: $code"
"$RASD" export --db "$URL" --format csv | head -n 1 | grep -q '^event_id,doc_id,' || fail "export from PostgreSQL"
echo "store_postgres: ok"
