-- CSAT and CES aggregates as window functions over rolling frames.  With
-- moving aggregation PostgreSQL adds the row entering the frame and
-- removes the row leaving it (the inverse transition); the value of every
-- frame must be what the same aggregate gives over the frame's rows on
-- their own.

-- 400 answers in id order, deterministic (a multiplicative hash h of the
-- row number), in two interleaved segments x and y.  c5 is a CSAT answer
-- on 1..5, c7 a CSAT answer on 1..7, e7 a CES answer on 1..7, each also as
-- smallint and as numeric (every other one with a scale: 4.0 is the score
-- 4).  Every score is NULL at ids 101..130, so that narrow frames hold no
-- answer at all, and c5 every 9th, c7 every 11th, e7 every 8th row too.
-- w_exact is a multiple of 0.25 from 0 to 2 (every 37th NULL): its sums
-- are exact, so the inverse transition can subtract it exactly.  w_ugly is
-- 0.1 .. 3.0, whose float sums are rounded, so the inverse transition
-- cannot just subtract it (it must decline, so that the frame is
-- recomputed, or keep exact sums).
CREATE TABLE cc_win_resp AS
SELECT id, id AS rn, seg,
	   row_number() OVER (PARTITION BY seg ORDER BY id)::int AS prn,
	   (id - 1) / 3 + 1 AS day_no,
	   c5, c5::smallint AS c5_s,
	   CASE WHEN id % 2 = 0 THEN c5::numeric(4,1) ELSE c5::numeric END AS c5_n,
	   c7, c7::smallint AS c7_s,
	   CASE WHEN id % 2 = 1 THEN c7::numeric(4,1) ELSE c7::numeric END AS c7_n,
	   e7, e7::smallint AS e7_s,
	   CASE WHEN id % 2 = 0 THEN e7::numeric(4,1) ELSE e7::numeric END AS e7_n,
	   w_exact, w_ugly
FROM (SELECT i AS id,
			 CASE WHEN (h >> 28) % 3 = 0 THEN 'y' ELSE 'x' END AS seg,
			 CASE WHEN i BETWEEN 101 AND 130 OR i % 9 = 0 THEN NULL
				  ELSE 1 + (h >> 20) % 5 END::int AS c5,
			 CASE WHEN i BETWEEN 101 AND 130 OR i % 11 = 0 THEN NULL
				  ELSE 1 + (h >> 16) % 7 END::int AS c7,
			 CASE WHEN i BETWEEN 101 AND 130 OR i % 8 = 0 THEN NULL
				  ELSE 1 + (h >> 12) % 7 END::int AS e7,
			 CASE WHEN i % 37 = 0 THEN NULL ELSE ((h >> 8) % 9) * 0.25 END::float8 AS w_exact,
			 ((h >> 13) % 30 + 1)::float8 / 10 AS w_ugly
	  FROM (SELECT i, i::bigint * 2654435761 % 4294967296 AS h
			FROM generate_series(1, 400) i) g) t;
CREATE INDEX ON cc_win_resp (rn);
CREATE INDEX ON cc_win_resp (seg, prn);

-- Stored summaries per (segment, day) for the roll-up forms (3 answers a
-- day): the rows whose answers all lie in ids 101..130 (days 35 to 44;
-- 10 rows, Python) store NULL summaries, and every day_no = 5 mod 11 is
-- missing, as days without a survey are.  s5_mix and e_mix hold
-- unweighted summaries on even days and weighted ones on odd days; s7 and
-- s7_exact are CSAT on 1..7 counting 5 and up as satisfied.
CREATE TABLE cc_win_daily AS
SELECT seg, date '2024-01-01' + day_no AS day,
	   row_number() OVER (ORDER BY day_no, seg)::int AS rn,
	   row_number() OVER (PARTITION BY seg ORDER BY day_no)::int AS prn,
	   csat_summary(c5) AS s5, csat_summary(c5, w_exact) AS s5_exact,
	   csat_summary(c5, w_ugly) AS s5_ugly,
	   CASE WHEN day_no % 2 = 0 THEN csat_summary(c5)
			ELSE csat_summary(c5, w_exact) END AS s5_mix,
	   csat_summary(c7, 7, 5) AS s7, csat_summary(c7, 7, 5, w_exact) AS s7_exact,
	   ces_summary(e7) AS e, ces_summary(e7, w_exact) AS e_exact,
	   ces_summary(e7, w_ugly) AS e_ugly,
	   CASE WHEN day_no % 2 = 0 THEN ces_summary(e7)
			ELSE ces_summary(e7, w_exact) END AS e_mix
