#!/usr/bin/env bash
# Property tests of every aggregate on random data through the running
# server.
#
# Data sets of 0, 1, 2, 17, 1000 and 50000 rows, each in nine shapes:
# uniform scores, all one score, skewed scores, many NULLs (scores, weights
# and lifetimes), exact (dyadic) weights, "ugly" weights, half zero weights,
# all zero weights and tiny weights (dyadic times 2^-490, near the smallest weight
# accepted, 1e-150).  Every row has an
# NPS score, a CSAT score (scale and band drawn per data set), a CES score,
# a weight (also the revenue), a random partition number and a customer
# lifetime as daterange, tsrange and tstzrange around a random period.
#
# Properties, for every data set:
#   formulas     each direct aggregate equals an independent plain-SQL
#                formula (NPS from count(*) FILTER, CSAT shares, CES avg and
#                sum(w*x)/sum(w), churn from the @> definition), accessors
#                agree (counts, distribution, means, shares), the integer,
#                smallint, numeric and bigint forms agree, tsrange and
#                tstzrange churn agree;
#   statistics   std_error, ci_lower, ci_upper (levels 0.95 and 0.99) and
#                p_value recomputed in SQL from the counts and weights: NPS
#                adjusted Wald, CSAT and churn Wilson and pooled z-test, CES
#                Student-t interval (symmetric about the mean and wider than
#                the normal one; test/check_r_oracle.sh checks its values
#                against R), its Welch p-value (p(a, a) = 1 and
#                p(a, b) = p(b, a)); weighted summaries with the design-based
#                variance V = n/(n-1) sum w^2 (x - mean)^2 / W^2 and its
#                effective n = W sum w (x - mean)^2 / sum w^2 (x - mean)^2,
#                recomputed from the rows (pr_design; revenue churn the same
#                with the revenue as weight: R's svyratio);
#   parallel     a forced parallel plan (Partial Aggregate, checked in
#                EXPLAIN ANALYZE) gives the serial results;
#   roll-up      summaries of a random split into k partitions, rolled up,
#                give the direct results;
#   windows      four random ROWS frames over the rows, and two over the
#                partitions' summaries (roll-up aggregates), equal the
#                aggregate over each frame;
#   a + b        commutative and associative on random triples;
#   round trips  every summary built above reads back from its text and
#                from its binary form (COPY BINARY through psql) as an
#                equal value with identical output.
# Exact weights must give exactly equal results (`=`) whatever the order of
# additions; "ugly" weights may differ by rounding: summaries within 1e-12
# relative (`+`) or 1e-10 relative (sums of up to 50000 weights in another
# order), metrics within 1e-9 (of the value, or absolutely below 1).
#
# Everything random comes from setseed(CX_PROPERTIES_SEED), default 1; a
# failure prints the seed, the data set (and its rows when there are few)
# and the values that differ.  Needs a running server (PGHOST, PGPORT,
# PGUSER as a superuser); creates and drops the database cx_check_properties
# (CX_PROPERTIES_KEEP=1 keeps it, to look at pr_fail, pr_check and the rest).
# Sessions run with TimeZone UTC, so tsrange and tstzrange churn agree.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

SEED=${CX_PROPERTIES_SEED:-1}
DB=cx_check_properties
cx_work_dir cx_check_properties
[ -n "${CX_PROPERTIES_KEEP:-}" ] || cx_on_exit cx_drop_databases "$DB"

# psql on the check's database: UTC, warnings and errors only, verbose
# errors, the seed in :seed
psql_db() {
	PGOPTIONS="${PGOPTIONS:-} -c TimeZone=UTC -c client_min_messages=warning" \
		q "$DB" -v VERBOSITY=verbose -v seed="$SEED" "$@"
}
step() { echo "  $1 ($(elapsed) s)"; }

q_admin -c "DROP DATABASE IF EXISTS $DB" >/dev/null
q_admin -c "CREATE DATABASE $DB TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
psql_db -c "CREATE EXTENSION cx_metrics" >/dev/null

echo "properties: seed $SEED (CX_PROPERTIES_SEED=$SEED reproduces this run)"

# ---------------------------------------------------------------------------
# Helpers and the data.
# ---------------------------------------------------------------------------
psql_db <<'SQL'
-- failures: property, data set, what differs
CREATE TABLE pr_fail (property text, ds integer, detail text);

CREATE FUNCTION pr_int(n integer) RETURNS integer LANGUAGE sql AS
$$ SELECT floor(random() * n)::integer $$;
CREATE FUNCTION pr_pick(a text[]) RETURNS text LANGUAGE sql AS
$$ SELECT a[1 + floor(random() * cardinality(a))::integer] $$;

-- metrics: equal, or within 1e-9 of the value (absolutely below 1)
CREATE FUNCTION pr_near(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN a IS NULL OR b IS NULL THEN a IS NULL AND b IS NULL
		ELSE a = b OR abs(a - b) <= 1e-9 * greatest(1, abs(a), abs(b)) END
$$;

-- two numbers within a relative tolerance
CREATE FUNCTION pr_rel(a float8, b float8, tol float8) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
	SELECT a = b OR abs(a - b) <= tol * greatest(abs(a), abs(b))
$$;

-- two summaries' text forms: same keys and strings, numbers within tol
CREATE FUNCTION pr_close(a jsonb, b jsonb, tol float8) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	k text;
	i integer;
BEGIN
	IF a IS NULL OR b IS NULL THEN
		RETURN a IS NULL AND b IS NULL;
	END IF;
	IF jsonb_typeof(a) <> jsonb_typeof(b) THEN
		RETURN false;
	END IF;
	CASE jsonb_typeof(a)
	WHEN 'object' THEN
		IF ARRAY(SELECT jsonb_object_keys(a) ORDER BY 1) <> ARRAY(SELECT jsonb_object_keys(b) ORDER BY 1) THEN
			RETURN false;
		END IF;
		FOR k IN SELECT jsonb_object_keys(a) LOOP
			IF NOT pr_close(a -> k, b -> k, tol) THEN
				RETURN false;
			END IF;
		END LOOP;
		RETURN true;
	WHEN 'array' THEN
		IF jsonb_array_length(a) <> jsonb_array_length(b) THEN
			RETURN false;
		END IF;
		FOR i IN 0..jsonb_array_length(a) - 1 LOOP
			IF NOT pr_close(a -> i, b -> i, tol) THEN
				RETURN false;
			END IF;
		END LOOP;
		RETURN true;
	WHEN 'number' THEN
		RETURN pr_rel(a::text::float8, b::text::float8, tol);
	ELSE
		RETURN a = b;
	END CASE;
END
$$;

-- Two results of the same computation: for data sets with exact weights
-- the type's = and identical text; otherwise summaries within tol and
-- metrics per pr_near.
CREATE FUNCTION pr_same(exact boolean, is_summary boolean, a text, b text, eq boolean, tol float8)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE
		WHEN a IS NULL OR b IS NULL THEN a IS NULL AND b IS NULL
		WHEN exact THEN eq AND a = b
		WHEN is_summary THEN pr_close(a::jsonb, b::jsonb, tol)
		ELSE pr_near(a::float8, b::float8) END
$$;

-- erfc(x), x >= 0, independently of the C library: Taylor series of erf
-- below 3, Laplace's continued fraction above.
CREATE FUNCTION pr_erfc(x float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	term float8;
	total float8;
	t float8;
	k integer;
BEGIN
	IF x < 3 THEN
		term := x;
		total := x;
		FOR k IN 1..200 LOOP
			term := -term * x * x / k;
			total := total + term / (2 * k + 1);
			EXIT WHEN abs(term) < 1e-30;
		END LOOP;
		RETURN 1 - 2 / sqrt(pi()) * total;
	END IF;
	t := x;
	FOR k IN REVERSE 300..1 LOOP
		t := x + (k / 2.0) / t;
	END LOOP;
	RETURN exp(-x * x) / sqrt(pi()) / t;
END
$$;

-- x clipped to lo..hi (NULL stays NULL, unlike greatest and least)
CREATE FUNCTION pr_clip(x float8, lo float8, hi float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN x IS NOT NULL THEN least(hi, greatest(lo, x)) END $$;

-- normal quantiles of the levels tested
CREATE FUNCTION pr_z(level float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE level WHEN 0.95 THEN 1.959963984540054 WHEN 0.99 THEN 2.5758293035489004 END
$$;

-- Wilson interval of a share p (0..1) with n answers, in percent
CREATE FUNCTION pr_wilson(p float8, n float8, level float8, OUT lo float8, OUT hi float8)
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN ok THEN 100 * greatest(0, (p + z * z / (2 * nn) - z * sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn))) / (1 + z * z / nn)) END,
		   CASE WHEN ok THEN 100 * least(1, (p + z * z / (2 * nn) + z * sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn))) / (1 + z * z / nn)) END
	FROM (SELECT pr_z(level) AS z, nullif(n, 0) AS nn, p IS NOT NULL AND n > 0 AS ok) c
$$;

