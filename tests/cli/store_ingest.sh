#!/usr/bin/env bash
# `rasd ingest` into SQLite: idempotent re-ingest, replacement of a changed
# document, record errors (exit 1, others stored), and `rasd export`.
# Usage: tests/cli/store_ingest.sh path/to/rasd
set -euo pipefail
RASD=${1:?usage: $0 path/to/rasd}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
DB="$TMP/store.db"
q() { sqlite3 -batch -noheader "$DB" "$1"; }

cat >"$TMP/wire.jsonl" <<'J'
{"id": "w1", "title": "روسيا تدعو الجزائر إلى الحوار", "text": "دعت روسيا اليوم الثلاثاء الجزائر إلى استئناف الحوار مع ليبيا.", "published": "2016-02-16"}
{"id": "w2", "title": "قصف في سرت", "text": "قصفت القوات الأمريكية مواقع لتنظيم داعش في مدينة سرت الليبية.", "published": "2016-02-19"}
{"id": "w3", "title": "احتجاجات في تونس", "text": "تظاهر مئات المحتجين في العاصمة التونسية للمطالبة بفرص العمل.", "published": "2017-01-08"}
J

"$RASD" -q ingest --db "$DB" "$TMP/wire.jsonl" >"$TMP/out" || fail "first ingest exited $?"
grep -Eqx 'ingested 3 documents \(3 new, 0 replaced, 0 unchanged\), [0-9]+ events, 0 record errors into .*store\.db' "$TMP/out" ||
  fail "first ingest: $(cat "$TMP/out")"
[ "$(q 'SELECT COUNT(*) FROM documents')" = 3 ] || fail "documents after first ingest"
[ "$(q 'SELECT MAX(version) FROM schema_migrations')" -ge 1 ] || fail "no schema version"
[ "$(q "PRAGMA journal_mode")" = wal ] || fail "journal mode is not WAL"
before=$(q 'SELECT COUNT(*) || "/" || (SELECT COUNT(*) FROM mentions) || "/" || (SELECT COUNT(*) FROM sentences) FROM events')

# Same documents again: nothing changes.
"$RASD" -q ingest --db "$DB" "$TMP/wire.jsonl" >"$TMP/out" || fail "second ingest exited $?"
grep -Eq '^ingested 3 documents \(0 new, 0 replaced, 3 unchanged\)' "$TMP/out" || fail "re-ingest: $(cat "$TMP/out")"
after=$(q 'SELECT COUNT(*) || "/" || (SELECT COUNT(*) FROM mentions) || "/" || (SELECT COUNT(*) FROM sentences) FROM events')
[ "$before" = "$after" ] || fail "re-ingest changed counts: $before -> $after"

# One document changed, one bad record: the change replaces, the error is reported, exit 1.
{
  echo '{"id": "w1", "title": "فرنسا تدين الهجوم", "text": "أدانت فرنسا الهجوم على السفارة في باريس.", "published": "2016-02-16"}'
  echo '{"id": "w4", "title": '
  sed -n 2p "$TMP/wire.jsonl"
} >"$TMP/changed.jsonl"
set +e
"$RASD" -q ingest --db "$DB" "$TMP/changed.jsonl" >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "ingest with a bad record exited $rc, expected 1"
grep -Eq '^ingested 2 documents \(0 new, 1 replaced, 1 unchanged\), [0-9]+ events, 1 record errors into ' "$TMP/out" ||
  fail "changed ingest: $(cat "$TMP/out")"
grep -q 'changed.jsonl:2' "$TMP/err" || fail "record error does not name the line: $(cat "$TMP/err")"
[ "$(q "SELECT title FROM documents WHERE id = 'w1'")" = "فرنسا تدين الهجوم" ] || fail "w1 not replaced"
[ "$(q "SELECT COUNT(*) FROM events WHERE doc_id = 'w1' AND sentence NOT LIKE '%فرنسا%' AND sentence NOT LIKE '%باريس%' AND sentence NOT LIKE '%الهجوم%'")" = 0 ] ||
  fail "old events of w1 survived the replacement"
[ "$(q "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH 'روسيا'")" = 0 ] || fail "search index kept w1's old text"
[ "$(q "SELECT COUNT(*) FROM documents")" = 3 ] || fail "document count after replacement"

# Export: CSV header + one line per event; JSONL one object per event.
"$RASD" export --db "$DB" --format csv -o "$TMP/all.csv" || fail "export csv"
head -n 1 "$TMP/all.csv" | grep -q '^event_id,doc_id,doc_title,published,date,' || fail "export header"
events=$(q 'SELECT COUNT(*) FROM events')
[ "$(($(wc -l <"$TMP/all.csv") - 1))" -ge "$events" ] || fail "export rows"
"$RASD" export --db "$DB" --format jsonl doc=w2 >"$TMP/w2.jsonl" || fail "export jsonl"
[ "$(wc -l <"$TMP/w2.jsonl")" = "$(q "SELECT COUNT(*) FROM events WHERE doc_id = 'w2'")" ] || fail "export filter"
if "$RASD" export --db "$DB" from=yesterday >/dev/null 2>"$TMP/err"; then fail "export accepted a bad date"; fi
grep -q "parameter 'from'" "$TMP/err" || fail "export error message: $(cat "$TMP/err")"
if "$RASD" export --db "$TMP/missing.db" >/dev/null 2>&1; then fail "export from a missing database"; fi
[ ! -e "$TMP/missing.db" ] || fail "export created a database"
echo "store_ingest: ok"
