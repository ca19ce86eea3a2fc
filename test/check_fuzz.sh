#!/usr/bin/env bash
# Fuzz the summary types' input paths through the running server.
#
# For each of nps_summary, csat_summary, ces_summary and churn_summary:
#   text   valid outputs of random summaries, then every truncation of each,
#          every one-character deletion of a few, random mutations (byte
#          flips, inserted and deleted characters, huge / negative / NaN /
#          Infinity / 1e999 numbers, wrong versions, duplicated, missing,
#          unknown and reordered keys, white space, splices of two inputs),
#          structure-aware random objects and random printable junk; read
#          in a session with DateStyle 'SQL, DMY', TimeZone Asia/Kathmandu
#          and extra_float_digits 0, and checked again in a default one;
#   binary the send form of the same summaries, every truncation, every
#          value of every header byte (version, kind, scale, band, flags,
#          period type), bit flips, int8 / float8 fields overwritten with
#          huge counts, NaN, infinities, -0, subnormals and out-of-range
#          dates, appended and deleted bytes, random bytes, splices across
#          types; each fed to the type's receive function through COPY
#          (FORMAT binary), as a client would.
#
# Everything is generated inside the database by PL/pgSQL from setseed(),
# so a run is reproducible: CX_FUZZ_SEED picks another stream.
#
# Each input must either
#   - fail with a clean ERROR whose SQLSTATE is of class 22 (data
#     exception: 22P02 bad text, 22P03 bad binary, 22007/22008 bad dates,
#     22003 out of range ...) or be 08P01 (protocol_violation: what
#     PostgreSQL's own message readers raise for a message that ends
#     early, the server's standard answer to malformed wire data); anything
#     else, XX000 internal errors above all, is a failure; or
#   - be accepted, and then its text output must read back to an equal
#     value whose output is identical (output -> input -> output, and `=`),
#     its binary form (send) must be received back as an equal value with
#     the same output, and every accessor (and a + a, and the roll-up) must
#     either answer or fail with a class-22 error.
# Accessors that answer NaN, Infinity or outside their documented range for
# an accepted value are listed as notes, not failures: such values pass
# the documented input checks but no aggregate builds them in practice.
#
# The server must not crash: pg_postmaster_start_time() must not change and
# the server log ($PGHOST/server.log, from this run on) must not contain
# "terminated by signal", "PANIC" or "TRAP".  If a run dies, it is replayed
# with every input written to the server log first, and the last one shown.
#
# Needs a running server (PGHOST, PGPORT, PGUSER as a superuser); creates
# and drops the database cx_check_fuzz.  Exits non-zero on any failure and
# prints the failing inputs exactly (the shortest 20 of each kind).
#
# Environment: CX_FUZZ_SEED (default 1), CX_FUZZ_TEXT and CX_FUZZ_BINARY
# (inputs per type, defaults 25000 and 12000), CX_FUZZ_KEEP (keep the
# database, to look at its tables fz_fail, fz_note, fz_outcome).
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

SEED=${CX_FUZZ_SEED:-1}
TEXT_PER_TYPE=${CX_FUZZ_TEXT:-25000}
BINARY_PER_TYPE=${CX_FUZZ_BINARY:-12000}
DB=cx_check_fuzz
TYPES="nps_summary csat_summary ces_summary churn_summary"

cx_watch_server
data_directory=$(q_admin -Atc "SHOW data_directory")

# The server writes and reads one scratch file per binary input.  On tmpfs
# that costs microseconds; overwriting a file on a disk file system can
# cost a millisecond, so prefer /dev/shm when there is one.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	SCRATCH=$(mktemp -d /dev/shm/cx_fuzz.XXXXXX)
else
	SCRATCH=$(mktemp -d)
fi
chmod 755 "$SCRATCH"
if [ "$(id -u)" = 0 ]; then
	chown "$(stat -c %U "$data_directory")" "$SCRATCH"
fi

cx_on_exit rm -rf "$SCRATCH"
[ -n "${CX_FUZZ_KEEP:-}" ] || cx_on_exit cx_drop_databases "$DB"

q_admin -c "DROP DATABASE IF EXISTS $DB" >/dev/null
q_admin -c "CREATE DATABASE $DB TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
q "$DB" -c "CREATE EXTENSION cx_metrics" >/dev/null

echo "fuzz: seed $SEED, $TEXT_PER_TYPE text and $BINARY_PER_TYPE binary inputs per type"

# ---------------------------------------------------------------------------
# Shared pieces: bookkeeping tables, the random generator, the mutators.
# ---------------------------------------------------------------------------
q "$DB" <<'SQL'
SET client_min_messages = warning;

-- one row per input tried
CREATE TABLE fz_outcome (typ text, path text, origin text, code text);
-- every failure, with the exact input
CREATE TABLE fz_fail (typ text, path text, origin text, input text, problem text);
-- accepted values whose accessors answer outside their documented ranges
CREATE TABLE fz_note (typ text, src text, origin text, input text, value text, problem text);
-- the starting points: valid text outputs of random and extreme summaries
CREATE TABLE fz_base (typ text, id serial, txt text);

-- integers 0..n-1 and picks from an array, from the seeded random()
CREATE FUNCTION fz_int(n integer) RETURNS integer LANGUAGE sql AS
$$ SELECT floor(random() * n)::integer $$;
CREATE FUNCTION fz_pick(a text[]) RETURNS text LANGUAGE sql AS
$$ SELECT a[1 + floor(random() * cardinality(a))::integer] $$;
CREATE FUNCTION fz_pick(a bytea[]) RETURNS bytea LANGUAGE sql AS
$$ SELECT a[1 + floor(random() * cardinality(a))::integer] $$;

-- a stream per (run seed, phase)
CREATE FUNCTION fz_seed(seed integer, phase integer) RETURNS void LANGUAGE sql AS
$$ SELECT setseed(((hashint8(seed::bigint * 1000 + phase) & 2147483647)::float8 / 2147483647.0) * 2 - 1) $$;

-- an input shown exactly: a literal, with the bytes when it has any
-- character that does not print
CREATE FUNCTION fz_show(s text) RETURNS text LANGUAGE sql AS $$
	SELECT quote_literal(s) ||
		CASE WHEN s ~ '[^ -~]' THEN ' (UTF-8 bytes ' || encode(convert_to(s, 'UTF8'), 'hex') || ')' ELSE '' END
$$;

-- class 22 (data exception) or 08P01 (protocol violation): a clean refusal
CREATE FUNCTION fz_clean(code text) RETURNS boolean LANGUAGE sql AS
$$ SELECT left(code, 2) = '22' OR code = '08P01' $$;

-- numbers a JSON reader may choke on
CREATE FUNCTION fz_numbers() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY[
	'0', '1', '2', '-1', '10', '11', '-0', '0.0', '1.0', '1e0', '1E+0', '1e-0', '01', '00',
	'9223372036854775807', '9223372036854775808', '-9223372036854775808',
	'18446744073709551615', '99999999999999999999999999999999',
	'4611686018427387904', '9007199254740993', '4503599627370497',
	'1e999', '-1e999', '1e-400', '-1e-400', '1e308', '1.7976931348623157e308',
	'1.7976931348623159e308', '4.9e-324', '5e-324', '2e-324', '2.2250738585072014e-308',
	'2.225073858507201e-308', '1e22', '1e23', '0.1', '0.5', '1e-5', '3.0000000000000004',
	'123456789.123456789', '-0.0', '-5e-324', '-1.5',
	'NaN', 'nan', 'Infinity', '-Infinity', 'inf', 'null', 'true', '"1"', '[]', '{}',
	'0x10', '+1', '.5', '5.', '1e', '1e+', '--1', '1..2', '1.2.3', '١',
	'1' || repeat('0', 400), '0.' || repeat('0', 400) || '1', repeat('9', 5000)
]::text[] $$;

