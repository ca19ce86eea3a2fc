#!/usr/bin/env bash
# Sharded plain PostgreSQL with postgres_fdw: three throwaway clusters on
# loopback (two shards and a coordinator), customers and survey answers spread
# over the shards by hash of customer id, and on the coordinator a partitioned
# table over foreign tables with the server option extensions 'cx_metrics', so
# that the extension's aggregates are shippable.
#
# It shows, with EXPLAIN and with results compared exactly against one database
# holding all rows:
#   (a) a query grouped by the shard key runs entirely on the shards: one
#       Foreign Scan per shard with the aggregate in its Remote SQL;
#   (b) a report grouped by anything else reads only summaries from the shards
#       (foreign tables over per-shard views of nps_summary / churn_summary, or
#       per-shard aggregate subqueries) and rolls them up on the coordinator;
#   (c) for contrast, the same report straight over the partitioned table pulls
#       every raw row: postgres_fdw in PostgreSQL 15 pushes a whole aggregate
#       down, never a partial one (deparse.c ships only Aggrefs with
#       aggsplit = AGGSPLIT_SIMPLE).
# and prints the rows each case moves over the network.
#
# Expects the extension to be installed (test/run-tests.sh does that first).
# Runs as root (the clusters run as postgres) or as the clusters' owner.
# CX_SHARDING_RESPONSES and CX_SHARDING_CUSTOMERS change the data size.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

# shellcheck disable=SC2119
cx_ensure_packages

N_RESPONSES=${CX_SHARDING_RESPONSES:-200000}
N_CUSTOMERS=${CX_SHARDING_CUSTOMERS:-20000}

SHAREDIR=$(pg_config --sharedir)
for ext in cx_metrics postgres_fdw; do
	if [ ! -f "$SHAREDIR/extension/$ext.control" ]; then
		echo "extension $ext is not installed in $SHAREDIR (run make install first)" >&2
		exit 1
	fi
done


# ---------------------------------------------------------------------------
# Three clusters, each in its own directory under one work directory, each
# listening on 127.0.0.1 on a free port (and on a Unix socket in its own
# directory).  At exit all of them are stopped and everything is removed,
# whatever happens.
# ---------------------------------------------------------------------------
cx_work_dir cx_sharding
trap 'exit 130' INT
trap 'exit 143' TERM
NAMES=(shard1 shard2 coord)
declare -A PORT=()

# psql_on CLUSTER DATABASE [psql arguments...]
psql_on() {
	PGHOST=127.0.0.1 PGPORT="${PORT[$1]}" PGUSER=postgres q "$2" "${@:3}"
}

echo "== start three clusters on 127.0.0.1 (two shards, one coordinator)"
pids=()
for name in "${NAMES[@]}"; do
	cx_init_cluster "$WORK/$name" &
	pids+=($!)
done
for pid in "${pids[@]}"; do
	wait "$pid"
done
for name in "${NAMES[@]}"; do
	cx_start_tcp_cluster "$WORK/$name" synchronous_commit=off full_page_writes=off \
		timezone=UTC max_connections=40
	PORT[$name]=$CX_CLUSTER_PORT
	echo "$name: port ${PORT[$name]}"
done

# ---------------------------------------------------------------------------
# Schema.  On each shard: the tables and the per-shard summary views.  On the
# coordinator: database cx with the sharded tables, and database reference
# holding all rows in plain tables, to compare with.
# ---------------------------------------------------------------------------
TABLES_SQL="
CREATE TABLE customers (
    customer_id bigint NOT NULL,
    segment     text NOT NULL,
    plan        text NOT NULL,
    started     date NOT NULL,
    ended       date,
    mrr         double precision NOT NULL
) %s;
CREATE TABLE responses (
    response_id bigint NOT NULL,
    customer_id bigint NOT NULL,
    segment     text NOT NULL,          -- the customer's segment, copied
    answered_at timestamptz NOT NULL,
    score       smallint,               -- NPS 0..10, NULL when skipped
    weight      double precision NOT NULL,
    csat        smallint,               -- 1..5
    ces         smallint                -- 1..7
) %s;
"
# Each shard computes its summaries per month and segment; the coordinator
# reads these rows, never the answers.  (The month is taken in UTC: the
# clusters run with timezone UTC, and postgres_fdw sets its remote sessions
# to UTC anyway.)
SHARD_VIEWS_SQL="
CREATE VIEW nps_by_segment AS
SELECT date_trunc('month', answered_at)::date AS month, segment,
       count(*) AS responses,
       nps_summary(score) AS nps,
       nps_summary(score, weight) AS nps_weighted,
       csat_summary(csat) AS csat,
       ces_summary(ces) AS ces
