#!/usr/bin/env bash
# The benchmark behind the "Performance" targets of the design: builds and
# installs the extension, starts a throwaway cluster, generates synthetic
# survey responses (NPS, CSAT and CES scores) and customer lifetimes, and
# times each aggregate against its reference query.
#
# It is a report, not a test: it exits 0 when a target is missed and
# non-zero only when something fails (build, server, SQL error).
#
# Environment:
#   CX_BENCH_ROWS         survey responses to generate (default 10000000)
#   CX_BENCH_WINDOW_ROWS  rows of the window-frame table (default 500000)
#   CX_BENCH_WEIGHTED_WINDOW_ROWS  rows for the weighted window frames
#                         (default 20000: they may cost a frame per row)
#   CX_BENCH_REPS         timed runs of each query (default 11, at least 5)
#   CX_BENCH_CUSTOMERS    customers of the churn table (default 1000000)
#   CX_BENCH_CHURN_REPS   timed runs of each churn query (default 5, at
#                         least 3: each run joins every customer to 24 months)
#   CX_BENCH_JIT          jit setting for every timed query (default off)
#   CX_BENCH_MEMORY_GROUPS  groups of the memory-per-group measurements
#                         (default 1000000, or the rows of the table if fewer)
#   CX_BENCH_UPKEEP_SECONDS  seconds of pgbench for each side of the upkeep
#                         comparison (default 10, in two interleaved halves)
#   CX_BENCH_UPKEEP_CLIENTS  pgbench clients of the upkeep comparison (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
. test/pg_cluster.sh

ROWS=${CX_BENCH_ROWS:-10000000}
WINDOW_ROWS=${CX_BENCH_WINDOW_ROWS:-500000}
WEIGHTED_WINDOW_ROWS=${CX_BENCH_WEIGHTED_WINDOW_ROWS:-20000}
REPS=${CX_BENCH_REPS:-11}
CUSTOMERS=${CX_BENCH_CUSTOMERS:-1000000}
# A churn query aggregates customers x 24 months, 24 million rows at the
# default size: a run takes seconds where a scan of the responses takes
# half of one, so 11 runs of each side would double the length of the whole
# benchmark.  The median of 5 interleaved pairs still shrugs off two bad runs.
CHURN_REPS=${CX_BENCH_CHURN_REPS:-5}
# JIT compiles each query's expressions before running it: a fixed cost of
# tens to hundreds of milliseconds that grows with the number of
# expressions (the hand-written FILTER query has more than nps_agg), so it
# would measure the compiler rather than the aggregates.  Off by default;
# whatever the setting, both sides of every comparison run with it.  (At
# this size the planner's costs stay below the inlining and optimization
# thresholds, so CX_BENCH_JIT=on compiles expressions and tuple deforming
# only.)
JIT=${CX_BENCH_JIT:-off}
CHUNK=1000000

[ "$REPS" -ge 5 ] || { echo "CX_BENCH_REPS must be at least 5" >&2; exit 2; }
[ "$CHURN_REPS" -ge 3 ] || { echo "CX_BENCH_CHURN_REPS must be at least 3" >&2; exit 2; }

START=$(date +%s.%N)
WORK=$(mktemp -d /tmp/cx_bench.XXXXXX)
RESULTS=()
trap cleanup EXIT

# Print a progress line prefixed with the time since the start.
log() {
	awk -v start="$START" -v now="$(date +%s.%N)" -v msg="$*" \
		'BEGIN { printf "[%7.1fs] %s\n", now - start, msg }'
}

# psql without the user's psqlrc, stopping at the first error.
sql() {
	psql -X -q -v ON_ERROR_STOP=1 "$@"
}

# One value from a query.
sql_value() {
	sql -At -c "$1"
}

cleanup() {
	rm -rf "$WORK"
	cx_stop_cluster
}

# ---------------------------------------------------------------------------
# Setup
# ---------------------------------------------------------------------------

build_and_start() {
	cx_ensure_packages
	log "build and install"
	make -s
	make -s install >/dev/null
	# Sized for 2 cores and 24 GB: shared_buffers holds every table, so
	# timed scans never read from disk; work_mem keeps hash aggregates and
	# sorts in memory; autovacuum is off so it cannot wake up mid-run (the
	# script vacuums itself); wal_level=minimal and a large max_wal_size
	# make the load cheap without changing how queries run.
	SERVER_SETTINGS=(
		shared_buffers=4GB
		effective_cache_size=16GB
		work_mem=256MB
		maintenance_work_mem=1GB
		max_worker_processes=4
		max_parallel_workers=2
		max_parallel_workers_per_gather=2
		wal_level=minimal
		max_wal_senders=0
		max_wal_size=8GB
		checkpoint_timeout=30min
		synchronous_commit=off
		autovacuum=off
		jit="$JIT"
	)
	log "start a throwaway cluster"
	cx_start_cluster "${SERVER_SETTINGS[@]}"
	trap cleanup EXIT	# cx_start_cluster set its own; ours also stops it
	sql -c "CREATE EXTENSION cx_metrics" -c "CREATE EXTENSION pg_prewarm"
}

