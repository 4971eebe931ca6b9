/**
 * One measured step of bench/imports.ts, run in a Node process of its own so that its peak memory is its
 * own (a fresh V8 heap and a fresh PGlite, nothing left over from the step before):
 *
 *   copy     raw COPY of the generated rows into `workers_copy (like workers including all)`;
 *   import   the validated census import of the same rows, a kind 'workers' job through runJob;
 *   linkage  a synthetic truth set: the register COPY'd into `workers`, the participants as a BPJS file
 *            run as a kind 'bpjs' job, then precision and recall of the links against the truth.
 *
 * Usage (bench/imports.ts does this): node --expose-gc --import tsx bench/import-step.ts '<json spec>'.
 * Progress goes to stdout; the figures go to the JSON file named by `out` in the spec.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { FastifyBaseLogger } from 'fastify';
import { generateLinkageTruth, type LinkageScenario } from '../core/import/linkage-truth.ts';
import { scoreCandidate, type PersonRecord } from '../core/import/linkage.ts';
import { loadRegions } from '../server/boot.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { runJob, type ImportDeps, type JobControl } from '../server/domains/imports/import-runner.ts';
import { claimJob, findJob, insertJob, type ImportJobRow } from '../server/domains/imports/imports.repo.ts';
import type { ImportActor, ImportKind } from '../server/domains/imports/imports.table.ts';
import { COPY_COLUMNS } from './census-file.ts';

export type StepSpec =
  | { step: 'copy'; out: string; dataDir: string; copyPath: string; rows: number; chunkRows: number }
  | { step: 'import'; out: string; dataDir: string; csvPath: string; jobsDir: string; rows: number; label: string; batchRows: number }
  | {
      step: 'linkage';
      out: string;
      dataDir: string;
      jobsDir: string;
      registerSize: number;
      participants: number;
      seed: number;
      batchRows: number;
      chunkRows: number;
    };

const REGION = '52.03';
const TODAY = '2026-11-24';
const ACTOR: ImportActor = { id: null, username: 'bench', role: 'admin', regionCode: REGION };
const PROGRESS_EVERY_MS = 5000;

const say = (line: string) => process.stdout.write(`${line}\n`);
const int = (n: number) => Math.round(n).toLocaleString('en');
const MB = 1024 * 1024;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

// ---------------------------------------------------------------- memory

export interface MemoryFigures {
  /** RSS just before the step (database open and migrated, data generated), MB. */
  beforeMb: number;
  /** Highest RSS seen by sampling every 100 ms during the step, MB. */
  sampledPeakMb: number;
  /**
   * The process's high-water mark (getrusage maxRSS) at the end of the step, MB: catches a peak that
   * falls between samples (PGlite runs a statement synchronously, so the sampler cannot run during it).
   * It belongs to the step when it rose during the step, which `hwmRose` says.
   */
  hwmMb: number;
  hwmRose: boolean;
  /** The step's peak: the high-water mark if it rose during the step, else the sampled peak. */
  peakMb: number;
  /** peakMb − beforeMb. */
  deltaMb: number;
}

function memorySampler(): { stop(): MemoryFigures } {
  const before = process.memoryUsage.rss();
  const hwmBefore = process.resourceUsage().maxRSS * 1024;
  let peak = before;
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      const hwm = process.resourceUsage().maxRSS * 1024;
      const hwmRose = hwm > hwmBefore;
      const stepPeak = hwmRose ? Math.max(hwm, peak) : peak;
      return {
        beforeMb: Math.round(before / MB),
        sampledPeakMb: Math.round(peak / MB),
        hwmMb: Math.round(hwm / MB),
        hwmRose,
        peakMb: Math.round(stepPeak / MB),
        deltaMb: Math.round((stepPeak - before) / MB),
      };
    },
  };
}

// ---------------------------------------------------------------- SQL time by statement kind

