/**
 * Renewal and lapse worklists at regency scale for `npm run bench` (section g, `BENCH_ONLY=financing`):
 *
 *   1. seed, in SQL (INSERT … SELECT generate_series), BENCH_FIN_WORKERS workers (default 500,000) over the
 *      regency's villages, each with JKK+JKM enrolments and BENCH_FIN_MONTHS monthly payment lines per
 *      enrolment (default 12: 1,000,000 enrolments, 12,000,000 lines), the last paid month spread evenly
 *      over 2026-06 … 2027-05, plus funding commitments (some handing over to self-payment);
 *   2. derive statuses: refreshProtection over every worker (the worker_protection projection), rows/s;
 *   3. GET /api/worklists/renewals for every kind, one village and the whole regency: p50/p95/max over
 *      BENCH_FIN_REQUESTS requests (default 30) through app.inject, with EXPLAIN ANALYZE of each query;
 *   4. peak RSS.
 *
 * "Today" is fixed at 2026-11-25 (WITA) through the app clock, so every kind has rows whatever the date.
 * Runs on a fresh PGlite folder under the bench's temporary folder. BENCH_FIN_DIR=/some/folder keeps the
 * seeded database there instead and reuses it on the next run (skips 1 and 2), for trying query changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { WORKLIST_KINDS } from '../core/financing.schema.ts';
import { refreshProtection } from '../server/domains/enrolment/enrolment.repo.ts';
import { queryRows, type Db } from '../server/db/client.ts';
import { captureQueries, explainAnalyze } from './explain.ts';
import { type Timing, fmt, heading, int, mark, positiveInt, say, timing } from './output.ts';
import { adminHeaders, bootSection, createBenchVillages, num, seqUuid } from './section.ts';

export const FINANCING_TARGETS = { villageP95Ms: 50, regencyP95Ms: 500 } as const;

/** Last paid months are spread evenly over these twelve months (index 0 = 2026-06). */
const FIRST_LAST_PAID = '2026-06-01';

export interface FinancingSettings {
  workers: number;
  monthsPerEnrolment: number;
  requests: number;
  chunkWorkers: number;
}

export function financingSettings(env: NodeJS.ProcessEnv = process.env): FinancingSettings {
  return {
    workers: positiveInt(env.BENCH_FIN_WORKERS, 500_000),
    monthsPerEnrolment: Math.min(positiveInt(env.BENCH_FIN_MONTHS, 12), 60),
    requests: positiveInt(env.BENCH_FIN_REQUESTS, 30),
    chunkWorkers: 50_000,
  };
}

export interface FinancingResults {
  settings: FinancingSettings;
  reused: boolean;
  seed?: { ms: number; steps: Record<string, number>; workers: number; enrolments: number; paymentLines: number; commitments: number };
  derive?: { ms: number; workers: number; rowsPerSecond: number };
  lists: { kind: string; scope: 'village' | 'regency'; total: number; ms: Timing; explainMs: number[] }[];
  peakRssMb: number;
}


/** Month `idx` months after 2026-06, as YYYY-MM, in SQL. */
const monthAt = (idx: SQL) => sql`to_char(date '${sql.raw(FIRST_LAST_PAID)}' + make_interval(months => (${idx})::int), 'YYYY-MM')`;

