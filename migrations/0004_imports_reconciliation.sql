CREATE TABLE "civil_occupation_map" (
	"key" text PRIMARY KEY NOT NULL,
	"civil_id" integer,
	"label" text NOT NULL,
	"occupation" text,
	"reason" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"layout" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"file_name" text NOT NULL,
	"file_path" text NOT NULL,
	"file_format" text NOT NULL,
	"file_size" bigint NOT NULL,
	"village_code" text,
	"actor" jsonb NOT NULL,
	"header" jsonb,
	"delimiter" text,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"skipped" jsonb DEFAULT '{"occupation":0,"age":0,"status":0}'::jsonb NOT NULL,
	"linkage" jsonb,
	"failure_message" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_rejections" (
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"errors" jsonb NOT NULL,
	"cells" jsonb NOT NULL,
	CONSTRAINT "import_rejections_import_id_row_pk" PRIMARY KEY("import_id","row")
);
--> statement-breakpoint
CREATE TABLE "bpjs_participants" (
	"kpj" text PRIMARY KEY NOT NULL,
	"nik" text,
	"name" text NOT NULL,
	"birth_date" date,
	"village_code" text,
	"programs" jsonb NOT NULL,
	"status" text NOT NULL,
	"membership_date" date,
	"paid_until" text,
	"import_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"worker_id" uuid,
	"link_method" text,
	"link_score" real,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kpj" text NOT NULL,
	"worker_id" uuid NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"import_id" uuid,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "family_card_number" varchar(16);--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "bpjs_status" text;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "bpjs_paid_until" text;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "bpjs_reported_on" date;--> statement-breakpoint
ALTER TABLE "import_rejections" ADD CONSTRAINT "import_rejections_import_id_import_jobs_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bpjs_participants" ADD CONSTRAINT "bpjs_participants_import_id_import_jobs_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."import_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bpjs_participants" ADD CONSTRAINT "bpjs_participants_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_reviews" ADD CONSTRAINT "link_reviews_kpj_bpjs_participants_kpj_fk" FOREIGN KEY ("kpj") REFERENCES "public"."bpjs_participants"("kpj") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_reviews" ADD CONSTRAINT "link_reviews_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_reviews" ADD CONSTRAINT "link_reviews_import_id_import_jobs_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."import_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_created_idx" ON "import_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "import_jobs_open_idx" ON "import_jobs" USING btree ("status") WHERE "import_jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "bpjs_participants_import_idx" ON "bpjs_participants" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "bpjs_participants_worker_idx" ON "bpjs_participants" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "bpjs_participants_unlinked_idx" ON "bpjs_participants" USING btree ("name") WHERE "bpjs_participants"."worker_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "link_reviews_pair_uq" ON "link_reviews" USING btree ("kpj","worker_id");--> statement-breakpoint
CREATE INDEX "link_reviews_status_idx" ON "link_reviews" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "workers_birth_date_idx" ON "workers" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "workers_village_birth_date_idx" ON "workers" USING btree ("village_code","birth_date");