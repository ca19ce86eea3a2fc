-- Bad input to retention_summary: each an ERROR with SQLSTATE, message and
-- hint or detail, and nothing stored changes.
\pset null '-'
SELECT label, e.*
FROM (VALUES
	('NULL step', $$SELECT retention_summary(daterange('2025-01-01', NULL), NULL, DATE '2026-01-01')$$),
	('zero step', $$SELECT retention_summary(daterange('2025-01-01', NULL), '0 days', DATE '2026-01-01')$$),
	('negative step', $$SELECT retention_summary(daterange('2025-01-01', NULL), '-1 month', DATE '2026-01-01')$$),
	('negative fixed step', $$SELECT retention_summary(tsrange('2025-01-01', NULL), '1 day -25 hours', TIMESTAMP '2026-01-01')$$),
	('months and days', $$SELECT retention_summary(daterange('2025-01-01', NULL), '1 month 1 day', DATE '2026-01-01')$$),
	('months and hours', $$SELECT retention_summary(tstzrange('2025-01-01', NULL), '1 month 1 hour', TIMESTAMPTZ '2026-01-01')$$),
	('part of a day for dates', $$SELECT retention_summary(daterange('2025-01-01', NULL), '36 hours', DATE '2026-01-01')$$),
	('step changes', $$SELECT retention_summary(daterange('2025-01-01', NULL), st, DATE '2026-01-01') FROM (VALUES (interval '1 month'), (interval '1 year')) v(st)$$),
	('NULL as_of', $$SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', NULL::date)$$),
	('infinite as_of', $$SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', DATE 'infinity')$$),
	('-infinite as_of', $$SELECT retention_summary(tstzrange('2025-01-01', NULL), '1 month', TIMESTAMPTZ '-infinity')$$),
	('no start', $$SELECT retention_summary(daterange(NULL, '2025-01-01'), '1 month', DATE '2026-01-01')$$),
	('too many ages', $$SELECT retention_summary(tsrange('2025-01-01', NULL), '1 minute', TIMESTAMP '2026-01-01')$$),
	('revenue NaN', $$SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01', 'NaN')$$),
	('revenue -1', $$SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01', -1)$$),
	('revenue Infinity', $$SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01', 'Infinity')$$),
	('revenue sum overflows', $$SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01', 1e308) FROM generate_series(1, 2)$$),
	('+ of two steps', $$SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01') + retention_summary(daterange('2025-01-01', NULL), '7 days', DATE '2026-01-01')$$),
	('roll-up of two steps', $$SELECT retention_summary(s) FROM (SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01') UNION ALL SELECT retention_summary(daterange('2025-01-01', NULL), '1 year', DATE '2026-01-01')) t(s)$$),
	('revenue and plain', $$SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01', 5.0) + retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01')$$),
	('p_value of two steps', $$SELECT p_value(retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01'), retention_summary(daterange('2025-01-01', NULL), '1 year', DATE '2026-01-01'))$$),
	('negative age', $$SELECT retention(retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01'), -1)$$),
	('negative horizon', $$SELECT mean_lifetime(retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01'), -1)$$),
	('lifetime value without revenue', $$SELECT lifetime_value(retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01'), 12)$$),
	('negative revenue per step', $$SELECT lifetime_value(retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01'), 12, -1)$$),
	('level 1', $$SELECT ci_lower(retention_summary(daterange('2025-01-01', NULL), '1 month', DATE '2026-01-01'), 1, 1)$$),
	('customers past bigint', $$SELECT '{"version": 1, "step_months": 1, "lost": [0, 1], "censored": [0, 0]}'::retention_summary + '{"version": 1, "step_months": 1, "lost": [0, 4611686018427387904], "censored": [4611686018427387903, 0]}'$$)
) AS cases(label, statement),
LATERAL expect_error(statement) e;

-- Malformed text
SELECT label, e.code, e.message, e.detail
FROM (VALUES
	('not JSON', 'retention'),
	('no step', '{"version": 1, "lost": [0], "censored": [1]}'),
	('two steps', '{"version": 1, "step_months": 1, "step_microseconds": 1, "lost": [0], "censored": [1]}'),
	('zero step', '{"version": 1, "step_months": 0, "lost": [0], "censored": [1]}'),
	('huge month step', '{"version": 1, "step_months": 2147483648, "lost": [0], "censored": [1]}'),
	('version 2', '{"version": 2, "step_months": 1, "lost": [0], "censored": [1]}'),
	('lost at age 0', '{"version": 1, "step_months": 1, "lost": [1], "censored": [1]}'),
	('arrays of different lengths', '{"version": 1, "step_months": 1, "lost": [0, 1], "censored": [1]}'),
	('negative count', '{"version": 1, "step_months": 1, "lost": [0, -1], "censored": [1, 0]}'),
	('fractional count', '{"version": 1, "step_months": 1, "lost": [0, 1.5], "censored": [1, 0]}'),
	('counts past bigint', '{"version": 1, "step_months": 1, "lost": [0, 9223372036854775807], "censored": [1, 0]}'),
	('half the revenue', '{"version": 1, "step_months": 1, "lost": [0, 1], "censored": [1, 0], "revenue_lost": [0, 1]}'),
	('negative revenue', '{"version": 1, "step_months": 1, "lost": [0, 1], "censored": [1, 0], "revenue_lost": [0, -1], "revenue_censored": [1, 0]}'),
	('revenue without customers', '{"version": 1, "step_months": 1, "lost": [0, 1], "censored": [1, 0], "revenue_lost": [0, 1], "revenue_censored": [1, 2]}'),
	('unknown key', '{"version": 1, "step_months": 1, "lost": [0], "censored": [1], "x": 1}'),
	('trailing text', '{"version": 1, "step_months": 1, "lost": [0], "censored": [1]} x')
) AS cases(label, text),
LATERAL expect_error(format('SELECT %L::retention_summary', text)) e;

-- Malformed binary: version, flags, step kind, step, ages, then the counts
SELECT label, r.value, r.code, r.message, r.detail
FROM (VALUES
	('empty', '\x'::bytea),
	('version 2', '\x020001000000000000000100000000'),
	('unknown flag', '\x010401000000000000000100000000'),
	('unknown step kind', '\x010003000000000000000100000000'),
	('missing counts', '\x01000100000000000000010000000100'),
	('lost at age 0', '\x010001000000000000000100000001' || '\x00000000000000010000000000000000'::bytea),
	('one age', '\x010001000000000000000100000001' || '\x00000000000000000000000000000003'::bytea),
	('too many ages', '\x0100010000000000000001000f4242')
) AS cases(label, bytes),
LATERAL receive_binary('retention_summary', bytes) r;

-- nothing stored changed by the failures above
CREATE TABLE ret_kept (s retention_summary);
INSERT INTO ret_kept SELECT retention_summary(daterange('2025-01-01', '2025-03-01'), '1 month', DATE '2026-01-01');
SELECT (expect_error($$INSERT INTO ret_kept SELECT retention_summary(daterange('2025-01-01', NULL), '1 month', DATE 'infinity')$$)).code AS failed_with;
SELECT (expect_error($$UPDATE ret_kept SET s = s + retention_summary(daterange('2025-01-01', NULL), '1 day', DATE '2026-01-01')$$)).code AS failed_with;
SELECT s FROM ret_kept;
