/*-------------------------------------------------------------------------
 *
 * rating_summary.c
 *	  The rating-summary core shared by NPS, CSAT and CES: in-place state
 *	  updates, combine and inverse transitions, equality, and the text and
 *	  binary forms.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "nodes/execnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/numeric.h"

#include "rating_summary.h"
#include "summary_io.h"

/* Metric names as users read them in messages, by RatingKind. */
static const char *
rating_kind_metric_name(RatingKind kind)
{
	static const char *const names[] = {
		[RATING_KIND_NPS] = "NPS",
		[RATING_KIND_CSAT] = "CSAT",
		[RATING_KIND_CES] = "CES"
	};

	if (kind < RATING_KIND_NPS || kind > RATING_KIND_CES)
		elog(ERROR, "unknown rating kind %d", (int) kind);
	return names[kind];
}

/*
 * rating_kind_type_name
 *		The SQL type that holds summaries of this kind.
 */
const char *
rating_kind_type_name(RatingKind kind)
{
	if (kind < RATING_KIND_NPS || kind > RATING_KIND_CES)
		elog(ERROR, "unknown rating kind %d", (int) kind);
	return rating_type(kind)->type_name;
}

/* Lowest score of every scale of this kind. */
static int
rating_kind_scale_min(RatingKind kind)
{
	return kind == RATING_KIND_NPS ? 0 : 1;
}

/*
 * Whether [scale_min, scale_max] is a scale this kind accepts: NPS is
 * always 0..10; CSAT and CES run from 1 to a top score of 2..10.
 */
static bool
rating_scale_is_valid(RatingKind kind, int scale_min, int scale_max)
{
	if (kind == RATING_KIND_NPS)
		return scale_min == 0 && scale_max == 10;
	return scale_min == 1 && scale_max >= 2 && scale_max <= RATING_MAX_SCORE;
}

/*
 * Fill in a new, zeroed summary (SummaryType.init): the kind and scale of
 * arg, a RatingInit, or kind 0 and no scale when arg is NULL (a roll-up
 * window state whose first rows are NULL).  A window state is weighted
 * from the start, its weights being what it keeps exactly.
 */
static void
rating_init(void *value, const void *arg)
{
	RatingSummary *summary = (RatingSummary *) value;
	const RatingInit *init = (const RatingInit *) arg;

	summary->version = RATING_SUMMARY_VERSION;
	if (init != NULL)
	{
		summary->kind = (uint8) init->kind;
		summary->scale_min = (uint8) rating_kind_scale_min(init->kind);
		summary->scale_max = (uint8) init->scale_max;
		summary->satisfied_from = (uint8) init->satisfied_from;
	}
	if (summary->flags & RATING_FLAG_WINDOW)
		summary->flags |= RATING_FLAG_WEIGHTED;
}

/*
 * rating_summary_new
 *		A zeroed summary of the given kind and scale in the given context.
 *
 * scale_max may be 0 when the scale is not known yet (it is then taken
 * from the first answer or summary added).
 */
RatingSummary *
rating_summary_new(MemoryContext context, RatingKind kind, int scale_max,
				   int satisfied_from)
{
	RatingInit	init = {kind, scale_max, satisfied_from};

	return (RatingSummary *) summary_new(rating_type(kind), context, &init);
}

/* The scale a CSAT or CES aggregate uses when none is given. */
static int
rating_default_scale_max(RatingKind kind)
{
	return kind == RATING_KIND_CES ? 7 : 5;
}

/*
 * The satisfied band CSAT uses when none is given: top-2-box (k-1 and k)
 * on scales of 4 or more, the top box alone on 1..2 and 1..3.
 */
static int
rating_default_satisfied_from(RatingKind kind, int scale_max)
{
	if (kind != RATING_KIND_CSAT)
		return 0;
	return scale_max >= 4 ? scale_max - 1 : scale_max;
}

/* A scale_max argument, checked: 2..10. */
static int
rating_scale_max_arg(FunctionCallInfo fcinfo, int argno, RatingKind kind)
{
	int32		scale_max;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s scale_max must not be null", rating_kind_metric_name(kind)),
				 errhint("scale_max is the top score of the 1..k scale, from 2 to 10.")));
	scale_max = PG_GETARG_INT32(argno);
	if (scale_max < 2 || scale_max > RATING_MAX_SCORE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s scale_max %d is out of range", rating_kind_metric_name(kind),
						scale_max),
				 errhint("scale_max is the top score of the 1..k scale, from 2 to 10.")));
	return scale_max;
}

/* A satisfied_from argument, checked against the scale. */
static int
rating_satisfied_from_arg(FunctionCallInfo fcinfo, int argno, int scale_max)
{
	int32		satisfied_from;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("CSAT satisfied_from must not be null"),
				 errhint("satisfied_from is the lowest satisfied score, from 1 to %d.",
						 scale_max)));
	satisfied_from = PG_GETARG_INT32(argno);
	if (satisfied_from < 1 || satisfied_from > scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("CSAT satisfied_from %d is outside the 1 to %d scale",
						satisfied_from, scale_max),
				 errhint("satisfied_from is the lowest satisfied score, from 1 to %d.",
						 scale_max)));
	return satisfied_from;
}

/*
 * rating_scaled_state_slow
 *		rating_scaled_state for the first row of a group, direct calls, and
 *		rows whose scale differs from the state's (an error): the state of
 *		a CSAT or CES transition function, whose arguments are
 *		(state, score [, scale_max [, satisfied_from]] [, weight]).
 *
 * The scale (and CSAT's satisfied band) comes from the arguments or the
 * defaults; every row of one aggregate must use the same, since a summary
 * holds answers of one scale.
 */
