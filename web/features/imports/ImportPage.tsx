import { Alert, Box, Button, Group, Modal, Paper, Progress, Radio, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Dropzone, MIME_TYPES, type FileRejection } from '@mantine/dropzone';
import { useWindowEvent } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate, useSearchParams } from 'react-router';
import { useMeta, usePreviewImport, useRegionChildren, useStartImport } from '../../api/queries.ts';
import type { ImportKind } from '../../api/types.ts';
import { isAbortError, type UploadProgress } from '../../api/upload.ts';
import { NotAllowed } from '../../components/NotAllowed.tsx';
import { formatFileSize } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { importKindsFor } from './import-rules.ts';
import { PreviewSummary } from './PreviewSummary.tsx';

/** The largest file the app offers to send; the server has its own limit as well. */
/** Until the server's own limit (GET /api/meta) is known. */
const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const FILE_EXTENSIONS = ['.csv', '.xlsx'];
// Windows names CSV files `application/vnd.ms-excel` and some phones give no type at all, so the
// extension decides (validator below); the MIME types only steer the file picker and the drag state.
const ACCEPT = {
  [MIME_TYPES.csv]: ['.csv'],
  [MIME_TYPES.xls]: ['.csv'],
  [MIME_TYPES.xlsx]: ['.xlsx'],
};

