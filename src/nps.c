/*-------------------------------------------------------------------------
 *
 * nps.c
 *	  Net Promoter Score: nps_summary's input, the NPS aggregates'
 *	  transition functions, the NPS accessors and statistics.
 *
 * Answers are 0..10: detractors 0-6, passives 7-8, promoters 9-10.
 * NPS = %promoters - %detractors, in points from -100 to 100.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "rating_summary.h"
#include "stats.h"

#define NPS_MIN_SCORE			0
#define NPS_MAX_SCORE			10
#define NPS_LAST_DETRACTOR		6
#define NPS_FIRST_PROMOTER		9

/*
 * Rocks (2016), "Interval estimation for the Net Promoter Score": the
 * adjusted Wald interval adds 3/4 of an answer to the detractors and to
 * the promoters and 3/2 to the passives before computing the Wald
 * interval.
 */
#define NPS_ADJUST_DETRACTORS	0.75
#define NPS_ADJUST_PASSIVES		1.5
#define NPS_ADJUST_PROMOTERS	0.75

/* An integer score argument, checked. */
static inline int
nps_score_from_int(int32 score)
{
	if (unlikely(score < NPS_MIN_SCORE || score > NPS_MAX_SCORE))
		rating_report_bad_score(RATING_KIND_NPS, psprintf("%d", score),
								NPS_MIN_SCORE, NPS_MAX_SCORE);
	return score;
}

/* A numeric score argument, checked. */
static inline int
nps_score_from_numeric(FunctionCallInfo fcinfo, int argno)
{
	return rating_score_from_numeric(fcinfo, argno, RATING_KIND_NPS,
									 NPS_MIN_SCORE, NPS_MAX_SCORE);
}

/*
 * nps_summary_in, nps_summary_recv
 *		Text and binary input of nps_summary (see RATING_INPUT; the forms
 *		are in rating_summary.c).
 */
RATING_INPUT(nps, RATING_KIND_NPS)

/*
 * Transition and inverse transition functions
 * -------------------------------------------
 * nps_trans, nps_trans_int2, nps_trans_numeric, nps_trans_weighted,
 * nps_trans_int2_weighted, nps_trans_numeric_weighted, and the inverse
 * transitions nps_inv, nps_inv_int2, nps_inv_numeric, nps_inv_weighted,
 * nps_inv_int2_weighted, nps_inv_numeric_weighted (see RATING_FUNCTIONS):
 * one per argument shape, (score integer) and (score
 * integer, weight), the same for smallint (which would fit both the
 * integer and the numeric forms) and for numeric (bigint and decimal
 * columns; the score must be whole).  NULL scores and NULL weights are
 * skipped.  The state is allocated on the first row of a group and then
 * updated in place.  Moving-aggregate support removes a row that entered
 * the frame earlier: counts come out exactly, and the weighted forms'
 * window states keep exact weight sums (see summary_kernel.h); NULL,
 * asking PostgreSQL to recompute the frame, is left for weights beyond
 * the exact range.
 */
#define NPS_STATE(weighted) \
	rating_state_for_update(fcinfo, RATING_KIND_NPS, NPS_MAX_SCORE, 0)

RATING_FUNCTIONS(nps, NPS_STATE, nps_score_from_int(PG_GETARG_INT32(1)),
				 nps_score_from_int(PG_GETARG_INT16(1)), nps_score_from_numeric(fcinfo, 1))

/*
 * Accessors
 * ---------
 */

/* Weighted totals of the three NPS groups. */
typedef struct NpsGroups
{
	double		detractors;		/* weight of scores 0-6 */
	double		passives;		/* weight of scores 7-8 */
	double		promoters;		/* weight of scores 9-10 */
	double		total;			/* weight of all answers */
} NpsGroups;

static void
nps_groups(const RatingSummary *summary, NpsGroups *groups)
{
	groups->detractors = rating_weight_between(summary, NPS_MIN_SCORE,
											   NPS_LAST_DETRACTOR);
	groups->passives = rating_weight_between(summary, NPS_LAST_DETRACTOR + 1,
											 NPS_FIRST_PROMOTER - 1);
	groups->promoters = rating_weight_between(summary, NPS_FIRST_PROMOTER,
											  NPS_MAX_SCORE);
	groups->total = groups->detractors + groups->passives + groups->promoters;
}

