/**
 * Reading one spreadsheet cell of an imported file: what CSV and XLSX readers hand over, turned into the
 * value Jaring stores, or a stable code with a short Indonesian message telling a village operator what
 * to fix. Pure and browser-safe; every pattern and lookup table is built once, since files run to a
 * million rows.
 */
import { normalizeNik, parseNik } from '../nik.ts';
import { isRealDate } from '../dates.ts';
import { OCCUPATIONS, type OccupationCode } from '../occupations.ts';
import { normalizePhone } from '../workers.schema.ts';
import { findCivilOccupation, type CivilOccupation } from './civil-occupations.ts';

/** What CSV/XLSX readers hand over. */
export type Cell = string | number | boolean | Date | null | undefined;
export type CellResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
export type CellError = Extract<CellResult<unknown>, { ok: false }>;

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (code: string, message: string): CellError => ({ ok: false, code, message });

// ------------------------------------------------------------------ text

// \s covers tabs, line breaks, NBSP and the BOM; zero-width characters come along from copy and paste.
const WHITESPACE = /[\s\u200b\u200c\u200d\u2060]+/g;
const CLOSING_QUOTE: Record<string, string> = { '"': '"', "'": "'", '\u201c': '\u201d', '\u2018': '\u2019', '\u00ab': '\u00bb' };
const APOSTROPHES = new Set(["'", '\u2019', '`']);
/** What people put in a cell to say "nothing here". */
const PLACEHOLDERS = new Set(['', '-', '--', '---', '\u2013', '\u2014', 'NULL', '\\N']);

function cleanString(raw: string): string {
  let s = raw.replace(WHITESPACE, ' ').trim();
  const close = s.length >= 2 ? CLOSING_QUOTE[s[0]!] : undefined;
  if (close !== undefined && s.endsWith(close)) s = s.slice(1, -1).trim();
  // Excel's "store as text" marker, kept by some exports.
  if (s.length > 0 && APOSTROPHES.has(s[0]!)) s = s.slice(1).trimStart();
  return s;
}

/**
 * The text of a cell: '' when empty; whitespace (NBSP, tabs, line breaks) collapsed to one space, wrapping
 * quotes and a leading apostrophe (Excel's text marker) removed. Dates become YYYY-MM-DD (UTC).
 */
export function cleanText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cleanString(cell);
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return String(cell);
  return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
}

/** True for an empty cell and for placeholders that mean "nothing": `-`, `—`, `NULL`. */
export function isEmptyCell(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'string') return PLACEHOLDERS.has(cleanString(cell));
  if (typeof cell === 'number') return Number.isNaN(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime());
  return false;
}

/** A spreadsheet showed a long number in scientific form: `5.20301E+15`, `5,20301E+15`, `8.1234e10`. */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d*)?\s*e\s*\+?\s*\d+$/i;
/** A program that read the number as a float and wrote it back: `5203010107850000.0`. */
const FLOAT_WRITTEN = /^\d{10,17}[.,]0+$/;
const ALL_ZEROS = /^0+$/;
const SIXTEEN_DIGITS = /^\d{16}$/;
const OTHER_DASHES = /[\u2010-\u2015\u2212]/g;

function isNumberAsText(text: string): boolean {
  return SCIENTIFIC.test(text) || FLOAT_WRITTEN.test(text);
}

function digitsOfId(text: string): string {
  return normalizeNik(text.replace(OTHER_DASHES, '-'));
}

// ------------------------------------------------------------------ NIK and KK

const NIK_REQUIRED = 'NIK wajib diisi (16 angka dari KTP atau KK).';
const NIK_UNKNOWN = 'NIK belum diketahui (tertulis 0). Isi NIK 16 angka dari KTP atau KK.';
const NIK_NOT_TEXT =
  'NIK tersimpan sebagai angka, jadi angka terakhirnya bisa sudah berubah (Excel hanya menyimpan 15 angka). Ubah format kolom NIK menjadi Teks (Text), lalu ketik ulang NIK dari KTP atau KK.';

