-- The total of a tag-filtered search counts the lead tag's links by mask. Equal (tag, mask) keys
-- are stored once with their rows' list, so this index is a few percent of a ranked list's size.
CREATE INDEX "channel_tag_map_tag_bits_idx" ON "channel_tag_map" USING btree ("tag_id","channel_tag_bits");--> statement-breakpoint
-- What a channel search's include and exclude tag names stand for, resolved once per statement:
-- - lead_tag_id: the include tag whose ranked list is read, the one with the fewest links by the
--   planner's statistics (a tag too rare to be among the most common values counts as none); null,
--   which matches nothing, when one of the include names is not a tag;
-- - the masks and ids of the known include and exclude tags (an unknown exclude tag excludes nothing);
-- - masks_decide: no other tag shares a bit with any of them (always so up to 64 tags), so a link's
--   mask alone tells whether its channel carries them.
-- A function and not subqueries in the search itself: PostgreSQL plans a plpgsql body once per
-- connection, while planning these as subqueries of every search took longer than running it.
CREATE TYPE "channel_tag_filter" AS (
  lead_tag_id uuid,
  include_mask bigint,
  exclude_mask bigint,
  include_ids uuid[],
  exclude_ids uuid[],
  masks_decide boolean
);--> statement-breakpoint
CREATE FUNCTION "channel_tag_filter"(include text[], exclude text[]) RETURNS "channel_tag_filter"
LANGUAGE plpgsql STABLE AS $$
DECLARE
  f "channel_tag_filter";
BEGIN
  SELECT coalesce(bit_or(1::bigint << t.bit) FILTER (WHERE t.name = ANY (include)), 0),
         coalesce(bit_or(1::bigint << t.bit) FILTER (WHERE t.name = ANY (exclude)), 0),
         coalesce(array_agg(t.id ORDER BY t.id) FILTER (WHERE t.name = ANY (include)), '{}'),
         coalesce(array_agg(t.id ORDER BY t.id) FILTER (WHERE t.name = ANY (exclude)), '{}')
    INTO f.include_mask, f.exclude_mask, f.include_ids, f.exclude_ids
    FROM "channel_tag" t
   WHERE t.name = ANY (include) OR t.name = ANY (exclude);
  f.masks_decide := NOT EXISTS (
    SELECT 1 FROM "channel_tag" a JOIN "channel_tag" b ON b.bit = a.bit AND b.id <> a.id
     WHERE a.name = ANY (include) OR a.name = ANY (exclude));
  IF cardinality(f.include_ids) = (SELECT count(DISTINCT n) FROM unnest(include) n) THEN
    SELECT t.id INTO f.lead_tag_id
      FROM unnest(f.include_ids) t(id)
      LEFT JOIN (SELECT most_common_vals::text::uuid[] AS vals, most_common_freqs AS freqs FROM pg_stats
                  WHERE schemaname = current_schema() AND tablename = 'channel_tag_map' AND attname = 'tag_id') s ON true
     ORDER BY coalesce(s.freqs[array_position(s.vals, t.id)], 0), t.id
     LIMIT 1;
  END IF;
  RETURN f;
END $$;
