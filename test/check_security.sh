#!/usr/bin/env bash
# Security of the extension:
#  (a) nothing is SECURITY DEFINER, no function sets its own privileges, and
#      any function not written in C pins its search_path (SET search_path
#      or a BEGIN ATOMIC body);
#  (b) a role without superuser that owns a database can CREATE EXTENSION
#      cx_metrics (trusted), the objects stay owned by the bootstrap
#      superuser, and that role and a plain reader role can use every
#      object: every aggregate (plain and as a window), every accessor,
#      every operator, every summary cast through text, COPY BINARY out and
#      in with psql's \copy;
#  (c) search_path safety: with the extension in schema cx, a hostile role
#      creates a schema that is put first on the search_path, holding
#      functions named like ours with the same argument types (returning
#      wrong numbers or raising; the same functions also in public),
#      aggregates named like ours, +, =, <>
#      operators for the summary types, and int4/float8/range operators and
#      functions that take precedence over pg_catalog's.  Schema-qualified
#      calls of our aggregates, accessors, operators and casts give exactly
#      what they give with a clean search_path (while unqualified calls are
#      visibly hijacked, so the hostile objects are live); and CREATE
#      EXTENSION cx_metrics SCHEMA cx, run with a hostile schema first on
#      the search_path and temporary tables named like our types, creates
#      the same objects as a clean install, none depending on anything
#      outside cx and pg_catalog;
#  (d) the install and update scripts create their objects only as
#      @extschema@.name and refer to their own objects only through
#      @extschema@ (operators through OPERATOR(@extschema@.op)), and never
#      use CREATE OR REPLACE or IF NOT EXISTS in an install script;
#  (e) (run after (b)) EXECUTE on the aggregates' transition, inverse
#      transition, subtract, final and window-state functions is revoked
#      from PUBLIC and on nothing else; as the database owner and as a plain
#      role, each of them called directly and used in CREATE AGGREGATE is
#      refused (42501; 42P13 for an internal state, which only a superuser
#      may declare), while a forced parallel plan, moving windows and
#      roll-ups still work for the plain role.
#
# Needs a running server: PGHOST/PGPORT/PGUSER (a superuser) set, as
# test/run-tests.sh does, with trust authentication on the local socket (so
# the roles it creates can log in).  Creates and drops its own roles and
# databases.  About 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

OWNER=cx_check_sec_owner
READER=cx_check_sec_reader
MALLORY=cx_check_sec_mallory
DB_OWNER=cx_check_sec_owned
DB_PATH=cx_check_sec_path
DB_INSTALL=cx_check_sec_install
cx_work_dir cx_check_security

drop_all() {
	local role
	cx_drop_databases "$DB_OWNER" "$DB_PATH" "$DB_INSTALL"
	for role in "$OWNER" "$READER" "$MALLORY"; do
		psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
	done
}
cx_on_exit drop_all

drop_all

###########################################################################
# Shared SQL pieces.

# Test data for the calls below (created with the extension on the
# search_path), in schema app: raw rows, daily summaries, one row of pairs.
cat >"$WORK/data.sql" <<'SQL'
CREATE SCHEMA app;
CREATE TABLE app.data AS
SELECT g AS id,
       g % 11 AS n_int, (g % 11)::smallint AS n_int2, (g % 11)::numeric AS n_num,
       1 + g % 5 AS c_int, (1 + g % 5)::smallint AS c_int2, (1 + g % 5)::numeric AS c_num,
       1 + g % 7 AS e_int, (1 + g % 7)::smallint AS e_int2, (1 + g % 7)::numeric AS e_num,
       ((1 + g % 4) / 3.0)::float8 AS w,
       daterange(date '2025-01-01' + g % 60, CASE WHEN g % 3 = 0 THEN date '2025-01-21' + g % 60 + g % 30 END) AS d_active,
       daterange('2025-02-01', '2025-03-01') AS d_period,
       -- lifetimes that all end, for retention summaries with a median
       daterange(date '2025-01-01' + g % 60, date '2025-01-08' + g % 60 + g % 150) AS d_lifetime,
       tsrange(timestamp '2025-01-01' + g * interval '7 hours',
               CASE WHEN g % 3 = 0 THEN timestamp '2025-01-21' + g * interval '7 hours' + g % 30 * interval '1 day' END) AS ts_active,
       tsrange('2025-02-01', '2025-03-01') AS ts_period,
       tstzrange(timestamptz '2025-01-01 00:00+00' + g * interval '7 hours',
                 CASE WHEN g % 3 = 0 THEN timestamptz '2025-01-21 00:00+00' + g * interval '7 hours' + g % 30 * interval '1 day' END) AS tz_active,
       tstzrange('2025-02-01 00:00+00', '2025-03-01 00:00+00') AS tz_period,
       ((g % 9 + 1) * 10.5 / 3)::float8 AS rev
FROM generate_series(1, 200) g;
CREATE TABLE app.daily AS
SELECT id % 10 AS day, nps_summary(n_int, w) AS n, csat_summary(c_int, w) AS c,
       ces_summary(e_int, w) AS e, churn_summary(d_active, d_period, rev) AS ch,
       retention_summary(d_lifetime, '1 week', date '2025-12-31', rev) AS rs,
       churn_timeline(d_active, daterange('2025-01-01', '2025-07-01'), '1 month', rev) AS tl
FROM app.data GROUP BY id % 10;
CREATE TABLE app.pair AS
SELECT nps_summary(n_int, w) FILTER (WHERE id % 2 = 0) AS n, nps_summary(n_int) FILTER (WHERE id % 2 = 1) AS n_b,
       csat_summary(c_int, w) FILTER (WHERE id % 2 = 0) AS c, csat_summary(c_int) FILTER (WHERE id % 2 = 1) AS c_b,
       ces_summary(e_int, w) FILTER (WHERE id % 2 = 0) AS e, ces_summary(e_int) FILTER (WHERE id % 2 = 1) AS e_b,
       churn_summary(d_active, d_period, rev) FILTER (WHERE id % 2 = 0) AS ch,
       churn_summary(d_active, d_period, rev) FILTER (WHERE id % 2 = 1) AS ch_b,
       retention_summary(d_lifetime, '1 week', date '2025-12-31', rev) FILTER (WHERE id % 2 = 0) AS rs,
       retention_summary(d_lifetime, '1 week', date '2025-12-31', rev) FILTER (WHERE id % 2 = 1) AS rs_b,
       churn_timeline(d_active, daterange('2025-01-01', '2025-07-01'), '1 month', rev) FILTER (WHERE id % 2 = 0) AS tl,
       churn_timeline(d_active, daterange('2025-01-01', '2025-07-01'), '1 month', rev) FILTER (WHERE id % 2 = 1) AS tl_b
FROM app.data;
SQL

# Generates one SELECT that calls every object of the extension, fully
# schema-qualified and without any operator other than ours (so it can be
# run under a hostile search_path): every aggregate over app.data or
# app.daily, every aggregate as a window, every accessor over app.pair,
# every operator, every cast through text.  Output: call | result.
cat >"$WORK/generate_calls.sql" <<'SQL'
SET search_path = pg_catalog;
WITH ext AS (SELECT extnamespace AS ns FROM pg_extension WHERE extname = 'cx_metrics'),
summary_types AS (
    SELECT t.oid, t.typname,
           CASE t.typname WHEN 'nps_summary' THEN 'n' WHEN 'csat_summary' THEN 'c'
                          WHEN 'ces_summary' THEN 'e' WHEN 'churn_summary' THEN 'ch'
                          WHEN 'retention_summary' THEN 'rs' WHEN 'churn_timeline' THEN 'tl' END AS col
    FROM pg_type t, ext
    WHERE t.typnamespace = ext.ns AND t.typtype = 'b' AND t.typcategory <> 'A'),
