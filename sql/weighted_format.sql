-- Format version 2 of the rating summaries: the form of weighted
-- summaries, which keep besides the weights and their total sum of squares
-- (sum_sq_weights) the sums of squared weights the design-based
-- statistics need: by band (NPS detractors 0-6 and promoters 9-10, CSAT
-- below and from satisfied_from; CES none) and sum w^2 s and sum w^2 s^2.
-- Unweighted summaries keep version 1; version-1 weighted values (written
-- by extension 1.0) are still read, and written back as version 1.
\pset null '(null)'

-- NPS (9, 0.5) (10, 1.5) (10, 2): weights[9] = 0.5, weights[10] = 3.5,
-- sum w^2 = 0.25 + 2.25 + 4 = 6.5, all of it promoters'; no detractors;
-- sum w^2 s = 2.25 + 22.5 + 40 = 64.75, sum w^2 s^2 = 20.25 + 225 + 400
-- = 645.25.
CREATE TABLE fmt AS
SELECT 'nps' AS kind, nps_summary(s, w)::text AS t
FROM (VALUES (9, 0.5), (10, 1.5), (10, 2.0)) v(s, w)
UNION ALL
-- CSAT 1..5 from 4: (5, 2) (4, 0.5) (2, 1.5) (1, 1): satisfied sum w^2
-- 4.25, unsatisfied 3.25; sum w^2 s = 20 + 1 + 4.5 + 1 = 26.5, sum w^2 s^2
-- = 100 + 4 + 9 + 1 = 114.
SELECT 'csat', csat_summary(s, w)::text
FROM (VALUES (5, 2.0), (4, 0.5), (2, 1.5), (1, 1.0)) v(s, w)
UNION ALL
-- CES 1..7: (7, 0.1) (2, 3): no bands; sum w^2 = 9.01, sum w^2 s =
-- 0.07 + 18 = 18.07, sum w^2 s^2 = 0.49 + 36 = 36.49 (as doubles).
SELECT 'ces', ces_summary(s, w)::text
FROM (VALUES (7, 0.1), (2, 3.0)) v(s, w);
SELECT kind, t FROM fmt ORDER BY kind;

-- Text round trips: output -> input -> output, exactly.
SELECT kind,
	   CASE kind WHEN 'nps' THEN t::nps_summary::text WHEN 'csat' THEN t::csat_summary::text
				 ELSE t::ces_summary::text END = t AS text_round_trip
FROM fmt ORDER BY kind;
-- Binary round trips (as COPY BINARY and drivers do), and the length of
-- the binary form: 1 + 5 header bytes, 8 per count and per weight of the
-- scale, 8 for sum_sq_weights and 4 * 8 for the version-2 sums.
SELECT kind, r.value = t AS binary_round_trip, r.code,
	   length(CASE kind WHEN 'nps' THEN nps_summary_send(t::nps_summary)
						WHEN 'csat' THEN csat_summary_send(t::csat_summary)
						ELSE ces_summary_send(t::ces_summary) END) AS bytes,
	   get_byte(CASE kind WHEN 'nps' THEN nps_summary_send(t::nps_summary)
						  WHEN 'csat' THEN csat_summary_send(t::csat_summary)
						  ELSE ces_summary_send(t::ces_summary) END, 0) AS version_byte
FROM fmt,
	 LATERAL receive_binary((kind || '_summary')::regtype,
							CASE kind WHEN 'nps' THEN nps_summary_send(t::nps_summary)
									  WHEN 'csat' THEN csat_summary_send(t::csat_summary)
									  ELSE ces_summary_send(t::ces_summary) END) r
ORDER BY kind;
-- Keys come in any order, with any spacing.
SELECT '{"sum_sq_weights_times_score_sq": 645.25, "sum_sq_weights_times_score": 64.75,
		 "sum_sq_weights_promoters": 6.5, "sum_sq_weights_detractors": 0,
		 "sum_sq_weights": 6.5, "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5],
		 "counts": [0,0,0,0,0,0,0,0,0,1,2], "scale": [0, 10], "version": 2}'::nps_summary::text
	   = (SELECT t FROM fmt WHERE kind = 'nps') AS any_key_order;

