/*-------------------------------------------------------------------------
 *
 * churn.c
 *	  Churn: the churn_summary type, the churn aggregates' transition
 *	  functions, the accessors and the statistics of the churn rate.
 *
 * A customer's life is a range active = [started, ended), ended NULL while
 * still a customer.  For a bounded, non-empty period:
 *
 *	 at risk = active @> lower(period)
 *	 lost    = at risk AND NOT active @> upper(period)
 *	 new     = NOT at risk AND active && (lower(period), upper(period))
 *
 * so a new customer is one who was a customer at some time between the
 * period's start and end but not at its start.  Only the values of the
 * period's bounds count, not their inclusivity.
 *
 * churn rate = 100 * lost / at risk; revenue churn weighs each customer by
 * revenue.  A summary remembers its period: churn over a quarter is not
 * the sum of three months, so summaries of different periods never mix.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/float.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "churn.h"
#include "stats.h"
#include "summary_io.h"
#include "summary_kernel.h"

/*
 * Format versions, which are also the two layouts of the stored value (see
 * ChurnSummary): version 1 is every customer-count summary, and a revenue
 * summary written by extension 1.0; version 2 is a revenue summary that
 * also keeps the lost customers' sum of squared revenue.
 */
#define CHURN_VERSION_WIDE		1
#define CHURN_VERSION_REVENUE	2

/* Smallest nonzero revenue: its square, 1e-300, is still a normal double. */
#define CHURN_MIN_REVENUE 1e-150

/*
 * A version-2 value holds each count in 40 bits: at most 2^40 - 1
 * customers at risk, lost and new.
 */
#define CHURN_MAX_PACKED_COUNT	((INT64CONST(1) << 40) - 1)

/* Each customer weighs its revenue; the revenue fields are maintained. */
#define CHURN_FLAG_REVENUE	0x01
/*
 * Scratch flags, never stored, that the summary kernel owns:
 * CHURN_FLAG_WINDOW, the summary is the value of a window state;
 * CHURN_FLAG_INEXACT, a window state met a revenue outside its exact sums'
 * range (see summary_kernel.h).
 */
#define CHURN_FLAG_INEXACT	SUMMARY_FLAG_INEXACT
#define CHURN_FLAG_WINDOW	SUMMARY_FLAG_WINDOW
/*
 * A revenue summary in the version-2 layout whose content is that of
 * version 1: it holds, or was combined with, a version-1 value, so the
 * lost customers' squared revenue is unknown (the field is 0).  Stored
 * with the value, never written in its text or binary form, which are
 * those of version 1.
 */
#define CHURN_FLAG_NO_LOST_SQUARES	0x08
#define CHURN_STORED_FLAGS	(CHURN_FLAG_REVENUE | CHURN_FLAG_NO_LOST_SQUARES)
/* the flags of the binary form (of either version) */
#define CHURN_BINARY_FLAGS	CHURN_FLAG_REVENUE

/*
 * The summary and transition state: CHURN_SUMMARY_SIZE bytes, aligned to
 * double, in one of two layouts that version says.  Version 1 (every
 * customer-count summary, and revenue summaries of extension 1.0) keeps
 * the counts as int8 in counts.wide; version 2 (revenue summaries) packs
 * them into 40 bits each to make room for the lost customers' squared
 * revenue, which the design-based variance needs, in the same 72 bytes.
 */
typedef struct ChurnSummary
{
	uint8		version;		/* CHURN_VERSION_*: the layout */
	uint8		period_type;	/* ChurnPeriodType */
	uint8		flags;			/* CHURN_FLAG_* bits */
	uint8		packed_at_risk[5];	/* version 2: customers active at
									 * period_start, 40-bit little-endian;
									 * version 1: zero */
	int64		period_start;	/* lower(period), in the type's units */
	int64		period_end;		/* upper(period) */
	union
	{
		struct
		{
			int64		at_risk;	/* customers active at period_start */
			int64		lost;	/* of those, not active at period_end */
			int64		new_customers;	/* started strictly inside the
										 * period */
		}			wide;		/* version 1 */
		struct
		{
			uint8		lost[5];	/* customers lost, 40-bit little-endian */
			uint8		new_customers[5];	/* customers new, the same */
			uint8		zero[6];	/* zero */
			double		sum_sq_lost;	/* sum of squared revenue of the
										 * lost customers (0 with
										 * CHURN_FLAG_NO_LOST_SQUARES) */
		}			packed;		/* version 2 */
	}			counts;			/* the counts, by layout */
	double		revenue_at_start;	/* revenue of the at-risk customers */
	double		revenue_lost;	/* revenue of the lost customers */
	double		sum_sq_revenue; /* sum of squared revenue of the at-risk
								 * customers (Kish's effective n, and with
								 * the lost customers' squares the kept
								 * ones') */
} ChurnSummary;

/*
 * INTERNALLENGTH of churn_summary in the install script: the struct is the
 * stored value, so the two must not drift apart (the setup suite shows
 * pg_type.typlen).
 */
#define CHURN_SUMMARY_SIZE 72
StaticAssertDecl(sizeof(ChurnSummary) == CHURN_SUMMARY_SIZE,
				 "ChurnSummary must be the INTERNALLENGTH of churn_summary");
StaticAssertDecl(offsetof(ChurnSummary, counts) == 24 &&
				 offsetof(ChurnSummary, counts.packed.sum_sq_lost) == 40 &&
				 offsetof(ChurnSummary, revenue_at_start) == 48,
				 "the layouts of churn_summary are fixed by its released format");

#define PG_GETARG_CHURN_SUMMARY_P(n) ((ChurnSummary *) PG_GETARG_POINTER(n))

/*
 * The moving-aggregate (window) state of the revenue and roll-up churn
 * aggregates is the summary kernel's: a summary whose revenue sums, next
 * to each other, are also kept exactly, so that a customer leaving the
 * frame is removed exactly.  A version-2 value keeps four, from the lost
 * customers' squares; a version-1 value three, from the revenue at start
 * (zero for customer counts).
 */
#define CHURN_SUMS 4
StaticAssertDecl(offsetof(ChurnSummary, sum_sq_revenue) ==
				 offsetof(ChurnSummary, revenue_at_start) + 2 * sizeof(double) &&
				 offsetof(ChurnSummary, revenue_lost) ==
				 offsetof(ChurnSummary, revenue_at_start) + sizeof(double) &&
				 offsetof(ChurnSummary, revenue_at_start) ==
				 offsetof(ChurnSummary, counts.packed.sum_sq_lost) + sizeof(double),
				 "the revenue sums of a churn summary must be next to each other");

/* Indexes of the revenue sums among the kept doubles of a version-2 value. */
#define CHURN_SUM_SQ_LOST	0
#define CHURN_SUM_AT_START	1
#define CHURN_SUM_LOST		2
#define CHURN_SUM_SQ		3

/* The counts of a summary, whatever its layout. */
typedef struct ChurnCounts
{
	int64		at_risk;		/* customers active at the period's start */
	int64		lost;			/* of those, not active at its end */
	int64		new_customers;	/* started strictly inside the period */
} ChurnCounts;

/* A 40-bit little-endian count. */
static inline int64
churn_unpack(const uint8 *bytes)
{
	return (int64) bytes[0] | ((int64) bytes[1] << 8) | ((int64) bytes[2] << 16) |
		((int64) bytes[3] << 24) | ((int64) bytes[4] << 32);
}

/* Store a count of 0 .. 2^40 - 1 in 40 bits, little-endian. */
static inline void
churn_pack(uint8 *bytes, int64 value)
{
	bytes[0] = (uint8) value;
	bytes[1] = (uint8) (value >> 8);
	bytes[2] = (uint8) (value >> 16);
	bytes[3] = (uint8) (value >> 24);
	bytes[4] = (uint8) (value >> 32);
}

/* Whether a summary is in the version-2 (revenue) layout. */
static inline bool
churn_is_packed(const ChurnSummary *summary)
{
	return summary->version == CHURN_VERSION_REVENUE;
}

/*
 * Whether a summary keeps the lost customers' squared revenue: a revenue
 * summary of version 2 that no version-1 value went into.
 */
static inline bool
churn_has_lost_squares(const ChurnSummary *summary)
{
	return churn_is_packed(summary) &&
		(summary->flags & CHURN_FLAG_NO_LOST_SQUARES) == 0;
}

/* The counts of a summary. */
static inline void
churn_get_counts(const ChurnSummary *summary, ChurnCounts *counts)
{
	if (churn_is_packed(summary))
	{
		counts->at_risk = churn_unpack(summary->packed_at_risk);
		counts->lost = churn_unpack(summary->counts.packed.lost);
		counts->new_customers = churn_unpack(summary->counts.packed.new_customers);
	}
	else
	{
		counts->at_risk = summary->counts.wide.at_risk;
		counts->lost = summary->counts.wide.lost;
		counts->new_customers = summary->counts.wide.new_customers;
	}
}

/*
 * Report a count too large for a revenue summary (version 2 holds 40 bits
 * of each), rather than let it wrap.
 */
static void
churn_packed_count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("number of customers in a revenue churn summary is out of range"),
			 errhint("A revenue churn summary counts at most 1099511627775 (2^40 - 1) customers of each kind; split the customers into groups and report them apart.")));
}

/*
 * Set the counts of a summary (>= 0; a version-2 summary's each below
 * 2^40, else an error).
 */
