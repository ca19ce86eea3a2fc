#!/usr/bin/env bash
# The weighted statistics against R's survey package.  The server builds
# weighted summaries of generated answers (setseed), R reads the same rows,
# and every statistic must agree to 1e-9 relative with the design-based
# variance of a weights-only design, svydesign(ids = ~1, weights = ~w):
#   std_error  CES: SE(svymean(~score, d)); CSAT share:
#              100 * SE(svymean(~I(score >= satisfied_from), d)); NPS: the
#              adjusted-Wald standard error with n = n_eff;
#   intervals  ci_lower/ci_upper at levels 0.8, 0.95, 0.99: CES
#              ybar -/+ qt(1 - (1 - level)/2, n_eff - 1) * SE, CSAT Wilson and
#              NPS adjusted Wald with n = n_eff;
#   p_value    Welch (CES), the pooled two-proportion z-test (CSAT) and the
#              adjusted-Wald z-test (NPS) with each side's n_eff;
#   churn      revenue churn's std_error against
#              100 * SE(svyratio(~lost_revenue, ~revenue, svydesign(ids = ~1,
#              weights = ~1, data = at_risk))), its Wilson interval and
#              z-test with the n_eff that variance implies;
#   estimates  nps, csat, ces and churn against coef() of the same fits, and
#              responses(s) against the rows R's design holds.
# n_eff is computed in R from the definition: S^2 / V with V = vcov() of the
# fit and S^2 = n/(n - 1) * sum w (x - ybar)^2 / sum w the weighted sample
# variance; Kish's (sum w)^2 / sum w^2 when every answer with a weight has
# the same x (V = 0).  R's survey package keeps zero-weight rows in the
# design: they count in n (n/(n - 1) in V), as in responses(s); only degf()
# leaves them out, and no statistic here uses it.
#
# The data: NPS 0..10, CSAT 1..5 (satisfied from 4) and 1..7 (from 6 and
# from 5), CES 1..7 and 1..5; 2 to 5,000 answers; weights unrelated to the
# score (log-normal), informative (exp(0.35 * score)), post-stratified to
# equal segment shares where the segments' scores differ, a few very large
# (x1000), all equal (2.5), some zero, and all 1.  Each all-1 summary must
# also equal, statistic by statistic, the unweighted summary of the same
# rows to 1e-12 relative: weights that are all exactly 1 are no weights,
# so even a CSAT share's std_error is the unweighted p(1 - p)/n there (that
# one alone is not compared with svymean's p(1 - p)/(n - 1); equal weights
# of 2.5 are).  Customers for
# churn: daterange lifetimes around a quarter, revenue log-normal, lost
# customers paying less, some paying nothing.
#
# Interval ends and estimates are compared relative to their size but at
# least 1 (a score or a percentage point), std_error relative to its size
# but at least 1e-6 (R's svymean leaves rounding residue where the variance
# is exactly 0), p-values by the relative difference of their logarithms,
# |ln p - ln p_R| / max(1, |ln p_R|): the same as relative to R's value for
# p-values near 1, and for tiny ones (1e-205 between two very different
# means) the accuracy the test statistic has: a summary keeps sums of the
# squared weights, not the rows, so its variance carries the rounding of
# those sums (about 1e-12 relative), which a p-value of e^-470 multiplies by
# 470 or more in relative terms.  Prints a
# summary per statistic, one line with the values compared and the largest
# relative difference, and the first 20 values that differ.
#
# Installs Debian's r-base-core and r-cran-survey when R or the package is
# missing (as root).  Needs a running server (PGHOST, PGPORT, PGUSER as a
# superuser); creates and drops the database cx_check_r_survey.  About 10 s.
# CX_R_SURVEY_SEED (default 1) seeds the data; CX_R_SURVEY_KEEP=DIR keeps
# the data, the server's values and R's (got.csv, want.csv) in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

SEED=${CX_R_SURVEY_SEED:-1}
DB=cx_check_r_survey
TOLERANCE=1e-9
SAME_TOLERANCE=1e-12
cx_work_dir cx_check_r_survey

cx_ensure_r survey

cx_extension_database "$DB"

