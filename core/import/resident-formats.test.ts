import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import { CENSUS_TEMPLATE_HEADERS } from './census-columns.ts';
import { OPENSID_COLUMNS, detectLayout, isOpenSidEndMarker, parseStatusDasar, residentColumnIndexes, type FileLayout } from './resident-formats.ts';

const SIAK_HEADERS = [
  'NO_KK',
  'NIK',
  'NAMA_LGKP',
  'JENIS_KLMIN',
  'TMPT_LHR',
  'TGL_LHR',
  'AGAMA',
  'STAT_KWN',
  'STAT_HBKEL',
  'PDDK_AKH',
  'JENIS_PKRJN',
  'NAMA_LGKP_IBU',
  'NAMA_LGKP_AYAH',
  'ALAMAT',
  'NO_RT',
  'NO_RW',
  'DUSUN',
];

describe('OPENSID_COLUMNS', () => {
  it('lists the 37 columns of the resident spreadsheet, from alamat to status_dasar', () => {
    expect(OPENSID_COLUMNS).toHaveLength(37);
    expect(OPENSID_COLUMNS[0]).toBe('alamat');
    expect(OPENSID_COLUMNS[6]).toBe('nik');
    expect(OPENSID_COLUMNS[13]).toBe('pekerjaan_id');
    expect(OPENSID_COLUMNS[36]).toBe('status_dasar');
    expect(new Set(OPENSID_COLUMNS).size).toBe(37);
  });
});

describe('detectLayout', () => {
  it.each<[string, string[], FileLayout]>([
    ['OpenSID export', [...OPENSID_COLUMNS], 'opensid'],
    ['OpenSID export in capitals', OPENSID_COLUMNS.map((c) => c.toUpperCase()), 'opensid'],
    ['OpenSID without status_dasar (older version)', OPENSID_COLUMNS.slice(0, 36), 'opensid'],
    ['OpenSID core columns only', ['nama', 'no_kk', 'nik', 'sex', 'tanggallahir', 'pekerjaan_id', 'status_dasar'], 'opensid'],
    ['five core columns, one of them OpenSID-only', ['nama', 'nik', 'sex', 'tanggallahir', 'pekerjaan_id'], 'opensid'],
    ['SIAK export', SIAK_HEADERS, 'siak'],
    ['SIAK, lower case', SIAK_HEADERS.map((h) => h.toLowerCase()), 'siak'],
    ['SIAK, a few columns', ['NIK', 'NAMA_LGKP', 'JENIS_PKRJN'], 'siak'],
    ['BPJS participants', ['No', 'KPJ', 'NIK', 'Nama', 'Program', 'Status'], 'bpjs'],
    ['BPJS, "No. KPJ"', ['No. KPJ', 'Nama Peserta', 'Program'], 'bpjs'],
    ['BPJS, "Nomor Peserta"', ['Nomor Peserta', 'Nama', 'Program'], 'bpjs'],
    ['census template', CENSUS_TEMPLATE_HEADERS, 'census'],
    ['census with OpenSID-like names', ['nama', 'nik', 'sex', 'tanggallahir', 'no_kk', 'pekerjaan'], 'census'],
    ['census with "Tgl Lhr"', ['NIK', 'Nama', 'Tgl Lhr', 'Pekerjaan'], 'census'],
    ['a title line', ['DATA PEKERJA INFORMAL DESA PRINGGABAYA', '', ''], 'census'],
    ['nothing', [], 'census'],
  ])('%s → %s', (_name, headers, expected) => {
    expect(detectLayout(headers)).toBe(expected);
  });
});

describe('residentColumnIndexes', () => {
  it('finds OpenSID columns at their standard positions', () => {
    expect(residentColumnIndexes('opensid', [...OPENSID_COLUMNS])).toEqual({
      nik: 6,
      name: 4,
      familyCardNumber: 5,
      sex: 7,
      birthPlace: 8,
      birthDate: 9,
      occupation: 13,
      statusDasar: 36,
      hamlet: 1,
      rt: 3,
      rw: 2,
      address: 0,
    });
  });

  it('follows OpenSID columns by name when they are moved', () => {
    const headers = ['NIK', 'Nama', 'pekerjaan_id', 'tanggallahir', 'Status_Dasar', 'dusun'];
    expect(residentColumnIndexes('opensid', headers)).toMatchObject({
      nik: 0,
      name: 1,
      occupation: 2,
      birthDate: 3,
      statusDasar: 4,
      hamlet: 5,
      familyCardNumber: null,
      address: null,
    });
  });

  it('falls back to the position when a header is blank or renamed, never onto another OpenSID column', () => {
    const headers = [...OPENSID_COLUMNS];
    headers[6] = 'Nomor Induk'; // renamed nik
    headers[4] = ''; // blank nama
    headers[13] = 'tanggallahir'; // a known column standing where pekerjaan_id should be
    const index = residentColumnIndexes('opensid', headers);
    expect(index.nik).toBe(6);
    expect(index.name).toBe(4);
    expect(index.occupation).toBeNull();
    expect(index.birthDate).toBe(9); // by name: the first tanggallahir
  });

  it('leaves a column past the end of a short OpenSID header unset', () => {
    expect(residentColumnIndexes('opensid', OPENSID_COLUMNS.slice(0, 36)).statusDasar).toBeNull();
  });

  it('finds SIAK columns by name, case-insensitively', () => {
    expect(residentColumnIndexes('siak', SIAK_HEADERS)).toEqual({
      nik: 1,
      name: 2,
      familyCardNumber: 0,
      sex: 3,
      birthPlace: 4,
      birthDate: 5,
      occupation: 10,
      statusDasar: null,
      hamlet: 16,
      rt: 14,
      rw: 15,
      address: 13,
    });
    expect(residentColumnIndexes('siak', SIAK_HEADERS.map((h) => h.toLowerCase())).name).toBe(2);
  });

  it.each([['STATUS_DASAR'], ['STAT_DASAR'], ['Status Dasar']])('reads the SIAK status column %s', (header) => {
    expect(residentColumnIndexes('siak', [...SIAK_HEADERS, header]).statusDasar).toBe(SIAK_HEADERS.length);
  });
});

describe('isOpenSidEndMarker', () => {
  it.each<[Cell, boolean]>([
    ['###', true],
    [' ### ', true],
    ['Dusun Timur', false],
    ['##', false],
    ['', false],
    [null, false],
  ])('%j → %s', (cell, expected) => {
    expect(isOpenSidEndMarker(cell)).toBe(expected);
  });
});

describe('parseStatusDasar', () => {
  it.each<[Cell, string]>([
    ['HIDUP', 'alive'],
    ['Hidup', 'alive'],
    ['1', 'alive'],
    [1, 'alive'],
    ['', 'alive'],
    [null, 'alive'],
    [undefined, 'alive'],
    ['MATI', 'dead'],
    ['Meninggal', 'dead'],
    ['2', 'dead'],
    [2, 'dead'],
    ['PINDAH', 'moved'],
    ['Pindah Keluar', 'moved'],
    ['3', 'moved'],
    ['HILANG', 'missing'],
    ['4', 'missing'],
    ['PERGI', 'other'],
    ['TIDAK VALID', 'other'],
    ['9', 'other'],
  ])('%j → %s', (cell, expected) => {
    expect(parseStatusDasar(cell)).toBe(expected);
  });
});
