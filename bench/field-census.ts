/**
 * The offline field census for `npm run bench` (section j, `BENCH_ONLY=field`), on PGlite and, with
 * BENCH_DATABASE_URL, on a PostgreSQL server:
 *
 *   1. a village register of BENCH_FIELD_REGISTER workers (default 2,000, a large Lombok village), seeded
 *      in SQL; the enumerator downloads it (GET /api/census/register: digests, coverage) — p50/p95;
 *   2. a phone's queue of BENCH_FIELD_QUEUE entries (default 500: 85 % new workers, 5 % existing workers
 *      confirmed, 5 % offline edits, 5 % invalid NIKs) synced over the API as the app does it, 50 entries
 *      per request, one request after another — total time, entries/s, p50/p95 per request;
 *   3. the same queue sent again (a phone that lost every answer): all replayed, nothing new;
 * and, from the production build (dist/web, built if missing), the compressed JavaScript a phone loads
 * first for the login page and for the field census app (bench/app-shell.ts).
 */
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '../server/db/client.ts';
import { makeWorker } from '../server/test/factories.ts';
import { createPostgresDatabase } from '../server/test/test-app.ts';
import { appShellSizes, ensureWebBuild, type ShellSize } from './app-shell.ts';
import { fmt, heading, int, positiveInt, say, timing, type Timing } from './output.ts';
import { adminHeaders, bootSection, num, seqUuid } from './section.ts';

const VILLAGE = '52.03.01.2001';
const BATCH = 50;

export interface FieldBenchSettings {
  register: number;
  queue: number;
}

export function fieldSettings(env: NodeJS.ProcessEnv = process.env): FieldBenchSettings {
  return { register: positiveInt(env.BENCH_FIELD_REGISTER, 2000), queue: positiveInt(env.BENCH_FIELD_QUEUE, 500) };
}

export interface FieldEngineResults {
  engine: 'pglite' | 'postgres';
  download: Timing;
  sync: { entries: number; ms: number; perSecond: number; batch: Timing; statuses: Record<string, number> };
  resend: { entries: number; ms: number; perSecond: number; replayed: number; workersAdded: number };
}

export interface FieldResults {
  settings: FieldBenchSettings;
  engines: FieldEngineResults[];
  shell: ShellSize[];
}

/** Register workers of one village, in SQL: valid NIKs of people born 1960–1979 (the queue's are 1985). */
async function seedRegister(db: Db, n: number): Promise<void> {
  await db.execute(sql`
    insert into workers (id, nik, name, birth_date, sex, village_code, district_code, hamlet, occupation)
    select ${seqUuid(sql`900000 + i`)},
           '520301' || lpad(((i % 28) + 1)::text, 2, '0') || lpad(((i / 28) % 12 + 1)::text, 2, '0') || lpad((60 + (i / 336) % 20)::text, 2, '0') || lpad((i % 9999 + 1)::text, 4, '0'),
           'Warga Bench ' || chr(65 + i % 26) || chr(97 + (i / 26) % 26) || chr(97 + (i / 676) % 26), make_date(1960 + (i / 336) % 20, (i / 28) % 12 + 1, (i % 28) + 1), 'M',
           ${VILLAGE}, '52.03.01', 'Dusun ' || (i % 7), 'farm_labourer'
      from generate_series(0, ${num(n - 1)}) as i`);
}