static inline void
churn_set_counts(ChurnSummary *summary, const ChurnCounts *counts)
{
	if (churn_is_packed(summary))
	{
		if (unlikely(counts->at_risk > CHURN_MAX_PACKED_COUNT ||
					 counts->lost > CHURN_MAX_PACKED_COUNT ||
					 counts->new_customers > CHURN_MAX_PACKED_COUNT))
			churn_packed_count_overflow();
		churn_pack(summary->packed_at_risk, counts->at_risk);
		churn_pack(summary->counts.packed.lost, counts->lost);
		churn_pack(summary->counts.packed.new_customers, counts->new_customers);
	}
	else
	{
		summary->counts.wide.at_risk = counts->at_risk;
		summary->counts.wide.lost = counts->lost;
		summary->counts.wide.new_customers = counts->new_customers;
	}
}

/*
 * Move a version-1 revenue summary (as extension 1.0 stored it) into the
 * version-2 layout in place, marked CHURN_FLAG_NO_LOST_SQUARES, before it
 * is updated: a state that revenue and summaries are added to is always of
 * version 2, so that a window keeps its four sums at one place.
 */
static void
churn_make_packed(ChurnSummary *summary)
{
	ChurnCounts counts;

	if (churn_is_packed(summary) || !(summary->flags & CHURN_FLAG_REVENUE))
		return;
	churn_get_counts(summary, &counts);
	summary->version = CHURN_VERSION_REVENUE;
	memset(&summary->counts, 0, sizeof(summary->counts));
	churn_set_counts(summary, &counts);
	summary->flags |= CHURN_FLAG_NO_LOST_SQUARES;
}

static const SummaryType churn_type;

/* The bounds of one range argument, as 64-bit integers. */
typedef struct ChurnRange
{
	ChurnPeriodType type;		/* which range type it is */
	bool		empty;			/* the empty range */
	bool		lower_infinite; /* no lower bound */
	bool		upper_infinite; /* no upper bound */
	bool		lower_inclusive;	/* lower bound belongs to the range */
	bool		upper_inclusive;	/* upper bound belongs to the range */
	int64		lower;			/* lower bound (if finite) */
	int64		upper;			/* upper bound (if finite) */
} ChurnRange;

/*
 * fn_extra of a transition function: the range type's cache entry, and the
 * last period read, since the period is usually the same on every row.
 */
typedef struct ChurnRangeCache
{
	Oid			range_type;		/* type the entry is for */
	TypeCacheEntry *typcache;	/* its type cache entry */
	char	   *period_bytes;	/* the last period argument as it came */
	Size		period_length;	/* its length in bytes (0: none yet) */
	ChurnRange	period;			/* its bounds */
} ChurnRangeCache;

static const char *const churn_period_type_names[] = {
	[CHURN_PERIOD_UNSET] = "none",
	[CHURN_PERIOD_TSTZ] = "tstzrange",
	[CHURN_PERIOD_TS] = "tsrange",
	[CHURN_PERIOD_DATE] = "daterange"
};

/* Read the bounds of range argument argno. */
static void
churn_range_arg(FunctionCallInfo fcinfo, int argno, ChurnRange *out)
{
	RangeType  *range = PG_GETARG_RANGE_P(argno);
	Oid			range_type = RangeTypeGetOid(range);
	ChurnRangeCache *cache = (ChurnRangeCache *) fcinfo->flinfo->fn_extra;
	RangeBound	lower;
	RangeBound	upper;

	if (cache == NULL || cache->range_type != range_type)
	{
		if (cache == NULL)
			cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ChurnRangeCache));
		cache->range_type = range_type;
		cache->typcache = lookup_type_cache(range_type, TYPECACHE_RANGE_INFO);
		fcinfo->flinfo->fn_extra = cache;
	}
	range_deserialize(cache->typcache, range, &lower, &upper, &out->empty);
	switch (range_type)
	{
		case TSTZRANGEOID:
			out->type = CHURN_PERIOD_TSTZ;
			break;
		case TSRANGEOID:
			out->type = CHURN_PERIOD_TS;
			break;
		case DATERANGEOID:
			out->type = CHURN_PERIOD_DATE;
			break;
		default:
			elog(ERROR, "churn functions do not take ranges of type %u", range_type);
	}
	out->lower_infinite = out->empty || lower.infinite;
	out->upper_infinite = out->empty || upper.infinite;
	out->lower_inclusive = lower.inclusive;
	out->upper_inclusive = upper.inclusive;
	if (out->type == CHURN_PERIOD_DATE)
	{
		out->lower = out->lower_infinite ? 0 : DatumGetDateADT(lower.val);
		out->upper = out->upper_infinite ? 0 : DatumGetDateADT(upper.val);
	}
	else
	{
		out->lower = out->lower_infinite ? 0 : DatumGetTimestamp(lower.val);
		out->upper = out->upper_infinite ? 0 : DatumGetTimestamp(upper.val);
	}
}

/*
 * Read the period argument argno, reusing the bounds of the previous row's
 * period when its bytes are the same.
 */
static void
churn_period_arg(FunctionCallInfo fcinfo, int argno, ChurnRange *out)
{
	struct varlena *raw = (struct varlena *) PG_GETARG_POINTER(argno);
	ChurnRangeCache *cache = (ChurnRangeCache *) fcinfo->flinfo->fn_extra;
	Size		length;

	if (VARATT_IS_EXTENDED(raw) && !VARATT_IS_SHORT(raw))
	{
		/* toasted: not worth caching */
		churn_range_arg(fcinfo, argno, out);
		return;
	}
	length = VARSIZE_ANY(raw);
	if (cache != NULL && cache->period_length == length &&
		memcmp(cache->period_bytes, raw, length) == 0)
	{
		*out = cache->period;
		return;
	}
	churn_range_arg(fcinfo, argno, out);
	cache = (ChurnRangeCache *) fcinfo->flinfo->fn_extra;
	if (length > cache->period_length)
	{
		if (cache->period_bytes != NULL)
			pfree(cache->period_bytes);
		cache->period_bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, length);
	}
	memcpy(cache->period_bytes, raw, length);
	cache->period_length = length;
	cache->period = *out;
}

/* Whether a value of the range's type lies in the range. */
static inline bool
churn_range_contains(const ChurnRange *range, int64 value)
{
	if (range->empty)
		return false;
	if (!range->lower_infinite &&
		(value < range->lower || (value == range->lower && !range->lower_inclusive)))
		return false;
	if (!range->upper_infinite &&
		(value > range->upper || (value == range->upper && !range->upper_inclusive)))
		return false;
	return true;
}

/*
 * Append a period bound in ISO 8601, independent of DateStyle and (for
 * timestamptz, written in UTC) of TimeZone, so the text form reads back the
 * same everywhere.
 */
void
churn_append_bound(StringInfo buf, ChurnPeriodType type, int64 value)
{
	struct pg_tm tm;
	fsec_t		fsec;
	char		text[MAXDATELEN + 1];

	if (type == CHURN_PERIOD_DATE)
	{
		j2date((int) value + POSTGRES_EPOCH_JDATE, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
		EncodeDateOnly(&tm, USE_ISO_DATES, text);
	}
	else
	{
		if (timestamp2tm((Timestamp) value, NULL, &tm, &fsec, NULL, NULL) != 0)
			elog(ERROR, "churn period bound out of range");
		/* without a zone timestamp2tm marks the zone unknown; this is UTC */
		tm.tm_isdst = 0;
		EncodeDateTime(&tm, fsec, type == CHURN_PERIOD_TSTZ, 0, NULL, USE_ISO_DATES, text);
	}
	appendStringInfoString(buf, text);
}

/* One period bound as text, for messages. */
static char *
churn_bound_text(ChurnPeriodType type, int64 value)
{
	StringInfoData buf;

	initStringInfo(&buf);
	churn_append_bound(&buf, type, value);
	return buf.data;
}

/* The period of a summary as text, for messages: [start, end). */
static char *
churn_period_text(ChurnPeriodType type, int64 start, int64 end)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	churn_append_bound(&buf, type, start);
	appendStringInfoString(&buf, ", ");
	churn_append_bound(&buf, type, end);
	appendStringInfoChar(&buf, ')');
	return buf.data;
}

/* What can be wrong with a stored period (see churn_period_check). */
typedef enum ChurnPeriodCheck
{
	CHURN_PERIOD_VALID,			/* a period a summary can have */
	CHURN_PERIOD_BAD_TYPE,		/* not tstzrange, tsrange or daterange */
	CHURN_PERIOD_NOT_FINITE,	/* a bound infinite or beyond its type */
	CHURN_PERIOD_NOT_INCREASING /* start not before end */
} ChurnPeriodCheck;

/*
 * The one rule for the period of a summary: of a known range type, finite
 * bounds within the range of that type, start strictly before end.  The
 * aggregates and both input functions apply it alike, so that whatever an
 * aggregate stores reads back in (COPY, pg_dump and pg_restore).
 */
static ChurnPeriodCheck
churn_period_check(int type, int64 start, int64 end)
{
	if (type < CHURN_PERIOD_TSTZ || type > CHURN_PERIOD_DATE)
		return CHURN_PERIOD_BAD_TYPE;
	if (type == CHURN_PERIOD_DATE ?
		!(IS_VALID_DATE(start) && IS_VALID_DATE(end)) :
		!(IS_VALID_TIMESTAMP(start) && IS_VALID_TIMESTAMP(end)))
		return CHURN_PERIOD_NOT_FINITE;
	if (start >= end)
		return CHURN_PERIOD_NOT_INCREASING;
	return CHURN_PERIOD_VALID;
}

/*
 * Check a period argument of an aggregate: not empty, bounded on both
 * sides, and then the rule of churn_period_check.
 */
