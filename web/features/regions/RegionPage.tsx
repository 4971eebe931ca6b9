import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ancestorCodeAt, REGION_LEVELS } from '../../../core/regions.ts';
import { canReadRegion, canWriteWorkers } from '../../../core/roles.ts';
import { useRegion, useRegionChildren } from '../../api/queries.ts';
import type { Region } from '../../api/types.ts';
import { ErrorState, Message } from '../../components/ErrorState.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { formatNumber } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { WorkerList } from '../workers/WorkerList.tsx';

/**
 * One region: a regency lists its districts, a district its villages (both with worker counts and a tab
 * with all their workers), a village lists its workers.
 */
export default function RegionPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const user = useCurrentUser();
  const region = useRegion(code);
  usePageTitle(region.data?.name);

  if (!canReadRegion(user, code)) {
    return (
      <Message title={t('errors.forbiddenTitle')} tone="orange">
        <Text>{t('errors.forbiddenBody')}</Text>
        <Group>
          <Button component={Link} to={`/regions/${user.regionCode}`} variant="light">
            {t('errors.toMyArea')}
          </Button>
        </Group>
      </Message>
    );
  }
  if (region.isPending) return <PageLoader />;
  if (region.isError) return <ErrorState error={region.error} onRetry={() => void region.refetch()} />;

  const r = region.data;
  return (
    <Stack gap="md">
      <RegionBreadcrumbs code={r.code} scope={user.regionCode} />
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Text size="sm" c="dimmed" tt="uppercase" fw={600}>
            {t(`levels.${r.level}`)}
          </Text>
          <Title order={1} size="h2">
            {r.name}
          </Title>
          {r.workerCount !== undefined && (
            <Text c="dimmed" size="sm">
              {t('regions.workerCount', { count: r.workerCount, formatted: formatNumber(r.workerCount) })}
            </Text>
          )}
        </div>
        {r.level === 'village' && canWriteWorkers(user, r.code) && (
          <Button component={Link} to={`/workers/new?village=${r.code}`}>
            {t('workers.add')}
          </Button>
        )}
      </Group>
      {r.level === 'village' ? <WorkerList village={r.code} showVillage={false} /> : <AreaTabs region={r} />}
    </Stack>
  );
}

function AreaTabs({ region }: { region: Region }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'workers' ? 'workers' : 'children';
  const children = useRegionChildren(region.code);
  const childLabel = region.level === 'regency' ? t('regions.districts') : t('regions.villages');
  return (
    <Tabs
      value={view}
      onChange={(value) => setParams(value === 'workers' ? { view: 'workers' } : {}, { replace: true })}
      keepMounted={false}
    >
      <Tabs.List mb="md">
        <Tabs.Tab value="children" py="md">
          {childLabel}
          {children.data && (
            <Badge variant="light" color="gray" ml={8} size="sm">
              {children.data.length}
            </Badge>
          )}
        </Tabs.Tab>
        <Tabs.Tab value="workers" py="md">
          {t('regions.allWorkers')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="children">
        {children.isPending ? (
          <Skeleton h={320} radius="md" />
        ) : children.isError ? (
          <ErrorState error={children.error} onRetry={() => void children.refetch()} />
        ) : (
          <ChildTable items={children.data} />
        )}
      </Tabs.Panel>
      <Tabs.Panel value="workers">
        <WorkerList
          {...(region.level === 'district' ? { district: region.code } : {})}
          showVillage
        />
      </Tabs.Panel>
    </Tabs>
  );
}

function ChildTable({ items }: { items: Region[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (items.length === 0) return <Text c="dimmed">{t('regions.empty')}</Text>;
  return (
    <Paper withBorder radius="md">
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('regions.name')}</Table.Th>
            <Table.Th visibleFrom="xs">{t('regions.code')}</Table.Th>
            <Table.Th ta="right">{t('regions.workers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((child) => (
            <Table.Tr key={child.code} className="row-link" onClick={() => void navigate(`/regions/${child.code}`)}>
              <Table.Td>
                <Anchor component={Link} to={`/regions/${child.code}`} fw={500} display="block" py={4} onClick={(e) => e.stopPropagation()}>
                  {child.name}
                </Anchor>
              </Table.Td>
              <Table.Td visibleFrom="xs" c="dimmed" className="nik">
                {child.code}
              </Table.Td>
              <Table.Td ta="right" fw={500} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {child.workerCount === undefined ? '–' : formatNumber(child.workerCount)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The path from the user's own scope down to this region; nothing above their scope is a link. */
function RegionBreadcrumbs({ code, scope }: { code: string; scope: string }) {
  const { t } = useTranslation();
  const codes = REGION_LEVELS.map((level) => ancestorCodeAt(code, level)).filter(
    (c): c is string => c !== null && c.length >= scope.length && c !== code,
  );
  if (codes.length === 0) return null;
  return (
    <Breadcrumbs aria-label={t('regions.breadcrumb')} separatorMargin={6} style={{ flexWrap: 'wrap', rowGap: 4 }}>
      {codes.map((c) => (
        <RegionCrumb key={c} code={c} />
      ))}
      <Text size="sm" c="dimmed" aria-current="page">
        <CurrentName code={code} />
      </Text>
    </Breadcrumbs>
  );
}

function RegionCrumb({ code }: { code: string }) {
  const region = useRegion(code);
  return (
    <Anchor component={Link} to={`/regions/${code}`} size="sm" py={10} display="inline-block">
      {region.data?.name ?? code}
    </Anchor>
  );
}

function CurrentName({ code }: { code: string }) {
  return <>{useRegion(code).data?.name ?? code}</>;
}
