/**
 * Benefit amounts for workers and heirs (shared/domain.md, "Benefits"): JKM death, JKK death, permanent
 * total disability and temporary incapacity, and children's scholarships. Pure and table-driven: the
 * amounts are dated rows with the regulation they come from (stored in the database so an admin can add
 * one when a regulation changes), and the row in force on the event date applies.
 */
import { z } from 'zod';
import { ageOn } from './dates.ts';

export const BENEFIT_PROGRAMS = ['JKM', 'JKK'] as const;
export type BenefitProgram = (typeof BENEFIT_PROGRAMS)[number];
/** `temporary_incapacity`: a work accident that keeps the worker from work for `incapacityDays` (JKK only). */
export const BENEFIT_EVENTS = ['death', 'permanent_disability', 'temporary_incapacity'] as const;
export type BenefitEvent = (typeof BENEFIT_EVENTS)[number];
export const SCHOOL_LEVELS = ['none', 'TK', 'SD', 'SMP', 'SMA', 'PT'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const SCHOOL_LEVEL_LABELS: Record<SchoolLevel, string> = {
  none: 'Belum sekolah',
  TK: 'TK',
  SD: 'SD',
  SMP: 'SMP',
  SMA: 'SMA/SMK',
  PT: 'Perguruan tinggi atau pelatihan kerja',
};

export interface ScholarshipLevelRate {
  level: Exclude<SchoolLevel, 'none'>;
  yearlyAmount: number;
  /** Years the level is paid at most. */
  years: number;
  /** The age a child usually starts the level (a child not yet in school starts kindergarten at this age). */
  usualStartAge: number;
}

/** The amounts in force from a date, with the regulation that set them. */
export interface BenefitRates {
  validFrom: string;
  regulation: string;
  jkmLumpSum: number;
  /** Periodic benefit (24 months), paid at once. */
  periodic: number;
  funeral: number;
  /** JKK death: this many times the declared monthly income. */
  jkkDeathIncomeMultiple: number;
  /** JKK permanent total disability: up to this many times the declared monthly income. */
  jkkDisabilityIncomeMultiple: number;
  /** JKK temporary incapacity (STMB): this share of the declared income for the first months, then the later share. */
  temporaryIncapacity: { fullMonths: number; fullPercent: number; laterPercent: number };
  minDeclaredIncome: number;
  scholarship: {
    maxChildren: number;
    /** A child must be under this age. */
    ageLimit: number;
    /** Contribution months JKM needs before a scholarship is due (JKK needs none). */
    jkmMinContributionMonths: number;
    maxPerChild: number;
    levels: readonly ScholarshipLevelRate[];
  };
}

/** PP 82/2019 (in force 2 December 2019), amending PP 44/2015; domain.md "Benefits". */
export const BENEFIT_RATES: readonly BenefitRates[] = [
  {
    validFrom: '2019-12-02',
    regulation: 'PP 44/2015 jo. PP 82/2019',
    jkmLumpSum: 20_000_000,
    periodic: 12_000_000,
    funeral: 10_000_000,
    jkkDeathIncomeMultiple: 48,
    jkkDisabilityIncomeMultiple: 56,
    temporaryIncapacity: { fullMonths: 12, fullPercent: 100, laterPercent: 50 },
    minDeclaredIncome: 1_000_000,
    scholarship: {
      maxChildren: 2,
      ageLimit: 23,
      jkmMinContributionMonths: 36,
      maxPerChild: 87_000_000,
      levels: [
        { level: 'TK', yearlyAmount: 1_500_000, years: 2, usualStartAge: 4 },
        { level: 'SD', yearlyAmount: 1_500_000, years: 6, usualStartAge: 6 },
        { level: 'SMP', yearlyAmount: 2_000_000, years: 3, usualStartAge: 12 },
        { level: 'SMA', yearlyAmount: 3_000_000, years: 3, usualStartAge: 15 },
        { level: 'PT', yearlyAmount: 12_000_000, years: 5, usualStartAge: 18 },
      ],
    },
  },
];

const amount = z.number().int().min(0).max(10_000_000_000);
const scholarshipLevelSchema = z.object({
  level: z.enum(['TK', 'SD', 'SMP', 'SMA', 'PT']),
  yearlyAmount: amount,
  years: z.number().int().min(1).max(10),
  usualStartAge: z.number().int().min(0).max(30),
});

/** The amounts of one dated row, as an admin enters them and the database stores them (JSON). */
export const benefitAmountsSchema = z.object({
  jkmLumpSum: amount,
  periodic: amount,
  funeral: amount,
  jkkDeathIncomeMultiple: z.number().int().min(0).max(200),
  jkkDisabilityIncomeMultiple: z.number().int().min(0).max(200),
  temporaryIncapacity: z.object({
    fullMonths: z.number().int().min(0).max(120),
    fullPercent: z.number().int().min(0).max(100),
    laterPercent: z.number().int().min(0).max(100),
  }),
  minDeclaredIncome: amount,
  scholarship: z.object({
    maxChildren: z.number().int().min(0).max(10),
    ageLimit: z.number().int().min(1).max(40),
    jkmMinContributionMonths: z.number().int().min(0).max(600),
    maxPerChild: amount,
    levels: z
      .array(scholarshipLevelSchema)
      .length(5, 'Isi kelima jenjang: TK, SD, SMP, SMA, PT.')
      .refine((levels) => levels.map((l) => l.level).join() === 'TK,SD,SMP,SMA,PT', 'Jenjang ditulis berurutan: TK, SD, SMP, SMA, PT.'),
  }),
});
export type BenefitAmounts = z.infer<typeof benefitAmountsSchema>;

export class BenefitError extends Error {
  constructor(
    readonly code: 'EVENT_NOT_COVERED' | 'RATES_MISSING',
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'BenefitError';
  }
}

export const BENEFIT_ITEM_CODES = ['lump_sum', 'income_multiple', 'periodic', 'funeral', 'temporary_incapacity'] as const;
export type BenefitItemCode = (typeof BENEFIT_ITEM_CODES)[number];

export interface BenefitItem {
  code: BenefitItemCode;
  label: string;
  amount: number;
}

export interface ScholarshipYear {
  /** The school year (tahun ajaran) by the calendar year it starts in July: 2026 is 2026/2027. */
  year: number;
  level: Exclude<SchoolLevel, 'none'>;
  amount: number;
  /** When the year can be claimed: the event day for the first school year, else 1 July of its year. */
  dueOn: string;
}

export interface ScholarshipChild {
  yearlyAmount: number;
  totalEntitlement: number;
  /** The schooling years paid, from the event's school year on (level and amount each year). */
  schedule: ScholarshipYear[];
  reason?: string;
}

export interface BenefitEstimate {
  items: BenefitItem[];
  /** The sum of `items`; scholarships are listed apart (they are paid year by year). */
  total: number;
  regulation: string;
  /** Benefits without a fixed amount (medical care) and other things the family should know. */
  notes: string[];
  scholarship: { eligible: boolean; reason?: string; children: ScholarshipChild[] };
}

export interface BenefitChild {
  birthDate: string;
  schoolLevel: SchoolLevel;
  /** A married or working child no longer receives a scholarship (Permenaker 5/2021). */
  married?: boolean;
  working?: boolean;
}

export interface BenefitInput {
  program: BenefitProgram;
  event: BenefitEvent;
  declaredIncome: number;
  contributionMonths: number;
  eventDate: string;
  /** Days unable to work after a work accident (temporary incapacity only). */
  incapacityDays?: number;
  children: readonly BenefitChild[];
}

/** The rates in force on a date (YYYY-MM-DD), or undefined before the first recorded row. */
export function benefitRatesOn(date: string, rates: readonly BenefitRates[] = BENEFIT_RATES): BenefitRates | undefined {
  return [...rates].filter((r) => r.validFrom <= date).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
}

const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

/** The school year (by the year it starts in July) a day falls in: 2026-08-10 → 2026, 2026-03-01 → 2025. */
export function schoolYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 7 ? year : year - 1;
}