FROM cc_win_resp
WHERE day_no % 11 <> 5
GROUP BY seg, day_no;
CREATE INDEX ON cc_win_daily (rn);
CREATE INDEX ON cc_win_daily (seg, prn);
-- (Python: 174 stored rows, 161 with CSAT answers, 153 with CES answers)
SELECT count(*) AS days, count(s5) AS with_csat, count(e) AS with_ces FROM cc_win_daily;

-- Summaries compare with near() (sql/setup.sql): the same counts, weight
-- sums within 1e-9, for the ugly weights whose sums depend on the order of
-- the additions.

-- The forms under test.  grp says which table they run over; cmp how the
-- window value w is compared with the direct value d:
--   =    exact (IS NOT DISTINCT FROM; summaries with their = operator):
--        unweighted counts and multiples of 0.25 add and subtract exactly,
--        so the inverse transition must land on exactly the value a fresh
--        aggregation gives;
--   ~    within 1e-9: ugly weights are rounded at each addition, and the
--        window (which recomputes such frames, or keeps its sums otherwise)
--        need not round them as the direct aggregate, which adds them in
--        its own order, does; a row too many or too few moves the values by
--        far more;
--   s~   the same for summaries: equal counts, weight sums within 1e-9.
CREATE TABLE cc_win_forms (grp text, ord int, label text, win_expr text, cmp text,
						   direct_expr text);
