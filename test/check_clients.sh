#!/usr/bin/env bash
# The extension as BI tools reach it: over TCP, through Debian's PostgreSQL
# JDBC driver (libpostgresql-jdbc-java) and Python's psycopg2.
#
# A throwaway cluster on 127.0.0.1 holds survey answers, customers, and
# daily and monthly summaries (test/clients/setup.sql).  Every query of
# test/clients/queries.txt (metrics per segment, plan, week and month,
# intervals, p-values, a group without rows, stored summaries) runs in psql,
# and then through
#   - JDBC, text results: prepared statements, getDouble/getLong for the
#     metrics, getString for the summaries (test/clients/BiClient.java,
#     compiled with javac here);
#   - JDBC, binary results: binaryTransfer=true, prepareThreshold=-1 and the
#     summary types in binaryTransferEnable: the doubles arrive in binary,
#     and each summary arrives as exactly its binary send form;
#   - psycopg2 (test/clients/bi_client.py).
# Every value equals psql's (the same double, the same text), and every
# metric column is float8 or int8.  Each client also copies the summary
# tables out with COPY ... TO STDOUT (FORMAT binary) (JDBC's CopyManager,
# psycopg2's copy_expert) and back in with COPY ... FROM STDIN (FORMAT
# binary): the bytes equal psql's \copy of the same query, and every row
# read back is = and text-equal to the original.
#
# Expects the extension to be installed (test/run-tests.sh does that first).
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

cx_ensure_packages libpostgresql-jdbc-java default-jdk-headless python3 python3-psycopg2

JAR=/usr/share/java/postgresql.jar
[ -r "$JAR" ] || fail "no JDBC driver at $JAR"
cx_work_dir cx_clients
trap 'exit 130' INT
trap 'exit 143' TERM
CLIENTS=test/clients
QUERIES=$CLIENTS/queries.txt

echo "== compile the JDBC client"
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$JAR" "$CLIENTS/BiClient.java" || fail "javac failed"

echo "== a cluster on 127.0.0.1"
cx_init_cluster "$WORK/cluster" || fail "initdb failed"
cx_start_tcp_cluster "$WORK/cluster" || fail "the cluster did not start"
PORT=$CX_CLUSTER_PORT
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres PGDATABASE=postgres
q postgres -c "CREATE DATABASE bi"
q bi -f "$CLIENTS/setup.sql" >/dev/null
echo "port $PORT; $(q bi -Atc "SELECT count(*) FROM responses") answers, $(q bi -Atc "SELECT count(*) FROM customers") customers"

echo "== psql"
REF=$WORK/psql.out
: >"$REF"
while IFS=$'\t' read -r name query binref; do
	case $name in '' | '#'*) continue ;; esac
	q bi -At -F'|' -P null=NULL -c "$query" | sed "s/^/$name|/" >>"$REF"
	if [ -n "$binref" ]; then
		q bi -At -F'|' -P null=NULL -c "$binref" | sed "s/^/$name@binary|/" >>"$REF"
	fi
done <"$QUERIES"
mkdir -p "$WORK/psql"
q bi -c "\\copy (SELECT day, segment, nps, csat, ces FROM daily ORDER BY day, segment) TO '$WORK/psql/daily.copy' (FORMAT binary)" \
	-c "\\copy (SELECT plan, month, churn FROM monthly_churn ORDER BY plan, month) TO '$WORK/psql/monthly_churn.copy' (FORMAT binary)"
echo "$(grep -vc '@binary' "$REF") result rows"

oids=$(q bi -Atc "SELECT string_agg(oid::text, ',' ORDER BY oid) FROM pg_type
	WHERE typname IN ('nps_summary', 'csat_summary', 'ces_summary', 'churn_summary')")

# check_copy CLIENT: the client's binary COPY files equal psql's, and its
# copy:TABLE|rows out|rows in|equal rows lines say every row came back equal
check_copy() {
	local client=$1 table
	for table in daily monthly_churn; do
		cmp -s "$WORK/psql/$table.copy" "$WORK/$client/$table.copy" ||
			problem "$client: the binary COPY of $table differs from psql's"
		local line
		line=$(grep "^copy:$table|" "$WORK/$client.out" || true)
		IFS='|' read -r _ out in equal <<<"$line"
		if [ -z "$line" ] || [ "$out" -eq 0 ] || [ "$out" != "$in" ] || [ "$in" != "$equal" ]; then
			problem "$client: COPY $table out and in: '$line' (rows out, in, equal)"
		else
			echo "$client: COPY $table (FORMAT binary) out and in: $out rows, all equal"
		fi
	done
}

# run_client NAME [compare.py option] -- COMMAND...
run_client() {
	local client=$1 option=$2
	shift 3
	mkdir -p "$WORK/$client"
	local started=$SECONDS
	if ! "$@" >"$WORK/$client.log" 2>&1; then
		cat "$WORK/$client.log" >&2
		problem "$client failed"
		return
	fi
	# shellcheck disable=SC2086
	if ! result=$(python3 "$CLIENTS/compare.py" "$REF" "$WORK/$client.out" $option); then
		problem "$client differs from psql:
$result"
	else
		echo "$client: $result ($((SECONDS - started)) s)"
	fi
}

URL="jdbc:postgresql://127.0.0.1:$PORT/bi?user=postgres"
echo "== JDBC, text results"
run_client jdbc-text "" -- java -cp "$JAR:$WORK/classes" BiClient "$URL" text "$QUERIES" \
	"$WORK/jdbc-text.out" "$WORK/jdbc-text"
check_copy jdbc-text
echo "== JDBC, binary results"
run_client jdbc-binary --binary -- java -cp "$JAR:$WORK/classes" BiClient \
	"$URL&binaryTransfer=true&prepareThreshold=-1&binaryTransferEnable=$oids" binary "$QUERIES" \
	"$WORK/jdbc-binary.out"
# Debian's python3-psycopg2 is for Debian's python3, whatever python3 PATH finds first
echo "== psycopg2"
run_client psycopg2 "" -- /usr/bin/python3 "$CLIENTS/bi_client.py" "host=127.0.0.1 port=$PORT dbname=bi user=postgres" \
	"$QUERIES" "$WORK/psycopg2.out" "$WORK/psycopg2"
check_copy psycopg2

if [ "$failures" -ne 0 ]; then
	echo "== clients check: $failures failure(s) ($(elapsed)s)"
	exit 1
fi
echo "== clients check passed ($(elapsed)s)"
