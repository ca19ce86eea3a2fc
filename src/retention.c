/*-------------------------------------------------------------------------
 *
 * retention.c
 *	  Retention curves: the retention_summary type, its aggregates, and the
 *	  Kaplan-Meier accessors, the log-rank test and lifetime value.
 *
 * A customer's age is counted in whole steps from lower(active).  A
 * customer whose end falls in (start + (k-1) step, start + k step] is lost
 * at age k if that step is complete by as_of (start + k step <= as_of);
 * everyone else is censored at the number of steps complete by as_of (0
 * for a customer who starts after as_of).  The summary keeps, per age, the
 * customers lost and censored there (and their revenue for the revenue
 * form): the whole Kaplan-Meier table, so summaries of any groups add up
 * to the pooled table, and only the step must match.
 *
 * The type is a variable-length summary of the summary kernel
 * (summary_kernel.h), which gives it its combine, subtract, final, window
 * final, =, hash and the framing of its text and binary forms.  Inside an
 * aggregate the state has room for more ages than it uses (trailing zero
 * ages); it grows by doubling, and stored values, the I/O and the
 * comparisons see it trimmed.
 *
 * Window frames: a customer (or a summary) that leaves the frame is
 * subtracted exactly.  Counts subtract exactly; the revenue of a window
 * state is also kept per age in exact sums (exact_sum.c), after the value
 * in the same allocation, so that the value of a frame does not depend on
 * the rows that came and went before; a revenue outside the exact sums'
 * range makes the state inexact and the inverse transitions decline, so
 * PostgreSQL recomputes the frame, as the kernel does for its kept
 * doubles.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "churn.h"
#include "compat.h"
#include "exact_sum.h"
#include "lifetime.h"
#include "stats.h"
#include "summary_io.h"
#include "summary_kernel.h"
#include "survival.h"

/* Version of the text and binary formats written by this code. */
#define RETENTION_SUMMARY_VERSION 1

/* The summary weighs customers by revenue too (revenue arrays present). */
#define RETENTION_FLAG_REVENUE 0x01
#define RETENTION_STORED_FLAGS RETENTION_FLAG_REVENUE

/*
 * Ages a state has room for at least once it counts a customer: exactly
 * the first customer's age beyond that, so that a group of one customer
 * (GROUP BY customer) holds no more than its table; larger groups grow by
 * doubling.
 */
#define RETENTION_INITIAL_AGES 2

/*
 * The summary and transition state.  After the header come ages int64
 * customers lost per age, ages int64 customers censored per age and, for
 * a revenue summary, ages float8 revenue lost and ages float8 revenue
 * censored per age.  Age 0 never has a loss.  A state that has counted
 * nobody yet has no step (step_kind 0).
 */
typedef struct RetentionSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* RETENTION_SUMMARY_VERSION of this layout */
	uint8		flags;			/* RETENTION_FLAG_* bits and the kernel's
								 * scratch flags */
	uint8		step_kind;		/* LifetimeStepKind, 0 until a customer or
								 * summary is counted */
	uint8		reserved;		/* zero */
	int32		ages;			/* age slots in the arrays (some may be zero) */
	int32		reserved2;		/* zero; keeps step and the arrays 8-aligned */
	int64		step;			/* step length: months or microseconds */
	int64		data[FLEXIBLE_ARRAY_MEMBER];	/* the arrays, above */
} RetentionSummary;

#define RETENTION_HEADER offsetof(RetentionSummary, data)
#define RETENTION_SIZE(ages, revenue) \
	(RETENTION_HEADER + (Size) (ages) * sizeof(int64) * ((revenue) ? 4 : 2))
#define RS_LOST(s)				((s)->data)
#define RS_CENSORED(s)			((s)->data + (s)->ages)
#define RS_REVENUE_LOST(s)		((double *) ((s)->data + 2 * (s)->ages))
#define RS_REVENUE_CENSORED(s)	((double *) ((s)->data + 3 * (s)->ages))
#define RS_HAS_REVENUE(s)		(((s)->flags & RETENTION_FLAG_REVENUE) != 0)

/* The arrays of a summary, by number, as they follow each other. */
#define RS_ARRAY_LOST				0
#define RS_ARRAY_CENSORED			1
#define RS_ARRAY_REVENUE_LOST		2
#define RS_ARRAY_REVENUE_CENSORED	3

#define PG_GETARG_RETENTION_P(n) ((RetentionSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static const SummaryType retention_type;

/* Whether a summary is a revenue window state, with exact sums per age. */
static inline bool
retention_keeps_exact_sums(const RetentionSummary *s)
{
	return (s->flags & (SUMMARY_FLAG_WINDOW | RETENTION_FLAG_REVENUE)) ==
		(SUMMARY_FLAG_WINDOW | RETENTION_FLAG_REVENUE);
}

/*
 * The exact revenue sums of a revenue window state, after its value: ages
 * of the revenue lost, then ages of the revenue censored.
 */
static inline ExactSum *
retention_exact_sums(const RetentionSummary *s)
{
	return (ExactSum *) ((char *) s + RETENTION_SIZE(s->ages, true));
}

/* The bytes a state occupies: its value, and its exact sums. */
static Size
retention_bytes(const RetentionSummary *s)
{
	Size		bytes = RETENTION_SIZE(s->ages, RS_HAS_REVENUE(s));

	if (retention_keeps_exact_sums(s))
		bytes += 2 * (Size) s->ages * sizeof(ExactSum);
	return bytes;
}

/* A zeroed summary with room for ages ages, in the current memory context. */
static RetentionSummary *
retention_new(int ages, bool revenue, const LifetimeStep *step)
{
	RetentionSummary *s = (RetentionSummary *) palloc0(RETENTION_SIZE(ages, revenue));

	SET_VARSIZE(s, RETENTION_SIZE(ages, revenue));
	s->version = RETENTION_SUMMARY_VERSION;
	s->flags = revenue ? RETENTION_FLAG_REVENUE : 0;
	s->step_kind = (uint8) step->kind;
	s->step = step->length;
	s->ages = ages;
	return s;
}

/* The step of a summary. */
static LifetimeStep
retention_step(const RetentionSummary *s)
{
	LifetimeStep step;

	step.kind = s->step_kind;
	step.length = s->step;
	return step;
}

/*
 * Ages actually used: the slots up to the last with a customer (revenue
 * is 0 at an age without customers).
 */
static int
retention_used_ages(const RetentionSummary *s)
{
	int			n = s->ages;

	while (n > 0 && RS_LOST(s)[n - 1] == 0 && RS_CENSORED(s)[n - 1] == 0)
		n--;
	return n;
}

