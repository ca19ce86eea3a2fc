/*-------------------------------------------------------------------------
 *
 * timeline.c
 *	  Churn over time: the churn_timeline type, its aggregate, and its
 *	  unnesting into one churn_summary per period.
 *
 * A timeline holds the churn summaries of the consecutive periods
 * [lower(span) + k step, lower(span) + (k + 1) step), k = 0 .. n - 1, that
 * tile span, built in one pass over the customers.  The bounds
 * p(0) .. p(n) are computed once per aggregate; for each customer, the
 * bounds its lifetime contains are a run p(kmin) .. p(kmax), found by
 * binary search.  Then, with churn_summary's rules:
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
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rangetypes.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "churn.h"
#include "compat.h"
#include "lifetime.h"
#include "summary_io.h"

/* Version of the text and binary formats written by this code. */
#define TIMELINE_VERSION 1

/* The timeline weighs customers by revenue (revenue arrays present). */
#define TIMELINE_FLAG_REVENUE 0x01

/* The most periods a timeline holds: memory per group stays bounded. */
#define TIMELINE_MAX_PERIODS 10000

/*
 * The timeline and transition state.  After the header come, per period,
 * customers at start, lost and new (int64 arrays of periods entries each)
 * and, for a revenue timeline, revenue at start, revenue lost, the sum of
 * squared revenue and that of the lost customers (float8 arrays).
 */
typedef struct ChurnTimeline
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* TIMELINE_VERSION of this layout */
	uint8		flags;			/* TIMELINE_FLAG_* bits */
	uint8		period_type;	/* ChurnPeriodType of span and periods */
	uint8		step_kind;		/* LifetimeStepKind */
	int32		periods;		/* number of periods n */
	int32		reserved;		/* zero; keeps the int64 fields 8-aligned */
	int64		step;			/* step length: months or microseconds */
	int64		span_start;		/* lower(span), in the range type's units */
	int64		span_end;		/* upper(span) = span_start + n step */
	int64		data[FLEXIBLE_ARRAY_MEMBER];	/* the arrays, above */
} ChurnTimeline;

#define TIMELINE_HEADER offsetof(ChurnTimeline, data)
/* the arrays of a timeline: three counts, and four sums with revenue */
#define TIMELINE_ARRAYS(revenue) ((revenue) ? 7 : 3)
#define TIMELINE_SIZE(n, revenue) \
	(TIMELINE_HEADER + (Size) (n) * sizeof(int64) * TIMELINE_ARRAYS(revenue))
#define TL_AT_RISK(t)		((t)->data)
#define TL_LOST(t)			((t)->data + (t)->periods)
#define TL_NEW(t)			((t)->data + 2 * (t)->periods)
#define TL_REV_START(t)		((double *) ((t)->data + 3 * (t)->periods))
#define TL_REV_LOST(t)		((double *) ((t)->data + 4 * (t)->periods))
#define TL_SUM_SQ(t)		((double *) ((t)->data + 5 * (t)->periods))
#define TL_SUM_SQ_LOST(t)	((double *) ((t)->data + 6 * (t)->periods))
#define TL_HAS_REVENUE(t)	(((t)->flags & TIMELINE_FLAG_REVENUE) != 0)

#define PG_GETARG_TIMELINE_P(n) ((ChurnTimeline *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

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
 * Read the span (argument 2) and step (argument 3) into the cache, with
 * the bounds of the periods, unless they are those of the previous row.
 */
static TimelineCache *
timeline_read_span(FunctionCallInfo fcinfo)
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
	/* remember the arguments as they came, to know the next row's */
	if (!VARATT_IS_EXTENDED(raw))
	{
		if (cache->span_bytes != NULL)
			pfree(cache->span_bytes);
		cache->span_bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE(raw));
		memcpy(cache->span_bytes, raw, VARSIZE(raw));
		cache->span_length = VARSIZE(raw);
		memcpy(&cache->step_value, step_arg, sizeof(Interval));
	}
	return cache;
}