/** Statement kinds, recognised by their text (the repos' own SQL). First match wins. */
const STATEMENT_KINDS: [RegExp, string][] = [
  [/^\s*select w\.id, w\.nik/i, 'census: look up the batch NIKs in the register'],
  [/with inserted as/i, 'census: insert new workers'],
  [/update "workers" w set/i, 'census: update changed workers'],
  [/insert into "import_rejections"/i, 'rejected rows'],
  [/insert into "audit_log"/i, 'audit entry'],
  [/insert into bpjs_participants/i, 'bpjs: upsert a batch of participants'],
  [/link_method = 'nik', link_score = 1/i, 'link 1: exact-NIK update'],
  [/^\s*select kpj, nik, name, birth_date::text as birth_date, village_code from bpjs_participants/i, 'link 2: read a page of unlinked'],
  [/with p as (materialized )?\(/i, 'link 2: candidate (blocking) query'],
  [/"linkedExact"/, 'link 4: count the outcome (countLinkage)'],
  [/link_method = 'auto'/i, 'link 2: write automatic links'],
  [/insert into link_reviews/i, 'link 2: write review suggestions'],
  [/insert into enrolments/i, 'link 3: enrolments'],
  [/update "import_jobs"/i, 'job row (header, progress, finish)'],
];
const classify = (query: string) => STATEMENT_KINDS.find(([re]) => re.test(query))?.[1] ?? `other: ${query.replace(/\s+/g, ' ').trim().slice(0, 60)}`;

export interface SqlKindStat {
  kind: string;
  count: number;
  ms: number;
  /** Mean duration of the first and the last quarter of the statements: a rise means a step slows as tables grow. */
  firstQuarterMeanMs: number;
  lastQuarterMeanMs: number;
  maxMs: number;
}

/**
 * Times every statement Drizzle sends through the PGlite client (and the COMMIT of each transaction).
 * PGlite runs a statement synchronously in this thread, so the time between call and answer is the
 * database's own time; what is left of the job's time is JavaScript (reading, parsing, validating, scoring).
 */
function instrument(pglite: PGlite, heartbeat?: { label: string; t0: number }) {
  const durations = new Map<string, number[]>();
  const firstOf = new Map<string, { sql: string; params: unknown[] }>();
  const slowest = new Map<string, { kind: string; sql: string; params: unknown[]; ms: number }>();
  let lastBeat = performance.now();
  const record = (kind: string, ms: number) => {
    let list = durations.get(kind);
    if (!list) durations.set(kind, (list = []));
    list.push(ms);
    // Phases without progress callbacks (the linkage) still show a sign of life.
    const now = performance.now();
    if (heartbeat && now - lastBeat >= 2 * PROGRESS_EVERY_MS) {
      lastBeat = now;
      const m = process.memoryUsage();
      say(
        `    ${heartbeat.label}: ${((now - heartbeat.t0) / 1000).toFixed(0)} s — ${kind} #${list.length} took ${Math.round(ms)} ms  ` +
          `RSS ${Math.round(m.rss / MB)} MB (JS heap ${Math.round(m.heapUsed / MB)} MB, array buffers ${Math.round(m.arrayBuffers / MB)} MB)`,
      );
    }
  };
  type QueryFn = (query: string, params?: unknown[], options?: unknown) => Promise<unknown>;
  const wrap =
    (fn: QueryFn): QueryFn =>
    async (query, params, options) => {
      const t = performance.now();
      try {
        return await fn(query, params, options);
      } finally {
        const kind = classify(query);
        const ms = performance.now() - t;
        record(kind, ms);
        if (!firstOf.has(kind)) firstOf.set(kind, { sql: query, params: [...(params ?? [])] });
        if (ms > (slowest.get(kind)?.ms ?? -1)) slowest.set(kind, { kind, sql: query, params: [...(params ?? [])], ms });
      }
    };
  const client = pglite as unknown as { query: QueryFn; transaction: <T>(cb: (tx: Transaction) => Promise<T>) => Promise<T> };
  const originalQuery = client.query;
  const originalTransaction = client.transaction;
  client.query = wrap(originalQuery.bind(pglite));
  client.transaction = async <T>(cb: (tx: Transaction) => Promise<T>): Promise<T> => {
    let commitStart = 0;
    try {
      return (await originalTransaction.call(pglite, async (tx: Transaction) => {
        const t = tx as unknown as { query: QueryFn };
        t.query = wrap(t.query);
        const result = await cb(tx);
        commitStart = performance.now();
        return result;
      })) as T;
    } finally {
      if (commitStart) record('COMMIT', performance.now() - commitStart);
    }
  };
  return {
    firstOf,
    slowest,
    restore() {
      client.query = originalQuery;
      client.transaction = originalTransaction;
    },
    stats(): SqlKindStat[] {
      const out: SqlKindStat[] = [];
      for (const [kind, list] of durations) {
        const quarter = Math.max(1, Math.floor(list.length / 4));
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
        out.push({
          kind,
          count: list.length,
          ms: Math.round(list.reduce((a, b) => a + b, 0)),
          firstQuarterMeanMs: Math.round(mean(list.slice(0, quarter)) * 10) / 10,
          lastQuarterMeanMs: Math.round(mean(list.slice(-quarter)) * 10) / 10,
          maxMs: Math.round(Math.max(...list)),
        });
      }
      return out.sort((a, b) => b.ms - a.ms);
    },
  };
}

// ---------------------------------------------------------------- shared

async function openFresh(dataDir: string): Promise<Database> {
  const database = await openDatabase({ dataDir });
  if (!database.pglite) throw new Error('import-step: expected an embedded PGlite database');
  return database;
}

async function countRows(pglite: PGlite, table: string): Promise<number> {
  const result = await pglite.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return result.rows[0]?.n ?? 0;
}

/** COPY of CSV lines (no header) into a table, in one statement through PGlite's blob device. */
async function copyLines(pglite: PGlite, table: string, columns: string[], lines: string[]): Promise<void> {
  await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([`${lines.join('\n')}\n`]) });
}

