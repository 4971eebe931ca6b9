/**
 * The village award certificate (piagam): one A4 landscape page, centred, with a double border, the
 * figures the rank rests on and two signature blocks left blank for wet signatures and stamps.
 * Aggregates only — the certificate names a village, never a person.
 */
import type { Column, Content, ContextPageSize } from 'pdfmake/interfaces';
import { renderPdf } from './pdf.ts';
import {
  formatDateId,
  formatDecimalId,
  formatNumberId,
  formatPercentId,
  formatSignedNumberId,
  regencyShortName,
} from './report-format.ts';

export interface CertificateInput {
  regencyName: string; // 'Kabupaten Lombok Timur'
  roundName: string; // 'Penghargaan Desa Peduli Jamsostek 2026'
  periodLabel: string; // 'Tahun 2026' | 'Triwulan III 2026' | 'September 2026'
  villageName: string;
  districtName: string;
  villageCode: string;
  rank: number;
  villagesRanked: number;
  score: number; // 0..100, two decimals
  coverageRegister: number | null;
  covered: number;
  workers: number;
  growth: number;
  issuedOn: string; // YYYY-MM-DD
  isDemo: boolean; // a visible "DATA DEMO — bukan piagam resmi" line and watermark
}

export const DEMO_CERTIFICATE_LINE = 'DATA DEMO — bukan piagam resmi';

const INK = '#1f3a5f';
const GOLD = '#a67c2e';
const MUTED = '#555555';
const DEMO_RED = '#c92a2a';
const NBSP = '\u00a0';

const SIDE_MARGIN = 56;
const CONTENT_WIDTH = 841.89 - 2 * SIDE_MARGIN; // A4 landscape
/** Coverage, growth, score: fixed widths so each explanation stays on one line, centred as a group. */
const FIGURE_WIDTHS = [200, 230, 150] as const;
const FIGURE_GAP = 16;
const FIGURES_INDENT = (CONTENT_WIDTH - FIGURE_WIDTHS.reduce((a, b) => a + b, 0) - 2 * FIGURE_GAP) / 2;

function border(_page: number, size: ContextPageSize): Content {
  const outer = 22;
  const inner = 30;
  return {
    canvas: [
      { type: 'rect', x: outer, y: outer, w: size.width - 2 * outer, h: size.height - 2 * outer, lineWidth: 3, lineColor: INK },
      { type: 'rect', x: inner, y: inner, w: size.width - 2 * inner, h: size.height - 2 * inner, lineWidth: 0.8, lineColor: GOLD },
    ],
  };
}

/** Long village names shrink so "DESA …" stays on one line of the page. */
function villageFontSize(name: string): number {
  if (name.length <= 22) return 30;
  if (name.length <= 32) return 24;
  return 19;
}

function figure(width: number, label: string, value: string, detail: string): Column {
  return {
    width,
    stack: [
      { text: label, fontSize: 9, color: MUTED },
      { text: value, fontSize: 17, bold: true, color: INK, margin: [0, 2, 0, 2] },
      { text: detail, fontSize: 8.5, color: MUTED },
    ],
    alignment: 'center',
  };
}

function signature(lines: string[]): Content {
  return {
    stack: [
      ...lines.map((line) => ({ text: line, bold: true, fontSize: 10.5 })),
      // room for the signature and the stamp, then a line for the printed name
      { text: ' ', margin: [0, 50, 0, 0] },
      { canvas: [{ type: 'line', x1: 40, y1: 0, x2: 250, y2: 0, lineWidth: 0.6, lineColor: '#333333' }] },
      { text: 'Nama dan tanda tangan', fontSize: 8, color: MUTED, margin: [0, 3, 0, 0] },
    ],
    alignment: 'center',
  };
}

