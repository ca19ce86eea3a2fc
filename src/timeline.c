/*-------------------------------------------------------------------------
 *
 * timeline.c
 *	  Churn over time: the churn_timeline type, its aggregates, and its
 *	  unnesting into one churn_summary per period.
 *
 * A timeline holds the churn summaries of the consecutive periods
 * [lower(span) + k step, lower(span) + (k + 1) step), k = 0 .. n - 1, that
 * tile span, built in one pass over the customers.  The bounds
 * p(0) .. p(n) are computed once per aggregate; for each customer, the
 * bounds its lifetime contains are a run p(kmin) .. p(kmax), found by
 * interpolation.  Then, with churn_summary's rules:
 *
 *	 at risk in period k:  kmin <= k <= kmax (the lifetime contains p(k))
 *	 lost in period k:     k = kmax < n (contains p(k), not p(k + 1))
 *	 new in period k:      the period whose [p(k), p(k + 1)) holds the
 *						   lifetime's start, when not at risk at p(k)
 *
 * so each period's counts and revenue sums are those churn_summary(active,
 * period [, revenue]) would have for the same rows, added in the same row
 * order: unnest gives text-equal summaries.
 *
 * The type lives on the summary kernel (summary_kernel.h) as a varlena
 * value whose shape (span, step, periods, revenue or not) is set by its
 * first row: the kernel keeps its lifecycle, window states (the revenue
 * sums of every period kept exactly), combine, final, =, hash and the
 * versioned text and binary framing; this file has the periods.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/rangetypes.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "churn.h"
#include "compat.h"
#include "lifetime.h"
#include "summary_io.h"
#include "summary_kernel.h"

/* Version of the text and binary formats written by this code. */
#define TIMELINE_VERSION 1

/*
 * The timeline weighs customers by revenue (revenue arrays present); the
 * only stored flag.  The kernel's scratch flags (SUMMARY_FLAG_INEXACT,
 * SUMMARY_FLAG_WINDOW) share the byte.
 */
#define TIMELINE_FLAG_REVENUE 0x01
#define TIMELINE_STORED_FLAGS TIMELINE_FLAG_REVENUE

/* The most periods a timeline holds: memory per group stays bounded. */
#define TIMELINE_MAX_PERIODS 10000

/*
 * The timeline and transition state.  After the header come, per period,
 * customers at start, lost and new (int64 arrays of periods entries each)
 * and, for a revenue timeline, the revenue sums (TIMELINE_REVENUE_SUMS
 * float8 arrays, next to each other: the doubles a window state keeps
 * exactly).  A state made for no row yet (a roll-up's window state before
 * its first summary) has no periods.
 */
typedef struct ChurnTimeline
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* TIMELINE_VERSION of this layout */
	uint8		flags;			/* TIMELINE_FLAG_REVENUE, kernel scratch flags */
	uint8		period_type;	/* ChurnPeriodType of span and periods */
	uint8		step_kind;		/* LifetimeStepKind */
	int32		periods;		/* number of periods n */
	int32		reserved;		/* zero; keeps the int64 fields 8-aligned */
	int64		step;			/* step length: months or microseconds */
	int64		span_start;		/* lower(span), in the range type's units */
	int64		span_end;		/* upper(span) = span_start + n step */
	int64		data[FLEXIBLE_ARRAY_MEMBER];	/* the arrays, above */
} ChurnTimeline;

/*
 * The per-period revenue sums, in the order of their arrays (and of the
 * text and binary forms): revenue at start, revenue lost, the sum of
 * squared revenue at start and that of the lost customers (the design-based
 * variance of each period's revenue churn needs both).
 */
#define TIMELINE_REVENUE_SUMS 4

#define TIMELINE_HEADER offsetof(ChurnTimeline, data)
#define TIMELINE_ARRAYS(revenue) (3 + ((revenue) ? TIMELINE_REVENUE_SUMS : 0))
#define TIMELINE_SIZE(n, revenue) \
	(TIMELINE_HEADER + (Size) (n) * sizeof(int64) * TIMELINE_ARRAYS(revenue))
#define TL_AT_RISK(t)		((t)->data)
#define TL_LOST(t)			((t)->data + (t)->periods)
#define TL_NEW(t)			((t)->data + 2 * (t)->periods)
#define TL_SUMS(t)			((double *) ((t)->data + 3 * (t)->periods))
#define TL_HAS_REVENUE(t)	(((t)->flags & TIMELINE_FLAG_REVENUE) != 0)

/* Indexes among the kept doubles (TL_SUMS) of period k's revenue sums. */
#define TL_REV_START_AT(t, k)	(k)
#define TL_REV_LOST_AT(t, k)	((t)->periods + (k))
#define TL_SUM_SQ_AT(t, k)		(2 * (t)->periods + (k))
#define TL_SUM_SQ_LOST_AT(t, k)	(3 * (t)->periods + (k))

static const SummaryType timeline_type;

static const char *const timeline_type_names[] = {
	[CHURN_PERIOD_UNSET] = "none",
	[CHURN_PERIOD_TSTZ] = "tstzrange",
	[CHURN_PERIOD_TS] = "tsrange",
	[CHURN_PERIOD_DATE] = "daterange"
};

/*
 * fn_extra of the transition functions: the range types' cache entries,
 * and the span and step of the last row with their period bounds, since
 * every row of a group usually has the same ones.
 */
typedef struct TimelineCache
{
	TypeCacheEntry *active_typcache;	/* the lifetimes' range type */
	TypeCacheEntry *span_typcache;	/* the span's range type */
	char	   *span_bytes;		/* the last span argument as it came */
	Size		span_length;	/* its length (0: none yet) */
	Interval	step_value;		/* the last step argument */
	int			period_type;	/* ChurnPeriodType of the span */
	LifetimeStep step;			/* the step, read */
	int64		span_start;		/* lower(span) */
	int64		span_end;		/* upper(span) */
	int			periods;		/* n */
	int64	   *bounds;			/* p(0) .. p(n) */
	double		bounds_scale;	/* n / (p(n) - p(0)), for interpolation */
	bool		fixed_span;		/* span and step are constants of the query:
								 * the first row's are every row's */
	ChurnTimeline shape;		/* a timeline of no periods' content with
								 * the span, step and revenue flag: the
								 * init argument of a new state */
} TimelineCache;

