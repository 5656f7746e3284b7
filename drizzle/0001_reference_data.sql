-- Reference data every deployment needs: the supported platforms, the default grade that
-- auto-discovered channels get, and the six fixed criterion rule kinds. Idempotent.
INSERT INTO "platform" ("name") VALUES ('chzzk'), ('soop') ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
INSERT INTO "channel_grade" ("name", "description", "tier", "seq", "should_save", "should_notify")
VALUES ('none', 'Default grade of auto-discovered channels', 2, 100, true, false)
ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
INSERT INTO "live_criterion_rule" ("name") VALUES
  ('chzzk_tag_name'), ('chzzk_keyword_name'), ('chzzk_watch_party_no'),
  ('soop_tag_name'), ('soop_keyword_name'), ('soop_cate_no')
ON CONFLICT ("name") DO NOTHING;
