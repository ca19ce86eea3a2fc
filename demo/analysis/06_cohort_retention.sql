-- Cohort retention: of the customers who signed up in a month, how many
-- are still customers 1, 2, 3, 6, 9, 12 and 18 months later?
--
-- Reads customers(started, ended).
--   psql -f demo/analysis/06_cohort_retention.sql [-v months=24]
--
-- A cohort is a signup month.  Its customers are those still active on the
-- first day of the next month (the first full month; customers who leave in
-- their signup month never reach it), and "k months" is the % of them still
-- active k months after that day.  An empty cell has not happened yet.
--
-- What to look for:
--   * the shape of each row: the steep first months are onboarding
--     failures; a row that keeps falling steeply never finds its footing.
--   * a column read downwards: later cohorts retaining better (or worse)
--     at the same age.  In the demo data, cohorts whose first months run
--     past July 2025 keep fewer customers (about 77 % after 6 months instead
--     of 81 %): that is the growth plan's price change.

\if :{?months} \else \set months 24 \endif

SELECT to_char(least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                     date_trunc('month', now())), 'YYYY-MM-DD') AS data_end
FROM customers \gset

\echo
\echo 'Retention % by signup cohort, months after the first full month'
SELECT to_char(cohort, 'YYYY-MM') AS cohort,
       max(customers_at_start(s)) FILTER (WHERE k = 1) AS customers,
       round(max(retention_rate(s)) FILTER (WHERE k = 1)::numeric, 1) AS "1",
       round(max(retention_rate(s)) FILTER (WHERE k = 2)::numeric, 1) AS "2",
       round(max(retention_rate(s)) FILTER (WHERE k = 3)::numeric, 1) AS "3",
       round(max(retention_rate(s)) FILTER (WHERE k = 6)::numeric, 1) AS "6",
       round(max(retention_rate(s)) FILTER (WHERE k = 9)::numeric, 1) AS "9",
       round(max(retention_rate(s)) FILTER (WHERE k = 12)::numeric, 1) AS "12",
       round(max(retention_rate(s)) FILTER (WHERE k = 18)::numeric, 1) AS "18"
FROM (SELECT date_trunc('month', c.started)::date AS cohort, k,
             churn_summary(daterange(c.started, c.ended),
                           daterange(c.first_month, (c.first_month + k * interval '1 month')::date)) AS s
      FROM (SELECT *, (date_trunc('month', started) + interval '1 month')::date AS first_month
            FROM customers) AS c
      CROSS JOIN unnest(ARRAY[1, 2, 3, 6, 9, 12, 18]) AS k
      WHERE c.started >= :'data_end'::date - :months * interval '1 month'
        AND c.first_month + k * interval '1 month' <= :'data_end'::date
      GROUP BY 1, 2) AS cells
GROUP BY cohort
ORDER BY cohort;
