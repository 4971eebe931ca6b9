/**
 * Benefit amounts for workers and heirs (shared/domain.md, "Benefits"): JKM death, JKK death and
 * permanent total disability, and children's scholarships. Pure and table-driven: the amounts are dated
 * rows with the regulation they come from, and the row in force on the event date applies.
 */
import { ageOn } from './dates.ts';

export const BENEFIT_PROGRAMS = ['JKM', 'JKK'] as const;
export type BenefitProgram = (typeof BENEFIT_PROGRAMS)[number];
export const BENEFIT_EVENTS = ['death', 'permanent_disability'] as const;
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

export interface BenefitItem {
  code: 'lump_sum' | 'income_multiple' | 'periodic' | 'funeral';
  label: string;
  amount: number;
}

export interface ScholarshipChild {
  yearlyAmount: number;
  totalEntitlement: number;
  /** The schooling years paid, from the event's school year on (level and amount each year). */
  schedule: { year: number; level: Exclude<SchoolLevel, 'none'>; amount: number }[];
  reason?: string;
}

export interface BenefitEstimate {
  items: BenefitItem[];
  /** The sum of `items`; scholarships are listed apart (they are paid year by year). */
  total: number;
  regulation: string;
  scholarship: { eligible: boolean; reason?: string; children: ScholarshipChild[] };
}

export interface BenefitInput {
  program: BenefitProgram;
  event: BenefitEvent;
  declaredIncome: number;
  contributionMonths: number;
  eventDate: string;
  children: readonly { birthDate: string; schoolLevel: SchoolLevel }[];
}

/** The rates in force on a date (YYYY-MM-DD), or undefined before the first recorded row. */
export function benefitRatesOn(date: string, rates: readonly BenefitRates[] = BENEFIT_RATES): BenefitRates | undefined {
  return [...rates].filter((r) => r.validFrom <= date).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
}

const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

/**
 * A child's scholarship path from the event on: full years of the current level and the levels after it
 * (a child not yet in school joins kindergarten at its usual age), while the child is under the age
 * limit, within the per-child maximum.
 */
function scholarshipPath(child: { birthDate: string; schoolLevel: SchoolLevel }, eventDate: string, rates: BenefitRates): ScholarshipChild {
  const { levels, ageLimit, maxPerChild } = rates.scholarship;
  const age = ageOn(child.birthDate, eventDate);
  if (age >= ageLimit) return { yearlyAmount: 0, totalEntitlement: 0, schedule: [], reason: `Anak berusia ${age} tahun; beasiswa hanya untuk anak di bawah ${ageLimit} tahun.` };
  const eventYear = Number(eventDate.slice(0, 4));
  const startIndex = child.schoolLevel === 'none' ? 0 : levels.findIndex((l) => l.level === child.schoolLevel);
  // A child not yet in school waits until the usual kindergarten age.
  let offset = child.schoolLevel === 'none' ? Math.max(0, levels[0]!.usualStartAge - age) : 0;
  const schedule: ScholarshipChild['schedule'] = [];
  let total = 0;
  for (const level of levels.slice(startIndex)) {
    for (let y = 0; y < level.years; y += 1, offset += 1) {
      if (age + offset >= ageLimit) break;
      const amount = Math.min(level.yearlyAmount, maxPerChild - total);
      if (amount <= 0) break;
      schedule.push({ year: eventYear + offset, level: level.level, amount });
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

/** What a claim for the event pays, with the scholarship of each child given (in the order given). */
export function estimateBenefits(input: BenefitInput, table: readonly BenefitRates[] = BENEFIT_RATES): BenefitEstimate {
  const rates = benefitRatesOn(input.eventDate, table);
  if (!rates) throw new BenefitError('RATES_MISSING', `Besaran manfaat untuk kejadian sebelum ${table[0]?.validFrom ?? '—'} belum dicatat di Jaring.`, 'eventDate');
  if (input.program === 'JKM' && input.event !== 'death') {
    throw new BenefitError('EVENT_NOT_COVERED', 'JKM hanya membayar manfaat kematian; cacat total tetap akibat kecelakaan kerja dibayar dari JKK.', 'event');
  }
  const income = Math.max(input.declaredIncome, rates.minDeclaredIncome);
  const items: BenefitItem[] = [];
  if (input.program === 'JKM') {
    items.push({ code: 'lump_sum', label: 'Santunan kematian sekaligus', amount: rates.jkmLumpSum });
  } else if (input.event === 'death') {
    items.push({ code: 'income_multiple', label: `Santunan kematian karena kecelakaan kerja (${rates.jkkDeathIncomeMultiple} × ${rupiah(income)})`, amount: rates.jkkDeathIncomeMultiple * income });
  } else {
    items.push({ code: 'income_multiple', label: `Santunan cacat total tetap (${rates.jkkDisabilityIncomeMultiple} × ${rupiah(income)})`, amount: rates.jkkDisabilityIncomeMultiple * income });
  }
  if (input.event === 'death') {
    items.push({ code: 'periodic', label: 'Santunan berkala (24 bulan, dibayar sekaligus)', amount: rates.periodic });
    items.push({ code: 'funeral', label: 'Biaya pemakaman', amount: rates.funeral });
  }
  const total = items.reduce((sum, i) => sum + i.amount, 0);

  const { maxChildren, jkmMinContributionMonths } = rates.scholarship;
  const noScholarship = (reason: string) => ({ eligible: false, reason, children: input.children.map(() => ({ yearlyAmount: 0, totalEntitlement: 0, schedule: [], reason })) });
  let scholarship: BenefitEstimate['scholarship'];
  if (input.program === 'JKM' && input.contributionMonths < jkmMinContributionMonths) {
    scholarship = noScholarship(
      `Beasiswa JKM memerlukan masa iur paling sedikit ${jkmMinContributionMonths / 12} tahun (${jkmMinContributionMonths} bulan); masa iur peserta ${input.contributionMonths} bulan.`,
    );
  } else {
    let granted = 0;
    const children = input.children.map((child) => {
      const path = scholarshipPath(child, input.eventDate, rates);
      if (path.totalEntitlement === 0 && path.schedule.length === 0) return path;
      if (granted >= maxChildren) {
        return { yearlyAmount: 0, totalEntitlement: 0, schedule: [], reason: `Beasiswa paling banyak untuk ${maxChildren} anak; anak ini melebihi batas.` };
      }
      granted += 1;
      return path;
    });
    scholarship = { eligible: true, children };
  }
  return { items, total, regulation: rates.regulation, scholarship };
}