PG_FUNCTION_INFO_V1(nps_summary_nps);
/*
 * nps_summary_nps
 *		nps(s), and the final function of nps_agg: %promoters - %detractors
 *		in points; NULL without answers (or with zero total weight).
 */
Datum
nps_summary_nps(PG_FUNCTION_ARGS)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(0);
	NpsGroups	groups;

	nps_groups(summary, &groups);
	if (!(groups.total > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rating_percent(groups.promoters - groups.detractors, groups.total));
}

/* Percent of the total weight that a group holds, or NULL. */
#define NPS_GROUP_PERCENT(field) \
	do { \
		NpsGroups	groups; \
		nps_groups(PG_GETARG_RATING_SUMMARY_P(0), &groups); \
		if (!(groups.total > 0.0)) \
			PG_RETURN_NULL(); \
		PG_RETURN_FLOAT8(rating_percent(groups.field, groups.total)); \
	} while (0)

PG_FUNCTION_INFO_V1(nps_summary_promoters);
/*
 * nps_summary_promoters
 *		promoters(s): percent of answers (by weight) that are 9 or 10.
 */
Datum
nps_summary_promoters(PG_FUNCTION_ARGS)
{
	NPS_GROUP_PERCENT(promoters);
}

PG_FUNCTION_INFO_V1(nps_summary_passives);
/*
 * nps_summary_passives
 *		passives(s): percent of answers (by weight) that are 7 or 8.
 */
Datum
nps_summary_passives(PG_FUNCTION_ARGS)
{
	NPS_GROUP_PERCENT(passives);
}

PG_FUNCTION_INFO_V1(nps_summary_detractors);
/*
 * nps_summary_detractors
 *		detractors(s): percent of answers (by weight) from 0 to 6.
 */
Datum
nps_summary_detractors(PG_FUNCTION_ARGS)
{
	NPS_GROUP_PERCENT(detractors);
}

/*
 * Statistics
 * ----------
 * Adjusted Wald (Rocks 2016).  With n the (effective) sample size and
 * p_pro, p_det the shares of promoters and detractors:
 *
 *	 n~     = n + 3
 *	 p~_pro = (n p_pro + 0.75) / n~,   p~_det = (n p_det + 0.75) / n~
 *	 NPS~   = p~_pro - p~_det
 *	 var    = (p~_pro + p~_det - NPS~^2) / n~
 *
 * and the interval is NPS~ +- z sqrt(var), clipped to [-1, 1].  The shares
 * are weighted, and for weighted summaries n is an effective sample size:
 * for a version-2 summary the one its design-based variance implies (see
 * nps_effective_n), for a version-1 weighted one (and anything combined
 * with one) Kish's (sum w)^2 / sum w^2.  Everything is reported in points
 * (x 100).
 */
typedef struct NpsEstimate
{
	double		center;			/* NPS~, as a fraction */
	double		variance;		/* its variance, as a fraction squared */
	double		n;				/* the (effective) sample size used */
} NpsEstimate;

/*
 * The sample size of the adjusted-Wald interval; false when there is none
 * (no answers or no weight; for a version-2 summary, fewer than 2 answers).
 *
 * Version-2 weighted summaries: with x = +1 for promoters, 0 for passives
 * and -1 for detractors, ybar = NPS as a fraction, A / W = sum of the
 * groups' shares times (x - ybar)^2, and B = sum w^2 (x - ybar)^2 =
 * Q_pro (1 - ybar)^2 + Q_pas ybar^2 + Q_det (1 + ybar)^2, Q being the
 * groups' sums of squared weights (the passives' the total less the other
 * two), n = W A / B, the n for which the usual variance of a mean of x
 * equals the design-based one.  Answers all in one group (B = 0): Kish's n.
 */
