-- 0014_last_surveyed_from_responses: a person's last-surveyed time is read from their
-- responses, and stored on the subject only for responses that are gone.
--
-- Every batch naming a subject updated that subject's row (0008, 0011, 0013): in
-- streaming ingestion that update was a fifth of PostgreSQL's statement time
-- (pg_stat_statements: 2.2 ms per batch of ~300 responses, 12 us per subject, a new
-- row version and WAL record each). Rebuilding the index below reads the responses
-- table once and holds off writes to it meanwhile. The time is the latest answered_at among the
-- subject's responses, which the index on responses by subject now carries: reading it
-- is one probe of that index. subjects.last_surveyed_at keeps the latest answer among
-- the subject's responses that were deleted or anonymized (retention, erasure), which
-- those paths fold into it before the responses go (storage/pg/last_surveyed.h); the
-- last-surveyed time is the later of the two. Values stored before this migration
-- cover all responses up to now and stay correct under that reading.
DROP FUNCTION npsd.record_last_surveyed(uuid, uuid[], bigint[]);

DROP INDEX npsd.responses_by_subject;
CREATE INDEX responses_by_subject ON npsd.responses (tenant_id, subject_id, answered_at)
  WHERE subject_id IS NOT NULL;

COMMENT ON COLUMN npsd.subjects.last_surveyed_at IS
  'latest answered_at among the subject''s responses that were deleted or anonymized';
