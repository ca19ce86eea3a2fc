#!/usr/bin/env python3
"""Compares a client's output with psql's.

    compare.py REFERENCE CLIENT_OUTPUT [--binary]

REFERENCE holds psql's name|value|... lines of every query (and, as
"name@binary|...", those of the binary reference queries).  Values equal
when both read as the same double (a client prints 0.1 as 0.1 whatever its
float format), or else as the same string.  A client's "name:types" lines
must show float8 or int8 for every column holding a number and a summary type
for every summary.  Prints what differs; exits 1 if anything does.
"""
import sys


def number(s):
    try:
        return float(s)
    except ValueError:
        return None


def rows(path):
    out = {}
    for line in open(path):
        line = line.rstrip("\n")
        name, _, rest = line.partition("|")
        out.setdefault(name, []).append(rest.split("|") if rest or "|" in line else [])
    return out


def main():
    ref, client = rows(sys.argv[1]), rows(sys.argv[2])
    binary = "--binary" in sys.argv[3:]
    problems = []
    compared = 0
    for name in [n for n in ref if "@" not in n]:
        want = ref.get(name + "@binary", ref[name]) if binary else ref[name]
        got = client.get(name, [])
        if len(got) != len(want):
            problems.append("%s: %d rows, psql shows %d" % (name, len(got), len(want)))
            continue
        types = client.get(name + ":types", [[]])[0]
        for r, (g, w) in enumerate(zip(got, want)):
            for c, (gv, wv) in enumerate(zip(g, w)):
                compared += 1
                gn, wn = number(gv), number(wv)
                same = gv == wv or (gn is not None and wn is not None and
                                    (gn == wn or (gn != gn and wn != wn)))
                if not same:
                    problems.append("%s row %d column %d: %s, psql shows %s" % (name, r + 1, c + 1, gv, wv))
                if r == 0 and c < len(types) and types[c] not in ("float8", "int8", "text", "date") \
                        and "summary" not in types[c]:
                    problems.append("%s column %d has type %s" % (name, c + 1, types[c]))
                if wn is not None and c < len(types) and types[c] not in ("float8", "int8"):
                    problems.append("%s column %d is a number of type %s" % (name, c + 1, types[c]))
    for p in problems[:20]:
        print(p)
    if problems:
        sys.exit(1)
    print("%d values equal psql's" % compared)


if __name__ == "__main__":
    main()
