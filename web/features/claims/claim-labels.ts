/**
 * Labels of the claim codes (statuses, events, relations, payment kinds, documents, steps) in the reader's
 * language. Indonesian comes from the rules in core/ or from the server's own label, so the two never
 * drift apart; English from `claimCodesEn`, falling back to the Indonesian when a code is new.
 */
import { SCHOOL_LEVEL_LABELS } from '../../../core/benefits.ts';
import { CLAIM_EVENT_LABELS, CLAIM_PAYMENT_KIND_LABELS, CLAIM_STATUS_LABELS, CLAIM_TYPE_LABELS, HEIR_RELATIONS } from '../../../core/claims.ts';
import { useLang } from '../../i18n/index.ts';
import { claimCodesEn } from './i18n.ts';

export type CodeGroup = keyof typeof claimCodesEn;

const INDONESIAN: Record<CodeGroup, Record<string, string>> = {
  status: CLAIM_STATUS_LABELS,
  event: CLAIM_EVENT_LABELS,
  type: CLAIM_TYPE_LABELS,
  kind: CLAIM_PAYMENT_KIND_LABELS,
  relation: Object.fromEntries(HEIR_RELATIONS.map((r) => [r.code, r.label])),
  schoolLevel: SCHOOL_LEVEL_LABELS,
  // The server labels documents and workflow steps; its label is passed in as the fallback.
  document: {},
  step: CLAIM_STATUS_LABELS,
};

/** `label(group, code, serverLabel?)`: the label of one code in the current language. */
export function useClaimLabel() {
  const lang = useLang();
  return (group: CodeGroup, code: string, serverLabel?: string): string => {
    const indonesian = serverLabel ?? INDONESIAN[group][code] ?? code;
    if (lang === 'id') return indonesian;
    return (claimCodesEn[group] as Record<string, string>)[code] ?? indonesian;
  };
}
