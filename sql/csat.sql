-- CSAT: percent of satisfied answers on a 1..k scale, the mean score, the
-- Wilson interval and the two-proportion test.  Numbers worked out by hand
-- or in Python (statistics.NormalDist, math.erfc) as the comments say.

-- Six answers on the default 1..5 scale: 1 2 3 4 5 5.
-- Satisfied by default = top-2-box = 4 and 5: 3 of 6 = 50 %.
-- Top box alone (5): 2 of 6 = 33.33 %.  Mean = 20 / 6 = 3.3333.
CREATE TABLE six AS SELECT s FROM unnest(ARRAY[1, 2, 3, 4, 5, 5]) s;
SELECT csat_agg(s) AS csat, csat_agg(s, 5) AS five_point,
	   round(csat_agg(s, 5, 5)::numeric, 10) AS top_box FROM six;
SELECT csat_agg(s::smallint) AS from_smallint, csat_agg(s::bigint) AS from_bigint,
	   csat_agg(s::numeric) AS from_numeric FROM six;
SELECT csat_summary(s) FROM six;
SELECT csat(c), round(csat(c, 5)::numeric, 10) AS top_box, csat(c, 1) AS everyone,
	   responses(c), round(mean(c)::numeric, 10) AS mean, distribution(c),
	   (distribution(c))[5] AS fives, share(c, 4, 5) AS top_two, share(c, 1, 2) AS bottom_two
FROM (SELECT csat_summary(s) AS c FROM six) t;

-- The default band by scale: top-2-box from k = 4 up, the top box on 1..2
-- and 1..3.  One answer of each score 1..k:
--   k = 2: 1 of 2 = 50;  k = 3: 1 of 3 = 33.33;  k = 4: 2 of 4 = 50;
--   k = 5: 2 of 5 = 40;  k = 7: 2 of 7 = 28.57;  k = 10: 2 of 10 = 20
SELECT k, round(csat_agg(s, k)::numeric, 4) AS csat,
	   (csat_summary(s, k)::text::jsonb) -> 'satisfied_from' AS satisfied_from
FROM generate_series(2, 10) k, generate_series(1, k) s
GROUP BY k ORDER BY k;
-- an explicit band: on 1..7, 5 and up: 3 of 7 = 42.86 %
SELECT round(csat_agg(s, 7, 5)::numeric, 4) AS from_five,
	   round(csat(csat_summary(s, 7, 5))::numeric, 4) AS summary_keeps_band,
	   round(csat(csat_summary(s, 7), 5)::numeric, 4) AS band_given_later
FROM generate_series(1, 7) s;

-- NULLs are skipped; no answers is NULL
SELECT csat_agg(s) AS only_nulls, csat_summary(s) AS no_summary
FROM (VALUES (NULL::int), (NULL)) v(s);
SELECT csat_agg(s) FROM six WHERE false;
-- checked against the hand-written SQL over many groups
SELECT count(*) AS mismatches
FROM (SELECT g, csat_agg(s) AS csat, 100.0 * count(*) FILTER (WHERE s >= 4) / count(s) AS by_hand
	  FROM (SELECT i % 7 AS g, 1 + (i * 13) % 5 AS s FROM generate_series(1, 5000) i) d
	  GROUP BY g) t
WHERE abs(csat - by_hand) > 1e-12;

-- Weights: (5, 2.0) (4, 0.5) (2, 1.5) (1, 1.0): total 5, satisfied 2.5 -> 50 %
-- mean = (10 + 2 + 3 + 1) / 5 = 3.2
CREATE TABLE weighted_csat AS
SELECT * FROM (VALUES (5, 2.0), (4, 0.5), (2, 1.5), (1, 1.0)) v(s, w);
SELECT csat_agg(s, w) AS csat, csat_agg(s, 5, w) AS with_scale,
	   csat_agg(s, 5, 5, w) AS top_box, csat_agg(s::numeric, w) AS from_numeric
FROM weighted_csat;
SELECT csat_summary(s, w) AS c, mean(csat_summary(s, w)) FROM weighted_csat;

-- Statistics.  Six answers, 50 % satisfied, n = 6:
-- std_error = 100 sqrt(0.25 / 6) = 20.4124145232
-- Wilson 95 %: [18.7616306483, 81.2383693517]; 90 %: [22.1259986140, 77.8740013860]
SELECT round(std_error(c)::numeric, 10) AS std_error,
	   round(ci_lower(c)::numeric, 10) AS lower, round(ci_upper(c)::numeric, 10) AS upper,
	   round(ci_lower(c, 0.9)::numeric, 10) AS lower_90, round(ci_upper(c, 0.9)::numeric, 10) AS upper_90
