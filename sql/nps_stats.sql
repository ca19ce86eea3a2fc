-- NPS statistics: the adjusted Wald interval (Rocks 2016, "Interval
-- estimation for the Net Promoter Score", The American Statistician).
-- Add 0.75 detractors, 1.5 passives and 0.75 promoters; with n~ = n + 3,
--   p~pro = (P + 0.75) / n~,  p~det = (D + 0.75) / n~,  NPS~ = p~pro - p~det,
--   var = (p~pro + p~det - NPS~^2) / n~,  CI = NPS~ -+ z * sqrt(var).
-- Weighted summaries use Kish's effective n = (sum w)^2 / sum w^2.
-- Expected numbers below were computed independently in Python
-- (statistics.NormalDist for z, math.erfc for p-values).

-- D = 3, passives 2, P = 5 of 10 (the nps_basic example).
-- n~ = 13, p~pro = 5.75/13, p~det = 3.75/13, NPS~ = 2/13 = 0.1538...
-- var = (9.5/13 - (2/13)^2) / 13 = 0.0543923532...
-- std_error = 100 * sqrt(var) = 23.3221682545
-- 95 %: z = 1.9599639845 -> [-30.3259944355, 61.0952252047]
-- 90 %: z = 1.6448536270 -> [-22.9769376571, 53.7461684263]
-- 99 %: z = 2.5758293035 -> [-44.6893090275, 75.4585397967]
CREATE TABLE ten AS
SELECT nps_summary(s) AS s FROM unnest(ARRAY[0, 3, 6, 7, 8, 9, 9, 10, 10, 10]) s;
SELECT round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS lower_95, round(ci_upper(s)::numeric, 10) AS upper_95,
	   round(ci_lower(s, 0.90)::numeric, 10) AS lower_90, round(ci_upper(s, 0.90)::numeric, 10) AS upper_90,
	   round(ci_lower(s, 0.99)::numeric, 10) AS lower_99, round(ci_upper(s, 0.99)::numeric, 10) AS upper_99
FROM ten;
-- the default level is 0.95
SELECT ci_lower(s) = ci_lower(s, 0.95) AND ci_upper(s) = ci_upper(s, 0.95) AS default_is_95 FROM ten;
-- wider level, wider interval; the interval holds the adjusted estimate
SELECT ci_lower(s, 0.99) < ci_lower(s, 0.95) AND ci_upper(s, 0.95) < ci_upper(s, 0.99) AS nested,
	   ci_lower(s) < 100.0 * 2 / 13 AND 100.0 * 2 / 13 < ci_upper(s) AS holds_center
FROM ten;

-- Five promoters: n~ = 8, p~pro = 5.75/8, p~det = 0.75/8, NPS~ = 0.625,
-- var = (0.8125 - 0.390625) / 8, std_error = 22.9639663386;
-- the upper end 0.625 + 1.96 * 0.2296 > 1 is clipped to 100 and the lower
-- end is 17.4914530342.  Five detractors mirror it.
SELECT round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS lower, ci_upper(s) AS upper
FROM (SELECT nps_summary(10) AS s FROM generate_series(1, 5)) t;
SELECT ci_lower(s) AS lower, round(ci_upper(s)::numeric, 10) AS upper
FROM (SELECT nps_summary(0) AS s FROM generate_series(1, 5)) t;

-- One promoter still has an interval: n~ = 4, p~pro = 1.75/4, p~det = 0.75/4,
-- NPS~ = 0.25, var = (0.625 - 0.0625) / 4 = 0.140625, sqrt = 0.375,
-- 0.25 -+ 1.959964 * 0.375 = [-48.498649, 98.498649].  No answers: none.
SELECT round(ci_lower(s)::numeric, 6) AS lower, round(ci_upper(s)::numeric, 6) AS upper
FROM (SELECT nps_summary(9) AS s) t;
SELECT std_error(s), ci_lower(s), ci_upper(s)
FROM (SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0]}'::nps_summary AS s) t;

