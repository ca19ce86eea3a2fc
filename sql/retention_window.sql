-- retention_summary as a window function over rolling frames.  With moving
-- aggregation PostgreSQL adds the row entering the frame and removes the
-- row leaving it (the inverse transition); the value of every frame must
-- be what the same aggregate gives over the frame's rows on their own.
\pset null '-'

-- A handful of customers worked out by hand (monthly steps, as_of
-- 2025-07-01; '1 month' from Jan 31 is Feb 28):
--   1 [2025-01-15, 2025-03-10): Feb 15 < Mar 10 <= Mar 15: lost at age 2
--   2 [2025-02-01, -): Feb 1 + 5 months = Jul 1 <= as_of: censored at 5
--   3 no lifetime (NULL): skipped
--   4 [2025-03-31, 2025-04-30): Mar 31 + 1 month = Apr 30: lost at age 1
--   5 [2025-06-15, 2025-06-20): its first step ends Jul 15, after as_of:
--     censored at 0
--   6 'empty': skipped like a NULL
-- revenue 10, 20, 5, 2.5, 1, 7.
CREATE TABLE ret_hand (i int, active daterange, rev float8);
INSERT INTO ret_hand VALUES
	(1, '[2025-01-15,2025-03-10)', 10), (2, '[2025-02-01,)', 20), (3, NULL, 5),
	(4, '[2025-03-31,2025-04-30)', 2.5), (5, '[2025-06-15,2025-06-20)', 1),
	(6, 'empty', 7);
-- Frames of the row and the one before: {1}: lost at 2; {1, 2}: lost at 2,
-- censored at 5; {2, 3}: censored at 5; {3, 4}: lost at 1; {4, 5}: lost
-- at 1, censored at 0; {5, 6}: censored at 0.  The frames of the two rows
-- before (2 PRECEDING AND 1 PRECEDING): none for row 1 (NULL), {1} for
-- row 2, ..., {3, 4} for row 5; {4} alone is lost at 1.
SELECT i, retention_summary(active, '1 month', DATE '2025-07-01')
		  OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS last_two,
	   retention_summary(active, '1 month', DATE '2025-07-01')
		  OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING) AS two_before
FROM ret_hand ORDER BY i;
-- The same with revenue: the revenue of each customer at its age.
SELECT i, retention_summary(active, '1 month', DATE '2025-07-01', rev)
		  OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS last_two