-- strings: keys, range type names, dates and times good and bad
CREATE FUNCTION fz_strings() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY[
	'"version"', '"scale"', '"satisfied_from"', '"counts"', '"weights"', '"sum_sq_weights"',
	'"period_type"', '"period"', '"customers_at_start"', '"customers_lost"', '"customers_new"',
	'"revenue_at_start"', '"revenue_lost"', '"sum_sq_revenue"', '"sum_sq_revenue_lost"',
	'"Version"', '"versio"', '"version "', '""', '"x"', '"colour"', '"' || repeat('a', 40) || '"',
	'"versionversionversionversionversionversion"', '"counts\"', '"a\"b"', '"\u0041"', '"',
	'"daterange"', '"tsrange"', '"tstzrange"', '"int4range"', '"DATERANGE"', '"none"',
	'"2026-01-01"', '"2026-02-01"', '"infinity"', '"-infinity"', '"epoch"', '"now"',
	'"today"', '"tomorrow"', '"yesterday"', '"allballs"', '"294276-12-31"', '"294277-01-01"',
	'"294276-12-31 23:59:59.999999"', '"294276-12-31 23:59:59.999999+00"',
	'"294277-01-01 00:00:00+00"', '"5874897-12-31"', '"5874898-01-01"',
	'"4714-11-24 BC"', '"4714-11-23 BC"', '"4714-11-24 00:00:00+00 BC"',
	'"4714-11-23 23:59:59.999999+00 BC"', '"2026-02-30"', '"2026-13-01"', '"2026-00-10"',
	'"2026-01-01 24:00:00"', '"2026-01-01 23:59:60"', '"2026-01-01 00:00:00+15:59"',
	'"2026-01-01 00:00:00-15:59:59"', '"2026-01-01 00:00:00+16"',
	'"2026-01-01 00:00:00 America/New_York"', '"2026-01-01 00:00:00 Mars/Olympus"',
	'"J2461042"', '"20260101"', '"1/2/2026"', '"2026-01-01T12:00:00.123456789Z"',
	'"2026-01-01 12:00:00.9999995"', '"2026-01-01 12:00:00.9999994"', '"0001-01-01 BC"',
	'"0000-01-01"', '"2026-01-01 ' || repeat('9', 100) || '"', '"' || repeat('2026-', 300) || '"'
]::text[] $$;

CREATE FUNCTION fz_keys() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY[
	'"version"', '"scale"', '"satisfied_from"', '"counts"', '"weights"', '"sum_sq_weights"',
	'"period_type"', '"period"', '"customers_at_start"', '"customers_lost"', '"customers_new"',
	'"revenue_at_start"', '"revenue_lost"', '"sum_sq_revenue"', '"sum_sq_revenue_lost"', '"Version"', '""', '"x"',
	'"scales"', '"count"', 'version', '"version" "version"'
]::text[] $$;

-- one character: mostly printable ASCII, sometimes a control or a
-- multi-byte character
CREATE FUNCTION fz_char() RETURNS text LANGUAGE sql AS $$
	SELECT CASE WHEN random() < 0.85 THEN chr(32 + fz_int(95))
		ELSE fz_pick(ARRAY[E'\t', E'\n', E'\r', E'\x0b', E'\x0c', E'\x01', E'\x7f',
						   chr(160), chr(233), chr(8364), chr(65279), chr(128512)]) END
$$;

CREATE FUNCTION fz_junk(max_len integer) RETURNS text LANGUAGE sql AS $$
	SELECT coalesce(string_agg(fz_char(), ''), '') FROM generate_series(1, fz_int(max_len + 1))
$$;

