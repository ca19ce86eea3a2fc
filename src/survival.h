/*-------------------------------------------------------------------------
 *
 * survival.h
 *	  Survival analysis on discrete ages: Kaplan-Meier, Greenwood's
 *	  variance, the log-log interval and the log-rank test, as R's survival
 *	  package computes them (survfit, survdiff).
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_SURVIVAL_H
#define CX_SURVIVAL_H

/*
 * A lifetime table: per age 0..ages-1, the weight (a count, or revenue)
 * of the lifetimes ending in an event at that age and of those censored
 * there.  Events happen at ages 1 and later.
 */
typedef struct SurvivalTable
{
	int			ages;			/* number of ages in the arrays */
	const double *events;		/* events per age */
	const double *censored;		/* censorings per age */
} SurvivalTable;

/* The curve at one age: what the accessors read. */
typedef struct SurvivalPoint
{
	double		at_risk;		/* weight of the lifetimes reaching the age */
	double		events;			/* weight of the events at the age */
	double		censored;		/* weight censored at the age */
	double		survival;		/* Kaplan-Meier survival, 0..1 */
	double		greenwood;		/* Greenwood's sum: the variance of log S */
} SurvivalPoint;

extern double survival_total(const SurvivalTable *table);
extern bool survival_at(const SurvivalTable *table, int age, SurvivalPoint *point);
extern int	survival_curve(const SurvivalTable *table, SurvivalPoint *points);
extern double survival_std_error(const SurvivalPoint *point);
extern bool survival_loglog_interval(const SurvivalPoint *point, double z,
									 double *lower, double *upper);
extern bool survival_logrank_p(const SurvivalTable *a, const SurvivalTable *b,
							   double *p);

#endif							/* CX_SURVIVAL_H */