/*
 * Room for ages ages (more than it has) in a state: its arrays, and a
 * window state's exact sums, move to their places in the larger layout,
 * the new ages zero.  The state's new address.
 */
static RetentionSummary *
retention_grow(RetentionSummary *s, int ages)
{
	int			old = s->ages;
	bool		revenue = RS_HAS_REVENUE(s);
	bool		exact = retention_keeps_exact_sums(s);
	int			arrays = revenue ? 4 : 2;
	Size		bytes = RETENTION_SIZE(ages, revenue) +
		(exact ? 2 * (Size) ages * sizeof(ExactSum) : 0);
	RetentionSummary *r;
	int			i;
	int			k;

	Assert(ages > old && ages <= LIFETIME_MAX_STEPS + 1);
	r = (RetentionSummary *) summary_enlarge(&retention_type, s, retention_bytes(s), bytes);
	/* the exact sums first: the arrays grow into where they were */
	if (exact)
	{
		ExactSum   *from = (ExactSum *) ((char *) r + RETENTION_SIZE(old, true));
		ExactSum   *to = (ExactSum *) ((char *) r + RETENTION_SIZE(ages, true));

		memmove(to + ages, from + old, old * sizeof(ExactSum));
		memmove(to, from, old * sizeof(ExactSum));
		for (k = old; k < ages; k++)
		{
			exact_sum_init(&to[k]);
			exact_sum_init(&to[ages + k]);
		}
	}
	/* each array to its new place, the last first */
	for (i = arrays - 1; i >= 0; i--)
	{
		memmove(r->data + (Size) i * ages, r->data + (Size) i * old, old * sizeof(int64));
		memset(r->data + (Size) i * ages + old, 0, (ages - old) * sizeof(int64));
	}
	r->ages = ages;
	SET_VARSIZE(r, RETENTION_SIZE(ages, revenue));
	return r;
}

/* Room for age in a state, grown by doubling; the state's address. */
static inline RetentionSummary *
retention_room_for(RetentionSummary *s, int64 age)
{
	if (likely(age < s->ages))
		return s;
	return retention_grow(s, s->ages == 0 ? (int) Max(RETENTION_INITIAL_AGES, age + 1) :
						  (int) Min(Max(age + 1, 2 * (int64) s->ages), LIFETIME_MAX_STEPS + 1));
}

/*
 * Give a state that has counted nobody (after a window frame emptied, for
 * a roll-up also the revenue form) the step, and the form, of what it
 * counts first.  Its ages are all zero, so a change of form only forgets
 * its room.
 */
static void
retention_adopt(RetentionSummary *s, const LifetimeStep *step, bool revenue)
{
	if (s->step_kind != 0)
		return;
	if (RS_HAS_REVENUE(s) != revenue)
	{
		s->ages = 0;
		SET_VARSIZE(s, RETENTION_HEADER);
		s->flags = (s->flags & ~RETENTION_FLAG_REVENUE) | (revenue ? RETENTION_FLAG_REVENUE : 0);
	}
	s->step_kind = (uint8) step->kind;
	s->step = step->length;
}

/* The error for a sum of counts past bigint. */
static void
retention_count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("number of customers in a retention summary is out of range for type bigint"),
			 errhint("A retention summary counts at most 9223372036854775807 customers; split the customers into groups and report them apart.")));
}

/* The error for a revenue sum past double precision. */
static void
retention_revenue_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("sum of revenue is out of range for type double precision"),
			 errhint("Use revenue in a larger unit, such as thousands.")));
}

/* The error for an age past LIFETIME_MAX_STEPS. */
static void
retention_too_many_ages(const LifetimeStep *step)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("customer age exceeds %d steps of %s", LIFETIME_MAX_STEPS,
					lifetime_step_text(step)),
			 errhint("A retention summary holds ages up to %d steps: use a longer step, or an as_of closer to the customers' starts.",
					 LIFETIME_MAX_STEPS)));
}

/*
 * Summaries used together must have the same step and both or neither
 * weigh revenue; a state that has counted nobody fits anything.
 */
static void
retention_check_compatible(const RetentionSummary *a, const RetentionSummary *b)
{
	if (a->step_kind == 0 || b->step_kind == 0)
		return;
	if (a->step_kind != b->step_kind || a->step != b->step)
	{
		LifetimeStep sa = retention_step(a);
		LifetimeStep sb = retention_step(b);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine retention summaries of different steps"),
				 errdetail("One summary counts ages in steps of %s, the other in steps of %s.",
						   lifetime_step_text(&sa), lifetime_step_text(&sb)),
				 errhint("Ages counted in different steps are not the same ages: combine summaries built with the same step only.")));
	}
	if (RS_HAS_REVENUE(a) != RS_HAS_REVENUE(b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine retention summaries with and without revenue"),
				 errhint("Build all the summaries with retention_summary(active, step, as_of, revenue), or all without revenue.")));
}

/*
 * Add amount to the revenue of array (RS_ARRAY_REVENUE_*) at age: of a
 * window state exactly as well, the doubles then only standing in when an
 * amount falls outside the exact sums' range, which marks the state
 * inexact.  As summary_add_sum does for the kernel's kept doubles: when
 * rows have left, the doubles carry the rounding residue of those rows,
 * so on turning inexact they restart from the exact sums of the frame.
 */
static void
retention_add_revenue(RetentionSummary *s, int array, int age, double amount)
{
	double	   *revenue = (double *) (s->data + (Size) array * s->ages);
	ExactSum   *sums;
	int			k;

	revenue[age] += amount;
	if ((s->flags & (SUMMARY_FLAG_WINDOW | SUMMARY_FLAG_INEXACT)) != SUMMARY_FLAG_WINDOW)
		return;
	sums = retention_exact_sums(s);
	if (exact_sum_add(&sums[(Size) (array - RS_ARRAY_REVENUE_LOST) * s->ages + age], amount))
		return;
	s->flags |= SUMMARY_FLAG_INEXACT;
	if (summary_window_base(&retention_type, s)->removed)
	{
		/* the failed addition left the exact sum as it was */
		for (k = 0; k < s->ages; k++)
		{
			RS_REVENUE_LOST(s)[k] = exact_sum_value(&sums[k]);
			RS_REVENUE_CENSORED(s)[k] = exact_sum_value(&sums[s->ages + k]);
		}
		revenue[age] += amount;
	}
}

/*
 * Argument and row reading
 * ------------------------
 */