-- a regexp_replace replacement that stands for itself
CREATE FUNCTION fz_lit(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT replace(s, '\', '\\') $$;

-- random JSON-looking token soup
CREATE FUNCTION fz_tokens() RETURNS text LANGUAGE sql AS $$
	SELECT CASE WHEN random() < 0.7 THEN '{' ELSE '' END ||
		coalesce(string_agg(
			CASE fz_int(4) WHEN 0 THEN fz_pick(fz_keys()) WHEN 1 THEN fz_pick(fz_numbers())
				WHEN 2 THEN fz_pick(fz_strings())
				ELSE fz_pick(ARRAY[':', ',', '[', ']', '{', '}', ' ', ': ', ', ', '[1, 2]', '"']) END,
			''), '') ||
		CASE WHEN random() < 0.7 THEN '}' ELSE '' END
	FROM generate_series(1, 1 + fz_int(30))
$$;

-- a count: small, zero, or huge
CREATE FUNCTION fz_count_text() RETURNS text LANGUAGE sql AS $$
	SELECT CASE fz_int(8)
		WHEN 0 THEN '0' WHEN 1 THEN fz_int(3)::text WHEN 2 THEN fz_int(1000000)::text
		WHEN 3 THEN fz_pick(ARRAY['9223372036854775807', '4611686018427387904',
								  '9007199254740993', '9223372036854775806'])
		WHEN 4 THEN fz_pick(fz_numbers())
		ELSE fz_int(20)::text END
$$;

-- a weight as text: exact, ugly, tiny, huge, or hostile
CREATE FUNCTION fz_weight_text() RETURNS text LANGUAGE sql AS $$
	SELECT CASE fz_int(9)
		WHEN 0 THEN '0' WHEN 1 THEN ((1 + fz_int(16)) / 8.0)::float8::text
		WHEN 2 THEN (random() * 10)::text
		WHEN 3 THEN power(10::float8, random() * 600 - 300)::text
		WHEN 4 THEN fz_pick(ARRAY['5e-324', '1e-320', '2.225073858507201e-308', '1.7976931348623157e308',
								  '1e308', '0.1', '-0', '1', '3'])
		WHEN 5 THEN fz_pick(fz_numbers())
		ELSE (fz_int(100))::text END
$$;

-- a JSON array of n items made by gen
CREATE FUNCTION fz_array(items text[]) RETURNS text LANGUAGE sql AS
$$ SELECT '[' || array_to_string(items, ', ') || ']' $$;

-- white space between tokens: usually a space, sometimes none or more
CREATE FUNCTION fz_ws() RETURNS text LANGUAGE sql AS $$
	SELECT fz_pick(ARRAY[' ', ' ', ' ', '', E'\n', E'\t', E'  \r\n  ', '   '])
$$;

-- A structure-aware random object of the given type: members picked,
-- valued and ordered at random, mostly well-formed.
CREATE FUNCTION fz_generate(typ text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	members text[] := '{}';
	lo integer;
	hi integer;
	width integer;
	c text[];
	w text[];
	i integer;
	ws text := fz_ws();
	t integer;
	d1 timestamp;
	d2 timestamp;
	fmt text;
	at_start bigint;
BEGIN
	IF random() < 0.95 THEN
		members := members || ('"version":' || ws || fz_pick(ARRAY['1', '1', '1', '1', '1', '0', '2', '01', '1.0', '-1', '255', '257']));
	END IF;
	IF typ <> 'churn_summary' THEN
		lo := CASE WHEN typ = 'nps_summary' THEN 0 ELSE 1 END;
		hi := CASE WHEN typ = 'nps_summary' THEN 10 ELSE 2 + fz_int(9) END;
		IF random() < 0.1 THEN lo := fz_int(3) - (fz_int(5) / 4); END IF;
		IF random() < 0.1 THEN hi := fz_int(13); END IF;
		width := greatest(hi - lo + 1, 0);
		IF random() < 0.1 THEN width := greatest(width + fz_int(3) - 1, 0); END IF;
		IF random() < 0.97 THEN
			members := members || ('"scale":' || ws || '[' || lo || ',' || ws || hi || ']');
		END IF;
		IF (typ = 'csat_summary' AND random() < 0.97) OR random() < 0.03 THEN
			members := members || ('"satisfied_from":' || ws ||
				CASE WHEN random() < 0.9 THEN (1 + fz_int(greatest(hi, 1)))::text ELSE fz_pick(fz_numbers()) END);
		END IF;
		c := ARRAY(SELECT CASE WHEN random() < 0.6 THEN fz_int(50)::text ELSE fz_count_text() END
				   FROM generate_series(1, width));
		IF random() < 0.97 THEN
			members := members || ('"counts":' || ws || fz_array(c));
		END IF;
		IF random() < 0.5 THEN
			IF random() < 0.2 THEN
				w := c;				-- weights equal to the counts
			ELSE
				w := ARRAY(SELECT CASE WHEN c[g] = '0' AND random() < 0.9 THEN '0' ELSE fz_weight_text() END
						   FROM generate_series(1, width) g);
			END IF;
			IF random() < 0.97 THEN
				members := members || ('"weights":' || ws || fz_array(w));
			END IF;
			IF random() < 0.97 THEN
				members := members || ('"sum_sq_weights":' || ws || fz_weight_text());
			END IF;
		END IF;
	ELSE
		t := CASE WHEN random() < 0.97 THEN 1 + fz_int(3) ELSE 4 END;
		IF random() < 0.97 THEN
			members := members || ('"period_type":' || ws ||
				(ARRAY['"tstzrange"', '"tsrange"', '"daterange"', '"int4range"'])[t]);
		END IF;
		d1 := timestamp '2000-01-01' + (random() * 20000 - 10000) * interval '1 day';
		d2 := d1 + (random() * 400 - 20) * interval '1 day';
		fmt := CASE t WHEN 3 THEN 'YYYY-MM-DD' WHEN 2 THEN 'YYYY-MM-DD HH24:MI:SS.US'
			ELSE 'YYYY-MM-DD HH24:MI:SS.US"+0' || fz_int(10) || '"' END;
		IF random() < 0.97 THEN
			members := members || ('"period":' || ws || '[' ||
				CASE WHEN random() < 0.9 THEN '"' || to_char(d1, fmt) || '"' ELSE fz_pick(fz_strings()) END ||
				',' || ws ||
				CASE WHEN random() < 0.9 THEN '"' || to_char(d2, fmt) || '"' ELSE fz_pick(fz_strings()) END || ']');
		END IF;
		at_start := CASE WHEN random() < 0.9 THEN fz_int(1000) ELSE 9223372036854775807 - fz_int(2) END;
		IF random() < 0.97 THEN
			members := members || ('"customers_at_start":' || ws ||
				CASE WHEN random() < 0.95 THEN at_start::text ELSE fz_count_text() END);
		END IF;
		IF random() < 0.97 THEN
			members := members || ('"customers_lost":' || ws ||
				CASE WHEN random() < 0.9 THEN floor(random() * (at_start::numeric + 1))::text ELSE fz_count_text() END);
		END IF;
		IF random() < 0.97 THEN
			members := members || ('"customers_new":' || ws || fz_count_text());
		END IF;
		IF random() < 0.4 THEN
			FOR i IN 1..4 LOOP
				IF random() < (ARRAY[0.95, 0.95, 0.95, 0.5])[i] THEN
					members := members || ((ARRAY['"revenue_at_start":', '"revenue_lost":', '"sum_sq_revenue":',
												  '"sum_sq_revenue_lost":'])[i] ||
						ws || CASE WHEN at_start = 0 AND random() < 0.8 THEN '0' ELSE fz_weight_text() END);
				END IF;
			END LOOP;
		END IF;
	END IF;
	IF random() < 0.03 THEN
		members := members || (fz_pick(fz_keys()) || ':' || ws || fz_pick(fz_numbers()));
	END IF;
	IF random() < 0.03 AND cardinality(members) > 0 THEN
		members := members || members[1 + fz_int(cardinality(members))];
	END IF;
	IF random() < 0.5 THEN
		members := ARRAY(SELECT m FROM unnest(members) m ORDER BY random());
	END IF;
	RETURN fz_pick(ARRAY['', '', '', ' ', E'\n']) || '{' || array_to_string(members, ',' || ws) || '}' ||
		fz_pick(ARRAY['', '', '', ' ', E'\n', E'\t']);
END
$$;

-- One random edit of a text input; donor is another input for splices.
CREATE FUNCTION fz_mutate_text(s text, donor text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	len integer := length(s);
	numpat constant text := '-?[0-9][0-9.eE+-]*';
	strpat constant text := '"[^"]*"';
	mempat constant text := '"[a-z_]+"\s*:\s*(\[[^]]*\]|"[^"]*"|[^,}]*)';
	arrpat constant text := '\[[^][]*\]';
	n integer;
	k integer;
	p integer;
	m text;
	ws text;
BEGIN
	CASE fz_int(19)
	WHEN 0 THEN								-- truncate
		RETURN left(s, fz_int(len + 1));
	WHEN 1 THEN								-- overwrite a character
		RETURN overlay(s placing fz_char() from 1 + fz_int(greatest(len, 1)) for 1);
	WHEN 2 THEN								-- insert a character
		RETURN overlay(s placing fz_char() from 1 + fz_int(len + 1) for 0);
	WHEN 3 THEN								-- delete a few characters
		RETURN overlay(s placing '' from 1 + fz_int(greatest(len, 1)) for 1 + fz_int(4));
	WHEN 4, 5 THEN							-- a number becomes a hostile one
		n := regexp_count(s, numpat);
		IF n = 0 THEN RETURN s || fz_pick(fz_numbers()); END IF;
		RETURN regexp_replace(s, numpat, fz_lit(fz_pick(fz_numbers())), 1, 1 + fz_int(n));
	WHEN 6 THEN								-- a string becomes another
		n := regexp_count(s, strpat);
		IF n = 0 THEN RETURN fz_pick(fz_strings()) || s; END IF;
		RETURN regexp_replace(s, strpat, fz_lit(fz_pick(fz_strings())), 1, 1 + fz_int(n));
	WHEN 7 THEN								-- a member twice
		n := regexp_count(s, mempat);
		IF n = 0 THEN RETURN s || ','; END IF;
		m := regexp_substr(s, mempat, 1, 1 + fz_int(n));
		IF random() < 0.5 THEN
			RETURN regexp_replace(s, '}\s*$', fz_lit(', ' || m || '}'));
		END IF;
		RETURN regexp_replace(s, '^\s*\{', fz_lit('{' || m || ', '));
	WHEN 8 THEN								-- a member missing
		n := regexp_count(s, mempat);
		IF n = 0 THEN RETURN ''; END IF;
		RETURN regexp_replace(s, mempat || '\s*,?\s*', '', 1, 1 + fz_int(n));
	WHEN 9 THEN								-- members in another order
		n := regexp_count(s, mempat);
		IF n = 0 THEN RETURN s; END IF;
		RETURN '{' || (SELECT string_agg(regexp_substr(s, mempat, 1, g), ', ' ORDER BY random())
					   FROM generate_series(1, n) g) || '}';
	WHEN 10 THEN							-- other white space
		ws := fz_pick(ARRAY['', ' ', E'\n', E'\t', E' \r\n ', '    ', E'\x0b', E'\x0c', chr(160)]);
		RETURN ws || regexp_replace(s, '\s*([][{}:,])\s*', '\1' || fz_lit(ws), 'g') || ws;
	WHEN 11 THEN							-- a key renamed
		n := regexp_count(s, '"[a-zA-Z_]*"\s*:');
		IF n = 0 THEN RETURN s; END IF;
		RETURN regexp_replace(s, '"[a-zA-Z_]*"\s*:', fz_lit(fz_pick(fz_keys()) || ':'), 1, 1 + fz_int(n));
	WHEN 12 THEN							-- splice with another input
		RETURN left(s, fz_int(len + 1)) || substr(donor, 1 + fz_int(length(donor) + 1));
	WHEN 13 THEN							-- a slice repeated
		p := 1 + fz_int(greatest(len, 1));
		RETURN overlay(s placing substr(s, p, 1 + fz_int(40)) from p for 0);
	WHEN 14 THEN							-- a structural character changed
		n := regexp_count(s, '[][{}:,"]');
		IF n = 0 THEN RETURN s; END IF;
		RETURN regexp_replace(s, '[][{}:,"]',
			fz_lit(fz_pick(ARRAY['[', ']', '{', '}', ':', ',', '"', '', ' ', ',,', '[[', '}}'])), 1, 1 + fz_int(n));
	WHEN 15 THEN							-- another version
		RETURN regexp_replace(s, '"version"\s*:\s*[^,}]*',
			fz_lit('"version": ' || fz_pick(ARRAY['0', '2', '-1', '1.0', '01', '1e0', '255', '256', '65537',
												  '4294967297', '9223372036854775807', '"1"', 'null', ''])));
	WHEN 16 THEN							-- an array one longer, shorter or empty
		n := regexp_count(s, arrpat);
		IF n = 0 THEN RETURN s || '[]'; END IF;
		k := 1 + fz_int(n);
		m := regexp_substr(s, arrpat, 1, k);
		m := CASE fz_int(4)
			WHEN 0 THEN regexp_replace(m, '\]$', ', ' || fz_lit(fz_pick(ARRAY['0', '1', '7', '0.5', '"x"'])) || ']')
			WHEN 1 THEN regexp_replace(m, ',[^,]*\]$', ']')
			WHEN 2 THEN '[]'
			ELSE '[' || m || ']' END;
		RETURN regexp_replace(s, arrpat, fz_lit(m), 1, k);
	WHEN 17 THEN							-- a digit run one more, one less
		n := regexp_count(s, '[0-9]+');
		IF n = 0 THEN RETURN s; END IF;
		k := 1 + fz_int(n);
		m := regexp_substr(s, '[0-9]+', 1, k);
		IF length(m) <= 18 THEN
			m := (m::bigint + fz_int(3) - 1)::text;
		ELSE
			m := m || fz_int(10);
		END IF;
		RETURN regexp_replace(s, '[0-9]+', m, 1, k);
	ELSE									-- upper case, or junk in the middle
		IF random() < 0.5 THEN
			p := 1 + fz_int(greatest(len, 1));
			RETURN left(s, p) || upper(substr(s, p + 1, 1 + fz_int(10))) || substr(s, p + 12);
		END IF;
		p := 1 + fz_int(len + 1);
		RETURN overlay(s placing fz_junk(12) from p for 0);
	END CASE;
END
$$;

-- random bytes
CREATE FUNCTION fz_bytes(n integer) RETURNS bytea LANGUAGE sql AS $$
	SELECT coalesce(decode(string_agg(lpad(to_hex(fz_int(256)), 2, '0'), ''), 'hex'), ''::bytea)
	FROM generate_series(1, n)
$$;

-- 8-byte fields worth trying: int8 and float8 edge values, big-endian
CREATE FUNCTION fz_fields() RETURNS bytea[] LANGUAGE sql IMMUTABLE AS $$ SELECT
	ARRAY(SELECT int8send(v) FROM unnest(ARRAY[
		0, 1, 2, 10, 11, -1, -2, 9223372036854775807, -9223372036854775808,
		9223372036854775806, 4611686018427387904, 9007199254740993,
		-211813488000000000, -211813488000000001, 9223371331199999999, 9223371331200000000,
		-2451545, -2451546, 2145031948, 2145031949, 2147483647, -2147483648, 2147483648,
		-9223372036854775807, 86400000000, 820454400000000, 9496]::bigint[]) v)
	|| ARRAY(SELECT float8send(v) FROM unnest(ARRAY[
		'NaN', 'Infinity', '-Infinity', '-0', '5e-324', '-5e-324', '2.225073858507201e-308',
		'2.2250738585072014e-308', '1.7976931348623157e308', '-1.7976931348623157e308',
		'1', '-1', '0.5', '0.1', '1e308', '9007199254740992', '9223372036854775808', '3',
		'11', '1e-300']::float8[]) v)
	|| ARRAY['\x7ff0000000000001', '\xfff8000000000000', '\x7ff8000000000001',
			 '\x7fffffffffffffff', '\xffffffffffffffff', '\x000fffffffffffff']::bytea[]
$$;

-- One random edit of a binary input with a header of hdr bytes (the rest
-- is 8-byte fields); donor is another input for splices.
CREATE FUNCTION fz_mutate_binary(b bytea, hdr integer, donor bytea) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE
	len integer := length(b);
	fields integer := greatest((len - hdr) / 8, 0);
	p integer;
	k integer;
BEGIN
	CASE fz_int(14)
	WHEN 0 THEN								-- truncate
		RETURN substring(b from 1 for fz_int(len + 1));
	WHEN 1, 2 THEN							-- flip one to three bits
		FOR k IN 1..1 + fz_int(3) LOOP
			IF len > 0 THEN
				p := fz_int(len * 8);
				b := set_bit(b, p, 1 - get_bit(b, p));
			END IF;
		END LOOP;
		RETURN b;
	WHEN 3 THEN								-- one byte anywhere
		IF len = 0 THEN RETURN fz_bytes(1); END IF;
		RETURN set_byte(b, fz_int(len), fz_int(256));
	WHEN 4 THEN								-- one header byte
		IF len < hdr THEN RETURN b || fz_bytes(1); END IF;
		RETURN set_byte(b, fz_int(hdr), CASE WHEN random() < 0.5 THEN fz_int(256)
			ELSE (ARRAY[0, 1, 2, 3, 4, 5, 9, 10, 11, 127, 128, 255])[1 + fz_int(12)] END);
	WHEN 5, 6, 7 THEN						-- one field an edge value
		IF fields = 0 THEN RETURN b || fz_pick(fz_fields()); END IF;
		RETURN overlay(b placing fz_pick(fz_fields()) from hdr + 1 + 8 * fz_int(fields) for 8);
	WHEN 8 THEN								-- bytes appended
		RETURN b || fz_bytes(1 + fz_int(16));
	WHEN 9 THEN								-- a field removed or repeated
		IF fields = 0 THEN RETURN b; END IF;
		p := hdr + 1 + 8 * fz_int(fields);
		IF random() < 0.5 THEN
			RETURN overlay(b placing ''::bytea from p for 8);
		END IF;
		RETURN overlay(b placing substring(b from p for 8) from p for 0);
	WHEN 10 THEN							-- the flags byte toggled
		IF len < hdr THEN RETURN b; END IF;
		RETURN set_byte(b, hdr - 1, get_byte(b, hdr - 1) # 1);
	WHEN 11 THEN							-- splice with another input
		RETURN substring(b from 1 for fz_int(len + 1)) || substring(donor from 1 + fz_int(length(donor) + 1));
	WHEN 12 THEN							-- another input's header
		RETURN substring(donor from 1 for hdr) || substring(b from hdr + 1);
	ELSE									-- random bytes
		RETURN fz_bytes(fz_int(200));
	END CASE;
END
$$;
SQL

# ---------------------------------------------------------------------------
# Per type: the checks of one text and one binary input, the accepted
# values' later checks, and the runs.  @T@ is the type.
# ---------------------------------------------------------------------------
type_sql() {
	local T=$1 hdr=6 accessors
	# Each accessor row: the headline metric, the percentages, the mean,
	# the statistics, and the documented range of each; "other" evaluates
	# the accessors that have no range to check.
	case $T in
	nps_summary)
		accessors="nps(v) AS headline, -100::float8 AS headline_lo, 100::float8 AS headline_hi,
			ARRAY[promoters(v), passives(v), detractors(v), share(v, 0, 10), share(v, 9, 10)] AS pcts,
			mean(v) AS mean, 0::float8 AS mean_lo, 10::float8 AS mean_hi,
			std_error(v) AS se, ci_lower(v) AS lo, ci_upper(v) AS hi,
			ci_lower(v, 0.5) AS lo2, ci_upper(v, 0.999999) AS hi2, p_value(v, v) AS p,
			p_value(v, (SELECT nps_summary(s) FROM generate_series(0, 10) s)) AS p2,
			concat(responses(v), distribution(v)) AS other"
		;;
	csat_summary)
		accessors="csat(v) AS headline, 0::float8 AS headline_lo, 100::float8 AS headline_hi,
			ARRAY[csat(v, 1), csat(v, array_upper(distribution(v), 1)),
				  share(v, 1, array_upper(distribution(v), 1)), share(v, 1, 1)] AS pcts,
			mean(v) AS mean, 1::float8 AS mean_lo, array_upper(distribution(v), 1)::float8 AS mean_hi,
			std_error(v) AS se, ci_lower(v) AS lo, ci_upper(v) AS hi,
			ci_lower(v, 0.5) AS lo2, ci_upper(v, 0.999999) AS hi2, p_value(v, v) AS p,
			p_value(v, (SELECT csat_summary(s, array_upper(distribution(v), 1),
											 (v::text::jsonb ->> 'satisfied_from')::integer)
						FROM generate_series(1, array_upper(distribution(v), 1)) s)) AS p2,
			concat(responses(v), distribution(v)) AS other"
		;;
	ces_summary)
		accessors="ces(v) AS headline, 1::float8 AS headline_lo, array_upper(distribution(v), 1)::float8 AS headline_hi,
			ARRAY[share(v, 1, array_upper(distribution(v), 1)), share(v, 1, 1)] AS pcts,
			mean(v) AS mean, 1::float8 AS mean_lo, array_upper(distribution(v), 1)::float8 AS mean_hi,
			std_error(v) AS se, ci_lower(v) AS lo, ci_upper(v) AS hi,
			ci_lower(v, 0.5) AS lo2, ci_upper(v, 0.999999) AS hi2, p_value(v, v) AS p,
			p_value(v, (SELECT ces_summary(s, array_upper(distribution(v), 1))
						FROM generate_series(1, array_upper(distribution(v), 1)) s)) AS p2,
			concat(responses(v), distribution(v)) AS other"
		;;
	churn_summary)
		hdr=3
		accessors="churn(v) AS headline, 0::float8 AS headline_lo, 100::float8 AS headline_hi,
			ARRAY[retention_rate(v)] AS pcts,
			NULL::float8 AS mean, NULL::float8 AS mean_lo, NULL::float8 AS mean_hi,
			std_error(v) AS se, ci_lower(v) AS lo, ci_upper(v) AS hi,
			ci_lower(v, 0.5) AS lo2, ci_upper(v, 0.999999) AS hi2, p_value(v, v) AS p,
			p_value(v, (v::text::jsonb || '{\"customers_at_start\": 10, \"customers_lost\": 3}'::jsonb ||
						CASE WHEN revenue_at_start(v) IS NULL THEN '{}'::jsonb
							 ELSE '{\"revenue_at_start\": 10, \"revenue_lost\": 3, \"sum_sq_revenue\": 20}'::jsonb END ||
						CASE WHEN v::text::jsonb ? 'sum_sq_revenue_lost'
							 THEN '{\"sum_sq_revenue_lost\": 5}'::jsonb ELSE '{}'::jsonb END
					   )::text::churn_summary) AS p2,
			concat(customers_at_start(v), customers_lost(v), customers_new(v),
				   revenue_at_start(v), revenue_lost(v)) AS other"
		;;
	esac
	type_template | sed -e "s/@T@/$T/g" -e "s/@HDR@/$hdr/g" |
		ACC="$accessors" awk '{ gsub(/@ACCESSORS@/, ENVIRON["ACC"]); print }'
}

type_template() {
	cat <<'SQL'
SET client_min_messages = warning;

-- received binary inputs land here; i is the input's number
CREATE TABLE fz_recv_@T@ (i integer DEFAULT current_setting('fz.i')::integer, v @T@);
CREATE TABLE fz_recv_input_@T@ (i integer, origin text, input bytea);
-- every accepted value, from text or binary
CREATE TABLE fz_accepted_@T@ (id serial, src text, origin text, input text, v @T@);
CREATE TABLE fz_back_@T@ (id integer, v @T@);

-- One text input: a clean refusal, or a value that round-trips exactly.
CREATE FUNCTION fz_text_@T@(input text, origin text) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
	v @T@;
	v2 @T@;
	o1 text;
	o2 text;
	same boolean;
	code text;
	msg text;
BEGIN
	IF current_setting('fz.trace', true) = 'on' THEN
		RAISE LOG 'cx_fuzz input @T@ text (%): %', origin, fz_show(input);
	END IF;
	BEGIN
		v := input::@T@;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		INSERT INTO fz_outcome VALUES ('@T@', 'text', origin, code);
		IF NOT fz_clean(code) THEN
			INSERT INTO fz_fail VALUES ('@T@', 'text', origin, fz_show(input),
				format('ERROR %s is not a data exception: %s', code, msg));
		END IF;
		RETURN;
	END;
	INSERT INTO fz_outcome VALUES ('@T@', 'text', origin, '00000');
	BEGIN
		o1 := v::text;
		v2 := o1::@T@;
		o2 := v2::text;
		same := v = v2;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		INSERT INTO fz_fail VALUES ('@T@', 'text', origin, fz_show(input),
			format('accepted, but its output %s does not read back: ERROR %s: %s', fz_show(o1), code, msg));
		RETURN;
	END;
	IF o1 IS DISTINCT FROM o2 OR same IS NOT TRUE THEN
		INSERT INTO fz_fail VALUES ('@T@', 'text', origin, fz_show(input),
			format('round trip not exact: output %s, read back and written again %s, equal: %s',
				   fz_show(o1), fz_show(o2), coalesce(same::text, 'NULL')));
		RETURN;
	END IF;
	INSERT INTO fz_accepted_@T@ (src, origin, input, v) VALUES ('text', origin, fz_show(input), v);
END
$f$;

-- One binary input, through COPY (FORMAT binary) as a client sends it.
CREATE FUNCTION fz_binary_@T@(input bytea, origin text, i integer, path text) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
	code text;
	msg text;
BEGIN
	IF current_setting('fz.trace', true) = 'on' THEN
		RAISE LOG 'cx_fuzz input @T@ binary (%): \x%', origin, encode(input, 'hex');
	END IF;
	PERFORM set_config('fz.i', i::text, true);
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', input, path);
	BEGIN
		EXECUTE format('COPY fz_recv_@T@ (v) FROM %L (FORMAT binary)', path);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		INSERT INTO fz_outcome VALUES ('@T@', 'binary', origin, code);
		IF NOT fz_clean(code) THEN
			INSERT INTO fz_fail VALUES ('@T@', 'binary', origin, '\x' || encode(input, 'hex'),
				format('ERROR %s is not a data exception: %s', code, msg));
		END IF;
		RETURN;
	END;
	INSERT INTO fz_outcome VALUES ('@T@', 'binary', origin, '00000');
	INSERT INTO fz_recv_input_@T@ VALUES (i, origin, input);
END
$f$;

CREATE FUNCTION fz_run_text_@T@(n_target integer, seed integer) RETURNS integer LANGUAGE plpgsql AS $f$
DECLARE
	bases text[] := ARRAY(SELECT txt FROM fz_base WHERE typ = '@T@' ORDER BY id);
	donors text[] := ARRAY(SELECT txt FROM fz_base ORDER BY id);
	nb integer := cardinality(bases);
	n integer := 0;
	s text;
	i integer;
	j integer;
	r float8;
	origin text;
BEGIN
	PERFORM fz_seed(seed, 10 + position('@T@' in 'nps_summary csat_summary ces_summary churn_summary'));
	FOREACH s IN ARRAY bases LOOP
		PERFORM fz_text_@T@(s, 'valid');
		n := n + 1;
	END LOOP;
	-- every truncation of every valid input
	FOR i IN 1..nb LOOP
		FOR j IN 0..length(bases[i]) - 1 LOOP
			PERFORM fz_text_@T@(left(bases[i], j), 'truncated');
			n := n + 1;
		END LOOP;
	END LOOP;
	-- every one-character deletion of a few
	FOR i IN 1..least(nb, 4) LOOP
		FOR j IN 1..length(bases[i]) LOOP
			PERFORM fz_text_@T@(overlay(bases[i] placing '' from j for 1), 'deleted');
			n := n + 1;
		END LOOP;
	END LOOP;
	WHILE n < n_target LOOP
		r := random();
		IF r < 0.04 THEN
			s := fz_junk(120);
			origin := 'junk';
		ELSIF r < 0.08 THEN
			s := fz_tokens();
			origin := 'tokens';
		ELSIF r < 0.30 THEN
			s := fz_generate('@T@');
			origin := 'generated';
			IF random() < 0.3 THEN
				s := fz_mutate_text(s, fz_pick(donors));
			END IF;
		ELSE
			s := bases[1 + fz_int(nb)];
			FOR j IN 1..1 + fz_int(3) LOOP
				s := fz_mutate_text(s, fz_pick(donors));
			END LOOP;
			origin := 'mutated';
		END IF;
		PERFORM fz_text_@T@(s, origin);
		n := n + 1;
	END LOOP;
	RETURN n;
END
$f$;

CREATE FUNCTION fz_run_binary_@T@(n_target integer, seed integer, path text) RETURNS integer LANGUAGE plpgsql AS $f$
DECLARE
	bases bytea[] := ARRAY(SELECT @T@_send(txt::@T@) FROM fz_base WHERE typ = '@T@' ORDER BY id);
	donors bytea[];
	nb integer := cardinality(bases);
	hdr integer := @HDR@;
	sweep bytea[];
	n integer := 0;
	b bytea;
	i integer;
	j integer;
	k integer;
	r float8;
BEGIN
	PERFORM fz_seed(seed, 20 + position('@T@' in 'nps_summary csat_summary ces_summary churn_summary'));
	donors := bases || ARRAY(SELECT nps_summary_send(txt::nps_summary) FROM fz_base WHERE typ = 'nps_summary')
		|| ARRAY(SELECT csat_summary_send(txt::csat_summary) FROM fz_base WHERE typ = 'csat_summary')
		|| ARRAY(SELECT ces_summary_send(txt::ces_summary) FROM fz_base WHERE typ = 'ces_summary')
		|| ARRAY(SELECT churn_summary_send(txt::churn_summary) FROM fz_base WHERE typ = 'churn_summary');
	FOREACH b IN ARRAY bases LOOP
		n := n + 1;
		PERFORM fz_binary_@T@(b, 'valid', n, path);
	END LOOP;
	-- every truncation of every valid input
	FOR i IN 1..nb LOOP
		FOR j IN 0..length(bases[i]) - 1 LOOP
			n := n + 1;
			PERFORM fz_binary_@T@(substring(bases[i] from 1 for j), 'truncated', n, path);
		END LOOP;
	END LOOP;
	-- every value of every header byte, in one plain and one flagged value
	sweep := ARRAY[bases[1]] || ARRAY(SELECT x FROM unnest(bases) x WHERE get_byte(x, hdr - 1) <> 0 LIMIT 1);
	FOREACH b IN ARRAY sweep LOOP
		FOR j IN 0..hdr - 1 LOOP
			FOR k IN 0..255 LOOP
				n := n + 1;
				PERFORM fz_binary_@T@(set_byte(b, j, k), 'header byte', n, path);
			END LOOP;
		END LOOP;
	END LOOP;
	WHILE n < n_target LOOP
		r := random();
		b := bases[1 + fz_int(nb)];
		FOR j IN 1..1 + fz_int(3) LOOP
			b := fz_mutate_binary(b, hdr, fz_pick(donors));
		END LOOP;
		n := n + 1;
		PERFORM fz_binary_@T@(b, 'mutated', n, path);
	END LOOP;
	RETURN n;
END
$f$;

-- After the runs: received values round-trip through text, every accepted
-- value through send/receive (one COPY of them all), and the accessors
-- answer or fail cleanly.
CREATE FUNCTION fz_post_@T@(path text) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
	rec record;
	v2 @T@;
	o1 text;
	o2 text;
	same boolean;
	code text;
	msg text;
	acc_row record;
	problem text;
BEGIN
	-- The received values join the accepted ones, and every accepted
	-- value's text form must read back in this session too (the text
	-- inputs were read in a session with another DateStyle, TimeZone and
	-- extra_float_digits).
	INSERT INTO fz_accepted_@T@ (src, origin, input, v)
	SELECT 'binary', x.origin, '\x' || encode(x.input, 'hex'), r.v
	FROM fz_recv_@T@ r JOIN fz_recv_input_@T@ x USING (i) ORDER BY r.i;
	FOR rec IN SELECT * FROM fz_accepted_@T@ ORDER BY id LOOP
		IF current_setting('fz.trace', true) = 'on' THEN
			RAISE LOG 'cx_fuzz input @T@ accepted (% %): %', rec.src, rec.origin, rec.input;
		END IF;
		BEGIN
			o1 := rec.v::text;
			v2 := o1::@T@;
			o2 := v2::text;
			same := rec.v = v2;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			INSERT INTO fz_fail VALUES ('@T@', rec.src, rec.origin, rec.input,
				format('accepted, but its output %s does not read back (DateStyle %s, TimeZone %s): ERROR %s: %s',
					   fz_show(o1), current_setting('DateStyle'), current_setting('TimeZone'), code, msg));
			DELETE FROM fz_accepted_@T@ WHERE id = rec.id;
			CONTINUE;
		END;
		IF o1 IS DISTINCT FROM o2 OR same IS NOT TRUE THEN
			INSERT INTO fz_fail VALUES ('@T@', rec.src, rec.origin, rec.input,
				format('text round trip not exact (DateStyle %s, TimeZone %s): output %s, read back and written again %s, equal: %s',
					   current_setting('DateStyle'), current_setting('TimeZone'),
					   fz_show(o1), fz_show(o2), coalesce(same::text, 'NULL')));
			DELETE FROM fz_accepted_@T@ WHERE id = rec.id;
		END IF;
	END LOOP;

	-- send -> receive of every accepted value at once; one at a time
	-- only to find the culprit if that fails
	EXECUTE format('COPY (SELECT id, v FROM fz_accepted_@T@ ORDER BY id) TO %L (FORMAT binary)', path);
	BEGIN
		EXECUTE format('COPY fz_back_@T@ FROM %L (FORMAT binary)', path);
	EXCEPTION WHEN OTHERS THEN
		FOR rec IN SELECT id FROM fz_accepted_@T@ ORDER BY id LOOP
			EXECUTE format('COPY (SELECT id, v FROM fz_accepted_@T@ WHERE id = %s) TO %L (FORMAT binary)', rec.id, path);
			BEGIN
				EXECUTE format('COPY fz_back_@T@ FROM %L (FORMAT binary)', path);
			EXCEPTION WHEN OTHERS THEN
				GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
				INSERT INTO fz_fail SELECT '@T@', src, origin, input,
					format('accepted as %s, but its binary form %s is refused: ERROR %s: %s',
						   fz_show(v::text), '\x' || encode(@T@_send(v), 'hex'), code, msg)
				FROM fz_accepted_@T@ WHERE id = rec.id;
			END;
		END LOOP;
	END;
	INSERT INTO fz_fail
	SELECT '@T@', a.src, a.origin, a.input,
		format('binary round trip not exact: %s sent as %s came back as %s',
			   fz_show(a.v::text), '\x' || encode(@T@_send(a.v), 'hex'), coalesce(fz_show(b.v::text), 'nothing'))
	FROM fz_accepted_@T@ a LEFT JOIN fz_back_@T@ b USING (id)
	WHERE b.v IS NULL OR NOT (a.v = b.v) OR a.v::text <> b.v::text OR @T@_send(a.v) <> @T@_send(b.v);

	-- accessors: an answer or a data exception, never an internal error;
	-- answers outside their documented ranges (or NaN) are noted
	FOR rec IN SELECT * FROM fz_accepted_@T@ ORDER BY id LOOP
		IF current_setting('fz.trace', true) = 'on' THEN
			RAISE LOG 'cx_fuzz input @T@ accessors of (% %): %', rec.src, rec.origin, rec.input;
		END IF;
		BEGIN
			SELECT @ACCESSORS@ INTO acc_row FROM (SELECT rec.v AS v) x;
			INSERT INTO fz_outcome VALUES ('@T@', 'accessors', rec.src, '00000');
			problem := concat_ws('; ',
				CASE WHEN NOT coalesce(acc_row.headline BETWEEN acc_row.headline_lo - 1e-9 AND acc_row.headline_hi + 1e-9, true)
					THEN format('metric %s outside %s..%s', acc_row.headline, acc_row.headline_lo, acc_row.headline_hi) END,
				CASE WHEN EXISTS (SELECT FROM unnest(acc_row.pcts) x WHERE NOT x BETWEEN -1e-9 AND 100 + 1e-9)
					THEN format('percentages %s outside 0..100', acc_row.pcts) END,
				CASE WHEN NOT coalesce(acc_row.mean BETWEEN acc_row.mean_lo - 1e-9 AND acc_row.mean_hi + 1e-9, true)
					THEN format('mean %s outside %s..%s', acc_row.mean, acc_row.mean_lo, acc_row.mean_hi) END,
				CASE WHEN NOT coalesce(acc_row.se BETWEEN 0 AND 'Infinity', true)
					THEN format('std_error %s', acc_row.se) END,
				CASE WHEN 'NaN' IN (acc_row.lo, acc_row.hi, acc_row.lo2, acc_row.hi2)
						  OR NOT coalesce(acc_row.lo <= acc_row.hi + 1e-9 AND acc_row.lo2 <= acc_row.hi2 + 1e-9, true)
					THEN format('intervals [%s, %s] (0.95), [%s, %s] (0.5, 0.999999)', acc_row.lo, acc_row.hi, acc_row.lo2, acc_row.hi2) END,
				CASE WHEN NOT coalesce(acc_row.p BETWEEN 0 AND 1, true) OR NOT coalesce(acc_row.p2 BETWEEN 0 AND 1, true)
					THEN format('p-values %s (against itself), %s (against another) outside 0..1', acc_row.p, acc_row.p2) END);
			IF problem <> '' THEN
				INSERT INTO fz_note VALUES ('@T@', rec.src, rec.origin, rec.input, fz_show(rec.v::text), problem);
			END IF;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			INSERT INTO fz_outcome VALUES ('@T@', 'accessors', rec.src, code);
			IF NOT fz_clean(code) THEN
				INSERT INTO fz_fail VALUES ('@T@', 'accessors of ' || rec.src, rec.origin, rec.input,
					format('value %s: accessor ERROR %s is not a data exception: %s', fz_show(rec.v::text), code, msg));
			END IF;
		END;
		BEGIN
			PERFORM rec.v + rec.v, (SELECT @T@(x) FROM (VALUES (rec.v), (rec.v), (rec.v)) s(x));
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			IF NOT fz_clean(code) THEN
				INSERT INTO fz_fail VALUES ('@T@', 'accessors of ' || rec.src, rec.origin, rec.input,
					format('value %s: + or roll-up ERROR %s is not a data exception: %s', fz_show(rec.v::text), code, msg));
			END IF;
		END;
	END LOOP;
END
$f$;
SQL
}

