-- One line: answers, transactions (distinct xids), summary rows, and the
-- summary and counter rows that differ from a recomputation from the raw
-- answers (exactly: = and text for summaries; weights are quarters, so
-- every sum is exact).
WITH r AS (
    SELECT day, segment, nps_summary(score, weight) AS nps, csat_summary(score % 5 + 1) AS csat
    FROM answers GROUP BY day, segment),
rp AS (
    SELECT day, segment, count(*) AS answers, count(*) FILTER (WHERE score >= 9) AS promoters,
           count(*) FILTER (WHERE score <= 6) AS detractors, sum(weight) AS weight,
           count(*) FILTER (WHERE score % 5 + 1 >= 4) AS satisfied
    FROM answers_plain GROUP BY day, segment)
SELECT (SELECT count(*) FROM answers) || ' ' ||
       (SELECT count(DISTINCT xid) FROM answers) || ' ' ||
       (SELECT count(*) FROM daily) || ' ' ||
       (SELECT count(*) FROM r FULL JOIN daily d USING (day, segment)
        WHERE r.nps IS NULL OR d.nps IS NULL
           OR NOT (r.nps = d.nps AND r.csat = d.csat
                   AND r.nps::text = d.nps::text AND r.csat::text = d.csat::text)) || ' ' ||
       (SELECT count(*) FROM answers_plain) || ' ' ||
       (SELECT count(DISTINCT xid) FROM answers_plain) || ' ' ||
       (SELECT count(*) FROM rp FULL JOIN daily_plain d USING (day, segment)
        WHERE rp.day IS NULL OR d.day IS NULL
           OR (rp.answers, rp.promoters, rp.detractors, rp.weight, rp.satisfied)
              IS DISTINCT FROM (d.answers, d.promoters, d.detractors, d.weight, d.satisfied)) || ' ' ||
       (SELECT coalesce(sum(responses(nps)), 0) FROM daily);