/* The as_of argument, finite, in the units of the lifetimes' range type. */
static int64
retention_as_of_arg(FunctionCallInfo fcinfo, int argno, LifetimeUnits units)
{
	int64		as_of;
	bool		finite;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of must not be null"),
				 errhint("as_of is the date or time up to which the lifetimes are observed, such as the date of the data's extraction.")));
	if (units == LIFETIME_UNITS_DAYS)
	{
		as_of = PG_GETARG_DATEADT(argno);
		finite = !DATE_NOT_FINITE((DateADT) as_of);
	}
	else
	{
		as_of = PG_GETARG_TIMESTAMP(argno);
		finite = !TIMESTAMP_NOT_FINITE(as_of);
	}
	if (!finite)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of must be finite"),
				 errhint("as_of is the date or time up to which the lifetimes are observed: steps complete by then count, later ones do not.")));
	return as_of;
}

/*
 * fn_extra of the transition functions: what every row of a group usually
 * shares, read once.
 */
typedef struct RetentionCache
{
	TypeCacheEntry *typcache;	/* the lifetimes' range type */
	LifetimeUnits units;		/* units of its values */
	bool		have_step;		/* step_value and step are set */
	Interval	step_value;		/* the last step argument */
	LifetimeStep step;			/* it, read */
	bool		have_as_of;		/* as_of is set */
	LifetimeDate as_of;			/* the last as_of argument, with its calendar fields */
	LifetimeDayCache *days;		/* calendar fields of the days seen last */
} RetentionCache;

/*
 * Whether a state takes a customer of this step: one that has counted
 * nobody, or a window state whose frame has emptied (it starts afresh),
 * takes any.
 */
static bool
retention_step_fits(RetentionSummary *state, const LifetimeStep *step)
{
	if (state->step_kind == 0 ||
		(state->step_kind == step->kind && state->step == step->length))
		return true;
	return (state->flags & SUMMARY_FLAG_WINDOW) &&
		summary_window_base(&retention_type, state)->rows == 0;
}

/*
 * One customer (state, active, step, as_of [, revenue]) entering (sign 1)
 * or leaving (sign -1, from a window state) the state.  NULL and empty
 * lifetimes, and rows without revenue, are skipped.  NULL from an inverse
 * transition that cannot subtract exactly.
 */
static Datum
retention_row(FunctionCallInfo fcinfo, bool revenue_form, int sign)
{
	RetentionCache *cache = (RetentionCache *) fcinfo->flinfo->fn_extra;
	RetentionSummary *state;
	LifetimeRange active;
	int64		as_of;
	int64		age;
	bool		lost;
	double		revenue;
	int64	   *count;

	if (sign > 0)
	{
		if (!AggCheckCallContext(fcinfo, NULL))
			elog(ERROR, "retention_summary transition called in non-aggregate context");
		state = summary_state_for_update(fcinfo, &retention_type, &revenue_form);
	}
	else
	{
		state = window_inverse_state(fcinfo);
		if (state == NULL)
			PG_RETURN_NULL();
	}
	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RetentionCache));
		cache->units = lifetime_units(get_fn_expr_argtype(fcinfo->flinfo, 1));
		cache->days = lifetime_day_cache_new(fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = cache;
	}
	if (PG_ARGISNULL(2) || !cache->have_step ||
		memcmp(&cache->step_value, PG_GETARG_INTERVAL_P(2), sizeof(Interval)) != 0)
	{
		cache->have_step = false;
		lifetime_read_step(fcinfo, 2, cache->units, &cache->step);
		memcpy(&cache->step_value, PG_GETARG_INTERVAL_P(2), sizeof(Interval));
		cache->have_step = true;
	}
	as_of = retention_as_of_arg(fcinfo, 3, cache->units);
	if (!cache->have_as_of || cache->as_of.value != as_of)
	{
		lifetime_date(as_of, cache->units, &cache->as_of);
		cache->have_as_of = true;
	}
	if (!retention_step_fits(state, &cache->step))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step changes within a retention summary"),
				 errhint("Give every row of a group the same step, such as '1 month'.")));
	if (PG_ARGISNULL(1) || (revenue_form && PG_ARGISNULL(4)))
		PG_RETURN_POINTER(state);
	/* one zero: -0 counts as 0 */
	revenue = revenue_form ? PG_GETARG_FLOAT8(4) + 0.0 : 0.0;
	if (revenue_form)
		churn_check_revenue_finite(revenue);
	lifetime_read_range(fcinfo, 1, &cache->typcache, &active);
	if (active.empty)
		PG_RETURN_POINTER(state);
	if (active.lower_infinite)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer lifetime has no start"),
				 errhint("Ages are counted from lower(active): give every lifetime a finite start.")));

	age = lifetime_age(active.lower, !active.upper_infinite, active.upper, &cache->as_of,
					   cache->units, &cache->step, &lost, cache->days);
	if (age > LIFETIME_MAX_STEPS)
		retention_too_many_ages(&cache->step);

	/* a window frame that has emptied starts afresh */
	if (state->flags & SUMMARY_FLAG_WINDOW)
		summary_window_count(&retention_type, state, sign);
	if (sign > 0)
	{
		retention_adopt(state, &cache->step, revenue_form);
		state = retention_room_for(state, age);
	}
	else if (age >= state->ages)
		elog(ERROR, "inverse transition removed a customer that was never added");
	count = lost ? &RS_LOST(state)[age] : &RS_CENSORED(state)[age];
	*count += sign;
	if (*count < 0)
		elog(ERROR, "inverse transition removed a customer that was never added");
	if (revenue_form)
	{
		retention_add_revenue(state, lost ? RS_ARRAY_REVENUE_LOST : RS_ARRAY_REVENUE_CENSORED,
							  (int) age, sign * revenue);
		if (isinf(RS_REVENUE_LOST(state)[age] + RS_REVENUE_CENSORED(state)[age]))
			retention_revenue_overflow();
		if (sign < 0 && !summary_is_exact(&retention_type, state))
			PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(state);
}

/*
 * retention_trans, retention_trans_revenue
 *		Transition of retention_summary(active, step, as_of [, revenue]),
 *		for every range type; also, over internal, their moving-aggregate
 *		transition (retention_window_trans...), whose window state the
 *		kernel allocates on the first row.
 * retention_window_inv, retention_window_inv_revenue
 *		Their moving-aggregate inverse transition: remove one customer from
 *		a window state.
 */
SUMMARY_SQL_FUNCTION(retention_trans, retention_row(fcinfo, false, 1))
SUMMARY_SQL_FUNCTION(retention_trans_revenue, retention_row(fcinfo, true, 1))
SUMMARY_SQL_FUNCTION(retention_window_trans, retention_row(fcinfo, false, 1))
SUMMARY_SQL_FUNCTION(retention_window_trans_revenue, retention_row(fcinfo, true, 1))
SUMMARY_SQL_FUNCTION(retention_window_inv, retention_row(fcinfo, false, -1))
SUMMARY_SQL_FUNCTION(retention_window_inv_revenue, retention_row(fcinfo, true, -1))

