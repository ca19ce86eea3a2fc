-- A window frame whose weights (or revenue) fall outside the exact sums'
-- range after other rows have left gives the value of the plain aggregate
-- over its rows, never one with the rounding residue of the rows that left
-- (which the summary input would reject, or which would be wrong).  Each
-- case: frames of two rows, a huge value that leaves, a small one that
-- stays, and a tiny one that arrives beyond the exact range of the huge
-- one.  The window value is compared with the plain aggregate over the
-- same rows (text, so weights too), and must read back in.

-- roll-up of stored NPS summaries
CREATE TABLE inexact_nps (i int, s nps_summary);
INSERT INTO inexact_nps VALUES
 (1, '{"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 4611686018427387907], "weights": [0, 0, 0, 1e-150, 1e-150, 1e-150, 1e-150, 1e-150, 1e-150, 1e-150, 4.611686018427388e+18], "sum_sq_weights": 4.611686018427388e+18}'),
 (2, '{"version": 1, "scale": [0, 10], "counts": [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]}'),
 (3, '{"version": 1, "scale": [0, 10], "counts": [0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]}');
SELECT i, w::text AS window_value, w::text = d::text AS same_as_plain,
	   w::text::nps_summary = w AS reads_back
FROM (SELECT i, nps_summary(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w,
			 (SELECT nps_summary(s) FROM inexact_nps r WHERE r.i BETWEEN o.i - 1 AND o.i) AS d
	  FROM inexact_nps o) x
ORDER BY i;

-- weighted CSAT answers, one score
CREATE TABLE inexact_csat (i int, score int, w float8);
INSERT INTO inexact_csat VALUES (1, 5, 4.611686018427388e+18), (2, 5, 2), (3, 5, 1e-150), (4, 4, 3);
SELECT i, w::text AS window_value, w::text = d::text AS same_as_plain,
	   w::text::csat_summary = w AS reads_back
FROM (SELECT i, csat_summary(score, w) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w,
			 (SELECT csat_summary(score, w) FROM inexact_csat r WHERE r.i BETWEEN o.i - 1 AND o.i) AS d
	  FROM inexact_csat o) x
ORDER BY i;
SELECT i, csat_agg(score, w) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS window_csat,
	   ces_agg(score, w) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS window_ces
FROM inexact_csat ORDER BY i;

-- revenue churn, one customer a row, all at risk
CREATE TABLE inexact_churn (i int, active daterange, revenue float8);
INSERT INTO inexact_churn VALUES
 (1, '[2025-12-01,)', 4.611686018427388e+18), (2, '[2025-12-01,2026-01-15)', 2),
 (3, '[2025-12-01,)', 1e-150), (4, '[2025-12-01,2026-01-20)', 3);
SELECT i, w::text AS window_value, w::text = d::text AS same_as_plain,
	   w::text::churn_summary = w AS reads_back
FROM (SELECT i, churn_summary(active, '[2026-01-01,2026-02-01)', revenue)
				  OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w,
			 (SELECT churn_summary(active, '[2026-01-01,2026-02-01)', revenue)
			  FROM inexact_churn r WHERE r.i BETWEEN o.i - 1 AND o.i) AS d
	  FROM inexact_churn o) x
ORDER BY i;

-- the same churn summaries rolled up
SELECT i, w::text = d::text AS same_as_plain
FROM (SELECT i, churn_summary(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w,
			 (SELECT churn_summary(s) FROM (SELECT i, churn_summary(active, '[2026-01-01,2026-02-01)', revenue) s
										   FROM inexact_churn GROUP BY i) r
			  WHERE r.i BETWEEN o.i - 1 AND o.i) AS d
	  FROM (SELECT i, churn_summary(active, '[2026-01-01,2026-02-01)', revenue) s
			FROM inexact_churn GROUP BY i) o) x
ORDER BY i;

DROP TABLE inexact_nps, inexact_csat, inexact_churn;
