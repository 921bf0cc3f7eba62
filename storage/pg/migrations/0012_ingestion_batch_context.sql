-- 0012_ingestion_batch_context: a writer's batch opens its tenant's context and reads the
-- batch's campaigns through one function, whose statements are planned once per
-- connection; and npsd.to_micros is inlined into the queries that call it.
--
-- The writer sent both as SQL text with every batch, and PostgreSQL parsed and planned
-- them each time, the campaigns query through its row-level security policy and with
-- to_micros planned apart for each of its calls. perf of the writer backends in the
-- open-loop benchmark (0.3 x E): planning fell from 7.6 % to 4.5 % of their samples,
-- to_micros's own planning and execution from 1.9 % to none.
--
-- The settings: every statement of a batch joins the batch's rows to tables by their
-- keys, so the planner is left one kind of plan, a nested loop probing an index per row.
-- Under fast ingestion the tables grow faster than autovacuum refreshes their
-- statistics, and plans costed on stale statistics hash-join, scan or materialize whole
-- tenants (measured: 60 ms for a 450-row batch instead of 5). That plan does not depend
-- on the parameters, so the prepared statements keep their generic plan: left to
-- choose, PostgreSQL planned the subject lookup afresh for every batch (0.44 ms of
-- planning for 0.11 ms of execution). All settings are local to the transaction.
CREATE FUNCTION npsd.open_ingestion_batch(tenant uuid, campaign_ids uuid[])
  RETURNS SETOF npsd.campaigns LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM set_config('app.tenant_id', tenant::text, true), set_config('statement_timeout', '30000', true),
          set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
          set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),
          set_config('enable_material', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true);
  RETURN QUERY SELECT * FROM npsd.campaigns c WHERE c.campaign_id = ANY (campaign_ids);
END
$$;
GRANT EXECUTE ON FUNCTION npsd.open_ingestion_batch(uuid, uuid[]) TO npsd_runtime;

-- extract(epoch FROM timestamptz) is only STABLE, and PostgreSQL does not inline an
-- IMMUTABLE SQL function whose body is less than immutable: every query calling
-- to_micros planned and ran its body apart. The same instant read in UTC is immutable.
CREATE OR REPLACE FUNCTION npsd.to_micros(t timestamptz) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (extract(epoch FROM t AT TIME ZONE 'UTC') * 1000000)::bigint $$;
