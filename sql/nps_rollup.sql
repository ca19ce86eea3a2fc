-- NPS roll-ups: daily summaries stored once give, rolled up to months,
-- segments or the whole period, exactly what the direct aggregates give
-- over the raw answers.

-- Raw answers, deterministic (a multiplicative hash of the row number):
-- rows first..last spread over the days from first_day, four segments with
-- different score mixes, every 19th score NULL.  w_exact is a multiple of
-- 0.125 (every 29th NULL), so weight sums are exact in any grouping;
-- w_ugly is a multiple of 0.05, whose sums are rounded.
CREATE FUNCTION roll_rows(first int, last int, first_day date, days int)
RETURNS TABLE (id int, day date, segment text, score int, w_exact float8, w_ugly float8)
LANGUAGE sql IMMUTABLE AS $$
	SELECT i, first_day + ((h >> 4) % days)::int,
		   (ARRAY['north', 'south', 'east', 'west'])[1 + (h >> 12) % 4],
		   CASE WHEN i % 19 = 0 THEN NULL
				ELSE least(10, (h >> 16) % (13 + 3 * ((h >> 12) % 4))) END::int,
		   CASE WHEN i % 29 = 0 THEN NULL ELSE ((h >> 24) % 16) * 0.125 END::float8,
		   ((h >> 8) % 25 + 1)::float8 / 20
	FROM (SELECT i, i::bigint * 2654435761 % 4294967296 AS h
		  FROM generate_series(first, last) i) g
$$;

-- 20,000 answers from January to April 2024.
CREATE TABLE roll_resp AS SELECT * FROM roll_rows(1, 20000, date '2024-01-01', 121);

-- The daily summaries, stored once per (day, segment).
CREATE TABLE roll_daily AS
SELECT day, segment,
	   nps_summary(score) AS s,
	   nps_summary(score, w_exact) AS sw,
	   nps_summary(score, w_ugly) AS su
FROM roll_resp
GROUP BY day, segment;
-- (Python: every one of the 121 x 4 (day, segment) pairs has answers;
-- 18,948 of the scores are not NULL.)
SELECT count(*) AS daily_summaries, sum(responses(s)) AS answers FROM roll_daily;

-- The monthly report, rolled up from the daily summaries.  Values worked
-- out independently with a short Python script that regenerates the rows:
-- 2024-01: 4856 answers, NPS 4.365733113673806, weighted 4.400502914618814
-- 2024-02: 4531, 4.215404987861399, 4.999236524660254
-- 2024-03: 4860, 5.432098765432099, 5.675352753755121
-- 2024-04: 4701, 4.807487768559881, 4.847808203079093
SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month,
	   responses(nps_summary(s)) AS responses, nps_agg(s) AS nps,
	   nps_agg(sw) AS nps_weighted
FROM roll_daily
GROUP BY 1
ORDER BY 1;

-- The same report from the raw rows, and the comparison: months whose
-- rolled-up summary (=) or NPS differs from the direct aggregate, for
-- unweighted and exactly weighted answers.  Ugly weights are summed per
-- day first and then per month, while the direct aggregate sums them row
-- by row, so their sums may differ in the last bits: compared within 1e-9.
CREATE VIEW roll_monthly_raw AS
SELECT date_trunc('month', day) AS month,
	   nps_summary(score) AS s, nps_agg(score) AS a,
	   nps_summary(score, w_exact) AS sw, nps_agg(score, w_exact) AS aw,
	   nps_summary(score, w_ugly) AS su, nps_agg(score, w_ugly) AS au
FROM roll_resp
GROUP BY 1;
CREATE VIEW roll_monthly_daily AS
SELECT date_trunc('month', day) AS month,
	   nps_summary(s) AS s, nps_agg(s) AS a,
	   nps_summary(sw) AS sw, nps_agg(sw) AS aw,
	   nps_summary(su) AS su, nps_agg(su) AS au
