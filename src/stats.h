/*-------------------------------------------------------------------------
 *
 * stats.h
 *	  Statistical helpers for the confidence intervals and tests: normal
 *	  quantiles, Wilson intervals and z-tests for shares, Student's t
 *	  intervals and Welch's test for means.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_STATS_H
#define CX_STATS_H

#include "fmgr.h"

/*
 * A double-double: the unevaluated sum hi + lo, about 32 significant
 * digits.  Differences of means and shares of huge summaries are computed
 * in it.
 */
typedef struct StatsDD
{
	double		hi;				/* the value rounded to a double */
	double		lo;				/* what the rounding left out */
} StatsDD;

extern StatsDD stats_dd_from_int64(int64 value);
extern StatsDD stats_dd_from_double(double value);
extern StatsDD stats_dd_add(StatsDD a, StatsDD b);
extern StatsDD stats_dd_sub(StatsDD a, StatsDD b);
extern StatsDD stats_dd_mul(StatsDD a, StatsDD b);
extern StatsDD stats_dd_div(StatsDD a, StatsDD b);

extern double stats_normal_quantile(double p);
extern double stats_two_sided_p(double z);
extern double stats_z_for_level(double level);

extern double stats_share_std_error(double share, double n);
extern void stats_wilson_interval(double share, double n, double z,
								  double *lower, double *upper);
extern double stats_two_proportion_p_diff(double share1, double n1,
										  double share2, double n2,
										  double difference);

/*
 * A share (the satisfied part of the answers, the churned part of the
 * customers at risk) with what its interval and test need.
 */
typedef struct StatsShare
{
	double		share;			/* the fraction, 0..1 */
	double		n;				/* its (effective) sample size; 0 when it
								 * cannot be known, and the statistics are
								 * then NULL */
	StatsDD		exact;			/* the fraction to about 32 digits, for the
								 * difference of two close shares */
} StatsShare;

/*
 * Fill a StatsShare from the summary in argument argno; false when the
 * share is undefined.
 */
typedef bool (*StatsShareOf) (FunctionCallInfo fcinfo, int argno, StatsShare *share);

extern Datum stats_share_std_error_datum(FunctionCallInfo fcinfo, StatsShareOf share_of);
extern Datum stats_share_bound(FunctionCallInfo fcinfo, StatsShareOf share_of, bool upper);
extern Datum stats_share_p_value(FunctionCallInfo fcinfo, StatsShareOf share_of);

extern double stats_student_t_two_sided_p(double t, double df);
extern double stats_t_for_level(double level, double df);
extern double stats_design_variance(int64 responses, double weight_sum, double spread);
extern double stats_design_effective_n(double weight_sum, double spread_per_weight,
									   double spread, double kish_n);
extern double stats_welch_p(double difference, double variance1, double n1,
							double variance2, double n2);

#endif							/* CX_STATS_H */
