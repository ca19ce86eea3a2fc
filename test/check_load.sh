#!/usr/bin/env bash
# Incremental upkeep under concurrent load, and through a crash.
#
# pgbench's clients (CX_LOAD_CLIENTS, default 4) each run transactions that
# store 1 to 3 raw answers and add them to the daily summaries in the same
# statement, INSERT ... ON CONFLICT (day, segment) DO UPDATE SET s = t.s +
# excluded.s (test/load/upsert.sql), on 28 hot rows; and, for comparison,
# the same upsert of plain bigint counters (test/load/upsert_plain.sql).
#
#   1. Under load: summaries for CX_LOAD_SECONDS (default 20, in two halves
#      around the plain counters' run): afterwards every summary equals the
#      recomputation from the raw answers exactly (= and text), every
#      transaction pgbench counted is there once, and the counters equal
#      theirs.  The transactions per second of both are printed (a report,
#      not a test: make bench measures them too).
#   2. Through a crash: the same load, both scripts mixed, and in its middle
#      the postmaster is killed with SIGKILL; its orphaned backends notice and
#      exit, the server restarts and recovers from its WAL.  Every transaction
#      pgbench saw commit is there (distinct inserting xids of the raw answers
#      >= pgbench's count), and every summary still equals the recomputation
#      from the raw answers that survived: no committed answer is missing
#      from the summaries, none counted twice.
#
# The cluster is this check's own, with fsync=on (the test cluster runs with
# fsync=off): a SIGKILL of the postmaster does not lose the operating
# system's page cache, so it would survive with fsync=off too, but with
# fsync=on the commits pgbench counted are also flushed the way they are in
# production.
#
# Expects the extension to be installed (test/run-tests.sh does that first).
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

cx_ensure_packages postgresql-contrib

CLIENTS=${CX_LOAD_CLIENTS:-4}
SECONDS_LOAD=${CX_LOAD_SECONDS:-20}
HALF=$(((SECONDS_LOAD + 1) / 2))
PGBENCH=$(pg_config --bindir)/pgbench
[ -x "$PGBENCH" ] || fail "no pgbench at $PGBENCH"
cx_work_dir cx_load
trap 'exit 130' INT
trap 'exit 143' TERM

SETTINGS=(fsync=on synchronous_commit=on full_page_writes=on max_connections=20)
CLUSTER=$WORK/cluster
cx_init_cluster "$CLUSTER" || fail "initdb failed"
cx_start_tcp_cluster "$CLUSTER" "${SETTINGS[@]}" || fail "the cluster did not start"
PORT=$CX_CLUSTER_PORT
export PGHOST=$CLUSTER PGPORT=$PORT PGUSER=postgres PGDATABASE=postgres
[ "$(q postgres -Atc "SHOW fsync")" = on ] || fail "fsync is not on"
q postgres -c "CREATE DATABASE load"
PGOPTIONS="-c client_min_messages=warning" q load -f test/load/schema.sql >/dev/null

