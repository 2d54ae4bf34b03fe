#!/usr/bin/env python3
"""Builds data/cameo/codes.tsv: every CAMEO code with its Goldstein score, quad
class and PLOVER event/mode.

Sources (read-only, from ../shared):
  data/cameo/cameo-codes.csv             CAMEO codebook (andybega/icews, MIT)
  data/plover/CAMEO2PLOVER-2021.txt      CAMEO -> PLOVER table (openeventdata/PLOVER,
                                         CC BY-SA 4.0); lines "CODE: EVENT, MODE, CONTEXT # text"
  data/plover/PLOVER_structured_codebook_updated.csv
                                         PLOVER events and modes, used to check the
                                         table's names (CC BY-SA 4.0)

Output columns (tab-separated, header row first):
  cameo        CAMEO code as a string ("010", "0212", "19")
  root         two-digit root ("01".."20")
  name         CAMEO name from the codebook
  goldstein    Goldstein score from the codebook
  quad_class   1 verbal cooperation (roots 01-05), 2 material cooperation (06-08),
               3 verbal conflict (09-13), 4 material conflict (14-20): the
               GDELT/ICEWS quad classes (Phoenix additionally splits 01/02 off
               as a "neutral" class 0; we do not)
  plover_event PLOVER event type, "" where PLOVER has none (root 01: statements
               are not PLOVER events)
  plover_mode  PLOVER mode, may be empty
  plover_context  PLOVER context (third field of the table: military, economic,
               ...), may be empty; ';'-joined when several

Codes the table lacks inherit from their nearest listed ancestor (0213 from
021). The table has no section for root 02 (APPEAL); PLOVER codes appeals as
REQUEST, so 02x rows are filled from the parallel 10x (DEMAND) rows
(021 <- 101, 0241 <- 1041, 026 <- 106 ...), which is also what the event
contract's example (0212 -> REQUEST) expects. Five modes the PLOVER codebook
does not list for their event are corrected (MODE_FIXES, with reasons). All
such rows are reported.

The output is a derivative of PLOVER and so is shared under CC BY-SA 4.0 (see
data/NOTICE.triggers).

Usage: scripts/data/build_cameo_codes.py [--shared DIR] [--out FILE]
"""
import argparse
import csv
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


# Modes in the 2021 table that the PLOVER codebook does not list for that event,
# corrected to the codebook's mode for the same definition.
MODE_FIXES = {
    "085": ("", "the table's own note: 'ease' is no longer a mode"),
    "1321": ("rights", "codebook: THREATEN/rights = threaten to restrict civil rights such as speech"),
    "1712": ("destroy", "codebook: ASSAULT/destroy = destroy property, demolish"),
    "1724": ("curfew", "codebook: COERCE/curfew = impose state of emergency or martial law"),
    "175": ("crowd-control", "table puts the context pro_autocracy in the mode field; codebook: "
            "ASSAULT/crowd-control = tear gas, water cannons ... (violent repression of dissent)"),
}


def quad_class(root):
    r = int(root)
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13:
        return 3
    if 14 <= r <= 20:
        return 4
    raise ValueError("bad CAMEO root %r" % root)


def read_codebook(path):
    rows = []
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        for r in csv.DictReader(f):
            code = r["code"].strip()
            if not re.fullmatch(r"\d{2,4}", code):
                sys.exit("%s: bad code %r" % (path, code))
            name = " ".join(r["name"].split())
            name = name[:1].upper() + name[1:]
            rows.append((code, r["root_code"].strip().zfill(2), name, r["goldstein"].strip()))
    return rows


def read_plover_table(path):
    """Returns {code: (event, mode, context)}; the first line for a code wins."""
    table = {}
    line_re = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#.*)?$")
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("~"):
                continue
            m = line_re.match(line)
            if not m:
                continue
            code, body = m.group(1), m.group(2)
            parts = [p.strip() for p in body.split(",")]
            parts += [""] * (3 - len(parts))
            event, mode, context = parts[0], parts[1], ",".join(parts[2:]).strip()
            context = ";".join(c.strip() for c in context.split(";") if c.strip())
            if code in table:
                continue
            table[code] = (event, mode, context)
    return table


