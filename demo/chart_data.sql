-- Data for the chart (demo/chart.gp): monthly NPS and monthly churn, each
-- for all customers with its 95 % interval, and by segment or by plan.
-- Each series is a block headed by its name, blocks separated by two blank
-- lines (gnuplot's "index").
--   psql -v nps_file=nps.dat -v churn_file=churn.dat -f demo/chart_data.sql

\if :{?months} \else \set months 24 \endif
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
SELECT least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
             date_trunc('month', now()))::date AS data_end
FROM customers \gset
WITH monthly AS (
    SELECT coalesce(c.plan, 'all customers') AS series, grouping(c.plan) = 0 AS by_plan,
           lower(m.period) AS month,
           churn_summary(daterange(c.started, c.ended), m.period) AS s
    FROM customers c
    CROSS JOIN (SELECT daterange(d::date, (d + interval '1 month')::date) AS period
                FROM generate_series(:'data_end'::date - :months * interval '1 month',
                                     :'data_end'::date - interval '1 month',
                                     interval '1 month') AS d) AS m
    GROUP BY GROUPING SETS ((m.period), (c.plan, m.period))
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
\o
