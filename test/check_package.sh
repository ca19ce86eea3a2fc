#!/usr/bin/env bash
# The Debian package and the PGXN metadata.
#
#   1. The versions agree: default_version in cx_metrics.control, the top
#      entry of debian/changelog, and META.json (version and the version of
#      the extension it provides, as PGXN's semantic versions: 1.1 = 1.1.0);
#      META.json is valid JSON with every key PGXN requires, and the files it
#      names exist; debian/control is what debian/control.in gives.
#   2. dpkg-buildpackage -us -uc -b, as Debian builds PostgreSQL extensions
#      (pg_buildext, one build per supported version), in a copy of the tree
#      under /tmp, gives postgresql-NN-cx-metrics_<version>_<arch>.deb; it
#      holds the module and exactly the tree's control file and scripts; apt
#      would install it here (apt-get --simulate).
#   3. The package is used as installed, without touching the system's
#      PostgreSQL: a private copy of /usr/lib/postgresql/NN and
#      /usr/share/postgresql/NN under /tmp (PostgreSQL finds its files
#      relative to its binaries), with every cx_metrics file removed and the
#      package unpacked over it (dpkg -x).  A throwaway cluster of that copy
#      creates the extension (1.1, and 1.0 updated to 1.1), runs a query per
#      metric, and the pg_regress suites run against it (make installcheck
#      with the copy's pg_config), as pg_buildext installcheck runs them
#      against an installed package (debian/tests/).
#
# The system's extension files (what make install put there) are never
# written: the package is not installed with dpkg or apt.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

cx_ensure_packages postgresql-server-dev-all debhelper dpkg-dev build-essential python3

PGV=$CX_PG_MAJOR
cx_work_dir cx_package
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------
echo "== versions"
control_version=$(sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" cx_metrics.control)
[ -n "$control_version" ] || fail "no default_version in cx_metrics.control"
changelog_version=$(dpkg-parsechangelog -l debian/changelog -S Version)
# PGXN versions are semantic versions: 1.1 is 1.1.0
semver=$control_version
[[ $semver =~ ^[0-9]+\.[0-9]+$ ]] && semver=$semver.0
python3 -m json.tool META.json >/dev/null || fail "META.json is not valid JSON"
meta=$(python3 - "$semver" <<'EOF'
import json, os, sys
semver = sys.argv[1]
m = json.load(open("META.json"))
problems = []
for key in ("name", "abstract", "description", "version", "maintainer", "license",
            "provides", "prereqs", "generated_by", "meta-spec", "tags"):
    if key not in m:
        problems.append("META.json has no %s" % key)
if m.get("meta-spec", {}).get("version") != "1.0.0":
    problems.append("META.json's meta-spec version is not 1.0.0")
if m.get("version") != semver:
    problems.append("META.json's version %s is not %s" % (m.get("version"), semver))
ext = m.get("provides", {}).get("cx_metrics")
if not ext:
    problems.append("META.json provides no cx_metrics")
else:
    if ext.get("version") != semver:
        problems.append("META.json provides cx_metrics %s, not %s" % (ext.get("version"), semver))
    for key in ("file", "docfile"):
        if not os.path.isfile(ext.get(key, "")):
            problems.append("META.json's provides.cx_metrics.%s %r is not a file" % (key, ext.get(key)))
    if ext.get("file") != "cx_metrics--%s.sql" % semver[:-2] and ext.get("file") != "cx_metrics--%s.sql" % semver:
        problems.append("META.json's provides.cx_metrics.file %r is not the install script of the default version" % ext.get("file"))
pg = m.get("prereqs", {}).get("runtime", {}).get("requires", {}).get("PostgreSQL")
if pg != "15.0.0":
    problems.append("META.json's runtime prereq PostgreSQL is %r, not 15.0.0" % pg)
if not os.path.isfile("LICENSE"):
    problems.append("no LICENSE file")
print("\n".join(problems))
EOF
)
[ -z "$meta" ] || while IFS= read -r line; do problem "$line"; done <<<"$meta"
[ "$changelog_version" = "$control_version" ] ||
	problem "debian/changelog is at $changelog_version, cx_metrics.control at $control_version"
echo "control $control_version, debian/changelog $changelog_version," \
	"META.json $(python3 -c 'import json; print(json.load(open("META.json"))["version"])')"
# debian/pgversions names the majors to build for: "N+" (N and later) or
# single majors; this major must be among them.
pgversions_cover() {
	local v
	while read -r v; do
		case "$v" in
		*+) [ "${v%+}" -le "$PGV" ] && return 0 ;;
		"$PGV") return 0 ;;
		esac
	done <debian/pgversions
	return 1
}
pgversions_cover || problem "debian/pgversions does not cover PostgreSQL $PGV: $(tr '\n' ' ' <debian/pgversions)"

