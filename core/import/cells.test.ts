import { describe, expect, it } from 'vitest';
import {
  cleanText,
  isEmptyCell,
  parseDateCell,
  parseDependantsCell,
  parseFamilyCardCell,
  parseIncomeCell,
  parseMonthCell,
  parseNikCell,
  parseOccupationCell,
  parsePhoneCell,
  parseRtRwCell,
  parseSexCell,
  type Cell,
  type CellResult,
} from './cells.ts';
import { OCCUPATIONS } from '../occupations.ts';

/** 'ok:<value>' or the error code, so each table row reads as input → outcome. */
function outcome<T>(result: CellResult<T>): string {
  return result.ok ? `ok:${result.value === null ? 'null' : String(result.value)}` : result.code;
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** Every failure carries a stable code and a short Indonesian message. */
function expectWellFormedError<T>(result: CellResult<T>): void {
  if (result.ok) return;
  expect(result.code).toMatch(UPPER_SNAKE);
  expect(result.message.length).toBeGreaterThan(10);
  expect(result.message.length).toBeLessThan(260);
}

describe('cleanText', () => {
  it.each<[Cell, string]>([
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['   ', ''],
    ['  Siti   Aminah ', 'Siti Aminah'],
    ['Siti\u00a0Aminah', 'Siti Aminah'],
    ['Siti\tAminah', 'Siti Aminah'],
    ['Siti\r\nAminah', 'Siti Aminah'],
    ['\ufeffNIK', 'NIK'],
    ['Siti\u200bAminah', 'Siti Aminah'],
    ["'5203010107850001", '5203010107850001'],
    ["  '5203010107850001  ", '5203010107850001'],
    ['"Siti Aminah"', 'Siti Aminah'],
    ["'Siti Aminah'", 'Siti Aminah'],
    ['\u201cSiti Aminah\u201d', 'Siti Aminah'],
    ['"\'5203010107850001"', '5203010107850001'],
    ["O'Neil", "O'Neil"],
    ['"', '"'],
    [1500000, '1500000'],
    [0, '0'],
    [Number.NaN, ''],
    [true, 'true'],
    [utc(1985, 7, 1), '1985-07-01'],
    [new Date(Number.NaN), ''],
  ])('%j → %j', (cell, expected) => {
    expect(cleanText(cell)).toBe(expected);
  });
});

describe('isEmptyCell', () => {
  it.each<[Cell, boolean]>([
    [null, true],
    [undefined, true],
    ['', true],
    ['  \u00a0 ', true],
    ['-', true],
    ['--', true],
    ['\u2014', true],
    ['NULL', true],
    ['""', true],
    [Number.NaN, true],
    [0, false],
    ['0', false],
    ['x', false],
    [false, false],
    [utc(2026, 1, 1), false],
  ])('%j → %s', (cell, expected) => {
    expect(isEmptyCell(cell)).toBe(expected);
  });
});

describe('parseNikCell', () => {
  it.each<[Cell, string, string]>([
    ['5203010107850001', 'ok:5203010107850001', 'plain text'],
    ['5203 0101 0180 0001', 'ok:5203010101800001', 'spaces between groups'],
    ['5203.0101.0180.0001', 'ok:5203010101800001', 'dots between groups'],
    ['5203-0101-0180-0001', 'ok:5203010101800001', 'dashes between groups'],
    ['5203\u20130101\u20130180\u20130001', 'ok:5203010101800001', 'en dashes between groups'],
    ["'5203010101800001", 'ok:5203010101800001', 'Excel text marker'],
    ['  5203010101800001\u00a0', 'ok:5203010101800001', 'NBSP around'],
    ['"5203010101800001"', 'ok:5203010101800001', 'quoted'],
    ['5203014107850001', 'ok:5203014107850001', 'woman: day + 40'],
    [5203010101800001, 'NIK_NOT_TEXT', 'numeric cell, even when it looks whole'],
    [520301010180000, 'NIK_NOT_TEXT', 'numeric cell with 15 digits'],
    ['5.20301E+15', 'NIK_NOT_TEXT', 'scientific form'],
    ['5,20301E+15', 'NIK_NOT_TEXT', 'scientific form, comma decimal'],
    ['5.203010101800001e15', 'NIK_NOT_TEXT', 'scientific form, lower-case e'],
    ['5.20301E15', 'NIK_NOT_TEXT', 'scientific form without plus'],
    ['5203010101800001.0', 'NIK_NOT_TEXT', 'written back as a float'],
    ['', 'NIK_REQUIRED', 'empty'],
    [null, 'NIK_REQUIRED', 'null'],
    [undefined, 'NIK_REQUIRED', 'missing cell'],
    ['-', 'NIK_REQUIRED', 'placeholder'],
    ['0', 'NIK_UNKNOWN', 'OpenSID: NIK not known yet'],
    [0, 'NIK_UNKNOWN', 'numeric zero'],
    ['0000000000000000', 'NIK_UNKNOWN', 'all zeros'],
    ['520301010180001', 'NIK_FORMAT', '15 digits'],
    ['52030101018000011', 'NIK_FORMAT', '17 digits'],
    ['52030101018O0001', 'NIK_FORMAT', 'letter O'],
    ['NIK 5203010101800001', 'NIK_FORMAT', 'a label in the cell'],
    [true, 'NIK_FORMAT', 'boolean'],
    [utc(1985, 7, 1), 'NIK_FORMAT', 'date cell'],
    ['5203013102850001', 'NIK_INVALID_DATE', '31 February'],
    ['5203010101800000', 'NIK_INVALID_SERIAL', 'serial 0000 (what a spreadsheet leaves of ...0001)'],
  ])('%j → %s (%s)', (cell, expected) => {
    const result = parseNikCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });

  it('tells the operator to format the column as text and retype, never guessing digits', () => {
    const result = parseNikCell(5203010101800001);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Teks/);
    if (!result.ok) expect(result.message).toMatch(/ketik ulang/);
  });
});

