-- NPS under parallel query: every aggregate form runs as Partial Aggregate
-- in the workers and Finalize Aggregate in the leader (via the combine
-- function), and gives what the serial plan gives.

-- The data is built serially, so stored float weight sums do not depend on
-- how a parallel CREATE TABLE AS would have split the rows.
SET max_parallel_workers_per_gather = 0;

-- 150,000 answers, deterministic (a multiplicative hash of the row number):
-- 5 segments with different score mixes, 121 days (Jan-Apr 2024), 8
-- channels; every 23rd score is NULL, every 31st exact weight is NULL.
-- w_exact is a multiple of 0.25 (0 included), so every sum of weights and
-- of squared weights is exact in double precision whatever the order;
-- w_ugly is 0.1 .. 2.0, which binary floating point cannot add exactly.
CREATE TABLE par_resp AS
SELECT id, segment, day, channel,
	   score, score::smallint AS score_s,
	   -- numeric scores, some with a scale (7.00 is the score 7)
	   CASE WHEN id % 3 = 0 THEN score::numeric(4,2) ELSE score::numeric END AS score_n,
	   w_exact, w_ugly
FROM (SELECT i::int AS id,
			 chr(65 + (i % 5)::int) AS segment,
			 date '2024-01-01' + (i % 121)::int AS day,
			 (i / 5 % 8)::int AS channel,
			 CASE WHEN i % 23 = 0 THEN NULL
				  ELSE least(10, (h >> 8) % (11 + 3 * (i % 5))) END::int AS score,
			 CASE WHEN i % 31 = 0 THEN NULL
				  ELSE ((h >> 20) % 12) * 0.25 END::float8 AS w_exact,
			 ((h >> 24) % 20 + 1)::float8 / 10 AS w_ugly
	  FROM (SELECT i, i * 2654435761 % 4294967296 AS h
			FROM generate_series(1::bigint, 150000) i) g) t;
ANALYZE par_resp;

-- Stored summaries per (day, segment, channel), in day order so that every
-- worker's share of the table holds every segment.  s_mix mixes unweighted
-- (even channels) and weighted (odd channels) summaries in one column.
-- Extra rows with NULL summaries (a channel without answers) must be
-- skipped by the strict roll-up aggregates, as sum() skips NULLs.
CREATE TABLE par_sum AS
SELECT day, segment, channel,
	   nps_summary(score) AS s,
	   nps_summary(score, w_exact) AS s_exact,
	   nps_summary(score, w_ugly) AS s_ugly,
	   CASE WHEN channel % 2 = 0 THEN nps_summary(score)
			ELSE nps_summary(score, w_exact) END AS s_mix
FROM par_resp
GROUP BY day, segment, channel
ORDER BY day, segment, channel;
INSERT INTO par_sum
SELECT date '2024-01-01' + d, chr(65 + d % 5), 8, NULL, NULL, NULL, NULL
FROM generate_series(0, 120) d;
ANALYZE par_sum;
-- 121 days x 5 segments x 8 channels = 4840 summaries, and 121 NULL rows.
SELECT count(*) AS stored_summaries, count(s) AS non_null FROM par_sum;

-- The queries under test, as views so that the serial and the parallel run
-- are the same statement.  Ungrouped queries report the group '(all)'.
-- The calls come from a table with one row per way of calling the metric
-- (NPS has one); metric_forms (sql/setup.sql) expands it over integer,
-- smallint and numeric scores, unweighted, with exact and with ugly
-- weights, for nps_agg and nps_summary.  Column names: a = nps_agg, s =
-- nps_summary; then w = exact weights, u = ugly weights; 1 = the one
-- shape; i, s, n = integer, smallint, numeric scores.
CREATE TEMP TABLE par_metrics (ord int, agg text, summary text, score text, args text,
							   prefix text, shape text);
INSERT INTO par_metrics VALUES
	(1, 'nps_agg', 'nps_summary', 'score', '', '', '1');
CREATE TEMP VIEW par_direct_forms AS SELECT * FROM metric_forms('par_metrics');
SELECT format('CREATE VIEW %I AS SELECT %s AS segment, %s FROM par_resp %s',
			  'par_direct' || g.suffix, g.segment,
			  string_agg(format('%s AS %I', call, col), ', ' ORDER BY ord), g.group_by)
