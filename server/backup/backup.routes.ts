/**
 * GET /api/admin/backup: the whole database as one Jaring backup file, for an admin (audited). With the
 * embedded PGlite the server also answers `npm run jaring -- backup` on a Unix socket in the data folder,
 * because the CLI cannot open a folder the server holds; the socket is the owner's alone (mode 0600, like
 * the data files beside it), so it needs no password.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { AppError, withoutQueryParams } from '../errors.ts';
import { errorResponses } from '../http/responses.ts';
import { currentUser } from '../plugins/session.ts';
import { BACKUP_SOCKET } from './backup-engines.ts';
import { ServerBackups, type ServerBackup } from './backup.service.ts';

export function backupRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const backups = new ServerBackups(deps.database, deps.now);

    app.get(
      '/api/admin/backup',
      {
        schema: {
          tags: ['admin'],
          summary: 'A consistent backup of the whole database (gzip-compressed JSON lines, restore with `npm run jaring -- restore FILE`); admin only',
          response: { 200: z.any().describe('The backup file'), ...errorResponses(401, 403, 409) },
        },
      },
      async (request, reply) => {
        const backup = await backups.createFor(currentUser(request), request.id);
        return reply
          .header('content-type', 'application/gzip')
          .header('content-disposition', `attachment; filename="${backup.fileName}"`)
          .header('content-length', backup.size)
          .header('cache-control', 'no-store')
          .send(openOnce(backup));
      },
    );

    const folder = deps.database.pglite?.dataDir;
    if (deps.database.kind === 'pglite' && folder && !folder.startsWith('memory://')) serveLocalBackups(app, backups, folder);
  };
}

/** The file's contents, removed from disk once sent (or once the client goes away). */
function openOnce(backup: ServerBackup): fs.ReadStream {
  const stream = fs.createReadStream(backup.path);
  stream.on('close', backup.remove);
  return stream;
}

/** Unix socket paths longer than this do not fit in sockaddr_un on Linux and macOS. */
const MAX_SOCKET_PATH = 100;

function serveLocalBackups(app: FastifyInstance, backups: ServerBackups, folder: string): void {
  const socketPath = path.join(folder, BACKUP_SOCKET);
  let server: http.Server | undefined;

  app.addHook('onReady', async () => {
    if (process.platform === 'win32' || Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
      app.log.warn(`no backup socket (path too long or unsupported): npm run jaring -- backup needs the server stopped`);
      return;
    }
    // The data-folder lock is ours, so a socket file left here belongs to a server that is gone.
    fs.rmSync(socketPath, { force: true });
    const listening = http.createServer((request, response) => void answer(request, response));
    try {
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(socketPath, () => resolve());
      });
      fs.chmodSync(socketPath, 0o600);
    } catch (err) {
      // A convenience for the CLI must never keep the server from starting.
      listening.close();
      app.log.warn(`no backup socket (${(err as Error).message}): npm run jaring -- backup needs the server stopped`);
      return;
    }
    listening.unref();
    server = listening;
  });

  app.addHook('onClose', async () => {
    if (!server) return;
    const closing = server;
    server = undefined;
    await new Promise<void>((resolve) => {
      closing.close(() => resolve());
      closing.closeAllConnections();
    });
    fs.rmSync(socketPath, { force: true });
  });

  async function answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.method !== 'GET' || request.url !== '/backup') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    // The OS account the CLI runs as, for the audit trail (the socket already restricts who may ask).
    const who = String(request.headers['x-jaring-user'] ?? '').replace(/[^\w.@-]/g, '').slice(0, 64) || 'unknown';
    try {
      const backup = await backups.create({ actor: null, attemptedUsername: `cli:${who}` }, 'cli');
      response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': backup.size });
      pipeline(openOnce(backup), response, () => {});
    } catch (err) {
      const isBusy = err instanceof AppError && err.code === 'BACKUP_RUNNING';
      if (!isBusy) app.log.error({ err: { message: withoutQueryParams((err as Error).message), stack: withoutQueryParams((err as Error).stack) } }, 'backup failed');
      const message = isBusy ? 'Another backup is being written right now; try again when it is done.' : `The server could not write the backup: ${(err as Error).message}`;
      response.writeHead(isBusy ? 409 : 500, { 'content-type': 'text/plain' }).end(`${message}\n`);
    }
  }
}