FROM ret_hand ORDER BY i;
-- Frames of stored summaries (one per customer) rolled up: the same values.
SELECT i, retention_summary(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
		  IS NOT DISTINCT FROM
		  retention_summary(active, '1 month', DATE '2025-07-01', rev)
		  OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS rollup_same
FROM (SELECT i, active, rev, retention_summary(active, '1 month', DATE '2025-07-01', rev) AS s
	  FROM ret_hand GROUP BY i, active, rev) t
ORDER BY i;

-- 300 customers in id order, deterministic (a multiplicative hash of the
-- id), in two interleaved segments x and y.  They signed up between
-- January 2023 and June 2025 and a third are still customers; the others
-- left 1 to 700 days after signing up.  ids 101..120 have no lifetime
-- (NULL) and 121..125 an empty one, so narrow frames there hold nobody
-- and give NULL, as the aggregate over those rows alone does.
-- rev_exact is a multiple of 0.5 (0 included, every 37th NULL): its sums
-- are exact.  rev_ugly is 0.1 .. 3.0, whose double sums are rounded at
-- each addition of the plain aggregate: the window keeps exact sums per
-- age and rounds them once, so it agrees with the plain aggregate to
-- rounding (ret_near below).  Monthly steps observed up to 2025-07-01,
-- and weekly ones on tstzrange (UTC).
CREATE TABLE ret_win AS
SELECT id AS rn, seg,
	   row_number() OVER (PARTITION BY seg ORDER BY id)::int AS prn,
	   CASE WHEN id BETWEEN 101 AND 120 THEN NULL
			WHEN id BETWEEN 121 AND 125 THEN 'empty'::daterange
			ELSE daterange(started, ended) END AS active,
	   CASE WHEN id NOT BETWEEN 101 AND 125
			THEN tstzrange(started::timestamp AT TIME ZONE 'UTC',
						   ended::timestamp AT TIME ZONE 'UTC') END AS active_tz,
	   rev_exact, rev_ugly
FROM (SELECT i AS id,
			 CASE WHEN (h >> 28) % 3 = 0 THEN 'y' ELSE 'x' END AS seg,
			 date '2023-01-01' + ((h >> 8) % 900)::int AS started,
			 CASE WHEN (h >> 18) % 3 <> 0
				  THEN date '2023-01-01' + ((h >> 8) % 900)::int + 1 + ((h >> 4) % 700)::int END AS ended,
			 CASE WHEN i % 37 <> 0 THEN ((h >> 12) % 9) * 0.5 END::float8 AS rev_exact,
			 ((h >> 22) % 30 + 1)::float8 / 10 AS rev_ugly
	  FROM (SELECT i, i::bigint * 2654435761 % 4294967296 AS h
			FROM generate_series(1, 300) i) g) t;
CREATE INDEX ON ret_win (rn);
CREATE INDEX ON ret_win (seg, prn);
SELECT count(*) AS customers, count(active) FILTER (WHERE NOT isempty(active)) AS with_lifetime,
	   count(rev_exact) AS with_exact_revenue
FROM ret_win;

-- Two summaries are near when they count the same customers at every age
-- and their (revenue-weighted) retention agrees within 1e-9 at every age.
CREATE FUNCTION ret_near(a retention_summary, b retention_summary) RETURNS boolean
LANGUAGE sql AS $$
	SELECT (a IS NULL AND b IS NULL) OR
		   (SELECT coalesce(bool_and(x.at_risk = y.at_risk AND x.lost = y.lost
									 AND x.censored = y.censored
									 AND (x.retention IS NULL AND y.retention IS NULL
										  OR abs(x.retention - y.retention) <= 1e-9)), false)
			FROM unnest(a) x FULL JOIN unnest(b) y USING (age))
$$;

-- Controls: the comparison does see a wrong frame (8 rows against 7) and
-- a wrong value (weekly steps against monthly).  A frame of 8 rows differs
-- from the 7 rows after its first exactly when that first row (id - 7)
-- counts a customer: for the frames ending on ids 8..300, ids 1..293,
-- less the 25 without a lifetime (101..125): 268.  Weekly and monthly
-- ages differ in every frame with a customer: all 300 frames but the 18
-- ending on 108..125, which hold only ids 101..125 (counted below): 282.
SELECT win_mismatches('ret_win', $$retention_summary(active, '1 month', DATE '2025-07-01')$$,
					  7, 0, false, 'w IS NOT DISTINCT FROM d', NULL, 6) AS wrong_frame,
	   win_mismatches('ret_win', $$retention_summary(active, '1 month', DATE '2025-07-01')$$,
					  7, 0, false, 'w IS NOT DISTINCT FROM d',
					  $$retention_summary(active, '7 days', DATE '2025-07-01')$$) AS wrong_value;

-- Every form, for frames of 0, 1, 2, 7, 29 and 100 preceding rows up to
-- the current row, 3 preceding to 2 following (both ends move), and 5 to
-- 2 preceding (empty at the start of a partition, where the result is
-- NULL): mismatches per frame, in that order, without and with PARTITION
-- BY seg.  =: the summaries' = operator (counts and revenue that add and
-- subtract exactly); ~: ret_near.
CREATE TEMP TABLE ret_forms (ord int, label text, win_expr text, cmp text);
INSERT INTO ret_forms VALUES
	(1, 'daterange, 1 month =', $$retention_summary(active, '1 month', DATE '2025-07-01')$$, '='),
	(2, 'tstzrange, 7 days =', $$retention_summary(active_tz, '7 days', TIMESTAMPTZ '2025-07-01 00:00+00')$$, '='),
	(3, 'daterange, 1 month, exact revenue =', $$retention_summary(active, '1 month', DATE '2025-07-01', rev_exact)$$, '='),
	(4, 'tstzrange, 1 month, exact revenue =', $$retention_summary(active_tz, '1 month', TIMESTAMPTZ '2025-07-01 00:00+00', rev_exact)$$, '='),
	(5, 'daterange, 7 days, ugly revenue ~', $$retention_summary(active, '7 days', DATE '2025-07-01', rev_ugly)$$, '~'),
	(6, 'tstzrange, 1 month, ugly revenue ~', $$retention_summary(active_tz, '1 month', TIMESTAMPTZ '2025-07-01 00:00+00', rev_ugly)$$, '~');
