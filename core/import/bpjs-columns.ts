/**
 * The participant file BPJS Ketenagakerjaan's branch office hands the regency: which column holds what,
 * and the cells only that file has (KPJ number, programmes, membership status).
 */
import { cleanText, isEmptyCell, type Cell, type CellResult } from './cells.ts';
import { buildHeaderIndex, CENSUS_HEADER_ALIASES, matchHeaders, type HeaderMatch } from './census-columns.ts';

export const BPJS_FIELDS = [
  'kpj',
  'nik',
  'name',
  'birthDate',
  'program',
  'status',
  'membershipDate',
  'paidUntil',
  'villageCode',
  'villageName',
  'districtName',
] as const;
export type BpjsField = (typeof BPJS_FIELDS)[number];

const BPJS_HEADER_ALIASES: Record<BpjsField, readonly string[]> = {
  kpj: ['kpj', 'no kpj', 'nomor kpj', 'no kartu peserta', 'nomor kartu peserta', 'no peserta', 'nomor peserta'],
  nik: CENSUS_HEADER_ALIASES.nik,
  name: ['nama', 'nama peserta', 'nama lengkap', 'nama tenaga kerja', 'nama tk'],
  birthDate: ['tgl lahir', 'tanggal lahir', 'tgl lhr'],
  program: ['program', 'programs', 'jenis program', 'program bpjs', 'program kepesertaan'],
  status: ['status', 'status kepesertaan', 'status peserta', 'status kepesertaan aktif'],
  membershipDate: ['tgl kepesertaan', 'tanggal kepesertaan', 'tmt kepesertaan', 'tgl daftar', 'tanggal daftar', 'tmt', 'tgl terdaftar'],
  paidUntil: [
    'iuran terakhir',
    'bulan iuran terakhir',
    'blth iuran terakhir',
    'blth terakhir',
    'bayar sampai',
    'iuran sampai',
    'lunas sampai',
    'paid until',
  ],
  villageCode: CENSUS_HEADER_ALIASES.villageCode,
  villageName: CENSUS_HEADER_ALIASES.villageName,
  districtName: CENSUS_HEADER_ALIASES.districtName,
};

const BPJS_INDEX = buildHeaderIndex(BPJS_HEADER_ALIASES);
const REQUIRED: readonly BpjsField[] = ['kpj', 'name', 'program'];

/** Which column holds which BPJS field, and the required ones (kpj, name, program) no column holds. */
export function matchBpjsColumns(headers: string[]): {
  columns: HeaderMatch<BpjsField>[];
  byField: Partial<Record<BpjsField, number>>;
  missing: BpjsField[];
} {
  const { columns, byField } = matchHeaders(headers, BPJS_INDEX);
  return { columns, byField, missing: REQUIRED.filter((field) => byField[field] === undefined) };
}

// ------------------------------------------------------------------ programmes

export type BpjsProgram = 'JKK' | 'JKM' | 'JHT';

const PROGRAM_FULL_NAMES: readonly [RegExp, BpjsProgram][] = [
  [/JAMINAN\s+KECELAKAAN\s+KERJA/g, 'JKK'],
  [/JAMINAN\s+KEMATIAN/g, 'JKM'],
  [/JAMINAN\s+HARI\s+TUA/g, 'JHT'],
];
const PROGRAM_SEPARATORS = /[\s,+\-/&;.|]+/;
const PROGRAM_CODES = new Set<string>(['JKK', 'JKM', 'JHT']);
const CONJUNCTIONS = new Set(['DAN', 'AND', '']);
const PROGRAM_INVALID = 'Program tidak dikenal. Tulis JKK, JKM dan/atau JHT, misalnya "JKK, JKM".';

