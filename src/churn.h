/*-------------------------------------------------------------------------
 *
 * churn.h
 *	  What churn_timeline shares with churn_summary: the period types, the
 *	  ISO text of period bounds, the revenue rule, and the making of one
 *	  period's summary.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_CHURN_H
#define CX_CHURN_H

#include "fmgr.h"
#include "lib/stringinfo.h"

#include "summary_io.h"

/* The range type of a summary's period (ChurnSummary.period_type). */
typedef enum ChurnPeriodType
{
	CHURN_PERIOD_UNSET = 0,		/* no row seen yet */
	CHURN_PERIOD_TSTZ = 1,		/* tstzrange: microseconds since 2000-01-01 UTC */
	CHURN_PERIOD_TS = 2,		/* tsrange: microseconds since 2000-01-01 */
	CHURN_PERIOD_DATE = 3		/* daterange: days since 2000-01-01 */
} ChurnPeriodType;

extern void churn_append_bound(StringInfo buf, ChurnPeriodType type, int64 value);
extern int64 churn_parse_bound(TextParser *parser, ChurnPeriodType type, const char *text);
extern void churn_check_revenue_finite(double revenue);
extern void churn_check_revenue(double revenue);
extern ChurnPeriodType churn_read_period_type(TextParser *parser);
extern void churn_read_bounds(TextParser *parser, const char *what, char **start, char **end);
extern Datum churn_summary_make(int period_type, int64 start, int64 end, bool revenue,
								int64 at_risk, int64 lost, int64 new_customers,
								double revenue_at_start, double revenue_lost,
								double sum_sq_revenue, double sum_sq_lost, char **problem);

#endif							/* CX_CHURN_H */
