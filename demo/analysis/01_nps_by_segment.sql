-- NPS by segment: which segments recommend us, how sure we are, and which
-- of them changed recently.
--
-- Reads responses(answered_at, segment, score).
--   psql -f demo/analysis/01_nps_by_segment.sql [-v recent_months=6]
--
-- What to look for:
--   * nps with its 95 % interval [low, high] (adjusted Wald): segments whose
--     intervals do not overlap really differ.  p_vs_rest is the two-sided
--     p-value that the segment's NPS differs from that of all other answers;
--     below 0.01 it is more than chance.
--   * The second table splits each segment's answers into the last
--     :recent_months months and everything before.  "fell" means the recent
--     95 % interval lies wholly below the earlier NPS, "rose" wholly above.
--     In the demo data the mid-market segment falls from January 2026.  With
--     a million answers even small drifts are "real": the NPS of segments
--     whose unhappy customers leave rises slowly, as the ones who stay are
--     the happier ones; weigh the change column, not only the verdict.

\if :{?recent_months} \else \set recent_months 6 \endif

\echo
\echo 'NPS by segment, all answers (95 % interval; p-value against all other segments)'
SELECT coalesce(seg.segment, 'all') AS segment,
       responses(seg.s) AS answers,
       round(promoters(seg.s)::numeric, 1) AS "promoters %",
       round(detractors(seg.s)::numeric, 1) AS "detractors %",
       round(nps(seg.s)::numeric, 1) AS nps,
       round(ci_lower(seg.s)::numeric, 1) AS low,
       round(ci_upper(seg.s)::numeric, 1) AS high,
       CASE WHEN p_value(seg.s, rest.s) < 0.0001 THEN '<0.0001'
            ELSE to_char(p_value(seg.s, rest.s), 'FM0.0000') END AS p_vs_rest
FROM (SELECT segment, nps_summary(score) AS s
      FROM responses
      GROUP BY GROUPING SETS ((segment), ())) AS seg
CROSS JOIN LATERAL (
    -- everyone else (nothing for the "all" row, so its p-value is empty)
    SELECT nps_summary(score) AS s FROM responses r WHERE r.segment <> seg.segment
) AS rest
ORDER BY seg.segment IS NULL, nps DESC;

-- The recent period starts :recent_months months before the last month
-- with answers (that month included).
SELECT to_char(date_trunc('month', max(answered_at))
               - (:recent_months - 1) * interval '1 month', 'YYYY-MM-DD') AS recent_from
FROM responses \gset

\echo
\echo 'Did a segment change?  NPS since' :recent_from 'against the NPS before it'
SELECT segment,
       round(nps(before)::numeric, 1) AS "nps before",
       round(nps(recent)::numeric, 1) AS "nps recent",
       round(ci_lower(recent)::numeric, 1) AS low,
       round(ci_upper(recent)::numeric, 1) AS high,
       responses(recent) AS "recent answers",
       round((nps(recent) - nps(before))::numeric, 1) AS change,
       CASE WHEN p_value(recent, before) < 0.0001 THEN '<0.0001'
            ELSE to_char(p_value(recent, before), 'FM0.0000') END AS p_value,
       CASE WHEN ci_upper(recent) < nps(before) THEN 'fell'
            WHEN ci_lower(recent) > nps(before) THEN 'rose'
            ELSE '' END AS verdict
FROM (SELECT segment,
             nps_summary(score) FILTER (WHERE answered_at < :'recent_from') AS before,
             nps_summary(score) FILTER (WHERE answered_at >= :'recent_from') AS recent
      FROM responses
      GROUP BY segment) AS s
ORDER BY change;
