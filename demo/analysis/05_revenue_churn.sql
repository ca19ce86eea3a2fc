-- Revenue churn: the share of monthly recurring revenue lost with the
-- customers who left, next to the share of customers lost.
--
-- Reads customers(started, ended, plan, segment, mrr).
--   psql -f demo/analysis/05_revenue_churn.sql [-v months=24] [-v recent_months=6]
--
-- What to look for:
--   * revenue churn below customer churn means the customers who leave are
--     smaller than average (the usual case: big accounts stay longer); above
--     it, you are losing your best customers.
--   * The interval of a revenue churn uses the design-based variance of
--     the ratio of lost to starting revenue (R's svyratio), so a few very
--     large accounts widen it, the more so when they are the ones lost.
--   * By plan and segment over the last :recent_months months: where the
--     revenue goes.  In the demo data the growth plan's price change shows
--     here too, and scale customers (the largest) churn least.

\if :{?months} \else \set months 24 \endif
\if :{?recent_months} \else \set recent_months 6 \endif

SELECT to_char(least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                     date_trunc('month', now())), 'YYYY-MM-DD') AS data_end
FROM customers \gset

\echo
\echo 'Monthly customer churn and revenue (MRR) churn, all customers'
SELECT to_char(lower(period), 'YYYY-MM') AS month,
       round(churn(customers)::numeric, 2) AS "customer churn %",
       round(revenue_at_start(revenue)::numeric, 0) AS "mrr at start",
       round(revenue_lost(revenue)::numeric, 0) AS "mrr lost",
       round(churn(revenue)::numeric, 2) AS "revenue churn %",
       round(ci_lower(revenue)::numeric, 2) AS low,
       round(ci_upper(revenue)::numeric, 2) AS high
FROM (SELECT m.period,
             churn_summary(daterange(c.started, c.ended), m.period) AS customers,
             churn_summary(daterange(c.started, c.ended), m.period, c.mrr) AS revenue
      FROM customers c
      CROSS JOIN (SELECT daterange(d::date, (d + interval '1 month')::date) AS period
                  FROM generate_series(:'data_end'::date - :months * interval '1 month',
                                       :'data_end'::date - interval '1 month',
                                       interval '1 month') AS d) AS m
      GROUP BY m.period) AS monthly
ORDER BY month;

\echo
\echo 'Customer and revenue churn over the last' :recent_months 'months, by plan and segment (95 % intervals)'
SELECT coalesce(plan, 'all') AS plan,
       coalesce(segment, 'all') AS segment,
       customers_at_start(customers) AS "at start",
       round(churn(customers)::numeric, 1) AS "customer churn %",
       round(revenue_at_start(revenue)::numeric, 0) AS "mrr at start",
       round(churn(revenue)::numeric, 1) AS "revenue churn %",
       round(ci_lower(revenue)::numeric, 1) AS low,
       round(ci_upper(revenue)::numeric, 1) AS high
FROM (SELECT plan, segment,
             churn_summary(daterange(started, ended), period) AS customers,
             churn_summary(daterange(started, ended), period, mrr) AS revenue
      FROM customers,
           daterange((:'data_end'::date - :recent_months * interval '1 month')::date,
                     :'data_end'::date) AS period
      GROUP BY GROUPING SETS ((plan), (segment), ())) AS s
ORDER BY plan IS NULL, plan, segment IS NULL, segment;
