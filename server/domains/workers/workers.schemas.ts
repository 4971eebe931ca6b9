import { z } from 'zod';
import { pageQuery } from '../../http/paging.ts';

export { workerCreateSchema, workerPatchSchema } from '../../../core/workers.schema.ts';

const villageCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Kode desa harus berbentuk 52.03.01.2001.');
const districtCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan harus berbentuk 52.03.01.');

export const workerListQuerySchema = pageQuery.extend({
  village: villageCode.optional().describe('Only workers domiciled in this village'),
  district: districtCode.optional().describe('Only workers domiciled in this district'),
  q: z.string().trim().max(100, 'Kata pencarian paling panjang 100 huruf.').optional().describe('Name (part) or NIK (prefix)'),
  coverage: z
    .enum(['covered', 'uncovered'], { error: "Filter perlindungan harus 'covered' atau 'uncovered'." })
    .optional()
    .describe('covered: JKK and JKM both active today; uncovered: the census targets (grace, lapsed, never enrolled)'),
});
export type WorkerListQuery = z.infer<typeof workerListQuerySchema>;

export const workerIdParams = z.object({
  id: z.uuid({ error: 'Alamat data pekerja tidak valid.' }),
});

export {
  coverageSchema,
  programSchema,
  workerDetailSchema,
  workerListSchema,
  workerSummarySchema,
  type WorkerDetailDto,
  type WorkerSummaryDto,
} from '../../../core/workers.schema.ts';
