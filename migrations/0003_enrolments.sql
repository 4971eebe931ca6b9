CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"program" text NOT NULL,
	"kpj" text,
	"start_month" text NOT NULL,
	"declared_income" integer NOT NULL,
	"funding_source" text NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "premium_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"amount" integer NOT NULL,
	"funding_source" text NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premium_payments" ADD CONSTRAINT "premium_payments_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_worker_program_open_uq" ON "enrolments" USING btree ("worker_id","program") WHERE "enrolments"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "enrolments_worker_idx" ON "enrolments" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "premium_payments_enrolment_idx" ON "premium_payments" USING btree ("enrolment_id","to_month");