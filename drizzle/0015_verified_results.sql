CREATE TABLE "verified_results" (
	"unit_id" integer NOT NULL,
	"period" date NOT NULL,
	"assessment_id" integer NOT NULL,
	"set_id" integer NOT NULL,
	"criteria_met" integer NOT NULL,
	"criteria_total" integer NOT NULL,
	"indicators_met" integer NOT NULL,
	"indicators_total" integer NOT NULL,
	"standard_met" boolean NOT NULL,
	"advanced_met" boolean,
	"model_met" boolean,
	"cells" text NOT NULL,
	CONSTRAINT "verified_results_unit_id_period_pk" PRIMARY KEY("unit_id","period"),
	CONSTRAINT "verified_results_assessment_uq" UNIQUE("assessment_id")
);
--> statement-breakpoint
ALTER TABLE "verified_results" ADD CONSTRAINT "verified_results_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A result's criteria in the compact form dashboards read: [number, met (0|1), indicatorsMet, indicatorsTotal, missing] per criterion.
CREATE FUNCTION "verified_result_cells"("criteria" jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_array(c->'number', CASE WHEN (c->'met')::boolean THEN 1 ELSE 0 END,
                                              c->'indicatorsMet', c->'indicatorsTotal', c->'missing') ORDER BY o)::text, '[]')
    FROM jsonb_array_elements("criteria") WITH ORDINALITY AS e(c, o)
$$;
--> statement-breakpoint
-- Keeps one assessment's row in verified_results equal to its definition (verified, with its result), in the writing
-- transaction. The assessment row is locked first, so a change of its status and a change of its result never interleave:
-- whichever commits second sees the other's row.
CREATE FUNCTION "sync_verified_result"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  aid integer;
BEGIN
  IF TG_TABLE_NAME = 'assessments' THEN
    aid := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    aid := OLD.assessment_id;
  ELSE
    aid := NEW.assessment_id;
  END IF;
  PERFORM 1 FROM "assessments" WHERE "id" = aid FOR NO KEY UPDATE;
  DELETE FROM "verified_results" WHERE "assessment_id" = aid;
  INSERT INTO "verified_results" ("unit_id", "period", "assessment_id", "set_id", "criteria_met", "criteria_total",
                                  "indicators_met", "indicators_total", "standard_met", "advanced_met", "model_met", "cells")
    SELECT a."unit_id", a."period", a."id", a."set_id", r."criteria_met", r."criteria_total", r."indicators_met",
           r."indicators_total", r."standard_met", r."advanced_met", r."model_met", verified_result_cells(r."criteria")
      FROM "assessments" a JOIN "assessment_results" r ON r."assessment_id" = a."id"
     WHERE a."id" = aid AND a."status" = 'verified';
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "assessments_verified_result" AFTER UPDATE ON "assessments" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."unit_id" IS DISTINCT FROM NEW."unit_id"
        OR OLD."period" IS DISTINCT FROM NEW."period" OR OLD."set_id" IS DISTINCT FROM NEW."set_id")
  EXECUTE FUNCTION "sync_verified_result"();
--> statement-breakpoint
CREATE TRIGGER "assessment_results_verified_result" AFTER INSERT OR UPDATE OR DELETE ON "assessment_results" FOR EACH ROW
  EXECUTE FUNCTION "sync_verified_result"();
--> statement-breakpoint
-- Existing verified months.
INSERT INTO "verified_results" ("unit_id", "period", "assessment_id", "set_id", "criteria_met", "criteria_total",
                                "indicators_met", "indicators_total", "standard_met", "advanced_met", "model_met", "cells")
  SELECT a."unit_id", a."period", a."id", a."set_id", r."criteria_met", r."criteria_total", r."indicators_met",
         r."indicators_total", r."standard_met", r."advanced_met", r."model_met", verified_result_cells(r."criteria")
    FROM "assessments" a JOIN "assessment_results" r ON r."assessment_id" = a."id"
   WHERE a."status" = 'verified';
