import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useRegion } from '../api/queries.ts';
import { breadcrumbCodes } from '../features/ucj/coverage-format.ts';

/**
 * The path from the user's own scope down to the region shown: each step above it links to the same
 * page for that region (`hrefOf`), nothing above the scope is shown, and the region itself is plain text.
 */
export function RegionCrumbs({
  code,
  scope,
  currentName,
  hrefOf,
  label,
  testId,
}: {
  code: string;
  scope: string;
  currentName: string;
  hrefOf: (code: string) => string;
  label: string;
  testId?: string;
}) {
  const codes = breadcrumbCodes(code, scope);
  if (codes.length === 0) return null;
  return (
    <Breadcrumbs aria-label={label} separatorMargin={6} style={{ flexWrap: 'wrap', rowGap: 4 }} data-testid={testId}>
      {codes.map((c) => (
        <Crumb key={c} code={c} href={hrefOf(c)} />
      ))}
      <Text size="sm" c="dimmed" aria-current="page">
        {currentName || code}
      </Text>
    </Breadcrumbs>
  );
}

function Crumb({ code, href }: { code: string; href: string }) {
  const region = useRegion(code);
  return (
    <Anchor component={Link} to={href} size="sm" py={10} display="inline-block">
      {region.data?.name ?? code}
    </Anchor>
  );
}