q "$DB" -v seed="$SEED" <<'SQL'
SELECT setseed(((hashint8(:seed::bigint) & 2147483647)::float8 / 2147483647.0) * 2 - 1) \g /dev/null

-- a standard normal draw (Box-Muller)
CREATE FUNCTION normal() RETURNS float8 LANGUAGE sql VOLATILE AS $$
	SELECT sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())
$$;

-- the data sets: metric x weighting x size; the segments' scores are
-- shifted by up to 1.2 standard deviations (shift), the set's centre moves
-- by up to 1 score either way (centre_shift)
CREATE TABLE sets AS
SELECT row_number() OVER (ORDER BY m.ord, w.ord, n) AS set_id, m.metric, m.lo, m.hi,
	   m.satisfied_from, m.centre, m.spread, w.scheme, n, (random() - 0.5) * 2 AS centre_shift
FROM (VALUES (1, 'nps', 0, 10, NULL, 7.2, 2.0), (2, 'csat5', 1, 5, 4, 3.8, 0.9),
			 (3, 'csat7', 1, 7, 6, 5.2, 1.3), (4, 'csat7 from 5', 1, 7, 5, 5.0, 1.3),
			 (5, 'ces7', 1, 7, NULL, 5.0, 1.2), (6, 'ces5', 1, 5, NULL, 3.5, 0.9))
	 m(ord, metric, lo, hi, satisfied_from, centre, spread),
	 (VALUES (1, 'unrelated'), (2, 'informative'), (3, 'post-stratified'), (4, 'large'),
			 (5, 'equal'), (6, 'zeros'), (7, 'ones')) w(ord, scheme),
	 unnest(ARRAY[2, 3, 5, 10, 30, 100, 500, 2000, 5000]) n;

-- the answers: segment 1..4 drawn with shares 0.4, 0.3, 0.2, 0.1, a
-- latent satisfaction shifted by segment, the score rounded from it
CREATE TABLE raw AS
SELECT set_id, i, seg,
	   greatest(lo, least(hi, round(centre + centre_shift + spread * (shift[seg] + normal()))))::integer AS score,
	   normal() AS noise, random() AS u
FROM (SELECT s.*, i, ARRAY[0.6, 0.0, -0.6, -1.2] AS shift,
			 width_bucket(random(), ARRAY[0, 0.4, 0.7, 0.9]) AS seg
	  FROM sets s, LATERAL generate_series(1, s.n) i) a;

CREATE TABLE answers AS
SELECT r.set_id, r.i, r.seg, r.score,
	   CASE s.scheme
		   WHEN 'unrelated' THEN exp(r.noise)
		   WHEN 'informative' THEN exp(0.35 * r.score)
		   -- post-stratified to equal segment shares
		   WHEN 'post-stratified' THEN 0.25 * s.n / count(*) OVER (PARTITION BY r.set_id, r.seg)
		   WHEN 'large' THEN exp(0.5 * r.noise) * CASE WHEN r.i % 97 = 1 OR r.u < 0.003 THEN 1000 ELSE 1 END
		   WHEN 'equal' THEN 2.5
		   -- the first two answers keep a weight, so no set has fewer than two
		   WHEN 'zeros' THEN CASE WHEN r.i > 2 AND r.u < 0.25 THEN 0 ELSE 0.1 + random() END
		   ELSE 1
	   END::float8 AS w
FROM raw r JOIN sets s USING (set_id);

CREATE TABLE summaries AS
SELECT set_id,
	   nps_summary(score, w) FILTER (WHERE metric = 'nps') AS nps,
	   csat_summary(score, 5, 4, w) FILTER (WHERE metric = 'csat5') AS csat5,
	   csat_summary(score, 7, w) FILTER (WHERE metric = 'csat7') AS csat7,
	   csat_summary(score, 7, 5, w) FILTER (WHERE metric = 'csat7 from 5') AS csat7_5,
	   ces_summary(score, w) FILTER (WHERE metric = 'ces7') AS ces7,
	   ces_summary(score, 5, w) FILTER (WHERE metric = 'ces5') AS ces5,
	   nps_summary(score) FILTER (WHERE metric = 'nps') AS nps_u,
	   csat_summary(score, 5, 4) FILTER (WHERE metric = 'csat5') AS csat5_u,
	   csat_summary(score, 7) FILTER (WHERE metric = 'csat7') AS csat7_u,
	   csat_summary(score, 7, 5) FILTER (WHERE metric = 'csat7 from 5') AS csat7_5_u,
	   ces_summary(score) FILTER (WHERE metric = 'ces7') AS ces7_u,
	   ces_summary(score, 5) FILTER (WHERE metric = 'ces5') AS ces5_u
