DROP INDEX "patients_practice_status_idx";--> statement-breakpoint
CREATE INDEX "patients_practice_status_idx" ON "patients" USING btree ("practice_id","status","last_name","first_name","id");