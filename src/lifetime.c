/*-------------------------------------------------------------------------
 *
 * lifetime.c
 *	  Calendar steps for customer lifetimes: reading the step and range
 *	  arguments, and start + k * step as PostgreSQL computes it.
 *
 * A step is either whole months ('1 month', '1 year') or a fixed length
 * ('7 days', '1 day', '12 hours').  start + k * step is one addition of
 * k * step, as PostgreSQL computes start + k * step: months are added to
 * the year and month and the day is clamped to the month's last day (Jan
 * 31 + 1 month = Feb 28 or 29, Jan 31 + 2 months = Mar 31), the time of day
 * is kept.  tstzrange values are placed on the UTC calendar, so that no
 * result depends on the session's TimeZone.
 *
 * Values are 64-bit integers in the units of their range type (days, or
 * microseconds since 2000-01-01); a result past the end of the calendar
 * saturates at PG_INT64_MAX, which no lifetime or as_of reaches.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "datatype/timestamp.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "compat.h"
#include "lifetime.h"

/* Calendar months past which every result saturates (beyond year 6 000 000). */
#define LIFETIME_MAX_MONTHS ((int64) 6000000 * 12)

/*
 * lifetime_units
 *		The units of a range type's values; an error for a range type the
 *		lifetime functions do not take (their SQL signatures prevent it).
 */
LifetimeUnits
lifetime_units(Oid range_type)
{
	switch (range_type)
	{
		case DATERANGEOID:
			return LIFETIME_UNITS_DAYS;
		case TSRANGEOID:
		case TSTZRANGEOID:
			return LIFETIME_UNITS_USECS;
		default:
			elog(ERROR, "lifetime functions do not take ranges of type %u", range_type);
	}
	return LIFETIME_UNITS_DAYS;	/* not reached */
}

/*
 * lifetime_day_cache_new
 *		An empty cache of calendar days, in the given memory context.
 */
LifetimeDayCache *
lifetime_day_cache_new(MemoryContext context)
{
	LifetimeDayCache *cache = MemoryContextAlloc(context, sizeof(LifetimeDayCache));
	int			i;

	for (i = 0; i < LIFETIME_DAY_CACHE_SIZE; i++)
		cache->slots[i].days = PG_INT64_MIN;
	return cache;
}

/*
 * lifetime_step_text
 *		A step in words for messages: "1 month", "604800000000 microseconds".
 */
char *
lifetime_step_text(const LifetimeStep *step)
{
	if (step->kind == LIFETIME_STEP_MONTHS)
		return psprintf(INT64_FORMAT " %s", step->length, step->length == 1 ? "month" : "months");
	if (step->length % USECS_PER_DAY == 0)
		return psprintf(INT64_FORMAT " %s", step->length / USECS_PER_DAY,
						step->length == USECS_PER_DAY ? "day" : "days");
	return psprintf(INT64_FORMAT " microseconds", step->length);
}

/* An interval as text, for messages only (it depends on IntervalStyle). */
static char *
lifetime_interval_text(Interval *interval)
{
	return DatumGetCString(DirectFunctionCall1(interval_out, PointerGetDatum(interval)));
}

/*
 * lifetime_read_step
 *		Read the interval argument argno as a step for ranges of the given
 *		units: positive, either whole months or a fixed length, whole days
 *		for daterange.
 */
