/**
 * Census rounds, the register a phone downloads, and the sync of entries collected offline. Every entry
 * is applied at most once (its idempotency key is claimed in the transaction that applies it), each in
 * its own transaction so one refused entry never holds back the rest of the batch.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  CENSUS_EDITABLE_FIELDS,
  censusChangesSchema,
  censusRoundState,
  censusRoundTakes,
  conflictingFields,
  percentOfTarget,
  sameFieldValue,
  type CensusEntryInput,
  type CensusFigures,
  type CensusProgressDto,
  type CensusRegisterDto,
  type CensusRoundCreateInput,
  type CensusRoundDetailDto,
  type CensusRoundDto,
  type CensusRoundPatchInput,
  type CensusRoundState,
  type CensusSyncResult,
} from '../../../core/census.ts';
import { ancestorCodeAt, regionLevelOf } from '../../../core/regions.ts';
import { canManageCensusRounds, canReadRegion, canWriteCensus, isCensusOnlyRole } from '../../../core/roles.ts';
import { workerCreateSchema } from '../../../core/workers.schema.ts';
import { hasSqlState, type Db } from '../../db/client.ts';
import { AppError, errors, fieldErrorsFromIssues } from '../../errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { coverageOfWorkers } from '../enrolment/enrolment.service.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { findWorkerByNik } from '../workers/workers.repo.ts';
import { createWorker, updateWorker } from '../workers/workers.service.ts';
import {
  claimEntryKey,
  findRound,
  findRoundsByIds,
  findRoundsInScope,
  findRoundVillagePairs,
  findRoundVillages,
  findVillageProgress,
  findVillageRegister,
  findVillagesWithEntries,
  insertRound,
  lockEntry,
  lockWorker,
  replaceRoundVillages,
  updateEntry,
  updateRoundRow,
  type CensusRoundRow,
  type CensusRoundVillageRow,
  type RoundInScope,
  type VillageProgressRow,
} from './census.repo.ts';

export interface CensusContext extends AuditContext {
  actor: SessionUser;
  regions: RegionDirectory;
  /** Today in the regency's calendar, YYYY-MM-DD. */
  today: string;
  timeZone: string;
}

// ---------------------------------------------------------------- rounds

/** A stored round's state on `today` (closed, upcoming, running, ended). */
function stateOf(round: CensusRoundRow, today: string): CensusRoundState {
  return censusRoundState({ ...round, closedAt: round.closedAt?.toISOString() ?? null }, today);
}

function presentRound(row: RoundInScope, ctx: CensusContext): CensusRoundDto {
  return {
    id: row.id,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    targetGroups: row.targetGroups,
    state: stateOf(row, ctx.today),
    closedAt: row.closedAt?.toISOString() ?? null,
    villageCount: row.villageCount,
    targetTotal: row.targetTotal,
    createdAt: row.createdAt.toISOString(),
  };
}

function presentVillages(rows: CensusRoundVillageRow[], ctx: CensusContext): CensusRoundDetailDto['villages'] {
  return rows.map((v) => ({
    villageCode: v.villageCode,
    villageName: ctx.regions.get(v.villageCode)?.name ?? v.villageCode,
    districtCode: v.districtCode,
    districtName: ctx.regions.get(v.districtCode)?.name ?? v.districtCode,
    target: v.target,
  }));
}

/** Census rounds that include a village of the caller's region (an enumerator: their village's rounds). */
export async function listRounds(db: Db, ctx: CensusContext): Promise<CensusRoundDto[]> {
  const rows = await findRoundsInScope(db, ctx.actor.regionCode);
  return rows.map((r) => presentRound(r, ctx));
}

export async function getRound(db: Db, ctx: CensusContext, id: string): Promise<CensusRoundDetailDto> {
  const [row] = await findRoundsInScope(db, ctx.actor.regionCode, id);
  if (!row) {
    if (await findRound(db, id)) throw errors.forbidden('Putaran sensus ini tidak mencakup wilayah Anda.');
    throw errors.notFound('Putaran sensus');
  }
  const villages = await findRoundVillages(db, id, ctx.actor.regionCode);
  return { ...presentRound(row, ctx), villages: presentVillages(villages, ctx) };
}