describe('parseFamilyCardCell', () => {
  it.each<[Cell, string]>([
    ['5203012003150007', 'ok:5203012003150007'],
    ['5203 0120 0315 0007', 'ok:5203012003150007'],
    ["'5203012003150007", 'ok:5203012003150007'],
    ['5203-0120-0315-0007', 'ok:5203012003150007'],
    ['', 'ok:null'],
    [null, 'ok:null'],
    ['-', 'ok:null'],
    ['0', 'ok:null'],
    [0, 'ok:null'],
    ['0000000000000000', 'ok:null'],
    [5203012003150007, 'KK_NOT_TEXT'],
    ['5.20301E+15', 'KK_NOT_TEXT'],
    ['5,20301E+15', 'KK_NOT_TEXT'],
    ['520301200315000', 'KK_FORMAT'],
    ['52030120031500071', 'KK_FORMAT'],
    ['KK5203012003150007', 'KK_FORMAT'],
  ])('%j → %s', (cell, expected) => {
    const result = parseFamilyCardCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });
});

describe('parseDateCell', () => {
  it.each<[Cell, string, string]>([
    // cells spreadsheets hand over
    [utc(1985, 7, 1), 'ok:1985-07-01', 'XLSX date cell (UTC)'],
    [new Date(Date.UTC(1985, 6, 1, 13, 30)), 'ok:1985-07-01', 'date-time cell keeps its UTC day'],
    [31229, 'ok:1985-07-01', 'Excel serial'],
    [31229.75, 'ok:1985-07-01', 'Excel serial with a time'],
    [1, 'ok:1900-01-01', 'serial 1'],
    [59, 'ok:1900-02-28', 'serial 59'],
    [60, 'DATE_INVALID', "serial 60 is Excel's 29 Feb 1900, which never was"],
    [61, 'ok:1900-03-01', 'serial 61, after the phantom leap day'],
    [36951, 'ok:2001-03-01', 'serial after 2000'],
    [19850701, 'ok:1985-07-01', 'number written as YYYYMMDD'],
    [1985, 'DATE_FORMAT', 'a year alone'],
    [0, 'DATE_FORMAT', 'zero'],
    [-5, 'DATE_FORMAT', 'negative'],
    [3_000_000, 'DATE_FORMAT', 'beyond the last Excel date'],
    [new Date(Number.NaN), 'DATE_REQUIRED', 'invalid Date object'],
    [true, 'DATE_FORMAT', 'boolean'],
    // ISO
    ['1985-07-01', 'ok:1985-07-01', 'ISO'],
    ['1985-7-1', 'ok:1985-07-01', 'ISO without zero padding'],
    ['1985/07/01', 'ok:1985-07-01', 'year first with slashes'],
    ['1985-07-01T00:00:00.000Z', 'ok:1985-07-01', 'ISO date-time'],
    ['1985-07-01 00:00:00', 'ok:1985-07-01', 'date-time from a database export'],
    // day first, Indonesian order
    ['01/07/1985', 'ok:1985-07-01', 'DD/MM/YYYY'],
    ['1/7/1985', 'ok:1985-07-01', 'D/M/YYYY'],
    ['01-07-1985', 'ok:1985-07-01', 'DD-MM-YYYY'],
    ['01.07.1985', 'ok:1985-07-01', 'DD.MM.YYYY'],
    ['01 07 1985', 'ok:1985-07-01', 'spaces'],
    ['1 7 1985', 'ok:1985-07-01', 'day, month and year columns joined'],
    ['01 / 07 / 1985', 'ok:1985-07-01', 'spaced slashes'],
    ['01/07/1985 00:00:00', 'ok:1985-07-01', 'with a time'],
    ['13/12/1985', 'ok:1985-12-13', 'day above 12 is still day first'],
    ['01071985', 'ok:1985-07-01', 'DDMMYYYY digits'],
    ['19850701', 'ok:1985-07-01', 'YYYYMMDD digits'],
    ['20121990', 'ok:1990-12-20', 'DDMMYYYY starting with 20'],
    // month names
    ['1 Juli 1985', 'ok:1985-07-01', 'Indonesian month'],
    ['01 JULI 1985', 'ok:1985-07-01', 'capitals'],
    ['1 Jul 1985', 'ok:1985-07-01', 'abbreviation'],
    ['1-Jul-1985', 'ok:1985-07-01', "Excel's d-mmm-yyyy"],
    ['1 Jul. 1985', 'ok:1985-07-01', 'abbreviation with a dot'],
    ['1 July 1985', 'ok:1985-07-01', 'English month'],
    ['July 1, 1985', 'ok:1985-07-01', 'English order'],
    ['5 Januari 1990', 'ok:1990-01-05', 'Januari'],
    ['5 Februari 1990', 'ok:1990-02-05', 'Februari'],
    ['5 Pebruari 1990', 'ok:1990-02-05', 'Pebruari'],
    ['5 Peb 1990', 'ok:1990-02-05', 'Peb'],
    ['5 Feb 1990', 'ok:1990-02-05', 'Feb'],
    ['5 Maret 1990', 'ok:1990-03-05', 'Maret'],
    ['5 Mrt 1990', 'ok:1990-03-05', 'Mrt'],
    ['5 April 1990', 'ok:1990-04-05', 'April'],
    ['5 Mei 1990', 'ok:1990-05-05', 'Mei'],
    ['5 May 1990', 'ok:1990-05-05', 'May'],
    ['5 Juni 1990', 'ok:1990-06-05', 'Juni'],
    ['5 Agustus 1990', 'ok:1990-08-05', 'Agustus'],
    ['5 Agu 1990', 'ok:1990-08-05', 'Agu'],
    ['5 Agt 1990', 'ok:1990-08-05', 'Agt'],
    ['5 Ags 1990', 'ok:1990-08-05', 'Ags'],
    ['5 Aug 1990', 'ok:1990-08-05', 'Aug'],
    ['5 September 1990', 'ok:1990-09-05', 'September'],
    ['5 Sept 1990', 'ok:1990-09-05', 'Sept'],
    ['5 Oktober 1990', 'ok:1990-10-05', 'Oktober'],
    ['5 Okt 1990', 'ok:1990-10-05', 'Okt'],
    ['5 Oct 1990', 'ok:1990-10-05', 'Oct'],
    ['5 November 1990', 'ok:1990-11-05', 'November'],
    ['5 Nopember 1990', 'ok:1990-11-05', 'Nopember'],
    ['5 Nop 1990', 'ok:1990-11-05', 'Nop'],
    ['5 Desember 1990', 'ok:1990-12-05', 'Desember'],
    ['5 Des 1990', 'ok:1990-12-05', 'Des'],
    ['5 Dec 1990', 'ok:1990-12-05', 'Dec'],
    // "tempat, tanggal lahir"
    ['Selong, 01-07-1985', 'ok:1985-07-01', 'TTL'],
    ['Selong , 1 Juli 1985', 'ok:1985-07-01', 'TTL with a month name'],
    ['Lombok Timur, 01/07/1985', 'ok:1985-07-01', 'TTL, two-word place'],
    ['Kp. Baru, Selong, 01-07-1985', 'ok:1985-07-01', 'the date after the last comma'],
    ['Selong 01-07-1985', 'ok:1985-07-01', 'TTL without a comma'],
    ['Selong, 31-02-1985', 'DATE_INVALID', 'TTL with an impossible date'],
    ['Selong, 01-07-85', 'DATE_FORMAT', 'TTL with a two-digit year'],
    ['Selong', 'DATE_FORMAT', 'place only'],
    // impossible dates
    ['31/02/1985', 'DATE_INVALID', '31 February'],
    ['29/02/1985', 'DATE_INVALID', '29 February, not a leap year'],
    ['29/02/1984', 'ok:1984-02-29', '29 February, leap year'],
    ['29/02/2000', 'ok:2000-02-29', '2000 is a leap year'],
    ['29/02/1900', 'DATE_INVALID', '1900 is not'],
    ['31/04/1985', 'DATE_INVALID', '31 April'],
    ['00/07/1985', 'DATE_INVALID', 'day 0'],
    ['01/13/1985', 'DATE_INVALID', 'month 13 (no month-first reading)'],
    ['1985-02-30', 'DATE_INVALID', 'ISO 30 February'],
    ['31 Juni 1985', 'DATE_INVALID', '31 June by name'],
    ['01/07/0985', 'DATE_INVALID', 'year out of range'],
    ['01/07/2985', 'DATE_INVALID', 'year far ahead'],
    // unreadable
    ['01/07/85', 'DATE_FORMAT', 'two-digit year'],
    ['1-Jul-85', 'DATE_FORMAT', 'two-digit year with a month name'],
    ['1 Juli 85', 'DATE_FORMAT', 'two-digit year, Indonesian'],
    ['01/07/198', 'DATE_FORMAT', 'three-digit year'],
    ['Juli 1985', 'DATE_FORMAT', 'month and year only'],
    ['1985', 'DATE_FORMAT', 'year only as text'],
    ['1 Jully 1985', 'DATE_FORMAT', 'misspelt month'],
    ['kemarin', 'DATE_FORMAT', 'words'],
    ['7/1/1985 12:00:00 AM', 'DATE_FORMAT', 'American date-time is not guessed'],
    ['', 'DATE_REQUIRED', 'empty'],
    [null, 'DATE_REQUIRED', 'null'],
    ['-', 'DATE_REQUIRED', 'placeholder'],
  ])('%j → %s (%s)', (cell, expected) => {
    const result = parseDateCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });

  it('shows an example of a readable date', () => {
    const result = parseDateCell('kemarin');
    expect(!result.ok && result.message).toMatch(/1985-07-01 atau 01\/07\/1985/);
  });
});

