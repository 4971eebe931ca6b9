/**
 * Field census: rounds, the offline register an enumerator downloads, and the entries a phone queues and
 * syncs. Shared by the server (request validation, sync rules) and the offline web app (the same checks
 * with no connection), so an entry the phone accepts is judged by the very same rules on arrival.
 */
import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { OCCUPATION_CODES } from './occupations.ts';
import { isoDateSchema, workerFieldsSchema } from './workers.schema.ts';

// ---------------------------------------------------------------- rounds

const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/** Occupations a round usually targets; an admin may pick any occupation. */
export const CENSUS_DEFAULT_GROUPS = ['farm_labourer', 'fisher', 'small_business_worker', 'community_service'] as const;

export const censusRoundVillageSchema = z.object({
  villageCode: z.string().regex(VILLAGE_CODE, 'Kode desa harus berbentuk 52.03.01.2001 (kode Kemendagri).'),
  /** How many workers the village is expected to list; null when no target was set. */
  target: z
    .number({ error: 'Target ditulis sebagai angka, misalnya 250.' })
    .int('Target ditulis sebagai bilangan bulat.')
    .min(0, 'Target tidak boleh negatif.')
    .max(1_000_000, 'Target terlalu besar; periksa jumlah nol.')
    .nullish(),
});

const roundFields = {
  name: z
    .string({ error: 'Nama putaran sensus wajib diisi.' })
    .trim()
    .min(3, 'Nama putaran minimal 3 huruf, misalnya "Sensus buruh tani 2027".')
    .max(120, 'Nama putaran paling panjang 120 huruf.'),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  targetGroups: z
    .array(z.enum(OCCUPATION_CODES, { error: 'Kelompok sasaran harus dipilih dari daftar pekerjaan.' }), {
      error: 'Pilih minimal satu kelompok sasaran.',
    })
    .min(1, 'Pilih minimal satu kelompok sasaran.')
    .max(OCCUPATION_CODES.length),
  villages: z
    .array(censusRoundVillageSchema, { error: 'Pilih minimal satu desa.' })
    .min(1, 'Pilih minimal satu desa.')
    .max(100_000, 'Terlalu banyak desa dalam satu putaran.'),
};

function checkPeriod(round: { startsOn?: string; endsOn?: string }, ctx: z.RefinementCtx): void {
  if (round.startsOn && round.endsOn && isIsoDate(round.startsOn) && isIsoDate(round.endsOn) && round.endsOn < round.startsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.', params: { code: 'PERIOD_INVALID' } });
  }
}

function checkVillagesUnique(round: { villages?: { villageCode: string }[] }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  round.villages?.forEach((v, i) => {
    if (seen.has(v.villageCode)) {
      ctx.addIssue({ code: 'custom', path: ['villages', i, 'villageCode'], message: `Desa ${v.villageCode} tercantum dua kali.`, params: { code: 'VILLAGE_DUPLICATE' } });
    }
    seen.add(v.villageCode);
  });
}

export const censusRoundCreateSchema = z.object(roundFields).superRefine(checkPeriod).superRefine(checkVillagesUnique);
export type CensusRoundCreateInput = z.infer<typeof censusRoundCreateSchema>;

/** Everything may change while a round runs; `villages` replaces the list (a village with entries stays). */
export const censusRoundPatchSchema = z
  .object({ ...roundFields, closed: z.boolean().describe('true closes the round: no more entries are accepted') })
  .partial()
  .superRefine(checkPeriod)
  .superRefine(checkVillagesUnique);
export type CensusRoundPatchInput = z.infer<typeof censusRoundPatchSchema>;

export const CENSUS_ROUND_STATES = ['upcoming', 'running', 'ended', 'closed'] as const;
export type CensusRoundState = (typeof CENSUS_ROUND_STATES)[number];

/** Where a round stands on a day: closed by the admin, or by its period. */
export function censusRoundState(round: { startsOn: string; endsOn: string; closedAt: string | null }, today: string): CensusRoundState {
  if (round.closedAt) return 'closed';
  if (today < round.startsOn) return 'upcoming';
  if (today > round.endsOn) return 'ended';
  return 'running';
}

/**
 * Whether a round takes an entry recorded on `recordedOn` (the phone's day). An entry written offline on
 * the last day may arrive days later and is still taken; a round the admin closed takes nothing more.
 */
export function censusRoundTakes(round: { startsOn: string; endsOn: string; closedAt: string | null }, recordedOn: string): boolean {
  return !round.closedAt && recordedOn >= round.startsOn && recordedOn <= round.endsOn;
}