INSERT INTO cc_win_forms VALUES
	('raw', 1, 'csat_agg(int) =', 'csat_agg(c5)', '=', NULL),
	('raw', 2, 'csat_agg(smallint) =', 'csat_agg(c5_s)', '=', NULL),
	('raw', 3, 'csat_agg(numeric) =', 'csat_agg(c5_n)', '=', NULL),
	('raw', 4, 'csat_agg(int, 7) =', 'csat_agg(c7, 7)', '=', NULL),
	('raw', 5, 'csat_agg(smallint, 7, 5) =', 'csat_agg(c7_s, 7, 5)', '=', NULL),
	('raw', 6, 'csat_agg(numeric, 7, 5) =', 'csat_agg(c7_n, 7, 5)', '=', NULL),
	('raw', 7, 'csat_agg(int, w) =', 'csat_agg(c5, w_exact)', '=', NULL),
	('raw', 8, 'csat_agg(smallint, 7, w) =', 'csat_agg(c7_s, 7, w_exact)', '=', NULL),
	('raw', 9, 'csat_agg(numeric, 7, 5, w) =', 'csat_agg(c7_n, 7, 5, w_exact)', '=', NULL),
	('raw', 10, 'csat_agg(int, ugly w) ~', 'csat_agg(c5, w_ugly)', '~', NULL),
	('raw', 11, 'csat_agg(numeric, 7, 5, ugly w) ~', 'csat_agg(c7_n, 7, 5, w_ugly)', '~', NULL),
	('raw', 12, 'csat_agg(smallint, ugly w) ~', 'csat_agg(c5_s, w_ugly)', '~', NULL),
	('raw', 13, 'csat_agg(int, 7, ugly w) ~', 'csat_agg(c7, 7, w_ugly)', '~', NULL),
	('raw', 14, 'csat_summary(int) =', 'csat_summary(c5)', '=', NULL),
	('raw', 15, 'csat_summary(smallint, 7) =', 'csat_summary(c7_s, 7)', '=', NULL),
	('raw', 16, 'csat_summary(numeric, 7, 5) =', 'csat_summary(c7_n, 7, 5)', '=', NULL),
	('raw', 17, 'csat_summary(numeric, w) =', 'csat_summary(c5_n, w_exact)', '=', NULL),
	('raw', 18, 'csat_summary(int, 7, 5, w) =', 'csat_summary(c7, 7, 5, w_exact)', '=', NULL),
	('raw', 19, 'csat_summary(int, 7, 5, ugly w) ~', 'csat_summary(c7, 7, 5, w_ugly)', 's~', NULL),
	('raw', 20, 'csat_summary(numeric, ugly w) ~', 'csat_summary(c5_n, w_ugly)', 's~', NULL),
	('raw', 21, 'ces_agg(int) =', 'ces_agg(e7)', '=', NULL),
	('raw', 22, 'ces_agg(smallint) =', 'ces_agg(e7_s)', '=', NULL),
	('raw', 23, 'ces_agg(numeric) =', 'ces_agg(e7_n)', '=', NULL),
	('raw', 24, 'ces_agg(int, 5) =', 'ces_agg(c5, 5)', '=', NULL),
	('raw', 25, 'ces_agg(int, w) =', 'ces_agg(e7, w_exact)', '=', NULL),
	('raw', 26, 'ces_agg(numeric, 5, w) =', 'ces_agg(c5_n, 5, w_exact)', '=', NULL),
	('raw', 27, 'ces_agg(smallint, ugly w) ~', 'ces_agg(e7_s, w_ugly)', '~', NULL),
	('raw', 28, 'ces_agg(int, 5, ugly w) ~', 'ces_agg(c5, 5, w_ugly)', '~', NULL),
	('raw', 29, 'ces_agg(numeric, ugly w) ~', 'ces_agg(e7_n, w_ugly)', '~', NULL),
	('raw', 30, 'ces_summary(int) =', 'ces_summary(e7)', '=', NULL),
	('raw', 31, 'ces_summary(smallint, 5) =', 'ces_summary(c5_s, 5)', '=', NULL),
	('raw', 32, 'ces_summary(numeric, w) =', 'ces_summary(e7_n, w_exact)', '=', NULL),
	('raw', 33, 'ces_summary(int, 7, ugly w) ~', 'ces_summary(e7, 7, w_ugly)', 's~', NULL),
	('raw', 34, 'ces_summary(smallint, 5, ugly w) ~', 'ces_summary(c5_s, 5, w_ugly)', 's~', NULL),
	('daily', 41, 'csat_agg(csat_summary) =', 'csat_agg(s5)', '=', NULL),
	('daily', 42, 'csat_summary(csat_summary) =', 'csat_summary(s5)', '=', NULL),
	('daily', 43, 'csat_agg(1..7 from 5) =', 'csat_agg(s7)', '=', NULL),
	('daily', 44, 'csat_summary(1..7 from 5, w) =', 'csat_summary(s7_exact)', '=', NULL),
	('daily', 45, 'csat_agg(w summaries) =', 'csat_agg(s5_exact)', '=', NULL),
	('daily', 46, 'csat_agg(ugly w summaries) ~', 'csat_agg(s5_ugly)', '~', NULL),
	('daily', 47, 'csat_summary(ugly w summaries) ~', 'csat_summary(s5_ugly)', 's~', NULL),
	('daily', 48, 'csat_agg(mixed summaries) =', 'csat_agg(s5_mix)', '=', NULL),
	('daily', 49, 'csat_summary(mixed summaries) =', 'csat_summary(s5_mix)', '=', NULL),
	('daily', 50, 'ces_agg(ces_summary) =', 'ces_agg(e)', '=', NULL),
	('daily', 51, 'ces_summary(ces_summary) =', 'ces_summary(e)', '=', NULL),
	('daily', 52, 'ces_agg(w summaries) =', 'ces_agg(e_exact)', '=', NULL),
	('daily', 53, 'ces_summary(w summaries) =', 'ces_summary(e_exact)', '=', NULL),
	('daily', 54, 'ces_agg(ugly w summaries) ~', 'ces_agg(e_ugly)', '~', NULL),
	('daily', 55, 'ces_summary(ugly w summaries) ~', 'ces_summary(e_ugly)', 's~', NULL),
	('daily', 56, 'ces_summary(mixed summaries) =', 'ces_summary(e_mix)', '=', NULL),
	-- controls: a different value on purpose
	('control', 61, 'csat_agg(c5) vs top box', 'csat_agg(c5)', '=', 'csat_agg(c5, 5, 5)'),
	('control', 62, 'ces_agg(e7) vs unweighted', 'ces_agg(e7, w_exact)', '=', 'ces_agg(e7)'),
	('control', 63, 'inverse that adds the row again', 'cc_broken_csat_agg(c5)', '=',
	 'csat_agg(c5)');