/*
 * The summary kernel's callbacks
 * ------------------------------
 */

/*
 * Fill in a new, zeroed state (SummaryType.init): no ages, no step yet;
 * arg points to a bool, whether it weighs customers by revenue (NULL: not
 * known yet, as for a roll-up, which takes it from its first summary).
 */
static void
retention_init(void *value, const void *arg)
{
	RetentionSummary *s = (RetentionSummary *) value;

	s->version = RETENTION_SUMMARY_VERSION;
	if (arg != NULL && *(const bool *) arg)
		s->flags |= RETENTION_FLAG_REVENUE;
}

/* Whether a state has counted nobody (SummaryType.is_empty). */
static bool
retention_is_empty(const void *value)
{
	return ((const RetentionSummary *) value)->step_kind == 0;
}

/*
 * Clear a window state whose frame has emptied, before a row enters again
 * (SummaryType.restart): the next frame may be of another step.
 */
static void
retention_restart(void *value)
{
	RetentionSummary *s = (RetentionSummary *) value;
	int			k;

	memset(s->data, 0, RETENTION_SIZE(s->ages, RS_HAS_REVENUE(s)) - RETENTION_HEADER);
	if (retention_keeps_exact_sums(s))
		for (k = 0; k < 2 * s->ages; k++)
			exact_sum_init(&retention_exact_sums(s)[k]);
	s->step_kind = 0;
	s->step = 0;
}

/*
 * Room in target for the ages of source (SummaryType.make_room); a target
 * that has counted nobody takes source's step and form first.
 */
static void *
retention_make_room(void *target_value, const void *source_value)
{
	RetentionSummary *target = (RetentionSummary *) target_value;
	const RetentionSummary *source = (const RetentionSummary *) source_value;
	int			used = retention_used_ages(source);

	if (source->step_kind != 0)
	{
		LifetimeStep step = retention_step(source);

		retention_adopt(target, &step, RS_HAS_REVENUE(source));
	}
	if (used <= target->ages)
		return target;
	return retention_grow(target, (int) Min(Max(used, 2 * (int64) target->ages),
											LIFETIME_MAX_STEPS + 1));
}

/*
 * target += sign * source (SummaryType.add), target with room enough;
 * false when a window state turned inexact.
 */
static bool
retention_add(void *target_value, const void *source_value, int sign)
{
	RetentionSummary *target = (RetentionSummary *) target_value;
	const RetentionSummary *source = (const RetentionSummary *) source_value;
	int			used = retention_used_ages(source);
	int64		total = 0;
	int			i;

	retention_check_compatible(target, source);
	if (used > target->ages)
		elog(ERROR, "inverse transition removed customers that were never added");
	for (i = 0; i < used; i++)
	{
		/* counts are >= 0, so sign * count cannot overflow */
		if (pg_add_s64_overflow(RS_LOST(target)[i], sign * RS_LOST(source)[i], &RS_LOST(target)[i]) ||
			pg_add_s64_overflow(RS_CENSORED(target)[i], sign * RS_CENSORED(source)[i],
								&RS_CENSORED(target)[i]))
			retention_count_overflow();
		if (RS_LOST(target)[i] < 0 || RS_CENSORED(target)[i] < 0)
			elog(ERROR, "inverse transition removed customers that were never added");
		if (RS_HAS_REVENUE(target))
		{
			if (RS_REVENUE_LOST(source)[i] != 0.0)
				retention_add_revenue(target, RS_ARRAY_REVENUE_LOST, i,
									  sign * RS_REVENUE_LOST(source)[i]);
			if (RS_REVENUE_CENSORED(source)[i] != 0.0)
				retention_add_revenue(target, RS_ARRAY_REVENUE_CENSORED, i,
									  sign * RS_REVENUE_CENSORED(source)[i]);
			if (isinf(RS_REVENUE_LOST(target)[i]) || isinf(RS_REVENUE_CENSORED(target)[i]))
				retention_revenue_overflow();
		}
	}
	/* the customers of all ages must fit a bigint too (customers_at_risk) */
	if (sign > 0)
		for (i = 0; i < target->ages; i++)
			if (pg_add_s64_overflow(total, RS_LOST(target)[i], &total) ||
				pg_add_s64_overflow(total, RS_CENSORED(target)[i], &total))
				retention_count_overflow();
	return summary_is_exact(&retention_type, target);
}

/*
 * The value a state stores (SummaryType.stored_copy): trimmed to the ages
 * it uses, and for a window state its exact revenue sums rounded once (the
 * same for the same rows, whatever came and went before) unless it turned
 * inexact.
 */
static void *
retention_stored_copy(const void *value)
{
	const RetentionSummary *s = (const RetentionSummary *) value;
	int			n = retention_used_ages(s);
	LifetimeStep step = retention_step(s);
	RetentionSummary *r = retention_new(n, RS_HAS_REVENUE(s), &step);
	int			k;

	r->flags = s->flags;
	memcpy(RS_LOST(r), RS_LOST(s), n * sizeof(int64));
	memcpy(RS_CENSORED(r), RS_CENSORED(s), n * sizeof(int64));
	if (!RS_HAS_REVENUE(s))
		return r;
	if (retention_keeps_exact_sums(s) && summary_is_exact(&retention_type, s))
	{
		ExactSum   *sums = retention_exact_sums(s);

		for (k = 0; k < n; k++)
		{
			RS_REVENUE_LOST(r)[k] = exact_sum_value(&sums[k]) + 0.0;
			RS_REVENUE_CENSORED(r)[k] = exact_sum_value(&sums[s->ages + k]) + 0.0;
		}
	}
	else
	{
		memcpy(RS_REVENUE_LOST(r), RS_REVENUE_LOST(s), n * sizeof(double));
		memcpy(RS_REVENUE_CENSORED(r), RS_REVENUE_CENSORED(s), n * sizeof(double));
	}
	return r;
}

/*
 * Trim a value read from text or binary to the ages it uses, in place
 * (SummaryType.prepare), after its content was checked.
 */
static void
retention_prepare(void *value)
{
	RetentionSummary *s = (RetentionSummary *) value;
	int			n = retention_used_ages(s);
	int			arrays = RS_HAS_REVENUE(s) ? 4 : 2;
	int			i;

	if (n == s->ages || (s->flags & SUMMARY_FLAG_WINDOW))
		return;
	for (i = 1; i < arrays; i++)
		memmove(s->data + (Size) i * n, s->data + (Size) i * s->ages, n * sizeof(int64));
	s->ages = n;
	SET_VARSIZE(s, RETENTION_SIZE(n, RS_HAS_REVENUE(s)));
}

