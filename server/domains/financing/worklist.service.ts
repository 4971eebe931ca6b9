/**
 * Renewal and lapse worklists: who to remind, renew or budget for, derived on the day asked from the
 * worker_protection projection and the dated grace rule, with the cost of renewing each worker.
 */
import ExcelJS from 'exceljs';
import { programStatusOn } from '../../../core/coverage.ts';
import { daysInMonth } from '../../../core/dates.ts';
import type { WorklistKind, WorklistQuery, WorklistResponse } from '../../../core/financing.schema.ts';
import { addMonths, monthOf } from '../../../core/months.ts';
import { maskNik } from '../../../core/nik.ts';
import { occupationLabel } from '../../../core/occupations.ts';
import { graceMonthsIn, quotePremiums, type PremiumRate } from '../../../core/premiums.ts';
import { canReadRegion, mustMaskNik } from '../../../core/roles.ts';
import type { Program } from '../../../core/coverage.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { csvLine } from '../imports/import-files.ts';
import { neutraliseCell } from '../imports/import-files.ts';
import { findGraceRules, findRates } from '../premiums/premiums.repo.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { countWorklistGroups, findWorklistRows, type WorklistFilter, type WorklistRow, type WorklistSelection } from './worklist.repo.ts';

export interface WorklistContext {
  actor: SessionUser;
  requestId: string;
  regions: RegionDirectory;
  /** YYYY-MM-DD in the regency's calendar. */
  today: string;
}

type Item = WorklistResponse['items'][number];

