#!/usr/bin/env bash
# The demo (demo/run.sh) at a small size, on a throwaway cluster of its own
# set up as the demo's (pg_cron loaded), then checks by SQL that each signal
# planted in the generated data is found:
#   - the falling segment: mid-market's 95 % interval since 2026-01-01 lies
#     wholly below its NPS before;
#   - the better channel: chat's CSAT is higher than the other channels'
#     together, p < 0.01, and the highest of all channels;
#   - the price change: the growth plan's churn over the 6 months from
#     2025-07-01 is higher than over the 6 months before, the two 95 %
#     intervals apart;
#   - detractors (last answer in 2025) churn more than promoters over the
#     first half of 2026, p < 0.01;
#   - the price change in lifetimes: the growth plan's cohorts that signed
#     up from 2025-07-01 on (to 2026-06-30) keep fewer customers after 6
#     months than those of the 12 months before, log-rank p < 0.001; and
#     the control: the same test on the starter and on the scale plan
#     (no change) is not significant, p >= 0.05;
# and that the demo's own summary (demo/findings.sql, which picks the
# segment and the plan that changed most, the channel furthest above the
# rest and the plan whose later cohorts differ most) names them.
# Also: the stored monthly churn (one churn_timeline per plan and segment)
# equals churn_summary month by month, the rolled-up report equals the raw
# one, the incremental table equals the refreshed view, the pg_cron jobs
# exist and both charts are PNGs.
#
# Run by test/run-tests.sh after the extension is installed.
#   CX_DEMO_CHECK_RESPONSES  survey answers to generate (default 150000)
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

RESPONSES=${CX_DEMO_CHECK_RESPONSES:-150000}
DB=cx_demo_check
cx_work_dir cx_demo_check

cx_ensure_packages postgresql-$CX_PG_MAJOR-cron gnuplot-nox
cx_start_cluster shared_preload_libraries=pg_cron cron.database_name=postgres \
	cron.use_background_workers=on max_worker_processes=16 jit=off

start=$(date +%s)
if ! CX_DEMO_USE_SERVER=1 CX_DEMO_RESPONSES="$RESPONSES" CX_DEMO_OUT="$WORK/out" CX_DEMO_DB="$DB" \
	demo/run.sh >"$WORK/demo.log" 2>&1; then
	cat "$WORK/demo.log"
	echo "FAILED: the demo did not run to the end"
	exit 1
fi
echo "demo ran at $RESPONSES answers in $(($(date +%s) - start)) s"

passed=0
failed=0
# check WHAT SQL [DATABASE]: SQL returns one row, its first column true or
# false and the rest what to show.
check() {
	local row
	row=$(q "${3:-$DB}" -At -F ' ' -c "$2") ||
		{ echo "FAILED: $1 (query error)"; failed=$((failed + 1)); return; }
	if [ "${row%% *}" = t ]; then
		echo "ok: $1 (${row#* })"
		passed=$((passed + 1))
	else
		echo "FAILED: $1 ($row)"
		failed=$((failed + 1))
	fi
}
# check_log WHAT PATTERN: the demo's output has a line matching PATTERN.
check_log() {
	if grep -Eq "$2" "$WORK/demo.log"; then
		echo "ok: $1"
		passed=$((passed + 1))
	else
		echo "FAILED: $1 (no line matching '$2' in the demo's output)"
		failed=$((failed + 1))
	fi
}

check "mid-market NPS since 2026-01-01: its 95 % interval excludes its earlier NPS" "
	SELECT ci_upper(after) < nps(before),
	       format('before %s, after %s [%s, %s]', round(nps(before)::numeric, 1),
	              round(nps(after)::numeric, 1), round(ci_lower(after)::numeric, 1),
	              round(ci_upper(after)::numeric, 1))
	FROM (SELECT nps_summary(score) FILTER (WHERE answered_at < '2026-01-01') AS before,
	             nps_summary(score) FILTER (WHERE answered_at >= '2026-01-01') AS after
	      FROM responses WHERE segment = 'mid-market') AS s"

