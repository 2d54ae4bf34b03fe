#!/usr/bin/env bash
# `rasd serve` hardening from the command line (docs/security.md): loopback
# unless --allow-remote (with a warning), write endpoints only with a token
# from RASD_TOKEN / --token, bounded bodies, security headers on responses,
# every write logged. Usage: tests/cli/serve_security.sh path/to/rasd
set -euo pipefail
RASD=${1:?usage: $0 path/to/rasd}
command -v curl >/dev/null || { echo "FAIL: curl is not installed (scripts/setup)" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rasd-sec.XXXXXX")
SERVER_PID=
stop() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=
}
trap 'stop; rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$TMP/serve.err" ] && sed 's/^/  serve: /' "$TMP/serve.err" >&2; exit 1; }

printf '{"id": "s1", "title": "زيارة", "text": "زار وزير الخارجية الروسي الجزائر اليوم الثلاثاء.", "published": "2016-02-16"}\n' >"$TMP/one.jsonl"
"$RASD" -q ingest --db "$TMP/rasd.db" "$TMP/one.jsonl" >/dev/null || fail "ingest"

# start ARGS... : starts rasd serve, sets BASE.
start() {
  "$RASD" serve --db "$TMP/rasd.db" --port 0 --web "$TMP/no-web" "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
  SERVER_PID=$!
  for _ in $(seq 200); do
    grep -q 'serving http' "$TMP/serve.out" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited early"
    sleep 0.05
  done
  BASE=$(sed -n 's|^rasd: serving \(http://[^ ]*\)/ .*|\1|p' "$TMP/serve.out")
  [ -n "$BASE" ] || fail "no start line: $(cat "$TMP/serve.out")"
  PORT=${BASE##*:}
}

# req METHOD PATH EXPECTED [curl args...] -> body in $TMP/body, headers in $TMP/headers
req() {
  local method=$1 path=$2 want=$3 code
  shift 3
  code=$(curl -s -g -X "$method" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$@" "http://127.0.0.1:$PORT$path") ||
    fail "curl $method $path"
  [ "$code" = "$want" ] || fail "$method $path: status $code, expected $want: $(head -c 300 "$TMP/body")"
}

headers_ok() {
  grep -qi "^content-security-policy: default-src 'self'; script-src 'self';.*frame-ancestors 'none'" "$TMP/headers" ||
    fail "$1: no Content-Security-Policy: $(cat "$TMP/headers")"
  grep -qi '^x-content-type-options: nosniff' "$TMP/headers" || fail "$1: no X-Content-Type-Options"
  grep -qi '^x-frame-options: deny' "$TMP/headers" || fail "$1: no X-Frame-Options"
  if grep -qi '^access-control-allow-origin' "$TMP/headers"; then fail "$1: CORS header without --cors-origin"; fi
}

# ---- bind address ----
if "$RASD" serve --db "$TMP/rasd.db" --host 0.0.0.0 --port 0 >"$TMP/out" 2>"$TMP/err"; then
  fail "serve listened on 0.0.0.0 without --allow-remote"
fi
grep -q -- '--allow-remote' "$TMP/err" || fail "refusal does not name --allow-remote: $(cat "$TMP/err")"
start --host 0.0.0.0 --allow-remote
grep -q 'warning: listening on 0.0.0.0, reachable from other machines' "$TMP/serve.err" ||
  fail "no warning for a non-loopback address: $(cat "$TMP/serve.err")"
req GET /api/health 200
stop
start
if grep -q 'warning' "$TMP/serve.err"; then fail "warning on a loopback address: $(cat "$TMP/serve.err")"; fi
grep -q 'write endpoints disabled' "$TMP/serve.err" || fail "no note that writes are disabled"

# ---- without a token: reads work, writes are refused ----
req GET /api/stats 200
headers_ok "GET /api/stats"
req GET / 503
headers_ok "GET / (503)"
req POST /api/documents 403 -H 'Content-Type: application/json' --data-binary @"$TMP/one.jsonl"
headers_ok "POST without a token (403)"
req DELETE /api/documents/s1 403
req GET /api/documents/s1 200
stop

# ---- tokens ----
if RASD_TOKEN=short "$RASD" serve --db "$TMP/rasd.db" --port 0 >"$TMP/out" 2>"$TMP/err"; then
  fail "serve accepted a 5-character token"
fi
grep -q 'too short' "$TMP/err" || fail "short token message: $(cat "$TMP/err")"
TOKEN="cli-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
RASD_TOKEN=$TOKEN start --max-body 4
grep -q 'write endpoints enabled' "$TMP/serve.err" || fail "no note that writes are enabled"
NEW='{"id": "s2", "text": "أدانت فرنسا الهجوم على السفارة في باريس.", "published": "2016-02-18"}'
req POST /api/documents 401 -H 'Content-Type: application/json' --data-binary "$NEW"
grep -qi '^www-authenticate: bearer' "$TMP/headers" || fail "401 without a Bearer challenge"
headers_ok "401"
req POST /api/documents 401 -H "Authorization: Bearer ${TOKEN}x" --data-binary "$NEW"
req POST /api/documents 201 -H "Authorization: Bearer $TOKEN" --data-binary "$NEW"
grep -q '"outcome":"new"' "$TMP/body" || fail "POST answer: $(cat "$TMP/body")"
req GET /api/documents/s2 200
grep -q 'باريس' "$TMP/body" || fail "uploaded document not readable"
# --max-body 4 (KiB): a 5 KiB body is refused.
head -c 5000 /dev/zero | tr '\0' 'a' >"$TMP/big"
req POST /api/documents 413 -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/big"
grep -q '"error":"request body larger than 4096 bytes"' "$TMP/body" || fail "413 body: $(cat "$TMP/body")"
headers_ok "413"
req DELETE /api/documents/s2 401
req DELETE /api/documents/s2 200 -H "Authorization: Bearer $TOKEN"
req GET /api/documents/s2 404
# A page on another name re-pointed at 127.0.0.1 (DNS rebinding) is refused.
req GET /api/stats 421 -H "Host: evil.example:$PORT"
req POST /api/documents 421 -H "Host: evil.example" -H "Authorization: Bearer $TOKEN" --data-binary "$NEW"
# A path with an encoded newline cannot forge a log line.
req DELETE "/api/documents/x%0Arasd:%20FORGED%20line" 401
if grep -q '^rasd: FORGED' "$TMP/serve.err"; then fail "a request path forged a log line"; fi
grep -q 'DELETE /api/documents/x?rasd: FORGED line from 127.0.0.1 -> 401' "$TMP/serve.err" ||
  fail "the refused delete is not logged with its newline neutralised"
# Every write attempt is logged, and the token never is.
grep -q "rasd: POST /api/documents from 127.0.0.1 -> 201" "$TMP/serve.err" || fail "write not logged"
grep -q "rasd: POST /api/documents from 127.0.0.1 -> 401: wrong token" "$TMP/serve.err" || fail "refused write not logged"
grep -q "rasd: DELETE /api/documents/s2 from 127.0.0.1 -> 200" "$TMP/serve.err" || fail "delete not logged"
if grep -q "$TOKEN" "$TMP/serve.err" "$TMP/serve.out"; then fail "the token appears in the server's output"; fi
stop

# --token on the command line works too; --cors-origin opts into CORS.
start --token "$TOKEN" --cors-origin https://dashboard.example
req POST /api/documents 200 -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/one.jsonl"
grep -q '"unchanged":1' "$TMP/body" || fail "re-upload answer: $(cat "$TMP/body")"
req GET /api/stats 200
grep -qi '^access-control-allow-origin: https://dashboard.example' "$TMP/headers" || fail "--cors-origin not sent"
stop
echo "serve_security: ok"