FROM par_direct_forms
CROSS JOIN (VALUES ('_all', '''(all)''::text', ''),
				   ('_seg', 'segment', 'GROUP BY segment')) g(suffix, segment, group_by)
GROUP BY g.suffix, g.segment, g.group_by
ORDER BY g.suffix
\gexec
CREATE VIEW par_rollup_all AS
SELECT '(all)'::text AS segment,
	   nps_agg(s) AS a, nps_summary(s) AS r,
	   nps_agg(s_exact) AS a_exact, nps_summary(s_exact) AS r_exact,
	   nps_agg(s_ugly) AS a_ugly, nps_summary(s_ugly) AS r_ugly,
	   nps_agg(s_mix) AS a_mix, nps_summary(s_mix) AS r_mix
FROM par_sum;
CREATE VIEW par_rollup_seg AS
SELECT segment,
	   nps_agg(s) AS a, nps_summary(s) AS r,
	   nps_agg(s_exact) AS a_exact, nps_summary(s_exact) AS r_exact,
	   nps_agg(s_ugly) AS a_ugly, nps_summary(s_ugly) AS r_ugly,
	   nps_agg(s_mix) AS a_mix, nps_summary(s_mix) AS r_mix
FROM par_sum
GROUP BY segment;

-- Serial reference results: no Gather in the plan.
EXPLAIN (COSTS OFF) SELECT * FROM par_direct_all;
CREATE TEMP TABLE ser_direct_all AS SELECT * FROM par_direct_all;
CREATE TEMP TABLE ser_direct_seg AS SELECT * FROM par_direct_seg;
CREATE TEMP TABLE ser_rollup_all AS SELECT * FROM par_rollup_all;
CREATE TEMP TABLE ser_rollup_seg AS SELECT * FROM par_rollup_seg;

-- Force parallel plans even for the small summary table; with the leader
-- not participating, the workers do all the scanning and partial
-- aggregation, and the leader only combines their states.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

-- The statements that store the parallel results, with their plans:
-- Gather + Partial Aggregate, and Finalize GroupAggregate for GROUP BY.
-- (CREATE TABLE AS runs its query in parallel; INSERT ... SELECT would not.)
EXPLAIN (COSTS OFF) CREATE TEMP TABLE par_direct_all_p AS SELECT * FROM par_direct_all;
CREATE TEMP TABLE par_direct_all_p AS SELECT * FROM par_direct_all;
EXPLAIN (COSTS OFF) CREATE TEMP TABLE par_direct_seg_p AS SELECT * FROM par_direct_seg;
CREATE TEMP TABLE par_direct_seg_p AS SELECT * FROM par_direct_seg;
EXPLAIN (COSTS OFF) CREATE TEMP TABLE par_rollup_all_p AS SELECT * FROM par_rollup_all;
CREATE TEMP TABLE par_rollup_all_p AS SELECT * FROM par_rollup_all;
EXPLAIN (COSTS OFF) CREATE TEMP TABLE par_rollup_seg_p AS SELECT * FROM par_rollup_seg;
CREATE TEMP TABLE par_rollup_seg_p AS SELECT * FROM par_rollup_seg;

-- Serial and parallel results side by side, one row per group.
CREATE TEMP VIEW ser_direct AS
SELECT * FROM ser_direct_all UNION ALL SELECT * FROM ser_direct_seg;
CREATE TEMP VIEW par_direct AS
SELECT * FROM par_direct_all_p UNION ALL SELECT * FROM par_direct_seg_p;
CREATE TEMP VIEW ser_rollup AS
SELECT * FROM ser_rollup_all UNION ALL SELECT * FROM ser_rollup_seg;
CREATE TEMP VIEW par_rollup AS
SELECT * FROM par_rollup_all_p UNION ALL SELECT * FROM par_rollup_seg_p;

-- Two workers really ran, each scanned its half of the rows and sent one
-- partial state (rows=1 loops=2); the leader finalized the two states.
SELECT explain_analyze($$
SELECT nps_agg(score), nps_summary(score_n, w_ugly) FROM par_resp$$) AS plan;

-- Parallel vs serial, per form: the number of groups ((all) and the five
-- segments) whose results differ must be 0.  Unweighted counts and the
-- multiples of 0.25 add up exactly in any order, so those results must be
-- identical (summaries compared with =).  Weights like 0.1 are rounded at
-- every addition, and the workers add them in a different order (each its
-- share of the rows, then the two partial sums) than the serial scan, so
-- the last bits may differ legitimately: those (marked ~) compare with
-- near() (sql/setup.sql), within 1e-9 relative (a lost or doubled row
-- would move the numbers by more than 1e-6, and the counts per score of
-- the ugly summaries must still match exactly).
SELECT * FROM compare_forms('ser_direct', 'par_direct', 'segment', 'par_direct_forms');

CREATE TEMP TABLE par_rollup_forms (ord int, form text, same text);
INSERT INTO par_rollup_forms VALUES
	(1, 'nps_agg(nps_summary)', 'p.a = s.a'),
	(2, 'nps_summary(nps_summary)', 'p.r = s.r'),
	(3, 'nps_agg(nps_summary), exact weights', 'p.a_exact = s.a_exact'),
	(4, 'nps_summary(nps_summary), exact weights', 'p.r_exact = s.r_exact'),
	(5, 'nps_agg(nps_summary), ugly weights ~', 'near(p.a_ugly, s.a_ugly)'),
	(6, 'nps_summary(nps_summary), ugly weights ~', 'near(p.r_ugly, s.r_ugly)'),
	(7, 'nps_agg(nps_summary), mixed', 'p.a_mix = s.a_mix'),
	(8, 'nps_summary(nps_summary), mixed', 'p.r_mix = s.r_mix');
SELECT * FROM compare_forms('ser_rollup', 'par_rollup', 'segment', 'par_rollup_forms');

-- The three score types agree with each other, and the roll-up of the
-- stored summaries agrees with the direct aggregates over the raw rows
-- (exact weights: exactly; ugly weights: within 1e-9).
SELECT count(*) FILTER (WHERE NOT (s1i = s1s AND s1i = s1n AND sw1i = sw1s AND sw1i = sw1n
								   AND a1i = a1s AND a1i = a1n AND aw1i = aw1s AND aw1i = aw1n))
		   AS score_types_differ,
	   count(*) FILTER (WHERE NOT (d.s1i = r.r AND d.a1i = r.a AND d.sw1i = r.r_exact
								   AND d.aw1i = r.a_exact AND near(d.su1i, r.r_ugly)))
		   AS rollup_differs
FROM par_direct d JOIN par_rollup r USING (segment);

-- Values, worked out independently with a short Python script that
-- regenerates the same rows from the formulas above and applies the NPS
-- definition: (all) -0.606360512688268 unweighted, -0.6569885469321531 with
-- the exact weights, -0.582104241 with the ugly weights (rounded);
-- A -45.17005854474491, -45.16255873544311, -45.138142335;
-- B -14.374825759687761, -14.764189906777327, -14.374848803;
-- C 5.8858377474212435, 5.784257171325187, 5.876325717;
-- D 20.00348492768775, 20.08526020077402, 20.069845534;
-- E 30.624477279063285, 30.743528764323198, 30.629801751;
-- 143479 non-NULL answers in all, 28695 in D and 28696 in each other segment.
SELECT segment, a1i AS nps, aw1i AS nps_exact_weights,
	   round(au1i::numeric, 9) AS nps_ugly_weights, responses(s1i) AS responses
FROM par_direct
ORDER BY segment;

-- Segment A's summaries (Python: counts 2571 2558 2659 2656 2545 2604 2661
-- 2620 2530 2636 2656; with exact weights, where rows with a NULL weight
-- drop out, counts 2487 2472 2567 2568 2459 2539 2575 2531 2447 2545 2581,
-- weight sums 3422.5 3386 3525.75 3540.5 3376.25 3483 3529 3480.25 3370
-- 3471.5 3563, squares 73102.3125).
SELECT s1i AS s_int, sw1i AS sw_int FROM par_direct WHERE segment = 'A';

-- The mixed roll-up: even channels weigh 1 per answer, odd channels carry
-- their exact weights (Python: (all) -0.8163637778030435,
-- A -45.1630524252084, E 30.74023098557836).
SELECT segment, a_mix FROM par_rollup WHERE segment IN ('(all)', 'A', 'E') ORDER BY segment;

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP VIEW par_direct_all, par_direct_seg, par_rollup_all, par_rollup_seg, par_direct_forms;
DROP TABLE par_metrics, par_rollup_forms;
DROP TABLE par_resp, par_sum;
