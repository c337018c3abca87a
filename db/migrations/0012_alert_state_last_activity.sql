ALTER TABLE "patient_alert_state" ADD COLUMN "last_activity_date" date;--> statement-breakpoint
-- Rows stored before this column: filled once with the latest pain report, session or tick
-- (the alert refresh keeps it from now on, by lastActivity in lib/analytics/alerts.ts).
UPDATE "patient_alert_state" s SET "last_activity_date" = GREATEST(
  (SELECT max(local_date) FROM pain_reports WHERE patient_id = s.patient_id AND voided_at IS NULL),
  (SELECT max(local_date) FROM training_sessions WHERE patient_id = s.patient_id AND voided_at IS NULL),
  (SELECT max(completed_on) FROM exercise_completions WHERE patient_id = s.patient_id AND voided_at IS NULL)
);