-- Version 1 weighted values, as extension 1.0 wrote them, are read and
-- written back as version 1, in text and in binary (version byte 1); their
-- statistics use Kish's n (see weighted_stats).
CREATE TABLE v1 (kind text, t text);
INSERT INTO v1 VALUES
	('nps', '{"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2], "weights": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 3.5], "sum_sq_weights": 6.5}'),
	('csat', '{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [1, 1, 0, 1, 1], "weights": [1, 1.5, 0, 0.5, 2], "sum_sq_weights": 7.5}'),
	('ces', '{"version": 1, "scale": [1, 7], "counts": [0, 1, 0, 0, 0, 0, 1], "weights": [0, 3, 0, 0, 0, 0, 0.1], "sum_sq_weights": 9.01}');
SELECT kind,
	   CASE kind WHEN 'nps' THEN t::nps_summary::text WHEN 'csat' THEN t::csat_summary::text
				 ELSE t::ces_summary::text END = t AS written_back,
	   r.value = t AS binary_round_trip,
	   get_byte(CASE kind WHEN 'nps' THEN nps_summary_send(t::nps_summary)
						  WHEN 'csat' THEN csat_summary_send(t::csat_summary)
						  ELSE ces_summary_send(t::ces_summary) END, 0) AS version_byte
FROM v1,
	 LATERAL receive_binary((kind || '_summary')::regtype,
							CASE kind WHEN 'nps' THEN nps_summary_send(t::nps_summary)
									  WHEN 'csat' THEN csat_summary_send(t::csat_summary)
									  ELSE ces_summary_send(t::ces_summary) END) r
ORDER BY kind;
-- The same answers in both versions are different values (version 2 knows
-- more); a version-1 value combined with a version-2 one is version 1.
SELECT a.t::nps_summary = b.t::nps_summary AS v1_equals_v2,
	   (a.t::nps_summary + b.t::nps_summary)::text AS v1_plus_v2
FROM v1 a, fmt b WHERE a.kind = 'nps' AND b.kind = 'nps';
SELECT (a.t::ces_summary + b.t::ces_summary)::text AS v2_plus_v1
FROM v1 a, fmt b WHERE a.kind = 'ces' AND b.kind = 'ces';
-- Unweighted answers combined into a weighted summary count with weight 1.
-- NPS: + one 0 and one 8: weights[0] = 1, weights[8] = 1, sum w^2 + 2,
-- detractors' 0 + 1, sum w^2 s + 8, sum w^2 s^2 + 64.
SELECT (f.t::nps_summary + u.s)::text AS v2_plus_unweighted
FROM fmt f, (SELECT nps_summary(x) AS s FROM (VALUES (0), (8)) v(x)) u WHERE f.kind = 'nps';
-- Equality and hash do not depend on the layout a value arrived in: a
-- summary of weights all 1 is the unweighted summary.
SELECT a = b AS equal, nps_summary_hash(a) = nps_summary_hash(b) AS same_hash, a::text AS text
FROM (SELECT nps_summary(x, 1.0) AS a, nps_summary(x) AS b FROM (VALUES (3), (9), (9)) v(x)) t;
SET enable_sort = off;
SELECT s::text, count(*) AS copies
FROM (SELECT nps_summary(x, 1.0) FROM (VALUES (3), (9)) v(x)
	  UNION ALL SELECT nps_summary(x) FROM (VALUES (3), (9)) v(x)
	  UNION ALL SELECT '{"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0]}'::nps_summary) t(s)
GROUP BY s;
RESET enable_sort;

