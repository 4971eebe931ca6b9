import { Badge, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { OCCUPATIONS } from '../../../core/occupations.ts';
import { isApiError } from '../../api/client.ts';
import { useChangeOccupationMapping, useOccupationMap, type CivilOccupationMapping } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotAllowed } from '../../components/NotAllowed.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';

const NOT_INFORMAL = '__none__';

/**
 * `/admin/occupation-map`: which civil-registry occupations (as written in OpenSID and SIAK exports) count
 * as informal work, and as which Jaring occupation. Resident imports follow this table.
 */
export default function OccupationMapPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('admin.occupationMapTitle'));
  if (user.role !== 'admin') return <NotAllowed reason="errors.notAllowedBody" />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('admin.occupationMapTitle')}
        </Title>
        <Text c="dimmed" size="sm" maw={760}>
          {t('admin.occupationMapIntro')}
        </Text>
      </div>
      <MappingTable />
    </Stack>
  );
}

function MappingTable() {
  const { t } = useTranslation();
  const lang = useLang();
  const mapping = useOccupationMap();
  const change = useChangeOccupationMapping();
  if (mapping.isPending) return <Skeleton h={400} radius="md" />;
  if (mapping.isError) return <ErrorState error={mapping.error} onRetry={() => void mapping.refetch()} />;

  const options = [
    { value: NOT_INFORMAL, label: t('admin.notInformal') },
    ...OCCUPATIONS.map((o) => ({ value: o.code, label: o[lang] })),
  ];
  const save = (row: CivilOccupationMapping, value: string | null) => {
    const occupation = !value || value === NOT_INFORMAL ? null : value;
    if (occupation === row.occupation) return;
    change.mutate(
      { key: row.key, occupation },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('admin.occupationMapSaved', { label: row.label }) }),
        onError: (error) => notifications.show({ color: 'red', message: isApiError(error) ? error.message : t('errors.genericTitle') }),
      },
    );
  };

  return (
    <TableCard minWidth={640} verticalSpacing="xs" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('admin.civilOccupation')}</Table.Th>
          <Table.Th miw={240}>{t('admin.jaringOccupation')}</Table.Th>
          <Table.Th>{t('admin.changedBy')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {mapping.data.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Td>
              <Text size="sm">
                {row.civilId !== null && (
                  <Text span c="dimmed" size="xs" mr={6}>
                    {row.civilId}
                  </Text>
                )}
                {row.label}
              </Text>
              {!row.occupation && (
                <Badge variant="light" color="gray" size="sm" mt={2}>
                  {t(`admin.notInformalReason.${row.reason}`, { defaultValue: t('admin.notInformal') })}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Select
                aria-label={t('admin.jaringOccupationFor', { label: row.label })}
                data={options}
                value={row.occupation ?? NOT_INFORMAL}
                onChange={(value) => save(row, value)}
                allowDeselect={false}
                disabled={change.isPending && change.variables?.key === row.key}
                size="sm"
              />
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {row.updatedBy ? `${row.updatedBy}, ${formatDateTime(row.updatedAt, lang)}` : t('admin.defaultMapping')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}