/* The ChurnPeriodType of a range type. */
static int
timeline_period_type(Oid range_type)
{
	switch (range_type)
	{
		case TSTZRANGEOID:
			return CHURN_PERIOD_TSTZ;
		case TSRANGEOID:
			return CHURN_PERIOD_TS;
		case DATERANGEOID:
			return CHURN_PERIOD_DATE;
	}
	elog(ERROR, "churn_timeline does not take ranges of type %u", range_type);
	return CHURN_PERIOD_UNSET;	/* not reached */
}

/* The units of a period type's values. */
static LifetimeUnits
timeline_units(int period_type)
{
	return period_type == CHURN_PERIOD_DATE ? LIFETIME_UNITS_DAYS : LIFETIME_UNITS_USECS;
}

/* A bound as ISO text, for messages. */
static char *
timeline_bound_text(int period_type, int64 value)
{
	StringInfoData buf;

	initStringInfo(&buf);
	churn_append_bound(&buf, (ChurnPeriodType) period_type, value);
	return buf.data;
}

/* The span of a timeline as text, for messages: [start, end). */
static char *
timeline_span_text(int period_type, int64 start, int64 end)
{
	return psprintf("[%s, %s)", timeline_bound_text(period_type, start),
					timeline_bound_text(period_type, end));
}

/*
 * The number of whole steps in [start, end), or -1 when the span is not a
 * whole number of steps (or holds none).
 */
static int64
timeline_periods(int period_type, int64 start, int64 end, const LifetimeStep *step)
{
	LifetimeUnits units = timeline_units(period_type);
	int64		n = lifetime_steps_within(start, end, units, step);

	if (n < 1 || lifetime_add_steps(start, units, step, n) != end)
		return -1;
	return n;
}

/*
 * Whether the span and step of an aggregate's rows are constants of the
 * query (as in churn_timeline(active, daterange(...), '1 month')), so that
 * the first row's are every row's.
 */
static bool
timeline_fixed_span(FunctionCallInfo fcinfo)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);

	return aggref != NULL && list_length(aggref->args) >= 3 &&
		IsA(((TargetEntry *) list_nth(aggref->args, 1))->expr, Const) &&
		IsA(((TargetEntry *) list_nth(aggref->args, 2))->expr, Const);
}

/*
 * Read the span (argument 2) and step (argument 3) into the cache, with
 * the bounds of the periods, unless they are those of the previous row.
 */
static TimelineCache *
timeline_read_span(FunctionCallInfo fcinfo, bool revenue)
{
	TimelineCache *cache = (TimelineCache *) fcinfo->flinfo->fn_extra;
	struct varlena *raw;
	Interval   *step_arg;
	LifetimeRange span;
	int64		n;
	int64		k;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(TimelineCache));
		fcinfo->flinfo->fn_extra = cache;
	}
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("span must not be null"),
				 errhint("The span is the bounded range the periods tile, such as daterange('2025-01-01', '2027-01-01').")));
	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("step must not be null"),
				 errhint("The step is a positive interval such as '1 month' or '7 days'.")));
	if (cache->span_length > 0 && cache->fixed_span)
		return cache;
	raw = (struct varlena *) PG_GETARG_POINTER(2);
	step_arg = PG_GETARG_INTERVAL_P(3);
	if (cache->span_length > 0 && !VARATT_IS_EXTENDED(raw) &&
		cache->span_length == VARSIZE(raw) && memcmp(cache->span_bytes, raw, VARSIZE(raw)) == 0 &&
		memcmp(&cache->step_value, step_arg, sizeof(Interval)) == 0)
		return cache;

	cache->span_length = 0;
	lifetime_read_range(fcinfo, 2, &cache->span_typcache, &span);
	cache->period_type = timeline_period_type(span.range_type);
	lifetime_read_step(fcinfo, 3, timeline_units(cache->period_type), &cache->step);
	if (span.empty || span.lower_infinite || span.upper_infinite)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("span must be bounded"),
				 errhint("A timeline covers a bounded range with finite bounds, such as daterange('2025-01-01', '2027-01-01').")));
	if (span.lower >= span.upper)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("span must start before it ends")));
	n = lifetime_steps_within(span.lower, span.upper, timeline_units(cache->period_type), &cache->step);
	if (n > TIMELINE_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("span %s holds more than %d steps of %s",
						timeline_span_text(cache->period_type, span.lower, span.upper),
						TIMELINE_MAX_PERIODS, lifetime_step_text(&cache->step)),
				 errhint("A timeline holds at most %d periods: use a longer step or a shorter span.",
						 TIMELINE_MAX_PERIODS)));
	if (timeline_periods(cache->period_type, span.lower, span.upper, &cache->step) != n)
	{
		int64		suggested = lifetime_add_steps(span.lower, timeline_units(cache->period_type),
												   &cache->step, Max(n, 1));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("span %s is not a whole number of steps of %s",
						timeline_span_text(cache->period_type, span.lower, span.upper),
						lifetime_step_text(&cache->step)),
				 suggested == PG_INT64_MAX ?
				 errhint("The span must end at lower(span) + n * step for a whole number n.") :
				 errhint("The span must end at lower(span) + n * step for a whole number n, such as %s.",
						 timeline_span_text(cache->period_type, span.lower, suggested))));
	}
	if (cache->bounds != NULL)
		pfree(cache->bounds);
	cache->bounds = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(int64) * (n + 1));
	for (k = 0; k <= n; k++)
		cache->bounds[k] = lifetime_add_steps(span.lower, timeline_units(cache->period_type),
											  &cache->step, k);
	cache->span_start = span.lower;
	cache->span_end = span.upper;
	cache->periods = (int) n;
	cache->bounds_scale = (double) n / ((double) span.upper - (double) span.lower);
	cache->shape.version = TIMELINE_VERSION;
	cache->shape.flags = revenue ? TIMELINE_FLAG_REVENUE : 0;
	cache->shape.period_type = (uint8) cache->period_type;
	cache->shape.step_kind = (uint8) cache->step.kind;
	cache->shape.periods = cache->periods;
	cache->shape.step = cache->step.length;
	cache->shape.span_start = span.lower;
	cache->shape.span_end = span.upper;
	/* remember the arguments as they came, to know the next row's */
	if (!VARATT_IS_EXTENDED(raw))
	{
		if (cache->span_bytes != NULL)
			pfree(cache->span_bytes);
		cache->span_bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE(raw));
		memcpy(cache->span_bytes, raw, VARSIZE(raw));
		cache->span_length = VARSIZE(raw);
		memcpy(&cache->step_value, step_arg, sizeof(Interval));
		cache->fixed_span = timeline_fixed_span(fcinfo);
	}
	return cache;
}

