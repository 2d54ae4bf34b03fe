#!/usr/bin/env bash
# Crash safety of `rasd ingest` (docs/security.md, "Crash-safe ingest"):
# `kill -9` at random moments of an ingest leaves a consistent SQLite database,
# and re-running the same command resumes and ends with every document stored
# exactly once and the same rows as an uninterrupted run.
#
#   tests/cli/ingest_kill.sh path/to/rasd
#
# The documents are synthetic Arabic news items generated here (templates of
# actors, verbs and places written for this test). KILL_SEED=N reproduces a run's
# kill moments (the seed is printed); KILL_ROUNDS (default 8) sets the number of
# killed runs; KILL_DOCS (default 600) the number of documents.
set -euo pipefail
RASD=${1:?usage: $0 path/to/rasd}
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is not installed (scripts/setup)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is not installed (scripts/setup)" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rasd-kill.XXXXXX")
child=""
cleanup() {
  if [ -n "$child" ]; then kill -9 "$child" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

SEED=${KILL_SEED:-$(( $(date +%s) % 100000 ))}
ROUNDS=${KILL_ROUNDS:-8}
NDOCS=${KILL_DOCS:-600}
RANDOM=$SEED
echo "seed $SEED (rerun with KILL_SEED=$SEED), $ROUNDS killed runs, $NDOCS documents"

# ---- synthetic corpus: NDOCS documents of 3-6 sentences each ----
python3 - "$NDOCS" "$SEED" >"$TMP/corpus.jsonl" <<'PY'
import json, random, sys
n, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
actors = ["روسيا", "الجزائر", "فرنسا", "مصر", "تونس", "الحكومة الليبية", "الولايات المتحدة",
          "الأمم المتحدة", "وزارة الخارجية المغربية", "الرئيس التونسي", "الجيش المصري", "تركيا"]
templates = ["دعت {a} {b}", "أدانت {a} تصريحات {b}", "انتقدت {a} {b}", "رحبت {a} بموقف {b}",
             "استقبلت {a} وفدا من {b}", "هددت {a} {b}", "طالبت {a} {b}", "اتهمت {a} {b}"]
objects = ["إلى استئناف الحوار", "بوقف إطلاق النار", "بالإفراج عن المعتقلين", "في العاصمة",
           "خلال زيارة رسمية", "بعد اجتماع مطول", "بسبب الهجوم الأخير"]
places = ["طرابلس", "الجزائر العاصمة", "القاهرة", "تونس", "بنغازي", "سرت", "الرباط", "أنقرة"]
days = ["اليوم الثلاثاء", "أمس الأحد", "يوم الخميس", "صباح الاثنين"]
for i in range(n):
    sents = []
    for _ in range(rng.randint(3, 6)):
        a, b = rng.sample(actors, 2)
        head = rng.choice(templates).format(a=a, b=b)
        sents.append(f"{head} {rng.choice(objects)} في {rng.choice(places)} {rng.choice(days)}.")
    body = " ".join(sents) + f" (نشرة رقم {i})"
    doc = {"id": f"kill-{i:05d}", "title": f"{sents[0][:40]} {i}", "text": body,
           "published": f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}", "source": "اختبار"}
    print(json.dumps(doc, ensure_ascii=False))
PY
[ "$(wc -l <"$TMP/corpus.jsonl")" = "$NDOCS" ] || fail "corpus generation"

# Small batches and one thread: many commits, a long enough run to land kills in.
# (Run rasd itself in the background, not a shell function: kill -9 must hit rasd.)
INGEST=("$RASD" -q ingest --batch 16 -j 1)

q() { sqlite3 -batch -noheader "$1" "$2"; }

# Checks a database left by any run, finished or killed: SQLite's integrity
# check, foreign keys, every stored document complete (its counts match its
# rows) and in the search index, no orphan rows.
consistent() {
  local db=$1 label=$2 r
  [ -f "$db" ] || return 0  # Killed before the file was created.
  r=$(q "$db" "PRAGMA integrity_check") || fail "$label: integrity_check could not run"
  [ "$r" = ok ] || fail "$label: integrity_check: $r"
  # Killed before the first migration committed: no tables yet (a valid, empty database).
  [ "$(q "$db" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents'")" = 1 ] || return 0
  r=$(q "$db" "PRAGMA foreign_key_check")
  [ -z "$r" ] || fail "$label: foreign_key_check: $r"
  r=$(q "$db" "SELECT COUNT(*) FROM documents d WHERE
        n_events != (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) OR
        n_sentences != (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id) OR
        n_mentions != (SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.id)")
  [ "$r" = 0 ] || fail "$label: $r documents stored incompletely"
  r=$(q "$db" "SELECT (SELECT COUNT(*) FROM documents) - (SELECT COUNT(*) FROM documents_fts)")
  [ "$r" = 0 ] || fail "$label: documents and search index differ by $r rows"
  r=$(q "$db" "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM documents_fts f WHERE f.rowid = d.key)")
  [ "$r" = 0 ] || fail "$label: $r documents missing from the search index"
  q "$db" "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')" ||
    fail "$label: FTS5 integrity-check failed"
}

# Everything an ingest stores except the ingest time: equal for equal content.
fingerprint() {
  q "$1" "SELECT id, content_hash, n_events, n_sentences, n_mentions FROM documents ORDER BY id" | md5sum
  q "$1" "SELECT event_id, doc_id, ord, cameo, source_code, target_code, event_json FROM events ORDER BY event_id" | md5sum
  q "$1" "SELECT doc_id, idx, kind, start, \"end\", code FROM mentions ORDER BY doc_id, idx" | md5sum
  q "$1" "SELECT doc_id, idx, start, \"end\" FROM sentences ORDER BY doc_id, idx" | md5sum
  q "$1" "SELECT d.id, f.terms FROM documents d JOIN documents_fts f ON f.rowid = d.key ORDER BY d.id" | md5sum
}

# ---- the reference: one uninterrupted run ----
ms() { echo $(( $(date +%s%N) / 1000000 )); }
: >"$TMP/empty.jsonl"
t0=$(ms)
"${INGEST[@]}" --db "$TMP/empty.db" "$TMP/empty.jsonl" >/dev/null || fail "ingest of nothing"
t1=$(ms)
"${INGEST[@]}" --db "$TMP/clean.db" "$TMP/corpus.jsonl" >"$TMP/clean.out" || fail "clean ingest exited $?: $(cat "$TMP/clean.out")"
t2=$(ms)
start_ms=$((t1 - t0))      # Loading dictionaries and models, opening and migrating the database.
write_ms=$((t2 - t1 - start_ms))
[ "$write_ms" -gt 50 ] || write_ms=50
grep -Eq "^ingested $NDOCS documents \($NDOCS new, 0 replaced, 0 unchanged\)" "$TMP/clean.out" ||
  fail "clean ingest: $(cat "$TMP/clean.out")"
consistent "$TMP/clean.db" "clean run"
clean_events=$(q "$TMP/clean.db" "SELECT COUNT(*) FROM events")
[ "$clean_events" -gt 0 ] || fail "the synthetic corpus yields no events: the test would prove little"
echo "clean run: $NDOCS documents, $clean_events events; start-up ${start_ms} ms, coding and writing ${write_ms} ms"
fingerprint "$TMP/clean.db" >"$TMP/clean.fp"

# ---- killed runs into one database ----
# Each run is killed after start-up plus a random share of the writing time
# (about 2/ROUNDS of it, so the runs together get through most of the corpus);
# runs 1, 5, 9 ... are killed at a random moment of start-up instead (opening,
# migrating: the first one may die before the schema exists).
DB="$TMP/killed.db"
stored_before=0
mid_write=0
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 4)) = 1 ]; then
    delay_ms=$(( RANDOM % (start_ms + 1) ))
  else
    delay_ms=$(( start_ms + RANDOM % (2 * write_ms / ROUNDS + 1) ))
  fi
  "${INGEST[@]}" --db "$DB" "$TMP/corpus.jsonl" >"$TMP/round.out" 2>&1 &
  child=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -9 "$child" 2>/dev/null; then how=killed; else how="finished before the kill"; fi
  wait "$child" 2>/dev/null || true
  child=""
  consistent "$DB" "round $round ($how at ${delay_ms} ms)"
  stored=0
  if [ -f "$DB" ] && [ "$(q "$DB" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents'")" = 1 ]; then
    stored=$(q "$DB" "SELECT COUNT(*) FROM documents")
  fi
  [ "$stored" -ge "$stored_before" ] || fail "round $round: stored documents went down $stored_before -> $stored"
  if [ "$how" = killed ] && [ "$stored" -gt "$stored_before" ] && [ "$stored" -lt "$NDOCS" ]; then
    mid_write=$((mid_write + 1))
  fi
  echo "round $round: $how at ${delay_ms} ms, $stored documents stored, database consistent"
  stored_before=$stored