FROM responses
GROUP BY 1, 2;

CREATE VIEW churn_by_segment AS
SELECT m.month::date AS month, c.segment,
       churn_summary(daterange(c.started, c.ended),
                     daterange(m.month::date, (m.month + interval '1 month')::date)) AS churn,
       churn_summary(daterange(c.started, c.ended),
                     daterange(m.month::date, (m.month + interval '1 month')::date), c.mrr) AS revenue_churn
FROM customers c
CROSS JOIN generate_series(timestamp '2025-01-01', timestamp '2025-12-01', interval '1 month') AS m(month)
GROUP BY 1, 2;
"

# Deterministic data: hashint8 of the row number stands in for a random
# generator, so every run (and both databases it is loaded into) gets the
# same rows.  Weights are multiples of 1/4 and revenues multiples of 1/2, so
# their sums are exact in any order and weighted summaries compare exactly.
DATA_SQL="
INSERT INTO customers
SELECT i,
       (ARRAY['enterprise', 'mid-market', 'smb', 'consumer'])[1 + (hashint8(i) & 2147483647) % 4],
       (ARRAY['basic', 'pro', 'business'])[1 + (hashint8(i + 100000000) & 2147483647) % 3],
       s.started,
       CASE WHEN (hashint8(i + 300000000) & 2147483647) % 5 < 2
            THEN s.started + 20 + ((hashint8(i + 400000000) & 2147483647) % 600)::int END,
       (10 + (hashint8(i + 500000000) & 2147483647) % 490) * 0.5
FROM generate_series(1, $N_CUSTOMERS) AS i,
     LATERAL (SELECT date '2023-06-01' + ((hashint8(i + 200000000) & 2147483647) % 900)::int AS started) s;

INSERT INTO responses
SELECT i, r.customer_id,
       (ARRAY['enterprise', 'mid-market', 'smb', 'consumer'])[1 + (hashint8(r.customer_id) & 2147483647) % 4],
       timestamptz '2025-01-01 00:00:00+00'
           + ((hashint8(i + 700000000) & 2147483647) % 525600) * interval '1 minute',
       CASE WHEN (hashint8(i + 800000000) & 2147483647) % 40 = 0 THEN NULL
            ELSE least((hashint8(i + 900000000) & 2147483647) % 13, 10) END,
       (1 + (hashint8(i + 1000000000) & 2147483647) % 8) * 0.25,
       1 + (hashint8(i + 1100000000) & 2147483647) % 5,
       1 + (hashint8(i + 1200000000) & 2147483647) % 7
FROM generate_series(1, $N_RESPONSES) AS i,
     LATERAL (SELECT 1 + (hashint8(i + 600000000) & 2147483647) % $N_CUSTOMERS AS customer_id) r;
"

echo "== create the extension and the tables on every node"
for name in shard1 shard2; do
	psql_on "$name" postgres -c "CREATE DATABASE cx"
	# shellcheck disable=SC2059
	psql_on "$name" cx <<-SQL
		CREATE EXTENSION cx_metrics;
		$(printf "$TABLES_SQL" "" "")
		ALTER TABLE customers ADD PRIMARY KEY (customer_id);
		ALTER TABLE responses ADD PRIMARY KEY (response_id);
		$SHARD_VIEWS_SQL
	SQL
done

psql_on coord postgres -c "CREATE DATABASE reference" -c "CREATE DATABASE cx"
# shellcheck disable=SC2059
psql_on coord reference <<-SQL
	CREATE EXTENSION cx_metrics;
	$(printf "$TABLES_SQL" "" "")
	ALTER TABLE customers ADD PRIMARY KEY (customer_id);
	ALTER TABLE responses ADD PRIMARY KEY (response_id);
