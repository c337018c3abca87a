CREATE TABLE "measure_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"measure_slug" text NOT NULL,
	"content_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"score" double precision,
	"responded_on" date,
	"supersedes_id" uuid,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "measure_responses_submitted" CHECK ("measure_responses"."status" = 'draft' OR ("measure_responses"."responded_on" IS NOT NULL AND "measure_responses"."submitted_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "measure_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"measure_slug" text NOT NULL,
	"at_intake" boolean DEFAULT true NOT NULL,
	"every_weeks" smallint,
	"at_discharge" boolean DEFAULT false NOT NULL,
	"start_date" date NOT NULL,
	"ended_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_schedules_every_weeks" CHECK ("measure_schedules"."every_weeks" IS NULL OR "measure_schedules"."every_weeks" BETWEEN 1 AND 52)
);
--> statement-breakpoint
ALTER TABLE "measure_responses" ADD CONSTRAINT "measure_responses_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responses" ADD CONSTRAINT "measure_responses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responses" ADD CONSTRAINT "measure_responses_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_schedules" ADD CONSTRAINT "measure_schedules_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_schedules" ADD CONSTRAINT "measure_schedules_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_schedules" ADD CONSTRAINT "measure_schedules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_responses_patient_idx" ON "measure_responses" USING btree ("patient_id","measure_slug","responded_on");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_responses_one_draft_idx" ON "measure_responses" USING btree ("patient_id","measure_slug") WHERE "measure_responses"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "measure_responses_one_correction_idx" ON "measure_responses" USING btree ("supersedes_id") WHERE "measure_responses"."supersedes_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "measure_schedules_one_live_idx" ON "measure_schedules" USING btree ("patient_id","measure_slug") WHERE "measure_schedules"."ended_at" IS NULL;