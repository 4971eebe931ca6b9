/**
 * Reads back the PDFs Jaring renders (server/domains/reports/pdf.ts) so tests can check what a reader
 * sees. Not a general PDF parser: it expects plain `N 0 obj … endobj` objects (no object streams, no
 * encryption) and standard fonts with WinAnsi encoding, which is what pdfkit writes for us.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  body: string;
  stream: string | null;
}

/** Windows-1252 bytes 0x80–0x9F (WinAnsiEncoding) that differ from Latin-1: dashes, quotes, euro… */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š',
  0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
  0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function decodeWinAnsi(bytes: number[]): string {
  return bytes.map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join('');
}

/** Text strings outside content streams (the Info dictionary): UTF-16BE with a BOM, or PDFDocEncoding (≈ Latin-1). */
function decodeTextString(bytes: number[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  }
  return decodeWinAnsi(bytes);
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };

/** Reads a literal string starting at `source[start] === '('`; returns its bytes and the index after `)`. */
function readLiteral(source: string, start: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  let depth = 1;
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (next in ESCAPES) {
        bytes.push(ESCAPES[next]!);
        i += 2;
      } else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1, i + 4))![0];
        bytes.push(parseInt(octal, 8) & 0xff);
        i += 1 + octal.length;
      } else if (next === '\r' || next === '\n') {
        // a backslash before a line break continues the string on the next line
        i += next === '\r' && source[i + 2] === '\n' ? 3 : 2;
      } else {
        bytes.push(next.charCodeAt(0));
        i += 2;
      }
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return { bytes, end: i + 1 };
    bytes.push(c.charCodeAt(0) & 0xff);
    i++;
  }
  return { bytes, end: i };
}

function readHex(source: string, start: number): { bytes: number[]; end: number } {
  const close = source.indexOf('>', start);
  let hex = source.slice(start + 1, close).replace(/\s+/g, '');
  if (hex.length % 2) hex += '0';
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return { bytes, end: close + 1 };
}

function parseObjects(pdf: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const pattern = /(\d+)\s+\d+\s+obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(pdf))) {
    const start = match.index + match[0].length;
    const end = pdf.indexOf('endobj', start);
    if (end < 0) break;
    let body = pdf.slice(start, end);
    let stream: string | null = null;
    const streamAt = body.search(/\bstream\r?\n/);
    if (streamAt >= 0) {
      const dataStart = body.indexOf('\n', streamAt) + 1;
      const dataEnd = body.lastIndexOf('endstream');
      stream = body.slice(dataStart, dataEnd).replace(/\r?\n$/, '');
      body = body.slice(0, streamAt);
      if (/\/Filter\s*\/FlateDecode/.test(body)) stream = inflateSync(Buffer.from(stream, 'latin1')).toString('latin1');
    }
    objects.set(Number(match[1]), { body, stream });
    pattern.lastIndex = end;
  }
  return objects;
}

function refs(value: string): number[] {
  return [...value.matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));
}

/** Page objects in reading order, following the page tree from the catalog. */
function pagesInOrder(objects: Map<number, PdfObject>): PdfObject[] {
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o.body));
  const root = catalog ? refs(/\/Pages\s+(\d+\s+\d+\s+R)/.exec(catalog.body)?.[1] ?? '')[0] : undefined;
  const pages: PdfObject[] = [];
  const visit = (id: number, seen: Set<number>): void => {
    const node = objects.get(id);
    if (!node || seen.has(id)) return;
    seen.add(id);
    if (/\/Type\s*\/Pages\b/.test(node.body)) {
      for (const kid of refs(/\/Kids\s*\[([^\]]*)\]/.exec(node.body)?.[1] ?? '')) visit(kid, seen);
    } else if (/\/Type\s*\/Page\b/.test(node.body)) {
      pages.push(node);
    }
  };
  if (root !== undefined) visit(root, new Set());
  return pages;
}

type Operand = number | string | number[] | (number | string)[];

