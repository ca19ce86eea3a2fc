-- Memory of the churn aggregates: one copy of the 72-byte state per group.
-- The state type is churn_summary, whose size is the C struct's (checked
-- when the module is compiled).
SELECT typname, typlen, typalign, typbyval FROM pg_type WHERE typname = 'churn_summary';
SELECT pg_column_size(churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'))) AS stored_bytes;

-- A hash aggregate over 400,000 groups, one customer each, measured by
-- the peak memory EXPLAIN ANALYZE reports, beyond that of count(*) over
-- the same groups.  One copy of the state per group costs 72 bytes and
-- the allocator's rounding and chunk header, about 140 bytes; a second
-- copy left in the aggregate context would double that.
SET work_mem = '512MB';
SET max_parallel_workers_per_gather = 0;
SET enable_sort = off;
CREATE TABLE churn_groups AS
SELECT i, daterange('2025-01-01', NULL) AS active, daterange('2026-01-01', '2026-02-01') AS p,
	   i % 100 + 0.5 AS rev
FROM generate_series(1, 400000) i;
ANALYZE churn_groups;
CREATE TABLE churn_group_summaries AS
SELECT i, churn_summary(active, p) AS s FROM churn_groups GROUP BY i;
ANALYZE churn_group_summaries;
-- peak memory of a query's top plan node (the hash aggregate), in bytes
CREATE FUNCTION churn_peak_memory(query text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON, COSTS OFF, TIMING OFF) ' || query INTO plan;
	IF plan -> 0 -> 'Plan' ->> 'Node Type' <> 'Aggregate'
	   OR plan -> 0 -> 'Plan' ->> 'Strategy' <> 'Hashed'
	   OR (plan -> 0 -> 'Plan' ->> 'HashAgg Batches')::int <> 1 THEN
		RAISE EXCEPTION 'not an in-memory hash aggregate: %', plan;
	END IF;
	RETURN (plan -> 0 -> 'Plan' ->> 'Peak Memory Usage')::bigint * 1024;
END
$$;
SELECT form,
	   (churn_peak_memory(query) - churn_peak_memory(baseline)) / 400000 < 216 AS one_state_per_group
FROM (VALUES
	('churn_summary(active, p)', 'SELECT i, churn_summary(active, p) FROM churn_groups GROUP BY i',
	 'SELECT i, count(*) FROM churn_groups GROUP BY i'),
	('churn_rate(active, p, revenue)', 'SELECT i, churn_rate(active, p, rev) FROM churn_groups GROUP BY i',
	 'SELECT i, count(*) FROM churn_groups GROUP BY i'),
	('churn_summary(churn_summary)', 'SELECT i, churn_summary(s) FROM churn_group_summaries GROUP BY i',
	 'SELECT i, count(*) FROM churn_group_summaries GROUP BY i')
) AS forms(form, query, baseline);
RESET work_mem;
RESET max_parallel_workers_per_gather;
RESET enable_sort;
DROP FUNCTION churn_peak_memory(text);
DROP TABLE churn_groups, churn_group_summaries;
