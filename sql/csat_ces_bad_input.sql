-- Bad input to CSAT and CES: out-of-range scores for the scale in use,
-- invalid scales and bands, mixed scales, bad weights and levels, and
-- malformed text and binary summaries.  Each is an ERROR with SQLSTATE,
-- message and hint or detail (helpers from the setup suite).
\pset null '-'
SELECT label, e.*
FROM (VALUES
	('CSAT 0 on 1..5', 'SELECT csat_agg(0)'),
	('CSAT 6 on 1..5', 'SELECT csat_agg(6)'),
	('CSAT 8 on 1..7', 'SELECT csat_agg(8, 7)'),
	('CSAT 4.5', 'SELECT csat_agg(4.5)'),
	('CSAT numeric 6', 'SELECT csat_agg(6::numeric, 5)'),
	('CSAT smallint 6', 'SELECT csat_agg(6::smallint, 5, 4)'),
	('CSAT scale_max 1', 'SELECT csat_agg(1, 1)'),
	('CSAT scale_max 11', 'SELECT csat_agg(1, 11)'),
	('CSAT scale_max NULL', 'SELECT csat_agg(1, NULL::int)'),
	('CSAT satisfied_from 0', 'SELECT csat_agg(1, 5, 0)'),
	('CSAT satisfied_from 6 on 1..5', 'SELECT csat_agg(1, 5, 6)'),
	('CSAT satisfied_from NULL', 'SELECT csat_summary(1, 5, NULL::int)'),
	('CSAT weight NaN', 'SELECT csat_agg(5, ''NaN''::float8)'),
	('CSAT weight -2', 'SELECT csat_agg(5, 5, -2.0)'),
	('CSAT weight Infinity', 'SELECT csat_agg(5, 5, 4, ''Infinity''::float8)'),
	('CSAT mixed scales in one aggregate', 'SELECT csat_agg(s, k) FROM (VALUES (1, 5), (1, 7)) v(s, k)'),
	('CSAT mixed bands in one aggregate', 'SELECT csat_agg(s, 5, b) FROM (VALUES (1, 4), (1, 5)) v(s, b)'),
	('CSAT + of different scales', 'SELECT csat_summary(1) + csat_summary(1, 7)'),
	('CSAT + of different bands', 'SELECT csat_summary(1, 5, 4) + csat_summary(1, 5, 5)'),
	('CSAT roll-up of different scales', 'SELECT csat_agg(c) FROM (SELECT csat_summary(1, 4) AS c UNION ALL SELECT csat_summary(1, 5)) t'),
	('csat(s, 0)', 'SELECT csat(csat_summary(3), 0)'),
	('csat(s, 6) on 1..5', 'SELECT csat(csat_summary(3), 6)'),
	('CSAT share 0..3', 'SELECT share(csat_summary(3), 0, 3)'),
	('CSAT level 1.5', 'SELECT ci_lower(csat_summary(3), 1.5)'),
	('CES 0', 'SELECT ces_agg(0)'),
	('CES 8 on 1..7', 'SELECT ces_agg(8)'),
	('CES 6 on 1..5', 'SELECT ces_agg(6, 5)'),
	('CES 2.5', 'SELECT ces_agg(2.5)'),
	('CES scale_max 11', 'SELECT ces_summary(3, 11)'),
	('CES weight -1', 'SELECT ces_agg(3, -1.0)'),
	('CES weight NaN', 'SELECT ces_summary(3, 7, ''NaN''::float8)'),
	('CES mixed scales', 'SELECT ces_agg(s, k) FROM (VALUES (1, 5), (1, 7)) v(s, k)'),
	('CES + of different scales', 'SELECT ces_summary(1) + ces_summary(1, 5)'),
	('CES share 6..8', 'SELECT share(ces_summary(3), 6, 8)'),
	('CES level 0', 'SELECT ci_upper(ces_summary(3) + ces_summary(4), 0)')
) AS cases(label, statement),
LATERAL expect_error(statement) e;

-- Malformed text
SELECT label, e.code, e.detail, e.hint
FROM (VALUES
	('csat_summary', 'CSAT without band', '{"version": 1, "scale": [1, 5], "counts": [0, 0, 0, 0, 0]}'),
	('csat_summary', 'CSAT band 6 on 1..5', '{"version": 1, "scale": [1, 5], "satisfied_from": 6, "counts": [0, 0, 0, 0, 0]}'),
	('csat_summary', 'CSAT band 0', '{"version": 1, "scale": [1, 5], "satisfied_from": 0, "counts": [0, 0, 0, 0, 0]}'),
	('csat_summary', 'CSAT scale 1..1', '{"version": 1, "scale": [1, 1], "satisfied_from": 1, "counts": [0]}'),
	('csat_summary', 'CSAT scale 1..11', '{"version": 1, "scale": [1, 11], "satisfied_from": 10, "counts": [0,0,0,0,0,0,0,0,0,0,0]}'),
	('csat_summary', 'CSAT scale 0..5', '{"version": 1, "scale": [0, 5], "satisfied_from": 4, "counts": [0, 0, 0, 0, 0, 0]}'),
	('csat_summary', 'CSAT four counts on 1..5', '{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [0, 0, 0, 0]}'),
	('csat_summary', 'CSAT an NPS text', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0]}'),
	('ces_summary', 'CES with a band', '{"version": 1, "scale": [1, 7], "satisfied_from": 5, "counts": [0, 0, 0, 0, 0, 0, 0]}'),
	('ces_summary', 'CES scale 1..12', '{"version": 1, "scale": [1, 12], "counts": [0,0,0,0,0,0,0,0,0,0,0,0]}'),
	('ces_summary', 'CES eight counts on 1..7', '{"version": 1, "scale": [1, 7], "counts": [0, 0, 0, 0, 0, 0, 0, 0]}'),
	('ces_summary', 'CES negative weight', '{"version": 1, "scale": [1, 7], "counts": [0, 0, 1, 0, 0, 0, 0], "weights": [0, 0, -1, 0, 0, 0, 0], "sum_sq_weights": 1}')
) AS cases(type, label, input),
LATERAL expect_error(format('SELECT %L::%s', input, type)) e;

-- Malformed binary: start from valid values and break them
CREATE TABLE good_scaled AS
SELECT csat_summary_send(csat_summary(s)) AS csat, ces_summary_send(ces_summary(s, 5)) AS ces
FROM unnest(ARRAY[1, 4, 5]) s;
SELECT label, r.code, r.detail
FROM good_scaled, LATERAL (VALUES
	('csat_summary', 'CSAT valid', csat),
	('csat_summary', 'CSAT truncated', substring(csat from 1 for 40)),
	('csat_summary', 'CSAT band 0', set_byte(csat, 4, 0)),
	('csat_summary', 'CSAT band 6', set_byte(csat, 4, 6)),
	('csat_summary', 'CSAT scale 1..11', set_byte(csat, 3, 11)),
	('csat_summary', 'CSAT scale 1..4 (one count too many)', set_byte(csat, 3, 4)),
	('csat_summary', 'CSAT scale 0..5', set_byte(csat, 2, 0)),
	('csat_summary', 'CSAT kind NPS', set_byte(csat, 1, 1)),
	('ces_summary', 'CES valid', ces),
	('ces_summary', 'CES with a band', set_byte(ces, 4, 3)),
	('ces_summary', 'CES scale 1..1', set_byte(ces, 3, 1)),
	('ces_summary', 'CES a CSAT value', csat),
	('nps_summary', 'NPS a CES value', ces)
) AS cases(type, label, bytes),
LATERAL receive_binary(type::regtype, bytes) r;
\pset null ''
