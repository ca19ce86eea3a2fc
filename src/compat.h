/*-------------------------------------------------------------------------
 *
 * compat.h
 *	  What differs between the PostgreSQL majors the extension builds
 *	  against (14 to 19), in one place.
 *
 * Each definition below gives the code one name for something that some
 * majors call or declare differently, under a PG_VERSION_NUM guard.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_COMPAT_H
#define CX_COMPAT_H

#include "postgres.h"

/*
 * The varlena macros (VARSIZE_ANY, VARDATA_ANY, ...) live in varatt.h from
 * 16 on, and postgres.h no longer includes it from 19 on.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * 18 marks functions that never return with pg_noreturn, written before
 * the declaration, and no longer has pg_attribute_noreturn().  Before 18
 * the same attribute (a GCC attribute, or nothing) is valid in front too.
 */
#if PG_VERSION_NUM < 180000
#define pg_noreturn pg_attribute_noreturn()
#endif

/* strtoi64() came with 15. */
#if PG_VERSION_NUM < 150000
#define strtoi64(str, endptr, base) ((int64) strtoll((str), (endptr), (base)))
#endif

/*
 * 19 replaced numeric_int4_opt_error(num, &have_error) by
 * numeric_int4_safe(num, escontext), which reports a soft error.
 */
#if PG_VERSION_NUM >= 190000
#include "nodes/miscnodes.h"
#include "utils/numeric.h"

static inline int32
numeric_int4_opt_error(Numeric num, bool *have_error)
{
	ErrorSaveContext escontext = {T_ErrorSaveContext};
	int32		result = numeric_int4_safe(num, (Node *) &escontext);

	*have_error = escontext.error_occurred;
	return result;
}
#endif

#endif							/* CX_COMPAT_H */