static void
churn_check_period(const ChurnRange *period)
{
	if (period->empty)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn period must not be empty"),
				 errhint("Give the period as a range with a start before its end, such as '[2026-01-01,2026-02-01)'.")));
	if (period->lower_infinite || period->upper_infinite ||
		churn_period_check(period->type, period->lower, period->upper) == CHURN_PERIOD_NOT_FINITE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn period must be bounded"),
				 errhint("Give the period as a range with a finite start and end, such as '[2026-01-01,2026-02-01)'.")));
	/* a range such as [t, t] is not empty, but has no time between its ends */
	if (churn_period_check(period->type, period->lower, period->upper) != CHURN_PERIOD_VALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn period must start before it ends"),
				 errdetail("The period's lower and upper bounds are both %s.",
						   churn_bound_text(period->type, period->lower)),
				 errhint("Give the period as a range with a start before its end, such as '[2026-01-01,2026-02-01)'.")));
}

/*
 * Reject revenue that is not a finite number >= 0: the rule of every
 * revenue argument (churn, timelines, retention).
 */
void
churn_check_revenue_finite(double revenue)
{
	if (isnan(revenue) || isinf(revenue) || revenue < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("revenue %s is not a finite number greater than or equal to 0",
						float8out_internal(revenue)),
				 errhint("Revenue is a finite amount of money per customer, such as monthly recurring revenue.")));
}

/*
 * Reject revenue that is not a finite number >= 0, or whose square a
 * churn summary's statistics cannot take.
 */
void
churn_check_revenue(double revenue)
{
	churn_check_revenue_finite(revenue);
	/* the statistics need the squared revenue, which must not underflow */
	if (revenue > 0 && revenue < CHURN_MIN_REVENUE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("revenue %s is too small", float8out_internal(revenue)),
				 errdetail("Its square underflows double precision, so the effective sample size could not be computed."),
				 errhint("Use 0 or revenue of at least 1e-150, in a unit such as cents or dollars.")));
}

/* Report a revenue sum that overflowed double precision. */
static void
churn_check_revenue_sums(const ChurnSummary *state)
{
	if (isinf(state->revenue_at_start) || isinf(state->revenue_lost) ||
		isinf(state->sum_sq_revenue) ||
		(churn_is_packed(state) && isinf(state->counts.packed.sum_sq_lost)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum of revenue is out of range for type double precision"),
				 errhint("Use revenue in a larger unit, such as thousands.")));
}

/*
 * Fill in a new, zeroed summary (SummaryType.init); arg points to a bool,
 * whether it weighs customers by revenue (NULL: not known yet, as for a
 * roll-up, which takes it from its first summary).  A revenue summary is
 * of version 2, any other of version 1.
 */
static void
churn_init(void *value, const void *arg)
{
	ChurnSummary *state = (ChurnSummary *) value;

	state->version = CHURN_VERSION_WIDE;
	if (arg != NULL && *(const bool *) arg)
	{
		state->version = CHURN_VERSION_REVENUE;
		state->flags |= CHURN_FLAG_REVENUE;
	}
}

/*
 * The state of a transition function, updated in place (see
 * summary_kernel.h); a version-1 revenue summary given as the state of a
 * direct call is first moved to the version-2 layout.
 */
static ChurnSummary *
churn_state_for_update(FunctionCallInfo fcinfo, bool revenue)
{
	ChurnSummary *state = (ChurnSummary *) summary_state_for_update(fcinfo, &churn_type,
																	 &revenue);

	if (unlikely((state->flags & CHURN_FLAG_REVENUE) && !churn_is_packed(state)))
		churn_make_packed(state);
	return state;
}

/*
 * Where the doubles a window keeps exactly are (SummaryType.kept_sums):
 * four from the lost customers' squares in version 2, three from the
 * revenue at start in version 1 (zero for customer counts).  A roll-up's
 * state changes layout only while it holds nothing (see churn_restart).
 */
static int
churn_kept_sums(const void *value, Size *offset)
{
	if (churn_is_packed((const ChurnSummary *) value))
	{
		*offset = offsetof(ChurnSummary, counts.packed.sum_sq_lost);
		return 4;
	}
	*offset = offsetof(ChurnSummary, revenue_at_start);
	return 3;
}

/*
 * The format version a summary is written in (SummaryType.version_of): 2
 * for a revenue summary with the lost customers' squares, else 1.
 */
static uint8
churn_version_of(const void *value)
{
	return churn_has_lost_squares((const ChurnSummary *) value) ?
		CHURN_VERSION_REVENUE : CHURN_VERSION_WIDE;
}

/*
 * Forget the lost customers' squares of a version-2 state that a summary
 * without them (version 1) joins: the result is a version-1 value, whose
 * statistics use Kish's effective n.  A window state forgets their exact
 * sum too; the state keeps the flag until its frame restarts, since a
 * version-1 summary leaving the frame makes PostgreSQL recompute it.
 */
static void
churn_drop_lost_squares(ChurnSummary *state)
{
	if (!churn_has_lost_squares(state))
		return;
	state->flags |= CHURN_FLAG_NO_LOST_SQUARES;
	state->counts.packed.sum_sq_lost = 0.0;
	if (state->flags & CHURN_FLAG_WINDOW)
		exact_sum_init(&summary_window_base(&churn_type, state)->sums[CHURN_SUM_SQ_LOST]);
}

/*
 * Clear a window state whose frame has emptied, before a row enters again
 * (SummaryType.restart; the kernel clears the revenue sums): a roll-up may
 * next take a summary of another period.
 */
static void
churn_restart(void *value)
{
	ChurnSummary *state = (ChurnSummary *) value;

	state->period_type = CHURN_PERIOD_UNSET;
	state->period_start = 0;
	state->period_end = 0;
	memset(state->packed_at_risk, 0, sizeof(state->packed_at_risk));
	memset(&state->counts, 0, sizeof(state->counts));
	state->flags &= ~CHURN_FLAG_NO_LOST_SQUARES;
}

/*
 * Add sign times the revenue amounts to a version-2 state: exactly as well
 * for a window state (see summary_add_sum).  The lost customers' squares
 * only while the state keeps them.
 */
static void
churn_add_revenue(ChurnSummary *state, double at_start, double lost,
				  double sum_sq, double sum_sq_lost, int sign)
{
	Assert(churn_is_packed(state));
	summary_add_sum(&churn_type, state, CHURN_SUM_AT_START, sign * at_start);
	summary_add_sum(&churn_type, state, CHURN_SUM_LOST, sign * lost);
	summary_add_sum(&churn_type, state, CHURN_SUM_SQ, sign * sum_sq);
	if (churn_has_lost_squares(state))
		summary_add_sum(&churn_type, state, CHURN_SUM_SQ_LOST, sign * sum_sq_lost);
	churn_check_revenue_sums(state);
}

/*
 * Set the state's period from the first row, or check that a later row's
 * period is the same one.
 */
static void
churn_use_period(ChurnSummary *state, const ChurnRange *period)
{
	churn_check_period(period);
	/* a window whose rows all left starts afresh with the next row's period */
	summary_window_count(&churn_type, state, 1);
	if (state->period_type == CHURN_PERIOD_UNSET)
	{
		state->period_type = (uint8) period->type;
		state->period_start = period->lower;
		state->period_end = period->upper;
		return;
	}
	if (state->period_type != period->type ||
		state->period_start != period->lower || state->period_end != period->upper)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot aggregate churn over different periods"),
				 errdetail("Rows for the period %s meet rows for the period %s.",
						   churn_period_text(state->period_type, state->period_start,
											 state->period_end),
						   churn_period_text(period->type, period->lower, period->upper)),
				 errhint("Churn over a quarter is not the sum of three months: group by the period, or compute each period on its own.")));
}

/*
 * Report a customer count beyond bigint, rather than let it wrap: every
 * path that adds counts (transition, combine, +, roll-up, window) ends
 * here on overflow.
 */
static void
churn_count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("number of customers in a churn summary is out of range for type bigint"),
			 errhint("A churn summary counts at most 9223372036854775807 customers of each kind; split the customers into groups and report them apart.")));
}

/*
 * Whether a customer not active at the period's start is new: active at
 * some time strictly between the period's start and end, that is, active
 * && (start, end).  Not being active at start, a lifetime lies wholly
 * before start or wholly after it; after it (a lower bound past start, or
 * at start and exclusive), it meets (start, end) when it begins before end.
 */
static inline bool
churn_joined_during(const ChurnRange *active, int64 start, int64 end)
{
	return !active->empty && !active->lower_infinite &&
		active->lower >= start && active->lower < end;
}

/*
 * Classify one customer for the state's period and add (sign = 1) or
 * remove (sign = -1) it.  Returns false when a window state's revenue sums
 * are no longer exact (the caller then asks for the frame to be
 * recomputed).
 */
static bool
churn_count_customer(ChurnSummary *state, const ChurnRange *active,
					 double revenue, int sign)
{
	ChurnCounts counts;

	if (churn_range_contains(active, state->period_start))
	{
		bool		lost = !churn_range_contains(active, state->period_end);

		churn_get_counts(state, &counts);
		/* lost <= at_risk: if at_risk does not overflow, lost does not */
		if (unlikely(pg_add_s64_overflow(counts.at_risk, sign, &counts.at_risk)))
			churn_count_overflow();
		if (lost)
			counts.lost += sign;
		if (counts.at_risk < 0 || counts.lost < 0)
			elog(ERROR, "inverse transition removed a customer that was never added");
		churn_set_counts(state, &counts);
		if (state->flags & CHURN_FLAG_REVENUE)
		{
			double		square = revenue * revenue;

			churn_add_revenue(state, revenue, lost ? revenue : 0.0, square,
							  lost ? square : 0.0, sign);
		}
	}
	else if (churn_joined_during(active, state->period_start, state->period_end))
	{
		churn_get_counts(state, &counts);
		if (unlikely(pg_add_s64_overflow(counts.new_customers, sign, &counts.new_customers)))
			churn_count_overflow();
		if (counts.new_customers < 0)
			elog(ERROR, "inverse transition removed a customer that was never added");
		churn_set_counts(state, &counts);
	}
	return (state->flags & CHURN_FLAG_INEXACT) == 0;
}

