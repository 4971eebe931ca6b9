/**
 * The new-worker form of the field app: the register's own form values and rules (web/features/workers),
 * checked with the census schema so the phone judges an entry exactly as the server will.
 */
import { censusNewWorkerSchema } from '../../../../core/census.ts';
import { OCCUPATIONS, type OccupationCode } from '../../../../core/occupations.ts';
import type { WorkerCreateInput } from '../../../../core/workers.schema.ts';
import type { Lang } from '../../../lib/format.ts';
import { emptyWorkerValues, errorsFromIssues, toCreateInput, type FormErrors, type WorkerFormValues } from '../../workers/worker-form.ts';

export type { FormErrors, WorkerFormValues };

/** Checks the form for a village; every zod issue lands under its own field. */
export function validateNewWorker(
  values: WorkerFormValues,
  villageCode: string,
): { ok: true; input: WorkerCreateInput } | { ok: false; errors: FormErrors } {
  const parsed = censusNewWorkerSchema.safeParse(toCreateInput({ ...values, villageCode }));
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: errorsFromIssues(parsed.error.issues) };
}

/** A queued entry's fields back in the form, to correct it. */
export function valuesFromFields(fields: Record<string, unknown> | null, villageCode: string): WorkerFormValues {
  const f = fields ?? {};
  const text = (key: string) => (typeof f[key] === 'string' ? (f[key] as string) : '');
  const count = (key: string) => (typeof f[key] === 'number' ? (f[key] as number) : '');
  return {
    ...emptyWorkerValues(villageCode),
    nik: text('nik'),
    name: text('name'),
    birthDate: text('birthDate'),
    sex: f.sex === 'M' || f.sex === 'F' ? f.sex : '',
    hamlet: text('hamlet'),
    rt: text('rt'),
    rw: text('rw'),
    phone: text('phone'),
    occupation: text('occupation'),
    monthlyIncome: count('monthlyIncome'),
    dependants: count('dependants'),
    notes: text('notes'),
  };
}

/** The occupation list with the round's target groups first, as the native select's groups. */
export function occupationOptions(targetGroups: readonly OccupationCode[], lang: Lang, labels: { targets: string; others: string }) {
  const item = (o: (typeof OCCUPATIONS)[number]) => ({ value: o.code, label: o[lang] });
  const targets = OCCUPATIONS.filter((o) => targetGroups.includes(o.code)).map(item);
  const others = OCCUPATIONS.filter((o) => !targetGroups.includes(o.code)).map(item);
  return targets.length ? [{ group: labels.targets, items: targets }, { group: labels.others, items: others }] : others;
}
