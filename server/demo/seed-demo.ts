/**
 * Loads the synthetic demo dataset into an empty database: workers in every village and one user per
 * role, all sharing one random password that is printed at first start.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Role } from '../../core/roles.ts';
import type { Db } from '../db/client.ts';
import { appMeta } from '../db/meta.table.ts';
import { recordAudit } from '../domains/audit/audit.service.ts';
import { insertUser } from '../domains/auth/auth.repo.ts';
import { runJob } from '../domains/imports/import-runner.ts';
import { claimJob } from '../domains/imports/imports.repo.ts';
import { createImport, ensureCivilOccupations } from '../domains/imports/imports.service.ts';
import { demoBpjsFile } from './demo-bpjs-file.ts';
import { generatePassword, hashPassword } from '../domains/auth/password.ts';
import type { RegionDirectory } from '../domains/regions/region-directory.ts';
import { workers } from '../domains/workers/workers.table.ts';
import { generateDemoEnrolments, generateDemoWorkers } from './demo-data.ts';
import { refreshProtection } from '../domains/enrolment/enrolment.repo.ts';
import { enrolments, premiumPayments } from '../domains/enrolment/enrolment.table.ts';
import { fundingBudgets, fundingCommitments, fundingSources, payments } from '../domains/financing/financing.table.ts';
import { buildDemoLedger } from './demo-financing.ts';
import { seedDemoCoverage } from './demo-coverage.ts';
import { seedDemoClaims } from './demo-claims.ts';
import { seedDemoCensus } from './demo-census.ts';

const DEMO_KEY = 'demo.seeded';

export interface DemoLogin {
  username: string;
  role: Role;
  regionCode: string;
  regionName: string;
}

export async function isDemoDatabase(db: Db): Promise<boolean> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, DEMO_KEY));
  return row !== undefined;
}

export async function seedDemo(
  db: Db,
  regions: RegionDirectory,
  today: string,
  onProgress: (done: number, total: number) => void = () => {},
  timeZone = 'Asia/Makassar',
): Promise<{ password: string; logins: DemoLogin[]; workerCount: number }> {
  const districts = regions.within(regions.servedCode, 'district');
  const villages = regions.within(regions.servedCode, 'village');
  const rows = generateDemoWorkers(villages, districts).map((r) => ({ id: randomUUID(), ...r }));
  const demoEnrolments = generateDemoEnrolments(rows, today);
  const firstDistrict = districts[0]!;
  const firstVillage = regions.children(firstDistrict.code)[0]!;
  const logins: DemoLogin[] = [
    { username: 'operator.desa', role: 'village', regionCode: firstVillage.code, regionName: firstVillage.name },
    { username: 'pencacah', role: 'enumerator', regionCode: firstVillage.code, regionName: firstVillage.name },
    { username: 'camat', role: 'district', regionCode: firstDistrict.code, regionName: firstDistrict.name },
    { username: 'bpjs', role: 'bpjs', regionCode: regions.servedCode, regionName: regions.served.name },
    { username: 'pimpinan', role: 'viewer', regionCode: regions.servedCode, regionName: regions.served.name },
  ];
  const password = generatePassword();
  const passwordHash = await hashPassword(password);

  // One transaction: a demo is loaded whole or not at all, and a restart after a crash seeds again.
  await db.transaction(async (tx) => {
    for (const login of logins) {
      await insertUser(tx, { id: randomUUID(), username: login.username, passwordHash, role: login.role, regionCode: login.regionCode });
    }
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(workers).values(rows.slice(i, i + 500));
      onProgress(Math.min(i + 500, rows.length), rows.length);
    }
    const enrolmentRows = demoEnrolments.map(({ workerIndex, payments, ...e }) => ({ id: randomUUID(), workerId: rows[workerIndex]!.id, ...e }));
    for (let i = 0; i < enrolmentRows.length; i += 1000) await tx.insert(enrolments).values(enrolmentRows.slice(i, i + 1000));
    const ledger = buildDemoLedger(
      demoEnrolments.map((e, i) => ({
        enrolment: { ...enrolmentRows[i]!, villageCode: rows[e.workerIndex]!.villageCode },
        payments: e.payments,
      })),
      regions,
      Number(today.slice(0, 4)),
      [firstVillage.code],
    );
    await tx.insert(fundingSources).values(ledger.sources);
    await tx.insert(fundingBudgets).values(ledger.budgets);
    for (let i = 0; i < ledger.commitments.length; i += 1000) await tx.insert(fundingCommitments).values(ledger.commitments.slice(i, i + 1000));
    for (let i = 0; i < ledger.payments.length; i += 1000) await tx.insert(payments).values(ledger.payments.slice(i, i + 1000));
    for (let i = 0; i < ledger.lines.length; i += 1000) await tx.insert(premiumPayments).values(ledger.lines.slice(i, i + 1000));
    await refreshProtection(tx, sql`select distinct worker_id from enrolments`);
    await tx.insert(appMeta).values({ key: DEMO_KEY, value: new Date().toISOString() });
    await recordAudit(tx, { actor: null, attemptedUsername: 'system' }, {
      action: 'create',
      entity: 'demo-dataset',
      regionCode: regions.servedCode,
      changes: { workers: rows.length, enrolments: enrolmentRows.length, payments: ledger.payments.length, commitments: ledger.commitments.length, users: logins.map((l) => l.username) },
    });
  });
  await importDemoBpjsFile(db, regions, today, demoBpjsFile(rows, demoEnrolments, today));
  await seedDemoCoverage(db, regions, today);
  await seedDemoClaims(db, regions, today, firstVillage.code);
  await seedDemoCensus(db, regions, today, timeZone, firstDistrict.code, 'pencacah');
  // Fresh statistics for the planner: the embedded database has no autovacuum to gather them.
  await db.execute('analyze');
  return { password, logins, workerCount: rows.length };
}

/** Runs the demo's BPJS participant file through the real import, as the regency office would. */
async function importDemoBpjsFile(db: Db, regions: RegionDirectory, today: string, csv: string): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-demo-'));
  const file = path.join(folder, 'contoh-peserta-bpjs-demo.csv');
  try {
    fs.writeFileSync(file, csv);
    await ensureCivilOccupations(db);
    const importer = { id: null, username: 'demo', role: 'admin', regionCode: regions.servedCode };
    const { id } = await createImport(
      db,
      { path: file, fileName: path.basename(file), size: Buffer.byteLength(csv) },
      { actor: null, attemptedUsername: 'system', kind: 'bpjs', importer, targetVillage: null, regions, today },
    );
    const job = await claimJob(db, id, true);
    if (!job) throw new Error('demo BPJS import could not start');
    const outcome = await runJob(
      { db, regions, today: () => today, residentMinAge: 15, residentMaxAge: 65, batchRows: 5000 },
      job,
      { shouldStop: () => false },
    );
    if (outcome !== 'done') throw new Error(`demo BPJS import ended ${outcome}`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
