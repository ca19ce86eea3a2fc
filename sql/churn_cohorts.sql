-- Cohort analysis in plain SQL: the README's churn examples, each checked
-- against the hand-written definition with count(*) FILTER.
CREATE TABLE customers AS
SELECT i AS id,
	   (ARRAY['smb', 'mid', 'enterprise'])[1 + i % 3] AS segment,
	   (ARRAY['basic', 'pro'])[1 + (i / 3) % 2] AS plan,
	   started,
	   CASE WHEN (hashint4(i + 7919) & 1023) % 4 = 0 THEN NULL
			ELSE started + 30 + (hashint4(i + 104729) & 1023) % 500 END AS ended,
	   CASE WHEN (i / 3) % 2 = 0 THEN 20.0 ELSE 80.0 END + (i % 5) * 2.5 AS mrr
FROM generate_series(1, 3000) i,
	 LATERAL (SELECT '2024-01-01'::date + (hashint4(i) & 1023) % 730 AS started) s;
SELECT count(*), count(ended) AS ended, min(started), max(started) FROM customers;

-- 1. Monthly churn by segment for a year: customers joined to months.
CREATE TABLE monthly AS
SELECT m.month::date AS month, c.segment,
	   churn_rate(daterange(c.started, c.ended),
				  daterange(m.month::date, (m.month + interval '1 month')::date)) AS churn,
	   churn_summary(daterange(c.started, c.ended),
					 daterange(m.month::date, (m.month + interval '1 month')::date)) AS s
FROM customers c
CROSS JOIN generate_series('2025-01-01'::date, '2025-12-01', interval '1 month') AS m(month)
GROUP BY 1, 2;
SELECT month, segment, round(churn::numeric, 2) AS churn, customers_at_start(s),
	   customers_lost(s), customers_new(s)
FROM monthly WHERE month IN ('2025-01-01', '2025-12-01') ORDER BY 1, 2;
-- the same from the definition, for all 36 cells
SELECT count(*) AS cells,
	   count(*) FILTER (WHERE abs(m.churn - h.churn) > 1e-12 OR customers_new(m.s) <> h.new) AS mismatches
FROM monthly m
JOIN (SELECT month::date AS month, segment,
			 100.0 * count(*) FILTER (WHERE a @> month::date AND NOT a @> (month + interval '1 month')::date)
			 / count(*) FILTER (WHERE a @> month::date) AS churn,
			 count(*) FILTER (WHERE month::date < lower(a) AND lower(a) < (month + interval '1 month')::date) AS new
	  FROM (SELECT segment, daterange(started, ended) AS a FROM customers) c
	  CROSS JOIN generate_series('2025-01-01'::date, '2025-12-01', interval '1 month') AS m(month)
	  GROUP BY 1, 2) h USING (month, segment);
-- segments roll up to the whole company, month by month
SELECT count(*) AS months_mismatching
FROM (SELECT month, churn_rate(s) AS rolled_up FROM monthly GROUP BY month) r
JOIN (SELECT m.month::date AS month,
			 churn_rate(daterange(started, ended),
						daterange(m.month::date, (m.month + interval '1 month')::date)) AS direct
	  FROM customers CROSS JOIN generate_series('2025-01-01'::date, '2025-12-01', interval '1 month') m(month)
	  GROUP BY 1) d USING (month)
WHERE rolled_up <> direct;

-- 2. Cohort retention: signup month x months since the first full month,
-- the percent of the cohort's customers active at the start of their first
-- full month who are still active k months later.
CREATE TABLE retention AS
SELECT date_trunc('month', started)::date AS cohort, k,
	   retention_rate(churn_summary(daterange(started, ended),
									daterange(first_month, (first_month + k * interval '1 month')::date))) AS retention
FROM (SELECT *, (date_trunc('month', started) + interval '1 month')::date AS first_month
	  FROM customers WHERE started >= '2025-01-01' AND started < '2025-07-01') c,
	 generate_series(1, 6) k
GROUP BY 1, 2;
SELECT cohort,
	   round(max(retention) FILTER (WHERE k = 1)::numeric, 1) AS m1,
	   round(max(retention) FILTER (WHERE k = 2)::numeric, 1) AS m2,
	   round(max(retention) FILTER (WHERE k = 3)::numeric, 1) AS m3,
	   round(max(retention) FILTER (WHERE k = 6)::numeric, 1) AS m6
FROM retention GROUP BY cohort ORDER BY cohort;
SELECT count(*) AS cells, count(*) FILTER (WHERE abs(r.retention - h.retention) > 1e-12) AS mismatches
FROM retention r
JOIN (SELECT date_trunc('month', started)::date AS cohort, k,
			 100.0 * count(*) FILTER (WHERE a @> first_month AND a @> (first_month + k * interval '1 month')::date)
			 / count(*) FILTER (WHERE a @> first_month) AS retention
	  FROM (SELECT started, daterange(started, ended) AS a,
				   (date_trunc('month', started) + interval '1 month')::date AS first_month
			FROM customers WHERE started >= '2025-01-01' AND started < '2025-07-01') c,
		   generate_series(1, 6) k
	  GROUP BY 1, 2) h USING (cohort, k);

-- 3. Revenue churn by plan for June 2025, beside the customer churn
SELECT plan,
	   round(churn_rate(daterange(started, ended), daterange('2025-06-01', '2025-07-01'))::numeric, 2) AS customer_churn,
	   round(churn_rate(daterange(started, ended), daterange('2025-06-01', '2025-07-01'), mrr)::numeric, 2) AS revenue_churn,
	   round((100 * sum(mrr) FILTER (WHERE daterange(started, ended) @> '2025-06-01'::date
									 AND NOT daterange(started, ended) @> '2025-07-01'::date)
			  / sum(mrr) FILTER (WHERE daterange(started, ended) @> '2025-06-01'::date))::numeric, 2) AS by_hand
FROM customers GROUP BY plan ORDER BY plan;

-- 4. Annualised churn from a monthly rate m: 1 - (1 - m)^12.
-- 2 % a month is 100 * (1 - 0.98^12) = 21.53 % a year.
SELECT round((100 * (1 - (1 - 2.0 / 100) ^ 12))::numeric, 2) AS two_percent_a_month;
SELECT round(churn_rate(daterange(started, ended), daterange('2025-06-01', '2025-07-01'))::numeric, 3) AS monthly,
	   round((100 * (1 - (1 - churn_rate(daterange(started, ended), daterange('2025-06-01', '2025-07-01')) / 100) ^ 12))::numeric, 2) AS annualised
FROM customers;
