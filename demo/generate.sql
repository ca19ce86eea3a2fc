-- Realistic demo data, generated in the database: customers over three years
-- and two years of survey answers (NPS, CSAT, CES) tied to them.
--
--   psql -v responses=1000000 -f demo/generate.sql    (after demo/schema.sql)
--
-- One size parameter: :responses survey answers in all (default 1,000,000;
-- 40 % NPS, 35 % CSAT, 25 % CES) from :responses / 10 customers.  The same
-- size gives the same data on every run (random() is seeded).
--
-- The surveys run from 2024-07-01 to 2026-06-30; customers sign up from
-- 2023-07-01 on, more each month, so the survey period starts with a base of
-- customers.  Signals planted for the analysis to find:
--   1. the mid-market segment's NPS falls from January 2026 on;
--   2. CSAT answered in chat is clearly higher than in any other channel;
--   3. the growth plan's price went from 99 to 129 on 2025-07-01: from that
--      day on every growth customer's churn hazard is 2.2 times what it was
--      (the same at every age), so the growth plan's monthly churn about
--      doubles, and growth cohorts that sign up from then on keep fewer
--      customers at every age than the cohorts before them (about 73 %
--      after 6 months instead of 80 %; the log-rank test of 08_lifetimes.sql
--      finds it).  The starter and scale plans' prices and hazards never
--      change: the same test on them is the control;
--   4. detractors churn more than promoters: every customer has a hidden
--      satisfaction that raises their scores and lowers their churn.
-- Plus the usual texture: segments, channels and touchpoints that differ a
-- little, billing as the hardest touchpoint, CSAT and CES slowly improving,
-- early churn of customers who never get going, skipped NPS questions.

\set ON_ERROR_STOP on
\if :{?responses} \else \set responses 1000000 \endif
SET TimeZone = 'UTC';
SELECT greatest(:responses / 10, 100) AS customers \gset

-- One progress line: a step, its row count and its time since t0.
CREATE FUNCTION pg_temp.progress(step text, n bigint, t0 timestamptz) RETURNS text
LANGUAGE sql AS $$
    SELECT format('  %-22s %17s %7s s', step, to_char(n, 'FM999,999,999,990') || ' rows',
                  to_char(extract(epoch FROM clock_timestamp() - t0), 'FM9990.0'))
$$;

SELECT setseed(0.2024) \gset

-- Customers, with the hidden satisfaction h (a standard normal) that links
-- their answers to their churn.  Kept apart in a temporary table: it is not
-- part of the documented shape.
SELECT clock_timestamp() AS t0 \gset
CREATE TEMP TABLE gen_customers AS
WITH draw AS MATERIALIZED (
    SELECT g AS id,
           -- signups grow over time: density rising towards the end
           date '2023-07-01' + floor(1096 * random() ^ 0.75)::integer AS started,
           random() AS u_segment, random() AS u_plan, random() AS u_region,
           random() AS u_mrr, random() AS u_early, random() AS u_early_days,
           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS h,
           -ln(1 - random()) AS e          -- exponential draw for the lifetime
    FROM generate_series(1, :customers) AS g
), seg AS (
    SELECT *, (ARRAY['smb', 'mid-market', 'enterprise', 'education'])
                  [1 + width_bucket(u_segment, ARRAY[0.45, 0.75, 0.85])] AS segment
    FROM draw
), planned AS (
    SELECT *,
           (ARRAY['starter', 'growth', 'scale'])
               [1 + width_bucket(u_plan, CASE segment
                    WHEN 'smb' THEN ARRAY[0.65, 0.98]
                    WHEN 'mid-market' THEN ARRAY[0.25, 0.85]
                    WHEN 'enterprise' THEN ARRAY[0.05, 0.40]
                    ELSE ARRAY[0.50, 0.95] END)] AS plan,
           (ARRAY['NA', 'EMEA', 'APAC', 'LATAM'])
               [1 + width_bucket(u_region, ARRAY[0.45, 0.80, 0.95])] AS region
    FROM seg
), hazard AS (
    -- monthly churn by plan and segment, lower for happier customers,
    -- as a daily hazard
    SELECT *,
           -ln(1 - least(0.5,
                 CASE plan WHEN 'starter' THEN 0.030 WHEN 'growth' THEN 0.018 ELSE 0.008 END
               * CASE segment WHEN 'smb' THEN 1.25 WHEN 'enterprise' THEN 0.7
                              WHEN 'education' THEN 0.9 ELSE 1.0 END
               * exp(-0.6 * h - 0.18))) / 30.4375 AS lambda,
           -- days until the growth plan's price change (2025-07-01)
           CASE WHEN plan = 'growth' THEN greatest(0, date '2025-07-01' - started) END AS a
    FROM planned
), lived AS (
    SELECT *,
           CASE
               -- 7 % never get going and leave within three months
               WHEN u_early < 0.07 THEN 10 + 80 * u_early_days
               WHEN a IS NULL OR e <= lambda * a THEN e / lambda
               -- planted: from the price change on, the growth plan's hazard
               -- is 2.2 times (the exponential draw e, a cumulative hazard,
               -- is used up at lambda until day a and at 2.2 lambda after)
               ELSE a + (e - lambda * a) / (2.2 * lambda)
           END AS life
    FROM hazard
)
SELECT id, started,
       CASE WHEN started + greatest(1, ceil(life))::integer < date '2026-07-01'
            THEN started + greatest(1, ceil(life))::integer END AS ended,
       plan, segment, region, h,
       round(CASE plan
           WHEN 'starter' THEN 29 * (1 + floor(-ln(1 - u_mrr)))
           WHEN 'growth' THEN
               -- the price the customer pays (or paid last)
               CASE WHEN started + ceil(life)::integer <= date '2025-07-01' THEN 99 ELSE 129 END
               * (1 + floor(-2 * ln(1 - u_mrr)))
           ELSE 499 + 100 * floor(-5 * ln(1 - u_mrr)) END::numeric, 2) AS mrr
