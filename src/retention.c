/*-------------------------------------------------------------------------
 *
 * retention.c
 *	  Retention curves: the retention_summary type, its aggregate, and the
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
 * The type is variable-length.  Inside an aggregate the state has room
 * for more ages than it uses (trailing zero ages); it grows by doubling,
 * and the final function, the I/O and the comparisons see it trimmed.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "compat.h"
#include "lifetime.h"
#include "stats.h"
#include "summary_io.h"
#include "survival.h"

/* Version of the text and binary formats written by this code. */
#define RETENTION_SUMMARY_VERSION 1

/* The summary weighs customers by revenue too (revenue arrays present). */
#define RETENTION_FLAG_REVENUE 0x01

/*
 * Ages a new aggregate state has room for at least: exactly the first
 * customer's age beyond that, so that a group of one customer (GROUP BY
 * customer) holds no more than its table; larger groups grow by doubling.
 */
#define RETENTION_INITIAL_AGES 2

/*
 * The summary and transition state.  After the header come ages int64
 * customers lost per age, ages int64 customers censored per age and, for
 * a revenue summary, ages float8 revenue lost and ages float8 revenue
 * censored per age.  Age 0 never has a loss.
 */
typedef struct RetentionSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* RETENTION_SUMMARY_VERSION of this layout */
	uint8		flags;			/* RETENTION_FLAG_* bits */
	uint8		step_kind;		/* LifetimeStepKind */
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

#define PG_GETARG_RETENTION_P(n) ((RetentionSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static const char *const retention_format_hint =
"The text form is {\"version\": 1, \"step_months\": n or \"step_microseconds\": n, \"lost\": [...], \"censored\": [...]} with counts per age from 0, and \"revenue_lost\" and \"revenue_censored\" for a revenue summary, as written by the type's output.";

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

/* Ages actually used: the slots up to the last nonzero one. */
static int
retention_used_ages(const RetentionSummary *s)
{
	int			n = s->ages;

	while (n > 0 && RS_LOST(s)[n - 1] == 0 && RS_CENSORED(s)[n - 1] == 0 &&
		   (!RS_HAS_REVENUE(s) ||
			(RS_REVENUE_LOST(s)[n - 1] == 0.0 && RS_REVENUE_CENSORED(s)[n - 1] == 0.0)))
		n--;
	return n;
}

/* A copy of s with room for ages ages (at least its used ones). */
static RetentionSummary *
retention_resize(const RetentionSummary *s, int ages)
{
	LifetimeStep step = retention_step(s);
	RetentionSummary *r = retention_new(ages, RS_HAS_REVENUE(s), &step);
	int			n = Min(ages, s->ages);

	memcpy(RS_LOST(r), RS_LOST(s), n * sizeof(int64));
	memcpy(RS_CENSORED(r), RS_CENSORED(s), n * sizeof(int64));
	if (RS_HAS_REVENUE(s))
	{
		memcpy(RS_REVENUE_LOST(r), RS_REVENUE_LOST(s), n * sizeof(double));
		memcpy(RS_REVENUE_CENSORED(r), RS_REVENUE_CENSORED(s), n * sizeof(double));
	}
	return r;
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
 * weigh revenue.
 */
static void
retention_check_compatible(const RetentionSummary *a, const RetentionSummary *b)
{
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

/* The revenue argument of a transition: finite and >= 0. */
static double
retention_revenue_arg(double revenue)
{
	if (isnan(revenue) || isinf(revenue) || revenue < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("revenue %s is not a finite number greater than or equal to 0",
						float8out_internal(revenue)),
				 errhint("Revenue is a finite amount of money per customer, such as monthly recurring revenue.")));
	return revenue + 0.0;
}

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
} RetentionCache;

/*
 * The transition: count one customer.  Arguments: state, active, step,
 * as_of [, revenue].
 */
