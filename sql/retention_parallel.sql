-- retention_summary under parallel query and in roll-ups: the parallel
-- plan (Partial Aggregate in the workers, the combine function in the
-- leader) gives what the serial plan gives, and summaries of any groups
-- rolled up (roll-up aggregate or +) give the pooled summary.
SET max_parallel_workers_per_gather = 0;

-- 100,000 customers, deterministic (a multiplicative hash of the id): 3
-- plans, signed up on one of the 730 days of 2023-2024, 40% still
-- customers, the others gone 1 to 600 days later; every 97th lifetime is
-- NULL.  Revenue is a multiple of 0.25, so its sums are exact in any order.
CREATE TABLE ret_cust AS
SELECT id, plan, started,
	   CASE WHEN id % 97 <> 0 THEN daterange(started, ended) END AS active,
	   CASE WHEN id % 97 <> 0
			THEN tstzrange(started::timestamp AT TIME ZONE 'UTC', ended::timestamp AT TIME ZONE 'UTC') END AS active_tz,
	   rev
FROM (SELECT i AS id,
			 (ARRAY['basic', 'pro', 'team'])[1 + (h >> 24) % 3] AS plan,
			 date '2023-01-01' + ((h >> 8) % 730)::int AS started,
			 CASE WHEN (h >> 18) % 5 >= 2
				  THEN date '2023-01-01' + ((h >> 8) % 730)::int + 1 + ((h >> 4) % 600)::int END AS ended,
			 (((h >> 12) % 40) * 0.25)::float8 AS rev
	  FROM (SELECT i, i::bigint * 2654435761 % 4294967296 AS h
			FROM generate_series(1, 100000) i) g) t;
ANALYZE ret_cust;

CREATE VIEW ret_all AS
SELECT retention_summary(active, '1 month', DATE '2025-01-01') AS s,
	   retention_summary(active, '7 days', DATE '2025-01-01', rev) AS s_rev,
	   retention_summary(active_tz, '1 month', TIMESTAMPTZ '2025-01-01 00:00+00') AS s_tz
FROM ret_cust;
CREATE VIEW ret_plan AS
SELECT plan, retention_summary(active, '1 month', DATE '2025-01-01') AS s,
	   retention_summary(active, '7 days', DATE '2025-01-01', rev) AS s_rev
FROM ret_cust GROUP BY plan;

CREATE TABLE ret_serial AS SELECT * FROM ret_all;
CREATE TABLE ret_serial_plan AS SELECT * FROM ret_plan;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
-- the plan is parallel
SELECT line FROM explain_analyze('SELECT * FROM ret_all') line WHERE line ~ 'Partial|Finalize|Gather';
SELECT p.s = s.s AS same, p.s_rev = s.s_rev AS same_revenue, p.s_tz = s.s_tz AS same_tz,
	   p.s = p.s_tz AS date_equals_utc
FROM ret_all p, ret_serial s;
SELECT plan, p.s = s.s AS same, p.s_rev = s.s_rev AS same_revenue
FROM ret_plan p JOIN ret_serial_plan s USING (plan) ORDER BY plan;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Roll-ups: per plan and signup month, stored, then rolled up to all
-- customers by the aggregate and by +, equal the pooled summary
CREATE TABLE ret_cohort AS
SELECT plan, date_trunc('month', started)::date AS cohort,
	   retention_summary(active, '1 month', DATE '2025-01-01') AS s,
	   retention_summary(active, '7 days', DATE '2025-01-01', rev) AS s_rev
FROM ret_cust GROUP BY 1, 2;
SELECT count(*) AS cohorts FROM ret_cohort;
SELECT (SELECT retention_summary(s) FROM ret_cohort) = s AS rollup_equal,
	   (SELECT retention_summary(s_rev) FROM ret_cohort) = s_rev AS rollup_equal_revenue
FROM ret_serial;
WITH RECURSIVE chain AS (
	SELECT 1 AS n, (SELECT s FROM ret_cohort ORDER BY plan, cohort LIMIT 1) AS s
	UNION ALL
	SELECT n + 1, chain.s + (SELECT s FROM ret_cohort ORDER BY plan, cohort OFFSET n LIMIT 1)
	FROM chain WHERE n < (SELECT count(*) FROM ret_cohort))
SELECT (SELECT s FROM chain ORDER BY n DESC LIMIT 1) = (SELECT s FROM ret_serial) AS plus_equal;
-- and the roll-up of the plans' summaries is the pooled curve
SELECT plan, customers_at_risk(s, 0) AS customers, round(retention(s, 12)::numeric, 6) AS retention_12,
	   median_lifetime(s)
FROM ret_serial_plan ORDER BY plan;
SELECT customers_at_risk(s, 0) = (SELECT count(active) FROM ret_cust) AS every_customer,
	   (SELECT retention_summary(s) FROM ret_serial_plan) = s AS plans_roll_up
FROM ret_serial;
-- the roll-up is parallel safe as well
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT (SELECT retention_summary(s) FROM ret_cohort) = s AS parallel_rollup_equal FROM ret_serial;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- The definition in SQL, per customer of a tenth of them: lost at the
-- smallest k >= 1 with lower + k * '1 month' >= upper, if that step is
-- complete by as_of (lower + k * '1 month' <= as_of); otherwise censored
-- at the number of complete steps.  Every age's counts agree.
CREATE TABLE ret_def AS
SELECT id, k_end, complete,
	   CASE WHEN k_end <= complete THEN k_end ELSE complete END AS age,
	   coalesce(k_end <= complete, false) AS lost
FROM (SELECT id,
			 (SELECT min(k) FROM generate_series(1, 40) k
			  WHERE lower(active) + k * interval '1 month' >= upper(active)) AS k_end,
			 (SELECT coalesce(max(k), 0) FROM generate_series(0, 40) k
			  WHERE lower(active) + k * interval '1 month' <= DATE '2025-01-01') AS complete
	  FROM ret_cust WHERE id % 10 = 0 AND active IS NOT NULL) d;
WITH s AS (SELECT retention_summary(active, '1 month', DATE '2025-01-01') AS s FROM ret_cust WHERE id % 10 = 0)
SELECT count(*) AS ages,
	   count(*) FILTER (WHERE customers_lost(s, age) <> (SELECT count(*) FROM ret_def d WHERE d.age = a.age AND lost)
					   OR customers_censored(s, age) <> (SELECT count(*) FROM ret_def d WHERE d.age = a.age AND NOT lost)) AS ages_differing,
	   sum(customers_lost(s, age)) AS lost, sum(customers_censored(s, age)) AS censored
FROM s, generate_series(0, 40) a(age);