FROM answers JOIN sets USING (set_id)
GROUP BY set_id;
CREATE VIEW one AS
SELECT set_id, metric, scheme,
	   nps, coalesce(csat5, csat7, csat7_5) AS csat, coalesce(ces7, ces5) AS ces,
	   nps_u, coalesce(csat5_u, csat7_u, csat7_5_u) AS csat_u, coalesce(ces7_u, ces5_u) AS ces_u
FROM summaries JOIN sets USING (set_id);

-- pairs of the same metric: each set against the next one of its metric,
-- and against one at random
CREATE TABLE pairs AS
SELECT a, b FROM (SELECT set_id AS a, lead(set_id) OVER (PARTITION BY metric ORDER BY set_id) AS b FROM sets) p
WHERE b IS NOT NULL
UNION
SELECT a, b FROM (SELECT s.set_id AS a,
						 (SELECT t.set_id FROM sets t WHERE t.metric = s.metric AND t.set_id <> s.set_id
						  ORDER BY md5(s.set_id || '/' || t.set_id) LIMIT 1) AS b
				  FROM sets s) p;

-- the server's values: (what, key, level, got); key is the set, the pair
-- "a/b", the churn group or the churn pair
CREATE TABLE got (what text, key text, level float8, got float8);
INSERT INTO got
SELECT stat, set_id::text, level, v
FROM one, unnest(ARRAY[0.8, 0.95, 0.99]) level,
	 LATERAL (VALUES
		('std_error', coalesce(std_error(nps), std_error(csat), std_error(ces))),
		('ci_lower', coalesce(ci_lower(nps, level), ci_lower(csat, level), ci_lower(ces, level))),
		('ci_upper', coalesce(ci_upper(nps, level), ci_upper(csat, level), ci_upper(ces, level))),
		('unweighted std_error', coalesce(std_error(nps_u), std_error(csat_u), std_error(ces_u))),
		('unweighted ci_lower', coalesce(ci_lower(nps_u, level), ci_lower(csat_u, level), ci_lower(ces_u, level))),
		('unweighted ci_upper', coalesce(ci_upper(nps_u, level), ci_upper(csat_u, level), ci_upper(ces_u, level)))) v(stat, v)
WHERE level = 0.95 OR stat NOT LIKE '%std_error';
INSERT INTO got
SELECT stat, set_id::text, NULL, v
FROM one, LATERAL (VALUES
		('estimate', coalesce(nps(nps), csat(csat), ces(ces))),
		('responses', coalesce(responses(nps), responses(csat), responses(ces))::float8)) v(stat, v);
INSERT INTO got
SELECT stat, a || '/' || b, NULL, v
FROM pairs JOIN one x ON x.set_id = a JOIN one y ON y.set_id = b,
	 LATERAL (VALUES
		('p_value', coalesce(p_value(x.nps, y.nps), p_value(x.csat, y.csat), p_value(x.ces, y.ces))),
		('unweighted p_value', coalesce(p_value(x.nps_u, y.nps_u), p_value(x.csat_u, y.csat_u), p_value(x.ces_u, y.ces_u)))) v(stat, v);

-- revenue churn over the third quarter of 2024: 16 groups of 3 to about
-- 5,000 customers who started before or during it and leave (some during
-- it) or stay; revenue log-normal, halved for those the quarter loses, 0
-- for one in twenty
CREATE TABLE customers AS
SELECT g, active, revenue * CASE WHEN lost THEN 0.5 ELSE 1 END
					   * CASE WHEN random() < 0.05 THEN 0 ELSE 1 END AS revenue, at_risk, lost
