#!/usr/bin/env bash
# The whole test suite: install what is missing, build with warnings as
# errors, install, start a throwaway cluster, run every pg_regress suite,
# then every other check (test/check_*.sh, in name order, each against the
# same cluster).  Exits non-zero on any failure and prints what failed.
#
#   test/run-tests.sh           on the system's PostgreSQL (15 on Debian 12)
#   test/run-tests.sh --pg N    on PostgreSQL N, in a Debian chroot (test/pg_major.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --pg ]; then
	[ -n "${2:-}" ] || { echo "usage: test/run-tests.sh [--pg MAJOR]" >&2; exit 1; }
	if [ "$2" != "${CX_PG_MAJOR:-15}" ]; then
		exec test/pg_major.sh "$2"
	fi
fi
. test/lib.sh

cx_ensure_packages python3
echo "== server: $("$(pg_config --bindir)/postgres" --version)"
echo "== build"
make -s
echo "== install"
make -s install >/dev/null
echo "== start a throwaway cluster"
cx_start_cluster
echo "== regression suites"
if ! make -s installcheck; then
	if [ -f regression.diffs ]; then
		echo "== differences (regression.diffs)"
		cat regression.diffs
	fi
	exit 1
fi

failed=""
for check in test/check_*.sh; do
	[ -e "$check" ] || continue
	case " ${CX_SKIP_CHECKS:-} " in
	*" ${check#test/} "*) echo "== $check skipped"; continue ;;
	esac
	echo "== $check"
	if ! bash "$check"; then
		echo "FAILED: $check"
		failed="$failed $check"
	fi
done
if [ -n "$failed" ]; then
	echo "== failed checks:$failed"
	exit 1
fi
echo "== all checks passed"