RatingSummary *
rating_scaled_state_slow(FunctionCallInfo fcinfo, RatingKind kind, bool weighted)
{
	int			shape_args = PG_NARGS() - 2 - (weighted ? 1 : 0);
	int			scale_max = rating_default_scale_max(kind);
	int			satisfied_from;
	RatingSummary *state;
	MemoryContext aggcontext;

	/*
	 * Inside an aggregate a row without a score is skipped, whatever its
	 * scale arguments say (as avg() skips NULLs); a state made for it has no
	 * scale yet and takes the next scored row's.
	 */
	if (PG_ARGISNULL(1) && AggCheckCallContext(fcinfo, &aggcontext))
	{
		if (!PG_ARGISNULL(0))
			return PG_GETARG_RATING_SUMMARY_P(0);
		return rating_state_for_update(fcinfo, kind, 0, 0);
	}
	if (shape_args >= 1)
		scale_max = rating_scale_max_arg(fcinfo, 2, kind);
	if (shape_args >= 2)
		satisfied_from = rating_satisfied_from_arg(fcinfo, 3, scale_max);
	else
		satisfied_from = rating_default_satisfied_from(kind, scale_max);
	state = rating_state_for_update(fcinfo, kind, scale_max, satisfied_from);
	/* a state without answers (its rows had no score, or left the window) */
	if (rating_responses(state) == 0)
	{
		state->scale_max = (uint8) scale_max;
		state->satisfied_from = (uint8) satisfied_from;
	}
	if (unlikely(state->scale_max != scale_max))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot aggregate %s answers on different scales",
						rating_kind_metric_name(kind)),
				 errdetail("Rows on a 1 to %d scale meet rows on a 1 to %d scale.",
						   state->scale_max, scale_max),
				 errhint("Aggregate answers on the same scale together, or group by the scale.")));
	if (unlikely(state->satisfied_from != satisfied_from))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot aggregate CSAT answers with different satisfied bands"),
				 errdetail("Rows counting scores from %d as satisfied meet rows counting from %d.",
						   state->satisfied_from, satisfied_from),
				 errhint("Use one satisfied_from per aggregate.")));
	return state;
}

/*
 * rating_scaled_score_numeric
 *		A numeric score (argument argno) of a CSAT or CES answer, checked.
 */
int
rating_scaled_score_numeric(FunctionCallInfo fcinfo, int argno,
							const RatingSummary *state)
{
	return rating_score_from_numeric(fcinfo, argno, (RatingKind) state->kind,
									 1, state->scale_max);
}

/*
 * rating_check_weight
 *		Reject a survey weight that is not a finite number >= 0.
 */
void
rating_check_weight(double weight)
{
	if (isnan(weight))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight NaN is not a number"),
				 errhint("Weights are finite numbers greater than or equal to 0.")));
	if (isinf(weight))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight %s is not finite", weight > 0 ? "Infinity" : "-Infinity"),
				 errhint("Weights are finite numbers greater than or equal to 0.")));
	if (weight < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight %s is negative", float8out_internal(weight)),
				 errhint("Weights are finite numbers greater than or equal to 0.")));
	/* the statistics need the squared weights, which must not underflow */
	if (weight > 0 && weight < RATING_MIN_WEIGHT)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("weight %s is too small", float8out_internal(weight)),
				 errdetail("Its square underflows double precision, so the effective sample size could not be computed."),
				 errhint("Use 0 or weights of at least 1e-150; rescale them, for example so that they average 1.")));
}

/*
 * Check the weight sums of the given score after an addition: a sum that
 * overflowed double precision is an error, not an infinite weight.
 */
static void
rating_check_weight_sums(const RatingSummary *summary, int score)
{
	if (unlikely(isinf(summary->weights[score])))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum of weights is out of range for type double precision"),
				 errhint("Scale the weights down, for example so that they average 1.")));
	if (unlikely(isinf(summary->sum_sq_weights)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum of squared weights is out of range for type double precision"),
				 errhint("Scale the weights down, for example so that they average 1.")));
}

/*
 * rating_report_count_overflow
 *		Report a count that no longer fits in bigint.
 */
void
rating_report_count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("number of answers in a summary is out of range for type bigint"),
			 errhint("A summary holds at most 9223372036854775807 answers; split the answers, for example by period.")));
}

/*
 * Turn an unweighted summary into a weighted one without changing its
 * value: every answer so far had weight 1.  (Window states are weighted
 * from the start.)
 */
static void
rating_make_weighted(RatingSummary *summary)
{
	int64		total = 0;
	int			score;

	if (summary->flags & RATING_FLAG_WEIGHTED)
		return;
	for (score = 0; score < RATING_SLOTS; score++)
	{
		summary->weights[score] = (double) summary->counts[score];
		total += summary->counts[score];
	}
	summary->sum_sq_weights = (double) total;
	summary->flags |= RATING_FLAG_WEIGHTED;
}

/*
 * Add sign * weight to score's weight sum and sign * square to the sum of
 * squares of a window state, exactly (see summary_add_sum).
 */
static void
rating_window_add_weight(RatingSummary *state, int score, double weight,
						 double square, int sign)
{
	const SummaryType *type = rating_type(state->kind);

	summary_add_sum(type, state, score, sign * weight);
	summary_add_sum(type, state, RATING_SLOTS, sign * square);
}

/*
 * rating_note_large_counts
 *		Set or clear RATING_FLAG_LARGE after the counts changed other than
 *		by rating_add_answer's fast path (input, combine, a checked
 *		addition), so that the fast path's one-slot test stays sound.
 */
void
rating_note_large_counts(RatingSummary *summary)
{
	int			score;

	summary->flags &= ~RATING_FLAG_LARGE;
	for (score = 0; score < RATING_SLOTS; score++)
		if (summary->counts[score] > RATING_SMALL_COUNT_LIMIT)
			summary->flags |= RATING_FLAG_LARGE;
}

/*
 * Check that one more answer fits: the total number of answers, not only
 * the count of one score, must stay within bigint (responses(s) is their
 * sum).
 */
static void
rating_check_room_for_answer(const RatingSummary *state)
{
	int64		total = 0;
	int			score;

	for (score = 0; score < RATING_SLOTS; score++)
		if (pg_add_s64_overflow(total, state->counts[score], &total))
			rating_report_count_overflow();
	if (total == PG_INT64_MAX)
		rating_report_count_overflow();
}

/*
 * rating_add_answer_slow
 *		rating_add_answer for a weighted state or one with large counts:
 *		the total is checked, and a weighted state's weights grow by 1.
 */
void
rating_add_answer_slow(RatingSummary *state, int score)
{
	rating_check_room_for_answer(state);
	summary_window_count(rating_type(state->kind), state, 1);
	state->counts[score]++;
	if (state->flags & RATING_FLAG_WINDOW)
		rating_window_add_weight(state, score, 1.0, 1.0, 1);
	else if (state->flags & RATING_FLAG_WEIGHTED)
	{
		state->weights[score] += 1.0;
		state->sum_sq_weights += 1.0;
	}
	rating_note_large_counts(state);
}

