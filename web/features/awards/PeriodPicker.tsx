import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { formatMonth } from '../../lib/format.ts';
import { buildPeriod, parsePeriod, periodStart, quarterNumeral, recentYears, type Quarter } from './award-rules.ts';

/**
 * A year, then optionally a quarter or a month of it: `2026`, `2026-Q3` or `2026-09`. Choosing a
 * quarter clears the month and the other way round; periods not yet begun are greyed out. Test ids: `{testId}-year|quarter|month`.
 */
export function PeriodPicker({
  value,
  onChange,
  thisMonth,
  testId,
}: {
  value: string;
  onChange: (period: string) => void;
  /** Today's month (YYYY-MM): later quarters and months have not begun and cannot be chosen. */
  thisMonth: string;
  testId: string;
}) {
  const thisYear = Number(thisMonth.slice(0, 4));
  const { t } = useTranslation();
  const lang = useLang();
  const parts = parsePeriod(value) ?? { year: thisYear, quarter: null, month: null };
  const set = (next: Partial<typeof parts>) => {
    const chosen = { ...parts, ...next };
    // Another year can turn the chosen quarter or month into one that has not begun: fall back to the year.
    onChange(buildPeriod(periodStart(chosen) > thisMonth ? { ...chosen, quarter: null, month: null } : chosen));
  };
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('awd.period.year')}
        data={recentYears(thisYear, parts.year).map((y) => ({ value: String(y), label: String(y) }))}
        value={String(parts.year)}
        onChange={(y) => y && set({ year: Number(y) })}
        allowDeselect={false}
        w={110}
        data-testid={`${testId}-year`}
      />
      <Select
        label={t('awd.period.quarter')}
        placeholder={t('awd.period.wholeYear')}
        data={([1, 2, 3, 4] as const).map((q) => ({ value: String(q), label: t('awd.period.quarterN', { n: lang === 'id' ? quarterNumeral(q) : q }),
          disabled: periodStart({ year: parts.year, quarter: q, month: null }) > thisMonth,
        }))}
        value={parts.quarter === null ? null : String(parts.quarter)}
        onChange={(q) => set({ quarter: q ? (Number(q) as Quarter) : null, month: null })}
        clearable
        w={150}
        data-testid={`${testId}-quarter`}
      />
      <Select
        label={t('awd.period.month')}
        placeholder={t('awd.period.wholeYear')}
        data={Array.from({ length: 12 }, (_, i) => i + 1).map((m) => {
          const month = `${parts.year}-${String(m).padStart(2, '0')}`;
          return { value: String(m), label: formatMonth(month, lang).replace(/\s\d{4}$/, ''), disabled: month > thisMonth };
        })}
        value={parts.month === null ? null : String(parts.month)}
        onChange={(m) => set({ month: m ? Number(m) : null, quarter: null })}
        clearable
        w={160}
        data-testid={`${testId}-month`}
      />
    </Group>
  );
}