SQL

# The coordinator: the extension (its functions must exist locally too, the
# planner resolves them here), postgres_fdw, one server per shard naming
# cx_metrics in "extensions" so that its functions, operators and aggregates
# count as shippable, and hash-partitioned tables whose partitions are the
# shards' tables.
# shellcheck disable=SC2059
psql_on coord cx <<-SQL
	CREATE EXTENSION cx_metrics;
	CREATE EXTENSION postgres_fdw;

	CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	    OPTIONS (host '127.0.0.1', port '${PORT[shard1]}', dbname 'cx',
	             extensions 'cx_metrics', use_remote_estimate 'true',
	             fetch_size '10000', batch_size '1000');
	CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	    OPTIONS (host '127.0.0.1', port '${PORT[shard2]}', dbname 'cx',
	             extensions 'cx_metrics', use_remote_estimate 'true',
	             fetch_size '10000', batch_size '1000');
	CREATE USER MAPPING FOR postgres SERVER shard1 OPTIONS (user 'postgres');
	CREATE USER MAPPING FOR postgres SERVER shard2 OPTIONS (user 'postgres');

	$(printf "$TABLES_SQL" "PARTITION BY HASH (customer_id)" "PARTITION BY HASH (customer_id)")
	CREATE FOREIGN TABLE customers_s1 PARTITION OF customers
	    FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (table_name 'customers');
	CREATE FOREIGN TABLE customers_s2 PARTITION OF customers
	    FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (table_name 'customers');
	CREATE FOREIGN TABLE responses_s1 PARTITION OF responses
	    FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (table_name 'responses');
	CREATE FOREIGN TABLE responses_s2 PARTITION OF responses
	    FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (table_name 'responses');

	-- The shards' summary views, and their union.
	CREATE FOREIGN TABLE nps_by_segment_s1 (
	    month date, segment text, responses bigint,
	    nps nps_summary, nps_weighted nps_summary, csat csat_summary, ces ces_summary)
	    SERVER shard1 OPTIONS (table_name 'nps_by_segment');
	CREATE FOREIGN TABLE nps_by_segment_s2 (
	    month date, segment text, responses bigint,
	    nps nps_summary, nps_weighted nps_summary, csat csat_summary, ces ces_summary)
	    SERVER shard2 OPTIONS (table_name 'nps_by_segment');
	CREATE VIEW nps_by_segment AS
	    SELECT * FROM nps_by_segment_s1 UNION ALL SELECT * FROM nps_by_segment_s2;
	CREATE FOREIGN TABLE churn_by_segment_s1 (
	    month date, segment text, churn churn_summary, revenue_churn churn_summary)
	    SERVER shard1 OPTIONS (table_name 'churn_by_segment');
	CREATE FOREIGN TABLE churn_by_segment_s2 (
	    month date, segment text, churn churn_summary, revenue_churn churn_summary)
	    SERVER shard2 OPTIONS (table_name 'churn_by_segment');
	CREATE VIEW churn_by_segment AS
	    SELECT * FROM churn_by_segment_s1 UNION ALL SELECT * FROM churn_by_segment_s2;

	-- Partitionwise aggregation (and join) let the planner aggregate (and
	-- join) per partition, hence per shard.
	ALTER DATABASE cx SET enable_partitionwise_aggregate = on;
	ALTER DATABASE cx SET enable_partitionwise_join = on;

	-- The rows that crossed the network: the actual rows of the plan's
	-- Foreign Scan nodes.
	CREATE FUNCTION rows_moved(query text, OUT foreign_scans int, OUT rows_moved bigint)
	LANGUAGE plpgsql AS \$\$
	DECLARE
	    plan json;
	BEGIN
	    EXECUTE 'EXPLAIN (ANALYZE, VERBOSE, TIMING OFF, FORMAT JSON) ' || query INTO plan;
	    SELECT count(*), coalesce(round(sum((n->>'Actual Rows')::numeric * (n->>'Actual Loops')::numeric))::bigint, 0)
	    INTO foreign_scans, rows_moved
	    FROM jsonb_path_query(plan::jsonb, 'strict \$.**?(@."Node Type" == "Foreign Scan")') AS n;
	END \$\$;