/* a = b (SummaryType.equal): same step, revenue or not, and the same table. */
static bool
retention_equal(const void *a_value, const void *b_value)
{
	const RetentionSummary *a = (const RetentionSummary *) a_value;
	const RetentionSummary *b = (const RetentionSummary *) b_value;
	int			n = retention_used_ages(a);
	int			i;

	if (a->step_kind != b->step_kind || a->step != b->step ||
		RS_HAS_REVENUE(a) != RS_HAS_REVENUE(b) || retention_used_ages(b) != n)
		return false;
	for (i = 0; i < n; i++)
		if (RS_LOST(a)[i] != RS_LOST(b)[i] || RS_CENSORED(a)[i] != RS_CENSORED(b)[i] ||
			(RS_HAS_REVENUE(a) &&
			 (RS_REVENUE_LOST(a)[i] != RS_REVENUE_LOST(b)[i] ||
			  RS_REVENUE_CENSORED(a)[i] != RS_REVENUE_CENSORED(b)[i])))
			return false;
	return true;
}

/*
 * What is wrong with a summary's content (read from text or binary), or
 * NULL (SummaryType.check_content): a step that no step argument gives, a
 * loss at age 0, a revenue that is not finite and >= 0, or counts whose
 * total is past bigint.
 */
static char *
retention_check_content(const void *value)
{
	const RetentionSummary *s = (const RetentionSummary *) value;
	int64		total = 0;
	int			i;

	if (s->step_kind == LIFETIME_STEP_MONTHS ? (s->step <= 0 || s->step > PG_INT32_MAX) :
		(s->step_kind != LIFETIME_STEP_FIXED || s->step <= 0))
		return pstrdup("The step must be a positive number of months or microseconds.");
	if (s->ages > LIFETIME_MAX_STEPS + 1)
		return psprintf("A summary holds ages up to %d.", LIFETIME_MAX_STEPS);
	if (s->ages > 0 && RS_LOST(s)[0] != 0)
		return pstrdup("No customer is lost at age 0: losses count from age 1.");
	for (i = 0; i < s->ages; i++)
	{
		if (RS_LOST(s)[i] < 0 || RS_CENSORED(s)[i] < 0)
			return pstrdup("Counts must be integers >= 0.");
		if (pg_add_s64_overflow(total, RS_LOST(s)[i], &total) ||
			pg_add_s64_overflow(total, RS_CENSORED(s)[i], &total))
			return pstrdup("The counts add up to more than a bigint holds.");
		if (RS_HAS_REVENUE(s))
		{
			double		rl = RS_REVENUE_LOST(s)[i];
			double		rc = RS_REVENUE_CENSORED(s)[i];

			if (!(rl >= 0.0 && rl <= DBL_MAX) || !(rc >= 0.0 && rc <= DBL_MAX))
				return pstrdup("Revenue must be finite numbers >= 0.");
			if ((rl > 0.0 && RS_LOST(s)[i] == 0) || (rc > 0.0 && RS_CENSORED(s)[i] == 0))
				return pstrdup("Revenue at an age without customers must be 0.");
		}
	}
	return NULL;
}

/*
 * Text form
 * ---------
 * {"version": 1, "step_months": 1, "lost": [0, 3, 1], "censored": [2, 0, 5]}
 * with "step_microseconds" for a fixed step, and "revenue_lost" and
 * "revenue_censored" arrays for a revenue summary; arrays indexed by age
 * from 0, as long as the last age with a customer.
 */

/* The keys of the text form, in the order of RetentionText.arrays after the step. */
static const char *const retention_text_keys[] = {
	"version", "step_months", "step_microseconds", "lost", "censored",
	"revenue_lost", "revenue_censored", NULL
};

#define RETENTION_KEY_STEP_MONTHS	1
#define RETENTION_KEY_STEP_FIXED	2
#define RETENTION_KEY_FIRST_ARRAY	3

/* What the text reader has read so far. */
typedef struct RetentionText
{
	LifetimeStep step;			/* kind 0 until a step key is read */
	int			n[4];			/* entries of each array read (RS_ARRAY_*) */
	void	   *arrays[4];		/* the arrays read, NULL until read */
} RetentionText;

/* What a syntax error on a misplaced key expects. */
#define RETENTION_KEYS_EXPECTED \
	"each of the keys \"version\", \"step_months\" or \"step_microseconds\", \"lost\", \"censored\", \"revenue_lost\", \"revenue_censored\" once"

/* Read the value of one key (SummaryType.read_text_field). */
static void
retention_read_text_field(const SummaryType *type, TextParser *parser, int key,
						  void *scratch)
{
	RetentionText *text = (RetentionText *) scratch;
	int			array = key - RETENTION_KEY_FIRST_ARRAY;

	if (array < 0)
	{
		if (text->step.kind != 0)
		{
			/* the two step keys are one key: point at the second */
			const char *key_start = parser->pos - 1;

			while (key_start > parser->input && isspace((unsigned char) key_start[-1]))
				key_start--;
			parser->pos = key_start - strlen(type->text_keys[key]) - 2;
			text_syntax_error(parser, RETENTION_KEYS_EXPECTED);
		}
		text->step.kind = key == RETENTION_KEY_STEP_MONTHS ? LIFETIME_STEP_MONTHS : LIFETIME_STEP_FIXED;
		text->step.length = read_count(parser, "a positive step length");
		return;
	}
	text->arrays[array] = palloc(sizeof(int64) * (LIFETIME_MAX_STEPS + 1));
	if (array < RS_ARRAY_REVENUE_LOST)
		text->n[array] = read_count_array(parser, text->arrays[array], LIFETIME_MAX_STEPS + 1);
	else
		text->n[array] = read_double_array(parser, text->arrays[array], LIFETIME_MAX_STEPS + 1);
	if (text->n[array] > LIFETIME_MAX_STEPS + 1)
		text_content_error(parser, psprintf("A summary holds ages up to %d.", LIFETIME_MAX_STEPS));
}

