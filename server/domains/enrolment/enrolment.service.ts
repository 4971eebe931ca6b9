/**
 * Protection status of workers, derived on the day asked from their enrolments and premium payments.
 * (Enrolling and recording payments arrive with the financing work; the demo dataset seeds both.)
 */
import { coverageOn, programStatusOn, type CoverageStatus, type Program, type ProgramStatus } from '../../../core/coverage.ts';
import type { Db } from '../../db/client.ts';
import { findParticipations } from './enrolment.repo.ts';

export interface WorkerCoverage {
  status: CoverageStatus;
  /** The earlier of the JKK and JKM paid-until months: protection runs out from there. */
  paidUntil: string | null;
  programs: { program: Program; kpj: string | null; startMonth: string; paidUntil: string | null; fundingSource: string; status: ProgramStatus }[];
}

export async function coverageOfWorkers(db: Db, workerIds: string[], day: string): Promise<Map<string, WorkerCoverage>> {
  const participations = await findParticipations(db, workerIds);
  const out = new Map<string, WorkerCoverage>();
  for (const id of workerIds) {
    const list = participations.get(id) ?? [];
    const basic = list.filter((p) => p.program === 'JKK' || p.program === 'JKM').map((p) => p.paidUntil ?? '');
    const status = coverageOn(list, day);
    out.set(id, {
      status,
      paidUntil: status === 'not_enrolled' || basic.length === 0 ? null : basic.sort()[0] || null,
      programs: list
        .map((p) => ({
          program: p.program,
          kpj: p.kpj,
          startMonth: p.startMonth,
          paidUntil: p.paidUntil,
          fundingSource: p.fundingSource,
          status: programStatusOn(p, day),
        }))
        .sort((a, b) => a.program.localeCompare(b.program)),
    });
  }
  return out;
}
