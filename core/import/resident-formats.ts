/**
 * Resident lists villages already have: OpenSID's resident spreadsheet and the civil registry's SIAK
 * export (shared/domain.md, "Data villages already have"), told apart from a census file or a BPJS
 * participant file by their headers.
 */
import { cleanText, type Cell } from './cells.ts';
import { normaliseHeader } from './census-columns.ts';

export type FileLayout = 'census' | 'opensid' | 'siak' | 'bpjs';

/** OpenSID's resident spreadsheet columns, in order (its import reads data by position). */
export const OPENSID_COLUMNS: readonly string[] = [
  'alamat',
  'dusun',
  'rw',
  'rt',
  'nama',
  'no_kk',
  'nik',
  'sex',
  'tempatlahir',
  'tanggallahir',
  'agama_id',
  'pendidikan_kk_id',
  'pendidikan_sedang_id',
  'pekerjaan_id',
  'status_kawin',
  'kk_level',
  'warganegara_id',
  'nama_ayah',
  'nama_ibu',
  'golongan_darah_id',
  'akta_lahir',
  'dokumen_pasport',
  'tanggal_akhir_paspor',
  'dokumen_kitas',
  'ayah_nik',
  'ibu_nik',
  'akta_perkawinan',
  'tanggalperkawinan',
  'akta_perceraian',
  'tanggalperceraian',
  'cacat_id',
  'cara_kb_id',
  'hamil',
  'ktp_el',
  'status_rekam',
  'alamat_sekarang',
  'status_dasar',
];

const OPENSID_KEYS = OPENSID_COLUMNS.map(normaliseHeader);
const OPENSID_KEY_SET = new Set(OPENSID_KEYS);
/** The columns an OpenSID export is recognised by. */
const OPENSID_CORE = new Set(['nama', 'no_kk', 'nik', 'sex', 'tanggallahir', 'pekerjaan_id', 'status_dasar'].map(normaliseHeader));
/** Columns no census file has: with "nama, nik, sex, tanggallahir, no_kk" alone a file is still a census. */
const OPENSID_OWN = new Set(
  ['pekerjaan_id', 'status_dasar', 'agama_id', 'pendidikan_kk_id', 'kk_level', 'warganegara_id', 'status_kawin', 'golongan_darah_id'].map(normaliseHeader),
);
/** SIAK's abbreviated column names; "TGL LHR" alone is common in census files too, so two are needed. */
const SIAK_OWN = new Set(
  ['NAMA_LGKP', 'JENIS_PKRJN', 'JENIS_KLMIN', 'TMPT_LHR', 'TGL_LHR', 'STAT_HBKEL', 'STAT_KWN', 'PDDK_AKH', 'GOL_DRH', 'NAMA_LGKP_IBU', 'NAMA_LGKP_AYAH'].map(
    normaliseHeader,
  ),
);
const BPJS_KEYS = new Set(['kpj', 'no kpj', 'nomor kpj', 'no peserta', 'nomor peserta', 'no kartu peserta', 'nomor kartu peserta'].map(normaliseHeader));

/** Which kind of file a header row belongs to. Anything unrecognised is a census file. */
export function detectLayout(headers: string[]): FileLayout {
  let openSidCore = 0;
  let openSidOwn = 0;
  let openSidAll = 0;
  let siak = 0;
  let bpjs = false;
  for (const header of headers) {
    const key = normaliseHeader(typeof header === 'string' ? header : String((header as unknown) ?? ''));
    if (key === '') continue;
    if (OPENSID_CORE.has(key)) openSidCore++;
    if (OPENSID_OWN.has(key)) openSidOwn++;
    if (OPENSID_KEY_SET.has(key)) openSidAll++;
    if (SIAK_OWN.has(key)) siak++;
    if (BPJS_KEYS.has(key)) bpjs = true;
  }
  if ((openSidCore >= 5 && openSidOwn >= 1) || openSidAll >= 12) return 'opensid';
  if (siak >= 2) return 'siak';
  if (bpjs) return 'bpjs';
  return 'census';
}

export interface ResidentRow {
  nik: Cell;
  name: Cell;
  familyCardNumber: Cell;
  sex: Cell;
  birthPlace: Cell;
  birthDate: Cell;
  occupation: Cell;
  statusDasar: Cell;
  hamlet: Cell;
  rt: Cell;
  rw: Cell;
  address: Cell;
}
type ResidentField = keyof ResidentRow;