SQL

echo "== load $N_CUSTOMERS customers and $N_RESPONSES responses"
# Through the coordinator: rows are routed to the shard that the hash of
# customer_id picks (postgres_fdw inserts them in batches of batch_size).
psql_on coord cx -c "$DATA_SQL"
psql_on coord reference -c "$DATA_SQL"
for name in shard1 shard2; do
	psql_on "$name" cx -c "VACUUM ANALYZE"
done
psql_on coord reference -c "VACUUM ANALYZE"
psql_on coord cx -c "ANALYZE customers" -c "ANALYZE responses"

shard_counts=$(for name in shard1 shard2; do
	psql_on "$name" cx -At -c "SELECT '$name: ' || (SELECT count(*) FROM customers) || ' customers, '
	                                  || (SELECT count(*) FROM responses) || ' responses'"
done)
echo "$shard_counts"

# The shards together hold exactly the reference rows.
fingerprint_sql="
SELECT (SELECT count(*) || ' ' || md5(string_agg(c::text, ',' ORDER BY customer_id)) FROM customers c),
       (SELECT count(*) || ' ' || md5(string_agg(r::text, ',' ORDER BY response_id)) FROM responses r)"
sharded_fp=$(psql_on coord cx -At -c "$fingerprint_sql")
reference_fp=$(psql_on coord reference -At -c "$fingerprint_sql")
if [ "$sharded_fp" != "$reference_fp" ]; then
	echo "FAIL: the shards do not hold the reference rows" >&2
	echo "  sharded:   $sharded_fp" >&2
	echo "  reference: $reference_fp" >&2
	exit 1
fi
echo "shards hold exactly the reference rows: $sharded_fp"

# ---------------------------------------------------------------------------
# The checks.
# ---------------------------------------------------------------------------
# A failure is reported (problem) and counted; the verdict comes at the end.
CX_FAILED="FAIL:"
REPORT="$WORK/report"
: >"$REPORT"

# show_plan LABEL QUERY: EXPLAIN (ANALYZE, VERBOSE) on the coordinator, without
# the Output lines; the plan text goes to $WORK/plan for the checks.
show_plan() {
	psql_on coord cx -At -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF, BUFFERS OFF) $2" >"$WORK/plan"
	echo "-- $1"
	grep -v '^ *Output: ' "$WORK/plan" | sed 's/^/   /'
}

# compare LABEL SHARDED_QUERY REFERENCE_QUERY: the same rows, exactly.
compare() {
	local label=$1
	psql_on coord cx -At -F '|' -c "$2" >"$WORK/sharded.out"
	psql_on coord reference -At -F '|' -c "$3" >"$WORK/reference.out"
	local n
	n=$(wc -l <"$WORK/reference.out")
	if [ "$n" -eq 0 ]; then
		problem "$label: the reference query returned no rows"
	elif cmp -s "$WORK/sharded.out" "$WORK/reference.out"; then
		echo "   result equals the single-server result ($n rows)"
	else
		problem "$label: the sharded result differs from the single-server result"
		diff "$WORK/reference.out" "$WORK/sharded.out" | head -20 >&2 || true
	fi
}

# moved LABEL QUERY RAW_ROWS: count the rows the Foreign Scans returned.
moved() {
	local scans rows
	IFS='|' read -r scans rows < <(psql_on coord cx -At -F '|' -c "SELECT * FROM rows_moved(\$q\$$2\$q\$)") || true
	if [ -z "${rows:-}" ]; then
		problem "$1: could not count the rows moved"
		scans=0 rows=0
	fi
	printf '   rows moved: %s (over %s Foreign Scans) for %s raw rows\n' "$rows" "$scans" "$3"
	printf '%-62s %8s %12s\n' "$1" "$rows" "$3" >>"$REPORT"
	MOVED=$rows
}

