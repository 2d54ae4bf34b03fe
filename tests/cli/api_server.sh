#!/usr/bin/env bash
# API end to end: ingest the bundled examples (or a few documents of our own),
# start `rasd serve` on a free loopback port and check every endpoint of
# docs/api.md with curl + python3: status codes, JSON shapes, filters, errors,
# the CSV export and static files. Usage: tests/cli/api_server.sh path/to/rasd
set -euo pipefail
RASD=${1:?usage: $0 path/to/rasd}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$TMP/serve.err" ] && sed 's/^/  serve: /' "$TMP/serve.err" >&2; exit 1; }

# ---- a database -------------------------------------------------------------
DOCS="$SRC/examples"
if ! ls "$DOCS"/*.txt >/dev/null 2>&1; then
  DOCS="$TMP/docs"
  mkdir -p "$DOCS"
  printf 'روسيا تدعو الجزائر إلى الحوار\nفبراير 16, 2016\nدعت روسيا الجزائر اليوم الثلاثاء إلى استئناف الحوار مع ليبيا.\n' >"$DOCS/a.txt"
  printf 'قصف في سرت\nفبراير 19, 2016\nقصفت القوات الأمريكية مواقع لتنظيم داعش في سرت الليبية.\n' >"$DOCS/b.txt"
fi
"$RASD" -q ingest --db "$TMP/rasd.db" "$DOCS" >"$TMP/ingest.out" || fail "ingest exited $?"
grep -Eq '^ingested [0-9]+ documents \([0-9]+ new, 0 replaced, 0 unchanged\), [0-9]+ events, 0 record errors into ' "$TMP/ingest.out" ||
  fail "unexpected ingest summary: $(cat "$TMP/ingest.out")"

# ---- the server ---------------------------------------------------------------
mkdir -p "$TMP/web/assets"
printf '<!doctype html><title>rasd test</title>\n' >"$TMP/web/index.html"
printf 'console.log(1)\n' >"$TMP/web/assets/app.js"
printf 'secret\n' >"$TMP/secret.txt"
"$RASD" serve --db "$TMP/rasd.db" --host 127.0.0.1 --port 0 --web "$TMP/web" >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER_PID=$!
for _ in $(seq 100); do
  grep -q 'serving http' "$TMP/serve.out" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited early"
  sleep 0.05
done
grep -Eq "^rasd: serving http://127\.0\.0\.1:[0-9]+/ \(database $TMP/rasd.db\)$" "$TMP/serve.out" ||
  fail "unexpected start line: $(cat "$TMP/serve.out")"
BASE=$(sed -n 's|^rasd: serving \(http://[^ ]*\)/ .*|\1|p' "$TMP/serve.out")

# get PATH EXPECTED_STATUS [NAME] -> body in $TMP/body (and $TMP/r/NAME), headers in $TMP/headers.
# Bodies are checked afterwards by one python3 run (starting python is slow).
mkdir -p "$TMP/r"
get() {
  local code
  code=$(curl -s -g -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$BASE$1") || fail "curl $1"
  [ "$code" = "$2" ] || fail "GET $1: status $code, expected $2: $(head -c 300 "$TMP/body")"
  if [ -n "${3:-}" ]; then cp "$TMP/body" "$TMP/r/$3"; fi
}

get /api/health 200 health
grep -qi '^content-type: application/json' "$TMP/headers" || fail "health content type"
get /api/stats 200 stats
get '/api/events?limit=5' 200 events5
get '/api/events?limit=5000' 200 events_clamped
get '/api/events?root=19&limit=1000' 200 root19
get '/api/events?from=2016-01-01&to=2016-12-31&limit=1000' 200 year2016
get '/api/events?modality=asserted,reported&limit=1000' 200 modality
get '/api/events?bbox=-20,10,60,40&limit=1000' 200 bbox
get '/api/documents?limit=2' 200 documents

# Ids to follow: the first event, its document and actor, a word of the first document.
python3 - "$TMP/r" >"$TMP/ids" <<'PY'
import json, re, sys
r = sys.argv[1]
ev = json.load(open(f"{r}/events5", encoding="utf-8"))["events"]
e = ev[0] if ev else None
actor = ((e["source"] or e["target"] or {"code": ""})["code"][:3]) if e else ""
print(e["event_id"] if e else "", e["doc_id"] if e else "", actor or "-")
PY
read -r ID DOC ACTOR <"$TMP/ids" || true
[ "$ACTOR" = "-" ] && ACTOR=
FIRST_DOC=$(sed -n 's/^{"total":[0-9]*,"offset":0,"limit":2,"documents":\[{"id":"\([^"]*\)".*/\1/p' "$TMP/r/documents")
[ -n "$FIRST_DOC" ] || fail "no document id in /api/documents"
get "/api/documents/$FIRST_DOC" 200 document
if [ -n "${ID:-}" ]; then
  get "/api/events/$ID" 200 event
  get "/api/events?doc=$DOC&limit=1000" 200 by_doc
  if [ -n "$ACTOR" ]; then get "/api/events?actor=$ACTOR&limit=1000" 200 by_actor; fi
