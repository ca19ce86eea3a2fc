-- churn_timeline: the churn summaries of consecutive periods in one pass.
-- Every period that unnest gives is text-equal to churn_summary(active,
-- period [, revenue]) over the same rows, for the three range types, with
-- and without revenue; calendar steps; roll-ups and +; I/O; bad input.
\pset null '-'

-- By hand: five customers, quarterly periods of 2025 (span of 4 steps).
--   1 [2024-06-01, )            at risk in every quarter, never lost
--   2 [2024-06-01, 2025-05-10)  at risk Q1 and Q2 (contains Apr 1), lost in Q2
--   3 [2025-02-01, 2025-08-01)  new in Q1; at risk Q2, Q3 (Jul 1); lost in Q3
--   4 [2025-04-01, 2025-07-01)  at risk in Q2 (contains Apr 1), and
--                               upper = Jul 1 is not contained: lost in Q2
--   5 empty                     counted nowhere; 6 NULL: skipped
CREATE TABLE tl_hand (id int, active daterange, mrr float8);
INSERT INTO tl_hand VALUES (1, '[2024-06-01,)', 10), (2, '[2024-06-01,2025-05-10)', 20),
	(3, '[2025-02-01,2025-08-01)', 30), (4, '[2025-04-01,2025-07-01)', 40),
	(5, 'empty', 50), (6, NULL, 60);
-- at start: Q1 1,2 = 2; Q2 1,2,3,4 = 4; Q3 1,3 = 2; Q4 1 = 1
-- lost:     Q1 0;       Q2 2,4 = 2;     Q3 3 = 1;   Q4 0
-- new:      Q1 3 = 1;   Q2 0 (4 starts at Apr 1, at risk there); Q3 0; Q4 0
SELECT churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '3 months') FROM tl_hand;
SELECT period, churn(summary), customers_at_start(summary), customers_lost(summary), customers_new(summary),
	   summary::text = (SELECT churn_summary(active, period)::text FROM tl_hand) AS equals_churn_summary
FROM unnest((SELECT churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '3 months') FROM tl_hand))
	 AS u(period daterange, summary churn_summary);
-- revenue: Q2 at start 10 + 20 + 30 + 40 = 100, lost 20 + 40 = 60
SELECT period, churn(summary) AS revenue_churn,
	   summary::text = (SELECT churn_summary(active, period, mrr)::text FROM tl_hand) AS equals_churn_summary
FROM unnest((SELECT churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '3 months', mrr) FROM tl_hand))
	 AS u(period daterange, summary churn_summary);
-- the revenue form keeps the lost customers' squared revenue per period
-- (Q2: 20^2 + 40^2 = 2000), which the summaries' statistics need
SELECT churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '3 months', mrr) FROM tl_hand;

-- Generated customers: 20,000, signed up over 2023-2025, 60% gone after 1
-- to 700 days; bounds of every inclusivity, a few starting exactly on a
-- period's start or ending on one, some unbounded below, some empty.
SET max_parallel_workers_per_gather = 0;
CREATE TABLE tl_cust AS
SELECT id, s, e, rev,
	   CASE WHEN id % 53 = 0 THEN NULL
			WHEN id % 71 = 0 THEN 'empty'::daterange
			WHEN id % 89 = 0 THEN daterange(NULL, e)
			ELSE daterange(s, e, (ARRAY['[)', '[]', '(]', '()'])[1 + id % 4]) END AS active,
	   CASE WHEN id % 53 = 0 THEN NULL
			WHEN id % 89 = 0 THEN tstzrange(NULL, e::timestamp AT TIME ZONE 'UTC')
			ELSE tstzrange((s::timestamp + make_interval(hours => (id % 5) * 7)) AT TIME ZONE 'UTC',
						   (e::timestamp + make_interval(hours => 28 + (id % 3) * 5)) AT TIME ZONE 'UTC',
						   (ARRAY['[)', '[]', '(]', '()'])[1 + id % 4]) END AS active_tz,
	   CASE WHEN id % 53 = 0 THEN NULL
			ELSE tsrange(s::timestamp + make_interval(hours => (id % 5) * 7), e::timestamp + interval '28 hours',
						 (ARRAY['[)', '[]', '(]', '()'])[1 + (id / 4) % 4]) END AS active_ts
