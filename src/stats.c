/*-------------------------------------------------------------------------
 *
 * stats.c
 *	  Normal-distribution helpers shared by every metric's statistics.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
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
 * stats_two_proportion_p_diff
 *		Two-sided p-value of the pooled two-proportion z-test, given
 *		share1 - share2 computed more exactly than the difference of the
 *		two rounded shares: with billions of answers a real difference is a
 *		few units in the last place of each share, and the test statistic
 *		would keep only a few of its digits.
 */
double
stats_two_proportion_p_diff(double share1, double n1, double share2, double n2,
							double difference)
{
	double		pooled = (share1 * n1 + share2 * n2) / (n1 + n2);
	double		std_error = sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));

	/* everyone (or no one) satisfied on both sides: no difference at all */
	if (!(std_error > 0.0))
		return 1.0;
	return stats_two_sided_p(difference / std_error);
}

/*
 * stats_share_std_error_datum
 *		std_error(s) of a share, in points; NULL when the share or its
 *		sample size is undefined.
 */
Datum
stats_share_std_error_datum(FunctionCallInfo fcinfo, StatsShareOf share_of)
{
	StatsShare	share;

	if (!share_of(fcinfo, 0, &share) || !(share.n > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * stats_share_std_error(share.share, share.n));
}

/*
 * stats_share_bound
 *		ci_lower(s, level) or (upper) ci_upper(s, level): an end of the
 *		Wilson score interval of a share, in percent.  The level is checked
 *		first, also where the share is undefined.
 */
Datum
stats_share_bound(FunctionCallInfo fcinfo, StatsShareOf share_of, bool upper)
{
	double		z = stats_z_for_level(PG_GETARG_FLOAT8(1));
	StatsShare	share;
	double		lower_end;
	double		upper_end;

	if (!share_of(fcinfo, 0, &share) || !(share.n > 0.0))
		PG_RETURN_NULL();
	stats_wilson_interval(share.share, share.n, z, &lower_end, &upper_end);
	PG_RETURN_FLOAT8(100.0 * (upper ? upper_end : lower_end));
}

/*
 * stats_share_p_value
 *		p_value(a, b): the two-sided p-value of the pooled two-proportion
 *		z-test that the shares of arguments 0 and 1 differ, with their
 *		difference taken to about 32 digits (see
 *		stats_two_proportion_p_diff); NULL when a share or its sample size
 *		is undefined.
 */
Datum
stats_share_p_value(FunctionCallInfo fcinfo, StatsShareOf share_of)
{
	StatsShare	a;
	StatsShare	b;

	if (!share_of(fcinfo, 0, &a) || !share_of(fcinfo, 1, &b) ||
		!(a.n > 0.0) || !(b.n > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(stats_two_proportion_p_diff(a.share, a.n, b.share, b.n,
												 stats_dd_sub(a.exact, b.exact).hi));
}

/*
 * Double-double arithmetic
 * ------------------------
 * A value hi + lo with |lo| <= ulp(hi) / 2, about 32 significant digits:
 * enough to hold any count of a summary exactly and to divide, add and
 * subtract its sums without losing the digits a test statistic needs.
 * The error-free transformations are Knuth's two-sum and the fused
 * multiply-add two-product.
 */

/* a + b exactly, as a double-double. */
static inline StatsDD
dd_two_sum(double a, double b)
{
	StatsDD		r;
	double		v;

	r.hi = a + b;
	v = r.hi - a;
	r.lo = (a - (r.hi - v)) + (b - v);
	return r;
}

/*
 * stats_dd_from_int64
 *		A non-negative int64 exactly: its high and low 32 bits each fit a
 *		double, and two-sum adds them without rounding.
 */
StatsDD
stats_dd_from_int64(int64 value)
{
	double		high = (double) (value >> 32) * 4294967296.0;
	double		low = (double) (value & INT64CONST(0xffffffff));

	return dd_two_sum(high, low);
}

/*
 * stats_dd_from_double
 *		A double as a double-double.
 */
StatsDD
stats_dd_from_double(double value)
{
	StatsDD		r;

	r.hi = value;
	r.lo = 0.0;
	return r;
}

/*
 * stats_dd_add
 *		a + b.
 */
StatsDD
stats_dd_add(StatsDD a, StatsDD b)
{
	StatsDD		s = dd_two_sum(a.hi, b.hi);

	s.lo += a.lo + b.lo;
	return dd_two_sum(s.hi, s.lo);
}

/*
 * stats_dd_sub
 *		a - b.
 */
StatsDD
stats_dd_sub(StatsDD a, StatsDD b)
{
	b.hi = -b.hi;
	b.lo = -b.lo;
	return stats_dd_add(a, b);
}

/*
 * stats_dd_mul
 *		a * b.
 */
StatsDD
stats_dd_mul(StatsDD a, StatsDD b)
{
	double		p = a.hi * b.hi;
	double		e = fma(a.hi, b.hi, -p);

	e += a.hi * b.lo + a.lo * b.hi;
	return dd_two_sum(p, e);
}

/*
 * stats_dd_div
 *		a / b (b nonzero): a first quotient, then the quotient of the exact
 *		remainder.
 */
StatsDD
stats_dd_div(StatsDD a, StatsDD b)
{
	double		q1 = a.hi / b.hi;
	StatsDD		remainder = stats_dd_sub(a, stats_dd_mul(stats_dd_from_double(q1), b));
	double		q2 = remainder.hi / b.hi;

	remainder = stats_dd_sub(remainder, stats_dd_mul(stats_dd_from_double(q2), b));
	return stats_dd_add(dd_two_sum(q1, q2), stats_dd_from_double(remainder.hi / b.hi));
}

/*
 * Student's t distribution
 * ------------------------
 * The two-sided tail P(|T| >= t) of Student's t with df degrees of freedom
 * is the regularized incomplete beta function I_x(df/2, 1/2) at
 * x = df / (df + t^2).  Summaries hold up to 2^63 answers, so df runs to
 * about 1e19, where the textbook formula (a continued fraction whose
 * prefactor is exp of lgamma(a + b) - lgamma(a) - lgamma(b), differences of
 * numbers near df log df) keeps no digits at all.  As R's pbeta (TOMS 708,
 * Didonato and Morris 1992), the function is evaluated by the method that
 * is accurate where it is: power series near either end, the asymptotic
 * expansion for large a in between, the continued fraction only for small
 * a; and every log-gamma difference comes from Stirling's series with its
 * large terms cancelled by hand.  Relative error: about 1e-14.
 */

/*
 * Stirling's correction: log Gamma(z) - ((z - 1/2) log z - z + log(2 pi)/2),
 * for z >= 10, from its asymptotic series (error below 2e-18 there).
 */
static double
stirling_correction(double z)
{
	double		r = 1.0 / z;
	double		r2 = r * r;

	return r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680 +
				r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156 +
				r2 * (-3617.0 / 122400))))))));
}

