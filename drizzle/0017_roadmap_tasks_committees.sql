ALTER TABLE "agencies" ADD COLUMN "kind" text DEFAULT 'department' NOT NULL;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD COLUMN "task" text;--> statement-breakpoint
-- Every current commune-level and district-level unit has its People's Committee among the lead agencies.
INSERT INTO "agencies" ("unit_id", "name", "short_name", "kind", "active", "is_demo")
SELECT u."id", 'Ủy ban nhân dân ' || u."name", 'UBND ' || u."name", 'people_committee', u."effective_to" IS NULL, u."is_demo"
FROM "units" u
WHERE u."type" IN ('city', 'district', 'town', 'commune', 'ward', 'township', 'special_zone')
  AND NOT EXISTS (SELECT 1 FROM "agencies" a WHERE a."unit_id" = u."id" AND a."kind" = 'people_committee');
