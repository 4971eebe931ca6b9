CREATE TABLE "coverage_deltas" (
	"village_code" text NOT NULL,
	"month" text NOT NULL,
	"status" text NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "coverage_deltas_village_code_month_status_pk" PRIMARY KEY("village_code","month","status")
);
--> statement-breakpoint
CREATE TABLE "coverage_spans" (
	"worker_id" uuid NOT NULL,
	"village_code" text NOT NULL,
	"status" text NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text,
	CONSTRAINT "coverage_spans_worker_id_from_month_pk" PRIMARY KEY("worker_id","from_month")
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "award_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"period" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"winners" integer NOT NULL,
	"winner_count" integer NOT NULL,
	"tied_at_cutoff" boolean NOT NULL,
	"entries" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coverage_denominators" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"value" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "coverage_denominators_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "coverage_targets" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"percent" numeric(5, 2) NOT NULL,
	"basis" text NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "coverage_targets_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
ALTER TABLE "coverage_spans" ADD CONSTRAINT "coverage_spans_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_rounds" ADD CONSTRAINT "award_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_denominators" ADD CONSTRAINT "coverage_denominators_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_targets" ADD CONSTRAINT "coverage_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coverage_spans_village_idx" ON "coverage_spans" USING btree ("village_code","status","from_month");--> statement-breakpoint
-- coverage_deltas follows coverage_spans: +1 in a span's first month, −1 in the month after its last;
-- 'enrolled' +1 in a worker's first month with any span (never −1: "never enrolled" = workers − enrolled).
-- A worker's spans are always written and removed together in one statement, so min() per worker in a
-- transition table is that worker's first month.
-- Statement-level triggers with transition tables: a batch of spans costs one grouped upsert, and rows
-- are upserted in key order so concurrent writers lock them in the same order.
-- Inserted spans count +1, deleted ones −1 (TG_ARGV[0]); both triggers name their transition table "spans".
CREATE FUNCTION "coverage_span_deltas"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := TG_ARGV[0]::integer;
BEGIN
  INSERT INTO "coverage_deltas" ("village_code", "month", "status", "delta")
  SELECT "village_code", "month", "status", sum("d")::integer FROM (
    SELECT "village_code", "from_month" AS "month", "status", sign AS "d" FROM "spans"
    UNION ALL
    SELECT "village_code", to_char(to_date("to_month", 'YYYY-MM') + interval '1 month', 'YYYY-MM'), "status", -sign FROM "spans" WHERE "to_month" IS NOT NULL
    UNION ALL
    SELECT "village_code", min("from_month"), 'enrolled', sign FROM "spans" GROUP BY "worker_id", "village_code"
  ) d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("village_code", "month", "status") DO UPDATE SET "delta" = "coverage_deltas"."delta" + excluded."delta";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "coverage_span_deltas_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "coverage_deltas" ("village_code", "month", "status", "delta")
  SELECT "village_code", "month", "status", sum("d")::integer FROM (
    SELECT "village_code", "from_month" AS "month", "status", -1 AS "d" FROM "removed_spans"
    UNION ALL
    SELECT "village_code", to_char(to_date("to_month", 'YYYY-MM') + interval '1 month', 'YYYY-MM'), "status", 1 FROM "removed_spans" WHERE "to_month" IS NOT NULL
    UNION ALL
    SELECT "village_code", "from_month", "status", 1 FROM "added_spans"
    UNION ALL
    SELECT "village_code", to_char(to_date("to_month", 'YYYY-MM') + interval '1 month', 'YYYY-MM'), "status", -1 FROM "added_spans" WHERE "to_month" IS NOT NULL
    UNION ALL
    SELECT "village_code", min("from_month"), 'enrolled', -1 FROM "removed_spans" GROUP BY "worker_id", "village_code"
    UNION ALL
    SELECT "village_code", min("from_month"), 'enrolled', 1 FROM "added_spans" GROUP BY "worker_id", "village_code"
  ) d GROUP BY 1, 2, 3 HAVING sum("d") <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("village_code", "month", "status") DO UPDATE SET "delta" = "coverage_deltas"."delta" + excluded."delta";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "coverage_spans_insert" AFTER INSERT ON "coverage_spans" REFERENCING NEW TABLE AS "spans"
  FOR EACH STATEMENT EXECUTE FUNCTION "coverage_span_deltas"('1');--> statement-breakpoint
CREATE TRIGGER "coverage_spans_delete" AFTER DELETE ON "coverage_spans" REFERENCING OLD TABLE AS "spans"
  FOR EACH STATEMENT EXECUTE FUNCTION "coverage_span_deltas"('-1');--> statement-breakpoint
CREATE TRIGGER "coverage_spans_update" AFTER UPDATE ON "coverage_spans" REFERENCING OLD TABLE AS "removed_spans" NEW TABLE AS "added_spans"
  FOR EACH STATEMENT EXECUTE FUNCTION "coverage_span_deltas_move"();--> statement-breakpoint
-- The register count per village (status 'registered', month '0000-00') follows workers: added,
-- deleted (soft or hard) or moved to another village. A moved worker's history moves with it; a
-- deleted worker's history is dropped (its spans go, and with them their deltas).
CREATE FUNCTION "coverage_workers_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "coverage_deltas" ("village_code", "month", "status", "delta")
  SELECT "village_code", '0000-00', 'registered', count(*)::integer FROM "added_workers" WHERE "deleted_at" IS NULL
  GROUP BY 1 ORDER BY 1
  ON CONFLICT ("village_code", "month", "status") DO UPDATE SET "delta" = "coverage_deltas"."delta" + excluded."delta";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "coverage_workers_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "coverage_deltas" ("village_code", "month", "status", "delta")
  SELECT "village_code", '0000-00', 'registered', sum("d")::integer FROM (
    SELECT o."village_code", -1 AS "d" FROM "removed_workers" o JOIN "added_workers" n ON n."id" = o."id"
    WHERE o."deleted_at" IS NULL AND (n."deleted_at" IS NOT NULL OR n."village_code" <> o."village_code")
    UNION ALL
    SELECT n."village_code", 1 FROM "removed_workers" o JOIN "added_workers" n ON n."id" = o."id"
    WHERE n."deleted_at" IS NULL AND (o."deleted_at" IS NOT NULL OR n."village_code" <> o."village_code")
  ) d GROUP BY 1 HAVING sum("d") <> 0 ORDER BY 1
  ON CONFLICT ("village_code", "month", "status") DO UPDATE SET "delta" = "coverage_deltas"."delta" + excluded."delta";
  DELETE FROM "coverage_spans" s USING "added_workers" n WHERE s."worker_id" = n."id" AND n."deleted_at" IS NOT NULL;
  UPDATE "coverage_spans" s SET "village_code" = n."village_code" FROM "added_workers" n
  WHERE s."worker_id" = n."id" AND n."deleted_at" IS NULL AND s."village_code" <> n."village_code";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "coverage_workers_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "coverage_deltas" ("village_code", "month", "status", "delta")
  SELECT "village_code", '0000-00', 'registered', -count(*)::integer FROM "removed_workers" WHERE "deleted_at" IS NULL
  GROUP BY 1 ORDER BY 1
  ON CONFLICT ("village_code", "month", "status") DO UPDATE SET "delta" = "coverage_deltas"."delta" + excluded."delta";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "coverage_workers_insert" AFTER INSERT ON "workers" REFERENCING NEW TABLE AS "added_workers"
  FOR EACH STATEMENT EXECUTE FUNCTION "coverage_workers_added"();--> statement-breakpoint
CREATE TRIGGER "coverage_workers_update" AFTER UPDATE ON "workers" REFERENCING OLD TABLE AS "removed_workers" NEW TABLE AS "added_workers"
  FOR EACH STATEMENT EXECUTE FUNCTION "coverage_workers_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_workers_delete" AFTER DELETE ON "workers" REFERENCING OLD TABLE AS "removed_workers"
  FOR EACH STATEMENT EXECUTE FUNCTION "coverage_workers_removed"();--> statement-breakpoint
-- The register as it stands; the histories themselves are derived in TypeScript from enrolments and
-- payments at the next start (server/domains/enrolment/protection-history.ts rebuildProtectionHistory).
INSERT INTO "coverage_deltas" ("village_code", "month", "status", "delta")
SELECT "village_code", '0000-00', 'registered', count(*)::integer FROM "workers" WHERE "deleted_at" IS NULL GROUP BY 1;