/*
 * log Gamma(a + 1/2) - log Gamma(a), a > 0.  For large a the difference of
 * the two Stirling forms is written so that nothing near a log a cancels:
 * a log(1 + 1/2a) + log(a)/2 - 1/2 plus the corrections.
 */
static double
log_gamma_ratio_half(double a)
{
	if (a < 10.0)
		return lgamma(a + 0.5) - lgamma(a);
	return a * log1p(0.5 / a) + 0.5 * log(a) - 0.5 +
		stirling_correction(a + 0.5) - stirling_correction(a);
}

/* log B(a, 1/2) = log Gamma(a) + log Gamma(1/2) - log Gamma(a + 1/2). */
static double
log_beta_half(double a)
{
	return 0.5 * log(M_PI) - log_gamma_ratio_half(a);
}

/*
 * I_x(a, 1/2) by its power series, for x <= 0.71 (where it converges at
 * least as fast as 0.71^j and all terms are positive):
 * x^a / (a B(a, 1/2)) (1 + a sum_j (1/2)_j / j! x^j / (a + j)).
 * log_x is log x, which stays finite where x underflows.
 */
static double
beta_half_series(double a, double x, double log_x)
{
	double		term = 1.0;
	double		sum = 0.0;
	int			j;

	for (j = 1; j < 2000; j++)
	{
		double		add;

		term *= (j - 0.5) / j * x;
		add = term / (a + j);
		sum += add;
		if (add <= 1e-17 * sum)
			break;
	}
	return exp(a * log_x - log(a) - log_beta_half(a)) * (1.0 + a * sum);
}