/* A zeroed timeline of the cache's span and step, in the current context. */
static ChurnTimeline *
timeline_new(const TimelineCache *cache, bool revenue)
{
	ChurnTimeline *t = (ChurnTimeline *) palloc0(TIMELINE_SIZE(cache->periods, revenue));

	SET_VARSIZE(t, TIMELINE_SIZE(cache->periods, revenue));
	t->version = TIMELINE_VERSION;
	t->flags = revenue ? TIMELINE_FLAG_REVENUE : 0;
	t->period_type = (uint8) cache->period_type;
	t->step_kind = (uint8) cache->step.kind;
	t->periods = cache->periods;
	t->step = cache->step.length;
	t->span_start = cache->span_start;
	t->span_end = cache->span_end;
	return t;
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
timeline_last_le(const int64 *p, int n, int64 x)
{
	int			k;

	if (x < p[0])
		return -1;
	if (x >= p[n])
		return n;
	k = (int) (((double) x - (double) p[0]) / ((double) p[n] - (double) p[0]) * n);
	k = Max(0, Min(k, n - 1));
	while (k > 0 && p[k] > x)
		k--;
	while (k < n && p[k + 1] <= x)
		k++;
	return k;
}

/*
 * Count one customer into the state with the cache's bounds, by
 * churn_summary's rules (see the top of the file): the lifetime contains
 * the bounds p(kmin) .. p(kmax).
 */
static void
timeline_count(ChurnTimeline *state, const TimelineCache *cache,
			   const LifetimeRange *active, double revenue)
{
	const int64 *p = cache->bounds;
	int			n = cache->periods;
	int			at_start = -1;	/* last bound <= the start */
	int			kmin;
	int			kmax;
	int			k;

	if (active->empty)
		return;
	/* kmin: the first bound the start does not exclude */
	if (active->lower_infinite)
		kmin = 0;
	else
	{
		at_start = timeline_last_le(p, n, active->lower);
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
		kmax = timeline_last_le(p, n, active->upper);
		if (kmax >= 0 && p[kmax] == active->upper && !active->upper_inclusive)
			kmax--;
	}

	for (k = kmin; k <= kmax && k < n; k++)
	{
		/* at most one per row: a count of rows cannot pass bigint */
		TL_AT_RISK(state)[k]++;
		if (TL_HAS_REVENUE(state))
		{
			TL_REV_START(state)[k] += revenue;
			TL_SUM_SQ(state)[k] += revenue * revenue;
			if (isinf(TL_REV_START(state)[k]) || isinf(TL_SUM_SQ(state)[k]))
				timeline_revenue_overflow();
		}
	}
	if (kmin <= kmax && kmax < n)
	{
		TL_LOST(state)[kmax]++;
		if (TL_HAS_REVENUE(state))
		{
			TL_REV_LOST(state)[kmax] += revenue;
			TL_SUM_SQ_LOST(state)[kmax] += revenue * revenue;
		}
	}
	/* new: the period holding the start, if not at risk at its start */
	if (!active->lower_infinite && at_start >= 0 && at_start < n &&
		!(kmin <= at_start && at_start <= kmax))
		TL_NEW(state)[at_start]++;
}

/*
 * The transition: count one customer.  Arguments: state, active, span,
 * step [, revenue].
 */
static Datum
timeline_trans_common(FunctionCallInfo fcinfo, bool revenue_form)
{
	ChurnTimeline *state = PG_ARGISNULL(0) ? NULL : (ChurnTimeline *) PG_GETARG_POINTER(0);
	TimelineCache *cache;
	LifetimeRange active;
	double		revenue = 0.0;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "churn_timeline transition called in non-aggregate context");
	cache = timeline_read_span(fcinfo);
	if (state != NULL &&
		(state->period_type != cache->period_type || state->span_start != cache->span_start ||
		 state->span_end != cache->span_end || state->step_kind != cache->step.kind ||
		 state->step != cache->step.length))
	{
		ChurnTimeline *row = timeline_new(cache, TL_HAS_REVENUE(state));

		timeline_check_compatible(state, row, true);
	}
	/* NULL lifetimes, and rows without revenue, are skipped */
	if (PG_ARGISNULL(1) || (revenue_form && PG_ARGISNULL(4)))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (revenue_form)
	{
		revenue = PG_GETARG_FLOAT8(4);
		churn_check_revenue(revenue);
		revenue += 0.0;
	}
	lifetime_read_range(fcinfo, 1, &cache->active_typcache, &active);
	if (state == NULL)
		state = timeline_new(cache, revenue_form);
	timeline_count(state, cache, &active, revenue);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(churn_timeline_trans);
/*
 * churn_timeline_trans
 *		Transition of churn_timeline(active, span, step), for every range
 *		type.
 */
Datum
churn_timeline_trans(PG_FUNCTION_ARGS)
{
	return timeline_trans_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(churn_timeline_trans_revenue);
/*
 * churn_timeline_trans_revenue
 *		Transition of churn_timeline(active, span, step, revenue).
 */
Datum
churn_timeline_trans_revenue(PG_FUNCTION_ARGS)
{
	return timeline_trans_common(fcinfo, true);
}

PG_FUNCTION_INFO_V1(churn_timeline_combine);
/*
 * churn_timeline_combine
 *		a + b, the combine function, and the transition of the roll-up
 *		churn_timeline(churn_timeline): in place inside an aggregate.
 */
Datum
churn_timeline_combine(PG_FUNCTION_ARGS)
{
	ChurnTimeline *b = PG_GETARG_TIMELINE_P(1);
	ChurnTimeline *target;
	int			values;
	int			i;

	/* a state the executor copied from a stored value may be compressed */
	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(PG_GETARG_POINTER(0)))
		target = (ChurnTimeline *) PG_GETARG_POINTER(0);
	else
	{
		ChurnTimeline *a = PG_GETARG_TIMELINE_P(0);

		target = (ChurnTimeline *) palloc(VARSIZE(a));
		memcpy(target, a, VARSIZE(a));
	}
	timeline_check_compatible(target, b, false);
	values = 3 * target->periods;
	for (i = 0; i < values; i++)
		if (pg_add_s64_overflow(target->data[i], b->data[i], &target->data[i]))
			timeline_count_overflow();
	if (TL_HAS_REVENUE(target))
	{
		double	   *x = (double *) (target->data + values);
		double	   *y = (double *) (b->data + values);

		for (i = 0; i < 4 * target->periods; i++)
		{
			x[i] += y[i];
			if (isinf(x[i]))
				timeline_revenue_overflow();
		}
	}
	PG_RETURN_POINTER(target);
}

PG_FUNCTION_INFO_V1(churn_timeline_final);
/*
 * churn_timeline_final
 *		Final function of the churn_timeline aggregates: the state as it is.
 */
Datum
churn_timeline_final(PG_FUNCTION_ARGS)
{
	ChurnTimeline *state = PG_GETARG_TIMELINE_P(0);
	ChurnTimeline *result = (ChurnTimeline *) palloc(VARSIZE(state));

	memcpy(result, state, VARSIZE(state));
	PG_RETURN_POINTER(result);
}

/*
 * What is wrong with a timeline read from text or binary, or NULL: its
 * span and step, and every period's summary by churn_summary's rules.
 */
static char *
timeline_check_content(ChurnTimeline *t)
{
	LifetimeStep step;
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
	{
		char	   *problem;

		/* the span's bounds by churn_summary's rules, before any arithmetic */
		churn_summary_make(t->period_type, t->span_start, t->span_end, false, 0, 0, 0,
						   0.0, 0.0, 0.0, 0.0, &problem);
		if (problem != NULL)
			return problem;
	}
	if (timeline_periods(t->period_type, t->span_start, t->span_end, &step) != t->periods)
		return pstrdup("The span must be the given number of whole steps.");
	for (i = 0; i < t->periods; i++)
	{
		LifetimeUnits units = timeline_units(t->period_type);
		char	   *problem;

		if (TL_HAS_REVENUE(t))
		{
			TL_REV_START(t)[i] += 0.0;
			TL_REV_LOST(t)[i] += 0.0;
			TL_SUM_SQ(t)[i] += 0.0;
			TL_SUM_SQ_LOST(t)[i] += 0.0;
		}
		churn_summary_make(t->period_type,
						   lifetime_add_steps(t->span_start, units, &step, i),
						   lifetime_add_steps(t->span_start, units, &step, i + 1),
						   TL_HAS_REVENUE(t), TL_AT_RISK(t)[i], TL_LOST(t)[i], TL_NEW(t)[i],
						   TL_HAS_REVENUE(t) ? TL_REV_START(t)[i] : 0.0,
						   TL_HAS_REVENUE(t) ? TL_REV_LOST(t)[i] : 0.0,
						   TL_HAS_REVENUE(t) ? TL_SUM_SQ(t)[i] : 0.0,
						   TL_HAS_REVENUE(t) ? TL_SUM_SQ_LOST(t)[i] : 0.0, &problem);
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
 * "revenue_lost", "sum_sq_revenue", "sum_sq_revenue_lost" arrays for a
 * revenue timeline; one entry
 * per period.  Bounds are written as churn_summary writes its period's.
 */

static const char *const timeline_array_keys[7] = {
	"customers_at_start", "customers_lost", "customers_new",
	"revenue_at_start", "revenue_lost", "sum_sq_revenue", "sum_sq_revenue_lost"
};

PG_FUNCTION_INFO_V1(churn_timeline_in);
/*
 * churn_timeline_in
 *		Text input of churn_timeline.
 */
Datum
churn_timeline_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	TextParser	parser;
	int64	   *arrays[7];
	int			n[7] = {-1, -1, -1, -1, -1, -1, -1};
	bool		seen_version = false;
	int			period_type = CHURN_PERIOD_UNSET;
	char	   *span_start = NULL;
	char	   *span_end = NULL;
	LifetimeStep step = {0, 0};
	ChurnTimeline *t;
	bool		revenue;
	char	   *problem;
	int			i;

	for (i = 0; i < 7; i++)
		arrays[i] = palloc0(sizeof(int64) * TIMELINE_MAX_PERIODS);
	parser.input = text;
	parser.pos = text;
	parser.type_name = "churn_timeline";
	parser.format_hint = "The text form is {\"version\": 1, \"period_type\": \"daterange\", \"span\": [start, end], \"step_months\": n or \"step_microseconds\": n, \"customers_at_start\": [...], \"customers_lost\": [...], \"customers_new\": [...]}, as written by the type's output.";

	expect_char(&parser, '{', "\"{\"");
	do
	{
		char		key[32];
		const char *key_start;
		int			array = -1;

		skip_space(&parser);
		key_start = parser.pos;
		read_key(&parser, key, sizeof(key));
		expect_char(&parser, ':', "\":\"");
		for (i = 0; i < 7; i++)
			if (strcmp(key, timeline_array_keys[i]) == 0)
				array = i;
		if (array >= 0 && n[array] < 0)
		{
			if (array < 3)
				n[array] = read_count_array(&parser, arrays[array], TIMELINE_MAX_PERIODS);
			else
				n[array] = read_double_array(&parser, (double *) arrays[array], TIMELINE_MAX_PERIODS);
			if (n[array] > TIMELINE_MAX_PERIODS)
				text_content_error(&parser, psprintf("A timeline holds 1 to %d periods.", TIMELINE_MAX_PERIODS));
		}
		else if (strcmp(key, "version") == 0 && !seen_version)
		{
			int64		version = read_count(&parser, "a version number");

			if (version != TIMELINE_VERSION)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("unsupported churn_timeline version " INT64_FORMAT, version),
						 errhint("This version of cx_metrics reads version %d.", TIMELINE_VERSION)));
			seen_version = true;
		}
		else if (strcmp(key, "period_type") == 0 && period_type == CHURN_PERIOD_UNSET)
		{
			const char *type_start;
			char	   *name;

			skip_space(&parser);
			type_start = parser.pos;
			name = read_string(&parser, "a quoted range type name");
			for (i = CHURN_PERIOD_TSTZ; i <= CHURN_PERIOD_DATE; i++)
				if (strcmp(name, timeline_type_names[i]) == 0)
					period_type = i;
			if (period_type == CHURN_PERIOD_UNSET)
			{
				parser.pos = type_start;
				text_syntax_error(&parser, "\"tstzrange\", \"tsrange\" or \"daterange\"");
			}
		}
		else if (strcmp(key, "span") == 0 && span_start == NULL)
		{
			expect_char(&parser, '[', "\"[\"");
			span_start = read_string(&parser, "a quoted span start");
			expect_char(&parser, ',', "\",\"");
			span_end = read_string(&parser, "a quoted span end");
			expect_char(&parser, ']', "\"]\"");
		}
		else if ((strcmp(key, "step_months") == 0 || strcmp(key, "step_microseconds") == 0) &&
				 step.kind == 0)
		{
			step.kind = strcmp(key, "step_months") == 0 ? LIFETIME_STEP_MONTHS : LIFETIME_STEP_FIXED;
			step.length = read_count(&parser, "a positive step length");
		}
		else
		{
			parser.pos = key_start;
			text_syntax_error(&parser, "each of the keys \"version\", \"period_type\", \"span\", \"step_months\" or \"step_microseconds\", \"customers_at_start\", \"customers_lost\", \"customers_new\", \"revenue_at_start\", \"revenue_lost\", \"sum_sq_revenue\", \"sum_sq_revenue_lost\" once");
		}
	} while (accept_char(&parser, ','));
	expect_char(&parser, '}', "\",\" or \"}\"");
	skip_space(&parser);
	if (*parser.pos != '\0')
		text_syntax_error(&parser, "the end of the input");

	if (!seen_version || period_type == CHURN_PERIOD_UNSET || span_start == NULL ||
		step.kind == 0 || n[0] < 0 || n[1] < 0 || n[2] < 0)
		text_content_error(&parser, "The keys \"version\", \"period_type\", \"span\", \"step_months\" or \"step_microseconds\", \"customers_at_start\", \"customers_lost\" and \"customers_new\" are all required.");
	revenue = n[3] >= 0 || n[4] >= 0 || n[5] >= 0 || n[6] >= 0;
	if (revenue && (n[3] < 0 || n[4] < 0 || n[5] < 0 || n[6] < 0))
		text_content_error(&parser, "The keys \"revenue_at_start\", \"revenue_lost\", \"sum_sq_revenue\" and \"sum_sq_revenue_lost\" come together.");
	for (i = 1; i < TIMELINE_ARRAYS(revenue); i++)
		if (n[i] != n[0])
			text_content_error(&parser, "The arrays must have one entry per period, all of the same length.");
	if (n[0] < 1)
		text_content_error(&parser, psprintf("A timeline holds 1 to %d periods.", TIMELINE_MAX_PERIODS));

	t = (ChurnTimeline *) palloc0(TIMELINE_SIZE(n[0], revenue));
	SET_VARSIZE(t, TIMELINE_SIZE(n[0], revenue));
	t->version = TIMELINE_VERSION;
	t->flags = revenue ? TIMELINE_FLAG_REVENUE : 0;
	t->period_type = (uint8) period_type;
	t->step_kind = (uint8) step.kind;
	t->step = step.length;
	t->periods = n[0];
	t->span_start = churn_parse_bound(&parser, (ChurnPeriodType) period_type, span_start);
	t->span_end = churn_parse_bound(&parser, (ChurnPeriodType) period_type, span_end);
	for (i = 0; i < TIMELINE_ARRAYS(revenue); i++)
		memcpy(t->data + i * n[0], arrays[i], sizeof(int64) * n[0]);
	problem = timeline_check_content(t);
	if (problem != NULL)
		text_content_error(&parser, problem);
	PG_RETURN_POINTER(t);
}