FROM (SELECT g, active, 20 * exp(normal()) AS revenue,
			 active @> date '2024-07-01' AS at_risk,
			 active @> date '2024-07-01' AND NOT active @> date '2024-10-01' AS lost
	  FROM (SELECT g, daterange(started, CASE WHEN random() < p_leave THEN started + 1 + floor(random() * 400)::integer END) AS active
			FROM (SELECT g, 3 + floor(random() ^ 3 * 5000)::integer AS n, 0.1 + 0.5 * random() AS p_leave
				  FROM generate_series(1, 16) g) grp,
				 LATERAL (SELECT date '2023-06-01' + floor(random() * 450)::integer AS started
						  FROM generate_series(1, n)) c) l) c;
CREATE TABLE churn_sums AS
SELECT g, churn_summary(active, daterange('2024-07-01', '2024-10-01'), revenue) AS s
FROM customers GROUP BY g;
INSERT INTO got
SELECT 'churn ' || stat, g::text, level, v
FROM churn_sums, unnest(ARRAY[0.8, 0.95, 0.99]) level,
	 LATERAL (VALUES ('std_error', std_error(s)), ('ci_lower', ci_lower(s, level)),
					 ('ci_upper', ci_upper(s, level)), ('estimate', churn(s)),
					 ('customers_at_start', customers_at_start(s)::float8),
					 ('customers_lost', customers_lost(s)::float8)) v(stat, v)
WHERE level = 0.95 OR stat IN ('ci_lower', 'ci_upper');
INSERT INTO got
SELECT 'churn p_value', x.g || '/' || y.g, NULL, p_value(x.s, y.s)
FROM churn_sums x JOIN churn_sums y ON x.g < y.g;
UPDATE got SET level = NULL WHERE what LIKE '%std_error' OR what LIKE '%estimate' OR what LIKE '%customers%';
SQL

q "$DB" -c "\\copy (SELECT set_id, metric, satisfied_from, scheme, n FROM sets ORDER BY set_id) TO '$WORK/sets.csv' CSV HEADER"
q "$DB" -c "\\copy (SELECT set_id, score, w FROM answers ORDER BY set_id, i) TO '$WORK/answers.csv' CSV HEADER"
q "$DB" -c "\\copy (SELECT g, revenue, at_risk::int AS at_risk, lost::int AS lost FROM customers ORDER BY g) TO '$WORK/customers.csv' CSV HEADER"
q "$DB" -c "\\copy (SELECT what, key, level, got FROM got ORDER BY what, key, level) TO '$WORK/got.csv' CSV HEADER"

cat >"$WORK/survey.R" <<'R'
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
work <- args[1]; tolerance <- as.numeric(args[2]); same_tolerance <- as.numeric(args[3])
rd <- function(f) read.csv(file.path(work, f), stringsAsFactors = FALSE)
sets <- rd("sets.csv"); answers <- rd("answers.csv"); customers <- rd("customers.csv"); got <- rd("got.csv")
got$level[is.na(got$level)] <- 0
got$got <- as.numeric(got$got)
levels <- c(0.8, 0.95, 0.99)

# one variable's design-based mean, its variance and the n_eff they imply;
# where every answer with a weight has the same x, the definition's exact
# values (V = 0, ybar = x, Kish's n), not svymean's rounding residue
fit_mean <- function(x, w, svy_fit) {
	n <- length(x); W <- sum(w); ybar <- coef(svy_fit)
	V <- as.numeric(vcov(svy_fit))
	constant <- length(unique(x[w > 0])) == 1
	S2 <- n / (n - 1) * sum(w * (x - ybar)^2) / W
	if (constant)
		return(list(n = n, ybar = x[w > 0][1], V = 0, se = 0, n_eff = W^2 / sum(w^2)))
	list(n = n, ybar = unname(ybar), V = V, se = unname(SE(svy_fit)), n_eff = S2 / V)
}
z_of <- function(level) qnorm(1 - (1 - level) / 2)
wilson <- function(p, n, level) {
	z <- z_of(level)
	centre <- p + z^2 / (2 * n); half <- z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))
	100 * c(centre - half, centre + half) / (1 + z^2 / n)
}
# the adjusted Wald of Rocks (2016) with n = n_eff
adjusted_wald <- function(f, p_pro, p_det) {
	nt <- f$n_eff + 3
	a <- (f$n_eff * p_pro + 0.75) / nt; b <- (f$n_eff * p_det + 0.75) / nt
	list(centre = a - b, var = (a + b - (a - b)^2) / nt)
}
two_proportions <- function(p1, n1, p2, n2) {
	pooled <- (p1 * n1 + p2 * n2) / (n1 + n2)
	if (pooled <= 0 || pooled >= 1) return(1)
	2 * pnorm(-abs((p1 - p2) / sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))))
}

