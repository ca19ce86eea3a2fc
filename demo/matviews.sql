-- Materialized views the way they run in production: daily summaries stored
-- once as summary types, reports rolled up from them without rescanning the
-- raw answers, a nightly refresh scheduled with pg_cron, and a summary table
-- kept up to date incrementally as new answers arrive.
--
-- Reads the documented tables (demo/schema.sql).
--   psql -f demo/matviews.sql
--
-- Days are UTC days, so a view means the same whoever refreshes it.

\set ON_ERROR_STOP on

-- ---------------------------------------------------------------------------
-- 1. Daily summaries.  One row per day and group, whatever the number of
--    answers: an nps_summary holds the count of each score 0..10, so adding
--    two of them is adding their answers.  The unique indexes let the nightly
--    refresh run CONCURRENTLY, without locking out readers.
-- ---------------------------------------------------------------------------

CREATE MATERIALIZED VIEW daily_nps AS
SELECT (answered_at AT TIME ZONE 'UTC')::date AS day, segment, channel,
       nps_summary(score) AS s
FROM responses
GROUP BY 1, 2, 3;
CREATE UNIQUE INDEX ON daily_nps (day, segment, channel);

CREATE MATERIALIZED VIEW daily_csat AS
SELECT (answered_at AT TIME ZONE 'UTC')::date AS day, channel, touchpoint,
       csat_summary(score) AS s
FROM csat_responses
GROUP BY 1, 2, 3;
CREATE UNIQUE INDEX ON daily_csat (day, channel, touchpoint);

CREATE MATERIALIZED VIEW daily_ces AS
SELECT (answered_at AT TIME ZONE 'UTC')::date AS day, channel, touchpoint,
       ces_summary(score) AS s
FROM ces_responses
GROUP BY 1, 2, 3;
CREATE UNIQUE INDEX ON daily_ces (day, channel, touchpoint);

