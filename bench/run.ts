/**
 * `npm run bench`: how fast Jaring is on the embedded PGlite database, measured the way people use it.
 *
 *   a. worker registrations per second through the HTTP API (POST /api/workers, 10 at a time);
 *   b. worker lists at 100,000 workers (one village, the whole regency, name and NIK searches), about
 *      half of them enrolled with payments as in the demo, since every list page looks up coverage;
 *   c. start-up time of the server process (fresh with demo data, fresh without, restarts);
 *   d. peak memory.
 *
 * Everything runs in a fresh temporary folder on 127.0.0.1 and is removed at the end. The server runs in
 * this process's main thread; the load generator runs in a worker thread so it does not steal the
 * server's event loop (on a 2-core machine each gets a core, like a server and its browsers).
 * Figures are printed next to the targets of the performance issue and written to
 * bench/results/latest.json. Nothing is asserted: a miss is investigated and reported, not failed.
 *
 *   e. census import rows/s and peak memory (100,000 and 1,000,000 CSV rows) next to raw COPY of the same rows;
 *   f. BPJS reconciliation: time, and precision and recall of the linkage on a synthetic truth set
 *      (bench/imports.ts; each step in its own process on a fresh PGlite folder).
 *   g. renewal and lapse worklists at 500,000 workers / 12,000,000 payment lines (bench/financing.ts).
 *   h. coverage figures, trend and leaderboard at 1,000,000 workers (bench/coverage.ts).
 *   i. claims: reporting deaths through the API, lists, warnings and totals at 20,000 claims (bench/claims.ts).
 *   j. field census: a village register download, a phone's queue of 500 entries synced and sent again,
 *      and the compressed JavaScript a phone loads first (bench/field-census.ts, bench/app-shell.ts).
 *
 * Smaller runs for trying things out: BENCH_REGISTER=20000 BENCH_CREATES=500 npm run bench
 * Only some sections: BENCH_ONLY=api (a–d), BENCH_ONLY=imports (e and f), BENCH_ONLY=census (e), BENCH_ONLY=linkage (f),
 * BENCH_ONLY=financing (g; sizes BENCH_FIN_WORKERS=500000 BENCH_FIN_MONTHS=12 BENCH_FIN_REQUESTS=30), BENCH_ONLY=coverage (h),
 * BENCH_ONLY=claims (i; sizes BENCH_CLAIMS=20000 BENCH_CLAIM_WORKERS=50000 BENCH_CLAIM_REPORTS=300 BENCH_CLAIM_REQUESTS=40),
 * BENCH_ONLY=field (j; sizes BENCH_FIELD_REGISTER=2000 BENCH_FIELD_QUEUE=500).
 * Sizes of e and f: BENCH_IMPORT_ROWS=100000,1000000 BENCH_LINK_REGISTER=1000000 BENCH_LINK_PARTICIPANTS=150000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import { todayIn } from '../core/dates.ts';
import { bootJaring, type Jaring } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { findUserByUsername } from '../server/domains/auth/auth.repo.ts';
import { toSessionUser } from '../server/domains/auth/auth.service.ts';
import { createWorker } from '../server/domains/workers/workers.service.ts';
import { enrolments, premiumPayments } from '../server/domains/enrolment/enrolment.table.ts';
import { workers } from '../server/domains/workers/workers.table.ts';
import type { DemoWorker } from '../server/demo/demo-data.ts';
import { enrolmentRows, toCreateBody, toInsertRow, uniqueWorkers, type RegionSet } from './data.ts';
import { captureQueries, explainAnalyze, type CapturedQuery } from './explain.ts';
import { benchImports, importSettings, printImportSummary, type ImportBenchResults } from './imports.ts';
import { benchFinancing, financingSettings, FINANCING_TARGETS, printFinancingSummary, type FinancingResults } from './financing.ts';
import { benchCoverage, coverageSettings, COVERAGE_TARGETS, printCoverageSummary, type CoverageResults } from './coverage.ts';
import { benchClaims, claimsSettings, printClaimsSummary, type ClaimsResults } from './claims.ts';
import { benchField, fieldSettings, printFieldSummary, type FieldResults } from './field-census.ts';
import { runLoad, type LoadRequest, type LoadSummary } from './load.ts';
import { fmt, heading, mark, mb, positiveInt, say } from './output.ts';
import { profileWork, type ProfileSummary } from './profile.ts';
import { measureStartup, REPO_ROOT, type StartupResult } from './startup.ts';
import { createPostgresDatabase } from '../server/test/test-app.ts';

const TARGETS = { createsPerSecond: 500, listP95Ms: 50, restartMs: 3000 } as const;

const SETTINGS = {
  regionCode: '52.03',
  timeZone: 'Asia/Makassar',
  createCount: positiveInt(process.env.BENCH_CREATES, 3000),
  createWarmup: 100,
  createConcurrency: 10,
  registerSize: positiveInt(process.env.BENCH_REGISTER, 100_000),
  insertBatch: 1000,
  listRequests: 300,
  listWarmup: 20,
  listConcurrencies: [1, 10],
  /** No HTTP run goes on longer than this; requests not sent by then are reported. */
  runDeadlineMs: 60_000,
  requestTimeoutMs: 30_000,
  startupTimeoutMs: 120_000,
};
const ADMIN_PASSWORD = 'bench-admin-password';

