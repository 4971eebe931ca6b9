/**
 * Bar charts of the breakdown: workers by occupation (protected, grace, lapsed, not enrolled) and
 * protected workers by who pays. Loaded lazily with the trend chart's library.
 */
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { notEnrolledOf } from './coverage-format.ts';

/** Height that gives each bar room for its label, whatever the number of groups. */
const heightFor = (groups: number) => Math.max(160, groups * 40 + 70);

export function OccupationChart({ rows }: { rows: { label: string; workers: number; covered: number; grace: number; lapsed: number }[] }) {
  const { t } = useTranslation();
  const data = rows.map((r) => ({ label: r.label, covered: r.covered, grace: r.grace, lapsed: r.lapsed, notEnrolled: notEnrolledOf(r) }));
  return (
    <BarChart
      h={heightFor(rows.length)}
      data={data}
      dataKey="label"
      type="stacked"
      orientation="vertical"
      series={[
        { name: 'covered', label: t('cov.part.covered'), color: 'green.7' },
        { name: 'grace', label: t('cov.part.grace'), color: 'yellow.5' },
        { name: 'lapsed', label: t('cov.part.lapsed'), color: 'red.6' },
        { name: 'notEnrolled', label: t('cov.part.notEnrolled'), color: 'gray.4' },
      ]}
      withLegend
      legendProps={{ verticalAlign: 'bottom', height: 56 }}
      valueFormatter={(v) => formatNumber(v)}
      yAxisProps={{ width: 120 }}
      gridAxis="x"
      data-testid="occupation-chart"
    />
  );
}

export function FundingChart({ rows }: { rows: { label: string; covered: number; grace: number }[] }) {
  const { t } = useTranslation();
  return (
    <BarChart
      h={heightFor(rows.length)}
      data={rows}
      dataKey="label"
      type="stacked"
      orientation="vertical"
      series={[
        { name: 'covered', label: t('cov.part.covered'), color: 'green.7' },
        { name: 'grace', label: t('cov.part.grace'), color: 'yellow.5' },
      ]}
      withLegend
      legendProps={{ verticalAlign: 'bottom', height: 40 }}
      valueFormatter={(v) => formatNumber(v)}
      yAxisProps={{ width: 120 }}
      gridAxis="x"
      data-testid="funding-chart"
    />
  );
}
