-- Do detractors leave?  Churn of customers by their last NPS answer.
--
-- Reads responses(customer_id, answered_at, score) and
-- customers(id, started, ended).
--   psql -f demo/analysis/07_promoters_vs_detractors.sql \
--        [-v follow_months=6] [-v lookback_months=12]
--
-- Each customer is put in the NPS category of their latest answer in the
-- :lookback_months months before the follow-up period, which is the last
-- :follow_months months of data; churn is then measured over the follow-up
-- period among those still customers at its start.  Answers and churn do not
-- overlap in time, so the answer comes first.
--
-- What to look for:
--   * detractors' churn against promoters': "x promoters" is how many times
--     the promoters' rate, and p_vs_promoters below 0.01 says the difference
--     is more than chance.  Passives usually sit in between.
--   * the score-by-score table: churn rising steadily as the score falls
--     means the score is worth acting on.  In the demo data detractors
--     churn about twice as often as promoters.

\if :{?follow_months} \else \set follow_months 6 \endif
\if :{?lookback_months} \else \set lookback_months 12 \endif

SELECT to_char(data_end, 'YYYY-MM-DD') AS data_end,
       to_char(data_end - :follow_months * interval '1 month', 'YYYY-MM-DD') AS follow_from,
       to_char(data_end - (:follow_months + :lookback_months) * interval '1 month', 'YYYY-MM-DD')
           AS answers_from
FROM (SELECT least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                   date_trunc('month', now())) AS data_end
      FROM customers) AS d \gset

\echo
\echo 'Churn from' :follow_from 'to' :data_end 'by NPS category of the last answer between' :answers_from 'and' :follow_from
WITH latest AS (
    SELECT DISTINCT ON (customer_id) customer_id, score
    FROM responses
    WHERE score IS NOT NULL
      AND answered_at >= :'answers_from' AND answered_at < :'follow_from'
    ORDER BY customer_id, answered_at DESC
), by_category AS (
    SELECT nps_category(l.score) AS category,
           churn_summary(daterange(c.started, c.ended),
                         daterange(:'follow_from', :'data_end')) AS s
    FROM latest l
    JOIN customers c ON c.id = l.customer_id
    GROUP BY 1
)
SELECT b.category,
       customers_at_start(b.s) AS customers,
       customers_lost(b.s) AS lost,
       round(churn(b.s)::numeric, 1) AS "churn %",
       round(ci_lower(b.s)::numeric, 1) AS low,
       round(ci_upper(b.s)::numeric, 1) AS high,
       round((churn(b.s) / churn(p.s))::numeric, 2) AS "x promoters",
       CASE WHEN b.category = 'promoter' THEN ''
            WHEN p_value(b.s, p.s) < 0.0001 THEN '<0.0001'
            ELSE to_char(p_value(b.s, p.s), 'FM0.0000') END AS p_vs_promoters
FROM by_category b
CROSS JOIN (SELECT s FROM by_category WHERE category = 'promoter') AS p
ORDER BY churn(b.s) DESC;

\echo
\echo 'The same, score by score'
WITH latest AS (
    SELECT DISTINCT ON (customer_id) customer_id, score
    FROM responses
    WHERE score IS NOT NULL
      AND answered_at >= :'answers_from' AND answered_at < :'follow_from'
    ORDER BY customer_id, answered_at DESC
)
SELECT l.score AS "last score",
       nps_category(l.score) AS category,
       customers_at_start(s) AS customers,
       round(churn(s)::numeric, 1) AS "churn %",
       round(ci_lower(s)::numeric, 1) AS low,
       round(ci_upper(s)::numeric, 1) AS high
FROM (SELECT l.score,
             churn_summary(daterange(c.started, c.ended),
                           daterange(:'follow_from', :'data_end')) AS s
      FROM latest l
      JOIN customers c ON c.id = l.customer_id
      GROUP BY l.score) AS l
ORDER BY l.score;
