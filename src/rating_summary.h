/*-------------------------------------------------------------------------
 *
 * rating_summary.h
 *	  The summary of a set of answers on a small integer rating scale.
 *
 * NPS (0..10), CSAT (1..k) and CES (1..k) all reduce a set of answers to
 * the same thing: how many answers, and how much survey weight, fell on
 * each score.  One fixed-size C struct holds that for all three metrics;
 * each SQL type (nps_summary, csat_summary, ces_summary) is this struct
 * with its own "kind", so the SQL layer cannot mix them up while the C
 * layer shares one implementation of transition, combine, inverse
 * transition, text and binary I/O.
 *
 * The struct is the aggregates' transition state itself: a plain
 * fixed-length by-reference type, so parallel query and Citus can ship
 * partial states without serialization functions, and transition
 * functions update it in place inside the aggregate memory context.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_RATING_SUMMARY_H
#define CX_RATING_SUMMARY_H

#include "postgres.h"
#include <math.h>

#include "fmgr.h"
#include "nodes/execnodes.h"

#include "stats.h"
#include "summary_io.h"
#include "summary_kernel.h"

/*
 * Format versions, which are also the version byte of the in-memory value
 * and so tell its layout.  Version 1: counts as int64; unweighted
 * summaries, and weighted ones written by extension 1.0, which keep the
 * total sum of squared weights only.  Version 2: weighted summaries that
 * keep the sums of squared weights the design-based statistics need (see
 * RatingSquares), their counts packed in 40 bits to make room.
 */
#define RATING_SUMMARY_VERSION 1
#define RATING_SUMMARY_VERSION_SQUARES 2

/* Counts of a version-2 summary are below 2^40 (about 1.1 trillion). */
#define RATING_PACKED_COUNT_BYTES 5
#define RATING_PACKED_COUNT_LIMIT (INT64CONST(1) << 40)

/*
 * Smallest nonzero weight (or revenue): its square, 1e-300, is still a
 * normal double, so sums of squares and Kish's effective n stay exact
 * enough.
 */
#define RATING_MIN_WEIGHT 1e-150

/* The NPS bands: detractors 0..6, passives 7..8, promoters 9..10. */
#define RATING_NPS_LAST_DETRACTOR	6
#define RATING_NPS_FIRST_PROMOTER	9

/* Scores are stored in slots 0..RATING_MAX_SCORE; every scale fits. */
#define RATING_MAX_SCORE 10
#define RATING_SLOTS (RATING_MAX_SCORE + 1)

/* Which metric a summary belongs to (stored in RatingSummary.kind). */
typedef enum RatingKind
{
	RATING_KIND_NPS = 1,
	RATING_KIND_CSAT = 2,
	RATING_KIND_CES = 3
} RatingKind;

/* Bits of RatingSummary.flags. */

/*
 * weights[] and sum_sq_weights are maintained (and in version 2 the sums
 * of RatingSquares; a version-2 summary always has this bit).  Without it
 * every answer has weight 1, so weights[] equals counts[] and the sum of
 * squared weights equals the number of answers; those arrays are then left
 * at zero and never read.  Keeping unweighted summaries free of floating
 * point arithmetic makes the common case as cheap as counting.
 */
#define RATING_FLAG_WEIGHTED	0x01

/*
 * Scratch flags, never stored, that the summary kernel owns:
 * RATING_FLAG_WINDOW, this summary is the value of a window state (the
 * moving-aggregate state of the weighted and roll-up aggregates);
 * RATING_FLAG_INEXACT, a window state met a weight outside its exact sums'
 * range, so its plain double sums stand in and inverse transitions decline.
 */
#define RATING_FLAG_INEXACT		SUMMARY_FLAG_INEXACT
#define RATING_FLAG_WINDOW		SUMMARY_FLAG_WINDOW