FROM (SELECT i AS id,
			 CASE WHEN i % 11 = 0 THEN date '2024-01-01' + ((h >> 8) % 24)::int * interval '1 month'
				  ELSE date '2023-01-01' + ((h >> 8) % 1095)::int END::date AS s,
			 CASE WHEN (h >> 18) % 5 >= 2 THEN
				  CASE WHEN i % 13 = 0 THEN date '2024-01-01' + ((h >> 4) % 24)::int * interval '1 month'
					   ELSE date '2023-01-01' + ((h >> 8) % 1095)::int + 1 + ((h >> 4) % 700)::int END END::date AS e,
			 CASE WHEN i % 41 <> 0 THEN ((h >> 12) % 40) * 0.25 + 0.1 END::float8 AS rev
	  FROM (SELECT i, i::bigint * 2654435761 % 4294967296 AS h FROM generate_series(1, 20000) i) g) t
WHERE e IS NULL OR e > s;
SELECT count(*) AS customers, count(active) AS with_lifetime FROM tl_cust;

-- monthly over 2024-2025 (24 periods), for each range type, with and
-- without revenue: every period's summary text-equal to churn_summary
CREATE TABLE tl_series AS
SELECT churn_timeline(active, daterange('2024-01-01', '2026-01-01'), '1 month') AS d,
	   churn_timeline(active, daterange('2024-01-01', '2026-01-01'), '1 month', rev) AS d_rev,
	   churn_timeline(active_tz, tstzrange('2024-01-01 00:00+00', '2026-01-01 00:00+00'), '1 month') AS tz,
	   churn_timeline(active_tz, tstzrange('2024-01-01 00:00+00', '2026-01-01 00:00+00'), '1 month', rev) AS tz_rev,
	   churn_timeline(active_ts, tsrange('2024-01-01', '2026-01-01'), '1 month') AS ts,
	   churn_timeline(active_ts, tsrange('2024-01-01', '2026-01-01'), '1 month', rev) AS ts_rev
FROM tl_cust;
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE summary::text = (SELECT churn_summary(active, period)::text FROM tl_cust)) AS equal
FROM tl_series, unnest(d) AS u(period daterange, summary churn_summary);
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE summary::text = (SELECT churn_summary(active, period, rev)::text FROM tl_cust)) AS equal
FROM tl_series, unnest(d_rev) AS u(period daterange, summary churn_summary);
SET timezone = 'Pacific/Chatham';
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE summary::text = (SELECT churn_summary(active_tz, period)::text FROM tl_cust)) AS equal
FROM tl_series, unnest(tz) AS u(period tstzrange, summary churn_summary);
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE summary::text = (SELECT churn_summary(active_tz, period, rev)::text FROM tl_cust)) AS equal
FROM tl_series, unnest(tz_rev) AS u(period tstzrange, summary churn_summary);
RESET timezone;
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE summary::text = (SELECT churn_summary(active_ts, period)::text FROM tl_cust)) AS equal
FROM tl_series, unnest(ts) AS u(period tsrange, summary churn_summary);
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE summary::text = (SELECT churn_summary(active_ts, period, rev)::text FROM tl_cust)) AS equal
FROM tl_series, unnest(ts_rev) AS u(period tsrange, summary churn_summary);
-- weekly steps from a Monday, and 1-day steps over a month, for dates;
-- 6-hour steps for timestamps
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE summary::text = (SELECT churn_summary(active, period)::text FROM tl_cust)) AS equal
FROM (SELECT churn_timeline(active, daterange('2024-01-01', '2024-12-30'), '7 days') t FROM tl_cust) x,
	 unnest(t) AS u(period daterange, summary churn_summary);
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE summary::text = (SELECT churn_summary(active_ts, period)::text FROM tl_cust)) AS equal
FROM (SELECT churn_timeline(active_ts, tsrange('2024-03-01', '2024-03-08'), '6 hours') t FROM tl_cust) x,
	 unnest(t) AS u(period tsrange, summary churn_summary);
