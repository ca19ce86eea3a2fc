/* cx_metrics--1.1.sql: customer-experience analytics, version 1.1 */
/* made by make from cx_metrics--1.0.sql and cx_metrics--1.0--1.1.sql: edit those */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION cx_metrics" to load this file. \quit

/*
 * Every object is created and referenced through @extschema@, so nothing
 * here depends on the search_path of the user who installs it.
 */

------------------------------------------------------------------------------
-- nps_summary: the summary of a set of NPS answers (0..10)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.nps_summary;

CREATE FUNCTION @extschema@.nps_summary_in(cstring)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_out(@extschema@.nps_summary)
RETURNS cstring
AS 'MODULE_PATHNAME', 'rating_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_recv(internal)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_send(@extschema@.nps_summary)
RETURNS bytea
AS 'MODULE_PATHNAME', 'rating_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.nps_summary (
	INPUT = @extschema@.nps_summary_in,
	OUTPUT = @extschema@.nps_summary_out,
	RECEIVE = @extschema@.nps_summary_recv,
	SEND = @extschema@.nps_summary_send,
	INTERNALLENGTH = 192,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.nps_summary IS
'Counts (and survey weights) of NPS answers per score 0..10; text form {"version": 1, "scale": [0, 10], "counts": [...]}';
COMMENT ON FUNCTION @extschema@.nps_summary_in(cstring) IS 'text input of nps_summary';
COMMENT ON FUNCTION @extschema@.nps_summary_out(@extschema@.nps_summary) IS 'text output of nps_summary';
COMMENT ON FUNCTION @extschema@.nps_summary_recv(internal) IS 'binary input of nps_summary';
COMMENT ON FUNCTION @extschema@.nps_summary_send(@extschema@.nps_summary) IS 'binary output of nps_summary';

-- transition functions: one per argument shape; the state is updated in place

CREATE FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, integer)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_trans_int2(@extschema@.nps_summary, smallint)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_trans_weighted(@extschema@.nps_summary, integer, double precision)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_trans_int2_weighted(@extschema@.nps_summary, smallint, double precision)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_trans_numeric(@extschema@.nps_summary, numeric)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_trans_numeric_weighted(@extschema@.nps_summary, numeric, double precision)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

-- inverse transition functions for moving (window) aggregation

CREATE FUNCTION @extschema@.nps_inv(@extschema@.nps_summary, integer)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_inv_int2(@extschema@.nps_summary, smallint)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inv_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_inv_weighted(@extschema@.nps_summary, integer, double precision)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_inv_int2_weighted(@extschema@.nps_summary, smallint, double precision)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_inv_numeric(@extschema@.nps_summary, numeric)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inv_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_inv_numeric_weighted(@extschema@.nps_summary, numeric, double precision)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, integer) IS
'transition function of nps_agg(integer) and nps_summary(integer)';
COMMENT ON FUNCTION @extschema@.nps_trans_int2(@extschema@.nps_summary, smallint) IS
'transition function of nps_agg(smallint) and nps_summary(smallint)';
COMMENT ON FUNCTION @extschema@.nps_trans_weighted(@extschema@.nps_summary, integer, double precision) IS
'transition function of nps_agg(integer, double precision) and nps_summary(integer, double precision)';
COMMENT ON FUNCTION @extschema@.nps_trans_int2_weighted(@extschema@.nps_summary, smallint, double precision) IS
'transition function of nps_agg(smallint, double precision) and nps_summary(smallint, double precision)';
COMMENT ON FUNCTION @extschema@.nps_trans_numeric(@extschema@.nps_summary, numeric) IS
'transition function of nps_agg(numeric) and nps_summary(numeric)';
COMMENT ON FUNCTION @extschema@.nps_trans_numeric_weighted(@extschema@.nps_summary, numeric, double precision) IS
'transition function of nps_agg(numeric, double precision) and nps_summary(numeric, double precision)';
COMMENT ON FUNCTION @extschema@.nps_inv(@extschema@.nps_summary, integer) IS
'inverse transition (window frames) of nps_agg(integer) and nps_summary(integer)';
COMMENT ON FUNCTION @extschema@.nps_inv_int2(@extschema@.nps_summary, smallint) IS
'inverse transition (window frames) of nps_agg(smallint) and nps_summary(smallint)';
COMMENT ON FUNCTION @extschema@.nps_inv_weighted(@extschema@.nps_summary, integer, double precision) IS
'inverse transition (window frames) of nps_agg(integer, double precision) and nps_summary(integer, double precision)';
COMMENT ON FUNCTION @extschema@.nps_inv_int2_weighted(@extschema@.nps_summary, smallint, double precision) IS
'inverse transition (window frames) of nps_agg(smallint, double precision) and nps_summary(smallint, double precision)';
COMMENT ON FUNCTION @extschema@.nps_inv_numeric(@extschema@.nps_summary, numeric) IS
'inverse transition (window frames) of nps_agg(numeric) and nps_summary(numeric)';
COMMENT ON FUNCTION @extschema@.nps_inv_numeric_weighted(@extschema@.nps_summary, numeric, double precision) IS
'inverse transition (window frames) of nps_agg(numeric, double precision) and nps_summary(numeric, double precision)';

-- combining, comparing and finishing summaries

CREATE FUNCTION @extschema@.nps_summary_combine(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'rating_summary_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_subtract(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'rating_summary_subtract'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_final(@extschema@.nps_summary)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'rating_summary_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_eq(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'rating_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_ne(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'rating_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.nps_summary_combine(@extschema@.nps_summary, @extschema@.nps_summary) IS
'a + b: the summary of both sets of answers (also the aggregates'' combine function)';
COMMENT ON FUNCTION @extschema@.nps_summary_subtract(@extschema@.nps_summary, @extschema@.nps_summary) IS
'inverse transition (window frames) of the roll-up aggregates over nps_summary';
COMMENT ON FUNCTION @extschema@.nps_summary_final(@extschema@.nps_summary) IS
'final function of the nps_summary aggregates: NULL when no answers were aggregated';
COMMENT ON FUNCTION @extschema@.nps_summary_eq(@extschema@.nps_summary, @extschema@.nps_summary) IS
'a = b: same counts and weights';
COMMENT ON FUNCTION @extschema@.nps_summary_ne(@extschema@.nps_summary, @extschema@.nps_summary) IS
'a <> b';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.nps_summary,
	RIGHTARG = @extschema@.nps_summary,
	FUNCTION = @extschema@.nps_summary_combine,
	COMMUTATOR = OPERATOR(@extschema@.+)
);

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.nps_summary,
	RIGHTARG = @extschema@.nps_summary,
	FUNCTION = @extschema@.nps_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>),
	HASHES,
	RESTRICT = eqsel,
	JOIN = eqjoinsel
);

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.nps_summary,
	RIGHTARG = @extschema@.nps_summary,
	FUNCTION = @extschema@.nps_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel,
	JOIN = neqjoinsel
);

COMMENT ON OPERATOR @extschema@.+ (@extschema@.nps_summary, @extschema@.nps_summary) IS
'combine two NPS summaries';
COMMENT ON OPERATOR @extschema@.= (@extschema@.nps_summary, @extschema@.nps_summary) IS
'NPS summaries are equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.nps_summary, @extschema@.nps_summary) IS
'NPS summaries differ';

-- accessors

