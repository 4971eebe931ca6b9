/**
 * The civil registry's 89 occupations (Dukcapil/SIAK, OpenSID's `tweb_penduduk_pekerjaan`), ids in
 * official order, each with Jaring's default reading: the informal occupation it becomes, or why the
 * resident is not an informal worker. Admins change the mapping in the database; this is only the seed.
 *
 * Judgement calls:
 * - Making or mending goods by hand (Tukang Jahit, Tukang Sol Sepatu, Penata Busana, Seniman, Tukang Gigi,
 *   who make dentures) is `craftsman`; personal services run as a small shop (Tukang Cukur, Penata Rias,
 *   Penata Rambut, Mekanik, Juru Masak) and village home industry (Industri) are `small_business_worker`,
 *   as is Wiraswasta (self-employed).
 * - Tukang Listrik and Tukang Las/Pandai Besi work on building sites as often as anywhere: `construction_labourer`.
 * - Transportasi and Sopir are `other`: drivers of trucks and cars, not motorcycle-taxi riders.
 * - Buruh Harian Lepas (day labourer, any trade) is `other`.
 * - Religious and traditional community roles (Imam Masjid, Ustadz/Mubaligh, Pendeta, Pastor, Biarawati,
 *   Tabib, Paraji) are `community_service`, the group regencies sponsor as "pekerja rentan keagamaan".
 * - Karyawan Honorer, Perangkat Desa and Kepala Desa receive a wage from a government or village budget,
 *   which registers them as wage earners: `wage_or_civil_servant`.
 * - Professionals (Guru and Pelaut included) are left out by default; an admin can map one in when a
 *   regency sponsors, say, honorary teachers.
 */
import type { Cell } from './cells.ts';
import type { OccupationCode } from '../occupations.ts';

export interface CivilOccupation {
  id: number;
  label: string;
  occupation: OccupationCode | null;
  reason: 'informal' | 'not_working' | 'wage_or_civil_servant' | 'public_office' | 'professional';
}

type Reason = CivilOccupation['reason'];
type Target = OccupationCode | Exclude<Reason, 'informal'>;

