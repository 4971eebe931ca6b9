/** The public coverage trend: covered % per month. Its own chunk, so recharts loads only when the chart shows. */
import { LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { formatPercent1, shortMonth } from '../awards/award-rules.ts';
import type { PublicTrend } from './queries.ts';

export default function TrendChart({ months }: { months: PublicTrend['months'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const data = months.map((m) => ({ month: shortMonth(m.month, lang), coverage: m.coverageRegister }));
  const max = Math.max(10, ...months.map((m) => m.coverageRegister ?? 0));
  return (
    <LineChart
      h={220}
      data={data}
      dataKey="month"
      series={[{ name: 'coverage', label: t('pub.coverage'), color: 'teal.6' }]}
      curveType="monotone"
      valueFormatter={(v) => formatPercent1(v)}
      yAxisProps={{ domain: [0, Math.min(100, Math.ceil(max / 10) * 10)], width: 56 }}
      xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 16 }}
      gridAxis="y"
      withDots={months.length <= 24}
      connectNulls={false}
      aria-hidden
      data-testid="public-trend-chart"
    />
  );
}
