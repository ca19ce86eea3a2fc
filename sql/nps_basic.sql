-- NPS: the direct aggregates, the summary aggregate and the accessors,
-- checked against values worked out by hand from the definition:
-- detractors 0-6, passives 7-8, promoters 9-10,
-- NPS = %promoters - %detractors.

-- Ten answers: 0 3 6 | 7 8 | 9 9 10 10 10
-- detractors 3, passives 2, promoters 5 of 10:
-- NPS = 50 - 30 = 20; mean = 72 / 10 = 7.2.
CREATE TABLE answers (id int, score int);
INSERT INTO answers VALUES
	(1, 0), (2, 3), (3, 6), (4, 7), (5, 8), (6, 9), (7, 9), (8, 10), (9, 10), (10, 10),
	(11, NULL);		-- NULL answers are skipped, as avg() skips them

SELECT nps_agg(score) FROM answers;
SELECT nps_agg(score::smallint) AS smallint_form,
	   nps_agg(score::bigint) AS bigint_form,
	   nps_agg(score::numeric) AS numeric_form,
	   nps_agg(score::numeric(4,1)) AS decimal_form
FROM answers;

SELECT nps_summary(score) FROM answers;

-- accessors: 50 % promoters, 20 % passives, 30 % detractors, 10 answers
SELECT nps(s), promoters(s), passives(s), detractors(s), responses(s), mean(s),
	   distribution(s), (distribution(s))[9] AS nines, share(s, 9, 10) AS top_two,
	   share(s, 0, 6) AS bottom_seven, share(s, 7, 7) AS sevens
FROM (SELECT nps_summary(score) AS s FROM answers) t;

-- the accessors agree: nps = promoters - detractors, shares sum to 100
SELECT nps(s) = promoters(s) - detractors(s) AS identity,
	   promoters(s) + passives(s) + detractors(s) AS total
FROM (SELECT nps_summary(score) AS s FROM answers) t;

-- no non-NULL input: NULL, like avg(); an empty summary is NULL, like sum()
SELECT nps_agg(score) AS no_rows, nps_summary(score) AS no_summary FROM answers WHERE false;
SELECT nps_agg(score) AS only_nulls FROM answers WHERE score IS NULL;
SELECT nps_agg(NULL::int), nps_agg(NULL::numeric);

-- edges of the categories: 6 is a detractor, 7 a passive, 9 a promoter
SELECT nps_agg(s) AS all_sixes FROM (VALUES (6), (6)) v(s);
SELECT nps_agg(s) AS all_sevens_eights FROM (VALUES (7), (8)) v(s);
SELECT nps_agg(s) AS all_nines_tens FROM (VALUES (9), (10)) v(s);
-- one promoter, two detractors: 100 * (1 - 2) / 3 = -33.33...
SELECT round(nps_agg(s)::numeric, 10) AS minus_one_third FROM (VALUES (0), (5), (9)) v(s);

-- whole numerics of any scale are scores: 7.0 is 7
SELECT nps_agg(s) FROM (VALUES (9.00), (7.0), (0.000)) v(s);

-- nps_category
SELECT s, nps_category(s), nps_category(s::smallint) AS from_smallint,
	   nps_category(s::numeric) AS from_numeric
FROM generate_series(0, 10) s;
SELECT nps_category(NULL::int) IS NULL AS null_in_null_out;

-- GROUP BY segment, checked against the hand-written formula
CREATE TABLE segment_answers AS
SELECT i AS id, i % 3 AS segment, (i * 7) % 11 AS score
FROM generate_series(1, 1000) i;
SELECT segment, nps_agg(score),
	   round(100.0 * (count(*) FILTER (WHERE score >= 9) -
					  count(*) FILTER (WHERE score <= 6)) / count(*), 10) AS by_hand
FROM segment_answers GROUP BY segment ORDER BY segment;
SELECT count(*) AS mismatches
FROM (SELECT segment, nps_agg(score) AS nps,
			 100.0 * (count(*) FILTER (WHERE score >= 9) -
					  count(*) FILTER (WHERE score <= 6)) / count(*) AS by_hand
	  FROM segment_answers GROUP BY segment) t
WHERE abs(nps - by_hand) > 1e-12;

-- Survey weights.
-- (0, 0.5) (3, 1.5) | (8, 0.75) | (9, 2.25) (10, 1.0)
-- total weight 6; detractors 2, passives 0.75, promoters 3.25:
-- NPS = 100 * (3.25 - 2) / 6 = 20.8333...; promoters 54.1666...%
-- weighted mean = (0*0.5 + 3*1.5 + 8*0.75 + 9*2.25 + 10*1) / 6 = 40.75 / 6
CREATE TABLE weighted_answers (score int, weight float8);
INSERT INTO weighted_answers VALUES
	(0, 0.5), (3, 1.5), (8, 0.75), (9, 2.25), (10, 1.0),
	(5, NULL),		-- a NULL weight skips the row
	(NULL, 2.0);	-- so does a NULL score