// ---------------------------------------------------------------- output


function memorySnapshot(label: string) {
  const m = process.memoryUsage();
  return { label, rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
}

function loadLine(name: string, s: LoadSummary, checkP95 = true): string {
  const target = checkP95 ? `  p95 ${mark(s.ms.p95 < TARGETS.listP95Ms)} < ${TARGETS.listP95Ms}` : '';
  const errors = s.errors || s.notSent ? `  errors ${s.errors}${s.notSent ? `, not sent ${s.notSent}` : ''}` : '';
  return `  ${name.padEnd(34)} c=${String(s.concurrency).padEnd(3)} p50 ${fmt(s.ms.p50).padStart(6)}  p95 ${fmt(s.ms.p95).padStart(6)}  p99 ${fmt(s.ms.p99).padStart(6)} ms  ${fmt(s.perSecond).padStart(7)} req/s${target}${errors}`;
}

function printErrors(s: LoadSummary): void {
  if (!s.errors) return;
  say(`    answers: ${JSON.stringify(s.statusCounts)}`);
  for (const sample of s.errorSamples) say(`    e.g. ${sample}`);
}

// ---------------------------------------------------------------- helpers

interface Server {
  jaring: Jaring;
  origin: string;
  cookie: string;
}

async function login(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jaring_session='));
  if (!cookie) throw new Error('admin login set no jaring_session cookie');
  return cookie.split(';')[0]!;
}

function load(server: Server, requests: LoadRequest[], concurrency: number, expectStatus: number): Promise<LoadSummary> {
  return runLoad({
    origin: server.origin,
    cookie: server.cookie,
    concurrency,
    requests,
    expectStatus,
    requestTimeoutMs: SETTINGS.requestTimeoutMs,
    deadlineMs: SETTINGS.runDeadlineMs,
  });
}

async function countWorkers(server: Server): Promise<number> {
  const [row] = await server.jaring.database.db.select({ n: count() }).from(workers);
  return row?.n ?? 0;
}

function printProfile(title: string, p: ProfileSummary): void {
  say(`  ${title}: ${p.busyMs} ms busy, ${p.idleMs} ms idle on the server thread`);
  for (const part of p.byPart.slice(0, 9)) say(`    ${part.part.padEnd(42)} ${String(part.ms).padStart(6)} ms  ${fmt(part.share).padStart(5)} %`);
  say('    hottest functions (self time):');
  for (const f of p.topFunctions.slice(0, 8)) say(`      ${String(f.ms).padStart(5)} ms  ${f.fn.slice(0, 90)}`);
}

// ---------------------------------------------------------------- a. creates

async function benchCreates(server: Server, regions: RegionSet, taken: Set<string>) {
  heading(`a. Register workers: POST /api/workers, ${SETTINGS.createCount} requests, ${SETTINGS.createConcurrency} at a time`);
  const total = SETTINGS.createWarmup + SETTINGS.createCount;
  // Extra rows: 300 for the one-at-a-time run and some for the investigation when the target is missed.
  const rows = uniqueWorkers(regions, total + 1900, taken, 1);
  const requests = rows.map(postWorker);

  const warmup = await load(server, requests.slice(0, SETTINGS.createWarmup), SETTINGS.createConcurrency, 201);
  say(`  warm-up: ${warmup.ok} creates (not counted)${warmup.errors ? `, ${warmup.errors} errors` : ''}`);
  printErrors(warmup);
  const run = await load(server, requests.slice(SETTINGS.createWarmup, total), SETTINGS.createConcurrency, 201);
  const ok = run.perSecond >= TARGETS.createsPerSecond;
  say(`  creates/s  ${fmt(run.perSecond).padStart(7)}   target ≥ ${TARGETS.createsPerSecond}  ${mark(ok)}`);
  say(`  latency    p50 ${fmt(run.ms.p50)}  p95 ${fmt(run.ms.p95)}  p99 ${fmt(run.ms.p99)}  max ${fmt(run.ms.max)} ms`);
  say(`  answers    ${run.ok} × 201, errors ${run.errors}${run.notSent ? `, not sent before the deadline ${run.notSent}` : ''}  (${run.durationMs} ms)`);
  printErrors(run);

  // One at a time, for the latency of a single operator and to compare with the service alone.
  const spare = requests.slice(total);
  const single = await load(server, spare.slice(0, 300), 1, 201);
  say(loadLine('same, one at a time', single, false));
  printErrors(single);

  const result: Record<string, unknown> = { warmup, run, oneAtATime: single, target: TARGETS.createsPerSecond, met: ok };
  if (!ok) result.investigation = await investigateCreates(server, rows.slice(total + 300), single);
  return result;
}

function postWorker(row: DemoWorker): LoadRequest {
  return { method: 'POST', path: '/api/workers', body: JSON.stringify(toCreateBody(row)) };
}

/** Where does a registration's time go? Its SQL, the service without HTTP, and a CPU profile. */
async function investigateCreates(server: Server, spare: DemoWorker[], single: LoadSummary) {
  say();
  say('  Target missed — where the time goes:');
  const { db } = server.jaring.database;
  const { app } = server.jaring;

  const statements = await captureQueries(db, () =>
    app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: server.cookie }, payload: toCreateBody(spare.shift()!) }),
  );
  say(`  one registration sends ${statements.length} SQL statements through Drizzle (a transaction adds BEGIN and COMMIT):`);
  for (const s of statements) say(`    ${s.sql.replace(/\s+/g, ' ').slice(0, 110)}`);

  // The service alone (no HTTP, no session lookup, no zod on the way in or out).
  const admin = await findUserByUsername(db, 'admin');
  const ctx = {
    actor: toSessionUser(admin!),
    regions: server.jaring.regions,
    today: todayIn(SETTINGS.timeZone, new Date()),
    requestId: 'bench',
  };
  const direct = spare.splice(0, 300);
  const t0 = performance.now();
  for (const row of direct) await createWorker(db, ctx, toCreateBody(row));
  const serviceMs = (performance.now() - t0) / direct.length;
  say(`  createWorker() called directly: ${fmt(serviceMs, 2)} ms each (${fmt(1000 / serviceMs, 0)}/s) vs ${fmt(single.ms.p50, 2)} ms p50 over HTTP one at a time`);

  // The statements of the transaction, replayed alone: BEGIN + 2 inserts + COMMIT without the rest.
  const bare = spare.splice(0, 300).map(toInsertRow);
  const t1 = performance.now();
  for (const row of bare) {
    await db.transaction(async (tx) => {
      await tx.insert(workers).values(row).returning();
    });
  }
  const insertMs = (performance.now() - t1) / bare.length;
  say(`  a bare insert of one worker in its own transaction: ${fmt(insertMs, 2)} ms each (${fmt(1000 / insertMs, 0)}/s)`);

  const profiled = spare.splice(0, 1000).map(postWorker);
  const profile = await profileWork(() => load(server, profiled, SETTINGS.createConcurrency, 201));
  printProfile(`CPU profile of ${profiled.length} creates at c=${SETTINGS.createConcurrency}`, profile);
  return { statements: statements.map((s) => s.sql), serviceMsPerCreate: serviceMs, bareInsertMs: insertMs, profile };
}

