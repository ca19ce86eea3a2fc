-- Retention curves by hand: ages in calendar steps, losses and censoring,
-- Kaplan-Meier, Greenwood, the log-log interval, median, mean and lifetime
-- value on a handful of customers whose every number is worked out below.
\pset null '-'

-- Five customers observed up to 2025-07-01, monthly steps:
--   a [2025-01-31, 2025-03-01): Jan 31 + 1 month = Feb 28, + 2 months = Mar 31;
--     the end Mar 1 falls in (Feb 28, Mar 31]: lost at age 2
--   b [2025-01-15, 2025-02-15): the end is Jan 15 + 1 month: lost at age 1
--   c [2025-01-01, ): Jan 1 + 6 months = Jul 1 <= as_of: censored at age 6
--   d [2025-02-10, 2025-06-01): Feb 10 + 4 months = Jun 10 >= Jun 1 and
--     Jun 10 <= as_of: lost at age 4
--   e [2025-06-20, ): Jun 20 + 1 month = Jul 20 > as_of: censored at age 0
-- and three rows that are skipped: a NULL and an empty lifetime, and (for
-- the revenue form) a NULL revenue.
CREATE TABLE ret_life (name text, active daterange, revenue float8);
INSERT INTO ret_life VALUES
	('a', '[2025-01-31,2025-03-01)', 10), ('b', '[2025-01-15,2025-02-15)', 20),
	('c', '[2025-01-01,)', 5), ('d', '[2025-02-10,2025-06-01)', 7),
	('e', '[2025-06-20,)', 3), ('null', NULL, 1), ('empty', 'empty', 1),
	('no revenue', '[2025-01-01,2025-02-01)', NULL);

-- lost at 1 (b), 2 (a), 4 (d); censored at 0 (e), 6 (c)
SELECT retention_summary(active, '1 month', DATE '2025-07-01') FROM ret_life WHERE name <> 'no revenue';
-- the revenue form also skips the row without revenue
SELECT retention_summary(active, '1 month', DATE '2025-07-01', revenue) FROM ret_life;

-- The curve.  At risk: 5 at age 0, then 5 - 1 (e) = 4 at 1, 3 at 2 and 3,
-- 2 at 4, 1 at 5 and 6.  S(1) = 3/4, S(2) = 3/4 * 2/3 = 1/2,
-- S(4) = 1/2 * 1/2 = 1/4.  Greenwood: var log S(2) = 1/(4*3) + 1/(3*2) = 1/4,
-- so std_error(2) = S(2) * sqrt(1/4) = 25 points; at 4 it adds 1/(2*1):
-- 3/4, std_error(4) = 1/4 * sqrt(3/4) = 21.65... points.  Past age 6 no one
-- is at risk: NULL.
CREATE TABLE ret_curve AS
SELECT retention_summary(active, '1 month', DATE '2025-07-01') AS s FROM ret_life WHERE name <> 'no revenue';
SELECT * FROM unnest((SELECT s FROM ret_curve));
SELECT age, retention(s, age), round(std_error(s, age)::numeric, 12) AS std_error,
	   customers_at_risk(s, age), customers_lost(s, age), customers_censored(s, age)
FROM ret_curve, generate_series(0, 8) age;
-- log-log interval at age 2 (S = 1/2, se(log S) = 1/2, z = qnorm(0.975)):
-- exp(-exp(log(-log 0.5) -+ z * 0.5 / log 0.5)), computed here in SQL.
-- R agrees: summary(survfit(Surv(c(0, 1, 2, 4, 6), c(0, 1, 1, 1, 0)) ~ 1,
-- conf.type = "log-log"), times = 0:7) gives 0.0578470829951446 and
-- 0.844861281190374 at 2, std.err 0.2165063509461 at 1 and 4, 0.25 at 2
-- and 3.  At age 0 the interval is [100, 100] (survfit gives 1 and 1
-- before its first time, NA at a time with S = 1).
SELECT round(ci_lower(s, 2)::numeric, 10) AS ci_lower,
	   round((100 * exp(-exp(ln(-ln(0.5)) - 1.959963984540054 * 0.5 / ln(0.5))))::numeric, 10) AS by_hand_lower,
	   round(ci_upper(s, 2)::numeric, 10) AS ci_upper,
	   round((100 * exp(-exp(ln(-ln(0.5)) + 1.959963984540054 * 0.5 / ln(0.5))))::numeric, 10) AS by_hand_upper,
	   ci_lower(s, 0) AS at_0_lower, ci_upper(s, 0) AS at_0_upper,
	   ci_lower(s, 2, 0.5) > ci_lower(s, 2) AS narrower_at_50
