-- Rolling up stored CSAT and CES summaries: daily summaries per (day,
-- segment), stored once, give per month, per segment and overall exactly
-- what the direct aggregates give over the raw answers, without rescanning
-- them.

-- 36,000 answers, deterministic (a multiplicative hash h of the row
-- number), over 91 days (Jan-Mar 2024) and 3 segments (every (day,
-- segment) has answers).  c5 is a CSAT answer on 1..5, c7 a CSAT answer
-- on 1..7, e7 a CES answer on 1..7; every 23rd c5, 19th c7 and 17th e7 is
-- NULL.  w_exact is a multiple of 0.25 from 0.25 to 2 (every 31st NULL),
-- whose sums are exact in any order; w_ugly is 0.1 .. 2.0.
CREATE TABLE cc_roll_resp AS
SELECT i AS id, date '2024-01-01' + i % 91 AS day, chr(65 + i / 91 % 3) AS segment,
	   CASE WHEN i % 23 = 0 THEN NULL
			ELSE 1 + least(4, (h >> 8) % (5 + i / 91 % 3)) END::int AS c5,
	   CASE WHEN i % 19 = 0 THEN NULL ELSE 1 + (h >> 12) % 7 END::int AS c7,
	   CASE WHEN i % 17 = 0 THEN NULL
			ELSE 1 + ((h >> 16) % 7 + (h >> 24) % 7) / 2 END::int AS e7,
	   CASE WHEN i % 31 = 0 THEN NULL ELSE ((h >> 20) % 8 + 1) * 0.25 END::float8 AS w_exact,
	   ((h >> 4) % 20 + 1)::float8 / 10 AS w_ugly
FROM (SELECT i, i::bigint * 2654435761 % 4294967296 AS h
	  FROM generate_series(1, 36000) i) g;

-- The daily summaries, as a scheduled job stores them: CSAT on 1..5
-- (unweighted, exact and ugly weights), CSAT on 1..7 counting 5 and up as
-- satisfied (unweighted and exact weights), CES on 1..7 (the same three
-- ways).
CREATE TABLE cc_roll_daily (
	day date,
	segment text,
	s5 csat_summary, s5_w csat_summary, s5_u csat_summary,
	s7 csat_summary, s7_w csat_summary,
	e ces_summary, e_w ces_summary, e_u ces_summary,
	PRIMARY KEY (day, segment));
INSERT INTO cc_roll_daily
SELECT day, segment,
	   csat_summary(c5), csat_summary(c5, w_exact), csat_summary(c5, w_ugly),
	   csat_summary(c7, 7, 5), csat_summary(c7, 7, 5, w_exact),
	   ces_summary(e7), ces_summary(e7, w_exact), ces_summary(e7, w_ugly)
FROM cc_roll_resp
GROUP BY day, segment;
-- (Python: 273 rows, 34435 CSAT 1..5 answers, 33883 CES answers)
SELECT count(*) AS daily_rows, count(DISTINCT day) AS days, count(DISTINCT segment) AS segments,
	   sum(responses(s5)) AS csat_answers, sum(responses(e)) AS ces_answers
FROM cc_roll_daily;

-- The monthly report two ways: rolled up from the dailies, and directly
-- over the raw answers.  Both per (month, segment), and per month across
-- segments (segment '*').
CREATE VIEW cc_roll_from_daily AS
SELECT date_trunc('month', day)::date AS month, coalesce(segment, '*') AS segment,
	   csat_summary(s5) AS s5, csat_agg(s5) AS a5,
	   csat_summary(s5_w) AS s5_w, csat_agg(s5_w) AS a5_w,
	   csat_summary(s7) AS s7, csat_agg(s7) AS a7,
	   csat_summary(s7_w) AS s7_w, csat_agg(s7_w) AS a7_w,
	   ces_summary(e) AS e, ces_agg(e) AS ea,
	   ces_summary(e_w) AS e_w, ces_agg(e_w) AS ea_w
