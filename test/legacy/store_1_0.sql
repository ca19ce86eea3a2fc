-- Summaries as extension 1.0 stored them, for the upgrade and dump checks
-- (test/check_upgrade.sh, test/check_dump_restore.sh): unweighted ones,
-- and weighted ones in format version 1, which keep the weights and their
-- total sum of squares only (1.0 wrote no other form).  Each weighted
-- value is the version-2 summary of the same rows without the sums that
-- version 2 adds, read from its version-1 text, so it is stored exactly
-- as 1.0 stored it.  legacy_1_0_before keeps what each value printed and
-- what its accessors said when it was stored.
--
-- To add a type: a column to legacy_1_0 (and to its literal row), its text
-- and accessors to legacy_1_0_before, and its checks to check_1_0.sql.
CREATE FUNCTION legacy_1_0_form(summary text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT (summary::jsonb
			- '{sum_sq_weights_detractors,sum_sq_weights_promoters,sum_sq_weights_unsatisfied,sum_sq_weights_satisfied,sum_sq_weights_times_score,sum_sq_weights_times_score_sq}'::text[]
			|| '{"version": 1}')::text
$$;
CREATE TABLE legacy_1_0 AS
SELECT 'g' || g % 5 AS k,
	   nps_summary(g % 11) AS n,
	   legacy_1_0_form(nps_summary(g % 11, 1.0 / (g % 7 + 3))::text)::nps_summary AS nw,
	   csat_summary(g % 5 + 1) AS c,
	   legacy_1_0_form(csat_summary(g % 7 + 1, 7, 5, sqrt(g))::text)::csat_summary AS cw,
	   ces_summary(g % 7 + 1) AS e,
	   legacy_1_0_form(ces_summary(g % 5 + 1, 5, pi() / g)::text)::ces_summary AS ew
FROM generate_series(1, 300) g
GROUP BY g % 5;
-- Values 1.0 printed, as users may have pasted them, among them a weighted
-- summary of more answers with one score than version 2 holds (2^40 - 1).
INSERT INTO legacy_1_0 VALUES ('literal',
	'{"version": 1, "scale": [0, 10], "counts": [1, 0, 0, 1, 0, 0, 1, 1, 1, 2, 3]}',
	'{"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2000000000000], "weights": [0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 1500000000000], "sum_sq_weights": 1200000000000.25}',
	'{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [0, 1, 0, 2, 5]}',
	'{"version": 1, "scale": [1, 7], "satisfied_from": 5, "counts": [0, 1, 0, 2, 5, 0, 1], "weights": [0, 0.5, 0, 0.001, 7.25, 0, 2], "sum_sq_weights": 25}',
	'{"version": 1, "scale": [1, 7], "counts": [1, 2, 3, 4, 5, 6, 7]}',
	'{"version": 1, "scale": [1, 5], "counts": [1, 0, 0, 0, 1], "weights": [3, 0, 0, 0, 0.1], "sum_sq_weights": 9.01}');
DROP FUNCTION legacy_1_0_form(text);
CREATE TABLE legacy_1_0_before AS
SELECT k, n::text AS n, nw::text AS nw, c::text AS c, cw::text AS cw, e::text AS e, ew::text AS ew,
	   ARRAY[nps(nw), std_error(nw), ci_lower(nw), csat(cw), std_error(cw), ci_upper(cw),
			 ces(ew), std_error(ew), ci_lower(ew), std_error(n), std_error(c), std_error(e)] AS stats
FROM legacy_1_0;
