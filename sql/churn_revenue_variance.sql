-- Revenue churn's design-based variance (docs/statistics.md): the churn
-- rate of a revenue summary is the ratio R = revenue lost / revenue at
-- start over the n customers at risk, each with its revenue r and lost or
-- kept.  With X the revenue at start and Q_lost, Q_kept the sums of r^2
-- of the lost and the kept customers,
--   B = Q_lost (1 - R)^2 + Q_kept R^2,  V = n/(n-1) B / X^2,
--   std_error = 100 sqrt(V)             (R: 100 * SE(svyratio(~lost_revenue,
--                                        ~revenue, svydesign(ids = ~1,
--                                        weights = ~1, data = at_risk))))
--   n_eff = X^2 R (1 - R) / B           (Wilson interval and z-test)
-- B = 0 (all lost or none): V = 0 and n_eff = Kish's X^2 / (Q_lost + Q_kept);
-- n <= 1: no statistics.  Such summaries are of format version 2, which
-- adds the lost customers' squares ("sum_sq_revenue_lost"); version-1
-- revenue values (extension 1.0) are still read and written, with Kish's n.
-- Every number below was worked by hand and checked against R's survey
-- package (svyratio) and qnorm/pnorm.

-- Customers at risk on 2026-01-01 are kept (still customers on
-- 2026-02-01) or lost (ended 2026-01-15).
CREATE FUNCTION rv_summary(revenues float8[], lost boolean[]) RETURNS churn_summary
LANGUAGE sql IMMUTABLE AS $$
	SELECT churn_summary(CASE WHEN l THEN daterange('2025-01-01', '2026-01-15')
							  ELSE daterange('2025-01-01', NULL) END,
						 daterange('2026-01-01', '2026-02-01'), r)
	FROM unnest(revenues, lost) AS u(r, l)
$$;