FROM (SELECT csat_summary(s) AS c FROM six) t;
-- Ten satisfied answers of ten: the Wald standard error is 0, but Wilson's
-- interval stays honest (and inside [0, 100]): [72.2467200137, 100]
SELECT round(ci_lower(c)::numeric, 10) AS lower, ci_upper(c) AS upper, std_error(c)
FROM (SELECT csat_summary(5) AS c FROM generate_series(1, 10)) t;
-- Weighted (design-based): W = 5, p = 2.5 / 5 = 0.5, sums of w^2:
-- satisfied 4 + 0.25 = 4.25, unsatisfied 2.25 + 1 = 3.25;
-- B = 4.25 (1 - p)^2 + 3.25 p^2 = 1.875, V = 4/3 B / W^2 = 0.1,
-- std_error = 100 sqrt(0.1) = 31.6227766017 (R: 100 *
-- SE(svymean(~I(s >= 4), svydesign(ids = ~1, weights = ~w)))); n_eff =
-- W^2 p (1 - p) / B = 3.3333 (at p = 0.5 it is Kish's n, 25 / 7.5),
-- Wilson 95 % with n = 3.3333: [13.4141261072, 86.5858738928]
SELECT round(std_error(c)::numeric, 10) AS std_error,
	   round(ci_lower(c)::numeric, 10) AS lower, round(ci_upper(c)::numeric, 10) AS upper
FROM (SELECT csat_summary(s, w) AS c FROM weighted_csat) t;
-- p_value: 3 of 6 against 40 of 50; pooled 43/56, z = -1.6446367543,
-- p = 0.1000447426
SELECT round(p_value(a.c, b.c)::numeric, 10) AS p_value,
	   round(p_value(b.c, a.c)::numeric, 10) AS symmetric,
	   p_value(a.c, a.c) AS same
FROM (SELECT csat_summary(s) AS c FROM six) a,
	 (SELECT csat_summary(CASE WHEN i <= 40 THEN 5 ELSE 2 END) AS c
	  FROM generate_series(1, 50) i) b;
-- everyone satisfied on both sides: nothing to tell apart
SELECT p_value(csat_summary(5), csat_summary(4)) AS p FROM generate_series(1, 3);

-- Summaries: + and =, roll-up, mixed scales refused
SELECT csat_summary(s) FILTER (WHERE s < 3) + csat_summary(s) FILTER (WHERE s >= 3)
	   = csat_summary(s) AS halves_add_up
FROM six;
SELECT csat_agg(c) AS from_summaries, csat(csat_summary(c)) AS via_rollup
FROM (SELECT s % 2 AS part, csat_summary(s) AS c FROM six GROUP BY 1) parts;
SELECT csat_summary(s, 7) = csat_summary(s, 7, 6) AS default_band_is_explicit,
	   csat_summary(s, 7) = csat_summary(s, 7, 5) AS other_band_differs
FROM generate_series(1, 7) s;
SELECT csat_summary(s) + csat_summary(s, 7) FROM six;
SELECT csat_summary(s, 7) + csat_summary(s, 7, 5) FROM generate_series(1, 7) s;

-- Text round trip, weights included; binary layout: version, kind 2,
-- scale 1..5, band 4, flags, then five int8 counts (6 + 40 = 46 bytes)
SELECT c::text::csat_summary = c AS same, c::text = c::text::csat_summary::text AS same_text
FROM (SELECT csat_summary(s, w / 3) AS c FROM weighted_csat) t;
SELECT csat_summary_send(csat_summary(s)) AS bytes, length(csat_summary_send(csat_summary(s)))
FROM six;
SELECT r.code, r.value = c::text AS same
FROM (SELECT csat_summary(s, 7, 5, 0.1 * s) AS c FROM generate_series(1, 7) s) t,
	 receive_binary('csat_summary', csat_summary_send(c)) r;

-- Rows without a score are skipped whatever their scale arguments say, as
-- avg() skips NULLs (a LEFT JOIN may leave both NULL)
SELECT csat_agg(s, k) AS csat FROM (VALUES (NULL::int, NULL::int), (4, 5), (NULL, 7)) v(s, k);
-- A window frame whose answers have all left takes the next row's scale:
-- frames {4 on 1..5}, {4, no answer}, {no answer, 6 on 1..7}
SELECT i, csat_agg(s, k) OVER w AS csat, csat_agg(c) OVER w AS rolled_up
FROM (VALUES (1, 4, 5, (SELECT csat_summary(4, 5))), (2, NULL, NULL, NULL),
			 (3, 6, 7, (SELECT csat_summary(6, 7)))) v(i, s, k, c)
WINDOW w AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY i;