/*
 * rating_add_weighted_answer
 *		Count one answer with a survey weight (the caller has checked the
 *		score; the weight is checked here).
 */
void
rating_add_weighted_answer(RatingSummary *state, int score, double weight)
{
	rating_check_weight(weight);
	rating_check_room_for_answer(state);
	weight += 0.0;				/* turn -0 into +0 */
	rating_make_weighted(state);
	summary_window_count(rating_type(state->kind), state, 1);
	state->counts[score]++;
	if (state->flags & RATING_FLAG_WINDOW)
		rating_window_add_weight(state, score, weight, weight * weight, 1);
	else
	{
		state->weights[score] += weight;
		state->sum_sq_weights += weight * weight;
	}
	rating_check_weight_sums(state, score);
	rating_note_large_counts(state);
}

/*
 * rating_remove_answer
 *		Inverse of rating_add_answer.  False when the result would not be
 *		exact, so the caller must let the aggregate be recomputed.
 */
bool
rating_remove_answer(RatingSummary *state, int score)
{
	if (state->counts[score] <= 0)
		elog(ERROR, "inverse transition removed score %d that was never added", score);
	state->counts[score]--;
	if (!(state->flags & RATING_FLAG_WEIGHTED))
		return true;
	if (!(state->flags & RATING_FLAG_WINDOW))
		return false;
	summary_window_count(rating_type(state->kind), state, -1);
	rating_window_add_weight(state, score, 1.0, 1.0, -1);
	return (state->flags & RATING_FLAG_INEXACT) == 0;
}

/*
 * rating_remove_weighted_answer
 *		Inverse of rating_add_weighted_answer; false when not exact.
 */
bool
rating_remove_weighted_answer(RatingSummary *state, int score, double weight)
{
	if (state->counts[score] <= 0 || !(state->flags & RATING_FLAG_WEIGHTED))
		elog(ERROR, "inverse transition removed score %d that was never added", score);
	if (!(state->flags & RATING_FLAG_WINDOW))
		return false;
	state->counts[score]--;
	summary_window_count(rating_type(state->kind), state, -1);
	rating_window_add_weight(state, score, weight, weight * weight, -1);
	return (state->flags & RATING_FLAG_INEXACT) == 0;
}

/*
 * rating_check_compatible
 *		Check that two summaries of one kind can be added: same scale and,
 *		for CSAT, the same satisfied band.  A summary with no scale yet (an
 *		empty state) fits anything.
 *
 * a + b and p_value(a, b) share this check, so a pair that cannot be added
 * cannot be compared either, and both say so with the same error.
 */
void
rating_check_compatible(const RatingSummary *a, const RatingSummary *b)
{
	if (a->kind != b->kind && a->kind != 0 && b->kind != 0)
		elog(ERROR, "cannot combine rating summaries of kinds %d and %d",
			 a->kind, b->kind);
	if (a->scale_max == 0 || b->scale_max == 0)
		return;
	if (a->scale_max != b->scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine %s values of different scales",
						rating_kind_type_name(a->kind)),
				 errdetail("One summary is on a 1 to %d scale, the other on a 1 to %d scale.",
						   a->scale_max, b->scale_max),
				 errhint("Aggregate answers on the same scale together, or group by the scale.")));
	if (a->satisfied_from != b->satisfied_from)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine %s values with different satisfied bands",
						rating_kind_type_name(a->kind)),
				 errdetail("One summary counts scores from %d as satisfied, the other from %d.",
						   a->satisfied_from, b->satisfied_from),
				 errhint("Build the summaries with the same satisfied_from.")));
}

/*
 * Add sign * source's weights to target, a weighted state (sign -1 only
 * for window states).
 */
static void
rating_add_summary_weights(RatingSummary *target, const RatingSummary *source,
						   int sign)
{
	double		source_sum_sq = (source->flags & RATING_FLAG_WEIGHTED) ?
	source->sum_sq_weights : (double) rating_responses(source);
	int			score;

	for (score = 0; score < RATING_SLOTS; score++)
	{
		double		weight = rating_weight_at(source, score);

		if (target->flags & RATING_FLAG_WINDOW)
			rating_window_add_weight(target, score, weight, 0.0, sign);
		else
			target->weights[score] += weight;
		rating_check_weight_sums(target, score);
	}
	if (target->flags & RATING_FLAG_WINDOW)
		rating_window_add_weight(target, 0, 0.0, source_sum_sq, sign);
	else
		target->sum_sq_weights += source_sum_sq;
	rating_check_weight_sums(target, 0);
}

/*
 * target += source.  The caller owns target and may modify it.
 */
static void
rating_combine_into(RatingSummary *target, const RatingSummary *source)
{
	int64		total = 0;
	int			score;

	/* a window whose summaries all left takes the next one's scale */
	if ((target->flags & RATING_FLAG_WINDOW) && rating_responses(target) == 0)
		target->scale_max = 0;
	rating_check_compatible(target, source);
	if (target->kind == 0)
	{
		/* a window state made before the first summary arrived */
		target->kind = source->kind;
		target->scale_min = source->scale_min;
	}
	if (target->scale_max == 0)
	{
		target->scale_max = source->scale_max;
		target->satisfied_from = source->satisfied_from;
	}
	/* before the counts change: an unweighted target's weights are its counts */
	if (source->flags & RATING_FLAG_WEIGHTED)
		rating_make_weighted(target);
	for (score = 0; score < RATING_SLOTS; score++)
	{
		if (pg_add_s64_overflow(target->counts[score], source->counts[score],
								&target->counts[score]) ||
			pg_add_s64_overflow(total, target->counts[score], &total))
			rating_report_count_overflow();
	}
	if (target->flags & RATING_FLAG_WEIGHTED)
		rating_add_summary_weights(target, source, 1);
	rating_note_large_counts(target);
}

/*
 * target -= source, the inverse of rating_combine_into for a window state;
 * false when the result would not be exact.
 */