function assertCanManage(ctx: CensusContext): void {
  if (!canManageCensusRounds(ctx.actor)) throw errors.forbidden('Hanya admin Disnakertrans yang dapat membuka dan mengubah putaran sensus.');
}

/** The round's villages as stored, each checked to be a village of the served region. */
function villageRows(roundId: string, villages: CensusRoundCreateInput['villages'], ctx: CensusContext): CensusRoundVillageRow[] {
  return villages.map((v, i) => {
    if (!ctx.regions.village(v.villageCode)) {
      throw new AppError(
        'validation',
        'VILLAGE_UNKNOWN',
        `Desa dengan kode ${v.villageCode} tidak ada di ${ctx.regions.served.name}. Pilih desa dari daftar.`,
        `villages.${i}.villageCode`,
      );
    }
    return { roundId, villageCode: v.villageCode, districtCode: ancestorCodeAt(v.villageCode, 'district')!, target: v.target ?? null };
  });
}

export async function createRound(db: Db, ctx: CensusContext, input: CensusRoundCreateInput): Promise<CensusRoundDetailDto> {
  assertCanManage(ctx);
  const id = randomUUID();
  const villages = villageRows(id, input.villages, ctx);
  await db.transaction(async (tx) => {
    await insertRound(tx, { id, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, targetGroups: input.targetGroups, createdBy: ctx.actor.id });
    await replaceRoundVillages(tx, id, villages);
    await recordAudit(tx, ctx, {
      action: 'create',
      entity: 'census_round',
      entityId: id,
      regionCode: ctx.actor.regionCode,
      changes: { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, targetGroups: input.targetGroups, villages: villages.length },
    });
  });
  return getRound(db, ctx, id);
}

export async function updateRound(db: Db, ctx: CensusContext, id: string, patch: CensusRoundPatchInput): Promise<CensusRoundDetailDto> {
  assertCanManage(ctx);
  await db.transaction(async (tx) => {
    const before = await findRound(tx, id);
    if (!before) throw errors.notFound('Putaran sensus');
    const startsOn = patch.startsOn ?? before.startsOn;
    const endsOn = patch.endsOn ?? before.endsOn;
    if (endsOn < startsOn) throw new AppError('validation', 'PERIOD_INVALID', 'Tanggal selesai tidak boleh sebelum tanggal mulai.', patch.endsOn ? 'endsOn' : 'startsOn');
    const closedAt = patch.closed === undefined ? before.closedAt : patch.closed ? (before.closedAt ?? new Date()) : null;
    const changes: Record<string, unknown> = {};
    for (const key of ['name', 'startsOn', 'endsOn', 'targetGroups'] as const) {
      if (patch[key] !== undefined && JSON.stringify(patch[key]) !== JSON.stringify(before[key])) changes[key] = { before: before[key], after: patch[key] };
    }
    if ((closedAt === null) !== (before.closedAt === null)) changes.closed = { before: before.closedAt !== null, after: closedAt !== null };
    if (patch.villages) {
      const rows = villageRows(id, patch.villages, ctx);
      const kept = new Set(rows.map((r) => r.villageCode));
      const withEntries = await findVillagesWithEntries(tx, id);
      const dropped = [...withEntries].filter((code) => !kept.has(code));
      if (dropped.length > 0) {
        const names = dropped.map((code) => ctx.regions.get(code)?.name ?? code).join(', ');
        throw new AppError('conflict', 'CENSUS_VILLAGE_HAS_ENTRIES', `Desa ${names} sudah mengirim entri sensus dan tidak dapat dikeluarkan dari putaran ini.`, 'villages');
      }
      await replaceRoundVillages(tx, id, rows);
      changes.villages = { after: rows.length };
    }
    await updateRoundRow(tx, id, {
      name: patch.name ?? before.name,
      startsOn,
      endsOn,
      targetGroups: patch.targetGroups ?? before.targetGroups,
      closedAt,
      updatedAt: new Date(),
    });
    await recordAudit(tx, ctx, { action: 'update', entity: 'census_round', entityId: id, regionCode: ctx.actor.regionCode, changes });
  });
  return getRound(db, ctx, id);
}

// ---------------------------------------------------------------- progress

