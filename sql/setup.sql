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

-- Comparisons shared by the parallel, window and roll-up suites.

-- Values equal within 1e-9 relative (absolute below 1): sums of weights
-- like 0.1 are rounded at every addition, so two orders of adding the same
-- rows may differ in their last bits, while a row more or less moves them
-- by far more.
CREATE FUNCTION near(a float8, b float8) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT abs(a - b) <= 1e-9 * greatest(abs(a), abs(b), 1)
$$;

-- A rating summary's weight sums per score, then its sum of squared
-- weights (a summary whose weights all equal its counts is written
-- without weights: then its counts and their total).
CREATE FUNCTION summary_weights(j jsonb) RETURNS float8[]
LANGUAGE sql IMMUTABLE AS $$
	SELECT array_append(
			   ARRAY(SELECT jsonb_array_elements_text(
								coalesce(j -> 'weights', j -> 'counts'))::float8),
			   coalesce((j ->> 'sum_sq_weights')::float8,
						(SELECT sum(c::bigint) FROM jsonb_array_elements_text(j -> 'counts') c)))
$$;
CREATE FUNCTION weights_near(a jsonb, b jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT bool_and(near(x, y)) FROM unnest(summary_weights(a), summary_weights(b)) u(x, y)
$$;

-- Summaries equal within that tolerance: the same counts (exactly), the
-- weight sums, the sum of squared weights and the headline values near
-- (a standard error may be NULL on both sides: a weighted summary of one
-- answer has none).
CREATE FUNCTION near(a nps_summary, b nps_summary) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT distribution(a) = distribution(b)
		   AND near(nps(a), nps(b)) AND near(mean(a), mean(b))
		   AND coalesce(near(std_error(a), std_error(b)),
						std_error(a) IS NULL AND std_error(b) IS NULL)
		   AND weights_near(a::text::jsonb, b::text::jsonb)
$$;
CREATE FUNCTION near(a csat_summary, b csat_summary) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT distribution(a) = distribution(b)
		   AND (a::text::jsonb) -> 'satisfied_from' = (b::text::jsonb) -> 'satisfied_from'
		   AND near(csat(a), csat(b)) AND near(mean(a), mean(b))
		   AND weights_near(a::text::jsonb, b::text::jsonb)
$$;
CREATE FUNCTION near(a ces_summary, b ces_summary) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT distribution(a) = distribution(b) AND near(mean(a), mean(b))
		   AND weights_near(a::text::jsonb, b::text::jsonb)
$$;
-- Churn summaries: everything but the revenue sums equal, those within
-- 1e-9 relative (the lost customers' squares of version 2 too), and the
-- rates within 1e-9 points (or both NULL).
CREATE FUNCTION near(a churn_summary, b churn_summary) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT ja - '{revenue_at_start,revenue_lost,sum_sq_revenue,sum_sq_revenue_lost}'::text[]
			 = jb - '{revenue_at_start,revenue_lost,sum_sq_revenue,sum_sq_revenue_lost}'::text[]
		   AND (SELECT bool_and(abs((ja ->> k)::float8 - (jb ->> k)::float8)
								<= 1e-9 * abs((jb ->> k)::float8))
				FROM unnest('{revenue_at_start,revenue_lost,sum_sq_revenue,sum_sq_revenue_lost}'::text[]) k)
		   AND (abs(churn(a) - churn(b)) <= 1e-9 OR churn(a) IS NULL AND churn(b) IS NULL)
	FROM (SELECT a::text::jsonb AS ja, b::text::jsonb AS jb) t
$$;

-- The calls of a rating metric under test, as a suite lists them in a
-- table of (ord, agg, summary, score, args, prefix, shape) rows, one per
-- way of calling the metric: the aggregate and the summary aggregate, the
-- score column, the arguments after the score (', 7, 5' or ''), and what
-- the result columns are called.  metric_forms expands every row into
-- its forms: each aggregate over the integer, smallint and numeric score
-- column (score, score_s, score_n), unweighted, with the exact weights
-- (w_exact) and with the ugly ones (w_ugly).  Result columns are named
-- prefix || (a|s) || ('' | w | u) || shape || (i|s|n); the ugly forms
-- compare with near(), the others exactly.
CREATE FUNCTION metric_forms(metrics regclass)
RETURNS TABLE (ord bigint, family text, col text, call text, form text, same text)
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format($q$
		SELECT row_number() OVER (ORDER BY (SELECT min(f.ord) FROM %1$s f WHERE f.agg = m.agg),
										   k.ord, w.ord, m.ord, t.ord),
			   m.agg, c.col,
			   format('%%s(%%s%%s%%s%%s)', k.fn, m.score, t.suffix, m.args, w.arg),
			   format('%%s(%%s%%s%%s)%%s', k.fn, t.name, m.args, w.name, w.tilde),
			   format(CASE WHEN w.letter = 'u' THEN 'near(p.%%1$I, s.%%1$I)'
						   ELSE 'p.%%1$I = s.%%1$I' END, c.col)
		FROM %1$s m
		CROSS JOIN LATERAL (VALUES (1, m.agg, 'a'), (2, m.summary, 's')) k(ord, fn, letter)
		CROSS JOIN (VALUES (1, '', '', '', ''), (2, 'w', ', w_exact', ', w', ''),
						   (3, 'u', ', w_ugly', ', ugly w', ' ~')) w(ord, letter, arg, name, tilde)
		CROSS JOIN (VALUES (1, '', 'int', 'i'), (2, '_s', 'smallint', 's'),
						   (3, '_n', 'numeric', 'n')) t(ord, suffix, name, letter)
		CROSS JOIN LATERAL (VALUES (m.prefix || k.letter || w.letter || m.shape || t.letter)) c(col)
		$q$, metrics);
END
$$;

-- compare_forms: two results of the same queries (serial and parallel,
-- say), joined on key, compared form by form.  forms lists (ord, form,
-- same) rows, same a condition on the rows s (of ser) and p (of par).
-- One row per form: the groups compared and the groups whose results
-- differ (or are missing on one side).
CREATE FUNCTION compare_forms(ser text, par text, key text, forms regclass)
RETURNS TABLE (form text, groups bigint, mismatches bigint)
LANGUAGE plpgsql AS $$
DECLARE
	checks text;
BEGIN
	EXECUTE format('SELECT string_agg(format(''(%%s, %%L, %%s)'', ord, form, same), '', '' ORDER BY ord) FROM %s',
				   forms)
	INTO checks;
	RETURN QUERY EXECUTE format(
		'SELECT v.form, count(*), count(*) FILTER (WHERE NOT coalesce(v.same, false)) '
		'FROM %s s FULL JOIN %s p USING (%I) '
		'CROSS JOIN LATERAL (VALUES %s) v(ord, form, same) '
		'GROUP BY v.ord, v.form ORDER BY v.ord',
		ser, par, key, checks);
END
$$;

-- win_mismatches: the number of rows of tbl where the window aggregate
-- win_expr over ROWS BETWEEN preceding PRECEDING AND (following FOLLOWING |
-- CURRENT ROW | -following PRECEDING), ordered by rn (or by prn within
-- PARTITION BY seg), differs from direct_expr (default: the same
-- aggregate) computed by a correlated subquery over the same rows.  cmp compares the window value w
-- with the direct value d.  direct_preceding lets a control check use a
-- wrong range on purpose.
CREATE FUNCTION win_mismatches(tbl text, win_expr text, preceding int, following int,
							   by_seg boolean, cmp text, direct_expr text DEFAULT NULL,
							   direct_preceding int DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	ord text := CASE WHEN by_seg THEN 'prn' ELSE 'rn' END;
	result bigint;
BEGIN
	EXECUTE format(
		'SELECT count(*) FROM ('
		'  SELECT %2$s OVER (%3$s ORDER BY o.%4$s ROWS BETWEEN %5$s PRECEDING AND %6$s) AS w,'
		'		  (SELECT %7$s FROM %1$I i'
		'		   WHERE i.%4$s BETWEEN o.%4$s - %8$s AND o.%4$s + %9$s %10$s) AS d'
		'  FROM %1$I o) x '
		'WHERE NOT coalesce(%11$s, false)',
		tbl, win_expr,
		CASE WHEN by_seg THEN 'PARTITION BY o.seg' ELSE '' END,
		ord, preceding,
		CASE WHEN following = 0 THEN 'CURRENT ROW'
			 WHEN following < 0 THEN -following || ' PRECEDING'
			 ELSE following || ' FOLLOWING' END,
		coalesce(direct_expr, win_expr),
		coalesce(direct_preceding, preceding), following,
		CASE WHEN by_seg THEN 'AND i.seg = o.seg' ELSE '' END,
		cmp)
	INTO result;
	RETURN result;
END
$$;
