-- Allocations become tranches: each row is capital added on one date. A zero row carried no capital.
DELETE FROM "allocations" WHERE "amount" = 0;--> statement-breakpoint
ALTER TABLE "allocations" DROP CONSTRAINT "allocations_plan_id_project_id_source_code_pk";--> statement-breakpoint
ALTER TABLE "allocations" ALTER COLUMN "added_on" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "id" integer PRIMARY KEY NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "allocations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "disbursements" ADD COLUMN "tranche_on" date;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_tranche_uq" UNIQUE NULLS NOT DISTINCT("plan_id","project_id","source_code","added_on");--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_amount_ck" CHECK ("allocations"."amount" > 0);