FROM roll_daily
GROUP BY 1;
SELECT count(*) AS months,
	   count(*) FILTER (WHERE NOT coalesce(r.s = d.s, false)) AS summary_mismatches,
	   count(*) FILTER (WHERE NOT coalesce(r.a = d.a, false)) AS nps_mismatches,
	   count(*) FILTER (WHERE NOT coalesce(r.sw = d.sw, false)) AS weighted_summary_mismatches,
	   count(*) FILTER (WHERE NOT coalesce(r.aw = d.aw, false)) AS weighted_nps_mismatches,
	   count(*) FILTER (WHERE NOT coalesce(distribution(r.su) = distribution(d.su)
										   AND abs(r.au - d.au) <= 1e-9
										   AND abs(nps(r.su) - nps(d.su)) <= 1e-9, false))
		   AS ugly_mismatches
FROM roll_monthly_raw r FULL JOIN roll_monthly_daily d USING (month);

-- Other roll-ups, each against the raw rows: per month and segment, per
-- day across segments, per segment over the whole period, and everything.
SELECT 'month, segment' AS grouping, count(*) AS groups,
	   count(*) FILTER (WHERE NOT coalesce(r.s = d.s AND r.a = d.a
										   AND r.sw = d.sw AND r.aw = d.aw, false)) AS mismatches
FROM (SELECT date_trunc('month', day) AS m, segment, nps_summary(score) AS s,
			 nps_agg(score) AS a, nps_summary(score, w_exact) AS sw,
			 nps_agg(score, w_exact) AS aw
	  FROM roll_resp GROUP BY 1, 2) r
FULL JOIN (SELECT date_trunc('month', day) AS m, segment, nps_summary(s) AS s,
				  nps_agg(s) AS a, nps_summary(sw) AS sw, nps_agg(sw) AS aw
		   FROM roll_daily GROUP BY 1, 2) d USING (m, segment)
UNION ALL
SELECT 'day, across segments', count(*),
	   count(*) FILTER (WHERE NOT coalesce(r.s = d.s AND r.a = d.a
										   AND r.sw = d.sw AND r.aw = d.aw, false))
FROM (SELECT day, nps_summary(score) AS s, nps_agg(score) AS a,
			 nps_summary(score, w_exact) AS sw, nps_agg(score, w_exact) AS aw
	  FROM roll_resp GROUP BY 1) r
FULL JOIN (SELECT day, nps_summary(s) AS s, nps_agg(s) AS a,
				  nps_summary(sw) AS sw, nps_agg(sw) AS aw
		   FROM roll_daily GROUP BY 1) d USING (day)
UNION ALL
SELECT 'segment, whole period', count(*),
	   count(*) FILTER (WHERE NOT coalesce(r.s = d.s AND r.a = d.a
										   AND r.sw = d.sw AND r.aw = d.aw, false))
FROM (SELECT segment, nps_summary(score) AS s, nps_agg(score) AS a,
			 nps_summary(score, w_exact) AS sw, nps_agg(score, w_exact) AS aw
	  FROM roll_resp GROUP BY 1) r
FULL JOIN (SELECT segment, nps_summary(s) AS s, nps_agg(s) AS a,
				  nps_summary(sw) AS sw, nps_agg(sw) AS aw
		   FROM roll_daily GROUP BY 1) d USING (segment)
UNION ALL
SELECT 'everything', count(*),
	   count(*) FILTER (WHERE NOT coalesce(r.s = d.s AND r.a = d.a
										   AND r.sw = d.sw AND r.aw = d.aw, false))
FROM (SELECT nps_summary(score) AS s, nps_agg(score) AS a,
			 nps_summary(score, w_exact) AS sw, nps_agg(score, w_exact) AS aw
	  FROM roll_resp) r,
	 (SELECT nps_summary(s) AS s, nps_agg(s) AS a,
			 nps_summary(sw) AS sw, nps_agg(sw) AS aw
	  FROM roll_daily) d
ORDER BY 1;

-- Per segment over the whole period (Python: east 4739 answers,
-- 15.636210170922135, weighted 16.001423403119624; north 4737,
-- -23.474773063120118, -23.34455667789001; south 4735,
-- -0.25343189017951423, -0.2686153312922419; west 4737,
-- 26.936879881781717, 27.13450629193423).
SELECT segment, responses(nps_summary(s)) AS responses, nps_agg(s) AS nps,
	   nps_agg(sw) AS nps_weighted
FROM roll_daily
GROUP BY segment
ORDER BY segment;