else
  echo "note: the engine coded no events from $DOCS; event detail checks skipped" >&2
fi
get '/api/actors?role=source&limit=5' 200 actors
get '/api/timeline?interval=week&by=quad' 200 timeline_week
get '/api/timeline' 200 timeline
get '/api/network?min=1&limit=50' 200 network

# Errors.
get '/api/events?from=2016-13-01' 400 bad_from
get '/api/events?bbox=1,2,3' 400 bad_bbox
get '/api/events?limit=-1' 400
get '/api/events/no-such-event' 404 no_event
get '/api/documents/no-such-doc' 404
get '/api/no-such-endpoint' 404 no_endpoint

# Exports.
get '/api/events?format=csv&limit=3' 200 csv
head -n 1 "$TMP/body" | grep -qx 'event_id,doc_id,doc_title,published,date,date_precision,sentence_index,source_code,source_text,target_code,target_text,cameo,cameo_root,goldstein,quad_class,plover_event,plover_mode,modality,attribution_kind,attribution_text,trigger_text,location_text,location_name_en,location_country,lat,lon,confidence,rule,sentence' ||
  fail "CSV header: $(head -n 1 "$TMP/body")"
grep -qi '^content-disposition: attachment; filename="rasd-events.csv"' "$TMP/headers" || fail "CSV disposition"
grep -qi '^content-type: text/csv' "$TMP/headers" || fail "CSV content type"
get '/api/events?format=jsonl&limit=3' 200 jsonl

# A little fuzz: odd query strings never crash the server or produce non-JSON.
i=0
for qs in 'q=%FF%FE' 'actor=%00' 'from=' 'bbox=nan,nan,nan,nan' 'limit=99999999999999999999' \
          'q=*' 'q=%22%27%3B--' 'root=,,,' 'offset=1e3' 'country=%D9%84%D9%8A%D8%A8' 'q=%E2%80%8F' \
          'q=%D8%A7%D9%84' 'to=9999-12-31' 'cameo=%20' 'doc=%2F..%2F'; do
  i=$((i + 1))
  code=$(curl -s -g -o "$TMP/r/fuzz$i" -w '%{http_code}' "$BASE/api/events?$qs")
  case "$code" in 200 | 400) ;; *) fail "/api/events?$qs: status $code" ;; esac
done
kill -0 "$SERVER_PID" || fail "server died during fuzzing"

# Full-text search: a word of the first document with the conjunction و in front.
python3 - "$TMP/r/document" >"$TMP/word" <<'PY'
import json, re, sys, urllib.parse
d = json.load(open(sys.argv[1], encoding="utf-8"))
words = [w for w in re.findall(r"[\u0621-\u064a]+", d["text"])
         if len(w) >= 5 and not w.startswith(("و", "ف", "ب", "ل", "ك", "ال"))]
print(urllib.parse.quote("و" + words[0]) if words else "")
PY
WORD=$(cat "$TMP/word")
if [ -n "$WORD" ]; then get "/api/documents?q=$WORD" 200 search; fi

python3 - "$TMP/r" "$FIRST_DOC" <<'PY' || fail "JSON checks failed (above)"
import json, os, sys
r, first_doc = sys.argv[1], sys.argv[2]
def load(name):
    return json.load(open(os.path.join(r, name), encoding="utf-8"))
failures = []
def check(cond, what):
    if not cond:
        failures.append(what)

check(load("health") == {"ok": True}, "health")
st = load("stats")
check(set(st) >= {"documents", "events", "sentences", "mentions", "roots", "first_date", "last_date", "engine"}, "stats keys")
check(st["documents"] >= 2 and st["engine"].startswith("rasd "), "stats values")
n = st["events"]
j = load("events5")
check(set(j) >= {"total", "offset", "limit", "events"} and j["limit"] == 5 and j["offset"] == 0, "events page")
check(j["total"] == n and len(j["events"]) == min(5, n), "events total")
keys = {"event_id", "doc_id", "sentence", "trigger", "source", "target", "cameo", "cameo_root", "goldstein",
        "quad_class", "plover", "modality", "attribution", "date", "location", "confidence", "doc_title", "published"}
check(all(set(e) >= keys for e in j["events"]), "event keys")
day = lambda e: e["date"] or e["published"] or ""
check(all(day(a) >= day(b) for a, b in zip(j["events"], j["events"][1:])), "newest first")
check(load("events_clamped")["limit"] == 1000, "limit clamped")
check(all(e["cameo_root"] == "19" for e in load("root19")["events"]), "root filter")
check(all("2016-01-01" <= day(e) <= "2016-12-31" for e in load("year2016")["events"]), "date filter")
check(all(e["modality"] in ("asserted", "reported") for e in load("modality")["events"]), "modality filter")
check(all(e["location"] and -20 <= e["location"]["lon"] <= 60 and 10 <= e["location"]["lat"] <= 40
          for e in load("bbox")["events"]), "bbox filter")
