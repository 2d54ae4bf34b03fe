#!/usr/bin/env python3
"""Checks the event-trigger lexicon: data/cameo/codes.tsv, data/triggers/{verbs,nouns,cues}.tsv.

Errors (exit status 1):
  - a row with the wrong number of columns, an empty required field, or an unknown kind/frame;
  - a CAMEO code that is not in data/cameo/codes.tsv;
  - a CAMEO root (01..20) with no trigger in verbs.tsv + nouns.tsv;
  - Arabic diacritics (harakat, shadda, sukun, tatweel) anywhere in a trigger or cue;
  - a duplicate row, or the same trigger spelling (after the engine's normalisation:
    alef variants, ى, ة, a leading ال on long words) listed under two different codes,
    or a cue phrase listed twice under the same kind;
  - "speech" in the note of a row that is not a verb of saying (the coder skips those rows).
Prints counts per file and per CAMEO root. Standard library only.

Usage: scripts/data/check_triggers.py [--data DIR]
"""
import argparse
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_OR_SPACE = re.compile(r"^[\u0621-\u064a\u0671-\u06d3 0-9+]+$")
CUE_KINDS = {"future", "negation", "hypothetical", "conditional", "reported", "speech", "anonymous",
             "media", "official", "opinion", "history"}
NOUN_KINDS = {"noun", "light"}
FRAME_RE = re.compile(r"^(obj|none|prep:[\u0621-\u064a]+)$")


def norm_word(w):
    """Approximates the engine's key for one dictionary word (src/lexicon/keys.cc)."""
    w = DIACRITICS.sub("", w)
    w = re.sub("[أإآٱ]", "ا", w).replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    if w.startswith("ال") and len(w) >= 5:
        w = w[2:]
    return w


def norm_phrase(p):
    return " ".join(norm_word(w) for w in re.split(r"[\s+]+", p) if w)


