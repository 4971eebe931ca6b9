/**
 * docs/access-matrix.md, rendered from the table in access-matrix.ts. The API test fails when the file
 * and the table differ; write it again with `npx tsx server/security/render-access-matrix.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES } from '../../core/roles.ts';
import { ACCESS_MATRIX, ACTORS, CENSUS_ONLY, expectedOutcome, type MatrixEntry, type Outcome } from './access-matrix.ts';
import { DISTRICT_A, DISTRICT_B, OTHER_REGENCY, REGENCY, VILLAGE_A, VILLAGE_B } from './matrix-fixtures.ts';

export const ACCESS_MATRIX_DOC = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../docs/access-matrix.md');

const SCOPE_LABEL = { none: '–', resource: 'record', region: 'region' } as const;

function show(outcome: Outcome | undefined): string {
  if (outcome === undefined) return 'n/a';
  return outcome === CENSUS_ONLY ? '403 CO' : String(outcome);
}

function cell(entry: MatrixEntry, actor: (typeof ACTORS)[number]): string {
  const inScope = show(expectedOutcome(entry, actor, 'in'));
  if (entry.scope === 'none' || actor === 'anonymous') return inScope;
  const outOfScope = show(expectedOutcome(entry, actor, 'out'));
  return inScope === outOfScope ? inScope : `${inScope} / ${outOfScope}`;
}

/** The number of requests the test sends: one per route, role and scope that exists. */
export function countCases(): number {
  let n = 0;
  for (const entry of ACCESS_MATRIX) {
    for (const actor of ACTORS) for (const scope of ['in', 'out'] as const) if (expectedOutcome(entry, actor, scope) !== undefined) n += 1;
  }
  return n;
}

export function renderAccessMatrix(): string {
  const routes = new Set(ACCESS_MATRIX.map((e) => e.route)).size;
  const lines = [
    '# Access matrix',
    '',
    '<!-- Rendered from server/security/access-matrix.ts by `npx tsx server/security/render-access-matrix.ts`; do not edit by hand. -->',
    '',
    `Every route the API registers (${routes}), for every role and for anonymous callers, in and out of the`,
    `caller's scope: the status it answers. \`server/security/access-matrix.api.test.ts\` sends all ${countCases()}`,
    'requests against a fresh database and fails on any difference, on any registered route missing here, and',
    'on any route listed here that does not exist.',
    '',
    '**Callers.** admin, bpjs and viewer: the regency (`' + REGENCY + '`); district: `' + DISTRICT_A + '`; village',
    'operator and enumerator: village A, `' + VILLAGE_A + '`.',
    '',
    '**Scope** (column *Scope*):',
    '- *record* — the request names a record (worker, claim, payment, import, source, round…) of village A (in scope)',
    '  or of village B, `' + VILLAGE_B + '` in district `' + DISTRICT_B + '` (out of scope). Regency-wide roles',
    '  have no record outside their scope: *n/a*.',
    "- *region* — the request names a region: the caller's own (in), or its sibling (out): village B, district",
    '  `' + DISTRICT_B + '`, or for regency-wide roles another regency (`' + OTHER_REGENCY + '`, unknown to this installation:',
    '  400 where a route validates the region before the scope).',
    '- *–* — no region involved: one request per role.',
    '',
    '**Cells.** One value: the same in and out of scope; `in / out` otherwise. `403 CO`: 403 with code',
    '`CENSUS_ONLY` (enumerators use the census routes and `GET /api/me` only). On `POST /api/census/sync` the',
    'status is always 200; the words say what became of the one entry sent (`rejected:FORBIDDEN` out of scope).',
    'A read by id of another village\'s record answers 403 or 404 — never the record; ids are random UUIDv4.',
    '',
    `| Route | Scope | ${ACTORS.join(' | ')} | Note |`,
    `|---|---|${ACTORS.map(() => '---').join('|')}|---|`,
  ];
  for (const entry of ACCESS_MATRIX) {
    const note = [entry.note, entry.regencyWide].filter(Boolean).join(' ').replaceAll('|', '\\|');
    lines.push(`| \`${entry.route}\`${entry.variant ? ` (${entry.variant})` : ''} | ${SCOPE_LABEL[entry.scope]} | ${ACTORS.map((a) => cell(entry, a)).join(' | ')} | ${note} |`);
  }
  lines.push('', `Roles: ${ROLES.join(', ')} (core/roles.ts).`, '');
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(ACCESS_MATRIX_DOC, renderAccessMatrix());
  console.log(`wrote ${path.relative(process.cwd(), ACCESS_MATRIX_DOC)}: ${ACCESS_MATRIX.length} rows, ${countCases()} cases`);
}
