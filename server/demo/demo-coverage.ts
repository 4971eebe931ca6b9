/**
 * The demo's coverage settings: the regency's targets, a synthetic official denominator and last year's
 * award round, so the dashboard's target line, official percentage and the public page's winners show
 * something on first start. Every figure is labelled as an example.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import { firstAdmin } from './demo-admin.ts';
import { upsertDenominator, upsertTarget } from '../domains/ucj/coverage.repo.ts';
import { createAwardRound } from '../domains/ucj/coverage.service.ts';
import type { RegionDirectory } from '../domains/regions/region-directory.ts';

export async function seedDemoCoverage(db: Db, regions: RegionDirectory, today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  const admin = await firstAdmin(db);
  const region = regions.servedCode;
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::integer as n from workers where deleted_at is null`);
  const workers = Number(count?.n ?? 0);
  await upsertTarget(db, { regionCode: region, year, percent: 50, basis: 'register', note: 'Contoh target (data demo)', updatedBy: admin?.id ?? null });
  await upsertTarget(db, { regionCode: region, year: year + 1, percent: 60, basis: 'register', note: 'Contoh target (data demo)', updatedBy: admin?.id ?? null });
  // An official count larger than the register, as it usually is: the register never finds everyone.
  await upsertDenominator(db, {
    regionCode: region,
    year: year - 1,
    value: Math.round((workers * 1.6) / 10) * 10,
    source: 'Contoh sintetis: perkiraan pekerja informal (bukan angka BPS)',
    updatedBy: admin?.id ?? null,
  });
  if (admin) {
    await createAwardRound(
      db,
      { actor: admin, today, regions },
      { name: `Penghargaan Desa Peduli Jamsostek ${year - 1} (contoh)`, period: String(year - 1), criteria: { coverage: 50, growth: 30, covered: 20 }, winners: 3 },
    );
  }
}
