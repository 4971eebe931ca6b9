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

type Part = 'covered' | 'grace' | 'lapsed' | 'notEnrolled';
const PART_COLORS: Record<Part, string> = { covered: 'green.7', grace: 'yellow.5', lapsed: 'red.6', notEnrolled: 'gray.4' };

/** Horizontal stacked bars, one per group, one segment per part. */
function StackedBars({ data, parts, testId }: { data: ({ label: string } & Partial<Record<Part, number>>)[]; parts: Part[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <BarChart
      h={heightFor(data.length)}
      data={data}
      dataKey="label"
      type="stacked"
      orientation="vertical"
      series={parts.map((name) => ({ name, label: t(`cov.part.${name}`), color: PART_COLORS[name] }))}
      withLegend
      legendProps={{ verticalAlign: 'bottom', height: parts.length > 2 ? 56 : 40 }}
      valueFormatter={(v) => formatNumber(v)}
      yAxisProps={{ width: 120 }}
      gridAxis="x"
      data-testid={testId}
    />
  );
}

export function OccupationChart({ rows }: { rows: { label: string; workers: number; covered: number; grace: number; lapsed: number }[] }) {
  const data = rows.map((r) => ({ label: r.label, covered: r.covered, grace: r.grace, lapsed: r.lapsed, notEnrolled: notEnrolledOf(r) }));
  return <StackedBars data={data} parts={['covered', 'grace', 'lapsed', 'notEnrolled']} testId="occupation-chart" />;
}

export function FundingChart({ rows }: { rows: { label: string; covered: number; grace: number }[] }) {
  return <StackedBars data={rows} parts={['covered', 'grace']} testId="funding-chart" />;
}
