/*-------------------------------------------------------------------------
 *
 * exact_sum.h
 *	  Exact sums of doubles, so that a window aggregate can remove a
 *	  weight it added and land exactly where a fresh sum would.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_EXACT_SUM_H
#define CX_EXACT_SUM_H

/* 32-bit digits of an exact sum: 16 cover 512 bits around the first value. */
#define EXACT_SUM_LIMBS 16

/*
 * A fixed-point number wide enough to hold any sum of doubles within
 * about 2^230 of the first nonzero value added, exactly: the value is
 * sum(limbs[i] * 2^(base + 32 i)).  Each limb holds a 32-bit digit plus
 * carries not yet propagated, so an addition touches at most three limbs.
 */
typedef struct ExactSum
{
	int32		base;			/* exponent of limb 0's lowest bit;
								 * EXACT_SUM_NO_BASE until the first nonzero
								 * value */
	int32		pending;		/* additions since carries were last
								 * propagated */
	int64		limbs[EXACT_SUM_LIMBS]; /* digits, least significant first */
} ExactSum;

#define EXACT_SUM_NO_BASE PG_INT32_MIN

extern void exact_sum_init(ExactSum *sum);
extern bool exact_sum_add(ExactSum *sum, double value);
extern double exact_sum_value(ExactSum *sum);

#endif							/* CX_EXACT_SUM_H */
