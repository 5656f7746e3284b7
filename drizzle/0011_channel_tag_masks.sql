DROP INDEX "channel_tag_map_by_followers_idx";--> statement-breakpoint
DROP INDEX "channel_tag_map_by_updated_idx";--> statement-breakpoint
DROP INDEX "channel_tag_map_by_created_idx";--> statement-breakpoint
ALTER TABLE "channel_tag" ADD COLUMN "bit" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_tag_map" ADD COLUMN "channel_tag_bits" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A tag's bit is chosen once, on insert: the bit the fewest existing tags hold, so that while there
-- are at most 64 tags each holds a bit of its own, and a deleted tag's bit is the next one reused.
-- Concurrent inserts may pick the same bit; that only costs speed, never a wrong answer.
CREATE FUNCTION "channel_tag_pick_bit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT b INTO NEW.bit
  FROM generate_series(0, 63) b
  LEFT JOIN (SELECT t.bit, count(*) AS n FROM "channel_tag" t GROUP BY t.bit) used ON used.bit = b
  ORDER BY coalesce(used.n, 0), b
  LIMIT 1;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "channel_tag_pick_bit" BEFORE INSERT ON "channel_tag"
  FOR EACH ROW EXECUTE FUNCTION "channel_tag_pick_bit"();--> statement-breakpoint
-- The links' masks were built with the tag's bit: changing it would make them lie.
CREATE FUNCTION "channel_tag_keep_bit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.bit := OLD.bit;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "channel_tag_keep_bit" BEFORE UPDATE OF "bit" ON "channel_tag"
  FOR EACH ROW EXECUTE FUNCTION "channel_tag_keep_bit"();--> statement-breakpoint
-- Existing tags take the bits in creation order, then every link gets its channel's mask.
UPDATE "channel_tag" t SET "bit" = (n.rank - 1) % 64
FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS rank FROM "channel_tag") n
WHERE n.id = t.id;--> statement-breakpoint
UPDATE "channel_tag_map" m SET "channel_tag_bits" = b.bits
FROM (
  SELECT l.channel_id, bit_or(1::bigint << t.bit) AS bits
  FROM "channel_tag_map" l JOIN "channel_tag" t ON t.id = l.tag_id
  GROUP BY l.channel_id
) b
WHERE b.channel_id = m.channel_id;--> statement-breakpoint
-- The tag set and its mask are recomputed together, once per statement (see migration 0010).
CREATE OR REPLACE FUNCTION "channel_tag_map_sync_tag_ids"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "channel_tag_map" m
  SET "channel_tag_ids" = t.tag_ids, "channel_tag_bits" = t.tag_bits
  FROM (
    SELECT l.channel_id, array_agg(l.tag_id ORDER BY l.tag_id) AS tag_ids,
           bit_or(1::bigint << tag.bit) AS tag_bits
    FROM "channel_tag_map" l JOIN "channel_tag" tag ON tag.id = l.tag_id
    WHERE l.channel_id IN (SELECT channel_id FROM changed_links)
    GROUP BY l.channel_id
  ) t
  WHERE m.channel_id = t.channel_id
    AND (m.channel_tag_ids IS DISTINCT FROM t.tag_ids OR m.channel_tag_bits IS DISTINCT FROM t.tag_bits);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE INDEX "channel_tag_map_by_followers_idx" ON "channel_tag_map" USING btree ("tag_id","channel_follower_cnt" DESC NULLS LAST,"channel_id" DESC NULLS LAST,"channel_tag_bits","channel_tag_ids");--> statement-breakpoint
CREATE INDEX "channel_tag_map_by_updated_idx" ON "channel_tag_map" USING btree ("tag_id","channel_updated_at" DESC NULLS LAST,"channel_id" DESC NULLS LAST,"channel_tag_bits","channel_tag_ids");--> statement-breakpoint
CREATE INDEX "channel_tag_map_by_created_idx" ON "channel_tag_map" USING btree ("tag_id","channel_created_at" DESC NULLS LAST,"channel_id" DESC NULLS LAST,"channel_tag_bits","channel_tag_ids");