class Checker:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def err(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings.append("%s: %s" % (where, msg))


def read_tsv(path, ncols, header, ck):
    """Yields (lineno, cols) of data rows; checks the column count and the header."""
    rel = os.path.relpath(path, ROOT)
    if not os.path.exists(path):
        ck.err(rel, "missing")
        return
    seen_header = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.endswith("\r"):
                ck.err("%s:%d" % (rel, n), "CRLF line ending")
                line = line.rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not seen_header:
                seen_header = True
                if cols != header:
                    ck.err("%s:%d" % (rel, n), "header must be %r, got %r" % ("\t".join(header), line))
                continue
            if len(cols) not in ncols:
                ck.err("%s:%d" % (rel, n), "expected %s columns, got %d" % ("/".join(map(str, sorted(ncols))), len(cols)))
                continue
            if any(c != c.strip() for c in cols):
                ck.err("%s:%d" % (rel, n), "leading or trailing spaces in a column")
            yield n, cols


def check_arabic(ck, where, text, allow_dash=False):
    if allow_dash and text == "-":
        return
    if DIACRITICS.search(text):
        ck.err(where, "diacritics in %r" % text)
    elif not ARABIC_OR_SPACE.match(text):
        ck.err(where, "unexpected characters in %r" % text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "data"))
    args = ap.parse_args()
    ck = Checker()

    # CAMEO codebook.
    codes_path = os.path.join(args.data, "cameo", "codes.tsv")
    codes = {}
    for n, c in read_tsv(codes_path, {7, 8}, ["cameo", "root", "name", "goldstein", "quad_class",
                                             "plover_event", "plover_mode", "plover_context"], ck):
        where = "cameo/codes.tsv:%d" % n
        if not re.fullmatch(r"\d{2,4}", c[0]) or c[1] != c[0][:2]:
            ck.err(where, "bad code/root %r/%r" % (c[0], c[1]))
        if c[0] in codes:
            ck.err(where, "duplicate code %s" % c[0])
        if c[4] not in {"1", "2", "3", "4"}:
            ck.err(where, "quad_class must be 1-4")
        try:
            float(c[3])
        except ValueError:
            ck.err(where, "goldstein %r is not a number" % c[3])
        codes[c[0]] = c
    roots = sorted({c[1] for c in codes.values()})
    if codes and roots != ["%02d" % i for i in range(1, 21)]:
        ck.err("cameo/codes.tsv", "roots are not 01..20: %s" % roots)

    per_root = defaultdict(Counter)  # root -> Counter(file kind)
    by_key = defaultdict(set)  # normalised trigger spelling -> {codes}
    key_where = {}
    counts = Counter()

    def add_key(key, code, where):
        if not key or key == "-":
            return
        by_key[key].add(code)
        key_where.setdefault(key, []).append(where)

    def check_code(where, code):
        if code not in codes:
            ck.err(where, "CAMEO code %r is not in data/cameo/codes.tsv" % code)
            return False
        return True

    # Verbs.
    verbs_path = os.path.join(args.data, "triggers", "verbs.tsv")
    seen_rows = set()
    for n, c in read_tsv(verbs_path, {6}, ["cameo", "perfect", "imperfect", "masdar", "frame", "note"], ck):
        where = "triggers/verbs.tsv:%d" % n
        code, perfect, imperfect, masdar, frame, note = c
        if tuple(c) in seen_rows:
            ck.err(where, "duplicate row")
        seen_rows.add(tuple(c))
        if not check_code(where, code):
            continue
        forms = [perfect, imperfect] + masdar.split("|")
        if all(f == "-" for f in forms):
            ck.err(where, "no form: perfect, imperfect and masdar are all '-'")
        for f in forms:
            if not f:
                ck.err(where, "empty form (use '-')")
                continue
            check_arabic(ck, where, f, allow_dash=True)
            if " " in f:
                ck.err(where, "verb forms are single words: %r" % f)
        if imperfect != "-" and not re.match("^[يت]", imperfect):
            ck.err(where, "imperfect %r should start with its person prefix ي" % imperfect)
        for fr in frame.split("|"):
            if not FRAME_RE.match(fr):
                ck.err(where, "bad frame %r (obj, none, prep:X; joined with '|')" % fr)
        if not note:
            ck.err(where, "empty note (use '-')")
        is_speech = note.startswith("speech")
        if "speech" in note and not is_speech:
            ck.err(where, "'speech' inside a note makes the coder skip this row; start the note with it (verbs of saying) or reword")
        kind = "speech" if is_speech else "verb"
        counts["verbs:" + kind] += 1
        if not is_speech:
            per_root[code[:2]]["verb"] += 1
        for f in forms:
            if f != "-":
                add_key(norm_word(f), code, where)

    # Nouns and light verbs.
    nouns_path = os.path.join(args.data, "triggers", "nouns.tsv")
    seen_rows = set()
    for n, c in read_tsv(nouns_path, {4}, ["cameo", "phrase", "kind", "note"], ck):
        where = "triggers/nouns.tsv:%d" % n
        code, phrase, kind, note = c
        if tuple(c) in seen_rows:
            ck.err(where, "duplicate row")
        seen_rows.add(tuple(c))
        if not check_code(where, code):
            continue
        check_arabic(ck, where, phrase)
        if kind not in NOUN_KINDS:
            ck.err(where, "kind %r is not noun or light" % kind)
        if kind == "light" and ("+" not in phrase or " " in phrase):
            ck.err(where, "a light-verb phrase is VERB+NOUN joined by '+', no spaces: %r" % phrase)
        if kind == "noun" and "+" in phrase:
            ck.err(where, "a noun phrase separates words with spaces, not '+': %r" % phrase)
        if not note:
            ck.err(where, "empty note (use '-')")
        if "speech" in note:
            ck.err(where, "'speech' in a noun/light note makes the coder skip the row")
        counts["nouns:" + kind] += 1
        per_root[code[:2]][kind] += 1
        add_key(norm_phrase(phrase), code, where)

    for key, cs in sorted(by_key.items()):
        if len(cs) > 1:
            ck.err(", ".join(key_where[key]), "%r is listed under different codes %s" % (key, sorted(cs)))
        elif len(key_where[key]) > 1 and len({w.split(":")[0] for w in key_where[key]}) > 1:
            ck.warn(", ".join(key_where[key]), "%r is listed in both files (same code)" % key)

    # Cues.
    cues_path = os.path.join(args.data, "triggers", "cues.tsv")
    seen = set()
    cue_counts = Counter()
    for n, c in read_tsv(cues_path, {3}, ["kind", "phrase", "note"], ck):
        where = "triggers/cues.tsv:%d" % n
        kind, phrase, note = c
        if kind not in CUE_KINDS:
            ck.err(where, "unknown cue kind %r" % kind)
            continue
        # Digits are allowed (فرانس 24).
        check_arabic(ck, where, phrase)
        if "+" in phrase:
            ck.err(where, "cue phrases separate words with spaces")
        key = (kind, norm_phrase(phrase))
        if key in seen:
            ck.err(where, "duplicate cue %s %r" % key)
        seen.add(key)
        if not note:
            ck.err(where, "empty note (use '-')")
        cue_counts[kind] += 1

    # Coverage of the 20 roots.
    for r in ("%02d" % i for i in range(1, 21)):
        if sum(per_root[r].values()) == 0:
            ck.err("coverage", "CAMEO root %s has no trigger in verbs.tsv or nouns.tsv" % r)

    # Report.
    print("codes.tsv: %d CAMEO codes, %d roots" % (len(codes), len(roots)))
    print("verbs.tsv: %d rows (%d event verbs, %d verbs of saying)" % (
        counts["verbs:verb"] + counts["verbs:speech"], counts["verbs:verb"], counts["verbs:speech"]))
    print("nouns.tsv: %d rows (%d noun, %d light)" % (
        counts["nouns:noun"] + counts["nouns:light"], counts["nouns:noun"], counts["nouns:light"]))
    print("cues.tsv:  %d rows (%s)" % (sum(cue_counts.values()),
                                     ", ".join("%s %d" % kv for kv in sorted(cue_counts.items()))))
    print("distinct trigger spellings: %d" % len(by_key))
    print("per root (event verbs / nouns / light; distinct codes used):")
    used = defaultdict(set)
    for key, cs in by_key.items():
        for code in cs:
            used[code[:2]].add(code)
    for r in ("%02d" % i for i in range(1, 21)):
        name = codes.get(r, [r, r, "?"])[2]
        pr = per_root[r]
        print("  %s %-34s %4d %4d %4d   %2d codes: %s" % (
            r, name[:34], pr["verb"], pr["noun"], pr["light"], len(used[r]), " ".join(sorted(used[r]))))
    for w in ck.warnings:
        print("warning: " + w)
    for e in ck.errors:
        print("error: " + e, file=sys.stderr)
    if ck.errors:
        print("%d error(s)" % len(ck.errors), file=sys.stderr)
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