-- A control aggregate: csat_agg(integer) with a broken inverse transition
-- that adds the leaving row again instead of removing it.  The window
-- machinery does call the inverse transition on these frames, and the
-- comparison catches it.
CREATE AGGREGATE cc_broken_csat_agg(integer) (
	SFUNC = csat_trans, STYPE = csat_summary, FINALFUNC = csat,
	MSFUNC = csat_trans, MINVFUNC = csat_trans, MSTYPE = csat_summary, MFINALFUNC = csat
);

-- cc_win_mismatches: for every form of one group, the number of rows of
-- its table where the window aggregate over ROWS BETWEEN preceding
-- PRECEDING AND (following FOLLOWING | CURRENT ROW), ordered by rn (or by
-- prn within PARTITION BY seg), differs from the direct aggregate over the
-- same rows, found by a self-join on the row range and GROUP BY, without
-- a window.  ord 0 reports how many rows were compared.  direct_preceding
-- lets a control use a wrong range on purpose.
CREATE FUNCTION cc_win_mismatches(grp text, preceding int, following int, by_seg boolean,
								  direct_preceding int DEFAULT NULL)
RETURNS TABLE (ord int, mismatches bigint) LANGUAGE plpgsql AS $$
DECLARE
	tbl text := CASE grp WHEN 'daily' THEN 'cc_win_daily' ELSE 'cc_win_resp' END;
	win_cols text;
	direct_cols text;
	checks text;
	ords int[];
BEGIN
	SELECT string_agg(format('%s OVER w AS w%s', f.win_expr, f.ord), ', ' ORDER BY f.ord),
		   string_agg(format('%s AS d%s', coalesce(f.direct_expr, f.win_expr), f.ord), ', '
					  ORDER BY f.ord),
		   string_agg(format('count(*) FILTER (WHERE NOT coalesce(%s, false))',
							 replace(replace(CASE f.cmp
								 WHEN '=' THEN 'w# IS NOT DISTINCT FROM d#'
								 WHEN '~' THEN '(w# IS NULL AND d# IS NULL) OR abs(w# - d#) <= 1e-9'
								 WHEN 's~' THEN '(w# IS NULL AND d# IS NULL) OR near(w#, d#)'
							 END, 'w#', 'w' || f.ord), 'd#', 'd' || f.ord)), ', ' ORDER BY f.ord),
		   array_agg(f.ord ORDER BY f.ord)
	INTO win_cols, direct_cols, checks, ords
	FROM cc_win_forms f WHERE f.grp = cc_win_mismatches.grp;
	RETURN QUERY EXECUTE format(
		'SELECT unnest(%1$L::int[] || 0), unnest(ARRAY[%2$s, count(*)]) '
		'FROM (SELECT rn AS orn, %3$s FROM %4$I '
		'	   WINDOW w AS (%5$s ORDER BY %6$s ROWS BETWEEN %7$s PRECEDING AND %8$s)) win '
		'JOIN (SELECT orn, %9$s '
		'	   FROM (SELECT o.rn AS orn, i.* FROM %4$I o JOIN %4$I i ON %10$s) f '
		'	   GROUP BY orn) direct USING (orn)',
		ords, checks, win_cols, tbl,
		CASE WHEN by_seg THEN 'PARTITION BY seg' ELSE '' END,
		CASE WHEN by_seg THEN 'prn' ELSE 'rn' END,
		preceding,
		CASE WHEN following = 0 THEN 'CURRENT ROW' ELSE following || ' FOLLOWING' END,
		direct_cols,
		format(CASE WHEN by_seg
					THEN 'i.seg = o.seg AND i.prn BETWEEN o.prn - %s AND o.prn + %s'
					ELSE 'i.rn BETWEEN o.rn - %s AND o.rn + %s' END,
			   coalesce(direct_preceding, preceding), following));
END
$$;

