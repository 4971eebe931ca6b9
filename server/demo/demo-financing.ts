/**
 * The demo's financing ledger, built from the generated enrolments and payments so every sponsored month
 * has a source, a commitment within a budget and a payment — the same shape the financing screens
 * produce: sources (APBD, DBHCHT, one CSR sponsor, self-paid, ADD of the villages that fund workers),
 * yearly budgets with room left, commitments per worker and year, payment headers with their lines.
 */
import { randomUUID } from 'node:crypto';
import type { FundingKind } from '../../core/funding.ts';
import type { premiumPayments } from '../domains/enrolment/enrolment.table.ts';
import type { fundingBudgets, fundingCommitments, fundingSources, payments } from '../domains/financing/financing.table.ts';
import type { RegionDirectory } from '../domains/regions/region-directory.ts';

type SourceRow = typeof fundingSources.$inferInsert;
type BudgetRow = typeof fundingBudgets.$inferInsert;
type CommitmentRow = typeof fundingCommitments.$inferInsert;
type PaymentRow = typeof payments.$inferInsert;
type LineRow = typeof premiumPayments.$inferInsert;

export interface DemoLedgerInput {
  enrolment: { id: string; workerId: string; villageCode: string; program: 'JKK' | 'JKM'; fundingSource: string; declaredIncome: number };
  payments: { fromMonth: string; toMonth: string; amount: number; paidOn: string }[];
}

export interface DemoLedger {
  sources: SourceRow[];
  budgets: BudgetRow[];
  commitments: CommitmentRow[];
  payments: PaymentRow[];
  lines: LineRow[];
}

const SPONSORED: readonly FundingKind[] = ['APBD', 'DBHCHT', 'CSR', 'ADD'];

/** `extraAddVillages`: villages given an ADD source and budget even without funded workers (the demo operator's). */
export function buildDemoLedger(input: DemoLedgerInput[], regions: RegionDirectory, currentYear: number, extraAddVillages: string[]): DemoLedger {
  const regency = regions.served;
  const sources = new Map<string, SourceRow>();
  const sourceFor = (kind: FundingKind, villageCode: string): SourceRow => {
    const regionCode = kind === 'ADD' ? villageCode : regency.code;
    const key = `${kind}|${regionCode}`;
    let source = sources.get(key);
    if (!source) {
      const name =
        kind === 'ADD'
          ? `ADD Desa ${regions.get(villageCode)?.name ?? villageCode}`
          : kind === 'CSR'
            ? 'CSR PT Contoh Sejahtera (fiktif)'
            : kind === 'SELF'
              ? 'Mandiri (bayar sendiri)'
              : `${kind} ${regency.name}`;
      source = { id: randomUUID(), kind, regionCode, name };
      sources.set(key, source);
    }
    return source;
  };
  for (const village of extraAddVillages) sourceFor('ADD', village);

  const commitments: CommitmentRow[] = [];
  const headers = new Map<string, PaymentRow>();
  const lines: LineRow[] = [];
  // Commitments are per worker, source and year: JKK and JKM lines of one chunk share one.
  const byWorkerChunk = new Map<string, CommitmentRow>();
  for (const { enrolment, payments: chunks } of input) {
    const kind = (enrolment.fundingSource as FundingKind) ?? 'SELF';
    const source = sourceFor(kind, enrolment.villageCode);
    for (const chunk of chunks) {
      const header = headerFor(headers, source.id!, chunk);
      header.amount = Number(header.amount) + chunk.amount;
      header.expectedAmount = header.amount;
      lines.push({
        id: randomUUID(),
        enrolmentId: enrolment.id,
        fromMonth: chunk.fromMonth,
        toMonth: chunk.toMonth,
        amount: chunk.amount,
        fundingSource: kind,
        paymentId: header.id!,
        paidOn: header.paidOn,
        reference: header.reference,
      });
      if (!SPONSORED.includes(kind)) continue;
      const key = `${enrolment.workerId}|${chunk.fromMonth}`;
      const existing = byWorkerChunk.get(key);
      if (existing) {
        existing.totalAmount += chunk.amount;
        continue;
      }
      const commitment: CommitmentRow = {
        id: randomUUID(),
        sourceId: source.id!,
        workerId: enrolment.workerId,
        fiscalYear: Number(chunk.fromMonth.slice(0, 4)),
        fromMonth: chunk.fromMonth,
        toMonth: chunk.toMonth,
        programs: 'JKK,JKM',
        declaredIncome: enrolment.declaredIncome,
        totalAmount: chunk.amount,
        // The CSR sponsor funds one year; its workers then pay for themselves (the hand-over reminder list).
        handoverToSelf: kind === 'CSR' && chunk.toMonth === `${currentYear}-12`,
      };
      byWorkerChunk.set(key, commitment);
      commitments.push(commitment);
    }
  }
  const workersPerHeader = new Map<string, Set<string>>();
  const enrolmentWorker = new Map(input.map((i) => [i.enrolment.id, i.enrolment.workerId]));
  for (const line of lines) {
    const set = workersPerHeader.get(line.paymentId!) ?? new Set<string>();
    set.add(enrolmentWorker.get(line.enrolmentId)!);
    workersPerHeader.set(line.paymentId!, set);
  }
  for (const header of headers.values()) header.workerCount = workersPerHeader.get(header.id!)?.size ?? 0;

  // Budgets: what was committed plus room for more (a quarter, at least Rp10 million), current year included.
  const committed = new Map<string, number>();
  for (const c of commitments) committed.set(`${c.sourceId}|${c.fiscalYear}`, (committed.get(`${c.sourceId}|${c.fiscalYear}`) ?? 0) + c.totalAmount);
  for (const source of sources.values()) {
    if (source.kind !== 'SELF' && ![...committed.keys()].some((k) => k.startsWith(`${source.id}|${currentYear}`))) committed.set(`${source.id}|${currentYear}`, 0);
  }
  const budgets: BudgetRow[] = [...committed].map(([key, amount]) => {
    const [sourceId, year] = key.split('|') as [string, string];
    const room = Math.max(Math.ceil((amount * 0.25) / 1_000_000) * 1_000_000, 10_000_000);
    return {
      id: randomUUID(),
      sourceId,
      fiscalYear: Number(year),
      amount: amount + room,
      budgetLine: 'Belanja iuran jaminan sosial ketenagakerjaan (contoh)',
      legalBasis: 'Contoh data sintetis — bukan anggaran sebenarnya',
    };
  });
  return { sources: [...sources.values()], budgets, commitments, payments: [...headers.values()], lines };
}

/** Sponsors pay a batch per period: one header per source and period. */
function headerFor(headers: Map<string, PaymentRow>, sourceId: string, chunk: { fromMonth: string; toMonth: string; paidOn: string }): PaymentRow {
  const key = `${sourceId}|${chunk.fromMonth}|${chunk.toMonth}`;
  let header = headers.get(key);
  if (!header) {
    header = {
      id: randomUUID(),
      sourceId,
      fromMonth: chunk.fromMonth,
      toMonth: chunk.toMonth,
      workerCount: 0,
      amount: 0,
      expectedAmount: 0,
      paidOn: chunk.paidOn,
      reference: `DEMO-${chunk.fromMonth}-${headers.size + 1}`,
      note: 'Pembayaran contoh (data sintetis)',
    };
    headers.set(key, header);
  }
  return header;
}
