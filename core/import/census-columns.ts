/**
 * Which column of a census file holds which field. Village spreadsheets name columns every which way
 * ("No. KTP", "NIK KTP", "Tgl_Lahir", "Jenis Kelamin (L/P)"), so headers are compared in a normalised form
 * against a list of aliases, Indonesian and English.
 */
export const CENSUS_FIELDS = [
  'nik',
  'name',
  'birthDate',
  'birthPlaceDate',
  'birthDay',
  'birthMonth',
  'birthYear',
  'sex',
  'villageCode',
  'villageName',
  'districtName',
  'occupation',
  'phone',
  'monthlyIncome',
  'dependants',
  'hamlet',
  'rt',
  'rw',
  'notes',
  'familyCardNumber',
] as const;
export type CensusField = (typeof CENSUS_FIELDS)[number];

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_LETTER_OR_DIGIT = /[^a-z0-9]/g;
const BRACKETED = /\([^)]*\)|\[[^\]]*\]/g;

/** Lowercase letters and digits only, accents and a BOM removed: `'No. KTP'` → `'noktp'`. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

export interface ColumnMatch {
  index: number;
  header: string;
  field: CensusField | null;
}

/** A column matched to a field of some file layout (census, BPJS). */
export interface HeaderMatch<F extends string> {
  index: number;
  header: string;
  field: F | null;
}

/** Normalised alias → field, built once per layout. A normalised alias naming two fields is a programming error. */
export function buildHeaderIndex<F extends string>(aliases: Record<F, readonly string[]>): ReadonlyMap<string, F> {
  const index = new Map<string, F>();
  for (const [field, names] of Object.entries(aliases) as [F, readonly string[]][]) {
    for (const name of names) {
      const key = normaliseHeader(name);
      const existing = index.get(key);
      if (existing !== undefined && existing !== field) throw new Error(`header alias ${name} names both ${existing} and ${field}`);
      index.set(key, field);
    }
  }
  return index;
}

/**
 * Matches headers against an alias index. A header with a hint in brackets ("Tanggal Lahir (HH/BB/TTTT)")
 * is also tried without it. Each field goes to its first column; a later column for the same field is unmatched.
 */
export function matchHeaders<F extends string>(
  headers: readonly string[],
  index: ReadonlyMap<string, F>,
): { columns: HeaderMatch<F>[]; byField: Partial<Record<F, number>> } {
  const byField: Partial<Record<F, number>> = {};
  const columns = headers.map((raw, i): HeaderMatch<F> => {
    // Readers may hand over a number or nothing for a header cell.
    const header = typeof raw === 'string' ? raw : String((raw as unknown) ?? '');
    let field = index.get(normaliseHeader(header));
    if (field === undefined && (header.includes('(') || header.includes('['))) field = index.get(normaliseHeader(header.replace(BRACKETED, '')));
    if (field === undefined || byField[field] !== undefined) return { index: i, header, field: null };
    byField[field] = i;
    return { index: i, header, field };
  });
  return { columns, byField };
}