static bool
rating_subtract_from(RatingSummary *target, const RatingSummary *source)
{
	int			score;

	rating_check_compatible(target, source);
	for (score = 0; score < RATING_SLOTS; score++)
	{
		if (source->counts[score] > target->counts[score])
			elog(ERROR, "inverse transition removed answers that were never added");
		target->counts[score] -= source->counts[score];
	}
	if (!(target->flags & RATING_FLAG_WEIGHTED))
		return !(source->flags & RATING_FLAG_WEIGHTED);
	if (!(target->flags & RATING_FLAG_WINDOW))
		return false;
	rating_add_summary_weights(target, source, -1);
	return (target->flags & RATING_FLAG_INEXACT) == 0;
}

/* target += sign * source (SummaryType.add). */
static bool
rating_add(void *target, const void *source, int sign)
{
	if (sign > 0)
	{
		rating_combine_into((RatingSummary *) target, (const RatingSummary *) source);
		return true;
	}
	return rating_subtract_from((RatingSummary *) target, (const RatingSummary *) source);
}

/*
 * rating_responses
 *		Number of answers in a summary (never overflows: every summary is
 *		checked on input and on combine).
 */
int64
rating_responses(const RatingSummary *summary)
{
	int64		total = 0;
	int			score;

	for (score = 0; score < RATING_SLOTS; score++)
		total += summary->counts[score];
	return total;
}

/*
 * rating_weight_at
 *		Total weight of the answers with this score.
 */
double
rating_weight_at(const RatingSummary *summary, int score)
{
	if (summary->flags & RATING_FLAG_WEIGHTED)
		return summary->weights[score];
	return (double) summary->counts[score];
}

/*
 * rating_weight_between
 *		Total weight of the answers with scores from..to (inclusive).
 */
double
rating_weight_between(const RatingSummary *summary, int from, int to)
{
	double		total = 0.0;
	int			score;

	if (!(summary->flags & RATING_FLAG_WEIGHTED))
	{
		int64		count = 0;

		for (score = from; score <= to; score++)
			count += summary->counts[score];
		return (double) count;
	}
	for (score = from; score <= to; score++)
		total += summary->weights[score];
	return total;
}

/*
 * rating_weight_between_dd
 *		rating_weight_between as a double-double: exact for counts (a sum
 *		of counts beyond 2^53 is not a double), to about 32 digits for
 *		weights.  The numerator and denominator of shares and means whose
 *		differences the tests need to more digits than a double holds.
 */
StatsDD
rating_weight_between_dd(const RatingSummary *summary, int from, int to)
{
	StatsDD		total = stats_dd_from_double(0.0);
	int			score;

	for (score = from; score <= to; score++)
		total = stats_dd_add(total, (summary->flags & RATING_FLAG_WEIGHTED) ?
							 stats_dd_from_double(summary->weights[score]) :
							 stats_dd_from_int64(summary->counts[score]));
	return total;
}

/*
 * rating_totals
 *		Responses, weight sums and Kish's effective sample size.
 */
void
rating_totals(const RatingSummary *summary, RatingTotals *totals)
{
	totals->responses = rating_responses(summary);
	if (summary->flags & RATING_FLAG_WEIGHTED)
	{
		totals->weight_sum = rating_weight_between(summary, 0, RATING_MAX_SCORE);
		totals->sum_sq_weights = summary->sum_sq_weights;
	}
	else
	{
		totals->weight_sum = (double) totals->responses;
		totals->sum_sq_weights = (double) totals->responses;
	}
	if (totals->sum_sq_weights > 0.0)
		totals->effective_n = totals->weight_sum *
			(totals->weight_sum / totals->sum_sq_weights);
	else
		totals->effective_n = 0.0;
	/* a stored summary can hold weights whose square sums say nothing */
	if (!isfinite(totals->effective_n))
		totals->effective_n = 0.0;
}

/*
 * rating_mean_estimate
 *		Mean score, sample variance and effective n; false when the
 *		variance is undefined (effective n of 1 or less, or no weight).
 *
 * The variance uses reliability weights: sum w (x - mean)^2 / W scaled by
 * n / (n - 1) with n Kish's effective n, which for unweighted answers is
 * the usual sum (x - mean)^2 / (n - 1).
 */
bool
rating_mean_estimate(const RatingSummary *summary, RatingMean *estimate)
{
	RatingTotals totals;
	double		weighted_sum = 0.0;
	double		squares = 0.0;
	StatsDD		weighted_dd;
	int			score;

	rating_totals(summary, &totals);
	if (!(totals.weight_sum > 0.0) || !(totals.effective_n > 1.0))
		return false;
	for (score = summary->scale_min; score <= summary->scale_max; score++)
		weighted_sum += rating_weight_at(summary, score) * score;
	estimate->mean = weighted_sum / totals.weight_sum;
	for (score = summary->scale_min; score <= summary->scale_max; score++)
	{
		double		deviation = score - estimate->mean;

		squares += rating_weight_at(summary, score) * deviation * deviation;
	}
	estimate->effective_n = totals.effective_n;
	estimate->variance = squares / totals.weight_sum *
		totals.effective_n / (totals.effective_n - 1.0);

	/*
	 * The mean again to about 32 digits, for Welch's test: the standard
	 * error of a mean of 10^15 answers is about 1e-7 of the scale, so each
	 * mean's rounding to a double (1e-16) would already change the
	 * difference of two means, in units of that error, by a part in 1e9.
	 */
	weighted_dd = stats_dd_from_double(0.0);
	for (score = summary->scale_min; score <= summary->scale_max; score++)
		weighted_dd = stats_dd_add(weighted_dd,
								   stats_dd_mul(rating_weight_between_dd(summary, score, score),
												stats_dd_from_double(score)));
	estimate->exact_mean = stats_dd_div(weighted_dd,
										rating_weight_between_dd(summary, 0, RATING_MAX_SCORE));
	return true;
}

/*
 * rating_is_weighted
 *		Whether the summary's weights differ from "every answer weighs 1".
 *
 * A summary built with weights that all happen to be 1 has the same value
 * as an unweighted one; it is written out, and compares, as unweighted.
 */
bool
rating_is_weighted(const RatingSummary *summary)
{
	int			score;

	if (!(summary->flags & RATING_FLAG_WEIGHTED))
		return false;
	for (score = 0; score < RATING_SLOTS; score++)
		if (summary->weights[score] != (double) summary->counts[score])
			return true;
	return summary->sum_sq_weights != (double) rating_responses(summary);
}