const logger = {
  error: (obj: unknown, msg?: string) => say(`    [server log] ${msg ?? ''} ${JSON.stringify(obj)}`),
  warn: () => {},
  info: () => {},
  debug: () => {},
  trace: () => {},
  fatal: () => {},
  child: () => logger,
} as unknown as FastifyBaseLogger;

function deps(database: Database, regions: ImportDeps['regions'], batchRows: number): ImportDeps {
  return { db: database.db, regions, today: () => TODAY, residentMinAge: 15, residentMaxAge: 65, batchRows, log: logger };
}

/** A queued job for a copy of `sourcePath` (a finished job deletes its file), claimed for this process. */
async function queueJob(database: Database, kind: ImportKind, sourcePath: string, jobsDir: string): Promise<ImportJobRow> {
  const id = randomUUID();
  fs.mkdirSync(jobsDir, { recursive: true });
  const filePath = path.join(jobsDir, `${id}.csv`);
  fs.copyFileSync(sourcePath, filePath);
  await insertJob(database.db, {
    id,
    kind,
    fileName: path.basename(sourcePath),
    filePath,
    fileFormat: 'csv',
    fileSize: fs.statSync(filePath).size,
    villageCode: null,
    actor: ACTOR,
  });
  const job = await claimJob(database.db, id, true);
  if (!job) throw new Error('import-step: could not claim the job just queued');
  return job;
}

/** A progress printer for onProgress: at most one line every few seconds, plus the time of the last call. */
function progressPrinter(label: string, totalRows: number, t0: number) {
  let lastPrinted = t0;
  const state = { lastCallAt: t0, calls: 0 };
  const onProgress: JobControl['onProgress'] = ({ rowsDone }) => {
    const now = performance.now();
    state.lastCallAt = now;
    state.calls += 1;
    if (now - lastPrinted < PROGRESS_EVERY_MS) return;
    lastPrinted = now;
    const seconds = (now - t0) / 1000;
    say(
      `    ${label}: ${int(rowsDone).padStart(9)} / ${int(totalRows)} rows (${Math.round((rowsDone / totalRows) * 100)} %)  ` +
        `${int(rowsDone / seconds).padStart(7)} rows/s  RSS ${Math.round(process.memoryUsage.rss() / MB)} MB`,
    );
  };
  return { onProgress, state };
}

