/**
 * A CPU profile of the main thread (the server) while some work runs, folded into where the time went:
 * Postgres inside PGlite (WebAssembly), Fastify, zod, Drizzle, Jaring's own code, Node, garbage collection.
 */
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  /** Milliseconds of main-thread time, idle excluded. */
  busyMs: number;
  idleMs: number;
  byPart: { part: string; ms: number; share: number }[];
  topFunctions: { fn: string; part: string; ms: number }[];
}

const PACKAGE_PARTS: [RegExp, string][] = [
  [/node_modules\/@electric-sql\/pglite/, 'PGlite JS glue'],
  [/node_modules\/(fastify|@fastify|find-my-way|avvio|fast-json-stringify|fast-uri|light-my-request|pino|abstract-logging|secure-json-parse|toad-cache)/, 'Fastify & plugins'],
  [/node_modules\/(zod|fastify-type-provider-zod)/, 'zod (validation, serialisation)'],
  [/node_modules\/drizzle-orm/, 'Drizzle ORM'],
  [/node_modules\/tsx/, 'tsx loader'],
];

function partOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)' || functionName === '(root)') return 'V8 / native (program)';
  if (url.startsWith('wasm://')) return 'Postgres in PGlite (WebAssembly)';
  for (const [pattern, part] of PACKAGE_PARTS) if (pattern.test(url)) return part;
  if (/\/(server|core)\//.test(url) && !url.includes('node_modules')) return 'Jaring code (server/, core/)';
  if (url.startsWith('node:') || url === '') return 'Node.js (http, net, crypto, builtins)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return pkg ? `other package: ${pkg[1]}` : 'other';
}

export async function profileWork(work: () => Promise<unknown>): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  let profile: CpuProfile = { nodes: [] };
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    try {
      await work();
    } finally {
      ({ profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile });
    }
  } finally {
    session.disconnect();
  }
  return summarizeProfile(profile);
}

function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i; attribute it to that sample's node.
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + Math.max(0, deltas[i] ?? 0));

  const parts = new Map<string, number>();
  const functions = new Map<string, { part: string; us: number }>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const part = partOf(node.callFrame);
    if (part === '(idle)') {
      idleUs += us;
      continue;
    }
    parts.set(part, (parts.get(part) ?? 0) + us);
    const where = node.callFrame.url ? `${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|core)\//, '$1/')}:${node.callFrame.lineNumber + 1}` : '';
    const key = `${node.callFrame.functionName || '(anonymous)'} ${where}`.trim();
    const entry = functions.get(key) ?? { part, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const busyUs = [...parts.values()].reduce((s, v) => s + v, 0);
  return {
    busyMs: Math.round(busyUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    byPart: [...parts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([part, us]) => ({ part, ms: Math.round(us / 1000), share: Math.round((us / busyUs) * 1000) / 10 })),
    topFunctions: [...functions.entries()]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, 12)
      .map(([fn, { part, us }]) => ({ fn, part, ms: Math.round(us / 1000) })),
  };
}
