-- Customer lifetimes by plan: retention curves with their 95 % bands,
-- median and mean lifetime, lifetime value, and the log-rank test of each
-- plan's cohorts before and after a change (a price change, a new
-- onboarding, ...).
--
-- Reads customers(started, ended, plan, mrr).
--   psql -f demo/analysis/08_lifetimes.sql \
--        [-v horizon=24] [-v change_month=2025-07-01] [-v cohort_months=12]
--
-- Each plan's curve is one retention_summary (Kaplan-Meier): one pass over
-- the customers.  Ages are whole months from signup; customers still active
-- when the data ends are censored, counting for the months they have
-- completed and no further.
--
-- What to look for:
--   * retention by plan with its 95 % band (log-log interval): bands that do
--     not overlap are plans that really differ.  Scale customers stay much
--     longer than starter and growth customers.
--   * lifetime value over :horizon months: the expected revenue of a new
--     customer over their first :horizon months.  The revenue-weighted
--     value follows each customer's MRR; the value at the mean MRR assumes
--     big and small accounts leave alike.  Where the first is higher, big
--     accounts stay longer, or, as for growth here, the MRR column holds
--     what a customer pays last: growth customers who stayed past the price
--     change pay 129 instead of 99, so staying raises the revenue a
--     revenue-weighted curve weighs them by (revenue at the start of a
--     lifetime would not carry that bias).
--   * the change: each plan's cohorts that signed up in the :cohort_months
--     months before :change_month against those from it on, compared at
--     the same ages by the log-rank test.  In the demo data the growth
--     plan's price rose on 2025-07-01: its later cohorts keep fewer
--     customers (p far below 0.001), while starter and scale, whose prices
--     did not change, show no difference beyond chance.

\if :{?horizon} \else \set horizon 24 \endif
\if :{?change_month} \else \set change_month 2025-07-01 \endif
\if :{?cohort_months} \else \set cohort_months 12 \endif

SELECT to_char(least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                     date_trunc('month', now())), 'YYYY-MM-DD') AS data_end
FROM customers \gset

\echo
\echo 'Retention % by plan, months after signup, with its 95 % interval (every 3 months)'
SELECT p.plan, u.age AS months, u.at_risk AS "at risk",
       round(u.retention::numeric, 1) AS "retention %",
       round(u.ci_lower::numeric, 1) AS low,
       round(u.ci_upper::numeric, 1) AS high
FROM (SELECT plan, retention_summary(daterange(started, ended), '1 month', :'data_end'::date) AS s
      FROM customers
      GROUP BY plan) AS p,
     unnest(p.s) AS u
WHERE u.age % 3 = 0 AND u.age <= 36
ORDER BY p.plan, u.age;

\echo
\echo 'Lifetime by plan: median, mean over the first' :horizon 'months, and lifetime value over' :horizon 'months'
SELECT plan,
       customers_at_risk(s, 0) AS customers,
       coalesce(median_lifetime(s)::text, 'not reached') AS "median months",
       round(mean_lifetime(s, :horizon)::numeric, 1) AS "mean months",
       round(mean_mrr, 0) AS "mean mrr",
       round(lifetime_value(revenue, :horizon)::numeric, 0) AS "ltv (revenue-weighted)",
       round(lifetime_value(s, :horizon, mean_mrr::float8)::numeric, 0) AS "ltv at mean mrr"
FROM (SELECT plan,
             retention_summary(daterange(started, ended), '1 month', :'data_end'::date) AS s,
             retention_summary(daterange(started, ended), '1 month', :'data_end'::date, mrr) AS revenue,
             avg(mrr) AS mean_mrr
      FROM customers
      GROUP BY plan) AS p
ORDER BY plan;

\echo
\echo 'Cohorts from' :change_month 'on against the' :cohort_months 'months of cohorts before, by plan (log-rank test)'
SELECT plan,
       customers_at_risk(before, 0) AS "customers before",
       customers_at_risk(after, 0) AS "customers after",
       round(retention(before, 3)::numeric, 1) || ' -> ' || round(retention(after, 3)::numeric, 1)
           AS "3 months %",
       round(retention(before, 6)::numeric, 1) || ' -> ' || round(retention(after, 6)::numeric, 1)
           AS "6 months %",
       CASE WHEN p_value(before, after) < 0.001 THEN trim(to_char(p_value(before, after), '9.9EEEE'))
            ELSE to_char(p_value(before, after), 'FM0.000') END AS "p-value",
       CASE WHEN p_value(before, after) >= 0.001 THEN ''
            WHEN retention(after, 6) < retention(before, 6) THEN 'churn faster'
            ELSE 'churn slower' END AS verdict
FROM (SELECT plan,
             retention_summary(daterange(started, ended), '1 month', :'data_end'::date)
                 FILTER (WHERE started < :'change_month'::date) AS before,
             retention_summary(daterange(started, ended), '1 month', :'data_end'::date)
                 FILTER (WHERE started >= :'change_month'::date) AS after
      FROM customers
      WHERE started >= :'change_month'::date - :cohort_months * interval '1 month'
        AND started < :'change_month'::date + :cohort_months * interval '1 month'
      GROUP BY plan) AS cohorts
ORDER BY plan;
