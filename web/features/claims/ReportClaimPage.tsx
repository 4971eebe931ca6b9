import { Alert, Button, Group, Paper, Radio, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { ClaimCreateInput } from '../../../core/claims.schema.ts';
import { CLAIM_EVENTS, isDeathEvent, type ClaimEvent, type InjuryOutcome } from '../../../core/claims.ts';
import { useWorker } from '../../api/queries.ts';
import type { WorkerSummary } from '../../api/types.ts';
import { ApiErrorAlert, GuardedPage, fieldErrorOf, useToday } from '../financing/shared.tsx';
import { ClaimCheckPanel } from './ClaimCheckPanel.tsx';
import { ClaimInjuryFields } from './ClaimInjuryFields.tsx';
import { ClaimHeirDrafts, isHeirFilled, type HeirDraft } from './ClaimHeirDrafts.tsx';
import { emptyHeirValues, heirInputOf } from './heir-values.ts';
import { ClaimWorkerPicker } from './ClaimWorkerPicker.tsx';
import { canReportClaims } from './claim-rules.ts';
import { useClaimLabel } from './claim-labels.ts';
import { useClaimCheck, useReportClaim } from './queries.ts';

/** `/klaim/baru?worker=`: a village operator reports a death or work accident, on a phone, with the protection check as they type. */
export default function ReportClaimPage() {
  return (
    <GuardedPage title="clm.reportTitle" canSee={canReportClaims}>
      <ReportClaimForm />
    </GuardedPage>
  );
}

function ReportClaimForm() {
  const { t } = useTranslation();
  const label = useClaimLabel();
  const today = useToday();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preselected = useWorker(params.get('worker') ?? '');
  // undefined: the worker named in the address; null: none chosen yet.
  const [picked, setPicked] = useState<WorkerSummary | null | undefined>(undefined);
  const worker = picked === undefined ? (preselected.data ?? null) : picked;
  const [event, setEvent] = useState<ClaimEvent | null>(null);
  const [eventDate, setEventDate] = useState('');
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [trafficAccident, setTrafficAccident] = useState(false);
  const [injuryOutcome, setInjuryOutcome] = useState<InjuryOutcome>('temporary');
  const [incapacityDays, setIncapacityDays] = useState<number | ''>('');
  const [heirs, setHeirs] = useState<HeirDraft[]>([emptyHeirValues('spouse', true)]);
  const report = useReportClaim();
  // The same query the check panel shows: a second death report of one person is refused, so it is not offered.
  const check = useClaimCheck(worker?.id ?? '', event, eventDate);
  const blockedByDeath = event !== null && isDeathEvent(event) && Boolean(check.data?.existingDeathClaim);

  const isDeath = event !== null && isDeathEvent(event);
  const isInjury = event === 'work_accident_injury';
  const filledHeirs = isDeath ? heirs.filter(isHeirFilled) : [];
  const errorOf = (field: string) => fieldErrorOf(report.error, field);
  const heirErrorOf = (index: number, field: string) => {
    const sentIndex = filledHeirs.indexOf(heirs[index]!);
    return sentIndex < 0 ? undefined : errorOf(`heirs.${sentIndex}.${field}`);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // Missing choices are sent as missing: the server names each in Indonesian.
    const input = {
      ...(worker ? { workerId: worker.id } : {}),
      ...(event ? { event } : {}),
      eventDate,
      place,
      description,
      trafficAccident,
      ...(isInjury ? { injuryOutcome, incapacityDays: injuryOutcome === 'temporary' && incapacityDays !== '' ? incapacityDays : null } : {}),
      ...(filledHeirs.length > 0 ? { heirs: filledHeirs.map(heirInputOf) } : {}),
    } as ClaimCreateInput;
    report.mutate(input, {
      onSuccess: (claim) => {
        notifications.show({
          color: claim.eligible ? 'green' : 'orange',
          message: claim.eligible ? t('clm.reportedNotice', { number: claim.number }) : t('clm.reportedNotEligibleNotice', { number: claim.number }),
        });
        void navigate(`/klaim/${claim.id}`);
        window.scrollTo({ top: 0 });
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="claim-report-form">
      <Stack gap="md" maw={680}>
        <div>
          <Title order={1} size="h2">
            {t('clm.reportTitle')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('clm.reportIntro')}
          </Text>
        </div>

        <Section title={t('clm.stepWorker')}>
          <ClaimWorkerPicker worker={worker} onChange={setPicked} error={errorOf('workerId')} />
        </Section>

        <Section title={t('clm.stepEvent')}>
          <Radio.Group label={t('clm.eventType')} value={event} onChange={(value) => setEvent(value as ClaimEvent)} error={errorOf('event')} required size="lg">
            <Stack gap="xs" mt="xs">
              {CLAIM_EVENTS.map((e) => (
                <Radio.Card key={e} value={e} radius="md" p="md" data-testid={`claim-event-${e}`}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator mt={2} />
                    <div>
                      <Text fw={600}>{label('event', e)}</Text>
                      <Text size="sm" c="dimmed">
                        {t(`clm.eventHint.${e}`)}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
          <TextInput
            type="date"
            label={t('clm.eventDate')}
            required
            max={today}
            value={eventDate}
            onChange={(e) => setEventDate(e.currentTarget.value)}
            error={errorOf('eventDate')}
            size="lg"
            w={{ base: '100%', xs: 260 }}
            data-testid="claim-event-date"
          />
          <TextInput
            label={t('clm.place')}
            placeholder={t('clm.placePlaceholder')}
            required
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            error={errorOf('place')}
            size="lg"
            data-testid="claim-place"
          />
          <Textarea
            label={t('clm.description')}
            placeholder={t('clm.descriptionPlaceholder')}
            required
            autosize
            minRows={3}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errorOf('description')}
            size="lg"
            data-testid="claim-description"
          />
          {event !== null && (
            <Switch
              label={t('clm.trafficAccident')}
              description={t('clm.trafficAccidentHint')}
              checked={trafficAccident}
              onChange={(e) => setTrafficAccident(e.currentTarget.checked)}
              size="lg"
              data-testid="claim-traffic"
            />
          )}
          {isInjury && (
            <ClaimInjuryFields outcome={injuryOutcome} onOutcome={setInjuryOutcome} days={incapacityDays} onDays={setIncapacityDays} errorOf={errorOf} large />
          )}
        </Section>

        <Section title={t('clm.stepCheck')}>
          <ClaimCheckPanel workerId={worker?.id ?? ''} event={event} eventDate={eventDate} />
        </Section>

        {isDeath && (
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
            <ClaimHeirDrafts drafts={heirs} onChange={setHeirs} errorOf={heirErrorOf} />
          </Paper>
        )}

        {report.error !== null && <ApiErrorAlert error={report.error} title={t('clm.reportFailed')} />}
        {blockedByDeath && (
          <Alert color="yellow" variant="light">
            {t('clm.existingDeathBlocks')}
          </Alert>
        )}
        <Group>
          <Button type="submit" size="lg" loading={report.isPending} disabled={blockedByDeath} w={{ base: '100%', xs: 'auto' }} miw={200} data-testid="claim-report-submit">
            {t('clm.reportSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
