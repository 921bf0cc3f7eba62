-- 0015_subject_references_per_statement: a response's subject is checked once per
-- statement instead of once per row.
--
-- The foreign key from npsd.responses to npsd.subjects ran one lookup per inserted row,
-- each with an executor start-up of its own: about a tenth of PostgreSQL's time in
-- streaming ingestion (perf of the writer backends). The triggers below keep the same
-- rules, set-based, with the same locks and the same error (foreign_key_violation):
--
--   * rows inserted into or updated in npsd.responses must name an existing subject (or
--     none), which they lock FOR KEY SHARE until the transaction ends, as the key did: a
--     concurrent erasure or retention of that subject waits, and a subject deleted while
--     the rows were written fails the statement;
--   * a subject cannot be deleted while responses name it; the check runs after the
--     statement with a snapshot of its own, so it also sees responses committed while
--     the delete waited for their writer's lock. Subject ids never change.
--
-- Row-level security applies inside, as it did to the statements that fire them: every
-- row such a statement touches belongs to the session's tenant.
ALTER TABLE npsd.responses DROP CONSTRAINT responses_tenant_id_subject_id_fkey;

CREATE FUNCTION npsd.lock_response_subjects() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  named bigint;
  found bigint;
BEGIN
  WITH wanted AS (SELECT DISTINCT tenant_id, subject_id FROM new_rows WHERE subject_id IS NOT NULL),
       locked AS (SELECT s.subject_id FROM npsd.subjects s JOIN wanted w USING (tenant_id, subject_id)
                  FOR KEY SHARE OF s)
  SELECT (SELECT count(*) FROM wanted), (SELECT count(*) FROM locked) INTO named, found;
  IF found < named THEN
    RAISE foreign_key_violation USING MESSAGE = 'a response names a subject that does not exist';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER responses_name_subjects_on_insert AFTER INSERT ON npsd.responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION npsd.lock_response_subjects();
CREATE TRIGGER responses_name_subjects_on_update AFTER UPDATE ON npsd.responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION npsd.lock_response_subjects();

CREATE FUNCTION npsd.refuse_named_subject_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT FROM old_rows o JOIN npsd.responses r ON r.tenant_id = o.tenant_id AND r.subject_id = o.subject_id
             WHERE r.subject_id IS NOT NULL) THEN
    RAISE foreign_key_violation USING MESSAGE = 'a subject that responses name cannot be deleted';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER subjects_named_by_responses_are_kept AFTER DELETE ON npsd.subjects
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION npsd.refuse_named_subject_delete();

CREATE FUNCTION npsd.refuse_subject_id_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'subject ids never change: responses name them'
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER subject_ids_are_kept BEFORE UPDATE OF tenant_id, subject_id ON npsd.subjects
  FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.subject_id IS DISTINCT FROM NEW.subject_id)
  EXECUTE FUNCTION npsd.refuse_subject_id_change();
