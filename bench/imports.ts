/**
 * Bulk import and BPJS reconciliation figures for `npm run bench` (sections e and f):
 *
 *   e. census import: for each size, a synthetic census CSV (`;`, village headers) written as a stream;
 *      the raw COPY of the same rows into a copy of the workers table, then the validated import of the
 *      file (runJob, as the server runs an upload), then the same file again (all rows unchanged). Rows/s,
 *      peak memory, the import/COPY ratio, and where the import's time goes (SQL by statement vs JavaScript).
 *   f. linkage: a synthetic truth set (core/import/linkage-truth.ts) — a register COPY'd into `workers` and a
 *      BPJS participant file with typos, variants and people in only one of the files — run as a BPJS
 *      import; the job's time, then precision of automatic links and recall with the review queue.
 *
 * Each measured step runs in a fresh Node process (bench/import-step.ts) on a fresh on-disk PGlite data
 * folder, so COPY and import each start from an empty register and each peak memory is the step's own.
 * Nothing is asserted: figures are printed next to the targets and returned for bench/results/latest.json.
 *
 * Settings: BENCH_IMPORT_ROWS=100000,1000000 (0 skips e), BENCH_LINK_REGISTER=1000000,
 * BENCH_LINK_PARTICIPANTS=150000 (0 skips f), BENCH_ONLY=imports|census|linkage (see bench/run.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readRegionRecords } from '../server/domains/regions/region-source.ts';
import { RegionDirectory } from '../server/domains/regions/region-directory.ts';
import { writeCensusFiles } from './census-file.ts';
import type { MemoryFigures, SqlKindStat, StepSpec } from './import-step.ts';
import { fmt, heading, int, mark, pct, positiveInt, say } from './output.ts';
import { REPO_ROOT } from './startup.ts';

export const IMPORT_TARGETS = {
  /** Validated import rows/s at least this share of raw COPY rows/s on the same engine. */
  importToCopyRatio: 0.5,
  /** 1,000,000 census rows imported in less than this (PGlite). */
  millionRowsSeconds: 30,
  /** Peak memory of the import at most this much above the raw COPY's. */
  memoryOverCopyMb: 300,
  /** A 150,000-row participant file against a 1,000,000-worker register, in less than this (PGlite). */
  reconcileSeconds: 120,
  /** Automatic links that are right. */
  autoPrecision: 0.999,
  /** Register people in the file found by NIK, automatic link or the review queue. */
  recall: 0.98,
} as const;

export interface ImportBenchSettings {
  importRows: number[];
  linkRegister: number;
  linkParticipants: number;
  /** Rows per transaction of the import (ImportDeps.batchRows). */
  batchRows: number;
  /** Rows per COPY statement. */
  copyChunkRows: number;
  seed: number;
}

export function importSettings(env: NodeJS.ProcessEnv = process.env): ImportBenchSettings {
  const rows = (env.BENCH_IMPORT_ROWS ?? '100000,1000000')
    .split(',')
    .map((s) => s.trim().replace(/_/g, ''))
    .filter((s) => /^\d+$/.test(s))
    .map(Number)
    .filter((n) => n > 0);
  return {
    importRows: rows,
    linkRegister: env.BENCH_LINK_REGISTER === '0' ? 0 : positiveInt(env.BENCH_LINK_REGISTER, 1_000_000),
    linkParticipants: env.BENCH_LINK_PARTICIPANTS === '0' ? 0 : positiveInt(env.BENCH_LINK_PARTICIPANTS, 150_000),
    batchRows: 5000,
    copyChunkRows: 50_000,
    seed: 5203,
  };
}

// ---------------------------------------------------------------- child steps

type Spec = StepSpec extends infer S ? (S extends StepSpec ? Omit<S, 'out'> : never) : never;

interface CopyFigures {
  rows: number;
  ms: number;
  rowsPerSecond: number;
  chunks: number;
  memory: MemoryFigures;
  indexes: string[];
}

interface ImportFigures {
  outcome: string;
  status?: string;
  failureMessage: string | null;
  counts: { created?: number; updated?: number; unchanged?: number; rejected?: number; skipped?: unknown; rowsDone?: number };
  workersBefore: number;
  workersAfter: number;
  ms: number;
  rowsPerSecond: number;
  batches: number;
  memory: MemoryFigures;
  sql: SqlKindStat[];
  sqlMs: number;
  javascriptMs: number;
}

