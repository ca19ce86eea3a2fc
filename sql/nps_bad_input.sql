-- Bad input of every kind is an ERROR with an SQLSTATE, a message in
-- PostgreSQL's style and a hint or detail that says what is valid; never a
-- crash, never a silently wrong number.

-- One error shown as psql prints it ...
SELECT nps_agg(s) FROM (VALUES (9), (11)) v(s);
-- ... and the rest as rows: SQLSTATE, message, detail, hint.
\pset null '-'
SELECT label, e.*
FROM (VALUES
	('score 11', 'SELECT nps_agg(11)'),
	('score -1', 'SELECT nps_agg(-1)'),
	('smallint 11', 'SELECT nps_agg(11::smallint)'),
	('bigint beyond int', 'SELECT nps_agg(10000000000::bigint)'),
	('numeric 10.5', 'SELECT nps_agg(10.5)'),
	('numeric 7.5', 'SELECT nps_agg(7.5)'),
	('numeric -0.4', 'SELECT nps_agg(-0.4)'),
	('numeric NaN', 'SELECT nps_agg(''NaN''::numeric)'),
	('numeric Infinity', 'SELECT nps_agg(''Infinity''::numeric)'),
	('summary score 11', 'SELECT nps_summary(11)'),
	('weighted score 11', 'SELECT nps_agg(11, 1.0)'),
	('category 11', 'SELECT nps_category(11)'),
	('category 2.5', 'SELECT nps_category(2.5)'),
	('weight NaN', 'SELECT nps_agg(9, ''NaN''::float8)'),
	('weight -1', 'SELECT nps_agg(9, -1.0)'),
	('weight -1e-300', 'SELECT nps_agg(9, -1e-300)'),
	('weight 1e-200 (square underflows)', 'SELECT nps_agg(9, 1e-200)'),
	('weight Infinity', 'SELECT nps_agg(9, ''Infinity''::float8)'),
	('weight -Infinity', 'SELECT nps_agg(9, ''-Infinity''::float8)'),
	('numeric score, NaN weight', 'SELECT nps_summary(9::numeric, ''NaN''::float8)'),
	('weights overflow', 'SELECT nps_agg(9, w) FROM (VALUES (1e308), (1e308)) v(w)'),
	('squared weight overflow', 'SELECT nps_agg(9, 1e200)'),
	('level 0', 'SELECT ci_lower(nps_summary(9), 0)'),
	('level 1', 'SELECT ci_upper(nps_summary(9), 1)'),
	('level 95', 'SELECT ci_lower(nps_summary(9), 95)'),
	('level NaN', 'SELECT ci_upper(nps_summary(9), ''NaN'')'),
	('share 5..11', 'SELECT share(nps_summary(9), 5, 11)'),
	('share 8..7', 'SELECT share(nps_summary(9), 8, 7)'),
	('share -1..3', 'SELECT share(nps_summary(9), -1, 3)')
) AS cases(label, statement),
LATERAL expect_error(statement) e;

-- a failed aggregate leaves nothing behind: the next one is right
SELECT nps_agg(s) FROM (VALUES (9), (0), (10)) v(s);

-- Malformed text: the offending part is quoted.
SELECT label, e.code, e.detail, e.hint
FROM (VALUES
	('empty', ''),
	('not JSON', 'hello'),
	('empty object', '{}'),
	('truncated', '{"version": 1, "scale": [0, 10], "counts": [1, 2'),
	('truncated key', '{"version": 1, "sca'),
	('no closing brace', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0]'),
	('trailing garbage', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0]} x'),
	('unknown key', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0], "colour": 1}'),
	('satisfied_from on NPS', '{"version": 1, "scale": [0, 10], "satisfied_from": 9, "counts": [0,0,0,0,0,0,0,0,0,0,0]}'),
	('duplicate key', '{"version": 1, "version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0]}'),
	('version 2', '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0]}'),
	('version missing', '{"scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0]}'),
	('counts missing', '{"version": 1, "scale": [0, 10]}'),
	('wrong scale', '{"version": 1, "scale": [1, 10], "counts": [0,0,0,0,0,0,0,0,0,0]}'),
	('scale of three', '{"version": 1, "scale": [0, 5, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0]}'),
	('ten counts', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0]}'),
	('twelve counts', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,0,0]}'),
	('negative count', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,-1,0,0,0,0,0,0,0]}'),
	('fractional count', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,1.5,0,0,0,0,0,0,0]}'),
	('count beyond bigint', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,99999999999999999999,0,0,0,0,0,0,0]}'),
	('total beyond bigint', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,9223372036854775807,1,0,0,0,0,0,0]}'),
	('count as string', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,"1",0,0,0,0,0,0,0]}'),
	('weights without sum_sq', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,0], "weights": [0,0,0,0,0,0,0,0,0,1,0]}'),
	('NaN weight', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,0], "weights": [0,0,0,0,0,0,0,0,0,NaN,0], "sum_sq_weights": 1}'),
	('negative weight', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,0], "weights": [0,0,0,0,0,0,0,0,0,-2,0], "sum_sq_weights": 4}'),
	('infinite weight', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,0], "weights": [0,0,0,0,0,0,0,0,0,1e999,0], "sum_sq_weights": 1}'),
	('weight without answers', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,0], "weights": [0,0,0,0,0,0,0,0,0,1,1], "sum_sq_weights": 2}'),
	('negative sum_sq', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,0], "weights": [0,0,0,0,0,0,0,0,0,1,0], "sum_sq_weights": -1}'),
	('ten weights', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,0], "weights": [0,0,0,0,0,0,0,0,1,0], "sum_sq_weights": 1}'),
	('hex number', '{"version": 1, "scale": [0, 10], "counts": [0x1,0,0,0,0,0,0,0,0,0,0]}'),
	('leading zero', '{"version": 1, "scale": [0, 10], "counts": [01,0,0,0,0,0,0,0,0,0,0]}')
) AS cases(label, input),
LATERAL expect_error(format('SELECT %L::nps_summary', input)) e;
-- the message quotes the whole input
SELECT * FROM expect_error($$SELECT '{"version": 1, "scale": [0, 10], "counts": [1, x]}'::nps_summary$$);

