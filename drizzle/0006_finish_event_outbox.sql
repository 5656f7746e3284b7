CREATE TYPE "public"."finish_event_status" AS ENUM('pending', 'sent');--> statement-breakpoint
CREATE TABLE "finish_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"live_id" uuid,
	"body" jsonb NOT NULL,
	"status" "finish_event_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "finish_event_attempts_check" CHECK ("finish_event"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "finish_event" ADD CONSTRAINT "finish_event_live_id_live_id_fk" FOREIGN KEY ("live_id") REFERENCES "public"."live"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "finish_event_live_key" ON "finish_event" USING btree ("live_id");--> statement-breakpoint
CREATE INDEX "finish_event_due_idx" ON "finish_event" USING btree ("next_attempt_at") WHERE "finish_event"."status" = 'pending';