want <- list()
add <- function(what, key, level, value) {
	want[[length(want) + 1]] <<- data.frame(what = what, key = as.character(key), level = level, want = value)
}

fits <- list()
for (k in seq_len(nrow(sets))) {
	set <- sets[k, ]; id <- set$set_id
	a <- answers[answers$set_id == id, ]
	d <- svydesign(ids = ~1, weights = ~w, data = a)
	add("responses", id, 0, nrow(d))
	if (set$metric == "nps") {
		a$x <- ifelse(a$score >= 9, 1, ifelse(a$score <= 6, -1, 0))
		d <- svydesign(ids = ~1, weights = ~w, data = a)
		f <- fit_mean(a$x, a$w, svymean(~x, d))
		p_pro <- sum(a$w[a$x == 1]) / sum(a$w); p_det <- sum(a$w[a$x == -1]) / sum(a$w)
		S2 <- f$n / (f$n - 1) * (p_pro + p_det - f$ybar^2)
		if (f$V > 0) f$n_eff <- S2 / f$V
		aw <- adjusted_wald(f, p_pro, p_det)
		f$aw <- aw
		add("estimate", id, 0, 100 * f$ybar)
		add("std_error", id, 0, 100 * sqrt(aw$var))
		for (level in levels) {
			half <- z_of(level) * sqrt(aw$var)
			add("ci_lower", id, level, max(-100, 100 * (aw$centre - half)))
			add("ci_upper", id, level, min(100, 100 * (aw$centre + half)))
		}
	} else if (startsWith(set$metric, "csat")) {
		k_sat <- set$satisfied_from
		fit <- svymean(~I(score >= k_sat), d)
		i <- grep("TRUE$", names(coef(fit)))
		x <- as.numeric(a$score >= k_sat)
		if (length(i) == 1) {
			V <- vcov(fit)[i, i]
			f <- list(n = nrow(a), ybar = unname(coef(fit)[i]), V = V, se = sqrt(V))
		} else {
			# no answer satisfied: svymean has no TRUE level
			f <- list(n = nrow(a), ybar = 0, V = 0, se = 0)
		}
		if (length(unique(x[a$w > 0])) == 1) {
			f$ybar <- x[a$w > 0][1]; f$V <- 0; f$se <- 0; f$n_eff <- sum(a$w)^2 / sum(a$w^2)
		} else f$n_eff <- f$n / (f$n - 1) * f$ybar * (1 - f$ybar) / f$V
		add("estimate", id, 0, 100 * f$ybar)
		add("std_error", id, 0, 100 * f$se)
		for (level in levels) {
			ci <- wilson(f$ybar, f$n_eff, level)
			add("ci_lower", id, level, ci[1]); add("ci_upper", id, level, ci[2])
		}
	} else {
		f <- fit_mean(a$score, a$w, svymean(~score, d))
		add("estimate", id, 0, f$ybar)
		add("std_error", id, 0, f$se)
		for (level in levels) {
			half <- if (f$V == 0) 0 else qt(1 - (1 - level) / 2, f$n_eff - 1) * sqrt(f$V)
			add("ci_lower", id, level, f$ybar - half); add("ci_upper", id, level, f$ybar + half)
		}
	}
	f$metric <- set$metric
	fits[[as.character(id)]] <- f
}