static Datum
retention_trans_common(FunctionCallInfo fcinfo, bool revenue_form)
{
	RetentionSummary *state = PG_ARGISNULL(0) ? NULL : (RetentionSummary *) PG_GETARG_POINTER(0);
	RetentionCache *cache = (RetentionCache *) fcinfo->flinfo->fn_extra;
	LifetimeRange active;
	int64		as_of;
	int64		age;
	bool		lost;
	double		revenue = 0.0;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "retention_summary transition called in non-aggregate context");
	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RetentionCache));
		cache->units = lifetime_units(get_fn_expr_argtype(fcinfo->flinfo, 1));
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
	if (state != NULL && (state->step_kind != cache->step.kind || state->step != cache->step.length))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step changes within a retention summary"),
				 errhint("Give every row of a group the same step, such as '1 month'.")));
	/* NULL and empty lifetimes, and rows without revenue, are skipped */
	if (PG_ARGISNULL(1) || (revenue_form && PG_ARGISNULL(4)))
		goto skip;
	if (revenue_form)
		revenue = retention_revenue_arg(PG_GETARG_FLOAT8(4));
	lifetime_read_range(fcinfo, 1, &cache->typcache, &active);
	if (active.empty)
		goto skip;
	if (active.lower_infinite)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer lifetime has no start"),
				 errhint("Ages are counted from lower(active): give every lifetime a finite start.")));

	age = lifetime_age(active.lower, !active.upper_infinite, active.upper, &cache->as_of,
					   cache->units, &cache->step, &lost);
	if (age > LIFETIME_MAX_STEPS)
		retention_too_many_ages(&cache->step);

	if (state == NULL)
		state = retention_new(Max(RETENTION_INITIAL_AGES, (int) age + 1), revenue_form, &cache->step);
	else if (age >= state->ages)
	{
		/*
		 * Grow by doubling, in the current context: the executor copies a
		 * new state into the aggregate context and frees the old one.
		 */
		state = retention_resize(state, (int) Min(Max(age + 1, 2 * (int64) state->ages),
												 LIFETIME_MAX_STEPS + 1));
	}
	if (lost)
	{
		RS_LOST(state)[age]++;
		if (revenue_form)
			RS_REVENUE_LOST(state)[age] += revenue;
	}
	else
	{
		RS_CENSORED(state)[age]++;
		if (revenue_form)
			RS_REVENUE_CENSORED(state)[age] += revenue;
	}
	if (revenue_form && isinf(RS_REVENUE_LOST(state)[age] + RS_REVENUE_CENSORED(state)[age]))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum of revenue is out of range for type double precision"),
				 errhint("Use revenue in a larger unit, such as thousands.")));
	PG_RETURN_POINTER(state);

skip:
	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(retention_trans);
/*
 * retention_trans
 *		Transition of retention_summary(active, step, as_of), for every
 *		range type.
 */
Datum
retention_trans(PG_FUNCTION_ARGS)
{
	return retention_trans_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(retention_trans_revenue);
/*
 * retention_trans_revenue
 *		Transition of retention_summary(active, step, as_of, revenue).
 */
Datum
retention_trans_revenue(PG_FUNCTION_ARGS)
{
	return retention_trans_common(fcinfo, true);
}

/* target += source, both checked compatible, target with room enough. */
static void
retention_add(RetentionSummary *target, const RetentionSummary *source, int used)
{
	int64		total = 0;
	int			i;

	for (i = 0; i < used; i++)
	{
		if (pg_add_s64_overflow(RS_LOST(target)[i], RS_LOST(source)[i], &RS_LOST(target)[i]) ||
			pg_add_s64_overflow(RS_CENSORED(target)[i], RS_CENSORED(source)[i],
								&RS_CENSORED(target)[i]))
			retention_count_overflow();
		if (RS_HAS_REVENUE(target))
		{
			RS_REVENUE_LOST(target)[i] += RS_REVENUE_LOST(source)[i];
			RS_REVENUE_CENSORED(target)[i] += RS_REVENUE_CENSORED(source)[i];
			if (isinf(RS_REVENUE_LOST(target)[i]) || isinf(RS_REVENUE_CENSORED(target)[i]))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("sum of revenue is out of range for type double precision"),
						 errhint("Use revenue in a larger unit, such as thousands.")));
		}
	}
	/* the customers of all ages must fit a bigint too (customers_at_risk) */
	for (i = 0; i < target->ages; i++)
		if (pg_add_s64_overflow(total, RS_LOST(target)[i], &total) ||
			pg_add_s64_overflow(total, RS_CENSORED(target)[i], &total))
			retention_count_overflow();
}