/**
 * `/imports`: choose what to import, drop a file, see how Jaring reads it (layout and column mapping,
 * checked by the server without writing anything), then send it for import and follow the job.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('imports.title'));
  const kinds = importKindsFor(user.role);
  if (kinds.length === 0) return <NotAllowed />;
  return <ImportForm kinds={kinds} />;
}

function ImportForm({ kinds }: { kinds: ImportKind[] }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = kinds.find((k) => k === kindParam) ?? kinds[0]!;
  const [village, setVillage] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const maxUploadBytes = useMeta().data?.importMaxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;

  const preview = usePreviewImport();
  const start = useStartImport();
  const [previewProgress, setPreviewProgress] = useState<UploadProgress | null>(null);
  const [startProgress, setStartProgress] = useState<UploadProgress | null>(null);
  const startAbort = useRef<AbortController | null>(null);
  // Read when a navigation starts: the mutation state of the last render may still say "pending" when
  // the upload's own success navigates to the job.
  const isSending = useRef(false);

  // Only census files take a village; a village operator's is their own.
  const uploadVillage = kind !== 'workers' ? null : user.role === 'village' ? user.regionCode : village;
  const isUploading = start.isPending;

  // Every change of file, kind or village asks the server again: the layout and the required columns
  // depend on all three. A newer request cancels the one still on its way.
  const { mutate: requestPreview, reset: resetPreview } = preview;
  const { reset: resetStart } = start;
  useEffect(() => {
    resetPreview();
    resetStart(); // a failed start belongs to the file it was for
    if (!file) return;
    const controller = new AbortController();
    setPreviewProgress(null);
    requestPreview({ kind, file, village: uploadVillage, signal: controller.signal, onProgress: setPreviewProgress });
    return () => controller.abort();
  }, [file, kind, uploadVillage, requestPreview, resetPreview, resetStart]);

  // Leaving mid-upload would throw the upload away: ask first, and cancel it when the page goes.
  const blocker = useBlocker(() => isSending.current);
  useWindowEvent('beforeunload', (event) => {
    if (isUploading) event.preventDefault();
  });
  useEffect(() => () => startAbort.current?.abort(), []);

  const setKind = (next: ImportKind) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('kind', next);
        return p;
      },
      { replace: true },
    );

  const begin = () => {
    if (!file) return;
    const controller = new AbortController();
    startAbort.current = controller;
    isSending.current = true;
    setStartProgress(null);
    start.mutate(
      { kind, file, village: uploadVillage, signal: controller.signal, onProgress: setStartProgress },
      {
        onSuccess: ({ id }) => {
          isSending.current = false;
          void navigate(`/imports/${id}`);
        },
        onError: () => {
          isSending.current = false;
        },
      },
    );
  };
  const cancelStart = () => {
    isSending.current = false;
    startAbort.current?.abort();
    start.reset();
  };

  const onReject = (rejections: FileRejection[]) => {
    setFile(null);
    const first = rejections[0];
    const size = formatFileSize(maxUploadBytes);
    if (!first || rejections.length > 1 || first.errors.some((e) => e.code === 'too-many-files')) setFileProblem(t('imports.rejectMany'));
    else if (first.errors.some((e) => e.code === 'file-too-large')) setFileProblem(t('imports.rejectTooLarge', { name: first.file.name, size }));
    else setFileProblem(t('imports.rejectType', { name: first.file.name }));
  };

  const previewData = preview.data;
  const canStart = Boolean(file && previewData && previewData.missing.length === 0 && !preview.isPending);
  const previewError = preview.error && !isAbortError(preview.error) ? preview.error : null;
  const startError = start.error && !isAbortError(start.error) ? start.error : null;

  return (
    <Stack gap="md" maw={960}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={1} size="h2">
            {t('imports.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={640}>
            {t('imports.intro')}
          </Text>
        </div>
        <Button component={Link} to="/imports/history" variant="light">
          {t('imports.historyLink')}
        </Button>
      </Group>

      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <Stack gap="md">
          {kinds.length > 1 ? (
            <Radio.Group label={t('imports.kindLabel')} value={kind} onChange={(v) => setKind(v as ImportKind)} size="md">
              <Stack gap="sm" mt="xs">
                {kinds.map((k) => (
                  <Radio key={k} value={k} label={t(`imports.kind.${k}`)} description={t(`imports.kindHint.${k}`)} disabled={isUploading} size="md" />
                ))}
              </Stack>
            </Radio.Group>
          ) : (
            <div>
              <Text fw={600}>{t('imports.kindLabel')}</Text>
              <Text>{t(`imports.kind.${kind}`)}</Text>
              <Text size="sm" c="dimmed">
                {t(`imports.kindHint.${kind}`)}
              </Text>
            </div>
          )}

          {kind === 'workers' &&
            (user.role === 'admin' ? (
              <VillagePicker value={village} onChange={setVillage} disabled={isUploading} />
            ) : (
              <TextInput
                label={t('form.village')}
                value={user.regionName}
                readOnly
                description={t('imports.villageFixed')}
                inputWrapperOrder={['label', 'input', 'description']}
                maw={{ sm: 360 }}
              />
            ))}

          <div>
            <Text fw={600} mb={4}>
              {t('imports.fileLabel')}
            </Text>
            <Dropzone
              onDrop={(files) => {
                setFileProblem(null);
                setFile(files[0] ?? null);
              }}
              onReject={onReject}
              accept={ACCEPT}
              validator={(f) =>
                FILE_EXTENSIONS.some((ext) => f.name.toLowerCase().endsWith(ext)) ? null : { code: 'file-invalid-type', message: 'CSV/XLSX' }
              }
              maxSize={maxUploadBytes}
              multiple={false}
              disabled={isUploading}
              role="button"
              aria-describedby={fileProblem ? 'import-file-problem' : undefined}
              radius="md"
              p="lg"
            >
              <Stack gap={4} align="center" ta="center" mih={88} justify="center" style={{ pointerEvents: 'none' }}>
                <Dropzone.Accept>
                  <Text fw={600}>{t('imports.dropAccept')}</Text>
                </Dropzone.Accept>
                <Dropzone.Reject>
                  <Text fw={600} c="red.8">
                    {t('imports.dropReject', { size: formatFileSize(maxUploadBytes) })}
                  </Text>
                </Dropzone.Reject>
                <Dropzone.Idle>
                  {file ? (
                    <>
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {file.name}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {formatFileSize(file.size)} · {t('imports.changeFile')}
                      </Text>
                    </>
                  ) : (
                    <>
                      <Text fw={600}>{t('imports.dropTitle')}</Text>
                      <Text size="sm" c="dimmed">
                        {t('imports.dropHint', { size: formatFileSize(maxUploadBytes) })}
                      </Text>
                    </>
                  )}
                </Dropzone.Idle>
              </Stack>
            </Dropzone>
            {fileProblem && (
              <Text c="red.8" size="sm" mt={4} role="alert" id="import-file-problem">
                {fileProblem}
              </Text>
            )}
          </div>

          {kind === 'workers' && (
            <div>
              <Text fw={600}>{t('imports.template')}</Text>
              <Text size="sm" c="dimmed" mb={6}>
                {t('imports.templateHint')}
              </Text>
              <Group gap="xs">
                <Button component="a" href="/api/imports/template?format=xlsx" download variant="light">
                  {t('imports.templateXlsx')}
                </Button>
                <Button component="a" href="/api/imports/template?format=csv" download variant="light">
                  {t('imports.templateCsv')}
                </Button>
              </Group>
            </div>
          )}
        </Stack>
      </Paper>

      {file && preview.isPending && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
          <UploadBar progress={previewProgress} label={(p) => (p.isSent ? t('imports.checking') : t('imports.uploadingPreview', { percent: p.percent }))} />
        </Paper>
      )}

      {previewError && (
        <Alert color="red" variant="light" title={t('imports.previewFailed')} role="alert">
          {previewError.message}
        </Alert>
      )}

      {file && previewData && (
        <>
          <PreviewSummary preview={previewData} />
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="sm">
              {startError && (
                <Alert color="red" variant="light" title={t('imports.startFailed')} role="alert">
                  {startError.message}
                </Alert>
              )}
              {isUploading ? (
                <Group gap="sm" align="flex-end" wrap="nowrap">
                  <Box style={{ flex: 1 }} miw={0}>
                    <UploadBar progress={startProgress} label={(p) => (p.isSent ? t('imports.handingOver') : t('imports.uploading', { percent: p.percent }))} />
                  </Box>
                  <Button variant="default" onClick={cancelStart}>
                    {t('imports.cancelUpload')}
                  </Button>
                </Group>
              ) : (
                <Group>
                  <Button size="md" onClick={begin} disabled={!canStart}>
                    {t('imports.start')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        </>
      )}

      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={<Text fw={700}>{t('imports.leaveTitle')}</Text>}
        centered
        closeButtonProps={{ size: 'lg', 'aria-label': t('imports.stay') }}
      >
        <Stack>
          <Text>{t('imports.leaveBody')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              {t('imports.stay')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                cancelStart();
                blocker.proceed?.();
              }}
            >
              {t('imports.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** An upload under way: how much is sent, then an animated bar while the server reads what it got. */
