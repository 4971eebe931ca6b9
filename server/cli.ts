/**
 * `npm run jaring -- <command>`: maintenance commands that work on the database directly, for the person
 * who runs the installation (a forgotten admin password, a list of accounts). They open the same database
 * as the server; with the embedded PGlite the server must be stopped first, because only one process may
 * use a PGlite data folder (the lock in db/client.ts refuses a second one). `backup` is the exception: while
 * the server holds the folder, it asks the server for the backup (server/backup/).
 *
 * A command is one entry in COMMANDS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database, type Db } from './db/client.ts';
import type { AuditContext } from './domains/audit/audit.service.ts';
import { findUsers } from './domains/auth/auth.repo.ts';
import { resetPassword } from './domains/auth/auth.service.ts';
import { generatePassword } from './domains/auth/password.ts';
import { RegionDirectory } from './domains/regions/region-directory.ts';
import { readRegionRecords } from './domains/regions/region-source.ts';
import { runJob } from './domains/imports/import-runner.ts';
import { claimJob, findJob, findRejections } from './domains/imports/imports.repo.ts';
import { createImport, ensureCivilOccupations } from './domains/imports/imports.service.ts';
import type { ImportKind } from './domains/imports/imports.table.ts';
import { AppError } from './errors.ts';
import { backupCommand, restoreCommand } from './backup/backup-commands.ts';
import { BackupError } from './backup/backup-format.ts';
import { todayIn } from '../core/dates.ts';
import { randomUUID } from 'node:crypto';

interface CliContext {
  config: Config;
  out: (line: string) => void;
  /** Progress lines (stderr), rewritten in place on a terminal. */
  progress: (line: string) => void;
  options: { village?: string };
}

interface Command {
  /** Arguments after the command name, as shown in the usage text. */
  args: string;
  summary: string;
  /** Returns the process exit code. */
  run(positionals: string[], ctx: CliContext): Promise<number>;
}

/** A failure the operator can act on: printed without a stack trace, exit code 1. */
class CliError extends Error {}

const COMMANDS: Record<string, Command> = {
  'reset-password': {
    args: 'USERNAME',
    summary: "Set a new random password for a user, print it once and end the user's sessions",
    async run([username], ctx) {
      if (!username) throw new CliError('Which user? Usage: npm run jaring -- reset-password USERNAME');
      const password = generatePassword();
      const user = await withDatabase(ctx, (db) => resetPassword(db, username, password, cliAuditContext()));
      if (!user) throw new CliError(`There is no user "${username}". See the accounts with: npm run jaring -- users`);
      ctx.out(`New password for ${user.username} (${user.role}, ${user.regionCode}) — shown ONCE, write it down:`);
      ctx.out(`  ${password}`);
      ctx.out(`All sessions of ${user.username} were ended; the change is in the audit trail.`);
      if (user.disabledAt) ctx.out(`Note: this account is disabled (since ${user.disabledAt.toISOString()}); it cannot log in until enabled.`);
      return 0;
    },
  },
  users: {
    args: '',
    summary: 'List the user accounts (username, role, region)',
    async run(_positionals, ctx) {
      const rows = await withDatabase(ctx, (db) => findUsers(db));
      const regions = new RegionDirectory(readRegionRecords(ctx.config.regionCode), ctx.config.regionCode);
      ctx.out(`${'USERNAME'.padEnd(24)} ${'ROLE'.padEnd(9)} REGION`);
      for (const row of rows) {
        const region = `${row.regionCode} ${regions.get(row.regionCode)?.name ?? '(unknown region)'}`;
        ctx.out(`${row.username.padEnd(24)} ${row.role.padEnd(9)} ${region}${row.disabledAt ? '  [disabled]' : ''}`);
      }
      ctx.out(`${rows.length} user${rows.length === 1 ? '' : 's'}`);
      return 0;
    },
  },
  import: {
    args: 'workers|bpjs FILE [--village CODE]',
    summary: 'Import a census file (CSV/XLSX, OpenSID or SIAK export) or the BPJS participant file, with a progress line',
    async run(positionals, ctx) {
      const [kind, file] = positionals;
      if ((kind !== 'workers' && kind !== 'bpjs') || !file) {
        throw new CliError('Usage: npm run jaring -- import workers FILE [--village CODE]   or   npm run jaring -- import bpjs FILE');
      }
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`File not found: ${file}`);
      return withDatabase(ctx, (db) => importFile(db, ctx, kind, file, ctx.options.village));
    },
  },
  backup: {
    args: 'FILE|FOLDER',
    summary: 'Write a consistent backup of the whole database (also while the server runs); a FOLDER gets a dated file name',
    async run([target], ctx) {
      if (!target) throw new CliError('Where to? Usage: npm run jaring -- backup FILE   or   npm run jaring -- backup FOLDER/');
      await withBackupErrors(() => backupCommand(target, { ...ctx, audit: cliAuditContext() }));
      return 0;
    },
  },
  restore: {
    args: 'FILE',
    summary: 'Restore a backup into an EMPTY database (a new DATA_DIR folder or a new PostgreSQL database)',
    async run([file], ctx) {
      if (!file) throw new CliError('Which backup? Usage: npm run jaring -- restore FILE');
      await withBackupErrors(() => restoreCommand(file, { ...ctx, audit: cliAuditContext() }));
      return 0;
    },
  },
  help: {
    args: '',
    summary: 'Show this help',
    async run(_positionals, ctx) {
      printUsage(ctx.out);
      return 0;
    },
  },
};

