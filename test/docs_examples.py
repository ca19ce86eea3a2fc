#!/usr/bin/env python3
"""Run the SQL examples of docs/*.md against a server and check their output.

Every fenced block whose info string is ``sql`` is executed, in page order,
in a fresh database made for that page (with cx_metrics created in it).  When
the next fenced block after it (only blank lines between) has the info string
``output``, that block is the expected output of psql for the example,
errors included; an example with no output block must print nothing (psql
runs quietly, so statements such as CREATE TABLE print nothing).  Trailing
spaces are ignored, nothing else.

    docs_examples.py [--update] [page.md ...]

--update rewrites the output blocks of the pages from what the server
printed (and adds them where an example printed something but had none),
for a developer to read and check before committing.  Connection settings
come from the usual PG* environment variables; the role must be allowed to
create databases.  Exit status 0 when every example matches.
"""

import os
import re
import subprocess
import sys

FENCE = re.compile(r"^```\s*([A-Za-z0-9_-]*)\s*$")
PSQL_PREFIX = re.compile(r"^psql:<stdin>:\d+: ", re.MULTILINE)


def parse_blocks(lines):
    """Return the fenced blocks of a page as dicts with info, start, end, body."""
    blocks = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != "```":
            j += 1
        if j == len(lines):
            raise SystemExit("unterminated code block at line %d" % (i + 1))
        blocks.append({"info": m.group(1), "start": i, "end": j,
                       "body": "".join(lines[i + 1:j])})
        i = j + 1
    return blocks


def examples(lines, blocks):
    """Pair every sql block with the output block right after it, if any."""
    pairs = []
    for k, block in enumerate(blocks):
        if block["info"] != "sql":
            continue
        expected = None
        if k + 1 < len(blocks) and blocks[k + 1]["info"] == "output":
            between = lines[block["end"] + 1:blocks[k + 1]["start"]]
            if all(not line.strip() for line in between):
                expected = blocks[k + 1]
        pairs.append((block, expected))
    return pairs


def psql(database, sql):
    """Run sql through psql in database; return what it printed (both streams)."""
    env = dict(os.environ, PGTZ="UTC", PGDATESTYLE="ISO, YMD",
               PGOPTIONS="-c lc_messages=C -c extra_float_digits=1")
    result = subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=0", "-d", database, "-f", "-"],
        input=sql, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, env=env, check=False)
    return PSQL_PREFIX.sub("", result.stdout)


def normalize(text):
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def run_page(path, update):
    """Run one page's examples; return the number of mismatches."""
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    blocks = parse_blocks(lines)
    pairs = examples(lines, blocks)
    if not pairs:
        return 0
    page = os.path.splitext(os.path.basename(path))[0]
    database = "cx_docs_" + re.sub(r"[^a-z0-9_]", "_", page.lower())
    admin = dict(os.environ)
    subprocess.run(["dropdb", "--if-exists", database], env=admin, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["createdb", database], env=admin, check=True)
    failures = 0
    edits = []  # (start, end, new lines) replacing lines[start:end]
    try:
        setup = psql(database, "CREATE EXTENSION cx_metrics;\n")
        if normalize(setup):
            raise SystemExit("%s: CREATE EXTENSION failed:\n%s" % (path, setup))
        for block, expected in pairs:
            actual = normalize(psql(database, block["body"]))
            wanted = normalize(expected["body"]) if expected else ""
            if actual == wanted:
                continue
            if update:
                new_body = [line + "\n" for line in actual.splitlines()]
                if expected:
                    edits.append((expected["start"] + 1, expected["end"], new_body))
                else:
                    edits.append((block["end"] + 1, block["end"] + 1,
                                  ["\n", "```output\n"] + new_body + ["```\n"]))
                continue
            failures += 1
            print("%s:%d: the example's output differs" % (path, block["start"] + 1))
            print("--- the example\n" + block["body"].rstrip())
            print("--- expected\n" + wanted)
            print("--- printed\n" + actual)
    finally:
        subprocess.run(["dropdb", "--if-exists", database], env=admin, check=False,
                       stdout=subprocess.DEVNULL)
    if update and edits:
        for start, end, new_lines in sorted(edits, reverse=True):
            lines[start:end] = new_lines
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
        print("%s: %d output block(s) rewritten" % (path, len(edits)))
    print("%s: %d example(s), %d differ" % (path, len(pairs), failures))
    return failures


def main(argv):
    update = "--update" in argv
    pages = [a for a in argv if a != "--update"]
    if not pages:
        docs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs")
        pages = sorted(os.path.join(docs, p) for p in os.listdir(docs) if p.endswith(".md"))
    failures = sum(run_page(p, update) for p in pages)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
