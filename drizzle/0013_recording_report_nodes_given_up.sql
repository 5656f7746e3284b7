-- The nodes a finish stopped waiting for at LIVE_FINISH_TIMEOUT_SEC (their last uploads may be missing).
-- Null for reports written before, and for lives that ended without the finisher.
ALTER TABLE "recording_report" ADD COLUMN "nodes_given_up" text[];