for T in $TYPES; do
	type_sql "$T" | q "$DB"
done

# ---------------------------------------------------------------------------
# The valid starting points: outputs of random summaries of every shape,
# and hand-written extremes.
# ---------------------------------------------------------------------------
q "$DB" -v seed="$SEED" <<'SQL'
SET client_min_messages = warning;
SELECT fz_seed(:seed, 1) \g /dev/null

CREATE FUNCTION fz_weight(mode integer) RETURNS float8 LANGUAGE sql AS $$
	SELECT CASE mode
		WHEN 1 THEN (1 + fz_int(8)) / 4.0				-- exact fractions
		WHEN 2 THEN random() * 10						-- ugly
		WHEN 3 THEN CASE WHEN random() < 0.5 THEN 0 ELSE random() END	-- zero weights
		WHEN 4 THEN power(10::float8, random() * 298 - 149)	-- tiny and huge
		WHEN 5 THEN 1e-150 * (1 + fz_int(1000))		-- the smallest accepted
		ELSE 1.0 END
$$;

DO $$
DECLARE
	k integer;
	n integer;
	mode integer;
	scale integer;
	band integer;
	t text;
	p_start timestamp;
	p_len interval;
	sql text;
BEGIN
	FOR k IN 0..41 LOOP
		n := (ARRAY[1, 2, 3, 5, 11, 17, 100, 1000])[1 + fz_int(8)];
		mode := k % 6;
		scale := 2 + fz_int(9);
		band := 1 + fz_int(scale);
		BEGIN
			IF mode = 0 THEN
				INSERT INTO fz_base (typ, txt)
				SELECT 'nps_summary', nps_summary(fz_int(11))::text FROM generate_series(1, n)
				UNION ALL SELECT 'csat_summary', csat_summary(1 + fz_int(scale), scale, band)::text FROM generate_series(1, n)
				UNION ALL SELECT 'ces_summary', ces_summary(1 + fz_int(scale), scale)::text FROM generate_series(1, n);
			ELSE
				INSERT INTO fz_base (typ, txt)
				SELECT 'nps_summary', nps_summary(fz_int(11), fz_weight(mode))::text FROM generate_series(1, n)
				UNION ALL SELECT 'csat_summary', csat_summary(1 + fz_int(scale), scale, band, fz_weight(mode))::text FROM generate_series(1, n)
				UNION ALL SELECT 'ces_summary', ces_summary(1 + fz_int(scale), scale, fz_weight(mode))::text FROM generate_series(1, n);
			END IF;
		EXCEPTION WHEN data_exception THEN
			NULL;				-- a weight sum out of range: skip this one
		END;
		-- churn over a random period of each range type
		t := (ARRAY['daterange', 'tsrange', 'tstzrange'])[1 + k % 3];
		p_start := timestamp '2000-01-01' + (random() * 20000 - 10000) * interval '1 day';
		IF t <> 'daterange' THEN
			p_start := p_start + random() * interval '1 day';
		END IF;
		p_len := (1 + random() * 400) * interval '1 day';
		sql := format($q$
			INSERT INTO fz_base (typ, txt)
			SELECT 'churn_summary', churn_summary(%1$s(s, e), %1$s(%2$L, %3$L) %4$s)::text
			FROM (SELECT %2$L::timestamp + (random() * 800 - 500) * interval '1 day' AS s,
						 random() AS r, random()::float8 AS wt
				  FROM generate_series(1, %5$s)) c,
				 LATERAL (SELECT CASE WHEN r < 0.3 THEN NULL ELSE s + (r * 700) * interval '1 day' END AS e) x$q$,
			t, p_start, p_start + p_len,
			CASE WHEN mode = 0 THEN '' ELSE ', ' ||
				CASE mode WHEN 1 THEN '(1 + floor(wt * 8)) / 4.0' WHEN 2 THEN 'wt * 100'
					WHEN 3 THEN 'CASE WHEN wt < 0.5 THEN 0 ELSE wt END'
					WHEN 4 THEN 'power(10::float8, wt * 298 - 149)' ELSE '1e-150 * (1 + floor(wt * 1000))' END END,
			n);
		EXECUTE replace(replace(sql, 'tsrange(s, e)', 'tsrange(s::timestamp, e::timestamp)'),
						'daterange(s, e)', 'daterange(s::date, e::date)');
	END LOOP;
