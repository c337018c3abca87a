-- One entry, one live correction (issue 14). Before this migration an entry could be
-- corrected twice (one after the other, or two requests at once), leaving two live
-- replacements that trends and alerts counted twice. Such existing duplicates would stop
-- the unique indexes below from being built, so first: of the live replacements of each
-- entry, keep the earliest and void the later ones (kept and marked like any voided entry,
-- never erased), record each void in the audit trail (no actor: the migration did it),
-- and mark the patients' cached alert state out of date so it is recomputed on next view.
WITH "later" AS (
  SELECT "id" FROM (
    SELECT "id", row_number() OVER (PARTITION BY "corrects_id" ORDER BY "created_at", "reported_at", "id") AS "n"
    FROM "pain_reports" WHERE "corrects_id" IS NOT NULL AND "voided_at" IS NULL
  ) AS "ranked" WHERE "n" > 1
), "voided" AS (
  UPDATE "pain_reports" SET "voided_at" = now(), "updated_at" = now(),
    "void_reason" = 'Duplicate correction of the same entry: voided by migration 0007, the earliest correction is kept'
  WHERE "id" IN (SELECT "id" FROM "later")
  RETURNING "id", "practice_id", "patient_id", "corrects_id", "void_reason"
), "audited" AS (
  INSERT INTO "audit_events" ("practice_id", "action", "entity", "entity_id", "patient_id", "meta")
  SELECT "practice_id", 'pain.void', 'pain_report', "id"::text, "patient_id", jsonb_build_object('reason', "void_reason", 'correctsId', "corrects_id", 'by', 'migration 0007')
  FROM "voided"
)
UPDATE "patient_alert_state" SET "as_of" = DATE '2000-01-01' WHERE "patient_id" IN (SELECT "patient_id" FROM "voided");
--> statement-breakpoint
WITH "later" AS (
  SELECT "id" FROM (
    SELECT "id", row_number() OVER (PARTITION BY "corrects_id" ORDER BY "created_at", "id") AS "n"
    FROM "training_sessions" WHERE "corrects_id" IS NOT NULL AND "voided_at" IS NULL
  ) AS "ranked" WHERE "n" > 1
), "voided" AS (
  UPDATE "training_sessions" SET "voided_at" = now(), "updated_at" = now(),
    "void_reason" = 'Duplicate correction of the same entry: voided by migration 0007, the earliest correction is kept'
  WHERE "id" IN (SELECT "id" FROM "later")
  RETURNING "id", "practice_id", "patient_id", "corrects_id", "void_reason"
), "audited" AS (
  INSERT INTO "audit_events" ("practice_id", "action", "entity", "entity_id", "patient_id", "meta")
  SELECT "practice_id", 'session.void', 'training_session', "id"::text, "patient_id", jsonb_build_object('reason', "void_reason", 'correctsId', "corrects_id", 'by', 'migration 0007')
  FROM "voided"
)
UPDATE "patient_alert_state" SET "as_of" = DATE '2000-01-01' WHERE "patient_id" IN (SELECT "patient_id" FROM "voided");
--> statement-breakpoint
CREATE UNIQUE INDEX "pain_one_live_correction_idx" ON "pain_reports" USING btree ("corrects_id") WHERE "pain_reports"."corrects_id" IS NOT NULL AND "pain_reports"."voided_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_one_live_correction_idx" ON "training_sessions" USING btree ("corrects_id") WHERE "training_sessions"."corrects_id" IS NOT NULL AND "training_sessions"."voided_at" IS NULL;