/*
 * I_y(1/2, a) by its power series, for y < 0.1 with a y <= 0.5 (the far
 * side, where I_x(a, 1/2) = 1 - I_y(1/2, a) is near 1):
 * 2 y^(1/2) / B(a, 1/2) (1 + sum_j (1 - a)_j / j! y^j / (2 j + 1)).
 * The terms alternate for large a and shrink by at least a y / j.
 */
static double
beta_half_series_far(double a, double y)
{
	double		term = 1.0;
	double		sum = 0.0;
	int			j;

	for (j = 1; j < 2000; j++)
	{
		double		add;

		term *= (j - a) / j * y;
		add = term / (2.0 * j + 1.0);
		sum += add;
		if (fabs(add) <= 1e-17 * fabs(1.0 + sum))
			break;
	}
	return exp(0.5 * log(y) + M_LN2 - log_beta_half(a)) * (1.0 + sum);
}

/*
 * I_x(a, 1/2) for a > 15 by the asymptotic expansion of Didonato and
 * Morris (1992, section 9; TOMS 708's bgrat) with b = 1/2:
 *
 *	 I_x(a, b) = Gamma(a + b) / (Gamma(a) T^b) sum_n d_n J_n,
 *
 * with T = a + (b - 1)/2, u = -T log x, J_0 = Q(b, u) the regularized upper
 * incomplete gamma function (erfc(sqrt(u)) for b = 1/2), J_n from J_{n-1}
 * by a recurrence, and d_n coefficients of the expansion of
 * ((1 - e^-t)/t)^(b-1).  For large a the terms fall like (log x)^2 / a.
 * y = 1 - x, given separately so log x keeps its digits near 1.
 */
#define BETA_EXPANSION_TERMS 30

static double
beta_half_expansion(double a, double x, double y)
{
	const double b = 0.5;
	double		c[BETA_EXPANSION_TERMS];
	double		d[BETA_EXPANSION_TERMS];
	double		big_t = a + (b - 1.0) / 2.0;
	double		log_x = y > 0.375 ? log(x) : log1p(-y);
	double		u = -big_t * log_x;
	double		r = exp(-u) * sqrt(u / M_PI);	/* u^b e^-u / Gamma(b) */
	double		v = 0.25 / (big_t * big_t);
	double		half_log_x_squared = log_x * 0.25 * log_x;
	double		j = erfc(sqrt(u));
	double		sum = j;
	double		power = 1.0;	/* (log(x) / 2)^(2n - 2) */
	double		cn = 1.0;
	double		n2 = 0.0;
	int			n;

	for (n = 1; n <= BETA_EXPANSION_TERMS; n++)
	{
		double		bp2n = b + n2;
		double		s = 0.0;
		double		dj;
		int			i;

		j = (bp2n * (bp2n + 1.0) * j + (u + bp2n + 1.0) * power * r) * v;
		n2 += 2.0;
		power *= half_log_x_squared;
		cn /= n2 * (n2 + 1.0);
		c[n - 1] = cn;
		for (i = 1; i < n; i++)
			s += (i * b - n) * c[i - 1] * d[n - 1 - i];
		d[n - 1] = (b - 1.0) * cn + s / n;
		dj = d[n - 1] * j;
		sum += dj;
		if (fabs(dj) <= 1e-17 * sum)
			break;
	}
	return exp(log_gamma_ratio_half(a) - b * log(big_t)) * sum;
}

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
	for (m = 1; m <= 10000; m++)
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
 * I_x(a, 1/2) by the continued fraction, for a <= 15: few terms, and
 * log-gammas small enough that their difference keeps its digits.
 */
