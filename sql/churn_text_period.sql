-- The text input of churn_summary is immutable: period bounds are read
-- only in the ISO 8601 form the output writes, digit by digit, whatever
-- DateStyle and TimeZone say.  Anything else is an error quoting the bound
-- and the part of it that is wrong.
\pset null '-'

-- "01-02-2026" would be January 2 under MDY and February 1 under DMY: it
-- is refused under both, and the ISO form gives one period under both.
SET DateStyle = 'Postgres, MDY';
SELECT e.code, e.detail
FROM expect_error($$SELECT '{"version": 1, "period_type": "daterange", "period": ["01-02-2026", "2026-03-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'::churn_summary$$) e;
SELECT customers_at_start('{"version": 1, "period_type": "daterange", "period": ["2026-01-02", "2026-03-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'::churn_summary) AS mdy,
	   '{"version": 1, "period_type": "daterange", "period": ["2026-01-02", "2026-03-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'::churn_summary::text AS text_mdy;
SET DateStyle = 'SQL, DMY';
SELECT e.code, e.detail
FROM expect_error($$SELECT '{"version": 1, "period_type": "daterange", "period": ["01-02-2026", "2026-03-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'::churn_summary$$) e;
SELECT '{"version": 1, "period_type": "daterange", "period": ["2026-01-02", "2026-03-01"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0}'::churn_summary::text AS text_dmy;
RESET DateStyle;

-- Bounds not in the output's form, for each period type
SELECT t, b AS bound, e.code, e.detail
FROM (VALUES
	('daterange', '01-02-2026'),
	('daterange', '2026-1-02'),
	('daterange', '2026-01-02 00:00:00'),
	('daterange', '20260102'),
	('daterange', '02026-01-02'),
	('daterange', ' 2026-01-02'),
	('daterange', 'today'),
	('daterange', 'infinity'),
	('daterange', 'epoch'),
	('daterange', '2026-02-30'),
	('daterange', '2023-02-29'),
	('daterange', '2026-13-01'),
	('daterange', '0000-01-01'),
	('daterange', '0000-01-01 BC'),
	('daterange', '4714-11-23 BC'),
	('daterange', '5874898-01-01'),
	('tsrange', '2026-01-01'),
	('tsrange', '2026-01-01T05:00:00'),
	('tsrange', '2026-01-01 05:00'),
	('tsrange', '2026-01-01 05:00:00+00'),
	('tsrange', '2026-01-01 05:00:00.'),
	('tsrange', '2026-01-01 05:00:00.50'),
	('tsrange', '2026-01-01 05:00:00.1234567'),
	('tsrange', '2026-01-01 24:00:00'),
	('tsrange', '2026-01-01 23:60:00'),
	('tsrange', '2026-01-01 23:59:60'),
	('tsrange', 'Jan 1 2026'),
	('tsrange', '294277-01-01 00:00:00'),
	('tsrange', '4714-11-23 23:59:59 BC'),
	('tstzrange', '2026-01-01 05:00:00-03+00'),
	('tstzrange', '2026-01-01 05:00:00'),
	('tstzrange', '2026-01-01 05:00:00+01'),
	('tstzrange', '2026-01-01 05:00:00+00:00'),
	('tstzrange', '2026-01-01 05:00:00 UTC'),
	('tstzrange', '2026-01-01 05:00:00+00 '),
	('tstzrange', '0044-03-15 12:00:00 BC+00'),
	('tstzrange', 'now')
) AS cases(t, b),
LATERAL expect_error(format('SELECT %L::churn_summary',
	format('{"version": 1, "period_type": "%s", "period": ["%s", "%s"], "customers_at_start": 0, "customers_lost": 0, "customers_new": 0}',
		   t, b, CASE t WHEN 'daterange' THEN '5874897-12-31' WHEN 'tsrange' THEN '294276-12-31 23:59:59.999999'
						ELSE '294276-12-31 23:59:59.999999+00' END))) e
ORDER BY t, b;

-- Output -> input gives the same value for every kind of period the
-- aggregates accept: the three range types, fractional seconds, BC years
-- and the ends of each type's range, whatever DateStyle and TimeZone
-- (the bounds are written in ISO 8601, a tstzrange's in UTC).
SET DateStyle = 'SQL, DMY';
SET TimeZone = 'Asia/Kathmandu';
CREATE TEMP TABLE periods (label text, s churn_summary);
INSERT INTO periods
SELECT 'date', churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '2026-02-01'))
UNION ALL SELECT 'date, BC', churn_summary(daterange('0100-01-01 BC', NULL), daterange('0044-03-15 BC', '0001-01-01'))
UNION ALL SELECT 'date, first and last', churn_summary(daterange('4714-11-24 BC', NULL), daterange('4714-11-24 BC', '5874897-12-31'))
UNION ALL SELECT 'date, year 12026', churn_summary(daterange('2025-01-01', NULL), daterange('2026-01-01', '12026-01-01'))
UNION ALL SELECT 'timestamp', churn_summary(tsrange('2025-01-01', NULL), tsrange('2026-01-01 05:00', '2026-02-01 05:00'))
UNION ALL SELECT 'timestamp, fractions', churn_summary(tsrange('2025-01-01', NULL), tsrange('2026-01-01 05:00:00.000001', '2026-01-01 05:00:00.5'))
UNION ALL SELECT 'timestamp, BC', churn_summary(tsrange('0100-01-01 BC', NULL), tsrange('0044-03-15 12:34:56.789 BC', '0001-01-01 00:00:00'))
UNION ALL SELECT 'timestamp, first and last', churn_summary(tsrange('4714-11-24 00:00 BC', NULL), tsrange('4714-11-24 00:00 BC', '294276-12-31 23:59:59.999999'))
UNION ALL SELECT 'timestamptz', churn_summary(tstzrange('2025-01-01 00:00+00', NULL), tstzrange('2026-01-01 05:00-03', '2026-02-01 05:00-03'))
UNION ALL SELECT 'timestamptz, fractions', churn_summary(tstzrange('2025-01-01 00:00+00', NULL), tstzrange('2026-07-01 00:00:00.25+02', '2026-07-01 00:00:00.123457+00'))
UNION ALL SELECT 'timestamptz, BC', churn_summary(tstzrange('0100-01-01 00:00+00 BC', NULL), tstzrange('0044-03-15 12:00+00 BC', '0001-01-01 00:00+00'))
UNION ALL SELECT 'timestamptz, first and last', churn_summary(tstzrange('4714-11-24 00:00+00 BC', NULL), tstzrange('4714-11-24 00:00+00 BC', '294276-12-31 23:59:59.999999+00'))
UNION ALL SELECT 'revenue', churn_summary(tstzrange('2025-01-01 00:00+00', NULL), tstzrange('2026-01-01 00:00+00', '2026-02-01 00:00+00'), 0.1);
SELECT label, s::text::churn_summary = s AS reads_back, s::text::jsonb -> 'period' AS period
FROM periods ORDER BY label;
-- the same text reads back the same in another session's settings
CREATE TEMP TABLE periods_text AS SELECT label, s::text AS txt FROM periods;
SET DateStyle = 'Postgres, MDY';
SET TimeZone = 'America/St_Johns';
SELECT count(*) AS periods, count(*) FILTER (WHERE t.txt::churn_summary = p.s) AS same
FROM periods p JOIN periods_text t USING (label);
RESET DateStyle;
RESET TimeZone;
