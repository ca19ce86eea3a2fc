-- Design-based statistics of weighted rating summaries (format version 2):
-- the linearized variance of a weights-only design, R's
-- svydesign(ids = ~1, weights = ~w), and the effective n it implies.
-- For n answers (zero weights included) with weights w and a variable x:
--   W = sum w, ybar = sum w x / W, A = sum w (x - ybar)^2,
--   B = sum w^2 (x - ybar)^2, V = n / (n - 1) B / W^2, n_eff = W A / B.
-- Every reference value below comes from R 4.2 with the survey package
-- (svymean, qt, pt, pnorm) on the rows themselves; the script computed A,
-- B, V and n_eff from the definitions and checked V against
-- SE(svymean(...))^2.
\pset null '(null)'

-- NPS: x = +1 promoter, 0 passive, -1 detractor.  Rows (10, 2) (8, 1)
-- (0, 1) (5, 0): n = 4 (the zero weight stays in the design), W = 4,
-- ybar = (2 - 1) / 4 = 0.25; A = 2 * 0.5625 + 0.0625 + 1.5625 = 2.75,
-- B = 4 * 0.5625 + 0.0625 + 1.5625 = 3.875 (the promoters' sum of w^2 is
-- 4, the passives' 1, the detractors' 1 + 0);
-- V = 4/3 * 3.875 / 16 = 0.3229166667 = SE(svymean)^2;
-- n_eff = W A / B = 11 / 3.875 = 2.8387096774 (Kish's: 16 / 6 = 2.667).
-- The adjusted-Wald interval with n = n_eff: n~ = 5.8387096774,
-- p~pro = (n_eff / 2 + 0.75) / n~, p~det = (n_eff / 4 + 0.75) / n~,
-- NPS~ = 0.1215469613, var = 0.1039224985, std_error = 32.2370126516,
-- 95 %: [-51.0286876337, 75.3380798989].
CREATE TABLE nps_rows (grp text, score int, w float8);
INSERT INTO nps_rows VALUES ('a', 10, 2), ('a', 8, 1), ('a', 0, 1), ('a', 5, 0),
	('b', 9, 1), ('b', 9, 3), ('b', 7, 2), ('b', 2, 1), ('b', 6, 1);
SELECT responses(s), nps(s), round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS lower, round(ci_upper(s)::numeric, 10) AS upper
FROM (SELECT nps_summary(score, w) AS s FROM nps_rows WHERE grp = 'a') t;
-- The z-test uses each side's n_eff.  b: (9, 1) (9, 3) (7, 2) (2, 1) (6, 1),
-- W = 8, shares 1/2, 1/4, 1/4, n_eff = 4.8888888889, std_error 28.2801319583;
-- z = -0.0778449752, p = 0.937951369936.
SELECT round(std_error(b)::numeric, 10) AS std_error_b,
	   round(p_value(a, b)::numeric, 12) AS p_value
FROM (SELECT nps_summary(score, w) FILTER (WHERE grp = 'a') AS a,
			 nps_summary(score, w) FILTER (WHERE grp = 'b') AS b FROM nps_rows) t;

-- CSAT share, x = 1 if score >= satisfied_from (4 on 1..5).  Rows (5, 2)
-- (4, 1) (2, 1) (1, 3) (3, 0): n = 5, W = 7, p = 3/7 = 0.4285714286; sums of
-- w^2: satisfied 5, unsatisfied 10; B = 5 (4/7)^2 + 10 (3/7)^2 =
-- 3.4693877551, V = 5/4 B / 49 = 0.0885047897, std_error = 100 sqrt(V) =
-- 29.7497545655 = 100 SE(svymean(~I(score >= 4))); n_eff = W^2 p (1 - p) / B
-- = 3.4588235294; Wilson 95 % with n_eff: [10.5214820972, 82.7100448032].
CREATE TABLE csat_rows (grp text, score int, w float8);
INSERT INTO csat_rows VALUES ('a', 5, 2), ('a', 4, 1), ('a', 2, 1), ('a', 1, 3), ('a', 3, 0),
	('b', 5, 1), ('b', 5, 1), ('b', 4, 2), ('b', 3, 1), ('b', 2, 1), ('b', 1, 1);
SELECT round(csat(s)::numeric, 10) AS csat, round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS lower, round(ci_upper(s)::numeric, 10) AS upper
FROM (SELECT csat_summary(score, w) AS s FROM csat_rows WHERE grp = 'a') t;
-- The two-proportion z-test with n_eff for each side.  b: (5, 1) (5, 1)
-- (4, 2) (3, 1) (2, 1) (1, 1), p = 4/7, n_eff = 5.7647058824; pooled share
-- (p_a n_a + p_b n_b) / (n_a + n_b), z = -0.4203521925, p = 0.674228187180.
SELECT round(p_value(a, b)::numeric, 12) AS p_value
FROM (SELECT csat_summary(score, w) FILTER (WHERE grp = 'a') AS a,
			 csat_summary(score, w) FILTER (WHERE grp = 'b') AS b FROM csat_rows) t;

-- CES mean.  Rows (7, 2) (6, 1) (6, 0.5) (3, 1) (1, 0.5): W = 5, mean 5.3;
-- Q0 = sum w^2 = 6.5, Q1 = sum w^2 s = 38.75, Q2 = sum w^2 s^2 = 250.25;
-- B = Q2 - 2 mean Q1 + mean^2 Q0 = 22.085, A = 21.05;
-- V = 5/4 * 22.085 / 25 = 1.10425, std_error = 1.0508330029 = SE(svymean);
-- n_eff = W A / B = 4.7656780620, qt(0.975, n_eff - 1) = 2.8459261262,
-- 95 %: [2.3094069028, 8.2905930972].
CREATE TABLE ces_rows (grp text, score int, w float8);
INSERT INTO ces_rows VALUES ('a', 7, 2), ('a', 6, 1), ('a', 6, 0.5), ('a', 3, 1), ('a', 1, 0.5),
	('b', 2, 1), ('b', 3, 3), ('b', 5, 1), ('b', 4, 1);
SELECT ces(s), s::text::jsonb -> 'sum_sq_weights' AS q0,
	   s::text::jsonb -> 'sum_sq_weights_times_score' AS q1,
	   s::text::jsonb -> 'sum_sq_weights_times_score_sq' AS q2,
	   round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS lower, round(ci_upper(s)::numeric, 10) AS upper
FROM (SELECT ces_summary(score, w) AS s FROM ces_rows WHERE grp = 'a') t;
-- Welch: b = (2, 1) (3, 3) (5, 1) (4, 1): mean 10/3, V = 0.2222222222,
-- n_eff = 5.3333333333; t = (5.3 - 10/3) / sqrt(V_a + V_b) = 1.7075824280,
-- df = (V_a + V_b)^2 / (V_a^2 / (n_a - 1) + V_b^2 / (n_b - 1)) =
-- 5.2490800611, p = 2 pt(-|t|, df) = 0.145632305423.
SELECT round(p_value(a, b)::numeric, 12) AS p_value
FROM (SELECT ces_summary(score, w) FILTER (WHERE grp = 'a') AS a,
			 ces_summary(score, w) FILTER (WHERE grp = 'b') AS b FROM ces_rows) t;

-- Equal weights give the unweighted statistics (n_eff = n), to rounding:
-- NPS and the CES mean exactly those, CSAT's interval too, and CSAT's
-- standard error sqrt(n / (n - 1)) times the unweighted one, as svymean's
-- (the unweighted share's is sqrt(p (1 - p) / n)).
SELECT round(std_error(w)::numeric, 10) = round(std_error(u)::numeric, 10) AS nps_same_se,
	   round(ci_lower(w)::numeric, 10) = round(ci_lower(u)::numeric, 10) AS nps_same_lower,
	   round(p_value(w, u)::numeric, 10) AS p_same
FROM (SELECT nps_summary(x % 11, 2.5) AS w, nps_summary(x % 11) AS u
	  FROM generate_series(1, 40) x) t;
SELECT round(std_error(w)::numeric, 10) = round(std_error(u)::numeric, 10) AS ces_same_se,
	   round(ci_upper(w)::numeric, 10) = round(ci_upper(u)::numeric, 10) AS ces_same_upper
FROM (SELECT ces_summary(1 + x % 7, 0.3) AS w, ces_summary(1 + x % 7) AS u
	  FROM generate_series(1, 40) x) t;
SELECT round(ci_lower(w)::numeric, 10) = round(ci_lower(u)::numeric, 10) AS csat_same_lower,
	   round((std_error(w) / std_error(u))::numeric, 10) AS ratio,
	   round(sqrt(40.0 / 39), 10) AS sqrt_n_over_n_minus_1
FROM (SELECT csat_summary(1 + x % 5, 4.0) AS w, csat_summary(1 + x % 5) AS u
	  FROM generate_series(1, 40) x) t;
-- Weights all 1 are no weights at all: the same value, text and statistics.
SELECT s1 = u AS same_value, s1::text = u::text AS same_text,
	   std_error(s1) = std_error(u) AS same_std_error
FROM (SELECT csat_summary(1 + x % 5, 1.0) AS s1, csat_summary(1 + x % 5) AS u
	  FROM generate_series(1, 40) x) t;

-- Every answer with weight on one side (B = 0): V = 0 and n_eff is Kish's
-- W^2 / sum w^2.  Promoters weighted 1 and 3 (and a detractor of weight 0):
-- Kish's n = 16 / 10 = 1.6, n~ = 4.6, NPS~ = (1.6 + 0.75 - 0.75) / 4.6 =
-- 0.3478260870, var = (2.35 / 4.6 + 0.75 / 4.6 - NPS~^2) / 4.6 = 0.1202021862,
-- std_error 34.6701869394.  CES answers all 5: std_error 0, interval [5, 5].
-- CSAT all satisfied: Wilson with Kish's n = 1.6.
SELECT round(std_error(s)::numeric, 10) AS nps_std_error
FROM (SELECT nps_summary(score, w) AS s FROM (VALUES (9, 1.0), (10, 3.0), (0, 0.0)) v(score, w)) t;
SELECT std_error(s), ci_lower(s), ci_upper(s)
FROM (SELECT ces_summary(5, w) AS s FROM (VALUES (1.0), (3.0)) v(w)) t;
SELECT std_error(s), round(ci_lower(s)::numeric, 10) = round(ci_lower(k)::numeric, 10) AS kish_wilson
FROM (SELECT csat_summary(5, w) AS s FROM (VALUES (1.0), (3.0)) v(w)) t,
	 (SELECT '{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [0, 0, 0, 0, 2], "weights": [0, 0, 0, 0, 4], "sum_sq_weights": 10}'::csat_summary AS k) kish;

-- One answer (n <= 1): no statistics, though the metric is there.
SELECT nps(s), std_error(s), ci_lower(s), ci_upper(s)
FROM (SELECT nps_summary(9, 2.0) AS s) t;
SELECT csat(s), std_error(s), ci_lower(s), p_value(s, s)
FROM (SELECT csat_summary(5, 2.0) AS s) t;
SELECT ces(s), std_error(s), ci_lower(s), p_value(s, s)
FROM (SELECT ces_summary(5, 2.0) AS s) t;
-- Two answers of which one weighs 0: n = 2, V = 0 (all the weight on one
-- score), n_eff Kish's 1: the standard error is 0, the interval none.
SELECT std_error(s), ci_lower(s)
FROM (SELECT ces_summary(x, w) AS s FROM (VALUES (5, 2.0), (3, 0.0)) v(x, w)) t;

-- Version-1 weighted summaries (written by extension 1.0) keep Kish's n
-- and the reliability-weighted formulas.  The NPS rows a above as a
-- version-1 value: Kish's n = 16 / 6 = 2.6666666667, n~ = 5.6666666667,
-- p~pro = (4/3 + 0.75) / n~, p~det = (2/3 + 0.75) / n~, std_error =
-- 32.6426163629 (the same rows as version 2: 32.2370126516, above).
-- Combined with a version-2 summary the result is version 1 and uses
-- Kish's n too: v1 + v2 has W = 8, sum w^2 = 12, n = 64 / 12 =
-- 5.3333333333, std_error 27.5913029776, as the version-1 text of the sum.
CREATE TABLE legacy AS
SELECT '{"version": 1, "scale": [0, 10], "counts": [1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1], "weights": [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2], "sum_sq_weights": 6}'::nps_summary AS v1,
	   (SELECT nps_summary(score, w) FROM nps_rows WHERE grp = 'a') AS v2;
SELECT v1 = v2 AS same_value, round(std_error(v1)::numeric, 10) AS v1_std_error,
	   round(std_error(v2)::numeric, 10) AS v2_std_error FROM legacy;
SELECT v1 + v2 AS combined, round(std_error(v1 + v2)::numeric, 10) AS std_error,
	   round(std_error('{"version": 1, "scale": [0, 10], "counts": [2, 0, 0, 0, 0, 2, 0, 0, 2, 0, 2], "weights": [2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 4], "sum_sq_weights": 12}'::nps_summary)::numeric, 10) AS kish_std_error,
	   (v2 + v1) = (v1 + v2) AS commutative
FROM legacy;
SELECT nps_summary(s) AS rolled_up FROM (SELECT v1 FROM legacy UNION ALL SELECT v2 FROM legacy) t(s);

-- Parallel plans: partial states combined in the leader give what the
-- serial plan gives, statistics included (weights multiples of 0.25, so
-- every sum is exact in any order).
CREATE TABLE par_w AS
SELECT i % 7 AS grp, (i * 7919) % 11 AS score, ((i * 104729) % 9) * 0.25 AS w
FROM generate_series(1::bigint, 60000) i;
ANALYZE par_w;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE serial_result AS
SELECT grp, nps_summary(score, w) AS n, csat_summary(1 + score % 5, w) AS c,
	   ces_summary(1 + score % 7, w) AS e
FROM par_w GROUP BY grp;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SELECT count(*) FILTER (WHERE line LIKE '%Partial%Aggregate%') > 0 AS partial_plan
FROM explain_analyze($$SELECT grp, nps_summary(score, w) FROM par_w GROUP BY grp$$) line;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE s.n = p.n AND s.c = p.c AND s.e = p.e
						AND std_error(s.n) = std_error(p.n) AND std_error(s.c) = std_error(p.c)
						AND std_error(s.e) = std_error(p.e)
						AND (p.n::text::jsonb ->> 'version') = '2') AS same
FROM serial_result s
JOIN (SELECT grp, nps_summary(score, w) AS n, csat_summary(1 + score % 5, w) AS c,
			 ces_summary(1 + score % 7, w) AS e
	  FROM par_w GROUP BY grp) p USING (grp);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- Windows with weights: every frame's result equals the plain aggregate
-- of its rows (summaries text-equal, statistics equal), for rows and for
-- roll-ups of stored summaries, version 2 and version 1 mixed (a frame
-- that meets a version-1 value is version 1, and recomputed as it moves).
CREATE TABLE win_w AS
SELECT i AS day, (i * 7919) % 11 AS score, ((i * 104729) % 9) * 0.25 AS w
FROM generate_series(1, 300) i;
SELECT count(*) AS frames,
	   count(*) FILTER (WHERE win = plain AND std_error(win) IS NOT DISTINCT FROM std_error(plain)) AS same
FROM (SELECT day, nps_summary(score, w) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS win,
			 (SELECT nps_summary(score, w) FROM win_w b WHERE b.day BETWEEN a.day - 6 AND a.day) AS plain
	  FROM win_w a) t;
CREATE TABLE win_s AS
SELECT day / 3 AS d,
	   CASE WHEN day / 3 % 10 = 4
			THEN ((nps_summary(score, w)::text::jsonb
				   - '{sum_sq_weights_detractors,sum_sq_weights_promoters,sum_sq_weights_times_score,sum_sq_weights_times_score_sq}'::text[]
				   || '{"version": 1}')::text)::nps_summary
			WHEN day / 3 % 10 = 7 THEN nps_summary(score)
			ELSE nps_summary(score, w) END AS s
FROM win_w GROUP BY day / 3;
SELECT count(*) FILTER (WHERE (s::text::jsonb ->> 'version') = '1' AND s::text LIKE '%weights%') AS version_1_weighted
FROM win_s;
SELECT count(*) AS frames,
	   count(*) FILTER (WHERE win::text = plain::text AND std_error(win) IS NOT DISTINCT FROM std_error(plain)) AS same,
	   count(*) FILTER (WHERE (win::text::jsonb ->> 'version') = '1') AS version_1_frames
FROM (SELECT d, nps_summary(s) OVER (ORDER BY d ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS win,
			 (SELECT nps_summary(s) FROM win_s b WHERE b.d BETWEEN a.d - 4 AND a.d) AS plain
	  FROM win_s a) t;
SELECT count(*) AS frames, count(*) FILTER (WHERE win = plain) AS same
FROM (SELECT d, nps_agg(s) OVER (ORDER BY d ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS win,
			 (SELECT nps_agg(s) FROM win_s b WHERE b.d BETWEEN a.d - 4 AND a.d) AS plain
	  FROM win_s a) t;
