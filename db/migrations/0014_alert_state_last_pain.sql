ALTER TABLE "patient_alert_state" ADD COLUMN "last_pain_date" date;--> statement-breakpoint
ALTER TABLE "patient_alert_state" ADD COLUMN "last_pain_score" smallint;--> statement-breakpoint
CREATE INDEX "alert_state_practice_last_pain_idx" ON "patient_alert_state" USING btree ("practice_id","last_pain_date");--> statement-breakpoint
-- Rows stored before these columns: filled once from each patient's latest live report (the
-- alert refresh keeps them from now on).
UPDATE "patient_alert_state" s SET "last_pain_date" = lp.local_date, "last_pain_score" = lp.score
FROM (
  SELECT DISTINCT ON (patient_id) patient_id, local_date, score FROM pain_reports
  WHERE voided_at IS NULL ORDER BY patient_id, local_date DESC, reported_at DESC
) lp
WHERE lp.patient_id = s.patient_id;
