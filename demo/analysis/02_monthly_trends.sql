-- Monthly trends of NPS, CSAT and CES, each with its 95 % interval, and
-- NPS by segment month by month.
--
-- Reads responses, csat_responses and ces_responses (answered_at, segment,
-- score); months in the session's time zone.
--   psql -f demo/analysis/02_monthly_trends.sql
--
-- What to look for:
--   * a month whose interval does not overlap the months before it is a real
--     change, not noise; narrow intervals need many answers, so compare the
--     answers column before reading much into a wiggle.
--   * CSAT is the % of 4s and 5s on the 1..5 scale (Wilson interval), CES
--     the mean of the 1..7 "easy" scale (higher is easier).  In the demo data
--     both improve slowly.
--   * In the segment table, look for a column that steps down and stays
--     down: in the demo data mid-market falls in January 2026.

\echo
\echo 'Monthly NPS, CSAT (% satisfied) and CES (mean, 1..7), with 95 % intervals'
SELECT to_char(month, 'YYYY-MM') AS month,
       responses(n.s) AS "nps answers",
       round(nps(n.s)::numeric, 1) AS nps,
       round(ci_lower(n.s)::numeric, 1) AS low,
       round(ci_upper(n.s)::numeric, 1) AS high,
       round(csat(c.s)::numeric, 1) AS csat,
       round(ci_lower(c.s)::numeric, 1) AS low,
       round(ci_upper(c.s)::numeric, 1) AS high,
       round(ces(e.s)::numeric, 2) AS ces,
       round(ci_lower(e.s)::numeric, 2) AS low,
       round(ci_upper(e.s)::numeric, 2) AS high
FROM (SELECT date_trunc('month', answered_at) AS month, nps_summary(score) AS s
      FROM responses GROUP BY 1) AS n
FULL JOIN (SELECT date_trunc('month', answered_at) AS month, csat_summary(score) AS s
           FROM csat_responses GROUP BY 1) AS c USING (month)
FULL JOIN (SELECT date_trunc('month', answered_at) AS month, ces_summary(score) AS s
           FROM ces_responses GROUP BY 1) AS e USING (month)
ORDER BY month;

\echo
\echo 'Monthly NPS by segment'
SELECT to_char(date_trunc('month', answered_at), 'YYYY-MM') AS month,
       segment,
       round(nps_agg(score)::numeric, 1) AS nps
FROM responses
GROUP BY 1, 2
ORDER BY 1, 2
\crosstabview month segment nps
