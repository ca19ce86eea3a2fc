#!/usr/bin/env bash
# The generated SQL scripts are up to date: regenerates them from the
# description in sqlgen/ into a temporary directory and compares each with
# the checked-in file.  On a difference prints it and fails: run make sql
# and commit the result.  Needs python3, not the server.  Under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

. test/lib.sh
cx_work_dir cx_check_generated_sql

python3 sqlgen/generate.py "$WORK" || fail "sqlgen/generate.py failed"
n=0
stale=""
for generated in "$WORK"/*.sql; do
	[ -e "$generated" ] || continue
	name=$(basename "$generated")
	n=$((n + 1))
	if [ ! -e "$name" ]; then
		echo "check_generated_sql: $name is generated but not in the repository" >&2
		stale="$stale $name"
	elif ! diff -u "$name" "$generated" >"$WORK/diff"; then
		echo "check_generated_sql: $name differs from what make sql writes ('-' checked in, '+' generated):" >&2
		cat "$WORK/diff" >&2
		stale="$stale $name"
	fi
done
[ "$n" -gt 0 ] || fail "sqlgen/generate.py wrote no script"
[ -z "$stale" ] || fail "out of date:$stale; run make sql and commit the result"
echo "check_generated_sql: OK ($n generated scripts match sqlgen/)"
