/**
 * Start-up time as a person sees it: from spawning the server (what `npm start` runs) until
 * GET /api/health answers 200. The child is always stopped again: SIGTERM, then SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/test/free-port.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POLL_MS = 50;

export interface StartupOptions {
  label: string;
  dataDir: string;
  env: Record<string, string>;
  timeoutMs: number;
}

export interface StartupResult {
  label: string;
  dataDir: string;
  ok: boolean;
  /** Spawn → first 200 from /api/health. */
  readyMs: number | null;
  /** What the server itself printed ("ready … in N ms"): boot inside the process, without Node's own start. */
  selfReportedMs: number | null;
  /** SIGTERM → exit. */
  shutdownMs: number | null;
  exitedBy: 'SIGTERM' | 'SIGKILL' | 'already exited';
  /** Peak resident memory of the server process (VmHWM), MB; Linux only. */
  peakRssMb: number | null;
  error?: string;
  outputTail: string;
}

function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function peakRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stop(child: ChildProcess): Promise<{ shutdownMs: number | null; exitedBy: StartupResult['exitedBy'] }> {
  if (child.exitCode !== null || child.signalCode !== null) return { shutdownMs: null, exitedBy: 'already exited' };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const t0 = performance.now();
  child.kill('SIGTERM');
  const inTime = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (inTime) return { shutdownMs: Math.round(performance.now() - t0), exitedBy: 'SIGTERM' };
  child.kill('SIGKILL');
  await Promise.race([exited, sleep(5_000)]);
  return { shutdownMs: null, exitedBy: 'SIGKILL' };
}

/** Environment of the child: ours minus anything that would point it at another database or port. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'JARING_DEMO', 'JARING_REGENCY', 'PORT', 'HOST', 'DATA_DIR', 'LOG_LEVEL', 'TRUST_PROXY']) delete env[key];
  return { ...env, ...extra };
}

export async function measureStartup(options: StartupOptions): Promise<StartupResult> {
  const port = await freePort();
  const env = childEnv({ ...options.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: options.dataDir, LOG_LEVEL: 'warn' });
  let output = '';
  const t0 = performance.now();
  // Exactly what `npm start` runs (without npm's own start-up): brings the builds up to date, then serves.
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  let readyMs: number | null = null;
  let error: string | undefined;
  let rss: number | null = null;
  let stopped: Awaited<ReturnType<typeof stop>> = { shutdownMs: null, exitedBy: 'already exited' };
  try {
    while (readyMs === null) {
      if (child.exitCode !== null || child.signalCode !== null) {
        error = `server exited (${child.exitCode ?? child.signalCode}) before answering`;
        break;
      }
      if (performance.now() - t0 > options.timeoutMs) {
        error = `no 200 from /api/health within ${options.timeoutMs} ms`;
        break;
      }
      if ((await healthStatus(port)) === 200) readyMs = Math.round(performance.now() - t0);
      else await sleep(POLL_MS);
    }
  } finally {
    rss = peakRssMb(child.pid);
    stopped = await stop(child);
  }
  const self = /ready at .* in (\d+) ms/.exec(output);
  return {
    label: options.label,
    dataDir: options.dataDir,
    ok: readyMs !== null,
    readyMs,
    selfReportedMs: self ? Number(self[1]) : null,
    shutdownMs: stopped.shutdownMs,
    exitedBy: stopped.exitedBy,
    peakRssMb: rss,
    ...(error ? { error } : {}),
    outputTail: output.split('\n').slice(-15).join('\n'),
  };
}
