# shellcheck shell=bash
# Shell functions shared by the checks (test/check_*.sh), the test suite,
# the benchmark and the demo: install what the project needs, run throwaway
# PostgreSQL clusters, run psql, report failures, time a run and clean up
# at exit.  Source this file (test/pg_cluster.sh sources it too); it
# defines functions and variables and changes nothing by itself.
#
#   packages   cx_ensure_packages [PACKAGE...]
#              cx_ensure_r [R PACKAGE]           Rscript (and r-cran-PACKAGE)
#   clusters   cx_start_cluster [SETTING...]     the cluster of a run: exports
#                                                PGHOST, PGPORT, PGUSER, PGDATABASE
#              cx_stop_cluster
#              cx_init_cluster DIR               more clusters, each in its own
#              cx_start_tcp_cluster DIR [SETTING...]  directory, on 127.0.0.1
#              cx_stop_cluster_at DIR
#              cx_as_owner COMMAND...            as the clusters' owner
#   psql       q DB [PSQL ARGUMENT...]           quiet, no psqlrc, stop at the
#                                                first error
#              q_admin [PSQL ARGUMENT...]        the same on $PGDATABASE (postgres),
#                                                warnings and errors only
#              cx_drop_databases DB...           those that exist, quietly
#              cx_extension_database DB          afresh with the extension,
#                                                dropped at exit
#   the server cx_watch_server, cx_server_up, cx_server_crash_lines,
#              cx_wait_for_server
#   failures   problem MESSAGE                   report, count in $failures, go on
#              fail MESSAGE                      report and exit 1
#   time       elapsed                           seconds since the start, 0.1 s
#   clean-up   cx_on_exit COMMAND [ARGUMENT...]  run at exit, last registered first
#              cx_work_dir NAME                  WORK=/tmp/NAME.XXXXXX, removed at exit

CX_PG_MAJOR=${CX_PG_MAJOR:-15}
# How failures are reported: "check_x: FAILED: ...", after the script's
# name without .sh; a script may set CX_FAILED to another prefix.
CX_CHECK=${CX_CHECK:-$(basename "$0" .sh)}
CX_START=$(date +%s.%N)
CX_EXIT_STEPS=()
failures=0

# ---------------------------------------------------------------------------
# Clean-up at exit.

# Register a command to run when the script exits, however it exits; the
# commands run last registered first, each whatever the others did.
cx_on_exit() {
	CX_EXIT_STEPS+=("$(printf '%q ' "$@")")
	trap cx_run_exit_steps EXIT
}