fns AS (
    SELECT p.oid, p.prokind, format('%I.%I', n.nspname, p.proname) AS qname, p.proname,
           CASE split_part(p.proname, '_', 1) WHEN 'nps' THEN 'n' WHEN 'csat' THEN 'c'
                                              WHEN 'ces' THEN 'e' WHEN 'churn' THEN 'ch' END AS prefix,
           p.proargtypes
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace, ext
    WHERE p.pronamespace = ext.ns),
agg_args AS (
    SELECT f.oid,
           bool_or(st.oid IS NOT NULL) AS over_summaries,
           string_agg(CASE
               WHEN st.oid IS NOT NULL THEN st.col
               WHEN a.t = 'int4'::regtype AND a.pos = 1 THEN f.prefix || '_int'
               WHEN a.t = 'int2'::regtype AND a.pos = 1 THEN f.prefix || '_int2'
               WHEN a.t = 'numeric'::regtype AND a.pos = 1 THEN f.prefix || '_num'
               WHEN a.t = 'int4'::regtype AND a.pos = 2 THEN CASE f.prefix WHEN 'c' THEN '5' ELSE '7' END
               WHEN a.t = 'int4'::regtype AND a.pos = 3 THEN '4'
               WHEN a.t = 'float8'::regtype THEN CASE f.prefix WHEN 'ch' THEN 'rev' ELSE 'w' END
               WHEN a.t = 'daterange'::regtype THEN CASE a.pos WHEN 1 THEN 'd_active' ELSE 'd_period' END
               WHEN a.t = 'tsrange'::regtype THEN CASE a.pos WHEN 1 THEN 'ts_active' ELSE 'ts_period' END
               WHEN a.t = 'tstzrange'::regtype THEN CASE a.pos WHEN 1 THEN 'tz_active' ELSE 'tz_period' END
               -- the lifetimes' steps and as_of
               WHEN a.t = 'interval'::regtype THEN 'CAST(''1 month'' AS interval)'
               WHEN a.t = 'date'::regtype THEN 'CAST(''2025-07-01'' AS date)'
               WHEN a.t = 'timestamp'::regtype THEN 'CAST(''2025-07-01'' AS timestamp)'
               WHEN a.t = 'timestamptz'::regtype THEN 'CAST(''2025-07-01 00:00+00'' AS timestamptz)'
               ELSE 'UNKNOWN_ARGUMENT_' || a.t::regtype::text END, ', ' ORDER BY a.pos) AS args
    FROM fns f
    CROSS JOIN LATERAL unnest(f.proargtypes) WITH ORDINALITY AS a(t, pos)
    LEFT JOIN summary_types st ON st.oid = a.t
    WHERE f.prokind = 'a'
    GROUP BY f.oid),
accessor_args AS (
    SELECT f.oid,
           string_agg(CASE
               WHEN st.oid IS NOT NULL THEN st.col || CASE WHEN a.pos = 2 THEN '_b' ELSE '' END
               WHEN a.t = 'int4'::regtype AND a.pos = 1 THEN '9'
               WHEN a.t = 'int2'::regtype AND a.pos = 1 THEN 'CAST(9 AS smallint)'
               WHEN a.t = 'numeric'::regtype AND a.pos = 1 THEN '9.0'
               WHEN a.t = 'int4'::regtype THEN (a.pos - 1)::text
               WHEN a.t = 'float8'::regtype THEN '0.9'
               ELSE 'UNKNOWN_ARGUMENT_' || a.t::regtype::text END, ', ' ORDER BY a.pos) AS args
    FROM fns f
    CROSS JOIN LATERAL unnest(f.proargtypes) WITH ORDINALITY AS a(t, pos)
    LEFT JOIN summary_types st ON st.oid = a.t
    WHERE f.prokind = 'f'
      -- support functions, not meant to be called directly
      AND f.proname !~ '_(trans|inv|window)(_|$)'
      AND f.proname !~ '_(combine|subtract|final|eq|ne|in|out|recv)$'
      AND NOT f.proargtypes::oid[] && ARRAY['internal'::regtype, 'cstring'::regtype]::oid[]
      -- set-returning: called in FROM below
      AND f.proname <> 'unnest'
    GROUP BY f.oid),
calls AS (
    SELECT format('SELECT %L AS call, (SELECT %s(%s) FROM %s)::text AS result',
                  'aggregate ' || f.oid::regprocedure::text, f.qname, a.args,
                  CASE WHEN a.over_summaries THEN 'app.daily' ELSE 'app.data' END) AS call
    FROM fns f JOIN agg_args a USING (oid)
    UNION ALL
    SELECT format('SELECT %L, (SELECT string_agg(x::text, '','' ORDER BY id) FROM (SELECT id, %s(%s) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS x FROM %s) w)',
                  'window ' || f.oid::regprocedure::text, f.qname,
                  a.args,
                  CASE WHEN a.over_summaries THEN '(SELECT day AS id, * FROM app.daily) d' ELSE 'app.data' END)
    FROM fns f JOIN agg_args a USING (oid)
    UNION ALL
    SELECT format('SELECT %L, (SELECT %s(%s) FROM app.pair)::text',
                  'function ' || f.oid::regprocedure::text, f.qname, a.args)
    FROM fns f JOIN accessor_args a USING (oid)
    UNION ALL
    SELECT format('SELECT %L, (SELECT string_agg(CAST(u AS text), '','') FROM app.pair, %s(%s) %s)',
                  'function ' || f.oid::regprocedure::text, f.qname, st.col,
                  CASE st.col WHEN 'tl' THEN format('AS u(period daterange, summary %I.churn_summary)', n.nspname)
                              ELSE 'AS u' END)
    FROM fns f JOIN summary_types st ON st.oid = f.proargtypes[0]
    JOIN pg_type t ON t.oid = st.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE f.prokind = 'f' AND f.proname = 'unnest'
    UNION ALL
    SELECT format('SELECT %L, (SELECT %s OPERATOR(%I.%s) %s FROM app.pair)::text',
                  'operator ' || o.oid::regoperator::text, st.col, n.nspname, o.oprname, st.col || '_b')
    FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
    JOIN summary_types st ON st.oid = o.oprleft, ext
    WHERE o.oprnamespace = ext.ns
    UNION ALL
    SELECT format('SELECT %L, (SELECT CAST(CAST(%s AS text) AS %s) OPERATOR(%I.=) %s FROM app.pair)::text',
                  'cast through text ' || st.oid::regtype::text, st.col, st.oid::regtype::text, n.nspname, st.col)
    FROM summary_types st JOIN pg_type t ON t.oid = st.oid JOIN pg_namespace n ON n.oid = t.typnamespace)
SELECT string_agg(call, E'\nUNION ALL ' ORDER BY call) || E'\nORDER BY 1;' FROM calls;
SQL

generate_calls() { # generate_calls DB OUT [psql args]
	local db=$1 out=$2
	shift 2
	q "$db" -At "$@" -f "$WORK/generate_calls.sql" >"$out" || fail "generating the calls failed on $db"
	if grep -q UNKNOWN_ARGUMENT "$out"; then
		grep -o 'UNKNOWN_ARGUMENT_[a-z ]*' "$out" | sort -u >&2
		fail "the call generator does not know an argument type (add it to generate_calls.sql)"
	fi
}