void
lifetime_read_step(FunctionCallInfo fcinfo, int argno, LifetimeUnits units, LifetimeStep *step)
{
	Interval   *interval;
	int64		fixed;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("step must not be null"),
				 errhint("The step is a positive interval such as '1 month' or '7 days'.")));
	interval = PG_GETARG_INTERVAL_P(argno);
	if (interval->month != 0 && (interval->day != 0 || interval->time != 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step \"%s\" mixes months with days or time", lifetime_interval_text(interval)),
				 errhint("Use a step of whole months, such as '1 month' or '1 year', or of a fixed length, such as '7 days': a month has no fixed number of days.")));
	if (interval->month != 0)
	{
		if (interval->month < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("step \"%s\" is not positive", lifetime_interval_text(interval)),
					 errhint("The step is a positive interval such as '1 month' or '7 days'.")));
		step->kind = LIFETIME_STEP_MONTHS;
		step->length = interval->month;
		return;
	}
	if (pg_mul_s64_overflow((int64) interval->day, USECS_PER_DAY, &fixed) ||
		pg_add_s64_overflow(fixed, interval->time, &fixed))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step \"%s\" is too long", lifetime_interval_text(interval)),
				 errhint("The step is a positive interval such as '1 month' or '7 days'.")));
	if (fixed <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step \"%s\" is not positive", lifetime_interval_text(interval)),
				 errhint("The step is a positive interval such as '1 month' or '7 days'.")));
	if (units == LIFETIME_UNITS_DAYS && fixed % USECS_PER_DAY != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step \"%s\" is not a whole number of days", lifetime_interval_text(interval)),
				 errhint("Dates move in whole days: use a step such as '1 day', '7 days' or '1 month'.")));
	step->kind = LIFETIME_STEP_FIXED;
	step->length = fixed;
}

/* A stored bound value of width bytes (a date or a timestamp), unaligned. */
static inline int64
lifetime_stored_bound(const char *data, Size width)
{
	DateADT		date;
	Timestamp	timestamp;

	if (width == sizeof(DateADT))
	{
		memcpy(&date, data, sizeof(date));
		return date;
	}
	memcpy(&timestamp, data, sizeof(timestamp));
	return timestamp;
}

/*
 * Read the bounds of a range of one of the three types a lifetime takes,
 * as stored (a short header, or a 4-byte one), without unpacking it: the
 * range type's OID, the bounds that are present (a date takes 4 bytes, a
 * timestamp 8, so they are aligned after the OID), then the flags byte.
 * False for anything else (a compressed or external value, another range
 * type), which range_deserialize then reads.
 */
static bool
lifetime_read_stored_range(const struct varlena *raw, LifetimeRange *out)
{
	const char *data;
	Size		length;
	Size		width;
	Size		expected;
	Oid			range_type;
	char		flags;

	if (VARATT_IS_COMPRESSED(raw) || VARATT_IS_EXTERNAL(raw))
		return false;
	data = VARDATA_ANY(raw);
	length = VARSIZE_ANY_EXHDR(raw);
	if (length < sizeof(Oid) + 1)
		return false;
	memcpy(&range_type, data, sizeof(Oid));
	if (range_type == DATERANGEOID)
		width = sizeof(DateADT);
	else if (range_type == TSRANGEOID || range_type == TSTZRANGEOID)
		width = sizeof(Timestamp);
	else
		return false;
	flags = data[length - 1];
	out->range_type = range_type;
	out->empty = (flags & RANGE_EMPTY) != 0;
	out->lower_infinite = (flags & (RANGE_EMPTY | RANGE_LB_INF)) != 0;
	out->upper_infinite = (flags & (RANGE_EMPTY | RANGE_UB_INF)) != 0;
	out->lower_inclusive = (flags & RANGE_LB_INC) != 0;
	out->upper_inclusive = (flags & RANGE_UB_INC) != 0;
	expected = sizeof(Oid) + 1 + (out->lower_infinite ? 0 : width) +
		(out->upper_infinite ? 0 : width);
	if (length != expected)
		return false;
	data += sizeof(Oid);
	out->lower = out->lower_infinite ? 0 : lifetime_stored_bound(data, width);
	if (!out->lower_infinite)
		data += width;
	out->upper = out->upper_infinite ? 0 : lifetime_stored_bound(data, width);
	return true;
}

/*
 * lifetime_read_range
 *		Read the bounds of the range argument argno; *cache keeps the range
 *		type's cache entry between calls (in memory that lasts as long).
 *
 * A range of a date or timestamp type is read in place, as it came (a
 * stored one usually with a short, unaligned header), so that reading a row
 * allocates nothing; others are detoasted and deserialized.
 */
