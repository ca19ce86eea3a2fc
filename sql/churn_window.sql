-- Churn aggregates as window functions over rolling frames.  With moving
-- aggregation PostgreSQL adds the row entering the frame and removes the
-- row leaving it (the inverse transition); the value of every frame must
-- be what the same aggregate gives over the frame's rows on their own.

-- 400 customers in id order, deterministic (a multiplicative hash of the
-- id), in two interleaved segments x and y, all measured over one period,
-- March 2024 (p; p_tz is the same month as tstzrange at midnight UTC).
-- They signed up between October 2023 and May 2024; a third are still
-- customers (ended NULL), the others left 1 to 200 days after signing up.
-- ids 101..130 have a NULL lifetime (skipped by the aggregates), so narrow
-- frames there hold no customer at all; ids 201..230 signed up after
-- March 1 (some during March: new), so frames there hold nobody at risk.
-- rev_exact is a multiple of 0.5 (0 included, every 37th NULL): its sums
-- are exact, so the inverse transition can subtract it exactly.  rev_ugly
-- is 0.1 .. 3.0, whose double sums are rounded: a window must not subtract
-- rounded sums (it may decline the inverse transition, so that the frame
-- is recomputed, or keep exact sums), and agrees with the plain aggregate
-- to rounding.
CREATE TABLE win_cust AS
SELECT id, id AS rn, seg,
	   row_number() OVER (PARTITION BY seg ORDER BY id)::int AS prn,
	   started, ended,
	   CASE WHEN id NOT BETWEEN 101 AND 130 THEN daterange(started, ended) END AS active,
	   CASE WHEN id NOT BETWEEN 101 AND 130
			THEN tstzrange(started::timestamp AT TIME ZONE 'UTC',
						   ended::timestamp AT TIME ZONE 'UTC') END AS active_tz,
	   daterange('2024-03-01', '2024-04-01') AS p,
	   tstzrange('2024-03-01 00:00+00', '2024-04-01 00:00+00') AS p_tz,
	   rev_exact, rev_ugly
FROM (SELECT i AS id,
			 CASE WHEN (h >> 28) % 3 = 0 THEN 'y' ELSE 'x' END AS seg,
			 started,
			 CASE WHEN (h >> 18) % 3 <> 0 THEN started + 1 + ((h >> 4) % 200)::int END AS ended,
			 CASE WHEN i % 37 <> 0 THEN ((h >> 12) % 9) * 0.5 END::float8 AS rev_exact,
			 ((h >> 22) % 30 + 1)::float8 / 10 AS rev_ugly
	  FROM (SELECT i, h,
				   CASE WHEN i BETWEEN 201 AND 230 THEN date '2024-03-02' + i % 45
						ELSE date '2023-10-01' + ((h >> 8) % 240)::int END AS started
			FROM (SELECT i, i::bigint * 2654435761 % 4294967296 AS h
				  FROM generate_series(1, 400) i) g) g2) t;
-- The edges of the definition, on the first customers: 1 signed up on
-- the period's first day (at risk) and left during it (lost); 2 left on
-- April 1 = upper(p) (lost: [started, ended) does not contain April 1); 3
-- left on April 2 (not lost); 4 left on March 1 (not at risk); 5 and 6
-- signed up on March 2 and March 31 (new); 7 on April 1 (not new).
UPDATE win_cust SET started = v.started, ended = v.ended,
	   active = daterange(v.started, v.ended),
	   active_tz = tstzrange(v.started::timestamp AT TIME ZONE 'UTC',
							 v.ended::timestamp AT TIME ZONE 'UTC')
FROM (VALUES (1, date '2024-03-01', date '2024-03-31'),
			 (2, date '2024-02-01', date '2024-04-01'),
			 (3, date '2024-01-15', date '2024-04-02'),
			 (4, date '2023-12-01', date '2024-03-01'),
			 (5, date '2024-03-02', NULL),
			 (6, date '2024-03-31', date '2024-06-01'),
			 (7, date '2024-04-01', NULL)) v(id, started, ended)
