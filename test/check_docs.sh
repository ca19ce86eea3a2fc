#!/usr/bin/env bash
# The reference cannot drift from the code: every SQL example in docs/*.md
# runs against the server, in a fresh database per page, and its output must
# equal the output block printed under it (test/docs_examples.py says how
# pages are read).  After a deliberate change of behaviour, rewrite the
# output blocks with `test/docs_examples.py --update`, read the diff, commit.
#
# Needs a running server: PGHOST/PGPORT/PGUSER (a superuser) set, as
# test/run-tests.sh does.  About 5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh
command -v python3 >/dev/null || fail "python3 is missing"
python3 test/docs_examples.py
echo "check_docs: OK"
