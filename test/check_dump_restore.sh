#!/usr/bin/env bash
# Dump and restore: tables, a view and materialized views holding every
# summary type (unweighted; weighted with ugly and with extreme float
# weights; CSAT and CES on several scales; churn of tstzrange, tsrange and
# daterange periods with and without revenue; arrays of summaries; NULLs),
# with a generated column, a CHECK constraint and an expression index over
# accessors, survive
#   1. pg_dump -Fc / pg_restore into a new database, and
#   2. a plain-SQL pg_dump replayed by psql into another database, in a
#      session with another DateStyle, TimeZone, IntervalStyle and
#      extra_float_digits than the source's (the materialized views are
#      refreshed in that session too),
# with identical results:
#   - every stored summary equals the source's: =, not <>, the same text and
#     the same binary form (send), after moving the source's rows over with
#     COPY text and with COPY binary; every other column the same;
#   - reports computed from the summaries (accessors, statistics, roll-ups,
#     window frames, p-values) print the same in all three databases;
#   - the summaries' text printed under different session settings in each
#     database is the same everywhere.
# A negative control (one summary changed by a weight of 1e-9) must be
# detected, so the comparison cannot pass vacuously.  Then churn summaries
# of a 1.0 install (format version 1, with and without revenue) are dumped,
# restored into the default version text-equal, and dumped again the same;
# and a dump of a 1.0 install holding rating summaries in the forms 1.0
# wrote (test/legacy/) restores into this version with every value's text
# and binary form unchanged.
#
# Needs a running server: PGHOST/PGPORT/PGUSER (a superuser) set, as
# test/run-tests.sh does.  Creates and drops its own databases.  About 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

SRC=cx_check_dump_src
DST_FC=cx_check_dump_fc
DST_PLAIN=cx_check_dump_plain
cx_work_dir cx_check_dump

SRC_10=cx_check_dump_src_10
DST_10=cx_check_dump_dst_10
drop_databases() { cx_drop_databases "$SRC" "$DST_FC" "$DST_PLAIN" "$SRC_10" "$DST_10"; }
cx_on_exit drop_databases

# The source is built in one time zone and date style; the plain dump is
# replayed in others.
SRC_OPTS="-c timezone=America/St_Johns -c datestyle=ISO,MDY"
PLAIN_OPTS="-c datestyle=SQL,DMY -c timezone=Pacific/Chatham -c intervalstyle=sql_standard -c extra_float_digits=0"
# Reports and comparisons are printed with the same settings everywhere.
REPORT_OPTS="-c timezone=UTC -c datestyle=ISO,MDY -c extra_float_digits=1 -c max_parallel_workers_per_gather=0"

# The relations whose rows are compared; each has a unique text key k.
RELATIONS="analytics.daily_nps analytics.daily_csat analytics.daily_ces analytics.monthly_churn
analytics.extremes analytics.mv_monthly analytics.mv_churn analytics.mv_rollup"

drop_databases
createdb -T template0 "$SRC"

echo "-- building the source database (session: $SRC_OPTS)"
PGOPTIONS="$SRC_OPTS" q "$SRC" <<'SQL' || fail "building the source database failed"
CREATE EXTENSION cx_metrics;
CREATE SCHEMA analytics;

-- Survey answers, deterministic (a multiplicative hash of the id): four
-- segments, 120 days, NPS 0..10, CSAT 1..5 / 1..7 / 1..10, CES 1..7 / 1..5,
-- some scores NULL.  Weights are deliberately ugly: 1/3, 0.1, multiples of
-- pi, square roots, exponentials, tiny multiples of 1e-7, and zero.
CREATE TABLE analytics.answers AS
SELECT id, day, segment,
       CASE WHEN id % 97 <> 0 THEN (h % 11)::int END AS nps_score,
       CASE WHEN id % 89 <> 0 THEN (1 + (h >> 4) % 5)::int END AS csat5,
       (1 + (h >> 8) % 7)::int AS csat7,
       (1 + (h >> 12) % 10)::smallint AS csat10,
       (1 + (h >> 16) % 7)::numeric AS ces7,
       (1 + (h >> 20) % 5)::int AS ces5,
       (CASE id % 6 WHEN 0 THEN 1.0 / 3 WHEN 1 THEN 0.1
                    WHEN 2 THEN pi() * (id % 13) WHEN 3 THEN sqrt(id) / 7
                    WHEN 4 THEN exp((id % 40) / 3.0) / 9
                    ELSE 1e-7 * (id % 101) / 3 END)::float8 AS weight
FROM (SELECT id, h, date '2025-11-01' + ((h >> 24) % 120)::int AS day,
             (ARRAY['web', 'app', 'phone', 'mail'])[1 + (h >> 7) % 4] AS segment
      FROM (SELECT id, id::bigint * 2654435761 % 4294967296 AS h
            FROM generate_series(1, 30000) id) g) g2;

-- Customers: lifetimes as dates, timestamps and timestamptz (UTC instants
-- of the same timestamps), 40% still customers, ugly monthly revenue.
CREATE TABLE analytics.customers AS
SELECT id, segment, started, ended, started_ts, ended_ts,
       started_ts AT TIME ZONE 'UTC' AS started_at,
       ended_ts AT TIME ZONE 'UTC' AS ended_at,
       ((h >> 6) % 5000 + 1)::float8 / 3 * 1.07 AS mrr