async function seed(db: Db, s: FinancingSettings): Promise<NonNullable<FinancingResults['seed']>> {
  const steps: Record<string, number> = {};
  const t0 = performance.now();
  const nVillages = await createBenchVillages(db);
  say(`  ${nVillages} villages of 52.03 from the regions table`);

  // Worker i lives in village i % V and last paid in month (i / V) % 12: every village has every month.
  const lastIdx = (i: SQL) => sql`((${i}) / ${num(nVillages)}) % 12`;
  const n = s.workers;
  const lines = s.monthsPerEnrolment;
  // Foreign keys are checked by the app's own writes; a bulk load of synthetic rows skips the per-row triggers.
  await db.execute(sql`set session_replication_role = replica`);
  try {
    for (let from = 1; from <= n; from += s.chunkWorkers) {
      const to = Math.min(n, from + s.chunkWorkers - 1);
      let t = performance.now();
      await db.execute(sql`
        insert into workers (id, nik, name, birth_date, sex, village_code, district_code, occupation, monthly_income)
        select ${seqUuid(sql`i`)}, substr(replace(v.code, '.', ''), 1, 6) || lpad(i::text, 10, '0'),
          (array['Ahmad','Siti','Baiq','Lalu','Muhammad','Nurul','Hadi','Rina','Zainal','Aminah'])[1 + i % 10] || ' ' ||
          (array['Hidayat','Rahmawati','Saputra','Wulandari','Pratama','Hasanah','Kurniawan','Fitriani','Ramdani','Safitri','Hakim','Maulida'])[1 + (i / 10) % 12] || ' ' ||
          chr(65 + (i / 120) % 26) || chr(97 + (i / 3120) % 26),
          date '1965-01-01' + (i % 14000), case when i % 2 = 0 then 'M' else 'F' end, v.code, left(v.code, 8),
          (array['farm_labourer','fisher','trader','farmer','construction'])[1 + i % 5], 1500000
        from generate_series(${num(from)}, ${num(to)}) i join bench_villages v on v.idx = i % ${num(nVillages)}`);
      steps.workers = (steps.workers ?? 0) + performance.now() - t;
      t = performance.now();
      // Enrolment 2i + p (p = 0 JKK, 1 JKM); starts with the first of its paid months.
      await db.execute(sql`
        insert into enrolments (id, worker_id, program, start_month, declared_income, funding_source)
        select ${seqUuid(sql`i * 2 + p`)}, ${seqUuid(sql`i`)}, (array['JKK','JKM'])[1 + p],
          ${monthAt(sql`${lastIdx(sql`i`)} - ${num(lines - 1)}`)}, case when i % 10 = 0 then 2500000 else 1000000 end, 'APBD'
        from generate_series(${num(from)}, ${num(to)}) i, generate_series(0, 1) p
        order by i, p`);
      steps.enrolments = (steps.enrolments ?? 0) + performance.now() - t;
      t = performance.now();
      await db.execute(sql`
        insert into premium_payments (id, enrolment_id, from_month, to_month, amount, funding_source, paid_on)
        select ${seqUuid(sql`(i * 2 + p) * ${num(lines)} + k`)}, ${seqUuid(sql`i * 2 + p`)}, m, m,
          case when p = 1 then 6800 when i % 10 = 0 then 25000 else 10000 end, 'APBD', (m || '-10')::date
        from generate_series(${num(from)}, ${num(to)}) i, generate_series(0, 1) p, generate_series(0, ${num(lines - 1)}) k,
          lateral (select ${monthAt(sql`${lastIdx(sql`i`)} - ${num(lines - 1)} + k`)} as m) mm
        order by i, p, k`);
      steps.paymentLines = (steps.paymentLines ?? 0) + performance.now() - t;
      const seconds = (performance.now() - t0) / 1000;
      say(`  seeded ${int(to).padStart(9)} / ${int(n)} workers, ${int(to * 2 * lines)} payment lines  (${fmt(seconds)} s)`);
    }
    let t = performance.now();
    const apbd = '00000000-0000-4000-8000-000000000001';
    const dbhcht = '00000000-0000-4000-8000-000000000002';
    await db.execute(sql`insert into funding_sources (id, kind, region_code, name) values
      (${apbd}::uuid, 'APBD', '52.03', 'APBD Lombok Timur (bench)'), (${dbhcht}::uuid, 'DBHCHT', '52.03', 'DBHCHT Lombok Timur (bench)')`);
    // Every 4th worker is sponsored for its paid months (every 8th by DBHCHT, handing over to self-payment);
    // every 16th paid until December is already committed for next year (so leaves the year-end list).
    await db.execute(sql`
      insert into funding_commitments (id, source_id, worker_id, fiscal_year, from_month, to_month, programs, declared_income, total_amount, handover_to_self)
      select ${seqUuid(sql`i`)}, case when i % 8 = 0 then ${dbhcht}::uuid else ${apbd}::uuid end, ${seqUuid(sql`i`)},
        extract(year from to_date(m, 'YYYY-MM'))::int, greatest(${monthAt(sql`${lastIdx(sql`i`)} - ${num(lines - 1)}`)}, left(m, 4) || '-01'), m,
        'JKK,JKM', 1000000, 16800, i % 8 = 0
      from generate_series(4, ${num(n)}, 4) i, lateral (select ${monthAt(lastIdx(sql`i`))} as m) mm`);
    await db.execute(sql`
      insert into funding_commitments (id, source_id, worker_id, fiscal_year, from_month, to_month, programs, declared_income, total_amount)
      select ${seqUuid(sql`${num(n)} + i`)}, ${apbd}::uuid, ${seqUuid(sql`i`)}, 2027, '2027-01', '2027-06', 'JKK,JKM', 1000000, 100800
      from generate_series(1, ${num(n)}) i where i % 16 = 1 and ${monthAt(lastIdx(sql`i`))} = '2026-12'`);
    steps.commitments = performance.now() - t;
    t = performance.now();
    await db.execute(sql`analyze`);
    steps.analyze = performance.now() - t;
  } finally {
    await db.execute(sql`set session_replication_role = origin`);
  }
  const [commitments] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from funding_commitments`);
  const ms = performance.now() - t0;
  for (const [step, stepMs] of Object.entries(steps)) say(`    ${step.padEnd(14)} ${fmt(stepMs / 1000).padStart(7)} s`);
  return { ms, steps, workers: n, enrolments: n * 2, paymentLines: n * 2 * lines, commitments: commitments?.n ?? 0 };
}


export async function benchFinancing(tmpRoot: string, s: FinancingSettings = financingSettings()): Promise<FinancingResults> {
  heading(`g. Renewal and lapse worklists: ${int(s.workers)} workers × JKK+JKM, ${s.monthsPerEnrolment} payment lines per enrolment (PGlite)`);
  const keep = process.env.BENCH_FIN_DIR;
  const dataDir = keep ? path.resolve(keep) : path.join(tmpRoot, 'financing');
  const reused = Boolean(keep && fs.existsSync(path.join(dataDir, 'PG_VERSION')));
  const jaring = await bootSection({ DATA_DIR: dataDir, DATABASE_URL: '' });
  const { db } = jaring.database;
  const { app } = jaring;
  const results: FinancingResults = { settings: s, reused, lists: [], peakRssMb: 0 };
  try {
    if (reused) {
      say(`  reusing the seeded database in ${dataDir} (BENCH_FIN_DIR)`);
    } else {
      results.seed = await seed(db, s);
      say(`  seed: ${fmt(results.seed.ms / 1000)} s for ${int(results.seed.workers)} workers, ${int(results.seed.enrolments)} enrolments, ${int(results.seed.paymentLines)} payment lines, ${int(results.seed.commitments)} commitments`);

      const t = performance.now();
      await db.transaction(async (tx) => refreshProtection(tx, sql`select id from workers`));
      const ms = performance.now() - t;
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from worker_protection`);
      results.derive = { ms, workers: row?.n ?? 0, rowsPerSecond: ((row?.n ?? 0) * 1000) / ms };
      say(`  derive statuses (refreshProtection over every worker): ${int(row?.n)} workers in ${fmt(ms / 1000)} s = ${int(results.derive.rowsPerSecond)} workers/s`);
      await db.execute(sql`analyze`);
    }

    const headers = await adminHeaders(app);
    const villages = jaring.regions.within('52.03', 'village').map((v) => v.code);

    say();
    say(`  GET /api/worklists/renewals, ${s.requests} requests each after 3 warm-up, one at a time (app.inject), pageSize 50, as admin; today 2026-11-25`);
    say(`  ${'kind'.padEnd(9)} ${'scope'.padEnd(8)} ${'rows'.padStart(8)}   p50      p95      max   target      database per query (EXPLAIN ANALYZE)`);
    for (const kind of WORKLIST_KINDS) {
      for (const scope of ['village', 'regency'] as const) {
        const url = (i: number) => `/api/worklists/renewals?kind=${kind}&region=${scope === 'village' ? villages[(i * 37) % villages.length] : '52.03'}`;
        for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: url(i + 100), headers });
        const samples: number[] = [];
        let total = 0;
        for (let i = 0; i < s.requests; i++) {
          const t = performance.now();
          const res = await app.inject({ method: 'GET', url: url(i), headers });
          samples.push(performance.now() - t);
          if (res.statusCode !== 200) throw new Error(`${url(i)} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
          if (i === 0) total = (res.json() as { total: number }).total;
        }
        const ms = timing(samples);
        const target = scope === 'village' ? FINANCING_TARGETS.villageP95Ms : FINANCING_TARGETS.regencyP95Ms;
        const captured = await captureQueries(db, () => app.inject({ method: 'GET', url: url(0), headers }));
        const explainMs: number[] = [];
        const plans: string[][] = [];
        for (const query of captured.filter((q) => /^\s*select\b/i.test(q.sql) && /worker_protection|funding_commitments hc/i.test(q.sql))) {
          const plan = await explainAnalyze(db, query);
          plans.push(plan);
          const exec = plan.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find(Boolean);
          explainMs.push(exec ? Number(exec[1]) : NaN);
        }
        say(
          `  ${kind.padEnd(9)} ${scope.padEnd(8)} ${int(total).padStart(8)} ${fmt(ms.p50).padStart(7)} ${fmt(ms.p95).padStart(8)} ${fmt(ms.max).padStart(8)} ms` +
            `  < ${String(target).padEnd(3)} ${mark(ms.p95 < target)}   ${explainMs.map((e) => `${fmt(e)} ms`).join(', ')}`,
        );
        if (process.env.BENCH_VERBOSE === '1' || ms.p95 >= target) {
          for (const plan of plans) for (const line of plan.filter((l) => !/^\s*(Buffers|Planning:)/.test(l)).slice(0, 24)) say(`      ${line.slice(0, 170)}`);
        }
        results.lists.push({ kind, scope, total, ms, explainMs });
      }
    }
  } finally {
    await app.close();
  }
  results.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  say(`  peak RSS of the bench process: ${results.peakRssMb} MB`);
  return results;
}

export function printFinancingSummary(r: FinancingResults): void {
  for (const scope of ['village', 'regency'] as const) {
    const runs = r.lists.filter((l) => l.scope === scope);
    if (runs.length === 0) continue;
    const worst = runs.reduce((a, b) => (b.ms.p95 > a.ms.p95 ? b : a));
    const target = scope === 'village' ? FINANCING_TARGETS.villageP95Ms : FINANCING_TARGETS.regencyP95Ms;
    say(`  worklist p95, ${scope.padEnd(8)} (worst) ${fmt(worst.ms.p95).padStart(8)} ms      target < ${target} ms      ${mark(worst.ms.p95 < target)}  (${worst.kind}, ${int(r.settings.workers)} workers)`);
  }
  if (r.derive) say(`  derive statuses         ${int(r.derive.rowsPerSecond).padStart(8)} workers/s  (${int(r.derive.workers)} in ${fmt(r.derive.ms / 1000)} s)`);
}
