-- A window frame is = to the plain aggregate over the same rows, also
-- after the frame has emptied (through NULL rows) and fills again, maybe
-- with summaries without revenue or of another period: the window state
-- then starts afresh, with no rounding residue of the revenue that left.
-- Frames are at most two rows wide, so that the plain aggregate's double
-- sums (one addition) are the correctly rounded sums the window keeps.
-- Rows come in blocks of 9: two NULL rows (the frame empties), then 7
-- customers.  Blocks alternate between revenue in ugly tenths (stored
-- summaries with revenue) and no revenue (NULL revenue, stored summaries
-- without); every other pair of blocks is over February, not January.
CREATE TABLE refill AS
SELECT i,
	   CASE WHEN i % 9 >= 2 THEN daterange(started, CASE WHEN i % 4 <> 0 THEN started + 1 + (i * 11) % 60 END) END AS active,
	   CASE WHEN i / 18 % 2 = 0 THEN daterange('2026-01-01', '2026-02-01') ELSE daterange('2026-02-01', '2026-03-01') END AS p,
	   CASE WHEN i / 9 % 2 = 0 THEN (i % 7 + 1) / 10.0 END::float8 AS rev
FROM (SELECT i, date '2025-12-01' + (i * 7) % 45 AS started FROM generate_series(0, 80) i) g;
ALTER TABLE refill ADD COLUMN s churn_summary;
UPDATE refill SET s = CASE WHEN active IS NULL THEN NULL
						   WHEN rev IS NOT NULL THEN churn_trans_revenue(NULL, active, p, rev)
						   ELSE churn_trans(NULL, active, p) END;
SELECT count(*) AS rows, count(s) AS summaries, count(rev) FILTER (WHERE s IS NOT NULL) AS with_revenue,
	   count(DISTINCT p) AS periods
FROM refill;

-- frames whose window value is not = to the plain aggregate of its rows
CREATE FUNCTION refill_mismatches(win_expr text, frame text, lo int, hi int)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	result bigint;
BEGIN
	EXECUTE format(
		'SELECT count(*) FROM ('
		'  SELECT %1$s OVER (ORDER BY o.i ROWS BETWEEN %2$s) AS w,'
		'		  (SELECT %1$s FROM refill r WHERE r.i BETWEEN o.i + %3$s AND o.i + %4$s) AS d'
		'  FROM refill o) x '
		'WHERE NOT ((w IS NULL AND d IS NULL) OR w = d)',
		win_expr, frame, lo, hi)
	INTO result;
	RETURN result;
END
$$;
SELECT e AS expression, f AS frame, refill_mismatches(e, f, lo, hi) AS mismatches
FROM (VALUES ('churn_summary(s)'), ('churn_rate(s)'),
			 ('churn_summary(active, p)'), ('churn_summary(active, p, rev)'),
			 ('churn_rate(active, p, rev)')) e(e),
	 (VALUES ('1 PRECEDING AND CURRENT ROW', -1, 0), ('CURRENT ROW AND 1 FOLLOWING', 0, 1),
			 ('CURRENT ROW AND CURRENT ROW', 0, 0)) f(f, lo, hi)
ORDER BY 1, 2;

-- Equal summaries group together (the hash aggregate compares with =):
-- as many groups as distinct texts, among the window results and the
-- stored summaries.
WITH x AS (
	SELECT churn_summary(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w
	FROM refill
	UNION ALL
	SELECT s FROM refill)
SELECT (SELECT count(*) FROM (SELECT w FROM x WHERE w IS NOT NULL GROUP BY w) g) AS groups,
	   (SELECT count(DISTINCT w::text) FROM x) AS distinct_texts;
DROP FUNCTION refill_mismatches(text, text, int, int);
DROP TABLE refill;
