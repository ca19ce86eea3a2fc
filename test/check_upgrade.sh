#!/usr/bin/env bash
# The upgrade chain.  Lists the versions the installed scripts offer
# (cx_metrics--V.sql and cx_metrics--A--B.sql in the server's extension
# directory; every version the checkout's scripts offer must be installed),
# installs the oldest, stores summaries of every type with it, then walks
# ALTER EXTENSION cx_metrics UPDATE TO each later version in order.  After
# every step the upgraded install's catalog objects must equal those of a
# fresh CREATE EXTENSION ... VERSION of that version, and at the end those
# of a fresh install of the default version; the comparison is a
# normalized listing (functions with argument and result types, language,
# C symbol, volatility, strictness, parallel safety, SECURITY DEFINER,
# cost, settings and privileges; aggregates with every support function,
# state types and initial values; types with their I/O functions and
# storage; operators; casts; operator classes; comments; membership of the
# extension) and any difference is printed.  Then basic queries on the
# upgraded install, and the summaries stored before the upgrade still read
# back the same; those in the forms 1.0 wrote (churn summaries, and
# test/legacy/'s rating summaries: weighted ones and revenue churn in format
# version 1) also keep their text and statistics and combine with summaries
# made after the upgrade (version 1, Kish's n).
#
# The chain is 1.0 -> 1.1 today; the script needs no change when later
# versions appear.  Each step prints the functions the version drops and
# adds (1.1 drops support functions nothing used).  Privileges count: 1.1 revokes EXECUTE on the aggregates'
# support functions, so the listing of a fresh 1.1 must show them revoked,
# and an upgraded install must have exactly the same ACLs and initial
# privileges (what pg_dump compares against).
#
# Needs a running server: PGHOST/PGPORT/PGUSER (a superuser) set, as
# test/run-tests.sh does.  Creates and drops its own databases.  About 5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

UPG=cx_check_upgrade
FRESH=cx_check_upgrade_fresh
cx_work_dir cx_check_upgrade

drop_databases() {
	cx_drop_databases "$UPG" "$FRESH"
}
cx_on_exit drop_databases

# Versions named by the scripts in a directory: cx_metrics--V.sql gives V,
# cx_metrics--A--B.sql gives A and B.
versions_in() {
	local f base
	for f in "$1"/cx_metrics--*.sql; do
		[ -e "$f" ] || continue
		base=$(basename "$f" .sql)
		base=${base#cx_metrics--}
		echo "${base%%--*}"
		case "$base" in *--*) echo "${base#*--}" ;; esac
	done | sort -u -V
}