function UploadBar({ progress, label }: { progress: UploadProgress | null; label: (p: UploadProgress) => string }) {
  const p = progress ?? { loaded: 0, total: 0, percent: 0, isSent: false };
  const text = label(p);
  return (
    <Stack gap={6}>
      <Text size="sm" aria-live="polite">
        {text}
      </Text>
      <Progress value={p.isSent ? 100 : p.percent} animated={p.isSent} size="lg" radius="xl" aria-label={text} />
    </Stack>
  );
}

/** Admin only: a district, then one of its villages; both may stay empty when rows carry their own village code. */
function VillagePicker({ value, onChange, disabled }: { value: string | null; onChange: (village: string | null) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const [district, setDistrict] = useState<string | null>(null);
  const districts = useRegionChildren(meta.data?.region.code);
  const villages = useRegionChildren(district ?? undefined);
  return (
    <div>
      <Text fw={600}>{t('imports.village')}</Text>
      <Text size="sm" c="dimmed" mb={4}>
        {t('imports.villageHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('form.district')}
          placeholder={t('imports.districtPlaceholder')}
          searchable
          clearable
          disabled={disabled}
          data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          value={district}
          onChange={(code) => {
            setDistrict(code);
            onChange(null);
          }}
          nothingFoundMessage="–"
        />
        <Select
          label={t('form.village')}
          placeholder={t('imports.villagePlaceholder')}
          searchable
          clearable
          disabled={disabled || !district}
          data={(villages.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          value={value}
          onChange={onChange}
          nothingFoundMessage="–"
        />
      </SimpleGrid>
    </div>
  );
}
