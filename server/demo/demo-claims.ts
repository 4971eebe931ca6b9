/**
 * The demo's claims: made-up deaths and work accidents of demo workers, taken through the real claims
 * services on the days they would have happened (so each timeline, deadline and warning is what a real
 * one would show): paid death benefits with heirs and a scholarship year, a JKK claim paid late, claims
 * waiting for documents or for BPJS, an unprotected worker's claim, a rejected one, and a hand-over
 * ceremony. Every person is synthetic.
 */
import { sql } from 'drizzle-orm';
import { addDays } from '../../core/dates.ts';
import { addMonths, monthOf } from '../../core/months.ts';
import { firstAdmin } from './demo-admin.ts';
import { syntheticNik } from './demo-nik.ts';
import { seededRandom } from '../../core/random.ts';
import { queryRows, type Db } from '../db/client.ts';
import { receiveDocument } from '../domains/claims/claim-file.service.ts';
import { createScholarshipClaim, recordClaimPayment } from '../domains/claims/claim-payments.service.ts';
import { createHandover } from '../domains/claims/claim-reports.service.ts';
import type { ClaimContext } from '../domains/claims/claim-view.ts';
import { createClaim, runClaimAction } from '../domains/claims/claims.service.ts';
import type { RegionDirectory } from '../domains/regions/region-directory.ts';
import type { ClaimDetailDto, HeirInput } from '../../core/claims.schema.ts';

const WIDOWS = ['Baiq Rahmawati', 'Siti Hartini', 'Nurul Hikmah', 'Inaq Sumiati', 'Rohani Safitri', 'Mariani Wahyuni'];
const WIDOWERS = ['Lalu Sahnan', 'Amaq Junaidi', 'Hairul Anwar'];
const SONS = ['Lalu Rizki', 'Ahmad Fauzan', 'Muhammad Iqbal', 'Zainul Arifin', 'Wahyu Pratama'];
const DAUGHTERS = ['Baiq Nur Aini', 'Siti Aisyah', 'Nurul Fitri', 'Halimah Sari', 'Fatimah Zahra'];

/** The demo's heirs: serials above the demo workers'. */
function nik(districtCode: string, sex: 'M' | 'F', birthDate: string, serial: number): string {
  return syntheticNik(districtCode, sex, birthDate, 7000 + serial);
}

interface Candidate {
  id: string;
  villageCode: string;
  districtCode: string;
  sex: 'M' | 'F';
}

/** Workers protected through `month` (paid, or within grace), in the given villages first, then anywhere. */
async function protectedWorkers(db: Db, month: string, villages: readonly string[], count: number, exclude: Set<string>): Promise<Candidate[]> {
  const rows = await queryRows<{ id: string; village_code: string; district_code: string; sex: 'M' | 'F' }>(db, sql`
      select w.id, w.village_code, w.district_code, w.sex from worker_protection wp join workers w on w.id = wp.worker_id
      where wp.start_month <= ${addMonths(month, -12)} and wp.paid_until >= ${month} and (wp.run_from is null or wp.run_from <= ${month})
        and w.deceased_on is null and w.birth_date < '1990-01-01'
      order by (w.village_code = any(${`{${villages.join(',')}}`}::text[])) desc, w.id
      limit ${count + exclude.size}`);
  return rows
    .filter((r) => !exclude.has(r.id))
    .slice(0, count)
    .map((r) => ({ id: r.id, villageCode: r.village_code, districtCode: r.district_code, sex: r.sex }));
}

/** A worker who lapsed before `month` (paid once, then stopped). */
async function lapsedWorker(db: Db, month: string): Promise<Candidate | undefined> {
  const [row] = await queryRows<{ id: string; village_code: string; district_code: string; sex: 'M' | 'F' }>(db, sql`
      select w.id, w.village_code, w.district_code, w.sex from worker_protection wp join workers w on w.id = wp.worker_id
      where wp.paid_until < ${addMonths(month, -4)} and w.deceased_on is null order by w.id limit 1`);
  return row ? { id: row.id, villageCode: row.village_code, districtCode: row.district_code, sex: row.sex } : undefined;
}