END
$$;

-- extremes, written by hand (input accepts only sums of squared weights
-- that fit the weights, so the largest weights are about 1e154)
INSERT INTO fz_base (typ, txt) VALUES
('nps_summary', '{"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}'),
('nps_summary', '{"version": 1, "scale": [0, 10], "counts": [9223372036854775807, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}'),
('nps_summary', '{"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 9223372036854775806, 1]}'),
('nps_summary', '{"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], "weights": [0, 0, 0, 0, 0, 0, 0, 0, 0, 1e154, 0], "sum_sq_weights": 1e308}'),
('nps_summary', '{"version": 1, "scale": [0, 10], "counts": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], "weights": [1e-150, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2e-149], "sum_sq_weights": 2.01e-298}'),
('nps_summary', '{"version": 1, "scale": [0, 10], "counts": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], "weights": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], "sum_sq_weights": 3}'),
('nps_summary', '{"version": 1, "scale": [0, 10], "counts": [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], "weights": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "sum_sq_weights": 0}'),
('csat_summary', '{"version": 1, "scale": [1, 2], "satisfied_from": 2, "counts": [0, 0]}'),
('csat_summary', '{"version": 1, "scale": [1, 10], "satisfied_from": 1, "counts": [9223372036854775807, 0, 0, 0, 0, 0, 0, 0, 0, 0]}'),
('csat_summary', '{"version": 1, "scale": [1, 5], "satisfied_from": 4, "counts": [1, 0, 0, 0, 2], "weights": [0.1, 0, 0, 0, 1e150], "sum_sq_weights": 1e300}'),
('ces_summary', '{"version": 1, "scale": [1, 7], "counts": [0, 0, 0, 0, 0, 0, 0]}'),
('ces_summary', '{"version": 1, "scale": [1, 3], "counts": [4611686018427387903, 4611686018427387904, 0]}'),
('ces_summary', '{"version": 1, "scale": [1, 10], "counts": [1, 0, 0, 0, 0, 0, 0, 0, 0, 1], "weights": [9e153, 0, 0, 0, 0, 0, 0, 0, 0, 9e153], "sum_sq_weights": 1.62e308}'),
('churn_summary', '{"version": 1, "period_type": "daterange", "period": ["4714-11-24 BC", "5874897-12-31"], "customers_at_start": 9223372036854775807, "customers_lost": 9223372036854775807, "customers_new": 9223372036854775807}'),
('churn_summary', '{"version": 1, "period_type": "tsrange", "period": ["4714-11-24 00:00:00 BC", "294276-12-31 23:59:59.999999"], "customers_at_start": 0, "customers_lost": 0, "customers_new": 0}'),
('churn_summary', '{"version": 1, "period_type": "tstzrange", "period": ["4714-11-24 00:00:00+00 BC", "294276-12-31 23:59:59.999999+00"], "customers_at_start": 1, "customers_lost": 0, "customers_new": 0, "revenue_at_start": 1e154, "revenue_lost": 0, "sum_sq_revenue": 1e308}'),
('churn_summary', '{"version": 1, "period_type": "daterange", "period": ["2026-01-01", "2026-01-02"], "customers_at_start": 0, "customers_lost": 0, "customers_new": 5, "revenue_at_start": 0, "revenue_lost": 0, "sum_sq_revenue": 0}'),
('churn_summary', '{"version": 2, "period_type": "daterange", "period": ["2026-01-01", "2026-01-02"], "customers_at_start": 1099511627775, "customers_lost": 1099511627775, "customers_new": 1099511627775, "revenue_at_start": 1e154, "revenue_lost": 1e154, "sum_sq_revenue": 1e308, "sum_sq_revenue_lost": 1e308}'),
('churn_summary', '{"version": 2, "period_type": "tsrange", "period": ["2026-01-01 00:00:00", "2026-01-02 00:00:00"], "customers_at_start": 2, "customers_lost": 1, "customers_new": 0, "revenue_at_start": 2e-150, "revenue_lost": 1e-150, "sum_sq_revenue": 2e-300, "sum_sq_revenue_lost": 1e-300}');
\pset format unaligned
\pset tuples_only on
SELECT 'valid inputs to start from: ' || string_agg(typ || ' ' || n, ', ' ORDER BY typ)
FROM (SELECT typ, count(*) AS n FROM fz_base GROUP BY typ) b;
SQL

