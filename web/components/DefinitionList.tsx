import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label–value pairs as a two-column `<dl>` (record details: programme cards, a payment). */
export function DefinitionList({ rows, columnGap = 12 }: { rows: readonly (readonly [string, ReactNode])[]; columnGap?: number }) {
  return (
    <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap, rowGap: 4 }}>
      {rows.map(([label, value]) => (
        <Box key={label} style={{ display: 'contents' }}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
