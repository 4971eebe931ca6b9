/**
 * `npm run bench:load`: the running server under a realistic mix of requests, over loopback, at a fixed rate
 * and for a bounded number of requests — on PGlite with one app process, and on PostgreSQL with two app
 * processes sharing the load (round robin).
 *
 * Each engine gets a fresh installation: the demo dataset plus synthetic workers up to BENCH_LOAD_REGISTER
 * (about half of them enrolled and paid, as in the demo), users of every kind (village operators of eight
 * villages in four districts, two district officers, the regent's viewer). The servers run as `npm start`
 * runs them, in their own processes, with the production log level. The mix:
 *
 *   25 %  village operators register a worker (POST /api/workers, unique valid NIKs)
 *   35 %  village operators list their village's workers, search it by name, open one worker
 *   25 %  the viewer and district officers read dashboards: coverage, headline, breakdown, trend, claims
 *         totals, leaderboard
 *   15 %  other reads: who am I, region tree, payments, renewal worklists, census rounds, funding sources,
 *         claims and imports lists
 *
 * Printed per engine and per kind of request: throughput, p50/p95/p99 latency (counted from the moment a
 * request was due, see bench/open-loop.ts) and errors (anything but 2xx). Target on a 2-core machine: zero
 * errors and p95 under 200 ms at 200 requests/s on PostgreSQL. Nothing is asserted; not part of `npm test`.
 *
 *   BENCH_LOAD_REQUESTS=6000 BENCH_LOAD_RATE=200 BENCH_LOAD_REGISTER=50000 BENCH_LOAD_WARMUP=400
 *   BENCH_LOAD_ENGINES=pglite,postgres   PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (a server where
 *                                        a scratch database may be created and dropped)
 *   BENCH_LOAD_PROBE=1  time each distinct request alone afterwards (done anyway when the target is missed)
 *   BENCH_LOAD_KEEP=1   keep the data folder / database for a closer look
 *   BENCH_LOAD_PROFILE=1  a V8 CPU profile of each app process in bench/results/profiles (Chrome DevTools)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { todayIn } from '../core/dates.ts';
import { seededRandom } from '../core/random.ts';
import { bootJaring, type Jaring } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { queryRows } from '../server/db/client.ts';
import { refreshProtection } from '../server/domains/enrolment/enrolment.repo.ts';
import { enrolments, premiumPayments } from '../server/domains/enrolment/enrolment.table.ts';
import type { RegionRecord } from '../server/domains/regions/region-source.ts';
import { workers } from '../server/domains/workers/workers.table.ts';
import { startJaring, type JaringProcess } from '../server/test/server-process.ts';
import { createPostgresDatabase } from '../server/test/test-app.ts';
import { enrolmentRows, toCreateBody, toInsertRow, uniqueWorkers } from './data.ts';
import { driveOpenLoop, summarizeOutcomes, type OutcomeSummary, type PlannedRequest, type RequestOutcome } from './open-loop.ts';
import { fmt, heading, int, mark, positiveInt, say } from './output.ts';
import { REPO_ROOT } from './startup.ts';

const env = process.env;
const SETTINGS = {
  register: positiveInt(env.BENCH_LOAD_REGISTER, 50_000),
  requests: positiveInt(env.BENCH_LOAD_REQUESTS, 6000),
  rate: positiveInt(env.BENCH_LOAD_RATE, 200),
  warmup: positiveInt(env.BENCH_LOAD_WARMUP, 400),
  engines: (env.BENCH_LOAD_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim()),
  postgresUrl: env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined,
  /** Connections per app process at most, like that many browsers. */
  maxSockets: 64,
  timeoutMs: 30_000,
  /** BENCH_LOAD_PROFILE=1: each app process writes a V8 CPU profile here when it stops (open in Chrome DevTools). */
  profileDir: env.BENCH_LOAD_PROFILE === '1' ? path.join(REPO_ROOT, 'bench/results/profiles') : undefined,
  timeZone: 'Asia/Makassar',
};
const TARGET = { p95Ms: 200, errors: 0 } as const;
const ADMIN_PASSWORD = 'bench-load-admin-password';
const USER_PASSWORD = 'bench-load-sandi-pengguna';