/*
 * Scratch flag RATING_FLAG_LARGE: some count may exceed
 * RATING_SMALL_COUNT_LIMIT.  While it is clear every count is at most
 * the limit, so eleven of them and one more answer still fit in bigint, and
 * the per-row path can add an answer after looking at one slot alone.  Once
 * set, every addition checks the total (see rating_note_large_counts).
 */
#define RATING_FLAG_LARGE		0x08
#define RATING_SMALL_COUNT_LIMIT (INT64CONST(1) << 59)

/* Flags that belong to the stored value (the rest are scratch). */
#define RATING_STORED_FLAGS		RATING_FLAG_WEIGHTED

/*
 * What a version-2 (weighted) summary keeps where version 1 has its int64
 * counts: the counts packed as unsigned 40-bit little-endian integers, and
 * the sums of squared weights that the design-based variance needs besides
 * the total (sum_sq_weights): by band (NPS: detractors 0-6 and promoters
 * 9-10, the passives being the rest; CSAT: below satisfied_from and from
 * satisfied_from; CES: none, both 0), and sum w^2 s and sum w^2 s^2 for
 * the variance of the mean.
 */
typedef struct RatingSquares
{
	uint8		packed_counts[RATING_SLOTS * RATING_PACKED_COUNT_BYTES + 1];	/* 11
																				 * counts,
																				 * then a
																				 * zero
																				 * byte */
	double		band_sq_weights[2]; /* sum w^2 of the low and high band */
	double		sq_weights_score;	/* sum w^2 s (Q1) */
	double		sq_weights_score_sq;	/* sum w^2 s^2 (Q2) */
} RatingSquares;

/*
 * The summary itself.  RATING_SUMMARY_SIZE (192) bytes, aligned to double;
 * the same layout for every kind.  The version byte tells what body holds:
 * version 1 the int64 counts, version 2 (always weighted) the packed counts
 * and the sums of squares.  weights[] and sum_sq_weights are where version 1
 * has them in both.
 */
typedef struct RatingSummary
{
	uint8		version;		/* RATING_SUMMARY_VERSION(_SQUARES): the layout */
	uint8		kind;			/* RatingKind */
	uint8		scale_min;		/* lowest valid score: 0 for NPS, else 1 */
	uint8		scale_max;		/* highest valid score; 0 = not yet known */
	uint8		satisfied_from; /* CSAT: default first satisfied score; 0
								 * for other kinds */
	uint8		flags;			/* RATING_FLAG_* bits */
	uint8		reserved[2];	/* zero; keeps the arrays 8-byte aligned */
	union
	{
		int64		counts[RATING_SLOTS];	/* version 1: answers per score;
											 * slots outside the scale stay
											 * zero */
		RatingSquares squares;	/* version 2 */
	}			body;			/* the counts, by version */
	double		weights[RATING_SLOTS];	/* sum of weights per score (only if
										 * RATING_FLAG_WEIGHTED) */
	double		sum_sq_weights; /* sum of squared weights of all answers
								 * (only if RATING_FLAG_WEIGHTED) */
} RatingSummary;

/*
 * The size of every rating summary type: INTERNALLENGTH of nps_summary,
 * csat_summary and ces_summary in the install script must say the same
 * (the setup suite prints pg_type.typlen), since PostgreSQL copies and
 * stores exactly that many bytes of the struct.
 */
#define RATING_SUMMARY_SIZE 192
StaticAssertDecl(sizeof(RatingSummary) == RATING_SUMMARY_SIZE,
				 "RatingSummary must match INTERNALLENGTH of the rating summary types");
StaticAssertDecl(sizeof(RatingSquares) == RATING_SLOTS * sizeof(int64),
				 "the two bodies of a rating summary must have one size");

/*
 * The window state of the weighted and roll-up aggregates is the summary
 * kernel's (summary_kernel.h).  A version-2 value keeps its RATING_SUMS
 * doubles exactly, from the band sums to sum_sq_weights, next to each
 * other, so that removing a row that leaves the frame is exact for any
 * weights; an unweighted value keeps none (its counts are exact), and a
 * version-1 weighted one none either (a window that meets one declines its
 * inverse transitions until PostgreSQL recomputes the frame).  The kept
 * doubles by index:
 */