-- Controls: the comparison does see a wrong value (the top box instead of
-- the top two boxes; the exact-weighted mean against the plain one) and a
-- wrong frame (8 rows in the window, 7 in the direct aggregate).  Expected
-- counts worked out independently with a short Python script that
-- regenerates the rows, over 8-row frames: 310 and 373 rows differ in
-- value, 392 with the broken inverse transition (whose state holds the
-- rows up to the current one plus, a second time, those that left the
-- frame); with the wrong frame 323 for csat_agg(c5), 330 for
-- csat_summary(c7, 7, 5, w_ugly) compared with the tolerance (the rows
-- whose frame starts with a non-NULL c7), 310 for ces_agg(e7).
SELECT f.label, m.mismatches
FROM cc_win_forms f JOIN cc_win_mismatches('control', 7, 0, false) m USING (ord)
WHERE f.grp = 'control'
ORDER BY f.ord;
SELECT f.label, m.mismatches AS wrong_frame
FROM cc_win_forms f JOIN cc_win_mismatches('raw', 7, 0, false, 6) m USING (ord)
WHERE f.ord IN (1, 19, 21)
ORDER BY f.ord;

-- Every form, for frames of 0, 1, 2, 7, 29 and 100 preceding rows up to
-- the current row, and 3 preceding to 2 following (both ends move):
-- mismatches per frame, in that order, without and with PARTITION BY seg.
-- Every frame compared all the rows of its table (last line).
CREATE TEMP TABLE cc_win_results AS
SELECT g.grp, fr.fno, s.by_seg, m.ord, m.mismatches
FROM (VALUES ('raw'), ('daily')) g(grp)
CROSS JOIN (VALUES (1, 0, 0), (2, 1, 0), (3, 2, 0), (4, 7, 0), (5, 29, 0), (6, 100, 0),
				   (7, 3, 2)) fr(fno, preceding, following)
CROSS JOIN (VALUES (false), (true)) s(by_seg)
CROSS JOIN LATERAL cc_win_mismatches(g.grp, fr.preceding, fr.following, s.by_seg) m;
SELECT f.label,
	   array_agg(r.mismatches ORDER BY r.fno) FILTER (WHERE NOT r.by_seg) AS mismatches,
	   array_agg(r.mismatches ORDER BY r.fno) FILTER (WHERE r.by_seg) AS by_segment
FROM cc_win_results r JOIN cc_win_forms f USING (grp, ord)
GROUP BY f.ord, f.label
ORDER BY f.ord;
SELECT grp AS "table", array_agg(DISTINCT mismatches) AS rows_compared
FROM cc_win_results WHERE ord = 0
GROUP BY grp ORDER BY grp DESC;

-- Frames without any non-NULL score give NULL, as avg() does, for every
-- form.  Frames of 8 rows (7 preceding) lie wholly inside the NULL scores
-- at ids 101..130 when they end on ids 108..130: 23 frames (the scattered
-- NULLs never fill a frame).
SELECT count(*) AS frames_without_answers,
	   min(id) AS first_id, max(id) AS last_id,
	   count(*) FILTER (WHERE num_nonnulls(a1, a2, a3, a4, a5, a6, s1, s2, s3, s4,
										   e1, e2, e3, e4, e5, es1, es2, es3) > 0)
		   AS not_null_results
FROM (SELECT id, avg(c5) OVER w AS avg_c5,
			 csat_agg(c5) OVER w AS a1, csat_agg(c5_n, 5, 4) OVER w AS a2,
			 csat_agg(c7_s, 7) OVER w AS a3, csat_agg(c5, w_exact) OVER w AS a4,
			 csat_agg(c7, 7, 5, w_exact) OVER w AS a5, csat_agg(c5_s, w_ugly) OVER w AS a6,
			 csat_summary(c5) OVER w AS s1, csat_summary(c7, 7, 5) OVER w AS s2,
			 csat_summary(c5, w_exact) OVER w AS s3, csat_summary(c7_n, 7, w_ugly) OVER w AS s4,
			 ces_agg(e7) OVER w AS e1, ces_agg(e7_n, 7) OVER w AS e2,
			 ces_agg(e7_s, w_exact) OVER w AS e3, ces_agg(e7, w_ugly) OVER w AS e4,
			 ces_agg(c5, 5) OVER w AS e5,
			 ces_summary(e7) OVER w AS es1, ces_summary(e7, w_exact) OVER w AS es2,
			 ces_summary(e7_n, w_ugly) OVER w AS es3
	  FROM cc_win_resp
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)) x
WHERE avg_c5 IS NULL;

