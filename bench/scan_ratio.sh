#!/usr/bin/env bash
# The whole pipeline against the practical floor of dictionary matching: one
# `grep -F -o -f TERMS` pass over the same file, where TERMS are all Arabic
# terms of the dictionaries rasd matches (docs/performance.md).
#
#   bench/scan_ratio.sh [N ...]            default N: 2000 31525 (first N articles)
#   THREADS="1 2 4" bench/scan_ratio.sh    thread counts to run (default "1 2")
#   BUILD=build CORPUS=path.jsonl.zst      binary directory and corpus
#
# For each N it writes the first N articles of the corpus as plain JSONL, then
# times (wall clock, peak RSS from /usr/bin/time):
#   grep    LC_ALL=C grep -F -o -f TERMS file | wc -l   (one core)
#   1 core  taskset -c 0 rasd code -q -j 1 file       (reader and worker share one core)
#   T thr.  rasd code -q -j T file                    (T workers + the reading thread)
# and prints wall and CPU seconds, docs/s, docs and MB per CPU-second (the
# per-thread rate), events/s, peak RSS and the ratio of CPU time to grep's.
# Skips with a message when the corpus is absent.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRC/build}
RASD=$BUILD/rasd
CORPUS=${CORPUS:-$SRC/../shared/corpora/ant-multisource-2018.jsonl.zst}
THREADS=${THREADS:-1 2}
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(2000 31525)
if [ ! -f "$CORPUS" ]; then
  echo "scan_ratio: SKIP: $CORPUS not found (the shared corpus is needed)"
  exit 0
fi
[ -x "$RASD" ] || { echo "scan_ratio: $RASD not built" >&2; exit 1; }
for tool in zstdcat taskset /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "scan_ratio: needs $tool" >&2; exit 1; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Every Arabic field of the dictionaries the recognizer and the coder match
# (countries, roles, organisations, people, places, dates, triggers, cues),
# '+' joiners of trigger phrases as spaces. The NER's word lists (gazetteer,
# clusters) are per-token features, not phrase dictionaries, and left out.
LC_ALL=C awk -F'\t' '{
    for (i = 1; i <= NF; i++) if ($i ~ /[\330-\333]/) { t = $i; gsub(/\+/, " ", t); print t }
  }' "$SRC"/data/lexicon/{countries,agents,organizations,people,places-curated,places,dates}.tsv \
  "$SRC"/data/triggers/{verbs,nouns,cues}.tsv | LC_ALL=C sort -u >"$TMP/terms"
echo "scan_ratio: $(wc -l <"$TMP/terms") Arabic dictionary terms; $(nproc) CPUs; $(date -u +%F)"

# Runs a command under /usr/bin/time; sets SECS (wall), CPU (user+sys), RSS_MB
# and LINES (its stdout line count).
timed() {
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" "$@" | wc -l >"$TMP/lines"
  read -r SECS USR SYS RSS_KB <"$TMP/time"
  CPU=$(awk -v u="$USR" -v s="$SYS" 'BEGIN { printf "%.2f", u + s }')
  RSS_MB=$(awk -v k="$RSS_KB" 'BEGIN { printf "%.0f", k / 1024 }')
  LINES=$(cat "$TMP/lines")
}

# Wall-clock figures depend on what else the machine runs; CPU seconds
# (user + sys) do much less, so the per-thread rates and the ratio to grep
# are computed from CPU time, the scaling from wall time.
printf '\n| N docs | MB | run | wall s | CPU s | docs/s (wall) | docs per CPU-s | MB per CPU-s | events/s (wall) | peak RSS MB | x grep (CPU) |\n'
printf '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for n in "${NS[@]}"; do
  f="$TMP/first$n.jsonl"
  zstdcat "$CORPUS" | head -n "$n" >"$f" || true
  docs=$(wc -l <"$f")
  mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1e6 }')
  cat "$f" >/dev/null  # Warm the page cache.
  # grep writes every match to a pipe: with -o into /dev/null GNU grep would
  # stop at the first match.
  timed env LC_ALL=C taskset -c 0 grep -F -o -f "$TMP/terms" "$f"
  grep_cpu=$CPU
  row() {  # label wall cpu events rss
    awk -v n="$docs" -v mb="$mb" -v label="$1" -v s="$2" -v c="$3" -v ev="$4" -v rss="$5" -v g="$grep_cpu" 'BEGIN {
      if (s <= 0) s = 0.01
      if (c <= 0) c = 0.01
      printf "| %d | %s | %s | %.2f | %.2f | %.0f | %.0f | %.2f | %s | %s | %s |\n", n, mb, label, s, c, n / s, n / c, mb / c,
        (ev == "" ? "" : sprintf("%.0f", ev / s)), rss, (label ~ /grep/ ? "1" : sprintf("%.1f", c / g)) }'
  }
  row "grep -F -o ($LINES matches)" "$SECS" "$CPU" "" "-"
  timed taskset -c 0 "$RASD" -q code -j 1 "$f"
  row "rasd, 1 core" "$SECS" "$CPU" "$LINES" "$RSS_MB"
  for t in $THREADS; do
    timed "$RASD" -q code -j "$t" "$f"
    row "rasd -j $t" "$SECS" "$CPU" "$LINES" "$RSS_MB"
  done
done
