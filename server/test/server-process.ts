/**
 * A real Jaring server in its own process (what `npm start` runs, from the TypeScript sources), for tests
 * that kill it and for the load benchmark: start it on a free port, wait until it answers, watch its log
 * lines, stop it politely or SIGKILL it. Also a tiny JSON client that logs in as the web app does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface JaringProcess {
  origin: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first output line (present or future) that matches; rejects on timeout or exit. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL at once; resolves when the process is gone. */
  kill(): Promise<void>;
}

/** Our environment without anything that would point the child at another database, port or data folder. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'JARING_DEMO', 'JARING_REGENCY', 'LOG_LEVEL', 'TRUST_PROXY']) delete env[key];
  return { ...env, ...extra };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `node --import tsx server/main.ts` with `env` on a free port of 127.0.0.1 and waits for /api/health. */
export async function startJaring(env: Record<string, string>, options: { timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<JaringProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: childEnv({ LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let pending = '';
  const watchers = new Set<(line: string) => void>();
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) for (const watch of [...watchers]) watch(line);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  const proc: JaringProcess = {
    origin,
    port,
    child,
    output: () => output,
    waitForLine(match, timeoutMs) {
      const seen = output.split('\n').find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const done = (error?: Error, line?: string) => {
          clearTimeout(timer);
          watchers.delete(watch);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(line!);
        };
        const watch = (line: string) => {
          if (match(line)) done(undefined, line);
        };
        const onExit = () => done(new Error(`server exited before the expected line:\n${output.slice(-2000)}`));
        const timer = setTimeout(() => done(new Error(`no matching line within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
        watchers.add(watch);
        child.once('exit', onExit);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited(child), sleep(10_000)]);
      if (child.exitCode === null && child.signalCode === null) await proc.kill();
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited(child);
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited while starting (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) return proc;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await proc.kill();
      throw new Error(`server did not answer /api/health in time:\n${output}`);
    }
    await sleep(100);
  }
}

export interface JsonAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A JSON client with one user's session cookie, sending what the web app sends (same Origin, JSON). */
export interface ApiClient {
  cookie: string;
  call<T = any>(method: string, urlPath: string, body?: unknown): Promise<JsonAnswer<T>>;
}

export async function logIn(origin: string, username: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jaring_session='))?.split(';')[0];
  if (!cookie) throw new Error(`login of ${username} set no session cookie`);
  return {
    cookie,
    async call(method, urlPath, body) {
      const answer = await fetch(`${origin}${urlPath}`, {
        method,
        headers: { cookie, origin, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await answer.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (a file): keep the text
      }
      return { status: answer.status, body: parsed as any };
    },
  };
}