PG_FUNCTION_INFO_V1(retention_summary_combine);
/*
 * retention_summary_combine
 *		a + b, the combine function, and the transition of the roll-up
 *		retention_summary(retention_summary): in place inside an aggregate
 *		when the state has room.
 */
Datum
retention_summary_combine(PG_FUNCTION_ARGS)
{
	RetentionSummary *b = PG_GETARG_RETENTION_P(1);
	int			used_b = retention_used_ages(b);
	RetentionSummary *a;
	RetentionSummary *target;
	bool		in_aggregate = AggCheckCallContext(fcinfo, NULL) != 0;

	/* a state the executor copied from a stored value may be compressed */
	if (in_aggregate && !VARATT_IS_EXTENDED(PG_GETARG_POINTER(0)))
		a = (RetentionSummary *) PG_GETARG_POINTER(0);
	else
	{
		a = PG_GETARG_RETENTION_P(0);
		in_aggregate = false;
	}
	retention_check_compatible(a, b);
	if (in_aggregate && a->ages >= used_b)
		target = a;
	else
	{
		int			used_a = retention_used_ages(a);

		target = retention_resize(a, Max(used_a, used_b));
	}
	retention_add(target, b, used_b);
	PG_RETURN_POINTER(target);
}

PG_FUNCTION_INFO_V1(retention_summary_final);
/*
 * retention_summary_final
 *		Final function of the retention_summary aggregates: the state
 *		trimmed to the ages it uses.
 */
Datum
retention_summary_final(PG_FUNCTION_ARGS)
{
	RetentionSummary *state = PG_GETARG_RETENTION_P(0);

	PG_RETURN_POINTER(retention_resize(state, retention_used_ages(state)));
}

/*
 * Text form
 * ---------
 * {"version": 1, "step_months": 1, "lost": [0, 3, 1], "censored": [2, 0, 5]}
 * with "step_microseconds" for a fixed step, and "revenue_lost" and
 * "revenue_censored" arrays for a revenue summary; arrays indexed by age
 * from 0, as long as the last age with a customer.
 */

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

/*
 * What is wrong with a summary's content (read from text or binary), or
 * NULL: a step that no step argument gives, a loss at age 0, a revenue
 * that is not finite and >= 0, or counts whose total is past bigint.
 */
static char *
retention_check_content(RetentionSummary *s)
{
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
			double	   *rl = &RS_REVENUE_LOST(s)[i];
			double	   *rc = &RS_REVENUE_CENSORED(s)[i];

			if (!(*rl >= 0.0 && *rl <= DBL_MAX) || !(*rc >= 0.0 && *rc <= DBL_MAX))
				return pstrdup("Revenue must be finite numbers >= 0.");
			/* one zero: -0 reads back as 0 */
			*rl += 0.0;
			*rc += 0.0;
			if ((*rl > 0.0 && RS_LOST(s)[i] == 0) || (*rc > 0.0 && RS_CENSORED(s)[i] == 0))
				return pstrdup("Revenue at an age without customers must be 0.");
		}
	}
	return NULL;
}

PG_FUNCTION_INFO_V1(retention_summary_in);
/*
 * retention_summary_in
 *		Text input of retention_summary.
 */
