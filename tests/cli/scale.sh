#!/usr/bin/env bash
# rasd code at scale through the CLI: --shard K/N covers every record exactly
# once (JSONL and directories), --format csv/gdelt, --dedup. Own Arabic
# sentences only. Usage: tests/cli/scale.sh path/to/rasd
set -euo pipefail
RASD=${1:?usage: $0 path/to/rasd}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Twelve wire stories: the same visit reported by three outlets, plus others.
python3 - "$TMP/wire.jsonl" <<'PY'
import json, sys
rows = []
for i, (src, day) in enumerate([("alpha", "2016-02-16"), ("beta", "2016-02-16"), ("gamma", "2016-02-17")]):
    rows.append({"id": f"visit-{src}", "source": src, "published": day, "title": "روسيا تدعو الجزائر إلى الحوار",
                 "text": "دعت روسيا الجزائر إلى استئناف الحوار مع ليبيا."})
for i in range(9):
    rows.append({"id": f"strike-{i}", "url": f"https://www.n{i % 3}.example/a/{i}", "published": f"2016-03-{1 + i * 3:02d}",
                 "title": "قصف في سرت", "text": "قصفت القوات الأمريكية مواقع لتنظيم داعش في مدينة سرت الليبية."})
with open(sys.argv[1], "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
mkdir -p "$TMP/dir/a" "$TMP/dir/b"
for i in $(seq 1 14); do
  echo "استقبل الرئيس الجزائري السفير الفرنسي في الجزائر يوم 3 مارس 2016 (نص $i)." >"$TMP/dir/$([ $((i % 2)) = 0 ] && echo a || echo b)/n$i.txt"
done

# Sharding: the union of 3 shards is the whole output, without overlap.
for input in "$TMP/wire.jsonl" "$TMP/dir"; do
  "$RASD" -q code -j 2 "$input" | sort >"$TMP/all" || fail "code exited $?"
  [ -s "$TMP/all" ] || fail "no events from $input"
  : >"$TMP/union"
  for k in 0 1 2; do
    "$RASD" -q code -j 1 --shard "$k/3" "$input" >"$TMP/part$k" || fail "shard $k exited $?"
    cat "$TMP/part$k" >>"$TMP/union"
  done
  sort "$TMP/union" | cmp -s - "$TMP/all" || fail "shards of $input do not add up to the whole"
  [ "$(sort "$TMP/union" | uniq -d | wc -l)" = 0 ] || fail "shards of $input overlap"
  [ -s "$TMP/part0" ] && [ -s "$TMP/part1" ] && [ -s "$TMP/part2" ] || fail "an empty shard for $input"
done
for bad in 3/3 x 1/0; do
  set +e
  "$RASD" -q code --shard "$bad" "$TMP/wire.jsonl" >/dev/null 2>"$TMP/err"
  rc=$?
  set -e
  [ "$rc" = 2 ] && grep -q "K/N" "$TMP/err" || fail "--shard $bad: exit $rc, $(cat "$TMP/err")"
done

# CSV: header plus one row per event; GDELT: 61 columns, no header.
events=$("$RASD" -q code "$TMP/wire.jsonl" | wc -l)
"$RASD" -q code --format csv "$TMP/wire.jsonl" >"$TMP/csv"
head -n 1 "$TMP/csv" | grep '^event_id,doc_id,doc_title,published,' >/dev/null || fail "csv header: $(head -n 1 "$TMP/csv")"
[ "$(($(wc -l <"$TMP/csv") - 1))" = "$events" ] || fail "csv rows $(wc -l <"$TMP/csv") for $events events"
"$RASD" -q code --format gdelt "$TMP/wire.jsonl" >"$TMP/gdelt"
[ "$(wc -l <"$TMP/gdelt")" = "$events" ] || fail "gdelt rows"
awk -F'\t' 'NF != 61 { exit 1 }' "$TMP/gdelt" || fail "gdelt rows must have 61 columns"
awk -F'\t' '$27 == "195" && $6 == "USAMIL" && $8 == "USA" && $13 == "MIL" && $53 == "Sirte" && $30 == 4 { ok = 1 } END { exit !ok }' \
  "$TMP/gdelt" || fail "gdelt row of the strike: $(grep -m1 195 "$TMP/gdelt")"

# Dedup: the visit reported by three outlets is one event with three articles;
# the strikes, three days apart, stay apart with a 1-day window and merge with 30.
"$RASD" -q code --dedup "$TMP/wire.jsonl" >"$TMP/dd"
grep '"cameo":"020"' "$TMP/dd" | grep '"mentions":[36],"sources":\["alpha","beta","gamma"\],"articles":\["visit-alpha","visit-beta","visit-gamma"\]' >/dev/null ||
  fail "dedup of the visit: $(grep -o '"mentions.*' "$TMP/dd")"
[ "$(grep -c '"cameo":"195"' "$TMP/dd")" = 9 ] || fail "strikes 3 days apart merged with a 1-day window"
"$RASD" -q code --dedup=30 --format gdelt "$TMP/wire.jsonl" >"$TMP/dd30"
awk -F'\t' '$27 == "195" { n++; if ($32 != 9 || $33 != 3 || $34 != 9) bad = 1 } END { exit !(n == 1 && !bad) }' "$TMP/dd30" ||
  fail "dedup=30 of the strikes: $(awk -F'\t' '$27 == "195" { print $32, $33, $34 }' "$TMP/dd30")"
"$RASD" -q code --dedup --format csv "$TMP/wire.jsonl" >"$TMP/ddcsv"
head -n 1 "$TMP/ddcsv" | grep -q ',mentions,sources,articles$' || fail "dedup csv header: $(head -n 1 "$TMP/ddcsv")"
set +e
"$RASD" -q code --dedup=soon "$TMP/wire.jsonl" >/dev/null 2>&1
[ $? = 2 ] || fail "--dedup=soon must be a usage error"
set -e

# Export from a store: gdelt and dedup there too.
"$RASD" -q ingest --db "$TMP/s.db" "$TMP/wire.jsonl" >/dev/null
"$RASD" export --db "$TMP/s.db" --format gdelt | awk -F'\t' 'NF != 61 { exit 1 } END { exit NR == 0 }' || fail "export gdelt"
"$RASD" export --db "$TMP/s.db" --format jsonl --dedup >"$TMP/exdd"
visit=$(grep '"cameo":"020"' "$TMP/exdd")
[ "$(echo "$visit" | wc -l)" = 1 ] || fail "export --dedup: the visit is not one event: $(grep -o '"mentions.*' "$TMP/exdd")"
for s in alpha beta gamma; do echo "$visit" | grep -q "\"sources\":\[[^]]*\"$s\"" || fail "export --dedup: no source $s"; done
echo "scale: ok"
