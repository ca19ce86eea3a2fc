-- Incremental upkeep under load (test/check_load.sh, the benchmark): each
-- pgbench transaction stores a few raw answers and adds them to the daily
-- summaries in the same statement, upsert.sql into summaries, upsert_plain.sql
-- into plain bigint and float8 counters.  xid is the inserting transaction.
CREATE EXTENSION IF NOT EXISTS cx_metrics;
DROP TABLE IF EXISTS answers, answers_plain, daily, daily_plain;
CREATE TABLE answers (
    id bigserial PRIMARY KEY,
    day date NOT NULL,
    segment int NOT NULL,
    score int NOT NULL,
    weight float8 NOT NULL,
    xid bigint NOT NULL DEFAULT txid_current()
);
CREATE TABLE answers_plain (LIKE answers INCLUDING ALL);
CREATE TABLE daily (
    day date,
    segment int,
    nps nps_summary NOT NULL,
    csat csat_summary NOT NULL,
    PRIMARY KEY (day, segment)
);
CREATE TABLE daily_plain (
    day date,
    segment int,
    answers bigint NOT NULL,
    promoters bigint NOT NULL,
    detractors bigint NOT NULL,
    weight float8 NOT NULL,
    satisfied bigint NOT NULL,
    PRIMARY KEY (day, segment)
);
