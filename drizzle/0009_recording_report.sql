CREATE TABLE "recording_report" (
	"live_id" uuid PRIMARY KEY NOT NULL,
	"nodes" text[],
	"segments_ok" integer,
	"segments_failed" integer,
	"segments_retrying" integer,
	"segments_missing" bigint,
	"missing_numbers" bigint[],
	"taken_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recording_report_taken_check" CHECK ("recording_report"."taken_at" is null or ("recording_report"."segments_ok" >= 0 and "recording_report"."segments_failed" >= 0 and "recording_report"."segments_retrying" >= 0 and "recording_report"."segments_missing" >= 0 and "recording_report"."missing_numbers" is not null))
);
--> statement-breakpoint
CREATE INDEX "live_finished_idx" ON "live" USING btree ("deleted_at" DESC NULLS LAST,"id") WHERE "live"."status" = 'deleted';