/**
 * What one row of a census file (or of a village resident export) means: a worker to create or update,
 * a row to reject with reasons, a resident to skip (with the reason counted), or nothing (an empty row).
 * The cell rules live in core/import so the browser and the server read files the same way.
 */
import { ageOn } from '../../../core/dates.ts';
import { matchCensusColumns, type CensusField } from '../../../core/import/census-columns.ts';
import {
  cleanText,
  isEmptyCell,
  parseDateCell,
  parseDependantsCell,
  parseFamilyCardCell,
  parseIncomeCell,
  parseNikCell,
  parseOccupationCell,
  parsePhoneCell,
  parseRtRwCell,
  parseSexCell,
  type Cell,
  type CellResult,
} from '../../../core/import/cells.ts';
import { civilOccupationKey } from '../../../core/import/civil-occupations.ts';
import { isOpenSidEndMarker, parseStatusDasar, residentColumnIndexes, type ResidentRow } from '../../../core/import/resident-formats.ts';
import { birthDateFromNik, parseNik } from '../../../core/nik.ts';
import type { OccupationCode } from '../../../core/occupations.ts';
import { ancestorCodeAt } from '../../../core/regions.ts';
import { canWriteWorkers, type Role } from '../../../core/roles.ts';
import { workerCreateSchema } from '../../../core/workers.schema.ts';
import { fieldErrorsFromIssues } from '../../errors.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import type { ImportActor, ImportLayout, RowError, SkippedCounts } from './imports.table.ts';
import { villageNames, type VillageNames } from './village-names.ts';

/** A worker as stored, from one row. `provided` lists the fields the file actually filled in. */
export interface ImportedWorker {
  nik: string;
  name: string;
  birthDate: string;
  sex: 'M' | 'F';
  villageCode: string;
  districtCode: string;
  occupation: OccupationCode;
  phone: string | null;
  monthlyIncome: number | null;
  /** Jumlah tanggungan; null when the file says nothing (an update then keeps the stored value). */
  dependants: number | null;
  hamlet: string | null;
  rt: string | null;
  rw: string | null;
  notes: string | null;
  familyCardNumber: string | null;
  provided: readonly UpdatableField[];
}

export const UPDATABLE_FIELDS = [
  'name',
  'birthDate',
  'sex',
  'villageCode',
  'occupation',
  'phone',
  'monthlyIncome',
  'dependants',
  'hamlet',
  'rt',
  'rw',
  'notes',
  'familyCardNumber',
] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

export type RowOutcome =
  | { kind: 'empty' }
  | { kind: 'end' }
  | { kind: 'skip'; reason: keyof SkippedCounts }
  | { kind: 'reject'; errors: RowError[] }
  | { kind: 'worker'; worker: ImportedWorker };

export interface CivilOccupationRule {
  occupation: OccupationCode | null;
}

export interface CensusRowContext {
  layout: Exclude<ImportLayout, 'bpjs'>;
  header: string[];
  regions: RegionDirectory;
  actor: ImportActor;
  /** Rows without a village go here; rows naming another village are rejected. */
  targetVillage: string | null;
  today: string;
  civilOccupations: Map<string, CivilOccupationRule>;
  residentMinAge: number;
  residentMaxAge: number;
}

export interface CensusRowReader {
  /** Required columns the header lacks (the import cannot start without them). */
  missing: { field: string; label: string }[];
  interpret(cells: Cell[]): RowOutcome;
}

const err = (field: string | null, code: string, message: string): RowError => ({ field, code, message });

export function censusRowReader(ctx: CensusRowContext): CensusRowReader {
  const villages = villageNames(ctx.regions);
  const resolveVillage = (codeCell: Cell, nameCell: Cell, districtCell: Cell) => resolveVillageOf(ctx, villages, codeCell, nameCell, districtCell);
  return ctx.layout === 'census' ? censusLayout(ctx, resolveVillage) : residentLayout(ctx, resolveVillage);
}

type VillageResolver = (codeCell: Cell, nameCell: Cell, districtCell: Cell) => { ok: true; code: string } | { ok: false; error: RowError };

