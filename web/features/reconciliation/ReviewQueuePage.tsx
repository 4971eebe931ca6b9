import { Anchor, Badge, Box, Button, Group, Paper, Stack, Table, Tabs, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { occupationLabel } from '../../../core/occupations.ts';
import { useDecideReview, useReviews } from '../../api/queries.ts';
import type { ReviewItem, ReviewStatus } from '../../api/types.ts';
import { NotAllowed } from '../../components/NotAllowed.tsx';
import { PagedResults, ShowingRange } from '../../components/PagedResults.tsx';
import { PagePicker } from '../../components/PagePicker.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime, formatMonth, formatPercent } from '../../lib/format.ts';
import { pageCount, usePageParam } from '../../lib/use-page-param.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { canReconcile } from '../imports/import-rules.ts';
import { countDifferent, diffByCommonSubsequence, diffNik, groupSegments, type Segment } from './record-diff.ts';

const PAGE_SIZE = 10;
const STATUSES: ReviewStatus[] = ['pending', 'confirmed', 'rejected'];

/**
 * `/reconciliation/reviews`: pairs of a BPJS participant and a registered worker that look alike but not
 * enough to link without a person. Each pair is shown side by side with the differences marked.
 */
export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('reconciliation.reviewsTitle'));
  if (!canReconcile(user.role)) return <NotAllowed />;
  return <ReviewQueue />;
}