-- month-end calendar: from Jan 31 the periods end on Feb 29, Mar 31, Apr 30
-- (lower + k months, as PostgreSQL computes it)
SELECT period FROM (SELECT churn_timeline(active, daterange('2024-01-31', '2024-05-31'), '1 month') t FROM tl_cust) x,
	 unnest(t) AS u(period daterange, summary churn_summary);

-- Roll-ups: timelines per signup year rolled up (aggregate and +) equal
-- the timeline of all customers; parallel equals serial
CREATE TABLE tl_part AS
SELECT extract(year FROM s) AS y, churn_timeline(active, daterange('2024-01-01', '2026-01-01'), '1 month') AS t,
	   churn_timeline(active, daterange('2024-01-01', '2026-01-01'), '1 month', rev) AS t_rev
FROM tl_cust GROUP BY 1;
-- (revenue of 0.1 + k / 4 is not exact in binary: the roll-up adds the
-- same numbers in another order, so its sums are near, not equal)
SELECT (SELECT churn_timeline(t) FROM tl_part) = d AS rollup_equal,
	   (SELECT count(*) FILTER (WHERE near(churn(a.summary), churn(b.summary))
								AND customers_lost(a.summary) = customers_lost(b.summary)
								AND customers_at_start(a.summary) = customers_at_start(b.summary))
		FROM unnest((SELECT churn_timeline(t_rev) FROM tl_part)) AS a(period daterange, summary churn_summary)
		JOIN unnest(d_rev) AS b(period daterange, summary churn_summary) USING (period)) AS revenue_periods_near
FROM tl_series;
SELECT (SELECT t FROM tl_part WHERE y = 2023) + (SELECT t FROM tl_part WHERE y = 2024) + (SELECT t FROM tl_part WHERE y = 2025) = d AS plus_equal
FROM tl_series;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT line FROM explain_analyze($$SELECT churn_timeline(active, daterange('2024-01-01', '2026-01-01'), '1 month') FROM tl_cust$$) line
WHERE line ~ 'Partial|Finalize|Gather';
SELECT (SELECT churn_timeline(active, daterange('2024-01-01', '2026-01-01'), '1 month') FROM tl_cust) = d AS parallel_equal
FROM tl_series;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Text and binary forms read back; =, <> and hashing
SELECT t::text::churn_timeline = t AS text_reads_back,
	   (SELECT value FROM receive_binary('churn_timeline', churn_timeline_send(t))) = t::text AS binary_reads_back,
	   t <> t AS differs, churn_timeline_hash(t) = churn_timeline_hash(t::text::churn_timeline) AS same_hash
FROM (SELECT d AS t FROM tl_series UNION ALL SELECT d_rev FROM tl_series UNION ALL SELECT tz_rev FROM tl_series
	  UNION ALL SELECT ts FROM tl_series) x;
SELECT count(*) AS distinct_timelines
FROM (SELECT t FROM (SELECT d AS t FROM tl_series UNION ALL SELECT d FROM tl_series UNION ALL SELECT ts FROM tl_series) u GROUP BY t) g;

-- Bad input: each an error with SQLSTATE and hint; nothing stored changes.
-- A span of another range type finds no function: that error is the
-- server's own, whose detail and hint differ between majors, so only its
-- SQLSTATE and message are shown.
SELECT label, e.code, e.message,
	   CASE WHEN e.code = '42883' THEN '' ELSE e.detail END AS detail,
	   CASE WHEN e.code = '42883' THEN '' ELSE e.hint END AS hint
