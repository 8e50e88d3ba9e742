CREATE TABLE "assessment_results" (
	"assessment_id" integer PRIMARY KEY NOT NULL,
	"criteria_met" integer NOT NULL,
	"criteria_total" integer NOT NULL,
	"indicators_met" integer NOT NULL,
	"indicators_total" integer NOT NULL,
	"indicators_missing" integer NOT NULL,
	"standard_met" boolean NOT NULL,
	"advanced_met" boolean,
	"model_met" boolean,
	"criteria" jsonb NOT NULL,
	"indicator_status" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_values" (
	"assessment_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"value" jsonb,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer,
	"review" text DEFAULT 'pending' NOT NULL,
	"review_comment" text,
	CONSTRAINT "assessment_values_assessment_id_indicator_code_pk" PRIMARY KEY("assessment_id","indicator_code")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"set_id" integer NOT NULL,
	"period" date NOT NULL,
	"advanced_set_id" integer,
	"model_set_id" integer,
	"class_code" text NOT NULL,
	"target_level" text DEFAULT 'ntm' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"return_comment" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"verified_at" timestamp with time zone,
	"verified_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "assessments_unit_period_uq" UNIQUE("unit_id","period"),
	CONSTRAINT "assessments_period_ck" CHECK (extract(day from "assessments"."period") = 1)
);
--> statement-breakpoint
CREATE TABLE "criteria_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "criteria_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"level" text NOT NULL,
	"phase" text NOT NULL,
	"name_vi" text NOT NULL,
	"dimension" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"base_code" text,
	"derivation" text,
	"owner_unit_id" integer NOT NULL,
	"document" jsonb NOT NULL,
	"verified" boolean NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"published_at" timestamp with time zone,
	"published_by" integer,
	CONSTRAINT "criteria_sets_code_version_uq" UNIQUE("code","version")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assessment_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"file_id" integer NOT NULL,
	"original_name" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"added_by" integer,
	"removed_at" timestamp with time zone,
	"removed_by" integer
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"mime" text NOT NULL,
	"has_thumbnail" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "files_sha256_uq" UNIQUE("sha256")
);
--> statement-breakpoint
CREATE TABLE "unit_classifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_classifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"legal_basis" text,
	"verified" boolean DEFAULT false NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_values" ADD CONSTRAINT "assessment_values_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_values" ADD CONSTRAINT "assessment_values_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_set_id_criteria_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."criteria_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_advanced_set_id_criteria_sets_id_fk" FOREIGN KEY ("advanced_set_id") REFERENCES "public"."criteria_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_model_set_id_criteria_sets_id_fk" FOREIGN KEY ("model_set_id") REFERENCES "public"."criteria_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_sets" ADD CONSTRAINT "criteria_sets_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_classifications" ADD CONSTRAINT "unit_classifications_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_period_idx" ON "assessments" USING btree ("period","status");--> statement-breakpoint
CREATE INDEX "criteria_sets_status_idx" ON "criteria_sets" USING btree ("status","level");--> statement-breakpoint
CREATE INDEX "evidence_assessment_idx" ON "evidence" USING btree ("assessment_id","indicator_code");--> statement-breakpoint
CREATE INDEX "unit_classifications_unit_idx" ON "unit_classifications" USING btree ("unit_id","dimension");