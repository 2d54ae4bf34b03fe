#!/usr/bin/env bash
# End-to-end checks of the NER through the CLI: `rasd tag` answers one tag per
# token; `rasd eval ner` scores a gold file with and without the neural scorer
# (--fast-ner) and the consistency pass (--no-propagate), and lists its errors
# by line and kind (--errors); `rasd annotate
# --neural-ner` emits entity mentions; `rasd train ner-neural` trains on a
# tiny file with --extra and --train-all, and keeps the best of three seeds
# with --keep-best; a damaged model is refused with its path. $1 = the rasd
# binary.
set -euo pipefail

rasd="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

cat >"$tmp/gold.conll" <<'DOC'
التقى	O
الرئيس	O
عبد	B-PERS
المجيد	I-PERS
تبون	I-PERS
في	O
الجزائر	B-LOC
.	O

وقال	O
الأمين	O
العام	O
للأمم	B-ORG
المتحدة	I-ORG
إن	O
الوضع	O
في	O
ليبيا	B-LOC
خطير	O
.	O
DOC

cut -f1 "$tmp/gold.conll" | "$rasd" tag --format conll >"$tmp/tagged" || fail "rasd tag exited $?"
[ "$(wc -l <"$tmp/tagged")" = "$(wc -l <"$tmp/gold.conll")" ] || fail "rasd tag: not one line per input line"
grep -q $'^الجزائر\tB-LOC$' "$tmp/tagged" || fail "rasd tag: الجزائر is not B-LOC: $(cat "$tmp/tagged")"
# A gold file as it is (its tags ignored); a line whose token is empty is a
# token, not a sentence break.
printf 'زار\tO\n\tO\nالجزائر\tB-LOC\n' | "$rasd" tag --format conll >"$tmp/empty" || fail "rasd tag (empty token) exited $?"
[ "$(wc -l <"$tmp/empty")" = 3 ] || fail "rasd tag (empty token): not three lines: $(cat "$tmp/empty")"
sed -n 2p "$tmp/empty" | grep -q $'^\t' || fail "rasd tag: the empty token became a sentence break: $(cat -A "$tmp/empty")"
cut -f1 "$tmp/gold.conll" | "$rasd" tag --format conll --no-propagate >"$tmp/tagged2" || fail "rasd tag --no-propagate exited $?"
[ "$(wc -l <"$tmp/tagged2")" = "$(wc -l <"$tmp/gold.conll")" ] || fail "rasd tag --no-propagate: not one line per input line"

for mode in "" "--fast-ner" "--no-propagate"; do
  "$rasd" eval ner --gold "$tmp/gold.conll" $mode >"$tmp/eval" || fail "rasd eval ner $mode exited $?"
  grep -q '^overall' "$tmp/eval" || fail "rasd eval ner $mode: no overall line"
  f1=$(awk '$1 == "overall" { print $4 }' "$tmp/eval")
  python3 -c "import sys; sys.exit(0 if float('$f1') >= 0.5 else 1)" || fail "rasd eval ner $mode: F1 $f1 on easy sentences"
done

# --errors: a gold file with two deliberate mistakes (الجزائر as a person, الوضع
# as an organisation) gets a type error and a miss, each at its own line.
sed -e $'s/^الجزائر\tB-LOC$/الجزائر\tB-PERS/' -e $'s/^الوضع\tO$/الوضع\tB-ORG/' "$tmp/gold.conll" >"$tmp/wrong.conll"
"$rasd" eval ner --gold "$tmp/wrong.conll" --errors "$tmp/errors.tsv" >"$tmp/eval" || fail "rasd eval ner --errors exited $?"
head -1 "$tmp/errors.tsv" | grep -q $'^line\tkind\tgold\tpredicted\tcontext$' || fail "--errors: no header: $(cat "$tmp/errors.tsv")"
grep -q $'^7\ttype\tPERS الجزائر\tLOC الجزائر\t' "$tmp/errors.tsv" || fail "--errors: no type error at line 7: $(cat "$tmp/errors.tsv")"
grep -q $'^16\tmissed\tORG الوضع\t\t.*\[\[الوضع\]\]' "$tmp/errors.tsv" || fail "--errors: no miss at line 16: $(cat "$tmp/errors.tsv")"
n=$(($(wc -l <"$tmp/errors.tsv") - 1))
total=$(awk '$1 == "all" { print $2 + $3 + $4 + $5 }' "$tmp/eval")
[ "$n" = "$total" ] || fail "--errors: $n listed, $total counted: $(cat "$tmp/eval")"
"$rasd" eval ner --gold "$tmp/wrong.conll" --errors "$tmp/no/such/dir/e.tsv" >/dev/null 2>"$tmp/err" && fail "--errors into a missing directory succeeded"
grep -q "no/such/dir/e.tsv" "$tmp/err" || fail "--errors: the failure does not name the file: $(cat "$tmp/err")"

