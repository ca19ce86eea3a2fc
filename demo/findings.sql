-- What the analysis found, in five lines: the segment whose NPS changed most
-- in the last :recent_months months, the channel whose CSAT stands out most,
-- the plan whose churn changed most at :change_month, the churn of
-- detractors against promoters, and the plan whose cohorts from
-- :change_month on differ most from its earlier cohorts (log-rank test).
-- Found in the data, not looked up: each line is the headline of one of the
-- analysis files' tables.
--   psql -f demo/findings.sql [-v recent_months=6] [-v change_month=2025-07-01]
--        [-v compare_months=6] [-v follow_months=6] [-v lookback_months=12]
--        [-v cohort_months=12]

\if :{?recent_months} \else \set recent_months 6 \endif
\if :{?change_month} \else \set change_month 2025-07-01 \endif
\if :{?compare_months} \else \set compare_months 6 \endif
\if :{?follow_months} \else \set follow_months 6 \endif
\if :{?lookback_months} \else \set lookback_months 12 \endif
\if :{?cohort_months} \else \set cohort_months 12 \endif
\pset format unaligned
\pset tuples_only on

SELECT to_char(date_trunc('month', max(answered_at))
               - (:recent_months - 1) * interval '1 month', 'YYYY-MM-DD') AS recent_from
FROM responses \gset
SELECT to_char(data_end, 'YYYY-MM-DD') AS data_end,
       to_char(data_end - :follow_months * interval '1 month', 'YYYY-MM-DD') AS follow_from,
       to_char(data_end - (:follow_months + :lookback_months) * interval '1 month', 'YYYY-MM-DD')
           AS answers_from
FROM (SELECT least(date_trunc('month', greatest(max(started), max(ended))) + interval '1 month',
                   date_trunc('month', now())) AS data_end
      FROM customers) AS d \gset

-- 1. NPS: the segment with the largest change since :recent_from.
SELECT format('NPS:       %s %s from %s to %s since %s (95 %% interval %s..%s, %s)',
              segment,
              CASE WHEN ci_upper(recent) < nps(before) THEN 'fell'
                   WHEN ci_lower(recent) > nps(before) THEN 'rose'
                   ELSE 'moved (within its interval)' END,
              round(nps(before)::numeric, 1), round(nps(recent)::numeric, 1), :'recent_from',
              round(ci_lower(recent)::numeric, 1), round(ci_upper(recent)::numeric, 1),
              CASE WHEN p_value(recent, before) < 0.0001 THEN 'p < 0.0001'
                   ELSE 'p = ' || to_char(p_value(recent, before), 'FM0.0000') END)
FROM (SELECT segment,
             nps_summary(score) FILTER (WHERE answered_at < :'recent_from') AS before,
             nps_summary(score) FILTER (WHERE answered_at >= :'recent_from') AS recent
      FROM responses
      GROUP BY segment) AS s
ORDER BY abs(nps(recent) - nps(before)) DESC NULLS LAST
LIMIT 1;

-- 2. CSAT: the channel furthest above the rest.
SELECT format('CSAT:      %s is the best channel, %s %% satisfied (%s..%s) against %s %% for all others (%s)',
              ch.channel, round(csat(ch.s)::numeric, 1),
              round(ci_lower(ch.s)::numeric, 1), round(ci_upper(ch.s)::numeric, 1),
              round(csat(rest.s)::numeric, 1),
              CASE WHEN p_value(ch.s, rest.s) < 0.0001 THEN 'p < 0.0001'
                   ELSE 'p = ' || to_char(p_value(ch.s, rest.s), 'FM0.0000') END)
FROM (SELECT channel, csat_summary(score) AS s FROM csat_responses GROUP BY channel) AS ch
CROSS JOIN LATERAL (
    SELECT csat_summary(score) AS s FROM csat_responses r WHERE r.channel <> ch.channel
) AS rest
ORDER BY csat(ch.s) - csat(rest.s) DESC NULLS LAST
LIMIT 1;