WHERE win_cust.id = v.id;
CREATE INDEX ON win_cust (rn);
CREATE INDEX ON win_cust (seg, prn);
SELECT count(*) AS customers, count(active) AS with_lifetime,
	   count(*) FILTER (WHERE active @> lower(p)) AS at_risk,
	   count(*) FILTER (WHERE active @> lower(p) AND NOT active @> upper(p)) AS lost,
	   count(*) FILTER (WHERE lower(active) > lower(p) AND lower(active) < upper(p)) AS new
FROM win_cust;

-- Stored summaries of the same period per (segment, signup week), for the
-- roll-up forms: every week from the first signup to the end of July, so
-- a week without signups in a segment stores NULL (the roll-ups skip it,
-- as sum() skips NULLs), and the weeks of June and July make a run of
-- NULLs at the end; every signup week 2 mod 7 (counted from the first) is
-- missing, as weeks lost by a failed refresh would be.
CREATE TABLE win_weekly AS
SELECT seg, week,
	   row_number() OVER (ORDER BY week, seg)::int AS rn,
	   row_number() OVER (PARTITION BY seg ORDER BY week)::int AS prn,
	   s, s_exact, s_ugly
FROM (SELECT g.seg, g.week,
			 churn_summary(c.active, c.p) AS s,
			 churn_summary(c.active, c.p, c.rev_exact) AS s_exact,
			 churn_summary(c.active, c.p, c.rev_ugly) AS s_ugly
	  FROM (SELECT seg, week::date
			FROM (VALUES ('x'), ('y')) s(seg),
				 generate_series(date '2023-09-25', date '2024-07-29', interval '1 week') week) g
	  LEFT JOIN win_cust c
		ON c.seg = g.seg AND date_trunc('week', c.started)::date = g.week
	  GROUP BY 1, 2) w
WHERE (week - date '2023-09-25') / 7 % 7 <> 2;
CREATE INDEX ON win_weekly (rn);
CREATE INDEX ON win_weekly (seg, prn);
SELECT count(*) AS weeks, count(s) AS with_customers FROM win_weekly;

-- Summaries compare with near() (sql/setup.sql): the same period and
-- counts, revenue sums within 1e-9, for the ugly revenue whose sums depend
-- on the order of the additions.  win_mismatches (sql/setup.sql) counts
-- the rows of a table where a window aggregate over a frame of rows
-- differs from the same aggregate over the frame's rows on their own.


-- Controls: the comparison does see a wrong frame (7 vs 6 preceding rows)
-- and a wrong value (revenue churn instead of customer churn); the
-- tolerant comparison of summaries notices a customer more or less.
-- Expected counts were worked out independently with a short Python script
-- that regenerates the customers.
SELECT win_mismatches('win_cust', 'churn_rate(active, p)', 7, 0, false,
					  'w IS NOT DISTINCT FROM d', NULL, 6) AS wrong_frame,
	   win_mismatches('win_cust', 'churn_rate(active, p)', 7, 0, false,
					  'w IS NOT DISTINCT FROM d', 'churn_rate(active, p, rev_exact)')
		   AS wrong_value,
	   win_mismatches('win_cust', 'churn_summary(active, p, rev_ugly)', 7, 0, false,
					  '(w IS NULL AND d IS NULL) OR near(w, d)', NULL, 6)
		   AS wrong_frame_near;

-- Every form, for frames of 0, 1, 2, 7, 29 and 100 preceding rows up to
-- the current row, 3 preceding to 2 following (both ends move), and 5 to
-- 2 preceding (empty at the start of a partition, where the result is
-- NULL): mismatches per frame, in that order, without and with PARTITION
-- BY seg.
-- Comparisons:
--   =   exact (IS NOT DISTINCT FROM; summaries with their = operator):
--       counts and multiples of 0.5 add and subtract exactly;
--   ~   within 1e-9, against the aggregate over the frame's rows: ugly
--       revenue is rounded at each addition of the plain aggregate, and the
--       window may add it in another order or exactly (one customer more
--       or less moves a sum by 0.1 at least, and a rate by far more than
--       1e-9 points; a window that subtracted rounded sums drifts, see the
--       giant revenue below);
--   def exact against the hand-written definition over the frame's rows:
--       100 * (lost / at risk), in double precision in that order as the
--       aggregate computes it (100.0 * lost / at risk in numeric may round
--       differently in the last bit), NULL when nobody (no revenue) is at
--       risk; rows with a NULL revenue drop out of both revenue sums.
CREATE TEMP TABLE win_forms (ord int, tbl text, label text, win_expr text, cmp text,
							 direct_expr text);