# Plan shape checks on $WORK/plan.
local_aggregate_nodes() {
	grep -E -c '^ *(-> +)?(Partial |Finalize )?(Hash|Group|Mixed)?Aggregate( |$)' "$WORK/plan" || true
}
expect_full_pushdown() {
	local scans pushed
	scans=$(grep -c 'Foreign Scan' "$WORK/plan" || true)
	pushed=$(grep -c 'Relations: Aggregate on' "$WORK/plan" || true)
	if [ "$scans" -lt 2 ] || [ "$pushed" -ne "$scans" ]; then
		problem "$1: expected every Foreign Scan to be an aggregate pushed to its shard ($pushed of $scans)"
	fi
	if [ "$(grep 'Remote SQL:' "$WORK/plan" | grep -c 'GROUP BY')" -ne "$scans" ]; then
		problem "$1: expected GROUP BY in every Remote SQL"
	fi
	if [ "$(local_aggregate_nodes)" -ne 0 ]; then
		problem "$1: expected no aggregation on the coordinator"
	fi
}
expect_summaries_only() {
	if grep 'Remote SQL:' "$WORK/plan" | grep -v "$2" | grep -q .; then
		problem "$1: a Remote SQL reads something else than $2"
	fi
	if [ "$(local_aggregate_nodes)" -eq 0 ]; then
		problem "$1: expected the roll-up on the coordinator"
	fi
}

RAW_RESPONSES=$N_RESPONSES

echo
echo "== (a) grouped by the shard key: the whole aggregate runs on the shards"

q="SELECT customer_id, count(*) AS answers, nps_agg(score) AS nps,
       nps_summary(score, weight)::text AS nps_weighted, csat_agg(csat) AS csat,
       ces_summary(ces)::text AS ces
FROM responses GROUP BY customer_id ORDER BY customer_id"
show_plan "NPS, CSAT and CES per customer" "$q"
expect_full_pushdown "(a) per customer"
compare "(a) per customer" "$q" "$q"
moved "(a) NPS/CSAT/CES per customer" "$q" "$RAW_RESPONSES"
customers_answering=$(psql_on coord reference -At -c "SELECT count(DISTINCT customer_id) FROM responses")
[ "$MOVED" -eq "$customers_answering" ] ||
	problem "(a) per customer: moved $MOVED rows, expected one per customer ($customers_answering)"

q="SELECT c.customer_id, c.plan, count(*) AS answers, nps_agg(r.score) AS nps,
       nps_summary(r.score)::text AS summary
FROM customers c JOIN responses r USING (customer_id)
GROUP BY c.customer_id, c.plan ORDER BY c.customer_id"
show_plan "NPS per customer and plan, customers joined to responses on the shard key" "$q"
expect_full_pushdown "(a) join per customer"
compare "(a) join per customer" "$q" "$q"
moved "(a) NPS per customer, join on the shard key" "$q" "$((RAW_RESPONSES + N_CUSTOMERS))"
[ "$MOVED" -eq "$customers_answering" ] ||
	problem "(a) join per customer: moved $MOVED rows, expected one per customer ($customers_answering)"

echo
echo "== (b) grouped by segment or month: summaries from each shard, rolled up on the coordinator"

q="SELECT segment, sum(responses) AS answers, nps_agg(nps) AS nps,
       nps(nps_summary(nps_weighted)) AS nps_weighted,
       ci_lower(nps_summary(nps)) AS nps_low, ci_upper(nps_summary(nps)) AS nps_high,
       csat_agg(csat) AS csat, ces_agg(ces) AS ces,
       nps_summary(nps)::text, nps_summary(nps_weighted)::text,
       csat_summary(csat)::text, ces_summary(ces)::text
FROM nps_by_segment GROUP BY segment ORDER BY segment"
show_plan "segment report from the shards' nps_by_segment views" "$q"
expect_summaries_only "(b) segment report" "FROM public.nps_by_segment"
compare "(b) segment report" "$q" \
	"SELECT segment, count(*), nps_agg(score), nps_agg(score, weight),
	        ci_lower(nps_summary(score)), ci_upper(nps_summary(score)),
	        csat_agg(csat), ces_agg(ces),
	        nps_summary(score)::text, nps_summary(score, weight)::text,
	        csat_summary(csat)::text, ces_summary(ces)::text
	 FROM responses GROUP BY segment ORDER BY segment"
