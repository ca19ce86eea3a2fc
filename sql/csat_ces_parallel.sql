-- CSAT and CES under parallel query: every aggregate form runs as Partial
-- Aggregate in the workers and Finalize Aggregate in the leader (through
-- the combine function), and gives what the serial plan gives.

-- The data is built serially, so the stored float weight sums do not
-- depend on how a parallel CREATE TABLE AS would have split the rows.
-- JIT is off: compiling these wide queries would cost more than running
-- them, and the suite tests the aggregates, not the compiler.
SET max_parallel_workers_per_gather = 0;
SET jit = off;

-- 150,000 answers, deterministic (a multiplicative hash h of the row
-- number): 4 segments (A..D, with different score mixes), 91 days
-- (Jan-Mar 2024), 6 channels.  c5 is a CSAT answer on 1..5, c7 a CSAT
-- answer on 1..7, e7 a CES answer on 1..7; each also as smallint and as
-- numeric (every third one with a scale: 4.00 is the score 4).  Every 19th
-- c5, 17th c7 and 13th e7 is NULL.  w_exact is a multiple of 0.25 from 0
-- to 2.75 (every 29th NULL): its sums and sums of squares are exact in
-- double precision whatever the order.  w_ugly is 0.1 .. 2.0, which binary
-- floating point cannot add exactly.
CREATE TABLE cc_par_resp AS
SELECT id, segment, day, channel,
	   c5, c5::smallint AS c5_s,
	   CASE WHEN id % 3 = 0 THEN c5::numeric(4,2) ELSE c5::numeric END AS c5_n,
	   c7, c7::smallint AS c7_s,
	   CASE WHEN id % 3 = 1 THEN c7::numeric(4,2) ELSE c7::numeric END AS c7_n,
	   e7, e7::smallint AS e7_s,
	   CASE WHEN id % 3 = 2 THEN e7::numeric(4,2) ELSE e7::numeric END AS e7_n,
	   w_exact, w_ugly
FROM (SELECT i::int AS id,
			 chr(65 + (i % 4)::int) AS segment,
			 date '2024-01-01' + (i % 91)::int AS day,
			 (i / 4 % 6)::int AS channel,
			 CASE WHEN i % 19 = 0 THEN NULL
				  ELSE 1 + least(4, (h >> 8) % (5 + 2 * (i % 4))) END::int AS c5,
			 CASE WHEN i % 17 = 0 THEN NULL
				  ELSE 1 + least(6, (h >> 12) % (7 + 3 * (i % 4))) END::int AS c7,
			 CASE WHEN i % 13 = 0 THEN NULL
				  ELSE 1 + ((h >> 16) % 7 + (h >> 24) % 7) / 2 END::int AS e7,
			 CASE WHEN i % 29 = 0 THEN NULL
				  ELSE ((h >> 20) % 12) * 0.25 END::float8 AS w_exact,
			 ((h >> 4) % 20 + 1)::float8 / 10 AS w_ugly
	  FROM (SELECT i, i * 2654435761 % 4294967296 AS h
			FROM generate_series(1::bigint, 150000) i) g) t;
ANALYZE cc_par_resp;

-- Stored summaries per (day, segment, channel), in day order so that every
-- worker's share of the table holds every segment: CSAT on 1..5, CSAT on
-- 1..7 counting 5 and up as satisfied, CES on 1..7, each unweighted, with
-- exact and with ugly weights; c5_mix mixes unweighted (even channels) and
-- weighted (odd channels) summaries in one column.  Extra rows with NULL
-- summaries must be skipped by the strict roll-up aggregates, as sum()
-- skips NULLs.
CREATE TABLE cc_par_sum AS
SELECT day, segment, channel,
	   csat_summary(c5) AS c5, csat_summary(c5, w_exact) AS c5_exact,
	   csat_summary(c5, w_ugly) AS c5_ugly,
	   CASE WHEN channel % 2 = 0 THEN csat_summary(c5)
			ELSE csat_summary(c5, w_exact) END AS c5_mix,
	   csat_summary(c7, 7, 5) AS c7, csat_summary(c7, 7, 5, w_exact) AS c7_exact,
	   csat_summary(c7, 7, 5, w_ugly) AS c7_ugly,
	   ces_summary(e7) AS e7, ces_summary(e7, w_exact) AS e7_exact,
	   ces_summary(e7, w_ugly) AS e7_ugly