printf '{"id": "n1", "text": "التقى الرئيس عبد المجيد تبون في الجزائر وزير خارجية ليبيا."}\n' >"$tmp/doc.jsonl"
"$rasd" annotate --neural-ner "$tmp/doc.jsonl" >"$tmp/ann" || fail "rasd annotate --neural-ner exited $?"
grep -q '"kind":"entity"' "$tmp/ann" || fail "rasd annotate --neural-ner: no entity mention"

cat >"$tmp/extra.conll" <<'DOC'
وصل	O
الوزير	O
مراد	B-PERS
بن	I-PERS
سالم	I-PERS
إلى	O
وهران	B-LOC
.	O
DOC
"$rasd" -q train ner-neural --train "$tmp/gold.conll" --holdout 0.5 --epochs 2 --extra "$tmp/extra.conll" \
  --train-all --out "$tmp/small.model" >"$tmp/train" || fail "rasd train ner-neural exited $?"
grep -q '2 sentences (1 of them from --extra)' "$tmp/train" || fail "train ner-neural: --extra not read: $(cat "$tmp/train")"
grep -q '^training on all 3 sentences for [12] epochs' "$tmp/train" || fail "train ner-neural: no --train-all run: $(cat "$tmp/train")"
cut -f1 "$tmp/gold.conll" | "$rasd" tag --format conll --model "$tmp/small.model" >"$tmp/small" ||
  fail "rasd tag with the trained model exited $?"
[ "$(wc -l <"$tmp/small")" = "$(wc -l <"$tmp/gold.conll")" ] || fail "the trained model: not one line per input line"
# --ensemble 3 --keep-best: three scorers on the held-out part, one kept (the
# best there), and only that one trained again on everything, with its seed.
"$rasd" -q train ner-neural --train "$tmp/gold.conll" --holdout 0.5 --epochs 2 --extra "$tmp/extra.conll" \
  --ensemble 3 --keep-best --train-all --seed 7 --out "$tmp/best.model" >"$tmp/train" ||
  fail "rasd train ner-neural --keep-best exited $?"
kept="$(sed -n 's/^keeping scorer [123] of 3 (seed \([0-9]*\), held-out F1 [0-9.]*)$/\1/p' "$tmp/train")"
case "$kept" in 7 | 8 | 9) ;; *) fail "--keep-best: no scorer kept: $(cat "$tmp/train")" ;; esac
[ "$(grep -c '^training on all' "$tmp/train")" = 1 ] || fail "--keep-best: not one --train-all run: $(cat "$tmp/train")"
grep -q "^training on all 3 sentences for [12] epochs (seed $kept)" "$tmp/train" ||
  fail "--keep-best: the run on everything is not the kept seed's: $(cat "$tmp/train")"
cut -f1 "$tmp/gold.conll" | "$rasd" tag --format conll --model "$tmp/best.model" >"$tmp/best" ||
  fail "rasd tag with the --keep-best model exited $?"
[ "$(wc -l <"$tmp/best")" = "$(wc -l <"$tmp/gold.conll")" ] || fail "the --keep-best model: not one line per input line"
if "$rasd" -q train ner-neural --train "$tmp/gold.conll" --extra "$tmp/missing.conll" --out "$tmp/x.model" 2>"$tmp/err"; then
  fail "a missing --extra file was accepted"
fi
grep -q "missing.conll" "$tmp/err" || fail "the error does not name the --extra file: $(cat "$tmp/err")"

model="$(dirname "$rasd")/data/ner.model"
[ -f "$model" ] || fail "$model not found (built with rasd)"
head -c 1000 "$model" >"$tmp/broken.model"
if "$rasd" eval ner --gold "$tmp/gold.conll" --model "$tmp/broken.model" 2>"$tmp/err"; then
  fail "a truncated model was accepted"
fi
grep -q "broken.model" "$tmp/err" || fail "the error does not name the model file: $(cat "$tmp/err")"
echo "ok"
