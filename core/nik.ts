/**
 * NIK (Nomor Induk Kependudukan) rules, shared by server, web and the offline app.
 * Layout: PPRRDD DDMMYY SSSS — province, regency, district of first registration,
 * birth date (day + 40 for women), serial from 0001. See shared/domain.md.
 */
import { isRealDate } from './dates.ts';

export type NikErrorCode = 'NIK_FORMAT' | 'NIK_INVALID_DATE' | 'NIK_INVALID_SERIAL' | 'NIK_UNKNOWN_PROVINCE';
export type NikWarningCode = 'NIK_UNKNOWN_DISTRICT';

export interface NikInfo {
  provinceCode: string;
  regencyCode: string;
  /** District of first registration, not necessarily where the person lives now. */
  districtCode: string;
  sex: 'M' | 'F';
  day: number;
  month: number;
  /** Two-digit year; the century is not in the NIK. */
  yy: number;
  serial: string;
}

export interface NikProblem<C extends string> {
  code: C;
  message: string;
}

export type NikResult =
  | { ok: true; info: NikInfo; warnings: NikProblem<NikWarningCode>[] }
  | { ok: false; error: NikProblem<NikErrorCode> };

export interface NikRegionLookup {
  isKnownProvince?: (code: string) => boolean;
  isKnownDistrict?: (code: string) => boolean;
}

/** Removes what people type around a NIK: spaces, dots, dashes, a leading apostrophe from spreadsheets. */
export function normalizeNik(raw: string): string {
  return raw.replace(/[\s.\-']/g, '');
}

/** Checks a NIK and reads what it encodes. Unknown districts warn, never reject (regions split and get new codes). */
export function parseNik(nik: string, regions: NikRegionLookup = {}): NikResult {
  if (!/^\d{16}$/.test(nik)) {
    return fail('NIK_FORMAT', 'NIK harus tepat 16 angka, tanpa huruf atau spasi. Periksa kembali KTP atau KK.');
  }
  const provinceCode = nik.slice(0, 2);
  const regencyCode = `${provinceCode}.${nik.slice(2, 4)}`;
  const districtCode = `${regencyCode}.${nik.slice(4, 6)}`;
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12);

  if (regions.isKnownProvince && !regions.isKnownProvince(provinceCode)) {
    return fail('NIK_UNKNOWN_PROVINCE', `Kode provinsi NIK (2 angka pertama: ${provinceCode}) tidak dikenal. Periksa kembali NIK pada KTP.`);
  }
  const isFemale = rawDay >= 41 && rawDay <= 71;
  const day = isFemale ? rawDay - 40 : rawDay;
  const dateOk =
    ((rawDay >= 1 && rawDay <= 31) || isFemale) &&
    month >= 1 &&
    month <= 12 &&
    // The century is unknown, so accept a date that exists in either candidate century (29 Feb 00).
    (isRealDate(1900 + yy, month, day) || isRealDate(2000 + yy, month, day));
  if (!dateOk) {
    return fail(
      'NIK_INVALID_DATE',
      'Angka tanggal lahir di dalam NIK (angka ke-7 sampai ke-12, format TTBBTT; perempuan: tanggal + 40) bukan tanggal yang benar. Periksa kembali NIK pada KTP.',
    );
  }
  if (serial === '0000') {
    return fail('NIK_INVALID_SERIAL', 'Nomor urut NIK (4 angka terakhir) tidak boleh 0000. Periksa kembali NIK pada KTP.');
  }
  const warnings: NikProblem<NikWarningCode>[] = [];
  if (regions.isKnownDistrict && !regions.isKnownDistrict(districtCode)) {
    warnings.push({
      code: 'NIK_UNKNOWN_DISTRICT',
      message: `Kode kecamatan pada NIK (${districtCode}) tidak ada di daftar wilayah saat ini, mungkin kode lama atau wilayah pemekaran. Data tetap disimpan; pastikan NIK sudah benar.`,
    });
  }
  return { ok: true, info: { provinceCode, regencyCode, districtCode, sex: isFemale ? 'F' : 'M', day, month, yy, serial }, warnings };
}

/**
 * The birth date a NIK encodes, as YYYY-MM-DD. The century comes from the declared birth year when
 * known, otherwise it is the most recent century that puts the date on or before `today`.
 */
export function birthDateFromNik(info: NikInfo, today: string): string {
  const mmdd = `${pad(info.month)}-${pad(info.day)}`;
  const recent = `${2000 + info.yy}-${mmdd}`;
  const year = recent <= today && isRealDate(2000 + info.yy, info.month, info.day) ? 2000 + info.yy : 1900 + info.yy;
  return `${year}-${mmdd}`;
}

/** True when a declared YYYY-MM-DD birth date agrees with the day, month and two-digit year in the NIK. */
export function birthDateMatchesNik(info: NikInfo, birthDate: string): boolean {
  const [y, m, d] = birthDate.split('-').map(Number);
  return y !== undefined && y % 100 === info.yy && m === info.month && d === info.day;
}

/** `5203014107850001` → `520301******0001`: region and serial stay readable, the birth date does not. */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 6)}******${nik.slice(12)}` : '****************';
}

/** DD-MM-YY as printed in the NIK, for messages. */
export function nikDateLabel(info: NikInfo): string {
  return `${pad(info.day)}-${pad(info.month)}-${pad(info.yy)}`;
}

function fail(code: NikErrorCode, message: string): NikResult {
  return { ok: false, error: { code, message } };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
