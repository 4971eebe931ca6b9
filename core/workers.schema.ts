/**
 * Worker request schemas, shared by the server (request validation) and the web form (inline errors
 * before sending). Messages are Indonesian and say what to fix.
 */
import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { birthDateMatchesNik, nikDateLabel, normalizeNik, parseNik } from './nik.ts';
import { OCCUPATION_CODES } from './occupations.ts';

/** A custom issue carries a machine code next to its message; the server's error handler reads it. */
export function issueCode(code: string) {
  return { params: { code } };
}

const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const NAME = /^[\p{L}][\p{L}\p{M} .,'`-]*$/u;

export const nikSchema = z
  .string({ error: 'NIK wajib diisi (16 angka dari KTP atau KK).' })
  .overwrite(normalizeNik)
  .superRefine((nik, ctx) => {
    const result = parseNik(nik);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.error.message, ...issueCode(result.error.code) });
  })
  .describe('NIK, 16 digits');

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'Tanggal harus berformat TTTT-BB-HH dan merupakan tanggal yang ada, misalnya 1985-07-01.' });

export const phoneSchema = z
  .string()
  .overwrite(normalizePhone)
  .regex(/^0\d{8,13}$/, 'Nomor HP tidak valid. Tulis seperti 081234567890 atau +6281234567890.');

export const workerFieldsSchema = z.object({
  nik: nikSchema,
  name: z
    .string({ error: 'Nama wajib diisi sesuai KTP.' })
    .trim()
    .min(2, 'Nama minimal 2 huruf, tulis sesuai KTP.')
    .max(100, 'Nama paling panjang 100 huruf.')
    .regex(NAME, 'Nama hanya boleh berisi huruf, spasi, titik, koma, tanda petik dan tanda hubung.'),
  birthDate: isoDateSchema.optional().describe('YYYY-MM-DD; derived from the NIK when left out'),
  sex: z
    .enum(['M', 'F'], { error: "Jenis kelamin harus 'M' (laki-laki) atau 'F' (perempuan)." })
    .optional()
    .describe('M or F; derived from the NIK when left out'),
  villageCode: z
    .string({ error: 'Desa domisili wajib dipilih.' })
    .regex(VILLAGE_CODE, 'Kode desa harus berbentuk 52.03.01.2001 (kode Kemendagri).'),
  hamlet: z.string().trim().max(60, 'Nama dusun paling panjang 60 huruf.').nullish().describe('Dusun'),
  rt: z.string().trim().regex(/^\d{1,3}$/, 'RT ditulis dengan angka, paling banyak 3 angka.').nullish(),
  rw: z.string().trim().regex(/^\d{1,3}$/, 'RW ditulis dengan angka, paling banyak 3 angka.').nullish(),
  phone: phoneSchema.nullish(),
  occupation: z.enum(OCCUPATION_CODES, { error: 'Pekerjaan wajib dipilih dari daftar.' }),
  monthlyIncome: z
    .number({ error: 'Penghasilan per bulan ditulis sebagai angka Rupiah tanpa titik, misalnya 1500000.' })
    .int('Penghasilan ditulis dalam Rupiah utuh, tanpa sen.')
    .min(0, 'Penghasilan tidak boleh negatif.')
    .max(1_000_000_000, 'Penghasilan per bulan terlalu besar; periksa jumlah nol.')
    .nullish()
    .describe('Declared monthly income in whole Rupiah'),
  dependants: z
    .number({ error: 'Jumlah tanggungan ditulis sebagai angka, misalnya 3.' })
    .int('Jumlah tanggungan ditulis sebagai bilangan bulat.')
    .min(0, 'Jumlah tanggungan tidak boleh negatif.')
    .max(30, 'Jumlah tanggungan paling banyak 30; periksa lagi.')
    .nullish()
    .describe('People the worker provides for; households with dependants are funded first'),
  notes: z.string().trim().max(1000, 'Catatan paling panjang 1000 huruf.').nullish(),
});

export type WorkerFields = z.infer<typeof workerFieldsSchema>;

/** The fields a person enters for a worker, in form order: what the form shows and the audit trail compares. */
export const WORKER_FIELDS = workerFieldsSchema.keyof().options;

