/*-------------------------------------------------------------------------
 *
 * survival.c
 *	  Kaplan-Meier survival on discrete ages, Greenwood's variance, the
 *	  log-log confidence interval and the log-rank test.
 *
 * Lifetimes are counted in whole steps.  A lifetime ending in an event at
 * age k is at risk at ages 0..k; one censored at age c is at risk at ages
 * 0..c, as in R's survfit, where a censoring at the time of an event still
 * counts in that event's risk set.  With n(j) at risk and d(j) events at
 * age j:
 *
 *	 S(k)         = prod over j = 1..k of (1 - d(j) / n(j))
 *	 var(log S(k)) = sum over j = 1..k of d(j) / (n(j) (n(j) - d(j)))
 *
 * (Greenwood).  The same formulas on weights (revenue) give the weighted
 * curve, as survfit computes it with case weights.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "stats.h"
#include "survival.h"

/*
 * survival_total
 *		Total weight of the lifetimes in the table.
 */
double
survival_total(const SurvivalTable *table)
{
	double		total = 0.0;
	int			i;

	for (i = 0; i < table->ages; i++)
		total += table->events[i] + table->censored[i];
	return total;
}

/*
 * survival_at
 *		The curve at an age >= 0.  False when no lifetime reaches the age:
 *		the curve is not defined there (R's summary(fit, times) drops such
 *		times).
 */
bool
survival_at(const SurvivalTable *table, int age, SurvivalPoint *point)
{
	double		total = survival_total(table);
	double		at_risk = total;
	double		survival = 1.0;
	double		greenwood = 0.0;
	int			j;

	if (age >= table->ages)
		return false;
	/* from age j to age j + 1: what ended at j leaves the risk set */
	for (j = 0; j < age; j++)
	{
		double		d = table->events[j + 1];

		at_risk -= table->events[j] + table->censored[j];
		if (d > 0.0)
		{
			survival *= 1.0 - d / at_risk;
			greenwood = at_risk > d ? greenwood + d / (at_risk * (at_risk - d)) : INFINITY;
		}
	}
	/* revenue sums: a rounding residue of what left is no one at risk */
	if (!(at_risk > 1e-12 * total))
		return false;
	point->at_risk = at_risk;
	point->events = table->events[age];
	point->censored = table->censored[age];
	point->survival = survival > 0.0 ? survival : 0.0;
	point->greenwood = greenwood;
	return true;
}

/*
 * survival_curve
 *		The curve at every age of the table, into points[0..ages-1], in
 *		one pass; returns how many leading ages have someone at risk (the
 *		points past them are not defined).
 */
int
survival_curve(const SurvivalTable *table, SurvivalPoint *points)
{
	double		total = survival_total(table);
	double		at_risk = total;
	double		survival = 1.0;
	double		greenwood = 0.0;
	int			j;

	for (j = 0; j < table->ages; j++)
	{
		double		d = table->events[j];

		if (j > 0)
			at_risk -= table->events[j - 1] + table->censored[j - 1];
		if (!(at_risk > 1e-12 * total))
			return j;
		if (d > 0.0)
		{
			survival *= 1.0 - d / at_risk;
			greenwood = at_risk > d ? greenwood + d / (at_risk * (at_risk - d)) : INFINITY;
		}
		points[j].at_risk = at_risk;
		points[j].events = d;
		points[j].censored = table->censored[j];
		points[j].survival = survival > 0.0 ? survival : 0.0;
		points[j].greenwood = greenwood;
	}
	return table->ages;
}

/*
 * survival_std_error
 *		Standard error of S(k), S(k) sqrt(Greenwood) (survfit's std.err
 *		times the survival, as summary.survfit reports it); 0 once the
 *		curve is 0.
 */
double
survival_std_error(const SurvivalPoint *point)
{
	if (point->survival == 0.0)
		return 0.0;
	return point->survival * sqrt(point->greenwood);
}

/*
 * survival_loglog_interval
 *		The log-log interval of S(k) (survfit's conf.type = "log-log"):
 *		exp(-exp(log(-log S) -+ z se / log S)) with se = sqrt(Greenwood).
 *		[1, 1] before the first event, as survfit gives; false once the
 *		curve is 0 (survfit gives NA).
 */
bool
survival_loglog_interval(const SurvivalPoint *point, double z,
						 double *lower, double *upper)
{
	double		s = point->survival;
	double		log_s;
	double		shift;
	double		a;
	double		b;

	if (s == 1.0)
	{
		*lower = *upper = 1.0;
		return true;
	}
	if (!(s > 0.0) || isinf(point->greenwood))
		return false;
	log_s = log(s);
	shift = z * sqrt(point->greenwood) / log_s;
	a = exp(-exp(log(-log_s) + shift));
	b = exp(-exp(log(-log_s) - shift));
	*lower = Min(a, b);
	*upper = Max(a, b);
	return true;
}

/*
 * survival_logrank_p
 *		Two-sided p-value of the log-rank test that two tables come from
 *		one curve (R's survdiff, rho = 0): the observed minus expected
 *		events of the first, squared over its hypergeometric variance, is
 *		chi-squared with 1 degree of freedom.  False when the variance is
 *		0 (no event in either, or no age where both are at risk).
 */
bool
survival_logrank_p(const SurvivalTable *a, const SurvivalTable *b, double *p)
{
	double		n1 = survival_total(a);
	double		n2 = survival_total(b);
	double		observed_minus_expected = 0.0;
	double		variance = 0.0;
	int			ages = Max(a->ages, b->ages);
	int			i;

	for (i = 0; i < ages; i++)
	{
		double		d1 = i < a->ages ? a->events[i] : 0.0;
		double		d2 = i < b->ages ? b->events[i] : 0.0;
		double		c1 = i < a->ages ? a->censored[i] : 0.0;
		double		c2 = i < b->ages ? b->censored[i] : 0.0;
		double		n = n1 + n2;
		double		d = d1 + d2;

		if (d > 0.0 && n > 0.0)
		{
			observed_minus_expected += d1 - d * n1 / n;
			if (n > 1.0)
				variance += d * (n1 / n) * (n2 / n) * (n - d) / (n - 1.0);
		}
		n1 -= d1 + c1;
		n2 -= d2 + c2;
	}
	if (!(variance > 0.0))
		return false;
	*p = stats_two_sided_p(observed_minus_expected / sqrt(variance));
	return true;
}
