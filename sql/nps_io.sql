-- nps_summary's text and binary forms: documented layout, exact round trips
-- (weights included), COPY in both formats.

-- Text: a JSON object, counts per score 0..10.
SELECT nps_summary(s) FROM unnest(ARRAY[9, 10, 10]) s;
-- weights add "weights" (weight sum per score) and "sum_sq_weights":
-- 9 with weight 0.5 and 10 with weights 1.5 and 2: weights[9] = 0.5,
-- weights[10] = 3.5, sum of squares 0.25 + 2.25 + 4 = 6.5
SELECT nps_summary(s, w) FROM (VALUES (9, 0.5), (10, 1.5), (10, 2.0)) v(s, w);
-- the text form is JSON, so jsonb can read it
SELECT (nps_summary(s)::text::jsonb) -> 'counts' -> 10 AS tens
FROM unnest(ARRAY[9, 10, 10]) s;

-- Input accepts any JSON spacing and key order.
SELECT '{"counts":[1,0,0,0,0,0,0,0,0,0,2],"scale":[0,10],"version":1}'::nps_summary;
SELECT E'{\n  "version" : 1,\n\t"scale": [ 0 , 10 ],\n  "counts": [0,0,0,0,0,0,0,0,0,0,5]\n}'::nps_summary;

-- Round trips.  Weights that are not exact in binary (0.1, 0.7, 1/3)
-- must come back bit for bit: output uses the shortest form that reads
-- back as the same double.
CREATE TABLE io_source (id int PRIMARY KEY, s nps_summary);
INSERT INTO io_source
SELECT 1, nps_summary(s) FROM unnest(ARRAY[0, 3, 6, 7, 8, 9, 9, 10, 10, 10]) s
UNION ALL
SELECT 2, nps_summary(s, w) FROM (VALUES (0, 0.1), (9, 0.7), (9, 1.0 / 3), (10, 1e-150), (7, 12345.6789)) v(s, w)
UNION ALL
SELECT 3, nps_summary(i % 11, 1.0 / (1 + i % 7)) FROM generate_series(1, 1000) i
UNION ALL
SELECT 4, nps_summary(i % 11) FROM generate_series(1, 100000) i;
SELECT id, s FROM io_source WHERE id <= 2 ORDER BY id;
SELECT id, s::text::nps_summary = s AS equal,
	   s::text::nps_summary::text = s::text AS same_text,
	   nps(s::text::nps_summary) = nps(s) AS same_nps,
	   std_error(s::text::nps_summary) = std_error(s) AS same_std_error
FROM io_source ORDER BY id;

-- Binary, worked out byte by byte for {9, 10, 10}:
-- 01 version, 01 kind (NPS), 00 0a scale 0..10, 00 satisfied band (CSAT
-- only), 00 flags (unweighted), then eleven big-endian int8 counts:
-- nine zeros, 1 (the 9), 2 (the 10s).  6 + 11 * 8 = 94 bytes.
SELECT nps_summary_send(nps_summary(s)) AS bytes, length(nps_summary_send(nps_summary(s)))
FROM unnest(ARRAY[9, 10, 10]) s;
-- weighted: flags 01, then the counts, eleven float8 weight sums and the
-- sum of squares: (9, 0.5) -> weights[9] = 0.5 = 3fe0000000000000,
-- sum of squares 0.25 = 3fd0000000000000; 6 + 88 + 88 + 8 = 190 bytes
SELECT substring(nps_summary_send(nps_summary(9, 0.5)) from 1 for 6) AS header,
	   substring(nps_summary_send(nps_summary(9, 0.5)) from 7 + 9 * 8 for 8) AS count_of_9,
	   substring(nps_summary_send(nps_summary(9, 0.5)) from 7 + 88 + 9 * 8 for 8) AS weight_of_9,
	   substring(nps_summary_send(nps_summary(9, 0.5)) from 7 + 88 + 88 for 8) AS sum_sq,
	   length(nps_summary_send(nps_summary(9, 0.5)));
-- every stored summary survives send -> receive unchanged
SELECT id, r.code, r.value = s::text AS same
FROM io_source, receive_binary('nps_summary', nps_summary_send(s)) r
ORDER BY id;

-- COPY out and in, binary and text, through files as clients do it.
\copy io_source TO 'results/nps_summary_binary.copy' (FORMAT binary)
\copy io_source TO 'results/nps_summary_text.copy'
CREATE TABLE io_binary (LIKE io_source);
CREATE TABLE io_text (LIKE io_source);
\copy io_binary FROM 'results/nps_summary_binary.copy' (FORMAT binary)
\copy io_text FROM 'results/nps_summary_text.copy'
SELECT count(*) AS rows,
	   count(*) FILTER (WHERE b.s = a.s AND b.s::text = a.s::text) AS binary_same,
	   count(*) FILTER (WHERE t.s = a.s AND t.s::text = a.s::text) AS text_same
FROM io_source a JOIN io_binary b USING (id) JOIN io_text t USING (id);
