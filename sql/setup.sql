-- The extension installs into a fresh database (pg_regress's
-- --load-extension created it) and every object it made is documented.
SELECT extname, extversion, extrelocatable FROM pg_extension WHERE extname = 'cx_metrics';
-- objects without a comment (must be none)
SELECT pg_describe_object(classid, objid, 0) AS undocumented
FROM pg_depend
WHERE refclassid = 'pg_extension'::regclass
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cx_metrics')
  AND deptype = 'e'
  AND obj_description(objid, (SELECT relname FROM pg_class WHERE oid = classid)::name) IS NULL
ORDER BY 1;
-- nothing is SECURITY DEFINER, every function is PARALLEL SAFE
SELECT p.oid::regprocedure AS not_safe
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cx_metrics')
  AND (p.prosecdef OR p.proparallel <> 's')
ORDER BY 1;
-- the summary type fits the 256-byte budget
SELECT typname, typlen, typalign FROM pg_type WHERE typname = 'nps_summary';
