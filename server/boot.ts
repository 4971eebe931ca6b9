/**
 * Opens everything an app process needs, in order: database and migrations, the region tree, the
 * initial admin and (on a new, empty installation) the demo dataset. main.ts, the CLI and the
 * benchmarks share it so they all start the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { todayIn } from '../core/dates.ts';
import { buildApp, type AppDeps } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database, type Db } from './db/client.ts';
import { ensureInitialAdmin } from './domains/auth/auth.service.ts';
import { RegionDirectory } from './domains/regions/region-directory.ts';
import { readRegionRecords, REGION_DATA_VERSION, type RegionRecord } from './domains/regions/region-source.ts';
import { syncRegions } from './domains/regions/regions.repo.ts';
import { workers } from './domains/workers/workers.table.ts';
import { isDemoDatabase, seedDemo, type DemoLogin } from './demo/seed-demo.ts';
import { sql } from 'drizzle-orm';
import { isProtectionHistoryCurrent, rebuildProtectionHistory } from './domains/enrolment/protection-history.ts';

export interface BootReport {
  generatedAdminPassword?: string;
  demo?: { password: string; logins: DemoLogin[]; workerCount: number };
  isDemo: boolean;
}

export interface Jaring {
  app: FastifyInstance;
  database: Database;
  regions: RegionDirectory;
  report: BootReport;
}

export interface BootOptions {
  logger?: FastifyServerOptions['logger'];
  now?: () => Date;
  onProgress?: (message: string) => void;
}

export async function bootJaring(config: Config, options: BootOptions = {}): Promise<Jaring> {
  const progress = options.onProgress ?? (() => {});
  const now = options.now ?? (() => new Date());
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { db } = database;

  const regions = await loadRegions(db, config.regionCode, progress);

  const hasWorkers = (await db.select({ id: workers.id }).from(workers).limit(1)).length > 0;
  const admin = await ensureInitialAdmin(db, config.regionCode, config.adminPassword);
  const report: BootReport = { generatedAdminPassword: admin.generatedPassword, isDemo: false };

  // Coverage history derived by older rules (or never, in a database from before it existed) is derived
  // again once; the advisory lock keeps a second app process starting at the same time from doing it too.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7203520301)`);
    if (await isProtectionHistoryCurrent(tx)) return;
    progress('Deriving each worker\'s coverage history from enrolments and payments…');
    await rebuildProtectionHistory(tx, (done, total) => {
      if (done === total || done % 50_000 === 0) progress(`  coverage history ${done.toLocaleString('id-ID')} / ${total.toLocaleString('id-ID')}`);
    });
  });

  // Demo data only goes into a brand-new installation: no users before this start and no workers.
  if (config.demo && admin.created && !hasWorkers) {
    progress('Loading the synthetic demo dataset…');
    let lastShown = 0;
    report.demo = await seedDemo(db, regions, todayIn(config.timeZone, now()), (done, total) => {
      if (done - lastShown >= 1000 || done === total) {
        lastShown = done;
        progress(`  demo workers ${done.toLocaleString('id-ID')} / ${total.toLocaleString('id-ID')}`);
      }
    }, config.timeZone);
    if (!config.databaseUrl) writeDemoLoginFile(config.dataDir, report.demo.password, report.demo.logins);
  }
  report.isDemo = await isDemoDatabase(db);

  const app = await buildApp(appDeps(config, database, regions, { now, logger: options.logger, isDemo: async () => report.isDemo }));
  const stopMaintenance = database.kind === 'pglite' ? scheduleAnalyze(database) : () => {};
  app.addHook('onClose', async () => {
    stopMaintenance();
    await app.imports.stop();
    await database.close();
  });
  // Imports interrupted by a crash or a restart continue after their last committed batch.
  const resumed = await app.imports.resumePending();
  if (resumed > 0) progress(`Resuming ${resumed} interrupted import${resumed === 1 ? '' : 's'}`);
  return { app, database, regions, report };
}

/**
 * PGlite runs no autovacuum, so nothing refreshes the planner's statistics: without them a grown
 * register gets slow plans. Analyze shortly after start and then every few hours, off the start-up path.
 */
function scheduleAnalyze(database: Database): () => void {
  const run = () => void database.db.execute('analyze').catch(() => {});
  const first = setTimeout(run, 30_000);
  const every = setInterval(run, 6 * 3600_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}

const recordsByRegion = new Map<string, RegionRecord[]>();

/** The region tree of the served region, in memory and (when its data version changed) in the database. */
export async function loadRegions(db: Db, regionCode: string, progress: (message: string) => void = () => {}): Promise<RegionDirectory> {
  let records = recordsByRegion.get(regionCode);
  if (!records) recordsByRegion.set(regionCode, (records = readRegionRecords(regionCode)));
  const regions = new RegionDirectory(records, regionCode);
  if (await syncRegions(db, records, `${REGION_DATA_VERSION}:${regionCode}`)) {
    progress(`Loaded ${records.length} regions (${REGION_DATA_VERSION}) for ${regions.served.name}`);
  }
  return regions;
}

/** What buildApp needs, with the regency's calendar for "today". */
export function appDeps(
  config: Config,
  database: Database,
  regions: RegionDirectory,
  options: { now: () => Date; isDemo: () => Promise<boolean>; logger?: FastifyServerOptions['logger'] },
): AppDeps {
  return { config, database, regions, ...options, today: () => todayIn(config.timeZone, options.now()) };
}

export const DEMO_LOGIN_FILE = 'demo-logins.txt';

/** Demo logins are written next to the data (readable by the owner only) so they survive a missed console line. */
function writeDemoLoginFile(dataDir: string, password: string, logins: DemoLogin[]): void {
  const lines = [
    'Jaring DEMO logins — synthetic data only. Delete the data folder to start without demo data (JARING_DEMO=0).',
    ...logins.map((l) => `${l.username.padEnd(14)} ${l.role.padEnd(11)} ${l.regionName} (${l.regionCode})`),
    `password for all demo users: ${password}`,
    '',
  ];
  fs.writeFileSync(path.join(dataDir, DEMO_LOGIN_FILE), lines.join('\n'), { mode: 0o600 });
}
