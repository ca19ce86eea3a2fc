#!/usr/bin/env bash
# The whole test suite against another PostgreSQL major: test/run-tests.sh
# --pg N comes here.  Debian's binary packages of that major (postgresql-N,
# postgresql-server-dev-N) are installed into a Debian chroot of the suite
# that carries them, made with debootstrap, and the suite is built and run
# inside it; the system's PostgreSQL is not touched.  Chroots are kept under
# $CX_CHROOT_CACHE (default /var/cache/cx_metrics), so a second run only
# copies the checkout and runs the tests.  Needs root.
#
#   N    Debian suite
#   17   trixie (Debian 13)
#   18   sid (unstable)
#   19   sid with experimental
#
# CX_CHROOT_COMMAND names another script of the checkout to run there
# instead (test/pg_upgrade_check.sh does so); CX_PREPARE_ONLY=1 stops
# once the chroot and its packages are ready.
#
# Exit status: that of the test suite; 3 when the major cannot be had here.
set -euo pipefail
cd "$(dirname "$0")/.."

major=${1:?usage: test/pg_major.sh MAJOR}
cache=${CX_CHROOT_CACHE:-/var/cache/cx_metrics}
mirror=${CX_DEBIAN_MIRROR:-http://deb.debian.org/debian}
release=""	# the archive of the major's own packages, when not the suite's
case "$major" in
17) suite=trixie ;;
18) suite=sid ;;
19) suite=sid; release=/experimental ;;
*)
	echo "PostgreSQL $major: no Debian suite reachable here carries postgresql-$major" \
		"(bookworm has 15, trixie 17, sid 18, experimental 19); not tested" >&2
	exit 3 ;;
esac
if [ "$(id -u)" != 0 ]; then
	echo "test/run-tests.sh --pg $major needs root (debootstrap, chroot)" >&2
	exit 1
fi

root=$cache/$suite
mkdir -p "$cache"
log() { echo "== [pg $major] $*"; }

# One run at a time per chroot.
exec 9>"$cache/$suite.lock"
if ! flock -n 9; then
	log "waiting for another run that uses $root"
	flock 9
fi

# Run a long command with its output in $cache/$suite-WHAT.log, printing a
# line every 40 lines of it; on failure show its end and stop.
run_logged() {
	local what=$1 file="$cache/$suite-$1.log"
	shift
	if ! "$@" 2>&1 | tee "$file" | awk -v what="$what" '
		{ n++ } n % 40 == 0 { printf "   ... %s: %d lines of output\n", what, n; fflush() }
		END { printf "   ... %s: %d lines (log: '"$file"')\n", what, n }'; then
		tail -n 20 "$file"
		log "$what failed"
		exit 1
	fi
}

# Run a command in the chroot, in a mount namespace of its own: /proc (for
# package scripts and the server) and a /dev/shm (for parallel query) are
# mounted there and vanish with it.
in_root() {
	unshare --mount --propagation private -- /bin/sh -c '
		root=$1; shift
		mount -t proc proc "$root/proc" &&
		mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm" &&
		exec chroot "$root" "$@"' sh "$root" "$@"
}

apt_in_root() {
	in_root /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get -q -y "$@"
}

if [ ! -e "$root/.cx_ready" ]; then
	if ! command -v debootstrap >/dev/null; then
		log "installing debootstrap"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
	fi
	log "creating a Debian $suite chroot in $root (about a minute)"
	rm -rf "$root"
	run_logged debootstrap debootstrap --variant=minbase "$suite" "$root" "$mirror"
	[ -x "$root/bin/bash" ] || { log "debootstrap failed"; exit 1; }
	# The archive may serve Release files past their Valid-Until date.
	echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99cx-valid-until"
	# Installing a server must not start it (it would share the network).
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 755 "$root/usr/sbin/policy-rc.d"
	# The tests make their own clusters.
	mkdir -p "$root/etc/postgresql-common/createcluster.d"
	echo "create_main_cluster = false" >"$root/etc/postgresql-common/createcluster.d/cx.conf"
	touch "$root/.cx_ready"
fi
if [ "$suite" = sid ] && [ ! -e "$root/etc/apt/sources.list.d/experimental.list" ]; then
	echo "deb $mirror experimental main" >"$root/etc/apt/sources.list.d/experimental.list"
	rm -f "$root/.cx_apt_updated"
fi

packages="postgresql-$major postgresql-server-dev-$major make gcc"
extras="postgresql-$major-cron gnuplot-nox"	# test/check_demo.sh
installed() {
	local pkg
	for pkg in "$@"; do
		chroot "$root" dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || return 1
	done
}
if ! installed $packages; then
	log "updating the package lists of $suite"
	run_logged apt-update apt_in_root update
	touch "$root/.cx_apt_updated"
	log "installing $packages (a few minutes)"
	# Only the packages built from the major's source come from $release;
	# everything else comes from the suite.
	wanted="make gcc"
	for pkg in postgresql-$major postgresql-server-dev-$major postgresql-client-$major libpq-dev libpq5; do
		case "$pkg" in
		libpq*) [ -n "$release" ] || continue ;;
		esac
		wanted="$wanted $pkg$release"
	done
	# shellcheck disable=SC2086
	run_logged apt-install apt_in_root install --no-install-recommends $wanted
	installed $packages || { log "could not install $packages"; exit 1; }
fi
skip_checks=""
if ! installed $extras; then
	candidate=$(chroot "$root" apt-cache policy "postgresql-$major-cron" | awk '/Candidate:/ { print $2 }')
	if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
		log "postgresql-$major-cron is not in Debian $suite${release:+ nor ${release#/}}: test/check_demo.sh is skipped"
		skip_checks="check_demo.sh"
	else
		log "installing $extras"
		run_logged apt-install apt_in_root install --no-install-recommends \
			"postgresql-$major-cron$release" gnuplot-nox
	fi
fi
log "$(chroot "$root" "/usr/lib/postgresql/$major/bin/postgres" --version)"

[ "${CX_PREPARE_ONLY:-}" = 1 ] && exit 0

# A fresh copy of the checkout (without build products) inside the chroot.
log "copying the checkout to $root/build/cx_metrics"
rm -rf "$root/build/cx_metrics"
mkdir -p "$root/build/cx_metrics"
tar -C . --exclude=./.git --exclude='*.o' --exclude='*.bc' --exclude='*.so' \
	--exclude=./results --exclude=./log --exclude=./tmp_check --exclude=./demo/out \
	--exclude=./regression.diffs --exclude=./regression.out -cf - . |
	tar -C "$root/build/cx_metrics" -xf -

command=${CX_CHROOT_COMMAND:-test/run-tests.sh}
log "running $command inside the chroot"
in_root /usr/bin/env -i \
	PATH="/usr/lib/postgresql/$major/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
	HOME=/root LANG=C.UTF-8 TERM=dumb CX_PG_MAJOR="$major" \
	CX_SKIP_CHECKS="$skip_checks" \
	/bin/bash /build/cx_metrics/$command
