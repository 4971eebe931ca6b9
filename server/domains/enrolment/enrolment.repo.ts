import { inArray, sql } from 'drizzle-orm';
import type { Participation } from '../../../core/coverage.ts';
import type { Db } from '../../db/client.ts';
import { enrolments } from './enrolment.table.ts';

export interface ParticipationRow extends Participation {
  kpj: string | null;
  fundingSource: string;
  /** What the latest reconciled BPJS file said, when one did. */
  bpjsStatus: 'active' | 'non_active' | null;
  bpjsReportedOn: string | null;
}

/** Every participation of the given workers with the last month paid for, in one query. */
export async function findParticipations(db: Db, workerIds: string[]): Promise<Map<string, ParticipationRow[]>> {
  const byWorker = new Map<string, ParticipationRow[]>();
  if (workerIds.length === 0) return byWorker;
  const rows = await db
    .select({
      workerId: enrolments.workerId,
      program: enrolments.program,
      kpj: enrolments.kpj,
      fundingSource: enrolments.fundingSource,
      startMonth: enrolments.startMonth,
      endedOn: enrolments.endedOn,
      // A correlated max per enrolment always walks the (enrolment_id, to_month) index, whatever the table sizes.
      // (Spelled out: inside a one-table select Drizzle would leave the columns unqualified.)
      // Paid-until is the later of Jaring's recorded payments and the month BPJS reports as paid (reconciliation).
      paidUntil: sql<string | null>`greatest((select max(p.to_month) from premium_payments p where p.enrolment_id = "enrolments"."id"), "enrolments"."bpjs_paid_until")`,
      bpjsStatus: enrolments.bpjsStatus,
      bpjsReportedOn: enrolments.bpjsReportedOn,
    })
    .from(enrolments)
    .where(inArray(enrolments.workerId, workerIds));
  for (const { workerId, ...participation } of rows) {
    const list = byWorker.get(workerId) ?? [];
    list.push(participation);
    byWorker.set(workerId, list);
  }
  return byWorker;
}