/** Request kinds and their share of the mix. */
const MIX = [
  { kind: 'register worker (village)', share: 0.25 },
  { kind: 'worker list (village)', share: 0.2 },
  { kind: 'worker search (village)', share: 0.05 },
  { kind: 'one worker (village)', share: 0.1 },
  { kind: 'dashboards (viewer, district)', share: 0.25 },
  { kind: 'other reads', share: 0.15 },
] as const;
type Kind = (typeof MIX)[number]['kind'];

interface Operator {
  villageCode: string;
  districtCode: string;
  cookie: string;
  workerIds: string[];
  /** First names common in the village, for searches. */
  names: string[];
}

interface Cast {
  operators: Operator[];
  districts: { code: string; cookie: string }[];
  viewer: string;
  villages: RegionRecord[];
  districtsAll: RegionRecord[];
  taken: Set<string>;
  registerSize: number;
}

// ---------------------------------------------------------------- seeding

async function bootForSeeding(dataDir: string, databaseUrl: string | undefined): Promise<Jaring> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? '',
    JARING_REGENCY: '52.03',
    JARING_TIMEZONE: SETTINGS.timeZone,
    JARING_DEMO: '1',
    JARING_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
  });
  return bootJaring(config, { logger: false, onProgress: (line) => (line.startsWith('  ') ? undefined : say(`  ${line}`)) });
}

/** The demo, then synthetic workers (half enrolled and paid) up to the register size; users and their sessions. */
async function seed(dataDir: string, databaseUrl: string | undefined): Promise<Cast> {
  const t0 = performance.now();
  const jaring = await bootForSeeding(dataDir, databaseUrl);
  const { db } = jaring.database;
  const { regions } = jaring;
  try {
    const villages = regions.within(regions.servedCode, 'village');
    const districtsAll = regions.within(regions.servedCode, 'district');
    const taken = new Set((await db.select({ nik: workers.nik }).from(workers)).map((r) => r.nik));
    const needed = Math.max(0, SETTINGS.register - taken.size);
    const rows = uniqueWorkers({ villages, districts: districtsAll }, needed, taken, 7001).map(toInsertRow);
    const cover = enrolmentRows(rows, todayIn(SETTINGS.timeZone, new Date()), 7002);
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(workers).values(rows.slice(i, i + 1000));
      for (let i = 0; i < cover.enrolments.length; i += 1000) await tx.insert(enrolments).values(cover.enrolments.slice(i, i + 1000));
      for (let i = 0; i < cover.payments.length; i += 1000) await tx.insert(premiumPayments).values(cover.payments.slice(i, i + 1000));
    });
    // Protection and coverage history of the new workers, as a payment would leave them.
    const enrolled = [...new Set(cover.enrolments.map((e) => e.workerId!))];
    for (let i = 0; i < enrolled.length; i += 2000) {
      await db.transaction((tx) => refreshProtection(tx, enrolled.slice(i, i + 2000)));
    }
    await db.execute(sql`analyze`);
    const registerSize = taken.size;
    say(`  register: ${int(registerSize)} workers (${int(rows.length)} added to the demo, ${int(enrolled.length)} of them enrolled) in ${fmt((performance.now() - t0) / 1000)} s`);

    // Eight villages in four districts, each with its operator; two district officers; the viewer.
    const app = jaring.app;
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const chosenDistricts = districtsAll.slice(0, 4);
    const operators: Operator[] = [];
    for (const district of chosenDistricts) {
      for (const village of regions.children(district.code).slice(0, 2)) {
        const cookie = await createAndLogin(app, admin, 'village', village.code);
        const ids = await queryRows<{ id: string }>(db, sql`select id from workers where village_code = ${village.code} and deleted_at is null order by id limit 300`);
        const names = await queryRows<{ first: string }>(
          db,
          sql`select split_part(name, ' ', 1) as first from workers where village_code = ${village.code} group by 1 order by count(*) desc limit 5`,
        );
        operators.push({ villageCode: village.code, districtCode: district.code, cookie, workerIds: ids.map((r) => r.id), names: names.map((r) => r.first) });
      }
    }
    const districts = [];
    for (const district of chosenDistricts.slice(0, 2)) districts.push({ code: district.code, cookie: await createAndLogin(app, admin, 'district', district.code) });
    const viewer = await createAndLogin(app, admin, 'viewer', regions.servedCode);
    return { operators, districts, viewer, villages, districtsAll, taken, registerSize };
  } finally {
    await jaring.app.close();
  }
}

