#!/usr/bin/env bash
# The whole test suite on several PostgreSQL majors, one after the other,
# then a table of versions, results and durations.  The system's major
# (15 on Debian 12) runs as test/run-tests.sh does; the others through
# test/run-tests.sh --pg N (test/pg_major.sh: a cached Debian chroot).
#
#   test/matrix.sh              15 16 17 18 19
#   test/matrix.sh 17 18        only those
#
# Each run's output goes to the screen, prefixed with its major, and to
# $CX_MATRIX_LOGS/pgN.log (default /var/tmp/cx_metrics-matrix).
set -uo pipefail
cd "$(dirname "$0")/.."

majors=${*:-15 16 17 18 19}
logs=${CX_MATRIX_LOGS:-/var/tmp/cx_metrics-matrix}
mkdir -p "$logs"
system_major=${CX_PG_MAJOR:-15}
table=""

for major in $majors; do
	log_file=$logs/pg$major.log
	echo "== PostgreSQL $major (log: $log_file)"
	started=$SECONDS
	if [ "$major" = "$system_major" ]; then
		test/run-tests.sh 2>&1 | sed -u "s/^/[pg $major] /" | tee "$log_file"
	else
		test/run-tests.sh --pg "$major" 2>&1 | sed -u "s/^/[pg $major] /" | tee "$log_file"
	fi
	status=${PIPESTATUS[0]}
	seconds=$((SECONDS - started))
	# pg_regress prints "test x ... ok" up to 15, "ok N - x" (TAP) from 16
	suites_ok=$(grep -cE '^\[pg [0-9]+\] (test .* \.\.\. ok|ok [0-9]+ +[-+] )' "$log_file")
	suites_all=$(grep -cE '^\[pg [0-9]+\] (test .* \.\.\. |(not )?ok [0-9]+ +[-+] )' "$log_file")
	version=$(grep -o 'PostgreSQL) [0-9][^ ]*' "$log_file" | head -1 | cut -d' ' -f2)
	case "$status" in
	0)
		result="pass"
		skipped=$(sed -n 's/^\[pg [0-9]*\] == test\/\(.*\) skipped$/\1/p' "$log_file" | tr '\n' ' ')
		[ -n "$skipped" ] && result="pass (skipped: ${skipped% })"
		;;
	3) result="not available here"; version="-" ;;
	*)
		result="FAIL"
		failed=$(sed -n 's/^\[pg [0-9]*\] == failed checks://p' "$log_file")
		[ -n "$failed" ] && result="FAIL:$failed"
		;;
	esac
	[ -z "$version" ] && version="$major"
	table="$table$(printf '%-6s %-12s %-8s %6s  %s' "$major" "$version" "$suites_ok/$suites_all" "${seconds}s" "$result")"$'\n'
done

echo
echo "== results ($(date -u '+%Y-%m-%d %H:%M UTC'))"
printf '%-6s %-12s %-8s %6s  %s\n' major version suites time result
printf '%s' "$table"
! grep -q -e FAIL <<<"$table"
