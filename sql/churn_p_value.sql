-- p_value(a, b) of two churn summaries compares like with like: a
-- customer churn rate against a revenue churn rate is refused with the
-- very error a + b gives (one check serves both).  Two periods may be
-- compared (churn before and after a price change): that is what the
-- test is for, while adding them is not.
CREATE TABLE pv (label text, s churn_summary);
INSERT INTO pv
SELECT 'january', churn_summary(daterange('2025-01-01', CASE WHEN i <= 10 THEN '2026-01-10'::date END),
								daterange('2026-01-01', '2026-02-01'))
FROM generate_series(1, 100) i
UNION ALL
SELECT 'january, revenue', churn_summary(daterange('2025-01-01', CASE WHEN i <= 10 THEN '2026-01-10'::date END),
										 daterange('2026-01-01', '2026-02-01'), 10.0)
FROM generate_series(1, 100) i
UNION ALL
SELECT 'february', churn_summary(daterange('2025-01-01', CASE WHEN i <= 25 THEN '2026-02-10'::date END),
								 daterange('2026-02-01', '2026-03-01'))
FROM generate_series(1, 100) i
UNION ALL
SELECT 'february, revenue', churn_summary(daterange('2025-01-01', CASE WHEN i <= 25 THEN '2026-02-10'::date END),
										  daterange('2026-02-01', '2026-03-01'), 10.0)
FROM generate_series(1, 100) i;
CREATE FUNCTION pv(name text) RETURNS churn_summary
LANGUAGE sql STABLE AS $$ SELECT s FROM pv WHERE label = name $$;

-- customer against revenue churn: p_value and + fail alike
SELECT a, b, p.code, p.message, p.hint, p IS NOT DISTINCT FROM plus AS same_as_plus
FROM (VALUES ('january', 'january, revenue'), ('january, revenue', 'january'),
			 ('february', 'february, revenue')) AS pairs(a, b),
	 LATERAL expect_error(format('SELECT p_value(pv(%L), pv(%L))', a, b)) p,
	 LATERAL expect_error(format('SELECT pv(%L) + pv(%L)', a, b)) plus;

-- like with like: a p-value.  10 lost of 100 against 25 of 100 (the
-- pooled z-test: z = -2.7914526312, p = 0.0052472037), for customers or
-- for revenue (every customer 10.0: the same shares and effective n).
SELECT a, b, round(p_value(pv(a), pv(b))::numeric, 10) AS p_value
FROM (VALUES ('january', 'february'), ('january, revenue', 'february, revenue'),
			 ('january', 'january')) AS pairs(a, b);
-- while adding two periods stays an error
SELECT e.code, e.message FROM expect_error($$SELECT pv('january') + pv('february')$$) e;
DROP FUNCTION pv(text);
DROP TABLE pv;
