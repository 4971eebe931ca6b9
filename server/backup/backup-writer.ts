/**
 * Writes a backup from one snapshot: every table of the public schema, referenced tables first, each
 * streamed through a cursor in batches (a table of a million workers never sits in memory), gzip-compressed
 * into a file that appears under its name only once it is complete.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { JARING_VERSION } from './backup-engines.ts';
import {
  findMigrations,
  findSequences,
  findTables,
  ident,
  orderByDependencies,
  publicName,
  TEXT_FORMAT_SETTINGS,
  type SqlSession,
  type TableInfo,
} from './backup-catalog.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  doneLine,
  headerLine,
  tableEndLine,
  tableStartLine,
  type BackupHeader,
} from './backup-format.ts';

const FETCH_ROWS = 2000;

export interface BackupProgress {
  table: string;
  rowsDone: number;
  tableRows: number;
}

export interface WrittenBackup {
  header: BackupHeader;
  rows: number;
  /** Compressed size on disk. */
  size: number;
}

/**
 * Writes the backup of the database seen by `session` (already inside a snapshot transaction) to `file`:
 * first to `file.partial`, renamed when complete, readable by the owner only (it holds password hashes
 * and NIKs).
 */
export async function writeBackup(
  session: SqlSession,
  engine: BackupHeader['engine'],
  file: string,
  onProgress: (progress: BackupProgress) => void = () => {},
): Promise<WrittenBackup> {
  const partial = `${file}.partial`;
  let header: BackupHeader | undefined;
  let rows = 0;
  try {
    const lines = backupLines(session, engine, onProgress, (h) => (header = h), (n) => (rows = n));
    await pipeline(Readable.from(lines), zlib.createGzip(), fs.createWriteStream(partial, { mode: 0o600 }));
    fs.renameSync(partial, file);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { header: header!, rows, size: fs.statSync(file).size };
}

async function* backupLines(
  session: SqlSession,
  engine: BackupHeader['engine'],
  onProgress: (progress: BackupProgress) => void,
  onHeader: (header: BackupHeader) => void,
  onTotal: (rows: number) => void,
): AsyncGenerator<string> {
  for (const setting of TEXT_FORMAT_SETTINGS) await session.query(setting);
  const tables = orderByDependencies(await findTables(session));
  const counts = new Map<string, number>();
  for (const table of tables) {
    const { rows } = await session.query(`select count(*)::text from ${publicName(table.name)}`);
    counts.set(table.name, Number(rows[0]![0]));
  }
  // Sequences are read after the snapshot began, so each is at least as far as any row in the backup used.
  const sequences = await findSequences(session);
  const { rows: version } = await session.query('select version()');
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    jaringVersion: JARING_VERSION,
    engine,
    serverVersion: String(version[0]![0]),
    createdAt: new Date().toISOString(),
    migrations: await findMigrations(session),
    tables: tables.map((t) => ({
      name: t.name,
      columns: t.columns.map(({ name, type }) => ({ name, type })),
      primaryKey: t.primaryKey,
      rows: counts.get(t.name)!,
    })),
    sequences,
  };
  onHeader(header);

  const fileHash = createHash('sha256');
  const emit = (text: string) => {
    fileHash.update(text);
    return text;
  };
  yield emit(headerLine(header));
  let total = 0;
  for (const table of tables) {
    const tableRows = counts.get(table.name)!;
    yield emit(tableStartLine(table.name));
    const tableHash = createHash('sha256');
    let done = 0;
    await session.query(`declare jaring_backup no scroll cursor for ${selectRows(table)}`);
    for (;;) {
      const { rows } = await session.query(`fetch ${FETCH_ROWS} from jaring_backup`);
      if (rows.length === 0) break;
      const text = `${rows.map((r) => r[0] as string).join('\n')}\n`;
      tableHash.update(text);
      done += rows.length;
      onProgress({ table: table.name, rowsDone: done, tableRows });
      yield emit(text);
    }
    await session.query('close jaring_backup');
    // The snapshot guarantees this; a difference would mean the file cannot be trusted.
    if (done !== tableRows) throw new Error(`table ${table.name}: counted ${tableRows} rows but read ${done}`);
    if (tableRows === 0) onProgress({ table: table.name, rowsDone: 0, tableRows });
    yield emit(tableEndLine(table.name, done, tableHash.digest('hex')));
    total += done;
  }
  onTotal(total);
  yield doneLine(tables.length, total, fileHash.digest('hex'));
}

/** Each row as a JSON array of its columns' text forms (null stays null), in primary-key order. */
function selectRows(table: TableInfo): string {
  const values = table.columns.map((c) => `${ident(c.name)}::text`).join(', ');
  const order = table.primaryKey.length > 0 ? ` order by ${table.primaryKey.map(ident).join(', ')}` : '';
  return `select to_json(array[${values}]::text[])::text from ${publicName(table.name)}${order}`;
}
