import { Alert, Badge, Box, Button, Checkbox, Group, Paper, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { monthsBetween } from '../../../core/months.ts';
import { useCancelCommitment, useCommitments, useFundingSources, useQuote, type Commitment, type PaymentDetail } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PagePicker } from '../../components/PagePicker.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDateTime, formatMonth, formatNumber, formatRupiah, groupNik } from '../../lib/format.ts';
import { usePageParam } from '../../lib/use-page-param.ts';
import { useCurrentUser } from '../auth/session.ts';
import { canSeeCommitments, canTickForPayment, paymentGroupKey } from './financing-rules.ts';
import { PaymentForm, PaymentRecordedAlert, type PaymentTarget } from './PaymentForm.tsx';
import { FormModal, ReasonField, reasonGiven, useModalMutation } from './forms.tsx';
import { ApiErrorAlert, GuardedPage, Money, PageHeader, RegionScopePicker, SourceFilter, YearSelect, useFilterParams, useToday } from './shared.tsx';

const PAGE_SIZE = 50;

/** `/pembiayaan/komitmen`: who is budgeted from which source, what was paid, cancelling, and paying a group. */
export default function CommitmentsPage() {
  return (
    <GuardedPage title="fin.commitmentsTitle" canSee={canSeeCommitments}>
      <Commitments />
    </GuardedPage>
  );
}

function Commitments() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const today = useToday();
  const [params, setParam] = useFilterParams();
  const { page, goTo } = usePageParam();
  const region = params.get('region') ?? user.regionCode;
  const sourceId = params.get('source') ?? '';
  const year = Number(params.get('year')) || Number(today.slice(0, 4));
  // Sources around the region chosen: a regency or district scope includes its villages' ADD, so `canManage` is known for every row.
  const sources = useFundingSources({ year, region: region === user.regionCode ? undefined : region });
  const list = useCommitments({
    village: region === user.regionCode ? undefined : region,
    sourceId: sourceId || undefined,
    year,
    page,
    pageSize: PAGE_SIZE,
  });
  const manageable = useMemo(() => new Set((sources.data ?? []).filter((s) => s.canManage).map((s) => s.id)), [sources.data]);

  // Ticks survive paging but not a change of what is listed.
  const filterKey = `${region}|${sourceId}|${year}`;
  const [ticked, setTicked] = useState<{ filterKey: string; items: Map<string, Commitment> }>({ filterKey, items: new Map() });
  const selection = ticked.filterKey === filterKey ? ticked.items : new Map<string, Commitment>();
  const first = selection.values().next().value as Commitment | undefined;
  const groupKey = first ? paymentGroupKey(first) : null;
  const setSelection = (update: (items: Map<string, Commitment>) => void) => {
    const items = new Map(selection);
    update(items);
    setTicked({ filterKey, items });
  };
  const toggle = (c: Commitment, on: boolean) => setSelection((items) => (on ? items.set(c.id, c) : items.delete(c.id)));

  const [cancelling, setCancelling] = useState<Commitment | null>(null);
  const [target, setTarget] = useState<PaymentTarget | null>(null);
  const [recorded, setRecorded] = useState<PaymentDetail | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (target) formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [target]);

  const onRecorded = (payment: PaymentDetail) => {
    setRecorded(payment);
    setTarget(null);
    setTicked({ filterKey, items: new Map() });
  };

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="md">
      <PageHeader title={t('fin.commitmentsTitle')} intro={t('fin.commitmentsIntro')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <RegionScopePicker value={region} onChange={(code) => setParam('region', code === user.regionCode ? null : code)} />
        <SourceFilter sources={sources.data} value={sourceId} onChange={(id) => setParam('source', id)} w={260} testId="commitments-source" />
        <YearSelect value={year} onChange={(y) => setParam('year', y === Number(today.slice(0, 4)) ? null : String(y))} />
      </Group>

      {recorded && (
        <PaymentRecordedAlert payment={recorded} onClose={() => setRecorded(null)}>
          <Group>
            <Button component={Link} to={`/pembiayaan/pembayaran?payment=${recorded.id}`} variant="light" size="sm">
              {t('fin.openPayment')}
            </Button>
          </Group>
        </PaymentRecordedAlert>
      )}

      <SelectionBar
        selection={selection}
        onClear={() => {
          setTicked({ filterKey, items: new Map() });
          setTarget(null);
        }}
        onPay={(next) => {
          setRecorded(null);
          setTarget(next);
        }}
        paying={target !== null}
      />

      {target && (
        <Box ref={formRef} style={{ scrollMarginTop: 80 }}>
          <Stack gap="xs">
            {/* A new selection starts a fresh form with its own quoted amount. */}
            <PaymentForm key={`${paymentGroupKey(target)}-${target.workerIds.join(',')}-${target.expectedAmount}`} target={target} onRecorded={onRecorded} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(null)} data-testid="payment-form-close">
                {t('fin.closeForm')}
              </Button>
            </Group>
          </Stack>
        </Box>
      )}

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !data ? (
        <Skeleton h={320} radius="md" />
      ) : data.items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center">
            {t('fin.noCommitments')}
          </Text>
        </Paper>
      ) : (
        <Box style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Text size="sm" c="dimmed" mb="xs" data-testid="commitments-summary">
            {t('fin.commitmentsSummary', { n: formatNumber(data.total), amount: formatRupiah(data.totalAmount) })}
          </Text>
          <CommitmentTable
            items={data.items}
            selection={selection}
            groupKey={groupKey}
            canManage={(c) => manageable.has(c.sourceId)}
            onToggle={toggle}
            onTickAll={(items) => setSelection((sel) => items.forEach((c) => sel.set(c.id, c)))}
            onCancel={setCancelling}
            locked={target !== null}
          />
        </Box>
      )}
      <PagePicker pages={pages} page={page} onChange={goTo} />

      <CancelModal
        commitment={cancelling}
        onClose={() => setCancelling(null)}
        onCancelled={(c) => setTicked((prev) => (prev.items.has(c.id) ? { ...prev, items: new Map([...prev.items].filter(([id]) => id !== c.id)) } : prev))}
      />
    </Stack>
  );
}

