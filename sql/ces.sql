-- CES: the mean effort score on a 1..k scale (default 1..7), the share of a
-- band, the normal interval of the mean and Welch's test.  Numbers worked
-- out by hand or in Python (statistics.NormalDist; mpmath.betainc for the
-- t distribution) as the comments say.

-- Seven answers on 1..7: 1 2 3 4 5 5 7.  Mean = 27 / 7 = 3.857142857;
-- "easy" (5..7): 3 of 7 = 42.857 %.
CREATE TABLE seven AS SELECT s FROM unnest(ARRAY[1, 2, 3, 4, 5, 5, 7]) s;
SELECT round(ces_agg(s)::numeric, 10) AS ces, round(ces_agg(s, 7)::numeric, 10) AS explicit_scale,
	   round(ces_agg(s::smallint)::numeric, 10) AS from_smallint,
	   round(ces_agg(s::numeric)::numeric, 10) AS from_numeric,
	   round(avg(s), 10) AS avg_by_hand
FROM seven;
SELECT ces_summary(s) FROM seven;
SELECT round(ces(c)::numeric, 10) AS ces, ces(c) = mean(c) AS ces_is_mean, responses(c),
	   distribution(c), round(share(c, 5, 7)::numeric, 10) AS easy, share(c, 6, 6) AS sixes
FROM (SELECT ces_summary(s) AS c FROM seven) t;
-- a 1..5 survey fits the default 1..7 scale, and its own 1..5 scale:
-- 2 4 5 -> mean 11 / 3 either way
SELECT round(ces_agg(s)::numeric, 10) AS default_scale, round(ces_agg(s, 5)::numeric, 10) AS five_point
FROM unnest(ARRAY[2, 4, 5]) s;
-- NULLs skipped, no answers NULL
SELECT ces_agg(s) AS only_nulls, ces_summary(s) AS no_summary FROM (VALUES (NULL::int)) v(s);
-- equal to avg() over many groups
SELECT count(*) AS mismatches
FROM (SELECT g, ces_agg(s) AS ces, avg(s) AS by_hand
	  FROM (SELECT i % 9 AS g, 1 + (i * 17) % 7 AS s FROM generate_series(1, 5000) i) d
	  GROUP BY g) t
WHERE abs(ces - by_hand) > 1e-12;

-- Weights: (7, 2.0) (3, 1.0) (5, 1.0): mean = (14 + 3 + 5) / 4 = 5.5
SELECT ces_agg(s, w) AS ces, ces_agg(s, 7, w) AS with_scale, ces_agg(s::numeric, w) AS from_numeric
FROM (VALUES (7, 2.0), (3, 1.0), (5, 1.0)) v(s, w);

-- Statistics of the seven answers: sample variance = 29 / 7 = 4.142857
-- (sum of squared deviations 29 / (n - 1) = 6), std_error = sqrt(4.142857 / 7)
-- = 0.7693092582; Student's t with 7 - 1 = 6 degrees of freedom (R:
-- qt(0.975, 6) = 2.4469118511, qt(0.95, 6) = 1.9431802805); 95 %:
-- 3.857143 -+ 2.446912 * 0.769309 = [1.9747109162, 5.7395747981];
-- 90 %: 3.857143 -+ 1.943180 * 0.769309 = [2.3622362771, 5.3520494372]
SELECT round(std_error(c)::numeric, 10) AS std_error,
	   round(ci_lower(c)::numeric, 10) AS lower, round(ci_upper(c)::numeric, 10) AS upper,
	   round(ci_lower(c, 0.9)::numeric, 10) AS lower_90, round(ci_upper(c, 0.9)::numeric, 10) AS upper_90
