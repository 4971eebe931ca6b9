/**
 * A synthetic village census file of any size, written as a stream (1,000,000 rows never sit in memory as
 * one string), together with the same rows already converted to the columns of the `workers` table for
 * the raw COPY it is compared with.
 *
 * The census file looks like what villages send: `;` delimiter, Indonesian headers, dates written
 * day-first or ISO, L/P for sex, occupations as Indonesian labels (Buruh Tani, Nelayan, Ojek…), some phone
 * numbers and incomes (plain or with thousands dots), RT/RW with or without leading zeros. Every row is
 * valid: NIKs are unique and consistent with birth date and sex (PPRRDD DDMMYY SSSS, 5203DD of a real
 * district, women day + 40), names are Sasak/Muslim names of letters and spaces, villages come from the
 * region directory. So a correct import creates exactly one worker per row.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import { parseOccupationCell } from '../core/import/cells.ts';
import type { OccupationCode } from '../core/occupations.ts';
import { seededRandom } from '../core/random.ts';
import type { RegionRecord } from '../server/domains/regions/region-source.ts';

export const CENSUS_HEADER = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Kode Desa', 'Pekerjaan', 'No HP', 'Penghasilan', 'Dusun', 'RT', 'RW'];
/** Columns of the COPY file, in order (a subset of `workers`; the rest take their defaults). */
export const COPY_COLUMNS = ['id', 'nik', 'name', 'birth_date', 'sex', 'village_code', 'district_code', 'hamlet', 'rt', 'rw', 'phone', 'occupation', 'monthly_income'];

const MALE_FIRST = [
  'Muhammad', 'Ahmad', 'Abdul', 'Zainal', 'Rahmat', 'Saleh', 'Herman', 'Sahnan', 'Mahsun', 'Hasan', 'Husain', 'Ismail', 'Ibrahim',
  'Yusuf', 'Sulaiman', 'Hamzah', 'Junaidi', 'Zulkifli', 'Sahrul', 'Syamsul', 'Taufik', 'Rizki', 'Hendra', 'Suhardi', 'Sapri',
  'Saparudin', 'Amir', 'Amrullah', 'Mustafa', 'Fathurrahman', 'Khairul', 'Jamaludin', 'Nasrullah', 'Rusdi', 'Marzuki', 'Hairudin',
  'Mahmud', 'Munawir', 'Ridwan', 'Ramli', 'Fauzi', 'Fadli', 'Bakri', 'Burhan', 'Gazali', 'Hadi', 'Iskandar', 'Jumadil', 'Lukman',
  'Maksum', 'Nasir', 'Nurdin', 'Samsudin', 'Sukri', 'Wahyudi', 'Zaini', 'Zulhadi', 'Rusli', 'Hamdi', 'Fathul', 'Rijal', 'Agus',
];
const FEMALE_FIRST = [
  'Siti', 'Nurul', 'Aminah', 'Fatimah', 'Hasanah', 'Maryam', 'Khadijah', 'Aisyah', 'Rohani', 'Rukmini', 'Sumiati', 'Sri', 'Sapinah',
  'Hamdiah', 'Halimah', 'Hamidah', 'Zainab', 'Salmah', 'Mariani', 'Nurhayati', 'Nurhasanah', 'Rahmawati', 'Rosmiati', 'Saodah',
  'Suhaini', 'Sukmawati', 'Yuliani', 'Zuraida', 'Inayah', 'Marni', 'Masitah', 'Muliani', 'Murni', 'Nining', 'Rabiah', 'Rahimah',
  'Ratna', 'Rina', 'Rini', 'Rusmini', 'Sahidah', 'Saniah', 'Wahidah', 'Hidayah', 'Hikmah', 'Laela', 'Mahnun', 'Hartini', 'Zuhriah',
];
const MALE_PARTS = [
  'Hidayat', 'Rahman', 'Hasan', 'Saleh', 'Abidin', 'Arifin', 'Hamdi', 'Hakim', 'Rahim', 'Aziz', 'Kadir', 'Latif', 'Majid', 'Salim',
  'Sulhan', 'Hasanudin', 'Zainudin', 'Ramdani', 'Saputra', 'Wijaya', 'Kurniawan', 'Fahmi', 'Hariadi', 'Sahidi', 'Muhsin', 'Anwar',
  'Effendi', 'Ilham', 'Mulyadi', 'Jayadi', 'Wardi', 'Sanusi', 'Mansur', 'Asmuni', 'Maulana', 'Azhari', 'Suryadi', 'Apriadi',
  'Zulkarnain', 'Hamzanwadi', 'Sukardi', 'Sahroni', 'Muliadi', 'Habibi', 'Ramadhan', 'Syukri', 'Rosyidi', 'Mukhtar', 'Husni',
];
const FEMALE_PARTS = [
  'Aminah', 'Fatimah', 'Hasanah', 'Hidayah', 'Fitri', 'Fitriani', 'Hayati', 'Kartini', 'Lestari', 'Maulidia', 'Rahmi', 'Safitri',
  'Suryani', 'Wahyuni', 'Yanti', 'Ulfa', 'Zahra', 'Amalia', 'Anggraini', 'Ariani', 'Damayanti', 'Handayani', 'Jannah', 'Mardiah',
  'Nabila', 'Rahmawati', 'Sholehah', 'Khairunnisa', 'Zuhriah', 'Marlina', 'Halimah', 'Rohmah', 'Sapitri', 'Suhaeni', 'Wulandari',
  'Hartini', 'Sumiati', 'Maesarah', 'Nurjannah', 'Sakinah', 'Rosidah', 'Zaitun', 'Herawati', 'Nurlaila', 'Rahayu', 'Sulastri',
];
const HAMLETS = ['Dusun Lauk', 'Dusun Daye', 'Dusun Bat', 'Dusun Timuk', 'Dusun Tengak', 'Dusun Karang Baru', 'Dusun Gubuk Baru', 'Dusun Montong', 'Dusun Otak Desa', 'Dusun Presak'];
/** Label as a village writes it, the code it stands for, weight (mostly farm work, then trade and fishing). */
const OCCUPATIONS: [string, OccupationCode, number][] = [
  ['Buruh Tani', 'farm_labourer', 24],
  ['BURUH TANI', 'farm_labourer', 4],
  ['Petani', 'farmer', 14],
  ['Petani/Pekebun', 'farmer', 3],
  ['Nelayan', 'fisher', 6],
  ['Peternak', 'livestock', 5],
  ['Pedagang', 'trader', 8],
  ['Pedagang Kaki Lima', 'street_vendor', 3],
  ['PKL', 'street_vendor', 2],
  ['Ojek', 'motorcycle_taxi', 3],
  ['Tukang Ojek', 'motorcycle_taxi', 2],
  ['Buruh Bangunan', 'construction_labourer', 5],
  ['Tukang Batu', 'construction_labourer', 3],
  ['Pengrajin', 'craftsman', 2],
  ['Penenun', 'craftsman', 2],
  ['Pekerja UMKM', 'small_business_worker', 4],
  ['Pembantu Rumah Tangga', 'household_worker', 3],
  ['Marbot', 'community_service', 2],
  ['Guru Ngaji', 'community_service', 1],
  ['Lainnya', 'other', 1],
];
const PHONE_PREFIXES = ['0811', '0812', '0813', '0817', '0818', '0819', '0821', '0823', '0852', '0853', '0859', '0877', '0878'];

