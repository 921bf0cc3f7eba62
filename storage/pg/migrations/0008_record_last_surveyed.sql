-- 0008_record_last_surveyed: ingestion moves subjects' last-surveyed time forward with
-- one primary-key probe per subject.
--
-- As one UPDATE joined to a batch's subjects, the statement's plan depends on the
-- subjects table's statistics, which fast ingestion leaves behind: costed on a few
-- dozen subjects per tenant when there were thousands, the planner walked all of a
-- tenant's subjects once per subject of the batch (measured: 140-450 ms for 100-170
-- subjects, against about 2 ms). A statement naming a row's whole key has a single
-- plan, whatever the statistics. Subjects are updated in the order given, so writers
-- that pass them sorted take their row locks in one order and never deadlock.
CREATE FUNCTION npsd.record_last_surveyed(tenant uuid, subject_ids uuid[], answered_micros bigint[])
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1 .. coalesce(array_length(subject_ids, 1), 0) LOOP
    UPDATE npsd.subjects
       SET last_surveyed_at = greatest(last_surveyed_at, npsd.from_micros(answered_micros[i]))
     WHERE tenant_id = tenant AND subject_id = subject_ids[i];
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION npsd.record_last_surveyed(uuid, uuid[], bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION npsd.record_last_surveyed(uuid, uuid[], bigint[]) TO npsd_runtime;