###########################################################################
q postgres -c "CREATE ROLE $OWNER LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" \
	-c "CREATE ROLE $READER LOGIN NOSUPERUSER" \
	-c "CREATE ROLE $MALLORY LOGIN NOSUPERUSER" \
	-c "CREATE DATABASE $DB_OWNER OWNER $OWNER TEMPLATE template0"

###########################################################################
echo "-- (b) the database owner $OWNER (no superuser) creates the extension"
q "$DB_OWNER" -U "$OWNER" -c "CREATE EXTENSION cx_metrics" ||
	fail "a non-superuser database owner cannot CREATE EXTENSION cx_metrics (trusted = true?)"

echo "-- (a) no SECURITY DEFINER, no SET role, search_path pinned in non-C functions"
bad=$(q "$DB_OWNER" -At <<'SQL'
SELECT 'SECURITY DEFINER: ' || p.oid::regprocedure FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics'
WHERE p.prosecdef
UNION ALL
SELECT 'sets a role or session authorization: ' || p.oid::regprocedure FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics'
WHERE EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c ~* '^(role|session_authorization)=')
UNION ALL
SELECT 'not C and search_path not pinned: ' || p.oid::regprocedure FROM pg_proc p
JOIN pg_language l ON l.oid = p.prolang
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics'
WHERE p.prokind <> 'a' AND l.lanname NOT IN ('c', 'internal') AND p.prosqlbody IS NULL
  AND NOT EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%')
UNION ALL
SELECT 'owned by ' || pg_get_userbyid(p.proowner) || ' rather than the bootstrap superuser: ' || p.oid::regprocedure
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics'
WHERE p.proowner <> 10
UNION ALL
SELECT 'no functions found' WHERE NOT EXISTS (
    SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics'
    WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e');
SQL
)
n_definer=$(q "$DB_OWNER" -At -c "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosecdef")
owner_of_ext=$(q "$DB_OWNER" -At -c "SELECT pg_get_userbyid(extowner) FROM pg_extension WHERE extname = 'cx_metrics'")
[ "$owner_of_ext" = "$OWNER" ] || bad="$bad
the extension is owned by $owner_of_ext, not by $OWNER who created it"
if [ -n "$bad" ]; then
	echo "$bad" | sed 's/^/   /' >&2
	problem "(a) catalog checks"
else
	echo "   none of $(q "$DB_OWNER" -At -c "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace") functions is SECURITY DEFINER ($n_definer) or sets a role; every object is owned by the bootstrap superuser; the extension by $OWNER"
fi

