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

/*
 * csat_summary_in, csat_summary_recv
 *		Text and binary input of csat_summary (see RATING_INPUT; the forms
 *		are in rating_summary.c).
 */
RATING_INPUT(csat, RATING_KIND_CSAT)

/*
 * csat_trans, csat_trans_int2, csat_trans_numeric, csat_trans_weighted,
 * csat_trans_int2_weighted, csat_trans_numeric_weighted, csat_inv,
 * csat_inv_int2, csat_inv_numeric, csat_inv_weighted, csat_inv_int2_weighted,
 * csat_inv_numeric_weighted
 *		Transition and inverse transition functions (see RATING_FUNCTIONS):
 *		one per score type, with and without a trailing weight, each serving
 *		every shape of scale arguments.
 */
RATING_FUNCTIONS(csat, RATING_SCALED_STATE_CSAT, RATING_SCORE_INT4, RATING_SCORE_INT2,
				 RATING_SCORE_NUMERIC)

/*
 * Accessors and statistics
 * ------------------------
 * The share of satisfied answers, with Wilson's score interval and the
 * two-proportion z-test.  Version-2 weighted summaries use the
 * design-based variance of the share p (R's svymean of the indicator
 * x = score >= satisfied_from): V = n / (n - 1) B / W^2 with
 * B = Q_sat (1 - p)^2 + Q_unsat p^2 (Q the sums of squared weights of the
 * satisfied and unsatisfied answers); std_error is 100 sqrt(V), and the
 * interval and test use the effective n = W^2 p (1 - p) / B it implies
 * (Kish's n when B = 0, every answer with weight on one side).  Version-1
 * weighted summaries, and anything combined with one, use Kish's n.
 */

/*
 * The design-based variance of a version-2 summary's share in its own
 * satisfied band, and its effective n; false (the statistics NULL) for
 * fewer than 2 answers.
 */
static bool
csat_design(const RatingSummary *summary, double share, double *variance,
			double *effective_n)
{
	RatingTotals totals;
	double		spread = 0.0;

	rating_totals(summary, &totals);
	if (totals.responses <= 1)
		return false;
	/* weight on both sides (each side's own sum: a tiny one may vanish in W) */
	if (rating_weight_between(summary, summary->satisfied_from, summary->scale_max) > 0.0 &&
		rating_weight_between(summary, summary->scale_min, summary->satisfied_from - 1) > 0.0)
		spread = rating_band_sq_weights(summary, 1) * (1.0 - share) * (1.0 - share) +
			rating_band_sq_weights(summary, 0) * share * share;
	*variance = stats_design_variance(totals.responses, totals.weight_sum, spread);
	*effective_n = stats_design_effective_n(totals.weight_sum, share * (1.0 - share),
											 spread, totals.effective_n);
	return true;
}

/*
 * The satisfied share (a fraction, also to about 32 digits: the shares of
 * two summaries of billions of answers may differ in their last digits
 * only) and the effective n for scores from satisfied_from up; false when
 * there is no answer or no weight.  n is 0 when it cannot be known (a
 * stored summary whose squared weights underflowed, a version-2 summary of
 * one answer); the statistics are then NULL.
 */
static bool
csat_share(const RatingSummary *summary, int satisfied_from, StatsShare *share)
{
	RatingTotals totals;

	rating_totals(summary, &totals);
	if (!(totals.weight_sum > 0.0))
		return false;
	share->share = rating_weight_between(summary, satisfied_from, summary->scale_max) /
		totals.weight_sum;
	share->n = totals.effective_n;
	share->exact = stats_dd_div(rating_weight_between_dd(summary, satisfied_from,
														 summary->scale_max),
								rating_weight_between_dd(summary, 0, RATING_MAX_SCORE));
	if (satisfied_from == summary->satisfied_from && rating_design_based(summary))
	{
		double		variance;

		if (!csat_design(summary, share->share, &variance, &share->n))
			share->n = 0.0;
	}
	return true;
}

/* The CSAT share of argument argno, in its own satisfied band (StatsShareOf). */
static bool
csat_share_of(FunctionCallInfo fcinfo, int argno, StatsShare *share)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(argno);

	return csat_share(summary, summary->satisfied_from, share);
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
	StatsShare	share;

	if (!csat_share_of(fcinfo, 0, &share))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * share.share);
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
	StatsShare	share;

	if (satisfied_from < 1 || satisfied_from > summary->scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("CSAT satisfied_from %d is outside the 1 to %d scale",
						satisfied_from, summary->scale_max),
				 errhint("satisfied_from is the lowest satisfied score, from 1 to %d.",
						 summary->scale_max)));
	if (!csat_share(summary, satisfied_from, &share))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * share.share);
}

PG_FUNCTION_INFO_V1(csat_summary_std_error);
/*
 * csat_summary_std_error
 *		std_error(s): the standard error of the CSAT percentage,
 *		100 sqrt(p (1 - p) / n) (n Kish's for a version-1 weighted summary),
 *		or for a version-2 weighted one the design-based 100 sqrt(V), which
 *		is svymean's.
 */
Datum
csat_summary_std_error(PG_FUNCTION_ARGS)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(0);
	StatsShare	share;
	double		variance;
	double		effective_n;

	if (!rating_design_based(summary))
		return stats_share_std_error_datum(fcinfo, csat_share_of);
	if (!csat_share_of(fcinfo, 0, &share) ||
		!csat_design(summary, share.share, &variance, &effective_n))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * sqrt(variance));
}

/*
 * csat_summary_ci_lower, csat_summary_ci_upper
 *		ci_lower(s, level) and ci_upper(s, level), the ends of the Wilson
 *		score interval of the CSAT percentage, with the effective n.
 */
SUMMARY_SQL_FUNCTION(csat_summary_ci_lower, stats_share_bound(fcinfo, csat_share_of, false))
SUMMARY_SQL_FUNCTION(csat_summary_ci_upper, stats_share_bound(fcinfo, csat_share_of, true))

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
	rating_check_compatible(PG_GETARG_RATING_SUMMARY_P(0), PG_GETARG_RATING_SUMMARY_P(1));
	return stats_share_p_value(fcinfo, csat_share_of);
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
