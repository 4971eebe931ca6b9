-- Change notices for the read cache (server/db/read-cache.ts): every statement that changes a table sends
-- NOTIFY jaring_changes with the table's name, delivered to every app process only when its transaction
-- commits (and once per transaction and table). A process drops what it computed from that table.
-- Left out: audit_log and sessions, written by reads and logins, which no cached figure reads.
-- New workers say 'workers+' and other changes to workers 'workers': a registration changes the register
-- counts, not what was computed from protection, payments or a worker's attributes.
-- coverage_deltas speaks only when a protection status moves ('registered' rows follow workers).
CREATE FUNCTION "jaring_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jaring_changes', TG_ARGV[0]);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "jaring_notify_coverage_deltas"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "changed_deltas" WHERE "status" <> 'registered') THEN
    PERFORM pg_notify('jaring_changes', 'coverage_deltas');
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['app_settings', 'award_rounds', 'benefit_rates', 'bpjs_participants', 'census_entries',
    'census_round_villages', 'census_rounds', 'civil_occupation_map', 'claim_documents', 'claim_events',
    'claim_handover_claims', 'claim_handovers', 'claim_heirs', 'claim_payments', 'claims', 'coverage_denominators',
    'coverage_spans', 'coverage_targets', 'enrolments', 'funding_budgets', 'funding_commitments', 'funding_sources',
    'grace_rules', 'import_jobs', 'import_rejections', 'link_reviews', 'payments', 'premium_payments', 'premium_rates',
    'regions', 'users', 'worker_protection']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "jaring_notify_change"(%L)',
      t || '_notify', t, t);
  END LOOP;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "workers_notify_added" AFTER INSERT ON "workers" FOR EACH STATEMENT EXECUTE FUNCTION "jaring_notify_change"('workers+');--> statement-breakpoint
CREATE TRIGGER "workers_notify_changed" AFTER UPDATE OR DELETE OR TRUNCATE ON "workers" FOR EACH STATEMENT EXECUTE FUNCTION "jaring_notify_change"('workers');--> statement-breakpoint
CREATE TRIGGER "coverage_deltas_notify_insert" AFTER INSERT ON "coverage_deltas" REFERENCING NEW TABLE AS "changed_deltas"
  FOR EACH STATEMENT EXECUTE FUNCTION "jaring_notify_coverage_deltas"();--> statement-breakpoint
CREATE TRIGGER "coverage_deltas_notify_update" AFTER UPDATE ON "coverage_deltas" REFERENCING NEW TABLE AS "changed_deltas"
  FOR EACH STATEMENT EXECUTE FUNCTION "jaring_notify_coverage_deltas"();--> statement-breakpoint
CREATE TRIGGER "coverage_deltas_notify_delete" AFTER DELETE ON "coverage_deltas" REFERENCING OLD TABLE AS "changed_deltas"
  FOR EACH STATEMENT EXECUTE FUNCTION "jaring_notify_coverage_deltas"();--> statement-breakpoint
CREATE TRIGGER "coverage_deltas_notify_truncate" AFTER TRUNCATE ON "coverage_deltas" FOR EACH STATEMENT EXECUTE FUNCTION "jaring_notify_change"('coverage_deltas');--> statement-breakpoint
-- The register counts, read fresh on every coverage request: one index entry per village.
CREATE INDEX "coverage_deltas_registered_idx" ON "coverage_deltas" ("village_code" text_pattern_ops) WHERE "status" = 'registered';