#define RATING_SUM_BAND			0	/* and 1: band_sq_weights[] */
#define RATING_SUM_SCORE		2	/* sq_weights_score */
#define RATING_SUM_SCORE_SQ		3	/* sq_weights_score_sq */
#define RATING_SUM_WEIGHT		4	/* ... + score: weights[score] */
#define RATING_SUM_SQ_WEIGHTS	(RATING_SUM_WEIGHT + RATING_SLOTS)	/* sum_sq_weights */
#define RATING_SUMS				(RATING_SUM_SQ_WEIGHTS + 1)
StaticAssertDecl(offsetof(RatingSummary, sum_sq_weights) ==
				 offsetof(RatingSummary, body.squares.band_sq_weights) +
				 RATING_SUM_SQ_WEIGHTS * sizeof(double) &&
				 offsetof(RatingSummary, weights) ==
				 offsetof(RatingSummary, body.squares.band_sq_weights) +
				 RATING_SUM_WEIGHT * sizeof(double),
				 "the kept doubles of a rating summary must be next to each other");

/*
 * The descriptions of the rating summary types, by RatingKind (kind 0, a
 * roll-up window state before its first summary, shares NPS's: every
 * kind has the same layout and callbacks).
 */
extern const SummaryType rating_summary_types[];

static inline const SummaryType *
rating_type(int kind)
{
	return &rating_summary_types[kind >= RATING_KIND_NPS && kind <= RATING_KIND_CES ?
								 kind : RATING_KIND_NPS];
}

/* What a new rating summary needs to know (SummaryType.init's arg). */
typedef struct RatingInit
{
	RatingKind	kind;			/* the metric */
	int			scale_max;		/* top score; 0 = not yet known */
	int			satisfied_from; /* CSAT's satisfied band; 0 otherwise */
} RatingInit;

/*
 * rating_count
 *		The number of answers with this score, whatever the layout.
 */
static inline int64
rating_count(const RatingSummary *summary, int score)
{
	const uint8 *packed;

	if (summary->version != RATING_SUMMARY_VERSION_SQUARES)
		return summary->body.counts[score];
	packed = summary->body.squares.packed_counts + score * RATING_PACKED_COUNT_BYTES;
	return (int64) packed[0] | ((int64) packed[1] << 8) | ((int64) packed[2] << 16) |
		((int64) packed[3] << 24) | ((int64) packed[4] << 32);
}

#define DatumGetRatingSummaryP(X)	((RatingSummary *) DatumGetPointer(X))
#define PG_GETARG_RATING_SUMMARY_P(n) DatumGetRatingSummaryP(PG_GETARG_DATUM(n))
#define PG_RETURN_RATING_SUMMARY_P(x) PG_RETURN_POINTER(x)

/*
 * Weighted totals of a summary, the inputs every statistic needs.
 * For an unweighted summary weight_sum = responses and
 * sum_sq_weights = responses.
 */
typedef struct RatingTotals
{
	int64		responses;		/* number of answers */
	double		weight_sum;		/* sum of weights */
	double		sum_sq_weights; /* sum of squared weights */
	double		effective_n;	/* Kish: weight_sum^2 / sum_sq_weights */
} RatingTotals;

/*
 * The mean score of a summary with its sample variance, the inputs of the
 * interval and test of a mean.
 */
typedef struct RatingMean
{
	double		mean;			/* (weighted) mean score */
	double		variance;		/* sample variance: sum w (x - mean)^2 / W,
								 * times n / (n - 1) */
	double		effective_n;	/* effective n: design-based for a version-2
								 * summary (may be <= 1), else Kish's (> 1) */
	double		mean_variance;	/* the variance of the mean, std_error^2:
								 * variance / effective_n */
	StatsDD		exact_mean;		/* the mean to about 32 digits, for the
								 * difference of two close means */
} RatingMean;

