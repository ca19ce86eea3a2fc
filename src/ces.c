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

PG_FUNCTION_INFO_V1(ces_summary_in);
/*
 * ces_summary_in
 *		Text input of ces_summary (format in rating_summary.c).
 */
Datum
ces_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_RATING_SUMMARY_P(rating_summary_from_text(PG_GETARG_CSTRING(0),
														RATING_KIND_CES));
}

PG_FUNCTION_INFO_V1(ces_summary_recv);
/*
 * ces_summary_recv
 *		Binary input of ces_summary.
 */
Datum
ces_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_RATING_SUMMARY_P(rating_summary_from_binary(buf, RATING_KIND_CES));
}

/*
 * Transition and inverse transition functions
 * -------------------------------------------
 * Arguments: (state, score [, scale_max] [, weight]); one C function per
 * score type serves every shape (PG_NARGS tells which).  NULL scores and
 * NULL weights are skipped.
 */

PG_FUNCTION_INFO_V1(ces_trans);
/*
 * ces_trans
 *		Add one integer score.
 */
Datum
ces_trans(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_scaled_state(fcinfo, RATING_KIND_CES, false);

	if (!PG_ARGISNULL(1))
		rating_add_answer(state, rating_scaled_score(state, PG_GETARG_INT32(1)));
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_trans_weighted);
/*
 * ces_trans_weighted
 *		Add one integer score with a survey weight.
 */
Datum
ces_trans_weighted(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_scaled_state(fcinfo, RATING_KIND_CES, true);

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(PG_NARGS() - 1))
		rating_add_weighted_answer(state, rating_scaled_score(state, PG_GETARG_INT32(1)),
								   PG_GETARG_FLOAT8(PG_NARGS() - 1));
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_trans_int2);
/*
 * ces_trans_int2
 *		Add one smallint score.
 */
Datum
ces_trans_int2(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_scaled_state(fcinfo, RATING_KIND_CES, false);

	if (!PG_ARGISNULL(1))
		rating_add_answer(state, rating_scaled_score(state, PG_GETARG_INT16(1)));
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_trans_int2_weighted);
/*
 * ces_trans_int2_weighted
 *		Add one smallint score with a survey weight.
 */
Datum
ces_trans_int2_weighted(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_scaled_state(fcinfo, RATING_KIND_CES, true);

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(PG_NARGS() - 1))
		rating_add_weighted_answer(state, rating_scaled_score(state, PG_GETARG_INT16(1)),
								   PG_GETARG_FLOAT8(PG_NARGS() - 1));
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_trans_numeric);
/*
 * ces_trans_numeric
 *		Add one numeric score.
 */
Datum
ces_trans_numeric(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_scaled_state(fcinfo, RATING_KIND_CES, false);

	if (!PG_ARGISNULL(1))
		rating_add_answer(state, rating_scaled_score_numeric(fcinfo, 1, state));
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_trans_numeric_weighted);
/*
 * ces_trans_numeric_weighted
 *		Add one numeric score with a survey weight.
 */
Datum
ces_trans_numeric_weighted(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_scaled_state(fcinfo, RATING_KIND_CES, true);

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(PG_NARGS() - 1))
		rating_add_weighted_answer(state, rating_scaled_score_numeric(fcinfo, 1, state),
								   PG_GETARG_FLOAT8(PG_NARGS() - 1));
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_inv);
/*
 * ces_inv
 *		Remove one integer score.
 */
Datum
ces_inv(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_inverse_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(1) &&
		!rating_remove_answer(state, rating_scaled_score(state, PG_GETARG_INT32(1))))
		PG_RETURN_NULL();
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_inv_weighted);
/*
 * ces_inv_weighted
 *		Remove one weighted integer score.
 */
Datum
ces_inv_weighted(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_inverse_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(PG_NARGS() - 1) &&
		!rating_remove_weighted_answer(state, rating_scaled_score(state, PG_GETARG_INT32(1)),
									   PG_GETARG_FLOAT8(PG_NARGS() - 1) + 0.0))
		PG_RETURN_NULL();
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_inv_int2);
/*
 * ces_inv_int2
 *		Remove one smallint score.
 */
