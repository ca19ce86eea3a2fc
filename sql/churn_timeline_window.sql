-- churn_timeline as a window aggregate over rolling frames.  With moving
-- aggregation PostgreSQL adds the row entering the frame and removes the
-- row leaving it (the inverse transition); the timeline of every frame
-- must be what the same aggregate gives over the frame's rows on their own
-- (a correlated subquery), for every form: the three range types, with and
-- without revenue, and the roll-up of stored timelines.
\pset null '-'

-- By hand: five customers, the two quarters of 2025 H1, frames of the
-- current and the previous row.
--   1 [2024-06-01, 2025-02-10)  rev 10  at risk Q1 (contains Jan 1), lost Q1
--   2 [2025-02-01, )            rev 20  new Q1; at risk Q2, never lost
--   3 NULL                      rev 30  skipped
--   4 [2024-12-01, 2025-05-01)  rev 40  at risk Q1 and Q2, lost Q2
--   5 empty                     rev 50  a row counted nowhere
-- Frames (previous and current row), as [Q1, Q2]:
--   1 {1}:   at start [1, 0], lost [1, 0], new [0, 0]; revenue at start
--            [10, 0], lost [10, 0], squares [100, 0]
--   2 {1,2}: at start [1, 1], lost [1, 0], new [1, 0]; revenue [10, 20],
--            lost [10, 0], squares [100, 400]
--   3 {2,3}: customer 2 alone: at start [0, 1], lost [0, 0], new [1, 0];
--            revenue [0, 20], lost [0, 0], squares [0, 400]
--   4 {3,4}: customer 4 alone: at start [1, 1], lost [0, 1], new [0, 0];
--            revenue [40, 40], lost [0, 40], squares [1600, 1600]
--   5 {4,5}: as 4 (5 is counted nowhere)
-- With the frame of the two previous rows (2 to 1 preceding), row 1's
-- frame is empty (NULL), row 2's is {1}, row 4's {2,3} as row 3 above;
-- with the frame of the current row alone, row 3 holds no customer (NULL)
-- and row 5 a timeline of zeros (a row, counted nowhere, as the plain
-- aggregate of that row gives).
CREATE TABLE tlw_hand (id int, active daterange, mrr float8);
INSERT INTO tlw_hand VALUES (1, '[2024-06-01,2025-02-10)', 10), (2, '[2025-02-01,)', 20),
	(3, NULL, 30), (4, '[2024-12-01,2025-05-01)', 40), (5, 'empty', 50);
SELECT id, churn_timeline(active, daterange('2025-01-01', '2025-07-01'), '3 months', mrr)
		   OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS previous_and_current
FROM tlw_hand ORDER BY id;
SELECT id, churn_timeline(active, daterange('2025-01-01', '2025-07-01'), '3 months')
		   OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING) AS two_before,
	   churn_timeline(active, daterange('2025-01-01', '2025-07-01'), '3 months')
		   OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND CURRENT ROW) AS current_only
FROM tlw_hand ORDER BY id;

-- 300 customers in id order, deterministic (a multiplicative hash of the
-- id), in two interleaved segments x and y, over the months of 2025.  They
-- signed up between July 2024 and December 2025; a third are still
-- customers, the others left 1 to 300 days after signing up.  ids 101..125
-- have a NULL lifetime (skipped), so narrow frames there hold no customer
-- at all.  rev_exact is a multiple of 0.5 (0 included, every 37th NULL):
-- its sums are exact, so a window's exact sums rounded once are the plain
-- aggregate's sums.  rev_ugly is 0.1 .. 3.0, whose double sums the plain
-- aggregate rounds at each addition: a window keeps them exactly and
-- rounds once, so the two agree to rounding.  active_tz and active_ts are
-- the same lifetimes at 06:00 UTC.
CREATE TABLE tlw_cust AS
SELECT id, id AS rn, seg, row_number() OVER (PARTITION BY seg ORDER BY id)::int AS prn,
	   started,
	   CASE WHEN id NOT BETWEEN 101 AND 125 THEN daterange(started, ended) END AS active,
	   CASE WHEN id NOT BETWEEN 101 AND 125
			THEN tstzrange((started + time '06:00')::timestamp AT TIME ZONE 'UTC',
						   (ended + time '06:00')::timestamp AT TIME ZONE 'UTC') END AS active_tz,
	   CASE WHEN id NOT BETWEEN 101 AND 125
			THEN tsrange(started + time '06:00', ended + time '06:00') END AS active_ts,
	   rev_exact, rev_ugly