/* Construction and in-place updates (rating_summary.c). */
extern RatingSummary *rating_summary_new(MemoryContext context, RatingKind kind,
										 int scale_max, int satisfied_from);
extern void rating_add_answer_slow(RatingSummary *state, int score);
extern void rating_note_large_counts(RatingSummary *summary);
extern void rating_add_weighted_answer(RatingSummary *state, int score,
									   double weight);
extern bool rating_remove_answer(RatingSummary *state, int score);
extern bool rating_remove_weighted_answer(RatingSummary *state, int score,
										  double weight);
extern void rating_check_compatible(const RatingSummary *a, const RatingSummary *b);
extern void rating_check_weight(double weight);
extern Datum rating_window_final(FunctionCallInfo fcinfo, PGFunction metric);
extern Datum rating_summary_mean(PG_FUNCTION_ARGS);
extern RatingSummary *rating_scaled_state_slow(FunctionCallInfo fcinfo, RatingKind kind,
											   bool weighted);
extern int	rating_scaled_score_numeric(FunctionCallInfo fcinfo, int argno,
										const RatingSummary *state);

/* Reading a summary. */
extern int64 rating_responses(const RatingSummary *summary);
extern bool rating_design_based(const RatingSummary *summary);
extern double rating_band_sq_weights(const RatingSummary *summary, int band);
extern void rating_totals(const RatingSummary *summary, RatingTotals *totals);
extern double rating_weight_at(const RatingSummary *summary, int score);
extern double rating_weight_between(const RatingSummary *summary, int from, int to);
extern StatsDD rating_weight_between_dd(const RatingSummary *summary, int from, int to);
extern bool rating_is_weighted(const RatingSummary *summary);
extern bool rating_mean_estimate(const RatingSummary *summary, RatingMean *estimate);
extern bool rating_equal(const RatingSummary *a, const RatingSummary *b);
extern const char *rating_kind_type_name(RatingKind kind);

/* Text and binary forms. */
extern RatingSummary *rating_summary_from_text(const char *text, RatingKind kind);
extern char *rating_summary_to_text(const RatingSummary *summary);
extern RatingSummary *rating_summary_from_binary(StringInfo buf, RatingKind kind);
extern bytea *rating_summary_to_binary(const RatingSummary *summary);

/* Score arguments. */
extern int	rating_score_from_numeric(FunctionCallInfo fcinfo, int argno,
									  RatingKind kind, int scale_min, int scale_max);
pg_noreturn extern void rating_report_bad_score(RatingKind kind, const char *score_text,
												int scale_min, int scale_max);
pg_noreturn extern void rating_report_count_overflow(void);

/*
 * rating_state_for_update
 *		The state argument (argument 0) of a transition function, ready to
 *		be modified in place.
 *
 * The summary kernel's summary_state_for_update: one allocation per group,
 * none per row.
 */
static inline RatingSummary *
rating_state_for_update(FunctionCallInfo fcinfo, RatingKind kind,
						int scale_max, int satisfied_from)
{
	RatingInit	init = {kind, scale_max, satisfied_from};

	return (RatingSummary *) summary_state_for_update(fcinfo, rating_type(kind), &init);
}

/*
 * rating_add_answer
 *		Count one answer of weight 1 (the caller has checked the score).
 *
 * The per-row fast path: an unweighted state (version 1) whose counts are
 * all small (RATING_FLAG_LARGE clear) and that is not a window state takes
 * the answer with one comparison, as the total cannot reach the top of
 * bigint; everything else goes through rating_add_answer_slow, which checks
 * the total and counts the window's rows.
 */