/*
 * The result of a transition function for a skipped row: the state, or
 * NULL from a direct call that has counted nothing (a summary without a
 * period has no text form).
 */
static Datum
churn_skip_row(FunctionCallInfo fcinfo, ChurnSummary *state)
{
	if (state->period_type == CHURN_PERIOD_UNSET && !AggCheckCallContext(fcinfo, NULL))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(churn_trans);
/*
 * churn_trans
 *		Add one customer (active, period); rows with a NULL range are
 *		skipped.  Serves tstzrange, tsrange and daterange.
 */
Datum
churn_trans(PG_FUNCTION_ARGS)
{
	ChurnSummary *state = churn_state_for_update(fcinfo, false);
	ChurnRange	active;
	ChurnRange	period;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return churn_skip_row(fcinfo, state);
	churn_period_arg(fcinfo, 2, &period);
	churn_use_period(state, &period);
	churn_range_arg(fcinfo, 1, &active);
	churn_count_customer(state, &active, 0.0, 1);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(churn_trans_revenue);
/*
 * churn_trans_revenue
 *		Add one customer weighted by revenue; a NULL revenue skips the row.
 */
Datum
churn_trans_revenue(PG_FUNCTION_ARGS)
{
	ChurnSummary *state = churn_state_for_update(fcinfo, true);
	ChurnRange	active;
	ChurnRange	period;
	double		revenue;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		return churn_skip_row(fcinfo, state);
	revenue = PG_GETARG_FLOAT8(3);
	churn_check_revenue(revenue);
	churn_period_arg(fcinfo, 2, &period);
	churn_use_period(state, &period);
	churn_range_arg(fcinfo, 1, &active);
	churn_count_customer(state, &active, revenue + 0.0, 1);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(churn_inv);
/*
 * churn_inv
 *		Remove one customer from a window state.
 */
Datum
churn_inv(PG_FUNCTION_ARGS)
{
	ChurnSummary *state = (ChurnSummary *) window_inverse_state(fcinfo);
	ChurnRange	active;

	if (state == NULL)
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(state);
	churn_range_arg(fcinfo, 1, &active);
	summary_window_count(&churn_type, state, -1);
	churn_count_customer(state, &active, 0.0, -1);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(churn_inv_revenue);
/*
 * churn_inv_revenue
 *		Remove one revenue-weighted customer; NULL when the revenue sums
 *		cannot be reduced exactly.
 */
Datum
churn_inv_revenue(PG_FUNCTION_ARGS)
{
	ChurnSummary *state = (ChurnSummary *) window_inverse_state(fcinfo);
	ChurnRange	active;

	if (state == NULL)
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_POINTER(state);
	churn_range_arg(fcinfo, 1, &active);
	summary_window_count(&churn_type, state, -1);
	if (!churn_count_customer(state, &active, PG_GETARG_FLOAT8(3) + 0.0, -1))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

/*
 * Check that two summaries can be used together: both with revenue or
 * both without (a customer churn rate and a revenue churn rate are not the
 * same measure), and when same_period is set (adding them), the same
 * period.  The one check of +, the combine and roll-ups, and p_value, so
 * that they refuse a pair with the same error.  A state that has seen no
 * row fits anything.
 */
static void
churn_check_compatible(const ChurnSummary *a, const ChurnSummary *b, bool same_period)
{
	if (a->period_type == CHURN_PERIOD_UNSET || b->period_type == CHURN_PERIOD_UNSET)
		return;
	if (same_period &&
		(a->period_type != b->period_type ||
		 a->period_start != b->period_start || a->period_end != b->period_end))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine churn summaries of different periods"),
				 errdetail("One summary is for %s, the other for %s.",
						   churn_period_text(a->period_type, a->period_start, a->period_end),
						   churn_period_text(b->period_type, b->period_start, b->period_end)),
				 errhint("Churn over a quarter is not the sum of three months: combine summaries of the same period only.")));
	if ((a->flags & CHURN_FLAG_REVENUE) != (b->flags & CHURN_FLAG_REVENUE))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine churn summaries with and without revenue"),
				 errhint("Build all the summaries with churn_summary(active, period, revenue), or all without revenue.")));
}

/*
 * target += sign * source (SummaryType.add); false when a window state
 * turned inexact, or would lose a version-1 summary (its frame is then
 * recomputed: the state cannot know whether another one remains).
 *
 * A revenue target is of version 2, made so here if it is a copy of a
 * version-1 value (a + b); a source of version 1 makes it forget the lost
 * customers' squares, so that the result is the version-1 value it stands
 * for.  The source is read in either layout.
 */
static bool
churn_add_summary(void *target_value, const void *source_value, int sign)
{
	ChurnSummary *target = (ChurnSummary *) target_value;
	const ChurnSummary *source = (const ChurnSummary *) source_value;
	ChurnCounts target_counts;
	ChurnCounts source_counts;

	churn_check_compatible(target, source, true);
	if (source->period_type == CHURN_PERIOD_UNSET)
		return true;
	if (target->period_type == CHURN_PERIOD_UNSET)
	{
		/* nothing in it yet, its sums all zero: it takes the source's layout */
		target->period_type = source->period_type;
		target->period_start = source->period_start;
		target->period_end = source->period_end;
		target->flags = (target->flags & ~CHURN_STORED_FLAGS) |
			(source->flags & CHURN_FLAG_REVENUE);
		target->version = (source->flags & CHURN_FLAG_REVENUE) ?
			CHURN_VERSION_REVENUE : CHURN_VERSION_WIDE;
	}
	churn_make_packed(target);
	if ((source->flags & CHURN_FLAG_REVENUE) && !churn_has_lost_squares(source))
	{
		if (sign < 0)
			return false;
		churn_drop_lost_squares(target);
	}
	churn_get_counts(target, &target_counts);
	churn_get_counts(source, &source_counts);
	/* counts are >= 0, so sign * count cannot overflow */
	if (pg_add_s64_overflow(target_counts.at_risk, sign * source_counts.at_risk,
							&target_counts.at_risk) ||
		pg_add_s64_overflow(target_counts.lost, sign * source_counts.lost,
							&target_counts.lost) ||
		pg_add_s64_overflow(target_counts.new_customers, sign * source_counts.new_customers,
							&target_counts.new_customers))
		churn_count_overflow();
	if (target_counts.at_risk < 0 || target_counts.lost < 0 || target_counts.new_customers < 0)
		elog(ERROR, "inverse transition removed customers that were never added");
	churn_set_counts(target, &target_counts);
	if (target->flags & CHURN_FLAG_REVENUE)
		churn_add_revenue(target, source->revenue_at_start, source->revenue_lost,
						  source->sum_sq_revenue,
						  churn_has_lost_squares(source) ? source->counts.packed.sum_sq_lost : 0.0,
						  sign);
	return (target->flags & CHURN_FLAG_INEXACT) == 0;
}

/*
 * Text form
 * ---------
 *	 {"version": 1, "period_type": "daterange",
 *	  "period": ["2026-01-01", "2026-02-01"],
 *	  "customers_at_start": 120, "customers_lost": 9, "customers_new": 14}
 *
 * plus, for revenue summaries, "revenue_at_start", "revenue_lost" and
 * "sum_sq_revenue" (shortest exact doubles); version 2, the form of a
 * revenue summary that keeps the lost customers' squared revenue, adds
 * "sum_sq_revenue_lost".  Period bounds are ISO 8601; a tstzrange period
 * is written in UTC.
 */

/* Keys of the text form, as bits for "seen". */
#define CHURN_KEY_VERSION		0x001
#define CHURN_KEY_PERIOD_TYPE	0x002
#define CHURN_KEY_PERIOD		0x004
#define CHURN_KEY_AT_START		0x008
#define CHURN_KEY_LOST			0x010
#define CHURN_KEY_NEW			0x020
#define CHURN_KEY_REVENUE_START 0x040
#define CHURN_KEY_REVENUE_LOST	0x080
#define CHURN_KEY_SUM_SQ		0x100
#define CHURN_KEY_SUM_SQ_LOST	0x200
#define CHURN_KEYS_REVENUE		(CHURN_KEY_REVENUE_START | CHURN_KEY_REVENUE_LOST | CHURN_KEY_SUM_SQ)

/* The keys, in the order of their bits (CHURN_KEY_* is 1 << index). */
static const char *const churn_text_keys[] = {
	"version", "period_type", "period", "customers_at_start", "customers_lost",
	"customers_new", "revenue_at_start", "revenue_lost", "sum_sq_revenue",
	"sum_sq_revenue_lost", NULL
};

/*
 * Read between min_digits and max_digits decimal digits at *pos into
 * *value, advancing *pos; false (nothing consumed) when there are fewer or
 * more digits than that.
 */
static bool
churn_read_digits(const char **pos, int min_digits, int max_digits, int *value)
{
	const char *p = *pos;
	int			result = 0;

	while (*p >= '0' && *p <= '9')
	{
		if (p - *pos == max_digits)
			return false;
		result = result * 10 + (*p - '0');
		p++;
	}
	if (p - *pos < min_digits)
		return false;
	*pos = p;
	*value = result;
	return true;
}

/* Consume the literal text at *pos, or return false. */
static bool
churn_read_literal(const char **pos, const char *literal)
{
	size_t		length = strlen(literal);

	if (strncmp(*pos, literal, length) != 0)
		return false;
	*pos += length;
	return true;
}

/* Report a period bound that is not in the form the output writes. */
static void
churn_bound_form_error(TextParser *parser, ChurnPeriodType type, const char *text,
					   const char *stop)
{
	static const char *const forms[] = {
		[CHURN_PERIOD_TSTZ] = "an ISO 8601 timestamp in UTC, YYYY-MM-DD HH:MM:SS[.ffffff]+00",
		[CHURN_PERIOD_TS] = "an ISO 8601 timestamp, YYYY-MM-DD HH:MM:SS[.ffffff]",
		[CHURN_PERIOD_DATE] = "an ISO 8601 date, YYYY-MM-DD"
	};

	if (*stop == '\0')
		text_content_error(parser,
						   psprintf("Period bound \"%s\" is not %s (\" BC\" after years before 1), as the output writes it: it ends too early.",
									text, forms[type]));
	text_content_error(parser,
					   psprintf("Period bound \"%s\" is not %s (\" BC\" after years before 1), as the output writes it: \"%s\" is unexpected.",
								text, forms[type], stop));
}

/*
 * Parse one period bound of the given type.  Only the form the output
 * writes (churn_append_bound) is accepted, read here digit by digit:
 *
 *	 YYYY-MM-DD							daterange
 *	 YYYY-MM-DD HH:MM:SS[.ffffff]		tsrange
 *	 YYYY-MM-DD HH:MM:SS[.ffffff]+00	tstzrange (UTC)
 *
 * each followed by " BC" for years before 1, the year in four digits or
 * more (no leading zero beyond four), fractional seconds without trailing
 * zeros.  Nothing depends on DateStyle, TimeZone or the clock, as an
 * immutable input function must not, and each value has one text form.
 */
int64
churn_parse_bound(TextParser *parser, ChurnPeriodType type, const char *text)
{
	const char *pos = text;
	const char *field;
	const char *day_text = NULL;
	const char *bad_field = NULL;
	int			year = 0;
	int			month = 0;
	int			day = 0;
	int			hour = 0;
	int			minute = 0;
	int			second = 0;
	int			fraction = 0;
	fsec_t		fsec = 0;
	struct pg_tm tm;

	/* the year: 4 digits, or up to 7 (the date range) without a leading 0 */
	if (!churn_read_digits(&pos, 4, 7, &year) || (pos - text > 4 && text[0] == '0'))
		churn_bound_form_error(parser, type, text, text);
	if (!churn_read_literal(&pos, "-"))
		churn_bound_form_error(parser, type, text, pos);
	field = pos;
	if (!churn_read_digits(&pos, 2, 2, &month))
		churn_bound_form_error(parser, type, text, pos);
	if (month < 1 || month > 12)
		bad_field = bad_field ? bad_field : pnstrdup(field, 2);
	if (!churn_read_literal(&pos, "-"))
		churn_bound_form_error(parser, type, text, pos);
	day_text = pos;
	if (!churn_read_digits(&pos, 2, 2, &day))
		churn_bound_form_error(parser, type, text, pos);
	if (day < 1)
		bad_field = bad_field ? bad_field : pnstrdup(day_text, 2);
	if (type != CHURN_PERIOD_DATE)
	{
		if (!churn_read_literal(&pos, " "))
			churn_bound_form_error(parser, type, text, pos);
		field = pos;
		if (!churn_read_digits(&pos, 2, 2, &hour))
			churn_bound_form_error(parser, type, text, pos);
		if (hour > 23)
			bad_field = bad_field ? bad_field : pnstrdup(field, 2);
		if (!churn_read_literal(&pos, ":"))
			churn_bound_form_error(parser, type, text, pos);
		field = pos;
		if (!churn_read_digits(&pos, 2, 2, &minute))
			churn_bound_form_error(parser, type, text, pos);
		if (minute > 59)
			bad_field = bad_field ? bad_field : pnstrdup(field, 2);
		if (!churn_read_literal(&pos, ":"))
			churn_bound_form_error(parser, type, text, pos);
		field = pos;
		if (!churn_read_digits(&pos, 2, 2, &second))
			churn_bound_form_error(parser, type, text, pos);
		/* the output never writes a leap second, nor does PostgreSQL store one */
		if (second > 59)
			bad_field = bad_field ? bad_field : pnstrdup(field, 2);
		if (churn_read_literal(&pos, "."))
		{
			const char *digits = pos;
			int			i;

			if (!churn_read_digits(&pos, 1, 6, &fraction) || pos[-1] == '0')
				churn_bound_form_error(parser, type, text, digits);
			fsec = fraction;
			for (i = pos - digits; i < 6; i++)
				fsec *= 10;
		}
		if (type == CHURN_PERIOD_TSTZ && !churn_read_literal(&pos, "+00"))
			churn_bound_form_error(parser, type, text, pos);
	}
	if (churn_read_literal(&pos, " BC"))
	{
		if (year == 0)
			bad_field = bad_field ? bad_field : pnstrdup(text, 4);
		year = 1 - year;		/* 1 BC is year 0 */
	}
	else if (year == 0)
		bad_field = bad_field ? bad_field : pnstrdup(text, 4);
	if (*pos != '\0')
		churn_bound_form_error(parser, type, text, pos);
	if (bad_field == NULL && day > day_tab[isleap(year)][month - 1])
		bad_field = pnstrdup(day_text, 2);
	if (bad_field != NULL)
		text_content_error(parser,
						   psprintf("Period bound \"%s\" is not a valid %s: field \"%s\" is out of range.",
									text, type == CHURN_PERIOD_DATE ? "date" : "timestamp",
									bad_field));

	/* in range of the type? (the period check then says which rule fails) */
	if (!IS_VALID_JULIAN(year, month, day))
		text_content_error(parser,
						   psprintf("Period bound \"%s\" is out of range for type %s.",
									text, type == CHURN_PERIOD_DATE ? "date" : "timestamp"));
	if (type == CHURN_PERIOD_DATE)
	{
		int64		value = (int64) date2j(year, month, day) - POSTGRES_EPOCH_JDATE;

		if (!IS_VALID_DATE(value))
			text_content_error(parser,
							   psprintf("Period bound \"%s\" is out of range for type date.", text));
		return value;
	}
	else
	{
		Timestamp	value;

		memset(&tm, 0, sizeof(tm));
		tm.tm_year = year;
		tm.tm_mon = month;
		tm.tm_mday = day;
		tm.tm_hour = hour;
		tm.tm_min = minute;
		tm.tm_sec = second;
		/* no time zone: the wall-clock time of a tstzrange bound is UTC */
		if (tm2timestamp(&tm, fsec, NULL, &value) != 0)
			text_content_error(parser,
							   psprintf("Period bound \"%s\" is out of range for type timestamp.", text));
		return value;
	}
}

/*
 * Check a summary from outside (text or binary input); NULL when valid,
 * else a sentence saying what is wrong.
 */
static char *
churn_check_content(const void *value)
{
	const ChurnSummary *summary = (const ChurnSummary *) value;
	ChurnCounts counts;

	switch (churn_period_check(summary->period_type, summary->period_start,
							   summary->period_end))
	{
		case CHURN_PERIOD_VALID:
			break;
		case CHURN_PERIOD_BAD_TYPE:
			return psprintf("Period type %d is not tstzrange (1), tsrange (2) or daterange (3).",
							summary->period_type);
		case CHURN_PERIOD_NOT_FINITE:
			return pstrdup("The period must have finite bounds within the range of its type.");
		case CHURN_PERIOD_NOT_INCREASING:
			return pstrdup("The period must start before it ends.");
	}
	churn_get_counts(summary, &counts);
	if (counts.at_risk < 0 || counts.lost < 0 || counts.new_customers < 0)
		return pstrdup("Customer counts must not be negative.");
	if (counts.lost > counts.at_risk)
		return pstrdup("More customers lost than at risk at the start.");
	if (churn_is_packed(summary) && !(summary->flags & CHURN_FLAG_REVENUE))
		return pstrdup("A summary of version 2 weighs customers by revenue.");
	if (summary->flags & CHURN_FLAG_REVENUE)
	{
		double		lost_squares = churn_has_lost_squares(summary) ?
			summary->counts.packed.sum_sq_lost : 0.0;
		double		values[4] = {summary->revenue_at_start, summary->revenue_lost,
		summary->sum_sq_revenue, lost_squares};
		int			i;

		for (i = 0; i < 4; i++)
			if (isnan(values[i]) || isinf(values[i]) || values[i] < 0)
				return pstrdup("Revenue sums must be finite numbers greater than or equal to 0.");
		if (counts.at_risk == 0 && (summary->revenue_at_start != 0 || summary->sum_sq_revenue != 0))
			return pstrdup("Revenue at the start without customers at the start.");
		if (counts.lost == 0 && (summary->revenue_lost != 0 || lost_squares != 0))
			return pstrdup("Revenue lost without customers lost.");
		/* as for weights: each revenue is 0 or at least 1e-150 */
		if (summary->revenue_at_start > 0.0)
		{
			double		ratio = summary->sum_sq_revenue / summary->revenue_at_start /
			summary->revenue_at_start;

			if (summary->revenue_at_start < CHURN_MIN_REVENUE ||
				summary->revenue_lost > summary->revenue_at_start * (1.0 + 1e-6) ||
				!(summary->sum_sq_revenue > 0.0) || ratio > 1.0 + 1e-6 ||
				ratio < (1.0 - 1e-6) / (double) counts.at_risk)
				return pstrdup("The revenue sums do not fit each other and the customers at risk.");
		}
		else if (summary->sum_sq_revenue != 0 || summary->revenue_lost != 0)
			return pstrdup("The revenue sums do not fit each other and the customers at risk.");
		if (churn_has_lost_squares(summary))
		{
			/*
			 * The lost customers' squares, by the same rules as the sums of
			 * all customers at risk: nonzero with their revenue (a revenue
			 * of at least 1e-150 has a nonzero square), between (sum r)^2 /
			 * lost and (sum r)^2, and a part of the squares of all; all of
			 * them when every customer at risk was lost.
			 */
			if ((summary->revenue_lost > 0.0) != (lost_squares > 0.0))
				return pstrdup("The lost customers' revenue and squared revenue do not fit each other.");
			if (lost_squares > 0.0)
			{
				double		ratio = lost_squares / summary->revenue_lost / summary->revenue_lost;

				if (summary->revenue_lost < CHURN_MIN_REVENUE || ratio > 1.0 + 1e-6 ||
					ratio < (1.0 - 1e-6) / (double) counts.lost)
					return pstrdup("The lost customers' revenue and squared revenue do not fit each other.");
			}
			if (lost_squares > summary->sum_sq_revenue * (1.0 + 1e-6) ||
				(counts.lost == counts.at_risk &&
				 lost_squares < summary->sum_sq_revenue * (1.0 - 1e-6)))
				return pstrdup("The squared revenue of the lost customers does not fit that of the customers at risk.");
		}
	}
	else if (summary->revenue_at_start != 0 || summary->revenue_lost != 0 ||
			 summary->sum_sq_revenue != 0)
		return pstrdup("Revenue sums in a summary without revenue.");
	return NULL;
}

/* What the text reader has read so far. */
typedef struct ChurnText
{
	uint8		period_type;	/* ChurnPeriodType, once read */
	char	   *period_start;	/* the period's bounds as text, parsed once
								 * the period type is known */
	char	   *period_end;
	ChurnCounts counts;			/* the counts read */
	double		revenue_at_start;	/* the revenue sums read */
	double		revenue_lost;
	double		sum_sq_revenue;
	double		sum_sq_lost;
} ChurnText;

/* Read the value of one key (SummaryType.read_text_field). */
static void
churn_read_text_field(const SummaryType *type, TextParser *parser, int key,
					  void *scratch)
{
	ChurnText  *text = (ChurnText *) scratch;

	switch (1 << key)
	{
		case CHURN_KEY_PERIOD_TYPE:
			text->period_type = (uint8) churn_read_period_type(parser);
			break;
		case CHURN_KEY_PERIOD:
			/* parsed once the period type is known, in any key order */
			churn_read_bounds(parser, "period", &text->period_start, &text->period_end);
			break;
		case CHURN_KEY_AT_START:
			text->counts.at_risk = read_count(parser, "a count (an integer >= 0)");
			break;
		case CHURN_KEY_LOST:
			text->counts.lost = read_count(parser, "a count (an integer >= 0)");
			break;
		case CHURN_KEY_NEW:
			text->counts.new_customers = read_count(parser, "a count (an integer >= 0)");
			break;
		case CHURN_KEY_REVENUE_START:
			text->revenue_at_start = read_double(parser, "a number");
			break;
		case CHURN_KEY_REVENUE_LOST:
			text->revenue_lost = read_double(parser, "a number");
			break;
		case CHURN_KEY_SUM_SQ:
			text->sum_sq_revenue = read_double(parser, "a number");
			break;
		case CHURN_KEY_SUM_SQ_LOST:
			text->sum_sq_lost = read_double(parser, "a number");
			break;
	}
}

/*
 * Make a summary of the given format version from fields read from text
 * or binary: version 1 in its own layout (so that a value of extension 1.0
 * is stored as it was), version 2 with its counts in 40 bits.  NULL with
 * *problem set when a count does not fit that.
 */
static ChurnSummary *
churn_from_fields(const SummaryType *type, int version, uint8 period_type, uint8 flags,
				  int64 period_start, int64 period_end, const ChurnCounts *counts,
				  const double *sums, char **problem)
{
	ChurnSummary *summary = summary_new(type, CurrentMemoryContext, NULL);

	*problem = NULL;
	summary->version = (uint8) version;
	summary->period_type = period_type;
	summary->flags = flags;
	summary->period_start = period_start;
	summary->period_end = period_end;
	if (version == CHURN_VERSION_REVENUE)
	{
		if (counts->at_risk < 0 || counts->lost < 0 || counts->new_customers < 0)
		{
			*problem = pstrdup("Customer counts must not be negative.");
			return NULL;
		}
		if (counts->at_risk > CHURN_MAX_PACKED_COUNT || counts->lost > CHURN_MAX_PACKED_COUNT ||
			counts->new_customers > CHURN_MAX_PACKED_COUNT)
		{
			*problem = pstrdup("A summary of version 2 counts at most 1099511627775 (2^40 - 1) customers of each kind.");
			return NULL;
		}
		summary->counts.packed.sum_sq_lost = sums[3] + 0.0;
	}
	churn_set_counts(summary, counts);
	if (flags & CHURN_FLAG_REVENUE)
	{
		summary->revenue_at_start = sums[0] + 0.0;
		summary->revenue_lost = sums[1] + 0.0;
		summary->sum_sq_revenue = sums[2] + 0.0;
	}
	return summary;
}

/* The summary the keys describe (SummaryType.finish_text). */
static void *
churn_finish_text(const SummaryType *type, TextParser *parser, void *scratch,
				  uint32 seen)
{
	ChurnText  *text = (ChurnText *) scratch;
	ChurnSummary *summary;
	double		sums[4] = {text->revenue_at_start, text->revenue_lost,
	text->sum_sq_revenue, text->sum_sq_lost};
	char	   *problem;

	if ((seen & ~(CHURN_KEYS_REVENUE | CHURN_KEY_SUM_SQ_LOST)) !=
		(CHURN_KEY_VERSION | CHURN_KEY_PERIOD_TYPE | CHURN_KEY_PERIOD |
		 CHURN_KEY_AT_START | CHURN_KEY_LOST | CHURN_KEY_NEW))
		text_content_error(parser, "The keys \"version\", \"period_type\", \"period\", \"customers_at_start\", \"customers_lost\" and \"customers_new\" are all required.");
	if (parser->version == CHURN_VERSION_REVENUE)
	{
		if ((seen & (CHURN_KEYS_REVENUE | CHURN_KEY_SUM_SQ_LOST)) !=
			(CHURN_KEYS_REVENUE | CHURN_KEY_SUM_SQ_LOST))
			text_content_error(parser, "Version 2 is the form of a revenue summary: the keys \"revenue_at_start\", \"revenue_lost\", \"sum_sq_revenue\" and \"sum_sq_revenue_lost\" are all required.");
	}
	else
	{
		if (seen & CHURN_KEY_SUM_SQ_LOST)
			text_content_error(parser, "The key \"sum_sq_revenue_lost\" belongs to version 2, not version 1.");
		if ((seen & CHURN_KEYS_REVENUE) != 0 && (seen & CHURN_KEYS_REVENUE) != CHURN_KEYS_REVENUE)
			text_content_error(parser, "The keys \"revenue_at_start\", \"revenue_lost\" and \"sum_sq_revenue\" come together.");
	}
	summary = churn_from_fields(type, parser->version, text->period_type,
								(seen & CHURN_KEYS_REVENUE) ? CHURN_FLAG_REVENUE : 0,
								0, 0, &text->counts, sums, &problem);
	if (summary == NULL)
		text_content_error(parser, problem);
	summary->period_start = churn_parse_bound(parser, summary->period_type, text->period_start);
	summary->period_end = churn_parse_bound(parser, summary->period_type, text->period_end);
	return summary;
}

/*
 * The fields after "version" (SummaryType.write_text), of the version
 * churn_version_of says.
 */
static void
churn_write_text(StringInfo buf, const void *value)
{
	const ChurnSummary *summary = (const ChurnSummary *) value;
	ChurnCounts counts;

	churn_get_counts(summary, &counts);
	appendStringInfo(buf, ", \"period_type\": \"%s\", \"period\": [\"",
					 churn_period_type_names[summary->period_type]);
	churn_append_bound(buf, summary->period_type, summary->period_start);
	appendStringInfoString(buf, "\", \"");
	churn_append_bound(buf, summary->period_type, summary->period_end);
	appendStringInfo(buf, "\"], \"customers_at_start\": " INT64_FORMAT
					 ", \"customers_lost\": " INT64_FORMAT
					 ", \"customers_new\": " INT64_FORMAT,
					 counts.at_risk, counts.lost, counts.new_customers);
	if (summary->flags & CHURN_FLAG_REVENUE)
	{
		appendStringInfoString(buf, ", \"revenue_at_start\": ");
		append_double(buf, summary->revenue_at_start);
		appendStringInfoString(buf, ", \"revenue_lost\": ");
		append_double(buf, summary->revenue_lost);
		appendStringInfoString(buf, ", \"sum_sq_revenue\": ");
		append_double(buf, summary->sum_sq_revenue);
		if (churn_has_lost_squares(summary))
		{
			appendStringInfoString(buf, ", \"sum_sq_revenue_lost\": ");
			append_double(buf, summary->counts.packed.sum_sq_lost);
		}
	}
}

/*
 * Binary form
 * -----------
 * version, period_type, flags (1 byte each), then period start and end,
 * customers at start, lost and new (int8 each), and for revenue summaries
 * revenue at start, revenue lost and the sum of squared revenue (float8);
 * version 2 (always revenue: flags 1) then the sum of the lost customers'
 * squared revenue (float8).
 */

/* The fields after the version byte (SummaryType.read_binary_version). */
static void *
churn_read_binary(const SummaryType *type, StringInfo buf, int version)
{
	ChurnSummary *summary;
	uint8		header[2];
	int64		period_start;
	int64		period_end;
	ChurnCounts counts;
	double		sums[4] = {0.0, 0.0, 0.0, 0.0};
	int			n_sums = 0;
	int			i;
	char	   *problem;

	binary_read(buf, header, sizeof(header), type->type_name);
	if (header[1] & ~CHURN_BINARY_FLAGS)
		binary_error(type->type_name, psprintf("Unknown flags 0x%02x.", header[1]));
	if (version == CHURN_VERSION_REVENUE && !(header[1] & CHURN_FLAG_REVENUE))
		binary_error(type->type_name, "Version 2 is the form of a revenue summary: its flags must be 0x01.");
	period_start = binary_read_int64(buf, type->type_name);
	period_end = binary_read_int64(buf, type->type_name);
	counts.at_risk = binary_read_int64(buf, type->type_name);
	counts.lost = binary_read_int64(buf, type->type_name);
	counts.new_customers = binary_read_int64(buf, type->type_name);
	if (header[1] & CHURN_FLAG_REVENUE)
		n_sums = version == CHURN_VERSION_REVENUE ? 4 : 3;
	for (i = 0; i < n_sums; i++)
		sums[i] = binary_read_double(buf, type->type_name);
	summary = churn_from_fields(type, version, header[0], header[1], period_start, period_end,
								&counts, sums, &problem);
	if (summary == NULL)
		binary_error(type->type_name, problem);
	return summary;
}

/* The fields after the version byte (SummaryType.write_binary). */
static void
churn_write_binary(StringInfo buf, const void *value)
{
	const ChurnSummary *summary = (const ChurnSummary *) value;
	ChurnCounts counts;

	churn_get_counts(summary, &counts);
	pq_sendbyte(buf, summary->period_type);
	pq_sendbyte(buf, summary->flags & CHURN_BINARY_FLAGS);
	pq_sendint64(buf, summary->period_start);
	pq_sendint64(buf, summary->period_end);
	pq_sendint64(buf, counts.at_risk);
	pq_sendint64(buf, counts.lost);
	pq_sendint64(buf, counts.new_customers);
	if (summary->flags & CHURN_FLAG_REVENUE)
	{
		pq_sendfloat8(buf, summary->revenue_at_start);
		pq_sendfloat8(buf, summary->revenue_lost);
		pq_sendfloat8(buf, summary->sum_sq_revenue);
		if (churn_has_lost_squares(summary))
			pq_sendfloat8(buf, summary->counts.packed.sum_sq_lost);
	}
}

/*
 * a = b (SummaryType.equal): the same content, whatever layout each is in:
 * same period, counts and revenue sums, and either both or neither keep
 * the lost customers' squares (and then the same); as the hash (of the
 * binary form, which is that of the content), revenue sums only with
 * revenue.
 */
static bool
churn_equal(const void *a_value, const void *b_value)
{
	const ChurnSummary *a = (const ChurnSummary *) a_value;
	const ChurnSummary *b = (const ChurnSummary *) b_value;
	ChurnCounts a_counts;
	ChurnCounts b_counts;

	churn_get_counts(a, &a_counts);
	churn_get_counts(b, &b_counts);
	return a->period_type == b->period_type &&
		a->period_start == b->period_start &&
		a->period_end == b->period_end &&
		a_counts.at_risk == b_counts.at_risk && a_counts.lost == b_counts.lost &&
		a_counts.new_customers == b_counts.new_customers &&
		(a->flags & CHURN_FLAG_REVENUE) == (b->flags & CHURN_FLAG_REVENUE) &&
		(!(a->flags & CHURN_FLAG_REVENUE) ||
		 (a->revenue_at_start == b->revenue_at_start &&
		  a->revenue_lost == b->revenue_lost &&
		  a->sum_sq_revenue == b->sum_sq_revenue &&
		  churn_has_lost_squares(a) == churn_has_lost_squares(b) &&
		  (!churn_has_lost_squares(a) ||
		   a->counts.packed.sum_sq_lost == b->counts.packed.sum_sq_lost)));
}

/* Whether a state has seen no row (SummaryType.is_empty). */
static bool
churn_is_empty(const void *value)
{
	return ((const ChurnSummary *) value)->period_type == CHURN_PERIOD_UNSET;
}

/* The description of churn_summary for the summary kernel. */
static const SummaryType churn_type = {
	.type_name = "churn_summary",
	.variant = 0,
	.version = CHURN_VERSION_REVENUE,
	.oldest_version = CHURN_VERSION_WIDE,
	.varlena = false,
	.size = sizeof(ChurnSummary),
	.flags_offset = offsetof(ChurnSummary, flags),
	.stored_flags = CHURN_STORED_FLAGS,
	.n_sums = CHURN_SUMS,
	.sums_offset = offsetof(ChurnSummary, counts.packed.sum_sq_lost),
	.kept_sums = churn_kept_sums,
	.version_of = churn_version_of,
	.init = churn_init,
	.prepare = NULL,
	.is_empty = churn_is_empty,
	.restart = churn_restart,
	.add = churn_add_summary,
	.equal = churn_equal,
	.check_content = churn_check_content,
	.text_keys = churn_text_keys,
	.text_hint = "The text form is {\"version\": 1, \"period_type\": \"daterange\", \"period\": [start, end], \"customers_at_start\": n, \"customers_lost\": n, \"customers_new\": n}, as written by the type's output.",
	.text_scratch_size = sizeof(ChurnText),
	.read_text_field = churn_read_text_field,
	.finish_text = churn_finish_text,
	.write_text = churn_write_text,
	.binary_header = 3,
	.write_binary = churn_write_binary,
	.read_binary = NULL,
	.read_binary_version = churn_read_binary
};

/*
 * churn_summary_in, churn_summary_recv
 *		Text and binary input of churn_summary; every byte is checked.
 */
SUMMARY_SQL_FUNCTION(churn_summary_in,
					 PointerGetDatum(summary_from_text(&churn_type, PG_GETARG_CSTRING(0))))
SUMMARY_SQL_FUNCTION(churn_summary_recv,
					 PointerGetDatum(summary_from_binary(&churn_type,
														 (StringInfo) PG_GETARG_POINTER(0))))

/*
 * churn_summary_combine, churn_summary_subtract, churn_summary_final,
 * churn_window_summary_final, churn_summary_out, churn_summary_send,
 * churn_summary_eq, churn_summary_ne, churn_summary_hash
 *		The summary kernel's functions for churn_summary (see
 *		SUMMARY_FUNCTIONS).
 */
SUMMARY_FUNCTIONS(churn, &churn_type)

/*
 * Accessors and statistics
 * ------------------------
 * The churn rate is a share of the customers at risk (by revenue for
 * revenue summaries): Wilson's interval and the two-proportion z-test.
 * Revenue churn is the ratio R = revenue lost / revenue at start, and a
 * revenue summary of version 2 has its design-based variance, that of
 * R's svyratio(~lost_revenue, ~revenue) over the customers at risk
 * (svydesign(ids = ~1, weights = ~1)): with X the revenue at start, n the
 * customers at risk and Q the sums of squared revenue of the lost and kept
 * customers,
 *
 *	 V = n / (n - 1) * (Q_lost (1 - R)^2 + Q_kept R^2) / X^2
 *
 * (std_error = 100 sqrt(V); NULL for n <= 1), and the interval and test
 * use the effective n that V implies, X^2 R (1 - R) / (Q_lost (1 - R)^2 +
 * Q_kept R^2), Kish's X^2 / (Q_lost + Q_kept) when every customer at risk
 * has the same outcome (V = 0).  A version-1 value (and anything combined
 * with one) has only the squares of all, so Kish's n stands in, with the
 * std_error sqrt(R (1 - R) / n) of extension 1.0.
 */

/*
 * The churned share (a fraction, also to about 32 digits, so that the test
 * of two huge summaries keeps the digits of their difference) and its
 * effective n; false if undefined.  When variance is given, it is set to
 * the design-based variance of the share, or to -1 where the share's
 * standard error is sqrt(p (1 - p) / n) (customer counts, version 1).
 */
static bool
churn_share(const ChurnSummary *summary, StatsShare *share, double *variance)
{
	ChurnCounts counts;

	if (variance != NULL)
		*variance = -1.0;
	churn_get_counts(summary, &counts);
	if (summary->flags & CHURN_FLAG_REVENUE)
	{
		double		at_start = summary->revenue_at_start;

		if (!(at_start > 0.0))
			return false;
		share->share = Min(1.0, summary->revenue_lost / at_start);
		/* 0 (no statistics) if a stored summary's squares underflowed */
		share->n = summary->sum_sq_revenue > 0.0 ?
			at_start * (at_start / summary->sum_sq_revenue) : 0.0;
		share->exact = stats_dd_div(stats_dd_from_double(summary->revenue_lost),
									stats_dd_from_double(at_start));
		/* the sums may have rounded the lost part above the whole */
		if (share->exact.hi > 1.0)
			share->exact = stats_dd_from_double(1.0);
		if (churn_has_lost_squares(summary))
		{
			/* R and 1 - R, the latter without cancellation when R is near 1 */
			double		ratio = share->share;
			double		kept_ratio = stats_dd_sub(stats_dd_from_double(1.0), share->exact).hi;
			double		lost_squares = summary->counts.packed.sum_sq_lost;
			double		kept_squares = Max(0.0, summary->sum_sq_revenue - lost_squares);
			double		spread = lost_squares * kept_ratio * kept_ratio +
				kept_squares * ratio * ratio;

			if (counts.at_risk <= 1)
			{
				/* one customer has no variance: no statistics */
				share->n = 0.0;
				return true;
			}
			if (!(spread > 0.0) || !(ratio > 0.0) || !(kept_ratio > 0.0))
			{
				/* every customer at risk lost, or none: V = 0, Kish's n */
				if (variance != NULL)
					*variance = 0.0;
				return true;
			}
			/* the rating summaries' formulas, revenue as the weight */
			share->n = stats_design_effective_n(at_start, ratio * kept_ratio, spread, share->n);
			if (variance != NULL)
				*variance = stats_design_variance(counts.at_risk, at_start, spread);
		}
		return true;
	}
	if (counts.at_risk == 0)
		return false;
	share->share = (double) counts.lost / (double) counts.at_risk;
	share->n = (double) counts.at_risk;
	share->exact = stats_dd_div(stats_dd_from_int64(counts.lost),
								stats_dd_from_int64(counts.at_risk));
	return true;
}

/* The churned share of argument argno (StatsShareOf). */
static bool
churn_share_of(FunctionCallInfo fcinfo, int argno, StatsShare *share)
{
	return churn_share(PG_GETARG_CHURN_SUMMARY_P(argno), share, NULL);
}

PG_FUNCTION_INFO_V1(churn_summary_churn);
/*
 * churn_summary_churn
 *		churn(s), and the final function of churn_rate: percent of the
 *		customers (or revenue) at risk that was lost; NULL if none at risk.
 */
Datum
churn_summary_churn(PG_FUNCTION_ARGS)
{
	StatsShare	share;

	if (!churn_share_of(fcinfo, 0, &share))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * share.share);
}