async function login(app: Jaring['app'], username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const cookie = res.cookies.find((c) => c.name === 'jaring_session');
  if (res.statusCode !== 200 || !cookie) throw new Error(`login of ${username} failed: ${res.body}`);
  return `${cookie.name}=${cookie.value}`;
}

let userSerial = 0;
async function createAndLogin(app: Jaring['app'], admin: string, role: string, regionCode: string): Promise<string> {
  const username = `${role}.beban.${++userSerial}`;
  const res = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { username, password: USER_PASSWORD, role, regionCode } });
  if (res.statusCode !== 201) throw new Error(`could not create ${username}: ${res.body}`);
  return login(app, username, USER_PASSWORD);
}

// ---------------------------------------------------------------- the mix

/** `count` requests in the mix's proportions, in a seeded random order, spread round robin over `origins`. */
function planRequests(cast: Cast, origins: string[], count: number, seed: number): PlannedRequest[] {
  const rand = seededRandom(seed);
  const creates = Math.ceil(count * 0.3);
  const operatorVillages = cast.villages.filter((v) => cast.operators.some((o) => o.villageCode === v.code));
  const newWorkers = uniqueWorkers({ villages: operatorVillages, districts: cast.districtsAll }, creates, cast.taken, 9000 + seed);
  const operatorOf = new Map(cast.operators.map((o) => [o.villageCode, o]));
  const counters = new Map<Kind, number>();
  const nextOf = (kind: Kind) => {
    const n = counters.get(kind) ?? 0;
    counters.set(kind, n + 1);
    return n;
  };
  const pick = <T>(items: readonly T[], n: number) => items[n % items.length]!;

  const dashboards = (n: number): { cookie: string; path: string } => {
    if (n % 3 !== 2) {
      const paths = ['/api/coverage', '/api/coverage/headline', '/api/coverage/breakdown', '/api/coverage/trend', '/api/claims/totals', '/api/leaderboard', '/api/coverage?by=village&region=52.03.01'];
      return { cookie: cast.viewer, path: pick(paths, n) };
    }
    const district = pick(cast.districts, n);
    const paths = [
      `/api/coverage?region=${district.code}&by=village`,
      `/api/coverage/headline?region=${district.code}`,
      `/api/coverage/trend?region=${district.code}`,
      `/api/claims/totals?region=${district.code}&by=village`,
      `/api/leaderboard?region=${district.code}`,
    ];
    return { cookie: district.cookie, path: pick(paths, Math.floor(n / 3)) };
  };
  const others = (n: number): { cookie: string; path: string } => {
    const operator = pick(cast.operators, n);
    const district = pick(cast.districts, n);
    const options = [
      { cookie: operator.cookie, path: '/api/me' },
      { cookie: operator.cookie, path: `/api/regions/${operator.districtCode}/children` },
      { cookie: operator.cookie, path: '/api/payments?page=1&pageSize=20' },
      { cookie: operator.cookie, path: '/api/worklists/renewals?kind=ending30' },
      { cookie: operator.cookie, path: '/api/census/rounds' },
      { cookie: operator.cookie, path: '/api/funding/sources' },
      { cookie: operator.cookie, path: '/api/claims' },
      { cookie: operator.cookie, path: '/api/imports?page=1' },
      { cookie: district.cookie, path: '/api/worklists/renewals?kind=lapsed&pageSize=50' },
      { cookie: district.cookie, path: '/api/claims' },
    ];
    return pick(options, n);
  };

  const requests: PlannedRequest[] = [];
  for (let i = 0; i < count; i++) {
    let r = rand();
    const entry = MIX.find((m) => (r -= m.share) < 0) ?? MIX[MIX.length - 1]!;
    const kind = entry.kind;
    const n = nextOf(kind);
    const origin = origins[i % origins.length]!;
    const operator = pick(cast.operators, n);
    switch (kind) {
      case 'register worker (village)': {
        const row = newWorkers[n % newWorkers.length]!;
        if (n >= newWorkers.length) throw new Error('not enough new workers planned');
        requests.push({ kind, origin, method: 'POST', path: '/api/workers', cookie: operatorOf.get(row.villageCode)!.cookie, body: JSON.stringify(toCreateBody(row)) });
        break;
      }
      case 'worker list (village)':
        requests.push({ kind, origin, method: 'GET', path: `/api/workers?village=${operator.villageCode}&page=${1 + (n % 4)}&pageSize=50`, cookie: operator.cookie });
        break;
      case 'worker search (village)':
        requests.push({ kind, origin, method: 'GET', path: `/api/workers?q=${encodeURIComponent(pick(operator.names, n).toLowerCase())}&pageSize=50`, cookie: operator.cookie });
        break;
      case 'one worker (village)':
        requests.push({ kind, origin, method: 'GET', path: `/api/workers/${pick(operator.workerIds, n * 7)}`, cookie: operator.cookie });
        break;
      case 'dashboards (viewer, district)':
        requests.push({ kind, origin, method: 'GET', ...dashboards(n) });
        break;
      case 'other reads':
        requests.push({ kind, origin, method: 'GET', ...others(n) });
        break;
    }
  }
  return requests;
}

