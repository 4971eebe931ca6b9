/** Printing helpers shared by the benchmark sections (bench/run.ts, bench/imports.ts). */

export const say = (line = '') => process.stdout.write(`${line}\n`);
export const mark = (ok: boolean) => (ok ? '✓' : '✗');
export const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
export const heading = (title: string) => {
  say();
  say(`── ${title} ${'─'.repeat(Math.max(0, 76 - title.length))}`);
};
export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** 1234567 → "1,234,567". */
export const int = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? '—' : Math.round(n).toLocaleString('en'));
/** 0.99912 → "99.91 %". */
export const pct = (share: number | null | undefined, digits = 2) => (share === null || share === undefined || Number.isNaN(share) ? '—' : `${(share * 100).toFixed(digits)} %`);

/** Positive integer from an environment variable, or the fallback. */
export const positiveInt = (value: string | undefined, fallback: number) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : fallback);

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

/** p50, p95 and max of request durations (ms), nearest-rank. */
export function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}