PG_FUNCTION_INFO_V1(churn_timeline_out);
/*
 * churn_timeline_out
 *		Text output of churn_timeline.
 */
Datum
churn_timeline_out(PG_FUNCTION_ARGS)
{
	ChurnTimeline *t = PG_GETARG_TIMELINE_P(0);
	StringInfoData buf;
	int			a;
	int			i;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"version\": %d, \"period_type\": \"%s\", \"span\": [\"",
					 TIMELINE_VERSION, timeline_type_names[t->period_type]);
	churn_append_bound(&buf, (ChurnPeriodType) t->period_type, t->span_start);
	appendStringInfoString(&buf, "\", \"");
	churn_append_bound(&buf, (ChurnPeriodType) t->period_type, t->span_end);
	appendStringInfo(&buf, "\"], \"%s\": " INT64_FORMAT,
					 t->step_kind == LIFETIME_STEP_MONTHS ? "step_months" : "step_microseconds",
					 t->step);
	for (a = 0; a < TIMELINE_ARRAYS(TL_HAS_REVENUE(t)); a++)
	{
		appendStringInfo(&buf, ", \"%s\": [", timeline_array_keys[a]);
		for (i = 0; i < t->periods; i++)
		{
			if (i)
				appendStringInfoString(&buf, ", ");
			if (a < 3)
				appendStringInfo(&buf, INT64_FORMAT, t->data[a * t->periods + i]);
			else
				append_double(&buf, ((double *) (t->data + a * t->periods))[i]);
		}
		appendStringInfoChar(&buf, ']');
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary form
 * -----------
 * version, flags, period type, step kind (1 byte each), step, span start
 * and end (int8 each), periods (int4), then the arrays in the text form's
 * order: customers at start, lost and new (int8 per period) and for a
 * revenue timeline revenue at start, revenue lost, the sum of squared
 * revenue and that of the lost customers (float8 per period).
 */

PG_FUNCTION_INFO_V1(churn_timeline_recv);
/*
 * churn_timeline_recv
 *		Binary input of churn_timeline; every byte is checked.
 */
Datum
churn_timeline_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const char *type_name = "churn_timeline";
	uint8		header[4];
	uint32		periods_net;
	int64		periods;
	int64		step;
	int64		span_start;
	int64		span_end;
	bool		revenue;
	ChurnTimeline *t;
	char	   *problem;
	int			arrays;
	int			i;

	binary_read(buf, header, sizeof(header), type_name);
	if (header[0] != TIMELINE_VERSION)
		binary_error(type_name, psprintf("Version %d is not the version %d this build reads.",
										 header[0], TIMELINE_VERSION));
	if (header[1] & ~TIMELINE_FLAG_REVENUE)
		binary_error(type_name, psprintf("Unknown flags 0x%02x.", header[1]));
	step = binary_read_int64(buf, type_name);
	span_start = binary_read_int64(buf, type_name);
	span_end = binary_read_int64(buf, type_name);
	binary_read(buf, &periods_net, sizeof(periods_net), type_name);
	periods = (int64) pg_ntoh32(periods_net);
	if (periods < 1 || periods > TIMELINE_MAX_PERIODS)
		binary_error(type_name, psprintf("A timeline holds 1 to %d periods.", TIMELINE_MAX_PERIODS));
	revenue = (header[1] & TIMELINE_FLAG_REVENUE) != 0;
	arrays = TIMELINE_ARRAYS(revenue);
	if ((int64) (buf->len - buf->cursor) != periods * arrays * (int64) sizeof(int64))
		binary_error(type_name, "The value's length does not match its number of periods.");
	t = (ChurnTimeline *) palloc0(TIMELINE_SIZE(periods, revenue));
	SET_VARSIZE(t, TIMELINE_SIZE(periods, revenue));
	t->version = TIMELINE_VERSION;
	t->flags = header[1];
	t->period_type = header[2];
	t->step_kind = header[3];
	t->periods = (int32) periods;
	t->step = step;
	t->span_start = span_start;
	t->span_end = span_end;
	for (i = 0; i < periods * 3; i++)
		t->data[i] = binary_read_int64(buf, type_name);
	for (; i < periods * arrays; i++)
		((double *) t->data)[i] = binary_read_double(buf, type_name);
	problem = timeline_check_content(t);
	if (problem != NULL)
		binary_error(type_name, problem);
	PG_RETURN_POINTER(t);
}

