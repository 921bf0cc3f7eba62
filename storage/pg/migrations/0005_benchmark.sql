-- 0005_benchmark: analytics helpers and the one cross-tenant read path, the industry
-- benchmark (docs/ARCHITECTURE.md, "The industry benchmark").

-- Whether the database knows the time zone `zone_name` (trends accept any such zone).
CREATE FUNCTION npsd.is_time_zone(zone_name text) RETURNS boolean
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  PERFORM now() AT TIME ZONE zone_name;
  RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN false;
END
$$;
GRANT EXECUTE ON FUNCTION npsd.is_time_zone(text) TO npsd_runtime;

-- The schema owner, and it alone, may read tenants and rollups across tenants while
-- app.industry_benchmark is 'on'. The only code running as the owner with that
-- setting is npsd.industry_benchmark_peers below, which turns it on for its one query;
-- the runtime role can set the variable too, but no policy grants it anything.
CREATE POLICY industry_benchmark ON npsd.tenants FOR SELECT TO CURRENT_USER
  USING (current_setting('app.industry_benchmark', true) = 'on');
CREATE POLICY industry_benchmark ON npsd.response_rollups FOR SELECT TO CURRENT_USER
  USING (current_setting('app.industry_benchmark', true) = 'on');

-- The NPS and response count of each ACTIVE tenant that opted in to the benchmark
-- with the caller's industry, over its last `lookback_days` local days (1 to 3660),
-- counting only tenants with at least greatest(their minimum sample size, 30)
-- responses; nothing at all when the caller (app.tenant_id) has not opted in or
-- fewer than 5 tenants qualify. Rows are ordered by score: no tenant id, name or
-- order of creation leaves this function.
CREATE FUNCTION npsd.industry_benchmark_peers(lookback_days integer)
  RETURNS TABLE (peer_nps double precision, peer_responses bigint)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM set_config('app.industry_benchmark', 'on', true);
  RETURN QUERY
    WITH caller AS (
      SELECT t.industry FROM npsd.tenants t
       WHERE t.tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid
         AND t.benchmark_opt_in AND t.industry <> ''
    ), peers AS (
      SELECT t.tenant_id, t.reporting_time_zone, greatest(t.minimum_sample_size, 30) AS needed
        FROM npsd.tenants t JOIN caller c ON c.industry = t.industry
       WHERE t.benchmark_opt_in AND t.state = 'ACTIVE'
    ), totals AS (
      SELECT p.needed,
             sum(r.s0 + r.s1 + r.s2 + r.s3 + r.s4 + r.s5 + r.s6 + r.s7 + r.s8 + r.s9 + r.s10) AS responses,
             sum(r.s9 + r.s10) - sum(r.s0 + r.s1 + r.s2 + r.s3 + r.s4 + r.s5 + r.s6) AS net
        FROM peers p
        JOIN npsd.response_rollups r
          ON r.tenant_id = p.tenant_id
         AND r.day > (now() AT TIME ZONE p.reporting_time_zone)::date - lookback_days
       GROUP BY p.tenant_id, p.needed
    ), qualified AS (
      SELECT (100 * s.net)::double precision / s.responses::double precision AS score,
             s.responses::bigint AS responses
        FROM totals s WHERE s.responses >= s.needed
    )
    SELECT q.score, q.responses FROM qualified q
     WHERE lookback_days BETWEEN 1 AND 3660
       AND (SELECT count(*) FROM qualified) >= 5
     ORDER BY q.score, q.responses;
  PERFORM set_config('app.industry_benchmark', 'off', true);
END
$$;
REVOKE ALL ON FUNCTION npsd.industry_benchmark_peers(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION npsd.industry_benchmark_peers(integer) TO npsd_runtime;
