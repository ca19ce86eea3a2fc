#!/usr/bin/env bash
# The cx_metrics demo: on a fresh Debian 12 machine, as root, installs what
# is missing, builds and installs the extension, starts a throwaway
# PostgreSQL 15 cluster (with pg_cron), generates realistic customer and
# survey data, runs the analysis (demo/analysis/*.sql), draws two charts
# (demo/out/cx_demo.png: monthly NPS and churn; demo/out/cx_retention.png:
# retention by plan and the growth plan's cohorts before and after its price
# change), builds the materialized views and their schedule
# (demo/matviews.sql), sums up what it found (demo/findings.sql) and stops
# the cluster.  Every step prints its progress and time.
#
#   demo/run.sh            (or make demo, once make is installed)
#
# Environment:
#   CX_DEMO_RESPONSES   survey answers to generate (default 1000000), from a
#                       tenth as many customers
#   CX_DEMO_KEEP=1      leave the cluster running at the end and print how to
#                       connect to it with psql
#   CX_DEMO_OUT         directory for the charts and their data (default demo/out)
#   CX_DEMO_USE_SERVER=1  use the running server that PGHOST, PGPORT and
#                       PGUSER name instead of a throwaway cluster (cx_metrics
#                       must be installed there; pg_cron is used if loaded);
#                       installs and builds nothing
#   CX_DEMO_DB          the database to create, dropping any old one of that
#                       name (default cx_demo)
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

RESPONSES=${CX_DEMO_RESPONSES:-1000000}
KEEP=${CX_DEMO_KEEP:-0}
OUT=${CX_DEMO_OUT:-demo/out}
USE_SERVER=${CX_DEMO_USE_SERVER:-0}
DB=${CX_DEMO_DB:-cx_demo}

[[ "$RESPONSES" =~ ^[0-9]+$ ]] && [ "$RESPONSES" -ge 1000 ] ||
	{ echo "CX_DEMO_RESPONSES must be a number of at least 1000" >&2; exit 2; }
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] ||
	{ echo "CX_DEMO_DB must be a plain lower-case name" >&2; exit 2; }

# Every month and day is counted in UTC, whatever the machine's time zone.
export PGTZ=UTC
START=$(date +%s.%N)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# A progress line, prefixed with the time since the start.
log() {
	awk -v start="$START" -v now="$(date +%s.%N)" -v msg="$*" \
		'BEGIN { printf "[%6.1fs] %s\n", now - start, msg }'
}

# Seconds since a time taken with $(date +%s.%N).
since() {
	awk -v t0="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f s", now - t0 }'
}

# psql on the demo database: no psqlrc, stop at the first error, tables
# without the row-count footer.
sql() {
	psql -X -q -v ON_ERROR_STOP=1 -P footer=off -d "$DB" "$@"
}

# 1234567 -> 1,234,567
thousands() {
	printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'
}

finish() {
	local status=$?
	if [ "$USE_SERVER" = 1 ]; then
		:	# not ours to stop
	elif [ "$KEEP" = 1 ] && [ -n "${CX_CLUSTER_DIR:-}" ]; then
		echo
		echo "The cluster is still running (CX_DEMO_KEEP=1).  Explore the demo database with:"
		echo "  psql -h $CX_CLUSTER_DIR -p $PGPORT -U postgres $DB"
		echo "and stop it with:"
		echo "  runuser -u postgres -- $(pg_config --bindir)/pg_ctl -D $CX_CLUSTER_DIR/data stop && rm -rf $CX_CLUSTER_DIR"
		[ "$(id -u)" = 0 ] || echo "  (without runuser when you are not root)"
	else
		cx_stop_cluster
	fi
	[ "$status" = 0 ] || echo "demo failed (exit status $status)" >&2
}

echo "cx_metrics demo: $(thousands "$RESPONSES") survey answers from $(thousands $((RESPONSES / 10))) customers"

if [ "$USE_SERVER" = 1 ]; then
	log "use the running server (${PGHOST:-default host}, port ${PGPORT:-5432})"
else
	log "install what is missing (PostgreSQL 15, pg_cron, gnuplot, build tools)"
	cx_ensure_packages postgresql-$CX_PG_MAJOR-cron gnuplot-nox
	log "build and install cx_metrics"
	make -s
	make -s install >/dev/null
	log "start a throwaway PostgreSQL cluster with pg_cron"
	# pg_cron runs its jobs in background workers, so it needs no TCP
	# connection (the cluster listens on a Unix socket only); the rest sizes
	# the server for a 2-core machine with the data in memory.
	cx_start_cluster \
		shared_preload_libraries=pg_cron \
		cron.database_name=postgres \
		cron.use_background_workers=on \
		max_worker_processes=16 \
		shared_buffers=1GB \
		work_mem=64MB \
		maintenance_work_mem=512MB \
		max_wal_size=4GB \
		jit=off
