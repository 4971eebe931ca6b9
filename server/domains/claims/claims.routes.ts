import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  benefitEstimateRequestSchema,
  benefitEstimateSchema,
  benefitRateCreateSchema,
  benefitRateListSchema,
  claimActionBodySchema,
  claimCheckQuerySchema,
  claimCheckSchema,
  claimCreateSchema,
  claimDetailSchema,
  claimListQuerySchema,
  claimListSchema,
  claimPatchSchema,
  claimPaymentCreateSchema,
  claimPaymentReverseSchema,
  claimSettingsSchema,
  claimTotalsQuerySchema,
  claimTotalsSchema,
  documentReceiveSchema,
  handoverClaimsSchema,
  handoverCreateSchema,
  handoverDetailSchema,
  handoverListSchema,
  heirInputSchema,
  heirPatchSchema,
  scholarshipClaimCreateSchema,
} from '../../../core/claims.schema.ts';
import { CLAIM_ACTIONS } from '../../../core/claims.ts';
import type { AppDeps } from '../../app.ts';
import { sendFile } from '../../http/files.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import { createBenefitRate, estimate, listBenefitRates } from './benefits.service.ts';
import { addHeir, receiveDocument, removeHeir, updateHeir, withdrawDocument } from './claim-file.service.ts';
import { createScholarshipClaim, recordClaimPayment, reverseClaimPayment } from './claim-payments.service.ts';
import {
  claimTotals,
  claimTotalsXlsx,
  createHandover,
  getHandover,
  handoverFile,
  listHandovers,
  replaceHandoverSelection,
} from './claim-reports.service.ts';
import type { ClaimContext } from './claim-view.ts';
import {
  checkEvent,
  createClaim,
  getClaim,
  getClaimSettings,
  listClaims,
  recheckClaim,
  runClaimAction,
  saveClaimSettings,
  updateClaim,
} from './claims.service.ts';

const id = (what: string) => z.uuid({ error: `Alamat ${what} tidak valid.` });
const claimParams = z.object({ id: id('klaim') });
const heirParams = claimParams.extend({ heirId: id('ahli waris') });
const documentParams = claimParams.extend({ code: z.string().regex(/^[a-z_]{2,40}$/, 'Kode dokumen tidak valid.') });
const paymentParams = claimParams.extend({ paymentId: id('pembayaran') });
const handoverParams = z.object({ id: id('acara penyerahan') });
const fileResponse = { 200: z.any().describe('The file (XLSX or PDF)'), ...errorResponses(400, 401, 403, 404) };
const detail = { 200: claimDetailSchema, ...errorResponses(400, 401, 403, 404, 409) };

const ACTION_SUMMARIES = {
  submit: 'Submit a claim whose documents are complete to BPJS (BPJS officers, admin)',
  approve: 'Record that BPJS approved the claim, with the amount (default: the estimate)',
  reject: 'Record that BPJS rejected the claim, with the reason',
  cancel: 'Cancel a claim reported in error (before submission); a death report restores the participations it ended',
  reopen: 'Reopen a rejected claim (an appeal), with the reason',
} as const;

