import { Alert, Box, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addMonths } from '../../../core/months.ts';
import { DEFAULT_GRACE_MONTHS } from '../../../core/coverage.ts';
import type { ProgramParticipation, WorkerDetail } from '../../api/types.ts';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatMonth } from '../../lib/format.ts';
import { CoverageBadge, ProgramStatusBadge } from './CoverageBadge.tsx';
import { DefinitionList } from '../../components/DefinitionList.tsx';

const FUNDING_CODES = ['APBD', 'ADD', 'DBHCHT', 'CSR', 'SELF'] as const;
type FundingCode = (typeof FUNDING_CODES)[number];
const isKnownFunding = (code: string): code is FundingCode => (FUNDING_CODES as readonly string[]).includes(code);

/**
 * "Kepesertaan BPJS Ketenagakerjaan" on the worker page: protection today with what it means for the
 * family (lapsed protection pays nothing, so it gets the loudest alert), then each programme.
 */
export function CoverageSection({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { coverage, programs } = worker;
  const headingId = `coverage-${worker.id}`;

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={headingId} mb={6}>
            {t('coverage.sectionTitle')}
          </Title>
          <CoverageBadge coverage={coverage} size="lg" withPaidUntil="inline" />
        </div>

        {coverage.status === 'lapsed' && (
          <Alert color="red.9" variant="filled" title={t('coverage.lapsedTitle')} role="alert">
            {t('coverage.lapsedBody')}
          </Alert>
        )}
        {coverage.status === 'grace' && (
          <Alert color="yellow" variant="light" title={t('coverage.graceTitle')} styles={{ title: { color: '#7a4a00' } }}>
            {coverage.paidUntil
              ? // The last protected month under today's rule (2 unpaid months of grace, core/coverage.ts).
                t('coverage.graceBodyUntil', { month: formatMonth(addMonths(coverage.paidUntil, DEFAULT_GRACE_MONTHS), lang) })
              : t('coverage.graceBody')}
          </Alert>
        )}
        {coverage.status === 'not_enrolled' && (
          <Alert color="gray" variant="light" role="note">
            {t('coverage.notEnrolled')}
          </Alert>
        )}

        {programs.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: Math.min(programs.length, 3) }} spacing="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {programs.map((p, i) => (
              <ProgramCard key={`${p.program}-${p.startMonth}-${i}`} participation={p} />
            ))}
          </SimpleGrid>
        )}

      </Stack>
    </Paper>
  );
}

function ProgramCard({ participation: p }: { participation: ProgramParticipation }) {
  const { t } = useTranslation();
  const lang = useLang();
  const none = (text: string) => (
    <Text span c="dimmed" size="sm">
      {text}
    </Text>
  );
  const rows: [string, ReactNode][] = [
    [t('coverage.kpj'), p.kpj ? <span className="nik">{p.kpj}</span> : none(t('detail.none'))],
    [t('coverage.startMonth'), formatMonth(p.startMonth, lang)],
    [t('coverage.paidUntilLabel'), p.paidUntil ? formatMonth(p.paidUntil, lang) : none(t('coverage.nothingPaid'))],
    [t('coverage.fundingSource'), isKnownFunding(p.fundingSource) ? t(`coverage.funding.${p.fundingSource}`) : none(t('coverage.fundingUnknown'))],
  ];
  // Participations linked from the BPJS participant file carry BPJS's own word and its date.
  if (p.bpjsStatus) {
    rows.push([
      t('coverage.bpjsSays'),
      `${t(`coverage.programStatus.${p.bpjsStatus}`)} · ${p.bpjsReportedOn ? t('coverage.sourceBpjs', { date: formatDate(p.bpjsReportedOn, lang) }) : t('coverage.sourceBpjsUndated')}`,
    ]);
  }
  return (
    <Box component="li" p="sm" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-gray-3)' }}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mb="xs">
        <div>
          <Text fw={700} lh={1.2}>
            {p.program}
          </Text>
          <Text size="sm" c="dimmed" lh={1.3}>
            {t(`coverage.programName.${p.program}`)}
          </Text>
        </div>
        <ProgramStatusBadge status={p.status} />
      </Group>
      <DefinitionList rows={rows} />
    </Box>
  );
}