INSERT INTO win_forms VALUES
	(1, 'win_cust', 'churn_rate(daterange) =', 'churn_rate(active, p)', '=', NULL),
	(2, 'win_cust', 'churn_rate(daterange) def',
	 'churn_rate(active, p)', '=',
	 '100 * (count(*) FILTER (WHERE active @> lower(p) AND NOT active @> upper(p))::float8'
	 ' / NULLIF(count(*) FILTER (WHERE active @> lower(p)), 0))'),
	(3, 'win_cust', 'churn_rate(tstzrange) =', 'churn_rate(active_tz, p_tz)', '=', NULL),
	(4, 'win_cust', 'churn_rate(daterange, exact rev) =',
	 'churn_rate(active, p, rev_exact)', '=', NULL),
	(5, 'win_cust', 'churn_rate(daterange, exact rev) def',
	 'churn_rate(active, p, rev_exact)', '=',
	 '100 * (coalesce(sum(rev_exact) FILTER (WHERE active @> lower(p) AND NOT active @> upper(p)), 0)'
	 ' / NULLIF(sum(rev_exact) FILTER (WHERE active @> lower(p)), 0))'),
	(6, 'win_cust', 'churn_rate(tstzrange, exact rev) =',
	 'churn_rate(active_tz, p_tz, rev_exact)', '=', NULL),
	(7, 'win_cust', 'churn_rate(daterange, ugly rev) ~',
	 'churn_rate(active, p, rev_ugly)', '~', NULL),
	(8, 'win_cust', 'churn_summary(daterange) =', 'churn_summary(active, p)', '=', NULL),
	(9, 'win_cust', 'churn_summary(tstzrange) =', 'churn_summary(active_tz, p_tz)', '=', NULL),
	(10, 'win_cust', 'churn_summary(daterange, exact rev) =',
	 'churn_summary(active, p, rev_exact)', '=', NULL),
	(11, 'win_cust', 'churn_summary(tstzrange, exact rev) =',
	 'churn_summary(active_tz, p_tz, rev_exact)', '=', NULL),
	(12, 'win_cust', 'churn_summary(daterange, ugly rev) ~',
	 'churn_summary(active, p, rev_ugly)', 's~', NULL),
	(13, 'win_cust', 'churn_summary(tstzrange, ugly rev) ~',
	 'churn_summary(active_tz, p_tz, rev_ugly)', 's~', NULL),
	(14, 'win_weekly', 'churn_rate(churn_summary) =', 'churn_rate(s)', '=', NULL),
	(15, 'win_weekly', 'churn_summary(churn_summary) =', 'churn_summary(s)', '=', NULL),
	(16, 'win_weekly', 'churn_rate(churn_summary) def', 'churn_rate(s)', '=',
	 '100 * (sum(customers_lost(s))::float8 / NULLIF(sum(customers_at_start(s)), 0))'),
	(17, 'win_weekly', 'churn_rate(exact rev summaries) =', 'churn_rate(s_exact)', '=', NULL),
	(18, 'win_weekly', 'churn_summary(exact rev summaries) =', 'churn_summary(s_exact)', '=', NULL),
	(19, 'win_weekly', 'churn_rate(ugly rev summaries) ~', 'churn_rate(s_ugly)', '~', NULL),
	(20, 'win_weekly', 'churn_summary(ugly rev summaries) ~', 'churn_summary(s_ugly)', 's~', NULL);