Datum
retention_summary_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	TextParser	parser;
	int64	   *lost = palloc0(sizeof(int64) * (LIFETIME_MAX_STEPS + 1));
	int64	   *censored = palloc0(sizeof(int64) * (LIFETIME_MAX_STEPS + 1));
	double	   *revenue_lost = palloc0(sizeof(double) * (LIFETIME_MAX_STEPS + 1));
	double	   *revenue_censored = palloc0(sizeof(double) * (LIFETIME_MAX_STEPS + 1));
	int			n[4] = {-1, -1, -1, -1};
	bool		seen_version = false;
	LifetimeStep step = {0, 0};
	RetentionSummary *s;
	char	   *problem;
	int			ages;
	int			i;

	parser.input = text;
	parser.pos = text;
	parser.type_name = "retention_summary";
	parser.format_hint = retention_format_hint;

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
		if (strcmp(key, "version") == 0 && !seen_version)
		{
			int64		version = read_count(&parser, "a version number");

			if (version != RETENTION_SUMMARY_VERSION)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("unsupported retention_summary version " INT64_FORMAT, version),
						 errhint("This version of cx_metrics reads version %d.",
								 RETENTION_SUMMARY_VERSION)));
			seen_version = true;
		}
		else if ((strcmp(key, "step_months") == 0 || strcmp(key, "step_microseconds") == 0) &&
				 step.kind == 0)
		{
			step.kind = key[5] == 'm' && key[6] == 'o' ? LIFETIME_STEP_MONTHS : LIFETIME_STEP_FIXED;
			step.length = read_count(&parser, "a positive step length");
		}
		else if (strcmp(key, "lost") == 0)
			array = 0;
		else if (strcmp(key, "censored") == 0)
			array = 1;
		else if (strcmp(key, "revenue_lost") == 0)
			array = 2;
		else if (strcmp(key, "revenue_censored") == 0)
			array = 3;
		else
		{
			parser.pos = key_start;
			text_syntax_error(&parser, "each of the keys \"version\", \"step_months\" or \"step_microseconds\", \"lost\", \"censored\", \"revenue_lost\", \"revenue_censored\" once");
		}
		if (array >= 0)
		{
			if (n[array] >= 0)
			{
				parser.pos = key_start;
				text_syntax_error(&parser, "each key once");
			}
			if (array < 2)
				n[array] = read_count_array(&parser, array == 0 ? lost : censored,
											LIFETIME_MAX_STEPS + 1);
			else
				n[array] = read_double_array(&parser, array == 2 ? revenue_lost : revenue_censored,
											 LIFETIME_MAX_STEPS + 1);
			if (n[array] > LIFETIME_MAX_STEPS + 1)
				text_content_error(&parser, psprintf("A summary holds ages up to %d.", LIFETIME_MAX_STEPS));
		}
	} while (accept_char(&parser, ','));
	expect_char(&parser, '}', "\",\" or \"}\"");
	skip_space(&parser);
	if (*parser.pos != '\0')
		text_syntax_error(&parser, "the end of the input");

	if (!seen_version || step.kind == 0 || n[0] < 0 || n[1] < 0)
		text_content_error(&parser, "The keys \"version\", \"step_months\" or \"step_microseconds\", \"lost\" and \"censored\" are all required.");
	if ((n[2] < 0) != (n[3] < 0))
		text_content_error(&parser, "The keys \"revenue_lost\" and \"revenue_censored\" come together.");
	ages = n[0];
	if (n[1] != ages || (n[2] >= 0 && (n[2] != ages || n[3] != ages)))
		text_content_error(&parser, "The arrays must have one entry per age, all of the same length.");
	s = retention_new(ages, n[2] >= 0, &step);
	memcpy(RS_LOST(s), lost, ages * sizeof(int64));
	memcpy(RS_CENSORED(s), censored, ages * sizeof(int64));
	if (RS_HAS_REVENUE(s))
	{
		for (i = 0; i < ages; i++)
		{
			RS_REVENUE_LOST(s)[i] = revenue_lost[i];
			RS_REVENUE_CENSORED(s)[i] = revenue_censored[i];
		}
	}
	problem = retention_check_content(s);
	if (problem != NULL)
		text_content_error(&parser, problem);
	PG_RETURN_POINTER(retention_resize(s, retention_used_ages(s)));
}

PG_FUNCTION_INFO_V1(retention_summary_out);
/*
 * retention_summary_out
 *		Text output of retention_summary.
 */