/** Renders the award certificate of one village as a one-page A4 landscape PDF. */
export async function renderCertificatePdf(input: CertificateInput): Promise<Buffer> {
  const shortRegency = regencyShortName(input.regencyName);
  // the register may already call it "Desa …"; the certificate adds the word itself
  const villageName = input.villageName.replace(/^desa\s+/i, '');
  const village = villageName.toUpperCase();
  const rankLine = `Peringkat ${formatNumberId(input.rank)} dari ${formatNumberId(input.villagesRanked)} desa`;
  // no-break spaces keep the rank phrase on one line wherever the sentence wraps
  const rankPhrase = rankLine.replace(/ /g, NBSP);

  const content: Content[] = [];
  if (input.isDemo) {
    content.push({ text: DEMO_CERTIFICATE_LINE, bold: true, color: DEMO_RED, fontSize: 11, margin: [0, 0, 0, 4] });
  }
  content.push(
    { text: `PEMERINTAH ${input.regencyName.toUpperCase()}`, fontSize: 10.5, bold: true, color: MUTED, characterSpacing: 1 },
    { text: 'PIAGAM PENGHARGAAN', fontSize: 34, bold: true, color: INK, characterSpacing: 2, margin: [0, 16, 0, 6] },
    { text: input.roundName, fontSize: 13, color: GOLD, bold: true },
    { text: `Periode ${input.periodLabel}`, fontSize: 10, color: MUTED, margin: [0, 3, 0, 20] },
    { text: 'diberikan kepada', italics: true, fontSize: 11 },
    { text: `DESA ${village}`, fontSize: villageFontSize(village), bold: true, color: INK, margin: [0, 8, 0, 4] },
    { text: `Kecamatan ${input.districtName}, ${input.regencyName}`, fontSize: 12 },
    {
      text: [
        'atas capaiannya dalam memperluas perlindungan jaminan sosial ketenagakerjaan bagi pekerja informal ',
        'menuju Universal Coverage Jamsostek, dengan meraih ',
        { text: rankPhrase, bold: true },
        ` pada ${input.roundName}, periode ${input.periodLabel}.`,
      ],
      fontSize: 11,
      lineHeight: 1.2,
      margin: [60, 16, 60, 18],
    },
    {
      columns: [
        figure(
          FIGURE_WIDTHS[0],
          'Cakupan peserta aktif',
          formatPercentId(input.coverageRegister),
          `${formatNumberId(input.covered)} dari ${formatNumberId(input.workers)} pekerja di register`,
        ),
        figure(FIGURE_WIDTHS[1], 'Pertumbuhan', formatSignedNumberId(input.growth), 'peserta baru yang masih aktif di akhir periode'),
        figure(FIGURE_WIDTHS[2], 'Skor penilaian', formatDecimalId(input.score, 2), 'dari nilai tertinggi 100'),
      ],
      columnGap: FIGURE_GAP,
      margin: [FIGURES_INDENT, 0, 0, 24],
    },
    { text: `${shortRegency}, ${formatDateId(input.issuedOn)}`, fontSize: 10.5, margin: [0, 0, 0, 8] },
    {
      columns: [
        signature(['Kepala Dinas Tenaga Kerja dan Transmigrasi', input.regencyName]),
        signature([`Bupati ${shortRegency}`, ' ']),
      ],
      columnGap: 40,
    },
  );

  return renderPdf({
    info: {
      title: `Piagam Penghargaan — Desa ${villageName}`,
      subject: `${input.roundName}, periode ${input.periodLabel}: ${rankLine} (kode desa ${input.villageCode})`,
    },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [SIDE_MARGIN, 44, SIDE_MARGIN, 50],
    background: border,
    ...(input.isDemo ? { watermark: { text: 'DATA DEMO', color: DEMO_RED, opacity: 0.1, bold: true } } : {}),
    footer: {
      text: `Kode wilayah desa ${input.villageCode} · dibuat dengan Jaring`,
      fontSize: 7.5,
      color: MUTED,
      alignment: 'center',
      margin: [0, 8, 0, 0],
    },
    defaultStyle: { alignment: 'center', fontSize: 11, color: '#222222' },
    content,
  });
}