export const censusRoundVillageDtoSchema = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  target: z.number().int().nullable(),
});

export const censusRoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  targetGroups: z.array(z.enum(OCCUPATION_CODES)),
  state: z.enum(CENSUS_ROUND_STATES),
  closedAt: z.string().nullable(),
  /** Villages of the round inside the caller's region, and their targets. */
  villageCount: z.number().int(),
  targetTotal: z.number().int().nullable(),
  createdAt: z.string(),
});
export type CensusRoundDto = z.infer<typeof censusRoundSchema>;

export const censusRoundDetailSchema = censusRoundSchema.extend({ villages: z.array(censusRoundVillageDtoSchema) });
export type CensusRoundDetailDto = z.infer<typeof censusRoundDetailSchema>;

export const censusRoundListSchema = z.object({ items: z.array(censusRoundSchema) });

// ---------------------------------------------------------------- progress

export const censusFiguresSchema = z.object({
  /** Sum of the villages' targets; null when none of them has one. */
  target: z.number().int().nullable(),
  /** Entries received from phones and forms (each idempotency key once). */
  collected: z.number().int(),
  /** Entries applied to the register: new workers, changes, and existing workers confirmed. */
  accepted: z.number().int(),
  /** New workers added to the register by the round. */
  added: z.number().int(),
  /** Entries whose worker was already in the register (confirmed, or refused as a duplicate NIK). */
  duplicates: z.number().int(),
  /** Entries still refused (invalid, out of scope, or a change that conflicts), waiting for the phone to resend. */
  rejected: z.number().int(),
  /** Distinct workers the round listed who were not protected (JKK and JKM) when their entry arrived. */
  uncoveredFound: z.number().int(),
  /** collected / target, 0–100+ (one decimal); null without a target. */
  percentOfTarget: z.number().nullable(),
  lastEntryAt: z.string().nullable(),
});
export type CensusFigures = z.infer<typeof censusFiguresSchema>;

export const censusProgressSchema = z.object({
  roundId: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  totals: censusFiguresSchema,
  /** One row per district (regency view) or per village (district and village views). */
  rows: z.array(
    censusFiguresSchema.extend({
      regionCode: z.string(),
      regionName: z.string(),
      level: z.enum(['district', 'village']),
    }),
  ),
});
export type CensusProgressDto = z.infer<typeof censusProgressSchema>;

/** Percent of target, one decimal; null without a target (or a target of 0 with nothing collected). */
export function percentOfTarget(collected: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return Math.round((collected / target) * 1000) / 10;
}

// ---------------------------------------------------------------- offline register

/**
 * A register row as a phone keeps it offline: only what spots a duplicate and what an offline edit may
 * change. The NIK travels masked, with a salted digest to compare a typed NIK against (`nikDigest`).
 */
export const censusRegisterWorkerSchema = z.object({
  id: z.string(),
  /** The worker's `updatedAt` when downloaded; an edit sent with an older version is checked for conflicts. */
  version: z.string(),
  nikDigest: z.string(),
  nikMasked: z.string(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  hamlet: z.string().nullable(),
  rt: z.string().nullable(),
  rw: z.string().nullable(),
  occupation: z.enum(OCCUPATION_CODES),
  coverage: z.enum(['covered', 'grace', 'lapsed', 'not_enrolled']),
  deceased: z.boolean(),
});
export type CensusRegisterWorker = z.infer<typeof censusRegisterWorkerSchema>;

export const censusRegisterSchema = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  downloadedAt: z.string(),
  /** Random per download; the phone hashes a typed NIK with it to find it in `workers`. */
  salt: z.string(),
  workers: z.array(censusRegisterWorkerSchema),
});
export type CensusRegisterDto = z.infer<typeof censusRegisterSchema>;