echo "-- (b) $OWNER and the plain role $READER use every object"
q "$DB_OWNER" -U "$OWNER" -f "$WORK/data.sql" || fail "$OWNER cannot build summaries with the extension"
q "$DB_OWNER" -U "$OWNER" -c "GRANT USAGE ON SCHEMA app TO $READER" -c "GRANT SELECT ON ALL TABLES IN SCHEMA app TO $READER"
generate_calls "$DB_OWNER" "$WORK/calls.owned.sql"
n_expected=$(q "$DB_OWNER" -At -c "
SELECT 2 * count(*) FILTER (WHERE prokind = 'a')
       + count(*) FILTER (WHERE prokind = 'f' AND proname !~ '_(trans|inv|window)(_|\$)'
                          AND proname !~ '_(combine|subtract|final|eq|ne|in|out|recv)\$'
                          AND NOT proargtypes::oid[] && ARRAY['internal'::regtype, 'cstring'::regtype]::oid[])
       + (SELECT count(*) FROM pg_operator WHERE oprnamespace = 'public'::regnamespace)
       + (SELECT count(*) FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'b' AND typcategory <> 'A')
FROM pg_proc WHERE pronamespace = 'public'::regnamespace")
for role in "$OWNER" "$READER"; do
	if ! q "$DB_OWNER" -U "$role" -At -F' | ' -f "$WORK/calls.owned.sql" >"$WORK/calls.$role.out" 2>"$WORK/calls.$role.err"; then
		cat "$WORK/calls.$role.err" >&2
		problem "(b) $role cannot call every object"
		continue
	fi
	n=$(wc -l <"$WORK/calls.$role.out")
	[ "$n" -eq "$n_expected" ] || problem "(b) $role: $n calls ran, $n_expected expected"
	# every call gives a value (revenue accessors too: the churn summaries have revenue)
	if grep -E ' \| $' "$WORK/calls.$role.out" >"$WORK/nulls"; then
		sed 's/^/   NULL: /' "$WORK/nulls" >&2
		problem "(b) $role: some calls returned NULL"
	fi
	if grep -E '^cast through text' "$WORK/calls.$role.out" | grep -v '| true$' >&2; then
		problem "(b) $role: a summary cast to text and back is not equal to itself"
	fi
done
if ! cmp -s "$WORK/calls.$OWNER.out" "$WORK/calls.$READER.out"; then
	diff "$WORK/calls.$OWNER.out" "$WORK/calls.$READER.out" | head -n 20 >&2
	problem "(b) $OWNER and $READER get different results"
fi
echo "   $n_expected calls (every aggregate plain and as a window, every accessor, operator and cast through text) as $OWNER and as $READER"

# COPY BINARY out and back in with psql's \copy, as each role.
for role in "$OWNER" "$READER"; do
	q "$DB_OWNER" -U "$role" -At >"$WORK/copy.$role.out" 2>&1 <<SQL || { cat "$WORK/copy.$role.out" >&2; problem "(b) $role: COPY BINARY of summaries failed"; }
\\copy app.pair TO '$WORK/pair.$role.bin' WITH (FORMAT binary)
\\copy (SELECT day, n, c, e, ch, rs, tl FROM app.daily) TO '$WORK/daily.$role.bin' WITH (FORMAT binary)
CREATE TEMP TABLE pair_back (LIKE app.pair);
CREATE TEMP TABLE daily_back (LIKE app.daily);
\\copy pair_back FROM '$WORK/pair.$role.bin' WITH (FORMAT binary)
\\copy daily_back FROM '$WORK/daily.$role.bin' WITH (FORMAT binary)
SELECT 'pair ' || (p.n = b.n AND p.n_b = b.n_b AND p.c = b.c AND p.c_b = b.c_b AND p.e = b.e AND p.e_b = b.e_b
                   AND p.ch = b.ch AND p.ch_b = b.ch_b AND p.rs = b.rs AND p.rs_b = b.rs_b
                   AND p.tl = b.tl AND p.tl_b = b.tl_b)
FROM app.pair p, pair_back b;
SELECT 'daily ' || count(*) FILTER (WHERE d.n = b.n AND d.c = b.c AND d.e = b.e AND d.ch = b.ch
                                     AND d.rs = b.rs AND d.tl = b.tl) || '/' || count(*)
FROM app.daily d JOIN daily_back b USING (day);
SQL
	got=$(tr '\n' ' ' <"$WORK/copy.$role.out")
	[ "$got" = "pair true daily 10/10 " ] || problem "(b) $role: COPY BINARY round trip: got '$got', expected 'pair true daily 10/10'"
done
echo "   COPY BINARY out and in (\\copy) as $OWNER and as $READER"
###########################################################################
echo "-- (e) the aggregates' support functions: EXECUTE only for their owner"
# The rule (docs/internals.md, "Privileges"): EXECUTE is revoked from PUBLIC on every
# transition, inverse transition, subtract, final and window-state function
# (names with _trans, _inv, _subtract, _final or _window_), and on nothing
# else; every other support function of an aggregate is also an operator's
# function or a documented accessor.
cat >"$WORK/privileges.sql" <<'SQL'
SET search_path = pg_catalog;
CREATE TEMP TABLE f AS
SELECT p.oid, p.proname, p.prokind,
       p.proacl IS NULL OR EXISTS (SELECT FROM aclexplode(p.proacl) a
                                   WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') AS public_execute
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics';
CREATE TEMP TABLE support AS
SELECT DISTINCT s.fn AS oid
FROM pg_aggregate a JOIN f ON f.oid = a.aggfnoid,
     unnest(ARRAY[a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
                  a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn]::oid[]) AS s(fn)
WHERE s.fn <> 0;
SELECT 'revoked ' || count(*) FILTER (WHERE NOT public_execute) || ' of ' || count(*) FROM f;
SELECT 'should be revoked: ' || oid::regprocedure FROM f
WHERE prokind = 'f' AND proname ~ '_(trans|inv|subtract|final|window)(_|$)' AND public_execute
UNION ALL
SELECT 'revoked, but not a support function by the rule: ' || oid::regprocedure FROM f
WHERE NOT public_execute AND NOT (prokind = 'f' AND proname ~ '_(trans|inv|subtract|final|window)(_|$)')
UNION ALL
SELECT 'support function for PUBLIC that is neither an operator nor an accessor: ' || s.oid::regprocedure
FROM support s JOIN f USING (oid)
WHERE f.public_execute
  AND NOT EXISTS (SELECT FROM pg_operator o WHERE o.oprcode = s.oid)
  AND f.proname NOT IN ('nps', 'csat', 'ces', 'churn')
ORDER BY 1;
SQL
q "$DB_OWNER" -U "$OWNER" -At -f "$WORK/privileges.sql" >"$WORK/privileges.out" || fail "(e) the privilege listing failed"
n_revoked=$(sed -n 's/^revoked \([0-9]*\) of .*/\1/p' "$WORK/privileges.out")
if grep -v '^revoked ' "$WORK/privileges.out" >"$WORK/privileges.bad" || [ "${n_revoked:-0}" -lt 100 ]; then
	sed 's/^/   /' "$WORK/privileges.bad" >&2
	problem "(e) EXECUTE privileges do not follow the rule ($n_revoked revoked)"
fi

# Every revoked function, called directly by the owner of the database and
# by a plain role, and used in CREATE AGGREGATE by the owner: each must be
# refused with SQLSTATE 42501 (insufficient_privilege).
cat >"$WORK/refused.sql" <<'SQL'
SET search_path = pg_catalog;
DO $$
DECLARE
	r record;
	stmt text;
	state text;
	n_calls int := 0;
	n_aggs int := 0;
	st regtype;
BEGIN
	FOR r IN
		SELECT p.oid, p.oid::regprocedure::text AS sig, format('%I.%I', n.nspname, p.proname) AS qname,
		       ARRAY(SELECT t FROM unnest(p.proargtypes) WITH ORDINALITY AS a(t, i) ORDER BY i) AS args,
		       p.prorettype
		FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics'
		WHERE p.prokind = 'f' AND p.proname ~ '_(trans|inv|subtract|final|window)(_|$)'
		ORDER BY 2
	LOOP
		-- a direct call with real arguments (NULLs would be folded away by the
		-- planner, as the functions are strict); SQL cannot make an internal
		-- value, so the window-state functions are not callable at all
		IF NOT 'internal'::regtype = ANY (r.args) THEN
			stmt := format('SELECT %s(%s)', r.qname,
			               (SELECT string_agg(CASE
			                    WHEN t::regtype::text ~ '(^|\.)(nps|csat|ces)_summary$' THEN format('(SELECT %s(4))', t::regtype)
			                    WHEN t::regtype::text ~ '(^|\.)churn_summary$' THEN
			                        format('(SELECT %s(daterange(''2025-01-01'', NULL), daterange(''2025-02-01'', ''2025-03-01'')))', t::regtype)
			                    WHEN t::regtype::text ~ '(^|\.)retention_summary$' THEN
			                        format('(SELECT %s(daterange(''2025-01-01'', NULL), CAST(''1 month'' AS interval), CAST(''2025-07-01'' AS date)))', t::regtype)
			                    WHEN t::regtype::text ~ '(^|\.)churn_timeline$' THEN
			                        format('(SELECT %s(daterange(''2025-01-01'', NULL), daterange(''2025-02-01'', ''2025-03-01''), CAST(''1 month'' AS interval)))', t::regtype)
			                    WHEN t = 'interval'::regtype THEN 'CAST(''1 month'' AS interval)'
			                    WHEN t = 'date'::regtype THEN 'CAST(''2025-07-01'' AS date)'
			                    WHEN t = 'timestamp'::regtype THEN 'CAST(''2025-07-01'' AS timestamp)'
			                    WHEN t = 'timestamptz'::regtype THEN 'CAST(''2025-07-01 00:00+00'' AS timestamptz)'
			                    WHEN t = 'int4'::regtype THEN '5'
			                    WHEN t = 'int2'::regtype THEN 'CAST(5 AS smallint)'
			                    WHEN t = 'numeric'::regtype THEN 'CAST(5 AS numeric)'
			                    WHEN t = 'float8'::regtype THEN 'CAST(1.5 AS double precision)'
			                    WHEN t = 'daterange'::regtype THEN 'daterange(''2025-02-01'', ''2025-03-01'')'
			                    WHEN t = 'tsrange'::regtype THEN 'tsrange(''2025-02-01'', ''2025-03-01'')'
			                    WHEN t = 'tstzrange'::regtype THEN 'tstzrange(''2025-02-01 00:00+00'', ''2025-03-01 00:00+00'')'
			                    ELSE 'UNKNOWN_ARGUMENT_' || t::regtype::text END, ', ' ORDER BY i)
			                FROM unnest(r.args) WITH ORDINALITY AS a(t, i)));
			state := NULL;
			BEGIN
				EXECUTE stmt;
				state := 'no error';
			EXCEPTION WHEN OTHERS THEN
				GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE;
			END;
			IF state <> '42501' THEN
				RAISE WARNING 'direct call %: SQLSTATE % (42501 expected): %', r.sig, state, stmt;
			END IF;
			n_calls := n_calls + 1;
		END IF;
		-- the function in a user-defined aggregate: as SFUNC when it maps a summary
		-- to a summary, as FINALFUNC over the roll-up's combine function otherwise
		st := r.args[1]::regtype;
		IF st::text ~ '_(summary|timeline)$' AND r.prorettype = st THEN
			stmt := format('CREATE AGGREGATE pg_temp.cx_user_agg(%s) (SFUNC = %s, STYPE = %s)',
			               (SELECT coalesce(string_agg(t::regtype::text, ', ' ORDER BY i), '*')
			                FROM unnest(r.args[2:]) WITH ORDINALITY AS a(t, i)), r.qname, st);
		ELSIF st::text ~ '_(summary|timeline)$' AND cardinality(r.args) = 1 THEN
			stmt := format('CREATE AGGREGATE pg_temp.cx_user_agg(%1$s) (SFUNC = %2$s, STYPE = %1$s, FINALFUNC = %3$s)',
			               st, st::text || '_combine', r.qname);
		ELSE
			stmt := format('CREATE AGGREGATE pg_temp.cx_user_agg(%s) (SFUNC = %s, STYPE = internal)',
			               (SELECT coalesce(string_agg(t::regtype::text, ', ' ORDER BY i), '*')
			                FROM unnest(r.args[2:]) WITH ORDINALITY AS a(t, i)), r.qname);
		END IF;
		state := NULL;
		BEGIN
			EXECUTE stmt;
			state := 'no error';
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE;
		END;
		-- internal states are for superusers only (42P13) before EXECUTE is checked
		IF state <> '42501' AND NOT (state = '42P13' AND 'internal'::regtype = ANY (r.args)) THEN
			RAISE WARNING 'CREATE AGGREGATE with %: SQLSTATE % (42501 expected): %', r.sig, state, stmt;
		END IF;
		n_aggs := n_aggs + 1;
	END LOOP;
	RAISE NOTICE 'refused: % direct calls, % CREATE AGGREGATE', n_calls, n_aggs;
END
$$;
SQL
for role in "$OWNER" "$READER"; do
	if ! q "$DB_OWNER" -U "$role" -c "SET client_min_messages = notice" -f "$WORK/refused.sql" >"$WORK/refused.$role.out" 2>&1 ||
		grep -q WARNING "$WORK/refused.$role.out"; then
		{ grep -v '^NOTICE' "$WORK/refused.$role.out" || true; } | head -n 20 | sed 's/^/   /' >&2
		problem "(e) $role: a revoked support function was not refused with 42501"
	fi
done
refused=$(sed -n 's/.*NOTICE:  refused: //p' "$WORK/refused.$OWNER.out")

# What the revoked functions are for still works for a plain role: a forced
# parallel plan (partial aggregation, combine functions), and a window with
# a moving frame over stored summaries (inverse transitions).
out=$(q "$DB_OWNER" -U "$READER" -At <<'SQL' 2>&1
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
CREATE TEMP TABLE serial AS
SELECT nps_summary(n_int, w) AS n, csat_summary(c_int) AS c, ces_summary(e_num, 7, w) AS e,
       churn_summary(tz_active, tz_period, rev) AS ch FROM app.data;
EXPLAIN (COSTS OFF) SELECT nps_summary(n_int, w), csat_summary(c_int), ces_summary(e_num, 7, w),
       churn_summary(tz_active, tz_period, rev) FROM app.data;
SELECT 'parallel equal ' || (p.c = s.c AND responses(p.n) = responses(s.n) AND abs(nps(p.n) - nps(s.n)) < 1e-9
                             AND abs(ces(p.e) - ces(s.e)) < 1e-9 AND abs(churn(p.ch) - churn(s.ch)) < 1e-9)
FROM serial s, (SELECT nps_summary(n_int, w) AS n, csat_summary(c_int) AS c, ces_summary(e_num, 7, w) AS e,
                       churn_summary(tz_active, tz_period, rev) AS ch FROM app.data) p;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
SELECT 'window ' || count(*) FILTER (WHERE x = y) || '/' || count(*)
FROM (SELECT nps_agg(n_int) OVER w AS x,
             (SELECT nps_agg(d2.n_int) FROM app.data d2 WHERE d2.id BETWEEN d.id - 3 AND d.id) AS y
      FROM app.data d WINDOW w AS (ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) q;
SELECT 'rolling roll-up ' || count(*)
FROM (SELECT nps_summary(n) OVER (ORDER BY day ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) + n AS s
      FROM app.daily) q WHERE s IS NOT NULL;
SQL
) || { sed 's/^/   /' <<<"$out" >&2; problem "(e) $READER: parallel plan, window or roll-up failed"; }
grep -q 'Partial Aggregate' <<<"$out" || { sed 's/^/   /' <<<"$out" >&2; problem "(e) no parallel plan for $READER"; }
for want in 'parallel equal true' 'window 200/200' 'rolling roll-up 10'; do
	grep -qx "$want" <<<"$out" || { sed 's/^/   /' <<<"$out" >&2; problem "(e) $READER: '$want' expected"; }
done
echo "   $n_revoked support functions without EXECUTE for PUBLIC, following the rule; $refused refused for $OWNER and for $READER; a parallel plan, windows and roll-ups still work for $READER"

# The owner may drop and re-create it.
q "$DB_OWNER" -U "$OWNER" -c "DROP EXTENSION cx_metrics CASCADE" -c "CREATE EXTENSION cx_metrics" 2>/dev/null ||
	problem "(b) $OWNER cannot drop and re-create the extension"

###########################################################################
echo "-- (c) search_path: hostile objects first on the search_path, qualified calls unchanged"
createdb -T template0 "$DB_PATH"
q "$DB_PATH" -c "CREATE SCHEMA cx" -c "CREATE EXTENSION cx_metrics SCHEMA cx"
PGOPTIONS="-c search_path=public,cx" q "$DB_PATH" -f "$WORK/data.sql"
generate_calls "$DB_PATH" "$WORK/calls.path.sql"
grep -q 'cx\.nps_agg' "$WORK/calls.path.sql" || fail "(c) the generated calls are not qualified with cx"

# The catalog listing used to compare installs (search_path pg_catalog:
# every other name is printed schema-qualified).
cat >"$WORK/listing.sql" <<'SQL'
SET search_path = pg_catalog;
\pset footer off
WITH ext AS (SELECT oid, extnamespace AS ns FROM pg_extension WHERE extname = 'cx_metrics')
SELECT * FROM (
  SELECT concat_ws(' ', 'function', p.oid::regprocedure, 'returns', pg_get_function_result(p.oid),
         'args', pg_get_function_arguments(p.oid), p.prokind, p.provolatile, p.proisstrict, p.proparallel,
         p.prosecdef, p.probin, p.prosrc, coalesce(obj_description(p.oid, 'pg_proc'), '<no comment>')) AS line
  FROM pg_proc p, ext WHERE p.pronamespace = ext.ns
  UNION ALL
  SELECT 'aggregate ' || a.aggfnoid::regprocedure || ' ' || concat_ws(' ', a.aggtransfn::oid::regprocedure,
         a.aggfinalfn::oid::regprocedure, a.aggcombinefn::oid::regprocedure, a.aggmtransfn::oid::regprocedure,
         a.aggminvtransfn::oid::regprocedure, a.aggmfinalfn::oid::regprocedure, a.aggtranstype::regtype,
         a.aggmtranstype::regtype, a.agginitval, a.aggminitval, a.aggfinalmodify, a.aggmfinalmodify)
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid, ext WHERE p.pronamespace = ext.ns
  UNION ALL
  SELECT 'type ' || t.oid::regtype || ' ' || concat_ws(' ', t.typlen, t.typalign, t.typstorage,
         t.typinput::oid::regprocedure, t.typoutput::oid::regprocedure, t.typreceive::oid::regprocedure,
         t.typsend::oid::regprocedure, t.typelem::regtype, coalesce(obj_description(t.oid, 'pg_type'), '<no comment>'))
  FROM pg_type t, ext WHERE t.typnamespace = ext.ns
  UNION ALL
  SELECT 'operator ' || o.oid::regoperator || ' ' || concat_ws(' ', o.oprcode::oid::regprocedure,
         o.oprresult::regtype, o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest::oid::regprocedure,
         o.oprjoin::oid::regprocedure, coalesce(obj_description(o.oid, 'pg_operator'), '<no comment>'))
  FROM pg_operator o, ext WHERE o.oprnamespace = ext.ns
  UNION ALL
  SELECT 'member ' || pg_describe_object(d.classid, d.objid, d.objsubid)
  FROM pg_depend d, ext WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
  UNION ALL
  -- what the members depend on, outside the extension's schema and pg_catalog
  SELECT 'DEPENDS ON A FOREIGN OBJECT: ' || pg_describe_object(d.classid, d.objid, d.objsubid) || ' -> '
         || pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid)
  FROM pg_depend d
  JOIN pg_depend m ON m.classid = d.classid AND m.objid = d.objid AND m.deptype = 'e'
  JOIN ext ON m.refobjid = ext.oid AND m.refclassid = 'pg_extension'::regclass
  WHERE d.deptype <> 'e'
    AND coalesce(CASE d.refclassid
          WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = d.refobjid)
          WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = d.refobjid)
          WHEN 'pg_operator'::regclass THEN (SELECT oprnamespace FROM pg_operator WHERE oid = d.refobjid)
          WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = d.refobjid)
          WHEN 'pg_namespace'::regclass THEN d.refobjid
        END, ext.ns) NOT IN (ext.ns, 'pg_catalog'::regnamespace)
) l ORDER BY line COLLATE "C";
SQL
q "$DB_PATH" -At -f "$WORK/listing.sql" >"$WORK/listing.clean" || fail "(c) the catalog listing failed"
[ "$(grep -c '^function' "$WORK/listing.clean")" -gt 100 ] || fail "(c) the catalog listing is unexpectedly short"

