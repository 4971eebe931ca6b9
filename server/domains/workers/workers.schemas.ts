import { z } from 'zod';
import { OCCUPATION_CODES } from '../../../core/occupations.ts';
import { pageQuery } from '../../http/paging.ts';

export { workerCreateSchema, workerPatchSchema } from '../../../core/workers.schema.ts';

const villageCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Kode desa harus berbentuk 52.03.01.2001.');
const districtCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan harus berbentuk 52.03.01.');

export const workerListQuerySchema = pageQuery.extend({
  village: villageCode.optional().describe('Only workers domiciled in this village'),
  district: districtCode.optional().describe('Only workers domiciled in this district'),
  q: z.string().trim().max(100, 'Kata pencarian paling panjang 100 huruf.').optional().describe('Name (part) or NIK (prefix)'),
});
export type WorkerListQuery = z.infer<typeof workerListQuerySchema>;

export const workerIdParams = z.object({
  id: z.uuid({ error: 'Alamat data pekerja tidak valid.' }),
});

const warningSchema = z.object({ code: z.string(), message: z.string() });

/** Protection on the day asked (today in the regency), derived from enrolments and payments. */
export const coverageSchema = z.object({
  status: z.enum(['covered', 'grace', 'lapsed', 'not_enrolled']),
  /** The earlier of the JKK and JKM paid-until months (YYYY-MM). */
  paidUntil: z.string().nullable(),
});

export const programSchema = z.object({
  program: z.enum(['JKK', 'JKM', 'JHT']),
  kpj: z.string().nullable(),
  startMonth: z.string(),
  paidUntil: z.string().nullable(),
  fundingSource: z.string(),
  status: z.enum(['active', 'grace', 'lapsed', 'ended', 'not_started']),
});

export const workerSummarySchema = z.object({
  id: z.string(),
  /** Masked (`520301******0001`) for roles that may not see full NIKs; see `nikMasked`. */
  nik: z.string(),
  nikMasked: z.boolean(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  age: z.number().int(),
  villageCode: z.string(),
  villageName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  hamlet: z.string().nullable(),
  rt: z.string().nullable(),
  rw: z.string().nullable(),
  occupation: z.enum(OCCUPATION_CODES),
  coverage: coverageSchema,
});
export type WorkerSummaryDto = z.infer<typeof workerSummarySchema>;

export const workerDetailSchema = workerSummarySchema.extend({
  /** Null when the role may not see it. */
  phone: z.string().nullable(),
  monthlyIncome: z.number().int().nullable(),
  notes: z.string().nullable(),
  /** District of first registration read from the NIK; may differ from the domicile. */
  nikDistrictCode: z.string(),
  /** Each programme the worker takes part in, with its own status. */
  programs: z.array(programSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Things worth a second look that did not stop the save (e.g. an old district code in the NIK). */
  warnings: z.array(warningSchema),
});
export type WorkerDetailDto = z.infer<typeof workerDetailSchema>;

export const workerListSchema = z.object({
  items: z.array(workerSummarySchema),
  /** Exact up to 10,000; past that `totalIsCapped` is true and the list says "more than 10,000". */
  total: z.number().int(),
  totalIsCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
