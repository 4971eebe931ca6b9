/**
 * Funding sources and the rules every assignment of a source to workers' months obeys (shared/domain.md,
 * "Who pays"). Pure: the server and the browser both check with these.
 */
import { addMonths, monthsBetween } from './months.ts';
import type { Actor } from './roles.ts';
import { isWithinRegion } from './regions.ts';

export const FUNDING_KINDS = ['APBD', 'ADD', 'DBHCHT', 'CSR', 'SELF', 'DD'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];

export const FUNDING_KIND_LABELS: Record<FundingKind, { id: string; en: string }> = {
  APBD: { id: 'APBD kabupaten', en: 'Regency budget (APBD)' },
  ADD: { id: 'Alokasi Dana Desa (ADD)', en: 'Village allocation (ADD)' },
  DBHCHT: { id: 'DBH Cukai Hasil Tembakau', en: 'Tobacco excise share (DBHCHT)' },
  CSR: { id: 'CSR perusahaan', en: 'Company CSR' },
  SELF: { id: 'Mandiri (bayar sendiri)', en: 'Self-paid' },
  DD: { id: 'Dana Desa (DD)', en: 'Village fund (DD)' },
};

/** Sources owned by one village (region = village code); the others by a regency. */
export const VILLAGE_KINDS: readonly FundingKind[] = ['ADD', 'DD'];
/** Sources without a budget ceiling: the worker pays. */
export const UNBUDGETED_KINDS: readonly FundingKind[] = ['SELF'];

/** Dana Desa may not pay BPJS Ketenagakerjaan premiums for months from this one on. */
export const DD_BANNED_FROM = '2024-01';
export const DD_REFUSAL_REASON =
  'Dana Desa tidak boleh lagi membayar iuran BPJS Ketenagakerjaan untuk bulan Januari 2024 dan sesudahnya ' +
  '(Surat Edaran Kemendesa PDTT 5 Januari 2024; perlindungan pekerja rentan dibiayai APBD menurut Permendagri 15/2023). ' +
  'Gunakan ADD atau ajukan ke APBD kabupaten.';

/** Null when a source may pay for these months; else the reason it may not. */
export function fundingRefusal(kind: FundingKind, fromMonth: string, toMonth: string): string | null {
  if (kind === 'DD' && toMonth >= DD_BANNED_FROM) return DD_REFUSAL_REASON;
  void fromMonth;
  return null;
}

/** The fiscal (calendar) year of a month. */
export function fiscalYearOf(month: string): number {
  return Number(month.slice(0, 4));
}

/** Splits `from`..`to` at fiscal-year ends: budgets are per year, so is every commitment. */
export function splitByFiscalYear(fromMonth: string, toMonth: string): { fiscalYear: number; fromMonth: string; toMonth: string }[] {
  const out: { fiscalYear: number; fromMonth: string; toMonth: string }[] = [];
  for (let start = fromMonth; monthsBetween(start, toMonth) >= 0; ) {
    const year = fiscalYearOf(start);
    const end = `${year}-12` < toMonth ? `${year}-12` : toMonth;
    out.push({ fiscalYear: year, fromMonth: start, toMonth: end });
    start = addMonths(end, 1);
  }
  return out;
}

/**
 * Who manages a source's budget, commitments and payments: the manpower office every source; a village
 * operator only their own village's ADD (and, for months before 2024, DD); a BPJS officer records self-payments.
 */
export function canManageSource(actor: Actor, source: { kind: FundingKind; regionCode: string }): boolean {
  switch (actor.role) {
    case 'admin':
      return isWithinRegion(source.regionCode, actor.regionCode);
    case 'village':
      return (source.kind === 'ADD' || source.kind === 'DD') && source.regionCode === actor.regionCode;
    case 'bpjs':
      return source.kind === 'SELF' && isWithinRegion(source.regionCode, actor.regionCode);
    default:
      return false;
  }
}

/** Whole workers a remaining budget still pays for, at a per-worker cost. */
export function workersCoverable(remaining: number, costPerWorker: number): number {
  return costPerWorker > 0 ? Math.max(0, Math.floor(remaining / costPerWorker)) : 0;
}