-- Bad version-2 text: every key a weighted summary needs, counts of 40
-- bits, and sums that fit the counts, the weights and the scale.
SELECT label, e.code, e.detail
FROM (VALUES
	('v2 without weights', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2]}'),
	('v2 without band', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0, "sum_sq_weights_times_score": 64.75, "sum_sq_weights_times_score_sq": 645.25}'),
	('v2 without score sums', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 6.5}'),
	('v1 with a v2 key', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_promoters": 6.5}'),
	('count of 2^40', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,1099511627776], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 6.5, "sum_sq_weights_times_score": 64.75, "sum_sq_weights_times_score_sq": 645.25}'),
	('negative band', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": -1, "sum_sq_weights_promoters": 6.5, "sum_sq_weights_times_score": 64.75, "sum_sq_weights_times_score_sq": 645.25}'),
	('infinite band', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 1e999, "sum_sq_weights_times_score": 64.75, "sum_sq_weights_times_score_sq": 645.25}'),
	('band beyond total', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 7, "sum_sq_weights_times_score": 64.75, "sum_sq_weights_times_score_sq": 645.25}'),
	('band without answers', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0.5, "sum_sq_weights_promoters": 6, "sum_sq_weights_times_score": 64.75, "sum_sq_weights_times_score_sq": 645.25}'),
	('band below its weights', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 4, "sum_sq_weights_times_score": 64.75, "sum_sq_weights_times_score_sq": 645.25}'),
	('score sum beyond scale', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 6.5, "sum_sq_weights_times_score": 66, "sum_sq_weights_times_score_sq": 645.25}'),
	('negative score sum', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 6.5, "sum_sq_weights_times_score": -1, "sum_sq_weights_times_score_sq": 645.25}'),
	('squares below the mean', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 6.5, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 6.5, "sum_sq_weights_times_score": 64.75, "sum_sq_weights_times_score_sq": 600}'),
	('total not the weights''', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,2], "weights": [0,0,0,0,0,0,0,0,0,0.5,3.5], "sum_sq_weights": 60, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 6.5, "sum_sq_weights_times_score": 64.75, "sum_sq_weights_times_score_sq": 645.25}')
) AS cases(label, input),
LATERAL expect_error(format('SELECT %L::nps_summary', input)) e;
SELECT label, e.code, e.detail
FROM (VALUES
	('CES with a band', '{"version": 2, "scale": [1, 7], "counts": [0,1,0,0,0,0,1], "weights": [0,3,0,0,0,0,0.1], "sum_sq_weights": 9.01, "sum_sq_weights_detractors": 0, "sum_sq_weights_times_score": 18.07, "sum_sq_weights_times_score_sq": 36.49}'),
	('CES score sum below 1', '{"version": 2, "scale": [1, 7], "counts": [0,1,0,0,0,0,1], "weights": [0,3,0,0,0,0,0.1], "sum_sq_weights": 9.01, "sum_sq_weights_times_score": 9, "sum_sq_weights_times_score_sq": 36.49}')
) AS cases(label, input),
LATERAL expect_error(format('SELECT %L::ces_summary', input)) e;
SELECT label, e.code, e.detail
FROM (VALUES
	('CSAT with NPS bands', '{"version": 2, "scale": [1, 5], "satisfied_from": 4, "counts": [1,1,0,1,1], "weights": [1,1.5,0,0.5,2], "sum_sq_weights": 7.5, "sum_sq_weights_detractors": 3.25, "sum_sq_weights_promoters": 4.25, "sum_sq_weights_times_score": 26.5, "sum_sq_weights_times_score_sq": 114}'),
	-- the satisfied weights 0.5 and 2 have squares summing to at most 2.5^2
	('CSAT band beyond its weights', '{"version": 2, "scale": [1, 5], "satisfied_from": 4, "counts": [1,1,0,1,1], "weights": [1,1.5,0,0.5,2], "sum_sq_weights": 7.5, "sum_sq_weights_unsatisfied": 0.5, "sum_sq_weights_satisfied": 7, "sum_sq_weights_times_score": 26.5, "sum_sq_weights_times_score_sq": 114}'),
	('CSAT squares beyond the scale', '{"version": 2, "scale": [1, 5], "satisfied_from": 4, "counts": [1,1,0,1,1], "weights": [1,1.5,0,0.5,2], "sum_sq_weights": 7.5, "sum_sq_weights_unsatisfied": 3.25, "sum_sq_weights_satisfied": 4.25, "sum_sq_weights_times_score": 26.5, "sum_sq_weights_times_score_sq": 190}')
) AS cases(label, input),
LATERAL expect_error(format('SELECT %L::csat_summary', input)) e;