// ---------------------------------------------------------------- copy

async function copyStep(spec: Extract<StepSpec, { step: 'copy' }>) {
  const database = await openFresh(spec.dataDir);
  const pglite = database.pglite!;
  try {
    // The same columns, defaults, constraints and indexes (unique NIK, the name and trigram indexes…) as the register.
    await pglite.exec('create table workers_copy (like workers including all)');
    const indexes = await pglite.query<{ indexname: string }>(`select indexname from pg_indexes where tablename = 'workers_copy' order by 1`);
    gc();
    const memory = memorySampler();
    const t0 = performance.now();
    let lastPrinted = t0;
    let done = 0;
    let chunks = 0;
    let lines: string[] = [];
    const flush = async () => {
      await copyLines(pglite, 'workers_copy', COPY_COLUMNS, lines);
      done += lines.length;
      chunks += 1;
      lines = [];
      const now = performance.now();
      if (now - lastPrinted >= PROGRESS_EVERY_MS) {
        lastPrinted = now;
        say(`    raw COPY: ${int(done).padStart(9)} / ${int(spec.rows)} rows  ${int(done / ((now - t0) / 1000)).padStart(7)} rows/s  RSS ${Math.round(process.memoryUsage.rss() / MB)} MB`);
      }
    };
    const input = readline.createInterface({ input: fs.createReadStream(spec.copyPath, { highWaterMark: 1024 * 1024 }), crlfDelay: Infinity });
    for await (const line of input) {
      if (!line) continue;
      lines.push(line);
      if (lines.length >= spec.chunkRows) await flush();
    }
    if (lines.length > 0) await flush();
    const ms = performance.now() - t0;
    const mem = memory.stop();
    const rows = await countRows(pglite, 'workers_copy');
    return { rows, ms: Math.round(ms), rowsPerSecond: Math.round(rows / (ms / 1000)), chunks, memory: mem, indexes: indexes.rows.map((r) => r.indexname) };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------- census import

async function importStep(spec: Extract<StepSpec, { step: 'import' }>) {
  const database = await openFresh(spec.dataDir);
  const pglite = database.pglite!;
  try {
    const regions = await loadRegions(database.db, REGION);
    const workersBefore = await countRows(pglite, 'workers');
    const job = await queueJob(database, 'workers', spec.csvPath, spec.jobsDir);
    gc();
    const timer = instrument(pglite);
    const memory = memorySampler();
    const t0 = performance.now();
    const progress = progressPrinter(spec.label, spec.rows, t0);
    const outcome = await runJob(deps(database, regions, spec.batchRows), job, { shouldStop: () => false, onProgress: progress.onProgress });
    const ms = performance.now() - t0;
    const mem = memory.stop();
    timer.restore();
    const final = await findJob(database.db, job.id);
    const workersAfter = await countRows(pglite, 'workers');
    const sql = timer.stats();
    const sqlMs = sql.reduce((s, k) => s + k.ms, 0);
    return {
      outcome,
      status: final?.status,
      failureMessage: final?.failureMessage ?? null,
      counts: { created: final?.created, updated: final?.updated, unchanged: final?.unchanged, rejected: final?.rejected, skipped: final?.skipped, rowsDone: final?.rowsDone },
      workersBefore,
      workersAfter,
      ms: Math.round(ms),
      rowsPerSecond: Math.round(spec.rows / (ms / 1000)),
      batches: progress.state.calls,
      memory: mem,
      sql,
      sqlMs,
      /** Time outside the database: reading and parsing the CSV, validating each row, building the batches. */
      javascriptMs: Math.round(ms - sqlMs),
    };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------- linkage

/** Deterministic worker ids, so the truth's `W000123` maps to a UUID and back without a table. */
const workerUuid = (index: number) => `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
const truthUuid = (truthId: string) => workerUuid(Number(truthId.slice(1)));
const csvCell = (value: string, delimiter: string) => (value.includes(delimiter) || /["\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const BPJS_HEADER = ['KPJ', 'NIK', 'Nama', 'Tgl Lahir', 'Program', 'Status', 'Iuran Terakhir', 'Kode Desa'];

interface ParticipantTruth {
  kpj: string;
  truthUuid: string | null;
  scenario: LinkageScenario;
}

type ScenarioTally = { n: number; nik: number; nikWrong: number; autoOk: number; autoWrong: number; queuedOk: number; queuedOther: number; none: number };

async function linkageStep(spec: Extract<StepSpec, { step: 'linkage' }>) {
  const database = await openFresh(spec.dataDir);
  const pglite = database.pglite!;
  try {
    const regions = await loadRegions(database.db, REGION);
    const villageCodes = regions.within(REGION, 'village').map((v) => v.code);
    const setup: Record<string, number> = {};
    const bpjsPath = path.join(spec.jobsDir, 'peserta-bpjs.csv');
    fs.mkdirSync(spec.jobsDir, { recursive: true });

    // The truth set lives only inside this block: after it, just the participants' truth is kept.
    const truth = await (async () => {
      let t = performance.now();
      const set = generateLinkageTruth({ registerSize: spec.registerSize, participantCount: spec.participants, seed: spec.seed, villageCodes });
      setup.generateMs = Math.round(performance.now() - t);
      say(`    truth set: ${int(set.register.length)} register people, ${int(set.participants.length)} participants, generated in ${(setup.generateMs / 1000).toFixed(1)} s`);

      // Bulk load: without the secondary indexes, then build them (much faster than growing a GIN index row by row).
      const indexes = await pglite.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where tablename = 'workers' and indexname <> 'workers_pkey' order by 1`,
      );
      for (const ix of indexes.rows) await pglite.exec(`drop index ${ix.indexname}`);
      t = performance.now();
      const columns = ['id', 'nik', 'name', 'birth_date', 'sex', 'village_code', 'district_code', 'occupation'];
      let lines: string[] = [];
      for (let i = 0; i < set.register.length; i++) {
        const w = set.register[i]!;
        lines.push([workerUuid(Number(w.id.slice(1))), w.nik, csvCell(w.name, ','), w.birthDate, w.sex, w.villageCode, w.villageCode!.slice(0, 8), 'farm_labourer'].join(','));
        if (lines.length >= spec.chunkRows || i === set.register.length - 1) {
          await copyLines(pglite, 'workers', columns, lines);
          lines = [];
        }
      }
      setup.registerCopyMs = Math.round(performance.now() - t);
      t = performance.now();
      for (const ix of indexes.rows) await pglite.exec(ix.indexdef);
      setup.registerIndexMs = Math.round(performance.now() - t);
      t = performance.now();
      await pglite.exec('analyze');
      setup.analyzeMs = Math.round(performance.now() - t);
      say(
        `    register: COPY ${int(set.register.length)} workers ${(setup.registerCopyMs / 1000).toFixed(1)} s, ` +
          `${indexes.rows.length} indexes rebuilt ${(setup.registerIndexMs / 1000).toFixed(1)} s, ANALYZE ${(setup.analyzeMs / 1000).toFixed(1)} s`,
      );

      // The participant file as the BPJS branch office would send it.
      t = performance.now();
      const out = fs.createWriteStream(bpjsPath);
      const write = async (text: string) => {
        if (!out.write(text)) await once(out, 'drain');
      };
      await write(`${BPJS_HEADER.join(';')}\r\n`);
      for (let i = 0; i < set.participants.length; i += 2000) {
        const chunk = set.participants.slice(i, i + 2000).map((p) =>
          [p.kpj, p.nik ?? '', p.name, p.birthDate ?? '', 'JKK, JKM', 'AKTIF', '2026-10', p.villageCode ?? ''].map((c) => csvCell(c, ';')).join(';'),
        );
        await write(`${chunk.join('\r\n')}\r\n`);
      }
      out.end();
      await once(out, 'finish');
      setup.bpjsFileMs = Math.round(performance.now() - t);
      return set.participants.map((p): ParticipantTruth => ({ kpj: p.kpj, truthUuid: p.truthWorkerId ? truthUuid(p.truthWorkerId) : null, scenario: p.scenario }));
    })();

    const job = await queueJob(database, 'bpjs', bpjsPath, spec.jobsDir);
    gc();
    const memory = memorySampler();
    const t0 = performance.now();
    const timer = instrument(pglite, { label: 'BPJS job', t0 });
    const progress = progressPrinter('BPJS file', spec.participants, t0);
    const outcome = await runJob(deps(database, regions, spec.batchRows), job, { shouldStop: () => false, onProgress: progress.onProgress });
    const ms = performance.now() - t0;
    const mem = memory.stop();
    timer.restore();
    const final = await findJob(database.db, job.id);
    // The last onProgress comes after the last batch of participants is committed; linking follows.
    const readMs = progress.state.lastCallAt - t0;
    const linkMs = ms - readMs;
    say(`    job ${final?.status}: read and upsert ${(readMs / 1000).toFixed(1)} s, then linkage ${(linkMs / 1000).toFixed(1)} s`);

    const quality = await linkQuality(pglite, truth);
    const plans = await explainSlowReads(pglite, timer.slowest);
    const sql = timer.stats();
    const sqlMs = sql.reduce((s, k) => s + k.ms, 0);
    const linkSqlMs = sql.filter((k) => k.kind.startsWith('link')).reduce((s, k) => s + k.ms, 0);
    return {
      outcome,
      status: final?.status,
      failureMessage: final?.failureMessage ?? null,
      counts: { created: final?.created, updated: final?.updated, unchanged: final?.unchanged, rejected: final?.rejected, rowsDone: final?.rowsDone },
      linkage: final?.linkage ?? null,
      setup,
      ms: Math.round(ms),
      readMs: Math.round(readMs),
      linkMs: Math.round(linkMs),
      linkSqlMs,
      /** Linkage time outside the database: decideLink scoring and building the writes. */
      linkJavascriptMs: Math.round(linkMs - linkSqlMs),
      memory: mem,
      sql,
      sqlMs,
      quality,
      plans,
    };
  } finally {
    await database.close();
  }
}