-- The design-based variance of revenue churn (the ratio R of lost to
-- starting revenue over n customers at risk, X their revenue, Q the sums of
-- squared revenue of the lost and kept ones; R's svyratio) and the
-- effective n it implies; Kish's n when every customer has the same
-- outcome; NULL for n <= 1.
CREATE FUNCTION pr_ratio_variance(n bigint, x float8, r float8, q_lost float8, q_kept float8, kish float8,
								  OUT v float8, OUT n_eff float8)
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN n > 1 THEN n / (n - 1.0) * b / x ^ 2 END,
		   CASE WHEN n > 1 THEN CASE WHEN b > 0 THEN x ^ 2 * r * (1 - r) / b ELSE kish END END
	FROM (SELECT q_lost * (1 - r) ^ 2 + q_kept * r ^ 2 AS b) t
$$;

-- pooled two-proportion z-test
CREATE FUNCTION pr_pooled_p(p1 float8, n1 float8, p2 float8, n2 float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN se IS NULL THEN NULL WHEN NOT (se > 0) THEN 1 ELSE pr_erfc(abs((p1 - p2) / se) / sqrt(2)) END
	FROM (SELECT sqrt(pooled * (1 - pooled) * (1 / nullif(n1, 0) + 1 / nullif(n2, 0))) AS se
		  FROM (SELECT (p1 * n1 + p2 * n2) / nullif(n1 + n2, 0) AS pooled) a) b
$$;

-- NPS adjusted Wald (Rocks 2016): the adjusted estimate and its variance
CREATE FUNCTION pr_nps_wald(n float8, p_pro float8, p_det float8, OUT estimate float8, OUT variance float8)
LANGUAGE sql IMMUTABLE AS $$
	SELECT pp - pd, (pp + pd - (pp - pd) ^ 2) / (n + 3)
	FROM (SELECT (n * p_pro + 0.75) / (n + 3) AS pp, (n * p_det + 0.75) / (n + 3) AS pd) a
$$;

-- The design-based statistics of a weighted mean of x (R's svymean over
-- svydesign(ids = ~1, weights = ~w)), from the rows: n (zero weights
-- included), the mean, V = n/(n-1) B / W^2 and n_eff = W A / B with
-- A = sum w (x - mean)^2 and B = sum w^2 (x - mean)^2 (Kish's n when
-- B = 0); V and n_eff NULL for n <= 1 or no weight.  (A summary whose
-- weights are all 1 is the unweighted one, with the unweighted statistics:
-- the callers test that on the unscaled weights.)
CREATE FUNCTION pr_design(xs float8[], ws float8[], OUT n bigint, OUT mean float8, OUT v float8,
						  OUT n_eff float8)
LANGUAGE sql IMMUTABLE AS $$
	WITH d AS (SELECT u.x, u.w FROM unnest(xs, ws) u(x, w)),
		 m AS (SELECT count(*) AS n, sum(d.w) AS wt, sum(d.w * d.x) / nullif(sum(d.w), 0) AS y,
					  sum(d.w) ^ 2 / nullif(sum(d.w * d.w), 0) AS kish
			   FROM d),
		 s AS (SELECT sum(d.w * (d.x - m.y) ^ 2) AS a, sum(d.w * d.w * (d.x - m.y) ^ 2) AS b FROM d, m)
	SELECT m.n, m.y,
		   CASE WHEN m.n > 1 AND m.wt > 0 THEN m.n::float8 / (m.n - 1) * (s.b / m.wt / m.wt) END,
		   CASE WHEN m.n > 1 AND m.wt > 0 THEN CASE WHEN s.b > 0 THEN m.wt * (s.a / s.b) ELSE m.kish END END
	FROM m, s
$$;

-- The data sets.
CREATE TABLE pr_ds (
	ds integer PRIMARY KEY, n integer, dist text, exact boolean,
	csat_k integer, csat_band integer, ces_k integer, parts integer,
	per_d daterange, per_ts tsrange, per_tz tstzrange);
CREATE TABLE pr_rows (
	ds integer, id integer, score integer, cscore integer, escore integer, w float8, grp integer,
	act_d daterange, act_ts tsrange, act_tz tstzrange);

SELECT setseed(((hashint8(:seed::bigint) & 2147483647)::float8 / 2147483647.0) * 2 - 1) \g /dev/null

DO $$
DECLARE
	dists text[] := ARRAY['uniform', 'one score', 'skewed', 'many NULLs', 'exact weights',
						  'ugly weights', 'zero weights', 'all zero weights', 'tiny weights'];
	sizes integer[] := ARRAY[0, 1, 2, 17, 1000, 50000];
	dist text;
	n integer;
	ds integer := 0;
	k integer;
	band integer;
	ek integer;
	parts integer;
	p0 timestamp;
	p1 timestamp;
	bounds text;
	one_nps integer;
	one_c integer;
	one_e integer;
BEGIN
	FOREACH dist IN ARRAY dists LOOP
		FOREACH n IN ARRAY sizes LOOP
			ds := ds + 1;
			k := 2 + pr_int(9);
			band := 1 + pr_int(k);
			ek := 2 + pr_int(9);
			parts := 1 + pr_int(7);
			p0 := timestamp '2020-01-01' + random() * 2000 * interval '1 day';
			p1 := p0 + (3 + random() * 120) * interval '1 day';
			bounds := pr_pick(ARRAY['[)', '[]', '(]', '()']);
			one_nps := pr_int(11);
			one_c := 1 + pr_int(k);
			one_e := 1 + pr_int(ek);
			INSERT INTO pr_ds VALUES (ds, n, dist,
				dist NOT IN ('one score', 'skewed', 'ugly weights'),
				k, band, ek, parts,
				daterange(p0::date, p1::date, bounds), tsrange(p0, p1, bounds), tstzrange(p0, p1, bounds));
			INSERT INTO pr_rows
			SELECT ds, g, score, cscore, escore, w, 1 + pr_int(parts),
				   CASE WHEN no_life THEN NULL ELSE daterange(s::date, e::date, b) END,
				   CASE WHEN no_life THEN NULL ELSE tsrange(s, e, b) END,
				   CASE WHEN no_life THEN NULL ELSE tstzrange(s, e, b) END
			FROM (
				SELECT g,
					CASE WHEN dist = 'many NULLs' AND random() < 0.6 THEN NULL
						 WHEN dist = 'one score' THEN one_nps
						 WHEN dist = 'skewed' THEN CASE WHEN random() < 0.8 THEN 9 + pr_int(2) ELSE pr_int(11) END
						 ELSE pr_int(11) END AS score,
					CASE WHEN dist = 'many NULLs' AND random() < 0.6 THEN NULL
						 WHEN dist = 'one score' THEN one_c
						 WHEN dist = 'skewed' THEN 1 + floor(k * random() ^ 4)::integer
						 ELSE 1 + pr_int(k) END AS cscore,
					CASE WHEN dist = 'many NULLs' AND random() < 0.6 THEN NULL
						 WHEN dist = 'one score' THEN one_e
						 WHEN dist = 'skewed' THEN ek - floor(ek * random() ^ 4)::integer
						 ELSE 1 + pr_int(ek) END AS escore,
					CASE dist
						WHEN 'one score' THEN random() * 10
						WHEN 'skewed' THEN exp(random() * 12 - 6)
						WHEN 'many NULLs' THEN CASE WHEN random() < 0.3 THEN NULL ELSE (1 + pr_int(16)) / 8.0 END
						WHEN 'exact weights' THEN power(2::float8, pr_int(9) - 4) * (1 + pr_int(4))
						WHEN 'ugly weights' THEN random() * 100 + random()
						WHEN 'zero weights' THEN CASE WHEN random() < 0.5 THEN 0 ELSE (1 + pr_int(16)) / 8.0 END
						WHEN 'all zero weights' THEN 0
						WHEN 'tiny weights' THEN (1 + pr_int(16)) / 8.0 * power(2::float8, -490)
						ELSE (1 + pr_int(16)) / 8.0 END AS w,
					(dist = 'many NULLs' AND random() < 0.4) AS no_life,
					s, CASE WHEN e IS NOT NULL THEN greatest(s, e) END AS e, b
				FROM generate_series(1, n) g,
				LATERAL (SELECT CASE WHEN r < 0.03 THEN NULL
									 WHEN r < 0.13 THEN p0
									 WHEN r < 0.18 THEN p1
									 ELSE p0 + (random() * 400 - 250) * interval '1 day' END AS s,
								CASE WHEN r2 < 0.3 THEN NULL
									 WHEN r2 < 0.4 THEN p0
									 WHEN r2 < 0.5 THEN p1
									 ELSE p0 + (random() * 400 - 100) * interval '1 day' END AS e,
								pr_pick(ARRAY['[)', '[)', '[]', '(]', '()']) AS b
						 FROM (SELECT random() AS r, random() AS r2, g AS dummy) rr) life
			) x;
		END LOOP;
	END LOOP;
END
$$;
CREATE INDEX ON pr_rows (ds, id);
ANALYZE pr_ds;
ANALYZE pr_rows;

-- Printable description of a data set, with its rows when there are few.
CREATE FUNCTION pr_describe(d integer) RETURNS text LANGUAGE sql AS $$
	SELECT format('data set %s: %s rows, %s; CSAT 1..%s from %s, CES 1..%s, %s partitions, period %s',
				  ds, n, dist, csat_k, csat_band, ces_k, parts, per_ts) ||
		CASE WHEN n BETWEEN 1 AND 17 THEN E'\n      rows (score, csat, ces, weight, partition, lifetime): ' ||
			(SELECT string_agg(format('(%s, %s, %s, %s, %s, %s)', coalesce(score::text, 'NULL'),
									  coalesce(cscore::text, 'NULL'), coalesce(escore::text, 'NULL'),
									  coalesce(w::text, 'NULL'), grp, coalesce(act_ts::text, 'NULL')), ', ' ORDER BY id)
			 FROM pr_rows r WHERE r.ds = pr_ds.ds)
		ELSE '' END
	FROM pr_ds WHERE ds = d
$$;
SQL
step "data: $(psql_db -Atc "SELECT count(*) || ' data sets, ' || (SELECT count(*) FROM pr_rows) || ' rows' FROM pr_ds")"

# ---------------------------------------------------------------------------
# Every aggregate, serial, parallel, per partition and rolled up.
# ---------------------------------------------------------------------------
psql_db <<'SQL'
-- The aggregates under test: the expression over rows R (joined to their
-- data set d), whether it is a summary, and its roll-up over summaries S.
CREATE TABLE pr_cols (col text PRIMARY KEY, expr text, is_summary boolean, rollup text, typ text);
INSERT INTO pr_cols VALUES
('s_nps',   'nps_summary(R.score)',                                 true, 'nps_summary(S.s_nps)',    'nps_summary'),
('s_npsw',  'nps_summary(R.score, R.w)',                            true, 'nps_summary(S.s_npsw)',   'nps_summary'),
('s_csat',  'csat_summary(R.cscore, d.csat_k, d.csat_band)',        true, 'csat_summary(S.s_csat)',  'csat_summary'),
('s_csatw', 'csat_summary(R.cscore, d.csat_k, d.csat_band, R.w)',   true, 'csat_summary(S.s_csatw)', 'csat_summary'),
('s_ces',   'ces_summary(R.escore, d.ces_k)',                       true, 'ces_summary(S.s_ces)',    'ces_summary'),
('s_cesw',  'ces_summary(R.escore, d.ces_k, R.w)',                  true, 'ces_summary(S.s_cesw)',   'ces_summary'),
('s_cd',    'churn_summary(R.act_d, d.per_d)',                      true, 'churn_summary(S.s_cd)',   'churn_summary'),
('s_cdw',   'churn_summary(R.act_d, d.per_d, R.w)',                 true, 'churn_summary(S.s_cdw)',  'churn_summary'),
('s_cts',   'churn_summary(R.act_ts, d.per_ts)',                    true, 'churn_summary(S.s_cts)',  'churn_summary'),
('s_ctsw',  'churn_summary(R.act_ts, d.per_ts, R.w)',               true, 'churn_summary(S.s_ctsw)', 'churn_summary'),
('s_ctz',   'churn_summary(R.act_tz, d.per_tz)',                    true, 'churn_summary(S.s_ctz)',  'churn_summary'),
('s_ctzw',  'churn_summary(R.act_tz, d.per_tz, R.w)',               true, 'churn_summary(S.s_ctzw)', 'churn_summary'),
('m_nps',   'nps_agg(R.score)',                                     false, 'nps_agg(S.s_nps)',       NULL),
('m_npsw',  'nps_agg(R.score, R.w)',                                false, 'nps_agg(S.s_npsw)',      NULL),
('m_csat',  'csat_agg(R.cscore, d.csat_k, d.csat_band)',            false, 'csat_agg(S.s_csat)',     NULL),
('m_csatw', 'csat_agg(R.cscore, d.csat_k, d.csat_band, R.w)',       false, 'csat_agg(S.s_csatw)',    NULL),
('m_ces',   'ces_agg(R.escore, d.ces_k)',                           false, 'ces_agg(S.s_ces)',       NULL),
('m_cesw',  'ces_agg(R.escore, d.ces_k, R.w)',                      false, 'ces_agg(S.s_cesw)',      NULL),
('m_cd',    'churn_rate(R.act_d, d.per_d)',                         false, 'churn_rate(S.s_cd)',     NULL),
('m_cdw',   'churn_rate(R.act_d, d.per_d, R.w)',                    false, 'churn_rate(S.s_cdw)',    NULL),
('m_cts',   'churn_rate(R.act_ts, d.per_ts)',                       false, 'churn_rate(S.s_cts)',    NULL),
('m_ctsw',  'churn_rate(R.act_ts, d.per_ts, R.w)',                  false, 'churn_rate(S.s_ctsw)',   NULL),
('m_ctz',   'churn_rate(R.act_tz, d.per_tz)',                       false, 'churn_rate(S.s_ctz)',    NULL),
('m_ctzw',  'churn_rate(R.act_tz, d.per_tz, R.w)',                  false, 'churn_rate(S.s_ctzw)',   NULL);

-- the select list of every aggregate, over rows aliased alias
CREATE FUNCTION pr_select_list(alias text, suffix text DEFAULT '') RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(replace(expr, 'R.', alias || '.') || suffix || ' AS ' || col, ', ' ORDER BY col) FROM pr_cols
$$;
CREATE FUNCTION pr_rollup_list(alias text, suffix text DEFAULT '') RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(replace(rollup, 'S.', alias || '.') || suffix || ' AS ' || col, ', ' ORDER BY col) FROM pr_cols
$$;

-- Compare two tables of results (ds [, key], one column per aggregate);
-- record every difference as a failure of the property.
CREATE FUNCTION pr_compare(property text, got text, want text, tol float8, keycols text DEFAULT 'ds')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	vals text;
BEGIN
	SELECT string_agg(format('(%L, g.%I::text, w.%I::text, g.%I = w.%I, %L::boolean)',
							 col, col, col, col, col, is_summary), ', ' ORDER BY col)
	INTO vals FROM pr_cols;
	EXECUTE format($q$
		INSERT INTO pr_fail
		SELECT %1$L, ds, format('%%s%%s: got %%s, expected %%s', v.col,
								CASE WHEN %5$L <> 'ds' THEN ' at ' || k.key ELSE '' END,
								coalesce(v.got, 'NULL'), coalesce(v.want, 'NULL'))
		FROM %2$I g FULL JOIN %3$I w USING (%5$s)
		JOIN pr_ds d USING (ds),
		LATERAL (SELECT row(%5$s)::text AS key) k,
		LATERAL (VALUES %4$s) v(col, got, want, eq, is_summary)
		WHERE NOT pr_same(d.exact, v.is_summary, v.got, v.want, v.eq, %6$s)$q$,
		property, got, want, vals, keycols, tol);
END
$$;

-- serial
SET max_parallel_workers_per_gather = 0;
DO $$ BEGIN
	EXECUTE format('CREATE TABLE pr_serial AS SELECT d.ds, %s FROM pr_ds d LEFT JOIN pr_rows r USING (ds) GROUP BY d.ds',
				   pr_select_list('r'));
END $$;
RESET max_parallel_workers_per_gather;

-- forced parallel: partial aggregates in workers, combined in the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_hashagg = off;
DO $$
DECLARE
	line text;
	plan text := '';
BEGIN
	FOR line IN EXECUTE format('EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
		CREATE TABLE pr_parallel AS SELECT d.ds, %s FROM pr_rows r JOIN pr_ds d USING (ds) GROUP BY d.ds',
		pr_select_list('r')) LOOP
		plan := plan || line || E'\n';
	END LOOP;
	IF plan !~ 'Partial (Group|Hash)?Aggregate' THEN
		INSERT INTO pr_fail VALUES ('parallel plan', NULL, E'no Partial Aggregate in the plan:\n' || plan);
	ELSIF plan !~ 'Workers Launched: [1-9]' THEN
		RAISE WARNING 'the parallel plan launched no workers; only the leader ran the partial aggregates';
	END IF;
	-- the data sets without rows are absent from the join: add them as the
	-- serial plan sees them
	EXECUTE format('INSERT INTO pr_parallel SELECT d.ds, %s FROM pr_ds d LEFT JOIN pr_rows r USING (ds) WHERE d.n = 0 GROUP BY d.ds',
				   pr_select_list('r'));
END $$;
RESET ALL;

-- summaries of a random split into partitions, rolled up
DO $$ BEGIN
	EXECUTE format('CREATE TABLE pr_parts AS SELECT d.ds, r.grp, row_number() OVER (PARTITION BY d.ds ORDER BY r.grp) AS pos, %s
					FROM pr_ds d LEFT JOIN pr_rows r USING (ds) GROUP BY d.ds, r.grp', pr_select_list('r'));
	EXECUTE format('CREATE TABLE pr_rollup AS SELECT d.ds, %s FROM pr_ds d LEFT JOIN pr_parts p USING (ds) GROUP BY d.ds',
				   pr_rollup_list('p'));
END $$;

SELECT pr_compare('forced parallel = serial', 'pr_parallel', 'pr_serial', 1e-10) \g /dev/null
SELECT pr_compare('roll-up of random partitions = direct', 'pr_rollup', 'pr_serial', 1e-10) \g /dev/null
SQL
step "serial, parallel, roll-up"

# ---------------------------------------------------------------------------
# Each aggregate against a plain-SQL formula; the statistics recomputed
# from counts and weights.
# ---------------------------------------------------------------------------
psql_db <<'SQL'
-- got vs want rows; exact = must be identical, else pr_near
CREATE TABLE pr_check (ds integer, name text, got float8, want float8, exact boolean DEFAULT false);

-- a power of two near the largest weight, to scale weights by exactly
-- (Kish's n from scaled weights cannot underflow or overflow)
CREATE TABLE pr_scale AS
SELECT d.ds, coalesce(power(2::float8, round(ln(max(r.w) FILTER (WHERE r.w > 0)) / ln(2))), 1) AS m
FROM pr_ds d LEFT JOIN pr_rows r USING (ds) GROUP BY d.ds;

-- NPS
INSERT INTO pr_check
SELECT x.ds, c.* FROM (
	SELECT d.ds,
		count(r.score) AS n,
		count(*) FILTER (WHERE r.score >= 9) AS pro,
		count(*) FILTER (WHERE r.score BETWEEN 7 AND 8) AS pas,
		count(*) FILTER (WHERE r.score <= 6) AS det,
		count(*) FILTER (WHERE r.score IS NOT NULL AND r.w IS NOT NULL) AS n_w,
		sum(r.w) FILTER (WHERE r.score IS NOT NULL) AS w_all,
		coalesce(sum(r.w) FILTER (WHERE r.score >= 9), 0) AS w_pro,
		coalesce(sum(r.w) FILTER (WHERE r.score BETWEEN 7 AND 8), 0) AS w_pas,
		coalesce(sum(r.w) FILTER (WHERE r.score <= 6), 0) AS w_det,
		sum(r.w / s.m) FILTER (WHERE r.score IS NOT NULL) ^ 2 / nullif(sum((r.w / s.m) ^ 2) FILTER (WHERE r.score IS NOT NULL), 0) AS kish,
		avg(r.score::float8) AS mean,
		sum(r.w * r.score) / nullif(sum(r.w) FILTER (WHERE r.score IS NOT NULL), 0) AS wmean,
		nps_summary(r.score) AS s, nps_summary(r.score, r.w) AS sw,
		nps_agg(r.score) AS agg, nps_agg(r.score, r.w) AS aggw,
		nps_agg(r.score::smallint) AS agg2, nps_agg(r.score::numeric) AS aggn, nps_agg(r.score::bigint) AS aggb,
		nps_agg(r.score::smallint, r.w) AS agg2w, nps_agg(r.score::numeric, r.w) AS aggnw,
		ARRAY[count(*) FILTER (WHERE r.score = 0), count(*) FILTER (WHERE r.score = 1), count(*) FILTER (WHERE r.score = 2),
			  count(*) FILTER (WHERE r.score = 3), count(*) FILTER (WHERE r.score = 4), count(*) FILTER (WHERE r.score = 5),
			  count(*) FILTER (WHERE r.score = 6), count(*) FILTER (WHERE r.score = 7), count(*) FILTER (WHERE r.score = 8),
			  count(*) FILTER (WHERE r.score = 9), count(*) FILTER (WHERE r.score = 10)] AS dist,
		nps_summary(r.score) FILTER (WHERE r.grp % 2 = 1) AS sa, nps_summary(r.score) FILTER (WHERE r.grp % 2 = 0) AS sb,
		nps_summary(r.score, r.w) FILTER (WHERE r.grp % 2 = 1) AS swa, nps_summary(r.score, r.w) FILTER (WHERE r.grp % 2 = 0) AS swb
	FROM pr_ds d JOIN pr_scale s USING (ds) LEFT JOIN pr_rows r USING (ds)
	GROUP BY d.ds
) x,
LATERAL (SELECT 100.0 * (x.pro - x.det) / nullif(x.n, 0) AS nps,
				100.0 * (x.w_pro - x.w_det) / nullif(x.w_all, 0) AS npsw) f,
LATERAL pr_nps_wald(x.n, x.pro::float8 / nullif(x.n, 0), x.det::float8 / nullif(x.n, 0)) a,
LATERAL (SELECT CASE WHEN a.unit THEN dd.n ELSE dd.n_eff END AS n,
				CASE WHEN a.unit_a THEN ha.n ELSE ha.n_eff END AS na,
				CASE WHEN a.unit_b THEN hb.n ELSE hb.n_eff END AS nb
		 FROM (SELECT array_agg(q.x) AS xs, array_agg(q.w) AS ws,
					  array_agg(q.x) FILTER (WHERE q.g = 1) AS xa, array_agg(q.w) FILTER (WHERE q.g = 1) AS wa,
					  array_agg(q.x) FILTER (WHERE q.g = 0) AS xb, array_agg(q.w) FILTER (WHERE q.g = 0) AS wb,
					  bool_and(q.raw = 1) AS unit, bool_and(q.raw = 1) FILTER (WHERE q.g = 1) AS unit_a,
					  bool_and(q.raw = 1) FILTER (WHERE q.g = 0) AS unit_b
			   FROM (SELECT CASE WHEN r.score >= 9 THEN 1 WHEN r.score <= 6 THEN -1 ELSE 0 END::float8 AS x,
							r.w / s.m AS w, r.w AS raw, r.grp % 2 AS g
					 FROM pr_rows r JOIN pr_scale s USING (ds)
					 WHERE r.ds = x.ds AND r.score IS NOT NULL AND r.w IS NOT NULL) q) a,
			  LATERAL pr_design(a.xs, a.ws) dd, LATERAL pr_design(a.xa, a.wa) ha,
			  LATERAL pr_design(a.xb, a.wb) hb) dn,
LATERAL pr_nps_wald(dn.n, x.w_pro / nullif(x.w_all, 0), x.w_det / nullif(x.w_all, 0)) aw,
LATERAL (SELECT ha.estimate AS ea, ha.variance AS va, hb.estimate AS eb, hb.variance AS vb
		 FROM pr_nps_wald(responses(x.sa), promoters(x.sa) / 100, detractors(x.sa) / 100) ha,
			  pr_nps_wald(responses(x.sb), promoters(x.sb) / 100, detractors(x.sb) / 100) hb) pa,
LATERAL (SELECT
			pr_nps_wald(dn.na,
						coalesce(sum(w) FILTER (WHERE g = 1 AND score >= 9), 0) / nullif(sum(w) FILTER (WHERE g = 1), 0),
						coalesce(sum(w) FILTER (WHERE g = 1 AND score <= 6), 0) / nullif(sum(w) FILTER (WHERE g = 1), 0)) AS ha,
			pr_nps_wald(dn.nb,
						coalesce(sum(w) FILTER (WHERE g = 0 AND score >= 9), 0) / nullif(sum(w) FILTER (WHERE g = 0), 0),
						coalesce(sum(w) FILTER (WHERE g = 0 AND score <= 6), 0) / nullif(sum(w) FILTER (WHERE g = 0), 0)) AS hb
		 FROM (SELECT r.score, r.w / s.m AS w, r.grp % 2 AS g FROM pr_rows r JOIN pr_scale s USING (ds)
			   WHERE r.ds = x.ds AND r.score IS NOT NULL AND r.w IS NOT NULL) q) pw,
LATERAL (VALUES
	('nps_agg(score) = 100*(count(*) FILTER (score>=9) - count(*) FILTER (score<=6))/count(score)', x.agg, f.nps, false),
	('nps_agg(score, w) = 100*(sum(w) FILTER (promoters) - sum(w) FILTER (detractors))/sum(w)', x.aggw, f.npsw, false),
	('nps_agg(score::smallint) = nps_agg(score)', x.agg2, x.agg, true),
	('nps_agg(score::numeric) = nps_agg(score)', x.aggn, x.agg, true),
	('nps_agg(score::bigint) = nps_agg(score)', x.aggb, x.agg, true),
	('nps_agg(score::smallint, w) = nps_agg(score, w)', x.agg2w, x.aggw, true),
	('nps_agg(score::numeric, w) = nps_agg(score, w)', x.aggnw, x.aggw, true),
	('nps(nps_summary(score)) = nps_agg(score)', nps(x.s), x.agg, false),
	('nps(nps_summary(score, w)) = nps_agg(score, w)', nps(x.sw), x.aggw, false),
	('promoters(nps_summary(score, w)) - detractors(...) = nps(...)', promoters(x.sw) - detractors(x.sw), nps(x.sw), false),
	('promoters(nps_summary(score)) = 100*count(*) FILTER (score>=9)/count(score)', promoters(x.s), 100.0 * x.pro / nullif(x.n, 0), false),
	('passives(nps_summary(score, w)) = 100*sum(w) FILTER (7..8)/sum(w)', passives(x.sw), 100 * x.w_pas / nullif(x.w_all, 0), false),
	('share(nps_summary(score, w), 7, 10) = 100*sum(w) FILTER (score>=7)/sum(w)', share(x.sw, 7, 10), 100 * (x.w_pas + x.w_pro) / nullif(x.w_all, 0), false),
	('responses(nps_summary(score)) = count(score)', responses(x.s), nullif(x.n, 0), true),
	('responses(nps_summary(score, w)) = count of rows with score and weight', responses(x.sw), nullif(x.n_w, 0), true),
	('distribution(nps_summary(score)) = count(*) FILTER (score = i) for each i',
		CASE WHEN ARRAY(SELECT unnest(distribution(x.s))) = x.dist::bigint[] THEN 1 ELSE 0 END, CASE WHEN x.n > 0 THEN 1 ELSE 0 END, true),
	('mean(nps_summary(score)) = avg(score)', mean(x.s), x.mean, false),
	('mean(nps_summary(score, w)) = sum(w*score)/sum(w)', mean(x.sw), x.wmean, false),
	('std_error(nps_summary(score)), adjusted Wald', std_error(x.s), 100 * sqrt(a.variance), false),
	('ci_lower(nps_summary(score)), adjusted Wald', ci_lower(x.s), pr_clip(100 * (a.estimate - pr_z(0.95) * sqrt(a.variance)), -100, 100), false),
	('ci_upper(nps_summary(score)), adjusted Wald', ci_upper(x.s), pr_clip(100 * (a.estimate + pr_z(0.95) * sqrt(a.variance)), -100, 100), false),
	('ci_lower(nps_summary(score), 0.99), adjusted Wald', ci_lower(x.s, 0.99), pr_clip(100 * (a.estimate - pr_z(0.99) * sqrt(a.variance)), -100, 100), false),
	('ci_upper(nps_summary(score), 0.99), adjusted Wald', ci_upper(x.s, 0.99), pr_clip(100 * (a.estimate + pr_z(0.99) * sqrt(a.variance)), -100, 100), false),
	('std_error(nps_summary(score, w)), adjusted Wald, design-based n_eff', std_error(x.sw), 100 * sqrt(aw.variance), false),
	('ci_lower(nps_summary(score, w)), adjusted Wald, design-based n_eff', ci_lower(x.sw), pr_clip(100 * (aw.estimate - pr_z(0.95) * sqrt(aw.variance)), -100, 100), false),
	('ci_upper(nps_summary(score, w), 0.99), adjusted Wald, design-based n_eff', ci_upper(x.sw, 0.99), pr_clip(100 * (aw.estimate + pr_z(0.99) * sqrt(aw.variance)), -100, 100), false),
	('p_value(odd partitions, even partitions), adjusted Wald z-test', p_value(x.sa, x.sb),
		pr_erfc(abs(pa.ea - pa.eb) / nullif(sqrt(pa.va + pa.vb), 0) / sqrt(2)), false),
	('p_value(weighted odd partitions, even partitions), design-based n_eff', p_value(x.swa, x.swb),
		pr_erfc(abs((pw.ha).estimate - (pw.hb).estimate) / nullif(sqrt((pw.ha).variance + (pw.hb).variance), 0) / sqrt(2)), false)
) c(name, got, want, exact);
SQL
step "NPS formulas and statistics"

psql_db <<'SQL'
-- CSAT
INSERT INTO pr_check
SELECT x.ds, c.* FROM (
	SELECT d.ds, d.csat_k AS k, d.csat_band AS band,
		CASE WHEN d.csat_k >= 4 THEN d.csat_k - 1 ELSE d.csat_k END AS def,
		1 + d.ds % d.csat_k AS b2, 1 + (d.ds * 7) % d.csat_k AS lo,
		count(r.cscore) AS n,
		count(*) FILTER (WHERE r.cscore >= d.csat_band) AS sat,
		count(*) FILTER (WHERE r.cscore >= CASE WHEN d.csat_k >= 4 THEN d.csat_k - 1 ELSE d.csat_k END) AS sat_def,
		count(*) FILTER (WHERE r.cscore >= 1 + d.ds % d.csat_k) AS sat_b2,
		count(*) FILTER (WHERE r.cscore BETWEEN 1 + (d.ds * 7) % d.csat_k AND d.csat_k) AS in_band,
		count(*) FILTER (WHERE r.cscore IS NOT NULL AND r.w IS NOT NULL) AS n_w,
		sum(r.w) FILTER (WHERE r.cscore IS NOT NULL) AS w_all,
		coalesce(sum(r.w) FILTER (WHERE r.cscore >= d.csat_band), 0) AS w_sat,
		coalesce(sum(r.w) FILTER (WHERE r.cscore >= CASE WHEN d.csat_k >= 4 THEN d.csat_k - 1 ELSE d.csat_k END), 0) AS w_sat_def,
		sum(r.w / s.m) FILTER (WHERE r.cscore IS NOT NULL) ^ 2 / nullif(sum((r.w / s.m) ^ 2) FILTER (WHERE r.cscore IS NOT NULL), 0) AS kish,
		avg(r.cscore::float8) AS mean,
		sum(r.w * r.cscore) / nullif(sum(r.w) FILTER (WHERE r.cscore IS NOT NULL), 0) AS wmean,
		csat_summary(r.cscore, d.csat_k, d.csat_band) AS s, csat_summary(r.cscore, d.csat_k, d.csat_band, r.w) AS sw,
		csat_agg(r.cscore, d.csat_k, d.csat_band) AS agg, csat_agg(r.cscore, d.csat_k, d.csat_band, r.w) AS aggw,
		csat_agg(r.cscore, d.csat_k) AS agg_def, csat_agg(r.cscore, d.csat_k, r.w) AS aggw_def,
		csat_agg(r.cscore) FILTER (WHERE d.csat_k = 5) AS agg5, csat_agg(r.cscore, r.w) FILTER (WHERE d.csat_k = 5) AS aggw5,
		csat_agg(r.cscore::smallint, d.csat_k, d.csat_band) AS agg2, csat_agg(r.cscore::numeric, d.csat_k, d.csat_band, r.w) AS aggnw,
		csat_summary(r.cscore, d.csat_k, d.csat_band) FILTER (WHERE r.grp % 2 = 1) AS sa,
		csat_summary(r.cscore, d.csat_k, d.csat_band) FILTER (WHERE r.grp % 2 = 0) AS sb,
		csat_summary(r.cscore, d.csat_k, d.csat_band, r.w) FILTER (WHERE r.grp % 2 = 1) AS swa,
		csat_summary(r.cscore, d.csat_k, d.csat_band, r.w) FILTER (WHERE r.grp % 2 = 0) AS swb
	FROM pr_ds d JOIN pr_scale s USING (ds) LEFT JOIN pr_rows r USING (ds)
	GROUP BY d.ds
) x,
LATERAL (SELECT x.sat::float8 / nullif(x.n, 0) AS p, x.w_sat / nullif(x.w_all, 0) AS pw) f,
LATERAL pr_wilson(f.p, x.n, 0.95) w95,
LATERAL pr_wilson(f.p, x.n, 0.99) w99,
LATERAL (SELECT dd.v, CASE WHEN a.unit THEN dd.n ELSE dd.n_eff END AS n, a.unit, dd.n AS rows,
				ha.mean AS pa, CASE WHEN a.unit_a THEN ha.n ELSE ha.n_eff END AS na,
				hb.mean AS pb, CASE WHEN a.unit_b THEN hb.n ELSE hb.n_eff END AS nb
		 FROM (SELECT array_agg(q.x) AS xs, array_agg(q.w) AS ws,
					  array_agg(q.x) FILTER (WHERE q.g = 1) AS xa, array_agg(q.w) FILTER (WHERE q.g = 1) AS wa,
					  array_agg(q.x) FILTER (WHERE q.g = 0) AS xb, array_agg(q.w) FILTER (WHERE q.g = 0) AS wb,
					  bool_and(q.raw = 1) AS unit, bool_and(q.raw = 1) FILTER (WHERE q.g = 1) AS unit_a,
					  bool_and(q.raw = 1) FILTER (WHERE q.g = 0) AS unit_b
			   FROM (SELECT (r.cscore >= x.band)::integer::float8 AS x, r.w / s.m AS w, r.w AS raw, r.grp % 2 AS g
					 FROM pr_rows r JOIN pr_scale s USING (ds)
					 WHERE r.ds = x.ds AND r.cscore IS NOT NULL AND r.w IS NOT NULL) q) a,
			  LATERAL pr_design(a.xs, a.ws) dd, LATERAL pr_design(a.xa, a.wa) ha,
			  LATERAL pr_design(a.xb, a.wb) hb) pw,
LATERAL pr_wilson(f.pw, pw.n, 0.95) ww95,
LATERAL (VALUES
	('csat_agg(score, k, band) = 100*count(*) FILTER (score>=band)/count(score)', x.agg, 100 * f.p, false),
	('csat_agg(score, k, band, w) = 100*sum(w) FILTER (score>=band)/sum(w)', x.aggw, 100 * f.pw, false),
	('csat_agg(score, k) = share of the default band', x.agg_def, 100.0 * x.sat_def / nullif(x.n, 0), false),
	('csat_agg(score, k, w) = weighted share of the default band', x.aggw_def, 100 * x.w_sat_def / nullif(x.w_all, 0), false),
	('csat_agg(score) on 1..5 = share of 4 and 5', x.agg5, CASE WHEN x.k = 5 THEN 100.0 * x.sat_def / nullif(x.n, 0) END, false),
	('csat_agg(score, w) on 1..5 = weighted share of 4 and 5', x.aggw5, CASE WHEN x.k = 5 THEN 100 * x.w_sat_def / nullif(x.w_all, 0) END, false),
	('csat_agg(score::smallint, k, band) = csat_agg(score, k, band)', x.agg2, x.agg, true),
	('csat_agg(score::numeric, k, band, w) = csat_agg(score, k, band, w)', x.aggnw, x.aggw, true),
	('csat(csat_summary(score, k, band)) = csat_agg(score, k, band)', csat(x.s), x.agg, false),
	('csat(csat_summary(...), b) = 100*count(*) FILTER (score>=b)/count(score)', csat(x.s, x.b2), 100.0 * x.sat_b2 / nullif(x.n, 0), false),
	('share(csat_summary(...), lo, k) = 100*count(*) FILTER (score between lo and k)/count(score)', share(x.s, x.lo, x.k), 100.0 * x.in_band / nullif(x.n, 0), false),
	('mean(csat_summary(score, k, band)) = avg(score)', mean(x.s), x.mean, false),
	('mean(csat_summary(score, k, band, w)) = sum(w*score)/sum(w)', mean(x.sw), x.wmean, false),
	('responses(csat_summary(score, k, band)) = count(score)', responses(x.s), nullif(x.n, 0), true),
	('responses(csat_summary(score, k, band, w)) = rows with score and weight', responses(x.sw), nullif(x.n_w, 0), true),
	('std_error(csat_summary(...)) = 100*sqrt(p(1-p)/n)', std_error(x.s), 100 * sqrt(f.p * (1 - f.p) / nullif(x.n, 0)), false),
	('ci_lower(csat_summary(...)), Wilson', ci_lower(x.s), w95.lo, false),
	('ci_upper(csat_summary(...)), Wilson', ci_upper(x.s), w95.hi, false),
	('ci_lower(csat_summary(...), 0.99), Wilson', ci_lower(x.s, 0.99), w99.lo, false),
	('ci_upper(csat_summary(...), 0.99), Wilson', ci_upper(x.s, 0.99), w99.hi, false),
	('std_error(csat_summary(..., w)) = 100*sqrt(V), design-based (weights all 1: unweighted)', std_error(x.sw),
		CASE WHEN pw.unit THEN 100 * sqrt(f.pw * (1 - f.pw) / nullif(pw.rows, 0)) ELSE 100 * sqrt(pw.v) END, false),
	('ci_lower(csat_summary(..., w)), Wilson, design-based n_eff', ci_lower(x.sw), ww95.lo, false),
	('ci_upper(csat_summary(..., w)), Wilson, design-based n_eff', ci_upper(x.sw), ww95.hi, false),
	('p_value(odd partitions, even partitions), pooled z-test', p_value(x.sa, x.sb),
		pr_pooled_p(csat(x.sa) / 100, responses(x.sa), csat(x.sb) / 100, responses(x.sb)), false),
	('p_value(weighted odd partitions, even partitions), pooled z-test, design-based n_eff', p_value(x.swa, x.swb),
		pr_pooled_p(pw.pa, pw.na, pw.pb, pw.nb), false)
) c(name, got, want, exact);

-- CES
INSERT INTO pr_check
SELECT x.ds, c.* FROM (
	SELECT d.ds, d.ces_k AS k, 1 + (d.ds * 5) % d.ces_k AS lo, 1 + (d.ds * 5) % d.ces_k + (d.ds * 3) % (d.ces_k - (d.ds * 5) % d.ces_k) AS hi,
		count(r.escore) AS n,
		count(*) FILTER (WHERE r.escore BETWEEN 1 + (d.ds * 5) % d.ces_k AND 1 + (d.ds * 5) % d.ces_k + (d.ds * 3) % (d.ces_k - (d.ds * 5) % d.ces_k)) AS in_band,
		count(*) FILTER (WHERE r.escore IS NOT NULL AND r.w IS NOT NULL) AS n_w,
		avg(r.escore::float8) AS mean, var_samp(r.escore::float8) AS var,
		sum(r.w * r.escore) / nullif(sum(r.w) FILTER (WHERE r.escore IS NOT NULL), 0) AS wmean,
		sum(r.w / s.m) FILTER (WHERE r.escore IS NOT NULL) ^ 2 / nullif(sum((r.w / s.m) ^ 2) FILTER (WHERE r.escore IS NOT NULL), 0) AS kish,
		ces_summary(r.escore, d.ces_k) AS s, ces_summary(r.escore, d.ces_k, r.w) AS sw,
		ces_agg(r.escore, d.ces_k) AS agg, ces_agg(r.escore, d.ces_k, r.w) AS aggw,
		ces_agg(r.escore) FILTER (WHERE d.ces_k = 7) AS agg7, ces_agg(r.escore, r.w) FILTER (WHERE d.ces_k = 7) AS aggw7,
		ces_agg(r.escore::smallint, d.ces_k, r.w) AS agg2w, ces_agg(r.escore::numeric, d.ces_k) AS aggn,
		ces_summary(r.escore, d.ces_k) FILTER (WHERE r.grp % 2 = 1) AS sa,
		ces_summary(r.escore, d.ces_k) FILTER (WHERE r.grp % 2 = 0) AS sb,
		ces_summary(r.escore, d.ces_k, r.w) FILTER (WHERE r.grp % 2 = 1) AS swa,
		ces_summary(r.escore, d.ces_k, r.w) FILTER (WHERE r.grp % 2 = 0) AS swb
	FROM pr_ds d JOIN pr_scale s USING (ds) LEFT JOIN pr_rows r USING (ds)
	GROUP BY d.ds
) x,
LATERAL (SELECT dd.v, dd.n_eff
		 FROM (SELECT array_agg(r.escore::float8) AS xs, array_agg(r.w / s.m) AS ws
			   FROM pr_rows r JOIN pr_scale s USING (ds)
			   WHERE r.ds = x.ds AND r.escore IS NOT NULL AND r.w IS NOT NULL) a,
			  LATERAL pr_design(a.xs, a.ws) dd) v,
LATERAL (SELECT CASE WHEN x.n > 1 THEN sqrt(x.var / x.n) END AS se,
				sqrt(v.v) AS sew) e,
LATERAL (VALUES
	('ces_agg(score, k) = avg(score)', x.agg, x.mean, false),
	('ces_agg(score, k, w) = sum(w*score)/sum(w)', x.aggw, x.wmean, false),
	('ces_agg(score) on 1..7 = avg(score)', x.agg7, CASE WHEN x.k = 7 THEN x.mean END, false),
	('ces_agg(score, w) on 1..7 = sum(w*score)/sum(w)', x.aggw7, CASE WHEN x.k = 7 THEN x.wmean END, false),
	('ces_agg(score::smallint, k, w) = ces_agg(score, k, w)', x.agg2w, x.aggw, true),
	('ces_agg(score::numeric, k) = ces_agg(score, k)', x.aggn, x.agg, true),
	('ces(ces_summary(score, k)) = ces_agg(score, k)', ces(x.s), x.agg, false),
	('mean(ces_summary(score, k, w)) = ces_agg(score, k, w)', mean(x.sw), x.aggw, false),
	('share(ces_summary(score, k), lo, hi) = 100*count(*) FILTER (score between lo and hi)/count(score)',
		share(x.s, x.lo, x.hi), 100.0 * x.in_band / nullif(x.n, 0), false),
	('responses(ces_summary(score, k, w)) = rows with score and weight', responses(x.sw), nullif(x.n_w, 0), true),
	('std_error(ces_summary(score, k)) = sqrt(var_samp(score)/n)', std_error(x.s), e.se, false),
	('ci_upper(ces_summary(score, k)) - mean = mean - ci_lower (t interval)', ci_upper(x.s) - x.mean, x.mean - ci_lower(x.s) + 0 * e.se, false),
	('ci_upper(ces_summary(score, k), 0.99) - mean > z*se (Student t, n - 1 df)',
		(ci_upper(x.s, 0.99) - x.mean > pr_z(0.99) * e.se OR e.se <= 1e-12 * x.mean)::integer, CASE WHEN x.n > 1 THEN 1 END, true),
	('std_error(ces_summary(score, k, w)) = sqrt(V), design-based', std_error(x.sw), e.sew, false),
	('ci_upper(ces_summary(score, k, w)) - mean = mean - ci_lower', ci_upper(x.sw) - x.wmean, x.wmean - ci_lower(x.sw) + 0 * e.sew, false),
	('ci_upper(ces_summary(score, k, w)) - mean > z*se (Student t, n_eff - 1 df; none for n_eff <= 1)',
		(ci_upper(x.sw) - x.wmean > pr_z(0.95) * e.sew OR (ci_upper(x.sw) IS NOT NULL AND e.sew <= 1e-12 * x.wmean))::integer,
		CASE WHEN v.n_eff > 1 THEN 1 END, true),
	('p_value(s, s) = 1 (Welch)', p_value(x.s, x.s), CASE WHEN x.n > 1 THEN 1 END, false),
	('p_value(a, b) = p_value(b, a) (Welch)', p_value(x.sa, x.sb), p_value(x.sb, x.sa), false),
	('p_value(weighted a, b) = p_value(b, a) (Welch)', p_value(x.swa, x.swb), p_value(x.swb, x.swa), false)
) c(name, got, want, exact);

-- churn, for each range type
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['d', 'ts', 'tz'] LOOP
		EXECUTE format($q$
INSERT INTO pr_check
SELECT x.ds, c.name || ' [%1$s]', c.got, c.want, c.exact FROM (
	SELECT d.ds,
		count(*) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s)) AS at_risk,
		count(*) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s) AND NOT r.act_%1$s @> upper(d.per_%1$s)) AS lost,
		count(*) FILTER (WHERE NOT r.act_%1$s @> lower(d.per_%1$s) AND r.act_%1$s && %2$s(lower(d.per_%1$s), upper(d.per_%1$s), '()')) AS new,
		count(*) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s) AND r.w IS NOT NULL) AS at_risk_w,
		count(*) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s) AND NOT r.act_%1$s @> upper(d.per_%1$s) AND r.w IS NOT NULL) AS lost_w,
		count(*) FILTER (WHERE NOT r.act_%1$s @> lower(d.per_%1$s) AND r.act_%1$s && %2$s(lower(d.per_%1$s), upper(d.per_%1$s), '()') AND r.w IS NOT NULL) AS new_w,
		count(r.act_%1$s) FILTER (WHERE r.w IS NOT NULL) AS rows_w,
		coalesce(sum(r.w) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s)), 0) AS rev,
		coalesce(sum(r.w) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s) AND NOT r.act_%1$s @> upper(d.per_%1$s)), 0) AS rev_lost,
		sum(r.w / s.m) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s)) ^ 2
			/ nullif(sum((r.w / s.m) ^ 2) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s)), 0) AS kish,
		sum(r.w / s.m) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s)) AS x_scaled,
		coalesce(sum((r.w / s.m) ^ 2) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s) AND NOT r.act_%1$s @> upper(d.per_%1$s)), 0) AS q_lost,
		coalesce(sum((r.w / s.m) ^ 2) FILTER (WHERE r.act_%1$s @> lower(d.per_%1$s) AND r.act_%1$s @> upper(d.per_%1$s)), 0) AS q_kept,
		count(r.act_%1$s) AS rows,
		churn_summary(r.act_%1$s, d.per_%1$s) AS s, churn_summary(r.act_%1$s, d.per_%1$s, r.w) AS sw,
		churn_rate(r.act_%1$s, d.per_%1$s) AS agg, churn_rate(r.act_%1$s, d.per_%1$s, r.w) AS aggw,
		churn_summary(r.act_%1$s, d.per_%1$s) FILTER (WHERE r.grp %% 2 = 1) AS sa,
		churn_summary(r.act_%1$s, d.per_%1$s) FILTER (WHERE r.grp %% 2 = 0) AS sb,
		churn_summary(r.act_%1$s, d.per_%1$s, r.w) FILTER (WHERE r.grp %% 2 = 1) AS swa,
		churn_summary(r.act_%1$s, d.per_%1$s, r.w) FILTER (WHERE r.grp %% 2 = 0) AS swb
	FROM pr_ds d JOIN pr_scale s USING (ds) LEFT JOIN pr_rows r USING (ds)
	GROUP BY d.ds
) x,
LATERAL (SELECT x.lost::float8 / nullif(x.at_risk, 0) AS p, x.rev_lost / nullif(x.rev, 0) AS pw) f,
LATERAL pr_wilson(f.p, x.at_risk, 0.95) w95,
LATERAL pr_wilson(f.p, x.at_risk, 0.99) w99,
LATERAL pr_ratio_variance(x.at_risk_w, x.x_scaled, f.pw, x.q_lost, x.q_kept, x.kish) dv,
LATERAL pr_wilson(f.pw, dv.n_eff, 0.95) ww95,
LATERAL (SELECT
			max(p) FILTER (WHERE g = 1) AS pa, max(n_eff) FILTER (WHERE g = 1) AS na,
			max(p) FILTER (WHERE g = 0) AS pb, max(n_eff) FILTER (WHERE g = 0) AS nb
		 FROM (SELECT g, h.p, v.n_eff
			   FROM (SELECT g, count(*) AS n, sum(w) AS x_w,
							coalesce(sum(w) FILTER (WHERE lost), 0) / nullif(sum(w), 0) AS p,
							sum(w) ^ 2 / nullif(sum(w * w), 0) AS kish,
							coalesce(sum(w * w) FILTER (WHERE lost), 0) AS q_lost,
							coalesce(sum(w * w) FILTER (WHERE NOT lost), 0) AS q_kept
					 FROM (SELECT NOT r.act_%1$s @> upper(d.per_%1$s) AS lost, r.w / s.m AS w, r.grp %% 2 AS g
						   FROM pr_rows r JOIN pr_scale s USING (ds) JOIN pr_ds d USING (ds)
						   WHERE r.ds = x.ds AND r.act_%1$s @> lower(d.per_%1$s) AND r.w IS NOT NULL) q
					 GROUP BY g) h,
					LATERAL pr_ratio_variance(h.n, h.x_w, h.p, h.q_lost, h.q_kept, h.kish) v) hv) pw,
