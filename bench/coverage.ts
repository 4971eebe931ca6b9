/**
 * Coverage figures at regency scale for `npm run bench` (section h, `BENCH_ONLY=coverage`), on PGlite and,
 * with BENCH_DATABASE_URL, on a PostgreSQL server:
 *
 *   1. seed, in SQL, BENCH_COV_WORKERS workers (default 1,000,000) over the regency's villages: 30 % never
 *      enrolled; the rest enrolled in JKK+JKM between 2024-12 and 2025-11 and paid as yearly sponsors pay
 *      (a range per payment line): 40 % paid to the end of 2026, 15 % lapsed after 6–11 months, 15 % lapsed
 *      for four months and paid again — 24 months of history up to today (2026-11-25, app clock);
 *   2. derive the history: rebuildProtectionHistory (per-worker month spans, per-village deltas), workers/s;
 *   3. p50/p95/max over BENCH_COV_REQUESTS requests (default 50, through app.inject) of
 *      GET /api/coverage?region=52.03&by=village (target < 50 ms p95 on PGlite), by=district, the trend
 *      (target < 200 ms p95 on PGlite), the headline, the breakdown and the leaderboard;
 *   4. what keeping the precompute costs a write: refreshProtection (projection + history) for 1 and for
 *      1,000 workers inside a transaction, p50/p95;
 *   5. peak RSS.
 * BENCH_COV_DIR=/some/folder keeps the seeded PGlite database there and reuses it on the next run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../server/db/client.ts';
import { refreshProtection } from '../server/domains/enrolment/enrolment.repo.ts';
import { rebuildProtectionHistory } from '../server/domains/enrolment/protection-history.ts';
import { createPostgresDatabase } from '../server/test/test-app.ts';
import { type Timing, fmt, heading, int, mark, positiveInt, say, timing } from './output.ts';
import { adminHeaders, bootSection, createBenchVillages, num, seqUuid, timeGets } from './section.ts';

export const COVERAGE_TARGETS = { villageTableP95Ms: 50, trendP95Ms: 200 } as const;

export interface CoverageSettings {
  workers: number;
  requests: number;
  chunkWorkers: number;
}

export function coverageSettings(env: NodeJS.ProcessEnv = process.env): CoverageSettings {
  return { workers: positiveInt(env.BENCH_COV_WORKERS, 1_000_000), requests: positiveInt(env.BENCH_COV_REQUESTS, 50), chunkWorkers: 50_000 };
}

export interface CoverageEngineResults {
  engine: 'pglite' | 'postgres';
  seed?: { ms: number; workers: number; enrolments: number; paymentLines: number };
  derive?: { ms: number; workers: number; workersPerSecond: number; spans: number; deltas: number };
  endpoints: { name: string; url: string; ms: Timing; target?: number }[];
  writes: { name: string; ms: Timing }[];
}
export interface CoverageResults {
  settings: CoverageSettings;
  engines: CoverageEngineResults[];
  peakRssMb: number;
}


/** Month `idx` months after 2024-12, as YYYY-MM. */
const monthAt = (idx: SQL) => sql`to_char(date '2024-12-01' + make_interval(months => (${idx})::int), 'YYYY-MM')`;

