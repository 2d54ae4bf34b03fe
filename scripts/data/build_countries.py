#!/usr/bin/env python3
"""Expand scripts/data/countries_src.txt (hand-curated, compact) into
data/lexicon/countries.tsv.  python3 stdlib only.

Usage: python3 scripts/data/build_countries.py [--root .]
"""
import argparse
import os

HEADER = """\
# countries.tsv - country names, nisba adjectives, capitals and metonyms for rasd.
# Hand-curated (scripts/data/countries_src.txt, expanded by scripts/data/build_countries.py).
# Columns (tab-separated):
#   iso3     ISO 3166-1 alpha-3 code as in ../shared/data/geo/countries.tsv (Kosovo: UNK)
#   kind     name | nisba | capital | metonym
#              name     the country's name(s), official and common spellings
#              nisba    masculine singular relational adjective (جزائري); broken plurals
#                       (أتراك، روس، مغاربة) listed too; ة/ون/ين/ات forms are derived by the engine
#              capital  capital city, coded as the country when used as a metonym (واشنطن -> USA)
#              metonym  seat of power used for the government (البيت الأبيض، الكرملين)
#   arabic   normal Arabic spelling without diacritics; no clitic variants (و ب ل ال...)
#   english  English gloss
# Deliberate omissions: a capital spelt like its country (الكويت، تونس، جيبوتي) is not
# repeated as capital; القدس is not listed (contested, handled by places); nisba of Mali
# (مالي = "financial") and of Comoros (قمري = "lunar") are omitted; كونغولي -> COD.
# عمان is both Oman (name) and Amman (capital of JOR): name wins in the engine.
"""

KINDS = ("name", "nisba", "capital", "metonym")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    args = ap.parse_args()
    src = os.path.join(args.root, "scripts", "data", "countries_src.txt")
    dst = os.path.join(args.root, "data", "lexicon", "countries.tsv")
    rows, seen = [], set()
    with open(src, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|")
            if len(parts) != 6:
                raise SystemExit("%s:%d: expected 6 |-separated fields" % (src, ln))
            iso3, eng = parts[0], parts[1]
            rows.append("# %s %s" % (iso3, eng))
            for kind, field in zip(KINDS, parts[2:]):
                for ar in [x.strip() for x in field.split(";") if x.strip()]:
                    key = (iso3, kind, ar)
                    if key in seen:
                        continue
                    seen.add(key)
                    rows.append("\t".join((iso3, kind, ar, eng)))
    with open(dst, "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("\n".join(rows) + "\n")
    print("wrote %s: %d entries" % (dst, len(seen)))


if __name__ == "__main__":
    main()
