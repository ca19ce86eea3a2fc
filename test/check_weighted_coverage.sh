#!/usr/bin/env bash
# Coverage of the weighted 95 % intervals.  A population of 20,000
# customers in four segments (shares 0.4, 0.3, 0.2, 0.1) whose scores
# differ (a latent satisfaction shifted by 0.3, 0, -0.3, -0.6 standard
# deviations) answers NPS 0..10, CSAT 1..5 (satisfied from 4) and CES 1..7.
# Samples of n = 50, 200 and 1,000 are drawn with replacement with unequal
# probabilities, and weighted by the inverse (weights 1/(n p)):
#   high weighted up   p proportional to exp(-0.35 * NPS score): the
#                      weights are exp(0.35 * score), informative;
#   low weighted up    p proportional to exp(0.35 * NPS score): the low
#                      scores are rare in the sample and weigh up to 33
#                      times more (a stress case: at n = 50 the CES
#                      interval covers 90.35 % with the default seed, 89.8 %
#                      in the R prototype: the linearized variance with a
#                      handful of heavy answers is at its limit there, see
#                      docs/testing.md);
#   post-stratified    p proportional to 0.5, 1, 2, 3 by segment, then
#                      weights N_h / n_h from the segments' population
#                      counts and the sample's;
#   unrelated          p log-normal, independent of the scores.
# For each sample the server builds nps_summary, csat_summary and
# ces_summary with the weights, and the interval ci_lower(s)..ci_upper(s)
# (level 0.95) must hold the population's value (the plain mean over the
# 20,000 customers): on average over the cells (metric x n x weighting) 93.5
# to 97 % of the time, and at least 90 % in every cell.
#
# 4,000 samples per cell (CX_COVERAGE_REPS): the Monte-Carlo standard error
# of a cell's coverage is then sqrt(0.95 * 0.05 / 4000) = 0.34 points (0.43
# at 92 %), so the 90 % floor is 4.5 or more standard errors below every
# cell the R prototype (test/weighted_coverage_prototype.R, 10,000 samples
# a cell) puts at 92.8 % or more, all but the stress cell above, and the
# average of the 36 cells (standard error about 0.1, the three metrics of
# one sample being correlated; 94.5 % in the prototype) sits 9 or more
# standard errors inside the band.
# Deterministic (setseed, serial plans): the same seed gives the same
# samples.  Kish's effective n with the version-1 formulas fails the
# low-weighted-up CES cells (about 89 %).
#
# Needs a running server (PGHOST, PGPORT, PGUSER as a superuser); creates
# and drops the database cx_check_weighted_coverage.  About a minute.
# CX_COVERAGE_SEED (default 1) seeds the population and the samples.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

SEED=${CX_COVERAGE_SEED:-1}
REPS=${CX_COVERAGE_REPS:-4000}
DB=cx_check_weighted_coverage

cx_extension_database "$DB"

q "$DB" -v seed="$SEED" -v reps="$REPS" <<'SQL'
-- random() in parallel workers would not follow setseed
SET max_parallel_workers_per_gather = 0;
SELECT setseed(((hashint8(:seed::bigint) & 2147483647)::float8 / 2147483647.0) * 2 - 1) \g /dev/null

-- a standard normal draw (Box-Muller)
CREATE FUNCTION normal() RETURNS float8 LANGUAGE sql VOLATILE AS $$
	SELECT sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())
$$;

CREATE TABLE pop AS
SELECT id, seg,
	   greatest(0, least(10, round(7.2 + 2.0 * l + 0.8 * normal())))::integer AS nps,
	   greatest(1, least(5, round(3.8 + 0.9 * l + 0.5 * normal())))::integer AS csat,
	   greatest(1, least(7, round(5.0 + 1.2 * l + 0.7 * normal())))::integer AS ces
FROM (SELECT id, seg, (ARRAY[0.3, 0.0, -0.3, -0.6])[seg] + normal() AS l
	  FROM (SELECT id, width_bucket(random(), ARRAY[0, 0.4, 0.7, 0.9]) AS seg
			FROM generate_series(1, 20000) id) s) l;

-- the population's values, from the plain definitions
CREATE TABLE truth AS
SELECT 100 * (avg((nps >= 9)::integer) - avg((nps <= 6)::integer))::float8 AS nps,
	   100 * avg((csat >= 4)::integer)::float8 AS csat, avg(ces)::float8 AS ces
FROM pop;

