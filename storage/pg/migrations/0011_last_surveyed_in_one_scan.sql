-- 0011_last_surveyed_in_one_scan: a batch's subjects move their last-surveyed time in
-- one index scan instead of one UPDATE each.
--
-- The loop of 0008 started and ended an executor per subject: 12.5 us per subject, a
-- seventh of PostgreSQL's CPU during streaming ingestion (pg_stat_statements and perf).
-- One UPDATE naming the batch's subjects as an array probes the primary key once per
-- subject in a single scan, in key order (so concurrent writers lock subjects in one
-- order and never deadlock). The function's settings leave the planner no plan but that
-- index scan, whatever the table's statistics say: a sequential scan of the subjects,
-- or a bitmap scan locking them in page order, is never chosen. A subject whose time
-- would not move (a replay, an answer older than the last) is not rewritten.
CREATE OR REPLACE FUNCTION npsd.record_last_surveyed(tenant uuid, subject_ids uuid[], answered_micros bigint[])
  RETURNS void LANGUAGE plpgsql
  SET enable_seqscan = off SET enable_bitmapscan = off
  AS $$
BEGIN
  UPDATE npsd.subjects
     SET last_surveyed_at = npsd.from_micros(answered_micros[array_position(subject_ids, subject_id)])
   WHERE tenant_id = tenant AND subject_id = ANY (subject_ids)
     AND (last_surveyed_at IS NULL
          OR last_surveyed_at < npsd.from_micros(answered_micros[array_position(subject_ids, subject_id)]));
END
$$;
