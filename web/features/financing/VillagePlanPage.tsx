import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { occupationLabel } from '../../../core/occupations.ts';
import { DEFAULT_PRIORITY_RULES, type PriorityRules } from '../../../core/prioritise.ts';
import {
  useCreateCommitments,
  usePlan,
  useProposal,
  type CommitmentCreateResponse,
  type PaymentDetail,
  type PlanResponse,
  type ProposalResponse,
} from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatMonth, formatNumber, formatRupiah, groupNik } from '../../lib/format.ts';
import { useCurrentUser } from '../auth/session.ts';
import { canSeePlan, defaultPeriod, tickedTotal } from './financing-rules.ts';
import { PaymentForm, PaymentRecordedAlert, type PaymentTarget } from './PaymentForm.tsx';
import { FormSection, RupiahInput } from './forms.tsx';
import { ApiErrorAlert, GuardedPage, MonthSelect, Money, PageHeader, RegionScopePicker, YearSelect, fieldErrorOf, fundingKindLabel, useThisMonth, useToday } from './shared.tsx';

type PlanSource = PlanResponse['sources'][number];
type Candidate = ProposalResponse['candidates'][number];

/** `/pembiayaan/rencana`: a village's budgets for a year, who to fund first, the plan saved and paid. */
export default function VillagePlanPage() {
  return (
    <GuardedPage title="fin.planTitle" canSee={canSeePlan}>
      <VillagePlan />
    </GuardedPage>
  );
}

function VillagePlan() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const today = useToday();
  const isVillageUser = user.regionCode.split('.').length === 4;
  const [village, setVillage] = useState(isVillageUser ? user.regionCode : '');
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const villageCode = village.split('.').length === 4 ? village : '';
  const plan = usePlan({ village: villageCode, year });

  return (
    <Stack gap="md">
      <PageHeader title={t('fin.planTitle')} intro={t('fin.planIntro')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <RegionScopePicker value={village} onChange={setVillage} villageOnly />
        <YearSelect value={year} onChange={setYear} />
      </Group>

      {!villageCode ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center">
            {t('fin.pickVillage')}
          </Text>
        </Paper>
      ) : plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
      ) : !plan.data ? (
        <Skeleton h={320} radius="md" />
      ) : (
        // A new village or year starts a new proposal.
        <PlanView key={`${plan.data.villageCode}-${plan.data.fiscalYear}`} plan={plan.data} />
      )}
    </Stack>
  );
}

function PlanView({ plan }: { plan: PlanResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const managed = plan.sources.filter((s) => s.canManage && s.kind !== 'SELF');
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2} size="h3">
          {t('fin.planFor', { village: plan.villageName, year: plan.fiscalYear })}
        </Title>
        <Button component={Link} to={`/pembiayaan/komitmen?region=${plan.villageCode}&year=${plan.fiscalYear}`} variant="light" size="sm" data-testid="open-commitments">
          {t('fin.openCommitments')}
        </Button>
      </Group>
      <WorkerCounts plan={plan} />
      {plan.sources.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center">
            {t('fin.noSources')}
          </Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" data-testid="plan-sources">
          {plan.sources.map((s) => (
            <SourceCard key={s.id} source={s} plan={plan} />
          ))}
        </SimpleGrid>
      )}
      <Text size="xs" c="dimmed">
        {t('fin.costPerWorkerNote', { amount: formatRupiah(plan.costPerWorkerRestOfYear), from: formatMonth(plan.restFromMonth, lang) })}
      </Text>
      {managed.length > 0 ? (
        <ProposalSection plan={plan} sources={managed} />
      ) : (
        <Alert color="gray" variant="light">
          {t('fin.noManagedSource')}
        </Alert>
      )}
    </Stack>
  );
}

