import { ActionIcon, Button, Checkbox, Group, NumberInput, Paper, ScrollArea, Select, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeta, useRegionChildren } from '../../../api/queries.ts';
import type { Region } from '../../../api/types.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useVillageLoader } from './queries.ts';
import { districtCountOf, mergeVillages, targetTotalOf, withSameTarget, type RoundFormVillage } from './round-rules.ts';

type Update = (update: (prev: RoundFormVillage[]) => RoundFormVillage[]) => void;

function toVillage(village: Region, district: { code: string; name: string }): RoundFormVillage {
  return { villageCode: village.code, villageName: village.name, districtCode: district.code, districtName: district.name, target: '' };
}

const targetInput = { allowDecimal: false, allowNegative: false, thousandSeparator: '.', decimalSeparator: ',', inputMode: 'numeric', min: 0, max: 1_000_000 } as const;

/**
 * The villages of a round: whole districts, single villages of a district, or every village of the
 * regency; then each chosen village's target in a compact table, or the same target for all.
 * `errorOf(path)` gives the objection to `villages` or to a row (`villages.3.target`).
 */
export function VillagePicker({ villages, setVillages, errorOf }: { villages: RoundFormVillage[]; setVillages: Update; errorOf: (path: string) => string | undefined }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const districts = useRegionChildren(meta.data?.region.code);
  const [districtCode, setDistrictCode] = useState<string | null>(null);
  const district = districts.data?.find((d) => d.code === districtCode);
  const districtVillages = useRegionChildren(districtCode ?? undefined);
  const loadVillages = useVillageLoader();
  const [loadingAll, setLoadingAll] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [sameTarget, setSameTarget] = useState<number | ''>('');
  const chosen = new Set(villages.map((v) => v.villageCode));
  const total = targetTotalOf(villages);

  /** The checkboxes of the shown district: keeps the villages ticked, with their targets, and adds the new ones. */
  const pickInDistrict = (codes: string[]) => {
    if (!district || !districtVillages.data) return;
    const added = districtVillages.data.filter((v) => codes.includes(v.code)).map((v) => toVillage(v, district));
    setVillages((prev) => mergeVillages(prev.filter((v) => v.districtCode !== district.code || codes.includes(v.villageCode)), added));
  };
  const addDistrict = () => {
    if (!district || !districtVillages.data) return;
    const added = districtVillages.data.map((v) => toVillage(v, district));
    setVillages((prev) => mergeVillages(prev, added));
  };
  const addAll = async () => {
    if (!districts.data) return;
    setLoadingAll(true);
    setLoadFailed(false);
    try {
      const lists = await Promise.all(districts.data.map(async (d) => (await loadVillages(d.code)).map((v) => toVillage(v, d))));
      setVillages((prev) => mergeVillages(prev, lists.flat()));
    } catch {
      setLoadFailed(true);
    } finally {
      setLoadingAll(false);
    }
  };
  const setTarget = (code: string, target: number | '') => setVillages((prev) => prev.map((v) => (v.villageCode === code ? { ...v, target } : v)));

  return (
    <Stack gap="xs" role="group" aria-labelledby="round-villages-title">
      <div>
        <Text size="sm" fw={500} id="round-villages-title">
          {t('cnr.form.villages')}{' '}
          <Text span c="red">
            *
          </Text>
        </Text>
        <Text size="xs" c="dimmed">
          {t('cnr.form.villagesHelp')}
        </Text>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('cnr.form.district')}
          placeholder={t('cnr.form.districtPlaceholder')}
          data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          value={districtCode}
          onChange={setDistrictCode}
          searchable
          clearable
          w={{ base: '100%', xs: 240 }}
          data-testid="round-district"
        />
        <Button variant="light" onClick={addDistrict} disabled={!districtVillages.data || !district} data-testid="round-add-district">
          {t('cnr.form.addDistrict')}
        </Button>
        <Button variant="default" onClick={() => void addAll()} loading={loadingAll} disabled={!districts.data} data-testid="round-all-villages">
          {t('cnr.form.allVillages')}
        </Button>
      </Group>
      {loadFailed && (
        <Text size="sm" c="red.8" role="alert">
          {t('cnr.form.loadFailed')}
        </Text>
      )}
      {district &&
        (districtVillages.isError ? (
          <Text size="sm" c="red.8" role="alert">
            {t('cnr.form.loadFailed')}
          </Text>
        ) : !districtVillages.data ? (
          <Skeleton h={80} radius="md" />
        ) : (
          <Paper withBorder radius="md" p="sm">
            <Checkbox.Group
              label={t('cnr.form.villagesOfDistrict', { name: district.name })}
              value={districtVillages.data.filter((v) => chosen.has(v.code)).map((v) => v.code)}
              onChange={pickInDistrict}
              data-testid="round-district-villages"
            >
              <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="xs" verticalSpacing={6} mt="xs">
                {districtVillages.data.map((v) => (
                  <Checkbox key={v.code} value={v.code} label={v.name} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </Paper>
        ))}

      <Group justify="space-between" gap="xs" mt={4}>
        <Text size="sm" fw={500} aria-live="polite" data-testid="round-villages-summary">
          {villages.length === 0
            ? t('cnr.form.noneSelected')
            : `${t('cnr.form.selected', { count: villages.length, formatted: formatNumber(villages.length), districts: formatNumber(districtCountOf(villages)) })}${
                total === null ? '' : ` · ${t('cnr.form.targetTotal', { total: formatNumber(total) })}`
              }`}
        </Text>
        {villages.length > 0 && (
          <Button variant="subtle" color="red" size="compact-sm" onClick={() => setVillages(() => [])} data-testid="round-clear-villages">
            {t('cnr.form.clearVillages')}
          </Button>
        )}
      </Group>
      {errorOf('villages') && (
        <Text size="sm" c="red.8" role="alert">
          {errorOf('villages')}
        </Text>
      )}
      {villages.length > 0 && (
        <>
          <Stack gap={4}>
            <div>
              <Text size="sm" fw={500} id="round-same-target-label">
                {t('cnr.form.sameTarget')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('cnr.form.sameTargetHelp')}
              </Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              <NumberInput
                aria-labelledby="round-same-target-label"
                value={sameTarget}
                onChange={(v) => setSameTarget(typeof v === 'number' ? v : '')}
                w={160}
                hideControls
                {...targetInput}
                data-testid="round-same-target"
              />
              <Button variant="light" onClick={() => setVillages((prev) => withSameTarget(prev, sameTarget))} data-testid="round-same-target-apply">
                {t('cnr.form.sameTargetApply')}
              </Button>
            </Group>
          </Stack>
          <Paper withBorder radius="md">
            <ScrollArea.Autosize mah={360} type="auto">
              <Table stickyHeader verticalSpacing={4} horizontalSpacing="sm" data-testid="round-villages-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th visibleFrom="xs">{t('cnr.form.colDistrict')}</Table.Th>
                    <Table.Th>{t('cnr.form.colVillage')}</Table.Th>
                    <Table.Th>{t('cnr.form.colTarget')}</Table.Th>
                    <Table.Th w={44} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {villages.map((v, i) => (
                    <Table.Tr key={v.villageCode} data-testid="round-village-row" data-code={v.villageCode}>
                      <Table.Td visibleFrom="xs" c="dimmed" fz="sm">
                        {v.districtName}
                      </Table.Td>
                      <Table.Td fz="sm">{v.villageName}</Table.Td>
                      <Table.Td>
                        <NumberInput
                          size="xs"
                          w={120}
                          hideControls
                          aria-label={`${t('cnr.form.colTarget')} · ${v.villageName}`}
                          value={v.target}
                          onChange={(value) => setTarget(v.villageCode, typeof value === 'number' ? value : '')}
                          error={errorOf(`villages.${i}.target`) ?? errorOf(`villages.${i}.villageCode`)}
                          {...targetInput}
                          data-testid="round-village-target"
                        />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          size={32}
                          aria-label={t('cnr.form.remove', { name: v.villageName })}
                          onClick={() => setVillages((prev) => prev.filter((x) => x.villageCode !== v.villageCode))}
                          data-testid="round-village-remove"
                        >
                          ✕
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Paper>
        </>
      )}
    </Stack>
  );
}
