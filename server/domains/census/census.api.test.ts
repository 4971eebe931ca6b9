/**
 * The census API: rounds, the offline register, and the sync that applies each queued entry exactly once.
 * "Today" is fixed at 2026-11-24 (WITA); the round runs through November.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nikDigest, type CensusSyncResult } from '../../../core/census.ts';
import { makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';

const VILLAGE = '52.03.01.2001'; // Tanjung Luar, Keruak
const NEIGHBOUR = '52.03.01.2002'; // same district, also in the round
const OUTSIDE = '52.03.02.2001'; // another district, not in the round

let t: TestApp;
let admin: string;
let enumerator: string;
let otherEnumerator: string; // enumerator of NEIGHBOUR
let operator: string;
let camat: string;
let roundId = '';

const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function sync(cookie: string, entries: object[]): Promise<CensusSyncResult[]> {
  const res = await call(cookie, 'POST', '/api/census/sync', { entries });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results;
}

const newEntry = (fields: object, overrides: object = {}) => ({
  key: randomUUID(),
  roundId,
  kind: 'new',
  recordedAt: '2026-11-23T02:15:00+08:00',
  fields,
  ...overrides,
});

async function countByNik(nik: string): Promise<number> {
  return (await call(admin, 'GET', `/api/workers?q=${nik}`)).json().total;
}

async function progress(region: string) {
  const res = await call(admin, 'GET', `/api/census/rounds/${roundId}/progress?region=${region}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-24T03:00:00Z') });
  admin = await t.loginAs('admin');
  enumerator = await t.loginAs('enumerator', VILLAGE);
  otherEnumerator = await t.loginAs('enumerator', NEIGHBOUR);
  operator = await t.loginAs('village', VILLAGE);
  camat = await t.loginAs('district', '52.03.01');
  const res = await call(admin, 'POST', '/api/census/rounds', {
    name: 'Sensus buruh tani November',
    startsOn: '2026-11-01',
    endsOn: '2026-11-30',
    targetGroups: ['farm_labourer', 'fisher'],
    villages: [
      { villageCode: VILLAGE, target: 40 },
      { villageCode: NEIGHBOUR, target: 10 },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  roundId = res.json().id;
});
afterAll(() => t.close());

describe('census rounds', () => {
  it('opens a round with its villages and targets, and audits it', async () => {
    const res = await call(admin, 'GET', `/api/census/rounds/${roundId}`);
    expect(res.json()).toMatchObject({
      name: 'Sensus buruh tani November',
      state: 'running',
      villageCount: 2,
      targetTotal: 50,
      targetGroups: ['farm_labourer', 'fisher'],
      villages: [
        { villageCode: VILLAGE, villageName: 'Tanjung Luar', districtName: 'Keruak', target: 40 },
        { villageCode: NEIGHBOUR, target: 10 },
      ],
    });
    const audit = await call(admin, 'GET', '/api/audit?entity=census_round');
    expect(audit.json().items.some((a: { entityId: string }) => a.entityId === roundId)).toBe(true);
  });

  it('refuses bad input with the field to fix', async () => {
    const base = { name: 'Sensus', startsOn: '2026-12-10', endsOn: '2026-12-01', targetGroups: ['fisher'], villages: [{ villageCode: VILLAGE }] };
    const period = await call(admin, 'POST', '/api/census/rounds', base);
    expect(period.statusCode).toBe(400);
    expect(period.json().error).toMatchObject({ code: 'PERIOD_INVALID', field: 'endsOn' });
    const unknown = await call(admin, 'POST', '/api/census/rounds', { ...base, endsOn: '2026-12-31', villages: [{ villageCode: '52.03.01.2999' }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'VILLAGE_UNKNOWN', field: 'villages.0.villageCode' });
    const noGroups = await call(admin, 'POST', '/api/census/rounds', { ...base, endsOn: '2026-12-31', targetGroups: [] });
    expect(noGroups.statusCode).toBe(400);
    expect(noGroups.json().error.field).toBe('targetGroups');
  });

  it('lets only the manpower office open or change rounds', async () => {
    const body = { name: 'Sensus desa', startsOn: '2026-12-01', endsOn: '2026-12-31', targetGroups: ['fisher'], villages: [{ villageCode: VILLAGE }] };
    for (const cookie of [operator, camat, enumerator]) {
      expect((await call(cookie, 'POST', '/api/census/rounds', body)).statusCode).toBe(403);
      expect((await call(cookie, 'PATCH', `/api/census/rounds/${roundId}`, { name: 'Diubah' })).statusCode).toBe(403);
    }
  });

  it('shows each user the rounds of their region only', async () => {
    const names = async (cookie: string) => (await call(cookie, 'GET', '/api/census/rounds')).json().items.map((r: { id: string }) => r.id);
    expect(await names(enumerator)).toContain(roundId);
    expect(await names(camat)).toContain(roundId);
    const outsider = await t.loginAs('village', OUTSIDE);
    expect(await names(outsider)).not.toContain(roundId);
    expect((await call(outsider, 'GET', `/api/census/rounds/${roundId}`)).statusCode).toBe(403);
    // An enumerator sees their own village's target, not the neighbour's.
    const mine = (await call(enumerator, 'GET', `/api/census/rounds/${roundId}`)).json();
    expect(mine).toMatchObject({ villageCount: 1, targetTotal: 40 });
    expect(mine.villages.map((v: { villageCode: string }) => v.villageCode)).toEqual([VILLAGE]);
  });
});

describe('the offline register', () => {
  it('gives the enumerator their village: masked NIKs with a salted digest, no phone, and audits the download', async () => {
    const worker = makeWorker({ villageCode: VILLAGE, name: 'Inaq Register' });
    expect((await call(admin, 'POST', '/api/workers', worker)).statusCode).toBe(201);
    await call(admin, 'POST', '/api/workers', makeWorker({ villageCode: NEIGHBOUR, name: 'Amaq Tetangga' }));

    const res = await call(enumerator, 'GET', `/api/census/register?village=${VILLAGE}`);
    expect(res.statusCode, res.body).toBe(200);
    const register = res.json();
    expect(register.villageName).toBe('Tanjung Luar');
    const row = register.workers.find((w: { name: string }) => w.name === 'Inaq Register');
    expect(row).toMatchObject({ nikMasked: `${worker.nik.slice(0, 6)}******${worker.nik.slice(12)}`, coverage: 'not_enrolled', deceased: false, hamlet: 'Dusun Lauk' });
    expect(row.nikDigest).toBe(await nikDigest(register.salt, worker.nik));
    expect(JSON.stringify(register)).not.toContain(worker.nik);
    expect(JSON.stringify(register)).not.toContain('081234567890');
    expect(register.workers.some((w: { name: string }) => w.name === 'Amaq Tetangga')).toBe(false);

    expect((await call(enumerator, 'GET', `/api/census/register?village=${NEIGHBOUR}`)).statusCode).toBe(403);
    const audit = (await call(admin, 'GET', '/api/audit?entity=census_register')).json().items;
    expect(audit[0]).toMatchObject({ action: 'export', regionCode: VILLAGE });
  });

  it('is not given to an enumerator whose village has no open round', async () => {
    const idle = await t.loginAs('enumerator', OUTSIDE);
    const res = await call(idle, 'GET', `/api/census/register?village=${OUTSIDE}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CENSUS_NO_ROUND');
  });
});

describe('sync', () => {
  it('applies a batch once: the same batch sent again creates nothing new', async () => {
    const existing = (await call(admin, 'POST', '/api/workers', makeWorker({ villageCode: VILLAGE }))).json();
    const a = makeWorker({ villageCode: VILLAGE, name: 'Baiq Satu' });
    const b = makeWorker({ villageCode: VILLAGE, name: 'Lalu Dua' });
    const batch = [newEntry(a), newEntry(b), { key: randomUUID(), roundId, kind: 'confirm', recordedAt: '2026-11-23T03:00:00+08:00', workerId: existing.id }];
    const before = await progress(VILLAGE);

    const first = await sync(enumerator, batch);
    expect(first.map((r) => [r.status, r.outcome, r.replayed])).toEqual([
      ['accepted', 'created', false],
      ['accepted', 'created', false],
      ['accepted', 'confirmed', false],
    ]);
    const second = await sync(enumerator, batch);
    expect(second.map((r) => [r.status, r.outcome, r.replayed])).toEqual([
      ['accepted', 'created', true],
      ['accepted', 'created', true],
      ['accepted', 'confirmed', true],
    ]);
    expect(second.map((r) => r.workerId)).toEqual(first.map((r) => r.workerId));
    expect(await countByNik(a.nik)).toBe(1);
    expect(await countByNik(b.nik)).toBe(1);

    const after = await progress(VILLAGE);
    expect(after.totals.collected - before.totals.collected).toBe(3);
    expect(after.totals.added - before.totals.added).toBe(2);
    expect(after.totals.duplicates - before.totals.duplicates).toBe(1);
    // The worker record carries what the phone entered; the audit trail names the enumerator.
    const created = (await call(admin, 'GET', `/api/workers/${first[0]!.workerId}`)).json();
    expect(created).toMatchObject({ name: 'Baiq Satu', villageCode: VILLAGE, phone: '081234567890' });
  });

  it('applies an entry once when the same key arrives twice at the same moment', async () => {
    const w = makeWorker({ villageCode: VILLAGE });
    const entry = newEntry(w);
    const [one, two] = await Promise.all([sync(enumerator, [entry]), sync(enumerator, [entry])]);
    expect([one[0]!.status, two[0]!.status]).toEqual(['accepted', 'accepted']);
    expect([one[0]!.replayed, two[0]!.replayed].sort()).toEqual([false, true]);
    expect(await countByNik(w.nik)).toBe(1);
  });

  it('refuses an invalid entry with its reason and keeps the rest; the corrected entry resent under its key is accepted', async () => {
    const bad = newEntry({ ...makeWorker({ villageCode: VILLAGE }), nik: '5203013507850001' }); // day 35: no such date
    const good = newEntry(makeWorker({ villageCode: VILLAGE }));
    const [refusedResult, acceptedResult] = await sync(enumerator, [bad, good]);
    expect(refusedResult).toMatchObject({ status: 'rejected', error: { field: 'nik' } });
    expect(refusedResult!.error!.code).toMatch(/^NIK_/);
    expect(acceptedResult).toMatchObject({ status: 'accepted', outcome: 'created' });
    const before = await progress(VILLAGE);

    const corrected = { ...bad, fields: makeWorker({ villageCode: VILLAGE, name: 'Nama Diperbaiki' }) };
    const [again] = await sync(enumerator, [corrected]);
    expect(again).toMatchObject({ status: 'accepted', outcome: 'created', replayed: false });
    const after = await progress(VILLAGE);
    expect(after.totals.collected).toBe(before.totals.collected); // the same entry, not a new one
    expect(after.totals.rejected).toBe(before.totals.rejected - 1);
    expect(after.totals.added).toBe(before.totals.added + 1);
  });

  it('reports a NIK already registered as a duplicate, naming the worker only inside the caller region', async () => {
    const here = (await call(admin, 'POST', '/api/workers', makeWorker({ villageCode: VILLAGE, name: 'Amaq Sudah Ada' }))).json();
    const there = (await call(admin, 'POST', '/api/workers', makeWorker({ villageCode: OUTSIDE, name: 'Rahasia Desa Lain' }))).json();
    const [dupHere, dupThere] = await sync(enumerator, [
      newEntry(makeWorker({ villageCode: VILLAGE, nik: here.nik })),
      newEntry(makeWorker({ villageCode: VILLAGE, nik: there.nik })),
    ]);
    expect(dupHere).toMatchObject({
      status: 'duplicate',
      error: { code: 'NIK_ALREADY_REGISTERED', field: 'nik' },
      existing: { workerId: here.id, name: 'Amaq Sudah Ada', villageName: 'Tanjung Luar', coverage: 'not_enrolled' },
    });
    expect(dupThere).toMatchObject({ status: 'duplicate', existing: null });
    expect(JSON.stringify(dupThere)).not.toContain('Rahasia');
    expect(await countByNik(here.nik)).toBe(1);
    expect(await countByNik(there.nik)).toBe(1);
  });

  it('keeps an enumerator to their own village and their own keys', async () => {
    const elsewhere = newEntry(makeWorker({ villageCode: NEIGHBOUR }));
    const [result] = await sync(enumerator, [elsewhere]);
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN', field: 'villageCode' } });
    expect(await countByNik((elsewhere.fields as { nik: string }).nik)).toBe(0);

    // A key another user already used is not theirs to replay.
    const mine = newEntry(makeWorker({ villageCode: NEIGHBOUR }));
    expect((await sync(otherEnumerator, [mine]))[0]!.status).toBe('accepted');
    const [stolen] = await sync(enumerator, [{ ...mine, fields: makeWorker({ villageCode: VILLAGE }) }]);
    expect(stolen).toMatchObject({ status: 'rejected', error: { code: 'CENSUS_KEY_TAKEN' } });

    // A village outside the round is refused even for its own operator.
    const outsider = await t.loginAs('village', OUTSIDE);
    const [outside] = await sync(outsider, [newEntry(makeWorker({ villageCode: OUTSIDE }))]);
    expect(outside).toMatchObject({ status: 'rejected', error: { code: 'CENSUS_VILLAGE_NOT_IN_ROUND' } });
  });

  it('takes an entry written offline inside the period even when it arrives after the round ended, but nothing once closed', async () => {
    const past = await call(admin, 'POST', '/api/census/rounds', {
      name: 'Sensus Oktober',
      startsOn: '2026-10-01',
      endsOn: '2026-10-31',
      targetGroups: ['fisher'],
      villages: [{ villageCode: VILLAGE }],
    });
    const pastId = past.json().id;
    expect(past.json().state).toBe('ended');
    const [late] = await sync(enumerator, [newEntry(makeWorker({ villageCode: VILLAGE }), { roundId: pastId, recordedAt: '2026-10-31T22:00:00+08:00' })]);
    expect(late!.status).toBe('accepted');
    const [tooLate] = await sync(enumerator, [newEntry(makeWorker({ villageCode: VILLAGE }), { roundId: pastId, recordedAt: '2026-11-01T09:00:00+08:00' })]);
    expect(tooLate).toMatchObject({ status: 'rejected', error: { code: 'CENSUS_OUTSIDE_PERIOD' } });

    expect((await call(admin, 'PATCH', `/api/census/rounds/${pastId}`, { closed: true })).json().state).toBe('closed');
    const [closed] = await sync(enumerator, [newEntry(makeWorker({ villageCode: VILLAGE }), { roundId: pastId, recordedAt: '2026-10-30T09:00:00+08:00' })]);
    expect(closed).toMatchObject({ status: 'rejected', error: { code: 'CENSUS_ROUND_CLOSED' } });
  });

  it('answers 400 to a malformed batch, naming the field', async () => {
    const res = await call(enumerator, 'POST', '/api/census/sync', { entries: [{ key: 'not-a-uuid', roundId, kind: 'new', recordedAt: 'kemarin', fields: {} }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toMatch(/^entries\.0\./);
    expect((await call(enumerator, 'POST', '/api/census/sync', { entries: [] })).statusCode).toBe(400);
  });
});

describe('offline edits and conflicts', () => {
  async function downloaded(name: string) {
    const worker = (await call(admin, 'POST', '/api/workers', makeWorker({ villageCode: VILLAGE, name, hamlet: 'Dusun Lauk', occupation: 'farm_labourer' }))).json();
    const register = (await call(enumerator, 'GET', `/api/census/register?village=${VILLAGE}`)).json();
    return register.workers.find((w: { id: string }) => w.id === worker.id);
  }
  const update = (row: { id: string; version: string; hamlet: string; occupation: string }, changes: Record<string, unknown>) => ({
    key: randomUUID(),
    roundId,
    kind: 'update',
    recordedAt: '2026-11-23T10:00:00+08:00',
    workerId: row.id,
    baseVersion: row.version,
    base: Object.fromEntries(Object.keys(changes).map((f) => [f, (row as Record<string, unknown>)[f]])),
    changes,
  });

  it('applies an edit of a worker nobody changed since the download', async () => {
    const row = await downloaded('Edit Tanpa Konflik');
    const [result] = await sync(enumerator, [update(row, { hamlet: 'Dusun Daya' })]);
    expect(result).toMatchObject({ status: 'accepted', outcome: 'updated' });
    expect(result!.version).not.toBe(row.version);
    expect((await call(admin, 'GET', `/api/workers/${row.id}`)).json().hamlet).toBe('Dusun Daya');
  });

  it('shows both versions when the server changed the same field, and applies the choice resent under the same key', async () => {
    const row = await downloaded('Edit Berkonflik');
    expect((await call(operator, 'PATCH', `/api/workers/${row.id}`, { hamlet: 'Dusun Tengak' })).statusCode).toBe(200);

    const entry = update(row, { hamlet: 'Dusun Bat', occupation: 'fisher' });
    const [conflict] = await sync(enumerator, [entry]);
    expect(conflict).toMatchObject({
      status: 'conflict',
      error: { code: 'CENSUS_CONFLICT' },
      conflict: { fields: [{ field: 'hamlet', base: 'Dusun Lauk', mine: 'Dusun Bat', server: 'Dusun Tengak' }] },
    });
    // Nothing was overwritten.
    const untouched = (await call(admin, 'GET', `/api/workers/${row.id}`)).json();
    expect(untouched).toMatchObject({ hamlet: 'Dusun Tengak', occupation: 'farm_labourer' });

    // The enumerator keeps their hamlet and their occupation: resent against the server's version.
    const [resolved] = await sync(enumerator, [{ ...entry, baseVersion: conflict!.conflict!.serverVersion, base: { hamlet: 'Dusun Tengak', occupation: 'farm_labourer' } }]);
    expect(resolved).toMatchObject({ status: 'accepted', outcome: 'updated' });
    expect((await call(admin, 'GET', `/api/workers/${row.id}`)).json()).toMatchObject({ hamlet: 'Dusun Bat', occupation: 'fisher' });
  });

  it('keeps a server change to another field and applies the phone change: no conflict', async () => {
    const row = await downloaded('Edit Beda Isian');
    await call(operator, 'PATCH', `/api/workers/${row.id}`, { occupation: 'fisher' });
    const [result] = await sync(enumerator, [update(row, { hamlet: 'Dusun Baru' })]);
    expect(result!.status).toBe('accepted');
    expect((await call(admin, 'GET', `/api/workers/${row.id}`)).json()).toMatchObject({ hamlet: 'Dusun Baru', occupation: 'fisher' });
  });

  it('refuses fields the census may not change and invalid values', async () => {
    const row = await downloaded('Edit Terlarang');
    const [phone] = await sync(enumerator, [update(row, { phone: '081111111111' })]);
    expect(phone).toMatchObject({ status: 'rejected', error: { code: 'CENSUS_FIELD_NOT_EDITABLE', field: 'phone' } });
    const [name] = await sync(enumerator, [update(row, { name: '1' })]);
    expect(name).toMatchObject({ status: 'rejected', error: { field: 'name' } });
  });
});

describe("the enumerator's scope", () => {
  it('reaches only the census routes and their own session', async () => {
    expect((await call(enumerator, 'GET', '/api/me')).statusCode).toBe(200);
    const worker = (await call(admin, 'POST', '/api/workers', makeWorker({ villageCode: VILLAGE }))).json();
    for (const [method, url, body] of [
      ['GET', '/api/workers'],
      ['GET', `/api/workers/${worker.id}`],
      ['POST', '/api/workers', makeWorker({ villageCode: VILLAGE })],
      ['PATCH', `/api/workers/${worker.id}`, { hamlet: 'X' }],
      ['GET', '/api/claims'],
      ['GET', '/api/audit'],
      ['GET', `/api/regions/${VILLAGE}`],
    ] as const) {
      const res = await call(enumerator, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('CENSUS_ONLY');
    }
    expect((await call(enumerator, 'GET', `/api/census/rounds/${roundId}/progress?region=${VILLAGE}`)).statusCode).toBe(200);
    expect((await call(enumerator, 'GET', `/api/census/rounds/${roundId}/progress?region=${NEIGHBOUR}`)).statusCode).toBe(403);
    expect((await call(enumerator, 'GET', `/api/census/rounds/${roundId}/progress`)).json().regionCode).toBe(VILLAGE);
  });

  it('can be created by the admin only for a village', async () => {
    const wrong = await call(admin, 'POST', '/api/users', { username: 'enum.salah', password: 'enum-password-123', role: 'enumerator', regionCode: '52.03.01' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('ROLE_REGION_MISMATCH');
  });
});

describe('progress', () => {
  it('counts per district for the regency and per village for a district, against the targets', async () => {
    const regency = await progress('52.03');
    expect(regency.rows).toHaveLength(1);
    expect(regency.rows[0]).toMatchObject({ regionCode: '52.03.01', regionName: 'Keruak', level: 'district', target: 50 });
    const district = (await call(camat, 'GET', `/api/census/rounds/${roundId}/progress?region=52.03.01`)).json();
    expect(district.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual([VILLAGE, NEIGHBOUR]);
    const village = district.rows[0];
    expect(village.target).toBe(40);
    expect(village.percentOfTarget).toBe(Math.round((village.collected / 40) * 1000) / 10);
    // New workers were all unprotected; the confirmed and duplicate ones too (none is enrolled here).
    expect(village.uncoveredFound).toBeGreaterThanOrEqual(village.added);
    expect(regency.totals.collected).toBe(district.totals.collected);
    expect(district.rows[1]).toMatchObject({ regionCode: NEIGHBOUR, target: 10, collected: 1, added: 1 });
  });
});
