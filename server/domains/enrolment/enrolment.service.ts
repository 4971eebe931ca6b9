/**
 * Protection status of workers, derived on the day asked from their enrolments and premium payments.
 * (Enrolling and recording payments arrive with the financing work; the demo dataset seeds both.)
 */
import { coverageOn, programStatusOn, type CoverageStatus, type Program, type ProgramStatus } from '../../../core/coverage.ts';
import type { Db } from '../../db/client.ts';
import { findParticipations } from './enrolment.repo.ts';

export interface WorkerCoverage {
  status: CoverageStatus;
  paidUntil: string | null;
  programs: { program: Program; kpj: string | null; startMonth: string; paidUntil: string | null; fundingSource: string; status: ProgramStatus }[];
}

export async function coverageOfWorkers(db: Db, workerIds: string[], day: string): Promise<Map<string, WorkerCoverage>> {
  const participations = await findParticipations(db, workerIds);
  const out = new Map<string, WorkerCoverage>();
  for (const id of workerIds) {
    const list = participations.get(id) ?? [];
    out.set(id, {
      ...coverageOn(list, day),
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