FROM (SELECT id, h, segment, started, ended,
             started + ((h >> 2) % 86400) * interval '1 second' AS started_ts,
             ended + ((h >> 5) % 86400) * interval '1 second' AS ended_ts
      FROM (SELECT id, h, (ARRAY['north', 'south', 'east'])[1 + (h >> 28) % 3] AS segment,
                   date '2024-06-01' + ((h >> 8) % 700)::int AS started,
                   CASE WHEN (h >> 18) % 5 >= 2
                        THEN date '2024-06-01' + ((h >> 8) % 700)::int + 1 + ((h >> 3) % 400)::int
                   END AS ended
            FROM (SELECT id, id::bigint * 2654435761 % 4294967296 AS h
                  FROM generate_series(1, 20000) id) g) g2) g3;

-- The months of 2025 as periods of the three range types; the tstzrange
-- bounds are UTC instants whatever the session's time zone.
CREATE TABLE analytics.periods AS
SELECT m::date AS month,
       daterange(m::date, (m + interval '1 month')::date) AS p_date,
       tsrange(m, m + interval '1 month') AS p_ts,
       tstzrange(m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC') AS p_tstz
FROM generate_series(timestamp '2025-01-01', timestamp '2025-12-01', interval '1 month') m;

-- Stored daily summaries, with a generated column, a CHECK constraint and
-- an expression index over accessors, and an array of summaries.
CREATE TABLE analytics.daily_nps (
    k text PRIMARY KEY,
    day date NOT NULL,
    segment text NOT NULL,
    s nps_summary NOT NULL,
    sw nps_summary,
    hist nps_summary[],
    nps_value float8 GENERATED ALWAYS AS (nps(s)) STORED,
    CHECK (responses(s) > 0 AND nps(s) BETWEEN -100 AND 100)
);
INSERT INTO analytics.daily_nps (k, day, segment, s, sw, hist)
SELECT segment || '/' || to_char(day, 'YYYY-MM-DD'), day, segment,
       nps_summary(nps_score), nps_summary(nps_score, weight ORDER BY id),
       ARRAY[nps_summary(nps_score), NULL, nps_summary(nps_score, weight ORDER BY id)]
FROM analytics.answers GROUP BY day, segment;
CREATE INDEX daily_nps_weighted ON analytics.daily_nps (nps(sw));

CREATE TABLE analytics.daily_csat (
    k text PRIMARY KEY, day date, segment text,
    s5 csat_summary, s7w csat_summary, s10 csat_summary, s10w csat_summary,
    CHECK (csat(s5) BETWEEN 0 AND 100)
);
INSERT INTO analytics.daily_csat
SELECT segment || '/' || to_char(day, 'YYYY-MM-DD'), day, segment,
       csat_summary(csat5), csat_summary(csat7, 7, 6, weight ORDER BY id),
       csat_summary(csat10, 10), csat_summary(csat10, 10, 8, weight ORDER BY id)
FROM analytics.answers GROUP BY day, segment;

CREATE TABLE analytics.daily_ces (
    k text PRIMARY KEY, day date, segment text,
    s7 ces_summary, s5w ces_summary, s7w ces_summary
);
INSERT INTO analytics.daily_ces
SELECT segment || '/' || to_char(day, 'YYYY-MM-DD'), day, segment,
       ces_summary(ces7), ces_summary(ces5, 5, weight ORDER BY id),
       ces_summary(ces7, weight ORDER BY id)
FROM analytics.answers GROUP BY day, segment;

CREATE TABLE analytics.monthly_churn (
    k text PRIMARY KEY, month date, segment text,
    d churn_summary, d_rev churn_summary, ts churn_summary, ts_rev churn_summary,
    tstz churn_summary, tstz_rev churn_summary,
    CHECK (churn(d) BETWEEN 0 AND 100)
);
INSERT INTO analytics.monthly_churn
SELECT c.segment || '/' || to_char(p.month, 'YYYY-MM'), p.month, c.segment,
       churn_summary(daterange(c.started, c.ended), p.p_date),
       churn_summary(daterange(c.started, c.ended), p.p_date, c.mrr ORDER BY c.id),
       churn_summary(tsrange(c.started_ts, c.ended_ts), p.p_ts),
       churn_summary(tsrange(c.started_ts, c.ended_ts), p.p_ts, c.mrr ORDER BY c.id),
       churn_summary(tstzrange(c.started_at, c.ended_at), p.p_tstz),
       churn_summary(tstzrange(c.started_at, c.ended_at), p.p_tstz, c.mrr ORDER BY c.id)
FROM analytics.customers c CROSS JOIN analytics.periods p
GROUP BY p.month, c.segment;

-- Extreme values: subnormal, smallest normal and huge weights, weights
-- that are not short decimals, all-zero weights, summaries read from text
-- written with other spacing and key order, periods BC, after year 9999,
-- with microseconds and odd UTC offsets, tiny and huge revenue.
CREATE TABLE analytics.extremes (
    k text PRIMARY KEY, n nps_summary, c csat_summary, e ces_summary, ch churn_summary
);
INSERT INTO analytics.extremes
SELECT 'tiny', nps_summary(v, w), csat_summary(1 + v % 5, w), ces_summary(1 + v % 7, w),
       churn_summary(daterange(date '2020-01-01' + v, NULL), daterange('2020-01-05', '2020-01-09'), w)
FROM (VALUES (9, 1e-150::float8), (10, 2.2250738585072014e-150), (3, 1.0000000000000002e-150), (7, 0), (9, 4.9e-149)) v(v, w);
INSERT INTO analytics.extremes
SELECT 'huge', nps_summary(v, w), csat_summary(1 + v % 5, w), ces_summary(1 + v % 7, w),
       churn_summary(tsrange(timestamp '2020-01-01' + v * interval '1 day', timestamp '2020-01-20' + v * interval '1 hour'),
                     tsrange('0044-03-15 12:00:00.000001 BC', '2020-01-05 23:59:59.999999'), w)
FROM (VALUES (9, 1e150::float8), (0, 1.5e150 / 7), (5, 3), (10, 1.7976931348623157e100)) v(v, w);
INSERT INTO analytics.extremes
SELECT 'unround', nps_summary(v, w), csat_summary(1 + v % 5, w), ces_summary(1 + v % 7, w),
       churn_summary(tstzrange(timestamptz '2026-01-01 00:00:00.123456+13:45' + v * interval '7 hours', NULL),
                     tstzrange('2026-01-01 00:00:00.000001+13:45', '2026-01-02 10:11:12.5-03:30'), w)
FROM (VALUES (9, 0.30000000000000004::float8), (1, 1.0 / 3), (2, 2.0 / 3), (8, 9007199254740993),
             (10, 1e22), (6, 0.1), (4, 123456789.12345679)) v(v, w);
INSERT INTO analytics.extremes
SELECT 'zero-weights', nps_summary(v, 0::float8), csat_summary(1 + v % 5, 0::float8),
       ces_summary(1 + v % 7, 0::float8),
       churn_summary(daterange('20000-03-15', '20001-04-15'), daterange('20000-03-16', '20001-01-01'))
FROM generate_series(0, 10) v;
INSERT INTO analytics.extremes VALUES
('from-text',
 ' { "counts" : [1,0,0,1,0,0,1,1,1,2,3] , "scale":[0,10],"version":1 } ',
 '{"version":1,"scale":[1,5],"satisfied_from":4,"counts":[0,1,0,2,5],"weights":[0,0.5,0,1e-3,7.25],"sum_sq_weights":2.5e1}',
 '{"scale": [1, 7], "version": 1, "counts": [1, 2, 3, 4, 5, 6, 7]}',
 '{"customers_new": 2, "customers_lost": 2, "customers_at_start": 5, "period": ["2026-01-01", "2026-02-01"], "period_type": "daterange", "version": 1}'),
('nulls', NULL, NULL, NULL, NULL);

-- A view using the operators and roll-ups (its definition is dumped).
CREATE VIEW analytics.v_pairs AS
SELECT a.k, a.s + b.s AS both_days, a.s = b.s AS same, a.sw <> b.sw AS differ,
       nps_agg(a.sw) OVER (PARTITION BY a.segment ORDER BY a.day) AS running
FROM analytics.daily_nps a
JOIN analytics.daily_nps b ON b.segment = a.segment AND b.day = a.day + 1;

-- Materialized views: rebuilt by the restore from the raw rows and from
-- stored summaries.  Their definitions do not depend on the session's
-- time zone (months of dates, UTC instants).
CREATE MATERIALIZED VIEW analytics.mv_monthly AS
SELECT segment || '/' || to_char(month, 'YYYY-MM') AS k, month, segment,
       nps_summary(nps_score) AS n, nps_summary(nps_score, weight ORDER BY id) AS nw,
       csat_summary(csat7, 7, 6, weight ORDER BY id) AS c7w, csat_summary(csat10, 10) AS c10,
       ces_summary(ces5, 5, weight ORDER BY id) AS e5w, ces_summary(ces7) AS e7
FROM (SELECT *, date_trunc('month', day::timestamp)::date AS month FROM analytics.answers) a
GROUP BY month, segment;

CREATE MATERIALIZED VIEW analytics.mv_churn AS
SELECT c.segment || '/' || to_char(p.month, 'YYYY-MM') AS k,
       churn_summary(tstzrange(c.started_at, c.ended_at), p.p_tstz, c.mrr ORDER BY c.id) AS tstz_rev,
       churn_summary(tsrange(c.started_ts, c.ended_ts), p.p_ts) AS ts,
       churn_summary(daterange(c.started, c.ended), p.p_date, c.mrr ORDER BY c.id) AS d_rev,
       churn_summary(tstzrange(c.started_at, c.ended_at),
                     tstzrange('2025-03-01 00:00:00+00', '2025-04-01 00:00:00+00')) AS march_tstz
FROM analytics.customers c CROSS JOIN analytics.periods p
GROUP BY c.segment, p.month;

CREATE MATERIALIZED VIEW analytics.mv_rollup AS
SELECT segment || '/' || to_char(date_trunc('month', day::timestamp), 'YYYY-MM') AS k,
       nps_summary(s) AS s, nps_summary(sw ORDER BY day) AS sw
FROM analytics.daily_nps
GROUP BY 1;
SQL

# Accessor lines used by the reports (temporary functions: nothing is
# added to the databases being compared).
LINES_SQL=$(cat <<'SQL'
CREATE FUNCTION pg_temp.nl(s nps_summary) RETURNS text LANGUAGE sql AS $$
  SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', s, nps(s), promoters(s), passives(s),
                detractors(s), responses(s), mean(s), distribution(s), share(s, 7, 8),
                std_error(s), ci_lower(s), ci_upper(s, 0.8)) $$;
CREATE FUNCTION pg_temp.cl(s csat_summary) RETURNS text LANGUAGE sql AS $$
  SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', s, csat(s), csat(s, 2), mean(s), responses(s),
                distribution(s), share(s, 1, 2), std_error(s), ci_lower(s, 0.99), ci_upper(s)) $$;
