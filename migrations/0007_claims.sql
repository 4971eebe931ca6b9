CREATE SEQUENCE "public"."claim_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "benefit_rates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"valid_from" date NOT NULL,
	"regulation" text NOT NULL,
	"amounts" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_documents" (
	"claim_id" uuid NOT NULL,
	"code" text NOT NULL,
	"received_on" date NOT NULL,
	"received_by" uuid,
	"received_by_username" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_documents_claim_id_code_pk" PRIMARY KEY("claim_id","code")
);
--> statement-breakpoint
CREATE TABLE "claim_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"step" text NOT NULL,
	"on_date" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_username" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "claim_handover_claims" (
	"handover_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	CONSTRAINT "claim_handover_claims_handover_id_claim_id_pk" PRIMARY KEY("handover_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "claim_handovers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"note" text,
	"region_code" text NOT NULL,
	"created_by" uuid,
	"created_by_username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_heirs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"nik" varchar(16) NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"phone" text,
	"school_level" text,
	"married" boolean DEFAULT false NOT NULL,
	"working" boolean DEFAULT false NOT NULL,
	"is_payee" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"heir_id" uuid,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"note" text,
	"reverses_payment_id" uuid,
	"created_by" uuid,
	"created_by_username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"program" text NOT NULL,
	"event" text NOT NULL,
	"parent_claim_id" uuid,
	"worker_id" uuid NOT NULL,
	"village_code" text NOT NULL,
	"district_code" text NOT NULL,
	"event_date" date NOT NULL,
	"place" text NOT NULL,
	"description" text NOT NULL,
	"traffic_accident" boolean DEFAULT false NOT NULL,
	"injury_outcome" text,
	"incapacity_days" integer,
	"status" text NOT NULL,
	"eligible" boolean NOT NULL,
	"ineligible_reason" text,
	"protection" jsonb NOT NULL,
	"grace_months" integer NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"contribution_months" integer NOT NULL,
	"contribution_months_bpjs" integer,
	"declared_income" integer NOT NULL,
	"declared_income_bpjs" integer,
	"estimate" jsonb,
	"estimated_amount" bigint NOT NULL,
	"approved_amount" bigint,
	"heir_id" uuid,
	"school_year" integer,
	"school_level" text,
	"reported_on" date NOT NULL,
	"submitted_on" date,
	"decided_on" date,
	"paid_on" date,
	"attention_on" date,
	"ended_enrolment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "deceased_on" date;--> statement-breakpoint