// ---------------------------------------------------------------- b. lists at 100,000 workers

async function fillRegister(server: Server, regions: RegionSet, taken: Set<string>) {
  heading(`b. Worker lists at ${SETTINGS.registerSize.toLocaleString('en')} workers`);
  const { db } = server.jaring.database;
  for (const { nik } of await db.select({ nik: workers.nik }).from(workers)) taken.add(nik);
  const before = await countWorkers(server);
  const needed = Math.max(0, SETTINGS.registerSize - before);
  const t0 = performance.now();
  const rows = uniqueWorkers(regions, needed, taken, 1001).map(toInsertRow);
  const cover = enrolmentRows(rows, todayIn(SETTINGS.timeZone, new Date()), 4402);
  const generateMs = performance.now() - t0;
  say(
    `  ${before.toLocaleString('en')} workers from part a; generated ${needed.toLocaleString('en')} more with ` +
      `${cover.enrolments.length.toLocaleString('en')} enrolments and ${cover.payments.length.toLocaleString('en')} payments in ${Math.round(generateMs)} ms`,
  );

  const t1 = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += SETTINGS.insertBatch) {
      await tx.insert(workers).values(rows.slice(i, i + SETTINGS.insertBatch));
      const done = Math.min(i + SETTINGS.insertBatch, rows.length);
      if (done % 10_000 < SETTINGS.insertBatch || done === rows.length) {
        const seconds = (performance.now() - t1) / 1000;
        say(`  inserted ${done.toLocaleString('en').padStart(7)} / ${rows.length.toLocaleString('en')} workers  (${Math.round(done / seconds)} rows/s)`);
      }
    }
    for (let i = 0; i < cover.enrolments.length; i += SETTINGS.insertBatch) await tx.insert(enrolments).values(cover.enrolments.slice(i, i + SETTINGS.insertBatch));
    for (let i = 0; i < cover.payments.length; i += SETTINGS.insertBatch) await tx.insert(premiumPayments).values(cover.payments.slice(i, i + SETTINGS.insertBatch));
    say(`  inserted the enrolments and payments (${fmt((performance.now() - t1) / 1000)} s so far)`);
  });
  const insertMs = performance.now() - t1;
  // PGlite runs Postgres in single-user mode without background workers: autovacuum never runs.
  const stats = (await db.execute(
    sql`select n_live_tup, n_mod_since_analyze, last_autoanalyze, last_autovacuum from pg_stat_user_tables where relname = 'workers'`,
  )) as unknown as { rows: Record<string, unknown>[] };
  const beforeAnalyze = stats.rows[0] ?? {};
  say(`  before ANALYZE: pg_stat_user_tables says ${JSON.stringify(beforeAnalyze)}`);
  const t2 = performance.now();
  await db.execute(sql`ANALYZE`);
  const analyzeMs = performance.now() - t2;
  const after = await countWorkers(server);
  const villagesUsed = await db.select({ n: sql<number>`count(distinct ${workers.villageCode})::int` }).from(workers);
  say(`  register now holds ${after.toLocaleString('en')} workers in ${villagesUsed[0]?.n} villages; bulk insert ${fmt(insertMs / 1000)} s, ANALYZE ${Math.round(analyzeMs)} ms`);
  return { before, inserted: rows.length, enrolments: cover.enrolments.length, payments: cover.payments.length, total: after, villages: villagesUsed[0]?.n, insertMs: Math.round(insertMs), analyzeMs: Math.round(analyzeMs), beforeAnalyze };
}

