CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."platform_name" AS ENUM('chzzk', 'soop');--> statement-breakpoint
CREATE TYPE "public"."live_status" AS ENUM('initializing', 'recording', 'finalizing', 'deleted', 'failed');--> statement-breakpoint
CREATE TABLE "channel" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"username" text NOT NULL,
	"profile_img_url" text,
	"follower_cnt" integer DEFAULT 0 NOT NULL,
	"grade_id" uuid NOT NULL,
	"is_followed" boolean DEFAULT false NOT NULL,
	"overseas_first" boolean DEFAULT false NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_refreshed_at" timestamp with time zone,
	"stream_checked_at" timestamp with time zone,
	CONSTRAINT "channel_follower_cnt_check" CHECK ("channel"."follower_cnt" >= 0)
);
--> statement-breakpoint
CREATE TABLE "channel_grade" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"tier" integer DEFAULT 0 NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"should_save" boolean DEFAULT true NOT NULL,
	"should_notify" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "channel_grade_name_key" UNIQUE("name"),
	CONSTRAINT "channel_grade_tier_check" CHECK ("channel_grade"."tier" >= 0),
	CONSTRAINT "channel_grade_seq_check" CHECK ("channel_grade"."seq" >= 0)
);
--> statement-breakpoint
CREATE TABLE "channel_tag" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "channel_tag_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "channel_tag_map" (
	"channel_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_tag_map_pkey" PRIMARY KEY("channel_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "platform" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" "platform_name" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "platform_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "live_criterion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"platform_id" uuid NOT NULL,
	"is_deactivated" boolean DEFAULT true NOT NULL,
	"enforce_creds" boolean DEFAULT false NOT NULL,
	"domestic_only" boolean DEFAULT false NOT NULL,
	"overseas_first" boolean DEFAULT false NOT NULL,
	"logging_only" boolean DEFAULT false NOT NULL,
	"min_user_cnt" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "live_criterion_name_key" UNIQUE("name"),
	CONSTRAINT "live_criterion_min_user_cnt_check" CHECK ("live_criterion"."min_user_cnt" >= 0),
	CONSTRAINT "live_criterion_location_check" CHECK (not ("live_criterion"."domestic_only" and "live_criterion"."overseas_first"))
);
--> statement-breakpoint
CREATE TABLE "live_criterion_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "live_criterion_rule_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "live_criterion_unit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"criterion_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"value" text NOT NULL,
	"is_positive" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "live_criterion_unit_value_check" CHECK (length("live_criterion_unit"."value") > 0)
);
--> statement-breakpoint
CREATE TABLE "live" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid NOT NULL,
	"platform_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"live_title" text NOT NULL,
	"live_stream_id" uuid,
	"fs_name" text NOT NULL,
	"video_name" text NOT NULL,
	"view_cnt" integer DEFAULT 0 NOT NULL,
	"is_adult" boolean DEFAULT false NOT NULL,
	"status" "live_status" DEFAULT 'initializing' NOT NULL,
	"failure_reason" text,
	"domestic_only" boolean DEFAULT false NOT NULL,
	"overseas_first" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "live_view_cnt_check" CHECK ("live"."view_cnt" >= 0),
	CONSTRAINT "live_location_check" CHECK (not ("live"."domestic_only" and "live"."overseas_first"))
);
--> statement-breakpoint
CREATE TABLE "live_stream" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"url" text NOT NULL,
	"params" jsonb,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "live_node" (
	"live_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_node_pkey" PRIMARY KEY("live_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "node" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"endpoint" text NOT NULL,
	"priority" integer DEFAULT 1 NOT NULL,
	"capacity" integer NOT NULL,
	"is_cordoned" boolean DEFAULT false NOT NULL,
	"is_domestic" boolean DEFAULT false NOT NULL,
	"group_id" uuid NOT NULL,
	"failure_cnt" integer DEFAULT 0 NOT NULL,
	"last_assigned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "node_name_key" UNIQUE("name"),
	CONSTRAINT "node_priority_check" CHECK ("node"."priority" >= 1),
	CONSTRAINT "node_capacity_check" CHECK ("node"."capacity" >= 0),
	CONSTRAINT "node_failure_cnt_check" CHECK ("node"."failure_cnt" >= 0)
);
--> statement-breakpoint
CREATE TABLE "node_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "node_group_name_key" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "channel" ADD CONSTRAINT "channel_platform_id_platform_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platform"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel" ADD CONSTRAINT "channel_grade_id_channel_grade_id_fk" FOREIGN KEY ("grade_id") REFERENCES "public"."channel_grade"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_tag_map" ADD CONSTRAINT "channel_tag_map_channel_id_channel_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channel"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_tag_map" ADD CONSTRAINT "channel_tag_map_tag_id_channel_tag_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."channel_tag"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_criterion" ADD CONSTRAINT "live_criterion_platform_id_platform_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platform"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_criterion_unit" ADD CONSTRAINT "live_criterion_unit_criterion_id_live_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."live_criterion"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_criterion_unit" ADD CONSTRAINT "live_criterion_unit_rule_id_live_criterion_rule_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."live_criterion_rule"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live" ADD CONSTRAINT "live_channel_id_channel_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channel"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live" ADD CONSTRAINT "live_platform_id_platform_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platform"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live" ADD CONSTRAINT "live_live_stream_id_live_stream_id_fk" FOREIGN KEY ("live_stream_id") REFERENCES "public"."live_stream"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_stream" ADD CONSTRAINT "live_stream_channel_id_channel_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channel"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_node" ADD CONSTRAINT "live_node_live_id_live_id_fk" FOREIGN KEY ("live_id") REFERENCES "public"."live"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_node" ADD CONSTRAINT "live_node_node_id_node_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."node"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node" ADD CONSTRAINT "node_group_id_node_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."node_group"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "channel_platform_source_key" ON "channel" USING btree ("platform_id","source_id");--> statement-breakpoint
CREATE INDEX "channel_source_id_idx" ON "channel" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "channel_follower_cnt_idx" ON "channel" USING btree ("follower_cnt" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "channel_updated_at_idx" ON "channel" USING btree ("updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "channel_created_at_idx" ON "channel" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "channel_username_trgm_idx" ON "channel" USING gin (lower("username") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "channel_grade_id_idx" ON "channel" USING btree ("grade_id");--> statement-breakpoint
CREATE INDEX "channel_followed_idx" ON "channel" USING btree ("id") WHERE "channel"."is_followed";--> statement-breakpoint
CREATE INDEX "channel_last_refreshed_at_idx" ON "channel" USING btree ("last_refreshed_at" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "channel_stream_checked_at_idx" ON "channel" USING btree ("stream_checked_at" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "channel_tag_map_tag_channel_key" ON "channel_tag_map" USING btree ("tag_id","channel_id");--> statement-breakpoint
CREATE INDEX "live_criterion_active_idx" ON "live_criterion" USING btree ("platform_id") WHERE not "live_criterion"."is_deactivated";--> statement-breakpoint
CREATE UNIQUE INDEX "live_criterion_unit_key" ON "live_criterion_unit" USING btree ("criterion_id","rule_id","is_positive","value");--> statement-breakpoint
CREATE UNIQUE INDEX "live_one_active_per_channel_key" ON "live" USING btree ("channel_id") WHERE "live"."status" in ('initializing', 'recording', 'finalizing');--> statement-breakpoint
CREATE UNIQUE INDEX "live_channel_video_name_key" ON "live" USING btree ("channel_id","video_name");--> statement-breakpoint
CREATE INDEX "live_active_status_idx" ON "live" USING btree ("status","created_at") WHERE "live"."status" in ('initializing', 'recording', 'finalizing');--> statement-breakpoint
CREATE INDEX "live_updated_at_idx" ON "live" USING btree ("updated_at" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "live_live_stream_id_idx" ON "live" USING btree ("live_stream_id");--> statement-breakpoint
CREATE INDEX "live_created_at_idx" ON "live" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "live_stream_channel_source_key" ON "live_stream" USING btree ("channel_id","source_id");--> statement-breakpoint
CREATE INDEX "live_stream_checked_at_idx" ON "live_stream" USING btree ("checked_at" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "live_node_node_id_idx" ON "live_node" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "node_group_id_idx" ON "node" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "node_selectable_idx" ON "node" USING btree ("priority","last_assigned_at" NULLS FIRST) WHERE not "node"."is_cordoned";