LATERAL (VALUES
	('churn_rate(active, period) = 100*count(*) FILTER (lost)/count(*) FILTER (active @> lower(period))', x.agg, 100 * f.p, false),
	('churn_rate(active, period, revenue) = 100*sum(revenue) FILTER (lost)/sum(revenue) FILTER (at risk)', x.aggw, 100 * f.pw, false),
	('churn(churn_summary(active, period)) = churn_rate(active, period)', churn(x.s), x.agg, false),
	('retention_rate(churn_summary(...)) = 100 - churn', retention_rate(x.s), 100 - x.agg, false),
	('customers_at_start = count(*) FILTER (active @> lower(period))', customers_at_start(x.s), CASE WHEN x.rows > 0 THEN x.at_risk END, true),
	('customers_lost = count(*) FILTER (at risk AND NOT active @> upper(period))', customers_lost(x.s), CASE WHEN x.rows > 0 THEN x.lost END, true),
	('customers_new = count(*) FILTER (NOT active @> lower(period) AND active && (lower(period), upper(period)))', customers_new(x.s), CASE WHEN x.rows > 0 THEN x.new END, true),
	('customers_at_start(revenue summary) = at risk with revenue', customers_at_start(x.sw), CASE WHEN x.rows_w > 0 THEN x.at_risk_w END, true),
	('customers_lost(revenue summary) = lost with revenue', customers_lost(x.sw), CASE WHEN x.rows_w > 0 THEN x.lost_w END, true),
	('customers_new(revenue summary) = new with revenue', customers_new(x.sw), CASE WHEN x.rows_w > 0 THEN x.new_w END, true),
	('revenue_at_start = sum(revenue) FILTER (at risk)', revenue_at_start(x.sw), CASE WHEN x.rows_w > 0 THEN x.rev END, false),
	('revenue_lost = sum(revenue) FILTER (lost)', revenue_lost(x.sw), CASE WHEN x.rows_w > 0 THEN x.rev_lost END, false),
	('std_error(churn_summary(...)) = 100*sqrt(p(1-p)/n)', std_error(x.s), 100 * sqrt(f.p * (1 - f.p) / nullif(x.at_risk, 0)), false),
	('ci_lower(churn_summary(...)), Wilson', ci_lower(x.s), w95.lo, false),
	('ci_upper(churn_summary(...), 0.99), Wilson', ci_upper(x.s, 0.99), w99.hi, false),
	('std_error(churn_summary(..., revenue)), design-based (svyratio)', std_error(x.sw), 100 * sqrt(dv.v), false),
	('ci_upper(churn_summary(..., revenue)), Wilson, n_eff', ci_upper(x.sw), ww95.hi, false),
	('p_value(odd partitions, even partitions), pooled z-test', p_value(x.sa, x.sb),
		pr_pooled_p(churn(x.sa) / 100, customers_at_start(x.sa), churn(x.sb) / 100, customers_at_start(x.sb)), false),
	('p_value(revenue, odd partitions, even partitions), pooled z-test, n_eff', p_value(x.swa, x.swb),
		pr_pooled_p(pw.pa, pw.na, pw.pb, pw.nb), false)
) c(name, got, want, exact)$q$, t,
			CASE t WHEN 'd' THEN 'daterange' WHEN 'ts' THEN 'tsrange' ELSE 'tstzrange' END);
	END LOOP;