/** Every participant's link and pending suggestions, compared with the truth. */
async function linkQuality(pglite: PGlite, truth: ParticipantTruth[]) {
  const links = await pglite.query<{ kpj: string; worker_id: string | null; link_method: string | null }>(
    `select kpj, worker_id::text as worker_id, link_method from bpjs_participants`,
  );
  const linkByKpj = new Map(links.rows.map((r) => [r.kpj, r]));
  const pending = await pglite.query<{ kpj: string; worker_id: string }>(`select kpj, worker_id::text as worker_id from link_reviews where status = 'pending'`);
  const pendingByKpj = new Map<string, Set<string>>();
  for (const r of pending.rows) {
    let set = pendingByKpj.get(r.kpj);
    if (!set) pendingByKpj.set(r.kpj, (set = new Set()));
    set.add(r.worker_id);
  }

  const byScenario = new Map<LinkageScenario, ScenarioTally>();
  const falseAuto: { kpj: string; linked: string; truth: string | null; scenario: LinkageScenario }[] = [];
  const falseNik: { kpj: string; linked: string; truth: string | null; scenario: LinkageScenario }[] = [];
  const missed: { kpj: string; truth: string; scenario: LinkageScenario; queuedOther: boolean }[] = [];
  let withTruth = 0;
  let found = 0;
  let foundAutomatically = 0;
  let auto = 0;
  let autoOk = 0;
  let nik = 0;
  let nikOk = 0;
  let queuedParticipants = 0;
  let notInFile = 0;
  const autoWorkers = new Map<string, number>();
  for (const p of truth) {
    const tally = byScenario.get(p.scenario) ?? { n: 0, nik: 0, nikWrong: 0, autoOk: 0, autoWrong: 0, queuedOk: 0, queuedOther: 0, none: 0 };
    byScenario.set(p.scenario, tally);
    tally.n += 1;
    const link = linkByKpj.get(p.kpj);
    if (!link) {
      notInFile += 1; // rejected by the import: counts as not found
      tally.none += 1;
      if (p.truthUuid) {
        withTruth += 1;
        missed.push({ kpj: p.kpj, truth: p.truthUuid, scenario: p.scenario, queuedOther: false });
      }
      continue;
    }
    const queued = link.worker_id === null ? pendingByKpj.get(p.kpj) : undefined;
    if (queued) queuedParticipants += 1;
    const correct = link.worker_id !== null && link.worker_id === p.truthUuid;
    if (link.link_method === 'auto') {
      auto += 1;
      autoWorkers.set(link.worker_id!, (autoWorkers.get(link.worker_id!) ?? 0) + 1);
      if (correct) {
        autoOk += 1;
        tally.autoOk += 1;
      } else {
        tally.autoWrong += 1;
        falseAuto.push({ kpj: p.kpj, linked: link.worker_id!, truth: p.truthUuid, scenario: p.scenario });
      }
    } else if (link.link_method === 'nik') {
      nik += 1;
      if (correct) {
        nikOk += 1;
        tally.nik += 1;
      } else {
        tally.nikWrong += 1;
        falseNik.push({ kpj: p.kpj, linked: link.worker_id!, truth: p.truthUuid, scenario: p.scenario });
      }
    } else if (queued) {
      if (p.truthUuid && queued.has(p.truthUuid)) tally.queuedOk += 1;
      else tally.queuedOther += 1;
    } else tally.none += 1;

    if (!p.truthUuid) continue;
    withTruth += 1;
    if (correct && (link.link_method === 'auto' || link.link_method === 'nik')) {
      found += 1;
      foundAutomatically += 1;
    } else if (link.worker_id === null && queued?.has(p.truthUuid)) found += 1;
    else missed.push({ kpj: p.kpj, truth: p.truthUuid, scenario: p.scenario, queuedOther: Boolean(queued) });
  }

  const examples = await describeLinks(pglite, falseAuto.slice(0, 5));
  const missedExamples = await describeLinks(
    pglite,
    missed.slice(0, 5).map((m) => ({ kpj: m.kpj, linked: null, truth: m.truth, scenario: m.scenario })),
  );
  return {
    participants: truth.length,
    withTruth,
    notInRegister: truth.length - withTruth,
    notInFile,
    nik,
    nikOk,
    auto,
    autoOk,
    found,
    foundAutomatically,
    queuedParticipants,
    pendingReviewRows: pending.rows.length,
    precisionAuto: auto === 0 ? null : autoOk / auto,
    precisionNik: nik === 0 ? null : nikOk / nik,
    recall: withTruth === 0 ? null : found / withTruth,
    recallAutomatic: withTruth === 0 ? null : foundAutomatically / withTruth,
    reviewShare: truth.length === 0 ? null : queuedParticipants / truth.length,
    workersWithSeveralAutoLinks: [...autoWorkers.values()].filter((n) => n > 1).length,
    byScenario: Object.fromEntries([...byScenario.entries()].sort(([a], [b]) => a.localeCompare(b))),
    falseAuto: falseAuto.length,
    falseNik: falseNik.length,
    falseAutoExamples: examples,
    missed: missed.length,
    missedExamples,
  };
}