Datum
ces_inv_int2(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_inverse_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(1) &&
		!rating_remove_answer(state, rating_scaled_score(state, PG_GETARG_INT16(1))))
		PG_RETURN_NULL();
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_inv_int2_weighted);
/*
 * ces_inv_int2_weighted
 *		Remove one weighted smallint score.
 */
Datum
ces_inv_int2_weighted(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_inverse_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(PG_NARGS() - 1) &&
		!rating_remove_weighted_answer(state, rating_scaled_score(state, PG_GETARG_INT16(1)),
									   PG_GETARG_FLOAT8(PG_NARGS() - 1) + 0.0))
		PG_RETURN_NULL();
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_inv_numeric);
/*
 * ces_inv_numeric
 *		Remove one numeric score.
 */
Datum
ces_inv_numeric(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_inverse_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(1) &&
		!rating_remove_answer(state, rating_scaled_score_numeric(fcinfo, 1, state)))
		PG_RETURN_NULL();
	PG_RETURN_RATING_SUMMARY_P(state);
}

PG_FUNCTION_INFO_V1(ces_inv_numeric_weighted);
/*
 * ces_inv_numeric_weighted
 *		Remove one weighted numeric score.
 */
Datum
ces_inv_numeric_weighted(PG_FUNCTION_ARGS)
{
	RatingSummary *state = rating_inverse_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(PG_NARGS() - 1) &&
		!rating_remove_weighted_answer(state, rating_scaled_score_numeric(fcinfo, 1, state),
									   PG_GETARG_FLOAT8(PG_NARGS() - 1) + 0.0))
		PG_RETURN_NULL();
	PG_RETURN_RATING_SUMMARY_P(state);
}

/*
 * Statistics of the mean
 * ----------------------
 * The normal interval mean -+ z s / sqrt(n) and Welch's t-test, with s^2
 * the (reliability-weighted) sample variance and n Kish's effective n.
 */

PG_FUNCTION_INFO_V1(ces_summary_std_error);
/*
 * ces_summary_std_error
 *		std_error(s): standard error of the mean score, s / sqrt(n).
 */
Datum
ces_summary_std_error(PG_FUNCTION_ARGS)
{
	RatingMean	mean;

	if (!rating_mean_estimate(PG_GETARG_RATING_SUMMARY_P(0), &mean))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sqrt(mean.variance / mean.effective_n));
}

PG_FUNCTION_INFO_V1(ces_summary_ci_lower);
/*
 * ces_summary_ci_lower
 *		ci_lower(s, level): lower end of the normal interval of the mean.
 */
Datum
ces_summary_ci_lower(PG_FUNCTION_ARGS)
{
	double		z = stats_z_for_level(PG_GETARG_FLOAT8(1));
	RatingMean	mean;

	if (!rating_mean_estimate(PG_GETARG_RATING_SUMMARY_P(0), &mean))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(mean.mean - z * sqrt(mean.variance / mean.effective_n));
}

PG_FUNCTION_INFO_V1(ces_summary_ci_upper);
/*
 * ces_summary_ci_upper
 *		ci_upper(s, level): upper end of the normal interval of the mean.
 */
Datum
ces_summary_ci_upper(PG_FUNCTION_ARGS)
{
	double		z = stats_z_for_level(PG_GETARG_FLOAT8(1));
	RatingMean	mean;

	if (!rating_mean_estimate(PG_GETARG_RATING_SUMMARY_P(0), &mean))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(mean.mean + z * sqrt(mean.variance / mean.effective_n));
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

	if (!rating_mean_estimate(PG_GETARG_RATING_SUMMARY_P(0), &a) ||
		!rating_mean_estimate(PG_GETARG_RATING_SUMMARY_P(1), &b))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(stats_welch_p(a.mean, a.variance, a.effective_n,
								   b.mean, b.variance, b.effective_n));
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
