-- NPS aggregates as window functions over rolling frames.  With moving
-- aggregation PostgreSQL adds the row entering the frame and removes the
-- row leaving it (the inverse transition); the value of every frame must
-- be what the same aggregate gives over the frame's rows on their own.

-- 400 answers in id order, deterministic (a multiplicative hash of the row
-- number), in two interleaved segments x and y.  Scores 0..10 (some 7.0
-- as numeric), every 9th score NULL and a run of 30 NULL scores at ids
-- 101..130, so that narrow frames hold no answer at all.  w_exact is a
-- multiple of 0.5 (0 included, every 37th NULL): its sums are exact, so
-- its double sums are exact too.  w_ugly is 0.1 .. 3.0, whose double sums
-- are rounded; the window keeps its weight sums exactly (and rounds once,
-- at the end), so it agrees with the plain aggregate to rounding.
CREATE TABLE win_resp AS
SELECT id, id AS rn, seg,
	   row_number() OVER (PARTITION BY seg ORDER BY id)::int AS prn,
	   (id - 1) / 3 + 1 AS day_no,
	   score, score::smallint AS score_s,
	   CASE WHEN id % 2 = 0 THEN score::numeric(4,1) ELSE score::numeric END AS score_n,
	   w_exact, w_ugly
FROM (SELECT i AS id,
			 CASE WHEN (h >> 28) % 3 = 0 THEN 'y' ELSE 'x' END AS seg,
			 CASE WHEN i BETWEEN 101 AND 130 OR i % 9 = 0 THEN NULL
				  ELSE least(10, (h >> 20) % 14) END::int AS score,
			 CASE WHEN i % 37 = 0 THEN NULL ELSE ((h >> 8) % 9) * 0.5 END::float8 AS w_exact,
			 ((h >> 13) % 30 + 1)::float8 / 10 AS w_ugly
	  FROM (SELECT i, i::bigint * 2654435761 % 4294967296 AS h
			FROM generate_series(1, 400) i) g) t;
CREATE INDEX ON win_resp (rn);
CREATE INDEX ON win_resp (seg, prn);

-- Stored summaries per (segment, day) for the roll-up forms; a day whose
-- scores are all NULL stores NULL (13 of them, 11 between day_no 33 and
-- 44), and every day_no = 5 mod 11 is missing, as days without a survey
-- are.  s_mix holds unweighted
-- summaries on even days and weighted ones on odd days.
CREATE TABLE win_daily AS
SELECT seg, date '2024-01-01' + day_no AS day,
	   row_number() OVER (ORDER BY day_no, seg)::int AS rn,
	   row_number() OVER (PARTITION BY seg ORDER BY day_no)::int AS prn,
	   nps_summary(score) AS s,
	   nps_summary(score, w_exact) AS s_exact,
	   nps_summary(score, w_ugly) AS s_ugly,
	   CASE WHEN day_no % 2 = 0 THEN nps_summary(score)
			ELSE nps_summary(score, w_exact) END AS s_mix
FROM win_resp
WHERE day_no % 11 <> 5
GROUP BY seg, day_no;
CREATE INDEX ON win_daily (rn);
CREATE INDEX ON win_daily (seg, prn);
SELECT count(*) AS days, count(s) AS with_answers FROM win_daily;

-- Summaries compare with near() (sql/setup.sql): the same counts, weight
-- sums within 1e-9, for the ugly weights whose sums depend on the order of
-- the additions.  win_mismatches (sql/setup.sql) counts the rows of a
-- table where a window aggregate over a frame of rows differs from the
-- same aggregate over the frame's rows on their own.


