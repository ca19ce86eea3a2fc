-- Who is new: a customer not active at the period's start (not at risk)
-- but active at some time between its start and end, that is
--	 NOT active @> lower(period) AND active && (lower(period), upper(period))
-- whatever the inclusivity of the lifetime's bounds.  A lifetime that
-- opens just after the period's first instant is new.
SELECT customers_at_start(s) AS at_start, customers_new(s) AS new
FROM (SELECT churn_summary(tstzrange('2026-01-01 00:00+00', '2026-03-01 00:00+00', '(]'),
						   tstzrange('2026-01-01 00:00+00', '2026-02-01 00:00+00')) AS s) t;
SELECT customers_at_start(s) AS at_start, customers_new(s) AS new
FROM (SELECT churn_summary(tsrange('2026-01-01', '2026-03-01', '()'),
						   tsrange('2026-01-01', '2026-02-01')) AS s) t;

-- Every lifetime with bounds among a few instants around the period's
-- start S and end E (an hour or a day before, at, after; or unbounded),
-- with each of the four inclusivities, against periods [S, E) given with
-- each of the four inclusivities, for every range type: the summary's
-- counts are those of the definition written with range operators.
CREATE FUNCTION churn_new_mismatches(range_type text, unit text,
									 OUT combinations bigint, OUT at_start bigint,
									 OUT lost bigint, OUT new bigint,
									 OUT mismatches bigint)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format($q$
		WITH points(x) AS (
			SELECT NULL::%2$s
			UNION ALL
			SELECT (timestamp '2026-01-01' + k * interval %3$L)::%2$s
			FROM unnest(ARRAY[-1, 0, 1, 30, 31, 32]) k),
		lifetimes(active) AS (
			SELECT DISTINCT %1$s(a.x, b.x, inc)
			FROM points a, points b, unnest(ARRAY['[)', '(]', '[]', '()']) inc
			WHERE a.x IS NULL OR b.x IS NULL OR a.x <= b.x),
		periods(period) AS (
			SELECT %1$s((timestamp '2026-01-01')::%2$s,
						(timestamp '2026-01-01' + 31 * interval %3$L)::%2$s, inc)
			FROM unnest(ARRAY['[)', '(]', '[]', '()']) inc),
		per_period AS (
			SELECT period, churn_summary(active, period) AS s,
				   count(*) FILTER (WHERE active @> lower(period)) AS at_start,
				   count(*) FILTER (WHERE active @> lower(period)
									AND NOT active @> upper(period)) AS lost,
				   count(*) FILTER (WHERE NOT active @> lower(period)
									AND active && %1$s(lower(period), upper(period), '()')) AS new,
				   count(*) AS n
			FROM lifetimes, periods
			GROUP BY period)
		SELECT sum(n), sum(at_start), sum(lost), sum(new),
			   count(*) FILTER (WHERE customers_at_start(s) <> at_start
								OR customers_lost(s) <> lost
								OR customers_new(s) <> new)
		FROM per_period$q$, range_type,
		CASE range_type WHEN 'daterange' THEN 'date' WHEN 'tsrange' THEN 'timestamp'
			 ELSE 'timestamptz' END, unit)
	INTO combinations, at_start, lost, new, mismatches;
END
$$;
SET TimeZone = 'UTC';
SELECT t, unit, m.*
FROM (VALUES ('daterange', '1 day'), ('tsrange', '1 day'), ('tsrange', '1 microsecond'),
			 ('tstzrange', '1 hour'), ('tstzrange', '1 microsecond')) v(t, unit),
	 LATERAL churn_new_mismatches(t, unit) m;
RESET TimeZone;

-- The same customers one at a time, as the window (moving-aggregate)
-- forms count them: the inverse transition removes each as it came.
SELECT count(*) AS frames,
	   count(*) FILTER (WHERE customers_new(w) = CASE WHEN NOT a @> lower(p) AND a && tsrange(lower(p), upper(p), '()') THEN 1 ELSE 0 END) AS right
FROM (SELECT a, p, churn_summary(a, p) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND CURRENT ROW) AS w
	  FROM (SELECT row_number() OVER () AS i, tsrange(x, y, inc) AS a,
				   tsrange('2026-01-01', '2026-02-01') AS p
			FROM unnest(ARRAY[timestamp '2025-12-31', '2026-01-01', '2026-01-15', '2026-02-01']) x,
				 unnest(ARRAY[timestamp '2026-01-01', '2026-01-15', '2026-02-01', '2026-03-01']) y,
				 unnest(ARRAY['[)', '(]', '[]', '()']) inc
			WHERE x < y) c) w;
