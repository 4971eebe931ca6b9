/**
 * The worker form's state and its translation to API bodies. Pure functions, so they are unit-tested
 * without a browser. Inputs hold strings; blanks mean "not given" on create and "clear it" on edit.
 */
import type { FieldError } from '../../../core/api-error.ts';
import { birthDateFromNik, normalizeNik, parseNik, type NikInfo } from '../../../core/nik.ts';
import { WORKER_FIELDS, workerCreateSchema, type WorkerCreateInput } from '../../../core/workers.schema.ts';
import type { WorkerDetail } from '../../api/types.ts';

export interface WorkerFormValues {
  nik: string;
  name: string;
  birthDate: string;
  sex: '' | 'M' | 'F';
  /** Only steers the village choice; the API derives the district from the village. */
  districtCode: string;
  villageCode: string;
  hamlet: string;
  rt: string;
  rw: string;
  phone: string;
  occupation: string;
  monthlyIncome: number | '';
  /** Jumlah tanggungan: people the worker provides for. */
  dependants: number | '';
  notes: string;
}

export type WorkerFormField = Exclude<keyof WorkerFormValues, 'districtCode'>;
export type FormErrors = Partial<Record<WorkerFormField, string>>;

const FORM_FIELDS: readonly WorkerFormField[] = WORKER_FIELDS;

export function emptyWorkerValues(villageCode = ''): WorkerFormValues {
  return {
    nik: '',
    name: '',
    birthDate: '',
    sex: '',
    districtCode: villageCode ? villageCode.slice(0, 8) : '',
    villageCode,
    hamlet: '',
    rt: '',
    rw: '',
    phone: '',
    occupation: '',
    monthlyIncome: '',
    dependants: '',
    notes: '',
  };
}

export function valuesFromWorker(worker: WorkerDetail): WorkerFormValues {
  return {
    nik: worker.nik,
    name: worker.name,
    birthDate: worker.birthDate,
    sex: worker.sex,
    districtCode: worker.districtCode,
    villageCode: worker.villageCode,
    hamlet: worker.hamlet ?? '',
    rt: worker.rt ?? '',
    rw: worker.rw ?? '',
    phone: worker.phone ?? '',
    occupation: worker.occupation,
    monthlyIncome: worker.monthlyIncome ?? '',
    dependants: worker.dependants ?? '',
    notes: worker.notes ?? '',
  };
}

/** What a complete 16-digit NIK says about its holder, or null while it is still being typed or is wrong. */
export function readNik(raw: string, today: string): { info: NikInfo; birthDate: string } | null {
  const result = parseNik(normalizeNik(raw));
  return result.ok ? { info: result.info, birthDate: birthDateFromNik(result.info, today) } : null;
}

function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Every field as the API takes it on create. Blanks are left out: optional ones are then derived or
 * left empty by the server, and required ones get the schema's "wajib diisi" message.
 */
export function toCreateInput(values: WorkerFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const nik = normalizeNik(values.nik);
  if (nik) body.nik = nik;
  for (const key of ['name', 'villageCode', 'occupation', 'birthDate', 'sex', 'hamlet', 'rt', 'rw', 'phone', 'notes'] as const) {
    const value = blankToNull(values[key]);
    if (value !== null) body[key] = value;
  }
  if (values.monthlyIncome !== '') body.monthlyIncome = values.monthlyIncome;
  if (values.dependants !== '') body.dependants = values.dependants;
  return body;
}

/** Only the fields that changed, cleared ones as null; what the record would become is checked separately. */
export function toPatch(initial: WorkerFormValues, values: WorkerFormValues): Record<string, unknown> {
  const before = toCreateInput(initial);
  const after = toCreateInput(values);
  const patch: Record<string, unknown> = {};
  for (const key of FORM_FIELDS) {
    if (before[key] === after[key]) continue;
    // Birth date and sex cannot be emptied: left blank, the server keeps them or reads them from the NIK.
    if ((key === 'birthDate' || key === 'sex') && after[key] === undefined) continue;
    patch[key] = after[key] ?? null;
  }
  return patch;
}

/** Checks a form with the same schema the server uses; the first message of each field is kept. */
export function validateWorker(
  values: WorkerFormValues,
): { ok: true; input: WorkerCreateInput } | { ok: false; errors: FormErrors } {
  const parsed = workerCreateSchema.safeParse(toCreateInput(values));
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: errorsFromIssues(parsed.error.issues) };
}

export function errorsFromIssues(issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[]): FormErrors {
  return errorsFromFields(issues.map((i) => ({ field: String(i.path[0] ?? ''), code: i.code, message: i.message })));
}

/** The server's `fields[]` (or lone `field`) placed on the matching inputs; unknown fields are dropped. */
export function errorsFromFields(fields: FieldError[]): FormErrors {
  const errors: FormErrors = {};
  for (const { field, message } of fields) {
    const key = field.split('.')[0] as WorkerFormField;
    if (FORM_FIELDS.includes(key) && !errors[key]) errors[key] = message;
  }
  return errors;
}
