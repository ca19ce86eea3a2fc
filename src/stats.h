/*-------------------------------------------------------------------------
 *
 * stats.h
 *	  Statistical helpers for the confidence intervals and tests: normal
 *	  quantiles, Wilson intervals and z-tests for shares, Welch's test for
 *	  means.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_STATS_H
#define CX_STATS_H

extern double stats_normal_quantile(double p);
extern double stats_two_sided_p(double z);
extern double stats_z_for_level(double level);

extern double stats_share_std_error(double share, double n);
extern void stats_wilson_interval(double share, double n, double z,
								  double *lower, double *upper);
extern double stats_two_proportion_p(double share1, double n1,
									 double share2, double n2);

extern double stats_student_t_two_sided_p(double t, double df);
extern double stats_welch_p(double mean1, double variance1, double n1,
							double mean2, double variance2, double n2);

#endif							/* CX_STATS_H */