export function claimRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): ClaimContext => ({ actor: currentUser(request), requestId: request.id, today: deps.today(), regions: deps.regions });

  return async (app) => {
    // ---- Benefits ----
    app.post(
      '/api/benefits/estimate',
      {
        schema: {
          tags: ['claims'],
          summary: 'What a death, permanent disability or temporary incapacity pays, by the rates in force on the event day; scholarships listed apart',
          body: benefitEstimateRequestSchema,
          response: { 200: benefitEstimateSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        currentUser(request);
        return estimate(db, request.body);
      },
    );
    app.get(
      '/api/benefits/rates',
      { schema: { tags: ['claims'], summary: 'The dated rows of benefit amounts, oldest first', response: { 200: benefitRateListSchema, ...errorResponses(401) } } },
      async () => listBenefitRates(db),
    );
    app.post(
      '/api/benefits/rates',
      {
        schema: {
          tags: ['claims'],
          summary: 'Record benefit amounts from a day on (a regulation change; admin only)',
          body: benefitRateCreateSchema,
          response: { 201: benefitRateListSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createBenefitRate(db, context(request), request.body)),
    );

    // ---- Reporting and lists ----
    app.get(
      '/api/claims/check',
      {
        schema: {
          tags: ['claims'],
          summary: 'Before reporting: was the worker protected on the day, by which programme, and what would the claim pay (audited read)',
          querystring: claimCheckQuerySchema,
          response: { 200: claimCheckSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => checkEvent(db, context(request), request.query),
    );
    app.get(
      '/api/claims',
      {
        schema: {
          tags: ['claims'],
          summary: 'Claims of a region (default: the caller’s), newest first, with overdue warnings',
          querystring: claimListQuerySchema,
          response: { 200: claimListSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listClaims(db, context(request), request.query),
    );
    app.post(
      '/api/claims',
      {
        schema: {
          tags: ['claims'],
          summary: 'Report a death or work accident; protection on the day is checked at once (an unprotected worker’s claim is kept as not eligible)',
          body: claimCreateSchema,
          response: { 201: claimDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createClaim(db, context(request), request.body)),
    );

    // ---- Totals, settings, ceremonies (before /:id) ----
    app.get(
      '/api/claims/totals',
      {
        schema: {
          tags: ['claims'],
          summary: 'Benefits paid in a region and period, grouped by programme, kind, district, village, month or year',
          querystring: claimTotalsQuerySchema,
          response: { 200: claimTotalsSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => claimTotals(db, context(request), request.query),
    );
    app.get(
      '/api/claims/totals.xlsx',
      { schema: { tags: ['claims'], summary: 'Every payment line behind the totals, as XLSX (audited export)', querystring: claimTotalsQuerySchema, response: fileResponse } },
      async (request, reply) => sendFile(reply, await claimTotalsXlsx(db, context(request), await deps.isDemo(), request.query)),
    );
    app.get(
      '/api/claims/settings',
      { schema: { tags: ['claims'], summary: 'Deadlines behind overdue warnings, and public holidays', response: { 200: claimSettingsSchema, ...errorResponses(401) } } },
      async () => getClaimSettings(db),
    );
    app.put(
      '/api/claims/settings',
      {
        schema: { tags: ['claims'], summary: 'Change claim deadlines and public holidays (admin only)', body: claimSettingsSchema, response: { 200: claimSettingsSchema, ...errorResponses(400, 401, 403) } },
      },
      async (request) => saveClaimSettings(db, context(request), request.body),
    );
    app.get(
      '/api/claims/handovers',
      { schema: { tags: ['claims'], summary: 'Hand-over ceremonies of the caller’s region', response: { 200: handoverListSchema, ...errorResponses(401, 403) } } },
      async (request) => listHandovers(db, context(request)),
    );
    app.post(
      '/api/claims/handovers',
      {
        schema: {
          tags: ['claims'],
          summary: 'Plan a hand-over ceremony for paid claims (admin, BPJS officers)',
          body: handoverCreateSchema,
          response: { 201: handoverDetailSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createHandover(db, context(request), request.body)),
    );
    app.get(
      '/api/claims/handovers/:id',
      { schema: { tags: ['claims'], summary: 'A ceremony with its recipients (audited read)', params: handoverParams, response: { 200: handoverDetailSchema, ...errorResponses(400, 401, 403, 404) } } },
      async (request) => getHandover(db, context(request), request.params.id),
    );
    app.put(
      '/api/claims/handovers/:id/claims',
      {
        schema: {
          tags: ['claims'],
          summary: 'Choose again the paid claims of a ceremony',
          params: handoverParams,
          body: handoverClaimsSchema,
          response: { 200: handoverDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => replaceHandoverSelection(db, context(request), request.params.id, request.body.claimIds),
    );
    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(
        `/api/claims/handovers/:id/recipients.${format}`,
        { schema: { tags: ['claims'], summary: `The ceremony’s list of recipients (${format.toUpperCase()}; audited export)`, params: handoverParams, response: fileResponse } },
        async (request, reply) => sendFile(reply, await handoverFile(db, context(request), await deps.isDemo(), request.params.id, format)),
      );
    }

    // ---- One claim ----
    app.get(
      '/api/claims/:id',
      { schema: { tags: ['claims'], summary: 'One claim with heirs, checklist, steps, payments and scholarships (audited read)', params: claimParams, response: detail } },
      async (request) => getClaim(db, context(request), request.params.id),
    );
    app.patch(
      '/api/claims/:id',
      {
        schema: {
          tags: ['claims'],
          summary: 'Correct the event (before submission), record what BPJS holds, or the injury’s outcome',
          params: claimParams,
          body: claimPatchSchema,
          response: detail,
        },
      },
      async (request) => updateClaim(db, context(request), request.params.id, request.body),
    );
    app.post(
      '/api/claims/:id/recheck',
      { schema: { tags: ['claims'], summary: 'Check protection on the event day again (payments or a BPJS file may have arrived)', params: claimParams, response: detail } },
      async (request) => recheckClaim(db, context(request), request.params.id),
    );
    for (const action of CLAIM_ACTIONS) {
      app.post(
        `/api/claims/:id/${action}`,
        { schema: { tags: ['claims'], summary: ACTION_SUMMARIES[action], params: claimParams, body: claimActionBodySchema.default({}), response: detail } },
        async (request) => runClaimAction(db, context(request), request.params.id, action, request.body ?? {}),
      );
    }
    app.post(
      '/api/claims/:id/heirs',
      { schema: { tags: ['claims'], summary: 'Add an heir', params: claimParams, body: heirInputSchema, response: { ...detail, 201: claimDetailSchema } } },
      async (request, reply) => reply.code(201).send(await addHeir(db, context(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/claims/:id/heirs/:heirId',
      { schema: { tags: ['claims'], summary: 'Correct an heir', params: heirParams, body: heirPatchSchema, response: detail } },
      async (request) => updateHeir(db, context(request), request.params.id, request.params.heirId, request.body),
    );
    app.delete(
      '/api/claims/:id/heirs/:heirId',
      { schema: { tags: ['claims'], summary: 'Remove an heir entered by mistake', params: heirParams, response: detail } },
      async (request) => removeHeir(db, context(request), request.params.id, request.params.heirId),
    );
    app.put(
      '/api/claims/:id/documents/:code',
      { schema: { tags: ['claims'], summary: 'Mark a checklist document received on a day', params: documentParams, body: documentReceiveSchema, response: detail } },
      async (request) => receiveDocument(db, context(request), request.params.id, request.params.code, request.body),
    );
    app.delete(
      '/api/claims/:id/documents/:code',
      { schema: { tags: ['claims'], summary: 'Withdraw a document marked by mistake', params: documentParams, response: detail } },
      async (request) => withdrawDocument(db, context(request), request.params.id, request.params.code),
    );
    app.post(
      '/api/claims/:id/payments',
      { schema: { tags: ['claims'], summary: 'Record an amount paid to an heir (BPJS officers, admin)', params: claimParams, body: claimPaymentCreateSchema, response: { ...detail, 201: claimDetailSchema } } },
      async (request, reply) => reply.code(201).send(await recordClaimPayment(db, context(request), request.params.id, request.body)),
    );
    app.post(
      '/api/claims/:id/payments/:paymentId/reverse',
      { schema: { tags: ['claims'], summary: 'Reverse a payment booked by mistake (a negative entry)', params: paymentParams, body: claimPaymentReverseSchema, response: detail } },
      async (request) => reverseClaimPayment(db, context(request), request.params.id, request.params.paymentId, request.body.reason),
    );
    app.post(
      '/api/claims/:id/scholarships',
      {
        schema: {
          tags: ['claims'],
          summary: 'Claim one school year’s scholarship for a child of the participant',
          params: claimParams,
          body: scholarshipClaimCreateSchema,
          response: { ...detail, 201: claimDetailSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createScholarshipClaim(db, context(request), request.params.id, request.body)),
    );
  };
}