describe('parseMonthCell', () => {
  it.each<[Cell, string]>([
    ['2026-10', 'ok:2026-10'],
    ['2026-1', 'ok:2026-01'],
    ['2026/10', 'ok:2026-10'],
    ['10/2026', 'ok:2026-10'],
    ['10-2026', 'ok:2026-10'],
    ['1/2026', 'ok:2026-01'],
    ['10.2026', 'ok:2026-10'],
    ['Oktober 2026', 'ok:2026-10'],
    ['OKTOBER 2026', 'ok:2026-10'],
    ['Okt 2026', 'ok:2026-10'],
    ['Oct 2026', 'ok:2026-10'],
    ['Okt-2026', 'ok:2026-10'],
    ['Oct-26', 'ok:2026-10'],
    ['Agt 2026', 'ok:2026-08'],
    ['Des 2025', 'ok:2025-12'],
    ['102026', 'ok:2026-10'],
    ['202610', 'ok:2026-10'],
    [202610, 'ok:2026-10'],
    ['2026-10-15', 'ok:2026-10'],
    ['15/10/2026', 'ok:2026-10'],
    ['15 Oktober 2026', 'ok:2026-10'],
    [utc(2026, 10, 1), 'ok:2026-10'],
    [utc(2026, 10, 31), 'ok:2026-10'],
    [46296, 'ok:2026-10'],
    ['2026-13', 'MONTH_INVALID'],
    ['13/2026', 'MONTH_INVALID'],
    ['0/2026', 'MONTH_INVALID'],
    ['31/02/2026', 'MONTH_INVALID'],
    ['10/26', 'MONTH_FORMAT'],
    ['Oktober', 'MONTH_FORMAT'],
    ['2026', 'MONTH_FORMAT'],
    [2026, 'MONTH_FORMAT'],
    ['Okt 20266', 'MONTH_FORMAT'],
    ['bulan depan', 'MONTH_FORMAT'],
    ['', 'MONTH_REQUIRED'],
    [null, 'MONTH_REQUIRED'],
  ])('%j → %s', (cell, expected) => {
    const result = parseMonthCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });
});