ALTER TABLE "benefit_rates" ADD CONSTRAINT "benefit_rates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_documents" ADD CONSTRAINT "claim_documents_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_documents" ADD CONSTRAINT "claim_documents_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_handover_claims" ADD CONSTRAINT "claim_handover_claims_handover_id_claim_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."claim_handovers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_handover_claims" ADD CONSTRAINT "claim_handover_claims_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_handovers" ADD CONSTRAINT "claim_handovers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_heirs" ADD CONSTRAINT "claim_heirs_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_heir_id_claim_heirs_id_fk" FOREIGN KEY ("heir_id") REFERENCES "public"."claim_heirs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_reverses_payment_id_claim_payments_id_fk" FOREIGN KEY ("reverses_payment_id") REFERENCES "public"."claim_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_parent_claim_id_claims_id_fk" FOREIGN KEY ("parent_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_rates_valid_from_uq" ON "benefit_rates" USING btree ("valid_from");--> statement-breakpoint
CREATE INDEX "claim_events_claim_idx" ON "claim_events" USING btree ("claim_id","at");--> statement-breakpoint
CREATE INDEX "claim_handover_claims_claim_idx" ON "claim_handover_claims" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "claim_handovers_region_idx" ON "claim_handovers" USING btree ("region_code","held_on");--> statement-breakpoint
CREATE INDEX "claim_heirs_claim_idx" ON "claim_heirs" USING btree ("claim_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_heirs_claim_nik_uq" ON "claim_heirs" USING btree ("claim_id","nik");--> statement-breakpoint
CREATE INDEX "claim_payments_claim_idx" ON "claim_payments" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "claim_payments_paid_on_idx" ON "claim_payments" USING btree ("paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_payments_reverses_uq" ON "claim_payments" USING btree ("reverses_payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_number_uq" ON "claims" USING btree ("number");--> statement-breakpoint
CREATE INDEX "claims_village_status_idx" ON "claims" USING btree ("village_code","status");--> statement-breakpoint
CREATE INDEX "claims_worker_idx" ON "claims" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "claims_parent_idx" ON "claims" USING btree ("parent_claim_id");--> statement-breakpoint
CREATE INDEX "claims_attention_idx" ON "claims" USING btree ("attention_on") WHERE "claims"."attention_on" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_death_uq" ON "claims" USING btree ("worker_id") WHERE "claims"."type" in ('jkm_death', 'jkk_death') and "claims"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "claims_scholarship_year_uq" ON "claims" USING btree ("heir_id","school_year") WHERE "claims"."type" = 'scholarship' and "claims"."status" not in ('cancelled', 'rejected');--> statement-breakpoint
-- Benefit amounts in force since PP 82/2019 (2 December 2019), amending PP 44/2015 (shared/domain.md,
-- "Benefits"). A regulation change is a new row (POST /api/benefits/rates), never an edit.
INSERT INTO "benefit_rates" ("id", "valid_from", "regulation", "amounts", "note") VALUES (
  '7c1f3a52-6a0e-4d7e-9a51-0d2b8c9e2019', '2019-12-02', 'PP 44/2015 jo. PP 82/2019',
  '{"jkmLumpSum":20000000,"periodic":12000000,"funeral":10000000,"jkkDeathIncomeMultiple":48,"jkkDisabilityIncomeMultiple":56,"temporaryIncapacity":{"fullMonths":12,"fullPercent":100,"laterPercent":50},"minDeclaredIncome":1000000,"scholarship":{"maxChildren":2,"ageLimit":23,"jkmMinContributionMonths":36,"maxPerChild":87000000,"levels":[{"level":"TK","yearlyAmount":1500000,"years":2,"usualStartAge":4},{"level":"SD","yearlyAmount":1500000,"years":6,"usualStartAge":6},{"level":"SMP","yearlyAmount":2000000,"years":3,"usualStartAge":12},{"level":"SMA","yearlyAmount":3000000,"years":3,"usualStartAge":15},{"level":"PT","yearlyAmount":12000000,"years":5,"usualStartAge":18}]}}'::jsonb,
  'JKM Rp42 juta; JKK kematian 48 × upah + berkala + pemakaman; cacat total tetap 56 × upah; STMB 100% 12 bulan lalu 50%; beasiswa paling banyak 2 anak, Rp87 juta per anak (Permenaker 5/2021)');--> statement-breakpoint
-- A deceased worker (workers.deceased_on, set with a death claim) leaves the register coverage is counted
-- against, but keeps their history: the register count follows "not deleted and not deceased", while
-- spans are still dropped only for deleted workers. Same functions as 0006 with that predicate.
CREATE OR REPLACE FUNCTION "coverage_workers_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "coverage_deltas" ("village_code", "month", "status", "delta")
  SELECT "village_code", '0000-00', 'registered', count(*)::integer FROM "added_workers" WHERE "deleted_at" IS NULL AND "deceased_on" IS NULL
  GROUP BY 1 ORDER BY 1
  ON CONFLICT ("village_code", "month", "status") DO UPDATE SET "delta" = "coverage_deltas"."delta" + excluded."delta";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "coverage_workers_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "coverage_deltas" ("village_code", "month", "status", "delta")
  SELECT "village_code", '0000-00', 'registered', sum("d")::integer FROM (
    SELECT o."village_code", -1 AS "d" FROM "removed_workers" o JOIN "added_workers" n ON n."id" = o."id"
    WHERE o."deleted_at" IS NULL AND o."deceased_on" IS NULL
      AND (n."deleted_at" IS NOT NULL OR n."deceased_on" IS NOT NULL OR n."village_code" <> o."village_code")
    UNION ALL
    SELECT n."village_code", 1 FROM "removed_workers" o JOIN "added_workers" n ON n."id" = o."id"
    WHERE n."deleted_at" IS NULL AND n."deceased_on" IS NULL
      AND (o."deleted_at" IS NOT NULL OR o."deceased_on" IS NOT NULL OR n."village_code" <> o."village_code")
  ) d GROUP BY 1 HAVING sum("d") <> 0 ORDER BY 1
  ON CONFLICT ("village_code", "month", "status") DO UPDATE SET "delta" = "coverage_deltas"."delta" + excluded."delta";
  DELETE FROM "coverage_spans" s USING "added_workers" n WHERE s."worker_id" = n."id" AND n."deleted_at" IS NOT NULL;
  UPDATE "coverage_spans" s SET "village_code" = n."village_code" FROM "added_workers" n
  WHERE s."worker_id" = n."id" AND n."deleted_at" IS NULL AND s."village_code" <> n."village_code";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "coverage_workers_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "coverage_deltas" ("village_code", "month", "status", "delta")
  SELECT "village_code", '0000-00', 'registered', -count(*)::integer FROM "removed_workers" WHERE "deleted_at" IS NULL AND "deceased_on" IS NULL
  GROUP BY 1 ORDER BY 1
  ON CONFLICT ("village_code", "month", "status") DO UPDATE SET "delta" = "coverage_deltas"."delta" + excluded."delta";
  RETURN NULL;
END;
$$;