/* The error for a count past bigint. */
static void
timeline_count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("number of customers in a churn timeline is out of range for type bigint"),
			 errhint("A period of a churn timeline counts at most 9223372036854775807 customers of each kind; split the customers into groups and report them apart.")));
}

/* The error for a revenue sum past double precision. */
static void
timeline_revenue_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("sum of revenue is out of range for type double precision"),
			 errhint("Use revenue in a larger unit, such as thousands.")));
}

/* The step of a timeline as text, for messages. */
static char *
timeline_step_text(const ChurnTimeline *t)
{
	LifetimeStep step;

	step.kind = t->step_kind;
	step.length = t->step;
	return lifetime_step_text(&step);
}

/*
 * Timelines used together must cover the same span with the same step, and
 * both or neither weigh revenue.
 */
static void
timeline_check_compatible(const ChurnTimeline *a, const ChurnTimeline *b, bool rows)
{
	if (a->period_type != b->period_type || a->span_start != b->span_start ||
		a->span_end != b->span_end || a->step_kind != b->step_kind || a->step != b->step)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 rows ? errmsg("cannot aggregate a churn timeline over different spans or steps") :
				 errmsg("cannot combine churn timelines of different spans or steps"),
				 errdetail("One covers %s %s in steps of %s, the other %s %s in steps of %s.",
						   timeline_type_names[a->period_type],
						   timeline_span_text(a->period_type, a->span_start, a->span_end),
						   timeline_step_text(a),
						   timeline_type_names[b->period_type],
						   timeline_span_text(b->period_type, b->span_start, b->span_end),
						   timeline_step_text(b)),
				 errhint("Churn in months is not churn in quarters: combine timelines of the same span and step only.")));
	if (TL_HAS_REVENUE(a) != TL_HAS_REVENUE(b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine churn timelines with and without revenue"),
				 errhint("Build all the timelines with churn_timeline(active, span, step, revenue), or all without revenue.")));
}

/*
 * The last k in 0..n with p(k) <= x, -1 if none.  The bounds are close to
 * evenly spaced (months vary by a few days), so the guess by interpolation
 * is right or a step away; exact comparisons then settle it.
 */
static inline int
timeline_last_le(const int64 *p, int n, double scale, int64 x)
{
	int			k;

	if (x < p[0])
		return -1;
	if (x >= p[n])
		return n;
	k = (int) (((double) x - (double) p[0]) * scale);
	k = Max(0, Min(k, n - 1));
	while (k > 0 && p[k] > x)
		k--;
	while (k < n && p[k + 1] <= x)
		k++;
	return k;
}

/*
 * The churn_summary of period i of a timeline; (Datum) 0 with *problem set
 * when its content breaks a rule of churn_summary.
 */
static Datum
timeline_period_summary(const ChurnTimeline *t, int i, char **problem)
{
	LifetimeUnits units = timeline_units(t->period_type);
	LifetimeStep step;
	bool		revenue = TL_HAS_REVENUE(t);
	const double *sums = TL_SUMS(t);

	step.kind = t->step_kind;
	step.length = t->step;
	return churn_summary_make(t->period_type,
							  lifetime_add_steps(t->span_start, units, &step, i),
							  lifetime_add_steps(t->span_start, units, &step, i + 1),
							  revenue, TL_AT_RISK(t)[i], TL_LOST(t)[i], TL_NEW(t)[i],
							  revenue ? sums[TL_REV_START_AT(t, i)] : 0.0,
							  revenue ? sums[TL_REV_LOST_AT(t, i)] : 0.0,
							  revenue ? sums[TL_SUM_SQ_AT(t, i)] : 0.0,
							  revenue ? sums[TL_SUM_SQ_LOST_AT(t, i)] : 0.0, problem);
}

/*
 * Add one customer's revenue to a state (sign 1), or remove it from a
 * window state (sign -1): at risk at the start of the periods first ..
 * last, and lost in period lost_in (none when past last).  The one place
 * the per-period revenue sums are accumulated; each period's sums get the
 * same additions, in row order, as churn_summary's (churn_count_customer),
 * so that they are bit for bit the same (adding 0 to the revenue lost of a
 * period the customer is not lost in changes nothing).  A plain state adds
 * in place; a window state also keeps the sums exactly (summary_add_sum).
 */
static inline void
timeline_add_revenue(ChurnTimeline *state, int first, int last, int lost_in,
					 double revenue, int sign)
{
	double	   *sums = TL_SUMS(state);
	double	   *revenue_at_start = sums + TL_REV_START_AT(state, 0);
	double	   *revenue_lost = sums + TL_REV_LOST_AT(state, 0);
	double	   *sum_sq_revenue = sums + TL_SUM_SQ_AT(state, 0);
	double	   *sum_sq_lost = sums + TL_SUM_SQ_LOST_AT(state, 0);
	double		square = revenue * revenue;
	int			k;

	if (likely(!(state->flags & SUMMARY_FLAG_WINDOW)))
	{
		for (k = first; k <= last; k++)
		{
			revenue_at_start[k] += revenue;
			sum_sq_revenue[k] += square;
		}
		if (lost_in <= last)
		{
			revenue_lost[lost_in] += revenue;
			sum_sq_lost[lost_in] += square;
		}
	}
	else
	{
		for (k = first; k <= last; k++)
		{
			summary_add_sum(&timeline_type, state, TL_REV_START_AT(state, k), sign * revenue);
			summary_add_sum(&timeline_type, state, TL_SUM_SQ_AT(state, k), sign * square);
		}
		if (lost_in <= last)
		{
			summary_add_sum(&timeline_type, state, TL_REV_LOST_AT(state, lost_in), sign * revenue);
			summary_add_sum(&timeline_type, state, TL_SUM_SQ_LOST_AT(state, lost_in), sign * square);
		}
	}

	/*
	 * Revenue is finite and >= 0.  Below 2^485, the revenue and its square
	 * are less than half a unit in the last place of DBL_MAX (2^970), so
	 * adding them rounds no finite sum past DBL_MAX: only a larger revenue
	 * can make a sum infinite, and the revenue lost (and its squares) at
	 * most the revenue at start (and its squares).
	 */
	if (unlikely(revenue >= 0x1p485))
		for (k = first; k <= last; k++)
			if (isinf(revenue_at_start[k]) || isinf(sum_sq_revenue[k]))
				timeline_revenue_overflow();
}