def read_plover_vocab(path):
    events, modes = set(), {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            e = r["event"].strip()
            events.add(e)
            if r["mode"].strip():
                modes.setdefault(e, set()).add(r["mode"].strip())
    return events, modes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "cameo", "codes.tsv"))
    args = ap.parse_args()

    cb_path = os.path.join(args.shared, "data", "cameo", "cameo-codes.csv")
    map_path = os.path.join(args.shared, "data", "plover", "CAMEO2PLOVER-2021.txt")
    voc_path = os.path.join(args.shared, "data", "plover", "PLOVER_structured_codebook_updated.csv")
    for p in (cb_path, map_path, voc_path):
        if not os.path.exists(p):
            sys.exit("missing %s (the shared data directory; pass --shared)" % p)

    codebook = read_codebook(cb_path)
    table = read_plover_table(map_path)
    events, modes = read_plover_vocab(voc_path)

    def lookup(code):
        """(event, mode, context, how) for a code: itself, else nearest ancestor."""
        for k in range(len(code), 1, -1):
            c = code[:k]
            if c in table:
                return table[c] + ("table" if c == code else "inherited from " + c,)
        return None

    out_rows, notes = [], []
    for code, root, name, goldstein in codebook:
        if code[:2] != root:
            sys.exit("code %s has root %s" % (code, root))
        got = None
        if root == "01":
            got = ("", "", "", "none: statements are not PLOVER events")
        elif root == "02":
            # Appeals: parallel to demands (10x) with the same sub-structure.
            twin = "10" + code[2:] if len(code) > 2 else "10"
            got = lookup(twin)
            if got:
                got = got[:3] + ("from demand twin " + twin,)
        else:
            got = lookup(code)
        if got is None:
            sys.exit("no PLOVER mapping for %s" % code)
        event, mode, context, how = got
        if code in MODE_FIXES:
            fixed, why = MODE_FIXES[code]
            notes.append("%s: mode %r -> %r (%s)" % (code, mode, fixed, why))
            mode = fixed
        if event and event not in events:
            sys.exit("%s: PLOVER event %r not in the PLOVER codebook" % (code, event))
        if mode and mode not in modes.get(event, set()):
            notes.append("%s: mode %r is not listed for %s in the PLOVER codebook (kept)" % (code, mode, event))
        if how != "table" and root not in ("01", "02"):
            notes.append("%s: %s" % (code, how))
        out_rows.append((code, root, name, goldstein, str(quad_class(root)), event, mode, context))

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write("# Generated by scripts/data/build_cameo_codes.py; do not edit by hand.\n")
        f.write("# CAMEO codebook (andybega/icews, MIT) + CAMEO2PLOVER-2021 (openeventdata/PLOVER, CC BY-SA 4.0).\n")
        f.write("cameo\troot\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\tplover_context\n")
        for r in out_rows:
            f.write("\t".join(r) + "\n")

    by_quad = Counter(r[4] for r in out_rows)
    by_event = Counter(r[5] or "(none)" for r in out_rows)
    print("wrote %s: %d CAMEO codes, %d roots" % (os.path.relpath(args.out), len(out_rows),
                                                  len({r[1] for r in out_rows})))
    print("quad classes: " + ", ".join("%s=%d" % kv for kv in sorted(by_quad.items())))
    print("PLOVER events: " + ", ".join("%s=%d" % kv for kv in sorted(by_event.items())))
    print("with a PLOVER mode: %d" % sum(1 for r in out_rows if r[6]))
    unused = sorted(set(table) - {r[0] for r in out_rows})
    if unused:
        print("table codes not in the CAMEO codebook (ignored): " + " ".join(unused))
    print("note: root 01 (%d codes): no PLOVER event (statements are not PLOVER events)"
          % sum(1 for r in out_rows if r[1] == "01"))
    print("note: root 02 (%d codes): REQUEST, mode/context from the parallel 10x demand rows"
          % sum(1 for r in out_rows if r[1] == "02"))
    for n in notes:
        print("note: " + n)


if __name__ == "__main__":
    main()