check "chat CSAT higher than the rest, p < 0.01" "
	SELECT csat(chat) > csat(rest) AND p_value(chat, rest) < 0.01,
	       format('chat %s, rest %s, p = %s', round(csat(chat)::numeric, 1),
	              round(csat(rest)::numeric, 1), p_value(chat, rest))
	FROM (SELECT csat_summary(score) FILTER (WHERE channel = 'chat') AS chat,
	             csat_summary(score) FILTER (WHERE channel <> 'chat') AS rest
	      FROM csat_responses) AS s"

check "chat has the highest CSAT of all channels" "
	SELECT (array_agg(channel ORDER BY csat DESC))[1] = 'chat',
	       string_agg(format('%s %s', channel, round(csat::numeric, 1)), ' > ' ORDER BY csat DESC)
	FROM (SELECT channel, csat_agg(score) AS csat FROM csat_responses GROUP BY channel) AS s"

check "growth plan churn after 2025-07-01 higher, 95 % intervals apart" "
	SELECT ci_lower(after) > ci_upper(before),
	       format('before %s [%s, %s], after %s [%s, %s]',
	              round(churn(before)::numeric, 1), round(ci_lower(before)::numeric, 1),
	              round(ci_upper(before)::numeric, 1), round(churn(after)::numeric, 1),
	              round(ci_lower(after)::numeric, 1), round(ci_upper(after)::numeric, 1))
	FROM (SELECT churn_summary(daterange(started, ended), daterange('2025-01-01', '2025-07-01')) AS before,
	             churn_summary(daterange(started, ended), daterange('2025-07-01', '2026-01-01')) AS after
	      FROM customers WHERE plan = 'growth') AS s"

check "detractors churn more than promoters, p < 0.01" "
	WITH latest AS (
	    SELECT DISTINCT ON (customer_id) customer_id, score
	    FROM responses
	    WHERE score IS NOT NULL AND answered_at >= '2025-01-01' AND answered_at < '2026-01-01'
	    ORDER BY customer_id, answered_at DESC
	), c AS (
	    SELECT churn_summary(daterange(started, ended), daterange('2026-01-01', '2026-07-01'))
	               FILTER (WHERE nps_category(l.score) = 'detractor') AS det,
	           churn_summary(daterange(started, ended), daterange('2026-01-01', '2026-07-01'))
	               FILTER (WHERE nps_category(l.score) = 'promoter') AS pro
	    FROM latest l JOIN customers ON id = l.customer_id
	)
	SELECT churn(det) > churn(pro) AND p_value(det, pro) < 0.01,
	       format('detractors %s of %s, promoters %s of %s, p = %s',
	              round(churn(det)::numeric, 1), customers_at_start(det),
	              round(churn(pro)::numeric, 1), customers_at_start(pro), p_value(det, pro))
	FROM c"

# The growth plan's cohorts before and after the price change, and the same
# test on plans whose price did not change.
lifetimes_test() {
	echo "
	SELECT $2,
	       format('%s customers before, %s after; after 6 months %s %% before, %s %% after; p = %s',
	              customers_at_risk(before, 0), customers_at_risk(after, 0),
	              round(retention(before, 6)::numeric, 1), round(retention(after, 6)::numeric, 1),
	              p_value(before, after))
	FROM (SELECT retention_summary(daterange(started, ended), '1 month', DATE '2026-07-01')
	                 FILTER (WHERE started < '2025-07-01') AS before,
	             retention_summary(daterange(started, ended), '1 month', DATE '2026-07-01')
	                 FILTER (WHERE started >= '2025-07-01') AS after
	      FROM customers
	      WHERE plan = '$1' AND started >= '2024-07-01' AND started < '2026-07-01') AS s"
}
check "growth cohorts from 2025-07-01 on retain fewer than those before, log-rank p < 0.001" \
	"$(lifetimes_test growth 'retention(after, 6) < retention(before, 6) AND p_value(before, after) < 0.001')"
