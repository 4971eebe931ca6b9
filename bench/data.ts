/**
 * Synthetic workers for the benchmark, made with the demo generator (realistic Sasak names, valid NIKs,
 * every village of the regency) and reshuffled so that no village or district comes in one block.
 */
import { randomUUID } from 'node:crypto';
import type { WorkerCreateInput } from '../core/workers.schema.ts';
import { generateDemoEnrolments, generateDemoWorkers, seededRandom, type DemoWorker } from '../server/demo/demo-data.ts';
import type { enrolments, premiumPayments } from '../server/domains/enrolment/enrolment.table.ts';
import type { RegionRecord } from '../server/domains/regions/region-source.ts';
import type { workers } from '../server/domains/workers/workers.table.ts';

export interface RegionSet {
  villages: RegionRecord[];
  districts: RegionRecord[];
}

/** Fisher–Yates with a seeded generator, so two runs insert the same rows in the same order. */
function shuffle<T>(items: T[], seed: number): T[] {
  const rand = seededRandom(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * `count` workers with NIKs unique among themselves and not in `taken` (which is extended), drawn from as
 * many demo-generator rounds (different seeds) as needed. Bounded: gives up after 50 rounds.
 */
export function uniqueWorkers(regions: RegionSet, count: number, taken: Set<string>, firstSeed: number): DemoWorker[] {
  const out: DemoWorker[] = [];
  // The generator makes perVillage ±40% per village; aim 10% over and trim after shuffling.
  const perVillage = Math.max(1, Math.ceil((count * 1.1) / regions.villages.length));
  for (let round = 0; out.length < count; round++) {
    if (round >= 50) throw new Error(`could not make ${count} unique synthetic workers`);
    for (const row of generateDemoWorkers(regions.villages, regions.districts, perVillage, firstSeed + round)) {
      if (taken.has(row.nik)) continue;
      taken.add(row.nik);
      out.push(row);
    }
  }
  const picked = shuffle(out, firstSeed).slice(0, count);
  // Give back the NIKs that were trimmed off, so a later call may use them.
  for (const row of out.slice(count)) taken.delete(row.nik);
  return picked;
}

/** Bodies for POST /api/workers, exactly what the registration form sends. */
export function toCreateBody(row: DemoWorker): WorkerCreateInput {
  return {
    nik: row.nik,
    name: row.name,
    birthDate: row.birthDate,
    sex: row.sex,
    villageCode: row.villageCode,
    hamlet: row.hamlet,
    rt: row.rt,
    rw: row.rw,
    phone: row.phone,
    occupation: row.occupation,
    monthlyIncome: row.monthlyIncome,
    notes: row.notes,
  };
}

/** Rows for a direct insert into the workers table. */
export function toInsertRow(row: DemoWorker): typeof workers.$inferInsert {
  return { id: randomUUID(), ...row };
}

/**
 * Enrolments for about half the workers, as the demo has them, so list pages look up real coverage.
 * The demo's payment history (4–5 payments an enrolment) is folded into one payment per enrolment
 * covering the same months: the coverage look-up reads max(to_month), so the answer is the same with a
 * fifth of the rows to insert.
 */
export function enrolmentRows(rows: (typeof workers.$inferInsert)[], today: string, seed: number) {
  const demo = generateDemoEnrolments(rows as (DemoWorker & { id: string })[], today, seed);
  const enrolmentInserts: (typeof enrolments.$inferInsert)[] = [];
  const paymentInserts: (typeof premiumPayments.$inferInsert)[] = [];
  for (const { workerIndex, payments, ...enrolment } of demo) {
    const id = randomUUID();
    enrolmentInserts.push({ id, workerId: rows[workerIndex]!.id, ...enrolment });
    const first = payments[0];
    const last = payments.at(-1);
    if (!first || !last) continue;
    paymentInserts.push({
      id: randomUUID(),
      enrolmentId: id,
      fromMonth: first.fromMonth,
      toMonth: last.toMonth,
      amount: payments.reduce((sum, p) => sum + p.amount, 0),
      fundingSource: first.fundingSource,
      paidOn: last.paidOn,
      reference: 'BENCH',
    });
  }
  return { enrolments: enrolmentInserts, payments: paymentInserts };
}
