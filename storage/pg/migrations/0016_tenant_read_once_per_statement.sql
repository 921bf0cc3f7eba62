-- 0016_tenant_read_once_per_statement: row-level security reads the session's tenant
-- once per statement instead of once per row.
--
-- The tenant_isolation policies compared each row with
-- NULLIF(current_setting('app.tenant_id', true), '')::uuid, an expression PostgreSQL
-- evaluates anew for every row it checks: a settings lookup and a UUID parse per
-- inserted response and per rollup row (perf of the writer backends in streaming
-- ingestion: uuid_in and the settings lookup under the WITH CHECK about 3 % of their
-- time). As a scalar subquery the same expression is planned as an InitPlan, computed
-- once when the statement starts and compared as a parameter, also in index scans.
-- The rule is unchanged; npsd.tenants keeps its own policy (operators see all tenants).
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_policies
           WHERE schemaname = 'npsd' AND policyname = 'tenant_isolation' AND tablename <> 'tenants'
           ORDER BY tablename LOOP
    EXECUTE format($p$ALTER POLICY tenant_isolation ON npsd.%I
      USING (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))
      WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))$p$, t);
  END LOOP;
END
$$;
