-- Churn over customer lifetimes, checked case by case against the
-- definition: for the period [2026-01-01, 2026-02-01),
--   at risk = active @> lower(period)
--   lost    = at risk AND NOT active @> upper(period)
--   new     = NOT at risk AND active && (lower(period), upper(period))
CREATE TABLE lives (id int, active daterange, mrr float8, note text);
INSERT INTO lives VALUES
	(1, daterange('2025-06-01', NULL), 10, 'before, still a customer: at risk, kept'),
	(2, daterange('2025-06-01', '2026-01-15'), 20, 'before, left inside: at risk, lost'),
	(3, daterange('2026-01-01', NULL), 30, 'started exactly at the start: at risk, kept'),
	(4, daterange('2025-01-01', '2026-01-01'), 40, 'ended exactly at the start: not at risk'),
	(5, daterange('2025-01-01', '2026-02-01'), 50, 'ended exactly at the end: at risk, lost'),
	(6, daterange('2026-01-10', '2026-01-20'), 60, 'joined and left inside: new'),
	(7, daterange('2026-02-01', NULL), 70, 'started exactly at the end: not new'),
	(8, 'empty', 80, 'empty life: nothing'),
	(9, daterange('2026-01-31', NULL), 90, 'joined inside, still a customer: new'),
	(10, daterange('2024-01-01', '2026-03-01'), 100, 'before and after: at risk, kept'),
	(11, NULL, 110, 'NULL life: skipped'),
	(12, daterange('2026-01-01', '2026-01-01'), 120, 'zero-length life is empty: nothing');
-- the definition row by row, for reference
SELECT id, active @> '2026-01-01'::date AS at_risk,
	   active @> '2026-01-01'::date AND NOT active @> '2026-02-01'::date AS lost,
	   NOT active @> '2026-01-01'::date AND active && daterange('2026-01-01', '2026-02-01', '()') AS new,
	   note
FROM lives ORDER BY id;
-- at risk 1 2 3 5 10 = 5, lost 2 5 = 2, new 6 9 = 2: churn 2 / 5 = 40 %
SELECT churn_rate(active, daterange('2026-01-01', '2026-02-01')) AS churn,
	   churn_summary(active, daterange('2026-01-01', '2026-02-01')) AS summary
FROM lives;
-- revenue at risk 10 + 20 + 30 + 50 + 100 = 210, lost 20 + 50 = 70:
-- revenue churn 70 / 210 = 33.33 %
SELECT round(churn_rate(active, daterange('2026-01-01', '2026-02-01'), mrr)::numeric, 10) AS revenue_churn,
	   churn_summary(active, daterange('2026-01-01', '2026-02-01'), mrr) AS summary
FROM lives;
SELECT churn(s), retention_rate(s), customers_at_start(s), customers_lost(s), customers_new(s),
	   revenue_at_start(s), revenue_lost(s)
