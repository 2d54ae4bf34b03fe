#!/usr/bin/env python3
"""Check data/lexicon/people.tsv (named leaders with actor codes).  python3 stdlib only.

Checks: 5 tab-separated columns; code shape (ISO3 from ../shared/data/geo/countries.tsv +
CAMEO role, or IGOxxx / IMGxxx); from/to are ISO dates with from <= to (to may be empty);
Arabic field present, without diacritics (U+064B-U+0652) or tatweel, no Latin letters;
no duplicate rows.

Usage: python3 scripts/data/check_people.py [--root .] [--shared ../shared]
Exit status 1 when a problem is found.
"""
import argparse
import datetime
import os
import re
import sys

ROLES = {"GOV", "MIL", "SPY", "COP", "JUD", "LEG", "REB", "INS", "OPP", "CVL", "REF",
         "MED", "BUS", "REL", "ELI", "NGO"}
DIACRITICS = re.compile("[\u064B-\u0652\u0640]")
LATIN = re.compile("[A-Za-z]")
IGO_IMG = re.compile(r"^(IGO|IMG)[A-Z]{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load_iso3(shared):
    path = os.path.join(shared, "data", "geo", "countries.tsv")
    codes = set()
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = header.index("iso3")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > col and cols[col]:
                codes.add(cols[col])
    codes.add("UNK")  # Kosovo, as in countries.tsv
    return codes


def parse_date(s):
    if not DATE.match(s):
        raise ValueError("not YYYY-MM-DD")
    return datetime.date.fromisoformat(s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    root_default = os.path.normpath(os.path.join(here, "..", ".."))
    ap.add_argument("--root", default=root_default)
    ap.add_argument("--shared", default=None)
    ap.add_argument("--file", default=None)
    args = ap.parse_args()
    shared = args.shared or os.path.normpath(os.path.join(args.root, "..", "shared"))
    path = args.file or os.path.join(args.root, "data", "lexicon", "people.tsv")
    iso3 = load_iso3(shared)

    errors = []
    seen = {}
    rows = 0
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows += 1

            def err(msg):
                errors.append("%s:%d: %s: %s" % (os.path.basename(path), n, msg, line))

            cols = line.split("\t")
            if len(cols) != 5:
                err("expected 5 columns, got %d" % len(cols))
                continue
            code, dfrom, dto, arabic, english = cols
            if any(c != c.strip() for c in cols):
                err("leading/trailing whitespace in a column")
            if IGO_IMG.match(code):
                pass
            elif len(code) == 6 and code[:3] in iso3 and code[3:] in ROLES:
                pass
            else:
                err("bad code %r" % code)
            d1 = d2 = None
            try:
                d1 = parse_date(dfrom)
            except ValueError as e:
                err("bad from date %r (%s)" % (dfrom, e))
            if dto:
                try:
                    d2 = parse_date(dto)
                except ValueError as e:
                    err("bad to date %r (%s)" % (dto, e))
            if d1 and d2 and d1 > d2:
                err("from after to")
            if d1 and d1 > datetime.date(2026, 12, 31):
                err("from date in the future")
            if not arabic:
                err("empty arabic")
            if DIACRITICS.search(arabic):
                err("diacritics or tatweel in arabic")
            if LATIN.search(arabic):
                err("Latin letters in arabic")
            if "  " in arabic:
                err("double space in arabic")
            if not english:
                err("empty english")
            key = (code, dfrom, dto, arabic)
            if key in seen:
                err("duplicate of line %d" % seen[key])
            else:
                seen[key] = n
    for e in errors:
        print(e)
    print("%s: %d rows, %d problems" % (path, rows, len(errors)), file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