/** `2026` → "2026/2027". */
export function schoolYearLabel(year: number): string {
  return `${year}/${year + 1}`;
}

/** When a school year's scholarship can be claimed: at the event for the event's school year, else on 1 July. */
export function scholarshipDueOn(year: number, eventDate: string): string {
  return year <= schoolYearOf(eventDate) ? eventDate : `${year}-07-01`;
}

/** Why a child cannot receive a scholarship at all, or undefined when it can (age on the event day). */
export function childIneligibility(child: BenefitChild, eventDate: string, rates: BenefitRates): string | undefined {
  const age = ageOn(child.birthDate, eventDate);
  if (age >= rates.scholarship.ageLimit) return `Anak berusia ${age} tahun; beasiswa hanya untuk anak di bawah ${rates.scholarship.ageLimit} tahun.`;
  if (child.married) return 'Anak sudah menikah; beasiswa hanya untuk anak yang belum menikah.';
  if (child.working) return 'Anak sudah bekerja; beasiswa hanya untuk anak yang belum bekerja.';
  return undefined;
}

/**
 * A child's scholarship path from the event on: full years of the current level and the levels after it
 * (a child not yet in school joins kindergarten at its usual age), while the child is under the age
 * limit on the day each year is claimed, within the per-child maximum.
 */
