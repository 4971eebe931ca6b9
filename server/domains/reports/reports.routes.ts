import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { leaderboardQuerySchema, paritranaQuerySchema } from '../../../core/coverage.schema.ts';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import type { CoverageContext } from '../ucj/coverage.service.ts';
import { sendFile } from '../../http/files.ts';
import { awardCertificatePdf, awardRankingXlsx, leaderboardXlsx, paritranaReport } from './reports.service.ts';

const fileResponse = { 200: z.any().describe('The file (XLSX or PDF)'), ...errorResponses(400, 401, 404) };
const roundId = z.string().uuid('Pengenal putaran tidak valid.');

export function reportRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): CoverageContext => ({ actor: currentUser(request), requestId: request.id, today: deps.today(), regions: deps.regions });

  return async (app) => {
    app.get(
      '/api/reports/leaderboard.xlsx',
      { schema: { tags: ['reports'], summary: 'The village leaderboard of a period as XLSX', querystring: leaderboardQuerySchema, response: fileResponse } },
      async (request, reply) => sendFile(reply, await leaderboardXlsx(db, context(request), await deps.isDemo(), request.query)),
    );
    app.get(
      '/api/reports/awards/:id/ranking.xlsx',
      { schema: { tags: ['reports'], summary: 'An award round’s full ranking as XLSX', params: z.object({ id: roundId }), response: fileResponse } },
      async (request, reply) => sendFile(reply, await awardRankingXlsx(db, context(request), await deps.isDemo(), request.params.id)),
    );
    app.get(
      '/api/reports/awards/:id/certificates/:file',
      {
        schema: {
          tags: ['reports'],
          summary: 'A winning village’s certificate (PDF, A4 landscape): /certificates/52.03.01.2001.pdf',
          params: z.object({ id: roundId, file: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}\.pdf$/, 'Alamat piagam ditulis sebagai kode desa diikuti .pdf, misalnya 52.03.01.2001.pdf.') }),
          response: fileResponse,
        },
      },
      async (request, reply) =>
        sendFile(reply, await awardCertificatePdf(db, context(request), await deps.isDemo(), request.params.id, request.params.file.replace(/\.pdf$/, ''))),
    );
    for (const format of ['pdf', 'xlsx'] as const) {
      app.get(
        `/api/reports/paritrana.${format}`,
        {
          schema: {
            tags: ['reports'],
            summary: `The regency’s Paritrana award summary for a year (${format.toUpperCase()})`,
            querystring: paritranaQuerySchema,
            response: fileResponse,
          },
        },
        async (request, reply) => sendFile(reply, await paritranaReport(db, context(request), await deps.isDemo(), format, request.query.year)),
      );
    }
  };
}