function figures(rows: VillageProgressRow[]): CensusFigures {
  const sum = (pick: (r: VillageProgressRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const targets = rows.filter((r) => r.target !== null);
  const target = targets.length > 0 ? targets.reduce((n, r) => n + r.target!, 0) : null;
  const collected = sum((r) => r.collected);
  const last = rows.reduce<string | null>((max, r) => (r.last_entry_at && (!max || r.last_entry_at > max) ? r.last_entry_at : max), null);
  return {
    target,
    collected,
    accepted: sum((r) => r.accepted),
    added: sum((r) => r.added),
    duplicates: sum((r) => r.duplicates),
    rejected: sum((r) => r.rejected),
    uncoveredFound: sum((r) => r.uncovered_found),
    percentOfTarget: percentOfTarget(collected, target),
    lastEntryAt: last,
  };
}

/** Entries collected, accepted, duplicates and uncovered workers found, against the target, for a region's villages. */
export async function roundProgress(db: Db, ctx: CensusContext, id: string, regionCode = ctx.actor.regionCode): Promise<CensusProgressDto> {
  const level = regionLevelOf(regionCode);
  if (!level || !ctx.regions.get(regionCode)) throw new AppError('validation', 'REGION_UNKNOWN', `Wilayah ${regionCode} tidak dikenal.`, 'region');
  if (!canReadRegion(ctx.actor, regionCode)) throw errors.forbidden('Wilayah yang diminta berada di luar wilayah Anda.');
  await getRound(db, ctx, id); // 404 / 403 as for the round itself
  const villages = await findVillageProgress(db, id, regionCode);
  const byDistrict = level === 'regency' || level === 'province';
  const groups = new Map<string, VillageProgressRow[]>();
  for (const v of villages) {
    const key = byDistrict ? v.district_code : v.village_code;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return {
    roundId: id,
    regionCode,
    regionName: ctx.regions.get(regionCode)?.name ?? regionCode,
    totals: figures(villages),
    rows: [...groups].map(([code, rows]) => ({
      ...figures(rows),
      regionCode: code,
      regionName: ctx.regions.get(code)?.name ?? code,
      level: byDistrict ? ('district' as const) : ('village' as const),
    })),
  };
}

// ---------------------------------------------------------------- offline register

/**
 * The village's register as a phone keeps it offline: masked NIKs with a salted digest, names, birth
 * dates, hamlets, occupations and coverage — what spots a duplicate, nothing more. The download is
 * written to the audit trail. An enumerator gets it only while a round of their village is open.
 */
export async function downloadRegister(db: Db, ctx: CensusContext, villageCode: string): Promise<CensusRegisterDto> {
  const village = ctx.regions.village(villageCode);
  if (!village) throw new AppError('validation', 'VILLAGE_UNKNOWN', `Desa dengan kode ${villageCode} tidak dikenal.`, 'village');
  if (!canWriteCensus(ctx.actor, villageCode)) throw errors.forbidden('Anda hanya dapat mengunduh data desa tempat Anda bertugas.');
  if (isCensusOnlyRole(ctx.actor.role)) {
    const rounds = await findRoundsInScope(db, villageCode);
    const open = rounds.some((r) => ['upcoming', 'running'].includes(stateOf(r, ctx.today)));
    if (!open) throw new AppError('forbidden', 'CENSUS_NO_ROUND', 'Belum ada putaran sensus yang berjalan di desa Anda. Hubungi Disnakertrans.');
  }
  const rows = await findVillageRegister(db, villageCode);
  const coverage = await coverageOfWorkers(db, rows.map((r) => r.id), ctx.today);
  const salt = randomBytes(16).toString('hex');
  await recordAudit(db, ctx, { action: 'export', entity: 'census_register', entityId: null, regionCode: villageCode, changes: { workers: rows.length } });
  return {
    villageCode,
    villageName: village.name,
    downloadedAt: new Date().toISOString(),
    salt,
    workers: rows.map((r) => ({
      id: r.id,
      version: r.updatedAt.toISOString(),
      nikDigest: createHash('sha256').update(`${salt}:${r.nik}`).digest('hex'),
      nikMasked: `${r.nik.slice(0, 6)}******${r.nik.slice(12)}`,
      name: r.name,
      sex: r.sex,
      birthDate: r.birthDate,
      hamlet: r.hamlet,
      rt: r.rt,
      rw: r.rw,
      occupation: r.occupation as CensusRegisterDto['workers'][number]['occupation'],
      coverage: coverage.get(r.id)?.status ?? 'not_enrolled',
      deceased: r.deceasedOn !== null,
    })),
  };
}

// ---------------------------------------------------------------- sync

type Outcome = Pick<CensusSyncResult, 'status' | 'outcome' | 'workerId' | 'version' | 'error' | 'existing' | 'conflict'> & {
  wasUncovered: boolean;
};

const EMPTY: Omit<Outcome, 'status'> = { outcome: null, workerId: null, version: null, error: null, existing: null, conflict: null, wasUncovered: false };

function refused(code: string, message: string, field?: string, fields?: { field: string; code: string; message: string }[]): Outcome {
  return { ...EMPTY, status: 'rejected', error: { code, message, ...(field ? { field } : {}), ...(fields ? { fields } : {}) } };
}

function resultOf(key: string, outcome: Outcome, replayed = false): CensusSyncResult {
  const { wasUncovered: _ignored, ...result } = outcome;
  return { key, replayed, ...result };
}

/** The day a phone says it recorded an entry, in the regency's calendar. */
function recordedDay(recordedAt: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(recordedAt));
}

interface SyncScope {
  rounds: Map<string, CensusRoundRow>;
  /** `roundId|villageCode` of every village in the batch's rounds. */
  roundVillages: Set<string>;
}

/** Applies a batch of entries in the order sent; each result says what became of its entry. */
export async function syncEntries(db: Db, ctx: CensusContext, entries: CensusEntryInput[]): Promise<CensusSyncResult[]> {
  const roundIds = [...new Set(entries.map((e) => e.roundId))];
  const scope: SyncScope = {
    rounds: new Map((await findRoundsByIds(db, roundIds)).map((r) => [r.id, r])),
    roundVillages: await findRoundVillagePairs(db, roundIds),
  };
  const results: CensusSyncResult[] = [];
  for (const entry of entries) results.push(await syncEntryWithRetry(db, ctx, scope, entry));
  return results;
}

/**
 * One entry, retried once when a concurrent request won a race (the same key, or the same NIK, written
 * by another transaction a moment earlier): the second pass sees what the first one committed. A unique
 * violation aborts the transaction, so what follows it may fail with 25P02 instead; both mean "raced".
 */
async function syncEntryWithRetry(db: Db, ctx: CensusContext, scope: SyncScope, entry: CensusEntryInput): Promise<CensusSyncResult> {
  try {
    return await syncEntry(db, ctx, scope, entry);
  } catch (err) {
    if (!hasSqlState(err, '23505') && !hasSqlState(err, '25P02')) throw err;
    return syncEntry(db, ctx, scope, entry);
  }
}

async function syncEntry(db: Db, ctx: CensusContext, scope: SyncScope, entry: CensusEntryInput): Promise<CensusSyncResult> {
  const round = scope.rounds.get(entry.roundId);
  if (!round) return resultOf(entry.key, refused('CENSUS_ROUND_UNKNOWN', 'Putaran sensus tidak ditemukan. Unduh ulang daftar putaran.', 'roundId'));

  return db.transaction(async (tx) => {
    // The village the entry belongs to decides who may send it and whose progress it counts in.
    const worker = entry.kind === 'new' ? undefined : await lockWorker(tx, entry.workerId);
    const villageCode = entry.kind === 'new' ? String(entry.fields.villageCode ?? '') : worker?.villageCode;
    if (entry.kind !== 'new' && !worker) {
      return resultOf(entry.key, refused('WORKER_NOT_FOUND', 'Pekerja ini tidak ada lagi di register (mungkin sudah dihapus). Hapus entri ini atau catat sebagai pekerja baru.', 'workerId'));
    }
    if (!villageCode || !ctx.regions.village(villageCode)) {
      return resultOf(entry.key, refused('VILLAGE_UNKNOWN', 'Desa domisili wajib dipilih dari daftar.', 'villageCode'));
    }
    if (!canWriteCensus(ctx.actor, villageCode)) {
      return resultOf(entry.key, refused('FORBIDDEN', 'Anda hanya dapat mengirim entri sensus untuk desa tempat Anda bertugas.', 'villageCode'));
    }
    if (!scope.roundVillages.has(`${round.id}|${villageCode}`)) {
      return resultOf(entry.key, refused('CENSUS_VILLAGE_NOT_IN_ROUND', `Desa ini tidak termasuk putaran "${round.name}".`, 'villageCode'));
    }

    // Claim the key. A key already accepted answers what it answered; a refused one is judged again.
    const claimed = await claimEntryKey(tx, {
      key: entry.key,
      roundId: round.id,
      villageCode,
      districtCode: ancestorCodeAt(villageCode, 'district')!,
      userId: ctx.actor.id,
      kind: entry.kind,
      status: 'rejected',
      recordedAt: new Date(entry.recordedAt),
    });
    if (!claimed) {
      const stored = (await lockEntry(tx, entry.key))!;
      if (stored.userId !== ctx.actor.id || stored.roundId !== round.id) {
        return resultOf(entry.key, refused('CENSUS_KEY_TAKEN', 'Kunci entri ini sudah dipakai entri lain. Simpan ulang entri agar mendapat kunci baru.', 'key'));
      }
      if (stored.status === 'accepted') {
        return resultOf(entry.key, { ...EMPTY, status: 'accepted', outcome: stored.outcome, workerId: stored.workerId, version: stored.resultVersion }, true);
      }
    }

    const outcome = censusRoundTakes(
      { startsOn: round.startsOn, endsOn: round.endsOn, closedAt: round.closedAt?.toISOString() ?? null },
      recordedDay(entry.recordedAt, ctx.timeZone),
    )
      ? await applyEntry(tx, ctx, entry, worker)
      : refused(
          round.closedAt ? 'CENSUS_ROUND_CLOSED' : 'CENSUS_OUTSIDE_PERIOD',
          round.closedAt
            ? `Putaran "${round.name}" sudah ditutup; entri tidak dapat diterima lagi.`
            : `Entri dicatat di luar masa putaran "${round.name}" (${round.startsOn} s.d. ${round.endsOn}).`,
          'recordedAt',
        );

    await updateEntry(tx, entry.key, {
      // A resend may change the entry's kind (a duplicate confirmed instead) and so its village.
      villageCode,
      districtCode: ancestorCodeAt(villageCode, 'district')!,
      kind: entry.kind,
      status: outcome.status,
      outcome: outcome.outcome,
      workerId: outcome.workerId ?? outcome.existing?.workerId ?? null,
      resultVersion: outcome.version,
      wasUncovered: outcome.wasUncovered,
      errorCode: outcome.error?.code ?? null,
      recordedAt: new Date(entry.recordedAt),
      updatedAt: new Date(),
    }, !claimed);
    await recordAudit(tx, ctx, {
      action: claimed ? 'create' : 'update',
      entity: 'census_entry',
      entityId: entry.key,
      regionCode: villageCode,
      changes: { kind: entry.kind, status: outcome.status, outcome: outcome.outcome, workerId: outcome.workerId, error: outcome.error?.code ?? null },
    });
    return resultOf(entry.key, outcome);
  });
}

async function isUncovered(db: Db, workerId: string, today: string): Promise<{ uncovered: boolean; status: 'covered' | 'grace' | 'lapsed' | 'not_enrolled' }> {
  const status = (await coverageOfWorkers(db, [workerId], today)).get(workerId)?.status ?? 'not_enrolled';
  return { uncovered: status !== 'covered', status };
}

/** A refusal the worker rules raised (invalid field, unknown village) becomes the entry's reason. */
function refusalFrom(err: unknown): Outcome | undefined {
  if (!(err instanceof AppError) || (err.kind !== 'validation' && err.kind !== 'forbidden')) return undefined;
  const body = err.toBody().error;
  return refused(body.code, body.message, body.field, body.fields);
}

async function applyEntry(db: Db, ctx: CensusContext, entry: CensusEntryInput, worker: Awaited<ReturnType<typeof lockWorker>>): Promise<Outcome> {
  const workerCtx = { actor: ctx.actor, requestId: ctx.requestId, regions: ctx.regions, today: ctx.today };
  switch (entry.kind) {
    case 'new': {
      const parsed = workerCreateSchema.safeParse(entry.fields);
      if (!parsed.success) {
        const fields = fieldErrorsFromIssues(parsed.error.issues, 'fields', entry.fields);
        return refused(fields[0]!.code, fields[0]!.message, fields[0]!.field, fields);
      }
      const existing = await findWorkerByNik(db, parsed.data.nik);
      if (existing) {
        const { uncovered, status } = await isUncovered(db, existing.id, ctx.today);
        const visible = canReadRegion(ctx.actor, existing.villageCode);
        const villageName = ctx.regions.get(existing.villageCode)?.name ?? existing.villageCode;
        return {
          ...EMPTY,
          status: 'duplicate',
          wasUncovered: uncovered,
          error: {
            code: 'NIK_ALREADY_REGISTERED',
            field: 'nik',
            message: visible
              ? `NIK ini sudah terdaftar atas nama ${existing.name} di ${villageName}. Catat sebagai sudah terdaftar, jangan didaftarkan dua kali.`
              : 'NIK ini sudah terdaftar di wilayah lain. Hubungi Disnakertrans bila orang ini sudah pindah ke desa Anda.',
          },
          existing: visible ? { workerId: existing.id, name: existing.name, villageName, hamlet: existing.hamlet, coverage: status } : null,
        };
      }
      try {
        const created = await createWorker(db, workerCtx, parsed.data, canWriteCensus);
        return { ...EMPTY, status: 'accepted', outcome: 'created', workerId: created.id, version: created.updatedAt, wasUncovered: true };
      } catch (err) {
        const refusal = refusalFrom(err);
        if (refusal) return refusal;
        throw err;
      }
    }
    case 'update': {
      const current = worker!;
      const unknown = Object.keys(entry.changes).filter((f) => !(CENSUS_EDITABLE_FIELDS as readonly string[]).includes(f));
      if (unknown.length > 0) {
        return refused('CENSUS_FIELD_NOT_EDITABLE', `Isian ${unknown.join(', ')} tidak dapat diubah dari aplikasi sensus; ubah lewat halaman pekerja.`, unknown[0]);
      }
      const parsed = censusChangesSchema.safeParse(entry.changes);
      if (!parsed.success) {
        const fields = fieldErrorsFromIssues(parsed.error.issues, 'changes', entry.changes);
        return refused(fields[0]!.code, fields[0]!.message, fields[0]!.field, fields);
      }
      const serverValues: Record<string, unknown> = Object.fromEntries(CENSUS_EDITABLE_FIELDS.map((f) => [f, current[f]]));
      const serverVersion = current.updatedAt.toISOString();
      if (serverVersion !== entry.baseVersion) {
        const clashes = conflictingFields(entry.base, parsed.data, serverValues);
        if (clashes.length > 0) {
          return {
            ...EMPTY,
            status: 'conflict',
            workerId: current.id,
            error: {
              code: 'CENSUS_CONFLICT',
              message: `Data pekerja ini sudah diubah di server sejak diunduh (${clashes.join(', ')}). Pilih versi yang benar untuk setiap isian.`,
              field: clashes[0],
            },
            conflict: {
              serverVersion,
              fields: clashes.map((field) => ({ field, base: entry.base[field] ?? null, mine: parsed.data[field] ?? null, server: serverValues[field] ?? null })),
            },
          };
        }
      }
      // Only what differs from the server is written: a field both sides set alike is no change.
      const patch = Object.fromEntries(Object.entries(parsed.data).filter(([f, v]) => v !== undefined && !sameFieldValue(v, serverValues[f])));
      try {
        const updated = await updateWorker(db, workerCtx, current.id, patch, canWriteCensus);
        return {
          ...EMPTY,
          status: 'accepted',
          outcome: 'updated',
          workerId: updated.id,
          version: updated.updatedAt,
          wasUncovered: updated.coverage.status !== 'covered',
        };
      } catch (err) {
        const refusal = refusalFrom(err);
        if (refusal) return refusal;
        throw err;
      }
    }
    case 'confirm': {
      const current = worker!;
      const { uncovered } = await isUncovered(db, current.id, ctx.today);
      return { ...EMPTY, status: 'accepted', outcome: 'confirmed', workerId: current.id, version: current.updatedAt.toISOString(), wasUncovered: uncovered };
    }
  }
}