FROM cc_roll_daily
GROUP BY GROUPING SETS ((1, segment), (1));
CREATE VIEW cc_roll_from_raw AS
SELECT date_trunc('month', day)::date AS month, coalesce(segment, '*') AS segment,
	   csat_summary(c5) AS s5, csat_agg(c5) AS a5,
	   csat_summary(c5, w_exact) AS s5_w, csat_agg(c5, w_exact) AS a5_w,
	   csat_summary(c7, 7, 5) AS s7, csat_agg(c7, 7, 5) AS a7,
	   csat_summary(c7, 7, 5, w_exact) AS s7_w, csat_agg(c7, 7, 5, w_exact) AS a7_w,
	   ces_summary(e7) AS e, ces_agg(e7) AS ea,
	   ces_summary(e7, w_exact) AS e_w, ces_agg(e7, w_exact) AS ea_w
FROM cc_roll_resp
GROUP BY GROUPING SETS ((1, segment), (1));

-- Roll-up against direct, per form: the number of (month, segment) groups
-- (3 months x (3 segments + all)) whose results differ must be 0; counts
-- and multiples of 0.25 add up exactly in any order, so summaries compare
-- with = and values exactly.
SELECT v.form, count(*) AS groups,
	   count(*) FILTER (WHERE NOT coalesce(v.same, false)) AS mismatches
FROM cc_roll_from_daily d FULL JOIN cc_roll_from_raw r USING (month, segment)
CROSS JOIN LATERAL (VALUES
	(1, 'csat_summary', d.s5 = r.s5),
	(2, 'csat_agg', d.a5 = r.a5),
	(3, 'csat_summary, weighted', d.s5_w = r.s5_w),
	(4, 'csat_agg, weighted', d.a5_w = r.a5_w),
	(5, 'csat_summary, 1..7 from 5', d.s7 = r.s7),
	(6, 'csat_agg, 1..7 from 5', d.a7 = r.a7),
	(7, 'csat_summary, 1..7 from 5, weighted', d.s7_w = r.s7_w),
	(8, 'csat_agg, 1..7 from 5, weighted', d.a7_w = r.a7_w),
	(9, 'ces_summary', d.e = r.e),
	(10, 'ces_agg', d.ea = r.ea),
	(11, 'ces_summary, weighted', d.e_w = r.e_w),
	(12, 'ces_agg, weighted', d.ea_w = r.ea_w),
	-- and the accessors of the rolled-up summaries give the values
	(13, 'csat(roll-up) = csat_agg', csat(d.s5) = r.a5 AND csat(d.s5_w) = r.a5_w
									 AND csat(d.s7) = r.a7 AND csat(d.s7_w) = r.a7_w),
	(14, 'ces(roll-up) = ces_agg', ces(d.e) = r.ea AND ces(d.e_w) = r.ea_w)
) v(ord, form, same)
GROUP BY v.ord, v.form
ORDER BY v.ord;

-- The monthly report.  The script that regenerates the rows from the
-- formulas above and applies the definitions with exact fractions gives
-- every number of this table to the last digit; for instance:
--   Jan *: CSAT 48.973507113042, weighted 48.994773212223244; 1..7 from 5
--          42.92347377472055, weighted 42.93756296047563; CES
--          3.740176562229531, weighted 3.742305095516105; 11739 CSAT and
--          11554 CES answers
--   Jan A: 39.994888832098134, 40.28455523546358, 42.94557647665721,
--          43.298117216549606, 3.738577362409138, 3.7458635876681345
--   Feb C: 57.02569710224166, 56.719516798792, 42.94783328733094,
--          42.86258089074991, 3.739649902750764, 3.7364821679662534
--   Mar B: 49.808429118773944, 49.58416305493733, 43.048749032757286,
--          43.869403205772755, 3.740913811007269, 3.7388796384395815
SELECT to_char(month, 'YYYY-MM') AS month, segment, a5 AS csat, a5_w AS csat_w,
	   a7 AS csat7_from5, a7_w AS csat7_from5_w,
	   ea AS ces, ea_w AS ces_w, responses(s5) AS csat_answers, responses(e) AS ces_answers
FROM cc_roll_from_daily
ORDER BY month, segment COLLATE "C";  -- byte order: * first in any locale