/** Every distinct read the mix makes, once, before the run: a mix that fails by itself measures nothing. */
async function checkReads(requests: PlannedRequest[]): Promise<void> {
  const seen = new Set<string>();
  for (const r of requests) {
    if (r.method !== 'GET' || r.kind === 'one worker (village)') continue;
    const key = `${r.cookie} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const res = await fetch(`${r.origin}${r.path}`, { headers: { cookie: r.cookie, accept: 'application/json' } });
    if (res.status !== 200) throw new Error(`${r.kind}: GET ${r.path} answered ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
}

/**
 * When the target is missed: each distinct request of the mix alone, one at a time (median of three),
 * slowest first — which requests take the server's time.
 */
async function probeTemplates(requests: PlannedRequest[]): Promise<{ template: string; kind: string; ms: number }[]> {
  const templates = new Map<string, PlannedRequest>();
  for (const r of requests) {
    if (r.method !== 'GET') continue;
    const template = r.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/page=\d+/, 'page=n');
    if (!templates.has(template)) templates.set(template, r);
  }
  const created = requests.find((r) => r.method === 'POST');
  const timings: { template: string; kind: string; ms: number }[] = [];
  const time = async (r: PlannedRequest) => {
    const t0 = performance.now();
    const res = await fetch(`${r.origin}${r.path}`, { method: r.method, headers: { cookie: r.cookie, 'content-type': 'application/json', origin: r.origin }, body: r.body });
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  for (const [template, r] of templates) {
    const ms = [await time(r), await time(r), await time(r)].sort((a, b) => a - b)[1]!;
    timings.push({ template, kind: r.kind, ms: Math.round(ms * 10) / 10 });
  }
  if (created) {
    // A fresh NIK each time: the mix's next bodies are not sent again.
    const spare = requests.filter((r) => r.method === 'POST').slice(-3);
    const ms = [];
    for (const r of spare) ms.push(await time(r));
    timings.push({ template: 'POST /api/workers', kind: created.kind, ms: Math.round(ms.sort((a, b) => a - b)[1]! * 10) / 10 });
  }
  return timings.sort((a, b) => b.ms - a.ms);
}

// ---------------------------------------------------------------- one engine

/** CPU seconds (user + system) a process has used so far; Linux only (clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name: state is [0], utime [11], stime [12].
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds used so far by all processes of the PostgreSQL server on this machine (its backends and helpers). */
function postgresCpuSeconds(): number | null {
  try {
    let total = 0;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.split(') ')[1]!.split(' ');
        total += (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        // the process ended meanwhile
      }
    }
    return total;
  } catch {
    return null;
  }
}

