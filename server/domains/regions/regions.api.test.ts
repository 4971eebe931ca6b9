import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let operator: string;

beforeAll(async () => {
  t = await testApp();
  operator = await t.loginAs('village', '52.03.01.2001');
});
afterAll(() => t.close());

const get = (url: string, cookie = operator) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('region tree of Lombok Timur', () => {
  it('has the regency with 21 districts and 254 villages from idn-area-data', async () => {
    expect((await get('/api/regions/52.03')).json()).toMatchObject({ code: '52.03', name: 'Kabupaten Lombok Timur', level: 'regency', parentCode: '52' });
    const districts = (await get('/api/regions/52.03/children')).json().items;
    expect(districts).toHaveLength(21);
    expect(districts[0]).toMatchObject({ code: '52.03.01', name: 'Keruak', level: 'district', parentCode: '52.03' });
    let villages = 0;
    for (const d of districts) villages += (await get(`/api/regions/${d.code}/children`)).json().items.length;
    expect(villages).toBe(254);
  });

  it('counts workers per district and village', async () => {
    const admin = await t.loginAs('admin');
    for (let i = 0; i < 2; i++) {
      await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: makeWorker({ villageCode: '52.03.02.2003' }) });
    }
    const districts = (await get('/api/regions/52.03/children')).json().items;
    expect(districts.find((d: { code: string }) => d.code === '52.03.02').workerCount).toBe(2);
    const villages = (await get('/api/regions/52.03.02/children')).json().items;
    expect(villages.find((v: { code: string }) => v.code === '52.03.02.2003').workerCount).toBe(2);
    expect((await get('/api/regions/52.03.02.2003')).json().workerCount).toBe(2);
  });

  it('knows every district of the country (for NIK checks) but villages only of the served regency', async () => {
    expect((await get('/api/regions/11.01.01')).json()).toMatchObject({ name: 'Bakongan', level: 'district' });
    expect((await get('/api/regions/11.01.01/children')).json().items).toEqual([]);
  });

  it('answers 404 for an unknown code, 400 for a malformed one, 401 without a session', async () => {
    expect((await get('/api/regions/52.99')).statusCode).toBe(404);
    const bad = await get('/api/regions/5203');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('code');
    expect((await t.app.inject({ method: 'GET', url: '/api/regions/52.03' })).statusCode).toBe(401);
  });
});

describe('another regency by changing one setting', () => {
  it('serves Lombok Barat (52.01) with JARING_REGENCY=52.01', async () => {
    const other = await testApp({ regionCode: '52.01' });
    try {
      const admin = await other.loginAs('admin');
      const region = await other.app.inject({ method: 'GET', url: '/api/regions/52.01', headers: { cookie: admin } });
      expect(region.json().name).toBe('Kabupaten Lombok Barat');
      const villageCode = other.regions.within('52.01', 'village')[0]!.code;
      const created = await other.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: makeWorker({ villageCode }) });
      expect(created.statusCode).toBe(201);
      const refused = await other.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: makeWorker({ villageCode: '52.03.01.2001' }) });
      expect(refused.json().error.code).toBe('VILLAGE_UNKNOWN');
    } finally {
      await other.close();
    }
  });
});

describe('a whole province by pointing JARING_REGENCY at it', () => {
  it('serves every regency of Nusa Tenggara Barat (52) with counts per regency', async () => {
    const province = await testApp({ regionCode: '52' });
    try {
      const admin = await province.loginAs('admin');
      for (const villageCode of ['52.01.01.1001', '52.03.01.2001', '52.03.02.2001']) {
        const res = await province.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: makeWorker({ villageCode }) });
        expect(res.statusCode).toBe(201);
      }
      const regencies = (await province.app.inject({ method: 'GET', url: '/api/regions/52/children', headers: { cookie: admin } })).json().items;
      expect(regencies.find((r: { code: string }) => r.code === '52.03')).toMatchObject({ name: 'Kabupaten Lombok Timur', workerCount: 2 });
      expect(regencies.find((r: { code: string }) => r.code === '52.01')).toMatchObject({ workerCount: 1 });
      const camat = await province.loginAs('district', '52.01.01');
      const list = (await province.app.inject({ method: 'GET', url: '/api/workers', headers: { cookie: camat } })).json();
      expect(list.total).toBe(1);
    } finally {
      await province.close();
    }
  });
});
