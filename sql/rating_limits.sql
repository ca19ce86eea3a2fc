-- Limits of the rating summaries (NPS, CSAT, CES): the total number of
-- answers is what responses(s) returns, so no way of adding answers may take
-- it past bigint, even when every single count still fits.
\pset null '(null)'

-- 9223372036854775806 answers of 0 and one of 10 make 2^63 - 1, the largest
-- total there is; one more answer of any score is an error.
SELECT responses('{"version": 1, "scale": [0, 10], "counts": [9223372036854775806,0,0,0,0,0,0,0,0,0,1]}'::nps_summary);
SELECT * FROM expect_error($$SELECT responses(nps_trans(nps_trans('{"version": 1, "scale": [0, 10], "counts": [9223372036854775806,0,0,0,0,0,0,0,0,0,1]}', 10), 9))$$);
SELECT * FROM expect_error($$SELECT responses(nps_trans('{"version": 1, "scale": [0, 10], "counts": [9223372036854775806,0,0,0,0,0,0,0,0,0,1]}', 9))$$);

-- Stored values: text and binary input refuse a total beyond bigint, so
-- every accepted summary has a responses(s) (NPS is in nps_bad_input).
SELECT label, e.code, e.detail
FROM (VALUES
	('csat text', $$SELECT '{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [9223372036854775807,0,0,0,1]}'::csat_summary$$),
	('ces text', $$SELECT '{"version": 1, "scale": [1, 7], "counts": [0,4611686018427387904,0,0,0,0,4611686018427387904]}'::ces_summary$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;
-- binary: header (version 1, kind, scale_min, scale_max, satisfied_from,
-- flags), then one int8 count per score
SELECT label, r.value, r.code, r.detail
FROM (VALUES
	('csat binary', 'csat_summary'::regtype,
	 '\x010201050400'::bytea || '\x7fffffffffffffff'::bytea || '\x0000000000000000'::bytea ||
	 '\x0000000000000000'::bytea || '\x0000000000000000'::bytea || '\x0000000000000001'::bytea),
	('ces binary', 'ces_summary'::regtype,
	 '\x010301070000'::bytea || '\x4000000000000000'::bytea || '\x4000000000000000'::bytea ||
	 '\x0000000000000000'::bytea || '\x0000000000000000'::bytea || '\x0000000000000000'::bytea ||
	 '\x0000000000000000'::bytea || '\x0000000000000000'::bytea),
	('ces binary, total 2^63 - 1', 'ces_summary'::regtype,
	 '\x010301070000'::bytea || '\x4000000000000000'::bytea || '\x3fffffffffffffff'::bytea ||
	 '\x0000000000000000'::bytea || '\x0000000000000000'::bytea || '\x0000000000000000'::bytea ||
	 '\x0000000000000000'::bytea || '\x0000000000000000'::bytea)
) AS cases(label, type, bytes),
LATERAL receive_binary(type, bytes) r;

-- every transition function, called directly on a full summary
SELECT label, e.code, e.message
FROM (VALUES
	('nps integer', $$SELECT nps_trans('{"version": 1, "scale": [0, 10], "counts": [9223372036854775807,0,0,0,0,0,0,0,0,0,0]}', 9)$$),
	('nps smallint', $$SELECT nps_trans_int2('{"version": 1, "scale": [0, 10], "counts": [9223372036854775807,0,0,0,0,0,0,0,0,0,0]}', 9::smallint)$$),
	('nps numeric', $$SELECT nps_trans_numeric('{"version": 1, "scale": [0, 10], "counts": [9223372036854775807,0,0,0,0,0,0,0,0,0,0]}', 9::numeric)$$),
	('nps weighted', $$SELECT nps_trans_weighted('{"version": 1, "scale": [0, 10], "counts": [9223372036854775807,0,0,0,0,0,0,0,0,0,0]}', 9, 1.5)$$),
	('csat', $$SELECT csat_trans('{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [4611686018427387904,4611686018427387903,0,0,0]}', 5)$$),
	('csat weighted', $$SELECT csat_trans_weighted('{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [4611686018427387904,4611686018427387903,0,0,0]}', 5, 2.0)$$),
	('ces', $$SELECT ces_trans('{"version": 1, "scale": [1, 7], "counts": [0,0,9223372036854775000,0,0,0,807]}', 1)$$),
	('ces numeric', $$SELECT ces_trans_numeric('{"version": 1, "scale": [1, 7], "counts": [0,0,9223372036854775000,0,0,0,807]}', 1::numeric)$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;

-- Inside an aggregate.  An aggregate whose initial state is a full summary
-- (the same transition functions, a user's own aggregate) must not wrap
-- around either: 2^63 - 3 answers of 0, then rows of 9.
CREATE AGGREGATE pg_temp.nps_from_big(integer) (
	SFUNC = nps_trans, STYPE = nps_summary,
	INITCOND = '{"version": 1, "scale": [0, 10], "counts": [9223372036854775805,0,0,0,0,0,0,0,0,0,0]}');
CREATE AGGREGATE pg_temp.ces_from_big(integer) (
	SFUNC = ces_trans, STYPE = ces_summary,
	INITCOND = '{"version": 1, "scale": [1, 7], "counts": [9223372036854775805,0,0,0,0,0,0]}');
-- two more answers reach 2^63 - 1 exactly
SELECT responses(pg_temp.nps_from_big(s)) FROM (VALUES (9), (9)) v(s);
SELECT responses(pg_temp.ces_from_big(s)) FROM (VALUES (7), (7)) v(s);
-- three are one too many
SELECT * FROM expect_error($$SELECT responses(pg_temp.nps_from_big(s)) FROM (VALUES (9), (9), (9)) v(s)$$);
SELECT * FROM expect_error($$SELECT responses(pg_temp.ces_from_big(s)) FROM (VALUES (7), (7), (7)) v(s)$$);
-- the same in a window frame (moving aggregate)
SELECT * FROM expect_error($$SELECT responses(pg_temp.nps_from_big(s) OVER (ORDER BY i)) FROM (VALUES (1, 9), (2, 9), (3, 9)) v(i, s)$$);

-- a + b, the roll-up aggregates and their window form add totals too
SELECT label, e.code, e.message
FROM (VALUES
	('a + b', $$SELECT '{"version": 1, "scale": [0, 10], "counts": [9223372036854775807,0,0,0,0,0,0,0,0,0,0]}'::nps_summary + nps_summary(9)$$),
	('roll-up', $$SELECT nps_summary(s) FROM (VALUES ('{"version": 1, "scale": [0, 10], "counts": [9223372036854775807,0,0,0,0,0,0,0,0,0,0]}'::nps_summary), ((SELECT nps_summary(9)))) v(s)$$),
	('roll-up window', $$SELECT nps_summary(s) OVER (ORDER BY i) FROM (VALUES (1, '{"version": 1, "scale": [0, 10], "counts": [9223372036854775807,0,0,0,0,0,0,0,0,0,0]}'::nps_summary), (2, (SELECT nps_summary(9)))) v(i, s)$$),
	('csat a + b', $$SELECT '{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [9223372036854775807,0,0,0,0]}'::csat_summary + csat_summary(5)$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;

-- p_value(a, b) accepts exactly the pairs a + b accepts, and refuses the
-- others with the same error: summaries on different scales, and CSAT
-- summaries with different satisfied bands.
SELECT label, p.code = s.code AND p.message = s.message
		AND p.detail IS NOT DISTINCT FROM s.detail AND p.hint IS NOT DISTINCT FROM s.hint AS same_error,
	   p.code, p.message, p.detail
FROM (VALUES
	('csat 1..5 and 1..7', 'csat_summary(5, 5)', 'csat_summary(5, 7)'),
	('csat bands 4.. and 5..', 'csat_summary(5, 5, 4)', 'csat_summary(5, 5, 5)'),
	('csat band 5.. of 1..5 and 1..7', 'csat_summary(5, 5, 5)', 'csat_summary(5, 7, 5)'),
	('ces 1..7 and 1..5', 'ces_summary(s, 7)', 'ces_summary(s, 5)')
) AS cases(label, a, b),
LATERAL expect_error(format('SELECT p_value(%s, %s) FROM generate_series(1, 5) s', a, b)) p,
LATERAL expect_error(format('SELECT %s + %s FROM generate_series(1, 5) s', a, b)) s;
-- pairs that add also compare: 4 of 5 satisfied against 0 of 5 gives
-- z = (0.8 - 0) / sqrt(0.4 * 0.6 * (1/5 + 1/5)) = 2.5820, p = 0.0098
SELECT round(p_value(csat_summary(s, 5, 2), csat_summary(1, 5, 2))::numeric, 4) AS csat_p,
	   round(p_value(ces_summary(s, 5), ces_summary(s, 5))::numeric, 4) AS ces_p,
	   round(p_value(nps_summary(s), nps_summary(s))::numeric, 4) AS nps_p
FROM generate_series(1, 5) s;

-- Memory: a hash aggregate holds one summary per group, RATING_SUMMARY_SIZE
-- (192) bytes in a 256-byte allocation, plus the allocation's header.  Its
-- first state is built where PostgreSQL's copy into the aggregate's memory
-- is the only one kept, so a group costs at most 320 bytes more than the
-- same grouping with count(*) (it cost two allocations, about 545 bytes).
-- The sizes in pg_type are the C struct's (a static assertion ties the two):
SELECT typname, typlen FROM pg_type
WHERE typname IN ('nps_summary', 'csat_summary', 'ces_summary') ORDER BY 1;
-- The hash aggregate's memory grows in blocks of up to 8 MB, so the groups
-- must be many for the blocks' slack to be small: 250000 groups, where 8 MB
-- is 33.6 bytes a group.  One 272-byte allocation a group then measures at
-- most 272 + 34 = 306 bytes; two measure at least 544 - 34 = 510.
CREATE FUNCTION pg_temp.hash_memory(query text) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) ' || query LOOP
		IF line ~ 'Memory Usage: \d+kB' THEN
			RETURN substring(line FROM 'Memory Usage: (\d+)kB')::float8 * 1024;
		END IF;
	END LOOP;
	RAISE EXCEPTION 'no hash aggregate in the plan of %', query;
END
$$;
SET work_mem = '256MB';
SET enable_sort = off;
SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.hash_memory('SELECT g % 250000, count(*) FROM generate_series(1, 500000) g GROUP BY 1') AS count_memory \gset
SELECT label, (pg_temp.hash_memory(format('SELECT g %% 250000, %s FROM generate_series(1, 500000) g GROUP BY 1', aggregate))
			   - :count_memory) / 250000 <= 320 AS at_most_320_bytes_per_group
FROM (VALUES
	('nps_summary(score)', 'nps_summary((g % 11)::integer)'),
	('nps_summary(score, weight)', 'nps_summary((g % 11)::integer, 0.5)'),
	('csat_summary(score, 5, 4)', 'csat_summary(1 + (g % 5)::integer, 5, 4)'),
	('ces_agg(score)', 'ces_agg(1 + (g % 7)::integer)')
) AS cases(label, aggregate);
RESET work_mem;
RESET enable_sort;
RESET max_parallel_workers_per_gather;
