/*-------------------------------------------------------------------------
 *
 * stats.c
 *	  Normal-distribution helpers shared by every metric's statistics.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/float.h"

#include "stats.h"

/*
 * stats_normal_quantile
 *		The p-quantile of the standard normal distribution, 0 < p < 1.
 *
 * Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), exact
 * to about 1e-16: a rational approximation in the centre and two in the
 * tails, in the variable sqrt(-log(min(p, 1-p))).
 */
double
stats_normal_quantile(double p)
{
	double		q = p - 0.5;
	double		r;
	double		value;

	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * (((((((r * 2509.0809287301226727 +
						  33430.575583588128105) * r + 67265.770927008700853) * r +
						45921.953931549871457) * r + 13731.693765509461125) * r +
					  1971.5909503065514427) * r + 133.14166789178437745) * r +
					3.387132872796366608) /
			(((((((r * 5226.495278852545925 +
				   28729.085735721942674) * r + 39307.89580009271061) * r +
				 21213.794301586595867) * r + 5394.1960214247511077) * r +
			   687.1870074920579083) * r + 42.313330701600911252) * r + 1.0);
	}
	r = q < 0 ? p : 1.0 - p;
	r = sqrt(-log(r));
	if (r <= 5.0)
	{
		r -= 1.6;
		value = (((((((r * 7.7454501427834140764e-4 +
					   0.0227238449892691845833) * r + 0.24178072517745061177) * r +
					 1.27045825245236838258) * r + 3.64784832476320460504) * r +
				   5.7694972214606914055) * r + 4.6303378461565452959) * r +
				 1.42343711074968357734) /
			(((((((r * 1.05075007164441684324e-9 +
				   5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
				 0.14810397642748007459) * r + 0.68976733498510000455) * r +
			   1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0);
	}
	else
	{
		r -= 5.0;
		value = (((((((r * 2.01033439929228813265e-7 +
					   2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
					 0.026532189526576123093) * r + 0.29656057182850489123) * r +
				   1.7848265399172913358) * r + 5.4637849111641143699) * r +
				 6.6579046435011037772) /
			(((((((r * 2.04426310338993978564e-15 +
				   1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
				 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r +
			   0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
	}
	return q < 0 ? -value : value;
}

/*
 * stats_two_sided_p
 *		P(|Z| >= |z|) for a standard normal Z.
 */
double
stats_two_sided_p(double z)
{
	return erfc(fabs(z) / M_SQRT2);
}

/*
 * stats_z_for_level
 *		The critical value z of a two-sided interval at a confidence level
 *		such as 0.95 (z = 1.959964...).  Levels outside (0, 1) are an error.
 */
double
stats_z_for_level(double level)
{
	if (isnan(level) || level <= 0.0 || level >= 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level %s is out of range", float8out_internal(level)),
				 errhint("Confidence levels are fractions between 0 and 1 (exclusive), such as 0.95.")));
	/* the lower tail, where (1 - level) / 2 keeps its precision */
	return -stats_normal_quantile((1.0 - level) / 2.0);
}

/*
 * Shares: Wilson score interval and the two-proportion z-test
 * -----------------------------------------------------------
 * share is a fraction 0..1 and n the (effective) number of answers.
 */

/*
 * stats_share_std_error
 *		Standard error of a share, sqrt(p (1 - p) / n).
 */
double
stats_share_std_error(double share, double n)
{
	return sqrt(share * (1.0 - share) / n);
}

/*
 * stats_wilson_interval
 *		Wilson's score interval for a share (Wilson 1927):
 *		(p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
 */
void
stats_wilson_interval(double share, double n, double z, double *lower, double *upper)
{
	double		z2n = z * z / n;
	double		denominator = 1.0 + z2n;
	double		center = (share + z2n / 2.0) / denominator;
	double		half = z * sqrt(share * (1.0 - share) / n + z2n / (4.0 * n)) / denominator;

	*lower = Max(0.0, center - half);
	*upper = Min(1.0, center + half);
}

/*
 * stats_two_proportion_p
 *		Two-sided p-value of the pooled two-proportion z-test.
 */
double
stats_two_proportion_p(double share1, double n1, double share2, double n2)
{
	double		pooled = (share1 * n1 + share2 * n2) / (n1 + n2);
	double		std_error = sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));

	/* everyone (or no one) satisfied on both sides: no difference at all */
	if (!(std_error > 0.0))
		return 1.0;
	return stats_two_sided_p((share1 - share2) / std_error);
}

/*
 * Means: normal interval and Welch's test
 * ---------------------------------------
 */

/* One step of the modified Lentz method: returns the factor for the result. */
static inline double
lentz_step(double term, double *c, double *d)
{
	const double tiny = 1e-300;

	*d = 1.0 + term * *d;
	if (fabs(*d) < tiny)
		*d = tiny;
	*c = 1.0 + term / *c;
	if (fabs(*c) < tiny)
		*c = tiny;
	*d = 1.0 / *d;
	return *d * *c;
}

/*
 * Continued fraction of the incomplete beta function, evaluated with the
 * modified Lentz method (as in Numerical Recipes' betacf).
 */
static double
incomplete_beta_fraction(double a, double b, double x)
{
	double		c = 1.0;
	double		d = 1.0 - (a + b) * x / (a + 1.0);
	double		result;
	int			m;

	if (fabs(d) < 1e-300)
		d = 1e-300;
	d = 1.0 / d;
	result = d;
	for (m = 1; m <= 1000; m++)
	{
		double		m2 = 2.0 * m;
		double		delta;

		result *= lentz_step(m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)), &c, &d);
		delta = lentz_step(-(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)), &c, &d);
		result *= delta;
		if (fabs(delta - 1.0) < 1e-16)
			break;
	}
	return result;
}

/*
 * Regularized incomplete beta function I_x(a, b).
 */
static double
regularized_incomplete_beta(double a, double b, double x)
{
	double		front;

	if (x <= 0.0)
		return 0.0;
	if (x >= 1.0)
		return 1.0;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
	/* the fraction converges fast on this side of the mean of the beta */
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * incomplete_beta_fraction(a, b, x) / a;
	return 1.0 - front * incomplete_beta_fraction(b, a, 1.0 - x) / b;
}

/*
 * stats_student_t_two_sided_p
 *		P(|T| >= |t|) for Student's t with df degrees of freedom (df may be
 *		fractional, as Welch's is): I_{df/(df+t^2)}(df/2, 1/2).
 */
double
stats_student_t_two_sided_p(double t, double df)
{
	if (isinf(t))
		return 0.0;
	return regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
}

/*
 * stats_welch_p
 *		Two-sided p-value of Welch's t-test that two means differ, from
 *		each sample's mean, sample variance and (effective) size.  The
 *		degrees of freedom are Welch-Satterthwaite's.
 */
double
stats_welch_p(double mean1, double variance1, double n1,
			  double mean2, double variance2, double n2)
{
	double		se1 = variance1 / n1;
	double		se2 = variance2 / n2;
	double		df;

	if (!(se1 + se2 > 0.0))
		return mean1 == mean2 ? 1.0 : 0.0;
	df = (se1 + se2) * (se1 + se2) /
		(se1 * se1 / (n1 - 1.0) + se2 * se2 / (n2 - 1.0));
	return stats_student_t_two_sided_p((mean1 - mean2) / sqrt(se1 + se2), df);
}