-- The sum of all dailies is the summary of all raw answers: by the
-- roll-up aggregates, through the monthly roll-ups, and by folding the
-- dailies with + one at a time, in day order and in reverse (with these
-- weights the order cannot matter).
-- Python: the weighted CSAT summary of all answers has counts 5641 5673
-- 5682 5628 10700, weights 6364 6374.25 6382.5 6279 12059, squares
-- 53036.8125; the CES summary counts 2039 5020 7841 8703 6062 3514 704.
WITH RECURSIVE ordered AS (
	SELECT row_number() OVER (ORDER BY day, segment) AS n, * FROM cc_roll_daily
), fold(n, s5, s5_w, s7_w, e, e_w) AS (
	SELECT n, s5, s5_w, s7_w, e, e_w FROM ordered WHERE n = 1
	UNION ALL
	SELECT o.n, f.s5 + o.s5, f.s5_w + o.s5_w, f.s7_w + o.s7_w, f.e + o.e, f.e_w + o.e_w
	FROM fold f JOIN ordered o ON o.n = f.n + 1
), backward(n, s5_w, e_w) AS (
	SELECT n, s5_w, e_w FROM ordered WHERE n = (SELECT max(n) FROM ordered)
	UNION ALL
	SELECT o.n, o.s5_w + b.s5_w, o.e_w + b.e_w
	FROM backward b JOIN ordered o ON o.n = b.n - 1
), folded AS (
	SELECT f.*, b.s5_w AS s5_w_back, b.e_w AS e_w_back
	FROM fold f, backward b
	WHERE f.n = (SELECT max(n) FROM ordered) AND b.n = 1
), raw AS (
	SELECT csat_summary(c5) AS s5, csat_summary(c5, w_exact) AS s5_w,
		   csat_summary(c7, 7, 5, w_exact) AS s7_w,
		   ces_summary(e7) AS e, ces_summary(e7, w_exact) AS e_w
	FROM cc_roll_resp
), rolled AS (
	SELECT csat_summary(s5) AS s5, csat_summary(s5_w) AS s5_w, csat_summary(s7_w) AS s7_w,
		   ces_summary(e) AS e, ces_summary(e_w) AS e_w
	FROM cc_roll_daily
), quarter AS (
	-- a roll-up of roll-ups: the quarter from the monthly summaries
	SELECT csat_summary(s5) AS s5, csat_summary(s5_w) AS s5_w, csat_summary(s7_w) AS s7_w,
		   ces_summary(e) AS e, ces_summary(e_w) AS e_w
	FROM cc_roll_from_daily WHERE segment <> '*'
)
SELECT rolled.s5 = raw.s5 AND rolled.s5_w = raw.s5_w AND rolled.s7_w = raw.s7_w
		   AND rolled.e = raw.e AND rolled.e_w = raw.e_w AS rollup_equals_raw,
	   quarter.s5 = raw.s5 AND quarter.s5_w = raw.s5_w AND quarter.s7_w = raw.s7_w
		   AND quarter.e = raw.e AND quarter.e_w = raw.e_w AS from_months_equals_raw,
	   folded.s5 = raw.s5 AND folded.s5_w = raw.s5_w AND folded.s7_w = raw.s7_w
		   AND folded.e = raw.e AND folded.e_w = raw.e_w AS fold_equals_raw,
	   folded.s5_w_back = raw.s5_w AND folded.e_w_back = raw.e_w AS reverse_fold_equals_raw,
	   folded.n AS dailies_folded, raw.s5_w AS csat_w_summary, raw.e AS ces_summary
FROM rolled, quarter, raw, folded;

-- + is commutative and associative: for every three consecutive dailies
-- a, b, c, a + b = b + a and (a + b) + c = a + (b + c) (the number of
-- triples where this fails must be 0).  With the ugly weights + is still
-- commutative (floating-point addition is), but not always associative:
-- the rounding depends on the grouping.
SELECT count(*) AS triples,
	   count(*) FILTER (WHERE NOT (a5 + b5 = b5 + a5 AND a5w + b5w = b5w + a5w
								   AND a7w + b7w = b7w + a7w AND ae + be = be + ae
								   AND aew + bew = bew + aew AND a5u + b5u = b5u + a5u
								   AND aeu + beu = beu + aeu)) AS not_commutative,
	   count(*) FILTER (WHERE NOT ((a5 + b5) + c5 = a5 + (b5 + c5)
								   AND (a5w + b5w) + c5w = a5w + (b5w + c5w)
								   AND (a7w + b7w) + c7w = a7w + (b7w + c7w)
								   AND (ae + be) + ce = ae + (be + ce)
								   AND (aew + bew) + cew = aew + (bew + cew))) AS not_associative
