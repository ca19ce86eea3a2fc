#!/usr/bin/env bash
# Retention curves against R's survival package.  The server builds
# retention summaries of random customer lifetimes (24 groups of 3 to about
# 3,000 customers, monthly steps, observed up to 2026-01-01), and R fits
# the same lifetimes:
#   survfit(Surv(age, lost) ~ 1, conf.type = "log-log"): retention,
#          std_error, ci_lower and ci_upper at levels 0.95 and 0.80, and
#          customers_at_risk, at every age with customers at risk;
#   survfit(..., weights = revenue): the revenue-weighted retention of a
#          revenue summary;
#   survdiff(Surv(age, lost) ~ group): p_value of every pair of groups.
# Every value must agree to 1e-9 relative.  The ages and losses R gets are
# computed per customer in SQL from the definition (the smallest k >= 1
# with lower + k * '1 month' >= upper, if lower + k * '1 month' <= as_of;
# otherwise censored at the number of complete steps), and the summaries'
# counts per age are first checked against them.  Where survfit has no
# interval (NA: at a time with survival 1 or 0) the server's value is not
# compared.
#
# Installs Debian's r-base-core and r-cran-survival when R or the package
# is missing (as root).  Needs a running server (PGHOST, PGPORT, PGUSER as
# a superuser); creates and drops the database cx_check_r_survival.
# CX_R_SURVIVAL_SEED (default 1) seeds the lifetimes.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

SEED=${CX_R_SURVIVAL_SEED:-1}
DB=cx_check_r_survival
TOLERANCE=1e-9
cx_work_dir cx_check_r_survival

cx_ensure_r survival

cx_extension_database "$DB"

q "$DB" -v seed="$SEED" <<'SQL'
SELECT setseed(((hashint8(:seed::bigint) & 2147483647)::float8 / 2147483647.0) * 2 - 1) \g /dev/null

-- groups: size 3 .. ~3000 (mostly small), share of customers who leave,
-- and how long those stay (up to 30 to 900 days)
CREATE TABLE grp AS
SELECT g, 3 + floor(random() ^ 3 * 3000)::int AS n, 0.2 + 0.7 * random() AS p_leave,
	   30 + floor(random() * 870)::int AS stay
FROM generate_series(1, 24) g;
CREATE TABLE cust AS
SELECT g, started,
	   CASE WHEN random() < p_leave THEN started + 1 + floor(random() * stay)::int END AS ended,
	   (floor(random() * 200) / 4)::float8 AS revenue
FROM (SELECT g, n, p_leave, stay, date '2023-01-01' + floor(random() * 1090)::int AS started
	  FROM grp, LATERAL generate_series(1, n) i) c;

CREATE TABLE def AS
SELECT g, revenue,
	   CASE WHEN k_end <= complete THEN k_end ELSE complete END AS age,
	   coalesce(k_end <= complete, false) AS lost
FROM (SELECT g, revenue,
			 (SELECT min(k) FROM generate_series(1, 60) k
			  WHERE started + k * interval '1 month' >= ended) AS k_end,
			 (SELECT coalesce(max(k), 0) FROM generate_series(0, 60) k
			  WHERE started + k * interval '1 month' <= date '2026-01-01') AS complete
	  FROM cust) d;

CREATE TABLE sums AS
SELECT g, retention_summary(daterange(started, ended), '1 month', date '2026-01-01') AS s,
	   retention_summary(daterange(started, ended), '1 month', date '2026-01-01', revenue) AS s_rev
FROM cust GROUP BY g;
SQL