describe('parseSexCell', () => {
  it.each<[Cell, string]>([
    ['L', 'ok:M'],
    ['l', 'ok:M'],
    ['LK', 'ok:M'],
    ['Lk.', 'ok:M'],
    ['L.', 'ok:M'],
    ['Laki-laki', 'ok:M'],
    ['LAKI-LAKI', 'ok:M'],
    ['Laki Laki', 'ok:M'],
    ['laki2', 'ok:M'],
    ['Lelaki', 'ok:M'],
    ['Pria', 'ok:M'],
    ['M', 'ok:M'],
    ['Male', 'ok:M'],
    ['1', 'ok:M'],
    [1, 'ok:M'],
    ['P', 'ok:F'],
    ['p', 'ok:F'],
    ['PR', 'ok:F'],
    ['Pr', 'ok:F'],
    ['P.', 'ok:F'],
    ['Perempuan', 'ok:F'],
    ['PEREMPUAN', 'ok:F'],
    ['Wanita', 'ok:F'],
    ['W', 'ok:F'],
    ['F', 'ok:F'],
    ['Female', 'ok:F'],
    ['2', 'ok:F'],
    [2, 'ok:F'],
    ['L/P', 'SEX_INVALID'],
    ['X', 'SEX_INVALID'],
    ['3', 'SEX_INVALID'],
    [true, 'SEX_INVALID'],
    ['', 'SEX_REQUIRED'],
    [null, 'SEX_REQUIRED'],
  ])('%j → %s', (cell, expected) => {
    const result = parseSexCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });
});