-- each unit's selection probability per weighting, and the exclusive
-- prefix sums that width_bucket turns a uniform draw into a unit with
CREATE TABLE design (scheme text, ord integer, post boolean, id integer, p float8, cum_before float8, seg integer);
INSERT INTO design
SELECT scheme, ord, post, id, size / sum(size) OVER w,
	   coalesce(sum(size) OVER (w ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(size) OVER w,
	   seg
FROM (SELECT s.scheme, s.ord, s.post, pop.id, pop.seg,
			 CASE s.scheme
				 WHEN 'high weighted up' THEN exp(-0.35 * nps)
				 WHEN 'low weighted up' THEN exp(0.35 * nps)
				 WHEN 'post-stratified' THEN (ARRAY[0.5, 1, 2, 3])[seg]
				 ELSE exp(0.8 * normal())
			 END AS size
	  FROM pop, (VALUES (1, 'high weighted up', false), (2, 'low weighted up', false),
						(3, 'post-stratified', true), (4, 'unrelated', false)) s(ord, scheme, post)) u
WINDOW w AS (PARTITION BY scheme);
CREATE INDEX ON design (scheme, id);
ANALYZE design;
CREATE TABLE seg_count AS SELECT seg, count(*)::float8 AS n_pop FROM pop GROUP BY seg;

CREATE TABLE cells AS
SELECT ord, scheme, post, n
FROM (SELECT DISTINCT ord, scheme, post FROM design) s, (VALUES (50), (200), (1000)) n(n);

CREATE TABLE samples (scheme text, n integer, rep integer, kish float8,
					  nps nps_summary, csat csat_summary, ces ces_summary);

-- one query per cell, so that the thresholds are an uncorrelated InitPlan
-- (one flat array, not detoasted per draw)
SELECT format($q$
	INSERT INTO samples
	SELECT %1$L, %2$s, rep, sum(w) ^ 2 / sum(w ^ 2),
		   nps_summary(p.nps, w), csat_summary(p.csat, w), ces_summary(p.ces, w)
	FROM (SELECT rep, id, %3$s AS w
		  FROM (SELECT rep, width_bucket(random(), (SELECT array_agg(cum_before ORDER BY id)
													FROM design WHERE scheme = %1$L)) AS id
				FROM generate_series(1, %4$s) rep, generate_series(1, %2$s) i) d
		  JOIN design USING (id)
		  JOIN seg_count USING (seg)
		  WHERE design.scheme = %1$L) s
	JOIN pop p USING (id)
	GROUP BY rep$q$,
	scheme, n,
	CASE WHEN post
		 -- N_h / n_h, as shares: (N_h / N) / (n_h / n)
		 THEN format('n_pop / 20000.0 / (count(*) OVER (PARTITION BY rep, seg) / %s::float8)', n)
		 ELSE format('1 / (%s * p)', n) END,
	:reps)
FROM cells ORDER BY ord, n
\gexec

CREATE TABLE coverage AS
SELECT c.ord, c.scheme, c.n, m.metric, count(*) AS samples, avg(kish) AS kish,
	   100.0 * count(*) FILTER (WHERE m.lo <= m.truth AND m.truth <= m.hi) / count(*) AS covered,
	   100.0 * count(*) FILTER (WHERE m.lo > m.truth) / count(*) AS below,
	   100.0 * count(*) FILTER (WHERE m.hi < m.truth) / count(*) AS above
FROM cells c JOIN samples s USING (scheme, n), truth t,
	 LATERAL (VALUES (1, 'NPS', ci_lower(s.nps), ci_upper(s.nps), t.nps),
					 (2, 'CSAT %', ci_lower(s.csat), ci_upper(s.csat), t.csat),
					 (3, 'CES', ci_lower(s.ces), ci_upper(s.ces), t.ces)) m(mord, metric, lo, hi, truth)
GROUP BY c.ord, c.scheme, c.n, m.mord, m.metric;
SQL

echo "weighted_coverage: population NPS, CSAT %, CES: $(q "$DB" -tA -c "SELECT round(nps::numeric, 2) || ', ' || round(csat::numeric, 2) || ', ' || round(ces::numeric, 3) FROM truth")"
q "$DB" -c "
	SELECT scheme AS weighting, n, round(avg(kish)::numeric, 1) AS kish_n,
		   max(samples) AS samples,
		   round(max(covered) FILTER (WHERE metric = 'NPS'), 2) AS nps,
		   round(max(covered) FILTER (WHERE metric = 'CSAT %'), 2) AS csat,
		   round(max(covered) FILTER (WHERE metric = 'CES'), 2) AS ces
	FROM coverage GROUP BY ord, scheme, n ORDER BY ord, n"

read -r cells average lowest <<<"$(q "$DB" -tA -F ' ' -c "SELECT count(*), round(avg(covered), 2), round(min(covered), 2) FROM coverage")"
echo "weighted_coverage: $cells cells of $REPS samples, coverage $average % on average, $lowest % in the lowest cell"
awk -v a="$average" 'BEGIN { exit !(a >= 93.5 && a <= 97) }' ||
	problem "the average coverage $average % is outside 93.5..97 %"
while IFS='|' read -r scheme n metric covered below above; do
	problem "$metric, $scheme, n = $n: covers $covered % (< 90 %; the population's value was below the interval in $below % of the samples, above it in $above %)"
done < <(q "$DB" -tA -c "SELECT scheme, n, metric, round(covered, 2), round(below, 2), round(above, 2) FROM coverage WHERE covered < 90 ORDER BY ord, n, metric")
[ "$failures" = 0 ] || exit 1
echo "weighted_coverage: passed in $(elapsed) s"
