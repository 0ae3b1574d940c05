-- 关怀模式 declared when the day's quiz starts: its answers have no per-question time limit (issue 17).
-- While an attempt is open, `answers` holds the answers already revealed one by one, in paper order.
ALTER TABLE quiz_attempts ADD COLUMN care_mode boolean NOT NULL DEFAULT false;