static inline void
rating_add_answer(RatingSummary *state, int score)
{
	if (likely(!(state->flags & (RATING_FLAG_WEIGHTED | RATING_FLAG_LARGE |
								 RATING_FLAG_WINDOW)) &&
			   state->body.counts[score] < RATING_SMALL_COUNT_LIMIT))
		state->body.counts[score]++;
	else
		rating_add_answer_slow(state, score);
}

/*
 * rating_percent
 *		100 * part / total, dividing first only where multiplying first
 *		would overflow (weight sums near the top of double precision).
 */
static inline double
rating_percent(double part, double total)
{
	if (unlikely(fabs(part) > 1e300))
		return 100.0 * (part / total);
	return 100.0 * part / total;
}

/*
 * rating_scaled_state
 *		The state of a CSAT or CES transition function, whose arguments are
 *		(state, score [, scale_max [, satisfied_from]] [, weight]).
 *
 * The per-row fast path: inside an aggregate, a state made by this
 * function already has the default scale when none is given, and needs
 * only a comparison when one is.  Everything else, including a row whose
 * scale differs (an error), goes through rating_scaled_state_slow.
 */
static inline RatingSummary *
rating_scaled_state(FunctionCallInfo fcinfo, RatingKind kind, bool weighted)
{
	int			shape_args = PG_NARGS() - 2 - (weighted ? 1 : 0);

	if (likely(!PG_ARGISNULL(0) && fcinfo->context != NULL &&
			   (IsA(fcinfo->context, AggState) ||
				IsA(fcinfo->context, WindowAggState))))
	{
		RatingSummary *state = PG_GETARG_RATING_SUMMARY_P(0);

		if (shape_args == 0)
		{
			if (state->scale_max != 0)
				return state;
		}
		else if (state->scale_max != 0 &&
				 !PG_ARGISNULL(2) && PG_GETARG_INT32(2) == state->scale_max &&
				 (shape_args == 1 ||
				  (!PG_ARGISNULL(3) && PG_GETARG_INT32(3) == state->satisfied_from)))
			return state;
	}
	return rating_scaled_state_slow(fcinfo, kind, weighted);
}

/*
 * rating_scaled_score
 *		An integer score of a CSAT or CES answer, checked against the
 *		state's scale.
 */
static inline int
rating_scaled_score(const RatingSummary *state, int64 score)
{
	if (unlikely(score < 1 || score > state->scale_max))
		rating_report_bad_score((RatingKind) state->kind,
								psprintf(INT64_FORMAT, score), 1, state->scale_max);
	return (int) score;
}

/*
 * rating_row_counts
 *		Whether a row counts for a transition or inverse transition
 *		function: a NULL score, and in the weighted forms (whose weight is
 *		the last argument) a NULL weight, skip it.
 */
static inline bool
rating_row_counts(FunctionCallInfo fcinfo, bool weighted)
{
	return !PG_ARGISNULL(1) && !(weighted && PG_ARGISNULL(PG_NARGS() - 1));
}

/* The weight of a weighted row, -0 read as +0. */
#define RATING_ROW_WEIGHT (PG_GETARG_FLOAT8(PG_NARGS() - 1) + 0.0)

/*
 * The transition and inverse transition functions of the three metrics
 * differ only in how they get their state and read their score, so they
 * are written out by these macros.  RATING_TRANS and RATING_INV write one
 * function; RATING_FUNCTIONS(prefix, STATE, SCORE_INT4, SCORE_INT2,
 * SCORE_NUMERIC) writes the twelve of a metric: prefix_trans,
 * prefix_trans_int2, prefix_trans_numeric, prefix_trans_weighted,
 * prefix_trans_int2_weighted, prefix_trans_numeric_weighted, and the
 * inverse transitions prefix_inv, prefix_inv_int2, prefix_inv_numeric,
 * prefix_inv_weighted, prefix_inv_int2_weighted, prefix_inv_numeric_weighted.
 * STATE(weighted) is an expression giving the state (for CSAT and CES,
 * rating_scaled_state, which reads the shape from PG_NARGS, so one C
 * function per score type serves every shape); SCORE_* are expressions
 * reading argument 1 given fcinfo and state.  The weight is the last
 * argument; weighted is a constant, so each function keeps only its
 * branch.
 */
