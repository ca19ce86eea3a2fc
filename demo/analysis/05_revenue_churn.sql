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
--
-- The monthly series is two churn_timelines (customers and revenue) built in
-- one pass over the customers.

\if :{?months} \else \set months 24 \endif
\if :{?recent_months} \else \set recent_months 6 \endif

SELECT to_char(data_end, 'YYYY-MM-DD') AS data_end,
       to_char(data_end - :months * interval '1 month', 'YYYY-MM-DD') AS series_from
FROM (SELECT least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                   date_trunc('month', now())) AS data_end
      FROM customers) AS d \gset

\echo
\echo 'Monthly customer churn and revenue (MRR) churn, all customers'
SELECT to_char(lower(c.period), 'YYYY-MM') AS month,
       round(churn(c.summary)::numeric, 2) AS "customer churn %",
       round(revenue_at_start(r.summary)::numeric, 0) AS "mrr at start",
       round(revenue_lost(r.summary)::numeric, 0) AS "mrr lost",
       round(churn(r.summary)::numeric, 2) AS "revenue churn %",
       round(ci_lower(r.summary)::numeric, 2) AS low,
       round(ci_upper(r.summary)::numeric, 2) AS high
FROM (SELECT churn_timeline(daterange(started, ended),
                            daterange(:'series_from', :'data_end'), '1 month') AS customers,
             churn_timeline(daterange(started, ended),
                            daterange(:'series_from', :'data_end'), '1 month', mrr) AS revenue
      FROM customers) AS t,
     unnest(t.customers) AS c(period daterange, summary churn_summary),
     unnest(t.revenue) AS r(period daterange, summary churn_summary)
WHERE r.period = c.period
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
