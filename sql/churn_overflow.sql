-- Customer counts never wrap: every path that adds counts refuses a total
-- beyond bigint with SQLSTATE 22003, and a customer that adds nothing to a
-- full count is no error.
CREATE TABLE churn_full (label text, s churn_summary);
INSERT INTO churn_full VALUES
	('full', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 9223372036854775807, "customers_lost": 9223372036854775807, "customers_new": 9223372036854775807}'),
	('full, revenue', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 9223372036854775807, "customers_lost": 0, "customers_new": 9223372036854775807, "revenue_at_start": 9.223372036854776e18, "revenue_lost": 0, "sum_sq_revenue": 9.223372036854776e18}'),
	('one at risk', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('one lost', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 1, "customers_new": 0}'),
	('one new', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 0, "customers_lost": 0, "customers_new": 1}'),
	('one less than full', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 9223372036854775806, "customers_lost": 9223372036854775806, "customers_new": 9223372036854775806}');
CREATE FUNCTION churn_full(name text) RETURNS churn_summary
LANGUAGE sql STABLE AS $$ SELECT s FROM churn_full WHERE label = name $$;

SELECT label, e.code, e.message, e.hint
FROM (VALUES
	('+ one at risk', $$SELECT churn_full('full') + churn_full('one at risk')$$),
	('+ one lost', $$SELECT churn_full('one lost') + churn_full('full')$$),
	('+ one new', $$SELECT churn_full('full') + churn_full('one new')$$),
	('roll-up', $$SELECT churn_summary(s) FROM churn_full WHERE label IN ('full', 'one new')$$),
	('roll-up churn_rate', $$SELECT churn_rate(s) FROM churn_full WHERE label IN ('full', 'one at risk')$$),
	('roll-up in a window', $$SELECT churn_summary(s) OVER (ORDER BY label ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM churn_full WHERE label IN ('full', 'one new')$$),
	('roll-up churn_rate in a window', $$SELECT churn_rate(s) OVER (ORDER BY label ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM churn_full WHERE label IN ('full', 'one at risk')$$),
	('transition: one more at risk', $$SELECT churn_trans(churn_full('full'), daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'))$$),
	('transition: one more new', $$SELECT churn_trans(churn_full('full'), daterange('2026-01-15', NULL), daterange('2026-01-01', '2026-02-01'))$$),
	('transition with revenue', $$SELECT churn_trans_revenue(churn_full('full, revenue'), daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'), 1)$$),
	-- a version-1 revenue summary (of extension 1.0) beyond 2^40 - 1
	-- customers reads, but a revenue state holds 40 bits of each count
	('version-1 revenue in a window', $$SELECT churn_summary(s) OVER (ORDER BY label ROWS BETWEEN CURRENT ROW AND CURRENT ROW) FROM churn_full WHERE label = 'full, revenue'$$),
	('version-1 revenue + itself', $$SELECT churn_full('full, revenue') + churn_full('full, revenue')$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;

-- Up to the limit is fine, and so is a customer that is neither at risk
-- nor new (left before the period), or one whose counts are not full.
SELECT churn_full('one less than full') + churn_full('one lost') AS to_the_limit;
SELECT churn_trans(churn_full('full'), daterange('2025-01-01', '2025-06-01'), daterange('2026-01-01', '2026-02-01'))
	   = churn_full('full') AS left_before;
SELECT customers_at_start(s), customers_lost(s), customers_new(s)
FROM (SELECT churn_trans(churn_full('one less than full'), daterange('2025-01-01', '2026-01-15'), daterange('2026-01-01', '2026-02-01')) AS s) t;
SELECT customers_new(churn_trans(churn_full('one less than full'), daterange('2026-01-15', NULL), daterange('2026-01-01', '2026-02-01'))) AS new;
-- a window frame of one full summary at a time (removing it again) is fine
SELECT label, churn_summary(s) OVER (ORDER BY label ROWS BETWEEN CURRENT ROW AND CURRENT ROW) = s AS same
FROM churn_full WHERE label IN ('full', 'one less than full') ORDER BY label;
-- the version-1 revenue summary reads and writes back as it was
SELECT s::text::churn_summary = s AS same, customers_at_start(s), churn(s), std_error(s)
FROM churn_full WHERE label = 'full, revenue';
DROP FUNCTION churn_full(text);
DROP TABLE churn_full;
