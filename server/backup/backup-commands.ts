/**
 * `npm run jaring -- backup FILE|FOLDER` and `restore FILE`: what the operator sees. The work itself is in
 * backup-writer.ts and backup-restore.ts; this file picks the way in (PostgreSQL directly, the PGlite
 * folder directly, or the running server's backup socket) and reports.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.ts';
import { recordAudit, type AuditContext } from '../domains/audit/audit.service.ts';
import { BACKUP_SOCKET, codeMigrations, folderOwner, openConnection, type Location } from './backup-engines.ts';
import { BackupError, backupFileName, readBackup, type BackupHeader, type ReadSummary } from './backup-format.ts';
import { restoreBackup } from './backup-restore.ts';
import { writeBackup } from './backup-writer.ts';

export interface BackupCommandContext {
  config: Config;
  out: (line: string) => void;
  progress: (line: string) => void;
  /** Who the audit trail names for a backup taken from the command line. */
  audit: AuditContext;
}

const PROGRESS_EVERY_MS = 500;

export async function backupCommand(target: string, ctx: BackupCommandContext): Promise<void> {
  const { config } = ctx;
  const file = backupPath(target, new Date());
  const started = performance.now();
  const progress = throttled(ctx.progress);
  let source: string;
  if (config.databaseUrl) {
    await backupDirectly({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, file, ctx, progress);
    source = 'PostgreSQL (DATABASE_URL)';
  } else {
    if (!fs.existsSync(path.join(config.dataDir, 'PG_VERSION'))) {
      throw new BackupError(`No database in ${config.dataDir}. Set DATA_DIR to the server's data folder.`);
    }
    const owner = folderOwner(config.dataDir);
    if (owner) {
      await backupFromServer(config.dataDir, owner, file, ctx.audit, progress);
      source = `PGlite in ${config.dataDir}, through the running server (pid ${owner})`;
    } else {
      await backupDirectly({ dataDir: config.dataDir }, file, ctx, progress);
      source = `PGlite in ${config.dataDir}`;
    }
  }
  progress.end();
  // Read back what is on disk: a backup is only worth keeping once it is known to restore.
  const checked = await readBackup(file);
  const seconds = (performance.now() - started) / 1000;
  ctx.out(`Backup written to ${file}`);
  ctx.out(`  ${describeContents(checked)}, ${megabytes(fs.statSync(file).size)} (${megabytes(checked.bytes)} uncompressed); read back: complete and intact.`);
  ctx.out(`  From ${source} in ${seconds.toFixed(1)} s; ${await describeSchema(checked.header)}.`);
}

export async function restoreCommand(file: string, ctx: BackupCommandContext): Promise<void> {
  const { config } = ctx;
  const location: Location = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  const target = config.databaseUrl ? 'the PostgreSQL database of DATABASE_URL' : `the data folder ${config.dataDir} (PGlite)`;
  // A data folder made by this restore is removed again if the restore fails: nothing half-made stays.
  const isNewFolder = !config.databaseUrl && !fs.existsSync(config.dataDir);
  let hasOpened = false;
  const started = performance.now();
  const progress = throttled(ctx.progress);
  ctx.out(`Checking ${file}…`);
  let result;
  try {
    result = await restoreBackup(
      file,
      async () => {
        const connection = await openConnection(location);
        hasOpened = true;
        return connection;
      },
      ({ table, rowsDone, tableRows, isFinished }) => {
        if (!isFinished) return progress.show(`  ${table}  ${rowsDone.toLocaleString('en')} / ${tableRows.toLocaleString('en')} rows`, table);
        progress.end();
        ctx.out(`  ${table.padEnd(28)} ${tableRows.toLocaleString('en').padStart(11)} rows`);
      },
      (checked) => {
        const { header } = checked;
        ctx.out(`  complete and intact: ${describeContents(checked)}, made ${header.createdAt} from ${header.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} by Jaring ${header.jaringVersion}.`);
        ctx.out(`Restoring into ${target}…`);
      },
    );
  } catch (err) {
    progress.end();
    if (isNewFolder && hasOpened) fs.rmSync(config.dataDir, { recursive: true, force: true });
    throw err;
  }
  const seconds = (performance.now() - started) / 1000;
  ctx.out(`Restored ${result.checked.rows.toLocaleString('en')} rows in ${result.checked.header.tables.length} tables in ${seconds.toFixed(1)} s.`);
  if (result.laterMigrations > 0) ctx.out(`The backup's schema was brought up to date (${result.laterMigrations} newer migration${result.laterMigrations === 1 ? '' : 's'}).`);
  ctx.out('Start the server as usual (npm start). Accounts and passwords are those of the moment the backup was made.');
}

/** A folder (existing, or written with a trailing slash) gets a dated file name inside it. */
function backupPath(target: string, now: Date): string {
  const isFolder = /[\\/]$/.test(target) || (fs.existsSync(target) && fs.statSync(target).isDirectory());
  if (isFolder) {
    fs.mkdirSync(target, { recursive: true });
    return path.resolve(target, backupFileName(now));
  }
  const folder = path.dirname(path.resolve(target));
  if (!fs.existsSync(folder)) throw new BackupError(`The folder ${folder} does not exist.`);
  return path.resolve(target);
}

async function backupDirectly(location: Location, file: string, ctx: BackupCommandContext, progress: Throttled): Promise<void> {
  const connection = await openConnection(location);
  try {
    // The audit entry goes in first, so the backup holds the record of its own making.
    await recordAudit(await connection.drizzle(), ctx.audit, { action: 'export', entity: 'backup', entityId: path.basename(file), changes: { via: 'cli', engine: connection.engine } });
    await connection.transaction('snapshot', (session) =>
      writeBackup(session, connection.engine, file, ({ table, rowsDone, tableRows }) =>
        progress.show(`  ${table}  ${rowsDone.toLocaleString('en')} / ${tableRows.toLocaleString('en')} rows`, table),
      ),
    );
  } finally {
    await connection.close();
  }
}

/** Asks the server that holds the PGlite folder for the backup, over its socket in that folder. */
async function backupFromServer(dataDir: string, owner: number, file: string, audit: AuditContext, progress: Throttled): Promise<void> {
  const socketPath = path.join(dataDir, BACKUP_SOCKET);
  const busy =
    `The data folder ${dataDir} is in use by process ${owner}, which does not answer backup requests ` +
    '(an import or another command?). Wait until it ends or stop it, then run the backup again.';
  if (!fs.existsSync(socketPath)) throw new BackupError(busy);
  const partial = `${file}.partial`;
  try {
    await new Promise<void>((resolve, reject) => {
      const request = http.get({ socketPath, path: '/backup', headers: { 'x-jaring-user': audit.attemptedUsername?.replace(/^cli:/, '') ?? '' } }, (response) => {
        if (response.statusCode !== 200) {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => reject(new BackupError(text.trim() || `The server answered ${response.statusCode}.`)));
          return;
        }
        const size = Number(response.headers['content-length'] ?? 0);
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          progress.show(`  received ${megabytes(received)}${size ? ` of ${megabytes(size)}` : ''}`);
        });
        pipeline(response, fs.createWriteStream(partial, { mode: 0o600 })).then(resolve, reject);
      });
      request.on('error', (err) => reject(new BackupError(`${busy}\n(${err.message})`)));
    });
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

function describeContents(checked: ReadSummary): string {
  return `${checked.header.tables.length} tables, ${checked.rows.toLocaleString('en')} rows`;
}

async function describeSchema(header: BackupHeader): Promise<string> {
  const code = await codeMigrations();
  const last = code[header.migrations.length - 1];
  const tag = last && last.hash === header.migrations.at(-1)?.hash ? ` (${last.tag})` : '';
  return `schema: ${header.migrations.length} migrations${tag}, Jaring ${header.jaringVersion}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

interface Throttled {
  /** Shows a line once the current step (a table) has taken half a second, then twice a second. */
  show(line: string, step?: string): void;
  /** Ends a progress line left on a terminal. */
  end(): void;
}

/** Progress for steps that take a while: nothing is shown for what ends within the first half second. */
function throttled(progress: (line: string) => void): Throttled {
  let last = performance.now();
  let currentStep: string | undefined;
  let isShown = false;
  return {
    show(line, step) {
      const now = performance.now();
      if (step !== currentStep) {
        currentStep = step;
        last = now;
      }
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      isShown = true;
      progress(line);
    },
    end() {
      if (isShown && process.stderr.isTTY) process.stderr.write(`\r${' '.repeat(79)}\r`);
      isShown = false;
    },
  };
}
