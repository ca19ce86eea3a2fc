/*-------------------------------------------------------------------------
 *
 * exact_sum.c
 *	  Exact sums of doubles for the window (moving-aggregate) states.
 *
 * A floating-point sum cannot in general be undone: (a + b) - a need not
 * be b.  A window frame that slides adds one row and removes another at
 * every step, so its weight sums are kept here as wide fixed-point
 * numbers instead, where adding and removing are exact integer operations
 * and the value depends only on which rows are in the frame, never on the
 * order they came and went in.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "port/pg_bitutils.h"

#include "exact_sum.h"

#define DIGIT_BITS	32
#define DIGIT_MASK	((int64) 0xFFFFFFFF)

/* Propagate carries after this many additions (each adds < 2^34 to a limb). */
#define MAX_PENDING (1 << 28)

/*
 * exact_sum_init
 *		An empty sum (zero, no base yet).
 */
void
exact_sum_init(ExactSum *sum)
{
	memset(sum, 0, sizeof(ExactSum));
	sum->base = EXACT_SUM_NO_BASE;
}

/*
 * Propagate carries so that limbs 0..n-2 are digits in [0, 2^32) and the
 * top limb holds the rest: the one representation of the value.
 */
static void
exact_sum_normalize(ExactSum *sum)
{
	int			i;

	for (i = 0; i < EXACT_SUM_LIMBS - 1; i++)
	{
		int64		digit = sum->limbs[i] & DIGIT_MASK;

		/* exact floor division by 2^32, for negative limbs too */
		sum->limbs[i + 1] += (sum->limbs[i] - digit) / (DIGIT_MASK + 1);
		sum->limbs[i] = digit;
	}
	sum->pending = 0;
}

/*
 * exact_sum_add
 *		sum += value, exactly.  False (and the sum unchanged) when value is
 *		not finite or lies outside the range the sum's base can hold.
 */
bool
exact_sum_add(ExactSum *sum, double value)
{
	int			exponent;
	uint64		mantissa;
	int			shift;
	int			offset;
	int			limb;
	uint64		low;
	uint64		high;
	int64		parts[3];
	int			i;

	if (value == 0.0)
		return true;
	if (isnan(value) || isinf(value))
		return false;
	/* value = +- mantissa * 2^exponent, mantissa odd */
	mantissa = (uint64) ldexp(frexp(fabs(value), &exponent), 53);
	exponent -= 53;
	shift = pg_rightmost_one_pos64(mantissa);
	mantissa >>= shift;
	exponent += shift;

	/*
	 * The first value sets the base: its top bit lands 288 bits above it,
	 * leaving room for values about 2^230 times smaller (with all their
	 * 53 bits) and sums about 2^190 times larger.
	 */
	if (sum->base == EXACT_SUM_NO_BASE)
	{
		int			top = exponent + pg_leftmost_one_pos64(mantissa);
		int			base = top - 288;

		/* round down to a multiple of the digit size */
		sum->base = base - ((base % DIGIT_BITS) + DIGIT_BITS) % DIGIT_BITS;
	}
	offset = exponent - sum->base;
	if (offset < 0)
		return false;
	limb = offset / DIGIT_BITS;
	shift = offset % DIGIT_BITS;
	/* mantissa << shift, split into three digits (low 32 bits, then 21) */
	low = (mantissa & DIGIT_MASK) << shift;
	high = (mantissa >> DIGIT_BITS) << shift;
	parts[0] = (int64) (low & DIGIT_MASK);
	parts[1] = (int64) ((low >> DIGIT_BITS) + (high & DIGIT_MASK));
	parts[2] = (int64) (high >> DIGIT_BITS);
	/* the top limb only ever receives carries */
	for (i = 0; i < 3; i++)
		if (parts[i] != 0 && limb + i >= EXACT_SUM_LIMBS - 1)
			return false;
	for (i = 0; i < 3 && limb + i < EXACT_SUM_LIMBS - 1; i++)
		sum->limbs[limb + i] += value < 0 ? -parts[i] : parts[i];
	if (++sum->pending >= MAX_PENDING)
		exact_sum_normalize(sum);
	return true;
}

/*
 * exact_sum_value
 *		The sum as the nearest double, or very nearly: computed from the
 *		normalized digits, so the same set of values always gives the same
 *		double, whatever order they were added and removed in.
 */
double
exact_sum_value(ExactSum *sum)
{
	double		value = 0.0;
	int			i;

	if (sum->base == EXACT_SUM_NO_BASE)
		return 0.0;
	exact_sum_normalize(sum);
	for (i = EXACT_SUM_LIMBS - 1; i >= 0; i--)
		if (sum->limbs[i] != 0)
			value += ldexp((double) sum->limbs[i], sum->base + DIGIT_BITS * i);
	return value;
}
