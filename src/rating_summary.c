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
 * window state whose first rows are NULL).  Every new summary, window
 * states included, starts unweighted (version 1), and turns version-2
 * weighted with its first weight.
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
}

/*
 * Start a window state's emptied frame afresh (SummaryType.restart): the
 * counts are all zero, and the state is unweighted again until a weight
 * enters.
 */
static void
rating_restart(void *value)
{
	RatingSummary *summary = (RatingSummary *) value;

	summary->version = RATING_SUMMARY_VERSION;
	summary->flags &= ~(RATING_FLAG_WEIGHTED | RATING_FLAG_LARGE);
	memset(&summary->body, 0, sizeof(summary->body));
	memset(summary->weights, 0, sizeof(summary->weights));
	summary->sum_sq_weights = 0.0;
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
 * overflowed double precision is an error, not an infinite weight.  (Of a
 * version-2 summary's sums of squares, sum_sq_weights bounds the band sums
 * and sq_weights_score_sq the sum w^2 s, so these two stand for all.)
 */
static void
rating_check_weight_sums(const RatingSummary *summary, int score)
{
	if (unlikely(isinf(summary->weights[score])))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum of weights is out of range for type double precision"),
				 errhint("Scale the weights down, for example so that they average 1.")));
	if (unlikely(isinf(summary->sum_sq_weights) ||
				 (summary->version == RATING_SUMMARY_VERSION_SQUARES &&
				  isinf(summary->body.squares.sq_weights_score_sq))))
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
 * Report a count that does not fit a weighted (version-2) summary, whose
 * counts have 40 bits so that its sums of squares fit in the type's 192
 * bytes.
 */
pg_noreturn static void
rating_report_packed_count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("number of answers with one score is out of range for a weighted summary"),
			 errdetail("A weighted summary holds at most 1099511627775 answers per score."),
			 errhint("Split the answers, for example by period, or summarize them without weights.")));
}

/* Whether a summary is weighted in the version-1 layout (Kish's n only). */
static inline bool
rating_is_legacy_weighted(const RatingSummary *summary)
{
	return (summary->flags & RATING_FLAG_WEIGHTED) &&
		summary->version != RATING_SUMMARY_VERSION_SQUARES;
}

/*
 * The band whose squared weights a version-2 summary sums for a score:
 * 0 (NPS detractors, CSAT unsatisfied), 1 (NPS promoters, CSAT
 * satisfied) or -1 (NPS passives, every CES score).
 */
static inline int
rating_band_of(const RatingSummary *summary, int score)
{
	switch (summary->kind)
	{
		case RATING_KIND_NPS:
			return score <= RATING_NPS_LAST_DETRACTOR ? 0 :
				(score >= RATING_NPS_FIRST_PROMOTER ? 1 : -1);
		case RATING_KIND_CSAT:
			return score >= summary->satisfied_from ? 1 : 0;
		default:
			return -1;
	}
}

/* The RATING_SUMS kept doubles of a version-2 summary, by index. */
static inline double *
rating_kept_sums(RatingSummary *summary)
{
	return (double *) ((char *) summary +
					   offsetof(RatingSummary, body.squares.band_sq_weights));
}

/* Set a count of a version-2 summary (the caller checked the range). */
static inline void
rating_set_packed_count(RatingSummary *summary, int score, int64 count)
{
	uint8	   *packed = summary->body.squares.packed_counts +
		score * RATING_PACKED_COUNT_BYTES;
	int			i;

	for (i = 0; i < RATING_PACKED_COUNT_BYTES; i++)
		packed[i] = (uint8) (count >> (8 * i));
}

/*
 * Add one to a count of a version-2 summary; false (nothing changed) when
 * it is already the largest 40-bit count.
 */
static inline bool
rating_increment_packed_count(RatingSummary *summary, int score)
{
	uint8	   *packed = summary->body.squares.packed_counts +
		score * RATING_PACKED_COUNT_BYTES;
	int			i;

	for (i = 0; i < RATING_PACKED_COUNT_BYTES; i++)
		if (++packed[i] != 0)
			return true;
	/* every byte wrapped from 0xff to 0: undo */
	for (i = 0; i < RATING_PACKED_COUNT_BYTES; i++)
		packed[i] = 0xff;
	return false;
}

/*
 * The RATING_SUMS doubles of a summary whose answers all weigh 1 (an
 * unweighted one), as a version-2 summary would keep them.  Exact for
 * counts of a version-2 summary (below 2^40, so every sum is below 2^53).
 */
static void
rating_unit_sums(const RatingSummary *summary, double *sums)
{
	int64		total = 0;
	int			score;

	memset(sums, 0, RATING_SUMS * sizeof(double));
	for (score = 0; score < RATING_SLOTS; score++)
	{
		int64		count = rating_count(summary, score);
		int			band = rating_band_of(summary, score);

		sums[RATING_SUM_WEIGHT + score] = (double) count;
		if (band >= 0)
			sums[RATING_SUM_BAND + band] += (double) count;
		sums[RATING_SUM_SCORE] += (double) count * score;
		sums[RATING_SUM_SCORE_SQ] += (double) count * score * score;
		total += count;
	}
	sums[RATING_SUM_SQ_WEIGHTS] = (double) total;
}

/*
 * The RATING_SUMS doubles of a summary that is version 2 or unweighted,
 * as a version-2 summary keeps them.
 */
static void
rating_sums_of(const RatingSummary *summary, double *sums)
{
	if (summary->version == RATING_SUMMARY_VERSION_SQUARES)
		memcpy(sums, rating_kept_sums((RatingSummary *) summary),
			   RATING_SUMS * sizeof(double));
	else
		rating_unit_sums(summary, sums);
}

/* Check every kept double of a version-2 summary after additions. */
static void
rating_check_kept_sums(const RatingSummary *summary)
{
	int			score;

	for (score = 0; score < RATING_SLOTS; score++)
		rating_check_weight_sums(summary, score);
}

