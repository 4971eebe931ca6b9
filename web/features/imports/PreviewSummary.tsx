import { Alert, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../api/types.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useLayoutLabel } from './ImportStatusBadge.tsx';

/** How many sample values a column shows; the server sends up to five rows. */
const SAMPLES_SHOWN = 3;

/**
 * What the server found in a file before importing it: the layout (and what that layout means for
 * which rows are taken), then every file column with the Jaring field it feeds and a few sample values.
 * Missing required fields are a red alert; the import cannot start until the file is fixed.
 */
export function PreviewSummary({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const layoutLabel = useLayoutLabel();
  const isWide = useMediaQuery('(min-width: 48em)', undefined, { getInitialValueInEffect: false });
  const mapped = preview.columns.filter((c) => c.field).length;
  const facts = [
    preview.sheet ? t('imports.sheet', { sheet: preview.sheet }) : null,
    preview.delimiter ? t('imports.delimiter', { delimiter: preview.delimiter === '\t' ? t('imports.delimiterTab') : preview.delimiter }) : null,
    preview.estimatedRows !== null
      ? t('imports.estimatedRows', { count: preview.estimatedRows, formatted: formatNumber(preview.estimatedRows) })
      : null,
  ].filter(Boolean);

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="import-preview-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="import-preview-title">
            {t('imports.previewTitle')}
          </Title>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {preview.fileName}
          </Text>
        </div>

        <div>
          <Text size="sm" c="dimmed">
            {t('imports.layoutLabel')}
          </Text>
          <Text fw={600}>{layoutLabel(preview.layout)}</Text>
          {facts.length > 0 && (
            <Text size="sm" c="dimmed">
              {facts.join(' · ')}
            </Text>
          )}
        </div>

        {preview.missing.length > 0 && (
          <Alert color="red" variant="light" title={t('imports.missingTitle')} role="alert">
            <Text size="sm" mb={6}>
              {t('imports.missingBody')}
            </Text>
            <List size="sm" spacing={2}>
              {preview.missing.map((m) => (
                <List.Item key={m.field}>
                  <Text span fw={600} size="sm">
                    {m.label}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}

        <div>
          <Group justify="space-between" gap="xs" mb="xs">
            <Title order={3} size="h5">
              {t('imports.mappingTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('imports.mappingCount', { mapped: formatNumber(mapped), total: formatNumber(preview.columns.length) })}
            </Text>
          </Group>
          {isWide ? <MappingTable preview={preview} /> : <MappingList preview={preview} />}
        </div>
      </Stack>
    </Paper>
  );
}

type Column = ImportPreview['columns'][number];

/** The first non-empty values of a column in the sample rows. */
function samplesOf(preview: ImportPreview, column: Column): string[] {
  return preview.sampleRows
    .map((row) => row[column.index]?.trim() ?? '')
    .filter((value) => value !== '')
    .slice(0, SAMPLES_SHOWN);
}

function HeaderText({ column }: { column: Column }) {
  const { t } = useTranslation();
  return column.header.trim() ? (
    <>{column.header}</>
  ) : (
    <Text span fs="italic" inherit>
      {t('imports.untitledColumn', { n: column.index + 1 })}
    </Text>
  );
}

function FieldBadge({ column }: { column: Column }) {
  const { t } = useTranslation();
  return column.field ? (
    <Badge variant="light" tt="none" radius="sm" style={{ minWidth: 'max-content' }}>
      {column.fieldLabel ?? column.field}
    </Badge>
  ) : (
    <Text span size="sm" fs="italic" c="dimmed">
      {t('imports.ignored')}
    </Text>
  );
}

function MappingTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  return (
    <TableCard minWidth={640} radius="sm" verticalSpacing="xs" horizontalSpacing="sm" style={{ verticalAlign: 'top' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="30%">{t('imports.fileColumn')}</Table.Th>
          <Table.Th w="25%">{t('imports.jaringField')}</Table.Th>
          <Table.Th>{t('imports.samples')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.columns.map((column) => {
          const samples = samplesOf(preview, column);
          return (
            <Table.Tr key={column.index} c={column.field ? undefined : 'dimmed'}>
              <Table.Td style={{ overflowWrap: 'break-word' }}>
                <HeaderText column={column} />
              </Table.Td>
              <Table.Td>
                <FieldBadge column={column} />
              </Table.Td>
              <Table.Td>
                {samples.length === 0 ? (
                  <Text span size="sm" fs="italic" c="dimmed">
                    {t('imports.noSample')}
                  </Text>
                ) : (
                  <Stack gap={0}>
                    {samples.map((value, i) => (
                      <Text key={i} size="sm" truncate="end" title={value} maw={360}>
                        {value}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </TableCard>
  );
}

/** On a phone: one line per file column, `HEADER → field`, with its sample values underneath. */
function MappingList({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none', borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      {preview.columns.map((column) => {
        const samples = samplesOf(preview, column);
        return (
          <li key={column.index} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', padding: '8px 0' }}>
            <Group gap={6} wrap="wrap" align="center">
              <Text fw={600} size="sm" c={column.field ? undefined : 'dimmed'} style={{ overflowWrap: 'break-word' }} maw="100%">
                <HeaderText column={column} />
              </Text>
              <Text span c="dimmed" size="sm" aria-hidden>
                →
              </Text>
              <FieldBadge column={column} />
            </Group>
            <Text size="xs" c="dimmed" truncate="end">
              {samples.length > 0 ? samples.join(' · ') : t('imports.noSample')}
            </Text>
          </li>
        );
      })}
    </Stack>
  );
}
