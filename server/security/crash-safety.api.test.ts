/**
 * Crash safety (issue 9): the server process is SIGKILLed in the middle of a large import and in the middle
 * of a large batch payment, then started again. The register and the ledger are found exactly as before
 * the operation or exactly as after it, and the same operation run again completes it, once.
 *
 * The server runs as `npm start` runs it (its own process, from the sources) on a fresh PGlite folder, or
 * on a fresh PostgreSQL database when TEST_DATABASE_URL is set. The command-line import killed half-way is
 * covered by server/domains/imports/import-crash.api.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../db/client.ts';
import { makeNik } from '../test/factories.ts';
import { logIn, startJaring, type ApiClient, type JaringProcess } from '../test/server-process.ts';
import { createPostgresDatabase } from '../test/test-app.ts';

const ADMIN_PASSWORD = 'crash-safety-admin-password';
const running: JaringProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const proc of running) await proc.kill();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Installation {
  env: Record<string, string>;
  dataDir: string;
  databaseUrl?: string;
  databaseName?: string;
}

/** A fresh data folder, and a fresh PostgreSQL database when TEST_DATABASE_URL is set. */
async function freshInstallation(extra: Record<string, string> = {}): Promise<Installation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-crash-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = { DATA_DIR: dataDir, JARING_DEMO: '0', JARING_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'info', ...extra };
  if (!process.env.TEST_DATABASE_URL) return { env, dataDir };
  const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL);
  cleanups.push(created.drop);
  env.DATABASE_URL = created.url;
  return { env, dataDir, databaseUrl: created.url, databaseName: new URL(created.url).pathname.slice(1) };
}

async function start(inst: Installation): Promise<{ server: JaringProcess; admin: ApiClient }> {
  const server = await startJaring(inst.env);
  running.push(server);
  return { server, admin: await logIn(server.origin, 'admin', ADMIN_PASSWORD) };
}

/** Reads the database directly (with PGlite only while no server holds the folder). */
async function withDb<T>(inst: Installation, read: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const { db, close } = await openDatabase({ databaseUrl: inst.databaseUrl, dataDir: inst.dataDir });
  try {
    return await read(db);
  } finally {
    await close();
  }
}