extdir="$(pg_config --sharedir)/extension"
installed_versions=$(versions_in "$extdir")
repo_versions=$(versions_in .)
[ -n "$installed_versions" ] || fail "no cx_metrics scripts in $extdir (run make install)"
missing=$(comm -23 <(echo "$repo_versions" | sort) <(echo "$installed_versions" | sort))
[ -z "$missing" ] || fail "versions offered by the checkout's scripts but not installed in $extdir: $missing (missing from DATA in the Makefile?)"
default_version=$(sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\(.*\)'.*/\1/p" "$extdir/cx_metrics.control")
[ -n "$default_version" ] || fail "no default_version in $extdir/cx_metrics.control"
echo "$installed_versions" | grep -qx -- "$default_version" ||
	fail "the default version $default_version has no script"

mapfile -t chain <<<"$installed_versions"
oldest=${chain[0]}
echo "-- versions offered: ${chain[*]} (default $default_version); the chain starts at $oldest"

# The normalized listing of everything the extension owns or puts in its
# schema.  search_path is pg_catalog only, so every other object's name is
# printed schema-qualified; ordering is by text in the C collation.
cat >"$WORK/listing.sql" <<'SQL'
SET search_path = pg_catalog;
\pset footer off
\pset null '<null>'
CREATE TEMP TABLE ext AS SELECT oid, extnamespace AS ns FROM pg_extension WHERE extname = 'cx_metrics';
-- every object of the extension's schema, and every member of the extension
CREATE TEMP TABLE objs AS
SELECT 'pg_proc'::regclass AS classid, oid AS objid FROM pg_proc WHERE pronamespace = (SELECT ns FROM ext)
UNION SELECT 'pg_type'::regclass, oid FROM pg_type WHERE typnamespace = (SELECT ns FROM ext)
UNION SELECT 'pg_operator'::regclass, oid FROM pg_operator WHERE oprnamespace = (SELECT ns FROM ext)
UNION SELECT 'pg_opclass'::regclass, oid FROM pg_opclass WHERE opcnamespace = (SELECT ns FROM ext)
UNION SELECT 'pg_opfamily'::regclass, oid FROM pg_opfamily WHERE opfnamespace = (SELECT ns FROM ext)
UNION SELECT 'pg_class'::regclass, oid FROM pg_class WHERE relnamespace = (SELECT ns FROM ext)
UNION SELECT 'pg_conversion'::regclass, oid FROM pg_conversion WHERE connamespace = (SELECT ns FROM ext)
UNION SELECT 'pg_collation'::regclass, oid FROM pg_collation WHERE collnamespace = (SELECT ns FROM ext)
UNION SELECT 'pg_ts_config'::regclass, oid FROM pg_ts_config WHERE cfgnamespace = (SELECT ns FROM ext)
UNION SELECT classid, objid FROM pg_depend
      WHERE refclassid = 'pg_extension'::regclass AND refobjid = (SELECT oid FROM ext) AND deptype = 'e';
CREATE TEMP TABLE funcs AS SELECT objid AS oid FROM objs WHERE classid = 'pg_proc'::regclass;
CREATE TEMP TABLE types AS SELECT objid AS oid FROM objs WHERE classid = 'pg_type'::regclass;

SELECT 'extension', extname, extversion, extrelocatable, extnamespace::regnamespace, extconfig, extcondition
FROM pg_extension WHERE extname = 'cx_metrics';

SELECT 'object' AS what, pg_describe_object(o.classid, o.objid, 0) COLLATE "C" AS object,
       CASE WHEN d.objid IS NOT NULL THEN 'member'
            WHEN EXISTS (SELECT FROM pg_type a JOIN pg_type e ON e.typarray = a.oid
                         WHERE o.classid = 'pg_type'::regclass AND a.oid = o.objid
                           AND e.oid IN (SELECT objid FROM objs WHERE classid = 'pg_type'::regclass))
            THEN 'array type of a member'
            ELSE 'NOT A MEMBER OF THE EXTENSION' END AS membership,
       coalesce(c.description, '<no comment>') AS comment
FROM objs o
LEFT JOIN pg_depend d ON d.classid = o.classid AND d.objid = o.objid AND d.deptype = 'e'
     AND d.refclassid = 'pg_extension'::regclass AND d.refobjid = (SELECT oid FROM ext)
LEFT JOIN pg_description c ON c.classoid = o.classid AND c.objoid = o.objid AND c.objsubid = 0
ORDER BY 2;

SELECT 'function' AS what, p.oid::regprocedure::text COLLATE "C" AS function, p.prokind,
       pg_get_function_arguments(p.oid) AS arguments, pg_get_function_result(p.oid) AS result,
       l.lanname, p.provolatile, p.proisstrict, p.proparallel, p.prosecdef, p.proleakproof,
       p.procost, p.prorows, p.proretset, p.prosupport, p.proconfig, p.probin, p.prosrc,
       p.proacl, pg_get_userbyid(p.proowner) AS owner
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.oid IN (SELECT oid FROM funcs)
ORDER BY 2;

SELECT 'aggregate' AS what, a.aggfnoid::regprocedure::text COLLATE "C" AS aggregate, a.aggkind,
       a.aggnumdirectargs, a.aggtransfn::oid::regprocedure AS sfunc, a.aggfinalfn::oid::regprocedure AS finalfunc,
       a.aggcombinefn::oid::regprocedure AS combinefunc, a.aggserialfn::oid::regprocedure AS serialfunc,
       a.aggdeserialfn::oid::regprocedure AS deserialfunc, a.aggmtransfn::oid::regprocedure AS msfunc,
       a.aggminvtransfn::oid::regprocedure AS minvfunc, a.aggmfinalfn::oid::regprocedure AS mfinalfunc,
       a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify,
       a.aggsortop::regoperator AS sortop, a.aggtranstype::regtype AS stype, a.aggtransspace,
       a.aggmtranstype::regtype AS mstype, a.aggmtransspace, a.agginitval, a.aggminitval
FROM pg_aggregate a
WHERE a.aggfnoid IN (SELECT oid FROM funcs)
ORDER BY 2;

SELECT 'type' AS what, t.oid::regtype::text COLLATE "C" AS type, t.typtype, t.typlen, t.typbyval,
       t.typalign, t.typstorage, t.typcategory, t.typispreferred, t.typdelim,
       t.typinput::oid::regprocedure AS input, t.typoutput::oid::regprocedure AS output,
       t.typreceive::oid::regprocedure AS receive, t.typsend::oid::regprocedure AS send,
       t.typmodin::oid::regprocedure AS modin, t.typmodout::oid::regprocedure AS modout,
       t.typanalyze::oid::regprocedure AS analyze, t.typsubscript::oid::regprocedure AS subscript,
       t.typelem::regtype AS elem, t.typarray::regtype AS array, t.typbasetype::regtype AS base,
       t.typnotnull, t.typdefault, t.typcollation, t.typacl, pg_get_userbyid(t.typowner) AS owner
FROM pg_type t
WHERE t.oid IN (SELECT oid FROM types)
ORDER BY 2;

SELECT 'operator' AS what, o.oid::regoperator::text COLLATE "C" AS operator, o.oprkind,
       o.oprcanmerge, o.oprcanhash, o.oprresult::regtype AS result,
       o.oprcode::oid::regprocedure AS code, o.oprcom::regoperator AS commutator,
       o.oprnegate::regoperator AS negator, o.oprrest::oid::regprocedure AS restrict,
       o.oprjoin::oid::regprocedure AS join
FROM pg_operator o
WHERE o.oid IN (SELECT objid FROM objs WHERE classid = 'pg_operator'::regclass)
ORDER BY 2;

SELECT 'cast' AS what, (c.castsource::regtype::text || ' -> ' || c.casttarget::regtype::text) COLLATE "C" AS cast,
       c.castfunc::regprocedure AS function, c.castcontext, c.castmethod
FROM pg_cast c
WHERE c.castsource IN (SELECT oid FROM types) OR c.casttarget IN (SELECT oid FROM types)
   OR c.castfunc IN (SELECT oid FROM funcs)
ORDER BY 2;

SELECT 'opclass' AS what, (am.amname || ' ' || opc.opcname) COLLATE "C" AS opclass,
       opc.opcintype::regtype, opc.opcdefault, opc.opckeytype::regtype,
       (SELECT string_agg(format('op %s %s', ao.amopstrategy, ao.amopopr::regoperator), ', '
                          ORDER BY ao.amopstrategy, ao.amopopr::regoperator::text)
        FROM pg_amop ao WHERE ao.amopfamily = opc.opcfamily) AS operators,
       (SELECT string_agg(format('proc %s %s', ap.amprocnum, ap.amproc::regprocedure), ', '
                          ORDER BY ap.amprocnum, ap.amproc::regprocedure::text)
        FROM pg_amproc ap WHERE ap.amprocfamily = opc.opcfamily) AS procs
FROM pg_opclass opc JOIN pg_am am ON am.oid = opc.opcmethod
WHERE opc.oid IN (SELECT objid FROM objs WHERE classid = 'pg_opclass'::regclass)
   OR opc.opcintype IN (SELECT oid FROM types)
ORDER BY 2;

SELECT 'relation' AS what, c.oid::regclass::text COLLATE "C", c.relkind
FROM pg_class c WHERE c.oid IN (SELECT objid FROM objs WHERE classid = 'pg_class'::regclass)
ORDER BY 2;

SELECT 'initial privileges' AS what, pg_describe_object(i.classoid, i.objoid, i.objsubid) COLLATE "C",
       i.privtype, i.initprivs
FROM pg_init_privs i
WHERE (i.classoid, i.objoid) IN (SELECT classid, objid FROM objs)
ORDER BY 2;
SQL

listing() { # listing DB OUT
	q "$1" -A -F' | ' -f "$WORK/listing.sql" >"$2" || fail "the catalog listing failed on $1"
}

compare_listings() { # compare_listings WHAT UPGRADED FRESH
	if ! diff -u "$3" "$2" >"$WORK/diff"; then
		echo "check_upgrade: the upgraded install differs from $1 ('-' fresh, '+' upgraded):" >&2
		cat "$WORK/diff" >&2
		fail "upgraded catalog objects differ from $1"
	fi
}

# A fresh database with the extension at one version (empty: the default).
fresh_install() { # fresh_install VERSION
	dropdb --if-exists "$FRESH" >/dev/null 2>&1
	createdb -T template0 "$FRESH"
	if [ -n "$1" ]; then
		q "$FRESH" -c "CREATE SCHEMA cx" -c "CREATE EXTENSION cx_metrics SCHEMA cx VERSION '$1'"
	else
		q "$FRESH" -c "CREATE SCHEMA cx" -c "CREATE EXTENSION cx_metrics SCHEMA cx"
	fi
}

drop_databases
createdb -T template0 "$UPG"
echo "-- installing the oldest version, $oldest, and storing summaries with it"
q "$UPG" -c "CREATE SCHEMA cx" -c "CREATE EXTENSION cx_metrics SCHEMA cx VERSION '$oldest'"
[ "$(q "$UPG" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics'")" = "$oldest" ] ||
	fail "CREATE EXTENSION ... VERSION '$oldest' did not install $oldest"

# Summaries of every type stored with the oldest version, with what their
# accessors said then.
PGOPTIONS="-c search_path=public,cx" q "$UPG" <<'SQL' || fail "storing summaries with version $oldest failed"
CREATE TABLE kept AS
SELECT g % 4 AS k,
       nps_summary(g % 11) AS n, nps_summary(g % 11, 1.0 / (g % 7 + 3)) AS nw,
       csat_summary(g % 7 + 1, 7) AS c, csat_summary(g % 5 + 1, 5, 3, sqrt(g)) AS cw,
       ces_summary(g % 7 + 1) AS e, ces_summary(g % 5 + 1, 5, pi() / g) AS ew,
       churn_summary(daterange(date '2025-01-01' + g % 50, CASE WHEN g % 3 = 0 THEN date '2025-02-20' + g % 40 END),
                     daterange('2025-02-01', '2025-03-01')) AS ch_d,
       churn_summary(tsrange(timestamp '2025-01-01' + g * interval '7 hours', NULL),
                     tsrange('2025-02-01', '2025-03-01'), g / 3.0) AS ch_ts,
       churn_summary(tstzrange(timestamptz '2025-01-01 00:00+00' + (g % 100) * interval '9 hours',
                               timestamptz '2025-02-10 00:00+00' + g * interval '5 hours'),
                     tstzrange('2025-02-01 00:00+00', '2025-03-01 00:00+00')) AS ch_tz
FROM generate_series(1, 400) g
GROUP BY g % 4;
CREATE TABLE kept_before AS
SELECT k, n::text AS n, nw::text AS nw, c::text AS c, cw::text AS cw, e::text AS e, ew::text AS ew,
       ch_d::text AS ch_d, ch_ts::text AS ch_ts, ch_tz::text AS ch_tz,
       ARRAY[nps(n), nps(nw), ci_lower(nw), csat(c), csat(cw), mean(cw), ces(e), ces(ew), std_error(ew),
             churn(ch_d), churn(ch_ts), churn(ch_tz), ci_upper(ch_ts)] AS values
FROM kept;
CREATE MATERIALIZED VIEW kept_view AS SELECT nps_summary(n) AS n, churn_summary(ch_d) AS ch_d FROM kept;
SQL

# Churn summaries in 1.0's own formats: customer counts, and revenue
# summaries of format version 1 (entered in 1.0's text form, so stored as
# 1.0 stored them, whatever this build's aggregates write), with their
# statistics then.
PGOPTIONS="-c search_path=public,cx" q "$UPG" <<'SQL' || fail "storing 1.0 churn summaries with version $oldest failed"
CREATE TABLE kept_churn10 AS
SELECT g AS k,
       format('{"version": 1, "period_type": "daterange", "period": ["2025-02-01", "2025-03-01"], '
              '"customers_at_start": %s, "customers_lost": %s, "customers_new": %s%s}',
              g % 9 + 2, g % 3, g % 4,
              CASE WHEN g % 2 = 0 THEN format(', "revenue_at_start": %s, "revenue_lost": %s, "sum_sq_revenue": %s',
                                              (g % 9 + 2) * 7.5, (g % 3) * 7.5, (g % 9 + 2) * 56.25) ELSE '' END)::churn_summary AS s
FROM generate_series(1, 30) g;
CREATE TABLE kept_churn10_before AS
SELECT k, s::text AS s, ARRAY[churn(s), std_error(s), ci_lower(s), ci_upper(s, 0.9)] AS values FROM kept_churn10;
SQL
# Summaries in the forms extension 1.0 stored (weighted ones in format
# version 1), to be read after the upgrade (test/legacy/).
if [ "$oldest" = 1.0 ]; then
	PGOPTIONS="-c search_path=public,cx" q "$UPG" -f test/legacy/store_1_0.sql ||
		fail "storing 1.0 summaries failed"
fi

fresh_install "$oldest"
listing "$FRESH" "$WORK/fresh.$oldest"
listing "$UPG" "$WORK/upgraded.$oldest"
compare_listings "a fresh install of $oldest" "$WORK/upgraded.$oldest" "$WORK/fresh.$oldest"
[ "$(grep -c '^function' "$WORK/fresh.$oldest")" -gt 100 ] ||
	fail "the catalog listing is unexpectedly short ($(grep -c '^function' "$WORK/fresh.$oldest") functions)"

current=$oldest
for v in "${chain[@]:1}"; do
	echo "-- ALTER EXTENSION cx_metrics UPDATE TO '$v' (from $current)"
	q "$UPG" -c "ALTER EXTENSION cx_metrics UPDATE TO '$v'" ||
		fail "ALTER EXTENSION cx_metrics UPDATE TO '$v' from $current failed"
	got=$(q "$UPG" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics'")
	[ "$got" = "$v" ] || fail "after UPDATE TO '$v' the extension says version $got"
	fresh_install "$v"
	listing "$FRESH" "$WORK/fresh.$v"
	listing "$UPG" "$WORK/upgraded.$v"
	compare_listings "a fresh install of $v" "$WORK/upgraded.$v" "$WORK/fresh.$v"
	# what the version drops and adds, by the functions of the two fresh installs
	functions_of() { sed -n 's/^function | \([^|]*\) | .*/\1/p' "$1" | LC_ALL=C sort; }
	dropped=$(LC_ALL=C comm -23 <(functions_of "$WORK/fresh.$current") <(functions_of "$WORK/fresh.$v"))
	added=$(LC_ALL=C comm -13 <(functions_of "$WORK/fresh.$current") <(functions_of "$WORK/fresh.$v"))
	echo "-- $v drops $(grep -c . <<<"$dropped" || true) functions of $current${dropped:+:}"
	[ -z "$dropped" ] || sed 's/^/     /' <<<"$dropped"
	echo "-- $v adds $(grep -c . <<<"$added" || true) functions${added:+:}"
	[ -z "$added" ] || sed 's/^/     /' <<<"$added"
	current=$v
done

# Bring the upgraded install to the default version (a no-op when the
# chain ended there) and compare it with a fresh default install.
q "$UPG" -c "ALTER EXTENSION cx_metrics UPDATE TO '$default_version'" >/dev/null 2>"$WORK/update.log" ||
	{ cat "$WORK/update.log" >&2; fail "ALTER EXTENSION cx_metrics UPDATE TO '$default_version' failed"; }
fresh_install ""
listing "$FRESH" "$WORK/fresh.default"
listing "$UPG" "$WORK/upgraded.default"
compare_listings "a fresh install of the default version $default_version" "$WORK/upgraded.default" "$WORK/fresh.default"
echo "-- upgraded catalog equals a fresh $default_version install: $(grep -c '^function' "$WORK/fresh.default") functions ($(grep -c '^aggregate' "$WORK/fresh.default") aggregates), $(grep -c '^type' "$WORK/fresh.default") types, $(grep -c '^operator' "$WORK/fresh.default") operators, $(grep -c '^object' "$WORK/fresh.default") objects with their comments"

echo "-- basic queries on the upgraded install"
out=$(PGOPTIONS="-c search_path=public,cx" q "$UPG" -At <<'SQL'
SELECT 'nps ' || (abs(nps_agg(g) - 100.0 * (2 - 7) / 11) < 1e-9) FROM generate_series(0, 10) g;
SELECT 'nps weighted ' || (abs(nps_agg(g, 2.5) - 100.0 * (2 - 7) / 11) < 1e-9) FROM generate_series(0, 10) g;
SELECT 'csat ' || (csat_agg(g) = 40) FROM generate_series(1, 5) g;
SELECT 'ces ' || (ces_agg(g) = 4) FROM generate_series(1, 7) g;
SELECT 'churn ' || (churn_rate(a, daterange('2025-02-01', '2025-03-01')) = 25)
FROM (VALUES (daterange('2025-01-01', NULL)), (daterange('2025-01-05', '2025-02-10')),
             (daterange('2025-01-10', '2025-04-01')), (daterange('2025-01-20', NULL)),
             (daterange('2025-02-05', NULL))) v(a);
SELECT 'plus and equals ' || (a + a = b AND a <> b AND NOT a = b)
FROM (SELECT nps_summary(g) FROM generate_series(0, 10) g) x(a),
     (SELECT nps_summary(g) FROM generate_series(0, 10) g, generate_series(1, 2) twice) y(b);
SELECT 'rollup ' || (nps_agg(n) = nps(nps_summary(n)) AND responses(nps_summary(n)) = 400) FROM kept;
-- the summaries stored before the upgrade read back equal, with the same values
SELECT 'stored ' || bool_and(
         k.n = b.n::nps_summary AND k.nw = b.nw::nps_summary AND k.c = b.c::csat_summary
         AND k.cw = b.cw::csat_summary AND k.e = b.e::ces_summary AND k.ew = b.ew::ces_summary
         AND k.ch_d = b.ch_d::churn_summary AND k.ch_ts = b.ch_ts::churn_summary
         AND k.ch_tz = b.ch_tz::churn_summary
         AND ARRAY[nps(k.n), nps(k.nw), ci_lower(k.nw), csat(k.c), csat(k.cw), mean(k.cw), ces(k.e), ces(k.ew),
                   std_error(k.ew), churn(k.ch_d), churn(k.ch_ts), churn(k.ch_tz), ci_upper(k.ch_ts)]
             IS NOT DISTINCT FROM b.values)
       || ' ' || count(*)
FROM kept k JOIN kept_before b USING (k);
REFRESH MATERIALIZED VIEW kept_view;
SELECT 'view ' || (v.n = (SELECT nps_summary(n) FROM kept) AND v.ch_d = (SELECT churn_summary(ch_d) FROM kept))
FROM kept_view v;
SQL
) || fail "basic queries on the upgraded install failed"
expected="nps true
nps weighted true
csat true
ces true
churn true
plus and equals true
rollup true
stored true 4
view true"
if [ "$out" != "$expected" ]; then
	echo "expected:" >&2
	echo "$expected" >&2
	echo "got:" >&2
	echo "$out" >&2
	fail "basic queries on the upgraded install"
fi
# The 1.0 churn summaries after the upgrade: they read back text-equal with
# the same statistics (Kish's n for revenue), and combine with revenue
# summaries of version 2 made now into version-1 values (+ and roll-up);
# version 2 with version 2 stays version 2.
out=$(PGOPTIONS="-c search_path=public,cx" q "$UPG" -At <<'SQL'
SELECT 'churn 1.0 stored ' || bool_and(k.s = b.s::churn_summary AND k.s::text = b.s
                                       AND ARRAY[churn(k.s), std_error(k.s), ci_lower(k.s), ci_upper(k.s, 0.9)]
                                           IS NOT DISTINCT FROM b.values) || ' ' || count(*)
FROM kept_churn10 k JOIN kept_churn10_before b USING (k);
CREATE TEMP TABLE new_rev AS
SELECT churn_summary(a, daterange('2025-02-01', '2025-03-01'), r) AS n
FROM (VALUES (daterange('2025-01-01', NULL), 10.0::float8), (daterange('2025-01-01', '2025-02-15'), 20.0)) v(a, r);
SELECT 'churn 1.0 + 1.1 ' || bool_and((k.s + n)::text LIKE '{"version": 1,%'
                                      AND customers_at_start(k.s + n) = customers_at_start(k.s) + 2
                                      AND revenue_lost(k.s + n) = revenue_lost(k.s) + 20)
FROM kept_churn10 k, new_rev WHERE k.k % 2 = 0;
SELECT 'churn roll-up ' || (churn_summary(x)::text LIKE '{"version": 1,%') || ' '
       || (SELECT (n + n)::text LIKE '{"version": 2,%' FROM new_rev)
FROM (SELECT s FROM kept_churn10 WHERE k % 2 = 0 UNION ALL SELECT n FROM new_rev) u(x);
SQL
) || fail "the 1.0 churn summaries on the upgraded install failed"
expected="churn 1.0 stored true 30
churn 1.0 + 1.1 true
churn roll-up true true"
[ "$out" = "$expected" ] || { echo "got: $out" >&2; fail "the 1.0 churn summaries on the upgraded install"; }

# The 1.0 summaries: the same text and statistics after the upgrade, and
# combined with summaries made now, version 1 with Kish's statistics.
if [ "$oldest" = 1.0 ]; then
	out=$(PGOPTIONS="-c search_path=public,cx" q "$UPG" -f test/legacy/check_1_0.sql) ||
		fail "reading the 1.0 summaries after the upgrade failed"
	expected="legacy text true 6
legacy statistics true
legacy combined true 6
legacy kish true
legacy rollup true"
	if [ "$out" != "$expected" ]; then
		printf 'expected:\n%s\ngot:\n%s\n' "$expected" "$out" >&2
		fail "the summaries stored under 1.0 after the upgrade"
	fi
	echo "-- summaries stored under 1.0 (version-1 weighted ones too) read the same after the upgrade, and combine with new ones"
fi
# The support functions' privileges are part of what was compared: the
# fresh default install lists functions whose ACL leaves PUBLIC out.
n_revoked=$(q "$FRESH" -At -c "
SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx_metrics'
WHERE p.proacl IS NOT NULL
  AND NOT EXISTS (SELECT FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')")
[ "$n_revoked" -gt 100 ] || fail "a fresh $default_version install revokes EXECUTE from PUBLIC on only $n_revoked functions"
echo "-- privileges compared too: $n_revoked functions without EXECUTE for PUBLIC, the same after the upgrade"

# Negative control: four small changes to the upgraded install (a
# volatility, a comment, a membership, a privilege) must show in the listing.
q "$UPG" -c "ALTER FUNCTION cx.nps(cx.nps_summary) STABLE" \
	-c "COMMENT ON FUNCTION cx.ces(cx.ces_summary) IS NULL" \
	-c "ALTER EXTENSION cx_metrics DROP FUNCTION cx.mean(cx.nps_summary)" \
	-c "GRANT EXECUTE ON FUNCTION cx.nps_trans(cx.nps_summary, integer) TO PUBLIC"
listing "$UPG" "$WORK/upgraded.altered"
changed=$(diff "$WORK/fresh.default" "$WORK/upgraded.altered" | grep -c '^>' || true)
[ "$changed" -eq 4 ] || {
	diff "$WORK/fresh.default" "$WORK/upgraded.altered" >&2 || true
	fail "the negative control: 4 changed lines expected in the listing, $changed found"
}

echo "check_upgrade: OK (chain ${chain[*]}; upgraded install equals fresh installs at every step; stored summaries intact)"