-- Malformed binary input, received as COPY BINARY delivers it.  Start from
-- a valid value (94 bytes unweighted, 190 weighted) and break it.
CREATE TABLE good AS
SELECT nps_summary_send(nps_summary(s)) AS plain,
	   nps_summary_send(nps_summary(s, 0.5)) AS weighted
FROM unnest(ARRAY[0, 7, 9, 10]) s;
SELECT label, r.code, r.message, r.detail
FROM good, LATERAL (VALUES
	('valid, unchanged', plain),
	('empty', ''::bytea),
	('header only', substring(plain from 1 for 6)),
	('truncated count', substring(plain from 1 for 50)),
	('one byte short', substring(plain from 1 for 93)),
	('weighted, truncated weights', substring(weighted from 1 for 120)),
	('weighted, no sum of squares', substring(weighted from 1 for 182)),
	('one byte extra', plain || '\x00'::bytea),
	('version 0', set_byte(plain, 0, 0)),
	('version 2', set_byte(plain, 0, 2)),
	('kind CSAT', set_byte(plain, 1, 2)),
	('kind 255', set_byte(plain, 1, 255)),
	('scale 1..10', set_byte(plain, 2, 1)),
	('scale 0..11', set_byte(plain, 3, 11)),
	('satisfied band on NPS', set_byte(plain, 4, 9)),
	('unknown flag', set_byte(plain, 5, 4)),
	('scratch flag', set_byte(plain, 5, 2)),
	('negative count', overlay(plain placing '\xffffffffffffffff' from 7)),
	('total beyond bigint', overlay(overlay(plain placing '\x7fffffffffffffff' from 7) placing '\x7fffffffffffffff' from 15)),
	('weighted flag, plain body', set_byte(plain, 5, 1)),
	('NaN weight', overlay(weighted placing '\x7ff8000000000000' from 95)),
	('negative weight', overlay(weighted placing '\xbff0000000000000' from 95)),
	('infinite weight', overlay(weighted placing '\x7ff0000000000000' from 95)),
	('NaN sum of squares', overlay(weighted placing '\x7ff8000000000000' from 183)),
	('weight without answers', overlay(weighted placing '\x3ff0000000000000' from 95 + 8))
) AS cases(label, bytes),
LATERAL receive_binary('nps_summary', bytes) r;
\pset null ''

-- counts never wrap around, even for a state handed in directly
SELECT * FROM expect_error($$SELECT nps_trans('{"version": 1, "scale": [0, 10], "counts": [9223372036854775807, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}', 0)$$);

-- stored weights must fit together: the sum of squares lies between
-- (sum w)^2 / n and (sum w)^2, and nonzero weights are at least 1e-150
SELECT label, e.code, e.detail
FROM (VALUES
	('squares too small', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,1], "weights": [0,0,0,0,0,0,0,0,0,1,1], "sum_sq_weights": 1}'),
	('squares too large', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,1], "weights": [0,0,0,0,0,0,0,0,0,1,1], "sum_sq_weights": 5}'),
	('squares without weight', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,1], "weights": [0,0,0,0,0,0,0,0,0,0,0], "sum_sq_weights": 1}'),
	('weight below 1e-150', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,0], "weights": [0,0,0,0,0,0,0,0,0,1e-200,0], "sum_sq_weights": 0}'),
	('fits: (1 + 1)^2 / 2 <= 2 <= (1 + 1)^2', '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,1], "weights": [0,0,0,0,0,0,0,0,0,1,1], "sum_sq_weights": 2}')
) AS cases(label, input),
LATERAL expect_error(format('SELECT %L::nps_summary', input)) e;