/*
 * rating_equal
 *		Same kind, scale, counts and weights.
 */
bool
rating_equal(const RatingSummary *a, const RatingSummary *b)
{
	int			score;

	if (a->kind != b->kind || a->scale_min != b->scale_min ||
		a->scale_max != b->scale_max || a->satisfied_from != b->satisfied_from)
		return false;
	for (score = 0; score < RATING_SLOTS; score++)
		if (a->counts[score] != b->counts[score] ||
			rating_weight_at(a, score) != rating_weight_at(b, score))
			return false;
	if (rating_is_weighted(a) || rating_is_weighted(b))
	{
		RatingTotals ta;
		RatingTotals tb;

		rating_totals(a, &ta);
		rating_totals(b, &tb);
		return ta.sum_sq_weights == tb.sum_sq_weights;
	}
	return true;
}

/*
 * Check a summary that came from outside (text or binary input).
 * Returns NULL when it is valid, else a sentence saying what is wrong.
 */
static char *
rating_check_content(const RatingSummary *summary, RatingKind kind)
{
	int			score;
	int64		total = 0;

	if (!rating_scale_is_valid(kind, summary->scale_min, summary->scale_max))
	{
		if (kind == RATING_KIND_NPS)
			return psprintf("The scale is %d to %d; NPS summaries are on the 0 to 10 scale.",
							summary->scale_min, summary->scale_max);
		return psprintf("The scale is %d to %d; scales run from 1 to a top score of 2 to 10.",
						summary->scale_min, summary->scale_max);
	}
	if (kind == RATING_KIND_CSAT)
	{
		if (summary->satisfied_from < summary->scale_min ||
			summary->satisfied_from > summary->scale_max)
			return psprintf("The satisfied band starts at %d, outside the 1 to %d scale.",
							summary->satisfied_from, summary->scale_max);
	}
	else if (summary->satisfied_from != 0)
		return pstrdup("Only CSAT summaries have a satisfied band.");
	for (score = 0; score < RATING_SLOTS; score++)
	{
		bool		in_scale = score >= summary->scale_min &&
		score <= summary->scale_max;

		if (summary->counts[score] < 0)
			return psprintf("The count for score %d is negative.", score);
		if (!in_scale && summary->counts[score] != 0)
			return psprintf("Score %d is outside the scale.", score);
		if (pg_add_s64_overflow(total, summary->counts[score], &total))
			return pstrdup("The total number of answers is out of range for type bigint.");
		if (summary->flags & RATING_FLAG_WEIGHTED)
		{
			double		weight = summary->weights[score];

			if (isnan(weight) || isinf(weight) || weight < 0)
				return psprintf("The weight for score %d is not a finite number greater than or equal to 0.",
								score);
			if (weight > 0 && summary->counts[score] == 0)
				return psprintf("Score %d has weight but no answers.", score);
			if (weight > 0 && weight < RATING_MIN_WEIGHT)
				return psprintf("The weight for score %d is below the smallest weight, 1e-150.", score);
		}
	}
	if (summary->flags & RATING_FLAG_WEIGHTED)
	{
		double		sum_sq = summary->sum_sq_weights;
		double		total_weight = 0.0;

		if (isnan(sum_sq) || isinf(sum_sq) || sum_sq < 0)
			return pstrdup("The sum of squared weights is not a finite number greater than or equal to 0.");
		for (score = 0; score < RATING_SLOTS; score++)
			total_weight += summary->weights[score];
		/* so that weighted means (up to 10 times the total) stay finite */
		if (isinf(total_weight * RATING_MAX_SCORE))
			return pstrdup("The total weight is out of range for type double precision.");

		/*
		 * For n answers of weights w >= 0, (sum w)^2 / n <= sum w^2 <=
		 * (sum w)^2, and sum w^2 > 0 exactly when some w > 0 (weights are at
		 * least 1e-150).  Allow for rounding: the sums may have been added
		 * in any order.
		 */
		if (total_weight > 0.0)
		{
			double		ratio = sum_sq / total_weight / total_weight;

			if (!(sum_sq > 0.0) || ratio > 1.0 + 1e-6 ||
				ratio < (1.0 - 1e-6) / (double) total)
				return pstrdup("The sum of squared weights does not fit the weights.");
		}
		else if (sum_sq != 0.0)
			return pstrdup("The sum of squared weights does not fit the weights.");
	}
	return NULL;
}

/*
 * Text form
 * ---------
 * A JSON object, so it reads well in psql and casts to jsonb:
 *
 *	 {"version": 1, "scale": [0, 10], "counts": [c0, ..., c10]}
 *
 * with "satisfied_from": k after "scale" for CSAT, and for weighted
 * summaries "weights": [w0, ...] (weight sum per score) and
 * "sum_sq_weights": s.  Weights are written in the shortest form that
 * reads back as the same double, so output -> input is exact.
 */

/* Keys of the text form, in the order messages list them. */
enum
{
	KEY_VERSION,
	KEY_SCALE,
	KEY_SATISFIED_FROM,
	KEY_COUNTS,
	KEY_WEIGHTS,
	KEY_SUM_SQ_WEIGHTS
};

#define KEY_BIT(key) (((uint32) 1 << (key)))

/* The keys of CSAT (by the enum above), and of NPS and CES (no band). */
static const char *const csat_text_keys[] = {
	"version", "scale", "satisfied_from", "counts", "weights", "sum_sq_weights", NULL
};
static const char *const rating_text_keys[] = {
	"version", "scale", "counts", "weights", "sum_sq_weights", NULL
};

/* A key of the type's text_keys as one of the enum above. */
static int
rating_key(const SummaryType *type, int key)
{
	int			i;

	for (i = 0; csat_text_keys[i] != NULL; i++)
		if (strcmp(type->text_keys[key], csat_text_keys[i]) == 0)
			return i;
	elog(ERROR, "unknown rating summary key \"%s\"", type->text_keys[key]);
	return 0;					/* keep compiler quiet */
}