FROM lived;

INSERT INTO customers (id, started, ended, plan, segment, region, mrr)
SELECT id, started, ended, plan, segment, region, mrr FROM gen_customers ORDER BY id;
SELECT pg_temp.progress('customers', count(*), :'t0') AS line FROM customers \gset
\echo :line

-- Each customer answers while a customer, in proportion to the days they
-- were one within the survey period.
ALTER TABLE gen_customers
    ADD COLUMN lo timestamp, ADD COLUMN days double precision;
UPDATE gen_customers
SET lo = greatest(started, date '2024-07-01'),
    days = greatest(0, least(coalesce(ended, date '2026-07-01'), date '2026-07-01')
                       - greatest(started, date '2024-07-01'));
SELECT sum(days) AS customer_days FROM gen_customers \gset

-- NPS: a latent x = 8.5 + 1.2 h + noise, shifted by segment, channel and
-- touchpoint, rounded and clipped to 0..10 (NPS about +35), plus a few angry
-- answers and 1.5 % skipped questions (NULL).
SELECT clock_timestamp() AS t0 \gset
INSERT INTO responses (customer_id, answered_at, segment, channel, touchpoint, score)
WITH answer AS MATERIALIZED (
    SELECT c.id, c.segment, c.h,
           (c.lo + random() * c.days * interval '1 day') AT TIME ZONE 'UTC' AS answered_at,
           (ARRAY['email', 'in-app', 'web'])[1 + width_bucket(random(), ARRAY[0.50, 0.85])] AS channel,
           (ARRAY['relationship', 'onboarding', 'support'])
               [1 + width_bucket(random(), ARRAY[0.60, 0.75])] AS touchpoint,
           random() AS u_skip, random() AS u_angry, random() AS u_angry_score,
           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
    FROM gen_customers c,
         generate_series(1, floor(0.40 * :responses * c.days / :customer_days + random())::integer)
    WHERE c.days > 0
)
SELECT id, answered_at, segment, channel, touchpoint,
       CASE WHEN u_skip < 0.015 THEN NULL
            -- a few angry answers anywhere from 0 to 5, more from unhappy customers
            WHEN u_angry < 0.015 * exp(-1.2 * h) THEN floor(6 * u_angry_score)
            ELSE least(10, greatest(0, round(
           8.5 + 1.2 * h + 1.6 * z
           + CASE segment WHEN 'smb' THEN -0.2 WHEN 'mid-market' THEN 0.2
                          WHEN 'education' THEN 0.4 ELSE 0 END
           -- planted: mid-market falls from January 2026 on
           - CASE WHEN segment = 'mid-market' AND answered_at >= '2026-01-01' THEN 0.8 ELSE 0 END
           + CASE channel WHEN 'in-app' THEN 0.2 WHEN 'web' THEN -0.1 ELSE 0 END
           + CASE touchpoint WHEN 'onboarding' THEN 0.3 WHEN 'support' THEN -0.3 ELSE 0 END)))
       END
