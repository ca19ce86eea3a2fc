-- Customer churn month by month, by plan, and before and after a change
-- (a price change, a new onboarding, ...).
--
-- Reads customers(started, ended, plan).  A customer's life is
-- daterange(started, ended); a month's churn is the % of the customers
-- active on its first day who are gone by the first day of the next.
--   psql -f demo/analysis/04_churn_by_month_and_plan.sql \
--        [-v months=24] [-v change_month=2025-07-01] [-v compare_months=6]
--
-- The months analysed are the last :months full months of data: up to the
-- month of the latest signup or cancellation, or the last month before
-- today, whichever is earlier (a month still running is not over yet).
-- The monthly series is one churn_timeline per group: one pass over the
-- customers for all the months, each month's summary the churn_summary of
-- that month (not a join of every customer with every month).
--
-- What to look for:
--   * the monthly rate and its 95 % Wilson interval; "new" customers joined
--     during the month and are not in its denominator.
--   * a plan whose column steps up and stays up.  The last table compares
--     each plan's churn over the :compare_months months before :change_month
--     with the :compare_months months from it on; "rose" means the two
--     intervals do not overlap.  In the demo data the growth plan's price
--     went up on 2025-07-01 and its churn roughly doubled.

\if :{?months} \else \set months 24 \endif
\if :{?change_month} \else \set change_month 2025-07-01 \endif
\if :{?compare_months} \else \set compare_months 6 \endif

SELECT to_char(data_end, 'YYYY-MM-DD') AS data_end,
       to_char(data_end - :months * interval '1 month', 'YYYY-MM-DD') AS series_from
FROM (SELECT least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                   date_trunc('month', now())) AS data_end
      FROM customers) AS d \gset

\echo
\echo 'Monthly churn, all customers (95 % interval)'
SELECT to_char(lower(period), 'YYYY-MM') AS month,
       customers_at_start(summary) AS "at start",
       customers_lost(summary) AS lost,
       customers_new(summary) AS new,
       round(churn(summary)::numeric, 2) AS "churn %",
       round(ci_lower(summary)::numeric, 2) AS low,
       round(ci_upper(summary)::numeric, 2) AS high
FROM unnest((SELECT churn_timeline(daterange(started, ended),
                                   daterange(:'series_from', :'data_end'), '1 month')
             FROM customers)) AS u(period daterange, summary churn_summary)
ORDER BY month;

\echo
\echo 'Monthly churn % by plan'
SELECT to_char(lower(u.period), 'YYYY-MM') AS month,
       p.plan,
       round(churn(u.summary)::numeric, 2) AS churn
FROM (SELECT plan,
             churn_timeline(daterange(started, ended),
                            daterange(:'series_from', :'data_end'), '1 month') AS t
      FROM customers
      GROUP BY plan) AS p,
     unnest(p.t) AS u(period daterange, summary churn_summary)
ORDER BY 1, 2
\crosstabview month plan churn

\echo
\echo 'Churn over the' :compare_months 'months before' :change_month 'and the' :compare_months 'months from it on, by plan'
\echo '(% of the customers at the start of each period; per month: the same churn as a steady monthly rate)'
SELECT coalesce(plan, 'all') AS plan,
       round(churn(before)::numeric, 1) AS "churn before",
       round(ci_lower(before)::numeric, 1) AS low,
       round(ci_upper(before)::numeric, 1) AS high,
       round(churn(after)::numeric, 1) AS "churn after",
       round(ci_lower(after)::numeric, 1) AS low,
       round(ci_upper(after)::numeric, 1) AS high,
       round((100 * (1 - (1 - churn(before) / 100) ^ (1.0 / :compare_months)))::numeric, 2)
           || ' -> '
           || round((100 * (1 - (1 - churn(after) / 100) ^ (1.0 / :compare_months)))::numeric, 2)
           AS "per month",
       CASE WHEN p_value(before, after) < 0.0001 THEN '<0.0001'
            ELSE to_char(p_value(before, after), 'FM0.0000') END AS p_value,
       CASE WHEN ci_lower(after) > ci_upper(before) THEN 'rose'
            WHEN ci_upper(after) < ci_lower(before) THEN 'fell'
            ELSE '' END AS verdict
FROM (SELECT plan,
             churn_summary(daterange(started, ended),
                           daterange((:'change_month'::date - :compare_months * interval '1 month')::date,
                                     :'change_month'::date)) AS before,
             churn_summary(daterange(started, ended),
                           daterange(:'change_month'::date,
                                     (:'change_month'::date + :compare_months * interval '1 month')::date)) AS after
      FROM customers
      GROUP BY GROUPING SETS ((plan), ())) AS s
ORDER BY plan IS NULL, plan;
