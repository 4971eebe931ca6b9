import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootJaring } from '../boot.ts';
import { runCli } from '../cli.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, queryRows, type Db } from '../db/client.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { auditLog } from '../domains/audit/audit.table.ts';
import { makeNik, makeWorker } from '../test/factories.ts';
import { createPostgresDatabase, testApp, type TestApp } from '../test/test-app.ts';
import { importAndWait } from '../test/upload.ts';
import { codeMigrations, migrateUpTo, openConnection } from './backup-engines.ts';
import { readBackup, type BackupHeader } from './backup-format.ts';
import { writeBackup } from './backup-writer.ts';

// Runs on the engine of the suite: PGlite, or PostgreSQL when TEST_DATABASE_URL is set (and then also
// across engines: PostgreSQL → PGlite → PostgreSQL).
const pgServer = process.env.TEST_DATABASE_URL || undefined;
const TODAY = '2026-05-10';
const VILLAGE = '52.03.01.2001';

let t: TestApp;
let admin: string;
let work: string;
let backupFile: string;
/** The database the main restore test filled (the embedded-CLI test runs a server on it). */
let restoredTarget: Record<string, string>;
const dropDatabases: (() => Promise<void>)[] = [];

/** A target for the CLI: a new PostgreSQL database on the test server, or a PGlite data folder. */
async function emptyTarget(name: string, engine: 'pglite' | 'postgres' = pgServer ? 'postgres' : 'pglite'): Promise<Record<string, string>> {
  const env: Record<string, string> = { DATA_DIR: path.join(work, name), LOG_LEVEL: 'silent', JARING_DEMO: '0' };
  if (engine === 'postgres') {
    const { url, drop } = await createPostgresDatabase(pgServer!);
    dropDatabases.push(drop);
    env.DATABASE_URL = url;
  }
  return env;
}

async function cli(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l), progress: () => {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * Every row of every table (as PostgreSQL's text form of the whole row, sorted), the migrations table and
 * the sequences: two databases with equal contents give equal snapshots, whichever engine holds them.
 */
async function contentsOf(db: Db): Promise<Record<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    const contents: Record<string, string[]> = {};
    const tables = await queryRows<{ name: string }>(tx, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
    for (const { name } of tables) {
      const rows = await queryRows<{ row: string }>(tx, sql.raw(`select t::text as row from public."${name}" t`));
      contents[name] = rows.map((r) => r.row).sort();
    }
    contents['drizzle.__drizzle_migrations'] = (
      await queryRows<{ row: string }>(tx, sql`select m::text as row from drizzle.__drizzle_migrations m order by id`)
    ).map((r) => r.row);
    const sequences = await queryRows<{ name: string }>(tx, sql`select sequencename as name from pg_sequences where schemaname = 'public' order by 1`);
    for (const { name } of sequences) {
      const [state] = await queryRows<{ row: string }>(tx, sql.raw(`select last_value || ' ' || is_called as row from public."${name}"`));
      contents[`sequence ${name}`] = [state!.row];
    }
    return contents;
  });
}

async function contentsAt(env: Record<string, string>): Promise<Record<string, string[]>> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    return await contentsOf(database.db);
  } finally {
    await database.close();
  }
}

function expectSameContents(restored: Record<string, string[]>, source: Record<string, string[]>) {
  expect(Object.keys(restored)).toEqual(Object.keys(source));
  for (const [name, rows] of Object.entries(source)) {
    expect(restored[name]!.length, `${name}: row count`).toBe(rows.length);
    expect(restored[name], name).toEqual(rows);
  }
}