/*
 * Add (sign 1) or remove (sign -1) one customer with the cache's bounds,
 * by churn_summary's rules (see the top of the file): the lifetime
 * contains the bounds p(kmin) .. p(kmax).
 */
static void
timeline_count(ChurnTimeline *state, const TimelineCache *cache,
			   const LifetimeRange *active, double revenue, int sign)
{
	const int64 *p = cache->bounds;
	int			n = cache->periods;
	int64	   *at_risk = TL_AT_RISK(state);
	bool		revenue_form = TL_HAS_REVENUE(state);
	int			at_start = -1;	/* last bound <= the start */
	int			kmin;
	int			kmax;
	int			last;
	int			k;

	if (active->empty)
		return;
	/* kmin: the first bound the start does not exclude */
	if (active->lower_infinite)
		kmin = 0;
	else
	{
		at_start = timeline_last_le(p, n, cache->bounds_scale, active->lower);
		if (at_start >= 0 && p[at_start] == active->lower && active->lower_inclusive)
			kmin = at_start;
		else
			kmin = at_start + 1;
	}
	/* kmax: the last bound the end does not exclude */
	if (active->upper_infinite)
		kmax = n;
	else
	{
		kmax = timeline_last_le(p, n, cache->bounds_scale, active->upper);
		if (kmax >= 0 && p[kmax] == active->upper && !active->upper_inclusive)
			kmax--;
	}

	/* at risk in kmin .. last; at most one per row: no count passes bigint */
	last = Min(kmax, n - 1);
	for (k = kmin; k <= last; k++)
		at_risk[k] += sign;
	if (kmin <= kmax && kmax < n)
		TL_LOST(state)[kmax] += sign;
	if (revenue_form && kmin <= last)
		timeline_add_revenue(state, kmin, last, kmax, revenue, sign);
	/* new: the period holding the start, if not at risk at its start */
	if (!active->lower_infinite && at_start >= 0 && at_start < n &&
		!(kmin <= at_start && at_start <= kmax))
		TL_NEW(state)[at_start] += sign;
	if (sign < 0 && ((kmin <= last && TL_AT_RISK(state)[kmin] < 0) ||
					 (at_start >= 0 && at_start < n && TL_NEW(state)[at_start] < 0)))
		elog(ERROR, "inverse transition removed a customer that was never added");
}

/* Whether a timeline has the span, step and revenue flag of another. */
static inline bool
timeline_same_shape(const ChurnTimeline *a, const ChurnTimeline *b)
{
	return a->period_type == b->period_type && a->span_start == b->span_start &&
		a->span_end == b->span_end && a->step_kind == b->step_kind && a->step == b->step &&
		a->periods == b->periods && TL_HAS_REVENUE(a) == TL_HAS_REVENUE(b);
}

/*
 * The transition, plain or moving (over a window state): count one
 * customer.  Arguments: state, active, span, step [, revenue].  Rows with
 * a NULL lifetime, or a NULL revenue, are skipped, but their span and step
 * must be the timeline's.
 */
static Datum
timeline_trans_common(FunctionCallInfo fcinfo, bool revenue_form)
{
	TimelineCache *cache = timeline_read_span(fcinfo, revenue_form);
	bool		skip = PG_ARGISNULL(1) || (revenue_form && PG_ARGISNULL(4));
	ChurnTimeline *state;
	LifetimeRange active;
	double		revenue = 0.0;

	/* a plain state starts with the first counted row; a window state at once */
	if (skip && PG_ARGISNULL(0) && get_fn_expr_argtype(fcinfo->flinfo, 0) != INTERNALOID)
		PG_RETURN_NULL();
	state = (ChurnTimeline *) summary_state_for_update(fcinfo, &timeline_type, &cache->shape);
	/* a constant span and step are those of every state (made from them) */
	if (!cache->fixed_span && unlikely(!timeline_same_shape(state, &cache->shape)))
	{
		/* a window whose rows have all left takes the next row's span */
		state = (ChurnTimeline *) summary_window_renew(&timeline_type, state, &cache->shape);
		timeline_check_compatible(state, &cache->shape, true);
	}
	if (skip)
		PG_RETURN_POINTER(state);
	if (revenue_form)
	{
		revenue = PG_GETARG_FLOAT8(4);
		churn_check_revenue(revenue);
		revenue += 0.0;
	}
	lifetime_read_range(fcinfo, 1, &cache->active_typcache, &active);
	if (unlikely(state->flags & SUMMARY_FLAG_WINDOW))
		summary_window_count(&timeline_type, state, 1);
	timeline_count(state, cache, &active, revenue, 1);
	PG_RETURN_POINTER(state);
}

/*
 * The moving-aggregate inverse transition: remove one customer from a
 * window state; NULL (recompute the frame) when the revenue sums can no
 * longer be kept exactly.
 */
static Datum
timeline_inv_common(FunctionCallInfo fcinfo, bool revenue_form)
{
	ChurnTimeline *state = (ChurnTimeline *) window_inverse_state(fcinfo);
	TimelineCache *cache;
	LifetimeRange active;

	if (state == NULL)
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1) || (revenue_form && PG_ARGISNULL(4)))
		PG_RETURN_POINTER(state);
	cache = timeline_read_span(fcinfo, revenue_form);
	timeline_check_compatible(state, &cache->shape, true);
	lifetime_read_range(fcinfo, 1, &cache->active_typcache, &active);
	summary_window_count(&timeline_type, state, -1);
	timeline_count(state, cache, &active, revenue_form ? PG_GETARG_FLOAT8(4) + 0.0 : 0.0, -1);
	if (!summary_is_exact(&timeline_type, state))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

/*
 * churn_timeline_trans, churn_timeline_trans_revenue
 *		Transition of churn_timeline(active, span, step [, revenue]), for
 *		every range type, on the timeline or on a window state.
 * churn_timeline_inv, churn_timeline_inv_revenue
 *		Their moving-aggregate inverse transitions.
 */
