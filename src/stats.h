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

/*
 * A double-double: the unevaluated sum hi + lo, about 32 significant
 * digits.  Differences of means and shares of huge summaries are computed
 * in it.
 */
typedef struct StatsDD
{
	double		hi;
	double		lo;
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
extern double stats_two_proportion_p(double share1, double n1,
									 double share2, double n2);
extern double stats_two_proportion_p_diff(double share1, double n1,
										  double share2, double n2,
										  double difference);

extern double stats_student_t_two_sided_p(double t, double df);
extern double stats_t_for_level(double level, double df);
extern double stats_welch_p(double difference, double variance1, double n1,
							double variance2, double n2);

#endif							/* CX_STATS_H */
