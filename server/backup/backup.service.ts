/**
 * Backups taken by the running server, for an admin in the browser (GET /api/admin/backup) and for
 * `npm run jaring -- backup` while the server holds the PGlite data folder (the local socket). The file
 * is written to a private temporary folder first and handed out from there, so a slow download never
 * keeps the snapshot open: on PGlite the snapshot holds the database's only connection, and other
 * requests wait until the file is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../db/client.ts';
import { recordAudit, type AuditContext } from '../domains/audit/audit.service.ts';
import type { SessionUser } from '../domains/auth/auth.service.ts';
import { AppError, errors } from '../errors.ts';
import { connectionTo } from './backup-engines.ts';
import { backupFileName } from './backup-format.ts';
import { writeBackup, type WrittenBackup } from './backup-writer.ts';

export interface ServerBackup extends WrittenBackup {
  path: string;
  fileName: string;
  /** Removes the temporary file; call once it has been sent. */
  remove(): void;
}

export class ServerBackups {
  private isRunning = false;

  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
  ) {}

  /** A backup for an admin in the browser: the whole register, so the manpower office's admins only. */
  createFor(actor: SessionUser, requestId: string): Promise<ServerBackup> {
    if (actor.role !== 'admin') throw errors.forbidden('Hanya admin Disnakertrans yang dapat mengunduh cadangan basis data.');
    return this.create({ actor, requestId }, 'web');
  }

  /**
   * Audits the backup (the entry is inside the backup itself: it is written before the snapshot), then
   * writes it. One at a time: a second request while one is written gets BACKUP_RUNNING.
   */
  async create(audit: AuditContext, via: 'web' | 'cli'): Promise<ServerBackup> {
    if (this.isRunning) throw new AppError('conflict', 'BACKUP_RUNNING', 'Cadangan lain sedang dibuat. Coba lagi setelah cadangan itu selesai.');
    this.isRunning = true;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-backup-'));
    const remove = () => fs.rmSync(folder, { recursive: true, force: true });
    try {
      const fileName = backupFileName(this.now());
      await recordAudit(this.database.db, audit, { action: 'export', entity: 'backup', entityId: fileName, changes: { via, engine: this.database.kind } });
      const file = path.join(folder, fileName);
      const connection = await connectionTo(this.database);
      let written: WrittenBackup;
      try {
        written = await connection.transaction('snapshot', (session) => writeBackup(session, this.database.kind, file));
      } finally {
        await connection.close();
      }
      return { ...written, path: file, fileName, remove };
    } catch (err) {
      remove();
      throw err;
    } finally {
      this.isRunning = false;
    }
  }
}
