#!/usr/bin/env bash
# Hostile input through the CLI (docs/robustness.md): random bytes, invalid
# UTF-8, empty files, a 3 MB single-line document, deeply nested and
# unterminated JSON, truncated .gz/.zst, HTML and decompression bombs, and a
# directory with unreadable entries. Every input is generated here at run time.
#
# For each input, `rasd code` must exit with a status (0, or 1 when records
# failed), never a signal; broken input must be named on stderr; each run must
# finish within a time bound and stay under a memory bound (maximum RSS).
# Then all inputs at once, next to a good document, through `rasd code`,
# `rasd annotate` and `rasd ingest`: the good document is still processed.
# $1 = the rasd binary.
set -uo pipefail

rasd="$(realpath "$1")"
tmp="$(mktemp -d)"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
TIME_LIMIT=${HOSTILE_TIME_LIMIT:-60}  # seconds per command (one input)
# All inputs at once hold millions of tokens (3 MB of `ب.` alone is 3 M): 20-40 s
# on an idle 2-core machine, more under a parallel ctest; the bound is for hangs.
ALL_TIME_LIMIT=${HOSTILE_ALL_TIME_LIMIT:-240}
RSS_LIMIT_MB=${HOSTILE_RSS_LIMIT_MB:-512}          # one input
ALL_RSS_LIMIT_MB=${HOSTILE_ALL_RSS_LIMIT_MB:-1024}  # all inputs at once, 2 threads
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

in="$tmp/in"
mkdir -p "$in"
python3 - "$in" <<'PY' || { echo "FAIL: cannot generate the inputs" >&2; exit 1; }
import gzip, os, random, subprocess, sys, zlib
d = sys.argv[1]
rnd = random.Random(8)

