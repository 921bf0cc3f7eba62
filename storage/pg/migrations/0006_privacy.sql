-- 0006_privacy: data-subject requests, retention policies and the audit trail.
--
-- No table here holds personal data in clear text: a request keeps only the keyed
-- lookup hashes of the identifiers it named (the same form as npsd.subject_identifiers
-- and npsd.suppressed_identifiers), and audit events hold ids, names and counts.

-- What an ERASURE does to the person's responses: keep them as anonymous scores (true)
-- or delete them, out of the rollups too (false).
ALTER TABLE npsd.tenants ADD COLUMN erasure_keeps_scores boolean NOT NULL DEFAULT true;
-- Response attribute keys holding personal data, removed with the rest of it.
ALTER TABLE npsd.tenants ADD COLUMN personal_attribute_keys text[] NOT NULL DEFAULT '{}';

-- Data-subject requests (GDPR art. 15-18) and their outcome.
CREATE TABLE npsd.data_subject_requests (
  tenant_id         uuid NOT NULL REFERENCES npsd.tenants (tenant_id),
  request_id        uuid NOT NULL,
  request_type      text NOT NULL CHECK (request_type IN ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION')),
  status            text NOT NULL CHECK (status IN ('RECEIVED', 'RUNNING', 'COMPLETED', 'PARTIALLY_COMPLETED',
                                                    'FAILED', 'REJECTED')),
  dry_run           boolean NOT NULL,
  lift_restriction  boolean NOT NULL DEFAULT false,
  reason            text NOT NULL DEFAULT '',
  detail            text NOT NULL DEFAULT '',
  identifier_kinds  text[] NOT NULL,
  identifier_hashes bytea[] NOT NULL,
  subjects_found    integer NOT NULL DEFAULT 0,
  records_found     bigint NOT NULL DEFAULT 0,
  records_affected  bigint NOT NULL DEFAULT 0,
  requested_by      text NOT NULL,
  receive_time      timestamptz NOT NULL,
  due_time          timestamptz NOT NULL,
  complete_time     timestamptz,
  PRIMARY KEY (tenant_id, request_id)
);
CREATE INDEX data_subject_requests_by_receive_time
  ON npsd.data_subject_requests (tenant_id, receive_time DESC, request_id DESC);
CREATE INDEX data_subject_requests_by_identifier ON npsd.data_subject_requests USING gin (identifier_hashes);

-- A tenant's retention policy (0 days: no limit) and its per-campaign overrides.
CREATE TABLE npsd.retention_policies (
  tenant_id          uuid NOT NULL REFERENCES npsd.tenants (tenant_id),
  personal_data_days integer NOT NULL CHECK (personal_data_days BETWEEN 0 AND 36500),
  delete_after_days  integer NOT NULL CHECK (delete_after_days BETWEEN 0 AND 36500),
  legal_hold         boolean NOT NULL,
  update_time        timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id)
);

CREATE TABLE npsd.retention_overrides (
  tenant_id          uuid NOT NULL,
  campaign_id        uuid NOT NULL,
  personal_data_days integer NOT NULL CHECK (personal_data_days BETWEEN 0 AND 36500),
  delete_after_days  integer NOT NULL CHECK (delete_after_days BETWEEN 0 AND 36500),
  legal_hold         boolean NOT NULL,
  PRIMARY KEY (tenant_id, campaign_id),
  FOREIGN KEY (tenant_id) REFERENCES npsd.retention_policies (tenant_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES npsd.campaigns (tenant_id, campaign_id)
);

-- The audit trail: append-only for npsd (no UPDATE or DELETE grant).
CREATE TABLE npsd.audit_events (
  tenant_id  uuid NOT NULL REFERENCES npsd.tenants (tenant_id),
  event_id   uuid NOT NULL DEFAULT gen_random_uuid(),
  event_time timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor      text NOT NULL,
  action     text NOT NULL,
  target_id  text NOT NULL DEFAULT '',
  outcome    text NOT NULL,
  details    jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX audit_events_by_time ON npsd.audit_events (tenant_id, event_time, event_id);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['data_subject_requests', 'retention_policies', 'retention_overrides', 'audit_events'] LOOP
    EXECUTE format('ALTER TABLE npsd.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE npsd.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON npsd.%I
      USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
      WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON npsd.data_subject_requests TO npsd_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON npsd.retention_policies, npsd.retention_overrides TO npsd_runtime;
GRANT SELECT, INSERT ON npsd.audit_events TO npsd_runtime;