/* The summary the keys describe (SummaryType.finish_text). */
static void *
retention_finish_text(const SummaryType *type, TextParser *parser, void *scratch,
					  uint32 seen)
{
	RetentionText *text = (RetentionText *) scratch;
	bool		revenue = text->arrays[RS_ARRAY_REVENUE_LOST] != NULL;
	RetentionSummary *s;
	int			ages = text->n[RS_ARRAY_LOST];
	int			i;
	int			k;

	if (!(seen & 1) || text->step.kind == 0 || text->arrays[RS_ARRAY_LOST] == NULL ||
		text->arrays[RS_ARRAY_CENSORED] == NULL)
		text_content_error(parser, "The keys \"version\", \"step_months\" or \"step_microseconds\", \"lost\" and \"censored\" are all required.");
	if (revenue != (text->arrays[RS_ARRAY_REVENUE_CENSORED] != NULL))
		text_content_error(parser, "The keys \"revenue_lost\" and \"revenue_censored\" come together.");
	for (i = 1; i < (revenue ? 4 : 2); i++)
		if (text->n[i] != ages)
			text_content_error(parser, "The arrays must have one entry per age, all of the same length.");
	s = retention_new(ages, revenue, &text->step);
	for (i = 0; i < (revenue ? 4 : 2); i++)
		memcpy(s->data + (Size) i * ages, text->arrays[i], ages * sizeof(int64));
	/* one zero: -0 reads back as 0 */
	if (revenue)
		for (k = 0; k < ages; k++)
		{
			RS_REVENUE_LOST(s)[k] += 0.0;
			RS_REVENUE_CENSORED(s)[k] += 0.0;
		}
	return s;
}

/* Append "[a, b, ...]" of the first n counts. */
static void
append_counts(StringInfo buf, const int64 *values, int n)
{
	int			i;

	appendStringInfoChar(buf, '[');
	for (i = 0; i < n; i++)
		appendStringInfo(buf, i ? ", " INT64_FORMAT : INT64_FORMAT, values[i]);
	appendStringInfoChar(buf, ']');
}

/* Append "[x, y, ...]" of the first n doubles, exactly. */
static void
append_doubles(StringInfo buf, const double *values, int n)
{
	int			i;

	appendStringInfoChar(buf, '[');
	for (i = 0; i < n; i++)
	{
		if (i)
			appendStringInfoString(buf, ", ");
		append_double(buf, values[i]);
	}
	appendStringInfoChar(buf, ']');
}

/* The fields after "version" (SummaryType.write_text). */
static void
retention_write_text(StringInfo buf, const void *value)
{
	const RetentionSummary *s = (const RetentionSummary *) value;
	int			n = retention_used_ages(s);

	appendStringInfo(buf, ", \"%s\": " INT64_FORMAT ", \"lost\": ",
					 s->step_kind == LIFETIME_STEP_MONTHS ? "step_months" : "step_microseconds",
					 s->step);
	append_counts(buf, RS_LOST(s), n);
	appendStringInfoString(buf, ", \"censored\": ");
	append_counts(buf, RS_CENSORED(s), n);
	if (RS_HAS_REVENUE(s))
	{
		appendStringInfoString(buf, ", \"revenue_lost\": ");
		append_doubles(buf, RS_REVENUE_LOST(s), n);
		appendStringInfoString(buf, ", \"revenue_censored\": ");
		append_doubles(buf, RS_REVENUE_CENSORED(s), n);
	}
}

/*
 * Binary form
 * -----------
 * version, flags, step kind (1 byte each), step length (int8), ages
 * (int4), then per age lost and censored (int8 each), and for a revenue
 * summary per age revenue lost and censored (float8 each).
 */

/* The fields after the version byte (SummaryType.read_binary). */
static void *
retention_read_binary(const SummaryType *type, StringInfo buf)
{
	const char *type_name = type->type_name;
	uint8		header[2];
	uint32		ages_net;
	int64		ages;
	LifetimeStep step;
	RetentionSummary *s;
	int			i;

	binary_read(buf, header, sizeof(header), type_name);
	if (header[0] & ~RETENTION_STORED_FLAGS)
		binary_error(type_name, psprintf("Unknown flags 0x%02x.", header[0]));
	if (header[1] != LIFETIME_STEP_MONTHS && header[1] != LIFETIME_STEP_FIXED)
		binary_error(type_name, psprintf("Unknown step kind %d.", header[1]));
	step.kind = header[1];
	step.length = binary_read_int64(buf, type_name);
	binary_read(buf, &ages_net, sizeof(ages_net), type_name);
	ages = (int64) pg_ntoh32(ages_net);
	if (ages > LIFETIME_MAX_STEPS + 1)
		binary_error(type_name, psprintf("A summary holds ages up to %d.", LIFETIME_MAX_STEPS));
	/* the bytes must be there before the memory is */
	if ((int64) (buf->len - buf->cursor) !=
		ages * (int64) sizeof(int64) * ((header[0] & RETENTION_FLAG_REVENUE) ? 4 : 2))
		binary_error(type_name, "The value's length does not match its number of ages.");
	s = retention_new((int) ages, (header[0] & RETENTION_FLAG_REVENUE) != 0, &step);
	for (i = 0; i < ages; i++)
	{
		RS_LOST(s)[i] = binary_read_int64(buf, type_name);
		RS_CENSORED(s)[i] = binary_read_int64(buf, type_name);
	}
	if (RS_HAS_REVENUE(s))
		for (i = 0; i < ages; i++)
		{
			RS_REVENUE_LOST(s)[i] = binary_read_double(buf, type_name) + 0.0;
			RS_REVENUE_CENSORED(s)[i] = binary_read_double(buf, type_name) + 0.0;
		}
	return s;
}

/* The fields after the version byte (SummaryType.write_binary). */
static void
retention_write_binary(StringInfo buf, const void *value)
{
	const RetentionSummary *s = (const RetentionSummary *) value;
	int			n = retention_used_ages(s);
	int			i;

	pq_sendbyte(buf, s->flags & RETENTION_STORED_FLAGS);
	pq_sendbyte(buf, s->step_kind);
	pq_sendint64(buf, s->step);
	pq_sendint32(buf, (uint32) n);
	for (i = 0; i < n; i++)
	{
		pq_sendint64(buf, RS_LOST(s)[i]);
		pq_sendint64(buf, RS_CENSORED(s)[i]);
	}
	if (RS_HAS_REVENUE(s))
		for (i = 0; i < n; i++)
		{
			pq_sendfloat8(buf, RS_REVENUE_LOST(s)[i]);
			pq_sendfloat8(buf, RS_REVENUE_CENSORED(s)[i]);
		}
}