# ---------------------------------------------------------------------------
# The runs: each type's text and binary inputs, then the checks of what was
# accepted.
# ---------------------------------------------------------------------------

# The server stayed up: same start time, no crash in the log since we began.
server_checks() {
	local ok=0 started_after
	started_after=$(cx_server_started)
	if [ "$started_after" != "$CX_STARTED_BEFORE" ]; then
		echo "FAILED: the server restarted (started $CX_STARTED_BEFORE, now: $started_after)"
		ok=1
	fi
	if cx_server_crash_lines >/dev/null; then
		echo "FAILED: the server log records a crash:"
		cx_server_crash_lines | head -40
		ok=1
	fi
	return $ok
}

run_phase() {
	local T=$1 path=$2 file="$SCRATCH/input.copy"
	if [ "$path" = text ]; then
		# read the text in a session unlike the default one: the output must
		# not depend on DateStyle, TimeZone or extra_float_digits
		q "$DB" -At -c "SET client_min_messages = warning" \
			-c "SET DateStyle = 'SQL, DMY'" -c "SET TimeZone = 'Asia/Kathmandu'" \
			-c "SET extra_float_digits = 0" \
			-c "SELECT fz_run_text_$T($TEXT_PER_TYPE, $SEED)" >/dev/null
	else
		q "$DB" -At -c "SET client_min_messages = warning" \
			-c "SELECT fz_run_binary_$T($BINARY_PER_TYPE, $SEED, '$file')" \
			-c "SELECT fz_post_$T('$file')" >/dev/null
	fi
}

