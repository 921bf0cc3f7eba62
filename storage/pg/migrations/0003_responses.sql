-- 0003_responses: responses, the people they are about, and the NPS rollups.
--
-- Personal data lives apart from responses: npsd.subjects holds one wrapped data key
-- per person, npsd.subject_identifiers their identifiers as keyed hash (lookup) and
-- ciphertext under that key. Responses point to a subject, or to none (anonymous),
-- and hold their comment as ciphertext.

-- The calendar in which rollup days are counted.
ALTER TABLE npsd.tenants ADD COLUMN reporting_time_zone text NOT NULL DEFAULT 'UTC';

CREATE TABLE npsd.subjects (
  tenant_id        uuid NOT NULL REFERENCES npsd.tenants (tenant_id),
  subject_id       uuid NOT NULL,
  wrapped_key      bytea NOT NULL,
  master_key_id    text NOT NULL,
  restricted       boolean NOT NULL DEFAULT false,
  last_surveyed_at timestamptz,
  create_time      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, subject_id)
);

CREATE TABLE npsd.subject_identifiers (
  tenant_id        uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('EXTERNAL_ID', 'EMAIL', 'PHONE')),
  lookup_hash      bytea NOT NULL CHECK (length(lookup_hash) = 32),
  subject_id       uuid NOT NULL,
  value_ciphertext bytea NOT NULL,
  PRIMARY KEY (tenant_id, kind, lookup_hash),
  FOREIGN KEY (tenant_id, subject_id) REFERENCES npsd.subjects (tenant_id, subject_id) ON DELETE CASCADE
);
CREATE INDEX subject_identifiers_by_subject ON npsd.subject_identifiers (tenant_id, subject_id);

-- Identifiers of erased subjects (keyed hash only): later submissions are refused.
CREATE TABLE npsd.suppressed_identifiers (
  tenant_id   uuid NOT NULL REFERENCES npsd.tenants (tenant_id),
  kind        text NOT NULL,
  lookup_hash bytea NOT NULL CHECK (length(lookup_hash) = 32),
  create_time timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, kind, lookup_hash)
);

CREATE TABLE npsd.responses (
  tenant_id          uuid NOT NULL,
  response_id        uuid NOT NULL,
  campaign_id        uuid NOT NULL,
  score              smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
  answered_at        timestamptz NOT NULL,
  received_at        timestamptz NOT NULL,
  channel            text NOT NULL,
  region_code        text NOT NULL DEFAULT '',
  brand_code         text NOT NULL DEFAULT '',
  business_unit_code text NOT NULL DEFAULT '',
  locale             text NOT NULL DEFAULT '',
  comment_ciphertext bytea,
  subject_id         uuid,
  interaction_id     text NOT NULL DEFAULT '',
  agent_id           text NOT NULL DEFAULT '',
  team               text NOT NULL DEFAULT '',
  queue              text NOT NULL DEFAULT '',
  wait_seconds       integer NOT NULL DEFAULT 0,
  handle_seconds     integer NOT NULL DEFAULT 0,
  wrap_up_code       text NOT NULL DEFAULT '',
  attributes         text[] NOT NULL DEFAULT '{}',
  idempotency_key    text,
  payload_sha256     bytea,
  PRIMARY KEY (tenant_id, response_id),
  UNIQUE (tenant_id, idempotency_key),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES npsd.campaigns (tenant_id, campaign_id),
  FOREIGN KEY (tenant_id, subject_id) REFERENCES npsd.subjects (tenant_id, subject_id)
);
CREATE INDEX responses_by_answered_at ON npsd.responses (tenant_id, answered_at DESC, response_id DESC);
CREATE INDEX responses_by_campaign ON npsd.responses (tenant_id, campaign_id, answered_at DESC);
CREATE INDEX responses_by_subject ON npsd.responses (tenant_id, subject_id) WHERE subject_id IS NOT NULL;

-- Score counts per day (in the tenant's reporting time zone) and dimension
-- combination, maintained in the same transaction as the responses they count.
CREATE TABLE npsd.response_rollups (
  tenant_id          uuid NOT NULL,
  day                date NOT NULL,
  campaign_id        uuid NOT NULL,
  channel            text NOT NULL,
  region_code        text NOT NULL,
  brand_code         text NOT NULL,
  business_unit_code text NOT NULL,
  s0 bigint NOT NULL DEFAULT 0, s1 bigint NOT NULL DEFAULT 0, s2 bigint NOT NULL DEFAULT 0,
  s3 bigint NOT NULL DEFAULT 0, s4 bigint NOT NULL DEFAULT 0, s5 bigint NOT NULL DEFAULT 0,
  s6 bigint NOT NULL DEFAULT 0, s7 bigint NOT NULL DEFAULT 0, s8 bigint NOT NULL DEFAULT 0,
  s9 bigint NOT NULL DEFAULT 0, s10 bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, campaign_id, channel, region_code, brand_code, business_unit_code)
);

-- The same per contact-center agent, queue and team.
CREATE TABLE npsd.agent_rollups (
  tenant_id   uuid NOT NULL,
  day         date NOT NULL,
  campaign_id uuid NOT NULL,
  channel     text NOT NULL,
  agent_id    text NOT NULL,
  queue       text NOT NULL,
  team        text NOT NULL,
  s0 bigint NOT NULL DEFAULT 0, s1 bigint NOT NULL DEFAULT 0, s2 bigint NOT NULL DEFAULT 0,
  s3 bigint NOT NULL DEFAULT 0, s4 bigint NOT NULL DEFAULT 0, s5 bigint NOT NULL DEFAULT 0,
  s6 bigint NOT NULL DEFAULT 0, s7 bigint NOT NULL DEFAULT 0, s8 bigint NOT NULL DEFAULT 0,
  s9 bigint NOT NULL DEFAULT 0, s10 bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, campaign_id, channel, agent_id, queue, team)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subjects', 'subject_identifiers', 'suppressed_identifiers', 'responses',
                           'response_rollups', 'agent_rollups'] LOOP
    EXECUTE format('ALTER TABLE npsd.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE npsd.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON npsd.%I
      USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
      WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON npsd.%I TO npsd_runtime', t);
  END LOOP;
END
$$;

-- A catalogue code and all its descendants (for filters that roll up the hierarchy),
-- within the caller's tenant (row-level security applies inside).
CREATE FUNCTION npsd.org_descendants(unit_kind text, unit_code text) RETURNS SETOF text
  LANGUAGE sql STABLE
  AS $$
    WITH RECURSIVE tree(code) AS (
      SELECT unit_code
      UNION
      SELECT u.code FROM npsd.org_units u JOIN tree ON u.parent_code = tree.code AND u.kind = unit_kind
    )
    SELECT code FROM tree
  $$;
GRANT EXECUTE ON FUNCTION npsd.org_descendants(text, text) TO npsd_runtime;