async function benchEngine(engine: 'pglite' | 'postgres', env: { DATA_DIR: string; DATABASE_URL: string }, s: FieldBenchSettings): Promise<FieldEngineResults> {
  const jaring = await bootSection(env);
  const { db } = jaring.database;
  const { app } = jaring;
  try {
    await seedRegister(db, s.register);
    const admin = await adminHeaders(app);
    const round = await app.inject({
      method: 'POST',
      url: '/api/census/rounds',
      headers: admin,
      payload: { name: 'Sensus bench', startsOn: '2026-11-01', endsOn: '2026-12-31', targetGroups: ['farm_labourer'], villages: [{ villageCode: VILLAGE, target: s.queue }] },
    });
    if (round.statusCode !== 201) throw new Error(`round: ${round.statusCode} ${round.body}`);
    const roundId = round.json().id as string;
    await app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'enum.bench', password: 'enum-bench-password', role: 'enumerator', regionCode: VILLAGE } });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'enum.bench', password: 'enum-bench-password' } });
    const cookie = login.cookies.find((c) => c.name === 'jaring_session');
    if (!cookie) throw new Error(`enumerator login failed: ${login.body}`);
    const headers = { cookie: `${cookie.name}=${cookie.value}` };

    // 1. The register download.
    const downloads: number[] = [];
    let register: { workers: { id: string; version: string; hamlet: string | null }[] } = { workers: [] };
    for (let i = 0; i < 12; i++) {
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/census/register?village=${VILLAGE}`, headers });
      if (i >= 2) downloads.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`register: ${res.statusCode} ${res.body.slice(0, 300)}`);
      register = res.json();
    }
    const download = timing(downloads);
    say(`  register download (${int(register.workers.length)} workers): p50 ${fmt(download.p50)} ms, p95 ${fmt(download.p95)} ms`);

    // 2. The queue, as a phone builds it offline.
    const recordedAt = '2026-11-24T09:00:00+08:00';
    const queue = Array.from({ length: s.queue }, (_, i) => {
      const key = randomUUID();
      const existing = register.workers[i % register.workers.length]!;
      switch (i % 20) {
        case 0:
          return { key, roundId, recordedAt, kind: 'confirm', workerId: existing.id };
        case 1:
          return { key, roundId, recordedAt, kind: 'update', workerId: existing.id, baseVersion: existing.version, base: { hamlet: existing.hamlet }, changes: { hamlet: `Dusun Baru ${i}` } };
        case 2:
          return { key, roundId, recordedAt, kind: 'new', fields: { ...makeWorker({ villageCode: VILLAGE }), nik: `5203013507${String(85 + (i % 10)).padStart(2, '0')}${String(i).padStart(4, '0')}` } };
        default:
          return { key, roundId, recordedAt, kind: 'new', fields: makeWorker({ villageCode: VILLAGE }) };
      }
    });
    const workerCount = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from workers`))[0]!.n;
    const before = await workerCount();
    const send = async () => {
      const statuses: Record<string, number> = {};
      let replayed = 0;
      const samples: number[] = [];
      const started = performance.now();
      for (let i = 0; i < queue.length; i += BATCH) {
        const t = performance.now();
        const res = await app.inject({ method: 'POST', url: '/api/census/sync', headers, payload: { entries: queue.slice(i, i + BATCH) } });
        samples.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`sync: ${res.statusCode} ${res.body.slice(0, 300)}`);
        for (const r of res.json().results as { status: string; replayed: boolean }[]) {
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          if (r.replayed) replayed++;
        }
      }
      const ms = performance.now() - started;
      return { ms, statuses, replayed, batch: timing(samples) };
    };
    const first = await send();
    const sync = { entries: queue.length, ms: first.ms, perSecond: (queue.length * 1000) / first.ms, batch: first.batch, statuses: first.statuses };
    say(
      `  sync a queue of ${int(queue.length)} entries (${BATCH} per request): ${fmt(first.ms / 1000, 2)} s = ${fmt(sync.perSecond)} entries/s; ` +
        `per request p50 ${fmt(first.batch.p50)} ms, p95 ${fmt(first.batch.p95)} ms — ${JSON.stringify(first.statuses)}`,
    );
    const afterFirst = await workerCount();
    const again = await send();
    const afterSecond = await workerCount();
    const resend = { entries: queue.length, ms: again.ms, perSecond: (queue.length * 1000) / again.ms, replayed: again.replayed, workersAdded: afterSecond - afterFirst };
    say(
      `  the same queue again: ${fmt(again.ms / 1000, 2)} s = ${fmt(resend.perSecond)} entries/s; ${int(again.replayed)} replayed, ` +
        `workers added by the first send ${int(afterFirst - before)}, by the second ${int(resend.workersAdded)}`,
    );
    return { engine, download, sync, resend };
  } finally {
    await app.close();
  }
}

export async function benchField(tmpRoot: string, s: FieldBenchSettings = fieldSettings()): Promise<FieldResults> {
  const results: FieldResults = { settings: s, engines: [], shell: [] };
  heading(`j. Field census on PGlite: register of ${int(s.register)}, queue of ${int(s.queue)}`);
  results.engines.push(await benchEngine('pglite', { DATA_DIR: `${tmpRoot}/field`, DATABASE_URL: '' }, s));
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    heading(`j. Field census on PostgreSQL (BENCH_DATABASE_URL)`);
    const { url, drop } = await createPostgresDatabase(serverUrl);
    try {
      results.engines.push(await benchEngine('postgres', { DATA_DIR: `${tmpRoot}/unused-field`, DATABASE_URL: url }, s));
    } finally {
      await drop();
    }
  } else {
    say('\n(Set BENCH_DATABASE_URL=postgres://… to measure section j on a PostgreSQL server too.)');
  }
  heading('j. App shell: compressed JavaScript loaded first (production build)');
  ensureWebBuild();
  results.shell = appShellSizes();
  for (const shell of results.shell) {
    say(`  ${shell.page.padEnd(30)} ${String(shell.files.length).padStart(3)} files  gzip ${fmt(shell.gzipBytes / 1024)} kB  brotli ${fmt(shell.brotliBytes / 1024)} kB  (raw ${fmt(shell.rawBytes / 1024)} kB)`);
  }
  return results;
}

export function printFieldSummary(r: FieldResults): void {
  for (const e of r.engines) {
    say(`  census sync, ${int(r.settings.queue)} entries (${e.engine})`.padEnd(46) + `${fmt(e.sync.ms / 1000, 2).padStart(8)} s   ${fmt(e.sync.perSecond)} entries/s`);
  }
  for (const shell of r.shell) {
    say(`  app shell JS, ${shell.page}`.padEnd(46) + `${fmt(shell.gzipBytes / 1024).padStart(8)} kB gzip   target < 300 kB   ${shell.gzipBytes < 300 * 1024 ? '✓' : '✗'}`);
  }
}
