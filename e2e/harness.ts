/**
 * What every browser journey needs: a real Jaring server on a fresh data folder (built web app, no demo
 * data, a known admin password), the admin's API session for setting up data, and Debian's chromium.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../server/test/free-port.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS = path.join(ROOT, 'test-results');
export const ADMIN_PASSWORD = 'e2e-admin-password-123';

export interface Harness {
  baseUrl: string;
  /** A JSON call with the admin's session; throws on a non-2xx answer. */
  adminApi<T>(method: string, urlPath: string, body?: unknown): Promise<T>;
  newPage(width: number, height: number): Promise<{ context: BrowserContext; page: Page }>;
  /** Logs a user in through the login form. */
  logIn(page: Page, username: string, password: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  fs.mkdirSync(RESULTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      JARING_DEMO: '0',
      JARING_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, server, () => output, 120_000);
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`admin login failed: ${login.status}`);
    const adminCookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0]!;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const launched = browser;
    return {
      baseUrl,
      async adminApi<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
        const response = await fetch(`${baseUrl}${urlPath}`, {
          method,
          headers: { cookie: adminCookie, 'content-type': 'application/json', origin: baseUrl },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!response.ok) throw new Error(`${method} ${urlPath} → ${response.status} ${await response.text()}`);
        return (await response.json()) as T;
      },
      async newPage(width, height) {
        const context = await launched.newContext({ viewport: { width, height }, locale: 'id-ID', timezoneId: 'Asia/Makassar', acceptDownloads: true });
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        return { context, page };
      },
      async logIn(page, username, password) {
        await page.goto(`${baseUrl}/login`);
        await page.getByLabel('Nama pengguna').fill(username);
        await page.getByLabel('Kata sandi').fill(password);
        await page.getByRole('button', { name: 'Masuk' }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Polls /api/health until the server answers; fails early (with its output) if the process dies. */
async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Server exited early (${server.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Server did not become healthy within ${timeoutMs} ms:\n${output()}`);
}