FROM cc_par_resp
GROUP BY day, segment, channel
ORDER BY day, segment, channel;
INSERT INTO cc_par_sum
SELECT date '2024-01-01' + d, chr(65 + d % 4), 6,
	   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM generate_series(0, 90) d;
ANALYZE cc_par_sum;
-- 91 * 4 * 6 = 2184 groups and 91 NULL rows; a group holds the ids of one
-- residue mod 2184 = 13 * 168, so in 168 groups every e7 is NULL (ids
-- divisible by 13) and so is their CES summary: 2016 CES summaries.
SELECT count(*) AS stored_rows, count(c5) AS csat_summaries, count(e7) AS ces_summaries
FROM cc_par_sum;

-- The queries under test, as views so that the serial and the parallel
-- runs are the same statement.  Ungrouped queries report the group
-- '(all)'.  The calls come from a table, one row per way of calling a
-- metric: CSAT on 1..5, on 1..7, on 1..7 counting 5 and up as satisfied;
-- CES on 1..7 and on a 1..5 effort scale (read from the c5 column).
-- metric_forms (sql/setup.sql) expands each row over integer, smallint
-- and numeric scores, unweighted, with exact and with ugly weights, for
-- the aggregate and the summary.  Column names: a = csat_agg, s =
-- csat_summary, ea = ces_agg, es = ces_summary; then w = exact weights,
-- u = ugly weights; 1, 2, 3 = the row's shape; i, s, n = integer,
-- smallint, numeric scores.
CREATE TEMP TABLE cc_par_metrics (ord int, agg text, summary text, score text, args text,
								  prefix text, shape text);
INSERT INTO cc_par_metrics VALUES
	(1, 'csat_agg', 'csat_summary', 'c5', '', '', '1'),
	(2, 'csat_agg', 'csat_summary', 'c7', ', 7', '', '2'),
	(3, 'csat_agg', 'csat_summary', 'c7', ', 7, 5', '', '3'),
	(4, 'ces_agg', 'ces_summary', 'e7', '', 'e', '1'),
	(5, 'ces_agg', 'ces_summary', 'c5', ', 5', 'e', '2');
CREATE TEMP VIEW cc_par_direct_forms AS SELECT * FROM metric_forms('cc_par_metrics');
-- one view per metric over all rows (cc_par_csat_all, cc_par_ces_all)
-- and per segment (cc_par_csat_seg, cc_par_ces_seg)
SELECT format('CREATE VIEW %I AS SELECT %s AS segment, %s FROM cc_par_resp %s',
			  'cc_par_' || split_part(family, '_', 1) || g.suffix, g.segment,
			  string_agg(format('%s AS %I', call, col), ', ' ORDER BY ord), g.group_by)