CREATE FUNCTION @extschema@.nps(@extschema@.nps_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'nps_summary_nps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.promoters(@extschema@.nps_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'nps_summary_promoters'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.passives(@extschema@.nps_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'nps_summary_passives'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.detractors(@extschema@.nps_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'nps_summary_detractors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.responses(@extschema@.nps_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'rating_summary_responses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.mean(@extschema@.nps_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.distribution(@extschema@.nps_summary)
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'rating_summary_distribution'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.share(@extschema@.nps_summary, from_score integer, to_score integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.nps(@extschema@.nps_summary) IS
'Net Promoter Score: percent promoters (9-10) minus percent detractors (0-6), -100..100';
COMMENT ON FUNCTION @extschema@.promoters(@extschema@.nps_summary) IS
'percent of answers (by weight) that are promoters, 9-10';
COMMENT ON FUNCTION @extschema@.passives(@extschema@.nps_summary) IS
'percent of answers (by weight) that are passives, 7-8';
COMMENT ON FUNCTION @extschema@.detractors(@extschema@.nps_summary) IS
'percent of answers (by weight) that are detractors, 0-6';
COMMENT ON FUNCTION @extschema@.responses(@extschema@.nps_summary) IS
'number of answers (rows) in the summary';
COMMENT ON FUNCTION @extschema@.mean(@extschema@.nps_summary) IS
'mean score 0..10 (weighted)';
COMMENT ON FUNCTION @extschema@.distribution(@extschema@.nps_summary) IS
'answers per score as bigint[] subscripted 0..10 by the score';
COMMENT ON FUNCTION @extschema@.share(@extschema@.nps_summary, integer, integer) IS
'percent of answers (by weight) with a score from from_score to to_score';

-- statistics: adjusted Wald (Rocks 2016), Kish effective n for weights

CREATE FUNCTION @extschema@.std_error(@extschema@.nps_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'nps_summary_std_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ci_lower(@extschema@.nps_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'nps_summary_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ci_upper(@extschema@.nps_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'nps_summary_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.p_value(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'nps_summary_p_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.std_error(@extschema@.nps_summary) IS
'adjusted-Wald standard error of the NPS, in points';
COMMENT ON FUNCTION @extschema@.ci_lower(@extschema@.nps_summary, double precision) IS
'lower end of the adjusted-Wald confidence interval of the NPS (default level 0.95)';
COMMENT ON FUNCTION @extschema@.ci_upper(@extschema@.nps_summary, double precision) IS
'upper end of the adjusted-Wald confidence interval of the NPS (default level 0.95)';
COMMENT ON FUNCTION @extschema@.p_value(@extschema@.nps_summary, @extschema@.nps_summary) IS
'two-sided p-value that two NPS differ (z-test on adjusted-Wald estimates)';

-- scalar helper

CREATE FUNCTION @extschema@.nps_category(score integer)
RETURNS text
AS 'MODULE_PATHNAME', 'nps_category'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_category(score smallint)
RETURNS text
AS 'MODULE_PATHNAME', 'nps_category_int2'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_category(score numeric)
RETURNS text
AS 'MODULE_PATHNAME', 'nps_category_numeric'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.nps_category(integer) IS
'''detractor'' (0-6), ''passive'' (7-8) or ''promoter'' (9-10)';
COMMENT ON FUNCTION @extschema@.nps_category(smallint) IS
'''detractor'' (0-6), ''passive'' (7-8) or ''promoter'' (9-10)';
COMMENT ON FUNCTION @extschema@.nps_category(numeric) IS
'''detractor'' (0-6), ''passive'' (7-8) or ''promoter'' (9-10), for a whole numeric score';

-- moving-aggregate (window) state of the weighted and roll-up aggregates:
-- internal, so that weight sums can be kept exactly (see exact_sum.c)

CREATE FUNCTION @extschema@.nps_window_trans_weighted(internal, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'nps_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_window_inv_weighted(internal, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'nps_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_window_trans_int2_weighted(internal, smallint, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'nps_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_window_inv_int2_weighted(internal, smallint, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'nps_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_window_trans_numeric_weighted(internal, numeric, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'nps_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_window_inv_numeric_weighted(internal, numeric, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'nps_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_window_combine(internal, @extschema@.nps_summary)
RETURNS internal
AS 'MODULE_PATHNAME', 'rating_summary_combine'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_window_subtract(internal, @extschema@.nps_summary)
RETURNS internal
AS 'MODULE_PATHNAME', 'rating_summary_subtract'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_window_final(internal)
RETURNS double precision
AS 'MODULE_PATHNAME', 'nps_window_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_window_final(internal)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'rating_window_summary_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.nps_window_trans_weighted(internal, integer, double precision) IS
'moving-aggregate transition of nps_summary(integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.nps_window_inv_weighted(internal, integer, double precision) IS
'moving-aggregate inverse transition of nps_summary(integer, double precision)';
COMMENT ON FUNCTION @extschema@.nps_window_trans_int2_weighted(internal, smallint, double precision) IS
'moving-aggregate transition of nps_summary(smallint, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.nps_window_inv_int2_weighted(internal, smallint, double precision) IS
'moving-aggregate inverse transition of nps_summary(smallint, double precision)';
COMMENT ON FUNCTION @extschema@.nps_window_trans_numeric_weighted(internal, numeric, double precision) IS
'moving-aggregate transition of nps_summary(numeric, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.nps_window_inv_numeric_weighted(internal, numeric, double precision) IS
'moving-aggregate inverse transition of nps_summary(numeric, double precision)';
COMMENT ON FUNCTION @extschema@.nps_window_combine(internal, @extschema@.nps_summary) IS
'moving-aggregate transition of the roll-up aggregates over nps_summary, with exact weight sums';
COMMENT ON FUNCTION @extschema@.nps_window_subtract(internal, @extschema@.nps_summary) IS
'moving-aggregate inverse transition of the roll-up aggregates over nps_summary';
COMMENT ON FUNCTION @extschema@.nps_window_final(internal) IS
'moving-aggregate final function of the weighted and roll-up nps_agg: the NPS of the window state';
COMMENT ON FUNCTION @extschema@.nps_summary_window_final(internal) IS
'moving-aggregate final function of the weighted and roll-up nps_summary: the window state as a summary';


-- aggregates: direct (double precision) and summary-building

CREATE AGGREGATE @extschema@.nps_agg(score integer) (
	SFUNC = @extschema@.nps_trans,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_trans,
	MINVFUNC = @extschema@.nps_inv,
	MSTYPE = @extschema@.nps_summary,
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_agg(score smallint) (
	SFUNC = @extschema@.nps_trans_int2,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_trans_int2,
	MINVFUNC = @extschema@.nps_inv_int2,
	MSTYPE = @extschema@.nps_summary,
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_agg(score integer, weight double precision) (
	SFUNC = @extschema@.nps_trans_weighted,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_window_trans_weighted,
	MINVFUNC = @extschema@.nps_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.nps_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_agg(score smallint, weight double precision) (
	SFUNC = @extschema@.nps_trans_int2_weighted,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_window_trans_int2_weighted,
	MINVFUNC = @extschema@.nps_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.nps_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_agg(score numeric) (
	SFUNC = @extschema@.nps_trans_numeric,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_trans_numeric,
	MINVFUNC = @extschema@.nps_inv_numeric,
	MSTYPE = @extschema@.nps_summary,
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_agg(score numeric, weight double precision) (
	SFUNC = @extschema@.nps_trans_numeric_weighted,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.nps_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.nps_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_agg(@extschema@.nps_summary) (
	SFUNC = @extschema@.nps_summary_combine,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_window_combine,
	MINVFUNC = @extschema@.nps_window_subtract,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.nps_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_summary(score integer) (
	SFUNC = @extschema@.nps_trans,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps_summary_final,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_trans,
	MINVFUNC = @extschema@.nps_inv,
	MSTYPE = @extschema@.nps_summary,
	MFINALFUNC = @extschema@.nps_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_summary(score smallint) (
	SFUNC = @extschema@.nps_trans_int2,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps_summary_final,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_trans_int2,
	MINVFUNC = @extschema@.nps_inv_int2,
	MSTYPE = @extschema@.nps_summary,
	MFINALFUNC = @extschema@.nps_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_summary(score integer, weight double precision) (
	SFUNC = @extschema@.nps_trans_weighted,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps_summary_final,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_window_trans_weighted,
	MINVFUNC = @extschema@.nps_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.nps_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_summary(score smallint, weight double precision) (
	SFUNC = @extschema@.nps_trans_int2_weighted,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps_summary_final,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_window_trans_int2_weighted,
	MINVFUNC = @extschema@.nps_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.nps_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_summary(score numeric) (
	SFUNC = @extschema@.nps_trans_numeric,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps_summary_final,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_trans_numeric,
	MINVFUNC = @extschema@.nps_inv_numeric,
	MSTYPE = @extschema@.nps_summary,
	MFINALFUNC = @extschema@.nps_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_summary(score numeric, weight double precision) (
	SFUNC = @extschema@.nps_trans_numeric_weighted,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps_summary_final,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.nps_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.nps_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.nps_summary(@extschema@.nps_summary) (
	SFUNC = @extschema@.nps_summary_combine,
	STYPE = @extschema@.nps_summary,
	FINALFUNC = @extschema@.nps_summary_final,
	COMBINEFUNC = @extschema@.nps_summary_combine,
	MSFUNC = @extschema@.nps_window_combine,
	MINVFUNC = @extschema@.nps_window_subtract,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.nps_summary_window_final,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.nps_agg(integer) IS
'Net Promoter Score of 0..10 answers, -100..100';
COMMENT ON AGGREGATE @extschema@.nps_agg(smallint) IS
'Net Promoter Score of 0..10 answers given as smallint, -100..100';
COMMENT ON AGGREGATE @extschema@.nps_agg(integer, double precision) IS
'survey-weighted Net Promoter Score of 0..10 answers';
COMMENT ON AGGREGATE @extschema@.nps_agg(smallint, double precision) IS
'survey-weighted Net Promoter Score of 0..10 answers given as smallint';
COMMENT ON AGGREGATE @extschema@.nps_agg(numeric) IS
'Net Promoter Score of whole-number 0..10 answers given as numeric or bigint';
COMMENT ON AGGREGATE @extschema@.nps_agg(numeric, double precision) IS
'survey-weighted Net Promoter Score of numeric answers';
COMMENT ON AGGREGATE @extschema@.nps_agg(@extschema@.nps_summary) IS
'Net Promoter Score of stored summaries rolled up';
COMMENT ON AGGREGATE @extschema@.nps_summary(integer) IS
'nps_summary of 0..10 answers';
COMMENT ON AGGREGATE @extschema@.nps_summary(smallint) IS
'nps_summary of 0..10 answers given as smallint';
COMMENT ON AGGREGATE @extschema@.nps_summary(integer, double precision) IS
'nps_summary of survey-weighted 0..10 answers';
COMMENT ON AGGREGATE @extschema@.nps_summary(smallint, double precision) IS
'nps_summary of survey-weighted 0..10 answers given as smallint';
COMMENT ON AGGREGATE @extschema@.nps_summary(numeric) IS
'nps_summary of whole-number answers given as numeric or bigint';
COMMENT ON AGGREGATE @extschema@.nps_summary(numeric, double precision) IS
'nps_summary of survey-weighted numeric answers';
COMMENT ON AGGREGATE @extschema@.nps_summary(@extschema@.nps_summary) IS
'roll-up of stored nps_summary values';

------------------------------------------------------------------------------
-- csat_summary: the summary of a set of CSAT answers (1..k)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.csat_summary;

CREATE FUNCTION @extschema@.csat_summary_in(cstring)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_out(@extschema@.csat_summary)
RETURNS cstring
AS 'MODULE_PATHNAME', 'rating_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_recv(internal)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_send(@extschema@.csat_summary)
RETURNS bytea
AS 'MODULE_PATHNAME', 'rating_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.csat_summary (
	INPUT = @extschema@.csat_summary_in,
	OUTPUT = @extschema@.csat_summary_out,
	RECEIVE = @extschema@.csat_summary_recv,
	SEND = @extschema@.csat_summary_send,
	INTERNALLENGTH = 192,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.csat_summary IS
'Counts (and survey weights) of CSAT answers per score 1..k, with the scale and the satisfied band; text form {"version": 1, "scale": [1, k], "satisfied_from": j, "counts": [...]}';
COMMENT ON FUNCTION @extschema@.csat_summary_in(cstring) IS 'text input of csat_summary';
COMMENT ON FUNCTION @extschema@.csat_summary_out(@extschema@.csat_summary) IS 'text output of csat_summary';
COMMENT ON FUNCTION @extschema@.csat_summary_recv(internal) IS 'binary input of csat_summary';
COMMENT ON FUNCTION @extschema@.csat_summary_send(@extschema@.csat_summary) IS 'binary output of csat_summary';

-- transition functions: one per argument shape; the state is updated in place

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, integer, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, integer, integer, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_weighted(@extschema@.csat_summary, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_weighted(@extschema@.csat_summary, integer, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_weighted(@extschema@.csat_summary, integer, integer, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_int2(@extschema@.csat_summary, smallint)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_int2(@extschema@.csat_summary, smallint, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_int2(@extschema@.csat_summary, smallint, integer, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_int2_weighted(@extschema@.csat_summary, smallint, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_int2_weighted(@extschema@.csat_summary, smallint, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_int2_weighted(@extschema@.csat_summary, smallint, integer, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_numeric(@extschema@.csat_summary, numeric)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_numeric(@extschema@.csat_summary, numeric, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_numeric(@extschema@.csat_summary, numeric, integer, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_numeric_weighted(@extschema@.csat_summary, numeric, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_numeric_weighted(@extschema@.csat_summary, numeric, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_trans_numeric_weighted(@extschema@.csat_summary, numeric, integer, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, integer) IS
'transition function of csat_agg(integer) and csat_summary(integer)';
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, integer, integer) IS
'transition function of csat_agg(integer, integer) and csat_summary(integer, integer)';
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, integer, integer, integer) IS
'transition function of csat_agg(integer, integer, integer) and csat_summary(integer, integer, integer)';
COMMENT ON FUNCTION @extschema@.csat_trans_weighted(@extschema@.csat_summary, integer, double precision) IS
'transition function of csat_agg(integer, double precision) and csat_summary(integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_trans_weighted(@extschema@.csat_summary, integer, integer, double precision) IS
'transition function of csat_agg(integer, integer, double precision) and csat_summary(integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_trans_weighted(@extschema@.csat_summary, integer, integer, integer, double precision) IS
'transition function of csat_agg(integer, integer, integer, double precision) and csat_summary(integer, integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_trans_int2(@extschema@.csat_summary, smallint) IS
'transition function of csat_agg(smallint) and csat_summary(smallint)';
COMMENT ON FUNCTION @extschema@.csat_trans_int2(@extschema@.csat_summary, smallint, integer) IS
'transition function of csat_agg(smallint, integer) and csat_summary(smallint, integer)';
COMMENT ON FUNCTION @extschema@.csat_trans_int2(@extschema@.csat_summary, smallint, integer, integer) IS
'transition function of csat_agg(smallint, integer, integer) and csat_summary(smallint, integer, integer)';
COMMENT ON FUNCTION @extschema@.csat_trans_int2_weighted(@extschema@.csat_summary, smallint, double precision) IS
'transition function of csat_agg(smallint, double precision) and csat_summary(smallint, double precision)';
COMMENT ON FUNCTION @extschema@.csat_trans_int2_weighted(@extschema@.csat_summary, smallint, integer, double precision) IS
'transition function of csat_agg(smallint, integer, double precision) and csat_summary(smallint, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_trans_int2_weighted(@extschema@.csat_summary, smallint, integer, integer, double precision) IS
'transition function of csat_agg(smallint, integer, integer, double precision) and csat_summary(smallint, integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_trans_numeric(@extschema@.csat_summary, numeric) IS
'transition function of csat_agg(numeric) and csat_summary(numeric)';
COMMENT ON FUNCTION @extschema@.csat_trans_numeric(@extschema@.csat_summary, numeric, integer) IS
'transition function of csat_agg(numeric, integer) and csat_summary(numeric, integer)';
COMMENT ON FUNCTION @extschema@.csat_trans_numeric(@extschema@.csat_summary, numeric, integer, integer) IS
'transition function of csat_agg(numeric, integer, integer) and csat_summary(numeric, integer, integer)';
COMMENT ON FUNCTION @extschema@.csat_trans_numeric_weighted(@extschema@.csat_summary, numeric, double precision) IS
'transition function of csat_agg(numeric, double precision) and csat_summary(numeric, double precision)';
COMMENT ON FUNCTION @extschema@.csat_trans_numeric_weighted(@extschema@.csat_summary, numeric, integer, double precision) IS
'transition function of csat_agg(numeric, integer, double precision) and csat_summary(numeric, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_trans_numeric_weighted(@extschema@.csat_summary, numeric, integer, integer, double precision) IS
'transition function of csat_agg(numeric, integer, integer, double precision) and csat_summary(numeric, integer, integer, double precision)';

-- inverse transition functions for moving (window) aggregation

CREATE FUNCTION @extschema@.csat_inv(@extschema@.csat_summary, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv(@extschema@.csat_summary, integer, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv(@extschema@.csat_summary, integer, integer, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_weighted(@extschema@.csat_summary, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_weighted(@extschema@.csat_summary, integer, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_weighted(@extschema@.csat_summary, integer, integer, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_int2(@extschema@.csat_summary, smallint)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_int2(@extschema@.csat_summary, smallint, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_int2(@extschema@.csat_summary, smallint, integer, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_int2_weighted(@extschema@.csat_summary, smallint, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_int2_weighted(@extschema@.csat_summary, smallint, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_int2_weighted(@extschema@.csat_summary, smallint, integer, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_numeric(@extschema@.csat_summary, numeric)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_numeric(@extschema@.csat_summary, numeric, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_numeric(@extschema@.csat_summary, numeric, integer, integer)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_numeric_weighted(@extschema@.csat_summary, numeric, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_numeric_weighted(@extschema@.csat_summary, numeric, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_inv_numeric_weighted(@extschema@.csat_summary, numeric, integer, integer, double precision)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.csat_inv(@extschema@.csat_summary, integer) IS
'inverse transition (window frames) of csat_agg(integer) and csat_summary(integer)';
COMMENT ON FUNCTION @extschema@.csat_inv(@extschema@.csat_summary, integer, integer) IS
'inverse transition (window frames) of csat_agg(integer, integer) and csat_summary(integer, integer)';
COMMENT ON FUNCTION @extschema@.csat_inv(@extschema@.csat_summary, integer, integer, integer) IS
'inverse transition (window frames) of csat_agg(integer, integer, integer) and csat_summary(integer, integer, integer)';
COMMENT ON FUNCTION @extschema@.csat_inv_weighted(@extschema@.csat_summary, integer, double precision) IS
'inverse transition (window frames) of csat_agg(integer, double precision) and csat_summary(integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_inv_weighted(@extschema@.csat_summary, integer, integer, double precision) IS
'inverse transition (window frames) of csat_agg(integer, integer, double precision) and csat_summary(integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_inv_weighted(@extschema@.csat_summary, integer, integer, integer, double precision) IS
'inverse transition (window frames) of csat_agg(integer, integer, integer, double precision) and csat_summary(integer, integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_inv_int2(@extschema@.csat_summary, smallint) IS
'inverse transition (window frames) of csat_agg(smallint) and csat_summary(smallint)';
COMMENT ON FUNCTION @extschema@.csat_inv_int2(@extschema@.csat_summary, smallint, integer) IS
'inverse transition (window frames) of csat_agg(smallint, integer) and csat_summary(smallint, integer)';
COMMENT ON FUNCTION @extschema@.csat_inv_int2(@extschema@.csat_summary, smallint, integer, integer) IS
'inverse transition (window frames) of csat_agg(smallint, integer, integer) and csat_summary(smallint, integer, integer)';
COMMENT ON FUNCTION @extschema@.csat_inv_int2_weighted(@extschema@.csat_summary, smallint, double precision) IS
'inverse transition (window frames) of csat_agg(smallint, double precision) and csat_summary(smallint, double precision)';
COMMENT ON FUNCTION @extschema@.csat_inv_int2_weighted(@extschema@.csat_summary, smallint, integer, double precision) IS
'inverse transition (window frames) of csat_agg(smallint, integer, double precision) and csat_summary(smallint, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_inv_int2_weighted(@extschema@.csat_summary, smallint, integer, integer, double precision) IS
'inverse transition (window frames) of csat_agg(smallint, integer, integer, double precision) and csat_summary(smallint, integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_inv_numeric(@extschema@.csat_summary, numeric) IS
'inverse transition (window frames) of csat_agg(numeric) and csat_summary(numeric)';
COMMENT ON FUNCTION @extschema@.csat_inv_numeric(@extschema@.csat_summary, numeric, integer) IS
'inverse transition (window frames) of csat_agg(numeric, integer) and csat_summary(numeric, integer)';
COMMENT ON FUNCTION @extschema@.csat_inv_numeric(@extschema@.csat_summary, numeric, integer, integer) IS
'inverse transition (window frames) of csat_agg(numeric, integer, integer) and csat_summary(numeric, integer, integer)';
COMMENT ON FUNCTION @extschema@.csat_inv_numeric_weighted(@extschema@.csat_summary, numeric, double precision) IS
'inverse transition (window frames) of csat_agg(numeric, double precision) and csat_summary(numeric, double precision)';
COMMENT ON FUNCTION @extschema@.csat_inv_numeric_weighted(@extschema@.csat_summary, numeric, integer, double precision) IS
'inverse transition (window frames) of csat_agg(numeric, integer, double precision) and csat_summary(numeric, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_inv_numeric_weighted(@extschema@.csat_summary, numeric, integer, integer, double precision) IS
'inverse transition (window frames) of csat_agg(numeric, integer, integer, double precision) and csat_summary(numeric, integer, integer, double precision)';

-- combining, comparing and finishing summaries

CREATE FUNCTION @extschema@.csat_summary_combine(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'rating_summary_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_subtract(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'rating_summary_subtract'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_final(@extschema@.csat_summary)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'rating_summary_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_eq(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'rating_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_ne(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'rating_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.csat_summary_combine(@extschema@.csat_summary, @extschema@.csat_summary) IS
'a + b: the summary of both sets of answers (also the aggregates'' combine function)';
COMMENT ON FUNCTION @extschema@.csat_summary_subtract(@extschema@.csat_summary, @extschema@.csat_summary) IS
'inverse transition (window frames) of the roll-up aggregates over csat_summary';
COMMENT ON FUNCTION @extschema@.csat_summary_final(@extschema@.csat_summary) IS
'final function of the csat_summary aggregates: NULL when no answers were aggregated';
COMMENT ON FUNCTION @extschema@.csat_summary_eq(@extschema@.csat_summary, @extschema@.csat_summary) IS
'a = b: same scale, counts and weights';
COMMENT ON FUNCTION @extschema@.csat_summary_ne(@extschema@.csat_summary, @extschema@.csat_summary) IS
'a <> b';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.csat_summary,
	RIGHTARG = @extschema@.csat_summary,
	FUNCTION = @extschema@.csat_summary_combine,
	COMMUTATOR = OPERATOR(@extschema@.+)
);

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.csat_summary,
	RIGHTARG = @extschema@.csat_summary,
	FUNCTION = @extschema@.csat_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>),
	HASHES,
	RESTRICT = eqsel,
	JOIN = eqjoinsel
);

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.csat_summary,
	RIGHTARG = @extschema@.csat_summary,
	FUNCTION = @extschema@.csat_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel,
	JOIN = neqjoinsel
);

COMMENT ON OPERATOR @extschema@.+ (@extschema@.csat_summary, @extschema@.csat_summary) IS
'combine two CSAT summaries';
COMMENT ON OPERATOR @extschema@.= (@extschema@.csat_summary, @extschema@.csat_summary) IS
'CSAT summaries are equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.csat_summary, @extschema@.csat_summary) IS
'CSAT summaries differ';

-- accessors

CREATE FUNCTION @extschema@.csat(@extschema@.csat_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csat_summary_csat'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.csat(@extschema@.csat_summary) IS
'CSAT: percent of answers (by weight) in the summary''s satisfied band';

CREATE FUNCTION @extschema@.csat(@extschema@.csat_summary, satisfied_from integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csat_summary_csat_from'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.csat(@extschema@.csat_summary, integer) IS
'CSAT: percent of answers (by weight) scoring satisfied_from or more';

CREATE FUNCTION @extschema@.responses(@extschema@.csat_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'rating_summary_responses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.responses(@extschema@.csat_summary) IS
'number of answers (rows) in the summary';

CREATE FUNCTION @extschema@.mean(@extschema@.csat_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.mean(@extschema@.csat_summary) IS
'mean score 1..k (weighted)';

CREATE FUNCTION @extschema@.distribution(@extschema@.csat_summary)
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'rating_summary_distribution'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.distribution(@extschema@.csat_summary) IS
'answers per score as bigint[] subscripted 1..k by the score';

CREATE FUNCTION @extschema@.share(@extschema@.csat_summary, from_score integer, to_score integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.share(@extschema@.csat_summary, integer, integer) IS
'percent of answers (by weight) with a score from from_score to to_score';

-- statistics of the CSAT share: Wilson interval, two-proportion z-test

CREATE FUNCTION @extschema@.std_error(@extschema@.csat_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csat_summary_std_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.std_error(@extschema@.csat_summary) IS
'standard error of the CSAT percentage';

CREATE FUNCTION @extschema@.ci_lower(@extschema@.csat_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csat_summary_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ci_lower(@extschema@.csat_summary, double precision) IS
'lower end of the Wilson score interval of the CSAT percentage (default level 0.95)';

CREATE FUNCTION @extschema@.ci_upper(@extschema@.csat_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csat_summary_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ci_upper(@extschema@.csat_summary, double precision) IS
'upper end of the Wilson score interval of the CSAT percentage (default level 0.95)';

CREATE FUNCTION @extschema@.p_value(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csat_summary_p_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.p_value(@extschema@.csat_summary, @extschema@.csat_summary) IS
'two-sided p-value that two CSAT percentages differ (two-proportion z-test)';

-- moving-aggregate (window) state of the weighted and roll-up aggregates:
-- internal, so that weight sums can be kept exactly (see exact_sum.c)

CREATE FUNCTION @extschema@.csat_window_trans_weighted(internal, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_inv_weighted(internal, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_trans_weighted(internal, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_inv_weighted(internal, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_trans_weighted(internal, integer, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_inv_weighted(internal, integer, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_trans_int2_weighted(internal, smallint, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_inv_int2_weighted(internal, smallint, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_trans_int2_weighted(internal, smallint, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_inv_int2_weighted(internal, smallint, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_trans_int2_weighted(internal, smallint, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_inv_int2_weighted(internal, smallint, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_trans_numeric_weighted(internal, numeric, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_inv_numeric_weighted(internal, numeric, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_trans_numeric_weighted(internal, numeric, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_inv_numeric_weighted(internal, numeric, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_trans_numeric_weighted(internal, numeric, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_inv_numeric_weighted(internal, numeric, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'csat_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_combine(internal, @extschema@.csat_summary)
RETURNS internal
AS 'MODULE_PATHNAME', 'rating_summary_combine'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_subtract(internal, @extschema@.csat_summary)
RETURNS internal
AS 'MODULE_PATHNAME', 'rating_summary_subtract'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_window_final(internal)
RETURNS double precision
AS 'MODULE_PATHNAME', 'csat_window_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_window_final(internal)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'rating_window_summary_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.csat_window_trans_weighted(internal, integer, double precision) IS
'moving-aggregate transition of csat_summary(integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_inv_weighted(internal, integer, double precision) IS
'moving-aggregate inverse transition of csat_summary(integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_window_trans_weighted(internal, integer, integer, double precision) IS
'moving-aggregate transition of csat_summary(integer, integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_inv_weighted(internal, integer, integer, double precision) IS
'moving-aggregate inverse transition of csat_summary(integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_window_trans_weighted(internal, integer, integer, integer, double precision) IS
'moving-aggregate transition of csat_summary(integer, integer, integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_inv_weighted(internal, integer, integer, integer, double precision) IS
'moving-aggregate inverse transition of csat_summary(integer, integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_window_trans_int2_weighted(internal, smallint, double precision) IS
'moving-aggregate transition of csat_summary(smallint, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_inv_int2_weighted(internal, smallint, double precision) IS
'moving-aggregate inverse transition of csat_summary(smallint, double precision)';
COMMENT ON FUNCTION @extschema@.csat_window_trans_int2_weighted(internal, smallint, integer, double precision) IS
'moving-aggregate transition of csat_summary(smallint, integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_inv_int2_weighted(internal, smallint, integer, double precision) IS
'moving-aggregate inverse transition of csat_summary(smallint, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_window_trans_int2_weighted(internal, smallint, integer, integer, double precision) IS
'moving-aggregate transition of csat_summary(smallint, integer, integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_inv_int2_weighted(internal, smallint, integer, integer, double precision) IS
'moving-aggregate inverse transition of csat_summary(smallint, integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_window_trans_numeric_weighted(internal, numeric, double precision) IS
'moving-aggregate transition of csat_summary(numeric, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_inv_numeric_weighted(internal, numeric, double precision) IS
'moving-aggregate inverse transition of csat_summary(numeric, double precision)';
COMMENT ON FUNCTION @extschema@.csat_window_trans_numeric_weighted(internal, numeric, integer, double precision) IS
'moving-aggregate transition of csat_summary(numeric, integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_inv_numeric_weighted(internal, numeric, integer, double precision) IS
'moving-aggregate inverse transition of csat_summary(numeric, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_window_trans_numeric_weighted(internal, numeric, integer, integer, double precision) IS
'moving-aggregate transition of csat_summary(numeric, integer, integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_inv_numeric_weighted(internal, numeric, integer, integer, double precision) IS
'moving-aggregate inverse transition of csat_summary(numeric, integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.csat_window_combine(internal, @extschema@.csat_summary) IS
'moving-aggregate transition of the roll-up aggregates over csat_summary, with exact weight sums';
COMMENT ON FUNCTION @extschema@.csat_window_subtract(internal, @extschema@.csat_summary) IS
'moving-aggregate inverse transition of the roll-up aggregates over csat_summary';
COMMENT ON FUNCTION @extschema@.csat_window_final(internal) IS
'moving-aggregate final function of the weighted and roll-up csat_agg: the CSAT of the window state';
COMMENT ON FUNCTION @extschema@.csat_summary_window_final(internal) IS
'moving-aggregate final function of the weighted and roll-up csat_summary: the window state as a summary';


-- aggregates: direct (double precision) and summary-building

CREATE AGGREGATE @extschema@.csat_agg(score integer) (
	SFUNC = @extschema@.csat_trans,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans,
	MINVFUNC = @extschema@.csat_inv,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score integer, scale_max integer) (
	SFUNC = @extschema@.csat_trans,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans,
	MINVFUNC = @extschema@.csat_inv,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score integer, scale_max integer, satisfied_from integer) (
	SFUNC = @extschema@.csat_trans,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans,
	MINVFUNC = @extschema@.csat_inv,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_weighted,
	MINVFUNC = @extschema@.csat_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score integer, scale_max integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_weighted,
	MINVFUNC = @extschema@.csat_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score integer, scale_max integer, satisfied_from integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_weighted,
	MINVFUNC = @extschema@.csat_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score smallint) (
	SFUNC = @extschema@.csat_trans_int2,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_int2,
	MINVFUNC = @extschema@.csat_inv_int2,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score smallint, scale_max integer) (
	SFUNC = @extschema@.csat_trans_int2,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_int2,
	MINVFUNC = @extschema@.csat_inv_int2,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score smallint, scale_max integer, satisfied_from integer) (
	SFUNC = @extschema@.csat_trans_int2,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_int2,
	MINVFUNC = @extschema@.csat_inv_int2,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score smallint, weight double precision) (
	SFUNC = @extschema@.csat_trans_int2_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_int2_weighted,
	MINVFUNC = @extschema@.csat_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score smallint, scale_max integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_int2_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_int2_weighted,
	MINVFUNC = @extschema@.csat_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score smallint, scale_max integer, satisfied_from integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_int2_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_int2_weighted,
	MINVFUNC = @extschema@.csat_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score numeric) (
	SFUNC = @extschema@.csat_trans_numeric,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_numeric,
	MINVFUNC = @extschema@.csat_inv_numeric,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score numeric, scale_max integer) (
	SFUNC = @extschema@.csat_trans_numeric,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_numeric,
	MINVFUNC = @extschema@.csat_inv_numeric,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score numeric, scale_max integer, satisfied_from integer) (
	SFUNC = @extschema@.csat_trans_numeric,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_numeric,
	MINVFUNC = @extschema@.csat_inv_numeric,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score numeric, weight double precision) (
	SFUNC = @extschema@.csat_trans_numeric_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.csat_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score numeric, scale_max integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_numeric_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.csat_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(score numeric, scale_max integer, satisfied_from integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_numeric_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.csat_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_agg(@extschema@.csat_summary) (
	SFUNC = @extschema@.csat_summary_combine,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_combine,
	MINVFUNC = @extschema@.csat_window_subtract,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score integer) (
	SFUNC = @extschema@.csat_trans,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans,
	MINVFUNC = @extschema@.csat_inv,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score integer, scale_max integer) (
	SFUNC = @extschema@.csat_trans,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans,
	MINVFUNC = @extschema@.csat_inv,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score integer, scale_max integer, satisfied_from integer) (
	SFUNC = @extschema@.csat_trans,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans,
	MINVFUNC = @extschema@.csat_inv,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_weighted,
	MINVFUNC = @extschema@.csat_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score integer, scale_max integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_weighted,
	MINVFUNC = @extschema@.csat_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score integer, scale_max integer, satisfied_from integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_weighted,
	MINVFUNC = @extschema@.csat_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score smallint) (
	SFUNC = @extschema@.csat_trans_int2,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_int2,
	MINVFUNC = @extschema@.csat_inv_int2,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score smallint, scale_max integer) (
	SFUNC = @extschema@.csat_trans_int2,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_int2,
	MINVFUNC = @extschema@.csat_inv_int2,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score smallint, scale_max integer, satisfied_from integer) (
	SFUNC = @extschema@.csat_trans_int2,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_int2,
	MINVFUNC = @extschema@.csat_inv_int2,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score smallint, weight double precision) (
	SFUNC = @extschema@.csat_trans_int2_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_int2_weighted,
	MINVFUNC = @extschema@.csat_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score smallint, scale_max integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_int2_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_int2_weighted,
	MINVFUNC = @extschema@.csat_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score smallint, scale_max integer, satisfied_from integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_int2_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_int2_weighted,
	MINVFUNC = @extschema@.csat_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score numeric) (
	SFUNC = @extschema@.csat_trans_numeric,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_numeric,
	MINVFUNC = @extschema@.csat_inv_numeric,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score numeric, scale_max integer) (
	SFUNC = @extschema@.csat_trans_numeric,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_numeric,
	MINVFUNC = @extschema@.csat_inv_numeric,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score numeric, scale_max integer, satisfied_from integer) (
	SFUNC = @extschema@.csat_trans_numeric,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_trans_numeric,
	MINVFUNC = @extschema@.csat_inv_numeric,
	MSTYPE = @extschema@.csat_summary,
	MFINALFUNC = @extschema@.csat_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score numeric, weight double precision) (
	SFUNC = @extschema@.csat_trans_numeric_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.csat_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score numeric, scale_max integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_numeric_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.csat_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(score numeric, scale_max integer, satisfied_from integer, weight double precision) (
	SFUNC = @extschema@.csat_trans_numeric_weighted,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.csat_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.csat_summary(@extschema@.csat_summary) (
	SFUNC = @extschema@.csat_summary_combine,
	STYPE = @extschema@.csat_summary,
	FINALFUNC = @extschema@.csat_summary_final,
	COMBINEFUNC = @extschema@.csat_summary_combine,
	MSFUNC = @extschema@.csat_window_combine,
	MINVFUNC = @extschema@.csat_window_subtract,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.csat_summary_window_final,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.csat_agg(integer) IS
'CSAT (percent satisfied) of integer answers on the default 1..5 scale';
COMMENT ON AGGREGATE @extschema@.csat_agg(integer, integer) IS
'CSAT (percent satisfied) of integer answers';
COMMENT ON AGGREGATE @extschema@.csat_agg(integer, integer, integer) IS
'CSAT (percent satisfied) of integer answers with an explicit satisfied band';
COMMENT ON AGGREGATE @extschema@.csat_agg(integer, double precision) IS
'survey-weighted CSAT (percent satisfied) of integer answers on the default 1..5 scale';
COMMENT ON AGGREGATE @extschema@.csat_agg(integer, integer, double precision) IS
'survey-weighted CSAT (percent satisfied) of integer answers';
COMMENT ON AGGREGATE @extschema@.csat_agg(integer, integer, integer, double precision) IS
'survey-weighted CSAT (percent satisfied) of integer answers with an explicit satisfied band';
COMMENT ON AGGREGATE @extschema@.csat_agg(smallint) IS
'CSAT (percent satisfied) of smallint answers on the default 1..5 scale';
COMMENT ON AGGREGATE @extschema@.csat_agg(smallint, integer) IS
'CSAT (percent satisfied) of smallint answers';
COMMENT ON AGGREGATE @extschema@.csat_agg(smallint, integer, integer) IS
'CSAT (percent satisfied) of smallint answers with an explicit satisfied band';
COMMENT ON AGGREGATE @extschema@.csat_agg(smallint, double precision) IS
'survey-weighted CSAT (percent satisfied) of smallint answers on the default 1..5 scale';
COMMENT ON AGGREGATE @extschema@.csat_agg(smallint, integer, double precision) IS
'survey-weighted CSAT (percent satisfied) of smallint answers';
COMMENT ON AGGREGATE @extschema@.csat_agg(smallint, integer, integer, double precision) IS
'survey-weighted CSAT (percent satisfied) of smallint answers with an explicit satisfied band';
COMMENT ON AGGREGATE @extschema@.csat_agg(numeric) IS
'CSAT (percent satisfied) of numeric answers on the default 1..5 scale';
COMMENT ON AGGREGATE @extschema@.csat_agg(numeric, integer) IS
'CSAT (percent satisfied) of numeric answers';
COMMENT ON AGGREGATE @extschema@.csat_agg(numeric, integer, integer) IS
'CSAT (percent satisfied) of numeric answers with an explicit satisfied band';
COMMENT ON AGGREGATE @extschema@.csat_agg(numeric, double precision) IS
'survey-weighted CSAT (percent satisfied) of numeric answers on the default 1..5 scale';
COMMENT ON AGGREGATE @extschema@.csat_agg(numeric, integer, double precision) IS
'survey-weighted CSAT (percent satisfied) of numeric answers';
COMMENT ON AGGREGATE @extschema@.csat_agg(numeric, integer, integer, double precision) IS
'survey-weighted CSAT (percent satisfied) of numeric answers with an explicit satisfied band';
COMMENT ON AGGREGATE @extschema@.csat_agg(@extschema@.csat_summary) IS
'CSAT (percent satisfied) of stored summaries rolled up';
COMMENT ON AGGREGATE @extschema@.csat_summary(integer) IS
'csat_summary of integer answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(integer, integer) IS
'csat_summary of integer answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(integer, integer, integer) IS
'csat_summary of integer answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(integer, double precision) IS
'csat_summary of survey-weighted integer answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(integer, integer, double precision) IS
'csat_summary of survey-weighted integer answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(integer, integer, integer, double precision) IS
'csat_summary of survey-weighted integer answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(smallint) IS
'csat_summary of smallint answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(smallint, integer) IS
'csat_summary of smallint answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(smallint, integer, integer) IS
'csat_summary of smallint answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(smallint, double precision) IS
'csat_summary of survey-weighted smallint answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(smallint, integer, double precision) IS
'csat_summary of survey-weighted smallint answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(smallint, integer, integer, double precision) IS
'csat_summary of survey-weighted smallint answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(numeric) IS
'csat_summary of numeric answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(numeric, integer) IS
'csat_summary of numeric answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(numeric, integer, integer) IS
'csat_summary of numeric answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(numeric, double precision) IS
'csat_summary of survey-weighted numeric answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(numeric, integer, double precision) IS
'csat_summary of survey-weighted numeric answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(numeric, integer, integer, double precision) IS
'csat_summary of survey-weighted numeric answers';
COMMENT ON AGGREGATE @extschema@.csat_summary(@extschema@.csat_summary) IS
'roll-up of stored csat_summary values';

------------------------------------------------------------------------------
-- ces_summary: the summary of a set of CES answers (1..k)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.ces_summary;

CREATE FUNCTION @extschema@.ces_summary_in(cstring)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_out(@extschema@.ces_summary)
RETURNS cstring
AS 'MODULE_PATHNAME', 'rating_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_recv(internal)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_send(@extschema@.ces_summary)
RETURNS bytea
AS 'MODULE_PATHNAME', 'rating_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.ces_summary (
	INPUT = @extschema@.ces_summary_in,
	OUTPUT = @extschema@.ces_summary_out,
	RECEIVE = @extschema@.ces_summary_recv,
	SEND = @extschema@.ces_summary_send,
	INTERNALLENGTH = 192,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.ces_summary IS
'Counts (and survey weights) of CES answers per score 1..k, with the scale; text form {"version": 1, "scale": [1, k], "counts": [...]}';
COMMENT ON FUNCTION @extschema@.ces_summary_in(cstring) IS 'text input of ces_summary';
COMMENT ON FUNCTION @extschema@.ces_summary_out(@extschema@.ces_summary) IS 'text output of ces_summary';
COMMENT ON FUNCTION @extschema@.ces_summary_recv(internal) IS 'binary input of ces_summary';
COMMENT ON FUNCTION @extschema@.ces_summary_send(@extschema@.ces_summary) IS 'binary output of ces_summary';

-- transition functions: one per argument shape; the state is updated in place

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, integer)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, integer, integer)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_weighted(@extschema@.ces_summary, integer, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_weighted(@extschema@.ces_summary, integer, integer, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_int2(@extschema@.ces_summary, smallint)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_int2(@extschema@.ces_summary, smallint, integer)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_int2_weighted(@extschema@.ces_summary, smallint, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_int2_weighted(@extschema@.ces_summary, smallint, integer, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_numeric(@extschema@.ces_summary, numeric)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_numeric(@extschema@.ces_summary, numeric, integer)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_numeric_weighted(@extschema@.ces_summary, numeric, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_trans_numeric_weighted(@extschema@.ces_summary, numeric, integer, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, integer) IS
'transition function of ces_agg(integer) and ces_summary(integer)';
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, integer, integer) IS
'transition function of ces_agg(integer, integer) and ces_summary(integer, integer)';
COMMENT ON FUNCTION @extschema@.ces_trans_weighted(@extschema@.ces_summary, integer, double precision) IS
'transition function of ces_agg(integer, double precision) and ces_summary(integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_trans_weighted(@extschema@.ces_summary, integer, integer, double precision) IS
'transition function of ces_agg(integer, integer, double precision) and ces_summary(integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_trans_int2(@extschema@.ces_summary, smallint) IS
'transition function of ces_agg(smallint) and ces_summary(smallint)';
COMMENT ON FUNCTION @extschema@.ces_trans_int2(@extschema@.ces_summary, smallint, integer) IS
'transition function of ces_agg(smallint, integer) and ces_summary(smallint, integer)';
COMMENT ON FUNCTION @extschema@.ces_trans_int2_weighted(@extschema@.ces_summary, smallint, double precision) IS
'transition function of ces_agg(smallint, double precision) and ces_summary(smallint, double precision)';
COMMENT ON FUNCTION @extschema@.ces_trans_int2_weighted(@extschema@.ces_summary, smallint, integer, double precision) IS
'transition function of ces_agg(smallint, integer, double precision) and ces_summary(smallint, integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_trans_numeric(@extschema@.ces_summary, numeric) IS
'transition function of ces_agg(numeric) and ces_summary(numeric)';
COMMENT ON FUNCTION @extschema@.ces_trans_numeric(@extschema@.ces_summary, numeric, integer) IS
'transition function of ces_agg(numeric, integer) and ces_summary(numeric, integer)';
COMMENT ON FUNCTION @extschema@.ces_trans_numeric_weighted(@extschema@.ces_summary, numeric, double precision) IS
'transition function of ces_agg(numeric, double precision) and ces_summary(numeric, double precision)';
COMMENT ON FUNCTION @extschema@.ces_trans_numeric_weighted(@extschema@.ces_summary, numeric, integer, double precision) IS
'transition function of ces_agg(numeric, integer, double precision) and ces_summary(numeric, integer, double precision)';

-- inverse transition functions for moving (window) aggregation

CREATE FUNCTION @extschema@.ces_inv(@extschema@.ces_summary, integer)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv(@extschema@.ces_summary, integer, integer)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_weighted(@extschema@.ces_summary, integer, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_weighted(@extschema@.ces_summary, integer, integer, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_int2(@extschema@.ces_summary, smallint)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_int2(@extschema@.ces_summary, smallint, integer)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_int2'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_int2_weighted(@extschema@.ces_summary, smallint, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_int2_weighted(@extschema@.ces_summary, smallint, integer, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_numeric(@extschema@.ces_summary, numeric)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_numeric(@extschema@.ces_summary, numeric, integer)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_numeric'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_numeric_weighted(@extschema@.ces_summary, numeric, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_inv_numeric_weighted(@extschema@.ces_summary, numeric, integer, double precision)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ces_inv(@extschema@.ces_summary, integer) IS
'inverse transition (window frames) of ces_agg(integer) and ces_summary(integer)';
COMMENT ON FUNCTION @extschema@.ces_inv(@extschema@.ces_summary, integer, integer) IS
'inverse transition (window frames) of ces_agg(integer, integer) and ces_summary(integer, integer)';
COMMENT ON FUNCTION @extschema@.ces_inv_weighted(@extschema@.ces_summary, integer, double precision) IS
'inverse transition (window frames) of ces_agg(integer, double precision) and ces_summary(integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_inv_weighted(@extschema@.ces_summary, integer, integer, double precision) IS
'inverse transition (window frames) of ces_agg(integer, integer, double precision) and ces_summary(integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_inv_int2(@extschema@.ces_summary, smallint) IS
'inverse transition (window frames) of ces_agg(smallint) and ces_summary(smallint)';
COMMENT ON FUNCTION @extschema@.ces_inv_int2(@extschema@.ces_summary, smallint, integer) IS
'inverse transition (window frames) of ces_agg(smallint, integer) and ces_summary(smallint, integer)';
COMMENT ON FUNCTION @extschema@.ces_inv_int2_weighted(@extschema@.ces_summary, smallint, double precision) IS
'inverse transition (window frames) of ces_agg(smallint, double precision) and ces_summary(smallint, double precision)';
COMMENT ON FUNCTION @extschema@.ces_inv_int2_weighted(@extschema@.ces_summary, smallint, integer, double precision) IS
'inverse transition (window frames) of ces_agg(smallint, integer, double precision) and ces_summary(smallint, integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_inv_numeric(@extschema@.ces_summary, numeric) IS
'inverse transition (window frames) of ces_agg(numeric) and ces_summary(numeric)';
COMMENT ON FUNCTION @extschema@.ces_inv_numeric(@extschema@.ces_summary, numeric, integer) IS
'inverse transition (window frames) of ces_agg(numeric, integer) and ces_summary(numeric, integer)';
COMMENT ON FUNCTION @extschema@.ces_inv_numeric_weighted(@extschema@.ces_summary, numeric, double precision) IS
'inverse transition (window frames) of ces_agg(numeric, double precision) and ces_summary(numeric, double precision)';
COMMENT ON FUNCTION @extschema@.ces_inv_numeric_weighted(@extschema@.ces_summary, numeric, integer, double precision) IS
'inverse transition (window frames) of ces_agg(numeric, integer, double precision) and ces_summary(numeric, integer, double precision)';

-- combining, comparing and finishing summaries

CREATE FUNCTION @extschema@.ces_summary_combine(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'rating_summary_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_subtract(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'rating_summary_subtract'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_final(@extschema@.ces_summary)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'rating_summary_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_eq(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'rating_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_ne(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'rating_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ces_summary_combine(@extschema@.ces_summary, @extschema@.ces_summary) IS
'a + b: the summary of both sets of answers (also the aggregates'' combine function)';
COMMENT ON FUNCTION @extschema@.ces_summary_subtract(@extschema@.ces_summary, @extschema@.ces_summary) IS
'inverse transition (window frames) of the roll-up aggregates over ces_summary';
COMMENT ON FUNCTION @extschema@.ces_summary_final(@extschema@.ces_summary) IS
'final function of the ces_summary aggregates: NULL when no answers were aggregated';
COMMENT ON FUNCTION @extschema@.ces_summary_eq(@extschema@.ces_summary, @extschema@.ces_summary) IS
'a = b: same scale, counts and weights';
COMMENT ON FUNCTION @extschema@.ces_summary_ne(@extschema@.ces_summary, @extschema@.ces_summary) IS
'a <> b';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.ces_summary,
	RIGHTARG = @extschema@.ces_summary,
	FUNCTION = @extschema@.ces_summary_combine,
	COMMUTATOR = OPERATOR(@extschema@.+)
);

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.ces_summary,
	RIGHTARG = @extschema@.ces_summary,
	FUNCTION = @extschema@.ces_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>),
	HASHES,
	RESTRICT = eqsel,
	JOIN = eqjoinsel
);

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.ces_summary,
	RIGHTARG = @extschema@.ces_summary,
	FUNCTION = @extschema@.ces_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel,
	JOIN = neqjoinsel
);

COMMENT ON OPERATOR @extschema@.+ (@extschema@.ces_summary, @extschema@.ces_summary) IS
'combine two CES summaries';
COMMENT ON OPERATOR @extschema@.= (@extschema@.ces_summary, @extschema@.ces_summary) IS
'CES summaries are equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.ces_summary, @extschema@.ces_summary) IS
'CES summaries differ';

-- accessors

CREATE FUNCTION @extschema@.ces(@extschema@.ces_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ces(@extschema@.ces_summary) IS
'CES: the mean score (weighted)';

CREATE FUNCTION @extschema@.responses(@extschema@.ces_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'rating_summary_responses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.responses(@extschema@.ces_summary) IS
'number of answers (rows) in the summary';

CREATE FUNCTION @extschema@.mean(@extschema@.ces_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.mean(@extschema@.ces_summary) IS
'mean score 1..k (weighted)';

CREATE FUNCTION @extschema@.distribution(@extschema@.ces_summary)
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'rating_summary_distribution'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.distribution(@extschema@.ces_summary) IS
'answers per score as bigint[] subscripted 1..k by the score';

CREATE FUNCTION @extschema@.share(@extschema@.ces_summary, from_score integer, to_score integer)
RETURNS double precision
AS 'MODULE_PATHNAME', 'rating_summary_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.share(@extschema@.ces_summary, integer, integer) IS
'percent of answers (by weight) with a score from from_score to to_score';

-- statistics of the CES mean: normal interval, Welch test

CREATE FUNCTION @extschema@.std_error(@extschema@.ces_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'ces_summary_std_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.std_error(@extschema@.ces_summary) IS
'standard error of the mean effort score';

CREATE FUNCTION @extschema@.ci_lower(@extschema@.ces_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'ces_summary_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ci_lower(@extschema@.ces_summary, double precision) IS
'lower end of the normal confidence interval of the mean (default level 0.95)';

CREATE FUNCTION @extschema@.ci_upper(@extschema@.ces_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'ces_summary_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ci_upper(@extschema@.ces_summary, double precision) IS
'upper end of the normal confidence interval of the mean (default level 0.95)';

CREATE FUNCTION @extschema@.p_value(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'ces_summary_p_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.p_value(@extschema@.ces_summary, @extschema@.ces_summary) IS
'two-sided p-value that two mean effort scores differ (Welch t-test)';

-- moving-aggregate (window) state of the weighted and roll-up aggregates:
-- internal, so that weight sums can be kept exactly (see exact_sum.c)

CREATE FUNCTION @extschema@.ces_window_trans_weighted(internal, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_inv_weighted(internal, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_trans_weighted(internal, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_trans_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_inv_weighted(internal, integer, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_inv_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_trans_int2_weighted(internal, smallint, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_inv_int2_weighted(internal, smallint, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_trans_int2_weighted(internal, smallint, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_trans_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_inv_int2_weighted(internal, smallint, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_inv_int2_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_trans_numeric_weighted(internal, numeric, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_inv_numeric_weighted(internal, numeric, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_trans_numeric_weighted(internal, numeric, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_trans_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_inv_numeric_weighted(internal, numeric, integer, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'ces_inv_numeric_weighted'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_combine(internal, @extschema@.ces_summary)
RETURNS internal
AS 'MODULE_PATHNAME', 'rating_summary_combine'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_subtract(internal, @extschema@.ces_summary)
RETURNS internal
AS 'MODULE_PATHNAME', 'rating_summary_subtract'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_window_final(internal)
RETURNS double precision
AS 'MODULE_PATHNAME', 'ces_window_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_window_final(internal)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'rating_window_summary_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ces_window_trans_weighted(internal, integer, double precision) IS
'moving-aggregate transition of ces_summary(integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.ces_window_inv_weighted(internal, integer, double precision) IS
'moving-aggregate inverse transition of ces_summary(integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_window_trans_weighted(internal, integer, integer, double precision) IS
'moving-aggregate transition of ces_summary(integer, integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.ces_window_inv_weighted(internal, integer, integer, double precision) IS
'moving-aggregate inverse transition of ces_summary(integer, integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_window_trans_int2_weighted(internal, smallint, double precision) IS
'moving-aggregate transition of ces_summary(smallint, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.ces_window_inv_int2_weighted(internal, smallint, double precision) IS
'moving-aggregate inverse transition of ces_summary(smallint, double precision)';
COMMENT ON FUNCTION @extschema@.ces_window_trans_int2_weighted(internal, smallint, integer, double precision) IS
'moving-aggregate transition of ces_summary(smallint, integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.ces_window_inv_int2_weighted(internal, smallint, integer, double precision) IS
'moving-aggregate inverse transition of ces_summary(smallint, integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_window_trans_numeric_weighted(internal, numeric, double precision) IS
'moving-aggregate transition of ces_summary(numeric, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.ces_window_inv_numeric_weighted(internal, numeric, double precision) IS
'moving-aggregate inverse transition of ces_summary(numeric, double precision)';
COMMENT ON FUNCTION @extschema@.ces_window_trans_numeric_weighted(internal, numeric, integer, double precision) IS
'moving-aggregate transition of ces_summary(numeric, integer, double precision), with exact weight sums';
COMMENT ON FUNCTION @extschema@.ces_window_inv_numeric_weighted(internal, numeric, integer, double precision) IS
'moving-aggregate inverse transition of ces_summary(numeric, integer, double precision)';
COMMENT ON FUNCTION @extschema@.ces_window_combine(internal, @extschema@.ces_summary) IS
'moving-aggregate transition of the roll-up aggregates over ces_summary, with exact weight sums';
COMMENT ON FUNCTION @extschema@.ces_window_subtract(internal, @extschema@.ces_summary) IS
'moving-aggregate inverse transition of the roll-up aggregates over ces_summary';
COMMENT ON FUNCTION @extschema@.ces_window_final(internal) IS
'moving-aggregate final function of the weighted and roll-up ces_agg: the CES of the window state';
COMMENT ON FUNCTION @extschema@.ces_summary_window_final(internal) IS
'moving-aggregate final function of the weighted and roll-up ces_summary: the window state as a summary';


-- aggregates: direct (double precision) and summary-building

CREATE AGGREGATE @extschema@.ces_agg(score integer) (
	SFUNC = @extschema@.ces_trans,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans,
	MINVFUNC = @extschema@.ces_inv,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score integer, scale_max integer) (
	SFUNC = @extschema@.ces_trans,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans,
	MINVFUNC = @extschema@.ces_inv,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score integer, weight double precision) (
	SFUNC = @extschema@.ces_trans_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_weighted,
	MINVFUNC = @extschema@.ces_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score integer, scale_max integer, weight double precision) (
	SFUNC = @extschema@.ces_trans_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_weighted,
	MINVFUNC = @extschema@.ces_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score smallint) (
	SFUNC = @extschema@.ces_trans_int2,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans_int2,
	MINVFUNC = @extschema@.ces_inv_int2,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score smallint, scale_max integer) (
	SFUNC = @extschema@.ces_trans_int2,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans_int2,
	MINVFUNC = @extschema@.ces_inv_int2,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score smallint, weight double precision) (
	SFUNC = @extschema@.ces_trans_int2_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_int2_weighted,
	MINVFUNC = @extschema@.ces_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score smallint, scale_max integer, weight double precision) (
	SFUNC = @extschema@.ces_trans_int2_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_int2_weighted,
	MINVFUNC = @extschema@.ces_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score numeric) (
	SFUNC = @extschema@.ces_trans_numeric,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans_numeric,
	MINVFUNC = @extschema@.ces_inv_numeric,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score numeric, scale_max integer) (
	SFUNC = @extschema@.ces_trans_numeric,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans_numeric,
	MINVFUNC = @extschema@.ces_inv_numeric,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score numeric, weight double precision) (
	SFUNC = @extschema@.ces_trans_numeric_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.ces_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(score numeric, scale_max integer, weight double precision) (
	SFUNC = @extschema@.ces_trans_numeric_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.ces_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_agg(@extschema@.ces_summary) (
	SFUNC = @extschema@.ces_summary_combine,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_combine,
	MINVFUNC = @extschema@.ces_window_subtract,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score integer) (
	SFUNC = @extschema@.ces_trans,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans,
	MINVFUNC = @extschema@.ces_inv,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score integer, scale_max integer) (
	SFUNC = @extschema@.ces_trans,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans,
	MINVFUNC = @extschema@.ces_inv,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score integer, weight double precision) (
	SFUNC = @extschema@.ces_trans_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_weighted,
	MINVFUNC = @extschema@.ces_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score integer, scale_max integer, weight double precision) (
	SFUNC = @extschema@.ces_trans_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_weighted,
	MINVFUNC = @extschema@.ces_window_inv_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score smallint) (
	SFUNC = @extschema@.ces_trans_int2,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans_int2,
	MINVFUNC = @extschema@.ces_inv_int2,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score smallint, scale_max integer) (
	SFUNC = @extschema@.ces_trans_int2,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans_int2,
	MINVFUNC = @extschema@.ces_inv_int2,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score smallint, weight double precision) (
	SFUNC = @extschema@.ces_trans_int2_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_int2_weighted,
	MINVFUNC = @extschema@.ces_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score smallint, scale_max integer, weight double precision) (
	SFUNC = @extschema@.ces_trans_int2_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_int2_weighted,
	MINVFUNC = @extschema@.ces_window_inv_int2_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score numeric) (
	SFUNC = @extschema@.ces_trans_numeric,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans_numeric,
	MINVFUNC = @extschema@.ces_inv_numeric,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score numeric, scale_max integer) (
	SFUNC = @extschema@.ces_trans_numeric,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_trans_numeric,
	MINVFUNC = @extschema@.ces_inv_numeric,
	MSTYPE = @extschema@.ces_summary,
	MFINALFUNC = @extschema@.ces_summary_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score numeric, weight double precision) (
	SFUNC = @extschema@.ces_trans_numeric_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.ces_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(score numeric, scale_max integer, weight double precision) (
	SFUNC = @extschema@.ces_trans_numeric_weighted,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_trans_numeric_weighted,
	MINVFUNC = @extschema@.ces_window_inv_numeric_weighted,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.ces_summary(@extschema@.ces_summary) (
	SFUNC = @extschema@.ces_summary_combine,
	STYPE = @extschema@.ces_summary,
	FINALFUNC = @extschema@.ces_summary_final,
	COMBINEFUNC = @extschema@.ces_summary_combine,
	MSFUNC = @extschema@.ces_window_combine,
	MINVFUNC = @extschema@.ces_window_subtract,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.ces_summary_window_final,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.ces_agg(integer) IS
'CES (mean score) of integer answers on the default 1..7 scale';
COMMENT ON AGGREGATE @extschema@.ces_agg(integer, integer) IS
'CES (mean score) of integer answers';
COMMENT ON AGGREGATE @extschema@.ces_agg(integer, double precision) IS
'survey-weighted CES (mean score) of integer answers on the default 1..7 scale';
COMMENT ON AGGREGATE @extschema@.ces_agg(integer, integer, double precision) IS
'survey-weighted CES (mean score) of integer answers';
COMMENT ON AGGREGATE @extschema@.ces_agg(smallint) IS
'CES (mean score) of smallint answers on the default 1..7 scale';
COMMENT ON AGGREGATE @extschema@.ces_agg(smallint, integer) IS
'CES (mean score) of smallint answers';
COMMENT ON AGGREGATE @extschema@.ces_agg(smallint, double precision) IS
'survey-weighted CES (mean score) of smallint answers on the default 1..7 scale';
COMMENT ON AGGREGATE @extschema@.ces_agg(smallint, integer, double precision) IS
'survey-weighted CES (mean score) of smallint answers';
COMMENT ON AGGREGATE @extschema@.ces_agg(numeric) IS
'CES (mean score) of numeric answers on the default 1..7 scale';
COMMENT ON AGGREGATE @extschema@.ces_agg(numeric, integer) IS
'CES (mean score) of numeric answers';
COMMENT ON AGGREGATE @extschema@.ces_agg(numeric, double precision) IS
'survey-weighted CES (mean score) of numeric answers on the default 1..7 scale';
COMMENT ON AGGREGATE @extschema@.ces_agg(numeric, integer, double precision) IS
'survey-weighted CES (mean score) of numeric answers';
COMMENT ON AGGREGATE @extschema@.ces_agg(@extschema@.ces_summary) IS
'CES (mean score) of stored summaries rolled up';
COMMENT ON AGGREGATE @extschema@.ces_summary(integer) IS
'ces_summary of integer answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(integer, integer) IS
'ces_summary of integer answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(integer, double precision) IS
'ces_summary of survey-weighted integer answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(integer, integer, double precision) IS
'ces_summary of survey-weighted integer answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(smallint) IS
'ces_summary of smallint answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(smallint, integer) IS
'ces_summary of smallint answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(smallint, double precision) IS
'ces_summary of survey-weighted smallint answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(smallint, integer, double precision) IS
'ces_summary of survey-weighted smallint answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(numeric) IS
'ces_summary of numeric answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(numeric, integer) IS
'ces_summary of numeric answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(numeric, double precision) IS
'ces_summary of survey-weighted numeric answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(numeric, integer, double precision) IS
'ces_summary of survey-weighted numeric answers';
COMMENT ON AGGREGATE @extschema@.ces_summary(@extschema@.ces_summary) IS
'roll-up of stored ces_summary values';

------------------------------------------------------------------------------
-- churn_summary: customers at risk, lost and new over one period
------------------------------------------------------------------------------

CREATE TYPE @extschema@.churn_summary;

CREATE FUNCTION @extschema@.churn_summary_in(cstring)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_summary_out(@extschema@.churn_summary)
RETURNS cstring
AS 'MODULE_PATHNAME', 'churn_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_summary_recv(internal)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_summary_send(@extschema@.churn_summary)
RETURNS bytea
AS 'MODULE_PATHNAME', 'churn_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.churn_summary (
	INPUT = @extschema@.churn_summary_in,
	OUTPUT = @extschema@.churn_summary_out,
	RECEIVE = @extschema@.churn_summary_recv,
	SEND = @extschema@.churn_summary_send,
	INTERNALLENGTH = 72,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.churn_summary IS
'Customers at risk, lost and new (and their revenue) over one period; text form {"version": 1, "period_type": ..., "period": [start, end], "customers_at_start": ..., ...}';
COMMENT ON FUNCTION @extschema@.churn_summary_in(cstring) IS 'text input of churn_summary';
COMMENT ON FUNCTION @extschema@.churn_summary_out(@extschema@.churn_summary) IS 'text output of churn_summary';
COMMENT ON FUNCTION @extschema@.churn_summary_recv(internal) IS 'binary input of churn_summary';
COMMENT ON FUNCTION @extschema@.churn_summary_send(@extschema@.churn_summary) IS 'binary output of churn_summary';

-- transition and inverse transition functions, one C function for all range types

CREATE FUNCTION @extschema@.churn_trans(@extschema@.churn_summary, tstzrange, tstzrange)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_trans_revenue(@extschema@.churn_summary, tstzrange, tstzrange, double precision)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_trans_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_trans(@extschema@.churn_summary, tsrange, tsrange)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_trans_revenue(@extschema@.churn_summary, tsrange, tsrange, double precision)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_trans_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_trans(@extschema@.churn_summary, daterange, daterange)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_trans_revenue(@extschema@.churn_summary, daterange, daterange, double precision)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_trans_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.churn_trans(@extschema@.churn_summary, tstzrange, tstzrange) IS
'transition function of churn_rate(tstzrange, tstzrange) and churn_summary(tstzrange, tstzrange)';
COMMENT ON FUNCTION @extschema@.churn_trans_revenue(@extschema@.churn_summary, tstzrange, tstzrange, double precision) IS
'transition function of churn_rate(tstzrange, tstzrange, double precision) and churn_summary(tstzrange, tstzrange, double precision)';
COMMENT ON FUNCTION @extschema@.churn_trans(@extschema@.churn_summary, tsrange, tsrange) IS
'transition function of churn_rate(tsrange, tsrange) and churn_summary(tsrange, tsrange)';
COMMENT ON FUNCTION @extschema@.churn_trans_revenue(@extschema@.churn_summary, tsrange, tsrange, double precision) IS
'transition function of churn_rate(tsrange, tsrange, double precision) and churn_summary(tsrange, tsrange, double precision)';
COMMENT ON FUNCTION @extschema@.churn_trans(@extschema@.churn_summary, daterange, daterange) IS
'transition function of churn_rate(daterange, daterange) and churn_summary(daterange, daterange)';
COMMENT ON FUNCTION @extschema@.churn_trans_revenue(@extschema@.churn_summary, daterange, daterange, double precision) IS
'transition function of churn_rate(daterange, daterange, double precision) and churn_summary(daterange, daterange, double precision)';

CREATE FUNCTION @extschema@.churn_inv(@extschema@.churn_summary, tstzrange, tstzrange)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_inv_revenue(@extschema@.churn_summary, tstzrange, tstzrange, double precision)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_inv_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_inv(@extschema@.churn_summary, tsrange, tsrange)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_inv_revenue(@extschema@.churn_summary, tsrange, tsrange, double precision)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_inv_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_inv(@extschema@.churn_summary, daterange, daterange)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_inv_revenue(@extschema@.churn_summary, daterange, daterange, double precision)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_inv_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.churn_inv(@extschema@.churn_summary, tstzrange, tstzrange) IS
'inverse transition (window frames) of churn_rate(tstzrange, tstzrange) and churn_summary(tstzrange, tstzrange)';
COMMENT ON FUNCTION @extschema@.churn_inv_revenue(@extschema@.churn_summary, tstzrange, tstzrange, double precision) IS
'inverse transition (window frames) of churn_rate(tstzrange, tstzrange, double precision) and churn_summary(tstzrange, tstzrange, double precision)';
COMMENT ON FUNCTION @extschema@.churn_inv(@extschema@.churn_summary, tsrange, tsrange) IS
'inverse transition (window frames) of churn_rate(tsrange, tsrange) and churn_summary(tsrange, tsrange)';
COMMENT ON FUNCTION @extschema@.churn_inv_revenue(@extschema@.churn_summary, tsrange, tsrange, double precision) IS
'inverse transition (window frames) of churn_rate(tsrange, tsrange, double precision) and churn_summary(tsrange, tsrange, double precision)';
COMMENT ON FUNCTION @extschema@.churn_inv(@extschema@.churn_summary, daterange, daterange) IS
'inverse transition (window frames) of churn_rate(daterange, daterange) and churn_summary(daterange, daterange)';
COMMENT ON FUNCTION @extschema@.churn_inv_revenue(@extschema@.churn_summary, daterange, daterange, double precision) IS
'inverse transition (window frames) of churn_rate(daterange, daterange, double precision) and churn_summary(daterange, daterange, double precision)';

-- combining, comparing and finishing summaries

CREATE FUNCTION @extschema@.churn_summary_combine(@extschema@.churn_summary, @extschema@.churn_summary)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_summary_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_summary_subtract(@extschema@.churn_summary, @extschema@.churn_summary)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_summary_subtract'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_summary_final(@extschema@.churn_summary)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_summary_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_summary_eq(@extschema@.churn_summary, @extschema@.churn_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'churn_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_summary_ne(@extschema@.churn_summary, @extschema@.churn_summary)
RETURNS boolean
AS 'MODULE_PATHNAME', 'churn_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.churn_summary_combine(@extschema@.churn_summary, @extschema@.churn_summary) IS
'a + b: the summary of both groups of customers, same period (also the aggregates'' combine function)';
COMMENT ON FUNCTION @extschema@.churn_summary_subtract(@extschema@.churn_summary, @extschema@.churn_summary) IS
'inverse transition (window frames) of the roll-up aggregates over churn_summary';
COMMENT ON FUNCTION @extschema@.churn_summary_final(@extschema@.churn_summary) IS
'final function of the churn_summary aggregates: NULL when no row was aggregated';
COMMENT ON FUNCTION @extschema@.churn_summary_eq(@extschema@.churn_summary, @extschema@.churn_summary) IS
'a = b: same period, counts and revenue';
COMMENT ON FUNCTION @extschema@.churn_summary_ne(@extschema@.churn_summary, @extschema@.churn_summary) IS
'a <> b';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.churn_summary,
	RIGHTARG = @extschema@.churn_summary,
	FUNCTION = @extschema@.churn_summary_combine,
	COMMUTATOR = OPERATOR(@extschema@.+)
);

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.churn_summary,
	RIGHTARG = @extschema@.churn_summary,
	FUNCTION = @extschema@.churn_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>),
	HASHES,
	RESTRICT = eqsel,
	JOIN = eqjoinsel
);

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.churn_summary,
	RIGHTARG = @extschema@.churn_summary,
	FUNCTION = @extschema@.churn_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel,
	JOIN = neqjoinsel
);

COMMENT ON OPERATOR @extschema@.+ (@extschema@.churn_summary, @extschema@.churn_summary) IS
'combine two churn summaries of the same period';
COMMENT ON OPERATOR @extschema@.= (@extschema@.churn_summary, @extschema@.churn_summary) IS
'churn summaries are equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.churn_summary, @extschema@.churn_summary) IS
'churn summaries differ';

-- accessors and statistics: Wilson interval, two-proportion z-test

CREATE FUNCTION @extschema@.churn(@extschema@.churn_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'churn_summary_churn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.churn(@extschema@.churn_summary) IS
'churn rate: percent of the customers (or revenue) at the period''s start that was lost';

CREATE FUNCTION @extschema@.retention_rate(@extschema@.churn_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'churn_summary_retention_rate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.retention_rate(@extschema@.churn_summary) IS
'100 minus the churn rate';

CREATE FUNCTION @extschema@.customers_at_start(@extschema@.churn_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'churn_summary_customers_at_start'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.customers_at_start(@extschema@.churn_summary) IS
'customers active at the period''s start (at risk)';

CREATE FUNCTION @extschema@.customers_lost(@extschema@.churn_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'churn_summary_customers_lost'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.customers_lost(@extschema@.churn_summary) IS
'customers at risk who were no longer active at the period''s end';

CREATE FUNCTION @extschema@.customers_new(@extschema@.churn_summary)
RETURNS bigint
AS 'MODULE_PATHNAME', 'churn_summary_customers_new'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.customers_new(@extschema@.churn_summary) IS
'customers who started inside the period';

CREATE FUNCTION @extschema@.revenue_at_start(@extschema@.churn_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'churn_summary_revenue_at_start'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.revenue_at_start(@extschema@.churn_summary) IS
'revenue of the customers at risk (NULL without revenue)';

CREATE FUNCTION @extschema@.revenue_lost(@extschema@.churn_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'churn_summary_revenue_lost'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.revenue_lost(@extschema@.churn_summary) IS
'revenue of the customers lost (NULL without revenue)';

CREATE FUNCTION @extschema@.std_error(@extschema@.churn_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'churn_summary_std_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.std_error(@extschema@.churn_summary) IS
'standard error of the churn rate, in points';

CREATE FUNCTION @extschema@.ci_lower(@extschema@.churn_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'churn_summary_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ci_lower(@extschema@.churn_summary, double precision) IS
'lower end of the Wilson score interval of the churn rate (default level 0.95)';

CREATE FUNCTION @extschema@.ci_upper(@extschema@.churn_summary, level double precision DEFAULT 0.95)
RETURNS double precision
AS 'MODULE_PATHNAME', 'churn_summary_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ci_upper(@extschema@.churn_summary, double precision) IS
'upper end of the Wilson score interval of the churn rate (default level 0.95)';

CREATE FUNCTION @extschema@.p_value(@extschema@.churn_summary, @extschema@.churn_summary)
RETURNS double precision
AS 'MODULE_PATHNAME', 'churn_summary_p_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.p_value(@extschema@.churn_summary, @extschema@.churn_summary) IS
'two-sided p-value that two churn rates differ (two-proportion z-test)';

-- moving-aggregate (window) state of the churn aggregates: internal, so
-- that revenue sums can be kept exactly (see exact_sum.c) and the rows in
-- the frame counted

CREATE FUNCTION @extschema@.churn_window_trans(internal, tstzrange, tstzrange)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_inv(internal, tstzrange, tstzrange)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_trans(internal, tsrange, tsrange)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_inv(internal, tsrange, tsrange)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_trans(internal, daterange, daterange)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_inv(internal, daterange, daterange)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_inv'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.churn_window_trans(internal, tstzrange, tstzrange) IS
'moving-aggregate transition of churn_rate(tstzrange, tstzrange) and churn_summary(tstzrange, tstzrange)';
COMMENT ON FUNCTION @extschema@.churn_window_inv(internal, tstzrange, tstzrange) IS
'moving-aggregate inverse transition of churn_rate(tstzrange, tstzrange) and churn_summary(tstzrange, tstzrange)';
COMMENT ON FUNCTION @extschema@.churn_window_trans(internal, tsrange, tsrange) IS
'moving-aggregate transition of churn_rate(tsrange, tsrange) and churn_summary(tsrange, tsrange)';
COMMENT ON FUNCTION @extschema@.churn_window_inv(internal, tsrange, tsrange) IS
'moving-aggregate inverse transition of churn_rate(tsrange, tsrange) and churn_summary(tsrange, tsrange)';
COMMENT ON FUNCTION @extschema@.churn_window_trans(internal, daterange, daterange) IS
'moving-aggregate transition of churn_rate(daterange, daterange) and churn_summary(daterange, daterange)';
COMMENT ON FUNCTION @extschema@.churn_window_inv(internal, daterange, daterange) IS
'moving-aggregate inverse transition of churn_rate(daterange, daterange) and churn_summary(daterange, daterange)';

CREATE FUNCTION @extschema@.churn_window_trans_revenue(internal, tstzrange, tstzrange, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_trans_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_inv_revenue(internal, tstzrange, tstzrange, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_inv_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_trans_revenue(internal, tsrange, tsrange, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_trans_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_inv_revenue(internal, tsrange, tsrange, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_inv_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_trans_revenue(internal, daterange, daterange, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_trans_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_inv_revenue(internal, daterange, daterange, double precision)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_inv_revenue'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_combine(internal, @extschema@.churn_summary)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_summary_combine'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_subtract(internal, @extschema@.churn_summary)
RETURNS internal
AS 'MODULE_PATHNAME', 'churn_summary_subtract'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_window_final(internal)
RETURNS double precision
AS 'MODULE_PATHNAME', 'churn_window_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_summary_window_final(internal)
RETURNS @extschema@.churn_summary
AS 'MODULE_PATHNAME', 'churn_window_summary_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.churn_window_trans_revenue(internal, tstzrange, tstzrange, double precision) IS
'moving-aggregate transition of churn_summary(tstzrange, tstzrange, double precision), with exact revenue sums';
COMMENT ON FUNCTION @extschema@.churn_window_inv_revenue(internal, tstzrange, tstzrange, double precision) IS
'moving-aggregate inverse transition of churn_summary(tstzrange, tstzrange, double precision)';
COMMENT ON FUNCTION @extschema@.churn_window_trans_revenue(internal, tsrange, tsrange, double precision) IS
'moving-aggregate transition of churn_summary(tsrange, tsrange, double precision), with exact revenue sums';
COMMENT ON FUNCTION @extschema@.churn_window_inv_revenue(internal, tsrange, tsrange, double precision) IS
'moving-aggregate inverse transition of churn_summary(tsrange, tsrange, double precision)';
COMMENT ON FUNCTION @extschema@.churn_window_trans_revenue(internal, daterange, daterange, double precision) IS
'moving-aggregate transition of churn_summary(daterange, daterange, double precision), with exact revenue sums';
COMMENT ON FUNCTION @extschema@.churn_window_inv_revenue(internal, daterange, daterange, double precision) IS
'moving-aggregate inverse transition of churn_summary(daterange, daterange, double precision)';
COMMENT ON FUNCTION @extschema@.churn_window_combine(internal, @extschema@.churn_summary) IS
'moving-aggregate transition of the roll-up aggregates over churn_summary, with exact revenue sums';
COMMENT ON FUNCTION @extschema@.churn_window_subtract(internal, @extschema@.churn_summary) IS
'moving-aggregate inverse transition of the roll-up aggregates over churn_summary';
COMMENT ON FUNCTION @extschema@.churn_window_final(internal) IS
'moving-aggregate final function of the revenue and roll-up churn_rate: the churn rate of the window state';
COMMENT ON FUNCTION @extschema@.churn_summary_window_final(internal) IS
'moving-aggregate final function of the revenue and roll-up churn_summary: the window state as a summary';

-- aggregates

CREATE AGGREGATE @extschema@.churn_rate(active tstzrange, period tstzrange) (
	SFUNC = @extschema@.churn_trans,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans,
	MINVFUNC = @extschema@.churn_window_inv,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_rate(active tstzrange, period tstzrange, revenue double precision) (
	SFUNC = @extschema@.churn_trans_revenue,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans_revenue,
	MINVFUNC = @extschema@.churn_window_inv_revenue,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_rate(active tsrange, period tsrange) (
	SFUNC = @extschema@.churn_trans,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans,
	MINVFUNC = @extschema@.churn_window_inv,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_rate(active tsrange, period tsrange, revenue double precision) (
	SFUNC = @extschema@.churn_trans_revenue,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans_revenue,
	MINVFUNC = @extschema@.churn_window_inv_revenue,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_rate(active daterange, period daterange) (
	SFUNC = @extschema@.churn_trans,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans,
	MINVFUNC = @extschema@.churn_window_inv,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_rate(active daterange, period daterange, revenue double precision) (
	SFUNC = @extschema@.churn_trans_revenue,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans_revenue,
	MINVFUNC = @extschema@.churn_window_inv_revenue,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_rate(@extschema@.churn_summary) (
	SFUNC = @extschema@.churn_summary_combine,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_combine,
	MINVFUNC = @extschema@.churn_window_subtract,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_summary(active tstzrange, period tstzrange) (
	SFUNC = @extschema@.churn_trans,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn_summary_final,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans,
	MINVFUNC = @extschema@.churn_window_inv,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_summary(active tstzrange, period tstzrange, revenue double precision) (
	SFUNC = @extschema@.churn_trans_revenue,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn_summary_final,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans_revenue,
	MINVFUNC = @extschema@.churn_window_inv_revenue,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_summary(active tsrange, period tsrange) (
	SFUNC = @extschema@.churn_trans,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn_summary_final,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans,
	MINVFUNC = @extschema@.churn_window_inv,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_summary(active tsrange, period tsrange, revenue double precision) (
	SFUNC = @extschema@.churn_trans_revenue,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn_summary_final,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans_revenue,
	MINVFUNC = @extschema@.churn_window_inv_revenue,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_summary(active daterange, period daterange) (
	SFUNC = @extschema@.churn_trans,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn_summary_final,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans,
	MINVFUNC = @extschema@.churn_window_inv,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_summary(active daterange, period daterange, revenue double precision) (
	SFUNC = @extschema@.churn_trans_revenue,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn_summary_final,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_trans_revenue,
	MINVFUNC = @extschema@.churn_window_inv_revenue,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_summary_window_final,
	PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.churn_summary(@extschema@.churn_summary) (
	SFUNC = @extschema@.churn_summary_combine,
	STYPE = @extschema@.churn_summary,
	FINALFUNC = @extschema@.churn_summary_final,
	COMBINEFUNC = @extschema@.churn_summary_combine,
	MSFUNC = @extschema@.churn_window_combine,
	MINVFUNC = @extschema@.churn_window_subtract,
	MSTYPE = internal,
	MFINALFUNC = @extschema@.churn_summary_window_final,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.churn_rate(tstzrange, tstzrange) IS
'churn rate: percent of the customers active at the period''s start and lost by its end';
COMMENT ON AGGREGATE @extschema@.churn_rate(tstzrange, tstzrange, double precision) IS
'revenue churn: percent of the revenue active at the period''s start and lost by its end';
COMMENT ON AGGREGATE @extschema@.churn_rate(tsrange, tsrange) IS
'churn rate: percent of the customers active at the period''s start and lost by its end';
COMMENT ON AGGREGATE @extschema@.churn_rate(tsrange, tsrange, double precision) IS
'revenue churn: percent of the revenue active at the period''s start and lost by its end';
COMMENT ON AGGREGATE @extschema@.churn_rate(daterange, daterange) IS
'churn rate: percent of the customers active at the period''s start and lost by its end';
COMMENT ON AGGREGATE @extschema@.churn_rate(daterange, daterange, double precision) IS
'revenue churn: percent of the revenue active at the period''s start and lost by its end';
COMMENT ON AGGREGATE @extschema@.churn_rate(@extschema@.churn_summary) IS
'churn rate of stored summaries of one period rolled up';
COMMENT ON AGGREGATE @extschema@.churn_summary(tstzrange, tstzrange) IS
'churn_summary of customers over the period';
COMMENT ON AGGREGATE @extschema@.churn_summary(tstzrange, tstzrange, double precision) IS
'churn_summary of customers weighted by revenue over the period';
COMMENT ON AGGREGATE @extschema@.churn_summary(tsrange, tsrange) IS
'churn_summary of customers over the period';
COMMENT ON AGGREGATE @extschema@.churn_summary(tsrange, tsrange, double precision) IS
'churn_summary of customers weighted by revenue over the period';
COMMENT ON AGGREGATE @extschema@.churn_summary(daterange, daterange) IS
'churn_summary of customers over the period';
COMMENT ON AGGREGATE @extschema@.churn_summary(daterange, daterange, double precision) IS
'churn_summary of customers weighted by revenue over the period';
COMMENT ON AGGREGATE @extschema@.churn_summary(@extschema@.churn_summary) IS
'roll-up of stored churn_summary values of one period';

------------------------------------------------------------------------------
-- hash operator classes: GROUP BY, DISTINCT, UNION and hash joins on summaries
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.nps_summary_hash(@extschema@.nps_summary)
RETURNS integer
AS 'MODULE_PATHNAME', 'rating_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR CLASS @extschema@.nps_summary_hash_ops
DEFAULT FOR TYPE @extschema@.nps_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.nps_summary, @extschema@.nps_summary),
	FUNCTION 1 @extschema@.nps_summary_hash(@extschema@.nps_summary);

COMMENT ON FUNCTION @extschema@.nps_summary_hash(@extschema@.nps_summary) IS
'hash of a nps_summary, consistent with =';
COMMENT ON OPERATOR CLASS @extschema@.nps_summary_hash_ops USING hash IS
'hashing of nps_summary values, for GROUP BY, DISTINCT and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.nps_summary_hash_ops USING hash IS
'hashing of nps_summary values';

CREATE FUNCTION @extschema@.csat_summary_hash(@extschema@.csat_summary)
RETURNS integer
AS 'MODULE_PATHNAME', 'rating_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR CLASS @extschema@.csat_summary_hash_ops
DEFAULT FOR TYPE @extschema@.csat_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.csat_summary, @extschema@.csat_summary),
	FUNCTION 1 @extschema@.csat_summary_hash(@extschema@.csat_summary);

COMMENT ON FUNCTION @extschema@.csat_summary_hash(@extschema@.csat_summary) IS
'hash of a csat_summary, consistent with =';
COMMENT ON OPERATOR CLASS @extschema@.csat_summary_hash_ops USING hash IS
'hashing of csat_summary values, for GROUP BY, DISTINCT and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.csat_summary_hash_ops USING hash IS
'hashing of csat_summary values';

CREATE FUNCTION @extschema@.ces_summary_hash(@extschema@.ces_summary)
RETURNS integer
AS 'MODULE_PATHNAME', 'rating_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR CLASS @extschema@.ces_summary_hash_ops
DEFAULT FOR TYPE @extschema@.ces_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.ces_summary, @extschema@.ces_summary),
	FUNCTION 1 @extschema@.ces_summary_hash(@extschema@.ces_summary);

COMMENT ON FUNCTION @extschema@.ces_summary_hash(@extschema@.ces_summary) IS
'hash of a ces_summary, consistent with =';
COMMENT ON OPERATOR CLASS @extschema@.ces_summary_hash_ops USING hash IS
'hashing of ces_summary values, for GROUP BY, DISTINCT and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.ces_summary_hash_ops USING hash IS
'hashing of ces_summary values';

CREATE FUNCTION @extschema@.churn_summary_hash(@extschema@.churn_summary)
RETURNS integer
AS 'MODULE_PATHNAME', 'churn_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR CLASS @extschema@.churn_summary_hash_ops
DEFAULT FOR TYPE @extschema@.churn_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.churn_summary, @extschema@.churn_summary),
	FUNCTION 1 @extschema@.churn_summary_hash(@extschema@.churn_summary);

COMMENT ON FUNCTION @extschema@.churn_summary_hash(@extschema@.churn_summary) IS
'hash of a churn_summary, consistent with =';
COMMENT ON OPERATOR CLASS @extschema@.churn_summary_hash_ops USING hash IS
'hashing of churn_summary values, for GROUP BY, DISTINCT and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.churn_summary_hash_ops USING hash IS
'hashing of churn_summary values';

------------------------------------------------------------------------------
-- version 1.1 (cx_metrics--1.0--1.1.sql)
------------------------------------------------------------------------------

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