# ---------------------------------------------------------------------------
echo "== build the package in a copy of the tree"
SRC=$WORK/cx-metrics-$control_version
mkdir -p "$SRC"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# tracked and new files as they are in the work tree, nothing ignored
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf - | tar -xf - -C "$SRC"
else
	tar --exclude='*.o' --exclude='*.so' --exclude='*.bc' --exclude=./results -cf - . | tar -xf - -C "$SRC"
fi
started=$SECONDS
# debian/control is generated from control.in for the majors this machine
# supports (15 on Debian 12, as checked in); on another major, make it anew
# in the copy, as a Debian maintainer would with updatecontrol.
# A major this machine's postgresql-common does not list as supported (19
# from experimental beside sid's 18) is named to it the Debian way, by
# PG_SUPPORTED_VERSIONS.
if ! grep -q "^Package: postgresql-$PGV-cx-metrics\$" "$SRC/debian/control"; then
	export PG_SUPPORTED_VERSIONS=$PGV
	(cd "$SRC" && pg_buildext updatecontrol) >"$WORK/updatecontrol.log" 2>&1 ||
		{ cat "$WORK/updatecontrol.log" >&2; fail "pg_buildext updatecontrol failed"; }
fi
if ! (cd "$SRC" && dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1; then
	tail -40 "$WORK/build.log" >&2
	fail "dpkg-buildpackage failed"
fi
arch=$(dpkg --print-architecture)
DEB=$WORK/postgresql-$PGV-cx-metrics_${control_version}_$arch.deb
[ -f "$DEB" ] || { ls "$WORK" >&2; fail "no $(basename "$DEB")"; }
echo "built $(basename "$DEB") in $((SECONDS - started)) s ($(stat -c %s "$DEB") bytes)"

echo "== the package's contents"
dpkg-deb -f "$DEB" Depends | grep -q "postgresql-$PGV" ||
	problem "the package does not depend on postgresql-$PGV: $(dpkg-deb -f "$DEB" Depends)"
UNPACKED=$WORK/unpacked
dpkg-deb -x "$DEB" "$UNPACKED"
extdir=usr/share/postgresql/$PGV/extension
[ -f "$UNPACKED/usr/lib/postgresql/$PGV/lib/cx_metrics.so" ] || problem "the package has no cx_metrics.so"
# exactly the tree's control file and scripts
packaged=$(cd "$UNPACKED/$extdir" && printf '%s\n' * | sort | tr '\n' ' ')
expected=$(printf '%s\n' cx_metrics.control cx_metrics--*.sql | sort | tr '\n' ' ')
[ "$packaged" = "$expected" ] || problem "the package's extension files are [$packaged], the tree's [$expected]"
for f in $expected; do
	[ -f "$UNPACKED/$extdir/$f" ] && ! cmp -s "$f" "$UNPACKED/$extdir/$f" && problem "the package's $f differs from the tree's"
done
[ -f "$UNPACKED/usr/share/doc/postgresql-$PGV-cx-metrics/copyright" ] || problem "the package has no copyright file"
if find "$UNPACKED" -type f | grep -v -E "^$UNPACKED/(usr/lib/postgresql/$PGV/lib/|$extdir/|usr/share/doc/postgresql-$PGV-cx-metrics/)" >"$WORK/stray"; then
	problem "files outside the extension's folders: $(tr '\n' ' ' <"$WORK/stray")"
fi
echo "$(find "$UNPACKED" -type f | wc -l) files; Depends: $(dpkg-deb -f "$DEB" Depends)"
if ! apt-get install --simulate -qq "$DEB" >"$WORK/apt.log" 2>&1; then
	cat "$WORK/apt.log" >&2
	problem "apt-get would not install the package"
fi

# ---------------------------------------------------------------------------
echo "== a private copy of PostgreSQL $PGV with the package unpacked over it"
ROOT=$WORK/root
mkdir -p "$ROOT/usr/lib/postgresql" "$ROOT/usr/share/postgresql"
cp -a "/usr/lib/postgresql/$PGV" "$ROOT/usr/lib/postgresql/"
cp -a "/usr/share/postgresql/$PGV" "$ROOT/usr/share/postgresql/"
rm -rf "$ROOT/usr/lib/postgresql/$PGV/lib/cx_metrics.so" \
	"$ROOT/usr/lib/postgresql/$PGV/lib/bitcode/cx_metrics" \
	"$ROOT/usr/lib/postgresql/$PGV/lib/bitcode/cx_metrics.index.bc" \
	"$ROOT/$extdir"/cx_metrics[.-]*
dpkg-deb -x "$DEB" "$ROOT"
export PATH=$ROOT/usr/lib/postgresql/$PGV/bin:$PATH
[ "$(pg_config --pkglibdir)" = "$ROOT/usr/lib/postgresql/$PGV/lib" ] ||
	fail "the copy's pg_config points at $(pg_config --pkglibdir)"

CLUSTER=$WORK/cluster
cx_init_cluster "$CLUSTER" || fail "initdb failed"
cx_start_tcp_cluster "$CLUSTER" || fail "the cluster did not start"
export PGHOST=$CLUSTER PGPORT=$CX_CLUSTER_PORT PGUSER=postgres PGDATABASE=postgres
[ "$(q postgres -Atc "SHOW data_directory")" = "$CLUSTER/data" ] || fail "not connected to the package's cluster"

echo "== use the packaged extension"
q postgres -c "CREATE DATABASE pkg"
# each metric against its definition in plain SQL
out=$(q pkg -At <<'EOF'
CREATE EXTENSION cx_metrics;
SELECT 'version ' || extversion FROM pg_extension WHERE extname = 'cx_metrics';
SELECT 'library ' || (SELECT count(*) FROM pg_proc WHERE probin = '$libdir/cx_metrics');
CREATE TABLE a(score int, w float8);
INSERT INTO a SELECT s % 11, 1 + s % 3 FROM generate_series(1, 1000) s;
SELECT 'nps ' || (abs(nps_agg(score) - 100.0 * (count(*) FILTER (WHERE score >= 9)
                  - count(*) FILTER (WHERE score <= 6)) / count(*)) < 1e-9)
       || ' ' || (ci_lower(nps_summary(score)) < nps_agg(score)) FROM a;
SELECT 'csat ' || (abs(csat_agg(score % 5 + 1) - 100.0 * count(*) FILTER (WHERE score % 5 + 1 >= 4) / count(*)) < 1e-9)
       || ' ' || (abs(mean(csat_summary(score % 5 + 1)) - avg(score % 5 + 1)) < 1e-9) FROM a;
SELECT 'ces ' || (abs(ces_agg(score % 7 + 1, w) - sum((score % 7 + 1) * w) / sum(w)) < 1e-9)
       || ' ' || (abs(share(ces_summary(score % 7 + 1), 5, 7) - 100.0 * count(*) FILTER (WHERE score % 7 + 1 >= 5) / count(*)) < 1e-9)
FROM a;
WITH c AS (SELECT daterange('2026-01-01'::date + s, '2026-01-01'::date + s * 3) AS active,
                  daterange('2026-02-01', '2026-03-01') AS period FROM generate_series(1, 100) s)
SELECT 'churn ' || (abs(churn_rate(active, period)
       - 100.0 * count(*) FILTER (WHERE active @> lower(period) AND NOT active @> upper(period))
               / count(*) FILTER (WHERE active @> lower(period))) < 1e-9) FROM c;
SELECT 'roundtrip ' || (nps_summary(score)::text::nps_summary = nps_summary(score)) FROM a;
EOF
) || problem "using the packaged extension failed"
echo "$out"
expected_out="version $control_version
nps true true
csat true true
ces true true
churn true
roundtrip true"
[ "$(grep -v '^library' <<<"$out")" = "$expected_out" ] ||
	problem "the packaged extension gave other results; expected:
$expected_out"
grep -q '^library [1-9]' <<<"$out" || problem "no function of the packaged extension is in its library"

if ! q pkg -Atc "DROP EXTENSION cx_metrics; CREATE EXTENSION cx_metrics VERSION '1.0';
		ALTER EXTENSION cx_metrics UPDATE;
		SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics'" | grep -qx "$control_version"; then
	problem "the packaged 1.0 did not update to $control_version"
fi

echo "== the pg_regress suites against the package"
started=$SECONDS
if ! make -s -C "$SRC" installcheck PG_CONFIG="$ROOT/usr/lib/postgresql/$PGV/bin/pg_config" >"$WORK/installcheck.log" 2>&1; then
	cat "$WORK/installcheck.log" >&2
	[ -f "$SRC/regression.diffs" ] && head -100 "$SRC/regression.diffs" >&2
	problem "the regression suites failed against the package"
else
	grep -E 'tests passed|All [0-9]+ tests' "$WORK/installcheck.log" || true
	echo "suites passed in $((SECONDS - started)) s"
fi

if [ "$failures" -ne 0 ]; then
	echo "== package check: $failures failure(s) ($(elapsed)s)"
	exit 1
fi
echo "== package check passed ($(elapsed)s)"