moved "(b) NPS/CSAT/CES by segment, from summary views" "$q" "$RAW_RESPONSES"
view_rows=$(psql_on coord cx -At -c "SELECT count(*) FROM nps_by_segment")
[ "$MOVED" -eq "$view_rows" ] ||
	problem "(b) segment report: moved $MOVED rows, expected the $view_rows summary rows"

NPS_MONTH_SEGMENT="SELECT month, segment, sum(responses), nps_summary(nps)::text, nps_summary(nps_weighted)::text,
       csat_summary(csat)::text, ces_summary(ces)::text
FROM %s GROUP BY month, segment ORDER BY month, segment"
REF_NPS_MONTH_SEGMENT="SELECT date_trunc('month', answered_at)::date, segment, count(*),
       nps_summary(score)::text, nps_summary(score, weight)::text,
       csat_summary(csat)::text, ces_summary(ces)::text
FROM responses GROUP BY 1, 2 ORDER BY 1, 2"
echo "-- monthly summaries per segment (the shards' view rows, combined)"
# shellcheck disable=SC2059
compare "(b) month x segment summaries" "$(printf "$NPS_MONTH_SEGMENT" nps_by_segment)" "$REF_NPS_MONTH_SEGMENT"

q="SELECT sum(responses), nps_agg(nps), nps_summary(nps)::text, nps_summary(nps_weighted)::text,
       csat_summary(csat)::text, ces_summary(ces)::text
FROM nps_by_segment"
echo "-- company-wide totals"
compare "(b) company-wide totals" "$q" \
	"SELECT count(*), nps_agg(score), nps_summary(score)::text, nps_summary(score, weight)::text,
	        csat_summary(csat)::text, ces_summary(ces)::text
	 FROM responses"

q="SELECT month, churn_rate(churn) AS churn, churn_rate(revenue_churn) AS revenue_churn,
       ci_lower(churn_summary(churn)) AS low, ci_upper(churn_summary(churn)) AS high,
       churn_summary(churn)::text, churn_summary(revenue_churn)::text
FROM churn_by_segment GROUP BY month ORDER BY month"
show_plan "monthly churn, company-wide, from the shards' churn_by_segment views" "$q"
expect_summaries_only "(b) monthly churn" "FROM public.churn_by_segment"
CHURN_PERIOD="daterange(m.month::date, (m.month + interval '1 month')::date)"
compare "(b) monthly churn" "$q" \
	"SELECT m.month::date, churn_rate(daterange(started, ended), $CHURN_PERIOD),
	        churn_rate(daterange(started, ended), $CHURN_PERIOD, mrr),
	        ci_lower(churn_summary(daterange(started, ended), $CHURN_PERIOD)),
	        ci_upper(churn_summary(daterange(started, ended), $CHURN_PERIOD)),
	        churn_summary(daterange(started, ended), $CHURN_PERIOD)::text,
	        churn_summary(daterange(started, ended), $CHURN_PERIOD, mrr)::text
	 FROM customers
	 CROSS JOIN generate_series(timestamp '2025-01-01', timestamp '2025-12-01', interval '1 month') AS m(month)
	 GROUP BY 1 ORDER BY 1"
moved "(b) monthly churn, from summary views" "$q" "$N_CUSTOMERS"
view_rows=$(psql_on coord cx -At -c "SELECT count(*) FROM churn_by_segment")
[ "$MOVED" -eq "$view_rows" ] ||
	problem "(b) monthly churn: moved $MOVED rows, expected the $view_rows summary rows"

CHURN_MONTH_SEGMENT="SELECT month, segment, churn_rate(churn), churn_summary(churn)::text,
       churn_summary(revenue_churn)::text
FROM %s GROUP BY month, segment ORDER BY month, segment"
REF_CHURN_MONTH_SEGMENT="SELECT m.month::date, segment, churn_rate(daterange(started, ended), $CHURN_PERIOD),
       churn_summary(daterange(started, ended), $CHURN_PERIOD)::text,
       churn_summary(daterange(started, ended), $CHURN_PERIOD, mrr)::text