for T in $TYPES; do
	for path in text binary; do
		if ! run_phase "$T" "$path"; then
			# Most likely the server went down.  Wait for it to come back,
			# replay the same (deterministic) inputs with each one written to
			# the server log first, and show the last one written.
			echo "FAILED: the $T $path run stopped; replaying it to find the input"
			cx_wait_for_server || true
			PGOPTIONS="${PGOPTIONS:-} -c fz.trace=on" run_phase "$T" "$path" || true
			if [ -n "$CX_LOG_OFFSET" ]; then
				echo "the last input the server saw:"
				cx_server_log | grep "cx_fuzz input" | tail -1
			fi
			cx_wait_for_server || true
			server_checks || true
			exit 1
		fi
	done
	echo "  $T done at $(elapsed) s"
done

# ---------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------
q "$DB" -At <<'SQL'
SELECT format('%-14s %-9s tried %6s  %-8s %6s  rejected %6s  (%s)', typ, path, sum(n),
			  CASE path WHEN 'accessors' THEN 'answered' ELSE 'accepted' END,
			  sum(n) FILTER (WHERE code = '00000'), coalesce(sum(n) FILTER (WHERE code <> '00000'), 0),
			  coalesce(string_agg(code || ' ' || n, ', ' ORDER BY code) FILTER (WHERE code <> '00000'), 'none'))