# bench NAME SECONDS SCRIPT...: pgbench on the database load; leaves the
# transactions it counted in PROCESSED and its rate in TPS
bench() {
	local name=$1 secs=$2 log=$WORK/$1.log
	shift 2
	local scripts=()
	local s
	for s in "$@"; do scripts+=(-f "$s"); done
	"$PGBENCH" -n -c "$CLIENTS" -j 2 -T "$secs" "${scripts[@]}" load >"$log" 2>&1 || return 1
}
processed() { sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/$1.log"; }
tps() { sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$WORK/$1.log"; }

# verify: answers xids summaries bad_summaries answers_plain xids_plain bad_counters responses
verify() { q load -At -f test/load/verify.sql; }

echo "== $CLIENTS clients upserting daily summaries, ${SECONDS_LOAD} s (fsync on)"
for run in summary1:test/load/upsert.sql plain:test/load/upsert_plain.sql summary2:test/load/upsert.sql; do
	name=${run%%:*}
	bench "$name" "$HALF" "${run#*:}" || { cat "$WORK/$name.log" >&2; fail "pgbench $name failed"; }
done
read -r answers xids rows bad answers_plain xids_plain bad_plain responses <<<"$(verify)"
acked=$(($(processed summary1) + $(processed summary2)))
acked_plain=$(processed plain)
echo "summaries: $acked transactions, $answers answers into $rows daily rows; $bad rows differ from the recomputation"
echo "counters: $acked_plain transactions, $answers_plain answers; $bad_plain rows differ"
[ "$bad" = 0 ] || problem "$bad summary rows differ from the recomputation from the raw answers"
[ "$bad_plain" = 0 ] || problem "$bad_plain counter rows differ from the recomputation"
[ "$xids" = "$acked" ] || problem "pgbench counted $acked transactions, the raw answers come from $xids"
[ "$xids_plain" = "$acked_plain" ] || problem "pgbench counted $acked_plain plain transactions, the raw answers come from $xids_plain"
[ "$responses" = "$answers" ] || problem "the summaries count $responses answers, the table holds $answers"
[ "$acked" -gt 0 ] || problem "no transaction ran"
tps_summary=$(awk -v a="$(tps summary1)" -v b="$(tps summary2)" 'BEGIN { printf "%.0f", (a + b) / 2 }')
tps_plain=$(awk -v a="$(tps plain)" 'BEGIN { printf "%.0f", a }')
echo "transactions per second: summaries $tps_summary, plain counters $tps_plain" \
	"($(awk -v a="$tps_summary" -v b="$tps_plain" 'BEGIN { printf "%.2f", a / b }')x)"

echo "== the same load, the postmaster killed (SIGKILL) in the middle"
PGOPTIONS="-c client_min_messages=warning" q load -f test/load/schema.sql >/dev/null
bench crash 60 test/load/upsert.sql test/load/upsert_plain.sql &
bench_pid=$!
sleep "$HALF"
postmaster=$(head -1 "$CLUSTER/data/postmaster.pid")
children=$(ps -o pid= --ppid "$postmaster" | tr -d ' ' | tr '\n' ' ')
log_before=$(stat -c %s "$CLUSTER/server.log")
kill -9 "$postmaster"
# The orphaned backends notice the postmaster is gone and exit; a new
# postmaster must not start while any of them still runs.
for _ in $(seq 100); do
	left=""
	for pid in $children; do kill -0 "$pid" 2>/dev/null && left="$left $pid"; done
	[ -z "$left" ] && break
	sleep 0.2
done
[ -z "$left" ] || problem "backends still running 20 s after the postmaster died:$left"
wait "$bench_pid" && problem "pgbench did not notice the crash"
acked=$(processed crash)
echo "pgbench saw $acked transactions commit; postmaster $postmaster and $(wc -w <<<"$children") children gone"
cx_run_cluster "$CLUSTER" 127.0.0.1 "$PORT" "${SETTINGS[@]}" || { tail -20 "$CLUSTER/server.log" >&2; fail "the server did not restart"; }
tail -c +"$((log_before + 1))" "$CLUSTER/server.log" | grep -q "database system was interrupted\|redo starts" ||
	problem "the restarted server logged no recovery"
read -r answers xids rows bad answers_plain xids_plain bad_plain responses <<<"$(verify)"
echo "after recovery: $((xids + xids_plain)) transactions committed ($answers + $answers_plain answers), $bad summary rows and $bad_plain counter rows differ"
[ "$acked" -gt 0 ] || problem "no transaction committed before the crash"
[ $((xids + xids_plain)) -ge "$acked" ] ||
	problem "pgbench saw $acked transactions commit, only $((xids + xids_plain)) survived the crash"
[ "$bad" = 0 ] || problem "after the crash $bad summary rows differ from the recomputation from the raw answers"
[ "$bad_plain" = 0 ] || problem "after the crash $bad_plain counter rows differ from the recomputation"
[ "$responses" = "$answers" ] || problem "after the crash the summaries count $responses answers, the table holds $answers"

if [ "$failures" -ne 0 ]; then
	echo "== load check: $failures failure(s) ($(elapsed)s)"
	exit 1
fi
echo "== load check passed ($(elapsed)s)"
