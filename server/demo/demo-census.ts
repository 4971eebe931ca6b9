/**
 * The demo's field census: a round running in the first district's villages (farm labourers, fishers,
 * small-business and community workers) with a target per village, and what the demo enumerator sent
 * from the field — new workers, workers already in the register confirmed, one NIK refused as a
 * duplicate — taken through the real sync on the days they were recorded. Every person is synthetic.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { CENSUS_DEFAULT_GROUPS, type CensusEntryInput } from '../../core/census.ts';
import { addDays } from '../../core/dates.ts';
import { seededRandom } from '../../core/random.ts';
import { queryRows, type Db } from '../db/client.ts';
import { findUserByUsername } from '../domains/auth/auth.repo.ts';
import { createRound, syncEntries, type CensusContext } from '../domains/census/census.service.ts';
import type { RegionDirectory } from '../domains/regions/region-directory.ts';
import { firstAdmin } from './demo-admin.ts';
import { syntheticNik } from './demo-nik.ts';

const MEN = ['Amaq Rusdi', 'Lalu Hamdani', 'Muhammad Sahril', 'Zulkarnain', 'Amaq Nursiah', 'Hadi Wijaya', 'Saparudin', 'Lalu Wirasasmita'];
const WOMEN = ['Inaq Marniah', 'Baiq Sulastri', 'Siti Zuhriah', 'Nurhasanah', 'Inaq Rahimah', 'Baiq Herawati', 'Sumarni'];
const HAMLETS = ['Dusun Lauk', 'Dusun Daya', 'Dusun Tengak', 'Dusun Bat'];
const OCCUPATIONS = ['farm_labourer', 'farm_labourer', 'fisher', 'small_business_worker', 'community_service'] as const;

export async function seedDemoCensus(db: Db, regions: RegionDirectory, today: string, timeZone: string, districtCode: string, enumeratorName: string): Promise<void> {
  const admin = await firstAdmin(db);
  const enumerator = await findUserByUsername(db, enumeratorName);
  if (!admin || !enumerator) return;
  const adminCtx: CensusContext = { actor: admin, regions, today, timeZone, requestId: 'demo' };
  const villages = regions.children(districtCode);
  const registered = await queryRows<{ village_code: string; n: number }>(
    db,
    sql`select village_code, count(*)::int as n from workers where district_code = ${districtCode} and deleted_at is null group by village_code`,
  );
  const sizeOf = new Map(registered.map((r) => [r.village_code, r.n]));
  // Targets: about a third more than each village has registered, as a census expects to find.
  const round = await createRound(db, adminCtx, {
    name: `Sensus pekerja rentan ${regions.get(districtCode)?.name ?? districtCode} ${today.slice(0, 4)}`,
    startsOn: addDays(today, -21),
    endsOn: addDays(today, 40),
    targetGroups: [...CENSUS_DEFAULT_GROUPS],
    villages: villages.map((v) => ({ villageCode: v.code, target: Math.max(10, Math.round((sizeOf.get(v.code) ?? 0) * 0.35)) })),
  });

  const villageCode = enumerator.regionCode;
  const random = seededRandom(52_03_08);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const entries: CensusEntryInput[] = [];
  for (let i = 0; i < 14; i++) {
    const sex = random() < 0.55 ? 'M' : 'F';
    const birth = `${1965 + Math.floor(random() * 35)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    // Serials above the demo workers' and the claims' heirs'.
    const nik = syntheticNik(districtCode, sex, birth, 8100 + i);
    entries.push({
      key: randomUUID(),
      roundId: round.id,
      kind: 'new',
      recordedAt: `${addDays(today, -14 + i)}T0${1 + (i % 8)}:30:00+08:00`,
      fields: { nik, name: sex === 'M' ? pick(MEN) : pick(WOMEN), villageCode, hamlet: pick(HAMLETS), rt: String(1 + (i % 6)), occupation: pick(OCCUPATIONS), dependants: i % 4 },
    });
  }
  // Workers the enumerator met who were already registered: confirmed, and one typed in again by mistake.
  const known = await queryRows<{ id: string; nik: string }>(db, sql`select id, nik from workers where village_code = ${villageCode} and deleted_at is null order by name limit 4`);
  for (const [i, w] of known.slice(0, 3).entries()) {
    entries.push({ key: randomUUID(), roundId: round.id, kind: 'confirm', workerId: w.id, recordedAt: `${addDays(today, -6 + i)}T03:00:00+08:00` });
  }
  if (known[3]) {
    entries.push({ key: randomUUID(), roundId: round.id, kind: 'new', recordedAt: `${addDays(today, -2)}T04:00:00+08:00`, fields: { nik: known[3].nik, name: 'Entri Ganda', villageCode, occupation: 'farm_labourer' } });
  }
  await syncEntries(db, { actor: { id: enumerator.id, username: enumerator.username, role: enumerator.role, regionCode: enumerator.regionCode }, regions, today, timeZone, requestId: 'demo' }, entries);
}
