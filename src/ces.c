/*-------------------------------------------------------------------------
 *
 * ces.c
 *	  Customer Effort Score: ces_summary's input, the CES aggregates'
 *	  transition functions and the CES statistics.
 *
 * Answers are 1..k (default k = 7, "the company made it easy", higher is
 * easier; 1..5 surveys fit the default scale too).  CES is the mean
 * score; share(s, from, to) gives the percent in a band such as 5..7.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "rating_summary.h"
#include "stats.h"

/*
 * ces_summary_in, ces_summary_recv
 *		Text and binary input of ces_summary (see RATING_INPUT; the forms
 *		are in rating_summary.c).
 */
RATING_INPUT(ces, RATING_KIND_CES)

/*
 * ces_trans, ces_trans_int2, ces_trans_numeric, ces_trans_weighted,
 * ces_trans_int2_weighted, ces_trans_numeric_weighted, ces_inv,
 * ces_inv_int2, ces_inv_numeric, ces_inv_weighted, ces_inv_int2_weighted,
 * ces_inv_numeric_weighted
 *		Transition and inverse transition functions (see RATING_FUNCTIONS):
 *		one per score type, with and without a trailing weight, each serving
 *		every shape of scale arguments.
 */
RATING_FUNCTIONS(ces, RATING_SCALED_STATE_CES, RATING_SCORE_INT4, RATING_SCORE_INT2,
				 RATING_SCORE_NUMERIC)

/*
 * Statistics of the mean
 * ----------------------
 * Student's t interval mean -+ t s / sqrt(n) with n - 1 degrees of freedom,
 * and Welch's t-test, with s^2 the (reliability-weighted) sample variance
 * and n the effective sample size.  For a version-2 weighted summary s^2/n
 * is the design-based variance of the mean V (R's svymean), n its
 * effective n = W A / B, and Welch's test uses V and n - 1 for each side;
 * version-1 weighted summaries use Kish's n (see rating_mean_estimate).
 * The interval and the test use the same distribution, so the interval at
 * level 1 - alpha excludes exactly the means the test rejects at alpha.
 * Without more than one answer's worth of effective n there are no degrees
 * of freedom: the interval and test are NULL (and without two answers, or
 * Kish's n above 1, the standard error too).
 */

PG_FUNCTION_INFO_V1(ces_summary_std_error);
/*
 * ces_summary_std_error
 *		std_error(s): standard error of the mean score, s / sqrt(n) (the
 *		design-based sqrt(V) for a version-2 weighted summary).
 */
Datum
ces_summary_std_error(PG_FUNCTION_ARGS)
{
	RatingMean	mean;

	if (!rating_mean_estimate(PG_GETARG_RATING_SUMMARY_P(0), &mean))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sqrt(mean.mean_variance));
}

/*
 * Half the width of the t interval of the mean at argument 1's level;
 * false when the summary has no variance.  The level is checked first, so
 * a bad level is an error whatever the summary.
 */
static bool
ces_interval(FunctionCallInfo fcinfo, RatingMean *mean, double *half_width)
{
	double		level = PG_GETARG_FLOAT8(1);
	double		std_error;

	(void) stats_z_for_level(level);
	if (!rating_mean_estimate(PG_GETARG_RATING_SUMMARY_P(0), mean) ||
		!(mean->effective_n > 1.0))
		return false;
	std_error = sqrt(mean->mean_variance);
	/* answers all on one score: no spread, even where t is infinite */
	*half_width = std_error > 0.0 ?
		stats_t_for_level(level, mean->effective_n - 1.0) * std_error : 0.0;
	return true;
}

PG_FUNCTION_INFO_V1(ces_summary_ci_lower);
/*
 * ces_summary_ci_lower
 *		ci_lower(s, level): lower end of the t interval of the mean.
 */
Datum
ces_summary_ci_lower(PG_FUNCTION_ARGS)
{
	RatingMean	mean;
	double		half_width;

	if (!ces_interval(fcinfo, &mean, &half_width))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(mean.mean - half_width);
}

PG_FUNCTION_INFO_V1(ces_summary_ci_upper);
/*
 * ces_summary_ci_upper
 *		ci_upper(s, level): upper end of the t interval of the mean.
 */
Datum
ces_summary_ci_upper(PG_FUNCTION_ARGS)
{
	RatingMean	mean;
	double		half_width;

	if (!ces_interval(fcinfo, &mean, &half_width))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(mean.mean + half_width);
}

/*
 * Welch's p-value for a design-based side (see stats_welch_p): the same
 * test, with the degrees of freedom computed from the variances of the
 * means scaled to the larger one, since a variance of the mean can be so
 * small (weights of 1e70 and 1e-60 together) that its square underflows.
 */
static double
ces_design_welch_p(double difference, const RatingMean *a, const RatingMean *b)
{
	double		scale = Max(a->mean_variance, b->mean_variance);
	double		share_a;
	double		share_b;
	double		df;

	if (!(scale > 0.0))
		return difference == 0.0 ? 1.0 : 0.0;
	share_a = a->mean_variance / scale;
	share_b = b->mean_variance / scale;
	df = (share_a + share_b) * (share_a + share_b) /
		(share_a * share_a / (a->effective_n - 1.0) + share_b * share_b / (b->effective_n - 1.0));
	return stats_student_t_two_sided_p(difference / sqrt(a->mean_variance + b->mean_variance), df);
}

PG_FUNCTION_INFO_V1(ces_summary_p_value);
/*
 * ces_summary_p_value
 *		p_value(a, b): two-sided p-value of Welch's t-test that the two
 *		mean scores differ.
 */
Datum
ces_summary_p_value(PG_FUNCTION_ARGS)
{
	RatingMean	a;
	RatingMean	b;

	/* means on different scales are not comparable (a + b refuses them too) */
	rating_check_compatible(PG_GETARG_RATING_SUMMARY_P(0), PG_GETARG_RATING_SUMMARY_P(1));
	if (!rating_mean_estimate(PG_GETARG_RATING_SUMMARY_P(0), &a) ||
		!rating_mean_estimate(PG_GETARG_RATING_SUMMARY_P(1), &b) ||
		!(a.effective_n > 1.0) || !(b.effective_n > 1.0))
		PG_RETURN_NULL();
	if (rating_design_based(PG_GETARG_RATING_SUMMARY_P(0)) ||
		rating_design_based(PG_GETARG_RATING_SUMMARY_P(1)))
		PG_RETURN_FLOAT8(ces_design_welch_p(stats_dd_sub(a.exact_mean, b.exact_mean).hi,
											&a, &b));
	PG_RETURN_FLOAT8(stats_welch_p(stats_dd_sub(a.exact_mean, b.exact_mean).hi,
								   a.variance, a.effective_n,
								   b.variance, b.effective_n));
}

PG_FUNCTION_INFO_V1(ces_window_final);
/*
 * ces_window_final
 *		Moving-aggregate final function of the weighted and roll-up
 *		ces_agg: the mean score of the window state.
 */
Datum
ces_window_final(PG_FUNCTION_ARGS)
{
	return rating_window_final(fcinfo, rating_summary_mean);
}
