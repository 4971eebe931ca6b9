import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways on its own, so a wide table never widens the page. Plain CSS overflow
 * rather than Mantine's ScrollArea keeps the scroll-area and positioning code out of list pages.
 */
export function ScrollX({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  return (
    <Box style={{ overflowX: 'auto', WebkitOverflowScrolling: 'touch' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
