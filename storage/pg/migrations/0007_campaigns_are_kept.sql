-- 0007_campaigns_are_kept: campaigns are never deleted, so responses need no foreign key
-- to them.
--
-- The key checked every inserted response against its campaign, row by row with a
-- share lock on the campaign: a quarter of the time of a 500-row ingestion batch
-- (measured). Ingestion reads each campaign in the same transaction before inserting,
-- and a campaign, once created, is closed rather than deleted: the runtime role has no
-- DELETE on npsd.campaigns, and the trigger below refuses the owner's deletes too.
ALTER TABLE npsd.responses DROP CONSTRAINT responses_tenant_id_campaign_id_fkey;

CREATE FUNCTION npsd.refuse_campaign_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'campaigns are closed, never deleted: responses and rollups refer to them'
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER campaigns_are_kept BEFORE DELETE ON npsd.campaigns
  FOR EACH ROW EXECUTE FUNCTION npsd.refuse_campaign_delete();