SELECT f.label,
	   array_agg(win_mismatches(f.tbl, f.win_expr, fr.preceding, fr.following, false,
								c.cmp, f.direct_expr) ORDER BY fr.ord) AS mismatches,
	   array_agg(win_mismatches(f.tbl, f.win_expr, fr.preceding, fr.following, true,
								c.cmp, f.direct_expr) ORDER BY fr.ord) AS by_segment
FROM win_forms f
CROSS JOIN (VALUES (1, 0, 0), (2, 1, 0), (3, 2, 0), (4, 7, 0), (5, 29, 0), (6, 100, 0),
				   (7, 3, 2), (8, 5, -2)) fr(ord, preceding, following)
CROSS JOIN LATERAL (VALUES (CASE f.cmp
	WHEN '=' THEN 'w IS NOT DISTINCT FROM d'
	WHEN '~' THEN '(w IS NULL AND d IS NULL) OR abs(w - d) <= 1e-9'
	WHEN 's~' THEN '(w IS NULL AND d IS NULL) OR near(w, d)' END)) c(cmp)
GROUP BY f.ord, f.label
ORDER BY f.ord;

-- Frames without any customer, and frames where nobody is at risk, over
-- 8 rows (7 preceding).  The frames ending on ids 108..130 lie wholly
-- inside the NULL lifetimes at ids 101..130: every form is NULL (the
-- summary too, as sum() over no value is, and as the same aggregate over
-- those rows alone is).  In 34 frames nobody is at risk: those ending on
-- 208..231 (customers who signed up after March 1), 103..107 (NULL
-- lifetimes and customers not at risk) and five by chance.  There the
-- summary exists (nobody at risk, some new) and every rate is NULL, as
-- 100 * 0 / 0 is undefined.  (Python: the same frames; 92 customers new in
-- them, counted once per frame.)
SELECT CASE WHEN s IS NULL THEN 'no customer' ELSE 'nobody at risk' END AS frames,
	   count(*) AS count, min(id) AS first_id, max(id) AS last_id,
	   count(*) FILTER (WHERE r IS NOT NULL OR r_tz IS NOT NULL OR r_exact IS NOT NULL
						OR r_ugly IS NOT NULL OR (s IS NULL) <> (s_tz IS NULL)
						OR (s IS NULL) <> (s_exact IS NULL) OR (s IS NULL) <> (s_ugly IS NULL)
						OR customers_at_start(s) <> 0 OR revenue_at_start(s_exact) <> 0
						OR revenue_at_start(s_ugly) <> 0) AS not_as_expected,
	   sum(customers_new(s)) AS new_in_frames
FROM (SELECT id, churn_rate(active, p) OVER w AS r, churn_rate(active_tz, p_tz) OVER w AS r_tz,
			 churn_rate(active, p, rev_exact) OVER w AS r_exact,
			 churn_rate(active, p, rev_ugly) OVER w AS r_ugly,
			 churn_summary(active, p) OVER w AS s, churn_summary(active_tz, p_tz) OVER w AS s_tz,
			 churn_summary(active, p, rev_exact) OVER w AS s_exact,
			 churn_summary(active, p, rev_ugly) OVER w AS s_ugly,
			 count(*) FILTER (WHERE active @> lower(p)) OVER w AS at_risk
	  FROM win_cust
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)) x
WHERE at_risk = 0
GROUP BY 1
ORDER BY min(id);
SELECT string_agg(id::text, ' ' ORDER BY id) AS nobody_at_risk_frames_ending_on
FROM (SELECT id, count(*) FILTER (WHERE active @> lower(p)) OVER w AS at_risk,
			 churn_summary(active, p) OVER w AS s
	  FROM win_cust
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)) x
WHERE at_risk = 0 AND s IS NOT NULL;

-- The same for the roll-ups: 3-row frames (2 preceding) of stored
-- summaries that are all NULL give NULL, as sum() does and as the roll-up
-- of those rows alone does.  (Python: the rows 1, 2 (the week of September
-- 25), 61 and 63..76 (June and July) are NULL, so the frames ending on 1,
-- 2 and 65..76 hold no summary.)
SELECT count(*) AS frames_of_null_summaries, min(rn) AS first_rn, max(rn) AS last_rn,
	   count(*) FILTER (WHERE s IS NOT NULL OR s_exact IS NOT NULL OR s_ugly IS NOT NULL
						OR r IS NOT NULL OR r_exact IS NOT NULL OR r_ugly IS NOT NULL)
		   AS not_null_results
