ALTER TABLE "training_sessions" ALTER COLUMN "rpe" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD COLUMN "file_hash" text;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD COLUMN "elapsed_min" real;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD COLUMN "elevation_gain_m" real;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD COLUMN "avg_heart_rate" smallint;--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_patient_file_hash_idx" ON "training_sessions" USING btree ("patient_id","file_hash") WHERE "training_sessions"."file_hash" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "sessions_rated_unless_imported" CHECK ("training_sessions"."rpe" IS NOT NULL OR "training_sessions"."source" = 'import');