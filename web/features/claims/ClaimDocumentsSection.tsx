/** The documents checklist: what is still missing, and a tick per document received (with the day and who). */
import { Alert, Badge, Checkbox, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BEFORE_SUBMISSION_STATUSES } from '../../../core/claims.ts';
import { useLang } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { ApiErrorAlert, useToday } from '../financing/shared.tsx';
import { ClaimSection } from './ClaimSection.tsx';
import { useClaimLabel } from './claim-labels.ts';
import { useReceiveDocument, useWithdrawDocument, type ClaimDetail } from './queries.ts';

export function ClaimDocumentsSection({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useClaimLabel();
  const today = useToday();
  const [receivedOn, setReceivedOn] = useState(today);
  const receive = useReceiveDocument(claim.id);
  const withdraw = useWithdrawDocument(claim.id);
  // The tick shows at once; the server's answer (the whole claim) replaces it, or a refusal takes it back.
  const [pending, setPending] = useState<{ code: string; received: boolean } | null>(null);
  const [lastError, setLastError] = useState<unknown>(null);
  const editable = claim.can.edit && BEFORE_SUBMISSION_STATUSES.includes(claim.status);
  // The server lists what is missing for eligible claims; an ineligible claim's checklist is still kept.
  const missing = claim.eligible ? claim.missing : claim.documents.filter((d) => d.required && !d.received).map(({ code, label: l }) => ({ code, label: l }));
  const receivedCount = claim.documents.filter((d) => d.required && d.received).length;
  const requiredCount = claim.documents.filter((d) => d.required).length;

  const toggle = (code: string, checked: boolean) => {
    setPending({ code, received: checked });
    setLastError(null);
    const settle = { onSettled: () => setPending(null), onError: (error: unknown) => setLastError(error) };
    if (checked) receive.mutate({ code, receivedOn: receivedOn || today }, settle);
    else withdraw.mutate(code, settle);
  };

  return (
    <ClaimSection
      id="claim-documents-title"
      title={t('clm.documentsTitle')}
      intro={t('clm.documentsCount', { received: receivedCount, total: requiredCount })}
      testId="claim-documents"
    >
      <Alert color={missing.length > 0 ? 'orange' : 'green'} variant="light" data-testid="claim-missing" data-complete={missing.length === 0}>
        {missing.length > 0 ? (
          <Text size="sm">
            <Text span fw={700}>
              {t('clm.missingPrefix')}
            </Text>{' '}
            {missing.map((d) => label('document', d.code, d.label)).join(', ')}
          </Text>
        ) : (
          <Text size="sm" fw={700}>
            {t('clm.documentsComplete')}
          </Text>
        )}
      </Alert>
      {editable && (
        <TextInput
          type="date"
          label={t('clm.receivedOnLabel')}
          description={t('clm.receivedOnHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          max={today}
          value={receivedOn}
          onChange={(e) => setReceivedOn(e.currentTarget.value)}
          w={{ base: '100%', xs: 260 }}
          data-testid="claim-received-on"
        />
      )}
      {lastError !== null && <ApiErrorAlert error={lastError} />}
      <Paper withBorder radius="md">
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {claim.documents.map((d, i) => (
            <li key={d.code} style={{ borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-gray-2)' }}>
              <Group justify="space-between" gap="xs" px="sm" py={10} mih={48} wrap="nowrap" data-testid={`claim-document-${d.code}`} data-received={d.received}>
                <Checkbox
                  size="md"
                  label={label('document', d.code, d.label)}
                  checked={pending?.code === d.code ? pending.received : d.received}
                  // One change at a time: each answer is the whole claim, so answers must not cross.
                  disabled={!editable || pending !== null}
                  // A locked checklist is still read: keep its labels at full contrast.
                  styles={{ label: { color: 'var(--mantine-color-text)' }, description: { color: 'var(--mantine-color-dimmed)' } }}
                  onChange={(e) => toggle(d.code, e.currentTarget.checked)}
                  description={
                    d.received
                      ? [t('clm.receivedOnBy', { date: d.receivedOn ? formatDate(d.receivedOn, lang) : '–', who: d.receivedBy ?? '–' }), d.note].filter(Boolean).join(' · ')
                      : undefined
                  }
                />
                {!d.required && (
                  <Badge color="gray" variant="light" tt="none" radius="sm" size="sm" style={{ flex: 'none' }}>
                    {t('clm.noLongerRequired')}
                  </Badge>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      </Paper>
      {!editable && claim.can.edit && (
        <Text size="xs" c="dimmed">
          {t('clm.documentsLocked')}
        </Text>
      )}
    </ClaimSection>
  );
}