FROM (VALUES
	('NULL step', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), NULL)$$),
	('zero step', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '0 days')$$),
	('negative step', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '-1 month')$$),
	('months and days', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month 2 days')$$),
	('span not whole steps', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2025-12-15'), '1 month')$$),
	('span shorter than a step', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2025-01-15'), '1 month')$$),
	('unbounded span', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', NULL), '1 month')$$),
	('infinite span', $$SELECT churn_timeline(tstzrange('2025-01-01', NULL), tstzrange('2025-01-01', 'infinity'), '1 month')$$),
	('empty span', $$SELECT churn_timeline(daterange('2025-01-01', NULL), 'empty'::daterange, '1 month')$$),
	('NULL span', $$SELECT churn_timeline(daterange('2025-01-01', NULL), NULL::daterange, '1 month')$$),
	('span of another range type', $$SELECT churn_timeline(daterange('2025-01-01', NULL), tsrange('2025-01-01', '2026-01-01'), '1 month')$$),
	('too many periods', $$SELECT churn_timeline(tsrange('2025-01-01', NULL), tsrange('2025-01-01', '2026-01-01'), '1 minute')$$),
	('two spans', $$SELECT churn_timeline(daterange('2025-01-01', NULL), sp, '1 month') FROM (VALUES (daterange('2025-01-01', '2026-01-01')), (daterange('2025-01-01', '2027-01-01'))) v(sp)$$),
	('revenue NaN', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month', 'NaN')$$),
	('revenue -1', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month', -1)$$),
	('revenue Infinity', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month', 'Infinity')$$),
	('+ of two spans', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month') + churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '3 months')$$),
	('roll-up of two spans', $$SELECT churn_timeline(t) FROM (SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month') UNION ALL SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-02-01', '2026-02-01'), '1 month')) x(t)$$),
	('revenue and plain', $$SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month', 1) + churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month')$$),
	('unnest without columns', $$SELECT * FROM unnest((SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month')))$$),
	('unnest with the wrong range type', $$SELECT * FROM unnest((SELECT churn_timeline(daterange('2025-01-01', NULL), daterange('2025-01-01', '2026-01-01'), '1 month'))) AS u(period tstzrange, summary churn_summary)$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;
SELECT label, e.code, e.message, e.detail
FROM (VALUES
	('not JSON', 'timeline'),
	('span not whole steps', '{"version": 1, "period_type": "daterange", "span": ["2025-01-01", "2025-03-15"], "step_months": 1, "customers_at_start": [1, 1], "customers_lost": [0, 0], "customers_new": [0, 0]}'),
	('wrong number of periods', '{"version": 1, "period_type": "daterange", "span": ["2025-01-01", "2025-03-01"], "step_months": 1, "customers_at_start": [1], "customers_lost": [0], "customers_new": [0]}'),
	('more lost than at risk', '{"version": 1, "period_type": "daterange", "span": ["2025-01-01", "2025-02-01"], "step_months": 1, "customers_at_start": [1], "customers_lost": [2], "customers_new": [0]}'),
	('part of a day for dates', '{"version": 1, "period_type": "daterange", "span": ["2025-01-01", "2025-01-02"], "step_microseconds": 43200000000, "customers_at_start": [1, 1], "customers_lost": [0, 0], "customers_new": [0, 0]}'),
	('half the revenue', '{"version": 1, "period_type": "daterange", "span": ["2025-01-01", "2025-02-01"], "step_months": 1, "customers_at_start": [1], "customers_lost": [0], "customers_new": [0], "revenue_at_start": [1]}'),
	('revenue without the lost squares', '{"version": 1, "period_type": "daterange", "span": ["2025-01-01", "2025-02-01"], "step_months": 1, "customers_at_start": [1], "customers_lost": [1], "customers_new": [0], "revenue_at_start": [2], "revenue_lost": [2], "sum_sq_revenue": [4]}'),
	('lost squares not those of the lost', '{"version": 1, "period_type": "daterange", "span": ["2025-01-01", "2025-03-01"], "step_months": 1, "customers_at_start": [2, 1], "customers_lost": [1, 0], "customers_new": [0, 0], "revenue_at_start": [5, 3], "revenue_lost": [2, 0], "sum_sq_revenue": [13, 9], "sum_sq_revenue_lost": [9, 0]}'),
	('version 2', '{"version": 2, "period_type": "daterange", "span": ["2025-01-01", "2025-02-01"], "step_months": 1, "customers_at_start": [1], "customers_lost": [0], "customers_new": [0]}')
) AS cases(label, text),
LATERAL expect_error(format('SELECT %L::churn_timeline', text)) e;
-- binary: a good value, and the same bytes with the version, flags,
-- period type, span end or length changed
CREATE TABLE tl_bin AS
SELECT churn_timeline_send('{"version": 1, "period_type": "daterange", "span": ["2025-01-01", "2025-03-01"], "step_months": 1, "customers_at_start": [3, 2], "customers_lost": [1, 0], "customers_new": [0, 1]}') AS b;
SELECT label, r.value, r.code, r.detail
FROM tl_bin, LATERAL (VALUES
	('good', b),
	('empty', '\x'::bytea),
	('version 2', overlay(b placing '\x02' from 1 for 1)),
	('unknown flag', overlay(b placing '\x08' from 2 for 1)),
	('period type 4', overlay(b placing '\x04' from 3 for 1)),
	('span not the periods', overlay(b placing '\x7f' from 28 for 1)),
	('short', substr(b, 1, length(b) - 8)),
	('bytes after the end', b || '\x00'::bytea)
) AS cases(label, bytes),
LATERAL receive_binary('churn_timeline', bytes) r;

-- unnest(t, period_type): the period column takes the type of the second
-- argument (a typed NULL); the rows are those of unnest(t) with a column
-- list, for every range type, with and without revenue: each of the 24
-- months once, with the same summary.
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE a.period = b.period AND a.summary = b.summary) AS equal,
	   count(*) FILTER (WHERE pg_typeof(a.period) = 'daterange'::regtype) AS daterange_periods
FROM tl_series, unnest(d) AS b(period daterange, summary churn_summary)
	 JOIN public.unnest(d, NULL::daterange) AS a ON a.period = b.period;
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE a.period = b.period AND a.summary::text = b.summary::text) AS equal,
	   count(*) FILTER (WHERE pg_typeof(a.period) = 'tstzrange'::regtype) AS tstzrange_periods
FROM tl_series, unnest(tz_rev) AS b(period tstzrange, summary churn_summary)
	 JOIN public.unnest(tz_rev, NULL::tstzrange) AS a ON a.period = b.period;
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE a.period = b.period AND a.summary = b.summary) AS equal,
	   count(*) FILTER (WHERE pg_typeof(a.period) = 'tsrange'::regtype) AS tsrange_periods
FROM tl_series, unnest(ts) AS b(period tsrange, summary churn_summary)
	 JOIN public.unnest(ts, NULL::tsrange) AS a ON a.period = b.period;
-- the hand example's quarters in the select list (no schema needed
-- there), and a NULL timeline: no row
SELECT (u).period, customers_at_start((u).summary), customers_lost((u).summary)
FROM (SELECT unnest(churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '3 months'),
					NULL::daterange) AS u
	  FROM tl_hand) x;
SELECT count(*) AS rows_of_null FROM public.unnest(NULL::churn_timeline, NULL::daterange);
-- a domain over the range type is the range type
CREATE DOMAIN tl_quarter AS daterange;
SELECT count(*) AS quarters
FROM public.unnest((SELECT churn_timeline(active, daterange('2025-01-01', '2026-01-01'), '3 months') FROM tl_hand),
				   NULL::tl_quarter);
-- another range type than the timeline's is an error with a hint; in
-- FROM, an unqualified unnest of two arguments is the SQL standard's
-- unnest of each argument, which has no form for a timeline (the
-- server's error: only its SQLSTATE and message)
SELECT label, e.code, e.message, CASE WHEN e.code = '42883' THEN '' ELSE e.hint END AS hint
FROM (VALUES
	('tstzrange for dates', $$SELECT * FROM public.unnest((SELECT d FROM tl_series), NULL::tstzrange)$$),
	('int4range', $$SELECT * FROM public.unnest((SELECT tz FROM tl_series), NULL::int4range)$$),
	('in the select list', $$SELECT unnest(ts, NULL::daterange) FROM tl_series$$),
	('not a range', $$SELECT * FROM public.unnest((SELECT d FROM tl_series), NULL::date)$$),
	('unqualified in FROM', $$SELECT * FROM unnest((SELECT d FROM tl_series), NULL::daterange)$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;

-- Lifetimes with 'infinity' and '-infinity' as bounds (no bound), every
-- inclusivity, unbounded, empty and NULL, stored in a table (read as
-- stored, with short headers) and as computed values: every period equals
-- churn_summary's, which reads ranges its own way.  By hand for the dates,
-- months January to June 2025:
--   1 [-infinity, 2025-03-01)  at risk Jan, Feb; lost Feb
--   2 (2025-02-01, infinity]   = [2025-02-02, infinity): new Feb; at risk Mar..Jun
--   3 [2025-01-01, 2025-04-01] = [.., 2025-04-02): at risk Jan..Apr; lost Apr
--   4 (2025-01-01, 2025-04-01) = [2025-01-02, ..): new Jan; at risk Feb, Mar; lost Mar
--   5 (,)                      at risk every month
--   6 empty, 8 NULL            nowhere
--   7 [2025-03-01,)            at risk Mar..Jun (starts on Mar 1: not new)
-- at start [3, 4, 5, 4, 3, 3], lost [0, 1, 1, 1, 0, 0], new [1, 1, 0, 0, 0, 0]
CREATE TABLE tl_edges (id int, d daterange, ts tsrange, tz tstzrange);
INSERT INTO tl_edges VALUES
	(1, '[-infinity,2025-03-01)', '[-infinity,2025-03-01)', '[-infinity,2025-03-01 00:00+00)'),
	(2, '(2025-02-01,infinity]', '(2025-02-01,infinity]', '(2025-02-01 00:00+00,infinity]'),
	(3, '[2025-01-01,2025-04-01]', '[2025-01-01,2025-04-01]', '[2025-01-01 00:00+00,2025-04-01 00:00+00]'),
	(4, '(2025-01-01,2025-04-01)', '(2025-01-01,2025-04-01)', '(2025-01-01 00:00+00,2025-04-01 00:00+00)'),
	(5, '(,)', '(,)', '(,)'),
	(6, 'empty', 'empty', 'empty'),
	(7, '[2025-03-01,)', '[2025-03-01 12:00,)', '[2025-03-01 12:00+00,)'),
	(8, NULL, NULL, NULL);
SELECT churn_timeline(d, daterange('2025-01-01', '2025-07-01'), '1 month') FROM tl_edges;
SELECT count(*) AS periods,
	   count(*) FILTER (WHERE u.summary::text = (SELECT churn_summary(d, u.period)::text FROM tl_edges)) AS dates_equal,
	   count(*) FILTER (WHERE v.summary::text = (SELECT churn_summary(ts, v.period)::text FROM tl_edges)) AS timestamps_equal,
	   count(*) FILTER (WHERE w.summary::text = (SELECT churn_summary(tz, w.period)::text FROM tl_edges)) AS timestamptzs_equal,
	   count(*) FILTER (WHERE x.summary::text = (SELECT churn_summary(d, x.period)::text FROM tl_edges)) AS computed_equal
FROM public.unnest((SELECT churn_timeline(d, daterange('2025-01-01', '2025-07-01'), '1 month') FROM tl_edges),
				   NULL::daterange) WITH ORDINALITY AS u
JOIN public.unnest((SELECT churn_timeline(ts, tsrange('2025-01-01', '2025-07-01'), '1 month') FROM tl_edges),
				   NULL::tsrange) WITH ORDINALITY AS v USING (ordinality)
JOIN public.unnest((SELECT churn_timeline(tz, tstzrange('2025-01-01 00:00+00', '2025-07-01 00:00+00'), '1 month') FROM tl_edges),
				   NULL::tstzrange) WITH ORDINALITY AS w USING (ordinality)
JOIN public.unnest((SELECT churn_timeline(d::text::daterange, daterange('2025-01-01', '2025-07-01'), '1 month')
					FROM tl_edges),
				   NULL::daterange) WITH ORDINALITY AS x USING (ordinality);