function printUsage(out: (line: string) => void): void {
  out('Usage: npm run jaring -- <command> [arguments]');
  out('');
  out('Commands:');
  const width = Math.max(...Object.entries(COMMANDS).map(([name, c]) => `${name} ${c.args}`.length));
  for (const [name, command] of Object.entries(COMMANDS)) out(`  ${`${name} ${command.args}`.padEnd(width)}  ${command.summary}`);
  out('');
  out('The database is the one the server uses (DATA_DIR or DATABASE_URL, as for npm start).');
  out('With the embedded database (no DATABASE_URL), stop the server first; only backup works while it runs.');
}

async function withBackupErrors(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
}

/** The audit actor for changes made from the command line: no session user, the OS account instead. */
function cliAuditContext(): AuditContext {
  let who = 'cli';
  try {
    who = `cli:${os.userInfo().username}`;
  } catch {
    // Some containers have no passwd entry for the current uid.
  }
  return { actor: null, attemptedUsername: who };
}

/**
 * Replaces a user's password hash, ends every session of that user and audits the change, in one
 * transaction. Throws CliError when the user does not exist.
 */
/** Opens the server's database for one command and always closes it again. */
async function withDatabase<T>(ctx: CliContext, work: (db: Db) => Promise<T>): Promise<T> {
  const { config } = ctx;
  const isEmbedded = !config.databaseUrl;
  if (isEmbedded) {
    // Opening an empty folder would create a new, empty database there: almost always a wrong DATA_DIR.
    if (!fs.existsSync(path.join(config.dataDir, 'PG_VERSION'))) {
      throw new CliError(`No database in ${config.dataDir}. Set DATA_DIR to the server's data folder (start the server once to create it).`);
    }
  }
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    const where = isEmbedded ? config.dataDir : 'DATABASE_URL';
    // The data-folder lock names the process holding it; with PGlite that is nearly always the server.
    const hint = isEmbedded ? '\nIf the Jaring server is running on this folder, stop the server first, then run this command again.' : '';
    throw new CliError(`Could not open the database (${where}): ${(err as Error).message}${hint}`);
  }
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

export interface CliIo {
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
  err?: (line: string) => void;
  progress?: (line: string) => void;
}

/** On a terminal the progress line rewrites itself; in a log every update is its own line. */
function defaultProgress(err: (line: string) => void): (line: string) => void {
  if (!process.stderr.isTTY) return err;
  return (line) => process.stderr.write(`\r${line.padEnd(79)}`);
}

/**
 * Imports one file with the same code as the web upload. The file is copied next to the data first, so an
 * interrupted run can be resumed by the server (or simply run again: imports are idempotent).
 */