FROM (SELECT i AS id,
			 CASE WHEN (h >> 28) % 3 = 0 THEN 'y' ELSE 'x' END AS seg,
			 started,
			 CASE WHEN (h >> 18) % 3 <> 0 THEN started + 1 + ((h >> 4) % 300)::int END AS ended,
			 CASE WHEN i % 37 <> 0 THEN ((h >> 12) % 9) * 0.5 END::float8 AS rev_exact,
			 ((h >> 22) % 30 + 1)::float8 / 10 AS rev_ugly
	  FROM (SELECT i, h, date '2024-07-01' + ((h >> 8) % 540)::int AS started
			FROM (SELECT i, i::bigint * 2654435761 % 4294967296 AS h
				  FROM generate_series(1, 300) i) g) g2) t;
CREATE INDEX ON tlw_cust (rn);
CREATE INDEX ON tlw_cust (seg, prn);
SELECT count(*) AS customers, count(active) AS with_lifetime, count(rev_exact) AS with_revenue
FROM tlw_cust;

-- Stored timelines per (segment, signup month), for the roll-up: every
-- month from July 2024 to March 2026, so months without signups (2026) are
-- NULL, as are the missing months 2 mod 5 (as a failed refresh leaves).
CREATE TABLE tlw_monthly AS
SELECT seg, month,
	   row_number() OVER (ORDER BY month, seg)::int AS rn,
	   row_number() OVER (PARTITION BY seg ORDER BY month)::int AS prn,
	   t, t_exact, t_ugly
FROM (SELECT g.seg, g.month,
			 churn_timeline(c.active, daterange('2025-01-01', '2026-01-01'), '1 month') AS t,
			 churn_timeline(c.active, daterange('2025-01-01', '2026-01-01'), '1 month', c.rev_exact) AS t_exact,
			 churn_timeline(c.active, daterange('2025-01-01', '2026-01-01'), '1 month', c.rev_ugly) AS t_ugly
	  FROM (SELECT seg, month::date
			FROM (VALUES ('x'), ('y')) s(seg),
				 generate_series(date '2024-07-01', date '2026-03-01', interval '1 month') month) g
	  LEFT JOIN tlw_cust c
		ON c.seg = g.seg AND date_trunc('month', c.started)::date = g.month
	  GROUP BY 1, 2) m
WHERE extract(month FROM month)::int % 5 <> 2;
CREATE INDEX ON tlw_monthly (rn);
CREATE INDEX ON tlw_monthly (seg, prn);
SELECT count(*) AS months, count(t) AS with_customers FROM tlw_monthly;

-- Timelines near one another: the same span, step and counts, and revenue
-- sums within 1e-9 (near(float8, float8) of sql/setup.sql).
CREATE FUNCTION near(a churn_timeline, b churn_timeline) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT (a::text::jsonb - 'revenue_at_start' - 'revenue_lost' - 'sum_sq_revenue' - 'sum_sq_revenue_lost')
		   = (b::text::jsonb - 'revenue_at_start' - 'revenue_lost' - 'sum_sq_revenue' - 'sum_sq_revenue_lost')
	   AND (a::text::jsonb ? 'revenue_at_start') = (b::text::jsonb ? 'revenue_at_start')
	   AND coalesce((SELECT bool_and(near(x.v::float8, y.v::float8))
					 FROM unnest(ARRAY['revenue_at_start', 'revenue_lost', 'sum_sq_revenue', 'sum_sq_revenue_lost']) k,
						  LATERAL jsonb_array_elements_text(a::text::jsonb -> k) WITH ORDINALITY x(v, i)
						  JOIN LATERAL jsonb_array_elements_text(b::text::jsonb -> k)
							   WITH ORDINALITY y(v, i) ON x.i = y.i), true)