-- The sum of all daily summaries, folded one by one with +, is the summary
-- of all raw rows (Python: counts 1129 1131 1136 1125 1118 1137 1127 1117
-- 1132 1118 7678, NPS 4.712898458940257; with exact weights 4.9821440308481035
-- and weight sums 1028.375 1013.625 1027.5 1005.5 1002.375 1021.625
-- 1020.125 998.625 1026.5 1008.625 6963.25, squares 22082.890625).
WITH RECURSIVE d AS (
	SELECT row_number() OVER (ORDER BY day, segment) AS n, s, sw FROM roll_daily
), fold AS (
	SELECT n, s, sw FROM d WHERE n = 1
	UNION ALL
	SELECT d.n, fold.s + d.s, fold.sw + d.sw FROM fold JOIN d ON d.n = fold.n + 1
)
SELECT n AS summaries_added,
	   s = (SELECT nps_summary(score) FROM roll_resp) AS equals_raw,
	   sw = (SELECT nps_summary(score, w_exact) FROM roll_resp) AS weighted_equals_raw,
	   nps(s), nps(sw) AS nps_weighted, s, sw
FROM fold
ORDER BY n DESC
LIMIT 1;

-- a + b is commutative and associative (all pairs and all triples of the
-- January summaries of segment north), also when a weighted summary meets
-- an unweighted one; float addition is commutative, so even ugly weights
-- commute exactly.  And a + b is the summary of both days' answers.
CREATE TEMP TABLE jan AS
SELECT day, s, sw, su FROM roll_daily
WHERE segment = 'north' AND day < date '2024-02-01';
SELECT count(*) AS pairs,
	   count(*) FILTER (WHERE NOT (a.s + b.s = b.s + a.s)) AS not_commutative,
	   count(*) FILTER (WHERE NOT (a.sw + b.sw = b.sw + a.sw)) AS weighted_not_commutative,
	   count(*) FILTER (WHERE NOT (a.s + b.sw = b.sw + a.s)) AS mixed_not_commutative,
	   count(*) FILTER (WHERE NOT (a.su + b.su = b.su + a.su)) AS ugly_not_commutative
FROM jan a, jan b;
SELECT count(*) AS triples,
	   count(*) FILTER (WHERE NOT ((a.s + b.s) + c.s = a.s + (b.s + c.s))) AS not_associative,
	   count(*) FILTER (WHERE NOT ((a.sw + b.sw) + c.sw = a.sw + (b.sw + c.sw)))
		   AS weighted_not_associative,
	   count(*) FILTER (WHERE NOT ((a.s + b.sw) + c.s = a.s + (b.sw + c.s)))
		   AS mixed_not_associative
FROM jan a, jan b, jan c;
SELECT count(*) AS day_pairs,
	   count(*) FILTER (WHERE NOT coalesce(a.s + b.s = r.s AND a.sw + b.sw = r.sw, false))
		   AS mismatches
FROM jan a JOIN jan b ON b.day = a.day + 1
CROSS JOIN LATERAL (SELECT nps_summary(score) AS s, nps_summary(score, w_exact) AS sw
					FROM roll_resp
					WHERE segment = 'north' AND day IN (a.day, b.day)) r;
-- January 1 + January 2 in segment north (Python: counts 4 1 3 4 4 5 2 4 3
-- 4 5 and 3 3 0 4 2 2 2 4 3 3 11 make 7 4 3 8 6 7 4 8 6 7 16, NPS
-- -21.05263157894737; with exact weights the counts 6 4 3 8 6 7 4 8 5 7 14,
-- weight sums 4.25 2.875 0.875 6.375 6 8.625 3.25 10.5 4.5 6.5 14.5,
-- squares 88.0625).
SELECT a.s + b.s AS s, nps(a.s + b.s) AS nps, a.sw + b.sw AS sw
FROM jan a, jan b
WHERE a.day = date '2024-01-01' AND b.day = date '2024-01-02';

-- Summaries that went through their text form (as in a CSV export or a
-- copy between servers) roll up to the same values: the text form is
-- exact, even for the ugly weights.
SELECT count(*) FILTER (WHERE NOT (s::text::nps_summary = s AND sw::text::nps_summary = sw
								   AND su::text::nps_summary = su)) AS changed_by_text,
	   count(*) AS summaries
