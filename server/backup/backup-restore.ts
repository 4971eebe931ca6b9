/**
 * Restores a backup into an empty database, on either engine, whichever engine wrote it:
 *  1. the whole file is read and checked (counts, checksums, closing line) before the target is touched;
 *  2. the target must be empty and must not have a newer schema than the backup;
 *  3. the target is migrated to the backup's schema, then every row is loaded in ONE transaction with the
 *     migrations' triggers switched off (the rows of derived tables, such as coverage_deltas, are restored
 *     as they were, not derived twice), foreign keys and secondary indexes set aside and put back (and so
 *     checked) at the end, and sequences set to their saved values. A failure anywhere rolls it all back;
 *  4. migrations newer than the backup are applied, as on any upgrade.
 * Switching triggers off with ALTER TABLE needs only table ownership, so this works for a PostgreSQL role
 * that owns its database without being a superuser (session_replication_role would need one).
 */
import { CHANGES_CHANNEL, EVERYTHING_CHANGED } from '../db/read-cache.ts';
import { MIGRATIONS_DIR } from '../paths.ts';
import {
  findForeignKeys,
  findMigrations,
  findSecondaryIndexes,
  findTables,
  findUserTriggers,
  ident,
  publicName,
  TEXT_FORMAT_SETTINGS,
  type MigrationRow,
  type SqlSession,
  type TableInfo,
} from './backup-catalog.ts';
import { codeMigrations, migrateUpTo, type Connection } from './backup-engines.ts';
import { BackupError, readBackup, type BackupHeader, type BackupTable, type ReadSummary } from './backup-format.ts';

/**
 * Tables the migrations fill themselves with the regulations in force (premium rates, the grace rule,
 * benefit amounts), so every new database has rows there. They do not make a database "not empty"; the
 * backup's rows replace them. A migration that seeds another table must add it here (the restore test
 * into a freshly migrated database fails until it does).
 */
export const MIGRATION_FILLED_TABLES: ReadonlySet<string> = new Set(['premium_rates', 'grace_rules', 'benefit_rates']);

export interface RestoreProgress {
  table: string;
  rowsDone: number;
  tableRows: number;
  isFinished: boolean;
}

export interface RestoreResult {
  checked: ReadSummary;
  /** Migrations newer than the backup, applied after loading. */
  laterMigrations: number;
}

/** Restores `file` into the (empty) database `connect` opens; throws BackupError with the reason when it cannot. */
export async function restoreBackup(
  file: string,
  connect: () => Promise<Connection>,
  onProgress: (progress: RestoreProgress) => void = () => {},
  onChecked: (checked: ReadSummary) => void = () => {},
): Promise<RestoreResult> {
  const checked = await readBackup(file);
  const { header } = checked;
  const code = await codeMigrations();
  checkSchemaIsKnown(header, code);
  onChecked(checked);

  const connection = await connect();
  try {
    const applied = await connection.transaction('snapshot', findMigrations);
    checkTargetSchema(applied, header.migrations);
    const occupied = await connection.transaction('snapshot', findOccupiedTables);
    if (occupied.length > 0) throw notEmpty(occupied, connection.engine);

    await migrateUpTo(connection, header.migrations.length);
    await connection.transaction('write', (session) => loadRows(session, file, header, connection.engine, onProgress));
    const laterMigrations = code.length - header.migrations.length;
    if (laterMigrations > 0) await connection.migrate(MIGRATIONS_DIR);
    // Fresh planner statistics: PGlite has no autovacuum to gather them, and PostgreSQL's comes later.
    await connection.run('analyze');
    return { checked, laterMigrations };
  } finally {
    await connection.close();
  }
}

/** The backup's schema must be this code's migrations or an earlier run of them, never a newer or different one. */
function checkSchemaIsKnown(header: BackupHeader, code: { tag: string; hash: string; createdAt: number }[]): void {
  if (header.migrations.length > code.length) {
    throw new BackupError(
      `This backup was made by a newer Jaring (${header.jaringVersion}, ${header.migrations.length} migrations; this one has ${code.length}). ` +
        'Install that version (or a later one), then restore.',
    );
  }
  header.migrations.forEach((m, i) => {
    if (m.hash !== code[i]!.hash || m.createdAt !== code[i]!.createdAt) {
      throw new BackupError(`This backup's schema differs from this Jaring's migration ${code[i]!.tag}: it was made by a different build of Jaring and cannot be restored here.`);
    }
  });
}

function checkTargetSchema(applied: MigrationRow[], backup: BackupHeader['migrations']): void {
  if (applied.length > backup.length) {
    throw new BackupError(
      `The target database already has a newer schema (${applied.length} migrations) than the backup (${backup.length}). ` +
        'Restore into a new, empty database; the server brings the schema up to date after the restore.',
    );
  }
  applied.forEach((m, i) => {
    if (m.hash !== backup[i]!.hash) throw new BackupError('The target database was created by a different build of Jaring. Restore into a new, empty database.');
  });
}

/** Tables holding rows, apart from those the migrations fill themselves. */
async function findOccupiedTables(session: SqlSession): Promise<string[]> {
  const occupied: string[] = [];
  for (const table of await findTables(session)) {
    if (MIGRATION_FILLED_TABLES.has(table.name)) continue;
    const { rows } = await session.query(`select exists (select 1 from ${publicName(table.name)})`);
    if (rows[0]![0] === true) occupied.push(table.name);
  }
  return occupied;
}