void
lifetime_read_range(FunctionCallInfo fcinfo, int argno, TypeCacheEntry **cache,
					LifetimeRange *out)
{
	/* a range as it came, read in place: no copy of every row's */
	if (!lifetime_read_stored_range((struct varlena *) PG_GETARG_POINTER(argno), out))
	{
		RangeType  *range = PG_GETARG_RANGE_P(argno);
		TypeCacheEntry *typcache = *cache;
		RangeBound	lower;
		RangeBound	upper;
		LifetimeUnits units;

		out->range_type = RangeTypeGetOid(range);
		units = lifetime_units(out->range_type);
		if (typcache == NULL || typcache->type_id != out->range_type)
		{
			typcache = lookup_type_cache(out->range_type, TYPECACHE_RANGE_INFO);
			*cache = typcache;
		}
		range_deserialize(typcache, range, &lower, &upper, &out->empty);
		out->lower_infinite = out->empty || lower.infinite;
		out->upper_infinite = out->empty || upper.infinite;
		out->lower_inclusive = lower.inclusive;
		out->upper_inclusive = upper.inclusive;
		out->lower = 0;
		out->upper = 0;
		if (!out->lower_infinite)
			out->lower = units == LIFETIME_UNITS_DAYS ?
				DatumGetDateADT(lower.val) : DatumGetTimestamp(lower.val);
		if (!out->upper_infinite)
			out->upper = units == LIFETIME_UNITS_DAYS ?
				DatumGetDateADT(upper.val) : DatumGetTimestamp(upper.val);
	}
	/* 'infinity' as a bound value is no bound */
	if (out->range_type == DATERANGEOID)
	{
		out->lower_infinite = out->lower_infinite || DATE_NOT_FINITE((DateADT) out->lower);
		out->upper_infinite = out->upper_infinite || DATE_NOT_FINITE((DateADT) out->upper);
	}
	else
	{
		out->lower_infinite = out->lower_infinite || TIMESTAMP_NOT_FINITE(out->lower);
		out->upper_infinite = out->upper_infinite || TIMESTAMP_NOT_FINITE(out->upper);
	}
}

/* floor(a / b) for b > 0 */
static inline int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	return (a % b != 0 && a < 0) ? q - 1 : q;
}

/*
 * lifetime_add_steps
 *		start + k * step for k >= 0, as PostgreSQL computes it on the UTC
 *		calendar; PG_INT64_MAX past the end of the calendar.
 */
int64
lifetime_add_steps(int64 start, LifetimeUnits units, const LifetimeStep *step, int64 k)
{
	int64		result;

	if (step->kind == LIFETIME_STEP_FIXED)
	{
		int64		length = units == LIFETIME_UNITS_DAYS ? step->length / USECS_PER_DAY : step->length;

		if (pg_mul_s64_overflow(k, length, &result) ||
			pg_add_s64_overflow(start, result, &result))
			return PG_INT64_MAX;
		return result;
	}
	else
	{
		int64		months;
		int64		days = units == LIFETIME_UNITS_DAYS ? start : floor_div(start, USECS_PER_DAY);
		int64		time = units == LIFETIME_UNITS_DAYS ? 0 : start - days * USECS_PER_DAY;
		int			year;
		int			month;
		int			day;
		int64		index;

		if (pg_mul_s64_overflow(k, step->length, &months) || months > LIFETIME_MAX_MONTHS)
			return PG_INT64_MAX;
		j2date((int) (days + POSTGRES_EPOCH_JDATE), &year, &month, &day);
		index = (int64) year * 12 + month - 1 + months;
		year = (int) floor_div(index, 12);
		month = (int) (index - (int64) year * 12) + 1;
		/* the day is clamped to the month's last, as timestamp + interval does */
		if (day > day_tab[isleap(year)][month - 1])
			day = day_tab[isleap(year)][month - 1];
		days = (int64) date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
		if (units == LIFETIME_UNITS_DAYS)
			return days;
		if (pg_mul_s64_overflow(days, USECS_PER_DAY, &result) ||
			pg_add_s64_overflow(result, time, &result))
			return PG_INT64_MAX;
		return result;
	}
}