function scholarshipPath(child: BenefitChild, eventDate: string, rates: BenefitRates): ScholarshipChild {
  const { levels, ageLimit, maxPerChild } = rates.scholarship;
  const reason = childIneligibility(child, eventDate, rates);
  if (reason) return { yearlyAmount: 0, totalEntitlement: 0, schedule: [], reason };
  const age = Math.max(0, ageOn(child.birthDate, eventDate));
  const firstYear = schoolYearOf(eventDate);
  const startIndex = child.schoolLevel === 'none' ? 0 : levels.findIndex((l) => l.level === child.schoolLevel);
  // A child not yet in school waits until the usual kindergarten age.
  let offset = child.schoolLevel === 'none' ? Math.max(0, levels[0]!.usualStartAge - age) : 0;
  const schedule: ScholarshipYear[] = [];
  let total = 0;
  for (const level of levels.slice(startIndex)) {
    for (let y = 0; y < level.years; y += 1, offset += 1) {
      const year = firstYear + offset;
      const dueOn = scholarshipDueOn(year, eventDate);
      if (ageOn(child.birthDate, dueOn) >= ageLimit) break;
      const amount = Math.min(level.yearlyAmount, maxPerChild - total);
      if (amount <= 0) break;
      schedule.push({ year, level: level.level, amount, dueOn });
      total += amount;
    }
  }
  const yearlyAmount = child.schoolLevel === 'none' ? 0 : (schedule[0]?.amount ?? 0);
  return {
    yearlyAmount,
    totalEntitlement: total,
    schedule,
    ...(child.schoolLevel === 'none' ? { reason: 'Belum sekolah: beasiswa mulai dibayar saat anak masuk sekolah.' } : {}),
  };
}

/**
 * Temporary incapacity (STMB) for `days` off work: the full share of the income for the first months,
 * the later share after that, counted in 30-day months (whole Rupiah, rounded down).
 */
export function temporaryIncapacityAmount(income: number, days: number, rates: BenefitRates): number {
  const { fullMonths, fullPercent, laterPercent } = rates.temporaryIncapacity;
  const fullDays = Math.min(days, fullMonths * 30);
  const laterDays = Math.max(0, days - fullMonths * 30);
  return Math.floor((income * fullDays * fullPercent) / 3000 + (income * laterDays * laterPercent) / 3000);
}