-- a: revenues 10, 20, 30 kept, 40 lost.  X = 100, R = 0.4, Q_lost = 1600,
-- Q_kept = 100 + 400 + 900 = 1400, B = 1600 * 0.36 + 1400 * 0.16 = 800,
-- V = 4/3 * 800 / 10000 = 0.10667, std_error = 32.6598632371;
-- n_eff = 10000 * 0.24 / 800 = 3 (Kish's n would be 10000 / 3000 = 3.33),
-- Wilson 95 % with n = 3: [8.4784550276, 82.7514856075].
-- b: four customers of 10, one lost: equal revenue, so n_eff = n = 4 and
-- std_error = 100 sqrt(0.25 * 0.75 / 3) = 25 (svymean's n - 1, not the
-- 21.65 of customer churn's sqrt(p (1 - p) / n)); Wilson [4.5587260810,
-- 69.9358157418].
-- a with a fifth customer of revenue 0 (kept): R, B and n_eff are the
-- same, n = 5 (R's survey keeps the zero-revenue row), so V = 5/4 * 800 /
-- 10000 = 0.1 and std_error = 31.6227766017.
CREATE TABLE rv AS
SELECT 'a' AS label, rv_summary('{10,20,30,40}', '{f,f,f,t}') AS s
UNION ALL SELECT 'b', rv_summary('{10,10,10,10}', '{f,t,f,f}')
UNION ALL SELECT 'a with a zero revenue', rv_summary('{10,20,30,40,0}', '{f,f,f,t,f}')
-- none lost of 1 and 3: R = 0, B = 0: std_error 0, n_eff = Kish's 16/10 =
-- 1.6, Wilson [0, 70.5961204022]; all lost: R = 1, [29.4038795978, 100]
UNION ALL SELECT 'none lost', rv_summary('{1,3}', '{f,f}')
UNION ALL SELECT 'all lost', rv_summary('{1,3}', '{t,t}')
-- one customer at risk: the rate, but no variance (n - 1 = 0)
UNION ALL SELECT 'one customer', rv_summary('{5}', '{t}')
-- nobody at risk with revenue: no rate
UNION ALL SELECT 'no revenue at risk', rv_summary('{0,0}', '{t,f}');
SELECT label, s FROM rv;
SELECT label, churn(s), round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS ci_lower, round(ci_upper(s)::numeric, 10) AS ci_upper
FROM rv;
-- the level is a parameter: 90 % for a, z = 1.6448536270, n_eff = 3:
-- [10.6750286387, 78.8088828445]
SELECT round(ci_lower(s, 0.9)::numeric, 10) AS ci_lower, round(ci_upper(s, 0.9)::numeric, 10) AS ci_upper
FROM rv WHERE label = 'a';

-- p_value(a, b): the pooled z-test with n_eff on each side, 3 and 4:
-- p = (0.4 * 3 + 0.25 * 4) / 7, z = 0.15 / sqrt(p (1 - p) (1/3 + 1/4)),
-- two-sided 0.6722536333; symmetric; NULL with a side of one customer
SELECT round(p_value(a.s, b.s)::numeric, 10) AS p_ab, round(p_value(b.s, a.s)::numeric, 10) AS p_ba,
	   p_value(a.s, o.s) AS p_one_customer
FROM rv a, rv b, rv o WHERE a.label = 'a' AND b.label = 'b' AND o.label = 'one customer';

-- Customer churn is unchanged: 1 lost of 4, 100 sqrt(0.25 * 0.75 / 4)
SELECT round(std_error(churn_summary(a, daterange('2026-01-01', '2026-02-01')))::numeric, 10) AS customer_std_error
FROM (VALUES (daterange('2025-01-01', NULL)), (daterange('2025-01-01', NULL)),
			 (daterange('2025-01-01', NULL)), (daterange('2025-01-01', '2026-01-15'))) v(a);

-- Version 2, text: output -> input is the same value, and the text again
SELECT label, s::text::churn_summary = s AS same, s::text::churn_summary::text = s::text AS same_text
FROM rv;
-- and binary: 75 bytes (version 2, period type, flags 1, period start and
-- end, three int8 counts, four float8 sums: the lost customers' squares
-- last)
SELECT label, length(churn_summary_send(s)) AS bytes, r.value = s::text AS same, r.code
FROM rv, LATERAL receive_binary('churn_summary', churn_summary_send(s)) r
WHERE label IN ('a', 'none lost');
SELECT churn_summary_send(s) FROM rv WHERE label = 'a';

-- Version-1 revenue values, as extension 1.0 wrote them, are read, kept
-- and written back as version 1, with 1.0's statistics: Kish's n.  a in
-- version 1: n = 10000 / 3000 = 3.3333333333, std_error = 100 sqrt(0.4 *
-- 0.6 / n) = 26.8328157300, Wilson [9.1097732741, 81.5984360739].
CREATE TABLE rv1 AS
SELECT '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000}'::churn_summary AS s;
SELECT s, s::text::churn_summary = s AS same, churn(s), round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS ci_lower, round(ci_upper(s)::numeric, 10) AS ci_upper
FROM rv1;
-- binary: 67 bytes, version 1, read back as version 1
SELECT length(churn_summary_send(s)) AS bytes, get_byte(churn_summary_send(s), 0) AS version,
	   r.value = s::text AS same, r.code
FROM rv1, LATERAL receive_binary('churn_summary', churn_summary_send(s)) r;
-- version 2 cut down to version 1 (version byte 1, no lost squares) is
-- that value
SELECT r.value = (SELECT s::text FROM rv1) AS same
FROM rv, LATERAL receive_binary('churn_summary',
		set_byte(substring(churn_summary_send(s) from 1 for 67), 0, 1)) r
WHERE label = 'a';
-- p_value of version 1 a (Kish n 3.33) and version 2 b (n_eff 4): 0.6641082741
SELECT round(p_value(s, (SELECT s FROM rv WHERE label = 'b'))::numeric, 10) AS p_value FROM rv1;

-- Version 1 combined with version 2 is version 1 (Kish's n), whatever the
-- order and the path (+, roll-up, window): a (version 1) + b: X = 140,
-- lost 50, squares 3000 + 400 = 3400, n = 140^2 / 3400 = 5.7647058824,
-- R = 5/14, std_error = 100 sqrt(R (1 - R) / n) = 19.9567420567.
-- Version 2 + version 2 keeps the lost squares: 1600 + 100 = 1700.
SELECT v1.s + b.s AS v1_plus_v2, b.s + v1.s = v1.s + b.s AS commutes,
	   round(std_error(v1.s + b.s)::numeric, 10) AS std_error,
	   (SELECT churn_summary(x) FROM (VALUES (v1.s), (b.s)) t(x)) = v1.s + b.s AS rollup_same,
	   (SELECT churn_summary(x) FROM (VALUES (b.s), (v1.s)) t(x)) = v1.s + b.s AS rollup_other_order
FROM rv1 v1, rv b WHERE b.label = 'b';
SELECT a.s + b.s AS v2_plus_v2 FROM rv a, rv b WHERE a.label = 'a' AND b.label = 'b';
-- a version-1 value rolled up alone (its state is of version 2's layout,
-- marked as holding version 1) equals it, hashes alike, and is written as
-- version 1
SET enable_sort = off;
SELECT count(*) AS values, count(DISTINCT s::text) AS texts
FROM (SELECT s FROM rv1 UNION SELECT churn_summary(s) FROM rv1) t;
RESET enable_sort;
SELECT r = s AS same, r::text = s::text AS same_text,
	   churn_summary_send(r) = churn_summary_send(s) AS same_binary
FROM (SELECT churn_summary(s) AS r FROM rv1) t, rv1;
-- the same content in version 1 and version 2 forms are different values
SELECT (SELECT s FROM rv1) = (SELECT s FROM rv WHERE label = 'a') AS v1_equals_v2;

-- Windows: a roll-up over daily summaries, some of version 1, some of 2.
-- Each frame's value is the plain roll-up of its rows: version 1 while a
-- version-1 summary is in the frame (PostgreSQL recomputes the frame once
-- one leaves), version 2 again after.
CREATE TABLE rv_days AS
SELECT d, CASE WHEN d IN (3, 4, 9) THEN (s::text::jsonb - 'sum_sq_revenue_lost' || '{"version": 1}')::text::churn_summary
			   ELSE s END AS s
FROM (SELECT d, rv_summary(ARRAY[d, 2 * d + 1, 0.5 * d, 3], ARRAY[d % 2 = 0, d % 3 = 0, d % 4 = 0, d = 7]) AS s
	  FROM generate_series(1, 12) d) t;
SELECT d, (s::text::jsonb) ->> 'version' AS version, w::text::jsonb ->> 'version' AS window_version,
	   w = p AS same_as_plain, std_error(w) IS NOT DISTINCT FROM std_error(p) AS same_std_error
FROM (SELECT d, s, churn_summary(s) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS w,
			 (SELECT churn_summary(x.s) FROM rv_days x WHERE x.d BETWEEN o.d - 2 AND o.d) AS p
	  FROM rv_days o) t
ORDER BY d;
-- churn_rate over a window of version-2 customers (direct aggregate):
-- equal to the plain aggregate of each frame
SELECT count(*) AS frames, count(*) FILTER (WHERE w = p) AS same
FROM (SELECT i, churn_summary(a, daterange('2026-01-01', '2026-02-01'), r) OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS w,
			 (SELECT churn_summary(x.a, daterange('2026-01-01', '2026-02-01'), x.r)
			  FROM (SELECT i, CASE WHEN i % 3 = 0 THEN daterange('2025-01-01', '2026-01-15') ELSE daterange('2025-01-01', NULL) END AS a,
						   (i % 7) * 1.5 AS r FROM generate_series(1, 30) i) x WHERE x.i BETWEEN o.i - 3 AND o.i) AS p
	  FROM (SELECT i, CASE WHEN i % 3 = 0 THEN daterange('2025-01-01', '2026-01-15') ELSE daterange('2025-01-01', NULL) END AS a,
				   (i % 7) * 1.5 AS r FROM generate_series(1, 30) i) o) t;

-- Parallel: a roll-up of many version-1 and version-2 summaries in
-- workers equals the serial one (version 1, as one of them is)
CREATE TABLE rv_many AS
SELECT g, CASE WHEN g % 100 = 0 THEN (s::text::jsonb - 'sum_sq_revenue_lost' || '{"version": 1}')::text::churn_summary
			   ELSE s END AS s, s AS s2
FROM (SELECT g, rv_summary(ARRAY[g % 13 + 1, g % 5 + 0.5], ARRAY[g % 3 = 0, g % 4 = 0]) AS s
	  FROM generate_series(1, 20000) g) t;
CREATE TABLE rv_serial AS SELECT churn_summary(s) AS mixed, churn_summary(s2) AS v2 FROM rv_many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT line FROM explain_analyze($$SELECT churn_summary(s) FROM rv_many$$) line
WHERE line ~ 'Partial|Finalize|Gather';
SELECT churn_summary(s) = (SELECT mixed FROM rv_serial) AS mixed_same,
	   (churn_summary(s)::text::jsonb) ->> 'version' AS mixed_version,
	   churn_summary(s2) = (SELECT v2 FROM rv_serial) AS v2_same,
	   (churn_summary(s2)::text::jsonb) ->> 'version' AS v2_version,
	   near(std_error(churn_summary(s2)), std_error((SELECT v2 FROM rv_serial))) AS v2_std_error_near
FROM rv_many;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Malformed version-2 text: every key required, each rule of the sums
\pset null '(null)'
SELECT label, e.code, e.detail
FROM (VALUES
	('without the lost squares', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000}'),
	('lost squares in version 1', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 1600}'),
	('lost squares alone', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 0, "sum_sq_revenue_lost": 1600}'),
	('2^40 at risk', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1099511627776, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 1600}'),
	('2^40 new', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 1099511627776, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 1600}'),
	('negative lost squares', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": -1600}'),
	('infinite lost squares', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 1e999}'),
	('lost squares above all squares', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 2, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 60, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 3100}'),
	('lost squares without revenue lost', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 0, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 1600}'),
	('revenue lost without squares', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 0}'),
	('lost squares without customers lost', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 0, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 0, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 1600}'),
	-- one lost customer of 40 has the square 1600, not 1000 or 2000
	('lost squares below (sum r)^2 / lost', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 1000}'),
	('lost squares above (sum r)^2', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 4, "customers_lost": 2, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 2000}'),
	-- everyone lost: the lost squares are all squares
	('all lost, lost squares short', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 2, "customers_lost": 2, "customers_new": 0, "revenue_at_start": 4, "revenue_lost": 4, "sum_sq_revenue": 10, "sum_sq_revenue_lost": 9}')
) AS cases(label, input),
LATERAL expect_error(format('SELECT %L::churn_summary', input)) e;
-- the largest counts of version 2 read, and the lost squares may differ
-- from the exact ones by rounding
SELECT customers_at_start(s), customers_new(s)
FROM (SELECT '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1099511627775, "customers_lost": 1, "customers_new": 1099511627775, "revenue_at_start": 100, "revenue_lost": 40, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 1600.0000000001}'::churn_summary AS s) t;

-- Malformed version-2 binary (byte offsets: version 0, period type 1,
-- flags 2, start 3, end 11, at risk 19, lost 27, new 35, revenue at start
-- 43, revenue lost 51, squares 59, lost squares 67)
CREATE TABLE rv_good AS SELECT churn_summary_send(s) AS v2 FROM rv WHERE label = 'a';
SELECT label, r.code, r.detail
FROM rv_good, LATERAL (VALUES
	('valid', v2),
	('truncated', substring(v2 from 1 for 74)),
	('extra byte', v2 || '\x00'::bytea),
	('version 2 without the revenue flag', set_byte(v2, 2, 0)),
	('flags 0x09 (0x08 marks version-1 content only in memory)', set_byte(v2, 2, 9)),
	('2^40 at risk', overlay(v2 placing '\x0000010000000000' from 20)),
	('2^40 lost', overlay(v2 placing '\x0000010000000000' from 28)),
	('2^40 new', overlay(v2 placing '\x0000010000000000' from 36)),
	('negative new', overlay(v2 placing '\xffffffffffffffff' from 36)),
	('more lost than at risk', overlay(v2 placing '\x0000000000000005' from 28)),
	('NaN lost squares', overlay(v2 placing '\x7ff8000000000000' from 68)),
	('infinite lost squares', overlay(v2 placing '\x7ff0000000000000' from 68)),
	('negative lost squares', overlay(v2 placing '\xc099000000000000' from 68)),
	('lost squares 0', overlay(v2 placing '\x0000000000000000' from 68)),
	('lost squares 4000 of one customer of 40', overlay(v2 placing '\x40af400000000000' from 68)),
	('NaN squares', overlay(v2 placing '\x7ff8000000000000' from 60))
) AS cases(label, bytes),
LATERAL receive_binary('churn_summary', bytes) r;
\pset null ''

-- Counts of a revenue summary past 2^40 - 1: a clean error (22003), by
-- every path that adds them
CREATE TABLE rv_full AS
SELECT '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1099511627775, "customers_lost": 0, "customers_new": 1099511627775, "revenue_at_start": 100, "revenue_lost": 0, "sum_sq_revenue": 3000, "sum_sq_revenue_lost": 0}'::churn_summary AS at_limit,
	   '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1099511627776, "customers_lost": 0, "customers_new": 0, "revenue_at_start": 100, "revenue_lost": 0, "sum_sq_revenue": 3000}'::churn_summary AS v1_big;
SELECT label, e.code, e.message, e.hint
FROM (VALUES
	('+ one at risk', $$SELECT at_limit + (SELECT s FROM rv WHERE label = 'b') FROM rv_full$$),
	('roll-up', $$SELECT churn_summary(x) FROM (SELECT at_limit FROM rv_full UNION ALL SELECT s FROM rv WHERE label = 'b') t(x)$$),
	('transition: one more at risk', $$SELECT churn_trans_revenue(at_limit, daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'), 1) FROM rv_full$$),
	('transition: one more new', $$SELECT churn_trans_revenue(at_limit, daterange('2026-01-15', NULL), daterange('2026-01-01', '2026-02-01'), 1) FROM rv_full$$),
	('version 1 beyond 2^40 + version 2', $$SELECT v1_big + (SELECT s FROM rv WHERE label = 'b') FROM rv_full$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;
-- up to the limit is fine, and the version-1 value beyond it reads
SELECT customers_at_start(churn_trans_revenue(at_limit, daterange('2025-01-01', '2025-06-01'), daterange('2026-01-01', '2026-02-01'), 1)) AS left_before,
	   customers_at_start(v1_big), v1_big::text::churn_summary = v1_big AS v1_reads_back
FROM rv_full;

DROP TABLE rv, rv1, rv_days, rv_many, rv_serial, rv_good, rv_full;
DROP FUNCTION rv_summary(float8[], boolean[]);
