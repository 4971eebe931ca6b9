import { z } from 'zod';
import { REGION_CODE_PATTERN, REGION_LEVELS } from '../../../core/regions.ts';

export const regionCodeParams = z.object({
  code: z.string().regex(REGION_CODE_PATTERN, 'Kode wilayah harus berbentuk kode Kemendagri bertitik, misalnya 52.03.01.'),
});

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
  /** Workers in the register inside this region (not removed). */
  workerCount: z.number().int().optional(),
});
export type RegionDto = z.infer<typeof regionSchema>;

export const regionListSchema = z.object({ items: z.array(regionSchema) });