/*
 * lifetime_date
 *		A value with its calendar month (year * 12 + month - 1), day and
 *		time of day, for the month arithmetic.
 */
void
lifetime_date(int64 value, LifetimeUnits units, LifetimeDate *out)
{
	int			year;
	int			month;
	int64		days = units == LIFETIME_UNITS_DAYS ? value : floor_div(value, USECS_PER_DAY);

	j2date((int) (days + POSTGRES_EPOCH_JDATE), &year, &month, &out->day);
	out->value = value;
	out->month = (int64) year * 12 + month - 1;
	out->time = units == LIFETIME_UNITS_DAYS ? 0 : value - days * USECS_PER_DAY;
}

/*
 * lifetime_date through a cache of days (none when days is NULL).
 */
static inline void
lifetime_date_cached(int64 value, LifetimeUnits units, LifetimeDate *out,
					 LifetimeDayCache *days)
{
	int64		day_number;
	LifetimeDaySlot *slot;

	if (days == NULL)
	{
		lifetime_date(value, units, out);
		return;
	}
	day_number = units == LIFETIME_UNITS_DAYS ? value : floor_div(value, USECS_PER_DAY);
	slot = &days->slots[(uint64) day_number % LIFETIME_DAY_CACHE_SIZE];
	if (slot->days != day_number)
	{
		lifetime_date(value, units, out);
		slot->days = day_number;
		slot->month = (int32) out->month;
		slot->day = out->day;
		return;
	}
	out->value = value;
	out->month = slot->month;
	out->day = slot->day;
	out->time = units == LIFETIME_UNITS_DAYS ? 0 : value - day_number * USECS_PER_DAY;
}

/*
 * For a step of whole months, the largest k >= -1 with start + k * step
 * <= target (< target when strict), from the calendar fields alone: with
 * k0 whole steps in the months between them, start + k0 * step falls in an
 * earlier month than target (then k0), or in the same month, where its day
 * (clamped to the month's length) and time decide between k0 and k0 - 1;
 * start + (k0 + 1) * step falls in a later month.
 */
static int64
lifetime_months_before(const LifetimeDate *start, const LifetimeDate *target, int64 months,
					   bool strict)
{
	int64		k;
	int			year;
	int			month;
	int			day;

	if (target->month < start->month)
		return -1;
	k = (target->month - start->month) / months;
	if (start->month + k * months < target->month)
		return k;
	year = (int) floor_div(target->month, 12);
	month = (int) (target->month - (int64) year * 12) + 1;
	day = Min(start->day, day_tab[isleap(year)][month - 1]);
	if (day < target->day || (day == target->day &&
							  (strict ? start->time < target->time : start->time <= target->time)))
		return k;
	return k - 1;
}

/*
 * lifetime_steps_until
 *		The step during which a lifetime from start ends at end > start:
 *		the smallest k >= 1 with start + k * step >= end, so that an end in
 *		(start + (k - 1) step, start + k step] is a loss at age k.  At most
 *		LIFETIME_MAX_STEPS + 1.
 */
