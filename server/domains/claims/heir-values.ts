/** Heirs as entered, checked and turned into the values stored (no database, no access checks). */
import type { HeirInput } from '../../../core/claims.schema.ts';
import { birthDateFromNik, parseNik, type NikRegionLookup } from '../../../core/nik.ts';
import { AppError } from '../../errors.ts';
import type { HeirRow } from './claims.repo.ts';

export const HEIR_FIELDS = ['nik', 'name', 'relation', 'birthDate', 'sex', 'phone', 'schoolLevel', 'married', 'working', 'isPayee'] as const;

export type HeirValues = Omit<HeirRow, 'id' | 'claimId' | 'position' | 'createdAt' | 'updatedAt'>;

/**
 * Checked heirs as stored: birth date and sex from the NIK when not given, schooling only for children,
 * one payee at most, no NIK twice, and never the participant's own NIK.
 */
export function prepareHeirs(ctx: { regions: NikRegionLookup; today: string }, worker: { nik: string }, inputs: readonly HeirInput[], existing: readonly HeirRow[], path = 'heirs'): HeirValues[] {
  const seen = new Set(existing.map((h) => h.nik));
  const out = inputs.map((input, i) => {
    const field = (name: string) => (path ? `${path}.${i}.${name}` : name);
    const parsed = parseNik(input.nik, ctx.regions);
    if (!parsed.ok) throw new AppError('validation', parsed.error.code, parsed.error.message, field('nik'));
    if (input.nik === worker.nik) {
      throw new AppError('validation', 'HEIR_IS_PARTICIPANT', 'NIK ahli waris sama dengan NIK peserta. Tulis NIK ahli waris dari KTP atau KK-nya.', field('nik'));
    }
    if (seen.has(input.nik)) throw new AppError('conflict', 'HEIR_EXISTS', 'Ahli waris dengan NIK ini sudah tercatat pada klaim ini.', field('nik'));
    seen.add(input.nik);
    const isChild = input.relation === 'child';
    return {
      nik: input.nik,
      name: input.name.replace(/\s+/g, ' '),
      relation: input.relation,
      birthDate: input.birthDate ?? birthDateFromNik(parsed.info, ctx.today),
      sex: input.sex ?? parsed.info.sex,
      phone: input.phone?.trim() || null,
      schoolLevel: isChild ? (input.schoolLevel ?? 'none') : null,
      married: isChild ? (input.married ?? false) : false,
      working: isChild ? (input.working ?? false) : false,
      isPayee: input.isPayee ?? false,
    };
  });
  if (out.filter((h) => h.isPayee).length > 1) {
    throw new AppError('validation', 'PAYEE_SINGLE', 'Pilih satu ahli waris penerima pembayaran saja.', path ? `${path}.0.isPayee` : 'isPayee');
  }
  return out;
}