/** Declared sex and birth date must agree with what the NIK encodes; a contradiction names the field. */
export function checkWorkerAgainstNik(worker: Pick<WorkerFields, 'nik' | 'sex' | 'birthDate'>, ctx: z.RefinementCtx): void {
  const result = parseNik(worker.nik);
  if (!result.ok) return; // the NIK field already carries its own error
  const { info } = result;
  if (worker.sex && worker.sex !== info.sex) {
    ctx.addIssue({
      code: 'custom',
      path: ['sex'],
      message:
        info.sex === 'F'
          ? 'Jenis kelamin tidak sesuai NIK: menurut NIK (tanggal lahir ditambah 40) orang ini perempuan. Periksa NIK atau jenis kelamin.'
          : 'Jenis kelamin tidak sesuai NIK: menurut NIK orang ini laki-laki (untuk perempuan tanggal lahir di NIK ditambah 40). Periksa NIK atau jenis kelamin.',
      ...issueCode('NIK_SEX_MISMATCH'),
    });
  }
  if (worker.birthDate && isIsoDate(worker.birthDate) && !birthDateMatchesNik(info, worker.birthDate)) {
    ctx.addIssue({
      code: 'custom',
      path: ['birthDate'],
      message: `Tanggal lahir tidak sesuai NIK: NIK menunjukkan tanggal ${nikDateLabel(info)} (HH-BB-TT). Periksa NIK atau tanggal lahir.`,
      ...issueCode('NIK_BIRTHDATE_MISMATCH'),
    });
  }
}

export const workerCreateSchema = workerFieldsSchema.superRefine(checkWorkerAgainstNik);
export type WorkerCreateInput = z.infer<typeof workerCreateSchema>;

/** PATCH sends only what changes; the server re-checks the merged record with `workerCreateSchema`. */
export const workerPatchSchema = workerFieldsSchema.partial();
export type WorkerPatchInput = z.infer<typeof workerPatchSchema>;

/** `+62 812-3456-7890` → `081234567890`. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s().-]/g, '');
  if (digits.startsWith('+62')) return `0${digits.slice(3)}`;
  if (digits.startsWith('62') && digits.length > 10) return `0${digits.slice(2)}`;
  return digits;
}

// ---------------------------------------------------------------- answers
// What the API sends back for workers: the server serialises with these, the web app reads their types.

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
  /** What the latest reconciled BPJS participant file said, and its date; null when no file did. */
  bpjsStatus: z.enum(['active', 'non_active']).nullable(),
  bpjsReportedOn: z.string().nullable(),
});

export const enrolmentSchema = z.object({
  program: z.enum(['JKK', 'JKM', 'JHT']),
  kpj: z.string().nullable(),
  status: z.enum(['active', 'non_active', 'grace', 'lapsed', 'ended', 'not_started']),
  statusToday: z.enum(['active', 'grace', 'lapsed', 'ended', 'not_started']),
  paidUntil: z.string().nullable(),
  source: z.enum(['bpjs', 'jaring']),
  /** Date of the BPJS file the status comes from. */
  reportedOn: z.string().nullable(),
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
  /** Day of death when a death claim was reported (the worker has left the register coverage counts). */
  deceasedOn: z.string().nullable(),
});
export type WorkerSummaryDto = z.infer<typeof workerSummarySchema>;

export const workerDetailSchema = workerSummarySchema.extend({
  /** Null when the role may not see it. */
  phone: z.string().nullable(),
  monthlyIncome: z.number().int().nullable(),
  dependants: z.number().int().nullable(),
  notes: z.string().nullable(),
  /** District of first registration read from the NIK; may differ from the domicile. */
  nikDistrictCode: z.string(),
  /** Each programme the worker takes part in, with its own status. */
  programs: z.array(programSchema),
  /** Per programme as BPJS reported it (`source: 'bpjs'`, status active/non_active) or as Jaring derives it. */
  enrolments: z.array(enrolmentSchema),
  /** Family card (KK) number from census files and resident exports; null when unknown or not visible to the role. */
  familyCardNumber: z.string().nullable(),
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