FROM (SELECT ces_summary(s) AS c FROM seven) t;
-- Weighted (7, 2) (3, 1) (5, 1), design-based: W = 4, mean 22 / 4 = 5.5;
-- A = sum w (x - mean)^2 = 2 * 2.25 + 6.25 + 0.25 = 11,
-- B = sum w^2 (x - mean)^2 = 4 * 2.25 + 6.25 + 0.25 = 15.5;
-- V = n / (n - 1) B / W^2 = 3/2 * 15.5 / 16, std_error = sqrt(V) =
-- 1.2054563451 (R: SE(svymean(~x, svydesign(ids = ~1, weights = ~w))));
-- n_eff = W A / B = 44 / 15.5 = 2.8387096774, t with 1.8387096774 degrees
-- of freedom (R: qt(0.975, 44/15.5 - 1) = 4.6853679121);
-- 95 %: 5.5 -+ 4.685368 * 1.205456 = [-0.1480064789, 11.1480064789]
SELECT round(std_error(c)::numeric, 10) AS std_error,
	   round(ci_lower(c)::numeric, 10) AS lower, round(ci_upper(c)::numeric, 10) AS upper
FROM (SELECT ces_summary(s, w) AS c FROM (VALUES (7, 2.0), (3, 1.0), (5, 1.0)) v(s, w)) t;
-- One answer has no variance, so no interval
SELECT std_error(c), ci_lower(c), ci_upper(c) FROM (SELECT ces_summary(4) AS c) t;

-- Welch: the seven answers (mean 3.857, variance 4.143) against
-- 4 5 6 6 7 7 7 (mean 6, variance 1.333): t = -2.4227185593,
-- df = 9.4995809889, p = 0.0370957260
-- 1..5: 3x1 4x2 5x3 5x4 3x5 (mean 3.05) against 2x2 3x3 10x4 10x5
-- (mean 4.12): t = -3.0746297986, df = 32.959, p = 0.0042145710
SELECT round(p_value(a.c, b.c)::numeric, 10) AS p_value, round(p_value(b.c, a.c)::numeric, 10) AS symmetric,
	   p_value(a.c, a.c) AS same
FROM (SELECT ces_summary(s) AS c FROM seven) a,
	 (SELECT ces_summary(s) AS c FROM unnest(ARRAY[4, 5, 6, 6, 7, 7, 7]) s) b;
SELECT round(p_value(a.c, b.c)::numeric, 10) AS p_value
FROM (SELECT ces_summary(s, 5) AS c
	  FROM unnest(array_fill(1, ARRAY[3]) || array_fill(2, ARRAY[4]) || array_fill(3, ARRAY[5]) ||
				  array_fill(4, ARRAY[5]) || array_fill(5, ARRAY[3])) s) a,
	 (SELECT ces_summary(s, 5) AS c
	  FROM unnest(array_fill(2, ARRAY[2]) || array_fill(3, ARRAY[3]) ||
				  array_fill(4, ARRAY[10]) || array_fill(5, ARRAY[10])) s) b;
-- no spread on either side: equal means p = 1, different means p = 0
SELECT p_value(ces_summary(5), ces_summary(5)) AS equal, p_value(ces_summary(5), ces_summary(6)) AS differ
FROM generate_series(1, 3);

-- Summaries: + and =, roll-up, text and binary round trips
SELECT ces_summary(s) FILTER (WHERE s < 4) + ces_summary(s) FILTER (WHERE s >= 4)
	   = ces_summary(s) AS halves_add_up
FROM seven;
SELECT round(ces_agg(c)::numeric, 10) AS from_summaries, round(ces(ces_summary(c))::numeric, 10) AS via_rollup
FROM (SELECT s % 3 AS part, ces_summary(s) AS c FROM seven GROUP BY 1) parts;
SELECT ces_summary(s) + ces_summary(s, 5) FROM unnest(ARRAY[1, 2]) s;
SELECT c::text::ces_summary = c AS same, c::text = c::text::ces_summary::text AS same_text
FROM (SELECT ces_summary(s, 1.0 / s) AS c FROM seven) t;
-- binary: version 1, kind 3 (CES), scale 1..7, no band, flags 0, seven
-- int8 counts: 6 + 56 = 62 bytes
SELECT ces_summary_send(ces_summary(s)) AS bytes, length(ces_summary_send(ces_summary(s))) FROM seven;
SELECT r.code, r.value = c::text AS same
FROM (SELECT ces_summary(s, 0.1 * s) AS c FROM seven) t,
	 receive_binary('ces_summary', ces_summary_send(c)) r;
