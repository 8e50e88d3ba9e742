CREATE TABLE "login_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"slots" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "mac" text;--> statement-breakpoint
ALTER TABLE "disbursements" ADD COLUMN "voucher_key" text;--> statement-breakpoint
UPDATE "disbursements" SET "voucher_key" = upper(regexp_replace(btrim(normalize("voucher_ref", NFC)), '\s+', ' ', 'g'));--> statement-breakpoint
ALTER TABLE "disbursements" ALTER COLUMN "voucher_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "disbursements" ADD COLUMN "reverses_id" integer;--> statement-breakpoint
ALTER TABLE "ocop_producers" ADD COLUMN "account_user_id" integer;--> statement-breakpoint
UPDATE "ocop_producers" p SET "account_user_id" = u."id" FROM "users" u WHERE u."producer_id" = p."id" AND p."created_by" = u."id";--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_reverses_id_disbursements_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."disbursements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_producers" ADD CONSTRAINT "ocop_producers_account_user_id_users_id_fk" FOREIGN KEY ("account_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "capital_plans_current_uq" ON "capital_plans" USING btree ("unit_id","kind","year") WHERE "capital_plans"."status" = 'approved';--> statement-breakpoint
CREATE UNIQUE INDEX "capital_plans_one_draft_adjustment_uq" ON "capital_plans" USING btree ("previous_id") WHERE "capital_plans"."status" = 'draft' and "capital_plans"."previous_id" is not null;--> statement-breakpoint
CREATE INDEX "disbursements_reverses_idx" ON "disbursements" USING btree ("reverses_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ocop_producers_account_uq" ON "ocop_producers" USING btree ("account_user_id");--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_sign_ck" CHECK (("disbursements"."amount" > 0 and "disbursements"."reverses_id" is null) or ("disbursements"."amount" < 0 and "disbursements"."reverses_id" is not null));--> statement-breakpoint
CREATE FUNCTION "refuse_score_after_decision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A member's sheet can only land while the product is still being scored in an open round.
  IF EXISTS (
    SELECT 1 FROM "ocop_round_products" rp JOIN "ocop_rounds" r ON r."id" = rp."round_id"
    WHERE rp."round_id" = NEW."round_id" AND rp."product_id" = NEW."product_id"
      AND (rp."status" = 'decided' OR r."status" <> 'open')
  ) THEN
    RAISE EXCEPTION 'ocop_result_decided' USING ERRCODE = 'check_violation', CONSTRAINT = 'ocop_member_scores_open_ck';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "ocop_member_scores_open" BEFORE INSERT OR UPDATE ON "ocop_member_scores" FOR EACH ROW EXECUTE FUNCTION "refuse_score_after_decision"();
