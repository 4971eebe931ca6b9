/**
 * A fixed-rate ("open loop") HTTP load driver: request i is due at start + i/rate whatever happened to the
 * ones before it, as with many independent people at their desks. Latency is counted from the moment a
 * request was due, so time spent waiting for a free connection or behind a slow server counts too (no
 * coordinated omission). autocannon's rate limit instead releases each connection's quota at the start of
 * every second, which sends a second's requests in one burst; that measures bursts, not a steady rate.
 */
import http from 'node:http';

export interface PlannedRequest {
  /** What the request stands for, e.g. "register worker"; figures are reported per kind. */
  kind: string;
  origin: string;
  method: 'GET' | 'POST';
  path: string;
  cookie: string;
  body?: string;
}

export interface RequestOutcome {
  kind: string;
  origin: string;
  /** HTTP status, or 0 when no answer came (connection error, timeout). */
  status: number;
  /** From the moment the request was due until its answer was read. */
  latencyMs: number;
  /** How late the driver sent it (its own lag, part of latencyMs). */
  sendLagMs: number;
  error?: string;
}

export interface DriveResult {
  outcomes: RequestOutcome[];
  /** From the first request due until the last answer. */
  durationMs: number;
}

export interface DriveOptions {
  ratePerSecond: number;
  /** Open connections per server at most (browsers each keep a few). */
  maxSockets: number;
  timeoutMs: number;
}

export async function driveOpenLoop(requests: PlannedRequest[], options: DriveOptions): Promise<DriveResult> {
  const agents = new Map<string, http.Agent>();
  const agentFor = (origin: string) => {
    let agent = agents.get(origin);
    if (!agent) agents.set(origin, (agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets })));
    return agent;
  };
  const outcomes: RequestOutcome[] = new Array(requests.length);
  const intervalMs = 1000 / options.ratePerSecond;
  const start = performance.now();
  let lastAnswer = start;
  const inFlight: Promise<void>[] = [];

  const send = (index: number, dueAt: number): Promise<void> =>
    new Promise((resolve) => {
      const request = requests[index]!;
      const url = new URL(request.path, request.origin);
      const headers: Record<string, string | number> = { cookie: request.cookie, accept: 'application/json', origin: request.origin };
      if (request.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(request.body);
      }
      const sendLagMs = performance.now() - dueAt;
      const finish = (status: number, error?: string) => {
        const now = performance.now();
        lastAnswer = Math.max(lastAnswer, now);
        outcomes[index] = { kind: request.kind, origin: request.origin, status, latencyMs: now - dueAt, sendLagMs, error };
        resolve();
      };
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method: request.method, headers, agent: agentFor(request.origin), timeout: options.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            finish(status, status >= 200 && status < 300 ? undefined : Buffer.concat(chunks).toString('utf8').slice(0, 300));
          });
          res.on('error', (err) => finish(0, err.message));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
      req.on('error', (err) => finish(0, err.message));
      req.end(request.body);
    });

  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      // Everything due by now goes out now; a late timer sends the backlog at once (and that lag is counted).
      while (next < requests.length && start + next * intervalMs <= now) {
        inFlight.push(send(next, start + next * intervalMs));
        next += 1;
      }
      if (next >= requests.length) return resolve();
      setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  for (const agent of agents.values()) agent.destroy();
  return { outcomes, durationMs: lastAnswer - start };
}

/** The value at a percentile (nearest rank) of sorted numbers. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export interface OutcomeSummary {
  requests: number;
  ok: number;
  /** Answers other than 2xx, and requests without an answer. */
  errors: number;
  ms: { p50: number; p95: number; p99: number; max: number };
  statusCounts: Record<string, number>;
  errorSamples: string[];
}

/** Latency percentiles over every answered request (errors included), and the error count. */
export function summarizeOutcomes(outcomes: RequestOutcome[]): OutcomeSummary {
  const sorted = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
  const statusCounts: Record<string, number> = {};
  const errorSamples: string[] = [];
  let ok = 0;
  for (const o of outcomes) {
    statusCounts[String(o.status)] = (statusCounts[String(o.status)] ?? 0) + 1;
    if (o.status >= 200 && o.status < 300) ok += 1;
    else if (errorSamples.length < 5) errorSamples.push(`${o.kind} → ${o.status}: ${o.error ?? ''}`);
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: outcomes.length,
    ok,
    errors: outcomes.length - ok,
    ms: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) },
    statusCounts,
    errorSamples,
  };
}