/** What is ticked, its total, and "Catat pembayaran" priced with the premium quote. */
function SelectionBar({
  selection,
  onClear,
  onPay,
  paying,
}: {
  selection: Map<string, Commitment>;
  onClear: () => void;
  onPay: (target: PaymentTarget) => void;
  paying: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const quote = useQuote();
  const [quoteError, setQuoteError] = useState<unknown>(null);
  const [quoting, setQuoting] = useState(false);
  const items = [...selection.values()];
  const first = items[0];
  const committedTotal = items.reduce((sum, c) => sum + c.totalAmount, 0);

  if (!first) {
    return (
      <Text size="sm" c="dimmed" data-testid="selection-none">
        {t('fin.selectionNone')}
      </Text>
    );
  }

  // The payment is priced as the server will price it: each worker's declared income, the rates of each month.
  const pay = async () => {
    setQuoteError(null);
    setQuoting(true);
    try {
      const groups = new Map<string, { income: number; programs: Commitment['programs']; count: number }>();
      for (const c of items) {
        const key = `${c.declaredIncome}|${c.programs.join(',')}`;
        const group = groups.get(key) ?? { income: c.declaredIncome, programs: c.programs, count: 0 };
        group.count++;
        groups.set(key, group);
      }
      const months = monthsBetween(first.fromMonth, first.toMonth) + 1;
      const totals = await Promise.all(
        [...groups.values()].map(async (g) => (await quote.mutateAsync({ income: g.income, programs: g.programs, months, startMonth: first.fromMonth })).total * g.count),
      );
      onPay({
        sourceId: first.sourceId,
        sourceName: first.sourceName,
        workerIds: [...new Set(items.map((c) => c.workerId))],
        fromMonth: first.fromMonth,
        toMonth: first.toMonth,
        expectedAmount: totals.reduce((a, b) => a + b, 0),
      });
    } catch (error) {
      setQuoteError(error);
    } finally {
      setQuoting(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-green-0)" data-testid="selection-bar" aria-live="polite">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('fin.selectionSummary', {
            n: formatNumber(items.length),
            source: first.sourceName,
            from: formatMonth(first.fromMonth, lang),
            to: formatMonth(first.toMonth, lang),
            amount: formatRupiah(committedTotal),
          })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('fin.selectionOther')}
        </Text>
        <ApiErrorAlert error={quoteError} title={t('fin.quoteRefused')} />
        <Group gap="sm">
          <Button onClick={() => void pay()} loading={quoting} disabled={paying} size="md" data-testid="pay-selected">
            {t('fin.recordPayment')}
          </Button>
          <Button variant="default" onClick={onClear} size="md" data-testid="clear-selection">
            {t('fin.clearSelection')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function CommitmentStatus({ c }: { c: Commitment }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (c.cancelledAt) {
    return (
      <Stack gap={2}>
        <Badge color="gray" variant="filled" tt="none" radius="sm" style={{ minWidth: 'max-content' }}>
          {t('fin.commitmentStatus.cancelled')}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('fin.cancelledOn', { date: formatDateTime(c.cancelledAt, lang) })}
        </Text>
        {c.cancelReason && (
          <Text size="xs" data-testid="cancel-reason">
            {t('fin.cancelledReason', { reason: c.cancelReason })}
          </Text>
        )}
      </Stack>
    );
  }
  const state = c.paidAmount <= 0 ? 'open' : c.paidAmount >= c.totalAmount ? 'paid' : 'partial';
  const color = state === 'paid' ? 'green' : state === 'partial' ? 'yellow' : 'blue';
  return (
    <Badge color={color} variant="light" tt="none" radius="sm" style={{ minWidth: 'max-content' }}>
      {t(`fin.commitmentStatus.${state}`)}
    </Badge>
  );
}

function CommitmentTable({
  items,
  selection,
  groupKey,
  canManage,
  onToggle,
  onTickAll,
  onCancel,
  locked,
}: {
  items: Commitment[];
  selection: Map<string, Commitment>;
  groupKey: string | null;
  canManage: (c: Commitment) => boolean;
  onToggle: (c: Commitment, on: boolean) => void;
  onTickAll: (items: Commitment[]) => void;
  onCancel: (c: Commitment) => void;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  // "All on this page": those fitting what is ticked, or the group of the first tickable row.
  const firstTickable = items.find((c) => canTickForPayment(c, canManage(c), groupKey));
  const pageKey = groupKey ?? (firstTickable ? paymentGroupKey(firstTickable) : null);
  const fitting = pageKey ? items.filter((c) => canTickForPayment(c, canManage(c), pageKey)) : [];
  const allTicked = fitting.length > 0 && fitting.every((c) => selection.has(c.id));
  const someTicked = fitting.some((c) => selection.has(c.id));
  const anyManaged = items.some((c) => canManage(c) && !c.cancelledAt);
  return (
    <TableCard minWidth={960} verticalSpacing="sm" horizontalSpacing="sm" style={{ verticalAlign: 'top' }} data-testid="commitments-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={48}>
            {fitting.length > 0 ? (
              <Checkbox
                size="md"
                checked={allTicked}
                indeterminate={someTicked && !allTicked}
                disabled={locked}
                onChange={(e) => (e.currentTarget.checked ? onTickAll(fitting) : fitting.forEach((c) => selection.has(c.id) && onToggle(c, false)))}
                aria-label={t('fin.tickAllPage')}
                data-testid="tick-all-page"
              />
            ) : (
              <VisuallyHidden>{t('fin.tick')}</VisuallyHidden>
            )}
          </Table.Th>
          <Table.Th>{t('workers.name')}</Table.Th>
          <Table.Th>{t('fin.source')}</Table.Th>
          <Table.Th>{t('fin.months')}</Table.Th>
          <Table.Th>{t('fin.programs')}</Table.Th>
          <Table.Th ta="right">{t('fin.cost')}</Table.Th>
          <Table.Th ta="right">{t('fin.paidSoFar')}</Table.Th>
          <Table.Th>{t('fin.status')}</Table.Th>
          {anyManaged && (
            <Table.Th>
              <VisuallyHidden>{t('fin.cancelCommitment')}</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((c) => {
          const isTicked = selection.has(c.id);
          const tickable = canTickForPayment(c, canManage(c), groupKey);
          return (
            <Table.Tr
              key={c.id}
              bg={isTicked ? 'var(--mantine-color-green-0)' : undefined}
              c={c.cancelledAt ? 'dimmed' : undefined}
              data-testid="commitment-row"
              data-cancelled={c.cancelledAt ? 'true' : undefined}
            >
              <Table.Td>
                {(tickable || isTicked) && (
                  <Checkbox
                    size="md"
                    checked={isTicked}
                    disabled={locked}
                    onChange={(e) => onToggle(c, e.currentTarget.checked)}
                    aria-label={t('fin.tickWorker', { name: c.workerName })}
                    data-testid={`commitment-tick-${c.id}`}
                  />
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  <Link to={`/workers/${c.workerId}`} style={{ color: 'inherit' }}>
                    {c.workerName}
                  </Link>
                </Text>
                <Text size="xs" c="dimmed" className="nik">
                  {groupNik(c.nik)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.sourceName}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatMonth(c.fromMonth, lang)} – {formatMonth(c.toMonth, lang)}
                </Text>
                {c.handoverToSelf && (
                  <Badge color="grape" variant="light" tt="none" radius="sm" mt={4} style={{ minWidth: 'max-content' }}>
                    {t('fin.handoverToSelfBadge')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.programs.join(' + ')}</Table.Td>
              <Table.Td ta="right">
                <Money value={c.totalAmount} fw={600} />
              </Table.Td>
              <Table.Td ta="right">{c.paidAmount === 0 ? <Text size="sm" c="dimmed">–</Text> : <Money value={c.paidAmount} />}</Table.Td>
              <Table.Td>
                <CommitmentStatus c={c} />
              </Table.Td>
              {anyManaged && (
                <Table.Td>
                  {canManage(c) && !c.cancelledAt && (
                    <Button
                      color="red"
                      variant="outline"
                      size="sm"
                      onClick={() => onCancel(c)}
                      aria-label={t('fin.cancelCommitmentFor', { name: c.workerName })}
                      data-testid="cancel-commitment"
                    >
                      {t('fin.cancelCommitment')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </TableCard>
  );
}

function CancelModal({ commitment, onClose, onCancelled }: { commitment: Commitment | null; onClose: () => void; onCancelled: (c: Commitment) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const cancel = useCancelCommitment();
  const [reason, setReason] = useState('');
  const { close, save } = useModalMutation(cancel, () => {
    setReason('');
    onClose();
  });
  const onSubmit = () => {
    if (!commitment) return;
    save({ id: commitment.id, reason: reason.trim() }, t('fin.commitmentCancelled'), () => onCancelled(commitment));
  };
  return (
    <FormModal
      opened={commitment !== null}
      onClose={close}
      title={t('fin.cancelCommitmentTitle')}
      onSubmit={onSubmit}
      error={cancel.error}
      errorTitle={t('fin.cancelRefused')}
      pending={cancel.isPending}
      submitLabel={t('fin.cancelCommitmentConfirm')}
      submitColor="red"
      submitDisabled={!reasonGiven(reason)}
      submitTestId="cancel-commitment-confirm"
      formTestId="cancel-commitment-form"
      buttonSize="md"
    >
      {commitment && (
        <Alert color="orange" variant="light">
          {t('fin.cancelCommitmentBody', {
            name: commitment.workerName,
            from: formatMonth(commitment.fromMonth, lang),
            to: formatMonth(commitment.toMonth, lang),
            amount: formatRupiah(commitment.totalAmount),
            source: commitment.sourceName,
          })}
        </Alert>
      )}
      <ReasonField value={reason} onChange={setReason} error={cancel.error} testId="cancel-commitment-reason" />
    </FormModal>
  );
}