export async function seedDemoClaims(db: Db, regions: RegionDirectory, today: string, firstVillage: string): Promise<void> {
  const actor = await firstAdmin(db);
  if (!actor) return;
  const on = (day: string): ClaimContext => ({ actor, regions, today: day, requestId: 'demo' });
  const rand = seededRandom(707);
  let serial = 0;
  const used = new Set<string>();
  const thisMonth = monthOf(today);

  const heirsOf = (w: Candidate): HeirInput[] => {
    const spouseSex = w.sex === 'M' ? 'F' : 'M';
    const spouseBirth = `19${80 + Math.floor(rand() * 10)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
    const kids = 1 + Math.floor(rand() * 3);
    const first = Math.floor(rand() * 5);
    const children = Array.from({ length: kids }, (_, i) => {
      const sex = rand() < 0.5 ? 'M' : 'F';
      const year = 2006 + Math.floor(rand() * 16);
      const birthDate = `${year}-0${1 + Math.floor(rand() * 9)}-0${1 + Math.floor(rand() * 9)}`;
      const age = Number(today.slice(0, 4)) - year;
      const schoolLevel = age < 4 ? 'none' : age < 6 ? 'TK' : age < 12 ? 'SD' : age < 15 ? 'SMP' : age < 18 ? 'SMA' : 'PT';
      // Siblings never share a name: each takes the next one of the list.
      const name = (sex === 'M' ? SONS : DAUGHTERS)[(first + i) % 5]!;
      const child: HeirInput = { nik: nik(w.districtCode, sex, birthDate, (serial += 1)), name, relation: 'child', sex, birthDate, schoolLevel };
      return child;
    });
    return [
      {
        nik: nik(w.districtCode, spouseSex, spouseBirth, (serial += 1)),
        name: (spouseSex === 'F' ? WIDOWS : WIDOWERS)[Math.floor(rand() * (spouseSex === 'F' ? WIDOWS.length : WIDOWERS.length))]!,
        relation: 'spouse',
        isPayee: true,
      },
      ...children,
    ];
  };

  const report = async (w: Candidate, event: 'death_natural' | 'death_work_accident' | 'work_accident_injury', eventDate: string, withHeirs: boolean, extra: object = {}) => {
    used.add(w.id);
    return createClaim(db, on(addDays(eventDate, 2)), {
      workerId: w.id,
      event,
      eventDate,
      place: event === 'work_accident_injury' ? 'Sawah di dusun (contoh demo)' : 'Rumah keluarga (contoh demo)',
      description:
        event === 'death_natural'
          ? 'Meninggal dunia karena sakit. Data demo, bukan kejadian nyata.'
          : event === 'death_work_accident'
            ? 'Tertimpa pohon saat bekerja di kebun. Data demo, bukan kejadian nyata.'
            : 'Terjatuh saat memanen, kaki terkilir. Data demo, bukan kejadian nyata.',
      heirs: withHeirs ? heirsOf(w) : [],
      ...extra,
    });
  };
  const completeDocuments = async (claim: ClaimDetailDto, day: string) => {
    for (const d of claim.missing) claim = await receiveDocument(db, on(day), claim.id, d.code, { receivedOn: day });
    return claim;
  };
  const payAll = async (claim: ClaimDetailDto, day: string) => {
    const payee = claim.heirs.find((h) => h.isPayee)?.id ?? null;
    for (const item of claim.estimate?.items ?? []) {
      await recordClaimPayment(db, on(day), claim.id, { kind: item.code, amount: item.amount, paidOn: day, reference: `DEMO-${claim.number}-${item.code}`, heirId: payee });
    }
  };

  // Three deaths of protected workers, paid in full to the widow or widower one to five months ago.
  const paidDays = [addDays(`${addMonths(thisMonth, -5)}-01`, 9), addDays(`${addMonths(thisMonth, -3)}-01`, 14), addDays(`${addMonths(thisMonth, -1)}-01`, 4)];
  const paid: ClaimDetailDto[] = [];
  for (const [i, eventDate] of paidDays.entries()) {
    const [w] = await protectedWorkers(db, monthOf(eventDate), [firstVillage], 1, used);
    if (!w) continue;
    let claim = await report(w, i === 1 ? 'death_work_accident' : 'death_natural', eventDate, true);
    if (claim.status !== 'reported') continue;
    claim = await completeDocuments(claim, addDays(eventDate, 6));
    claim = await runClaimAction(db, on(addDays(eventDate, 8)), claim.id, 'submit', {});
    claim = await runClaimAction(db, on(addDays(eventDate, 12)), claim.id, 'approve', {});
    await payAll(claim, addDays(eventDate, 15));
    paid.push(claim);
    // The first school year's scholarship of the eldest eligible child, claimed and paid.
    const child = claim.scholarships.find((s) => s.eligible && s.next && s.next.dueOn <= addDays(eventDate, 20));
    if (child?.next) {
      const level = child.entries.find((e) => e.year === child.next!.year)!.level as 'TK' | 'SD' | 'SMP' | 'SMA' | 'PT';
      let year = await createScholarshipClaim(db, on(addDays(eventDate, 20)), claim.id, { heirId: child.heirId, year: child.next.year, schoolLevel: level });
      year = await completeDocuments(year, addDays(eventDate, 25));
      year = await runClaimAction(db, on(addDays(eventDate, 27)), year.id, 'submit', {});
      year = await runClaimAction(db, on(addDays(eventDate, 30)), year.id, 'approve', {});
      await recordClaimPayment(db, on(addDays(eventDate, 33)), year.id, { kind: 'scholarship', amount: year.estimatedAmount, paidOn: addDays(eventDate, 33), reference: `DEMO-${year.number}`, heirId: child.heirId });
    }
  }

  // A JKK death approved three weeks ago and still unpaid: late, with interest accruing.
  const lateDay = addDays(today, -28);
  const [late] = await protectedWorkers(db, monthOf(lateDay), [], 1, used);
  if (late) {
    let claim = await report(late, 'death_work_accident', lateDay, true);
    if (claim.status === 'reported') {
      claim = await completeDocuments(claim, addDays(lateDay, 3));
      claim = await runClaimAction(db, on(addDays(lateDay, 4)), claim.id, 'submit', {});
      await runClaimAction(db, on(addDays(lateDay, 7)), claim.id, 'approve', {});
    }
  }

  // A work accident submitted to BPJS last week; a death reported ten days ago, documents still missing
  // (one in the demo operator's village); another reported three weeks ago (documents overdue).
  const injuryDay = addDays(today, -12);
  const [injured] = await protectedWorkers(db, monthOf(injuryDay), [], 1, used);
  if (injured) {
    let claim = await report(injured, 'work_accident_injury', injuryDay, false, { incapacityDays: 21 });
    if (claim.status === 'reported') {
      claim = await completeDocuments(claim, addDays(injuryDay, 3));
      await runClaimAction(db, on(addDays(injuryDay, 5)), claim.id, 'submit', {});
    }
  }
  for (const [days, villages] of [[10, [firstVillage]], [24, []]] as const) {
    const day = addDays(today, -days);
    const [w] = await protectedWorkers(db, monthOf(day), villages, 1, used);
    if (!w) continue;
    const claim = await report(w, 'death_natural', day, true);
    for (const d of claim.missing.slice(0, 3)) await receiveDocument(db, on(addDays(day, 3)), claim.id, d.code, { receivedOn: addDays(day, 3) });
  }

  // An unprotected worker's death: recorded, not eligible, with the reason (evidence for renewal budgets).
  const lapsed = await lapsedWorker(db, thisMonth);
  if (lapsed) await report(lapsed, 'death_natural', addDays(today, -40), true);

  // A work accident BPJS rejected (outside working hours).
  const rejectedDay = addDays(today, -60);
  const [rejected] = await protectedWorkers(db, monthOf(rejectedDay), [], 1, used);
  if (rejected) {
    let claim = await report(rejected, 'work_accident_injury', rejectedDay, false, { incapacityDays: 7 });
    if (claim.status === 'reported') {
      claim = await completeDocuments(claim, addDays(rejectedDay, 4));
      claim = await runClaimAction(db, on(addDays(rejectedDay, 5)), claim.id, 'submit', {});
      await runClaimAction(db, on(addDays(rejectedDay, 12)), claim.id, 'reject', { reason: 'Kecelakaan terjadi di luar kegiatan kerja (contoh demo)' });
    }
  }

  // The ceremony where the paid death benefits were handed over.
  if (paid.length > 0) {
    const heldOn = addDays(paidDays.at(-1)!, 20) > today ? today : addDays(paidDays.at(-1)!, 20);
    await createHandover(db, on(heldOn), {
      name: 'Penyerahan santunan JKM dan beasiswa (contoh demo)',
      heldOn,
      place: 'Pendopo Kabupaten (contoh demo)',
      claimIds: paid.map((c) => c.id),
    });
  }
}
