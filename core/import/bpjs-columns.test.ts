import { describe, expect, it } from 'vitest';
import type { Cell, CellResult } from './cells.ts';
import { matchBpjsColumns, parseBpjsStatusCell, parseKpjCell, parseProgramsCell, type BpjsField } from './bpjs-columns.ts';

function outcome<T>(result: CellResult<T>): string {
  if (!result.ok) {
    expect(result.code).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/);
    expect(result.message.length).toBeGreaterThan(10);
    return result.code;
  }
  return `ok:${Array.isArray(result.value) ? result.value.join(',') : String(result.value)}`;
}

describe('matchBpjsColumns', () => {
  it.each<[string, BpjsField | null]>([
    ['KPJ', 'kpj'],
    ['No KPJ', 'kpj'],
    ['No. KPJ', 'kpj'],
    ['Nomor KPJ', 'kpj'],
    ['No Kartu Peserta', 'kpj'],
    ['No Peserta', 'kpj'],
    ['Nomor Peserta', 'kpj'],
    ['NIK', 'nik'],
    ['No. KTP', 'nik'],
    ['Nama', 'name'],
    ['Nama Peserta', 'name'],
    ['NAMA LENGKAP', 'name'],
    ['Tgl Lahir', 'birthDate'],
    ['Tanggal Lahir', 'birthDate'],
    ['Program', 'program'],
    ['Programs', 'program'],
    ['Jenis Program', 'program'],
    ['Status', 'status'],
    ['Status Kepesertaan', 'status'],
    ['Status Peserta', 'status'],
    ['Tgl Kepesertaan', 'membershipDate'],
    ['Tanggal Kepesertaan', 'membershipDate'],
    ['TMT Kepesertaan', 'membershipDate'],
    ['Tgl Daftar', 'membershipDate'],
    ['Tanggal Daftar', 'membershipDate'],
    ['TMT', 'membershipDate'],
    ['Iuran Terakhir', 'paidUntil'],
    ['Bulan Iuran Terakhir', 'paidUntil'],
    ['BLTH Iuran Terakhir', 'paidUntil'],
    ['Bayar Sampai', 'paidUntil'],
    ['Paid until', 'paidUntil'],
    ['Lunas Sampai', 'paidUntil'],
    ['Kode Desa', 'villageCode'],
    ['Desa', 'villageName'],
    ['Kelurahan', 'villageName'],
    ['Kecamatan', 'districtName'],
    ['No', null],
    ['Pekerjaan', null],
  ])('%j → %s', (header, field) => {
    expect(matchBpjsColumns([header]).columns[0]).toEqual({ index: 0, header, field });
  });

  it.each<[string[], BpjsField[]]>([
    [['No', 'KPJ', 'NIK', 'Nama', 'Program', 'Status', 'Iuran Terakhir'], []],
    [['KPJ', 'Nama'], ['program']],
    [['NIK', 'Nama', 'Program'], ['kpj']],
    [[], ['kpj', 'name', 'program']],
  ])('required fields missing from %j → %j', (headers, missing) => {
    expect(matchBpjsColumns(headers).missing).toEqual(missing);
  });

  it('indexes each field at its first column', () => {
    expect(matchBpjsColumns(['No', 'KPJ', 'Nama', 'Program', 'No Peserta']).byField).toEqual({ kpj: 1, name: 2, program: 3 });
  });
});

describe('parseProgramsCell', () => {
  it.each<[Cell, string]>([
    ['JKK', 'ok:JKK'],
    ['jkk', 'ok:JKK'],
    ['JKK, JKM', 'ok:JKK,JKM'],
    ['JKK+JKM', 'ok:JKK,JKM'],
    ['JKK + JKM', 'ok:JKK,JKM'],
    ['JKK-JKM-JHT', 'ok:JHT,JKK,JKM'],
    ['JKK JKM', 'ok:JKK,JKM'],
    ['JKM/JKK', 'ok:JKK,JKM'],
    ['JKK & JKM', 'ok:JKK,JKM'],
    ['JKK dan JKM', 'ok:JKK,JKM'],
    ['JKK;JKM;JKM', 'ok:JKK,JKM'],
    ['JKKJKM', 'ok:JKK,JKM'],
    ['JHT', 'ok:JHT'],
    ['Jaminan Kecelakaan Kerja, Jaminan Kematian', 'ok:JKK,JKM'],
    ['JKK, JKM, JP', 'PROGRAM_INVALID'],
    ['JKN', 'PROGRAM_INVALID'],
    ['BPU', 'PROGRAM_INVALID'],
    ['dan', 'PROGRAM_INVALID'],
    ['', 'PROGRAM_REQUIRED'],
    [null, 'PROGRAM_REQUIRED'],
  ])('%j → %s', (cell, expected) => {
    expect(outcome(parseProgramsCell(cell))).toBe(expected);
  });
});

describe('parseBpjsStatusCell', () => {
  it.each<[Cell, string]>([
    ['AKTIF', 'ok:active'],
    ['Aktif', 'ok:active'],
    [' aktif ', 'ok:active'],
    ['Active', 'ok:active'],
    ['NON AKTIF', 'ok:non_active'],
    ['NONAKTIF', 'ok:non_active'],
    ['NON-AKTIF', 'ok:non_active'],
    ['Non Aktif', 'ok:non_active'],
    ['TIDAK AKTIF', 'ok:non_active'],
    ['TIDAKAKTIF', 'ok:non_active'],
    ['Tdk Aktif', 'ok:non_active'],
    ['Inactive', 'ok:non_active'],
    ['MENUNGGAK', 'STATUS_INVALID'],
    ['1', 'STATUS_INVALID'],
    ['', 'STATUS_REQUIRED'],
    [null, 'STATUS_REQUIRED'],
  ])('%j → %s', (cell, expected) => {
    expect(outcome(parseBpjsStatusCell(cell))).toBe(expected);
  });
});

describe('parseKpjCell', () => {
  it.each<[Cell, string]>([
    ['22012345678', 'ok:22012345678'],
    ['220 1234 5678', 'ok:22012345678'],
    ['220-1234-5678', 'ok:22012345678'],
    ["'22012345678", 'ok:22012345678'],
    ['KPJ 22012345678', 'ok:22012345678'],
    ['No. KPJ: 22012345678', 'ok:22012345678'],
    [22012345678, 'ok:22012345678'],
    ['12345678', 'ok:12345678'],
    ['1234567890123456', 'ok:1234567890123456'],
    [1234567890123456, 'KPJ_NOT_TEXT'],
    [5203010107850001, 'KPJ_NOT_TEXT'],
    ['2.20123E+10', 'KPJ_NOT_TEXT'],
    ['2,20123E+10', 'KPJ_NOT_TEXT'],
    ['1234567', 'KPJ_FORMAT'],
    ['12345678901234567', 'KPJ_FORMAT'],
    ['22012A45678', 'KPJ_FORMAT'],
    [220123.5, 'KPJ_FORMAT'],
    [-22012345678, 'KPJ_FORMAT'],
    ['', 'KPJ_REQUIRED'],
    [null, 'KPJ_REQUIRED'],
    ['-', 'KPJ_REQUIRED'],
  ])('%j → %s', (cell, expected) => {
    expect(outcome(parseKpjCell(cell))).toBe(expected);
  });
});