/** `'JKK, JKM'`, `'JKK+JKM'`, `'JKK-JKM-JHT'`, `'JKM/JKK'`, `'JKKJKM'` → deduplicated, alphabetically sorted codes. */
export function parseProgramsCell(cell: Cell): CellResult<BpjsProgram[]> {
  if (isEmptyCell(cell)) return { ok: false, code: 'PROGRAM_REQUIRED', message: 'Program wajib diisi, misalnya JKK, JKM.' };
  let text = cleanText(cell).toUpperCase();
  if (text.includes('JAMINAN')) for (const [pattern, code] of PROGRAM_FULL_NAMES) text = text.replace(pattern, code);
  const found = new Set<BpjsProgram>();
  for (const token of text.split(PROGRAM_SEPARATORS)) {
    if (CONJUNCTIONS.has(token)) continue;
    // Codes written together: "JKKJKM".
    if (token.length % 3 !== 0) return { ok: false, code: 'PROGRAM_INVALID', message: PROGRAM_INVALID };
    for (let i = 0; i < token.length; i += 3) {
      const code = token.slice(i, i + 3);
      if (!PROGRAM_CODES.has(code)) return { ok: false, code: 'PROGRAM_INVALID', message: PROGRAM_INVALID };
      found.add(code as BpjsProgram);
    }
  }
  if (found.size === 0) return { ok: false, code: 'PROGRAM_INVALID', message: PROGRAM_INVALID };
  return { ok: true, value: [...found].sort() };
}

// ------------------------------------------------------------------ status

const STATUS_NOISE = /[^A-Z]/g;
const STATUSES = new Map<string, 'active' | 'non_active'>([
  ['AKTIF', 'active'],
  ['AKTIVE', 'active'],
  ['ACTIVE', 'active'],
  ['NONAKTIF', 'non_active'],
  ['TIDAKAKTIF', 'non_active'],
  ['TDKAKTIF', 'non_active'],
  ['NA', 'non_active'],
  ['NONACTIVE', 'non_active'],
  ['INACTIVE', 'non_active'],
]);

/** AKTIF → active; NON AKTIF, NON-AKTIF, TIDAK AKTIF → non_active. */
export function parseBpjsStatusCell(cell: Cell): CellResult<'active' | 'non_active'> {
  if (isEmptyCell(cell)) return { ok: false, code: 'STATUS_REQUIRED', message: 'Status kepesertaan wajib diisi: AKTIF atau NON AKTIF.' };
  const status = STATUSES.get(cleanText(cell).toUpperCase().replace(STATUS_NOISE, ''));
  return status
    ? { ok: true, value: status }
    : { ok: false, code: 'STATUS_INVALID', message: 'Status kepesertaan tidak dikenal. Tulis AKTIF atau NON AKTIF.' };
}

// ------------------------------------------------------------------ KPJ

const KPJ_PREFIX = /^(?:no\.?\s*)?kpj\.?\s*:?\s*/i;
const KPJ_SEPARATORS = /[\s.\-'\u2010-\u2015]/g;
const KPJ_DIGITS = /^\d{8,16}$/;
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d*)?\s*e\s*\+?\s*\d+$/i;

const KPJ_REQUIRED = 'Nomor KPJ (nomor kartu peserta BPJS Ketenagakerjaan) wajib diisi.';
const KPJ_NOT_TEXT =
  'Nomor KPJ tersimpan sebagai angka, jadi angka terakhirnya bisa sudah berubah (Excel hanya menyimpan 15 angka). Ubah format kolom KPJ menjadi Teks (Text), lalu ketik ulang nomornya.';
const KPJ_FORMAT = 'Nomor KPJ harus berisi angka saja (biasanya 11 angka). Periksa kartu peserta BPJS Ketenagakerjaan.';

/** The KPJ participant number as a digit string (spaces and dashes allowed); a numeric cell of 16+ digits → KPJ_NOT_TEXT. */
export function parseKpjCell(cell: Cell): CellResult<string> {
  if (isEmptyCell(cell)) return { ok: false, code: 'KPJ_REQUIRED', message: KPJ_REQUIRED };
  if (typeof cell === 'number') {
    // Below 10^15 a number holds every digit; from 16 digits on the last ones may be lost.
    if (Math.abs(cell) >= 1e15) return { ok: false, code: 'KPJ_NOT_TEXT', message: KPJ_NOT_TEXT };
    if (!Number.isInteger(cell) || cell <= 0) return { ok: false, code: 'KPJ_FORMAT', message: KPJ_FORMAT };
  }
  const text = cleanText(cell).replace(KPJ_PREFIX, '');
  if (SCIENTIFIC.test(text)) return { ok: false, code: 'KPJ_NOT_TEXT', message: KPJ_NOT_TEXT };
  const kpj = text.replace(KPJ_SEPARATORS, '');
  return KPJ_DIGITS.test(kpj) ? { ok: true, value: kpj } : { ok: false, code: 'KPJ_FORMAT', message: KPJ_FORMAT };
}