SUMMARY_SQL_FUNCTION(churn_timeline_trans, timeline_trans_common(fcinfo, false))
SUMMARY_SQL_FUNCTION(churn_timeline_trans_revenue, timeline_trans_common(fcinfo, true))
SUMMARY_SQL_FUNCTION(churn_timeline_inv, timeline_inv_common(fcinfo, false))
SUMMARY_SQL_FUNCTION(churn_timeline_inv_revenue, timeline_inv_common(fcinfo, true))

/*
 * The kernel's callbacks
 * ----------------------
 */

/*
 * Bytes of a new timeline (SummaryType.new_size) of the shape of arg, a
 * timeline whose span, step, periods and revenue flag it takes; none for
 * a state made before its first summary (arg NULL).
 */
static Size
timeline_new_size(const void *arg)
{
	const ChurnTimeline *shape = (const ChurnTimeline *) arg;

	if (shape == NULL)
		return TIMELINE_SIZE(0, false);
	return TIMELINE_SIZE(shape->periods, TL_HAS_REVENUE(shape));
}

/* Fill in a new, zeroed timeline of the shape of arg (SummaryType.init). */
static void
timeline_init(void *value, const void *arg)
{
	ChurnTimeline *t = (ChurnTimeline *) value;
	const ChurnTimeline *shape = (const ChurnTimeline *) arg;

	t->version = TIMELINE_VERSION;
	if (shape == NULL)
		return;
	t->flags |= shape->flags & TIMELINE_STORED_FLAGS;
	t->period_type = shape->period_type;
	t->step_kind = shape->step_kind;
	t->periods = shape->periods;
	t->step = shape->step;
	t->span_start = shape->span_start;
	t->span_end = shape->span_end;
}

/* Whether a state was made before its first summary (SummaryType.is_empty). */
static bool
timeline_is_empty(const void *value)
{
	return ((const ChurnTimeline *) value)->periods == 0;
}

/*
 * The revenue sums of every period, which a window keeps exactly, and how
 * many (*count); none without revenue.
 */
static double *
timeline_revenue_sums(const ChurnTimeline *t, int *count)
{
	*count = TL_HAS_REVENUE(t) ? TIMELINE_REVENUE_SUMS * t->periods : 0;
	return TL_SUMS(t);
}

/* Where a timeline keeps its window doubles (SummaryType.kept_sums). */
static int
timeline_kept_sums(const void *value, Size *offset)
{
	const ChurnTimeline *t = (const ChurnTimeline *) value;
	int			count;

	*offset = (const char *) timeline_revenue_sums(t, &count) - (const char *) t;
	return count;
}

/*
 * Clear the counts a window state's last frame left, before a row enters
 * its emptied frame (SummaryType.restart; the kernel clears the revenue
 * sums).
 */
static void
timeline_restart(void *value)
{
	ChurnTimeline *t = (ChurnTimeline *) value;

	memset(t->data, 0, sizeof(int64) * 3 * t->periods);
}

/* Revenue sums of -0 read as +0, so that equal values have equal bytes. */
static void
timeline_prepare(void *value)
{
	ChurnTimeline *t = (ChurnTimeline *) value;
	int			count;
	double	   *sums = timeline_revenue_sums(t, &count);
	int			i;

	for (i = 0; i < count; i++)
		sums[i] += 0.0;
}

/*
 * target += sign * source (SummaryType.add): both of the same span, step
 * and revenue flag; false when a window state's sums are no longer exact.
 */
static bool
timeline_add(void *target_value, const void *source_value, int sign)
{
	ChurnTimeline *target = (ChurnTimeline *) target_value;
	const ChurnTimeline *source = (const ChurnTimeline *) source_value;
	int			counts;
	int			sums;
	int			i;

	timeline_check_compatible(target, source, false);
	/* counts are >= 0, so sign * count cannot overflow */
	counts = 3 * target->periods;
	for (i = 0; i < counts; i++)
		if (unlikely(pg_add_s64_overflow(target->data[i], sign * source->data[i], &target->data[i])))
			timeline_count_overflow();
	for (i = 0; i < counts; i++)
		if (unlikely(target->data[i] < 0))
			elog(ERROR, "inverse transition removed customers that were never added");
	if (!TL_HAS_REVENUE(target))
		return true;
	sums = TIMELINE_REVENUE_SUMS * target->periods;
	for (i = 0; i < sums; i++)
	{
		if (target->flags & SUMMARY_FLAG_WINDOW)
			summary_add_sum(&timeline_type, target, i, sign * TL_SUMS(source)[i]);
		else
			TL_SUMS(target)[i] += TL_SUMS(source)[i];
		if (unlikely(isinf(TL_SUMS(target)[i])))
			timeline_revenue_overflow();
	}
	return summary_is_exact(&timeline_type, target);
}

/* a = b (SummaryType.equal): same span, step, revenue or not, counts and sums. */
static bool
timeline_equal(const void *a_value, const void *b_value)
{
	const ChurnTimeline *a = (const ChurnTimeline *) a_value;
	const ChurnTimeline *b = (const ChurnTimeline *) b_value;

	return VARSIZE(a) == VARSIZE(b) &&
		(a->flags & TIMELINE_STORED_FLAGS) == (b->flags & TIMELINE_STORED_FLAGS) &&
		timeline_same_shape(a, b) &&
		memcmp(a->data, b->data, VARSIZE(a) - TIMELINE_HEADER) == 0;
}

/*
 * What is wrong with a timeline read from text or binary, or NULL
 * (SummaryType.check_content): its span and step, and every period's
 * summary by churn_summary's rules.
 */