#define RATING_TRANS(name, STATE, SCORE, weighted) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	RatingSummary *state = STATE(weighted); \
\
	if (rating_row_counts(fcinfo, weighted)) \
	{ \
		if (weighted) \
			rating_add_weighted_answer(state, (SCORE), RATING_ROW_WEIGHT); \
		else \
			rating_add_answer(state, (SCORE)); \
	} \
	PG_RETURN_RATING_SUMMARY_P(state); \
}

#define RATING_INV(name, SCORE, weighted) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	RatingSummary *state = (RatingSummary *) window_inverse_state(fcinfo); \
\
	if (state == NULL) \
		PG_RETURN_NULL(); \
	if (rating_row_counts(fcinfo, weighted) && \
		!((weighted) ? rating_remove_weighted_answer(state, (SCORE), RATING_ROW_WEIGHT) : \
		  rating_remove_answer(state, (SCORE)))) \
		PG_RETURN_NULL(); \
	PG_RETURN_RATING_SUMMARY_P(state); \
}

#define RATING_FUNCTIONS(prefix, STATE, SCORE_INT4, SCORE_INT2, SCORE_NUMERIC) \
RATING_TRANS(prefix##_trans, STATE, SCORE_INT4, false) \
RATING_TRANS(prefix##_trans_int2, STATE, SCORE_INT2, false) \
RATING_TRANS(prefix##_trans_numeric, STATE, SCORE_NUMERIC, false) \
RATING_TRANS(prefix##_trans_weighted, STATE, SCORE_INT4, true) \
RATING_TRANS(prefix##_trans_int2_weighted, STATE, SCORE_INT2, true) \
RATING_TRANS(prefix##_trans_numeric_weighted, STATE, SCORE_NUMERIC, true) \
RATING_INV(prefix##_inv, SCORE_INT4, false) \
RATING_INV(prefix##_inv_int2, SCORE_INT2, false) \
RATING_INV(prefix##_inv_numeric, SCORE_NUMERIC, false) \
RATING_INV(prefix##_inv_weighted, SCORE_INT4, true) \
RATING_INV(prefix##_inv_int2_weighted, SCORE_INT2, true) \
RATING_INV(prefix##_inv_numeric_weighted, SCORE_NUMERIC, true)

/*
 * RATING_INPUT(prefix, kind) writes the input functions of a rating
 * summary type: prefix_summary_in (text) and prefix_summary_recv (binary),
 * the forms of rating_summary.c.
 */
#define RATING_INPUT(prefix, kind) \
PG_FUNCTION_INFO_V1(prefix##_summary_in); \
Datum \
prefix##_summary_in(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_RATING_SUMMARY_P(rating_summary_from_text(PG_GETARG_CSTRING(0), kind)); \
} \
PG_FUNCTION_INFO_V1(prefix##_summary_recv); \
Datum \
prefix##_summary_recv(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_RATING_SUMMARY_P(rating_summary_from_binary((StringInfo) PG_GETARG_POINTER(0), \
														  kind)); \
}

/* The state and score expressions of CSAT and CES. */
#define RATING_SCALED_STATE_CSAT(weighted) rating_scaled_state(fcinfo, RATING_KIND_CSAT, weighted)
#define RATING_SCALED_STATE_CES(weighted) rating_scaled_state(fcinfo, RATING_KIND_CES, weighted)
#define RATING_SCORE_INT4	rating_scaled_score(state, PG_GETARG_INT32(1))
#define RATING_SCORE_INT2	rating_scaled_score(state, PG_GETARG_INT16(1))
#define RATING_SCORE_NUMERIC rating_scaled_score_numeric(fcinfo, 1, state)

#endif							/* CX_RATING_SUMMARY_H */