static bool
nps_effective_n(const RatingSummary *summary, const NpsGroups *groups, double *n)
{
	RatingTotals totals;
	double		net;
	double		q_detractors;
	double		q_promoters;
	double		q_passives = 0.0;
	double		spread;
	double		spread_per_weight;
	int			groups_with_weight;

	rating_totals(summary, &totals);
	if (!(groups->total > 0.0))
		return false;
	if (!rating_design_based(summary))
	{
		*n = totals.effective_n;
		return *n > 0.0;
	}
	if (totals.responses <= 1)
		return false;
	groups_with_weight = (groups->detractors > 0.0) + (groups->passives > 0.0) +
		(groups->promoters > 0.0);
	if (groups_with_weight <= 1)
	{
		*n = totals.effective_n;
		return *n > 0.0;
	}
	net = (groups->promoters - groups->detractors) / groups->total;
	q_detractors = rating_band_sq_weights(summary, 0);
	q_promoters = rating_band_sq_weights(summary, 1);
	if (groups->passives > 0.0)
	{
		int64		passives = rating_count(summary, 7) + rating_count(summary, 8);

		/*
		 * The total less the other groups, which rounding can take outside
		 * its possible values, W_pas^2 / n_pas (Cauchy-Schwarz) to W_pas^2.
		 */
		q_passives = Min(Max(totals.sum_sq_weights - q_detractors - q_promoters,
							 groups->passives * (groups->passives / (double) passives)),
						 groups->passives * groups->passives);
	}
	spread = q_promoters * (1.0 - net) * (1.0 - net) + q_passives * net * net +
		q_detractors * (1.0 + net) * (1.0 + net);
	spread_per_weight = groups->promoters / groups->total * (1.0 - net) * (1.0 - net) +
		groups->passives / groups->total * net * net +
		groups->detractors / groups->total * (1.0 + net) * (1.0 + net);
	*n = stats_design_effective_n(groups->total, spread_per_weight, spread,
								   totals.effective_n);
	return *n > 0.0;
}

/* Fill *estimate; false when the summary has no answers or no weight. */
static bool
nps_adjusted_wald(const RatingSummary *summary, NpsEstimate *estimate)
{
	NpsGroups	groups;
	double		n;
	double		n_adjusted;
	double		promoters;
	double		detractors;

	nps_groups(summary, &groups);
	if (!nps_effective_n(summary, &groups, &n))
		return false;
	n_adjusted = n + NPS_ADJUST_DETRACTORS + NPS_ADJUST_PASSIVES + NPS_ADJUST_PROMOTERS;
	promoters = (n * (groups.promoters / groups.total) + NPS_ADJUST_PROMOTERS) / n_adjusted;
	detractors = (n * (groups.detractors / groups.total) + NPS_ADJUST_DETRACTORS) / n_adjusted;
	estimate->center = promoters - detractors;
	/* never below 0, even where rounding cancels it for huge n */
	estimate->variance = Max(0.0, (promoters + detractors -
								   estimate->center * estimate->center) / n_adjusted);
	estimate->n = n;
	return true;
}

/*
 * NPS~ of a summary to about 32 digits, for the difference of two that
 * agree in most of their digits (summaries of billions of answers).  The
 * adjustments of promoters and detractors cancel:
 * NPS~ = n (promoters - detractors) / (total weight (n + 3)), with n the
 * sample size of the summary's interval.
 */
static StatsDD
nps_exact_center(const RatingSummary *summary, double effective_n)
{
	StatsDD		n;
	StatsDD		net;
	StatsDD		total;
	StatsDD		adjusted_n;

	n = stats_dd_from_double(effective_n);
	net = stats_dd_sub(rating_weight_between_dd(summary, NPS_FIRST_PROMOTER, NPS_MAX_SCORE),
					   rating_weight_between_dd(summary, NPS_MIN_SCORE, NPS_LAST_DETRACTOR));
	total = rating_weight_between_dd(summary, NPS_MIN_SCORE, NPS_MAX_SCORE);
	adjusted_n = stats_dd_add(n, stats_dd_from_double(NPS_ADJUST_DETRACTORS +
													  NPS_ADJUST_PASSIVES +
													  NPS_ADJUST_PROMOTERS));
	return stats_dd_div(stats_dd_mul(n, net), stats_dd_mul(total, adjusted_n));
}

PG_FUNCTION_INFO_V1(nps_summary_std_error);
/*
 * nps_summary_std_error
 *		std_error(s): adjusted-Wald standard error of the NPS, in points.
 */
Datum
nps_summary_std_error(PG_FUNCTION_ARGS)
{
	NpsEstimate estimate;

	if (!nps_adjusted_wald(PG_GETARG_RATING_SUMMARY_P(0), &estimate))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * sqrt(estimate.variance));
}