interface Scenario {
  name: string;
  paths: string[];
}

function listScenarios(regions: RegionSet, sampleNiks: string[]): Scenario[] {
  const n = SETTINGS.listRequests + SETTINGS.listWarmup;
  const cycle = <T>(items: T[], i: number) => items[i % items.length]!;
  const districtPrefixes = regions.districts.map((d) => d.code.replaceAll('.', ''));
  return [
    { name: 'one village, page 1', paths: Array.from({ length: n }, (_, i) => `/api/workers?village=${cycle(regions.villages, i * 7).code}&page=1&pageSize=50`) },
    { name: 'whole regency, page 1 (no filter)', paths: Array.from({ length: n }, () => '/api/workers?page=1&pageSize=50') },
    { name: 'name search "siti" (regency)', paths: Array.from({ length: n }, () => '/api/workers?q=siti&pageSize=50') },
    { name: 'NIK prefix, 6 digits (district)', paths: Array.from({ length: n }, (_, i) => `/api/workers?q=${cycle(districtPrefixes, i)}&pageSize=50`) },
    { name: 'NIK prefix, 12 digits', paths: Array.from({ length: n }, (_, i) => `/api/workers?q=${cycle(sampleNiks, i).slice(0, 12)}&pageSize=50`) },
  ];
}

