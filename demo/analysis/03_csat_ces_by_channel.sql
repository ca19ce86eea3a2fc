-- CSAT and CES by channel and by touchpoint: where is the experience good,
-- where is it hard?
--
-- Reads csat_responses and ces_responses (channel, touchpoint, score).
--   psql -f demo/analysis/03_csat_ces_by_channel.sql
--
-- What to look for:
--   * CSAT is the % of 4s and 5s (1..5 scale) with its Wilson interval, CES
--     the mean of the 1..7 "easy" scale with its normal interval; "% easy"
--     is the share of 5..7.
--   * p_vs_rest below 0.01: the channel (or touchpoint) differs from all
--     the others by more than chance.  In the demo data chat is clearly the
--     best channel for CSAT, and billing the hardest touchpoint for CES.
--   * The last table crosses channel and touchpoint, to tell a bad channel
--     from a channel that mostly handles hard topics.

\echo
\echo 'CSAT by channel (% satisfied, 95 % Wilson interval; p-value against all other channels)'
SELECT ch.channel,
       responses(ch.s) AS answers,
       round(csat(ch.s)::numeric, 1) AS csat,
       round(ci_lower(ch.s)::numeric, 1) AS low,
       round(ci_upper(ch.s)::numeric, 1) AS high,
       round(mean(ch.s)::numeric, 2) AS "mean score",
       CASE WHEN p_value(ch.s, rest.s) < 0.0001 THEN '<0.0001'
            ELSE to_char(p_value(ch.s, rest.s), 'FM0.0000') END AS p_vs_rest
FROM (SELECT channel, csat_summary(score) AS s FROM csat_responses GROUP BY channel) AS ch
CROSS JOIN LATERAL (
    SELECT csat_summary(score) AS s FROM csat_responses r WHERE r.channel <> ch.channel
) AS rest
ORDER BY csat DESC;

\echo
\echo 'CES by channel (mean 1..7, higher is easier; 95 % interval; Welch p-value against all other channels)'
SELECT ch.channel,
       responses(ch.s) AS answers,
       round(ces(ch.s)::numeric, 2) AS ces,
       round(ci_lower(ch.s)::numeric, 2) AS low,
       round(ci_upper(ch.s)::numeric, 2) AS high,
       round(share(ch.s, 5, 7)::numeric, 1) AS "% easy",
       CASE WHEN p_value(ch.s, rest.s) < 0.0001 THEN '<0.0001'
            ELSE to_char(p_value(ch.s, rest.s), 'FM0.0000') END AS p_vs_rest
FROM (SELECT channel, ces_summary(score) AS s FROM ces_responses GROUP BY channel) AS ch
CROSS JOIN LATERAL (
    SELECT ces_summary(score) AS s FROM ces_responses r WHERE r.channel <> ch.channel
) AS rest
ORDER BY ces DESC;

\echo
\echo 'CSAT and CES by touchpoint (95 % intervals)'
SELECT touchpoint,
       responses(c.s) AS "csat answers",
       round(csat(c.s)::numeric, 1) AS csat,
       round(ci_lower(c.s)::numeric, 1) AS low,
       round(ci_upper(c.s)::numeric, 1) AS high,
       responses(e.s) AS "ces answers",
       round(ces(e.s)::numeric, 2) AS ces,
       round(ci_lower(e.s)::numeric, 2) AS low,
       round(ci_upper(e.s)::numeric, 2) AS high,
       round(share(e.s, 5, 7)::numeric, 1) AS "% easy"
FROM (SELECT touchpoint, csat_summary(score) AS s FROM csat_responses GROUP BY 1) AS c
FULL JOIN (SELECT touchpoint, ces_summary(score) AS s FROM ces_responses GROUP BY 1) AS e
    USING (touchpoint)
ORDER BY ces;

\echo
\echo 'CSAT by touchpoint and channel (% satisfied)'
SELECT touchpoint, channel, round(csat_agg(score)::numeric, 1) AS csat
FROM csat_responses
GROUP BY 1, 2
ORDER BY 1, 2
\crosstabview touchpoint channel csat