interface EngineResult {
  engine: string;
  processes: number;
  registerSize: number;
  requests: number;
  rate: number;
  durationMs: number;
  answeredPerSecond: number;
  overall: OutcomeSummary;
  byKind: Record<string, OutcomeSummary>;
  byProcess: Record<string, OutcomeSummary>;
  /** Each distinct request alone, slowest first (only when the target was missed or BENCH_LOAD_PROBE=1). */
  alone?: { template: string; kind: string; ms: number }[];
  maxSendLagMs: number;
  serverCpuCores: (number | null)[];
  /** CPU of the local PostgreSQL server's processes during the run (backends that ended meanwhile are missed). */
  postgresCpuCores: number | null;
  loadAverage: { before: number[]; after: number[] };
  met: boolean;
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<EngineResult | null> {
  const processes = engine === 'postgres' ? 2 : 1;
  heading(`${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}: ${processes} app process${processes > 1 ? 'es' : ''}, ${int(SETTINGS.requests)} requests at ${SETTINGS.rate}/s`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `jaring-load-${engine}-`));
  let drop = async () => {};
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    if (!SETTINGS.postgresUrl) {
      say('  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres');
      fs.rmSync(dataDir, { recursive: true, force: true });
      return null;
    }
    const created = await createPostgresDatabase(SETTINGS.postgresUrl);
    databaseUrl = created.url;
    drop = created.drop;
  }
  const servers: JaringProcess[] = [];
  try {
    const cast = await seed(dataDir, databaseUrl);
    for (let i = 0; i < processes; i++) {
      servers.push(
        await startJaring(
          { DATA_DIR: dataDir, JARING_REGENCY: '52.03', JARING_TIMEZONE: SETTINGS.timeZone, JARING_DEMO: '0', LOG_LEVEL: 'info', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
          { nodeArgs: SETTINGS.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${SETTINGS.profileDir}`] : [] },
        ),
      );
    }
    const origins = servers.map((s) => s.origin);
    say(`  app process${processes > 1 ? 'es' : ''}: ${servers.map((s) => `pid ${s.child.pid} on ${s.origin}`).join(', ')} (node --import tsx server/main.ts, LOG_LEVEL=info)`);

    const warmup = planRequests(cast, origins, SETTINGS.warmup, 1);
    await checkReads(warmup);
    const warm = await driveOpenLoop(warmup, { ratePerSecond: Math.max(1, Math.round(SETTINGS.rate / 2)), maxSockets: SETTINGS.maxSockets, timeoutMs: SETTINGS.timeoutMs });
    const warmSummary = summarizeOutcomes(warm.outcomes);
    say(`  warm-up: ${warmSummary.requests} requests at ${Math.round(SETTINGS.rate / 2)}/s, ${warmSummary.errors} errors (not counted)`);

    const planned = planRequests(cast, origins, SETTINGS.requests, 2);
    await checkReads(planned);
    const loadBefore = os.loadavg();
    const cpuBefore = servers.map((s) => cpuSeconds(s.child.pid));
    const pgCpuBefore = engine === 'postgres' ? postgresCpuSeconds() : null;
    const run = await driveOpenLoop(planned, { ratePerSecond: SETTINGS.rate, maxSockets: SETTINGS.maxSockets, timeoutMs: SETTINGS.timeoutMs });
    const cpuAfter = servers.map((s) => cpuSeconds(s.child.pid));
    const pgCpuAfter = engine === 'postgres' ? postgresCpuSeconds() : null;
    const loadAfter = os.loadavg();

    const overall = summarizeOutcomes(run.outcomes);
    const group = (key: (o: RequestOutcome) => string) => {
      const groups = new Map<string, RequestOutcome[]>();
      for (const o of run.outcomes) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
      return Object.fromEntries([...groups].map(([k, list]) => [k, summarizeOutcomes(list)]));
    };
    const byKind = group((o) => o.kind);
    const byProcess = group((o) => o.origin);
    const seconds = run.durationMs / 1000;
    const serverCpuCores = servers.map((_, i) => (cpuBefore[i] !== null && cpuAfter[i] !== null ? Math.round(((cpuAfter[i]! - cpuBefore[i]!) / seconds) * 100) / 100 : null));
    const met = overall.errors === TARGET.errors && overall.ms.p95 < TARGET.p95Ms;
    const result: EngineResult = {
      engine,
      processes,
      registerSize: cast.registerSize,
      requests: planned.length,
      rate: SETTINGS.rate,
      durationMs: Math.round(run.durationMs),
      answeredPerSecond: Math.round((overall.requests / seconds) * 10) / 10,
      overall,
      byKind,
      byProcess,
      maxSendLagMs: Math.round(Math.max(...run.outcomes.map((o) => o.sendLagMs)) * 10) / 10,
      serverCpuCores,
      postgresCpuCores: pgCpuBefore !== null && pgCpuAfter !== null ? Math.round(((pgCpuAfter - pgCpuBefore) / seconds) * 100) / 100 : null,
      loadAverage: { before: loadBefore.map((l) => Math.round(l * 100) / 100), after: loadAfter.map((l) => Math.round(l * 100) / 100) },
      met,
    };
    printResult(result);
    if (!met || env.BENCH_LOAD_PROBE === '1') {
      // The unused tail of a second plan: requests (and NIKs) the run did not send.
      result.alone = await probeTemplates(planRequests(cast, origins.slice(0, 1), SETTINGS.requests, 3));
      say();
      say('  each request alone, one at a time (median of 3), slowest first:');
      for (const t of result.alone.slice(0, 12)) say(`    ${fmt(t.ms).padStart(8)} ms  ${t.template}`);
    }
    return result;
  } finally {
    for (const server of servers) await server.stop();
    if (env.BENCH_LOAD_KEEP === '1') {
      say(`  kept for a closer look (BENCH_LOAD_KEEP=1): ${databaseUrl ?? dataDir}`);
    } else {
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

function line(name: string, s: OutcomeSummary): string {
  return `  ${name.padEnd(32)} ${String(s.requests).padStart(5)}  ${fmt(s.ms.p50).padStart(6)}  ${fmt(s.ms.p95).padStart(6)}  ${fmt(s.ms.p99).padStart(6)}  ${fmt(s.ms.max).padStart(7)}  ${String(s.errors).padStart(6)}`;
}

function printResult(r: EngineResult): void {
  say();
  say(`  ${int(r.requests)} requests due at ${r.rate}/s; the last answer came after ${fmt(r.durationMs / 1000)} s → ${fmt(r.answeredPerSecond)} answers/s`);
  say(`  ${'kind'.padEnd(32)} ${'n'.padStart(5)}  ${'p50'.padStart(6)}  ${'p95'.padStart(6)}  ${'p99'.padStart(6)}  ${'max ms'.padStart(7)}  ${'errors'.padStart(6)}`);
  for (const { kind } of MIX) if (r.byKind[kind]) say(line(kind, r.byKind[kind]!));
  say(line('all', r.overall));
  if (r.processes > 1) for (const [origin, s] of Object.entries(r.byProcess)) say(line(`  via ${origin.replace('http://', '')}`, s));
  say(
    `  target: zero errors ${mark(r.overall.errors === 0)}, p95 < ${TARGET.p95Ms} ms ${mark(r.overall.ms.p95 < TARGET.p95Ms)}` +
      (r.engine === 'postgres' ? '  (the target is set for PostgreSQL)' : ''),
  );
  if (r.overall.errors) {
    say(`  answers: ${JSON.stringify(r.overall.statusCounts)}`);
    for (const sample of r.overall.errorSamples) say(`    e.g. ${sample}`);
  }
  say(
    `  load generator lag at most ${fmt(r.maxSendLagMs)} ms; CPU during the run: app process${r.processes > 1 ? 'es' : ''} ` +
      r.serverCpuCores.map((c) => (c === null ? '—' : `${fmt(c, 2)}`)).join(' + ') +
      ' cores' +
      (r.postgresCpuCores !== null ? `, PostgreSQL server ${fmt(r.postgresCpuCores, 2)} cores (if local)` : ''),
  );
  say(`  load average (1, 5, 15 min) before ${r.loadAverage.before.join(', ')}; after ${r.loadAverage.after.join(', ')} — the machine is shared, ${os.cpus().length} cores`);
}

// ---------------------------------------------------------------- main

say(`Jaring load mix — ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
say(`Register ${int(SETTINGS.register)} workers; ${int(SETTINGS.requests)} requests at ${SETTINGS.rate}/s after ${SETTINGS.warmup} warm-up requests`);
const results: EngineResult[] = [];
for (const engine of SETTINGS.engines) {
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`unknown engine ${engine} (pglite or postgres)`);
  const result = await benchEngine(engine);
  if (result) results.push(result);
}
const out = path.join(REPO_ROOT, 'bench/results/load-latest.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), settings: SETTINGS, results }, null, 2)}\n`);
say();
say(`Written to ${path.relative(process.cwd(), out)}`);