function censusLayout(ctx: CensusRowContext, resolveVillage: VillageResolver): CensusRowReader {
  const { byField, missing } = matchCensusColumns(ctx.header);
  const col = (field: CensusField) => byField[field];
  // With a target village the file needs no village column.
  const missingRequired = missing.filter((field) => !(field === 'villageCode' && ctx.targetVillage));
  const at = (cells: Cell[], field: CensusField): Cell => {
    const index = col(field);
    return index === undefined ? undefined : cells[index];
  };
  const provided = UPDATABLE_FIELDS.filter((field) => {
    if (field === 'birthDate') return col('birthDate') !== undefined || col('birthPlaceDate') !== undefined || col('birthYear') !== undefined;
    if (field === 'villageCode') return col('villageCode') !== undefined || col('villageName') !== undefined;
    return col(field) !== undefined;
  });

  return {
    missing: missingRequired.map((field) => ({ field, label: field })),
    interpret(cells) {
      if (cells.every(isEmptyCell)) return { kind: 'empty' };
      const errors: RowError[] = [];
      const take = <T>(field: string, result: CellResult<T>): T | undefined => {
        if (result.ok) return result.value;
        errors.push(err(field, result.code, result.message));
        return undefined;
      };
      const nik = take('nik', parseNikCell(at(cells, 'nik')));
      let birthDate: string | undefined;
      if (col('birthDate') !== undefined && !isEmptyCell(at(cells, 'birthDate'))) birthDate = take('birthDate', parseDateCell(at(cells, 'birthDate')));
      else if (col('birthPlaceDate') !== undefined && !isEmptyCell(at(cells, 'birthPlaceDate'))) {
        birthDate = take('birthDate', parseDateCell(at(cells, 'birthPlaceDate')));
      } else if (col('birthYear') !== undefined && !isEmptyCell(at(cells, 'birthYear'))) {
        const parts = [at(cells, 'birthDay'), at(cells, 'birthMonth'), at(cells, 'birthYear')].map((c) => cleanText(c));
        birthDate = take('birthDate', parseDateCell(parts.join(' ')));
      }
      const sexCell = at(cells, 'sex');
      const sex = isEmptyCell(sexCell) ? undefined : take('sex', parseSexCell(sexCell));
      const occupation = take('occupation', parseOccupationCell(at(cells, 'occupation')));
      const phone = take('phone', parsePhoneCell(at(cells, 'phone')));
      const monthlyIncome = take('monthlyIncome', parseIncomeCell(at(cells, 'monthlyIncome')));
      const dependants = take('dependants', parseDependantsCell(at(cells, 'dependants')));
      const rt = take('rt', parseRtRwCell(at(cells, 'rt')));
      const rw = take('rw', parseRtRwCell(at(cells, 'rw')));
      const familyCardNumber = take('familyCardNumber', parseFamilyCardCell(at(cells, 'familyCardNumber')));
      const village = resolveVillage(at(cells, 'villageCode'), at(cells, 'villageName'), at(cells, 'districtName'));
      if (!village.ok) errors.push(village.error);
      if (errors.length > 0 || nik === undefined || occupation === undefined || !village.ok) return { kind: 'reject', errors };
      return finishWorker(ctx, {
        nik,
        name: cleanText(at(cells, 'name')),
        birthDate,
        sex,
        villageCode: village.code,
        occupation,
        phone: phone ?? null,
        monthlyIncome: monthlyIncome ?? null,
        dependants: dependants ?? null,
        hamlet: cleanText(at(cells, 'hamlet')) || null,
        rt: rt ?? null,
        rw: rw ?? null,
        notes: cleanText(at(cells, 'notes')) || null,
        familyCardNumber: familyCardNumber ?? null,
        provided,
      });
    },
  };
}