export async function seedCoverageBench(db: Db, s: CoverageSettings): Promise<NonNullable<CoverageEngineResults['seed']>> {
  const t0 = performance.now();
  const v = num(await createBenchVillages(db));
  // Pattern of worker i (i % 20): 0–5 never enrolled, 6–13 paid to 2026-12, 14–16 lapsed, 17–19 lapsed and paid again.
  const start = (i: SQL) => sql`((${i}) / ${v}) % 12`;
  await db.execute(sql`set session_replication_role = replica`);
  try {
    for (let from = 1; from <= s.workers; from += s.chunkWorkers) {
      const to = Math.min(s.workers, from + s.chunkWorkers - 1);
      await db.execute(sql`
        insert into workers (id, nik, name, birth_date, sex, village_code, district_code, occupation, monthly_income)
        select ${seqUuid(sql`i`)}, substr(replace(bv.code, '.', ''), 1, 6) || lpad(i::text, 10, '0'),
          'Pekerja Bench ' || chr(65 + i % 26) || chr(65 + (i / 26) % 26) || chr(65 + (i / 676) % 26),
          date '1962-01-01' + (i % 16000), case when i % 2 = 0 then 'M' else 'F' end, bv.code, left(bv.code, 8),
          (array['farm_labourer','fisher','trader','farmer','construction_labourer','community_service','government_non_asn','election_worker'])[1 + i % 8], 1500000
        from generate_series(${num(from)}, ${num(to)}) i join bench_villages bv on bv.idx = i % ${v}`);
      await db.execute(sql`
        insert into enrolments (id, worker_id, program, start_month, declared_income, funding_source)
        select ${seqUuid(sql`i * 2 + p`)}, ${seqUuid(sql`i`)}, (array['JKK','JKM'])[1 + p], ${monthAt(start(sql`i`))}, 1000000, 'APBD'
        from generate_series(${num(from)}, ${num(to)}) i, generate_series(0, 1) p
        where i % 20 >= 6 order by i, p`);
      // One line per paid run: from the start to 2026-12, to 6–11 months later, or two runs around a 4-month gap.
      await db.execute(sql`
        insert into premium_payments (id, enrolment_id, from_month, to_month, amount, funding_source, paid_on)
        select ${seqUuid(sql`(i * 2 + p) * 2 + r`)}, ${seqUuid(sql`i * 2 + p`)}, f, t, 16800, 'APBD', (f || '-10')::date
        from generate_series(${num(from)}, ${num(to)}) i, generate_series(0, 1) p, generate_series(0, 1) r,
          lateral (select
            case when i % 20 between 17 and 19 and r = 1 then ${monthAt(sql`${start(sql`i`)} + 10`)} else ${monthAt(start(sql`i`))} end as f,
            case when i % 20 between 6 and 13 then '2026-12'
                 when i % 20 between 14 and 16 then ${monthAt(sql`${start(sql`i`)} + 5 + i % 6`)}
                 when r = 0 then ${monthAt(sql`${start(sql`i`)} + 5`)} else '2026-12' end as t) m
        where i % 20 >= 6 and (r = 0 or i % 20 >= 17)
        order by i, p, r`);
      say(`  seeded ${int(to).padStart(9)} / ${int(s.workers)} workers  (${fmt((performance.now() - t0) / 1000)} s)`);
    }
  } finally {
    await db.execute(sql`set session_replication_role = origin`);
  }
  await db.execute(sql`analyze`);
  const [counts] = await queryRows<{ e: number; l: number }>(db, sql`select (select count(*)::int from enrolments) as e, (select count(*)::int from premium_payments) as l`);
  return { ms: performance.now() - t0, workers: s.workers, enrolments: counts?.e ?? 0, paymentLines: counts?.l ?? 0 };
}

async function benchEngine(engine: 'pglite' | 'postgres', env: { DATA_DIR: string; DATABASE_URL: string }, s: CoverageSettings, reuse: boolean): Promise<CoverageEngineResults> {
  const jaring = await bootSection(env);
  const { db } = jaring.database;
  const { app } = jaring;
  const results: CoverageEngineResults = { engine, endpoints: [], writes: [] };
  try {
    if (reuse) {
      say(`  reusing the seeded database in ${env.DATA_DIR} (BENCH_COV_DIR)`);
    } else {
      results.seed = await seedCoverageBench(db, s);
      say(`  seed: ${fmt(results.seed.ms / 1000)} s — ${int(results.seed.workers)} workers, ${int(results.seed.enrolments)} enrolments, ${int(results.seed.paymentLines)} payment lines`);
      const t = performance.now();
      let last = 0;
      await rebuildProtectionHistory(db, (done, total) => {
        if (done - last >= 100_000 || done === total) {
          last = done;
          say(`    history ${int(done).padStart(9)} / ${int(total)} enrolled workers  (${fmt((performance.now() - t) / 1000)} s)`);
        }
      });
      const ms = performance.now() - t;
      await db.execute(sql`analyze`);
      const [row] = await queryRows<{ w: number; s: number; d: number }>(
        db,
        sql`select (select count(distinct worker_id)::int from coverage_spans) as w, (select count(*)::int from coverage_spans) as s, (select count(*)::int from coverage_deltas) as d`,
      );
      results.derive = { ms, workers: row?.w ?? 0, workersPerSecond: ((row?.w ?? 0) * 1000) / ms, spans: row?.s ?? 0, deltas: row?.d ?? 0 };
      say(
        `  derive history (rebuildProtectionHistory): ${int(row?.w)} workers with history in ${fmt(ms / 1000)} s = ${int(results.derive.workersPerSecond)} workers/s; ` +
          `${int(row?.s)} spans, ${int(row?.d)} delta rows`,
      );
    }

    const headers = await adminHeaders(app);
    const districts = jaring.regions.within('52.03', 'district').map((d) => d.code);
    const endpoints: { name: string; url: (i: number) => string; target?: number; requests?: number }[] = [
      { name: 'coverage by=village, regency', url: () => '/api/coverage?region=52.03&by=village', target: COVERAGE_TARGETS.villageTableP95Ms },
      { name: 'coverage by=village, a past date', url: (i) => `/api/coverage?region=52.03&by=village&date=2025-${String(1 + (i % 12)).padStart(2, '0')}-15` },
      { name: 'coverage by=district, regency', url: () => '/api/coverage?region=52.03&by=district' },
      { name: 'coverage of one district', url: (i) => `/api/coverage?region=${districts[i % districts.length]}` },
      { name: 'trend, regency', url: () => '/api/coverage/trend?region=52.03', target: COVERAGE_TARGETS.trendP95Ms },
      { name: 'trend, one district', url: (i) => `/api/coverage/trend?region=${districts[i % districts.length]}` },
      { name: 'headline, regency', url: () => '/api/coverage/headline?region=52.03', requests: 10 },
      { name: 'breakdown, regency', url: () => '/api/coverage/breakdown?region=52.03', requests: 5 },
      { name: 'breakdown, one district', url: (i) => `/api/coverage/breakdown?region=${districts[i % districts.length]}`, requests: 10 },
      { name: 'leaderboard 2026 by growth', url: () => '/api/leaderboard?period=2026&by=growth', requests: 5 },
    ];
    say();
    say(`  ${'endpoint'.padEnd(34)} ${'requests'.padStart(8)}     p50      p95      max   target`);
    for (const e of endpoints) {
      const n = e.requests ?? s.requests;
      const ms = await timeGets(app, headers, e.url, n);
      say(
        `  ${e.name.padEnd(34)} ${String(n).padStart(8)} ${fmt(ms.p50).padStart(7)} ${fmt(ms.p95).padStart(8)} ${fmt(ms.max).padStart(8)} ms` +
          (e.target ? `  < ${e.target} ${engine === 'pglite' ? mark(ms.p95 < e.target) : '(PGlite target)'}` : ''),
      );
      results.endpoints.push({ name: e.name, url: e.url(0), ms, target: e.target });
    }

    // What the precompute costs a write: refreshProtection (projection + history) in a transaction, rolled back.
    const ids = (await queryRows<{ id: string }>(db, sql`select worker_id as id from coverage_spans group by 1 order by 1 limit 20000`)).map((r) => r.id);
    for (const size of [1, 1000]) {
      const samples: number[] = [];
      const rounds = size === 1 ? 30 : 8;
      for (let r = 0; r < rounds; r++) {
        const batch = ids.slice((r * size) % Math.max(1, ids.length - size), ((r * size) % Math.max(1, ids.length - size)) + size);
        const t = performance.now();
        await db
          .transaction(async (tx) => {
            await refreshProtection(tx, batch);
            throw new RolledBack();
          })
          .catch((err) => {
            if (!(err instanceof RolledBack)) throw err;
          });
        samples.push(performance.now() - t);
      }
      const ms = timing(samples);
      say(`  refreshProtection, ${String(size).padStart(5)} worker${size === 1 ? ' ' : 's'} (projection + history, rolled back)  p50 ${fmt(ms.p50)} ms  p95 ${fmt(ms.p95)} ms`);
      results.writes.push({ name: `refresh ${size}`, ms });
    }
  } finally {
    await app.close();
  }
  return results;
}