PG_FUNCTION_INFO_V1(churn_summary_retention_rate);
/*
 * churn_summary_retention_rate
 *		retention_rate(s) = 100 - churn(s).
 */
Datum
churn_summary_retention_rate(PG_FUNCTION_ARGS)
{
	StatsShare	share;

	if (!churn_share_of(fcinfo, 0, &share))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (1.0 - share.share));
}

PG_FUNCTION_INFO_V1(churn_summary_customers_at_start);
/*
 * churn_summary_customers_at_start
 *		customers_at_start(s): customers active at the period's start.
 */
Datum
churn_summary_customers_at_start(PG_FUNCTION_ARGS)
{
	ChurnCounts counts;

	churn_get_counts(PG_GETARG_CHURN_SUMMARY_P(0), &counts);
	PG_RETURN_INT64(counts.at_risk);
}

PG_FUNCTION_INFO_V1(churn_summary_customers_lost);
/*
 * churn_summary_customers_lost
 *		customers_lost(s): of those, the ones not active at its end.
 */
Datum
churn_summary_customers_lost(PG_FUNCTION_ARGS)
{
	ChurnCounts counts;

	churn_get_counts(PG_GETARG_CHURN_SUMMARY_P(0), &counts);
	PG_RETURN_INT64(counts.lost);
}