FROM (SELECT rn, count(s) OVER w AS summaries,
			 churn_summary(s) OVER w AS s, churn_summary(s_exact) OVER w AS s_exact,
			 churn_summary(s_ugly) OVER w AS s_ugly, churn_rate(s) OVER w AS r,
			 churn_rate(s_exact) OVER w AS r_exact, churn_rate(s_ugly) OVER w AS r_ugly
	  FROM win_weekly
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) x
WHERE summaries = 0;

-- A handful of 8-row frames (7 preceding), worked out independently with a
-- short Python script that regenerates the customers from the formulas
-- above and applies the definition:
--   id 8:   the edge cases: 1, 2, 3 at risk, 1 and 2 lost, 5 and 6 new:
--           100 * (2 / 3) = 66.66666666666666; revenue 4.5 at risk, all of
--           it lost (customer 3 pays 0): 100; ugly 0.5 lost of 1.0: 50
--   id 52:  45, 48, 50, 52 at risk, 50 and 52 lost, 2 new: 50; revenue 2.5
--           lost of 5.5: 45.45454545454545; ugly 51.111111111
--   id 120: ids 113..120 have no lifetime: every result NULL
--   id 140: 133, 134, 136, 137, 139, 140 at risk, 134, 137, 140 lost: 50;
--           5 of 10: 50; ugly 51.572327044
--   id 215: nobody at risk (208..215 signed up after March 1, 208 and 209
--           on March 30 and 31): NULL, 2 new; no revenue at risk
--   id 273: 266, 268, 269, 271, 272 at risk, 266, 269, 272 lost: 60; 6.5
--           of 9: 72.22222222222221; ugly 58.241758242
--   id 357: 350, 352, 353, 355, 356 at risk, 353 and 356 lost, 2 new: 40;
--           3 of 6: 50; ugly 39.047619048
SELECT id, r AS churn, customers_at_start(s) AS at_risk, customers_lost(s) AS lost,
	   customers_new(s) AS new, r_exact AS revenue_churn, revenue_at_start(s_exact),
	   revenue_lost(s_exact), round(r_ugly::numeric, 9) AS revenue_churn_ugly
FROM (SELECT id, churn_rate(active, p) OVER w AS r, churn_summary(active, p) OVER w AS s,
			 churn_rate(active, p, rev_exact) OVER w AS r_exact,
			 churn_summary(active, p, rev_exact) OVER w AS s_exact,
			 churn_rate(active, p, rev_ugly) OVER w AS r_ugly
	  FROM win_cust
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)) x
WHERE id IN (8, 52, 120, 140, 215, 273, 357)
ORDER BY id;

-- Calendar frames over the stored weekly summaries with missing weeks: the
-- signup weeks of the last 28 days (RANGE), whatever rows exist, equal the
-- roll-up of the summaries of those weeks (NULL for the 9 frames of late
-- June and July that hold only NULL summaries: 5 in x, 4 in y).
SELECT count(*) AS weeks,
	   count(*) FILTER (WHERE w_s IS DISTINCT FROM d_s) AS summary_mismatches,
	   count(*) FILTER (WHERE w_r IS DISTINCT FROM d_r) AS rate_mismatches,
	   count(*) FILTER (WHERE w_x IS DISTINCT FROM d_x) AS revenue_mismatches
FROM (SELECT o.week,
			 churn_summary(o.s) OVER w AS w_s, churn_rate(o.s) OVER w AS w_r,
			 churn_summary(o.s_exact) OVER w AS w_x,
			 (SELECT churn_summary(i.s) FROM win_weekly i
			  WHERE i.seg = o.seg AND i.week BETWEEN o.week - 28 AND o.week) AS d_s,
			 (SELECT churn_rate(i.s) FROM win_weekly i
			  WHERE i.seg = o.seg AND i.week BETWEEN o.week - 28 AND o.week) AS d_r,
			 (SELECT churn_summary(i.s_exact) FROM win_weekly i
			  WHERE i.seg = o.seg AND i.week BETWEEN o.week - 28 AND o.week) AS d_x
	  FROM win_weekly o
	  WINDOW w AS (PARTITION BY o.seg ORDER BY o.week
				   RANGE BETWEEN '28 days' PRECEDING AND CURRENT ROW)) x;