/** The records behind a link (participant, worker it was linked to, the true worker) and how linkage scores them. */
async function describeLinks(pglite: PGlite, items: { kpj: string; linked: string | null; truth: string | null; scenario: LinkageScenario }[]) {
  const out = [];
  for (const item of items) {
    const participant = await pglite.query<{ nik: string | null; name: string; birth_date: string | null; village_code: string | null; link_score: number | null }>(
      `select nik, name, birth_date::text as birth_date, village_code, link_score from bpjs_participants where kpj = $1`,
      [item.kpj],
    );
    const worker = async (id: string | null) => {
      if (!id) return null;
      const r = await pglite.query<{ nik: string; name: string; birth_date: string; sex: 'M' | 'F'; village_code: string }>(
        `select nik, name, birth_date::text as birth_date, sex, village_code from workers where id = $1`,
        [id],
      );
      return r.rows[0] ?? null;
    };
    const p = participant.rows[0];
    if (!p) continue;
    const record: PersonRecord = { nik: p.nik, name: p.name, birthDate: p.birth_date, villageCode: p.village_code };
    const asRecord = (w: { nik: string; name: string; birth_date: string; sex: 'M' | 'F'; village_code: string }): PersonRecord => ({
      nik: w.nik,
      name: w.name,
      birthDate: w.birth_date,
      sex: w.sex,
      villageCode: w.village_code,
    });
    const linked = await worker(item.linked);
    const truthWorker = await worker(item.truth);
    const pending = await pglite.query<{ worker_id: string; score: number }>(`select worker_id::text as worker_id, score from link_reviews where kpj = $1 and status = 'pending'`, [
      item.kpj,
    ]);
    out.push({
      kpj: item.kpj,
      scenario: item.scenario,
      participant: record,
      linkScore: p.link_score,
      linked: linked ? { ...asRecord(linked), score: scoreCandidate(record, asRecord(linked)) } : null,
      truth: truthWorker ? { ...asRecord(truthWorker), score: scoreCandidate(record, asRecord(truthWorker)) } : null,
      pendingSuggestions: pending.rows.length,
    });
  }
  return out;
}