FROM cc_par_direct_forms
CROSS JOIN (VALUES ('_all', '''(all)''::text', ''),
				   ('_seg', 'segment', 'GROUP BY segment')) g(suffix, segment, group_by)
GROUP BY family, g.suffix, g.segment, g.group_by
ORDER BY family DESC, g.suffix
\gexec

-- roll-ups of the stored summaries: r = csat_summary/ces_summary over
-- summaries, a = csat_agg/ces_agg over summaries
CREATE VIEW cc_par_rollup_all AS
SELECT '(all)'::text AS segment,
	   csat_agg(c5) AS a5, csat_summary(c5) AS r5,
	   csat_agg(c5_exact) AS a5_exact, csat_summary(c5_exact) AS r5_exact,
	   csat_agg(c5_ugly) AS a5_ugly, csat_summary(c5_ugly) AS r5_ugly,
	   csat_agg(c5_mix) AS a5_mix, csat_summary(c5_mix) AS r5_mix,
	   csat_agg(c7) AS a7, csat_summary(c7) AS r7,
	   csat_agg(c7_exact) AS a7_exact, csat_summary(c7_exact) AS r7_exact,
	   csat_agg(c7_ugly) AS a7_ugly, csat_summary(c7_ugly) AS r7_ugly,
	   ces_agg(e7) AS ea, ces_summary(e7) AS er,
	   ces_agg(e7_exact) AS ea_exact, ces_summary(e7_exact) AS er_exact,
	   ces_agg(e7_ugly) AS ea_ugly, ces_summary(e7_ugly) AS er_ugly
FROM cc_par_sum;
CREATE VIEW cc_par_rollup_seg AS
SELECT segment,
	   csat_agg(c5) AS a5, csat_summary(c5) AS r5,
	   csat_agg(c5_exact) AS a5_exact, csat_summary(c5_exact) AS r5_exact,
	   csat_agg(c5_ugly) AS a5_ugly, csat_summary(c5_ugly) AS r5_ugly,
	   csat_agg(c5_mix) AS a5_mix, csat_summary(c5_mix) AS r5_mix,
	   csat_agg(c7) AS a7, csat_summary(c7) AS r7,
	   csat_agg(c7_exact) AS a7_exact, csat_summary(c7_exact) AS r7_exact,
	   csat_agg(c7_ugly) AS a7_ugly, csat_summary(c7_ugly) AS r7_ugly,
	   ces_agg(e7) AS ea, ces_summary(e7) AS er,
	   ces_agg(e7_exact) AS ea_exact, ces_summary(e7_exact) AS er_exact,
	   ces_agg(e7_ugly) AS ea_ugly, ces_summary(e7_ugly) AS er_ugly
FROM cc_par_sum
GROUP BY segment;

-- Serial reference results: no Gather in the plan.  (CSAT and CES results
-- go to separate tables: a row of all 45 summaries of 192 bytes each
-- would not fit in a heap page.)
EXPLAIN (COSTS OFF) SELECT * FROM cc_par_csat_seg;
CREATE TEMP TABLE cc_ser_csat_all AS SELECT * FROM cc_par_csat_all;
CREATE TEMP TABLE cc_ser_csat_seg AS SELECT * FROM cc_par_csat_seg;
CREATE TEMP TABLE cc_ser_ces_all AS SELECT * FROM cc_par_ces_all;
CREATE TEMP TABLE cc_ser_ces_seg AS SELECT * FROM cc_par_ces_seg;
CREATE TEMP TABLE cc_ser_rollup_all AS SELECT * FROM cc_par_rollup_all;
CREATE TEMP TABLE cc_ser_rollup_seg AS SELECT * FROM cc_par_rollup_seg;

-- Force parallel plans even for the small summary table; with the leader
-- not participating, the workers do all the scanning and partial
-- aggregation, and the leader only combines their states.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

-- The statements that store the parallel results, with their plans:
-- Gather + Partial Aggregate in the workers, Finalize Aggregate (or
-- Finalize GroupAggregate for GROUP BY) in the leader.  (CREATE TABLE AS
-- runs its query in parallel; INSERT ... SELECT would not.)
EXPLAIN (COSTS OFF) CREATE TEMP TABLE cc_par_csat_all_p AS SELECT * FROM cc_par_csat_all;
CREATE TEMP TABLE cc_par_csat_all_p AS SELECT * FROM cc_par_csat_all;
EXPLAIN (COSTS OFF) CREATE TEMP TABLE cc_par_csat_seg_p AS SELECT * FROM cc_par_csat_seg;
CREATE TEMP TABLE cc_par_csat_seg_p AS SELECT * FROM cc_par_csat_seg;
EXPLAIN (COSTS OFF) CREATE TEMP TABLE cc_par_ces_all_p AS SELECT * FROM cc_par_ces_all;
CREATE TEMP TABLE cc_par_ces_all_p AS SELECT * FROM cc_par_ces_all;
EXPLAIN (COSTS OFF) CREATE TEMP TABLE cc_par_ces_seg_p AS SELECT * FROM cc_par_ces_seg;
CREATE TEMP TABLE cc_par_ces_seg_p AS SELECT * FROM cc_par_ces_seg;
EXPLAIN (COSTS OFF) CREATE TEMP TABLE cc_par_rollup_all_p AS SELECT * FROM cc_par_rollup_all;
CREATE TEMP TABLE cc_par_rollup_all_p AS SELECT * FROM cc_par_rollup_all;
EXPLAIN (COSTS OFF) CREATE TEMP TABLE cc_par_rollup_seg_p AS SELECT * FROM cc_par_rollup_seg;
CREATE TEMP TABLE cc_par_rollup_seg_p AS SELECT * FROM cc_par_rollup_seg;

-- Two workers really ran, each aggregated its share of the rows and sent
-- one partial state (rows=1 loops=2); the leader combined the two states.
SELECT explain_analyze($$
SELECT csat_agg(c7_n, 7, 5, w_ugly), ces_summary(e7_s, w_exact) FROM cc_par_resp$$) AS plan;

-- Serial and parallel results side by side, one row per group.
CREATE TEMP VIEW cc_ser_direct AS
SELECT * FROM (SELECT * FROM cc_ser_csat_all UNION ALL SELECT * FROM cc_ser_csat_seg) c
	JOIN (SELECT * FROM cc_ser_ces_all UNION ALL SELECT * FROM cc_ser_ces_seg) e USING (segment);
CREATE TEMP VIEW cc_par_direct AS
SELECT * FROM (SELECT * FROM cc_par_csat_all_p UNION ALL SELECT * FROM cc_par_csat_seg_p) c
	JOIN (SELECT * FROM cc_par_ces_all_p UNION ALL SELECT * FROM cc_par_ces_seg_p) e USING (segment);
CREATE TEMP VIEW cc_ser_rollup AS
SELECT * FROM cc_ser_rollup_all UNION ALL SELECT * FROM cc_ser_rollup_seg;
CREATE TEMP VIEW cc_par_rollup AS
SELECT * FROM cc_par_rollup_all_p UNION ALL SELECT * FROM cc_par_rollup_seg_p;
SELECT (SELECT count(*) FROM cc_ser_direct) AS serial_groups,
	   (SELECT count(*) FROM cc_par_direct) AS parallel_groups,
	   (SELECT count(*) FROM cc_ser_rollup) AS serial_rollup_groups,
	   (SELECT count(*) FROM cc_par_rollup) AS parallel_rollup_groups;

-- Control: the tolerant comparison does notice one answer more or less.
SELECT near(csat_summary(c5, w_ugly), csat_summary(c5, w_ugly) FILTER (WHERE id > 1))
		   AS one_row_less_is_near,
	   near(ces_summary(e7, w_ugly), ces_summary(e7, w_ugly) FILTER (WHERE id > 1))
		   AS ces_one_row_less_is_near,
	   near(csat_summary(c5, w_ugly), csat_summary(c5, w_ugly)) AS same_is_near
FROM cc_par_resp WHERE id <= 1000;

-- Parallel vs serial, per form: the number of groups ((all) and the four
-- segments) whose results differ must be 0.  Unweighted counts and the
-- multiples of 0.25 add up exactly in any order, so those results must be
-- identical (values with =, summaries with their = operator).  Weights
-- like 0.1 are rounded at every addition, and the workers add them in a
-- different order (each its share of the rows, then the two partial sums)
-- than the serial scan, so the last bits may differ legitimately: those
-- (marked ~) compare with near() (sql/setup.sql), within 1e-9 relative; a
-- lost or doubled row would move them by far more, and the counts per
-- score must still match exactly.
SELECT * FROM compare_forms('cc_ser_direct', 'cc_par_direct', 'segment', 'cc_par_direct_forms');

CREATE TEMP TABLE cc_par_rollup_forms (ord int, form text, same text);
INSERT INTO cc_par_rollup_forms VALUES
	(1, 'csat_agg(csat_summary)', 'p.a5 = s.a5'),
	(2, 'csat_summary(csat_summary)', 'p.r5 = s.r5'),
	(3, 'csat_agg(csat_summary), w', 'p.a5_exact = s.a5_exact'),
	(4, 'csat_summary(csat_summary), w', 'p.r5_exact = s.r5_exact'),
	(5, 'csat_agg(csat_summary), ugly w ~', 'near(p.a5_ugly, s.a5_ugly)'),
	(6, 'csat_summary(csat_summary), ugly w ~', 'near(p.r5_ugly, s.r5_ugly)'),
	(7, 'csat_agg(csat_summary), mixed', 'p.a5_mix = s.a5_mix'),
	(8, 'csat_summary(csat_summary), mixed', 'p.r5_mix = s.r5_mix'),
	(9, 'csat_agg(csat_summary), 1..7 from 5', 'p.a7 = s.a7'),
	(10, 'csat_summary(csat_summary), 1..7 from 5', 'p.r7 = s.r7'),
	(11, 'csat_agg(csat_summary), 1..7 from 5, w', 'p.a7_exact = s.a7_exact'),
	(12, 'csat_summary(csat_summary), 1..7 from 5, w', 'p.r7_exact = s.r7_exact'),
	(13, 'csat_agg(csat_summary), 1..7 from 5, ugly w ~', 'near(p.a7_ugly, s.a7_ugly)'),
	(14, 'csat_summary(csat_summary), 1..7 from 5, ugly w ~', 'near(p.r7_ugly, s.r7_ugly)'),
	(15, 'ces_agg(ces_summary)', 'p.ea = s.ea'),
	(16, 'ces_summary(ces_summary)', 'p.er = s.er'),
	(17, 'ces_agg(ces_summary), w', 'p.ea_exact = s.ea_exact'),
	(18, 'ces_summary(ces_summary), w', 'p.er_exact = s.er_exact'),
	(19, 'ces_agg(ces_summary), ugly w ~', 'near(p.ea_ugly, s.ea_ugly)'),
	(20, 'ces_summary(ces_summary), ugly w ~', 'near(p.er_ugly, s.er_ugly)');
SELECT * FROM compare_forms('cc_ser_rollup', 'cc_par_rollup', 'segment', 'cc_par_rollup_forms');

-- Within the parallel results: the three score types agree exactly (every
-- aggregate of one query sees the rows in the same order, so even the
-- ugly sums agree), the roll-up of the stored summaries equals the direct
-- aggregates over the raw rows (exact weights: exactly; ugly weights:
-- within 1e-9), and the accessors of the summaries give the aggregates.
SELECT count(*) FILTER (WHERE NOT (
		   a1i = a1s AND a1i = a1n AND a2i = a2s AND a2i = a2n AND a3i = a3s AND a3i = a3n
		   AND aw1i = aw1s AND aw1i = aw1n AND aw2i = aw2s AND aw2i = aw2n
		   AND aw3i = aw3s AND aw3i = aw3n
		   AND au1i = au1s AND au1i = au1n AND au2i = au2s AND au2i = au2n
		   AND au3i = au3s AND au3i = au3n
		   AND s1i = s1s AND s1i = s1n AND s2i = s2s AND s2i = s2n AND s3i = s3s AND s3i = s3n
		   AND sw1i = sw1s AND sw1i = sw1n AND sw2i = sw2s AND sw2i = sw2n
		   AND sw3i = sw3s AND sw3i = sw3n
		   AND su1i = su1s AND su1i = su1n AND su2i = su2s AND su2i = su2n
		   AND su3i = su3s AND su3i = su3n
		   AND ea1i = ea1s AND ea1i = ea1n AND ea2i = ea2s AND ea2i = ea2n
		   AND eaw1i = eaw1s AND eaw1i = eaw1n AND eaw2i = eaw2s AND eaw2i = eaw2n
		   AND eau1i = eau1s AND eau1i = eau1n AND eau2i = eau2s AND eau2i = eau2n
		   AND es1i = es1s AND es1i = es1n AND es2i = es2s AND es2i = es2n
		   AND esw1i = esw1s AND esw1i = esw1n AND esw2i = esw2s AND esw2i = esw2n
		   AND esu1i = esu1s AND esu1i = esu1n AND esu2i = esu2s AND esu2i = esu2n))
		   AS score_types_differ,
	   count(*) FILTER (WHERE NOT (
		   csat(s1i) = a1i AND csat(s2i) = a2i AND csat(s3i) = a3i
		   AND csat(sw1i) = aw1i AND csat(sw2i) = aw2i AND csat(sw3i) = aw3i
		   AND csat(su1i) = au1i AND csat(su2i) = au2i AND csat(su3i) = au3i
		   AND ces(es1i) = ea1i AND ces(es2i) = ea2i AND ces(esw1i) = eaw1i
		   AND ces(esw2i) = eaw2i AND ces(esu1i) = eau1i AND ces(esu2i) = eau2i))
		   AS accessors_differ
FROM cc_par_direct;
SELECT count(*) FILTER (WHERE NOT (
		   d.s1i = r.r5 AND d.a1i = r.a5 AND d.sw1i = r.r5_exact AND d.aw1i = r.a5_exact
		   AND near(d.su1i, r.r5_ugly) AND near(d.au1i, r.a5_ugly)
		   AND d.s3i = r.r7 AND d.a3i = r.a7 AND d.sw3i = r.r7_exact AND d.aw3i = r.a7_exact
		   AND near(d.su3i, r.r7_ugly) AND near(d.au3i, r.a7_ugly)
		   AND d.es1i = r.er AND d.ea1i = r.ea AND d.esw1i = r.er_exact AND d.eaw1i = r.ea_exact
		   AND near(d.esu1i, r.er_ugly) AND near(d.eau1i, r.ea_ugly)))
		   AS rollup_differs
FROM cc_par_direct d JOIN cc_par_rollup r USING (segment);

-- Values, worked out independently with a short Python script that
-- regenerates the rows from the formulas above and applies the
-- definitions with exact fractions (CSAT: percent of the weight in the
-- satisfied band; CES: weighted mean score):
--   csat5 = csat_agg(c5)  (all) 59.137545212728526  A 40.00056295212092
--           B 57.142455034199344  C 66.66666666666666  D 72.74109103192028
--   csat5_w = csat_agg(c5, w_exact)  (all) 60.22475307397702
--           A 39.98464227082561  B 61.542897960263495  C 66.64380283936832
--           D 72.79582520711882
--   csat5_ugly = csat_agg(c5, w_ugly) to 9 decimals  (all) 60.562528900
--           A 45.717028128  B 57.126737763  C 66.657287488  D 72.748480306
--   csat7_from5 = csat_agg(c7, 7, 5)  (all) 61.7728100186291
--           A 42.853095339283186  B 60.01586671955573  C 69.22989743299144
--           D 74.99291664305548
--   ces = ces_agg(e7)  (all) 3.7419436379656514  A 3.7394268546336953
--           B 3.738148201646685  C 3.74476383070923  D 3.745435636699792
--   ces_w = ces_agg(e7, w_exact)  (all) 3.7438964298742805
--           A 3.7400626080151302  B 3.748559042584977  C 3.748603595740967
--           D 3.7383528975185953
--   ces5_ugly = ces_agg(c5, 5, w_ugly) to 9 decimals  (all) 3.685300799
--           A 3.189837443  B 3.571497873  C 3.888052802  D 4.091795665
--   answers: c5 142106 in all, 35527 in A and B, 35526 in C and D;
--           e7 138462 in all, 34616 in A and D, 34615 in B and C.
SELECT segment, a1i AS csat5, aw1i AS csat5_w, round(au1i::numeric, 9) AS csat5_ugly,
	   a3i AS csat7_from5, ea1i AS ces, eaw1i AS ces_w, round(eau2i::numeric, 9) AS ces5_ugly,
	   responses(s1i) AS csat5_answers, responses(es1i) AS ces_answers
FROM cc_par_direct
ORDER BY segment COLLATE "C";  -- byte order: (all) first in any locale

-- Segment A's summaries (Python: CSAT 1..5 counts 7110 7111 7095 7114
-- 7097; with the exact weights, where rows with a NULL weight drop out,
-- counts 6874 6849 6868 6856 6855, weight sums 9471 9410.25 9450.5 9443.5
-- 9432.25, squares 90595.625; CES 1..7 counts 2187 4981 7807 9196 6267
-- 3491 687).
SELECT s1i, sw1i, es1i FROM cc_par_direct WHERE segment = 'A';

-- Roll-ups in parallel.  The mixed column: even channels weigh 1 per
-- answer, odd channels carry their exact weights (Python: (all)
-- 59.76429448669317, A 40.00604467011213, B 59.68478812637482,
-- C 66.63013466382483, D 72.77424122203983).  The 1..7 summaries keep
-- their band (5 and up) through the roll-up; with the exact weights
-- (Python: (all) 61.82327243208023, A 42.714014828702915,
-- B 60.30335202385842, C 69.2937547527499, D 75.06829542113283).
SELECT segment, a5_mix AS csat5_mixed, a7_exact AS csat7_from5_w,
	   (r7_exact::text::jsonb) -> 'satisfied_from' AS satisfied_from
FROM cc_par_rollup
ORDER BY segment COLLATE "C";

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
RESET jit;
DROP VIEW cc_par_csat_all, cc_par_csat_seg, cc_par_ces_all, cc_par_ces_seg,
	cc_par_rollup_all, cc_par_rollup_seg;
DROP VIEW cc_par_direct_forms;
DROP TABLE cc_par_metrics, cc_par_rollup_forms;
DROP TABLE cc_par_resp, cc_par_sum;