# shellcheck disable=SC2317  # run by the EXIT trap
cx_run_exit_steps() {
	local i
	for ((i = ${#CX_EXIT_STEPS[@]} - 1; i >= 0; i--)); do
		eval "${CX_EXIT_STEPS[i]}" || true
	done
	CX_EXIT_STEPS=()
}

# A scratch directory /tmp/NAME.XXXXXX in WORK, readable by the server's
# user, removed at exit.
cx_work_dir() {
	WORK=$(mktemp -d "/tmp/$1.XXXXXX")
	chmod 755 "$WORK"
	cx_on_exit rm -rf "$WORK"
}

# ---------------------------------------------------------------------------
# Failures and time.

# Report a failure and go on; the script decides at the end from $failures.
problem() {
	echo "${CX_FAILED:-$CX_CHECK: FAILED:} $*" >&2
	failures=$((failures + 1))
}

# Report a failure and stop.
fail() {
	echo "${CX_FAILED:-$CX_CHECK: FAILED:} $*" >&2
	exit 1
}

# Seconds since the script started, to a tenth.
elapsed() {
	awk -v s="$CX_START" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }'
}

# ---------------------------------------------------------------------------
# psql.

# q DB [psql arguments...]: psql without psqlrc, quiet, stopping at the
# first error.
q() {
	local db=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}

# Drop the databases named, those that exist, quietly.
cx_drop_databases() {
	local db
	for db in "$@"; do
		dropdb --if-exists "$db" >/dev/null 2>&1 || true
	done
}

# cx_extension_database DB: the database DB afresh, with the extension,
# dropped at exit.
cx_extension_database() {
	cx_on_exit cx_drop_databases "$1"
	dropdb --if-exists "$1" >/dev/null 2>&1
	createdb "$1"
	q "$1" -c "CREATE EXTENSION cx_metrics"
}

# q_admin [psql arguments...]: q on the maintenance database, showing
# warnings and errors only (DROP ... IF EXISTS and the like stay quiet).
q_admin() {
	PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" q "${PGDATABASE:-postgres}" "$@"
}

# ---------------------------------------------------------------------------
# Whether the server survives: cx_watch_server notes the server's start
# time and where its log ($PGHOST/server.log, as cx_start_cluster writes
# it) ends; cx_server_up says whether it has neither restarted nor logged a
# crash since.

CX_CRASH_PATTERN="terminated by signal|PANIC|TRAP"

cx_watch_server() {
	CX_SERVER_LOG="${PGHOST:-}/server.log"
	if [ -r "$CX_SERVER_LOG" ]; then
		CX_LOG_OFFSET=$(stat -c %s "$CX_SERVER_LOG")
	else
		CX_LOG_OFFSET=
		echo "note: no readable server log at $CX_SERVER_LOG; only the server's start time is checked"
	fi
	CX_STARTED_BEFORE=$(q_admin -Atc "SELECT pg_postmaster_start_time()")
}

# The server's start time now (or the error that says why there is none).
cx_server_started() {
	q_admin -Atc "SELECT pg_postmaster_start_time()" 2>&1 || true
}

# What the server logged since cx_watch_server (nothing without a log).
cx_server_log() {
	[ -z "$CX_LOG_OFFSET" ] || tail -c +"$((CX_LOG_OFFSET + 1))" "$CX_SERVER_LOG"
}

# The lines around each crash the server logged since cx_watch_server;
# succeeds only if there is one.
cx_server_crash_lines() {
	cx_server_log | grep -E -B2 -A2 "$CX_CRASH_PATTERN"
}

cx_server_up() {
	[ "$(cx_server_started)" = "$CX_STARTED_BEFORE" ] || return 1
	! cx_server_log | grep -E "$CX_CRASH_PATTERN" >/dev/null
}

# Wait (up to a minute) until the server takes connections again.
cx_wait_for_server() {
	local _
	for _ in $(seq 60); do
		q_admin -Atc "SELECT 1" >/dev/null 2>&1 && return 0
		sleep 1
	done
	return 1
}

# ---------------------------------------------------------------------------
# Packages.

# Install PostgreSQL and the build tools when they are missing (Debian),
# and the packages named.
cx_ensure_packages() {
	local wanted="postgresql-$CX_PG_MAJOR postgresql-server-dev-$CX_PG_MAJOR make gcc $*"
	local missing=""
	local pkg
	for pkg in $wanted; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "missing packages:$missing (run as root to install them)" >&2
		return 1
	fi
	echo "== installing$missing (takes a few minutes on a fresh machine)"
	local started=$SECONDS
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq ${CX_APT_OPTIONS:-} $missing >/dev/null
	echo "== installed in $((SECONDS - started)) s"
}

# cx_ensure_r [PACKAGE]: Rscript, and the R package PACKAGE when given
# (Debian's r-cran-PACKAGE), installed with apt-get when missing; says
# which versions it installed.
cx_ensure_r() {
	local pkg=${1:-}
	if command -v Rscript >/dev/null 2>&1 &&
		{ [ -z "$pkg" ] || Rscript -e "suppressMessages(library($pkg))" >/dev/null 2>&1; }; then
		return 0
	fi
	echo "$CX_CHECK: R${pkg:+ or its $pkg package} is missing; installing r-base-core${pkg:+ and r-cran-$pkg} with apt-get"
	cx_ensure_packages r-base-core ${pkg:+"r-cran-$pkg"}
	echo "$CX_CHECK: installed $(Rscript --version 2>&1 | head -1)${pkg:+, $pkg $(Rscript -e "cat(as.character(packageVersion('$pkg')))" 2>/dev/null)}"
}

# ---------------------------------------------------------------------------
# Clusters.

# Run a command as the cluster's owner (the server refuses to run as root),
# from / : the owner may not be allowed into the current directory.
cx_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# cx_init_cluster DIR: a new cluster in DIR/data (DIR is made, for the
# server's user), trust authentication, superuser postgres.
cx_init_cluster() {
	local dir=$1
	mkdir -p "$dir"
	chmod 755 "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	cx_as_owner "$(pg_config --bindir)/initdb" --auth=trust --username=postgres --no-sync \
		-D "$dir/data" >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; return 1; }
}

# cx_run_cluster DIR LISTEN PORT [SETTING...]: start the cluster of DIR,
# listening on the addresses LISTEN ('' for none) and on a Unix socket in
# DIR, with fsync off and the "name=value" settings given; its log is
# DIR/server.log.  Fails quietly.
cx_run_cluster() {
	local dir=$1 listen=$2 port=$3
	shift 3
	local options="-c listen_addresses='$listen' -c unix_socket_directories='$dir' -c fsync=off"
	local setting
	for setting in "$@"; do
		options="$options -c $setting"
	done
	cx_as_owner "$(pg_config --bindir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
		-o "$options -p $port" -w start >/dev/null 2>&1
}

# cx_stop_cluster_at DIR: stop the cluster of DIR, if it runs.
cx_stop_cluster_at() {
	[ -f "$1/data/postmaster.pid" ] || return 0
	cx_as_owner "$(pg_config --bindir)/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true
}

# Start a throwaway cluster listening only on a Unix socket in its own
# directory; export PGHOST, PGPORT, PGUSER and PGDATABASE for clients.
# Extra arguments are "name=value" server settings.  It is stopped and
# removed at exit.
cx_start_cluster() {
	CX_CLUSTER_DIR=$(mktemp -d /tmp/cx_metrics_cluster.XXXXXX)
	cx_on_exit cx_stop_cluster
	cx_init_cluster "$CX_CLUSTER_DIR" || return 1
	cx_run_cluster "$CX_CLUSTER_DIR" "" 5432 "$@" ||
		{ cat "$CX_CLUSTER_DIR/server.log" >&2; return 1; }
	export PGHOST="$CX_CLUSTER_DIR" PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
}

# Stop the cluster and remove its files (runs on exit).
cx_stop_cluster() {
	[ -n "${CX_CLUSTER_DIR:-}" ] || return 0
	cx_stop_cluster_at "$CX_CLUSTER_DIR"
	rm -rf "$CX_CLUSTER_DIR"
	CX_CLUSTER_DIR=
}

# cx_start_tcp_cluster DIR [SETTING...]: start the cluster of DIR (made by
# cx_init_cluster) on 127.0.0.1, on a free port between 20000 and 59999
# (left in CX_CLUSTER_PORT), and on a Unix socket in DIR.  It is stopped at
# exit; DIR is the caller's to remove.
cx_start_tcp_cluster() {
	local dir=$1 port _
	shift
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		# a TCP connect succeeds only if something listens there
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
		# Another process may take the port between the check and the bind:
		# then the start fails and we try another one.
		if cx_run_cluster "$dir" 127.0.0.1 "$port" "$@"; then
			CX_CLUSTER_PORT=$port
			cx_on_exit cx_stop_cluster_at "$dir"
			return 0
		fi
	done
	echo "could not start the cluster in $dir" >&2
	cat "$dir/server.log" >&2
	return 1
}
