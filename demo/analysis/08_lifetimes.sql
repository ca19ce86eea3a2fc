-- Customer lifetimes in one pass over the customers: the monthly churn
-- series (churn_timeline), the cohort retention table, retention curves
-- and lifetime value by plan (retention_summary, Kaplan-Meier), and the
-- log-rank test of the growth plan's cohorts before and after its price
-- change.
--
-- Reads customers(started, ended, plan, mrr).
--   psql -f demo/analysis/08_lifetimes.sql [-v months=24] [-v change_month=2025-07-01]
--
-- Unlike 04 and 06, which join the customers with every month, each query
-- here reads each customer once.  Customers still active are censored at
-- the data's end (as_of): they count for the ages they have reached, no
-- further.
--
-- What to look for:
--   * the monthly series equals 04's (same rule: churn_summary per month);
--   * retention by plan with its 95 % band: the growth plan's curve falls
--     below the others for cohorts that live through the price change;
--   * lifetime value over 24 months by plan, from each plan's revenue;
--   * the growth plan's cohorts that started after the change keep fewer
--     customers: a small log-rank p-value.

\if :{?months} \else \set months 24 \endif
\if :{?change_month} \else \set change_month 2025-07-01 \endif

SELECT to_char(least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                     date_trunc('month', now())), 'YYYY-MM-DD') AS data_end
FROM customers \gset

\echo
\echo 'Monthly churn of the last months, one pass (churn_timeline)'
SELECT to_char(lower(period), 'YYYY-MM') AS month,
       customers_at_start(s) AS "at start", customers_lost(s) AS lost, customers_new(s) AS new,
       round(churn(s)::numeric, 2) AS "churn %"
FROM unnest((SELECT churn_timeline(daterange(started, ended),
                                   daterange((:'data_end'::date - :months * interval '1 month')::date,
                                             :'data_end'::date),
                                   '1 month')
             FROM customers)) AS u(period daterange, s churn_summary)
ORDER BY 1;

\echo
\echo 'Cohort retention (Kaplan-Meier %), months after signup'
SELECT to_char(cohort, 'YYYY-MM') AS cohort, customers_at_risk(s, 0) AS customers,
       round(retention(s, 1)::numeric, 1) AS "1", round(retention(s, 3)::numeric, 1) AS "3",
       round(retention(s, 6)::numeric, 1) AS "6", round(retention(s, 12)::numeric, 1) AS "12",
       round(retention(s, 18)::numeric, 1) AS "18"
FROM (SELECT date_trunc('month', started)::date AS cohort,
             retention_summary(daterange(started, ended), '1 month', :'data_end'::date) AS s
      FROM customers
      WHERE started >= :'data_end'::date - :months * interval '1 month'
      GROUP BY 1) t
ORDER BY 1;

\echo
\echo 'Retention by plan with its 95 % band, every 3 months'
SELECT plan, u.age AS months, u.at_risk AS "at risk", round(u.retention::numeric, 1) AS "retention %",
       round(u.ci_lower::numeric, 1) AS low, round(u.ci_upper::numeric, 1) AS high
FROM (SELECT plan, retention_summary(daterange(started, ended), '1 month', :'data_end'::date) AS s
      FROM customers GROUP BY plan) p,
     unnest(p.s) AS u
WHERE u.age % 3 = 0 AND u.age <= 24
ORDER BY plan, u.age;

\echo
\echo 'Lifetime value over 24 months by plan (revenue-weighted retention x MRR)'
SELECT plan, customers_at_risk(s, 0) AS customers, median_lifetime(s) AS "median months",
       round(mean_lifetime(s, 24)::numeric, 2) AS "mean months of 24",
       round(lifetime_value(s, 24)::numeric, 0) AS "LTV 24 months"
FROM (SELECT plan, retention_summary(daterange(started, ended), '1 month', :'data_end'::date, mrr::float8) AS s
      FROM customers GROUP BY plan) p
ORDER BY plan;

\echo
\echo 'Growth plan: cohorts before and after' :change_month '(log-rank test)'
SELECT customers_at_risk(b, 0) AS "customers before", customers_at_risk(a, 0) AS "customers after",
       round(retention(b, 3)::numeric, 1) AS "3 months before %", round(retention(a, 3)::numeric, 1) AS "3 months after %",
       p_value(b, a) AS "p-value"
FROM (SELECT retention_summary(daterange(started, ended), '1 month', :'data_end'::date)
                 FILTER (WHERE started < :'change_month'::date) AS b,
             retention_summary(daterange(started, ended), '1 month', :'data_end'::date)
                 FILTER (WHERE started >= :'change_month'::date) AS a
      FROM customers
      WHERE plan = 'growth' AND started >= :'change_month'::date - interval '12 months') g;
