CREATE TABLE "council_bodies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "council_bodies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"council_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_delegates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "council_delegates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"council_id" integer NOT NULL,
	"full_name" text NOT NULL,
	"position" text,
	"body_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"user_id" integer
);
--> statement-breakpoint
CREATE TABLE "councils" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "councils_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"term" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oversight_activities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "oversight_activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"council_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"topic" text NOT NULL,
	"legal_basis" text NOT NULL,
	"lead_body_id" integer,
	"scheduled_on" date NOT NULL,
	"held_on" date,
	"chair" text,
	"plan" text,
	"explaining_bodies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"invitees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"follows_id" integer,
	"conclusion_no" text,
	"conclusion_date" date,
	"conclusion_text" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oversight_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "oversight_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"number" text,
	"version" integer NOT NULL,
	"file_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "oversight_snapshots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "oversight_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"as_of" date NOT NULL,
	"data" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"frozen_by" integer
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "petitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"council_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"source" text NOT NULL,
	"source_note" text,
	"received_on" date NOT NULL,
	"text" text NOT NULL,
	"category" text,
	"assignee_unit_id" integer,
	"assignee_label" text,
	"deadline" date,
	"status" text DEFAULT 'received' NOT NULL,
	"answer" text,
	"answered_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "recommendation_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recommendation_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recommendation_id" integer NOT NULL,
	"reported_on" date NOT NULL,
	"text" text NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"file_id" integer,
	"file_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recommendations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"text" text NOT NULL,
	"addressee_unit_id" integer NOT NULL,
	"addressee_label" text NOT NULL,
	"deadline" date NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_on" date,
	"decided_by" integer,
	"decision_note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
ALTER TABLE "council_bodies" ADD CONSTRAINT "council_bodies_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_delegates" ADD CONSTRAINT "council_delegates_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_delegates" ADD CONSTRAINT "council_delegates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_activities" ADD CONSTRAINT "oversight_activities_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_activities" ADD CONSTRAINT "oversight_activities_lead_body_id_council_bodies_id_fk" FOREIGN KEY ("lead_body_id") REFERENCES "public"."council_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_activities" ADD CONSTRAINT "oversight_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_documents" ADD CONSTRAINT "oversight_documents_activity_id_oversight_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."oversight_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_documents" ADD CONSTRAINT "oversight_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_documents" ADD CONSTRAINT "oversight_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_snapshots" ADD CONSTRAINT "oversight_snapshots_activity_id_oversight_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."oversight_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_snapshots" ADD CONSTRAINT "oversight_snapshots_frozen_by_users_id_fk" FOREIGN KEY ("frozen_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_assignee_unit_id_units_id_fk" FOREIGN KEY ("assignee_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_reports" ADD CONSTRAINT "recommendation_reports_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_reports" ADD CONSTRAINT "recommendation_reports_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_reports" ADD CONSTRAINT "recommendation_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_activity_id_oversight_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."oversight_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_addressee_unit_id_units_id_fk" FOREIGN KEY ("addressee_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "councils_unit_idx" ON "councils" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "oversight_activities_council_idx" ON "oversight_activities" USING btree ("council_id");--> statement-breakpoint
CREATE UNIQUE INDEX "oversight_documents_version_uq" ON "oversight_documents" USING btree ("activity_id","kind","version");--> statement-breakpoint
CREATE INDEX "oversight_snapshots_activity_idx" ON "oversight_snapshots" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "petitions_council_idx" ON "petitions" USING btree ("council_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_seq_uq" ON "recommendations" USING btree ("activity_id","seq");--> statement-breakpoint
CREATE INDEX "recommendations_addressee_idx" ON "recommendations" USING btree ("addressee_unit_id");--> statement-breakpoint
CREATE FUNCTION "oversight_snapshot_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'oversight snapshots are frozen: % is never updated or deleted', OLD.id;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "oversight_snapshots_frozen" BEFORE UPDATE OR DELETE ON "oversight_snapshots" FOR EACH ROW EXECUTE FUNCTION "oversight_snapshot_frozen"();