# the summaries hold the definition's counts
bad=$(q "$DB" -tA -c "
	SELECT count(*) FROM sums, generate_series(0, 60) a
	WHERE customers_lost(s, a) <> (SELECT count(*) FROM def WHERE def.g = sums.g AND age = a AND lost)
	   OR customers_censored(s, a) <> (SELECT count(*) FROM def WHERE def.g = sums.g AND age = a AND NOT lost)")
[ "$bad" = 0 ] || fail "$bad group ages whose counts differ from the definition"

q "$DB" -A -F '|' --pset footer=off -c "SELECT g, age, lost::int AS lost, revenue FROM def ORDER BY g" >"$WORK/lifetimes.txt"
q "$DB" -A -F '|' --pset footer=off -c "
	SELECT g, a AS age, level, customers_at_risk(s, a) AS at_risk, retention(s, a) AS retention,
		   std_error(s, a) AS std_error, ci_lower(s, a, level) AS ci_lower, ci_upper(s, a, level) AS ci_upper,
		   retention(s_rev, a) AS retention_revenue
	FROM sums, generate_series(0, 60) a, (VALUES (0.95::float8), (0.80)) l(level)
	WHERE retention(s, a) IS NOT NULL ORDER BY g, a, level" >"$WORK/curves.txt"
q "$DB" -A -F '|' --pset footer=off -c "
	SELECT x.g AS g1, y.g AS g2, p_value(x.s, y.s) AS p_value
	FROM sums x JOIN sums y ON x.g < y.g ORDER BY 1, 2" >"$WORK/pairs.txt"

cat >"$WORK/survival.R" <<'R'
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
work <- args[1]; tolerance <- as.numeric(args[2])
rd <- function(f) read.table(file.path(work, f), sep = "|", header = TRUE, na.strings = "",
							 colClasses = "character")
life <- rd("lifetimes.txt"); curves <- rd("curves.txt"); pairs <- rd("pairs.txt")
life$g <- as.integer(life$g); life$age <- as.numeric(life$age)
life$lost <- as.integer(life$lost); life$revenue <- as.numeric(life$revenue)
num <- function(x) as.numeric(ifelse(is.na(x), NA, x))

rel <- function(got, want) {
	scale <- pmax(abs(got), abs(want), 1e-300)
	ifelse(got == want, 0, abs(got - want) / scale)
}
results <- list()
add <- function(what, got, want, where) {
	keep <- !is.na(want)
	if (any(is.na(got[keep])))
		stop(sprintf("%s: the server has no value where R has one (%s)", what, where[keep & is.na(got)][1]))
	results[[length(results) + 1]] <<- data.frame(what = what, rel = rel(got[keep], want[keep]),
												  where = where[keep], got = got[keep], want = want[keep])
}

for (grp in sort(unique(curves$g))) {
	d <- life[life$g == as.integer(grp), ]
	cg <- curves[curves$g == grp, ]
	for (level in unique(cg$level)) {
		c <- cg[cg$level == level, ]
		ages <- as.numeric(c$age)
		fit <- survfit(Surv(age, lost) ~ 1, data = d, conf.type = "log-log", conf.int = as.numeric(level))
		s <- summary(fit, times = ages, extend = FALSE)
		if (!identical(as.numeric(s$time), ages))
			stop(sprintf("group %s: R's ages %s differ from the server's %s", grp,
						 paste(s$time, collapse = ","), paste(ages, collapse = ",")))
		where <- sprintf("group %s age %s level %s", grp, ages, level)
		add("customers_at_risk", num(c$at_risk), s$n.risk, where)
		add("retention", num(c$retention), 100 * s$surv, where)
		add("std_error", num(c$std_error), 100 * s$std.err, where)
		add("ci_lower (log-log)", num(c$ci_lower), 100 * s$lower, where)
		add("ci_upper (log-log)", num(c$ci_upper), 100 * s$upper, where)
		if (level == c$level[1]) {
			wfit <- survfit(Surv(age, lost) ~ 1, data = d, weights = revenue)
			ws <- summary(wfit, times = ages, extend = FALSE)
			wanted <- rep(NA, length(ages)); wanted[match(ws$time, ages)] <- 100 * ws$surv
			add("retention (revenue)", num(c$retention_revenue), wanted, where)
		}
	}
}
for (i in seq_len(nrow(pairs))) {
	g1 <- as.integer(pairs$g1[i]); g2 <- as.integer(pairs$g2[i])
	d <- life[life$g %in% c(g1, g2), ]
	want <- tryCatch({
		sd <- survdiff(Surv(age, lost) ~ g, data = d)
		pchisq(sd$chisq, 1, lower.tail = FALSE)
	}, error = function(e) NA)
	if (is.na(want) || is.nan(want)) next
	add("p_value (log-rank)", num(pairs$p_value[i]), want, sprintf("groups %d and %d", g1, g2))
}

all <- do.call(rbind, results)
for (w in unique(all$what)) {
	r <- all[all$what == w, ]
	cat(sprintf("  %-22s %5d values, largest relative difference %.2e\n", w, nrow(r), max(r$rel)))
}
bad <- all[all$rel > tolerance, ]
if (nrow(bad) > 0) {
	cat(sprintf("r_survival: %d values differ from R by more than %g relative:\n", nrow(bad), tolerance))
	bad <- bad[order(-bad$rel), ]
	for (i in seq_len(min(10, nrow(bad))))
		cat(sprintf("  %s %s: server %.17g, R %.17g (%.2e)\n", bad$what[i], bad$where[i],
					bad$got[i], bad$want[i], bad$rel[i]))
	quit(status = 1)
}
cat(sprintf("r_survival: %d values within %g of R (largest %.2e)\n", nrow(all), tolerance, max(all$rel)))
R

Rscript "$WORK/survival.R" "$WORK" "$TOLERANCE"