/** SHA-256 of salt and NIK, hex. Web Crypto runs the same in Node 20 and in the browser. */
export async function nikDigest(salt: string, nik: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${salt}:${nik}`);
  const hash = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------- entries and sync

/** The register fields an offline edit of an existing worker may change: the ones the phone downloaded. */
export const CENSUS_EDITABLE_FIELDS = ['name', 'hamlet', 'rt', 'rw', 'occupation'] as const;
export type CensusEditableField = (typeof CENSUS_EDITABLE_FIELDS)[number];

export const censusChangesSchema = workerFieldsSchema.pick({ name: true, hamlet: true, rt: true, rw: true, occupation: true }).partial();
export type CensusChanges = z.infer<typeof censusChangesSchema>;

/** The new-worker form offline: the register's own rules (NIK checks, NIK vs sex and birth date). */
export { workerCreateSchema as censusNewWorkerSchema } from './workers.schema.ts';

const entryEnvelope = {
  /** Idempotency key: made by the phone when the entry is first saved, kept across every resend. */
  key: z.uuid('Kunci entri harus UUID.'),
  roundId: z.uuid('Putaran sensus tidak dikenal.'),
  /** When the enumerator saved the entry, on the phone's clock (ISO 8601). */
  recordedAt: z.iso.datetime({ offset: true, error: 'Waktu pencatatan harus ISO 8601.' }),
};

/**
 * One queued entry. `fields` and `changes` are checked entry by entry on the server (not by the request
 * schema), so one invalid entry is refused with its reason while the rest of the batch goes through.
 */
export const censusEntrySchema = z.discriminatedUnion('kind', [
  z.object({ ...entryEnvelope, kind: z.literal('new'), fields: z.record(z.string(), z.unknown()) }),
  z.object({
    ...entryEnvelope,
    kind: z.literal('update'),
    workerId: z.uuid(),
    baseVersion: z.string().max(40),
    /** The downloaded values of the fields being changed, to tell which of them changed on the server. */
    base: z.record(z.string(), z.unknown()),
    changes: z.record(z.string(), z.unknown()),
  }),
  /** The enumerator met a worker already in the register (a duplicate flagged on the phone) and confirms them. */
  z.object({ ...entryEnvelope, kind: z.literal('confirm'), workerId: z.uuid() }),
]);
export type CensusEntryInput = z.infer<typeof censusEntrySchema>;

export const CENSUS_SYNC_MAX = 200;

export const censusSyncRequestSchema = z.object({
  entries: z
    .array(censusEntrySchema)
    .min(1, 'Tidak ada entri untuk dikirim.')
    .max(CENSUS_SYNC_MAX, `Kirim paling banyak ${CENSUS_SYNC_MAX} entri sekali kirim.`),
});

export const CENSUS_ENTRY_STATUSES = ['accepted', 'rejected', 'duplicate', 'conflict'] as const;
export type CensusEntryStatus = (typeof CENSUS_ENTRY_STATUSES)[number];

const fieldErrorSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const censusSyncResultSchema = z.object({
  key: z.string(),
  /**
   * accepted: applied (final; a resend answers the same, `replayed: true`). rejected: invalid or not
   * allowed. duplicate: the NIK is already registered. conflict: the worker changed on the server since
   * download. The last three change nothing and may be resent, corrected, with the same key.
   */
  status: z.enum(CENSUS_ENTRY_STATUSES),
  replayed: z.boolean(),
  outcome: z.enum(['created', 'updated', 'confirmed']).nullable(),
  workerId: z.string().nullable(),
  /** The worker's version after the change, for the next offline edit. */
  version: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), fields: z.array(fieldErrorSchema).optional() }).nullable(),
  /** For a duplicate inside the caller's region: the worker already registered. */
  existing: z
    .object({ workerId: z.string(), name: z.string(), villageName: z.string(), hamlet: z.string().nullable(), coverage: z.enum(['covered', 'grace', 'lapsed', 'not_enrolled']) })
    .nullable(),
  /** For a conflict: the fields both sides changed, with the downloaded, the phone's and the server's value. */
  conflict: z
    .object({
      serverVersion: z.string(),
      fields: z.array(z.object({ field: z.enum(CENSUS_EDITABLE_FIELDS), base: z.unknown(), mine: z.unknown(), server: z.unknown() })),
    })
    .nullable(),
});
export type CensusSyncResult = z.infer<typeof censusSyncResultSchema>;

export const censusSyncResponseSchema = z.object({ results: z.array(censusSyncResultSchema) });

/** Values compare equal when both are blank, or equal after trimming. */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? v.trim() : v);
  return norm(a) === norm(b);
}

/**
 * The fields of an offline edit that the server changed too since the download: the phone's `base`
 * differs from the server's value, and the phone wants yet another value. Fields only one side changed
 * are no conflict — the phone's change applies and the server's other changes stay.
 */
export function conflictingFields(
  base: Record<string, unknown>,
  changes: Record<string, unknown>,
  server: Record<string, unknown>,
): CensusEditableField[] {
  return CENSUS_EDITABLE_FIELDS.filter(
    (f) => f in changes && !sameFieldValue(base[f], server[f]) && !sameFieldValue(changes[f], server[f]),
  );
}