/* What the text reader has read so far. */
typedef struct RatingText
{
	int64		scale[2];		/* "scale": [low, high] */
	int64		satisfied_from; /* "satisfied_from" */
	int64		counts[RATING_SLOTS];	/* "counts", from the scale's low end */
	double		weights[RATING_SLOTS];	/* "weights", likewise */
	double		sum_sq_weights; /* "sum_sq_weights" */
	int			n_counts;		/* numbers in "counts" */
	int			n_weights;		/* numbers in "weights" */
} RatingText;

/* Read the value of one key (SummaryType.read_text_field). */
static void
rating_read_text_field(const SummaryType *type, TextParser *parser, int key,
					   void *scratch)
{
	RatingText *text = (RatingText *) scratch;

	switch (rating_key(type, key))
	{
		case KEY_SCALE:
			{
				const char *array_start;

				skip_space(parser);
				array_start = parser->pos;
				if (read_count_array(parser, text->scale, 2) != 2)
				{
					parser->pos = array_start;
					text_syntax_error(parser, "a scale of two scores [low, high]");
				}
				break;
			}
		case KEY_SATISFIED_FROM:
			text->satisfied_from = read_count(parser, "a score");
			break;
		case KEY_COUNTS:
			text->n_counts = read_count_array(parser, text->counts, RATING_SLOTS);
			break;
		case KEY_WEIGHTS:
			text->n_weights = read_double_array(parser, text->weights, RATING_SLOTS);
			break;
		case KEY_SUM_SQ_WEIGHTS:
			text->sum_sq_weights = read_double(parser, "a number");
			break;
	}
}

/* The summary the keys describe (SummaryType.finish_text). */
static void *
rating_finish_text(const SummaryType *type, TextParser *parser, void *scratch,
				   uint32 seen)
{
	RatingText *text = (RatingText *) scratch;
	RatingKind	kind = (RatingKind) type->variant;
	int64	   *scale = text->scale;
	RatingSummary *summary;
	int			width;
	int			score;
	uint32		seen_keys = 0;

	/* seen as bits of the enum above */
	for (score = 0; type->text_keys[score] != NULL; score++)
		if (seen & KEY_BIT(score))
			seen_keys |= KEY_BIT(rating_key(type, score));
	seen = seen_keys;
	if (!(seen & KEY_BIT(KEY_VERSION)))
		text_content_error(parser, "The key \"version\" is missing.");
	if (!(seen & KEY_BIT(KEY_SCALE)))
		text_content_error(parser, "The key \"scale\" is missing.");
	if (!(seen & KEY_BIT(KEY_COUNTS)))
		text_content_error(parser, "The key \"counts\" is missing.");
	if (kind == RATING_KIND_CSAT && !(seen & KEY_BIT(KEY_SATISFIED_FROM)))
		text_content_error(parser, "The key \"satisfied_from\" is missing.");
	if (((seen & KEY_BIT(KEY_WEIGHTS)) != 0) != ((seen & KEY_BIT(KEY_SUM_SQ_WEIGHTS)) != 0))
		text_content_error(parser, "The keys \"weights\" and \"sum_sq_weights\" come together.");
	if (scale[0] > RATING_MAX_SCORE || scale[1] > RATING_MAX_SCORE ||
		!rating_scale_is_valid(kind, (int) scale[0], (int) scale[1]))
		text_content_error(parser,
						   kind == RATING_KIND_NPS ?
						   psprintf("The scale [" INT64_FORMAT ", " INT64_FORMAT "] is not the NPS scale [0, 10].",
									scale[0], scale[1]) :
						   psprintf("The scale [" INT64_FORMAT ", " INT64_FORMAT "] is not 1 to a top score of 2 to 10.",
									scale[0], scale[1]));
	width = (int) (scale[1] - scale[0] + 1);
	if (text->n_counts != width)
		text_content_error(parser,
						   psprintf("\"counts\" has %d numbers; the scale [" INT64_FORMAT ", " INT64_FORMAT "] needs %d.",
									text->n_counts, scale[0], scale[1], width));
	if ((seen & KEY_BIT(KEY_WEIGHTS)) && text->n_weights != width)
		text_content_error(parser,
						   psprintf("\"weights\" has %d numbers; the scale [" INT64_FORMAT ", " INT64_FORMAT "] needs %d.",
									text->n_weights, scale[0], scale[1], width));
	if (text->satisfied_from > RATING_MAX_SCORE)
		text_content_error(parser,
						   psprintf("satisfied_from " INT64_FORMAT " is outside the scale.",
									text->satisfied_from));

	summary = rating_summary_new(CurrentMemoryContext, kind, (int) scale[1],
								 (int) text->satisfied_from);
	for (score = 0; score < width; score++)
	{
		summary->counts[scale[0] + score] = text->counts[score];
		summary->weights[scale[0] + score] = text->weights[score];
	}
	if (seen & KEY_BIT(KEY_WEIGHTS))
	{
		summary->flags |= RATING_FLAG_WEIGHTED;
		summary->sum_sq_weights = text->sum_sq_weights;
	}
	return summary;
}

/* The fields after "version" (SummaryType.write_text). */
static void
rating_write_text(StringInfo buf, const void *value)
{
	const RatingSummary *summary = (const RatingSummary *) value;
	int			score;

	appendStringInfo(buf, ", \"scale\": [%d, %d]", summary->scale_min, summary->scale_max);
	if (summary->kind == RATING_KIND_CSAT)
		appendStringInfo(buf, ", \"satisfied_from\": %d", summary->satisfied_from);
	appendStringInfoString(buf, ", \"counts\": [");
	for (score = summary->scale_min; score <= summary->scale_max; score++)
		appendStringInfo(buf, score > summary->scale_min ? ", " INT64_FORMAT : INT64_FORMAT,
						 summary->counts[score]);
	appendStringInfoChar(buf, ']');
	if (rating_is_weighted(summary))
	{
		appendStringInfoString(buf, ", \"weights\": [");
		for (score = summary->scale_min; score <= summary->scale_max; score++)
		{
			if (score > summary->scale_min)
				appendStringInfoString(buf, ", ");
			append_double(buf, summary->weights[score]);
		}
		appendStringInfoString(buf, "], \"sum_sq_weights\": ");
		append_double(buf, summary->sum_sq_weights);
	}
}

