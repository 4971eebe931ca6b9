/**
 * Which financing pages a role opens, and the small pure sums the pages share. The server decides every
 * write (scope, `canManage`); these only keep a role away from pages that can show it nothing useful.
 */
import { addMonths } from '../../../core/months.ts';
import type { Role } from '../../../core/roles.ts';

/** Funding sources and budgets: every role reads them (the dashboard viewer too). */
export function canSeeFunding(_role: Role): boolean {
  return true;
}

/** A village's plan and its priority proposal: the regency office, district offices and village operators. */
export function canSeePlan(role: Role): boolean {
  return role === 'admin' || role === 'district' || role === 'village';
}

/** Payments list their workers, so the dashboard viewer stays out. */
export function canSeePayments(role: Role): boolean {
  return role !== 'viewer';
}

/** Commitments list workers with their NIK: everyone who plans or pays, not the dashboard viewer. */
export function canSeeCommitments(role: Role): boolean {
  return role !== 'viewer';
}

/** Renewal worklists name workers to visit: everyone who follows workers up, not the dashboard viewer. */
export function canSeeWorklists(role: Role): boolean {
  return role !== 'viewer';
}

/** Adding a funding source: the regency office (any kind) and village operators (their own ADD). */
export function canAddSource(role: Role): boolean {
  return role === 'admin' || role === 'village';
}

/** `count` months listed from `from`, oldest first: the choices of a month picker. */
export function monthRange(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(from, i));
}

/** The rest of a fiscal year from `today`'s month, or the whole year when it lies ahead. */
export function defaultPeriod(year: number, todayMonth: string): { fromMonth: string; toMonth: string } {
  const january = `${year}-01`;
  const fromMonth = todayMonth > january && todayMonth.slice(0, 4) === String(year) ? todayMonth : january;
  return { fromMonth, toMonth: `${year}-12` };
}

/** The cost of the ticked candidates, and whether it stays within the budget. */
export function tickedTotal(candidates: readonly { workerId: string; cost: number }[], ticked: ReadonlySet<string>, budget: number) {
  let total = 0;
  let count = 0;
  for (const c of candidates) {
    if (!ticked.has(c.workerId)) continue;
    total += c.cost;
    count++;
  }
  return { total, count, overBudget: total > budget, left: budget - total };
}

/** What the commitments list needs of a commitment to pick it for a payment. */
export interface PayableCommitment {
  sourceId: string;
  fromMonth: string;
  toMonth: string;
  paidAmount: number;
  cancelledAt: string | null;
}

/** Commitments paid together must share one source and the same months: one payment, one period. */
export function paymentGroupKey(c: Pick<PayableCommitment, 'sourceId' | 'fromMonth' | 'toMonth'>): string {
  return `${c.sourceId}|${c.fromMonth}|${c.toMonth}`;
}

/**
 * Whether a commitment can be ticked for a payment: still standing, nothing paid on it yet, a source the
 * caller manages, and the same source and months as what is already ticked (`groupKey`, null when none).
 */
export function canTickForPayment(c: PayableCommitment, canManage: boolean, groupKey: string | null): boolean {
  if (!canManage || c.cancelledAt !== null || c.paidAmount > 0) return false;
  return groupKey === null || paymentGroupKey(c) === groupKey;
}