class RolledBack extends Error {}

export async function benchCoverage(tmpRoot: string, s: CoverageSettings = coverageSettings()): Promise<CoverageResults> {
  const results: CoverageResults = { settings: s, engines: [], peakRssMb: 0 };
  heading(`h. Coverage figures: ${int(s.workers)} workers, 24 months of enrolment and payment history (PGlite)`);
  const keep = process.env.BENCH_COV_DIR;
  const dataDir = keep ? path.resolve(keep) : path.join(tmpRoot, 'coverage');
  const reuse = Boolean(keep && fs.existsSync(path.join(dataDir, 'PG_VERSION')));
  results.engines.push(await benchEngine('pglite', { DATA_DIR: dataDir, DATABASE_URL: '' }, s, reuse));
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    heading(`h. Coverage figures on PostgreSQL (BENCH_DATABASE_URL): ${int(s.workers)} workers`);
    const { url, drop } = await createPostgresDatabase(serverUrl);
    try {
      results.engines.push(await benchEngine('postgres', { DATA_DIR: path.join(tmpRoot, 'unused-coverage'), DATABASE_URL: url }, s, false));
    } finally {
      await drop();
    }
  } else {
    say('\n(Set BENCH_DATABASE_URL=postgres://… to measure section h on a PostgreSQL server too.)');
  }
  results.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  say(`  peak RSS of the bench process: ${results.peakRssMb} MB`);
  return results;
}

export function printCoverageSummary(r: CoverageResults): void {
  for (const e of r.engines) {
    for (const name of ['coverage by=village, regency', 'trend, regency']) {
      const run = e.endpoints.find((x) => x.name === name);
      if (!run) continue;
      const target = run.target!;
      say(
        `  ${`${name} (${e.engine})`.padEnd(44)} p95 ${fmt(run.ms.p95).padStart(7)} ms   target < ${target} ms on PGlite   ${e.engine === 'pglite' ? mark(run.ms.p95 < target) : ''}`,
      );
    }
    if (e.derive) say(`  derive history (${e.engine})                  ${int(e.derive.workersPerSecond).padStart(8)} workers/s  (${int(e.derive.workers)} in ${fmt(e.derive.ms / 1000)} s)`);
  }
}