/** Rewrites a backup line by line and puts the checksums right again: a file that is valid but says something else. */
function rewriteBackup(from: string, to: string, change: (lines: string[]) => string[]): void {
  const lines = change(zlib.gunzipSync(fs.readFileSync(from)).toString('utf8').trimEnd().split('\n'));
  const fixed: string[] = [];
  let table = createHash('sha256');
  let rows = 0;
  for (const line of lines) {
    const control = line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : undefined;
    if (control && 'table' in control) table = createHash('sha256');
    if (!control) table.update(`${line}\n`);
    if (control && 'end' in control) {
      fixed.push(JSON.stringify({ ...control, sha256: table.digest('hex') }));
      rows += Number(control.rows);
    } else if (control && 'done' in control) {
      const file = createHash('sha256').update(fixed.map((l) => `${l}\n`).join('')).digest('hex');
      fixed.push(JSON.stringify({ ...control, rows, sha256: file }));
    } else {
      fixed.push(line);
    }
  }
  fs.writeFileSync(to, zlib.gzipSync(`${fixed.join('\n')}\n`));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-backup-test-'));
  t = await testApp({ now: new Date(`${TODAY}T02:00:00Z`) });
  admin = await t.loginAs('admin');
  // The demo fills most tables; coverage settings and rejected import rows are added through the API.
  await seedDemo(t.database.db, t.regions, TODAY);
  const settings = await t.app.inject({
    method: 'PUT',
    url: '/api/coverage/settings',
    headers: { cookie: admin },
    payload: { thresholds: { low: 25, medium: 50, high: 75 }, categoryBasis: 'register', projectionMonths: 6 },
  });
  expect(settings.statusCode, settings.body).toBe(200);
  const village = t.regions.get(VILLAGE)!.name;
  const district = t.regions.get(VILLAGE.slice(0, 8))!.name;
  const csv = [
    'NIK,Nama,Tanggal Lahir,Jenis Kelamin,Desa,Kecamatan,Pekerjaan',
    `${makeNik({ sex: 'F' })},Siti Aminah,1985-07-01,P,${village},${district},Nelayan`,
    `${makeNik()},Zainal Abidin,31/02/1985,L,${village},${district},Astronot`,
  ].join('\n');
  const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'sensus.csv', content: csv });
  expect(job).toMatchObject({ status: 'done', created: 1, rejected: 1 });
});

