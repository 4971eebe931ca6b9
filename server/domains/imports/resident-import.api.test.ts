import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENSID_COLUMNS } from '../../../core/import/resident-formats.ts';
import { makeNik } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { importAndWait } from '../../test/upload.ts';

const VILLAGE = '52.03.01.2001';
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-24T03:00:00Z') });
  admin = await t.loginAs('admin');
});
afterAll(() => t.close());

interface Resident {
  nik: string;
  name: string;
  birthDate: string;
  sex: string;
  occupation: string;
  status: string;
  hamlet?: string;
}

/** An OpenSID resident spreadsheet: its 37 columns in order, data read by position. */
async function openSidWorkbook(residents: Resident[], after: Resident[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Penduduk');
  sheet.addRow([...OPENSID_COLUMNS]);
  const row = (r: Resident) => {
    const cells: Record<string, string> = {
      alamat: 'Jl. Pantai',
      dusun: r.hamlet ?? 'Dusun Timur',
      rw: '002',
      rt: '003',
      nama: r.name,
      no_kk: '5203011203100007',
      nik: r.nik,
      sex: r.sex,
      tempatlahir: 'Selong',
      tanggallahir: r.birthDate,
      pekerjaan_id: r.occupation,
      status_dasar: r.status,
    };
    return OPENSID_COLUMNS.map((c) => cells[c] ?? '');
  };
  for (const r of residents) sheet.addRow(row(r));
  sheet.addRow(row({ nik: '', name: '', birthDate: '', sex: '', occupation: '', status: '', hamlet: '###' }));
  for (const r of after) sheet.addRow(row(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('an OpenSID resident export', () => {
  it('brings in living working-age residents with informal occupations and counts the others by reason', async () => {
    const nik = (birthDate: string, sex: 'M' | 'F' = 'M') => makeNik({ birthDate, sex });
    const farm = nik('1986-04-02');
    const fisher = nik('1996-06-06', 'F');
    const ustadz = nik('1976-09-09');
    const residents: Resident[] = [
      { nik: farm, name: 'AMAQ SAHNUN', birthDate: '1986-04-02', sex: 'L', occupation: 'BURUH TANI/PERKEBUNAN', status: 'HIDUP' },
      { nik: fisher, name: 'INAQ RUMINAH', birthDate: '1996-06-06', sex: '2', occupation: 'NELAYAN/PERIKANAN', status: '1' },
      { nik: ustadz, name: 'H. MAHSUN', birthDate: '1976-09-09', sex: 'LK', occupation: 'USTADZ/MUBALIGH', status: 'HIDUP' },
      { nik: nik('2014-01-01'), name: 'ANAK SEKOLAH', birthDate: '2014-01-01', sex: 'L', occupation: 'PELAJAR/MAHASISWA', status: 'HIDUP' },
      { nik: nik('1950-01-01'), name: 'PETANI SEPUH', birthDate: '1950-01-01', sex: 'L', occupation: 'PETANI/PEKEBUN', status: 'HIDUP' },
      { nik: nik('1980-01-01'), name: 'SUDAH WAFAT', birthDate: '1980-01-01', sex: 'L', occupation: 'BURUH TANI/PERKEBUNAN', status: 'MATI' },
      { nik: nik('1981-01-01'), name: 'SUDAH PINDAH', birthDate: '1981-01-01', sex: 'L', occupation: 'NELAYAN/PERIKANAN', status: 'PINDAH' },
      { nik: nik('1979-01-01'), name: 'PEGAWAI NEGERI', birthDate: '1979-01-01', sex: 'L', occupation: 'PEGAWAI NEGERI SIPIL (PNS)', status: 'HIDUP' },
      { nik: '0', name: 'BELUM ADA NIK', birthDate: '1988-01-01', sex: 'L', occupation: 'BURUH TANI/PERKEBUNAN', status: 'HIDUP' },
    ];
    const content = await openSidWorkbook(residents, [
      { nik: nik('1985-01-01'), name: 'SESUDAH PENANDA', birthDate: '1985-01-01', sex: 'L', occupation: 'BURUH TANI/PERKEBUNAN', status: 'HIDUP' },
    ]);
    const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'penduduk-opensid.xlsx', content, fields: { village: VILLAGE } });
    expect(job).toMatchObject({ status: 'done', layout: 'opensid', created: 3, rejected: 1, skipped: { occupation: 1, age: 2, status: 2 } });
    expect(job.errors).toEqual([expect.objectContaining({ row: 9, field: 'nik', code: 'NIK_UNKNOWN' })]);

    const list = await t.app.inject({ method: 'GET', url: `/api/workers?village=${VILLAGE}&pageSize=100`, headers: { cookie: admin } });
    const byNik = new Map((list.json().items as { nik: string; id: string; occupation: string; sex: string; hamlet: string }[]).map((w) => [w.nik, w]));
    expect(byNik.get(farm)).toMatchObject({ occupation: 'farm_labourer', hamlet: 'Dusun Timur' });
    expect(byNik.get(fisher)).toMatchObject({ occupation: 'fisher', sex: 'F' });
    expect(byNik.get(ustadz)).toMatchObject({ occupation: 'community_service' });
    const detail = await t.app.inject({ method: 'GET', url: `/api/workers/${byNik.get(farm)!.id}`, headers: { cookie: admin } });
    expect(detail.json().familyCardNumber).toBe('5203011203100007');
  });

  it('follows the mapping an admin changed: a resident occupation can be taken in or left out', async () => {
    const map = await t.app.inject({ method: 'GET', url: '/api/imports/occupation-map', headers: { cookie: admin } });
    const items = map.json().items as { key: string; label: string; occupation: string | null }[];
    expect(items).toHaveLength(89);
    const put = (label: string, occupation: string | null) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/imports/occupation-map/${encodeURIComponent(items.find((i) => i.label.toUpperCase() === label)!.key)}`,
        headers: { cookie: admin },
        payload: { occupation },
      });
    // By default drivers are informal ("other") and teachers are not; this regency decides otherwise.
    expect((await put('SOPIR', null)).statusCode).toBe(200);
    expect((await put('GURU', 'community_service')).json()).toMatchObject({ occupation: 'community_service', updatedBy: expect.any(String) });
    const teacher = makeNik({ birthDate: '1991-02-02' });
    const content = await openSidWorkbook([
      { nik: makeNik({ birthDate: '1990-02-02' }), name: 'SOPIR ANGKOT', birthDate: '1990-02-02', sex: 'L', occupation: 'SOPIR', status: 'HIDUP' },
      { nik: teacher, name: 'GURU NGAJI', birthDate: '1991-02-02', sex: 'L', occupation: 'GURU', status: 'HIDUP' },
    ]);
    const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'opensid.xlsx', content, fields: { village: VILLAGE } });
    expect(job).toMatchObject({ created: 1, skipped: { occupation: 1, age: 0, status: 0 } });
    const found = await t.app.inject({ method: 'GET', url: `/api/workers?q=${teacher}`, headers: { cookie: admin } });
    expect(found.json().items[0]).toMatchObject({ occupation: 'community_service' });
    const operator = await t.loginAs('village', VILLAGE);
    const refused = await t.app.inject({ method: 'PUT', url: `/api/imports/occupation-map/${encodeURIComponent(items[0]!.key)}`, headers: { cookie: operator }, payload: { occupation: null } });
    expect(refused.statusCode).toBe(403);
  });
});

describe('a SIAK (Dukcapil) export', () => {
  it('is recognised by its columns and filtered like an OpenSID export', async () => {
    const operator = await t.loginAs('village', VILLAGE);
    const labourer = makeNik({ birthDate: '1984-03-03', sex: 'F' });
    const content = [
      'NO_KK,NIK,NAMA_LGKP,JENIS_KLMIN,TMPT_LHR,TGL_LHR,JENIS_PKRJN,STAT_HBKEL,NO_RT,NO_RW',
      `5203011203100008,${labourer},INAQ SAMIAH,PEREMPUAN,LOMBOK TIMUR,03-03-1984,BURUH TANI/PERKEBUNAN,ISTRI,4,1`,
      `5203011203100008,${makeNik({ birthDate: '1983-02-02' })},AMAQ SAMIAH,LAKI-LAKI,LOMBOK TIMUR,02-02-1983,KARYAWAN SWASTA,KEPALA KELUARGA,4,1`,
      `5203011203100008,${makeNik({ birthDate: '2012-02-02' })},ANAK SAMIAH,LAKI-LAKI,LOMBOK TIMUR,02-02-2012,PELAJAR/MAHASISWA,ANAK,4,1`,
    ].join('\n');
    // A village operator's export goes to the own village without choosing it.
    const { job } = await importAndWait(t.app, 'workers', { cookie: operator, fileName: 'siak.csv', content });
    expect(job).toMatchObject({ status: 'done', layout: 'siak', created: 1, skipped: { occupation: 1, age: 1, status: 0 } });
    const found = await t.app.inject({ method: 'GET', url: `/api/workers?q=${labourer}`, headers: { cookie: admin } });
    expect(found.json().items[0]).toMatchObject({ name: 'INAQ SAMIAH', sex: 'F', occupation: 'farm_labourer', villageCode: VILLAGE, rt: '004' });
  });
});