static double
beta_half_fraction(double a, double x, double y)
{
	const double b = 0.5;
	double		log_x = y > 0.375 ? log(x) : log1p(-y);
	double		front = exp(a * log_x + b * log(y) - log_beta_half(a));

	/* the fraction converges fast on this side of the mean of the beta */
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * incomplete_beta_fraction(a, b, x) / a;
	return 1.0 - front * incomplete_beta_fraction(b, a, y) / b;
}

/*
 * stats_student_t_two_sided_p
 *		P(|T| >= |t|) for Student's t with df > 0 degrees of freedom (df
 *		may be fractional, as Welch's is): I_x(df/2, 1/2) at
 *		x = df / (df + t^2), the method chosen by where x lies (as TOMS 708
 *		chooses).
 */
double
stats_student_t_two_sided_p(double t, double df)
{
	double		a = df / 2.0;
	double		t2 = t * t;
	double		x;
	double		y;

	if (isnan(t) || isnan(df) || !(df > 0.0))
		return get_float8_nan();
	if (isinf(t))
		return 0.0;
	if (isinf(df))
		return stats_two_sided_p(t);
	if (t2 == 0.0)
		return 1.0;

	/*
	 * x and y = 1 - x each from its own formula, so neither cancels; t^2
	 * may overflow where df / |t| / |t| does not, and log x stays finite
	 * where x underflows (tiny df and a huge t leave a p-value near 1/2).
	 */
	if (fabs(t) > sqrt(df))
	{
		double		ratio = df / fabs(t) / fabs(t);
		double		log_x = log(df) - 2.0 * log(fabs(t)) - log1p(ratio);

		x = exp(log_x);
		/* here y >= 1/2, so x <= 0.71 */
		return beta_half_series(a, x, log_x);
	}
	else
	{
		double		ratio = t2 / df;

		x = 1.0 / (1.0 + ratio);
		y = ratio / (1.0 + ratio);
	}
	if (x <= 0.71)
		return beta_half_series(a, x, log1p(-y));
	if (y < 0.1 && a * y <= 0.49)
		return 1.0 - beta_half_series_far(a, y);
	if (a > 15.0)
		return beta_half_expansion(a, x, y);
	return beta_half_fraction(a, x, y);
}

/*
 * log of the density of Student's t with df degrees of freedom at t.
 */
static double
student_t_log_density(double t, double df)
{
	double		log_spread;		/* log(1 + t^2 / df), without overflow */

	if (fabs(t) > 1e150)
		log_spread = 2.0 * log(fabs(t)) - log(df) + log1p(df / fabs(t) / fabs(t));
	else
		log_spread = log1p(t * t / df);
	return log_gamma_ratio_half(df / 2.0) - 0.5 * log(df * M_PI) -
		(df + 1.0) / 2.0 * log_spread;
}

/*
 * stats_t_for_level
 *		The critical value t of a two-sided interval at a confidence level
 *		such as 0.95 with df degrees of freedom: P(|T| >= t) = 1 - level.
 *		Levels outside (0, 1) are an error.
 *
 * Newton's method on log P(|T| >= t), whose derivative is -2 f(t) / P
 * with f the density, from the normal quantile with the first
 * Cornish-Fisher correction; every step stays inside a bracket that
 * shrinks, falling back to bisection, until t changes by less than 1e-15
 * of itself.  Infinity when even the largest double leaves more than
 * 1 - level in the tails (df far below 1).
 */