PG_FUNCTION_INFO_V1(churn_timeline_send);
/*
 * churn_timeline_send
 *		Binary output of churn_timeline.
 */
Datum
churn_timeline_send(PG_FUNCTION_ARGS)
{
	ChurnTimeline *t = PG_GETARG_TIMELINE_P(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TIMELINE_VERSION);
	pq_sendbyte(&buf, t->flags & TIMELINE_FLAG_REVENUE);
	pq_sendbyte(&buf, t->period_type);
	pq_sendbyte(&buf, t->step_kind);
	pq_sendint64(&buf, t->step);
	pq_sendint64(&buf, t->span_start);
	pq_sendint64(&buf, t->span_end);
	pq_sendint32(&buf, (uint32) t->periods);
	for (i = 0; i < t->periods * 3; i++)
		pq_sendint64(&buf, t->data[i]);
	if (TL_HAS_REVENUE(t))
		for (; i < t->periods * TIMELINE_ARRAYS(true); i++)
			pq_sendfloat8(&buf, ((double *) t->data)[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* a = b: same span, step, revenue or not, and the same counts and sums. */
static bool
timeline_equal(const ChurnTimeline *a, const ChurnTimeline *b)
{
	return VARSIZE(a) == VARSIZE(b) && a->flags == b->flags &&
		a->period_type == b->period_type && a->step_kind == b->step_kind &&
		a->periods == b->periods && a->step == b->step &&
		a->span_start == b->span_start && a->span_end == b->span_end &&
		memcmp(a->data, b->data, VARSIZE(a) - TIMELINE_HEADER) == 0;
}

PG_FUNCTION_INFO_V1(churn_timeline_eq);
/*
 * churn_timeline_eq
 *		a = b (revenue sums are stored as +0 for zero, so bytes compare).
 */
Datum
churn_timeline_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(timeline_equal(PG_GETARG_TIMELINE_P(0), PG_GETARG_TIMELINE_P(1)));
}

PG_FUNCTION_INFO_V1(churn_timeline_ne);
/*
 * churn_timeline_ne
 *		a <> b.
 */
Datum
churn_timeline_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!timeline_equal(PG_GETARG_TIMELINE_P(0), PG_GETARG_TIMELINE_P(1)));
}