describe('parseOccupationCell', () => {
  it.each<[Cell, string]>([
    // codes and labels
    ['farm_labourer', 'ok:farm_labourer'],
    ['FARM_LABOURER', 'ok:farm_labourer'],
    ['Farm labourer', 'ok:farm_labourer'],
    ['Farm laborer', 'ok:farm_labourer'],
    ['street_vendor', 'ok:street_vendor'],
    ['Pekerja sosial kemasyarakatan', 'ok:community_service'],
    ['Community service worker', 'ok:community_service'],
    // synonyms
    ['Buruh Tani', 'ok:farm_labourer'],
    ['BURUH TANI/PERKEBUNAN', 'ok:farm_labourer'],
    ['Buruh Tani / Perkebunan', 'ok:farm_labourer'],
    ['Buruh Kebun', 'ok:farm_labourer'],
    ['Petani', 'ok:farmer'],
    ['Petani/Pekebun', 'ok:farmer'],
    ['Pekebun', 'ok:farmer'],
    ['Petani Tembakau', 'ok:farmer'],
    ['Nelayan', 'ok:fisher'],
    ['Nelayan/Perikanan', 'ok:fisher'],
    ['Buruh Nelayan', 'ok:fisher'],
    ['Buruh Nelayan/Perikanan', 'ok:fisher'],
    ['Pembudidaya Ikan', 'ok:fisher'],
    ['Peternak', 'ok:livestock'],
    ['Buruh Peternakan', 'ok:livestock'],
    ['Pedagang', 'ok:trader'],
    ['Perdagangan', 'ok:trader'],
    ['PKL', 'ok:street_vendor'],
    ['P.K.L.', 'ok:street_vendor'],
    ['Pedagang Kaki Lima', 'ok:street_vendor'],
    ['Pedagang Keliling', 'ok:street_vendor'],
    ['Ojek', 'ok:motorcycle_taxi'],
    ['Tukang Ojek', 'ok:motorcycle_taxi'],
    ['Ojol', 'ok:motorcycle_taxi'],
    ['Ojek Online', 'ok:motorcycle_taxi'],
    ['Buruh Bangunan', 'ok:construction_labourer'],
    ['Tukang Batu', 'ok:construction_labourer'],
    ['Tukang Kayu', 'ok:construction_labourer'],
    ['Kuli Bangunan', 'ok:construction_labourer'],
    ['Konstruksi', 'ok:construction_labourer'],
    ['Pengrajin', 'ok:craftsman'],
    ['Perajin', 'ok:craftsman'],
    ['Penenun', 'ok:craftsman'],
    ['Tukang Jahit', 'ok:craftsman'],
    ['UMKM', 'ok:small_business_worker'],
    ['Pekerja UMKM', 'ok:small_business_worker'],
    ['Karyawan UMKM', 'ok:small_business_worker'],
    ['PRT', 'ok:household_worker'],
    ['Pembantu Rumah Tangga', 'ok:household_worker'],
    ['Pekerja Rumah Tangga', 'ok:household_worker'],
    ['Marbot', 'ok:community_service'],
    ['Marbot Masjid', 'ok:community_service'],
    ['Imam Masjid', 'ok:community_service'],
    ['Ustadz', 'ok:community_service'],
    ['Ustadz/Mubaligh', 'ok:community_service'],
    ['Guru Ngaji', 'ok:community_service'],
    ['Kader Posyandu', 'ok:community_service'],
    ['Linmas', 'ok:community_service'],
    ['Pekerja Sosial', 'ok:community_service'],
    ['Pekerja Rentan Keagamaan', 'ok:community_service'],
    ['Lainnya', 'ok:other'],
    ['Lain-lain', 'ok:other'],
    ['LAIN LAIN', 'ok:other'],
    ['Buruh Harian Lepas', 'ok:other'],
    ['  buruh   tani ', 'ok:farm_labourer'],
    // civil-registry occupations that map to informal work
    ['WIRASWASTA', 'ok:small_business_worker'],
    ['Tukang Cukur', 'ok:small_business_worker'],
    ['Sopir', 'ok:other'],
    ['Tukang Las / Pandai Besi', 'ok:construction_labourer'],
    ['Paraji', 'ok:community_service'],
    // not informal workers
    ['Pelajar/Mahasiswa', 'OCCUPATION_NOT_INFORMAL'],
    ['Mengurus Rumah Tangga', 'OCCUPATION_NOT_INFORMAL'],
    ['PNS', 'OCCUPATION_NOT_INFORMAL'],
    ['Pegawai Negeri Sipil (PNS)', 'OCCUPATION_NOT_INFORMAL'],
    ['Karyawan Swasta', 'OCCUPATION_NOT_INFORMAL'],
    ['Kepala Desa', 'OCCUPATION_NOT_INFORMAL'],
    ['Bupati', 'OCCUPATION_NOT_INFORMAL'],
    ['Dokter', 'OCCUPATION_NOT_INFORMAL'],
    // unknown
    ['Astronot', 'OCCUPATION_UNKNOWN'],
    ['20', 'OCCUPATION_UNKNOWN'],
    [20, 'OCCUPATION_UNKNOWN'],
    ['', 'OCCUPATION_REQUIRED'],
    [null, 'OCCUPATION_REQUIRED'],
  ])('%j → %s', (cell, expected) => {
    const result = parseOccupationCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });

  it('reads every code and both labels of every occupation', () => {
    for (const o of OCCUPATIONS) {
      expect(outcome(parseOccupationCell(o.code))).toBe(`ok:${o.code}`);
      expect(outcome(parseOccupationCell(o.id))).toBe(`ok:${o.code}`);
      expect(outcome(parseOccupationCell(o.en))).toBe(`ok:${o.code}`);
    }
  });

  it('points to the list in the template for an unknown occupation', () => {
    const result = parseOccupationCell('Astronot');
    expect(!result.ok && result.message).toMatch(/lihat daftar di templat/);
    expect(!result.ok && result.message).toMatch(/Astronot/);
  });
});