# The clean results: search_path without the extension's schema.
PGOPTIONS="-c search_path=public" q "$DB_PATH" -At -F' | ' -f "$WORK/calls.path.sql" >"$WORK/calls.clean" ||
	fail "(c) the qualified calls fail with a clean search_path"

# The hostile schema, made by a role without privileges beyond CREATE on
# the database: functions named like ours with the same argument types,
# returning 666 (double precision) or raising; aggregates named like ours;
# +, =, <> for the summary types; int4, float8 and range operators and
# common functions that take precedence over pg_catalog's when the
# search_path lists pg_catalog after it.
q "$DB_PATH" -c "GRANT CREATE ON DATABASE $DB_PATH TO $MALLORY" -c "GRANT USAGE ON SCHEMA cx, app TO PUBLIC" -c "GRANT SELECT ON ALL TABLES IN SCHEMA app TO PUBLIC"
q "$DB_PATH" -At -c "SET search_path = pg_catalog" -c "
SELECT format('CREATE FUNCTION evil.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L;',
              p.proname, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid),
              CASE WHEN p.prorettype = 'float8'::regtype THEN 'BEGIN RETURN 666; END'
                   ELSE format('BEGIN RAISE EXCEPTION %L; END', 'hijacked: evil.' || p.proname) END)
