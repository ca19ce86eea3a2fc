-- The summaries test/legacy/store_1_0.sql stored under extension 1.0, read
-- by this version (after ALTER EXTENSION UPDATE, or restored from a 1.0
-- dump).  Prints one line per check, "<check> true", for the caller to
-- compare.
\pset format unaligned
\pset tuples_only on
-- every value prints what it printed when stored: version-1 weighted
-- values are written back as version 1
SELECT 'legacy text ' || bool_and(l.n::text = b.n AND l.nw::text = b.nw AND l.c::text = b.c
								 AND l.cw::text = b.cw AND l.e::text = b.e AND l.ew::text = b.ew
								 AND l.nw::text LIKE '{"version": 1, %weights%'
								 AND l.cw::text LIKE '{"version": 1, %weights%'
								 AND l.ew::text LIKE '{"version": 1, %weights%')
	   || ' ' || count(*)
FROM legacy_1_0 l JOIN legacy_1_0_before b USING (k);
-- and its statistics are what they were (Kish's n for the weighted ones)
SELECT 'legacy statistics ' || bool_and(
		   ARRAY[nps(l.nw), std_error(l.nw), ci_lower(l.nw), csat(l.cw), std_error(l.cw), ci_upper(l.cw),
				 ces(l.ew), std_error(l.ew), ci_lower(l.ew), std_error(l.n), std_error(l.c), std_error(l.e)]
		   IS NOT DISTINCT FROM b.stats)
FROM legacy_1_0 l JOIN legacy_1_0_before b USING (k);
-- A version-1 weighted value combined with a version-2 summary made now is
-- version 1, with the statistics (Kish's) of the version-1 form of the sum.
CREATE TEMP TABLE legacy_now AS
SELECT nps_summary(g % 11, 1 + g % 4) AS n, csat_summary(g % 7 + 1, 7, 5, 1 + g % 3) AS c,
	   ces_summary(g % 5 + 1, 5, 0.5 + g % 2) AS e
FROM generate_series(1, 50) g;
CREATE TEMP TABLE legacy_sums AS
SELECT k, l.nw + v.n AS n, v.n + l.nw AS n_other_way, l.cw + v.c AS c, l.ew + v.e AS e,
	   v.n AS n_now, v.c AS c_now, v.e AS e_now,
	   (l.nw::text::jsonb ->> 'sum_sq_weights')::float8 + (v.n::text::jsonb ->> 'sum_sq_weights')::float8 AS n_sum_sq
FROM legacy_1_0 l, legacy_now v;
SELECT 'legacy combined ' || bool_and(
		   n::text LIKE '{"version": 1, %' AND c::text LIKE '{"version": 1, %' AND e::text LIKE '{"version": 1, %'
		   AND n = n_other_way
		   AND (n::text::jsonb ->> 'sum_sq_weights')::float8 = n_sum_sq
		   AND (n_now::text::jsonb ->> 'version') = '2'
		   AND std_error(n) = std_error(n::text::nps_summary)
		   AND std_error(c) = std_error(c::text::csat_summary)
		   AND std_error(e) = std_error(e::text::ces_summary))
	   || ' ' || count(*)
FROM legacy_sums;
-- the Kish statistics, from the counts and weights: NPS's n is
-- W^2 / sum w^2, which a version-2 summary made now no longer uses
SELECT 'legacy kish ' || bool_and(abs(std_error(n) - kish) < 1e-9 * kish AND std_error(n_now) <> kish_now)
FROM (SELECT n, n_now,
			 (SELECT 100 * sqrt((pp + pd - (pp - pd)^2) / (nk + 3))
			  FROM (SELECT nk, (nk * promoters(n) / 100 + 0.75) / (nk + 3) AS pp,
						   (nk * detractors(n) / 100 + 0.75) / (nk + 3) AS pd
					FROM (SELECT (SELECT sum(w::float8) FROM jsonb_array_elements_text(n::text::jsonb -> 'weights') w)^2
								 / (n::text::jsonb ->> 'sum_sq_weights')::float8 AS nk) a) b) AS kish,
			 (SELECT 100 * sqrt((pp + pd - (pp - pd)^2) / (nk + 3))
			  FROM (SELECT nk, (nk * promoters(n_now) / 100 + 0.75) / (nk + 3) AS pp,
						   (nk * detractors(n_now) / 100 + 0.75) / (nk + 3) AS pd
					FROM (SELECT (SELECT sum(w::float8) FROM jsonb_array_elements_text(n_now::text::jsonb -> 'weights') w)^2
								 / (n_now::text::jsonb ->> 'sum_sq_weights')::float8 AS nk) a) b) AS kish_now
	  FROM legacy_sums WHERE k <> 'literal') t;
-- roll-ups over stored and new summaries
SELECT 'legacy rollup ' || (nps_summary(s)::text LIKE '{"version": 1, %')
FROM (SELECT nw FROM legacy_1_0 UNION ALL SELECT n FROM legacy_now) t(s);