Datum
retention_summary_out(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = PG_GETARG_RETENTION_P(0);
	int			n = retention_used_ages(s);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"version\": %d, \"%s\": " INT64_FORMAT ", \"lost\": ",
					 RETENTION_SUMMARY_VERSION,
					 s->step_kind == LIFETIME_STEP_MONTHS ? "step_months" : "step_microseconds",
					 s->step);
	append_counts(&buf, RS_LOST(s), n);
	appendStringInfoString(&buf, ", \"censored\": ");
	append_counts(&buf, RS_CENSORED(s), n);
	if (RS_HAS_REVENUE(s))
	{
		appendStringInfoString(&buf, ", \"revenue_lost\": ");
		append_doubles(&buf, RS_REVENUE_LOST(s), n);
		appendStringInfoString(&buf, ", \"revenue_censored\": ");
		append_doubles(&buf, RS_REVENUE_CENSORED(s), n);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary form
 * -----------
 * version, flags, step kind (1 byte each), step length (int8), ages
 * (int4), then per age lost and censored (int8 each), and for a revenue
 * summary per age revenue lost and censored (float8 each).
 */

PG_FUNCTION_INFO_V1(retention_summary_recv);
/*
 * retention_summary_recv
 *		Binary input of retention_summary; every byte is checked.
 */
Datum
retention_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const char *type_name = "retention_summary";
	uint8		header[3];
	uint32		ages_net;
	int64		ages;
	LifetimeStep step;
	RetentionSummary *s;
	char	   *problem;
	int			i;

	binary_read(buf, header, sizeof(header), type_name);
	if (header[0] != RETENTION_SUMMARY_VERSION)
		binary_error(type_name, psprintf("Version %d is not the version %d this build reads.",
										 header[0], RETENTION_SUMMARY_VERSION));
	if (header[1] & ~RETENTION_FLAG_REVENUE)
		binary_error(type_name, psprintf("Unknown flags 0x%02x.", header[1]));
	if (header[2] != LIFETIME_STEP_MONTHS && header[2] != LIFETIME_STEP_FIXED)
		binary_error(type_name, psprintf("Unknown step kind %d.", header[2]));
	step.kind = header[2];
	step.length = binary_read_int64(buf, type_name);
	binary_read(buf, &ages_net, sizeof(ages_net), type_name);
	ages = (int64) pg_ntoh32(ages_net);
	if (ages > LIFETIME_MAX_STEPS + 1)
		binary_error(type_name, psprintf("A summary holds ages up to %d.", LIFETIME_MAX_STEPS));
	/* the bytes must be there before the memory is */
	if ((int64) (buf->len - buf->cursor) !=
		ages * (int64) sizeof(int64) * ((header[1] & RETENTION_FLAG_REVENUE) ? 4 : 2))
		binary_error(type_name, "The value's length does not match its number of ages.");
	s = retention_new((int) ages, (header[1] & RETENTION_FLAG_REVENUE) != 0, &step);
	for (i = 0; i < ages; i++)
	{
		RS_LOST(s)[i] = binary_read_int64(buf, type_name);
		RS_CENSORED(s)[i] = binary_read_int64(buf, type_name);
	}
	if (RS_HAS_REVENUE(s))
		for (i = 0; i < ages; i++)
		{
			RS_REVENUE_LOST(s)[i] = binary_read_double(buf, type_name);
			RS_REVENUE_CENSORED(s)[i] = binary_read_double(buf, type_name);
		}
	if (buf->cursor != buf->len)
		binary_error(type_name, "The value has bytes after its end.");
	problem = retention_check_content(s);
	if (problem != NULL)
		binary_error(type_name, problem);
	PG_RETURN_POINTER(retention_resize(s, retention_used_ages(s)));
}

PG_FUNCTION_INFO_V1(retention_summary_send);
/*
 * retention_summary_send
 *		Binary output of retention_summary.
 */
Datum
retention_summary_send(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = PG_GETARG_RETENTION_P(0);
	int			n = retention_used_ages(s);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, RETENTION_SUMMARY_VERSION);
	pq_sendbyte(&buf, s->flags & RETENTION_FLAG_REVENUE);
	pq_sendbyte(&buf, s->step_kind);
	pq_sendint64(&buf, s->step);
	pq_sendint32(&buf, (uint32) n);
	for (i = 0; i < n; i++)
	{
		pq_sendint64(&buf, RS_LOST(s)[i]);
		pq_sendint64(&buf, RS_CENSORED(s)[i]);
	}
	if (RS_HAS_REVENUE(s))
		for (i = 0; i < n; i++)
		{
			pq_sendfloat8(&buf, RS_REVENUE_LOST(s)[i]);
			pq_sendfloat8(&buf, RS_REVENUE_CENSORED(s)[i]);
		}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* a = b: same step, revenue or not, and the same table. */