FROM ret_curve;
-- median: the first age with S <= 1/2 is 2; mean over 3 steps:
-- S(1) + S(2) + S(3) = 0.75 + 0.5 + 0.5 = 1.75 steps; lifetime value over 3
-- steps at 10 per step, paid at ages 0, 1, 2: 10 * (1 + 0.75 + 0.5) = 22.5
SELECT median_lifetime(s), mean_lifetime(s, 3), mean_lifetime(s, 0),
	   lifetime_value(s, 3, 10), lifetime_value(s, 0, 10),
	   mean_lifetime(s, 7) AS past_the_curve
FROM ret_curve;

-- Revenue-weighted: revenue 45 of 5 customers, 9 per customer.  At risk
-- 45, then 42 (e's 3 censored at 0), 22, 22, 12 ...:
-- S(1) = 22/42, S(2) = 22/42 * 12/22 = 12/42, S(4) = 12/42 * 5/12 = 5/42.
-- lifetime_value over 3 steps: 9 * (1 + 22/42 + 12/42) = 9 * 76/42 = 16.2857...
SELECT age, round(retention(s, age)::numeric, 10) AS retention, round((100.0 * x)::numeric, 10) AS by_hand,
	   customers_at_risk(s, age)
FROM (SELECT retention_summary(active, '1 month', DATE '2025-07-01', revenue) s FROM ret_life) t,
	 (VALUES (0, 1.0), (1, 22.0 / 42), (2, 12.0 / 42), (4, 5.0 / 42)) v(age, x);
SELECT round(lifetime_value(s, 3)::numeric, 10) AS lifetime_value, round(9 * 76.0 / 42, 10) AS by_hand
FROM (SELECT retention_summary(active, '1 month', DATE '2025-07-01', revenue) s FROM ret_life) t;

-- Calendar steps: Jan 31 + k months is computed as one addition of k
-- months, as PostgreSQL does (Jan 31 + 2 months = Mar 31, not Mar 28).  A
-- customer from Jan 31 to Mar 31 is lost at age 2 (the end is start + 2
-- months exactly); to Apr 1 at age 3.
SELECT DATE '2025-01-31' + 2 * interval '1 month' AS postgres_says,
	   retention_summary(active, '1 month', DATE '2026-01-01')
FROM (VALUES (daterange('2025-01-31', '2025-03-31'))) v(active);
SELECT retention_summary(active, '1 month', DATE '2026-01-01')
FROM (VALUES (daterange('2025-01-31', '2025-04-01'))) v(active);
-- weekly steps; the same ret_life as tsrange and as tstzrange give the
-- same summary, whatever the session's time zone (tstzrange on UTC)
SET timezone = 'America/New_York';
SELECT retention_summary(active, '7 days', DATE '2025-03-01') AS by_date,
	   retention_summary(tsrange(lower(active), upper(active)), '7 days', TIMESTAMP '2025-03-01') AS by_ts,
	   retention_summary(tstzrange(lower(active)::timestamp AT TIME ZONE 'UTC', upper(active)::timestamp AT TIME ZONE 'UTC'),
						 '7 days', TIMESTAMP '2025-03-01' AT TIME ZONE 'UTC') AS by_tstz
FROM ret_life WHERE name IN ('a', 'b', 'c');
-- a month step on tstzrange counts UTC months: from 2025-01-31 23:00 UTC
-- (Feb 1 in Berlin) one month is 2025-02-28 23:00 UTC
SET timezone = 'Europe/Berlin';
SELECT retention_summary(tstzrange('2025-01-31 23:00+00', '2025-02-28 23:00+00'), '1 month', TIMESTAMPTZ '2026-01-01 00:00+00') AS lost_at_1,
	   retention_summary(tstzrange('2025-01-31 23:00+00', '2025-02-28 23:00:01+00'), '1 month', TIMESTAMPTZ '2026-01-01 00:00+00') AS lost_at_2;
RESET timezone;

-- Combining: + and the roll-up give the pooled table; the log-rank test.
-- Two ret_groups: x lost at 1, 1, 2, censored at 3; y lost at 3, censored 3, 3.
-- Log-rank by hand (ages 1, 2, 3 with events):
--   age 1: n = 7 (x 4, y 3), d = 2: E_x = 2 * 4/7, V = 2 * 4/7 * 3/7 * 5/6
--   age 2: n = 5 (x 2, y 3), d = 1: E_x = 2/5, V = 1 * 2/5 * 3/5 * 4/4
--   age 3: n = 4 (x 1, y 3), d = 1: E_x = 1/4, V = 1/4 * 3/4 * 3/3
--   O_x - E_x = 3 - (8/7 + 2/5 + 1/4), chi-squared = (O - E)^2 / V
CREATE TABLE ret_groups AS
SELECT g, retention_summary(s) AS s FROM (VALUES
	('x', '{"version": 1, "step_months": 1, "lost": [0, 2, 1], "censored": [0, 0, 0]}'::retention_summary),
	('x', '{"version": 1, "step_months": 1, "lost": [0, 0, 0, 0], "censored": [0, 0, 0, 1]}'),
	('y', '{"version": 1, "step_months": 1, "lost": [0, 0, 0, 1], "censored": [0, 0, 0, 2]}')) v(g, s)
GROUP BY g;
SELECT g, s FROM ret_groups ORDER BY g;
SELECT (SELECT s FROM ret_groups WHERE g = 'x') + (SELECT s FROM ret_groups WHERE g = 'y') AS pooled,
	   (SELECT retention_summary(s) FROM ret_groups) = (SELECT s FROM ret_groups WHERE g = 'x') + (SELECT s FROM ret_groups WHERE g = 'y') AS rollup_equal;
WITH h AS (SELECT 3 - (8.0 / 7 + 2.0 / 5 + 1.0 / 4) AS o_e,
				  2 * 4.0 / 7 * 3.0 / 7 * 5.0 / 6 + 2.0 / 5 * 3.0 / 5 + 1.0 / 4 * 3.0 / 4 AS v)
SELECT round(p_value((SELECT s FROM ret_groups WHERE g = 'x'), (SELECT s FROM ret_groups WHERE g = 'y'))::numeric, 12) AS p_value,
	   round(o_e::numeric, 12) AS o_minus_e, round(v::numeric, 12) AS variance,
	   round((o_e * o_e / v)::numeric, 12) AS chi_squared
FROM h;
-- R agrees: survdiff(Surv(c(1, 1, 2, 3, 3, 3, 3), c(1, 1, 1, 0, 1, 0, 0)) ~
-- c(1, 1, 1, 1, 2, 2, 2)) gives chisq 1.74375725013737, and
-- pchisq(chisq, 1, lower.tail = FALSE) = 0.186663461642594.
-- The same ret_curve twice: no difference at all; no event: no test (NULL).
SELECT p_value(s, s) AS same_curve FROM ret_groups WHERE g = 'x';
SELECT p_value(s, s) AS no_event FROM (SELECT '{"version": 1, "step_months": 1, "lost": [0], "censored": [4]}'::retention_summary) v(s);

-- Equality, hashing, and the text and binary forms read back
SELECT s = s AS equal, s <> s AS differ,
	   retention_summary_hash(s) = retention_summary_hash(s::text::retention_summary) AS same_hash,
	   s::text::retention_summary = s AS text_reads_back,
	   (SELECT value FROM receive_binary('retention_summary', retention_summary_send(s))) = s::text AS binary_reads_back
FROM ret_groups;
-- GROUP BY hashes (the type has a hash operator class, no ordering)
SELECT count(*) AS distinct_summaries
FROM (SELECT s FROM (SELECT s FROM ret_groups UNION ALL SELECT s FROM ret_groups) u GROUP BY s) d;
-- trailing ages without customers are not part of the value
SELECT '{"version": 1, "step_months": 1, "lost": [0, 1, 0, 0], "censored": [0, 0, 0, 0]}'::retention_summary;
SELECT '{"version": 1, "step_microseconds": 604800000000, "lost": [], "censored": []}'::retention_summary AS no_customers,
	   retention('{"version": 1, "step_microseconds": 604800000000, "lost": [], "censored": []}', 0) AS retention;
-- a lifetime of no length ([start, start], not empty) ends in step 1
SELECT retention_summary(tsrange('2025-02-01', '2025-02-01', '[]'), '1 day', TIMESTAMP '2025-07-01');