int64
lifetime_steps_until(int64 start, int64 end, LifetimeUnits units, const LifetimeStep *step)
{
	LifetimeDate from;
	LifetimeDate to;
	int64		k;

	if (step->kind == LIFETIME_STEP_FIXED)
	{
		uint64		span = (uint64) end - (uint64) start;
		uint64		length = (uint64) (units == LIFETIME_UNITS_DAYS ?
									   step->length / USECS_PER_DAY : step->length);
		uint64		steps = span / length + (span % length != 0);

		/* a lifetime of no length ([start, start]) still ends in step 1 */
		if (steps < 1)
			steps = 1;
		return steps > LIFETIME_MAX_STEPS ? LIFETIME_MAX_STEPS + 1 : (int64) steps;
	}
	/* the last step that ends before end, plus one */
	lifetime_date(start, units, &from);
	lifetime_date(end, units, &to);
	k = lifetime_months_before(&from, &to, step->length, true) + 1;
	k = Max(k, 1);
	return Min(k, LIFETIME_MAX_STEPS + 1);
}

/*
 * lifetime_steps_within
 *		The steps from start complete by as_of: the largest k >= 0 with
 *		start + k * step <= as_of (0 when as_of is before start).  At most
 *		LIFETIME_MAX_STEPS + 1.
 */
int64
lifetime_steps_within(int64 start, int64 as_of, LifetimeUnits units, const LifetimeStep *step)
{
	LifetimeDate from;
	LifetimeDate to;
	int64		k;

	if (as_of < start)
		return 0;
	if (step->kind == LIFETIME_STEP_FIXED)
	{
		uint64		span = (uint64) as_of - (uint64) start;
		uint64		length = (uint64) (units == LIFETIME_UNITS_DAYS ?
									   step->length / USECS_PER_DAY : step->length);
		uint64		steps = span / length;

		return steps > LIFETIME_MAX_STEPS ? LIFETIME_MAX_STEPS + 1 : (int64) steps;
	}
	lifetime_date(start, units, &from);
	lifetime_date(as_of, units, &to);
	k = lifetime_months_before(&from, &to, step->length, false);
	k = Max(k, 0);
	return Min(k, LIFETIME_MAX_STEPS + 1);
}

/*
 * lifetime_age
 *		The age of a lifetime from start (ending at end when ends) observed
 *		up to as_of: the step k it was lost in when that step is complete
 *		by as_of (*lost set), else the steps complete by as_of.  At most
 *		LIFETIME_MAX_STEPS + 1.  The same as lifetime_steps_until and
 *		lifetime_steps_within, with the calendar fields of start and as_of
 *		taken once.
 */
int64
lifetime_age(int64 start, bool ends, int64 end, const LifetimeDate *as_of,
			 LifetimeUnits units, const LifetimeStep *step, bool *lost,
			 LifetimeDayCache *days)
{
	LifetimeDate from;
	LifetimeDate to;
	int64		complete;
	int64		k;

	*lost = false;
	if (step->kind == LIFETIME_STEP_FIXED)
	{
		/* the step in the units, divided once: the steps within and until */
		uint64		length = (uint64) (units == LIFETIME_UNITS_DAYS ?
									   step->length / USECS_PER_DAY : step->length);
		uint64		steps;

		steps = as_of->value < start ? 0 : ((uint64) as_of->value - (uint64) start) / length;
		complete = steps > LIFETIME_MAX_STEPS ? LIFETIME_MAX_STEPS + 1 : (int64) steps;
		if (ends)
		{
			uint64		span = (uint64) end - (uint64) start;

			/* a lifetime of no length ([start, start]) still ends in step 1 */
			steps = Max(span / length + (span % length != 0), 1);
			k = steps > LIFETIME_MAX_STEPS ? LIFETIME_MAX_STEPS + 1 : (int64) steps;
			if (k <= complete)
			{
				*lost = true;
				return k;
			}
		}
		return complete;
	}
	lifetime_date_cached(start, units, &from, days);
	complete = as_of->value < start ? 0 :
		Max(lifetime_months_before(&from, as_of, step->length, false), 0);
	complete = Min(complete, LIFETIME_MAX_STEPS + 1);
	if (ends)
	{
		lifetime_date_cached(end, units, &to, days);
		k = Max(lifetime_months_before(&from, &to, step->length, true) + 1, 1);
		if (k <= complete)
		{
			*lost = true;
			return k;
		}
	}
	return complete;
}