/** What a claim for the event pays, with the scholarship of each child given (in the order given). */
export function estimateBenefits(input: BenefitInput, table: readonly BenefitRates[] = BENEFIT_RATES): BenefitEstimate {
  const rates = benefitRatesOn(input.eventDate, table);
  if (!rates) throw new BenefitError('RATES_MISSING', `Besaran manfaat untuk kejadian sebelum ${table[0]?.validFrom ?? '—'} belum dicatat di Jaring.`, 'eventDate');
  if (input.program === 'JKM' && input.event !== 'death') {
    throw new BenefitError('EVENT_NOT_COVERED', 'JKM hanya membayar manfaat kematian; cacat atau tidak mampu bekerja akibat kecelakaan kerja dibayar dari JKK.', 'event');
  }
  const income = Math.max(input.declaredIncome, rates.minDeclaredIncome);
  const items: BenefitItem[] = [];
  const notes: string[] = [];
  if (input.program === 'JKM') {
    items.push({ code: 'lump_sum', label: 'Santunan kematian sekaligus', amount: rates.jkmLumpSum });
  } else if (input.event === 'death') {
    items.push({ code: 'income_multiple', label: `Santunan kematian karena kecelakaan kerja (${rates.jkkDeathIncomeMultiple} × ${rupiah(income)})`, amount: rates.jkkDeathIncomeMultiple * income });
  } else if (input.event === 'permanent_disability') {
    items.push({ code: 'income_multiple', label: `Santunan cacat total tetap (${rates.jkkDisabilityIncomeMultiple} × ${rupiah(income)})`, amount: rates.jkkDisabilityIncomeMultiple * income });
  } else {
    const days = input.incapacityDays ?? 0;
    const { fullMonths, fullPercent, laterPercent } = rates.temporaryIncapacity;
    items.push({
      code: 'temporary_incapacity',
      label: `Santunan sementara tidak mampu bekerja (STMB) ${days} hari: ${fullPercent}% penghasilan ${fullMonths} bulan pertama, lalu ${laterPercent}%`,
      amount: temporaryIncapacityAmount(income, days, rates),
    });
  }
  if (input.program === 'JKK') {
    notes.push('Perawatan dan pengobatan akibat kecelakaan kerja dibayar sesuai kebutuhan medis, tanpa batas biaya, langsung ke fasilitas kesehatan.');
  }
  if (input.event === 'death') {
    items.push({ code: 'periodic', label: 'Santunan berkala (24 bulan, dibayar sekaligus)', amount: rates.periodic });
    items.push({ code: 'funeral', label: 'Biaya pemakaman', amount: rates.funeral });
  }
  const total = items.reduce((sum, i) => sum + i.amount, 0);

  const { maxChildren, jkmMinContributionMonths } = rates.scholarship;
  const noScholarship = (reason: string) => ({ eligible: false, reason, children: input.children.map(() => ({ yearlyAmount: 0, totalEntitlement: 0, schedule: [], reason })) });
  let scholarship: BenefitEstimate['scholarship'];
  if (input.event === 'temporary_incapacity') {
    scholarship = noScholarship('Beasiswa hanya untuk anak peserta yang meninggal dunia atau cacat total tetap.');
  } else if (input.program === 'JKM' && input.contributionMonths < jkmMinContributionMonths) {
    scholarship = noScholarship(
      `Beasiswa JKM memerlukan masa iur paling sedikit ${jkmMinContributionMonths / 12} tahun (${jkmMinContributionMonths} bulan); masa iur peserta ${input.contributionMonths} bulan.`,
    );
  } else {
    let granted = 0;
    const children = input.children.map((child) => {
      const path = scholarshipPath(child, input.eventDate, rates);
      // A child who can never receive one (too old, married, working) takes no place among the two.
      if (path.schedule.length === 0) return path;
      if (granted >= maxChildren) {
        return { yearlyAmount: 0, totalEntitlement: 0, schedule: [], reason: `Beasiswa paling banyak untuk ${maxChildren} anak; anak ini melebihi batas.` };
      }
      granted += 1;
      return path;
    });
    scholarship = { eligible: true, children };
  }
  return { items, total, regulation: rates.regulation, notes, scholarship };
}