/*
 * target += sign * sums, the RATING_SUMS doubles of a version-2 summary:
 * in a window state exactly as well (sign -1 only there).
 */
static void
rating_add_sums(RatingSummary *target, const double *sums, int sign)
{
	double	   *kept = rating_kept_sums(target);
	int			i;

	for (i = 0; i < RATING_SUMS; i++)
	{
		if (sums[i] == 0.0)
			continue;
		if (target->flags & RATING_FLAG_WINDOW)
			summary_add_sum(rating_type(target->kind), target, i, sign * sums[i]);
		else
			kept[i] += sums[i];
	}
	rating_check_kept_sums(target);
}

/*
 * Add sign times one answer of the given weight to the sums of a
 * version-2 summary: the per-row step of the weighted aggregates.
 */
static inline void
rating_add_squares_row(RatingSummary *state, int score, double weight, int sign)
{
	double		square = weight * weight;
	int			band = rating_band_of(state, score);

	if (state->flags & RATING_FLAG_WINDOW)
	{
		const SummaryType *type = rating_type(state->kind);

		summary_add_sum(type, state, RATING_SUM_WEIGHT + score, sign * weight);
		summary_add_sum(type, state, RATING_SUM_SQ_WEIGHTS, sign * square);
		if (band >= 0)
			summary_add_sum(type, state, RATING_SUM_BAND + band, sign * square);
		summary_add_sum(type, state, RATING_SUM_SCORE, sign * (square * score));
		summary_add_sum(type, state, RATING_SUM_SCORE_SQ, sign * (square * score * score));
	}
	else
	{
		state->weights[score] += weight;
		state->sum_sq_weights += square;
		if (band >= 0)
			state->body.squares.band_sq_weights[band] += square;
		state->body.squares.sq_weights_score += square * score;
		state->body.squares.sq_weights_score_sq += square * score * score;
	}
}

/*
 * Turn an unweighted summary into a version-2 weighted one without
 * changing its value: every answer so far had weight 1.  A count beyond
 * 40 bits is an error.  A window state changes layout here only while it
 * keeps no doubles (unweighted), so its exact sums are all zero and take
 * the new doubles through summary_add_sum.
 */
static void
rating_to_squares(RatingSummary *summary)
{
	int64		counts[RATING_SLOTS];
	double		sums[RATING_SUMS];
	int			score;

	Assert(!(summary->flags & RATING_FLAG_WEIGHTED));
	for (score = 0; score < RATING_SLOTS; score++)
	{
		counts[score] = summary->body.counts[score];
		if (counts[score] >= RATING_PACKED_COUNT_LIMIT)
			rating_report_packed_count_overflow();
	}
	rating_unit_sums(summary, sums);
	memset(&summary->body, 0, sizeof(summary->body));
	memset(summary->weights, 0, sizeof(summary->weights));
	summary->sum_sq_weights = 0.0;
	summary->version = RATING_SUMMARY_VERSION_SQUARES;
	summary->flags = (summary->flags | RATING_FLAG_WEIGHTED) & ~RATING_FLAG_LARGE;
	for (score = 0; score < RATING_SLOTS; score++)
		rating_set_packed_count(summary, score, counts[score]);
	rating_add_sums(summary, sums, 1);
}

/*
 * Turn a summary into a version-1 weighted one (weights and their total
 * sum of squares only), as a summary combined with a version-1 weighted
 * value becomes: what it knew of the squares by band is lost, and its
 * statistics use Kish's n.  A window state stops keeping doubles, so it
 * turns inexact (inverse transitions decline until PostgreSQL recomputes
 * the frame), its doubles first taking the exact sums of its rows.
 */
static void
rating_to_legacy(RatingSummary *summary)
{
	int64		counts[RATING_SLOTS];
	int			score;

	if (summary->flags & RATING_FLAG_WINDOW)
	{
		if (summary->version == RATING_SUMMARY_VERSION_SQUARES &&
			!(summary->flags & RATING_FLAG_INEXACT))
		{
			SummaryWindow *window = summary_window_base(rating_type(summary->kind),
														summary);
			double	   *kept = rating_kept_sums(summary);
			int			i;

			for (i = 0; i < RATING_SUMS; i++)
				kept[i] = exact_sum_value(&window->sums[i]);
		}
		summary->flags |= RATING_FLAG_INEXACT;
	}
	if (summary->version == RATING_SUMMARY_VERSION_SQUARES)
	{
		for (score = 0; score < RATING_SLOTS; score++)
			counts[score] = rating_count(summary, score);
		memset(&summary->body, 0, sizeof(summary->body));
		summary->version = RATING_SUMMARY_VERSION;
		for (score = 0; score < RATING_SLOTS; score++)
			summary->body.counts[score] = counts[score];
	}
	else if (!(summary->flags & RATING_FLAG_WEIGHTED))
	{
		int64		total = 0;

		for (score = 0; score < RATING_SLOTS; score++)
		{
			summary->weights[score] = (double) summary->body.counts[score];
			total += summary->body.counts[score];
		}
		summary->sum_sq_weights = (double) total;
		summary->flags |= RATING_FLAG_WEIGHTED;
	}
	rating_note_large_counts(summary);
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
		if (rating_count(summary, score) > RATING_SMALL_COUNT_LIMIT)
			summary->flags |= RATING_FLAG_LARGE;
}

/*
 * Check that one more answer fits a version-1 summary: the total number
 * of answers, not only the count of one score, must stay within bigint
 * (responses(s) is their sum).
 */
static void
rating_check_room_for_answer(const RatingSummary *state)
{
	int64		total = 0;
	int			score;

	for (score = 0; score < RATING_SLOTS; score++)
		if (pg_add_s64_overflow(total, state->body.counts[score], &total))
			rating_report_count_overflow();
	if (total == PG_INT64_MAX)
		rating_report_count_overflow();
}

