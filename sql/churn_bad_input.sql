-- Bad input to churn: unbounded, empty or infinite periods, mixed periods,
-- bad revenue, mixing revenue and plain summaries, malformed text and
-- binary.  Each is an ERROR with SQLSTATE, message and hint or detail.
\pset null '-'
SELECT label, e.*
FROM (VALUES
	('unbounded end', $$SELECT churn_rate(daterange('2025-01-01', NULL), daterange('2026-01-01', NULL))$$),
	('unbounded start', $$SELECT churn_rate(daterange('2025-01-01', NULL), daterange(NULL, '2026-01-01'))$$),
	('empty period', $$SELECT churn_rate(daterange('2025-01-01', NULL), 'empty'::daterange)$$),
	('infinite end', $$SELECT churn_rate(daterange('2025-01-01', NULL), daterange('2026-01-01', 'infinity'))$$),
	('infinite timestamp', $$SELECT churn_rate(tstzrange('2025-01-01', NULL), tstzrange('-infinity', '2026-01-01'))$$),
	('two periods in one aggregate', $$SELECT churn_rate(daterange('2025-01-01', NULL), p) FROM (VALUES (daterange('2026-01-01', '2026-02-01')), (daterange('2026-01-01', '2026-04-01'))) v(p)$$),
	('revenue -1', $$SELECT churn_rate(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'), -1.0)$$),
	('revenue NaN', $$SELECT churn_rate(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'), 'NaN')$$),
	('revenue 1e-200 (square underflows)', $$SELECT churn_rate(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'), 1e-200)$$),
	('revenue Infinity', $$SELECT churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'), 'Infinity')$$),
	('revenue sum overflows', $$SELECT churn_rate(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'), 1e308) FROM generate_series(1, 2)$$),
	('+ of two periods', $$SELECT churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01')) + churn_summary(daterange('2025-01-01', NULL), daterange('2026-02-01', '2026-03-01'))$$),
	('roll-up of two periods', $$SELECT churn_rate(s) FROM (SELECT churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01')) UNION ALL SELECT churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-03-01'))) t(s)$$),
	('date and timestamp periods', $$SELECT churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01')) + churn_summary(tsrange('2025-01-01', NULL), tsrange('2026-01-01', '2026-02-01'))$$),
	('revenue and plain', $$SELECT churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'), 5.0) + churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'))$$),
	('level 1', $$SELECT ci_lower(churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01')), 1)$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;

-- Malformed text
SELECT label, e.code, e.message, e.detail
FROM (VALUES
	('not JSON', 'churn'),
	('no period', '{"version": 1, "period_type": "daterange", "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('unknown period type', '{"version": 1, "period_type": "intrange", "period": ["1", "2"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('period without its type', '{"version": 1, "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('bad date', '{"version": 1, "period_type": "daterange", "period": ["2026-13-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('reversed period', '{"version": 1, "period_type": "daterange", "period": ["2026-02-01", "2026-01-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('infinite period', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "infinity"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('more lost than at risk', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 2, "customers_new": 0}'),
	('negative count', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": -1, "customers_lost": 0, "customers_new": 0}'),
	('part of the revenue', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0, "revenue_at_start": 5}'),
	('negative revenue', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0, "revenue_at_start": -5, "revenue_lost": 0, "sum_sq_revenue": 25}'),
	('revenue lost without customers lost', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0, "revenue_at_start": 5, "revenue_lost": 5, "sum_sq_revenue": 25}'),
	('version 2 without revenue', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('version 3', '{"version": 3, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('escaped string', '{"version": 1, "period_type": "date\"range", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('truncated', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-')
) AS cases(label, input),
LATERAL expect_error(format('SELECT %L::churn_summary', input)) e;

-- Malformed binary: 43 bytes plain, 67 with revenue
CREATE TABLE good_churn AS
SELECT churn_summary_send(churn_summary(a, daterange('2026-01-01', '2026-02-01'))) AS plain,
	   churn_summary_send(churn_summary(a, daterange('2026-01-01', '2026-02-01'), 10.0)) AS revenue
FROM (VALUES (daterange('2025-01-01', NULL)), (daterange('2025-01-01', '2026-01-15'))) v(a);
SELECT label, r.code, r.detail
FROM good_churn, LATERAL (VALUES
	('valid', plain),
	('valid with revenue', revenue),
	('truncated', substring(plain from 1 for 30)),
	('revenue flag, no revenue', set_byte(plain, 2, 1)),
	('extra byte', plain || '\x00'::bytea),
	('version 9', set_byte(plain, 0, 9)),
	('period type 0', set_byte(plain, 1, 0)),
	('period type 4', set_byte(plain, 1, 4)),
	('unknown flag', set_byte(plain, 2, 8)),
	('date beyond the date range', overlay(plain placing '\x7fffffffffffffff' from 12)),
	('reversed period', overlay(plain placing '\x0000000000000000' from 12)),
	('more lost than at risk', overlay(plain placing '\x0000000000000009' from 28)),
	('NaN revenue', overlay(revenue placing '\x7ff8000000000000' from 44))
) AS cases(label, bytes),
LATERAL receive_binary('churn_summary', bytes) r;
\pset null ''

-- Period bounds in text are read only in the form the output writes, so
-- the input is immutable: no TimeZone, DateStyle or clock involved
SELECT label, e.code, e.detail
FROM (VALUES
	('tstzrange without +00', '{"version": 1, "period_type": "tstzrange", "period": ["2026-01-01 00:00:00", "2026-02-01 00:00:00+00"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('today', '{"version": 1, "period_type": "daterange", "period": ["today", "2026-02-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'),
	('month name', '{"version": 1, "period_type": "tsrange", "period": ["Jan 1 2026", "2026-02-01 00:00:00"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}')
) AS cases(label, input),
LATERAL expect_error(format('SELECT %L::churn_summary', input)) e;

-- stored revenue sums must fit together and the customers at risk
SELECT label, e.code, e.detail
FROM (VALUES
	('squares too small', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 2, "customers_lost": 0, "customers_new": 0, "revenue_at_start": 10, "revenue_lost": 0, "sum_sq_revenue": 10}'),
	('lost more than at start', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 2, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 10, "revenue_lost": 20, "sum_sq_revenue": 50}'),
	('fits: 10^2 / 2 <= 50 <= 10^2', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-02-01"], "customers_at_start": 2, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 10, "revenue_lost": 5, "sum_sq_revenue": 50}')
) AS cases(label, input),
LATERAL expect_error(format('SELECT %L::churn_summary', input)) e;