FROM answer
ORDER BY answered_at;
SELECT pg_temp.progress('NPS responses', count(*), :'t0') AS line FROM responses \gset
\echo :line

-- CSAT 1..5: y = 4.2 + 0.5 h + noise; chat is planted clearly better,
-- billing worse, and everything improves slowly (satisfied = 4 or 5).
SELECT clock_timestamp() AS t0 \gset
INSERT INTO csat_responses (customer_id, answered_at, segment, channel, touchpoint, score)
WITH answer AS MATERIALIZED (
    SELECT c.id, c.segment, c.h,
           (c.lo + random() * c.days * interval '1 day') AT TIME ZONE 'UTC' AS answered_at,
           (ARRAY['chat', 'email', 'phone', 'in-app', 'web'])
               [1 + width_bucket(random(), ARRAY[0.30, 0.55, 0.75, 0.90])] AS channel,
           (ARRAY['support', 'onboarding', 'billing', 'renewal', 'product'])
               [1 + width_bucket(random(), ARRAY[0.45, 0.60, 0.75, 0.85])] AS touchpoint,
           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
    FROM gen_customers c,
         generate_series(1, floor(0.35 * :responses * c.days / :customer_days + random())::integer)
    WHERE c.days > 0
)
SELECT id, answered_at, segment, channel, touchpoint,
       least(5, greatest(1, round(
           4.2 + 0.5 * h + 0.9 * z
           + CASE channel WHEN 'chat' THEN 0.6 WHEN 'email' THEN -0.1 WHEN 'phone' THEN -0.2
                          WHEN 'in-app' THEN 0.1 ELSE 0 END
           + CASE touchpoint WHEN 'onboarding' THEN 0.2 WHEN 'billing' THEN -0.4
                             WHEN 'renewal' THEN -0.1 WHEN 'product' THEN 0.1 ELSE 0 END
           + 0.15 * extract(epoch FROM answered_at - '2024-07-01') / (730 * 86400))))
FROM answer
ORDER BY answered_at;
SELECT pg_temp.progress('CSAT responses', count(*), :'t0') AS line FROM csat_responses \gset
\echo :line

-- CES 1..7 (higher is easier): v = 5.3 + 0.4 h + noise; billing is the
-- hardest touchpoint, phone the hardest channel.
SELECT clock_timestamp() AS t0 \gset
INSERT INTO ces_responses (customer_id, answered_at, segment, channel, touchpoint, score)
WITH answer AS MATERIALIZED (
    SELECT c.id, c.segment, c.h,
           (c.lo + random() * c.days * interval '1 day') AT TIME ZONE 'UTC' AS answered_at,
           (ARRAY['chat', 'email', 'phone', 'in-app', 'web'])
               [1 + width_bucket(random(), ARRAY[0.30, 0.55, 0.75, 0.90])] AS channel,
           (ARRAY['support', 'onboarding', 'billing', 'renewal', 'product'])
               [1 + width_bucket(random(), ARRAY[0.45, 0.60, 0.75, 0.85])] AS touchpoint,
           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
    FROM gen_customers c,
         generate_series(1, floor(0.25 * :responses * c.days / :customer_days + random())::integer)
    WHERE c.days > 0
)
SELECT id, answered_at, segment, channel, touchpoint,
       least(7, greatest(1, round(
           5.3 + 0.4 * h + 1.2 * z
           + CASE channel WHEN 'chat' THEN 0.3 WHEN 'email' THEN -0.1 WHEN 'phone' THEN -0.4
                          WHEN 'in-app' THEN 0.2 ELSE 0 END
           + CASE touchpoint WHEN 'onboarding' THEN 0.2 WHEN 'support' THEN -0.2
                             WHEN 'billing' THEN -0.8 WHEN 'renewal' THEN -0.3
                             WHEN 'product' THEN 0.3 ELSE 0 END
           + 0.3 * extract(epoch FROM answered_at - '2024-07-01') / (730 * 86400))))
FROM answer
ORDER BY answered_at;
SELECT pg_temp.progress('CES responses', count(*), :'t0') AS line FROM ces_responses \gset
\echo :line

SELECT clock_timestamp() AS t0 \gset
VACUUM ANALYZE customers, responses, csat_responses, ces_responses;
SELECT pg_temp.progress('vacuum analyze', NULL, :'t0') AS line \gset
\echo :line