END
$$;

-- tsrange and tstzrange (in UTC) give the same churn
INSERT INTO pr_check
SELECT ds, c.* FROM pr_serial s,
LATERAL (VALUES
	('churn_rate over tsrange = over tstzrange', s.m_cts, s.m_ctz, true),
	('revenue churn_rate over tsrange = over tstzrange', s.m_ctsw, s.m_ctzw, true),
	('customers_lost over tsrange = over tstzrange', customers_lost(s.s_cts)::float8, customers_lost(s.s_ctz)::float8, true),
	('customers_new over tsrange = over tstzrange', customers_new(s.s_ctsw)::float8, customers_new(s.s_ctzw)::float8, true)
) c(name, got, want, exact);

INSERT INTO pr_fail
SELECT c.name, c.ds, format('got %s, expected %s', coalesce(c.got::text, 'NULL'), coalesce(c.want::text, 'NULL'))
FROM pr_check c
WHERE NOT CASE WHEN c.exact THEN c.got IS NOT DISTINCT FROM c.want ELSE pr_near(c.got, c.want) END;
SQL
step "CSAT, CES and churn formulas and statistics"

# ---------------------------------------------------------------------------
# Window frames: the moving aggregates against the aggregate of each frame.
# ---------------------------------------------------------------------------
psql_db <<'SQL'
SELECT setseed(((hashint8(:seed::bigint * 7 + 1) & 2147483647)::float8 / 2147483647.0) * 2 - 1) \g /dev/null

