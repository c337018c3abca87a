CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"practice_id" uuid,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 12 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "safety_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"tier" text NOT NULL,
	"flags" text[] NOT NULL,
	"report_count" integer DEFAULT 1 NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tier_since" timestamp with time zone DEFAULT now() NOT NULL,
	"last_report_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_report_date" date NOT NULL,
	"escalate_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_action" text,
	"close_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "safety_alerts_closed" CHECK (("safety_alerts"."status" = 'closed') = ("safety_alerts"."closed_at" IS NOT NULL AND "safety_alerts"."close_action" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "safety_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"tier" text NOT NULL,
	"recipient_user_id" uuid,
	"recipient_name" text NOT NULL,
	"recipient_email" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pain_reports" ADD COLUMN "safety_alert_id" uuid;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "screening_flags" text[] DEFAULT ARRAY[]::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "screening_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "screening_updated_by" uuid;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_notifications" ADD CONSTRAINT "safety_notifications_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_notifications" ADD CONSTRAINT "safety_notifications_alert_id_safety_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."safety_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_notifications" ADD CONSTRAINT "safety_notifications_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_notifications" ADD CONSTRAINT "safety_notifications_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."status" = 'queued';--> statement-breakpoint
CREATE UNIQUE INDEX "safety_alerts_one_open_idx" ON "safety_alerts" USING btree ("patient_id") WHERE "safety_alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "safety_alerts_practice_status_idx" ON "safety_alerts" USING btree ("practice_id","status","tier");--> statement-breakpoint
CREATE INDEX "safety_alerts_patient_idx" ON "safety_alerts" USING btree ("patient_id","opened_at");--> statement-breakpoint
CREATE INDEX "safety_notifications_alert_idx" ON "safety_notifications" USING btree ("alert_id","created_at");--> statement-breakpoint
CREATE INDEX "safety_notifications_practice_status_idx" ON "safety_notifications" USING btree ("practice_id","status");--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_screening_updated_by_users_id_fk" FOREIGN KEY ("screening_updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Red-flag reports from before this version become warning-sign alerts, so none is lost:
-- per active patient, one open alert for the flagged reports entered after the last
-- red-flag acknowledgement (all of them when there was none).
WITH last_ack AS (
  SELECT patient_id, max(acknowledged_at) AS at FROM alert_acknowledgements WHERE kind = 'red-flag' GROUP BY patient_id
), flagged AS (
  SELECT pr.practice_id, pr.patient_id, pr.created_at, pr.local_date, pr.red_flags
  FROM pain_reports pr JOIN patients p ON p.id = pr.patient_id LEFT JOIN last_ack a ON a.patient_id = pr.patient_id
  WHERE pr.voided_at IS NULL AND cardinality(pr.red_flags) > 0 AND p.status = 'active' AND (a.at IS NULL OR pr.created_at > a.at)
), flag_sets AS (
  SELECT patient_id, array_agg(DISTINCT f) AS flags FROM flagged, unnest(red_flags) AS f GROUP BY patient_id
)
INSERT INTO "safety_alerts" ("practice_id", "patient_id", "tier", "flags", "report_count", "opened_at", "tier_since", "last_report_at", "last_report_date")
SELECT f.practice_id, f.patient_id,
       CASE WHEN s.flags && ARRAY['saddle-numbness', 'bladder-bowel', 'leg-weakness-worsening']::text[] THEN 'emergency' ELSE 'same-day' END,
       s.flags, count(*), min(f.created_at), min(f.created_at), max(f.created_at), max(f.local_date)
FROM flagged f JOIN flag_sets s ON s.patient_id = f.patient_id
GROUP BY f.practice_id, f.patient_id, s.flags;
--> statement-breakpoint
UPDATE "pain_reports" pr SET "safety_alert_id" = sa.id
FROM "safety_alerts" sa
WHERE sa.patient_id = pr.patient_id AND sa.status = 'open' AND pr.voided_at IS NULL AND cardinality(pr.red_flags) > 0 AND pr.created_at >= sa.opened_at;