-- Controls: the comparison does see a wrong frame (7 vs 6 preceding rows)
-- and a wrong value (a different aggregate).  Expected counts were worked
-- out independently with a short Python script that regenerates the rows.
SELECT win_mismatches('win_resp', 'nps_agg(score)', 7, 0, false,
					  'w IS NOT DISTINCT FROM d', NULL, 6) AS wrong_frame,
	   win_mismatches('win_resp', 'nps_agg(score)', 7, 0, false,
					  'w IS NOT DISTINCT FROM d', 'nps_agg(score, w_exact)') AS wrong_value,
	   -- the tolerant comparison of summaries notices a row more or less
	   win_mismatches('win_resp', 'nps_summary(score, w_ugly)', 7, 0, false,
					  '(w IS NULL AND d IS NULL) OR near(w, d)', NULL, 6)
		   AS wrong_frame_near;

-- Every form, for frames of 0, 1, 2, 7, 29 and 100 preceding rows up to
-- the current row, 3 preceding to 2 following (both ends move), and 5 to
-- 2 preceding (empty at the start of a partition, where the result is
-- NULL): mismatches per frame, in that order, without and with PARTITION
-- BY seg.
-- Comparisons:
--   =   exact (IS NOT DISTINCT FROM; summaries with their = operator):
--       unweighted counts and multiples of 0.5 add and subtract exactly;
--   ~   within 1e-9, against the aggregate over the frame's rows: the
--       plain aggregate rounds ugly weights at each addition, the window
--       sums them exactly and rounds once.
CREATE TEMP TABLE win_forms (ord int, tbl text, label text, win_expr text, cmp text,
							 direct_expr text);
INSERT INTO win_forms VALUES
	(1, 'win_resp', 'nps_agg(integer) =', 'nps_agg(score)', '=', NULL),
	(2, 'win_resp', 'nps_agg(smallint) =', 'nps_agg(score_s)', '=', NULL),
	(3, 'win_resp', 'nps_agg(numeric) =', 'nps_agg(score_n)', '=', NULL),
	(4, 'win_resp', 'nps_agg(integer, exact w) =', 'nps_agg(score, w_exact)', '=', NULL),
	(5, 'win_resp', 'nps_agg(smallint, exact w) =', 'nps_agg(score_s, w_exact)', '=', NULL),
	(6, 'win_resp', 'nps_agg(numeric, exact w) =', 'nps_agg(score_n, w_exact)', '=', NULL),
	(7, 'win_resp', 'nps_agg(integer, ugly w) ~', 'nps_agg(score, w_ugly)', '~', NULL),
	(8, 'win_resp', 'nps_agg(smallint, ugly w) ~', 'nps_agg(score_s, w_ugly)', '~', NULL),
	(9, 'win_resp', 'nps_agg(numeric, ugly w) ~', 'nps_agg(score_n, w_ugly)', '~', NULL),
	(11, 'win_resp', 'nps_summary(integer) =', 'nps_summary(score)', '=', NULL),
	(12, 'win_resp', 'nps_summary(smallint) =', 'nps_summary(score_s)', '=', NULL),
	(13, 'win_resp', 'nps_summary(numeric) =', 'nps_summary(score_n)', '=', NULL),
	(14, 'win_resp', 'nps_summary(integer, exact w) =', 'nps_summary(score, w_exact)', '=', NULL),
	(15, 'win_resp', 'nps_summary(smallint, exact w) =', 'nps_summary(score_s, w_exact)', '=', NULL),
	(16, 'win_resp', 'nps_summary(numeric, exact w) =', 'nps_summary(score_n, w_exact)', '=', NULL),
	(17, 'win_resp', 'nps_summary(integer, ugly w) ~', 'nps_summary(score, w_ugly)', 's~', NULL),
	(18, 'win_resp', 'nps_summary(smallint, ugly w) ~', 'nps_summary(score_s, w_ugly)', 's~', NULL),
	(21, 'win_daily', 'nps_agg(nps_summary) =', 'nps_agg(s)', '=', NULL),
	(22, 'win_daily', 'nps_summary(nps_summary) =', 'nps_summary(s)', '=', NULL),
	(23, 'win_daily', 'nps_agg(exact w summaries) =', 'nps_agg(s_exact)', '=', NULL),
	(24, 'win_daily', 'nps_summary(exact w summaries) =', 'nps_summary(s_exact)', '=', NULL),
	(25, 'win_daily', 'nps_agg(ugly w summaries) ~', 'nps_agg(s_ugly)', '~', NULL),
	(26, 'win_daily', 'nps_summary(ugly w summaries) ~', 'nps_summary(s_ugly)', 's~', NULL),
	(28, 'win_daily', 'nps_agg(mixed summaries) =', 'nps_agg(s_mix)', '=', NULL),
	(29, 'win_daily', 'nps_summary(mixed summaries) =', 'nps_summary(s_mix)', '=', NULL);

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