/*
 * Binary form
 * -----------
 * version (1 byte), kind, scale_min, scale_max, satisfied_from, flags
 * (1 byte each), the counts of scale_min..scale_max as int8, and when
 * flags has RATING_FLAG_WEIGHTED the weights of the same scores and the
 * sum of squared weights as float8.  Every byte is checked on receipt.
 */

/* The fields after the version byte (SummaryType.read_binary). */
static void *
rating_read_binary(const SummaryType *type, StringInfo buf)
{
	RatingKind	kind = (RatingKind) type->variant;
	uint8		header[5];
	RatingSummary *summary;
	int			score;

	binary_read(buf, header, sizeof(header), type->type_name);
	if (header[0] != kind)
		binary_error(type->type_name, psprintf("The value is of kind %d, not %d.", header[0], kind));
	if (header[4] & ~RATING_STORED_FLAGS)
		binary_error(type->type_name, psprintf("Unknown flags 0x%02x.", header[4]));
	if (!rating_scale_is_valid(kind, header[1], header[2]))
		binary_error(type->type_name, psprintf("The scale %d to %d is not valid here.",
											   header[1], header[2]));

	summary = rating_summary_new(CurrentMemoryContext, kind, header[2], header[3]);
	summary->flags = header[4];
	for (score = header[1]; score <= header[2]; score++)
		summary->counts[score] = binary_read_int64(buf, type->type_name);
	if (summary->flags & RATING_FLAG_WEIGHTED)
	{
		for (score = header[1]; score <= header[2]; score++)
			summary->weights[score] = binary_read_double(buf, type->type_name) + 0.0;
		summary->sum_sq_weights = binary_read_double(buf, type->type_name) + 0.0;
	}
	return summary;
}

/* The fields after the version byte (SummaryType.write_binary). */
static void
rating_write_binary(StringInfo buf, const void *value)
{
	const RatingSummary *summary = (const RatingSummary *) value;
	bool		weighted = rating_is_weighted(summary);
	int			score;

	pq_sendbyte(buf, summary->kind);
	pq_sendbyte(buf, summary->scale_min);
	pq_sendbyte(buf, summary->scale_max);
	pq_sendbyte(buf, summary->satisfied_from);
	pq_sendbyte(buf, weighted ? RATING_FLAG_WEIGHTED : 0);
	for (score = summary->scale_min; score <= summary->scale_max; score++)
		pq_sendint64(buf, summary->counts[score]);
	if (weighted)
	{
		for (score = summary->scale_min; score <= summary->scale_max; score++)
			pq_sendfloat8(buf, summary->weights[score]);
		pq_sendfloat8(buf, summary->sum_sq_weights);
	}
}

/* Whether a state holds no answer (SummaryType.is_empty). */
static bool
rating_is_empty(const void *value)
{
	return rating_responses((const RatingSummary *) value) == 0;
}

/* rating_note_large_counts as SummaryType.prepare. */
static void
rating_prepare(void *value)
{
	rating_note_large_counts((RatingSummary *) value);
}

/* rating_equal as SummaryType.equal. */
static bool
rating_equal_values(const void *a, const void *b)
{
	return rating_equal((const RatingSummary *) a, (const RatingSummary *) b);
}

/* rating_check_content as SummaryType.check_content. */
static char *
rating_check_value(const void *value)
{
	const RatingSummary *summary = (const RatingSummary *) value;

	return rating_check_content(summary, (RatingKind) summary->kind);
}

/* One rating summary type's description; only the name and kind differ. */
#define RATING_SUMMARY_TYPE(name, kind, keys, hint) \
	{ \
		.type_name = (name), \
		.variant = (kind), \
		.version = RATING_SUMMARY_VERSION, \
		.varlena = false, \
		.size = sizeof(RatingSummary), \
		.flags_offset = offsetof(RatingSummary, flags), \
		.stored_flags = RATING_STORED_FLAGS, \
		.n_sums = RATING_SUMS, \
		.sums_offset = offsetof(RatingSummary, weights), \
		.init = rating_init, \
		.prepare = rating_prepare, \
		.is_empty = rating_is_empty, \
		.restart = NULL, \
		.add = rating_add, \
		.equal = rating_equal_values, \
		.check_content = rating_check_value, \
		.text_keys = (keys), \
		.text_hint = (hint), \
		.text_scratch_size = sizeof(RatingText), \
		.read_text_field = rating_read_text_field, \
		.finish_text = rating_finish_text, \
		.write_text = rating_write_text, \
		.binary_header = 6, \
		.write_binary = rating_write_binary, \
		.read_binary = rating_read_binary \
	}

#define RATING_TEXT_HINT "The text form is {\"version\": 1, \"scale\": [low, high], \"counts\": [...]}, as written by the type's output."

const SummaryType rating_summary_types[] = {
	[0] = RATING_SUMMARY_TYPE("nps_summary", RATING_KIND_NPS, rating_text_keys, RATING_TEXT_HINT),
	[RATING_KIND_NPS] = RATING_SUMMARY_TYPE("nps_summary", RATING_KIND_NPS,
											rating_text_keys, RATING_TEXT_HINT),
	[RATING_KIND_CSAT] = RATING_SUMMARY_TYPE("csat_summary", RATING_KIND_CSAT,
											 csat_text_keys, RATING_TEXT_HINT),
	[RATING_KIND_CES] = RATING_SUMMARY_TYPE("ces_summary", RATING_KIND_CES,
											rating_text_keys, RATING_TEXT_HINT)
};

/*
 * rating_summary_from_text
 *		Parse the text form of a summary of the given kind.
 */
RatingSummary *
rating_summary_from_text(const char *text, RatingKind kind)
{
	return (RatingSummary *) summary_from_text(rating_type(kind), text);
}

/*
 * rating_summary_to_text
 *		The text form (see above).
 */
char *
rating_summary_to_text(const RatingSummary *summary)
{
	return summary_to_text(rating_type(summary->kind), summary);
}

/*
 * rating_summary_from_binary
 *		Read the binary form of a summary of the given kind.
 */
RatingSummary *
rating_summary_from_binary(StringInfo buf, RatingKind kind)
{
	return (RatingSummary *) summary_from_binary(rating_type(kind), buf);
}

/*
 * rating_summary_to_binary
 *		The binary form (see above).
 */
bytea *
rating_summary_to_binary(const RatingSummary *summary)
{
	return summary_to_binary(rating_type(summary->kind), summary);
}