fi
trap finish EXIT

PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

log "create the tables (demo/schema.sql) and generate the data (demo/generate.sql)"
sql -f demo/schema.sql
sql -v responses="$RESPONSES" -f demo/generate.sql

# ---------------------------------------------------------------------------
# The analysis: every file under demo/analysis, in name order.
# ---------------------------------------------------------------------------
for file in demo/analysis/*.sql; do
	echo
	log "== $file"
	t0=$(date +%s.%N)
	sql -f "$file"
	echo "          ($(since "$t0"))"
done

# ---------------------------------------------------------------------------
# The charts.
# ---------------------------------------------------------------------------
echo
CHART=""
if command -v gnuplot >/dev/null; then
	log "charts of the monthly NPS and churn and of retention by plan (demo/chart_data.sql, demo/chart.gp)"
	sql -v nps_file="$OUT/nps_monthly.dat" -v churn_file="$OUT/churn_monthly.dat" \
		-v retention_file="$OUT/retention_by_plan.dat" -v change_file="$OUT/growth_price_change.dat" \
		-f demo/chart_data.sql
	CHART="$OUT/cx_demo.png"
	RETENTION_CHART="$OUT/cx_retention.png"
	gnuplot -e "nps_file='$OUT/nps_monthly.dat'; churn_file='$OUT/churn_monthly.dat'; out='$CHART'" \
		-e "retention_file='$OUT/retention_by_plan.dat'; change_file='$OUT/growth_price_change.dat'" \
		-e "retention_out='$RETENTION_CHART'" \
		demo/chart.gp
	log "wrote $CHART and $RETENTION_CHART"
else
	log "gnuplot is not installed: no charts (apt-get install gnuplot-nox)"
fi

# ---------------------------------------------------------------------------
# Materialized views, roll-ups, the schedule and incremental upkeep.
# ---------------------------------------------------------------------------
echo
log "== demo/matviews.sql: daily summaries, roll-up reports, pg_cron schedule"
t0=$(date +%s.%N)
sql -f demo/matviews.sql
sql -At -F '|' -c "
	SELECT 'daily_nps', count(*), pg_size_pretty(pg_table_size('daily_nps')) FROM daily_nps
	UNION ALL SELECT 'daily_csat', count(*), pg_size_pretty(pg_table_size('daily_csat')) FROM daily_csat
	UNION ALL SELECT 'daily_ces', count(*), pg_size_pretty(pg_table_size('daily_ces')) FROM daily_ces
	UNION ALL SELECT 'monthly_churn', count(*), pg_size_pretty(pg_table_size('monthly_churn')) FROM monthly_churn
	UNION ALL SELECT 'nps_daily_live', count(*), pg_size_pretty(pg_table_size('nps_daily_live')) FROM nps_daily_live
	UNION ALL SELECT 'the raw answers', (SELECT count(*) FROM responses) + (SELECT count(*) FROM csat_responses)
		+ (SELECT count(*) FROM ces_responses),
		pg_size_pretty(pg_table_size('responses') + pg_table_size('csat_responses')
		+ pg_table_size('ces_responses'))" |
	while IFS='|' read -r name rows size; do
		printf '  %-16s %12s rows %9s\n' "$name" "$(thousands "$rows")" "$size"
	done
echo "          ($(since "$t0"))"

echo
log "weekly NPS by segment, rolled up from daily_nps (the last three full weeks)"
sql <<-'SQL'
	SELECT week, segment, answers, round(nps::numeric, 1) AS nps,
	       round(nps_low::numeric, 1) AS low, round(nps_high::numeric, 1) AS high
	FROM weekly_nps
	WHERE week + 7 <= (SELECT max(day) + 1 FROM daily_nps)
	  AND week + 28 > (SELECT max(day) + 1 FROM daily_nps)
	ORDER BY week, segment;
SQL

echo
log "the monthly report, rolled up from the daily summaries"
sql <<-'SQL'
	SELECT to_char(month, 'YYYY-MM') AS month, nps_answers AS "nps answers",
	       round(nps::numeric, 1) AS nps,
	       round(nps_low::numeric, 1) || '..' || round(nps_high::numeric, 1) AS "95 %",
	       round(csat::numeric, 1) AS csat,
	       round(ces::numeric, 2) AS ces,
	       round(churn::numeric, 2) AS churn,
	       round(churn_low::numeric, 2) || '..' || round(churn_high::numeric, 2) AS "95 %",
	       round(revenue_churn::numeric, 2) AS "revenue churn"
	FROM monthly_report
	ORDER BY month;
SQL

# Time the rolled-up report against the same report over the raw rows
# (already in memory): three runs of each, interleaved; the medians count.
log "time: the monthly report from the summaries against the same report from the raw rows"
times=$(sql -c '\o /dev/null' \
	-c 'SELECT * FROM monthly_report' \
	-c '\timing on' \
	-c 'SELECT * FROM monthly_report' -c 'SELECT * FROM monthly_report_raw' \
	-c 'SELECT * FROM monthly_report' -c 'SELECT * FROM monthly_report_raw' \
	-c 'SELECT * FROM monthly_report' -c 'SELECT * FROM monthly_report_raw' |
	awk '/^Time: / { t[n++] = $2 }
		function med(a, b, c) { return a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b)) }
		END { printf "%.1f %.1f", med(t[0], t[2], t[4]), med(t[1], t[3], t[5]) }')
read -r rolled raw <<<"$times"
differing=$(sql -At -c "
	SELECT count(*)
	FROM monthly_report r FULL JOIN monthly_report_raw w USING (month)
	WHERE (r.nps_answers, round(r.nps::numeric, 9), round(r.csat::numeric, 9),
	       round(r.ces::numeric, 9), round(r.churn::numeric, 9), round(r.revenue_churn::numeric, 9))
	      IS DISTINCT FROM
	      (w.nps_answers, round(w.nps::numeric, 9), round(w.csat::numeric, 9),
	       round(w.ces::numeric, 9), round(w.churn::numeric, 9), round(w.revenue_churn::numeric, 9))")
awk -v a="$rolled" -v b="$raw" 'BEGIN {
	printf "  rolled up from the stored summaries  %10.1f ms\n", a
	printf "  the same report from the raw rows     %10.1f ms   (%.0f times as long)\n", b, b / a }'
if [ "$differing" = 0 ]; then
	echo "  both give the same numbers for every month"
else
	echo "  MISMATCH: $differing months differ between the two reports" >&2
	exit 1
fi

# ---------------------------------------------------------------------------
# Incremental upkeep: a batch of new answers arrives.
# ---------------------------------------------------------------------------
# The batch: answers like those of the last four weeks (a sample of them,
# from customers still active), dated on the last day.
BATCH=$((RESPONSES / 100))
echo
log "incremental upkeep: a batch of new NPS answers for the last day arrives, CALL upkeep_nps_daily_live()"
sql -v batch="$BATCH" <<-'SQL'
	SELECT max(day) AS last_day FROM nps_daily_live \gset
	SELECT responses(nps_summary(s)) AS before FROM nps_daily_live WHERE day = :'last_day' \gset
	SELECT setseed(0.7) \gset
	INSERT INTO responses (customer_id, answered_at, segment, channel, touchpoint, score)
	SELECT r.customer_id, (:'last_day'::timestamp + random() * interval '1 day') AT TIME ZONE 'UTC',
	       r.segment, r.channel, r.touchpoint, r.score
	FROM responses r
	JOIN customers c ON c.id = r.customer_id
	WHERE r.answered_at >= :'last_day'::date - 27
	  AND daterange(c.started, c.ended) @> :'last_day'::date
	ORDER BY random()
	LIMIT :batch;
	SELECT clock_timestamp() AS t0 \gset
	CALL upkeep_nps_daily_live();
	SELECT format('  CALL upkeep_nps_daily_live() took %s ms; nps_daily_live on %s: %s answers before, %s after',
	              round(extract(epoch FROM clock_timestamp() - :'t0') * 1000, 1), :'last_day',
	              to_char(:before, 'FM999,999,990'),
	              to_char(responses(nps_summary(s)), 'FM999,999,990')) AS line
	FROM nps_daily_live WHERE day = :'last_day' \gset
	\echo :line
SQL
log "the nightly refresh for comparison: CALL refresh_cx_summaries() (every materialized view)"
t0=$(date +%s.%N)
sql -c 'CALL refresh_cx_summaries()'
echo "  CALL refresh_cx_summaries() took $(since "$t0")"
differing=$(sql -At -c "
	SELECT count(*)
	FROM daily_nps d FULL JOIN nps_daily_live l USING (day, segment, channel)
	WHERE d.s IS DISTINCT FROM l.s")
if [ "$differing" = 0 ]; then
	echo "  the incrementally kept nps_daily_live equals the refreshed daily_nps, day by day"
else
	echo "  MISMATCH: $differing rows of nps_daily_live differ from daily_nps" >&2
	exit 1
fi

# ---------------------------------------------------------------------------
# What the analysis found.
# ---------------------------------------------------------------------------
echo
log "== demo/findings.sql: what the analysis found"
sql -f demo/findings.sql

echo
log "done"
if [ -n "$CHART" ]; then
	echo "Chart of the monthly NPS and churn: $CHART"
	echo "Chart of retention by plan and of the price change: $RETENTION_CHART"
fi
exit 0