// The bench compares the import with a COPY of "the same rows": each label must mean what the COPY file says.
for (const [label, code] of OCCUPATIONS) {
  const parsed = parseOccupationCell(label);
  if (!parsed.ok || parsed.value !== code) throw new Error(`census-file: occupation label ${label} does not parse to ${code}`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const quoteCsv = (value: string) => (/[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export interface CensusRow {
  id: string;
  nik: string;
  name: string;
  birthDate: string;
  sex: 'M' | 'F';
  villageCode: string;
  districtCode: string;
  hamlet: string;
  rt: string;
  rw: string;
  phone: string | null;
  occupation: OccupationCode;
  monthlyIncome: number | null;
  /** The cells as the census file writes them. */
  cells: string[];
}

/** Deterministic rows (per seed), made one at a time. */
export function censusRows(villages: RegionRecord[], districts: RegionRecord[], seed: number): () => CensusRow {
  const rand = seededRandom(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  // Earlier names in a list are drawn more often (a few names are very common, as in a real village).
  const skewed = <T>(list: readonly T[]): T => list[Math.floor(list.length * rand() * rand())]!;
  const villageCumulative: number[] = [];
  let total = 0;
  villages.forEach((_, i) => villageCumulative.push((total += 1 + ((i * 7919) % 5))));
  const pickVillage = () => {
    const r = rand() * total;
    let lo = 0;
    let hi = villageCumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (villageCumulative[mid]! <= r) lo = mid + 1;
      else hi = mid;
    }
    return villages[lo]!;
  };
  const occupationTotal = OCCUPATIONS.reduce((s, [, , w]) => s + w, 0);
  const pickOccupation = () => {
    let roll = rand() * occupationTotal;
    return OCCUPATIONS.find(([, , w]) => (roll -= w) < 0) ?? OCCUPATIONS[0]!;
  };
  // Serial numbers per NIK prefix (district + birth date with the sex offset), as the civil registry counts.
  const serials = new Map<string, number>();

  const name = (sex: 'M' | 'F'): string => {
    if (rand() < 0.02) return `${sex === 'M' ? 'Amaq' : 'Inaq'} ${skewed(sex === 'M' ? MALE_FIRST : FEMALE_FIRST)}`;
    const tokens: string[] = [];
    if (rand() < 0.08) tokens.push(sex === 'M' ? 'Lalu' : 'Baiq');
    tokens.push(skewed(sex === 'M' ? MALE_FIRST : FEMALE_FIRST));
    const parts = rand() < 0.2 ? 2 : rand() < 0.65 ? 1 : 0;
    for (let i = 0; i < parts; i++) tokens.push(skewed(sex === 'M' ? MALE_PARTS : FEMALE_PARTS));
    const text = [...new Set(tokens)].join(' ');
    return rand() < 0.25 ? text.toUpperCase() : text; // some villages type everything in capitals
  };

  return () => {
    const village = pickVillage();
    const districtCode = village.parentCode!;
    const sex: 'M' | 'F' = rand() < 0.45 ? 'F' : 'M';
    // Working age on the bench's "today" (2026-11-24): 18 to 64.
    const y = between(1962, 2008);
    const m = between(1, 12);
    const d = between(1, daysIn(y, m));
    // 90% were first registered in the district they live in; the rest moved since.
    const nikDistrict = rand() < 0.9 ? districtCode : pick(districts).code;
    const prefix = `${nikDistrict.replaceAll('.', '')}${pad(sex === 'F' ? d + 40 : d)}${pad(m)}${pad(y % 100)}`;
    const serial = (serials.get(prefix) ?? 0) + (rand() < 0.8 ? 1 : 2);
    if (serial > 9999) throw new Error('census-file: NIK serials exhausted');
    serials.set(prefix, serial);
    const nik = `${prefix}${pad(serial, 4)}`;
    const fullName = name(sex);
    const [label, occupation] = pickOccupation();
    const hamlet = pick(HAMLETS);
    const rt = between(1, 15);
    const rw = between(1, 6);
    const phone = rand() < 0.6 ? `${pick(PHONE_PREFIXES)}${between(1_000_000, 99_999_999)}` : null;
    const monthlyIncome = rand() < 0.5 ? between(6, 60) * 50_000 : null;
    const birthDate = `${y}-${pad(m)}-${pad(d)}`;
    const incomeCell =
      monthlyIncome === null ? '' : rand() < 0.5 ? String(monthlyIncome) : monthlyIncome.toLocaleString('en').replaceAll(',', '.');
    return {
      id: randomUUID(),
      nik,
      name: fullName,
      birthDate,
      sex,
      villageCode: village.code,
      districtCode,
      hamlet,
      rt: pad(rt, 3),
      rw: pad(rw, 3),
      phone,
      occupation,
      monthlyIncome,
      cells: [
        nik,
        fullName,
        rand() < 0.7 ? `${pad(d)}-${pad(m)}-${y}` : birthDate,
        sex === 'M' ? 'L' : 'P',
        village.code,
        label,
        phone ?? '',
        incomeCell,
        hamlet,
        rand() < 0.5 ? String(rt) : pad(rt, 3),
        rand() < 0.5 ? String(rw) : pad(rw, 3),
      ],
    };
  };
}

/** The row as a line of the COPY file (CSV, comma, empty = NULL). */
export function copyLine(r: CensusRow): string {
  return [r.id, r.nik, quoteCsv(r.name), r.birthDate, r.sex, r.villageCode, r.districtCode, quoteCsv(r.hamlet), r.rt, r.rw, r.phone ?? '', r.occupation, r.monthlyIncome ?? ''].join(',');
}

async function write(stream: fs.WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function end(stream: fs.WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/** Writes `rows` census rows to `censusPath` and the same rows as COPY lines to `copyPath`, 2,000 rows per write. */
export async function writeCensusFiles(options: {
  rows: number;
  seed: number;
  villages: RegionRecord[];
  districts: RegionRecord[];
  censusPath: string;
  copyPath: string;
}): Promise<{ censusBytes: number; copyBytes: number; ms: number }> {
  const t0 = performance.now();
  const next = censusRows(options.villages, options.districts, options.seed);
  const census = fs.createWriteStream(options.censusPath);
  const copy = fs.createWriteStream(options.copyPath);
  await write(census, `${CENSUS_HEADER.join(';')}\r\n`);
  const CHUNK = 2000;
  for (let done = 0; done < options.rows; done += CHUNK) {
    const censusLines: string[] = [];
    const copyLines: string[] = [];
    for (let i = done; i < Math.min(done + CHUNK, options.rows); i++) {
      const row = next();
      censusLines.push(row.cells.join(';'));
      copyLines.push(copyLine(row));
    }
    await write(census, `${censusLines.join('\r\n')}\r\n`);
    await write(copy, `${copyLines.join('\n')}\n`);
  }
  await Promise.all([end(census), end(copy)]);
  return { censusBytes: fs.statSync(options.censusPath).size, copyBytes: fs.statSync(options.copyPath).size, ms: performance.now() - t0 };
}
