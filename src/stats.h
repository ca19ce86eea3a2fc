/*-------------------------------------------------------------------------
 *
 * stats.h
 *	  Normal-distribution helpers for the confidence intervals and tests.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_STATS_H
#define CX_STATS_H

extern double stats_normal_quantile(double p);
extern double stats_two_sided_p(double z);
extern double stats_z_for_level(double level);

#endif							/* CX_STATS_H */
