#!/usr/bin/env bash
# Nothing a user can run makes a value that does not survive a dump and
# restore.  As a role without superuser that owns a database and created
# the extension there (trusted), drive random SQL over the extension's
# whole surface, enumerated from the catalog (pg_proc, pg_aggregate and
# pg_operator members of the extension, so new functions are covered
# without a change here):
#   - calls of every function (those users may call, and the support
#     functions, which must be refused) and operator, with arguments drawn
#     from pools: stored summaries of every type (seeds built by the
#     aggregates, counts near 2^63, extreme weights, and every value
#     earlier calls produced), edge scores, NULLs, NaN / infinite /
#     negative / huge / tiny weights, empty, point, '[]' and '(]' ranges
#     of the three range types, unbounded and infinite ones, periods whose
#     start equals their end, valid and malformed texts;
#   - every aggregate over 0..7 random rows, plainly and as a window
#     (moving, growing and emptying frames), and roll-ups and rolling
#     windows over the stored values;
#   - casts of valid and malformed texts to every summary type;
#   - CREATE AGGREGATE on the extension's functions (transition, final,
#     combine, inverse functions and initial values at random), and each
#     aggregate so created over random rows.
# Every call must either fail with a clean SQLSTATE (never class XX, never
# a crash: the server's start time must not change and its log must not
# record one) or give values whose text form reads back equal (= and the
# same text); every summary produced is stored.  Then every stored value
# goes out and back in through COPY (FORMAT binary) and must come back
# equal with the same text; and the database is dumped (pg_dump -Fc, as
# the owner) and restored (pg_restore, as the owner) into a new database,
# whose stored values must be identical, row by row, in text and binary.
#
# A run is reproducible: the driver runs in the database from setseed(),
# every call is logged as self-contained SQL (arguments are literals; an
# aggregate the driver created is used under the negative number of the
# step that created it, and shown after its CREATE AGGREGATE).
# CX_RESTORABLE_SEED (default 1) picks another stream, CX_RESTORABLE_STEPS
# (default 40000) sets the number of calls, CX_RESTORABLE_VERSION installs
# another extension version (e.g. 1.0, to see what its public support
# functions allowed), CX_RESTORABLE_KEEP=1 keeps the databases (tables
# rs.calls, rs.failures, rs.store_*).  If a run crashes the server, the
# chunk is replayed with every call written out first, and the last one is
# shown.
#
# Needs a running server: PGHOST/PGPORT/PGUSER (a superuser) set, as
# test/run-tests.sh does, with trust authentication on the local socket (so
# the role it creates can log in).  Creates and drops its own role and
# databases.  About a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

SEED=${CX_RESTORABLE_SEED:-1}
STEPS=${CX_RESTORABLE_STEPS:-40000}
CHUNK=1000
VERSION=${CX_RESTORABLE_VERSION:-}
OWNER=cx_check_rs_owner
DB=cx_check_restorable
DB_BACK=cx_check_restorable_back
cx_work_dir cx_check_restorable

# psql as the owner of the check's databases, warnings and errors only
as_owner() { # as_owner DB [psql args...]
	PGOPTIONS="-c client_min_messages=warning" q "$1" -U "$OWNER" "${@:2}"
}

drop_all() {
	q_admin -c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS $DB_BACK" >/dev/null 2>&1 || true
	q_admin -c "DROP ROLE IF EXISTS $OWNER" >/dev/null 2>&1 || true
}
[ -n "${CX_RESTORABLE_KEEP:-}" ] || cx_on_exit drop_all

cx_watch_server

drop_all
q_admin -c "CREATE ROLE $OWNER LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" \
	-c "CREATE DATABASE $DB OWNER $OWNER TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" \
	-c "CREATE DATABASE $DB_BACK OWNER $OWNER TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
version_clause=
[ -z "$VERSION" ] || version_clause=" VERSION '$VERSION'"
as_owner "$DB" -c "CREATE SCHEMA cx" -c "CREATE EXTENSION cx_metrics SCHEMA cx$version_clause" ||
	fail "$OWNER (no superuser, owner of $DB) cannot CREATE EXTENSION cx_metrics"
[ "$(as_owner "$DB" -Atc "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" = f ] ||
	fail "$OWNER is a superuser"
installed=$(as_owner "$DB" -Atc "SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics'")
echo "restorable: seed $SEED (CX_RESTORABLE_SEED=$SEED reproduces this run), $STEPS calls, as $OWNER (no superuser), cx_metrics $installed"

###########################################################################
# The driver, its pools and its tables (schema rs), in the database.
as_owner "$DB" <<'SQL' || fail "setting up the driver failed"
-- The property check's objects: schema rs (the driver, the pools, the
-- stored values, the log of calls) and schema rs_user (aggregates the
-- driver manages to create).  Run by the non-superuser owner of the
-- database, after CREATE EXTENSION cx_metrics SCHEMA cx.
SET client_min_messages = warning;
CREATE SCHEMA rs;
CREATE SCHEMA rs_user;

-- The extension's SQL surface, from the catalog: every member function,
-- aggregate and operator with its argument and result types.
CREATE TABLE rs.surface AS
SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' ELSE 'function' END AS kind,
       p.oid::regprocedure::text AS sig,
       format('%I.%I', n.nspname, p.proname) AS qname,
       ARRAY(SELECT t::regtype FROM unnest(p.proargtypes) WITH ORDINALITY AS a(t, i) ORDER BY i) AS args,
       p.prorettype::regtype AS rettype,
       NOT has_function_privilege(p.oid, 'EXECUTE') AS revoked,
       NULL::text AS oprname
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics'
WHERE NOT p.proretset
UNION ALL
SELECT 'operator', o.oid::regoperator::text, format('%I', n.nspname),
       ARRAY[o.oprleft::regtype, o.oprright::regtype], o.oprresult::regtype, false, o.oprname
FROM pg_operator o
JOIN pg_namespace n ON n.oid = o.oprnamespace
JOIN pg_depend d ON d.classid = 'pg_operator'::regclass AND d.objid = o.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics';

