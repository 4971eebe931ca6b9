/**
 * The monthly coverage line chart. Loaded lazily (React.lazy) by the dashboard: @mantine/charts and
 * recharts stay out of the first download.
 */
import { LineChart, type LineChartSeries } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { formatCoveragePercent, formatMonthShort, type TrendChartRow } from './coverage-format.ts';

export default function TrendChart({ rows }: { rows: TrendChartRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const has = (key: keyof Omit<TrendChartRow, 'month'>) => rows.some((r) => r[key] !== null);
  const series: LineChartSeries[] = [
    { name: 'register', label: t('cov.series.register'), color: 'jaring.8' },
    ...(has('official') ? [{ name: 'official', label: t('cov.series.official'), color: 'blue.6' }] : []),
    ...(has('projected') ? [{ name: 'projected', label: t('cov.series.projected'), color: 'jaring.5', strokeDasharray: '6 4' }] : []),
    ...(has('target') ? [{ name: 'target', label: t('cov.series.target'), color: 'orange.6', curveType: 'stepAfter' as const }] : []),
    ...(has('national') ? [{ name: 'national', label: t('cov.series.national'), color: 'gray.6', strokeDasharray: '2 3' }] : []),
  ];
  const data = rows.map((r) => ({ ...r, label: formatMonthShort(r.month, lang) }));
  return (
    <LineChart
      h={300}
      data={data}
      dataKey="label"
      series={series}
      curveType="linear"
      connectNulls={false}
      withDots={rows.length <= 24}
      withLegend
      legendProps={{ verticalAlign: 'bottom', height: 56 }}
      valueFormatter={(v) => formatCoveragePercent(v)}
      yAxisProps={{ domain: [0, 'auto'], width: 56 }}
      xAxisProps={{ minTickGap: 16 }}
      gridAxis="y"
      data-testid="trend-chart"
    />
  );
}
