/**
 * What a backup needs to know about a database, read from the PostgreSQL catalog so that a new table or
 * column is backed up without anyone remembering to list it: the tables of the public schema with their
 * columns, primary keys and foreign keys, the sequences, the user triggers and the applied migrations.
 * Works the same on PGlite and PostgreSQL through a minimal SqlSession.
 */

/** One connection inside one transaction; rows come back as arrays in column order. */
export interface SqlSession {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[][]; affected: number }>;
}

export interface ColumnInfo {
  name: string;
  /** The declared type, with its modifier: `character varying(16)`, `numeric(5,2)`, `text[]`. */
  type: string;
  /** The type without modifier, to cast text to: `character varying`, `numeric`, `text[]`. */
  castType: string;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Other public tables this one has foreign keys to. */
  references: string[];
}

export interface SequenceState {
  name: string;
  /** A bigint, kept as text. */
  lastValue: string;
  isCalled: boolean;
}

export interface MigrationRow {
  id: number;
  hash: string;
  /** Drizzle's `created_at`: the migration's journal timestamp (ms), not when it ran. */
  createdAt: number;
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

export interface UserTrigger {
  table: string;
  name: string;
  /** pg_trigger.tgenabled: O (on), A (always), R (replica only). */
  enabled: 'O' | 'A' | 'R';
}

/** A quoted identifier: `"claim_number_seq"`. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `public."name"`: backups only ever read and write the public schema. */
export function publicName(name: string): string {
  return `public.${ident(name)}`;
}

/**
 * Every ordinary table of the public schema. Generated columns are left out: the database computes them
 * again on restore.
 */
export async function findTables(session: SqlSession): Promise<TableInfo[]> {
  const { rows } = await session.query(`
    select c.relname::text,
      coalesce((select json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod), format_type(a.atttypid, null)) order by a.attnum)
        from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''), '[]')::text,
      coalesce((select json_agg(a.attname order by k.ord)
        from pg_index i cross join unnest(i.indkey) with ordinality k(attnum, ord)
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where i.indrelid = c.oid and i.indisprimary), '[]')::text,
      coalesce((select json_agg(distinct r.relname)
        from pg_constraint f join pg_class r on r.oid = f.confrelid join pg_namespace rn on rn.oid = r.relnamespace
        where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid and rn.nspname = 'public'), '[]')::text
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`);
  return rows.map(([name, columns, primaryKey, references]) => ({
    name: String(name),
    columns: (JSON.parse(String(columns)) as [string, string, string][]).map(([n, type, castType]) => ({ name: n, type, castType })),
    primaryKey: JSON.parse(String(primaryKey)) as string[],
    references: JSON.parse(String(references)) as string[],
  }));
}

/**
 * Tables in an order in which every referenced table comes before the tables that reference it (names
 * alphabetically among equals). A cycle, should one ever appear, is broken alphabetically: restore does
 * not depend on the order, it sets foreign keys aside while loading.
 */
export function orderByDependencies(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const ordered: TableInfo[] = [];
  const remaining = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (remaining.length > 0) {
    const index = remaining.findIndex((t) => t.references.every((r) => placed.has(r) || !byName.has(r)));
    const [next] = remaining.splice(index === -1 ? 0 : index, 1);
    placed.add(next!.name);
    ordered.push(next!);
  }
  return ordered;
}

export async function findSequences(session: SqlSession): Promise<SequenceState[]> {
  const { rows } = await session.query(`
    select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'S' order by c.relname`);
  const states: SequenceState[] = [];
  for (const [name] of rows) {
    const { rows: state } = await session.query(`select last_value::text, is_called from ${publicName(String(name))}`);
    states.push({ name: String(name), lastValue: String(state[0]![0]), isCalled: state[0]![1] === true });
  }
  return states;
}

/** The rows of Drizzle's migration table, oldest first; none when the database was never migrated. */
export async function findMigrations(session: SqlSession): Promise<MigrationRow[]> {
  const { rows: exists } = await session.query(`select to_regclass('drizzle.__drizzle_migrations') is not null`);
  if (exists[0]![0] !== true) return [];
  const { rows } = await session.query('select id, hash, created_at::text from drizzle.__drizzle_migrations order by id');
  return rows.map(([id, hash, createdAt]) => ({ id: Number(id), hash: String(hash), createdAt: Number(createdAt) }));
}

export async function findForeignKeys(session: SqlSession): Promise<ForeignKey[]> {
  const { rows } = await session.query(`
    select c.relname::text, f.conname::text, pg_get_constraintdef(f.oid)
    from pg_constraint f join pg_class c on c.oid = f.conrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and f.contype = 'f' order by 1, 2`);
  return rows.map(([table, name, definition]) => ({ table: String(table), name: String(name), definition: String(definition) }));
}

export interface SecondaryIndex {
  name: string;
  definition: string;
}

/**
 * Indexes not behind a primary key or unique constraint (including unique indexes such as one active NIK
 * per worker): a restore builds them once after loading, far faster than row by row (the trigram index
 * on names most of all), and a unique one checks its rule as it is built.
 */
export async function findSecondaryIndexes(session: SqlSession): Promise<SecondaryIndex[]> {
  const { rows } = await session.query(`
    select ic.relname::text, pg_get_indexdef(i.indexrelid)
    from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by 1`);
  return rows.map(([name, definition]) => ({ name: String(name), definition: String(definition) }));
}

/** Triggers written by the migrations (not the internal ones behind foreign keys) that are switched on. */
export async function findUserTriggers(session: SqlSession): Promise<UserTrigger[]> {
  const { rows } = await session.query(`
    select c.relname::text, t.tgname::text, t.tgenabled::text
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and not t.tgisinternal and t.tgenabled <> 'D' order by 1, 2`);
  return rows.map(([table, name, enabled]) => ({ table: String(table), name: String(name), enabled: String(enabled) as UserTrigger['enabled'] }));
}

/** Session settings under which every type's text form is unambiguous and reads back exactly. */
export const TEXT_FORMAT_SETTINGS = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 1',
  "set local bytea_output = 'hex'",
];
