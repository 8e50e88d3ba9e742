CREATE TABLE "ocop_certificates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ocop_certificates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"product_id" integer NOT NULL,
	"number" text NOT NULL,
	"decision_no" text NOT NULL,
	"decision_date" date NOT NULL,
	"issued_by" text NOT NULL,
	"star" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"previous_id" integer,
	"round_id" integer,
	"revoked_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ocop_member_scores" (
	"round_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"total" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "ocop_member_scores_round_id_product_id_user_id_pk" PRIMARY KEY("round_id","product_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ocop_producers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ocop_producers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"registration_no" text,
	"tax_code" text,
	"address" text,
	"contact_name" text,
	"phone" text,
	"email" text,
	"women_led" boolean DEFAULT false NOT NULL,
	"ethnic_minority_led" boolean DEFAULT false NOT NULL,
	"registered_on" date,
	"search_key" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "ocop_product_photos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ocop_product_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"product_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"caption" text,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ocop_products" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ocop_products_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"producer_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"group_name" text NOT NULL,
	"set_no" integer NOT NULL,
	"description" text,
	"brand_tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"standards" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stage" text DEFAULT 'awareness' NOT NULL,
	"cycle_year" integer NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"search_key" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ocop_round_members" (
	"round_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "ocop_round_members_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ocop_round_products" (
	"round_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"sheet_id" integer NOT NULL,
	"status" text DEFAULT 'scoring' NOT NULL,
	"rescore_count" integer DEFAULT 0 NOT NULL,
	"score_x100" integer,
	"star" integer,
	"forwarded" boolean DEFAULT false NOT NULL,
	"recognised" boolean DEFAULT false NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "ocop_round_products_round_id_product_id_pk" PRIMARY KEY("round_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "ocop_rounds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ocop_rounds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"level" text NOT NULL,
	"regime" text NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"quorum" integer NOT NULL,
	"spread_limit" integer DEFAULT 10 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "ocop_sheets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ocop_sheets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"set_no" integer NOT NULL,
	"regime" text NOT NULL,
	"document" jsonb NOT NULL,
	"verified" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ocop_targets" (
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"new_products" integer NOT NULL,
	"new_rated_3_4" integer NOT NULL,
	"new_organisations" integer NOT NULL,
	"legal_basis" text,
	CONSTRAINT "ocop_targets_unit_id_year_pk" PRIMARY KEY("unit_id","year")
);
--> statement-breakpoint
CREATE TABLE "ocop_transitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ocop_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"product_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"by" integer
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "producer_id" integer;--> statement-breakpoint
ALTER TABLE "ocop_certificates" ADD CONSTRAINT "ocop_certificates_product_id_ocop_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ocop_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_member_scores" ADD CONSTRAINT "ocop_member_scores_round_id_ocop_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."ocop_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_member_scores" ADD CONSTRAINT "ocop_member_scores_product_id_ocop_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ocop_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_member_scores" ADD CONSTRAINT "ocop_member_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_producers" ADD CONSTRAINT "ocop_producers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_producers" ADD CONSTRAINT "ocop_producers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_product_photos" ADD CONSTRAINT "ocop_product_photos_product_id_ocop_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ocop_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_products" ADD CONSTRAINT "ocop_products_producer_id_ocop_producers_id_fk" FOREIGN KEY ("producer_id") REFERENCES "public"."ocop_producers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_products" ADD CONSTRAINT "ocop_products_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_products" ADD CONSTRAINT "ocop_products_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_round_members" ADD CONSTRAINT "ocop_round_members_round_id_ocop_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."ocop_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_round_members" ADD CONSTRAINT "ocop_round_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_round_products" ADD CONSTRAINT "ocop_round_products_round_id_ocop_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."ocop_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_round_products" ADD CONSTRAINT "ocop_round_products_product_id_ocop_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ocop_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_round_products" ADD CONSTRAINT "ocop_round_products_sheet_id_ocop_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."ocop_sheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_rounds" ADD CONSTRAINT "ocop_rounds_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_rounds" ADD CONSTRAINT "ocop_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_targets" ADD CONSTRAINT "ocop_targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_transitions" ADD CONSTRAINT "ocop_transitions_product_id_ocop_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ocop_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_transitions" ADD CONSTRAINT "ocop_transitions_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ocop_certificates_product_idx" ON "ocop_certificates" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ocop_certificates_number_uq" ON "ocop_certificates" USING btree ("number");--> statement-breakpoint
CREATE INDEX "ocop_producers_unit_idx" ON "ocop_producers" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ocop_products_code_uq" ON "ocop_products" USING btree ("code");--> statement-breakpoint
CREATE INDEX "ocop_products_unit_idx" ON "ocop_products" USING btree ("unit_id","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "ocop_sheets_code_version_uq" ON "ocop_sheets" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "ocop_transitions_product_idx" ON "ocop_transitions" USING btree ("product_id");