CREATE FUNCTION pg_temp.el(s ces_summary) RETURNS text LANGUAGE sql AS $$
  SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s', s, ces(s), mean(s), responses(s), distribution(s),
                share(s, 1, 2), std_error(s), ci_lower(s), ci_upper(s, 0.9)) $$;
CREATE FUNCTION pg_temp.chl(s churn_summary) RETURNS text LANGUAGE sql AS $$
  SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', s, churn(s), retention_rate(s),
                customers_at_start(s), customers_lost(s), customers_new(s), revenue_at_start(s),
                revenue_lost(s), std_error(s), ci_lower(s), ci_upper(s, 0.5)) $$;
SQL
)

# The reports: the same text is expected from every database.
cat >"$WORK/report.sql" <<SQL
$LINES_SQL
\\pset footer off
\\echo == daily_nps
SELECT k, day, segment, pg_temp.nl(s), pg_temp.nl(sw), hist, nps_value FROM analytics.daily_nps ORDER BY k;
\\echo == daily_csat
SELECT k, pg_temp.cl(s5), pg_temp.cl(s7w), pg_temp.cl(s10), pg_temp.cl(s10w) FROM analytics.daily_csat ORDER BY k;
\\echo == daily_ces
SELECT k, pg_temp.el(s7), pg_temp.el(s5w), pg_temp.el(s7w) FROM analytics.daily_ces ORDER BY k;
\\echo == monthly_churn
SELECT k, pg_temp.chl(d), pg_temp.chl(d_rev), pg_temp.chl(ts), pg_temp.chl(ts_rev),
       pg_temp.chl(tstz), pg_temp.chl(tstz_rev) FROM analytics.monthly_churn ORDER BY k;
