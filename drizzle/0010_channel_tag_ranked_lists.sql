DROP INDEX "channel_sort_keys_idx";--> statement-breakpoint
DROP INDEX "channel_tag_map_tag_channel_key";--> statement-breakpoint
ALTER TABLE "channel_tag_map" ADD COLUMN "channel_tag_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_tag_map" ADD COLUMN "channel_follower_cnt" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_tag_map" ADD COLUMN "channel_updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_tag_map" ADD COLUMN "channel_created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Existing links get their channel's copy before the ranked lists are built.
UPDATE "channel_tag_map" m
SET "channel_tag_ids" = t.tag_ids,
    "channel_follower_cnt" = c.follower_cnt,
    "channel_updated_at" = c.updated_at,
    "channel_created_at" = c.created_at
FROM "channel" c,
     (SELECT channel_id, array_agg(tag_id ORDER BY tag_id) AS tag_ids FROM "channel_tag_map" GROUP BY channel_id) t
WHERE c.id = m.channel_id AND t.channel_id = m.channel_id;--> statement-breakpoint
CREATE INDEX "channel_tag_map_by_followers_idx" ON "channel_tag_map" USING btree ("tag_id","channel_follower_cnt" DESC NULLS LAST,"channel_id" DESC NULLS LAST,"channel_tag_ids");--> statement-breakpoint
CREATE INDEX "channel_tag_map_by_updated_idx" ON "channel_tag_map" USING btree ("tag_id","channel_updated_at" DESC NULLS LAST,"channel_id" DESC NULLS LAST,"channel_tag_ids");--> statement-breakpoint
CREATE INDEX "channel_tag_map_by_created_idx" ON "channel_tag_map" USING btree ("tag_id","channel_created_at" DESC NULLS LAST,"channel_id" DESC NULLS LAST,"channel_tag_ids");--> statement-breakpoint
-- The copies on channel_tag_map are kept equal to the channel by the database itself, so that no
-- write path (API, import, refresh, a migration, a hand-written fix) can leave them stale.
-- Every writer of a channel's links first locks the channel row (FOR NO KEY UPDATE: it does not
-- conflict with the foreign keys' KEY SHARE locks), so concurrent attaches, detaches and channel
-- updates of one channel take turns, always in the order channel then links, and each recomputes
-- the tag set from a snapshot that already sees the previous writer's commit.
CREATE FUNCTION "channel_tag_map_copy_channel"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  source record;
BEGIN
  SELECT c.follower_cnt, c.updated_at, c.created_at INTO source
  FROM "channel" c WHERE c.id = NEW.channel_id FOR NO KEY UPDATE;
  -- A missing channel is left to the foreign key, which reports it.
  IF FOUND THEN
    NEW.channel_follower_cnt := source.follower_cnt;
    NEW.channel_updated_at := source.updated_at;
    NEW.channel_created_at := source.created_at;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "channel_tag_map_copy_channel" BEFORE INSERT ON "channel_tag_map"
  FOR EACH ROW EXECUTE FUNCTION "channel_tag_map_copy_channel"();--> statement-breakpoint
CREATE FUNCTION "channel_tag_map_lock_channel"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nothing to lock when the channel itself is being deleted (the links cascade).
  PERFORM 1 FROM "channel" c WHERE c.id = OLD.channel_id FOR NO KEY UPDATE;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER "channel_tag_map_lock_channel" BEFORE DELETE ON "channel_tag_map"
  FOR EACH ROW EXECUTE FUNCTION "channel_tag_map_lock_channel"();--> statement-breakpoint
-- Once per statement, however many links it wrote: every link of each channel touched gets the
-- channel's whole tag set.
CREATE FUNCTION "channel_tag_map_sync_tag_ids"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "channel_tag_map" m
  SET "channel_tag_ids" = t.tag_ids
  FROM (
    SELECT l.channel_id, array_agg(l.tag_id ORDER BY l.tag_id) AS tag_ids
    FROM "channel_tag_map" l
    WHERE l.channel_id IN (SELECT channel_id FROM changed_links)
    GROUP BY l.channel_id
  ) t
  WHERE m.channel_id = t.channel_id AND m.channel_tag_ids IS DISTINCT FROM t.tag_ids;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "channel_tag_map_sync_tag_ids_on_insert" AFTER INSERT ON "channel_tag_map"
  REFERENCING NEW TABLE AS changed_links
  FOR EACH STATEMENT EXECUTE FUNCTION "channel_tag_map_sync_tag_ids"();--> statement-breakpoint
CREATE TRIGGER "channel_tag_map_sync_tag_ids_on_delete" AFTER DELETE ON "channel_tag_map"
  REFERENCING OLD TABLE AS changed_links
  FOR EACH STATEMENT EXECUTE FUNCTION "channel_tag_map_sync_tag_ids"();--> statement-breakpoint
CREATE FUNCTION "channel_copy_sort_keys_to_links"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "channel_tag_map"
  SET "channel_follower_cnt" = NEW.follower_cnt,
      "channel_updated_at" = NEW.updated_at,
      "channel_created_at" = NEW.created_at
  WHERE channel_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Only when a sort key really changed: a refresh that finds the same follower count writes no link.
CREATE TRIGGER "channel_copy_sort_keys_to_links" AFTER UPDATE OF "follower_cnt", "updated_at", "created_at" ON "channel"
  FOR EACH ROW
  WHEN (OLD.follower_cnt IS DISTINCT FROM NEW.follower_cnt
        OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
        OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION "channel_copy_sort_keys_to_links"();
