import { describe, expect, it } from 'vitest';
import {
  CENSUS_FIELDS,
  CENSUS_FIELD_LABELS,
  CENSUS_TEMPLATE_HEADERS,
  buildHeaderIndex,
  matchCensusColumns,
  normaliseHeader,
  type CensusField,
} from './census-columns.ts';

describe('normaliseHeader', () => {
  it.each([
    ['No. KTP', 'noktp'],
    ['NIK', 'nik'],
    ['\ufeffNIK', 'nik'],
    ['  Nama Lengkap  ', 'namalengkap'],
    ['tgl_lahir', 'tgllahir'],
    ['Tgl. Lahir', 'tgllahir'],
    ['Jenis Kelamin (L/P)', 'jeniskelaminlp'],
    ['No-HP', 'nohp'],
    ['Désa', 'desa'],
    ['NO_KK', 'nokk'],
    ['RT', 'rt'],
    ['', ''],
  ])('%j → %j', (header, expected) => {
    expect(normaliseHeader(header)).toBe(expected);
  });
});

describe('matchCensusColumns', () => {
  it.each<[string, CensusField | null]>([
    // nik
    ['NIK', 'nik'],
    ['nik', 'nik'],
    ['No. KTP', 'nik'],
    ['No KTP', 'nik'],
    ['Nomor KTP', 'nik'],
    ['No Induk', 'nik'],
    ['No. Induk Kependudukan', 'nik'],
    ['Nomor Induk Kependudukan', 'nik'],
    ['NIK KTP', 'nik'],
    ['ID Number', 'nik'],
    ['NIK*', 'nik'],
    // name
    ['Nama', 'name'],
    ['NAMA LENGKAP', 'name'],
    ['Nama Pekerja', 'name'],
    ['Nama Sesuai KTP', 'name'],
    ['Nama Peserta', 'name'],
    ['Name', 'name'],
    ['Full Name', 'name'],
    // birth date
    ['Tanggal Lahir', 'birthDate'],
    ['Tgl Lahir', 'birthDate'],
    ['TGL_LAHIR', 'birthDate'],
    ['Tgl. Lhr', 'birthDate'],
    ['Date of Birth', 'birthDate'],
    ['Birth date', 'birthDate'],
    ['DOB', 'birthDate'],
    ['Tanggal Lahir (HH/BB/TTTT)', 'birthDate'],
    ['TTL', 'birthPlaceDate'],
    ['Tempat, Tanggal Lahir', 'birthPlaceDate'],
    ['Tempat/Tgl Lahir', 'birthPlaceDate'],
    ['Hari Lahir', 'birthDay'],
    ['Bulan Lahir', 'birthMonth'],
    ['Bln Lahir', 'birthMonth'],
    ['Tahun Lahir', 'birthYear'],
    ['Thn Lahir', 'birthYear'],
    // sex
    ['Jenis Kelamin', 'sex'],
    ['JK', 'sex'],
    ['L/P', 'sex'],
    ['Kelamin', 'sex'],
    ['Sex', 'sex'],
    ['Gender', 'sex'],
    ['Jenis Kelamin (L/P)', 'sex'],
    // village, district
    ['Kode Desa', 'villageCode'],
    ['Kode Desa/Kelurahan', 'villageCode'],
    ['Kode Kelurahan', 'villageCode'],
    ['Kode Wilayah', 'villageCode'],
    ['Village code', 'villageCode'],
    ['Desa', 'villageName'],
    ['Nama Desa', 'villageName'],
    ['Kelurahan', 'villageName'],
    ['Desa/Kelurahan', 'villageName'],
    ['Village', 'villageName'],
    ['Kecamatan', 'districtName'],
    ['Nama Kecamatan', 'districtName'],
    ['District', 'districtName'],
    // occupation
    ['Pekerjaan', 'occupation'],
    ['Jenis Pekerjaan', 'occupation'],
    ['Profesi', 'occupation'],
    ['Occupation', 'occupation'],
    ['Job', 'occupation'],
    // phone
    ['No HP', 'phone'],
    ['No. HP', 'phone'],
    ['Nomor HP', 'phone'],
    ['HP', 'phone'],
    ['No Telp', 'phone'],
    ['Telepon', 'phone'],
    ['No WA', 'phone'],
    ['Nomor WA', 'phone'],
    ['Phone', 'phone'],
    ['No HP (WhatsApp)', 'phone'],
    // income
    ['Penghasilan', 'monthlyIncome'],
    ['Penghasilan per Bulan', 'monthlyIncome'],
    ['Penghasilan per Bulan (Rp)', 'monthlyIncome'],
    ['Pendapatan', 'monthlyIncome'],
    ['Income', 'monthlyIncome'],
    ['Monthly income', 'monthlyIncome'],
    // dependants
    ['Jumlah Tanggungan', 'dependants'],
    ['JUMLAH TANGGUNGAN', 'dependants'],
    ['Jml. Tanggungan', 'dependants'],
    ['Jml_Tanggungan', 'dependants'],
    ['Tanggungan', 'dependants'],
    ['Jumlah Tanggungan (orang)', 'dependants'],
    ['Jumlah Anggota Keluarga yang Ditanggung', 'dependants'],
    ['Tanggungan Keluarga', 'dependants'],
    ['Dependants', 'dependants'],
    ['Dependents', 'dependants'],
    ['Number of dependants', 'dependants'],
    ['No. of dependents', 'dependants'],
    // address parts
    ['Dusun', 'hamlet'],
    ['Lingkungan', 'hamlet'],
    ['Hamlet', 'hamlet'],
    ['RT', 'rt'],
    ['RW', 'rw'],
    // notes, KK
    ['Catatan', 'notes'],
    ['Keterangan', 'notes'],
    ['Notes', 'notes'],
    ['No KK', 'familyCardNumber'],
    ['No. KK', 'familyCardNumber'],
    ['Nomor KK', 'familyCardNumber'],
    ['KK', 'familyCardNumber'],
    ['No Kartu Keluarga', 'familyCardNumber'],
    // unknown
    ['No', null],
    ['Agama', null],
    ['', null],
    ['Tanggal', null],
  ])('%j → %s', (header, field) => {
    expect(matchCensusColumns([header]).columns[0]).toEqual({ index: 0, header, field });
  });

  it('maps the template headers to their fields in order, with nothing missing', () => {
    const { columns, missing } = matchCensusColumns(CENSUS_TEMPLATE_HEADERS);
    expect(columns.map((c) => c.field)).toEqual([
      'nik',
      'name',
      'birthDate',
      'sex',
      'villageCode',
      'occupation',
      'phone',
      'monthlyIncome',
      'dependants',
      'hamlet',
      'rt',
      'rw',
      'familyCardNumber',
      'notes',
    ]);
    expect(missing).toEqual([]);
  });

  it('gives each field to its first column only', () => {
    const { columns, byField } = matchCensusColumns(['No', 'NIK', 'Nama', 'No. KTP', 'Nama Lengkap', 'Pekerjaan', 'Desa']);
    expect(columns.map((c) => c.field)).toEqual([null, 'nik', 'name', null, null, 'occupation', 'villageName']);
    expect(byField).toEqual({ nik: 1, name: 2, occupation: 5, villageName: 6 });
  });

  it.each<[string[], CensusField[]]>([
    [['NIK', 'Nama', 'Kode Desa', 'Pekerjaan'], []],
    [['NIK', 'Nama', 'Desa', 'Pekerjaan'], []],
    [['NIK', 'Nama', 'Pekerjaan'], ['villageCode']],
    [['Nama', 'Desa'], ['nik', 'occupation']],
    [[], ['nik', 'name', 'villageCode', 'occupation']],
  ])('required fields missing from %j → %j', (headers, missing) => {
    expect(matchCensusColumns(headers).missing).toEqual(missing);
  });
});

describe('census field labels', () => {
  it('label every field in Indonesian and English', () => {
    for (const field of CENSUS_FIELDS) {
      expect(CENSUS_FIELD_LABELS[field].id).not.toBe('');
      expect(CENSUS_FIELD_LABELS[field].en).not.toBe('');
    }
  });
});

describe('buildHeaderIndex', () => {
  it('refuses an alias that names two fields', () => {
    expect(() => buildHeaderIndex({ a: ['No. HP'], b: ['no hp'] })).toThrow();
  });
});
