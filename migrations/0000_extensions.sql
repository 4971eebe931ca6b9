-- Trigram search on worker names (ILIKE '%siti%' through an index). pg_trgm is a trusted extension,
-- so the owner of a PostgreSQL database can create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
