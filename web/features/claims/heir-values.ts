/** An heir as the forms hold it (strings for the inputs), and the request the server checks. */
import type { SchoolLevel } from '../../../core/benefits.ts';
import type { HeirInput } from '../../../core/claims.schema.ts';
import type { HeirRelation } from '../../../core/claims.ts';

export interface HeirValues {
  nik: string;
  name: string;
  relation: HeirRelation;
  birthDate: string;
  sex: '' | 'M' | 'F';
  phone: string;
  schoolLevel: SchoolLevel | '';
  married: boolean;
  working: boolean;
  isPayee: boolean;
}

export function emptyHeirValues(relation: HeirRelation, isPayee: boolean): HeirValues {
  return { nik: '', name: '', relation, birthDate: '', sex: '', phone: '', schoolLevel: '', married: false, working: false, isPayee };
}

/** The request for these values: blanks left out (birth date and sex then come from the NIK), schooling only for children. */
export function heirInputOf(values: HeirValues): HeirInput {
  const isChild = values.relation === 'child';
  return {
    nik: values.nik.replace(/\s/g, ''),
    name: values.name.trim(),
    relation: values.relation,
    ...(values.birthDate ? { birthDate: values.birthDate } : {}),
    ...(values.sex ? { sex: values.sex } : {}),
    phone: values.phone.trim() || null,
    schoolLevel: isChild && values.schoolLevel ? values.schoolLevel : null,
    married: isChild && values.married,
    working: isChild && values.working,
    isPayee: values.isPayee,
  };
}
