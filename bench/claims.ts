/**
 * Claims at regency scale for `npm run bench` (section i, `BENCH_ONLY=claims`), on PGlite and, with
 * BENCH_DATABASE_URL, on a PostgreSQL server:
 *
 *   1. seed, in SQL, BENCH_CLAIM_WORKERS insured workers (default 50,000: JKK+JKM since 2023-01, paid to
 *      2026-12) and BENCH_CLAIMS claims over the regency's villages (default 20,000 — Lombok Timur sees
 *      about a thousand deaths of participants a year, so this is twenty years of them): 70 % paid death
 *      benefits (three payments each, spouse and child heirs), the rest spread over the open statuses;
 *      then each claim's first day of attention is derived (what a change of deadlines or holidays costs);
 *   2. reporting through the API: POST /api/claims for BENCH_CLAIM_REPORTS deaths (default 300), each with
 *      three heirs — protection checked, participations ended, coverage history refreshed — claims/s;
 *   3. p50/p95/max over BENCH_CLAIM_REQUESTS requests (default 40, through app.inject) of the claims list
 *      (regency, one village, "needs action" — warnings are derived per claim), one claim, the totals by
 *      district and by month, and the totals file (every payment line, XLSX).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../server/db/client.ts';
import { refreshAllAttention } from '../server/domains/claims/claim-attention.ts';
import { createPostgresDatabase } from '../server/test/test-app.ts';
import { type Timing, fmt, heading, int, positiveInt, say, timing } from './output.ts';
import { adminHeaders, bootSection, createBenchVillages, num, seqUuid, seqUuidText, timeGets } from './section.ts';


export interface ClaimsBenchSettings {
  workers: number;
  claims: number;
  reports: number;
  requests: number;
}

export function claimsSettings(env: NodeJS.ProcessEnv = process.env): ClaimsBenchSettings {
  return {
    workers: positiveInt(env.BENCH_CLAIM_WORKERS, 50_000),
    claims: positiveInt(env.BENCH_CLAIMS, 20_000),
    reports: positiveInt(env.BENCH_CLAIM_REPORTS, 300),
    requests: positiveInt(env.BENCH_CLAIM_REQUESTS, 40),
  };
}

export interface ClaimsEngineResults {
  engine: 'pglite' | 'postgres';
  seedMs: number;
  attentionMs: number;
  report: { claims: number; ms: number; perSecond: number; ms50: number; ms95: number };
  endpoints: { name: string; url: string; ms: Timing }[];
}

export interface ClaimsResults {
  settings: ClaimsBenchSettings;
  engines: ClaimsEngineResults[];
  peakRssMb: number;
}

const CLAIM_BASE = 10_000_000; // claim and heir ids live far from the worker ids

async function seed(db: Db, s: ClaimsBenchSettings): Promise<void> {
  const v = num(await createBenchVillages(db));
  await db.execute(sql`
    insert into workers (id, nik, name, birth_date, sex, village_code, district_code, occupation, monthly_income)
    select ${seqUuid(sql`i`)}, substr(replace(bv.code, '.', ''), 1, 6) || lpad(i::text, 10, '0'),
      'Pekerja Bench ' || chr(65 + i % 26) || chr(65 + (i / 26) % 26) || chr(65 + (i / 676) % 26),
      date '1960-01-01' + (i % 10000), case when i % 2 = 0 then 'M' else 'F' end, bv.code, left(bv.code, 8), 'farm_labourer', 1500000
    from generate_series(1, ${num(s.workers)}) i join bench_villages bv on bv.idx = i % ${v}`);
  await db.execute(sql`
    insert into enrolments (id, worker_id, program, start_month, declared_income, funding_source)
    select ${seqUuid(sql`i * 2 + p`)}, ${seqUuid(sql`i`)}, (array['JKK','JKM'])[1 + p], '2023-01', 1000000, 'SELF'
    from generate_series(1, ${num(s.workers)}) i, generate_series(0, 1) p`);
  await db.execute(sql`
    insert into premium_payments (id, enrolment_id, from_month, to_month, amount, funding_source, paid_on)
    select ${seqUuid(sql`i * 2 + p`)}, ${seqUuid(sql`i * 2 + p`)}, '2023-01', '2026-12', 16800 * 48, 'SELF', date '2023-01-05'
    from generate_series(1, ${num(s.workers)}) i, generate_series(0, 1) p`);
  // Claims of the last workers (the first ones are left for reporting through the API); 70 % paid.
  const status = sql`(array['paid','paid','paid','paid','paid','paid','paid','reported','documents_complete','submitted'])[1 + c % 10]`;
  await db.execute(sql`
    insert into claims (id, number, type, program, event, worker_id, village_code, district_code, event_date, place, description,
      status, eligible, protection, grace_months, contribution_months, declared_income, estimated_amount, approved_amount,
      reported_on, submitted_on, decided_on, paid_on)
    select ${seqUuid(sql`${num(CLAIM_BASE)} + c`)}, 'KLM-BENCH-' || lpad(c::text, 6, '0'), 'jkm_death', 'JKM', 'death_natural', w.id, w.village_code, w.district_code,
      date '2024-01-01' + (c % 1000), 'Rumah', 'Meninggal dunia karena sakit (bench)', ${status}, true, '[]'::jsonb, 2, 36, 1000000, 42000000,
      case when ${status} = 'paid' then 42000000 end, date '2024-01-03' + (c % 1000),
      case when ${status} in ('paid','submitted') then date '2024-01-10' + (c % 1000) end,
      case when ${status} = 'paid' then date '2024-01-14' + (c % 1000) end,
      case when ${status} = 'paid' then date '2024-01-18' + (c % 1000) end
    from generate_series(1, ${num(s.claims)}) c
    join workers w on w.id = ${seqUuid(sql`${num(s.workers)} - (c % ${num(Math.max(1, s.workers - s.reports - 1))})`)}`);
  await db.execute(sql`
    insert into claim_heirs (id, claim_id, position, nik, name, relation, birth_date, sex, school_level, is_payee)
    select ${seqUuid(sql`${num(CLAIM_BASE * 2)} + c * 2 + h`)}, ${seqUuid(sql`${num(CLAIM_BASE)} + c`)}, h + 1, lpad((c * 2 + h)::text, 16, '7'),
      case when h = 0 then 'Ahli Waris Bench' else 'Anak Bench' end, case when h = 0 then 'spouse' else 'child' end,
      case when h = 0 then date '1975-01-01' else date '2012-01-01' end, 'F', case when h = 1 then 'SMP' end, h = 0
    from generate_series(1, ${num(s.claims)}) c, generate_series(0, 1) h`);
  await db.execute(sql`
    insert into claim_payments (id, claim_id, heir_id, kind, amount, paid_on, reference)
    select ${seqUuid(sql`${num(CLAIM_BASE * 3)} + c * 3 + k`)}, cl.id, ${seqUuid(sql`${num(CLAIM_BASE * 2)} + c * 2`)},
      (array['lump_sum','periodic','funeral'])[1 + k], (array[20000000, 12000000, 10000000])[1 + k], cl.paid_on, 'BENCH-' || c || '-' || k
    from generate_series(1, ${num(s.claims)}) c join claims cl on cl.id = ${seqUuid(sql`${num(CLAIM_BASE)} + c`)}, generate_series(0, 2) k
    where cl.status = 'paid'`);
  await db.execute(sql`analyze`);
}

async function benchEngine(engine: 'pglite' | 'postgres', env: { DATA_DIR: string; DATABASE_URL: string }, s: ClaimsBenchSettings): Promise<ClaimsEngineResults> {
  const jaring = await bootSection(env);
  const { db } = jaring.database;
  const { app } = jaring;
  try {
    const t0 = performance.now();
    await seed(db, s);
    const seedMs = performance.now() - t0;
    say(`  seed: ${fmt(seedMs / 1000)} s — ${int(s.workers)} insured workers, ${int(s.claims)} claims (70 % paid, 3 payments each)`);
    // Seeded in SQL, so each claim's first day of attention is derived here, as a settings change would.
    const t1 = performance.now();
    await db.transaction((tx) => refreshAllAttention(tx));
    const attentionMs = performance.now() - t1;
    say(`  derive every claim's first day of attention (refreshAllAttention): ${fmt(attentionMs / 1000)} s = ${int((s.claims * 1000) / attentionMs)} claims/s`);

    const headers = await adminHeaders(app);

    // Reporting deaths through the API, one after another as officers would.
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 1; i <= s.reports; i++) {
      const worker = seqUuidText(i);
      const t = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/claims',
        headers,
        payload: {
          workerId: worker,
          event: 'death_natural',
          eventDate: '2026-11-10',
          place: 'Rumah',
          description: 'Meninggal dunia karena sakit (bench).',
          heirs: [
            { nik: `520301${String(41 + (i % 28)).padStart(2, '0')}0485${String(i % 9000 + 1).padStart(4, '0')}`, name: 'Istri Bench', relation: 'spouse', isPayee: true },
            { nik: `520301${String(1 + (i % 28)).padStart(2, '0')}0612${String(i % 9000 + 1).padStart(4, '0')}`, name: 'Anak Bench', relation: 'child', schoolLevel: 'SD' },
            { nik: `520301${String(1 + (i % 28)).padStart(2, '0')}0818${String(i % 9000 + 1).padStart(4, '0')}`, name: 'Anak Kedua', relation: 'child', schoolLevel: 'TK' },
          ],
        },
      });
      samples.push(performance.now() - t);
      if (res.statusCode !== 201) throw new Error(`report ${i} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    }
    const reportMs = performance.now() - started;
    const reportTiming = timing(samples);
    const report = { claims: s.reports, ms: reportMs, perSecond: (s.reports * 1000) / reportMs, ms50: reportTiming.p50, ms95: reportTiming.p95 };
    say(`  report a death (POST /api/claims, 3 heirs): ${int(s.reports)} in ${fmt(reportMs / 1000)} s = ${fmt(report.perSecond)} claims/s; p50 ${fmt(report.ms50)} ms, p95 ${fmt(report.ms95)} ms`);

    const [sample] = await queryRows<{ id: string; village_code: string }>(db, sql`select id, village_code from claims where status = 'paid' order by number limit 1`);
    const endpoints: { name: string; url: string; requests?: number }[] = [
      { name: 'claims list, regency, page 1', url: '/api/claims?region=52.03' },
      { name: 'claims list, one village', url: `/api/claims?region=${sample!.village_code}` },
      { name: 'claims list, search by name', url: '/api/claims?q=Bench%20AB' },
      { name: 'needs action (warnings), regency', url: '/api/claims?warning=any', requests: 10 },
      { name: 'one claim (detail)', url: `/api/claims/${sample!.id}` },
      { name: 'totals by district, regency', url: '/api/claims/totals?by=district' },
      { name: 'totals by month, one year', url: '/api/claims/totals?by=month&from=2025-01-01&to=2025-12-31' },
      { name: 'totals file (XLSX, every payment)', url: '/api/claims/totals.xlsx?by=program', requests: 3 },
    ];
    say();
    say(`  ${'endpoint'.padEnd(38)} ${'requests'.padStart(8)}     p50      p95      max`);
    const results: ClaimsEngineResults['endpoints'] = [];
    for (const e of endpoints) {
      const n = e.requests ?? s.requests;
      const ms = await timeGets(app, headers, () => e.url, n, 1);
      say(`  ${e.name.padEnd(38)} ${String(n).padStart(8)} ${fmt(ms.p50).padStart(7)} ${fmt(ms.p95).padStart(8)} ${fmt(ms.max).padStart(8)} ms`);
      results.push({ name: e.name, url: e.url, ms });
    }
    return { engine, seedMs, attentionMs, report, endpoints: results };
  } finally {
    await app.close();
  }
}

export async function benchClaims(tmpRoot: string, s: ClaimsBenchSettings = claimsSettings()): Promise<ClaimsResults> {
  const results: ClaimsResults = { settings: s, engines: [], peakRssMb: 0 };
  heading(`i. Claims: ${int(s.claims)} claims over ${int(s.workers)} insured workers (PGlite)`);
  results.engines.push(await benchEngine('pglite', { DATA_DIR: `${tmpRoot}/claims`, DATABASE_URL: '' }, s));
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    heading(`i. Claims on PostgreSQL (BENCH_DATABASE_URL): ${int(s.claims)} claims`);
    const { url, drop } = await createPostgresDatabase(serverUrl);
    try {
      results.engines.push(await benchEngine('postgres', { DATA_DIR: `${tmpRoot}/unused-claims`, DATABASE_URL: url }, s));
    } finally {
      await drop();
    }
  } else {
    say('\n(Set BENCH_DATABASE_URL=postgres://… to measure section i on a PostgreSQL server too.)');
  }
  results.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  say(`  peak RSS of the bench process: ${results.peakRssMb} MB`);
  return results;
}

export function printClaimsSummary(r: ClaimsResults): void {
  for (const e of r.engines) {
    say(`  report a death (${e.engine})`.padEnd(46) + `${fmt(e.report.perSecond).padStart(8)} claims/s   p95 ${fmt(e.report.ms95)} ms`);
    for (const name of ['claims list, regency, page 1', 'needs action (warnings), regency', 'totals by district, regency']) {
      const run = e.endpoints.find((x) => x.name === name);
      if (run) say(`  ${`${name} (${e.engine})`.padEnd(44)} p95 ${fmt(run.ms.p95).padStart(7)} ms`);
    }
  }
}
