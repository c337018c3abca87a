DROP INDEX "alert_state_practice_last_pain_idx";--> statement-breakpoint
CREATE INDEX "alert_state_practice_last_activity_idx" ON "patient_alert_state" USING btree ("practice_id","last_activity_date" NULLS FIRST,"patient_id");--> statement-breakpoint
CREATE INDEX "alert_state_practice_adherence_asc_idx" ON "patient_alert_state" USING btree ("practice_id","adherence_pct","patient_id");--> statement-breakpoint
CREATE INDEX "alert_state_practice_adherence_desc_idx" ON "patient_alert_state" USING btree ("practice_id","adherence_pct" DESC NULLS LAST,"patient_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "patients_practice_status_created_idx" ON "patients" USING btree ("practice_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "patients_practice_status_dob_desc_idx" ON "patients" USING btree ("practice_id","status","date_of_birth" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "patients_practice_status_dob_asc_idx" ON "patients" USING btree ("practice_id","status","date_of_birth","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alert_state_practice_last_pain_idx" ON "patient_alert_state" USING btree ("practice_id","last_pain_date" NULLS FIRST,"patient_id");--> statement-breakpoint
-- Every patient has an alert-state row from the moment they exist, so the patients table can
-- join it (not outer-join it) and read a stored-column sort off its indexes. The new row is
-- stale (as of the practice's yesterday), so the next refresh computes it like any other.
CREATE FUNCTION patients_alert_state_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO patient_alert_state (patient_id, practice_id, as_of, open_count, alerts)
  SELECT NEW.id, NEW.practice_id, (now() AT TIME ZONE pr.time_zone)::date - 1, 0, '[]'::jsonb
  FROM practices pr WHERE pr.id = NEW.practice_id
  ON CONFLICT (patient_id) DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER patients_alert_state_row AFTER INSERT ON patients FOR EACH ROW EXECUTE FUNCTION patients_alert_state_row();--> statement-breakpoint
INSERT INTO patient_alert_state (patient_id, practice_id, as_of, open_count, alerts)
SELECT p.id, p.practice_id, (now() AT TIME ZONE pr.time_zone)::date - 1, 0, '[]'::jsonb
FROM patients p JOIN practices pr ON pr.id = p.practice_id
WHERE NOT EXISTS (SELECT 1 FROM patient_alert_state s WHERE s.patient_id = p.id);
