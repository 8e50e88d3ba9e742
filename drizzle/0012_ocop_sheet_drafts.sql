ALTER TABLE "ocop_sheets" ADD COLUMN "status" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "ocop_sheets" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "ocop_sheets" ADD COLUMN "created_by" integer;--> statement-breakpoint
ALTER TABLE "ocop_sheets" ADD COLUMN "published_at" timestamp with time zone;