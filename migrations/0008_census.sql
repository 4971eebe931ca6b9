CREATE TABLE "census_entries" (
	"key" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"village_code" text NOT NULL,
	"district_code" text NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"worker_id" uuid,
	"result_version" text,
	"was_uncovered" boolean DEFAULT false NOT NULL,
	"error_code" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "census_round_villages" (
	"round_id" uuid NOT NULL,
	"village_code" text NOT NULL,
	"district_code" text NOT NULL,
	"target" integer,
	CONSTRAINT "census_round_villages_round_id_village_code_pk" PRIMARY KEY("round_id","village_code")
);
--> statement-breakpoint
CREATE TABLE "census_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"target_groups" text[] NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "census_entries" ADD CONSTRAINT "census_entries_round_id_census_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."census_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_entries" ADD CONSTRAINT "census_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_entries" ADD CONSTRAINT "census_entries_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_round_villages" ADD CONSTRAINT "census_round_villages_round_id_census_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."census_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_rounds" ADD CONSTRAINT "census_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "census_entries_round_village_idx" ON "census_entries" USING btree ("round_id","village_code","status");--> statement-breakpoint
CREATE INDEX "census_entries_round_district_idx" ON "census_entries" USING btree ("round_id","district_code");--> statement-breakpoint
CREATE INDEX "census_entries_worker_idx" ON "census_entries" USING btree ("worker_id") WHERE "census_entries"."worker_id" is not null;--> statement-breakpoint
CREATE INDEX "census_round_villages_district_idx" ON "census_round_villages" USING btree ("round_id","district_code");