// [label, informal occupation or the reason it is not one], in id order from 1.
const TABLE: readonly (readonly [string, Target])[] = [
  ['Belum/Tidak Bekerja', 'not_working'],
  ['Mengurus Rumah Tangga', 'not_working'],
  ['Pelajar/Mahasiswa', 'not_working'],
  ['Pensiunan', 'not_working'],
  ['Pegawai Negeri Sipil (PNS)', 'wage_or_civil_servant'],
  ['Tentara Nasional Indonesia (TNI)', 'wage_or_civil_servant'],
  ['Kepolisian RI (POLRI)', 'wage_or_civil_servant'],
  ['Perdagangan', 'trader'],
  ['Petani/Pekebun', 'farmer'],
  ['Peternak', 'livestock'],
  ['Nelayan/Perikanan', 'fisher'],
  ['Industri', 'small_business_worker'],
  ['Konstruksi', 'construction_labourer'],
  ['Transportasi', 'other'],
  ['Karyawan Swasta', 'wage_or_civil_servant'],
  ['Karyawan BUMN', 'wage_or_civil_servant'],
  ['Karyawan BUMD', 'wage_or_civil_servant'],
  ['Karyawan Honorer', 'wage_or_civil_servant'],
  ['Buruh Harian Lepas', 'other'],
  ['Buruh Tani/Perkebunan', 'farm_labourer'],
  ['Buruh Nelayan/Perikanan', 'fisher'],
  ['Buruh Peternakan', 'livestock'],
  ['Pembantu Rumah Tangga', 'household_worker'],
  ['Tukang Cukur', 'small_business_worker'],
  ['Tukang Listrik', 'construction_labourer'],
  ['Tukang Batu', 'construction_labourer'],
  ['Tukang Kayu', 'construction_labourer'],
  ['Tukang Sol Sepatu', 'craftsman'],
  ['Tukang Las/Pandai Besi', 'construction_labourer'],
  ['Tukang Jahit', 'craftsman'],
  ['Tukang Gigi', 'craftsman'],
  ['Penata Rias', 'small_business_worker'],
  ['Penata Busana', 'craftsman'],
  ['Penata Rambut', 'small_business_worker'],
  ['Mekanik', 'small_business_worker'],
  ['Seniman', 'craftsman'],
  ['Tabib', 'community_service'],
  ['Paraji', 'community_service'],
  ['Perancang Busana', 'professional'],
  ['Penterjemah', 'professional'],
  ['Imam Masjid', 'community_service'],
  ['Pendeta', 'community_service'],
  ['Pastor', 'community_service'],
  ['Wartawan', 'professional'],
  ['Ustadz/Mubaligh', 'community_service'],
  ['Juru Masak', 'small_business_worker'],
  ['Promotor Acara', 'professional'],
  ['Anggota DPR-RI', 'public_office'],
  ['Anggota DPD', 'public_office'],
  ['Anggota BPK', 'public_office'],
  ['Presiden', 'public_office'],
  ['Wakil Presiden', 'public_office'],
  ['Anggota Mahkamah Konstitusi', 'public_office'],
  ['Anggota Kabinet/Kementerian', 'public_office'],
  ['Duta Besar', 'public_office'],
  ['Gubernur', 'public_office'],
  ['Wakil Gubernur', 'public_office'],
  ['Bupati', 'public_office'],
  ['Wakil Bupati', 'public_office'],
  ['Walikota', 'public_office'],
  ['Wakil Walikota', 'public_office'],
  ['Anggota DPRD Provinsi', 'public_office'],
  ['Anggota DPRD Kabupaten/Kota', 'public_office'],
  ['Dosen', 'professional'],
  ['Guru', 'professional'],
  ['Pilot', 'professional'],
  ['Pengacara', 'professional'],
  ['Notaris', 'professional'],
  ['Arsitek', 'professional'],
  ['Akuntan', 'professional'],
  ['Konsultan', 'professional'],
  ['Dokter', 'professional'],
  ['Bidan', 'professional'],
  ['Perawat', 'professional'],
  ['Apoteker', 'professional'],
  ['Psikiater/Psikolog', 'professional'],
  ['Penyiar Televisi', 'professional'],
  ['Penyiar Radio', 'professional'],
  ['Pelaut', 'professional'],
  ['Peneliti', 'professional'],
  ['Sopir', 'other'],
  ['Pialang', 'professional'],
  ['Paranormal', 'professional'],
  ['Pedagang', 'trader'],
  ['Perangkat Desa', 'wage_or_civil_servant'],
  ['Kepala Desa', 'wage_or_civil_servant'],
  ['Biarawati', 'community_service'],
  ['Wiraswasta', 'small_business_worker'],
  ['Lainnya', 'other'],
];

const NOT_INFORMAL = new Set<string>(['not_working', 'wage_or_civil_servant', 'public_office', 'professional']);

export const CIVIL_OCCUPATIONS: readonly CivilOccupation[] = TABLE.map(([label, target], i) =>
  NOT_INFORMAL.has(target)
    ? { id: i + 1, label, occupation: null, reason: target as Exclude<Reason, 'informal'> }
    : { id: i + 1, label, occupation: target as OccupationCode, reason: 'informal' },
);

