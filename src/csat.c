/*-------------------------------------------------------------------------
 *
 * csat.c
 *	  Customer Satisfaction: csat_summary's input, the CSAT aggregates'
 *	  transition functions, the CSAT accessors and statistics.
 *
 * Answers are 1..k (k from 2 to 10, default 5).  CSAT is the percent of
 * satisfied answers: scores from satisfied_from up, by default the top two
 * boxes (k-1 and k) for k >= 4 and the top box for k = 2 or 3.  The
 * summary remembers its scale and its satisfied band.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "rating_summary.h"
#include "stats.h"

PG_FUNCTION_INFO_V1(csat_summary_in);
/*
 * csat_summary_in
 *		Text input of csat_summary (format in rating_summary.c).
 */
Datum
csat_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_RATING_SUMMARY_P(rating_summary_from_text(PG_GETARG_CSTRING(0),
														RATING_KIND_CSAT));
}

PG_FUNCTION_INFO_V1(csat_summary_recv);
/*
 * csat_summary_recv
 *		Binary input of csat_summary.
 */
Datum
csat_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_RATING_SUMMARY_P(rating_summary_from_binary(buf, RATING_KIND_CSAT));
}

/*
 * Transition and inverse transition functions (see RATING_SCALED_TRANS):
 * one per score type, with and without a trailing weight.
 */
RATING_SCALED_TRANS(csat_trans, RATING_KIND_CSAT, RATING_SCORE_INT4)
RATING_SCALED_TRANS(csat_trans_int2, RATING_KIND_CSAT, RATING_SCORE_INT2)
RATING_SCALED_TRANS(csat_trans_numeric, RATING_KIND_CSAT, RATING_SCORE_NUMERIC)
RATING_SCALED_TRANS_WEIGHTED(csat_trans_weighted, RATING_KIND_CSAT, RATING_SCORE_INT4)
RATING_SCALED_TRANS_WEIGHTED(csat_trans_int2_weighted, RATING_KIND_CSAT, RATING_SCORE_INT2)
RATING_SCALED_TRANS_WEIGHTED(csat_trans_numeric_weighted, RATING_KIND_CSAT, RATING_SCORE_NUMERIC)
RATING_SCALED_INV(csat_inv, RATING_SCORE_INT4)
RATING_SCALED_INV(csat_inv_int2, RATING_SCORE_INT2)
RATING_SCALED_INV(csat_inv_numeric, RATING_SCORE_NUMERIC)
RATING_SCALED_INV_WEIGHTED(csat_inv_weighted, RATING_SCORE_INT4)
RATING_SCALED_INV_WEIGHTED(csat_inv_int2_weighted, RATING_SCORE_INT2)
RATING_SCALED_INV_WEIGHTED(csat_inv_numeric_weighted, RATING_SCORE_NUMERIC)

/*
 * Accessors and statistics
 * ------------------------
 * The share of satisfied answers, with Wilson's score interval and the
 * two-proportion z-test; weighted summaries use Kish's effective n.
 */

/*
 * The satisfied share (a fraction) and the effective n for scores from
 * satisfied_from up; false when there is no answer or no weight.  n is 0
 * when it cannot be known (a stored summary whose squared weights
 * underflowed); the statistics are then NULL.
 */
static bool
csat_share(const RatingSummary *summary, int satisfied_from, double *share, double *n)
{
	RatingTotals totals;

	rating_totals(summary, &totals);
	if (!(totals.weight_sum > 0.0))
		return false;
	*share = rating_weight_between(summary, satisfied_from, summary->scale_max) /
		totals.weight_sum;
	*n = totals.effective_n;
	return true;
}

/*
 * The satisfied share of a minus that of b, from shares computed to about
 * 32 digits: the shares of two summaries of billions of answers may differ
 * in their last digits only.
 */
static double
csat_share_difference(const RatingSummary *a, const RatingSummary *b)
{
	StatsDD		share_a = stats_dd_div(rating_weight_between_dd(a, a->satisfied_from, a->scale_max),
									   rating_weight_between_dd(a, 0, RATING_MAX_SCORE));
	StatsDD		share_b = stats_dd_div(rating_weight_between_dd(b, b->satisfied_from, b->scale_max),
									   rating_weight_between_dd(b, 0, RATING_MAX_SCORE));

	return stats_dd_sub(share_a, share_b).hi;
}