-- Bad version-2 binary, from the NPS value above: version byte, kind,
-- scale 0..10, band 0, flags 1; then int8 counts at bytes 6..93, float8
-- weights at 94..181, sum_sq_weights at 182, the detractors' sum at 190,
-- the promoters' at 198, sum w^2 s at 206, sum w^2 s^2 at 214 (222 bytes).
-- overlay() counts from 1, so byte k is at position k + 1.
CREATE TABLE v2_binary AS SELECT nps_summary_send(t::nps_summary) AS b FROM fmt WHERE kind = 'nps';
SELECT label, r.code, r.detail
FROM v2_binary, LATERAL (VALUES
	('unchanged', b),
	('truncated', substring(b FROM 1 FOR 221)),
	('cut after the weights', substring(b FROM 1 FOR 190)),
	('a byte more', b || '\x00'::bytea),
	('version 3', set_byte(b, 0, 3)),
	('version 2, unweighted', set_byte(b, 5, 0)),
	('count of 2^40', overlay(b PLACING int8send(1099511627776) FROM 6 + 8 * 10 + 1)),
	('negative count', overlay(b PLACING int8send(-1) FROM 6 + 8 * 10 + 1)),
	('NaN total', overlay(b PLACING float8send('NaN') FROM 183)),
	('infinite band', overlay(b PLACING float8send('Infinity') FROM 199)),
	('negative band', overlay(b PLACING float8send(-6.5) FROM 199)),
	('NaN score sum', overlay(b PLACING float8send('NaN') FROM 207)),
	('negative squares sum', overlay(b PLACING float8send(-1) FROM 215)),
	('band beyond total', overlay(b PLACING float8send(6.6) FROM 199)),
	('detractors without any', overlay(b PLACING float8send(1) FROM 191))
) AS cases(label, bytes),
LATERAL receive_binary('nps_summary', bytes) r;
-- A CES value in version 2 keeps both band sums 0 (bytes 126 and 134 of
-- its 158).
SELECT label, r.code, r.detail
FROM (SELECT ces_summary_send(t::ces_summary) AS b FROM fmt WHERE kind = 'ces') good,
	 LATERAL (VALUES ('unchanged', b), ('band', overlay(b PLACING float8send(1) FROM 127)))
		 AS cases(label, bytes),
	 LATERAL receive_binary('ces_summary', bytes) r;

-- The 40-bit limit of a weighted summary: 1099511627775 answers per score.
-- One more, by a row or by combining, is an error with a hint; so is an
-- unweighted summary of more answers with one score combined with a
-- weighted one.  A version-1 value of more answers is read and answers its
-- accessors, and combines with a version-2 one into version 1.
CREATE TABLE full_v2 AS
SELECT '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1099511627775], "weights": [0,0,0,0,0,0,0,0,0,0,1099511627775], "sum_sq_weights": 1099511627775, "sum_sq_weights_detractors": 0, "sum_sq_weights_promoters": 1099511627775, "sum_sq_weights_times_score": 10995116277750, "sum_sq_weights_times_score_sq": 109951162777500}'::nps_summary AS s;
SELECT responses(s), (distribution(s))[10] AS tens, s = (SELECT nps_summary(x) FROM full_v2 f(x)) AS rolls_up
FROM full_v2;
SELECT e.code, e.message, e.detail, e.hint
FROM full_v2, LATERAL expect_error(format('SELECT nps_trans_weighted(%L, 10, 2.0)', s)) e;
SELECT e.code, e.message
FROM full_v2, LATERAL expect_error(format('SELECT %L::nps_summary + nps_summary(10, 2.0)', s)) e;
SELECT nps_trans_weighted(s, 9, 2.0)::text::jsonb -> 'counts' AS other_score_fits FROM full_v2;
SELECT e.code, e.message
FROM expect_error($$SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1099511627776]}'::nps_summary + nps_summary(3, 2.0)$$) e;
-- (the weighted summary first: the unweighted count alone is too many)
SELECT e.code, e.message
FROM expect_error($$SELECT nps_summary(3, 2.0) + '{"version": 1, "scale": [0, 10], "counts": [9223372036854775806,0,0,0,0,0,0,0,0,0,0]}'::nps_summary$$) e;
CREATE TABLE big_v1 AS
SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,2000000000000], "weights": [0,0,0,0,0,0,0,0,0,0,1000000000000], "sum_sq_weights": 500000000000}'::nps_summary AS s;
SELECT responses(s), nps(s), round(std_error(s)::numeric, 10) AS std_error FROM big_v1;
SELECT (b.s + w.s)::text AS combined
FROM big_v1 b, (SELECT nps_summary(3, 2.0) AS s) w;