/** A NIK typed as text (spaces, dots or dashes between groups allowed), checked with core/nik.ts. Never guesses digits. */
export function parseNikCell(cell: Cell): CellResult<string> {
  if (isEmptyCell(cell)) return fail('NIK_REQUIRED', NIK_REQUIRED);
  // A numeric cell keeps 15 significant digits: the 16th may already be gone.
  if (typeof cell === 'number') return cell === 0 ? fail('NIK_UNKNOWN', NIK_UNKNOWN) : fail('NIK_NOT_TEXT', NIK_NOT_TEXT);
  const text = cleanText(cell);
  if (isNumberAsText(text)) return fail('NIK_NOT_TEXT', NIK_NOT_TEXT);
  const nik = digitsOfId(text);
  // OpenSID writes 0 for a resident whose NIK is not known yet.
  if (ALL_ZEROS.test(nik)) return fail('NIK_UNKNOWN', NIK_UNKNOWN);
  const result = parseNik(nik);
  return result.ok ? ok(nik) : fail(result.error.code, result.error.message);
}

const KK_NOT_TEXT =
  'Nomor KK tersimpan sebagai angka, jadi angka terakhirnya bisa sudah berubah (Excel hanya menyimpan 15 angka). Ubah format kolom No KK menjadi Teks (Text), lalu ketik ulang nomor dari kartu keluarga.';
const KK_FORMAT = 'Nomor KK harus tepat 16 angka, tanpa huruf. Periksa kartu keluarga, atau kosongkan jika tidak tahu.';

/** The family card (KK) number: 16 digits typed as text; empty or 0 → null (not known). */
export function parseFamilyCardCell(cell: Cell): CellResult<string | null> {
  if (isEmptyCell(cell)) return ok(null);
  if (typeof cell === 'number') return cell === 0 ? ok(null) : fail('KK_NOT_TEXT', KK_NOT_TEXT);
  const text = cleanText(cell);
  if (isNumberAsText(text)) return fail('KK_NOT_TEXT', KK_NOT_TEXT);
  const kk = digitsOfId(text);
  if (ALL_ZEROS.test(kk)) return ok(null);
  return SIXTEEN_DIGITS.test(kk) ? ok(kk) : fail('KK_FORMAT', KK_FORMAT);
}

// ------------------------------------------------------------------ dates

