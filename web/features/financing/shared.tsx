/** Pieces the financing and premium pages share: page guard and header, URL filters, month, year, region and source pickers, errors, downloads. */
import { Alert, Badge, Button, Group, List, Select, Stack, Text, Title, type MantineSize } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FUNDING_KIND_LABELS, type FundingKind } from '../../../core/funding.ts';
import { addMonths, monthOf } from '../../../core/months.ts';
import type { Role } from '../../../core/roles.ts';
import { isApiError } from '../../api/client.ts';
import { useMeta, useRegionChildren } from '../../api/queries.ts';
import type { EnrolmentRecord, FundingSource } from '../../api/queries.ts';
import { NotAllowed } from '../../components/NotAllowed.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatMonth, formatRupiah } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { monthRange } from './financing-rules.ts';

/** Today in the regency (YYYY-MM-DD) as the server says, the browser's day until it has. */
export function useToday(): string {
  const meta = useMeta();
  return meta.data?.today ?? new Date().toISOString().slice(0, 10);
}

export function useThisMonth(): string {
  return monthOf(useToday());
}

/** Names the tab after the page, and shows the page only to roles that may see it. */
export function GuardedPage({ title, canSee, children }: { title: ParseKeys; canSee: (role: Role) => boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t(title));
  if (!canSee(user.role)) return <NotAllowed />;
  return children;
}

/** A page's heading and the line under it; with `actions` (even `false`), a row with the page's own buttons to the right. */
export function PageHeader({ title, intro, actions }: { title: string; intro: string; actions?: ReactNode }) {
  const heading = (
    <div>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed" size="sm" maw={720}>
        {intro}
      </Text>
    </div>
  );
  if (actions === undefined) return heading;
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      {heading}
      {actions}
    </Group>
  );
}

/**
 * Filters kept in the URL. `setParam(key, value)` drops an empty value and sends paging back to page 1
 * (not for the `keepPage` keys); it rewrites the current history entry, except for the `push` keys.
 */
export function useFilterParams({ keepPage = [], push = [] }: { keepPage?: readonly string[]; push?: readonly string[] } = {}) {
  const [params, setParams] = useSearchParams();
  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (!keepPage.includes(key)) next.delete('page');
        return next;
      },
      { replace: !push.includes(key) },
    );
  return [params, setParam] as const;
}

/** The funding sources to filter a list by, "Semua sumber" when cleared. */
export function SourceFilter({
  sources,
  value,
  onChange,
  w,
  testId,
}: {
  sources: FundingSource[] | undefined;
  value: string;
  onChange: (id: string | null) => void;
  w: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Select
      label={t('fin.source')}
      placeholder={t('fin.allSources')}
      data={(sources ?? []).map((s) => ({ value: s.id, label: sourceOptionLabel(s, lang) }))}
      value={value || null}
      onChange={onChange}
      clearable
      searchable
      w={w}
      data-testid={testId}
    />
  );
}

export function fundingKindLabel(kind: string, lang: 'id' | 'en'): string {
  return kind in FUNDING_KIND_LABELS ? FUNDING_KIND_LABELS[kind as FundingKind][lang] : kind;
}

/** A month chosen from a list written out (`November 2026`); the value is `YYYY-MM`. */
export function MonthSelect({
  label,
  value,
  onChange,
  error,
  monthsBack = 24,
  monthsAhead = 24,
  testId,
  required,
}: {
  label: string;
  value: string;
  onChange: (month: string) => void;
  error?: string;
  monthsBack?: number;
  monthsAhead?: number;
  testId?: string;
  required?: boolean;
}) {
  const lang = useLang();
  const thisMonth = useThisMonth();
  const data = useMemo(() => {
    const months = monthRange(addMonths(thisMonth, -monthsBack), monthsBack + monthsAhead + 1);
    if (value && !months.includes(value)) months.push(value);
    return months.sort().map((m) => ({ value: m, label: formatMonth(m, lang) }));
  }, [thisMonth, monthsBack, monthsAhead, value, lang]);
  return (
    <Select
      label={label}
      data={data}
      value={value || null}
      onChange={(m) => m && onChange(m)}
      allowDeselect={false}
      searchable
      error={error}
      required={required}
      maxDropdownHeight={280}
      data-testid={testId}
    />
  );
}

/** Fiscal years around today's. */
export function YearSelect({ value, onChange, label }: { value: number; onChange: (year: number) => void; label?: string }) {
  const { t } = useTranslation();
  const thisYear = Number(useToday().slice(0, 4));
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1];
  if (!years.includes(value)) years.push(value);
  return (
    <Select
      label={label ?? t('fin.fiscalYear')}
      data={years.sort().map((y) => ({ value: String(y), label: String(y) }))}
      value={String(value)}
      onChange={(y) => y && onChange(Number(y))}
      allowDeselect={false}
      w={140}
      data-testid="year-select"
    />
  );
}

/**
 * A region inside the caller's scope: district then village for the regency office, the villages of a
 * district office, nothing to choose for a village operator. `villageOnly` waits for a village.
 */
