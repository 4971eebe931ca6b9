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
  programs: {
    program: Program;
    kpj: string | null;
    startMonth: string;
    paidUntil: string | null;
    fundingSource: string;
    status: ProgramStatus;
    bpjsStatus: 'active' | 'non_active' | null;
    bpjsReportedOn: string | null;
  }[];
  /** Per programme, as BPJS reported it (reconciliation) or as derived from Jaring's own payments. */
  enrolments: WorkerEnrolment[];
}

export interface WorkerEnrolment {
  program: Program;
  kpj: string | null;
  /** The BPJS file's status when the participation came from it; otherwise the status derived today. */
  status: 'active' | 'non_active' | ProgramStatus;
  /** The status derived today from the paid-until month (grace and lapse included). */
  statusToday: ProgramStatus;
  paidUntil: string | null;
  source: 'bpjs' | 'jaring';
  reportedOn: string | null;
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
          bpjsStatus: p.bpjsStatus,
          bpjsReportedOn: p.bpjsReportedOn,
        }))
        .sort((a, b) => a.program.localeCompare(b.program)),
      enrolments: list
        .map((p) => {
          const statusToday = programStatusOn(p, day);
          return {
            program: p.program,
            kpj: p.kpj,
            status: p.bpjsStatus ?? statusToday,
            statusToday,
            paidUntil: p.paidUntil,
            source: p.bpjsStatus ? ('bpjs' as const) : ('jaring' as const),
            reportedOn: p.bpjsReportedOn,
          };
        })
        .sort((a, b) => a.program.localeCompare(b.program)),
    });
  }
  return out;
}