SELECT f.label,
	   array_agg(win_mismatches('ret_win', f.win_expr, fr.preceding, fr.following, false,
								c.cmp) ORDER BY fr.ord) AS mismatches,
	   array_agg(win_mismatches('ret_win', f.win_expr, fr.preceding, fr.following, true,
								c.cmp) ORDER BY fr.ord) AS by_segment
FROM ret_forms f
CROSS JOIN (VALUES (1, 0, 0), (2, 1, 0), (3, 2, 0), (4, 7, 0), (5, 29, 0), (6, 100, 0),
				   (7, 3, 2), (8, 5, -2)) fr(ord, preceding, following)
CROSS JOIN LATERAL (VALUES (CASE f.cmp
	WHEN '=' THEN 'w IS NOT DISTINCT FROM d'
	WHEN '~' THEN 'ret_near(w, d)' END)) c(cmp)
GROUP BY f.ord, f.label
ORDER BY f.ord;

-- Frames without a customer: the 8-row frames (7 preceding) ending on
-- 108..125 hold only ids 101..125, without lifetimes: NULL, as the
-- aggregate over those rows alone is (and as sum() over no value is).
SELECT count(*) AS frames_without_customers, min(rn) AS first_rn, max(rn) AS last_rn
FROM (SELECT rn, retention_summary(active, '1 month', DATE '2025-07-01', rev_exact)
				 OVER (ORDER BY rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW) AS s
	  FROM ret_win) x
WHERE s IS NULL;

-- Stored summaries per (segment, signup quarter), with revenue, for the
-- roll-up: the window over them against the roll-up of each frame's rows.
-- The quarters of 2024 are missing, as quarters lost by a failed refresh
-- would be.
CREATE TABLE ret_quarterly AS
SELECT seg, quarter,
	   row_number() OVER (ORDER BY quarter, seg)::int AS rn,
	   row_number() OVER (PARTITION BY seg ORDER BY quarter)::int AS prn,
	   s, s_exact, s_ugly
FROM (SELECT seg, date_trunc('quarter', lower(active))::date AS quarter,
			 retention_summary(active, '1 month', DATE '2025-07-01') AS s,
			 retention_summary(active, '1 month', DATE '2025-07-01', rev_exact) AS s_exact,
			 retention_summary(active, '1 month', DATE '2025-07-01', rev_ugly) AS s_ugly
	  FROM ret_win
	  WHERE NOT isempty(active)
	  GROUP BY 1, 2) q
WHERE extract(year FROM quarter) <> 2024;
SELECT count(*) AS summaries FROM ret_quarterly;
SELECT f.label,
	   array_agg(win_mismatches('ret_quarterly', f.win_expr, fr.preceding, fr.following, false,
								f.cmp) ORDER BY fr.ord) AS mismatches,
	   array_agg(win_mismatches('ret_quarterly', f.win_expr, fr.preceding, fr.following, true,
								f.cmp) ORDER BY fr.ord) AS by_segment
FROM (VALUES (1, 'roll-up =', 'retention_summary(s)', 'w IS NOT DISTINCT FROM d'),
			 (2, 'roll-up, exact revenue =', 'retention_summary(s_exact)', 'w IS NOT DISTINCT FROM d'),
			 (3, 'roll-up, ugly revenue ~', 'retention_summary(s_ugly)', 'ret_near(w, d)')
	 ) f(ord, label, win_expr, cmp)
