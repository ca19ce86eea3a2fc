#!/usr/bin/env bash
# The statistics against R.  The server builds summaries (random counts
# from setseed, sizes from 1 answer to 10^15 a side) and computes their
# statistics; R computes the same numbers from the counts, and every pair
# must agree to 1e-9 relative:
#   Welch      p_value(ces_summary, ces_summary): small samples (2..10 answers
#              a side) through t.test on the expanded answers; larger ones
#              (10^3..10^7, unequal sizes) and huge ones (10^7, 10^9, 10^15
#              a side) from the means, sample variances and the
#              Welch-Satterthwaite df, then 2 * pt(-|t|, df);
#   t interval ci_lower/ci_upper(ces_summary, level), mean -+ qt * se with
#              n - 1 degrees of freedom (Kish's n - 1 for version-1 weighted ones);
#   Wilson     ci_lower/ci_upper(csat_summary, level) against prop.test's
#              interval (correct = FALSE);
#   z-test     p_value(csat_summary, csat_summary) against prop.test's
#              p-value, and the pooled z from the counts for huge ones;
#   NPS        p_value(nps_summary, nps_summary), the adjusted-Wald z-test.
# Huge pairs have the same number of answers on both sides, so R, whose
# numbers are doubles, can form the difference of their means and shares
# from integer differences of counts without rounding (as the server does
# in double-double arithmetic for any counts).  p-values are compared
# relative to R's value, however small; interval ends relative to their
# size, but at least 1 (a mean score or a percentage), since an end near 0
# is the difference of two nearly equal numbers in R as in the server.
#
# Installs Debian's r-base-core when Rscript is missing (as root).  Needs a
# running server (PGHOST, PGPORT, PGUSER as a superuser); creates and drops
# the database cx_check_r_oracle.  A few seconds after the install.
# CX_R_ORACLE_SEED (default 1) seeds the random summaries.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

SEED=${CX_R_ORACLE_SEED:-1}
DB=cx_check_r_oracle
TOLERANCE=1e-9
cx_work_dir cx_check_r_oracle

cx_ensure_r


cx_extension_database "$DB"

# The summaries.  Each row of oracle_case is one statistic of one summary or
# pair: its family, the counts (and for weighted summaries the weights and
# the sum of squared weights) of a and b as comma-separated lists, the
# level of an interval, and the server's answer.
q "$DB" -v seed="$SEED" <<'SQL'
SELECT setseed(((hashint8(:seed::bigint) & 2147483647)::float8 / 2147483647.0) * 2 - 1) \g /dev/null

-- a random split of total answers over k scores
CREATE FUNCTION random_counts(total bigint, k integer) RETURNS bigint[]
LANGUAGE plpgsql AS $$
DECLARE
	shares float8[] := ARRAY(SELECT random() FROM generate_series(1, k));
	sum_shares float8 := (SELECT sum(x) FROM unnest(shares) x);
	counts bigint[] := '{}';
	used bigint := 0;
	i integer;
BEGIN
	FOR i IN 1 .. k - 1 LOOP
		counts := counts || least(total - used, floor(total * shares[i] / sum_shares)::bigint);
		used := used + counts[i];
	END LOOP;
	RETURN counts || (total - used);
END
$$;

-- counts of n random answers on 1..k (or 0..10 when k = 11)
CREATE FUNCTION random_answers(n integer, k integer) RETURNS bigint[]
LANGUAGE sql AS $$
	SELECT array_agg(coalesce(c, 0) ORDER BY s)
	FROM generate_series(1, k) s
	LEFT JOIN (SELECT 1 + floor(random() * k)::integer AS s, count(*) AS c
			   FROM generate_series(1, n) GROUP BY 1) a USING (s)
$$;

-- b: a with moved answers moved from one score to another, the total kept
CREATE FUNCTION move_answers(a bigint[], moved bigint, from_slot integer, to_slot integer) RETURNS bigint[]
LANGUAGE plpgsql AS $$
DECLARE
	b bigint[] := a;
BEGIN
	moved := least(moved, a[from_slot]);
	b[from_slot] := b[from_slot] - moved;
	b[to_slot] := b[to_slot] + moved;
	RETURN b;
END
$$;

CREATE FUNCTION ces_text(counts bigint[]) RETURNS ces_summary LANGUAGE sql AS $$
	SELECT format('{"version": 1, "scale": [1, %s], "counts": [%s]}',
				  cardinality(counts), array_to_string(counts, ', '))::ces_summary
$$;
CREATE FUNCTION csat_text(counts bigint[]) RETURNS csat_summary LANGUAGE sql AS $$
	SELECT format('{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [%s]}',
				  array_to_string(counts, ', '))::csat_summary
