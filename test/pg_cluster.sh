# Shell functions shared by the test, benchmark and demo commands: install
# what the project needs, and run a throwaway PostgreSQL cluster.
# Source this file; it defines functions and changes nothing by itself.

CX_PG_MAJOR=${CX_PG_MAJOR:-15}

# Install PostgreSQL and the build tools when they are missing (Debian).
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
	apt-get install -y -qq $missing >/dev/null
	echo "== installed in $((SECONDS - started)) s"
}

# Run a command as the cluster's owner (the server refuses to run as root),
# from / : the owner may not be allowed into the current directory.
cx_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# Start a throwaway cluster listening only on a Unix socket in its own
# directory; export PGHOST, PGPORT, PGUSER and PGDATABASE for clients.
# Extra arguments are "name=value" server settings.
cx_start_cluster() {
	local bindir
	bindir=$(pg_config --bindir)
	CX_CLUSTER_DIR=$(mktemp -d /tmp/cx_metrics_cluster.XXXXXX)
	chmod 755 "$CX_CLUSTER_DIR"
	[ "$(id -u)" = 0 ] && chown postgres: "$CX_CLUSTER_DIR"
	local options="-c listen_addresses='' -c unix_socket_directories='$CX_CLUSTER_DIR' -c fsync=off"
	local setting
	for setting in "$@"; do
		options="$options -c $setting"
	done
	cx_as_owner "$bindir/initdb" --auth=trust --username=postgres --no-sync \
		-D "$CX_CLUSTER_DIR/data" >"$CX_CLUSTER_DIR/initdb.log" 2>&1 ||
		{ cat "$CX_CLUSTER_DIR/initdb.log" >&2; return 1; }
	cx_as_owner "$bindir/pg_ctl" -D "$CX_CLUSTER_DIR/data" -l "$CX_CLUSTER_DIR/server.log" \
		-o "$options -p 5432" -w start >/dev/null ||
		{ cat "$CX_CLUSTER_DIR/server.log" >&2; return 1; }
	export PGHOST="$CX_CLUSTER_DIR" PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
	trap cx_stop_cluster EXIT
}

# Stop the cluster and remove its files (runs on exit).
cx_stop_cluster() {
	[ -n "${CX_CLUSTER_DIR:-}" ] || return 0
	cx_as_owner "$(pg_config --bindir)/pg_ctl" -D "$CX_CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$CX_CLUSTER_DIR"
	CX_CLUSTER_DIR=
}
