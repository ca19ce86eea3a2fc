-- The data the client checks read: survey answers, customers, and daily
-- and monthly summaries stored as a BI tool's materialized views keep them.
CREATE EXTENSION cx_metrics;
SELECT setseed(0.42);
CREATE TABLE responses AS
SELECT i AS id,
       (ARRAY['enterprise', 'mid-market', 'smb'])[1 + i / 30 % 3] AS segment,
       DATE '2026-06-01' + (i % 30) AS day,
       (random() * 10)::int AS nps_score,
       1 + (random() * 4)::int AS csat_score,
       1 + (random() * 6)::int AS ces_score,
       0.5 + random() AS weight
FROM generate_series(1, 20000) i;
CREATE TABLE customers AS
SELECT i AS id,
       (ARRAY['basic', 'growth', 'pro'])[1 + i % 3] AS plan,
       daterange(started, CASE WHEN random() < 0.4 THEN started + 30 + (random() * 400)::int END) AS active,
       round((10 + random() * 90)::numeric, 2)::float8 AS mrr
FROM generate_series(1, 5000) i,
     LATERAL (SELECT DATE '2025-01-01' + (random() * 500)::int + i * 0 AS started) s;
CREATE TABLE daily AS
SELECT day, segment, nps_summary(nps_score, weight) AS nps, csat_summary(csat_score) AS csat,
       ces_summary(ces_score) AS ces
FROM responses GROUP BY day, segment;
ALTER TABLE daily ADD PRIMARY KEY (day, segment);
CREATE TABLE monthly_churn AS
SELECT plan, m AS month,
       churn_summary(active, daterange(m, (m + interval '1 month')::date), mrr) AS churn
FROM customers, generate_series(DATE '2026-01-01', DATE '2026-06-01', interval '1 month') g,
     LATERAL (SELECT g::date AS m) d
GROUP BY plan, m;
ALTER TABLE monthly_churn ADD PRIMARY KEY (plan, month);
