-- Statistics of means (CES) and the accuracy of every p-value at the
-- largest counts a summary holds.  Reference values from R 4.2
-- (qt, pt, pnorm); each is quoted where it is used.
\pset null '(null)'

-- Student's t interval of the mean, n - 1 degrees of freedom.
-- Answers 3, 4, 5, 6, 7: mean 5, sample variance 10 / 4 = 2.5, std_error
-- sqrt(2.5 / 5) = 0.7071067812; qt(0.975, 4) = 2.7764451052, so the 95 %
-- interval is 5 -+ 1.9632431615 = [3.0367568385, 6.9632431615]
-- (R: t.test(3:7)$conf.int).  The normal quantile 1.96 gave
-- [3.6141, 6.3859], which covers the mean of 5 answers 86 % of the time.
SELECT round(ci_lower(s)::numeric, 10) AS lower, round(ci_upper(s)::numeric, 10) AS upper,
	   round(std_error(s)::numeric, 10) AS std_error
FROM (SELECT ces_summary(x) AS s FROM generate_series(3, 7) x) t;
-- Two answers, 1 and 7: mean 4, variance 18, std_error 3; qt(0.975, 1) =
-- 12.7062047362: [4 - 38.1186142085, 4 + 38.1186142085].  At level 0.5,
-- qt(0.75, 1) = 1: [1, 7].
SELECT round(ci_lower(s)::numeric, 10) AS lower, round(ci_upper(s)::numeric, 10) AS upper,
	   round(ci_lower(s, 0.5)::numeric, 10) AS lower_50, round(ci_upper(s, 0.5)::numeric, 10) AS upper_50
FROM (SELECT ces_summary(x) AS s FROM (VALUES (1), (7)) v(x)) t;
-- One answer has no variance: no interval.  Answers all on one score have
-- no spread: the interval is the score itself.
SELECT ci_lower(ces_summary(4)), ci_upper(ces_summary(4));
SELECT ci_lower(s), ci_upper(s) FROM (SELECT ces_summary(4) AS s FROM generate_series(1, 3)) t;
-- A fraction of a degree of freedom (a version-1 weighted summary, whose
-- statistics use Kish's n: of weights 1 and 1e-9 it is 1 + 2e-9): the t
-- quantile is beyond any double, and the interval is the whole line.
SELECT ci_lower(s), ci_upper(s)
FROM (SELECT '{"version": 1, "scale": [1, 7], "counts": [0, 1, 0, 0, 0, 1, 0], "weights": [0, 1, 0, 0, 0, 1e-9, 0], "sum_sq_weights": 1}'::ces_summary AS s) t;
-- The same answers summarized now (version 2) have the design-based
-- variance: for two answers n_eff = W^2 / (2 w1 w2) = 500000001, and the
-- interval is R's svymean(~x, svydesign(ids = ~1, weights = ~w)),
-- 2.000000004 -+ qt(0.975, 500000000) * 7.99999987487e-09 =
-- [1.9999999883202881, 2.0000000196797116] (to 15 decimals)
SELECT round(ci_lower(s)::numeric, 15) AS ci_lower, round(ci_upper(s)::numeric, 15) AS ci_upper
FROM (SELECT ces_summary(x, w) AS s FROM (VALUES (2, 1.0), (6, 1e-9)) v(x, w)) t;
-- Large n: the t quantile tends to the normal one (1.959963984540).
-- 10^6 answers of 1 and 10^6 of 7: variance 9 * 2e6 / (2e6 - 1), std_error
-- 0.00212132087389; qt(0.975, 2e6 - 1) = 1.959965170677, half width
-- 0.00415771502865.
SELECT round(((ci_upper(s) - ci_lower(s)) / 2 / std_error(s))::numeric, 10) AS t_quantile,
	   round(((ci_upper(s) - ci_lower(s)) / 2)::numeric, 12) AS half_width
FROM (SELECT '{"version": 1, "scale": [1, 7], "counts": [1000000,0,0,0,0,0,1000000]}'::ces_summary AS s) t;

-- Welch's test at huge counts.  The incomplete beta function behind the
-- t distribution was built from differences of lgamma, which lose digits
-- as the degrees of freedom grow; the means' difference is computed to 32
-- digits.  R, from the counts: the means, sample variances and
-- Welch-Satterthwaite df, then 2 * pt(-|t|, df).
--   10^7 answers a side:   t = -1.341037388260, df = 20005990.80,
--                          p = 0.17990832911027 (was 0.17990831750)
--   10^9 a side:           t = 0.948683298027, df = 3999999998,
--                          p = 0.34278171121729
--   10^15 a side:          t = 0.948683298051, df = 4e15,
--                          p = 0.34278171114791 (was about 0.9)
--   10^15, four scores:    t = 0.326816581589, df = 2e15,
--                          p = 0.74380661722147
SELECT label, round(p_value(a::ces_summary, b::ces_summary)::numeric, 14) AS p
FROM (VALUES
	('1e7', '{"version": 1, "scale": [1, 7], "counts": [5000000,0,0,0,0,0,5000000]}',
			'{"version": 1, "scale": [1, 7], "counts": [5000000,0,0,0,0,0,5006000]}'),
	('1e9', '{"version": 1, "scale": [1, 7], "counts": [1000000000,0,0,0,0,0,1000000000]}',
			'{"version": 1, "scale": [1, 7], "counts": [1000030000,0,0,0,0,0,999970000]}'),
	('1e15', '{"version": 1, "scale": [1, 7], "counts": [1000000000000000,0,0,0,0,0,1000000000000000]}',
			 '{"version": 1, "scale": [1, 7], "counts": [1000000030000000,0,0,0,0,0,999999970000000]}'),
	('1e15, four scores', '{"version": 1, "scale": [1, 7], "counts": [300000000000000,200000000000000,0,0,0,100000000000000,400000000000000]}',
						  '{"version": 1, "scale": [1, 7], "counts": [300000010000000,200000000000000,0,0,0,99999980000000,400000010000000]}')
) AS cases(label, a, b);
-- Small samples: t.test(c(1, 2, 3, 4), c(3, 4, 5, 6, 7, 7)) gives
-- t = -3.0532901345, df = 7.6148969889, p = 0.01669826949
SELECT round(p_value(a, b)::numeric, 11) AS p
FROM (SELECT ces_summary(x) AS a FROM generate_series(1, 4) x) s,
	 (SELECT ces_summary(x) AS b FROM unnest(ARRAY[3, 4, 5, 6, 7, 7]) x) t;

-- The z-tests keep their digits too: their shares' differences are
-- computed to 32 digits.  CSAT, 1.00000002e15 answers a side, 700000020000000
-- and 700000000000000 satisfied: z = 0.9759000729, p = 0.32911399265770
-- (R: pooled two-proportion z-test from the counts).
SELECT round(p_value('{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [300000000000000,0,0,700000020000000,0]}'::csat_summary,
					 '{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [300000020000000,0,0,700000000000000,0]}'::csat_summary)::numeric, 14) AS csat_p;
-- NPS, 10^15 answers a side, promoters - detractors 2e14 against
-- 2e14 - 2e7: adjusted-Wald z = 0.5129891747, p = 0.60795889311932.
SELECT round(p_value('{"version": 1, "scale": [0, 10], "counts": [300000000000000,0,0,0,0,0,0,200000000000000,0,0,500000000000000]}'::nps_summary,
					 '{"version": 1, "scale": [0, 10], "counts": [300000010000000,0,0,0,0,0,0,200000000000000,0,0,499999990000000]}'::nps_summary)::numeric, 14) AS nps_p;
