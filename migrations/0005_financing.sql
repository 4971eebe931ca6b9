CREATE TABLE "worker_protection" (
	"worker_id" uuid PRIMARY KEY NOT NULL,
	"village_code" text NOT NULL,
	"district_code" text NOT NULL,
	"start_month" text NOT NULL,
	"paid_until" text,
	"run_from" text,
	"prev_paid_until" text,
	"declared_income" integer NOT NULL,
	"has_jht" boolean DEFAULT false NOT NULL,
	"source_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grace_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"months" integer NOT NULL,
	"valid_from" text NOT NULL,
	"regulation" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "premium_rates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program" text NOT NULL,
	"percent_bp" integer,
	"flat_amount" integer,
	"min_income" integer,
	"valid_from" text NOT NULL,
	"regulation" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_budgets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"amount" bigint NOT NULL,
	"budget_line" text,
	"legal_basis" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_commitments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"programs" text NOT NULL,
	"declared_income" integer NOT NULL,
	"total_amount" integer NOT NULL,
	"handover_to_self" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text
);
--> statement-breakpoint
CREATE TABLE "funding_sources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_id" uuid NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"worker_count" integer NOT NULL,
	"amount" bigint NOT NULL,
	"expected_amount" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text,
	"note" text,
	"reverses_payment_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "dependants" integer;--> statement-breakpoint
ALTER TABLE "premium_payments" ADD COLUMN "payment_id" uuid;--> statement-breakpoint
ALTER TABLE "worker_protection" ADD CONSTRAINT "worker_protection_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_budgets" ADD CONSTRAINT "funding_budgets_source_id_funding_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."funding_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_commitments" ADD CONSTRAINT "funding_commitments_source_id_funding_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."funding_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_commitments" ADD CONSTRAINT "funding_commitments_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_source_id_funding_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."funding_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "worker_protection_paid_until_idx" ON "worker_protection" USING btree ("paid_until","village_code");--> statement-breakpoint
CREATE INDEX "worker_protection_village_idx" ON "worker_protection" USING btree ("village_code","paid_until");--> statement-breakpoint
CREATE INDEX "worker_protection_district_idx" ON "worker_protection" USING btree ("district_code","paid_until");--> statement-breakpoint
CREATE INDEX "worker_protection_run_from_idx" ON "worker_protection" USING btree ("run_from");--> statement-breakpoint
CREATE UNIQUE INDEX "grace_rules_from_uq" ON "grace_rules" USING btree ("valid_from");--> statement-breakpoint
CREATE INDEX "grace_rules_created_idx" ON "grace_rules" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "premium_rates_program_from_uq" ON "premium_rates" USING btree ("program","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_budgets_source_year_uq" ON "funding_budgets" USING btree ("source_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "funding_commitments_worker_idx" ON "funding_commitments" USING btree ("worker_id","from_month");--> statement-breakpoint
CREATE INDEX "funding_commitments_source_year_idx" ON "funding_commitments" USING btree ("source_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "funding_commitments_to_month_idx" ON "funding_commitments" USING btree ("to_month") WHERE "funding_commitments"."cancelled_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "funding_sources_kind_region_name_uq" ON "funding_sources" USING btree ("kind","region_code","name");--> statement-breakpoint
CREATE INDEX "funding_sources_region_idx" ON "funding_sources" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "payments_source_paid_idx" ON "payments" USING btree ("source_id","paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_reverses_uq" ON "payments" USING btree ("reverses_payment_id") WHERE "payments"."reverses_payment_id" is not null;--> statement-breakpoint
CREATE INDEX "premium_payments_payment_idx" ON "premium_payments" USING btree ("payment_id");--> statement-breakpoint
-- Rates and the grace rule in force since PP 44/2015 took effect (shared/domain.md); admins add rows when a regulation changes.
INSERT INTO "premium_rates" ("id", "program", "percent_bp", "flat_amount", "min_income", "valid_from", "regulation", "note") VALUES
  (gen_random_uuid(), 'JKK', 100, NULL, 1000000, '2015-07', 'PP 44/2015 jo. PP 82/2019 (peserta bukan penerima upah)', 'JKK 1% dari penghasilan yang dilaporkan, paling rendah Rp1.000.000'),
  (gen_random_uuid(), 'JKM', NULL, 6800, NULL, '2015-07', 'PP 44/2015 jo. PP 82/2019 (peserta bukan penerima upah)', 'JKM Rp6.800 per bulan'),
  (gen_random_uuid(), 'JHT', 200, NULL, 1000000, '2015-07', 'PP 46/2015 (peserta bukan penerima upah)', 'JHT 2% dari penghasilan yang dilaporkan');--> statement-breakpoint
INSERT INTO "grace_rules" ("id", "months", "valid_from", "regulation", "note") VALUES
  (gen_random_uuid(), 2, '2015-07', 'Ketentuan BPJS Ketenagakerjaan peserta BPU: 3 bulan berturut-turut tidak membayar iuran = nonaktif', 'Dua bulan menunggak masih terlindungi; bulan ketiga tidak');--> statement-breakpoint
-- Workers already enrolled before this migration get their protection row (their payments so far were
-- recorded month after month, so the paid months form one run from the start).
INSERT INTO "worker_protection" ("worker_id", "village_code", "district_code", "start_month", "paid_until", "run_from", "declared_income", "has_jht")
SELECT w."id", w."village_code", w."district_code", e."start_month", e."paid_until", CASE WHEN e."paid_until" IS NULL THEN NULL ELSE e."start_month" END, e."declared_income", e."has_jht"
FROM (
  SELECT "worker_id", max("start_month") FILTER (WHERE "program" <> 'JHT') AS "start_month",
    CASE WHEN bool_or("paid_until" IS NULL) FILTER (WHERE "program" <> 'JHT') THEN NULL ELSE min("paid_until") FILTER (WHERE "program" <> 'JHT') END AS "paid_until",
    max("declared_income") FILTER (WHERE "program" = 'JKK') AS "declared_income",
    coalesce(bool_or("program" = 'JHT'), false) AS "has_jht"
  FROM (
    SELECT e."worker_id", e."program", e."start_month", e."declared_income",
      greatest((SELECT max(p."to_month") FROM "premium_payments" p WHERE p."enrolment_id" = e."id"), e."bpjs_paid_until") AS "paid_until"
    FROM "enrolments" e
    WHERE e."ended_on" IS NULL
  ) per_program
  GROUP BY "worker_id"
  HAVING count(DISTINCT "program") FILTER (WHERE "program" <> 'JHT') = 2
) e
JOIN "workers" w ON w."id" = e."worker_id" AND w."deleted_at" IS NULL;--> statement-breakpoint
-- Keeps the projection's village and district in step with the worker, whatever writes the worker
-- (the form, a census import), and drops a deleted worker from every worklist.
CREATE FUNCTION "worker_protection_follow_worker"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."deleted_at" IS NOT NULL THEN
    DELETE FROM "worker_protection" WHERE "worker_id" = NEW."id";
  ELSIF NEW."village_code" IS DISTINCT FROM OLD."village_code" OR NEW."district_code" IS DISTINCT FROM OLD."district_code" THEN
    UPDATE "worker_protection" SET "village_code" = NEW."village_code", "district_code" = NEW."district_code" WHERE "worker_id" = NEW."id";
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "worker_protection_follow_worker" AFTER UPDATE OF "village_code", "district_code", "deleted_at" ON "workers"
  FOR EACH ROW EXECUTE FUNCTION "worker_protection_follow_worker"();