SELECT round(nps_agg(score, weight)::numeric, 10) AS weighted_nps FROM weighted_answers;
SELECT round(nps(s)::numeric, 10) AS nps, round(promoters(s)::numeric, 10) AS promoters,
	   round(passives(s)::numeric, 10) AS passives, round(detractors(s)::numeric, 10) AS detractors,
	   responses(s), round(mean(s)::numeric, 10) AS mean, round(40.75 / 6, 10) AS mean_by_hand,
	   distribution(s)
FROM (SELECT nps_summary(score, weight) AS s FROM weighted_answers) t;
SELECT nps_summary(score, weight) FROM weighted_answers;
-- every numeric form of the score takes weights
SELECT nps_agg(score::smallint, weight) = nps_agg(score, weight) AS smallint_same,
	   nps_agg(score::numeric, weight) = nps_agg(score, weight) AS numeric_same
FROM weighted_answers;

-- weight 0 keeps the row in responses() but out of every share
SELECT nps_agg(s, w), responses(nps_summary(s, w))
FROM (VALUES (0, 0.0), (10, 1.0), (9, 3.0)) v(s, w);
-- all weights 0: nothing to take a share of, so NULL
SELECT nps_agg(s, w) AS zero_weight, responses(nps_summary(s, w)),
	   mean(nps_summary(s, w)) AS no_mean
FROM (VALUES (0, 0.0), (10, 0.0)) v(s, w);

-- weights of 1 are the same as no weights: same value, same text
SELECT nps_summary(score, 1.0) = nps_summary(score) AS equal,
	   nps_summary(score, 1.0)::text = nps_summary(score)::text AS same_text
FROM answers;
-- doubling every weight changes no percentage
SELECT nps_agg(score, 2 * weight) = nps_agg(score, weight) AS scale_free FROM weighted_answers;

-- operators: + combines, = and <> compare
SELECT a + b AS combined, a + b = b + a AS commutative, a = b AS equal, a <> b AS differ
FROM (SELECT nps_summary(s) FILTER (WHERE s < 7) AS a,
			 nps_summary(s) FILTER (WHERE s >= 7) AS b
	  FROM answers v(id, s)) t;
SELECT (SELECT nps_summary(score) FROM answers WHERE id <= 4) +
	   (SELECT nps_summary(score) FROM answers WHERE id > 4) =
	   (SELECT nps_summary(score) FROM answers) AS halves_add_up;
-- an unweighted and a weighted summary add up as if every unweighted
-- answer weighed 1: (10 with weight 1) + (0 with weight 3) -> NPS -50
SELECT nps(nps_summary(s) + (SELECT nps_summary(s, w) FROM (VALUES (0, 3.0)) x(s, w)))
FROM (VALUES (10)) v(s);
-- + does not modify its inputs
WITH t AS (SELECT nps_summary(score) AS s FROM answers)
SELECT s + s AS doubled, s AS unchanged FROM t;

-- the roll-up aggregates over summaries give what the raw rows give
SELECT nps_agg(s) AS from_summaries, nps(nps_summary(s)) AS via_rollup
FROM (SELECT id % 3 AS part, nps_summary(score) AS s FROM answers GROUP BY 1) parts;
SELECT nps_agg(s) AS rollup_of_nothing FROM (SELECT NULL::nps_summary AS s) t;

-- Summaries group and hash by value (a hash operator class consistent
-- with =): weights of 1 group with the unweighted summary of the same
-- answers; GROUP BY, SELECT DISTINCT and UNION work for every type.
SELECT s, count(*) AS copies
FROM (SELECT nps_summary(x) AS s FROM generate_series(0, 3) x
	  UNION ALL SELECT nps_summary(x, 1.0) FROM generate_series(0, 3) x
	  UNION ALL SELECT nps_summary(x, 2.0) FROM generate_series(0, 3) x) t
GROUP BY s ORDER BY copies;
SELECT count(*) AS distinct_csat
FROM (SELECT DISTINCT s FROM (SELECT csat_summary(x) AS s FROM generate_series(1, 3) x
							  UNION ALL SELECT csat_summary(x, 5) FROM generate_series(1, 3) x
							  UNION ALL SELECT csat_summary(x, 5, 5) FROM generate_series(1, 3) x) u) t;
SELECT count(*) AS distinct_ces
FROM (SELECT ces_summary(x) FROM generate_series(1, 3) x
	  UNION SELECT ces_summary(x, 7) FROM generate_series(1, 3) x) t;
SELECT count(*) AS distinct_churn
FROM (SELECT churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'))
	  UNION SELECT churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'))
	  UNION SELECT churn_summary(daterange('2025-01-01', NULL), daterange('2026-02-01', '2026-03-01'))) t;