FROM pg_proc p
WHERE p.pronamespace = 'cx'::regnamespace AND p.prokind = 'f'
  AND NOT p.proargtypes::oid[] && ARRAY['internal'::regtype, 'cstring'::regtype]::oid[]
  AND p.prorettype NOT IN ('internal'::regtype, 'cstring'::regtype)
ORDER BY 1" >"$WORK/evil_functions.sql"
cat >"$WORK/evil.sql" <<'SQL'
CREATE SCHEMA evil;
SET search_path = evil, pg_catalog;
\i :evil_functions
-- operators on the summary types: + raises, = is never true, <> always
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['nps_summary', 'csat_summary', 'ces_summary', 'churn_summary'] LOOP
        EXECUTE format('CREATE FUNCTION evil.%1$I(a cx.%2$I, b cx.%2$I) RETURNS cx.%2$I LANGUAGE plpgsql '
                       'AS $b$ BEGIN RAISE EXCEPTION ''hijacked: evil.+''; END $b$', 'plus_' || t, t);
        EXECUTE format('CREATE FUNCTION evil.%1$I(a cx.%2$I, b cx.%2$I) RETURNS boolean LANGUAGE sql '
                       'AS ''SELECT false''', 'never_' || t, t);
        EXECUTE format('CREATE FUNCTION evil.%1$I(a cx.%2$I, b cx.%2$I) RETURNS boolean LANGUAGE sql '
                       'AS ''SELECT true''', 'always_' || t, t);
        EXECUTE format('CREATE OPERATOR evil.+ (LEFTARG = cx.%1$I, RIGHTARG = cx.%1$I, FUNCTION = evil.%2$I)',
                       t, 'plus_' || t);
        EXECUTE format('CREATE OPERATOR evil.= (LEFTARG = cx.%1$I, RIGHTARG = cx.%1$I, FUNCTION = evil.%2$I)',
                       t, 'never_' || t);
        EXECUTE format('CREATE OPERATOR evil.<> (LEFTARG = cx.%1$I, RIGHTARG = cx.%1$I, FUNCTION = evil.%2$I)',
                       t, 'always_' || t);
    END LOOP;
END $$;
-- aggregates named like ours
CREATE FUNCTION evil.sf(s float8, x anyelement) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE FUNCTION evil.sf2(s float8, x anyelement, y anyelement) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE AGGREGATE evil.nps_agg(integer) (SFUNC = evil.sf, STYPE = float8);
CREATE AGGREGATE evil.nps_agg(cx.nps_summary) (SFUNC = evil.sf, STYPE = float8);
CREATE AGGREGATE evil.csat_agg(integer) (SFUNC = evil.sf, STYPE = float8);
CREATE AGGREGATE evil.ces_agg(integer) (SFUNC = evil.sf, STYPE = float8);
CREATE AGGREGATE evil.churn_rate(daterange, daterange) (SFUNC = evil.sf2, STYPE = float8);
-- int4, float8 and range operators and functions over pg_catalog's
CREATE FUNCTION evil.i(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT 666';
CREATE FUNCTION evil.ib(a integer, b integer) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE FUNCTION evil.f(a float8, b float8) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE FUNCTION evil.fb(a float8, b float8) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE FUNCTION evil.rb(a anyrange, b anyelement) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE OPERATOR evil.+ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.i);
CREATE OPERATOR evil.- (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.i);
CREATE OPERATOR evil.* (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.i);
CREATE OPERATOR evil./ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.i);
CREATE OPERATOR evil.% (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.i);
CREATE OPERATOR evil.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.ib);
CREATE OPERATOR evil.< (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.ib);
CREATE OPERATOR evil.<= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.ib);
CREATE OPERATOR evil.> (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.ib);
CREATE OPERATOR evil.>= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.ib);
CREATE OPERATOR evil.+ (LEFTARG = float8, RIGHTARG = float8, FUNCTION = evil.f);
CREATE OPERATOR evil.- (LEFTARG = float8, RIGHTARG = float8, FUNCTION = evil.f);
CREATE OPERATOR evil.* (LEFTARG = float8, RIGHTARG = float8, FUNCTION = evil.f);
CREATE OPERATOR evil./ (LEFTARG = float8, RIGHTARG = float8, FUNCTION = evil.f);
CREATE OPERATOR evil.= (LEFTARG = float8, RIGHTARG = float8, FUNCTION = evil.fb);
CREATE OPERATOR evil.< (LEFTARG = float8, RIGHTARG = float8, FUNCTION = evil.fb);
CREATE OPERATOR evil.@> (LEFTARG = anyrange, RIGHTARG = anyelement, FUNCTION = evil.rb);
CREATE FUNCTION evil.sqrt(float8) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE FUNCTION evil.abs(float8) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE FUNCTION evil.exp(float8) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE FUNCTION evil.ln(float8) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE FUNCTION evil.power(float8, float8) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE FUNCTION evil.lower(anyrange) RETURNS anyelement LANGUAGE sql AS 'SELECT NULL';
CREATE FUNCTION evil.upper(anyrange) RETURNS anyelement LANGUAGE sql AS 'SELECT NULL';
CREATE FUNCTION evil.isempty(anyrange) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION evil.lower_inf(anyrange) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION evil.upper_inf(anyrange) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION evil.isfinite(date) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE FUNCTION evil.isfinite(timestamptz) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE FUNCTION evil.isfinite(timestamp) RETURNS boolean LANGUAGE sql AS 'SELECT false';
GRANT USAGE ON SCHEMA evil TO PUBLIC;
SQL
q "$DB_PATH" -U "$MALLORY" -v evil_functions="$WORK/evil_functions.sql" -f "$WORK/evil.sql" >/dev/null ||
	fail "(c) creating the hostile schema failed"