-- A handful of values over 8-row frames (7 preceding), worked out
-- independently in Python from the same formulas (ugly ones to 9
-- decimals):
--   id 8:   c5 2 2 4 4 5 1 2 3: 3 of 8 satisfied, 37.5; exact weights
--           1.75 1.25 1 0.25 2 1.75 1 0.75: 3.25 of 9.75, 33.33333333333333;
--           ugly 34.042553191; c7 2 1 3 2 2 3 3 4: none from 5, 0;
--           e7 3 2 4 3 2 4 3 NULL: 21 / 7 = 3; exact 2.9444444444444446;
--           ugly 2.961538462; c5 counts 1 3 1 2 1
--   id 100: 57.14285714285714, 40.74074074074074, 67.226890756,
--           28.57142857142857, 3.4285714285714284, 4.366666666666666,
--           3.134920635, counts 1 2 0 2 2
--   id 131: the frame's only answers (c5 3, c7 6, e7 1) weigh exactly 0:
--           CSAT 0, exact-weighted NULL (no weight), ugly 0; from 5: 100;
--           CES 1, exact-weighted NULL, ugly 1
--   id 140: 57.14285714285714, 35.714285714285715, 54.166666667, 87.5,
--           4.857142857142857, 4.809523809523809, 5.622641509
--   id 400: 57.14285714285714, 70.58823529411765, 69.696969697,
--           85.71428571428571, 4.857142857142857, 3.909090909090909,
--           4.653465347
SELECT id, c5, csat, csat_w, round(csat_ugly::numeric, 9) AS csat_ugly,
	   csat7_from5, ces, ces_w, round(ces_ugly::numeric, 9) AS ces_ugly, distribution
FROM (SELECT id, c5, csat_agg(c5) OVER w AS csat, csat_agg(c5, w_exact) OVER w AS csat_w,
			 csat_agg(c5, w_ugly) OVER w AS csat_ugly,
			 csat_agg(c7, 7, 5) OVER w AS csat7_from5,
			 ces_agg(e7) OVER w AS ces, ces_agg(e7, w_exact) OVER w AS ces_w,
			 ces_agg(e7, w_ugly) OVER w AS ces_ugly,
			 distribution(csat_summary(c5) OVER w) AS distribution
	  FROM cc_win_resp
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)) x
WHERE id IN (8, 100, 131, 140, 400)
ORDER BY id;

-- The roll-up forms over stored summaries in segment x, 3-row frames.
-- Segment x has no answer on day 34 and none but NULL scores from day 35
-- to 44, so those summaries are NULL and the frames ending on days 37..44
-- hold no answer (NULL), and the one ending on day 36 holds only the CES
-- answer of day 33 (a 7; its c5 is NULL).  Values worked out in Python:
--   day 31 (days 28, 29, 31): c5 counts 2 0 2 2 1, CSAT 3 / 7 =
--           42.857142857142854, c7 from 5 also 42.857142857142854, CES
--           4.285714285714286, mixed (odd days weighted) 5.071428571428571
--   day 35 (days 32, 33, 35): 33.33333333333333, 0, 5, 5.4
--   day 45 (days 43, 44, 45): one answer of each: 100, 100, 1, 1
--   day 47 (days 45, 46, 47): 66.66666666666666, 83.33333333333334,
--           4.833333333333333, 4.904761904761905
SELECT day_no, csat, csat_summary, csat7_from5, ces, ces_mix
FROM (SELECT day - date '2024-01-01' AS day_no,
			 csat_agg(s5) OVER w AS csat, csat_summary(s5) OVER w AS csat_summary,
			 csat_agg(s7) OVER w AS csat7_from5, ces_agg(e) OVER w AS ces,
			 ces_agg(e_mix) OVER w AS ces_mix
	  FROM cc_win_daily
	  WHERE seg = 'x'
	  WINDOW w AS (ORDER BY day ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) x
WHERE day_no BETWEEN 31 AND 47
ORDER BY day_no;

DROP FUNCTION cc_win_mismatches(text, int, int, boolean, int);
DROP AGGREGATE cc_broken_csat_agg(integer);
DROP TABLE cc_win_resp, cc_win_daily, cc_win_forms;
