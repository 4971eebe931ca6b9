/**
 * Runs import jobs in the background of the process that received the file, one at a time (imports are
 * bulk writes; running two at once would only make both slower). A job interrupted by a crash or a
 * restart is resumed after its last committed batch when the server starts again.
 */
import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbKind } from '../../db/client.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { runBpjsImport } from '../reconciliation/bpjs-import.ts';
import { runCensusImport } from './census-pipeline.ts';
import { UnreadableFile, UnreadSharedStrings } from './file-reader.ts';
import { claimJob, failJob, findResumableJobIds, type ImportJobRow } from './imports.repo.ts';

/** What running one job needs. */
export interface ImportDeps {
  db: Db;
  regions: RegionDirectory;
  /** Today in the regency's calendar (YYYY-MM-DD). */
  today: () => string;
  residentMinAge: number;
  residentMaxAge: number;
  /** Rows per transaction. */
  batchRows: number;
  log?: FastifyBaseLogger;
}

export interface JobControl {
  /** True once the process is shutting down: the job stops after the batch in hand and resumes on the next start. */
  shouldStop(): boolean;
  /** Called after each committed batch (the CLI prints a progress line). */
  onProgress?(job: { rowsDone: number; bytesRead: number; fileSize: number }): void;
}

export type JobOutcome = 'done' | 'failed' | 'stopped';

/** Thrown by a pipeline for a problem with the file itself: the job fails with this (Indonesian) message. */
export class ImportFileError extends Error {}

export async function runJob(deps: ImportDeps, job: ImportJobRow, control: JobControl): Promise<JobOutcome> {
  try {
    if (!fs.existsSync(job.filePath)) throw new ImportFileError('Berkas impor tidak ditemukan lagi di server. Unggah berkas itu sekali lagi.');
    const outcome = job.kind === 'workers' ? await runCensusImport(deps, job, control) : await runBpjsImport(deps, job, control);
    // A stopped job keeps its file to resume from; a finished one no longer needs it (names and NIKs on disk).
    if (outcome === 'done') fs.rmSync(job.filePath, { force: true });
    return outcome;
  } catch (error) {
    fs.rmSync(job.filePath, { force: true });
    if (error instanceof ImportFileError || error instanceof UnreadableFile || error instanceof UnreadSharedStrings) {
      const message =
        error instanceof ImportFileError || error instanceof UnreadableFile
          ? error.message
          : 'Berkas Excel tidak terbaca lengkap. Buka berkas di Excel, simpan ulang sebagai .xlsx (atau CSV), lalu impor lagi; baris yang sudah tersimpan tidak berubah.';
      await failJob(deps.db, job.id, message);
      return 'failed';
    }
    // Database errors may quote row values (a NIK in a constraint message): log the code only.
    // Drizzle wraps driver errors: the SQLSTATE is on the cause.
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    deps.log?.error({ importId: job.id, code }, 'import failed');
    await failJob(deps.db, job.id, `Impor berhenti karena kesalahan sistem (${code}). Baris yang sudah tersimpan tetap ada; jalankan impor berkas yang sama sekali lagi untuk melanjutkan.`).catch(() => {});
    return 'failed';
  }
}

export interface RunnerDeps extends ImportDeps {
  /** With the embedded database every interrupted job belongs to this process (see resumePending). */
  dbKind: DbKind;
}

export class ImportRunner {
  private readonly queue: string[] = [];
  private running: Promise<void> | null = null;
  private stopping = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: RunnerDeps) {}

  /** Queues a job; it starts as soon as the jobs before it are finished. */
  enqueue(id: string): void {
    if (this.stopping || this.queue.includes(id)) return;
    this.queue.push(id);
    this.running ??= this.drain();
  }

  /** Picks up jobs left queued or interrupted (at start-up). */
  async resumePending(): Promise<number> {
    // An embedded database belongs to this process alone: every "running" job there was interrupted.
    const ids = await findResumableJobIds(this.deps.db, this.deps.dbKind === 'pglite');
    for (const id of ids) this.enqueue(id);
    return ids.length;
  }

  /** Resolves when no job is queued or running (tests and the CLI wait on it). */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops after the current batch; the job resumes on the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.queue.length = 0;
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (let id = this.queue.shift(); id !== undefined && !this.stopping; id = this.queue.shift()) {
        const job = await claimJob(this.deps.db, id, this.deps.dbKind === 'pglite');
        if (!job) continue; // finished already, or another process holds it
        await runJob(this.deps, job, { shouldStop: () => this.stopping });
      }
    } catch (error) {
      this.deps.log?.error({ code: (error as { code?: string }).code }, 'import runner error');
    } finally {
      this.running = null;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