def w(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def zstd(data):
    return subprocess.run(["zstd", "-q", "-c"], input=data, stdout=subprocess.PIPE, check=True).stdout

good_jsonl = '{"id": "j1", "text": "زار وزير الخارجية الجزائري تونس أمس.", "published": "2016-02-16"}\n' * 50
words = "زار وزير الخارجية الجزائري تونس أمس وقال إن البلدين سيوقعان اتفاقا للتعاون في مجال الطاقة".split()

random_bytes = bytes(rnd.getrandbits(8) for _ in range(1 << 20))
for ext in ("txt", "html", "jsonl", "warc", "jsonl.gz", "jsonl.zst", "json"):
    w("random." + ext, random_bytes)
w("invalid-utf8.txt", b"\xd8\xb2\xd8\xa7\xd8\xb1 \xff\xfe\xc0\xaf \xed\xa0\x80\xf4\x90\x80\x80 \xd8" * 2000)
w("invalid-utf8.jsonl", b'{"id": "u1", "text": "\xd8\xb2\xd8\xa7\xd8\xb1 \xff\xfe \\ud800 \\u0000 \xd8"}\n')
for ext in ("txt", "html", "jsonl", "json", "warc", "jsonl.gz", "jsonl.zst", "txt.gz"):
    w("empty." + ext, b"")
# 3 MB on one line: Arabic words without punctuation, one word without spaces, a JSON record.
line = " ".join(rnd.choice(words) for _ in range(400000))[:3 << 20]
w("long-line.txt", line)
w("long-word.txt", "ب" * (3 << 19))
w("long-line.jsonl", '{"id": "long", "text": "%s"}\n' % line)
w("long-digits.txt", "1234567890." * 300000)
w("dots.txt", "ب." * (3 << 19))
# JSON: deeply nested, unterminated.
w("deep-array.jsonl", "[" * 1000000 + "\n" + good_jsonl)
w("deep-object.jsonl", '{"text": ' * 500000 + "\n")
w("deep-array.json", "[" * 1000000)
w("deep-valid.json", "[" * 100000 + "]" * 100000)
w("unterminated.jsonl", '{"id": "t1", "text": "قال الوزير\n{"id": "t2", "text": "نص\n' + good_jsonl)
w("unterminated.json", '[{"text": "نص سليم"}, {"text": "غير مغلق')
# Truncated compressed files.
w("truncated.jsonl.gz", gzip.compress(good_jsonl.encode())[:-20])
w("truncated.jsonl.zst", zstd(good_jsonl.encode())[:-20])
w("truncated.txt.gz", gzip.compress(("%s\n" % line[:100000]).encode())[:300])
w("truncated-header.jsonl.gz", b"\x1f\x8b\x08")
w("corrupt.jsonl.zst", b"\x28\xb5\x2f\xfd" + random_bytes[:5000])
# HTML bombs: nesting, unclosed formatting elements, nested tables.
w("nested-div.html", "<div>" * 300000 + "<p>زار الوزير تونس</p>")
w("formatting.html", "<b><i><u><s><em><strong><a href=x>" * 50000 + "نص" + "</b>" * 10000)
w("nested-table.html", "<table><tr><td>" * 50000)
w("attributes.html", "<p " + " ".join("a%d=x" % i for i in range(200000)) + ">نص</p>")
w("comment.html", "<!--" + "-" * 1000000)
w("wide.html", "<div>" * 990 + "<span>نص</span><p>فقرة" * 200000)
# Decompression bombs: 256 MiB of markup in about 250 kB.
bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
chunk = b"<p>" + b"\xd8\xa7 " * 32767 + b"</p>"
parts = [bomb.compress(b"<html><body>")]
for _ in range((1 << 28) // len(chunk)):
    parts.append(bomb.compress(chunk))
parts.append(bomb.flush())
gz_bomb = b"".join(parts)
w("bomb.html.gz", gz_bomb)
w("bomb.txt.gz", gz_bomb)
body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + gz_bomb
w("bomb.warc", b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/bomb\r\n"
  b"Content-Type: application/http\r\nContent-Length: %d\r\n\r\n" % len(body) + body + b"\r\n\r\n")
# One JSONL record that inflates to 32 MiB, then a good record.
jbomb = zlib.compressobj(9, zlib.DEFLATED, 31)
parts = [jbomb.compress(b'{"text": "')] + [jbomb.compress(b"\xd8\xa7 " * (1 << 20)) for _ in range(11)]
parts += [jbomb.compress(b'"}\n' + good_jsonl.splitlines()[0].encode() + b"\n"), jbomb.flush()]
w("bomb.jsonl.gz", b"".join(parts))
# WARC: a huge Content-Length, a record cut short.
w("big-length.warc", b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
  b"Content-Length: 999999999999999\r\n\r\n<p>short</p>")
# A directory: good files, an unreadable file, an unreadable subdirectory, a dangling link.
os.makedirs(os.path.join(d, "dir/sub"))
w("dir/a-good.txt", "زار وزير الخارجية الجزائري تونس أمس.\n")
w("dir/unreadable.txt", "نص")
w("dir/sub/locked.txt", "نص")
w("dir/z-good.jsonl", good_jsonl.splitlines()[0] + "\n")
os.symlink("/nonexistent/target.txt", os.path.join(d, "dir/dangling.txt"))
PY

# An unreadable file: permissions for ordinary users; root reads through
# permissions, so there a file that fails with an I/O error on read instead.
chmod 000 "$in/dir/unreadable.txt" "$in/dir/sub"
if [ "$(id -u)" = 0 ]; then
  rm -f "$in/dir/unreadable.txt"
  ln -s /proc/self/mem "$in/dir/unreadable.txt"
fi
printf 'زار وزير الخارجية الجزائري تونس أمس، وقال إن البلدين سيوقعان اتفاقا.\n' >"$tmp/good.txt"

# run NAME CMD...: runs CMD with the time limit; records exit status (or the
# signal), maximum RSS and seconds in $tmp/NAME.res, stdout and stderr beside.
cat >"$tmp/run.py" <<'PY'
import os, resource, subprocess, sys, time
name, limit, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
t0 = time.monotonic()
with open(name + ".out", "wb") as out, open(name + ".err", "wb") as err:
    p = subprocess.Popen(cmd, stdout=out, stderr=err)
    try:
        rc = p.wait(timeout=limit)
        status = "exit %d" % rc if rc >= 0 else "signal %d" % -rc
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        status = "timeout -"
rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print("%s %d %.1f" % (status, rss_mb, time.monotonic() - t0))
PY
run() {
  local name="$1"
  shift
  python3 "$tmp/run.py" "$tmp/$name" "${TLIMIT:-$TIME_LIMIT}" "$@" >"$tmp/$name.res"
  local kind code rss secs
  read -r kind code rss secs <"$tmp/$name.res"
  if [ "$kind" = timeout ]; then
    fail "$name: no exit within ${TLIMIT:-$TIME_LIMIT} s"
  elif [ "$kind" = signal ]; then
    fail "$name: killed by signal $code; stderr: $(tail -c 600 "$tmp/$name.err")"
  elif [ "$code" != 0 ] && [ "$code" != 1 ]; then
    fail "$name: exit status $code (expected 0 or 1); stderr: $(tail -c 600 "$tmp/$name.err")"
  fi
  local limit=${LIMIT_MB:-$RSS_LIMIT_MB}
  if [ "$rss" -gt "$limit" ]; then fail "$name: maximum RSS ${rss} MB > ${limit} MB"; fi
  printf '  %-28s %-8s %5s MB %6s s\n' "$name" "$kind${code:+ $code}" "$rss" "$secs"
}
# named NAME PATTERN: stderr of run NAME has an error naming PATTERN and the
# run exited 1.
named() {
  grep -q "error: .*$2" "$tmp/$1.err" || fail "$1: stderr does not name $2: $(head -c 600 "$tmp/$1.err")"
  grep -q '^exit 1 ' "$tmp/$1.res" || fail "$1: expected exit status 1 ($(cat "$tmp/$1.res"))"
}

echo "hostile inputs, one at a time (rasd code):"
cd "$in"
for f in *; do
  [ -f "$f" ] || continue
  run "code-$f" "$rasd" -q code -j 2 "$f"
done
# Odd but readable input is coded without complaint; broken input is an error
# naming the file.
for f in random.jsonl random.warc random.jsonl.gz random.jsonl.zst random.json deep-array.jsonl \
         deep-object.jsonl deep-array.json unterminated.jsonl unterminated.json truncated.jsonl.gz \
         truncated.jsonl.zst truncated.txt.gz truncated-header.jsonl.gz corrupt.jsonl.zst big-length.warc \
         bomb.html.gz bomb.txt.gz bomb.jsonl.gz bomb.warc deep-valid.json nested-div.html formatting.html \
         nested-table.html attributes.html; do
  named "code-$f" "$f"
done
for f in invalid-utf8.txt empty.txt empty.html empty.jsonl empty.json empty.warc empty.jsonl.gz \
         empty.jsonl.zst empty.txt.gz long-line.txt long-word.txt long-line.jsonl long-digits.txt dots.txt \
         comment.html wide.html; do
  grep -q '^exit 0 ' "$tmp/code-$f.res" || fail "code-$f: expected exit 0 ($(cat "$tmp/code-$f.res")): $(head -c 600 "$tmp/code-$f.err")"
done
# The long document is coded, not skipped.
grep -q '"doc_id": *"long"' "$tmp/code-long-line.jsonl.out" || fail "long-line.jsonl: no events coded"
# The readable records next to the broken ones still come out.
grep -q '"doc_id": *"j1"' "$tmp/code-deep-array.jsonl.out" || fail "deep-array.jsonl: the good records after it were lost"
grep -q '"doc_id": *"j1"' "$tmp/code-bomb.jsonl.gz.out" || fail "bomb.jsonl.gz: the good record after it was lost"
grep -q '"doc_id": *"j1"' "$tmp/code-unterminated.jsonl.out" || fail "unterminated.jsonl: the good records were lost"
cd - >/dev/null

echo "a directory with unreadable entries:"
run dir-code "$rasd" -q code -j 2 "$in/dir" "$tmp/good.txt"
named dir-code "unreadable.txt"
[ "$(id -u)" = 0 ] || named dir-code "sub"
grep -q '"doc_id": *"a-good"' "$tmp/dir-code.out" || fail "dir: a-good.txt was not coded"
grep -q '"doc_id": *"j1"' "$tmp/dir-code.out" || fail "dir: z-good.jsonl was not coded"
grep -q '"doc_id": *"good"' "$tmp/dir-code.out" || fail "dir: good.txt after the directory was not coded"

echo "everything at once, then a good document:"
TLIMIT=$ALL_TIME_LIMIT LIMIT_MB=$ALL_RSS_LIMIT_MB run all-code "$rasd" -q code -j 2 "$in" "$tmp/good.txt"
# annotate and ingest: the same minus all but one of the 3 MB documents
# (coded above), to keep the test's time down.
mkdir -p "$tmp/mix"
for f in "$in"/*; do
  case "$(basename "$f")" in long-word.txt | long-digits.txt | long-line.jsonl | dots.txt | random.txt | dir) continue ;; esac
  ln -s "$f" "$tmp/mix/$(basename "$f")"
done
TLIMIT=$ALL_TIME_LIMIT LIMIT_MB=$ALL_RSS_LIMIT_MB run all-annotate "$rasd" -q annotate -j 2 "$tmp/mix" "$in/dir" "$tmp/good.txt"
TLIMIT=$ALL_TIME_LIMIT LIMIT_MB=$ALL_RSS_LIMIT_MB run all-ingest "$rasd" -q ingest -j 2 --db "$tmp/hostile.db" "$tmp/mix" "$in/dir" "$tmp/good.txt"
for r in all-code all-annotate all-ingest; do
  grep -q '^exit 1 ' "$tmp/$r.res" || fail "$r: expected exit status 1 ($(cat "$tmp/$r.res"))"
  for f in deep-array.jsonl truncated.jsonl.zst bomb.html.gz unreadable.txt; do
    grep -q "$f" "$tmp/$r.err" || fail "$r: stderr does not name $f"
  done
done
grep -q '"doc_id": *"good"' "$tmp/all-code.out" || fail "all-code: good.txt was not coded"
python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' <"$tmp/all-annotate.out" ||
  fail "all-annotate: stdout is not JSON lines"
grep -q '"doc_id": *"good"' "$tmp/all-annotate.out" || fail "all-annotate: good.txt missing"
n=$(sqlite3 "$tmp/hostile.db" "select count(*) from documents where id = 'good'" 2>&1)
[ "$n" = 1 ] || fail "all-ingest: good.txt not stored ($n)"

if [ "$failures" -gt 0 ]; then
  echo "hostile_input: $failures failure(s)" >&2
  exit 1
fi
echo "hostile_input: ok"