/**
 * EXPLAIN ANALYZE of the slowest instance of each read-only statement kind that took ≥ 2 s in the job (and
 * of the candidate query in any case), re-run with the same text and parameters: first with the planner
 * statistics as the job had them, then after an ANALYZE. PGlite runs no autovacuum, so tables filled
 * during the job (participants, review suggestions) have no statistics until something runs ANALYZE; a
 * large difference between the two runs says the job's plans suffered from it.
 */
async function explainSlowReads(pglite: PGlite, slowest: Map<string, { kind: string; sql: string; params: unknown[]; ms: number }>) {
  const readOnly = (q: string) => /^\s*(select|with)\b/i.test(q) && !/\b(insert\s+into|update\s+\S+\s+\S*\s*set|delete\s+from)\b/i.test(q);
  const picked = [...slowest.values()].filter((s) => readOnly(s.sql) && (s.ms >= 2000 || s.kind === 'link 2: candidate (blocking) query'));
  const explain = async (q: { sql: string; params: unknown[] }) => {
    const t = performance.now();
    const result = await pglite.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
    const lines = result.rows.map((r) => r['QUERY PLAN'] ?? Object.values(r)[0] ?? '');
    const exec = lines.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find(Boolean);
    return { ms: exec ? Math.round(Number(exec[1])) : Math.round(performance.now() - t), lines };
  };
  const out: { kind: string; jobMs: number; sql: string; before: { ms: number; lines: string[] }; afterAnalyze?: { ms: number; lines: string[] } }[] = [];
  for (const q of picked) out.push({ kind: q.kind, jobMs: Math.round(q.ms), sql: q.sql.replace(/\s+/g, ' ').slice(0, 300), before: await explain(q) });
  if (out.length > 0) {
    await pglite.exec('analyze');
    for (const [i, q] of picked.entries()) out[i]!.afterAnalyze = await explain(q);
  }
  return out;
}

// ---------------------------------------------------------------- main

async function main() {
  const spec = JSON.parse(process.argv[2] ?? '{}') as StepSpec;
  let result: unknown;
  if (spec.step === 'copy') result = await copyStep(spec);
  else if (spec.step === 'import') result = await importStep(spec);
  else if (spec.step === 'linkage') result = await linkageStep(spec);
  else throw new Error(`import-step: unknown step ${JSON.stringify(spec)}`);
  fs.writeFileSync(spec.out, JSON.stringify(result));
}

await main();
