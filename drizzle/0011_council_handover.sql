CREATE TABLE "council_handovers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "council_handovers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"from_council_id" integer NOT NULL,
	"to_council_id" integer,
	"handed_over_on" date NOT NULL,
	"legal_basis" text NOT NULL,
	"note" text,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "follow_up_council_id" integer;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "handover_id" integer;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "follow_up_council_id" integer;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "handover_id" integer;--> statement-breakpoint
ALTER TABLE "council_handovers" ADD CONSTRAINT "council_handovers_from_council_id_councils_id_fk" FOREIGN KEY ("from_council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_handovers" ADD CONSTRAINT "council_handovers_to_council_id_councils_id_fk" FOREIGN KEY ("to_council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_handovers" ADD CONSTRAINT "council_handovers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "council_handovers_from_uq" ON "council_handovers" USING btree ("from_council_id");--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_follow_up_council_id_councils_id_fk" FOREIGN KEY ("follow_up_council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_handover_id_council_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."council_handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_follow_up_council_id_councils_id_fk" FOREIGN KEY ("follow_up_council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_handover_id_council_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."council_handovers"("id") ON DELETE no action ON UPDATE no action;