-- The extension's own types (the summaries): one table of values each,
-- rs.store_<type>, holding the pool's seeds (step 0) and every value a
-- call produced (step = the call's number).
CREATE TABLE rs.types AS
SELECT t.oid::regtype AS typ, t.typname::text AS name, t.typnamespace::regnamespace::text AS schema,
       t.typsend::regproc::text AS send
FROM pg_type t
JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics'
WHERE t.typtype = 'b' AND t.typelem = 0;
DO $$
DECLARE r record;
BEGIN
	FOR r IN SELECT * FROM rs.types ORDER BY name LOOP
		EXECUTE format('CREATE TABLE rs.%I (id bigserial PRIMARY KEY, step int NOT NULL, v %s NOT NULL)',
		               'store_' || r.name, r.typ);
	END LOOP;
END
$$;

-- Every call: its number, kind, SQL, outcome (ok or the SQLSTATE).
CREATE TABLE rs.calls (step int PRIMARY KEY, kind text NOT NULL, sql text NOT NULL, outcome text NOT NULL,
                       message text, n_values int);
-- What broke a property: the call, and the value or message.
CREATE TABLE rs.failures (step int, what text NOT NULL, sql text NOT NULL, detail text, store text, id bigint);

-- Pools of scalar arguments: literal SQL expressions per type.
CREATE TABLE rs.scalars (typ regtype NOT NULL, expr text NOT NULL);
INSERT INTO rs.scalars
SELECT 'int4'::regtype, x FROM unnest(ARRAY['-2147483648', '-1', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10',
                                   '11', '2147483647']) x
UNION ALL SELECT 'int2', format('CAST(%s AS smallint)', x)
FROM unnest(ARRAY['-32768', '-1', '0', '1', '3', '5', '7', '9', '10', '11', '32767']) x
UNION ALL SELECT 'numeric', format('CAST(%L AS numeric)', x)
FROM unnest(ARRAY['NaN', 'Infinity', '-Infinity', '-1', '-0', '0', '0.5', '5', '7.0', '9.5', '10', '11', '1e30',
                  '9223372036854775808']) x
UNION ALL SELECT 'float8', format('CAST(%L AS double precision)', x)
FROM unnest(ARRAY['NaN', 'Infinity', '-Infinity', '-1', '-0', '0', '5e-324', '1e-300', '1e-151', '1e-150',
                  '1e-10', '0.5', '0.95', '0.99', '1', '1.5', '3', '1e10', '1e150', '1e200', '1e300',
                  '1.7976931348623157e308', '0.3333333333333333', '3.141592653589793']) x
UNION ALL SELECT 'daterange', format('CAST(%L AS daterange)', x)
FROM unnest(ARRAY['empty', '[2025-02-01,2025-03-01)', '[2025-02-01,2025-02-01]', '(2025-02-01,2025-02-02)',
                  '(2025-01-31,2025-02-01]', '[2025-01-01,)', '(,2025-02-15)', '(,)', '[-infinity,infinity]',
                  '[2025-01-15,2025-02-15)', '[2025-02-05,)', '[2025-01-01,2025-03-01)', '[2025-03-01,2025-04-01)',
                  '[2025-02-01,2025-03-01]', '[4713-11-24 BC,2025-01-01)', '[2025-01-01,5874897-12-31]',
                  '[2025-02-28,2025-03-01)']) x
UNION ALL SELECT 'tsrange', format('CAST(%L AS tsrange)', x)
FROM unnest(ARRAY['empty', '[2025-02-01,2025-03-01)', '[2025-02-01,2025-02-01]', '(2025-02-01,2025-02-01]',
                  '[2025-02-01,2025-03-01]', '(2025-02-01,2025-03-01)', '[2025-01-01,)', '(,)',
                  '[-infinity,infinity)', '[2025-01-15 12:00,2025-02-15)', '[2025-02-05,)',
                  '[2025-03-01,2025-04-01)', '[2025-02-01 00:00:00.000001,2025-02-01 00:00:00.000002)',
                  '[294276-12-31 23:59:59,infinity)', '[4713-01-01 BC,2025-01-01)', '(,2025-02-15)']) x
UNION ALL SELECT 'tstzrange', format('CAST(%L AS tstzrange)', x)
FROM unnest(ARRAY['empty', '[2025-02-01 00:00+00,2025-03-01 00:00+00)', '[2025-02-01 00:00+00,2025-02-01 00:00+00]',
                  '(2025-02-01 00:00+00,2025-02-01 00:00+00]', '[2025-02-01 00:00+00,2025-03-01 00:00+00]',
                  '[2025-01-01 00:00+00,)', '(,)', '[-infinity,infinity)', '[2025-01-15 12:00+05,2025-02-15 00:00+00)',
                  '[2025-02-05 00:00+00,)', '[2025-03-01 00:00+00,2025-04-01 00:00+00)',
                  '[2025-02-01 00:00:00.000001+00,2025-02-01 00:00:00.000002+00)',
                  '[294276-12-31 23:59:59+00,infinity)', '(,2025-02-15 00:00+00)']) x
UNION ALL SELECT 'interval', format('CAST(%L AS interval)', x)
FROM unnest(ARRAY['1 month', '1 month', '3 months', '1 year', '7 days', '1 day', '12 hours', '0', '-1 month',
                  '1 month 1 day', '1 minute', '1 microsecond', '178000000 years', '-7 days']) x
UNION ALL SELECT 'date', format('CAST(%L AS date)', x)
FROM unnest(ARRAY['2025-07-01', '2025-03-01', '2026-01-01', '2025-01-31', 'infinity', '-infinity',
                  '4713-11-24 BC', '5874897-12-31']) x
UNION ALL SELECT 'timestamp', format('CAST(%L AS timestamp)', x)
FROM unnest(ARRAY['2025-07-01', '2025-03-01 12:00', '2026-01-01', 'infinity', '-infinity',
                  '4713-01-01 BC', '294276-12-31 23:59:59']) x
UNION ALL SELECT 'timestamptz', format('CAST(%L AS timestamptz)', x)
FROM unnest(ARRAY['2025-07-01 00:00+00', '2025-03-01 12:00+00', '2026-01-01 00:00+00', 'infinity', '-infinity',
                  '294276-12-31 23:59:59+00']) x
UNION ALL SELECT 'text', format('%L', x) FROM unnest(ARRAY['', 'x', '5']) x;

-- The seeds: valid summaries of every type, built by the aggregates (plain
-- and weighted, every scale, band and period type, ugly and extreme
-- weights), and literal ones with counts at the edge of bigint.
DO $$
DECLARE
	big CONSTANT text := '9223372036854775806';
	half CONSTANT text := '4611686018427387904';
	half1 CONSTANT text := '4611686018427387903';
	seeds text[] := ARRAY[
		-- nps_summary
		'nps_summary', 'SELECT cx.nps_summary(g % 11) FROM generate_series(1, 50) g',
		'nps_summary', 'SELECT cx.nps_summary(10)',
		'nps_summary', 'SELECT cx.nps_summary(g % 11, 1.0 / (g % 7 + 3)) FROM generate_series(1, 40) g',
		'nps_summary', 'SELECT cx.nps_summary(g % 11, pi() * g) FROM generate_series(1, 9) g',
		'nps_summary', 'SELECT cx.nps_summary(g, 1e150) FROM generate_series(0, 10) g',
		'nps_summary', 'SELECT cx.nps_summary(g, 1e-150) FROM generate_series(3, 9) g',
		'nps_summary', 'SELECT cx.nps_summary(5, 0.0)',
		'nps_summary', 'SELECT cx.nps_summary(g::numeric, g / 7.0) FROM generate_series(0, 10) g',
		'nps_summary', format('SELECT CAST(%L AS cx.nps_summary)', '{"version": 1, "scale": [0, 10], "counts": [' || big || ', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}'),
		'nps_summary', format('SELECT CAST(%L AS cx.nps_summary)', '{"version": 1, "scale": [0, 10], "counts": [' || half || ', 0, 0, 0, 0, 0, 0, 0, 0, 0, ' || half1 || ']}'),
		'nps_summary', format('SELECT CAST(%L AS cx.nps_summary)', '{"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ' || half || ']}'),
		-- csat_summary
		'csat_summary', 'SELECT cx.csat_summary(g % 5 + 1) FROM generate_series(1, 30) g',
		'csat_summary', 'SELECT cx.csat_summary(g % 7 + 1, 7) FROM generate_series(1, 30) g',
		'csat_summary', 'SELECT cx.csat_summary(g % 10 + 1, 10, 6, sqrt(g)) FROM generate_series(1, 30) g',
		'csat_summary', 'SELECT cx.csat_summary(g % 2 + 1, 2) FROM generate_series(1, 5) g',
		'csat_summary', 'SELECT cx.csat_summary(g % 3 + 1, 3, 2, 1e200) FROM generate_series(1, 5) g',
		'csat_summary', 'SELECT cx.csat_summary(5, 5, 5)',
		'csat_summary', 'SELECT cx.csat_summary(g % 5 + 1, 1.0 / g) FROM generate_series(1, 20) g',
		'csat_summary', format('SELECT CAST(%L AS cx.csat_summary)', '{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [0, 0, 0, 0, ' || big || ']}'),
		'csat_summary', format('SELECT CAST(%L AS cx.csat_summary)', '{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [' || half || ', 0, 0, 0, ' || half1 || ']}'),
		-- ces_summary
		'ces_summary', 'SELECT cx.ces_summary(g % 7 + 1) FROM generate_series(1, 30) g',
		'ces_summary', 'SELECT cx.ces_summary(g % 5 + 1, 5) FROM generate_series(1, 30) g',
		'ces_summary', 'SELECT cx.ces_summary(g % 10 + 1, 10, 1.0 / 3) FROM generate_series(1, 12) g',
		'ces_summary', 'SELECT cx.ces_summary(g % 2 + 1, 2, 1e-150) FROM generate_series(1, 4) g',
		'ces_summary', 'SELECT cx.ces_summary(4)',
		'ces_summary', 'SELECT cx.ces_summary(g % 7 + 1, pi() / g) FROM generate_series(1, 20) g',
		'ces_summary', format('SELECT CAST(%L AS cx.ces_summary)', '{"version": 1, "scale": [1, 7], "counts": [0, 0, 0, 0, 0, 0, ' || big || ']}'),
		'ces_summary', format('SELECT CAST(%L AS cx.ces_summary)', '{"version": 1, "scale": [1, 7], "counts": [' || half || ', 0, 0, 0, 0, 0, ' || half1 || ']}'),
		-- churn_summary
		'churn_summary', $q$SELECT cx.churn_summary(daterange(date '2025-01-01' + g % 50, CASE WHEN g % 3 = 0 THEN date '2025-02-20' + g % 40 END), daterange('2025-02-01', '2025-03-01')) FROM generate_series(1, 40) g$q$,
		'churn_summary', $q$SELECT cx.churn_summary(tsrange(timestamp '2025-01-01' + g * interval '7 hours', NULL), tsrange('2025-02-01', '2025-03-01'), g / 3.0) FROM generate_series(1, 200) g$q$,
		'churn_summary', $q$SELECT cx.churn_summary(tstzrange(timestamptz '2025-01-01 00:00+00' + (g % 100) * interval '9 hours', timestamptz '2025-02-10 00:00+00' + g * interval '5 hours'), tstzrange('2025-02-01 00:00+00', '2025-03-01 00:00+00')) FROM generate_series(1, 100) g$q$,
		'churn_summary', $q$SELECT cx.churn_summary(daterange('2025-01-01', NULL), daterange('2025-02-01', '2025-03-01'), 1e-150)$q$,
		'churn_summary', $q$SELECT cx.churn_summary(daterange('2025-01-01', '2025-02-15'), daterange('2025-02-01', '2025-03-01'), 1e150)$q$,
		'churn_summary', $q$SELECT cx.churn_summary(tsrange('2025-02-05', NULL), tsrange('2025-02-01', '2025-03-01'))$q$,
		'churn_summary', $q$SELECT cx.churn_summary(daterange('2025-01-01', NULL), daterange('2025-03-01', '2025-04-01'))$q$,
		'churn_summary', format('SELECT CAST(%L AS cx.churn_summary)', '{"version": 1, "period_type": "daterange", "period": ["2025-02-01", "2025-03-01"], "customers_at_start": ' || big || ', "customers_lost": 0, "customers_new": 0}'),
		'churn_summary', format('SELECT CAST(%L AS cx.churn_summary)', '{"version": 1, "period_type": "daterange", "period": ["2025-02-01", "2025-03-01"], "customers_at_start": ' || half || ', "customers_lost": 5, "customers_new": ' || big || '}'),
		'churn_summary', format('SELECT CAST(%L AS cx.churn_summary)', '{"version": 1, "period_type": "tsrange", "period": ["2025-02-01 00:00:00", "2025-03-01 00:00:00"], "customers_at_start": ' || big || ', "customers_lost": ' || half || ', "customers_new": 0}'),
		-- retention_summary
		'retention_summary', $q$SELECT cx.retention_summary(daterange(date '2024-01-01' + g * 7, CASE WHEN g % 3 > 0 THEN date '2024-03-01' + g * 11 END), '1 month', date '2025-07-01') FROM generate_series(1, 60) g$q$,
		'retention_summary', $q$SELECT cx.retention_summary(tstzrange(timestamptz '2025-01-01 00:00+00' + g * interval '5 hours', timestamptz '2025-03-01 00:00+00' + g * interval '9 hours'), '7 days', timestamptz '2025-07-01 00:00+00', g / 3.0) FROM generate_series(1, 80) g$q$,
		'retention_summary', $q$SELECT cx.retention_summary(tsrange('2025-01-01', NULL), '1 day', timestamp '2025-01-01')$q$,
		'retention_summary', format('SELECT CAST(%L AS cx.retention_summary)', '{"version": 1, "step_months": 1, "lost": [0, ' || half || '], "censored": [' || half1 || ', 0]}'),
		-- churn_timeline
		'churn_timeline', $q$SELECT cx.churn_timeline(daterange(date '2024-11-01' + g * 3, CASE WHEN g % 3 > 0 THEN date '2025-01-01' + g * 5 END), daterange('2025-01-01', '2025-07-01'), '1 month') FROM generate_series(1, 60) g$q$,
		'churn_timeline', $q$SELECT cx.churn_timeline(tstzrange(timestamptz '2025-01-01 00:00+00' + g * interval '5 hours', timestamptz '2025-02-01 00:00+00' + g * interval '9 hours'), tstzrange('2025-01-15 00:00+00', '2025-03-12 00:00+00'), '7 days', g / 3.0) FROM generate_series(1, 80) g$q$,
		'churn_timeline', $q$SELECT cx.churn_timeline(tsrange('2025-01-01', NULL), tsrange('2025-01-31', '2025-05-31'), '1 month', 1e150)$q$];
	i int;
	t text;
BEGIN
	FOR i IN 1 .. array_length(seeds, 1) / 2 LOOP
		t := seeds[2 * i - 1];
		IF t NOT IN (SELECT name FROM rs.types) THEN
			CONTINUE;
		END IF;
		BEGIN
			EXECUTE format('INSERT INTO rs.%I (step, v) SELECT 0, s FROM (%s) q(s) WHERE s IS NOT NULL',
			               'store_' || t, seeds[2 * i]);
		EXCEPTION WHEN OTHERS THEN
			-- a seed the current code refuses is simply not a seed
			NULL;
		END;
	END LOOP;
END
$$;

-- Texts for the input functions and casts: every seed's text, and
-- malformed ones (mutations of those, and hand-made).
CREATE TABLE rs.texts (t text NOT NULL);
DO $$
DECLARE r record;
BEGIN
	FOR r IN SELECT * FROM rs.types ORDER BY name LOOP
		EXECUTE format('INSERT INTO rs.texts SELECT v::text FROM rs.%I ORDER BY id', 'store_' || r.name);
	END LOOP;
END
$$;
INSERT INTO rs.texts
SELECT x FROM unnest(ARRAY['', ' ', '{}', '[]', 'null', '{"version": 1}', '{"version": 2, "scale": [0, 10], "counts": [1,1,1,1,1,1,1,1,1,1,1]}',
                           '{"version": 1, "scale": [1, 0], "counts": []}', '{"version": 1, "period_type": "none"}',
                           '{"version": 1, "scale": [0, 10], "counts": [-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}',
                           '{"version": 1, "scale": [0, 10], "counts": [9223372036854775808, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}',
                           '{"version": 1, "scale": [0, 10], "counts": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "weights": [NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "sum_sq_weights": 1}',
                           '{"version": 1, "period_type": "daterange", "period": ["2025-02-01", "2025-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}',
                           '{"version": 1, "period_type": "tsrange", "period": ["2025-02-01 00:00:00", "2025-02-01 00:00:00"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}',
                           '{"version": 1, "scale": [1, 5], "satisfied_from": 9, "counts": [0, 0, 0, 0, 1]}']) x;
-- mutations of the seeds' texts: numbers replaced by edge values,
-- truncations, and doubled keys
INSERT INTO rs.texts
SELECT regexp_replace(t, '[0-9]+', x, 'g') FROM rs.texts,
       unnest(ARRAY['-1', '9223372036854775807', '1e999', 'NaN']) x WHERE t LIKE '{%' AND length(t) > 20
UNION ALL
SELECT left(t, length(t) / 2) FROM rs.texts WHERE t LIKE '{%' AND length(t) > 20
UNION ALL
SELECT regexp_replace(t, '"version": 1, ', '"version": 1, "version": 1, ') FROM rs.texts WHERE t LIKE '{%' AND length(t) > 20;
CREATE TABLE rs.text_pool AS SELECT row_number() OVER (ORDER BY t COLLATE "C") AS id, t FROM (SELECT DISTINCT t FROM rs.texts) q;

-- A random element: 0 .. n-1; a random text of the pool.
CREATE FUNCTION rs.pick(n int) RETURNS int LANGUAGE sql AS $$ SELECT floor(random() * n)::int $$;
CREATE FUNCTION rs.random_text() RETURNS text LANGUAGE plpgsql AS $$
DECLARE k int := 1 + rs.pick((SELECT count(*)::int FROM rs.text_pool));
BEGIN
	RETURN (SELECT p.t FROM rs.text_pool p WHERE p.id = k);
END
$$;

-- A random argument of a type, as a literal SQL expression (so every call
-- in the log is reproducible on its own): a stored value of one of our
-- types (half the time a seed), a scalar from the pool, a text for an
-- input function; NULL now and then.
CREATE FUNCTION rs.arg(t regtype) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	name text;
	n int;
	v text;
BEGIN
	IF random() < 0.04 THEN
		RETURN format('CAST(NULL AS %s)', t);
	END IF;
	SELECT ty.name INTO name FROM rs.types ty WHERE ty.typ = t;
	IF name IS NOT NULL THEN
		IF random() < 0.5 THEN
			EXECUTE format('SELECT count(*) FROM rs.%I WHERE step = 0', 'store_' || name) INTO n;
		ELSE
			EXECUTE format('SELECT count(*) FROM rs.%I', 'store_' || name) INTO n;
		END IF;
		EXECUTE format('SELECT v::text FROM rs.%I ORDER BY id OFFSET $1 LIMIT 1', 'store_' || name)
			INTO v USING rs.pick(n);
		RETURN format('CAST(%L AS %s)', v, t);
	ELSIF t = 'cstring'::regtype THEN
		RETURN format('CAST(%L AS cstring)', rs.random_text());
	END IF;
	SELECT s.expr INTO v FROM rs.scalars s WHERE s.typ = t ORDER BY s.expr COLLATE "C"
	OFFSET rs.pick((SELECT count(*)::int FROM rs.scalars s2 WHERE s2.typ = t)) LIMIT 1;
	IF v IS NULL THEN
		RAISE EXCEPTION 'no argument pool for type %', t;
	END IF;
	RETURN v;
END
$$;

-- Rows for an aggregate: VALUES of (i, a1, ..., an); each argument either
-- the same in every row (mostly so for scales and bands) or random per row.
CREATE FUNCTION rs.agg_rows(args regtype[], nrows int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	fixed text[] := '{}';
	k int;
	r int;
	row_exprs text[];
	rows_sql text[] := '{}';
BEGIN
	FOR k IN 1 .. coalesce(array_length(args, 1), 0) LOOP
		IF random() < (CASE WHEN k = 1 THEN 0.3 ELSE 0.8 END) THEN
			fixed := fixed || rs.arg(args[k]);
		ELSE
			fixed := fixed || NULL::text;
		END IF;
	END LOOP;
	FOR r IN 1 .. greatest(nrows, 1) LOOP
		row_exprs := ARRAY[r::text];
		FOR k IN 1 .. coalesce(array_length(args, 1), 0) LOOP
			row_exprs := row_exprs || coalesce(fixed[k], rs.arg(args[k]));
		END LOOP;
		rows_sql := rows_sql || ('(' || array_to_string(row_exprs, ', ') || ')');
	END LOOP;
	RETURN format('(VALUES %s) v(i%s) WHERE i <= %s', array_to_string(rows_sql, ', '),
	              (SELECT coalesce(string_agg(', a' || g.g, '' ORDER BY g.g), '')
	               FROM generate_series(1, coalesce(array_length(args, 1), 0)) g(g)), nrows);
END
$$;

-- An aggregate call over random rows: plain, or as a window with a moving
-- frame (inverse transitions), a growing one, or a frame that empties.
CREATE FUNCTION rs.agg_call(qname text, args regtype[]) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	call text;
	frame text;
BEGIN
	call := format('%s(%s)', qname,
	               CASE WHEN coalesce(array_length(args, 1), 0) = 0 THEN '*'
	                    ELSE (SELECT string_agg('a' || k, ', ' ORDER BY k) FROM generate_series(1, array_length(args, 1)) k) END);
	IF random() < 0.55 THEN
		RETURN format('SELECT %s FROM %s', call, rs.agg_rows(args, rs.pick(7)));
	END IF;
	frame := (ARRAY['ROWS BETWEEN 1 PRECEDING AND CURRENT ROW', 'ROWS BETWEEN 2 PRECEDING AND CURRENT ROW',
	                'ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING', 'ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING',
	                'ROWS UNBOUNDED PRECEDING', 'ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING'])[1 + rs.pick(6)];
	RETURN format('SELECT %s OVER (ORDER BY i %s) FROM %s', call, frame, rs.agg_rows(args, 1 + rs.pick(8)));
END
$$;

-- Run one call: log its outcome; store every value of one of our types
-- it produces and check that the value's text form reads back equal and
-- prints the same.  An internal error (class XX) is a failure.
CREATE FUNCTION rs.run(step int, kind text, sql text, rettype regtype, trace boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	tname text;
	ids bigint[];
	id bigint;
	n int;
	ok boolean;
	st text;
	msg text;
	vtext text;
BEGIN
	IF trace THEN
		RAISE WARNING 'step %: %', step, sql;
	END IF;
	SELECT t.name INTO tname FROM rs.types t WHERE t.typ = rettype;
	BEGIN
		IF tname IS NOT NULL THEN
			EXECUTE format('WITH ins AS (INSERT INTO rs.%I (step, v) SELECT $1, r FROM (%s) q(r) WHERE r IS NOT NULL RETURNING id) SELECT array_agg(id ORDER BY id) FROM ins',
			               'store_' || tname, sql) INTO ids USING step;
			n := coalesce(cardinality(ids), 0);
		ELSE
			EXECUTE format('SELECT count(*) FROM (%s) q(r)', sql) INTO n;
		END IF;
		INSERT INTO rs.calls VALUES (step, kind, sql, 'ok', NULL, n);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		INSERT INTO rs.calls VALUES (step, kind, sql, st, msg, NULL);
		IF st LIKE 'XX%' THEN
			INSERT INTO rs.failures VALUES (step, 'internal error ' || st, sql, msg);
		END IF;
		RETURN;
	END;
	FOREACH id IN ARRAY coalesce(ids, '{}') LOOP
		EXECUTE format('SELECT v::text FROM rs.%I WHERE id = $1', 'store_' || tname) INTO vtext USING id;
		BEGIN
			EXECUTE format('SELECT CAST(v::text AS %1$s) OPERATOR(%3$I.=) v AND CAST(v::text AS %1$s)::text = v::text FROM rs.%2$I WHERE id = $1',
			               rettype, 'store_' || tname, (SELECT t.schema FROM rs.types t WHERE t.typ = rettype)) INTO ok USING id;
			IF NOT ok THEN
				INSERT INTO rs.failures VALUES (step, 'text form reads back different', sql, vtext, tname, id);
			END IF;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			INSERT INTO rs.failures VALUES (step, 'text form does not read back (' || st || ')', sql,
			                                vtext || E'\n      ' || msg, tname, id);
		END;
	END LOOP;
END
$$;

-- Try to create an aggregate on the extension's functions, as a user
-- would: a transition function whose first argument and result are one of
-- our types, maybe a final function, a combine function, an initial value
-- (a valid or a malformed text), a moving-aggregate pair.  If that works,
-- use it over random rows, plainly and as a window.
CREATE FUNCTION rs.user_aggregate(step int, trace boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	sf record;
	ff record;
	inv record;
	stype regtype;
	want_revoked boolean;
	k int;
	result_type regtype;
	name text := 'agg_' || step;
	opts text;
	sql text;
	st text;
	msg text;
BEGIN
	-- mostly a function users may call (those refused are many more)
	want_revoked := random() < 0.4;
	SELECT count(*) INTO k FROM rs.surface
	WHERE kind = 'function' AND cardinality(args) >= 1 AND args[1] = rettype
	  AND rettype IN (SELECT typ FROM rs.types) AND revoked = want_revoked;
	IF k = 0 THEN
		want_revoked := NOT want_revoked;
		SELECT count(*) INTO k FROM rs.surface
		WHERE kind = 'function' AND cardinality(args) >= 1 AND args[1] = rettype
		  AND rettype IN (SELECT typ FROM rs.types) AND revoked = want_revoked;
	END IF;
	SELECT * INTO sf FROM rs.surface
	WHERE kind = 'function' AND cardinality(args) >= 1 AND args[1] = rettype
	  AND rettype IN (SELECT typ FROM rs.types) AND revoked = want_revoked
	ORDER BY sig COLLATE "C" OFFSET rs.pick(k) LIMIT 1;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	stype := sf.rettype;
	result_type := stype;
	opts := format('SFUNC = %s, STYPE = %s', sf.qname, stype);
	IF random() < 0.4 THEN
		opts := opts || format(', INITCOND = %L', rs.random_text());
	END IF;
	IF random() < 0.5 THEN
		SELECT * INTO ff FROM rs.surface WHERE kind = 'function' AND args = ARRAY[stype]
		ORDER BY sig COLLATE "C" OFFSET rs.pick((SELECT count(*)::int FROM rs.surface WHERE kind = 'function' AND args = ARRAY[stype])) LIMIT 1;
		IF FOUND THEN
			opts := opts || format(', FINALFUNC = %s', ff.qname);
			result_type := ff.rettype;
		END IF;
	END IF;
	IF random() < 0.4 THEN
		opts := opts || format(', COMBINEFUNC = %s, PARALLEL = SAFE',
		                       (SELECT qname FROM rs.surface WHERE kind = 'function' AND args = ARRAY[stype, stype] AND rettype = stype
		                        ORDER BY sig COLLATE "C" LIMIT 1));
	END IF;
	IF random() < 0.3 THEN
		SELECT * INTO inv FROM rs.surface WHERE kind = 'function' AND args[2:] = sf.args[2:] AND args[1] = stype AND rettype = stype
		ORDER BY sig COLLATE "C" OFFSET rs.pick((SELECT count(*)::int FROM rs.surface WHERE kind = 'function' AND args[2:] = sf.args[2:] AND args[1] = stype AND rettype = stype)) LIMIT 1;
		opts := opts || format(', MSFUNC = %s, MINVFUNC = %s, MSTYPE = %s', sf.qname, inv.qname, stype);
	END IF;
	sql := format('CREATE AGGREGATE rs_user.%I(%s) (%s)', name,
	              CASE WHEN cardinality(sf.args) = 1 THEN '*'
	                   ELSE (SELECT string_agg(a.t::text, ', ' ORDER BY a.pos) FROM unnest(sf.args[2:]) WITH ORDINALITY AS a(t, pos)) END,
	              opts);
	IF trace THEN
		RAISE WARNING 'step %: %', step, sql;
	END IF;
	BEGIN
		EXECUTE sql;
		INSERT INTO rs.calls VALUES (step, 'CREATE AGGREGATE', sql, 'ok', NULL, NULL);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		INSERT INTO rs.calls VALUES (step, 'CREATE AGGREGATE', sql, st, msg, NULL);
		IF st LIKE 'XX%' THEN
			INSERT INTO rs.failures VALUES (step, 'internal error ' || st, sql, msg);
		END IF;
		RETURN;
	END;
	-- the new aggregate, twice
	PERFORM rs.run(-step, 'user aggregate', rs.agg_call(format('rs_user.%I', name), sf.args[2:]),
	               result_type, trace);
	PERFORM rs.run(-step - 1000000000, 'user aggregate', rs.agg_call(format('rs_user.%I', name), sf.args[2:]),
	               result_type, trace);
END
$$;

-- The driver: n steps from a seed.  Each step is one call of a random
-- kind: a function, an operator, an aggregate over random rows (or as a
-- window), a roll-up of stored values, a cast of a text, or an attempt to
-- create an aggregate on the extension's functions.
CREATE FUNCTION rs.drive(seed double precision, first_step int, n int, trace boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	step int;
	x double precision;
	want_revoked boolean;
	k int;
	f record;
	t record;
	sql text;
BEGIN
	PERFORM setseed(seed);
	FOR step IN first_step .. first_step + n - 1 LOOP
		x := random();
		IF x < 0.30 THEN
			-- a function; mostly one users may call
			want_revoked := random() < 0.15;
			SELECT count(*) INTO k FROM rs.surface s
			WHERE s.kind = 'function' AND s.revoked = want_revoked AND NOT 'internal'::regtype = ANY (s.args);
			IF k = 0 THEN
				want_revoked := NOT want_revoked;
				SELECT count(*) INTO k FROM rs.surface s
				WHERE s.kind = 'function' AND s.revoked = want_revoked AND NOT 'internal'::regtype = ANY (s.args);
			END IF;
			SELECT * INTO f FROM rs.surface s
			WHERE s.kind = 'function' AND s.revoked = want_revoked AND NOT 'internal'::regtype = ANY (s.args)
			ORDER BY s.sig COLLATE "C" OFFSET rs.pick(k) LIMIT 1;
			sql := format('SELECT %s(%s)', f.qname,
			              (SELECT coalesce(string_agg(rs.arg(u.a), ', ' ORDER BY u.pos), '')
			               FROM unnest(f.args) WITH ORDINALITY AS u(a, pos)));
			PERFORM rs.run(step, CASE WHEN f.revoked THEN 'support function' ELSE 'function' END, sql, f.rettype, trace);
		ELSIF x < 0.40 THEN
			SELECT * INTO f FROM rs.surface s WHERE s.kind = 'operator' ORDER BY s.sig COLLATE "C"
			OFFSET rs.pick((SELECT count(*)::int FROM rs.surface s2 WHERE s2.kind = 'operator')) LIMIT 1;
			sql := format('SELECT %s OPERATOR(%s.%s) %s', rs.arg(f.args[1]), f.qname, f.oprname, rs.arg(f.args[2]));
			PERFORM rs.run(step, 'operator', sql, f.rettype, trace);
		ELSIF x < 0.68 THEN
			SELECT * INTO f FROM rs.surface s WHERE s.kind = 'aggregate' ORDER BY s.sig COLLATE "C"
			OFFSET rs.pick((SELECT count(*)::int FROM rs.surface s2 WHERE s2.kind = 'aggregate')) LIMIT 1;
			sql := rs.agg_call(f.qname, f.args);
			PERFORM rs.run(step, CASE WHEN sql LIKE '% OVER (%' THEN 'window aggregate' ELSE 'aggregate' END,
			               sql, f.rettype, trace);
		ELSIF x < 0.78 THEN
			-- a roll-up (or a rolling window) over a slice of the stored values
			SELECT * INTO f FROM rs.surface s
			WHERE s.kind = 'aggregate' AND cardinality(s.args) = 1 AND s.args[1] IN (SELECT typ FROM rs.types)
			ORDER BY s.sig COLLATE "C"
			OFFSET rs.pick((SELECT count(*)::int FROM rs.surface s2 WHERE s2.kind = 'aggregate' AND cardinality(s2.args) = 1
			                AND s2.args[1] IN (SELECT typ FROM rs.types))) LIMIT 1;
			SELECT * INTO t FROM rs.types ty WHERE ty.typ = f.args[1];
			IF random() < 0.6 THEN
				sql := format('SELECT %s(v) FROM rs.%I WHERE id %% %s = %s', f.qname, 'store_' || t.name,
				              1 + rs.pick(20), rs.pick(3));
			ELSE
				sql := format('SELECT %s(v) OVER (ORDER BY id ROWS BETWEEN %s PRECEDING AND CURRENT ROW) FROM rs.%I WHERE id %% 50 = %s',
				              f.qname, rs.pick(4), 'store_' || t.name, rs.pick(50));
			END IF;
			PERFORM rs.run(step, 'roll-up', sql, f.rettype, trace);
		ELSIF x < 0.88 THEN
			SELECT * INTO t FROM rs.types ty ORDER BY ty.name OFFSET rs.pick((SELECT count(*)::int FROM rs.types)) LIMIT 1;
			sql := format('SELECT CAST(%L AS %s)', rs.random_text(), t.typ);
			PERFORM rs.run(step, 'cast from text', sql, t.typ, trace);
		ELSE
			PERFORM rs.user_aggregate(step, trace);
		END IF;
	END LOOP;
END
$$;
SQL

###########################################################################
# The calls, in chunks (each one transaction, with its own seed derived
# from the run's), the server checked after each.
chunk_seed() { # a seed for setseed() in [-1, 1) from the run's seed and the chunk
	awk -v s="$SEED" -v c="$1" 'BEGIN { x = (s * 7919 + c * 104729) % 1000003; printf "%.9f", x / 1000003 * 2 - 1 }'
}
done_steps=0
chunk=0
while [ "$done_steps" -lt "$STEPS" ]; do
	n=$CHUNK
	[ $((STEPS - done_steps)) -lt "$n" ] && n=$((STEPS - done_steps))
	seed=$(chunk_seed "$chunk")
	if ! as_owner "$DB" -c "SELECT rs.drive($seed, $((done_steps + 1)), $n, false)" >/dev/null 2>"$WORK/chunk.err" ||
		! cx_server_up; then
		cat "$WORK/chunk.err" >&2
		if cx_server_up; then
			fail "the driver failed (not a crash) in calls $((done_steps + 1))..$((done_steps + n))"
		fi
		echo "check_restorable: the server crashed in calls $((done_steps + 1))..$((done_steps + n)); replaying them with every call written out first" >&2
		cx_wait_for_server || fail "the server did not come back after the crash"
		as_owner "$DB" -c "SET client_min_messages = warning" \
			-c "SELECT rs.drive($seed, $((done_steps + 1)), $n, true)" >/dev/null 2>"$WORK/replay.err" || true
		echo "the last call before the crash:" >&2
		{ grep -E 'WARNING:  step -?[0-9]+: ' "$WORK/replay.err" || true; } | tail -n 1 | sed 's/^.*WARNING:  /   /' >&2
		fail "the server crashed (seed $SEED)"
	fi
	done_steps=$((done_steps + n))
	chunk=$((chunk + 1))
done
echo "   $done_steps calls ($(elapsed) s)"

###########################################################################
# Every stored value out and back in through COPY (FORMAT binary): equal,
# with the same text.  Values whose text form did not read back are left
# out (they are failures already).  COPY stops at the first value the
# receive function refuses: that one is noted, left out, and the copy
# tried again (20 times at most).
mapfile -t types < <(as_owner "$DB" -At -c "SELECT name || ' ' || typ::text || ' ' || schema FROM rs.types ORDER BY name")
n_binary=0
for line in "${types[@]}"; do
	read -r name typ schema <<<"$line"
	bad_ids=$(as_owner "$DB" -At -c "SELECT string_agg(DISTINCT id::text, ', ') FROM rs.failures WHERE store = '$name'")
	bad_ids=${bad_ids:-0}
	copied=
	for _ in $(seq 20); do
		as_owner "$DB" -c "\\copy (SELECT id, v FROM rs.store_$name WHERE id NOT IN ($bad_ids) ORDER BY id) TO '$WORK/$name.bin' WITH (FORMAT binary)" ||
			fail "COPY TO (FORMAT binary) of rs.store_$name failed"
		if as_owner "$DB" -c "CREATE TABLE IF NOT EXISTS rs.back_$name (id bigint, v $typ)" -c "TRUNCATE rs.back_$name" \
			-c "\\copy rs.back_$name FROM '$WORK/$name.bin' WITH (FORMAT binary)" 2>"$WORK/copy.err"; then
			copied=yes
			break
		fi
		# "COPY back_x, line N, column v": the Nth value in the file
		row=$(awk 'match($0, /COPY back_[a-z_]*, line [0-9]+/) { s = substr($0, RSTART, RLENGTH); sub(/.* line /, "", s); print s; exit }' "$WORK/copy.err")
		[ -n "$row" ] || { cat "$WORK/copy.err" >&2; fail "COPY FROM (FORMAT binary) into rs.back_$name failed"; }
		id=$(as_owner "$DB" -At -c "SELECT id FROM rs.store_$name WHERE id NOT IN ($bad_ids) ORDER BY id OFFSET $((row - 1)) LIMIT 1")
		as_owner "$DB" -c "INSERT INTO rs.failures
			SELECT s.step, 'binary form does not read back', coalesce(c.sql, '(a seed)'),
			       s.v::text || E'\\n      ' || \$m\$$(grep -m1 ERROR "$WORK/copy.err" | sed 's/^.*ERROR: *//')\$m\$, '$name', s.id
			FROM rs.store_$name s LEFT JOIN rs.calls c USING (step) WHERE s.id = $id"
		bad_ids="$bad_ids, $id"
	done
	if [ -z "$copied" ]; then
		problem "COPY (FORMAT binary) of rs.store_$name still refuses values after 20 were left out; the rest is not checked"
		continue
	fi
	as_owner "$DB" -c "INSERT INTO rs.failures
		SELECT s.step, 'binary form reads back different', coalesce(c.sql, '(a seed)'),
		       s.v::text || E'\\n      back: ' || b.v::text, '$name', s.id
		FROM rs.store_$name s JOIN rs.back_$name b USING (id) LEFT JOIN rs.calls c USING (step)
		WHERE NOT (s.v OPERATOR($schema.=) b.v AND s.v::text = b.v::text)
		UNION ALL
		SELECT s.step, 'lost in COPY (FORMAT binary)', coalesce(c.sql, '(a seed)'), s.v::text, '$name', s.id
		FROM rs.store_$name s LEFT JOIN rs.back_$name b USING (id) LEFT JOIN rs.calls c USING (step)
		WHERE b.id IS NULL AND s.id NOT IN ($bad_ids)"
	n_binary=$((n_binary + $(as_owner "$DB" -At -c "SELECT count(*) FROM rs.back_$name")))
	as_owner "$DB" -c "DROP TABLE rs.back_$name"
done
echo "   $n_binary stored values out and in through COPY (FORMAT binary) ($(elapsed) s)"

###########################################################################
# pg_dump -Fc and pg_restore, both as the owner, into a new database; the
# stored values must be identical there, row by row, in text and binary.
pg_dump -U "$OWNER" -Fc -d "$DB" -f "$WORK/db.dump" 2>"$WORK/dump.err" ||
	{ cat "$WORK/dump.err" >&2; fail "pg_dump -Fc of $DB as $OWNER failed"; }
# (pg_dump's CREATE EXTENSION names no version: for another version than
# the default, the new database gets that version first)
pg_restore -l "$WORK/db.dump" >"$WORK/restore.list"
if [ -n "$VERSION" ]; then
	as_owner "$DB_BACK" -c "CREATE SCHEMA cx" -c "CREATE EXTENSION cx_metrics SCHEMA cx$version_clause"
	grep -vE ' (SCHEMA - cx|EXTENSION - cx_metrics) ' "$WORK/restore.list" >"$WORK/restore.list.new"
	mv "$WORK/restore.list.new" "$WORK/restore.list"
fi
if ! pg_restore -U "$OWNER" -d "$DB_BACK" -L "$WORK/restore.list" "$WORK/db.dump" 2>"$WORK/restore.err"; then
	head -n 30 "$WORK/restore.err" | sed 's/^/   /' >&2
	problem "pg_restore as $OWNER reported errors ($(grep -c 'ERROR' "$WORK/restore.err") errors)"
fi
# the stored values, as (table, id, step, text, binary) lines
listing_sql="SELECT string_agg(format('SELECT %L, id, step, v::text, encode(%s(v), ''hex'') FROM rs.%I', 'store_' || name, send, 'store_' || name), ' UNION ALL ') || ' ORDER BY 1, 2' FROM rs.types"
as_owner "$DB" -At -c "$listing_sql" >"$WORK/listing.sql"
as_owner "$DB" -At -F' | ' -f "$WORK/listing.sql" >"$WORK/values.src"
as_owner "$DB_BACK" -At -F' | ' -f "$WORK/listing.sql" >"$WORK/values.back" 2>"$WORK/values.back.err" ||
	{ cat "$WORK/values.back.err" >&2; problem "the restored database's stored values cannot be listed"; }
# and the aggregates the driver created
as_owner "$DB" -At -c "SELECT a.aggfnoid::regprocedure::text, a.aggtransfn::regproc::text, a.aggfinalfn::regproc::text, a.agginitval FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid WHERE p.pronamespace = 'rs_user'::regnamespace ORDER BY 1" >"$WORK/aggs.src"
as_owner "$DB_BACK" -At -c "SELECT a.aggfnoid::regprocedure::text, a.aggtransfn::regproc::text, a.aggfinalfn::regproc::text, a.agginitval FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid WHERE p.pronamespace = 'rs_user'::regnamespace ORDER BY 1" >"$WORK/aggs.back" 2>/dev/null || true
n_values=$(wc -l <"$WORK/values.src")
if ! cmp -s "$WORK/values.src" "$WORK/values.back"; then
	echo "   stored values per table (source / restored):" >&2
	for line in "${types[@]}"; do
		read -r name _ _ <<<"$line"
		echo "     store_$name: $(grep -c "^store_$name |" "$WORK/values.src" || true) / $(grep -c "^store_$name |" "$WORK/values.back" || true)" >&2
	done
	{ diff "$WORK/values.src" "$WORK/values.back" || true; } | head -n 10 | cut -c1-300 | sed 's/^/   /' >&2
	problem "the restored database's stored values differ from the source's"
fi
if ! cmp -s "$WORK/aggs.src" "$WORK/aggs.back"; then
	{ diff "$WORK/aggs.src" "$WORK/aggs.back" || true; } | head -n 10 | sed 's/^/   /' >&2
	problem "the restored database's user-defined aggregates differ from the source's"
fi
echo "   pg_dump -Fc / pg_restore as $OWNER: $n_values stored values and $(wc -l <"$WORK/aggs.src") user-defined aggregates compared ($(elapsed) s)"

###########################################################################
# The summary: calls of each kind and their outcomes, then the failures.
as_owner "$DB" -At <<'SQL'
\pset format aligned
\pset tuples_only off
\pset footer off
SELECT kind AS "calls", sum(n) AS "total", coalesce(sum(n) FILTER (WHERE outcome = 'ok'), 0) AS "ok",
       coalesce(string_agg(outcome || ' ' || n, ', ' ORDER BY outcome) FILTER (WHERE outcome <> 'ok'), '') AS "errors by SQLSTATE"
FROM (SELECT kind, outcome, count(*) AS n FROM rs.calls GROUP BY kind, outcome) c
GROUP BY kind
ORDER BY kind;
SELECT 'all calls' AS " ", count(*) AS "total", count(*) FILTER (WHERE outcome = 'ok') AS "ok",
       (SELECT string_agg(outcome || ' ' || n, ', ' ORDER BY n DESC, outcome)
        FROM (SELECT outcome, count(*) AS n FROM rs.calls WHERE outcome <> 'ok' GROUP BY outcome) e) AS "errors by SQLSTATE"
FROM rs.calls;
SQL
n_fail=$(as_owner "$DB" -At -c "SELECT count(*) FROM rs.failures")
if [ "$n_fail" -gt 0 ]; then
	echo "check_restorable: $n_fail failures; by kind, the shortest self-contained calls that show each:" >&2
	as_owner "$DB" -At <<'SQL' >&2
SELECT format(E'  %s%s: %s calls\n%s', what, ', ' || store, n, calls)
FROM (SELECT what, store, count(*) AS n,
             string_agg(format(E'    step %s: %s%s\n      -> %s', step,
                               (SELECT c.sql || E';\n      ' FROM rs.calls c WHERE step < 0 AND c.step = (-step) % 1000000000),
                               sql, detail), E'\n' ORDER BY r) FILTER (WHERE r <= 3) AS calls
      FROM (SELECT f.*, row_number() OVER (PARTITION BY what, store ORDER BY sql LIKE '%rs.store_%', length(sql), step) AS r
            FROM rs.failures f) f
      GROUP BY what, store) w
ORDER BY what, store;
SQL
	problem "$n_fail calls broke a property (seed $SEED)"
fi

if [ "$failures" -gt 0 ]; then
	echo "check_restorable: $failures problem(s), see above (seed $SEED; CX_RESTORABLE_SEED=$SEED reproduces the run)" >&2
	exit 1
fi
echo "check_restorable: OK ($done_steps calls, seed $SEED, $(elapsed) s)"