describe('parseIncomeCell', () => {
  it.each<[Cell, string]>([
    ['1500000', 'ok:1500000'],
    ['1.500.000', 'ok:1500000'],
    ['1,500,000', 'ok:1500000'],
    ['Rp 1.500.000', 'ok:1500000'],
    ['Rp1.500.000,00', 'ok:1500000'],
    ['Rp. 1.500.000,-', 'ok:1500000'],
    ['RP 1.500.000', 'ok:1500000'],
    ['IDR 1,500,000.00', 'ok:1500000'],
    ['1 500 000', 'ok:1500000'],
    ['1.500.000/bulan', 'ok:1500000'],
    ['Rp 1.500.000 per bulan', 'ok:1500000'],
    ['750.000', 'ok:750000'],
    ['1.500', 'ok:1500'],
    ['1,5 juta', 'ok:1500000'],
    ['2 jt', 'ok:2000000'],
    ['500rb', 'ok:500000'],
    ['500 ribu', 'ok:500000'],
    [1500000, 'ok:1500000'],
    [1500000.4, 'ok:1500000'],
    [0, 'ok:0'],
    ['0', 'ok:0'],
    ['', 'ok:null'],
    [null, 'ok:null'],
    ['-', 'ok:null'],
    ['1.5', 'INCOME_INVALID'],
    ['1,5', 'INCOME_INVALID'],
    ['1.500.000,50', 'INCOME_INVALID'],
    ['1.50.000', 'INCOME_INVALID'],
    ['-500000', 'INCOME_INVALID'],
    ['-500.000', 'INCOME_INVALID'],
    [-500000, 'INCOME_INVALID'],
    ['tidak tentu', 'INCOME_INVALID'],
    ['satu juta', 'INCOME_INVALID'],
    ['Rp', 'INCOME_INVALID'],
    [5_000_000_000, 'INCOME_INVALID'],
    [true, 'INCOME_INVALID'],
    [utc(2026, 1, 1), 'INCOME_INVALID'],
  ])('%j → %s', (cell, expected) => {
    const result = parseIncomeCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });
});