/** Header aliases by field, exported so other layouts (the BPJS file) name shared fields the same way. */
export const CENSUS_HEADER_ALIASES: Record<CensusField, readonly string[]> = {
  nik: [
    'nik',
    'no ktp',
    'nomor ktp',
    'no induk',
    'no induk kependudukan',
    'nomor induk',
    'nomor induk kependudukan',
    'nik ktp',
    'no nik',
    'nomor nik',
    'nik peserta',
    'nik pekerja',
    'id number',
    'national id',
  ],
  name: ['nama', 'nama lengkap', 'nama pekerja', 'nama sesuai ktp', 'nama peserta', 'nama warga', 'nama penduduk', 'name', 'full name'],
  birthDate: ['tanggal lahir', 'tgl lahir', 'tgl lhr', 'tanggal lhr', 'tgl_lahir', 'date of birth', 'birth date', 'birthdate', 'dob'],
  birthPlaceDate: ['ttl', 'tempat tanggal lahir', 'tempat tgl lahir', 'tempat tgl lhr', 'tempat dan tanggal lahir', 'tempat/tanggal lahir', 'place and date of birth'],
  birthDay: ['hari lahir', 'tanggal lahir hari', 'tgl lahir hari'],
  birthMonth: ['bulan lahir', 'bln lahir', 'month of birth'],
  birthYear: ['tahun lahir', 'thn lahir', 'th lahir', 'year of birth'],
  sex: ['jenis kelamin', 'jk', 'l/p', 'kelamin', 'jns kelamin', 'jenis kel', 'jenis kelamin (l/p)', 'sex', 'gender'],
  villageCode: ['kode desa', 'kode desa/kelurahan', 'kode kelurahan', 'kode desa kel', 'kd desa', 'kode wilayah', 'village code'],
  villageName: ['desa', 'nama desa', 'kelurahan', 'desa/kelurahan', 'desa kel', 'nama kelurahan', 'village', 'village name'],
  districtName: ['kecamatan', 'nama kecamatan', 'kec', 'district', 'district name'],
  occupation: ['pekerjaan', 'jenis pekerjaan', 'pekerjaan utama', 'mata pencaharian', 'profesi', 'occupation', 'job'],
  phone: [
    'no hp',
    'nomor hp',
    'hp',
    'no telp',
    'no telepon',
    'nomor telepon',
    'telp',
    'telepon',
    'no wa',
    'nomor wa',
    'wa',
    'no hp/wa',
    'phone',
    'phone number',
    'mobile',
  ],
  monthlyIncome: [
    'penghasilan',
    'penghasilan per bulan',
    'penghasilan perbulan',
    'penghasilan bulanan',
    'penghasilan (rp)',
    'pendapatan',
    'pendapatan per bulan',
    'income',
    'monthly income',
  ],
  dependants: [
    'jumlah tanggungan',
    'jml tanggungan',
    'jmlh tanggungan',
    'tanggungan',
    'banyak tanggungan',
    'jumlah tanggungan keluarga',
    'tanggungan keluarga',
    'jumlah anggota keluarga yang ditanggung',
    'anggota keluarga yang ditanggung',
    'jumlah orang yang ditanggung',
    'dependants',
    'dependents',
    'number of dependants',
    'number of dependents',
    'no of dependants',
    'no of dependents',
  ],
  hamlet: ['dusun', 'nama dusun', 'lingkungan', 'dusun/lingkungan', 'hamlet'],
  rt: ['rt', 'no rt'],
  rw: ['rw', 'no rw'],
  notes: ['catatan', 'keterangan', 'ket', 'notes', 'note'],
  familyCardNumber: ['no kk', 'nomor kk', 'kk', 'no kartu keluarga', 'nomor kartu keluarga', 'family card number'],
};

const CENSUS_INDEX = buildHeaderIndex(CENSUS_HEADER_ALIASES);

/** Fields a census file must have; a village may come as a code or a name (reported as `villageCode`). */
const REQUIRED: readonly CensusField[] = ['nik', 'name', 'villageCode', 'occupation'];

/** Which column holds which census field, and the required fields no column holds. */
export function matchCensusColumns(headers: string[]): {
  columns: ColumnMatch[];
  byField: Partial<Record<CensusField, number>>;
  missing: CensusField[];
} {
  const { columns, byField } = matchHeaders(headers, CENSUS_INDEX);
  const missing = REQUIRED.filter((field) =>
    field === 'villageCode' ? byField.villageCode === undefined && byField.villageName === undefined : byField[field] === undefined,
  );
  return { columns, byField, missing };
}

export const CENSUS_FIELD_LABELS: Record<CensusField, { id: string; en: string }> = {
  nik: { id: 'NIK', en: 'NIK (national identity number)' },
  name: { id: 'Nama lengkap', en: 'Full name' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  birthPlaceDate: { id: 'Tempat, tanggal lahir', en: 'Place and date of birth' },
  birthDay: { id: 'Tanggal lahir (hari)', en: 'Day of birth' },
  birthMonth: { id: 'Bulan lahir', en: 'Month of birth' },
  birthYear: { id: 'Tahun lahir', en: 'Year of birth' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  villageCode: { id: 'Kode desa', en: 'Village code' },
  villageName: { id: 'Nama desa', en: 'Village name' },
  districtName: { id: 'Kecamatan', en: 'District' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  phone: { id: 'No HP', en: 'Mobile number' },
  monthlyIncome: { id: 'Penghasilan per bulan', en: 'Monthly income' },
  dependants: { id: 'Jumlah tanggungan', en: 'Dependants' },
  hamlet: { id: 'Dusun', en: 'Hamlet' },
  rt: { id: 'RT', en: 'RT (neighbourhood)' },
  rw: { id: 'RW', en: 'RW (community unit)' },
  notes: { id: 'Catatan', en: 'Notes' },
  familyCardNumber: { id: 'No KK', en: 'Family card (KK) number' },
};

/** Headers of the downloadable census template, in order. */
export const CENSUS_TEMPLATE_HEADERS: string[] = [
  'NIK',
  'Nama Lengkap',
  'Tanggal Lahir',
  'Jenis Kelamin (L/P)',
  'Kode Desa',
  'Pekerjaan',
  'No HP',
  'Penghasilan per Bulan',
  'Jumlah Tanggungan',
  'Dusun',
  'RT',
  'RW',
  'No KK',
  'Catatan',
];