/** Visible text of one content stream: strings of Tj/TJ in order, a new line whenever the baseline moves. */
function streamText(content: string): string {
  let out = '';
  let lineY: number | null = null;
  let y = 0;
  const operands: Operand[] = [];
  let array: (number | string)[] | null = null;

  const write = (text: string): void => {
    if (lineY !== null && Math.abs(y - lineY) > 0.5) out += '\n';
    // the next table cell on the same row needs a space; the rest of a word pdfmake split after a
    // hyphen or slash ("non-" + "ASN") does not
    else if (out && !/[\s\-/]$/.test(out) && !/^\s/.test(text)) out += ' ';
    out += text;
    lineY = y;
  };

  let i = 0;
  while (i < content.length) {
    const c = content[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      i = content.indexOf('\n', i) < 0 ? content.length : content.indexOf('\n', i);
    } else if (c === '(' || (c === '<' && content[i + 1] !== '<')) {
      const { bytes, end } = c === '(' ? readLiteral(content, i) : readHex(content, i);
      const text = decodeWinAnsi(bytes);
      if (array) array.push(text);
      else operands.push(text);
      i = end;
    } else if (c === '<' || c === '>') {
      i += 2; // inline dictionaries (marked content): not text
    } else if (c === '[') {
      array = [];
      i++;
    } else if (c === ']') {
      if (array) operands.push(array);
      array = null;
      i++;
    } else {
      const token = /^[^\s()<>[\]{}/%]+|^\/[^\s()<>[\]{}/%]*/.exec(content.slice(i, i + 64))?.[0] ?? c;
      i += token.length;
      if (token.startsWith('/')) continue;
      const number = Number(token);
      if (!Number.isNaN(number)) {
        if (array) array.push(number);
        else operands.push(number);
        continue;
      }
      switch (token) {
        case 'Tm':
          y = Number(operands[5] ?? y);
          break;
        case 'Td':
        case 'TD':
          y += Number(operands[1] ?? 0);
          break;
        case 'T*':
          y -= 1;
          break;
        case 'Tj':
        case "'":
        case '"': {
          if (token !== 'Tj') y -= 1;
          const text = operands[operands.length - 1];
          if (typeof text === 'string') write(text);
          break;
        }
        case 'TJ': {
          const parts = operands[operands.length - 1];
          if (Array.isArray(parts)) {
            // kerning is a few hundredths of an em; a large gap stands for a space
            write(parts.map((p) => (typeof p === 'string' ? p : p < -200 ? ' ' : '')).join(''));
          }
          break;
        }
      }
      operands.length = 0;
    }
  }
  return out;
}

function contentStreams(objects: Map<number, PdfObject>, page: PdfObject): string[] {
  const contents = /\/Contents\s+(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(page.body)?.[1] ?? '';
  return refs(contents).flatMap((id) => {
    const stream = objects.get(id)?.stream;
    return stream === null || stream === undefined ? [] : [stream];
  });
}

/** The visible text of a PDF Jaring rendered: one line per baseline, pages separated by a blank line, no-break spaces as spaces. */
export function pdfText(buffer: Buffer): string {
  const objects = parseObjects(buffer.toString('latin1'));
  return pagesInOrder(objects)
    .map((page) => contentStreams(objects, page).map(streamText).join('\n'))
    .join('\n\n')
    .replace(/\u00a0/g, ' ') // no-break spaces read as spaces
    .replace(/[ \t]+\n/g, '\n');
}

/** Page count, title and orientation (A4 landscape is 841.89 × 595.28 points) of a PDF Jaring rendered. */
export function pdfInfo(buffer: Buffer): { pages: number; title?: string; landscape: boolean } {
  const pdf = buffer.toString('latin1');
  const objects = parseObjects(pdf);
  const pages = pagesInOrder(objects);
  const box = /\/MediaBox\s*\[\s*([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s*\]/.exec(pages[0]?.body ?? '');
  const landscape = box ? Number(box[3]) - Number(box[1]) > Number(box[4]) - Number(box[2]) : false;

  let title: string | undefined;
  const infoId = refs(/\/Info\s+(\d+\s+\d+\s+R)/.exec(pdf)?.[1] ?? '')[0];
  const info = infoId === undefined ? undefined : objects.get(infoId)?.body;
  const titleValue = info ? /\/Title\s+(\d+\s+\d+\s+R|\(|<)/.exec(info) : null;
  if (info && titleValue) {
    // pdfkit writes each Info value as its own object; older writers put it inline
    const [source, at] = titleValue[1]!.endsWith('R')
      ? [(objects.get(refs(titleValue[1]!)[0]!)?.body ?? '').trim(), 0]
      : [info, titleValue.index + titleValue[0].length - 1];
    if (source[at] === '(') title = decodeTextString(readLiteral(source, at).bytes);
    else if (source[at] === '<') title = decodeTextString(readHex(source, at).bytes);
  }
  return { pages: pages.length, ...(title === undefined ? {} : { title }), landscape };
}