FROM customers
CROSS JOIN generate_series(timestamp '2025-01-01', timestamp '2025-12-01', interval '1 month') AS m(month)
GROUP BY 1, 2 ORDER BY 1, 2"
echo "-- monthly churn per segment"
# shellcheck disable=SC2059
compare "(b) churn month x segment" "$(printf "$CHURN_MONTH_SEGMENT" churn_by_segment)" "$REF_CHURN_MONTH_SEGMENT"

# postgres_fdw moves the summaries in their text form.  Ship the same rows
# in binary form too, COPY (FORMAT binary) from each shard into plain tables
# on the coordinator (as a periodic summary export would), which goes
# through the types' send and receive functions.
echo "-- the shards' summary rows shipped with COPY (FORMAT binary) instead"
psql_on coord cx -c "CREATE TABLE shipped_nps (LIKE nps_by_segment_s1)" \
	-c "CREATE TABLE shipped_churn (LIKE churn_by_segment_s1)"
for name in shard1 shard2; do
	psql_on "$name" cx -c "COPY (SELECT * FROM nps_by_segment) TO STDOUT (FORMAT binary)" |
		psql_on coord cx -c "COPY shipped_nps FROM STDIN (FORMAT binary)"
	psql_on "$name" cx -c "COPY (SELECT * FROM churn_by_segment) TO STDOUT (FORMAT binary)" |
		psql_on coord cx -c "COPY shipped_churn FROM STDIN (FORMAT binary)"
done
# shellcheck disable=SC2059
compare "(b) binary-shipped NPS summaries" "$(printf "$NPS_MONTH_SEGMENT" shipped_nps)" "$REF_NPS_MONTH_SEGMENT"
# shellcheck disable=SC2059
compare "(b) binary-shipped churn summaries" "$(printf "$CHURN_MONTH_SEGMENT" shipped_churn)" "$REF_CHURN_MONTH_SEGMENT"

# Without views: aggregate each shard's foreign table on its own (a single
# foreign table, so postgres_fdw ships the whole aggregate) and roll up.
q="SELECT segment, nps_agg(s) AS nps, nps_summary(s)::text
FROM (SELECT segment, nps_summary(score) AS s FROM responses_s1 GROUP BY segment
      UNION ALL
      SELECT segment, nps_summary(score) AS s FROM responses_s2 GROUP BY segment) per_shard
GROUP BY segment ORDER BY segment"
show_plan "segment report without views: one aggregate per shard's foreign table, rolled up" "$q"
expect_summaries_only "(b) per-shard subqueries" "GROUP BY"
if [ "$(grep -c 'Relations: Aggregate on' "$WORK/plan" || true)" -ne 2 ]; then
	problem "(b) per-shard subqueries: expected both shard aggregates pushed down"
fi
compare "(b) per-shard subqueries" "$q" \
	"SELECT segment, nps_agg(score), nps_summary(score)::text FROM responses GROUP BY segment ORDER BY segment"
moved "(b) NPS by segment, per-shard aggregate subqueries" "$q" "$RAW_RESPONSES"

echo
echo "== (c) for contrast: the segment report straight over the partitioned table"
q="SELECT segment, nps_agg(score) AS nps, nps_summary(score)::text
FROM responses GROUP BY segment ORDER BY segment"
show_plan "segment report over the raw rows" "$q"
compare "(c) raw segment report" "$q" "$q"
moved "(c) NPS by segment over the partitioned raw table" "$q" "$RAW_RESPONSES"
if grep -q 'Relations: Aggregate on' "$WORK/plan"; then
	echo "   postgres_fdw pushed a partial aggregate down to the shards"
else
	echo "   postgres_fdw $(psql_on coord cx -At -c 'SHOW server_version' | cut -d' ' -f1) pushes no partial aggregate: every raw row is fetched and the coordinator aggregates"
fi

echo
echo "== rows moved from the shards to the coordinator"
printf '%-62s %8s %12s\n' "query" "moved" "raw rows"
cat "$REPORT"

if [ "$failures" -ne 0 ]; then
	echo "== sharding check: $failures failure(s) ($(elapsed)s)"
	exit 1
fi
echo "== sharding check passed ($(elapsed)s)"