static char *
timeline_check_content(const void *value)
{
	const ChurnTimeline *t = (const ChurnTimeline *) value;
	LifetimeStep step;
	char	   *problem;
	int			i;

	if (t->period_type < CHURN_PERIOD_TSTZ || t->period_type > CHURN_PERIOD_DATE)
		return psprintf("Period type %d is not tstzrange (1), tsrange (2) or daterange (3).",
						t->period_type);
	step.kind = t->step_kind;
	step.length = t->step;
	if (t->step_kind == LIFETIME_STEP_MONTHS ? (t->step <= 0 || t->step > PG_INT32_MAX) :
		(t->step_kind != LIFETIME_STEP_FIXED || t->step <= 0 ||
		 (t->period_type == CHURN_PERIOD_DATE && t->step % USECS_PER_DAY != 0)))
		return pstrdup("The step must be a positive number of months, or of microseconds (whole days for daterange).");
	if (t->periods < 1 || t->periods > TIMELINE_MAX_PERIODS)
		return psprintf("A timeline holds 1 to %d periods.", TIMELINE_MAX_PERIODS);
	/* the span's bounds by churn_summary's rules, before any arithmetic */
	churn_summary_make(t->period_type, t->span_start, t->span_end, false, 0, 0, 0,
					   0.0, 0.0, 0.0, 0.0, &problem);
	if (problem != NULL)
		return problem;
	if (timeline_periods(t->period_type, t->span_start, t->span_end, &step) != t->periods)
		return pstrdup("The span must be the given number of whole steps.");
	for (i = 0; i < t->periods; i++)
	{
		timeline_period_summary(t, i, &problem);
		if (problem != NULL)
			return psprintf("Period %d: %s", i + 1, problem);
	}
	return NULL;
}

/*
 * Text form
 * ---------
 * {"version": 1, "period_type": "daterange", "span": ["2025-01-01",
 * "2027-01-01"], "step_months": 1, "customers_at_start": [...],
 * "customers_lost": [...], "customers_new": [...]} with
 * "step_microseconds" for a fixed step and "revenue_at_start",
 * "revenue_lost", "sum_sq_revenue", "sum_sq_revenue_lost" arrays for a revenue timeline; one entry
 * per period.  Bounds are written as churn_summary writes its period's.
 */

/* The keys; the arrays' come in the order of the arrays in a timeline. */
#define TIMELINE_KEY_PERIOD_TYPE	1
#define TIMELINE_KEY_SPAN			2
#define TIMELINE_KEY_STEP_MONTHS	3
#define TIMELINE_KEY_STEP_USECS		4
#define TIMELINE_KEY_ARRAYS			5	/* the first array's key */
#define TIMELINE_MAX_ARRAYS			TIMELINE_ARRAYS(true)

static const char *const timeline_text_keys[] = {
	"version", "period_type", "span", "step_months", "step_microseconds",
	"customers_at_start", "customers_lost", "customers_new",
	"revenue_at_start", "revenue_lost", "sum_sq_revenue", "sum_sq_revenue_lost", NULL
};

/* What the text form's keys hold, before they make a timeline. */
typedef struct TimelineText
{
	int			period_type;	/* ChurnPeriodType, UNSET if not given */
	char	   *span_start;		/* the span's bounds as written */
	char	   *span_end;
	LifetimeStep step;			/* kind 0 if not given */
	int			entries[TIMELINE_MAX_ARRAYS];	/* of each array */
	int64		arrays[TIMELINE_MAX_ARRAYS][TIMELINE_MAX_PERIODS];	/* their entries */
} TimelineText;

/* Read the value of one key (SummaryType.read_text_field). */
static void
timeline_read_text_field(const SummaryType *type, TextParser *parser, int key, void *scratch)
{
	TimelineText *text = (TimelineText *) scratch;
	int			array = key - TIMELINE_KEY_ARRAYS;

	switch (key)
	{
		case TIMELINE_KEY_PERIOD_TYPE:
			text->period_type = churn_read_period_type(parser);
			return;
		case TIMELINE_KEY_SPAN:
			churn_read_bounds(parser, "span", &text->span_start, &text->span_end);
			return;
		case TIMELINE_KEY_STEP_MONTHS:
		case TIMELINE_KEY_STEP_USECS:
			if (text->step.kind != 0)
				text_syntax_error(parser, "one of the keys \"step_months\" and \"step_microseconds\", not both");
			text->step.kind = key == TIMELINE_KEY_STEP_MONTHS ? LIFETIME_STEP_MONTHS : LIFETIME_STEP_FIXED;
			text->step.length = read_count(parser, "a positive step length");
			return;
	}
	if (array < 3)
		text->entries[array] = read_count_array(parser, text->arrays[array], TIMELINE_MAX_PERIODS);
	else
		text->entries[array] = read_double_array(parser, (double *) text->arrays[array],
												 TIMELINE_MAX_PERIODS);
	if (text->entries[array] > TIMELINE_MAX_PERIODS)
		text_content_error(parser, psprintf("A timeline holds 1 to %d periods.", TIMELINE_MAX_PERIODS));
}

/* The timeline the keys describe (SummaryType.finish_text). */
static void *
timeline_finish_text(const SummaryType *type, TextParser *parser, void *scratch, uint32 seen)
{
	TimelineText *text = (TimelineText *) scratch;
	uint32		required = (1 << 0) | (1 << TIMELINE_KEY_PERIOD_TYPE) | (1 << TIMELINE_KEY_SPAN) |
		(7 << TIMELINE_KEY_ARRAYS);
	uint32		revenue_keys = 15 << (TIMELINE_KEY_ARRAYS + 3);
	bool		revenue = (seen & revenue_keys) != 0;
	int			n = text->entries[0];
	ChurnTimeline *t;
	int			i;

	if ((seen & required) != required || text->step.kind == 0)
		text_content_error(parser, "The keys \"version\", \"period_type\", \"span\", \"step_months\" or \"step_microseconds\", \"customers_at_start\", \"customers_lost\" and \"customers_new\" are all required.");
	if (revenue && (seen & revenue_keys) != revenue_keys)
		text_content_error(parser, "The keys \"revenue_at_start\", \"revenue_lost\", \"sum_sq_revenue\" and \"sum_sq_revenue_lost\" come together.");
	for (i = 1; i < TIMELINE_ARRAYS(revenue); i++)
		if (text->entries[i] != n)
			text_content_error(parser, "The arrays must have one entry per period, all of the same length.");
	if (n < 1)
		text_content_error(parser, psprintf("A timeline holds 1 to %d periods.", TIMELINE_MAX_PERIODS));

	t = (ChurnTimeline *) palloc0(TIMELINE_SIZE(n, revenue));
	SET_VARSIZE(t, TIMELINE_SIZE(n, revenue));
	t->version = TIMELINE_VERSION;
	t->flags = revenue ? TIMELINE_FLAG_REVENUE : 0;
	t->period_type = (uint8) text->period_type;
	t->step_kind = (uint8) text->step.kind;
	t->step = text->step.length;
	t->periods = n;
	t->span_start = churn_parse_bound(parser, (ChurnPeriodType) text->period_type, text->span_start);
	t->span_end = churn_parse_bound(parser, (ChurnPeriodType) text->period_type, text->span_end);
	for (i = 0; i < TIMELINE_ARRAYS(revenue); i++)
		memcpy(t->data + i * n, text->arrays[i], sizeof(int64) * n);
	return t;
}

