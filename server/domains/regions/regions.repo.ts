import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appMeta } from '../../db/meta.table.ts';
import type { RegionRecord } from './region-source.ts';
import { regions } from './regions.table.ts';

const META_KEY = 'regions.loaded';

/**
 * Makes the regions table hold `records`, labelled `stamp` (data version + served region). Runs only when
 * the stamp changed, in one transaction, so a crash leaves the old tree or the new one, never half.
 */
export async function syncRegions(db: Db, records: RegionRecord[], stamp: string): Promise<boolean> {
  const [current] = await db.select().from(appMeta).where(eq(appMeta.key, META_KEY));
  if (current?.value === stamp) return false;
  await db.transaction(async (tx) => {
    await tx.delete(regions);
    for (let i = 0; i < records.length; i += 1000) {
      await tx.insert(regions).values(records.slice(i, i + 1000));
    }
    await tx
      .insert(appMeta)
      .values({ key: META_KEY, value: stamp })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: stamp } });
  });
  return true;
}
