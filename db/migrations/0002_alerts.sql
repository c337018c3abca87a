CREATE TABLE "patient_alert_state" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"open_count" smallint NOT NULL,
	"top_severity" text,
	"top_rank" smallint DEFAULT 0 NOT NULL,
	"kinds" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"alerts" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_acknowledgements" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "patient_alert_state" ADD CONSTRAINT "patient_alert_state_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_alert_state" ADD CONSTRAINT "patient_alert_state_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_state_practice_rank_idx" ON "patient_alert_state" USING btree ("practice_id","top_rank","open_count");