/*
 * An end of the adjusted-Wald interval at argument 1's level, in points,
 * within -100..100: the upper end if upper, else the lower.
 */
static Datum
nps_interval_end(FunctionCallInfo fcinfo, bool upper)
{
	double		z = stats_z_for_level(PG_GETARG_FLOAT8(1));
	NpsEstimate estimate;

	if (!nps_adjusted_wald(PG_GETARG_RATING_SUMMARY_P(0), &estimate))
		PG_RETURN_NULL();
	if (upper)
		PG_RETURN_FLOAT8(100.0 * Min(1.0, estimate.center + z * sqrt(estimate.variance)));
	PG_RETURN_FLOAT8(100.0 * Max(-1.0, estimate.center - z * sqrt(estimate.variance)));
}

/*
 * nps_summary_ci_lower, nps_summary_ci_upper
 *		ci_lower(s, level) and ci_upper(s, level): the ends of the
 *		adjusted-Wald interval, in points, never beyond -100 and 100.
 */
SUMMARY_SQL_FUNCTION(nps_summary_ci_lower, nps_interval_end(fcinfo, false))
SUMMARY_SQL_FUNCTION(nps_summary_ci_upper, nps_interval_end(fcinfo, true))

PG_FUNCTION_INFO_V1(nps_summary_p_value);
/*
 * nps_summary_p_value
 *		p_value(a, b): two-sided p-value of the hypothesis that the two
 *		NPS are equal, a z-test on the difference of the adjusted-Wald
 *		estimates with variance var_a + var_b (independent samples).
 */
Datum
nps_summary_p_value(PG_FUNCTION_ARGS)
{
	NpsEstimate a;
	NpsEstimate b;
	double		difference;

	/* the check a + b makes, so both accept the same pairs */
	rating_check_compatible(PG_GETARG_RATING_SUMMARY_P(0), PG_GETARG_RATING_SUMMARY_P(1));
	if (!nps_adjusted_wald(PG_GETARG_RATING_SUMMARY_P(0), &a) ||
		!nps_adjusted_wald(PG_GETARG_RATING_SUMMARY_P(1), &b))
		PG_RETURN_NULL();
	if (!(a.variance + b.variance > 0.0))
		PG_RETURN_FLOAT8(a.center == b.center ? 1.0 : 0.0);
	/* the estimates' difference to more digits than a.center - b.center */
	difference = stats_dd_sub(nps_exact_center(PG_GETARG_RATING_SUMMARY_P(0), a.n),
							  nps_exact_center(PG_GETARG_RATING_SUMMARY_P(1), b.n)).hi;
	PG_RETURN_FLOAT8(stats_two_sided_p(difference / sqrt(a.variance + b.variance)));
}

/*
 * Scalar helper
 * -------------
 */

/* The category name of a checked score. */
static text *
nps_category_text(int score)
{
	if (score <= NPS_LAST_DETRACTOR)
		return cstring_to_text("detractor");
	if (score < NPS_FIRST_PROMOTER)
		return cstring_to_text("passive");
	return cstring_to_text("promoter");
}

PG_FUNCTION_INFO_V1(nps_category);
/*
 * nps_category
 *		nps_category(score integer): 'detractor', 'passive' or 'promoter'.
 */
Datum
nps_category(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(nps_category_text(nps_score_from_int(PG_GETARG_INT32(0))));
}

PG_FUNCTION_INFO_V1(nps_category_int2);
/*
 * nps_category_int2
 *		nps_category(score smallint).
 */
Datum
nps_category_int2(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(nps_category_text(nps_score_from_int(PG_GETARG_INT16(0))));
}

PG_FUNCTION_INFO_V1(nps_category_numeric);
/*
 * nps_category_numeric
 *		nps_category(score numeric): as nps_category for a whole numeric.
 */
Datum
nps_category_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(nps_category_text(nps_score_from_numeric(fcinfo, 0)));
}

PG_FUNCTION_INFO_V1(nps_window_final);
/*
 * nps_window_final
 *		Moving-aggregate final function of the weighted and roll-up
 *		nps_agg: the NPS of the window state.
 */
Datum
nps_window_final(PG_FUNCTION_ARGS)
{
	return rating_window_final(fcinfo, nps_summary_nps);
}
