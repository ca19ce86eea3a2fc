-- Cohort retention: of the customers who signed up in a month, how many
-- are still customers 1, 2, 3, 6, 9, 12 and 18 months after signing up?
--
-- Reads customers(started, ended).
--   psql -f demo/analysis/06_cohort_retention.sql [-v months=24]
--
-- A cohort is a signup month, and each cohort is one retention_summary: a
-- single pass over the customers, whatever the number of cohorts and ages.
-- A customer's age is counted in whole months from their signup day; one
-- who leaves during their k-th month is lost at age k.  Customers still
-- active when the data ends (:data_end) are censored: they count for the
-- months they have completed, no further, so "k months" is the Kaplan-Meier
-- retention at age k, in percent.  An empty cell has not happened yet (no
-- customer of the cohort has reached that age).  The last row pools the
-- cohorts (their summaries added up): the curve of every customer who
-- signed up in the last :months months.
--
-- What to look for:
--   * the shape of each row: the steep first months are onboarding
--     failures; a row that keeps falling steeply never finds its footing.
--   * a column read downwards: later cohorts retaining better (or worse)
--     at the same age.  In the demo data, cohorts whose first months run
--     past July 2025 keep fewer customers (about 77 % after 6 months
--     instead of 81 %): that is the growth plan's price change
--     (08_lifetimes.sql tests it).

\if :{?months} \else \set months 24 \endif

SELECT to_char(least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                     date_trunc('month', now())), 'YYYY-MM-DD') AS data_end
FROM customers \gset

\echo
\echo 'Retention % by signup cohort, months after signup (Kaplan-Meier), data up to' :data_end
SELECT coalesce(to_char(cohort, 'YYYY-MM'), 'all') AS cohort,
       customers_at_risk(s, 0) AS customers,
       round(retention(s, 1)::numeric, 1) AS "1",
       round(retention(s, 2)::numeric, 1) AS "2",
       round(retention(s, 3)::numeric, 1) AS "3",
       round(retention(s, 6)::numeric, 1) AS "6",
       round(retention(s, 9)::numeric, 1) AS "9",
       round(retention(s, 12)::numeric, 1) AS "12",
       round(retention(s, 18)::numeric, 1) AS "18"
FROM (SELECT date_trunc('month', started)::date AS cohort,
             retention_summary(daterange(started, ended), '1 month', :'data_end'::date) AS s
      FROM customers
      WHERE started >= :'data_end'::date - :months * interval '1 month'
      GROUP BY GROUPING SETS ((1), ())) AS cohorts
ORDER BY cohorts.cohort IS NULL, cohorts.cohort;