function WorkerCounts({ plan }: { plan: PlanResponse }) {
  const { t } = useTranslation();
  const items: [string, number, string][] = [
    [t('fin.countTotal'), plan.workers.total, 'total'],
    [t('fin.countCovered'), plan.workers.covered, 'covered'],
    [t('fin.countFunded'), plan.workers.funded, 'funded'],
    [t('fin.countUncovered'), plan.workers.uncovered, 'uncovered'],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {items.map(([label, value, key]) => (
        <Paper key={key} withBorder radius="md" p="sm" data-testid={`count-${key}`}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={700} size="xl">
            {formatNumber(value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function SourceCard({ source: s, plan }: { source: PlanSource; plan: PlanResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows: [string, number | null][] = [
    [t('fin.budget'), s.budget?.amount ?? null],
    [t('fin.committed'), s.committed],
    [t('fin.paid'), s.paid],
    [t('fin.remaining'), s.remaining],
  ];
  return (
    <Paper withBorder radius="md" p="sm" data-testid={`plan-source-${s.kind}`}>
      <Text fw={700}>{s.name}</Text>
      <Text size="xs" c="dimmed" mb="xs">
        {fundingKindLabel(s.kind, lang)} · {s.regionName}
      </Text>
      <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: '1fr max-content', columnGap: 12, rowGap: 2 }}>
        {rows.map(([label, value]) => (
          <Box key={label} style={{ display: 'contents' }}>
            <Text component="dt" size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0} ta="right">
              <Money value={value} />
            </Text>
          </Box>
        ))}
      </Box>
      <Text size="sm" mt="xs">
        {t('fin.villageFunded', { count: s.villageWorkers, workers: formatNumber(s.villageWorkers), amount: formatRupiah(s.villageCommitted) })}
      </Text>
      {s.moreWorkersCoverable !== null && (
        <Text size="sm" fw={600} c={s.moreWorkersCoverable > 0 ? 'green.9' : 'orange.9'} data-testid="more-workers">
          {t('fin.moreWorkers', { workers: formatNumber(s.moreWorkersCoverable), month: formatMonth(`${plan.fiscalYear}-12`, lang) })}
        </Text>
      )}
    </Paper>
  );
}

interface ProposalAsked {
  sourceId: string;
  fromMonth: string;
  toMonth: string;
  programs: ('JKK' | 'JKM' | 'JHT')[];
}

function ProposalSection({ plan, sources }: { plan: PlanResponse; sources: PlanSource[] }) {
  const { t } = useTranslation();
  const thisMonth = useThisMonth();
  const period = defaultPeriod(plan.fiscalYear, thisMonth);
  const [sourceId, setSourceId] = useState(sources[0]?.id ?? '');
  const [fromMonth, setFromMonth] = useState(plan.restFromMonth || period.fromMonth);
  const [toMonth, setToMonth] = useState(period.toMonth);
  const [budget, setBudget] = useState<number | ''>('');
  const [withJht, setWithJht] = useState(false);
  const [rules, setRules] = useState<PriorityRules>(DEFAULT_PRIORITY_RULES);
  const proposal = useProposal();
  const [asked, setAsked] = useState<ProposalAsked | null>(null);
  const source = sources.find((s) => s.id === sourceId);

  const onSubmit = () => {
    const programs: ProposalAsked['programs'] = withJht ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'];
    const body = { sourceId, villageCode: plan.villageCode, fromMonth, toMonth, programs, rules, budget: budget === '' ? undefined : budget };
    proposal.mutate(body, { onSuccess: () => setAsked({ sourceId, fromMonth, toMonth, programs }) });
  };
  const setRule = <K extends keyof PriorityRules>(key: K, value: PriorityRules[K]) => setRules((r) => ({ ...r, [key]: value }));

  return (
    <Stack gap="md">
      <FormSection titleId="proposal-title" title={t('fin.proposalTitle')} intro={t('fin.proposalIntro')} onSubmit={onSubmit}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <Select
            label={t('fin.source')}
            data={sources.map((s) => ({ value: s.id, label: `${s.name} (${s.kind})` }))}
            value={sourceId || null}
            onChange={(id) => id && setSourceId(id)}
            allowDeselect={false}
            error={fieldErrorOf(proposal.error, 'sourceId')}
            data-testid="proposal-source"
          />
          <MonthSelect label={t('fin.fromMonth')} value={fromMonth} onChange={setFromMonth} error={fieldErrorOf(proposal.error, 'fromMonth')} testId="proposal-from" />
          <MonthSelect label={t('fin.toMonth')} value={toMonth} onChange={setToMonth} error={fieldErrorOf(proposal.error, 'toMonth')} testId="proposal-to" />
          <RupiahInput
            label={t('fin.proposalBudget')}
            placeholder={source?.remaining != null ? formatRupiah(source.remaining) : undefined}
            description={t('fin.proposalBudgetHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            inputMode="numeric"
            value={budget}
            onChange={setBudget}
            error={fieldErrorOf(proposal.error, 'budget')}
            data-testid="proposal-budget"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Switch
            label={t('fin.ruleMaxAge')}
            checked={rules.maxAge !== null}
            onChange={(e) => setRule('maxAge', e.currentTarget.checked ? 65 : null)}
            data-testid="rule-max-age"
          />
          <Switch label={t('fin.ruleHazardous')} checked={rules.hazardousFirst} onChange={(e) => setRule('hazardousFirst', e.currentTarget.checked)} data-testid="rule-hazardous" />
          <Switch label={t('fin.ruleDependants')} checked={rules.dependantsFirst} onChange={(e) => setRule('dependantsFirst', e.currentTarget.checked)} data-testid="rule-dependants" />
          <Switch label={t('fin.ruleExcludeFunded')} checked={rules.excludeFunded} onChange={(e) => setRule('excludeFunded', e.currentTarget.checked)} data-testid="rule-exclude-funded" />
          <Switch label={t('fin.ruleExcludeCovered')} checked={rules.excludeCovered} onChange={(e) => setRule('excludeCovered', e.currentTarget.checked)} />
          <Switch label={t('fin.withJht')} checked={withJht} onChange={(e) => setWithJht(e.currentTarget.checked)} />
        </SimpleGrid>
        <ApiErrorAlert error={proposal.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={proposal.isPending} disabled={!sourceId} data-testid="proposal-submit">
            {t('fin.makeProposal')}
          </Button>
        </Group>
      </FormSection>
      {proposal.data && asked && (
        // A fresh proposal starts fresh ticks.
        <ProposalResult key={`${asked.sourceId}-${asked.fromMonth}-${asked.toMonth}-${proposal.submittedAt}`} proposal={proposal.data} asked={asked} source={sources.find((s) => s.id === asked.sourceId)} plan={plan} />
      )}
    </Stack>
  );
}

function ProposalResult({ proposal, asked, source, plan }: { proposal: ProposalResponse; asked: ProposalAsked; source: PlanSource | undefined; plan: PlanResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [ticked, setTicked] = useState(() => new Set(proposal.candidates.filter((c) => c.selected).map((c) => c.workerId)));
  const [handoverToSelf, setHandoverToSelf] = useState(false);
  const commit = useCreateCommitments();
  const [committed, setCommitted] = useState<CommitmentCreateResponse | null>(null);
  const [payment, setPayment] = useState<PaymentDetail | null>(null);
  const sum = useMemo(() => tickedTotal(proposal.candidates, ticked, proposal.budget), [proposal, ticked]);
  const share = proposal.budget > 0 ? Math.min(100, (sum.total / proposal.budget) * 100) : sum.total > 0 ? 100 : 0;

  const toggle = (workerId: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(workerId);
      else next.delete(workerId);
      return next;
    });

  const save = () =>
    commit.mutate(
      { sourceId: asked.sourceId, workerIds: [...ticked], fromMonth: asked.fromMonth, toMonth: asked.toMonth, programs: asked.programs, handoverToSelf },
      { onSuccess: setCommitted },
    );

  const paymentTarget: PaymentTarget | null = committed
    ? {
        sourceId: asked.sourceId,
        sourceName: source?.name ?? '',
        workerIds: [...new Set(committed.items.map((c) => c.workerId))],
        fromMonth: committed.items.reduce((min, c) => (c.fromMonth < min ? c.fromMonth : min), asked.fromMonth),
        toMonth: committed.items.reduce((max, c) => (c.toMonth > max ? c.toMonth : max), asked.toMonth),
        expectedAmount: committed.totalAmount,
      }
    : null;

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} data-testid="proposal-result">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" gap="sm">
            <div>
              <Title order={2} size="h4">
                {t('fin.candidatesTitle', { count: proposal.candidates.length, n: formatNumber(proposal.candidates.length) })}
              </Title>
              <Text size="sm" c="dimmed">
                {t('fin.proposalSummary', {
                  selected: formatNumber(proposal.selectedCount),
                  cost: formatRupiah(proposal.selectedCost),
                  perWorker: formatRupiah(proposal.costPerWorker),
                  from: formatMonth(asked.fromMonth, lang),
                  to: formatMonth(asked.toMonth, lang),
                })}
              </Text>
            </div>
          </Group>
          <Box aria-live="polite" data-testid="running-total">
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600}>
                {t('fin.tickedTotal', { count: sum.count, n: formatNumber(sum.count), amount: formatRupiah(sum.total) })}
              </Text>
              <Text size="sm" c={sum.overBudget ? 'red.8' : 'dimmed'} fw={sum.overBudget ? 700 : undefined}>
                {sum.overBudget
                  ? t('fin.overBudget', { amount: formatRupiah(-sum.left), budget: formatRupiah(proposal.budget) })
                  : t('fin.leftOfBudget', { amount: formatRupiah(sum.left), budget: formatRupiah(proposal.budget) })}
              </Text>
            </Group>
            <Progress value={share} color={sum.overBudget ? 'red' : 'jaring'} mt={4} aria-label={t('fin.budgetUsed')} />
          </Box>
          {proposal.candidates.length === 0 ? (
            <Text c="dimmed" ta="center">
              {t('fin.noCandidates')}
            </Text>
          ) : (
            <CandidateTable candidates={proposal.candidates} ticked={ticked} onToggle={toggle} disabled={committed !== null} />
          )}
          {!committed && (
            <>
              <Checkbox label={t('fin.handoverToSelf')} description={t('fin.handoverToSelfHint')} checked={handoverToSelf} onChange={(e) => setHandoverToSelf(e.currentTarget.checked)} />
              <ApiErrorAlert error={commit.error} title={t('fin.commitRefused')} />
              <Group justify="flex-end">
                <Button onClick={save} loading={commit.isPending} disabled={sum.count === 0} data-testid="commit-plan">
                  {t('fin.savePlan')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Paper>

      {committed && (
        <Alert color="green" variant="light" role="status" title={t('fin.planSaved')} data-testid="plan-saved">
          {t('fin.planSavedBody', {
            workers: formatNumber(new Set(committed.items.map((c) => c.workerId)).size),
            amount: formatRupiah(committed.totalAmount),
            enrolled: formatNumber(committed.enrolledWorkers),
          })}
        </Alert>
      )}
      {paymentTarget && !payment && <PaymentForm target={paymentTarget} onRecorded={setPayment} />}
      {payment && (
        <PaymentRecordedAlert payment={payment}>
          <Group gap="sm">
            <Button component={Link} to={`/regions/${plan.villageCode}`} variant="light" size="sm" data-testid="open-village-workers">
              {t('fin.openVillageWorkers')}
            </Button>
            <Button component={Link} to={`/pembiayaan/pembayaran?payment=${payment.id}`} variant="subtle" size="sm">
              {t('fin.openPayment')}
            </Button>
          </Group>
        </PaymentRecordedAlert>
      )}
    </Stack>
  );
}

function CandidateTable({
  candidates,
  ticked,
  onToggle,
  disabled,
}: {
  candidates: Candidate[];
  ticked: Set<string>;
  onToggle: (workerId: string, on: boolean) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  let running = 0;
  return (
    <TableCard minWidth={980} verticalSpacing="xs" horizontalSpacing="sm" style={{ verticalAlign: 'top' }} data-testid="candidates-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={40}>
            <VisuallyHidden>{t('fin.tick')}</VisuallyHidden>
          </Table.Th>
          <Table.Th>#</Table.Th>
          <Table.Th>{t('workers.name')}</Table.Th>
          <Table.Th>{t('fin.ageOccupation')}</Table.Th>
          <Table.Th>{t('fin.dependantsShort')}</Table.Th>
          <Table.Th>{t('fin.reasons')}</Table.Th>
          <Table.Th ta="right">{t('fin.cost')}</Table.Th>
          <Table.Th ta="right">{t('fin.runningTotal')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {candidates.map((c, i) => {
          const isTicked = ticked.has(c.workerId);
          if (isTicked) running += c.cost;
          // Paying twice for a month, or for a month already paid, is refused anyway.
          const blocked = c.reasons.includes('funded_elsewhere') || c.reasons.includes('already_covered');
          return (
            <Table.Tr key={c.workerId} bg={isTicked ? 'var(--mantine-color-green-0)' : undefined} data-testid="candidate-row" data-selected={isTicked}>
              <Table.Td>
                <Checkbox
                  checked={isTicked}
                  disabled={disabled || (blocked && !isTicked)}
                  onChange={(e) => onToggle(c.workerId, e.currentTarget.checked)}
                  aria-label={t('fin.tickWorker', { name: c.name })}
                  data-testid={`candidate-${c.workerId}`}
                />
              </Table.Td>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={600} c={c.eligible ? undefined : 'dimmed'}>
                  <Link to={`/workers/${c.workerId}`} style={{ color: 'inherit' }}>
                    {c.name}
                  </Link>
                </Text>
                <Text size="xs" c="dimmed" className="nik">
                  {groupNik(c.nik)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t('fin.ageYears', { age: c.age })}</Text>
                <Text size="xs" c="dimmed">
                  {occupationLabel(c.occupation, lang)}
                </Text>
              </Table.Td>
              <Table.Td>{c.dependants === null ? '–' : formatNumber(c.dependants)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {c.reasons.map((r) => (
                    <Badge key={r} size="sm" tt="none" radius="sm" variant="light" color={REASON_COLORS[r] ?? 'gray'}>
                      {REASON_KEYS.has(r) ? t(`fin.reason.${r as ReasonCode}`) : r}
                    </Badge>
                  ))}
                  {c.fundedBy && (
                    <Text size="xs" c="dimmed">
                      {t('fin.fundedBy', { source: c.fundedBy })}
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                <Money value={c.cost} />
              </Table.Td>
              <Table.Td ta="right">{isTicked ? <Money value={running} /> : <Text size="sm" c="dimmed">–</Text>}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </TableCard>
  );
}

type ReasonCode = 'hazardous' | 'dependants' | 'older' | 'age_over_limit' | 'funded_elsewhere' | 'already_covered';
const REASON_KEYS = new Set<string>(['hazardous', 'dependants', 'older', 'age_over_limit', 'funded_elsewhere', 'already_covered']);
const REASON_COLORS: Record<string, string> = {
  hazardous: 'orange',
  dependants: 'grape',
  older: 'blue',
  age_over_limit: 'gray',
  funded_elsewhere: 'red',
  already_covered: 'green',
};
