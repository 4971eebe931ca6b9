import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paymentCreateSchema, paymentDetailSchema, paymentListSchema, paymentReverseSchema } from '../../../core/financing.schema.ts';
import type { AppDeps } from '../../app.ts';
import { apiErrorSchema, errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import { sendFile } from '../../http/files.ts';
import { createPayment, exportPayments, exportRegistration, getPayment, listPayments, reversePayment, type PaymentContext } from './payments.service.ts';

/** The error shape plus what payment refusals add: the computed amount, and the sources already paying. */
const paymentErrorSchema = z.object({
  error: apiErrorSchema.shape.error.extend({
    expectedAmount: z.number().int().optional(),
    difference: z.number().int().optional(),
    conflicts: z
      .array(
        z.object({
          workerId: z.string(),
          sourceId: z.string(),
          sourceKind: z.string(),
          sourceName: z.string(),
          fromMonth: z.string(),
          toMonth: z.string(),
        }),
      )
      .optional(),
  }),
});

const periodBound = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'Tulis bulan (2026-01) atau tanggal (2026-01-31).')
  .optional();
const idParams = z.object({ id: z.uuid({ error: 'Pengenal tidak valid.' }) });
const formatQuery = z.enum(['csv', 'xlsx'], { error: 'Format berkas harus csv atau xlsx.' }).default('csv');


export function paymentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): PaymentContext => ({
    actor: currentUser(request),
    requestId: request.id,
    regions: deps.regions,
    today: deps.today(),
  });

  return async (app) => {
    app.post(
      '/api/payments',
      {
        schema: {
          tags: ['payments'],
          summary: 'Record a premium payment from a funding source for workers and months',
          body: paymentCreateSchema,
          response: { 201: paymentDetailSchema, 400: paymentErrorSchema, 409: paymentErrorSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => reply.code(201).send(await createPayment(db, context(request), request.body)),
    );

    app.get(
      '/api/payments',
      {
        schema: {
          tags: ['payments'],
          summary: "Payments visible in the caller's region, newest first (from/to: paid-on month or date)",
          querystring: z.object({
            sourceId: z.uuid({ error: 'Pengenal sumber dana tidak valid.' }).optional(),
            village: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Kode desa harus berbentuk 52.03.01.2001.').optional(),
            from: periodBound,
            to: periodBound,
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: paymentListSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listPayments(db, context(request), request.query),
    );

    app.get(
      '/api/payments/export',
      {
        schema: {
          tags: ['payments'],
          summary: 'Payment list of a period for BPJS (CSV or XLSX, full NIKs; admin, village, bpjs)',
          querystring: z.object({
            sourceId: z.uuid({ error: 'Pengenal sumber dana tidak valid.' }).optional(),
            from: periodBound,
            to: periodBound,
            format: formatQuery,
          }),
        },
      },
      async (request, reply) => sendFile(reply, await exportPayments(db, context(request), request.query)),
    );

    app.get(
      '/api/payments/:id',
      {
        schema: {
          tags: ['payments'],
          summary: 'One payment with the workers it paid for',
          params: idParams,
          response: { 200: paymentDetailSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => getPayment(db, context(request), request.params.id),
    );

    app.post(
      '/api/payments/:id/reverse',
      {
        schema: {
          tags: ['payments'],
          summary: 'Reverse a payment (a negative payment; neither counts afterwards)',
          params: idParams,
          body: paymentReverseSchema,
          response: { 201: paymentDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await reversePayment(db, context(request), request.params.id, request.body)),
    );

    app.get(
      '/api/funding/sources/:id/registration',
      {
        schema: {
          tags: ['funding'],
          summary: "A source's collective-registration list for BPJS (CSV or XLSX; admin, the village's own sources, bpjs)",
          params: idParams,
          querystring: z.object({
            year: z.coerce.number({ error: 'Tahun ditulis sebagai angka, misalnya 2026.' }).int().min(2015).max(2100).optional(),
            format: formatQuery,
          }),
        },
      },
      async (request, reply) => sendFile(reply, await exportRegistration(db, context(request), request.params.id, request.query)),
    );
  };
}
