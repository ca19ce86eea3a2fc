# The coverage simulation of test/check_weighted_coverage.sh, in R, with the
# definitions of the weighted statistics (docs/statistics.md) written out
# here rather than computed by the extension: whether the design-based
# intervals can reach the coverage the check asks for (93.5..97 % on
# average, at least 90 % in every cell), and what Kish's effective n with
# the version-1 formulas gives on the same samples.  The population and the
# weightings are those of the check (segments shifted 0.3, 0, -0.3, -0.6;
# the check draws its own population from setseed); "post-stratified
# strong" doubles the segments' shifts, and "low weighted up" is run at
# n = 50 too.
#
#   Rscript test/weighted_coverage_prototype.R [SAMPLES_PER_CELL [SEED]]
#
# 10,000 samples a cell (the default) take about 3 minutes; with them (seed
# 20261129) the table docs/testing.md shows.
args <- commandArgs(trailingOnly = TRUE)
reps <- if (length(args) > 0) as.integer(args[1]) else 10000
set.seed(if (length(args) > 1) as.integer(args[2]) else 20261129)
N <- 20000
z <- qnorm(0.975)

population <- function(shift) {
	seg <- sample(1:4, N, replace = TRUE, prob = c(0.4, 0.3, 0.2, 0.1))
	l <- shift[seg] + rnorm(N)
	data.frame(seg = seg,
			   nps = pmin(10, pmax(0, round(7.2 + 2.0 * l + 0.8 * rnorm(N)))),
			   csat = pmin(5, pmax(1, round(3.8 + 0.9 * l + 0.5 * rnorm(N)))),
			   ces = pmin(7, pmax(1, round(5.0 + 1.2 * l + 0.7 * rnorm(N)))))
}

# the 95 % interval of one weighted sample: design-based (n_eff from the
# linearized variance) or, with kish = TRUE, the version-1 statistics
interval <- function(x, w, kind, kish = FALSE) {
	n <- length(x); W <- sum(w); ybar <- sum(w * x) / W
	A <- sum(w * (x - ybar)^2); B <- sum(w^2 * (x - ybar)^2)
	V <- n / (n - 1) * B / W^2
	n_eff <- if (B == 0) W^2 / sum(w^2) else W * A / B
	if (kish) {
		n_eff <- W^2 / sum(w^2)
		V <- A / W / (n_eff - 1)
	}
	if (kind == "nps") {
		p_pro <- sum(w[x == 1]) / W; p_det <- sum(w[x == -1]) / W
		nt <- n_eff + 3
		a <- (n_eff * p_pro + 0.75) / nt; b <- (n_eff * p_det + 0.75) / nt
		v <- (a + b - (a - b)^2) / nt
		100 * c(max(-1, a - b - z * sqrt(v)), min(1, a - b + z * sqrt(v)))
	} else if (kind == "csat") {
		centre <- ybar + z^2 / (2 * n_eff)
		half <- z * sqrt(ybar * (1 - ybar) / n_eff + z^2 / (4 * n_eff^2))
		100 * c(centre - half, centre + half) / (1 + z^2 / n_eff)
	} else {
		half <- if (V == 0) 0 else qt(0.975, n_eff - 1) * sqrt(V)
		c(ybar - half, ybar + half)
	}
}

moderate <- c(0.3, 0, -0.3, -0.6)
weightings <- list(
	"high weighted up" = list(shift = moderate, size = function(pop) exp(-0.35 * pop$nps)),
	"low weighted up" = list(shift = moderate, size = function(pop) exp(0.35 * pop$nps)),
	"post-stratified" = list(shift = moderate, size = function(pop) c(0.5, 1, 2, 3)[pop$seg], post = TRUE),
	"post-stratified strong" = list(shift = 2 * moderate, size = function(pop) c(0.5, 1, 2, 3)[pop$seg], post = TRUE),
	"unrelated" = list(shift = moderate, size = function(pop) exp(0.8 * rnorm(N))))
out <- NULL
for (name in names(weightings)) {
	scheme <- weightings[[name]]
	pop <- population(scheme$shift)
	p <- scheme$size(pop); p <- p / sum(p)
	n_pop <- tabulate(pop$seg, 4)
	xs <- list(nps = ifelse(pop$nps >= 9, 1, ifelse(pop$nps <= 6, -1, 0)),
			   csat = as.numeric(pop$csat >= 4), ces = pop$ces)
	truth <- c(nps = 100 * mean(xs$nps), csat = 100 * mean(xs$csat), ces = mean(xs$ces))
	for (n in c(50, 200, 1000)) {
		hits <- c(nps = 0, csat = 0, ces = 0); kish_hits <- hits; kish_n <- 0
		for (r in seq_len(reps)) {
			i <- sample.int(N, n, replace = TRUE, prob = p)
			w <- if (isTRUE(scheme$post)) (n_pop / pmax(tabulate(pop$seg[i], 4), 1))[pop$seg[i]] else 1 / (n * p[i])
			for (k in names(xs)) {
				ci <- interval(xs[[k]][i], w, k)
				hits[k] <- hits[k] + (ci[1] <= truth[k] && truth[k] <= ci[2])
				ci <- interval(xs[[k]][i], w, k, kish = TRUE)
				kish_hits[k] <- kish_hits[k] + (ci[1] <= truth[k] && truth[k] <= ci[2])
			}
			kish_n <- kish_n + sum(w)^2 / sum(w^2)
		}
		out <- rbind(out, data.frame(weighting = name, n = n, kish_n = round(kish_n / reps, 1),
									 nps = hits[["nps"]], csat = hits[["csat"]], ces = hits[["ces"]],
									 kish_nps = kish_hits[["nps"]], kish_csat = kish_hits[["csat"]],
									 kish_ces = kish_hits[["ces"]]))
	}
}
options(width = 200)
out[, 4:9] <- round(100 * out[, 4:9] / reps, 2)
print(out, row.names = FALSE)
cat(sprintf("%d samples a cell; Monte-Carlo standard error at 95 %%: %.2f points; average of the check's cells: %.2f %% (Kish: %.2f %%)\n",
			reps, 100 * sqrt(0.95 * 0.05 / reps),
			mean(as.matrix(out[!(out$weighting == "low weighted up" & out$n == 50) & out$weighting != "post-stratified strong", 4:6])),
			mean(as.matrix(out[!(out$weighting == "low weighted up" & out$n == 50) & out$weighting != "post-stratified strong", 7:9]))))
