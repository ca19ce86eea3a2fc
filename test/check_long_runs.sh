#!/usr/bin/env bash
# Long runs:
#  (a) 50 million rows generated on the fly (generate_series in the target
#      list, so nothing is stored or materialized) aggregated in one pass by
#      nps_agg, csat_agg, ces_agg and churn_rate, unweighted and weighted /
#      with revenue, and by the summary aggregates.  The backend's memory must
#      stay flat: its private resident memory (RssAnon in /proc/<pid>/status,
#      read by this script, the backend's pid from pg_backend_pid()) is
#      sampled before, every 0.2 s during (from this script, outside the
#      backend) and after the query, with the kernel's peak resident size
#      (VmHWM, which no spike between samples escapes) before and after, and
#      pg_backend_memory_contexts is summed before and after.  Bounds: growth
#      during the query (samples and VmHWM) below RSS_GROWTH_LIMIT_KB (a leak
#      of one byte per row would be 48 MB), growth after it below
#      RSS_AFTER_LIMIT_KB and MEMCTX_AFTER_LIMIT_BYTES.  A control query that
#      holds ~50 MB (array_agg) must be seen to exceed the bound.  The
#      results must equal an independent exact computation (every per-row
#      value depends only on g % 27720, so the expected values are sums over
#      27720 residues weighted by how often each occurs).  JIT is off so that
#      LLVM's own memory does not count.
#  (b) GROUP BY over 2 million groups (6 million rows, 3 per group) under
#      work_mem = 1MB with enable_sort off: the hash aggregation spills
#      (EXPLAIN ANALYZE must report more than one batch and disk usage), and
#      its results must equal those of a sort-based plan (GroupAggregate,
#      enable_hashagg off) and, group by group, the count(*) FILTER / sum /
#      avg definitions computed in the same query.  Weights and revenues are
#      multiples of 0.25, so sums are exact in any order and the summaries of
#      both plans must be identical.
#
# Needs a running server on this machine (it reads /proc/<backend pid>):
# PGHOST/PGPORT/PGUSER (a superuser) set, as test/run-tests.sh does.
# Creates and drops its own database.  Runtime about 1.5 minutes on a
# 2-core machine ((a) about 40 s, (b) about 20 s per plan); the sizes are
# chosen to stay well under 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

DB=cx_check_long_runs
N_ROWS=50000000
GROUP_ROWS=6000000
N_GROUPS=2000000
RSS_GROWTH_LIMIT_KB=16384
RSS_AFTER_LIMIT_KB=4096
MEMCTX_AFTER_LIMIT_BYTES=1048576
cx_work_dir cx_check_long_runs
SAMPLER=

stop_sampler() {
	if [ -n "$SAMPLER" ]; then
		kill "$SAMPLER" 2>/dev/null || true
		wait "$SAMPLER" 2>/dev/null || true
	fi
}
cx_on_exit cx_drop_databases "$DB"
cx_on_exit stop_sampler

cx_drop_databases "$DB"
createdb -T template0 "$DB"
q "$DB" -c "CREATE EXTENSION cx_metrics"

###########################################################################
# (a) 50 million rows, memory flat.

