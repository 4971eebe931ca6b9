/**
 * The synthetic demo dataset: made-up people with made-up NIKs, generated from a fixed seed so every
 * fresh install shows the same picture. No row describes a real person.
 */
import { addMonths, monthOf, monthsBetween } from '../../core/months.ts';
import type { OccupationCode } from '../../core/occupations.ts';
import { seededRandom } from '../../core/random.ts';
import type { RegionRecord } from '../domains/regions/region-source.ts';

export { seededRandom };

const MALE = ['Ahmad', 'Muhammad', 'Lalu', 'Rusli', 'Hamdi', 'Zainal', 'Saharudin', 'Mahsun', 'Sapri', 'Jumadil', 'Abdul', 'Fathul', 'Hairul', 'Mustafa', 'Rijal', 'Samsul', 'Wahyu', 'Agus', 'Heri', 'Junaidi', 'Khairul', 'Nasrun', 'Suhaimi', 'Amrullah', 'Marzuki', 'Sahnan'];
const FEMALE = ['Siti', 'Baiq', 'Nurul', 'Hikmah', 'Rohani', 'Sri', 'Mariani', 'Fatimah', 'Aisyah', 'Halimah', 'Rukmini', 'Sumiati', 'Yuliana', 'Hartini', 'Saniah', 'Mahnun', 'Rahmawati', 'Zuhriah', 'Nurhayati', 'Kartini'];
const FAMILY = ['Hidayat', 'Rahman', 'Hasan', 'Saleh', 'Ramdani', 'Hakim', 'Fauzi', 'Sahroni', 'Muliadi', 'Hadi', 'Maulana', 'Azhari', 'Ismail', 'Kurniawan', 'Suryadi', 'Apriadi', 'Zulkarnain', 'Safitri', 'Wahyuni', 'Hamzanwadi', 'Sukardi', 'Jayadi', 'Anwar', 'Mardiah'];
const HAMLETS = ['Dusun Lauk', 'Dusun Daye', 'Dusun Bat', 'Dusun Timuk', 'Dusun Tengak', 'Dusun Karang Baru', 'Dusun Gubuk Baru', 'Dusun Montong'];

/** Occupations weighted as in a Lombok Timur village: mostly farm work, then trade and fishing. */
const OCCUPATION_WEIGHTS: [OccupationCode, number, [number, number]][] = [
  ['farm_labourer', 30, [600_000, 1_500_000]],
  ['farmer', 16, [800_000, 2_500_000]],
  ['fisher', 6, [700_000, 2_000_000]],
  ['livestock', 5, [700_000, 2_000_000]],
  ['trader', 9, [1_000_000, 3_000_000]],
  ['street_vendor', 6, [800_000, 2_000_000]],
  ['motorcycle_taxi', 5, [1_000_000, 2_500_000]],
  ['construction_labourer', 8, [1_200_000, 2_800_000]],
  ['craftsman', 4, [900_000, 2_200_000]],
  ['small_business_worker', 4, [1_000_000, 2_500_000]],
  ['household_worker', 3, [600_000, 1_500_000]],
  ['community_service', 3, [300_000, 1_000_000]],
  ['other', 1, [500_000, 2_000_000]],
];

export interface DemoWorker {
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
  monthlyIncome: number;
  dependants: number;
  notes: string | null;
}

/** About `perVillage` workers (±40%) in every village of the served region. */
export function generateDemoWorkers(villages: RegionRecord[], districts: RegionRecord[], perVillage = 12, seed = 5203): DemoWorker[] {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const totalWeight = OCCUPATION_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const usedNiks = new Set<string>();
  const out: DemoWorker[] = [];

  for (const village of villages) {
    const count = Math.round(perVillage * (0.6 + rand() * 0.8));
    for (let i = 0; i < count; i++) {
      const sex = rand() < 0.42 ? 'F' : 'M';
      const year = between(1962, 2006);
      const month = between(1, 12);
      const day = between(1, 28);
      // Most people were first registered in the district they live in; some moved in from elsewhere.
      const nikDistrict = rand() < 0.85 ? village.parentCode! : pick(districts).code;
      let nik: string;
      do {
        nik = `${nikDistrict.replaceAll('.', '')}${pad(sex === 'F' ? day + 40 : day)}${pad(month)}${pad(year % 100)}${pad(between(1, 2999), 4)}`;
      } while (usedNiks.has(nik));
      usedNiks.add(nik);
      let roll = rand() * totalWeight;
      const [occupation, , [lo, hi]] = OCCUPATION_WEIGHTS.find(([, w]) => (roll -= w) < 0) ?? OCCUPATION_WEIGHTS[0]!;
      const given = sex === 'F' ? pick(FEMALE) : pick(MALE);
      out.push({
        nik,
        name: `${given} ${pick(FAMILY)}`,
        birthDate: `${year}-${pad(month)}-${pad(day)}`,
        sex,
        villageCode: village.code,
        districtCode: village.parentCode!,
        hamlet: pick(HAMLETS),
        rt: pad(between(1, 12), 3),
        rw: pad(between(1, 5), 3),
        phone: rand() < 0.65 ? `08${pick(['12', '13', '17', '19', '21', '52', '77'])}${between(10_000_000, 99_999_999)}` : null,
        occupation,
        monthlyIncome: Math.round(between(lo, hi) / 50_000) * 50_000,
        dependants: between(0, 4),
        notes: rand() < 0.05 ? 'Data contoh (sintetis).' : null,
      });
    }
  }
  return out;
}

