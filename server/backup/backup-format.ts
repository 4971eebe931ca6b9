/**
 * The Jaring backup file: gzip-compressed JSON lines, the same for PGlite and PostgreSQL so a backup of
 * one engine restores into the other.
 *
 *   {"format":"jaring-backup","version":1,…,"tables":[{name, columns, primaryKey, rows}],"sequences":[…]}   header
 *   {"table":"regions"}                                                                                   a table begins
 *   ["52","Nusa Tenggara Barat","province",null]                                                           one row per line:
 *   …                                                                                                      each column's
 *   {"end":"regions","rows":8083,"sha256":"…"}                                                             PostgreSQL text form
 *   … every table, referenced tables first …
 *   {"done":true,"tables":37,"rows":54321,"sha256":"…"}                                                    sha256 of all lines above
 *
 * Row counts are in the header (counted in the same snapshot) and again after each table; the checksums
 * come after the data they cover, so the file is written in one pass. A file without its last line was cut
 * short and is refused.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { z } from 'zod';

export const BACKUP_FORMAT = 'jaring-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** A problem the operator can act on (bad file, non-empty target, locked folder): no stack trace needed. */
export class BackupError extends Error {}

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  jaringVersion: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  serverVersion: z.string(),
  createdAt: z.string(),
  migrations: z.array(z.object({ id: z.number().int(), hash: z.string(), createdAt: z.number() })),
  tables: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string() })),
      primaryKey: z.array(z.string()),
      rows: z.number().int().min(0),
    }),
  ),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
});

export type BackupHeader = z.infer<typeof headerSchema>;
export type BackupTable = BackupHeader['tables'][number];

const tableStartSchema = z.object({ table: z.string() });
const tableEndSchema = z.object({ end: z.string(), rows: z.number().int(), sha256: z.string() });
const doneSchema = z.object({ done: z.literal(true), tables: z.number().int(), rows: z.number().int(), sha256: z.string() });

export function headerLine(header: BackupHeader): string {
  return `${JSON.stringify(header)}\n`;
}
export function tableStartLine(table: string): string {
  return `${JSON.stringify({ table })}\n`;
}
export function tableEndLine(table: string, rows: number, sha256: string): string {
  return `${JSON.stringify({ end: table, rows, sha256 })}\n`;
}
export function doneLine(tables: number, rows: number, sha256: string): string {
  return `${JSON.stringify({ done: true, tables, rows, sha256 })}\n`;
}

/** `jaring-backup-20260510T020000Z.jsonl.gz`: sorts by time, no characters a shell or crontab trips over. */
export function backupFileName(at: Date): string {
  return `jaring-backup-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.jsonl.gz`;
}

export interface ReadHandlers {
  onHeader?(header: BackupHeader): Promise<void> | void;
  onTableStart?(table: BackupTable): Promise<void> | void;
  /** A batch of row lines (each a JSON array of column texts), in file order. */
  onRows?(table: BackupTable, lines: string[]): Promise<void> | void;
  onTableEnd?(table: BackupTable): Promise<void> | void;
}

export interface ReadSummary {
  header: BackupHeader;
  rows: number;
  /** Uncompressed size. */
  bytes: number;
}

const BATCH_ROWS = 2000;
const BATCH_BYTES = 1 << 20;

/**
 * Reads a backup file from start to end, checking everything the file says about itself — header, table
 * order, row counts, checksums, the closing line — and hands rows to `handlers` in batches. Throws a
 * BackupError naming the first problem; a handler's error is passed on as it is.
 */
export async function readBackup(file: string, handlers: ReadHandlers = {}): Promise<ReadSummary> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError(`File not found: ${file}`);
  if (!isGzip(file)) throw new BackupError(`${file} is not a Jaring backup (a backup is a gzip file).`);
  const reader = new BackupReader(file, handlers);
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      const lines = text.split('\n');
      rest = lines.pop()!;
      for (const line of lines) await reader.line(line);
    }
  } catch (err) {
    if (err instanceof BackupError || !isZlibError(err)) throw err;
    throw new BackupError(`${file} is damaged or was cut short (${(err as Error).message}); it cannot be restored.`);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  rest += decoder.end();
  if (rest !== '') await reader.line(rest);
  return reader.finish();
}

function isGzip(file: string): boolean {
  const magic = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

function isZlibError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return code.startsWith('Z_') || code === 'ERR_ZLIB_INITIALIZATION_FAILED';
}