PG_FUNCTION_INFO_V1(churn_summary_customers_new);
/*
 * churn_summary_customers_new
 *		customers_new(s): customers who started inside the period.
 */
Datum
churn_summary_customers_new(PG_FUNCTION_ARGS)
{
	ChurnCounts counts;

	churn_get_counts(PG_GETARG_CHURN_SUMMARY_P(0), &counts);
	PG_RETURN_INT64(counts.new_customers);
}

PG_FUNCTION_INFO_V1(churn_summary_revenue_at_start);
/*
 * churn_summary_revenue_at_start
 *		revenue_at_start(s): revenue of the customers at risk; NULL for a
 *		summary built without revenue.
 */
Datum
churn_summary_revenue_at_start(PG_FUNCTION_ARGS)
{
	ChurnSummary *summary = PG_GETARG_CHURN_SUMMARY_P(0);

	if (!(summary->flags & CHURN_FLAG_REVENUE))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(summary->revenue_at_start);
}

PG_FUNCTION_INFO_V1(churn_summary_revenue_lost);
/*
 * churn_summary_revenue_lost
 *		revenue_lost(s): revenue of the customers lost; NULL without
 *		revenue.
 */
Datum
churn_summary_revenue_lost(PG_FUNCTION_ARGS)
{
	ChurnSummary *summary = PG_GETARG_CHURN_SUMMARY_P(0);

	if (!(summary->flags & CHURN_FLAG_REVENUE))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(summary->revenue_lost);
}