# Survey responses: ids in arrival order, days spread evenly over two years
# (so a month holds ~1/24 of the rows), 40 segments, and scores with the
# skew real surveys show: NPS 0..10 with half promoters and a fifth
# detractors (NPS ~ +29), CSAT 1..5 with three answers in four a 4 or a 5
# (CSAT ~ 78 %), CES 1..7 leaning to "easy" (mean ~ 5.3).  Every row answers
# all three, so each metric's scan reads the same table.  Loaded in chunks
# to show progress; each chunk seeds random() so the data is the same on
# every run.
load_responses() {
	log "generate $ROWS survey responses"
	sql <<-'SQL'
		CREATE TABLE responses (
			id bigint,
			day date,
			segment integer,
			score integer,
			csat_score integer,
			ces_score integer,
			weight double precision
		);
	SQL
	local lo hi
	for ((lo = 1; lo <= ROWS; lo += CHUNK)); do
		hi=$((lo + CHUNK - 1 > ROWS ? ROWS : lo + CHUNK - 1))
		sql -v lo="$lo" -v hi="$hi" -v rows="$ROWS" <<-'SQL'
			SELECT setseed(:lo::double precision / :rows) \gset
			INSERT INTO responses
			SELECT g,
				   date '2023-01-01' + ((g - 1) * 730 / :rows)::integer,
				   floor(random() * 40)::integer + 1,
				   -- scores 0..9 end at these cumulative shares; 10 takes the rest
				   width_bucket(random(), ARRAY[0.03, 0.04, 0.055, 0.075, 0.10,
												0.15, 0.21, 0.32, 0.50, 0.70]::float8[]),
				   -- CSAT 1..4 end at these shares, 5 takes the rest (45 %)
				   1 + width_bucket(random(), ARRAY[0.04, 0.09, 0.22, 0.55]::float8[]),
				   -- CES 1..6 likewise, 7 takes the rest (25 %)
				   1 + width_bucket(random(), ARRAY[0.03, 0.07, 0.13, 0.25,
													0.45, 0.75]::float8[]),
				   0.5 + random()
			FROM generate_series(:lo::bigint, :hi::bigint) AS g;
		SQL
		log "  loaded $hi rows"
	done
	# Freeze and set hint bits now, so no timed scan writes to pages.
	log "vacuum freeze analyze"
	sql -c "VACUUM (FREEZE, ANALYZE) responses"
	local size
	size=$(sql_value "SELECT pg_size_pretty(pg_table_size('responses'))")
	log "responses: $size"
}

# The stored daily summaries (the rollup's input) and the window table: the
# first rows in id order, with a primary key so the window's ORDER BY id can
# come from the index.
load_derived() {
	log "store daily summaries"
	sql <<-'SQL'
		CREATE TABLE daily AS
			SELECT day, segment, nps_summary(score) AS s
			FROM responses GROUP BY day, segment;
		VACUUM (FREEZE, ANALYZE) daily;
	SQL
	local size
	size=$(sql_value "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_table_size('daily')) FROM daily")
	log "daily: $size"
	log "store $WINDOW_ROWS ordered rows for the window frames"
	sql -v n="$WINDOW_ROWS" <<-'SQL'
		CREATE TABLE ordered AS
			SELECT id, score, weight FROM responses WHERE id <= :n ORDER BY id;
		ALTER TABLE ordered ADD PRIMARY KEY (id);
		VACUUM (FREEZE, ANALYZE) ordered;
	SQL
}