/* The fields after "version" (SummaryType.write_text). */
static void
timeline_write_text(StringInfo buf, const void *value)
{
	const ChurnTimeline *t = (const ChurnTimeline *) value;
	int			a;
	int			i;

	appendStringInfo(buf, ", \"period_type\": \"%s\", \"span\": [\"",
					 timeline_type_names[t->period_type]);
	churn_append_bound(buf, (ChurnPeriodType) t->period_type, t->span_start);
	appendStringInfoString(buf, "\", \"");
	churn_append_bound(buf, (ChurnPeriodType) t->period_type, t->span_end);
	appendStringInfo(buf, "\"], \"%s\": " INT64_FORMAT,
					 timeline_text_keys[t->step_kind == LIFETIME_STEP_MONTHS ?
										TIMELINE_KEY_STEP_MONTHS : TIMELINE_KEY_STEP_USECS],
					 t->step);
	for (a = 0; a < TIMELINE_ARRAYS(TL_HAS_REVENUE(t)); a++)
	{
		appendStringInfo(buf, ", \"%s\": [", timeline_text_keys[TIMELINE_KEY_ARRAYS + a]);
		for (i = 0; i < t->periods; i++)
		{
			if (i)
				appendStringInfoString(buf, ", ");
			if (a < 3)
				appendStringInfo(buf, INT64_FORMAT, t->data[a * t->periods + i]);
			else
				append_double(buf, ((const double *) (t->data + a * t->periods))[i]);
		}
		appendStringInfoChar(buf, ']');
	}
}

/*
 * Binary form
 * -----------
 * version, flags, period type, step kind (1 byte each), step, span start
 * and end (int8 each), periods (int4), then the arrays in the text form's
 * order: customers at start, lost and new (int8 per period) and for a
 * revenue timeline revenue at start, revenue lost and the sum of squared
 * revenue (float8 per period).
 */
#define TIMELINE_BINARY_HEADER 32

/* The fields after the version byte (SummaryType.read_binary). */
static void *
timeline_read_binary(const SummaryType *type, StringInfo buf)
{
	uint8		header[3];
	uint32		periods_net;
	int64		periods;
	int64		step;
	int64		span_start;
	int64		span_end;
	bool		revenue;
	ChurnTimeline *t;
	int			i;

	binary_read(buf, header, sizeof(header), type->type_name);
	if (header[0] & ~TIMELINE_STORED_FLAGS)
		binary_error(type->type_name, psprintf("Unknown flags 0x%02x.", header[0]));
	step = binary_read_int64(buf, type->type_name);
	span_start = binary_read_int64(buf, type->type_name);
	span_end = binary_read_int64(buf, type->type_name);
	binary_read(buf, &periods_net, sizeof(periods_net), type->type_name);
	periods = (int64) pg_ntoh32(periods_net);
	if (periods < 1 || periods > TIMELINE_MAX_PERIODS)
		binary_error(type->type_name, psprintf("A timeline holds 1 to %d periods.", TIMELINE_MAX_PERIODS));
	revenue = (header[0] & TIMELINE_FLAG_REVENUE) != 0;
	if ((int64) (buf->len - buf->cursor) !=
		periods * TIMELINE_ARRAYS(revenue) * (int64) sizeof(int64))
		binary_error(type->type_name, "The value's length does not match its number of periods.");
	t = (ChurnTimeline *) palloc0(TIMELINE_SIZE(periods, revenue));
	SET_VARSIZE(t, TIMELINE_SIZE(periods, revenue));
	t->version = TIMELINE_VERSION;
	t->flags = header[0];
	t->period_type = header[1];
	t->step_kind = header[2];
	t->periods = (int32) periods;
	t->step = step;
	t->span_start = span_start;
	t->span_end = span_end;
	for (i = 0; i < periods * 3; i++)
		t->data[i] = binary_read_int64(buf, type->type_name);
	for (; i < periods * TIMELINE_ARRAYS(revenue); i++)
		((double *) t->data)[i] = binary_read_double(buf, type->type_name);
	return t;
}

/* The fields after the version byte (SummaryType.write_binary). */
static void
timeline_write_binary(StringInfo buf, const void *value)
{
	const ChurnTimeline *t = (const ChurnTimeline *) value;
	int			i;

	pq_sendbyte(buf, t->flags & TIMELINE_STORED_FLAGS);
	pq_sendbyte(buf, t->period_type);
	pq_sendbyte(buf, t->step_kind);
	pq_sendint64(buf, t->step);
	pq_sendint64(buf, t->span_start);
	pq_sendint64(buf, t->span_end);
	pq_sendint32(buf, (uint32) t->periods);
	for (i = 0; i < t->periods * 3; i++)
		pq_sendint64(buf, t->data[i]);
	for (; i < t->periods * TIMELINE_ARRAYS(TL_HAS_REVENUE(t)); i++)
		pq_sendfloat8(buf, ((const double *) t->data)[i]);
}

/* The description of churn_timeline for the summary kernel. */
static const SummaryType timeline_type = {
	.type_name = "churn_timeline",
	.variant = 0,
	.version = TIMELINE_VERSION,
	.varlena = true,
	.size = TIMELINE_HEADER,
	.flags_offset = offsetof(ChurnTimeline, flags),
	.stored_flags = TIMELINE_STORED_FLAGS,
	.n_sums = 0,
	.sums_offset = 0,
	.init = timeline_init,
	.prepare = timeline_prepare,
	.is_empty = timeline_is_empty,
	.restart = timeline_restart,
	.add = timeline_add,
	.equal = timeline_equal,
	.check_content = timeline_check_content,
	.text_keys = timeline_text_keys,
	.text_hint = "The text form is {\"version\": 1, \"period_type\": \"daterange\", \"span\": [start, end], \"step_months\": n or \"step_microseconds\": n, \"customers_at_start\": [...], \"customers_lost\": [...], \"customers_new\": [...]}, as written by the type's output.",
	.text_scratch_size = sizeof(TimelineText),
	.read_text_field = timeline_read_text_field,
	.finish_text = timeline_finish_text,
	.write_text = timeline_write_text,
	.binary_header = TIMELINE_BINARY_HEADER,
	.write_binary = timeline_write_binary,
	.read_binary = timeline_read_binary,
	.new_size = timeline_new_size,
	.kept_sums = timeline_kept_sums
};

