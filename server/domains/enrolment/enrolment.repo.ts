import { eq, inArray, max } from 'drizzle-orm';
import type { Participation } from '../../../core/coverage.ts';
import type { Db } from '../../db/client.ts';
import { enrolments, premiumPayments } from './enrolment.table.ts';

export interface ParticipationRow extends Participation {
  kpj: string | null;
  fundingSource: string;
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
      paidUntil: max(premiumPayments.toMonth),
    })
    .from(enrolments)
    .leftJoin(premiumPayments, eq(premiumPayments.enrolmentId, enrolments.id))
    .where(inArray(enrolments.workerId, workerIds))
    .groupBy(enrolments.id);
  for (const { workerId, ...participation } of rows) {
    const list = byWorker.get(workerId) ?? [];
    list.push(participation);
    byWorker.set(workerId, list);
  }
  return byWorker;
}
