-- The extension installs into a fresh database (pg_regress's
-- --load-extension created it) and every object it made is documented.
SELECT extname, extversion, extrelocatable FROM pg_extension WHERE extname = 'cx_metrics';
-- what the extension consists of (without the array types of its types,
-- which are members from PostgreSQL 17 on)
SELECT classid::regclass AS catalog, count(*) AS objects
FROM pg_depend
WHERE refclassid = 'pg_extension'::regclass
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cx_metrics')
  AND deptype = 'e'
  AND NOT (classid = 'pg_type'::regclass AND objid IN (SELECT typarray FROM pg_type))
GROUP BY 1 ORDER BY 1;
-- objects without a comment (must be none)
SELECT pg_describe_object(classid, objid, 0) AS undocumented
FROM pg_depend
WHERE refclassid = 'pg_extension'::regclass
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cx_metrics')
  AND deptype = 'e'
  AND NOT (classid = 'pg_type'::regclass AND objid IN (SELECT typarray FROM pg_type))
  AND obj_description(objid, (SELECT relname FROM pg_class WHERE oid = classid)::name) IS NULL
ORDER BY 1;
-- nothing is SECURITY DEFINER, every function is PARALLEL SAFE
SELECT p.oid::regprocedure AS not_safe
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cx_metrics')
  AND (p.prosecdef OR p.proparallel <> 's')
ORDER BY 1;
-- the summary type fits the 256-byte budget
SELECT typname, typlen, typalign FROM pg_type
WHERE typname IN ('nps_summary', 'csat_summary', 'ces_summary', 'churn_summary') ORDER BY 1;

-- Helpers for the later suites (they all run in this database).

-- EXPLAIN ANALYZE of a query as every server version prints it: without
-- buffer counts (shown by default from 18) and with whole row counts (18
-- prints them with two decimals).
CREATE FUNCTION explain_analyze(query text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, BUFFERS OFF) '
		|| query
	LOOP
		RETURN NEXT regexp_replace(line, 'rows=(\d+)\.00\M', 'rows=\1', 'g');
	END LOOP;
END
$$;

-- Run a statement that must fail; return its SQLSTATE, message, detail and
-- hint, so a suite can show every part of an error on one row.
CREATE FUNCTION expect_error(statement text,
							 OUT code text, OUT message text,
							 OUT detail text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE statement;
	code := 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END
$$;

-- Feed raw bytes to a type's binary input function the way a client does:
-- through COPY ... (FORMAT binary), whose field for a bytea is the bytes
-- themselves.  Returns the received value as text, or the error.
CREATE FUNCTION receive_binary(type regtype, bytes bytea,
							   OUT value text, OUT code text, OUT message text,
							   OUT detail text)
LANGUAGE plpgsql AS $$
DECLARE
	path text := current_setting('data_directory') || '/receive_binary.copy';
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', bytes, path);
	EXECUTE format('CREATE TEMP TABLE received (v %s)', type);
	BEGIN
		EXECUTE format('COPY received FROM %L (FORMAT binary)', path);
		EXECUTE 'SELECT v::text FROM received' INTO value;
		code := '00000';
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
			detail = PG_EXCEPTION_DETAIL;
	END;
	DROP TABLE received;
END
$$;
SELECT * FROM receive_binary('bytea', '\x0102ff');