-- Churn is a rate over a period, so it is stored per month (churn over a
-- month is not the sum of its days): per plan and segment, by customers and
-- by revenue.  Months from the first signup to the last full month of data.
-- Each group's months come from one churn_timeline, built in one pass over
-- the customers (each month's summary is the churn_summary of that month).
CREATE MATERIALIZED VIEW monthly_churn AS
SELECT lower(c.period) AS month, g.plan, g.segment, c.summary AS s, r.summary AS revenue
FROM (SELECT plan, segment,
             churn_timeline(daterange(started, ended), bounds.span, '1 month') AS customers,
             churn_timeline(daterange(started, ended), bounds.span, '1 month', mrr) AS revenue
      FROM customers,
           (SELECT daterange(date_trunc('month', min(started))::date,
                             least(date_trunc('month', greatest(max(started), max(ended)))
                                       + interval '1 month',
                                   date_trunc('month', now()))::date) AS span
            FROM customers) AS bounds
      WHERE NOT isempty(bounds.span)      -- no full month of data yet
      GROUP BY plan, segment) AS g,
     unnest(g.customers) AS c(period daterange, summary churn_summary),
     unnest(g.revenue) AS r(period daterange, summary churn_summary)
WHERE r.period = c.period;
CREATE UNIQUE INDEX ON monthly_churn (month, plan, segment);

-- ---------------------------------------------------------------------------
-- 2. Reports rolled up from the stored summaries.  Plain views: they read a
--    few thousand summaries, not a million answers, so they need no storage
--    of their own and are never stale once the summaries are refreshed.
-- ---------------------------------------------------------------------------

-- Weekly NPS by segment (weeks start on Monday).
CREATE VIEW weekly_nps AS
SELECT week, segment,
       responses(s) AS answers,
       nps(s) AS nps, ci_lower(s) AS nps_low, ci_upper(s) AS nps_high
FROM (SELECT date_trunc('week', day)::date AS week, segment, nps_summary(s) AS s
      FROM daily_nps
      GROUP BY 1, 2) AS w;

-- The monthly report: NPS, CSAT, CES and churn with their 95 % intervals.
CREATE VIEW monthly_report AS
SELECT month,
       responses(n.s) AS nps_answers,
       nps(n.s) AS nps, ci_lower(n.s) AS nps_low, ci_upper(n.s) AS nps_high,
       csat(c.s) AS csat, ci_lower(c.s) AS csat_low, ci_upper(c.s) AS csat_high,
       ces(e.s) AS ces, ci_lower(e.s) AS ces_low, ci_upper(e.s) AS ces_high,
       churn(ch.s) AS churn, ci_lower(ch.s) AS churn_low, ci_upper(ch.s) AS churn_high,
       churn(ch.revenue) AS revenue_churn
FROM (SELECT date_trunc('month', day)::date AS month, nps_summary(s) AS s
      FROM daily_nps GROUP BY 1) AS n
FULL JOIN (SELECT date_trunc('month', day)::date AS month, csat_summary(s) AS s
           FROM daily_csat GROUP BY 1) AS c USING (month)
FULL JOIN (SELECT date_trunc('month', day)::date AS month, ces_summary(s) AS s
           FROM daily_ces GROUP BY 1) AS e USING (month)
LEFT JOIN (SELECT month, churn_summary(s) AS s, churn_summary(revenue) AS revenue
           FROM monthly_churn GROUP BY 1) AS ch USING (month);

-- The same report straight from the raw rows, for comparison: it reads every
-- answer, and every customer once (a churn_timeline of the same months as
-- monthly_churn).
CREATE VIEW monthly_report_raw AS
SELECT month,
       responses(n.s) AS nps_answers,
       nps(n.s) AS nps, ci_lower(n.s) AS nps_low, ci_upper(n.s) AS nps_high,
       csat(c.s) AS csat, ci_lower(c.s) AS csat_low, ci_upper(c.s) AS csat_high,
       ces(e.s) AS ces, ci_lower(e.s) AS ces_low, ci_upper(e.s) AS ces_high,
       churn(ch.s) AS churn, ci_lower(ch.s) AS churn_low, ci_upper(ch.s) AS churn_high,
       churn(ch.revenue) AS revenue_churn
FROM (SELECT date_trunc('month', answered_at AT TIME ZONE 'UTC')::date AS month,
             nps_summary(score) AS s
      FROM responses GROUP BY 1) AS n
FULL JOIN (SELECT date_trunc('month', answered_at AT TIME ZONE 'UTC')::date AS month,
                  csat_summary(score) AS s
           FROM csat_responses GROUP BY 1) AS c USING (month)
FULL JOIN (SELECT date_trunc('month', answered_at AT TIME ZONE 'UTC')::date AS month,
                  ces_summary(score) AS s
           FROM ces_responses GROUP BY 1) AS e USING (month)
LEFT JOIN (
    SELECT lower(c.period) AS month, c.summary AS s, r.summary AS revenue
    FROM (SELECT churn_timeline(daterange(started, ended), bounds.span, '1 month') AS customers,
                 churn_timeline(daterange(started, ended), bounds.span, '1 month', mrr) AS revenue
          FROM customers,
               (SELECT daterange(date_trunc('month', min(started))::date,
                                 least(date_trunc('month', greatest(max(started), max(ended)))
                                           + interval '1 month',
                                       date_trunc('month', now()))::date) AS span
                FROM customers) AS bounds
          WHERE NOT isempty(bounds.span)) AS t,
         unnest(t.customers) AS c(period daterange, summary churn_summary),
         unnest(t.revenue) AS r(period daterange, summary churn_summary)
    WHERE r.period = c.period
) AS ch USING (month);

-- ---------------------------------------------------------------------------
-- 3. The nightly refresh.  pg_cron (shared_preload_libraries = 'pg_cron')
--    runs it at 02:15 every night in this database; without pg_cron, run
--    CALL refresh_cx_summaries() from any scheduler.
-- ---------------------------------------------------------------------------

CREATE PROCEDURE refresh_cx_summaries()
LANGUAGE plpgsql AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY daily_nps;
    REFRESH MATERIALIZED VIEW CONCURRENTLY daily_csat;
    REFRESH MATERIALIZED VIEW CONCURRENTLY daily_ces;
    REFRESH MATERIALIZED VIEW CONCURRENTLY monthly_churn;
END
$$;

-- ---------------------------------------------------------------------------
-- 4. Incremental upkeep: a summary table that new answers are added to as
--    they arrive, instead of recomputing the day.  Each run reads only the
--    answers with an id above the last one it saw, summarises them per day,
--    segment and channel, and adds each summary to the stored one:
--    INSERT ... ON CONFLICT ... DO UPDATE SET s = t.s + excluded.s.
--    (Answers whose ids are handed out before but committed after a run would
--    be skipped: load batches one at a time, or keep the watermark behind the
--    oldest open transaction.)
-- ---------------------------------------------------------------------------

CREATE TABLE nps_daily_live (
    day     date NOT NULL,
    segment text NOT NULL,
    channel text NOT NULL,
    s       nps_summary NOT NULL,
    PRIMARY KEY (day, segment, channel)
);

CREATE TABLE upkeep_watermark (
    source  text PRIMARY KEY,
    last_id bigint NOT NULL
);
INSERT INTO upkeep_watermark VALUES ('responses', 0);

CREATE PROCEDURE upkeep_nps_daily_live()
LANGUAGE plpgsql AS $$
DECLARE
    from_id bigint;
    to_id   bigint;
BEGIN
    SELECT last_id INTO from_id FROM upkeep_watermark WHERE source = 'responses' FOR UPDATE;
    SELECT coalesce(max(id), from_id) INTO to_id FROM responses;

    INSERT INTO nps_daily_live AS t (day, segment, channel, s)
    SELECT (answered_at AT TIME ZONE 'UTC')::date, segment, channel, nps_summary(score)
    FROM responses
    WHERE id > from_id AND id <= to_id
    GROUP BY 1, 2, 3
    HAVING nps_summary(score) IS NOT NULL   -- a batch of skipped answers only
    ON CONFLICT (day, segment, channel) DO UPDATE SET s = t.s + excluded.s;

    UPDATE upkeep_watermark SET last_id = to_id WHERE source = 'responses';
END
$$;

-- The first run takes in every answer so far.
CALL upkeep_nps_daily_live();

-- ---------------------------------------------------------------------------
-- 5. The schedule.  pg_cron keeps its jobs in one database (cron.database_name)
--    and runs each in the database it names.
-- ---------------------------------------------------------------------------

SELECT current_database() AS cx_db,
       current_setting('shared_preload_libraries') ~ '(^|[ ,])pg_cron($|[ ,])' AS have_cron,
       coalesce(current_setting('cron.database_name', true), 'postgres') AS cron_db \gset
\if :have_cron
\c :cron_db
CREATE EXTENSION IF NOT EXISTS pg_cron;
SELECT cron.schedule_in_database('cx-nightly-refresh', '15 2 * * *',
                                 'CALL refresh_cx_summaries()', :'cx_db') AS nightly_job,
       cron.schedule_in_database('cx-live-upkeep', '*/5 * * * *',
                                 'CALL upkeep_nps_daily_live()', :'cx_db') AS upkeep_job \gset
\echo
\echo 'pg_cron jobs'
SELECT jobid, jobname, schedule, command, database
FROM cron.job
WHERE database = :'cx_db'
ORDER BY jobid;
\c :cx_db
\else
\echo
\echo 'pg_cron is not in shared_preload_libraries: nothing scheduled.  Run CALL refresh_cx_summaries()'
\echo 'nightly and CALL upkeep_nps_daily_live() every few minutes from a scheduler of your own.'
\endif
