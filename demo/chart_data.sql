-- Data for the charts (demo/chart.gp): monthly NPS and monthly churn, each
-- for all customers with its 95 % interval, and by segment or by plan;
-- retention by plan with its 95 % band; and the growth plan's cohorts before
-- and after its price change.  Each series is a block headed by its name,
-- blocks separated by two blank lines (gnuplot's "index").
--   psql -v nps_file=nps.dat -v churn_file=churn.dat \
--        -v retention_file=retention.dat -v change_file=change.dat \
--        -f demo/chart_data.sql [-v change_month=2025-07-01] [-v cohort_months=12]

\if :{?months} \else \set months 24 \endif
\if :{?change_month} \else \set change_month 2025-07-01 \endif
\if :{?cohort_months} \else \set cohort_months 12 \endif
\pset format unaligned
\pset tuples_only on

\o :nps_file
WITH monthly AS (
    SELECT coalesce(segment, 'all customers') AS series, grouping(segment) = 0 AS by_segment,
           date_trunc('month', answered_at)::date AS month, nps_summary(score) AS s
    FROM responses
    GROUP BY GROUPING SETS ((month), (segment, month))
)
SELECT line FROM (
    SELECT by_segment, series, 0 AS part, NULL::date AS month,
           format('month "%s" low high', series) AS line
    FROM monthly GROUP BY 1, 2
    UNION ALL
    SELECT by_segment, series, 1, month,
           format('%s %s %s %s', month, round(nps(s)::numeric, 2),
                  round(ci_lower(s)::numeric, 2), round(ci_upper(s)::numeric, 2))
    FROM monthly
    UNION ALL
    SELECT by_segment, series, 2, NULL, E'\n'
    FROM monthly GROUP BY 1, 2
) AS lines
ORDER BY by_segment, series, part, month;

\o :churn_file
SELECT to_char(data_end, 'YYYY-MM-DD') AS data_end,
       to_char(data_end - :months * interval '1 month', 'YYYY-MM-DD') AS series_from
FROM (SELECT least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                   date_trunc('month', now())) AS data_end
      FROM customers) AS d \gset
-- One churn_timeline for all customers and one per plan, in one pass.
WITH monthly AS (
    SELECT t.series, t.by_plan, lower(u.period) AS month, u.summary AS s
    FROM (SELECT coalesce(plan, 'all customers') AS series, grouping(plan) = 0 AS by_plan,
                 churn_timeline(daterange(started, ended),
                                daterange(:'series_from', :'data_end'), '1 month') AS timeline
          FROM customers
          GROUP BY GROUPING SETS ((), (plan))) AS t,
         unnest(t.timeline) AS u(period daterange, summary churn_summary)
)
SELECT line FROM (
    SELECT by_plan, series, 0 AS part, NULL::date AS month,
           format('month "%s" low high', series) AS line
    FROM monthly GROUP BY 1, 2
    UNION ALL
    SELECT by_plan, series, 1, month,
           format('%s %s %s %s', month, round(churn(s)::numeric, 3),
                  round(ci_lower(s)::numeric, 3), round(ci_upper(s)::numeric, 3))
    FROM monthly
    UNION ALL
    SELECT by_plan, series, 2, NULL, E'\n'
    FROM monthly GROUP BY 1, 2
) AS lines
ORDER BY by_plan, series, part, month;

-- Retention by plan (Kaplan-Meier, months after signup) with its 95 %
-- interval, one block per plan, while at least 30 customers are at risk
-- (beyond that the band is as wide as the chart).
\o :retention_file
WITH curves AS (
    SELECT p.plan AS series, u.age, u.retention, u.ci_lower, u.ci_upper
    FROM (SELECT plan, retention_summary(daterange(started, ended), '1 month', :'data_end'::date) AS s
          FROM customers
          GROUP BY plan) AS p,
         unnest(p.s) AS u
    WHERE u.at_risk >= 30
)
SELECT line FROM (
    SELECT series, 0 AS part, NULL::integer AS age,
           format('age "%s" low high', series) AS line
    FROM curves GROUP BY 1
    UNION ALL
    SELECT series, 1, age,
           format('%s %s %s %s', age, round(retention::numeric, 3),
                  round(ci_lower::numeric, 3), round(ci_upper::numeric, 3))
    FROM curves
    UNION ALL
    SELECT series, 2, NULL, E'\n'
    FROM curves GROUP BY 1
) AS lines
ORDER BY series, part, age;

-- The growth plan's cohorts of the :cohort_months months before
-- :change_month (block 0) and from it on (block 1), the log-rank p-value in
-- the second block's name.
\o :change_file
WITH cohorts AS (
    SELECT retention_summary(daterange(started, ended), '1 month', :'data_end'::date)
               FILTER (WHERE started < :'change_month'::date) AS before,
           retention_summary(daterange(started, ended), '1 month', :'data_end'::date)
               FILTER (WHERE started >= :'change_month'::date) AS after
    FROM customers
    WHERE plan = 'growth'
      AND started >= :'change_month'::date - :cohort_months * interval '1 month'
      AND started < :'change_month'::date + :cohort_months * interval '1 month'
), curves AS (
    SELECT 0 AS block, format('signed up in the %s months before %s', :cohort_months, :'change_month') AS series,
           u.age, u.retention, u.ci_lower, u.ci_upper
    FROM cohorts, unnest(cohorts.before) AS u
    WHERE u.at_risk >= 30
    UNION ALL
    SELECT 1, format('signed up from %s on (log-rank p = %s)', :'change_month',
                     trim(to_char(p_value(cohorts.before, cohorts.after), '9.9EEEE'))),
           u.age, u.retention, u.ci_lower, u.ci_upper
    FROM cohorts, unnest(cohorts.after) AS u
    WHERE u.at_risk >= 30
)
SELECT line FROM (
    SELECT block, 0 AS part, NULL::integer AS age,
           format('age "%s" low high', series) AS line
    FROM curves GROUP BY 1, series
    UNION ALL
    SELECT block, 1, age,
           format('%s %s %s %s', age, round(retention::numeric, 3),
                  round(ci_lower::numeric, 3), round(ci_upper::numeric, 3))
    FROM curves
    UNION ALL
    SELECT block, 2, NULL, E'\n'
    FROM curves GROUP BY 1
) AS lines
ORDER BY block, part, age;
\o