\\echo == extremes
SELECT k, pg_temp.nl(n), pg_temp.cl(c), pg_temp.el(e), pg_temp.chl(ch) FROM analytics.extremes ORDER BY k;
\\echo == v_pairs
SELECT k, both_days, same, differ, running FROM analytics.v_pairs ORDER BY k;
\\echo == mv_monthly
SELECT k, month, pg_temp.nl(n), pg_temp.nl(nw), pg_temp.cl(c7w), pg_temp.cl(c10), pg_temp.el(e5w),
       pg_temp.el(e7) FROM analytics.mv_monthly ORDER BY k;
\\echo == mv_churn
SELECT k, pg_temp.chl(tstz_rev), pg_temp.chl(ts), pg_temp.chl(d_rev), pg_temp.chl(march_tstz)
FROM analytics.mv_churn ORDER BY k;
\\echo == mv_rollup
SELECT k, pg_temp.nl(s), pg_temp.nl(sw) FROM analytics.mv_rollup ORDER BY k;
\\echo == monthly roll-up of the stored daily summaries, p-value against the month before
SELECT month, segment, nps(sw), pg_temp.nl(sw), p_value(sw, lag(sw) OVER w), ci_lower(sw, 0.99),
       csat_agg, ces_agg
FROM (SELECT date_trunc('month', n.day::timestamp)::date AS month, n.segment,
             nps_summary(n.sw ORDER BY n.day) AS sw,
             csat_agg(c.s7w ORDER BY c.day) AS csat_agg, ces_agg(e.s5w ORDER BY e.day) AS ces_agg
      FROM analytics.daily_nps n
      JOIN analytics.daily_csat c USING (k) JOIN analytics.daily_ces e USING (k)
      GROUP BY 1, 2) m
WINDOW w AS (PARTITION BY segment ORDER BY month)
ORDER BY month, segment;
\\echo == rolling 7-day frames over the stored summaries
SELECT n.k, nps_agg(n.sw) OVER w, nps_agg(n.s) OVER w, csat_agg(c.s10w) OVER w, ces_agg(e.s7w) OVER w,
       pg_temp.nl(nps_summary(n.sw) OVER w)