# The same functions in public too (as a careless administrator would leave
# them), so that the default search_path is hostile as well.
sed 's/^CREATE FUNCTION evil\./CREATE FUNCTION public./' "$WORK/evil_functions.sql" >"$WORK/public_functions.sql"
q "$DB_PATH" -f "$WORK/public_functions.sql" >/dev/null || fail "(c) creating hostile functions in public failed"
n_evil=$(q "$DB_PATH" -At -c "SELECT count(*) FROM pg_proc WHERE pronamespace IN ('evil'::regnamespace, 'public'::regnamespace)")
n_evil_ops=$(q "$DB_PATH" -At -c "SELECT count(*) FROM pg_operator WHERE oprnamespace = 'evil'::regnamespace")

# The hostile objects are live: unqualified calls and operators are hijacked.
hijacked=$(PGOPTIONS="-c search_path=evil,pg_catalog,public,cx" q "$DB_PATH" -At -c "
SELECT concat_ws(' ', 2 + 2, 1.5::float8 * 2::float8, nps(n), (SELECT nps_agg(n) FROM app.daily), (SELECT nps_agg(n_int) FROM app.data),
                 n = n, sqrt(4::float8))
FROM app.pair") || fail "(c) the hostile objects cannot be called"
[ "$hijacked" = "666 666 666 666 666 f 666" ] ||
	fail "(c) the hostile objects are not picked for unqualified calls (got '$hijacked'): the test is not hostile enough"
hijacked_public=$(PGOPTIONS="-c search_path=public,cx" q "$DB_PATH" -At -c "SELECT concat_ws(' ', nps(n), churn(ch)) FROM app.pair") ||
	fail "(c) the hostile functions in public cannot be called"
[ "$hijacked_public" = "666 666" ] ||
	fail "(c) the hostile functions in public are not picked for unqualified calls (got '$hijacked_public')"

for path in "evil,pg_catalog,public" "evil,pg_catalog,public,cx" "evil,cx,pg_catalog,public" "evil,public,cx" \
	'"$user",evil,public' '"$user",public' "public,cx"; do
	if ! PGOPTIONS="-c search_path=$path" q "$DB_PATH" -At -F' | ' -f "$WORK/calls.path.sql" \
		>"$WORK/calls.hostile" 2>"$WORK/calls.hostile.err"; then
		cat "$WORK/calls.hostile.err" >&2
		problem "(c) qualified calls fail with search_path $path"
		continue
	fi
	if ! diff -u "$WORK/calls.clean" "$WORK/calls.hostile" >"$WORK/calls.diff"; then
		head -n 40 "$WORK/calls.diff" >&2
		problem "(c) qualified calls give other results with search_path $path"
	fi
done
echo "   $(wc -l <"$WORK/calls.clean") qualified calls identical under 7 hostile search_paths ($n_evil hostile functions, $n_evil_ops hostile operators; unqualified calls hijacked: '$hijacked')"

echo "-- (c) CREATE EXTENSION with a hostile schema first on the search_path"
createdb -T template0 "$DB_INSTALL"
# (b) a role without CREATE on the database may not install it
if q "$DB_INSTALL" -U "$READER" -c "CREATE EXTENSION cx_metrics" >/dev/null 2>&1; then
	problem "(b) $READER, who has no CREATE privilege on the database, could create the extension"
fi
q "$DB_INSTALL" -c "GRANT CREATE ON DATABASE $DB_INSTALL TO $MALLORY"
# Before the install the hostile role can only name its own types: types
# named like ours, and functions and operators named like ours over them.
q "$DB_INSTALL" -U "$MALLORY" >/dev/null <<'SQL' || fail "(c) creating the pre-install hostile schema failed"
CREATE SCHEMA evil;
GRANT USAGE ON SCHEMA evil TO PUBLIC;
CREATE TYPE evil.nps_summary AS (x int);
CREATE TYPE evil.csat_summary AS (x int);
CREATE TYPE evil.ces_summary AS (x int);
CREATE TYPE evil.churn_summary AS (x int);
CREATE FUNCTION evil.nps_summary_combine(evil.nps_summary, evil.nps_summary) RETURNS evil.nps_summary LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION evil.nps_summary_eq(evil.nps_summary, evil.nps_summary) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION evil.nps_trans(evil.nps_summary, integer) RETURNS evil.nps_summary LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION evil.nps(evil.nps_summary) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE FUNCTION evil.churn(evil.churn_summary) RETURNS float8 LANGUAGE sql AS 'SELECT 666::float8';
CREATE FUNCTION evil.nps_summary_final(evil.nps_summary) RETURNS evil.nps_summary LANGUAGE sql AS 'SELECT $1';
CREATE OPERATOR evil.+ (LEFTARG = evil.nps_summary, RIGHTARG = evil.nps_summary, FUNCTION = evil.nps_summary_combine);
CREATE OPERATOR evil.= (LEFTARG = evil.nps_summary, RIGHTARG = evil.nps_summary, FUNCTION = evil.nps_summary_eq);
CREATE FUNCTION evil.i(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT 666';
CREATE OPERATOR evil.+ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.i);
CREATE OPERATOR evil.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.i);
CREATE FUNCTION evil.eqsel_like(a integer) RETURNS integer LANGUAGE sql AS 'SELECT 666';
SQL
# The installer's session: the hostile schema first (before pg_catalog),
# and temporary tables, whose row types are found before any schema's
# types, named like ours.
PGOPTIONS="-c search_path=evil,pg_catalog,public" q "$DB_INSTALL" >"$WORK/install.log" 2>&1 <<'SQL' ||
CREATE TEMP TABLE nps_summary (x int);
CREATE TEMP TABLE csat_summary (x int);
CREATE TEMP TABLE ces_summary (x int);
CREATE TEMP TABLE churn_summary (x int);
CREATE SCHEMA cx;
CREATE EXTENSION cx_metrics SCHEMA cx;
SQL
	{ cat "$WORK/install.log" >&2; fail "(c) CREATE EXTENSION under a hostile search_path failed"; }
q "$DB_INSTALL" -At -f "$WORK/listing.sql" >"$WORK/listing.hostile" || fail "(c) the catalog listing failed"
if grep '^DEPENDS ON A FOREIGN OBJECT' "$WORK/listing.clean" "$WORK/listing.hostile" >&2; then
	problem "(c) members of the extension depend on objects outside cx and pg_catalog"
fi
if ! diff -u "$WORK/listing.clean" "$WORK/listing.hostile" >"$WORK/listing.diff"; then
	head -n 60 "$WORK/listing.diff" >&2
	problem "(c) CREATE EXTENSION under a hostile search_path created other objects ('-' clean, '+' hostile)"