# Customers for churn: starts spread evenly over three years (2022-07-01 to
# 2025-06-30), lifetimes exponential with a mean of 900 days (monthly churn
# ~ 3 %), ended NULL when the customer outlives the data (2025-07-01 on;
# ~ 58 % of them), 12 segments, and MRR skewed like real price lists
# (20 plus an exponential tail, mean ~ 100, rounded to cents).  The lifetime is a
# stored column, so the aggregate and the hand-written query read the same
# daterange rather than each building its own.  The months table holds the
# 24 months 2023-07 to 2025-06 with both forms of each month precomputed:
# the period range churn_rate takes, and the first days of the month and of
# the next, which the hand-written query tests.
load_customers() {
	log "generate $CUSTOMERS customers"
	sql <<-'SQL'
		CREATE TABLE customers (
			id bigint,
			started date,
			ended date,
			segment integer,
			mrr double precision,
			active daterange GENERATED ALWAYS AS (daterange(started, ended)) STORED
		);
	SQL
	local lo hi
	for ((lo = 1; lo <= CUSTOMERS; lo += CHUNK)); do
		hi=$((lo + CHUNK - 1 > CUSTOMERS ? CUSTOMERS : lo + CHUNK - 1))
		sql -v lo="$lo" -v hi="$hi" -v rows="$CUSTOMERS" <<-'SQL'
			SELECT setseed(-:lo::double precision / :rows) \gset
			INSERT INTO customers (id, started, ended, segment, mrr)
			SELECT id, started, CASE WHEN churned < date '2025-07-01' THEN churned END,
				   segment, mrr
			FROM (SELECT id, started,
						 started + 1 + floor(-900 * ln(1 - random()))::integer AS churned,
						 floor(random() * 12)::integer + 1 AS segment,
						 round(20 - 80 * ln(1 - random()::numeric), 2)::float8 AS mrr
				  -- volatile, so not flattened: one start per customer
				  FROM (SELECT g AS id,
							   date '2022-07-01' + floor(random() * 1096)::integer AS started
						FROM generate_series(:lo::bigint, :hi::bigint) AS g) AS s) AS c;
		SQL
		log "  loaded $hi customers"
	done
	sql <<-'SQL'
		CREATE TABLE months AS
			SELECT d::date AS month, (d + interval '1 month')::date AS next,
				   daterange(d::date, (d + interval '1 month')::date) AS period
			FROM generate_series(timestamp '2023-07-01', timestamp '2025-06-01',
								 interval '1 month') AS d;
	SQL
	log "vacuum freeze analyze"
	sql -c "VACUUM (FREEZE, ANALYZE) customers, months"
	local size
	size=$(sql_value "SELECT pg_size_pretty(pg_table_size('customers'))
		|| ', ' || round(100.0 * count(*) FILTER (WHERE ended IS NULL) / count(*), 1)
		|| ' % still customers' FROM customers")
	log "customers: $size"
}

# Load every table into shared buffers before anything is timed.
warm_cache() {
	log "warm the cache"
	sql -At <<-'SQL'
		SELECT 'prewarmed ' || pg_prewarm('responses') + pg_prewarm('daily')
			   + pg_prewarm('ordered') + pg_prewarm('ordered_pkey')
			   + pg_prewarm('customers') + pg_prewarm('months') || ' blocks';
	SQL
}

# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------

SERIAL="SET max_parallel_workers_per_gather = 0; SET jit = $JIT;"
PARALLEL="SET max_parallel_workers_per_gather = 2; SET jit = $JIT;"

# Time two queries, REPS runs each (or REPS_HERE), and record a result row.
#
# Both run in one psql connection after one untimed run each (loads the
# extension, fills the caches), interleaved so drift on a shared machine
# hits both: A B, B A, A B, ... (alternating who goes first also cancels
# any advantage of running right after the other).  The time is psql's
# \timing: the round trip of a query whose result is one row (24 for the
# monthly churn), so it is the server's execution plus well under a
# millisecond.  EXPLAIN ANALYZE would add instrumentation to every row
# passed between plan nodes, the same absolute cost on both sides, which
# pulls ratios towards 1 and would flatter the targets.  Results go to /dev/null; psql prints the times to stdout.
#
#   measure NAME SETTINGS SQL_A SQL_B TARGET [REPS_HERE]
# TARGET is "<= x" or "< x" on the ratio A/B, or "" for information only.
measure() {
	local name=$1 settings=$2 sql_a=$3 sql_b=$4 target=$5 reps=${6:-$REPS}
	local script="$WORK/measure.sql" times="$WORK/times"
	local i
	{
		echo "$settings"
		echo '\o /dev/null'
		printf '%s;\n%s;\n' "$sql_a" "$sql_b"
		echo '\timing on'
		for ((i = 0; i < reps; i++)); do
			if ((i % 2 == 0)); then
				printf '%s;\n%s;\n' "$sql_a" "$sql_b"
			else
				printf '%s;\n%s;\n' "$sql_b" "$sql_a"
			fi
		done
	} >"$script"
	log "time: $name"
	sql -f "$script" | awk '/^Time: / { print $2 }' >"$times"
	[ "$(wc -l <"$times")" -eq $((2 * reps)) ] ||
		{ echo "expected $((2 * reps)) timings for $name, got:" >&2; cat "$times" >&2; return 1; }

	# Medians of A and B, their ratio, and the range of the ratios of the
	# pairs run back to back (how noisy this run was).
	local row
	row=$(awk -v reps="$reps" -v target="$target" -v name="$name" '
		function median(v, n,   i, j, t) {
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
			return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		}
		{
			pair = int((NR - 1) / 2) + 1; first = (NR % 2 == 1)
			if ((pair % 2 == 1) == first) a[pair] = $1; else b[pair] = $1
		}
		END {
			lo = 1e300; hi = 0
			for (i = 1; i <= reps; i++) {
				r = a[i] / b[i]; if (r < lo) lo = r; if (r > hi) hi = r
				sa[i] = a[i]; sb[i] = b[i]
			}
			ma = median(sa, reps); mb = median(sb, reps); ratio = ma / mb
			verdict = "info"
			if (target != "") {
				split(target, t, " ")
				ok = (t[1] == "<=") ? ratio <= t[2] + 0 : ratio < t[2] + 0
				verdict = ok ? "PASS" : "MISS"
			}
			printf "%-44s %10.1f %10.1f %8.4f  %-13s %-5s %.3f-%.3f\n",
				name, ma, mb, ratio, (target == "" ? "-" : target), verdict, lo, hi
		}' "$times")
	echo "$row"
	RESULTS+=("$row")
}

# Print a plan, and whether it is the parallel plan the measurement claims.
show_parallel_plan() {
	local plan
	plan=$(sql -At -c "$PARALLEL EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $1")
	printf '%s\n' "$plan" | sed 's/^/    /'
	if grep -q 'Gather' <<<"$plan" && grep -q 'Partial Aggregate' <<<"$plan" &&
		grep -q 'Workers Launched: [1-9]' <<<"$plan"; then
		echo "    -> parallel: Gather + Partial Aggregate, workers launched"
	else
		echo "    -> NOT a parallel plan with workers; the parallel rows below are not parallel"
		PARALLEL_OK=no
		PARALLEL_TAG=" (NOT parallel)"
	fi
}

# Show the parallel plans of a group of queries; PARALLEL_TAG marks that
# group's parallel rows when one of them is not parallel (PARALLEL_OK stays
# "no" for the whole run once any is not).
parallel_plans() {
	PARALLEL_TAG=""
	log "parallel plans (EXPLAIN ANALYZE, 2 workers per gather):"
	local q
	for q in "$@"; do
		echo "  $q"
		show_parallel_plan "$q"
	done
}

# Queries compared for speed must give the same result, or the comparison
# is moot.  A failed check is reported (and flagged in the summary), not fatal.
#   check_equal WHAT VALUE_A VALUE_B
check_equal() {
	if [ "$2" = "$3" ]; then
		log "check: $1 agree"
	else
		log "CHECK FAILED: $1 differ ($2 vs $3)"
		CHECKS_OK=no
	fi
}

# check_none WHAT QUERY: QUERY counts the rows where two results differ.
# (Values are assigned before use throughout, so that set -e sees a failed
# query: the status of a substitution inside arguments is lost.)
check_none() {
	local differing
	differing=$(sql_value "$2")
	check_equal "$1" "$differing" 0
}

# check_close WHAT QUERY_A QUERY_B: two one-value queries give the same
# number (to 1e-9 relative: one side may be double precision, the other
# numeric), printed with the check.
check_close() {
	local row va vb same
	row=$(sql_value "SELECT a.v, b.v, abs(a.v - b.v) <= 1e-9 * greatest(1, abs(b.v))
		FROM ($2) AS a(v), ($3) AS b(v)")
	IFS='|' read -r va vb same <<<"$row"
	if [ "$same" = t ]; then
		log "check: $1 agree ($va, $vb)"
	else
		log "CHECK FAILED: $1 differ ($va vs $vb)"
		CHECKS_OK=no
	fi
}

# ---------------------------------------------------------------------------
# The measurements
# ---------------------------------------------------------------------------

NPS="SELECT nps_agg(score) FROM responses"
FLOOR="SELECT count(score) FROM responses"
HAND="SELECT 100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER (WHERE score<=6))/count(*) FROM responses"
WEIGHTED="SELECT nps_agg(score, weight) FROM responses"
MONTHLY_SUMMARIES="SELECT date_trunc('month', day), nps_agg(s) FROM daily GROUP BY 1"
MONTHLY_RAW="SELECT date_trunc('month', day), nps_agg(score) FROM responses GROUP BY 1"
FRAME_1000="SELECT sum(n) FROM (SELECT nps_agg(score) OVER (ORDER BY id ROWS BETWEEN 999 PRECEDING AND CURRENT ROW) AS n FROM ordered) w"
FRAME_2="SELECT sum(n) FROM (SELECT nps_agg(score) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS n FROM ordered) w"
WFRAME_1000="SELECT sum(n) FROM (SELECT nps_agg(score, weight) OVER (ORDER BY id ROWS BETWEEN 999 PRECEDING AND CURRENT ROW) AS n FROM ordered WHERE id <= $WEIGHTED_WINDOW_ROWS) w"
WFRAME_2="SELECT sum(n) FROM (SELECT nps_agg(score, weight) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS n FROM ordered WHERE id <= $WEIGHTED_WINDOW_ROWS) w"

CSAT="SELECT csat_agg(csat_score) FROM responses"
CSAT_FLOOR="SELECT count(csat_score) FROM responses"
CSAT_HAND="SELECT 100.0*count(*) FILTER (WHERE csat_score>=4)/count(csat_score) FROM responses"
CES="SELECT ces_agg(ces_score) FROM responses"
CES_FLOOR="SELECT count(ces_score) FROM responses"
CES_AVG="SELECT avg(ces_score) FROM responses"

# Monthly churn: every customer against each of the 24 months.  Both sides
# read the stored lifetime and the precomputed month columns, so only the
# aggregation differs.
MONTHS_JOIN="FROM customers c CROSS JOIN months m GROUP BY m.month"
AT_RISK="c.active @> m.month"
LOST="c.active @> m.month AND NOT c.active @> m.next"
CHURN="SELECT m.month, churn_rate(c.active, m.period) AS rate $MONTHS_JOIN"
CHURN_HAND="SELECT m.month, 100.0*count(*) FILTER (WHERE $LOST) / NULLIF(count(*) FILTER (WHERE $AT_RISK), 0) AS rate $MONTHS_JOIN"
REVENUE_CHURN="SELECT m.month, churn_rate(c.active, m.period, c.mrr) AS rate $MONTHS_JOIN"
REVENUE_HAND="SELECT m.month, 100.0*sum(c.mrr) FILTER (WHERE $LOST) / NULLIF(sum(c.mrr) FILTER (WHERE $AT_RISK), 0) AS rate $MONTHS_JOIN"

run_checks() {
	CHECKS_OK=yes
	check_none "nps_agg(score) and the hand-written NPS" \
		"SELECT count(*) FROM ($NPS) a, ($HAND) h WHERE NOT abs(a.nps_agg - h.\"?column?\") < 1e-9"
	# Counts are integers, so the parallel plan must give the very same double.
	local serial parallel
	serial=$(sql_value "$SERIAL $NPS")
	parallel=$(sql_value "$PARALLEL $NPS")
	check_equal "serial and parallel nps_agg(score) ($serial)" "$serial" "$parallel"
	check_none "monthly NPS from summaries and from raw rows" \
		"SELECT count(*) FROM ($MONTHLY_SUMMARIES) s FULL JOIN ($MONTHLY_RAW) r USING (date_trunc)
		 WHERE s.nps_agg IS DISTINCT FROM r.nps_agg AND NOT abs(s.nps_agg - r.nps_agg) < 1e-9"
	# sum() over int4 has an inverse transition of its own in core.
	check_none "window frames and core sum() over the same frames" \
		"SELECT count(*) FROM (
		   SELECT nps_agg(score) OVER w AS n,
		          100.0 * (sum((score >= 9)::int) OVER w - sum((score <= 6)::int) OVER w)
		                / count(*) OVER w AS h
		   FROM ordered WINDOW w AS (ORDER BY id ROWS BETWEEN 999 PRECEDING AND CURRENT ROW)) x
		 WHERE NOT abs(n - h) < 1e-9"

	check_close "csat_agg(csat_score) and the hand-written CSAT" "$CSAT" "$CSAT_HAND"
	serial=$(sql_value "$SERIAL $CSAT")
	parallel=$(sql_value "$PARALLEL $CSAT")
	check_equal "serial and parallel csat_agg(csat_score) ($serial)" "$serial" "$parallel"
	check_close "ces_agg(ces_score) and avg(ces_score)" "$CES" "$CES_AVG"
	# The mean of integers: a sum and a count, exact in any order.
	serial=$(sql_value "$SERIAL $CES")
	parallel=$(sql_value "$PARALLEL $CES")
	check_equal "serial and parallel ces_agg(ces_score) ($serial)" "$serial" "$parallel"

	# One run of each churn query, kept to be printed and compared month by
	# month (revenue sums are doubles, hence a relative tolerance).
	log "monthly churn, both ways (one run of each churn query)"
	sql <<-SQL
		$SERIAL
		CREATE TABLE churn_check AS
			SELECT month, a.rate AS churn_rate, h.rate AS hand_written,
				   ra.rate AS revenue_churn_rate, rh.rate AS revenue_hand_written
			FROM ($CHURN) a
			FULL JOIN ($CHURN_HAND) h USING (month)
			FULL JOIN ($REVENUE_CHURN) ra USING (month)
			FULL JOIN ($REVENUE_HAND) rh USING (month);
	SQL
	sql -c "SELECT month, round(churn_rate::numeric, 6) AS churn_rate,
				   round(hand_written, 6) AS hand_written,
				   round(revenue_churn_rate::numeric, 6) AS revenue_churn_rate,
				   round(revenue_hand_written::numeric, 6) AS revenue_hand_written
			FROM churn_check ORDER BY month" | sed 's/^/    /'
	local months
	months=$(sql_value "SELECT count(*) FROM churn_check")
	check_none "churn_rate and the hand-written churn, $months months" \
		"SELECT count(*) FROM churn_check
		 WHERE churn_rate IS DISTINCT FROM hand_written
		   AND NOT abs(churn_rate - hand_written) < 1e-9"
	check_none "revenue churn_rate and the hand-written revenue churn" \
		"SELECT count(*) FROM churn_check
		 WHERE revenue_churn_rate IS DISTINCT FROM revenue_hand_written
		   AND NOT abs(revenue_churn_rate - revenue_hand_written)
				   <= 1e-9 * greatest(1, abs(revenue_hand_written))"
}

# Memory of a summary state per group, as the design's 320-byte target
# counts it: the hash aggregate's "Memory Usage" (EXPLAIN ANALYZE) of a
# GROUP BY over MEMORY_GROUPS groups, minus the same grouping with count(*)
# (the keys and the hash table), divided by the groups.  The aggregate's
# memory grows in blocks of up to 8 MB, so many groups keep that slack to a
# few bytes a group.  work_mem is raised so that neither side spills (a
# spilled plan says "Batches: n" with n > 1, and is reported).
MEMORY_GROUPS=${CX_BENCH_MEMORY_GROUPS:-1000000}
MEMORY_SETTINGS="SET max_parallel_workers_per_gather = 0; SET jit = $JIT; SET enable_sort = off; SET work_mem = '2GB';"

# The hash aggregate's memory in bytes of one query (and its batches).
hash_memory() {
	local plan kb batches
	plan=$(sql -At -c "$MEMORY_SETTINGS EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) $1")
	kb=$(sed -n 's/.*Memory Usage: \([0-9]*\)kB.*/\1/p' <<<"$plan" | head -1)
	batches=$(sed -n 's/.*Batches: \([0-9]*\).*/\1/p' <<<"$plan" | head -1)
	[ -n "$kb" ] || { echo "no hash aggregate memory in the plan of: $1" >&2; printf '%s\n' "$plan" >&2; return 1; }
	echo "$((kb * 1024)) ${batches:-1}"
}

#   measure_memory NAME TABLE AGGREGATE
measure_memory() {
	local name=$1 table=$2 aggregate=$3 base agg row groups
	log "memory: $name"
	# ids run from 1 to the table's rows, which may be fewer than the groups
	groups=$(sql_value "SELECT least($MEMORY_GROUPS, count(*)) FROM $table")
	base=$(hash_memory "SELECT id % $MEMORY_GROUPS, count(*) FROM $table GROUP BY 1")
	agg=$(hash_memory "SELECT id % $MEMORY_GROUPS, $aggregate FROM $table GROUP BY 1")
	row=$(awk -v name="$name" -v base="$base" -v agg="$agg" -v groups="$groups" 'BEGIN {
		split(base, b, " "); split(agg, a, " ")
		per = (a[1] - b[1]) / groups
		verdict = per <= 320 ? "PASS" : "MISS"
		note = (a[2] > 1 || b[2] > 1) ? sprintf("  (spilled: %d and %d batches)", a[2], b[2]) : ""
		printf "%-44s %10.1f %10s %8s  %-13s %-5s %d groups%s\n",
			name, per, "bytes", "", "<= 320", verdict, groups, note
	}')
	echo "$row"
	MEMORY_RESULTS+=("$row")
}

run_memory() {
	MEMORY_RESULTS=()
	measure_memory "s. memory per group: nps_summary" responses "nps_summary(score)"
	measure_memory "sw. memory per group: nps_summary weighted" responses "nps_summary(score, weight)"
	measure_memory "t. memory per group: csat_summary" responses "csat_summary(csat_score)"
	measure_memory "u. memory per group: ces_summary" responses "ces_summary(ces_score)"
	measure_memory "v. memory per group: churn_summary" customers \
		"churn_summary(active, daterange('2024-01-01', '2024-02-01'))"
	measure_memory "w. memory per group: churn_summary, revenue" customers \
		"churn_summary(active, daterange('2024-01-01', '2024-02-01'), mrr)"
}

# Incremental upkeep under concurrent load: pgbench clients store raw
# answers and upsert daily summaries with ON CONFLICT ... SET s = t.s +
# excluded.s (test/load/upsert.sql), against the same upsert of plain
# bigint counters (test/load/upsert_plain.sql), in a database of its own,
# interleaved: summaries, counters, summaries, counters.  A report, without
# a target: test/check_load.sh checks the results.
run_upkeep() {
	local secs=${CX_BENCH_UPKEEP_SECONDS:-10} clients=${CX_BENCH_UPKEEP_CLIENTS:-4}
	local half=$(((secs + 1) / 2)) round side out tps
	local -A total=([summaries]=0 [counters]=0)
	log "upkeep: $clients pgbench clients, ${secs} s a side"
	PGOPTIONS="-c client_min_messages=warning" sql -c "DROP DATABASE IF EXISTS cx_upkeep" -c "CREATE DATABASE cx_upkeep"
	PGOPTIONS="-c client_min_messages=warning" sql -d cx_upkeep -f test/load/schema.sql >/dev/null
	for round in 1 2; do
		for side in summaries counters; do
			local script=test/load/upsert.sql
			[ "$side" = counters ] && script=test/load/upsert_plain.sql
			out=$("$(pg_config --bindir)/pgbench" -n -c "$clients" -j 2 -T "$half" -f "$script" cx_upkeep 2>&1) ||
				{ echo "$out" >&2; return 1; }
			tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' <<<"$out")
			log "upkeep round $round, $side: $tps transactions/s"
			total[$side]=$(awk -v a="${total[$side]}" -v b="$tps" 'BEGIN { print a + b }')
		done
	done
	UPKEEP_RESULT=$(awk -v s="${total[summaries]}" -v c="${total[counters]}" -v n="$clients" -v t="$secs" 'BEGIN {
		printf "upkeep under load (%d clients, %d s a side, interleaved): summaries %.0f, plain counters %.0f transactions/s (%.2fx)",
			n, t, s / 2, c / 2, s / c }')
	sql -c "DROP DATABASE cx_upkeep"
}

run_measurements() {
	measure "a. serial: nps_agg vs count (scan floor)" "$SERIAL" "$NPS" "$FLOOR" "<= 1.10"
	measure "b. serial: nps_agg vs hand-written FILTER" "$SERIAL" "$NPS" "$HAND" "< 1"

	PARALLEL_OK=yes
	parallel_plans "$NPS" "$FLOOR" "$HAND"
	measure "c. parallel: nps_agg vs count$PARALLEL_TAG" "$PARALLEL" "$NPS" "$FLOOR" "<= 1.10"
	measure "d. parallel: nps_agg vs hand-written$PARALLEL_TAG" "$PARALLEL" "$NPS" "$HAND" "< 1"

	measure "e. serial: nps_agg(score, weight) vs count" "$SERIAL" "$WEIGHTED" "$FLOOR" ""

	# Serial on both sides: the summaries (a few MB) never get workers, so
	# letting the raw side have them would mix the work each side does with
	# how many idle cores the machine has at that moment.
	measure "f. rollup: months from summaries vs raw" "$SERIAL" "$MONTHLY_SUMMARIES" "$MONTHLY_RAW" "<= 0.01"

	log "window plan:"
	sql -At -c "$SERIAL EXPLAIN (COSTS OFF) $FRAME_1000" | sed 's/^/    /'
	measure "g. window: 1,000-row vs 2-row frame" "$SERIAL" "$FRAME_1000" "$FRAME_2" "<= 2"
	# The design promises the same for every form; survey weights are
	# arbitrary doubles, whose sums round, which is where an inverse
	# transition can give up and recompute each frame.  Fewer rows, because
	# that costs a whole frame per row.
	measure "h. weighted window: 1,000-row vs 2-row frame" "$SERIAL" "$WFRAME_1000" "$WFRAME_2" "<= 2"

	# CSAT and CES hold the same targets as NPS, on the same rows.
	measure "i. serial: csat_agg vs count (scan floor)" "$SERIAL" "$CSAT" "$CSAT_FLOOR" "<= 1.10"
	measure "j. serial: csat_agg vs hand-written FILTER" "$SERIAL" "$CSAT" "$CSAT_HAND" "< 1"
	parallel_plans "$CSAT" "$CSAT_FLOOR" "$CSAT_HAND"
	measure "k. parallel: csat_agg vs count$PARALLEL_TAG" "$PARALLEL" "$CSAT" "$CSAT_FLOOR" "<= 1.10"
	measure "l. parallel: csat_agg vs hand-written$PARALLEL_TAG" "$PARALLEL" "$CSAT" "$CSAT_HAND" "< 1"

	measure "m. serial: ces_agg vs count (scan floor)" "$SERIAL" "$CES" "$CES_FLOOR" "<= 1.10"
	measure "n. serial: ces_agg vs avg" "$SERIAL" "$CES" "$CES_AVG" "< 1"
	parallel_plans "$CES" "$CES_FLOOR" "$CES_AVG"
	measure "o. parallel: ces_agg vs count$PARALLEL_TAG" "$PARALLEL" "$CES" "$CES_FLOOR" "<= 1.10"
	measure "p. parallel: ces_agg vs avg$PARALLEL_TAG" "$PARALLEL" "$CES" "$CES_AVG" "< 1"

	# Churn is timed serial: the target is about the work per customer and
	# month, and what workers add depends on the idle cores of the moment.
	# The plans show what the planner would do with workers allowed: so far
	# it keeps them serial, as the only partial nested loop it considers
	# rescans months once per customer instead of materializing it, which
	# costs more than the serial plan.
	log "churn plan (serial, as timed):"
	sql -At -c "$SERIAL EXPLAIN (COSTS OFF) $CHURN" | sed 's/^/    /'
	local q plan
	CHURN_PARALLEL=""
	for q in "$CHURN" "$CHURN_HAND" "$REVENUE_CHURN" "$REVENUE_HAND"; do
		plan=$(sql -At -c "$PARALLEL EXPLAIN (COSTS OFF) $q")
		if grep -q 'Gather' <<<"$plan"; then
			CHURN_PARALLEL="$CHURN_PARALLEL yes"
		else
			CHURN_PARALLEL="$CHURN_PARALLEL no"
		fi
	done
	log "churn plans with 2 workers per gather allowed (churn_rate, hand-written," \
		"revenue churn_rate, revenue hand-written) use workers:$CHURN_PARALLEL"
	if [[ $CHURN_PARALLEL == *yes* ]]; then
		sql -At -c "$PARALLEL EXPLAIN (COSTS OFF) $CHURN" | sed 's/^/    /'
	fi
	measure "q. churn: churn_rate vs count FILTER" "$SERIAL" "$CHURN" "$CHURN_HAND" "<= 1.00" "$CHURN_REPS"
	measure "r. churn: revenue churn_rate vs sum FILTER" "$SERIAL" "$REVENUE_CHURN" "$REVENUE_HAND" "" "$CHURN_REPS"
}

print_report() {
	local version jit daily
	version=$(sql_value "SELECT version()")
	jit=$(sql_value "$SERIAL SHOW jit")
	daily=$(sql_value "SELECT count(*) FROM daily")
	echo
	echo "cx_metrics benchmark: $ROWS responses, window table $WINDOW_ROWS rows" \
		"($WEIGHTED_WINDOW_ROWS weighted), $REPS runs per query (median ms)"
	echo "server: $version"
	echo "settings: ${SERVER_SETTINGS[*]}"
	echo "jit: $jit (both sides of every comparison);" \
		"serial = max_parallel_workers_per_gather 0, parallel = 2"
	# Other work on the machine is what makes the pair ratios spread.
	echo "load average: $LOAD_BEFORE before the timings, $(cut -d' ' -f1-3 /proc/loadavg) after"
	echo "rollup: daily has $daily rows; a ratio <= 0.01 is >= 100x faster"
	echo "churn (q, r): $CUSTOMERS customers x 24 months, serial, $CHURN_REPS runs per query;" \
		"plans with 2 workers allowed use workers (q A, q B, r A, r B):$CHURN_PARALLEL"
	echo "checks: ${CHECKS_OK}; parallel plans verified: ${PARALLEL_OK}"
	echo
	printf "%-44s %10s %10s %8s  %-13s %-5s %s\n" \
		"measurement (A vs B)" "A ms" "B ms" "A/B" "target" "" "pair ratios"
	printf '%s\n' "${RESULTS[@]}"
	echo
	echo "memory per group: hash aggregate Memory Usage minus count(*)'s, over $MEMORY_GROUPS groups"
	printf '%s\n' "${MEMORY_RESULTS[@]}"
	echo
	echo "$UPKEEP_RESULT"
}

# ===========================================================================
# Customer lifetimes: churn_timeline and retention_summary
# ---------------------------------------------------------------------------
# The design's target: a 24-month churn series and a cohort retention table
# over the customers (1 M by default) cost at most 2x count(active), the
# scan floor of the lifetime column; and the same numbers as the cross join
# of customers x periods they replace.  Serial, as the churn measurements.
# ===========================================================================

# 24 months, 2023-07 .. 2025-06: one churn_timeline over the customers,
# unnested to the 24 rates; the cross join of customers x months, the same
# rates from churn_summary per month.
LT_SPAN="daterange('2023-07-01', '2025-07-01')"
LT_TIMELINE="SELECT lower(u.period), churn(u.summary) FROM unnest((SELECT churn_timeline(active, $LT_SPAN, '1 month') FROM customers)) AS u(period daterange, summary churn_summary)"
LT_TIMELINE_REVENUE="SELECT lower(u.period), churn(u.summary) FROM unnest((SELECT churn_timeline(active, $LT_SPAN, '1 month', mrr) FROM customers)) AS u(period daterange, summary churn_summary)"
LT_CROSS="SELECT m.month, churn(churn_summary(c.active, m.period)) $MONTHS_JOIN"
LT_FLOOR="SELECT count(active) FROM customers"
# A cohort table: per signup month, retention at 1, 3, 6, 12 and 24 months
# as of 2025-07-01; the cross join counts, per cohort and age, the cohort's
# customers still active at start + age months (what a cohort table looks
# like without the summary: no censoring, so not the same numbers).
LT_COHORTS="SELECT cohort, retention(s, 1), retention(s, 3), retention(s, 6), retention(s, 12), retention(s, 24) FROM (SELECT date_trunc('month', started) AS cohort, retention_summary(active, '1 month', date '2025-07-01') AS s FROM customers GROUP BY 1) t"
LT_COHORTS_FLOOR="SELECT date_trunc('month', started), count(active) FROM customers GROUP BY 1"
# The grouped floor: a cohort table is a GROUP BY, and the grouped count of
# the lifetimes by their start month alone costs several times count(active).
LT_COHORTS_GROUPED_FLOOR="SELECT date_trunc('month', lower(active)), count(active) FROM customers GROUP BY 1"
LT_COHORTS_CROSS="SELECT date_trunc('month', c.started), k, 100.0 * count(*) FILTER (WHERE c.active @> (c.started + k * interval '1 month')::date) / count(*) FROM customers c CROSS JOIN generate_series(0, 23) k GROUP BY 1, 2"

run_lifetime_checks() {
	check_none "churn_timeline and churn_summary per month (cross join)" \
		"SELECT count(*) FROM ($LT_TIMELINE) a(m, r) FULL JOIN ($LT_CROSS) b(m, r) ON a.m = b.m WHERE a.r IS DISTINCT FROM b.r"
	check_none "retention_summary per cohort and the definition at age 0" \
		"SELECT count(*) FROM (SELECT date_trunc('month', started) AS cohort, customers_at_risk(retention_summary(active, '1 month', date '2025-07-01'), 0) AS n, count(active) AS m FROM customers GROUP BY 1) t WHERE n <> m"
}

run_lifetime_measurements() {
	log "lifetime plans (serial, as timed):"
	sql -At -c "$SERIAL EXPLAIN (COSTS OFF) $LT_TIMELINE" | sed 's/^/    /'
	measure "L1. churn_timeline 24 months vs count(active)" "$SERIAL" "$LT_TIMELINE" "$LT_FLOOR" "<= 2" "$CHURN_REPS"
	measure "L2. revenue churn_timeline vs count(active)" "$SERIAL" "$LT_TIMELINE_REVENUE" "$LT_FLOOR" "<= 2" "$CHURN_REPS"
	measure "L3. churn_timeline vs cross join" "$SERIAL" "$LT_TIMELINE" "$LT_CROSS" "" "$CHURN_REPS"
	measure "L4. cohort table vs count(active)" "$SERIAL" "$LT_COHORTS" "$LT_FLOOR" "<= 2" "$CHURN_REPS"
	measure "L4b. cohort table vs grouped count(active)" "$SERIAL" "$LT_COHORTS" "$LT_COHORTS_GROUPED_FLOOR" "" "$CHURN_REPS"
	measure "L5. cohort table vs count per cohort" "$SERIAL" "$LT_COHORTS" "$LT_COHORTS_FLOOR" "" "$CHURN_REPS"
	measure "L6. cohort table vs cross join (24 ages)" "$SERIAL" "$LT_COHORTS" "$LT_COHORTS_CROSS" "" "$CHURN_REPS"
}
# ===========================================================================
# End of customer lifetimes
# ===========================================================================

main() {
	build_and_start
	load_responses
	load_derived
	load_customers
	warm_cache
	run_checks
	LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
	run_measurements
	run_lifetime_checks
	run_lifetime_measurements
	run_memory
	run_upkeep
	print_report
	log "done"
}

main