FROM analytics.daily_nps n JOIN analytics.daily_csat c USING (k) JOIN analytics.daily_ces e USING (k)
WINDOW w AS (PARTITION BY n.segment ORDER BY n.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
ORDER BY n.k;
\\echo == company-wide churn per month from the stored summaries
SELECT month, churn_rate(d ORDER BY segment), churn_rate(d_rev ORDER BY segment),
       churn_rate(ts ORDER BY segment), churn_rate(ts_rev ORDER BY segment),
       churn_rate(tstz ORDER BY segment), churn_rate(tstz_rev ORDER BY segment),
       pg_temp.chl(churn_summary(tstz_rev ORDER BY segment)),
       p_value(churn_summary(d), churn_summary(d) FILTER (WHERE segment = 'north'))
FROM analytics.monthly_churn GROUP BY month ORDER BY month;
\\echo == the index and the constraints
SELECT indexdef FROM pg_indexes WHERE schemaname = 'analytics' ORDER BY indexdef;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE connamespace = 'analytics'::regnamespace ORDER BY conname;
SET enable_seqscan = off;
SELECT count(*), min(nps(sw)), max(nps(sw)) FROM analytics.daily_nps WHERE nps(sw) > 10;
RESET enable_seqscan;
\\echo == the extension
SELECT extname, extversion, extnamespace::regnamespace FROM pg_extension WHERE extname = 'cx_metrics';
SQL

# Every summary's text, alone, to be printed under various session settings.
cat >"$WORK/texts.sql" <<'SQL'
SELECT k, s, sw, hist FROM analytics.daily_nps ORDER BY k;
SELECT k, s5, s7w, s10, s10w FROM analytics.daily_csat ORDER BY k;
SELECT k, s7, s5w, s7w FROM analytics.daily_ces ORDER BY k;
SELECT k, d, d_rev, ts, ts_rev, tstz, tstz_rev FROM analytics.monthly_churn ORDER BY k;
SELECT k, n, c, e, ch FROM analytics.extremes ORDER BY k;
SELECT k, n, nw, c7w, c10, e5w, e7 FROM analytics.mv_monthly ORDER BY k;
SELECT k, tstz_rev, ts, d_rev, march_tstz FROM analytics.mv_churn ORDER BY k;
SELECT k, s, sw FROM analytics.mv_rollup ORDER BY k;
SQL

report() { # report DB OUT
	PGOPTIONS="$REPORT_OPTS" q "$1" -A -F' ' -f "$WORK/report.sql" >"$2" ||
		fail "the report failed on database $1"
}
texts() { # texts DB OPTIONS OUT
	PGOPTIONS="$2" q "$1" -A -t -F' ' -f "$WORK/texts.sql" >"$3" ||
		fail "printing the summaries failed on database $1 ($2)"
}

report "$SRC" "$WORK/report.src"
texts "$SRC" "$REPORT_OPTS" "$WORK/texts.src"
[ "$(wc -l <"$WORK/report.src")" -gt 1000 ] || fail "the source report is unexpectedly short"
# Sanity of the source: weighted summaries are really weighted, churn
# summaries of every period kind exist, nothing is NULL where it should not be.
sanity=$(PGOPTIONS="$REPORT_OPTS" q "$SRC" -At -c "
SELECT (SELECT count(*) FROM analytics.daily_nps WHERE sw::text LIKE '%weights%')
     || ' ' || (SELECT count(*) FROM analytics.monthly_churn
                WHERE tstz::text LIKE '%tstzrange%' AND ts::text LIKE '%\"tsrange%'
                  AND d_rev::text LIKE '%daterange%revenue_at_start%')
     || ' ' || (SELECT count(*) FROM analytics.mv_churn WHERE tstz_rev IS NOT NULL)")
read -r n_weighted n_churn n_mvchurn <<<"$sanity"
[ "$n_weighted" -gt 400 ] && [ "$n_churn" -eq 36 ] && [ "$n_mvchurn" -eq 36 ] ||
	fail "unexpected source contents (weighted daily summaries, churn rows, churn view rows): $sanity"

echo "-- exporting the source's rows with COPY text and COPY binary"
{
	for rel in $RELATIONS; do
		echo "\\copy (SELECT * FROM $rel) TO '$WORK/$rel.txt'"
		echo "\\copy (SELECT * FROM $rel) TO '$WORK/$rel.bin' WITH (FORMAT binary)"
	done
} >"$WORK/export.sql"
PGOPTIONS="$REPORT_OPTS" q "$SRC" -f "$WORK/export.sql"

echo "-- pg_dump -Fc, pg_restore into $DST_FC"
pg_dump -Fc -d "$SRC" -f "$WORK/src.dump"
createdb -T template0 "$DST_FC"
pg_restore --exit-on-error --single-transaction -d "$DST_FC" "$WORK/src.dump" ||
	fail "pg_restore of the custom-format dump failed"

echo "-- plain pg_dump, replayed by psql into $DST_PLAIN (session: $PLAIN_OPTS)"
pg_dump -d "$SRC" -f "$WORK/src.sql"
grep -q 'CREATE EXTENSION IF NOT EXISTS cx_metrics' "$WORK/src.sql" ||
	fail "the plain dump does not create the extension"
createdb -T template0 "$DST_PLAIN"
shown=$(PGOPTIONS="$PLAIN_OPTS" q "$DST_PLAIN" -At -c "SELECT current_setting('DateStyle') || ' ' || current_setting('TimeZone')")
[ "$shown" = "SQL, DMY Pacific/Chatham" ] || fail "the restore session's settings did not apply: $shown"
PGOPTIONS="$PLAIN_OPTS" q "$DST_PLAIN" --single-transaction -f "$WORK/src.sql" >"$WORK/plain_restore.log" 2>&1 ||
	{ cat "$WORK/plain_restore.log" >&2; fail "replaying the plain dump failed"; }

status=0
for db in "$DST_FC" "$DST_PLAIN"; do
	echo "-- comparing $db with the source"
	report "$db" "$WORK/report.$db"
	if ! diff -u "$WORK/report.src" "$WORK/report.$db" >"$WORK/report.$db.diff"; then
		echo "reports differ between $SRC and $db:" >&2
		head -n 60 "$WORK/report.$db.diff" >&2
		status=1
	fi

	# Move the source's rows over with COPY text and COPY binary and compare
	# them row by row and column by column with the restored ones.
	{
		cat <<'SQL'
CREATE FUNCTION pg_temp.mismatches(rel regclass, other regclass) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    col record;
    same text;
BEGIN
    FOR col IN
        SELECT a.attname, t.typname, n.nspname
        FROM pg_attribute a
        JOIN pg_type t ON t.oid = a.atttypid
        JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
    LOOP
        IF col.typname IN ('nps_summary', 'csat_summary', 'ces_summary', 'churn_summary') THEN
            same := format('(a.%1$I IS NULL) = (b.%1$I IS NULL) AND coalesce('
                           'a.%1$I OPERATOR(%2$I.=) b.%1$I AND NOT (a.%1$I OPERATOR(%2$I.<>) b.%1$I) '
                           'AND a.%1$I::text = b.%1$I::text AND %2$I.%3$I(a.%1$I) = %2$I.%3$I(b.%1$I), true)',
                           col.attname, col.nspname, col.typname || '_send');
        ELSE
            same := format('a.%1$I::text IS NOT DISTINCT FROM b.%1$I::text', col.attname);
        END IF;
        RETURN QUERY EXECUTE format(
            'SELECT %L || '' row '' || coalesce(a.k, b.k) || '' column '' || %L '
            '|| CASE WHEN a.k IS NULL THEN '' (missing after the restore)'' '
            '        WHEN b.k IS NULL THEN '' (not in the source)'' ELSE '''' END '
            'FROM %s a FULL JOIN %s b ON a.k = b.k '
            'WHERE a.k IS NULL OR b.k IS NULL OR NOT (%s)',
            rel::text, col.attname, rel, other, same);
    END LOOP;
END $$;
SQL
		for rel in $RELATIONS; do
			t=cmp_${rel#analytics.}
			echo "CREATE TEMP TABLE ${t}_text (LIKE $rel);"
			echo "\\copy ${t}_text FROM '$WORK/$rel.txt'"
			echo "CREATE TEMP TABLE ${t}_bin (LIKE $rel);"
			echo "\\copy ${t}_bin FROM '$WORK/$rel.bin' WITH (FORMAT binary)"
			echo "SELECT 'COPY text: ' || m FROM pg_temp.mismatches('$rel', 'pg_temp.${t}_text') m;"
			echo "SELECT 'COPY binary: ' || m FROM pg_temp.mismatches('$rel', 'pg_temp.${t}_bin') m;"
			echo "SELECT 'rows: $rel ' || (SELECT count(*) FROM $rel) || ' ' || (SELECT count(*) FROM pg_temp.${t}_text);"
		done
		# Negative control: a summary changed by one tiny weight must be found.
		cat <<'SQL'
UPDATE pg_temp.cmp_daily_nps_bin SET sw = sw + (SELECT nps_summary(9, 1e-9::float8))
WHERE k = (SELECT min(k) FROM pg_temp.cmp_daily_nps_bin);
SELECT 'control: ' || count(*) FROM pg_temp.mismatches('analytics.daily_nps', 'pg_temp.cmp_daily_nps_bin');
SQL
	} >"$WORK/compare.$db.sql"
	PGOPTIONS="$REPORT_OPTS" q "$db" -At -f "$WORK/compare.$db.sql" >"$WORK/compare.$db.out" ||
		fail "the row comparison failed to run on $db"
	if grep -E '^COPY (text|binary): ' "$WORK/compare.$db.out" >"$WORK/compare.$db.bad"; then
		echo "stored values differ between $SRC and $db:" >&2
		head -n 40 "$WORK/compare.$db.bad" >&2
		status=1
	fi
	rows=$(grep -c '^rows: ' "$WORK/compare.$db.out" || true)
	[ "$rows" -eq "$(echo $RELATIONS | wc -w)" ] || { echo "missing row counts on $db" >&2; status=1; }
	grep -q '^control: 1$' "$WORK/compare.$db.out" ||
		{ echo "the negative control was not detected on $db: $(grep '^control' "$WORK/compare.$db.out")" >&2; status=1; }
	grep '^rows: ' "$WORK/compare.$db.out" | awk '{ printf "   %s: %s rows (source %s)\n", $2, $3, $4 }'
done

echo "-- printing the summaries under other session settings"
texts "$DST_PLAIN" "$PLAIN_OPTS" "$WORK/texts.plain"
texts "$DST_FC" "-c timezone=Asia/Kathmandu -c datestyle=German,DMY -c extra_float_digits=-15" "$WORK/texts.fc"
texts "$SRC" "-c timezone=America/Los_Angeles -c datestyle=Postgres,YMD -c extra_float_digits=3" "$WORK/texts.src2"
for f in plain fc src2; do
	if ! diff -u "$WORK/texts.src" "$WORK/texts.$f" >"$WORK/texts.$f.diff"; then
		echo "summary text depends on the session settings ($f):" >&2
		head -n 30 "$WORK/texts.$f.diff" >&2
		status=1
	fi
done

# Churn summaries of a 1.0 install: an extension created at version 1.0
# stores customer churn and revenue churn of 1.0's format (version 1,
# entered in 1.0's text form, so stored as 1.0 stored them); its dumps
# (custom and plain) restore into a fresh database, whose extension is the
# default version, text-equal, and the restored database dumps its data
# byte for byte as the 1.0 one did.  The restored version-1 revenue
# summaries keep their statistics (Kish's n) and combine with version-2
# ones made after the restore into version-1 values.
DUMP10_SRC=cx_check_dump_10
DUMP10_FC=cx_check_dump_10_fc
DUMP10_PLAIN=cx_check_dump_10_plain
default_version=$(sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\(.*\)'.*/\1/p" \
	"$(pg_config --sharedir)/extension/cx_metrics.control")
cx_on_exit cx_drop_databases "$DUMP10_SRC" "$DUMP10_FC" "$DUMP10_PLAIN"
cx_drop_databases "$DUMP10_SRC" "$DUMP10_FC" "$DUMP10_PLAIN"
echo "-- churn summaries of a 1.0 install: dump, restore into the default version, dump again"
createdb -T template0 "$DUMP10_SRC"
PGOPTIONS="$SRC_OPTS" q "$DUMP10_SRC" <<'SQL' >/dev/null || fail "building the 1.0 database failed"
CREATE EXTENSION cx_metrics VERSION '1.0';
CREATE TABLE churn10 (k int PRIMARY KEY, s churn_summary);
INSERT INTO churn10
SELECT g, format('{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], '
                 '"customers_at_start": %s, "customers_lost": %s, "customers_new": %s%s}',
                 n, l, g % 5,
                 CASE WHEN g % 2 = 0 THEN format(', "revenue_at_start": %s, "revenue_lost": %s, "sum_sq_revenue": %s',
                                                 (n * 12.5)::float8, (l * 12.5)::float8, (n * 156.25)::float8) ELSE '' END)::churn_summary
FROM (SELECT g, g % 7 + 3 AS n, g % 3 AS l FROM generate_series(1, 40) g) t;
INSERT INTO churn10 VALUES (41, '{"version": 1, "period_type": "tstzrange", "period": ["2026-01-01 05:00:00+00", "2026-02-01 05:00:00+00"], "customers_at_start": 3, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 0.30000000000000004, "revenue_lost": 0.1, "sum_sq_revenue": 0.030000000000000006}');
SQL
[ "$(q "$DUMP10_SRC" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics'")" = 1.0 ] ||
	fail "the 1.0 database's extension is not at version 1.0"
churn10_report() { # churn10_report DB OUT
	PGOPTIONS="$REPORT_OPTS" q "$1" -At -c "
SELECT k, s, churn(s), std_error(s), ci_lower(s), ci_upper(s), customers_at_start(s)
FROM churn10 ORDER BY k" >"$2" || fail "reading the 1.0 churn summaries failed on $1"
}
churn10_report "$DUMP10_SRC" "$WORK/churn10.src"
pg_dump -Fc -d "$DUMP10_SRC" -f "$WORK/churn10.dump"
pg_dump -d "$DUMP10_SRC" -f "$WORK/churn10.sql"
pg_dump --data-only -t churn10 -d "$DUMP10_SRC" | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' >"$WORK/churn10.data.src"
createdb -T template0 "$DUMP10_FC"
pg_restore --exit-on-error --single-transaction -d "$DUMP10_FC" "$WORK/churn10.dump" ||
	fail "pg_restore of the 1.0 dump failed"
createdb -T template0 "$DUMP10_PLAIN"
PGOPTIONS="$PLAIN_OPTS" q "$DUMP10_PLAIN" --single-transaction -f "$WORK/churn10.sql" >"$WORK/churn10_restore.log" 2>&1 ||
	{ cat "$WORK/churn10_restore.log" >&2; fail "replaying the plain 1.0 dump failed"; }
for db in "$DUMP10_FC" "$DUMP10_PLAIN"; do
	got=$(q "$db" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics'")
	[ "$got" = "$default_version" ] || fail "the 1.0 dump restored the extension at version $got, not $default_version"
	churn10_report "$db" "$WORK/churn10.$db"
	diff -u "$WORK/churn10.src" "$WORK/churn10.$db" >&2 ||
		fail "the churn summaries of the 1.0 dump differ after the restore into $db"
	pg_dump --data-only -t churn10 -d "$db" | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' >"$WORK/churn10.data.$db"
	diff -u "$WORK/churn10.data.src" "$WORK/churn10.data.$db" >&2 ||
		fail "the data of $db dumps otherwise than the 1.0 database's"
	out=$(PGOPTIONS="$REPORT_OPTS" q "$db" -At -c "
SELECT bool_and(s::text LIKE '{\"version\": 1,%') AS all_version_1,
       bool_and((s + n)::text LIKE '{\"version\": 1,%' AND customers_at_start(s + n) = customers_at_start(s) + 2
                AND revenue_at_start(s + n) = revenue_at_start(s) + 30) AS v1_plus_v2,
       (SELECT churn_summary(x)::text LIKE '{\"version\": 1,%' FROM (SELECT s FROM churn10 WHERE k % 2 = 0 AND k < 41
                                                           UNION ALL SELECT n) u(x)) AS rollup_v1,
       n::text LIKE '{\"version\": 2,%' AS new_is_v2
FROM churn10,
     (SELECT churn_summary(a, daterange('2026-01-01', '2026-02-01'), r) AS n
      FROM (VALUES (daterange('2025-01-01', NULL), 10.0::float8),
                   (daterange('2025-01-01', '2026-01-15'), 20.0)) v(a, r)) m
WHERE k % 2 = 0 AND k < 41
GROUP BY n")
	[ "$out" = "t|t|t|t" ] || fail "1.0 revenue churn summaries restored into $db do not combine with version-2 ones as version 1: $out"
done
echo "   $(wc -l <"$WORK/churn10.src") churn summaries of 1.0 (customer and revenue) restored text-equal with the same statistics; the restored data dumps byte for byte as 1.0's"
# A dump of a 1.0 install restores into this version (CREATE EXTENSION in
# the dump installs the default version): the summaries in the forms 1.0
# wrote (test/legacy/: weighted ones in format version 1) read back with
# the same text and binary form, so the restored database dumps them again
# identically, and combine with summaries made now.
echo "-- a 1.0 install's dump, restored into $DST_10 (extension $(sed -n "s/^default_version = '\(.*\)'/\1/p" cx_metrics.control))"
createdb -T template0 "$SRC_10"
q "$SRC_10" -c "CREATE EXTENSION cx_metrics VERSION '1.0'" -f test/legacy/store_1_0.sql >/dev/null ||
	fail "storing summaries under 1.0 failed"
pg_dump -Fc -d "$SRC_10" -f "$WORK/src_10.dump"
createdb -T template0 "$DST_10"
pg_restore --exit-on-error --single-transaction -d "$DST_10" "$WORK/src_10.dump" ||
	fail "pg_restore of the 1.0 dump failed"
[ "$(q "$DST_10" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics'")" != 1.0 ] ||
	fail "the restore of the 1.0 dump installed 1.0, not the current version"
legacy_dump() { # legacy_dump DB OUT: every value's text and binary form
	q "$1" -At -c "COPY (SELECT * FROM legacy_1_0 ORDER BY k) TO STDOUT" >"$2.txt" &&
		q "$1" -At -c "SELECT k, nps_summary_send(n), nps_summary_send(nw), csat_summary_send(c),
		                      csat_summary_send(cw), ces_summary_send(e), ces_summary_send(ew)
		               FROM legacy_1_0 ORDER BY k" >"$2.bin" ||
		fail "reading the 1.0 summaries on $1 failed"
}
legacy_dump "$SRC_10" "$WORK/legacy.src"
legacy_dump "$DST_10" "$WORK/legacy.dst"
for f in txt bin; do
	if ! diff -u "$WORK/legacy.src.$f" "$WORK/legacy.dst.$f" >"$WORK/legacy.$f.diff"; then
		echo "1.0 summaries differ after the restore ($f):" >&2
		head -n 30 "$WORK/legacy.$f.diff" >&2
		status=1
	fi
done
grep -q '"version": 1, "scale": \[0, 10\], "counts": \[[0-9, ]*\], "weights"' "$WORK/legacy.src.txt" ||
	{ echo "no version-1 weighted summary among the 1.0 summaries" >&2; status=1; }
out=$(q "$DST_10" -f test/legacy/check_1_0.sql) || fail "reading the restored 1.0 summaries failed"
if [ "$out" != "legacy text true 6
legacy statistics true
legacy combined true 6
legacy kish true
legacy rollup true" ]; then
	echo "the restored 1.0 summaries:" >&2
	echo "$out" >&2
	status=1
fi
echo "   $(wc -l <"$WORK/legacy.src.txt") rows of 1.0 summaries: the same text and binary form after the restore"

[ "$status" -eq 0 ] || fail "see the differences above"
echo "check_dump_restore: OK ($(wc -l <"$WORK/report.src") report lines and $(wc -l <"$WORK/texts.src") rows of summaries identical in the source, the pg_restore'd and the psql-replayed databases; every stored summary =, same text and same binary form after COPY text and COPY binary)"