function residentLayout(ctx: CensusRowContext, resolveVillage: VillageResolver): CensusRowReader {
  const layout = ctx.layout as 'opensid' | 'siak';
  const index = residentColumnIndexes(layout, ctx.header);
  const at = (cells: Cell[], field: keyof ResidentRow): Cell => {
    const i = index[field];
    return i === null ? undefined : cells[i];
  };
  const missing = (['nik', 'name', 'birthDate', 'occupation'] as const).filter((field) => index[field] === null);
  const provided: UpdatableField[] = ['name', 'birthDate', 'sex', 'villageCode', 'occupation', 'familyCardNumber'];
  if (index.hamlet !== null) provided.push('hamlet');
  if (index.rt !== null) provided.push('rt');
  if (index.rw !== null) provided.push('rw');

  return {
    missing: missing.map((field) => ({ field, label: field })),
    interpret(cells) {
      if (cells.every(isEmptyCell)) return { kind: 'empty' };
      if (layout === 'opensid' && isOpenSidEndMarker(at(cells, 'hamlet'))) return { kind: 'end' };
      // Only residents alive and living here, of working age, in an informal occupation become census entries.
      if (parseStatusDasar(at(cells, 'statusDasar')) !== 'alive') return { kind: 'skip', reason: 'status' };
      const nikResult = parseNikCell(at(cells, 'nik'));
      const dateCell = at(cells, 'birthDate');
      let birthDate: string | undefined;
      if (!isEmptyCell(dateCell)) {
        const parsed = parseDateCell(dateCell);
        if (!parsed.ok) return { kind: 'reject', errors: [err('birthDate', parsed.code, parsed.message)] };
        birthDate = parsed.value;
      } else if (nikResult.ok) {
        const info = parseNik(nikResult.value);
        if (info.ok) birthDate = birthDateFromNik(info.info, ctx.today);
      }
      if (birthDate) {
        const age = ageOn(birthDate, ctx.today);
        if (age < ctx.residentMinAge || age > ctx.residentMaxAge) return { kind: 'skip', reason: 'age' };
      }
      const rule = ctx.civilOccupations.get(civilOccupationKey(at(cells, 'occupation')));
      if (!rule?.occupation) return { kind: 'skip', reason: 'occupation' };

      const errors: RowError[] = [];
      if (!nikResult.ok) errors.push(err('nik', nikResult.code, nikResult.message));
      const sexCell = at(cells, 'sex');
      const sex = isEmptyCell(sexCell) ? undefined : parseSexCell(sexCell);
      if (sex && !sex.ok) errors.push(err('sex', sex.code, sex.message));
      const kk = parseFamilyCardCell(at(cells, 'familyCardNumber'));
      if (!kk.ok) errors.push(err('familyCardNumber', kk.code, kk.message));
      const rt = parseRtRwCell(at(cells, 'rt'));
      const rw = parseRtRwCell(at(cells, 'rw'));
      // Resident exports come from one village: the one chosen for the import.
      const village = resolveVillage(undefined, undefined, undefined);
      if (!village.ok) errors.push(village.error);
      if (errors.length > 0 || !nikResult.ok || !village.ok) return { kind: 'reject', errors };
      return finishWorker(ctx, {
        nik: nikResult.value,
        name: cleanText(at(cells, 'name')),
        birthDate,
        sex: sex?.ok ? sex.value : undefined,
        villageCode: village.code,
        occupation: rule.occupation,
        phone: null,
        monthlyIncome: null,
        // Resident exports (OpenSID, SIAK) have no such column.
        dependants: null,
        hamlet: cleanText(at(cells, 'hamlet')) || null,
        rt: rt.ok ? rt.value : null,
        rw: rw.ok ? rw.value : null,
        notes: null,
        familyCardNumber: kk.ok ? kk.value : null,
        provided,
      });
    },
  };
}

interface DraftWorker extends Omit<ImportedWorker, 'birthDate' | 'sex' | 'districtCode'> {
  birthDate: string | undefined;
  sex: 'M' | 'F' | undefined;
}

