-- 0002_catalogue_and_campaigns: the organization catalogue and survey campaigns.

-- Regions, brands and business units. Responses and campaigns reference units by their
-- code, unique per tenant and kind; codes never change once created. Regions and
-- business units may have a parent of the same kind (any depth; cycles are rejected by
-- the service under a per-tenant advisory lock).
CREATE TABLE npsd.org_units (
  tenant_id     uuid NOT NULL REFERENCES npsd.tenants (tenant_id),
  unit_id       uuid NOT NULL DEFAULT gen_random_uuid(),
  kind          text NOT NULL CHECK (kind IN ('REGION', 'BRAND', 'BUSINESS_UNIT')),
  code          text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  parent_code   text,
  archived      boolean NOT NULL DEFAULT false,
  version       bigint NOT NULL DEFAULT 1,
  create_time   timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, unit_id),
  UNIQUE (tenant_id, kind, code),
  FOREIGN KEY (tenant_id, kind, parent_code) REFERENCES npsd.org_units (tenant_id, kind, code),
  CHECK (parent_code IS NULL OR (kind <> 'BRAND' AND parent_code <> code))
);
CREATE INDEX org_units_by_create_time ON npsd.org_units (tenant_id, create_time, unit_id);
CREATE INDEX org_units_by_parent ON npsd.org_units (tenant_id, kind, parent_code);

ALTER TABLE npsd.org_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE npsd.org_units FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON npsd.org_units
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON npsd.org_units TO npsd_runtime;

-- Survey campaigns. Questions are parallel arrays indexed by locale; labels are
-- "key=value" strings. `version` is the optimistic-concurrency counter (the etag);
-- `campaign_version` counts structural versions linked through previous_campaign_id.
CREATE TABLE npsd.campaigns (
  tenant_id            uuid NOT NULL REFERENCES npsd.tenants (tenant_id),
  campaign_id          uuid NOT NULL DEFAULT gen_random_uuid(),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  labels               text[] NOT NULL DEFAULT '{}',
  touchpoint           text NOT NULL DEFAULT '',
  channels             text[] NOT NULL,
  default_locale       text NOT NULL,
  question_locales     text[] NOT NULL,
  question_texts       text[] NOT NULL,
  follow_up_texts      text[] NOT NULL,
  region_code          text,
  brand_code           text,
  business_unit_code   text,
  start_time           timestamptz,
  end_time             timestamptz,
  late_window_days     integer NOT NULL DEFAULT 0 CHECK (late_window_days BETWEEN 0 AND 365),
  fatigue_days         integer NOT NULL DEFAULT 0 CHECK (fatigue_days BETWEEN 0 AND 3650),
  sampling_percent     double precision NOT NULL DEFAULT 100 CHECK (sampling_percent BETWEEN 0 AND 100),
  state                text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'ACTIVE', 'PAUSED', 'CLOSED')),
  previous_campaign_id uuid,
  campaign_version     integer NOT NULL DEFAULT 1,
  version              bigint NOT NULL DEFAULT 1,
  create_time          timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time          timestamptz NOT NULL DEFAULT clock_timestamp(),
  close_time           timestamptz,
  PRIMARY KEY (tenant_id, campaign_id),
  FOREIGN KEY (tenant_id, previous_campaign_id) REFERENCES npsd.campaigns (tenant_id, campaign_id)
);
CREATE INDEX campaigns_by_create_time ON npsd.campaigns (tenant_id, create_time, campaign_id);
CREATE INDEX campaigns_by_label ON npsd.campaigns USING gin (labels);

ALTER TABLE npsd.campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE npsd.campaigns FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON npsd.campaigns
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON npsd.campaigns TO npsd_runtime;
