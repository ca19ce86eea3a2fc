/*-------------------------------------------------------------------------
 *
 * cx_metrics.c
 *	  Customer-experience analytics for PostgreSQL: the module itself.
 *
 * One file per concern: rating_summary.c (the summary core shared by the
 * rating metrics), nps.c, stats.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
