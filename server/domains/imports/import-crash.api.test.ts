/**
 * A kill in the middle of an import: the register holds whole batches only, and running the same import
 * again (or letting the server resume it) reaches exactly the state of an uninterrupted import.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootJaring } from '../../boot.ts';
import { runCli } from '../../cli.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase, queryRows } from '../../db/client.ts';
import { makeNik } from '../../test/factories.ts';
import { createPostgresDatabase } from '../../test/test-app.ts';

const ROWS = 12_000;
const BATCH = 200;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-crash-'));
const file = path.join(dataDir, 'sensus-besar.csv');
let env: Record<string, string>;
let dropDatabase = async () => {};
const expected = new Map<string, string>();

beforeAll(async () => {
  env = { DATA_DIR: dataDir, JARING_DEMO: '0', JARING_ADMIN_PASSWORD: 'crash-admin-password', IMPORT_BATCH_ROWS: String(BATCH), LOG_LEVEL: 'silent' };
  if (process.env.TEST_DATABASE_URL) {
    const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL);
    env.DATABASE_URL = created.url;
    dropDatabase = created.drop;
  }
  // A database to import into (the CLI refuses an empty data folder).
  const jaring = await bootJaring(loadConfig(env));
  await jaring.app.close();
  const lines = ['NIK;Nama;Kode Desa;Pekerjaan'];
  for (let i = 0; i < ROWS; i++) {
    const nik = makeNik({ birthDate: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}` });
    const name = `Pekerja ${letters(i)}`;
    if (expected.has(nik)) continue;
    expected.set(nik, name);
    lines.push(`${nik};${name};52.03.01.2001;Buruh Tani`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}, 60_000);

afterAll(async () => {
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function letters(n: number): string {
  let out = '';
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}

async function register(): Promise<Map<string, string>> {
  const { db, close } = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  try {
    const rows = await queryRows<{ nik: string; name: string }>(db, sql`select nik, name from workers where deleted_at is null`);
    return new Map(rows.map((r) => [r.nik, r.name]));
  } finally {
    await close();
  }
}

describe('an import killed half-way', () => {
  it('leaves whole batches only, and the same import run again completes it exactly', async () => {
    // Run the command-line import in its own process and SIGKILL it after its first committed batches.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'import', 'workers', file], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/rows/.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    expect(child.signalCode, `the import finished before it could be killed:\n${stderr}`).toBe('SIGKILL');

    const { db, close } = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    const [job] = await queryRows<{ status: string; rows_done: number; created: number }>(db, sql`select status, rows_done, created from import_jobs`);
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from workers`)) as [{ n: number }];
    await close();
    expect(job!.status).toBe('running');
    expect(job!.rows_done % BATCH).toBe(0);
    expect(job!.rows_done).toBeGreaterThan(0);
    expect(job!.rows_done).toBeLessThan(expected.size);
    // No half-applied batch: what is in the register is exactly what the job recorded as committed.
    expect(n).toBe(job!.created);
    expect(n).toBe(job!.rows_done);

    // The same import, run again, brings the register to the complete state: nothing missing, nothing twice.
    const out: string[] = [];
    const code = await runCli(['import', 'workers', file], { env, out: (l) => out.push(l), err: () => {}, progress: () => {} });
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(`${expected.size - n} created, 0 updated, ${n} unchanged, 0 rejected`);
    expect(await register()).toEqual(expected);
  }, 120_000);

  it('is resumed by the server after a restart and ends as done without changing the register', async () => {
    if (env.DATABASE_URL) {
      // On a PostgreSQL server another process may still hold the job: it is resumed once its lease runs
      // out (LEASE_SECONDS). Let that time pass.
      const { db, close } = await openDatabase({ databaseUrl: env.DATABASE_URL });
      await db.execute(sql`update import_jobs set lease_until = now() - interval '1 second' where status = 'running'`);
      await close();
    }
    const jaring = await bootJaring(loadConfig(env));
    await jaring.app.imports.idle();
    const [job] = await queryRows<{ status: string; created: number; unchanged: number; rows_done: number }>(
      jaring.database.db,
      sql`select status, created, unchanged, rows_done from import_jobs order by created_at limit 1`,
    );
    await jaring.app.close();
    expect(job).toMatchObject({ status: 'done', rows_done: expected.size });
    expect(job!.created + job!.unchanged).toBe(expected.size);
    expect(await register()).toEqual(expected);
  }, 120_000);
});