interface Described {
  kpj: string;
  scenario: string;
  participant: { nik: string | null; name: string; birthDate: string | null; villageCode: string | null };
  linkScore: number | null;
  linked: (Record<string, unknown> & { name: string; score: { score: number; reasons: string[] } }) | null;
  truth: (Record<string, unknown> & { name: string; score: { score: number; reasons: string[] } }) | null;
  pendingSuggestions: number;
}

interface LinkageFigures {
  outcome: string;
  status?: string;
  failureMessage: string | null;
  counts: Record<string, unknown>;
  linkage: { linkedExact: number; linkedAuto: number; linkedConfirmed?: number; queued: number; unmatched: number } | null;
  setup: Record<string, number>;
  ms: number;
  readMs: number;
  linkMs: number;
  linkSqlMs: number;
  linkJavascriptMs: number;
  memory: MemoryFigures;
  sql: SqlKindStat[];
  sqlMs: number;
  quality: {
    participants: number;
    withTruth: number;
    notInRegister: number;
    notInFile: number;
    nik: number;
    nikOk: number;
    auto: number;
    autoOk: number;
    found: number;
    foundAutomatically: number;
    queuedParticipants: number;
    pendingReviewRows: number;
    precisionAuto: number | null;
    precisionNik: number | null;
    recall: number | null;
    recallAutomatic: number | null;
    reviewShare: number | null;
    workersWithSeveralAutoLinks: number;
    byScenario: Record<string, { n: number; nik: number; nikWrong: number; autoOk: number; autoWrong: number; queuedOk: number; queuedOther: number; none: number }>;
    falseAuto: number;
    falseNik: number;
    falseAutoExamples: Described[];
    missed: number;
    missedExamples: Described[];
  };
  plans: { kind: string; jobMs: number; sql: string; before: { ms: number; lines: string[] }; afterAnalyze?: { ms: number; lines: string[] } }[];
}

type StepResult<T> = (T & { error?: undefined; wallMs: number }) | { error: string; wallMs: number };