PG_FUNCTION_INFO_V1(churn_summary_std_error);
/*
 * churn_summary_std_error
 *		std_error(s), the standard error of the churn rate in points: for a
 *		revenue summary of version 2 the design-based one, 100 sqrt(V), else
 *		100 sqrt(p (1 - p) / n); NULL when undefined.
 */
Datum
churn_summary_std_error(PG_FUNCTION_ARGS)
{
	StatsShare	share;
	double		variance;

	if (!churn_share(PG_GETARG_CHURN_SUMMARY_P(0), &share, &variance) || !(share.n > 0.0))
		PG_RETURN_NULL();
	if (variance >= 0.0)
		PG_RETURN_FLOAT8(100.0 * sqrt(variance));
	PG_RETURN_FLOAT8(100.0 * stats_share_std_error(share.share, share.n));
}

/*
 * churn_summary_ci_lower, churn_summary_ci_upper
 *		ci_lower(s, level) and ci_upper(s, level), the ends of the Wilson
 *		interval of the churn rate, with the effective n of churn_share.
 */
SUMMARY_SQL_FUNCTION(churn_summary_ci_lower, stats_share_bound(fcinfo, churn_share_of, false))
SUMMARY_SQL_FUNCTION(churn_summary_ci_upper, stats_share_bound(fcinfo, churn_share_of, true))

