/** Runs a bounded batch of HTTP requests from a worker thread and summarises the answers. */
import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadSpec {
  origin: string;
  cookie: string;
  concurrency: number;
  requests: LoadRequest[];
  /** The answer that counts as a success; anything else is an error. */
  expectStatus: number;
  requestTimeoutMs: number;
  /** No new request starts after this long; the rest count as not sent. */
  deadlineMs: number;
}

export interface LoadResult {
  latenciesMs: number[];
  statusCounts: Record<string, number>;
  errorSamples: string[];
  durationMs: number;
  sent: number;
  notSent: number;
}

export interface LoadSummary {
  concurrency: number;
  requests: number;
  ok: number;
  errors: number;
  notSent: number;
  perSecond: number;
  ms: { p50: number; p95: number; p99: number; mean: number; max: number };
  statusCounts: Record<string, number>;
  errorSamples: string[];
  durationMs: number;
}

/** tsx registers itself in the main thread only; a worker thread has to register it again. */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => {
  register();
  return import(${JSON.stringify(new URL('./load-worker.ts', import.meta.url).href)});
});`;

export function runLoad(spec: LoadSpec): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: spec });
    let settled = false;
    // The worker keeps its own deadline; this guard only catches a worker that hangs.
    const guard = setTimeout(() => {
      settled = true;
      void worker.terminate();
      reject(new Error(`load worker did not finish within ${spec.deadlineMs + 60_000} ms`));
    }, spec.deadlineMs + 60_000);
    worker.once('message', (result: LoadResult) => {
      settled = true;
      clearTimeout(guard);
      void worker.terminate();
      resolve(summarize(spec.concurrency, result));
    });
    worker.once('error', (err) => {
      clearTimeout(guard);
      if (!settled) reject(err);
    });
    worker.once('exit', (code) => {
      clearTimeout(guard);
      if (!settled) reject(new Error(`load worker exited with code ${code} before answering`));
    });
  });
}

/** The value at a percentile (nearest rank) of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function summarize(concurrency: number, result: LoadResult): LoadSummary {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const ok = sorted.length;
  const errors = result.sent - ok;
  return {
    concurrency,
    requests: result.sent,
    ok,
    errors,
    notSent: result.notSent,
    perSecond: round((ok / result.durationMs) * 1000),
    ms: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(ok ? sorted.reduce((s, v) => s + v, 0) / ok : NaN),
      max: round(sorted[ok - 1] ?? NaN),
    },
    statusCounts: result.statusCounts,
    errorSamples: result.errorSamples,
    durationMs: Math.round(result.durationMs),
  };
}