# The aggregates over g = 1..:n, r = g % 27720 (a multiple of 11, 9, 8, 7,
# 5 and 360, so every value below depends on r only).
cat >"$WORK/aggregate.sql" <<'SQL'
SELECT nps_agg(r % 11) AS nps,
       nps_agg(r % 11, (r % 8 + 1) / 4.0::float8) AS nps_w,
       responses(nps_summary(r % 11, (r % 8 + 1) / 4.0::float8)) AS nps_n,
       csat_agg(r % 5 + 1) AS csat,
       csat_agg(r % 7 + 1, 7, 6, (r % 8 + 1) / 4.0::float8) AS csat_w,
       responses(csat_summary(r % 5 + 1)) AS csat_n,
       ces_agg(r % 7 + 1) AS ces,
       ces_agg(r % 5 + 1, 5, (r % 8 + 1) / 4.0::float8) AS ces_w,
       responses(ces_summary(r % 7 + 1)) AS ces_n,
       churn_rate(daterange(date '2024-12-01' + r % 90,
                            CASE WHEN r % 360 / 90 <> 0 THEN date '2025-01-15' + r % 90 + r % 360 / 90 * 10 END),
                  daterange('2025-02-01', '2025-03-01')) AS churn,
       churn_rate(daterange(date '2024-12-01' + r % 90,
                            CASE WHEN r % 360 / 90 <> 0 THEN date '2025-01-15' + r % 90 + r % 360 / 90 * 10 END),
                  daterange('2025-02-01', '2025-03-01'), ((r % 9 + 1) * 10.25)::float8) AS churn_rev,
       customers_at_start(churn_summary(
                  daterange(date '2024-12-01' + r % 90,
                            CASE WHEN r % 360 / 90 <> 0 THEN date '2025-01-15' + r % 90 + r % 360 / 90 * 10 END),
                  daterange('2025-02-01', '2025-03-01'))) AS churn_at_risk
FROM (SELECT g % 27720 AS r FROM (SELECT generate_series(1, :n) AS g) s) t
SQL

# The same numbers, exactly, from the 27720 residues and their multiplicities.
cat >"$WORK/expected.sql" <<'SQL'
WITH res AS (
    SELECT r, (CASE WHEN r = 0 THEN :n / 27720 ELSE (:n - r) / 27720 + 1 END)::numeric AS m
    FROM generate_series(0, 27719) r),
x AS (
    SELECT m, r % 11 AS nps_s, 1 + r % 5 AS csat_s, 1 + r % 7 AS s7, 1 + r % 5 AS s5,
           (r % 8 + 1) / 4.0 AS w, (r % 9 + 1) * 10.25 AS rev,
           daterange(date '2024-12-01' + r % 90,
                     CASE WHEN r % 360 / 90 <> 0 THEN date '2025-01-15' + r % 90 + r % 360 / 90 * 10 END) AS active
    FROM res),
y AS (
    SELECT *, active @> date '2025-02-01' AS at_risk,
           active @> date '2025-02-01' AND NOT active @> date '2025-03-01' AS lost
    FROM x)
SELECT 100 * (sum(m) FILTER (WHERE nps_s >= 9) - sum(m) FILTER (WHERE nps_s <= 6)) / sum(m) AS nps,
       100 * (sum(m * w) FILTER (WHERE nps_s >= 9) - sum(m * w) FILTER (WHERE nps_s <= 6)) / sum(m * w) AS nps_w,
       sum(m) AS nps_n,
       100 * sum(m) FILTER (WHERE csat_s >= 4) / sum(m) AS csat,
       100 * sum(m * w) FILTER (WHERE s7 >= 6) / sum(m * w) AS csat_w,
       sum(m) AS csat_n,
       sum(m * s7) / sum(m) AS ces,
       sum(m * w * s5) / sum(m * w) AS ces_w,
       sum(m) AS ces_n,
       100 * sum(m) FILTER (WHERE lost) / sum(m) FILTER (WHERE at_risk) AS churn,
       100 * sum(m * rev) FILTER (WHERE lost) / sum(m * rev) FILTER (WHERE at_risk) AS churn_rev,
       sum(m) FILTER (WHERE at_risk) AS churn_at_risk
FROM y
SQL