$$;
CREATE FUNCTION nps_text(counts bigint[]) RETURNS nps_summary LANGUAGE sql AS $$
	SELECT format('{"version": 1, "scale": [0, 10], "counts": [%s]}',
				  array_to_string(counts, ', '))::nps_summary
$$;

-- pairs of count vectors, by family
CREATE TABLE pairs (family text, a bigint[], b bigint[]);

-- Welch, small samples: 2..10 answers a side on 1..7, not both constant
INSERT INTO pairs
SELECT 'welch small', a, b
FROM (SELECT random_answers(n1, 7) AS a, random_answers(n2, 7) AS b
	  FROM generate_series(2, 10) n1, generate_series(2, 10) n2) p
WHERE (SELECT count(*) FROM unnest(a) c WHERE c > 0) > 1
   OR (SELECT count(*) FROM unnest(b) c WHERE c > 0) > 1;
-- the example of a lost digit: 5e6 answers of 1 and 7 against 5e6 and 5006000
INSERT INTO pairs VALUES ('welch 1e7 example', '{5000000,0,0,0,0,0,5000000}', '{5000000,0,0,0,0,0,5006000}');
-- unequal sizes from 10^3 to 10^7
INSERT INTO pairs
SELECT 'welch unequal', random_counts(n1, 7), random_counts(n2, 7)
FROM (SELECT (10 ^ (3 + 4 * random()))::bigint AS n1, (10 ^ (3 + 4 * random()))::bigint AS n2
	  FROM generate_series(1, 40)) s;
-- huge: equal sizes, b moves answers so that t runs up to about 8
INSERT INTO pairs
SELECT 'welch ' || label, a,
	   move_answers(a, round(t * 2.8 * sqrt(m) / abs(v - u) * 0.5)::bigint, u, v)
FROM (SELECT m, label, random_counts(m, 7) AS a, random() * 8 AS t,
			 1 + floor(random() * 3)::integer AS u, 5 + floor(random() * 3)::integer AS v
	  FROM (VALUES (10000000::bigint, '1e7 a side'), (1000000000, '1e9 a side'),
				   (1000000000000000, '1e15 a side')) h(m, label),
		   generate_series(1, 12)) s;

-- CSAT z-tests: small and moderate sizes (not all or none satisfied), and
-- huge equal sizes
INSERT INTO pairs
SELECT 'z-test small', a, b
FROM (SELECT random_answers(n1, 5) AS a, random_answers(n2, 5) AS b
	  FROM generate_series(1, 30) n1, (VALUES (3), (17), (30)) n(n2)) p
WHERE a[4] + a[5] + b[4] + b[5] > 0
  AND a[4] + a[5] + b[4] + b[5] < (SELECT sum(x) FROM unnest(a || b) x);
INSERT INTO pairs
SELECT 'z-test unequal', random_counts(n1, 5), random_counts(n2, 5)
FROM (SELECT (10 ^ (2 + 5 * random()))::bigint AS n1, (10 ^ (2 + 5 * random()))::bigint AS n2
	  FROM generate_series(1, 30)) s;
INSERT INTO pairs
SELECT 'z-test ' || label, a, move_answers(a, round(z * sqrt(m) * 0.5)::bigint, 1, 5)
FROM (SELECT m, label, random_counts(m, 5) AS a, random() * 8 AS z
	  FROM (VALUES (10000000::bigint, '1e7 a side'), (1000000000, '1e9 a side'),
				   (1000000000000000, '1e15 a side')) h(m, label),
		   generate_series(1, 10)) s;

-- NPS: small and huge equal sizes
INSERT INTO pairs
SELECT 'nps small', random_answers(n1, 11), random_answers(n2, 11)
FROM generate_series(1, 12) n1, (VALUES (5), (40)) n(n2);
INSERT INTO pairs
SELECT 'nps ' || label, a, move_answers(a, round(z * sqrt(m) * 0.4)::bigint, 1, 11)
FROM (SELECT m, label, random_counts(m, 11) AS a, random() * 8 AS z
	  FROM (VALUES (10000000::bigint, '1e7 a side'), (1000000000, '1e9 a side'),
				   (1000000000000000, '1e15 a side')) h(m, label),
		   generate_series(1, 10)) s;

CREATE TABLE oracle_case (id serial, family text, a text, b text,
						  a_weights text, a_sum_sq float8, level float8, got float8);
INSERT INTO oracle_case (family, a, b, got)
SELECT family, array_to_string(a, ','), array_to_string(b, ','),
	   CASE WHEN family LIKE 'welch%' THEN p_value(ces_text(a), ces_text(b))
			WHEN family LIKE 'z-test%' THEN p_value(csat_text(a), csat_text(b))
			ELSE p_value(nps_text(a), nps_text(b)) END