-- four random frames: trailing, around, unbounded on one side, and one
-- that does not hold the current row
CREATE TABLE pr_frames AS
SELECT 1 AS frame, -(1 + pr_int(40)) AS lo, 0 AS hi
UNION ALL SELECT 2, -(1 + pr_int(20)), 1 + pr_int(20)
UNION ALL SELECT 3, CASE WHEN random() < 0.5 THEN NULL ELSE 0 END, NULL
UNION ALL SELECT 4, lo, lo + 1 + pr_int(30) FROM (SELECT CASE WHEN random() < 0.5 THEN 1 + pr_int(5) ELSE -(20 + pr_int(20)) END AS lo) l;
UPDATE pr_frames SET hi = CASE WHEN lo IS NULL THEN 0 END WHERE frame = 3;

CREATE FUNCTION pr_bound(x integer, unbounded text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN x IS NULL THEN unbounded WHEN x < 0 THEN -x || ' PRECEDING'
		WHEN x = 0 THEN 'CURRENT ROW' ELSE x || ' FOLLOWING' END
$$;
CREATE FUNCTION pr_frame_clause(lo integer, hi integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT 'ROWS BETWEEN ' || pr_bound(lo, 'UNBOUNDED PRECEDING') || ' AND ' || pr_bound(hi, 'UNBOUNDED FOLLOWING')
$$;

DO $$
DECLARE
	f record;
	clause text;
	-- all rows of the small data sets, every tenth of 1000, every
	-- thousandth of 50000 (whose frames run over every row all the same)
	sampled text;
	eligible constant text := '(d.n <= 1000 OR d.dist IN (''exact weights'', ''ugly weights''))';
BEGIN
	FOR f IN SELECT * FROM pr_frames ORDER BY frame LOOP
		clause := pr_frame_clause(f.lo, f.hi);
		sampled := format('(d.n <= 17 OR (d.n = 1000 AND o.id %% 10 = %s) OR (d.n > 1000 AND o.id %% 1000 = %s))',
						  f.frame, f.frame * 37);
		EXECUTE format('CREATE TABLE pr_win_%s AS SELECT ds, id, %s FROM (
							SELECT o.ds, o.id, d.n, %s FROM pr_rows o JOIN pr_ds d USING (ds) WHERE %s
							WINDOW w AS (PARTITION BY o.ds ORDER BY o.id %s)) o JOIN pr_ds d USING (ds) WHERE %s',
					   f.frame, (SELECT string_agg(col, ', ' ORDER BY col) FROM pr_cols),
					   pr_select_list('o', ' OVER w'), eligible, clause, sampled);
		EXECUTE format('CREATE TABLE pr_wdir_%s AS SELECT o.ds, o.id, x.* FROM pr_rows o JOIN pr_ds d USING (ds),
							LATERAL (SELECT %s FROM pr_rows r WHERE r.ds = o.ds AND r.id >= o.id + %s AND r.id <= o.id + %s) x
						WHERE %s AND %s',
					   f.frame, pr_select_list('r'), coalesce(f.lo, -1000000), coalesce(f.hi, 1000000), eligible, sampled);
		PERFORM pr_compare('window ' || clause || ' = aggregate over the frame',
						   'pr_win_' || f.frame, 'pr_wdir_' || f.frame, 1e-10, 'ds, id');
	END LOOP;

	-- roll-up aggregates over the partitions' summaries
	FOR f IN SELECT * FROM (VALUES (5, -1, 0), (6, 0, NULL)) v(frame, lo, hi) LOOP
		clause := pr_frame_clause(f.lo, f.hi);
		EXECUTE format('CREATE TABLE pr_win_%s AS SELECT p.ds, p.pos, %s FROM pr_parts p
						WINDOW w AS (PARTITION BY p.ds ORDER BY p.pos %s)',
					   f.frame, pr_rollup_list('p', ' OVER w'), clause);
		EXECUTE format('CREATE TABLE pr_wdir_%s AS SELECT o.ds, o.pos, x.* FROM pr_parts o,
							LATERAL (SELECT %s FROM pr_parts p WHERE p.ds = o.ds AND p.pos >= o.pos + %s AND p.pos <= o.pos + %s) x',
					   f.frame, pr_rollup_list('p'), coalesce(f.lo, -1000000), coalesce(f.hi, 1000000));
		PERFORM pr_compare('roll-up window ' || clause || ' over partition summaries = roll-up over the frame',
						   'pr_win_' || f.frame, 'pr_wdir_' || f.frame, 1e-10, 'ds, pos');
	END LOOP;
END
$$;
SQL
step "window frames: $(psql_db -Atc "SELECT string_agg(pr_frame_clause(lo, hi), '; ' ORDER BY frame) FROM pr_frames")"

# ---------------------------------------------------------------------------
# a + b on random triples of partition summaries.
# ---------------------------------------------------------------------------
psql_db <<'SQL'
SELECT setseed(((hashint8(:seed::bigint * 7 + 2) & 2147483647)::float8 / 2147483647.0) * 2 - 1) \g /dev/null

-- three triples per data set (partitions drawn with replacement), all
-- compatible: same scale, band and period
CREATE TABLE pr_triples AS
SELECT p.ds, t, (array_agg(pos ORDER BY random()))[1] AS a, (array_agg(pos ORDER BY random()))[1] AS b,
	   (array_agg(pos ORDER BY random()))[1] AS c
FROM pr_parts p, generate_series(1, 3) t
GROUP BY p.ds, t;

CREATE TABLE pr_sums (col text, ds integer, t integer, ab text, ba text, ab_c text, a_bc text, comm boolean, assoc boolean);
DO $$
DECLARE
	c record;
BEGIN
	FOR c IN SELECT col FROM pr_cols WHERE is_summary ORDER BY col LOOP
		EXECUTE format($q$
			INSERT INTO pr_sums
			SELECT %1$L, t.ds, t.t, v.ab::text, v.ba::text, v.ab_c::text, v.a_bc::text, v.ab = v.ba, v.ab_c = v.a_bc
			FROM pr_triples t
			JOIN pr_parts a ON a.ds = t.ds AND a.pos = t.a
			JOIN pr_parts b ON b.ds = t.ds AND b.pos = t.b
			JOIN pr_parts c ON c.ds = t.ds AND c.pos = t.c,
			LATERAL (SELECT a.%1$I + b.%1$I AS ab, b.%1$I + a.%1$I AS ba,
							(a.%1$I + b.%1$I) + c.%1$I AS ab_c, a.%1$I + (b.%1$I + c.%1$I) AS a_bc) v$q$, c.col);
	END LOOP;
END
$$;
-- NPS summaries of any data sets, weighted and not, mixed
INSERT INTO pr_sums
SELECT 'nps across data sets', NULL, k, v.ab::text, v.ba::text, v.ab_c::text, v.a_bc::text, v.ab = v.ba, v.ab_c = v.a_bc
FROM (SELECT k, (SELECT s_npsw FROM pr_parts WHERE s_npsw IS NOT NULL ORDER BY random() + k * 0 LIMIT 1) AS a,
			 (SELECT s_nps FROM pr_parts WHERE s_nps IS NOT NULL ORDER BY random() + k * 0 LIMIT 1) AS b,
			 (SELECT s_npsw FROM pr_parts WHERE s_npsw IS NOT NULL ORDER BY random() + k * 0 LIMIT 1) AS c
	  FROM generate_series(1, 200) k) x,
LATERAL (SELECT a + b AS ab, b + a AS ba, (a + b) + c AS ab_c, a + (b + c) AS a_bc) v;

INSERT INTO pr_fail
SELECT 'a + b = b + a (' || col || ')', ds, format('a + b = %s, b + a = %s', coalesce(ab, 'NULL'), coalesce(ba, 'NULL'))
FROM pr_sums
WHERE (ab IS NULL) <> (ba IS NULL) OR NOT comm OR ab <> ba;
INSERT INTO pr_fail
SELECT '(a + b) + c = a + (b + c) (' || col || ')', ds,
	   format('(a + b) + c = %s, a + (b + c) = %s', coalesce(ab_c, 'NULL'), coalesce(a_bc, 'NULL'))
FROM pr_sums s LEFT JOIN pr_ds d USING (ds)
WHERE NOT pr_same(coalesce(d.exact, false), true, ab_c, a_bc, assoc, 1e-12)
  -- across data sets the sums are exact when the weights are
  AND NOT (s.ds IS NULL AND assoc AND ab_c = a_bc);
SQL
step "a + b on $(psql_db -Atc "SELECT count(*) FROM pr_sums") triples"

# ---------------------------------------------------------------------------
# Text and binary round trips of every summary built above.
# ---------------------------------------------------------------------------
psql_db <<'SQL'
DO $$
DECLARE
	t text;
	src text;
	c record;
BEGIN
	FOREACH t IN ARRAY ARRAY['nps_summary', 'csat_summary', 'ces_summary', 'churn_summary'] LOOP
		EXECUTE format('CREATE TABLE pr_rt_%1$s (id serial, src text, v %1$s); CREATE TABLE pr_back_%1$s (id integer, v %1$s)', t);
		FOR c IN SELECT col FROM pr_cols WHERE typ = t LOOP
			FOREACH src IN ARRAY ARRAY['pr_serial', 'pr_parallel', 'pr_parts', 'pr_rollup', 'pr_win_1', 'pr_win_2',
										'pr_win_3', 'pr_win_4', 'pr_win_5', 'pr_win_6'] LOOP
				EXECUTE format('INSERT INTO pr_rt_%s (src, v) SELECT %L, %I FROM %I WHERE %I IS NOT NULL',
							   t, src || '.' || c.col, c.col, src, c.col);
			END LOOP;
			EXECUTE format('INSERT INTO pr_rt_%s (src, v) SELECT %L, x::%s FROM pr_sums, unnest(ARRAY[ab, ab_c, a_bc]) x
							WHERE col = %L AND x IS NOT NULL', t, 'a + b of ' || c.col, t, c.col);
		END LOOP;
		EXECUTE format($q$
			INSERT INTO pr_fail
			SELECT 'text round trip (%1$s)', NULL, format('%%s: %%s reads back as %%s', src, v::text, v::text::%1$s::text)
			FROM pr_rt_%1$s WHERE NOT (v::text::%1$s = v) OR v::text::%1$s::text <> v::text$q$, t);
	END LOOP;
END
$$;
SQL
for T in nps_summary csat_summary ces_summary churn_summary; do
	psql_db <<SQL
\\copy (SELECT id, v FROM pr_rt_$T ORDER BY id) TO '$WORK/$T.bin' WITH (FORMAT binary)
\\copy pr_back_$T FROM '$WORK/$T.bin' WITH (FORMAT binary)
INSERT INTO pr_fail
SELECT 'binary round trip ($T)', NULL,
	   format('%s: %s came back as %s', a.src, a.v::text, coalesce(b.v::text, 'nothing'))
FROM pr_rt_$T a LEFT JOIN pr_back_$T b USING (id)
WHERE b.v IS NULL OR NOT (a.v = b.v) OR a.v::text <> b.v::text;
SQL
done
step "round trips of $(psql_db -Atc "SELECT (SELECT count(*) FROM pr_rt_nps_summary) + (SELECT count(*) FROM pr_rt_csat_summary) + (SELECT count(*) FROM pr_rt_ces_summary) + (SELECT count(*) FROM pr_rt_churn_summary)") summaries"

# ---------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------
failures=$(psql_db -Atc "SELECT count(*) FROM pr_fail")
checks=$(psql_db -Atc "SELECT (SELECT count(*) FROM pr_check) + (SELECT count(*) FROM pr_sums) * 2")
if [ "$failures" != 0 ]; then
	echo "FAILED: $failures property violations, seed $SEED (the smallest 2 data sets per property shown):"
	psql_db -At <<'SQL'
SELECT format(E'- %s\n    %s%s', property, detail,
			  CASE WHEN ds IS NOT NULL THEN E'\n    ' || pr_describe(ds) ELSE '' END)
FROM (SELECT f.*, row_number() OVER (PARTITION BY property ORDER BY d.n, ds, detail) AS k
	  FROM pr_fail f LEFT JOIN pr_ds d USING (ds)) f
WHERE k <= 2
ORDER BY property, k;
SQL
	psql_db -At <<'SQL'
SELECT format('  %s: %s data sets (%s)', property, count(*),
			  string_agg(DISTINCT d.dist, ', '))
FROM pr_fail f LEFT JOIN pr_ds d USING (ds)
GROUP BY property ORDER BY property;
SQL
	echo "properties: FAILED, seed $SEED, $(elapsed) s"
	exit 1
fi
echo "properties: passed ($checks formula checks and sums, seed $SEED, $(elapsed) s)"