class BackupReader {
  private header: BackupHeader | undefined;
  private tableIndex = -1;
  private table: BackupTable | undefined;
  private tableRows = 0;
  private tableHash: Hash | undefined;
  private batch: string[] = [];
  private batchBytes = 0;
  private totalRows = 0;
  private bytes = 0;
  private done = false;
  private readonly fileHash = createHash('sha256');

  constructor(
    private readonly file: string,
    private readonly handlers: ReadHandlers,
  ) {}

  async line(line: string): Promise<void> {
    this.bytes += Buffer.byteLength(line) + 1;
    if (this.done) {
      if (line.trim() === '') return;
      throw this.damaged('there is data after the closing line');
    }
    if (!this.header) {
      this.header = this.parseHeader(line);
      this.fileHash.update(`${line}\n`);
      await this.handlers.onHeader?.(this.header);
      return;
    }
    if (line.startsWith('[') && this.table) {
      this.fileHash.update(`${line}\n`);
      this.tableHash!.update(`${line}\n`);
      this.tableRows += 1;
      this.batch.push(line);
      this.batchBytes += line.length;
      if (this.batch.length >= BATCH_ROWS || this.batchBytes >= BATCH_BYTES) await this.flush();
      return;
    }
    const control = this.parseControl(line);
    if ('table' in control) {
      if (this.table) throw this.damaged(`table ${this.table.name} has no closing line`);
      const expected = this.header.tables[this.tableIndex + 1];
      if (!expected || expected.name !== control.table) throw this.damaged(`unexpected table "${control.table}"`);
      this.fileHash.update(`${line}\n`);
      this.tableIndex += 1;
      this.table = expected;
      this.tableRows = 0;
      this.tableHash = createHash('sha256');
      await this.handlers.onTableStart?.(expected);
    } else if ('end' in control) {
      const table = this.table;
      if (!table || table.name !== control.end) throw this.damaged(`unexpected end of table "${control.end}"`);
      await this.flush();
      if (control.rows !== this.tableRows || table.rows !== this.tableRows) {
        throw this.damaged(`table ${table.name} should have ${table.rows} rows but has ${this.tableRows}`);
      }
      if (this.tableHash!.digest('hex') !== control.sha256) throw this.damaged(`the rows of table ${table.name} do not match their checksum`);
      this.fileHash.update(`${line}\n`);
      this.totalRows += this.tableRows;
      this.table = undefined;
      await this.handlers.onTableEnd?.(table);
    } else {
      if (this.table) throw this.damaged(`table ${this.table.name} has no closing line`);
      if (this.tableIndex !== this.header.tables.length - 1) throw this.damaged('some tables are missing');
      if (control.rows !== this.totalRows || control.tables !== this.header.tables.length) throw this.damaged('the totals do not add up');
      if (this.fileHash.digest('hex') !== control.sha256) throw this.damaged('the file does not match its checksum');
      this.done = true;
    }
  }

  finish(): ReadSummary {
    if (!this.header) throw new BackupError(`${this.file} is empty: it is not a Jaring backup.`);
    if (!this.done) {
      const where = this.table ? ` (it ends inside table ${this.table.name})` : '';
      throw new BackupError(`${this.file} is incomplete${where}: the backup was cut short and cannot be restored.`);
    }
    return { header: this.header, rows: this.totalRows, bytes: this.bytes };
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const lines = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    await this.handlers.onRows?.(this.table!, lines);
  }

  private parseHeader(line: string): BackupHeader {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BackupError(`${this.file} is not a Jaring backup (its first line is not a backup header).`);
    }
    const format = (value as { format?: unknown; version?: unknown } | null) ?? {};
    if (format.format !== BACKUP_FORMAT) throw new BackupError(`${this.file} is not a Jaring backup (its first line is not a backup header).`);
    if (typeof format.version === 'number' && format.version > BACKUP_FORMAT_VERSION) {
      throw new BackupError(`${this.file} was written in backup format ${format.version} by a newer Jaring; this Jaring reads format ${BACKUP_FORMAT_VERSION}. Upgrade Jaring first.`);
    }
    const parsed = headerSchema.safeParse(value);
    if (!parsed.success) throw this.damaged('its header is incomplete');
    return parsed.data;
  }

  private parseControl(line: string) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw this.damaged('a line is not valid JSON');
    }
    const parsed = z.union([tableStartSchema, tableEndSchema, doneSchema]).safeParse(value);
    if (!parsed.success) throw this.damaged(this.table ? 'a line is not valid' : 'a row lies outside any table');
    return parsed.data;
  }

  private damaged(what: string): BackupError {
    return new BackupError(`${this.file} is damaged: ${what}. It cannot be restored.`);
  }
}