FROM roll_daily;
-- Per month, the roll-up of the text copies against the roll-up of the
-- stored values in the same aggregation (so the ugly weights are added in
-- the same order and must agree exactly), and against the raw rows.
SELECT count(*) AS months,
	   count(*) FILTER (WHERE NOT coalesce(t.s = t.s0 AND t.a = t.a0 AND t.sw = t.sw0
										   AND t.aw = t.aw0 AND t.su = t.su0
										   AND t.au = t.au0, false)) AS mismatches,
	   count(*) FILTER (WHERE NOT coalesce(t.s = r.s AND t.a = r.a AND t.sw = r.sw
										   AND t.aw = r.aw, false)) AS raw_mismatches
FROM (SELECT date_trunc('month', day) AS month,
			 nps_summary(s::text::nps_summary) AS s, nps_summary(s) AS s0,
			 nps_agg(s::text::nps_summary) AS a, nps_agg(s) AS a0,
			 nps_summary(sw::text::nps_summary) AS sw, nps_summary(sw) AS sw0,
			 nps_agg(sw::text::nps_summary) AS aw, nps_agg(sw) AS aw0,
			 nps_summary(su::text::nps_summary) AS su, nps_summary(su) AS su0,
			 nps_agg(su::text::nps_summary) AS au, nps_agg(su) AS au0
	  FROM roll_daily GROUP BY 1) t
FULL JOIN roll_monthly_raw r USING (month);

-- A materialized view of daily summaries, refreshed on a schedule.
CREATE MATERIALIZED VIEW roll_mv AS
SELECT day, segment, nps_summary(score) AS s, nps_summary(score, w_exact) AS sw
FROM roll_resp
GROUP BY day, segment;
CREATE UNIQUE INDEX ON roll_mv (day, segment);
CREATE VIEW roll_mv_check AS
SELECT to_char(month, 'YYYY-MM') AS month,
	   r.s IS NOT NULL AS in_raw, m.s IS NOT NULL AS in_mv,
	   coalesce(m.s = r.s AND m.a = r.a AND m.sw = r.sw AND m.aw = r.aw, false) AS same
FROM (SELECT date_trunc('month', day) AS month, nps_summary(s) AS s, nps_agg(s) AS a,
			 nps_summary(sw) AS sw, nps_agg(sw) AS aw
	  FROM roll_mv GROUP BY 1) m
FULL JOIN roll_monthly_raw r USING (month);
SELECT * FROM roll_mv_check ORDER BY month;

-- 3,000 more answers arrive, dated from March to May.  Until the refresh
-- the view is stale: March and April differ and May is missing.
INSERT INTO roll_resp SELECT * FROM roll_rows(20001, 23000, date '2024-03-01', 92);
SELECT * FROM roll_mv_check ORDER BY month;
REFRESH MATERIALIZED VIEW roll_mv;
SELECT * FROM roll_mv_check ORDER BY month;

-- Monthly report after the refresh (Python, over all 23,000 rows:
-- 2024-01 and 2024-02 unchanged; 2024-03: 5807 answers, 5.717237816428448,
-- weighted 5.812071591774562; 2024-04: 5637, 4.967181124711726,
-- 5.078968020404159; 2024-05: 959, 6.777893639207508, 3.896660005709392).
SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month,
	   responses(nps_summary(s)) AS responses, nps_agg(s) AS nps,
	   nps_agg(sw) AS nps_weighted
FROM roll_mv
GROUP BY 1
ORDER BY 1;

-- A concurrent refresh (which diffs old and new rows) after more answers
-- for May keeps the view in step too.
INSERT INTO roll_resp SELECT * FROM roll_rows(23001, 23500, date '2024-05-01', 31);
REFRESH MATERIALIZED VIEW CONCURRENTLY roll_mv;
SELECT count(*) AS months, count(*) FILTER (WHERE NOT same) AS mismatches FROM roll_mv_check;

DROP VIEW roll_mv_check;
DROP MATERIALIZED VIEW roll_mv;
DROP VIEW roll_monthly_raw, roll_monthly_daily;
DROP TABLE roll_resp, roll_daily;
DROP FUNCTION roll_rows(int, int, date, int);
