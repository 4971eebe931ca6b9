/**
 * Coverage counted the slow, obvious way: every worker of the region, every participation and payment,
 * the status rule of core/coverage.ts on the month's last day. Used by tests (the precomputed figures
 * must equal it after every kind of write) and by the benchmark (what the precompute saves).
 */
import { sql } from 'drizzle-orm';
import { coverageOn, lastDayOfMonth } from '../../../core/coverage.ts';
import { addMonths } from '../../../core/months.ts';
import { graceMonthsIn } from '../../../core/premiums.ts';
import type { Db } from '../../db/client.ts';
import { findParticipations } from '../enrolment/enrolment.repo.ts';
import { findGraceRules } from '../premiums/premiums.repo.ts';
import { villagesOf, ZERO_COUNTS, type StatusCounts } from './coverage.repo.ts';

/** Counts per village for each month asked (ascending), derived from the ledger without coverage_spans or coverage_deltas. */
export async function coverageFromScratch(db: Db, regionCode: string, months: readonly string[]): Promise<Map<string, Map<string, StatusCounts>>> {
  const rules = await findGraceRules(db);
  const workers = (
    (await db.execute(
      sql`select id, village_code, deceased_on is not null as deceased from workers w where w.deleted_at is null and ${villagesOf(sql`w.village_code`, regionCode)}`,
    )) as unknown as {
      rows: { id: string; village_code: string; deceased: boolean }[];
    }
  ).rows;
  const out = new Map(months.map((m) => [m, new Map<string, StatusCounts>()]));
  for (let i = 0; i < workers.length; i += 2000) {
    const chunk = workers.slice(i, i + 2000);
    const participations = await findParticipations(
      db,
      chunk.map((w) => w.id),
    );
    for (const w of chunk) {
      const list = [...(participations.get(w.id) ?? [])];
      const statusIn = (month: string) => coverageOn(list, lastDayOfMonth(month), graceMonthsIn(rules, month)).status;
      // Enrolled by a month: current JKK and JKM in that month or any month since the first start.
      const firstStart = list.map((p) => p.startMonth).sort()[0];
      let firstEnrolled: string | null = null;
      if (firstStart) {
        for (let m = firstStart; m <= months.at(-1)!; m = addMonths(m, 1)) {
          if (statusIn(m) !== 'not_enrolled') {
            firstEnrolled = m;
            break;
          }
        }
      }
      for (const month of months) {
        const byVillage = out.get(month)!;
        const counts = byVillage.get(w.village_code) ?? { ...ZERO_COUNTS };
        // The deceased leave the register (the denominator) but keep the months they were protected.
        if (!w.deceased) counts.workers += 1;
        if (firstEnrolled !== null && firstEnrolled <= month) counts.enrolled += 1;
        const status = statusIn(month);
        if (status !== 'not_enrolled') counts[status] += 1;
        byVillage.set(w.village_code, counts);
      }
    }
  }
  return out;
}
