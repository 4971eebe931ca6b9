import { Paper, Table, type MantineRadius, type TableProps } from '@mantine/core';
import { ScrollX } from './ScrollX.tsx';

/** A table in a bordered card; below `minWidth` the table scrolls sideways rather than widen the page. */
export function TableCard({ minWidth, radius = 'md', ...props }: TableProps & { minWidth: number; radius?: MantineRadius }) {
  return (
    <Paper withBorder radius={radius}>
      <ScrollX minWidth={minWidth}>
        <Table {...props} />
      </ScrollX>
    </Paper>
  );
}