/*
 * rating_add_answer_slow
 *		rating_add_answer for a weighted state, a window state or one with
 *		large counts: the total is checked, a window counts the row, and a
 *		weighted state's sums grow as for a weight of 1.
 */
void
rating_add_answer_slow(RatingSummary *state, int score)
{
	summary_window_count(rating_type(state->kind), state, 1);
	if (state->version == RATING_SUMMARY_VERSION_SQUARES)
	{
		if (!rating_increment_packed_count(state, score))
			rating_report_packed_count_overflow();
		rating_add_squares_row(state, score, 1.0, 1);
		rating_check_weight_sums(state, score);
		return;
	}
	rating_check_room_for_answer(state);
	state->body.counts[score]++;
	if (state->flags & RATING_FLAG_WEIGHTED)
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
 *
 * The per-row path of the weighted aggregates: a version-2 state adds one
 * to a packed count and the weight to five sums, in place.
 */
void
rating_add_weighted_answer(RatingSummary *state, int score, double weight)
{
	rating_check_weight(weight);
	weight += 0.0;				/* turn -0 into +0 */
	summary_window_count(rating_type(state->kind), state, 1);
	if (unlikely(state->version != RATING_SUMMARY_VERSION_SQUARES))
	{
		if (rating_is_legacy_weighted(state))
		{
			/* a version-1 weighted state (a direct call on a stored value) */
			rating_check_room_for_answer(state);
			state->body.counts[score]++;
			state->weights[score] += weight;
			state->sum_sq_weights += weight * weight;
			rating_check_weight_sums(state, score);
			rating_note_large_counts(state);
			return;
		}
		rating_to_squares(state);
	}
	if (unlikely(!rating_increment_packed_count(state, score)))
		rating_report_packed_count_overflow();
	rating_add_squares_row(state, score, weight, 1);
	rating_check_weight_sums(state, score);
}

/*
 * rating_remove_answer
 *		Inverse of rating_add_answer.  False when the result would not be
 *		exact, so the caller must let the aggregate be recomputed.
 */
bool
rating_remove_answer(RatingSummary *state, int score)
{
	if (rating_count(state, score) <= 0)
		elog(ERROR, "inverse transition removed score %d that was never added", score);
	if (!(state->flags & RATING_FLAG_WINDOW))
	{
		if (state->flags & RATING_FLAG_WEIGHTED)
			return false;
		state->body.counts[score]--;
		return true;
	}
	summary_window_count(rating_type(state->kind), state, -1);
	if (state->version == RATING_SUMMARY_VERSION_SQUARES)
	{
		rating_set_packed_count(state, score, rating_count(state, score) - 1);
		rating_add_squares_row(state, score, 1.0, -1);
		return (state->flags & RATING_FLAG_INEXACT) == 0;
	}
	if (state->flags & RATING_FLAG_WEIGHTED)
		return false;
	state->body.counts[score]--;
	return true;
}

/*
 * rating_remove_weighted_answer
 *		Inverse of rating_add_weighted_answer; false when not exact.
 */
bool
rating_remove_weighted_answer(RatingSummary *state, int score, double weight)
{
	if (rating_count(state, score) <= 0 || !(state->flags & RATING_FLAG_WEIGHTED))
		elog(ERROR, "inverse transition removed score %d that was never added", score);
	if (!(state->flags & RATING_FLAG_WINDOW) ||
		state->version != RATING_SUMMARY_VERSION_SQUARES)
		return false;
	rating_set_packed_count(state, score, rating_count(state, score) - 1);
	summary_window_count(rating_type(state->kind), state, -1);
	rating_add_squares_row(state, score, weight, -1);
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
 * target += source where either is a version-1 weighted summary: the
 * result is one too (counts, weights and the total sum of squares).
 */
static void
rating_combine_legacy(RatingSummary *target, const RatingSummary *source)
{
	double		source_sum_sq = (source->flags & RATING_FLAG_WEIGHTED) ?
	source->sum_sq_weights : (double) rating_responses(source);
	int64		total = 0;
	int			score;

	rating_to_legacy(target);
	for (score = 0; score < RATING_SLOTS; score++)
	{
		if (pg_add_s64_overflow(target->body.counts[score], rating_count(source, score),
								&target->body.counts[score]) ||
			pg_add_s64_overflow(total, target->body.counts[score], &total))
			rating_report_count_overflow();
		target->weights[score] += rating_weight_at(source, score);
		rating_check_weight_sums(target, score);
	}
	target->sum_sq_weights += source_sum_sq;
	rating_check_weight_sums(target, 0);
}

/*
 * target += source where either is a version-2 summary and neither a
 * version-1 weighted one: the result is version 2.
 */
static void
rating_combine_squares(RatingSummary *target, const RatingSummary *source)
{
	double		sums[RATING_SUMS];
	int			score;

	/* an unweighted source may hold any bigint count: check it alone first */
	for (score = 0; score < RATING_SLOTS; score++)
		if (rating_count(source, score) >= RATING_PACKED_COUNT_LIMIT)
			rating_report_packed_count_overflow();
	if (target->version != RATING_SUMMARY_VERSION_SQUARES)
		rating_to_squares(target);
	for (score = 0; score < RATING_SLOTS; score++)
	{
		/* both below 2^40: no overflow */
		int64		count = rating_count(target, score) + rating_count(source, score);

		if (count >= RATING_PACKED_COUNT_LIMIT)
			rating_report_packed_count_overflow();
		rating_set_packed_count(target, score, count);
	}
	rating_sums_of(source, sums);
	rating_add_sums(target, sums, 1);
}

/*
 * target += source.  The caller owns target and may modify it.
 *
 * Unweighted and unweighted stay unweighted; a version-1 weighted summary
 * on either side makes the result one (Kish's n); otherwise a version-2
 * summary on either side makes it version 2, unweighted answers counting
 * with weight 1.
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
	if (rating_is_legacy_weighted(target) || rating_is_legacy_weighted(source))
		rating_combine_legacy(target, source);
	else if (target->version == RATING_SUMMARY_VERSION_SQUARES ||
			 source->version == RATING_SUMMARY_VERSION_SQUARES)
		rating_combine_squares(target, source);
	else
	{
		for (score = 0; score < RATING_SLOTS; score++)
		{
			if (pg_add_s64_overflow(target->body.counts[score], source->body.counts[score],
									&target->body.counts[score]) ||
				pg_add_s64_overflow(total, target->body.counts[score], &total))
				rating_report_count_overflow();
		}
	}
	rating_note_large_counts(target);
}

/*
 * target -= source, the inverse of rating_combine_into for a window state;
 * false when the result would not be exact (a version-1 weighted summary
 * on either side: the window recomputes its frame).
 */
static bool
rating_subtract_from(RatingSummary *target, const RatingSummary *source)
{
	double		sums[RATING_SUMS];
	int			score;

	rating_check_compatible(target, source);
	if (rating_is_legacy_weighted(target) || rating_is_legacy_weighted(source))
		return false;
	for (score = 0; score < RATING_SLOTS; score++)
		if (rating_count(source, score) > rating_count(target, score))
			elog(ERROR, "inverse transition removed answers that were never added");
	if (target->version != RATING_SUMMARY_VERSION_SQUARES)
	{
		if (source->version == RATING_SUMMARY_VERSION_SQUARES)
			return false;
		for (score = 0; score < RATING_SLOTS; score++)
			target->body.counts[score] -= source->body.counts[score];
		return true;
	}
	if (!(target->flags & RATING_FLAG_WINDOW))
		return false;
	for (score = 0; score < RATING_SLOTS; score++)
		rating_set_packed_count(target, score,
								rating_count(target, score) - rating_count(source, score));
	rating_sums_of(source, sums);
	rating_add_sums(target, sums, -1);
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
		total += rating_count(summary, score);
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
	return (double) summary->body.counts[score];
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
			count += summary->body.counts[score];
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
							 stats_dd_from_int64(summary->body.counts[score]));
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
 * rating_design_based
 *		Whether a summary's statistics use the design-based variance: a
 *		version-2 weighted summary whose weights are not all 1.  Unweighted
 *		summaries keep their exact formulas, and version-1 weighted ones
 *		(and anything combined with one) Kish's n.
 */
bool
rating_design_based(const RatingSummary *summary)
{
	return summary->version == RATING_SUMMARY_VERSION_SQUARES &&
		rating_is_weighted(summary);
}

/*
 * rating_band_sq_weights
 *		Sum of squared weights of band 0 or 1 of a version-2 summary (see
 *		RatingSquares).
 */
double
rating_band_sq_weights(const RatingSummary *summary, int band)
{
	Assert(summary->version == RATING_SUMMARY_VERSION_SQUARES);
	return summary->body.squares.band_sq_weights[band];
}

/*
 * The design-based spread of a mean, B = sum w^2 (s - mean)^2 =
 * Q2 - 2 mean Q1 + mean^2 Q0, evaluated in double-double arithmetic with
 * the mean to about 32 digits, since for a mean far from 0 the three
 * terms cancel in most of their digits.  Each score's part lies between
 * W_s^2 / n_s (s - mean)^2 (Cauchy-Schwarz) and W_s^2 (s - mean)^2, which
 * bound what is left of the cancellation: B is kept between the sums of
 * those (and is exact when every score has one answer).  Zero when every
 * answer with weight has the same score.
 */
static double
rating_mean_spread(const RatingSummary *summary, StatsDD mean)
{
	const RatingSquares *squares = &summary->body.squares;
	StatsDD		spread;
	double		floor = 0.0;
	double		ceiling = 0.0;
	int			scores_with_weight = 0;
	int			score;

	for (score = summary->scale_min; score <= summary->scale_max; score++)
	{
		double		weight = summary->weights[score];
		/* to the digits of the mean, which a double mean may round away */
		double		deviation = stats_dd_sub(stats_dd_from_double(score), mean).hi;

		if (weight > 0.0)
		{
			scores_with_weight++;
			floor += weight * (weight / (double) rating_count(summary, score)) *
				deviation * deviation;
			ceiling += weight * weight * deviation * deviation;
		}
	}
	if (scores_with_weight <= 1)
		return 0.0;
	spread = stats_dd_sub(stats_dd_from_double(squares->sq_weights_score_sq),
						  stats_dd_mul(stats_dd_from_double(2.0 * squares->sq_weights_score),
									   mean));
	spread = stats_dd_add(spread,
						  stats_dd_mul(stats_dd_mul(mean, mean),
									   stats_dd_from_double(summary->sum_sq_weights)));
	return Min(Max(spread.hi, floor), ceiling);
}

/*
 * rating_mean_estimate
 *		Mean score, sample variance, the variance of the mean and effective
 *		n; false when they are undefined.
 *
 * Unweighted and version-1 weighted summaries: reliability weights,
 * sum w (x - mean)^2 / W scaled by n / (n - 1) with n Kish's effective n
 * (for unweighted answers the usual sum (x - mean)^2 / (n - 1)); false for
 * an effective n of 1 or less.  Version-2 weighted summaries: the
 * design-based variance of the mean, V = n / (n - 1) B / W^2 with n the
 * answers (false for fewer than 2), and n_eff = W A / B (which may be 1 or
 * less: the interval and test then have no degrees of freedom).
 */
bool
rating_mean_estimate(const RatingSummary *summary, RatingMean *estimate)
{
	RatingTotals totals;
	double		weighted_sum = 0.0;
	double		squares = 0.0;
	StatsDD		weighted_dd;
	bool		design = rating_design_based(summary);
	int			score;

	rating_totals(summary, &totals);
	if (!(totals.weight_sum > 0.0))
		return false;
	if (design ? totals.responses <= 1 : !(totals.effective_n > 1.0))
		return false;
	for (score = summary->scale_min; score <= summary->scale_max; score++)
		weighted_sum += rating_weight_at(summary, score) * score;
	estimate->mean = weighted_sum / totals.weight_sum;
	for (score = summary->scale_min; score <= summary->scale_max; score++)
	{
		double		deviation = score - estimate->mean;

		squares += rating_weight_at(summary, score) * deviation * deviation;
	}

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
	if (design)
	{
		double		spread = rating_mean_spread(summary, estimate->exact_mean);

		estimate->mean_variance = stats_design_variance(totals.responses,
														 totals.weight_sum, spread);
		estimate->effective_n = stats_design_effective_n(totals.weight_sum,
														  squares / totals.weight_sum,
														  spread, totals.effective_n);
		estimate->variance = estimate->mean_variance * estimate->effective_n;
		return true;
	}
	estimate->effective_n = totals.effective_n;
	estimate->variance = squares / totals.weight_sum *
		totals.effective_n / (totals.effective_n - 1.0);
	estimate->mean_variance = estimate->variance / estimate->effective_n;
	return true;
}

/*
 * rating_is_weighted
 *		Whether the summary's weights differ from "every answer weighs 1".
 *
 * A summary built with weights that all happen to be 1 has the same value
 * as an unweighted one; it is written out, compares, and has the
 * statistics of an unweighted one.
 */
bool
rating_is_weighted(const RatingSummary *summary)
{
	int			score;

	if (!(summary->flags & RATING_FLAG_WEIGHTED))
		return false;
	for (score = 0; score < RATING_SLOTS; score++)
		if (summary->weights[score] != (double) rating_count(summary, score))
			return true;
	if (summary->sum_sq_weights != (double) rating_responses(summary))
		return true;
	if (summary->version == RATING_SUMMARY_VERSION_SQUARES)
	{
		double		sums[RATING_SUMS];
		const double *kept = rating_kept_sums((RatingSummary *) summary);

		rating_unit_sums(summary, sums);
		for (score = RATING_SUM_BAND; score < RATING_SUM_WEIGHT; score++)
			if (kept[score] != sums[score])
				return true;
	}
	return false;
}

/*
 * The format version a summary is written in (SummaryType.version_of):
 * 2 for a version-2 weighted summary, 1 for the rest (unweighted ones
 * and version-1 weighted ones, which a 1.0 dump restores and re-dumps
 * identically).
 */
static uint8
rating_version_of(const void *value)
{
	const RatingSummary *summary = (const RatingSummary *) value;

	return rating_design_based(summary) ? RATING_SUMMARY_VERSION_SQUARES :
		RATING_SUMMARY_VERSION;
}

/*
 * Where a value keeps its window-exact doubles, and how many
 * (SummaryType.kept_sums): a version-2 summary all RATING_SUMS; unweighted
 * and version-1 weighted ones none.
 */
static int
rating_kept_sums_count(const void *value, Size *offset)
{
	const RatingSummary *summary = (const RatingSummary *) value;

	*offset = offsetof(RatingSummary, body.squares.band_sq_weights);
	return summary->version == RATING_SUMMARY_VERSION_SQUARES ? RATING_SUMS : 0;
}

/*
 * rating_equal
 *		Same kind, scale, counts and weights, and for weighted summaries the
 *		same sums of squares; whatever the layout, equal values are those
 *		with equal binary forms.
 */
bool
rating_equal(const RatingSummary *a, const RatingSummary *b)
{
	int			score;

	if (a->kind != b->kind || a->scale_min != b->scale_min ||
		a->scale_max != b->scale_max || a->satisfied_from != b->satisfied_from)
		return false;
	for (score = 0; score < RATING_SLOTS; score++)
		if (rating_count(a, score) != rating_count(b, score) ||
			rating_weight_at(a, score) != rating_weight_at(b, score))
			return false;
	if (rating_is_weighted(a) || rating_is_weighted(b))
	{
		RatingTotals ta;
		RatingTotals tb;

		if (rating_version_of(a) != rating_version_of(b))
			return false;
		rating_totals(a, &ta);
		rating_totals(b, &tb);
		if (ta.sum_sq_weights != tb.sum_sq_weights)
			return false;
		if (rating_version_of(a) == RATING_SUMMARY_VERSION_SQUARES)
			for (score = RATING_SUM_BAND; score < RATING_SUM_WEIGHT; score++)
				if (rating_kept_sums((RatingSummary *) a)[score] !=
					rating_kept_sums((RatingSummary *) b)[score])
					return false;
	}
	return true;
}

/* Allowed relative rounding of sums that may have been added in any order. */
#define RATING_SUM_ROUNDING 1e-6

/*
 * Check the sums of squares of a version-2 summary that came from outside;
 * NULL when they fit its counts and weights, else what is wrong.
 */
static char *
rating_check_squares(const RatingSummary *summary)
{
	const RatingSquares *squares = &summary->body.squares;
	double		sum_sq = summary->sum_sq_weights;
	double		low = summary->scale_min;
	double		high = summary->scale_max;
	int			band;
	int			score;

	for (band = 0; band < 2; band++)
	{
		double		band_sq = squares->band_sq_weights[band];
		double		band_weight = 0.0;
		int64		band_count = 0;

		if (isnan(band_sq) || isinf(band_sq) || band_sq < 0)
			return pstrdup("A band's sum of squared weights is not a finite number greater than or equal to 0.");
		for (score = 0; score < RATING_SLOTS; score++)
			if (rating_band_of(summary, score) == band)
			{
				band_weight += summary->weights[score];
				band_count += rating_count(summary, score);
			}
		if (summary->kind == RATING_KIND_CES && band_sq != 0.0)
			return pstrdup("CES summaries have no bands; their sums of squared weights by band are 0.");
		if (band_weight > 0.0)
		{
			double		ratio = band_sq / band_weight / band_weight;

			/* as for the total: (sum w)^2 / n <= sum w^2 <= (sum w)^2 */
			if (ratio > 1.0 + RATING_SUM_ROUNDING ||
				ratio < (1.0 - RATING_SUM_ROUNDING) / (double) band_count)
				return pstrdup("A band's sum of squared weights does not fit its weights.");
		}
		else if (band_sq != 0.0)
			return pstrdup("A band's sum of squared weights does not fit its weights.");
	}
	if (squares->band_sq_weights[0] + squares->band_sq_weights[1] >
		sum_sq * (1.0 + RATING_SUM_ROUNDING))
		return pstrdup("The sums of squared weights by band exceed the sum of squared weights.");
	if (isnan(squares->sq_weights_score) || isinf(squares->sq_weights_score) ||
		squares->sq_weights_score < 0 ||
		isnan(squares->sq_weights_score_sq) || isinf(squares->sq_weights_score_sq) ||
		squares->sq_weights_score_sq < 0)
		return pstrdup("The sums of squared weights times scores are not finite numbers greater than or equal to 0.");
	/* the statistics multiply sum w^2 by the top score squared */
	if (isinf(sum_sq * high * high))
		return pstrdup("The sum of squared weights is out of range for type double precision.");

	/*
	 * Every score is within the scale, so sum w^2 s is within low and high
	 * times sum w^2, sum w^2 s^2 within their squares times it, and
	 * (sum w^2 s)^2 <= sum w^2 * sum w^2 s^2 (Cauchy-Schwarz).
	 */
	if (squares->sq_weights_score < low * sum_sq * (1.0 - RATING_SUM_ROUNDING) ||
		squares->sq_weights_score > high * sum_sq * (1.0 + RATING_SUM_ROUNDING) ||
		squares->sq_weights_score_sq < low * low * sum_sq * (1.0 - RATING_SUM_ROUNDING) ||
		squares->sq_weights_score_sq > high * high * sum_sq * (1.0 + RATING_SUM_ROUNDING) ||
		(sum_sq > 0.0 &&
		 squares->sq_weights_score * (squares->sq_weights_score / sum_sq) >
		 squares->sq_weights_score_sq * (1.0 + RATING_SUM_ROUNDING)))
		return psprintf("The sums of squared weights times scores do not fit the %d to %d scale.",
						summary->scale_min, summary->scale_max);
	return NULL;
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
		int64		count = rating_count(summary, score);

		if (count < 0)
			return psprintf("The count for score %d is negative.", score);
		if (!in_scale && count != 0)
			return psprintf("Score %d is outside the scale.", score);
		if (pg_add_s64_overflow(total, count, &total))
			return pstrdup("The total number of answers is out of range for type bigint.");
		if (summary->flags & RATING_FLAG_WEIGHTED)
		{
			double		weight = summary->weights[score];

			if (isnan(weight) || isinf(weight) || weight < 0)
				return psprintf("The weight for score %d is not a finite number greater than or equal to 0.",
								score);
			if (weight > 0 && count == 0)
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

			if (!(sum_sq > 0.0) || ratio > 1.0 + RATING_SUM_ROUNDING ||
				ratio < (1.0 - RATING_SUM_ROUNDING) / (double) total)
				return pstrdup("The sum of squared weights does not fit the weights.");
		}
		else if (sum_sq != 0.0)
			return pstrdup("The sum of squared weights does not fit the weights.");
		if (summary->version == RATING_SUMMARY_VERSION_SQUARES)
			return rating_check_squares(summary);
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
 * "sum_sq_weights": s.  A version-2 (weighted) summary adds its sums of
 * squared weights by band (NPS "sum_sq_weights_detractors" and
 * "sum_sq_weights_promoters", CSAT "sum_sq_weights_unsatisfied" and
 * "sum_sq_weights_satisfied"; CES has none) and
 * "sum_sq_weights_times_score" (sum w^2 s) and
 * "sum_sq_weights_times_score_sq" (sum w^2 s^2).  Weights are written in
 * the shortest form that reads back as the same double, so output ->
 * input is exact.
 */

/* Keys of the text form, in the order messages list them. */
enum
{
	KEY_VERSION,
	KEY_SCALE,
	KEY_SATISFIED_FROM,
	KEY_COUNTS,
	KEY_WEIGHTS,
	KEY_SUM_SQ_WEIGHTS,
	KEY_SQ_DETRACTORS,
	KEY_SQ_PROMOTERS,
	KEY_SQ_UNSATISFIED,
	KEY_SQ_SATISFIED,
	KEY_SQ_SCORE,
	KEY_SQ_SCORE_SQ
};

#define KEY_BIT(key) (((uint32) 1 << (key)))

/* Every key, by the enum above. */
static const char *const rating_all_keys[] = {
	"version", "scale", "satisfied_from", "counts", "weights", "sum_sq_weights",
	"sum_sq_weights_detractors", "sum_sq_weights_promoters",
	"sum_sq_weights_unsatisfied", "sum_sq_weights_satisfied",
	"sum_sq_weights_times_score", "sum_sq_weights_times_score_sq", NULL
};

/* The keys of each type. */
static const char *const nps_text_keys[] = {
	"version", "scale", "counts", "weights", "sum_sq_weights",
	"sum_sq_weights_detractors", "sum_sq_weights_promoters",
	"sum_sq_weights_times_score", "sum_sq_weights_times_score_sq", NULL
};
static const char *const csat_text_keys[] = {
	"version", "scale", "satisfied_from", "counts", "weights", "sum_sq_weights",
	"sum_sq_weights_unsatisfied", "sum_sq_weights_satisfied",
	"sum_sq_weights_times_score", "sum_sq_weights_times_score_sq", NULL
};
static const char *const ces_text_keys[] = {
	"version", "scale", "counts", "weights", "sum_sq_weights",
	"sum_sq_weights_times_score", "sum_sq_weights_times_score_sq", NULL
};

/* A key of the type's text_keys as one of the enum above. */
static int
rating_key(const SummaryType *type, int key)
{
	int			i;

	for (i = 0; rating_all_keys[i] != NULL; i++)
		if (strcmp(type->text_keys[key], rating_all_keys[i]) == 0)
			return i;
	elog(ERROR, "unknown rating summary key \"%s\"", type->text_keys[key]);
	return 0;					/* keep compiler quiet */
}

/* The keys of the two bands' squared weights of a kind (low, high), or -1. */
static void
rating_band_keys(RatingKind kind, int *keys)
{
	keys[0] = kind == RATING_KIND_NPS ? KEY_SQ_DETRACTORS :
		kind == RATING_KIND_CSAT ? KEY_SQ_UNSATISFIED : -1;
	keys[1] = kind == RATING_KIND_NPS ? KEY_SQ_PROMOTERS :
		kind == RATING_KIND_CSAT ? KEY_SQ_SATISFIED : -1;
}

/* What the text reader has read so far. */
typedef struct RatingText
{
	int64		scale[2];		/* "scale": [low, high] */
	int64		satisfied_from; /* "satisfied_from" */
	int64		counts[RATING_SLOTS];	/* "counts", from the scale's low end */
	double		weights[RATING_SLOTS];	/* "weights", likewise */
	double		sum_sq_weights; /* "sum_sq_weights" */
	double		band_sq_weights[2]; /* the bands' squared weights */
	double		sq_weights_score;	/* "sum_sq_weights_times_score" */
	double		sq_weights_score_sq;	/* "sum_sq_weights_times_score_sq" */
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
		case KEY_SQ_DETRACTORS:
		case KEY_SQ_UNSATISFIED:
			text->band_sq_weights[0] = read_double(parser, "a number");
			break;
		case KEY_SQ_PROMOTERS:
		case KEY_SQ_SATISFIED:
			text->band_sq_weights[1] = read_double(parser, "a number");
			break;
		case KEY_SQ_SCORE:
			text->sq_weights_score = read_double(parser, "a number");
			break;
		case KEY_SQ_SCORE_SQ:
			text->sq_weights_score_sq = read_double(parser, "a number");
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
	int			key;
	int			band_keys[2];
	uint32		seen_keys = 0;
	uint32		squares_keys = KEY_BIT(KEY_SQ_SCORE) | KEY_BIT(KEY_SQ_SCORE_SQ);

	/* seen as bits of the enum above */
	for (key = 0; type->text_keys[key] != NULL; key++)
		if (seen & KEY_BIT(key))
			seen_keys |= KEY_BIT(rating_key(type, key));
	seen = seen_keys;
	rating_band_keys(kind, band_keys);
	for (key = 0; key < 2; key++)
		if (band_keys[key] >= 0)
			squares_keys |= KEY_BIT(band_keys[key]);
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
	if (parser->version == RATING_SUMMARY_VERSION_SQUARES)
	{
		/* version 2 is the form of weighted summaries, with every sum */
		squares_keys |= KEY_BIT(KEY_WEIGHTS) | KEY_BIT(KEY_SUM_SQ_WEIGHTS);
		for (key = 0; rating_all_keys[key] != NULL; key++)
			if ((squares_keys & KEY_BIT(key)) && !(seen & KEY_BIT(key)))
				text_content_error(parser,
								   psprintf("The key \"%s\" is missing: version 2 is the form of weighted summaries.",
											rating_all_keys[key]));
	}
	else
	{
		for (key = 0; rating_all_keys[key] != NULL; key++)
			if ((squares_keys & seen & KEY_BIT(key)))
				text_content_error(parser,
								   psprintf("The key \"%s\" belongs to version 2.",
											rating_all_keys[key]));
	}
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
	if (parser->version == RATING_SUMMARY_VERSION_SQUARES)
	{
		for (score = 0; score < width; score++)
			if (text->counts[score] >= RATING_PACKED_COUNT_LIMIT)
				text_content_error(parser,
								   psprintf("The count " INT64_FORMAT " for score " INT64_FORMAT " is out of range: a version 2 summary holds at most 1099511627775 answers per score.",
											text->counts[score], scale[0] + score));
		summary->version = RATING_SUMMARY_VERSION_SQUARES;
		for (score = 0; score < width; score++)
			rating_set_packed_count(summary, (int) scale[0] + score, text->counts[score]);
		summary->body.squares.band_sq_weights[0] = text->band_sq_weights[0] + 0.0;
		summary->body.squares.band_sq_weights[1] = text->band_sq_weights[1] + 0.0;
		summary->body.squares.sq_weights_score = text->sq_weights_score + 0.0;
		summary->body.squares.sq_weights_score_sq = text->sq_weights_score_sq + 0.0;
	}
	else
		for (score = 0; score < width; score++)
			summary->body.counts[scale[0] + score] = text->counts[score];
	for (score = 0; score < width; score++)
		summary->weights[scale[0] + score] = text->weights[score];
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
						 rating_count(summary, score));
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
		if (rating_version_of(summary) == RATING_SUMMARY_VERSION_SQUARES)
		{
			int			band_keys[2];
			int			band;

			rating_band_keys((RatingKind) summary->kind, band_keys);
			for (band = 0; band < 2; band++)
				if (band_keys[band] >= 0)
				{
					appendStringInfo(buf, ", \"%s\": ", rating_all_keys[band_keys[band]]);
					append_double(buf, summary->body.squares.band_sq_weights[band]);
				}
			appendStringInfo(buf, ", \"%s\": ", rating_all_keys[KEY_SQ_SCORE]);
			append_double(buf, summary->body.squares.sq_weights_score);
			appendStringInfo(buf, ", \"%s\": ", rating_all_keys[KEY_SQ_SCORE_SQ]);
			append_double(buf, summary->body.squares.sq_weights_score_sq);
		}
	}
}

/*
 * Binary form
 * -----------
 * version (1 byte), kind, scale_min, scale_max, satisfied_from, flags
 * (1 byte each), the counts of scale_min..scale_max as int8, and when
 * flags has RATING_FLAG_WEIGHTED the weights of the same scores and the
 * sum of squared weights as float8.  Version 2 (flags always
 * RATING_FLAG_WEIGHTED, counts below 2^40) then has four more float8: the
 * low and high band's sums of squared weights (0 for CES), sum w^2 s and
 * sum w^2 s^2.  Every byte is checked on receipt.
 */

/* The fields after the version byte (SummaryType.read_binary_version). */
static void *
rating_read_binary(const SummaryType *type, StringInfo buf, int version)
{
	RatingKind	kind = (RatingKind) type->variant;
	uint8		header[5];
	RatingSummary *summary;
	int64		counts[RATING_SLOTS] = {0};
	int			score;

	binary_read(buf, header, sizeof(header), type->type_name);
	if (header[0] != kind)
		binary_error(type->type_name, psprintf("The value is of kind %d, not %d.", header[0], kind));
	if (header[4] & ~RATING_STORED_FLAGS)
		binary_error(type->type_name, psprintf("Unknown flags 0x%02x.", header[4]));
	if (version == RATING_SUMMARY_VERSION_SQUARES && !(header[4] & RATING_FLAG_WEIGHTED))
		binary_error(type->type_name, "Version 2 is the form of weighted summaries, but the flags say unweighted.");
	if (!rating_scale_is_valid(kind, header[1], header[2]))
		binary_error(type->type_name, psprintf("The scale %d to %d is not valid here.",
											   header[1], header[2]));

	summary = rating_summary_new(CurrentMemoryContext, kind, header[2], header[3]);
	summary->flags = header[4];
	for (score = header[1]; score <= header[2]; score++)
		counts[score] = binary_read_int64(buf, type->type_name);
	if (version == RATING_SUMMARY_VERSION_SQUARES)
	{
		summary->version = RATING_SUMMARY_VERSION_SQUARES;
		for (score = header[1]; score <= header[2]; score++)
		{
			if (counts[score] < 0)
				binary_error(type->type_name, psprintf("The count for score %d is negative.", score));
			if (counts[score] >= RATING_PACKED_COUNT_LIMIT)
				binary_error(type->type_name,
							 psprintf("The count for score %d is out of range: a version 2 summary holds at most 1099511627775 answers per score.",
									  score));
			rating_set_packed_count(summary, score, counts[score]);
		}
	}
	else
		memcpy(summary->body.counts, counts, sizeof(counts));
	if (summary->flags & RATING_FLAG_WEIGHTED)
	{
		for (score = header[1]; score <= header[2]; score++)
			summary->weights[score] = binary_read_double(buf, type->type_name) + 0.0;
		summary->sum_sq_weights = binary_read_double(buf, type->type_name) + 0.0;
	}
	if (version == RATING_SUMMARY_VERSION_SQUARES)
	{
		RatingSquares *squares = &summary->body.squares;

		squares->band_sq_weights[0] = binary_read_double(buf, type->type_name) + 0.0;
		squares->band_sq_weights[1] = binary_read_double(buf, type->type_name) + 0.0;
		squares->sq_weights_score = binary_read_double(buf, type->type_name) + 0.0;
		squares->sq_weights_score_sq = binary_read_double(buf, type->type_name) + 0.0;
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
		pq_sendint64(buf, rating_count(summary, score));
	if (weighted)
	{
		for (score = summary->scale_min; score <= summary->scale_max; score++)
			pq_sendfloat8(buf, summary->weights[score]);
		pq_sendfloat8(buf, summary->sum_sq_weights);
		if (rating_version_of(summary) == RATING_SUMMARY_VERSION_SQUARES)
		{
			pq_sendfloat8(buf, summary->body.squares.band_sq_weights[0]);
			pq_sendfloat8(buf, summary->body.squares.band_sq_weights[1]);
			pq_sendfloat8(buf, summary->body.squares.sq_weights_score);
			pq_sendfloat8(buf, summary->body.squares.sq_weights_score_sq);
		}
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
		.version = RATING_SUMMARY_VERSION_SQUARES, \
		.oldest_version = RATING_SUMMARY_VERSION, \
		.varlena = false, \
		.size = sizeof(RatingSummary), \
		.flags_offset = offsetof(RatingSummary, flags), \
		.stored_flags = RATING_STORED_FLAGS, \
		.n_sums = RATING_SUMS, \
		.sums_offset = offsetof(RatingSummary, body.squares.band_sq_weights), \
		.kept_sums = rating_kept_sums_count, \
		.version_of = rating_version_of, \
		.init = rating_init, \
		.prepare = rating_prepare, \
		.is_empty = rating_is_empty, \
		.restart = rating_restart, \
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
		.read_binary = NULL, \
		.read_binary_version = rating_read_binary \
	}

#define RATING_TEXT_HINT "The text form is {\"version\": 1, \"scale\": [low, high], \"counts\": [...]}, as written by the type's output."

const SummaryType rating_summary_types[] = {
	[0] = RATING_SUMMARY_TYPE("nps_summary", RATING_KIND_NPS, nps_text_keys, RATING_TEXT_HINT),
	[RATING_KIND_NPS] = RATING_SUMMARY_TYPE("nps_summary", RATING_KIND_NPS,
											nps_text_keys, RATING_TEXT_HINT),
	[RATING_KIND_CSAT] = RATING_SUMMARY_TYPE("csat_summary", RATING_KIND_CSAT,
											 csat_text_keys, RATING_TEXT_HINT),
	[RATING_KIND_CES] = RATING_SUMMARY_TYPE("ces_summary", RATING_KIND_CES,
											ces_text_keys, RATING_TEXT_HINT)
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
		elements[i] = Int64GetDatum(rating_count(summary, summary->scale_min + i));
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