status() { # status PID FIELD: the field of /proc/PID/status in kB
	awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

AGG_SQL=$(cat "$WORK/aggregate.sql")
EXPECTED_SQL=$(cat "$WORK/expected.sql")
cat >"$WORK/long.sql" <<SQL
SET jit = off;
SET max_parallel_workers_per_gather = 0;
-- warm up: load the library, fill the caches
\\set n 200000
\\o /dev/null
$AGG_SQL;
\\o
SELECT pg_backend_pid() AS pid \\gset
\\setenv CX_PID :pid
\\! echo \$CX_PID > $WORK/pid
SELECT 'memctx_before ' || sum(total_bytes) FROM pg_backend_memory_contexts;
\\! echo "rss_before \$(awk '\$1 == "RssAnon:" { print \$2 }' /proc/\$CX_PID/status)"
\\! echo "hwm_before \$(awk '\$1 == "VmHWM:" { print \$2 }' /proc/\$CX_PID/status)"
\\! touch $WORK/running
SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset
\\set n $N_ROWS
$AGG_SQL
\\gset got_
\\! rm -f $WORK/running
SELECT 'seconds ' || round((extract(epoch FROM clock_timestamp()) - :t0)::numeric, 1);
\\! echo "rss_after \$(awk '\$1 == "RssAnon:" { print \$2 }' /proc/\$CX_PID/status)"
\\! echo "hwm_after \$(awk '\$1 == "VmHWM:" { print \$2 }' /proc/\$CX_PID/status)"
SELECT 'memctx_after ' || sum(total_bytes) FROM pg_backend_memory_contexts;
$EXPECTED_SQL
\\gset want_
SELECT format('%s got %s expected %s', name, got, want)
FROM (VALUES ('nps', :'got_nps'::float8, :'want_nps'::numeric),
             ('nps_w', :'got_nps_w', :'want_nps_w'),
             ('nps_n', :'got_nps_n', :'want_nps_n'),
             ('csat', :'got_csat', :'want_csat'),
             ('csat_w', :'got_csat_w', :'want_csat_w'),
             ('csat_n', :'got_csat_n', :'want_csat_n'),
             ('ces', :'got_ces', :'want_ces'),
             ('ces_w', :'got_ces_w', :'want_ces_w'),
             ('ces_n', :'got_ces_n', :'want_ces_n'),
             ('churn', :'got_churn', :'want_churn'),
             ('churn_rev', :'got_churn_rev', :'want_churn_rev'),
             ('churn_at_risk', :'got_churn_at_risk', :'want_churn_at_risk')) v(name, got, want)
WHERE got IS NULL OR abs(got::numeric - want) > 1e-9 * greatest(1, abs(want));
SELECT 'results ' || :'got_nps' || ' ' || :'got_nps_w' || ' ' || :'got_csat' || ' ' || :'got_csat_w' || ' '
       || :'got_ces' || ' ' || :'got_ces_w' || ' ' || :'got_churn' || ' ' || :'got_churn_rev';
SQL

echo "-- (a) $N_ROWS rows generated on the fly through nps_agg, csat_agg, ces_agg, churn_rate (weighted too)"
# The sampler: RssAnon of the backend every 0.2 s while the query runs.
(
	for _ in $(seq 1 600); do [ -s "$WORK/pid" ] && break; sleep 0.1; done
	pid=$(cat "$WORK/pid" 2>/dev/null || true)
	[ -n "$pid" ] || exit 0
	while [ -e "/proc/$pid" ] && [ ! -e "$WORK/stop" ]; do
		if [ -e "$WORK/running" ]; then
			v=$(status "$pid" RssAnon 2>/dev/null || true)
			[ -n "$v" ] && echo "$v" >>"$WORK/samples"
		fi
		sleep 0.2
	done
) &
SAMPLER=$!
start=$(date +%s)
if ! q "$DB" -At -f "$WORK/long.sql" >"$WORK/long.out" 2>"$WORK/long.err"; then
	cat "$WORK/long.out" "$WORK/long.err" >&2
	fail "(a) the 50-million-row aggregation failed"
fi
touch "$WORK/stop"
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=

val() { sed -n "s/^$1 //p" "$WORK/long.out" | head -n 1; }
rss_before=$(val rss_before)
rss_after=$(val rss_after)
hwm_before=$(val hwm_before)
hwm_after=$(val hwm_after)
memctx_before=$(val memctx_before)
memctx_after=$(val memctx_after)
seconds=$(val seconds)
[ -n "$rss_before" ] && [ -n "$rss_after" ] ||
	fail "(a) could not read /proc/<backend pid>/status (is the server on this machine, readable by this user?)"
n_samples=$(wc -l <"$WORK/samples" 2>/dev/null || echo 0)
rss_max=$(sort -n "$WORK/samples" 2>/dev/null | tail -n 1)
[ "$n_samples" -ge 5 ] || problem "(a) only $n_samples memory samples during the query (expected many)"
rss_max=${rss_max:-$rss_after}
growth=$((rss_max - rss_before))
after_growth=$((rss_after - rss_before))
memctx_growth=$((memctx_after - memctx_before))
echo "   ${seconds}s for $N_ROWS rows; backend RssAnon before ${rss_before} kB, max during ${rss_max} kB ($n_samples samples), after ${rss_after} kB; VmHWM ${hwm_before} -> ${hwm_after} kB; memory contexts ${memctx_before} -> ${memctx_after} bytes"
hwm_growth=$((hwm_after - hwm_before))
[ "$growth" -lt "$RSS_GROWTH_LIMIT_KB" ] ||
	problem "(a) backend memory grew by $growth kB during the query (bound $RSS_GROWTH_LIMIT_KB kB): a leak per row?"
[ "$hwm_growth" -lt "$RSS_GROWTH_LIMIT_KB" ] ||
	problem "(a) the backend's peak resident memory (VmHWM) grew by $hwm_growth kB during the query (bound $RSS_GROWTH_LIMIT_KB kB)"
[ "$after_growth" -lt "$RSS_AFTER_LIMIT_KB" ] ||
	problem "(a) backend memory grew by $after_growth kB after the query (bound $RSS_AFTER_LIMIT_KB kB)"
[ "$memctx_growth" -lt "$MEMCTX_AFTER_LIMIT_BYTES" ] ||
	problem "(a) memory contexts grew by $memctx_growth bytes after the query (bound $MEMCTX_AFTER_LIMIT_BYTES)"
if grep -E ' got .* expected ' "$WORK/long.out" >"$WORK/wrong"; then
	sed 's/^/   /' "$WORK/wrong" >&2
	problem "(a) results of the 50-million-row aggregation differ from the exact values"
else
	echo "   results equal the exact values: $(val results)"
fi

# Control: the same measurement sees a query that does hold memory
# (array_agg of 4 million integers, some 50 MB) grow past the bound.
control=$(q "$DB" -At <<SQL
SET jit = off;
SELECT pg_backend_pid() AS pid \\gset
\\setenv CX_PID :pid
\\! echo "hwm_before \$(awk '\$1 == "VmHWM:" { print \$2 }' /proc/\$CX_PID/status)"
SELECT 'count ' || count(*) FROM (SELECT unnest(array_agg(g)) FROM (SELECT generate_series(1, 4000000) AS g) s) t;
\\! echo "hwm_after \$(awk '\$1 == "VmHWM:" { print \$2 }' /proc/\$CX_PID/status)"
SQL
) || fail "(a) the control query failed"
c_before=$(echo "$control" | sed -n 's/^hwm_before //p')
c_after=$(echo "$control" | sed -n 's/^hwm_after //p')
[ -n "$c_before" ] && [ -n "$c_after" ] && [ $((c_after - c_before)) -ge "$RSS_GROWTH_LIMIT_KB" ] ||
	problem "(a) the control (array_agg of 4 million integers) was not seen to grow past $RSS_GROWTH_LIMIT_KB kB (VmHWM $c_before -> $c_after kB): the measurement is blind"
echo "   control: array_agg of 4 million integers raises VmHWM by $((c_after - c_before)) kB (bound $RSS_GROWTH_LIMIT_KB kB)"

###########################################################################
# (b) 2 million groups, hash aggregation spilling to disk.

# One row per plan: the number of groups, an order-independent digest of
# every group's summaries and values, and the number of groups whose values
# differ from the count(*) FILTER / sum / avg definitions.
cat >"$WORK/groups.sql" <<SQL
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET work_mem = '1MB';
SELECT count(*) AS groups,
       sum(hashtext(concat_ws('|', k, ns, cs, es, chs, nps, ces))::numeric) AS digest,
       count(*) FILTER (WHERE nps IS NULL OR abs(nps - nps_def) > 1e-9) AS bad_nps,
       count(*) FILTER (WHERE csat(cs) IS NULL OR abs(csat(cs) - csat_def) > 1e-9 OR responses(cs) <> n) AS bad_csat,
       count(*) FILTER (WHERE ces IS NULL OR abs(ces - ces_def) > 1e-9) AS bad_ces,
       count(*) FILTER (WHERE customers_at_start(chs) IS DISTINCT FROM at_risk
                           OR customers_lost(chs) IS DISTINCT FROM lost
                           OR (at_risk > 0 AND (churn(chs) IS NULL OR abs(churn(chs) - 100.0::float8 * lost / at_risk) > 1e-9))
                           OR (at_risk = 0 AND churn(chs) IS NOT NULL)) AS bad_churn,
       sum(n) AS rows
FROM (SELECT g % $N_GROUPS AS k,
             nps_summary(g % 11, (g % 8 + 1) / 4.0::float8) AS ns,
             nps_agg(g % 11, (g % 8 + 1) / 4.0::float8) AS nps,
             100 * (coalesce(sum((g % 8 + 1) / 4.0::float8) FILTER (WHERE g % 11 >= 9), 0)
                    - coalesce(sum((g % 8 + 1) / 4.0::float8) FILTER (WHERE g % 11 <= 6), 0))
                 / sum((g % 8 + 1) / 4.0::float8) AS nps_def,
             csat_summary(g % 5 + 1) AS cs,
             100.0::float8 * count(*) FILTER (WHERE g % 5 + 1 >= 4) / count(*) AS csat_def,
             ces_summary(g % 7 + 1, (g % 4 + 1) * 0.25::float8) AS es,
             ces_agg(g % 7 + 1, (g % 4 + 1) * 0.25::float8) AS ces,
             sum((g % 7 + 1) * (g % 4 + 1) * 0.25::float8) / sum((g % 4 + 1) * 0.25::float8) AS ces_def,
             churn_summary(daterange(date '2025-01-01' + g % 45, CASE WHEN g % 3 = 0 THEN date '2025-02-10' + g % 40 END),
                           daterange('2025-02-01', '2025-03-01')) AS chs,
             count(*) FILTER (WHERE daterange(date '2025-01-01' + g % 45, CASE WHEN g % 3 = 0 THEN date '2025-02-10' + g % 40 END)
                                    @> date '2025-02-01') AS at_risk,
             count(*) FILTER (WHERE daterange(date '2025-01-01' + g % 45, CASE WHEN g % 3 = 0 THEN date '2025-02-10' + g % 40 END)
                                    @> date '2025-02-01'
                              AND NOT daterange(date '2025-01-01' + g % 45, CASE WHEN g % 3 = 0 THEN date '2025-02-10' + g % 40 END)
                                    @> date '2025-03-01') AS lost,
             count(*) AS n
      FROM (SELECT generate_series(1, $GROUP_ROWS) AS g) r
      GROUP BY g % $N_GROUPS) per_group
SQL

run_plan() { # run_plan NAME SETTINGS
	{
		echo "$2"
		echo "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) CREATE TEMP TABLE digest AS"
		sed -n '/^SELECT count(\*) AS groups/,$p' "$WORK/groups.sql"
		echo ";"
		echo "SELECT 'digest ' || concat_ws(' ', groups, digest, bad_nps, bad_csat, bad_ces, bad_churn, rows) FROM digest;"
	} >"$WORK/plan.$1.sql"
	local t0 t1
	t0=$(date +%s)
	q "$DB" -At -f <(sed -n '1,3p' "$WORK/groups.sql"; cat "$WORK/plan.$1.sql") >"$WORK/plan.$1.out" 2>"$WORK/plan.$1.err" ||
		{ cat "$WORK/plan.$1.err" >&2; fail "(b) the $1 plan failed"; }
	t1=$(date +%s)
	echo "$((t1 - t0))" >"$WORK/plan.$1.seconds"
}

echo "-- (b) GROUP BY over $N_GROUPS groups ($GROUP_ROWS rows), work_mem 1MB"
run_plan hash "SET enable_sort = off;"
run_plan sort "SET enable_hashagg = off; SET enable_sort = on;"

hash_plan=$(grep -E 'HashAggregate|Batches:|GroupAggregate|Sort Method' "$WORK/plan.hash.out" | sed 's/^ *//' | tr '\n' ';' || true)
sort_plan=$(grep -E 'HashAggregate|Batches:|GroupAggregate|Sort Method' "$WORK/plan.sort.out" | sed 's/^ *//' | tr '\n' ';' || true)
echo "   hash plan ($(cat "$WORK/plan.hash.seconds") s): $hash_plan"
echo "   sort plan ($(cat "$WORK/plan.sort.seconds") s): $sort_plan"
batches=$(sed -n 's/.*Batches: \([0-9]*\).*/\1/p' "$WORK/plan.hash.out" | head -n 1)
disk_kb=$(sed -n 's/.*Disk Usage: \([0-9]*\)kB.*/\1/p' "$WORK/plan.hash.out" | head -n 1)
grep -q 'HashAggregate' "$WORK/plan.hash.out" || problem "(b) the first plan is not a HashAggregate"
[ "${batches:-0}" -gt 1 ] && [ "${disk_kb:-0}" -gt 0 ] ||
	problem "(b) the hash aggregation did not spill (Batches: ${batches:-none}, Disk Usage: ${disk_kb:-none} kB)"
grep -q 'GroupAggregate' "$WORK/plan.sort.out" && ! grep -q 'HashAggregate' "$WORK/plan.sort.out" ||
	problem "(b) the second plan is not sort-based"

hash_digest=$(sed -n 's/^digest //p' "$WORK/plan.hash.out")
sort_digest=$(sed -n 's/^digest //p' "$WORK/plan.sort.out")
read -r groups _ bad_nps bad_csat bad_ces bad_churn rows <<<"$hash_digest"
[ "$groups" = "$N_GROUPS" ] && [ "$rows" = "$GROUP_ROWS" ] ||
	problem "(b) the hash plan gave $groups groups over $rows rows ($N_GROUPS and $GROUP_ROWS expected)"
[ "$bad_nps $bad_csat $bad_ces $bad_churn" = "0 0 0 0" ] ||
	problem "(b) groups of the spilled hash aggregation differ from the definitions: nps $bad_nps, csat $bad_csat, ces $bad_ces, churn $bad_churn"
[ "$hash_digest" = "$sort_digest" ] ||
	problem "(b) the spilled hash aggregation and the sort-based plan differ: '$hash_digest' against '$sort_digest' (groups digest bad_nps bad_csat bad_ces bad_churn rows)"
echo "   $groups groups over $rows rows: hash (spilled, $batches batches, $disk_kb kB on disk) and sort plans agree (digest ${hash_digest#* }), every group matches the definitions"

if [ "$failures" -gt 0 ]; then
	echo "check_long_runs: $failures problem(s), see above" >&2
	exit 1
fi
echo "check_long_runs: OK ($(( $(date +%s) - start )) s)"