/** The same checks as a worker typed into the form (core/workers.schema.ts), then the stored form of each value. */
function finishWorker(ctx: CensusRowContext, draft: DraftWorker): RowOutcome {
  const checked = workerCreateSchema.safeParse({
    nik: draft.nik,
    name: draft.name,
    birthDate: draft.birthDate,
    sex: draft.sex,
    villageCode: draft.villageCode,
    occupation: draft.occupation,
  });
  if (!checked.success) {
    const source = { nik: draft.nik, name: draft.name || undefined, birthDate: draft.birthDate, sex: draft.sex, villageCode: draft.villageCode };
    return {
      kind: 'reject',
      errors: fieldErrorsFromIssues(checked.error.issues as never, 'row', source).map((e) => err(e.field, e.code, e.message)),
    };
  }
  const nik = parseNik(draft.nik);
  if (!nik.ok) return { kind: 'reject', errors: [err('nik', nik.error.code, nik.error.message)] };
  const pad = (v: string | null) => (v === null ? null : v.padStart(3, '0'));
  return {
    kind: 'worker',
    worker: {
      ...draft,
      name: checked.data.name.replace(/\s+/g, ' '),
      birthDate: draft.birthDate ?? birthDateFromNik(nik.info, ctx.today),
      sex: draft.sex ?? nik.info.sex,
      districtCode: ancestorCodeAt(draft.villageCode, 'district')!,
      rt: pad(draft.rt),
      rw: pad(draft.rw),
    },
  };
}

// ------------------------------------------------------------------ villages

function resolveVillageOf(
  ctx: CensusRowContext,
  names: VillageNames,
  codeCell: Cell,
  nameCell: Cell,
  districtCell: Cell,
): { ok: true; code: string } | { ok: false; error: RowError } {
  const found = names.lookup(codeCell, nameCell, districtCell);
  // The texts are for messages only; the lookup read the cells itself.
  const codeText = found.ok ? '' : cleanText(codeCell);
  const nameText = found.ok ? '' : cleanText(nameCell);
  const districtText = found.ok ? '' : cleanText(districtCell);
  let code: string | null = null;
  if (found.ok) code = found.code;
  else if (found.reason === 'unknown_code') {
    return { ok: false, error: err('villageCode', 'VILLAGE_UNKNOWN', `Kode desa ${codeText} tidak ada di ${ctx.regions.served.name}. Tulis kode Kemendagri seperti 52.03.01.2001.`) };
  } else if (found.reason === 'unknown_district') {
    return { ok: false, error: err('districtName', 'DISTRICT_UNKNOWN', `Kecamatan "${districtText}" tidak ada di ${ctx.regions.served.name}. Periksa ejaannya.`) };
  } else if (found.reason === 'unknown_name') {
    return { ok: false, error: err('villageName', 'VILLAGE_UNKNOWN', `Desa "${nameText}" tidak ditemukan${districtText ? ` di Kecamatan ${districtText}` : ''}. Periksa ejaannya atau tulis kode desa.`) };
  } else if (found.reason === 'ambiguous_name') {
    return { ok: false, error: err('villageName', 'VILLAGE_AMBIGUOUS', `Ada ${found.candidates} desa bernama "${nameText}". Isi kolom Kecamatan atau tulis kode desa.`) };
  }
  if (code && ctx.targetVillage && code !== ctx.targetVillage) {
    const target = ctx.regions.get(ctx.targetVillage)?.name ?? ctx.targetVillage;
    const named = ctx.regions.get(code)?.name ?? code;
    return {
      ok: false,
      error: err(isEmptyCell(codeCell) ? 'villageName' : 'villageCode', 'VILLAGE_MISMATCH', `Baris ini untuk Desa ${named}, sedangkan impor ini untuk Desa ${target}. Pisahkan baris desa lain ke berkasnya sendiri.`),
    };
  }
  code ??= ctx.targetVillage;
  if (!code) {
    return { ok: false, error: err('villageCode', 'VILLAGE_REQUIRED', 'Desa tidak diisi. Isi kolom Kode Desa (atau Desa dan Kecamatan), atau pilih desa tujuan impor.') };
  }
  if (!canWriteWorkers({ role: ctx.actor.role as Role, regionCode: ctx.actor.regionCode }, code)) {
    const named = ctx.regions.get(code)?.name ?? code;
    return { ok: false, error: err('villageCode', 'VILLAGE_OUT_OF_SCOPE', `Anda hanya dapat mengimpor pekerja desa Anda sendiri; baris ini untuk Desa ${named}.`) };
  }
  return { ok: true, code };
}
