-- 0001_foundation: tenants and API keys under row-level security.
--
-- Conventions for every tenant-owned table (checked by tests/storage/catalog_test.cc):
--   * tenant_id leads the primary key;
--   * ENABLE and FORCE ROW LEVEL SECURITY, with a policy on
--     NULLIF(current_setting('app.tenant_id', true), '')::uuid, so that a session
--     without tenant context sees and writes nothing;
--   * explicit, minimal grants to npsd_runtime, the group of the role npsd serves with.

-- Exact conversions between timestamps and integer microseconds since the Unix epoch.
CREATE FUNCTION npsd.to_micros(t timestamptz) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (extract(epoch FROM t) * 1000000)::bigint $$;

CREATE FUNCTION npsd.from_micros(micros bigint) RETURNS timestamptz
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  AS $$ SELECT timestamptz 'epoch' + micros * interval '1 microsecond' $$;

GRANT EXECUTE ON FUNCTION npsd.to_micros(timestamptz), npsd.from_micros(bigint) TO npsd_runtime;

-- The tenant registry. The operator lists it with app.operator = 'on'; everything else
-- reaches a tenant row only with that tenant's context.
CREATE TABLE npsd.tenants (
  tenant_id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  display_name        text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  state               text NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'SUSPENDED')),
  industry            text NOT NULL DEFAULT '',
  benchmark_opt_in    boolean NOT NULL DEFAULT false,
  minimum_sample_size integer NOT NULL DEFAULT 30 CHECK (minimum_sample_size BETWEEN 1 AND 100000),
  version             bigint NOT NULL DEFAULT 1,
  create_time         timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time         timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX tenants_by_create_time ON npsd.tenants (create_time, tenant_id);

ALTER TABLE npsd.tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE npsd.tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON npsd.tenants
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid
         OR current_setting('app.operator', true) = 'on')
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON npsd.tenants TO npsd_runtime;

-- API keys: the secret is never stored, only its SHA-256 (secrets are 256-bit random).
CREATE TABLE npsd.api_keys (
  tenant_id     uuid NOT NULL REFERENCES npsd.tenants (tenant_id),
  api_key_id    uuid NOT NULL DEFAULT gen_random_uuid(),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  scopes        text[] NOT NULL,
  secret_sha256 bytea NOT NULL CHECK (length(secret_sha256) = 32),
  create_time   timestamptz NOT NULL DEFAULT clock_timestamp(),
  expire_time   timestamptz,
  revoke_time   timestamptz,
  PRIMARY KEY (tenant_id, api_key_id)
);
CREATE INDEX api_keys_by_create_time ON npsd.api_keys (tenant_id, create_time, api_key_id);

ALTER TABLE npsd.api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE npsd.api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON npsd.api_keys
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON npsd.api_keys TO npsd_runtime;