-- 3. Churn: the plan whose churn changed most at :change_month.
SELECT format('Churn:     %s plan churn over %s months %s from %s %% (%s..%s) before %s to %s %% (%s..%s) after',
              plan, :compare_months,
              CASE WHEN ci_lower(after) > ci_upper(before) THEN 'rose'
                   WHEN ci_upper(after) < ci_lower(before) THEN 'fell'
                   ELSE 'moved (intervals overlap)' END,
              round(churn(before)::numeric, 1),
              round(ci_lower(before)::numeric, 1), round(ci_upper(before)::numeric, 1),
              :'change_month', round(churn(after)::numeric, 1),
              round(ci_lower(after)::numeric, 1), round(ci_upper(after)::numeric, 1))
FROM (SELECT plan,
             churn_summary(daterange(started, ended),
                           daterange((:'change_month'::date - :compare_months * interval '1 month')::date,
                                     :'change_month'::date)) AS before,
             churn_summary(daterange(started, ended),
                           daterange(:'change_month'::date,
                                     (:'change_month'::date + :compare_months * interval '1 month')::date)) AS after
      FROM customers
      GROUP BY plan) AS s
ORDER BY abs(churn(after) - churn(before)) DESC NULLS LAST
LIMIT 1;

-- 4. Churn by NPS category: detractors against promoters.
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
SELECT format('Churn/NPS: detractors churned %s %% (%s..%s) from %s to %s, promoters %s %% (%s..%s): %s times as often (%s)',
              round(churn(d.s)::numeric, 1),
              round(ci_lower(d.s)::numeric, 1), round(ci_upper(d.s)::numeric, 1),
              :'follow_from', :'data_end', round(churn(p.s)::numeric, 1),
              round(ci_lower(p.s)::numeric, 1), round(ci_upper(p.s)::numeric, 1),
              round((churn(d.s) / churn(p.s))::numeric, 1),
              CASE WHEN p_value(d.s, p.s) < 0.0001 THEN 'p < 0.0001'
                   ELSE 'p = ' || to_char(p_value(d.s, p.s), 'FM0.0000') END)
FROM (SELECT s FROM by_category WHERE category = 'detractor') AS d,
     (SELECT s FROM by_category WHERE category = 'promoter') AS p;

-- 5. Lifetimes: the plan whose cohorts from :change_month on retain most
--    differently from its cohorts of the :cohort_months months before, by
--    the log-rank test (ages from signup, customers still active censored
--    at the data's end), with the other plans' p-values beside it: plans
--    without a change should show none.
WITH cohorts AS (
    SELECT plan,
           retention_summary(daterange(started, ended), '1 month', :'data_end'::date)
               FILTER (WHERE started < :'change_month'::date) AS before,
           retention_summary(daterange(started, ended), '1 month', :'data_end'::date)
               FILTER (WHERE started >= :'change_month'::date) AS after
    FROM customers
    WHERE started >= :'change_month'::date - :cohort_months * interval '1 month'
      AND started < :'change_month'::date + :cohort_months * interval '1 month'
    GROUP BY plan
), tested AS (
    SELECT plan, before, after, p_value(before, after) AS p,
           CASE WHEN p_value(before, after) < 0.001 THEN trim(to_char(p_value(before, after), '9.9EEEE'))
                ELSE to_char(p_value(before, after), 'FM0.000') END AS p_text
    FROM cohorts
), ranked AS (
    SELECT *, row_number() OVER (ORDER BY p, plan) AS rank FROM tested
)
SELECT format('Lifetimes: %s cohorts from %s on %s: %s %% still customers after 6 months against %s %% for the %s months of cohorts before (log-rank p = %s); other plans: %s',
              top.plan, :'change_month',
              CASE WHEN top.p >= 0.001 THEN 'retain about as before'
                   WHEN retention(top.after, 6) < retention(top.before, 6) THEN 'churn faster'
                   ELSE 'churn slower' END,
              round(retention(top.after, 6)::numeric, 1), round(retention(top.before, 6)::numeric, 1),
              :cohort_months, top.p_text,
              (SELECT string_agg(format('%s p = %s', plan, p_text), ', ' ORDER BY plan)
               FROM ranked WHERE rank > 1))
FROM ranked AS top
WHERE top.rank = 1;