PG_FUNCTION_INFO_V1(churn_summary_p_value);
/*
 * churn_summary_p_value
 *		p_value(a, b): two-sided p-value of the pooled two-proportion
 *		z-test that two churn rates differ (e.g. two segments, or two
 *		periods): both customer churn or both revenue churn, refused
 *		otherwise with the error of a + b.
 */
Datum
churn_summary_p_value(PG_FUNCTION_ARGS)
{
	/* comparing the churn of two periods is the point: they may differ */
	churn_check_compatible(PG_GETARG_CHURN_SUMMARY_P(0), PG_GETARG_CHURN_SUMMARY_P(1), false);
	return stats_share_p_value(fcinfo, churn_share_of);
}

PG_FUNCTION_INFO_V1(churn_window_final);
/*
 * churn_window_final
 *		Moving-aggregate final function of the revenue and roll-up
 *		churn_rate: the churn rate of the window state.
 */
Datum
churn_window_final(PG_FUNCTION_ARGS)
{
	return summary_window_metric(fcinfo, &churn_type, churn_summary_churn);
}

/*
 * churn_read_period_type
 *		Read a quoted range type name of the text forms ("daterange"), as a
 *		ChurnPeriodType.
 */
ChurnPeriodType
churn_read_period_type(TextParser *parser)
{
	const char *type_start;
	char	   *name;
	int			i;

	skip_space(parser);
	type_start = parser->pos;
	name = read_string(parser, "a quoted range type name");
	for (i = CHURN_PERIOD_TSTZ; i <= CHURN_PERIOD_DATE; i++)
		if (strcmp(name, churn_period_type_names[i]) == 0)
			return (ChurnPeriodType) i;
	parser->pos = type_start;
	text_syntax_error(parser, "\"tstzrange\", \"tsrange\" or \"daterange\"");
}

/*
 * churn_read_bounds
 *		Read the bounds of a period or span, ["start", "end"], as text, to be
 *		parsed once the period type is known (keys come in any order); what
 *		names the range in messages.
 */
void
churn_read_bounds(TextParser *parser, const char *what, char **start, char **end)
{
	expect_char(parser, '[', "\"[\"");
	*start = read_string(parser, psprintf("a quoted %s start", what));
	expect_char(parser, ',', "\",\"");
	*end = read_string(parser, psprintf("a quoted %s end", what));
	expect_char(parser, ']', "\"]\"");
}

/*
 * churn_summary_make
 *		A churn_summary of one period from its counts and sums, for the
 *		summaries a churn_timeline holds: a revenue summary (of version 2)
 *		with the lost customers' squared revenue sum_sq_lost; (Datum) 0 with
 *		*problem set when the content breaks a rule of the type (the rules
 *		of its input).
 */
Datum
churn_summary_make(int period_type, int64 start, int64 end, bool revenue,
				   int64 at_risk, int64 lost, int64 new_customers,
				   double revenue_at_start, double revenue_lost, double sum_sq_revenue,
				   double sum_sq_lost, char **problem)
{
	ChurnCounts counts = {at_risk, lost, new_customers};
	double		sums[4] = {revenue_at_start, revenue_lost, sum_sq_revenue, sum_sq_lost};
	ChurnSummary *summary;

	summary = churn_from_fields(&churn_type, revenue ? CHURN_VERSION_REVENUE : CHURN_VERSION_WIDE,
								(uint8) period_type, revenue ? CHURN_FLAG_REVENUE : 0,
								start, end, &counts, sums, problem);
	if (summary == NULL)
		return (Datum) 0;
	*problem = churn_check_content(summary);
	if (*problem != NULL)
		return (Datum) 0;
	return PointerGetDatum(summary);
}
