CREATE TABLE "data_epochs" (
	"name" text PRIMARY KEY NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "data_epochs" ("name", "n") VALUES ('dashboard', 0);
--> statement-breakpoint
CREATE FUNCTION "bump_dashboard_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Once per transaction, at commit time: the row lock is taken last and held only for the commit.
  IF current_setting('dong_long.dashboard_bumped', true) = 'yes' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('dong_long.dashboard_bumped', 'yes', true);
  UPDATE "data_epochs" SET "n" = "n" + 1 WHERE "name" = 'dashboard';
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "assessments_dashboard_epoch" AFTER INSERT OR UPDATE OR DELETE ON "assessments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_dashboard_epoch"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "assessment_results_dashboard_epoch" AFTER INSERT OR UPDATE OR DELETE ON "assessment_results" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_dashboard_epoch"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "units_dashboard_epoch" AFTER INSERT OR UPDATE OR DELETE ON "units" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_dashboard_epoch"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "unit_scope_dashboard_epoch" AFTER INSERT OR UPDATE OR DELETE ON "unit_scope" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_dashboard_epoch"();