async function benchLists(server: Server, regions: RegionSet) {
  const { db } = server.jaring.database;
  const sample = await db.select({ nik: workers.nik }).from(workers).orderBy(sql`random()`).limit(200);
  const scenarios = listScenarios(
    regions,
    sample.map((r) => r.nik),
  );
  say();
  say(`  ${SETTINGS.listRequests} requests per line after ${SETTINGS.listWarmup} warm-up, pageSize 50, as admin (whole regency in scope)`);
  const results: Record<string, unknown>[] = [];
  for (const scenario of scenarios) {
    const requests = scenario.paths.map((p): LoadRequest => ({ method: 'GET', path: p }));
    const runs: LoadSummary[] = [];
    for (const concurrency of SETTINGS.listConcurrencies) {
      await load(server, requests.slice(0, SETTINGS.listWarmup), concurrency, 200);
      const run = await load(server, requests.slice(SETTINGS.listWarmup), concurrency, 200);
      say(loadLine(scenario.name, run));
      printErrors(run);
      runs.push(run);
    }
    const probe = await fetch(`${server.origin}${scenario.paths[0]}`, { headers: { cookie: server.cookie } });
    const total = ((await probe.json()) as { total?: number }).total;
    results.push({ name: scenario.name, examplePath: scenario.paths[0], matchingRows: total, runs });
  }
  return { results, scenarios };
}

/**
 * EXPLAIN ANALYZE of the queries one request of each scenario sends; where a target is missed but the
 * database explains less than half the time, a CPU profile of the requests shows the rest.
 */