FROM (SELECT s5 AS a5, lead(s5) OVER w AS b5, lead(s5, 2) OVER w AS c5,
			 s5_w AS a5w, lead(s5_w) OVER w AS b5w, lead(s5_w, 2) OVER w AS c5w,
			 s7_w AS a7w, lead(s7_w) OVER w AS b7w, lead(s7_w, 2) OVER w AS c7w,
			 e AS ae, lead(e) OVER w AS be, lead(e, 2) OVER w AS ce,
			 e_w AS aew, lead(e_w) OVER w AS bew, lead(e_w, 2) OVER w AS cew,
			 s5_u AS a5u, lead(s5_u) OVER w AS b5u, e_u AS aeu, lead(e_u) OVER w AS beu
	  FROM cc_roll_daily
	  WINDOW w AS (ORDER BY day, segment)) t
WHERE c5 IS NOT NULL;
-- One example by hand: answers 5, 4 and 1 (weights 1, 0.5, 2.5) plus
-- answers 2 and 3 (weights 0.25, 0.75): one answer per score, weights
-- 2.5 0.25 0.75 0.5 1 by score (total 5; satisfied 4 and 5: 1.5, CSAT
-- 30), squares 1 + 0.25 + 6.25 + 0.0625 + 0.5625 = 8.125.
SELECT a + b AS sum_ab, a + b = b + a AS commutative, csat(a + b) AS csat
FROM (SELECT csat_summary(s, w) AS a FROM (VALUES (5, 1.0), (4, 0.5), (1, 2.5)) v(s, w)) x,
	 (SELECT csat_summary(s, w) AS b FROM (VALUES (2, 0.25), (3, 0.75)) v(s, w)) y;

-- The text form is exact: every stored summary, even with weights like
-- 0.1 whose sums have no short decimal form, reads back as the same
-- value; and rolling up the read-back summaries gives the same monthly
-- summaries, to the last bit.
SELECT count(*) AS summaries,
	   count(*) FILTER (WHERE NOT (s5::text::csat_summary = s5 AND s5_w::text::csat_summary = s5_w
								   AND s5_u::text::csat_summary = s5_u
								   AND s7_w::text::csat_summary = s7_w
								   AND e::text::ces_summary = e AND e_w::text::ces_summary = e_w
								   AND e_u::text::ces_summary = e_u)) AS round_trip_differs,
	   count(*) FILTER (WHERE s5_u::text::csat_summary::text <> s5_u::text
						   OR e_u::text::ces_summary::text <> e_u::text) AS text_differs
FROM cc_roll_daily;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE NOT (t.s5_w = d.s5_w AND t.s5_u = d.s5_u AND t.s7_w = d.s7_w
								   AND t.e_u = d.e_u AND t.a5_u = d.a5_u AND t.ea_u = d.ea_u))
		   AS mismatches
FROM (SELECT date_trunc('month', day) AS month, segment,
			 csat_summary(s5_w) AS s5_w, csat_summary(s5_u) AS s5_u, csat_summary(s7_w) AS s7_w,
			 ces_summary(e_u) AS e_u, csat_agg(s5_u) AS a5_u, ces_agg(e_u) AS ea_u
	  FROM cc_roll_daily GROUP BY 1, 2) d
JOIN (SELECT date_trunc('month', day) AS month, segment,
			 csat_summary(s5_w::text::csat_summary) AS s5_w,
			 csat_summary(s5_u::text::csat_summary) AS s5_u,
			 csat_summary(s7_w::text::csat_summary) AS s7_w,
			 ces_summary(e_u::text::ces_summary) AS e_u,
			 csat_agg(s5_u::text::csat_summary) AS a5_u,
			 ces_agg(e_u::text::ces_summary) AS ea_u
	  FROM cc_roll_daily GROUP BY 1, 2) t USING (month, segment);

-- The 1..7 summaries built with an explicit band (5 and up) keep it
-- through the roll-up (and through the text form): the monthly roll-up
-- says satisfied_from 5 and its csat() is csat_agg(c7, 7, 5) over the raw
-- rows, not the default top-2-box (6 and up) of csat_agg(c7, 7), which
-- csat(s, 6) still gives from the same summary.
SELECT to_char(d.month, 'YYYY-MM') AS month, d.segment,
	   (d.s7::text::jsonb) -> 'satisfied_from' AS satisfied_from,
	   csat(d.s7) = csat_agg_7_5 AS band_kept, csat(d.s7) <> csat_agg_7 AS not_default,
	   csat(d.s7, 6) = csat_agg_7 AS other_band_by_accessor