/* The description of retention_summary for the summary kernel. */
static const SummaryType retention_type = {
	.type_name = "retention_summary",
	.variant = 0,
	.version = RETENTION_SUMMARY_VERSION,
	.varlena = true,
	.size = RETENTION_HEADER,
	.flags_offset = offsetof(RetentionSummary, flags),
	.stored_flags = RETENTION_STORED_FLAGS,
	.n_sums = 0,
	.sums_offset = 0,
	.init = retention_init,
	.prepare = retention_prepare,
	.is_empty = retention_is_empty,
	.restart = retention_restart,
	.add = retention_add,
	.equal = retention_equal,
	.check_content = retention_check_content,
	.text_keys = retention_text_keys,
	.text_hint = "The text form is {\"version\": 1, \"step_months\": n or \"step_microseconds\": n, \"lost\": [...], \"censored\": [...]} with counts per age from 0, and \"revenue_lost\" and \"revenue_censored\" for a revenue summary, as written by the type's output.",
	.text_scratch_size = sizeof(RetentionText),
	.read_text_field = retention_read_text_field,
	.finish_text = retention_finish_text,
	.write_text = retention_write_text,
	.binary_header = 3,
	.write_binary = retention_write_binary,
	.read_binary = retention_read_binary,
	.text_keys_expected = RETENTION_KEYS_EXPECTED,
	.make_room = retention_make_room,
	.stored_copy = retention_stored_copy
};

/*
 * retention_summary_in, retention_summary_recv
 *		Text and binary input of retention_summary; every byte is checked.
 * retention_summary_combine, retention_summary_subtract,
 * retention_summary_final, retention_window_summary_final,
 * retention_summary_out, retention_summary_send, retention_summary_eq,
 * retention_summary_ne, retention_summary_hash
 *		The summary kernel's functions for retention_summary (see
 *		SUMMARY_FUNCTIONS).
 * retention_window_combine, retention_window_subtract,
 * retention_summary_window_final
 *		The moving-aggregate transition, inverse transition and final
 *		function of the roll-up, and the final function of every window
 *		state.
 */
SUMMARY_INPUT_FUNCTIONS(retention, &retention_type)
SUMMARY_FUNCTIONS(retention, &retention_type)
SUMMARY_SQL_FUNCTION(retention_window_combine, summary_combine(fcinfo, &retention_type))
SUMMARY_SQL_FUNCTION(retention_window_subtract, summary_subtract(fcinfo, &retention_type))
SUMMARY_SQL_FUNCTION(retention_summary_window_final,
					 summary_window_summary_final(fcinfo, &retention_type))

/*
 * Accessors
 * ---------
 */

/*
 * The Kaplan-Meier table of a summary as doubles: customers, or revenue
 * (weighted), palloc'd.
 */
static SurvivalTable
retention_table(const RetentionSummary *s, bool weighted)
{
	SurvivalTable table;
	int			n = retention_used_ages(s);
	double	   *events = palloc(sizeof(double) * Max(n, 1));
	double	   *censored = palloc(sizeof(double) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
	{
		events[i] = weighted ? RS_REVENUE_LOST(s)[i] : (double) RS_LOST(s)[i];
		censored[i] = weighted ? RS_REVENUE_CENSORED(s)[i] : (double) RS_CENSORED(s)[i];
	}
	table.ages = n;
	table.events = events;
	table.censored = censored;
	return table;
}

/* An age argument: >= 0. */
static int64
retention_age_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	int32		age = PG_GETARG_INT32(argno);

	if (age < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %d is negative", what, age),
				 errhint("Ages and horizons are whole numbers of steps from the start of a lifetime, 0 or more.")));
	return age;
}

/*
 * The point of the curve accessors read (revenue-weighted for a revenue
 * summary); false past the last age with someone at risk.
 */
static bool
retention_point(FunctionCallInfo fcinfo, SurvivalPoint *point)
{
	RetentionSummary *s = PG_GETARG_RETENTION_P(0);
	int64		age = retention_age_arg(fcinfo, 1, "age");
	SurvivalTable table = retention_table(s, RS_HAS_REVENUE(s));

	if (age >= table.ages)
		return false;
	return survival_at(&table, (int) age, point);
}

PG_FUNCTION_INFO_V1(retention_summary_retention);
/*
 * retention_summary_retention
 *		Kaplan-Meier retention at an age, in percent.
 */
Datum
retention_summary_retention(PG_FUNCTION_ARGS)
{
	SurvivalPoint point;

	if (!retention_point(fcinfo, &point))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * point.survival);
}

PG_FUNCTION_INFO_V1(retention_summary_std_error);
/*
 * retention_summary_std_error
 *		Greenwood standard error of the retention at an age, in points.
 */
Datum
retention_summary_std_error(PG_FUNCTION_ARGS)
{
	SurvivalPoint point;

	if (!retention_point(fcinfo, &point))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * survival_std_error(&point));
}

/* One end of the log-log interval at (s, age, level). */
static Datum
retention_interval_end(FunctionCallInfo fcinfo, bool upper)
{
	double		z = stats_z_for_level(PG_GETARG_FLOAT8(2));
	SurvivalPoint point;
	double		lo;
	double		hi;

	if (!retention_point(fcinfo, &point) || !survival_loglog_interval(&point, z, &lo, &hi))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (upper ? hi : lo));
}

/*
 * retention_summary_ci_lower, retention_summary_ci_upper
 *		The lower and upper ends of the log-log interval of the retention,
 *		in percent.
 */
SUMMARY_SQL_FUNCTION(retention_summary_ci_lower, retention_interval_end(fcinfo, false))
SUMMARY_SQL_FUNCTION(retention_summary_ci_upper, retention_interval_end(fcinfo, true))

/* Customers at an age: what = 0 at risk, 1 lost, 2 censored. */
static Datum
retention_customers(FunctionCallInfo fcinfo, int what)
{
	RetentionSummary *s = PG_GETARG_RETENTION_P(0);
	int64		age = retention_age_arg(fcinfo, 1, "age");
	int			n = retention_used_ages(s);
	int64		count = 0;
	int			i;

	if (age >= n)
		PG_RETURN_INT64(0);
	if (what == 1)
		PG_RETURN_INT64(RS_LOST(s)[age]);
	if (what == 2)
		PG_RETURN_INT64(RS_CENSORED(s)[age]);
	/* the content check keeps the total within bigint */
	for (i = (int) age; i < n; i++)
		count += RS_LOST(s)[i] + RS_CENSORED(s)[i];
	PG_RETURN_INT64(count);
}

/*
 * retention_summary_customers_at_risk, retention_summary_customers_lost,
 * retention_summary_customers_censored
 *		Customers whose observed lifetime reaches an age; those lost at an
 *		age (during the step ending there); those censored at an age: still
 *		customers when as_of ended their observation.
 */
SUMMARY_SQL_FUNCTION(retention_summary_customers_at_risk, retention_customers(fcinfo, 0))
SUMMARY_SQL_FUNCTION(retention_summary_customers_lost, retention_customers(fcinfo, 1))
SUMMARY_SQL_FUNCTION(retention_summary_customers_censored, retention_customers(fcinfo, 2))

/*
 * The curve of a summary at every age up to horizon (revenue-weighted for
 * a revenue summary, or by customers): values[k] for k = 0..horizon, in
 * fractions; false when the curve is not defined somewhere up to horizon
 * (no one at risk, the curve not yet at 0).
 */
