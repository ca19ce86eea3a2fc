-- Every summary an aggregate stores reads back in: the aggregates apply
-- the same rule to a period as the text and binary input (finite bounds,
-- start before end), so COPY and pg_restore never meet a value they
-- reject.  A tsrange or tstzrange such as [t, t] is not empty, but it has
-- no time between its ends: every aggregate form refuses it.
SELECT label, e.*
FROM (VALUES
	('churn_summary, tsrange', $$SELECT churn_summary(tsrange('2025-06-01', '2026-06-01'), tsrange('2026-01-01', '2026-01-01', '[]'))$$),
	('churn_summary, tstzrange', $$SELECT churn_summary(tstzrange('2025-06-01 00:00+00', NULL), tstzrange('2026-01-01 00:00+00', '2026-01-01 00:00+00', '[]'))$$),
	('churn_rate, tsrange', $$SELECT churn_rate(tsrange('2025-06-01', '2026-06-01'), tsrange('2026-01-01', '2026-01-01', '[]'))$$),
	('churn_rate, tstzrange', $$SELECT churn_rate(tstzrange('2025-06-01 00:00+00', NULL), tstzrange('2026-01-01 00:00+00', '2026-01-01 00:00+00', '[]'))$$),
	('churn_summary with revenue', $$SELECT churn_summary(tsrange('2025-06-01', '2026-06-01'), tsrange('2026-01-01', '2026-01-01', '[]'), 10.0)$$),
	('churn_rate with revenue', $$SELECT churn_rate(tstzrange('2025-06-01 00:00+00', NULL), tstzrange('2026-01-01 00:00+00', '2026-01-01 00:00+00', '[]'), 10.0)$$),
	('churn_summary, window', $$SELECT churn_summary(tsrange('2025-06-01', NULL), tsrange('2026-01-01', '2026-01-01', '[]')) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) i$$),
	('churn_rate, window', $$SELECT churn_rate(tstzrange('2025-06-01 00:00+00', NULL), tstzrange('2026-01-01 00:00+00', '2026-01-01 00:00+00', '[]')) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) i$$),
	('churn_summary with revenue, window', $$SELECT churn_summary(tsrange('2025-06-01', NULL), tsrange('2026-01-01', '2026-01-01', '[]'), i) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) i$$),
	('churn_rate with revenue, window', $$SELECT churn_rate(tstzrange('2025-06-01 00:00+00', NULL), tstzrange('2026-01-01 00:00+00', '2026-01-01 00:00+00', '[]'), i) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) i$$),
	('after a valid window frame', $$SELECT churn_rate(tsrange('2025-06-01', NULL), CASE WHEN i < 3 THEN tsrange('2026-01-01', '2026-02-01') ELSE tsrange('2026-01-01', '2026-01-01', '[]') END) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND CURRENT ROW) FROM generate_series(1, 3) i$$),
	('transition called directly', $$SELECT churn_trans(NULL::churn_summary, tsrange('2025-06-01', NULL), tsrange('2026-01-01', '2026-01-01', '[]'))$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;

-- A daterange is discrete: [d, d] is the one day [d, d+1), a valid period.
SELECT churn_summary(daterange('2025-06-01', NULL), daterange('2026-01-01', '2026-01-01', '[]'));

-- What the aggregates do accept, over every range type and with or
-- without revenue (the bounds' inclusivity of the period does not matter,
-- only their values), reads back unchanged from text and from binary.
CREATE TABLE restorable AS
SELECT 'daterange' AS t, inc, rev,
	   CASE WHEN rev THEN churn_summary(daterange(a::date, NULL), daterange('2026-01-01', '2026-01-03', inc), 2.5)
			ELSE churn_summary(daterange(a::date, NULL), daterange('2026-01-01', '2026-01-03', inc)) END AS s
FROM (VALUES ('[)'), ('(]'), ('[]'), ('()')) i(inc), (VALUES (false), (true)) r(rev),
	 (VALUES (timestamp '2025-06-01'), ('2026-01-01'), ('2026-01-01 00:00:00.000001')) c(a)
GROUP BY inc, rev
UNION ALL
SELECT 'tsrange', inc, rev,
	   CASE WHEN rev THEN churn_summary(tsrange(a, NULL), tsrange('2026-01-01', '2026-01-01 00:00:00.000001', inc), 2.5)
			ELSE churn_summary(tsrange(a, NULL), tsrange('2026-01-01', '2026-01-01 00:00:00.000001', inc)) END
FROM (VALUES ('[)'), ('(]'), ('[]'), ('()')) i(inc), (VALUES (false), (true)) r(rev),
	 (VALUES (timestamp '2025-06-01'), ('2026-01-01'), ('2026-01-01 00:00:00.000001')) c(a)
GROUP BY inc, rev
UNION ALL
SELECT 'tstzrange', inc, rev,
	   CASE WHEN rev THEN churn_summary(tstzrange(a AT TIME ZONE 'UTC', NULL), tstzrange('2026-01-01 00:00+00', '2026-01-01 00:00:00.000001+00', inc), 2.5)
			ELSE churn_summary(tstzrange(a AT TIME ZONE 'UTC', NULL), tstzrange('2026-01-01 00:00+00', '2026-01-01 00:00:00.000001+00', inc)) END
FROM (VALUES ('[)'), ('(]'), ('[]'), ('()')) i(inc), (VALUES (false), (true)) r(rev),
	 (VALUES (timestamp '2025-06-01'), ('2026-01-01'), ('2026-01-01 00:00:00.000001')) c(a)
GROUP BY inc, rev;
SELECT t, inc, rev, s::text::churn_summary = s AS text_reads_back,
	   s::text::jsonb -> 'period' AS period, customers_at_start(s) AS at_start,
	   customers_new(s) AS new
FROM restorable ORDER BY t, inc, rev;
-- binary: COPY out and in again
DO $$
BEGIN
	EXECUTE format('COPY restorable TO %L (FORMAT binary)',
				   current_setting('data_directory') || '/restorable.copy');
	CREATE TEMP TABLE restored (LIKE restorable);
	EXECUTE format('COPY restored FROM %L (FORMAT binary)',
				   current_setting('data_directory') || '/restorable.copy');
END
$$;
SELECT count(*) AS rows, count(*) FILTER (WHERE r.s = o.s) AS equal
FROM restorable o JOIN restored r USING (t, inc, rev);
DROP TABLE restorable;
