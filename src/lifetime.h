/*-------------------------------------------------------------------------
 *
 * lifetime.h
 *	  Customer lifetimes measured in calendar steps: reading the step, the
 *	  lifetime and the as_of arguments, and the calendar arithmetic
 *	  start + k * step shared by retention_summary and churn_timeline.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_LIFETIME_H
#define CX_LIFETIME_H

#include "fmgr.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

/*
 * The most ages a retention summary holds (and periods a timeline): a
 * limit on memory per group, far above any monthly or weekly use.
 */
#define LIFETIME_MAX_STEPS 100000

/* How a step is measured (LifetimeStep.kind). */
typedef enum LifetimeStepKind
{
	LIFETIME_STEP_MONTHS = 1,	/* whole calendar months */
	LIFETIME_STEP_FIXED = 2		/* a fixed length in microseconds */
} LifetimeStepKind;

/* A step, as stored in the summaries. */
typedef struct LifetimeStep
{
	int			kind;			/* LifetimeStepKind */
	int64		length;			/* months, or microseconds */
} LifetimeStep;

/*
 * The units of the values of a range type: days for daterange,
 * microseconds since 2000-01-01 for tsrange and tstzrange (whose calendar
 * is UTC).
 */
typedef enum LifetimeUnits
{
	LIFETIME_UNITS_DAYS = 1,	/* DateADT */
	LIFETIME_UNITS_USECS = 2	/* Timestamp, TimestampTz */
} LifetimeUnits;

/* A lifetime (or period) argument, read. */
typedef struct LifetimeRange
{
	Oid			range_type;		/* tstzrange, tsrange or daterange */
	bool		empty;			/* the empty range */
	bool		lower_infinite; /* no start */
	bool		upper_infinite; /* no end: still a customer */
	bool		lower_inclusive;	/* the start belongs to the range */
	bool		upper_inclusive;	/* the end belongs to the range */
	int64		lower;			/* start, in the units */
	int64		upper;			/* end, in the units */
} LifetimeRange;

/* A value with its calendar fields, for month steps. */
typedef struct LifetimeDate
{
	int64		value;			/* the value, in its units */
	int64		month;			/* calendar month: year * 12 + month - 1 */
	int			day;			/* day of the month */
	int64		time;			/* microseconds since midnight (0 for dates) */
} LifetimeDate;

/*
 * The calendar fields of the days seen last, by day number modulo the
 * size: rows of the same days (a cohort's starts, the usual ends) skip the
 * calendar arithmetic.
 */
#define LIFETIME_DAY_CACHE_SIZE 4096

/* One remembered day. */
typedef struct LifetimeDaySlot
{
	int64		days;			/* days since 2000-01-01, PG_INT64_MIN if none */
	int32		month;			/* its calendar month: year * 12 + month - 1 */
	int32		day;			/* its day of the month */
} LifetimeDaySlot;

/* The days seen last (lifetime_day_cache_new). */
typedef struct LifetimeDayCache
{
	LifetimeDaySlot slots[LIFETIME_DAY_CACHE_SIZE]; /* by days modulo the size */
} LifetimeDayCache;

extern LifetimeUnits lifetime_units(Oid range_type);
extern LifetimeDayCache *lifetime_day_cache_new(MemoryContext context);
extern void lifetime_date(int64 value, LifetimeUnits units, LifetimeDate *out);
extern int64 lifetime_age(int64 start, bool ends, int64 end, const LifetimeDate *as_of,
						  LifetimeUnits units, const LifetimeStep *step, bool *lost,
						  LifetimeDayCache *days);
extern void lifetime_read_step(FunctionCallInfo fcinfo, int argno, LifetimeUnits units,
							   LifetimeStep *step);
extern char *lifetime_step_text(const LifetimeStep *step);
extern void lifetime_read_range(FunctionCallInfo fcinfo, int argno, TypeCacheEntry **cache,
								LifetimeRange *range);
extern int64 lifetime_add_steps(int64 start, LifetimeUnits units,
								const LifetimeStep *step, int64 k);
extern int64 lifetime_steps_until(int64 start, int64 end, LifetimeUnits units,
								  const LifetimeStep *step);
extern int64 lifetime_steps_within(int64 start, int64 as_of, LifetimeUnits units,
								   const LifetimeStep *step);

#endif							/* CX_LIFETIME_H */
