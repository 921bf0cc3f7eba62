-- 0013_last_surveyed_by_whole_key: back to one primary-key probe per subject (0008's
-- loop), keeping 0011's rule that a time which would not move is not rewritten.
--
-- 0011 named a batch's subjects as an array in one UPDATE, and its plan again depended
-- on the subjects table's statistics, as 0008 had warned: turning off sequential and
-- bitmap scans left the planner two index scans of the primary key, one probing each
-- subject and one reading all of the tenant's subjects, and a plan costed while the
-- table was small kept reading them all. In two of eight benchmark runs the update read
-- ~1,900 buffers per call instead of ~250 (pg_stat_statements: 68-78 us per subject
-- against 8-9; 2.0-3.2 ms per batch against 0.24-0.30), and those runs were slow
-- throughout. A statement naming a row's whole key has a single plan, whatever the
-- statistics; the loop costs 0.53 ms per batch (two runs: 9 us per subject in the
-- updates, as much again in starting them). Subjects are updated in the order given (the writer sorts them), so
-- writers take their row locks in one order and never deadlock.
CREATE OR REPLACE FUNCTION npsd.record_last_surveyed(tenant uuid, subject_ids uuid[], answered_micros bigint[])
  RETURNS void LANGUAGE plpgsql
  AS $$
BEGIN
  FOR i IN 1 .. coalesce(array_length(subject_ids, 1), 0) LOOP
    UPDATE npsd.subjects
       SET last_surveyed_at = npsd.from_micros(answered_micros[i])
     WHERE tenant_id = tenant AND subject_id = subject_ids[i]
       AND (last_surveyed_at IS NULL OR last_surveyed_at < npsd.from_micros(answered_micros[i]));
  END LOOP;
END
$$;