describe('parseDependantsCell', () => {
  it.each<[Cell, string]>([
    ['3', 'ok:3'],
    [' 3 ', 'ok:3'],
    ['\u00a03\t', 'ok:3'],
    ['03', 'ok:3'],
    ['3 orang', 'ok:3'],
    ['3 Orang', 'ok:3'],
    ['3orang', 'ok:3'],
    ['3 org', 'ok:3'],
    ['3 org.', 'ok:3'],
    ['4 jiwa', 'ok:4'],
    ['3.0', 'ok:3'],
    ["'3", 'ok:3'],
    ['"3"', 'ok:3'],
    ['0', 'ok:0'],
    ['30', 'ok:30'],
    [3, 'ok:3'],
    [0, 'ok:0'],
    [-0, 'ok:0'],
    [30, 'ok:30'],
    ['', 'ok:null'],
    ['   ', 'ok:null'],
    [null, 'ok:null'],
    [undefined, 'ok:null'],
    ['-', 'ok:null'],
    ['\u2014', 'ok:null'],
    [Number.NaN, 'ok:null'],
    ['tiga', 'DEPENDANTS_INVALID'],
    ['tiga orang', 'DEPENDANTS_INVALID'],
    ['-1', 'DEPENDANTS_INVALID'],
    ['- 2', 'DEPENDANTS_INVALID'],
    [-1, 'DEPENDANTS_INVALID'],
    ['3.5', 'DEPENDANTS_INVALID'],
    ['3,5', 'DEPENDANTS_INVALID'],
    [3.5, 'DEPENDANTS_INVALID'],
    ['31', 'DEPENDANTS_INVALID'],
    [31, 'DEPENDANTS_INVALID'],
    ['31+', 'DEPENDANTS_INVALID'],
    ['3+', 'DEPENDANTS_INVALID'],
    ['2-3', 'DEPENDANTS_INVALID'],
    ['1000', 'DEPENDANTS_INVALID'],
    ['3 anak 1 istri', 'DEPENDANTS_INVALID'],
    [Number.POSITIVE_INFINITY, 'DEPENDANTS_INVALID'],
    [true, 'DEPENDANTS_INVALID'],
    [utc(2026, 1, 3), 'DEPENDANTS_INVALID'],
  ])('%j → %s', (cell, expected) => {
    const result = parseDependantsCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });

  it('says in Indonesian how to write the number', () => {
    const words = parseDependantsCell('tiga');
    expect(!words.ok && words.message).toMatch(/Jumlah tanggungan.*angka/);
    const tooMany = parseDependantsCell('31');
    expect(!tooMany.ok && tooMany.message).toMatch(/paling banyak 30/);
    const negative = parseDependantsCell('-1');
    expect(!negative.ok && negative.message).toMatch(/tidak boleh negatif/);
  });
});