function notEmpty(tables: string[], engine: Connection['engine']): BackupError {
  const listed = tables.length > 6 ? `${tables.slice(0, 6).join(', ')} and ${tables.length - 6} more` : tables.join(', ');
  const how =
    engine === 'pglite'
      ? 'Set DATA_DIR to a new folder (or move the current one away), then restore again.'
      : 'Create a new database (createdb), point DATABASE_URL at it, then restore again.';
  return new BackupError(`The target database is not empty (rows in ${listed}). Restore only writes into an empty database, so nothing is ever overwritten. ${how}`);
}

async function loadRows(
  session: SqlSession,
  file: string,
  header: BackupHeader,
  engine: Connection['engine'],
  onProgress: (progress: RestoreProgress) => void,
): Promise<void> {
  for (const setting of TEXT_FORMAT_SETTINGS) await session.query(setting);
  const tables = new Map((await findTables(session)).map((t) => [t.name, t]));
  checkSameTables(header, tables);

  const triggers = await findUserTriggers(session);
  for (const t of triggers) await session.query(`alter table ${publicName(t.table)} disable trigger ${ident(t.name)}`);
  const foreignKeys = await findForeignKeys(session);
  for (const fk of foreignKeys) await session.query(`alter table ${publicName(fk.table)} drop constraint ${ident(fk.name)}`);
  const indexes = await findSecondaryIndexes(session);
  for (const index of indexes) await session.query(`drop index ${publicName(index.name)}`);
  // Checked again now that the tables are locked by this transaction: nothing slipped in since.
  const occupied = await findOccupiedTables(session);
  if (occupied.length > 0) throw notEmpty(occupied, engine);
  for (const name of tables.keys()) await session.query(`delete from ${publicName(name)}`);

  let insert = '';
  let done = 0;
  await readBackup(file, {
    onTableStart(table) {
      insert = insertStatement(table, tables.get(table.name)!);
      done = 0;
      onProgress({ table: table.name, rowsDone: 0, tableRows: table.rows, isFinished: false });
    },
    async onRows(table, lines) {
      try {
        const { affected } = await session.query(insert, [`[${lines.join(',')}]`]);
        done += affected;
      } catch (err) {
        throw new BackupError(`Restoring table ${table.name} failed: ${(err as Error).message}. Nothing was restored.`);
      }
      onProgress({ table: table.name, rowsDone: done, tableRows: table.rows, isFinished: false });
    },
    async onTableEnd(table) {
      const { rows } = await session.query(`select count(*)::text from ${publicName(table.name)}`);
      if (Number(rows[0]![0]) !== table.rows) throw new BackupError(`Table ${table.name} holds ${String(rows[0]![0])} rows after loading instead of ${table.rows}. Nothing was restored.`);
      onProgress({ table: table.name, rowsDone: table.rows, tableRows: table.rows, isFinished: true });
    },
  });

  for (const s of header.sequences) {
    await session.query(`select setval($1::regclass, $2::bigint, $3::boolean)`, [publicName(s.name), s.lastValue, s.isCalled]);
  }
  for (const index of indexes) {
    try {
      await session.query(index.definition);
    } catch (err) {
      throw new BackupError(`The restored rows break the rule of index ${index.name}: ${(err as Error).message}. Nothing was restored.`);
    }
  }
  for (const fk of foreignKeys) {
    try {
      await session.query(`alter table ${publicName(fk.table)} add constraint ${ident(fk.name)} ${fk.definition}`);
    } catch (err) {
      throw new BackupError(`The restored rows of ${fk.table} break the rule ${fk.name}: ${(err as Error).message}. Nothing was restored.`);
    }
  }
  const enable = { O: 'enable trigger', A: 'enable always trigger', R: 'enable replica trigger' } as const;
  for (const t of triggers) await session.query(`alter table ${publicName(t.table)} ${enable[t.enabled]} ${ident(t.name)}`);
  // The rows came in with the change-notice triggers off: app processes already running forget every
  // cached figure when this commits (a no-op before migration 0009 too: nobody listens yet).
  await session.query(`select pg_notify('${CHANGES_CHANNEL}', '${EVERYTHING_CHANGED}')`);
}

/** After migrating to the backup's level the target has exactly the backup's tables and columns. */
function checkSameTables(header: BackupHeader, tables: Map<string, TableInfo>): void {
  const problems: string[] = [];
  const inBackup = new Set(header.tables.map((t) => t.name));
  for (const name of tables.keys()) if (!inBackup.has(name)) problems.push(`table ${name} is not in the backup`);
  for (const table of header.tables) {
    const target = tables.get(table.name);
    if (!target) {
      problems.push(`table ${table.name} does not exist here`);
      continue;
    }
    const types = new Map(target.columns.map((c) => [c.name, c.type]));
    const differs = table.columns.length !== target.columns.length || table.columns.some((c) => types.get(c.name) !== c.type);
    if (differs) problems.push(`the columns of ${table.name} differ`);
  }
  if (problems.length > 0) throw new BackupError(`The backup does not fit this database's schema: ${problems.join('; ')}.`);
}

/**
 * `insert … select` from one JSON parameter holding a batch of rows: each column's text cast back to its
 * type, by name. OVERRIDING SYSTEM VALUE keeps the saved ids of identity columns (audit_log.id).
 */
function insertStatement(table: BackupTable, target: TableInfo): string {
  const castTypes = new Map(target.columns.map((c) => [c.name, c.castType]));
  const columns = table.columns.map((c) => ident(c.name)).join(', ');
  const values = table.columns.map((c, i) => `(r->>${i})::${castTypes.get(c.name)!}`).join(', ');
  return `insert into ${publicName(table.name)} (${columns}) overriding system value select ${values} from jsonb_array_elements($1::jsonb) as r`;
}