export function RegionScopePicker({
  value,
  onChange,
  villageOnly = false,
}: {
  value: string;
  onChange: (code: string) => void;
  villageOnly?: boolean;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isVillageUser = user.regionCode.split('.').length === 4;
  const isDistrictUser = user.regionCode.split('.').length === 3;
  const districtCode = isDistrictUser ? user.regionCode : value.split('.').length >= 3 ? value.split('.').slice(0, 3).join('.') : '';
  const districts = useRegionChildren(!isVillageUser && !isDistrictUser ? user.regionCode : undefined);
  const villages = useRegionChildren(!isVillageUser && districtCode ? districtCode : undefined);
  if (isVillageUser) {
    return (
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {t('fin.village')}
        </Text>
        <Text>{user.regionName}</Text>
      </Stack>
    );
  }
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      {!isDistrictUser && (
        <Select
          label={t('form.district')}
          placeholder={villageOnly ? t('form.districtPlaceholder') : t('fin.allDistricts')}
          data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          value={districtCode || null}
          onChange={(code) => onChange(code ?? (villageOnly ? '' : user.regionCode))}
          searchable
          clearable={!villageOnly}
          w={220}
          data-testid="district-select"
        />
      )}
      <Select
        label={t('form.village')}
        placeholder={villageOnly ? t('form.villagePlaceholder') : t('fin.allVillages')}
        data={(villages.data ?? []).map((v) => ({ value: v.code, label: v.name }))}
        value={value.split('.').length === 4 ? value : null}
        onChange={(code) => onChange(code ?? (districtCode || user.regionCode))}
        disabled={!districtCode}
        searchable
        clearable={!villageOnly}
        w={220}
        data-testid="village-select"
      />
    </Group>
  );
}

/** One conflicting assignment in a DOUBLE_FUNDING answer; the server's shape is read loosely. */
interface Conflict {
  workerName?: string;
  name?: string;
  workerId?: string;
  sourceName?: string;
  sourceKind?: string;
  fromMonth?: string;
  toMonth?: string;
}

/** A refused request: the server's own (Indonesian) message, with the conflicts or amounts it sent. */
export function ApiErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const extra = isApiError(error) ? (error.body.error as Record<string, unknown>) : {};
  const conflicts = Array.isArray(extra.conflicts) ? (extra.conflicts as Conflict[]) : [];
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid="api-error">
      <Stack gap={6}>
        <Text size="sm">{message}</Text>
        {conflicts.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('fin.conflictsTitle')}
            </Text>
            <List size="sm" spacing={2}>
              {conflicts.slice(0, 20).map((c, i) => (
                <List.Item key={`${c.workerId ?? i}-${c.sourceName ?? ''}`}>
                  {[
                    c.workerName ?? c.name,
                    c.sourceName ?? (c.sourceKind ? fundingKindLabel(c.sourceKind, lang) : null),
                    c.fromMonth && c.toMonth ? `${formatMonth(c.fromMonth, lang)} – ${formatMonth(c.toMonth, lang)}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </List.Item>
              ))}
            </List>
            {conflicts.length > 20 && (
              <Text size="xs" c="dimmed">
                {t('fin.andMore', { count: conflicts.length - 20 })}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Alert>
  );
}

/** The amounts a PAYMENT_AMOUNT_MISMATCH answer carries. */
export function mismatchOf(error: unknown): { expectedAmount: number; difference: number } | null {
  if (!isApiError(error) || error.code !== 'PAYMENT_AMOUNT_MISMATCH') return null;
  const body = error.body.error as Record<string, unknown>;
  const expectedAmount = typeof body.expectedAmount === 'number' ? body.expectedAmount : null;
  const difference = typeof body.difference === 'number' ? body.difference : null;
  return expectedAmount === null || difference === null ? null : { expectedAmount, difference };
}

/** CSV and XLSX links for a download endpoint; `href(format)` builds each address. */
export function DownloadButtons({ href, label, testIdPrefix, size = 'sm' }: { href: (format: 'csv' | 'xlsx') => string; label?: string; testIdPrefix: string; size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      {label && (
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      )}
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button key={format} component="a" href={href(format)} download variant="default" size={size} data-testid={`${testIdPrefix}-${format}`}>
          {t(`fin.download.${format}`)}
        </Button>
      ))}
    </Group>
  );
}

/** Rupiah, or a dash for a source without a budget. */
export function Money({ value, fw }: { value: number | null | undefined; fw?: number }) {
  return (
    <Text span size="sm" fw={fw} style={{ whiteSpace: 'nowrap' }}>
      {value === null || value === undefined ? '–' : formatRupiah(value)}
    </Text>
  );
}

const ENROLMENT_COLORS: Record<EnrolmentRecord['status'], string> = {
  active: 'green',
  grace: 'yellow',
  lapsed: 'red',
  ended: 'gray',
  not_started: 'blue',
};

/** Aktif / Masa tenggang / Nonaktif / Berakhir / Belum mulai. */
export function EnrolmentStatusBadge({ status }: { status: EnrolmentRecord['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={ENROLMENT_COLORS[status]} variant={status === 'lapsed' ? 'filled' : 'light'} tt="none" radius="sm" style={{ minWidth: 'max-content' }}>
      {t(`fin.enrolmentStatus.${status}`)}
    </Badge>
  );
}

/** `Dana Desa (DD)` etc. next to a source name, so two sources with one name stay apart. */
export function sourceOptionLabel(source: FundingSource, lang: 'id' | 'en'): string {
  const kind = fundingKindLabel(source.kind, lang);
  return source.name === kind ? `${source.name} · ${source.regionName}` : `${source.name} (${kind})`;
}

/** The server's message for one form field of a refused request, to show on that input. */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.fieldErrors.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
}