double
stats_t_for_level(double level, double df)
{
	double		z = stats_z_for_level(level);
	double		alpha = 1.0 - level;
	double		log_alpha;
	double		low = 0.0;
	double		high;
	double		t;
	int			i;

	if (isinf(df))
		return z;
	/* with a fraction of a degree of freedom the quantile can exceed double */
	if (stats_student_t_two_sided_p(DBL_MAX, df) >= alpha)
		return get_float8_infinity();
	log_alpha = log(alpha);
	t = z + (z * z * z + z) / (4.0 * df);
	/* a bracket: P(|T| >= high) < alpha */
	high = Max(t, 1.0);
	while (stats_student_t_two_sided_p(high, df) >= alpha)
	{
		low = high;
		high = high > DBL_MAX / 2.0 ? DBL_MAX : 2.0 * high;
	}
	if (!(t > low && t < high))
		t = (low + high) / 2.0;
	for (i = 0; i < 200; i++)
	{
		double		p = stats_student_t_two_sided_p(t, df);
		double		next;

		if (p == alpha)
			break;
		if (p > alpha)
			low = t;
		else
			high = t;
		/* Newton on log P: step = (log P - log alpha) / (2 f / P) */
		next = t + (log(p) - log_alpha) /
			(2.0 * exp(student_t_log_density(t, df) - log(p)));
		if (!(next > low && next < high))
			next = low + (high - low) / 2.0;
		if (fabs(next - t) <= 1e-15 * t || high - low <= 1e-15 * high)
		{
			t = next;
			break;
		}
		t = next;
	}
	return t;
}

/*
 * stats_welch_p
 *		Two-sided p-value of Welch's t-test that two means differ, from
 *		the difference of the means (computed by the caller without
 *		cancellation), each sample's sample variance and (effective) size.
 *		The degrees of freedom are Welch-Satterthwaite's.
 */
double
stats_welch_p(double difference, double variance1, double n1,
			  double variance2, double n2)
{
	double		se1 = variance1 / n1;
	double		se2 = variance2 / n2;
	double		df;

	if (!(se1 + se2 > 0.0))
		return difference == 0.0 ? 1.0 : 0.0;
	df = (se1 + se2) * (se1 + se2) /
		(se1 * se1 / (n1 - 1.0) + se2 * se2 / (n2 - 1.0));
	return stats_student_t_two_sided_p(difference / sqrt(se1 + se2), df);
}

/*
 * Design-based statistics of a weights-only design
 * ------------------------------------------------
 * Shared by the weighted rating summaries and revenue churn (whose
 * customers' revenue is the weight), so that both are R's survey package.
 */

/*
 * stats_design_variance
 *		The linearized variance of a weighted mean of a weights-only design
 *		(R's svymean over svydesign(ids = ~1, weights = ~w)):
 *		n / (n - 1) * B / W^2, with spread B = sum w^2 (x - mean)^2 and W
 *		the total weight.  responses (n) is at least 2.
 */
double
stats_design_variance(int64 responses, double weight_sum, double spread)
{
	return (double) responses / (double) (responses - 1) *
		(spread / weight_sum / weight_sum);
}

/*
 * stats_design_effective_n
 *		The effective sample size the design-based variance implies,
 *		W A / B with A = sum w (x - mean)^2 (given as A / W) and B =
 *		sum w^2 (x - mean)^2: the n for which S^2 / n is that variance.
 *		When every answer has the same x (B = 0) it is Kish's n, the limit
 *		for answers that differ by almost nothing.
 */
double
stats_design_effective_n(double weight_sum, double spread_per_weight,
						  double spread, double kish_n)
{
	double		root;
	double		n;

	if (!(spread > 0.0) || !(spread_per_weight > 0.0))
		return kish_n;
	/* W / sqrt(B) first, so that W^2 cannot overflow */
	root = weight_sum / sqrt(spread);
	n = root * root * spread_per_weight;
	return isfinite(n) ? n : kish_n;
}