export interface DemoEnrolment {
  workerIndex: number;
  program: 'JKK' | 'JKM';
  kpj: string;
  startMonth: string;
  declaredIncome: number;
  fundingSource: string;
  payments: { fromMonth: string; toMonth: string; amount: number; fundingSource: string; paidOn: string }[];
}

/** Demo premium figures only (JKK 1% of income, minimum income Rp1,000,000; JKM Rp6,800 — shared/domain.md). */
const DEMO_MIN_INCOME = 1_000_000;
const demoMonthlyPremium = (program: 'JKK' | 'JKM', income: number) =>
  program === 'JKK' ? Math.round(Math.max(income, DEMO_MIN_INCOME) / 100) : 6_800;

/**
 * Enrolments and payments for about half the demo workers, relative to `today`: most paid up, some a
 * month or two behind (grace), some lapsed — the picture the coverage pages must make visible.
 */
export function generateDemoEnrolments(workers: DemoWorker[], today: string, seed = 4402): DemoEnrolment[] {
  const rand = seededRandom(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const month = monthOf(today);
  const out: DemoEnrolment[] = [];
  const kpjs = new Set<string>();
  workers.forEach((worker, workerIndex) => {
    if (rand() >= 0.55) return;
    const fundingSource =
      worker.occupation === 'farmer' || worker.occupation === 'farm_labourer'
        ? rand() < 0.6 ? 'DBHCHT' : 'SELF'
        : worker.occupation === 'community_service'
          ? 'APBD'
          : (['ADD', 'SELF', 'SELF', 'APBD', 'CSR'] as const)[between(0, 4)]!;
    const startMonth = addMonths(month, -between(4, 40));
    const roll = rand();
    // Sponsored participants are usually paid to the end of the budget year.
    const paidUntil =
      roll < 0.72 ? (fundingSource === 'SELF' ? month : `${month.slice(0, 4)}-12`) : roll < 0.84 ? addMonths(month, -between(1, 2)) : addMonths(month, -between(3, 14));
    if (paidUntil < startMonth) return;
    const declaredIncome = Math.max(worker.monthlyIncome, DEMO_MIN_INCOME);
    let kpj: string;
    do kpj = `2${String(between(0, 9_999_999_999)).padStart(10, '0')}`;
    while (kpjs.has(kpj));
    kpjs.add(kpj);
    for (const program of ['JKK', 'JKM'] as const) {
      const payments: DemoEnrolment['payments'] = [];
      for (let from = startMonth; from <= paidUntil; ) {
        // Sponsors pay up to December at once; self-paying workers three months at a time.
        const yearEnd = `${from.slice(0, 4)}-12`;
        const chunkEnd = fundingSource === 'SELF' ? addMonths(from, 2) : yearEnd;
        const to = chunkEnd < paidUntil ? chunkEnd : paidUntil;
        const months = monthsBetween(from, to) + 1;
        payments.push({
          fromMonth: from,
          toMonth: to,
          amount: months * demoMonthlyPremium(program, declaredIncome),
          fundingSource,
          paidOn: `${from}-${String(between(1, 15)).padStart(2, '0')}`,
        });
        from = addMonths(to, 1);
      }
      out.push({ workerIndex, program, kpj, startMonth, declaredIncome, fundingSource, payments });
    }
  });
  return out;
}