FROM (SELECT typ, path, code, count(*) AS n FROM fz_outcome GROUP BY 1, 2, 3) c
GROUP BY typ, path
ORDER BY typ, array_position(ARRAY['text', 'binary', 'accessors'], path);
SELECT format('%-14s %-9s by origin: %s', typ, path,
			  string_agg(format('%s %s/%s', origin, accepted, tried), ', ' ORDER BY origin))
FROM (SELECT typ, path, origin, count(*) AS tried, count(*) FILTER (WHERE code = '00000') AS accepted
	  FROM fz_outcome WHERE path <> 'accessors' GROUP BY 1, 2, 3) o
GROUP BY typ, path
ORDER BY typ, path DESC;
SELECT format('total inputs: %s (text %s, binary %s)', count(*),
			  count(*) FILTER (WHERE path = 'text'), count(*) FILTER (WHERE path = 'binary'))
FROM fz_outcome WHERE path <> 'accessors';
SQL

total=$(q "$DB" -Atc "SELECT count(*) FROM fz_outcome WHERE path <> 'accessors'")
failures=$(q "$DB" -Atc "SELECT count(*) FROM fz_fail")
status=0
if [ "$failures" != 0 ]; then
	status=1
	echo "FAILED: $failures inputs broke the rules (the shortest 20 per type and kind of problem shown):"
	q "$DB" -At <<'SQL'
SELECT format(E'- %s %s (%s): %s\n    input: %s', typ, path, origin, problem, input)
FROM (SELECT *, row_number() OVER (PARTITION BY typ, path, left(problem, 30) ORDER BY length(input), input) AS k
	  FROM (SELECT DISTINCT ON (typ, path, input, problem) * FROM fz_fail) d) f
WHERE k <= 20
ORDER BY typ, path, left(problem, 30), k;
SQL
fi

# Accessors answering NaN, Infinity or outside their range are shown, not
# failed: the values behind them are accepted by the input checks (which
# are as documented), but no aggregate builds them in practice (weights
# whose squares overflow, sums of squared weights that contradict the
# weights, billions of billions of answers).
notes=$(q "$DB" -Atc "SELECT count(*) FROM fz_note")
if [ "$notes" != 0 ]; then
	echo "note: $notes accepted values have accessors answering outside their documented ranges"
	echo "      (not a failure; the shortest examples of up to three kinds per type):"
	q "$DB" -At <<'SQL'
SELECT format(E'  - %s (%s %s, %s like it): %s\n      value: %s', typ, src, origin, n, problem, value)
FROM (SELECT *, count(*) OVER w AS n, row_number() OVER (w ORDER BY length(value), value) AS k,
			 dense_rank() OVER (PARTITION BY typ ORDER BY split_part(problem, ' ', 1)) AS kind
	  FROM fz_note WINDOW w AS (PARTITION BY typ, split_part(problem, ' ', 1))) f
WHERE k = 1 AND kind <= 3
ORDER BY typ, problem;
SQL
fi
if [ "$total" -lt 100000 ]; then
	if [ -z "${CX_FUZZ_TEXT:-}${CX_FUZZ_BINARY:-}" ]; then
		echo "FAILED: only $total inputs tried, fewer than 100000"
		status=1
	else
		echo "note: only $total inputs tried (CX_FUZZ_TEXT / CX_FUZZ_BINARY set)"
	fi
fi

server_checks || status=1

echo "fuzz: $total inputs in $(elapsed) s, seed $SEED: $([ $status = 0 ] && echo passed || echo FAILED)"
exit $status
