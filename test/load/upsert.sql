\set day random(0, 6)
\set segment random(1, 4)
\set n random(1, 3)
WITH new AS (
    INSERT INTO answers (day, segment, score, weight)
    SELECT DATE '2026-06-01' + :day, :segment, (random() * 10)::int, (1 + (random() * 3)::int) / 4.0
    FROM generate_series(1, :n)
    RETURNING day, segment, score, weight)
INSERT INTO daily AS t
SELECT day, segment, nps_summary(score, weight), csat_summary(score % 5 + 1)
FROM new GROUP BY day, segment
ON CONFLICT (day, segment) DO UPDATE SET nps = t.nps + excluded.nps, csat = t.csat + excluded.csat;
