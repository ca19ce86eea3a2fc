\set day random(0, 6)
\set segment random(1, 4)
\set n random(1, 3)
WITH new AS (
    INSERT INTO answers_plain (day, segment, score, weight)
    SELECT DATE '2026-06-01' + :day, :segment, (random() * 10)::int, (1 + (random() * 3)::int) / 4.0
    FROM generate_series(1, :n)
    RETURNING day, segment, score, weight)
INSERT INTO daily_plain AS t
SELECT day, segment, count(*), count(*) FILTER (WHERE score >= 9), count(*) FILTER (WHERE score <= 6),
       sum(weight), count(*) FILTER (WHERE score % 5 + 1 >= 4)
FROM new GROUP BY day, segment
ON CONFLICT (day, segment) DO UPDATE SET answers = t.answers + excluded.answers,
    promoters = t.promoters + excluded.promoters, detractors = t.detractors + excluded.detractors,
    weight = t.weight + excluded.weight, satisfied = t.satisfied + excluded.satisfied;