pairs <- got[got$what == "p_value", "key"]
for (key in pairs) {
	ab <- strsplit(key, "/", fixed = TRUE)[[1]]
	x <- fits[[ab[1]]]; y <- fits[[ab[2]]]
	if (x$metric == "nps") {
		p <- 2 * pnorm(-abs((x$aw$centre - y$aw$centre) / sqrt(x$aw$var + y$aw$var)))
	} else if (startsWith(x$metric, "csat")) {
		p <- two_proportions(x$ybar, x$n_eff, y$ybar, y$n_eff)
	} else {
		V <- x$V + y$V
		if (V == 0) next    # two constant samples: no test defined
		df <- V^2 / (x$V^2 / (x$n_eff - 1) + y$V^2 / (y$n_eff - 1))
		p <- 2 * pt(-abs((x$ybar - y$ybar) / sqrt(V)), df)
	}
	add("p_value", key, 0, p)
}

churn <- list()
for (g in sort(unique(customers$g))) {
	c <- customers[customers$g == g & customers$at_risk == 1, ]
	add("churn customers_at_start", g, 0, nrow(c))
	add("churn customers_lost", g, 0, sum(c$lost))
	if (nrow(c) < 2 || sum(c$revenue) == 0) next
	c$lost_revenue <- c$revenue * c$lost
	r <- svyratio(~lost_revenue, ~revenue, svydesign(ids = ~1, weights = ~1, data = c))
	ratio <- unname(coef(r)); V <- as.numeric(vcov(r)); n <- nrow(c)
	constant <- length(unique(c$lost[c$revenue > 0])) == 1
	n_eff <- if (constant) sum(c$revenue)^2 / sum(c$revenue^2) else n / (n - 1) * ratio * (1 - ratio) / V
	churn[[as.character(g)]] <- list(ratio = ratio, n_eff = n_eff)
	add("churn estimate", g, 0, 100 * ratio)
	add("churn std_error", g, 0, if (constant) 0 else 100 * unname(SE(r)))
	for (level in levels) {
		ci <- wilson(ratio, n_eff, level)
		add("churn ci_lower", g, level, ci[1]); add("churn ci_upper", g, level, ci[2])
	}
}
for (key in got[got$what == "churn p_value", "key"]) {
	ab <- strsplit(key, "/", fixed = TRUE)[[1]]
	x <- churn[[ab[1]]]; y <- churn[[ab[2]]]
	if (is.null(x) || is.null(y)) next
	add("churn p_value", key, 0, two_proportions(x$ratio, x$n_eff, y$ratio, y$n_eff))
}

want <- do.call(rbind, want)
write.csv(want, file.path(work, "want.csv"), row.names = FALSE)
m <- merge(got, want, by = c("what", "key", "level"))
floor_of <- function(what) ifelse(grepl("p_value", what), 1e-300, ifelse(grepl("std_error", what), 1e-6, 1))
rel_diff <- function(got, want, floor) {
	r <- ifelse(!is.na(got) & !is.na(want) & got == want, 0,
				abs(got - want) / pmax(abs(got), abs(want), floor))
	r[is.na(r)] <- Inf
	r
}
log_rel_diff <- function(got, want) {
	r <- ifelse(!is.na(got) & !is.na(want) & got == want, 0,
				abs(log(got) - log(want)) / pmax(1, abs(log(want))))
	r[is.na(r)] <- Inf
	r
}
is_p <- grepl("p_value", m$what)
m$rel <- rel_diff(m$got, m$want, floor_of(m$what))
m$rel[is_p] <- log_rel_diff(m$got[is_p], m$want[is_p])
m$tolerance <- tolerance

metric_of <- function(key) sets$metric[match(strsplit(key, "/", fixed = TRUE)[[1]][1], sets$set_id)]

# all weights 1: every weighted statistic equals the unweighted one
ones <- as.character(sets$set_id[sets$scheme == "ones"])
w1 <- got[!startsWith(got$what, "unweighted") & got$what %in% c("std_error", "ci_lower", "ci_upper", "p_value"), ]
u1 <- got[startsWith(got$what, "unweighted"), ]
u1$what <- sub("^unweighted ", "", u1$what)
pair_ones <- vapply(strsplit(w1$key, "/", fixed = TRUE), function(k) all(k %in% ones), TRUE)
w1 <- w1[pair_ones, ]
# Weights that are all exactly 1 are no weights (docs/statistics.md): such a
# summary is the unweighted one, so a CSAT share's std_error is the
# unweighted p(1 - p)/n there, not svymean's p(1 - p)/(n - 1), and is
# compared with the unweighted value above instead of with R.
m_csat_se_ones <- m$what == "std_error" & m$key %in% ones &
	startsWith(vapply(m$key, metric_of, ""), "csat")