/*
 * churn_timeline_in, churn_timeline_recv, churn_timeline_out,
 * churn_timeline_send, churn_timeline_combine, churn_timeline_subtract,
 * churn_timeline_final, churn_timeline_window_final, churn_timeline_eq,
 * churn_timeline_ne, churn_timeline_hash
 *		The summary kernel's functions for churn_timeline (see
 *		SUMMARY_TYPE_FUNCTIONS).
 */
SUMMARY_TYPE_FUNCTIONS(churn_timeline, &timeline_type)

/* The OID of churn_summary: the type in the schema of the argument's type. */
static Oid
timeline_summary_type(FunctionCallInfo fcinfo)
{
	Oid			timeline_type = get_fn_expr_argtype(fcinfo->flinfo, 0);
	HeapTuple	tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(timeline_type));
	Oid			namespace;
	Oid			summary_type;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for type %u", timeline_type);
	namespace = ((Form_pg_type) GETSTRUCT(tuple))->typnamespace;
	ReleaseSysCache(tuple);
	summary_type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
								   CStringGetDatum("churn_summary"), ObjectIdGetDatum(namespace));
	if (!OidIsValid(summary_type))
		elog(ERROR, "type churn_summary not found beside churn_timeline");
	return summary_type;
}

/* The range type of a timeline's span and periods. */
static Oid
timeline_range_type(const ChurnTimeline *t)
{
	return t->period_type == CHURN_PERIOD_DATE ? DATERANGEOID :
		t->period_type == CHURN_PERIOD_TS ? TSRANGEOID : TSTZRANGEOID;
}

/*
 * Check the result columns the caller of unnest(t) gave in its column
 * definition list: (period <the timeline's range type>, summary
 * churn_summary).
 */
static void
timeline_check_column_list(FunctionCallInfo fcinfo, const ChurnTimeline *t)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TupleDesc	desc;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || rsinfo->expectedDesc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_SYNTAX_ERROR),
				 errmsg("unnest(churn_timeline) needs its columns named"),
				 errhint("Call it in FROM with its columns: unnest(t) AS (period %s, summary churn_summary), or call unnest(t, NULL::%s).",
						 timeline_type_names[t->period_type], timeline_type_names[t->period_type])));
	desc = rsinfo->expectedDesc;
	if (desc->natts != 2 || TupleDescAttr(desc, 0)->atttypid != timeline_range_type(t) ||
		TupleDescAttr(desc, 1)->atttypid != timeline_summary_type(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("the columns of unnest(churn_timeline) are (period %s, summary churn_summary) for this timeline",
						timeline_type_names[t->period_type]),
				 errhint("Name the columns as unnest(t) AS (period %s, summary churn_summary).",
						 timeline_type_names[t->period_type])));
}

/*
 * Check the range type that unnest(t, period_type) was given for its
 * period column (the type of its second argument, whose value is not
 * used): the timeline's.
 */
static void
timeline_check_period_type(FunctionCallInfo fcinfo, const ChurnTimeline *t)
{
	Oid			given = getBaseType(get_fn_expr_argtype(fcinfo->flinfo, 1));

	if (given != timeline_range_type(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("period type %s does not match the churn timeline's %s",
						format_type_be(given), timeline_type_names[t->period_type]),
				 errhint("The second argument names the range type of the timeline's periods: call unnest(t, NULL::%s).",
						 timeline_type_names[t->period_type])));
}

PG_FUNCTION_INFO_V1(churn_timeline_unnest);
/*
 * churn_timeline_unnest
 *		The periods of a timeline as rows (period, summary): each summary
 *		the churn_summary of its period.  Serves unnest(t), whose caller
 *		names the columns (unnest(t) AS (period daterange, summary
 *		churn_summary)), and unnest(t, period_type), whose period column
 *		has the type of its second argument (unnest(t, NULL::daterange)):
 *		a result column of a range type comes only from a polymorphic
 *		argument.  No row for a NULL timeline.
 */
Datum
churn_timeline_unnest(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ChurnTimeline *t;
	LifetimeUnits units;
	LifetimeStep step;
	Oid			range_type;
	TypeCacheEntry *typcache;
	int			i;

	if (PG_ARGISNULL(0))
	{
		InitMaterializedSRF(fcinfo, 0);
		return (Datum) 0;
	}
	t = (ChurnTimeline *) summary_getarg(fcinfo, &timeline_type, 0);
	units = timeline_units(t->period_type);
	step.kind = t->step_kind;
	step.length = t->step;
	range_type = timeline_range_type(t);
	if (PG_NARGS() == 1)
	{
		timeline_check_column_list(fcinfo, t);
		InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	}
	else
	{
		timeline_check_period_type(fcinfo, t);
		InitMaterializedSRF(fcinfo, 0);
	}
	typcache = lookup_type_cache(range_type, TYPECACHE_RANGE_INFO);
	for (i = 0; i < t->periods; i++)
	{
		int64		start = lifetime_add_steps(t->span_start, units, &step, i);
		int64		end = lifetime_add_steps(t->span_start, units, &step, i + 1);
		RangeBound	lower;
		RangeBound	upper;
		Datum		values[2];
		bool		nulls[2] = {false, false};
		char	   *problem;

		lower.val = t->period_type == CHURN_PERIOD_DATE ? DateADTGetDatum((DateADT) start) :
			Int64GetDatum(start);
		lower.infinite = false;
		lower.inclusive = true;
		lower.lower = true;
		upper.val = t->period_type == CHURN_PERIOD_DATE ? DateADTGetDatum((DateADT) end) :
			Int64GetDatum(end);
		upper.infinite = false;
		upper.inclusive = false;
		upper.lower = false;
#if PG_VERSION_NUM >= 160000
		values[0] = RangeTypePGetDatum(make_range(typcache, &lower, &upper, false, NULL));
#else
		values[0] = RangeTypePGetDatum(make_range(typcache, &lower, &upper, false));
#endif
		values[1] = timeline_period_summary(t, i, &problem);
		if (problem != NULL)
			elog(ERROR, "churn timeline period %d is not a valid churn summary: %s", i + 1, problem);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
