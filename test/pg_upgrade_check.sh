#!/usr/bin/env bash
# pg_upgrade of a cluster with stored summaries, from the system's
# PostgreSQL (15, Debian 12) to a newer major (default 19), as root:
#
#   test/pg_upgrade_check.sh [NEW_MAJOR]
#
# The newer major runs in the Debian chroot of test/pg_major.sh, which
# carries no PostgreSQL 15.  So the old server, Debian 12's postgresql-15
# package of version $CX_UPGRADE_FROM (default 15.18-0+deb12u1, unpacked,
# not installed; CX_UPGRADE_FROM=system copies the installation of the
# pg_config on PATH instead), goes into the chroot with cx_metrics built
# here for it and the Debian 12 libraries it links to, its programs
# patched (patchelf) to load those libraries through Debian 12's own
# dynamic loader.  Inside the chroot an old cluster gets tables, a
# materialized view and an index of every summary type (weighted and
# unweighted, every range type, arrays); pg_upgrade moves it to the new
# major, and every stored summary must come out the same: text and binary
# forms, accessors, statistics and roll-ups print identically before and
# after.  About 2 minutes once the chroot exists.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != --inside ]; then
	new_major=${1:-19}
	cache=${CX_CHROOT_CACHE:-/var/cache/cx_metrics}
	case "$new_major" in
	17) suite=trixie ;;
	18 | 19) suite=sid ;;
	*) echo "no Debian chroot for PostgreSQL $new_major" >&2; exit 3 ;;
	esac
	. test/pg_cluster.sh
	cx_ensure_packages
	if ! command -v patchelf >/dev/null; then
		echo "== installing patchelf"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq patchelf >/dev/null
	fi
	old_major=$(pg_config --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
	from=${CX_UPGRADE_FROM:-15.18-0+deb12u1}
	echo "== build cx_metrics for PostgreSQL $old_major"
	make -s
	# The chroot with the new major first.
	CX_PREPARE_ONLY=1 test/pg_major.sh "$new_major"
	root=$cache/$suite
	old=$root/opt/pg-old
	rm -rf "$old"
	mkdir -p "$old/libs"
	if [ "$from" = system ]; then
		echo "== copy the system's PostgreSQL $old_major ($(pg_config --bindir)) into $old"
		make -s install >/dev/null
		libdir=$(dirname "$(pg_config --bindir)")	# .../lib/postgresql/15
		sharedir=$(pg_config --sharedir)
		mkdir -p "$old$libdir" "$old$sharedir"
		cp -a "$libdir/." "$old$libdir/"
		cp -a "$sharedir/." "$old$sharedir/"
	else
		echo "== unpack Debian's postgresql-$old_major $from into $old (not installed)"
		libdir=/usr/lib/postgresql/$old_major
		sharedir=/usr/share/postgresql/$old_major
		(cd "$old" && apt-get download -q "postgresql-$old_major=$from" 2>&1 | grep -v "unsandboxed" || true)
		dpkg-deb -x "$old"/postgresql-"$old_major"_*.deb "$old"
		rm -f "$old"/*.deb
		cp cx_metrics.so "$old$libdir/lib/"
		cp cx_metrics.control cx_metrics--*.sql "$old$sharedir/extension/"
	fi
	echo "== with the Debian 12 libraries it links to, loaded by Debian 12's loader"
	elves=$(find "$old$libdir" -type f \( -perm -u+x -o -name '*.so' \) -exec sh -c \
		'head -c 4 "$1" | grep -q ELF && echo "$1"' sh {} \;)
	for elf in $elves; do
		ldd "$elf" 2>/dev/null | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }'
	done | sort -u | while read -r lib; do
		cp -L "$lib" "$old/libs/"
	done
	interpreter=$(basename "$(patchelf --print-interpreter "$old$libdir/bin/postgres")")
	for elf in $elves; do
		patchelf --force-rpath --set-rpath /opt/pg-old/libs "$elf"
		if patchelf --print-interpreter "$elf" >/dev/null 2>&1; then
			patchelf --set-interpreter "/opt/pg-old/libs/$interpreter" "$elf"
		fi
	done
	echo "${libdir}/bin" >"$old/bindir"
	exec env CX_CHROOT_COMMAND="test/pg_upgrade_check.sh --inside" test/pg_major.sh "$new_major"
fi

# Inside the chroot: the new major is on PATH, the old one under /opt/pg-old.
new_bin=$(pg_config --bindir)
old_bin=/opt/pg-old$(cat /opt/pg-old/bindir)
echo "== old: $("$old_bin/postgres" --version); new: $("$new_bin/postgres" --version)"
echo "== build and install cx_metrics for the new major"
make -s
make -s install >/dev/null

work=$(mktemp -d /tmp/cx_pg_upgrade.XXXXXX)
chmod 755 "$work"
chown postgres: "$work"
as_pg() { (cd "$work" && runuser -u postgres -- "$@"); }
stop_all() {
	as_pg "$old_bin/pg_ctl" -D "$work/old" -m immediate stop >/dev/null 2>&1 || true
	as_pg "$new_bin/pg_ctl" -D "$work/new" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap stop_all EXIT
export PGHOST=$work PGPORT=5432 PGUSER=postgres PGDATABASE=cx_upgrade

checksums=""
# From 18 initdb turns data checksums on; pg_upgrade needs both alike.
if "$new_bin/initdb" --help | grep -- --no-data-checksums >/dev/null; then
	checksums=--no-data-checksums
fi
as_pg "$old_bin/initdb" -U postgres --auth=trust -E UTF8 --no-locale -D "$work/old" >"$work/initdb-old.log"
as_pg "$new_bin/initdb" -U postgres --auth=trust -E UTF8 --no-locale $checksums -D "$work/new" >"$work/initdb-new.log"

start() {	# bindir datadir
	as_pg "$1/pg_ctl" -D "$2" -l "$2.log" -w \
		-o "-c listen_addresses='' -c unix_socket_directories='$work' -p 5432" start >/dev/null
}
stop() {	# bindir datadir
	as_pg "$1/pg_ctl" -D "$2" -w stop >/dev/null
}

# The report printed before and after: every stored value's text and
# binary form, accessors, statistics and roll-ups (the new major's psql
# for both servers).
report() {
	as_pg "$new_bin/psql" -X -q -v ON_ERROR_STOP=1 -At <<'SQL'
SELECT 'row', id, n::text, c::text, e::text, d::text, t::text, s::text, a::text,
	   md5(nps_summary_send(n)), md5(csat_summary_send(c)), md5(ces_summary_send(e)),
	   md5(churn_summary_send(d)), md5(churn_summary_send(t)), md5(churn_summary_send(s))
FROM stored ORDER BY id;
SELECT 'stats', id, nps(n), std_error(n), ci_lower(n), ci_upper(n, 0.99), promoters(n),
	   csat(c), mean(c), ces(e), share(e, 5, 7), churn(d), retention_rate(t), churn(s),
	   customers_lost(s)
FROM stored ORDER BY id;
SELECT 'rollup', nps_summary(n)::text, csat_summary(c)::text, ces_summary(e)::text,
	   nps_agg(n), csat_agg(c), ces_agg(e), p_value(min_n, max_n)
FROM stored, (SELECT (array_agg(n ORDER BY id))[1] AS min_n,
					 (array_agg(n ORDER BY id DESC))[1] AS max_n FROM stored) x
GROUP BY min_n, max_n;
SELECT 'matview', * FROM stored_monthly ORDER BY 2;
SET enable_seqscan = off;
SELECT 'index', id FROM stored WHERE nps(n) > 10 ORDER BY id;
SELECT 'array', id, array_length(a, 1), (a[2])::text FROM stored ORDER BY id;
SQL
}

echo "== old cluster: stored summaries of every type"
start "$old_bin" "$work/old"
as_pg "$new_bin/psql" -X -q -d postgres -c "CREATE DATABASE cx_upgrade"
as_pg "$new_bin/psql" -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION cx_metrics;
SELECT setseed(0.25) \g /dev/null
CREATE TABLE answers AS
SELECT i, (i % 24) AS grp, (random() * 10)::int AS score, 1 + (random() * 4)::int AS csat5,
	   1 + (random() * 6)::int AS ces7, 0.1 + random() AS w,
	   daterange(start, CASE WHEN random() < 0.3 THEN start + 1 + (random() * 300)::int END) AS life
FROM generate_series(1, 20000) i,
	 LATERAL (SELECT date '2024-06-01' + (random() * 500)::int + i % 2 AS start) s;
CREATE TABLE stored (
	id int PRIMARY KEY, month date,
	n nps_summary, c csat_summary, e ces_summary,
	d churn_summary, t churn_summary, s churn_summary, a nps_summary[]
);
INSERT INTO stored
SELECT grp, date '2025-01-01' + grp * 31,
	   CASE WHEN grp % 2 = 0 THEN nps_summary(score) ELSE nps_summary(score, w) END,
	   CASE WHEN grp % 3 = 0 THEN csat_summary(csat5, 5, 4, w) ELSE csat_summary(csat5) END,
	   CASE WHEN grp % 2 = 1 THEN ces_summary(ces7, 7, w) ELSE ces_summary(ces7) END,
	   churn_summary(life, daterange('2025-03-01', '2025-04-01')),
	   churn_summary(tstzrange(lower(life)::timestamptz, upper(life)::timestamptz),
					 tstzrange('2025-03-01 00:00+00', '2025-06-01 00:00+00'), w),
	   churn_summary(tsrange(lower(life)::timestamp, upper(life)::timestamp),
					 tsrange('2025-01-01', '2026-01-01')),
	   ARRAY[nps_summary(score), nps_summary(score, w)]
FROM answers GROUP BY grp;
CREATE MATERIALIZED VIEW stored_monthly AS
SELECT date_trunc('quarter', month)::date AS quarter, nps_summary(n) AS n, ces_summary(e) AS e
FROM stored GROUP BY 1;
CREATE INDEX stored_nps ON stored (nps(n));
SQL
report >"$work/before.txt"
stop "$old_bin" "$work/old"
stored_rows=$(grep -c '^row|[0-9]*|{' "$work/before.txt" || true)
echo "   $(grep -c . "$work/before.txt") report lines, $stored_rows rows of stored summaries"
[ "$stored_rows" = 24 ] || { echo "pg_upgrade check FAILED: expected 24 stored rows"; exit 1; }

echo "== pg_upgrade"
if ! as_pg "$new_bin/pg_upgrade" -b "$old_bin" -B "$new_bin" -d "$work/old" -D "$work/new" \
	>"$work/pg_upgrade.log" 2>&1; then
	cat "$work/pg_upgrade.log"
	find "$work/new/pg_upgrade_output.d" -name '*.log' -exec grep -h -B2 -A8 -E 'ERROR|FATAL|error:' {} + 2>/dev/null | head -n 60
	exit 1
fi
grep -E "^Upgrade Complete|^Performing Upgrade" "$work/pg_upgrade.log" || true

echo "== new cluster: the same report"
start "$new_bin" "$work/new"
report >"$work/after.txt"
as_pg "$new_bin/psql" -X -q -v ON_ERROR_STOP=1 -c "REFRESH MATERIALIZED VIEW stored_monthly"
report >"$work/after_refresh.txt"
stop "$new_bin" "$work/new"
if ! diff "$work/before.txt" "$work/after.txt" || ! diff "$work/before.txt" "$work/after_refresh.txt"; then
	echo "pg_upgrade check FAILED: stored summaries changed"
	exit 1
fi
echo "pg_upgrade check passed: $(grep -c . "$work/before.txt") report lines identical" \
	"($("$old_bin/postgres" --version | awk '{ print $3 }') -> $("$new_bin/postgres" --version | awk '{ print $3 }'))"