m <- m[!m_csat_se_ones, ]
same <- merge(w1, u1, by = c("what", "key", "level"), suffixes = c("", ".unweighted"))
same <- data.frame(what = paste("weights 1 = unweighted:", same$what), key = same$key, level = same$level,
				   got = same$got, want = same$got.unweighted,
				   rel = rel_diff(same$got, same$got.unweighted, floor_of(same$what)),
				   tolerance = same_tolerance)
all <- rbind(m[, names(same)], same)

scheme_of <- function(key) {
	ids <- strsplit(key, "/", fixed = TRUE)[[1]]
	paste(unique(sets$scheme[match(ids, sets$set_id)]), collapse = "+")
}
all$where <- ifelse(startsWith(all$what, "churn"), paste("group", all$key),
					paste0(vapply(all$key, metric_of, ""), " ", vapply(all$key, scheme_of, ""), " set ", all$key))

fam <- aggregate(all$rel, list(what = all$what), function(r) c(n = length(r), max = max(r)))
for (k in seq_len(nrow(fam)))
	cat(sprintf("  %-40s %5d values, largest relative difference %.2e\n",
				fam$what[k], fam$x[k, "n"], fam$x[k, "max"]))
# by metric and weighting: the single summaries' statistics off, and the
# range of the server's std_error over R's
single <- all[all$what %in% c("std_error", "ci_lower", "ci_upper"), ]
single$cell <- paste(vapply(single$key, metric_of, ""), vapply(single$key, scheme_of, ""))
off <- tapply(single$rel > tolerance, single$cell, sum)
if (any(off > 0)) {
	cat("  by metric and weighting (values off of std_error, ci_lower, ci_upper; server std_error / R's, min..max):\n")
	se <- single[single$what == "std_error" & single$want > 0, ]
	for (cell in names(off)[off > 0]) {
		ratio <- se$got[se$cell == cell] / se$want[se$cell == cell]
		cat(sprintf("    %-30s %4d of %4d off; std_error ratio %s\n", cell, off[[cell]], sum(single$cell == cell),
					if (length(ratio) == 0) "-" else sprintf("%.3g..%.3g", min(ratio), max(ratio))))
	}
}
bad <- which(all$rel > all$tolerance)
cat(sprintf("r_survey: %d values compared, largest relative difference %.2e; %d off (tolerance %g, %g for weights 1 = unweighted)\n",
			nrow(all), max(all$rel), length(bad), tolerance, same_tolerance))
if (length(bad) > 0) {
	bad <- bad[order(-all$rel[bad])]
	cat(sprintf("r_survey: the first %d of %d values that differ (largest first):\n", min(20, length(bad)), length(bad)))
	for (i in head(bad, 20))
		cat(sprintf("  %-24s %-36s level %-4s server %.17g, R %.17g (%.2e, ratio %.4g)\n",
					all$what[i], all$where[i], ifelse(all$level[i] == 0, "-", all$level[i]),
					all$got[i], all$want[i], all$rel[i], all$got[i] / all$want[i]))
	quit(status = 1)
}
R

status=0
Rscript "$WORK/survey.R" "$WORK" "$TOLERANCE" "$SAME_TOLERANCE" || status=$?
if [ -n "${CX_R_SURVEY_KEEP:-}" ]; then
	mkdir -p "$CX_R_SURVEY_KEEP"
	cp "$WORK"/*.csv "$WORK/survey.R" "$CX_R_SURVEY_KEEP"/
	echo "r_survey: the data and both sides' values are in $CX_R_SURVEY_KEEP"
fi
[ "$status" = 0 ] || fail "the weighted statistics differ from R's survey package"
echo "r_survey: passed in $(elapsed) s"