FROM pairs;

-- intervals of single summaries at several levels: every side of every
-- pair above, on its own
CREATE TABLE singles AS
SELECT DISTINCT CASE WHEN family LIKE 'welch%' THEN 'ces' WHEN family LIKE 'z-test%' THEN 'csat' END AS kind, c
FROM pairs, LATERAL (VALUES (a), (b)) v(c)
WHERE family NOT LIKE 'nps%';
INSERT INTO oracle_case (family, a, level, got)
SELECT kind || ' ' || bound, array_to_string(c, ','), level,
	   CASE WHEN kind = 'ces' AND bound = 'lower' THEN ci_lower(ces_text(c), level)
			WHEN kind = 'ces' THEN ci_upper(ces_text(c), level)
			WHEN bound = 'lower' THEN ci_lower(csat_text(c), level)
			ELSE ci_upper(csat_text(c), level) END
FROM singles, unnest(ARRAY[0.5, 0.9, 0.95, 0.99, 0.999]) level,
	 unnest(ARRAY['lower', 'upper']) bound
WHERE kind = 'csat' OR (SELECT sum(x) FROM unnest(c) x) > 1;

-- weighted CES intervals of version-1 weighted summaries (written by
-- extension 1.0, whose statistics keep Kish's n): random weights, Kish's n
-- from 1.2 to thousands, the summaries made version 1 by dropping the sums
-- a version-2 summary adds
INSERT INTO oracle_case (family, a, a_weights, a_sum_sq, level, got)
SELECT 'ces weighted ' || bound, array_to_string(distribution(s), ','),
	   (SELECT string_agg(w, ',') FROM jsonb_array_elements_text(s::text::jsonb -> 'weights') w),
	   (s::text::jsonb ->> 'sum_sq_weights')::float8, level,
	   CASE WHEN bound = 'lower' THEN ci_lower(s, level) ELSE ci_upper(s, level) END
FROM (SELECT g, ((ces_summary(1 + floor(random() * 7)::integer, CASE WHEN random() < 0.2 THEN 20 * random() ELSE random() END)::text::jsonb
				   - '{sum_sq_weights_times_score,sum_sq_weights_times_score_sq}'::text[]
				   || '{"version": 1}')::text)::ces_summary AS s
	  FROM generate_series(1, 20) g, LATERAL generate_series(1, 2 + g * g * 3) r
	  GROUP BY g) w,
	 unnest(ARRAY[0.9, 0.95, 0.99]) level, unnest(ARRAY['lower', 'upper']) bound;
SQL

q "$DB" -A -F '|' -c "SELECT id, family, a, coalesce(b, '') AS b, coalesce(a_weights, '') AS a_weights, coalesce(a_sum_sq::text, '') AS a_sum_sq, coalesce(level::text, '') AS level, got FROM oracle_case ORDER BY id" \
	--pset footer=off >"$WORK/cases.txt"

cat >"$WORK/oracle.R" <<'R'
args <- commandArgs(trailingOnly = TRUE)
tolerance <- as.numeric(args[2])
d <- read.table(args[1], sep = "|", header = TRUE, colClasses = "character",
				quote = "", comment.char = "", na.strings = character())
nums <- function(s) as.numeric(strsplit(s, ",", fixed = TRUE)[[1]])

# mean, sample variance and size of counts on scores x
moments <- function(counts, x) {
	n <- sum(counts)
	m <- sum(x * counts) / n
	c(n = n, mean = m, var = sum(counts * (x - m)^2) / (n - 1))
}
# difference of means, exact from integer differences when sizes agree
mean_diff <- function(a, b, x) {
	if (sum(a) == sum(b)) sum(x * (a - b)) / sum(a) else moments(a, x)[["mean"]] - moments(b, x)[["mean"]]
}

welch <- function(a, b) {
	x <- seq_along(a)
	if (sum(a) <= 10 && sum(b) <= 10)
		return(t.test(rep(x, a), rep(x, b))$p.value)
	ma <- moments(a, x); mb <- moments(b, x)
	sa <- ma[["var"]] / ma[["n"]]; sb <- mb[["var"]] / mb[["n"]]
	t <- mean_diff(a, b, x) / sqrt(sa + sb)
	df <- (sa + sb)^2 / (sa^2 / (ma[["n"]] - 1) + sb^2 / (mb[["n"]] - 1))
	2 * pt(-abs(t), df)
}

z_test <- function(a, b) {
	na <- sum(a); nb <- sum(b); xa <- sum(a[4:5]); xb <- sum(b[4:5])
	if (na <= 1e7 && nb <= 1e7)
		return(suppressWarnings(prop.test(c(xa, xb), c(na, nb), correct = FALSE)$p.value))
	pooled <- (xa + xb) / (na + nb)
	diff <- if (na == nb) (xa - xb) / na else xa / na - xb / nb
	2 * pnorm(-abs(diff / sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))))
}