-- Frames without any non-NULL score give NULL, as avg() does, for every
-- form.  Frames of 8 rows (7 preceding) lie wholly inside the NULL scores
-- at ids 101..130 when they end on ids 108..130: 23 frames (the scattered
-- NULLs of every 9th row never fill a frame).
SELECT count(*) AS frames_without_answers,
	   min(id) AS first_id, max(id) AS last_id,
	   count(*) FILTER (WHERE a_int IS NOT NULL OR a_s IS NOT NULL OR a_n IS NOT NULL
						OR aw IS NOT NULL OR au IS NOT NULL OR s IS NOT NULL
						OR sw IS NOT NULL OR su IS NOT NULL) AS not_null_results
FROM (SELECT id, avg(score) OVER w AS avg_score,
			 nps_agg(score) OVER w AS a_int, nps_agg(score_s) OVER w AS a_s,
			 nps_agg(score_n) OVER w AS a_n, nps_agg(score, w_exact) OVER w AS aw,
			 nps_agg(score, w_ugly) OVER w AS au, nps_summary(score) OVER w AS s,
			 nps_summary(score, w_exact) OVER w AS sw, nps_summary(score, w_ugly) OVER w AS su
	  FROM win_resp
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)) x
WHERE avg_score IS NULL;

-- The same for stored summaries.  In segment x every stored day from
-- Feb 3 to Feb 14 (day_no 33..44) holds only NULL scores, so its summary is
-- NULL; 3-day frames ending Feb 6..14 hold no answer.  Values worked out
-- in Python: Feb 1: days 28, 29, 31, 7 answers, NPS 14.285714285714286,
-- mixed 13.636363636363637; Feb 5: 3 answers (one 9, two 10s): 100;
-- Feb 16: a 10, a 3 and a 6: -33.333333333333336; mixed -14.285714285714286
-- (odd day 45's 10 weighs 1.5, even day 46's 3 and 6 weigh 1 each:
-- 100 * (1.5 - 2) / 3.5); Feb 17: -16.666666666666668, mixed
-- 17.647058823529413.
SELECT to_char(day, 'YYYY-MM-DD') AS day, nps, summary, nps_mix
FROM (SELECT day, nps_agg(s) OVER w AS nps, nps_summary(s) OVER w AS summary,
			 nps_agg(s_mix) OVER w AS nps_mix
	  FROM win_daily
	  WHERE seg = 'x'
	  WINDOW w AS (ORDER BY day ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) x
WHERE day BETWEEN date '2024-02-01' AND date '2024-02-17'
ORDER BY day;

-- A handful of values over 8-row frames (7 preceding), worked out
-- independently in Python from the same formulas:
--   id 8:   scores 10 0 10 1 5 2 6 3: 2 promoters, 6 detractors: -50;
--           exact weights -43.58974358974359; ugly -37.588652482
--   id 100: 8 10 9 10 10 10 NULL 0: 5 promoters, 1 detractor of 7:
--           57.142857142857146; exact weights 51.851851851851855; ugly
--           52.941176471
--   id 131: the frame's only answer (8, a passive) weighs exactly 0:
--           NPS 0, exact-weighted NULL (no weight), ugly 0
--   id 140: -57.142857142857146, -78.57142857142857, -53.125
--   id 400: -28.571428571428573, 5.882352941176471, -24.242424242
SELECT id, score, nps, nps_exact_w, round(nps_ugly_w::numeric, 9) AS nps_ugly_w,
	   distribution
FROM (SELECT id, score, nps_agg(score) OVER w AS nps,
			 nps_agg(score, w_exact) OVER w AS nps_exact_w,
			 nps_agg(score, w_ugly) OVER w AS nps_ugly_w,
			 distribution(nps_summary(score) OVER w) AS distribution
	  FROM win_resp
	  WINDOW w AS (ORDER BY rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)) x
WHERE id IN (8, 100, 131, 140, 400)
ORDER BY id;

-- Calendar frames over stored daily summaries with missing days: the
-- last 7 days by date (RANGE), whatever rows exist, equal the roll-up of
-- the summaries dated within those 7 days.
SELECT count(*) AS days,
	   count(*) FILTER (WHERE w_s IS DISTINCT FROM d_s) AS summary_mismatches,
	   count(*) FILTER (WHERE w_a IS DISTINCT FROM d_a) AS nps_mismatches,
	   count(*) FILTER (WHERE w_mix IS DISTINCT FROM d_mix) AS mixed_mismatches
FROM (SELECT o.day,
			 nps_summary(o.s) OVER w AS w_s, nps_agg(o.s_exact) OVER w AS w_a,
			 nps_summary(o.s_mix) OVER w AS w_mix,
			 (SELECT nps_summary(i.s) FROM win_daily i
			  WHERE i.seg = o.seg AND i.day BETWEEN o.day - 6 AND o.day) AS d_s,
			 (SELECT nps_agg(i.s_exact) FROM win_daily i
			  WHERE i.seg = o.seg AND i.day BETWEEN o.day - 6 AND o.day) AS d_a,
			 (SELECT nps_summary(i.s_mix) FROM win_daily i
			  WHERE i.seg = o.seg AND i.day BETWEEN o.day - 6 AND o.day) AS d_mix
	  FROM win_daily o
	  WINDOW w AS (PARTITION BY o.seg ORDER BY o.day
				   RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW)) x;

-- A weight 10^15 times the others enters and then leaves the frame.  A
-- window that subtracted rounded double sums would keep an error of about
-- ulp(10^15) = 0.125 in every later weight sum (a point or more of NPS);
-- the exact sums come back to what the frame's rows alone give.  While the
-- giant promoter is in the frame (rows 3 to 10) the NPS is nearly 100.
CREATE TABLE giant AS
SELECT rn, CASE WHEN rn = 3 THEN 10 ELSE score END AS score,
	   CASE WHEN rn = 3 THEN 1e15 ELSE w_ugly END AS w
FROM (SELECT row_number() OVER (ORDER BY rn)::int AS rn, score, w_ugly
	  FROM win_resp WHERE score IS NOT NULL) r
WHERE rn <= 150;
SELECT count(*) FILTER (WHERE rn > 12) AS frames_after_the_giant_left,
	   count(*) FILTER (WHERE rn > 12 AND abs(win - direct) > 1e-9) AS mismatches,
	   count(*) FILTER (WHERE rn BETWEEN 3 AND 10 AND win < 99) AS giant_frames_not_all_its_score
FROM (SELECT rn, nps_agg(score, w) OVER (ORDER BY rn ROWS BETWEEN 7 PRECEDING AND CURRENT ROW) AS win,
			 (SELECT nps_agg(g2.score, g2.w) FROM giant g2
			  WHERE g2.rn IN (SELECT g3.rn FROM giant g3 WHERE g3.rn <= g1.rn
							  ORDER BY g3.rn DESC LIMIT 8)) AS direct
	  FROM giant g1) x;
SELECT rn, score, w FROM giant WHERE rn BETWEEN 2 AND 4 ORDER BY rn;

DROP TABLE win_resp, win_daily, giant;