PG_FUNCTION_INFO_V1(csat_summary_csat);
/*
 * csat_summary_csat
 *		csat(s), and the final function of csat_agg: percent of answers (by
 *		weight) in the summary's satisfied band.
 */
Datum
csat_summary_csat(PG_FUNCTION_ARGS)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(0);
	double		share;
	double		n;

	if (!csat_share(summary, summary->satisfied_from, &share, &n))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * share);
}

PG_FUNCTION_INFO_V1(csat_summary_csat_from);
/*
 * csat_summary_csat_from
 *		csat(s, satisfied_from): percent of answers (by weight) scoring
 *		satisfied_from or more.
 */
Datum
csat_summary_csat_from(PG_FUNCTION_ARGS)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(0);
	int32		satisfied_from = PG_GETARG_INT32(1);
	double		share;
	double		n;

	if (satisfied_from < 1 || satisfied_from > summary->scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("CSAT satisfied_from %d is outside the 1 to %d scale",
						satisfied_from, summary->scale_max),
				 errhint("satisfied_from is the lowest satisfied score, from 1 to %d.",
						 summary->scale_max)));
	if (!csat_share(summary, satisfied_from, &share, &n))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * share);
}

PG_FUNCTION_INFO_V1(csat_summary_std_error);
/*
 * csat_summary_std_error
 *		std_error(s): standard error of the CSAT percentage,
 *		100 sqrt(p (1 - p) / n).
 */
Datum
csat_summary_std_error(PG_FUNCTION_ARGS)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(0);
	double		share;
	double		n;

	if (!csat_share(summary, summary->satisfied_from, &share, &n) || !(n > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * stats_share_std_error(share, n));
}

/*
 * The Wilson interval of the CSAT share at argument 1's level, as
 * fractions; false when the share is undefined.
 */
static bool
csat_wilson(FunctionCallInfo fcinfo, double *lower, double *upper)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(0);
	double		z = stats_z_for_level(PG_GETARG_FLOAT8(1));
	double		share;
	double		n;

	if (!csat_share(summary, summary->satisfied_from, &share, &n) || !(n > 0.0))
		return false;
	stats_wilson_interval(share, n, z, lower, upper);
	return true;
}

PG_FUNCTION_INFO_V1(csat_summary_ci_lower);
/*
 * csat_summary_ci_lower
 *		ci_lower(s, level): lower end of the Wilson score interval of the
 *		CSAT percentage.
 */
Datum
csat_summary_ci_lower(PG_FUNCTION_ARGS)
{
	double		lower;
	double		upper;

	if (!csat_wilson(fcinfo, &lower, &upper))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * lower);
}

PG_FUNCTION_INFO_V1(csat_summary_ci_upper);
/*
 * csat_summary_ci_upper
 *		ci_upper(s, level): upper end of the Wilson score interval.
 */
Datum
csat_summary_ci_upper(PG_FUNCTION_ARGS)
{
	double		lower;
	double		upper;

	if (!csat_wilson(fcinfo, &lower, &upper))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * upper);
}

PG_FUNCTION_INFO_V1(csat_summary_p_value);
/*
 * csat_summary_p_value
 *		p_value(a, b): two-sided p-value of the pooled two-proportion
 *		z-test that the two CSAT percentages differ.  The summaries must
 *		be on the same scale with the same satisfied band, as for a + b.
 */
Datum
csat_summary_p_value(PG_FUNCTION_ARGS)
{
	RatingSummary *a = PG_GETARG_RATING_SUMMARY_P(0);
	RatingSummary *b = PG_GETARG_RATING_SUMMARY_P(1);
	double		share_a;
	double		share_b;
	double		n_a;
	double		n_b;

	rating_check_compatible(a, b);
	if (!csat_share(a, a->satisfied_from, &share_a, &n_a) ||
		!csat_share(b, b->satisfied_from, &share_b, &n_b) ||
		!(n_a > 0.0) || !(n_b > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(stats_two_proportion_p_diff(share_a, n_a, share_b, n_b,
												 csat_share_difference(a, b)));
}

PG_FUNCTION_INFO_V1(csat_window_final);
/*
 * csat_window_final
 *		Moving-aggregate final function of the weighted and roll-up
 *		csat_agg: the CSAT of the window state.
 */
Datum
csat_window_final(PG_FUNCTION_ARGS)
{
	return rating_window_final(fcinfo, csat_summary_csat);
}