static bool
retention_equal(const RetentionSummary *a, const RetentionSummary *b)
{
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

PG_FUNCTION_INFO_V1(retention_summary_eq);
/*
 * retention_summary_eq
 *		a = b.
 */
Datum
retention_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(retention_equal(PG_GETARG_RETENTION_P(0), PG_GETARG_RETENTION_P(1)));
}

PG_FUNCTION_INFO_V1(retention_summary_ne);
/*
 * retention_summary_ne
 *		a <> b.
 */
Datum
retention_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!retention_equal(PG_GETARG_RETENTION_P(0), PG_GETARG_RETENTION_P(1)));
}

PG_FUNCTION_INFO_V1(retention_summary_hash);
/*
 * retention_summary_hash
 *		Hash consistent with =: of the header's meaningful fields and the
 *		used ages (zeros are stored as +0, see retention_check_content).
 */
Datum
retention_summary_hash(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = PG_GETARG_RETENTION_P(0);
	int			n = retention_used_ages(s);
	uint32		h;
	int64		key[2];

	key[0] = ((int64) s->step_kind << 8) | (s->flags & RETENTION_FLAG_REVENUE);
	key[1] = s->step;
	h = hash_bytes((const unsigned char *) key, sizeof(key));
	h = hash_combine(h, hash_bytes((const unsigned char *) RS_LOST(s), n * sizeof(int64)));
	h = hash_combine(h, hash_bytes((const unsigned char *) RS_CENSORED(s), n * sizeof(int64)));
	if (RS_HAS_REVENUE(s))
	{
		h = hash_combine(h, hash_bytes((const unsigned char *) RS_REVENUE_LOST(s), n * sizeof(double)));
		h = hash_combine(h, hash_bytes((const unsigned char *) RS_REVENUE_CENSORED(s), n * sizeof(double)));
	}
	PG_RETURN_INT32((int32) h);
}

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

PG_FUNCTION_INFO_V1(retention_summary_ci_lower);
/*
 * retention_summary_ci_lower
 *		Lower end of the log-log interval of the retention, in percent.
 */
Datum
retention_summary_ci_lower(PG_FUNCTION_ARGS)
{
	return retention_interval_end(fcinfo, false);
}

PG_FUNCTION_INFO_V1(retention_summary_ci_upper);
/*
 * retention_summary_ci_upper
 *		Upper end of the log-log interval of the retention, in percent.
 */
Datum
retention_summary_ci_upper(PG_FUNCTION_ARGS)
{
	return retention_interval_end(fcinfo, true);
}

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

PG_FUNCTION_INFO_V1(retention_summary_customers_at_risk);
/*
 * retention_summary_customers_at_risk
 *		Customers whose observed lifetime reaches an age.
 */
Datum
retention_summary_customers_at_risk(PG_FUNCTION_ARGS)
{
	return retention_customers(fcinfo, 0);
}

PG_FUNCTION_INFO_V1(retention_summary_customers_lost);
/*
 * retention_summary_customers_lost
 *		Customers lost at an age (during the step ending there).
 */
Datum
retention_summary_customers_lost(PG_FUNCTION_ARGS)
{
	return retention_customers(fcinfo, 1);
}

PG_FUNCTION_INFO_V1(retention_summary_customers_censored);
/*
 * retention_summary_customers_censored
 *		Customers censored at an age: still customers when as_of ended
 *		their observation.
 */
Datum
retention_summary_customers_censored(PG_FUNCTION_ARGS)
{
	return retention_customers(fcinfo, 2);
}

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
		revenue_per_step = retention_revenue_arg(PG_GETARG_FLOAT8(2));
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