afterAll(async () => {
  await t?.close();
  for (const drop of dropDatabases) await drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('backup and restore of a whole database', () => {
  let source: Record<string, string[]>;
  let header: BackupHeader;

  it('writes a backup while the app runs (admin only, audited), with every table in it', async () => {
    const start = performance.now();
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/backup', headers: { cookie: admin } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="jaring-backup-20260510T020000Z.jsonl.gz"');
    backupFile = path.join(work, 'backup.jsonl.gz');
    fs.writeFileSync(backupFile, res.rawPayload);
    const backupMs = performance.now() - start;

    source = await contentsOf(t.database.db);
    const checked = await readBackup(backupFile);
    header = checked.header;
    console.info(`backup (${t.database.kind}): ${res.rawPayload.length} bytes, ${checked.rows} rows, ${Math.round(backupMs)} ms`);
    expect(header).toMatchObject({ format: 'jaring-backup', version: 1, engine: t.database.kind });
    expect(header.migrations.map((m) => m.id)).toEqual(source['drizzle.__drizzle_migrations']!.map((_, i) => i + 1));
    // Every table holds rows, so the comparison below covers every table and column.
    const empty = header.tables.filter((table) => table.rows === 0).map((table) => table.name);
    expect(empty, 'tables left empty by the test data').toEqual([]);
    for (const table of header.tables) expect(table.rows, table.name).toBe(source[table.name]!.length);
    expect(header.sequences.map((s) => s.name)).toEqual(expect.arrayContaining(['audit_log_id_seq', 'claim_number_seq']));

    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'backup'));
    expect(entry).toMatchObject({ action: 'export', actorUsername: 'admin', entityId: 'jaring-backup-20260510T020000Z.jsonl.gz' });
  });

  it('restores into an empty database, identical table by table; a failed restore leaves nothing behind', async () => {
    // Checksums right, one value wrong in the last table: loading fails after all other tables went in.
    const lastTable = header.tables.filter((table) => table.rows > 0).at(-1)!.name;
    const broken = path.join(work, 'broken.jsonl.gz');
    rewriteBackup(backupFile, broken, (lines) => {
      const at = lines.indexOf(JSON.stringify({ table: lastTable })) + 1;
      lines[at] = lines[at]!.replace(/^\["[^"]*"/, '["not-a-uuid"');
      return lines;
    });
    const target = (restoredTarget = await emptyTarget('restored'));
    fs.mkdirSync(target.DATA_DIR!);
    const failed = await cli(target, 'restore', broken);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain(`Restoring table ${lastTable} failed`);
    expect(failed.err).toContain('Nothing was restored');

    const start = performance.now();
    const restored = await cli(target, 'restore', backupFile);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    console.info(`restore (${t.database.kind}): ${Math.round(performance.now() - start)} ms`);
    expect(restored.out).toMatch(/complete and intact: \d+ tables, [\d,]+ rows/);
    expect(restored.out).toMatch(/^ {2}workers +[\d,]+ rows$/m);
    expectSameContents(await contentsAt(target), source);

    const again = await cli(target, 'restore', backupFile);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^The target database is not empty \(rows in app_meta, /);
  });

  it('refuses a file cut short or from a newer schema, before touching the target', async () => {
    const truncated = path.join(work, 'truncated.jsonl.gz');
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = await emptyTarget('untouched');
    const cut = await cli(target, 'restore', truncated);
    expect(cut.code).toBe(1);
    expect(cut.err).toContain('is damaged or was cut short');

    const newer = path.join(work, 'newer.jsonl.gz');
    rewriteBackup(backupFile, newer, ([first, ...rest]) => {
      const h = JSON.parse(first!) as BackupHeader;
      h.migrations.push({ id: h.migrations.length + 1, hash: 'f'.repeat(64), createdAt: Date.now() });
      return [JSON.stringify(h), ...rest];
    });
    const future = await cli(target, 'restore', newer);
    expect(future.code).toBe(1);
    expect(future.err).toContain('This backup was made by a newer Jaring');

    const notBackup = await cli(target, 'restore', path.resolve(import.meta.dirname, '../../package.json'));
    expect(notBackup.code).toBe(1);
    expect(notBackup.err).toContain('is not a Jaring backup');
    if (target.DATABASE_URL) {
      const client = new pg.Client({ connectionString: target.DATABASE_URL });
      await client.connect();
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`);
      await client.end();
      expect(rows[0]!.n).toBe(0);
    } else {
      expect(fs.existsSync(target.DATA_DIR!)).toBe(false);
    }
  });

  it('is a consistent snapshot while the app keeps writing, and one backup at a time', async () => {
    const createWorker = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/workers',
        headers: { cookie: admin },
        payload: makeWorker({ villageCode: i % 2 ? VILLAGE : '52.03.02.2001' }),
      });
    const [first, second, ...created] = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/admin/backup', headers: { cookie: admin } }),
      t.app.inject({ method: 'GET', url: '/api/admin/backup', headers: { cookie: admin } }),
      ...Array.from({ length: 10 }, (_, i) => createWorker(i)),
    ]);
    for (const res of created) expect(res.statusCode, res.body).toBe(201);
    expect([first!.statusCode, second!.statusCode].sort()).toEqual([200, 409]);
    const ok = first!.statusCode === 200 ? first! : second!;
    const file = path.join(work, 'during-writes.jsonl.gz');
    fs.writeFileSync(file, ok.rawPayload);

    // A derived table agrees with the register inside the file: the register count per village that the
    // triggers keep in coverage_deltas equals the workers counted one by one.
    const registered = new Map<string, number>();
    const counted = new Map<string, number>();
    await readBackup(file, {
      onRows(table, lines) {
        const col = (name: string) => table.columns.findIndex((c) => c.name === name);
        for (const values of lines.map((l) => JSON.parse(l) as (string | null)[])) {
          if (table.name === 'workers' && values[col('deleted_at')] === null && values[col('deceased_on')] === null) {
            const village = values[col('village_code')]!;
            counted.set(village, (counted.get(village) ?? 0) + 1);
          }
          if (table.name === 'coverage_deltas' && values[col('status')] === 'registered') {
            const village = values[col('village_code')]!;
            registered.set(village, (registered.get(village) ?? 0) + Number(values[col('delta')]));
          }
        }
      },
    });
    for (const [village, n] of registered) if (n === 0) registered.delete(village);
    expect(registered).toEqual(counted);
  });

  it('is for admins only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/backup' })).statusCode).toBe(401);
    const viewer = await t.loginAs('viewer');
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/backup', headers: { cookie: viewer } })).statusCode).toBe(403);
  });
});

describe.runIf(pgServer)('across engines', () => {
  it('restores a PostgreSQL backup into PGlite and that one back into PostgreSQL, unchanged', async () => {
    const fresh = path.join(work, 'fresh.jsonl.gz');
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/backup', headers: { cookie: admin } });
    fs.writeFileSync(fresh, res.rawPayload);
    const expected = await contentsOf(t.database.db);

    const embedded = await emptyTarget('embedded', 'pglite');
    const intoPglite = await cli(embedded, 'restore', fresh);
    expect(intoPglite.err).toBe('');
    expectSameContents(await contentsAt(embedded), expected);

    // From the PGlite folder again, without the CLI (its audit entry would make the copies differ).
    const back = path.join(work, 'back.jsonl.gz');
    const connection = await openConnection({ dataDir: embedded.DATA_DIR! });
    await connection.transaction('snapshot', (session) => writeBackup(session, 'pglite', back));
    await connection.close();
    const postgres = await emptyTarget('postgres-again', 'postgres');
    const intoPostgres = await cli(postgres, 'restore', back);
    expect(intoPostgres.err).toBe('');
    expectSameContents(await contentsAt(postgres), expected);
  });

  it('restores a backup of an older schema and then applies the newer migrations', async () => {
    const older = await emptyTarget('older', 'postgres');
    const code = await codeMigrations();
    const connection = await openConnection({ databaseUrl: older.DATABASE_URL, dataDir: work });
    const file = path.join(work, 'older.jsonl.gz');
    try {
      await migrateUpTo(connection, code.length - 1);
      await connection.transaction('write', (session) => session.query(`insert into app_meta (key, value) values ('made by', 'an older Jaring')`));
      await connection.transaction('snapshot', (session) => writeBackup(session, 'postgres', file));
    } finally {
      await connection.close();
    }
    const target = await emptyTarget('upgraded', 'postgres');
    const restored = await cli(target, 'restore', file);
    expect(restored.err).toBe('');
    expect(restored.out).toContain('brought up to date (1 newer migration)');
    const contents = await contentsAt(target);
    expect(contents['drizzle.__drizzle_migrations']).toHaveLength(code.length);
    expect(contents.app_meta).toEqual(['("made by","an older Jaring")']);
  });

  it('backs up PostgreSQL from the command line into a folder, with a dated name', async () => {
    const url = (t.database.db as unknown as { $client: pg.Pool }).$client.options.connectionString!;
    const folder = path.join(work, 'daily/');
    const result = await cli({ DATABASE_URL: url, DATA_DIR: work, LOG_LEVEL: 'silent' }, 'backup', folder);
    expect(result.err).toBe('');
    expect(result.out).toContain('read back: complete and intact');
    const [file] = fs.readdirSync(folder);
    expect(file).toMatch(/^jaring-backup-\d{8}T\d{6}Z\.jsonl\.gz$/);
    expect((await readBackup(path.join(folder, file!))).header.engine).toBe('postgres');
  });
});

describe.runIf(!pgServer)('the command line with the embedded database', () => {
  it('backs up through the running server, then directly once it has stopped; restore waits for a stopped server', async () => {
    // A server on the data folder restored above: the restored database serves as it is.
    const env: Record<string, string> = { ...restoredTarget, JARING_ADMIN_PASSWORD: 'admin-password-for-tests' };
    const dataDir = env.DATA_DIR!;
    const server = await bootJaring(loadConfig(env));
    try {
      await server.app.ready();
      const live = await cli(env, 'backup', path.join(work, 'live.jsonl.gz'));
      expect(live.err).toBe('');
      expect(live.out).toMatch(/through the running server \(pid \d+\)/);
      const entries = await server.database.db.select().from(auditLog).where(eq(auditLog.entity, 'backup'));
      expect(entries.map((e) => e.actorUsername)).toEqual(['admin', expect.stringMatching(/^cli:/)]);

      const refused = await cli(env, 'restore', path.join(work, 'live.jsonl.gz'));
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('stop the server first');
    } finally {
      await server.app.close();
    }
    const stopped = await cli(env, 'backup', path.join(work, 'stopped.jsonl.gz'));
    expect(stopped.err).toBe('');
    expect(stopped.out).toContain(`From PGlite in ${dataDir} in`);
    const live = await readBackup(path.join(work, 'live.jsonl.gz'));
    const later = await readBackup(path.join(work, 'stopped.jsonl.gz'));
    // The second backup differs from the first by its own audit entry.
    expect(later.rows - live.rows).toBe(1);
  });
});