const OPENSID_COLUMN_OF: Record<ResidentField, string> = {
  nik: 'nik',
  name: 'nama',
  familyCardNumber: 'no_kk',
  sex: 'sex',
  birthPlace: 'tempatlahir',
  birthDate: 'tanggallahir',
  occupation: 'pekerjaan_id',
  statusDasar: 'status_dasar',
  hamlet: 'dusun',
  rt: 'rt',
  rw: 'rw',
  address: 'alamat',
};

/** SIAK column names by preference; the later ones are what re-typed or merged exports use. */
const SIAK_COLUMNS_OF: Record<ResidentField, readonly string[]> = {
  nik: ['NIK'],
  name: ['NAMA_LGKP', 'NAMA_LENGKAP', 'NAMA'],
  familyCardNumber: ['NO_KK', 'NOMOR_KK'],
  sex: ['JENIS_KLMIN', 'JENIS_KELAMIN', 'JK'],
  birthPlace: ['TMPT_LHR', 'TEMPAT_LAHIR'],
  birthDate: ['TGL_LHR', 'TANGGAL_LAHIR', 'TGL_LAHIR'],
  occupation: ['JENIS_PKRJN', 'PEKERJAAN', 'JENIS_PEKERJAAN'],
  statusDasar: ['STATUS_DASAR', 'STAT_DASAR'],
  hamlet: ['DUSUN', 'NAMA_DUSUN'],
  rt: ['NO_RT', 'RT'],
  rw: ['NO_RW', 'RW'],
  address: ['ALAMAT'],
};

const RESIDENT_FIELDS = Object.keys(OPENSID_COLUMN_OF) as ResidentField[];

/**
 * Where each resident field sits. OpenSID: the column of that name, else its standard position when the
 * header there is blank or renamed (not another OpenSID column); SIAK: by name only. Null when absent.
 */
export function residentColumnIndexes(layout: 'opensid' | 'siak', headers: string[]): Record<ResidentField, number | null> {
  const keys = headers.map((h) => normaliseHeader(typeof h === 'string' ? h : String((h as unknown) ?? '')));
  const firstIndex = new Map<string, number>();
  keys.forEach((key, i) => {
    if (key !== '' && !firstIndex.has(key)) firstIndex.set(key, i);
  });
  const result = {} as Record<ResidentField, number | null>;
  for (const field of RESIDENT_FIELDS) {
    if (layout === 'opensid') {
      const key = normaliseHeader(OPENSID_COLUMN_OF[field]);
      const byName = firstIndex.get(key);
      const position = OPENSID_KEYS.indexOf(key);
      const there = keys[position];
      result[field] = byName ?? (there !== undefined && !OPENSID_KEY_SET.has(there) ? position : null);
    } else {
      let found: number | null = null;
      for (const name of SIAK_COLUMNS_OF[field]) {
        const i = firstIndex.get(normaliseHeader(name));
        if (i !== undefined) {
          found = i;
          break;
        }
      }
      result[field] = found;
    }
  }
  return result;
}

/** OpenSID's import stops at a row whose `dusun` cell is `###`. */
export function isOpenSidEndMarker(hamletCell: Cell): boolean {
  return cleanText(hamletCell) === '###';
}

export type ResidentStatus = 'alive' | 'dead' | 'moved' | 'missing' | 'other';

const STATUS_NOISE = /[^A-Z0-9]/g;
const STATUSES = new Map<string, ResidentStatus>([
  ['HIDUP', 'alive'],
  ['1', 'alive'],
  ['MATI', 'dead'],
  ['MENINGGAL', 'dead'],
  ['MENINGGALDUNIA', 'dead'],
  ['WAFAT', 'dead'],
  ['2', 'dead'],
  ['PINDAH', 'moved'],
  ['PINDAHKELUAR', 'moved'],
  ['3', 'moved'],
  ['HILANG', 'missing'],
  ['4', 'missing'],
]);

/**
 * OpenSID's `status_dasar` (text or id). Empty means alive: SIAK exports list living residents only.
 * Anything else (OpenSID's PERGI, TIDAK VALID) is `other`.
 */
export function parseStatusDasar(cell: Cell): ResidentStatus {
  const key = cleanText(cell).toUpperCase().replace(STATUS_NOISE, '');
  if (key === '') return 'alive';
  return STATUSES.get(key) ?? 'other';
}
