/**
 * A fingerprint of everything the database holds (row count and a digest of the rows, per table), to show
 * that a refused request stored nothing — not even half a record. The audit trail and sessions are left
 * out: a failed login is audited, and a request may extend its session.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';

const IGNORED = new Set(['audit_log', 'sessions', '__drizzle_migrations']);

export type DbState = Map<string, string>;

export async function tablesOf(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.name).filter((name) => !IGNORED.has(name));
}

/** One query for every table: `name → "count:digest"`. */
export async function dbState(db: Db, tables: readonly string[]): Promise<DbState> {
  const parts = tables.map(
    (name) =>
      `select '${name}' as name, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as state from "${name}" x`,
  );
  const rows = await queryRows<{ name: string; state: string }>(db, sql.raw(parts.join(' union all ')));
  return new Map(rows.map((r) => [r.name, r.state]));
}

/** The tables whose rows differ between two states. */
export function changedTables(before: DbState, after: DbState): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));
}
