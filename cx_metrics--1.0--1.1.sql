/* cx_metrics--1.0--1.1.sql: update from version 1.0 to 1.1 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION cx_metrics UPDATE TO '1.1'" to load this file. \quit

/*
 * The aggregates' support functions are not for calling: their transition,
 * inverse transition, subtract, final and window-state functions assume
 * the aggregate that calls them (a state built by its own transitions, a
 * final function at the end, an inverse only for rows added before), so a
 * direct call or a user-defined aggregate built on them could make summaries
 * the summary input rejects.  Only the owner of the extension's objects
 * (the bootstrap superuser, also for a trusted install) keeps EXECUTE on
 * them; PostgreSQL checks an aggregate's support functions against the
 * aggregate's owner, not against the user who runs it, so every aggregate,
 * window form and parallel plan works for everyone as before.
 *
 * Still executable by PUBLIC: the combine functions (they are the +
 * operators), the = and <> functions, the type I/O and hash functions and
 * the accessors nps, csat, ces and churn (also final functions of the
 * direct aggregates).
 */

-- nps_summary: transition, inverse transition, subtract and final functions, window state
REVOKE EXECUTE ON FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_trans_int2(@extschema@.nps_summary, smallint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_trans_int2_weighted(@extschema@.nps_summary, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_trans_numeric(@extschema@.nps_summary, numeric) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_trans_numeric_weighted(@extschema@.nps_summary, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_trans_weighted(@extschema@.nps_summary, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_inv(@extschema@.nps_summary, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_inv_int2(@extschema@.nps_summary, smallint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_inv_int2_weighted(@extschema@.nps_summary, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_inv_numeric(@extschema@.nps_summary, numeric) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_inv_numeric_weighted(@extschema@.nps_summary, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_inv_weighted(@extschema@.nps_summary, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_summary_final(@extschema@.nps_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_summary_subtract(@extschema@.nps_summary, @extschema@.nps_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_summary_window_final(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_window_combine(internal, @extschema@.nps_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_window_final(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_window_inv_int2_weighted(internal, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_window_inv_numeric_weighted(internal, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_window_inv_weighted(internal, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_window_subtract(internal, @extschema@.nps_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_window_trans_int2_weighted(internal, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_window_trans_numeric_weighted(internal, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.nps_window_trans_weighted(internal, integer, double precision) FROM PUBLIC;

-- csat_summary: transition, inverse transition, subtract and final functions, window state
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, integer, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_int2(@extschema@.csat_summary, smallint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_int2(@extschema@.csat_summary, smallint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_int2(@extschema@.csat_summary, smallint, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_int2_weighted(@extschema@.csat_summary, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_int2_weighted(@extschema@.csat_summary, smallint, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_int2_weighted(@extschema@.csat_summary, smallint, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_numeric(@extschema@.csat_summary, numeric) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_numeric(@extschema@.csat_summary, numeric, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_numeric(@extschema@.csat_summary, numeric, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_numeric_weighted(@extschema@.csat_summary, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_numeric_weighted(@extschema@.csat_summary, numeric, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_numeric_weighted(@extschema@.csat_summary, numeric, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_weighted(@extschema@.csat_summary, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_weighted(@extschema@.csat_summary, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_trans_weighted(@extschema@.csat_summary, integer, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv(@extschema@.csat_summary, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv(@extschema@.csat_summary, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv(@extschema@.csat_summary, integer, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_int2(@extschema@.csat_summary, smallint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_int2(@extschema@.csat_summary, smallint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_int2(@extschema@.csat_summary, smallint, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_int2_weighted(@extschema@.csat_summary, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_int2_weighted(@extschema@.csat_summary, smallint, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_int2_weighted(@extschema@.csat_summary, smallint, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_numeric(@extschema@.csat_summary, numeric) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_numeric(@extschema@.csat_summary, numeric, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_numeric(@extschema@.csat_summary, numeric, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_numeric_weighted(@extschema@.csat_summary, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_numeric_weighted(@extschema@.csat_summary, numeric, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_numeric_weighted(@extschema@.csat_summary, numeric, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_weighted(@extschema@.csat_summary, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_weighted(@extschema@.csat_summary, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_inv_weighted(@extschema@.csat_summary, integer, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_summary_final(@extschema@.csat_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_summary_subtract(@extschema@.csat_summary, @extschema@.csat_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_summary_window_final(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_combine(internal, @extschema@.csat_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_final(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_inv_int2_weighted(internal, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_inv_int2_weighted(internal, smallint, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_inv_int2_weighted(internal, smallint, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_inv_numeric_weighted(internal, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_inv_numeric_weighted(internal, numeric, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_inv_numeric_weighted(internal, numeric, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_inv_weighted(internal, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_inv_weighted(internal, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_inv_weighted(internal, integer, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_subtract(internal, @extschema@.csat_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_trans_int2_weighted(internal, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_trans_int2_weighted(internal, smallint, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_trans_int2_weighted(internal, smallint, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_trans_numeric_weighted(internal, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_trans_numeric_weighted(internal, numeric, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_trans_numeric_weighted(internal, numeric, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_trans_weighted(internal, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_trans_weighted(internal, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.csat_window_trans_weighted(internal, integer, integer, integer, double precision) FROM PUBLIC;

-- ces_summary: transition, inverse transition, subtract and final functions, window state
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_int2(@extschema@.ces_summary, smallint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_int2(@extschema@.ces_summary, smallint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_int2_weighted(@extschema@.ces_summary, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_int2_weighted(@extschema@.ces_summary, smallint, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_numeric(@extschema@.ces_summary, numeric) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_numeric(@extschema@.ces_summary, numeric, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_numeric_weighted(@extschema@.ces_summary, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_numeric_weighted(@extschema@.ces_summary, numeric, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_weighted(@extschema@.ces_summary, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_trans_weighted(@extschema@.ces_summary, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv(@extschema@.ces_summary, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv(@extschema@.ces_summary, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_int2(@extschema@.ces_summary, smallint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_int2(@extschema@.ces_summary, smallint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_int2_weighted(@extschema@.ces_summary, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_int2_weighted(@extschema@.ces_summary, smallint, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_numeric(@extschema@.ces_summary, numeric) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_numeric(@extschema@.ces_summary, numeric, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_numeric_weighted(@extschema@.ces_summary, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_numeric_weighted(@extschema@.ces_summary, numeric, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_weighted(@extschema@.ces_summary, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_inv_weighted(@extschema@.ces_summary, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_summary_final(@extschema@.ces_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_summary_subtract(@extschema@.ces_summary, @extschema@.ces_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_summary_window_final(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_combine(internal, @extschema@.ces_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_final(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_inv_int2_weighted(internal, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_inv_int2_weighted(internal, smallint, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_inv_numeric_weighted(internal, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_inv_numeric_weighted(internal, numeric, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_inv_weighted(internal, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_inv_weighted(internal, integer, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_subtract(internal, @extschema@.ces_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_trans_int2_weighted(internal, smallint, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_trans_int2_weighted(internal, smallint, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_trans_numeric_weighted(internal, numeric, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_trans_numeric_weighted(internal, numeric, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_trans_weighted(internal, integer, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.ces_window_trans_weighted(internal, integer, integer, double precision) FROM PUBLIC;

-- churn_summary: transition, inverse transition, subtract and final functions, window state
REVOKE EXECUTE ON FUNCTION @extschema@.churn_trans(@extschema@.churn_summary, daterange, daterange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_trans(@extschema@.churn_summary, tsrange, tsrange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_trans(@extschema@.churn_summary, tstzrange, tstzrange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_trans_revenue(@extschema@.churn_summary, daterange, daterange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_trans_revenue(@extschema@.churn_summary, tsrange, tsrange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_trans_revenue(@extschema@.churn_summary, tstzrange, tstzrange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_inv(@extschema@.churn_summary, daterange, daterange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_inv(@extschema@.churn_summary, tsrange, tsrange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_inv(@extschema@.churn_summary, tstzrange, tstzrange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_inv_revenue(@extschema@.churn_summary, daterange, daterange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_inv_revenue(@extschema@.churn_summary, tsrange, tsrange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_inv_revenue(@extschema@.churn_summary, tstzrange, tstzrange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_summary_final(@extschema@.churn_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_summary_subtract(@extschema@.churn_summary, @extschema@.churn_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_summary_window_final(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_combine(internal, @extschema@.churn_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_final(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_inv(internal, daterange, daterange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_inv(internal, tsrange, tsrange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_inv(internal, tstzrange, tstzrange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_inv_revenue(internal, daterange, daterange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_inv_revenue(internal, tsrange, tsrange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_inv_revenue(internal, tstzrange, tstzrange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_subtract(internal, @extschema@.churn_summary) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_trans(internal, daterange, daterange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_trans(internal, tsrange, tsrange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_trans(internal, tstzrange, tstzrange) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_trans_revenue(internal, daterange, daterange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_trans_revenue(internal, tsrange, tsrange, double precision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.churn_window_trans_revenue(internal, tstzrange, tstzrange, double precision) FROM PUBLIC;