$$;

-- Controls: the comparison does see a wrong frame (5 preceding rows
-- against 4), a wrong value (revenue against none) and, tolerantly, a
-- customer more or less.
--   wrong frame: the frames of row r differ by row r - 5 (r >= 6); the
--     results differ when that row has a lifetime that counts somewhere in
--     2025 (it starts before 2026 and does not end by 2025-01-01), or when
--     it is the only lifetime (a timeline of zeros against NULL): 250 rows,
--     counted by a plain SQL query over those conditions (20 lifetimes
--     count nowhere in 2025; 25 are NULL).  The same 250 for near().
--   wrong value: a timeline without revenue never equals one with it; the
--     two agree only where both are NULL, the frames ending on 106..125
--     (6 rows of NULL lifetimes): 300 - 20 = 280.
SELECT win_mismatches('tlw_cust', $$churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month')$$,
					  5, 0, false, 'w IS NOT DISTINCT FROM d', NULL, 4) AS wrong_frame,
	   win_mismatches('tlw_cust', $$churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month')$$,
					  5, 0, false, 'w IS NOT DISTINCT FROM d',
					  $$churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month', rev_exact)$$)
		   AS wrong_value,
	   win_mismatches('tlw_cust', $$churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month', rev_ugly)$$,
					  5, 0, false, '(w IS NULL AND d IS NULL) OR near(w, d)', NULL, 4) AS wrong_frame_near;

-- Every form, for frames of 0, 1, 2, 7, 29 and 100 preceding rows up to
-- the current row, 3 preceding to 2 following (both ends move), and 5 to
-- 2 preceding (empty at the start of a partition: NULL): mismatches per
-- frame, in that order, without and with PARTITION BY seg.  = compares
-- with the type's = (counts, and revenue multiples of 0.5, add and
-- subtract exactly); ~ with near() (ugly revenue, rounded at each addition
-- of the plain aggregate).
CREATE TEMP TABLE tlw_forms (ord int, tbl text, label text, win_expr text, cmp text);
INSERT INTO tlw_forms VALUES
	(1, 'tlw_cust', 'daterange =', $$churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month')$$, '='),
	(2, 'tlw_cust', 'daterange, exact revenue =', $$churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month', rev_exact)$$, '='),
	(3, 'tlw_cust', 'daterange, ugly revenue ~', $$churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month', rev_ugly)$$, '~'),
	(4, 'tlw_cust', 'daterange 7 days =', $$churn_timeline(active, daterange('2025-03-03', '2025-06-02'), '7 days')$$, '='),
	(5, 'tlw_cust', 'tstzrange =', $$churn_timeline(active_tz, tstzrange('2025-01-01 00:00+00', '2026-01-01 00:00+00'), '1 month')$$, '='),
	(6, 'tlw_cust', 'tstzrange, exact revenue =', $$churn_timeline(active_tz, tstzrange('2025-01-01 00:00+00', '2026-01-01 00:00+00'), '1 month', rev_exact)$$, '='),
	(7, 'tlw_cust', 'tsrange =', $$churn_timeline(active_ts, tsrange('2025-01-01', '2026-01-01'), '1 month')$$, '='),
	(8, 'tlw_cust', 'tsrange, exact revenue =', $$churn_timeline(active_ts, tsrange('2025-01-01', '2026-01-01'), '1 month', rev_exact)$$, '='),
	(9, 'tlw_monthly', 'roll-up =', 'churn_timeline(t)', '='),
	(10, 'tlw_monthly', 'roll-up, exact revenue =', 'churn_timeline(t_exact)', '='),
	(11, 'tlw_monthly', 'roll-up, ugly revenue ~', 'churn_timeline(t_ugly)', '~');
SELECT f.label,
	   array_agg(win_mismatches(f.tbl, f.win_expr, fr.preceding, fr.following, false, c.cmp)
				 ORDER BY fr.ord) AS mismatches,
	   array_agg(win_mismatches(f.tbl, f.win_expr, fr.preceding, fr.following, true, c.cmp)
				 ORDER BY fr.ord) AS by_segment
FROM tlw_forms f
CROSS JOIN (VALUES (1, 0, 0), (2, 1, 0), (3, 2, 0), (4, 7, 0), (5, 29, 0), (6, 100, 0),
				   (7, 3, 2), (8, 5, -2)) fr(ord, preceding, following)
CROSS JOIN LATERAL (VALUES (CASE f.cmp
	WHEN '=' THEN 'w IS NOT DISTINCT FROM d'
	WHEN '~' THEN '(w IS NULL AND d IS NULL) OR near(w, d)' END)) c(cmp)
GROUP BY f.ord, f.label
ORDER BY f.ord;

-- Frames that empty: over 4 rows (3 preceding), the frames ending on
-- 104..125 lie wholly inside the NULL lifetimes 101..125 (22 frames), and
-- every form is NULL there (as the plain aggregate of those rows is); the
-- frame then refills from row 126 on.  Over the roll-up's 3-row frames:
-- the stored months run from July 2024 to March 2026 without the months
-- 2, 7 and 12 (15 months, 30 rows); nobody signed up after December 2025,
-- so January and March 2026 (rn 27..30) are NULL, and the frames ending on
-- 29 and 30 hold only NULL timelines: NULL.
SELECT count(*) FILTER (WHERE t IS NULL) AS null_frames, min(id) FILTER (WHERE t IS NULL) AS first,
	   max(id) FILTER (WHERE t IS NULL) AS last,
	   count(*) FILTER (WHERE (t IS NULL) <> (t_rev IS NULL) OR (t IS NULL) <> (t_tz IS NULL)) AS forms_disagree
FROM (SELECT id,
			 churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month') OVER w AS t,
			 churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month', rev_exact) OVER w AS t_rev,
			 churn_timeline(active_tz, tstzrange('2025-01-01 00:00+00', '2026-01-01 00:00+00'), '1 month') OVER w AS t_tz
	  FROM tlw_cust
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) x;
SELECT count(*) AS frames_of_null_timelines, string_agg(rn::text, ' ' ORDER BY rn) AS ending_on
FROM (SELECT rn, count(t) OVER w AS timelines, churn_timeline(t_exact) OVER w AS t
	  FROM tlw_monthly
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) x
WHERE timelines = 0 AND t IS NULL;

-- Revenue beyond the exact sums' range (1e100 beside 0.5): the window state
-- turns inexact, declines the inverse transition, and PostgreSQL
-- recomputes the frame from its rows, so every frame is still the plain
-- aggregate of its rows (near: the giant sums are rounded).
CREATE TABLE tlw_giant AS
SELECT rn, seg, prn, active, CASE WHEN rn % 50 = 7 THEN 1e100 ELSE rev_exact END AS rev
FROM tlw_cust;
SELECT array_agg(win_mismatches('tlw_giant', $$churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '1 month', rev)$$,
								fr.preceding, fr.following, false,
								'(w IS NULL AND d IS NULL) OR near(w, d)') ORDER BY fr.preceding) AS giant_mismatches
FROM (VALUES (2, 0), (7, 0), (29, 0)) fr(preceding, following);

-- A span other than the frame's earlier rows' is refused as in the plain
-- aggregate.
SELECT e.code, e.message
FROM expect_error($$SELECT churn_timeline(a, sp, '1 month') OVER (ORDER BY i ROWS 1 PRECEDING)
				  FROM (VALUES (1, daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01')),
							   (2, daterange('2025-01-01', NULL), daterange('2025-01-01', '2027-01-01'))) v(i, a, sp)$$) e;
