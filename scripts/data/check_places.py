#!/usr/bin/env python3
"""Validate rasd's gazetteer and date lexicon.

    python3 scripts/data/check_places.py [--shared ../shared]

Checks data/lexicon/places.tsv and places-curated.tsv (7 columns, known kind,
lat in [-90, 90], lon in [-180, 180], iso3 in countries.tsv, integer
population, Arabic letters only and no diacritics, no duplicate rows, each
capital within ~15 degrees of its country's centroid) and data/lexicon/dates.tsv
(3 columns, known kind, valid values).  Exit status 1 on any error.
Python 3 standard library only.
"""
import argparse
import csv
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LEX = os.path.join(ROOT, "data", "lexicon")

KINDS = {"country", "capital", "city", "region", "site"}
DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+(?:[ \-'][\u0621-\u063A\u0641-\u064A]+)*$")
CAPITAL_MAX_DEG = 15.0
# capitals legitimately far from their country's centroid: very large countries
# whose capital is off-centre (checked by hand: Ottawa, Canberra, Moscow, Washington)
CAPITAL_FAR_OK = {"CAN", "AUS", "RUS", "USA"}


def angdist(lat1, lon1, lat2, lon2):
    """great-circle distance in degrees"""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


def rows_of(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            yield n, line.split("\t")


def check_places(path, countries, errors, warnings):
    seen = set()
    count = 0
    header = None
    for n, p in rows_of(path):
        where = "%s:%d" % (os.path.relpath(path, ROOT), n)
        if header is None:
            header = p
            if p != ["arabic", "english", "iso3", "lat", "lon", "kind", "population"]:
                errors.append("%s: bad header %r" % (where, p))
            continue
        count += 1
        if len(p) != 7:
            errors.append("%s: %d columns, want 7" % (where, len(p)))
            continue
        ar, en, iso3, lat, lon, kind, pop = p
        if DIACRITICS.search(ar):
            errors.append("%s: diacritics in %r" % (where, ar))
        elif not ARABIC_NAME.match(ar):
            errors.append("%s: not a clean Arabic name %r" % (where, ar))
        if len(re.sub(r"[^\u0621-\u064A]", "", ar)) < 2:
            errors.append("%s: name too short %r" % (where, ar))
        if not en.strip():
            errors.append("%s: empty english name" % where)
        if iso3 not in countries:
            errors.append("%s: unknown iso3 %r" % (where, iso3))
        if kind not in KINDS:
            errors.append("%s: unknown kind %r" % (where, kind))
        try:
            la, lo = float(lat), float(lon)
            if not (-90 <= la <= 90) or not (-180 <= lo <= 180):
                errors.append("%s: lat/lon out of range %s,%s" % (where, lat, lon))
        except ValueError:
            errors.append("%s: lat/lon not numbers %r,%r" % (where, lat, lon))
            continue
        if not re.fullmatch(r"\d+", pop):
            errors.append("%s: population not an integer %r" % (where, pop))
        key = (ar, iso3, kind, round(la, 1), round(lo, 1))
        if key in seen:
            errors.append("%s: duplicate row %s" % (where, "|".join(p)))
        seen.add(key)
        if iso3 in countries:
            clat, clon = countries[iso3]
            d = angdist(la, lo, clat, clon)
            if kind == "capital" and d > CAPITAL_MAX_DEG and iso3 not in CAPITAL_FAR_OK:
                errors.append("%s: capital %s (%s) is %.1f deg from the %s centroid"
                              % (where, ar, en, d, iso3))
            elif kind == "country" and d > 0.01:
                warnings.append("%s: country %s not at the countries.tsv centroid" % (where, ar))
    return count


def check_dates(path, errors):
    kinds = {"month", "hijri_month", "weekday", "relative", "unit", "number",
             "past_marker", "future_marker"}
    rel = re.compile(r"^(?:(?:day|week|month|year):(?:0|[+-]\d+)|(?:past|future):(?:days|weeks|months|years))$")
    count, header = 0, None
    seen = set()
    for n, p in rows_of(path):
        where = "%s:%d" % (os.path.relpath(path, ROOT), n)
        if header is None:
            header = p
            if p != ["kind", "value", "arabic"]:
                errors.append("%s: bad header %r" % (where, p))
            continue
        count += 1
        if len(p) != 3:
            errors.append("%s: %d columns, want 3" % (where, len(p)))
            continue
        kind, value, ar = p
        if kind not in kinds:
            errors.append("%s: unknown kind %r" % (where, kind))
        ok = {
            "month": lambda v: v.isdigit() and 1 <= int(v) <= 12,
            "hijri_month": lambda v: v.isdigit() and 1 <= int(v) <= 12,
            "weekday": lambda v: v.isdigit() and 0 <= int(v) <= 6,
            "relative": lambda v: bool(rel.match(v)),
            "unit": lambda v: v in ("day", "week", "month", "year"),
            "number": lambda v: v.isdigit(),
            "past_marker": lambda v: v == "past",
            "future_marker": lambda v: v == "future",
        }.get(kind, lambda v: True)
        if not ok(value):
            errors.append("%s: bad value %r for %s" % (where, value, kind))
        if not re.fullmatch(r"[\u0621-\u0652\u06CC ]+", ar):
            errors.append("%s: not Arabic %r" % (where, ar))
        if (kind, value, ar) in seen:
            errors.append("%s: duplicate %r" % (where, ar))
        seen.add((kind, value, ar))
    for k, n in (("month", 12), ("hijri_month", 12), ("weekday", 7)):
        have = {p[1] for _, p in rows_of(path) if p[0] == k}
        if len(have) != n:
            errors.append("%s: %s covers %d values, want %d" % (path, k, len(have), n))
    return count


def main():
    ap = argparse.ArgumentParser(description="validate the gazetteer and date lexicon")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = ap.parse_args()
    ctry = os.path.join(args.shared, "data", "geo", "countries.tsv")
    if not os.path.exists(ctry):
        sys.exit("check_places: %s not found (need the shared data folder)" % ctry)
    countries = {}
    with open(ctry, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            countries[r["iso3"]] = (float(r["lat"]), float(r["lon"]))
    errors, warnings = [], []
    for name in ("places.tsv", "places-curated.tsv"):
        n = check_places(os.path.join(LEX, name), countries, errors, warnings)
        print("%s: %d rows" % (name, n))
    print("dates.tsv: %d rows" % check_dates(os.path.join(LEX, "dates.tsv"), errors))
    for w in warnings[:20]:
        print("warning: " + w)
    for e in errors:
        print("error: " + e)
    if errors:
        print("%d errors" % len(errors))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