-- A revenue 10^15 times the others (customer 45, at risk and not lost)
-- enters and then leaves the frame.  A window that subtracted rounded
-- double sums would keep an error of about ulp(10^15) = 0.125 in every
-- later revenue sum (percents of revenue churn); the frames after it left
-- must give what their rows alone give.  While it is in the frame (ids 45
-- to 52) the revenue churn is nearly 0.
CREATE TABLE win_giant AS
SELECT rn, active, p, CASE WHEN id = 45 THEN 1e15 ELSE rev_ugly END AS rev
FROM win_cust;
SELECT count(*) FILTER (WHERE rn > 52) AS frames_after_it_left,
	   count(*) FILTER (WHERE rn > 52 AND NOT (w IS NULL AND d IS NULL OR abs(w - d) <= 1e-9))
		   AS rate_mismatches,
	   count(*) FILTER (WHERE rn > 52 AND NOT (ws IS NULL AND ds IS NULL OR near(ws, ds)))
		   AS summary_mismatches,
	   count(*) FILTER (WHERE rn BETWEEN 45 AND 52 AND NOT w < 1e-9) AS giant_frames_not_near_0
FROM (SELECT o.rn,
			 churn_rate(o.active, o.p, o.rev) OVER w AS w,
			 churn_summary(o.active, o.p, o.rev) OVER w AS ws,
			 (SELECT churn_rate(i.active, i.p, i.rev) FROM win_giant i
			  WHERE i.rn BETWEEN o.rn - 7 AND o.rn) AS d,
			 (SELECT churn_summary(i.active, i.p, i.rev) FROM win_giant i
			  WHERE i.rn BETWEEN o.rn - 7 AND o.rn) AS ds
	  FROM win_giant o
	  WINDOW w AS (ORDER BY o.rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)) x;

-- A summary remembers its period, so a rolling window over summaries of
-- different months is an error, not a three-month churn rate: adding the
-- monthly summaries would count a customer at risk on January 1 and on
-- February 1 twice in the denominator, and count as lost customers who
-- joined in February and left in March, who were never at risk on
-- January 1.
CREATE TABLE win_monthly AS
SELECT m::date AS month,
	   churn_summary(active, daterange(m::date, (m + interval '1 month')::date)) AS s
FROM win_cust, generate_series(timestamp '2024-01-01', timestamp '2024-06-01', interval '1 month') m
GROUP BY m;
SELECT month, churn_rate(s) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
FROM win_monthly;

-- The right pattern is one summary per period: the rolling three months
-- ending with each month are a period of their own, summarized from the
-- customers, and compared with the hand-written definition.  (Python:
-- 15.909090909090908 = 7 lost of 44, 11.538461538461538 = 9 of 78,
-- 38.983050847457626 = 46 of 118, 37.57961783439491 = 59 of 157,
-- 38.01169590643275 = 65 of 171, 38.095238095238095 = 80 of 210.)
SELECT to_char(month, 'YYYY-MM') AS last_month, churn_rate(active, q) AS rolling_3_month_churn,
	   churn_rate(active, q) IS NOT DISTINCT FROM
		   100 * (count(*) FILTER (WHERE active @> lower(q) AND NOT active @> upper(q))::float8
				  / NULLIF(count(*) FILTER (WHERE active @> lower(q)), 0)) AS as_defined
FROM win_cust,
	 (SELECT month, daterange((month - interval '2 months')::date,
							  (month + interval '1 month')::date) AS q
	  FROM win_monthly) m
GROUP BY month
ORDER BY month;

DROP TABLE win_cust, win_weekly, win_monthly, win_giant;
