import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootJaring, type Jaring } from './boot.ts';
import { runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import { auditLog } from './domains/audit/audit.table.ts';
import { login } from './test/test-app.ts';

// The CLI works on the server's own data folder, so this test uses a real (temporary) PGlite folder.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-cli-'));
const OLD_PASSWORD = 'old-admin-password';
const env = { DATA_DIR: dataDir, JARING_DEMO: '0', JARING_ADMIN_PASSWORD: OLD_PASSWORD, LOG_LEVEL: 'silent' };

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let server: Jaring | undefined;
let oldCookie: string;

async function stopServer() {
  await server?.app.close();
  server = undefined;
}

beforeAll(async () => {
  server = await bootJaring(loadConfig(env));
  oldCookie = await login(server.app, 'admin', OLD_PASSWORD);
});
afterAll(async () => {
  await stopServer();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run jaring -- reset-password', () => {
  it('refuses while the server has the data folder open', () => {
    // A separate process, as in real use: the data-folder lock lets its own process through.
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'reset-password', 'admin'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain('stop the server first');
  });

  it('sets a new password shown once, ends the sessions and audits the change', async () => {
    await stopServer();
    const result = await cli('reset-password', 'admin');
    expect(result.code).toBe(0);
    const password = /^\s+([A-Za-z0-9]{16})$/m.exec(result.out)?.[1];
    expect(password).toBeDefined();

    expect((await cli('reset-password', 'nobody')).err).toContain('There is no user "nobody"');

    const restarted = (server = await bootJaring(loadConfig(env)));
    expect((await restarted.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: oldCookie } })).statusCode).toBe(401);
    await expect(login(restarted.app, 'admin', OLD_PASSWORD)).rejects.toThrow();
    await expect(login(restarted.app, 'admin', password!)).resolves.toMatch(/^jaring_session=/);
    const audit = await restarted.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'user'), eq(auditLog.action, 'update')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toEqual({ password: { before: '***', after: '***' } });
    expect(audit[0]!.actorUsername).toMatch(/^cli/);
  });
});

describe('npm run jaring -- users / help', () => {
  it('lists users and prints usage for unknown commands', async () => {
    await stopServer();
    const users = await cli('users');
    expect(users.code).toBe(0);
    expect(users.out).toMatch(/admin\s+admin\s+52\.03 Kabupaten Lombok Timur/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('reset-password USERNAME');
  });
});