# adjusted Wald (Rocks 2016): 3/4 answer added to detractors and promoters,
# 3/2 to passives; the adjustments cancel in the centre's difference
nps_test <- function(a, b) {
	part <- function(c) {
		n <- sum(c); pro <- sum(c[10:11]); det <- sum(c[1:7])
		p <- (pro + 0.75) / (n + 3); d <- (det + 0.75) / (n + 3); centre <- (pro - det) / (n + 3)
		c(n = n, pd = pro - det, var = (p + d - centre^2) / (n + 3))
	}
	pa <- part(a); pb <- part(b)
	diff <- if (pa[["n"]] == pb[["n"]]) (pa[["pd"]] - pb[["pd"]]) / (pa[["n"]] + 3) else
		pa[["pd"]] / (pa[["n"]] + 3) - pb[["pd"]] / (pb[["n"]] + 3)
	2 * pnorm(-abs(diff / sqrt(pa[["var"]] + pb[["var"]])))
}

t_interval <- function(counts, level, upper) {
	x <- seq_along(counts)
	m <- moments(counts, x)
	half <- -qt((1 - level) / 2, m[["n"]] - 1) * sqrt(m[["var"]] / m[["n"]])
	if (m[["var"]] == 0) half <- 0
	if (upper) m[["mean"]] + half else m[["mean"]] - half
}

t_interval_weighted <- function(weights, sum_sq, level, upper) {
	x <- seq_along(weights)
	w <- sum(weights); n <- w^2 / sum_sq
	m <- sum(weights * x) / w
	v <- sum(weights * (x - m)^2) / w * n / (n - 1)
	half <- -qt((1 - level) / 2, n - 1) * sqrt(v / n)
	if (v == 0) half <- 0
	if (upper) m + half else m - half
}

wilson <- function(counts, level, upper) {
	n <- sum(counts); x <- sum(counts[4:5])
	ci <- prop.test(x, n, conf.level = level, correct = FALSE)$conf.int
	100 * (if (upper) ci[2] else ci[1])
}

want <- numeric(nrow(d))
floor_ <- numeric(nrow(d))
for (i in seq_len(nrow(d))) {
	f <- d$family[i]; a <- nums(d$a[i])
	level <- if (d$level[i] == "") NA else as.numeric(d$level[i])
	upper <- grepl("upper$", f)
	if (startsWith(f, "welch")) {
		want[i] <- welch(a, nums(d$b[i]))
	} else if (startsWith(f, "z-test")) {
		want[i] <- z_test(a, nums(d$b[i]))
	} else if (startsWith(f, "nps")) {
		want[i] <- nps_test(a, nums(d$b[i]))
	} else if (startsWith(f, "ces weighted")) {
		want[i] <- t_interval_weighted(nums(d$a_weights[i]), as.numeric(d$a_sum_sq[i]), level, upper)
		floor_[i] <- 1
	} else if (startsWith(f, "ces")) {
		want[i] <- t_interval(a, level, upper)
		floor_[i] <- 1
	} else {
		want[i] <- suppressWarnings(wilson(a, level, upper))
		floor_[i] <- 1
	}
}
got <- as.numeric(d$got)
scale <- pmax(abs(want), abs(got), floor_, 1e-300)
rel <- ifelse(got == want, 0, abs(got - want) / scale)
rel[is.na(rel)] <- Inf
d$family <- sub(" (lower|upper)$", " interval", d$family)
by_family <- aggregate(rel, list(family = d$family), function(r) c(n = length(r), max = max(r)))
for (k in seq_len(nrow(by_family)))
	cat(sprintf("  %-26s %4d values, largest relative difference %.2e\n",
				by_family$family[k], by_family$x[k, "n"], by_family$x[k, "max"]))
bad <- which(rel > tolerance)
if (length(bad) > 0) {
	cat(sprintf("r_oracle: %d values differ from R by more than %g relative:\n", length(bad), tolerance))
	for (i in head(bad[order(-rel[bad])], 10))
		cat(sprintf("  %s a=[%s] b=[%s] weights=[%s] level=%s: server %.17g, R %.17g (%.2e)\n",
					d$family[i], d$a[i], d$b[i], d$a_weights[i], d$level[i], got[i], want[i], rel[i]))
	quit(status = 1)
}
cat(sprintf("r_oracle: %d values within %g of R (largest %.2e)\n", nrow(d), tolerance, max(rel)))
R

Rscript "$WORK/oracle.R" "$WORK/cases.txt" "$TOLERANCE"