done
[ "$mid_write" -gt 0 ] || [ "$ROUNDS" -lt 4 ] ||
  fail "no kill landed in the middle of writing (seed $SEED): the kill moments missed the writes"

# ---- resume: the same command again runs to the end ----
"${INGEST[@]}" --db "$DB" "$TMP/corpus.jsonl" >"$TMP/resume.out" || fail "resumed ingest exited $?: $(cat "$TMP/resume.out")"
new=$((NDOCS - stored_before))
grep -Eq "^ingested $NDOCS documents \($new new, 0 replaced, $stored_before unchanged\)" "$TMP/resume.out" ||
  fail "resumed ingest should add $new and leave $stored_before unchanged: $(cat "$TMP/resume.out")"
consistent "$DB" "after resuming"
[ "$(q "$DB" "SELECT COUNT(*) || ' ' || COUNT(DISTINCT id) FROM documents")" = "$NDOCS $NDOCS" ] ||
  fail "documents are not stored exactly once"
fingerprint "$DB" >"$TMP/killed.fp"
diff "$TMP/clean.fp" "$TMP/killed.fp" >/dev/null ||
  fail "the killed-and-resumed database differs from the clean run"

# ---- a kill during a re-ingest that replaces documents (--force) ----
delay_ms=$(( start_ms + write_ms / 2 ))
"${INGEST[@]}" --db "$DB" --force "$TMP/corpus.jsonl" >/dev/null 2>&1 &
child=$!
sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
kill -9 "$child" 2>/dev/null || true
wait "$child" 2>/dev/null || true
child=""
consistent "$DB" "forced re-ingest killed at ${delay_ms} ms"
fingerprint "$DB" >"$TMP/forced.fp"
diff "$TMP/clean.fp" "$TMP/forced.fp" >/dev/null ||
  fail "a killed --force re-ingest changed the stored rows (the replacement must be atomic)"
echo "killed --force re-ingest at ${delay_ms} ms: rows unchanged, database consistent"

echo "PASS: $ROUNDS killed runs ($mid_write in the middle of writing), resumed to $NDOCS documents each stored once, identical to a clean run"