/** Runs one step in a fresh `node --expose-gc --import tsx bench/import-step.ts` and reads its figures. */
async function runStep<T>(spec: Spec, outDir: string): Promise<StepResult<T>> {
  const out = path.join(outDir, `step-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(REPO_ROOT, 'bench', 'import-step.ts'), JSON.stringify({ ...spec, out })], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | string>((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal ?? 'unknown')));
  const wallMs = Math.round(performance.now() - t0);
  if (code !== 0 || !fs.existsSync(out)) return { error: `step ${spec.step} exited with ${code}`, wallMs };
  const figures = JSON.parse(fs.readFileSync(out, 'utf8')) as T;
  fs.rmSync(out, { force: true });
  return { ...figures, wallMs };
}

// ---------------------------------------------------------------- e. census import

export interface CensusSizeResult {
  rows: number;
  file: { censusBytes: number; copyBytes: number; generateMs: number };
  copy: StepResult<CopyFigures>;
  import: StepResult<ImportFigures>;
  reimport: StepResult<ImportFigures>;
  /** import rows/s ÷ COPY rows/s. */
  ratio: number | null;
  /** import peak RSS − COPY peak RSS, MB. */
  memoryOverCopyMb: number | null;
}

const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
const memoryText = (m: MemoryFigures) => `peak RSS ${m.peakMb} MB (${m.beforeMb} MB before, +${m.deltaMb} MB)`;

async function benchCensus(tmpRoot: string, settings: ImportBenchSettings): Promise<CensusSizeResult[]> {
  heading(`e. Census import: ${settings.importRows.map((n) => int(n)).join(' and ')} rows (CSV) on PGlite, next to raw COPY`);
  say('  Each step runs in its own Node process on a fresh PGlite data folder: raw COPY into `workers_copy (like workers');
  say('  including all)`, the validated import (runJob) into an empty register, then the same file again (every row unchanged).');
  const records = readRegionRecords('52.03');
  const regions = new RegionDirectory(records, '52.03');
  const villages = regions.within('52.03', 'village');
  const districts = regions.within('52.03', 'district');
  const results: CensusSizeResult[] = [];
  for (const rows of settings.importRows) {
    const dir = path.join(tmpRoot, `census-${rows}`);
    fs.mkdirSync(dir, { recursive: true });
    try {
      const censusPath = path.join(dir, `sensus-${rows}.csv`);
      const copyPath = path.join(dir, `copy-${rows}.csv`);
      const file = await writeCensusFiles({ rows, seed: settings.seed + rows, villages, districts, censusPath, copyPath });
      say();
      say(`  ${int(rows)} rows — census file ${fmt(file.censusBytes / 1024 / 1024)} MB written in ${seconds(file.ms)} (same rows as COPY CSV: ${fmt(file.copyBytes / 1024 / 1024)} MB)`);

      const copy = await runStep<CopyFigures>({ step: 'copy', dataDir: path.join(dir, 'db-copy'), copyPath, rows, chunkRows: settings.copyChunkRows }, dir);
      fs.rmSync(path.join(dir, 'db-copy'), { recursive: true, force: true });
      if (copy.error === undefined) {
        say(`    raw COPY (${copy.chunks} × ≤${int(settings.copyChunkRows)} rows)  ${seconds(copy.ms).padStart(8)}  ${int(copy.rowsPerSecond).padStart(8)} rows/s  ${memoryText(copy.memory)}  ${copy.rows === rows ? '' : `rows ${int(copy.rows)} ≠ ${int(rows)} ✗`}`);
      } else say(`    raw COPY FAILED: ${copy.error}`);

      const dataDir = path.join(dir, 'db-import');
      const jobsDir = path.join(dir, 'jobs');
      const first = await runStep<ImportFigures>({ step: 'import', dataDir, csvPath: censusPath, jobsDir, rows, label: 'import', batchRows: settings.batchRows }, dir);
      printImport('validated import (runJob)', first, rows, 'created');
      const second = await runStep<ImportFigures>({ step: 'import', dataDir, csvPath: censusPath, jobsDir, rows, label: 're-import', batchRows: settings.batchRows }, dir);
      printImport('same file again (idempotent)', second, rows, 'unchanged');
      if (second.error === undefined) {
        say(`      re-import: JavaScript ${seconds(second.javascriptMs)}, SQL ${seconds(second.sqlMs)}, of which:`);
        printSqlKinds(second.sql, 3, '        ');
      }

      const ratio = copy.error === undefined && first.error === undefined ? first.rowsPerSecond / copy.rowsPerSecond : null;
      const memoryOverCopyMb = copy.error === undefined && first.error === undefined ? first.memory.peakMb - copy.memory.peakMb : null;
      if (ratio !== null) say(`    import ÷ raw COPY rows/s   ${fmt(ratio, 2).padStart(8)}       target ≥ ${IMPORT_TARGETS.importToCopyRatio}       ${mark(ratio >= IMPORT_TARGETS.importToCopyRatio)}`);
      if (memoryOverCopyMb !== null) {
        say(`    import peak − COPY peak    ${`${memoryOverCopyMb >= 0 ? '+' : ''}${memoryOverCopyMb} MB`.padStart(8)}       target ≤ ${IMPORT_TARGETS.memoryOverCopyMb} MB    ${mark(memoryOverCopyMb <= IMPORT_TARGETS.memoryOverCopyMb)}`);
      }
      if (first.error === undefined) {
        const millionSeconds = 1_000_000 / first.rowsPerSecond;
        const ok = millionSeconds < IMPORT_TARGETS.millionRowsSeconds;
        if (rows === 1_000_000) say(`    1,000,000 rows imported in ${seconds(first.ms).padStart(8)}       target < ${IMPORT_TARGETS.millionRowsSeconds} s        ${mark(ok)}`);
        else say(`    (1,000,000 rows at this rate: ${fmt(millionSeconds)} s; target < ${IMPORT_TARGETS.millionRowsSeconds} s, measured at 1,000,000 rows)`);
        printTimeSplit(first, settings.batchRows);
      }
      results.push({ rows, file: { censusBytes: file.censusBytes, copyBytes: file.copyBytes, generateMs: Math.round(file.ms) }, copy, import: first, reimport: second, ratio, memoryOverCopyMb });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

function printImport(label: string, r: StepResult<ImportFigures>, rows: number, expect: 'created' | 'unchanged'): void {
  if (r.error !== undefined) {
    say(`    ${label} FAILED: ${r.error}`);
    return;
  }
  const c = r.counts;
  const expected = c[expect] === rows && r.status === 'done';
  const counts = `created ${int(c.created)}, updated ${int(c.updated)}, unchanged ${int(c.unchanged)}, rejected ${int(c.rejected)}`;
  say(`    ${label.padEnd(28)} ${seconds(r.ms).padStart(8)}  ${int(r.rowsPerSecond).padStart(8)} rows/s  ${memoryText(r.memory)}`);
  say(`      job ${r.status}: ${counts} — ${expect} ${mark(expected)} ${expected ? `= ${int(rows)}` : `expected ${int(rows)}`}; register ${int(r.workersBefore)} → ${int(r.workersAfter)} workers`);
  if (r.failureMessage) say(`      failure: ${r.failureMessage}`);
}

function printSqlKinds(sql: SqlKindStat[], limit: number, indent = '      '): void {
  for (const k of sql.slice(0, limit)) {
    const trend = k.count >= 8 ? `, first ¼ ${fmt(k.firstQuarterMeanMs)} ms → last ¼ ${fmt(k.lastQuarterMeanMs)} ms each` : '';
    say(`${indent}${k.kind.slice(0, 52).padEnd(52)} ${seconds(k.ms).padStart(8)}  ${String(k.count).padStart(5)} × ${fmt(k.ms / k.count, 1)} ms${trend}`);
  }
}

function printTimeSplit(r: ImportFigures, batchRows: number): void {
  say(`    where the first import's ${seconds(r.ms)} go (${r.batches} batches of ≤${int(batchRows)} rows, one transaction each):`);
  say(`      ${'JavaScript: read CSV, parse and validate rows, build batches'.padEnd(52)} ${seconds(r.javascriptMs).padStart(8)}  ${fmt((r.javascriptMs / r.ms) * 100, 0)} %`);
  printSqlKinds(r.sql, 8);
}

// ---------------------------------------------------------------- f. linkage

async function benchLinkage(tmpRoot: string, settings: ImportBenchSettings): Promise<StepResult<LinkageFigures>> {
  heading(`f. BPJS reconciliation: ${int(settings.linkParticipants)} participants against ${int(settings.linkRegister)} workers (synthetic truth set)`);
  const dir = path.join(tmpRoot, 'linkage');
  fs.mkdirSync(dir, { recursive: true });
  try {
    const r = await runStep<LinkageFigures>(
      {
        step: 'linkage',
        dataDir: path.join(dir, 'db'),
        jobsDir: path.join(dir, 'jobs'),
        registerSize: settings.linkRegister,
        participants: settings.linkParticipants,
        seed: settings.seed,
        batchRows: settings.batchRows,
        chunkRows: settings.copyChunkRows,
      },
      dir,
    );
    if (r.error !== undefined) {
      say(`  FAILED: ${r.error}`);
      return r;
    }
    printLinkage(r, settings);
    return r;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printLinkage(r: LinkageFigures, settings: ImportBenchSettings): void {
  const q = r.quality;
  const fullSize = settings.linkRegister === 1_000_000 && settings.linkParticipants === 150_000;
  const timeOk = r.ms / 1000 < IMPORT_TARGETS.reconcileSeconds;
  say(`  job ${r.status}${r.failureMessage ? ` (${r.failureMessage})` : ''}: participants created ${int(r.counts.created as number)}, rejected ${int(r.counts.rejected as number)}`);
  say(
    `  reconciliation job (runJob)   ${seconds(r.ms).padStart(8)}       target < ${IMPORT_TARGETS.reconcileSeconds} s       ${mark(timeOk)}` +
      `${fullSize ? '' : '  (target is for 150,000 against 1,000,000)'}  ${memoryText(r.memory)}`,
  );
  say(`    read the file and upsert participants ${seconds(r.readMs)}; linkage ${seconds(r.linkMs)} (SQL ${seconds(r.linkSqlMs)}, JavaScript scoring ${seconds(r.linkJavascriptMs)})`);
  printSqlKinds(r.sql, 10, '      ');
  const l = r.linkage;
  if (l) {
    say(`  job counts: exact NIK ${int(l.linkedExact)}, automatic ${int(l.linkedAuto)}, review queue ${int(l.queued)}, unmatched ${int(l.unmatched)}`);
  }
  say(`  truth: ${int(q.withTruth)} participants are in the register, ${int(q.notInRegister)} are not${q.notInFile ? `; ${int(q.notInFile)} rows were not imported` : ''}`);
  const precisionOk = q.precisionAuto !== null && q.precisionAuto >= IMPORT_TARGETS.autoPrecision;
  const recallOk = q.recall !== null && q.recall >= IMPORT_TARGETS.recall;
  say(`  precision of automatic links  ${pct(q.precisionAuto).padStart(9)}      target ≥ ${pct(IMPORT_TARGETS.autoPrecision, 1)}    ${mark(precisionOk)}  (${int(q.autoOk)} of ${int(q.auto)} right; ${q.falseAuto} false)`);
  say(`  precision of exact-NIK links  ${pct(q.precisionNik).padStart(9)}                           (${int(q.nikOk)} of ${int(q.nik)} right)`);
  say(`  recall (NIK + auto + queue)   ${pct(q.recall).padStart(9)}      target ≥ ${pct(IMPORT_TARGETS.recall, 0)}       ${mark(recallOk)}  (${int(q.found)} of ${int(q.withTruth)}; missed ${int(q.missed)})`);
  say(`  recall without the queue      ${pct(q.recallAutomatic).padStart(9)}`);
  say(
    `  review queue                  ${int(q.queuedParticipants).padStart(9)} participants = ${pct(q.reviewShare, 1)} of the file, ${int(q.pendingReviewRows)} suggestions for an officer to work through`,
  );
  if (q.workersWithSeveralAutoLinks) say(`  ${q.workersWithSeveralAutoLinks} workers were linked automatically to more than one participant of the file`);

  say('  by scenario (truth):                     n     NIK   auto ✓  auto ✗  queue ✓  queue ✗   none');
  for (const [scenario, t] of Object.entries(q.byScenario)) {
    say(
      `    ${scenario.padEnd(32)} ${int(t.n).padStart(7)} ${int(t.nik + t.nikWrong).padStart(7)} ${int(t.autoOk).padStart(8)} ${int(t.autoWrong).padStart(7)} ${int(t.queuedOk).padStart(8)} ${int(t.queuedOther).padStart(8)} ${int(t.none).padStart(6)}`,
    );
  }
  say('    (neg_* are people not in the register: for them every link is false and "none" is right; "queue ✗" = suggestions without the right worker)');
  if (q.falseAutoExamples.length > 0) {
    say(`  false automatic links (${q.falseAuto}; up to 5):`);
    for (const e of q.falseAutoExamples) printDescribed(e);
  }
  if (q.missedExamples.length > 0) {
    say(`  missed register people (${int(q.missed)}; first 5):`);
    for (const e of q.missedExamples) printDescribed(e);
  }
  const showPlans = !timeOk || process.env.BENCH_VERBOSE === '1';
  if (r.plans.length > 0) {
    say('  slow read-only statements re-run with EXPLAIN ANALYZE (statistics as the job had them → after ANALYZE):');
    for (const p of r.plans) {
      say(`    ${p.kind}: ${fmt(p.jobMs / 1000)} s in the job; re-run ${fmt(p.before.ms / 1000, 2)} s → ${fmt((p.afterAnalyze?.ms ?? NaN) / 1000, 2)} s after ANALYZE`);
    }
  }
  for (const p of showPlans ? r.plans : []) {
    const shown = (lines: string[], max: number) =>
      lines.filter((l) => !/^\s*(Buffers|Planning:|Storage:|Index Searches)/.test(l)).slice(0, max).map((l) => `      ${l.length > 150 ? `${l.slice(0, 150)}…` : l}`);
    say(`  EXPLAIN ANALYZE, ${p.kind} — as in the job:`);
    for (const line of shown(p.before.lines, 32)) say(line);
    if (p.afterAnalyze) {
      say(`  … and after ANALYZE:`);
      for (const line of shown(p.afterAnalyze.lines, 14)) say(line);
    }
  }
}

function printDescribed(e: Described): void {
  const rec = (x: { nik?: unknown; name: string; birthDate?: unknown; villageCode?: unknown }) => `${x.nik ?? '—'} | ${x.name} | ${x.birthDate ?? '—'} | ${x.villageCode ?? '—'}`;
  say(`    KPJ ${e.kpj} (${e.scenario}): ${rec(e.participant)}`);
  if (e.linked) say(`      linked to  ${rec(e.linked)}  score ${e.linked.score.score} [${e.linked.score.reasons.join(', ')}]`);
  if (e.truth) say(`      truth is   ${rec(e.truth)}  score ${e.truth.score.score} [${e.truth.score.reasons.join(', ')}]`);
  else say('      truth: not in the register');
  if (!e.linked) say(`      pending suggestions: ${e.pendingSuggestions}`);
}

// ---------------------------------------------------------------- entry points

export interface ImportBenchResults {
  settings: ImportBenchSettings;
  targets: typeof IMPORT_TARGETS;
  census?: CensusSizeResult[];
  linkage?: StepResult<LinkageFigures>;
}

/** Sections e and f; `which` picks one or both. */
export async function benchImports(tmpRoot: string, which: { census: boolean; linkage: boolean }, settings = importSettings()): Promise<ImportBenchResults> {
  const results: ImportBenchResults = { settings, targets: IMPORT_TARGETS };
  if (which.census && settings.importRows.length > 0) results.census = await benchCensus(tmpRoot, settings);
  if (which.linkage && settings.linkRegister > 0 && settings.linkParticipants > 0) results.linkage = await benchLinkage(tmpRoot, settings);
  return results;
}

/** Summary lines against the targets (printed under bench/run.ts's summary heading). */
export function printImportSummary(results: ImportBenchResults): void {
  for (const c of results.census ?? []) {
    const label = `census import ${int(c.rows)}`;
    if (c.import.error !== undefined) {
      say(`  ${label.padEnd(26)} FAILED`);
      continue;
    }
    if (c.rows === 1_000_000) {
      say(`  ${label.padEnd(26)} ${seconds(c.import.ms).padStart(8)}       target < ${IMPORT_TARGETS.millionRowsSeconds} s        ${mark(c.import.ms / 1000 < IMPORT_TARGETS.millionRowsSeconds)}  (${int(c.import.rowsPerSecond)} rows/s)`);
    } else say(`  ${label.padEnd(26)} ${seconds(c.import.ms).padStart(8)}                              (${int(c.import.rowsPerSecond)} rows/s)`);
    if (c.ratio !== null) say(`  ${'  ÷ raw COPY rows/s'.padEnd(26)} ${fmt(c.ratio, 2).padStart(8)}       target ≥ ${IMPORT_TARGETS.importToCopyRatio}       ${mark(c.ratio >= IMPORT_TARGETS.importToCopyRatio)}  (COPY ${int(c.copy.error === undefined ? c.copy.rowsPerSecond : null)} rows/s)`);
    if (c.memoryOverCopyMb !== null) {
      say(`  ${'  peak RSS over raw COPY'.padEnd(26)} ${`${c.memoryOverCopyMb >= 0 ? '+' : ''}${c.memoryOverCopyMb} MB`.padStart(8)}       target ≤ ${IMPORT_TARGETS.memoryOverCopyMb} MB    ${mark(c.memoryOverCopyMb <= IMPORT_TARGETS.memoryOverCopyMb)}`);
    }
  }
  const l = results.linkage;
  if (l && l.error === undefined) {
    const sizes = `${int(l.quality.participants / 1000)}k vs ${int(results.settings.linkRegister / 1000)}k`;
    say(`  ${`reconcile ${sizes}`.padEnd(26)} ${seconds(l.ms).padStart(8)}       target < ${IMPORT_TARGETS.reconcileSeconds} s       ${mark(l.ms / 1000 < IMPORT_TARGETS.reconcileSeconds)}`);
    say(`  ${'auto-link precision'.padEnd(26)} ${pct(l.quality.precisionAuto).padStart(8)}       target ≥ ${pct(IMPORT_TARGETS.autoPrecision, 1)}   ${mark((l.quality.precisionAuto ?? 0) >= IMPORT_TARGETS.autoPrecision)}  (${l.quality.falseAuto} false of ${int(l.quality.auto)})`);
    say(`  ${'recall, auto + queue'.padEnd(26)} ${pct(l.quality.recall).padStart(8)}       target ≥ ${pct(IMPORT_TARGETS.recall, 0)}      ${mark((l.quality.recall ?? 0) >= IMPORT_TARGETS.recall)}  (review queue ${pct(l.quality.reviewShare, 1)} of the file)`);
  } else if (l) say(`  reconciliation FAILED: ${l.error}`);
}