function ReviewQueue() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = STATUSES.find((s) => s === statusParam) ?? 'pending';
  return (
    <Stack gap="md" maw={1000}>
      <div>
        <Title order={1} size="h2">
          {t('reconciliation.reviewsTitle')}
        </Title>
        <Text c="dimmed" size="sm" maw={720}>
          {t('reconciliation.reviewsIntro')}
        </Text>
      </div>
      <Tabs
        value={status}
        onChange={(value) => setParams(value && value !== 'pending' ? { status: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('reconciliation.tabsLabel')}>
          {STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s} py="sm">
              {t(`reconciliation.tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {STATUSES.map((s) => (
          <Tabs.Panel key={s} value={s} pt="md">
            <ReviewList status={s} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function ReviewList({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  const { page, goTo } = usePageParam();
  const reviews = useReviews({ status, page, pageSize: PAGE_SIZE });
  const data = reviews.data;
  const pages = pageCount(data);
  const listRef = useRef<HTMLDivElement>(null);
  // After a decision the pair leaves the list; once it has, the focus goes to the pair that took its place.
  const [decided, setDecided] = useState<{ id: string; index: number } | null>(null);

  // Deciding the last pairs of the last page leaves it empty: step back to the new last page.
  const isPastEnd = Boolean(data && data.page === page && data.items.length === 0 && data.total > 0 && page > pages);
  useEffect(() => {
    if (isPastEnd) goTo(pages, { replace: true });
  }, [isPastEnd, pages, goTo]);

  useEffect(() => {
    if (!decided || !data || data.items.some((i) => i.id === decided.id)) return;
    const cards = listRef.current?.querySelectorAll<HTMLElement>('[data-review-card]') ?? [];
    const card = cards[Math.min(decided.index, cards.length - 1)];
    (card?.querySelector<HTMLElement>('[data-decision="confirm"]') ?? card)?.focus();
    setDecided(null);
  }, [decided, data]);

  return (
    <PagedResults query={reviews} skeletonHeight={360} empty={t(`reconciliation.empty.${status}`)} emptyRole="status">
      {(loaded) => (
        <Stack gap="sm">
          <ShowingRange data={loaded} aria-live="polite" />
          <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none', opacity: reviews.isPlaceholderData ? 0.6 : 1 }} ref={listRef}>
            {loaded.items.map((item, index) => (
              <li key={item.id}>
                <ReviewCard item={item} onDecided={() => setDecided({ id: item.id, index })} />
              </li>
            ))}
          </Stack>
          <PagePicker pages={pages} page={page} onChange={goTo} />
        </Stack>
      )}
    </PagedResults>
  );
}

// Mantine's light badges fall below 4.5:1 for small text, so the score's text colour is set (as in CoverageBadge).
function scoreTone(score: number): { color: string; text: string } {
  if (score >= 0.9) return { color: 'green', text: '#1e6b2f' };
  if (score >= 0.75) return { color: 'yellow', text: '#7a4a00' };
  return { color: 'orange', text: '#8a3300' };
}

/** One pair: what the two records say, field by field, and the decision. */
function ReviewCard({ item, onDecided }: { item: ReviewItem; onDecided: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const decide = useDecideReview();
  const [decision, setDecision] = useState<'confirm' | 'reject' | null>(null);
  const { participant: p, worker: w } = item;
  const titleId = `review-${item.id}`;

  const submit = (next: 'confirm' | 'reject') => {
    setDecision(next);
    decide.mutate(
      { id: item.id, decision: next },
      {
        onSuccess: (updated) => {
          notifications.show({
            color: updated.status === 'confirmed' ? 'green' : 'gray',
            message: t(updated.status === 'confirmed' ? 'reconciliation.confirmedNotice' : 'reconciliation.rejectedNotice', {
              name: w.name,
              kpj: p.kpj,
            }),
          });
          onDecided();
        },
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="article" aria-labelledby={titleId} data-review-card tabIndex={-1}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={2} size="h5" id={titleId} style={{ overflowWrap: 'anywhere' }}>
            {t('reconciliation.pairTitle', { participant: p.name, worker: w.name })}
          </Title>
          <Badge color={scoreTone(item.score).color} variant="light" tt="none" size="lg" style={{ flex: 'none', color: scoreTone(item.score).text }}>
            {t('reconciliation.score', { percent: formatPercent(item.score) })}
          </Badge>
        </Group>
        {item.reasons.length > 0 && (
          <Group gap={6}>
            {item.reasons.map((r) => (
              <Badge key={r.code} variant="default" tt="none" fw={500} title={r.code}>
                {r.label}
              </Badge>
            ))}
          </Group>
        )}

        <Comparison item={item} />

        {item.status === 'pending' ? (
          <Group gap="sm" justify="space-between">
            <Anchor component={Link} to={`/workers/${w.id}`} size="sm">
              {t('reconciliation.openWorker')}
            </Anchor>
            <Group gap="sm">
              <Button
                variant="outline"
                color="red"
                data-decision="reject"
                loading={decide.isPending && decision === 'reject'}
                disabled={decide.isPending || decide.isSuccess}
                onClick={() => submit('reject')}
              >
                {t('reconciliation.reject')}
              </Button>
              <Button
                color="green.8"
                data-decision="confirm"
                loading={decide.isPending && decision === 'confirm'}
                disabled={decide.isPending || decide.isSuccess}
                onClick={() => submit('confirm')}
              >
                {t('reconciliation.confirm')}
              </Button>
            </Group>
          </Group>
        ) : (
          <Group gap="sm" justify="space-between">
            <Group gap="xs">
              <Badge variant="light" color={item.status === 'confirmed' ? 'green' : 'gray'} tt="none">
                {t(`reconciliation.decidedStatus.${item.status}`)}
              </Badge>
              {item.decidedAt && (
                <Text size="sm" c="dimmed">
                  {item.decidedBy
                    ? t('reconciliation.decidedBy', { user: item.decidedBy, at: formatDateTime(item.decidedAt, lang) })
                    : t('reconciliation.decidedAt', { at: formatDateTime(item.decidedAt, lang) })}
                </Text>
              )}
            </Group>
            <Anchor component={Link} to={`/workers/${w.id}`} size="sm">
              {t('reconciliation.openWorker')}
            </Anchor>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

interface Row {
  label: string;
  participant: ReactNode;
  worker: ReactNode;
  isDifferent?: boolean;
}

/**
 * The two records side by side, one field per row. On a phone the field name goes on its own line so
 * both values keep half the width each; a NIK wraps between its groups of four.
 */
function Comparison({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  const isWide = useMediaQuery('(min-width: 36em)', undefined, { getInitialValueInEffect: false });
  const { participant: p, worker: w } = item;
  const none = <Text span c="dimmed">–</Text>;

  const [nikP, nikW] = p.nik ? diffNik(p.nik, w.nik) : [null, null];
  const [nameP, nameW] = diffByCommonSubsequence(p.name, w.name);
  const birthDiffers = p.birthDate !== null && p.birthDate !== w.birthDate;
  const villageDiffers = p.villageCode !== null && p.villageCode !== w.villageCode;
  // Marked digits on the side with more of them (a digit missing on one side is marked only on the other).
  const nikDifferent = nikP && nikW ? Math.max(countDifferent(nikP), countDifferent(nikW)) : 0;

  const rows: Row[] = [
    {
      label: t('reconciliation.nik'),
      participant: nikP ? <DiffText segments={groupSegments(nikP)} className="nik" /> : none,
      worker: nikW ? <DiffText segments={groupSegments(nikW)} className="nik" /> : <span className="nik">{w.nik}</span>,
      isDifferent: nikDifferent > 0,
    },
    {
      label: t('reconciliation.name'),
      participant: <DiffText segments={nameP} />,
      worker: <DiffText segments={nameW} />,
      isDifferent: countDifferent(nameP) + countDifferent(nameW) > 0,
    },
    {
      label: t('reconciliation.birthDate'),
      participant: p.birthDate ? <WholeDiff isDifferent={birthDiffers}>{formatDate(p.birthDate, lang)}</WholeDiff> : none,
      worker: <WholeDiff isDifferent={birthDiffers}>{formatDate(w.birthDate, lang)}</WholeDiff>,
      isDifferent: birthDiffers,
    },
    {
      label: t('reconciliation.village'),
      participant: p.villageName || p.villageCode ? <WholeDiff isDifferent={villageDiffers}>{p.villageName ?? p.villageCode}</WholeDiff> : none,
      worker: <WholeDiff isDifferent={villageDiffers}>{w.villageName}</WholeDiff>,
      isDifferent: villageDiffers,
    },
    {
      // What only one side knows, compactly: it helps to decide but has nothing to compare with.
      label: t('reconciliation.otherDetails'),
      participant: (
        <Facts
          items={[
            [t('reconciliation.kpj'), <span className="nik" key="kpj">{p.kpj}</span>],
            [t('reconciliation.programs'), p.programs.length ? p.programs.join(', ') : '–'],
            [t('reconciliation.bpjsStatus'), t(`reconciliation.participantStatus.${p.status}`)],
            [t('reconciliation.paidUntil'), p.paidUntil ? formatMonth(p.paidUntil, lang) : '–'],
          ]}
        />
      ),
      worker: (
        <Facts
          items={[
            [t('reconciliation.sex'), t(`workers.sexLabel.${w.sex}`)],
            [t('reconciliation.occupation'), occupationLabel(w.occupation, lang)],
          ]}
        />
      ),
    },
  ];

  const labelCell = (row: Row, colSpan?: number) => (
    <Table.Th scope={colSpan ? 'colgroup' : 'row'} colSpan={colSpan} fw={500} c="dimmed" fz="sm" pb={colSpan ? 0 : undefined}>
      {row.label}
      {row.isDifferent && (
        <>
          {' '}
          <Badge size="xs" color="red" variant="light" tt="none" aria-hidden>
            ≠
          </Badge>
          <VisuallyHidden>({t('reconciliation.differs')})</VisuallyHidden>
        </>
      )}
    </Table.Th>
  );

  return (
    <Box style={{ borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--mantine-color-gray-3)', overflow: 'hidden' }}>
      <Table layout="fixed" verticalSpacing={6} horizontalSpacing="sm" style={{ verticalAlign: 'top' }}>
        {isWide && (
          <colgroup>
            <col style={{ width: '9.5rem' }} />
            <col />
            <col />
          </colgroup>
        )}
        <Table.Thead bg="gray.0">
          <Table.Tr>
            {isWide && <Table.Td />}
            <Table.Th scope="col">{t('reconciliation.participant')}</Table.Th>
            <Table.Th scope="col">{t('reconciliation.worker')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.flatMap((row) => {
            const values = (
              <>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.participant}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.worker}</Table.Td>
              </>
            );
            return isWide
              ? [
                  <Table.Tr key={row.label}>
                    {labelCell(row)}
                    {values}
                  </Table.Tr>,
                ]
              : [
                  <Table.Tr key={`${row.label}-label`} style={{ borderBottom: 0 }}>
                    {labelCell(row, 2)}
                  </Table.Tr>,
                  <Table.Tr key={row.label}>{values}</Table.Tr>,
                ];
          })}
        </Table.Tbody>
      </Table>
      {nikDifferent > 0 && (
        <Text size="xs" c="dimmed" px="sm" pb={6}>
          {t('reconciliation.nik')}: {t('reconciliation.differentDigits', { count: nikDifferent })}
        </Text>
      )}
    </Box>
  );
}

// Marked characters: a tint, dark text and an underline, so the mark does not rely on colour alone.
const MARK_STYLE = {
  background: 'var(--mantine-color-red-1)',
  color: 'var(--mantine-color-red-9)',
  textDecoration: 'underline',
  textDecorationThickness: 2,
  textUnderlineOffset: 2,
  borderRadius: 2,
  padding: '0 1px',
} as const;

function DiffText({ segments, className }: { segments: Segment[]; className?: string }) {
  return (
    <span className={className} style={className === 'nik' ? { whiteSpace: 'normal' } : undefined}>
      {segments.map((s, i) =>
        s.isDifferent ? (
          <mark key={i} style={MARK_STYLE}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}

function WholeDiff({ isDifferent, children }: { isDifferent: boolean; children: ReactNode }) {
  return isDifferent ? <mark style={MARK_STYLE}>{children}</mark> : <>{children}</>;
}

/** Small `label: value` lines inside one cell. */
function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <Stack gap={2}>
      {items.map(([label, value]) => (
        <Text key={label} size="sm">
          <Text span c="dimmed" size="sm">
            {label}:
          </Text>{' '}
          {value}
        </Text>
      ))}
    </Stack>
  );
}