check "control: starter cohorts before and after 2025-07-01 do not differ, log-rank p >= 0.05" \
	"$(lifetimes_test starter 'p_value(before, after) >= 0.05')"
check "control: scale cohorts before and after 2025-07-01 do not differ, log-rank p >= 0.05" \
	"$(lifetimes_test scale 'p_value(before, after) >= 0.05')"

check "the stored monthly churn (churn_timeline) equals churn_summary month by month" "
	SELECT count(*) > 0 AND count(*) FILTER (WHERE m.s::text IS DISTINCT FROM d.s::text
	                                         OR m.revenue::text IS DISTINCT FROM d.revenue::text) = 0,
	       format('%s rows, %s differ', count(*),
	              count(*) FILTER (WHERE m.s::text IS DISTINCT FROM d.s::text
	                               OR m.revenue::text IS DISTINCT FROM d.revenue::text))
	FROM monthly_churn m
	FULL JOIN (SELECT lower(p.period) AS month, c.plan, c.segment,
	                  churn_summary(daterange(c.started, c.ended), p.period) AS s,
	                  churn_summary(daterange(c.started, c.ended), p.period, c.mrr) AS revenue
	           FROM customers c,
	                (SELECT DISTINCT daterange(month, (month + interval '1 month')::date) AS period
	                 FROM monthly_churn) AS p
	           GROUP BY 1, 2, 3) AS d USING (month, plan, segment)"

check "pg_cron has the nightly refresh and the upkeep job" "
	SELECT count(*) = 2, string_agg(format('%s \"%s\" %s', jobname, schedule, command), ', ' ORDER BY jobid)
	FROM cron.job WHERE database = '$DB'" postgres

check_log "the demo's summary: mid-market NPS fell" '^NPS: +mid-market fell from'
check_log "the demo's summary: chat is the best CSAT channel" '^CSAT: +chat is the best channel'
check_log "the demo's summary: growth plan churn rose" '^Churn: +growth plan churn over 6 months rose'
check_log "the demo's summary: detractors churn more" \
	'^Churn/NPS: detractors churned .*: (1\.[1-9]|[2-9]\.[0-9]|[1-9][0-9]+\.[0-9]) times as often \((p < 0\.0001|p = 0\.00[0-9]+)\)$'
check_log "the demo's summary: growth cohorts after the price change churn faster, p < 0.001, other plans p >= 0.05" \
	'^Lifetimes: growth cohorts from 2025-07-01 on churn faster: [0-9.]+ % still customers after 6 months against [0-9.]+ % for the 12 months of cohorts before \(log-rank p = [0-9.]+e-(0[4-9]|[1-9][0-9]+)\); other plans: scale p = (0\.(0[5-9]|[1-9])[0-9]*|1\.000), starter p = (0\.(0[5-9]|[1-9])[0-9]*|1\.000)$'
check_log "the rolled-up monthly report equals the raw one" 'both give the same numbers for every month'
check_log "the incremental table equals the refreshed view" 'nps_daily_live equals the refreshed daily_nps'

for chart in cx_demo.png cx_retention.png; do
	if [ -f "$WORK/out/$chart" ] &&
		[ "$(head -c 8 "$WORK/out/$chart" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
		[ "$(stat -c %s "$WORK/out/$chart")" -gt 10000 ]; then
		echo "ok: the chart $chart is a PNG ($(stat -c %s "$WORK/out/$chart") bytes)"
		passed=$((passed + 1))
	else
		echo "FAILED: no PNG chart at $WORK/out/$chart"
		failed=$((failed + 1))
	fi
done

echo "demo check: $passed of $((passed + failed)) checks passed"
if [ "$failed" -gt 0 ]; then
	echo "the demo's output:"
	cat "$WORK/demo.log"
	exit 1
fi