async function importFile(db: Db, ctx: CliContext, kind: ImportKind, file: string, village: string | undefined): Promise<number> {
  const { config } = ctx;
  const regions = new RegionDirectory(readRegionRecords(config.regionCode), config.regionCode);
  if (village && !regions.village(village)) throw new CliError(`Unknown village code ${village} (expected a village of ${regions.served.name}, like ${regions.within(regions.servedCode, 'village')[0]?.code}).`);
  await ensureCivilOccupations(db);
  fs.mkdirSync(config.importDir, { recursive: true });
  const copy = path.join(config.importDir, `${randomUUID()}.upload`);
  fs.copyFileSync(file, copy);
  const today = todayIn(config.timeZone);
  const audit = cliAuditContext();
  const importer = { id: null, username: audit.attemptedUsername ?? 'cli', role: 'admin', regionCode: config.regionCode };
  let id: string;
  try {
    ({ id } = await createImport(
      db,
      { path: copy, fileName: path.basename(file), size: fs.statSync(copy).size },
      { ...audit, kind, importer, targetVillage: kind === 'workers' ? (village ?? null) : null, regions, today },
    ));
  } catch (error) {
    fs.rmSync(copy, { force: true });
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
  const deps = { db, regions, today: () => today, residentMinAge: 15, residentMaxAge: config.residentMaxAge, batchRows: config.importBatchRows };
  const job = await claimJob(db, id, true);
  if (!job) throw new CliError('The import could not start.');
  const started = Date.now();
  let lastShown = 0;
  const outcome = await runJob(deps, job, {
    shouldStop: () => false,
    onProgress: ({ rowsDone, bytesRead, fileSize }) => {
      if (Date.now() - lastShown < 500) return;
      lastShown = Date.now();
      const percent = fileSize > 0 ? Math.min(100, Math.round((bytesRead / fileSize) * 100)) : 0;
      const rate = Math.round(rowsDone / Math.max(0.001, (Date.now() - started) / 1000));
      ctx.progress(`  ${percent}%  ${rowsDone.toLocaleString('en')} rows  (${rate.toLocaleString('en')} rows/s)`);
    },
  });
  const result = await findJob(db, id);
  if (process.stderr.isTTY && lastShown > 0) process.stderr.write('\n');
  if (!result || outcome !== 'done') {
    ctx.out(`Import failed: ${result?.failureMessage ?? outcome}`);
    return 1;
  }
  const seconds = (Date.now() - started) / 1000;
  ctx.out(`Import ${id} done in ${seconds.toFixed(1)} s: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected.`);
  const skipped = result.skipped;
  if (skipped.occupation + skipped.age + skipped.status > 0) {
    ctx.out(`Residents left out: ${skipped.occupation} (occupation not informal), ${skipped.age} (age), ${skipped.status} (not living here).`);
  }
  if (result.linkage) {
    const l = result.linkage;
    ctx.out(`BPJS linkage: ${l.linkedExact} by NIK, ${l.linkedAuto} automatic, ${l.queued} waiting for review, ${l.unmatched} not in the register.`);
  }
  if (result.rejected > 0) {
    ctx.out('Rejected rows (first 20):');
    for (const r of await findRejections(db, id, 20)) ctx.out(`  row ${r.row}: ${r.errors.map((e) => `${e.field ?? ''} ${e.code} — ${e.message}`).join('; ')}`);
    ctx.out('All rejected rows, with the reason, are in the web app (Impor data → this import → "Unduh baris yang ditolak").');
  }
  return 0;
}

/** Runs one command line (without `node cli.ts`) and returns the exit code; tests call it directly. */
export async function runCli(argv: string[], io: CliIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, village: { type: 'string' } },
    });
  } catch (error) {
    err(`${(error as Error).message}\n`);
    printUsage(out);
    return 2;
  }
  const [name, ...rest] = parsed.positionals;
  if (!name || parsed.values.help) {
    printUsage(out);
    return name || parsed.values.help ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`Unknown command "${name}".\n`);
    printUsage(out);
    return 2;
  }
  try {
    const config = loadConfig(io.env ?? process.env);
    const progress = io.progress ?? defaultProgress(err);
    return await command.run(rest, { config, out, progress, options: { village: parsed.values.village } });
  } catch (error) {
    if (error instanceof CliError || (error instanceof Error && error.message.startsWith('Invalid configuration'))) {
      err(error.message);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2));
}
