/**
 * `claims.attention_on`: the first day each claim shows a warning, re-derived with every write to it (and
 * for all claims when deadlines, holidays or benefit rates change), so "needs action" reads an index.
 */
import type { Db } from '../../db/client.ts';
import { loadBenefitRates } from './benefit-rates.ts';
import { attentionDayOf, loadBundle } from './claim-view.ts';
import { findClaimIdsAfter, findClaimsByIds, saveAttention } from './claims.repo.ts';

/**
 * Re-derives `attention_on` (the first day a claim shows a warning) of the given claims and of the claims
 * they sit under (a scholarship year changes its parent's schedule). Call at the end of every write to a
 * claim, in its transaction.
 */
export async function refreshAttention(tx: Db, claimIds: readonly string[]): Promise<void> {
  const rows = await findClaimsByIds(tx, claimIds);
  const parents = rows.map((r) => r.parentClaimId).filter((id): id is string => id !== null && !claimIds.includes(id));
  const all = parents.length > 0 ? [...rows, ...(await findClaimsByIds(tx, parents))] : rows;
  const bundle = await loadBundle(tx, all, await loadBenefitRates(tx), false);
  await saveAttention(tx, new Map(all.map((r) => [r.id, attentionDayOf(r, bundle)])), new Map(all.map((r) => [r.id, r.attentionOn])));
}

/** Re-derives every claim's `attention_on` (deadlines, holidays or benefit rates changed), a page at a time. */
export async function refreshAllAttention(tx: Db): Promise<void> {
  for (let after: string | null = null; ; ) {
    const ids = await findClaimIdsAfter(tx, after, 2000);
    if (ids.length === 0) return;
    await refreshAttention(tx, ids);
    after = ids.at(-1)!;
  }
}