fi
# And the install works like the clean one.
PGOPTIONS="-c search_path=public,cx" q "$DB_INSTALL" -f "$WORK/data.sql" >/dev/null ||
	problem "(c) the extension installed under a hostile search_path cannot build summaries"
PGOPTIONS="-c search_path=public" q "$DB_INSTALL" -At -F' | ' -f "$WORK/calls.path.sql" >"$WORK/calls.install" ||
	problem "(c) the extension installed under a hostile search_path fails the calls"
cmp -s "$WORK/calls.clean" "$WORK/calls.install" ||
	{ diff "$WORK/calls.clean" "$WORK/calls.install" | head -n 20 >&2; problem "(c) the extension installed under a hostile search_path gives other results"; }
echo "   $(wc -l <"$WORK/listing.clean") catalog lines identical to a clean install; no member depends on anything outside cx and pg_catalog"

###########################################################################
echo "-- (d) the install scripts refer to their own objects only through @extschema@"
scripts=(cx_metrics--*.sql)
[ -e "${scripts[0]}" ] || fail "(d) no install scripts found"
{
	echo "CREATE TEMP TABLE lines (file text, n int, line text);"
	echo "CREATE TEMP TABLE raw (n int GENERATED ALWAYS AS IDENTITY, line text);"
	for f in "${scripts[@]}"; do
		echo "TRUNCATE raw; ALTER TABLE raw ALTER COLUMN n RESTART;"
		echo "\\copy raw(line) FROM '$PWD/$f' WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')"
		echo "INSERT INTO lines SELECT '$f', n, coalesce(line, '') FROM raw;"
	done
	cat <<'SQL'
-- Each script with comments removed and string literals emptied (newlines
-- kept, so line numbers stay right); dollar quotes are unwrapped so that
-- function bodies are checked like the rest.
CREATE TEMP TABLE cleaned AS
WITH src AS (
    SELECT file, replace(string_agg(line, E'\n' ORDER BY n), '$$', '  ') AS s FROM lines GROUP BY file),
tok AS (
    SELECT src.file, r.o, r.m[1] AS t
    FROM src, regexp_matches(src.s, '(''(?:[^'']|'''')*''|--[^\n]*|/\*(?:[^*]|\*+[^*/])*\*+/|[^''/-]+|.)', 'g')
              WITH ORDINALITY AS r(m, o))
SELECT file, string_agg(CASE WHEN t LIKE '--%' OR t LIKE '/*%' THEN regexp_replace(t, '[^\n]', ' ', 'g')
                             WHEN t LIKE '''%' THEN '''' || regexp_replace(t, '[^\n]', '', 'g') || ''''
                             ELSE t END, '' ORDER BY o) AS s
FROM tok GROUP BY file;
CREATE TEMP TABLE clines AS
SELECT c.file, l.n, l.line FROM cleaned c, regexp_split_to_table(c.s, E'\n') WITH ORDINALITY AS l(line, n);
-- our objects: every name written after @extschema@.
CREATE TEMP TABLE ours AS
SELECT DISTINCT lower(trim(both '"' from m[1])) AS name
FROM clines, regexp_matches(line, '@extschema@\.("?[A-Za-z_][A-Za-z0-9_$]*"?)', 'g') AS m;
SELECT 'our object names: ' || count(*) FROM ours;
SELECT msg FROM (
-- 1. every CREATE names its object as @extschema@.name (a cast: both types)
SELECT file, n, format('%s:%s: created outside @extschema@: %s', file, n, btrim(line))
FROM clines
WHERE line ~* '\mCREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE|AGGREGATE|TYPE|DOMAIN|OPERATOR|TABLE|VIEW|MATERIALIZED\s+VIEW|SEQUENCE|COLLATION|CONVERSION|TEXT\s+SEARCH\s+\w+|SCHEMA)\M'
  AND line !~* '\mCREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE|AGGREGATE|TYPE|DOMAIN|OPERATOR(\s+CLASS|\s+FAMILY)?|TABLE|VIEW|MATERIALIZED\s+VIEW|SEQUENCE|COLLATION|CONVERSION|TEXT\s+SEARCH\s+\w+)\s+@extschema@\.'
UNION ALL
SELECT file, n, format('%s:%s: a cast of types outside @extschema@: %s', file, n, btrim(line))
FROM clines
WHERE line ~* '\mCREATE\s+CAST\M'
  AND line !~* 'CREATE\s+CAST\s*\(\s*(@extschema@\.\S+|[a-z ]+)\s+AS\s+(@extschema@\.\S+|[a-z ]+)\s*\)'
-- 2. no CREATE OR REPLACE / IF NOT EXISTS in an install script
UNION ALL
SELECT file, n, format('%s:%s: %s in an install script: %s', file, n,
              CASE WHEN line ~* 'OR\s+REPLACE' THEN 'CREATE OR REPLACE' ELSE 'IF NOT EXISTS' END, btrim(line))
FROM clines
WHERE file !~ '^cx_metrics--[^-]+--' AND (line ~* '\mCREATE\s+OR\s+REPLACE\M' OR line ~* '\mIF\s+NOT\s+EXISTS\M')
-- 3. every mention of one of our names is qualified with @extschema@
UNION ALL
SELECT file, n, format('%s:%s: %s without @extschema@: %s', c.file, c.n, w.word, btrim(c.line))
FROM clines c,
     LATERAL (SELECT lower(trim(both '"' from m[2])) AS word, m[1] AS qualifier
              FROM regexp_matches(c.line, '((?:@extschema@|[A-Za-z_][A-Za-z0-9_$]*|"[^"]+")\s*\.\s*)?("?[A-Za-z_][A-Za-z0-9_$]*"?)', 'g') AS m) w
WHERE w.word IN (SELECT name FROM ours)
  AND (w.qualifier IS NULL OR w.qualifier !~ '^@extschema@')
  -- the output columns of RETURNS TABLE are names, not references
  AND c.line !~* '^\s*RETURNS\s+TABLE\s*\('
-- 4. operators: OPERATOR(...) and COMMUTATOR / NEGATOR name @extschema@ or pg_catalog
UNION ALL
SELECT file, n, format('%s:%s: operator not qualified: %s', file, n, btrim(line))
FROM clines
WHERE (line ~* '\mOPERATOR\s*\(' AND line ~* '\mOPERATOR\s*\(\s*(?!@extschema@\.|pg_catalog\.)')
   OR (line ~* '\m(COMMUTATOR|NEGATOR)\s*=' AND line !~* '\m(COMMUTATOR|NEGATOR)\s*=\s*OPERATOR\s*\(\s*@extschema@\.')
) problems(file, n, msg)
ORDER BY file, n, msg;
SQL
} >"$WORK/grep.sql"
q postgres -At -f "$WORK/grep.sql" >"$WORK/grep.out" || fail "(d) the script scan failed"
names=$(sed -n 's/^our object names: //p' "$WORK/grep.out")
[ "${names:-0}" -gt 50 ] || fail "(d) found only ${names:-0} object names after @extschema@ (scan broken?)"
if grep -v '^our object names: ' "$WORK/grep.out" >"$WORK/grep.bad"; then
	sed 's/^/   /' "$WORK/grep.bad" | head -n 40 >&2
	problem "(d) the install scripts refer to objects without @extschema@ ($(wc -l <"$WORK/grep.bad") lines)"
else
	echo "   ${#scripts[@]} script(s), $names object names, every CREATE and every mention qualified with @extschema@"
fi

if [ "$failures" -gt 0 ]; then
	echo "check_security: $failures problem(s), see above" >&2
	exit 1
fi
echo "check_security: OK"
