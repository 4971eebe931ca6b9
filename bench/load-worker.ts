/**
 * The load generator, run in a worker thread so that sending requests does not take event-loop time
 * from the server under test (which runs in the main thread, as in `npm start`). Plain node:http with
 * keep-alive: one connection per concurrent "user", a bounded number of requests, a deadline.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadRequest, LoadResult, LoadSpec } from './load.ts';

interface Answer {
  status: number;
  body: string;
}

const spec = workerData as LoadSpec;
const target = new URL(spec.origin);
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });

function send(request: LoadRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { cookie: spec.cookie, accept: 'application/json' };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(request.body);
    }
    const req = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.path, headers, agent, timeout: spec.requestTimeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${spec.requestTimeoutMs} ms`)));
    req.on('error', reject);
    req.end(request.body);
  });
}

async function run(): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const statusCounts: Record<string, number> = {};
  const errorSamples: string[] = [];
  const note = (key: string, sample: string) => {
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    if (errorSamples.length < 5) errorSamples.push(`${key}: ${sample.slice(0, 300)}`);
  };
  let next = 0;
  const startedAt = performance.now();
  const deadline = startedAt + spec.deadlineMs;

  async function user(): Promise<void> {
    while (next < spec.requests.length && performance.now() < deadline) {
      const request = spec.requests[next++]!;
      const t0 = performance.now();
      try {
        const answer = await send(request);
        const ms = performance.now() - t0;
        if (answer.status === spec.expectStatus) {
          latenciesMs.push(ms);
          statusCounts[String(answer.status)] = (statusCounts[String(answer.status)] ?? 0) + 1;
        } else {
          note(String(answer.status), answer.body);
        }
      } catch (err) {
        note('network', (err as Error).message);
      }
    }
  }

  await Promise.all(Array.from({ length: spec.concurrency }, () => user()));
  const durationMs = performance.now() - startedAt;
  agent.destroy();
  return { latenciesMs, statusCounts, errorSamples, durationMs, sent: next, notSent: spec.requests.length - next };
}

parentPort!.postMessage(await run());