if os.path.exists(os.path.join(r, "event")):
    ev = load("event")
    e, d = ev["event"], ev["document"]
    check(e["doc_id"] == d["id"], "event document")
    check(set(d) >= {"id", "title", "text", "published", "url", "source", "sentences", "mentions", "events"}, "document keys")
    check(all(set(m) >= {"kind", "text", "start", "end"} for m in d["mentions"]), "mention keys")
    t = e["trigger"]
    check(d["text"][t["start"]:t["end"]] == t["text"], "trigger offsets are code points")
    bd = load("by_doc")
    check(bd["total"] >= 1 and all(x["doc_id"] == e["doc_id"] for x in bd["events"]), "doc filter")
    if os.path.exists(os.path.join(r, "by_actor")):
        ba = load("by_actor")
        code = (e["source"] or e["target"])["code"][:3]
        check(ba["total"] >= 1 and all(any(x and x["code"].startswith(code) for x in (y["source"], y["target"]))
                                       for y in ba["events"]), "actor filter")
docs = load("documents")
check(docs["total"] >= 2 and len(docs["documents"]) == 2, "documents page")
check(all(set(d) >= {"id", "title", "published", "source", "url", "events", "snippet"} for d in docs["documents"]), "document summary keys")
check(load("document")["id"] == first_doc, "document by id")
if os.path.exists(os.path.join(r, "search")):
    s = load("search")
    check(first_doc in [d["id"] for d in s["documents"]], "search with a clitic finds the document")
a = load("actors")["actors"]
check(len(a) <= 5 and all(set(x) == {"code", "count", "as_source", "as_target"} and x["count"] == x["as_source"] for x in a), "actors")
tw = load("timeline_week")
check(tw["interval"] == "week" and all(set(s) >= {"key", "points"} for s in tw["series"]), "timeline shape")
check(all(set(p) == {"date", "count"} and p["count"] > 0 for s in tw["series"] for p in s["points"]), "timeline points")
check(sum(p["count"] for s in load("timeline")["series"] for p in s["points"]) <= n, "timeline total")
nw = load("network")
check(set(nw) == {"nodes", "edges"} and all(set(e) == {"source", "target", "count", "goldstein"} for e in nw["edges"]), "network")
check("from" in load("bad_from")["error"], "400 names from")
check("bbox" in load("bad_bbox")["error"], "400 names bbox")
check("error" in load("no_event") and "error" in load("no_endpoint"), "404 JSON")
lines = open(os.path.join(r, "jsonl"), encoding="utf-8").read().splitlines()
check(len(lines) == min(3, n) and all("event_id" in json.loads(l) for l in lines), "jsonl export")
for name in sorted(os.listdir(r)):
    if name.startswith("fuzz"):
        try:
            load(name)
        except Exception as ex:
            failures.append(f"{name}: not JSON ({ex})")
for f in failures:
    print("FAIL:", f, file=sys.stderr)
sys.exit(1 if failures else 0)
PY

# Static files.
get / 200
grep -q 'rasd test' "$TMP/body" || fail "index.html not served"
grep -qi '^content-type: text/html' "$TMP/headers" || fail "index content type"
get /assets/app.js 200
grep -qi '^content-type: text/javascript' "$TMP/headers" || fail "js content type"
get /some/client/route 200
grep -q 'rasd test' "$TMP/body" || fail "client-side route fallback"
get /assets/missing.js 404
code=$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$BASE/../secret.txt")
[ "$code" = 400 ] || [ "$code" = 404 ] || fail "path traversal: status $code"
code=$(curl -s --path-as-is -o "$TMP/body" -w '%{http_code}' "$BASE/assets/%2e%2e/%2e%2e/secret.txt")
[ "$code" != 200 ] || fail "encoded path traversal served a file"

# SIGTERM stops it cleanly.
kill -TERM "$SERVER_PID"
for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SERVER_PID" 2>/dev/null; then fail "server still running 10 s after SIGTERM"; fi
wait "$SERVER_PID" && rc=0 || rc=$?
SERVER_PID=
[ "$rc" = 0 ] || fail "server exited with $rc after SIGTERM"

# Without a built UI: a clear 503.
"$RASD" serve --db "$TMP/rasd.db" --port 0 --web "$TMP/no-web" >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER_PID=$!
for _ in $(seq 100); do grep -q 'serving http' "$TMP/serve.out" 2>/dev/null && break; sleep 0.05; done
BASE=$(sed -n 's|^rasd: serving \(http://[^ ]*\)/ .*|\1|p' "$TMP/serve.out")
get / 503
grep -q 'web UI not built' "$TMP/body" || fail "503 message"
get /api/health 200

# A missing database is an error, not an empty store.
if "$RASD" serve --db "$TMP/none.db" --port 0 >/dev/null 2>"$TMP/err"; then fail "serve on a missing database"; fi
grep -q 'no database' "$TMP/err" || fail "missing database message: $(cat "$TMP/err")"
echo "api_server: ok"