CROSS JOIN (VALUES (1, 0, 0), (2, 1, 0), (3, 3, 0), (4, 2, 1), (5, 3, -1)) fr(ord, preceding, following)
GROUP BY f.ord, f.label
ORDER BY f.ord;

-- A frame that empties starts afresh, even with another step: customers
-- 1..3 by month, 4 and 5 without a lifetime, 6..8 by week.  The frames of
-- two rows ending on 4 and 5 hold one monthly customer, and nobody (NULL);
-- those ending on 6..8 only weekly ones, as the aggregate over their rows
-- alone.  (Ages: 2025-01-01 to 2025-03-15 by month is lost at 3, to
-- 2025-02-10 at 2; by week 2025-06-01 to 2025-06-10 is lost at 2, to
-- 2025-06-20 at 3; still active from 2025-06-01: censored at 4 weeks,
-- from 2025-03-01 at 4 months.)
CREATE TABLE ret_steps (i int, active daterange, step interval);
INSERT INTO ret_steps VALUES
	(1, '[2025-01-01,2025-03-15)', '1 month'), (2, '[2025-01-01,2025-02-10)', '1 month'),
	(3, '[2025-03-01,)', '1 month'), (4, NULL, '1 month'), (5, NULL, '7 days'),
	(6, '[2025-06-01,2025-06-10)', '7 days'), (7, '[2025-06-01,2025-06-20)', '7 days'),
	(8, '[2025-06-01,)', '7 days');
SELECT i, w, w IS NOT DISTINCT FROM
		  (SELECT retention_summary(active, step, DATE '2025-07-01') FROM ret_steps r
		   WHERE r.i BETWEEN o.i - 1 AND o.i) AS same_as_plain
FROM (SELECT i, retention_summary(active, step, DATE '2025-07-01')
				OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w
	  FROM ret_steps) o
ORDER BY i;
-- A frame holding both steps is an error, as the aggregate over its rows is.
SELECT code, message FROM expect_error($$SELECT retention_summary(active, step, DATE '2025-07-01') OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) FROM ret_steps$$);

-- A revenue the exact sums cannot hold next to another at the same age:
-- a huge revenue (4.6e18) leaves the frame, a small one (2) stays, and a
-- tiny one (1e-150) arrives, far beyond the exact range of the huge one.
-- The window's revenue is then that of the plain aggregate over its rows,
-- never one with the rounding residue of the huge one, and the next
-- inverse transition declines (the frame is recomputed).  Every customer
-- is censored at 6 months.
CREATE TABLE ret_inexact (i int, active daterange, rev float8);
INSERT INTO ret_inexact VALUES
	(1, '[2025-01-01,)', 4.611686018427388e+18), (2, '[2025-01-01,)', 2),
	(3, '[2025-01-01,)', 1e-150), (4, '[2025-01-01,)', 3);
SELECT i, w::text AS window_value, w::text = d::text AS same_as_plain,
	   w::text::retention_summary = w AS reads_back
FROM (SELECT i, retention_summary(active, '1 month', DATE '2025-07-01', rev)
				  OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w,
			 (SELECT retention_summary(active, '1 month', DATE '2025-07-01', rev)
			  FROM ret_inexact r WHERE r.i BETWEEN o.i - 1 AND o.i) AS d
	  FROM ret_inexact o) x
ORDER BY i;
-- the same summaries rolled up
SELECT i, w::text = d::text AS same_as_plain
FROM (SELECT i, retention_summary(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w,
			 (SELECT retention_summary(s) FROM (SELECT i, retention_summary(active, '1 month', DATE '2025-07-01', rev) s
											   FROM ret_inexact GROUP BY i) r
			  WHERE r.i BETWEEN o.i - 1 AND o.i) AS d
	  FROM (SELECT i, retention_summary(active, '1 month', DATE '2025-07-01', rev) s
			FROM ret_inexact GROUP BY i) o) x
ORDER BY i;

DROP TABLE ret_hand, ret_win, ret_quarterly, ret_steps, ret_inexact;
DROP FUNCTION ret_near(retention_summary, retention_summary);