-- Weighted: (0, 0.5) (3, 1.5) (8, 0.75) (9, 2.25) (10, 1.0)
-- W = sum w = 6; shares: pro 3.25/6, pas 0.75/6, det 2/6; ybar = NPS =
-- 1.25/6 = 0.2083333333.  Sums of w^2: promoters 5.0625 + 1 = 6.0625,
-- passives 0.5625, detractors 0.25 + 2.25 = 2.5 (total 9.125).
-- A/W = p_pro + p_det - ybar^2 = 0.8315972222,
-- B = 6.0625 (1 - ybar)^2 + 0.5625 ybar^2 + 2.5 (1 + ybar)^2 = 7.4741753472,
-- design-based n_eff = W^2 (A/W) / B = 4.0054586104 (Kish's would be
-- 36 / 9.125 = 3.9452); n~ = 7.0054586104,
-- p~pro = (n_eff * 3.25/6 + 0.75) / n~, p~det = (n_eff * 2/6 + 0.75) / n~
-- std_error = 31.6154670153, 95 % CI [-50.0534577116, 73.8768956973]
-- (Python from the rows; sqrt(V) = sqrt(5/4 B / W^2) = 0.5094310... is
-- R's SE(svymean(~x, svydesign(ids = ~1, weights = ~w))) of x = +1/0/-1.)
CREATE TABLE weighted AS
SELECT nps_summary(s, w) AS s
FROM (VALUES (0, 0.5), (3, 1.5), (8, 0.75), (9, 2.25), (10, 1.0)) v(s, w);
SELECT round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS lower, round(ci_upper(s)::numeric, 10) AS upper
FROM weighted;
-- the effective n, not the row count, sets the width: the same answers
-- unweighted (n = 5) give a narrower interval
SELECT std_error(w.s) > std_error(u.s) AS weights_widen
FROM weighted w,
	 (SELECT nps_summary(s) AS s FROM unnest(ARRAY[0, 3, 8, 9, 10]) s) u;
-- equal weights are no weights: the effective n is the row count
SELECT std_error(nps_summary(s, 2.5)) = std_error(nps_summary(s)) AS equal_weights_same
FROM unnest(ARRAY[0, 3, 8, 9, 10]) s;

-- p_value: z = (NPS~a - NPS~b) / sqrt(var_a + var_b), two-sided.
-- A = the ten answers above; B = 10 detractors, 20 passives, 30 promoters.
-- NPS~a = 2/13 = 0.1538, NPS~b = 20/63 = 0.3175, z = -0.6505716518,
-- p = 0.5153230348
CREATE TABLE groups AS
SELECT 'A' AS name, s FROM ten
UNION ALL
SELECT 'B', nps_summary(CASE WHEN i <= 10 THEN 3 WHEN i <= 30 THEN 8 ELSE 10 END)
FROM generate_series(1, 60) i
UNION ALL
-- C: 40 / 30 / 30 of 100, D: 20 / 30 / 50 of 100: z = -3.4646482654,
-- p = 0.0005309254
SELECT 'C', nps_summary(CASE WHEN i <= 40 THEN 0 WHEN i <= 70 THEN 7 ELSE 9 END)
FROM generate_series(1, 100) i
UNION ALL
SELECT 'D', nps_summary(CASE WHEN i <= 20 THEN 0 WHEN i <= 50 THEN 7 ELSE 9 END)
FROM generate_series(1, 100) i;
SELECT a.name || ' vs ' || b.name AS test, round(p_value(a.s, b.s)::numeric, 10) AS p_value
FROM groups a JOIN groups b ON (a.name, b.name) IN (('A', 'B'), ('C', 'D'), ('D', 'C'), ('A', 'A'))
ORDER BY 1;
-- more answers with the same shares: a smaller p-value
SELECT p_value(c.s + c.s, d.s + d.s) < p_value(c.s, d.s) AS more_data_more_certain
FROM groups c, groups d WHERE c.name = 'C' AND d.name = 'D';
SELECT p_value(s, '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0]}') IS NULL
	   AS empty_has_no_test
FROM ten;

-- The effective n does not overflow with large weights: equal weights of
-- 1e152 give the statistics of weight 1 (to rounding: n_eff = W^2 (A/W) / B
-- is n up to a few units in the last place), and p(a, a) = 1.  (1e153 is
-- beyond the largest weight: sum w^2 s^2 of 50 answers would overflow.)
SELECT abs(std_error(w) - std_error(u)) < 1e-12 AS same_std_error,
	   abs(ci_lower(w) - ci_lower(u)) < 1e-12 AS same_lower,
	   p_value(w, w) AS p_same
FROM (SELECT nps_summary(x % 11, 1e152) AS w, nps_summary(x % 11) AS u
	  FROM generate_series(1, 50) x) t;
SELECT nps_summary(x % 11, 1e153) FROM generate_series(1, 50) x;
-- levels a hair below 1 still give a (very wide) interval, not NaN:
-- z = 8.2923610758 and [-54.658550, -36.3268584606] (Python:
-- -NormalDist().inv_cdf((1 - 0.9999999999999999) / 2), counts of x % 11)
SELECT round(ci_lower(s, 0.9999999999999999)::numeric, 6) AS lower,
	   ci_upper(s, 0.9999999999999999) AS upper
FROM (SELECT nps_summary(x % 11) AS s FROM generate_series(1, 5000) x) t;
