import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootJaring, DEMO_LOGIN_FILE, type Jaring } from './boot.ts';
import { loadConfig } from './config.ts';
import { createPostgresDatabase, login } from './test/test-app.ts';

// A first start on an empty installation, as `npm start` does it: migrations, regions, admin, demo data.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-boot-'));
let databaseUrl: string | undefined;
let dropDatabase = async () => {};
const env = () => ({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });

let first: Jaring;
const messages: string[] = [];

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) ({ url: databaseUrl, drop: dropDatabase } = await createPostgresDatabase(process.env.TEST_DATABASE_URL));
  first = await bootJaring(loadConfig(env()), { onProgress: (m) => messages.push(m), now: () => new Date('2026-11-24T03:00:00Z') });
});
afterAll(async () => {
  await first.app.close();
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('first start on an empty installation', () => {
  it('creates admin with a random password, shown once, that logs in', async () => {
    const password = first.report.generatedAdminPassword!;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    await expect(login(first.app, 'admin', password)).resolves.toMatch(/^jaring_session=/);
  });

  it('loads a labelled synthetic demo dataset with a few thousand workers in every village, some covered', async () => {
    expect(first.report.isDemo).toBe(true);
    const meta = (await first.app.inject({ method: 'GET', url: '/api/meta' })).json();
    expect(meta).toMatchObject({ demo: true, region: { code: '52.03', name: 'Kabupaten Lombok Timur' } });
    expect(messages.some((m) => m.includes('demo workers'))).toBe(true);

    const demo = first.report.demo!;
    expect(demo.workerCount).toBeGreaterThan(2000);
    expect(demo.logins.map((l) => l.role).sort()).toEqual(['bpjs', 'district', 'enumerator', 'viewer', 'village']);
    const cookie = await login(first.app, 'bpjs', demo.password);
    const districts = (await first.app.inject({ method: 'GET', url: '/api/regions/52.03/children', headers: { cookie } })).json().items;
    expect(districts.every((d: { workerCount: number }) => d.workerCount > 0)).toBe(true);

    const page = (await first.app.inject({ method: 'GET', url: '/api/workers?pageSize=200', headers: { cookie } })).json();
    const statuses = new Set(page.items.map((w: { coverage: { status: string } }) => w.coverage.status));
    expect(statuses).toEqual(new Set(['covered', 'grace', 'lapsed', 'not_enrolled']));

    // The demo's BPJS participant file went through the real import: something for each reconciliation list.
    const imports = (await first.app.inject({ method: 'GET', url: '/api/imports', headers: { cookie: await login(first.app, 'admin', first.report.generatedAdminPassword!) } })).json();
    expect(imports.items[0]).toMatchObject({ kind: 'bpjs', status: 'done', linkedExact: expect.any(Number) });
    expect(imports.items[0].linkedAuto).toBeGreaterThan(0);
    const reviews = (await first.app.inject({ method: 'GET', url: '/api/reconciliation/reviews', headers: { cookie } })).json();
    expect(reviews.total).toBeGreaterThan(0);
    const unmatched = (await first.app.inject({ method: 'GET', url: '/api/reconciliation/unmatched', headers: { cookie } })).json();
    expect(unmatched.total).toBeGreaterThan(0);
    // Claims taken through the real services: paid, late, waiting, not eligible, rejected; a ceremony; a total.
    const claims = (await first.app.inject({ method: 'GET', url: '/api/claims?pageSize=200', headers: { cookie } })).json();
    expect(new Set(claims.items.map((c: { status: string }) => c.status))).toEqual(new Set(['paid', 'approved', 'submitted', 'reported', 'not_eligible', 'rejected']));
    expect(claims.items.some((c: { warnings: { code: string }[] }) => c.warnings.some((w) => w.code === 'jkk_payment_late'))).toBe(true);
    expect(claims.items.some((c: { type: string; status: string }) => c.type === 'scholarship' && c.status === 'paid')).toBe(true);
    const operatorCookie = await login(first.app, 'operator.desa', demo.password);
    expect((await first.app.inject({ method: 'GET', url: '/api/claims', headers: { cookie: operatorCookie } })).json().total).toBeGreaterThan(0);
    expect((await first.app.inject({ method: 'GET', url: '/api/claims/handovers', headers: { cookie } })).json().items).toHaveLength(1);
    const totals = (await first.app.inject({ method: 'GET', url: '/api/claims/totals', headers: { cookie } })).json();
    expect(totals.total).toBeGreaterThan(100_000_000);
    // A census round running in the first district, with what the demo enumerator sent through the real sync.
    const enumeratorCookie = await login(first.app, 'pencacah', demo.password);
    const [round] = (await first.app.inject({ method: 'GET', url: '/api/census/rounds', headers: { cookie: enumeratorCookie } })).json().items;
    expect(round).toMatchObject({ state: 'running', villageCount: 1 });
    const progress = (await first.app.inject({ method: 'GET', url: `/api/census/rounds/${round.id}/progress`, headers: { cookie: enumeratorCookie } })).json();
    expect(progress.totals).toMatchObject({ collected: 18, added: 14, duplicates: 4, rejected: 0 });
    if (!databaseUrl) expect(fs.readFileSync(path.join(dataDir, DEMO_LOGIN_FILE), 'utf8')).toContain(demo.password);
  });

  it('restarts on the same data without seeding again or printing a password', async () => {
    await first.app.close();
    first = await bootJaring(loadConfig(env()));
    expect(first.report.generatedAdminPassword).toBeUndefined();
    expect(first.report.demo).toBeUndefined();
    expect(first.report.isDemo).toBe(true);
  });

  it('loads no demo data with JARING_DEMO=0, and uses JARING_ADMIN_PASSWORD', async () => {
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-boot-'));
    const other = await createOrMemory();
    const jaring = await bootJaring(
      loadConfig({ DATA_DIR: otherDir, DATABASE_URL: other.url, JARING_DEMO: '0', JARING_ADMIN_PASSWORD: 'a-chosen-password' }),
    );
    try {
      expect(jaring.report.isDemo).toBe(false);
      expect(jaring.report.generatedAdminPassword).toBeUndefined();
      expect(jaring.report.demo).toBeUndefined();
      const cookie = await login(jaring.app, 'admin', 'a-chosen-password');
      const list = (await jaring.app.inject({ method: 'GET', url: '/api/workers', headers: { cookie } })).json();
      expect(list.total).toBe(0);
    } finally {
      await jaring.app.close();
      await other.drop();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

async function createOrMemory(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  if (!process.env.TEST_DATABASE_URL) return { url: undefined, drop: async () => {} };
  return createPostgresDatabase(process.env.TEST_DATABASE_URL);
}
