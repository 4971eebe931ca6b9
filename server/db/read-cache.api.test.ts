/**
 * The read cache on a real engine (PGlite, and PostgreSQL with TEST_DATABASE_URL): costly figures are
 * served from it, a change committed by another connection — another app process — is heard through the
 * change notices, and a new worker changes the register counts without costing the cached figures.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../core/dates.ts';
import { makeWorker } from '../test/factories.ts';
import { testApp, type TestApp } from '../test/test-app.ts';

let t: TestApp;
let admin: string;
const VILLAGE = '52.03.01.2001';

beforeAll(async () => {
  t = await testApp();
  admin = await t.loginAs('admin');
});
afterAll(() => t.close());

async function villageRow(): Promise<{ workers: number; covered: number }> {
  const res = await t.app.inject({ method: 'GET', url: '/api/coverage?region=52.03.01&by=village', headers: { cookie: admin } });
  expect(res.statusCode).toBe(200);
  const row = (res.json() as { rows: { code: string; workers: number; covered: number }[] }).rows.find((r) => r.code === VILLAGE)!;
  return { workers: row.workers, covered: row.covered };
}

async function addWorker(): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: makeWorker({ villageCode: VILLAGE }) });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
}

describe('read cache', () => {
  it('listens for change notices on this engine', () => {
    expect(t.database.readCache.listening).toBe(true);
  });

  it('serves repeated coverage reads from the cache; a new worker counts at once without recomputing protection', async () => {
    await addWorker();
    expect(await villageRow()).toEqual({ workers: 1, covered: 0 });
    const before = { ...t.database.readCache.stats };
    expect(await villageRow()).toEqual({ workers: 1, covered: 0 });
    expect(t.database.readCache.stats.hits).toBeGreaterThan(before.hits);

    await addWorker();
    const computed = t.database.readCache.stats.computed;
    expect(await villageRow()).toEqual({ workers: 2, covered: 0 });
    expect(t.database.readCache.stats.computed).toBe(computed); // the statuses did not change: still cached
  });

  it('a change committed by another connection is heard: the next read shows it', async () => {
    const id = await addWorker();
    const start = await villageRow();
    // Written outside any request, as another app process would: the span triggers move the deltas and notify.
    const month = todayIn('Asia/Makassar', new Date()).slice(0, 7);
    await t.database.db.execute(
      sql`insert into coverage_spans (worker_id, village_code, status, from_month, to_month) values (${id}, ${VILLAGE}, 'covered', ${month}, null)`,
    );
    await t.database.readCache.sync(); // every notice committed so far has been heard
    expect(await villageRow()).toEqual({ workers: start.workers, covered: start.covered + 1 });
  });

  it('the breakdown counts a new worker at once and keeps the covered cells from the cache', async () => {
    const breakdown = async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/coverage/breakdown?region=${VILLAGE}`, headers: { cookie: admin } });
      expect(res.statusCode).toBe(200);
      return (res.json() as { sex: { key: string; workers: number; covered: number }[] }).sex.find((r) => r.key === 'M')!;
    };
    const before = await breakdown();
    await addWorker();
    expect(await breakdown()).toEqual({ ...before, workers: before.workers + 1, coverageRegister: expect.any(Number) });
  });
});