static bool
retention_curve(const RetentionSummary *s, bool weighted, int64 horizon, double **values)
{
	SurvivalTable table = retention_table(s, weighted);
	SurvivalPoint *points = palloc(sizeof(SurvivalPoint) * Max(table.ages, 1));
	int			defined = survival_curve(&table, points);
	double	   *v = palloc(sizeof(double) * (horizon + 1));
	int64		k;

	for (k = 0; k <= horizon; k++)
	{
		if (k < defined)
			v[k] = points[k].survival;
		else if (defined > 0 && points[defined - 1].survival == 0.0)
			v[k] = 0.0;
		else
			return false;
	}
	*values = v;
	return true;
}

PG_FUNCTION_INFO_V1(retention_summary_median_lifetime);
/*
 * retention_summary_median_lifetime
 *		The first age whose retention is 50 % or less; NULL if none.
 */
Datum
retention_summary_median_lifetime(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = PG_GETARG_RETENTION_P(0);
	SurvivalTable table = retention_table(s, RS_HAS_REVENUE(s));
	SurvivalPoint *points = palloc(sizeof(SurvivalPoint) * Max(table.ages, 1));
	int			defined = survival_curve(&table, points);
	int			k;

	for (k = 0; k < defined; k++)
		if (points[k].survival <= 0.5)
			PG_RETURN_INT32(k);
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(retention_summary_mean_lifetime);
/*
 * retention_summary_mean_lifetime
 *		Restricted mean lifetime over horizon steps, in steps: the sum of
 *		the retention at ages 1..horizon, as fractions.  NULL when the
 *		curve ends (no one at risk) before the horizon while above 0.
 */
Datum
retention_summary_mean_lifetime(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = PG_GETARG_RETENTION_P(0);
	int64		horizon = retention_age_arg(fcinfo, 1, "horizon");
	double	   *v;
	double		sum = 0.0;
	int64		k;

	if (!retention_curve(s, RS_HAS_REVENUE(s), horizon, &v))
		PG_RETURN_NULL();
	for (k = 1; k <= horizon; k++)
		sum += v[k];
	PG_RETURN_FLOAT8(sum);
}

PG_FUNCTION_INFO_V1(retention_summary_lifetime_value);
/*
 * retention_summary_lifetime_value
 *		Expected revenue per starting customer over horizon steps, paid at
 *		the start of each step (ages 0..horizon-1): revenue_per_step times
 *		the customer curve, or, without it, the revenue-weighted curve
 *		times the starting revenue per customer of a revenue summary.
 */
Datum
retention_summary_lifetime_value(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = PG_GETARG_RETENTION_P(0);
	int64		horizon = retention_age_arg(fcinfo, 1, "horizon");
	bool		per_step = PG_NARGS() > 2;
	double		revenue_per_step;
	double	   *v;
	double		sum = 0.0;
	int64		k;

	if (per_step)
	{
		if (PG_ARGISNULL(2))
			PG_RETURN_NULL();
		churn_check_revenue_finite(PG_GETARG_FLOAT8(2));
		revenue_per_step = PG_GETARG_FLOAT8(2) + 0.0;
	}
	else
	{
		SurvivalTable customers = retention_table(s, false);
		SurvivalTable revenue;

		if (!RS_HAS_REVENUE(s))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("lifetime_value needs revenue"),
					 errhint("Build the summary with retention_summary(active, step, as_of, revenue), or give the revenue per step: lifetime_value(s, horizon, revenue_per_step).")));
		revenue = retention_table(s, true);
		if (survival_total(&customers) == 0.0)
			PG_RETURN_NULL();
		revenue_per_step = survival_total(&revenue) / survival_total(&customers);
	}
	if (horizon == 0)
		PG_RETURN_FLOAT8(0.0);
	if (!retention_curve(s, !per_step, horizon - 1, &v))
		PG_RETURN_NULL();
	for (k = 0; k < horizon; k++)
		sum += v[k];
	PG_RETURN_FLOAT8(sum * revenue_per_step);
}

PG_FUNCTION_INFO_V1(retention_summary_p_value);
/*
 * retention_summary_p_value
 *		Log-rank test that two summaries' customers share one retention
 *		curve (R's survdiff), on customers; NULL when no customer is lost
 *		in either or the two never overlap in age.
 */
Datum
retention_summary_p_value(PG_FUNCTION_ARGS)
{
	RetentionSummary *a = PG_GETARG_RETENTION_P(0);
	RetentionSummary *b = PG_GETARG_RETENTION_P(1);
	SurvivalTable ta;
	SurvivalTable tb;
	double		p;

	retention_check_compatible(a, b);
	ta = retention_table(a, false);
	tb = retention_table(b, false);
	if (!survival_logrank_p(&ta, &tb, &p))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(p);
}

PG_FUNCTION_INFO_V1(retention_summary_unnest);
/*
 * retention_summary_unnest
 *		The curve as rows, one per age from 0 to the last with customers at
 *		risk: age, at_risk, lost, censored, retention, ci_lower, ci_upper
 *		(95 % log-log interval).
 */
Datum
retention_summary_unnest(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	RetentionSummary *s = PG_GETARG_RETENTION_P(0);
	SurvivalTable table = retention_table(s, RS_HAS_REVENUE(s));
	SurvivalPoint *points = palloc(sizeof(SurvivalPoint) * Max(table.ages, 1));
	int			defined = survival_curve(&table, points);
	double		z = stats_z_for_level(0.95);
	int64		at_risk = 0;
	int			k;

	InitMaterializedSRF(fcinfo, 0);
	for (k = 0; k < table.ages; k++)
		at_risk += RS_LOST(s)[k] + RS_CENSORED(s)[k];
	for (k = 0; k < table.ages; k++)
	{
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};
		double		lo;
		double		hi;

		values[0] = Int32GetDatum(k);
		values[1] = Int64GetDatum(at_risk);
		values[2] = Int64GetDatum(RS_LOST(s)[k]);
		values[3] = Int64GetDatum(RS_CENSORED(s)[k]);
		if (k < defined)
		{
			values[4] = Float8GetDatum(100.0 * points[k].survival);
			if (survival_loglog_interval(&points[k], z, &lo, &hi))
			{
				values[5] = Float8GetDatum(100.0 * lo);
				values[6] = Float8GetDatum(100.0 * hi);
			}
			else
				nulls[5] = nulls[6] = true;
		}
		else
			nulls[4] = nulls[5] = nulls[6] = true;
		at_risk -= RS_LOST(s)[k] + RS_CENSORED(s)[k];
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