FROM (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01')) AS s FROM lives) t;
SELECT round(churn(s)::numeric, 10) AS churn, round(retention_rate(s)::numeric, 10) AS retention,
	   customers_at_start(s), customers_lost(s), customers_new(s), revenue_at_start(s), revenue_lost(s)
FROM (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01'), mrr) AS s FROM lives) t;
-- a NULL period or NULL revenue skips the row like a NULL life
SELECT churn_rate(active, p) FROM lives, (VALUES (NULL::daterange)) v(p);
SELECT churn_rate(active, daterange('2026-01-01', '2026-02-01'), NULLIF(mrr, 20)) AS without_customer_2
FROM lives;

-- Timestamps: the same lives as tstzrange and tsrange at midnight UTC give
-- the same numbers as the dates.
SET TimeZone = 'UTC';
SELECT churn_rate(tstzrange(lower(active), upper(active)), tstzrange('2026-01-01', '2026-02-01')) AS tstz,
	   churn_rate(tsrange(lower(active), upper(active)), tsrange('2026-01-01', '2026-02-01')) AS ts,
	   churn_rate(active, daterange('2026-01-01', '2026-02-01')) AS date
FROM lives WHERE NOT isempty(active);
-- a life ending at 12:00 on the first day is at risk at 00:00 and lost;
-- one starting at 12:00 is new; an open-ended inclusive one is kept:
-- at risk 2, lost 1, new 1
SELECT customers_at_start(s), customers_lost(s), customers_new(s)
FROM (SELECT churn_summary(a, tstzrange('2026-01-01', '2026-02-01')) AS s
	  FROM (VALUES (tstzrange('2025-01-01', '2026-01-01 12:00')),
				   (tstzrange('2026-01-01 12:00', NULL)),
				   (tstzrange('2025-01-01', NULL, '[]'))) v(a)) t;
-- inclusive upper bounds count: [2025-01-01, 2026-02-01] is still active
-- on 2026-02-01, so not lost
SELECT churn_rate(a, tsrange('2026-01-01', '2026-02-01')) AS churn
FROM (VALUES (tsrange('2025-01-01', '2026-02-01', '[]'))) v(a);
-- the period's own bound inclusivity does not matter: its lower and upper
-- values are the start and the end
SELECT churn_summary(active, daterange('2026-01-01', '2026-01-31', '[]')) =
	   churn_summary(active, daterange('2026-01-01', '2026-02-01')) AS same_period
FROM lives;
-- a tstzrange period's text is in UTC, whatever the session's zone
SET TimeZone = 'America/New_York';
SELECT churn_summary(tstzrange('2025-01-01', NULL), tstzrange('2026-01-01', '2026-02-01'));
RESET TimeZone;

-- Statistics: 2 lost of 5: std_error = 100 sqrt(0.4 * 0.6 / 5) = 21.9089023002;
-- Wilson 95 %: [11.7620774233, 76.9275718724].
-- Revenue (design-based, docs/statistics.md): R = 70 / 210 = 1/3, the lost
-- customers' squares Q_lost = 20^2 + 50^2 = 2900, the kept ones' Q_kept =
-- 10^2 + 30^2 + 100^2 = 11000, B = 2900 (2/3)^2 + 11000 (1/3)^2 = 22600/9,
-- V = 5/4 B / 210^2 = 0.0711766188, std_error = 100 sqrt(V) = 26.6789465301
-- (R's SE(svyratio(~lost_revenue, ~revenue)) over the five customers at
-- risk); n_eff = 210^2 (1/3)(2/3) / B = 3.9026548673, Wilson 95 % with it
-- [7.3855830531, 75.8160458464]
SELECT round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS lower, round(ci_upper(s)::numeric, 10) AS upper
FROM (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01')) AS s FROM lives) t;
SELECT round(std_error(s)::numeric, 10) AS std_error,
	   round(ci_lower(s)::numeric, 10) AS lower, round(ci_upper(s)::numeric, 10) AS upper
FROM (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01'), mrr) AS s FROM lives) t;
-- p_value: 10 lost of 100 against 25 of 100: z = -2.7914526312, p = 0.0052472037
SELECT round(p_value(a, b)::numeric, 10) AS p_value, p_value(a, a) AS same
FROM (SELECT churn_summary(daterange('2025-01-01', CASE WHEN i <= 10 THEN '2026-01-10'::date END),
						   daterange('2026-01-01', '2026-02-01')) AS a,
			 churn_summary(daterange('2025-01-01', CASE WHEN i <= 25 THEN '2026-01-10'::date END),
						   daterange('2026-01-01', '2026-02-01')) AS b
	  FROM generate_series(1, 100) i) t;
-- nobody at risk: no rate, no interval
SELECT churn_rate(daterange('2026-01-05', NULL), daterange('2026-01-01', '2026-02-01')) AS churn,
	   customers_new(churn_summary(daterange('2026-01-05', NULL), daterange('2026-01-01', '2026-02-01'))),
	   ci_lower(churn_summary(daterange('2026-01-05', NULL), daterange('2026-01-01', '2026-02-01')));

-- Summaries: +, =, roll-up, round trips
SELECT (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01')) FROM lives WHERE id <= 5) +
	   (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01')) FROM lives WHERE id > 5) =
	   (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01')) FROM lives) AS halves_add_up;
SELECT churn_rate(s) AS rolled_up, churn(churn_summary(s)) AS via_summary
FROM (SELECT id % 3 AS part, churn_summary(active, daterange('2026-01-01', '2026-02-01')) AS s
	  FROM lives GROUP BY 1) parts;
SELECT s::text::churn_summary = s AS same, s::text = s::text::churn_summary::text AS same_text
FROM (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01'), mrr / 3) AS s FROM lives
	  UNION ALL
	  SELECT churn_summary(tstzrange(lower(active), upper(active)), tstzrange('2026-01-01 00:00:00.25', '2026-02-01'))
	  FROM lives
	  UNION ALL
	  SELECT churn_summary(tsrange(lower(active), upper(active)), tsrange('2026-01-01', '2026-02-01'))
	  FROM lives) t;
-- the text form is JSON: through jsonb (which reorders the keys) and back
SELECT s::text::jsonb::text::churn_summary = s AS through_jsonb
FROM (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01'), mrr / 3) AS s FROM lives) t;
-- binary: version 1, period type 3 (daterange), flags 0, then int8 period
-- start and end in days since 2000-01-01 (9497 = 0x2519 and 9528 =
-- 0x2538), at risk 5, lost 2, new 2; 3 + 5 * 8 = 43 bytes
SELECT churn_summary_send(s) AS bytes, length(churn_summary_send(s)),
	   '2026-01-01'::date - '2000-01-01'::date AS start_days
FROM (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01')) AS s FROM lives) t;
SELECT r.code, r.value = s::text AS same
FROM (SELECT churn_summary(active, daterange('2026-01-01', '2026-02-01'), mrr * 1.1) AS s FROM lives) t,
	 receive_binary('churn_summary', churn_summary_send(s)) r;

-- A window frame whose customers have all left takes the next row's
-- period: frames {Jan}, {Jan, NULL life}, {NULL life, Feb}; each equals
-- churn_rate over the frame's rows alone (0, 0, 100)
SELECT i, churn_rate(a, p) OVER w AS churn, churn(churn_summary(a, p) OVER w) AS via_summary
FROM (VALUES (1, daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01')),
			 (2, NULL, daterange('2026-01-01', '2026-02-01')),
			 (3, daterange('2025-01-01', '2026-02-15'), daterange('2026-02-01', '2026-03-01'))) v(i, a, p)
WINDOW w AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY i;
-- called directly on a row without both ranges, the transition gives NULL
-- (a summary without a period has no text form)
SELECT churn_trans(NULL, NULL::daterange, NULL::daterange) IS NULL AS no_summary;