async function explainLists(server: Server, results: Record<string, unknown>[], scenarios: Scenario[], verbose: boolean) {
  const { db } = server.jaring.database;
  const { app } = server.jaring;
  say();
  say('  Database time per request (EXPLAIN ANALYZE of the repo\'s own queries, one request each):');
  let profiled = 0;
  for (const result of results) {
    const captured: CapturedQuery[] = await captureQueries(db, () =>
      app.inject({ method: 'GET', url: result.examplePath as string, headers: { cookie: server.cookie } }),
    );
    const workerQueries = captured.filter((q) => /^\s*select\b/i.test(q.sql) && !/from "sessions"/i.test(q.sql));
    const plans: { sql: string; plan: string[]; executionMs: number | null }[] = [];
    for (const query of workerQueries) {
      const plan = await explainAnalyze(db, query);
      const exec = plan.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find(Boolean);
      plans.push({ sql: query.sql, plan, executionMs: exec ? Number(exec[1]) : null });
    }
    result.explain = plans;
    const runs = result.runs as LoadSummary[];
    const missed = runs.some((r) => r.ms.p95 >= TARGETS.listP95Ms);
    const kind = (q: string) => (/count\(/i.test(q) ? 'count' : /from "workers"/i.test(q) ? 'page' : (/from "(\w+)"/i.exec(q)?.[1] ?? 'other'));
    const summary = plans.map((p) => `${kind(p.sql)} ${fmt(p.executionMs, 2)} ms`).join(', ');
    say(`    ${(result.name as string).padEnd(34)} ${String(result.matchingRows ?? '?').padStart(6)} matching rows; ${summary}`);
    const dbMs = plans.reduce((sum, p) => sum + (p.executionMs ?? 0), 0);
    const single = runs.find((r) => r.concurrency === 1);
    if (single && single.ms.p95 >= TARGETS.listP95Ms && dbMs < single.ms.p50 / 2 && profiled < 2) {
      profiled += 1;
      const scenario = scenarios.find((sc) => sc.name === result.name)!;
      const requests = scenario.paths.slice(0, 150).map((p): LoadRequest => ({ method: 'GET', path: p }));
      const profile = await profileWork(() => load(server, requests, 1, 200));
      printProfile(`      database ${fmt(dbMs, 1)} ms of a ${fmt(single.ms.p50, 1)} ms p50 — CPU profile of ${requests.length} requests at c=1`, profile);
      result.profile = profile;
    }
    if (missed || verbose) {
      // The plans that cost something; BENCH_VERBOSE=1 shows them all.
      for (const p of plans.filter((plan) => verbose || (plan.executionMs ?? 0) >= 5)) {
        say(`      ${p.sql.replace(/\s+/g, ' ').replace(/select .*? from/i, 'select … from').slice(0, 150)}`);
        for (const line of p.plan.filter((l) => !/^\s*(Buffers|Planning:)/.test(l)).slice(0, 14)) say(`        ${line.length > 160 ? `${line.slice(0, 160)}…` : line}`);
      }
    }
  }
}

// ---------------------------------------------------------------- c. start-up

async function benchStartup(tmpRoot: string, registerDir: string): Promise<StartupResult[]> {
  heading('c. Start-up: spawn `node --import tsx server/main.ts` → GET /api/health answers 200');
  const demoDir = path.join(tmpRoot, 'startup-demo');
  const emptyDir = path.join(tmpRoot, 'startup-empty');
  const cases: { label: string; dataDir: string; env: Record<string, string> }[] = [
    { label: 'fresh folder, demo dataset (default)', dataDir: demoDir, env: { JARING_DEMO: '1' } },
    { label: 'fresh folder, JARING_DEMO=0', dataDir: emptyDir, env: { JARING_DEMO: '0' } },
    { label: 'restart, demo folder', dataDir: demoDir, env: {} },
    { label: `restart, ${SETTINGS.registerSize.toLocaleString('en')}-worker folder (part b)`, dataDir: registerDir, env: {} },
  ];
  const results: StartupResult[] = [];
  for (const c of cases) {
    const result = await measureStartup({ ...c, env: { JARING_ADMIN_PASSWORD: ADMIN_PASSWORD, ...c.env }, timeoutMs: SETTINGS.startupTimeoutMs });
    const isRestart = c.label.startsWith('restart');
    const target = isRestart && result.readyMs !== null ? `  target < ${TARGETS.restartMs} ${mark(result.readyMs < TARGETS.restartMs)}` : '';
    say(
      `  ${c.label.padEnd(44)} ${result.ok ? `${String(result.readyMs).padStart(6)} ms` : 'FAILED   '}` +
        `  (server says ${result.selfReportedMs ?? '—'} ms; stop ${result.shutdownMs ?? '—'} ms by ${result.exitedBy}; peak RSS ${result.peakRssMb ?? '—'} MB)${target}`,
    );
    if (!result.ok) say(`    ${result.error}\n${result.outputTail.replace(/^/gm, '    | ')}`);
    results.push(result);
  }
  return results;
}

// ---------------------------------------------------------------- main

/** a. and b. on one database engine: a fresh database, an in-process server, creates, then lists at full size. */
async function benchEngine(env: { DATA_DIR: string; DATABASE_URL: string }, memory: ReturnType<typeof memorySnapshot>[]) {
  const config = loadConfig({
    ...process.env,
    ...env,
    JARING_REGENCY: SETTINGS.regionCode,
    JARING_TIMEZONE: SETTINGS.timeZone,
    JARING_DEMO: '0',
    JARING_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PORT: '0',
    HOST: '127.0.0.1',
    LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: '0',
  });
  const tBoot = performance.now();
  const jaring = await bootJaring(config, { logger: false });
  await jaring.app.listen({ port: 0, host: '127.0.0.1' });
  const address = jaring.app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;
  const server: Server = { jaring, origin, cookie: await login(origin) };
  const engine = jaring.database.kind === 'pglite' ? 'embedded PGlite, fresh folder' : 'PostgreSQL server, fresh database';
  say(`In-process server on ${origin} (${engine}) booted in ${Math.round(performance.now() - tBoot)} ms`);

  const regions: RegionSet = {
    villages: jaring.regions.within(SETTINGS.regionCode, 'village'),
    districts: jaring.regions.within(SETTINGS.regionCode, 'district'),
  };
  const taken = new Set<string>();
  const results: Record<string, unknown> = { engine: jaring.database.kind };
  try {
    results.create = await benchCreates(server, regions, taken);
    memory.push(memorySnapshot(`after a. (${jaring.database.kind})`));
    results.register = await fillRegister(server, regions, taken);
    memory.push(memorySnapshot(`after insert (${jaring.database.kind})`));
    const { results: lists, scenarios } = await benchLists(server, regions);
    await explainLists(server, lists, scenarios, process.env.BENCH_VERBOSE === '1');
    results.lists = lists;
    memory.push(memorySnapshot(`after b. (${jaring.database.kind})`));
  } finally {
    await jaring.app.close();
  }
  return results;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-bench-'));
  const cleanup = () => fs.rmSync(tmpRoot, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const cpus = os.cpus();
  const machine = { cpus: cpus.length, cpuModel: cpus[0]?.model ?? '?', memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.platform()} ${os.release()}` };
  say(`Jaring benchmark — ${startedAt.toISOString()} — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}`);
  const loadAtStart = os.loadavg()[0]!;
  if (loadAtStart > 0.5) say(`Note: load average ${loadAtStart.toFixed(2)} before starting — other processes share the CPUs and the figures will be lower.`);
  say(`Temporary data in ${tmpRoot} (removed at the end)`);
  const memory: ReturnType<typeof memorySnapshot>[] = [memorySnapshot('start')];
  // The machine may be shared: the 1-minute load average, sampled, tells how much (this run adds ~1–2).
  const loadSamples: number[] = [];
  const sampler = setInterval(() => loadSamples.push(os.loadavg()[0]!), 5000);
  sampler.unref();
  // BENCH_ONLY picks sections: api (a–d), imports (e, f), census (e), linkage (f), financing (g), coverage (h), claims (i), field (j); unset runs them all.
  const only = process.env.BENCH_ONLY?.trim().toLowerCase() || 'all';
  if (!['all', 'api', 'imports', 'census', 'linkage', 'financing', 'coverage', 'claims', 'field'].includes(only)) {
    throw new Error(`BENCH_ONLY=${only}: use api, imports, census, linkage, financing, coverage, claims or field`);
  }
  const runClaims = only === 'all' || only === 'claims';
  const runField = only === 'all' || only === 'field';
  const runFinancing = only === 'all' || only === 'financing';
  const runCoverage = only === 'all' || only === 'coverage';
  const runApi = only === 'all' || only === 'api';
  const runCensus = only === 'all' || only === 'imports' || only === 'census';
  const runLinkage = only === 'all' || only === 'imports' || only === 'linkage';
  const imports = importSettings();
  const results: Record<string, unknown> = {
    startedAt: startedAt.toISOString(),
    machine,
    only,
    settings: { ...(runApi ? SETTINGS : {}), ...(runCensus || runLinkage ? { imports } : {}), ...(runFinancing ? { financing: financingSettings() } : {}), ...(runCoverage ? { coverage: coverageSettings() } : {}), ...(runClaims ? { claims: claimsSettings() } : {}), ...(runField ? { field: fieldSettings() } : {}) },
    targets: TARGETS,
  };
  if (!runApi) say(`BENCH_ONLY=${only}: sections ${[runCensus && 'e', runLinkage && 'f', runFinancing && 'g', runCoverage && 'h', runClaims && 'i', runField && 'j'].filter(Boolean).join(' and ')} only`);

  try {
    if (runApi) {
      const registerDir = path.join(tmpRoot, 'register');
      Object.assign(results, await benchEngine({ DATA_DIR: registerDir, DATABASE_URL: '' }, memory));

      // The scale-out path: the same API on a PostgreSQL server, when one is named.
      const serverUrl = process.env.BENCH_DATABASE_URL;
      if (serverUrl) {
        const { url, drop } = await createPostgresDatabase(serverUrl);
        try {
          heading('PostgreSQL (BENCH_DATABASE_URL): the same a. and b.');
          results.postgres = await benchEngine({ DATA_DIR: path.join(tmpRoot, 'unused'), DATABASE_URL: url }, memory);
        } finally {
          await drop();
        }
      } else {
        say('\n(Set BENCH_DATABASE_URL=postgres://… to measure a. and b. on a PostgreSQL server too.)');
      }

      results.startup = await benchStartup(tmpRoot, registerDir);

      heading('d. Memory');
      memory.push(memorySnapshot('end'));
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      for (const m of memory) say(`  ${m.label.padEnd(20)} RSS ${String(m.rssMb).padStart(5)} MB  (JS heap ${m.heapUsedMb} MB, buffers ${m.arrayBuffersMb} MB)`);
      say(`  peak RSS of the bench process (server, load generator, ${SETTINGS.registerSize.toLocaleString('en')} rows generated in JS): ${peakRssMb} MB`);
      const startupPeaks = (results.startup as StartupResult[]).map((s) => `${s.peakRssMb ?? '—'} MB`).join(', ');
      say(`  peak RSS of the spawned server per start-up case: ${startupPeaks}`);
      results.memory = { snapshots: memory, benchPeakRssMb: peakRssMb };
    }

    if (runCensus || runLinkage) {
      results.imports = await benchImports(tmpRoot, { census: runCensus, linkage: runLinkage }, imports);
      results.targets = { ...TARGETS, imports: (results.imports as ImportBenchResults).targets };
    }

    if (runFinancing) {
      results.financing = await benchFinancing(tmpRoot);
      results.targets = { ...(results.targets as object), financing: FINANCING_TARGETS };
    }

    if (runCoverage) {
      results.coverage = await benchCoverage(tmpRoot);
      results.targets = { ...(results.targets as object), coverage: COVERAGE_TARGETS };
    }

    if (runClaims) results.claims = await benchClaims(tmpRoot);
    if (runField) results.field = await benchField(tmpRoot);

    printSummary(results);
  } finally {
    results.durationMs = Math.round(performance.now() - t0);
    clearInterval(sampler);
    const loadMean = loadSamples.reduce((a, b) => a + b, 0) / Math.max(1, loadSamples.length);
    results.loadAverage = { atStart: loadAtStart, mean: loadMean, max: Math.max(...loadSamples, loadAtStart) };
    const outDir = path.join(REPO_ROOT, 'bench', 'results');
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    cleanup();
    say();
    say(`Load average during the run: mean ${fmt(loadMean, 2)}, max ${fmt(Math.max(...loadSamples, loadAtStart), 2)} on ${machine.cpus} CPUs.`);
    say(`Done in ${fmt((performance.now() - t0) / 1000)} s. Figures written to bench/results/latest.json`);
  }
}

function printSummary(results: Record<string, unknown>): void {
  heading('Summary against the targets (embedded PGlite)');
  if (results.create) printEngineSummary(results);
  for (const s of ((results.startup as StartupResult[] | undefined) ?? []).filter((r) => r.label.startsWith('restart'))) {
    const ok = s.readyMs !== null && s.readyMs < TARGETS.restartMs;
    say(`  restart to healthy      ${String(s.readyMs ?? '—').padStart(8)} ms      target < ${TARGETS.restartMs} ms     ${mark(ok)}  (${s.label})`);
  }
  if (results.imports) printImportSummary(results.imports as ImportBenchResults);
  if (results.financing) printFinancingSummary(results.financing as FinancingResults);
  if (results.coverage) printCoverageSummary(results.coverage as CoverageResults);
  if (results.claims) printClaimsSummary(results.claims as ClaimsResults);
  if (results.field) printFieldSummary(results.field as FieldResults);
  if (results.postgres) {
    heading('Summary against the targets (PostgreSQL server)');
    printEngineSummary(results.postgres as Record<string, unknown>);
  }
}

function printEngineSummary(results: Record<string, unknown>): void {
  const create = results.create as { run: LoadSummary };
  say(`  worker create           ${fmt(create.run.perSecond).padStart(8)} /s       target ≥ ${TARGETS.createsPerSecond} /s      ${mark(create.run.perSecond >= TARGETS.createsPerSecond)}`);
  const lists = results.lists as { name: string; runs: LoadSummary[] }[];
  for (const concurrency of SETTINGS.listConcurrencies) {
    const runs = lists.map((l) => ({ name: l.name, run: l.runs.find((r) => r.concurrency === concurrency)! }));
    const worst = runs.reduce((a, b) => (b.run.ms.p95 > a.run.ms.p95 ? b : a));
    say(`  list p95, c=${String(concurrency).padEnd(2)} (worst)  ${fmt(worst.run.ms.p95).padStart(8)} ms      target < ${TARGETS.listP95Ms} ms       ${mark(worst.run.ms.p95 < TARGETS.listP95Ms)}  (${worst.name})`);
  }
}

await main();
