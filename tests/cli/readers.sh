#!/usr/bin/env bash
# End-to-end checks of the readers through the CLI: a malformed JSONL record
# makes `rasd code` exit 1, names file:line on stderr, and still codes the
# other records; stdout stays valid JSON lines. $1 = the rasd binary.
set -euo pipefail

rasd="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

check_jsonl() {  # Every line of the file is a JSON object.
  python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' <"$1" || fail "$2: stdout is not JSON lines"
}

mkdir -p "$tmp/in/sub"
cat >"$tmp/in/good.jsonl" <<'DOC'
{"id": "g1", "title": "وزير الخارجية يزور تونس", "text": "زار وزير الخارجية الجزائري تونس اليوم الثلاثاء.", "published": "2016-02-16"}
{"id": "g2", "text": "استقبل الرئيس التونسي وفدا ليبيا أمس.", "published": "Tue, 16 Feb 2016 10:00:00 GMT"}
DOC
cat >"$tmp/in/sub/bad.jsonl" <<'DOC'
{"id": "b1", "text": "نص سليم."}
{"id": "b2", "text": 7}
{"id": "b3", "text": "مكسور
{"id": "b4", "text": "نص سليم آخر."}
DOC
printf 'الثلاثاء 16 فبراير 2016\nندد وزير الخارجية المصري بالهجوم.\n' >"$tmp/in/sub/page.txt"
echo "not a document" >"$tmp/in/notes.md"

# A directory holding a malformed file: exit 1, errors name file:line.
set +e
"$rasd" -q code --format jsonl "$tmp/in" >"$tmp/out.jsonl" 2>"$tmp/err.txt"
rc=$?
set -e
[ "$rc" -eq 1 ] || { cat "$tmp/err.txt" >&2; fail "expected exit status 1, got $rc"; }
grep -q "bad.jsonl:2" "$tmp/err.txt" || fail "stderr does not name bad.jsonl:2: $(cat "$tmp/err.txt")"
grep -q "bad.jsonl:3" "$tmp/err.txt" || fail "stderr does not name bad.jsonl:3: $(cat "$tmp/err.txt")"
check_jsonl "$tmp/out.jsonl" "code"

# annotate: one object per good document, in sorted path order.
set +e
"$rasd" -q annotate --format jsonl "$tmp/in" >"$tmp/ann.jsonl" 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "annotate: expected exit status 1, got $rc"
check_jsonl "$tmp/ann.jsonl" "annotate"
ids="$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc_id"] for l in sys.stdin))' <"$tmp/ann.jsonl")"
[ "$ids" = "g1 g2 b1 b4 page" ] || fail "annotate ids: got '$ids'"

# Only good input: exit 0.
"$rasd" -q code --format jsonl "$tmp/in/good.jsonl" "$tmp/in/sub/page.txt" >"$tmp/out2.jsonl"
check_jsonl "$tmp/out2.jsonl" "code (good input)"

# Standard input, JSONL and plain text.
"$rasd" -q annotate - <"$tmp/in/good.jsonl" >"$tmp/stdin.jsonl"
[ "$(wc -l <"$tmp/stdin.jsonl")" -eq 2 ] || fail "stdin JSONL: expected 2 documents"
printf 'نص من المدخل القياسي' | "$rasd" -q annotate - >"$tmp/stdin2.jsonl"
grep -q '"doc_id":\s*"stdin"' "$tmp/stdin2.jsonl" || fail "stdin text: expected doc_id stdin"

# An explicitly named file of unknown type, or a missing one, is an error.
set +e
"$rasd" -q code "$tmp/in/notes.md" >/dev/null 2>"$tmp/err2.txt"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "unknown file type: expected exit status 1, got $rc"
grep -q "notes.md" "$tmp/err2.txt" || fail "unknown file type not named on stderr"

# Help and version.
"$rasd" --help >/dev/null || fail "rasd --help"
"$rasd" code --help >/dev/null || fail "rasd code --help"
"$rasd" --version | grep -q "^rasd " || fail "rasd --version"

echo "readers.sh: ok"
