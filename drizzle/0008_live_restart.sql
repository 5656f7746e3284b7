DROP INDEX "live_one_active_per_channel_key";--> statement-breakpoint
ALTER TABLE "live" ADD COLUMN "restarted_from" uuid;--> statement-breakpoint
ALTER TABLE "live" ADD COLUMN "stream_unavailable_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "live" ADD CONSTRAINT "live_restarted_from_live_id_fk" FOREIGN KEY ("restarted_from") REFERENCES "public"."live"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "live_restarted_from_key" ON "live" USING btree ("restarted_from") WHERE "live"."restarted_from" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "live_one_active_per_channel_key" ON "live" USING btree ("channel_id") WHERE "live"."status" in ('initializing', 'recording');