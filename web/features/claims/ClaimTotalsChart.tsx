/** Bar chart of benefits paid per month, year or district; loaded lazily with the chart library. */
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../lib/format.ts';

/** `Rp42 jt` on an axis, where the full amount does not fit. */
const compactFormat = new Intl.NumberFormat('id-ID', { notation: 'compact', maximumFractionDigits: 1 });
const compactRupiah = (value: number) => `Rp${compactFormat.format(value)}`;

/** Months and years stand upright in time order; districts lie across, one labelled bar each. */
export default function ClaimTotalsChart({ rows, horizontal }: { rows: { label: string; amount: number }[]; horizontal: boolean }) {
  const { t } = useTranslation();
  const series = [{ name: 'amount', label: t('clmx.amount'), color: 'teal.7' }];
  if (horizontal) {
    return (
      <BarChart
        h={Math.max(160, rows.length * 36 + 60)}
        data={rows}
        dataKey="label"
        orientation="vertical"
        series={series}
        valueFormatter={formatRupiah}
        xAxisProps={{ tickFormatter: compactRupiah }}
        yAxisProps={{ width: 110 }}
        gridAxis="x"
        data-testid="totals-chart"
      />
    );
  }
  return (
    <BarChart
      h={260}
      data={rows}
      dataKey="label"
      series={series}
      valueFormatter={formatRupiah}
      yAxisProps={{ tickFormatter: compactRupiah, width: 72 }}
      gridAxis="y"
      data-testid="totals-chart"
    />
  );
}