FROM cc_roll_from_daily d
JOIN (SELECT date_trunc('month', day)::date AS month, segment,
			 csat_agg(c7, 7, 5) AS csat_agg_7_5, csat_agg(c7, 7) AS csat_agg_7
	  FROM cc_roll_resp GROUP BY 1, 2) r USING (month, segment)
ORDER BY d.month, d.segment;

-- Summaries of different scales (or of different bands) are not rolled
-- up together: that is an error, not a silently mixed number.
SELECT csat_summary(s)
FROM (SELECT s5 FROM cc_roll_daily UNION ALL SELECT s7 FROM cc_roll_daily) u(s);
SELECT csat_summary(c7, 7) + csat_summary(c7, 7, 5) FROM cc_roll_resp;

-- Incremental upkeep: answers arrive in five batches (by id mod 5), each
-- spread over all days; every batch is summarized per (day, segment) and
-- merged into the stored summary with + on conflict.  (+ is strict, like
-- numeric +: a batch whose summary were NULL would wipe the stored one,
-- so where that can happen write coalesce(t.s + excluded.s, t.s,
-- excluded.s); here every (day, segment) of every batch has at least 26
-- rows, some of them scored and weighted, as the script confirms.)
CREATE TABLE cc_roll_upkeep (
	day date,
	segment text,
	s5 csat_summary, s5_w csat_summary, s7 csat_summary,
	e ces_summary, e_w ces_summary,
	PRIMARY KEY (day, segment));
CREATE FUNCTION cc_roll_load_batch(batch int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	merged bigint;
BEGIN
	INSERT INTO cc_roll_upkeep AS t
	SELECT day, segment, csat_summary(c5), csat_summary(c5, w_exact), csat_summary(c7, 7, 5),
		   ces_summary(e7), ces_summary(e7, w_exact)
	FROM cc_roll_resp
	WHERE id % 5 = batch
	GROUP BY day, segment
	ON CONFLICT (day, segment) DO UPDATE
	SET s5 = t.s5 + excluded.s5, s5_w = t.s5_w + excluded.s5_w, s7 = t.s7 + excluded.s7,
		e = t.e + excluded.e, e_w = t.e_w + excluded.e_w;
	GET DIAGNOSTICS merged = ROW_COUNT;
	RETURN merged;
END
$$;
SELECT batch, cc_roll_load_batch(batch) AS rows_inserted_or_updated
FROM generate_series(0, 4) batch ORDER BY batch;
SELECT count(*) AS stored,
	   count(*) FILTER (WHERE u.s5 IS NULL OR u.s5_w IS NULL OR u.s7 IS NULL
						   OR u.e IS NULL OR u.e_w IS NULL) AS null_summaries,
	   count(*) FILTER (WHERE NOT (u.s5 = d.s5 AND u.s5_w = d.s5_w AND u.s7 = d.s7
								   AND u.e = d.e AND u.e_w = d.e_w)) AS differ_from_daily
FROM cc_roll_upkeep u JOIN cc_roll_daily d USING (day, segment);
-- the monthly report from the upkept table equals the one from raw rows
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE NOT (u.s5 = r.s5 AND u.s5_w = r.s5_w AND u.s7 = r.s7
								   AND u.e = r.e AND u.e_w = r.e_w
								   AND u.a5 = r.a5 AND u.a5_w = r.a5_w AND u.a7 = r.a7
								   AND u.ea = r.ea AND u.ea_w = r.ea_w)) AS mismatches
FROM (SELECT date_trunc('month', day)::date AS month, coalesce(segment, '*') AS segment,
			 csat_summary(s5) AS s5, csat_summary(s5_w) AS s5_w, csat_summary(s7) AS s7,
			 ces_summary(e) AS e, ces_summary(e_w) AS e_w,
			 csat_agg(s5) AS a5, csat_agg(s5_w) AS a5_w, csat_agg(s7) AS a7,
			 ces_agg(e) AS ea, ces_agg(e_w) AS ea_w
	  FROM cc_roll_upkeep
	  GROUP BY GROUPING SETS ((1, segment), (1))) u
FULL JOIN cc_roll_from_raw r USING (month, segment);

DROP FUNCTION cc_roll_load_batch(int);
DROP VIEW cc_roll_from_daily, cc_roll_from_raw;
DROP TABLE cc_roll_resp, cc_roll_daily, cc_roll_upkeep;
