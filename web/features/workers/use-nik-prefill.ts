import { useRef, type Dispatch, type SetStateAction } from 'react';
import { normalizeNik } from '../../../core/nik.ts';
import { readNik, type FormErrors, type WorkerFormValues } from './worker-form.ts';

/**
 * Copies the birth date and sex a NIK encodes into the worker form once, when a newly typed NIK becomes
 * readable: a person may then correct them, and retyping the same NIK does not undo that correction.
 * Shared by the register form and the field census form.
 */
export function useNikPrefill(
  initialNik: string,
  today: string,
  setValues: Dispatch<SetStateAction<WorkerFormValues>>,
  setErrors: Dispatch<SetStateAction<FormErrors>>,
): (raw: string) => void {
  // The NIK whose birth date and sex were last copied; editing starts from the stored one.
  const filledFromNik = useRef(normalizeNik(initialNik));
  return (raw: string) => {
    const read = readNik(raw, today);
    const nik = normalizeNik(raw);
    if (!read || nik === filledFromNik.current) return;
    filledFromNik.current = nik;
    setValues((v) => ({ ...v, nik: raw, birthDate: read.birthDate, sex: read.info.sex }));
    setErrors(({ birthDate: _b, sex: _s, ...rest }) => rest);
  };
}