/** Last calendar day of a YYYY-MM month. */
export function lastDayOf(month: string): string {
  return `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Months from this one whose last day lies within today … today + `days` (paid-until months end on month ends). */
export function monthsEndingWithin(today: string, days: number): string[] {
  const until = addDays(today, days);
  const months: string[] = [];
  for (let month = monthOf(today); lastDayOf(month) <= until; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** The selection of one kind on a day: every kind is a handful of months, so the paid_until index answers it. */
export function worklistFilter(kind: WorklistKind, today: string, graceMonths: number): WorklistFilter {
  const month = monthOf(today);
  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => addMonths(month, from + i));
  switch (kind) {
    case 'ending30':
      return { kind: 'paidUntil', months: monthsEndingWithin(today, 30) };
    case 'ending60':
      return { kind: 'paidUntil', months: monthsEndingWithin(today, 60) };
    // Never paid counts as paid until the month before the start month (core/coverage.ts).
    case 'grace':
      return { kind: 'paidUntil', months: range(-graceMonths, -1), unpaidStartMonths: range(-graceMonths + 1, 0) };
    case 'lapsed':
      return { kind: 'paidUntil', months: range(-graceMonths - 1, -graceMonths - 1), unpaidStartMonths: range(-graceMonths, -graceMonths) };
    case 'year_end': {
      const year = Number(month.slice(0, 4));
      return { kind: 'yearEnd', december: `${year}-12`, nextJanuary: `${year + 1}-01` };
    }
    case 'handover':
      return { kind: 'handover', toMonths: [month, addMonths(month, 1)] };
  }
}

function regionScope(ctx: WorklistContext, requested: string | undefined): { code: string; region: WorklistSelection['region'] } {
  const code = requested?.trim() || ctx.actor.regionCode;
  if (!canReadRegion(ctx.actor, code)) throw errors.forbidden('Wilayah yang diminta berada di luar wilayah Anda.');
  const record = ctx.regions.get(code);
  if (!record) throw errors.notFound(`Wilayah dengan kode ${code}`);
  if (record.level === 'village') return { code, region: { column: 'village', code } };
  if (record.level === 'district') return { code, region: { column: 'district', code } };
  // The regency (or a wider scope): the register holds the served regency's workers only.
  return { code, region: null };
}

interface Pricing {
  rates: PremiumRate[];
  renewMonths: number;
  cache: Map<string, number>;
}

function renewalCost(p: Pricing, income: number | null, hasJht: boolean, startMonth: string): number {
  const key = `${income ?? 0}|${hasJht}|${startMonth}`;
  const cached = p.cache.get(key);
  if (cached !== undefined) return cached;
  const programs: Program[] = hasJht ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'];
  const result = quotePremiums(p.rates, { income: income ?? 0, programs, months: p.renewMonths, startMonth });
  if (!result.ok) {
    throw new AppError('conflict', 'RATE_MISSING', `Tarif iuran untuk bulan ${startMonth} belum dicatat; biaya perpanjangan tidak dapat dihitung.`);
  }
  p.cache.set(key, result.quote.total);
  return result.quote.total;
}

function present(row: WorklistRow, ctx: WorklistContext, graceMonths: number, pricing: Pricing): Item {
  const month = monthOf(ctx.today);
  const startMonth = row.startMonth ?? month;
  // With nothing paid, protection counts from the month before the start month (core/coverage.ts).
  const effectivePaid = row.paidUntil ?? addMonths(startMonth, -1);
  const status = programStatusOn({ program: 'JKK', startMonth, paidUntil: row.paidUntil, endedOn: null }, ctx.today, graceMonths);
  const renewFrom = row.paidUntil ? addMonths(row.paidUntil, 1) : startMonth;
  const masked = mustMaskNik(ctx.actor.role);
  return {
    workerId: row.workerId,
    name: row.name,
    nik: masked ? maskNik(row.nik) : row.nik,
    nikMasked: masked,
    villageCode: row.villageCode,
    villageName: ctx.regions.get(row.villageCode)?.name ?? row.villageCode,
    occupation: row.occupation,
    paidUntil: row.paidUntil,
    paidThrough: row.paidUntil ? lastDayOf(row.paidUntil) : null,
    protectedUntil: row.startMonth || row.paidUntil ? lastDayOf(addMonths(effectivePaid, graceMonths)) : null,
    status: status === 'ended' ? 'lapsed' : status,
    sourceId: row.sourceId,
    sourceKind: row.sourceKind,
    sourceName: row.sourceName,
    handoverToSelf: row.handoverToSelf,
    renewalCost: renewalCost(pricing, row.declaredIncome, row.hasJht, renewFrom > month ? renewFrom : month),
  };
}

export type WorklistAnswer =
  | { format: 'json'; body: WorklistResponse }
  | { format: 'csv' | 'xlsx'; fileName: string; contentType: string; content: string | Buffer };

/** A worklist page (json) or the whole list as a file (csv/xlsx, audited with counts only). */
export async function getWorklist(db: Db, ctx: WorklistContext, query: WorklistQuery): Promise<WorklistAnswer> {
  const { code: regionCode, region } = regionScope(ctx, query.region);
  const month = monthOf(ctx.today);
  const [rates, graceRules] = await Promise.all([findRates(db), findGraceRules(db)]);
  const graceMonths = graceMonthsIn(graceRules, month);
  const selection: WorklistSelection = { filter: worklistFilter(query.kind, ctx.today, graceMonths), month, region, sourceId: query.sourceId };
  const pricing: Pricing = { rates, renewMonths: query.renewMonths, cache: new Map() };

  if (query.format === 'json') {
    const [groups, rows] = await Promise.all([
      countWorklistGroups(db, selection, month),
      findWorklistRows(db, selection, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    ]);
    return {
      format: 'json',
      body: {
        kind: query.kind,
        today: ctx.today,
        graceMonths,
        items: rows.map((r) => present(r, ctx, graceMonths, pricing)),
        total: groups.reduce((sum, g) => sum + g.workers, 0),
        totalRenewalCost: groups.reduce((sum, g) => sum + g.workers * renewalCost(pricing, g.declaredIncome, g.hasJht, g.renewFrom), 0),
        renewMonths: query.renewMonths,
        page: query.page,
        pageSize: query.pageSize,
      },
    };
  }

  const items = (await findWorklistRows(db, selection, null)).map((r) => present(r, ctx, graceMonths, pricing));
  const totalRenewalCost = items.reduce((sum, i) => sum + i.renewalCost, 0);
  await insertAudit(db, {
    actorId: ctx.actor.id,
    actorUsername: ctx.actor.username,
    actorRole: ctx.actor.role,
    action: 'export',
    entity: 'worklist',
    entityId: query.kind,
    regionCode,
    changes: { kind: query.kind, format: query.format, rows: items.length, renewMonths: query.renewMonths, sourceId: query.sourceId ?? null },
    requestId: ctx.requestId,
  });
  const fileName = `daftar-${query.kind}-${regionCode.replaceAll('.', '')}-${ctx.today}.${query.format}`;
  const table = fileTable(items, query.renewMonths);
  if (query.format === 'csv') {
    const content = `\uFEFF${table.map((cells) => csvLine(cells.map(String), ';')).join('')}`;
    return { format: 'csv', fileName, contentType: 'text/csv; charset=utf-8', content };
  }
  return { format: 'xlsx', fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: await xlsx(table, totalRenewalCost) };
}

const STATUS_LABELS: Record<Item['status'], string> = { active: 'Aktif', grace: 'Masa tenggang', lapsed: 'Terputus', not_started: 'Belum mulai' };

function fileTable(items: Item[], renewMonths: number): (string | number)[][] {
  const header = [
    'NIK',
    'Nama',
    'Kode Desa',
    'Desa',
    'Pekerjaan',
    'Lunas sampai bulan',
    'Lunas sampai tanggal',
    'Terlindungi sampai',
    'Status',
    'Jenis sumber dana',
    'Sumber dana',
    'Beralih ke bayar mandiri',
    `Biaya perpanjangan ${renewMonths} bulan (Rp)`,
  ];
  return [
    header,
    ...items.map((i) => [
      i.nik,
      i.name,
      i.villageCode,
      i.villageName,
      occupationLabel(i.occupation),
      i.paidUntil ?? '',
      i.paidThrough ?? '',
      i.protectedUntil ?? '',
      STATUS_LABELS[i.status],
      i.sourceKind ?? '',
      i.sourceName ?? '',
      i.handoverToSelf ? 'Ya' : 'Tidak',
      i.renewalCost,
    ]),
  ];
}

async function xlsx(table: (string | number)[][], totalRenewalCost: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jaring';
  const sheet = workbook.addWorksheet('Daftar');
  for (const cells of table) sheet.addRow(cells.map((c) => (typeof c === 'string' ? neutraliseCell(c) : c)));
  sheet.addRow([]);
  sheet.addRow(['Jumlah pekerja', table.length - 1]);
  sheet.addRow(['Total biaya perpanjangan (Rp)', totalRenewalCost]);
  sheet.getRow(1).font = { bold: true };
  // Typed as numbers, NIKs lose their last digit (15 significant digits): the column is text.
  sheet.getColumn(1).numFmt = '@';
  sheet.getColumn(1).width = 20;
  sheet.getColumn(2).width = 28;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