// Other ways village files write the same occupations; keys as produced by `textKey`.
const ALIASES: Record<number, readonly string[]> = {
  1: ['BELUM BEKERJA', 'TIDAK BEKERJA', 'TIDAK BELUM BEKERJA', 'BELUM TDK BEKERJA', 'BLM TDK BEKERJA'],
  2: ['IBU RUMAH TANGGA', 'IRT', 'MENGURUS RT'],
  3: ['PELAJAR', 'MAHASISWA', 'PELAJAR MAHASISWI', 'SISWA'],
  4: ['PENSIUN', 'PURNAWIRAWAN'],
  5: ['PNS', 'PEGAWAI NEGERI', 'ASN'],
  6: ['TNI', 'TENTARA'],
  7: ['POLRI', 'POLISI', 'KEPOLISIAN', 'KEPOLISIAN REPUBLIK INDONESIA'],
  9: ['PETANI', 'PEKEBUN', 'PETANI PERKEBUNAN'],
  11: ['NELAYAN', 'PERIKANAN'],
  19: ['BURUH HARIAN', 'BHL'],
  20: ['BURUH TANI', 'BURUH PERKEBUNAN', 'BURUH KEBUN'],
  21: ['BURUH NELAYAN', 'BURUH PERIKANAN'],
  22: ['BURUH TERNAK'],
  23: ['PRT', 'PEMBANTU', 'ASISTEN RUMAH TANGGA'],
  29: ['TUKANG LAS', 'PANDAI BESI'],
  40: ['PENERJEMAH'],
  45: ['USTADZ', 'USTAD', 'USTADZAH', 'MUBALIGH', 'MUBALLIGH'],
  48: ['ANGGOTA DPR', 'ANGGOTA DPR RI'],
  60: ['WALI KOTA'],
  61: ['WAKIL WALI KOTA'],
  63: ['ANGGOTA DPRD KABUPATEN', 'ANGGOTA DPRD KOTA'],
  76: ['PSIKIATER', 'PSIKOLOG'],
  81: ['SUPIR'],
  84: ['DAGANG', 'BERDAGANG'],
  88: ['WIRAUSAHA'],
  89: ['LAIN LAIN', 'LAINNYA'],
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const BRACKETED = /\([^)]*\)|\[[^\]]*\]/g;
const BRACKETS = /[()[\]]/g;
const DOTS_QUOTES = /[.'`’]/g;
const SEPARATORS = /[^A-Z0-9]+/g;
const DIGITS = /^\d{1,3}$/;

/** Uppercase words split by single spaces; punctuation, separators and bracketed abbreviations dropped. */
function textKey(text: string): string {
  let s = text.normalize('NFD').replace(COMBINING_MARKS, '').toUpperCase();
  const unbracketed = s.replace(BRACKETED, ' ');
  // '(PNS)' alone keeps its content.
  s = unbracketed.trim() === '' ? s.replace(BRACKETS, ' ') : unbracketed;
  return s.replace(DOTS_QUOTES, '').replace(SEPARATORS, ' ').trim();
}

const byKey = new Map<string, CivilOccupation>();
const byId = new Map<number, CivilOccupation>();
const keyOfEntry = new Map<CivilOccupation, string>();
for (const entry of CIVIL_OCCUPATIONS) {
  const key = textKey(entry.label);
  byKey.set(key, entry);
  byId.set(entry.id, entry);
  keyOfEntry.set(entry, key);
}
for (const [id, aliases] of Object.entries(ALIASES)) {
  const entry = byId.get(Number(id));
  if (!entry) throw new Error(`civil occupation alias for unknown id ${id}`);
  for (const alias of aliases) {
    const key = textKey(alias);
    const existing = byKey.get(key);
    if (existing && existing !== entry) throw new Error(`civil occupation alias ${alias} names two occupations`);
    byKey.set(key, entry);
  }
}

function cellString(cell: Cell): string {
  if (cell === null || cell === undefined || typeof cell === 'boolean' || cell instanceof Date) return '';
  return typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : cell;
}

/**
 * The key under which an occupation cell is looked up: an id (`20` or `'20'`) or any spelling of a label
 * (`'BURUH TANI / PERKEBUNAN'`, `'Buruh Tani/Perkebunan'`, `'buruh tani'`) gives the key of its official
 * label (`'BURUH TANI PERKEBUNAN'`); unrecognised text gives its own normalised form, '' when empty.
 * Keys of keys are themselves: `civilOccupationKey(civilOccupationKey(x)) === civilOccupationKey(x)`.
 */
export function civilOccupationKey(cell: Cell): string {
  const text = cellString(cell).trim();
  if (text === '') return '';
  if (DIGITS.test(text)) {
    const entry = byId.get(Number(text));
    return entry ? keyOfEntry.get(entry)! : String(Number(text));
  }
  const key = textKey(text);
  const entry = byKey.get(key);
  return entry ? keyOfEntry.get(entry)! : key;
}

/** The civil-registry occupation a cell names, by id or by (any spelling of) its label. */
export function findCivilOccupation(cell: Cell): CivilOccupation | undefined {
  const text = cellString(cell).trim();
  if (text === '') return undefined;
  return DIGITS.test(text) ? byId.get(Number(text)) : byKey.get(textKey(text));
}