PG_FUNCTION_INFO_V1(churn_timeline_hash);
/*
 * churn_timeline_hash
 *		Hash consistent with =.
 */
Datum
churn_timeline_hash(PG_FUNCTION_ARGS)
{
	ChurnTimeline *t = PG_GETARG_TIMELINE_P(0);
	int64		key[4];
	uint32		h;

	key[0] = ((int64) t->flags << 16) | ((int64) t->period_type << 8) | t->step_kind;
	key[1] = t->step;
	key[2] = t->span_start;
	key[3] = t->span_end;
	h = hash_bytes((const unsigned char *) key, sizeof(key));
	h = hash_combine(h, hash_bytes((const unsigned char *) t->data, VARSIZE(t) - TIMELINE_HEADER));
	PG_RETURN_INT32((int32) h);
}

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

PG_FUNCTION_INFO_V1(churn_timeline_unnest);
/*
 * churn_timeline_unnest
 *		The periods of a timeline as rows (period, summary): each summary
 *		the churn_summary of its period.  The range type of period follows
 *		the timeline's, so the query names the columns:
 *		unnest(t) AS (period daterange, summary churn_summary).
 */
Datum
churn_timeline_unnest(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ChurnTimeline *t = PG_GETARG_TIMELINE_P(0);
	LifetimeUnits units = timeline_units(t->period_type);
	LifetimeStep step;
	Oid			range_type;
	TypeCacheEntry *typcache;
	TupleDesc	desc;
	int			i;

	step.kind = t->step_kind;
	step.length = t->step;
	range_type = t->period_type == CHURN_PERIOD_DATE ? DATERANGEOID :
		t->period_type == CHURN_PERIOD_TS ? TSRANGEOID : TSTZRANGEOID;
	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || rsinfo->expectedDesc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_SYNTAX_ERROR),
				 errmsg("unnest(churn_timeline) needs its columns named"),
				 errhint("Call it in FROM with its columns: unnest(t) AS (period %s, summary churn_summary).",
						 timeline_type_names[t->period_type])));
	desc = rsinfo->expectedDesc;
	if (desc->natts != 2 || TupleDescAttr(desc, 0)->atttypid != range_type ||
		TupleDescAttr(desc, 1)->atttypid != timeline_summary_type(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("the columns of unnest(churn_timeline) are (period %s, summary churn_summary) for this timeline",
						timeline_type_names[t->period_type]),
				 errhint("Name the columns as unnest(t) AS (period %s, summary churn_summary).",
						 timeline_type_names[t->period_type])));
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
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
		values[1] = churn_summary_make(t->period_type, start, end, TL_HAS_REVENUE(t),
									   TL_AT_RISK(t)[i], TL_LOST(t)[i], TL_NEW(t)[i],
									   TL_HAS_REVENUE(t) ? TL_REV_START(t)[i] : 0.0,
									   TL_HAS_REVENUE(t) ? TL_REV_LOST(t)[i] : 0.0,
									   TL_HAS_REVENUE(t) ? TL_SUM_SQ(t)[i] : 0.0,
									   TL_HAS_REVENUE(t) ? TL_SUM_SQ_LOST(t)[i] : 0.0, &problem);
		if (problem != NULL)
			elog(ERROR, "churn timeline period %d is not a valid churn summary: %s", i + 1, problem);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