const MONTH_NAMES = new Map<string, number>();
for (const [month, names] of [
  [1, 'jan januari january'],
  [2, 'feb peb febr februari pebruari febuari february'],
  [3, 'mar mrt maret march'],
  [4, 'apr april'],
  [5, 'mei may'],
  [6, 'jun juni june'],
  [7, 'jul juli july'],
  [8, 'agu agt ags agus agust agustus aug august'],
  [9, 'sep sept september'],
  [10, 'okt oct oktober october'],
  [11, 'nov nop november nopember'],
  [12, 'des dec desember december'],
] as const) {
  for (const name of names.split(' ')) MONTH_NAMES.set(name, month);
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}
/** Why a date could not be read; each becomes a message. */
type DateProblem = 'required' | 'format' | 'two_digit_year' | 'year_only' | 'invalid' | 'year_range';

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const ISO_DATE = /^(\d{4})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{1,4})$/;
const DAY_MONTHNAME_YEAR = /^(\d{1,2})[\s\-/.,]*([a-z]+)\.?[\s\-/.,']*(\d{1,4})$/i;
const MONTHNAME_DAY_YEAR = /^([a-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(\d{4})$/i;
const EIGHT_DIGITS = /^\d{8}$/;
const TIME_OF_DAY = /(?:T|\s+)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|WIB|WITA|WIT)?$/i;
/** "Selong 01-07-1985": a place name, then the date. */
const PLACE_THEN_DATE = /^[\p{L}][\p{L}\p{M}\s.'/-]*?\s+(\d.*)$/u;

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 system is 1899-12-31, but Excel also counts a 29 February 1900 (serial 60). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_MAX_SERIAL = 2_958_465; // 9999-12-31

function checked(y: number, m: number, d: number): Ymd | DateProblem {
  if (!isRealDate(y, m, d)) return 'invalid';
  if (y < MIN_YEAR || y > MAX_YEAR) return 'year_range';
  return { y, m, d };
}

function ymdOfDate(date: Date): Ymd | DateProblem {
  if (Number.isNaN(date.getTime())) return 'format';
  return checked(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function ymdOfNumber(n: number): Ymd | DateProblem {
  if (!Number.isFinite(n) || n < 1) return 'format';
  if (Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR) return 'year_only';
  if (Number.isInteger(n) && n >= 19_000_101 && n <= 21_001_231) return ymdOfEightDigits(String(n));
  if (n > EXCEL_MAX_SERIAL) return 'format';
  const serial = Math.floor(n);
  if (serial === 60) return 'invalid'; // Excel's 29 February 1900, a day that never was
  // Serials below 60 count from 1899-12-31; from 61 on, Excel's phantom leap day shifts them by one.
  const date = new Date(EXCEL_EPOCH_MS + (serial < 60 ? serial + 1 : serial) * DAY_MS);
  return ymdOfDate(date);
}

/** 19850701 (year first, when it starts with 19 or 20) or 01071985 (day first). */
function ymdOfEightDigits(s: string): Ymd | DateProblem {
  const head = s.slice(0, 2);
  if (head === '19' || head === '20') {
    const y = Number(s.slice(0, 4));
    const m = Number(s.slice(4, 6));
    const d = Number(s.slice(6));
    if (m >= 1 && m <= 12) return checked(y, m, d);
  }
  return checked(Number(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)));
}

function dayMonthYear(dayText: string, month: number, yearText: string): Ymd | DateProblem {
  if (yearText.length === 2) return 'two_digit_year';
  if (yearText.length !== 4) return 'format';
  return checked(Number(yearText), month, Number(dayText));
}

/** The date in one piece of text, without a place in front. */
function ymdOfPlainText(text: string): Ymd | DateProblem {
  const s = text.replace(TIME_OF_DAY, '');
  let match = ISO_DATE.exec(s);
  if (match) return checked(Number(match[1]), Number(match[2]), Number(match[3]));
  match = DAY_FIRST.exec(s);
  if (match) return dayMonthYear(match[1]!, Number(match[2]), match[3]!);
  match = DAY_MONTHNAME_YEAR.exec(s);
  if (match) {
    const month = MONTH_NAMES.get(match[2]!.toLowerCase());
    return month === undefined ? 'format' : dayMonthYear(match[1]!, month, match[3]!);
  }
  match = MONTHNAME_DAY_YEAR.exec(s);
  if (match) {
    const month = MONTH_NAMES.get(match[1]!.toLowerCase());
    return month === undefined ? 'format' : dayMonthYear(match[2]!, month, match[3]!);
  }
  if (EIGHT_DIGITS.test(s)) return ymdOfEightDigits(s);
  return 'format';
}

/** The date in a text cell, also from a "TTL" cell: "Selong, 01-07-1985" or "Selong 1 Juli 1985". */
function ymdOfText(text: string): Ymd | DateProblem {
  const whole = ymdOfPlainText(text);
  if (whole !== 'format') return whole;
  const comma = text.lastIndexOf(',');
  if (comma >= 0) {
    const afterComma = ymdOfPlainText(text.slice(comma + 1).trim());
    if (afterComma !== 'format') return afterComma;
  }
  const placed = PLACE_THEN_DATE.exec(text);
  return placed ? ymdOfPlainText(placed[1]!) : 'format';
}

function ymdOfCell(cell: Cell): Ymd | DateProblem {
  if (isEmptyCell(cell)) return 'required';
  if (cell instanceof Date) return ymdOfDate(cell);
  if (typeof cell === 'number') return ymdOfNumber(cell);
  if (typeof cell === 'boolean') return 'format';
  return ymdOfText(cleanText(cell));
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

const DATE_MESSAGES: Record<DateProblem, string> = {
  required: 'Tanggal wajib diisi, misalnya 1985-07-01 atau 01/07/1985.',
  format: 'Tanggal tidak terbaca. Tulis seperti 1985-07-01 atau 01/07/1985 (tanggal/bulan/tahun).',
  two_digit_year: 'Tahun harus ditulis 4 angka (1985, bukan 85), misalnya 01/07/1985.',
  year_only: 'Tanggal hanya berisi tahun. Tulis tanggal lengkap, misalnya 1985-07-01 atau 01/07/1985.',
  invalid: 'Tanggal ini tidak ada di kalender (misalnya 31/02 atau 29/02 pada tahun bukan kabisat). Periksa tanggal dan bulannya.',
  year_range: `Tahun di luar ${MIN_YEAR}–${MAX_YEAR}. Periksa tahunnya.`,
};
const DATE_CODES: Record<DateProblem, string> = {
  required: 'DATE_REQUIRED',
  format: 'DATE_FORMAT',
  two_digit_year: 'DATE_FORMAT',
  year_only: 'DATE_FORMAT',
  invalid: 'DATE_INVALID',
  year_range: 'DATE_INVALID',
};

/**
 * A date → YYYY-MM-DD. Reads XLSX date cells (UTC), Excel serial numbers (1900 system), ISO text and
 * day-first text (`01/07/1985`, `1-7-1985`, `01.07.1985`, `1 Juli 1985`, `1-Jul-1985`), and the date
 * part of a "tempat, tanggal lahir" cell. Two-digit years are refused: the century is a guess.
 */
export function parseDateCell(cell: Cell): CellResult<string> {
  const ymd = ymdOfCell(cell);
  if (typeof ymd === 'string') return fail(DATE_CODES[ymd], DATE_MESSAGES[ymd]);
  return ok(`${ymd.y}-${pad2(ymd.m)}-${pad2(ymd.d)}`);
}

// ------------------------------------------------------------------ months

const YEAR_MONTH = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/;
const SIX_DIGITS = /^\d{6}$/;
const MONTHNAME_YEAR = /^([a-z]+)\.?[\s\-/.,']*(\d{4}|\d{2})$/i;

type MonthProblem = 'required' | 'format' | 'invalid';
interface Ym {
  y: number;
  m: number;
}

function checkedMonth(y: number, m: number): Ym | MonthProblem {
  return m >= 1 && m <= 12 && y >= MIN_YEAR && y <= MAX_YEAR ? { y, m } : 'invalid';
}

function monthOfDateProblem(p: DateProblem): MonthProblem {
  return p === 'required' ? 'required' : p === 'invalid' || p === 'year_range' ? 'invalid' : 'format';
}

/** 202610 (year first, when it starts with 19 or 20) or 102026 (BPJS "BLTH", month first). */
function ymOfSixDigits(s: string): Ym | MonthProblem {
  const head = s.slice(0, 2);
  if (head === '19' || head === '20') return checkedMonth(Number(s.slice(0, 4)), Number(s.slice(4)));
  return checkedMonth(Number(s.slice(2)), Number(s.slice(0, 2)));
}

function ymOfCell(cell: Cell): Ym | MonthProblem {
  if (isEmptyCell(cell)) return 'required';
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 190_001 && cell <= 210_012) return ymOfSixDigits(String(cell));
  if (typeof cell === 'string') {
    const s = cleanString(cell);
    let match = YEAR_MONTH.exec(s);
    if (match) return checkedMonth(Number(match[1]), Number(match[2]));
    match = MONTH_YEAR.exec(s);
    if (match) return checkedMonth(Number(match[2]), Number(match[1]));
    if (SIX_DIGITS.test(s)) return ymOfSixDigits(s);
    match = MONTHNAME_YEAR.exec(s);
    if (match) {
      const month = MONTH_NAMES.get(match[1]!.toLowerCase());
      if (month === undefined) return 'format';
      // Paid-until months are in this century: "Okt-26", Excel's mmm-yy display, is October 2026.
      const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
      return checkedMonth(year, month);
    }
  }
  const ymd = ymdOfCell(cell);
  return typeof ymd === 'string' ? monthOfDateProblem(ymd) : { y: ymd.y, m: ymd.m };
}

const MONTH_MESSAGES: Record<MonthProblem, string> = {
  required: 'Bulan wajib diisi, misalnya 2026-10 atau Oktober 2026.',
  format: 'Bulan tidak terbaca. Tulis bulan dan tahun, misalnya 2026-10, 10/2026 atau Oktober 2026.',
  invalid: `Bulan tidak ada (bulan harus 1–12, tahun ${MIN_YEAR}–${MAX_YEAR}). Periksa kembali, misalnya 2026-10.`,
};
const MONTH_CODES: Record<MonthProblem, string> = { required: 'MONTH_REQUIRED', format: 'MONTH_FORMAT', invalid: 'MONTH_INVALID' };

/** A month → YYYY-MM: `2026-10`, `10/2026`, `Oktober 2026`, `Okt 2026`, `102026`, or any date (its month). */
export function parseMonthCell(cell: Cell): CellResult<string> {
  const ym = ymOfCell(cell);
  if (typeof ym === 'string') return fail(MONTH_CODES[ym], MONTH_MESSAGES[ym]);
  return ok(`${ym.y}-${pad2(ym.m)}`);
}

// ------------------------------------------------------------------ sex

const SEX_NOISE = /[\s.\-_/]+/g;
const SEXES = new Map<string, 'M' | 'F'>();
for (const key of ['L', 'LK', 'LAKILAKI', 'LAKI', 'LAKI2', 'LELAKI', 'PRIA', 'M', 'MALE', '1', 'COWOK']) SEXES.set(key, 'M');
for (const key of ['P', 'PR', 'PEREMPUAN', 'WANITA', 'W', 'F', 'FEMALE', '2', 'CEWEK']) SEXES.set(key, 'F');

/** L/P and the usual spellings (Laki-laki, Pria, Perempuan, Wanita, M/F, 1/2) → 'M' | 'F'. */
export function parseSexCell(cell: Cell): CellResult<'M' | 'F'> {
  if (isEmptyCell(cell)) return fail('SEX_REQUIRED', 'Jenis kelamin wajib diisi: L (laki-laki) atau P (perempuan).');
  const sex = SEXES.get(cleanText(cell).toUpperCase().replace(SEX_NOISE, ''));
  return sex ? ok(sex) : fail('SEX_INVALID', 'Jenis kelamin tidak dikenal. Tulis L untuk laki-laki atau P untuk perempuan.');
}

// ------------------------------------------------------------------ occupation

const NOT_LETTER_OR_DIGIT = /[^a-z0-9]+/g;
const ONLY_DIGITS = /^\d+$/;
const occupationKey = (text: string) => text.toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');

const OCCUPATION_SYNONYMS: Record<OccupationCode, readonly string[]> = {
  farm_labourer: ['Buruh Tani', 'Buruh Tani/Perkebunan', 'Buruh Kebun', 'Buruh Perkebunan', 'Farm laborer'],
  farmer: ['Petani', 'Petani/Pekebun', 'Pekebun', 'Petani Tembakau'],
  fisher: ['Nelayan', 'Nelayan/Perikanan', 'Buruh Nelayan', 'Buruh Nelayan/Perikanan', 'Pembudidaya Ikan', 'Fisherman'],
  livestock: ['Peternak', 'Buruh Peternakan', 'Buruh Ternak'],
  trader: ['Pedagang', 'Perdagangan', 'Dagang'],
  street_vendor: ['PKL', 'Pedagang Kaki Lima', 'Pedagang Keliling'],
  motorcycle_taxi: ['Ojek', 'Tukang Ojek', 'Ojol', 'Ojek Online', 'Ojek Pangkalan'],
  construction_labourer: ['Buruh Bangunan', 'Tukang Batu', 'Tukang Kayu', 'Kuli Bangunan', 'Konstruksi', 'Tukang Bangunan', 'Construction laborer'],
  craftsman: ['Pengrajin', 'Perajin', 'Penenun', 'Tukang Jahit', 'Penjahit'],
  small_business_worker: ['UMKM', 'Pekerja UMKM', 'Karyawan UMKM'],
  household_worker: ['PRT', 'Pembantu Rumah Tangga', 'Pekerja Rumah Tangga', 'Asisten Rumah Tangga'],
  community_service: [
    'Marbot',
    'Marbot Masjid',
    'Imam Masjid',
    'Ustadz',
    'Ustadz/Mubaligh',
    'Guru Ngaji',
    'Kader Posyandu',
    'Linmas',
    'Pekerja Sosial',
    'Pekerja Sosial Kemasyarakatan',
    'Pekerja Rentan Keagamaan',
  ],
  government_non_asn: ['Honorer', 'Tenaga Honorer', 'PPNPN', 'Pegawai Non ASN', 'Non ASN', 'Tenaga Kontrak Pemerintah'],
  election_worker: ['KPPS', 'PPS', 'PPK', 'Pantarlih', 'Petugas Pemilu', 'Pengawas TPS', 'Petugas KPPS'],
  other: ['Lainnya', 'Lain-lain', 'Buruh Harian Lepas'],
};

const OCCUPATION_BY_KEY = new Map<string, OccupationCode>();
for (const o of OCCUPATIONS) {
  for (const name of [o.code, o.id, o.en, ...OCCUPATION_SYNONYMS[o.code]]) {
    const key = occupationKey(name);
    const existing = OCCUPATION_BY_KEY.get(key);
    if (existing && existing !== o.code) throw new Error(`occupation synonym ${name} names both ${existing} and ${o.code}`);
    OCCUPATION_BY_KEY.set(key, o.code);
  }
}

const NOT_INFORMAL_REASON: Record<Exclude<CivilOccupation['reason'], 'informal'>, string> = {
  not_working: 'belum/tidak bekerja, sekolah, pensiun atau mengurus rumah tangga bukan pekerjaan informal',
  wage_or_civil_servant: 'pekerja penerima upah didaftarkan BPJS oleh pemberi kerjanya',
  public_office: 'pejabat negara bukan pekerja informal',
  professional: 'tenaga profesional bukan pekerja informal yang didata di sini',
};

const quoted = (text: string) => `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;

/**
 * Jaring's occupation from its code, its Indonesian or English label, a common synonym, or a civil
 * registry occupation that maps to an informal one (`Wiraswasta`, `Tukang Cukur`). Case and punctuation
 * do not matter. Civil occupations of non-informal workers (PNS, Pelajar/Mahasiswa) → OCCUPATION_NOT_INFORMAL.
 */
export function parseOccupationCell(cell: Cell): CellResult<OccupationCode> {
  if (isEmptyCell(cell)) return fail('OCCUPATION_REQUIRED', 'Pekerjaan wajib diisi (lihat daftar di templat).');
  const text = cleanText(cell);
  const code = OCCUPATION_BY_KEY.get(occupationKey(text));
  if (code) return ok(code);
  // Numbers are not looked up as civil-registry ids: a census file has no such numbering.
  const civil = ONLY_DIGITS.test(text) ? undefined : findCivilOccupation(text);
  if (civil?.occupation) return ok(civil.occupation);
  if (civil) {
    return fail(
      'OCCUPATION_NOT_INFORMAL',
      `Pekerjaan ${quoted(civil.label)} tidak didata: ${NOT_INFORMAL_REASON[civil.reason as keyof typeof NOT_INFORMAL_REASON]}. Hapus baris ini, atau jika orang ini juga bekerja informal, tulis pekerjaan itu (lihat daftar di templat).`,
    );
  }
  return fail(
    'OCCUPATION_UNKNOWN',
    `Pekerjaan ${quoted(text)} tidak dikenal. Tulis salah satu pekerjaan yang ada (lihat daftar di templat), misalnya Buruh tani, Petani atau Nelayan.`,
  );
}

// ------------------------------------------------------------------ income

const CURRENCY = /^(?:rp|idr)\.?/;
const PER_MONTH = /(?:\/|per|se)(?:bulan|bln|bl)$/;
const DASH_ENDING = /[.,]-+$|-+$/;
const INCOME_ID = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/; // 1.500.000,00
const INCOME_EN = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/; // 1,500,000.00
const INCOME_SHORT = /^(\d+(?:[.,]\d+)?)(juta|jt|ribu|rb|rbu|k)$/; // 1,5 juta, 500rb
const SHORT_FACTOR: Record<string, number> = { juta: 1_000_000, jt: 1_000_000, ribu: 1_000, rb: 1_000, rbu: 1_000, k: 1_000 };
const THOUSANDS_SEPARATORS = /[.,]/g;
const SPACES = /\s+/g;
const MAX_INCOME = 1_000_000_000;

const INCOME_FORMAT = 'Penghasilan per bulan tidak terbaca. Tulis angka Rupiah, misalnya 1500000 atau 1.500.000.';
const INCOME_CENTS = 'Tulis penghasilan dalam Rupiah utuh tanpa sen, misalnya 1500000 atau 1.500.000.';
const INCOME_NEGATIVE = 'Penghasilan tidak boleh negatif.';
const INCOME_TOO_LARGE = 'Penghasilan per bulan terlalu besar; periksa jumlah nol.';

function income(value: number): CellResult<number | null> {
  if (value < 0) return fail('INCOME_INVALID', INCOME_NEGATIVE);
  if (value > MAX_INCOME) return fail('INCOME_INVALID', INCOME_TOO_LARGE);
  return ok(value);
}

/** Monthly income in whole Rupiah: `1500000`, `1.500.000`, `1,500,000`, `Rp1.500.000,00`, `1,5 juta`; empty → null. */
export function parseIncomeCell(cell: Cell): CellResult<number | null> {
  if (isEmptyCell(cell)) return ok(null);
  // Spreadsheets compute in floating point: a numeric cell is rounded to whole Rupiah.
  if (typeof cell === 'number') return Number.isFinite(cell) ? income(Math.round(cell)) : fail('INCOME_INVALID', INCOME_FORMAT);
  if (typeof cell !== 'string') return fail('INCOME_INVALID', INCOME_FORMAT);
  let s = cleanString(cell).toLowerCase().replace(SPACES, '');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  s = s.replace(CURRENCY, '').replace(PER_MONTH, '').replace(DASH_ENDING, '');
  let value: number | undefined;
  let match = INCOME_ID.exec(s) ?? INCOME_EN.exec(s);
  if (match) {
    if (match[2] && Number(match[2]) !== 0) return fail('INCOME_INVALID', INCOME_CENTS);
    value = Number(match[1]!.replace(THOUSANDS_SEPARATORS, ''));
  } else if ((match = INCOME_SHORT.exec(s))) {
    value = Math.round(Number(match[1]!.replace(',', '.')) * SHORT_FACTOR[match[2]!]!);
  }
  if (value === undefined) return fail('INCOME_INVALID', INCOME_FORMAT);
  return negative && value > 0 ? fail('INCOME_INVALID', INCOME_NEGATIVE) : income(value);
}

// ------------------------------------------------------------------ dependants

/** A count of people, with an optional unit: `3`, `03`, `3 orang`, `3 org`, `3 jiwa`; `3.0` as a float export writes it. */
const PEOPLE_COUNT = /^(\d{1,3})(?:[.,]0+)?\s*(?:orang|org\.?|jiwa)?$/i;
const NEGATIVE_COUNT = /^-\s*\d/;
export const MAX_DEPENDANTS = 30;

const DEPENDANTS_FORMAT = 'Jumlah tanggungan ditulis sebagai angka bulat, misalnya 3 (bukan "tiga"). Kosongkan jika tidak tahu.';
const DEPENDANTS_NEGATIVE = 'Jumlah tanggungan tidak boleh negatif.';
const DEPENDANTS_TOO_MANY = `Jumlah tanggungan paling banyak ${MAX_DEPENDANTS}; periksa lagi.`;

function dependants(value: number): CellResult<number | null> {
  if (value < 0) return fail('DEPENDANTS_INVALID', DEPENDANTS_NEGATIVE);
  if (value > MAX_DEPENDANTS) return fail('DEPENDANTS_INVALID', DEPENDANTS_TOO_MANY);
  return ok(value + 0); // -0 → 0
}

/**
 * Jumlah tanggungan, the people a worker provides for: a whole number 0–30 (`3`, `3 orang`, an Excel
 * number 3); empty → null (not known; an import never erases a stored value with it). Words ("tiga"),
 * fractions and open ranges ("31+") are refused rather than guessed.
 */
export function parseDependantsCell(cell: Cell): CellResult<number | null> {
  if (isEmptyCell(cell)) return ok(null);
  if (typeof cell === 'number') return Number.isInteger(cell) ? dependants(cell) : fail('DEPENDANTS_INVALID', DEPENDANTS_FORMAT);
  if (typeof cell !== 'string') return fail('DEPENDANTS_INVALID', DEPENDANTS_FORMAT);
  const text = cleanString(cell);
  if (NEGATIVE_COUNT.test(text)) return fail('DEPENDANTS_INVALID', DEPENDANTS_NEGATIVE);
  const match = PEOPLE_COUNT.exec(text);
  return match ? dependants(Number(match[1])) : fail('DEPENDANTS_INVALID', DEPENDANTS_FORMAT);
}

// ------------------------------------------------------------------ phone

const PHONE_LABEL = /^(?:no\.?\s*)?(?:hp|wa|telepon|telp|tel)\.?\s*:?\s*/i;
const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;
const NOT_DIGIT = /\D/g;
const PHONE = /^0\d{8,13}$/;
/** Several numbers in one cell: "0812… / 0878…", "0812…, 0878…", "0812… atau 0878…". */
const PHONE_LIST_SEPARATOR = /[,;/]|\s+(?:atau|dan)\s+/i;

const PHONE_INVALID = 'Nomor HP tidak valid. Tulis seperti 081234567890 atau +6281234567890.';
const PHONE_NOT_TEXT =
  'Nomor HP tersimpan sebagai angka dan terpotong (misalnya 8,12E+10). Ubah format kolom No HP menjadi Teks (Text), lalu ketik ulang nomornya.';

function phoneOfDigits(raw: string): CellResult<string | null> {
  let phone = normalizePhone(raw);
  if (phone.startsWith('0062')) phone = `0${phone.slice(4)}`;
  // The leading zero dropped by a numeric cell or a CSV round trip: 81234567890.
  if (phone.startsWith('8')) phone = `0${phone}`;
  return PHONE.test(phone) ? ok(phone) : fail('PHONE_INVALID', PHONE_INVALID);
}

/**
 * A mobile number → `08…`: +62/62 become 0, a lost leading zero is put back, the first of several numbers
 * is kept; empty or 0 → null.
 */
export function parsePhoneCell(cell: Cell): CellResult<string | null> {
  if (isEmptyCell(cell) || cell === 0) return ok(null);
  if (typeof cell === 'number') return Number.isInteger(cell) && cell > 0 ? phoneOfDigits(String(cell)) : fail('PHONE_INVALID', PHONE_INVALID);
  if (typeof cell !== 'string') return fail('PHONE_INVALID', PHONE_INVALID);
  const text = cleanString(cell).replace(PHONE_LABEL, '');
  if (isNumberAsText(text)) return fail('PHONE_NOT_TEXT', PHONE_NOT_TEXT);
  const first = text.split(PHONE_LIST_SEPARATOR).find((part) => part.trim() !== '') ?? '';
  if (!PHONE_CHARACTERS.test(first)) return fail('PHONE_INVALID', PHONE_INVALID);
  const digits = (first.trimStart().startsWith('+') ? '+' : '') + first.replace(NOT_DIGIT, '');
  if (ALL_ZEROS.test(digits)) return ok(null);
  return phoneOfDigits(digits);
}

// ------------------------------------------------------------------ RT / RW

const RT_RW = /^(?:r\.?\s*[tw]\.?)?\s*(?:no\.?)?\s*(\d+)\.?$/i;
const LEADING_ZEROS = /^0+/;
const RT_RW_INVALID = 'RT/RW ditulis dengan angka, paling banyak 3 angka, misalnya 1 atau 001.';

/** An RT or RW number without leading zeros (`'001'` → `'1'`, `'RT 05'` → `'5'`); empty or 0 → null. */
export function parseRtRwCell(cell: Cell): CellResult<string | null> {
  if (isEmptyCell(cell)) return ok(null);
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 0 || cell > 999) return fail('RT_RW_INVALID', RT_RW_INVALID);
    return ok(cell === 0 ? null : String(cell));
  }
  if (typeof cell !== 'string') return fail('RT_RW_INVALID', RT_RW_INVALID);
  const match = RT_RW.exec(cleanString(cell));
  if (!match) return fail('RT_RW_INVALID', RT_RW_INVALID);
  const number = match[1]!.replace(LEADING_ZEROS, '');
  if (number === '') return ok(null);
  return number.length <= 3 ? ok(number) : fail('RT_RW_INVALID', RT_RW_INVALID);
}
