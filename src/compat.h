/*-------------------------------------------------------------------------
 *
 * compat.h
 *	  What differs between the PostgreSQL majors the extension builds
 *	  against (14 to 19), in one place.
 *
 * The code is written for the newest server; each definition below
 * supplies, for the older majors, what that server has and they lack.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_COMPAT_H
#define CX_COMPAT_H

#include "postgres.h"

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

#endif							/* CX_COMPAT_H */