/** PostgreSQL: waits until the killed server's connections are gone, so its open transaction has been rolled back. */
async function waitForOrphanBackends(inst: Installation): Promise<void> {
  if (!inst.databaseUrl) return;
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const deadline = Date.now() + 30_000; ; ) {
      const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [inst.databaseName]);
      if (rows[0]!.n === 0) return;
      if (Date.now() > deadline) throw new Error('the killed server still has connections after 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

function letters(n: number): string {
  let out = '';
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}

/** A census CSV of `rows` synthetic workers of one village, and the register it should produce (NIK → name). */
function censusFile(dir: string, rows: number): { file: string; expected: Map<string, string> } {
  const expected = new Map<string, string>();
  const lines = ['NIK;Nama;Kode Desa;Pekerjaan'];
  for (let i = 0; expected.size < rows; i++) {
    const nik = makeNik({ birthDate: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 9}` });
    if (expected.has(nik)) continue;
    const name = `Pekerja ${letters(i)}`;
    expected.set(nik, name);
    lines.push(`${nik};${name};52.03.01.2001;Buruh Tani`);
  }
  const file = path.join(dir, 'sensus-besar.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, expected };
}

async function uploadImport(server: JaringProcess, admin: ApiClient, file: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), path.basename(file));
  const res = await fetch(`${server.origin}/api/imports/workers`, { method: 'POST', headers: { cookie: admin.cookie, origin: server.origin }, body: form });
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** Polls an import until `until` holds for it (or fails after `timeoutMs`). */
async function pollImport(admin: ApiClient, id: string, until: (job: ImportJob) => boolean, timeoutMs: number, everyMs = 20): Promise<ImportJob> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const res = await admin.call<ImportJob>('GET', `/api/imports/${id}`);
    expect(res.status).toBe(200);
    if (until(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`import ${id} did not get there in ${timeoutMs} ms: ${JSON.stringify(res.body).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

interface ImportJob {
  status: string;
  created: number;
  unchanged: number;
  rejected: number;
  progress: { rowsDone: number };
}

describe('the server killed in the middle of a large import', () => {
  const ROWS = 12_000;
  const BATCH = 200;
  let inst: Installation;
  let file: string;
  let expected: Map<string, string>;

  beforeAll(async () => {
    inst = await freshInstallation({ IMPORT_BATCH_ROWS: String(BATCH) });
    ({ file, expected } = censusFile(inst.dataDir, ROWS));
  }, 60_000);

  const register = () =>
    withDb(inst, async (db) => {
      const rows = await queryRows<{ nik: string; name: string }>(db, sql`select nik, name from workers where deleted_at is null`);
      return new Map(rows.map((r) => [r.nik, r.name]));
    });

  it('leaves whole batches only; after a restart the import resumes, and the same file imported again changes nothing', async () => {
    const first = await start(inst);
    const id = await uploadImport(first.server, first.admin, file);
    // In flight: a few batches committed, most of the file still to go.
    const seen = await pollImport(first.admin, id, (job) => job.status === 'running' && job.progress.rowsDone >= 2 * BATCH, 120_000, 5);
    await first.server.kill();
    expect(first.server.child.signalCode).toBe('SIGKILL');
    expect(seen.progress.rowsDone).toBeLessThan(ROWS);
    await waitForOrphanBackends(inst);

    const killed = await withDb(inst, async (db) => {
      const [job] = await queryRows<{ status: string; rows_done: number; created: number }>(db, sql`select status, rows_done, created from import_jobs`);
      const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from workers`)) as [{ n: number }];
      return { job: job!, workers: n };
    });
    expect(killed.job.status).toBe('running');
    expect(killed.job.rows_done).toBeGreaterThanOrEqual(seen.progress.rowsDone);
    expect(killed.job.rows_done).toBeLessThan(ROWS);
    expect(killed.job.rows_done % BATCH).toBe(0);
    // Exactly the committed batches: nothing of the batch in hand when the process died.
    expect(killed.workers).toBe(killed.job.created);
    expect(killed.workers).toBe(killed.job.rows_done);

    if (inst.databaseUrl) {
      // With PostgreSQL another app process may hold a running job; it is taken over once its lease
      // (LEASE_SECONDS) has run out. Let that time pass.
      await withDb(inst, (db) => db.execute(sql`update import_jobs set lease_until = now() - interval '1 second' where status = 'running'`));
    }
    const second = await start(inst);
    const done = await pollImport(second.admin, id, (job) => job.status !== 'running' && job.status !== 'queued', 120_000, 100);
    expect(done).toMatchObject({ status: 'done', rejected: 0 });
    expect(done.progress.rowsDone).toBe(ROWS);
    expect(done.created + done.unchanged).toBe(ROWS);

    // The same operation again: every row unchanged, nothing twice.
    const again = await uploadImport(second.server, second.admin, file);
    const rerun = await pollImport(second.admin, again, (job) => job.status === 'done' || job.status === 'failed', 120_000, 100);
    expect(rerun).toMatchObject({ status: 'done', created: 0, unchanged: ROWS, rejected: 0 });
    await second.server.stop();
    expect(await register()).toEqual(expected);
  }, 300_000);
});

describe('the server killed in the middle of a batch payment', () => {
  /** Workers paid in one request (the API takes up to 5,000). */
  const WORKERS = 1500;
  /** JKK 1 % of Rp1.000.000 + JKM Rp6.800, per worker and month. */
  const MONTHLY = 16_800;
  let inst: Installation;
  let workerIds: string[];
  let sourceId: string;
  let controlMs: number;

  const batch = (fromMonth: string, toMonth: string, reference: string) => ({
    sourceId,
    workerIds,
    fromMonth,
    toMonth,
    amount: WORKERS * MONTHLY * (Number(toMonth.slice(5)) - Number(fromMonth.slice(5)) + 1),
    paidOn: '2025-07-01',
    reference,
  });

  beforeAll(async () => {
    inst = await freshInstallation();
    const { server, admin } = await start(inst);
    const source = await admin.call<{ id: string }>('POST', '/api/funding/sources', { kind: 'SELF', regionCode: '52.03', name: 'Mandiri (bayar sendiri)' });
    expect(source.status, JSON.stringify(source.body)).toBe(201);
    sourceId = source.body.id;

    // The register through the import, then each worker enrolled in JKK and JKM through the API.
    const { file } = censusFile(inst.dataDir, WORKERS);
    const id = await uploadImport(server, admin, file);
    expect(await pollImport(admin, id, (job) => job.status === 'done' || job.status === 'failed', 120_000, 100)).toMatchObject({ status: 'done', created: WORKERS });
    workerIds = [];
    for (let page = 1; workerIds.length < WORKERS; page++) {
      const res = await admin.call<{ items: { id: string }[] }>('GET', `/api/workers?page=${page}&pageSize=100`);
      expect(res.status).toBe(200);
      if (res.body.items.length === 0) break;
      workerIds.push(...res.body.items.map((w) => w.id));
    }
    expect(workerIds).toHaveLength(WORKERS);
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < workerIds.length) {
          const workerId = workerIds[next++]!;
          const res = await admin.call('POST', `/api/workers/${workerId}/enrolments`, { programs: ['JKK', 'JKM'], startMonth: '2025-01', declaredIncome: 1_000_000, fundingSource: 'SELF' });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
        }
      }),
    );

    // The control run: the same batch for the first quarter, to completion. Its length times the kill below.
    const t0 = performance.now();
    const control = await admin.call('POST', '/api/payments', batch('2025-01', '2025-03', 'KONTROL-TW1'));
    controlMs = performance.now() - t0;
    expect(control.status, JSON.stringify(control.body).slice(0, 500)).toBe(201);
    await server.stop();
  }, 600_000);

  /** Everything a payment writes, plus the register, read row by row (ids and times included). */
  const ledger = () =>
    withDb(inst, async (db) => {
      const table = async (name: string, where = sql``) =>
        (
          await queryRows<{ rows: unknown[] }>(
            db,
            sql`select coalesce(jsonb_agg(to_jsonb(x) order by to_jsonb(x)::text), '[]'::jsonb) as rows from ${sql.identifier(name)} x ${where}`,
          )
        )[0]!.rows;
      return {
        workers: await table('workers'),
        enrolments: await table('enrolments'),
        payments: await table('payments'),
        premium_payments: await table('premium_payments'),
        worker_protection: await table('worker_protection'),
        coverage_spans: await table('coverage_spans'),
        coverage_deltas: await table('coverage_deltas'),
        audit: await table('audit_log', sql`where x.entity = 'payment'`),
      };
    });

  /** Lines of one payment as (enrolment, months, amount), to compare a payment with the control run's. */
  const linesOf = (state: Awaited<ReturnType<typeof ledger>>, reference: string) => {
    const payment = (state.payments as { id: string; reference: string }[]).find((p) => p.reference === reference);
    return (state.premium_payments as { payment_id: string; enrolment_id: string; amount: number; from_month: string; to_month: string }[])
      .filter((l) => l.payment_id === payment?.id)
      .map((l) => ({ enrolment: l.enrolment_id, amount: l.amount, months: `${l.from_month}..${l.to_month}` }))
      .sort((a, b) => a.enrolment.localeCompare(b.enrolment));
  };

  it('leaves the ledger exactly as before or exactly as after, and the same batch run again completes it once', async () => {
    const before = await ledger();
    const second = batch('2025-04', '2025-06', 'TW2-2025');

    const { server, admin } = await start(inst);
    let answered = false;
    const inFlight = admin.call('POST', '/api/payments', second).then(
      () => (answered = true),
      () => undefined, // the connection dies with the server
    );
    if (inst.databaseUrl) {
      // Deterministic: kill once the payment's transaction has written (it holds a transaction id) and has not committed.
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      try {
        for (const deadline = Date.now() + 60_000; ; ) {
          const { rows } = await client.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where datname = $1 and backend_xid is not null and state in ('active', 'idle in transaction')`,
            [inst.databaseName],
          );
          if (rows[0]!.n > 0) break;
          if (answered || Date.now() > deadline) throw new Error('the payment finished (or never started) before it could be caught in flight');
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      } finally {
        await server.kill();
        await client.end();
      }
    } else {
      // The embedded database cannot be watched from outside: kill an eighth of the way through the time the same batch
      // took in the control run, counted from the moment the server logged the request.
      await server.waitForLine((line) => line.includes('"incoming request"') && line.includes('"/api/payments"'), 30_000);
      await new Promise((resolve) => setTimeout(resolve, controlMs / 8));
      await server.kill();
    }
    await inFlight;
    // On PostgreSQL the kill is certain to land in flight. On PGlite it is timed from the control run, and a
    // busy machine may finish the batch first: then the ledger must be exactly "after", as checked below.
    if (inst.databaseUrl) expect(answered, 'the payment was answered before the kill: the server was not killed in flight').toBe(false);
    else if (answered) console.info('PGlite: the payment finished before the kill; checking the ledger is exactly "after"');
    expect(server.child.signalCode).toBe('SIGKILL');
    await waitForOrphanBackends(inst);

    const afterKill = await ledger();
    const committed = !isDeepStrictEqual(afterKill, before);

    // Restart and run the same batch again: it is recorded now, or it is refused as already paid (no second copy).
    const restarted = await start(inst);
    const rerun = await restarted.admin.call<{ error?: { code: string } }>('POST', '/api/payments', second);
    expect(rerun.status, JSON.stringify(rerun.body).slice(0, 300)).toBe(committed ? 409 : 201);
    if (committed) expect(rerun.body.error?.code).toBe('ALREADY_PAID');
    const third = await restarted.admin.call<{ error?: { code: string } }>('POST', '/api/payments', second);
    expect(third.status).toBe(409);
    expect(third.body.error?.code).toBe('ALREADY_PAID');
    await restarted.server.stop();
    const after = await ledger();

    console.info(`payment batch of ${WORKERS} workers (control run ${Math.round(controlMs)} ms) killed in flight: the ledger was found ${committed ? 'as after (committed)' : 'as before (rolled back)'}`);
    // Exactly one of the two states, row for row.
    expect(afterKill).toEqual(committed ? after : before);

    // And "after" is the batch recorded once, completely: one more payment, its lines, paid-until moved on.
    expect(after.workers).toEqual(before.workers);
    expect(after.enrolments).toEqual(before.enrolments);
    expect(after.payments).toHaveLength(before.payments.length + 1);
    const recorded = (after.payments as { reference: string; worker_count: number; amount: number; expected_amount: number }[]).filter((p) => p.reference === 'TW2-2025');
    expect(recorded).toEqual([expect.objectContaining({ worker_count: WORKERS, amount: second.amount, expected_amount: second.amount })]);
    expect(after.premium_payments).toHaveLength(before.premium_payments.length + 2 * WORKERS);
    // The same lines as the control run's, a quarter later.
    const control = linesOf(after, 'KONTROL-TW1');
    expect(control).toHaveLength(2 * WORKERS);
    expect(linesOf(after, 'TW2-2025')).toEqual(control.map((l) => ({ ...l, months: '2025-04..2025-06' })));
    const paidUntil = (state: typeof before) => new Set((state.worker_protection as { paid_until: string }[]).map((p) => p.paid_until));
    expect(paidUntil(before)).toEqual(new Set(['2025-03']));
    expect(paidUntil(after)).toEqual(new Set(['2025-06']));
    expect(after.audit).toHaveLength(before.audit.length + 1);
  }, 300_000);
});
