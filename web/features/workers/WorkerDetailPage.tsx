import { Alert, Anchor, Badge, Button, DataList, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { occupationLabel } from '../../../core/occupations.ts';
import { canReadAudit, canWriteWorkers, mayReadPersonalDetail } from '../../../core/roles.ts';
import { useDeleteWorker, useRegion, useWorker } from '../../api/queries.ts';
import type { WorkerDetail } from '../../api/types.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatAddress, formatDate, formatDateTime, formatNumber, formatRupiah, groupNik } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { ClaimWorkerSection } from '../claims/ClaimWorkerSection.tsx';
import { EnrolmentSection } from '../financing/EnrolmentSection.tsx';
import { CoverageSection } from './CoverageSection.tsx';

export default function WorkerDetailPage() {
  const { id = '' } = useParams();
  const worker = useWorker(id);
  usePageTitle(worker.data?.name);
  if (worker.isPending) return <PageLoader />;
  if (worker.isError) return <ErrorState error={worker.error} onRetry={() => void worker.refetch()} />;
  return <WorkerDetailView worker={worker.data} />;
}

function WorkerDetailView({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const canWrite = canWriteWorkers(user, worker.villageCode);
  const isNarrow = useMediaQuery('(max-width: 36em)', undefined, { getInitialValueInEffect: false });
  // Where the NIK was first issued; codes outside this regency are shown as they are.
  const nikDistrict = useRegion(worker.nikDistrictCode).data;
  const none = <Text span c="dimmed">{t('detail.none')}</Text>;

  const rows: [string, ReactNode][] = [
    [
      t('workers.nik'),
      <Group gap={6} key="nik">
        <span className="nik">{groupNik(worker.nik)}</span>
        {worker.nikMasked && (
          <Badge size="xs" variant="light" color="gray">
            {t('workers.masked')}
          </Badge>
        )}
      </Group>,
    ],
    [t('form.sex'), t(`workers.sexLabel.${worker.sex}`)],
    [t('detail.birth'), t('detail.ageValue', { date: formatDate(worker.birthDate, lang), age: worker.age })],
    [t('form.occupation'), occupationLabel(worker.occupation, lang)],
    [t('detail.income'), worker.monthlyIncome === null ? none : formatRupiah(worker.monthlyIncome)],
    [t('form.dependants'), worker.dependants === null || worker.dependants === undefined ? none : formatNumber(worker.dependants)],
    [
      t('detail.phone'),
      worker.phone ?? (!mayReadPersonalDetail(user.role) ? <Text span c="dimmed" fs="italic">{t('detail.hidden')}</Text> : none),
    ],
    [
      t('detail.village'),
      <Anchor component={Link} to={`/regions/${worker.villageCode}`} key="village">
        {worker.villageName}
      </Anchor>,
    ],
    [t('detail.district'), worker.districtName],
    [t('detail.address'), formatAddress(worker)],
    [
      t('detail.nikDistrict'),
      <span key="nd">
        {nikDistrict ? `${nikDistrict.name} ` : ''}
        <Text span c="dimmed" className="nik">
          {nikDistrict ? `(${worker.nikDistrictCode})` : worker.nikDistrictCode}
        </Text>
      </span>,
    ],
    [t('detail.notes'), worker.notes ? <Text span style={{ whiteSpace: 'pre-wrap' }}>{worker.notes}</Text> : none],
    [t('detail.created'), formatDateTime(worker.createdAt, lang)],
    [t('detail.updated'), formatDateTime(worker.updatedAt, lang)],
  ];

  return (
    <Stack gap="md" maw={880}>
      <Anchor component={Link} to={`/regions/${worker.villageCode}`} size="sm" py={6} w="fit-content">
        ← {worker.villageName}
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Group gap="sm" align="center">
            <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
              {worker.name}
            </Title>
            {worker.deceasedOn && (
              <Badge color="dark" variant="filled" tt="none" radius="sm" size="lg" data-testid="worker-deceased-badge">
                {t('clm.deceased')}
              </Badge>
            )}
          </Group>
          <Text c="dimmed">
            {occupationLabel(worker.occupation, lang)} · {worker.villageName}, {worker.districtName}
          </Text>
        </div>
        {canWrite && (
          <Group gap="sm">
            <Button component={Link} to={`/workers/${worker.id}/edit`}>
              {t('detail.edit')}
            </Button>
            <DeleteButton worker={worker} />
          </Group>
        )}
      </Group>

      {worker.deceasedOn && (
        <Alert color="gray" variant="light" title={t('clm.deceasedOn', { date: formatDate(worker.deceasedOn, lang) })} data-testid="worker-deceased">
          {t('clm.deceasedBody')}
        </Alert>
      )}

      {worker.warnings.length > 0 && (
        <Alert color="yellow" variant="light" title={t('detail.warnings')}>
          <List size="sm" spacing={4}>
            {worker.warnings.map((w) => (
              <List.Item key={w.code}>{w.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <CoverageSection worker={worker} />

      <EnrolmentSection worker={worker} />

      <ClaimWorkerSection worker={worker} />

      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <DataList orientation={isNarrow ? 'vertical' : 'horizontal'} withDivider labelWidth="11rem" gap={isNarrow ? 'xs' : 'sm'}>
          {rows.map(([label, value]) => (
            <DataList.Item key={label}>
              <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
              <DataList.ItemValue>{value}</DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      </Paper>

      <Group gap="sm">
        {canWrite && (
          <Button component={Link} to={`/workers/new?village=${worker.villageCode}`} variant="light">
            {t('detail.addAnother')}
          </Button>
        )}
        {canReadAudit(user) && (
          <Button component={Link} to={`/admin/audit?entity=worker&id=${worker.id}`} variant="subtle">
            {t('detail.auditTrail')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function DeleteButton({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useDeleteWorker(worker.id);
  const navigate = useNavigate();
  return (
    <>
      <Button color="red" variant="outline" onClick={open}>
        {t('detail.delete')}
      </Button>
      <Modal opened={opened} onClose={close} title={<Text fw={700}>{t('detail.deleteTitle')}</Text>} centered closeButtonProps={{ size: 'lg', 'aria-label': t('form.cancel') }}>
        <Stack>
          <Text>{t('detail.deleteBody', { name: worker.name })}</Text>
          {remove.error && (
            <Alert color="red" variant="light" role="alert">
              {remove.error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('form.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(undefined, {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: t('detail.deleted') });
                    void navigate(`/regions/${worker.villageCode}`, { replace: true });
                  },
                })
              }
            >
              {t('detail.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