describe('parsePhoneCell', () => {
  it.each<[Cell, string]>([
    ['081234567890', 'ok:081234567890'],
    ['0812-3456-7890', 'ok:081234567890'],
    ['0812 3456 7890', 'ok:081234567890'],
    ['(0812) 3456.7890', 'ok:081234567890'],
    ['+6281234567890', 'ok:081234567890'],
    ['+62 812-3456-7890', 'ok:081234567890'],
    ['6281234567890', 'ok:081234567890'],
    ['006281234567890', 'ok:081234567890'],
    ["'081234567890", 'ok:081234567890'],
    ['81234567890', 'ok:081234567890'],
    [81234567890, 'ok:081234567890'],
    [6281234567890, 'ok:081234567890'],
    ['0812345678', 'ok:0812345678'],
    ['HP: 0812-3456-7890', 'ok:081234567890'],
    ['WA 081234567890', 'ok:081234567890'],
    ['0812 3456 7890 / 0878 1234 5678', 'ok:081234567890'],
    ['081234567890, 087812345678', 'ok:081234567890'],
    ['081234567890 atau 087812345678', 'ok:081234567890'],
    ['', 'ok:null'],
    [null, 'ok:null'],
    ['-', 'ok:null'],
    ['0', 'ok:null'],
    [0, 'ok:null'],
    ['8.12346E+10', 'PHONE_NOT_TEXT'],
    ['6,28123E+12', 'PHONE_NOT_TEXT'],
    ['0812345', 'PHONE_INVALID'],
    ['0812345678901234', 'PHONE_INVALID'],
    ['12345678901', 'PHONE_INVALID'],
    ['62812', 'PHONE_INVALID'],
    ['+1 555 123 4567', 'PHONE_INVALID'],
    ['0812abc7890', 'PHONE_INVALID'],
    ['tidak punya', 'PHONE_INVALID'],
    [812.5, 'PHONE_INVALID'],
    [true, 'PHONE_INVALID'],
  ])('%j → %s', (cell, expected) => {
    const result = parsePhoneCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });
});

describe('parseRtRwCell', () => {
  it.each<[Cell, string]>([
    ['1', 'ok:1'],
    ['001', 'ok:1'],
    ['010', 'ok:10'],
    ['123', 'ok:123'],
    ['0001', 'ok:1'],
    ['RT 001', 'ok:1'],
    ['RT.05', 'ok:5'],
    ['rt 5', 'ok:5'],
    ['RW 02', 'ok:2'],
    ['R.T. 3', 'ok:3'],
    ['RT No. 4', 'ok:4'],
    [1, 'ok:1'],
    [12, 'ok:12'],
    ['', 'ok:null'],
    [null, 'ok:null'],
    ['-', 'ok:null'],
    ['0', 'ok:null'],
    ['000', 'ok:null'],
    [0, 'ok:null'],
    ['1000', 'RT_RW_INVALID'],
    [1000, 'RT_RW_INVALID'],
    [1.5, 'RT_RW_INVALID'],
    ['001/002', 'RT_RW_INVALID'],
    ['satu', 'RT_RW_INVALID'],
    ['A', 'RT_RW_INVALID'],
  ])('%j → %s', (cell, expected) => {
    const result = parseRtRwCell(cell);
    expect(outcome(result)).toBe(expected);
    expectWellFormedError(result);
  });
});