/*
 * rating_report_bad_score
 *		The error for a score outside the scale (or not an integer).
 */
void
rating_report_bad_score(RatingKind kind, const char *score_text,
						int scale_min, int scale_max)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s score %s is out of range", rating_kind_metric_name(kind),
					score_text),
			 errhint("%s scores are integers from %d to %d.",
					 rating_kind_metric_name(kind), scale_min, scale_max)));
}

/*
 * Cached numerics 0..RATING_MAX_SCORE, to test whether a numeric score is
 * a whole number without building a numeric per row.
 */
typedef struct NumericScoreCache
{
	Datum		whole[RATING_SLOTS];	/* numeric value of each score */
} NumericScoreCache;

/*
 * rating_score_from_numeric
 *		The integer score in numeric argument argno, checked against the
 *		scale: a fractional or out-of-range score is an error.
 */
int
rating_score_from_numeric(FunctionCallInfo fcinfo, int argno, RatingKind kind,
						  int scale_min, int scale_max)
{
	Numeric		value = PG_GETARG_NUMERIC(argno);
	NumericScoreCache *cache = (NumericScoreCache *) fcinfo->flinfo->fn_extra;
	bool		error = false;
	int32		score;

	if (numeric_is_nan(value) || numeric_is_inf(value))
		score = -1;
	else
		score = numeric_int4_opt_error(value, &error);
	if (error || score < scale_min || score > scale_max)
		rating_report_bad_score(kind,
								DatumGetCString(DirectFunctionCall1(numeric_out,
																	NumericGetDatum(value))),
								scale_min, scale_max);
	if (cache == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		int			i;

		cache = (NumericScoreCache *) palloc(sizeof(NumericScoreCache));
		for (i = 0; i < RATING_SLOTS; i++)
			cache->whole[i] = NumericGetDatum(int64_to_numeric(i));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = cache;
	}
	/* numeric_int4 rounds; the score itself must be whole */
	if (!DatumGetBool(DirectFunctionCall2(numeric_eq, NumericGetDatum(value),
										  cache->whole[score])))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s score %s is not an integer", rating_kind_metric_name(kind),
						DatumGetCString(DirectFunctionCall1(numeric_out,
															NumericGetDatum(value)))),
				 errhint("%s scores are integers from %d to %d.",
						 rating_kind_metric_name(kind), scale_min, scale_max)));
	return score;
}

/*
 * SQL-callable functions shared by every rating summary type
 * -----------------------------------------------------------
 * The SQL declarations bind each type's functions (responses(nps_summary),
 * responses(csat_summary), ...) to these; the kind stored in the value
 * tells them which metric they serve.
 */

/*
 * rating_summary_combine, rating_summary_subtract, rating_summary_final,
 * rating_window_summary_final, rating_summary_out, rating_summary_send,
 * rating_summary_eq, rating_summary_ne, rating_summary_hash
 *		The summary kernel's functions (see SUMMARY_FUNCTIONS), shared by
 *		the three rating summary types: what they do does not depend on the
 *		kind, which the value carries (nps_summary_combine ... in SQL).
 */
SUMMARY_FUNCTIONS(rating, rating_type(0))

/*
 * rating_window_final
 *		Moving-aggregate final function of a direct aggregate: the metric
 *		(a strict accessor such as nps(s)) of the window state's summary.
 */
Datum
rating_window_final(FunctionCallInfo fcinfo, PGFunction metric)
{
	return summary_window_metric(fcinfo, rating_type(0), metric);
}

PG_FUNCTION_INFO_V1(rating_summary_responses);
/*
 * rating_summary_responses
 *		responses(s): the number of answers (rows), weights ignored.
 */
Datum
rating_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(rating_responses(PG_GETARG_RATING_SUMMARY_P(0)));
}

PG_FUNCTION_INFO_V1(rating_summary_mean);
/*
 * rating_summary_mean
 *		mean(s): the (weighted) mean score; NULL without answers or weight.
 */
Datum
rating_summary_mean(PG_FUNCTION_ARGS)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(0);
	double		weight_sum = 0.0;
	double		score_sum = 0.0;
	int			score;

	for (score = summary->scale_min; score <= summary->scale_max; score++)
	{
		double		weight = rating_weight_at(summary, score);

		weight_sum += weight;
		score_sum += weight * score;
	}
	if (!(weight_sum > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score_sum / weight_sum);
}

PG_FUNCTION_INFO_V1(rating_summary_distribution);
/*
 * rating_summary_distribution
 *		distribution(s): answers per score as bigint[], subscripted by the
 *		score itself (so distribution(s)[9] counts the 9s; an NPS array
 *		runs from [0], the others from [1]).
 */
Datum
rating_summary_distribution(PG_FUNCTION_ARGS)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(0);
	int			width = summary->scale_max - summary->scale_min + 1;
	Datum		elements[RATING_SLOTS];
	int			dims[1];
	int			lbs[1];
	int			i;

	if (summary->scale_max == 0)
		PG_RETURN_NULL();
	for (i = 0; i < width; i++)
		elements[i] = Int64GetDatum(summary->counts[summary->scale_min + i]);
	dims[0] = width;
	lbs[0] = summary->scale_min;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elements, NULL, 1, dims, lbs,
											 INT8OID, sizeof(int64),
											 FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(rating_summary_share);
/*
 * rating_summary_share
 *		share(s, from_score, to_score): percent of the (weighted) answers
 *		with a score in from_score..to_score.
 */
Datum
rating_summary_share(PG_FUNCTION_ARGS)
{
	RatingSummary *summary = PG_GETARG_RATING_SUMMARY_P(0);
	int32		from = PG_GETARG_INT32(1);
	int32		to = PG_GETARG_INT32(2);
	RatingTotals totals;

	if (from < summary->scale_min || to > summary->scale_max || from > to)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("score band %d to %d is not within the %d to %d scale",
						from, to, summary->scale_min, summary->scale_max),
				 errhint("Give from_score <= to_score, both from %d to %d.",
						 summary->scale_min, summary->scale_max)));
	rating_totals(summary, &totals);
	if (!(totals.weight_sum > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rating_percent(rating_weight_between(summary, from, to),
									totals.weight_sum));
}

